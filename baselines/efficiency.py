"""Inference time, throughput and peak memory of models at fixed input lengths; teachers and students in one run.

:func:`measure_efficiency` loads every model (any folder or Hub id :func:`baselines.load_model` reads) and, per
length, feeds each one a batch of random token ids (seeded, no padding; every model gets the same ids where the
vocabularies allow):

- **time**: ``warmup`` untimed forward passes, then ``repeats`` timed ones. The repeats of the models are
  interleaved (teacher, student, teacher, student...), so that load from other processes on a shared machine hits
  all models alike and their ratio stays fair. Reported: every time, the median, the quartiles (the spread), min
  and max, tokens per second (``length x batch_size / median``); seconds per document = median / batch size.
- **peak memory** (``memory_method`` in each record says which):

  - GPU: ``torch.cuda.max_memory_allocated`` over one forward pass, minus what was allocated before it, plus the
    model's parameters and buffers: the model plus its working memory.
  - CPU: peak resident set size (RSS) in a **fresh process per model**: it records its RSS before loading the
    model, loads it, and for each length (in ascending order) resets the kernel's peak-RSS counter (Linux
    ``/proc/self/clear_refs``, value 5), runs one forward pass and reads the peak (``VmHWM``). Reported: peak minus
    the RSS before loading, i.e. the model plus its working memory, comparable to the GPU number. The process runs
    with glibc's malloc told to return every freed block of 64 KiB or more at once (``MALLOC_MMAP_THRESHOLD_``):
    by default it keeps freed memory in its heap and the peak RSS then wanders by tens of MiB from run to run.
    Where the counter cannot be reset (other systems), one fresh process per (model, length) runs the shorter
    lengths first (as the one-process measurement does) and reads ``ru_maxrss`` after the last. The process keeps
    the parent's thread count.

``model_memory_mb`` is the size of the model's parameters and buffers.

A length a model cannot read (beyond its position table, or a forward pass that raises) is recorded with
``skipped`` saying why, never dropped.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from baselines.results import EfficiencyRecord, ModelInfo

logger = logging.getLogger(__name__)

#: model_type -> the architecture name the report uses
ARCHITECTURES = {"longformer": "longformer", "big_bird": "bigbird", "nystromformer": "nystromformer",
                 "lsg-roberta": "lsg", "lsg-bert": "lsg"}
CUDA_METHOD = ("cuda: torch.cuda.max_memory_allocated over one forward pass minus what was allocated before it, "
               "plus the model's parameters and buffers")
_GLIBC = "glibc returning freed blocks >= 64 KiB at once (MALLOC_MMAP_THRESHOLD_=65536)"
HWM_METHOD = ("cpu: peak RSS (VmHWM reset per length via /proc/self/clear_refs) in a fresh process per model, "
              f"minus the RSS before the model was loaded; {_GLIBC}")
MAXRSS_METHOD = ("cpu: peak RSS (ru_maxrss) in a fresh process per (model, length) that runs the shorter lengths "
                 f"first, minus the RSS before the model was loaded; {_GLIBC}")
#: Worker environment: glibc's malloc otherwise raises its mmap threshold as blocks are freed and keeps freed memory
#: in its heap, so that RSS lags live memory by tens of MiB from run to run; a fixed threshold returns every block
#: of 64 KiB or more to the system when freed (measured: teacher - student peaks then differ by their weights,
#: within 2 MiB, at every length).
WORKER_ENV = {"MALLOC_MMAP_THRESHOLD_": "65536", "MALLOC_TRIM_THRESHOLD_": "131072", "TOKENIZERS_PARALLELISM": "false"}
WORKER_TIMEOUT = 3600  # seconds for one memory worker (a base model at 4,096 tokens on a slow CPU is minutes)


@dataclass
class ModelSpec:
    """A model to measure and how the report names it (``architecture`` None: from its config)."""

    path: str
    role: str = "teacher"
    architecture: str | None = None
    order: str | None = None
    variant: str = ""
    head: str | None = None  # baselines.load_model head; None = the bare encoder

    def info(self, config: Any) -> ModelInfo:
        return ModelInfo(architecture=self.architecture or architecture_of(config), role=self.role,
                         order=self.order, variant=self.variant, path=str(self.path))


def attention_of(model: Any, length: int) -> str | None:
    """The attention ``model`` runs at ``length`` tokens: transformers' implementation (``sdpa``, ``eager``...),
    and for BigBird whether block-sparse attention applies (below ``(5 + 2 r) b`` tokens it falls back to full)."""
    config = model.config
    value = getattr(config, "_attn_implementation", None)
    if getattr(config, "model_type", None) == "big_bird" and getattr(config, "attention_type", None):
        kind = config.attention_type
        if kind == "block_sparse" and length <= (5 + 2 * config.num_random_blocks) * config.block_size:
            kind = "original_full (too short for block_sparse)"
        value = f"{value}, {kind}" if value else kind
    return str(value) if value else None


def architecture_of(config: Any) -> str:
    model_type = getattr(config, "model_type", "") or ""
    return ARCHITECTURES.get(model_type, model_type or "unknown")


# --- memory probes ---------------------------------------------------------------------------------------------


def _status_kb(key: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def current_rss_mb() -> float:
    kb = _status_kb("VmRSS")
    if kb is not None:
        return kb / 1024
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def peak_rss_mb() -> float:
    """The process's peak RSS so far (since start, or since :func:`reset_peak_rss`)."""
    kb = _status_kb("VmHWM")
    if kb is not None:
        return kb / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if platform.system() == "Darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def reset_peak_rss() -> bool:
    """Reset the kernel's peak-RSS counter to the current RSS (Linux >= 4.0); False where that is impossible."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
    except OSError:
        return False
    peak, rss = _status_kb("VmHWM"), _status_kb("VmRSS")
    return peak is not None and rss is not None and peak <= rss + 1024  # within 1 MiB: it was reset


# --- inputs and forward passes ---------------------------------------------------------------------------------


def make_inputs(config: Any, length: int, batch_size: int, seed: int, device: str = "cpu") -> dict:
    """Random token ids (no special tokens where the vocabulary allows) and an all-ones attention mask."""
    import torch

    vocab = int(config.vocab_size)
    low = min(10, vocab - 1)  # the special tokens sit at the start of most vocabularies
    generator = torch.Generator().manual_seed(seed)
    ids = torch.randint(low, vocab, (batch_size, length), generator=generator)
    return {"input_ids": ids.to(device), "attention_mask": torch.ones_like(ids).to(device)}


def length_problem(model: Any, length: int) -> str | None:
    """Why ``model`` cannot read ``length`` tokens (None if it can, as far as its position table says)."""
    from baselines.modeling_utils import model_max_length

    try:
        limit = model_max_length(model.config)
    except AttributeError:
        return None
    if length > limit:
        return f"length {length} exceeds the {limit} positions of the model"
    from baselines.tasks.base import fixed_length

    fixed = fixed_length(model.config)
    if fixed is not None and length != fixed:
        return (f"transformers' Nyströmformer reads exactly {fixed} tokens (segment_means_seq_len): shorter inputs "
                f"are padded to {fixed} and cost what {fixed} costs")
    return None


def forward(model: Any, inputs: dict, device: str) -> None:
    import torch

    with torch.inference_mode():
        model(**inputs)
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"[:300]


# --- the measurement -------------------------------------------------------------------------------------------


def resolve_device(device: str) -> str:
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise ValueError(f"device {device!r}: CUDA is not available here")
    return device


def measure_efficiency(
    models: Sequence[ModelSpec | str],
    lengths: Sequence[int],
    *,
    batch_size: int = 1,
    warmup: int = 2,
    repeats: int = 5,
    device: str = "auto",
    memory: bool = True,
    threads: int | None = None,
    seed: int = 0,
    progress: bool = True,
) -> list[EfficiencyRecord]:
    """Time (and, with ``memory``, peak memory of) every model at every length; one record per (model, length).

    ``threads`` sets torch's CPU threads for the run (None: torch's default). On a machine shared with other
    jobs, 1 thread gives far steadier times: idle-spinning worker threads lose their core to other processes.
    """
    with torch_threads(threads):
        return _measure(models, lengths, batch_size=batch_size, warmup=warmup, repeats=repeats, device=device,
                        memory=memory, seed=seed, progress=progress)


@contextlib.contextmanager
def torch_threads(threads: int | None) -> Iterator[None]:
    """torch's CPU thread count set to ``threads`` inside the block (None: left as it is)."""
    import torch

    if threads is None:
        yield
        return
    if threads < 1:
        raise ValueError(f"threads must be at least 1, not {threads}")
    previous = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def _measure(models, lengths, *, batch_size, warmup, repeats, device, memory, seed, progress) -> list:
    import torch

    from baselines.loading import load_model

    specs = [m if isinstance(m, ModelSpec) else ModelSpec(str(m)) for m in models]
    if not specs:
        raise ValueError("no model to measure")
    lengths = sorted(set(int(n) for n in lengths))
    if not lengths or lengths[0] < 1:
        raise ValueError(f"lengths must be positive integers, not {lengths}")
    if batch_size < 1 or repeats < 1 or warmup < 0:
        raise ValueError("batch_size and repeats must be at least 1, warmup at least 0")
    device = resolve_device(device)
    loaded = [load_model(spec.path, spec.head).to(device).eval() for spec in specs]
    model_mb = [parameter_mb(model) for model in loaded]
    infos = [spec.info(model.config) for spec, model in zip(specs, loaded)]
    threads = torch.get_num_threads() if device == "cpu" else None
    records = {(i, n): EfficiencyRecord(model=infos[i], length=n, batch_size=batch_size, device=device,
                                        threads=threads, attention=attention_of(loaded[i], n), warmup=warmup,
                                        repeats=repeats, model_memory_mb=model_mb[i])
               for i in range(len(specs)) for n in lengths}
    with _Progress(progress, total=len(lengths) * len(specs) * (1 + memory)) as bar:
        for n in lengths:
            _time_length(loaded, n, records, batch_size=batch_size, warmup=warmup, repeats=repeats, device=device,
                         seed=seed, bar=bar)
        if memory:
            for i, spec in enumerate(specs):
                measured = [n for n in lengths if records[(i, n)].skipped is None]
                if device.startswith("cuda"):
                    peaks = {n: _cuda_peak(loaded[i], n, batch_size, seed, device) + model_mb[i] for n in measured}
                    method = CUDA_METHOD
                else:
                    try:
                        peaks, method = cpu_peak_memory(spec, measured, batch_size=batch_size, seed=seed,
                                                        threads=threads)
                    except (RuntimeError, subprocess.TimeoutExpired) as exc:  # e.g. killed for want of memory
                        logger.warning("%s", exc)
                        peaks, method = {}, f"failed: {_one_line(exc)}"
                for n in lengths:
                    record = records[(i, n)]
                    if record.skipped is None:
                        record.peak_memory_mb, record.memory_method = peaks.get(n), method
                bar.advance(len(lengths), f"memory {infos[i].architecture} {infos[i].role}")
    return [records[(i, n)] for n in lengths for i in range(len(specs))]


def _time_length(loaded, n, records, *, batch_size, warmup, repeats, device, seed, bar) -> None:
    """Warm every model up at length ``n``, then time the repeats interleaved across models."""
    active = {}
    for i, model in enumerate(loaded):
        record = records[(i, n)]
        record.skipped = length_problem(model, n)
        if record.skipped is None:
            active[i] = (model, make_inputs(model.config, n, batch_size, seed, device))
    for step in range(warmup + repeats):
        for i, (model, inputs) in list(active.items()):
            start = time.perf_counter()
            try:
                forward(model, inputs, device)
            except (RuntimeError, IndexError, ValueError) as exc:
                records[(i, n)].skipped = f"forward pass failed: {_one_line(exc)}"
                records[(i, n)].times_s.clear()
                del active[i]
                continue
            if step >= warmup:
                records[(i, n)].times_s.append(time.perf_counter() - start)
    for i in range(len(loaded)):
        record = records[(i, n)]
        if record.skipped:
            logger.warning("%s at %d tokens: %s", record.model.path, n, record.skipped)
        else:
            summarize(record)
        bar.advance(1, f"time {n} tokens")


def summarize(record: EfficiencyRecord) -> None:
    """Median, quartiles, extremes and tokens per second from ``record.times_s``."""
    import numpy as np

    times = record.times_s
    record.median_s = float(statistics.median(times))
    record.q1_s, record.q3_s = (float(q) for q in np.percentile(times, [25, 75]))
    record.min_s, record.max_s = float(min(times)), float(max(times))
    record.tokens_per_second = record.length * record.batch_size / record.median_s if record.median_s > 0 else None


def _cuda_peak(model, n, batch_size, seed, device) -> float:
    import torch

    inputs = make_inputs(model.config, n, batch_size, seed, device)
    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()
    before = torch.cuda.memory_allocated()
    forward(model, inputs, device)
    return (torch.cuda.max_memory_allocated() - before) / 2**20


def cpu_peak_memory(spec: ModelSpec, lengths: Sequence[int], *, batch_size: int, seed: int,
                    threads: int | None) -> tuple[dict[int, float], str]:
    """Peak memory per length in fresh processes (see the module doc): ({length: MiB}, method)."""
    if not lengths:
        return {}, HWM_METHOD
    job = {"path": str(spec.path), "head": spec.head, "batch_size": batch_size, "seed": seed, "threads": threads}
    result = _run_worker({**job, "lengths": list(lengths)})
    if result.get("reset_supported", False):
        return result["peaks"], HWM_METHOD
    return fresh_process_peaks(job, lengths), MAXRSS_METHOD  # no counter reset here: one process per length


def fresh_process_peaks(job: dict, lengths: Sequence[int]) -> dict[int, float]:
    """The fallback where the peak counter cannot be reset: for each length ``n``, a fresh process runs the same
    passes as the one-process measurement before it (every shorter length, ascending), then ``n``, and reports its
    peak RSS since it started. Replaying the shorter passes puts the process in the same state as the one whose
    counter is reset before ``n``: what they leave resident (glibc's heap, which serves their blocks below the
    64 KiB mmap threshold, and the pages of the kernels they ran) is counted by both methods alike. A process that
    runs ``n`` alone measured 2.5 MiB (CI: 4.3 MiB) less on a tiny BERT at 2,048 tokens; replayed, the two agree
    within 0.4 MiB. Peaks grow with the input, so the last pass is the one the counter records."""
    ordered = sorted(lengths)
    return {n: _run_worker({**job, "lengths": ordered[: i + 1], "single": True})["peaks"][n]
            for i, n in enumerate(ordered)}


def _run_worker(job: dict) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "baselines.efficiency"], input=json.dumps(job), capture_output=True, text=True,
        timeout=WORKER_TIMEOUT, env={**os.environ, **WORKER_ENV}, check=False,
    )
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
        raise RuntimeError(f"memory measurement of {job['path']} failed: {tail[0]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["peaks"] = {int(k): v for k, v in result["peaks"].items()}
    return result


def parameter_mb(model: Any) -> float:
    """MiB held by the model's parameters and buffers."""
    tensors = [*model.parameters(), *model.buffers()]
    return sum(t.numel() * t.element_size() for t in tensors) / 2**20


def import_model_code(path: str) -> None:
    """Import everything the model's class needs (an empty model on the meta device), so that the RSS taken as
    the baseline already holds the code and only the weights and the forward pass count."""
    import torch
    from transformers import AutoConfig, AutoModel

    import baselines.lsg  # noqa: F401  (registers the LSG config and model types)
    from baselines.loading import resolve_model_path

    try:
        config = AutoConfig.from_pretrained(resolve_model_path(path))
        with torch.device("meta"):
            AutoModel.from_config(config)
    except Exception as exc:  # only a warm-up: the real load reports real problems
        logger.debug("import warm-up of %s failed: %s", path, exc)


def memory_worker(job: dict) -> dict:
    """Run in a fresh process: load one model, then one forward pass per length, peak RSS after each."""
    import torch

    from baselines.loading import load_model

    if job.get("threads"):
        torch.set_num_threads(int(job["threads"]))
    import_model_code(job["path"])
    baseline = current_rss_mb()
    model = load_model(job["path"], job.get("head")).eval()
    reset_supported = not job.get("single") and reset_peak_rss()
    peaks = {}
    for n in job["lengths"]:
        if reset_supported:
            reset_peak_rss()
        forward(model, make_inputs(model.config, n, job["batch_size"], job["seed"]), "cpu")
        peaks[n] = peak_rss_mb() - baseline
    return {"peaks": peaks, "reset_supported": reset_supported}


# --- display ---------------------------------------------------------------------------------------------------


class _Progress:
    """A rich progress bar with an ETA (nothing when disabled)."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled, self.total, self._bar, self._task = enabled, total, None, None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("efficiency {task.description}"), BarColumn(),
                                 TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                                 TextColumn("ETA"), TimeRemainingColumn())
            self._bar.__enter__()
            self._task = self._bar.add_task("", total=self.total)
        return self

    def advance(self, steps: int, description: str) -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=steps, description=description)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)


def efficiency_table(records: Sequence[EfficiencyRecord]) -> str:
    """A Markdown table of the records (one row per model and length)."""
    lines = ["| model | role | order | length | median s | IQR s | tokens/s | peak MiB |",
             "|---|---|---|---:|---:|---:|---:|---:|"]
    for r in records:
        name = f"{r.model.architecture} ({Path(r.model.path).name or r.model.path})"
        if r.skipped:
            lines.append(f"| {name} | {r.model.role} | {r.model.order or ''} | {r.length} | skipped: {r.skipped} "
                         "| | | |")
            continue
        iqr = "" if r.q1_s is None else f"{r.q3_s - r.q1_s:.4f}"
        peak = "" if r.peak_memory_mb is None else f"{r.peak_memory_mb:.0f}"
        lines.append(f"| {name} | {r.model.role} | {r.model.order or ''} | {r.length} | {r.median_s:.4f} | {iqr} "
                     f"| {r.tokens_per_second:.0f} | {peak} |")
    return "\n".join(lines)


if __name__ == "__main__":  # the memory worker: a job as JSON on stdin, the result as one JSON line on stdout
    logging.basicConfig(level=logging.ERROR)
    print(json.dumps(memory_worker(json.loads(sys.stdin.read()))))
