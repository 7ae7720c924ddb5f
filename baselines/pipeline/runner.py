"""`run CONFIG.yaml`: every stage of the plan in order, cached by fingerprint, resumable after a kill.

Layout of the run folder (``out`` in the config, ``--out`` on the command line; relative to the current folder)::

    OUT/stages/<stage>-<fingerprint>/   one folder per stage; ``stage.json`` marks it done (written last)
    OUT/pipeline.json                   the configuration, every stage's fingerprint, folder, status and time,
                                        package versions, git commit, seeds (rewritten after every stage)
    OUT/report/                         the report of the last run (report.md, report.csv, summary.csv, plots/)

A stage whose folder holds a ``stage.json`` with its fingerprint is skipped (``cached``); any other is run. A
changed setting changes the fingerprint of its stage and of every stage downstream (:mod:`.plan`), so only those
run again; the folders of other fingerprints stay (switching a setting back finds them again). A run killed in a
training stage resumes from the stage's latest checkpoint; other stages write their output atomically and start
over. Before each stage one line says which stage of how many it is, the time so far and the estimated time left
(from the stages of the same kind that ran, else the mean of all that ran); training and evaluation show their own
progress bars with an ETA.

Under ``accelerate launch`` (several processes), training stages run in every process (the Trainer distributes
them) and every other stage on the main process while the others wait.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import statistics
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .config import load_config, resolve_path
from .plan import Plan, Ref, StageSpec, build_plan
from .stages import DISTRIBUTED, EXECUTORS

logger = logging.getLogger(__name__)

MARKER = "stage.json"
BARRIER_HOURS = 24
PIPELINE_FILE = "pipeline.json"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-:--:--"
    seconds = round(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


@dataclass
class StageResult:
    name: str
    kind: str
    fingerprint: str
    folder: str
    status: str  # cached | ran | planned | failed
    seconds: float | None = None
    output: str | None = None


@dataclass
class RunResult:
    out: Path
    stages: list[StageResult] = field(default_factory=list)
    report: Path | None = None

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in self.stages:
            out[s.status] = out.get(s.status, 0) + 1
        return out


class Distributed:
    """The process group of an ``accelerate launch`` run (one process otherwise)."""

    def __init__(self):
        self.size = int(os.environ.get("WORLD_SIZE", "1"))
        self.state = None
        if self.size > 1:
            from datetime import timedelta

            from accelerate import PartialState

            # the other processes wait at a barrier while the main one evaluates or measures (hours for TriviaQA):
            # the default 30-minute collective timeout would abort them
            self.state = PartialState(timeout=timedelta(hours=BARRIER_HOURS))

    @property
    def main(self) -> bool:
        return self.state is None or self.state.is_main_process

    def barrier(self) -> None:
        if self.state is not None:
            self.state.wait_for_everyone()


def read_marker(folder: Path, fingerprint: str) -> dict | None:
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if marker.get("fingerprint") != fingerprint or marker.get("status") != "done":
        return None
    output = marker.get("output")
    if output is None or not (folder / output).exists():
        return None
    return marker


class Eta:
    """Time left: per stage kind, the mean time of the stages of that kind that ran (else of all that ran)."""

    def __init__(self):
        self.times: dict[str, list[float]] = {}

    def add(self, kind: str, seconds: float) -> None:
        self.times.setdefault(kind, []).append(seconds)

    def left(self, kinds: list[str]) -> float | None:
        every = [t for ts in self.times.values() for t in ts]
        if not every:
            return None
        overall = statistics.fmean(every)
        return sum(statistics.fmean(self.times[k]) if k in self.times else overall for k in kinds)


def run_pipeline(config_file: str | Path, *, out: str | Path | None = None, overrides: list[str] | None = None,
                 eval_files: list[str] | None = None, progress: bool = True, dry_run: bool = False) -> RunResult:
    """Run (or, with ``dry_run``, only list) the stages of ``config_file``; returns what each stage did."""
    from baselines.provenance import package_versions, provenance, write_json

    config = load_config(config_file, overrides)
    config["eval_files"] = [*config["eval_files"], *(resolve_path(f, Path.cwd()) for f in eval_files or [])]
    for file in config["eval_files"]:
        if not Path(file).is_file():
            raise FileNotFoundError(f"--eval-file {file}: no such file")
    plan = build_plan(config)
    root = Path(out or config["out"]).expanduser().resolve()
    result = RunResult(root)
    stages_dir = root / "stages"
    cached = {s.name: read_marker(stages_dir / s.folder_name, s.fingerprint) for s in plan.stages}
    if dry_run:
        for spec in plan.stages:
            status = "cached" if cached[spec.name] else "planned"
            result.stages.append(StageResult(spec.name, spec.kind, spec.fingerprint,
                                             str(stages_dir / spec.folder_name), status))
        return result
    if config.get("threads"):
        import torch

        torch.set_num_threads(int(config["threads"]))
    dist = Distributed()
    root.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, Path] = {}
    eta = Eta()
    started = time.time()
    record = provenance("run", {"config": config}, seeds={"seed": config["seed"]}, out=str(root),
                        started=datetime.now(timezone.utc).isoformat(timespec="seconds"))
    total = len(plan.stages)
    for index, spec in enumerate(plan.stages, start=1):
        folder = stages_dir / spec.folder_name
        marker = read_marker(folder, spec.fingerprint)
        if marker is not None:
            outputs[spec.name] = folder / marker["output"]
            result.stages.append(StageResult(spec.name, spec.kind, spec.fingerprint, str(folder), "cached",
                                             marker.get("seconds"), marker["output"]))
            logger.info("[%d/%d] %s: cached (%s)", index, total, spec.name, folder.name)
            continue
        left = eta.left([s.kind for s in plan.stages[index - 1:] if not cached[s.name]])
        logger.info("[%d/%d] %s: running (pipeline %s elapsed, about %s left)", index, total, spec.name,
                    _duration(time.time() - started), _duration(left))
        inputs = resolve_inputs(spec, outputs)
        begin = time.time()
        output: Path | None = None
        if spec.kind in DISTRIBUTED or dist.main:
            folder.mkdir(parents=True, exist_ok=True)
            try:
                output = Path(EXECUTORS[spec.kind](spec, folder, inputs, progress))
            except BaseException:
                result.stages.append(StageResult(spec.name, spec.kind, spec.fingerprint, str(folder), "failed",
                                                 round(time.time() - begin, 2)))
                if dist.main:
                    _write_pipeline(root, record, result, plan, package_versions)
                raise
        seconds = round(time.time() - begin, 2)
        if dist.main:
            output = output if output is not None else folder
            write_json(folder / MARKER, {"name": spec.name, "kind": spec.kind, "fingerprint": spec.fingerprint,
                                         "status": "done", "seconds": seconds,
                                         "output": os.path.relpath(output, folder), "info": spec.info,
                                         "settings": spec.settings, "run": spec.run,
                                         "inputs": {k: [str(p) for p in v] if isinstance(v, list) else str(v)
                                                    for k, v in inputs.items()},
                                         "finished": datetime.now(timezone.utc).isoformat(timespec="seconds")})
        dist.barrier()
        marker = read_marker(folder, spec.fingerprint)
        if marker is None:
            raise RuntimeError(f"stage {spec.name} finished but {folder / MARKER} is missing or stale")
        outputs[spec.name] = folder / marker["output"]
        eta.add(spec.kind, seconds)
        result.stages.append(StageResult(spec.name, spec.kind, spec.fingerprint, str(folder), "ran", seconds,
                                         marker["output"]))
        logger.info("[%d/%d] %s: done in %s", index, total, spec.name, _duration(seconds))
        if dist.main:
            _write_pipeline(root, record, result, plan, package_versions)
    report = outputs.get("report")
    if report is not None and dist.main:
        result.report = publish_report(report, root / "report")
    if dist.main:
        _write_pipeline(root, record, result, plan, package_versions, finished=True,
                        seconds=round(time.time() - started, 2))
    dist.barrier()
    return result


def resolve_inputs(spec: StageSpec, outputs: dict[str, Path]) -> dict[str, Any]:
    def one(ref: Ref):
        return outputs[ref.stage] if ref.stage else ref.path

    return {name: [one(r) for r in value] if isinstance(value, list) else one(value)
            for name, value in spec.refs.items()}


def publish_report(folder: Path, target: Path) -> Path:
    """A copy of the report stage's folder at ``OUT/report`` (replaced atomically)."""
    from baselines.provenance import atomic_folder

    with atomic_folder(target, overwrite=True) as tmp:
        shutil.copytree(folder, tmp, dirs_exist_ok=True)
    return target


def _write_pipeline(root: Path, record: dict, result: RunResult, plan: Plan, versions, finished: bool = False,
                    seconds: float | None = None) -> None:
    from baselines.provenance import write_json

    done = {s.name: s for s in result.stages}
    stages = []
    for spec in plan.stages:
        state = done.get(spec.name)
        stages.append({"name": spec.name, "kind": spec.kind, "fingerprint": spec.fingerprint,
                       "folder": str(Path("stages") / spec.folder_name), "deps": spec.deps, "info": spec.info,
                       "status": state.status if state else "planned",
                       "seconds": state.seconds if state else None})
    models = [{"id": m.id, "info": m.info, "source": m.ref.describe(), "finetune": m.finetune} for m in plan.models]
    write_json(root / PIPELINE_FILE, {**record, "status": "finished" if finished else "running",
                                      "seconds": seconds, "models": models, "stages": stages,
                                      "counts": result.counts()})
