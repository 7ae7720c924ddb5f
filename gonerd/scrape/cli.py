"""``gonerd scrape news`` and ``gonerd scrape legal``. Only click is imported here; the crawl loads on use."""

from __future__ import annotations

import functools

import click

SIZE_UNITS = {"": 1, "k": 1_000, "kb": 1_000, "m": 1_000_000, "mb": 1_000_000, "g": 1_000_000_000,
              "gb": 1_000_000_000}


class Size(click.ParamType):
    name = "size"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        text = str(value).strip().lower()
        number = text.rstrip("kmgb")
        unit = text[len(number):]
        try:
            return int(float(number) * SIZE_UNITS[unit])
        except (ValueError, KeyError):
            self.fail(f"{value!r} is not a size like 500000, 10MB or 1GB", param, ctx)


def common_options(func):
    """Options shared by both commands (politeness, limits, resume, output)."""
    options = [
        click.option("--out", "-o", required=True, type=click.Path(file_okay=False),
                     help="Output folder: WARCs in OUT/warcs, manifest.sqlite, summary.json."),
        click.option("--delay", type=float, default=2.0, show_default=True,
                     help="Seconds between two requests to the same host (a longer robots.txt Crawl-delay wins)."),
        click.option("--concurrency", type=int, default=4, show_default=True,
                     help="Requests in flight across all hosts."),
        click.option("--host-concurrency", type=int, default=1, show_default=True,
                     help="Requests in flight to one host."),
        click.option("--max-pages", type=int, default=None,
                     help="Stop after this many documents are archived in OUT (across runs)."),
        click.option("--resume", is_flag=True, help="Continue the scrape in OUT: skip what is done."),
        click.option("--retry-failed", type=click.Choice(["transient", "all", "none"]), default="transient",
                     show_default=True, help="With --resume: which earlier failures to try again."),
        click.option("--timeout", type=float, default=30.0, show_default=True,
                     help="Connect/read timeout in seconds (the whole body gets 4x)."),
        click.option("--retries", type=int, default=3, show_default=True,
                     help="Retries of timeouts, connection errors, 429 and 5xx (exponential backoff, jitter)."),
        click.option("--max-bytes", type=Size(), default="10MB", show_default=True,
                     help="Largest body accepted."),
        click.option("--max-redirects", type=int, default=5, show_default=True),
        click.option("--warc-size", type=Size(), default="1GB", show_default=True,
                     help="Start a new WARC file past this size."),
        click.option("--allow-private", is_flag=True,
                     help="Allow links found in feeds/sitemaps (and redirects) to private/loopback addresses."),
        click.option("--any-host", is_flag=True, help="Follow links to other hosts than the feed's or sitemap's."),
        click.option("--contact", help="URL or e-mail put in the User-Agent [$GONERD_SCRAPE_CONTACT or the "
                                       "package's home page]."),
        click.option("--no-progress", is_flag=True, help="No progress bar."),
    ]
    return functools.reduce(lambda f, option: option(f), reversed(options), func)


def _settings(opts: dict):
    from gonerd.scrape.settings import ScrapeSettings

    kwargs = dict(
        delay=opts["delay"], concurrency=opts["concurrency"], host_concurrency=opts["host_concurrency"],
        max_pages=opts["max_pages"], resume=opts["resume"], retry_failed=opts["retry_failed"],
        timeout=opts["timeout"], retries=opts["retries"], max_bytes=opts["max_bytes"],
        max_redirects=opts["max_redirects"], warc_max_bytes=opts["warc_size"], allow_private=opts["allow_private"],
        same_host=not opts["any_host"], progress=not opts["no_progress"],
    )
    if opts.get("contact"):
        kwargs["contact"] = opts["contact"]
    try:
        return ScrapeSettings(**kwargs)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _finish(result) -> None:
    click.echo(result.table(), err=True)
    click.echo(f"\nWARCs: {result.warc_dir}   manifest: {result.manifest}", err=True)
    if not result.problem:
        click.echo(f"Build a dataset from them:  gonerd build --input {result.warc_dir} --out build/my-ner", err=True)
    if result.interrupted:
        raise SystemExit(130)
    if result.problem:
        raise click.ClickException(result.problem)


@click.group()
def scrape() -> None:
    """Collect news and legal web text into WARC files that `gonerd build` reads (see docs/scraping.md)."""


@scrape.command()
@click.option("--feeds", multiple=True, metavar="FILE|URL", help="File of RSS/Atom feed URLs (or one feed URL).")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL",
              help="Sitemap or sitemap index URL; a site root or robots.txt URL uses its Sitemap: lines.")
@click.option("--urls", multiple=True, metavar="FILE", help="File of article URLs, one a line.")
@common_options
def news(feeds, sitemaps, urls, out, **opts) -> None:
    """Archive news articles found in feeds, sitemaps and URL lists."""
    from gonerd.scrape.run import ScrapeError, scrape_news

    try:
        result = scrape_news(out, feeds=feeds, sitemaps=sitemaps, urls=urls, settings=_settings(opts))
    except ScrapeError as exc:
        raise click.ClickException(str(exc)) from exc
    _finish(result)


@scrape.command()
@click.option("--courtlistener", "queries", multiple=True, metavar="QUERY",
              help="CourtListener opinion search query (token from $COURTLISTENER_TOKEN).")
@click.option("--urls", multiple=True, metavar="FILE", help="File of court page / opinion file URLs (HTML, text, PDF).")
@click.option("--api-base", default=None, metavar="URL",
              help="CourtListener base URL [https://www.courtlistener.com] (for mirrors and tests).")
@common_options
def legal(queries, urls, api_base, out, **opts) -> None:
    """Archive court opinions from the CourtListener API and from court web pages and files."""
    from gonerd.scrape.run import ScrapeError, scrape_legal

    try:
        result = scrape_legal(out, courtlistener=queries, urls=urls, api_base=api_base, settings=_settings(opts))
    except ScrapeError as exc:
        raise click.ClickException(str(exc)) from exc
    _finish(result)
