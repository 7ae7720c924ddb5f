"""`gonerd loaders ...`: the command group the loaders package contributes to the gonerd CLI (light imports only)."""

from __future__ import annotations

import json

import click


@click.group(name="loaders")
def loaders() -> None:
    """Dataset loaders for GONERD and the paper's other tasks."""


@loaders.command(name="list")
def list_loaders() -> None:
    """Each dataset name, its task format, its sources and its options."""
    from loaders.registry import LOADERS

    for spec in LOADERS.values():
        click.echo(f"{spec.name}  [{spec.task}]")
        click.echo(f"    hub (path=None): {spec.hub}")
        click.echo(f"    files (path=...): {spec.files}")
        click.echo(f"    options: {', '.join(spec.options())}")


def _parse_option(text: str) -> tuple[str, object]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise click.BadParameter(f"{text!r} is not KEY=VALUE", param_hint="--option")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value  # a plain string


@loaders.command(name="show")
@click.argument("name")
@click.option("--path", "-p", help="Local file or folder (default: the Hub).")
@click.option("--option", "-o", "options", multiple=True,
              help="Loader option KEY=VALUE (VALUE read as JSON when it parses, else a string); repeatable.")
def show(name: str, path: str | None, options: tuple[str, ...]) -> None:
    """Load NAME and print its splits, sizes, features and load report."""
    from loaders.errors import LoaderError
    from loaders.registry import load_with_report

    try:
        loaded, report = load_with_report(name, path, **dict(map(_parse_option, options)))
    except LoaderError as exc:
        raise click.ClickException(str(exc)) from exc
    for split, rows in loaded.items():
        click.echo(f"{split}: {len(rows)} rows")
    first = next(iter(loaded.values()), None)
    if first is not None:
        click.echo("features:")
        for column, feature in first.features.items():
            click.echo(f"  {column}: {feature}")
    click.echo(report.summary())
