"""The argument model of every baselines stage, in the style of Hugging Face's ``run_ner.py``.

A stage takes a few argument dataclasses: :class:`ModelArguments` (what it starts from), a :class:`DataArguments`
subclass (what it reads: :class:`CorpusArguments` for the masked-language-model stages), :class:`TrainingArguments`
(how it optimises) and its own (:class:`DistillationArguments`). The same classes give

* the CLI options (``baselines.cli_options``: one ``--flag`` per field, with the field's help and default),
* the Python API (``pretrain(ModelArguments("runs/lsg"), CorpusArguments(sources=[...]), TrainingArguments())``),
* configuration files (:func:`from_dict`: checked keys, values coerced to the field types, so YAML's ``1e-4``
  string or ``"0,2,4"`` work), and
* the provenance record (:func:`to_dict`).

Field metadata: ``help``; ``flags`` (CLI spellings, default ``--field-name``); ``choices``; ``fingerprint: False``
for fields that change how a run is shown or saved but not what it computes (progress bar, logging, checkpoint
frequency), which :func:`fingerprint_dict` leaves out so that a cached result is not re-computed for them.

Nothing here imports torch or transformers: ``gonerd --help`` builds its options from these classes.
"""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

PRECISIONS = ("auto", "fp32", "bf16", "fp16")
STOPPING = ("first_exhausted", "all_exhausted")


def meta(help: str, *, flags: tuple[str, ...] | None = None, choices: tuple[str, ...] | None = None,
          fingerprint: bool = True) -> dict:
    return {"help": help, "flags": flags, "choices": choices, "fingerprint": fingerprint}


def arg(default: Any = dataclasses.MISSING, *, help: str, flags: tuple[str, ...] | None = None,
        choices: tuple[str, ...] | None = None, fingerprint: bool = True):
    """A dataclass field with an immutable default and the metadata above (mutable defaults: ``field(
    default_factory=..., metadata=meta(...))``)."""
    return field(default=default, metadata=meta(help, flags=flags, choices=choices, fingerprint=fingerprint))


@dataclass
class ModelArguments:
    """The model a stage starts from."""

    model_name_or_path: str = arg(help="A model folder, a run folder of pretrain/distill, or a Hub id.")
    tokenizer_name_or_path: str | None = arg(None, help="Tokenizer folder or Hub id (default: the model's).",
                                             flags=("--tokenizer",))

    def __post_init__(self):
        self.model_name_or_path = str(self.model_name_or_path)
        if not self.model_name_or_path:
            raise ValueError("the model path is empty")
        if self.tokenizer_name_or_path is not None:
            self.tokenizer_name_or_path = str(self.tokenizer_name_or_path)


@dataclass
class DataArguments:
    """What every stage's data has: a sequence length and optional caps on the number of examples."""

    max_length: int | None = arg(None, help="Sequence length (default: the model's).")
    max_train_examples: int | None = arg(None, help="Use at most this many training examples.",
                                         flags=("--max-train-examples", "--max-examples"))
    max_eval_examples: int | None = arg(None, help="Use at most this many evaluation examples.")

    def __post_init__(self):
        for name in ("max_length", "max_train_examples", "max_eval_examples"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ValueError(f"--{name.replace('_', '-')} must be >= 1, got {value}")

    def check(self) -> None:
        """Fail on unusable inputs before any model is loaded (subclasses check their files)."""


@dataclass
class CorpusArguments(DataArguments):
    """Raw text for masked-language-model training (``pretrain``, ``distill``), packed into sequences.

    A source is ``PATH[:RATIO[:MAX_TOKENS]]`` (see :mod:`baselines.data.sources`)."""

    sources: list[str] = field(default_factory=list, metadata=meta(
        "PATH[:RATIO[:MAX_TOKENS]] (repeat for a mixture): .txt, .jsonl, .parquet, a dataset folder, or "
        "hub:DATASET[@CONFIG] (streamed).", flags=("--source",)))
    eval_sources: list[str] = field(default_factory=list, metadata=meta(
        "Held-out text, same syntax (repeatable): evaluation loss and perplexity.", flags=("--eval-source",)))
    text_field: str = arg("text", help="Text field of JSONL files and datasets.")
    split: str = arg("train", help="Split of dataset sources.")
    eval_split: str = arg("validation", help="Split of dataset eval sources.")
    stopping: str = arg("first_exhausted", choices=STOPPING,
                        help="When a mixture ends: when one source runs out, or when all were read once.")
    mlm_probability: float = arg(0.15, help="Share of tokens masked (80% mask token, 10% random, 10% kept).")

    def __post_init__(self):
        super().__post_init__()
        self.sources = [str(s) for s in self.sources]
        self.eval_sources = [str(s) for s in self.eval_sources]
        if self.stopping not in STOPPING:
            raise ValueError(f"--stopping must be one of {STOPPING}, got {self.stopping!r}")
        if not 0 < self.mlm_probability < 1:
            raise ValueError(f"--mlm-probability must be in (0, 1), got {self.mlm_probability}")

    def check(self) -> None:
        from baselines.data.sources import parse_source

        if not self.sources:
            raise ValueError("give at least one --source")
        for spec in [*self.sources, *self.eval_sources]:
            parse_source(spec)


@dataclass
class TrainingArguments:
    """How a stage optimises, checkpoints and reports (mapped onto ``transformers.TrainingArguments`` by
    :func:`baselines.training.trainer_arguments`; ours are the settings a user chooses, with short CLI names)."""

    max_steps: int = arg(-1, help="Optimizer steps (-1: run --epochs).")
    epochs: float = arg(1.0, help="Passes over the training data (when --max-steps is -1).")
    batch_size: int = arg(8, help="Examples per device and micro-batch.")
    eval_batch_size: int | None = arg(None, help="Evaluation batch size per device (default: --batch-size).")
    grad_accum: int = arg(1, help="Micro-batches per optimizer step.")
    learning_rate: float = arg(5e-5, help="Peak learning rate.", flags=("--lr", "--learning-rate"))
    warmup_steps: int = arg(0, help="Linear warm-up steps.")
    weight_decay: float = arg(0.01, help="AdamW weight decay.")
    max_grad_norm: float = arg(1.0, help="Gradient clipping norm.")
    precision: str = arg("auto", choices=PRECISIONS,
                         help="auto: bf16 on GPUs that have it, fp16 on other GPUs, fp32 on CPU.")
    gradient_checkpointing: bool = arg(False, help="Recompute activations in the backward pass (less memory).")
    seed: int = arg(42, help="Seed of the model initialisation, data order and masking.")
    eval_steps: int | None = arg(None, help="Evaluate every N steps (default: once, after training).",
                                 fingerprint=False)
    save_steps: int = arg(500, help="Checkpoint every N steps (for --resume).", fingerprint=False)
    save_total_limit: int | None = arg(2, help="Checkpoints kept (oldest deleted).", fingerprint=False)
    logging_steps: int = arg(10, help="Log loss and learning rate every N steps.", fingerprint=False)
    progress: bool = arg(True, help="Show a progress bar (off: log lines only, for log files).",
                         fingerprint=False)
    tensorboard: bool = arg(False, help="Also log to TensorBoard (needs `tensorboard`).", fingerprint=False)
    dataloader_workers: int = arg(0, help="Data loading worker processes.", fingerprint=False)

    def __post_init__(self):
        if self.precision not in PRECISIONS:
            raise ValueError(f"--precision must be one of {PRECISIONS}, got {self.precision!r}")
        for name in ("batch_size", "grad_accum", "save_steps", "logging_steps"):
            if getattr(self, name) < 1:
                raise ValueError(f"--{name.replace('_', '-')} must be >= 1, got {getattr(self, name)}")
        if self.max_steps == 0 or self.max_steps < -1:
            raise ValueError(f"--max-steps must be > 0 or -1 (use --epochs), got {self.max_steps}")
        if self.max_steps == -1 and self.epochs <= 0:
            raise ValueError(f"--epochs must be > 0, got {self.epochs}")
        if self.learning_rate < 0 or self.warmup_steps < 0 or self.weight_decay < 0:
            raise ValueError("--lr, --warmup-steps and --weight-decay must be >= 0")


@dataclass
class DistillationArguments:
    """The student's layers and DistilBERT's loss (Sanh et al. 2019): a weight of 0 switches a term off."""

    num_layers: int | None = arg(None, help="Student layers (default: half the teacher's).")
    layers: list[int] | None = field(default=None, metadata=meta(
        "Teacher layers the student starts from, e.g. 0,2,4,7,9,11 (default: spread evenly, first and last "
        "included)."))
    alpha_ce: float = arg(5.0, help="Weight of the KL divergence to the teacher's softened predictions.")
    alpha_mlm: float = arg(2.0, help="Weight of the student's MLM loss.")
    alpha_cos: float = arg(1.0, help="Weight of the cosine loss between last hidden states.")
    temperature: float = arg(2.0, help="Softmax temperature T of the KL term (scaled by T²).")

    def __post_init__(self):
        if min(self.alpha_ce, self.alpha_mlm, self.alpha_cos) < 0:
            raise ValueError("--alpha-ce, --alpha-mlm and --alpha-cos must be >= 0")
        if self.alpha_ce + self.alpha_mlm + self.alpha_cos <= 0:
            raise ValueError("at least one of --alpha-ce, --alpha-mlm, --alpha-cos must be > 0")
        if self.temperature <= 0:
            raise ValueError(f"--temperature must be > 0, got {self.temperature}")
        if self.layers is not None:
            self.layers = [int(i) for i in self.layers]
            if self.num_layers is not None and self.num_layers != len(self.layers):
                raise ValueError(f"--num-layers {self.num_layers} disagrees with --layers {self.layers}")


#: Task name (a ``loaders`` name, GLUE as ``glue/<task>``) -> family: what head, data and scoring it gets.
TASK_FAMILIES = {"conll2003": "ner", "conll": "ner", "gonerd": "ner", "squad": "qa", "squad_v2": "qa",
                 "hotpotqa": "qa", "triviaqa": "qa", "glue": "classification"}
GLOBAL_ATTENTION = ("auto", "none", "cls", "question")
MERGE_STRATEGIES = ("max_context", "mean")


def task_family(task: str) -> str:
    """``ner``, ``qa`` or ``classification`` for a task name (``glue/<name>`` for GLUE), else ValueError."""
    head, _, rest = str(task).partition("/")
    family = TASK_FAMILIES.get(head)
    if family is None or (head == "glue") != bool(rest) or (rest and "/" in rest):
        raise ValueError(f"unknown task {task!r}; known: {', '.join(n for n in TASK_FAMILIES if n != 'glue')}, "
                         "glue/<name> (cola, sst2, mrpc, stsb, qqp, mnli, qnli, rte, wnli)")
    return family


@dataclass
class TaskArguments(DataArguments):
    """A fine-tuning / evaluation task: its data (``loaders``), how long documents are windowed, how predictions
    over windows are merged, and Longformer's global attention.

    ``max_length`` (default and upper bound: the model's positions) is the window length; documents and contexts
    longer than it
    become overlapping windows (``stride`` / ``doc_stride`` tokens shared), merged back per word (NER) or ranked
    across windows (QA n-best)."""

    task: str | None = arg(None, help="conll2003, conll, gonerd, squad, squad_v2, hotpotqa, triviaqa or "
                                      "glue/<name> (cola, sst2, mrpc, stsb, qqp, mnli, qnli, rte, wnli).")
    data: str | None = arg(None, help="The task's files or folder (default: the Hugging Face Hub).")
    options: list[str] = field(default_factory=list, metadata=meta(
        "Loader option KEY=VALUE (VALUE read as JSON when it parses), repeatable; CoNLL tasks default to "
        "level=document.", flags=("--option",)))
    max_test_examples: int | None = arg(None, help="Score at most this many examples of --test-split (default: "
                                                   "all; --max-eval-examples caps the split to tune on).")
    train_split: str = arg("train", help="Split to fine-tune on.")
    eval_split: str = arg("validation", help="Split to tune on (scored after fine-tuning).")
    test_split: str = arg("test", help="Split to report on.")
    stride: int = arg(128, help="[NER] tokens shared by consecutive windows of a long document.")
    merge: str = arg("max_context", choices=MERGE_STRATEGIES,
                     help="[NER] a word seen by several windows: the window where it has most context, or the "
                          "mean of the windows' logits.")
    doc_stride: int = arg(128, help="[QA] tokens shared by consecutive windows of a long context.")
    n_best: int = arg(20, help="[QA] start and end candidates per window.")
    max_answer_length: int = arg(30, help="[QA] longest answer in tokens.")
    null_threshold: float = arg(0.0, help="[SQuAD v2] the empty answer wins when it beats the best span by more.")
    global_attention: str = arg("auto", choices=GLOBAL_ATTENTION,
                                help="[Longformer] global tokens: auto = none for NER, <s> for classification, the "
                                     "question for QA.")

    def __post_init__(self):
        super().__post_init__()
        if self.max_test_examples is not None and self.max_test_examples < 1:
            raise ValueError(f"--max-test-examples must be >= 1, got {self.max_test_examples}")
        if not self.task:
            raise ValueError("give a --task")
        task_family(self.task)
        self.options = [str(o) for o in self.options]
        self.loader_options()  # KEY=VALUE syntax
        if self.merge not in MERGE_STRATEGIES:
            raise ValueError(f"--merge must be one of {MERGE_STRATEGIES}, got {self.merge!r}")
        if self.global_attention not in GLOBAL_ATTENTION:
            raise ValueError(f"--global-attention must be one of {GLOBAL_ATTENTION}, got {self.global_attention!r}")
        for name in ("stride", "doc_stride"):
            if getattr(self, name) < 0:
                raise ValueError(f"--{name.replace('_', '-')} must be >= 0, got {getattr(self, name)}")
        if self.n_best < 1 or self.max_answer_length < 1:
            raise ValueError("--n-best and --max-answer-length must be >= 1")

    @property
    def family(self) -> str:
        return task_family(self.task)

    def loader_options(self) -> dict[str, Any]:
        """``options`` as a dict (values parsed as JSON where they parse)."""
        import json

        out: dict[str, Any] = {}
        for text in self.options:
            key, sep, value = text.partition("=")
            if not sep or not key.strip():
                raise ValueError(f"--option {text!r} is not KEY=VALUE")
            try:
                out[key.strip()] = json.loads(value)
            except json.JSONDecodeError:
                out[key.strip()] = value
        return out

    def check(self) -> None:
        if self.data is not None and not os.path.exists(os.path.expanduser(self.data)):
            raise FileNotFoundError(f"--data {self.data}: no such file or folder")


# ----------------------------------------------------------------------------------------------------------------
# Dictionaries (configuration files, provenance) and coercion
def _field_types(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _coerce(value: Any, annotation: Any, where: str) -> Any:
    """``value`` as ``annotation`` (str, int, float, bool, list[...] and ``X | None``), or ValueError."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if value is None or (isinstance(value, str) and value.strip().lower() in ("none", "null", "")):
            return None
        return _coerce(value, options[0], where)
    if origin is list:
        (item,) = typing.get_args(annotation) or (str,)
        if isinstance(value, str):
            value = [v for v in (part.strip() for part in value.split(",")) if v]
        if not isinstance(value, list | tuple):
            raise ValueError(f"{where}: expected a list, got {value!r}")
        return [_coerce(v, item, where) for v in value]
    if annotation is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "yes", "1", "on", "false", "no", "0", "off"):
            return value.strip().lower() in ("true", "yes", "1", "on")
        raise ValueError(f"{where}: expected true or false, got {value!r}")
    if annotation in (int, float):
        if isinstance(value, bool):
            raise ValueError(f"{where}: expected a number, got {value!r}")
        try:
            number = float(value) if annotation is float else int(value)
        except (TypeError, ValueError):
            number = None
        if number is None or (annotation is int and isinstance(value, float) and not value.is_integer()):
            raise ValueError(f"{where}: expected {'an integer' if annotation is int else 'a number'}, got {value!r}")
        return number
    if annotation is str:
        if isinstance(value, dict | list):
            raise ValueError(f"{where}: expected a string, got {value!r}")
        return str(value)
    return value


def from_dict(cls: type[T], values: dict | None, where: str | None = None) -> T:
    """Build ``cls`` from a mapping (a config section): unknown keys are an error naming the valid ones, values
    are coerced to the field types, and ``-`` in keys is accepted for ``_``."""
    where = where or cls.__name__
    values = dict(values or {})
    types_ = _field_types(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    kwargs = {}
    for key, value in values.items():
        name = str(key).replace("-", "_")
        if name not in names:
            raise ValueError(f"{where}: unknown setting {key!r} (known: {', '.join(sorted(names))})")
        kwargs[name] = _coerce(value, types_[name], f"{where}.{key}")
    try:
        return cls(**kwargs)
    except TypeError as exc:  # a required field is missing
        raise ValueError(f"{where}: {exc}") from exc


def coerce_arguments(cls: type[T], value: T | dict | None, where: str | None = None) -> T:
    """An instance of ``cls`` from an instance, a mapping (:func:`from_dict`) or None (the defaults)."""
    if isinstance(value, cls):
        return value
    if value is None:
        return cls()
    if isinstance(value, dict):
        return from_dict(cls, value, where)
    raise TypeError(f"{where or cls.__name__}: expected {cls.__name__} or a dict, got {type(value).__name__}")


def as_model_arguments(model: Any) -> ModelArguments:
    """``ModelArguments`` from an instance, a mapping, or a bare model path (str or Path)."""
    if isinstance(model, str | os.PathLike):
        return ModelArguments(str(model))
    return coerce_arguments(ModelArguments, model, "model")


def to_dict(arguments: Any) -> dict:
    """Every field (defaults included), for provenance."""
    return dataclasses.asdict(arguments)


def fingerprint_dict(arguments: Any) -> dict:
    """The fields that change what a stage computes (no progress, logging or checkpoint settings)."""
    return {f.name: getattr(arguments, f.name) for f in dataclasses.fields(arguments)
            if f.metadata.get("fingerprint", True)}
