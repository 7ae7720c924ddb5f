"""GLUE metrics with scikit-learn and scipy, per task as the GLUE benchmark reports them.

| task | metrics | ``score`` |
|---|---|---|
| cola | Matthews correlation | it |
| sst2, mnli(_matched/_mismatched), qnli, rte, wnli | accuracy | it |
| mrpc, qqp | accuracy, F1 of the positive class (1) | their mean |
| stsb | Pearson and Spearman correlation | their mean |

``score`` is the GLUE leaderboard's per-task number (the mean where a task has two metrics), the headline the
report compares. All values are percentages (correlations x 100). A correlation of constant predictions is
undefined: it is NaN (and ``score`` with it), stored as null in a results file.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

GLUE_METRICS: dict[str, tuple[str, ...]] = {
    "cola": ("matthews_correlation",),
    "sst2": ("accuracy",),
    "mrpc": ("accuracy", "f1"),
    "stsb": ("pearson", "spearman"),
    "qqp": ("accuracy", "f1"),
    "mnli": ("accuracy",),
    "mnli_matched": ("accuracy",),
    "mnli_mismatched": ("accuracy",),
    "qnli": ("accuracy",),
    "rte": ("accuracy",),
    "wnli": ("accuracy",),
}
NO_LABEL = -1  # unlabelled rows (GLUE test splits), see loaders.formats


def glue_scores(task: str, predictions: Sequence, references: Sequence) -> dict[str, float]:
    """The metrics of GLUE ``task`` (a loaders ``glue`` task name) plus ``score``; class ids for classification
    tasks, floats for ``stsb``."""
    import numpy as np

    if task not in GLUE_METRICS:
        raise ValueError(f"unknown GLUE task {task!r}; known: {', '.join(GLUE_METRICS)}")
    pred, ref = np.asarray(predictions), np.asarray(references)
    if pred.shape != ref.shape or pred.ndim != 1:
        raise ValueError(f"{task}: predictions {pred.shape} and references {ref.shape} must be two equal 1-d lists")
    if not len(ref):
        raise ValueError(f"{task}: nothing to score")
    if task == "stsb":
        if not (np.isfinite(pred).all() and np.isfinite(ref).all()):
            raise ValueError("stsb: predictions and references must be finite numbers")
    elif (ref == NO_LABEL).any():
        raise ValueError(f"{task}: {int((ref == NO_LABEL).sum())} references are -1 (unlabelled rows, e.g. a GLUE "
                         "test split): score a labelled split")
    out = {name: 100.0 * _metric(name, pred, ref) for name in GLUE_METRICS[task]}
    values = list(out.values())
    out["score"] = math.nan if any(math.isnan(v) for v in values) else sum(values) / len(values)
    out["total"] = len(ref)
    return out


def _metric(name: str, pred, ref) -> float:
    from scipy.stats import pearsonr, spearmanr
    from sklearn.metrics import accuracy_score, f1_score, matthews_corrcoef

    if name == "accuracy":
        return float(accuracy_score(ref, pred))
    if name == "f1":
        return float(f1_score(ref, pred, pos_label=1, average="binary", zero_division=0))
    if name == "matthews_correlation":
        return float(matthews_corrcoef(ref, pred))
    if len(set(pred.tolist())) < 2 or len(set(ref.tolist())) < 2:
        return math.nan  # correlation with a constant is undefined (scipy would warn and say nan)
    return float(pearsonr(pred, ref)[0] if name == "pearson" else spearmanr(pred, ref)[0])
