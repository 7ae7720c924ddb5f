"""What every extractive-QA loader does to its examples before they become a Dataset: unique ids and checked
answers (see :mod:`loaders.answers`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from loaders.answers import ON_BAD_ANSWER, OnBadAnswer, check_answers
from loaders.errors import DataFormatError, LoaderError
from loaders.report import LoadReport


def check_policy(on_bad_answer: str) -> OnBadAnswer:
    if on_bad_answer not in ON_BAD_ANSWER:
        raise LoaderError(f"on_bad_answer must be one of {ON_BAD_ANSWER}, not {on_bad_answer!r}")
    return on_bad_answer  # type: ignore[return-value]


def checked_examples(
    examples: Iterable[dict[str, Any]],
    *,
    split: str,
    source: str,
    report: LoadReport,
    on_bad_answer: OnBadAnswer,
) -> Iterator[dict[str, Any]]:
    seen: set[str] = set()
    for example in examples:
        if example["id"] in seen:
            raise DataFormatError(f"{source}: example id {example['id']!r} occurs twice")
        seen.add(example["id"])
        kept = check_answers(example, split=split, report=report, on_bad_answer=on_bad_answer, where=source)
        if kept is not None:
            if not kept["answers"]["text"]:
                report.count(split, "without_answer")
            yield kept


def read_json(file: Path) -> Any:
    try:
        with open(file, encoding="utf-8") as fh:
            return json.load(fh)
    except json.JSONDecodeError as exc:
        raise DataFormatError(f"{file}:{exc.lineno}: not valid JSON ({exc.msg})") from exc


class RecordError(DataFormatError):
    """Raised by the record parsers; names the file and the record's position."""


def field(record: dict[str, Any], key: str, where: str) -> Any:
    try:
        return record[key]
    except (KeyError, TypeError):
        raise RecordError(f"{where}: missing field {key!r}") from None
