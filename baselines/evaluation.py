"""`evaluate`: a model over one split of a task -> a :class:`~baselines.results.ScoreRecord` (and prediction files).

The split is cut into the task's features (windows of long documents, question + context windows, sentence pairs),
the model runs over them in batches sorted by length, and the task's post-processing and metrics turn the outputs
into scores (:mod:`baselines.tasks`). The record carries the wall time of inference plus post-processing and the
peak memory of that part (model weights included: peak RSS on CPU, ``torch.cuda.max_memory_allocated`` on GPU,
see :mod:`baselines.memory`), so the report can compare teacher and student on the task's own documents.

Any checkpoint :func:`baselines.load_model` reads can be scored: our fine-tuned run folders, Hub checkpoints (the
authors' released students, used as they are), a model without the task's head (a new random head is a warning,
and the scores are then meaningless). ``eval_file`` scores a NER model on any CoNLL file (task ``conll/<file>``).
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from baselines.arguments import TaskArguments, coerce_arguments
from baselines.results import ModelInfo, ScoreRecord

logger = logging.getLogger(__name__)


def model_length(config, tokenizer, requested: int | None, what: str = "model") -> int:
    """The window length: ``requested`` (default: the model's positions), capped at what the model reads (one
    task setting then serves a 512-token BERT and a 4,096-token Longformer alike)."""
    from baselines.modeling_utils import model_max_length

    limit = model_max_length(config)
    if requested is not None and requested > limit:
        logger.info("--max-length %d is more than the %s's %d positions: windows of %d tokens", requested, what,
                    limit, limit)
    return min(requested or limit, limit)


def load_for_task(path: str, task, **kwargs):
    """(model with the task's head, tokenizer) from a folder, run folder or Hub id."""
    from transformers import AutoTokenizer

    from baselines.loading import load_model, resolve_model_path

    resolved = resolve_model_path(path)
    if not kwargs and task.family != "qa" and not has_task_labels(resolved) and task.label_names() is not None:
        logger.warning("%s has no %s head with labels: scoring a new random head (the scores mean nothing)",
                       path, task.name)
        kwargs = task.model_kwargs()
    model = load_model(resolved, head=task.head, **kwargs)
    tokenizer = AutoTokenizer.from_pretrained(resolved)
    if not getattr(tokenizer, "is_fast", False):
        raise ValueError(f"{path}: the tokenizer is not a fast (tokenizers-backed) one; windows need word ids "
                         "and offsets")
    return model, tokenizer


def has_task_labels(path: str) -> bool:
    """Whether the checkpoint's config names its labels (a fine-tuned head), not transformers' LABEL_0..."""
    import re

    from transformers import AutoConfig

    import baselines.lsg  # noqa: F401  (registers the LSG model types)

    try:
        config = AutoConfig.from_pretrained(path)
    except (OSError, ValueError):
        return True  # let the model load report the problem
    names = list((getattr(config, "id2label", None) or {}).values())
    return bool(names) and not all(re.fullmatch(r"LABEL_\d+", str(n)) for n in names)


def model_info(config, path: str, info: ModelInfo | dict | None) -> ModelInfo:
    from baselines.efficiency import architecture_of

    if isinstance(info, ModelInfo):
        return info
    values = dict(info or {})
    values.setdefault("architecture", architecture_of(config))
    values.setdefault("role", "teacher")
    values.setdefault("path", str(path))
    return ModelInfo(**values)


def eval_file_arguments(args: TaskArguments, eval_file: str) -> TaskArguments:
    """The task arguments that score a NER model on a CoNLL file (any tags; document level unless given)."""
    if args.family != "ner":
        raise ValueError(f"--eval-file scores NER models on CoNLL files; {args.task} is not a NER task")
    if not Path(eval_file).is_file():
        raise FileNotFoundError(f"--eval-file {eval_file}: no such file")
    options = [o for o in args.options if o.split("=", 1)[0].strip() in ("level", "columns", "encoding")]
    return replace(args, task="conll", data=str(eval_file), options=options)


def evaluate_model(
    model: str | Path,
    task: TaskArguments | dict,
    *,
    split: str | None = None,
    eval_file: str | Path | None = None,
    info: ModelInfo | dict | None = None,
    batch_size: int = 8,
    device: str = "auto",
    threads: int | None = None,
    predictions: str | Path | None = None,
    progress: bool = True,
    loaded: tuple[Any, Any] | None = None,
    limit: int | str | None = "auto",
) -> ScoreRecord:
    """Score ``model`` on ``split`` of ``task`` (default: its ``test_split``), or on ``eval_file`` (NER: any CoNLL
    file). ``info`` says how the report names the model (default: its architecture, as a teacher). ``predictions``:
    a folder for the prediction files (written atomically) and ``metrics.json``. ``loaded``: an already loaded
    (model, tokenizer), e.g. right after fine-tuning. ``limit``: score the first N examples only; ``"auto"``:
    ``task.max_test_examples`` for the test split, ``task.max_eval_examples`` for any other."""
    from baselines.efficiency import parameter_mb, resolve_device, torch_threads
    from baselines.memory import PeakMemory
    from baselines.tasks import get_task
    from baselines.tasks.base import run_model

    args = coerce_arguments(TaskArguments, task, "task")
    task_name = args.task
    if eval_file is not None:
        args = eval_file_arguments(args, str(eval_file))
        task_name = f"conll/{Path(eval_file).name}"
    args.check()
    task_obj = get_task(args)
    if eval_file is not None:
        split = split or next(iter(task_obj.data()))
    split = split or args.test_split
    if limit == "auto":
        limit = getattr(args, "max_test_examples", None) if split == args.test_split else args.max_eval_examples
    rows = task_obj.split(split, limit)
    device = resolve_device(device)
    with torch_threads(threads):
        net, tokenizer = loaded if loaded is not None else load_for_task(str(model), task_obj)
        net = net.to(device)
        length = model_length(net.config, tokenizer, args.max_length)
        features = task_obj.features(rows, tokenizer, length, train=False)
        collator = task_obj.collator(tokenizer, net.config, length)
        weights = parameter_mb(net)
        with PeakMemory(device) as peak:
            outputs = run_model(net, features, collator, task_obj.outputs, per_token=task_obj.per_token,
                                batch_size=batch_size, device=device, progress=progress,
                                description=f"evaluate {task_name} {split}")
            evaluation = task_obj.score(rows, features, outputs, net.config)
    for note in evaluation.notes:
        logger.warning("%s: %s", task_name, note)
    record = ScoreRecord.from_metrics(
        model_info(net.config, str(model), info), task_name, split, evaluation.metrics, examples=evaluation.examples,
        seconds=round(peak.seconds, 3), peak_memory_mb=round(peak.mib + weights, 1), device=device)
    if predictions is not None:
        save_predictions(predictions, record, evaluation.files)
    return record


def save_predictions(folder: str | Path, record: ScoreRecord, files: dict[str, str]) -> Path:
    """The task's prediction files and ``metrics.json`` in ``folder`` (replaced as a whole, atomically)."""
    from baselines.provenance import atomic_folder
    from baselines.results import to_dict

    folder = Path(folder)
    with atomic_folder(folder, overwrite=True) as tmp:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8")
        (tmp / "metrics.json").write_text(json.dumps(to_dict(record), indent=2) + "\n", encoding="utf-8")
    return folder
