"""Conversions: numerical equivalence with the source, detection of wrong copies, saved folders reload."""

from __future__ import annotations

import json

import pytest

torch = pytest.importorskip("torch")

ARCHS = ["longformer", "bigbird", "lsg", "nystromformer"]
KINDS = ["roberta", "bert"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("arch", ARCHS)
def test_converted_model_reproduces_source(sources, tiny, kind, arch):
    from baselines.convert import convert_model
    from baselines.equivalence import check_conversion

    model, source, _ = convert_model(str(sources[kind]), arch, max_length=tiny.max_length, **tiny.options[arch])
    # up to the source's full length (the "512" of the tiny world), and past it on the real sparse model
    report = check_conversion(source, model, arch, lengths=(16, 77, tiny.source_positions),
                              long_length=tiny.max_length)
    assert report.max_hidden_diff < 1e-4
    assert report.max_logit_diff < 1e-4 and report.same_predictions
    assert report.long_outputs_finite
    assert report.passed


@pytest.mark.parametrize("arch", ARCHS)
def test_check_catches_a_misplaced_weight(sources, tiny, arch):
    """Swapping two layers' query weights (an easy copy bug) must fail the check."""
    from baselines.convert import convert_model
    from baselines.equivalence import check_conversion

    model, source, _ = convert_model(str(sources["bert"]), arch, max_length=tiny.max_length, **tiny.options[arch])
    layers = model.base_model.encoder.layer
    with torch.no_grad():
        q0 = layers[0].attention.self.query.weight.clone()
        layers[0].attention.self.query.weight.copy_(layers[1].attention.self.query.weight)
        layers[1].attention.self.query.weight.copy_(q0)
    report = check_conversion(source, model, arch, lengths=(32,))
    assert not report.passed and report.max_hidden_diff > 1e-3


@pytest.mark.parametrize("kind,src_offset,dst_offset", [("roberta", 2, 2), ("bert", 0, 1), ("bert", 0, 2)])
def test_tile_positions_offsets(kind, src_offset, dst_offset):
    from baselines.convert.positions import tile_positions

    source = torch.randn(src_offset + 5, 3)
    table = tile_positions(source, src_offset, dst_offset, 12)
    assert table.shape == (dst_offset + 12, 3)
    for i in range(12):
        assert torch.equal(table[dst_offset + i], source[src_offset + i % 5])
    assert torch.equal(table[: min(src_offset, dst_offset)], source[: min(src_offset, dst_offset)])


def test_longformer_global_projections_copy_local_ones(converted):
    from transformers import AutoModelForMaskedLM

    model = AutoModelForMaskedLM.from_pretrained(converted[("bert", "longformer")])
    attention = model.longformer.encoder.layer[1].attention.self
    for name in ("query", "key", "value"):
        assert torch.equal(getattr(attention, name).weight, getattr(attention, f"{name}_global").weight)
    assert model.config.type_vocab_size == 2  # BERT's token types are kept


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("arch", ARCHS)
def test_saved_folder_reloads_with_auto_classes(converted, sources, tiny, kind, arch):
    from transformers import (
        AutoModelForMaskedLM,
        AutoModelForQuestionAnswering,
        AutoModelForSequenceClassification,
        AutoModelForTokenClassification,
        AutoTokenizer,
    )

    import baselines.lsg  # noqa: F401  (registers lsg-roberta / lsg-bert)
    from baselines import load_model
    from baselines.convert import convert_model
    from baselines.equivalence import sample_inputs

    folder = converted[(kind, arch)]
    assert (folder / "model.safetensors").exists()
    tokenizer = AutoTokenizer.from_pretrained(folder)
    assert tokenizer.model_max_length == tiny.max_length
    provenance = json.loads((folder / "provenance.json").read_text())
    assert provenance["settings"]["arch"] == arch and provenance["versions"]["torch"]
    assert "commit" in provenance["git"]

    fresh, _, _ = convert_model(str(sources[kind]), arch, max_length=tiny.max_length, **tiny.options[arch])
    reloaded = AutoModelForMaskedLM.from_pretrained(folder).eval()
    assert type(reloaded) is type(fresh)
    via_loader = load_model(folder, head="masked-lm").eval()
    length = tiny.max_length if arch == "nystromformer" else 300  # HF Nyströmformer needs its full length
    inputs = sample_inputs(tokenizer, length, batch=1)
    with torch.no_grad():
        expected = fresh(**inputs).logits
        assert torch.allclose(reloaded(**inputs).logits, expected, atol=1e-5)
        assert torch.allclose(via_loader(**inputs).logits, expected, atol=1e-5)
    for auto in (AutoModelForTokenClassification, AutoModelForQuestionAnswering, AutoModelForSequenceClassification):
        model = auto.from_pretrained(folder, num_labels=3)
        assert type(model).__name__.endswith(auto.__name__.replace("AutoModel", ""))
    for head in ("token-classification", "question-answering", "sequence-classification", None):
        load_model(folder, head=head)


def test_nystromformer_accepts_padded_batches(converted, tiny):
    from transformers import AutoTokenizer

    from baselines import load_model
    from baselines.equivalence import sample_inputs

    folder = converted[("roberta", "nystromformer")]
    model = load_model(folder, head="token-classification", num_labels=3).eval()
    inputs = sample_inputs(AutoTokenizer.from_pretrained(folder), tiny.max_length, batch=2)
    assert inputs["attention_mask"][1].sum() < tiny.max_length
    with torch.no_grad():
        assert torch.isfinite(model(**inputs).logits).all()


def test_convert_refuses_existing_output_and_bad_options(sources, tiny, tmp_path):
    from baselines.convert import convert

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(FileExistsError, match="already exists"):
        convert(str(sources["bert"]), "lsg", out, max_length=256, check=False)
    with pytest.raises(ValueError, match="do not apply to --arch longformer"):
        convert(str(sources["bert"]), "longformer", tmp_path / "x", max_length=256, num_landmarks=8)
    with pytest.raises(ValueError, match="--arch"):
        convert(str(sources["bert"]), "reformer", tmp_path / "y", max_length=256)
    with pytest.raises(ValueError, match="must be > 0 and divide"):
        convert(str(sources["bert"]), "nystromformer", tmp_path / "z", max_length=250, num_landmarks=64)
    assert not (tmp_path / "x").exists() and not (tmp_path / "z").exists()


def test_python_none_options_mean_none_not_default(sources, tiny):
    """sparsity_type=None (LSG) is a value, not "use the default"; a Nyströmformer without its convolution cannot
    be expressed in transformers 5 and is refused clearly."""
    from baselines.convert import convert_model

    model, _, settings = convert_model(str(sources["bert"]), "lsg", max_length=256, block_size=32,
                                       sparsity_type=None)
    assert model.config.sparsity_type == "none" and settings["sparsity_type"] is None
    assert all(layer.attention.self.sparsity_type == "none" for layer in model.base_model.encoder.layer)
    model, _, _ = convert_model(str(sources["bert"]), "lsg", max_length=256, block_size=32, sparsity_type=None,
                                sparse_block_size=None)  # None for an ordinary option still means the default
    assert model.config.sparse_block_size == 128
    model, _, _ = convert_model(str(sources["bert"]), "nystromformer", max_length=256, num_landmarks=16,
                                conv_kernel_size=None)  # not an option where None is a value: the default
    assert model.config.conv_kernel_size == 65
    for kernel in (0, 4):
        with pytest.raises(ValueError, match="--conv-kernel-size must be a positive odd integer"):
            convert_model(str(sources["bert"]), "nystromformer", max_length=256, num_landmarks=16,
                          conv_kernel_size=kernel)


def _lsg_converter_global_rows(position_table, words, token_types, bos_id, mask_id, stride, roberta):
    """lsg-converter 0.1.9's ``update_global`` (roberta/ and bert/convert_*_checkpoint.py) and ``order_positions``
    (conversion_utils.py) with their defaults (use_token_ids=True), transcribed; checked against the installed
    package on tiny BERT (512 and 1,024 positions) and RoBERTa (1,024) sources: identical rows."""
    positions = position_table.clone()[2:] if roberta else position_table.clone()
    n, d = positions.size()
    if n % 512 != 0:  # (fewer than 512 rows: random rows appended; not transcribed, the test avoids it)
        positions = positions[: 512 * (n // 512)]
        n, d = positions.size()
    factor = n // 512
    positions = positions.reshape(-1, factor, d)[:, 0]
    positions = positions.reshape(-1, stride // factor, d).transpose(0, 1).reshape(-1, d)
    positions[0] += words[bos_id]
    positions[1:] += words[mask_id].unsqueeze(0)
    if not roberta:  # BERT's script: use_token_ids
        positions += token_types[0].unsqueeze(0)
    return positions


@pytest.mark.parametrize("family,rows", [("bert", 512), ("bert", 1024), ("roberta", 512), ("roberta", 1300)])
def test_lsg_global_embeddings_match_lsg_converter(family, rows):
    import types

    from baselines.convert.lsg import global_embeddings

    generator = torch.Generator().manual_seed(rows)
    offset = 2 if family == "roberta" else 0
    encoder = {
        "embeddings.word_embeddings.weight": torch.randn(50, 8, generator=generator),
        "embeddings.position_embeddings.weight": torch.randn(rows + offset, 8, generator=generator),
        "embeddings.token_type_embeddings.weight": torch.randn(2 if family == "bert" else 1, 8, generator=generator),
    }
    tokenizer = types.SimpleNamespace(bos_token_id=None if family == "bert" else 0, cls_token_id=2, mask_token_id=4)
    source = types.SimpleNamespace(name="tiny", family=family, encoder=encoder, tokenizer=tokenizer,
                                   position_offset=offset)
    ours = global_embeddings(source, stride=64)
    reference = _lsg_converter_global_rows(
        encoder["embeddings.position_embeddings.weight"], encoder["embeddings.word_embeddings.weight"],
        encoder["embeddings.token_type_embeddings.weight"], 0 if family == "roberta" else 2, 4, 64,
        roberta=family == "roberta")
    assert ours.shape == (512, 8)
    assert torch.equal(ours, reference)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("projection,part", [
    ("query_global", "weight"), ("key_global", "weight"), ("value_global", "weight"),
    ("query_global", "bias"), ("value_global", "bias"),
])
def test_check_catches_a_wrong_longformer_global_projection(sources, tiny, kind, projection, part):
    """Only global tokens use these projections: the check marks token 0 global to see them. A weight taken from
    the wrong layer or a bias left uncopied must fail it. (Not the key bias: it adds the same q·b to every score
    of a query, which softmax cancels; no output, and so no check, depends on it.)"""
    from baselines.convert import convert_model
    from baselines.equivalence import check_conversion

    model, source, _ = convert_model(str(sources[kind]), "longformer", max_length=tiny.max_length,
                                     **tiny.options["longformer"])
    layers = model.base_model.encoder.layer
    with torch.no_grad():
        target = getattr(getattr(layers[0].attention.self, projection), part)
        if part == "weight":
            target.copy_(getattr(layers[1].attention.self, projection).weight)
        else:
            target.zero_()
    report = check_conversion(source, model, "longformer", lengths=(32,))
    assert "global token 0" in report.variants
    assert not report.passed and report.max_hidden_diff > 1e-3


@pytest.mark.parametrize("arch", ARCHS)
def test_check_catches_a_wrong_token_type_row(sources, tiny, arch):
    """BERT sources are checked with segments 0 and 1, so a wrong second token-type row fails the check."""
    from baselines.convert import convert_model
    from baselines.equivalence import check_conversion, sample_inputs

    model, source, _ = convert_model(str(sources["bert"]), arch, max_length=tiny.max_length, **tiny.options[arch])
    inputs = sample_inputs(source.tokenizer, 32, type_vocab_size=2)
    assert set(inputs["token_type_ids"].unique().tolist()) == {0, 1}
    assert check_conversion(source, model, arch, lengths=(32,)).passed
    with torch.no_grad():
        model.base_model.embeddings.token_type_embeddings.weight[1].normal_()
    report = check_conversion(source, model, arch, lengths=(32,))
    assert not report.passed and report.max_hidden_diff > 1e-3


def test_tolerance_is_absolute_plus_relative(sources, tiny):
    from baselines.convert import convert_model
    from baselines.equivalence import check_conversion

    model, source, _ = convert_model(str(sources["roberta"]), "lsg", max_length=tiny.max_length,
                                     **tiny.options["lsg"])
    report = check_conversion(source, model, "lsg", lengths=(32,), atol=1e-6, rtol=1e-3)
    assert report.hidden_scale > 1 and report.logit_scale > report.hidden_scale
    assert report.hidden_tolerance == pytest.approx(1e-6 + 1e-3 * report.hidden_scale)
    assert report.logit_tolerance == pytest.approx(1e-6 + 1e-3 * report.logit_scale)
    assert report.passed and report.to_dict()["passed"]
    report.max_hidden_diff = report.hidden_tolerance * 1.01
    assert not report.passed
