"""`gonerd extract`: the read → extract → identify → normalise → source steps on a few files, for tuning cleaning
rules.

Runs the very same datatrove steps as the build, chained once over all the inputs (one extraction sandbox per
invocation), so what it prints is what the build sees. Rows come out in the order the paths were given (a folder's
files in sorted order); an item dropped on the way is a row too, with the step, the reason and the message.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from gonerd.errors import UserError
from gonerd.sources import discover_inputs


class NoInputFiles(UserError):
    """The paths given hold no file at all (only empty folders)."""


def _drop_row(step_name: str, item, drop) -> dict:
    if isinstance(item, tuple):  # the read step's items: (path, Rejected)
        path, record = item
        origin = record.origin
    else:
        path, origin = item.metadata.get("path"), item.metadata.get("origin")
    return {"path": path, "origin": origin, "dropped": drop.reason, "step": step_name, "message": drop.detail}


def preview(paths: list[str], source_type: str | None = None, timeout: float = 10.0) -> Iterator[dict]:
    from gonerd import datatrove_speedups
    from gonerd.output import iso_date
    from gonerd.steps.extract import ExtractMainText
    from gonerd.steps.identify import IdentifyDocuments, NameSource
    from gonerd.steps.normalize import NormalizeText
    from gonerd.steps.read import ReadInputs

    datatrove_speedups.apply()
    files = discover_inputs(paths, keep_order=True)
    if not files and not files.skipped:
        raise NoInputFiles(f"no input files under {', '.join(map(str, paths))}")
    # no look-ahead: a drop is heard when its document is handled, so rows come out in the order of the paths
    steps = [ReadInputs(files), ExtractMainText(timeout=timeout, look_ahead=False), IdentifyDocuments(source_type),
             NormalizeText(), NameSource()]  # fmt: skip
    dropped: deque[dict] = deque()
    for step in steps:
        step.drop_listener = lambda item, drop, name=step.name: dropped.append(_drop_row(name, item, drop))
    documents = None
    for step in steps:
        documents = step.run(documents)
    for doc in documents:
        while dropped:
            yield dropped.popleft()
        meta = doc.metadata
        yield {
            "path": meta["path"],
            "origin": meta["origin"],
            "id": doc.id,
            "url": meta.get("url"),
            "title": meta.get("title"),
            "published": iso_date(meta.get("published")),
            "source_type": meta["source_type"],
            "source": meta["source"],
            "text": doc.text,
        }
    while dropped:
        yield dropped.popleft()
