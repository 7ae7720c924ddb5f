"""What every extractive-QA loader does to its examples before they become a Dataset: unique ids and checked
answers (see :mod:`loaders.answers`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from loaders.answers import ON_BAD_ANSWER, OnBadAnswer, check_answers
from loaders.errors import DataFormatError, LoaderError
from loaders.report import LoadReport
from loaders.textfile import read_text

T = TypeVar("T")


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
    """A UTF-8 JSON file; an unreadable, non-UTF-8, empty or malformed one is an error naming the file (and the
    line)."""
    text = read_text(file, "utf-8", hint="JSON files must be UTF-8")
    if not text.strip():
        raise DataFormatError(f"{file}: " + ("empty file" if not text else "only whitespace") + ", not JSON")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFormatError(f"{file}:{exc.lineno}: not valid JSON ({exc.msg}, column {exc.colno})") from None
    except RecursionError:
        raise DataFormatError(f"{file}: JSON nested too deeply to read") from None


def require_items(items: Iterable[T], source: str, what: str) -> Iterator[T]:
    """``items``, or an error naming ``source`` when there is none: a file without examples would be an empty
    split, which is a broken or wrong file, not data."""
    empty = True
    for item in items:
        empty = False
        yield item
    if empty:
        raise DataFormatError(f"{source}: no {what}")


class RecordError(DataFormatError):
    """Raised by the record parsers; names the file and the record's position."""


KIND_NAMES = {str: "a string", int: "an integer", list: "a list", dict: "an object", float: "a number"}


def describe(value: Any) -> str:
    """``int 5`` / ``None`` / ``dict {'text': 'a'}``: a value's JSON-ish type and (shortened) repr, for messages."""
    if value is None:
        return "None"
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 60 else text[:57] + '...'}"


def of_kind(value: Any, kind: type | tuple[type, ...]) -> bool:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)


def field(record: dict[str, Any], key: str, where: str, kind: type | tuple[type, ...] | None = None) -> Any:
    """``record[key]``; a missing key (or a record that is not an object), or a value not of ``kind``, is a
    :class:`RecordError` naming ``where``."""
    try:
        value = record[key]
    except (KeyError, TypeError, IndexError):
        raise RecordError(f"{where}: missing field {key!r}") from None
    if kind is not None and not of_kind(value, kind):
        kinds = kind if isinstance(kind, tuple) else (kind,)
        expected = " or ".join(KIND_NAMES.get(k, k.__name__) for k in kinds)
        raise RecordError(f"{where}: field {key!r} is {describe(value)}, expected {expected}")
    return value


def optional_field(record: dict[str, Any], key: str, where: str, kind: type | tuple[type, ...]) -> Any:
    """``record[key]`` when present and not null (then of ``kind``), else None."""
    if record.get(key) is None:
        return None
    return field(record, key, where, kind)


def integer(value: Any, where: str, what: str) -> int:
    """A JSON integer; integral floats (``12.0``) and digit strings (``"12"``) are accepted as written by some
    converters; anything else is a :class:`RecordError`."""
    if of_kind(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit() and value.strip().isascii():
        return int(value)
    raise RecordError(f"{where}: {what} {value!r} is not an integer")


def strings(value: Any, where: str, what: str, item: str) -> list[str]:
    """A JSON list of strings (a lone string is not silently taken as a list of its characters). ``what`` names
    the list in messages, ``item`` each element (with ``{i}`` for its index)."""
    if not isinstance(value, list):
        raise RecordError(f"{where}: {what} is {describe(value)}, expected a list of strings")
    for i, element in enumerate(value):
        if not isinstance(element, str):
            raise RecordError(f"{where}: {item.format(i=i)} is {describe(element)}, expected a string")
    return value
