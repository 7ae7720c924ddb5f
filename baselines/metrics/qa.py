"""Extractive-QA metrics with each dataset's official answer normalisation and rules.

- **SQuAD v1.1** (``evaluate-v1.1.py``): answers are lower-cased, punctuation removed, the articles a/an/the
  removed, whitespace collapsed; EM and token F1 are the maximum over the gold answers.
- **SQuAD v2.0** (``evaluate-v2.0.py``): the same normalisation; gold answers that normalise to nothing are
  ignored, a question left with none is unanswerable (gold ``""``); an empty prediction scores 1 on an unanswerable
  question and 0 elsewhere (EM and F1 alike). Scores are also split into answerable (``has_answer_*``) and
  unanswerable (``no_answer_*``) questions; with no-answer scores (``na_probs``, higher = more likely unanswerable,
  e.g. :attr:`loaders.qa_windows.QAResult.null_score_diff`) a question is answered "" above ``na_threshold``, and the
  best thresholds for EM and F1 are searched as the official script does.
- **HotpotQA** (``hotpot_evaluate_v1.py``, answer part): SQuAD's normalisation against one gold answer, except that
  when either side normalises to ``yes``, ``no`` or ``noanswer`` and the two differ, F1 (and its precision and
  recall) is 0 rather than a token overlap.
- **TriviaQA** (``triviaqa_evaluation.py``): underscores become spaces, text is lower-cased, punctuation
  (including ‘ ’ ´ `) becomes a space, articles are removed, whitespace collapsed; EM and F1 are the maximum over
  all ground truths (the ``NormalizedAliases`` plus any normalised human answers).

A question without a prediction scores 0 and counts in the total (as SQuAD v1.1's and TriviaQA's scripts do;
SQuAD v2.0's script leaves it out of the total, we do not): ``missing`` says how many there were. A prediction for
an id that has no reference is an error (it means predictions and references were mismatched). Scores are
percentages.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

_ARTICLES = re.compile(r"\b(a|an|the)\b", re.UNICODE)
_SQUAD_PUNCTUATION = frozenset(string.punctuation)
_TRIVIAQA_PUNCTUATION = frozenset(string.punctuation + "‘’´`")
_HOTPOT_SPECIAL = ("yes", "no", "noanswer")


def normalize_squad(text: str) -> str:
    """SQuAD's (and HotpotQA's) answer normalisation: lower case, no punctuation, no articles, single spaces."""
    text = "".join(ch for ch in text.lower() if ch not in _SQUAD_PUNCTUATION)
    return " ".join(_ARTICLES.sub(" ", text).split())


def normalize_triviaqa(text: str) -> str:
    """TriviaQA's answer normalisation: ``_`` -> space, lower case, punctuation -> space, no articles, single
    spaces."""
    text = text.replace("_", " ").lower()
    text = "".join(" " if ch in _TRIVIAQA_PUNCTUATION else ch for ch in text)
    return " ".join(_ARTICLES.sub(" ", text).split()).strip()


def overlap_prf(prediction_tokens: Sequence[str], gold_tokens: Sequence[str]) -> tuple[float, float, float]:
    """(F1, precision, recall) of the multiset overlap of two token lists; all 0 when they share no token."""
    same = sum((Counter(prediction_tokens) & Counter(gold_tokens)).values())
    if same == 0:
        return 0.0, 0.0, 0.0
    precision, recall = same / len(prediction_tokens), same / len(gold_tokens)
    return 2 * precision * recall / (precision + recall), precision, recall


def _check_ids(predictions: Mapping[str, object], references: Mapping[str, object]) -> list[str]:
    """The reference ids without a prediction; predictions for unknown ids are an error."""
    unknown = [qid for qid in predictions if qid not in references]
    if unknown:
        shown = ", ".join(map(repr, unknown[:5])) + (" ..." if len(unknown) > 5 else "")
        raise ValueError(f"{len(unknown)} predictions have no reference (ids {shown}): predictions and references "
                         "do not belong together")
    if not references:
        raise ValueError("no references to score against")
    return [qid for qid in references if qid not in predictions]


def _percent(total: float, count: int) -> float:
    return 100.0 * total / count if count else 0.0


# --- SQuAD v1.1 ----------------------------------------------------------------------------------------------


def squad_exact(prediction: str, gold: str) -> float:
    """EM of both SQuAD versions (and HotpotQA): equal after normalisation."""
    return float(normalize_squad(prediction) == normalize_squad(gold))


def squad_v1_f1(prediction: str, gold: str) -> float:
    return overlap_prf(normalize_squad(prediction).split(), normalize_squad(gold).split())[0]


def squad_v1_scores(predictions: Mapping[str, str], references: Mapping[str, Sequence[str]]) -> dict[str, float]:
    """SQuAD v1.1: ``references`` maps each question id to its gold answer texts (at least one)."""
    missing = _check_ids(predictions, references)
    exact = f1 = 0.0
    for qid, golds in references.items():
        if not golds:
            raise ValueError(f"question {qid!r} has no gold answer, which SQuAD v1.1 does not allow "
                             "(score SQuAD v2.0 with squad_v2_scores)")
        if qid in predictions:
            exact += max(squad_exact(predictions[qid], g) for g in golds)
            f1 += max(squad_v1_f1(predictions[qid], g) for g in golds)
    n = len(references)
    return {"exact_match": _percent(exact, n), "f1": _percent(f1, n), "total": n, "missing": len(missing)}


# --- SQuAD v2.0 ----------------------------------------------------------------------------------------------


def squad_v2_f1(prediction: str, gold: str) -> float:
    """Token F1; when either side is empty after normalisation, 1 if both are, else 0."""
    pred_tokens, gold_tokens = normalize_squad(prediction).split(), normalize_squad(gold).split()
    if not pred_tokens or not gold_tokens:
        return float(pred_tokens == gold_tokens)
    return overlap_prf(pred_tokens, gold_tokens)[0]


def squad_v2_golds(answers: Iterable[str]) -> list[str]:
    """The gold answers the v2.0 script scores against: those that do not normalise to nothing, else ``[""]``."""
    golds = [a for a in answers if normalize_squad(a)]
    return golds or [""]


def squad_v2_scores(
    predictions: Mapping[str, str],
    references: Mapping[str, Sequence[str]],
    *,
    na_probs: Mapping[str, float] | None = None,
    na_threshold: float = 1.0,
) -> dict[str, float]:
    """SQuAD v2.0: ``references`` maps question ids to gold answer texts (empty: unanswerable).

    With ``na_probs`` (one per predicted id), a question whose no-answer score is above ``na_threshold`` is taken
    as answered "" and the best EM / F1 thresholds are added (``best_exact_match[_threshold]``,
    ``best_f1[_threshold]``; left out when some prediction is missing, since the search assumes every question is
    predicted).
    """
    missing = _check_ids(predictions, references)
    if na_probs is not None:
        lacking = [qid for qid in predictions if qid not in na_probs]
        if lacking:
            raise ValueError(f"na_probs has no score for {len(lacking)} predicted ids (e.g. {lacking[0]!r})")
    has_answer = {qid: bool(golds) for qid, golds in references.items()}  # the script's make_qid_to_has_ans
    exact: dict[str, float] = {}
    f1: dict[str, float] = {}
    for qid, golds in references.items():
        if qid not in predictions:
            exact[qid] = f1[qid] = 0.0
            continue
        golds = squad_v2_golds(golds)
        exact[qid] = max(squad_exact(predictions[qid], g) for g in golds)
        f1[qid] = max(squad_v2_f1(predictions[qid], g) for g in golds)
    raw_exact, raw_f1 = dict(exact), dict(f1)
    if na_probs is not None:
        for qid in predictions:
            if na_probs[qid] > na_threshold:
                exact[qid] = f1[qid] = float(not has_answer[qid])
    out: dict[str, float] = {}
    for prefix, ids in (("", list(references)),
                        ("has_answer_", [q for q in references if has_answer[q]]),
                        ("no_answer_", [q for q in references if not has_answer[q]])):
        if prefix and not ids:
            continue
        out[f"{prefix}exact_match"] = _percent(sum(exact[q] for q in ids), len(ids))
        out[f"{prefix}f1"] = _percent(sum(f1[q] for q in ids), len(ids))
        out[f"{prefix}total"] = len(ids)
    out["missing"] = len(missing)
    if na_probs is not None and not missing:
        for name, raw in (("exact_match", raw_exact), ("f1", raw_f1)):
            best, threshold = best_na_threshold(predictions, raw, na_probs, has_answer)
            out[f"best_{name}"], out[f"best_{name}_threshold"] = best, threshold
    return out


def best_na_threshold(
    predictions: Mapping[str, str],
    scores: Mapping[str, float],
    na_probs: Mapping[str, float],
    has_answer: Mapping[str, bool],
) -> tuple[float, float]:
    """The v2.0 script's ``find_best_thresh``: sweep the no-answer threshold over the sorted no-answer scores and
    keep the best total (a percentage) and its threshold."""
    current = best = float(sum(1 for answerable in has_answer.values() if not answerable))
    threshold = 0.0
    for qid in sorted(na_probs, key=lambda q: na_probs[q]):
        if qid not in scores:
            continue
        if has_answer[qid]:
            current += scores[qid]
        elif predictions[qid]:
            current -= 1
        if current > best:
            best, threshold = current, float(na_probs[qid])
    return 100.0 * best / len(scores), threshold


def squad_scores(
    predictions: Mapping[str, str], references: Mapping[str, Sequence[str]], *, version: int = 1, **options
) -> dict[str, float]:
    """SQuAD v1.1 (``version=1``) or v2.0 (``version=2``; ``options``: ``na_probs``, ``na_threshold``)."""
    if version == 1:
        if options:
            raise ValueError(f"SQuAD v1.1 takes no options ({', '.join(options)} are v2.0's)")
        return squad_v1_scores(predictions, references)
    if version == 2:
        return squad_v2_scores(predictions, references, **options)
    raise ValueError(f"SQuAD version must be 1 or 2, not {version!r}")


# --- HotpotQA ------------------------------------------------------------------------------------------------


def hotpotqa_prf(prediction: str, gold: str) -> tuple[float, float, float]:
    """(F1, precision, recall) as ``hotpot_evaluate_v1.f1_score``: yes/no/noanswer must match exactly."""
    pred, ref = normalize_squad(prediction), normalize_squad(gold)
    if (pred in _HOTPOT_SPECIAL or ref in _HOTPOT_SPECIAL) and pred != ref:
        return 0.0, 0.0, 0.0
    return overlap_prf(pred.split(), ref.split())


def hotpotqa_scores(predictions: Mapping[str, str], references: Mapping[str, str]) -> dict[str, float]:
    """HotpotQA answer EM/F1/precision/recall: ``references`` maps each ``_id`` to its one gold answer (``yes`` /
    ``no`` for comparison questions answered so)."""
    missing = _check_ids(predictions, references)
    sums = Counter()
    for qid, gold in references.items():
        if qid not in predictions:
            continue
        f1, precision, recall = hotpotqa_prf(predictions[qid], gold)
        sums["exact_match"] += squad_exact(predictions[qid], gold)
        sums["f1"] += f1
        sums["precision"] += precision
        sums["recall"] += recall
    n = len(references)
    out = {key: _percent(sums[key], n) for key in ("exact_match", "f1", "precision", "recall")}
    return {**out, "total": n, "missing": len(missing)}


# --- TriviaQA ------------------------------------------------------------------------------------------------


def triviaqa_ground_truths(normalized_aliases: Iterable[str], human_answers: Iterable[str] = ()) -> list[str]:
    """``get_ground_truths``: the normalised aliases plus the normalised human answers (absent in most files)."""
    return [*normalized_aliases, *(normalize_triviaqa(a) for a in human_answers)]


def triviaqa_exact(prediction: str, gold: str) -> float:
    return float(normalize_triviaqa(prediction) == normalize_triviaqa(gold))


def triviaqa_f1(prediction: str, gold: str) -> float:
    return overlap_prf(normalize_triviaqa(prediction).split(), normalize_triviaqa(gold).split())[0]


def triviaqa_scores(predictions: Mapping[str, str], references: Mapping[str, Sequence[str]]) -> dict[str, float]:
    """TriviaQA EM/F1 against every alias. Keys are the evaluation units: ``QuestionId--Filename`` in the web
    domain (our loader's example ids), ``QuestionId`` in the Wikipedia domain (see :func:`best_per_question`)."""
    missing = _check_ids(predictions, references)
    exact = f1 = 0.0
    for qid, golds in references.items():
        if not golds:
            raise ValueError(f"question {qid!r} has no ground truth (no aliases)")
        if qid in predictions:
            exact += max(triviaqa_exact(predictions[qid], g) for g in golds)
            f1 += max(triviaqa_f1(predictions[qid], g) for g in golds)
    n = len(references)
    return {"exact_match": _percent(exact, n), "f1": _percent(f1, n), "total": n, "missing": len(missing)}


def best_per_question(
    predictions: Mapping[str, tuple[str, float]], question_of: Callable[[str], str] | Mapping[str, str]
) -> dict[str, str]:
    """One answer per question from per-(question, document) predictions ``{example id: (text, score)}``: the
    highest-scoring non-empty one (TriviaQA's Wikipedia domain is scored per question). ``question_of`` maps an
    example id to its question id (a mapping, e.g. from the loader's ``question_id`` column, or a function)."""
    lookup = question_of.__getitem__ if isinstance(question_of, Mapping) else question_of
    best: dict[str, tuple[str, float]] = {}
    for example, (text, score) in predictions.items():
        question = lookup(example)
        held = best.get(question)
        if held is None or (text and (not held[0] or score > held[1])):
            best[question] = (text, score)
    return {question: text for question, (text, _) in best.items()}
