"""QA metrics against hand-computed cases: the official scripts' normalisation, EM/F1, SQuAD v2's no-answer rules
and threshold search, HotpotQA's yes/no rule, TriviaQA's aliases."""

from __future__ import annotations

import pytest

from baselines.metrics.qa import (
    best_per_question,
    hotpotqa_scores,
    normalize_squad,
    normalize_triviaqa,
    squad_scores,
    squad_v1_f1,
    squad_v2_f1,
    triviaqa_ground_truths,
    triviaqa_scores,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("The Quick, Brown Fox!", "quick brown fox"),
    ("  an   apple\n", "apple"),
    ("theater anthem", "theater anthem"),  # articles only as whole words
    ("A.B.C.", "abc"),  # punctuation is deleted, not replaced
    ("Don't stop", "dont stop"),
    ("the the", ""),
    ("1,000 km", "1000 km"),
    ("Über-Größe", "übergröße"),
    ("“curly quotes”", "“curly quotes”"),  # not in string.punctuation: kept, as the official script does
])
def test_squad_normalisation(text, expected):
    assert normalize_squad(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Sunset_Boulevard", "sunset boulevard"),
    ("A.B.C.", "b c"),  # punctuation -> spaces, then "a" is an article
    ("Rock ’n’ roll", "rock n roll"),
    ("The Beatles`", "beatles"),
    ("Don't", "don t"),
])
def test_triviaqa_normalisation(text, expected):
    assert normalize_triviaqa(text) == expected


def test_token_f1_by_hand():
    assert squad_v1_f1("the cat sat on mat", "a cat sat on the mat") == 1.0
    # pred {denver, broncos}, gold {broncos, of, denver}: P = 1, R = 2/3
    assert squad_v1_f1("Denver Broncos", "Broncos of Denver") == pytest.approx(0.8)
    assert squad_v1_f1("", "Denver") == 0.0
    assert squad_v1_f1("", "the") == 0.0  # v1.1: no common token, 0
    assert squad_v2_f1("", "the") == 1.0  # v2.0: both empty after normalisation
    assert squad_v2_f1("Denver", "") == 0.0


def test_squad_v1_max_over_answers_and_missing_counts_zero():
    references = {"q1": ["Denver Broncos", "The Denver Broncos"], "q2": ["Carolina Panthers"], "q3": ["Santa Clara"]}
    predictions = {"q1": "denver broncos!", "q2": "Panthers"}
    scores = squad_scores(predictions, references)
    assert scores["exact_match"] == pytest.approx(100 / 3)
    assert scores["f1"] == pytest.approx(100 * (1 + 2 / 3) / 3)
    assert scores["total"] == 3 and scores["missing"] == 1


def test_squad_v1_refuses_unanswerable_and_unknown_ids():
    with pytest.raises(ValueError, match=r"v1\.1 does not allow"):
        squad_scores({"q1": ""}, {"q1": []})
    with pytest.raises(ValueError, match="have no reference"):
        squad_scores({"q1": "a", "zz": "b"}, {"q1": ["a"]})


V2_REFERENCES = {
    "q1": ["Normandy"],
    "q2": [],
    "q3": [],
    "q4": ["10th and 11th centuries", "in the 10th and 11th centuries"],
}
V2_PREDICTIONS = {"q1": "Normandy", "q2": "", "q3": "France", "q4": "11th centuries"}


def test_squad_v2_no_answer_rules_and_split_scores():
    scores = squad_scores(V2_PREDICTIONS, V2_REFERENCES, version=2)
    # q4: pred {11th, centuries} vs {10th, and, 11th, centuries}: P 1, R 1/2 -> 2/3 (the longer gold gives 4/7)
    assert scores["exact_match"] == pytest.approx(50.0)
    assert scores["f1"] == pytest.approx(100 * (1 + 1 + 0 + 2 / 3) / 4)
    assert scores["has_answer_exact_match"] == pytest.approx(50.0)
    assert scores["has_answer_f1"] == pytest.approx(100 * (1 + 2 / 3) / 2)
    assert scores["no_answer_exact_match"] == pytest.approx(50.0)
    assert scores["has_answer_total"] == 2 and scores["no_answer_total"] == 2
    assert "best_f1" not in scores


def test_squad_v2_threshold_and_best_threshold_search():
    na = {"q1": 0.1, "q2": 0.9, "q3": 0.8, "q4": 0.3}
    scores = squad_scores(V2_PREDICTIONS, V2_REFERENCES, version=2, na_probs=na, na_threshold=0.5)
    assert scores["exact_match"] == pytest.approx(75.0)  # q3 now answered "" (correct)
    # sweep, EM: start 2 (both unanswerable right); q1 +1 -> 3 at 0.1; q4 +0; q3 -1; q2 0 -> best 3/4 at 0.1
    assert scores["best_exact_match"] == pytest.approx(75.0)
    assert scores["best_exact_match_threshold"] == pytest.approx(0.1)
    # F1: q1 +1 -> 3 (0.1); q4 +2/3 -> 3.67 (0.3); q3 -1 -> 2.67 -> best 3.67/4 at 0.3
    assert scores["best_f1"] == pytest.approx(100 * (3 + 2 / 3) / 4)
    assert scores["best_f1_threshold"] == pytest.approx(0.3)


def test_squad_v2_answer_that_normalises_to_nothing_counts_as_no_answer_gold():
    # the official script drops gold answers that normalise to "" (and then scores against "")
    scores = squad_scores({"q": ""}, {"q": ["The"]}, version=2)
    assert scores["exact_match"] == 100.0


def test_hotpotqa_yes_no_rule():
    references = {"a": "yes", "b": "no", "c": "yes", "d": "Obama"}
    predictions = {"a": "yes", "b": "yes", "c": "yes it is", "d": "Barack Obama"}
    scores = hotpotqa_scores(predictions, references)
    # c: SQuAD's F1 would give 0.5; HotpotQA gives 0 because the gold is "yes" and the prediction differs
    # d: P 1/2, R 1 -> F1 2/3
    assert scores["exact_match"] == pytest.approx(25.0)
    assert scores["f1"] == pytest.approx(100 * (1 + 0 + 0 + 2 / 3) / 4)
    assert scores["precision"] == pytest.approx(100 * (1 + 0.5) / 4)
    assert scores["recall"] == pytest.approx(100 * (1 + 1) / 4)


def test_triviaqa_against_every_alias():
    truths = triviaqa_ground_truths(["sunset boulevard", "sunset blvd"], human_answers=["Sunset Blvd."])
    assert truths == ["sunset boulevard", "sunset blvd", "sunset blvd"]
    references = {"tc_33--a.txt": truths, "tc_34--b.txt": ["london"], "tc_35--c.txt": ["paris"]}
    predictions = {"tc_33--a.txt": "Sunset_Boulevard.", "tc_34--b.txt": "the London Eye"}
    scores = triviaqa_scores(predictions, references)
    # tc_34: {london, eye} vs {london}: P 1/2, R 1 -> 2/3; tc_35 missing -> 0
    assert scores["exact_match"] == pytest.approx(100 / 3)
    assert scores["f1"] == pytest.approx(100 * (1 + 2 / 3) / 3)
    assert scores["missing"] == 1


def test_best_per_question_prefers_the_highest_non_empty_answer():
    predictions = {"q1--a": ("x", 2.0), "q1--b": ("", 5.0), "q1--c": ("y", 3.0), "q2--a": ("", 1.0)}
    assert best_per_question(predictions, lambda e: e.split("--")[0]) == {"q1": "y", "q2": ""}
    assert best_per_question(predictions, {"q1--a": "q1", "q1--b": "q1", "q1--c": "q1", "q2--a": "q2"}) == \
        {"q1": "y", "q2": ""}
