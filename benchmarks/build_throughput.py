"""Build throughput against trafilatura alone, and one worker against two, measured in one run.

    python benchmarks/build_throughput.py [HTML_DIR] [--copies N]

Without HTML_DIR the news pages of the embedded demo corpus are used, each page copied N times (default 8) under
distinct names so that the run is long enough to measure. The reference is `trafilatura.extract()` on the same
pages in this process; the build runs every step (extraction in its sandbox, cleaning, filters, tokenisation,
MinHash deduplication, annotation, split, parquet). Prints documents per second, the ratios, and peak memory.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path


def peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def collect_pages(html_dir: Path | None, copies: int, dest: Path) -> list[Path]:
    if html_dir is None:
        from gonerd.demo import render_demo_corpus

        render_demo_corpus(dest / "demo")
        html_dir = dest / "demo" / "news"
    sources = sorted(p for p in html_dir.rglob("*") if p.suffix.lower() in (".html", ".htm"))
    if not sources:
        sys.exit(f"no .html files under {html_dir}")
    pages = dest / "pages"
    pages.mkdir()
    out = []
    for k in range(copies):
        for i, src in enumerate(sources):
            target = pages / f"{k:03d}-{i:04d}{src.suffix}"
            shutil.copyfile(src, target)
            out.append(target)
    return out


def time_trafilatura(pages: list[Path]) -> float:
    import trafilatura

    start = time.perf_counter()
    for page in pages:
        trafilatura.extract(page.read_text(encoding="utf-8", errors="replace"))
    return time.perf_counter() - start


def time_build(pages_dir: Path, out: Path, workers: int) -> tuple[float, int]:
    from gonerd.build import run_build
    from gonerd.config import BuildConfig

    config = BuildConfig(inputs=[str(pages_dir)], out=str(out), workers=workers, tasks=workers, min_tokens=20,
                         source_type="news")
    start = time.perf_counter()
    result = run_build(config, echo=lambda _: None, log_level="ERROR")
    return time.perf_counter() - start, result.steps[0].received


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("html_dir", nargs="?", type=Path)
    parser.add_argument("--copies", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pages = collect_pages(args.html_dir, args.copies, tmp)
        n = len(pages)
        print(f"{n} HTML pages ({sum(p.stat().st_size for p in pages) / n / 1024:.0f} KB on average)")
        t_ref = time_trafilatura(pages)
        rss_ref = peak_rss_mb(resource.RUSAGE_SELF)
        t_one, received = time_build(pages[0].parent, tmp / "one", workers=1)
        t_two, _ = time_build(pages[0].parent, tmp / "two", workers=2)
        assert received == n, f"the build read {received} of {n} pages"
    print(f"trafilatura.extract() alone : {n / t_ref:8.1f} docs/s  ({t_ref:.1f} s)")
    print(f"gonerd build, 1 worker      : {n / t_one:8.1f} docs/s  ({t_one:.1f} s)")
    print(f"gonerd build, 2 workers     : {n / t_two:8.1f} docs/s  ({t_two:.1f} s)")
    print(f"ratio build(1 worker) / trafilatura alone : {t_ref / t_one:.2f}")
    print(f"ratio 2 workers / 1 worker (speed-up)     : {t_one / t_two:.2f}")
    print(f"peak RSS: this process {peak_rss_mb(resource.RUSAGE_SELF):.0f} MB (after trafilatura alone: "
          f"{rss_ref:.0f} MB), largest child {peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")


if __name__ == "__main__":
    main()
