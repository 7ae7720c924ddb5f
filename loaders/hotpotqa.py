"""HotpotQA (distractor setting; the fullwiki files have the same layout) -> extractive QA over long contexts.

The context is every paragraph, as ``title`` + newline + its sentences, paragraphs separated by a blank line (the
ten distractor paragraphs run to over a thousand tokens). Sentences are joined as written (HotpotQA's sentences
after the first carry their leading space); a space is added only where a sentence has none. ``supporting`` keeps
the supporting facts with the character span of each sentence in the context (``-1`` if the fact names a title or
sentence index that the context lacks, which the data has: counted as ``supporting_fact_missing``).

Answers: ``yes``/``no`` answers are not spans: ``answers`` is empty, ``answer_type`` is ``yes``/``no`` (kept by
default, ``yes_no="drop"`` drops them, counted). A span answer is located in the context: the first occurrence
inside a supporting sentence, else the first anywhere; exact case first, then ignoring case (counted). An answer
that does not occur is ``answer_not_found``: dropped by default (``on_missing_answer="keep"`` keeps the example
with no answer and ``answer_type`` ``not_found``; ``"error"`` raises). Unlabelled (test) examples have
``answer_type`` None. A missing field or a value of the wrong type (a supporting fact's sentence index that is
not an integer, sentences that are not a list of strings, ...) is a ``DataFormatError`` naming the file, the
record's position and its ``_id``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loaders.arrow import build_dataset
from loaders.errors import AnswerError, LoaderError
from loaders.formats import qa_features
from loaders.hub import load_hub
from loaders.qa import (
    RecordError,
    check_policy,
    checked_examples,
    describe,
    field,
    integer,
    optional_field,
    read_json,
    require_items,
    strings,
)
from loaders.report import LoadReport
from loaders.splits import PathArg, resolve_split_files

if TYPE_CHECKING:
    import datasets

HUB_ID = "hotpotqa/hotpot_qa"
PARAGRAPH_SEP = "\n\n"
TITLE_SEP = "\n"
ON_MISSING = ("drop", "keep", "error")
YES_NO = ("keep", "drop")


def features() -> datasets.Features:
    import datasets

    string, int32 = datasets.Value("string"), datasets.Value("int32")
    return qa_features({
        "answer": string,
        "answer_type": string,  # span | yes | no | not_found | None (unlabelled)
        "type": string,  # bridge | comparison
        "level": string,  # easy | medium | hard
        "supporting": datasets.List({"title": string, "sent_id": int32, "start": int32, "end": int32}),
    })


def load_hotpotqa(
    path: PathArg | None = None,
    *,
    report: LoadReport,
    on_missing_answer: str = "drop",
    yes_no: str = "keep",
    on_bad_answer: str = "error",
    hub_id: str = HUB_ID,
    config: str = "distractor",
    revision: str | None = None,
    cache_dir: str | Path | None = None,
) -> datasets.DatasetDict:
    import datasets

    if on_missing_answer not in ON_MISSING:
        raise LoaderError(f"on_missing_answer must be one of {ON_MISSING}, not {on_missing_answer!r}")
    if yes_no not in YES_NO:
        raise LoaderError(f"yes_no must be one of {YES_NO}, not {yes_no!r}")
    policy = check_policy(on_bad_answer)
    if path is None:
        hub = load_hub(hub_id, config, report=report, revision=revision, cache_dir=cache_dir)
        sources = {split: (f"{hub_id}/{config}[{split}]", (hub_record(r) for r in rows)) for split, rows in hub.items()}
    else:
        sources = {}
        for split, file in resolve_split_files(path, report=report, accept=lambda p: p.suffix == ".json").items():
            report.source(split, str(file))
            sources[split] = (str(file), require_items(file_records(read_json(file), file), str(file),
                                                       "examples (the list is empty)"))
    out = datasets.DatasetDict()
    for split, (source, records) in sources.items():
        examples = (
            example
            for record in records
            if (example := build_example(record, split=split, source=source, report=report,
                                         on_missing_answer=on_missing_answer, yes_no=yes_no)) is not None
        )
        rows = checked_examples(examples, split=split, source=source, report=report, on_bad_answer=policy)
        out[split] = build_dataset(rows, features(), cache_dir=cache_dir, name=split)
        report.count(split, "rows", len(out[split]))
    return out


def file_records(data: Any, file: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    if not isinstance(data, list):
        raise LoaderError(f"{file}: expected a JSON list of HotpotQA examples, found {type(data).__name__}")
    for i, record in enumerate(data):
        yield f"{file}: record {i}", record


def hub_record(row: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A ``hotpotqa/hotpot_qa`` row (``context {title, sentences}``, ``supporting_facts {title, sent_id}``) in the
    original JSON layout."""
    facts = row.get("supporting_facts") or {"title": [], "sent_id": []}
    return f"hub row {row['id']}", {
        "_id": row["id"],
        "question": row["question"],
        "answer": row.get("answer") or None,
        "type": row.get("type") or None,
        "level": row.get("level") or None,
        "supporting_facts": [list(pair) for pair in zip(facts["title"], facts["sent_id"])],
        "context": [list(pair) for pair in zip(row["context"]["title"], row["context"]["sentences"])],
    }


def assemble_context(paragraphs: Any, where: str) -> tuple[str, dict[tuple[str, int], tuple[int, int]]]:
    """The context text and the character span of every (title, sentence index)."""
    if not isinstance(paragraphs, list):
        raise RecordError(f"{where}: field 'context' is {describe(paragraphs)}, expected a list of "
                          "[title, sentences] pairs")
    parts: list[str] = []
    spans: dict[tuple[str, int], tuple[int, int]] = {}
    pos = 0
    for p, paragraph in enumerate(paragraphs):
        at = f"{where}: context[{p}]"
        if not isinstance(paragraph, list) or len(paragraph) != 2:
            raise RecordError(f"{at}: expected a [title, sentences] pair, found {describe(paragraph)}")
        title, sentences = paragraph
        if not isinstance(title, str):
            raise RecordError(f"{at}: title {title!r} is not a string")
        strings(sentences, at, "the sentence list", "sentence {i}")
        if parts:
            parts.append(PARAGRAPH_SEP)
            pos += len(PARAGRAPH_SEP)
        parts.append(title + TITLE_SEP)
        pos += len(title) + len(TITLE_SEP)
        body = ""
        for s, sentence in enumerate(sentences):
            if body and not body[-1].isspace() and sentence[:1] and not sentence[0].isspace():
                body += " "
            lead = len(sentence) - len(sentence.lstrip())
            start = pos + len(body) + lead
            body += sentence
            spans.setdefault((title, s), (start, max(start, pos + len(body.rstrip()))))
        parts.append(body)
        pos += len(body)
    return "".join(parts), spans


def supporting_fact(fact: Any, where: str) -> tuple[str, int]:
    if not isinstance(fact, list) or len(fact) != 2:
        raise RecordError(f"{where}: expected a [title, sentence index] pair, found {fact!r}")
    title, sent_id = fact
    if not isinstance(title, str):
        raise RecordError(f"{where}: title {title!r} is not a string")
    return title, integer(sent_id, where, "sentence index")


def locate(context: str, answer: str, preferred: list[tuple[int, int]]) -> tuple[int, bool] | None:
    """Start of the answer (inside a preferred span if possible) and whether case had to be ignored."""
    for flags, ignored in ((0, False), (re.IGNORECASE, True)):
        starts = [m.start() for m in re.finditer(f"(?={re.escape(answer)})", context, flags)]  # overlapping too
        if starts:
            inside = [s for s in starts if any(a <= s and s + len(answer) <= b for a, b in preferred)]
            return (inside or starts)[0], ignored
    return None


def build_example(
    item: tuple[str, dict[str, Any]], *, split: str, source: str, report: LoadReport, on_missing_answer: str,
    yes_no: str,
) -> dict[str, Any] | None:
    where, record = item
    example_id = str(field(record, "_id", where, (str, int)))
    where = f"{where} ({example_id})"
    context, spans = assemble_context(field(record, "context", where), where)
    question = field(record, "question", where, str)
    answer = optional_field(record, "answer", where, str) or None
    supporting = []
    for f, fact in enumerate(optional_field(record, "supporting_facts", where, list) or []):
        title, sent_id = supporting_fact(fact, f"{where}: supporting_facts[{f}]")
        start, end = spans.get((title, sent_id), (-1, -1))
        if start < 0:
            report.note(split, "supporting_fact_missing", f"{source}: example {example_id}",
                        f"supporting fact ({title!r}, {sent_id}) is not in the context")
        supporting.append({"title": title, "sent_id": sent_id, "start": start, "end": end})
    answers: dict[str, list] = {"text": [], "answer_start": []}
    if answer is None:
        answer_type = None
    elif answer.strip().lower() in ("yes", "no"):
        answer_type = answer.strip().lower()
        if yes_no == "drop":
            report.note(split, "yes_no_dropped", f"{source}: example {example_id}", f"answer {answer!r}")
            return None
        report.count(split, f"answer_{answer_type}")
    else:
        found = locate(context, answer, [(s["start"], s["end"]) for s in supporting if s["start"] >= 0])
        if found is None:
            message = f"answer {answer!r} does not occur in the context"
            if on_missing_answer == "error":
                raise AnswerError(f"{source}: example {example_id}: {message} (on_missing_answer='drop' drops it)")
            report.note(split, "answer_not_found", f"{source}: example {example_id}",
                        message + ("; dropped" if on_missing_answer == "drop" else "; kept without answer"))
            if on_missing_answer == "drop":
                return None
            answer_type = "not_found"
        else:
            start, ignored_case = found
            if ignored_case:
                report.count(split, "answer_found_ignoring_case")
            answer_type = "span"
            answers = {"text": [context[start : start + len(answer)]], "answer_start": [start]}
    return {
        "id": example_id,
        "question": question,
        "context": context,
        "answers": answers,
        "answer": answer,
        "answer_type": answer_type,
        "type": optional_field(record, "type", where, str),
        "level": optional_field(record, "level", where, str),
        "supporting": supporting,
    }
