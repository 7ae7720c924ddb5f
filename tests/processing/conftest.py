"""Fixtures for the processing tests: the shared third-party files are read in place, never copied."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from shared_fixtures import SHARED_FIXTURES, require_fixture


@pytest.fixture
def shared_file() -> Callable[..., Path]:
    """``shared_file("legal", "x.txt")`` → the fixture's path; skips the test (saying why) if it is absent, or
    fails it in CI (``GONERD_REQUIRE_FIXTURES=1``)."""

    def find(*parts: str) -> Path:
        return require_fixture(SHARED_FIXTURES.joinpath(*parts))

    return find
