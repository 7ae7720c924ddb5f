"""Push and pull throughput against a local Label Studio, each against a reference measured in the same run.

    python benchmarks/annotation_throughput.py [--tasks 5000] [--reference-tasks 200] [--template DATA_DIR]

Starts Label Studio on 127.0.0.1 (`annotation.serve`, the same code as `gonerd annotate serve`) on a fresh data
folder — migrating its database takes about a minute, or copy an already migrated one with ``--template`` — and
stops it at the end. Documents are the embedded demo corpus's texts (news and court opinions, 60 to 3,000 tokens),
cycled under distinct ids, each with a prediction holding its gold spans as scored regions.

1. **batched push**: `push_documents` with the default batch size (tasks/s, including the listing of existing
   tasks that makes a second push idempotent);
2. **one-at-a-time push** (reference): the same code with a batch size of 1 on ``--reference-tasks`` documents;
3. **pull + convert**: every task imported again with its prediction (``--no-pull-predictions``: without) and an
   annotation, then `pull_campaign` (paged tasks API, conversion with every region checked, annotations.jsonl
   written) in annotations/s, run twice around the **snapshot pull** (reference): what pull did before, a snapshot
   export with full ``completed_by`` objects and drafts, downloaded, converted and written the same way. Each run
   also reports the CPU seconds of the server (from ``/proc``) and of this process: on a machine shared with other
   jobs wall time follows the load, CPU time much less; the load average is recorded.

The server runs with the garbage-collector thresholds `gonerd annotate serve` sets (``--stock-gc``: Python's
defaults, what a Label Studio started otherwise has).

Targets: batched push ≥ 10× the one-at-a-time reference; pull + convert ≥ 500 annotations/s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from annotation.campaign import Campaign  # noqa: E402
from annotation.connection import Connection  # noqa: E402
from annotation.documents import SourceDocument  # noqa: E402
from annotation.exports import documents_from_tasks  # noqa: E402
from annotation.preannotators import ScoredSpan  # noqa: E402
from annotation.projects import setup_campaign  # noqa: E402
from annotation.pull import pull_campaign  # noqa: E402
from annotation.push import prediction_for, push_documents, task_for  # noqa: E402
from annotation.records import write_documents  # noqa: E402
from annotation.serve import GC_THRESHOLDS, Admin, copy_database, start_server  # noqa: E402

ADMIN = Admin("bench@example.com", "Bench-Passw0rd!", "benchmark-token-0123456789abcdef01234567")


class GoldAsPrediction:
    """A pre-annotator that returns each document's gold spans with random scores (no model time measured)."""

    model_version = "benchmark-gold-0"

    def __init__(self, spans: dict[str, list[ScoredSpan]]):
        self.spans = spans

    def predict(self, texts):
        return [self.spans[t] for t in texts]


def corpus(n: int, dest: Path) -> tuple[list[SourceDocument], dict[str, list[ScoredSpan]]]:
    from gonerd.demo import render_demo_corpus

    manifest = render_demo_corpus(dest)
    rng = random.Random(0)
    base = [d for d in manifest.documents if d.language == "en" and d.duplicate_of is None]
    docs, spans = [], {}
    for i in range(n):
        d = base[i % len(base)]
        text = f"{d.reference_text}\n\n(copy {i})"
        docs.append(SourceDocument(f"bench-{i:05d}", text, {"source": d.source}))
        spans[text] = [ScoredSpan(e.start, e.end, e.label, round(rng.uniform(0.3, 1.0), 3)) for e in d.entities]
    return docs, spans


def server_cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process and its waited-for children (Linux ``/proc``), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def snapshot_pull(conn: Connection, project_id: int, out: Path) -> int:
    """The reference: how `pull` read a project before (a snapshot export with full ``completed_by`` objects and
    drafts, polled, downloaded and deleted), then the same conversion and writing. Returns the annotations kept."""
    import orjson

    client = conn.client
    options = {"annotations__completed_by": {"only_id": False}, "drafts": {"only_id": False},
               "predictions": {"only_id": True}}
    snap = client.projects.exports.create(id=project_id, title="benchmark reference", serialization_options=options)
    while snap.status not in ("completed", "failed"):
        time.sleep(0.5)
        snap = client.projects.exports.get(id=project_id, export_pk=snap.id)
    assert snap.status == "completed", snap.status
    data = b"".join(client.projects.exports.download(id=project_id, export_pk=snap.id, export_type="JSON"))
    client.projects.exports.delete(id=project_id, export_pk=snap.id)
    docs, report = documents_from_tasks(orjson.loads(data), source="reference", server=conn.url)
    write_documents(out / "annotations.jsonl", docs)
    return report.counts["annotations_kept"]


def new_campaign(conn: Connection, folder: Path, title: str) -> Campaign:
    campaign = Campaign(title=title, url=conn.url, per_document=1)
    campaign.path = folder / f"{title}.json"
    setup_campaign(campaign, lambda url: conn)
    return campaign


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=5000)
    parser.add_argument("--reference-tasks", type=int, default=200)
    parser.add_argument("--template", type=Path, help="Label Studio data folder whose migrated database to copy.")
    parser.add_argument("--port", type=int, default=18765)
    parser.add_argument("--no-pull-predictions", action="store_true",
                        help="Pull tasks without predictions (the server then loads less; the setting of the first "
                             "measurements of issue 10).")
    parser.add_argument("--stock-gc", action="store_true",
                        help="Run Label Studio with Python's default garbage-collector thresholds instead of those "
                             "`gonerd annotate serve` sets (annotation.serve.GC_THRESHOLDS).")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "benchmarks" / "annotation_throughput.json")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gonerd-bench-") as tmp:
        tmp = Path(tmp)
        docs, spans = corpus(args.tasks, tmp / "demo")
        model = GoldAsPrediction(spans)
        if args.template:
            copy_database(args.template, tmp / "ls")
        print(f"starting Label Studio on 127.0.0.1:{args.port} …", file=sys.stderr)
        server = start_server(tmp / "ls", port=args.port, admin=ADMIN, wait=900,
                              gc_thresholds=None if args.stock_gc else GC_THRESHOLDS)
        try:
            conn = Connection(server.url, token=ADMIN.token)
            results = {"tasks": args.tasks, "reference_tasks": args.reference_tasks,
                       "server_gc_thresholds": None if args.stock_gc else list(GC_THRESHOLDS),
                       "pull_tasks_have_predictions": not args.no_pull_predictions,
                       "regions_per_task": round(sum(len(s) for s in spans.values()) / len(spans), 1),
                       "characters_per_task": round(sum(len(d.text) for d in docs) / len(docs))}

            batched = new_campaign(conn, tmp, "bench batched")
            start = time.perf_counter()
            res = push_documents(batched, docs, lambda url: conn, preannotator=model)
            seconds = time.perf_counter() - start
            assert res.counts["imported"] == args.tasks, res.counts
            results["push_batched_tasks_per_s"] = args.tasks / seconds

            single = new_campaign(conn, tmp, "bench single")
            ref_docs = docs[: args.reference_tasks]
            start = time.perf_counter()
            res = push_documents(single, ref_docs, lambda url: conn, preannotator=model, batch_size=1)
            seconds = time.perf_counter() - start
            assert res.counts["imported"] == len(ref_docs), res.counts
            results["push_one_at_a_time_tasks_per_s"] = len(ref_docs) / seconds

            annotated = new_campaign(conn, tmp, "bench pull")
            seat = annotated.seats[0]
            payload = []
            for d in docs:
                prediction = None if args.no_pull_predictions else prediction_for(d, spans[d.text],
                                                                                  model.model_version)
                task = task_for(d, prediction)
                task["annotations"] = [{"result": [
                    {"id": f"a{i}", "from_name": "label", "to_name": "text", "type": "labels",
                     "value": {"start": s.start, "end": s.end, "text": d.text[s.start : s.end], "labels": [s.label]}}
                    for i, s in enumerate(spans[d.text])], "lead_time": 60.0}]
                payload.append(task)
            for i in range(0, len(payload), 500):
                conn.client.projects.import_tasks(id=seat.project_id, request=payload[i : i + 500])
            pid = server.process.pid
            runs = []
            for kind in ("pull", "snapshot", "pull"):  # the reference between two runs of pull: fairer under load
                cpu, start, ours = server_cpu_seconds(pid), time.perf_counter(), time.process_time()
                if kind == "pull":
                    pulled = pull_campaign(annotated, lambda url: conn, tmp / f"pulled-{len(runs)}", full=True)
                    kept, waiting = pulled.annotations, pulled.seconds_waiting
                else:
                    kept, waiting = snapshot_pull(conn, seat.project_id, tmp / "reference"), None
                seconds = time.perf_counter() - start
                assert kept == args.tasks, (kind, kept)
                server_cpu = server_cpu_seconds(pid)
                runs.append({"kind": kind, "seconds": seconds, "waiting_seconds": waiting,
                             "server_cpu_seconds": None if cpu is None else server_cpu - cpu,
                             "client_cpu_seconds": time.process_time() - ours, "load_average": os.getloadavg()[0]})
            pulls = [r for r in runs if r["kind"] == "pull"]
            reference = next(r for r in runs if r["kind"] == "snapshot")
            seconds = sum(r["seconds"] for r in pulls) / len(pulls)
            results["pull_runs"] = runs
            results["pull_convert_annotations_per_s"] = args.tasks / seconds
            results["pull_convert_seconds"] = seconds
            results["snapshot_pull_annotations_per_s"] = args.tasks / reference["seconds"]
            results["pull_speedup_over_snapshot"] = reference["seconds"] / seconds
            if all(r["server_cpu_seconds"] is not None for r in runs):
                results["pull_server_cpu_seconds"] = sum(r["server_cpu_seconds"] for r in pulls) / len(pulls)
                results["snapshot_server_cpu_seconds"] = reference["server_cpu_seconds"]
                # the ceiling the server sets when it has a core to itself (pull waits on it; our side overlaps)
                results["pull_server_bound_annotations_per_s"] = args.tasks / results["pull_server_cpu_seconds"]
        finally:
            server.stop()

    ratio = results["push_batched_tasks_per_s"] / results["push_one_at_a_time_tasks_per_s"]
    results["push_ratio"] = ratio
    rounded = {k: round(v, 2) if isinstance(v, float) else v for k, v in results.items()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rounded, indent=2) + "\n")
    print(f"server garbage-collector thresholds: {'Python defaults' if args.stock_gc else GC_THRESHOLDS}; load "
          f"average at the end {os.getloadavg()}")
    print(f"documents: {args.tasks} ({rounded['characters_per_task']} characters, "
          f"{rounded['regions_per_task']} pre-annotated regions each)")
    print(f"push, batched:          {rounded['push_batched_tasks_per_s']:8.1f} tasks/s")
    print(f"push, one per request:  {rounded['push_one_at_a_time_tasks_per_s']:8.1f} tasks/s "
          f"(reference, {args.reference_tasks} tasks)")
    print(f"batched / one-at-a-time: {ratio:.1f}x  (target >= 10x: {'met' if ratio >= 10 else 'NOT met'})")
    pcs = rounded["pull_convert_annotations_per_s"]
    print(f"pull + convert:         {pcs:8.1f} annotations/s  (target >= 500: {'met' if pcs >= 500 else 'NOT met'}; "
          f"mean of {len([r for r in results['pull_runs'] if r['kind'] == 'pull'])} runs)")
    print(f"snapshot pull (reference): {rounded['snapshot_pull_annotations_per_s']:5.1f} annotations/s; "
          f"pull is {rounded['pull_speedup_over_snapshot']:.2f}x faster")
    if "pull_server_bound_annotations_per_s" in rounded:
        bound = rounded["pull_server_bound_annotations_per_s"]
        print(f"server CPU per pull {rounded['pull_server_cpu_seconds']:.1f} s: with a core to itself Label Studio "
              f"serves at most {bound:.0f} annotations/s ({'above' if bound >= 500 else 'below'} the 500 target)")
    for r in results["pull_runs"]:
        cpu = "" if r["server_cpu_seconds"] is None else f", server CPU {r['server_cpu_seconds']:.1f} s"
        cpu += f", our CPU {r['client_cpu_seconds']:.1f} s, load average {r['load_average']:.1f}"
        wait = "" if r["waiting_seconds"] is None else f", waiting for the server {r['waiting_seconds']:.1f} s"
        print(f"  {r['kind']:<8} {r['seconds']:6.1f} s{cpu}{wait}")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
