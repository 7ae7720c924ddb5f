"""CoNLL-2003 text export and import.

Export writes one ``token -X- _ TAG`` line per token (IOB2 tags), a ``-DOCSTART- -X- -X- O`` line and a blank
line before each document, and a blank line between paragraphs (our documents are long and unsegmented, so the
paragraph stands in for CoNLL's sentence).

Import reads CoNLL-2003-style column files (the token in the first column, the NER tag in the last; space- or
tab-separated; ``-DOCSTART-`` lines split documents; blank lines split sentences). IOB1 tags (the original
CoNLL-2003 release) are converted to IOB2. The text is rebuilt by joining tokens with single spaces and sentences
with blank lines, so spans and offsets are exact on the rebuilt text.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gonerd.schema import Entity
from gonerd.spans import iob1_to_iob2, iob2_to_spans

DOCSTART = "-DOCSTART-"


class ConllFormatError(ValueError):
    """A malformed line; the message names the file and the line number."""


@dataclass
class ConllDocument:
    """A document read from a CoNLL file: sentences of (token, tag) plus the rebuilt text and spans."""

    sentences: list[list[tuple[str, str]]] = field(default_factory=list)
    start_line: int = 1

    @property
    def tokens(self) -> list[str]:
        return [tok for sent in self.sentences for tok, _ in sent]

    @property
    def tags(self) -> list[str]:
        return [tag for sent in self.sentences for _, tag in sent]

    def text_and_offsets(self) -> tuple[str, list[tuple[int, int]]]:
        parts: list[str] = []
        offsets: list[tuple[int, int]] = []
        pos = 0
        for si, sent in enumerate(self.sentences):
            if si:
                parts.append("\n\n")
                pos += 2
            for ti, (tok, _) in enumerate(sent):
                if ti:
                    parts.append(" ")
                    pos += 1
                offsets.append((pos, pos + len(tok)))
                parts.append(tok)
                pos += len(tok)
        return "".join(parts), offsets

    def entities(self) -> list[Entity]:
        text, offsets = self.text_and_offsets()
        return iob2_to_spans(text, offsets, self.tags)


def paragraphs_of(text: str, offsets: list[tuple[int, int]]) -> list[list[int]]:
    """Token indices grouped by paragraph (a paragraph ends where the text between two tokens has a blank line)."""
    groups: list[list[int]] = []
    for i, (start, _) in enumerate(offsets):
        if not groups or "\n\n" in text[offsets[i - 1][1] : start]:
            groups.append([])
        groups[-1].append(i)
    return groups


def write_conll(documents: Iterable[tuple[str, list[str], list[tuple[int, int]], list[str]]], out: io.TextIOBase):
    """Write ``(text, tokens, offsets, tags)`` documents in CoNLL-2003 layout."""
    for text, tokens, offsets, tags in documents:
        out.write(f"{DOCSTART} -X- -X- O\n\n")
        for group in paragraphs_of(text, offsets):
            for i in group:
                token = tokens[i]
                if not token or any(ch.isspace() for ch in token):
                    raise ValueError(f"token {token!r} cannot be written to a CoNLL file (empty or has whitespace)")
                out.write(f"{token} -X- _ {tags[i]}\n")
            out.write("\n")


def read_conll(path: str | Path, *, encoding: str = "utf-8", delimiter: str | None = None) -> list[ConllDocument]:
    """Read a CoNLL-2003-style file into documents with IOB2 tags.

    A file without ``-DOCSTART-`` lines is one document. Lines must have at least two columns (token and tag);
    anything else raises :class:`ConllFormatError` naming the file and line. Columns are split on any whitespace,
    or only on ``delimiter`` (e.g. ``"\t"`` for files whose tokens contain spaces).
    """
    path = Path(path)
    with open(path, encoding=encoding) as fh:
        return list(parse_conll(fh, name=str(path), delimiter=delimiter))


def parse_conll(
    lines: Iterable[str], *, name: str = "<conll>", delimiter: str | None = None
) -> Iterator[ConllDocument]:
    doc = ConllDocument()
    sentence: list[tuple[str, str]] = []

    def finish_doc() -> Iterator[ConllDocument]:
        # per sentence: an entity never continues across a sentence boundary
        if doc.sentences:
            doc.sentences = [
                list(zip([tok for tok, _ in sent], iob1_to_iob2([tag for _, tag in sent]), strict=True))
                for sent in doc.sentences
            ]
            yield doc

    for lineno, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            if sentence:
                doc.sentences.append(sentence)
                sentence = []
            continue
        if line.split()[0] == DOCSTART:
            if sentence:
                doc.sentences.append(sentence)
                sentence = []
            yield from finish_doc()
            doc = ConllDocument(start_line=lineno)
            continue
        cols = [c.strip() for c in line.split(delimiter) if c.strip()] if delimiter else line.split()
        if len(cols) < 2:
            raise ConllFormatError(f"{name}:{lineno}: expected 'token ... tag', got {line!r}")
        tag = cols[-1]
        if tag != "O" and (len(tag) < 3 or tag[:2] not in ("B-", "I-")):
            raise ConllFormatError(f"{name}:{lineno}: {tag!r} is not an IOB tag")
        sentence.append((cols[0], tag))
    if sentence:
        doc.sentences.append(sentence)
    yield from finish_doc()
