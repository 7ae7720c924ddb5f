"""pyproject.toml as setuptools reads it at install time: no deprecation warning (issue 12: the licence was a
TOML table, which every `pip install` reported), and the licence declared as an SPDX expression."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _apply(pyproject: Path):
    """setuptools' own reading of ``pyproject`` (what a build does); returns (distribution, warnings)."""
    from setuptools.config.pyprojecttoml import apply_configuration
    from setuptools.dist import Distribution

    here = Path.cwd()
    os.chdir(pyproject.parent)  # readme and package paths are relative to the project
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            distribution = apply_configuration(Distribution(), pyproject)
    finally:
        os.chdir(here)
    return distribution, [f"{w.category.__name__}: {str(w.message).splitlines()[0]}" for w in caught]


def test_setuptools_reads_the_project_without_a_deprecation(tmp_path):
    pytest.importorskip("setuptools", minversion="77")
    distribution, caught = _apply(ROOT / "pyproject.toml")
    assert caught == []
    assert distribution.metadata.license_expression == "Apache-2.0"

    # guard: the same file with the licence as a TOML table, as it was, is reported
    table = (ROOT / "pyproject.toml").read_text(encoding="utf-8").replace(
        'license = "Apache-2.0"', 'license = { text = "Apache-2.0" }')
    (tmp_path / "pyproject.toml").write_text(table, encoding="utf-8")
    (tmp_path / "README.md").write_text("readme", encoding="utf-8")
    _, caught = _apply(tmp_path / "pyproject.toml")
    assert any("license" in message and "deprecated" in message for message in caught), caught
