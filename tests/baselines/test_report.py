"""The report from a results file: hand-computed retention and reductions, both cost sources, duplicates, the
Markdown/CSV tables, and the PNG plots (valid images, labelled axes checked on the matplotlib objects)."""

from __future__ import annotations

import csv
import io

import pytest

from baselines.plots import efficiency_figure, orders_figure, report_figures, retention_figure
from baselines.report import build_report, csv_table, markdown_table, metric_label, write_report
from baselines.results import EfficiencyRecord, ModelInfo, ResultsError, ScoreRecord, read_results, write_results

CTD, DTC = "convert_then_distill", "distill_then_convert"
NER = "strict.micro.f1"


def model(arch, role="teacher", order=None, variant=""):
    return ModelInfo(arch, role, order, variant, path=f"runs/{arch}-{role}-{order}-{variant}")


def score(arch, task, value, role="teacher", order=None, variant="", metric=NER, seconds=None, peak=None,
          created="2026-11-25T10:00:00+00:00"):
    return ScoreRecord(model=model(arch, role, order, variant), task=task, split="test", metric=metric, score=value,
                       metrics={metric: value}, examples=10, seconds=seconds, peak_memory_mb=peak, device="cpu",
                       created=created)


def timing(arch, length, median, peak, role="teacher", order=None, variant="", batch=1):
    record = EfficiencyRecord(model=model(arch, role, order, variant), length=length, batch_size=batch,
                              device="cpu", threads=1, warmup=1, repeats=3,
                              times_s=[median * 0.9, median, median * 1.2], median_s=median, q1_s=median * 0.95,
                              q3_s=median * 1.1, min_s=median * 0.9, max_s=median * 1.2,
                              tokens_per_second=length * batch / median, peak_memory_mb=peak, model_memory_mb=50.0,
                              memory_method="cpu: test")
    return record


@pytest.fixture
def records():
    return [
        score("longformer", "conll2003", 80.0),
        score("longformer", "conll2003", 76.0, "student", CTD),
        score("longformer", "conll2003", 72.0, "student", DTC),
        score("longformer", "conll2003", 70.0, "student", CTD, variant="short"),
        score("longformer", "squad", 60.0, metric="f1", seconds=20.0, peak=900.0),
        score("longformer", "squad", 57.0, "student", CTD, metric="f1", seconds=8.0, peak=450.0),
        score("nystromformer", "conll2003", 50.0),
        score("nystromformer", "conll2003", 40.0, "student", DTC, created="2026-11-20T10:00:00+00:00"),
        score("nystromformer", "conll2003", 45.0, "student", DTC, created="2026-11-26T10:00:00+00:00"),
        score("lsg", "gonerd", 66.0),  # a teacher without a student
        *(timing("longformer", n, t, m) for n, t, m in ((512, 0.2, 400.0), (1024, 0.5, 600.0))),
        *(timing("longformer", n, t, m, "student", CTD) for n, t, m in ((512, 0.1, 300.0), (1024, 0.2, 330.0))),
        timing("longformer", 512, 0.12, 310.0, "student", DTC),
        timing("longformer", 1024, 0.8, 500.0, "student", CTD, variant="short", batch=4),
        timing("nystromformer", 512, 0.4, 800.0),
        timing("nystromformer", 512, 0.1, 200.0, "student", DTC),
    ]


def test_rows_by_hand(records):
    report = build_report(records)
    rows = {(r.architecture, r.task, r.order, r.variant): r for r in report.rows}
    assert len(report.rows) == 6
    ctd = rows[("longformer", "conll2003", CTD, "")]
    assert (ctd.teacher_score, ctd.student_score, ctd.retention) == (80.0, 76.0, pytest.approx(95.0))
    # no evaluation timing: the efficiency records at the longest common length (1024)
    assert ctd.cost_source == "efficiency @ 1024 tokens"
    assert (ctd.teacher_seconds, ctd.student_seconds) == (0.5, 0.2)
    assert ctd.time_reduction == pytest.approx(60.0)
    assert ctd.memory_reduction == pytest.approx(100 * (1 - 330 / 600))
    dtc = rows[("longformer", "conll2003", DTC, "")]
    assert dtc.retention == pytest.approx(90.0) and dtc.cost_source == "efficiency @ 512 tokens"
    assert dtc.time_reduction == pytest.approx(40.0)
    short = rows[("longformer", "conll2003", CTD, "short")]
    assert short.student_seconds == pytest.approx(0.2)  # 0.8 s for a batch of 4 documents
    assert short.time_reduction == pytest.approx(60.0)
    squad = rows[("longformer", "squad", CTD, "")]  # evaluation timings win: 2.0 vs 0.8 s per document
    assert squad.cost_source == "evaluation" and squad.time_reduction == pytest.approx(60.0)
    assert squad.memory_reduction == pytest.approx(50.0) and squad.retention == pytest.approx(95.0)
    nys = rows[("nystromformer", "conll2003", DTC, "")]
    assert nys.student_score == 45.0 and nys.time_reduction == pytest.approx(75.0)  # the latest record
    assert any("1 older duplicate score" in n for n in report.notes)
    alone = rows[("lsg", "gonerd", None, "")]
    assert alone.teacher_score == 66.0 and alone.student_score is None and alone.retention is None
    assert [(r.architecture, r.task, r.order, r.variant) for r in report.rows] == [
        ("longformer", "squad", CTD, ""), ("longformer", "conll2003", CTD, ""),
        ("longformer", "conll2003", CTD, "short"), ("longformer", "conll2003", DTC, ""),
        ("lsg", "gonerd", None, ""), ("nystromformer", "conll2003", DTC, "")]


def test_reference_length_and_missing_costs_are_said(records):
    report = build_report(records, reference_length=512)
    rows = {(r.architecture, r.task, r.order, r.variant): r for r in report.rows}
    assert rows[("longformer", "conll2003", CTD, "")].time_reduction == pytest.approx(50.0)
    assert rows[("longformer", "conll2003", CTD, "short")].cost_source == ""  # not measured at 512
    assert any("no time or memory" in n and "512 tokens" in n for n in report.notes)


def test_summary_averages_over_tasks(records):
    summary = {(s["architecture"], s["order"], s["variant"]): s for s in build_report(records).summary()}
    ctd = summary[("longformer", CTD, "")]
    assert ctd["tasks"] == 2 and ctd["retention"] == pytest.approx(95.0)
    assert ctd["time_reduction"] == pytest.approx(60.0)


def test_markdown_and_csv_name_the_metric_and_its_mode(records):
    report = build_report(records)
    table = markdown_table(report)
    header = table.splitlines()[0]
    for column in ("teacher", "student", "retention %", "teacher s/doc", "student s/doc", "time reduction %",
                   "memory reduction %", "cost measured by"):
        assert f"| {column} |" in header
    assert "F1 (micro, strict IOB2)" in table and "convert → distill" in table and "distill → convert" in table
    assert metric_label("conlleval.micro.f1") == "F1 (micro, conlleval mode)"
    rows = list(csv.DictReader(io.StringIO(csv_table(report))))
    assert len(rows) == 6 and rows[1]["metric_label"] == "F1 (micro, strict IOB2)"
    assert float(rows[1]["retention"]) == pytest.approx(95.0)


def test_mismatched_metrics_are_an_error():
    with pytest.raises(ValueError, match="scored by"):
        build_report([score("bert", "squad", 50.0, metric="f1"),
                      score("bert", "squad", 40.0, "student", CTD, metric="exact_match")])


def test_write_report_files_and_pngs(records, tmp_path):
    results = write_results(tmp_path / "results.jsonl", records)
    files = write_report(results, tmp_path / "report")
    assert set(files) == {"report.md", "report.csv", "summary.csv", "plots/time_vs_length.png",
                          "plots/memory_vs_length.png", "plots/retention_by_task.png",
                          "plots/orders_side_by_side.png"}
    from matplotlib.image import imread

    for name, path in files.items():
        if name.endswith(".png"):
            assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            image = imread(path)
            assert image.ndim == 3 and image.shape[0] > 200 and image.shape[1] > 400
            assert image[..., :3].std() > 0.05  # something is drawn
    text = files["report.md"].read_text()
    assert "![orders_side_by_side](plots/orders_side_by_side.png)" in text
    assert "Efficiency measured on: cpu, 1 thread." in text
    write_report(results, tmp_path / "report")  # replaced as a whole
    with pytest.raises(FileExistsError):
        write_report(results, tmp_path / "report", overwrite=False)


def _labels(fig):
    return [(ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) for ax in fig.axes]


def test_plots_have_labelled_axes_and_the_right_series(records):
    report = build_report(records)
    time = efficiency_figure(report.efficiency, "time")
    assert _labels(time) == [("longformer", "sequence length (tokens)", "seconds per document (median)"),
                             ("nystromformer", "sequence length (tokens)", "seconds per document (median)")]
    legend = [t.get_text() for t in time.axes[0].get_legend().get_texts()]
    assert legend == ["teacher", "student, convert → distill", "student, convert → distill [short]",
                      "student, distill → convert"]
    assert list(time.axes[0].get_xticks()) == [512, 1024]
    memory = efficiency_figure(report.efficiency, "memory")
    assert memory.axes[0].get_ylabel() == "peak memory (MiB)"
    retention = retention_figure(report.rows)
    assert [ax.get_title() for ax in retention.axes] == ["convert → distill", "distill → convert"]
    assert all(ax.get_ylabel() == "retention (% of teacher)" and ax.get_xlabel() == "task" for ax in retention.axes)
    assert [t.get_text() for t in retention.axes[0].get_xticklabels()] == ["squad", "conll2003"]
    orders = orders_figure(report.rows)
    assert [ax.get_title() for ax in orders.axes] == ["longformer", "nystromformer"]
    assert [t.get_text() for t in orders.axes[0].get_legend().get_texts()] == \
        ["convert → distill", "convert → distill [short]", "distill → convert"]
    heights = sorted(round(p.get_height(), 3) for p in orders.axes[0].patches if p.get_height() == p.get_height())
    assert heights == [87.5, 90.0, 95.0, 95.0]  # CTD 95 (both tasks), short 87.5, DTC 90


def test_plots_without_data_are_not_drawn_and_noted(tmp_path):
    from baselines.plots import save_plots

    report = build_report([score("bert", "squad", 50.0, metric="f1")])
    assert all(fig is None for fig in report_figures(report).values())
    assert save_plots(report, tmp_path) == [] and len(report.notes) == 4


def test_results_file_errors_name_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    good = write_results(tmp_path / "good.jsonl", [score("bert", "squad", 1.0, metric="f1")]).read_text()
    cases = {
        "not json": "not valid JSON",
        '{"kind": "score", "schema": 2}': "schema is 2",
        '{"kind": "timing", "schema": 1}': "kind is 'timing'",
        good.replace('"score": 1.0', '"score": "high"'): "field 'score' is 'high'",
        good.replace('"role": "teacher"', '"role": "boss"'): "role must be one of",
        good.replace('"split": "test", ', ""): "missing field(s) ['split']",
        good.replace('"split": "test"', '"split": "test", "spilt": 1'): "unknown field(s) ['spilt']",
    }
    for line, message in cases.items():
        path.write_text(good + "\n" + line.strip() + "\n")
        with pytest.raises(ResultsError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")
                           .replace("]", r"\]")) as info:
            read_results(path)
        assert str(info.value).startswith(f"{path}:3:")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ResultsError, match=r"no \*\.jsonl"):
        read_results(tmp_path / "empty")
    with pytest.raises(ResultsError, match="no such results file"):
        read_results(tmp_path / "absent.jsonl")


def test_score_record_from_metrics_takes_the_task_headline():
    from baselines.metrics.ner import ner_metrics

    metrics = ner_metrics([["B-PER", "O"]], [["B-PER", "O"]])
    record = ScoreRecord.from_metrics(model("bert"), "gonerd", "test", metrics, examples=1)
    assert (record.metric, record.score) == ("strict.micro.f1", 100.0)
    with pytest.raises(ValueError, match="headline metric 'f1'"):
        ScoreRecord.from_metrics(model("bert"), "squad", "test", metrics)


def test_a_student_pairs_with_the_teacher_of_its_variant_else_the_main_one():
    report = build_report([
        score("lsg", "gonerd", 80.0), score("lsg", "gonerd", 60.0, variant="long"),
        score("lsg", "gonerd", 54.0, "student", CTD, variant="long"),
        score("lsg", "gonerd", 72.0, "student", CTD, variant="short"),
    ])
    retention = {r.variant: r.retention for r in report.rows}
    assert retention == {"long": pytest.approx(90.0), "short": pytest.approx(90.0)}
