"""Generic CoNLL column files (any entity types; IOB1, IOB2, IOBES or BILOU tags; tab- or space-separated) ->
token classification with IOB2 tags.

Reading is :func:`gonerd.conll.parse_conll` (token in the first column, tag in the last, ``-DOCSTART-`` documents,
IOB1 converted to IOB2). This module adds what a loader needs around it:

- IOBES / BILOU tags (``S-``/``E-``, ``U-``/``L-``), which ``parse_conll`` rejects, are rewritten first (``S-``,
  ``U-`` -> ``B-``; ``E-``, ``L-`` -> ``I-``; ``B-``/``I-`` unchanged), so the rows are IOB2 like every other
  source (a ``tags_converted`` note in the report; ``label_names=`` must then list IOB2 names). Tags without a
  ``B-``/``I-``/``S-``/``E-``/``U-``/``L-`` prefix (other than ``O``) are errors naming file and line;

- a column check first: every token line must have the same number of columns (``columns=`` to require one);
  a tab-separated file is split on tabs only, so its tokens may contain spaces; errors name the file and line;
- labels: ``label_names=`` fixes the ClassLabel names (an unknown tag is an error naming file and line and
  showing the tag as written, with its IOB2 form when that differs: ``'I-FOO' (IOB2: 'B-FOO')``); otherwise
  they are derived from every split's tags (:func:`loaders.formats.derive_label_names`);
- rows are sentences (``level="sentence"``, ids ``d<doc>s<sentence>``) or whole documents (``level="document"``,
  ids ``d<doc>``, sentences concatenated) for long-context models.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from gonerd.conll import DOCSTART, ConllDocument, ConllFormatError, parse_conll
from loaders.arrow import build_dataset
from loaders.errors import DataFormatError, LoaderError
from loaders.formats import derive_label_names, token_classification_features
from loaders.report import LoadReport
from loaders.splits import PathArg, resolve_split_files
from loaders.textfile import read_lines

if TYPE_CHECKING:
    import datasets

Level = Literal["sentence", "document"]
LEVELS: tuple[str, ...] = ("sentence", "document")


# IOBES (S-ingle, E-nd) and BILOU (U-nit, L-ast) prefixes and their IOB2 equivalents; B- and I- mean the same in
# all three schemes. gonerd.conll.parse_conll reads IOB only, so these tags are rewritten before it sees them.
TO_IOB2 = {"S-": "B-", "E-": "I-", "U-": "B-", "L-": "I-"}


@dataclass
class ConllFile:
    path: Path
    documents: list[ConllDocument]
    token_lines: list[int]  # line number of every token, in file order
    file_tags: list[str]  # every token's tag as written in the file, in file order


def check_columns(
    path: Path, lines: list[str] | None = None, *, columns: int | None, encoding: str = "utf-8"
) -> tuple[list[int], list[str]]:
    """Validate the column layout of every token line (``lines``: the file's, read here when not given); return
    the token lines' numbers (1-based) and their tags (last column) as written. A file without any token line
    (empty, blank, only ``-DOCSTART-``) is an error naming it: it would be an empty split."""
    if lines is None:
        lines = read_conll_lines(path, encoding)
    token_lines: list[int] = []
    file_tags: list[str] = []
    expected = columns
    for lineno, raw in enumerate(lines, start=1):
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
        file_tags.append(fields[-1].strip())
    if not token_lines:
        raise DataFormatError(f"{path}: no token lines ({what_is_there(lines)}); a CoNLL file needs 'token ... tag' "
                              "lines")
    return token_lines, file_tags


def read_conll_lines(path: Path, encoding: str) -> list[str]:
    return read_lines(path, encoding, hint=f"pass encoding='latin-1' (or the file's encoding) if it is not {encoding}")


def what_is_there(lines: list[str]) -> str:
    """What a file without token lines holds, for the error message."""
    if not lines:
        return "the file is empty"
    if any(line.split() and line.split()[0] == DOCSTART for line in lines):
        return f"only {DOCSTART} and blank lines"
    return "only blank lines"


def to_iob2_line(line: str) -> str:
    """A token line whose tag (its last column) has an IOBES/BILOU prefix, with the IOB2 prefix instead."""
    body = line.rstrip()
    tag = body.split()[-1] if body.split() else ""
    if len(tag) > 2 and tag[:2] in TO_IOB2 and body.split()[0] != DOCSTART:
        return body[: len(body) - len(tag)] + TO_IOB2[tag[:2]] + tag[2:] + line[len(body) :]
    return line


def read_file(path: Path, *, columns: int | None, encoding: str, split: str, report: LoadReport) -> ConllFile:
    lines = read_conll_lines(path, encoding)
    token_lines, file_tags = check_columns(path, lines, columns=columns, encoding=encoding)
    tabbed = any("\t" in line for line in lines)
    converted = sorted({tag[:2] for tag in file_tags if len(tag) > 2 and tag[:2] in TO_IOB2})
    if converted:
        lines = [to_iob2_line(line) for line in lines]
        scheme = "IOBES" if set(converted) <= {"S-", "E-"} else "BILOU" if set(converted) <= {"U-", "L-"} else \
            "IOBES/BILOU"
        report.note(split, "tags_converted", str(path),
                    f"{scheme} tags ({', '.join(p + '*' for p in converted)}) converted to IOB2 "
                    "(S-/U- -> B-, E-/L- -> I-)")
    try:
        documents = list(parse_conll(lines, name=str(path), delimiter="\t" if tabbed else None))
    except ConllFormatError as exc:
        raise DataFormatError(str(exc)) from exc
    report.source(split, str(path))
    return ConllFile(path, documents, token_lines, file_tags)


def check_labels(file: ConllFile, label_names: Sequence[str]) -> None:
    """Every tag (after conversion to IOB2) must be a label; an error shows the tag as written in the file."""
    known = set(label_names)
    k = 0
    for doc in file.documents:
        for tag in doc.tags:
            if tag not in known:
                written = file.file_tags[k]
                shown = repr(written) if written == tag else f"{written!r} (IOB2: {tag!r})"
                raise DataFormatError(
                    f"{file.path}:{file.token_lines[k]}: tag {shown} is not one of the labels {list(label_names)}"
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
