"""`gonerd stats`, `gonerd card` and `gonerd publish` (light imports only: the work happens in the command bodies)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("datasets", nargs=-1, required=True)
@click.option("--tokenizer", help="Tokenizer for the subword-length shares: a tokenizer.json, a folder, or a Hub id "
                                  "available offline. Without one (or when it cannot be loaded) word tokens are "
                                  "counted, and the report says so.")
@click.option("--out", "-o", type=click.Path(file_okay=False),
              help="Folder for stats.json, stats.md and the plots [DATASET/stats for one built folder, else "
                   "./gonerd-stats].")
@click.option("--pii/--no-pii", default=True, show_default=True,
              help="Count e-mail addresses, phone numbers and IP addresses in the text.")
@click.option("--phone-region", default="US", show_default=True,
              help="Region of phone numbers written without a country code (ISO 3166 code).")
@click.option("--agreement", type=click.Path(exists=True, dir_okay=False),
              help="Agreement summary (JSON) of the first dataset [its folder's agreement.json].")
def stats(datasets, tokenizer, out, pii, phone_region, agreement) -> None:
    """Statistics of DATASETS, side by side: built folders, READER:PATH (e.g. conll2003:data/conll2003) or Hub ids.

    Per split and source type: documents, token lengths, the share of documents longer than 512/1,024/2,048/4,096
    subword tokens, entities per type, density, entity length, distinct surface forms, train→test entity overlap,
    label distribution, annotation provenance and agreement, personal information. Writes JSON, Markdown and PNGs.
    """
    from gonerd import stats as gstats
    from gonerd.stats.report import summary_rows, table

    first = Path(datasets[0])
    if out is None:
        out = first / "stats" if len(datasets) == 1 and (first / "build_report.json").is_file() else "gonerd-stats"
    try:
        report, lengths = gstats.compute(list(datasets), tokenizer=tokenizer, pii=pii, phone_region=phone_region,
                                         agreement=agreement)
        files = gstats.write(report, lengths, out)
    except gstats.StatsError as exc:
        raise click.ClickException(str(exc)) from None
    unit = report["length_unit"]
    click.echo(f"Length unit: {unit['label']}" + (f" ({unit['note']})" if unit.get("note") else ""))
    click.echo(table(["", *(d["name"] for d in report["datasets"])],
                     summary_rows(report["datasets"], report["thresholds"], f"{unit['unit']} tokens")))
    click.echo(f"\nWrote {', '.join(str(p) for p in files.values())}")


@click.command()
@click.argument("dataset", type=click.Path(exists=True, file_okay=False))
@click.option("--repo-id", help="Hub repository (ORG/NAME) the usage snippet loads [the folder's relative path].")
@click.option("--license", "license_id", help="Licence id for the metadata (e.g. cc-by-4.0) [kept, else unknown].")
@click.option("--tokenizer", help="Tokenizer for the length figures when the statistics are computed.")
@click.option("--restat", is_flag=True, help="Recompute DATASET/stats even when it exists.")
@click.option("--crawl", "crawls", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="A `gonerd scrape` output folder the inputs came from (found automatically beside the inputs).")
@click.option("--cards-dir", type=click.Path(file_okay=False),
              help="Also write a copy as CARDS_DIR/<name>.md, its statistics in CARDS_DIR/<name>-stats/ "
                   "(`make demo` uses data_cards/).")
def card(dataset, repo_id, license_id, tokenizer, restat, crawls, cards_dir) -> None:
    """Write the dataset card (README.md) of a built DATASET folder: metadata and datasheet, from the build
    report and the statistics (computed first into DATASET/stats when missing). Hand-written blocks survive."""
    from gonerd import stats as gstats
    from gonerd.card import STATS_DIR, CardError, check_dataset_folder, write_card

    folder = Path(dataset)
    try:
        header = check_dataset_folder(folder)
        if restat or tokenizer or not (folder / STATS_DIR / "stats.json").is_file():
            name = header.get("pretty_name") or folder.name
            report, lengths = gstats.compute([str(folder)], tokenizer=tokenizer, names=[name])
            gstats.write(report, lengths, folder / STATS_DIR)
            click.echo(f"Statistics: {folder / STATS_DIR}")
        path = write_card(folder, repo_id=repo_id, license=license_id, crawls=list(crawls), cards_dir=cards_dir)
    except (CardError, gstats.StatsError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Card: {path}" + (f" (copy in {cards_dir}/)" if cards_dir else ""))


@click.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--repo-id", required=True, help="Hub dataset repository, ORG/NAME.")
@click.option("--private", is_flag=True, help="Create the repository as private (an existing one keeps its setting).")
@click.option("--revision", help="Branch to commit to (created when missing) [main].")
@click.option("--dry-run", "dry_run_dir", type=click.Path(file_okay=False),
              help="Write the repository that would be uploaded into this folder instead of uploading.")
@click.option("--license", "license_id", help="Licence id for the card's metadata.")
@click.option("--message", help="Commit message.")
def publish(folder, repo_id, private, revision, dry_run_dir, license_id, message) -> None:
    """Upload a built dataset FOLDER (parquet shards, card, statistics) to the Hugging Face Hub in one commit.

    The token comes from HF_TOKEN or the stored login and is never printed. HF_ENDPOINT selects another Hub.
    """
    from gonerd.publish import PublishError, dry_run, upload

    try:
        if dry_run_dir:
            result = dry_run(folder, dry_run_dir, repo_id=repo_id, license=license_id)
        else:
            result = upload(folder, repo_id=repo_id, private=private, revision=revision, license=license_id,
                            message=message)
    except PublishError as exc:
        raise click.ClickException(str(exc)) from None
    for name in result.files:
        click.echo(f"  {name}")
    for name in result.deleted:
        click.echo(f"  (deleted) {name}")
    if result.folder is not None:
        click.echo(f"Dry run: {len(result.files)} files in {result.folder} (nothing uploaded)")
        click.echo(f'Check it with:  datasets.load_dataset("{result.folder}")')
    else:
        click.echo(f"Committed {len(result.files)} files to {repo_id}: {result.commit_url}")
        click.echo(f'Load it with:  datasets.load_dataset("{repo_id}")')
