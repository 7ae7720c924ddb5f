"""What produced an output: configuration, package versions, git commit, seeds; and atomic output folders."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PACKAGES = ("gonerd", "torch", "transformers", "accelerate", "datasets", "safetensors", "tokenizers", "numpy")
PROVENANCE_FILE = "provenance.json"


def package_versions(packages: tuple[str, ...] = PACKAGES) -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in packages:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = None
    return versions


def git_state(path: Path | None = None) -> dict[str, object]:
    """Commit and dirtiness of the git checkout holding this package (None outside a checkout)."""
    where = str(path or Path(__file__).resolve().parent)
    try:
        commit = subprocess.run(
            ["git", "-C", where, "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", where, "status", "--porcelain", "--untracked-files=no"],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "dirty": None}
    return {"commit": commit, "dirty": bool(dirty)}


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


def provenance(command: str, settings: dict, seeds: dict | None = None, **extra) -> dict:
    """The provenance record written beside every output."""
    return {
        "command": command,
        "argv": sys.argv,
        "settings": _jsonable(settings),
        "seeds": _jsonable(seeds or {}),
        "versions": {"python": platform.python_version(), **package_versions()},
        "git": git_state(),
        "host": {"platform": platform.platform(), "cpus": os.cpu_count()},
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        **_jsonable(extra),
    }


def earlier_runs(path: Path) -> list[dict]:
    """The records already in the provenance file ``path`` (its own record and its ``previous_runs``, oldest
    first): a resumed run keeps them under ``previous_runs`` instead of overwriting them."""
    path = Path(path)
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(old, dict):
        return []
    previous = old.pop("previous_runs", None) or []
    return [*previous, old]


def write_json(path: Path, data) -> None:
    """Write JSON atomically (temp file in the same folder, then rename)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(json.dumps(_jsonable(data), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


@contextlib.contextmanager
def atomic_folder(out: Path, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary sibling folder; on success it replaces ``out`` in one rename.

    An existing ``out`` is an error unless ``overwrite``; on failure the temporary folder is removed and ``out``
    is left untouched.
    """
    out = Path(out)
    if out.exists() and not overwrite:
        raise FileExistsError(f"--out {out} already exists (use --overwrite to replace it)")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:6]}")
    tmp.mkdir()
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if out.exists():
        old = out.with_name(f".{out.name}.old-{int(time.time())}-{uuid.uuid4().hex[:6]}")
        os.replace(out, old)
        os.replace(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, out)
