"""Entity-level NER scores (seqeval) in two modes, and the entity-type confusion matrix.

Two modes, named in every key and table so that a reader knows which one a number is:

- ``strict``: seqeval ``mode="strict", scheme=IOB2``. An entity is a ``B-X`` followed by ``I-X`` tags; an ``I-X``
  that follows ``O`` or another type starts nothing, so a tagger that forgets ``B-`` gets no credit.
- ``conlleval``: seqeval's default mode, compatible with CoNLL's ``conlleval`` script: an ``I-X`` after ``O`` or a
  different type starts a new entity, as in IOB1. It forgives a missing ``B-`` and scores higher on such output.

Gold tags are IOB2 (the loaders convert IOB1/IOBES/BILOU); the two modes then read the gold side identically and
differ only on ill-formed predictions. Tags must be ``O``, ``B-<type>`` or ``I-<type>``.

**Type confusion matrix** (the paper's LOC/ORG/MISC error analysis): entities are read in one of the modes above,
then paired within each sentence/document:

- ``match="exact"`` (default): a gold and a predicted entity are paired when they cover exactly the same words,
  whatever their types; the diagonal is then seqeval's true positives per type in that mode.
- ``match="overlap"``: gold and predicted entities that share at least one word are paired one to one, largest
  overlap first (ties: the earlier gold entity, then the earlier prediction), so a boundary error with a type
  error ("New York Times" ORG predicted as "New York" LOC) still shows as ORG -> LOC.

A gold entity left unpaired is counted in the ``O`` column (missed), an unpaired prediction in the ``O`` row
(spurious). Rows are gold types, columns predicted types.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from gonerd.schema import ENTITY_TYPES

Mode = Literal["strict", "conlleval"]
MODES: dict[str, str] = {
    "strict": "strict IOB2 (seqeval mode='strict', scheme=IOB2)",
    "conlleval": "conlleval-compatible (seqeval default mode)",
}
Match = Literal["exact", "overlap"]
OUTSIDE = "O"
TAG = re.compile(r"^(O|[BI]-.+)$")

Sequences = Sequence[Sequence[str]]


def check_sequences(gold: Sequences, pred: Sequences) -> None:
    """Same number of sequences, one predicted tag per gold tag, and every tag ``O``/``B-X``/``I-X``; the error
    names the first offending sequence and position."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sequences but {len(pred)} predicted ones")
    for i, (g, p) in enumerate(zip(gold, pred)):
        if len(g) != len(p):
            raise ValueError(f"sequence {i}: {len(g)} gold tags but {len(p)} predicted tags")
        for side, tags in (("gold", g), ("predicted", p)):
            for j, tag in enumerate(tags):
                if not isinstance(tag, str) or not TAG.match(tag):
                    raise ValueError(f"sequence {i}, position {j}: {side} tag {tag!r} is not O, B-<type> or "
                                     "I-<type> (map label ids to names first)")


def entities(tags: Sequence[str], mode: Mode = "strict") -> list[tuple[str, int, int]]:
    """The entities of one sequence as ``(type, start, end)``, ``end`` exclusive, read as seqeval does in
    ``mode``."""
    if mode == "strict":
        from seqeval.scheme import IOB2, Tokens

        return [(e.tag, e.start, e.end) for e in Tokens(list(tags), IOB2).entities]
    if mode == "conlleval":
        from seqeval.metrics.sequence_labeling import get_entities

        return [(kind, start, end + 1) for kind, start, end in get_entities(list(tags))]
    raise ValueError(f"mode must be one of {list(MODES)}, not {mode!r}")


def order_types(types: set[str]) -> list[str]:
    """GONERD's order (PER, ORG, LOC, MISC) first, any other types after them alphabetically."""
    return [t for t in ENTITY_TYPES if t in types] + sorted(types - set(ENTITY_TYPES))


@dataclass(frozen=True)
class EntityScores:
    precision: float  # percentages
    recall: float
    f1: float
    support: int  # gold entities


@dataclass
class NerScores:
    """seqeval's report in one mode (percentages)."""

    mode: str
    micro: EntityScores
    macro: EntityScores
    weighted: EntityScores
    per_type: dict[str, EntityScores]
    token_accuracy: float
    gold_entities: int
    predicted_entities: int

    @property
    def description(self) -> str:
        return MODES[self.mode]

    def metrics(self) -> dict[str, float]:
        """Flat keys ``<mode>.<micro|macro|weighted|TYPE>.<precision|recall|f1|support>``."""
        out: dict[str, float] = {}
        rows = {"micro": self.micro, "macro": self.macro, "weighted": self.weighted, **self.per_type}
        for name, row in rows.items():
            for key in ("precision", "recall", "f1", "support"):
                out[f"{self.mode}.{name}.{key}"] = getattr(row, key)
        out[f"{self.mode}.predicted_entities"] = self.predicted_entities
        return out

    def markdown(self) -> str:
        lines = [f"Entity scores, {self.description}; %:", "",
                 "| type | precision | recall | F1 | gold entities |", "|---|---:|---:|---:|---:|"]
        for name, row in [*self.per_type.items(), ("micro avg", self.micro), ("macro avg", self.macro),
                          ("weighted avg", self.weighted)]:
            lines.append(f"| {name} | {row.precision:.2f} | {row.recall:.2f} | {row.f1:.2f} | {row.support} |")
        return "\n".join(lines)


def _row(report: dict, key: str) -> EntityScores:
    row = report[key]
    return EntityScores(100 * float(row["precision"]), 100 * float(row["recall"]), 100 * float(row["f1-score"]),
                        int(row["support"]))


def entity_scores(gold: Sequences, pred: Sequences, mode: Mode = "strict") -> NerScores:
    """seqeval's classification report in ``mode`` (``strict`` or ``conlleval``), as percentages."""
    from seqeval.metrics import accuracy_score, classification_report
    from seqeval.scheme import IOB2

    check_sequences(gold, pred)
    if mode not in MODES:
        raise ValueError(f"mode must be one of {list(MODES)}, not {mode!r}")
    gold, pred = [list(s) for s in gold], [list(s) for s in pred]
    options = {"mode": "strict", "scheme": IOB2} if mode == "strict" else {}
    gold_count = sum(len(entities(s, mode)) for s in gold)
    pred_count = sum(len(entities(s, mode)) for s in pred)
    if gold_count + pred_count == 0:  # seqeval has nothing to report: no entity on either side
        zero = EntityScores(0.0, 0.0, 0.0, 0)
        per_type: dict[str, EntityScores] = {}
        micro = macro = weighted = zero
    else:
        report = classification_report(gold, pred, output_dict=True, zero_division=0, **options)
        types = order_types({k for k in report if not k.endswith(" avg")})
        per_type = {t: _row(report, t) for t in types}
        micro, macro, weighted = (_row(report, f"{k} avg") for k in ("micro", "macro", "weighted"))
    return NerScores(mode=mode, micro=micro, macro=macro, weighted=weighted, per_type=per_type,
                     token_accuracy=100 * float(accuracy_score(gold, pred)) if any(gold) else 0.0,
                     gold_entities=gold_count, predicted_entities=pred_count)


def ner_scores(gold: Sequences, pred: Sequences) -> dict[str, NerScores]:
    """Both modes: ``{"strict": ..., "conlleval": ...}``."""
    return {mode: entity_scores(gold, pred, mode) for mode in MODES}  # type: ignore[arg-type]


def ner_metrics(gold: Sequences, pred: Sequences) -> dict[str, float]:
    """Every NER number as a flat dict (both modes, token accuracy): what a results record stores."""
    scores = ner_scores(gold, pred)
    out: dict[str, float] = {"token_accuracy": scores["strict"].token_accuracy,
                             "gold_entities": scores["strict"].gold_entities}
    for s in scores.values():
        out.update(s.metrics())
    return out


# --- type confusion -------------------------------------------------------------------------------------------


@dataclass
class TypeConfusion:
    """Counts of (gold type, predicted type) pairs; ``O`` stands for "no entity" on either side."""

    mode: str
    match: str
    labels: list[str]  # entity types, then "O"
    counts: dict[tuple[str, str], int] = field(default_factory=dict)

    def matrix(self) -> list[list[int]]:
        """Rows: gold labels, columns: predicted labels, both in :attr:`labels` order."""
        return [[self.counts.get((g, p), 0) for p in self.labels] for g in self.labels]

    def as_dict(self) -> dict:
        return {"mode": self.mode, "match": self.match, "labels": self.labels, "matrix": self.matrix()}

    def markdown(self) -> str:
        header = " | ".join(self.labels)
        lines = [f"Entity type confusion ({MODES[self.mode]}; {self.match} span match); rows: gold, columns: "
                 "predicted, O = no entity", "", f"| gold \\ predicted | {header} |",
                 "|---|" + "---:|" * len(self.labels)]
        for label, row in zip(self.labels, self.matrix()):
            lines.append(f"| {label} | " + " | ".join(str(n) for n in row) + " |")
        return "\n".join(lines)


def _pairs(gold: list[tuple[str, int, int]], pred: list[tuple[str, int, int]], match: Match) -> list[tuple[int, int]]:
    if match == "exact":
        where = {(start, end): j for j, (_, start, end) in enumerate(pred)}
        return [(i, where[(start, end)]) for i, (_, start, end) in enumerate(gold) if (start, end) in where]
    candidates = []
    for i, (_, gs, ge) in enumerate(gold):
        for j, (_, ps, pe) in enumerate(pred):
            shared = min(ge, pe) - max(gs, ps)
            if shared > 0:
                candidates.append((-shared, i, j))
    pairs, used_gold, used_pred = [], set(), set()
    for _, i, j in sorted(candidates):
        if i not in used_gold and j not in used_pred:
            pairs.append((i, j))
            used_gold.add(i)
            used_pred.add(j)
    return pairs


def type_confusion(gold: Sequences, pred: Sequences, *, mode: Mode = "strict", match: Match = "exact",
                   types: Sequence[str] | None = None) -> TypeConfusion:
    """The gold type x predicted type matrix (see the module doc for how entities are paired)."""
    check_sequences(gold, pred)
    if match not in ("exact", "overlap"):
        raise ValueError(f"match must be 'exact' or 'overlap', not {match!r}")
    counts: Counter = Counter()
    seen: set[str] = set()
    for g_tags, p_tags in zip(gold, pred):
        g, p = entities(g_tags, mode), entities(p_tags, mode)
        seen.update(kind for kind, _, _ in g + p)
        pairs = _pairs(g, p, match)
        for i, j in pairs:
            counts[(g[i][0], p[j][0])] += 1
        for i in set(range(len(g))) - {i for i, _ in pairs}:
            counts[(g[i][0], OUTSIDE)] += 1
        for j in set(range(len(p))) - {j for _, j in pairs}:
            counts[(OUTSIDE, p[j][0])] += 1
    labels = [*(types if types is not None else order_types(seen)), OUTSIDE]
    unknown = seen - set(labels)
    if unknown:
        raise ValueError(f"entity types {sorted(unknown)} are not in types={list(types or [])}")
    return TypeConfusion(mode=mode, match=match, labels=labels, counts=dict(counts))
