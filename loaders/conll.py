"""Generic CoNLL column files (any IOB tag set, tab- or space-separated) -> token classification.

Reading is :func:`gonerd.conll.read_conll` (token in the first column, tag in the last, ``-DOCSTART-`` documents,
IOB1 converted to IOB2). This module adds what a loader needs around it:

- a column check first: every token line must have the same number of columns (``columns=`` to require one);
  a tab-separated file is split on tabs only, so its tokens may contain spaces; errors name the file and line;
- labels: ``label_names=`` fixes the ClassLabel names (an unknown tag is an error naming file and line); otherwise
  they are derived from every split's tags (:func:`loaders.formats.derive_label_names`);
- rows are sentences (``level="sentence"``, ids ``d<doc>s<sentence>``) or whole documents (``level="document"``,
  ids ``d<doc>``, sentences concatenated) for long-context models.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from gonerd.conll import DOCSTART, ConllDocument, ConllFormatError, read_conll
from loaders.arrow import build_dataset
from loaders.errors import DataFormatError, LoaderError
from loaders.formats import derive_label_names, token_classification_features
from loaders.report import LoadReport
from loaders.splits import PathArg, resolve_split_files

if TYPE_CHECKING:
    import datasets

Level = Literal["sentence", "document"]
LEVELS: tuple[str, ...] = ("sentence", "document")


@dataclass
class ConllFile:
    path: Path
    documents: list[ConllDocument]
    token_lines: list[int]  # line number of every token, in file order


def check_columns(path: Path, *, columns: int | None, encoding: str = "utf-8") -> list[int]:
    """Validate the column layout of every token line; return the token lines' numbers (1-based)."""
    token_lines: list[int] = []
    expected = columns
    with open(path, encoding=encoding) as fh:
        for lineno, raw in enumerate(fh, start=1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                continue
            fields = line.split()
            if fields[0] == DOCSTART:
                continue
            if "\t" in line:
                fields = [f for f in line.split("\t") if f.strip()]
            if expected is None:
                expected = len(fields)
            if len(fields) != expected:
                raise DataFormatError(f"{path}:{lineno}: expected {expected} columns, found {len(fields)}: {line!r}")
            token_lines.append(lineno)
    return token_lines


def read_file(path: Path, *, columns: int | None, encoding: str, split: str, report: LoadReport) -> ConllFile:
    token_lines = check_columns(path, columns=columns, encoding=encoding)
    with open(path, encoding=encoding) as fh:
        tabbed = any("\t" in line for line in fh)
    try:
        documents = read_conll(path, encoding=encoding, delimiter="\t" if tabbed else None)
    except ConllFormatError as exc:
        raise DataFormatError(str(exc)) from exc
    report.source(split, str(path))
    return ConllFile(path, documents, token_lines)


def check_labels(file: ConllFile, label_names: Sequence[str]) -> None:
    known = set(label_names)
    k = 0
    for doc in file.documents:
        for tag in doc.tags:
            if tag not in known:
                raise DataFormatError(
                    f"{file.path}:{file.token_lines[k]}: tag {tag!r} is not one of the labels {list(label_names)}"
                )
            k += 1


def rows_of(file: ConllFile, level: Level, tag_ids: dict[str, int]):
    for d, doc in enumerate(file.documents):
        if level == "document":
            yield {"id": f"d{d}", "tokens": doc.tokens, "ner_tags": [tag_ids[t] for t in doc.tags]}
            continue
        for s, sentence in enumerate(doc.sentences):
            yield {
                "id": f"d{d}s{s}",
                "tokens": [tok for tok, _ in sentence],
                "ner_tags": [tag_ids[tag] for _, tag in sentence],
            }


def load_conll(
    path: PathArg | None,
    *,
    report: LoadReport,
    label_names: Sequence[str] | None = None,
    level: Level = "sentence",
    columns: int | None = None,
    encoding: str = "utf-8",
    cache_dir: str | Path | None = None,
) -> datasets.DatasetDict:
    """Column files -> ``DatasetDict`` of ``id``, ``tokens``, ``ner_tags``. ``path``: a file, a folder of split
    files (names containing train / dev|valid|testa / test|testb) or ``{split: file}``."""
    import datasets

    if path is None:
        raise LoaderError("generic CoNLL files have no Hub source: pass path= (a file, a folder or {split: file})")
    if level not in LEVELS:
        raise LoaderError(f"level must be one of {LEVELS}, not {level!r}")
    files = {
        split: read_file(file, columns=columns, encoding=encoding, split=split, report=report)
        for split, file in resolve_split_files(path, report=report).items()
    }
    if label_names is None:
        label_names = derive_label_names(tag for f in files.values() for d in f.documents for tag in d.tags)
    for file in files.values():
        check_labels(file, label_names)
    features = token_classification_features(label_names)
    tag_ids = {tag: i for i, tag in enumerate(label_names)}
    out = datasets.DatasetDict()
    for split, file in files.items():
        out[split] = build_dataset(rows_of(file, level, tag_ids), features, cache_dir=cache_dir, name=split)
        report.count(split, "rows", len(out[split]))
    return out
