"""Shared test helpers: where the shared third-party fixtures live (never copied into the project)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_FIXTURES = REPO.parent / "shared" / "fixtures"


@pytest.fixture
def shared_fixtures() -> Path:
    if not SHARED_FIXTURES.is_dir():
        pytest.skip(f"shared third-party fixtures not found at {SHARED_FIXTURES}")
    return SHARED_FIXTURES
