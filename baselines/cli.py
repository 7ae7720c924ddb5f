"""`gonerd baselines ...`: the command group the baselines package contributes to the gonerd CLI.

Keep torch/transformers imports inside the commands: this module is imported by `gonerd --help`.
"""

from __future__ import annotations

import functools
import logging

import click

from .arguments import CorpusArguments, DistillationArguments, ModelArguments, TrainingArguments

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
@click.option("--check/--no-check", default=True, show_default=True,
              help="Run the equivalence checks before writing (fails on wrong weight copies).")
@click.option("--overwrite", is_flag=True, help="Replace an existing --out folder.")
@_errors
def convert(source, arch, max_length, out, check, overwrite, **options) -> None:
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
                   **{k: v for k, v in options.items() if v is not None})
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
