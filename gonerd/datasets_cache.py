"""Forget what `datasets` cached from earlier loads of a dataset folder that has just been rewritten.

``datasets`` (checked with 5.2) keys the cache of a local folder whose README declares ``configs`` by the card's
``dataset_info`` and the *patterns* of its data files, not by the files themselves: after a rebuild whose split
sizes did not change, ``load_dataset(folder)`` returns the previous build from its cache, and
``load_dataset("gonerd")`` (whose card in the package folder never changes) always does. A build therefore removes
the cache entries those calls would reuse — the builder cache directories ``datasets`` would look in, for the
folder and for the package card that points at it. Removing a cache entry is always safe: the next load
prepares it again from the files.

Every cache entry of a local folder lives under ``<datasets cache>/<folder name in snake case>/`` (``datasets``'
``_relative_data_dir``: no namespace for a local path), in a directory named by a hash of the card that only
``datasets`` can compute. A build does not import ``datasets`` (and pandas with it: seconds of start-up and memory)
to compute it: it removes every entry under that directory whose ``dataset_info.json`` describes a GONERD dataset
(its features are this schema's). That is a superset of what ``datasets`` would reuse for the folder; it may also
remove the entry of another GONERD folder of the same name elsewhere, which only costs that folder one more
preparation from its parquet files on its next load.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sys
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


def datasets_cache_root() -> Path:
    """``datasets``' cache folder, found as ``datasets.config`` finds it (its value when already imported)."""
    config = sys.modules.get("datasets.config")
    if config is not None:
        return Path(config.HF_DATASETS_CACHE).expanduser()
    if os.getenv("HF_DATASETS_CACHE"):
        return Path(os.environ["HF_DATASETS_CACHE"]).expanduser()
    hf_home = os.getenv("HF_HOME") or os.path.join(os.getenv("XDG_CACHE_HOME", "~/.cache"), "huggingface")
    return Path(hf_home).expanduser() / "datasets"


def snake_case(name: str) -> str:
    """``datasets.naming.camelcase_to_snakecase``, which names a local folder's cache directory."""
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"([a-z\d])([A-Z])", r"\1_\2", name).lower()


def may_be_cached(folder: Path) -> bool:
    """Whether ``datasets`` can hold a cache entry for a local ``folder`` (its cache directory exists)."""
    return (datasets_cache_root() / snake_case(folder.name)).is_dir()


def gonerd_entries(cache_dir: Path) -> list[Path]:
    """The cache entries under ``cache_dir`` (``<config>/<version>/<hash>/``) prepared from a GONERD dataset."""
    from gonerd.schema import COLUMNS, _features_dict

    ours = _features_dict(COLUMNS)
    entries = []
    for info in sorted(cache_dir.glob("*/*/*/dataset_info.json")):
        try:
            features = json.loads(info.read_text(encoding="utf-8")).get("features")
        except (OSError, ValueError, AttributeError) as exc:  # an entry being written, or not datasets' own
            logger.debug("skipped the datasets cache entry %s (%s)", info.parent, exc)
            continue
        if features == ours:
            entries.append(info.parent)
    return entries


def forget_cached_loads(out: str | Path) -> list[Path]:
    """Remove the ``datasets`` cache entries that loading ``out`` (by path, or as ``gonerd``) would reuse."""
    root = datasets_cache_root()
    removed = []
    for name in dict.fromkeys(snake_case(folder.name) for folder in folders_loading(Path(out))):
        if not (root / name).is_dir():
            continue  # nothing cached for a folder of this name
        for entry in gonerd_entries(root / name):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
            logger.info("removed the datasets cache of an earlier load of a folder named %s: %s", name, entry)
    return removed
