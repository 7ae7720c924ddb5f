"""`gonerd --help` must stay light: no torch, transformers or spaCy at start-up (and the plugins load lazily)."""

import json
import subprocess
import sys


def test_help_imports_nothing_heavy():
    code = (
        "import sys, json\n"
        "from click.testing import CliRunner\n"
        "from gonerd.cli import main\n"
        "r = CliRunner().invoke(main, ['--help'])\n"
        "heavy = [m for m in ('torch', 'transformers', 'spacy', 'datasets', 'datatrove', 'trafilatura') "
        "if m in sys.modules]\n"
        "print(json.dumps({'code': r.exit_code, 'out': r.output, 'heavy': heavy}))\n"
    )
    res = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert res["code"] == 0
    assert "build" in res["out"] and "baselines" in res["out"]
    assert res["heavy"] == []
