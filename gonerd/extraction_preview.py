"""`gonerd extract`: the read → extract → identify → normalise steps on a few files, for tuning cleaning rules.

Runs the very same datatrove steps as the build (in-process, one document at a time), so what it prints is what
the build sees. Items dropped on the way are printed too, with the step and reason.
"""

from __future__ import annotations

from collections.abc import Iterator

from gonerd.sources import discover_inputs


def _drop_counts(step) -> dict[str, int]:
    return {k: v.total for k, v in step.stats.stats.items() if k.startswith("dropped_")}


def preview(paths: list[str], source_type: str | None = None, timeout: float = 10.0) -> Iterator[dict]:
    from gonerd.output import iso_date
    from gonerd.sources import RawRecord, read_input
    from gonerd.steps.extract import ExtractMainText
    from gonerd.steps.identify import IdentifyDocuments, NameSource
    from gonerd.steps.normalize import NormalizeText
    from gonerd.steps.read import record_to_document

    steps = [ExtractMainText(timeout=timeout), IdentifyDocuments(source_type), NormalizeText(), NameSource()]
    for path in discover_inputs(paths):
        for item in read_input(path):
            if not isinstance(item, RawRecord):
                yield {"path": path, "origin": item.origin, "dropped": item.reason, "message": item.message}
                continue
            doc = record_to_document(item, path)
            for step in steps:
                before = _drop_counts(step)
                out = list(step.run(iter([doc])))
                if not out:
                    after = _drop_counts(step)
                    reason = next((k for k in after if after[k] != before.get(k, 0)), "dropped_unknown")
                    yield {"path": path, "origin": item.origin, "dropped": reason.removeprefix("dropped_"),
                           "step": step.name}
                    break
                doc = out[0]
            else:
                meta = doc.metadata
                yield {
                    "path": path,
                    "origin": meta["origin"],
                    "id": doc.id,
                    "url": meta.get("url"),
                    "title": meta.get("title"),
                    "published": iso_date(meta.get("published")),
                    "source_type": meta["source_type"],
                    "source": meta["source"],
                    "text": doc.text,
                }
