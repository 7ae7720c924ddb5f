"""CI must not hide skipped quality gates: with GONERD_REQUIRE_FIXTURES=1 (what .ci/run exports) a missing
shared fixture fails the test that needs it; without it, the test is skipped with the reason."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent

NEEDS_A_MISSING_FIXTURE = """
from pathlib import Path
from shared_fixtures import require_fixture

def test_gate():
    require_fixture(Path("/nonexistent/shared/fixtures/news-html"))
"""


def run_pytest(tmp_path: Path, require: str | None) -> subprocess.CompletedProcess:
    test = tmp_path / "test_gate.py"
    test.write_text(NEEDS_A_MISSING_FIXTURE)
    env = {k: v for k, v in os.environ.items() if k != "GONERD_REQUIRE_FIXTURES"}
    if require is not None:
        env["GONERD_REQUIRE_FIXTURES"] = require
    env["PYTHONPATH"] = str(TESTS)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "--rootdir", str(tmp_path), str(test)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip


def test_local_runs_skip_with_the_reason(tmp_path: Path) -> None:
    done = run_pytest(tmp_path, None)
    assert done.returncode == 0, done.stdout
    assert "1 skipped" in done.stdout
    assert "shared fixture not found: /nonexistent/shared/fixtures/news-html" in done.stdout


def test_ci_fails_on_a_missing_fixture(tmp_path: Path) -> None:
    done = run_pytest(tmp_path, "1")
    assert done.returncode == 1, done.stdout
    assert "1 failed" in done.stdout and "GONERD_REQUIRE_FIXTURES=1" in done.stdout


def test_ci_script_exports_the_setting() -> None:
    script = (REPO / ".ci" / "run").read_text()
    export = script.index("export GONERD_REQUIRE_FIXTURES=1")
    assert export < script.index("\nmake test")
