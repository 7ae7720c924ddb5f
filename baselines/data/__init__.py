"""Training text for the masked-language-model stages, one job per module:

* :mod:`~baselines.data.sources`: ``PATH[:RATIO[:MAX_TOKENS]]`` sources and their readers (no torch);
* :mod:`~baselines.data.packing`: packing documents into sequences, mixing sources (``datasets.interleave_datasets``);
* :mod:`~baselines.data.masking`: the dynamic masking collator.

Nothing is imported here, so that ``baselines.data.sources`` stays importable without torch.
"""
