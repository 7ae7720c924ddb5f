"""`gonerd baselines convert|pretrain|distill` end to end on tiny models, and its error messages."""

from __future__ import annotations

import json
import math
import re
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
                  "--eval-source", f"{corpus}:1:64", "--max-eval-examples", 3, "--eval-batch-size", 3,
                  "--grad-accum", 2, "--out", tmp_path / "mlm", *common)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mlm" / "model" / "model.safetensors").exists()
    # the progress bar, as printed where stderr is no terminal: steps, loss, tokens per second, elapsed, ETA
    bars = [line for line in result.stderr.splitlines() if "━" in line]
    final = [line for line in bars if line.startswith("pretrain") and "2/2 steps" in line]
    assert final and re.search(r"loss \d", final[-1]) and re.search(r"[\d,]+ tok/s", final[-1]), bars
    assert "ETA 0:00:00" in final[-1]
    assert any(line.startswith("eval") and "1/1 batches" in line and "tok/s" in line for line in bars), bars
    provenance = json.loads((tmp_path / "mlm" / "provenance.json").read_text())
    metrics = provenance["eval_metrics"]
    assert metrics["eval_perplexity"] == pytest.approx(math.exp(metrics["eval_loss"]), rel=1e-6)
    assert provenance["data"]["eval"]["sequences"] == 3
    assert provenance["settings"]["training"]["grad_accum"] == 2
    assert provenance["settings"]["data"]["sources"] == [f"{corpus}:0.6", f"{corpus}:0.4:32"]
    assert "Loading weights" not in result.output and "FutureWarning" not in result.output

    result = _run("distill", tmp_path / "mlm", "--source", corpus, "--out", tmp_path / "student",
                  "--layers", "1", "--alpha-cos", 0, "--no-progress", *common)
    assert result.exit_code == 0, result.output
    assert "━" not in result.output  # --no-progress: log lines only
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


def test_convert_output_has_no_transformers_load_noise(sources, tmp_path):
    """A source without an MLM head (a sentence encoder) is expected: the conversion says so in one line of its own,
    without transformers' "checkpoint seem corrupted" warning and MISSING/UNEXPECTED table, when called from Python
    (first, in a fresh process: nothing set up by the CLI) and from the CLI. The control part of the same process
    loads that source plainly and shows that transformers would print them."""
    from transformers import AutoTokenizer, BertModel

    encoder = tmp_path / "encoder"
    BertModel.from_pretrained(sources["bert"]).save_pretrained(encoder)  # no MLM head, a pooler
    AutoTokenizer.from_pretrained(sources["bert"]).save_pretrained(encoder)
    args = ["baselines", "convert", str(encoder), "--arch", "lsg", "--max-length", "256", "--block-size", "32",
            "--sparse-block-size", "16", "--out", str(tmp_path / "lsg")]
    code = ("import sys\n"
            "import baselines\n"
            f"baselines.convert_checkpoint({str(encoder)!r}, 'lsg', {str(tmp_path / 'lsg-py')!r}, max_length=256,"
            " block_size=32, sparse_block_size=16)\n"
            "print('=== cli ===', file=sys.stderr, flush=True)\n"
            "from gonerd.cli import main\n"
            f"main({args!r}, standalone_mode=False)\n"
            "print('=== control ===', file=sys.stderr, flush=True)\n"
            "from transformers import AutoModelForMaskedLM\n"
            f"AutoModelForMaskedLM.from_pretrained({str(encoder)!r})\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600,
                          env={**__import__("os").environ, "HF_HUB_OFFLINE": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    python, rest = done.stderr.split("=== cli ===")
    cli, control = rest.split("=== control ===")
    # transformers' own "Loading weights"/"Writing model shards" bars are switched off by the CLI only: a library
    # call leaves that process-wide setting to its caller
    for conversion, out, noises in ((python, tmp_path / "lsg-py", ()), (cli, tmp_path / "lsg", ("Loading weights",
                                                                                                  "Writing model"))):
        assert "no MLM head" in conversion and (out / "config.json").exists()
        for noise in ("seem corrupted", "LOAD REPORT", "MISSING", "UNEXPECTED", *noises):
            assert noise not in conversion, conversion
    assert "seem corrupted" in control and "MISSING" in control
