"""The one document schema every part of gonerd reads and writes.

Character spans (``entities``) are the source of truth; ``tokens``/``token_offsets`` come from the tokenizer and
``ner_tags`` are derived from the spans (see :mod:`gonerd.spans`). The Hugging Face ``datasets.Features`` are
generated from the tables below, so the parquet files, the dataset card and the loaders cannot disagree.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # datasets is imported lazily: `gonerd --help` must stay fast
    import datasets

ENTITY_TYPES: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")
# IOB2 tag names in the order CoNLL-2003 uses on the Hub: tag ids are interchangeable with it.
NER_TAGS: tuple[str, ...] = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
TAG2ID: dict[str, int] = {tag: i for i, tag in enumerate(NER_TAGS)}
SOURCE_TYPES: tuple[str, ...] = ("news", "legal")
# "none": built without annotation (e.g. the raw corpus for an annotation campaign)
ANNOTATION_KINDS: tuple[str, ...] = ("gold", "silver", "none")
SPLITS: tuple[str, ...] = ("train", "validation", "test")

SourceType = Literal["news", "legal"]
AnnotationKind = Literal["gold", "silver"]


@dataclass
class Entity:
    """A labelled character span: ``text == document.text[start:end]`` (``end`` exclusive)."""

    start: int
    end: int
    label: str
    text: str


@dataclass
class Annotation:
    """Where a document's entities come from."""

    kind: str  # "gold" | "silver" | "none"
    annotators: list[str] = field(default_factory=list)  # annotator ids (gold)
    model: str | None = None  # model name and version (silver)


@dataclass
class DocumentRecord:
    """One row of a GONERD dataset."""

    id: str
    source_type: str
    source: str
    url: str | None
    title: str | None
    published: str | None
    text: str
    entities: list[Entity]
    tokens: list[str]
    token_offsets: list[tuple[int, int]]
    ner_tags: list[str]
    annotation: Annotation
    num_tokens: int

    def to_row(self) -> dict[str, Any]:
        """The row as stored in parquet/JSONL (class labels as names; ClassLabel encodes them). Built field by
        field: ``dataclasses.asdict`` deep-copies every token and took most of the split step's time."""
        ann = self.annotation
        return {
            "id": self.id,
            "source_type": self.source_type,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "text": self.text,
            "entities": [{"start": e.start, "end": e.end, "label": e.label, "text": e.text} for e in self.entities],
            "tokens": list(self.tokens),
            "token_offsets": [{"start": s, "end": e} for s, e in self.token_offsets],
            "ner_tags": list(self.ner_tags),
            "annotation": {"kind": ann.kind, "annotators": list(ann.annotators), "model": ann.model},
            "num_tokens": self.num_tokens,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> DocumentRecord:
        """A record from a stored row, whether its class labels are names or ClassLabel ids (as loaded)."""
        tags = [NER_TAGS[t] if isinstance(t, int) else t for t in row["ner_tags"]]
        offsets = [(o["start"], o["end"]) if isinstance(o, dict) else tuple(o) for o in row["token_offsets"]]
        ann = row["annotation"]
        entities = [
            Entity(e["start"], e["end"], ENTITY_TYPES[e["label"]] if isinstance(e["label"], int) else e["label"],
                   e["text"])
            for e in row["entities"]
        ]
        return cls(
            id=row["id"],
            source_type=_name(SOURCE_TYPES, row["source_type"]),
            source=row["source"],
            url=row.get("url"),
            title=row.get("title"),
            published=row.get("published"),
            text=row["text"],
            entities=entities,
            tokens=list(row["tokens"]),
            token_offsets=offsets,
            ner_tags=list(tags),
            annotation=Annotation(
                kind=_name(ANNOTATION_KINDS, ann["kind"]),
                annotators=list(ann.get("annotators") or []),
                model=ann.get("model"),
            ),
            num_tokens=row["num_tokens"],
        )


def _name(names: tuple[str, ...], value: int | str) -> str:
    return names[value] if isinstance(value, int) else value


def document_id(
    url: str | None = None, content: bytes | str | None = None, *, content_sha1: str | None = None
) -> str:
    """A stable document id: from the normalised source URL when there is one, else from the raw content.

    Raw bytes (not the cleaned text) are hashed so that improving the cleaning rules does not change ids.
    """
    if url:
        from gonerd.urls import normalize_url

        digest = hashlib.sha1(normalize_url(url).encode("utf-8")).hexdigest()
        return f"u{digest[:15]}"
    if content_sha1 is None:
        if content is None:
            raise ValueError("document_id needs a url or the document's content")
        data = content.encode("utf-8") if isinstance(content, str) else content
        content_sha1 = hashlib.sha1(data).hexdigest()
    return f"c{content_sha1[:15]}"


# The columns of a GONERD row, declared once: "string"/"int32" values, label tables (ClassLabel: stored as ids),
# lists and structs. datasets' Features, the arrow schema of the parquet files and the README's dataset_info are
# all rendered from it (the build writes parquet with pyarrow alone: importing datasets costs seconds).
COLUMNS: dict[str, Any] = {
    "id": "string",
    "source_type": SOURCE_TYPES,
    "source": "string",
    "url": "string",
    "title": "string",
    "published": "string",
    "text": "string",
    "entities": [{"start": "int32", "end": "int32", "label": ENTITY_TYPES, "text": "string"}],
    "tokens": ["string"],
    "token_offsets": [{"start": "int32", "end": "int32"}],
    "ner_tags": [NER_TAGS],
    "annotation": {"kind": ANNOTATION_KINDS, "annotators": ["string"], "model": "string"},
    "num_tokens": "int32",
}


def features() -> datasets.Features:
    """The ``datasets.Features`` of a GONERD dataset, rendered from :data:`COLUMNS`."""
    import datasets

    def render(spec):
        if isinstance(spec, str):
            return datasets.Value(spec)
        if isinstance(spec, tuple):
            return datasets.ClassLabel(names=list(spec))
        if isinstance(spec, list):
            return datasets.List(render(spec[0]))
        return {name: render(sub) for name, sub in spec.items()}

    return datasets.Features(render(COLUMNS))


def _features_dict(spec) -> dict:
    """datasets' ``Features.to_dict()`` form (kept in the parquet schema metadata, as datasets writes it)."""
    if isinstance(spec, str):
        return {"dtype": spec, "_type": "Value"}
    if isinstance(spec, tuple):
        return {"names": list(spec), "_type": "ClassLabel"}
    if isinstance(spec, list):
        return {"feature": _features_dict(spec[0]), "_type": "List"}
    return {name: _features_dict(sub) for name, sub in spec.items()}


def arrow_schema():
    """The parquet files' ``pyarrow.Schema`` (class labels as int64 ids), with datasets' features metadata."""
    import json

    import pyarrow as pa

    def render(spec):
        if isinstance(spec, str):
            return pa.string() if spec == "string" else pa.int32()
        if isinstance(spec, tuple):
            return pa.int64()
        if isinstance(spec, list):
            return pa.list_(render(spec[0]))
        return pa.struct([(name, render(sub)) for name, sub in spec.items()])

    metadata = {"huggingface": json.dumps({"info": {"features": _features_dict(COLUMNS)}})}
    return pa.schema([(name, render(spec)) for name, spec in COLUMNS.items()], metadata=metadata)


def features_yaml() -> list[dict]:
    """The ``dataset_info.features`` list of the README's YAML header (datasets' ``DatasetInfo`` YAML form)."""

    def dtype(spec):
        if isinstance(spec, str):
            return {"dtype": spec}
        if isinstance(spec, tuple):
            return {"dtype": {"class_label": {"names": {str(i): n for i, n in enumerate(spec)}}}}
        if isinstance(spec, list):
            inner = dtype(spec[0])
            return {"list": inner.get("dtype", inner.get("struct"))}
        return {"struct": [{"name": name, **dtype(sub)} for name, sub in spec.items()]}

    out = []
    for name, spec in COLUMNS.items():
        entry = dtype(spec)
        if isinstance(spec, list) and isinstance(spec[0], dict):
            entry = {"list": [{"name": n, **dtype(sub)} for n, sub in spec[0].items()]}
        out.append({"name": name, **entry})
    return out


def _has_labels(spec) -> bool:
    if isinstance(spec, tuple):
        return True
    if isinstance(spec, list):
        return _has_labels(spec[0])
    return isinstance(spec, dict) and any(_has_labels(sub) for sub in spec.values())


def _encode(value, spec):
    if value is None or not _has_labels(spec):  # nothing to encode below (tokens, offsets): kept as it is
        return value
    if isinstance(spec, tuple):
        return spec.index(value) if isinstance(value, str) else value
    if isinstance(spec, list):
        inner = spec[0]
        if isinstance(inner, tuple):
            ids = {name: i for i, name in enumerate(inner)}
            return [ids[v] if isinstance(v, str) else v for v in value]
        return [_encode(v, inner) for v in value]
    return {name: _encode(value.get(name), sub) for name, sub in spec.items()}


def encode_row(row: dict[str, Any]) -> dict[str, Any]:
    """A stored row (class labels as names) with class labels as their ids, as the parquet files hold them."""
    return {name: _encode(row[name], spec) for name, spec in COLUMNS.items()}
