"""The fast attention paths give the reference implementations' outputs and gradients (baselines.attention).

References: transformers' LongformerSelfAttention and BigBirdBlockSparseAttention, our LSGSelfAttention (which
reproduces lsg-converter, see test_lsg_reference.py). Tiny random models, odd lengths, batches of 3 with padded
rows, global tokens; fp32 (tight tolerance) and bf16 (the fast path must be as close to the fp32 result as the
reference code is). The 4,096-token comparisons are in benchmarks/attention_scaling.py.
"""

from __future__ import annotations

import copy

import pytest

torch = pytest.importorskip("torch")

HIDDEN, HEADS, LAYERS, VOCAB = 32, 4, 2, 120
SPARSITY_TYPES = ["norm", "pooling", "stride", "block_stride", "bos_pooling", "none"]


def _randomise(model, seed: int = 0) -> None:
    """Weights large enough that attention is peaked, so a wrong key set shows."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, param in model.named_parameters():
            noise = torch.randn(param.shape, generator=generator)
            param.copy_(1 + 0.1 * noise if "LayerNorm.weight" in name else 0.2 * noise)


def _common(**extra) -> dict:
    return dict(hidden_size=HIDDEN, num_attention_heads=HEADS, num_hidden_layers=LAYERS, intermediate_size=2 * HIDDEN,
                vocab_size=VOCAB, hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0, hidden_act="gelu",
                **extra)


def longformer(window: int = 32):
    from transformers import LongformerConfig, LongformerModel

    return LongformerModel(LongformerConfig(**_common(max_position_embeddings=1100, attention_window=window,
                                                      pad_token_id=1)), add_pooling_layer=False)


def bigbird():
    from transformers import BigBirdConfig, BigBirdModel

    config = BigBirdConfig(**_common(max_position_embeddings=1100, attention_type="block_sparse", block_size=16,
                                     num_random_blocks=2, use_bias=True, rescale_embeddings=False))
    return BigBirdModel(config, add_pooling_layer=False)


def lsg(sparsity_type: str = "norm", **extra):
    from baselines.lsg import LSGBertConfig, LSGBertModel

    settings = dict(max_position_embeddings=1100, block_size=32, sparse_block_size=32, sparsity_factor=4,
                    sparsity_type=sparsity_type, num_global_tokens=2, attention_impl="reference")
    return LSGBertModel(LSGBertConfig(**_common(**{**settings, **extra})), add_pooling_layer=False)


def pair(model):
    """(reference, fast): the same weights, the two implementations."""
    from baselines.attention import set_attention_impl
    from baselines.modeling_utils import apply_runtime_fixes

    _randomise(model)
    reference = set_attention_impl(apply_runtime_fixes(model), "reference")
    return reference, set_attention_impl(copy.deepcopy(reference), "fast")


def batch(length: int, pad_rows: bool = True, seed: int = 0) -> dict[str, torch.Tensor]:
    """3 rows of ``length`` tokens; with ``pad_rows`` row 1 loses its last quarter and row 2 all but 30 tokens."""
    generator = torch.Generator().manual_seed(seed + length)
    ids = torch.randint(5, VOCAB, (3, length), generator=generator)
    mask = torch.ones_like(ids)
    if pad_rows:
        mask[1, length - length // 4:] = 0
        mask[2, 30:] = 0
        ids[mask == 0] = 1
    return {"input_ids": ids, "attention_mask": mask}


def run(model, inputs, weights=None):
    """Last hidden states, and with ``weights`` the parameter gradients of sum(weights · real-token states)."""
    hidden = model(**inputs).last_hidden_state
    if weights is None:
        return hidden, None
    real = inputs["attention_mask"].unsqueeze(-1).to(hidden.dtype)
    (hidden * real * weights).sum().backward()
    grads = {name: p.grad.detach().clone() for name, p in model.named_parameters() if p.grad is not None}
    model.zero_grad(set_to_none=True)
    return hidden, grads


def assert_same(reference, fast, inputs, rtol: float = 1e-5):
    """Real-token hidden states within rtol·scale; every gradient tensor within 10·rtol·(its norm) + 1e-7·(the
    largest gradient norm) in norm (the second term is for gradients that are zero up to rounding, such as the key
    bias, which softmax cancels)."""
    generator = torch.Generator().manual_seed(1)
    real = inputs["attention_mask"].bool()
    ref_hidden, ref_grads = run(reference, inputs, None)
    weights = torch.randn(ref_hidden.shape, generator=generator)
    ref_hidden, ref_grads = run(reference, inputs, weights)
    fast_hidden, fast_grads = run(fast, inputs, weights)
    scale = ref_hidden[real].abs().max().item()
    diff = (fast_hidden - ref_hidden)[real].abs().max().item()
    assert diff <= rtol * max(scale, 1.0), f"hidden states differ by {diff:.2e} (scale {scale:.2f})"
    assert set(fast_grads) == set(ref_grads)
    largest = max(g.norm().item() for g in ref_grads.values())
    for name, grad in ref_grads.items():
        error = (fast_grads[name] - grad).norm().item()
        assert error <= 10 * rtol * grad.norm().item() + 1e-7 * largest, (name, error, grad.norm().item())


# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("length", [203, 256])
@pytest.mark.parametrize("globals_", [False, True])
def test_longformer_fast_equals_reference(length, globals_):
    reference, fast = pair(longformer())
    inputs = batch(length)
    if globals_:  # different numbers of global tokens per row, one of them in a padded row's real part
        inputs["global_attention_mask"] = torch.zeros_like(inputs["input_ids"])
        inputs["global_attention_mask"][0, [0, 77, 150]] = 1
        inputs["global_attention_mask"][1, 5] = 1
        inputs["global_attention_mask"][2, :3] = 1
    assert_same(reference, fast, inputs)


def test_longformer_fast_equals_reference_with_a_wide_window_and_batch_1():
    """Window 96 (blocks of 48, not a power of two); batch 1 without padding takes the copy-free path."""
    reference, fast = pair(longformer(window=96))
    inputs = batch(400, pad_rows=False)
    assert_same(reference, fast, {k: v[:1] for k, v in inputs.items()})


@pytest.mark.parametrize("rows", [1, 3])
def test_longformer_fast_with_gradients_in_one_block_per_call_equals_reference(monkeypatch, rows):
    """With gradients on CPU the windows go to SDPA in groups whose scores stay under TRAIN_SCORE_BYTES (large
    documents: see there); here the limit forces one query block per call."""
    import baselines.attention.longformer as fast_longformer

    monkeypatch.setattr(fast_longformer, "TRAIN_SCORE_BYTES", 1)
    reference, fast = pair(longformer())
    inputs = batch(203, pad_rows=rows > 1)
    inputs = {k: v[:rows] for k, v in inputs.items()}
    if rows > 1:
        inputs["global_attention_mask"] = torch.zeros_like(inputs["input_ids"])
        inputs["global_attention_mask"][0, [0, 77]] = 1
    assert_same(reference, fast, inputs)


@pytest.mark.parametrize("mode", ["eval", "train"])
@pytest.mark.parametrize("length", [203, 517, 1024])
def test_bigbird_fast_equals_reference_with_the_same_random_blocks(mode, length):
    """In train mode transformers draws random blocks (numpy seeded with the layer index), in eval mode its plan is
    all block 0; the fast path calls the same plan functions, so both modes must agree (1,024 tokens takes the
    paper's plan, the other lengths the per-head one)."""
    reference, fast = pair(bigbird())
    reference.train(mode == "train")
    fast.train(mode == "train")
    assert_same(reference, fast, batch(length))


def test_bigbird_train_mode_plan_really_has_random_blocks():
    """Guard for the test above: in train mode the plan is not the all-zero eval plan, and it is the same on every
    call of a layer (the seed is the layer index)."""
    from baselines.attention.bigbird import FastBigBirdBlockSparseAttention

    _, fast = pair(bigbird())
    attention = fast.encoder.layer[1].attention.self
    assert isinstance(attention, FastBigBirdBlockSparseAttention)
    attention.train()
    plan = attention.random_block_plan(517 + 11)
    assert plan.shape == (HEADS, 33 - 2, 2) and plan.unique().numel() > 5
    assert torch.equal(plan, attention.random_block_plan(528))
    attention.eval()
    assert not attention.random_block_plan(528).any()


@pytest.mark.parametrize("mode", ["eval", "train"])
def test_bigbird_short_inputs_full_attention_fast_equals_reference(mode):
    """Inputs of at most (5 + 2r)·block tokens (here 144) make transformers switch to full attention: the fast path
    computes it with SDPA, with the same outputs and gradients."""
    reference, fast = pair(bigbird())
    reference.train(mode == "train")
    fast.train(mode == "train")
    inputs = batch(100)
    assert_same(reference, fast, inputs)
    assert {type(layer.attention.self).__name__ for layer in fast.encoder.layer} == {"FastBigBirdSelfAttention"}


def test_bigbird_fast_switches_attention_type_without_building_modules():
    """transformers builds (and randomly initialises) a new attention module per layer at every switch between full
    and block-sparse attention, i.e. twice per short batch; the fast path swaps kept modules: the global RNG is not
    touched, the state dict keeps its keys, and the outputs stay the reference's."""
    reference, fast = pair(bigbird())
    reference.eval()
    fast.eval()
    short, long = batch(100), batch(203)
    keys = set(fast.state_dict())
    with torch.no_grad():
        fast(**short), fast(**long)  # the first switches build the second module of each layer
        for inputs in (short, long, short, long):
            state = torch.random.get_rng_state()
            hidden = fast(**inputs).last_hidden_state
            assert torch.equal(state, torch.random.get_rng_state()), "the fast path built modules"
            real = inputs["attention_mask"].bool()
            expected = reference(**inputs).last_hidden_state
            assert (hidden - expected)[real].abs().max().item() <= 1e-5 * expected[real].abs().max().item()
    assert set(fast.state_dict()) == keys
    assert {type(layer.attention.self).__name__ for layer in fast.encoder.layer} == {"FastBigBirdBlockSparseAttention"}
    with torch.no_grad():  # guard: the reference code does draw from the RNG on a short batch
        before = torch.random.get_rng_state()
        reference(**short), reference(**long)
        assert not torch.equal(before, torch.random.get_rng_state())


@pytest.mark.parametrize("sparsity_type", SPARSITY_TYPES)
def test_lsg_fast_equals_reference(sparsity_type):
    reference, fast = pair(lsg(sparsity_type))
    for length in (50, 203):  # 50: one block covers it (plain attention); 203: padded to 224, 7 blocks
        assert_same(reference, fast, batch(length))


@pytest.mark.parametrize("settings", [
    {"sparsity_factor": 2, "sparse_block_size": 16},  # "norm" chunks of min(bs, sbs) tokens
    {"sparsity_factor": 32, "block_size": 32},  # step 1: lsg-converter's shifted right window
    {"sparsity_factor": 1},  # no compression
    {"num_global_tokens": 1, "pool_with_global": False},
])
def test_lsg_fast_equals_reference_in_edge_settings(settings):
    reference, fast = pair(lsg("norm", **settings))
    assert_same(reference, fast, batch(203))


@pytest.mark.parametrize("arch", ["longformer", "bigbird", "lsg"])
def test_bf16_fast_is_as_close_to_fp32_as_the_reference(arch):
    """In bf16 both implementations round differently; the fast one must not be further from the fp32 result than
    the reference code is (up to a factor 2), and both must be finite on padded rows."""
    reference, fast = pair({"longformer": longformer, "bigbird": bigbird, "lsg": lsg}[arch]())
    inputs = batch(203)
    if arch == "longformer":
        inputs["global_attention_mask"] = (torch.arange(203) < 2).long().expand(3, -1).clone()
    real = inputs["attention_mask"].bool()
    with torch.no_grad():
        truth = reference(**inputs).last_hidden_state
        errors = {}
        for name, model in (("reference", reference), ("fast", fast)):
            hidden = copy.deepcopy(model).to(torch.bfloat16)(**inputs).last_hidden_state.float()
            assert torch.isfinite(hidden).all(), name
            errors[name] = (hidden - truth)[real].abs().max().item()
    assert errors["fast"] <= 2 * errors["reference"] + 1e-3, errors


@pytest.mark.parametrize("impl", ["reference", "fast"])
@pytest.mark.parametrize("sparsity_type", SPARSITY_TYPES)
def test_lsg_bf16_autocast_has_no_nan_on_padded_rows(impl, sparsity_type):
    """Issue 12: under bf16 autocast the float32 mask minimum rounded to -inf and an all-padding window (bos_pooling)
    gave NaN that reached real tokens. Every sparsity type, padded rows, both implementations: finite, and as close
    to the float32 result as bf16 allows."""
    from baselines.attention import set_attention_impl

    model = lsg(sparsity_type)
    _randomise(model)
    set_attention_impl(model, impl).eval()
    inputs = batch(203)
    real = inputs["attention_mask"].bool()
    with torch.no_grad():
        truth = model(**inputs).last_hidden_state
        with torch.autocast("cpu", dtype=torch.bfloat16):
            hidden = model(**inputs).last_hidden_state.float()
    assert torch.isfinite(hidden).all()
    assert (hidden - truth)[real].abs().max().item() < 0.25 * truth[real].abs().max().item()


def largest_tensor_mode():
    """A dispatch mode that records the element count of the largest tensor any operation creates (``.largest``)."""
    from torch.utils._python_dispatch import TorchDispatchMode

    class LargestTensor(TorchDispatchMode):
        largest = 0

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            out = func(*args, **(kwargs or {}))
            for tensor in out if isinstance(out, tuple | list) else (out,):
                if isinstance(tensor, torch.Tensor):
                    self.largest = max(self.largest, tensor.numel())
            return out

    return LargestTensor()


def padded_row(length: int) -> dict[str, torch.Tensor]:
    """One row of ``length`` tokens whose last 100 are padding."""
    inputs = {"input_ids": torch.randint(5, VOCAB, (1, length)), "attention_mask": torch.ones(1, length).long()}
    inputs["attention_mask"][0, -100:] = 0
    return inputs


def test_fast_paths_hold_no_length_squared_tensor():
    """Memory linear in length: no tensor created during the fast forward and backward passes has length² elements
    (per batch row and head). The same check flags transformers' code: BigBird builds [n, h, L, L] probabilities and
    the Longformer model an [n, 1, L, L] mask (our fast Longformer model builds it in 2-D)."""
    length = 1024
    inputs = padded_row(length)
    for build in (longformer, bigbird, lsg):
        reference, fast = pair(build())
        for model, flagged in ((fast, False), (reference, build is not lsg)):
            model.train()
            with largest_tensor_mode() as mode:
                model(**inputs).last_hidden_state.sum().backward()
            assert (mode.largest >= length * length) == flagged, (build.__name__, type(model).__name__, mode.largest)


# ----------------------------------------------------------------------------------------------------------------
# Inference (no gradients, CPU): BigBird and LSG read their window keys in place and merge attentions over disjoint
# key sets by their log-sum-exp (baselines.attention.blocks.merge_attention). The tests above mostly run with
# gradients (one SDPA over gathered keys); these run the inference path and check that it ran.
def _count_split_attentions(monkeypatch) -> list[int]:
    import baselines.attention.bigbird as fast_bigbird
    import baselines.lsg.fast_attention as fast_lsg

    calls = [0]
    for module in (fast_bigbird, fast_lsg):
        def counted(*args, _original=module.attend_with_lse, **kwargs):
            calls[0] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, "attend_with_lse", counted)
    return calls


def assert_same_without_gradients(reference, fast, inputs, calls, rtol: float = 1e-5):
    real = inputs["attention_mask"].bool()
    with torch.no_grad():
        expected = reference(**inputs).last_hidden_state
        before = calls[0]
        hidden = fast(**inputs).last_hidden_state
    assert calls[0] > before, "the inference path did not run"
    scale = expected[real].abs().max().item()
    diff = (hidden - expected)[real].abs().max().item()
    assert diff <= rtol * max(scale, 1.0), f"hidden states differ by {diff:.2e} (scale {scale:.2f})"


@pytest.mark.parametrize("mode", ["eval", "train"])
@pytest.mark.parametrize("length", [203, 517, 1024])
@pytest.mark.parametrize("pad_rows", [True, False])
def test_bigbird_inference_path_equals_reference(monkeypatch, mode, length, pad_rows):
    """eval: the plan's r copies of block 0 become a log(r + 1) bias (two merged parts); train mode (dropout 0):
    real random blocks, a third, gathered part."""
    calls = _count_split_attentions(monkeypatch)
    reference, fast = pair(bigbird())
    reference.train(mode == "train")
    fast.train(mode == "train")
    assert_same_without_gradients(reference, fast, batch(length, pad_rows=pad_rows), calls)


@pytest.mark.parametrize("settings", [{"sparsity_type": kind} for kind in SPARSITY_TYPES] + [
    {"sparsity_type": "norm", "sparsity_factor": 2, "sparse_block_size": 16},
    {"sparsity_type": "norm", "sparsity_factor": 32, "block_size": 32},
    {"sparsity_type": "norm", "sparsity_factor": 1},
    {"sparsity_type": "norm", "num_global_tokens": 1, "pool_with_global": False},
])
def test_lsg_inference_path_equals_reference(monkeypatch, settings):
    calls = _count_split_attentions(monkeypatch)
    settings = dict(settings)
    reference, fast = pair(lsg(settings.pop("sparsity_type"), **settings))
    for length, pad_rows in ((203, True), (203, False), (512, False)):
        assert_same_without_gradients(reference.eval(), fast.eval(), batch(length, pad_rows=pad_rows), calls)


def test_inference_paths_hold_no_length_squared_tensor():
    """The no-L² check of the test above, for the inference path (no gradients)."""
    length = 1024
    inputs = padded_row(length)
    for build in (bigbird, lsg):
        _, fast = pair(build())
        with torch.no_grad(), largest_tensor_mode() as mode:
            fast.eval()(**inputs)
        assert mode.largest < length * length, (build.__name__, mode.largest)


# ----------------------------------------------------------------------------------------------------------------
# The config key: saved with every conversion, applied by load_model, ignored by plain transformers.
@pytest.mark.parametrize("arch", ["longformer", "bigbird", "lsg"])
def test_converted_folder_records_fast_and_plain_transformers_loads_it(converted, arch):
    import json

    from transformers import AutoModelForMaskedLM, AutoTokenizer

    import baselines.lsg  # noqa: F401  (registers the lsg-* model types)
    from baselines import load_model
    from baselines.attention import uses_fast_attention
    from baselines.equivalence import sample_inputs

    folder = converted[("roberta", arch)]
    assert json.loads((folder / "config.json").read_text())["attention_impl"] == "fast"
    ours = load_model(folder, head="masked-lm").eval()
    plain = AutoModelForMaskedLM.from_pretrained(folder).eval()
    assert uses_fast_attention(ours)
    assert uses_fast_attention(plain) == (arch == "lsg")  # transformers' own classes run their reference code
    inputs = sample_inputs(AutoTokenizer.from_pretrained(folder), 300, batch=2)
    real = inputs["attention_mask"].bool()
    with torch.no_grad():
        a, b = ours(**inputs).logits, plain(**inputs).logits
    assert (a - b)[real].abs().max().item() < 1e-4 * a[real].abs().max().item()


def test_reference_choice_is_saved_and_kept(sources, tiny, tmp_path):
    import json

    from baselines import load_model
    from baselines.attention import set_attention_impl, uses_fast_attention
    from baselines.convert import convert
    from baselines.distillation import make_student

    folder = convert(str(sources["bert"]), "longformer", tmp_path / "lf", max_length=tiny.max_length, check=False,
                     attention_impl="reference", **tiny.options["longformer"])
    assert json.loads((folder / "config.json").read_text())["attention_impl"] == "reference"
    model = load_model(folder, head="masked-lm")
    assert not uses_fast_attention(model)
    student, _ = make_student(model, num_layers=1)
    assert not uses_fast_attention(student)
    assert uses_fast_attention(make_student(set_attention_impl(model, "fast"), num_layers=1)[0])
    model.save_pretrained(tmp_path / "resaved")
    assert json.loads((tmp_path / "resaved" / "config.json").read_text())["attention_impl"] == "fast"
    with pytest.raises(ValueError, match="attention_impl"):
        set_attention_impl(model, "flash")


def test_lsg_config_selects_the_attention_class():
    from baselines.lsg import LSGBertConfig, LSGBertModel
    from baselines.lsg.attention import LSGSelfAttention
    from baselines.lsg.fast_attention import FastLSGSelfAttention

    for impl, expected in (("fast", FastLSGSelfAttention), ("reference", LSGSelfAttention)):
        model = LSGBertModel(LSGBertConfig(**_common(attention_impl=impl)))
        assert {type(layer.attention.self) for layer in model.encoder.layer} == {expected}
    assert LSGBertConfig().attention_impl == "fast"
    with pytest.raises(ValueError, match="attention_impl"):
        LSGBertConfig(attention_impl="flash")


def test_conversion_check_compares_fast_with_reference_and_catches_a_broken_fast_path(sources, tiny, monkeypatch):
    import baselines.lsg.fast_attention as fast_lsg
    from baselines.convert import convert_model
    from baselines.equivalence import check_conversion

    model, source, _ = convert_model(str(sources["roberta"]), "lsg", max_length=tiny.max_length, **tiny.options["lsg"])
    report = check_conversion(source, model, "lsg", lengths=(32,), long_length=tiny.max_length)
    assert report.passed and report.fast_max_hidden_diff is not None
    assert report.fast_max_hidden_diff <= report.fast_tolerance

    right = fast_lsg.attend

    def wrong(query, key, value, mask, dropout_p=0.0, scale=None):  # drops the last key of every block
        return right(query, key[..., :-1, :], value[..., :-1, :], None if mask is None else mask[..., :-1],
                     dropout_p, scale)

    monkeypatch.setattr(fast_lsg, "attend", wrong)
    report = check_conversion(source, model, "lsg", lengths=(32,), long_length=tiny.max_length)
    assert not report.passed and report.fast_max_hidden_diff > report.fast_tolerance
