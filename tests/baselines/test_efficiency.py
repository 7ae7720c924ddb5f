"""Efficiency measurement on tiny random models: records for every (model, length), interleaved timing, peak memory
in fresh processes (it grows with the input, as the attention matrices do), lengths a model cannot read recorded
as skipped. No assertion on speed: the machine is shared (benchmarks/ compares speeds)."""

from __future__ import annotations

import json
import sys

import pytest

from baselines.efficiency import (
    HWM_METHOD,
    ModelSpec,
    _run_worker,
    architecture_of,
    efficiency_table,
    fresh_process_peaks,
    measure_efficiency,
)
from baselines.results import EfficiencyRecord, read_results, write_results

pytestmark = pytest.mark.slow  # fresh processes that import torch, and forward passes at 2,048 tokens
POSITIONS = 2048
FFN, BATCH = 4096, 2  # the feed-forward activations of a batch of 2 x 2048 tokens: 2 x 2048 x 4096 x 4 B = 64 MiB


def save_bert(folder, layers):
    from transformers import BertConfig, BertModel

    config = BertConfig(vocab_size=300, hidden_size=64, num_hidden_layers=layers, num_attention_heads=4,
                        intermediate_size=FFN, max_position_embeddings=POSITIONS)
    BertModel(config).save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    root = tmp_path_factory.mktemp("efficiency")
    return save_bert(root / "teacher", 2), save_bert(root / "student", 1)


@pytest.fixture(scope="module")
def measured(pair):
    teacher, student = pair
    specs = [ModelSpec(str(teacher)),
             ModelSpec(str(student), role="student", order="convert_then_distill", variant="mixed")]
    return measure_efficiency(specs, [2048, 64, 4096], batch_size=BATCH, repeats=3, warmup=1, threads=1,
                              progress=False)


def test_one_record_per_model_and_length(measured, pair):
    assert [(r.length, r.model.role) for r in measured] == [
        (64, "teacher"), (64, "student"), (2048, "teacher"), (2048, "student"), (4096, "teacher"), (4096, "student")]
    student = measured[1].model
    assert (student.architecture, student.order, student.variant, student.path) == \
        ("bert", "convert_then_distill", "mixed", str(pair[1]))
    for r in measured[:4]:
        assert r.skipped is None and len(r.times_s) == 3 and r.repeats == 3 and r.warmup == 1
        assert r.min_s <= r.q1_s <= r.median_s <= r.q3_s <= r.max_s
        assert r.tokens_per_second == pytest.approx(BATCH * r.length / r.median_s)
        assert r.attention == "sdpa"
        assert r.threads == 1 and r.device == "cpu"


def test_a_length_beyond_the_positions_is_recorded_as_skipped(measured):
    for r in measured[4:]:
        assert r.skipped == f"length 4096 exceeds the {POSITIONS} positions of the model"
        assert r.times_s == [] and r.median_s is None and r.peak_memory_mb is None
    assert "skipped: length 4096" in efficiency_table(measured)


def test_peak_memory_grows_with_the_input(measured):
    by = {(r.length, r.model.role): r for r in measured}
    for role in ("teacher", "student"):
        short, long = by[(64, role)], by[(2048, role)]
        assert short.memory_method == long.memory_method == HWM_METHOD
        # 64 MiB of feed-forward activations (and as much again after GELU) at 2048 tokens, 2 MiB at 64
        assert long.peak_memory_mb - short.peak_memory_mb > 48
        assert 0 < short.model_memory_mb <= short.peak_memory_mb
    # half the layers: the peaks differ by the weights of the missing layer (the activations are the same)
    layer_mb = by[(64, "teacher")].model_memory_mb - by[(64, "student")].model_memory_mb
    for n in (64, 2048):
        assert by[(n, "teacher")].peak_memory_mb - by[(n, "student")].peak_memory_mb == pytest.approx(layer_mb, abs=2)


def test_one_process_per_length_agrees_with_the_reset_counter(pair, measured):
    """The fallback (a fresh process per length, peak RSS since it started) measures the same peaks as the reset
    counter. Both methods see a process that has run the shorter lengths first; a process that ran 2,048 tokens
    alone measured 2.5-4.3 MiB less (what the 64-token pass leaves resident), more than the tolerance: the replay is
    what this test checks. Repeated runs of each method spread by 0.4 MiB."""
    job = {"path": str(pair[0]), "head": None, "batch_size": BATCH, "seed": 0, "threads": 1}
    assert _run_worker({**job, "lengths": [64], "single": True})["reset_supported"] is False
    single = fresh_process_peaks(job, [2048, 64])
    shared = {r.length: r.peak_memory_mb for r in measured if r.model.role == "teacher" and not r.skipped}
    assert sorted(single) == sorted(shared) == [64, 2048]
    for n in (64, 2048):
        assert single[n] == pytest.approx(shared[n], abs=1.5)


def test_records_round_trip_through_a_results_file(measured, tmp_path):
    path = write_results(tmp_path / "efficiency.jsonl", measured)
    lines = path.read_text().splitlines()
    assert len(lines) == len(measured) and json.loads(lines[0])["kind"] == "efficiency"
    back = read_results(path)
    assert all(isinstance(r, EfficiencyRecord) for r in back)
    assert [(r.model, r.length, r.times_s, r.peak_memory_mb) for r in back] == \
        [(r.model, r.length, r.times_s, r.peak_memory_mb) for r in measured]


def test_bad_arguments():
    with pytest.raises(ValueError, match="no model"):
        measure_efficiency([], [64])
    with pytest.raises(ValueError, match="positive"):
        measure_efficiency(["x"], [0])
    with pytest.raises(ValueError, match="CUDA is not available"):
        measure_efficiency(["x"], [64], device="cuda")


def test_architecture_names():
    from types import SimpleNamespace

    assert architecture_of(SimpleNamespace(model_type="big_bird")) == "bigbird"
    assert architecture_of(SimpleNamespace(model_type="lsg-roberta")) == "lsg"
    assert architecture_of(SimpleNamespace(model_type="roberta")) == "roberta"


def test_nystromformer_lengths_other_than_its_fixed_one_are_skipped_with_the_reason():
    from types import SimpleNamespace

    from baselines.efficiency import length_problem

    config = SimpleNamespace(model_type="nystromformer", max_position_embeddings=1024, segment_means_seq_len=1024,
                             num_landmarks=64)
    model = SimpleNamespace(config=config)
    assert length_problem(model, 1024) is None
    assert "reads exactly 1024 tokens" in length_problem(model, 512)
    assert "exceeds the 1024 positions" in length_problem(model, 2048)
    # num_landmarks == segment_means_seq_len: exact attention, any length
    assert length_problem(SimpleNamespace(config=SimpleNamespace(**{**vars(config), "num_landmarks": 1024})), 512) \
        is None


def test_bigbird_short_inputs_are_recorded_as_full_attention():
    from types import SimpleNamespace

    from baselines.efficiency import attention_of

    config = SimpleNamespace(model_type="big_bird", attention_type="block_sparse", block_size=64, num_random_blocks=3,
                             _attn_implementation="eager")
    bigbird = SimpleNamespace(config=config)
    assert attention_of(bigbird, 704) == "eager, original_full (too short for block_sparse)"  # (5 + 2 x 3) x 64
    assert attention_of(bigbird, 705) == "eager, block_sparse"


@pytest.mark.skipif(sys.platform != "linux", reason="the peak-RSS reset is Linux's")
def test_peak_counter_reset_works_here():
    from baselines.efficiency import peak_rss_mb, reset_peak_rss

    block = bytearray(64 * 2**20)
    block[:: 4096] = b"x" * len(block[:: 4096])  # touch every page
    high = peak_rss_mb()
    del block
    assert reset_peak_rss() and peak_rss_mb() < high - 32
