"""TriviaQA reading comprehension (rc) -> extractive QA, one example per (question, evidence document).

``path`` is the rc folder (``qa/{domain}-{train,dev,test-without-answers}.json`` and ``evidence/{web,wikipedia}/``)
or ``None`` for the Hub (``mandarjoshi/trivia_qa``, config ``rc.web`` / ``rc.wikipedia``). As in TriviaQA's own
rc setup (``utils/convert_to_squad_format.py`` and the evaluation script), every question is paired with each of
its documents: the ``EntityPages`` (Wikipedia evidence) and, in the web domain, the ``SearchResults`` (web
evidence). The example id is ``<QuestionId>--<Filename>``, the key of the web-domain evaluation; ``question_id``
allows the per-question aggregation of the Wikipedia domain.

The evidence is cut to ``max_context_tokens`` (default 4096 whitespace tokens; with ``tokenizer=``, that
tokenizer's tokens; ``None`` keeps whole documents) at the last token end within the budget that is a word
boundary: never between two sub-word pieces, which could turn "York|shire" into a false answer "York" (the
context may so hold a few tokens less than the budget). Answers are the occurrences, whole-word and ignoring
case, of any alias (``Aliases`` and ``NormalizedAliases``) in the cut context; ``answer_present`` says whether
there is one, ``answer_in_evidence`` whether the whole document had one (what the cut lost is
``answer_cut_off`` in the report). Pairs without an answer are kept (``drop_unanswerable=True`` drops them,
counted); the test split has no answers (``answer_present`` None).

Errors naming the question file and record (``Data[i] (QuestionId)``): a missing field or a value of the wrong
type (``Question`` not a string, ``Aliases`` not a list of strings, ...), a missing or non-UTF-8 evidence file,
and an evidence ``Filename`` that is absolute or has a ``..`` part (it could read outside ``evidence/``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loaders.answers import alias_pattern, find_aliases
from loaders.arrow import build_dataset
from loaders.errors import DataFormatError, LoaderError
from loaders.formats import qa_features
from loaders.hub import load_hub
from loaders.qa import checked_examples, field, optional_field, read_json, require_items, strings
from loaders.report import LoadReport
from loaders.textfile import read_bytes

if TYPE_CHECKING:
    import datasets

HUB_ID = "mandarjoshi/trivia_qa"
DOMAINS = ("web", "wikipedia")
SPLIT_FILES = {"train": "train", "validation": "dev", "test": "test-without-answers"}
DEFAULT_MAX_TOKENS = 4096
WORD = re.compile(r"\S+")
WORD_CHAR = re.compile(r"\w")


def features() -> datasets.Features:
    import datasets

    string = datasets.Value("string")
    return qa_features({
        "question_id": string,
        "title": string,  # the evidence document's title
        "source": string,  # wikipedia | web: which evidence folder
        "filename": string,
        "answer_value": string,
        "aliases": datasets.List(string),
        "normalized_aliases": datasets.List(string),
        "answer_present": datasets.Value("bool"),  # an alias occurs in the (cut) context; None when unlabelled
        "answer_in_evidence": datasets.Value("bool"),  # an alias occurs in the whole document
        "evidence_tokens": datasets.Value("int32"),  # the whole document's length in budget units
        "truncated": datasets.Value("bool"),
    })


def load_triviaqa(
    path: str | Path | None = None,
    *,
    report: LoadReport,
    domain: str = "web",
    max_context_tokens: int | None = DEFAULT_MAX_TOKENS,
    tokenizer: Any = None,
    drop_unanswerable: bool = False,
    hub_id: str = HUB_ID,
    revision: str | None = None,
    cache_dir: str | Path | None = None,
) -> datasets.DatasetDict:
    import datasets

    if domain not in DOMAINS:
        raise LoaderError(f"domain must be one of {DOMAINS}, not {domain!r}")
    if max_context_tokens is not None and max_context_tokens < 1:
        raise LoaderError(f"max_context_tokens must be positive or None, not {max_context_tokens}")
    budget = Budget(max_context_tokens, tokenizer)
    if path is None:
        config = f"rc.{domain}"
        hub = load_hub(hub_id, config, report=report, revision=revision, cache_dir=cache_dir)
        sources = {split: (f"{hub_id}/{config}[{split}]", hub_pairs(rows)) for split, rows in hub.items()}
    else:
        sources = file_sources(Path(path), domain, report=report)
    out = datasets.DatasetDict()
    for split, (source, pairs) in sources.items():
        examples = (
            example
            for question, doc, text in pairs
            if (example := pair_example(question, doc, text, budget=budget, split=split, source=source,
                                        report=report, drop_unanswerable=drop_unanswerable)) is not None
        )
        rows = checked_examples(examples, split=split, source=source, report=report, on_bad_answer="error")
        out[split] = build_dataset(rows, features(), cache_dir=cache_dir, name=split)
        report.count(split, "rows", len(out[split]))
    return out


class Budget:
    """Cuts a document to ``max_tokens`` whitespace tokens, or tokens of ``tokenizer`` (a fast HF tokenizer)."""

    def __init__(self, max_tokens: int | None, tokenizer: Any = None) -> None:
        self.max_tokens = max_tokens
        self.tokenizer = tokenizer

    def token_ends(self, text: str) -> list[int]:
        if self.tokenizer is None:
            return [m.end() for m in WORD.finditer(text)]
        encoded = self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, truncation=False)
        return [end for _, end in encoded["offset_mapping"]]

    def cut(self, text: str) -> tuple[str, int, bool]:
        """(context, document length in tokens, whether it was cut).

        The cut is the last token end within the budget that is a word boundary in ``text``: a sub-word tokenizer
        splits "Yorkshire" into "York" + "##shire", and a context ending in "York" would hold an alias the document
        does not have. Only when no token end in the budget is a word boundary does the cut fall inside a word
        (:func:`pair_example` then ignores a match that the cut made)."""
        ends = self.token_ends(text)
        if self.max_tokens is None or len(ends) <= self.max_tokens:
            return text, len(ends), False
        within = ends[: self.max_tokens]
        cut = next((end for end in reversed(within) if word_boundary(text, end)), within[-1])
        return text[:cut], len(ends), True


def word_boundary(text: str, i: int) -> bool:
    """Whether position ``i`` does not split a word (as :func:`loaders.answers.alias_pattern` sees words)."""
    return i <= 0 or i >= len(text) or not (WORD_CHAR.match(text, i - 1) and WORD_CHAR.match(text, i))


def file_sources(root: Path, domain: str, *, report: LoadReport) -> dict[str, tuple[str, Iterator]]:
    qa_dir = root / "qa"
    if not qa_dir.is_dir():
        raise LoaderError(f"{root}: not a TriviaQA rc folder (no qa/ folder)")
    sources = {}
    for split, stem in SPLIT_FILES.items():
        file = qa_dir / f"{domain}-{stem}.json"
        if not file.is_file():
            report.note(split, "split_missing", str(file), "no such file; split skipped")
            continue
        report.source(split, str(file))
        sources[split] = (str(file), require_items(file_pairs(file, root / "evidence", domain), str(file),
                                                   f"(question, evidence document) pairs in the {domain} domain "
                                                   "(no questions, or none with an evidence document)"))
    if not sources:
        raise LoaderError(f"{qa_dir}: no {domain}-*.json question files")
    return sources


def file_pairs(file: Path, evidence: Path, domain: str) -> Iterator[tuple[dict, dict, str]]:
    data = read_json(file)
    for i, question in enumerate(field(data, "Data", str(file), list)):
        qid = field(question, "QuestionId", f"{file}: Data[{i}]", (str, int))
        where = f"{file}: Data[{i}] ({qid})"
        check_question(question, where)
        groups = [("EntityPages", "wikipedia")] + ([("SearchResults", "web")] if domain == "web" else [])
        for key, kind in groups:
            for j, doc in enumerate(optional_field(question, key, where, list) or []):
                at = f"{where}: {key}[{j}]"
                yield question, {**doc, "source": kind}, read_evidence(evidence / kind, doc, at)


def check_question(question: dict[str, Any], where: str) -> None:
    """The fields :func:`pair_example` reads, with the types it expects (``Answer`` is absent in the test files)."""
    field(question, "Question", where, str)
    answer = optional_field(question, "Answer", where, dict)
    if answer is not None:
        optional_field(answer, "Value", f"{where}: Answer", str)
        for key in ("Aliases", "NormalizedAliases"):
            if answer.get(key) is not None:
                strings(answer[key], where, f"Answer.{key}", f"Answer.{key}[{{i}}]")


def read_evidence(folder: Path, doc: dict[str, Any], where: str) -> str:
    """The text of ``folder / doc["Filename"]``; a name that could lead outside ``folder`` (absolute, or with a
    ``..`` part), a missing file and a file that is not UTF-8 are errors naming the record."""
    name = field(doc, "Filename", where, str)
    optional_field(doc, "Title", where, str)
    if Path(name).is_absolute() or ".." in re.split(r"[\\/]", name):
        raise DataFormatError(f"{where}: evidence file name {name!r} leaves the evidence folder {folder} "
                              "(absolute, or with a '..' part)")
    doc_file = folder / name
    if not doc_file.is_file():
        problem = "not a regular file" if doc_file.exists() else "missing"
        raise DataFormatError(f"{where}: evidence file {doc_file} is {problem}")
    raw = read_bytes(doc_file)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFormatError(f"{where}: evidence file {doc_file} is not UTF-8 ({exc.reason} at byte "
                              f"{exc.start})") from None


def hub_pairs(rows) -> Iterator[tuple[dict, dict, str]]:
    for row in rows:
        yield from hub_row_pairs(row)


def hub_row_pairs(row: dict[str, Any]) -> Iterator[tuple[dict, dict, str]]:
    """A ``mandarjoshi/trivia_qa`` rc row -> (question, document, evidence text) in the original JSON's terms."""
    answer = row.get("answer") or {}
    question = {"QuestionId": row["question_id"], "Question": row["question"]}
    if answer.get("value"):  # test rows have empty answer fields
        question["Answer"] = {"Value": answer["value"], "Aliases": list(answer.get("aliases") or []),
                              "NormalizedAliases": list(answer.get("normalized_aliases") or [])}
    pages = row.get("entity_pages") or {}
    for filename, title, text in zip(pages.get("filename", []), pages.get("title", []), pages.get("wiki_context", [])):
        yield question, {"Filename": filename, "Title": title, "source": "wikipedia"}, text
    results = row.get("search_results") or {}
    for filename, title, text in zip(results.get("filename", []), results.get("title", []),
                                     results.get("search_context", [])):
        yield question, {"Filename": filename, "Title": title, "source": "web"}, text


def pair_example(
    question: dict[str, Any], doc: dict[str, Any], text: str, *, budget: Budget, split: str, source: str,
    report: LoadReport, drop_unanswerable: bool,
) -> dict[str, Any] | None:
    qid = str(question["QuestionId"])
    example_id = f"{qid}--{doc['Filename']}"
    context, length, truncated = budget.cut(text)
    answer = question.get("Answer")
    if truncated:
        report.count(split, "context_truncated")
    if answer is None:
        answers, present, in_evidence = {"text": [], "answer_start": []}, None, None
        aliases: list[str] = []
        normalized: list[str] = []
    else:
        aliases = list(answer.get("Aliases") or [])
        normalized = list(answer.get("NormalizedAliases") or [])
        pattern = alias_pattern([answer.get("Value", ""), *aliases, *normalized])
        answers = find_aliases(context, pattern)
        if truncated and answers["text"] and not word_boundary(text, len(context)):
            last = answers["answer_start"][-1] + len(answers["text"][-1])
            if last == len(context):  # a word cut in two (only when the budget held no word boundary)
                answers = {key: values[:-1] for key, values in answers.items()}
        present = bool(answers["text"])
        in_evidence = present or (truncated and pattern is not None and pattern.search(text) is not None)
        if in_evidence and not present:
            report.note(split, "answer_cut_off", f"{source}: example {example_id}",
                        f"the answer occurs only after the first {budget.max_tokens} tokens")
        if not present and drop_unanswerable:
            report.note(split, "unanswerable_dropped", f"{source}: example {example_id}",
                        "no alias occurs in the context")
            return None
    return {
        "id": example_id,
        "question": question["Question"],
        "context": context,
        "answers": answers,
        "question_id": qid,
        "title": doc.get("Title"),
        "source": doc["source"],
        "filename": doc["Filename"],
        "answer_value": answer.get("Value") if answer else None,
        "aliases": aliases,
        "normalized_aliases": normalized,
        "answer_present": present,
        "answer_in_evidence": in_evidence,
        "evidence_tokens": length,
        "truncated": truncated,
    }
