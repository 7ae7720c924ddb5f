"""Damaged and pickle-only checkpoints (issue 9, item 10): one error naming the file, and pickles refused with
the reason, through ``load_model`` (pretrain/distill) and ``convert``'s source loading. Real files written here."""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
from pathlib import Path

import pytest

from baselines.loading import CheckpointError, load_model
from gonerd.errors import UserError


def copy_model(sources, tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    shutil.copytree(sources["roberta"], folder)
    return folder


DAMAGE = {
    "empty": (lambda data: b"", r"empty file \(0 bytes\), not safetensors weights"),
    "truncated": (lambda data: data[: len(data) // 2], r"not a readable safetensors file \(.*incomplete metadata"),
    "garbage": (lambda data: os.urandom(4096), r"not a readable safetensors file \(.*header"),
    "tail_cut": (lambda data: data[:-1], r"not a readable safetensors file"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_model_safetensors_is_one_error_naming_the_file(sources, tmp_path, damage):
    folder = copy_model(sources, tmp_path)
    weights = folder / "model.safetensors"
    change, message = DAMAGE[damage]
    weights.write_bytes(change(weights.read_bytes()))
    with pytest.raises(CheckpointError, match=rf"^{re.escape(str(weights))}: {message}") as info:
        load_model(folder, head="masked-lm")
    assert isinstance(info.value, UserError) and info.value.__cause__ is None  # no library error chained to it


def test_the_undamaged_copy_loads(sources, tmp_path):
    model = load_model(copy_model(sources, tmp_path), head="masked-lm")
    assert model.config.model_type == "roberta"


def test_a_damaged_source_is_refused_by_convert_too(sources, tmp_path):
    from baselines.convert.source import load_source

    folder = copy_model(sources, tmp_path)
    (folder / "model.safetensors").write_bytes(b"")
    with pytest.raises(CheckpointError, match=r"model\.safetensors: empty file"):
        load_source(str(folder))


class Boom:
    """A pickle that would run a command when loaded (it is never loaded)."""

    def __reduce__(self):
        return (os.system, ("touch pwned",))


@pytest.mark.parametrize("payload", ["state_dict", "malicious"])
def test_a_pickle_only_checkpoint_is_refused_with_the_reason(sources, tmp_path, payload, monkeypatch):
    import torch
    from safetensors.torch import load_file

    folder = copy_model(sources, tmp_path)
    if payload == "state_dict":  # a harmless torch.save of the real weights
        torch.save(load_file(folder / "model.safetensors"), folder / "pytorch_model.bin")
    else:
        (folder / "pytorch_model.bin").write_bytes(pickle.dumps(Boom()))
    (folder / "model.safetensors").unlink()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CheckpointError) as info:
        load_model(folder, head="masked-lm")
    message = str(info.value)
    assert message.startswith(f"{folder}: only pickle weights (pytorch_model.bin) and no model.safetensors")
    assert "safetensors checkpoints only" in message and "can execute code" in message
    assert not (tmp_path / "pwned").exists()


def test_a_sharded_checkpoint_names_the_broken_shard(sources, tmp_path):
    from safetensors.torch import load_file, save_file

    folder = copy_model(sources, tmp_path)
    state = load_file(folder / "model.safetensors")
    names = sorted(state)
    half = len(names) // 2
    shards = {"model-00001-of-00002.safetensors": names[:half], "model-00002-of-00002.safetensors": names[half:]}
    for file, keys in shards.items():
        save_file({k: state[k].contiguous() for k in keys}, folder / file)
    (folder / "model.safetensors").unlink()
    (folder / "model.safetensors.index.json").write_text(json.dumps(
        {"metadata": {}, "weight_map": {k: file for file, keys in shards.items() for k in keys}}))
    assert load_model(folder, head="masked-lm").config.model_type == "roberta"  # the shards load
    second = folder / "model-00002-of-00002.safetensors"
    second.write_bytes(second.read_bytes()[:100])
    with pytest.raises(CheckpointError, match=rf"^{re.escape(str(second))}: not a readable safetensors file"):
        load_model(folder, head="masked-lm")
    second.unlink()
    with pytest.raises(CheckpointError, match=rf"^{re.escape(str(second))}: weight file missing"):
        load_model(folder, head="masked-lm")
    (folder / "model.safetensors.index.json").write_text("{not json")
    with pytest.raises(CheckpointError, match=r"model\.safetensors\.index\.json: not a safetensors shard index"):
        load_model(folder, head="masked-lm")


def test_a_folder_without_weights_or_a_file_instead_of_a_folder(sources, tmp_path):
    folder = copy_model(sources, tmp_path)
    (folder / "model.safetensors").unlink()
    with pytest.raises(CheckpointError, match=r"model: no model weights \(model\.safetensors or "):
        load_model(folder)
    config = folder / "config.json"
    with pytest.raises(CheckpointError, match=r"config\.json: not a folder"):
        load_model(config)
