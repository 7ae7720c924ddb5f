"""Distillation: student initialisation, DistilBERT's loss terms, training on every architecture."""

from __future__ import annotations

import json

import pytest

torch = pytest.importorskip("torch")

ARCHS = ["longformer", "bigbird", "lsg", "nystromformer"]


@pytest.fixture(scope="module")
def teachers(sources, tiny, tmp_path_factory):
    """4-layer teachers of every architecture (from a 4-layer BERT)."""
    from baselines.convert import convert

    root = tmp_path_factory.mktemp("teachers")
    source = tiny.build_source("bert", root / "source", layers=4)
    return {arch: convert(str(source), arch, root / arch, max_length=256, check=False, **tiny.options[arch])
            for arch in ARCHS}


def test_default_layers_follow_distilbert():
    from baselines.distillation import default_student_layers

    assert default_student_layers(12, 6) == [0, 2, 4, 7, 9, 11]
    assert default_student_layers(24, 12)[0] == 0 and default_student_layers(24, 12)[-1] == 23
    assert default_student_layers(6, 3) == [0, 3, 5]
    assert default_student_layers(4, 1) == [0]
    with pytest.raises(ValueError):
        default_student_layers(4, 5)


@pytest.mark.parametrize("arch", ARCHS)
@pytest.mark.parametrize("layers", [None, [1, 2]])
def test_student_starts_from_the_chosen_teacher_layers(teachers, arch, layers):
    from baselines import load_model
    from baselines.distillation import make_student

    teacher = load_model(teachers[arch], head="masked-lm")
    student, chosen = make_student(teacher, layers=layers)
    assert chosen == (layers or [0, 3]) and student.config.num_hidden_layers == 2
    assert type(student) is type(teacher)
    t_layers, s_layers = teacher.base_model.encoder.layer, student.base_model.encoder.layer
    for s_index, t_index in enumerate(chosen):
        t_state, s_state = t_layers[t_index].state_dict(), s_layers[s_index].state_dict()
        assert t_state.keys() == s_state.keys()
        assert all(torch.equal(t_state[k], s_state[k]) for k in t_state)
    t_state, s_state = teacher.state_dict(), student.state_dict()
    for name in s_state:
        if ".encoder.layer." not in name:  # embeddings (global tokens too), head
            assert torch.equal(s_state[name], t_state[name]), name
    if arch == "longformer":
        assert len(student.config.attention_window) == 2


def _batch(teacher_path, corpus, n=4, length=64, seed=0):
    from transformers import AutoTokenizer

    from baselines.data import mlm_collator, training_data
    from baselines.loading import load_model

    tokenizer = AutoTokenizer.from_pretrained(teacher_path)
    config = load_model(teacher_path, head="masked-lm").config
    data, _ = training_data([str(corpus)], tokenizer, length, max_examples=n)
    torch.manual_seed(seed)
    return mlm_collator(tokenizer, config)([data[i] for i in range(n)])


@pytest.mark.parametrize("switched_off", ["alpha_ce", "alpha_mlm", "alpha_cos"])
def test_each_loss_term_can_be_switched_off(teachers, corpus, tmp_path, switched_off):
    """The total is exactly the weighted sum of the terms left on; the switched-off term is not computed."""
    from transformers import TrainingArguments

    from baselines import load_model
    from baselines.distillation import DistillationLoss, DistillationTrainer, make_student

    path = teachers["lsg"]
    teacher = load_model(path, head="masked-lm")
    student, _ = make_student(teacher)
    weights = DistillationLoss(**{switched_off: 0.0})
    trainer = DistillationTrainer(model=student, args=TrainingArguments(str(tmp_path), report_to="none"),
                                  teacher=teacher, weights=weights)
    batch = _batch(path, corpus)
    student.train()
    loss = trainer.compute_loss(student, batch)
    terms = {k: v / trainer._counts for k, v in trainer._sums.items()}
    name = {"alpha_ce": "loss_ce", "alpha_mlm": "loss_mlm", "alpha_cos": "loss_cos"}
    assert name[switched_off] not in terms and len(terms) == 2
    expected = sum(getattr(weights, a) * terms[t] for a, t in name.items() if a != switched_off)
    assert loss.item() == pytest.approx(expected, rel=1e-5)

    only_ce = DistillationTrainer(model=student, args=TrainingArguments(str(tmp_path), report_to="none"),
                                  teacher=teacher, weights=DistillationLoss(alpha_ce=1.0, alpha_mlm=0, alpha_cos=0))
    torch.manual_seed(0)
    student.eval()  # no dropout: the KL can be recomputed by hand
    ce = only_ce.compute_loss(student, batch)
    with torch.no_grad():
        forward = {k: v for k, v in batch.items() if k != "labels"}
        t_logits = teacher.eval()(**forward).logits
        s_logits = student(**forward).logits
    masked = batch["labels"] != -100
    kl = torch.nn.functional.kl_div(torch.log_softmax(s_logits[masked] / 2, -1),
                                    torch.softmax(t_logits[masked] / 2, -1), reduction="batchmean") * 4
    assert ce.item() == pytest.approx(kl.item(), rel=1e-4)


def test_all_terms_off_is_an_error():
    from baselines.distillation import DistillationLoss

    with pytest.raises(ValueError, match="at least one"):
        DistillationLoss(alpha_ce=0, alpha_mlm=0, alpha_cos=0)


@pytest.mark.parametrize("arch", ARCHS)
def test_distillation_loss_falls(teachers, corpus, tmp_path, arch):
    from baselines import distill, load_model
    from baselines.training import TrainingSettings

    out = tmp_path / "student"
    settings = TrainingSettings(max_steps=10, batch_size=4, learning_rate=2e-3, logging_steps=1, save_steps=100,
                                seed=0)
    final = distill(teachers[arch], [str(corpus)], out, settings=settings, max_length=128)
    history = [h for h in json.loads((out / "training_curve.json").read_text())["log_history"] if "loss" in h]
    losses = [h["loss"] for h in history]
    assert {"loss_ce", "loss_mlm", "loss_cos"} <= history[0].keys()
    assert sum(losses[-3:]) / 3 < sum(losses[:3]) / 3, losses
    student = load_model(final, head="masked-lm")
    assert student.config.num_hidden_layers == 2 and student.config.model_type == load_model(
        teachers[arch]).config.model_type
    provenance = json.loads((out / "provenance.json").read_text())
    assert provenance["settings"]["student_layers"] == [0, 3]
    assert provenance["settings"]["loss"] == {"alpha_ce": 5.0, "alpha_mlm": 2.0, "alpha_cos": 1.0, "temperature": 2.0}
