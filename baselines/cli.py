"""`gonerd baselines ...`: the command group the baselines package contributes to the gonerd CLI.

Keep torch/transformers imports inside the commands: this module is imported by `gonerd --help`.
"""

from __future__ import annotations

import click


@click.group(name="baselines")
def baselines() -> None:
    """Convert, pretrain and distil efficient-attention encoders (Convert-Then-Distill)."""
