"""`gonerd stats` figures on the hand-made dataset, against figures worked out by hand from HAND_DOCS."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
import pytest
from click.testing import CliRunner

from gonerd.cli import main
from gonerd.stats import compute, write
from gonerd.stats.figures import extract_entities
from gonerd.stats.subwords import document_lengths, load_unit

# Hand computation (conftest.HAND_DOCS). Words per document: d1 600, d2 100 (train); d5 50 (validation);
# d3 300, d4 5000 (test). With the character tokenizer a word is as many subwords as it has characters:
#   d1: Marta 5 + Oyelaran 8 + Lisbon 6 + World 5 + Bank 4 + 595 x "aa" 2          = 1218
#   d2: Lisbon 6, Ninth 5, Circuit 7, write 5, to 2, clerk@court-records.org 23, or 2, call 4, (202) 5,
#       456-1111 8, from 4, 8.8.8.8 7, not 3, 192.168.0.1 11 = 92, + 86 x 2             = 264
#   d3: Lisbon 6 + Lisbon 6 + Porto 5 + 297 x 2                                       = 611
#   d4: Marta 5 + Oyelaran 8 + Ninth 5 + Circuit 7 + 4996 x 2                         = 10017
#   d5: 50 x 2                                                                        = 100
SUBWORDS = {"d1": 1218, "d2": 264, "d3": 611, "d4": 10017, "d5": 100}


@pytest.fixture
def report(hand_dataset, char_tokenizer):
    return compute([str(hand_dataset)], tokenizer=str(char_tokenizer))[0]


def test_lengths_and_long_document_shares_with_a_subword_tokenizer(report):
    assert report["length_unit"]["unit"] == "subword"
    ds = report["datasets"][0]
    train = ds["splits"]["train"]["all"]
    # words: train [600, 100]: mean 350, median 350, p95 = 100 + 0.95 * 500 = 575
    assert train["tokens"] == {"total": 700, "mean": 350.0, "median": 350.0, "p95": 575.0, "max": 600}
    # subwords: train [1218, 264]: p95 = 264 + 0.95 * (1218 - 264) = 1170.3
    assert train["length"] == {"total": 1482, "mean": 741.0, "median": 741.0, "p95": 1170.3, "max": 1218}
    overall = ds["all_splits"]["all"]
    # all five documents, words [50, 100, 300, 600, 5000]: p95 at rank 3.8 = 600 + 0.8 * 4400 = 4120
    assert overall["tokens"] == {"total": 6050, "mean": 1210.0, "median": 300.0, "p95": 4120.0, "max": 5000}
    # subwords [100, 264, 611, 1218, 10017]: > 512: d3, d1, d4; > 1,024: d1, d4; > 2,048 and > 4,096: d4
    assert overall["longer_than"] == {"512": 0.6, "1024": 0.4, "2048": 0.2, "4096": 0.2}
    assert ds["splits"]["test"]["all"]["longer_than"] == {"512": 1.0, "1024": 0.5, "2048": 0.5, "4096": 0.5}


def test_subword_counts_equal_encoding_each_document(hand_dataset, char_tokenizer):
    import pyarrow.parquet as pq

    unit = load_unit(str(char_tokenizer))
    for split in ("train", "test"):
        table = pq.read_table(next((hand_dataset / "data").glob(f"{split}-*.parquet")))
        lengths = document_lengths(table["tokens"], unit)
        assert lengths.tolist() == [SUBWORDS[i] for i in table["id"].to_pylist()]


def test_subword_counts_match_a_byte_level_bpe_on_whole_documents(tmp_path):
    """The distinct-word shortcut gives the same lengths as encoding every document's words at once (BPE)."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    corpus = ["The harbour authority in Rotterdam approved the tariff.", "Ines Varga appealed to the Ninth Circuit.",
              "Lisbon's council, the ferry operator and 3 unions signed."] * 20
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=True)
    tok.train_from_iterator(corpus, trainers.BpeTrainer(vocab_size=300, show_progress=False,
                                                         initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    docs = [s.split() for s in corpus[:3]] + [["unseen", "Words", "Gdańsk", "café"], []]
    whole = [len(tok.encode(d, is_pretokenized=True, add_special_tokens=False).ids) if d else 0 for d in docs]
    # saved as sentence-embedding models save theirs: padded and truncated to a fixed length
    tok.enable_padding(length=16)
    tok.enable_truncation(max_length=16)
    tok.save(str(tmp_path / "tokenizer.json"))
    unit = load_unit(str(tmp_path / "tokenizer.json"))
    lengths = document_lengths(pa.chunked_array([pa.array(docs[:2]), pa.array(docs[2:])]), unit)
    assert max(whole) > 16  # truncation would have shown
    assert lengths.tolist() == whole


def test_entities_density_overlap_and_labels(report):
    ds = report["datasets"][0]
    train = ds["splits"]["train"]["all"]
    # train: d1 Marta Oyelaran PER, Lisbon LOC, World Bank ORG; d2 Lisbon LOC, Ninth Circuit ORG
    assert train["entities"] == {"total": 5, "per_type": {"PER": 1, "ORG": 2, "LOC": 2, "MISC": 0}}
    assert train["density_per_1000_tokens"] == pytest.approx(5 / 700 * 1000, abs=1e-4)
    assert train["density_per_type"]["ORG"] == pytest.approx(2 / 700 * 1000, abs=1e-4)
    assert train["mean_entity_length"] == pytest.approx((2 + 1 + 2 + 1 + 2) / 5)
    assert train["distinct_surface_forms"] == 4  # Lisbon/LOC occurs twice
    assert train["distinct_surface_forms_per_type"] == {"PER": 1, "ORG": 2, "LOC": 1, "MISC": 0}
    assert train["labels"] == {"O": 692, "B-PER": 1, "I-PER": 1, "B-ORG": 2, "I-ORG": 2, "B-LOC": 2, "I-LOC": 0,
                               "B-MISC": 0, "I-MISC": 0}
    by_source = ds["splits"]["train"]["by_source_type"]
    assert by_source["news"]["density_per_1000_tokens"] == pytest.approx(3 / 600 * 1000)
    assert by_source["legal"]["density_per_1000_tokens"] == pytest.approx(2 / 100 * 1000)
    # test mentions: Lisbon/LOC (in train), Lisbon/ORG (not: other type), Porto/LOC (not), Marta Oyelaran/PER (in),
    # Ninth Circuit/ORG (in): 3 of 5
    test = ds["overlap_with_train"]["test"]
    assert (test["mentions"], test["seen_in_train"], test["share"]) == (5, 3, 0.6)
    assert (test["distinct_forms"], test["distinct_seen_in_train"]) == (5, 3)
    assert test["per_type"]["LOC"] == {"mentions": 2, "seen_in_train": 1, "share": 0.5}
    assert test["per_type"]["ORG"] == {"mentions": 2, "seen_in_train": 1, "share": 0.5}
    assert test["per_type"]["PER"] == {"mentions": 1, "seen_in_train": 1, "share": 1.0}
    assert ds["overlap_with_train"]["validation"]["mentions"] == 0
    assert ds["provenance"] == {"train": {"gold": 2}, "validation": {"silver": 1}, "test": {"gold": 2}}
    overall = ds["all_splits"]["all"]
    assert overall["entities"]["total"] == 10
    assert overall["density_per_1000_tokens"] == pytest.approx(10 / 6050 * 1000, abs=1e-4)


def test_personal_information_counted_per_split(report):
    pii = report["datasets"][0]["pii"]
    # d2: one e-mail address, one US phone number, one public IPv4 address (8.8.8.8; 192.168.0.1 is private)
    assert pii["train"] == {"email": 1, "phone": 1, "ip": 1, "documents_with_any": 1}
    assert pii["test"] == {"email": 0, "phone": 0, "ip": 0, "documents_with_any": 0}
    assert "phonenumbers" in report["pii_libraries"]["phone"]
    assert "datatrove" in report["pii_libraries"]["email"]


def test_entity_reading_from_tags():
    """B- starts an entity; I- continues one of its type; an I- after O or another type starts one (counted)."""
    names = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
    tokens = pa.chunked_array([pa.array([["A", "B", "C", "D", "E", "F"], ["G", "H"]])])
    #                 A      B      C      D      E      F    | G (new doc, I-)  H
    tags = pa.chunked_array([pa.array([[1, 2, 4, 0, 3, 3], [2, 2]])])
    ent = extract_entities(tokens, tags, names)
    assert ent.surface.to_pylist() == ["A B", "C", "E", "F", "G H"]
    assert ent.type.tolist() == [0, 1, 1, 1, 0]
    assert ent.length.tolist() == [2, 1, 1, 1, 2]
    assert ent.doc.tolist() == [0, 0, 0, 0, 1]
    assert ent.starting_with_i == 2  # C (I-LOC after I-PER) and G (first token of a document)


def test_without_a_loadable_tokenizer_word_tokens_are_reported_under_that_name(hand_dataset, tmp_path):
    missing = tmp_path / "no-tokenizer-here"
    missing.mkdir()
    report, lengths = compute([str(hand_dataset)], tokenizer=str(missing), pii=False)
    unit = report["length_unit"]
    assert unit["unit"] == "word" and unit["requested"] == str(missing)
    assert "could not be loaded offline" in unit["note"] and str(missing) in unit["note"]
    assert unit["label"] == "word tokens (tokenizer no-tokenizer-here not loaded)"
    overall = report["datasets"][0]["all_splits"]["all"]
    assert overall["length"] is None
    assert overall["longer_than"] == {"512": 0.4, "1024": 0.2, "2048": 0.2, "4096": 0.2}  # words: d1, d4 > 512
    files = write(report, lengths, tmp_path / "out")
    markdown = files["markdown"].read_text()
    assert "word tokens (tokenizer no-tokenizer-here not loaded)" in markdown
    assert "could not be loaded offline" in markdown


def test_cli_writes_json_markdown_and_plots_into_the_dataset_folder(hand_dataset, char_tokenizer):
    result = CliRunner().invoke(main, ["stats", str(hand_dataset), "--tokenizer", str(char_tokenizer)])
    assert result.exit_code == 0, result.output
    assert "documents longer than 4,096 subword tokens | 20.0 %" in result.output
    out = hand_dataset / "stats"
    assert sorted(p.name for p in out.iterdir()) == sorted([
        "stats.json", "stats.md", "length_histogram.png", "entities_per_type.png", "entity_density.png"])
    data = json.loads((out / "stats.json").read_text())
    assert data["datasets"][0]["splits"]["test"]["all"]["documents"] == 2
    markdown = (out / "stats.md").read_text()
    assert "![Document length](length_histogram.png)" in markdown
    assert "| test | 5 | 3 | 60.0 % |" in markdown  # overlap row: mentions, seen, share


def test_cli_user_errors_are_one_line(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["stats", "nosuchreader:whatever"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output.startswith("Error: nosuchreader:whatever: no dataset reader named 'nosuchreader'")
    assert "conll2003" in result.output and "Traceback" not in result.output
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "keep.txt").write_text("mine")
    result = runner.invoke(main, ["stats", "conll2003:/nonexistent/folder", "--out", str(tmp_path / "notes")])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # a ClickException, no crash
    assert result.output == "Error: conll2003:/nonexistent/folder: /nonexistent/folder: no such file or folder\n"
    assert (tmp_path / "notes" / "keep.txt").read_text() == "mine"


def test_stats_refuse_to_replace_a_folder_that_is_not_theirs(hand_dataset, tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "keep.txt").write_text("mine")
    result = CliRunner().invoke(main, ["stats", str(hand_dataset), "--no-pii", "--out", str(tmp_path / "mine")])
    assert result.exit_code == 1 and "holds no stats.json" in result.output
    assert (tmp_path / "mine" / "keep.txt").read_text() == "mine"


def test_agreement_summary_is_read_from_the_dataset_folder(hand_dataset):
    summary = {"documents": 10, "annotators": ["a1", "a2"], "span_f1": {"exact": 0.91, "overlap": 0.95},
               "kappa": {"fleiss": 0.88}}
    (hand_dataset / "agreement.json").write_text(json.dumps(summary))
    report, lengths = compute([str(hand_dataset)], pii=False)
    assert report["datasets"][0]["agreement"] == summary
    assert np.array_equal(np.sort(lengths[str(hand_dataset)]), [50, 100, 300, 600, 5000])


def test_a_full_agreement_report_gives_its_summary(hand_dataset, tmp_path):
    """`gonerd annotate agreement --out` writes the full report (pairs and annotators by e-mail, disagreements)
    with the dataset summary under "summary": `gonerd stats --agreement` reads only the summary."""
    summary = {"annotators": 2, "span_f1_exact": 0.5}
    full = tmp_path / "agreement.json"
    full.write_text(json.dumps({"annotators": ["a@x", "b@x"], "disagreements": [{"text": "x"}],
                                "summary": summary}))
    report, _ = compute([str(hand_dataset)], pii=False, agreement=full)
    assert report["datasets"][0]["agreement"] == summary


PHONE_TEXTS = [
    "Call (202) 456-1111 or +44 20 7946 0958, or write to the clerk.",
    "Tel: +1 (415) 555-2671 ext. 123; fax 415.555.2672. Offices in 2023-2024 and 2025.",
    "The docket no. 2:19-cv-01234 was filed on 12/03/2019; see 28 U.S.C. 1332 and 1-800-FLOWERS.",
    "abc2024561111def then 202 456 1111 then +33 1 42 68 53 00 then 06 12 34 56 78.",
    "Revenue rose 3.5% to 1,234,567 dollars; call the desk at 212-555-0147 (main) or 212 555 0148.",
    "No numbers here at all, only names like Marta Oyelaran and Lisbon.",
]


def test_phone_windows_count_what_a_whole_text_scan_counts():
    """Scanning only the windows around digit runs finds exactly what libphonenumber finds in the whole text."""
    import phonenumbers

    from gonerd.stats.pii import count_phone_numbers

    def whole(text: str, region: str) -> int:
        return sum(1 for _ in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID))

    texts = [*PHONE_TEXTS, " ".join(PHONE_TEXTS)]
    found = {region: [count_phone_numbers(t, region) for t in texts] for region in ("US", "GB", "FR")}
    assert found == {region: [whole(t, region) for t in texts] for region in ("US", "GB", "FR")}
    assert sum(found["US"]) >= 8  # the texts do hold numbers that are found


def test_a_hub_tokenizer_that_is_not_available_offline_is_reported(hand_dataset, tmp_path):
    """A Hub id with no cached tokenizer.json, offline: word tokens, said so on the terminal and in the report."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf-home")}
    code = "import sys; from gonerd.cli import main; sys.exit(main())"
    result = subprocess.run([sys.executable, "-c", code, "stats", str(hand_dataset), "--no-pii", "--tokenizer",
                             "nobody/no-such-tokenizer", "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("Length unit: word tokens (tokenizer nobody/no-such-tokenizer not loaded) (tokenizer "
                            "'nobody/no-such-tokenizer' could not be loaded offline (Hub nobody/no-such-tokenizer:")
    assert "documents longer than 512 word tokens | 40.0 %" in result.stdout
    unit = json.loads((tmp_path / "out" / "stats.json").read_text())["length_unit"]
    assert unit["unit"] == "word" and unit["requested"] == "nobody/no-such-tokenizer"
