"""A campaign: which Label Studio projects hold which documents for whom. Stored as a JSON file (no token in it).

Two modes:

- **shared**: one project; every annotator works in it and Label Studio hands each task to up to ``per_document``
  annotators (``maximum_annotations``). Annotators see each other's work in the open-source UI: not blind.
- **blind**: one project per annotator (``seats``), possibly each on its own server. Every document is assigned to
  ``per_document`` annotators and pushed only to their projects; the assignment is recorded here. What the server
  enforces and what is only hidden is in ``docs/annotation.md``.

The file is written atomically after every change, so an interrupted `push` resumes with the assignment it made.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from annotation.records import write_atomic
from gonerd.errors import UserError

MODES = ("shared", "blind")


@dataclass
class Seat:
    """One project of the campaign: an annotator's own (blind), or the shared one (``annotator`` None)."""

    annotator: str | None
    url: str
    project_id: int | None = None

    @property
    def key(self) -> str:
        return f"{self.url}#{self.project_id}"


@dataclass
class Campaign:
    title: str
    url: str
    mode: str = "shared"
    per_document: int = 2
    seed: int = 0
    seats: list[Seat] = field(default_factory=list)
    assignment: dict[str, list[str]] = field(default_factory=dict)  # doc id → annotators (blind)
    review: Seat | None = None  # adjudication review project
    path: Path | None = field(default=None, repr=False, compare=False)

    # ---- persistence ----
    @classmethod
    def load(cls, path: str | Path) -> Campaign:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CampaignError(f"{path}: campaign file not found (run `gonerd annotate setup` first)") from None
        except UnicodeDecodeError:
            raise CampaignError(f"{path}: not a campaign file (not UTF-8 text)") from None
        except json.JSONDecodeError as exc:
            raise CampaignError(f"{path}: not a campaign file ({exc})") from None
        if not isinstance(data, dict) or not {"title", "url"} <= set(data):
            raise CampaignError(f"{path}: not a campaign file (expected an object with 'title', 'url' and 'seats')")
        try:
            seats = [Seat(**s) for s in data.pop("seats", [])]
            review = data.pop("review", None)
            campaign = cls(**data, seats=seats, review=Seat(**review) if review else None)
        except (TypeError, AttributeError) as exc:
            raise CampaignError(f"{path}: not a campaign file ({exc})") from None
        if campaign.mode not in MODES:
            raise CampaignError(f"{path}: not a campaign file (mode {campaign.mode!r}, expected one of {MODES})")
        campaign.path = path
        return campaign

    def save(self, path: str | Path | None = None) -> Path:
        path = Path(path or self.path)
        self.path = path
        data = asdict(self)
        data.pop("path")
        return write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")

    # ---- who annotates what ----
    @property
    def annotators(self) -> list[str]:
        return [s.annotator for s in self.seats if s.annotator]

    def seat_of(self, annotator: str) -> Seat:
        for seat in self.seats:
            if seat.annotator == annotator:
                return seat
        raise CampaignError(f"{annotator!r} is not an annotator of campaign {self.title!r}")

    def assign(self, doc_ids: Iterable[str]) -> dict[str, list[str]]:
        """Give each new document ``per_document`` annotators (blind mode); existing assignments are kept.

        Balanced: each document goes to the annotators with the fewest documents so far, ties broken by a seeded
        shuffle, so every pair of annotators shares documents and the load is even.
        """
        if self.mode != "blind":
            return {}
        annotators = self.annotators
        if self.per_document > len(annotators):
            raise CampaignError(f"{self.per_document} annotators per document but only {len(annotators)} annotators")
        load = Counter({a: 0 for a in annotators})
        for names in self.assignment.values():
            load.update(n for n in names if n in load)
        rng = random.Random(f"{self.seed}:{len(self.assignment)}")
        new = {}
        for doc_id in doc_ids:
            if doc_id in self.assignment:
                continue
            order = sorted(annotators, key=lambda a: (load[a], rng.random()))
            chosen = sorted(order[: self.per_document])
            load.update(chosen)
            self.assignment[doc_id] = chosen
            new[doc_id] = chosen
        return new

    def projects_for(self, doc_id: str) -> list[Seat]:
        if self.mode == "shared":
            return list(self.seats)
        return [self.seat_of(a) for a in self.assignment.get(doc_id, [])]

    def summary(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "mode": self.mode,
            "per_document": self.per_document,
            "projects": [{"annotator": s.annotator, "url": s.url, "project_id": s.project_id} for s in self.seats],
            "documents_assigned": len(self.assignment),
        }


class CampaignError(UserError, ValueError):
    """A campaign file or setting that does not work; the message names the file or the setting."""
