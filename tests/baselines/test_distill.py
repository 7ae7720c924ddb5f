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

    from baselines.data.masking import mlm_collator
    from baselines.data.packing import training_data
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
    from baselines.arguments import DistillationArguments
    from baselines.distillation import DistillationTrainer, make_student

    path = teachers["lsg"]
    teacher = load_model(path, head="masked-lm")
    student, _ = make_student(teacher)
    weights = DistillationArguments(**{switched_off: 0.0})
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
                                  teacher=teacher,
                                  weights=DistillationArguments(alpha_ce=1.0, alpha_mlm=0, alpha_cos=0))
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


@pytest.mark.parametrize("arch", ["lsg", "longformer"])
def test_heads_compute_masked_rows_only(teachers, corpus, tmp_path, arch):
    """The teacher's and the student's MLM heads get only the masked positions, and the loss is the one computed
    from logits of every position (DistilBERT's KL and MLM read masked positions only, the cosine real tokens)."""
    from transformers import TrainingArguments

    from baselines import load_model
    from baselines.arguments import DistillationArguments
    from baselines.distillation import DistillationTrainer, make_student
    from baselines.modeling_utils import mlm_head

    teacher = load_model(teachers[arch], head="masked-lm")
    student, _ = make_student(teacher)
    trainer = DistillationTrainer(model=student, args=TrainingArguments(str(tmp_path), report_to="none"),
                                  teacher=teacher, weights=DistillationArguments())
    shapes = {"teacher": [], "student": []}
    for name, model in (("teacher", teacher), ("student", student)):
        mlm_head(model).register_forward_hook(lambda m, a, out, name=name: shapes[name].append(tuple(out.shape)))
    batch = _batch(teachers[arch], corpus)
    masked = batch["labels"] != -100
    student.eval()
    loss = trainer.compute_loss(student, batch)
    vocabulary = teacher.config.vocab_size
    assert shapes == {"teacher": [(int(masked.sum()), vocabulary)], "student": [(int(masked.sum()), vocabulary)]}

    with torch.no_grad():  # the same loss from full logits
        forward = {k: v for k, v in batch.items() if k != "labels"}
        t_out = teacher(**forward)
        s_out = student(**forward, labels=batch["labels"])
        t_hidden = teacher.base_model(**forward).last_hidden_state
        s_hidden = student.base_model(**forward).last_hidden_state
    assert s_out.logits.shape[:2] == masked.shape  # outside the trainer the heads see every position
    kl = torch.nn.functional.kl_div(torch.log_softmax(s_out.logits[masked] / 2, -1),
                                    torch.softmax(t_out.logits[masked] / 2, -1), reduction="batchmean") * 4
    real = batch["attention_mask"].bool()
    cos = (1 - torch.nn.functional.cosine_similarity(s_hidden[real], t_hidden[real], dim=-1)).mean()
    assert loss.item() == pytest.approx((5 * kl + 2 * s_out.loss + cos).item(), rel=1e-4)


def test_all_terms_off_is_an_error():
    from baselines.arguments import DistillationArguments

    with pytest.raises(ValueError, match="at least one"):
        DistillationArguments(alpha_ce=0, alpha_mlm=0, alpha_cos=0)
    with pytest.raises(ValueError, match="disagrees"):
        DistillationArguments(num_layers=2, layers=[0, 1, 2])


@pytest.mark.parametrize("arch", ARCHS)
def test_distillation_loss_falls(teachers, corpus, tmp_path, arch):
    from baselines import distill, load_model
    from baselines.arguments import CorpusArguments, TrainingArguments

    out = tmp_path / "student"
    settings = TrainingArguments(max_steps=10, batch_size=4, learning_rate=2e-3, logging_steps=1, save_steps=100,
                                 seed=0, progress=False)
    final = distill(teachers[arch], CorpusArguments(sources=[str(corpus)], max_length=128), settings, out=out)
    history = [h for h in json.loads((out / "training_curve.json").read_text())["log_history"] if "loss" in h]
    losses = [h["loss"] for h in history]
    assert {"loss_ce", "loss_mlm", "loss_cos"} <= history[0].keys()
    assert sum(losses[-3:]) / 3 < sum(losses[:3]) / 3, losses
    student = load_model(final, head="masked-lm")
    assert student.config.num_hidden_layers == 2 and student.config.model_type == load_model(
        teachers[arch]).config.model_type
    provenance = json.loads((out / "provenance.json").read_text())
    assert provenance["settings"]["student_layers"] == [0, 3]
    assert provenance["settings"]["distillation"] == {"num_layers": None, "layers": None, "alpha_ce": 5.0,
                                                      "alpha_mlm": 2.0, "alpha_cos": 1.0, "temperature": 2.0}


def test_cosine_term_reads_real_tokens_only():
    """1 - cos over the real tokens only: what padded positions hold changes nothing."""
    from baselines.arguments import DistillationArguments
    from baselines.distillation import distillation_losses

    generator = torch.Generator().manual_seed(0)
    student, teacher = torch.randn(2, 6, 8, generator=generator), torch.randn(2, 6, 8, generator=generator)
    mask = torch.ones(2, 6, dtype=torch.long)
    mask[1, 4:] = 0
    weights = DistillationArguments(alpha_ce=0, alpha_mlm=0, alpha_cos=1.0)
    logits = torch.zeros(0, 5)  # no masked position
    terms = distillation_losses(logits, student, None, teacher, mask, None, weights)
    real = mask.bool()
    expected = (1 - torch.nn.functional.cosine_similarity(student[real], teacher[real], dim=-1)).mean()
    assert terms["loss_cos"].item() == pytest.approx(expected.item(), rel=1e-6)
    assert terms["loss"].item() == pytest.approx(expected.item(), rel=1e-6)
    everything = (1 - torch.nn.functional.cosine_similarity(student, teacher, dim=-1)).mean()
    assert abs(everything.item() - expected.item()) > 1e-3  # the padded rows would have counted
    student[1, 4:], teacher[1, 4:] = 100.0, -3.0
    again = distillation_losses(logits, student, None, teacher, mask, None, weights)
    assert again["loss_cos"].item() == pytest.approx(expected.item(), rel=1e-6)


@pytest.mark.parametrize("temperature", [1.0, 3.0])
def test_kl_term_is_scaled_by_temperature_squared(temperature):
    """KL(softmax(teacher/T) || softmax(student/T)) * T^2 on masked positions (T^2, not 2T: they differ for T=3)."""
    from baselines.arguments import DistillationArguments
    from baselines.distillation import distillation_losses

    generator = torch.Generator().manual_seed(1)
    student, teacher = torch.randn(2, 5, 7, generator=generator), torch.randn(2, 5, 7, generator=generator) * 3
    labels = torch.full((2, 5), -100)
    labels[0, 1], labels[1, 3], labels[1, 4] = 2, 5, 6
    mask = torch.ones(2, 5, dtype=torch.long)
    weights = DistillationArguments(alpha_ce=1.0, alpha_mlm=0, alpha_cos=0, temperature=temperature)
    masked = labels != -100
    terms = distillation_losses(student[masked], None, teacher[masked], None, mask, None, weights)
    p = torch.softmax(teacher[masked] / temperature, -1)
    kl = (p * (p.log() - torch.log_softmax(student[masked] / temperature, -1))).sum(-1).mean()
    assert terms["loss_ce"].item() == pytest.approx((kl * temperature**2).item(), rel=1e-5)
    assert terms["loss"].item() == pytest.approx(terms["loss_ce"].item())


def test_teacher_stays_frozen_in_eval_mode(teachers, corpus, tmp_path):
    """Through real training steps: the teacher runs in eval mode (no dropout) without autograd, never gets
    gradients, and its weights do not move, while the student's do."""
    from transformers import AutoTokenizer, TrainingArguments

    from baselines import load_model
    from baselines.arguments import DistillationArguments
    from baselines.data.masking import mlm_collator
    from baselines.data.packing import training_data
    from baselines.distillation import DistillationTrainer, make_student

    path = teachers["lsg"]
    teacher = load_model(path, head="masked-lm").train()  # the trainer must switch it to eval itself
    student, _ = make_student(teacher)
    before = {k: v.clone() for k, v in teacher.state_dict().items()}
    student_before = {k: v.clone() for k, v in student.state_dict().items()}
    seen = []
    teacher.base_model.register_forward_hook(
        lambda module, args, output: seen.append((module.training, output.last_hidden_state.requires_grad,
                                                  torch.is_grad_enabled())))
    tokenizer = AutoTokenizer.from_pretrained(path)
    data, _ = training_data([str(corpus)], tokenizer, 64, max_examples=4)
    args = TrainingArguments(str(tmp_path), max_steps=2, per_device_train_batch_size=2, learning_rate=1e-2,
                             report_to="none", save_strategy="no", remove_unused_columns=False, disable_tqdm=True,
                             dataloader_pin_memory=False)
    trainer = DistillationTrainer(model=student, args=args, train_dataset=data,
                                  data_collator=mlm_collator(tokenizer, teacher.config), teacher=teacher,
                                  weights=DistillationArguments(temperature=3.0))
    trainer.train()
    assert len(seen) == 2 and all(s == (False, False, False) for s in seen), seen
    assert not teacher.training and not any(m.training for m in teacher.modules())
    assert all(not p.requires_grad and p.grad is None for p in teacher.parameters())
    assert all(torch.equal(v, before[k]) for k, v in teacher.state_dict().items())
    assert any(not torch.equal(v, student_before[k]) for k, v in student.state_dict().items())
