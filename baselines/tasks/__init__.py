"""The fine-tuning and evaluation tasks: one class per family (NER over long documents, extractive QA over long
contexts, GLUE classification and regression), each turning a ``loaders`` split into model features and model
outputs back into the task's metrics (see :mod:`baselines.tasks.base`)."""

from __future__ import annotations

from baselines.arguments import TaskArguments, coerce_arguments

from .base import Evaluation, Task


def get_task(args: TaskArguments | dict) -> Task:
    """The :class:`Task` for ``args.task``."""
    args = coerce_arguments(TaskArguments, args, "task")
    if args.family == "ner":
        from .ner import NerTask

        return NerTask(args)
    if args.family == "qa":
        from .qa import QaTask

        return QaTask(args)
    from .classification import ClassificationTask

    return ClassificationTask(args)


__all__ = ["Evaluation", "Task", "get_task"]
