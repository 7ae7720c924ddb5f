"""Task metrics, computed locally (``evaluate.load`` would download its scripts): plain functions over labels and
strings, so that any training loop, a saved prediction file or the ``run`` pipeline can call them.

- :mod:`baselines.metrics.ner`: seqeval entity scores in strict IOB2 mode and in the conlleval-compatible default
  mode, and the entity-type confusion matrix;
- :mod:`baselines.metrics.qa`: SQuAD v1.1 / v2.0, HotpotQA (answer) and TriviaQA EM/F1 with each official script's
  answer normalisation;
- :mod:`baselines.metrics.glue`: accuracy, F1, Matthews correlation, Pearson/Spearman (scikit-learn, scipy).

Every score is a percentage (0-100), as the official QA scripts and the GLUE leaderboard print them; correlations
too (Matthews, Pearson, Spearman x 100). Each task has one headline metric (:data:`HEADLINE`), the score the
report's table compares between teacher and student.
"""

from __future__ import annotations

#: The metric (a key of the task's metrics dict) that the report compares between teacher and student.
HEADLINE: dict[str, str] = {
    "conll2003": "strict.micro.f1",
    "gonerd": "strict.micro.f1",
    "conll": "strict.micro.f1",
    "squad": "f1",
    "squad_v2": "f1",
    "hotpotqa": "f1",
    "triviaqa": "f1",
    "glue": "score",  # each GLUE task's own combination: see baselines.metrics.glue.GLUE_METRICS
}


def headline_metric(task: str) -> str:
    """The headline metric of ``task`` (``glue/<name>`` for a GLUE task)."""
    family = task.split("/", 1)[0]
    try:
        return HEADLINE[family]
    except KeyError:
        raise ValueError(f"no headline metric for task {task!r}; known: {', '.join(HEADLINE)} (glue as glue/<name>)")\
            from None
