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


@pytest.mark.parametrize("payload", ["state_dict", "malicious"])
def test_convert_refuses_a_pickle_only_source_folder(sources, tmp_path, payload, monkeypatch):
    import torch
    from safetensors.torch import load_file

    from baselines.convert.source import load_source

    folder = copy_model(sources, tmp_path)
    if payload == "state_dict":
        torch.save(load_file(folder / "model.safetensors"), folder / "pytorch_model.bin")
    else:
        (folder / "pytorch_model.bin").write_bytes(pickle.dumps(Boom()))
    (folder / "model.safetensors").unlink()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CheckpointError, match=rf"^{re.escape(str(folder))}: only pickle weights \(pytorch_model"):
        load_source(str(folder))
    assert not (tmp_path / "pwned").exists()


def hub_snapshot(cache: Path, repo_id: str, files: dict[str, bytes]) -> None:
    """A model repository as huggingface_hub caches it (``models--org--name/refs/main`` + a snapshot)."""
    revision = "0" * 40
    repo = cache / f"models--{repo_id.replace('/', '--')}"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(revision)
    snapshot = repo / "snapshots" / revision
    snapshot.mkdir(parents=True)
    for name, data in files.items():
        (snapshot / name).write_bytes(data)


def test_convert_refuses_a_hub_source_with_pickle_weights_only(sources, tmp_path):
    """A Hub id (here served from the local Hub cache, offline) whose repository has only ``pytorch_model.bin``:
    refused in one Error line naming it; the pickle, which would create a file, is never loaded."""
    from cli_subprocess import error_lines, run_gonerd

    cache = tmp_path / "hub"
    marker = tmp_path / "pwned"

    class Touch:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    hub_snapshot(cache, "someone/pickled-roberta", {
        "config.json": (sources["roberta"] / "config.json").read_bytes(),
        "pytorch_model.bin": pickle.dumps(Touch())})
    done = run_gonerd("baselines", "convert", "someone/pickled-roberta", "--arch", "lsg", "--out",
                      str(tmp_path / "out"), env={"HF_HUB_CACHE": str(cache), "HF_HUB_OFFLINE": "1"})
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    [line] = error_lines(done)
    assert line.startswith("Error: SOURCE someone/pickled-roberta: no loadable safetensors weights"), line
    assert "safetensors checkpoints only" in line
    assert not marker.exists() and not (tmp_path / "out").exists()


def fake_checkpoint(sources, tmp_path: Path) -> Path:
    """A checkpoint folder as the Trainer writes it: model (safetensors), optimizer, scheduler and RNG states."""
    import random

    import numpy as np
    import torch
    from safetensors.torch import load_file

    checkpoint = tmp_path / "run" / "checkpoints" / "checkpoint-2"
    shutil.copytree(sources["roberta"], checkpoint)
    weights = load_file(checkpoint / "model.safetensors")
    params = [torch.nn.Parameter(t.float()) for t in list(weights.values())[:3]]
    optimizer = torch.optim.AdamW(params, lr=1e-3)
    sum(p.sum() for p in params).backward()
    optimizer.step()
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1.0)
    torch.save(optimizer.state_dict(), checkpoint / "optimizer.pt")
    torch.save(scheduler.state_dict(), checkpoint / "scheduler.pt")
    torch.save({"python": random.getstate(), "numpy": np.random.get_state(), "cpu": torch.random.get_rng_state()},
               checkpoint / "rng_state.pth")
    (checkpoint / "trainer_state.json").write_text(json.dumps({"global_step": 2}))
    return checkpoint


@pytest.mark.parametrize("state_file", ["optimizer.pt", "scheduler.pt", "rng_state.pth"])
def test_resuming_never_unpickles_a_state_file_in_full(sources, tmp_path, state_file, monkeypatch):
    """The Trainer's real state files pass; one replaced by a pickle that runs code is refused before training,
    naming the file, and its code never runs. (LambdaLR's saved state holds no lambda: it loads as tensors.)"""
    import torch

    from baselines.training import find_resume_checkpoint

    checkpoint = fake_checkpoint(sources, tmp_path)
    run = checkpoint.parents[1]
    assert find_resume_checkpoint(run, True) == str(checkpoint)
    assert find_resume_checkpoint(run, str(checkpoint)) == str(checkpoint)
    monkeypatch.chdir(tmp_path)
    for write in (lambda path: torch.save(Boom(), path), lambda path: path.write_bytes(pickle.dumps(Boom()))):
        write(checkpoint / state_file)  # torch's zip format, then a bare (legacy) pickle
        for resume in (True, str(checkpoint)):
            with pytest.raises(CheckpointError, match=rf"^{re.escape(str(checkpoint / state_file))}: cannot "
                                                      r"resume from this state file.*weights_only=True\) "
                                                      r"\(UnpicklingError"):
                find_resume_checkpoint(run, resume)
    assert not (tmp_path / "pwned").exists()


def test_resuming_refuses_pickle_model_weights_and_garbage_state(sources, tmp_path):
    import torch
    from safetensors.torch import load_file

    from baselines.training import find_resume_checkpoint

    checkpoint = fake_checkpoint(sources, tmp_path)
    (checkpoint / "optimizer.pt").write_bytes(b"not a torch file")
    with pytest.raises(CheckpointError, match=r"optimizer\.pt: cannot resume from this state file"):
        find_resume_checkpoint(checkpoint.parents[1], True)
    checkpoint = fake_checkpoint(sources, tmp_path / "second")
    torch.save(load_file(checkpoint / "model.safetensors"), checkpoint / "pytorch_model.bin")
    (checkpoint / "model.safetensors").unlink()
    with pytest.raises(CheckpointError, match=r"checkpoint-2: the model weights are pickle files only \(pytorch_mod"):
        find_resume_checkpoint(checkpoint.parents[1], True)
