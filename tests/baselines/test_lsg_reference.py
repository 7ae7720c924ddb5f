"""Our LSG classes reproduce lsg-converter 0.1.9's outputs (fixtures made with it, see their README)."""

from __future__ import annotations

import json

import pytest

torch = pytest.importorskip("torch")
safetensors = pytest.importorskip("safetensors.torch")

from pathlib import Path  # noqa: E402

REFERENCE = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "lsg-reference"
FOLDERS = ["norm", "pooling", "stride", "block_stride", "bos_pooling", "norm-mlm"]
LENGTHS = [20, 64, 65, 200, 700]
TOLERANCE = 1e-4



@pytest.fixture(autouse=True)
def _reference_present() -> None:
    """Skipped with the reason when ../shared is absent; a failure in CI (GONERD_REQUIRE_FIXTURES=1)."""
    from shared_fixtures import require_fixture

    require_fixture(REFERENCE)


def _references(folder):
    return {length: safetensors.load_file(REFERENCE / folder / f"reference_L{length}.safetensors")
            for length in LENGTHS}


def _compare(model, folder, refs):
    for length, ref in refs.items():
        inputs = {"input_ids": ref["input_ids"], "attention_mask": ref["attention_mask"]}
        with torch.no_grad():
            torch.manual_seed(1234)
            if folder == "norm-mlm":
                hidden = model.roberta(**inputs).last_hidden_state
                logits = model(**inputs).logits
                assert (logits - ref["logits"]).abs().max().item() < TOLERANCE, (folder, length)
            else:
                out = model(**inputs)
                hidden = out.last_hidden_state
                assert (out.pooler_output - ref["pooler_output"]).abs().max().item() < TOLERANCE, (folder, length)
        assert (hidden - ref["last_hidden_state"]).abs().max().item() < TOLERANCE, (folder, length)


@pytest.mark.parametrize("folder", FOLDERS)
def test_load_model_reproduces_reference_outputs(folder):
    from baselines import load_model
    from baselines.lsg import LSGRobertaForMaskedLM, LSGRobertaModel

    head = "masked-lm" if folder == "norm-mlm" else None
    model = load_model(REFERENCE / folder, head=head).eval()
    assert isinstance(model, LSGRobertaForMaskedLM if head else LSGRobertaModel)
    stored = safetensors.load_file(REFERENCE / folder / "model.safetensors")
    name = "roberta.embeddings.global_embeddings.weight" if head else "embeddings.global_embeddings.weight"
    assert torch.equal(model.state_dict()[name], stored[name]), "global embeddings were not loaded"
    _compare(model, folder, _references(folder))


def test_saved_as_lsg_roberta_reloads_through_auto_classes(tmp_path):
    """Saving gives model_type "lsg-roberta"; the Auto classes then load it (after importing baselines.lsg)."""
    from transformers import AutoConfig, AutoModelForMaskedLM

    import baselines.lsg  # noqa: F401  (registers the model types)
    from baselines import load_model

    load_model(REFERENCE / "norm-mlm", head="masked-lm").save_pretrained(tmp_path)
    config = json.loads((tmp_path / "config.json").read_text())
    assert config["model_type"] == "lsg-roberta"
    assert config["auto_map"]["AutoModelForMaskedLM"] == "modeling_gonerd_lsg.LSGRobertaForMaskedLM"  # our shim
    assert AutoConfig.from_pretrained(tmp_path).block_size == 32
    _compare(AutoModelForMaskedLM.from_pretrained(tmp_path).eval(), "norm-mlm", _references("norm-mlm"))


def test_padding_does_not_leak_into_real_tokens_except_bos_pooling():
    """Row 1 (padded) gives the same real-token outputs alone and unpadded, as the reference README observed."""
    from baselines import load_model

    ref = safetensors.load_file(REFERENCE / "norm" / "reference_L200.safetensors")
    real = int(ref["attention_mask"][1].sum())
    for folder, leaks in (("norm", False), ("bos_pooling", True)):
        model = load_model(REFERENCE / folder).eval()
        with torch.no_grad():
            padded = model(input_ids=ref["input_ids"][1:], attention_mask=ref["attention_mask"][1:])
            alone = model(input_ids=ref["input_ids"][1:, :real])
        diff = (padded.last_hidden_state[0, :real] - alone.last_hidden_state[0]).abs().max().item()
        assert (diff > 1e-3) == leaks, (folder, diff)


def test_plain_auto_model_would_drop_globals_but_load_model_refuses_to():
    """The failure mode the loader exists for: transformers builds a plain RoBERTa from such a config."""
    from transformers import AutoModel

    from baselines.loading import is_lsg_converter_config

    config = json.loads((REFERENCE / "norm" / "config.json").read_text())
    assert is_lsg_converter_config(config)
    _, info = AutoModel.from_pretrained(REFERENCE / "norm", output_loading_info=True)
    assert any("global_embeddings" in k for k in info["unexpected_keys"])
