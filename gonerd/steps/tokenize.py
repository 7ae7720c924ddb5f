"""Step 6: tokenisation with character offsets (spaCy tokenizer; see :mod:`gonerd.tokenize`)."""

from __future__ import annotations

from datatrove.data import DocumentsPipeline

from gonerd.steps.base import CountingStep
from gonerd.tokenize import DEFAULT_TOKENIZER, Tokenizer


class TokenizeDocuments(CountingStep):
    name = "tokenize"

    def __init__(self, pipeline: str = DEFAULT_TOKENIZER):
        super().__init__()
        self.tokenizer = Tokenizer(pipeline)

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.received()
            with self.track_time():
                tokens, offsets = self.tokenizer(doc.text)
            if not tokens:
                self.dropped("no_tokens", f"{doc.metadata['origin']}: no tokens")
                continue
            doc.metadata["tokens"] = tokens
            doc.metadata["token_offsets"] = offsets
            doc.metadata["num_tokens"] = len(tokens)
            self.stat_update("tokens", value=len(tokens))
            self.passed()
            yield doc
