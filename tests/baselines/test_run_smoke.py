"""`gonerd baselines run baselines/configs/cpu-smoke.yaml` end to end, as a user runs it (a subprocess): every stage
on tiny random models and both orders, the report with every column; a second run skips every stage; a changed
setting re-runs only what depends on it; a run killed in the middle of a training stage resumes from its
checkpoint."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from cli_subprocess import GONERD, run_gonerd

pytest.importorskip("torch")

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SMOKE = REPO / "baselines" / "configs" / "cpu-smoke.yaml"
FIXTURES = REPO.parent / "shared" / "fixtures"
COLUMNS = ["architecture", "task", "split", "metric", "order", "variant", "teacher_score", "student_score",
           "retention", "teacher_seconds", "student_seconds", "time_reduction", "teacher_memory_mb",
           "student_memory_mb", "memory_reduction", "cost_source"]
ENV = {"GONERD_FIXTURES": str(FIXTURES)}
CHANGE = "tasks.conll2003.training.learning_rate=2.0e-3"
# the killed run trains long enough after its first checkpoint (checkpoint-2) that the kill lands mid-training
LONGER = "tasks.conll2003.training.max_steps=40"


@pytest.fixture(scope="module")
def smoke(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    from shared_fixtures import require_fixture

    for path in ("ner-conll/conll2003/eng.testa", "hf-formats/squad_v1.1/allennlp_models/squad.json",
                 "hf-formats/glue/hf_dummy/MRPC/train"):
        require_fixture(FIXTURES / path)
    out = tmp_path_factory.mktemp("smoke") / "run"
    started = time.time()
    result = run_gonerd("baselines", "run", str(SMOKE), "--out", str(out), "--no-progress", timeout=1800, env=ENV)
    print(f"cpu-smoke run: {time.time() - started:.0f} s")
    return out, result


def _stages(out: Path) -> dict[str, dict]:
    return {s["name"]: s for s in json.loads((out / "pipeline.json").read_text())["stages"]}


def test_the_smoke_run_produces_the_report_with_every_column_and_both_orders(smoke):
    out, result = smoke
    assert result.returncode == 0, result.stderr[-3000:]
    stages = _stages(out)
    assert {s["status"] for s in stages.values()} == {"ran"}
    kinds = {s["kind"] for s in stages.values()}
    assert kinds == {"corpus", "init", "convert", "pretrain", "distill", "finetune", "evaluate", "efficiency",
                     "report"}
    report = out / "report"
    assert {p.name for p in report.iterdir()} >= {"report.md", "report.csv", "summary.csv", "plots"}
    assert {p.name for p in (report / "plots").iterdir()} == {
        "time_vs_length.png", "memory_vs_length.png", "retention_by_task.png", "orders_side_by_side.png"}
    with open(report / "report.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert set(COLUMNS) <= set(rows[0])
    students = [r for r in rows if r["student_score"]]
    for arch in ("longformer", "bigbird", "lsg", "nystromformer"):
        orders = {r["order"] for r in students if r["architecture"] == arch and r["task"] == "conll2003"}
        assert orders == {"convert_then_distill", "distill_then_convert"}, arch
    assert {r["task"] for r in rows} == {"conll2003", "squad", "glue/mrpc", "glue/stsb"}
    assert any(r["variant"] == "short" and r["architecture"] == "lsg" for r in students)
    assert any(r["architecture"] == "bert" and r["student_score"] for r in rows)  # the short baseline
    for row in students:
        if row["architecture"] in ("longformer", "bert") or row["task"] == "conll2003":
            filled = [c for c in COLUMNS if c != "variant" and (c != "order" or row["architecture"] != "bert")]
            assert all(row[c] != "" for c in filled if c not in ("retention",)), row
    markdown = (report / "report.md").read_text()
    assert "distill → convert" in markdown and "convert → distill" in markdown
    assert "strict IOB2" in markdown
    # provenance: the pipeline's and every training stage's
    pipeline = json.loads((out / "pipeline.json").read_text())
    assert pipeline["status"] == "finished" and pipeline["seeds"] == {"seed": 7}
    assert pipeline["git"]["commit"] and pipeline["versions"]["torch"]
    finetune = next(Path(out / s["folder"]) for s in stages.values() if s["kind"] == "finetune")
    assert json.loads((finetune / "provenance.json").read_text())["settings"]["training"]["seed"] == 7
    # the progress lines: which stage of how many, elapsed and time left
    assert "[1/" in result.stderr and "left)" in result.stderr


def test_a_second_run_skips_every_stage(smoke):
    out, first = smoke
    assert first.returncode == 0
    result = run_gonerd("baselines", "run", str(SMOKE), "--out", str(out), "--no-progress", timeout=600, env=ENV)
    assert result.returncode == 0, result.stderr[-3000:]
    total = len(_stages(out))
    assert f"{total} stages: {total} cached" in result.stdout
    assert {s["status"] for s in _stages(out).values()} == {"cached"}


def test_a_changed_setting_reruns_what_depends_on_it_and_a_killed_run_resumes(smoke):
    out, first = smoke
    assert first.returncode == 0
    before = _stages(out)
    dry = run_gonerd("baselines", "run", str(SMOKE), "--out", str(out), "--set", CHANGE, "--dry-run", env=ENV)
    assert dry.returncode == 0, dry.stderr[-2000:]
    planned = {line.split()[1] for line in dry.stdout.splitlines() if line.startswith("planned")}
    expected = {name for name in before if name.endswith("/conll2003") and name.split("/")[0] in
                ("finetune", "evaluate")} | {"report"}
    assert planned == expected

    # start the changed run and kill it once a fine-tuning stage has written its first checkpoint
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", **ENV}
    process = subprocess.Popen([str(GONERD), "baselines", "run", str(SMOKE), "--out", str(out), "--set", CHANGE,
                                "--set", LONGER, "--no-progress"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    killed_in = None
    try:
        deadline = time.time() + 900
        while time.time() < deadline and process.poll() is None and killed_in is None:
            for folder in (out / "stages").glob("finetune-*-conll2003-*"):
                if (folder / "checkpoints" / "checkpoint-2" / "trainer_state.json").exists() and \
                        not (folder / "stage.json").exists():
                    killed_in = folder
                    break
            time.sleep(0.2)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert killed_in is not None, "no fine-tuning stage was caught between its checkpoint and its end"
    assert not (killed_in / "model").exists() or not (killed_in / "stage.json").exists()
    # on a loaded machine the stage may write a later checkpoint between the check and the kill: the resume must
    # start from the last complete one that was there when the process died
    complete = [int(c.name.split("-")[1]) for c in (killed_in / "checkpoints").glob("checkpoint-*")
                if (c / "trainer_state.json").exists()]
    last_complete = f"checkpoint-{max(complete)}"

    result = run_gonerd("baselines", "run", str(SMOKE), "--out", str(out), "--set", CHANGE, "--set", LONGER,
                        "--no-progress", timeout=1200, env=ENV)
    assert result.returncode == 0, result.stderr[-3000:]
    after = _stages(out)
    ran = {name for name, s in after.items() if s["status"] == "ran"}
    assert ran <= expected and "report" in ran
    assert {name for name, s in after.items() if s["status"] == "cached"} >= set(before) - expected
    resumed = json.loads((killed_in / "provenance.json").read_text())
    assert resumed["status"] == "finished"
    assert resumed["settings"]["resume_from"].endswith(last_complete)
    assert resumed["previous_runs"] and resumed["previous_runs"][-1]["status"] == "running"
    assert (killed_in / "stage.json").exists()
