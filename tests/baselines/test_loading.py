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


_FRESH_PROCESS = """
import sys, torch
from transformers import AutoModelForMaskedLM, AutoModelForSequenceClassification
folder, inputs_file = sys.argv[1], sys.argv[2]
try:
    AutoModelForMaskedLM.from_pretrained(folder)
    print("LOADED WITHOUT TRUST")
except ValueError as exc:
    print("refused without trust_remote_code:", "trust_remote_code=True" in str(exc))
assert "baselines.lsg" not in sys.modules
model = AutoModelForMaskedLM.from_pretrained(folder, trust_remote_code=True).eval()
print("class", type(model).__module__, type(model).__name__)
with torch.no_grad():
    torch.save(model(**torch.load(inputs_file)).logits, inputs_file + ".logits")
print("classifier", type(AutoModelForSequenceClassification.from_pretrained(folder, num_labels=2)).__name__)
"""


@pytest.mark.parametrize("kind", ["roberta", "bert"])
def test_saved_lsg_folder_loads_in_a_fresh_process_with_trust_remote_code(converted, tmp_path, kind):
    """Without `import baselines.lsg`: the folder's auto_map points to the modeling shim saved beside it."""
    import os
    import subprocess
    import sys

    from transformers import AutoTokenizer

    from baselines import load_model
    from baselines.equivalence import sample_inputs

    folder = converted[(kind, "lsg")]
    config = json.loads((folder / "config.json").read_text())
    family = "Roberta" if kind == "roberta" else "Bert"
    assert config["auto_map"]["AutoModelForMaskedLM"] == f"modeling_gonerd_lsg.LSG{family}ForMaskedLM"
    assert (folder / "modeling_gonerd_lsg.py").exists()
    inputs = sample_inputs(AutoTokenizer.from_pretrained(folder), 80)
    torch.save(inputs, tmp_path / "inputs.pt")
    env = {**os.environ, "HF_MODULES_CACHE": str(tmp_path / "modules"), "HF_HUB_OFFLINE": "1"}
    result = subprocess.run([sys.executable, "-c", _FRESH_PROCESS, str(folder), str(tmp_path / "inputs.pt")],
                            capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "refused without trust_remote_code: True" in result.stdout
    assert f"class baselines.lsg.modeling LSG{family}ForMaskedLM" in result.stdout
    assert f"classifier LSG{family}ForSequenceClassification" in result.stdout
    with torch.no_grad():
        expected = load_model(folder, head="masked-lm").eval()(**inputs).logits
    assert torch.allclose(torch.load(tmp_path / "inputs.pt.logits"), expected, atol=1e-6)


def test_resaved_lsg_folders_get_the_shim_not_copies_of_our_source(converted, tmp_path):
    from baselines import load_model

    model = load_model(converted[("bert", "lsg")], head="masked-lm")
    type(model).register_for_auto_class("AutoModelForMaskedLM")  # what a trust_remote_code load does
    type(model.config).register_for_auto_class()
    model.save_pretrained(tmp_path / "again")
    files = sorted(p.name for p in (tmp_path / "again").iterdir())
    assert files == ["config.json", "model.safetensors", "modeling_gonerd_lsg.py"]
    auto_map = json.loads((tmp_path / "again" / "config.json").read_text())["auto_map"]
    assert set(auto_map.values()) == {f"modeling_gonerd_lsg.LSGBert{s}" for s in (
        "Config", "Model", "ForMaskedLM", "ForMultipleChoice", "ForQuestionAnswering", "ForSequenceClassification",
        "ForTokenClassification", "ForPreTraining")}
