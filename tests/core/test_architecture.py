"""The dependency direction of the design card: annotation, loaders -> gonerd; baselines -> loaders, gonerd."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("gonerd", "annotation", "loaders", "baselines", "data_cards")
ALLOWED = {
    "gonerd": {"gonerd", "data_cards"},
    "annotation": {"annotation", "gonerd"},
    "loaders": {"loaders", "gonerd"},
    "baselines": {"baselines", "loaders", "gonerd"},
    "data_cards": {"data_cards"},
}


def imported_packages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & set(PACKAGES)


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_point_one_way(package):
    files = sorted((REPO / package).rglob("*.py"))
    assert files
    bad = {str(f.relative_to(REPO)): sorted(imported_packages(f) - ALLOWED[package]) for f in files}
    assert {f: pkgs for f, pkgs in bad.items() if pkgs} == {}


def test_core_never_imports_torch_or_transformers():
    offenders = []
    for f in sorted((REPO / "gonerd").rglob("*.py")):
        tree = ast.parse(f.read_text())
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            offenders += [f"{f.name}: {n}" for n in names if n.split(".")[0] in ("torch", "transformers")]
    assert offenders == []


def test_no_data_files_inside_the_gonerd_package():
    # load_dataset("gonerd") resolves the package folder first and would load any data file in it; its only
    # non-code file is the generated card gonerd/README.md, whose configs point at ../build/gonerd/data
    data = [p for p in (REPO / "gonerd").rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc", ".typed")]
    assert data == [REPO / "gonerd" / "README.md"]
