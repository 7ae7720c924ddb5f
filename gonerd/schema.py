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


def features() -> datasets.Features:
    """The ``datasets.Features`` of a GONERD dataset, generated from the tables above."""
    import datasets

    string = datasets.Value("string")
    return datasets.Features(
        {
            "id": string,
            "source_type": datasets.ClassLabel(names=list(SOURCE_TYPES)),
            "source": string,
            "url": string,
            "title": string,
            "published": string,
            "text": string,
            "entities": datasets.List(
                {
                    "start": datasets.Value("int32"),
                    "end": datasets.Value("int32"),
                    "label": datasets.ClassLabel(names=list(ENTITY_TYPES)),
                    "text": string,
                }
            ),
            "tokens": datasets.List(string),
            "token_offsets": datasets.List({"start": datasets.Value("int32"), "end": datasets.Value("int32")}),
            "ner_tags": datasets.List(datasets.ClassLabel(names=list(NER_TAGS))),
            "annotation": {
                "kind": datasets.ClassLabel(names=list(ANNOTATION_KINDS)),
                "annotators": datasets.List(string),
                "model": string,
            },
            "num_tokens": datasets.Value("int32"),
        }
    )
