"""Continued MLM pretraining: runs for every architecture, writes provenance and curves, resumes."""

from __future__ import annotations

import json

import pytest

torch = pytest.importorskip("torch")


def _settings(**kw):
    from baselines.arguments import TrainingArguments

    return TrainingArguments(**{"batch_size": 2, "learning_rate": 1e-3, "logging_steps": 1, "save_steps": 2,
                                "save_total_limit": None, "progress": False, **kw})


def _data(corpus, **kw):
    from baselines.arguments import CorpusArguments

    return CorpusArguments(sources=[str(corpus)], **kw)


@pytest.mark.parametrize("arch", ["longformer", "bigbird", "lsg", "nystromformer"])
def test_pretrain_runs_and_saves(converted, corpus, tmp_path, arch):
    from baselines import load_model, pretrain

    out = tmp_path / "run"
    final = pretrain(converted[("roberta", arch)], _data(corpus, max_length=256 if arch != "nystromformer" else None),
                     _settings(max_steps=2), out=out)
    assert final == out / "model"
    model = load_model(final, head="masked-lm")
    before = load_model(converted[("roberta", arch)], head="masked-lm")
    changed = [n for n, p in model.state_dict().items() if not torch.equal(p, before.state_dict()[n])]
    assert changed, "training did not change any weight"
    provenance = json.loads((out / "provenance.json").read_text())
    assert provenance["status"] == "finished" and provenance["global_step"] == 2
    assert provenance["seeds"] == {"seed": 42} and provenance["data"]["sequences"] > 0
    curve = json.loads((out / "training_curve.json").read_text())
    assert [h["step"] for h in curve["log_history"] if "loss" in h] == [1, 2]


def test_pretrain_resumes_from_checkpoint(converted, corpus, tmp_path):
    from baselines import pretrain

    model = converted[("bert", "lsg")]
    out = tmp_path / "run"
    data = _data(corpus, max_length=128)
    pretrain(model, data, _settings(max_steps=2), out=out)
    assert (out / "checkpoints" / "checkpoint-2").is_dir()
    with pytest.raises(FileExistsError, match="--resume"):
        pretrain(model, data, _settings(max_steps=4), out=out)
    pretrain(model, data, _settings(max_steps=4), out=out, resume=True)
    provenance = json.loads((out / "provenance.json").read_text())
    assert provenance["global_step"] == 4
    assert provenance["settings"]["resume_from"].endswith("checkpoint-2")
    # the first run's record is kept, not overwritten
    [first] = provenance["previous_runs"]
    assert first["global_step"] == 2 and first["status"] == "finished" and first["settings"]["resume_from"] is None
    assert "previous_runs" not in first
    steps = [h["step"] for h in json.loads((out / "training_curve.json").read_text())["log_history"] if "loss" in h]
    assert steps[-2:] == [3, 4] and (out / "checkpoints" / "checkpoint-4").is_dir()


def test_gradient_accumulation_averages_micro_batches(converted, corpus, tmp_path):
    """batch 1 x accumulation 2 reports (and steps on) the same scale of loss as batch 2 x 1, not twice it."""
    from baselines import pretrain

    losses = {}
    for batch, accum in ((2, 1), (1, 2)):
        out = tmp_path / f"b{batch}a{accum}"
        pretrain(converted[("roberta", "longformer")], _data(corpus, max_length=128),
                 _settings(max_steps=1, batch_size=batch, grad_accum=accum, learning_rate=0.0), out=out)
        log = json.loads((out / "training_curve.json").read_text())["log_history"]
        losses[(batch, accum)] = next(h["loss"] for h in log if "loss" in h)
    ratio = losses[(1, 2)] / losses[(2, 1)]
    assert 0.75 < ratio < 1.33, losses


@pytest.mark.parametrize("arch", ["longformer", "bigbird", "lsg", "nystromformer"])
def test_bf16_autocast_with_gradient_checkpointing(converted, corpus, tmp_path, arch):
    """Mixed precision (bf16 autocast, here on CPU) and gradient checkpointing work for every architecture
    (BigBird's block-sparse attention needs our float32 workaround for this)."""
    from baselines import pretrain

    out = tmp_path / "run"
    pretrain(converted[("bert", arch)], _data(corpus, max_length=256 if arch != "nystromformer" else None),
             _settings(max_steps=1, precision="bf16", gradient_checkpointing=True), out=out)
    log = json.loads((out / "training_curve.json").read_text())["log_history"]
    assert all(torch.isfinite(torch.tensor(h["loss"])) for h in log if "loss" in h)


class _StopAt:
    """A TrainerCallback that ends the run after ``step`` optimizer steps (as a killed job would, after saving)."""

    def __new__(cls, step):
        from transformers import TrainerCallback

        class Stop(TrainerCallback):
            def on_step_end(self, args, state, control, **kwargs):
                if state.global_step >= step:
                    control.should_training_stop = True

        return Stop()


def _weights(folder):
    from safetensors.torch import load_file

    return load_file(folder / "model.safetensors")


def _losses(out):
    return [(h["step"], h["loss"]) for h in json.loads((out / "training_curve.json").read_text())["log_history"]
            if "loss" in h]


@pytest.mark.parametrize("command", ["pretrain", "distill"])
def test_resumed_run_equals_uninterrupted_run(converted, corpus, tmp_path, command):
    """Same max_steps (same LR schedule), stopped after its step-2 checkpoint and resumed from it: the same
    masks, weights and losses as a run that was never interrupted. 6 sequences of batch 2: the resume falls in
    the middle of the first epoch (where transformers collates the first batch before restoring the RNG) and
    steps 4-5 are the second epoch, so the epoch seeding is covered too."""
    import baselines

    run = getattr(baselines, command)
    model = converted[("bert", "lsg")]
    args = [_data(corpus, max_length=128, max_train_examples=6), _settings(max_steps=5, seed=7)]
    if command == "distill":
        args.append({"layers": [1]})
    run(model, *args, out=tmp_path / "straight")
    run(model, *args, out=tmp_path / "resumed", callbacks=[_StopAt(2)])
    assert not (tmp_path / "resumed" / "checkpoints" / "checkpoint-4").exists()
    assert [s for s, _ in _losses(tmp_path / "resumed")] == [1, 2]
    run(model, *args, out=tmp_path / "resumed", resume=True)

    straight, resumed = _weights(tmp_path / "straight" / "model"), _weights(tmp_path / "resumed" / "model")
    assert straight.keys() == resumed.keys()
    diff = max((straight[k] - resumed[k]).abs().max().item() for k in straight)
    assert diff < 1e-6, diff
    a, b = _losses(tmp_path / "straight"), _losses(tmp_path / "resumed")
    assert [s for s, _ in a] == [s for s, _ in b] == [1, 2, 3, 4, 5]
    assert [x for _, x in a] == pytest.approx([x for _, x in b], rel=1e-6, abs=1e-7)
    provenance = json.loads((tmp_path / "resumed" / "provenance.json").read_text())
    assert [r["global_step"] for r in provenance["previous_runs"]] == [2] and provenance["global_step"] == 5


@pytest.mark.parametrize("arch", ["bigbird", "nystromformer"])
def test_mlm_head_reads_masked_rows_only(converted, corpus, tmp_path, arch):
    """The MLM head projects only the masked positions to the vocabulary; the loss is the model's own
    cross-entropy over all positions' logits (labels -100 elsewhere)."""
    from transformers import AutoTokenizer
    from transformers import TrainingArguments as HFArguments

    from baselines import load_model
    from baselines.data.masking import mlm_collator
    from baselines.data.packing import training_data
    from baselines.modeling_utils import mlm_head
    from baselines.training import MaskedLMTrainer

    path = converted[("roberta", arch)]
    model = load_model(path, head="masked-lm").eval()
    tokenizer = AutoTokenizer.from_pretrained(path)
    length = 512 if arch == "nystromformer" else 200
    data, _ = training_data([f"{corpus}:1:{length}"], tokenizer, length, max_examples=2)
    batch = mlm_collator(tokenizer, model.config, mlm_probability=0.3)([data[0], data[1]])
    trainer = MaskedLMTrainer(model=model, args=HFArguments(str(tmp_path), report_to="none"))
    rows = []
    mlm_head(model).register_forward_hook(lambda m, a, out: rows.append(out.shape[0]))
    loss = trainer.compute_loss(model, batch)
    assert rows == [int((batch["labels"] != -100).sum())]
    with torch.no_grad():
        expected = model(**batch).loss
    assert loss.item() == pytest.approx(expected.item(), rel=1e-5)


def test_evaluation_every_n_steps_with_fixed_masks(converted, corpus, tmp_path):
    """--eval-steps 1 over 2 steps: one evaluation per step (none repeated at the end), with the same masks each
    time: at learning rate 0 the model does not move, so both evaluations give the same loss although training
    moved on to its second masking epoch."""
    from baselines import pretrain

    out = tmp_path / "run"
    data = _data(corpus, max_length=128, max_train_examples=2, eval_sources=[f"{corpus}:1:64"], max_eval_examples=3)
    pretrain(converted[("bert", "lsg")], data, _settings(max_steps=2, learning_rate=0.0, eval_steps=1), out=out)
    log = json.loads((out / "training_curve.json").read_text())["log_history"]
    evaluations = [h for h in log if "eval_loss" in h]
    assert [h["step"] for h in evaluations] == [1, 2]
    assert evaluations[0]["eval_loss"] == pytest.approx(evaluations[1]["eval_loss"], rel=1e-6)
    provenance = json.loads((out / "provenance.json").read_text())
    assert provenance["eval_metrics"]["eval_loss"] == evaluations[1]["eval_loss"]
    assert provenance["data"]["eval"]["sequences"] == 3
