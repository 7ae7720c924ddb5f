"""Running the installed ``gonerd`` command in a subprocess, as a user would (exit code, stdout, stderr)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

#: The console script installed next to the interpreter that runs the tests (``pip install -e .``).
GONERD = Path(sys.executable).with_name("gonerd")


def run_gonerd(*args: str, timeout: float = 300, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    environment = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "NO_COLOR": "1",
                   "COLUMNS": "200", **(env or {})}
    return subprocess.run([str(GONERD), *args], capture_output=True, text=True, timeout=timeout, env=environment,
                          stdin=subprocess.DEVNULL, **kwargs)


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    """The lines of stderr (and stdout) that start with ``Error:``."""
    return [line for line in (result.stderr + "\n" + result.stdout).splitlines() if line.startswith("Error:")]
