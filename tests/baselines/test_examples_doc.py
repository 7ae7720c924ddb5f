"""docs/baselines.md's CPU example is what benchmarks/baselines_examples.py runs and measures (no drift)."""

from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("baselines_examples", REPO / "benchmarks" / "baselines_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _documented_commands() -> list[list[str]]:
    text = (REPO / "docs" / "baselines.md").read_text(encoding="utf-8")
    section = text.split("## CPU example with a real pretrained encoder", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, flags=re.S)
    commands = []
    for block in blocks:
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words[:2] == ["gonerd", "baselines"]:
                commands.append(words[2:])
    return commands


def test_the_documented_example_is_the_measured_one():
    measured = [args for _, args in _script().EXAMPLES]
    assert _documented_commands() == measured


def test_every_example_command_parses(tmp_path):
    """Each example's options exist (click parses them; --help-free dry run through make_context)."""
    from baselines.cli import baselines

    for _, args in _script().EXAMPLES:
        command = baselines.commands[args[0]]
        context = command.make_context(args[0], [str(tmp_path) if a == "$M" else a for a in args[1:]])
        assert context.params["out"]
