"""The argument dataclasses: one definition for the CLI, the Python API and configuration files."""

from __future__ import annotations

import pytest
from click.testing import CliRunner


def test_from_dict_checks_keys_and_coerces_values():
    from baselines.arguments import CorpusArguments, DistillationArguments, TrainingArguments, from_dict

    # YAML reads 1e-4 as a string and may give "0,2,4": both become what the field says
    training = from_dict(TrainingArguments, {"learning-rate": "1e-4", "max_steps": "10", "progress": "false",
                                             "save_total_limit": None})
    assert (training.learning_rate, training.max_steps, training.progress) == (1e-4, 10, False)
    assert training.save_total_limit is None
    assert from_dict(DistillationArguments, {"layers": "0, 2,4"}).layers == [0, 2, 4]
    assert from_dict(CorpusArguments, {"sources": "a.txt"}).sources == ["a.txt"]
    with pytest.raises(ValueError, match=r"unknown setting 'batchsize' \(known: .*batch_size"):
        from_dict(TrainingArguments, {"batchsize": 4}, where="training")
    with pytest.raises(ValueError, match=r"training\.max_steps: expected an integer"):
        from_dict(TrainingArguments, {"max_steps": 2.5}, where="training")
    with pytest.raises(ValueError, match="expected true or false"):
        from_dict(TrainingArguments, {"progress": "maybe"})
    with pytest.raises(ValueError, match="--precision"):
        from_dict(TrainingArguments, {"precision": "fp8"})


def test_every_stage_accepts_instances_dicts_and_defaults():
    from baselines.arguments import (
        DistillationArguments,
        ModelArguments,
        TrainingArguments,
        as_model_arguments,
        coerce_arguments,
    )

    assert coerce_arguments(TrainingArguments, None) == TrainingArguments()
    assert coerce_arguments(TrainingArguments, {"seed": 3}).seed == 3
    given = DistillationArguments(alpha_cos=0.0)
    assert coerce_arguments(DistillationArguments, given) is given
    assert as_model_arguments("runs/lsg") == ModelArguments("runs/lsg")
    with pytest.raises(TypeError, match="expected TrainingArguments or a dict"):
        coerce_arguments(TrainingArguments, ["seed", 3])


def test_fingerprint_leaves_out_display_and_checkpoint_settings():
    from baselines.arguments import TrainingArguments, fingerprint_dict

    a = fingerprint_dict(TrainingArguments(progress=False, logging_steps=1, save_steps=7))
    b = fingerprint_dict(TrainingArguments())
    assert a == b and "learning_rate" in a and "progress" not in a
    assert fingerprint_dict(TrainingArguments(learning_rate=1e-3)) != b


def test_cli_options_come_from_the_dataclasses():
    import click

    from baselines.arguments import DistillationArguments, TrainingArguments
    from baselines.cli_options import dataclass_options, pop_arguments

    seen = {}

    @click.command()
    @dataclass_options(TrainingArguments)
    @dataclass_options(DistillationArguments)
    def command(**kw):
        seen["training"] = pop_arguments(TrainingArguments, kw)
        seen["distillation"] = pop_arguments(DistillationArguments, kw)
        seen["rest"] = kw

    result = CliRunner().invoke(command, ["--lr", "3e-5", "--no-progress", "--layers", "0,3,5", "--grad-accum", "4",
                                          "--gradient-checkpointing"])
    assert result.exit_code == 0, result.output
    assert seen["training"] == TrainingArguments(learning_rate=3e-5, progress=False, grad_accum=4,
                                                 gradient_checkpointing=True)
    assert seen["distillation"].layers == [0, 3, 5] and seen["rest"] == {}
    help_text = CliRunner().invoke(command, ["--help"]).output
    assert "--progress / --no-progress" in help_text and "[default: 5e-05]" in help_text
    bad = CliRunner().invoke(command, ["--layers", "0,x"])
    assert bad.exit_code != 0 and "--layers" in bad.output


def test_gradient_checkpointing_reaches_transformers_without_its_future_warning(tmp_path):
    """transformers 5 renamed `gradient_checkpointing` to `activation_checkpointing` and warns (FutureWarning) on
    every run that uses the old name (issue 12): our mapping uses the new one, and the setting still arrives."""
    import warnings

    pytest.importorskip("transformers")
    from transformers import TrainingArguments as HFArguments

    from baselines.arguments import TrainingArguments
    from baselines.training import trainer_arguments

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        on = trainer_arguments(tmp_path, TrainingArguments(gradient_checkpointing=True))
        off = trainer_arguments(tmp_path, TrainingArguments())
    assert [str(w.message) for w in caught if "checkpointing" in str(w.message)] == []
    assert on.gradient_checkpointing and not off.gradient_checkpointing
    with warnings.catch_warnings(record=True) as caught:  # guard: the old name does warn
        warnings.simplefilter("always")
        HFArguments(str(tmp_path), gradient_checkpointing=True, report_to="none")
    assert any(issubclass(w.category, FutureWarning) and "gradient_checkpointing" in str(w.message) for w in caught)
