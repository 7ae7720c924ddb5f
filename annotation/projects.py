"""`setup`: create or update the campaign's Label Studio projects, idempotently.

A project is found by the id stored in the campaign file, else by its exact title, else created. Its labeling
config, instructions (the guidelines) and settings are then brought to what the campaign wants; running `setup`
again changes nothing that is already right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotation.campaign import Campaign, CampaignError, Seat
from annotation.connection import Connection
from annotation.labeling import instructions_html, labeling_config


@dataclass
class SetupResult:
    seat: Seat
    title: str
    action: str  # "created" | "updated" | "unchanged"
    changed: list[str]


MAX_TITLE = 50  # Label Studio refuses longer project titles


def fit_title(base: str, suffix: str | None) -> str:
    """``"<base> — <suffix>"`` within Label Studio's 50 characters: the campaign title is shortened (with …) so
    that the part that tells the projects apart, the suffix, stays whole."""
    if suffix is None:
        if len(base) > MAX_TITLE:
            raise CampaignError(f"campaign title {base!r} is longer than {MAX_TITLE} characters (Label Studio's limit)")
        return base
    tail = f" — {suffix}"
    if len(base) + len(tail) <= MAX_TITLE:
        return base + tail
    room = MAX_TITLE - len(tail) - 1
    if room < 8:
        raise CampaignError(f"{suffix!r} is too long for a project title of {MAX_TITLE} characters")
    return base[:room].rstrip() + "…" + tail


def project_title(campaign: Campaign, seat: Seat) -> str:
    return fit_title(campaign.title, seat.annotator)


def review_title(campaign: Campaign) -> str:
    return fit_title(campaign.title, "review")


def wanted_settings(campaign: Campaign, seat: Seat, title: str) -> dict[str, Any]:
    blind = campaign.mode == "blind"
    if blind:
        description = (f"GONERD campaign {campaign.title!r}, blind mode: this project holds the documents assigned "
                       f"to {seat.annotator}. Annotate only in your own project.")
    else:
        description = f"GONERD campaign {campaign.title!r}: {campaign.per_document} annotators per document."
    return {
        "title": title,
        "description": description,
        "label_config": labeling_config(),
        "expert_instruction": instructions_html(),
        "show_instruction": True,
        "show_skip_button": True,
        "enable_empty_annotation": True,  # a document may have no entity at all
        "show_collab_predictions": True,  # pre-annotations are shown and editable
        "show_annotation_history": False,
        "maximum_annotations": 1 if blind or seat.annotator is not None else campaign.per_document,
        "sampling": "Sequential sampling",  # tasks in import order (least confident first with --order)
    }


def find_project(conn: Connection, seat: Seat, title: str) -> Any | None:
    client = conn.client
    if seat.project_id is not None:
        with conn.errors(f"looking up project {seat.project_id}"):
            try:
                return client.projects.get(id=seat.project_id)
            except Exception as exc:
                if getattr(exc, "status_code", None) != 404:
                    raise
    with conn.errors(f"listing projects to find {title!r}"):
        matches = [p for p in client.projects.list(title=title, page_size=100) if p.title == title]
    if len(matches) > 1:
        raise CampaignError(f"{len(matches)} projects are titled {title!r} at {conn.url} "
                            f"(ids {[p.id for p in matches]}); put the right id in the campaign file")
    return matches[0] if matches else None


def ensure_project(conn: Connection, campaign: Campaign, seat: Seat, title: str | None = None) -> SetupResult:
    title = title or project_title(campaign, seat)
    wanted = wanted_settings(campaign, seat, title)
    project = find_project(conn, seat, title)
    if project is None:
        with conn.errors(f"creating project {title!r}"):
            project = conn.client.projects.create(**wanted)
        seat.project_id = project.id
        return SetupResult(seat, title, "created", sorted(wanted))
    seat.project_id = project.id
    changed = {k: v for k, v in wanted.items() if _current(project, k) != v}
    if changed:
        with conn.errors(f"updating project {project.id} ({title!r})"):
            conn.client.projects.update(id=project.id, **changed)
    return SetupResult(seat, title, "updated" if changed else "unchanged", sorted(changed))


def _current(project: Any, key: str) -> Any:
    value = getattr(project, key, None)
    if key == "label_config" and isinstance(value, str):
        return value.strip() + "\n"
    return value


def setup_campaign(campaign: Campaign, connect) -> list[SetupResult]:
    """Ensure every project of the campaign; ``connect(url)`` gives the :class:`Connection` of a server."""
    if campaign.mode not in ("shared", "blind"):
        raise CampaignError(f"unknown campaign mode {campaign.mode!r}")
    if campaign.mode == "blind" and campaign.per_document > len(campaign.annotators):
        raise CampaignError(f"{campaign.per_document} annotators per document but the campaign has "
                            f"{len(campaign.annotators)}: add annotators or lower --per-document")
    if campaign.mode == "shared" and not campaign.seats:
        campaign.seats = [Seat(annotator=None, url=campaign.url)]
    results = [ensure_project(connect(seat.url), campaign, seat) for seat in campaign.seats]
    campaign.save()
    return results
