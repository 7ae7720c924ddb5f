"""The results file: what evaluation and the efficiency benchmark write, and what ``report`` reads.

A results file is JSON lines, one record per line; a results folder is every ``*.jsonl`` in it. Each record is an
object with ``"kind"`` (``"score"`` or ``"efficiency"``), ``"schema"`` (:data:`SCHEMA`) and the fields of
:class:`ScoreRecord` or :class:`EfficiencyRecord`, whose ``model`` is a :class:`ModelInfo` object::

    {"kind": "score", "schema": 1,
     "model": {"architecture": "longformer", "role": "student", "order": "convert_then_distill",
               "variant": "", "path": "runs/longformer-student"},
     "task": "conll2003", "split": "test", "metric": "strict.micro.f1", "score": 88.1,
     "metrics": {"strict.micro.f1": 88.1, "conlleval.micro.f1": 88.4, ...}, "examples": 231,
     "seconds": 41.2, "peak_memory_mb": 812.0, "device": "cpu", "created": "2026-11-25T10:00:00+00:00"}
    {"kind": "efficiency", "schema": 1, "model": {...}, "length": 4096, "batch_size": 1, "device": "cpu",
     "threads": 2, "attention": "sdpa", "warmup": 2, "repeats": 5, "times_s": [...], "median_s": 0.73,
     "q1_s": 0.72, "q3_s": 0.75, "min_s": 0.71, "max_s": 0.80, "tokens_per_second": 5611.0, "peak_memory_mb": 640.0,
     "model_memory_mb": 90.0, "memory_method": "...", "skipped": null, "created": "..."}

Scores are percentages; an undefined number (a correlation of constant predictions) is ``null``. Teachers have no
``order``; a student's ``order`` says how it was made (``convert_then_distill``: convert the teacher, distil the
long model; ``distill_then_convert``: distil the short model, convert the student) and may be null for a student
made elsewhere (e.g. the authors' released checkpoints). ``variant`` names an ablation row (e.g. the distillation
data mixture ``long``/``short``/``mixed``); ``""`` is the main setting.

Reading checks every record: a line that is not a JSON object, an unknown kind, schema or field, a missing field
or a value of the wrong type is a :class:`ResultsError` naming the file and line.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import MISSING, asdict, dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, ClassVar

from gonerd.errors import UserError
from gonerd.scrape.outdir import write_atomic

SCHEMA = 1
ROLES = ("teacher", "student")
ORDERS = ("convert_then_distill", "distill_then_convert")


class ResultsError(UserError, ValueError):
    """A results file that does not follow the schema; the message names the file and line."""


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class ModelInfo:
    """Which model a record is about, as the report groups them."""

    architecture: str  # longformer | bigbird | lsg | nystromformer | roberta | bert | ...
    role: str  # teacher | student
    order: str | None = None  # students: convert_then_distill | distill_then_convert (None: unknown / teacher)
    variant: str = ""  # an ablation row, e.g. the distillation data mixture; "" = the main setting
    path: str = ""  # model folder or Hub id

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}, not {self.role!r}")
        if self.order is not None and self.order not in ORDERS:
            raise ValueError(f"order must be one of {ORDERS} or null, not {self.order!r}")
        if self.role == "teacher" and self.order is not None:
            raise ValueError("a teacher has no order (the order says how a student was made)")
        if not self.architecture:
            raise ValueError("architecture must not be empty")


@dataclass
class ScoreRecord:
    """One model scored on one task's split (``evaluate``)."""

    kind: ClassVar[str] = "score"
    model: ModelInfo
    task: str  # a loaders name (conll2003, gonerd, squad, squad_v2, hotpotqa, triviaqa) or glue/<task>
    split: str
    metric: str  # the headline metric (baselines.metrics.headline_metric)
    score: float | None  # metrics[metric], a percentage
    metrics: dict[str, float | None] = field(default_factory=dict)
    examples: int = 0  # documents / questions / sentences scored
    seconds: float | None = None  # inference wall time over the split (post-processing included)
    peak_memory_mb: float | None = None
    device: str | None = None
    created: str = field(default_factory=now)

    @classmethod
    def from_metrics(cls, model: ModelInfo, task: str, split: str, metrics: Mapping[str, float | None],
                     **fields: Any) -> ScoreRecord:
        """A record whose headline metric and score follow from ``task`` (:func:`baselines.metrics.headline_metric`)."""
        from baselines.metrics import headline_metric

        metric = headline_metric(task)
        if metric not in metrics:
            raise ValueError(f"{task}: the headline metric {metric!r} is not among the metrics {sorted(metrics)}")
        return cls(model=model, task=task, split=split, metric=metric, score=metrics[metric], metrics=dict(metrics),
                   **fields)


@dataclass
class EfficiencyRecord:
    """Inference time and memory of one model at one fixed input length (``efficiency``)."""

    kind: ClassVar[str] = "efficiency"
    model: ModelInfo
    length: int  # tokens per sequence
    batch_size: int
    device: str
    threads: int | None = None  # torch intra-op threads (CPU)
    attention: str | None = None  # the model's attention implementation (transformers' sdpa, eager, ...)
    warmup: int = 0
    repeats: int = 0
    times_s: list[float] = field(default_factory=list)  # one forward pass of the batch, per repeat
    median_s: float | None = None
    q1_s: float | None = None  # spread: first and third quartiles of times_s
    q3_s: float | None = None
    min_s: float | None = None
    max_s: float | None = None
    tokens_per_second: float | None = None  # length x batch_size / median_s
    peak_memory_mb: float | None = None  # see memory_method
    model_memory_mb: float | None = None  # the model's parameters and buffers
    memory_method: str | None = None
    skipped: str | None = None  # why this length was not measured (then the numbers are null)
    created: str = field(default_factory=now)

    @property
    def seconds_per_document(self) -> float | None:
        return None if self.median_s is None else self.median_s / self.batch_size


Record = ScoreRecord | EfficiencyRecord
KINDS: dict[str, type] = {"score": ScoreRecord, "efficiency": EfficiencyRecord}


def _clean(value: Any) -> Any:
    """NaN and infinities become null (JSON has neither)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def to_dict(record: Record) -> dict[str, Any]:
    return {"kind": record.kind, "schema": SCHEMA, **_clean(asdict(record))}


def to_line(record: Record) -> str:
    return json.dumps(to_dict(record), ensure_ascii=False, allow_nan=False)


# --- reading ---------------------------------------------------------------------------------------------------

_NUMBER = (int, float)
_TYPES: dict[str, tuple] = {  # field -> accepted JSON types (None: null allowed)
    "task": (str,), "split": (str,), "metric": (str,), "score": (*_NUMBER, None), "metrics": (dict,),
    "examples": (int,), "seconds": (*_NUMBER, None), "peak_memory_mb": (*_NUMBER, None), "device": (str, None),
    "created": (str,), "length": (int,), "batch_size": (int,), "threads": (int, None), "attention": (str, None),
    "warmup": (int,),    "repeats": (int,), "times_s": (list,), "median_s": (*_NUMBER, None), "q1_s": (*_NUMBER, None),
    "q3_s": (*_NUMBER, None), "min_s": (*_NUMBER, None), "max_s": (*_NUMBER, None),
    "tokens_per_second": (*_NUMBER, None), "model_memory_mb": (*_NUMBER, None), "memory_method": (str, None),
    "skipped": (str, None),
}


def _check_type(name: str, value: Any, where: str) -> None:
    accepted = _TYPES[name]
    if value is None:
        if None not in accepted:
            raise ResultsError(f"{where}: field {name!r} must not be null")
        return
    kinds = tuple(k for k in accepted if k is not None)
    if isinstance(value, bool) or not isinstance(value, kinds):
        names = "/".join("null" if k is None else k.__name__ for k in accepted)
        raise ResultsError(f"{where}: field {name!r} is {value!r}, expected {names}")


def from_dict(data: Any, where: str = "record") -> Record:
    """A record from its JSON object; anything off the schema is a :class:`ResultsError` naming ``where``."""
    if not isinstance(data, dict):
        raise ResultsError(f"{where}: expected a JSON object, found {type(data).__name__}")
    data = dict(data)
    kind = data.pop("kind", None)
    if kind not in KINDS:
        raise ResultsError(f"{where}: kind is {kind!r}, expected one of {list(KINDS)}")
    schema = data.pop("schema", None)
    if schema != SCHEMA:
        raise ResultsError(f"{where}: schema is {schema!r}; this gonerd reads schema {SCHEMA}")
    cls = KINDS[kind]
    names = {f.name for f in fields(cls)}
    required = {f.name for f in fields(cls) if _is_required(f)}
    unknown, missing = sorted(set(data) - names), sorted(required - set(data))
    if unknown:
        raise ResultsError(f"{where}: unknown field(s) {unknown} for a {kind} record")
    if missing:
        raise ResultsError(f"{where}: missing field(s) {missing} for a {kind} record")
    model = data.pop("model")
    if not isinstance(model, dict):
        raise ResultsError(f"{where}: field 'model' must be an object")
    try:
        data["model"] = ModelInfo(**model)
    except (TypeError, ValueError) as exc:
        raise ResultsError(f"{where}: model: {exc}") from None
    for name, value in data.items():
        if name != "model":
            _check_type(name, value, where)
    if kind == "score":
        bad = [k for k, v in data["metrics"].items() if not (v is None or isinstance(v, _NUMBER))]
        if bad:
            raise ResultsError(f"{where}: metrics[{bad[0]!r}] is not a number or null")
    return cls(**data)


def _is_required(f) -> bool:
    return f.default is MISSING and f.default_factory is MISSING


def read_results(paths: str | Path | Iterable[str | Path]) -> list[Record]:
    """Every record of one or more results files or folders (a folder: its ``*.jsonl`` files, sorted)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(path.glob("*.jsonl"))
            if not found:
                raise ResultsError(f"{path}: no *.jsonl results files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise ResultsError(f"{path}: no such results file or folder")
    records: list[Record] = []
    for file in files:
        try:
            lines = file.read_bytes().decode("utf-8").splitlines()
        except UnicodeDecodeError as exc:
            line = file.read_bytes()[: exc.start].count(b"\n") + 1
            raise ResultsError(f"{file}:{line}: not UTF-8 text (a results file is JSON lines)") from None
        for lineno, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{file}:{lineno}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ResultsError(f"{where}: not valid JSON ({exc.msg})") from None
            records.append(from_dict(data, where))
    return records


def write_results(path: str | Path, records: Iterable[Record], *, append: bool = False) -> Path:
    """Write ``records`` as JSON lines. The file is replaced atomically; ``append=True`` keeps the records it
    already holds (read back and checked first)."""
    path = Path(path)
    lines = []
    if append and path.exists():
        lines = [to_line(r) for r in read_results(path)]
    lines.extend(to_line(r) for r in records)
    write_atomic(path, "".join(line + "\n" for line in lines))
    return path


def records_of(records: Iterable[Record], kind: type) -> list:
    return [r for r in records if isinstance(r, kind)]


def model_key(model: ModelInfo | Mapping[str, Any]) -> tuple:
    """(architecture, role, order, variant): how the report groups a model's records."""
    m = model if isinstance(model, ModelInfo) else ModelInfo(**model)
    return m.architecture, m.role, m.order, m.variant
