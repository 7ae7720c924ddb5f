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
    court: str  # inline markup; one line per caption line, separated by "\n"
    title: str  # case name (plain text: metadata, running heads)
    case_number: str
    date: str  # ISO date of filing/decision
    judges: str  # inline markup where it is printed (a "Before:" line, a law report's header)
    body: str  # inline markup; "## " headings, "> " block quotes, "| " flush lines
    doc_title: str = ""
    citation: str = ""  # inline markup where it is printed
    url: str | None = None
    encoding: str = "utf-8"
    # layout-specific caption details; the strings that are printed are in inline markup, and a caption line
    # that starts with "+" continues the previous paragraph of the reference text (see legal_templates.Front)
    meta: dict[str, object] = field(default_factory=dict)


def opinions() -> list[Opinion]:
    """Every legal document, in corpus order."""
    from gonerd.demo import legal_federal, legal_international, legal_state

    return [*legal_federal.OPINIONS, *legal_state.OPINIONS, *legal_international.OPINIONS]
