"""CoNLL-2003 (original files, HF dummy, allennlp tab layout) and generic CoNLL column files (WNUT-17)."""

from __future__ import annotations

from pathlib import Path

import pytest

import loaders
from gonerd.schema import NER_TAGS
from loaders.errors import DataFormatError, LoaderError


def names(ds, split):
    return ds[split].features["ner_tags"].feature.names


def tags(ds, split, i):
    return [names(ds, split)[t] for t in ds[split][i]["ner_tags"]]


def docs_of(path: Path) -> list[list[str]]:
    """Tokens per -DOCSTART- document, counted straight from the file."""
    docs: list[list[str]] = [[]]
    for line in path.read_text().splitlines():
        if line.startswith("-DOCSTART-"):
            docs.append([])
        elif line.strip():
            docs[-1].append(line.split()[0])
    return [d for d in docs if d]


def test_original_eng_testb_sentences_documents_and_iob2(ner_conll):
    path = ner_conll / "conll2003-format" / "eng.testb.first3docs.iob1.txt"
    ds = loaders.load("conll2003", path)
    assert list(ds) == ["test"]  # named after the file
    assert names(ds, "test") == list(NER_TAGS)
    assert len(ds["test"]) == 48  # sentences of the three documents
    first = ds["test"][0]
    assert first["id"] == "d0s0"
    assert first["tokens"] == ["SOCCER", "-", "JAPAN", "GET", "LUCKY", "WIN", ",", "CHINA", "IN", "SURPRISE",
                               "DEFEAT", "."]
    # IOB1 "I-LOC" / "I-PER" opening an entity become B- tags
    assert tags(ds, "test", 0) == ["O", "O", "B-LOC", "O", "O", "O", "O", "B-PER", "O", "O", "O", "O"]
    assert ds["test"][1]["tokens"][:2] == ["Nadim", "Ladki"]
    assert tags(ds, "test", 1)[:2] == ["B-PER", "I-PER"]
    for i in range(len(ds["test"])):  # no entity starts with I- anywhere
        row = tags(ds, "test", i)
        for prev, tag in zip(["O", *row], row):
            assert not tag.startswith("I-") or prev[2:] == tag[2:]

    whole = loaders.load("conll2003", path, level="document")["test"]
    expected = docs_of(path)
    assert [len(t) for t in whole["tokens"]] == [len(d) for d in expected] == [419, 269, 386]
    assert whole["tokens"] == expected
    assert whole["id"] == ["d0", "d1", "d2"]


def test_iob1_b_tag_between_adjacent_entities(tmp_path):
    path = tmp_path / "eng.train"
    path.write_text("-DOCSTART- -X- -X- O\n\n"
                    "Germany NNP I-NP I-LOC\nFrance NNP I-NP B-LOC\nand CC O O\nSpain NNP I-NP I-LOC\n"
                    "Real NNP I-NP I-ORG\nMadrid NNP I-NP I-ORG\n")
    ds = loaders.load("conll2003", path)
    assert tags(ds, "train", 0) == ["B-LOC", "B-LOC", "O", "B-LOC", "B-ORG", "I-ORG"]


def test_sentence_starting_inside_an_entity_starts_a_new_entity(tmp_path):
    # IOB1 is converted per sentence: "Tokyo" does not continue "Japan" across the sentence break
    path = tmp_path / "eng.testa"
    path.write_text("Japan NNP I-NP I-LOC\n\nTokyo NNP I-NP I-LOC\nsaid VBD I-VP O\n")
    ds = loaders.load("conll2003", path)
    assert list(ds) == ["validation"]
    assert [tags(ds, "validation", i) for i in range(2)] == [["B-LOC"], ["B-LOC", "O"]]


def test_hf_dummy_folder_tab_layout_and_missing_final_newline(ner_conll):
    folder = ner_conll / "conll2003-format"
    dummy = loaders.load("conll2003", folder / "hf_conll2003_dummy")
    assert list(dummy) == ["train", "validation", "test"]
    for split, file in (("train", "train.txt"), ("validation", "valid.txt"), ("test", "test.txt")):
        expected = (folder / "hf_conll2003_dummy" / file).read_text().split("\n")
        assert dummy[split][0]["tokens"] == [line.split()[0] for line in expected if line.strip()]
    assert dummy["train"][0]["tokens"][:3] == ["The", "European", "Commission"]
    assert tags(dummy, "train", 0)[:3] == ["O", "B-ORG", "I-ORG"]

    allen = loaders.load("conll2003", folder / "allennlp_models_conll2003.txt")["train"]
    assert allen["tokens"] == [["U.N.", "official", "Ekeus", "heads", "for", "Baghdad", "."],
                               ["AI2", "engineer", "Joel", "lives", "in", "Seattle", "."]]
    assert [NER_TAGS[t] for t in allen[0]["ner_tags"]] == ["B-ORG", "O", "B-PER", "O", "O", "B-LOC", "O"]

    conllpp = loaders.load("conll2003", folder / "hf_conllpp_dummy")
    assert {split: len(rows) for split, rows in conllpp.items()} == {"train": 1, "validation": 1, "test": 1}
    assert conllpp["train"][0]["tokens"] == ["EU", "rejects", "German"]


def test_broken_rows_name_file_and_line(tmp_path):
    path = tmp_path / "eng.train"
    path.write_text("EU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-MISC\n")
    with pytest.raises(DataFormatError, match=r"eng\.train:3: expected 4 columns, found 3"):
        loaders.load("conll2003", path)
    path.write_text("EU NNP B-NP B-ORG\n\nMonday NNP B-NP B-DATE\n")
    with pytest.raises(DataFormatError, match=r"eng\.train:3: tag 'B-DATE' is not one of the labels"):
        loaders.load("conll2003", path)
    path.write_text("EU NNP B-NP B-ORG\nrejects VBZ B-VP X-ORG\n")
    with pytest.raises(DataFormatError, match=r"eng\.train:2: 'X-ORG' is not an IOB tag"):
        loaders.load("conll2003", path)


def test_document_level_is_files_only():
    with pytest.raises(LoaderError, match="level='document'"):
        loaders.load("conll2003", None, level="document")


def test_wnut17_any_tag_set(ner_conll):
    path = ner_conll / "wnut17" / "emerging.dev.conll"
    ds = loaders.load("conll", path)
    assert list(ds) == ["validation"]  # "emerging.dev.conll"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert len(ds["validation"]) == 1009
    assert sum(len(t) for t in ds["validation"]["tokens"]) == sum(1 for line in lines if line.strip()) == 15733
    assert names(ds, "validation") == [
        "O", "B-corporation", "I-corporation", "B-creative-work", "I-creative-work", "B-group", "I-group",
        "B-location", "I-location", "B-person", "I-person", "B-product", "I-product",
    ]
    first = ds["validation"][0]
    assert first["tokens"] == [line.split("\t")[0] for line in lines[:12]]
    assert "´" in first["tokens"]  # non-ASCII token kept


def test_generic_label_names_option_and_errors(tmp_path):
    path = tmp_path / "train.tsv"
    path.write_text("Ada\tB-person\nLovelace\tI-person\nwrote\tO\n\nLondon\tB-location\n")
    given = ["O", "B-location", "I-location", "B-person", "I-person", "B-work", "I-work"]
    ds = loaders.load("conll", path, label_names=given)
    assert names(ds, "train") == given
    assert ds["train"][0]["ner_tags"] == [3, 4, 0]
    with pytest.raises(DataFormatError, match=r"train\.tsv:5: tag 'B-location' is not one of"):
        loaders.load("conll", path, label_names=["O", "B-person", "I-person"])
    path.write_text("New York\tB-location\nis\tO\n")  # tab-separated: a token may contain a space
    ds = loaders.load("conll", path)
    assert ds["train"][0]["tokens"] == ["New York", "is"]
    path.write_text("Ada\tB-person\nLovelace\tNNP\tI-person\n")
    with pytest.raises(DataFormatError, match=r"train\.tsv:2: expected 2 columns, found 3"):
        loaders.load("conll", path)


def test_generic_folder_splits_shared_labels_and_ignored_files(tmp_path):
    (tmp_path / "train.conll").write_text("Ada B-person\nLovelace I-person\n")
    (tmp_path / "dev.conll").write_text("Acme B-corporation\n")
    (tmp_path / "NOTES.txt").write_text("not a split\n")
    ds, report = loaders.load_with_report("conll", tmp_path)
    assert list(ds) == ["train", "validation"]
    expected = ["O", "B-corporation", "I-corporation", "B-person", "I-person"]
    assert names(ds, "train") == names(ds, "validation") == expected  # one ClassLabel for every split
    [ignored] = report.of_kind("file_ignored")
    assert ignored.where.endswith("NOTES.txt")
    with pytest.raises(LoaderError, match="no Hub source"):
        loaders.load("conll")


def test_unknown_tag_is_reported_as_written_in_the_file(tmp_path):
    """IOB1 'I-FOO' opening an entity is 'B-FOO' after conversion; the message shows the file's 'I-FOO'."""
    path = tmp_path / "eng.train"
    path.write_text("-DOCSTART- -X- -X- O\n\nFoo NNP B-NP I-FOO\nbar NN I-NP O\n")
    with pytest.raises(DataFormatError, match=r"eng\.train:3: tag 'I-FOO' \(IOB2: 'B-FOO'\) is not one of the labels"):
        loaders.load("conll2003", path)
    path.write_text("Ada\tB-person\nLovelace\tI-person\n\nin\tO\nParis\tI-place\n")
    with pytest.raises(DataFormatError, match=r"eng\.train:5: tag 'I-place' \(IOB2: 'B-place'\) is not one"):
        loaders.load("conll", path, label_names=["O", "B-person", "I-person", "I-place"])
    path.write_text("Ada\tB-person\nLovelace\tE-person\nParis\tS-place\n")
    with pytest.raises(DataFormatError, match=r"eng\.train:3: tag 'S-place' \(IOB2: 'B-place'\) is not one"):
        loaders.load("conll", path, label_names=["O", "B-person", "I-person"])


def test_iobes_and_bilou_tags_are_converted_to_iob2(tmp_path):
    path = tmp_path / "train.txt"
    path.write_text("Ada\tB-PER\nLovelace\tE-PER\nmet\tO\nBabbage\tS-PER\nBabbage\tS-PER\nin\tO\n"
                    "New\tB-LOC\nSouth\tI-LOC\nWales\tE-LOC\n\nParis\tS-LOC\n")
    ds, report = loaders.load_with_report("conll", path)
    assert names(ds, "train") == ["O", "B-LOC", "I-LOC", "B-PER", "I-PER"]
    assert tags(ds, "train", 0) == ["B-PER", "I-PER", "O", "B-PER", "B-PER", "O", "B-LOC", "I-LOC", "I-LOC"]
    assert tags(ds, "train", 1) == ["B-LOC"]
    [note] = report.of_kind("tags_converted")
    assert note.where.endswith("train.txt") and "IOBES" in note.message
    path.write_text("Ada B-PER\nLovelace L-PER\nParis U-LOC\n")  # BILOU, space-separated
    assert tags(loaders.load("conll", path), "train", 0) == ["B-PER", "I-PER", "B-LOC"]
    path.write_text("Ada B-PER\nLovelace I-PER\n")  # plain IOB: nothing converted, nothing reported
    assert loaders.load_with_report("conll", path)[1].of_kind("tags_converted") == []
