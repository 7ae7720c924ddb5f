"""Peak memory of a block of code: GPU memory allocated by torch on CUDA, peak resident memory (RSS) on CPU.

On CPU the kernel's high-water mark of the process (``VmHWM``) is reset before the block (``/proc/self/clear_refs``,
Linux ≥ 4.0) and read after it; the figure is that peak minus the resident memory at the start of the block, so
model weights already loaded are not counted. glibc keeps freed small and medium blocks in its heap, so a block
measured after another may reuse memory without growing the RSS: :func:`return_freed_memory` makes every
allocation above 64 KiB an ``mmap`` that is unmapped when freed, so successive blocks in one process are measured
alike (the way ``benchmarks/`` compares a reference and a variant in the same process).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import time
from dataclasses import dataclass
from pathlib import Path

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3


def return_freed_memory(threshold: int = 64 * 1024) -> bool:
    """Ask glibc to serve allocations above ``threshold`` bytes by mmap (returned to the system when freed) and to
    trim its heap eagerly. Returns False where that is not possible (not glibc)."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        return bool(libc.mallopt(M_MMAP_THRESHOLD, threshold)) and bool(libc.mallopt(M_TRIM_THRESHOLD, threshold))
    except (OSError, AttributeError):
        return False


def _status_kib(field: str) -> int:
    for line in _STATUS.read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in {_STATUS}")


def rss_bytes() -> int:
    """Resident memory of this process now (Linux)."""
    return _status_kib("VmRSS") * 1024


@dataclass
class Peak:
    """What :class:`PeakMemory` measured: ``peak`` bytes above the start, where, and the block's wall time."""

    peak: int = 0
    kind: str = ""  # "cuda allocated" or "cpu rss"
    seconds: float = 0.0

    @property
    def mib(self) -> float:
        return self.peak / 2**20


class PeakMemory:
    """``with PeakMemory(device) as peak: ...`` then ``peak.peak`` (bytes above the memory in use at the start)."""

    def __init__(self, device: str = "cpu"):
        self.device = str(device)
        self.result = Peak()

    def __enter__(self) -> Peak:
        if self.device.startswith("cuda"):
            import torch

            torch.cuda.synchronize(self.device)
            torch.cuda.reset_peak_memory_stats(self.device)
            self._start = torch.cuda.memory_allocated(self.device)
            self.result.kind = "cuda allocated"
        else:
            if not _CLEAR_REFS.exists():
                raise RuntimeError("peak RSS needs Linux (/proc/self/clear_refs)")
            _CLEAR_REFS.write_text("5")  # resets VmHWM to the current RSS
            self._start = rss_bytes()
            self.result.kind = "cpu rss"
        self._time = time.perf_counter()
        return self.result

    def __exit__(self, *exc) -> None:
        if self.device.startswith("cuda"):
            import torch

            torch.cuda.synchronize(self.device)
            high = torch.cuda.max_memory_allocated(self.device)
        else:
            high = _status_kib("VmHWM") * 1024
        self.result.seconds = time.perf_counter() - self._time
        self.result.peak = max(0, high - self._start)
