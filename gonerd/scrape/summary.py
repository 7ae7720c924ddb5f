"""The end-of-run summary: what the manifest holds (all runs) and what this run did."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from gonerd.scrape.manifest import Manifest


def summarize(manifest: Manifest, stats, warc_dir: Path) -> dict:
    documents: dict[str, Counter] = defaultdict(Counter)
    listings: dict[str, Counter] = defaultdict(Counter)
    archived_bytes = 0
    for row in manifest.counts():
        target = documents if row["document"] else listings
        target[row["status"]][row["reason"] or ""] += row["n"]
        if row["document"] and row["status"] == "fetched":
            archived_bytes += row["bytes"]
    files = sorted(p for p in warc_dir.glob("*.warc.gz")) if warc_dir.exists() else []

    def block(counts: dict[str, Counter]) -> dict:
        out = {status: sum(c.values()) for status, c in counts.items()}
        for status in ("failed", "skipped"):
            if status in counts:
                out[f"{status}_by_reason"] = {k: v for k, v in sorted(counts[status].items()) if k}
        out["fetched_with_note"] = {k: v for k, v in sorted(counts.get("fetched", Counter()).items()) if k}
        return out

    run_counts: dict[str, Counter] = defaultdict(Counter)
    for (_kind, status, reason), n in stats.final.items():
        run_counts[status][reason or ""] += n
    docs = block(documents)
    return {
        "documents": docs,
        "listings_and_robots": block(listings),
        "skipped_by_robots": docs.get("skipped_by_reason", {}).get("robots_disallowed", 0),
        "archived_bytes": archived_bytes,
        "warc_files": [p.name for p in files],
        "warc_bytes": sum(p.stat().st_size for p in files),
        "this_run": {
            "requests": stats.requests,
            "downloaded_bytes": stats.bytes,
            "retries": stats.retries,
            "redirects": stats.redirects,
            "seconds": round(stats.seconds, 2),
            "interrupted": stats.interrupted,
            "final": {s: sum(c.values()) for s, c in run_counts.items()},
            "recovery": list(stats.recovery),
        },
    }


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return str(n)


def render(summary: dict) -> str:
    """A plain-text table (also fine in logs and CI output)."""
    docs, lists, run = summary["documents"], summary["listings_and_robots"], summary["this_run"]
    lines = ["", "scrape summary (all runs in this folder)", "-" * 40]
    for title, block in (("documents", docs), ("feeds, sitemaps, API pages, robots.txt", lists)):
        statuses = ", ".join(f"{k} {block.get(k, 0)}" for k in ("fetched", "failed", "skipped", "pending")
                             if block.get(k))
        lines.append(f"{title}: {statuses or 'none'}")
        for key in ("failed_by_reason", "skipped_by_reason", "fetched_with_note"):
            for reason, n in block.get(key, {}).items():
                lines.append(f"    {key.split('_')[0]:8} {reason:28} {n:>7}")
    lines.append(f"skipped by robots.txt: {summary['skipped_by_robots']}")
    lines.append(f"archived: {_size(summary['archived_bytes'])} of bodies in {len(summary['warc_files'])} WARC "
                 f"file(s), {_size(summary['warc_bytes'])} on disk")
    lines.append(f"this run: {run['requests']} requests, {_size(run['downloaded_bytes'])} downloaded, "
                 f"{run['retries']} retries, {run['redirects']} redirects, {run['seconds']} s"
                 + (" (INTERRUPTED: run again with --resume)" if run["interrupted"] else ""))
    for note in run["recovery"]:
        lines.append(f"recovered: {note}")
    return "\n".join(lines)
