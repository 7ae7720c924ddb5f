"""Peak memory of a 4,096-token distillation step: MLM heads over every position against masked rows only.

    python benchmarks/distillation_memory.py [--widths minilm,base] [--arch lsg] [--length 4096] [--parts ...]

The reference is the implementation before issue 12, kept here: the teacher's and the student's MLM heads project
every position to the vocabulary and the losses then read the masked ones. The variant is the current
``DistillationTrainer`` (and ``MaskedLMTrainer`` for pretraining): the heads see the masked rows only. Both run in
this process on the same batch (one sequence, 15% masked), alternately, with glibc told to return freed memory
(``baselines.memory``), so their peaks are comparable. Parts measured:

* ``head``: the teacher's MLM head alone, on its last hidden state (the logits the issue was about);
* ``teacher``: the teacher's whole forward pass without gradients (at fp32 on CPU its attention may peak higher
  than the logits, so this can show no difference);
* ``distill``: one distillation step (teacher forward, student forward and backward, the three loss terms);
* ``pretrain``: one masked-LM step of the teacher-sized model (forward and backward).

Models are random, converted from a RoBERTa-shaped source the script builds (nothing is downloaded): ``minilm``
is MiniLM's shape (384 hidden, 12 heads, 6 layers -> 3, BERT's 30,522-token vocabulary), ``base`` RoBERTa-base's
(768 hidden, 12 heads, 12 layers -> 6, 50,265 tokens). Peak memory is peak RSS above the RSS before the part on CPU,
``torch.cuda.max_memory_allocated`` above the allocated memory before it on GPU.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

WIDTHS = {
    "minilm": {"hidden": 384, "heads": 12, "layers": 6, "vocab": 30522, "intermediate": 1536},
    "base": {"hidden": 768, "heads": 12, "layers": 12, "vocab": 50265, "intermediate": 3072},
}


def build_teacher(width: str, arch: str, length: int, root: Path):
    """A random RoBERTa-shaped MLM model of ``width``, converted to ``arch`` with ``length`` positions."""
    import json

    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import RobertaConfig, RobertaForMaskedLM, RobertaTokenizer

    from baselines.convert import convert
    from baselines.loading import load_model

    shape = WIDTHS[width]
    source = root / f"{width}-source"
    source.mkdir(parents=True)
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(["the court heard the case of the city"] * 4, vocab_size=300, show_progress=False,
                            special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
    bpe.save_model(str(source))
    vocab = json.loads((source / "vocab.json").read_text())
    merges = [tuple(line.split()) for line in (source / "merges.txt").read_text().splitlines()[1:] if line]
    RobertaTokenizer(vocab=vocab, merges=merges, model_max_length=512).save_pretrained(source)
    torch.manual_seed(0)
    config = RobertaConfig(vocab_size=shape["vocab"], hidden_size=shape["hidden"], num_attention_heads=shape["heads"],
                           num_hidden_layers=shape["layers"], intermediate_size=shape["intermediate"],
                           max_position_embeddings=514, type_vocab_size=1, pad_token_id=1, bos_token_id=0,
                           eos_token_id=2)
    RobertaForMaskedLM(config).save_pretrained(source)
    folder = convert(str(source), arch, root / f"{width}-{arch}", max_length=length, check=False)
    return load_model(folder, head="masked-lm")


def batch_of(config, length: int, seed: int = 0):
    """One sequence of ``length`` random tokens, 15% of them masked (labels -100 elsewhere)."""
    import torch

    generator = torch.Generator().manual_seed(seed)
    input_ids = torch.randint(5, config.vocab_size, (1, length), generator=generator)
    input_ids[0, 0], input_ids[0, -1] = 0, 2
    masked = torch.rand((1, length), generator=generator) < 0.15
    masked[0, 0] = masked[0, -1] = False
    labels = torch.where(masked, input_ids, torch.full_like(input_ids, -100))
    input_ids = torch.where(masked, torch.full_like(input_ids, 4), input_ids)
    return {"input_ids": input_ids, "attention_mask": torch.ones_like(input_ids), "labels": labels}


def trainers(student, teacher, out: Path):
    """(reference, variant) distillation trainers: every position / masked rows only."""
    from transformers import TrainingArguments

    from baselines.arguments import DistillationArguments
    from baselines.distillation import DistillationTrainer, distillation_losses
    from baselines.modeling_utils import mlm_logits
    from baselines.training import masked_lm_loss

    class AllPositionsTrainer(DistillationTrainer):
        """Before issue 12: both heads project every position; the losses read the masked rows."""

        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            import torch

            labels = inputs["labels"]
            masked = labels != -100
            forward = {k: v for k, v in inputs.items() if k != "labels"}
            self.head_rows.keep_hidden = True
            outputs = model(**forward)
            self.head_rows.keep_hidden = False
            student_hidden = self.head_rows.pop_hidden()
            with torch.no_grad():
                teacher_hidden = self.teacher.base_model(**forward).last_hidden_state
                teacher_logits = mlm_logits(self.teacher, teacher_hidden)
            mlm = masked_lm_loss(outputs.logits[masked], labels[masked])
            terms = distillation_losses(outputs.logits[masked], student_hidden, teacher_logits[masked],
                                        teacher_hidden, inputs["attention_mask"], mlm, self.weights)
            return terms["loss"]

    args = TrainingArguments(str(out), report_to="none", use_cpu=not _cuda())
    weights = DistillationArguments()
    return (AllPositionsTrainer(model=student, args=args, teacher=teacher, weights=weights),
            DistillationTrainer(model=student, args=args, teacher=teacher, weights=weights))


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _cuda() -> bool:
    import torch

    return torch.cuda.is_available()


def measure(part: str, which: str, trainer, student, teacher, batch, device: str):
    """Peak memory (and time) of one ``part`` with the ``which`` ("reference"/"variant") implementation."""
    import torch

    from baselines.memory import PeakMemory
    from baselines.modeling_utils import mlm_logits
    from baselines.training import HeadRows, masked_lm_loss

    masked = batch["labels"] != -100
    forward = {k: v for k, v in batch.items() if k != "labels"}
    student.zero_grad(set_to_none=True)
    teacher.zero_grad(set_to_none=True)
    if part == "head":
        with torch.no_grad():
            hidden = teacher.base_model(**forward).last_hidden_state
            with PeakMemory(device) as peak:
                logits = mlm_logits(teacher, hidden if which == "reference" else hidden[masked])
                del logits
            del hidden
    elif part == "teacher":
        with PeakMemory(device) as peak, torch.no_grad():
            hidden = teacher.base_model(**forward).last_hidden_state
            logits = mlm_logits(teacher, hidden if which == "reference" else hidden[masked])
            del hidden, logits
    elif part == "distill":
        with PeakMemory(device) as peak:
            loss = trainer.compute_loss(student, batch)
            loss.backward()
            del loss
    else:  # pretrain: the teacher-sized model as an MLM
        rows = getattr(teacher, "_bench_rows", None) or HeadRows(teacher)
        teacher._bench_rows = rows
        teacher.requires_grad_(True)
        with PeakMemory(device) as peak:
            if which == "reference":
                loss = teacher(**batch).loss
            else:
                with rows.only(masked):
                    loss = masked_lm_loss(teacher(**forward).logits, batch["labels"][masked])
            loss.backward()
            del loss
        teacher.requires_grad_(False)
        teacher.zero_grad(set_to_none=True)
    student.zero_grad(set_to_none=True)
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--widths", default="minilm,base")
    parser.add_argument("--arch", default="lsg", choices=["lsg", "longformer", "bigbird", "nystromformer"])
    parser.add_argument("--length", type=int, default=4096)
    parser.add_argument("--parts", default="head,teacher,distill,pretrain")
    args = parser.parse_args()

    import torch

    from baselines.distillation import make_student
    from baselines.hf_logging import quiet_library_progress_bars
    from baselines.memory import return_freed_memory

    quiet_library_progress_bars()
    freed = return_freed_memory()
    device = "cuda" if _cuda() else "cpu"
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, torch {torch.__version__}, {device}"
          f"{'' if freed or device == 'cuda' else ' (glibc mallopt unavailable: CPU peaks less comparable)'}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; load average before: {_load()} "
          "(times depend on it, memory does not)")
    print(f"arch {args.arch}, one sequence of {args.length} tokens, 15% masked, fp32\n")
    print("| width | part | every position (MiB) | masked rows (MiB) | ratio | time every / masked (s) |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for width in args.widths.split(","):
            teacher = build_teacher(width, args.arch, args.length, Path(tmp)).to(device).eval()
            teacher.requires_grad_(False)
            student, layers = make_student(teacher)
            student.to(device).train()
            batch = {k: v.to(device) for k, v in batch_of(teacher.config, args.length).items()}
            reference, variant = trainers(student, teacher, Path(tmp) / "trainer")
            shape = WIDTHS[width]
            label = (f"{width} ({shape['hidden']} hidden, {shape['layers']}→{len(layers)} layers, "
                     f"vocab {shape['vocab']:,})")
            for part in args.parts.split(","):
                # variant first, then the reference: any memory the first leaves behind can only favour the second
                new = measure(part, "variant", variant, student, teacher, batch, device)
                old = measure(part, "reference", reference, student, teacher, batch, device)
                print(f"| {label} | {part} | {old.mib:,.0f} | {new.mib:,.0f} | {new.peak / old.peak:.2f} | "
                      f"{old.seconds:.1f} / {new.seconds:.1f} |", flush=True)
            del teacher, student, reference, variant
    print(f"\nload average after: {_load()}")
    print(f"peak = {'torch.cuda.max_memory_allocated' if device == 'cuda' else 'peak RSS (VmHWM)'} during the "
          "part minus the memory in use before it (weights excluded). Logits of every position alone: "
          f"{args.length} x vocabulary x 4 bytes per sequence and model (fp32).")


if __name__ == "__main__":
    sys.exit(main())
