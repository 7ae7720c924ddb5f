"""`gonerd baselines ...`: the command group the baselines package contributes to the gonerd CLI.

Keep torch/transformers imports inside the commands: this module is imported by `gonerd --help`.
"""

from __future__ import annotations

import functools
import logging

import click

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


def _layers(value: str | None) -> list[int] | None:
    if not value:
        return None
    try:
        return [int(x) for x in value.split(",") if x.strip()]
    except ValueError as exc:
        raise click.BadParameter(f"expected comma-separated integers, got {value!r}") from exc


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
    from baselines.convert import convert as run

    block = options.pop("block_size")
    if arch in ("bigbird", "lsg"):
        options["block_size"] = block
    elif block is not None:
        raise click.BadParameter("--block-size applies to bigbird and lsg only")
    path = run(source, arch, out, max_length=max_length, check=check, overwrite=overwrite,
               attention_impl=attention_impl, **{k: v for k, v in options.items() if v is not None})
    click.echo(str(path))


def _training_options(func):
    """Options shared by `pretrain` and `distill`."""
    options = [
        click.option("--source", "sources", multiple=True, required=True,
                     help="PATH[:RATIO[:MAX_TOKENS]] (repeat for a mixture): .txt, .jsonl, .parquet, a dataset "
                          "folder, or hub:DATASET[@CONFIG] (streamed)."),
        click.option("--out", type=click.Path(file_okay=False), required=True, help="Run folder."),
        click.option("--max-length", type=int, help="Sequence length (default: the model's)."),
        click.option("--max-steps", type=int, default=-1, show_default=True, help="Optimizer steps (-1: epochs)."),
        click.option("--epochs", type=float, default=1.0, show_default=True),
        click.option("--batch-size", type=int, default=8, show_default=True, help="Per device."),
        click.option("--grad-accum", type=int, default=1, show_default=True, help="Gradient accumulation steps."),
        click.option("--lr", "learning_rate", type=float, default=5e-5, show_default=True),
        click.option("--warmup-steps", type=int, default=0, show_default=True),
        click.option("--weight-decay", type=float, default=0.01, show_default=True),
        click.option("--precision", type=click.Choice(["auto", "fp32", "bf16", "fp16"]), default="auto",
                     show_default=True, help="auto: bf16 on GPUs that have it, fp16 on others, fp32 on CPU."),
        click.option("--save-steps", type=int, default=500, show_default=True),
        click.option("--save-total-limit", type=int, default=2, show_default=True),
        click.option("--logging-steps", type=int, default=10, show_default=True),
        click.option("--seed", type=int, default=42, show_default=True),
        click.option("--gradient-checkpointing", is_flag=True),
        click.option("--tensorboard", is_flag=True, help="Also log to TensorBoard (needs `tensorboard`)."),
        click.option("--mlm-probability", type=float, default=0.15, show_default=True),
        click.option("--stopping", type=click.Choice(["first_exhausted", "all_exhausted"]),
                     default="first_exhausted", show_default=True, help="When a mixture ends."),
        click.option("--max-examples", type=int, help="Use at most this many packed sequences."),
        click.option("--text-field", default="text", show_default=True, help="Text field of JSONL/datasets."),
        click.option("--split", default="train", show_default=True, help="Split of dataset sources."),
        click.option("--resume", is_flag=True, help="Continue from the latest checkpoint in OUT/checkpoints."),
        click.option("--resume-from", type=click.Path(exists=True, file_okay=False),
                     help="Continue from this checkpoint folder."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _settings(kw: dict):
    from baselines.training import TrainingSettings

    return TrainingSettings(
        max_steps=kw.pop("max_steps"), epochs=kw.pop("epochs"), batch_size=kw.pop("batch_size"),
        grad_accum=kw.pop("grad_accum"), learning_rate=kw.pop("learning_rate"),
        warmup_steps=kw.pop("warmup_steps"), weight_decay=kw.pop("weight_decay"), precision=kw.pop("precision"),
        save_steps=kw.pop("save_steps"), save_total_limit=kw.pop("save_total_limit"),
        logging_steps=kw.pop("logging_steps"), seed=kw.pop("seed"),
        gradient_checkpointing=kw.pop("gradient_checkpointing"),
        report_to=["tensorboard"] if kw.pop("tensorboard") else [],
    )


def _resume(kw: dict):
    resume, resume_from = kw.pop("resume"), kw.pop("resume_from")
    return resume_from or resume


@baselines.command()
@click.argument("model")
@_training_options
@_errors
def pretrain(model, sources, out, **kw) -> None:
    """Continue MLM pretraining of MODEL (a converted model folder) on long documents."""
    from baselines.pretraining import pretrain as run

    settings = _settings(kw)
    path = run(model, list(sources), out, settings=settings, resume=_resume(kw), **kw)
    click.echo(str(path))


@baselines.command()
@click.argument("teacher")
@_training_options
@click.option("--num-layers", type=int, help="Student layers (default: half the teacher's).")
@click.option("--layers", "layers", help="Teacher layers the student starts from, e.g. 0,2,4,7,9,11.")
@click.option("--alpha-ce", type=float, default=5.0, show_default=True, help="Weight of the distillation KL.")
@click.option("--alpha-mlm", type=float, default=2.0, show_default=True, help="Weight of the student's MLM loss.")
@click.option("--alpha-cos", type=float, default=1.0, show_default=True, help="Weight of the hidden-state cosine.")
@click.option("--temperature", type=float, default=2.0, show_default=True, help="Softmax temperature T.")
@_errors
def distill(teacher, sources, out, num_layers, layers, alpha_ce, alpha_mlm, alpha_cos, temperature, **kw) -> None:
    """Distil TEACHER (a converted/pretrained model folder) into a student with fewer layers."""
    from baselines.distillation import DistillationLoss
    from baselines.distillation import distill as run

    settings = _settings(kw)
    weights = DistillationLoss(alpha_ce=alpha_ce, alpha_mlm=alpha_mlm, alpha_cos=alpha_cos, temperature=temperature)
    path = run(teacher, list(sources), out, settings=settings, num_layers=num_layers, layers=_layers(layers),
               weights=weights, resume=_resume(kw), **kw)
    click.echo(str(path))
