"""Building data never imports torch, even where it is installed (spaCy's thinc would import it otherwise)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_a_build_without_silver_does_not_import_torch(corpus, tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from gonerd.build import run_build\n"
        "from gonerd.config import BuildConfig\n"
        f"run_build(BuildConfig(inputs={corpus.inputs!r}, out={str(tmp_path / 'ds')!r}, gold={str(corpus.gold)!r},"
        " min_tokens=20), echo=lambda _: None, progress=False)\n"
        "print('torch imported' if 'torch' in sys.modules else 'no torch')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "no torch"
