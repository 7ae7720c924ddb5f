"""`pull` against a real Label Studio 1.23.2: pages read through the tasks API give exactly what a snapshot export
gives; drafts of every user and cancelled annotations are counted across pages; incremental pulls take up new,
edited and deleted annotations; a task annotated while its page was already read is read again by the next pull;
no Data Manager tab is left in the project."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone

import httpx
import orjson
import pytest
from label_studio_sdk import LabelStudio
from lshelpers import ADMIN, labels_result, sign_up

from annotation.campaign import Campaign
from annotation.connection import Connection
from annotation.documents import SourceDocument
from annotation.exports import documents_from_tasks
from annotation.pull import WATERMARK_MARGIN, next_watermark, pull_campaign
from annotation.push import push_documents

pytestmark = [pytest.mark.network, pytest.mark.slow]

TEXTS = [
    "Angela Merkel met Emmanuel Macron in Berlin on Tuesday.",
    "Siemens and Airbus signed a deal in Hamburg with Deutsche Bank.",
    "The Supreme Court of Canada heard the appeal from Ontario.",
    "Maria Schmidt joined the European Commission in Brussels.",
    "Toyota opened a plant in Kentucky, the governor said.",
    "The Bundestag passed the Climate Protection Act in Berlin.",
    "Lionel Messi left Barcelona for Paris Saint-Germain.",
]
NAMES = [["Angela Merkel", "Emmanuel Macron"], ["Siemens", "Hamburg"], ["Supreme Court of Canada", "Ontario"],
         ["Maria Schmidt", "European Commission"], ["Toyota", "Kentucky"], ["Bundestag", "Berlin"],
         ["Lionel Messi", "Barcelona"]]
LABELS = ["PER", "ORG", "LOC", "MISC"]


def spans(i: int, n: int | None = None):
    text = TEXTS[i]
    return [(text.index(t), text.index(t) + len(t), LABELS[(i + k) % 4], t) for k, t in enumerate(NAMES[i][:n])]


def drafts_post(url: str, token_header: str, task_id: int) -> None:
    r = httpx.post(f"{url}/api/tasks/{task_id}/drafts", headers={"Authorization": token_header},
                   json={"result": [], "lead_time": 2.0})
    assert r.status_code == 201, r.text


def snapshot_documents(admin: LabelStudio, project_id: int, url: str):
    """The same project through a snapshot export with full ``completed_by`` objects: what pull read before."""
    snap = admin.projects.exports.create(id=project_id, title="check", serialization_options={
        "annotations__completed_by": {"only_id": False}, "drafts": {"only_id": False}})
    while snap.status not in ("completed", "failed"):
        time.sleep(0.3)
        snap = admin.projects.exports.get(id=project_id, export_pk=snap.id)
    tasks = orjson.loads(b"".join(admin.projects.exports.download(id=project_id, export_pk=snap.id,
                                                                  export_type="JSON")))
    admin.projects.exports.delete(id=project_id, export_pk=snap.id)
    docs, report = documents_from_tasks(tasks, source="snapshot", server=url)
    for doc in docs:
        for ann in doc.annotations:
            ann.project_id = project_id
        doc.annotations.sort(key=lambda a: (a.annotator, a.annotation_id))  # as pull writes them
    return docs, report


def test_pull_pages_drafts_and_incremental_changes(ls_server, tmp_path, monkeypatch):
    # the server's clock is the test's: no margin for skew, so that an incremental pull reads only what changed
    monkeypatch.setattr("annotation.pull.WATERMARK_MARGIN", timedelta(0))
    url = ls_server.url
    admin = LabelStudio(base_url=url, api_key=ADMIN.token)
    conn = Connection(url, token=ADMIN.token)
    campaign = Campaign(title="pull check", url=url, per_document=2)
    campaign.path = tmp_path / "campaign.json"
    from annotation.projects import setup_campaign

    setup_campaign(campaign, lambda u: conn)
    seat = campaign.seats[0]
    push_documents(campaign, [SourceDocument(f"doc-{i}", t, {}) for i, t in enumerate(TEXTS)], lambda u: conn)
    tasks = {t.data["doc_id"]: t.id for t in admin.tasks.list(project=seat.project_id, fields="task_only")}

    link = admin.organizations.invites.get_invite_link().invite_url
    ann = sign_up(url, link, "pull1@example.com", "Passw0rd!pull1")
    c1 = LabelStudio(base_url=url, api_key=ann.token)
    made = {}
    for i in (0, 1, 2, 3, 4):
        made[i] = c1.annotations.create(id=tasks[f"doc-{i}"], project=seat.project_id, lead_time=10.0 + i,
                                        result=labels_result(spans(i)))
    admin.annotations.create(id=tasks["doc-2"], project=seat.project_id, result=labels_result(spans(2, 1)),
                             ground_truth=True)
    c1.annotations.create(id=tasks["doc-5"], project=seat.project_id, result=[], was_cancelled=True)
    access = httpx.post(f"{url}/api/token/refresh/", json={"refresh": ann.token}).json()["access"]
    drafts_post(url, f"Bearer {access}", tasks["doc-6"])  # two users' drafts on one task, one on another
    drafts_post(url, f"Token {ADMIN.token}", tasks["doc-6"])
    drafts_post(url, f"Token {ADMIN.token}", tasks["doc-0"])
    time.sleep(1.1)  # the server's Date header counts whole seconds: the pull starts after every change above

    # a full pull, two tasks per page, equals the snapshot export of the same project
    out = tmp_path / "pulled"
    result = pull_campaign(campaign, lambda u: conn, out, page_size=2)
    counts = result.per_project[seat.key]
    assert counts["tasks_exported"] == len(TEXTS) and counts["incremental"] is False
    assert counts["drafts"] == 3 and counts["cancelled"] == 1 and counts["annotations_kept"] == 6
    pulled = [json.loads(line) for line in (out / "annotations.jsonl").read_text().splitlines()]
    reference, ref_report = snapshot_documents(admin, seat.project_id, url)
    assert pulled == [d.to_json() for d in sorted(reference, key=lambda d: d.doc_id)]
    assert ref_report.counts["drafts"] == 3
    names = {a["annotator"] for d in pulled for a in d["annotations"]}
    assert names == {"pull1@example.com", ADMIN.email}
    assert not list(admin.views.list(project=seat.project_id))  # no Data Manager tab left behind

    # new, edited and deleted annotations, then an incremental pull: those tasks and the latest one read before
    time.sleep(1.1)
    c1.annotations.create(id=tasks["doc-6"], project=seat.project_id, result=labels_result(spans(6)))
    c1.annotations.update(id=made[1].id, result=labels_result(spans(1, 1)))
    c1.annotations.delete(id=made[3].id)
    result = pull_campaign(campaign, lambda u: conn, out, page_size=2)
    counts = result.per_project[seat.key]
    assert counts["incremental"] is True and 3 <= counts["tasks_exported"] <= 4
    after = {d["doc_id"]: d for d in map(json.loads, (out / "annotations.jsonl").read_text().splitlines())}
    by_annotator = {(doc, a["annotator"]): [(e["start"], e["end"], e["label"], e["text"]) for e in a["entities"]]
                    for doc, d in after.items() for a in d["annotations"]}
    assert by_annotator[("doc-6", "pull1@example.com")] == spans(6)
    assert by_annotator[("doc-1", "pull1@example.com")] == spans(1, 1)
    assert "doc-3" not in after
    reference, _ = snapshot_documents(admin, seat.project_id, url)
    assert list(after.values()) == [d.to_json() for d in sorted(reference, key=lambda d: d.doc_id)]

    # a task annotated while the pull reads later pages (its own page already read) comes with the next pull
    def progress(description, total):
        ticks = []

        def tick(n):
            ticks.append(n)
            if len(ticks) == 1:  # page 1 (doc-0) is converted; page 2 is on its way
                c1.annotations.update(id=made[0].id, result=labels_result(spans(0, 1)))
                c1.annotations.create(id=tasks["doc-4"], project=seat.project_id, result=labels_result(spans(4, 1)),
                                      lead_time=1.0)

        return tick

    pull_campaign(campaign, lambda u: conn, out, full=True, page_size=1, progress=progress)
    pull_campaign(campaign, lambda u: conn, out, page_size=1)
    final = {d["doc_id"]: d for d in map(json.loads, (out / "annotations.jsonl").read_text().splitlines())}
    mine = [a for a in final["doc-0"]["annotations"] if a["annotator"] == "pull1@example.com"]
    assert [(e["start"], e["end"]) for e in mine[0]["entities"]] == [s[:2] for s in spans(0, 1)]
    assert len([a for a in final["doc-4"]["annotations"] if a["annotator"] == "pull1@example.com"]) == 2


def test_the_watermark_never_passes_the_start_of_the_pull():
    start = datetime(2026, 12, 3, 12, 0, 0, tzinfo=timezone.utc)
    old = "2026-12-03T11:00:00.000000Z"
    assert next_watermark(None, None, start) is None  # nothing read: full again next time
    assert next_watermark(old, None, start) == old  # nothing changed: keep it
    assert next_watermark(None, old, start) == old  # everything older than the start: the latest read
    recent = (start - WATERMARK_MARGIN / 2).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    capped = next_watermark(None, recent, start)
    assert capped == (start - WATERMARK_MARGIN).strftime("%Y-%m-%dT%H:%M:%S.%fZ") and capped < recent
    assert next_watermark(None, recent, None) == recent  # no Date header: the latest read
    assert next_watermark(None, recent, start + timedelta(hours=1)) == recent

