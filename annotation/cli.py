"""`gonerd annotate …`: the command group the annotation package contributes to the gonerd CLI.

Registered under the ``gonerd.commands`` entry points; heavy imports (the SDK, spaCy, matplotlib) stay inside the
commands so that `gonerd --help` stays light. The Label Studio token comes only from ``LABEL_STUDIO_API_KEY``.
Every error of ours is a :class:`gonerd.errors.UserError` (one ``Error:`` line naming the file, option or server,
the traceback only with ``-vv``: see :mod:`gonerd.cli_errors`).
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import click

URL_HELP = "Label Studio URL [$LABEL_STUDIO_URL, else http://127.0.0.1:8080]."


@contextmanager
def _progress():
    """``make(description, total) -> tick(n)``: rich progress bars with an ETA on stderr."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=False) as bars:

        def make(description: str, total: int):
            task = bars.add_task(description, total=total)
            return lambda n: bars.advance(task, n)

        yield make


def _connector(url_override: str | None = None):
    """``connect(url)``: one :class:`Connection` per server, the token from the environment."""
    from annotation.connection import Connection

    cache: dict[str, Connection] = {}

    def connect(url: str) -> Connection:
        url = url_override or url
        if url not in cache:
            cache[url] = Connection(url)
        return cache[url]

    return connect


def _is_http_url(url: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@click.group(name="annotate")
def annotate() -> None:
    """Annotation campaigns in Label Studio: serve, setup, push, pull, agreement, adjudicate."""


@annotate.command()
@click.option("--data-dir", required=True, type=click.Path(file_okay=False), help="Label Studio data folder.")
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Keep the loopback default and put a TLS proxy in front for a team.")
@click.option("--copy-from", type=click.Path(file_okay=False, exists=True),
              help="Start from a copy of this data folder's database (e.g. an already migrated one).")
@click.option("--label-studio", "executable", help="The label-studio executable [$GONERD_LABEL_STUDIO, PATH, "
                                                   ".venv-ls].")
def serve(data_dir, port, host, copy_from, executable) -> None:
    """Run a local Label Studio with safe defaults until Ctrl-C (or SIGTERM).

    The admin account comes from LABEL_STUDIO_USERNAME / LABEL_STUDIO_PASSWORD and its API token from
    LABEL_STUDIO_USER_TOKEN (or LABEL_STUDIO_API_KEY). The first start runs the database migrations (about a
    minute).
    """
    import signal

    from annotation.serve import DATABASE, Admin, copy_database, find_label_studio, start_server

    executable = find_label_studio(executable)  # before anything is copied or started

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    # Ctrl-C and `kill` both stop the server cleanly (a shell starts background jobs with SIGINT ignored)
    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)
    admin = Admin.from_env()
    if host != "127.0.0.1":
        click.echo(f"Warning: binding {host}; anyone who can reach it can try to log in. Use TLS in front.",
                   err=True)
    if copy_from and not (Path(data_dir) / DATABASE).exists():
        copy_database(copy_from, data_dir)
    click.echo(f"Starting Label Studio in {data_dir} (the first start migrates the database) …", err=True)
    server = start_server(data_dir, port=port, host=host, admin=admin, executable=executable)
    click.echo(f"Label Studio is up at {server.url}  (admin {admin.email}; server log {server.log_path})")
    click.echo("Signup is by invite link only: `gonerd annotate invite`. Ctrl-C stops the server.")
    try:
        server.process.wait()
    except KeyboardInterrupt:
        click.echo("Stopping …", err=True)
    finally:
        server.stop()


@annotate.command()
@click.option("--url", help=URL_HELP)
def invite(url) -> None:
    """Print the organisation's invite link (annotators sign up with it)."""
    from annotation.connection import Connection

    conn = Connection(url)
    with conn.errors("getting the invite link"):
        link = conn.client.organizations.invites.get_invite_link()
    click.echo(f"{conn.url}{link.invite_url}")


@annotate.command(name="config")
@click.option("--guidelines", is_flag=True, help="Print the annotation guidelines (Markdown) instead.")
def config_command(guidelines) -> None:
    """Print the Label Studio labeling config generated from the schema."""
    from annotation.labeling import guidelines_markdown, labeling_config

    click.echo(guidelines_markdown() if guidelines else labeling_config(), nl=False)


@annotate.command()
@click.option("--campaign", "campaign_path", required=True, type=click.Path(dir_okay=False),
              help="Campaign file (created if missing).")
@click.option("--title", help="Project title (new campaign).")
@click.option("--annotator", "annotators", multiple=True,
              help="Blind mode: one project per annotator (e-mail), repeatable. EMAIL=URL puts that annotator's "
                   "project on its own server.")
@click.option("--per-document", type=click.IntRange(min=1), help="Annotators per document [2].")
@click.option("--seed", type=int, help="Seed of the document assignment [0].")
@click.option("--url", help=URL_HELP)
def setup(campaign_path, title, annotators, per_document, seed, url) -> None:
    """Create or update the campaign's project(s): labeling config, guidelines as instructions, settings."""
    import os
    import re

    from annotation.campaign import Campaign, CampaignError, Seat
    from annotation.connection import DEFAULT_URL, URL_ENV
    from annotation.projects import setup_campaign

    path = Path(campaign_path)
    if path.exists():
        campaign = Campaign.load(path)
        if title and title != campaign.title:
            raise CampaignError(f"{path} is campaign {campaign.title!r}, not {title!r}")
    else:
        if not title:
            raise CampaignError(f"{path} does not exist: give --title to start a campaign")
        campaign = Campaign(title=title, url=(url or os.environ.get(URL_ENV) or DEFAULT_URL).rstrip("/"))
        campaign.path = path
    if per_document is not None:
        campaign.per_document = per_document
    if seed is not None:
        campaign.seed = seed
    if annotators and any(s.annotator is None for s in campaign.seats):
        raise CampaignError(f"{path} is a shared campaign (one project for everyone); start a new campaign file "
                            "for blind annotation")
    for spec in annotators:
        email, _, seat_url = spec.partition("=")
        if not re.fullmatch(r"[^@\s]+@[^@\s]+", email) or (seat_url and not _is_http_url(seat_url)):
            raise click.BadParameter(f"{spec!r}: expected an annotator's e-mail address (their Label Studio "
                                     "account), optionally =URL of their own server", param_hint="'--annotator'")
        if email not in campaign.annotators:
            campaign.seats.append(Seat(annotator=email, url=(seat_url or campaign.url).rstrip("/")))
    if campaign.annotators:
        campaign.mode = "blind"
    for result in setup_campaign(campaign, _connector(url if url and not campaign.annotators else None)):
        detail = f" ({', '.join(result.changed)})" if result.action == "updated" else ""
        click.echo(f"{result.action:<9} project {result.seat.project_id} {result.title!r} at {result.seat.url}"
                   f"{detail}")
    click.echo(f"campaign {campaign.title!r} ({campaign.mode}, {campaign.per_document} per document) saved to {path}")


@annotate.command()
@click.argument("source", type=click.Path(exists=True))
@click.option("--campaign", "campaign_path", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--preannotate", "preannotator", metavar="NAME[:ARG]",
              help="Pre-annotator: spacy:PIPELINE, gazetteer:PATTERNS.jsonl or any registered name "
                   "(`gonerd annotate preannotators`).")
@click.option("--order", type=click.Choice(["input", "uncertainty"]), default="input", show_default=True,
              help="Task order: as read, or least confident pre-annotation first.")
@click.option("--update", is_flag=True, help="Update documents already in a project instead of skipping them.")
@click.option("--limit", type=click.IntRange(min=1), help="Push only the first N documents.")
@click.option("--batch-size", type=click.IntRange(min=1), default=250, show_default=True,
              help="Tasks per import request.")
def push(source, campaign_path, preannotator, order, update, limit, batch_size) -> None:
    """Import documents (a dataset folder or JSONL) as tasks, with pre-annotations as predictions."""
    from annotation.campaign import Campaign
    from annotation.documents import read_documents
    from annotation.preannotators import load_preannotator
    from annotation.push import push_documents

    campaign = Campaign.load(campaign_path)
    if not all(s.project_id for s in campaign.seats):
        raise click.ClickException(f"{campaign_path}: run `gonerd annotate setup` first (no project yet)")
    docs = read_documents(source, limit=limit)
    model = load_preannotator(preannotator) if preannotator else None
    with _progress() as progress:
        result = push_documents(campaign, docs, _connector(), preannotator=model, order=order, update=update,
                                batch_size=batch_size, progress=progress)
    for project, counts in result.per_project.items():
        click.echo(f"{project}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    if model is not None:
        click.echo(f"predictions by {model.model_version}")


@annotate.command()
@click.option("--campaign", "campaign_path", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "-o", required=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--full", is_flag=True, help="Export everything again instead of what changed since the last pull.")
@click.option("--skip-bad", is_flag=True, help="Leave out (and list) annotations with unconvertible regions "
                                               "instead of stopping.")
@click.option("--review", is_flag=True, help="Also pull the adjudication review project.")
def pull(campaign_path, out, full, skip_bad, review) -> None:
    """Read the annotations into OUT/annotations.jsonl, incrementally (only tasks changed since the last pull)."""
    from annotation.campaign import Campaign
    from annotation.pull import pull_campaign

    campaign = Campaign.load(campaign_path)
    with _progress() as progress:
        result = pull_campaign(campaign, _connector(), out, full=full, skip_bad=skip_bad, include_review=review,
                               progress=progress)
    for key, info in result.per_project.items():
        counts = ", ".join(f"{k} {v}" for k, v in sorted(info.items()) if k not in ("annotator",))
        click.echo(f"{info['annotator'] or 'shared'} ({key}): {counts}")
    conv = result.report.conversion.counts()
    click.echo("conversion: " + ", ".join(f"{k} {v}" for k, v in conv.items() if v))
    click.echo(f"{result.annotations} annotations of {result.documents} documents in {result.out}")


@annotate.command()
@click.argument("export_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "json-min", "conll2003"]),
              help="Export format [guessed from the file].")
@click.option("--out", "-o", required=True, type=click.Path(dir_okay=False), help="annotations JSONL to write.")
@click.option("--text-key", default="text", show_default=True, help="Task data field holding the text.")
@click.option("--id-key", default="doc_id", show_default=True, help="Task data field holding the document id.")
@click.option("--skip-bad", is_flag=True, help="Leave out (and list) annotations with unconvertible regions.")
def convert(export_file, fmt, out, text_key, id_key, skip_bad) -> None:
    """Read a Label Studio export (JSON, JSON_MIN or CONLL2003) into annotated documents."""
    from annotation.exports import read_export
    from annotation.records import write_atomic, write_documents

    docs, report = read_export(export_file, fmt, skip_bad=skip_bad, text_key=text_key, id_key=id_key)
    write_documents(out, docs)
    report_path = Path(out).with_suffix(".report.json")
    write_atomic(report_path, json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n")
    counts = {**dict(report.counts), **{k: v for k, v in report.conversion.counts().items() if v}}
    click.echo(", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    click.echo(f"{sum(len(d.annotations) for d in docs)} annotations of {len(docs)} documents in {out} "
               f"(report: {report_path})")


def _read_annotations(path: str):
    """The annotated documents of a pull folder or an annotations JSONL file; none at all is an error."""
    from annotation.records import RecordFileError, read_documents

    p = Path(path)
    if p.is_dir():
        if not (p / "annotations.jsonl").is_file():
            raise RecordFileError(f"{p}: no annotations.jsonl in this folder (give a `pull` folder or an "
                                  "annotations JSONL file)")
        p = p / "annotations.jsonl"
    docs = read_documents(p)
    if not docs:
        raise RecordFileError(f"{p}: no annotated documents in it")
    return docs


@annotate.command()
@click.argument("annotations", type=click.Path(exists=True))
@click.option("--out", "-o", required=True, type=click.Path(file_okay=False), help="Folder for the report files.")
@click.option("--tokenizer", default="blank:en", show_default=True, help="spaCy pipeline for the token level.")
@click.option("--show", type=click.IntRange(min=0), default=20, show_default=True, help="Disagreements printed.")
@click.option("--dataset", type=click.Path(exists=True, file_okay=False),
              help="A dataset folder built from this campaign's gold (`gonerd build --gold`): write the agreement "
                   "summary there as agreement.json, for `gonerd stats` and `gonerd card`.")
@click.option("--annotator-names", type=click.Choice(["pseudonym", "email"]), default="pseudonym",
              show_default=True, help="How annotators are named in the summary (agreement.json's 'summary').")
def agreement(annotations, out, tokenizer, show, dataset, annotator_names) -> None:
    """Inter-annotator agreement of ANNOTATIONS (a pull folder or annotations JSONL): text, JSON, PNG heat map.

    With --dataset, the summary (headline figures, per pair and per annotator, pseudonymised; no text) also goes
    into the dataset folder's agreement.json. `gonerd build` replaces the folder: run this after the build.
    """
    from annotation.adjudicate import annotator_names as names_for
    from annotation.agreement import compute_agreement, dataset_summary, format_report, heatmap
    from annotation.records import write_atomic
    from gonerd.tokenize import load_pipeline

    if dataset:
        from gonerd.card import check_dataset_folder

        check_dataset_folder(dataset)  # before any work: a folder gonerd build wrote
    docs = _read_annotations(annotations)
    try:
        load_pipeline(tokenizer)
    except (ValueError, ImportError) as exc:
        raise click.BadParameter(str(exc).splitlines()[0], param_hint="'--tokenizer'") from None
    report = compute_agreement(docs, tokenizer=tokenizer)
    out = Path(out)
    text = format_report(report, max_disagreements=show)
    write_atomic(out / "agreement.txt", format_report(report, max_disagreements=len(report.disagreements)) + "\n")
    summary = dataset_summary(report, names_for(docs, annotator_names))
    write_atomic(out / "agreement.json",
                 json.dumps({**report.to_json(), "summary": summary}, indent=2, ensure_ascii=False) + "\n")
    heatmap(report, out / "agreement.png")
    click.echo(text)
    click.echo(f"\nWrote {out / 'agreement.txt'}, {out / 'agreement.json'} and {out / 'agreement.png'}")
    if dataset:
        from gonerd.stats import AGREEMENT_FILE

        target = write_atomic(Path(dataset) / AGREEMENT_FILE, json.dumps(summary, indent=2) + "\n")
        click.echo(f"Wrote the agreement summary to {target} (read by `gonerd stats` and `gonerd card`)")


@annotate.command()
@click.argument("annotations", type=click.Path(exists=True))
@click.option("--out", "-o", required=True, type=click.Path(dir_okay=False), help="Gold JSONL to write.")
@click.option("--reviewer", help="Annotator (e-mail) whose annotation takes precedence over the majority.")
@click.option("--min-annotators", type=click.IntRange(min=1), default=1, show_default=True,
              help="Leave out documents with fewer annotators.")
@click.option("--annotator-names", type=click.Choice(["pseudonym", "email"]), default="pseudonym",
              show_default=True, help="How annotators are named in the gold file.")
@click.option("--push-review", "campaign_path", type=click.Path(exists=True, dir_okay=False),
              help="Campaign file: push documents with unresolved disagreements to its review project.")
def adjudicate(annotations, out, reviewer, min_annotators, annotator_names, campaign_path) -> None:
    """Annotations → gold spans (ground truth, reviewer, or majority vote) for `gonerd build --gold`."""
    from annotation.adjudicate import adjudicate as run
    from annotation.adjudicate import annotator_names as names_for
    from annotation.adjudicate import gold_rows
    from annotation.campaign import Campaign
    from annotation.records import jsonl, write_atomic

    if campaign_path:
        Campaign.load(campaign_path)  # a bad campaign file stops us before anything is written
    docs = _read_annotations(annotations)
    result = run(docs, reviewer=reviewer, min_annotators=min_annotators)
    names = names_for(docs, annotator_names)
    write_atomic(out, jsonl(gold_rows(result, names)))
    unresolved_path = Path(out).with_suffix(".unresolved.jsonl")
    write_atomic(unresolved_path, jsonl(result.unresolved))
    click.echo(", ".join(f"{k} {v}" for k, v in sorted(result.counts.items())))
    for u in result.unresolved[:10]:
        tie = " (tie)" if u["tie"] else ""
        click.echo(f"  unresolved {u['doc_id']} [{u['start']}:{u['end']}] {u['label']} {u['text']!r}: "
                   f"{u['votes']} of {u['of']}{tie}")
    if len(result.unresolved) > 10:
        click.echo(f"  … {len(result.unresolved) - 10} more in {unresolved_path}")
    click.echo(f"gold spans of {len(result.decisions)} documents in {out}; rebuild with: gonerd build --gold {out}")
    if campaign_path:
        from annotation.review import push_review

        pushed = push_review(campaign_path, docs, result, names, _connector())
        click.echo(f"review project {pushed['project_id']}: {pushed['imported']} tasks imported, "
                   f"{pushed['skipped_existing']} already there")


@annotate.command()
def preannotators() -> None:
    """List the registered pre-annotators (entry-point group gonerd.preannotators)."""
    from annotation.preannotators import available

    for name, value in sorted(available().items()):
        click.echo(f"{name:<16} {value}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(annotate())
