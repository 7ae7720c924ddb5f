"""Pre-annotators: models whose spans go into Label Studio as predictions.

The interface is small (:class:`PreAnnotator`): a ``model_version`` string and ``predict(texts)`` returning, for
each text, a list of :class:`ScoredSpan` (character offsets, one of PER/ORG/LOC/MISC, a confidence in [0, 1] or
None). Implementations are found through the ``gonerd.preannotators`` entry-point group; each entry point names a
factory ``factory(argument: str | None) -> PreAnnotator``, and ``--preannotate NAME[:ARGUMENT]`` on the command
line calls it. Two ship with gonerd:

- ``spacy:<pipeline name or path>``: a spaCy pipeline's NER (``ner`` or ``entity_ruler``); OntoNotes labels are
  mapped as the build maps them (:data:`gonerd.annotate.ONTONOTES_TO_CONLL`). Scores of a statistical ``ner``
  come from a beam search (the probability mass of the beam parses that contain the entity); rule matches
  score 1.
- ``gazetteer:<patterns.jsonl>``: spaCy EntityRuler patterns (``{"label": "ORG", "pattern": "Acme Corp"}``, token
  patterns too) on the blank English tokenizer; matches score 1.

Another package registers its model in its own ``pyproject.toml``, without gonerd importing it::

    [project.entry-points."gonerd.preannotators"]
    lsg-ner = "baselines.preannotate:factory"     # gonerd annotate push … --preannotate lsg-ner:runs/lsg-ner
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Protocol, runtime_checkable

from gonerd.errors import UserError
from gonerd.schema import ENTITY_TYPES

ENTRY_POINT_GROUP = "gonerd.preannotators"


@dataclass(frozen=True)
class ScoredSpan:
    start: int
    end: int
    label: str
    score: float | None = None


@runtime_checkable
class PreAnnotator(Protocol):
    """What `push` needs from a model."""

    model_version: str  # shown in Label Studio and stored with every prediction

    def predict(self, texts: Sequence[str]) -> list[list[ScoredSpan]]:
        """Spans for each text (character offsets into that text)."""
        ...


class PreAnnotatorError(UserError, ValueError):
    """A pre-annotator that cannot be found, loaded or that returned something invalid."""


def available() -> dict[str, str]:
    """Registered pre-annotators: name → entry point value."""
    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def load_preannotator(spec: str) -> PreAnnotator:
    """``NAME[:ARGUMENT]`` → a pre-annotator from the ``gonerd.preannotators`` entry points."""
    name, _, argument = spec.partition(":")
    eps = {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}
    if name not in eps:
        raise PreAnnotatorError(f"unknown pre-annotator {name!r}; registered: {sorted(eps) or 'none'}")
    try:
        factory = eps[name].load()
    except ImportError as exc:
        raise PreAnnotatorError(f"pre-annotator {name!r} cannot be imported ({exc})") from None
    annotator = factory(argument or None)
    if not isinstance(annotator, PreAnnotator):
        raise PreAnnotatorError(f"pre-annotator {name!r} ({eps[name].value}) does not implement PreAnnotator")
    return annotator


def checked(annotator: PreAnnotator, texts: Sequence[str]) -> list[list[ScoredSpan]]:
    """``annotator.predict(texts)``, checked: one list per text, valid offsets and labels, scores in [0, 1]."""
    out = annotator.predict(texts)
    if len(out) != len(texts):
        raise PreAnnotatorError(f"{annotator.model_version}: {len(out)} results for {len(texts)} texts")
    for text, spans in zip(texts, out):
        for s in spans:
            if s.label not in ENTITY_TYPES or not (0 <= s.start < s.end <= len(text)):
                raise PreAnnotatorError(f"{annotator.model_version}: invalid span {s} for a text of length "
                                        f"{len(text)} (labels must be {list(ENTITY_TYPES)})")
            if s.score is not None and not (0.0 <= s.score <= 1.0):
                raise PreAnnotatorError(f"{annotator.model_version}: score {s.score} of {s} is not in [0, 1]")
    return out


@dataclass
class SpacyPreAnnotator:
    """A spaCy pipeline with ``ner`` and/or ``entity_ruler``; labels mapped to CoNLL's four types."""

    pipeline: str
    beam_width: int = 16
    ignored: Counter = field(default_factory=Counter)

    def __post_init__(self):
        from gonerd.tokenize import load_pipeline

        try:
            self.nlp = load_pipeline(self.pipeline)
        except ValueError as exc:
            raise PreAnnotatorError(str(exc)) from None
        if "ner" not in self.nlp.pipe_names and "entity_ruler" not in self.nlp.pipe_names:
            raise PreAnnotatorError(f"spaCy pipeline {self.pipeline!r} has no 'ner' or 'entity_ruler' component")
        meta = self.nlp.meta
        self.model_version = f"spacy:{meta.get('lang', '?')}_{meta.get('name', self.pipeline)}-" \
                             f"{meta.get('version', '?')}"

    def predict(self, texts: Sequence[str]) -> list[list[ScoredSpan]]:
        from gonerd.annotate import ONTONOTES_TO_CONLL

        self.nlp.max_length = max([self.nlp.max_length, *(len(t) + 1 for t in texts)])
        out = []
        for doc in self.nlp.pipe(texts):
            scores = self._beam_scores(doc)
            spans = []
            for ent in doc.ents:
                label = ONTONOTES_TO_CONLL.get(ent.label_, "unknown")
                if label is None or label == "unknown":
                    self.ignored[ent.label_] += 1
                    continue
                score = scores.get((ent.start, ent.end, ent.label_), 1.0) if scores is not None else 1.0
                spans.append(ScoredSpan(ent.start_char, ent.end_char, label, min(1.0, max(0.0, score))))
            out.append(spans)
        return out

    def _beam_scores(self, doc) -> dict | None:
        """(start token, end token, label) → probability from a beam search of the statistical ``ner``; None for
        rule-only pipelines. Entities the beam never proposed (added by a ruler) keep score 1."""
        if "ner" not in self.nlp.pipe_names:
            return None
        ner = self.nlp.get_pipe("ner")
        fresh = self.nlp.make_doc(doc.text)
        for name, proc in self.nlp.pipeline:
            if name == "ner":
                break
            fresh = proc(fresh)
        beams = ner.beam_parse([fresh], beam_width=self.beam_width)
        scores: dict = {}
        for score_dict in ner.scored_ents(beams):
            for (start, end, label), score in score_dict.items():
                scores[(start, end, ner.moves.strings[label] if isinstance(label, int) else label)] = float(score)
        return scores


def spacy_factory(argument: str | None) -> SpacyPreAnnotator:
    if not argument:
        raise PreAnnotatorError("spacy needs a pipeline: --preannotate spacy:en_core_web_sm (or a path)")
    return SpacyPreAnnotator(argument)


@dataclass
class GazetteerPreAnnotator:
    """spaCy EntityRuler patterns from a JSONL file, on the blank English tokenizer; matches score 1."""

    patterns_path: str

    def __post_init__(self):
        import spacy

        path = Path(self.patterns_path)
        if not path.is_file():
            raise PreAnnotatorError(f"{path}: gazetteer patterns file not found")
        patterns = []
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    pattern = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise PreAnnotatorError(f"{path}:{lineno}: not valid JSON ({exc})") from None
                if not isinstance(pattern, dict) or "pattern" not in pattern or pattern.get("label") not in \
                        ENTITY_TYPES:
                    raise PreAnnotatorError(f"{path}:{lineno}: expected {{\"label\": one of {list(ENTITY_TYPES)}, "
                                            "\"pattern\": …}")
                patterns.append(pattern)
        self.nlp = spacy.blank("en")
        ruler = self.nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
        ruler.add_patterns(patterns)
        import hashlib

        digest = hashlib.sha1(path.read_bytes()).hexdigest()[:8]
        self.model_version = f"gazetteer:{path.name}-{digest}"

    def predict(self, texts: Sequence[str]) -> list[list[ScoredSpan]]:
        self.nlp.max_length = max([self.nlp.max_length, *(len(t) + 1 for t in texts)])
        return [[ScoredSpan(e.start_char, e.end_char, e.label_, 1.0) for e in doc.ents] for doc in self.nlp.pipe(texts)]


def gazetteer_factory(argument: str | None) -> GazetteerPreAnnotator:
    if not argument:
        raise PreAnnotatorError("gazetteer needs a patterns file: --preannotate gazetteer:patterns.jsonl")
    return GazetteerPreAnnotator(argument)


def task_score(spans: Sequence[ScoredSpan]) -> float | None:
    """The prediction's score: the lowest region confidence (a document is as uncertain as its least certain
    entity); None when no region has a score (or there are no regions)."""
    scores = [s.score for s in spans if s.score is not None]
    return min(scores) if scores else None


def uncertainty_key(spans: Sequence[ScoredSpan]) -> tuple[int, float]:
    """Sort key, least confident first: documents with a scored region by their lowest score, then documents
    without any predicted entity, then documents whose regions have no score."""
    score = task_score(spans)
    if score is not None:
        return (0, score)
    return (1, 0.0) if not spans else (2, 0.0)
