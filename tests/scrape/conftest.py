"""Fixtures of the scrape tests: real HTTP servers on 127.0.0.1 (never any other address)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # scrape_site helper module

from scrape_site import SiteServer


@pytest.fixture
def server():
    with SiteServer() as srv:
        yield srv


@pytest.fixture
def server2():
    with SiteServer() as srv:
        yield srv
