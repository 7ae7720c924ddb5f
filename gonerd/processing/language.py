"""Language identification with py3langid, its model loaded fast.

py3langid ships its model as an LZMA-compressed ``.npz`` (4.6 MB, 28 MB unpacked); decompressing it takes ~0.55 s
of every process that identifies a language, a large part of a small build's start-up. The unpacked ``.npz`` is
therefore kept once per machine in gonerd's cache folder (``$GONERD_CACHE``, else ``$XDG_CACHE_HOME/gonerd``, else
``~/.cache/gonerd``), named after the model file's size and modification time, written atomically, and read with
numpy (~0.15 s). When the cache cannot be written or read, the model is loaded the usual way: same identifier,
same answers.
"""

from __future__ import annotations

import contextlib
import logging
import lzma
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger("gonerd")

# py3langid is linear in its input: 2,000 characters (~300 words) take 2.5 ms and gave the same language as 5,000
# on all 300 pages of trafilatura's evaluation set (11 languages)
LANGUAGE_SAMPLE_CHARS = 2_000

# the arrays py3langid's load_model reads (py3langid.modelio, model layout of py3langid 0.3+)
_MODEL_KEYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def cache_dir() -> Path:
    """gonerd's cache folder for derived files that are expensive to rebuild (never data)."""
    if os.getenv("GONERD_CACHE"):
        return Path(os.environ["GONERD_CACHE"]).expanduser()
    return Path(os.getenv("XDG_CACHE_HOME") or "~/.cache").expanduser() / "gonerd"


def _model_source() -> Path | None:
    """py3langid's compressed ``.npz`` model file (the layout of py3langid 0.4), or None for another layout."""
    from py3langid import langid

    path = Path(langid.MODEL_FILE)
    if not path.is_absolute():
        path = Path(getattr(langid, "MODEL_DIR", Path(langid.__file__).parent)) / path
    return path if path.name.endswith(".npz.xz") and path.is_file() else None


def unpacked_model(source: Path) -> Path | None:
    """The unpacked copy of the compressed model ``source`` in the cache (written on first use), or None when it
    cannot be written."""
    st = source.stat()
    target = cache_dir() / f"py3langid-{st.st_size}-{st.st_mtime_ns}.npz"
    if target.is_file():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".py3langid-", delete=False) as tmp:
            try:
                with lzma.open(source) as packed:
                    shutil.copyfileobj(packed, tmp, length=1 << 20)
            except BaseException:
                os.unlink(tmp.name)
                raise
        os.replace(tmp.name, target)
    except (OSError, lzma.LZMAError) as exc:
        logger.debug("py3langid model not cached in %s (%s): loading the compressed file", target.parent, exc)
        return None
    return target


def _load_unpacked(path: Path):
    """py3langid's ``load_model`` on an uncompressed ``.npz`` (same arrays, same conversions)."""
    import numpy as np
    from py3langid.modelio import _to_array

    with np.load(path, allow_pickle=False) as data:
        missing = set(_MODEL_KEYS) - set(data.files)
        if missing:
            raise ValueError(f"{path}: not a py3langid model (missing {sorted(missing)})")
        return (data["ptc"], data["pc"], data["classes"].tolist(), _to_array(data["nextmove"]),
                _to_array(data["nextmove_row"]), data["out_feat"].tolist())  # fmt: skip


@lru_cache(maxsize=1)
def language_identifier():
    """py3langid's identifier with normalised probabilities, loaded once per process."""
    import numpy as np
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    source = _model_source()
    unpacked = unpacked_model(source) if source is not None else None
    if unpacked is not None:
        try:
            ptc, pc, classes, nextmove, row, output = _load_unpacked(unpacked)
            return LanguageIdentifier(np.asarray(ptc), np.asarray(pc), classes, nextmove, output, norm_probs=True,
                                      tk_row=row)  # fmt: skip
        except (OSError, ValueError, KeyError, ImportError) as exc:  # a damaged cache file: the usual way
            logger.debug("cached py3langid model %s unusable (%s): removed", unpacked, exc)
            with contextlib.suppress(OSError):
                unpacked.unlink()
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
