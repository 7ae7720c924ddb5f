"""Shared test helpers: where the shared third-party fixtures live (never copied into the project)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # test helper modules (corpus_factory)

from shared_fixtures import SHARED_FIXTURES, require_fixture

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def shared_fixtures() -> Path:
    """The shared fixtures folder; skipped with the reason when absent (a failure in CI: see shared_fixtures.py)."""
    return require_fixture(SHARED_FIXTURES)
