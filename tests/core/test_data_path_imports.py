"""The data path never imports torch, transformers or accelerate, even where they are installed.

spaCy's thinc imports torch at start-up when it can; `gonerd build` must not pay for that (seconds and hundreds of
MB on every ML user's machine). A `sitecustomize` put on PYTHONPATH watches every process of the command (the build's
worker processes too) and records, with the stack, each real attempt to import a watched package; the attempt then
fails, as if the package were not installed. Lookups that only ask whether a package exists (`datasets` does that
for torch) are not imports and are not recorded.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

WATCHED = ("torch", "transformers", "accelerate")

WATCHER = f'''
import os, sys, traceback

WATCHED = {WATCHED!r}
LOG = os.environ.get("GONERD_IMPORT_LOG")


def _importing():
    """True when the import system asks (an import statement), False for importlib.util.find_spec lookups."""
    frame = sys._getframe(2)  # the import system's _find_spec
    while frame is not None and frame.f_code.co_name == "_find_spec":
        frame = frame.f_back
    return frame is not None and frame.f_code.co_name == "_find_and_load_unlocked"


class WatchImports:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in WATCHED and _importing():
            with open(LOG, "a", encoding="utf-8") as f:
                f.write(f"pid {{os.getpid()}} imports {{name}}\\n" + "".join(traceback.format_stack(limit=40)))
            raise ImportError(f"{{name}} is not allowed here")
        return None


if LOG:
    sys.meta_path.insert(0, WatchImports())
'''


def _run(args: list[str], tmp_path: Path, code: str = "from gonerd.cli import main; main()") -> tuple[str, str]:
    """Run ``code`` with ``args`` under the watcher; returns (the import log, the command's output)."""
    hook = tmp_path / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(WATCHER, encoding="utf-8")
    log = tmp_path / "imports.log"
    log.unlink(missing_ok=True)
    env = {**os.environ, "GONERD_IMPORT_LOG": str(log),
           "PYTHONPATH": os.pathsep.join(p for p in (str(hook), os.environ.get("PYTHONPATH")) if p)}
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return (log.read_text(encoding="utf-8") if log.exists() else ""), done.stdout + done.stderr


def test_the_watcher_sees_thinc_import_torch(tmp_path):
    """Without our guard, importing spaCy's thinc attempts `import torch`: the watcher must see that."""
    log, _ = _run([], tmp_path, code="import thinc.compat")
    assert "imports torch" in log and "thinc/compat.py" in log


def test_build_help_imports_no_ml_framework(tmp_path):
    log, output = _run(["build", "--help"], tmp_path)
    assert "Usage:" in output
    assert log == "", log


def test_demo_build_imports_no_ml_framework(tmp_path):
    log, output = _run(["build"], tmp_path)
    assert (tmp_path / "build" / "gonerd" / "build_report.json").exists(), output[-2000:]
    assert log == "", log[:5000]
