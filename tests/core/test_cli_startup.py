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


def test_extract_imports_only_what_extraction_needs(tmp_path):
    """`gonerd extract` runs the steps without an executor: no datatrove executor (with fsspec and huggingface_hub's
    API), no spaCy, torch, pandas or datasets; it still extracts and its warnings still reach the terminal."""
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Harbour</title></head><body><article>"
                    + "<p>The harbour of Valmora reopened on Monday after the storm, the port authority said.</p>" * 8
                    + "</article></body></html>")  # fmt: skip
    empty = tmp_path / "empty.html"
    empty.write_text("")
    code = (
        "import sys, json\n"
        "from gonerd.cli import main\n"
        f"main(['extract', {str(page)!r}, {str(empty)!r}], standalone_mode=False)\n"
        "heavy = [m for m in ('datatrove.executor', 'datatrove.io', 'huggingface_hub.hf_api', 'spacy', 'torch', "
        "'pandas', 'datasets') if m in sys.modules]\n"
        "print(json.dumps(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    *rows, heavy = done.stdout.strip().splitlines()
    assert json.loads(heavy) == []
    first, second = map(json.loads, rows)
    assert "harbour of Valmora reopened" in first["text"] and first["title"] == "Harbour"
    assert second["dropped"] == "empty_input"
    assert "empty.html" in done.stderr  # the drop's warning, through the patched terminal logger
