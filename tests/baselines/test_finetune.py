"""Fine-tuning and evaluation on tiny models: NER over document windows, QA, GLUE classification and regression,
Longformer's global attention, Nyströmformer's fixed length, predictions that reload and score the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

CONLL = "ner-conll/conll2003-format/eng.testb.first3docs.iob1.txt"
SQUAD = "hf-formats/squad_v1.1/allennlp_models/squad.json"
GLUE = "hf-formats/glue/hf_dummy"
FAST = {"max_steps": 6, "batch_size": 4, "learning_rate": 3e-3, "logging_steps": 3, "save_steps": 3,
        "progress": False}


@pytest.fixture(scope="module")
def fixtures() -> Path:
    from shared_fixtures import SHARED_FIXTURES, require_fixture

    for path in (CONLL, SQUAD, GLUE):
        require_fixture(SHARED_FIXTURES / path)
    return SHARED_FIXTURES


def _ner_task(fixtures: Path, **extra) -> dict:
    # three long CoNLL-2003 test documents, 128-token windows: every document becomes several windows
    return {"task": "conll", "data": str(fixtures / CONLL), "train_split": "test", "eval_split": "test",
            "max_length": 128, "stride": 32, **extra}


def test_ner_predictions_reload_and_score_the_same(converted, fixtures, tmp_path):
    from baselines.evaluation import evaluate_model
    from baselines.finetuning import finetune
    from baselines.results import read_results

    task = _ner_task(fixtures)
    gentle = {**FAST, "max_steps": 3, "learning_rate": 1e-4}  # the random head's predictions still vary
    final = finetune(
        converted[("roberta", "lsg")], task, gentle, out=tmp_path / "run",
        info={"architecture": "lsg", "role": "student", "order": "convert_then_distill"})
    assert final == tmp_path / "run" / "model"
    # the score right after training, computed on the in-memory model ...
    (after_training,) = read_results(tmp_path / "run" / "scores.jsonl")
    assert after_training.task == "conll" and after_training.split == "test" and after_training.examples == 3
    assert after_training.model.order == "convert_then_distill" and after_training.model.role == "student"
    provenance = json.loads((tmp_path / "run" / "provenance.json").read_text())
    assert provenance["status"] == "finished" and provenance["settings"]["task"]["stride"] == 32
    assert provenance["data"]["train_features"] > provenance["data"]["train_examples"] == 3  # windows
    assert provenance["scores"]["test"]["score"] == after_training.score
    # ... and after reloading the saved folder in a new model object: the same predictions, the same metrics
    reloaded = evaluate_model(tmp_path / "run", task, split="test", predictions=tmp_path / "pred", progress=False)
    assert reloaded.metrics == pytest.approx(after_training.metrics, nan_ok=True)
    first = (tmp_path / "run" / "predictions" / "test" / "predictions.conll").read_text()
    second = (tmp_path / "pred" / "predictions.conll").read_text()
    assert first == second
    predicted = {line.split()[2] for line in second.splitlines() if line and not line.startswith("-DOCSTART-")}
    assert len(predicted) > 1  # a real model output, not all "O"
    # one line per word of the three documents (the gold file's words), none lost in the window merge
    gold_words = [line for line in (fixtures / CONLL).read_text().splitlines()
                  if line.strip() and not line.startswith("-DOCSTART-")]
    assert sum(1 for line in second.splitlines() if line and not line.startswith("-DOCSTART-")) == len(gold_words)
    assert reloaded.metrics["words_in_no_window"] == 0 and reloaded.metrics["windows"] > 3
    assert "strict IOB2" in (tmp_path / "pred" / "confusion.md").read_text()
    assert {"strict.micro.f1", "conlleval.micro.f1", "token_accuracy"} <= set(reloaded.metrics)


def test_a_resumed_finetune_ends_where_an_uninterrupted_one_does(sources, fixtures, tmp_path):
    from transformers import TrainerCallback

    from baselines.finetuning import finetune
    from baselines.loading import load_model

    class StopAfter(TrainerCallback):
        def on_step_end(self, args, state, control, **kwargs):
            if state.global_step == 3:
                control.should_training_stop = True

    task = _ner_task(fixtures)
    finetune(sources["bert"], task, FAST, out=tmp_path / "whole", evaluate=False)
    finetune(sources["bert"], task, FAST, out=tmp_path / "cut", evaluate=False, callbacks=[StopAfter()])
    with pytest.raises(FileExistsError, match="--resume"):
        finetune(sources["bert"], task, FAST, out=tmp_path / "cut", evaluate=False)
    finetune(sources["bert"], task, FAST, out=tmp_path / "cut", evaluate=False, resume=True)
    provenance = json.loads((tmp_path / "cut" / "provenance.json").read_text())
    assert provenance["settings"]["resume_from"].endswith("checkpoint-3") and provenance["previous_runs"]
    whole = load_model(tmp_path / "whole", head="token-classification").state_dict()
    cut = load_model(tmp_path / "cut", head="token-classification").state_dict()
    assert all(torch.allclose(whole[k], cut[k], atol=1e-6) for k in whole)


def test_qa_finetune_and_evaluate_on_long_contexts(converted, fixtures, tmp_path):
    from baselines.evaluation import evaluate_model
    from baselines.finetuning import finetune

    task = {"task": "squad", "data": str(fixtures / SQUAD), "eval_split": "train", "test_split": "train",
            "max_length": 128, "doc_stride": 16}
    finetune(converted[("roberta", "longformer")], task, FAST, out=tmp_path / "qa")
    record = evaluate_model(tmp_path / "qa", task, predictions=tmp_path / "pred", progress=False)
    assert record.metric == "f1" and record.examples == 5 and 0 <= record.score <= 100
    assert record.metrics["windows"] > 5  # contexts longer than one window
    predictions = json.loads((tmp_path / "pred" / "predictions.json").read_text())
    nbest = json.loads((tmp_path / "pred" / "nbest_predictions.json").read_text())
    assert set(predictions) == set(nbest) and len(predictions) == 5 and any(nbest.values())
    provenance = json.loads((tmp_path / "qa" / "provenance.json").read_text())
    assert provenance["settings"]["global_attention"] == "question"
    too_long = {**task, "max_length": 40, "doc_stride": 20}
    with pytest.raises(ValueError, match="lower --doc-stride or raise --max-length"):
        evaluate_model(tmp_path / "qa", too_long, progress=False)


def test_squad_v2_reports_no_answer_scores(sources, fixtures, tmp_path):
    from baselines.evaluation import evaluate_model

    data = json.loads((fixtures / SQUAD).read_text())
    for paragraph in data["data"][0]["paragraphs"]:
        for qa in paragraph["qas"][:1]:
            qa["answers"], qa["is_impossible"] = [], True
    data["version"] = "v2.0"
    (tmp_path / "dev-v2.0.json").write_text(json.dumps(data))
    task = {"task": "squad_v2", "data": str(tmp_path / "dev-v2.0.json"), "test_split": "validation",
            "max_length": 128, "doc_stride": 16}
    record = evaluate_model(sources["roberta"], task, predictions=tmp_path / "pred", progress=False)
    assert {"has_answer_f1", "no_answer_f1", "best_f1", "best_f1_threshold"} <= set(record.metrics)
    assert set(json.loads((tmp_path / "pred" / "null_odds.json").read_text())) == set(
        json.loads((tmp_path / "pred" / "predictions.json").read_text()))


@pytest.mark.parametrize("glue_task", ["mrpc", "stsb"])
def test_glue_classification_and_regression(sources, fixtures, glue_task, tmp_path):
    from baselines.evaluation import evaluate_model
    from baselines.finetuning import finetune
    from baselines.loading import load_model

    task = {"task": f"glue/{glue_task}", "data": str(fixtures / GLUE)}
    finetune(sources["bert"], task, FAST, out=tmp_path / glue_task)
    model = load_model(tmp_path / glue_task, head="sequence-classification")
    if glue_task == "stsb":
        assert model.config.problem_type == "regression" and model.config.num_labels == 1
    else:
        assert model.config.id2label == {0: "not_equivalent", 1: "equivalent"}
    record = evaluate_model(tmp_path / glue_task, task, split="validation", progress=False)
    assert record.metric == "score" and record.task == f"glue/{glue_task}"
    expected = {"pearson", "spearman"} if glue_task == "stsb" else {"accuracy", "f1"}
    assert expected <= set(record.metrics)


def test_longformer_global_attention_per_task(converted):
    from transformers import AutoConfig, AutoTokenizer

    from baselines.arguments import TaskArguments
    from baselines.tasks import get_task

    path = converted[("roberta", "longformer")]
    config, tokenizer = AutoConfig.from_pretrained(path), AutoTokenizer.from_pretrained(path)
    pair = tokenizer("the court heard", "the appeal of the city of Lyon in March")
    single = tokenizer("the court heard the appeal")
    sep = tokenizer.sep_token_id
    question_length = pair["input_ids"].index(sep)
    for name, row, expected in [
        ("conll", single, [0] * len(single["input_ids"])),
        ("glue/sst2", single, [1] + [0] * (len(single["input_ids"]) - 1)),
        ("squad", pair, [1] * question_length + [0] * (len(pair["input_ids"]) - question_length)),
    ]:
        task = get_task(TaskArguments(task=name))
        batch = task.collator(tokenizer, config, 512)([dict(row)])
        mask = batch["global_attention_mask"][0].tolist()
        assert mask[: len(expected)] == expected, name
        assert batch["input_ids"].shape[1] % 32 == 0  # padded to the attention window
    forced = get_task(TaskArguments(task="squad", global_attention="none"))
    assert forced.collator(tokenizer, config, 512)([dict(pair)])["global_attention_mask"].sum() == 0
    bert_like = get_task(TaskArguments(task="squad")).collator(tokenizer, AutoConfig.from_pretrained(
        converted[("roberta", "bigbird")]), 512)([dict(pair)])
    assert "global_attention_mask" not in bert_like


def test_nystromformer_inputs_are_padded_to_its_fixed_length(converted, fixtures, tmp_path):
    from baselines.evaluation import evaluate_model

    record = evaluate_model(converted[("bert", "nystromformer")], _ner_task(fixtures, max_test_examples=1),
                            split="test", progress=False)
    assert record.examples == 1 and record.metrics["windows"] > 1


def test_evaluate_cli_on_an_eval_file(converted, fixtures, tmp_path):
    from click.testing import CliRunner

    from baselines.cli import baselines
    from baselines.results import read_results

    model = converted[("bert", "bigbird")]
    result = CliRunner().invoke(baselines, [
        "evaluate", str(model), "--task", "conll2003", "--eval-file", str(fixtures / CONLL), "--max-length", "128",
        "--stride", "32", "--role", "student", "--order", "distill_then_convert", "--variant", "short",
        "--out", str(tmp_path / "r.jsonl"), "--no-progress"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (record,) = read_results(tmp_path / "r.jsonl")
    assert record.task == "conll/eng.testb.first3docs.iob1.txt" and record.examples == 3
    assert (record.model.architecture, record.model.order, record.model.variant) == (
        "bigbird", "distill_then_convert", "short")
    assert record.seconds > 0 and record.peak_memory_mb > 0
    bad = CliRunner().invoke(baselines, ["evaluate", str(model), "--task", "glue/sst2", "--eval-file",
                                         str(fixtures / CONLL), "--out", str(tmp_path / "x.jsonl")])
    assert bad.exit_code != 0 and "--eval-file scores NER models" in bad.output
