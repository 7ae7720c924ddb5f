"""The fine-tuned NER model as a pre-annotator: annotation's entry-point lookup finds it and runs it on text."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytest.importorskip("torch")

REPO = Path(__file__).resolve().parents[2]
CONLL = "ner-conll/conll2003-format/eng.testb.first3docs.iob1.txt"


@pytest.fixture(scope="module")
def ner_run(sources, tmp_path_factory) -> Path:
    from shared_fixtures import SHARED_FIXTURES, require_fixture

    from baselines.finetuning import finetune

    data = require_fixture(SHARED_FIXTURES / CONLL)
    out = tmp_path_factory.mktemp("ner") / "run"
    # one gentle step: the head stays close to random, so the model predicts entities of every type
    finetune(sources["roberta"], {"task": "conll", "data": str(data), "train_split": "test", "max_length": 64,
                                  "stride": 16, "max_train_examples": 1},
             {"max_steps": 1, "batch_size": 2, "learning_rate": 1e-6, "progress": False}, out=out, evaluate=False)
    return out


def test_annotation_finds_and_runs_the_baselines_ner_preannotator(ner_run, tiny):
    from annotation.preannotators import PreAnnotator, available, checked, load_preannotator

    assert available()["baselines-ner"] == "baselines.preannotate:factory"
    annotator = load_preannotator(f"baselines-ner:{ner_run},max_length=64,stride=16")
    assert isinstance(annotator, PreAnnotator)
    assert annotator.model_version.startswith("baselines-ner:")
    long_text = " ".join(tiny.texts) * 3  # longer than one 64-token window
    texts = [long_text, "Marie Dupont", ""]
    spans = checked(annotator, texts)  # offsets inside the text, CoNLL labels, scores in [0, 1]
    assert len(spans) == 3 and spans[2] == []
    assert spans[0], "a random-headed model predicts some entities"
    from gonerd.tokenize import Tokenizer

    _, offsets = Tokenizer()(long_text)
    starts, ends = {s for s, _ in offsets}, {e for _, e in offsets}
    for span in spans[0]:
        assert span.start in starts and span.end in ends  # on the build's token boundaries
        assert span.score is not None and 0 <= span.score <= 1
    assert load_preannotator(f"baselines-ner:{ner_run},max_length=64,stride=16").predict(texts) == spans[:3]


def test_bad_preannotator_arguments_are_user_errors(ner_run):
    from annotation.preannotators import load_preannotator
    from gonerd.errors import UserError

    with pytest.raises(UserError, match="needs a model"):
        load_preannotator("baselines-ner")
    with pytest.raises(UserError, match="batch_size="):
        load_preannotator(f"baselines-ner:{ner_run},colour=red")
    with pytest.raises(FileNotFoundError):
        load_preannotator("baselines-ner:./no/such/run")


def test_annotation_never_imports_baselines():
    for path in (REPO / "annotation").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n == "baselines" or n.startswith("baselines.") for n in names), path
