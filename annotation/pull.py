"""`pull`: the campaign's annotations → annotated documents (``annotations.jsonl``), incrementally.

Each project's tasks are read through Label Studio's paginated tasks API (``GET /api/tasks``, the Data Manager's),
in pages ordered by task id, with only the fields pull needs — of the annotations too (``include=annotations.result,
…``) — the annotations serialised by one serializer per page (``expand=annotations``), and without the Data
Manager's computed columns (``review=true``: they cost the server a join and a string of every annotation's and
prediction's result per task). The next page is requested while the current one is converted, so the server and
our conversion run at the same time. On Label Studio 1.23.2 this costs the server about half the CPU time of a
snapshot export (``POST /api/projects/{id}/exports``, what pull used
before), which writes its JSON token by token in Python and loads every prediction of every task to list their
ids (see ``docs/annotation.md``; ``benchmarks/annotation_throughput.py`` measures both).

- **Annotators** come as user ids (``completed_by``, ``updated_by``) and are named by one call to the users list
  (their e-mail, ``user:<id>`` for a user the server no longer lists).
- **Drafts** are counted: one more query of the tasks API lists the tasks that have any (a filter on
  ``draft_exists``) and the drafts of those tasks are listed (``GET /api/tasks/{id}/drafts``, every user's).
- **Incremental**: after the first pull only the tasks updated since the previous one are read (a filter on the
  task's ``updated_at``, which Label Studio bumps whenever one of its annotations is created, changed or deleted),
  and their annotations replace what the output held for those tasks. Pages are keyed on the task id (``id >``
  the last one read), so tasks annotated during a pull shift no page; the watermark stored for the next pull is
  the latest ``updated_at`` read, but never later than the server's clock at the start of this pull less
  ``WATERMARK_MARGIN`` (a task changed while its page was already read is read again next time). ``full=True``
  reads everything again.

The projects of different servers (a blind campaign with a server per annotator) are read at the same time.
Cancelled (skipped) annotations and drafts never enter the output but are counted; in a blind campaign,
annotations by anyone but the project's annotator, or edited by another user, are excluded and listed.
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from annotation.campaign import Campaign, Seat
from annotation.connection import Connection, LabelStudioError
from annotation.exports import ReadReport, documents_from_tasks, raise_conversion_errors
from annotation.records import AnnotatedDocument, RecordFileError, read_documents, write_atomic, write_documents

ANNOTATIONS_FILE = "annotations.jsonl"
REPORT_FILE = "pull_report.json"
STATE_FILE = "pull_state.json"
PAGE_SIZE = 1000
# what the conversion reads of an annotation; the tasks API's other fields of an annotation (``created_ago``,
# ``created_username``, the ids of its task, project, prediction …) cost the server and us without use
ANNOTATION_FIELDS = ("id", "result", "completed_by", "was_cancelled", "ground_truth", "lead_time", "created_at",
                     "updated_at", "updated_by")
TASK_FIELDS = ",".join(["id", "data", "updated_at"] + [f"annotations.{name}" for name in ANNOTATION_FIELDS])
WATERMARK_MARGIN = timedelta(seconds=60)  # clock skew between the server's Date header and its database stamps
DRAFT_WORKERS = 4

Progress = Callable[[str, int], Callable[[int], None]]


@dataclass
class PullResult:
    out: Path
    documents: int
    annotations: int
    report: ReadReport
    per_project: dict[str, dict[str, Any]] = field(default_factory=dict)
    seconds_waiting: float = 0.0  # waiting for the server's pages (what our conversion did not overlap)
    seconds_total: float = 0.0


@dataclass
class TaskPage:
    tasks: list[dict[str, Any]]
    total: int  # tasks still to read when this page was asked for, this page included
    server_time: datetime | None  # the response's Date header


def _task_query(since: str | None, after_id: int, *, with_drafts: bool = False) -> str:
    items = [{"filter": "filter:tasks:id", "operator": "greater", "type": "Number", "value": after_id}]
    if since:
        items.append({"filter": "filter:tasks:updated_at", "operator": "greater_or_equal", "type": "Datetime",
                      "value": since})
    if with_drafts:
        items.append({"filter": "filter:tasks:draft_exists", "operator": "equal", "type": "Boolean", "value": True})
    return json.dumps({"filters": {"conjunction": "and", "items": items}, "ordering": ["tasks:id"]})


def _task_list(conn: Connection, project_id: int, params: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    body, headers = conn.get_json("api/tasks/", f"reading the tasks of project {project_id}",
                                  {"project": project_id, "resolve_uri": "false", "page": 1, **params})
    if not isinstance(body, dict) or not isinstance(body.get("tasks"), list):
        raise LabelStudioError(f"reading the tasks of project {project_id} at {conn.url}: unexpected answer "
                               f"(no task list)")
    return body, headers


def fetch_page(conn: Connection, project_id: int, since: str | None, after_id: int,
               page_size: int = PAGE_SIZE) -> TaskPage:
    """The first ``page_size`` tasks with an id above ``after_id`` (updated at or after ``since``), with their
    annotations."""
    # fields=all: annotations included; expand: serialised by one serializer per page, not one per task;
    # review=true: none of the Data Manager's computed columns (and no ML backend asked for missing predictions);
    # resolve_uri=false: no storage lookups for the text
    body, headers = _task_list(conn, project_id, {
        "fields": "all", "review": "true", "expand": "annotations", "include": TASK_FIELDS,
        "page_size": page_size, "query": _task_query(since, after_id)})
    try:
        server_time = parsedate_to_datetime(headers.get("date", ""))
    except (TypeError, ValueError):
        server_time = None
    return TaskPage(body["tasks"], int(body.get("total") or 0), server_time)


def task_pages(conn: Connection, project_id: int, since: str | None = None,
               page_size: int = PAGE_SIZE) -> Iterator[TaskPage]:
    """The project's tasks page by page, in id order; each next page is requested as soon as the previous one
    arrived, so the caller's work on a page overlaps the server's on the next."""
    conn.client  # noqa: B018 -- create the SDK client here, not in the worker thread
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gonerd-pull") as worker:
        pending = worker.submit(fetch_page, conn, project_id, since, 0, page_size)
        last_id = 0
        while pending is not None:
            page = pending.result()
            if page.tasks and page.tasks[0]["id"] <= last_id:  # would loop for ever
                raise LabelStudioError(f"reading the tasks of project {project_id} at {conn.url}: the server "
                                       "ignored the task-id filter (is it Label Studio 1.23?)")
            last_id = page.tasks[-1]["id"] if page.tasks else last_id
            # a full page, or fewer than the server said (its own page-size limit): ask for more
            more = bool(page.tasks) and (len(page.tasks) >= page_size or page.total > len(page.tasks))
            pending = worker.submit(fetch_page, conn, project_id, since, page.tasks[-1]["id"], page_size) \
                if more else None
            yield page


def tasks_with_drafts(conn: Connection, project_id: int, since: str | None = None,
                      page_size: int = PAGE_SIZE) -> list[int]:
    """Ids of the project's tasks that have drafts (of any user), among those updated at or after ``since``."""
    ids: list[int] = []
    while True:
        body, _ = _task_list(conn, project_id, {"fields": "task_only", "include": "id", "page_size": page_size,
                                                "query": _task_query(since, ids[-1] if ids else 0, with_drafts=True)})
        page = [int(task["id"]) for task in body["tasks"]]
        if page and ids and page[0] <= ids[-1]:
            raise LabelStudioError(f"reading the tasks of project {project_id} at {conn.url}: the server ignored "
                                   "the task-id filter (is it Label Studio 1.23?)")
        ids += page
        if not page or (len(page) < page_size and int(body.get("total") or 0) <= len(page)):
            return ids


def count_drafts(conn: Connection, task_ids: list[int]) -> int:
    """Drafts of every user on these tasks."""

    def drafts_of(task_id: int) -> int:
        body, _ = conn.get_json(f"api/tasks/{task_id}/drafts", f"listing the drafts of task {task_id}")
        return len(body) if isinstance(body, list) else len((body or {}).get("results") or [])

    if not task_ids:
        return 0
    with ThreadPoolExecutor(max_workers=DRAFT_WORKERS, thread_name_prefix="gonerd-drafts") as pool:
        return sum(pool.map(drafts_of, task_ids))


def user_emails(conn: Connection) -> dict[int, str]:
    """User id → e-mail, for the users the server lists."""
    body, _ = conn.get_json("api/users/", "listing the users")
    users = body.get("results", []) if isinstance(body, dict) else body or []
    return {int(u["id"]): u["email"] for u in users if u.get("id") is not None and u.get("email")}


def name_annotators(tasks: list[dict[str, Any]], emails: Callable[[], dict[int, str]]) -> None:
    """Replace each annotation's ``completed_by`` user id with ``{"id", "email"}`` (in place)."""
    known: dict[int, str] | None = None
    for task in tasks:
        for ann in task.get("annotations") or []:
            uid = ann.get("completed_by")
            if isinstance(uid, int):
                known = emails() if known is None else known
                ann["completed_by"] = {"id": uid, "email": known.get(uid)}


def _stamp(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _iso(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def next_watermark(since: str | None, latest: str | None, started: datetime | None) -> str | None:
    """What the next pull reads from: the latest ``updated_at`` read, but never later than the server's clock at
    the start of this pull less the margin (tasks changed during the pull are read again)."""
    if latest is None:
        return since
    if started is None:
        return latest
    ceiling = started - WATERMARK_MARGIN
    return latest if _stamp(latest) <= ceiling else _iso(ceiling)


def read_state(path: Path) -> dict[str, Any]:
    """The watermarks of the previous pull (``pull_state.json``)."""
    try:
        state = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise RecordFileError(f"{path}: not a pull state file (not UTF-8 text); delete it or pull with --full") \
            from None
    except json.JSONDecodeError as exc:
        raise RecordFileError(f"{path}: not a pull state file ({exc}); delete it or pull with --full") from None
    if not isinstance(state, dict) or not all(isinstance(v, dict) for v in state.values()):
        raise RecordFileError(f"{path}: not a pull state file (expected an object per project); delete it or pull "
                              "with --full")
    return state


@dataclass
class SeatRead:
    """What one project gave: its documents (annotations converted), the task ids read, the counts."""

    documents: list[AnnotatedDocument]
    task_ids: set[int]
    report: ReadReport
    latest: str | None  # the latest task updated_at read
    server_started: datetime | None
    seconds_waiting: float


def read_seat(seat: Seat, conn: Connection, since: str | None, *, blind: bool, skip_bad: bool,
              page_size: int = PAGE_SIZE, progress: Progress | None = None,
              emails: Callable[[], dict[int, str]] | None = None) -> SeatRead:
    """Read one project's tasks updated at or after ``since`` (all when None), converting each page while the next
    is on its way."""
    emails = emails or (lambda: user_emails(conn))
    source = f"{seat.url} project {seat.project_id}"
    result = SeatRead([], set(), ReadReport(), None, None, 0.0)
    tick = None
    with closing(task_pages(conn, seat.project_id, since, page_size)) as pages:
        while True:
            t0 = time.perf_counter()
            page = next(pages, None)
            result.seconds_waiting += time.perf_counter() - t0
            if page is None:
                break
            if result.server_started is None:
                result.server_started = page.server_time
                tick = progress(f"pulling project {seat.project_id}", page.total) if progress and page.total \
                    else None
            name_annotators(page.tasks, emails)
            docs, _ = documents_from_tasks(page.tasks, source=source, server=seat.url, skip_bad=skip_bad,
                                           report=result.report, raise_errors=False,
                                           assigned=seat.annotator if blind else None)
            result.documents += docs
            for task in page.tasks:
                result.task_ids.add(task["id"])
                stamp = task.get("updated_at")
                if stamp and (result.latest is None or _stamp(stamp) > _stamp(result.latest)):
                    result.latest = stamp
            if tick:
                tick(len(page.tasks))
    raise_conversion_errors(result.report, source, skip_bad)
    # the drafts of the tasks read (one more query of the tasks API: the pages come without computed columns)
    with_drafts = [task_id for task_id in tasks_with_drafts(conn, seat.project_id, since, page_size)
                   if task_id in result.task_ids]
    result.report.counts["drafts"] += count_drafts(conn, with_drafts)
    for doc in result.documents:
        for ann in doc.annotations:
            ann.project_id = seat.project_id
    return result


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block. The pages parsed and converted are a few million
    acyclic objects (JSON), which the collector would otherwise scan again and again — half of pull's own CPU time on
    5,000 annotated tasks; reference counting still frees them as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@cyclic_gc_paused()
def pull_campaign(
    campaign: Campaign,
    connect: Callable[[str], Connection],
    out: str | Path,
    *,
    full: bool = False,
    skip_bad: bool = False,
    include_review: bool = False,
    page_size: int = PAGE_SIZE,
    progress: Progress | None = None,
) -> PullResult:
    """Pull the campaign's projects into ``out`` (see the module doc). The projects of different servers (a blind
    campaign with a server per annotator) are read at the same time, one thread per server; the projects of one
    server one after the other (it serves one request at a time as fast as several)."""
    started = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    state_path, docs_path = out / STATE_FILE, out / ANNOTATIONS_FILE
    state = read_state(state_path) if state_path.exists() and docs_path.exists() and not full else {}
    docs: dict[str, AnnotatedDocument] = {d.doc_id: d for d in read_documents(docs_path)} if state else {}

    seats: list[Seat] = list(campaign.seats) + ([campaign.review] if include_review and campaign.review else [])
    servers: dict[str, list[Seat]] = {}
    for seat in seats:
        servers.setdefault(seat.url, []).append(seat)
    connections = {url: connect(url) for url in servers}

    def read_server(url: str) -> list[SeatRead]:
        conn = connections[url]
        users: list[dict[int, str]] = []

        def emails() -> dict[int, str]:  # one users call per server, and only if an annotation needs it
            if not users:
                users.append(user_emails(conn))
            return users[0]

        return [read_seat(seat, conn, state.get(seat.key, {}).get("watermark"), blind=campaign.mode == "blind",
                          skip_bad=skip_bad, page_size=page_size, progress=progress, emails=emails)
                for seat in servers[url]]

    with ThreadPoolExecutor(max_workers=max(1, len(servers)), thread_name_prefix="gonerd-server") as pool:
        reads: dict[str, SeatRead] = {}
        for url, seat_reads in zip(servers, pool.map(read_server, servers)):
            reads.update((seat.key, read) for seat, read in zip(servers[url], seat_reads))

    report = ReadReport()
    per_project: dict[str, dict[str, Any]] = {}
    for seat in seats:
        read = reads[seat.key]
        # the tasks read replace what we held for them
        for doc in docs.values():
            doc.annotations = [a for a in doc.annotations
                               if not (a.server == seat.url and a.project_id == seat.project_id
                                       and a.task_id in read.task_ids)]
        for doc in read.documents:
            held = docs.setdefault(doc.doc_id, AnnotatedDocument(doc.doc_id, doc.text))
            if held.text != doc.text:
                raise LabelStudioError(f"document {doc.doc_id} has a different text in project {seat.project_id} "
                                       f"at {seat.url} than in another project of the campaign")
            held.annotations.extend(doc.annotations)
        since = state.get(seat.key, {}).get("watermark")
        state[seat.key] = {"watermark": next_watermark(since, read.latest, read.server_started),
                           "annotator": seat.annotator}
        per_project[seat.key] = {"annotator": seat.annotator, "incremental": since is not None,
                                 "tasks_exported": len(read.task_ids), **dict(read.report.counts)}
        report.merge(read.report)
    waiting = sum(read.seconds_waiting for read in reads.values())

    kept = [d for d in sorted(docs.values(), key=lambda d: d.doc_id) if d.annotations]
    for doc in kept:
        doc.annotations.sort(key=lambda a: (a.annotator, a.annotation_id or 0))
    write_documents(docs_path, kept)
    write_atomic(state_path, json.dumps(state, indent=2) + "\n")
    total = sum(len(d.annotations) for d in kept)
    body = {"documents": len(kept), "annotations": total, "per_project": per_project, **report.to_json()}
    write_atomic(out / REPORT_FILE, json.dumps(body, indent=2, ensure_ascii=False) + "\n")
    return PullResult(docs_path, len(kept), total, report, per_project, waiting, time.perf_counter() - started)
