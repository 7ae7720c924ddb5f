"""What each kind of stage of a ``run`` does, given its folder and the outputs of the stages it reads.

Every executor writes its output atomically (a temporary sibling renamed into place, or Trainer checkpoints plus
an atomic final ``model/``), so a stage killed half-way leaves either nothing usable or checkpoints to resume from;
the runner marks a stage done only after its executor returned. Training stages (pretrain, distill, finetune)
resume from their latest checkpoint when their folder has one.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .plan import StageSpec

logger = logging.getLogger(__name__)

RESULTS = "results.jsonl"


def has_checkpoint(folder: Path) -> bool:
    return any((folder / "checkpoints").glob("checkpoint-*/trainer_state.json"))


def _sources(data: dict, inputs: dict[str, Path]) -> dict:
    """``corpus:NAME[:RATIO[:MAX]]`` sources -> the corpus stage's file."""
    out = dict(data)
    for key in ("sources", "eval_sources"):
        specs = []
        for spec in data.get(key, []):
            if spec.startswith("corpus:"):
                name, *tail = spec[len("corpus:"):].split(":")
                spec = ":".join([str(inputs[f"corpus:{name}"]), *tail])
            specs.append(spec)
        if key in data:
            out[key] = specs
    return out


def _training(section: dict, progress: bool) -> dict:
    return {**section, "progress": progress}


def run_init(spec: StageSpec, folder: Path, inputs: dict, progress: bool) -> Path:
    from .random_model import build_random_source

    settings = dict(spec.settings)
    texts = _sources({"sources": settings.pop("texts")}, inputs)["sources"]
    out = folder / "model"
    if out.exists():
        shutil.rmtree(out)
    return build_random_source(out, texts=texts, **settings)


def run_corpus(spec: StageSpec, folder: Path, inputs: dict, progress: bool) -> Path:
    """The documents of a task's split as JSON lines (``text``: the tokens joined by spaces)."""
    from baselines.arguments import TaskArguments
    from baselines.tasks import get_task
    from gonerd.scrape.outdir import write_atomic

    s = spec.settings
    options = [f"{k}={json.dumps(v)}" for k, v in (s.get("options") or {}).items()]
    task = get_task(TaskArguments(task=s["task"], data=s.get("data"), options=options))
    rows = task.split(s.get("split", "train"), s.get("max_documents"))
    column = "tokens" if "tokens" in rows.column_names else "text"
    lines = [json.dumps({"id": str(r.get("id", i)), "text": " ".join(r[column]) if column == "tokens" else r[column]},
                        ensure_ascii=False) for i, r in enumerate(rows)]
    out = folder / "docs.jsonl"
    write_atomic(out, "\n".join(lines) + "\n")
    logger.info("corpus %s: %d documents from %s %s", spec.name, len(lines), s["task"], s.get("split", "train"))
    return out


def run_convert(spec: StageSpec, folder: Path, inputs: dict, progress: bool) -> Path:
    from baselines.convert import convert
    from baselines.hf_logging import expected_load_report
    from baselines.loading import resolve_model_path

    for leftover in folder.glob(".model.*"):  # a conversion killed before its rename
        shutil.rmtree(leftover, ignore_errors=True)
    out = folder / "model"
    s = spec.settings
    with expected_load_report():
        return convert(resolve_model_path(str(inputs["model"])), s["arch"], out, max_length=s["max_length"],
                       check=s["check"], overwrite=True, **s["options"])


def run_pretrain(spec: StageSpec, folder: Path, inputs: dict, progress: bool) -> Path:
    from baselines.pretraining import pretrain

    return pretrain(str(inputs["model"]), _sources(spec.run["data"], inputs),
                    _training(spec.run["training"], progress), out=folder, resume=has_checkpoint(folder))


def run_distill(spec: StageSpec, folder: Path, inputs: dict, progress: bool) -> Path:
    from baselines.distillation import distill

    return distill(str(inputs["model"]), _sources(spec.run["data"], inputs),
                   _training(spec.run["training"], progress), spec.run.get("distillation") or {}, out=folder,
                   resume=has_checkpoint(folder))


def run_finetune(spec: StageSpec, folder: Path, inputs: dict, progress: bool) -> Path:
    from baselines.finetuning import finetune

    return finetune(str(inputs["model"]), spec.run["task"], _training(spec.run["training"], progress), out=folder,
                    resume=has_checkpoint(folder), info=spec.info)


def run_evaluate(spec: StageSpec, folder: Path, inputs: dict, progress: bool) -> Path:
    from baselines.evaluation import evaluate_model
    from baselines.results import write_results

    s = spec.settings
    record = evaluate_model(str(inputs["model"]), spec.run["task"], split=s.get("split"),
                            eval_file=s.get("eval_file"), info={**(spec.info or {}), "path": str(inputs["model"])},
                            batch_size=s["batch_size"], device=s["device"], predictions=folder / "predictions",
                            progress=progress)
    logger.info("%s: %s = %s", spec.name, record.metric, "n/a" if record.score is None else f"{record.score:.2f}")
    return write_results(folder / RESULTS, [record])


def run_efficiency(spec: StageSpec, folder: Path, inputs: dict, progress: bool) -> Path:
    from baselines.efficiency import ModelSpec, efficiency_table, measure_efficiency
    from baselines.loading import resolve_model_path
    from baselines.results import write_results

    s = spec.settings
    specs = [ModelSpec(resolve_model_path(str(path)), role=info["role"], architecture=info["architecture"],
                       order=info.get("order"), variant=info.get("variant", ""))
             for path, info in zip(inputs["models"], s["infos"])]
    records = measure_efficiency(specs, s["lengths"], batch_size=s.get("batch_size", 1), warmup=s.get("warmup", 2),
                                 repeats=s.get("repeats", 5), memory=s.get("memory", True), threads=s.get("threads"),
                                 seed=s.get("seed", 0), progress=progress)
    logger.info("%s:\n%s", spec.name, efficiency_table(records))
    return write_results(folder / RESULTS, records)


def run_report(spec: StageSpec, folder: Path, inputs: dict, progress: bool) -> Path:
    from baselines.report import write_report

    s = spec.settings
    written = write_report([str(p) for p in inputs["results"]], folder / "report",
                           reference_length=s.get("reference_length"), plots=s.get("plots", True),
                           cost=s.get("cost", "auto"))
    return written["report.md"].parent


EXECUTORS: dict[str, Callable[[StageSpec, Path, dict, bool], Any]] = {
    "init": run_init, "corpus": run_corpus, "convert": run_convert, "pretrain": run_pretrain,
    "distill": run_distill, "finetune": run_finetune, "evaluate": run_evaluate, "efficiency": run_efficiency,
    "report": run_report,
}
#: Stages every process of a distributed (accelerate launch) run takes part in; the others run on the main one.
DISTRIBUTED = ("pretrain", "distill", "finetune")
