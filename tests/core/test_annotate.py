import json

import pytest

from gonerd.annotate import GoldFileError, anchor_entities, load_gold
from gonerd.schema import Entity


def test_duplicate_gold_keys_are_an_error(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"url": "https://a.com/x", "entities": []}) + "\n"
                    + json.dumps({"url": "https://a.com/x#top", "entities": []}) + "\n")
    with pytest.raises(GoldFileError, match=r"gold\.jsonl:2: .* already has gold spans at .*gold\.jsonl:1"):
        load_gold(path)


def test_malformed_gold_lines_name_file_and_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "a", "entities": [{"start": 0, "end": 3, "label": "DATE", "text": "Mon"}]}))
    with pytest.raises(GoldFileError, match=r"gold\.jsonl:1: entity 0 has label 'DATE'"):
        load_gold(path)


def test_reanchoring_follows_the_drift_and_skips_parts_of_words():
    text = "Annual report. Ann met Bob in Paris. Later Ann left Paris."
    # offsets written for a text that had 10 fewer characters in front
    gold = [Entity(5, 8, "PER", "Ann"), Entity(31, 36, "LOC", "Paris"), Entity(33, 36, "PER", "Ann")]
    anchored, report = anchor_entities(text, gold)
    assert [(e.text, e.start) for e in anchored] == [("Ann", 15), ("Paris", 30), ("Ann", 43)]
    assert report.exact == 0 and len(report.reanchored) == 3 and report.not_found == []
    _, report = anchor_entities(text, [Entity(0, 4, "PER", "Zoë")])
    assert [e.text for e in report.not_found] == ["Zoë"]
