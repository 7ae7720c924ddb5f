"""Bad source files for every loader (issue 9, item 9): each is an error naming the file (and the line where there
is one), never an empty split and never a bare UnicodeDecodeError / ArrowInvalid. Real files written here."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from gonerd_parquet import row as _row
from gonerd_parquet import write_folder

import loaders
from loaders.errors import DataFormatError, LoaderError

CONLL_TOKENS = "EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n"


@pytest.mark.parametrize(("content", "what"), [
    (b"", "the file is empty"),
    (b"\n\n   \n\t\n", "only blank lines"),
    (b"-DOCSTART- -X- -X- O\n\n-DOCSTART- -X- -X- O\n\n", "only -DOCSTART- and blank lines"),
])
@pytest.mark.parametrize("name", ["conll2003", "conll"])
def test_a_conll_file_without_tokens_is_an_error_naming_it(tmp_path, name, content, what):
    path = tmp_path / "eng.testb"
    path.write_bytes(content)
    with pytest.raises(DataFormatError, match=rf"^{re.escape(str(path))}: no token lines \({what}\)"):
        loaders.load(name, path)


def test_one_empty_split_file_in_a_folder_is_an_error_naming_that_file(tmp_path):
    (tmp_path / "eng.train").write_text(CONLL_TOKENS)
    (tmp_path / "eng.testa").write_text(CONLL_TOKENS)
    (tmp_path / "eng.testb").write_text("-DOCSTART- -X- -X- O\n\n")
    with pytest.raises(DataFormatError, match=r"eng\.testb: no token lines"):
        loaders.load("conll2003", tmp_path)


def test_a_latin1_byte_in_a_conll_file_names_file_line_and_column(tmp_path):
    path = tmp_path / "eng.train"
    path.write_bytes(CONLL_TOKENS.encode() + b"\n-DOCSTART- -X- -X- O\n\nCaf\xe9 NNP B-NP B-ORG\n")
    with pytest.raises(DataFormatError) as info:
        loaders.load("conll2003", path)
    message = str(info.value)
    assert message.startswith(f"{path}:6: not utf-8 text: byte(s) e9 at column 4")
    assert "encoding='latin-1'" in message
    # and with the encoding it names, the file loads
    ds = loaders.load("conll2003", path, encoding="latin-1")
    assert ds["train"]["tokens"] == [["EU", "rejects"], ["Café"]]


def test_utf16_and_crlf_files_keep_their_lines(tmp_path):
    path = tmp_path / "eng.train"
    path.write_bytes(CONLL_TOKENS.replace("\n", "\r\n").encode("utf-16"))
    assert loaders.load("conll", path, encoding="utf-16")["train"]["tokens"] == [["EU", "rejects"]]
    with pytest.raises(LoaderError, match="unknown encoding 'klingon'"):
        loaders.load("conll", path, encoding="klingon")


def test_paths_that_are_not_regular_files(tmp_path):
    fifo = tmp_path / "eng.train"
    os.mkfifo(fifo)  # reading it would block forever
    with pytest.raises(LoaderError, match=rf"^{re.escape(str(fifo))}: not a regular file or a folder"):
        loaders.load("conll2003", fifo)
    with pytest.raises(LoaderError, match=r"eng\.train: not a regular file \(split 'train'\)"):
        loaders.load("conll2003", {"train": fifo})
    (tmp_path / "dir").mkdir()
    with pytest.raises(LoaderError, match=r"dir: not a regular file \(split 'test'\)"):
        loaders.load("conll2003", {"test": tmp_path / "dir"})
    with pytest.raises(LoaderError, match=r"nowhere: no such file or folder"):
        loaders.load("squad", tmp_path / "nowhere")


# GLUE
@pytest.mark.parametrize(("content", "problem"), [
    (b"", "empty file or only blank lines"),
    (b"\n\r\n\n", "empty file or only blank lines"),
    (b"index\tsentence1\tsentence2\tlabel\n", "no rows after the header"),
])
def test_an_empty_glue_file_is_an_error_naming_it(tmp_path, content, problem):
    (tmp_path / "RTE").mkdir()
    (tmp_path / "RTE" / "dev.tsv").write_bytes(content)
    with pytest.raises(DataFormatError, match=rf"RTE/dev\.tsv: {problem}"):
        loaders.load("glue", tmp_path, task="rte")


def test_an_empty_headerless_cola_file_and_dev_ids_are_errors(tmp_path):
    (tmp_path / "CoLA").mkdir()
    (tmp_path / "CoLA" / "train.tsv").write_bytes(b"\n")
    with pytest.raises(DataFormatError, match=r"CoLA/train\.tsv: empty file or only blank lines"):
        loaders.load("glue", tmp_path, task="cola")
    mrpc = tmp_path / "MRPC"
    mrpc.mkdir()
    (mrpc / "msr_paraphrase_train.txt").write_text(
        "\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t1\t2\tA cat sat .\tThe cat sat .\n")
    (mrpc / "dev_ids.tsv").write_text("")
    with pytest.raises(DataFormatError, match=r"MRPC/dev_ids\.tsv: empty file or only blank lines"):
        loaders.load("glue", tmp_path, task="mrpc")


def test_a_latin1_byte_in_a_glue_file_names_file_and_line(tmp_path):
    (tmp_path / "RTE").mkdir()
    (tmp_path / "RTE" / "train.tsv").write_bytes(
        b"index\tsentence1\tsentence2\tlabel\n0\tA\tB\tentailment\n1\tCaf\xe9\tB\tentailment\n")
    with pytest.raises(DataFormatError, match=r"RTE/train\.tsv:3: not utf-8 text: byte\(s\) e9 at column 6"):
        loaders.load("glue", tmp_path, task="rte")


# SQuAD, HotpotQA, TriviaQA
@pytest.mark.parametrize(("content", "problem"), [
    (b"", r"empty file, not JSON"),
    (b" \n\n", r"only whitespace, not JSON"),
    (b'{"data": [\n{"title": "x",', r":2: not valid JSON \(Expecting"),
    (b'{"version": "1.1",\n "data": [{"title": "Caf\xe9"}]}', r":2: not utf-8 text: byte\(s\) e9 at column 25"),
    (b'{"data": []}', r"no questions"),
    (b'{"data": [{"title": "t", "paragraphs": [{"context": "c", "qas": []}]}]}', r"no questions"),
])
def test_bad_squad_files_name_the_file(tmp_path, content, problem):
    path = tmp_path / "dev-v1.1.json"
    path.write_bytes(content)
    with pytest.raises(DataFormatError, match=rf"^{re.escape(str(path))}{problem}" if problem.startswith(":")
                       else rf"^{re.escape(str(path))}: {problem}"):
        loaders.load("squad", path)


@pytest.mark.parametrize(("content", "problem"), [
    (b"[]", r": no examples"),
    (b"", r": empty file"),
    (b'[{"_id": "a",\n "question": "Caf\xe9?"}]', r":2: not utf-8 text"),
])
def test_bad_hotpotqa_files_name_the_file(tmp_path, content, problem):
    path = tmp_path / "hotpot_dev_distractor_v1.json"
    path.write_bytes(content)
    with pytest.raises(DataFormatError, match=rf"^{re.escape(str(path))}{problem}"):
        loaders.load("hotpotqa", path)


@pytest.mark.parametrize("data", [
    {"Data": []},
    {"Data": [{"QuestionId": "q1", "Question": "Who?", "EntityPages": [], "SearchResults": []}]},
])
def test_triviaqa_question_files_without_pairs_are_errors(tmp_path, data):
    (tmp_path / "qa").mkdir()
    (tmp_path / "qa" / "web-dev.json").write_text(json.dumps(data))
    with pytest.raises(DataFormatError, match=r"qa/web-dev\.json: no \(question, evidence document\) pairs"):
        loaders.load("triviaqa", tmp_path)


def test_triviaqa_evidence_that_is_not_a_regular_file(tmp_path):
    (tmp_path / "qa").mkdir()
    (tmp_path / "evidence" / "wikipedia").mkdir(parents=True)
    os.mkfifo(tmp_path / "evidence" / "wikipedia" / "A.txt")
    question = {"QuestionId": "q1", "Question": "Who?", "EntityPages": [{"Filename": "A.txt", "Title": "A"}]}
    (tmp_path / "qa" / "wikipedia-dev.json").write_text(json.dumps({"Data": [question]}))
    with pytest.raises(DataFormatError, match=r"\(q1\): EntityPages\[0\]: evidence file .*A\.txt is not a regular"):
        loaders.load("triviaqa", tmp_path, domain="wikipedia")


# GONERD parquet
def shard(folder: Path) -> Path:
    return folder / "data" / "train-00000-of-00001.parquet"


def rows(n: int) -> list[dict]:
    return [_row(f"d{i}", ["Ada", "Lovelace", "wrote", f"w{i}"], ["B-PER", "I-PER", "O", "O"]) for i in range(n)]


@pytest.mark.parametrize(("damage", "problem"), [
    (lambda data: b"", r"an empty file \(0 bytes\)"),
    (lambda data: os.urandom(300), r"not a readable parquet file \(.*magic bytes"),
    (lambda data: data[: len(data) // 2], r"not a readable parquet file"),
])
def test_a_broken_gonerd_shard_names_its_path(tmp_path, damage, problem):
    folder = write_folder(tmp_path / "ds", {"train": rows(3)})
    shard(folder).write_bytes(damage(shard(folder).read_bytes()))
    with pytest.raises(LoaderError, match=rf"^{re.escape(str(shard(folder)))}: {problem}"):
        loaders.load("gonerd", folder, cache_dir=tmp_path / "cache")


def test_a_shard_whose_data_pages_are_garbage_names_its_path(tmp_path):
    """The footer reads (row counts are fine) but the column data does not decode."""
    import pyarrow.parquet as pq

    folder = write_folder(tmp_path / "ds", {"train": rows(200)})
    data = bytearray(shard(folder).read_bytes())
    meta = pq.read_metadata(shard(folder))
    column = meta.row_group(0).column(meta.schema.names.index("text") if "text" in meta.schema.names else 0)
    start = column.data_page_offset
    data[start + 8 : start + 8 + 200] = os.urandom(200)  # past the page header: page bytes
    shard(folder).write_bytes(bytes(data))
    pq.read_metadata(shard(folder))  # still a parquet footer
    with pytest.raises(LoaderError, match=rf"^{re.escape(str(shard(folder)))}: not a readable parquet file"):
        loaders.load("gonerd", folder, cache_dir=tmp_path / "cache")


# options
@pytest.mark.parametrize(("name", "options", "message"), [
    ("conll", {"columns": "abc"}, r"conll: option columns='abc' \(str\) must be an integer or null"),
    ("conll", {"level": 5}, r"conll: option level=5 \(int\) must be one of 'sentence', 'document'"),
    ("conll", {"label_names": ["O", 3]}, r"option label_names=\['O', 3\] \(list\) must be a list of strings or null"),
    ("triviaqa", {"max_context_tokens": True}, r"option max_context_tokens=True \(bool\) must be an integer or null"),
    ("gonerd", {"keep_columns": "text"}, r"option keep_columns='text' \(str\) must be a list of strings or true"),
    ("squad", {"on_bad_answer": None}, r"option on_bad_answer=None \(NoneType\) must be a string"),
])
def test_option_values_of_the_wrong_type_are_named(tmp_path, name, options, message):
    with pytest.raises(LoaderError, match=message):
        loaders.load(name, tmp_path, **options)


def test_options_of_the_right_type_pass(tmp_path):
    path = tmp_path / "eng.train"
    path.write_text(CONLL_TOKENS)
    ds = loaders.load("conll", path, columns=4, level="document", label_names=("O", "B-ORG", "I-ORG"),
                      cache_dir=tmp_path / "cache", encoding="utf-8")
    assert ds["train"]["tokens"] == [["EU", "rejects"]]
