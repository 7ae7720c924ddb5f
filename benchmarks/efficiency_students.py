"""Half-depth students against their teachers: inference time and peak memory per architecture and length.

    python benchmarks/efficiency_students.py [--lengths 512,1024,2048] [--threads 1] [--repeats 3] [--out FILE]

Builds random-weight encoders at MiniLM width (384 hidden, 12 heads; weights do not change speed or memory): a
6-layer teacher and a 3-layer student per architecture (BERT at 512 positions, Longformer with a 512-token window,
BigBird block-sparse with blocks of 64, Nyströmformer with 64 landmarks, at 4,096 positions), and measures them
with :func:`baselines.efficiency.measure_efficiency` (teacher and student interleaved in one run; peak memory in
fresh processes). Prints every measurement and the student/teacher ratios, which are what to compare across
machines: the teacher is the reference run of the same process. ``--out`` also writes the records as a results
file (for ``baselines.report``).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

WIDTH = {"hidden_size": 384, "num_attention_heads": 12, "intermediate_size": 1536, "vocab_size": 30522}


def build(arch: str, layers: int, folder: Path) -> Path:
    import transformers

    if arch == "bert":
        config = transformers.BertConfig(**WIDTH, num_hidden_layers=layers, max_position_embeddings=512)
    elif arch == "longformer":
        config = transformers.LongformerConfig(**WIDTH, num_hidden_layers=layers, max_position_embeddings=4098,
                                               attention_window=512, pad_token_id=1)
    elif arch == "bigbird":
        config = transformers.BigBirdConfig(**WIDTH, num_hidden_layers=layers, max_position_embeddings=4096,
                                            attention_type="block_sparse", block_size=64, num_random_blocks=3)
    elif arch == "nystromformer":
        config = transformers.NystromformerConfig(**WIDTH, num_hidden_layers=layers, max_position_embeddings=4098,
                                                  num_landmarks=64)
    else:
        raise ValueError(arch)
    transformers.AutoModel.from_config(config).save_pretrained(folder)
    return folder


def main() -> None:
    from baselines.efficiency import ModelSpec, efficiency_table, measure_efficiency
    from baselines.results import write_results

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lengths", default="512,1024,2048")
    parser.add_argument("--archs", default="bert,longformer,bigbird,nystromformer")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    lengths = [int(n) for n in args.lengths.split(",")]
    records = []
    with tempfile.TemporaryDirectory() as tmp:
        for arch in args.archs.split(","):
            teacher, student = build(arch, 6, Path(tmp) / f"{arch}-6"), build(arch, 3, Path(tmp) / f"{arch}-3")
            specs = [ModelSpec(str(teacher), architecture=arch),
                     ModelSpec(str(student), role="student", architecture=arch, order="convert_then_distill")]
            records += measure_efficiency(specs, lengths, repeats=args.repeats, warmup=1, threads=args.threads)
    print(efficiency_table(records))
    print("\n| architecture | length | student/teacher time | student/teacher peak memory |\n|---|---:|---:|---:|")
    for teacher, student in zip(records[::2], records[1::2]):
        if teacher.median_s and student.median_s:
            memory = (f"{student.peak_memory_mb / teacher.peak_memory_mb:.2f}"
                      if teacher.peak_memory_mb and student.peak_memory_mb else "")
            print(f"| {teacher.model.architecture} | {teacher.length} | {student.median_s / teacher.median_s:.2f} "
                  f"| {memory} |")
    print(f"\nmemory: {records[0].memory_method}")
    if args.out:
        write_results(args.out, records)
        print(f"records written to {args.out}")


if __name__ == "__main__":
    main()
