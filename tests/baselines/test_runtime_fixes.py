"""Our run-time workarounds for transformers 5 (baselines.modeling_utils.apply_runtime_fixes)."""

from __future__ import annotations

import json

import pytest

torch = pytest.importorskip("torch")


def _attention_classes(model) -> set[str]:
    return {type(layer.attention.self).__name__ for layer in model.base_model.encoder.layer}


@pytest.mark.parametrize(("impl", "sparse_class", "full_class"), [
    ("reference", "Float32BigBirdBlockSparseAttention", "BigBirdSelfAttention"),
    ("fast", "FastBigBirdBlockSparseAttention", "FastBigBirdSelfAttention"),
])
def test_bigbird_short_batch_does_not_switch_to_full_attention_for_good(converted, tmp_path, impl, sparse_class,
                                                                        full_class):
    """transformers switches BigBird to "original_full" on an input of <= (5 + 2 r) * block tokens (here 144) and
    never switches back; each call must start block-sparse again, with the configured attention implementation
    (and, for transformers' reference code, the float32 fix) on the rebuilt modules."""
    from transformers import AutoTokenizer

    from baselines import load_model
    from baselines.attention import set_attention_impl
    from baselines.equivalence import sample_inputs

    folder = converted[("bert", "bigbird")]
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = set_attention_impl(load_model(folder, head="masked-lm").eval(), impl)
    reference = load_model(folder, head="masked-lm").eval()
    short, long = sample_inputs(tokenizer, 64), sample_inputs(tokenizer, 300)

    during: list[set[str]] = []
    model.base_model.encoder.register_forward_pre_hook(lambda module, args: during.append(_attention_classes(model)))
    with torch.no_grad():
        model(**short)
        assert during[-1] == {full_class}  # the short input itself runs full attention
        logits = model(**long).logits
        assert during[-1] == {sparse_class}, "the long batch ran full attention"
        assert model.base_model.attention_type == "block_sparse"
        assert torch.allclose(logits, reference(**long).logits, atol=1e-5)
        model(**short)
        with torch.autocast("cpu", dtype=torch.bfloat16):  # the rebuilt modules work under autocast
            assert torch.isfinite(model(**long).logits).all()
    assert _attention_classes(model) == {sparse_class}
    if impl == "reference":
        assert all(layer.attention.self._gonerd_fp32_fix for layer in model.base_model.encoder.layer)

    model(**short)  # the saved config says what the model runs on long inputs
    model.save_pretrained(tmp_path / "saved")
    assert json.loads((tmp_path / "saved" / "config.json").read_text())["attention_type"] == "block_sparse"
    with torch.no_grad():
        reloaded = load_model(tmp_path / "saved", head="masked-lm").eval()
        assert torch.allclose(reloaded(**long).logits, logits, atol=1e-5)


@pytest.mark.parametrize("kind", ["roberta", "bert"])
def test_nystromformer_padding_content_does_not_reach_real_tokens(converted, tiny, kind):
    """Landmarks, the first two kernels and the value convolution read every position in transformers'
    Nyströmformer; after our fix, what the padded positions hold no longer changes real-token outputs."""
    from transformers import AutoTokenizer

    from baselines import load_model
    from baselines.equivalence import sample_inputs

    folder = converted[(kind, "nystromformer")]
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = load_model(folder, head="masked-lm").eval()
    with torch.no_grad():  # the converted convolution starts at zero: give it weights so its path is tested too
        for layer in model.base_model.encoder.layer:
            layer.attention.self.conv.weight.normal_(0, 0.2)
    inputs = sample_inputs(tokenizer, tiny.max_length, batch=2)
    inputs["attention_mask"][:, 100:] = 0
    inputs["attention_mask"][1, 60:] = 0
    real = inputs["attention_mask"].bool()
    other = {k: v.clone() for k, v in inputs.items()}
    generator = torch.Generator().manual_seed(5)
    other["input_ids"][~real] = torch.randint(5, len(tokenizer), (int((~real).sum()),), generator=generator)
    with torch.no_grad():
        a = model.base_model(**inputs).last_hidden_state
        b = model.base_model(**other).last_hidden_state
    assert (a - b)[real].abs().max().item() < 1e-5
    assert torch.isfinite(a).all()
