"""Entity sources for `gonerd build`: gold spans from a JSONL file, silver spans from a spaCy NER pipeline.

Gold file: one JSON object per line, ``{"id": ...}`` or ``{"url": ...}`` plus ``"entities": [{"start", "end",
"label", "text"}, ...]`` and optionally ``"annotators": [...]``. Offsets refer to the cleaned text. Cleaning rules
change, so an entity whose ``text`` is not at ``[start:end]`` any more is **re-anchored**: among the whole-word
occurrences of its text that start after the previous entity, the one nearest to where it is expected (its offset
shifted by the drift of the previous entity) is taken. An entity whose text no longer occurs is dropped. Both are
counted and logged with the document id. A file that gives one id or URL twice is an error.

Silver pre-annotation maps spaCy/OntoNotes labels to CoNLL's four types (:data:`ONTONOTES_TO_CONLL`); labels
mapped to ``None`` (dates, numbers, money...) are not entities in CoNLL-2003 and are counted as ignored.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gonerd.schema import ENTITY_TYPES, Entity
from gonerd.urls import normalize_url

ONTONOTES_TO_CONLL: dict[str, str | None] = {
    "PERSON": "PER",
    "NORP": "MISC",  # nationalities, religious and political groups
    "FAC": "LOC",  # buildings, airports, highways, bridges
    "ORG": "ORG",
    "GPE": "LOC",  # countries, cities, states
    "LOC": "LOC",  # non-GPE locations, mountain ranges, bodies of water
    "PRODUCT": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "DATE": None,
    "TIME": None,
    "PERCENT": None,
    "MONEY": None,
    "QUANTITY": None,
    "ORDINAL": None,
    "CARDINAL": None,
    # pipelines trained on CoNLL/WikiNER labels already
    "PER": "PER",
    "MISC": "MISC",
}


class GoldFileError(ValueError):
    """A malformed gold file line; names the file and line."""


@dataclass
class GoldRecord:
    entities: list[Entity]
    annotators: list[str]
    origin: str  # file:line


@dataclass
class GoldSpans:
    by_id: dict[str, GoldRecord] = field(default_factory=dict)
    by_url: dict[str, GoldRecord] = field(default_factory=dict)

    def lookup(self, doc_id: str, urls: Sequence[str | None]) -> GoldRecord | None:
        if doc_id in self.by_id:
            return self.by_id[doc_id]
        for url in urls:
            if url and (rec := self.by_url.get(normalize_url(url))):
                return rec
        return None

    def keys(self) -> list[tuple[str, str]]:
        return [("id", k) for k in self.by_id] + [("url", k) for k in self.by_url]


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _int_field(entity: dict, key: str, where: str, i: int) -> int:
    value = entity.get(key)
    if type(value) is not int:  # bool is an int subclass: true/false are not offsets; neither is 0.9
        raise GoldFileError(f"{where}: entity {i}: {key!r} must be a whole number, not {value!r}")
    if value < 0:
        raise GoldFileError(f"{where}: entity {i}: {key!r} is negative ({value})")
    return value


def _entity(e: object, where: str, i: int) -> Entity:
    if not isinstance(e, dict):
        raise GoldFileError(f"{where}: entity {i} must be an object with start, end, label and text")
    start, end = _int_field(e, "start", where, i), _int_field(e, "end", where, i)
    if end <= start:
        raise GoldFileError(f"{where}: entity {i}: end {end} is not after start {start}")
    label, text = e.get("label"), e.get("text")
    if label not in ENTITY_TYPES:
        raise GoldFileError(f"{where}: entity {i} has label {label!r}, not one of {list(ENTITY_TYPES)}")
    if not isinstance(text, str) or not text:
        raise GoldFileError(f"{where}: entity {i}: 'text' must be the entity's text, not {text!r}")
    return Entity(start, end, label, text)


def _record(line: bytes, where: str) -> tuple[dict, list[Entity], list[str]]:
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GoldFileError(f"{where}: not UTF-8 (byte 0x{line[exc.start]:02x} at column {exc.start + 1})") from None
    try:
        obj = json.loads(decoded, parse_constant=_reject_constant)
    except ValueError as exc:  # JSONDecodeError, NaN/Infinity
        raise GoldFileError(f"{where}: not valid JSON ({exc})") from None
    if not isinstance(obj, dict) or not isinstance(obj.get("entities"), list):
        raise GoldFileError(f"{where}: expected an object with an 'entities' list")
    annotators = obj.get("annotators", [])
    if annotators is None:
        annotators = []
    if not isinstance(annotators, list) or not all(isinstance(a, str) and a for a in annotators):
        raise GoldFileError(f"{where}: 'annotators' must be a list of annotator names, not {annotators!r}")
    entities = [_entity(e, where, i) for i, e in enumerate(obj["entities"])]
    return obj, entities, annotators


def load_gold(path: str | Path) -> GoldSpans:
    """Read and validate a gold file: every line is checked (JSON, UTF-8, types, ranges, labels, text lengths) and
    an error names ``file:line``. Raises :class:`GoldFileError`; a file that cannot be opened raises OSError."""
    gold = GoldSpans()
    with open(path, "rb") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            obj, entities, annotators = _record(line, where)
            record = GoldRecord(entities, annotators, where)
            key_id, key_url = obj.get("id"), obj.get("url")
            if isinstance(key_id, bool) or (key_id is not None and not isinstance(key_id, (str, int))):
                raise GoldFileError(f"{where}: 'id' must be a string, not {key_id!r}")
            if key_url is not None and not isinstance(key_url, str):
                raise GoldFileError(f"{where}: 'url' must be a string, not {key_url!r}")
            if key_id not in (None, ""):
                table, key = gold.by_id, str(key_id)
            elif key_url:
                table, key = gold.by_url, normalize_url(key_url)
            else:
                raise GoldFileError(f"{where}: needs an 'id' or a 'url'")
            if key in table:
                raise GoldFileError(f"{where}: {key!r} already has gold spans at {table[key].origin}")
            table[key] = record
    return gold


def overlapping_entities(record: GoldRecord) -> tuple[Entity, Entity] | None:
    """The first two entities of a gold record whose spans overlap, or None."""
    ordered = sorted(record.entities, key=lambda e: (e.start, e.end))
    for a, b in itertools.pairwise(ordered):
        if b.start < a.end:
            return a, b
    return None


@dataclass
class AnchorReport:
    exact: int = 0
    reanchored: list[tuple[Entity, Entity]] = field(default_factory=list)
    not_found: list[Entity] = field(default_factory=list)


def _on_word_boundaries(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is not the inside of a longer word (``Ann`` in ``Annual`` is not an occurrence)."""
    before = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    after = end < len(text) and text[end].isalnum() and text[end - 1].isalnum()
    return not (before or after)


def anchor_entities(text: str, entities: Sequence[Entity]) -> tuple[list[Entity], AnchorReport]:
    """Check every entity against ``text``; re-anchor moved ones (see the module docstring)."""
    report = AnchorReport()
    out: list[Entity] = []
    drift = 0
    prev_end = 0
    for entity in sorted(entities, key=lambda e: (e.start, e.end)):
        if 0 <= entity.start < entity.end <= len(text) and text[entity.start : entity.end] == entity.text:
            report.exact += 1
            out.append(entity)
            drift, prev_end = 0, entity.end
            continue
        expected = entity.start + drift
        best = None
        pos = text.find(entity.text, 0) if entity.text else -1
        while pos != -1:
            whole_word = _on_word_boundaries(text, pos, pos + len(entity.text))
            if whole_word and pos >= prev_end and (best is None or abs(pos - expected) < abs(best - expected)):
                best = pos
            if best is not None and pos > expected:
                break
            pos = text.find(entity.text, pos + 1)
        if best is None:
            report.not_found.append(entity)
            continue
        moved = Entity(best, best + len(entity.text), entity.label, entity.text)
        report.reanchored.append((entity, moved))
        out.append(moved)
        drift, prev_end = best - entity.start, moved.end
    return out, report


class SilverAnnotator:
    """Runs a spaCy NER pipeline (installed name or path) and maps its labels to PER/ORG/LOC/MISC."""

    def __init__(self, pipeline: str):
        self.pipeline = pipeline
        self._nlp = None

    def check(self) -> None:
        """Load the pipeline now (ValueError when it cannot be loaded or has no NER component)."""
        _ = self.nlp

    @property
    def nlp(self):
        if self._nlp is None:
            from gonerd.tokenize import load_pipeline

            self._nlp = load_pipeline(self.pipeline)
            if "ner" not in self._nlp.pipe_names and "entity_ruler" not in self._nlp.pipe_names:
                raise ValueError(f"spaCy pipeline {self.pipeline!r} has no 'ner' or 'entity_ruler' component")
        return self._nlp

    @property
    def model_version(self) -> str:
        meta = self.nlp.meta
        return f"spacy:{meta.get('lang', '?')}_{meta.get('name', self.pipeline)}-{meta.get('version', '?')}"

    def __call__(self, text: str) -> tuple[list[Entity], Counter]:
        nlp = self.nlp
        nlp.max_length = max(nlp.max_length, len(text) + 1)
        ignored: Counter = Counter()
        entities = []
        for ent in nlp(text).ents:
            label = ONTONOTES_TO_CONLL.get(ent.label_, "unknown")
            if label is None or label == "unknown":
                ignored[ent.label_] += 1
                continue
            entities.append(Entity(ent.start_char, ent.end_char, label, ent.text))
        return entities, ignored
