"""Forget what `datasets` cached from earlier loads of a dataset folder that has just been rewritten.

``datasets`` (checked with 5.2) keys the cache of a local folder whose README declares ``configs`` by the card's
``dataset_info`` and the *patterns* of its data files, not by the files themselves: after a rebuild whose split
sizes did not change, ``load_dataset(folder)`` returns the previous build from its cache, and
``load_dataset("gonerd")`` (whose card in the package folder never changes) always does. A build therefore removes
the cache entries those calls would reuse — exactly the builder cache directories ``datasets`` would look in, for
the folder and for the package card that points at it. Removing a cache entry is always safe: the next load
prepares it again from the files.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

logger = logging.getLogger("gonerd")

PACKAGE_CARD_TARGET = Path("build") / "gonerd"  # what gonerd/README.md's configs point at, from the repo root


def folders_loading(out: Path) -> list[Path]:
    """The folders whose ``load_dataset`` reads ``out``: ``out`` itself, and ``./gonerd`` when its card points at it."""
    out = Path(out).resolve()
    folders = [out]
    package = Path.cwd() / "gonerd"
    if (package / "README.md").is_file() and (Path.cwd() / PACKAGE_CARD_TARGET).resolve() == out:
        folders.append(package)
    return folders


def forget_cached_loads(out: str | Path) -> list[Path]:
    """Remove the ``datasets`` cache entries that loading ``out`` (by path, or as ``gonerd``) would reuse."""
    import datasets

    removed = []
    for folder in folders_loading(Path(out)):
        try:
            builder = datasets.load_dataset_builder(str(folder))
        except Exception as exc:  # nothing cached can be found for a folder datasets cannot read
            logger.debug("no datasets cache entry for %s (%s)", folder, exc)
            continue
        cache = Path(builder.cache_dir)
        if cache.is_dir():
            shutil.rmtree(cache, ignore_errors=True)
            removed.append(cache)
            logger.info("removed the datasets cache of an earlier load of %s: %s", folder, cache)
    return removed
