"""pyproject.toml as setuptools reads it at install time: no deprecation warning (issue 12: the licence was a
TOML table, which every `pip install` reported), and the licence declared as an SPDX expression. Every package our
code imports is declared (issue 12: lxml, loguru, tqdm and charset_normalizer were imported but not declared)."""

from __future__ import annotations

import ast
import os
import re
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OURS = ("gonerd", "annotation", "loaders", "baselines")
#: imported only inside ``try: ... except ImportError`` (used when installed), so deliberately not declared
OPTIONAL = {"cchardet": "faust-cchardet: gonerd.processing.decode's second opinion on encodings"}


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


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _third_party_imports() -> dict[str, set[str]]:
    """Top-level module -> files, for every absolute import of a module outside the standard library and ours."""
    found: dict[str, set[str]] = {}
    for package in OURS:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in OURS and top != "__future__":
                        found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_imported_package_is_declared():
    from importlib.metadata import packages_distributions

    pytest.importorskip("setuptools", minversion="77")
    distribution, _ = _apply(ROOT / "pyproject.toml")
    extras = distribution.extras_require.values()
    requirements = [*distribution.install_requires, *(r for extra in extras for r in extra)]
    declared = {_normalise(re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0]) for r in requirements}
    distributions = packages_distributions()
    imports = _third_party_imports()
    assert {"lxml", "loguru", "tqdm", "charset_normalizer", "torch"} <= set(imports)  # the scan sees real imports
    undeclared = {module: sorted(files)[:3] for module, files in imports.items() if module not in OPTIONAL
                  and not any(_normalise(d) in declared for d in distributions.get(module, []))}
    assert undeclared == {}, f"imported but not declared in pyproject.toml (or not installed): {undeclared}"
