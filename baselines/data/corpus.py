"""Everything a masked-LM stage (`pretrain`, `distill`) reads: the training and eval sets of its
:class:`~baselines.arguments.CorpusArguments`, their masking collators, and the Trainer arguments built on them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class MaskedLMData:
    train: object
    eval: object | None
    summary: dict
    collator: object
    eval_collator: object

    def trainer_kwargs(self, stage, callbacks: list | None = None) -> dict:
        """The keyword arguments of a :class:`~baselines.training.StageTrainer` over this data in ``stage``: the
        training collator's masking epoch follows the Trainer's; evaluation keeps fixed masks."""
        from baselines.training import EpochCallback

        return {
            "args": stage.trainer_arguments(streaming=self.summary["streaming"], has_eval=self.eval is not None),
            "train_dataset": self.train,
            "eval_dataset": self.eval,
            "data_collator": self.collator,
            "eval_data_collator": self.eval_collator,
            "callbacks": stage.callbacks(EpochCallback(self.collator), *(callbacks or [])),
        }


def masked_lm_data(data, tokenizer, config, max_length: int, seed: int) -> MaskedLMData:
    """Pack and mix ``data.sources`` (and ``data.eval_sources``) for a model of ``config``."""
    from .masking import mlm_collator
    from .packing import evaluation_data, training_data

    train, summary = training_data(data.sources, tokenizer, max_length, seed=seed, stopping=data.stopping,
                                   max_examples=data.max_train_examples, text_field=data.text_field,
                                   split=data.split)
    evaluation = None
    if data.eval_sources:
        evaluation, summary["eval"] = evaluation_data(data.eval_sources, tokenizer, max_length,
                                                      max_examples=data.max_eval_examples,
                                                      text_field=data.text_field, split=data.eval_split)
    return MaskedLMData(train, evaluation, summary,
                        collator=mlm_collator(tokenizer, config, data.mlm_probability, seed=seed),
                        eval_collator=mlm_collator(tokenizer, config, data.mlm_probability, seed=seed))
