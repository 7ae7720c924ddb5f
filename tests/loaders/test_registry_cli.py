"""loaders.load's registry and the `gonerd loaders` commands."""

from __future__ import annotations

import json
import logging
import subprocess
import sys

import pytest
from click.testing import CliRunner

import loaders
from gonerd.cli import main
from loaders.errors import LoaderError

NAMES = ["gonerd", "conll2003", "conll", "glue", "squad", "squad_v2", "hotpotqa", "triviaqa"]


def test_registry_names_and_option_checks():
    assert list(loaders.LOADERS) == NAMES
    with pytest.raises(LoaderError, match="unknown dataset 'squad3'; known: gonerd, conll2003"):
        loaders.load("squad3")
    with pytest.raises(LoaderError, match=r"squad: unknown option\(s\) \['version'\]"):
        loaders.load("squad", "x", version=2)  # fixed by the name: squad_v2 is its own entry
    with pytest.raises(LoaderError, match="on_bad_answer must be one of"):
        loaders.load("squad", "x", on_bad_answer="ignore")


def test_problems_are_logged(hf_formats, caplog):
    with caplog.at_level(logging.WARNING, logger="gonerd.loaders"):
        loaders.load("squad", hf_formats / "squad_v1.1" / "hf_dummy", on_bad_answer="drop")
    assert "squad: answer_dropped=2, example_dropped=2" in caplog.text


def test_list_command_prints_names_formats_and_sources():
    result = CliRunner().invoke(main, ["loaders", "list"])
    assert result.exit_code == 0, result.output
    for name in NAMES:
        assert f"\n{name}  [" in "\n" + result.output
    assert "conll2003  [token-classification]" in result.output
    assert "glue  [sequence-classification]" in result.output
    assert "triviaqa  [extractive-qa]" in result.output
    assert "nyu-mll/glue" in result.output and "eng.train / eng.testa / eng.testb" in result.output
    assert "options: domain, max_context_tokens" in result.output


def test_list_imports_nothing_heavy():
    code = (
        "import sys, json\n"
        "from click.testing import CliRunner\n"
        "from gonerd.cli import main\n"
        "r = CliRunner().invoke(main, ['loaders', 'list'])\n"
        "print(json.dumps({'code': r.exit_code, 'heavy': [m for m in ('torch', 'transformers', 'datasets') "
        "if m in sys.modules]}))\n"
    )
    out = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert out == {"code": 0, "heavy": []}


def test_show_command(hf_formats):
    glue = str(hf_formats / "glue" / "hf_dummy")
    result = CliRunner().invoke(main, ["loaders", "show", "glue", "--path", glue, "-o", "task=cola"])
    assert result.exit_code == 0, result.output
    assert "train: 3 rows\nvalidation: 2 rows\ntest: 1 rows\n" in result.output
    assert "label: ClassLabel(names=['unacceptable', 'acceptable'])" in result.output
    bad = CliRunner().invoke(main, ["loaders", "show", "squad", "-p", str(hf_formats / "squad_v1.1" / "hf_dummy")])
    assert bad.exit_code == 1 and "example 1: answer 'This is a test text'" in bad.output
    dropped = CliRunner().invoke(main, ["loaders", "show", "squad", "-p", str(hf_formats / "squad_v1.1" / "hf_dummy"),
                                        "-o", "on_bad_answer=drop"])
    assert dropped.exit_code == 0 and "answer_dropped" in dropped.output
