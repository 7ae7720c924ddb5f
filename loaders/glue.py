"""GLUE (CoLA, SST-2, MRPC, STS-B, QQP, MNLI, QNLI, RTE, WNLI) -> sequence classification / regression.

From the original TSV folders (``glue_data/<Task>/``, as GLUE's download script writes them) or the Hub
(``nyu-mll/glue``). Rows: ``id`` (the file's own id when it has one, else the row number), ``idx`` (row number in
the split, the Hub's ``idx``), ``text``, ``text_pair`` (pair tasks), ``label`` (ClassLabel in the Hub's order;
float32 for STS-B). Test splits carry no labels: ``label == -1``, as on the Hub.

File layouts handled: CoLA's train/dev have no header (``source, label, original label, sentence``); every other
file has one, and the columns are found by name. MRPC comes either as GLUE's ``train.tsv``/``dev.tsv``/``test.tsv``
or in Microsoft's original layout (``msr_paraphrase_train.txt`` / ``msr_paraphrase_test.txt`` / ``dev_ids.tsv``,
also named ``train`` / ``test`` / ``dev_ids``), where the dev split is the train rows listed in ``dev_ids`` and the
test file keeps its labels (Microsoft published them). The header of those files starts with a UTF-8 BOM; a
3-character prefix before ``Quality`` (a BOM, or the literal ``BOM`` in the Hugging Face dummy files) is skipped,
as Hugging Face's loader did with ``f.seek(3)``. STS-B's folder may be named ``STS-B`` or ``SST-B`` (HF's dummy).
A row with the wrong number of columns, an unknown label or an STS-B score that is not a finite number in
[0, 5] (``nan``, ``inf``, ``-7``) is an error naming the file and line (a Hub row: its ``idx``; the Hub's test
rows carry -1).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loaders.arrow import build_dataset
from loaders.errors import DataFormatError, LoaderError
from loaders.formats import NO_LABEL, sequence_classification_features
from loaders.hub import load_hub
from loaders.report import LoadReport
from loaders.textfile import read_lines

if TYPE_CHECKING:
    import datasets

HUB_ID = "nyu-mll/glue"
Column = str | int  # a header name, or a column index in a file without header


@dataclass(frozen=True)
class Layout:
    """One split file: where its text, label and id columns are."""

    file: str
    text: tuple[Column, ...]
    label: Column | None = None  # None: an unlabelled (test) file
    id: Column | None = "index"  # None: ids are row numbers
    columns: int | None = None  # required column count of a file without header


@dataclass(frozen=True)
class GlueTask:
    name: str  # the Hub config
    folders: tuple[str, ...]
    labels: tuple[str, ...] | None  # ClassLabel names in the Hub's order; None: regression
    hub_text: tuple[str, ...]  # the Hub's text columns
    splits: dict[str, Layout] = field(default_factory=dict)
    hub_splits: dict[str, str] | None = None  # our split -> Hub split, when they differ

    @property
    def pair(self) -> bool:
        return len(self.hub_text) == 2


def _standard(text: tuple[str, ...], label: str, test_id: str = "index", train_id: str | None = "index"):
    return {
        "train": Layout("train.tsv", text, label, train_id),
        "validation": Layout("dev.tsv", text, label, train_id),
        "test": Layout("test.tsv", text, None, test_id),
    }


_MNLI_PAIR = ("sentence1", "sentence2")
_MNLI = {
    "train": Layout("train.tsv", _MNLI_PAIR, "gold_label"),
    "validation_matched": Layout("dev_matched.tsv", _MNLI_PAIR, "gold_label"),
    "validation_mismatched": Layout("dev_mismatched.tsv", _MNLI_PAIR, "gold_label"),
    "test_matched": Layout("test_matched.tsv", _MNLI_PAIR),
    "test_mismatched": Layout("test_mismatched.tsv", _MNLI_PAIR),
}
_MNLI_LABELS = ("entailment", "neutral", "contradiction")
_MRPC_TSV = ("#1 String", "#2 String")

TASKS: dict[str, GlueTask] = {
    task.name: task
    for task in (
        GlueTask("cola", ("CoLA",), ("unacceptable", "acceptable"), ("sentence",), {
            "train": Layout("train.tsv", (3,), 1, None, columns=4),
            "validation": Layout("dev.tsv", (3,), 1, None, columns=4),
            "test": Layout("test.tsv", ("sentence",), None, "index"),
        }),
        GlueTask("sst2", ("SST-2",), ("negative", "positive"), ("sentence",),
                 _standard(("sentence",), "label", train_id=None)),
        GlueTask("mrpc", ("MRPC",), ("not_equivalent", "equivalent"), ("sentence1", "sentence2"), {
            "train": Layout("train.tsv", _MRPC_TSV, "Quality", None),
            "validation": Layout("dev.tsv", _MRPC_TSV, "Quality", None),
            "test": Layout("test.tsv", _MRPC_TSV, None, "index"),
        }),
        GlueTask("stsb", ("STS-B", "SST-B"), None, ("sentence1", "sentence2"),
                 _standard(("sentence1", "sentence2"), "score")),
        GlueTask("qqp", ("QQP",), ("not_duplicate", "duplicate"), ("question1", "question2"),
                 _standard(("question1", "question2"), "is_duplicate", test_id="id", train_id="id")),
        GlueTask("mnli", ("MNLI",), _MNLI_LABELS, ("premise", "hypothesis"), _MNLI),
        GlueTask("mnli_matched", ("MNLI",), _MNLI_LABELS, ("premise", "hypothesis"),
                 {"validation": _MNLI["validation_matched"], "test": _MNLI["test_matched"]}),
        GlueTask("mnli_mismatched", ("MNLI",), _MNLI_LABELS, ("premise", "hypothesis"),
                 {"validation": _MNLI["validation_mismatched"], "test": _MNLI["test_mismatched"]}),
        GlueTask("qnli", ("QNLI",), ("entailment", "not_entailment"), ("question", "sentence"),
                 _standard(("question", "sentence"), "label")),
        GlueTask("rte", ("RTE",), ("entailment", "not_entailment"), ("sentence1", "sentence2"),
                 _standard(("sentence1", "sentence2"), "label")),
        GlueTask("wnli", ("WNLI",), ("not_entailment", "entailment"), ("sentence1", "sentence2"),
                 _standard(("sentence1", "sentence2"), "label")),
    )
}
ALIASES = {"sst-2": "sst2", "sts-b": "stsb", "mnli-m": "mnli_matched", "mnli-mm": "mnli_mismatched"}

# Microsoft's original MRPC files
MSR_FILES = {"train": ("msr_paraphrase_train.txt", "train"), "test": ("msr_paraphrase_test.txt", "test")}
MSR_DEV_IDS = ("dev_ids.tsv", "dev_ids")
MSR_COLUMNS = ("Quality", "#1 ID", "#2 ID", "#1 String", "#2 String")


def task_of(task: str | None) -> GlueTask:
    key = ALIASES.get((task or "").lower(), (task or "").lower())
    if key not in TASKS:
        raise LoaderError(f"glue needs task= one of {sorted(TASKS)} (got {task!r})")
    return TASKS[key]


def load_glue(
    path: str | Path | None = None,
    *,
    report: LoadReport,
    task: str | None = None,
    hub_id: str = HUB_ID,
    revision: str | None = None,
    cache_dir: str | Path | None = None,
) -> datasets.DatasetDict:
    import datasets

    spec = task_of(task)
    features = sequence_classification_features(spec.labels, pair=spec.pair)
    out = datasets.DatasetDict()
    if path is None:
        hub = load_hub(hub_id, spec.name, report=report, revision=revision, cache_dir=cache_dir)
        for split, rows in hub.items():
            source = f"{hub_id}/{spec.name}[{split}]"
            out[split] = build_dataset((normalize_hub_row(r, spec, source=source) for r in rows), features,
                                       cache_dir=cache_dir, name=split)
    else:
        for split, rows in read_task_folder(task_folder(Path(path), spec), spec, report=report).items():
            out[split] = build_dataset(rows, features, cache_dir=cache_dir, name=split)
    for split in out:
        report.count(split, "rows", len(out[split]))
    return out


def task_folder(path: Path, spec: GlueTask) -> Path:
    """``path`` is the task folder itself or the GLUE root holding it."""
    for name in spec.folders:
        if (path / name).is_dir():
            return path / name
    if path.is_dir():
        return path
    raise LoaderError(f"{path}: no such folder (expected a GLUE root or its {'/'.join(spec.folders)} folder)")


def read_task_folder(folder: Path, spec: GlueTask, *, report: LoadReport) -> dict[str, list[dict[str, Any]]]:
    if spec.name == "mrpc" and not (folder / "train.tsv").exists():
        return read_msr_mrpc(folder, spec, report=report)
    out: dict[str, list[dict[str, Any]]] = {}
    for split, layout in spec.splits.items():
        file = folder / layout.file
        if not file.is_file():
            report.note(split, "split_missing", str(file), "no such file; split skipped")
            continue
        report.source(split, str(file))
        out[split] = list(read_layout(file, layout, spec))
    if not out:
        raise LoaderError(f"{folder}: none of the {spec.name} files {[s.file for s in spec.splits.values()]} found")
    return out


def tsv_lines(file: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of every non-empty line; fields are split on tabs only (GLUE texts hold quotes)."""
    for lineno, raw in enumerate(read_lines(file, "utf-8", newline="", hint="GLUE's files are UTF-8"), start=1):
        line = raw.rstrip("\r\n")
        if line:
            yield lineno, line.split("\t")


def read_header(file: Path, lines: Iterator[tuple[int, list[str]]], wanted: list[str]) -> dict[str, int]:
    try:
        _, header = next(lines)
    except StopIteration:
        raise DataFormatError(f"{file}: empty file or only blank lines (expected a header with {wanted})") from None
    header = [h.strip() for h in header]
    header[0] = header[0].lstrip("\ufeff")
    if header[0] not in wanted and header[0][3:] in wanted:  # MRPC: BOM bytes, or the dummy files' literal "BOM"
        header[0] = header[0][3:]
    missing = [w for w in wanted if w not in header]
    if missing:
        raise DataFormatError(f"{file}:1: header {header} lacks the columns {missing}")
    return {name: i for i, name in enumerate(header)}


SCORE_RANGE = (0.0, 5.0)  # STS-B similarity scores


def score_problem(score: float) -> str | None:
    """Why an STS-B score is unusable (nan, inf, outside [0, 5]), or None."""
    if not math.isfinite(score):
        return "is not a finite number"
    if not SCORE_RANGE[0] <= score <= SCORE_RANGE[1]:
        return "is outside [0, 5]"
    return None


def label_value(value: str, spec: GlueTask, where: str) -> int | float:
    value = value.strip()
    if spec.labels is None:
        try:
            score = float(value)
        except ValueError:
            raise DataFormatError(f"{where}: score {value!r} is not a number") from None
        problem = score_problem(score)
        if problem:
            raise DataFormatError(f"{where}: score {value!r} {problem}")
        return score
    if value in spec.labels:
        return spec.labels.index(value)
    if value.isdigit() and int(value) < len(spec.labels):
        return int(value)
    raise DataFormatError(f"{where}: unknown label {value!r} (expected one of {list(spec.labels)} or their ids)")


def read_layout(file: Path, layout: Layout, spec: GlueTask) -> Iterator[dict[str, Any]]:
    lines = tsv_lines(file)
    named = [c for c in (*layout.text, layout.label, layout.id) if isinstance(c, str)]
    index = read_header(file, lines, named) if layout.columns is None else {}
    width = layout.columns or len(index)

    def col(c: Column) -> int:
        return c if isinstance(c, int) else index[c]

    for idx, (lineno, fields) in enumerate(rows_required(file, lines, header=layout.columns is None)):
        where = f"{file}:{lineno}"
        if len(fields) != width:
            raise DataFormatError(f"{where}: expected {width} tab-separated columns, found {len(fields)}")
        yield row_of(
            idx=idx,
            row_id=fields[col(layout.id)] if layout.id is not None else str(idx),
            texts=[fields[col(c)] for c in layout.text],
            label=label_value(fields[col(layout.label)], spec, where) if layout.label is not None else NO_LABEL,
            spec=spec,
        )


def rows_required(file: Path, lines: Iterator[tuple[int, list[str]]], *, header: bool):
    """``lines``, or an error naming the file when there is none: an empty split is a broken file, not data."""
    empty = True
    for item in lines:
        empty = False
        yield item
    if empty:
        what = "no rows after the header" if header else "empty file or only blank lines"
        raise DataFormatError(f"{file}: {what}")


def row_of(*, idx: int, row_id: str, texts: list[str], label: int | float, spec: GlueTask) -> dict[str, Any]:
    row: dict[str, Any] = {"id": row_id, "idx": idx, "text": texts[0]}
    if spec.pair:
        row["text_pair"] = texts[1]
    row["label"] = label
    return row


def first_existing(folder: Path, names: tuple[str, ...]) -> Path | None:
    return next((folder / n for n in names if (folder / n).is_file()), None)


def read_msr_mrpc(folder: Path, spec: GlueTask, *, report: LoadReport) -> dict[str, list[dict[str, Any]]]:
    """Microsoft's layout: dev = the train rows whose (#1 ID, #2 ID) pair is listed in ``dev_ids``."""
    train_file = first_existing(folder, MSR_FILES["train"])
    test_file = first_existing(folder, MSR_FILES["test"])
    ids_file = first_existing(folder, MSR_DEV_IDS)
    if train_file is None or ids_file is None:
        raise LoaderError(f"{folder}: neither GLUE's train.tsv nor Microsoft's {MSR_FILES['train']} + "
                          f"{MSR_DEV_IDS} files found")
    dev_ids: dict[tuple[str, str], int] = {}
    for lineno, fields in rows_required(ids_file, tsv_lines(ids_file), header=False):
        if len(fields) != 2:
            raise DataFormatError(f"{ids_file}:{lineno}: expected 2 tab-separated ids, found {len(fields)}")
        dev_ids[(fields[0].strip(), fields[1].strip())] = lineno
    out: dict[str, list[dict[str, Any]]] = {"train": [], "validation": []}
    found: set[tuple[str, str]] = set()
    for row, pair in msr_rows(train_file, spec):
        split = "validation" if pair in dev_ids else "train"
        if split == "validation":
            found.add(pair)
        out[split].append({**row, "idx": len(out[split])})
    for pair, lineno in dev_ids.items():
        if pair not in found:
            report.note("validation", "dev_id_not_found", f"{ids_file}:{lineno}",
                        f"pair {pair} is not in {train_file.name}")
    report.source("train", str(train_file))
    report.source("validation", f"{train_file} (rows listed in {ids_file.name})")
    if test_file is not None:
        out["test"] = [row for row, _ in msr_rows(test_file, spec)]
        report.source("test", str(test_file))
    else:
        report.note("test", "split_missing", str(folder / MSR_FILES["test"][0]), "no such file; split skipped")
    return out


def msr_rows(file: Path, spec: GlueTask) -> Iterator[tuple[dict[str, Any], tuple[str, str]]]:
    lines = tsv_lines(file)
    index = read_header(file, lines, list(MSR_COLUMNS))
    for idx, (lineno, fields) in enumerate(rows_required(file, lines, header=True)):
        where = f"{file}:{lineno}"
        if len(fields) != len(index):
            raise DataFormatError(f"{where}: expected {len(index)} tab-separated columns, found {len(fields)}")
        pair = (fields[index["#1 ID"]].strip(), fields[index["#2 ID"]].strip())
        row = row_of(idx=idx, row_id=f"{pair[0]}-{pair[1]}",
                     texts=[fields[index["#1 String"]], fields[index["#2 String"]]],
                     label=label_value(fields[index["Quality"]], spec, where), spec=spec)
        yield row, pair


def normalize_hub_row(row: dict[str, Any], spec: GlueTask, *, source: str) -> dict[str, Any]:
    """A ``nyu-mll/glue`` row (task columns, ``label``, ``idx``) in our format; -1 labels stay -1."""
    label = row["label"]
    if spec.labels is not None and not (label == NO_LABEL or 0 <= label < len(spec.labels)):
        raise DataFormatError(f"{source}: row idx {row['idx']}: label {label!r} out of range for {spec.labels}")
    if spec.labels is None and label != NO_LABEL and (problem := score_problem(float(label))):
        raise DataFormatError(f"{source}: row idx {row['idx']}: score {label!r} {problem} (-1 marks a test row)")
    return row_of(idx=row["idx"], row_id=str(row["idx"]), texts=[row[c] for c in spec.hub_text],
                  label=label, spec=spec)
