"""Fixtures of the core tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_factory import Corpus, write_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return write_corpus(tmp_path / "corpus")
