"""Where the shared third-party fixtures live (``../shared/fixtures`` beside the repository; never copied into it),
and what a test does when they are absent: skip with the reason on a developer's machine, fail in CI.

``.ci/run`` exports ``GONERD_REQUIRE_FIXTURES=1``: there a missing fixture is an error, so the quality gates that
read them can never pass by being skipped. Imported by tests as ``shared_fixtures`` (``tests/`` is on ``sys.path``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
REQUIRE_ENV = "GONERD_REQUIRE_FIXTURES"


def fixtures_required() -> bool:
    return os.environ.get(REQUIRE_ENV, "").strip().lower() in ("1", "true", "yes")


def require_fixture(path: Path) -> Path:
    """``path`` if it exists; otherwise skip the test saying why, or fail it when fixtures are required (CI)."""
    if path.exists():
        return path
    reason = f"shared fixture not found: {path} (tests read ../shared/fixtures beside the repository)"
    if fixtures_required():
        pytest.fail(f"{reason}; {REQUIRE_ENV}=1 (CI) turns a missing fixture into a failure", pytrace=False)
    pytest.skip(reason)
