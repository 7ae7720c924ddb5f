"""The report's PNG plots, drawn on plain matplotlib ``Figure`` objects (no pyplot state, no display needed).

- ``time_vs_length.png`` / ``memory_vs_length.png``: median seconds per document (error bars: quartiles) and peak
  memory against the sequence length, one panel per architecture, one line per model (teacher, students by order
  and variant);
- ``retention_by_task.png``: the students' retention per task, one panel per order, one bar per architecture;
- ``orders_side_by_side.png``: convert -> distill against distill -> convert, one panel per architecture, the two
  orders' retention side by side for each task.

A plot with nothing to show (no efficiency records, no student with an order) is not drawn; the report says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import ScalarFormatter

from baselines.report import ARCH_ORDER, ORDER_NAMES, TASK_ORDER, Report, ReportRow, model_sort, rank, row_sort
from baselines.results import ORDERS, EfficiencyRecord, ModelInfo

PANEL = (4.4, 3.6)  # inches per panel


def series_label(model: ModelInfo) -> str:
    label = model.role if model.role == "teacher" else f"student, {ORDER_NAMES.get(model.order, model.order)}"
    return f"{label} [{model.variant}]" if model.variant else label


def _panels(n: int, title: str) -> tuple[Figure, list]:
    fig = Figure(figsize=(PANEL[0] * n, PANEL[1] + 0.6), layout="constrained")
    axes = fig.subplots(1, n, squeeze=False)[0]
    fig.suptitle(title)
    return fig, list(axes)


def efficiency_figure(records: Sequence[EfficiencyRecord], quantity: str = "time") -> Figure | None:
    """Time (``"time"``) or peak memory (``"memory"``) against the sequence length, one panel per architecture."""
    if quantity not in ("time", "memory"):
        raise ValueError(f"quantity must be 'time' or 'memory', not {quantity!r}")
    value = (lambda r: r.seconds_per_document) if quantity == "time" else (lambda r: r.peak_memory_mb)
    kept = [r for r in records if r.skipped is None and value(r) is not None]
    if not kept:
        return None
    archs = sorted({r.model.architecture for r in kept}, key=lambda a: rank(a, ARCH_ORDER))
    what = "Inference time" if quantity == "time" else "Peak memory"
    fig, axes = _panels(len(archs), f"{what} against sequence length")
    for ax, arch in zip(axes, archs):
        models: dict[ModelInfo, list[EfficiencyRecord]] = {}
        for r in kept:
            if r.model.architecture == arch:
                models.setdefault(r.model, []).append(r)
        lengths = sorted({r.length for rs in models.values() for r in rs})
        for model, rs in sorted(models.items(), key=lambda item: model_sort(item[0])):
            rs.sort(key=lambda r: r.length)
            x, y = [r.length for r in rs], [value(r) for r in rs]
            if quantity == "time":
                low = [max(v - r.q1_s / r.batch_size, 0) for v, r in zip(y, rs)]
                high = [max(r.q3_s / r.batch_size - v, 0) for v, r in zip(y, rs)]
                ax.errorbar(x, y, yerr=[low, high], marker="o", capsize=3, label=series_label(model))
            else:
                ax.plot(x, y, marker="o", label=series_label(model))
        ax.set_xscale("log", base=2)
        ax.set_xticks(lengths)
        ax.xaxis.set_major_formatter(ScalarFormatter())
        ax.set_title(arch)
        ax.set_xlabel("sequence length (tokens)")
        ax.set_ylabel("seconds per document (median)" if quantity == "time" else "peak memory (MiB)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize="small")
    return fig


def _bars(ax, groups: list[str], series: dict[str, dict[str, float]], colors: dict[str, str]) -> None:
    """Grouped bars: one group per entry of ``groups``, one bar per series (missing values left out), each bar
    labelled with its value; a series keeps its colour in every panel."""
    width = 0.8 / max(len(series), 1)
    x = np.arange(len(groups))
    for k, (name, values) in enumerate(series.items()):
        heights = [values.get(g, np.nan) for g in groups]
        bars = ax.bar(x + (k - (len(series) - 1) / 2) * width, heights, width, label=name, color=colors[name])
        ax.bar_label(bars, labels=["" if np.isnan(h) else f"{h:.1f}" for h in heights], fontsize="x-small",
                     padding=2)
    ax.set_xticks(x, groups, rotation=30, ha="right")
    ax.axhline(100, color="grey", linestyle="--", linewidth=1)
    ax.grid(axis="y", alpha=0.3)


def _colors(names: Sequence[str]) -> dict[str, str]:
    """One colour per series name, in order of first appearance (matplotlib's default cycle)."""
    unique = list(dict.fromkeys(names))
    return {name: f"C{k % 10}" for k, name in enumerate(unique)}


def _architecture_series(row: ReportRow) -> str:
    return f"{row.architecture} [{row.variant}]" if row.variant else row.architecture


def _order_series(row: ReportRow) -> str:
    return ORDER_NAMES[row.order] + (f" [{row.variant}]" if row.variant else "")


def _task_order(rows: Sequence[ReportRow]) -> list[str]:
    return sorted({r.task for r in rows}, key=lambda t: rank(t, TASK_ORDER))


def _retention_panels(rows: Sequence[ReportRow], title: str, panel_of: Callable[[ReportRow], Any],
                      panel_name: Callable[[Any], str], series_of: Callable[[ReportRow], str]) -> Figure:
    """One panel per distinct ``panel_of(row)`` (rows already in display order), tasks on x, one bar per
    ``series_of(row)``."""
    panels = list(dict.fromkeys(panel_of(r) for r in rows))
    fig, axes = _panels(len(panels), title)
    tasks = _task_order(rows)
    colors = _colors([series_of(r) for r in rows])
    for ax, panel in zip(axes, panels):
        series: dict[str, dict[str, float]] = {}
        for r in rows:
            if panel_of(r) == panel:
                series.setdefault(series_of(r), {})[r.task] = r.retention
        _bars(ax, tasks, series, colors)
        ax.set_title(panel_name(panel))
        ax.set_xlabel("task")
        ax.set_ylabel("retention (% of teacher)")
        ax.legend(fontsize="small")
    return fig


def _order_rank(order: str | None) -> int:
    return ORDERS.index(order) if order in ORDERS else len(ORDERS)


def retention_figure(rows: Sequence[ReportRow]) -> Figure | None:
    """Retention per task, one panel per order, one bar per architecture (and variant)."""
    kept = sorted((r for r in rows if r.retention is not None),
                  key=lambda r: (_order_rank(r.order), row_sort(r.architecture, r.order, r.variant, r.task)))
    if not kept:
        return None
    return _retention_panels(kept, "Student retention per task (% of the teacher's score)", lambda r: r.order,
                             lambda order: ORDER_NAMES.get(order, str(order)), _architecture_series)


def orders_figure(rows: Sequence[ReportRow]) -> Figure | None:
    """The two orders side by side: one panel per architecture, one bar per order (and variant) for each task."""
    kept = sorted((r for r in rows if r.retention is not None and r.order in ORDERS),
                  key=lambda r: (rank(r.architecture, ARCH_ORDER), _order_rank(r.order), r.variant))
    if not kept:
        return None
    return _retention_panels(kept, "convert → distill against distill → convert: retention per task",
                             lambda r: r.architecture, str, _order_series)


def report_figures(report: Report) -> dict[str, Figure | None]:
    return {
        "time_vs_length": efficiency_figure(report.efficiency, "time"),
        "memory_vs_length": efficiency_figure(report.efficiency, "memory"),
        "retention_by_task": retention_figure(report.rows),
        "orders_side_by_side": orders_figure(report.rows),
    }


WHY_NOT = {
    "time_vs_length": "no efficiency record",
    "memory_vs_length": "no efficiency record with a peak memory",
    "retention_by_task": "no student with both its and its teacher's score",
    "orders_side_by_side": "no student with an order and both scores",
}


def save_plots(report: Report, folder: str | Path, *, dpi: int = 120) -> list[Path]:
    """Draw and save every plot that has data as ``<folder>/<name>.png``; the missing ones are noted in
    ``report.notes``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fig in report_figures(report).items():
        if fig is None:
            report.notes.append(f"plot {name} not drawn: {WHY_NOT[name]}")
            continue
        path = folder / f"{name}.png"
        fig.savefig(path, dpi=dpi)
        written.append(path)
    return written
