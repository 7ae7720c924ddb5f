"""`gonerd loaders ...`: the command group the loaders package contributes to the gonerd CLI (light imports only)."""

from __future__ import annotations

import click


@click.group(name="loaders")
def loaders() -> None:
    """Dataset loaders for GONERD and the paper's other tasks."""
