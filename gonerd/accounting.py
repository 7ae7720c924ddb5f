"""The build's accounting table: for every step, documents in, out and dropped by reason.

Read from datatrove's per-task stats files (``<stage logging dir>/stats/<rank>.json``), so tasks completed in an
earlier, interrupted run are counted too. :func:`check_balance` is run on every build: every step must balance
(``in = out + dropped``, every drop with a reason) and every step must receive what the step before it passed on.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

LENGTH_STATS = ("doc_len", "doc_len_tokens")  # datatrove's per-document length sums: not counts


@dataclass
class StepCount:
    step: str
    received: int = 0
    forwarded: int = 0
    dropped: Counter = field(default_factory=Counter)
    extra: Counter = field(default_factory=Counter)

    @property
    def dropped_total(self) -> int:
        return sum(self.dropped.values())

    @property
    def balanced(self) -> bool:
        return self.received == self.forwarded + self.dropped_total

    def to_dict(self) -> dict:
        return {
            "step": self.step,
            "in": self.received,
            "out": self.forwarded,
            "dropped": dict(sorted(self.dropped.items())),
            **({"counts": dict(sorted(self.extra.items()))} if self.extra else {}),
        }


def _stat_total(value) -> int:
    return int(value["total"] if isinstance(value, dict) else value)


def read_stage_stats(logging_dir: str | Path, steps: list[str]) -> dict[str, StepCount]:
    """Counts of the named steps (datatrove's ``name`` attribute) summed over every task of one stage."""
    counts = {name: StepCount(name) for name in steps}
    for path in sorted(Path(logging_dir, "stats").glob("*.json")):
        for entry in json.loads(path.read_text()):
            name = entry["name"].split(": ", 1)[-1]
            if name not in counts:
                continue
            count = counts[name]
            for label, value in entry.get("stats", {}).items():
                n = _stat_total(value)
                if label == "total":
                    count.received += n
                elif label == "forwarded":
                    count.forwarded += n
                elif label.startswith("dropped_"):
                    count.dropped[label.removeprefix("dropped_")] += n
                elif label not in ("dropped", *LENGTH_STATS):
                    count.extra[label] += n
            # a filter that dropped without giving a reason would break the balance: name it
            reasons = sum(_stat_total(v) for k, v in entry.get("stats", {}).items() if k.startswith("dropped_"))
            unexplained = _stat_total(entry.get("stats", {}).get("dropped", 0)) - reasons
            if unexplained > 0:
                count.dropped["unspecified"] += unexplained
    return counts


def format_table(counts: list[StepCount]) -> str:
    rows = [("step", "in", "out", "dropped", "reasons")]
    for c in counts:
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(c.dropped.items(), key=lambda kv: (-kv[1], kv[0])))
        rows.append((c.step, str(c.received), str(c.forwarded), str(c.dropped_total), reasons or "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = []
    for i, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [row[j].rjust(widths[j]) for j in (1, 2, 3)] + [row[4]]
        lines.append("  ".join(cells))
        if i == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 7)
    return "\n".join(lines)


class AccountingError(RuntimeError):
    """The counts do not add up: a document was lost or invented between or inside steps (a bug, never bad input)."""


def check_balance(chain: list[StepCount]) -> None:
    """Raise :class:`AccountingError` unless every step balances and each step receives what the previous one
    passed on. ``chain`` lists the steps in the order documents flow through them."""
    problems = []
    for count in chain:
        if not count.balanced:
            problems.append(
                f"{count.step}: {count.received} in != {count.forwarded} out + {count.dropped_total} dropped"
            )
        if count.dropped.get("unspecified"):
            problems.append(f"{count.step}: {count.dropped['unspecified']} dropped without a reason")
    for before, after in itertools.pairwise(chain):
        if before.forwarded != after.received:
            problems.append(f"{before.step} passed on {before.forwarded} but {after.step} received {after.received}")
    if problems:
        raise AccountingError(
            "the build's accounting does not balance (a bug: please report it):\n  "
            + "\n  ".join(problems)
            + "\n"
            + format_table(chain)
        )


def entity_summary(counts: list[StepCount]) -> str | None:
    """One line on what happened to the gold and silver entities (the annotate step's counters), or None."""
    annotate = next((c for c in counts if c.step == "annotate"), None)
    extra = annotate.extra if annotate is not None else Counter()
    if not extra.get("entities_in") and not extra.get("documents_gold") and not extra.get("documents_silver"):
        return None
    sources = []
    if extra.get("documents_gold"):
        sources.append(f"gold on {extra['documents_gold']} documents")
    if extra.get("documents_silver"):
        sources.append(f"silver on {extra['documents_silver']} documents")
    parts = [f"{extra.get('entities_in', 0)} in, {extra.get('entities_out', 0)} out"]
    if extra.get("documents_gold"):
        parts.append(f"{extra.get('entities_exact', 0)} matched exactly")
        parts.append(f"{extra.get('entities_reanchored', 0)} re-anchored")
        parts.append(f"{extra.get('entities_not_found', 0)} dropped (text not found)")
    parts.append(f"{extra.get('entities_snapped', 0)} snapped to token boundaries")
    ignored = {k.removeprefix("entities_ignored_"): v for k, v in extra.items() if k.startswith("entities_ignored_")}
    if ignored:
        detail = ", ".join(f"{k} {v}" for k, v in sorted(ignored.items(), key=lambda kv: (-kv[1], kv[0])))
        parts.append(f"{sum(ignored.values())} not CoNLL types, ignored ({detail})")
    return f"entities ({', '.join(sources) or 'none annotated'}): " + "; ".join(parts)
