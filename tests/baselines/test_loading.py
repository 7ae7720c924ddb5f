"""baselines.load_model: recognising LSG checkpoints, and refusing loads that would drop LSG weights."""

from __future__ import annotations

import json
import shutil

import pytest

torch = pytest.importorskip("torch")


def _lsg_converter_style(folder, out, keep: tuple[str, ...] = ()):
    """Copy our LSG-RoBERTa folder, rewriting its config as lsg-converter's (model_type "roberta") with only the
    markers in ``keep`` (architectures / auto_map / base_model_prefix) left."""
    shutil.copytree(folder, out)
    config = json.loads((out / "config.json").read_text())
    config["model_type"] = "roberta"
    markers = {"architectures": ["LSGRobertaForMaskedLM"], "base_model_prefix": "lsg",
               "auto_map": {"AutoModel": "modeling_lsg_roberta.LSGRobertaModel"}}
    for key, value in markers.items():
        config.pop(key, None)
        if key in keep:
            config[key] = value
    (out / "config.json").write_text(json.dumps(config))
    return out


def test_lsg_keys_are_recognised_without_architectures_or_auto_map():
    from baselines.loading import is_lsg_converter_config

    lsg_keys = {"block_size": 32, "sparse_block_size": 32, "sparsity_factor": 2, "sparsity_type": "norm",
                "num_global_tokens": 1}
    assert is_lsg_converter_config({"model_type": "roberta", **lsg_keys})
    assert is_lsg_converter_config({"model_type": "bert", "sparsity_type": None, "num_global_tokens": 2})
    assert is_lsg_converter_config({"model_type": "roberta", "architectures": ["LSGRobertaModel"]})
    assert is_lsg_converter_config({"model_type": "bert", "base_model_prefix": "lsg"})
    assert not is_lsg_converter_config({"model_type": "roberta", "architectures": ["RobertaForMaskedLM"]})
    assert not is_lsg_converter_config({"model_type": "big_bird", "block_size": 64, "num_random_blocks": 3})
    assert not is_lsg_converter_config({"model_type": "lsg-roberta", **lsg_keys})  # ours: loads natively


@pytest.mark.parametrize("keep", [(), ("architectures",), ("auto_map",), ("base_model_prefix",)])
def test_lsg_converter_configs_load_as_lsg(converted, tmp_path, keep):
    from transformers import AutoTokenizer

    from baselines import load_model
    from baselines.equivalence import sample_inputs
    from baselines.lsg import LSGRobertaForMaskedLM, LSGRobertaForTokenClassification

    folder = converted[("roberta", "lsg")]
    styled = _lsg_converter_style(folder, tmp_path / "styled", keep)
    model = load_model(styled, head="masked-lm").eval()
    assert type(model) is LSGRobertaForMaskedLM
    assert type(load_model(styled, head="token-classification", num_labels=3)) is LSGRobertaForTokenClassification
    inputs = sample_inputs(AutoTokenizer.from_pretrained(folder), 100)
    with torch.no_grad():
        assert torch.allclose(model(**inputs).logits, load_model(folder, head="masked-lm").eval()(**inputs).logits,
                              atol=1e-6)


@pytest.mark.parametrize("head", [None, "masked-lm", "token-classification"])
def test_load_refuses_a_checkpoint_whose_lsg_weights_would_be_dropped(converted, tmp_path, head):
    """A plain RoBERTa config (no LSG marker or key at all) over LSG weights: transformers would build a
    RobertaModel and drop the global embeddings; load_model refuses instead."""
    from baselines import load_model
    from baselines.loading import is_lsg_converter_config

    styled = _lsg_converter_style(converted[("roberta", "lsg")], tmp_path / "plain")
    config = json.loads((styled / "config.json").read_text())
    for key in ("block_size", "sparse_block_size", "sparsity_factor", "sparsity_type", "num_global_tokens",
                "pool_with_global", "mask_first_token", "lsh_num_pre_rounds", "adaptive"):
        config.pop(key, None)
    (styled / "config.json").write_text(json.dumps(config))
    assert not is_lsg_converter_config(config)
    with pytest.raises(ValueError, match=r"global_embeddings.*would be dropped"):
        load_model(styled, head=head)
