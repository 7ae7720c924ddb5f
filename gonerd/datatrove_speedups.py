"""Start-up costs of datatrove that a build pays for nothing, removed without changing behaviour.

datatrove checks, when each pipeline step is created, that the distributions it needs are installed; its check
reads the metadata of every installed distribution (a few hundred ``METADATA`` files, ~0.5 s) to find one name.
:func:`apply` swaps in a lookup of that one distribution (``importlib.metadata.distribution``), which answers the
same question directly.
"""

from __future__ import annotations

import importlib.metadata
from functools import cache

_APPLIED = False


@cache
def _distribution_available(distribution_name: str) -> bool | None:
    try:
        importlib.metadata.distribution(distribution_name)
    except importlib.metadata.PackageNotFoundError:
        return None  # what datatrove's own check returns for "not installed"
    return True


def apply() -> None:
    global _APPLIED
    if _APPLIED:
        return
    from datatrove.utils import _import_utils

    if hasattr(_import_utils, "_is_distribution_available"):
        _import_utils._is_distribution_available = _distribution_available
    _APPLIED = True
