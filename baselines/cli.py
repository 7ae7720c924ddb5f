"""`gonerd baselines ...`: the command group the baselines package contributes to the gonerd CLI.

Keep torch/transformers imports inside the commands: this module is imported by `gonerd --help`.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import click

from .arguments import CorpusArguments, DistillationArguments, ModelArguments, TaskArguments, TrainingArguments

ARCHS = ("longformer", "bigbird", "lsg", "nystromformer")
LSG_SPARSITY = ("norm", "pooling", "stride", "block_stride", "bos_pooling", "none")


@click.group(name="baselines")
def baselines() -> None:
    """Convert, pretrain and distil efficient-attention encoders (Convert-Then-Distill)."""


def _setup_logging() -> None:
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("baselines").setLevel(logging.INFO)
    from baselines.hf_logging import quiet_library_progress_bars

    quiet_library_progress_bars()  # transformers' "Loading weights" bars and the like: our commands show their own


def _errors(func):
    """Report our errors (bad arguments, missing files, failed checks) as clean CLI errors."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        _setup_logging()
        try:
            return func(*args, **kwargs)
        except (ValueError, KeyError, FileNotFoundError, FileExistsError, RuntimeError) as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


def _check_model(path: str, what: str, *, run_folder: bool = True) -> None:
    """A missing or damaged model folder fails here, before torch is imported (seconds sooner); the loaders
    check again (see :func:`baselines.loading.check_local_path`)."""
    from baselines.loading import check_local_path, resolve_model_path

    check_local_path(resolve_model_path(path) if run_folder else path, what)


@baselines.command()
@click.argument("source")
@click.option("--arch", type=click.Choice(ARCHS), required=True, help="Target efficient-attention architecture.")
@click.option("--max-length", default=4096, show_default=True, help="Positions of the converted model.")
@click.option("--out", type=click.Path(file_okay=False), required=True, help="Output model folder.")
@click.option("--attention-window", type=int, help="[longformer] full window (half each side). Default 512.")
@click.option("--block-size", type=int, help="[bigbird] block size (default 64); [lsg] local block (default 128).")
@click.option("--num-random-blocks", type=int, help="[bigbird] random blocks per query block. Default 3.")
@click.option("--sparse-block-size", type=int, help="[lsg] compressed keys per side. Default 128.")
@click.option("--sparsity-factor", type=int, help="[lsg] compression factor. Default 2.")
@click.option("--sparsity-type", type=click.Choice(LSG_SPARSITY),
              help="[lsg] sparse selection (none: local + global attention only). Default norm.")
@click.option("--num-global-tokens", type=int, help="[lsg] learned global tokens. Default 1.")
@click.option("--num-landmarks", type=int, help="[nystromformer] landmarks. Default 64.")
@click.option("--conv-kernel-size", type=int,
              help="[nystromformer] odd kernel of the value convolution (starts at zero). Default 65.")
@click.option("--attention-impl", type=click.Choice(["fast", "reference"]), default="fast", show_default=True,
              help="[longformer, bigbird, lsg] attention code, saved in config.json: fast (same outputs) or the "
                   "original reference code.")
@click.option("--check/--no-check", default=True, show_default=True,
              help="Run the equivalence checks before writing (fails on wrong weight copies).")
@click.option("--overwrite", is_flag=True, help="Replace an existing --out folder.")
@_errors
def convert(source, arch, max_length, out, check, overwrite, attention_impl, **options) -> None:
    """Convert SOURCE (a RoBERTa/BERT Hub id or folder) to ARCH with MAX_LENGTH positions."""
    _check_model(source, "SOURCE", run_folder=False)
    from baselines.convert import convert as run

    block = options.pop("block_size")
    if arch in ("bigbird", "lsg"):
        options["block_size"] = block
    elif block is not None:
        raise click.BadParameter("--block-size applies to bigbird and lsg only")
    from baselines.hf_logging import expected_load_report

    # A source without an MLM head (a sentence encoder) or with a pooler is expected: the conversion says so in
    # one line of its own, so transformers' load report and "checkpoint seem corrupted" warning are left out.
    with expected_load_report():
        path = run(source, arch, out, max_length=max_length, check=check, overwrite=overwrite,
                   attention_impl=attention_impl, **{k: v for k, v in options.items() if v is not None})
    click.echo(str(path))


def _run_options(func):
    """Options of every training stage that are not argument-dataclass fields."""
    options = [
        click.option("--out", type=click.Path(file_okay=False), required=True, help="Run folder."),
        click.option("--resume", is_flag=True, help="Continue from the latest checkpoint in OUT/checkpoints."),
        click.option("--resume-from", type=click.Path(exists=True, file_okay=False),
                     help="Continue from this checkpoint folder."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _stage_options(*classes):
    """The options of ``classes`` (argument dataclasses), the model's tokenizer and the run options."""
    from baselines.arguments import ModelArguments
    from baselines.cli_options import dataclass_options

    def decorate(func):
        for cls in reversed(classes):
            func = dataclass_options(cls)(func)
        func = dataclass_options(ModelArguments, exclude=("model_name_or_path",))(func)
        return _run_options(func)

    return decorate


def dataclass_options_lazy(cls, exclude=()):
    """:func:`baselines.cli_options.dataclass_options`, imported when the command is defined."""
    from baselines.cli_options import dataclass_options

    return dataclass_options(cls, exclude=exclude)


def _resume(kw: dict):
    resume, resume_from = kw.pop("resume"), kw.pop("resume_from")
    return resume_from or resume


@baselines.command()
@click.argument("model")
@_stage_options(CorpusArguments, TrainingArguments)
@_errors
def pretrain(model, out, **kw) -> None:
    """Continue MLM pretraining of MODEL (a converted model folder) on long documents."""
    _check_model(model, "model")
    from baselines.cli_options import pop_arguments
    from baselines.pretraining import pretrain as run

    resume = _resume(kw)
    model_args = pop_arguments(ModelArguments, kw, model_name_or_path=model)
    data = pop_arguments(CorpusArguments, kw)
    training = pop_arguments(TrainingArguments, kw)
    click.echo(str(run(model_args, data, training, out=out, resume=resume)))


@baselines.command()
@click.argument("teacher")
@_stage_options(CorpusArguments, TrainingArguments, DistillationArguments)
@_errors
def distill(teacher, out, **kw) -> None:
    """Distil TEACHER (a converted/pretrained model folder) into a student with fewer layers."""
    _check_model(teacher, "model")
    from baselines.cli_options import pop_arguments
    from baselines.distillation import distill as run

    resume = _resume(kw)
    model_args = pop_arguments(ModelArguments, kw, model_name_or_path=teacher)
    data = pop_arguments(CorpusArguments, kw)
    training = pop_arguments(TrainingArguments, kw)
    distillation = pop_arguments(DistillationArguments, kw)
    click.echo(str(run(model_args, data, training, distillation, out=out, resume=resume)))


# --- fine-tuning, evaluation, efficiency, report, run ------------------------------------------------------------

ROLES = ("teacher", "student")
ORDERS = ("convert_then_distill", "distill_then_convert")


def _model_info_options(func):
    """How results name a model (the report groups by these)."""
    options = [
        click.option("--arch", "architecture", help="Architecture name in results (default: from the config)."),
        click.option("--role", type=click.Choice(ROLES), default="teacher", show_default=True,
                     help="Teacher or student row of the report."),
        click.option("--order", type=click.Choice(ORDERS),
                     help="How a student was made (convert then distil, or distil then convert)."),
        click.option("--variant", default="", help="Ablation row name (e.g. the distillation data mixture)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _info(kw: dict) -> dict:
    info = {"role": kw.pop("role"), "order": kw.pop("order"), "variant": kw.pop("variant")}
    architecture = kw.pop("architecture")
    if architecture:
        info["architecture"] = architecture
    if info["role"] == "teacher" and info["order"]:
        raise click.BadParameter("a teacher has no --order (it says how a student was made)", param_hint="--order")
    return info


@baselines.command()
@click.argument("model")
@_stage_options(TaskArguments, TrainingArguments)
@_model_info_options
@click.option("--no-eval", is_flag=True, help="Do not score the model on --eval-split after training.")
@_errors
def finetune(model, out, no_eval, **kw) -> None:
    """Fine-tune MODEL (a folder, run folder or Hub id) on --task: NER over whole documents, extractive QA over
    long contexts, GLUE classification or STS-B regression."""
    _check_model(model, "model")
    from baselines.cli_options import pop_arguments
    from baselines.finetuning import finetune as run

    resume = _resume(kw)
    info = _info(kw)
    model_args = pop_arguments(ModelArguments, kw, model_name_or_path=model)
    task = pop_arguments(TaskArguments, kw)
    training = pop_arguments(TrainingArguments, kw)
    click.echo(str(run(model_args, task, training, out=out, resume=resume, info=info, evaluate=not no_eval)))


@baselines.command()
@click.argument("model")
@dataclass_options_lazy(TaskArguments, exclude=("train_split", "eval_split", "test_split", "max_train_examples",
                                                 "max_test_examples"))
@click.option("--split", default="test", show_default=True, help="Split to score.")
@click.option("--eval-file", type=click.Path(), help="[NER] score on this CoNLL file instead (any entity types).")
@_model_info_options
@click.option("--batch-size", default=8, show_default=True, help="Features per forward pass.")
@click.option("--device", default="auto", show_default=True, help="auto, cpu, cuda, cuda:1 ...")
@click.option("--threads", type=int, help="torch CPU threads (1 is steadiest on a shared machine).")
@click.option("--predictions", type=click.Path(file_okay=False), help="Folder for the prediction files.")
@click.option("--out", type=click.Path(dir_okay=False), required=True,
              help="Results file (JSON lines); records are appended.")
@click.option("--progress/--no-progress", default=True, show_default=True, help="Show a progress bar.")
@_errors
def evaluate(model, split, eval_file, batch_size, device, threads, predictions, out, progress, **kw) -> None:
    """Score MODEL on one split of --task (or on --eval-file) and append the score record to --out."""
    _check_model(model, "model")
    from baselines.cli_options import pop_arguments
    from baselines.evaluation import evaluate_model
    from baselines.results import write_results

    info = _info(kw)
    task = pop_arguments(TaskArguments, kw)
    record = evaluate_model(model, task, split=split if eval_file is None else None, eval_file=eval_file,
                            info=info, batch_size=batch_size, device=device, threads=threads,
                            predictions=predictions, progress=progress, limit=task.max_eval_examples)
    write_results(out, [record], append=True)
    score = "n/a" if record.score is None else f"{record.score:.2f}"
    click.echo(f"{record.task} {record.split}: {record.metric} = {score} ({record.examples} examples, "
               f"{record.seconds:.1f} s, peak {record.peak_memory_mb:.0f} MiB) -> {out}")


def _lengths(value: str) -> list[int]:
    try:
        lengths = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a comma-separated list of integers", param_hint="--lengths") \
            from None
    if not lengths or min(lengths) < 1:
        raise click.BadParameter(f"{value!r}: give positive lengths", param_hint="--lengths")
    return lengths


@baselines.command()
@click.argument("models", nargs=-1)
@click.option("--teacher", "teachers", multiple=True, help="A teacher model (repeatable).")
@click.option("--student", "students", multiple=True, help="A student model (repeatable).")
@click.option("--arch", "architecture", help="Architecture name in results (default: from each config).")
@click.option("--order", type=click.Choice(ORDERS), help="How the students were made.")
@click.option("--variant", default="", help="Ablation row name of the students.")
@click.option("--lengths", default="512,1024,2048,4096", show_default=True, help="Input lengths in tokens.")
@click.option("--batch-size", default=1, show_default=True)
@click.option("--warmup", default=2, show_default=True, help="Untimed passes per model and length.")
@click.option("--repeats", default=5, show_default=True, help="Timed passes per model and length.")
@click.option("--threads", type=int, help="torch CPU threads (1 on a shared machine).")
@click.option("--device", default="auto", show_default=True)
@click.option("--memory/--no-memory", default=True, show_default=True,
              help="Peak memory (CPU: peak RSS in a fresh process per model; GPU: max allocated).")
@click.option("--seed", default=0, show_default=True, help="Seed of the random inputs.")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="Results file; records are appended.")
@click.option("--progress/--no-progress", default=True, show_default=True)
@_errors
def efficiency(models, teachers, students, architecture, order, variant, lengths, batch_size, warmup, repeats,
               threads, device, memory, seed, out, progress) -> None:
    """Inference time per document, tokens/s and peak memory of MODELS (teachers) and --student models at fixed
    --lengths, teachers and students interleaved in one run."""
    lengths = _lengths(lengths)
    specs_in = [(m, "teacher") for m in (*models, *teachers)] + [(m, "student") for m in students]
    if not specs_in:
        raise click.UsageError("give at least one MODEL, --teacher or --student")
    for path, _ in specs_in:
        _check_model(path, "model")
    from baselines.efficiency import ModelSpec, efficiency_table, measure_efficiency
    from baselines.results import write_results

    specs = [ModelSpec(path, role=role, architecture=architecture, order=order if role == "student" else None,
                       variant=variant if role == "student" else "") for path, role in specs_in]
    records = measure_efficiency(specs, lengths, batch_size=batch_size, warmup=warmup, repeats=repeats,
                                 device=device, memory=memory, threads=threads, seed=seed, progress=progress)
    write_results(out, records, append=True)
    click.echo(efficiency_table(records))


@baselines.command()
@click.argument("results", nargs=-1, required=True)
@click.option("--out", type=click.Path(file_okay=False), required=True, help="Report folder.")
@click.option("--reference-length", type=int, help="Efficiency length the table's costs come from (default: the "
                                                     "longest both models were measured at).")
@click.option("--cost", type=click.Choice(("auto", "evaluation", "efficiency")), default="auto", show_default=True,
              help="Where time and memory come from: the evaluation runs (auto: when both models have them) or "
                   "the efficiency benchmark.")
@click.option("--plots/--no-plots", default=True, show_default=True)
@click.option("--overwrite", is_flag=True, help="Replace an existing --out folder.")
@_errors
def report(results, out, reference_length, cost, plots, overwrite) -> None:
    """The paper-style table (Markdown, CSV), summary and plots from RESULTS files or folders."""
    from baselines.report import write_report

    written = write_report(list(results), out, reference_length=reference_length, plots=plots, overwrite=overwrite,
                           cost=cost)
    click.echo(str(written["report.md"]))


@baselines.command(name="run")
@click.argument("config", type=click.Path(dir_okay=False))
@click.option("--out", type=click.Path(file_okay=False), help="Run folder (default: the config's `out`).")
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE",
              help="Override a setting (dotted key, YAML value), e.g. tasks.conll2003.training.epochs=3.")
@click.option("--eval-file", "eval_files", multiple=True, type=click.Path(dir_okay=False),
              help="Also score every NER model on this CoNLL file (repeatable).")
@click.option("--dry-run", is_flag=True, help="List the stages (cached or to run) and stop.")
@click.option("--progress/--no-progress", default=True, show_default=True, help="Progress bars.")
@_errors
def run_config(config, out, overrides, eval_files, dry_run, progress) -> None:
    """The whole pipeline from CONFIG (YAML): convert, pretrain, distil (both orders), fine-tune every model on
    every task, evaluate, measure efficiency, report. Stages are cached by fingerprint and resume after a kill."""
    from baselines.pipeline import run_pipeline

    result = run_pipeline(config, out=out, overrides=list(overrides), eval_files=list(eval_files),
                          progress=progress, dry_run=dry_run)
    if dry_run:
        for stage in result.stages:
            click.echo(f"{stage.status:8} {stage.name}  ({Path(stage.folder).name})")
    counts = ", ".join(f"{n} {status}" for status, n in sorted(result.counts().items()))
    click.echo(f"{len(result.stages)} stages: {counts}")
    if result.report is not None:
        click.echo(str(result.report / "report.md"))
