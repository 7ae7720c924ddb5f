"""The inline entity markup the demo texts are written in.

A text is a sequence of blocks separated by blank lines; the lines of one block are joined with single
spaces. Entities are written ``[Marta Oyelaran|PER]``; the parser strips the markup and computes the
character spans, so no offset is ever written by hand. A block may start with a prefix that tells the
renderers how to show it:

``## `` a heading, ``> `` a block quote, ``| `` a flush-left line (signatures, "IT IS SO ORDERED.").

The prefix is not part of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gonerd.schema import ENTITY_TYPES, Entity

LABELS = "|".join(ENTITY_TYPES)
ENTITY_RE = re.compile(r"\[([^\[\]|\n]+)\|(" + LABELS + r")\]")
# Anything that still looks like markup after parsing is a bug in the source text.
LEAK_RE = re.compile(r"\|(?:" + LABELS + r")\]|\[[^\[\]\n]{1,80}\|(?:" + LABELS + r")\b")
BLOCK_KINDS = {"## ": "heading", "> ": "quote", "| ": "line"}
SEPARATOR = "\n\n"


@dataclass
class Block:
    """One paragraph of a document: plain text, its kind and its entities (offsets relative to the block)."""

    text: str
    kind: str = "p"  # "p" | "heading" | "quote" | "line"
    entities: list[Entity] = field(default_factory=list)


@dataclass
class Parsed:
    """A parsed text: its blocks, the reference clean text (blocks joined by a blank line), its entities."""

    blocks: list[Block]
    text: str
    entities: list[Entity]


def strip_markup(marked: str) -> tuple[str, list[Entity]]:
    """Remove the ``[text|LABEL]`` markup from one line of text; return the plain text and its spans."""
    out: list[str] = []
    entities: list[Entity] = []
    pos = 0
    length = 0
    for match in ENTITY_RE.finditer(marked):
        before = marked[pos : match.start()]
        out.append(before)
        length += len(before)
        surface, label = match.group(1), match.group(2)
        if surface != surface.strip():
            raise ValueError(f"entity with surrounding spaces: {match.group(0)!r}")
        entities.append(Entity(start=length, end=length + len(surface), label=label, text=surface))
        out.append(surface)
        length += len(surface)
        pos = match.end()
    out.append(marked[pos:])
    plain = "".join(out)
    leak = LEAK_RE.search(plain)
    if leak:
        raise ValueError(
            f"malformed entity markup near {plain[max(0, leak.start() - 30) : leak.end() + 10]!r}"
        )
    return plain, entities


def parse_blocks(marked: str) -> list[Block]:
    """Split a marked-up text into blocks (blank-line separated) and strip their markup."""
    blocks: list[Block] = []
    for raw in re.split(r"\n\s*\n", marked.strip()):
        line = " ".join(raw.split())
        if not line:
            continue
        kind = "p"
        for prefix, name in BLOCK_KINDS.items():
            if line.startswith(prefix):
                kind, line = name, line[len(prefix) :]
                break
        text, entities = strip_markup(line)
        blocks.append(Block(text=text, kind=kind, entities=entities))
    return blocks


def join_blocks(blocks: list[Block]) -> Parsed:
    """The reference clean text of some blocks (joined with a blank line) and their document-level spans."""
    parts: list[str] = []
    entities: list[Entity] = []
    offset = 0
    for i, block in enumerate(blocks):
        if i:
            offset += len(SEPARATOR)
        parts.append(block.text)
        entities.extend(
            Entity(start=e.start + offset, end=e.end + offset, label=e.label, text=e.text)
            for e in block.entities
        )
        offset += len(block.text)
    return Parsed(blocks=blocks, text=SEPARATOR.join(parts), entities=entities)


def parse(marked: str) -> Parsed:
    """Parse a whole marked-up text."""
    return join_blocks(parse_blocks(marked))


def plain(marked: str) -> str:
    """The text of a marked-up string, without its markup."""
    return strip_markup(marked)[0]


@dataclass(frozen=True)
class Marked:
    """Plain text and its entity spans, for text that is laid out line by line (captions, front matter) before
    it becomes part of a reference text. Padding only adds spaces, so spans survive it unchanged."""

    text: str
    entities: tuple[Entity, ...] = ()

    @classmethod
    def parse(cls, marked: str) -> Marked:
        text, entities = strip_markup(marked)
        return cls(text, tuple(entities))

    def __len__(self) -> int:
        return len(self.text)

    def __add__(self, other: Marked | str) -> Marked:
        other = other if isinstance(other, Marked) else Marked(other)
        shift = len(self.text)
        moved = (Entity(e.start + shift, e.end + shift, e.label, e.text) for e in other.entities)
        return Marked(self.text + other.text, (*self.entities, *moved))

    def __radd__(self, other: str) -> Marked:
        return Marked(other) + self

    def ljust(self, width: int) -> Marked:
        return self + " " * max(width - len(self.text), 0)

    def rjust(self, width: int) -> Marked:
        return " " * max(width - len(self.text), 0) + self

    def centre(self, width: int) -> Marked:
        """Like ``format(text, f"^{width}")``: the odd space goes to the right."""
        left = max(width - len(self.text), 0) // 2
        return (" " * left + self).ljust(width)

    def collapsed(self) -> Marked:
        """Runs of whitespace as one space, no whitespace at either end: how a paragraph reads once cleaned."""
        out: list[str] = []
        where: list[int] = []  # position in the output of every input character
        for char in self.text:
            if char.isspace():
                if out and out[-1] != " ":
                    out.append(" ")
                where.append(len(out))
            else:
                where.append(len(out))
                out.append(char)
        text = "".join(out).rstrip()
        entities = tuple(
            Entity(where[e.start], where[e.end - 1] + 1, e.label, e.text) for e in self.entities
        )
        for ent in entities:
            if text[ent.start : ent.end] != " ".join(ent.text.split()):
                raise ValueError(f"entity {ent.text!r} lost its place when collapsing {self.text!r}")
        return Marked(text, tuple(Entity(e.start, e.end, e.label, text[e.start : e.end]) for e in entities))

    def block(self, kind: str = "p") -> Block:
        return Block(text=self.text, kind=kind, entities=list(self.entities))
