"""Step 6: tokenisation with character offsets (spaCy tokenizer; see :mod:`gonerd.tokenize`).

Between stages, token offsets and tags travel packed into strings (:func:`pack_offsets`, :func:`pack_tags`):
datatrove's JSONL writer deep-copies metadata value by value, which for lists of hundreds of thousands of offsets
cost more than the tokenisation itself. Tokens are not stored at all: a token is ``text[start:end]``.
"""

from __future__ import annotations

import base64

import numpy as np
from datatrove.data import Document

from gonerd.steps.base import DocumentStep, Drop
from gonerd.tokenize import DEFAULT_TOKENIZER, Tokenizer


class TokenizeDocuments(DocumentStep):
    name = "tokenize"

    def __init__(self, pipeline: str = DEFAULT_TOKENIZER, *, without_torch: bool = False):
        super().__init__()
        self.tokenizer = Tokenizer(pipeline, without_torch=without_torch)

    def process(self, doc: Document) -> Document | Drop:
        offsets = self.tokenizer.offsets(doc.text)  # tokens are text[start:end]: not built here
        if not offsets:
            return Drop("no_tokens", f"{doc.metadata['origin']}: no tokens")
        doc.metadata["token_offsets"] = pack_offsets(offsets)
        doc.metadata["num_tokens"] = len(offsets)
        self.stat_update("tokens", value=len(offsets))
        return doc


def pack_offsets(offsets: list[tuple[int, int]]) -> str:
    return base64.b64encode(np.asarray(offsets, dtype="<i4").reshape(-1).tobytes()).decode("ascii")


def unpack_offsets(packed: str) -> list[tuple[int, int]]:
    flat = np.frombuffer(base64.b64decode(packed), dtype="<i4").reshape(-1, 2)
    return list(map(tuple, flat.tolist()))  # Python ints; ten times faster than iterating the array's rows


def pack_tags(tags: list[str]) -> str:
    """One digit per token: the tag's id in :data:`gonerd.schema.NER_TAGS` (nine tags)."""
    from gonerd.schema import TAG2ID

    return "".join(str(TAG2ID[t]) for t in tags)


def unpack_tags(packed: str) -> list[str]:
    from gonerd.schema import NER_TAGS

    return [NER_TAGS[int(c)] for c in packed]
