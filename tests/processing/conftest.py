"""Fixtures for the processing tests: the shared third-party files are read in place, never copied."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

SHARED_FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"


@pytest.fixture
def shared_file() -> Callable[..., Path]:
    """``shared_file("legal", "x.txt")`` → the fixture's path; skips the test (saying why) if it is absent."""

    def find(*parts: str) -> Path:
        path = SHARED_FIXTURES.joinpath(*parts)
        if not path.exists():
            pytest.skip(f"shared fixture not found: {path} (tests read ../shared/fixtures beside the repo)")
        return path

    return find
