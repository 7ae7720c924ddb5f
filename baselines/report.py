"""The paper-style table from a results file: architecture x task, teacher against student, and what it saves.

One row per student score record (architecture, task, split, order, variant), paired with the teacher's score on
the same task and split (a teacher record has the student's architecture and no order):

- **retention %** = 100 x student score / teacher score (the headline metric of the task, named in the row);
- **time** = seconds per document, and **memory** = peak MiB, each from one of two sources, named per row:

  - ``evaluation``: both score records carry their evaluation's wall time (``seconds`` / ``examples``) and peak
    memory: the cost on the task's own documents;
  - ``efficiency @ N``: otherwise, the efficiency records of the same two models at the reference length N (by
    default the longest length at which both were measured), median time per document and peak memory;

- **time reduction %** = 100 x (1 - student time / teacher time), **memory reduction %** likewise.

A student's teacher is the teacher record of the same variant if there is one, else the main (``""``) one. A
teacher without a student record gets a row of its own with the student columns empty; a student without a
teacher keeps its score and nothing relative. When the same model has several records for one task and split (or
one length), the latest (``created``) is used and the others are counted in the report's notes. The summary table
averages retention and reductions over tasks per architecture, order and variant.
"""

from __future__ import annotations

import csv
import io
import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from baselines.results import ORDERS, EfficiencyRecord, ModelInfo, Record, ScoreRecord, read_results

ARCH_ORDER = ("bert", "roberta", "longformer", "bigbird", "lsg", "nystromformer")
TASK_ORDER = ("glue", "squad", "squad_v2", "hotpotqa", "triviaqa", "conll2003", "conll", "gonerd")
ORDER_NAMES = {"convert_then_distill": "convert → distill", "distill_then_convert": "distill → convert", None: "—"}


@dataclass
class ReportRow:
    architecture: str
    task: str
    split: str
    metric: str
    order: str | None
    variant: str
    teacher_score: float | None = None
    student_score: float | None = None
    retention: float | None = None  # %
    teacher_seconds: float | None = None  # per document
    student_seconds: float | None = None
    time_reduction: float | None = None  # %
    teacher_memory_mb: float | None = None
    student_memory_mb: float | None = None
    memory_reduction: float | None = None  # %
    cost_source: str = ""  # "evaluation" or "efficiency @ N tokens"


@dataclass
class Report:
    rows: list[ReportRow]
    efficiency: list[EfficiencyRecord]  # the records used for the plots (latest per model and length)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> list[dict]:
        """Per (architecture, order, variant) of the students: mean retention, time and memory reduction over
        the tasks that have them."""
        groups: dict[tuple, list[ReportRow]] = {}
        for row in self.rows:
            if row.student_score is not None:
                groups.setdefault((row.architecture, row.order, row.variant), []).append(row)
        out = []
        for (arch, order, variant), rows in sorted(groups.items(), key=lambda item: row_sort(*item[0], "")):
            out.append({"architecture": arch, "order": order, "variant": variant, "tasks": len(rows),
                        **{key: _mean(getattr(r, key) for r in rows)
                           for key in ("retention", "time_reduction", "memory_reduction")}})
        return out


def _mean(values: Iterable[float | None]) -> float | None:
    kept = [v for v in values if v is not None and math.isfinite(v)]
    return statistics.fmean(kept) if kept else None


def rank(value: str, order: Sequence[str]) -> tuple[int, str]:
    head = value.split("/", 1)[0]
    return (order.index(head) if head in order else len(order), value)


def row_sort(arch: str, order: str | None, variant: str, task: str) -> tuple:
    order_rank = ORDERS.index(order) if order in ORDERS else len(ORDERS)
    return rank(arch, ARCH_ORDER), rank(task, TASK_ORDER), order_rank, variant


def model_sort(model: ModelInfo) -> tuple:
    """Architecture, then the teacher before its students, students by order and variant."""
    return rank(model.architecture, ARCH_ORDER), model.role != "teacher", row_sort(model.architecture, model.order,
                                                                                    model.variant, "")


def _ratio(student: float | None, teacher: float | None) -> float | None:
    if student is None or teacher is None or teacher <= 0 or not math.isfinite(student):
        return None
    return student / teacher


def _latest(records: Iterable, key, what: str, notes: list[str]) -> dict:
    kept: dict = {}
    dropped = 0
    for record in records:
        k = key(record)
        if k in kept:
            dropped += 1
            if record.created < kept[k].created:
                continue
        kept[k] = record
    if dropped:
        notes.append(f"{dropped} older duplicate {what} record(s) ignored (the latest per model is used)")
    return kept


def _model_key(model: ModelInfo) -> tuple:
    return model.architecture, model.role, model.order, model.variant


COSTS = ("auto", "evaluation", "efficiency")


def build_report(records: Sequence[Record], *, reference_length: int | None = None, cost: str = "auto") -> Report:
    """The table rows from score and efficiency records (see the module doc). ``cost``: where time and memory
    come from: ``auto`` (the evaluation runs when both score records have them, else the efficiency records),
    ``evaluation`` or ``efficiency`` only."""
    if cost not in COSTS:
        raise ValueError(f"cost must be one of {COSTS}, not {cost!r}")
    notes: list[str] = []
    scores = _latest((r for r in records if isinstance(r, ScoreRecord)),
                     lambda r: (*_model_key(r.model), r.task, r.split), "score", notes)
    efficiency = _latest((r for r in records if isinstance(r, EfficiencyRecord)),
                         lambda r: (*_model_key(r.model), r.length), "efficiency", notes)
    measured: dict[tuple, dict[int, EfficiencyRecord]] = {}
    for (*model, length), record in efficiency.items():
        if record.skipped is None and record.median_s is not None:
            measured.setdefault(tuple(model), {})[length] = record
    teachers = {(r.model.architecture, r.task, r.split, r.model.variant): r for r in scores.values()
                if r.model.role == "teacher"}
    rows = []
    paired_teachers = set()
    for student in (r for r in scores.values() if r.model.role == "student"):
        place = (student.model.architecture, student.task, student.split)
        # the teacher of the same variant (e.g. pretrained on the same data) if there is one, else the main one
        where = next((k for k in ((*place, student.model.variant), (*place, "")) if k in teachers), None)
        teacher = teachers.get(where)
        if teacher is not None:
            paired_teachers.add(where)
            if teacher.metric != student.metric:
                raise ValueError(f"{where}: the teacher is scored by {teacher.metric} but the student by "
                                 f"{student.metric}")
        rows.append(_row(student, teacher, measured, reference_length, cost))
    for where, teacher in teachers.items():
        if where not in paired_teachers:
            rows.append(_row(None, teacher, measured, reference_length, cost))
    rows.sort(key=lambda r: row_sort(r.architecture, r.order, r.variant, r.task))
    costless = sum(1 for r in rows if r.teacher_score is not None and r.student_score is not None
                   and not r.cost_source)
    if costless:
        at = f" at {reference_length} tokens" if reference_length else ""
        notes.append(f"{costless} row(s) have no time or memory: neither evaluation timings nor efficiency records "
                     f"of both models{at}")
    used = sorted((r for by_length in measured.values() for r in by_length.values()),
                  key=lambda r: (model_sort(r.model), r.length))
    return Report(rows=rows, efficiency=used, notes=notes)


def _row(student: ScoreRecord | None, teacher: ScoreRecord | None, measured: dict,
         reference_length: int | None, cost: str = "auto") -> ReportRow:
    base = student or teacher
    row = ReportRow(architecture=base.model.architecture, task=base.task, split=base.split, metric=base.metric,
                    order=student.model.order if student else None, variant=student.model.variant if student else "",
                    teacher_score=teacher.score if teacher else None, student_score=student.score if student else None)
    ratio = _ratio(row.student_score, row.teacher_score)
    row.retention = None if ratio is None else 100 * ratio
    if student is None or teacher is None:
        return row
    timed = all(r.seconds is not None and r.examples > 0 for r in (student, teacher))
    if cost == "evaluation" and not timed:
        return row
    if timed and cost != "efficiency":
        row.cost_source = "evaluation"
        row.teacher_seconds = teacher.seconds / teacher.examples
        row.student_seconds = student.seconds / student.examples
        row.teacher_memory_mb, row.student_memory_mb = teacher.peak_memory_mb, student.peak_memory_mb
    else:
        t_runs, s_runs = measured.get(_model_key(teacher.model), {}), measured.get(_model_key(student.model), {})
        common = sorted(set(t_runs) & set(s_runs))
        if reference_length is not None:
            length = reference_length if reference_length in common else None
        else:
            length = common[-1] if common else None
        if length is None:
            return row
        row.cost_source = f"efficiency @ {length} tokens"
        t, s = t_runs[length], s_runs[length]
        row.teacher_seconds, row.student_seconds = t.seconds_per_document, s.seconds_per_document
        row.teacher_memory_mb, row.student_memory_mb = t.peak_memory_mb, s.peak_memory_mb
    for kind in ("seconds", "memory_mb"):
        ratio = _ratio(getattr(row, f"student_{kind}"), getattr(row, f"teacher_{kind}"))
        setattr(row, "time_reduction" if kind == "seconds" else "memory_reduction",
                None if ratio is None else 100 * (1 - ratio))
    return row


# --- rendering -------------------------------------------------------------------------------------------------


def metric_label(metric: str) -> str:
    """A metric key as a reader says it; NER keys name their seqeval mode."""
    parts = metric.split(".")
    if len(parts) == 3 and parts[0] in ("strict", "conlleval"):
        mode = "strict IOB2" if parts[0] == "strict" else "conlleval mode"
        return f"{parts[2].upper() if parts[2] == 'f1' else parts[2]} ({parts[1]}, {mode})"
    return {"f1": "F1", "exact_match": "EM", "score": "GLUE score"}.get(metric, metric)


def _fmt(value: float | None, digits: int = 1) -> str:
    return "" if value is None or not math.isfinite(value) else f"{value:.{digits}f}"


def _seconds(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.3f}" if value >= 0.01 else f"{value:.2e}"


def markdown_table(report: Report) -> str:
    lines = ["| architecture | task | metric | order | variant | teacher | student | retention % | teacher s/doc "
             "| student s/doc | time reduction % | teacher MiB | student MiB | memory reduction % | cost measured by |",
             "|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in report.rows:
        lines.append(
            f"| {r.architecture} | {r.task} ({r.split}) | {metric_label(r.metric)} "
            f"| {ORDER_NAMES.get(r.order, r.order)} | {r.variant} "
            f"| {_fmt(r.teacher_score)} | {_fmt(r.student_score)} | {_fmt(r.retention)} "
            f"| {_seconds(r.teacher_seconds)} | {_seconds(r.student_seconds)} | {_fmt(r.time_reduction)} "
            f"| {_fmt(r.teacher_memory_mb, 0)} | {_fmt(r.student_memory_mb, 0)} | {_fmt(r.memory_reduction)} "
            f"| {r.cost_source} |")
    return "\n".join(lines)


def summary_table(report: Report) -> str:
    lines = ["| architecture | order | variant | tasks | mean retention % | mean time reduction % "
             "| mean memory reduction % |", "|---|---|---|---:|---:|---:|---:|"]
    for s in report.summary():
        lines.append(f"| {s['architecture']} | {ORDER_NAMES.get(s['order'], s['order'])} | {s['variant']} "
                     f"| {s['tasks']} | {_fmt(s['retention'])} | {_fmt(s['time_reduction'])} "
                     f"| {_fmt(s['memory_reduction'])} |")
    return "\n".join(lines)


def csv_table(report: Report) -> str:
    buffer = io.StringIO()
    columns = list(ReportRow.__dataclass_fields__)
    writer = csv.DictWriter(buffer, fieldnames=[*columns, "metric_label"], lineterminator="\n")
    writer.writeheader()
    for row in report.rows:
        writer.writerow({**{k: ("" if v is None else v) for k, v in asdict(row).items()},
                         "metric_label": metric_label(row.metric)})
    return buffer.getvalue()


NOTES = (
    "Scores are percentages of each task's headline metric (named in the row). NER F1 is seqeval's entity-level "
    "micro F1 in strict IOB2 mode (an I- tag without its B- starts no entity); the conlleval-compatible default "
    "mode is in the results file (conlleval.micro.f1).",
    "Retention = student / teacher score. Time is seconds per document; memory is peak MiB (GPU: allocated by "
    "torch; CPU: peak RSS above the process before loading the model). Reductions = 1 - student / teacher.",
    "\"cost measured by\": evaluation = the task's own evaluation run; efficiency @ N = the efficiency benchmark "
    "at N tokens (random ids, batch as recorded).",
)


def render_markdown(report: Report, plots: Sequence[Path] = ()) -> str:
    devices = sorted({r.device + (f", {r.threads} thread{'s' * (r.threads != 1)}" if r.threads else "")
                      for r in report.efficiency})
    table = markdown_table(report) if report.rows else "No score records: efficiency only."
    parts = ["# Baselines report", "", table, "", *(f"- {n}" for n in NOTES)]
    if devices:
        parts.append(f"- Efficiency measured on: {'; '.join(devices)}.")
    parts.extend(f"- {n}" for n in report.notes)
    if report.summary():
        parts += ["", "## Mean over tasks", "", summary_table(report)]
    if plots:
        parts += ["", "## Plots", ""] + [f"![{p.stem}]({p.parent.name}/{p.name})" for p in plots]
    return "\n".join(parts) + "\n"


def write_report(results: str | Path | Sequence[str | Path], out: str | Path, *, reference_length: int | None = None,
                 plots: bool = True, overwrite: bool = True, cost: str = "auto") -> dict[str, Path]:
    """Read the results, write ``report.md``, ``report.csv``, ``summary.csv`` and ``plots/*.png`` into the
    folder ``out`` (replaced as a whole, atomically). Returns the written files by name."""
    from baselines.plots import save_plots
    from baselines.provenance import atomic_folder

    report = build_report(read_results(results), reference_length=reference_length, cost=cost)
    if not report.rows and not report.efficiency:
        raise ValueError(f"{results}: no score or efficiency records to report")
    out = Path(out)
    with atomic_folder(out, overwrite=overwrite) as tmp:
        images = save_plots(report, tmp / "plots") if plots else []
        (tmp / "report.md").write_text(render_markdown(report, images), encoding="utf-8")
        (tmp / "report.csv").write_text(csv_table(report), encoding="utf-8")
        summary = io.StringIO()
        fields = ["architecture", "order", "variant", "tasks", "retention", "time_reduction", "memory_reduction"]
        writer = csv.DictWriter(summary, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in s.items()} for s in report.summary())
        (tmp / "summary.csv").write_text(summary.getvalue(), encoding="utf-8")
        names = ["report.md", "report.csv", "summary.csv", *(f"plots/{p.name}" for p in images)]
    return {name: out / name for name in names}
