"""`gonerd baselines convert|pretrain|distill` end to end on tiny models, and its error messages."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

pytest.importorskip("torch")


def _run(*args):
    from baselines.cli import baselines

    return CliRunner().invoke(baselines, [str(a) for a in args], catch_exceptions=False)


def test_convert_pretrain_distill_from_the_cli(sources, corpus, tmp_path):
    from baselines import load_model

    model = tmp_path / "lsg"
    result = _run("convert", sources["bert"], "--arch", "lsg", "--max-length", 256, "--out", model,
                  "--block-size", 32, "--sparse-block-size", 16, "--sparsity-factor", 4, "--sparsity-type", "pooling")
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(str(model))
    config = json.loads((model / "config.json").read_text())
    assert (config["model_type"], config["block_size"], config["sparsity_type"]) == ("lsg-bert", 32, "pooling")
    provenance = json.loads((model / "provenance.json").read_text())
    assert provenance["equivalence"]["passed"] and provenance["source"]["family"] == "bert"

    common = ["--max-steps", 2, "--batch-size", 2, "--save-steps", 1, "--logging-steps", 1, "--max-length", 128]
    result = _run("pretrain", model, "--source", f"{corpus}:0.6", "--source", f"{corpus}:0.4:32",
                  "--out", tmp_path / "mlm", *common)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mlm" / "model" / "model.safetensors").exists()

    result = _run("distill", tmp_path / "mlm", "--source", corpus, "--out", tmp_path / "student",
                  "--layers", "1", "--alpha-cos", 0, *common)
    assert result.exit_code == 0, result.output
    student = load_model(tmp_path / "student", head="masked-lm")  # the run folder resolves to its model/
    assert student.config.num_hidden_layers == 1
    curve = json.loads((tmp_path / "student" / "training_curve.json").read_text())["log_history"]
    assert "loss_ce" in curve[0] and "loss_cos" not in curve[0]


@pytest.mark.parametrize(
    "args,message",
    [
        (["convert", "{bert}", "--arch", "longformer", "--out", "{tmp}/a", "--block-size", "8"], "--block-size"),
        (["convert", "{tmp}/nowhere", "--arch", "lsg", "--out", "{tmp}/b"], "no such folder"),
        (["pretrain", "{bert}", "--source", "{tmp}/none.txt", "--out", "{tmp}/c"], "does not exist"),
        (["pretrain", "{tmp}/nowhere", "--source", "{tmp}/none.txt", "--out", "{tmp}/c"], "no such folder"),
        (["convert", "{bert}", "--arch", "bigbird", "--out", "{tmp}/d", "--attention-window", "64"],
         "do not apply"),
    ],
)
def test_cli_errors_name_the_problem(sources, tmp_path, args, message):
    from baselines.cli import baselines

    args = [a.format(bert=sources["bert"], tmp=tmp_path) for a in args]
    result = CliRunner().invoke(baselines, args)
    assert result.exit_code != 0
    assert message in result.output


def test_gonerd_help_does_not_import_torch():
    code = ("import sys; from click.testing import CliRunner; from gonerd.cli import main; "
            "r = CliRunner().invoke(main, ['baselines', '--help']); assert r.exit_code == 0, r.output; "
            "assert 'convert' in r.output; print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_cli_sparsity_type_none_reaches_the_config(sources, tmp_path):
    """`--sparsity-type none` gives an LSG model without the sparse part (it used to fall back to "norm")."""
    out = tmp_path / "lsg-none"
    result = _run("convert", sources["roberta"], "--arch", "lsg", "--max-length", 256, "--out", out,
                  "--block-size", 32, "--sparsity-type", "none")
    assert result.exit_code == 0, result.output
    assert json.loads((out / "config.json").read_text())["sparsity_type"] == "none"
    assert json.loads((out / "provenance.json").read_text())["settings"]["sparsity_type"] == "none"
