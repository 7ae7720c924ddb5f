"""GLUE from its original TSV layouts (the HF dummy folders hold real rows) and files written here."""

from __future__ import annotations

import re

import pytest

import loaders
from loaders.errors import DataFormatError, LoaderError


def sizes(ds):
    return {split: len(rows) for split, rows in ds.items()}


def label_names(ds):
    return ds[next(iter(ds))].features["label"].names


@pytest.fixture
def glue(hf_formats):
    return hf_formats / "glue" / "hf_dummy"


def test_cola_has_no_header_in_train_and_dev(glue):
    ds = loaders.load("glue", glue, task="cola")
    assert sizes(ds) == {"train": 3, "validation": 2, "test": 1}
    assert label_names(ds) == ["unacceptable", "acceptable"]
    assert ds["train"][0] == {"id": "0", "idx": 0, "label": 1,
                              "text": "Our friends won't buy this analysis, let alone the next one we propose."}
    assert ds["validation"]["text"][1] == "The weights made the rope stretch over the pulley."
    assert ds["test"][0] == {"id": "0", "idx": 0, "text": "Bill whistled past the house.", "label": -1}
    assert "text_pair" not in ds["train"].column_names


def test_sst2_and_header_layouts_of_pair_tasks(glue):
    sst2 = loaders.load("glue", glue / "SST-2", task="sst2")  # the task folder itself works too
    assert sizes(sst2) == {"train": 3, "validation": 2, "test": 1}
    assert sst2["train"]["text"][0] == "hide new secretions from the parental units "
    assert sst2["train"]["label"] == [0, 0, 1]

    rte = loaders.load("glue", glue, task="rte")
    assert label_names(rte) == ["entailment", "not_entailment"]
    assert rte["train"][0] == {"id": "0", "idx": 0, "label": 1, "text": "No Weapons of Mass Destruction Found in "
                               "Iraq Yet.", "text_pair": "Weapons of Mass Destruction Found in Iraq."}
    qnli = loaders.load("glue", glue, task="qnli")
    assert qnli["validation"]["text"][1] == "What is the first major city in the stream of the Rhine?"
    assert qnli["validation"]["label"] == [0, 1]

    stsb = loaders.load("glue", glue, task="stsb")  # found under HF's dummy name SST-B
    assert stsb["train"].features["label"].dtype == "float32"
    assert stsb["train"]["label"] == pytest.approx([5.0, 3.8, 3.8])
    assert stsb["validation"]["label"] == pytest.approx([5.0, 4.75])
    assert stsb["test"]["label"] == [-1.0]
    assert stsb["test"]["text_pair"] == ["A girl is brushing her hair."]


def test_mnli_matched_and_mismatched(glue):
    mnli = loaders.load("glue", glue, task="mnli")
    assert sizes(mnli) == {"train": 3, "validation_matched": 2, "validation_mismatched": 2,
                           "test_matched": 1, "test_mismatched": 1}
    assert label_names(mnli) == ["entailment", "neutral", "contradiction"]
    assert mnli["train"]["label"] == [1, 0, 0]  # neutral, entailment, entailment (gold_label column)
    assert mnli["validation_mismatched"]["label"] == [2, 2]
    assert mnli["validation_matched"][0]["text"] == "The new rights are nice enough"
    matched = loaders.load("glue", glue, task="mnli_matched")
    assert sizes(matched) == {"validation": 2, "test": 1}
    assert matched["test"][0]["label"] == -1
    assert matched["test"][0]["text_pair"] == "Hierbas is a name worth looking out for."


def test_mrpc_microsoft_layout_with_bom_header_and_dev_ids(glue):
    ds, report = loaders.load_with_report("glue", glue, task="mrpc")
    dev_ids = [tuple(line.split("\t")) for line in (glue / "MRPC" / "dev_ids").read_text().splitlines()]
    assert sizes(ds) == {"train": 10, "validation": 8, "test": 15}
    assert ds["validation"]["id"] == [f"{a}-{b}" for a, b in dev_ids]
    assert not set(ds["train"]["id"]) & set(ds["validation"]["id"])
    first = ds["validation"][0]
    assert first["id"] == "702876-702977" and first["label"] == 1 and first["idx"] == 0
    assert first["text"].startswith("Amrozi accused his brother")
    assert ds["test"][0]["id"] == "1089874-1089925"
    assert ds["test"]["label"][:4] == [1, 1, 1, 0]  # Microsoft's test file keeps its labels
    assert label_names(ds) == ["not_equivalent", "equivalent"]
    assert report.total("dev_id_not_found") == 0


def test_mrpc_dev_id_missing_from_train_is_reported(tmp_path):
    folder = tmp_path / "MRPC"
    folder.mkdir()
    header = "\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
    (folder / "msr_paraphrase_train.txt").write_text(header + "1\t11\t12\tA cat sat .\tA cat was sitting .\n"
                                                     "0\t21\t22\tIt rained .\tShe left .\n")
    (folder / "dev_ids.tsv").write_text("21\t22\n99\t98\n")
    ds, report = loaders.load_with_report("glue", tmp_path, task="mrpc")
    assert sizes(ds) == {"train": 1, "validation": 1}
    [missing] = report.of_kind("dev_id_not_found")
    assert missing.where.endswith("dev_ids.tsv:2") and "('99', '98')" in missing.message
    assert report.total("split_missing") == 1  # no test file: said, not silent


def test_glue_tsv_layouts_written_here(tmp_path):
    qqp = tmp_path / "QQP"
    qqp.mkdir()
    (qqp / "train.tsv").write_text("id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n"
                                   "7\t1\t2\tHow do I cook rice?\tWhat is the way to cook rice?\t1\n")
    (qqp / "dev.tsv").write_text("id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n"
                                 "8\t3\t4\tWhy is the sky blue?\tWho painted the sky?\t0\n")
    (qqp / "test.tsv").write_text("id\tquestion1\tquestion2\n0\tIs it late?\tWhat time is it?\n")
    ds = loaders.load("glue", tmp_path, task="qqp")
    assert ds["train"][0] == {"id": "7", "idx": 0, "text": "How do I cook rice?",
                              "text_pair": "What is the way to cook rice?", "label": 1}
    assert ds["validation"]["label"] == [0] and ds["test"]["label"] == [-1]
    assert label_names(ds) == ["not_duplicate", "duplicate"]

    wnli = tmp_path / "WNLI"
    wnli.mkdir()
    (wnli / "train.tsv").write_text("index\tsentence1\tsentence2\tlabel\n0\tThe cup fell.\tIt broke.\t1\n")
    ds, report = loaders.load_with_report("glue", tmp_path, task="wnli")
    assert label_names(ds) == ["not_entailment", "entailment"]
    assert ds["train"]["label"] == [1]
    assert sizes(ds) == {"train": 1} and report.total("split_missing") == 2

    mrpc = tmp_path / "MRPC"
    mrpc.mkdir()
    (mrpc / "train.tsv").write_text("\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t5\t6\tHi .\tHello .\n")
    (mrpc / "test.tsv").write_text("index\t#1 ID\t#2 ID\t#1 String\t#2 String\n0\t7\t8\tBye .\tSee you .\n")
    ds = loaders.load("glue", tmp_path, task="mrpc")  # GLUE's own MRPC layout
    assert ds["train"][0]["label"] == 1 and ds["test"][0] == {"id": "0", "idx": 0, "text": "Bye .",
                                                              "text_pair": "See you .", "label": -1}


def test_broken_glue_rows_name_file_and_line(tmp_path):
    cola = tmp_path / "CoLA"
    cola.mkdir()
    (cola / "train.tsv").write_text("gj04\t1\t\tGood sentence.\ngj04\t1\tMissing a column.\n")
    with pytest.raises(DataFormatError, match=r"train\.tsv:2: expected 4 tab-separated columns, found 3"):
        loaders.load("glue", tmp_path, task="cola")
    (cola / "train.tsv").write_text("gj04\t1\t\tGood sentence.\ngj04\t7\t\tBad label.\n")
    with pytest.raises(DataFormatError, match=r"train\.tsv:2: unknown label '7'"):
        loaders.load("glue", tmp_path, task="cola")
    rte = tmp_path / "RTE"
    rte.mkdir()
    (rte / "train.tsv").write_text("index\tsentence1\tsentence2\tlabel\n0\tA.\tB.\tmaybe\n")
    with pytest.raises(DataFormatError, match=r"train\.tsv:2: unknown label 'maybe'"):
        loaders.load("glue", tmp_path, task="rte")
    (rte / "train.tsv").write_text("index\tpremise\thypothesis\tlabel\n0\tA.\tB.\tentailment\n")
    lacks = r"train\.tsv:1: header .* lacks the columns \['sentence1', 'sentence2'\]"
    with pytest.raises(DataFormatError, match=lacks):
        loaders.load("glue", tmp_path, task="rte")
    stsb = tmp_path / "STS-B"
    stsb.mkdir()
    (stsb / "dev.tsv").write_text("index\tsentence1\tsentence2\tscore\n0\tA.\tB.\tfive\n")
    with pytest.raises(DataFormatError, match=r"dev\.tsv:2: score 'five' is not a number"):
        loaders.load("glue", tmp_path, task="stsb")


def test_task_is_required():
    with pytest.raises(LoaderError, match="glue needs task="):
        loaders.load("glue", "anywhere")


@pytest.mark.parametrize(("score", "problem"), [
    ("nan", "is not a finite number"), ("inf", "is not a finite number"), ("-Infinity", "is not a finite number"),
    ("-7", r"is outside \[0, 5\]"), ("5.01", r"is outside \[0, 5\]"), ("-0.5", r"is outside \[0, 5\]"),
])
def test_stsb_score_must_be_finite_and_within_0_to_5(tmp_path, score, problem):
    stsb = tmp_path / "STS-B"
    stsb.mkdir()
    (stsb / "train.tsv").write_text(f"index\tsentence1\tsentence2\tscore\n0\tA.\tB.\t0\n1\tA.\tB.\t{score}\n")
    with pytest.raises(DataFormatError, match=rf"train\.tsv:3: score '{re.escape(score)}' {problem}"):
        loaders.load("glue", tmp_path, task="stsb")


def test_stsb_scores_at_the_bounds_are_kept(tmp_path):
    stsb = tmp_path / "STS-B"
    stsb.mkdir()
    (stsb / "train.tsv").write_text("index\tsentence1\tsentence2\tscore\n0\tA.\tB.\t0.000\n1\tA.\tB.\t5\n")
    assert loaders.load("glue", tmp_path, task="stsb")["train"]["label"] == [0.0, 5.0]
