"""SQuAD v1.1 and v2.0 JSON (``data[].paragraphs[].qas[]``) or the Hub (``rajpurkar/squad``,
``rajpurkar/squad_v2``) -> extractive QA with ``title``.

Every answer is checked against its context (:mod:`loaders.answers`). A missing field or a value of the wrong
type (``answer_start`` not an integer, ``context`` not a string, ...) is a ``DataFormatError`` naming the file,
the record's position and the question id. A v1.1 question must have an answer (a
question without one is an error suggesting ``squad_v2``); in v2.0, unanswerable questions have empty answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loaders.arrow import build_dataset
from loaders.errors import DataFormatError
from loaders.formats import qa_features
from loaders.hub import load_hub
from loaders.qa import check_policy, checked_examples, field, integer, optional_field, read_json, require_items
from loaders.report import LoadReport
from loaders.splits import PathArg, resolve_split_files

if TYPE_CHECKING:
    import datasets

HUB = {1: ("rajpurkar/squad", "plain_text"), 2: ("rajpurkar/squad_v2", "squad_v2")}


def features() -> datasets.Features:
    import datasets

    return qa_features({"title": datasets.Value("string")})


def load_squad(
    path: PathArg | None = None,
    *,
    report: LoadReport,
    version: int = 1,
    on_bad_answer: str = "error",
    hub_id: str | None = None,
    revision: str | None = None,
    cache_dir: str | Path | None = None,
) -> datasets.DatasetDict:
    import datasets

    policy = check_policy(on_bad_answer)
    out = datasets.DatasetDict()
    if path is None:
        repo, config = HUB[version]
        hub_id = hub_id or repo
        sources = {split: (f"{hub_id}[{split}]", (normalize_hub_row(r) for r in rows))
                   for split, rows in load_hub(hub_id, config, report=report, revision=revision,
                                               cache_dir=cache_dir).items()}
    else:
        files = resolve_split_files(path, report=report, accept=lambda p: p.suffix == ".json")
        sources = {}
        for split, file in files.items():
            report.source(split, str(file))
            sources[split] = (str(file), require_items(squad_records(read_json(file), file), str(file),
                                                       "questions (no data[].paragraphs[].qas[] entries)"))
    for split, (source, records) in sources.items():
        examples = (require_answer(r, version, source) for r in records)
        rows = checked_examples(examples, split=split, source=source, report=report, on_bad_answer=policy)
        out[split] = build_dataset(rows, features(), cache_dir=cache_dir, name=split)
        report.count(split, "rows", len(out[split]))
    return out


def squad_records(data: Any, file: Path) -> Iterator[dict[str, Any]]:
    """The examples of a SQuAD JSON file; a missing field or a value of the wrong type is a
    :class:`~loaders.errors.DataFormatError` naming the file, the record's position and the question id."""
    for a, article in enumerate(field(data, "data", str(file), list)):
        at_article = f"{file}: data[{a}]"
        title = optional_field(article, "title", at_article, str) if isinstance(article, dict) else None
        for p, paragraph in enumerate(field(article, "paragraphs", at_article, list)):
            where = f"{at_article}.paragraphs[{p}]"
            context = field(paragraph, "context", where, str)
            for q, qa in enumerate(field(paragraph, "qas", where, list)):
                qid = str(field(qa, "id", f"{where}.qas[{q}]", (str, int)))
                at = f"{where}.qas[{q}] (id {qid})"
                answers = field(qa, "answers", at, list)
                texts, starts = [], []
                for i, answer in enumerate(answers):
                    texts.append(field(answer, "text", f"{at}.answers[{i}]", str))
                    starts.append(integer(field(answer, "answer_start", f"{at}.answers[{i}]"),
                                          f"{at}.answers[{i}]", "answer_start"))
                yield {
                    "id": qid,
                    "title": title or "",
                    "context": context,
                    "question": field(qa, "question", at, str),
                    "answers": {"text": texts, "answer_start": starts},
                }


def require_answer(example: dict[str, Any], version: int, source: str) -> dict[str, Any]:
    if version == 1 and not example["answers"]["text"]:
        raise DataFormatError(f"{source}: question {example['id']} has no answer, which SQuAD v1.1 does not allow "
                              "(is this SQuAD v2.0? load it as squad_v2)")
    return example


def normalize_hub_row(row: dict[str, Any]) -> dict[str, Any]:
    """A ``rajpurkar/squad(_v2)`` row: already our layout; copied so that the checks can change it."""
    return {
        "id": str(row["id"]),
        "title": row.get("title", ""),
        "context": row["context"],
        "question": row["question"],
        "answers": {"text": list(row["answers"]["text"]),
                    "answer_start": [int(s) for s in row["answers"]["answer_start"]]},
    }
