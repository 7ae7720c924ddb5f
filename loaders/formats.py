"""The three task formats every loader returns, as ``datasets.Features``.

- token classification: ``id``, ``tokens``, ``ner_tags`` (``List(ClassLabel)``);
- extractive QA: ``id``, ``question``, ``context``, ``answers {text, answer_start}`` (SQuAD's layout) plus
  per-dataset extras (``title``, ``supporting``...);
- sequence classification / regression: ``id``, ``idx``, ``text``, [``text_pair``], ``label`` (``ClassLabel``, or
  ``float32`` for regression). Unlabelled rows (GLUE test splits) have ``label == -1``, as on the Hub.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datasets

TOKEN_CLASSIFICATION = "token-classification"
EXTRACTIVE_QA = "extractive-qa"
SEQUENCE_CLASSIFICATION = "sequence-classification"
NO_LABEL = -1  # label of unlabelled rows (GLUE test splits), as on the Hub


def token_classification_features(
    label_names: Sequence[str], extra: Mapping[str, Any] | None = None
) -> datasets.Features:
    import datasets

    return datasets.Features(
        {
            "id": datasets.Value("string"),
            "tokens": datasets.List(datasets.Value("string")),
            "ner_tags": datasets.List(datasets.ClassLabel(names=list(label_names))),
            **(extra or {}),
        }
    )


def qa_features(extra: Mapping[str, Any] | None = None) -> datasets.Features:
    import datasets

    string = datasets.Value("string")
    return datasets.Features(
        {
            "id": string,
            "question": string,
            "context": string,
            "answers": {"text": datasets.List(string), "answer_start": datasets.List(datasets.Value("int32"))},
            **(extra or {}),
        }
    )


def sequence_classification_features(label_names: Sequence[str] | None, *, pair: bool) -> datasets.Features:
    """``label_names=None`` means regression (float labels)."""
    import datasets

    string = datasets.Value("string")
    label = datasets.Value("float32") if label_names is None else datasets.ClassLabel(names=list(label_names))
    columns: dict[str, Any] = {"id": string, "idx": datasets.Value("int32"), "text": string}
    if pair:
        columns["text_pair"] = string
    columns["label"] = label
    return datasets.Features(columns)


def derive_label_names(tags: Iterable[str]) -> list[str]:
    """Deterministic ClassLabel names for an IOB tag set: ``O`` first, then ``B-``/``I-`` pairs sorted by type.

    Both tags of a type are listed even when only one occurs, so the names do not depend on which split was seen.
    """
    types = sorted({tag[2:] for tag in tags if tag != "O"})
    return ["O", *(f"{prefix}-{kind}" for kind in types for prefix in ("B", "I"))]
