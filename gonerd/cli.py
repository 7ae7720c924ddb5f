"""The `gonerd` command line.

Core commands live here; the packages above the core add theirs through the ``gonerd.commands`` entry-point
group. Everything heavy is imported inside the command bodies so that ``gonerd --help`` stays fast and never
imports torch, transformers or spaCy.
"""

from __future__ import annotations

from importlib.metadata import entry_points

import click

PLUGIN_GROUP = "gonerd.commands"


class PluginGroup(click.Group):
    """A click group that also lists the commands registered under the ``gonerd.commands`` entry points.

    A plugin's module is imported only when one of its commands is looked up (``gonerd baselines ...`` or
    ``--help``), so plugin modules must keep their own heavy imports inside their commands.
    """

    def invoke(self, ctx: click.Context):
        """Every subcommand's errors follow one rule: see :mod:`gonerd.cli_errors`."""
        from gonerd.cli_errors import reported_errors

        with reported_errors(ctx.params.get("verbose") or 0):
            return super().invoke(ctx)

    def _plugins(self) -> dict:
        return {ep.name: ep for ep in entry_points(group=PLUGIN_GROUP)}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self._plugins()))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            return command
        plugin = self._plugins().get(cmd_name)
        if plugin is None:
            return None
        try:
            loaded = plugin.load()
        except ImportError as exc:  # an optional extra is missing
            return _missing_extra_command(cmd_name, exc)
        if not isinstance(loaded, click.Command):
            raise click.ClickException(f"entry point {plugin.value!r} is not a click command")
        return loaded


def _missing_extra_command(name: str, exc: ImportError) -> click.Command:
    @click.command(name=name, help=f"(unavailable: {exc})", context_settings={"ignore_unknown_options": True})
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def unavailable(args: tuple[str, ...]) -> None:
        raise click.ClickException(
            f"`gonerd {name}` needs an optional extra that is not installed ({exc}). "
            f"Install it with: pip install 'gonerd[{name}]'"
        )

    return unavailable


@click.group(cls=PluginGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gonerd")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """Build, annotate, publish and benchmark long-context NER datasets."""
    from gonerd.logs import configure_logging

    configure_logging(verbose)


@main.command()
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), help="YAML build settings.")
@click.option("--input", "-i", "inputs", multiple=True, type=click.Path(exists=True),
              help="Input file or folder (HTML, .txt, JSONL, WARC); repeatable. Default: the embedded demo corpus.")
@click.option("--out", "-o", type=click.Path(file_okay=False), help="Dataset folder to write [build/gonerd].")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False), help="JSONL gold spans file.")
@click.option("--silver", "silver_pipeline", help="spaCy NER pipeline (name or path) for silver pre-annotation.")
@click.option("--source-type", type=click.Choice(["news", "legal"]), help="Treat every input as news or legal.")
@click.option("--tokenizer", help="spaCy pipeline whose tokenizer is used [blank:en].")
@click.option("--min-tokens", type=int, help="Drop shorter documents [100].")
@click.option("--max-tokens", type=int, help="Drop longer documents [100000].")
@click.option("--dedup-threshold", type=float, help="Near-duplicate Jaccard threshold [0.8].")
@click.option("--dedup-action", type=click.Choice(["drop", "keep"]), help="Drop near duplicates or keep them [drop].")
@click.option("--seed", type=int, help="Split seed [0].")
@click.option("--workers", type=int, help="Processes to run at once [1].")
@click.option("--tasks", type=int, help="Shards of the parallel stages [= workers].")
@click.option("--keep-work", is_flag=True, default=None, help="Keep the intermediate work folder.")
@click.pass_context
def build(ctx, config_file, inputs, out, **options) -> None:
    """Build a GONERD-style dataset (Hugging Face dataset folder with parquet files and a card)."""
    from gonerd.build import BuildError, NothingSurvived, run_build
    from gonerd.config import BuildConfig
    from gonerd.lean_imports import allow_hiding

    allow_hiding()  # this process only builds: torch and pandas need not be imported (see gonerd.lean_imports)

    overrides = {k: v for k, v in options.items() if v is not None}
    if inputs:
        overrides["inputs"] = list(inputs)
    if out:
        overrides["out"] = out
    try:
        config = BuildConfig.from_file(config_file, **overrides) if config_file else BuildConfig(**overrides)
    except ValueError as exc:  # a setting's value (the settings file is named in the message)
        raise click.ClickException(str(exc)) from exc
    verbose = ctx.find_root().params.get("verbose", 0)
    level = "WARNING" if not verbose else "INFO" if verbose == 1 else "DEBUG"
    try:
        result = run_build(config, echo=lambda msg: click.echo(msg, err=True), log_level=level)
    except NothingSurvived as exc:
        click.echo(exc.table, err=True)
        raise click.ClickException(str(exc)) from exc
    except BuildError as exc:  # anything else escaping the build is a bug: shown with its traceback
        raise click.ClickException(str(exc)) from exc
    click.echo(result.table())
    sizes = ", ".join(f"{k} {v['num_examples']}" for k, v in result.splits.items())
    click.echo(f"\nWrote {result.num_documents} documents ({sizes}) to {result.out} in {result.seconds:.1f} s")
    if result.gold_records_unused:
        click.echo(f"{len(result.gold_records_unused)} gold records matched no document (see build_report.json)")
    from gonerd.card import relative_path

    click.echo(f'Load it with:  datasets.load_dataset("{relative_path(result.out) or result.out}")')


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--source-type", type=click.Choice(["news", "legal"]), help="Treat every input as news or legal.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=10.0, show_default=True,
              help="Seconds per HTML document.")
def extract(paths, source_type, timeout) -> None:
    """Print, as JSON lines, what extraction and normalisation make of each input file."""
    import json

    from gonerd.extraction_preview import preview
    from gonerd.logs import configure_pipeline_logging

    configure_pipeline_logging("WARNING", task_logs=False)  # no executor: no task log files

    for row in preview(list(paths), source_type=source_type, timeout=timeout):
        click.echo(json.dumps(row, ensure_ascii=False))


@main.command()
@click.argument("dataset", type=click.Path(exists=True, file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "conll"]), required=True)
@click.option("--out", "-o", required=True, type=click.Path(file_okay=False), help="Folder for one file per split.")
def export(dataset, fmt, out) -> None:
    """Export a built dataset folder to JSONL or CoNLL-2003 text, one file per split."""
    import datasets

    from gonerd.export import ExportError, export_dataset

    datasets.disable_progress_bars()  # "Generating train split" bars are not this command's output
    try:
        written = export_dataset(dataset, fmt, out)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    for path in written:
        click.echo(str(path))


from gonerd.scrape.cli import scrape  # noqa: E402 - light (click only); registered after the core commands

main.add_command(scrape)

from gonerd.dataset_cli import card, publish, stats  # noqa: E402 - light (click only)

for _command in (stats, card, publish):
    main.add_command(_command)
