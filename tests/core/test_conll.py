from __future__ import annotations

import io

import pytest

from gonerd.conll import ConllFormatError, parse_conll, read_conll, write_conll
from gonerd.schema import Entity
from gonerd.spans import align_entities, spans_to_iob2
from gonerd.tokenize import Tokenizer


def test_export_then_import_gives_the_same_tokens_tags_and_entities():
    text = "Marta Oyelaran flew to Lisbon.\n\nThe European Commission said no."
    tokens, offsets = Tokenizer()(text)
    spans = [Entity(0, 14, "PER", "Marta Oyelaran"), Entity(23, 29, "LOC", "Lisbon")]
    start = text.index("European Commission")
    spans.append(Entity(start, start + 19, "ORG", "European Commission"))
    aligned, _ = align_entities(text, spans, offsets, "d")
    tags = spans_to_iob2(offsets, aligned)
    buf = io.StringIO()
    write_conll([(text, tokens, offsets, tags), (text, tokens, offsets, tags)], buf)
    out = buf.getvalue()
    assert out.startswith("-DOCSTART- -X- -X- O\n\nMarta -X- _ B-PER\nOyelaran -X- _ I-PER\n")
    assert out.count("-DOCSTART-") == 2
    docs = list(parse_conll(out.splitlines(keepends=True)))
    assert len(docs) == 2
    assert docs[0].tokens == tokens and docs[0].tags == tags
    assert len(docs[0].sentences) == 2  # the paragraph break survives
    assert [e.text for e in docs[0].entities()] == ["Marta Oyelaran", "Lisbon", "European Commission"]


def test_iob1_input_becomes_iob2(tmp_path):
    path = tmp_path / "eng.testb"
    path.write_text(
        "SOCCER NN I-NP O\n- : O O\nJAPAN NNP I-NP I-LOC\nGET VB I-VP O\n\n"
        "-DOCSTART- -X- -X- O\n\nNadim NNP I-NP I-PER\nLadki NNP I-NP I-PER\nAL-AIN NNP I-NP I-LOC\n"
        "United NNP I-NP I-LOC\nArab NNP I-NP I-LOC\nEmirates NNPS I-NP I-LOC\n"
    )
    docs = read_conll(path)
    assert len(docs) == 2
    assert docs[0].tags == ["O", "O", "B-LOC", "O"]
    assert docs[1].tags == ["B-PER", "I-PER", "B-LOC", "I-LOC", "I-LOC", "I-LOC"]
    assert [e.text for e in docs[1].entities()] == ["Nadim Ladki", "AL-AIN United Arab Emirates"]


def test_malformed_lines_name_file_and_line(tmp_path):
    path = tmp_path / "bad.conll"
    path.write_text("EU B-ORG\nrejects\n")
    with pytest.raises(ConllFormatError, match=r"bad\.conll:2"):
        read_conll(path)
    path.write_text("EU NNP X-ORG\n")
    with pytest.raises(ConllFormatError, match=r"bad\.conll:1.*'X-ORG'"):
        read_conll(path)


def test_reads_the_original_conll2003_release(shared_fixtures):
    path = shared_fixtures / "ner-conll" / "conll2003-format" / "eng.testb.first3docs.iob1.txt"
    docs = read_conll(path)
    assert len(docs) == 3
    for doc in docs:
        tags = doc.tags
        # IOB2: no entity starts with I-
        for prev, tag in zip(["O", *tags], tags):
            if tag.startswith("I-"):
                assert prev[2:] == tag[2:]
        text, _ = doc.text_and_offsets()
        for e in doc.entities():
            assert text[e.start : e.end] == e.text
    assert docs[0].tokens[:3] == ["SOCCER", "-", "JAPAN"]
    assert docs[0].tags[2] == "B-LOC"


def test_tab_separated_and_no_trailing_newline(shared_fixtures):
    allen = read_conll(shared_fixtures / "ner-conll" / "conll2003-format" / "allennlp_models_conll2003.txt")
    assert allen and all(len(d.tokens) == len(d.tags) for d in allen)
    tiny = read_conll(shared_fixtures / "ner-conll" / "conll2003-format" / "hf_conllpp_dummy" / "conllpp_train.txt")
    assert len(tiny) == 1 and len(tiny[0].tokens) == 3


def test_iob1_conversion_restarts_at_each_sentence(tmp_path):
    path = tmp_path / "eng.train"
    path.write_text("in IN I-PP O\nGermany NNP I-NP I-LOC\n\nFrance NNP I-NP I-LOC\nwins VBZ I-VP O\n")
    docs = read_conll(path)
    assert docs[0].tags == ["O", "B-LOC", "B-LOC", "O"]
    assert [e.text for e in docs[0].entities()] == ["Germany", "France"]
