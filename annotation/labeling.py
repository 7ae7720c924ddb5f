"""The Label Studio labeling config and project instructions, generated from the one schema.

Every entity type of :data:`gonerd.schema.ENTITY_TYPES` becomes a ``<Label>`` with a colour and a hotkey; the text
is labelled with word granularity (a drag snaps to whole words). The guidelines (``annotation/guidelines.md``) are
rendered to HTML and shown as the project's instructions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from xml.sax.saxutils import quoteattr

from gonerd.schema import ENTITY_TYPES

FROM_NAME = "label"  # the <Labels> control: result items carry it as "from_name"
TO_NAME = "text"  # the <Text> object: "to_name", and the task data key of the document text
TEXT_KEY = "text"
DOC_ID_KEY = "doc_id"


@dataclass(frozen=True)
class LabelStyle:
    colour: str
    hotkey: str
    meaning: str


# Colours are distinct for colour-blind readers (Okabe-Ito palette); hotkeys are the types' initials where free.
LABEL_STYLES: dict[str, LabelStyle] = {
    "PER": LabelStyle("#E69F00", "p", "person"),
    "ORG": LabelStyle("#56B4E9", "o", "organisation"),
    "LOC": LabelStyle("#009E73", "l", "location"),
    "MISC": LabelStyle("#CC79A7", "m", "miscellaneous named entity"),
}


def _check_styles() -> None:
    missing = set(ENTITY_TYPES) - set(LABEL_STYLES)
    if missing:  # the schema grew a type: it needs a colour and a hotkey here
        raise RuntimeError(f"no label style for entity types {sorted(missing)}")


def labeling_config() -> str:
    """The ``<View>`` XML of a GONERD NER project."""
    _check_styles()
    labels = "\n".join(
        f"    <Label value={quoteattr(t)} background={quoteattr(LABEL_STYLES[t].colour)} "
        f"hotkey={quoteattr(LABEL_STYLES[t].hotkey)} hint={quoteattr(LABEL_STYLES[t].meaning)}/>"
        for t in ENTITY_TYPES
    )
    return (
        "<View>\n"
        f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}" showInline="true">\n'
        f"{labels}\n"
        "  </Labels>\n"
        f'  <Text name="{TO_NAME}" value="${TEXT_KEY}" granularity="word"/>\n'
        "</View>\n"
    )


@lru_cache(maxsize=1)
def guidelines_markdown() -> str:
    return resources.files("annotation").joinpath("guidelines.md").read_text(encoding="utf-8")


def instructions_html() -> str:
    """The guidelines as HTML for the project's ``expert_instruction`` (markdown-it, the CommonMark parser rich
    already depends on)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").render(guidelines_markdown())
