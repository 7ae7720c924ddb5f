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
