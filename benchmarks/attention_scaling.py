"""Time and peak memory of the efficient architectures against BERT over 512-token chunks, measured in one run.

    python benchmarks/attention_scaling.py                       # everything (44 min on 2 cores with --repeats 4)
    python benchmarks/attention_scaling.py --quick               # the issue's targets only: MiniLM, 1,024 + 4,096
    python benchmarks/attention_scaling.py --kernels             # the attention kernels alone (how we chose them)
    python benchmarks/attention_scaling.py --device cuda         # on a GPU

Models have random weights and the configurations ``gonerd baselines convert`` gives a BERT source of that width
(MiniLM: 384 hidden, 12 heads, 1,536 FFN; base: 768, 12, 3,072): Longformer (window 512), BigBird (block 64,
3 random blocks), LSG (block 128, sparse 128, factor 2, norm, 1 global token), each with the reference attention
code and the fast one (``attention_impl``), and Nyströmformer (64 landmarks, transformers' code with our padding
fix). The reference point is BERT on the same tokens cut into 512-token chunks, run as one batch of L/512 rows
(as a user runs a document's chunks, and as fine-tuning batches them), with transformers' default (SDPA)
attention. Teacher: 6 layers; student: 3. Batch 1, no padding, no Longformer global tokens
(``--longformer-globals N`` marks the first N).

Time: one forward pass (eval mode, no gradients) and one forward + backward pass (train mode, dropout on, loss =
mean of squared last hidden states), the minimum over ``--repeats`` rounds, each after one unmeasured pass of the
same kind and length (lazy set-up and per-length caches are not timed). In a round every model of both depths
runs once in turn, so a change in the machine's load hits all of them, and the ratios (to chunked BERT of the same
depth, student / teacher) compare passes measured minutes apart at most. On a shared machine use
``--threads 1 --clock cpu``: process CPU time of one thread does not count other processes' time slices.

Memory: the peak of the memory allocated to tensors during one more pass of each kind beyond what was allocated
before it (the weights, the inputs), as PyTorch's profiler reports its CPU allocator (``profile_memory``); on a
GPU, ``max_memory_allocated``. This counts what the pass needs, not what the C allocator keeps cached: the resident
set (what ``ps`` shows) depends on glibc's malloc, which keeps or returns freed blocks depending on their size, and
is not proportional to what the pass needs.
The targets of issue 14 are checked at the end (MiniLM width).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field

import torch

WIDTHS = {
    "minilm": {"hidden_size": 384, "num_attention_heads": 12, "intermediate_size": 1536},
    "base": {"hidden_size": 768, "num_attention_heads": 12, "intermediate_size": 3072},
}
DEPTHS = {"teacher": 6, "student": 3}
ARCHS = ("longformer", "bigbird", "lsg", "nystromformer")
FAST_ARCHS = ("longformer", "bigbird", "lsg")
CHUNK = 512
VOCAB = 30522
LABELS = {"bert": "BERT chunked", "longformer": "Longformer", "bigbird": "BigBird", "lsg": "LSG",
          "nystromformer": "Nyströmformer"}
#: Issue 14's targets (MiniLM width, batch 1).
TARGET_LENGTH = 4096
#: The clock of the measurements: wall time by default; ``--clock cpu`` (process CPU time) is steadier on a shared
#: machine, as other processes' load does not count, but it adds up the threads' times.
CLOCK = time.perf_counter
TARGETS = {"forward": 1.3, "forward_nystromformer": 1.2, "train": 1.5, "memory": 4.5, "student": 0.55}


# --------------------------------------------------------------------------------------------------------------
# Models
def _common(width: str, layers: int) -> dict:
    return {**WIDTHS[width], "num_hidden_layers": layers, "vocab_size": VOCAB, "hidden_act": "gelu",
            "type_vocab_size": 2, "layer_norm_eps": 1e-12}


def build(arch: str, width: str, layers: int, max_length: int, length: int | None = None) -> torch.nn.Module:
    """A randomly initialised encoder (no pooler, no head) configured as our conversion configures it."""
    from transformers import (
        BertConfig,
        BertModel,
        BigBirdConfig,
        BigBirdModel,
        LongformerConfig,
        LongformerModel,
        NystromformerConfig,
        NystromformerModel,
    )

    from baselines.lsg import LSGBertConfig, LSGBertModel
    from baselines.modeling_utils import apply_runtime_fixes

    common = _common(width, layers)
    if arch == "bert":
        model = BertModel(BertConfig(**common, max_position_embeddings=CHUNK, pad_token_id=0), add_pooling_layer=False)
    elif arch == "longformer":
        config = LongformerConfig(**common, max_position_embeddings=max_length + 2, pad_token_id=1,
                                  attention_window=[512] * layers)
        model = LongformerModel(config, add_pooling_layer=False)
    elif arch == "bigbird":
        config = BigBirdConfig(**common, max_position_embeddings=max_length, attention_type="block_sparse",
                               block_size=64, num_random_blocks=3, use_bias=True, rescale_embeddings=False,
                               pad_token_id=0)
        model = BigBirdModel(config, add_pooling_layer=False)
    elif arch == "lsg":
        config = LSGBertConfig(**common, max_position_embeddings=max_length, block_size=128, sparse_block_size=128,
                               sparsity_factor=2, sparsity_type="norm", num_global_tokens=1, pad_token_id=0)
        model = LSGBertModel(config, add_pooling_layer=False)
    elif arch == "nystromformer":  # transformers' Nyströmformer reads exactly segment_means_seq_len tokens
        config = NystromformerConfig(**common, max_position_embeddings=max_length, segment_means_seq_len=length,
                                     num_landmarks=64, conv_kernel_size=65, inv_coeff_init_option=False,
                                     pad_token_id=0)
        model = NystromformerModel(config)
    else:
        raise ValueError(arch)
    return apply_runtime_fixes(model)


@dataclass
class Entry:
    """One column of the tables: an architecture with one attention implementation."""

    arch: str
    impl: str | None = None  # "reference" / "fast"; None for BERT and Nyströmformer

    @property
    def key(self) -> str:
        return self.arch if self.impl is None else f"{self.arch}-{self.impl}"

    @property
    def label(self) -> str:
        return LABELS[self.arch] + ("" if self.impl is None else f" {'ref' if self.impl == 'reference' else 'fast'}")


def entries(archs: list[str], references: bool) -> list[Entry]:
    out = [Entry("bert")]
    for arch in archs:
        if arch in FAST_ARCHS:
            out += ([Entry(arch, "reference")] if references else []) + [Entry(arch, "fast")]
        else:
            out.append(Entry(arch))
    return out


class Models:
    """The models of one width and depth, built once (Nyströmformer once per length: its length is fixed)."""

    def __init__(self, width: str, layers: int, max_length: int, device: str, dtype: torch.dtype):
        self.width, self.layers, self.max_length, self.device, self.dtype = width, layers, max_length, device, dtype
        self._models: dict[str, torch.nn.Module] = {}
        self._nystromformer: tuple[int, torch.nn.Module] | None = None
        self._warmed: set[tuple[str, int, bool]] = set()

    def get(self, entry: Entry, length: int, train: bool) -> torch.nn.Module:
        """The model of ``entry``, after one unmeasured pass of this kind at this length (lazy set-up and
        per-length caches, such as the fast paths' block tables, are then not measured)."""
        from baselines.attention import set_attention_impl

        if entry.arch == "nystromformer":
            if self._nystromformer is None or self._nystromformer[0] != length:
                self._nystromformer = None
                gc.collect()
                torch.manual_seed(0)
                model = build("nystromformer", self.width, self.layers, self.max_length, length)
                self._nystromformer = (length, model.to(self.device, self.dtype))
            model = self._nystromformer[1]
        else:
            if entry.arch not in self._models:
                torch.manual_seed(0)
                self._models[entry.arch] = build(entry.arch, self.width, self.layers, self.max_length).to(
                    self.device, self.dtype)
            model = self._models[entry.arch]
        if entry.impl is not None:
            set_attention_impl(model, entry.impl)
        if (entry.key, length, train) not in self._warmed:
            run_pass(model, inputs_for(entry, length, self.device, 0), train)
            self._warmed.add((entry.key, length, train))
        return model


def inputs_for(entry: Entry, length: int, device: str, longformer_globals: int) -> dict[str, torch.Tensor]:
    generator = torch.Generator().manual_seed(length)
    ids = torch.randint(1000, VOCAB, (1, length), generator=generator)
    if entry.arch == "bert" and length > CHUNK:
        ids = ids.view(-1, CHUNK)
    inputs = {"input_ids": ids, "attention_mask": torch.ones_like(ids)}
    if entry.arch == "longformer" and longformer_globals:
        inputs["global_attention_mask"] = torch.zeros_like(ids)
        inputs["global_attention_mask"][:, :longformer_globals] = 1
    return {k: v.to(device) for k, v in inputs.items()}


def run_pass(model: torch.nn.Module, inputs: dict, train: bool) -> None:
    if not train:
        model.eval()
        with torch.no_grad():
            model(**inputs)
        return
    model.train()
    hidden = model(**inputs).last_hidden_state
    hidden.float().square().mean().backward()
    model.zero_grad(set_to_none=True)


def _sync(device: str) -> None:
    if device.startswith("cuda"):
        torch.cuda.synchronize()


# --------------------------------------------------------------------------------------------------------------
# Measurements
@dataclass
class Results:
    """times[width][mode][depth][key][length] = seconds; memory[width][mode][depth][key][length] = MB."""

    times: dict = field(default_factory=dict)
    memory: dict = field(default_factory=dict)

    @staticmethod
    def put(table: dict, width, mode, depth, key, length, value) -> None:
        table.setdefault(width, {}).setdefault(mode, {}).setdefault(depth, {}).setdefault(key, {})[length] = value


def time_all(args, columns: list[Entry], results: Results) -> None:
    """Every measurement. Per width, mode and length: the memory of one pass of every model, then ``--repeats``
    rounds in which every model of both depths runs once, so that the ratios to chunked BERT and the
    student / teacher ratios compare passes measured at the same time (the machine's load changes)."""
    for width in args.widths:
        for mode in [m for m in args.modes if width == "minilm" or m == "forward"]:
            train = mode == "train"
            models = {depth: Models(width, layers, max(args.lengths), args.device, args.dtype)
                      for depth, layers in DEPTHS.items()}
            for length in args.lengths:
                cols = [c for c in columns if c.impl != "reference" or length <= args.max_reference_length]
                if not args.no_memory:
                    for depth in DEPTHS:
                        for column in cols:
                            model = models[depth].get(column, length, train)
                            inputs = inputs_for(column, length, args.device, args.longformer_globals)
                            mb = peak_allocated_mb(lambda m=model, i=inputs, t=train: run_pass(m, i, t),
                                                   args.device)
                            Results.put(results.memory, width, mode, depth, column.key, length, mb)
                best = {(depth, c.key): float("inf") for depth in DEPTHS for c in cols}
                for _ in range(args.repeats):
                    for depth in DEPTHS:
                        for column in cols:
                            model = models[depth].get(column, length, train)
                            inputs = inputs_for(column, length, args.device, args.longformer_globals)
                            _sync(args.device)
                            start = CLOCK()
                            run_pass(model, inputs, train)
                            _sync(args.device)
                            best[depth, column.key] = min(best[depth, column.key], CLOCK() - start)
                for (depth, key), seconds in best.items():
                    Results.put(results.times, width, mode, depth, key, length, seconds)
                for depth in DEPTHS:
                    print(f"  [{width} {mode} {depth} {length}] " + ", ".join(
                        f"{k} {1000 * v:.0f} ms" for (d, k), v in best.items() if d == depth),
                        file=sys.stderr, flush=True)
            del models
            gc.collect()


def peak_allocated_mb(function, device: str) -> float:
    """Peak memory allocated to tensors while ``function()`` runs, beyond what was allocated before (MB)."""
    gc.collect()
    if device.startswith("cuda"):
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
        before = torch.cuda.memory_allocated()
        function()
        torch.cuda.synchronize()
        return (torch.cuda.max_memory_allocated() - before) / 2**20
    from torch.profiler import ProfilerActivity, profile

    sys.stderr.flush()
    saved = os.dup(2)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 2)  # the profiler's C++ side prints two lines per use
        try:
            with profile(activities=[ProfilerActivity.CPU], profile_memory=True) as profiler:
                function()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "trace.json")
        profiler.export_chrome_trace(path)
        with open(path) as trace:
            events = json.load(trace)["traceEvents"]
    # Every allocation and free reports the allocator's running total. That total is not reset when a profiler
    # starts (memory allocated during an earlier profile and still held, e.g. a cache, is in it): the peak added
    # is the largest total minus the total before the first event.
    memory = sorted((event for event in events if event.get("name") == "[memory]"
                     and event.get("args", {}).get("Device Type") == 0), key=lambda event: event["ts"])
    if not memory:
        return 0.0
    start = memory[0]["args"]["Total Allocated"] - memory[0]["args"]["Bytes"]
    return max(0, max(event["args"]["Total Allocated"] for event in memory) - start) / 2**20


# --------------------------------------------------------------------------------------------------------------
# Report
def _load() -> str:
    """The 1-, 5- and 15-minute load averages (other processes share the CPU)."""
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def report(args, columns: list[Entry], results: Results) -> list[tuple[str, bool]]:
    keys = [c.key for c in columns]
    labels = {c.key: c.label for c in columns}
    for width, modes in results.times.items():
        for mode, depths in modes.items():
            for depth, table in depths.items():
                title = "forward" if mode == "forward" else "forward + backward"
                print(f"\n### {title}, {width} width, {depth} ({DEPTHS[depth]} layers): ratio to BERT chunked\n")
                print("| tokens | BERT chunked | " + " | ".join(labels[k] for k in keys[1:]) + " |")
                print("|---" * len(keys) + "|---|")
                for length in args.lengths:
                    base = table["bert"][length]
                    cells = [_ratio(table[k][length] / base) if length in table.get(k, {}) else "–" for k in keys[1:]]
                    print(f"| {length:,} | {1000 * base:,.0f} ms | " + " | ".join(cells) + " |")
            if {"teacher", "student"} <= set(depths):
                print(f"\n### {title}, {width} width: student time / teacher time\n")
                print("| tokens | " + " | ".join(labels[k] for k in keys) + " |")
                print("|---" * (len(keys) + 1) + "|")
                for length in args.lengths:
                    cells = []
                    for k in keys:
                        t, s = depths["teacher"].get(k, {}).get(length), depths["student"].get(k, {}).get(length)
                        cells.append("–" if t is None or s is None else f"{s / t:.2f}")
                    print(f"| {length:,} | " + " | ".join(cells) + " |")
    for width, modes in results.memory.items():
        for mode, depths in modes.items():
            for depth, table in depths.items():
                title = "forward" if mode == "forward" else "forward + backward"
                print(f"\n### peak memory added by one {title} pass, {width} width, {depth} ({DEPTHS[depth]} layers), "
                      "MB\n")
                print("| tokens | " + " | ".join(labels[k] for k in keys) + " |")
                print("|---" * (len(keys) + 1) + "|")
                for length in args.lengths:
                    cells = [f"{table[k][length]:,.0f}" if length in table.get(k, {}) else "–" for k in keys]
                    print(f"| {length:,} | " + " | ".join(cells) + " |")
                if 1024 in args.lengths and TARGET_LENGTH in args.lengths:
                    cells = [_ratio(table[k][TARGET_LENGTH] / table[k][1024]) if TARGET_LENGTH in table.get(k, {})
                             and 1024 in table.get(k, {}) else "–" for k in keys]
                    print("| 4,096 / 1,024 | " + " | ".join(cells) + " |")
    return targets(results, keys, labels)


def targets(results: Results, keys: list[str], labels: dict[str, str]) -> list[tuple[str, bool]]:
    """Issue 14's targets at MiniLM width, for the fast implementations and Nyströmformer, checked for the teacher
    and for the student (the issue states them for "each architecture"; we read that as both depths)."""
    checked = []
    times, memory = results.times.get("minilm", {}), results.memory.get("minilm", {})
    candidates = [k for k in keys if k != "bert" and not k.endswith("-reference")]
    for mode, default in (("forward", TARGETS["forward"]), ("train", TARGETS["train"])):
        for depth, table in times.get(mode, {}).items():
            if TARGET_LENGTH not in table.get("bert", {}):
                continue
            base = table["bert"][TARGET_LENGTH]
            for k in candidates:
                if TARGET_LENGTH in table.get(k, {}):
                    limit = TARGETS["forward_nystromformer"] if mode == "forward" and k == "nystromformer" else default
                    ratio = table[k][TARGET_LENGTH] / base
                    what = "forward" if mode == "forward" else "forward + backward"
                    checked.append((f"{what} at 4,096, {depth}, {labels[k]}: {ratio:.2f}× chunked BERT (≤ {limit})",
                                    ratio <= limit))
    for mode, depths in memory.items():
        for depth, table in depths.items():
            for k in candidates:
                if {1024, TARGET_LENGTH} <= set(table.get(k, {})):
                    ratio = table[k][TARGET_LENGTH] / table[k][1024]
                    what = "forward" if mode == "forward" else "forward + backward"
                    checked.append((f"peak memory 4,096 / 1,024, {what}, {depth}, {labels[k]}: {ratio:.2f} "
                                    f"(≤ {TARGETS['memory']})", ratio <= TARGETS["memory"]))
    for mode, depths in times.items():
        if not {"teacher", "student"} <= set(depths):
            continue
        for k in candidates:
            ratios = [depths["student"][k][n] / depths["teacher"][k][n] for n in depths["teacher"].get(k, {})
                      if n in depths["student"].get(k, {})]
            if ratios:
                what = "forward" if mode == "forward" else "forward + backward"
                checked.append((f"student / teacher, {what}, {labels[k]}: at most {max(ratios):.2f} "
                                f"(≤ {TARGETS['student']})", max(ratios) <= TARGETS["student"]))
    if checked:
        print("\n### targets (issue 14)\n")
        for text, ok in checked:
            print(f"- {'met' if ok else 'NOT MET'}: {text}")
    return checked


# --------------------------------------------------------------------------------------------------------------
# Kernels alone
def kernels(args) -> None:
    """One Longformer-style sliding window (w = 256 each side) at MiniLM head sizes, every way we tried it."""
    import math

    import torch.nn.functional as F

    from baselines.attention.blocks import additive_mask, band, sliding_windows

    length, h, d, w = args.kernel_length, 12, 32, 256
    generator = torch.Generator().manual_seed(0)
    q, k, v = (torch.randn(1, length, h, d, generator=generator).to(args.device) for _ in range(3))

    def chunked():
        x = q.view(-1, CHUNK, h, d).transpose(1, 2)
        return F.scaled_dot_product_attention(x, x, x)

    def blocked(block, manual=False):
        side = -(-w // block)
        blocks = length // block
        keys = sliding_windows(k, block, side).permute(0, 1, 2, 4, 3).reshape(blocks, h, -1, d)
        values = sliding_windows(v, block, side).permute(0, 1, 2, 4, 3).reshape(blocks, h, -1, d)
        queries = q.view(blocks, block, h, d).transpose(1, 2)
        real = torch.ones(1, length, dtype=torch.bool, device=q.device)
        allowed = band(block, side, w, q.device) & sliding_windows(real, block, side)[0, :, None]
        mask = additive_mask(allowed, q.dtype)[:, None]
        if manual:
            return torch.softmax(queries @ keys.transpose(-1, -2) / math.sqrt(d) + mask, -1) @ values
        return F.scaled_dot_product_attention(queries, keys, values, attn_mask=mask)

    candidates = {"chunked full attention, SDPA (BERT's)": chunked}
    for block in (64, 128, 256):
        candidates[f"sliding window, blocked SDPA, block {block}"] = lambda b=block: blocked(b)
    candidates["sliding window, blocked matmul + softmax, block 128"] = lambda: blocked(128, manual=True)
    if args.flex:
        from torch.nn.attention.flex_attention import create_block_mask, flex_attention

        mask = create_block_mask(lambda b, hh, qi, ki: (qi - ki).abs() <= w, None, None, length, length,
                                 device=args.device)
        compiled = torch.compile(flex_attention)
        qt, kt, vt = (x.transpose(1, 2) for x in (q, k, v))
        start = time.perf_counter()
        compiled(qt, kt, vt, block_mask=mask)
        print(f"flex_attention compile: {time.perf_counter() - start:.1f} s (once per shape)")
        candidates["sliding window, flex_attention block mask (compiled)"] = lambda: compiled(qt, kt, vt,
                                                                                              block_mask=mask)
    best = {}
    with torch.no_grad():
        for _ in range(args.repeats):
            for name, function in candidates.items():
                _sync(args.device)
                start = CLOCK()
                function()
                _sync(args.device)
                best[name] = min(best.get(name, float("inf")), CLOCK() - start)
    base = best["chunked full attention, SDPA (BERT's)"]
    print(f"\n### attention alone, {length:,} tokens, 12 heads of 32, window ±{w}, one layer\n")
    print("| kernel | ms | ratio |\n|---|---|---|")
    for name, seconds in best.items():
        print(f"| {name} | {1000 * seconds:.1f} | {seconds / base:.2f}× |")


# --------------------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lengths", default="512,1024,2048,4096,8192",
                        help="comma-separated token counts, multiples of 512")
    parser.add_argument("--widths", default="minilm,base", help="minilm and/or base (base: forward only)")
    parser.add_argument("--archs", default=",".join(ARCHS))
    parser.add_argument("--repeats", type=int, default=5, help="runs per measurement (the minimum is kept)")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--threads", type=int, help="torch threads (default: torch's choice)")
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                        help="wall time, or process CPU time (steadier when other processes load the machine)")
    parser.add_argument("--dtype", default="float32", choices=["float32", "bfloat16", "float16"])
    parser.add_argument("--no-reference", action="store_true", help="time only the fast implementations")
    parser.add_argument("--max-reference-length", type=int, default=1 << 30,
                        help="skip the (slow) reference implementations above this length")
    parser.add_argument("--modes", default="forward,train",
                        help="forward and/or train (forward + backward; MiniLM width only)")
    parser.add_argument("--no-backward", action="store_true", help="forward passes only (--modes forward)")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory measurements")
    parser.add_argument("--longformer-globals", type=int, default=0, help="mark the first N tokens global")
    parser.add_argument("--quick", action="store_true",
                        help="the targets only: MiniLM width, 1,024 and 4,096 tokens, 3 repeats")
    parser.add_argument("--kernels", action="store_true", help="time the attention kernels alone and exit")
    parser.add_argument("--kernel-length", type=int, default=4096)
    parser.add_argument("--flex", action="store_true", help="with --kernels: also flex_attention (compiles)")
    parser.add_argument("--json", help="also write the measurements to this file")
    args = parser.parse_args(argv)
    if args.quick:
        args.lengths, args.widths, args.repeats = "1024,4096", "minilm", min(args.repeats, 3)
    args.lengths = sorted(int(x) for x in args.lengths.split(","))
    args.modes = ["forward"] if args.no_backward else [m for m in args.modes.split(",") if m]
    args.widths = [w for w in args.widths.split(",") if w]
    args.dtype = getattr(torch, args.dtype)
    if args.threads:
        torch.set_num_threads(args.threads)
    if args.clock == "cpu":
        global CLOCK
        CLOCK = time.process_time
    archs = [a for a in args.archs.split(",") if a]
    if (any(n % CHUNK for n in args.lengths) or set(args.widths) - set(WIDTHS) or set(archs) - set(ARCHS)
            or not args.modes or set(args.modes) - {"forward", "train"}):
        parser.error(f"lengths must be multiples of {CHUNK}; widths in {list(WIDTHS)}; archs in {list(ARCHS)}; "
                     "modes in ['forward', 'train']")
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import transformers

    transformers.logging.set_verbosity_error()  # the padding/attention-type notices would flood the output
    if args.kernels:
        kernels(args)
        return
    columns = entries(archs, references=not args.no_reference)
    print(f"# attention scaling: torch {torch.__version__}, transformers {transformers.__version__}, "
          f"{args.device} ({torch.get_num_threads()} threads), {os.cpu_count()} CPUs, batch 1, "
          f"{str(args.dtype).removeprefix('torch.')}, {args.clock} clock, minimum of {args.repeats} runs")
    print(f"# {time.strftime('%Y-%m-%d %H:%M %Z')}, load average {_load()}; "
          f"command: python benchmarks/attention_scaling.py {' '.join(argv if argv is not None else sys.argv[1:])}")
    results = Results()
    time_all(args, columns, results)
    print(f"\n# finished {time.strftime('%Y-%m-%d %H:%M %Z')}, load average {_load()}")
    checked = report(args, columns, results)
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"times": results.times, "memory_mb": results.memory,
                       "targets": [{"target": t, "met": ok} for t, ok in checked]}, out, indent=1)


if __name__ == "__main__":
    main()
