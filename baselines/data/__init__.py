"""Training text for the masked-language-model stages, one job per module:

* :mod:`~baselines.data.sources`: ``PATH[:RATIO[:MAX_TOKENS]]`` sources and their readers (no torch);
* :mod:`~baselines.data.packing`: packing documents into sequences, mixing sources (``datasets.interleave_datasets``);
* :mod:`~baselines.data.masking`: the dynamic masking collator;
* :mod:`~baselines.data.corpus`: all of it together for a masked-LM stage (sets, collators, Trainer arguments).

Nothing is imported here, so that ``baselines.data.sources`` stays importable without torch.
"""
