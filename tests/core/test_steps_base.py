"""The step base (a step returns a document or a Drop; the base counts) and the balance check of every build."""

from __future__ import annotations

from collections import Counter

import pytest
from datatrove.data import Document

from gonerd.accounting import AccountingError, StepCount, check_balance
from gonerd.build import run_build
from gonerd.config import BuildConfig
from gonerd.steps.base import DocumentStep, Drop


class EveryThird(DocumentStep):
    """Drops every third document, holds back documents whose text is "hold" until the end."""

    name = "every third"

    def __init__(self):
        super().__init__()
        self.held = []

    def process(self, doc: Document) -> Document | Drop | None:
        if int(doc.id) % 3 == 0:
            return Drop("third", f"{doc.id} is a multiple of three")
        if doc.text == "hold":
            self.held.append(doc)
            return None
        return doc

    def finish(self):
        yield from self.held


def docs(n: int, hold: set[int] = frozenset()):
    return [Document(text="hold" if i in hold else f"text {i}", id=str(i)) for i in range(1, n + 1)]


def test_the_base_counts_in_out_and_drops_with_reasons():
    step = EveryThird()
    heard = []
    step.drop_listener = lambda item, drop: heard.append((item.id, drop.reason))
    out = list(step.run(iter(docs(10, hold={2, 4}))))
    assert [d.id for d in out] == ["1", "5", "7", "8", "10", "2", "4"]  # held documents come last
    stats = {k: v.total for k, v in step.stats.stats.items()}
    assert stats["total"] == 10 and stats["forwarded"] == 7 and stats["dropped_third"] == 3
    assert heard == [("3", "third"), ("6", "third"), ("9", "third")]


def test_check_balance_finds_a_step_that_loses_documents_and_a_gap_between_steps():
    good = [StepCount("read", 10, 8, Counter(empty_input=2)), StepCount("extract", 8, 8)]
    check_balance(good)
    with pytest.raises(AccountingError, match=r"extract: 8 in != 7 out \+ 0 dropped"):
        check_balance([good[0], StepCount("extract", 8, 7)])
    with pytest.raises(AccountingError, match="read passed on 8 but extract received 7"):
        check_balance([good[0], StepCount("extract", 7, 7)])
    with pytest.raises(AccountingError, match="2 dropped without a reason"):
        check_balance([StepCount("read", 10, 8, Counter(unspecified=2))])


def test_a_build_whose_step_loses_a_document_fails_loudly(corpus, tmp_path, monkeypatch):
    """A step that forgets one document (a bug) must stop the build, not write a dataset one document short."""
    from gonerd.steps import identify

    original = identify.NameSource.run

    def forgetful(self, data=None, rank=0, world_size=1):
        for i, doc in enumerate(original(self, data, rank, world_size)):
            if i != 2:
                yield doc

    monkeypatch.setattr(identify.NameSource, "run", forgetful)
    config = BuildConfig(inputs=corpus.inputs, out=str(tmp_path / "ds"), gold=str(corpus.gold), min_tokens=20)
    with pytest.raises(AccountingError, match="source passed on 13 but tokenize received 12"):
        run_build(config, echo=lambda _: None, progress=False)
    assert not (tmp_path / "ds").exists()


def test_the_language_filter_reuses_the_extraction_s_identification_only() -> None:
    """ExtractMainText hands its identification of the extracted text to the language filter, which removes the
    key; a key of that name arriving with an input record is never trusted."""
    from datatrove.data import Document

    from gonerd.steps.extract import IDENTIFIED_LANGUAGE, ExtractMainText
    from gonerd.steps.filters import LanguageFilter

    english = "The harbour council met on Tuesday and approved the new ferry timetable for the northern districts."
    given = Document(text=english, id="a", metadata={"kind": "text", "origin": "a.jsonl:1",
                                                     IDENTIFIED_LANGUAGE: ("de", 1.0)})  # fmt: skip
    passed = ExtractMainText().process(given)
    assert IDENTIFIED_LANGUAGE not in passed.metadata
    kept = LanguageFilter(("en",)).process(passed)
    assert kept is passed and kept.metadata["language"] == "en"
    handed = Document(text=english, id="b", metadata={"origin": "b.html", IDENTIFIED_LANGUAGE: ("de", 0.97)})
    dropped = LanguageFilter(("en",)).process(handed)
    assert dropped.reason == "language_de" and IDENTIFIED_LANGUAGE not in handed.metadata
    assert handed.metadata["language_score"] == 0.97
