"""GONERD next to the real CoNLL-2003 release (../shared/fixtures/ner-conll/conll2003), and the PNG plots."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image

from gonerd.cli import main
from gonerd.stats import compute, plots


@pytest.fixture
def conll_dir(shared_fixtures):
    return shared_fixtures / "ner-conll" / "conll2003"


def test_gonerd_and_conll2003_side_by_side(hand_dataset, conll_dir, char_tokenizer, tmp_path):
    out = tmp_path / "compare"
    result = CliRunner().invoke(main, ["stats", str(hand_dataset), f"conll2003:{conll_dir}", "--tokenizer",
                                       str(char_tokenizer), "--no-pii", "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "stats.json").read_text())
    hand, conll = report["datasets"]
    assert conll["name"] == "conll2003:conll2003" and conll["origin"] == "conll2003"
    # MANIFEST.md: train 946 documents, 203,621 tokens, PER 6,600 / ORG 6,321 / LOC 7,140 / MISC 3,438;
    # testa 216 documents, 51,362 tokens; testb 231 documents, 46,435 tokens (the trailing -DOCSTART- starts none)
    train = conll["splits"]["train"]["all"]
    assert train["documents"] == 946 and train["tokens"]["total"] == 203_621
    assert train["entities"]["per_type"] == {"PER": 6600, "ORG": 6321, "LOC": 7140, "MISC": 3438}
    assert conll["splits"]["validation"]["all"]["documents"] == 216
    assert conll["splits"]["validation"]["all"]["tokens"]["total"] == 51_362
    assert conll["splits"]["test"]["all"]["tokens"]["total"] == 46_435
    assert conll["provenance"]["train"] == {"gold": 946}  # the reader declares the set hand-annotated
    assert conll["entities_starting_with_I"] == {"train": 0, "validation": 0, "test": 0}  # IOB1 converted
    tags = train["labels"]
    assert tags["B-PER"] == 6600 and sum(tags.values()) == 203_621
    share = conll["overlap_with_train"]["test"]["share"]
    assert 0.3 < share < 0.8  # most CoNLL test mentions occur in train: the memorisation risk the card names
    # side by side: one column per dataset in the terminal table and in the report
    header = next(line for line in result.output.splitlines() if line.startswith("|  |"))
    assert str(hand_dataset) in header and "conll2003:conll2003" in header
    markdown = (out / "stats.md").read_text()
    assert "## Side by side (all splits)" in markdown and "## conll2003:conll2003" in markdown
    assert f"| documents | 5 | {946 + 216 + 231:,} |" in markdown
    # the long-document shares use the same tokenizer for both
    assert report["length_unit"]["unit"] == "subword"
    assert hand["all_splits"]["all"]["longer_than"]["4096"] == 0.2
    # (one character = one subword here, so a few CoNLL documents pass 4,096; in words none does)
    assert conll["all_splits"]["all"]["longer_than"]["4096"] < 0.01
    assert conll["all_splits"]["all"]["tokens"]["max"] < 4096


def _description(path) -> dict:
    with Image.open(path) as img:
        img.verify()  # a valid PNG
    with Image.open(path) as img:
        assert img.format == "PNG" and img.size[0] >= 500 and img.size[1] >= 300
        return json.loads(img.text["Description"])


def _colours(path) -> set[tuple[int, int, int]]:
    with Image.open(path) as img:
        pixels = np.asarray(img.convert("RGB")).reshape(-1, 3)
    return {tuple(int(c) for c in p) for p in np.unique(pixels, axis=0)}


def test_plots_show_what_they_claim(hand_dataset, tmp_path):
    report, lengths = compute([str(hand_dataset)], pii=False)
    ds = report["datasets"][0]

    fig, description = plots.entities_per_type(report["datasets"])
    ax = fig.axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("entity type", "entities")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["PER", "ORG", "LOC", "MISC"]
    bars = ax.patches
    assert len(bars) == 4 * 3  # one bar per type and split
    heights = [b.get_height() for b in bars]
    expected = [ds["splits"][s]["all"]["entities"]["per_type"][t] for s in ("train", "validation", "test")
                for t in ("PER", "ORG", "LOC", "MISC")]
    assert heights == expected == [1, 2, 2, 0, 0, 0, 0, 0, 1, 2, 2, 0]
    path = plots.save(fig, tmp_path / "entities.png", description)
    saved = _description(path)
    assert saved["xlabel"] == "entity type" and saved["ylabel"] == "entities"
    assert len(saved["bars"]) == 12
    colours = _colours(path)
    for split_colour in ((0x1F, 0x77, 0xB4), (0x2C, 0xA0, 0x2C)):  # train (C0) and test (C2) bars are drawn
        assert split_colour in colours

    fig, description = plots.length_histogram(lengths, report["length_unit"]["label"])
    ax = fig.axes[0]
    assert ax.get_xlabel() == "document length (word tokens, log scale)"
    assert ax.get_ylabel() == "share of documents" and ax.get_xscale() == "log"
    markers = sorted(line.get_xdata()[0] for line in ax.lines)
    assert markers == [512, 4096]
    (stairs,) = [p for p in ax.patches]
    values, edges = stairs.get_data()[:2]  # StepPatch data: (values, edges, baseline)
    assert values.sum() == pytest.approx(1.0)  # every document falls in a bin
    assert edges[0] <= 50 and edges[-1] >= 5000
    path = plots.save(fig, tmp_path / "lengths.png", description)
    assert _description(path)["markers"] == [512, 4096]

    fig, description = plots.entity_density(report["datasets"])
    ax = fig.axes[0]
    assert ax.get_ylabel() == "entities per 1,000 tokens"
    by_source = ds["all_splits"]["by_source_type"]
    assert [b.get_height() for b in ax.patches] == [by_source[s]["density_per_1000_tokens"]
                                                   for s in ("legal", "news")]
    assert [t.get_text() for t in ax.get_xticklabels()] == [f"{hand_dataset}\nlegal", f"{hand_dataset}\nnews"]
    path = plots.save(fig, tmp_path / "density.png", description)
    assert len(_colours(path)) > 20  # drawn, anti-aliased text and bars: not a blank canvas
