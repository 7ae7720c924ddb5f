"""`make demo` writes the statistics and the card of the demo build; data_cards/ holds that card (and its plots).

The demo build is deterministic, so the committed data_cards/gonerd.md must be what the demo commands write now.
When this fails after a change to the build, the corpus or the card, regenerate with `make demo` and commit
data_cards/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from gonerd.cli import main

REPO = Path(__file__).resolve().parents[2]
VERSIONS = re.compile(r"\((datatrove|phonenumbers) [^,)]+")  # library versions move on without the card changing


@pytest.mark.slow
def test_committed_demo_card_is_what_make_demo_writes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    # the three commands of the Makefile's demo target
    for args in (["build"], ["stats", "build/gonerd"],
                 ["card", "build/gonerd", "--license", "apache-2.0", "--cards-dir", "data_cards"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
    written = (tmp_path / "data_cards" / "gonerd.md").read_text()
    committed = (REPO / "data_cards" / "gonerd.md").read_text()
    assert VERSIONS.sub(r"(\1 X", written) == VERSIONS.sub(r"(\1 X", committed), (
        "data_cards/gonerd.md is stale: run `make demo` and commit data_cards/")
    for png in ("length_histogram.png", "entities_per_type.png", "entity_density.png"):
        assert (REPO / "data_cards" / "gonerd-stats" / png).is_file()
    # the card in the dataset folder links its own stats folder and loads by its relative name
    card = (tmp_path / "build" / "gonerd" / "README.md").read_text()
    assert "](stats/length_histogram.png)" in card and 'load_dataset("build/gonerd")' in card
    assert str(tmp_path) not in card
