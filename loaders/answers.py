"""QA answers: checked against their context, re-anchored when unambiguous, searched for by alias.

Every answer must satisfy ``context[answer_start:][:len(text)] == text``. One that does not is moved to the only
occurrence of its text in the context (counted as ``answer_reanchored``); if the text occurs zero or several
times (overlapping occurrences count: ``555`` occurs twice in ``5555``) it is reported with the example id and,
by policy, raises (``"error"``, the default) or is removed (``"drop"``; an example left with no answer although
it had some is dropped too, counted).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Literal

from loaders.errors import AnswerError
from loaders.report import LoadReport

OnBadAnswer = Literal["error", "drop"]
ON_BAD_ANSWER: tuple[str, ...] = ("error", "drop")


def answer_matches(context: str, text: str, start: int) -> bool:
    return bool(text) and start >= 0 and context[start : start + len(text)] == text


def occurrences(context: str, text: str) -> list[int]:
    """Every start of ``text`` in ``context``, overlapping ones included ('555' occurs twice in '5555')."""
    found: list[int] = []
    if not text:
        return found
    at = context.find(text)
    while at >= 0:
        found.append(at)
        at = context.find(text, at + 1)
    return found


def check_answers(
    example: dict[str, Any], *, split: str, report: LoadReport, on_bad_answer: OnBadAnswer, where: str
) -> dict[str, Any] | None:
    """Return ``example`` with every answer verified (re-anchored where unambiguous), or None if it is dropped.

    ``where`` names the source (file or Hub id) for messages.
    """
    context, answers = example["context"], example["answers"]
    texts: list[str] = []
    starts: list[int] = []
    for text, start in zip(answers["text"], answers["answer_start"]):
        if answer_matches(context, text, start):
            texts.append(text)
            starts.append(start)
            continue
        found = occurrences(context, text)
        if len(found) == 1:
            report.note(split, "answer_reanchored", f"{where}: example {example['id']}",
                        f"answer {text!r} moved from {start} to {found[0]}")
            texts.append(text)
            starts.append(found[0])
            continue
        problem = (
            f"answer {text!r} at {start} does not match the context there "
            f"({context[max(start, 0) : max(start, 0) + len(text)]!r}) and occurs {len(found)} times in it"
        )
        if on_bad_answer == "error":
            raise AnswerError(f"{where}: example {example['id']}: {problem} (on_bad_answer='drop' drops it)")
        report.note(split, "answer_dropped", f"{where}: example {example['id']}", problem)
    if answers["text"] and not texts:
        report.note(split, "example_dropped", f"{where}: example {example['id']}", "none of its answers is valid")
        return None
    example["answers"] = {"text": texts, "answer_start": starts}
    return example


def alias_pattern(aliases: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern matching any alias as a whole word sequence (longest alias first)."""
    unique = sorted({a.strip() for a in aliases if a and a.strip()}, key=lambda a: (-len(a), a))
    if not unique:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, unique)) + r")(?!\w)", re.IGNORECASE)


def find_aliases(context: str, pattern: re.Pattern[str] | None) -> dict[str, list]:
    """Every non-overlapping alias occurrence, as SQuAD-style answers (the text as it appears in ``context``)."""
    if pattern is None:
        return {"text": [], "answer_start": []}
    matches = list(pattern.finditer(context))
    return {"text": [m.group(0) for m in matches], "answer_start": [m.start() for m in matches]}
