"""`gonerd build` never imports torch (spaCy's thinc would, wherever it is installed) nor pandas (pyarrow would):
a dedicated build process stays lean. A library call keeps the caller's imports as they are."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_the_build_command_imports_neither_torch_nor_pandas(corpus, tmp_path: Path) -> None:
    args = ["build", "--out", str(tmp_path / "ds"), "--gold", str(corpus.gold), "--min-tokens", "20",
            *[arg for path in corpus.inputs for arg in ("--input", path)]]  # fmt: skip
    script = (
        "import sys\n"
        "from gonerd.cli import main\n"
        f"main({args!r}, standalone_mode=False)\n"
        "print('imported:', sorted(m for m in ('torch', 'pandas', 'datasets') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "imported: []"


def test_a_library_call_hides_nothing() -> None:
    script = (
        "import sys\n"
        "from gonerd.lean_imports import hidden\n"
        "with hidden('pandas'):\n"
        "    import pandas\n"
        "print('ok', 'pandas' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.stdout.strip() == "ok True", done.stderr
