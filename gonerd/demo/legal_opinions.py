"""The court opinions of the demo corpus: metadata, layout and marked-up body of each (fictional) case.

Every case, party and judge is invented. Real courts appear as settings, and the few real precedents cited
(for standards of review) are cited for what they actually hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Opinion:
    """One legal document of the corpus."""

    key: str
    fmt: str  # "html" | "txt"
    layout: str  # see gonerd.demo.legal_render.LAYOUTS
    path: str  # relative to the corpus root
    court: str
    title: str  # case name
    case_number: str
    date: str  # ISO date of filing/decision
    judges: str
    body: str  # inline markup; "## " headings, "> " block quotes, "| " flush lines
    doc_title: str = ""
    citation: str = ""
    url: str | None = None
    encoding: str = "utf-8"
    meta: dict[str, object] = field(default_factory=dict)  # layout-specific caption details


def opinions() -> list[Opinion]:
    """Every legal document, in corpus order."""
    from gonerd.demo import legal_federal, legal_international, legal_state

    return [*legal_federal.OPINIONS, *legal_state.OPINIONS, *legal_international.OPINIONS]
