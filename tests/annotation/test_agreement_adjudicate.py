"""Agreement and adjudication on small documents whose figures are worked out by hand here."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annotation.adjudicate import adjudicate, annotator_names, gold_rows
from annotation.agreement import compute_agreement, heatmap
from annotation.records import AnnotatedDocument, AnnotationRecord, write_documents
from gonerd.annotate import load_gold
from gonerd.cli import main
from gonerd.schema import Entity

TEXT = "Angela Merkel met Emmanuel Macron in Berlin ."  # 8 tokens with blank:en


def E(text: str, label: str) -> Entity:
    start = TEXT.index(text)
    return Entity(start, start + len(text), label, text)


MERKEL, MACRON, BERLIN = E("Angela Merkel", "PER"), E("Emmanuel Macron", "PER"), E("Berlin", "LOC")
MACRON_SHORT = E("Macron", "PER")
BERLIN_ORG = E("Berlin", "ORG")


def doc(**annotations) -> AnnotatedDocument:
    return AnnotatedDocument("d1", TEXT, [AnnotationRecord(annotator=a, entities=ents, lead_time=10.0 * (i + 1))
                                          for i, (a, ents) in enumerate(annotations.items())])


def test_pairwise_span_f1_kappa_and_disagreements_by_hand():
    # a: Merkel PER, Emmanuel Macron PER, Berlin LOC;  b: Merkel PER, Macron PER (shorter), Berlin ORG
    report = compute_agreement([doc(a=[MERKEL, MACRON, BERLIN], b=[MERKEL, MACRON_SHORT, BERLIN_ORG])])
    pair = report.pairs[0]
    # exact: only Merkel matches: 2*1/(3+3)
    assert pair.exact["overall"].f1 == pytest.approx(1 / 3)
    # overlap: Merkel and Macron match (same label, shared characters); Berlin differs in label: 2/3 each way
    assert pair.overlap["overall"].precision == pytest.approx(2 / 3) and pair.overlap["overall"].f1 == \
        pytest.approx(2 / 3)
    assert pair.exact["PER"].f1 == pytest.approx(2 * 1 / (2 + 2)) and pair.exact["LOC"].f1 == 0.0
    # tokens: Angela Merkel met Emmanuel Macron in Berlin .
    # a: B-PER I-PER O B-PER I-PER O B-LOC O ;  b: B-PER I-PER O O B-PER O B-ORG O
    # agree on 5 of 8; p_a(tag)·p_b(tag): B-PER 2/8·2/8, I-PER 2/8·1/8, O 3/8·4/8 -> pe = (4+2+12)/64
    po, pe = 5 / 8, 18 / 64
    assert pair.kappa == pytest.approx((po - pe) / (1 - pe))
    assert pair.tokens == 8 and pair.entity_tokens == 5
    assert [d["text"] for d in report.disagreements] == ["Emmanuel Macron", "Berlin"]
    assert report.disagreements[1]["versions"] == {"a": [{"start": 37, "end": 43, "label": "LOC", "text": "Berlin"}],
                                                   "b": [{"start": 37, "end": 43, "label": "ORG", "text": "Berlin"}]}
    assert report.per_annotator["b"]["lead_time_median_s"] == 20.0
    assert report.per_annotator["a"]["tokens_per_minute"] == pytest.approx(8 / (10 / 60))


def test_three_annotators_fleiss_and_alpha_use_the_token_table(tmp_path):
    report = compute_agreement([doc(a=[MERKEL, BERLIN], b=[MERKEL, BERLIN], c=[MERKEL])])
    # per token the 3 ratings: Angela/Merkel all PER; Berlin LOC,LOC,O; the other 5 tokens all O
    # Fleiss: P_i = 1 for 7 tokens, (2*1 + 1*0)/(3*2) = 1/3 for Berlin -> P̄ = (7 + 1/3)/8
    # p_j: B-PER 3/24, I-PER 3/24, B-LOC 2/24, O 16/24
    p_bar = (7 + 1 / 3) / 8
    pe = (3 / 24) ** 2 + (3 / 24) ** 2 + (2 / 24) ** 2 + (16 / 24) ** 2
    assert report.fleiss_kappa == pytest.approx((p_bar - pe) / (1 - pe))
    assert report.fleiss_raters == 3 and report.fleiss_tokens == 8
    # Krippendorff (nominal): n = 24 values; disagreement only on Berlin (m_u = 3): D_o = (2*2*1/(3-1))/24
    n = 24
    d_o = (2 * 2 * 1 / 2) / n
    d_e = (n * n - (3 * 3 + 3 * 3 + 2 * 2 + 16 * 16)) / (n * (n - 1))
    assert report.krippendorff_alpha == pytest.approx(1 - d_o / d_e)
    assert len(report.pairs) == 3
    heatmap(report, tmp_path / "h.png")
    assert (tmp_path / "h.png").read_bytes()[:4] == b"\x89PNG"


def test_identical_annotations_agree_perfectly():
    report = compute_agreement([doc(a=[MERKEL], b=[MERKEL])])
    assert report.pairs[0].kappa == 1.0 and report.pairs[0].exact["overall"].f1 == 1.0
    assert report.krippendorff_alpha == pytest.approx(1.0) and report.disagreements == []


def test_majority_vote_tie_rule_ground_truth_and_reviewer(tmp_path):
    three = doc(a=[MERKEL, MACRON, BERLIN], b=[MERKEL, MACRON_SHORT, BERLIN], c=[MERKEL, MACRON_SHORT])
    result = adjudicate([three])
    decision = result.decisions[0]
    assert decision.method == "majority" and decision.entities == [MERKEL, MACRON_SHORT, BERLIN]
    assert [(u["text"], u["votes"], u["tie"]) for u in decision.unresolved] == [("Emmanuel Macron", 1, False)]
    two = doc(a=[MERKEL, BERLIN], b=[MERKEL, BERLIN_ORG])
    decision = adjudicate([two]).decisions[0]
    assert decision.entities == [MERKEL]  # one of two is a tie: not accepted
    assert sorted((u["label"], u["tie"]) for u in decision.unresolved) == [("LOC", True), ("ORG", True)]
    assert adjudicate([two], reviewer="b").decisions[0].entities == [MERKEL, BERLIN_ORG]
    two.annotations[0].ground_truth = True
    decision = adjudicate([two], reviewer="b").decisions[0]
    assert decision.method == "ground_truth" and decision.entities == [MERKEL, BERLIN]
    assert adjudicate([doc(a=[MERKEL])], min_annotators=2).counts["skipped_too_few_annotators"] == 1

    names = annotator_names([three], "pseudonym")
    assert all(n.startswith("annotator-") and len(n) == 20 for n in names.values())
    assert names == annotator_names([three], "pseudonym")  # stable
    rows = gold_rows(adjudicate([three]), names)
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows))
    loaded = load_gold(gold)  # what `gonerd build --gold` reads
    assert loaded.by_id["d1"].entities == [MERKEL, MACRON_SHORT, BERLIN]
    assert loaded.by_id["d1"].annotators == [names[a] for a in "abc"]


def test_agreement_and_adjudicate_commands(tmp_path):
    path = tmp_path / "annotations.jsonl"
    write_documents(path, [doc(a=[MERKEL, MACRON, BERLIN], b=[MERKEL, MACRON_SHORT, BERLIN_ORG])])
    result = CliRunner().invoke(main, ["annotate", "agreement", str(path), "--out", str(tmp_path / "agr")])
    assert result.exit_code == 0, result.output
    assert "a / b" in result.output and "0.333" in result.output and "2 disagreements" in result.output
    assert {p.name for p in (tmp_path / "agr").iterdir()} == {"agreement.txt", "agreement.json", "agreement.png"}
    result = CliRunner().invoke(main, ["annotate", "adjudicate", str(path), "--out", str(tmp_path / "g.jsonl"),
                                       "--annotator-names", "email"])
    assert result.exit_code == 0, result.output
    row = json.loads((tmp_path / "g.jsonl").read_text())
    assert row["entities"] == [{"start": 0, "end": 13, "label": "PER", "text": "Angela Merkel"}]
    assert row["annotators"] == ["a", "b"]
    assert "unresolved d1 [18:33] PER 'Emmanuel Macron': 1 of 2 (tie)" in result.output
