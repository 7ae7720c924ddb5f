"""A real Label Studio for the annotation tests.

The database is migrated once per test run (the slow part, about a minute) into a template data folder; each test
module then starts its own server on a copy of it (a few seconds) and stops it at the end. Set
``GONERD_LS_TEMPLATE`` to a folder to keep the migrated template between local runs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # lshelpers

from lshelpers import ADMIN, server_from_template

from annotation.serve import DATABASE, ServeError, find_label_studio, start_server

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "build" / "test-artifacts" / "annotation"


def _label_studio() -> str:
    try:
        return find_label_studio()
    except ServeError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI must install Label Studio (`make setup-ls`): {exc}")
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def ls_template(tmp_path_factory) -> Path:
    _label_studio()
    kept = os.environ.get("GONERD_LS_TEMPLATE")
    folder = Path(kept) if kept else tmp_path_factory.mktemp("ls-template")
    if not (folder / DATABASE).exists():
        from lshelpers import free_port

        start_server(folder, port=free_port(), admin=ADMIN, wait=600).stop()
    return folder


@pytest.fixture(scope="module")
def ls_server(ls_template, tmp_path_factory):
    server = server_from_template(ls_template, tmp_path_factory.mktemp("ls-data"))
    yield server
    server.stop()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
