"""NER metrics (both seqeval modes, the type confusion matrix) and GLUE metrics against hand-computed cases."""

from __future__ import annotations

import math
import random

import pytest

from baselines.metrics import headline_metric
from baselines.metrics.glue import glue_scores
from baselines.metrics.ner import entities, entity_scores, ner_metrics, ner_scores, type_confusion


def test_strict_and_conlleval_modes_differ_on_a_missing_b_tag():
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    pred = [["I-PER", "I-PER", "O", "B-LOC"]]  # PER without its B-
    strict, conlleval = entity_scores(gold, pred, "strict"), entity_scores(gold, pred, "conlleval")
    # strict: I-PER after O starts nothing -> 1 predicted entity (LOC), correct: P 1, R 1/2
    assert strict.per_type["PER"].f1 == 0.0
    assert strict.micro.precision == pytest.approx(100.0) and strict.micro.recall == pytest.approx(50.0)
    assert strict.micro.f1 == pytest.approx(100 * 2 / 3)
    # conlleval: I-PER after O starts a PER entity -> both entities right
    assert conlleval.micro.f1 == pytest.approx(100.0)
    assert strict.predicted_entities == 1 and conlleval.predicted_entities == 2
    assert "strict IOB2" in strict.markdown() and "conlleval" in conlleval.markdown()


def test_per_type_micro_macro_by_hand():
    gold = [["B-PER", "I-PER", "O", "B-ORG", "O"], ["B-LOC", "O", "B-LOC", "I-LOC"]]
    pred = [["B-PER", "I-PER", "O", "B-LOC", "O"], ["B-LOC", "O", "B-LOC", "O"]]
    scores = entity_scores(gold, pred, "strict")
    # gold: PER(0,2) ORG(3,4) | LOC(0,1) LOC(2,4); pred: PER(0,2) LOC(3,4) | LOC(0,1) LOC(2,3)
    # right: PER(0,2), LOC(0,1) -> P 2/4, R 2/4
    assert scores.micro.f1 == pytest.approx(50.0)
    assert scores.per_type["PER"].f1 == pytest.approx(100.0)
    assert scores.per_type["ORG"].f1 == 0.0 and scores.per_type["ORG"].support == 1
    assert scores.per_type["LOC"].precision == pytest.approx(100 / 3)  # 1 of 3 predicted LOC
    assert scores.per_type["LOC"].recall == pytest.approx(50.0)
    assert scores.macro.f1 == pytest.approx((100 + 0 + 40) / 3)  # LOC F1 = 2 (1/3)(1/2) / (5/6) = 0.4
    assert list(scores.per_type) == ["PER", "ORG", "LOC"]  # GONERD's order
    assert scores.token_accuracy == pytest.approx(100 * 7 / 9)
    metrics = ner_metrics(gold, pred)
    assert metrics["strict.micro.f1"] == pytest.approx(50.0) and "conlleval.LOC.f1" in metrics


def test_no_entity_anywhere_scores_zero_without_error():
    scores = ner_scores([["O", "O"]], [["O", "O"]])
    assert scores["strict"].micro.f1 == 0.0 and scores["strict"].token_accuracy == 100.0


@pytest.mark.parametrize(("gold", "pred", "message"), [
    ([["O"]], [["O"], ["O"]], "1 gold sequences but 2"),
    ([["O", "O"]], [["O"]], "sequence 0: 2 gold tags but 1"),
    ([["O", "B-PER"]], [["O", 3]], "position 1: predicted tag 3"),
    ([["S-PER"]], [["O"]], "gold tag 'S-PER'"),
])
def test_bad_input_names_the_place(gold, pred, message):
    with pytest.raises(ValueError, match=message):
        entity_scores(gold, pred)


def test_confusion_matrix_exact_and_overlap_by_hand():
    gold = [["B-ORG", "I-ORG", "I-ORG", "O", "B-LOC", "O", "B-MISC"]]
    pred = [["B-LOC", "I-LOC", "O", "O", "B-ORG", "O", "O"]]
    # gold ORG(0,3) LOC(4,5) MISC(6,7); pred LOC(0,2) ORG(4,5)
    exact = type_confusion(gold, pred, match="exact")
    assert exact.labels == ["ORG", "LOC", "MISC", "O"]
    assert exact.matrix() == [
        [0, 0, 0, 1],  # ORG missed (boundaries differ)
        [1, 0, 0, 0],  # LOC predicted as ORG
        [0, 0, 0, 1],  # MISC missed
        [0, 1, 0, 0],  # a spurious LOC
    ]
    overlap = type_confusion(gold, pred, match="overlap")
    assert overlap.counts == {("ORG", "LOC"): 1, ("LOC", "ORG"): 1, ("MISC", "O"): 1}
    assert "overlap span match" in overlap.markdown() and "strict IOB2" in overlap.markdown()
    assert overlap.as_dict()["matrix"][0] == [0, 1, 0, 0]


def test_overlap_pairs_the_largest_overlap_first():
    gold = [["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]]
    pred = [["B-PER", "B-LOC", "I-LOC", "I-LOC", "O"]]  # PER(0,1) overlaps 1 word, LOC(1,4) 3 words
    assert type_confusion(gold, pred, match="overlap").counts == {("ORG", "LOC"): 1, ("O", "PER"): 1}


def test_exact_confusion_diagonal_is_seqeval_true_positives(shared_conll_tags):
    """On real CoNLL-2003 tags with random damage, the strict exact-match diagonal equals seqeval's TP per type."""
    rng = random.Random(3)
    types = ["PER", "ORG", "LOC", "MISC"]
    pred = []
    for sentence in shared_conll_tags:
        damaged = list(sentence)
        for j, tag in enumerate(damaged):
            r = rng.random()
            if tag != "O" and r < 0.15:
                damaged[j] = f"{tag[:2]}{rng.choice(types)}"
            elif r < 0.03:
                damaged[j] = rng.choice(["O", "B-PER", "I-ORG"])
        pred.append(damaged)
    for mode in ("strict", "conlleval"):
        confusion = type_confusion(shared_conll_tags, pred, mode=mode)
        scores = entity_scores(shared_conll_tags, pred, mode)
        for kind, row in scores.per_type.items():
            predicted = sum(len([e for e in entities(s, mode) if e[0] == kind]) for s in pred)
            true_positives = confusion.counts.get((kind, kind), 0)
            assert row.precision == pytest.approx(100 * true_positives / predicted if predicted else 0.0)
            assert sum(confusion.counts.get((kind, p), 0) for p in confusion.labels) == row.support


@pytest.fixture
def shared_conll_tags(shared_fixtures):
    import loaders
    from gonerd.schema import NER_TAGS

    path = shared_fixtures / "ner-conll" / "conll2003-format" / "eng.testb.first3docs.iob1.txt"
    rows = loaders.load("conll2003", path)["test"]
    return [[NER_TAGS[t] for t in row["ner_tags"]] for row in rows]


def test_glue_by_hand():
    mrpc = glue_scores("mrpc", [1, 0, 1, 1], [1, 0, 0, 1])
    assert mrpc["accuracy"] == pytest.approx(75.0)
    assert mrpc["f1"] == pytest.approx(80.0)  # TP 2, FP 1, FN 0
    assert mrpc["score"] == pytest.approx(77.5)
    cola = glue_scores("cola", [1, 0, 1, 1], [1, 0, 0, 1])
    assert cola["matthews_correlation"] == pytest.approx(100 * 2 / math.sqrt(12))  # (TP TN - FP FN) / sqrt(...)
    stsb = glue_scores("stsb", [1.0, 2.5, 3.0, 4.0], [0.5, 2.0, 3.5, 5.0])
    assert stsb["spearman"] == pytest.approx(100.0)  # same ranking
    # Pearson by hand: x - mean = (-1.625, -.125, .375, 1.375), y - mean = (-2.25, -.75, .75, 2.25)
    sxy, sxx, syy = 3.65625 + 0.09375 + 0.28125 + 3.09375, 2.640625 + 0.015625 + 0.140625 + 1.890625, 11.25
    assert stsb["pearson"] == pytest.approx(100 * sxy / math.sqrt(sxx * syy))
    assert glue_scores("sst2", [1, 1, 0], [1, 0, 0])["score"] == pytest.approx(200 / 3)


def test_glue_refuses_unlabelled_rows_and_constant_correlation_is_nan():
    with pytest.raises(ValueError, match="unlabelled rows"):
        glue_scores("rte", [0, 1], [0, -1])
    assert math.isnan(glue_scores("stsb", [2.0, 2.0, 2.0], [1.0, 2.0, 3.0])["score"])
    with pytest.raises(ValueError, match="unknown GLUE task"):
        glue_scores("mnli-m", [0], [0])


def test_headline_metric_per_task():
    assert headline_metric("gonerd") == "strict.micro.f1"
    assert headline_metric("glue/stsb") == "score"
    assert headline_metric("squad_v2") == "f1"
    with pytest.raises(ValueError, match="no headline metric"):
        headline_metric("imdb")
