"""What a load did besides returning rows: files read, rows re-anchored, dropped or flagged, and why.

Nothing is changed or dropped silently: every such event is counted here (per split) and the first
:data:`MAX_DETAILS` are kept with where they happened (``file:line`` or the example id).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

MAX_DETAILS = 200  # detailed issues kept per report; counts are always complete


@dataclass
class Issue:
    split: str
    kind: str  # e.g. "answer_reanchored", "example_dropped"
    where: str  # "file:line", "file record 3" or "example <id>"
    message: str

    def __str__(self) -> str:
        return f"[{self.split}] {self.kind}: {self.where}: {self.message}"


@dataclass
class LoadReport:
    """Counts and details of one ``loaders.load`` call."""

    name: str
    sources: dict[str, list[str]] = field(default_factory=dict)  # split -> files read (or the Hub id)
    counts: Counter = field(default_factory=Counter)  # (split, kind) -> n
    issues: list[Issue] = field(default_factory=list)

    def source(self, split: str, where: str) -> None:
        self.sources.setdefault(split, []).append(where)

    def count(self, split: str, kind: str, n: int = 1) -> None:
        self.counts[(split, kind)] += n

    def note(self, split: str, kind: str, where: str, message: str) -> None:
        """Count one event and keep its details (up to :data:`MAX_DETAILS`)."""
        self.count(split, kind)
        if len(self.issues) < MAX_DETAILS:
            self.issues.append(Issue(split, kind, where, message))

    def total(self, kind: str) -> int:
        return sum(n for (_, k), n in self.counts.items() if k == kind)

    def of_kind(self, kind: str) -> list[Issue]:
        return [issue for issue in self.issues if issue.kind == kind]

    def headline(self) -> str:
        """One line: the issue counts per kind (the details are in :meth:`summary`)."""
        kinds = sorted({issue.kind for issue in self.issues})
        if not kinds:
            return f"{self.name}: no issues"
        counts = ", ".join(f"{kind}={self.total(kind)}" for kind in kinds)
        return f"{self.name}: {counts} (LoadReport.summary() lists them)"

    def summary(self) -> str:
        lines = [f"{self.name}:"]
        for (split, kind), n in sorted(self.counts.items()):
            lines.append(f"  {split:<22} {kind:<28} {n}")
        if self.issues:
            total = sum(self.counts[(split, kind)] for split, kind in {(i.split, i.kind) for i in self.issues})
            lines.append(f"  details ({len(self.issues)} of {total}):")
            lines.extend(f"    {issue}" for issue in self.issues)
        return "\n".join(lines)
