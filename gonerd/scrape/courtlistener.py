"""CourtListener REST API v4: opinion search (cursor pagination) and the opinions endpoint.

Assumptions (courtlistener.com/help/api/rest/v4/, mirrored by the tests' stand-in server):

- ``GET {base}/api/rest/v4/search/?q=QUERY&type=o`` → ``{"count", "next", "previous", "results": [hit, ...]}``;
  ``next`` is a full URL carrying ``cursor=`` (followed only on the API's own origin). A hit is an opinion
  cluster: ``caseName``, ``court``, ``court_id``, ``dateFiled``, ``absolute_url``, ``cluster_id``, ``docketNumber``
  ... and ``opinions: [{"id", "snippet", ...}]``.
- ``GET {base}/api/rest/v4/opinions/{id}/`` → the opinion: ``plain_text``, ``html``, ``html_with_citations``,
  ``html_lawbox``, ``html_columbia``, ``xml_harvard``, ``absolute_url``, ``cluster``, ``download_url`` ...
- Authentication: ``Authorization: Token <COURTLISTENER_TOKEN>``, sent to the API's origin only and never
  archived or logged. Rate limiting: HTTP 429 (with ``Retry-After``), retried by the crawl.

The opinion is archived twice, in one commit: the API's answer as received (a ``response`` record of its API URL,
status line, headers and body byte for byte, ``Content-Encoding`` kept), then a ``resource`` record of the same
URI with ``WARC-Refers-To`` that response and ``Content-Type: application/json``: the opinion object with the search
hit it came from added under ``"search_hit"`` (case name, court, date filed). ``gonerd build`` reads the merged
record (``gonerd.sources._record_from_json``); the response carries ``WARC-Gonerd-Superseded-By: <merged record's
id>`` and the build counts it as a ``superseded_by_merged_record`` drop, so an opinion is read once.
"""

from __future__ import annotations

import json
import uuid
from urllib.parse import urlencode

from gonerd.scrape.crawl import Analysis, AnalysisError, Found, Kind, Task
from gonerd.scrape.discover_news import iso_date
from gonerd.scrape.fetch import Exchange
from gonerd.scrape.safety import trust_origin
from gonerd.scrape.urlfilter import origin
from gonerd.scrape.warc_store import ResourceSpec, ResponseSpec

DEFAULT_API_BASE = "https://www.courtlistener.com"
TOKEN_ENV = "COURTLISTENER_TOKEN"
JSON_TYPES = frozenset({"application/json"})
TEXT_FIELDS = ("plain_text", "html_with_citations", "html", "html_lawbox", "html_columbia", "xml_harvard")
SUPERSEDED_BY = "WARC-Gonerd-Superseded-By"  # on a response: the build reads the record with this id instead


def search_url(api_base: str, query: str) -> str:
    return f"{api_base.rstrip('/')}/api/rest/v4/search/?{urlencode({'q': query, 'type': 'o'})}"


def opinion_url(api_base: str, opinion_id: int) -> str:
    return f"{api_base.rstrip('/')}/api/rest/v4/opinions/{int(opinion_id)}/"


def auth_headers(api_base: str, token: str | None) -> dict[str, dict[str, str]]:
    return {origin(api_base): {"Authorization": f"Token {token}"}} if token else {}


def _json(exchange: Exchange) -> object:
    body = Kind.decoded(exchange)
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise AnalysisError("bad_json", f"{exchange.url}: not JSON ({exc})") from None


class SearchKind(Kind):
    name = "search"
    robots = False  # an API's use is governed by its terms and rate limits, not robots.txt
    accept = JSON_TYPES

    def __init__(self, api_base: str):
        self.api_base = api_base
        self.home = trust_origin(api_base)

    def analyse(self, task: Task, exchange: Exchange) -> Analysis:
        page = _json(exchange)
        if not isinstance(page, dict) or not isinstance(page.get("results"), list):
            raise AnalysisError("bad_json", f"{exchange.url}: no 'results' list (is this the v4 search API?)")
        found = []
        for hit in page["results"]:
            if not isinstance(hit, dict):
                continue
            meta = {k: v for k, v in hit.items() if k != "opinions"}
            for op in hit.get("opinions") or []:
                op_id = op.get("id") if isinstance(op, dict) else None
                if not isinstance(op_id, int):
                    continue
                url = opinion_url(self.api_base, op_id)
                found.append(Found(url, url, "opinion", data={"hit": meta}))
        nxt = page.get("next")
        if isinstance(nxt, str) and nxt:
            try:
                same_api = origin(nxt) == origin(self.api_base)
            except ValueError:
                found.append(Found(nxt, None, "search", "bad_url", f"'next' is not a usable URL: {nxt!r}"))
            else:
                if same_api:
                    found.append(Found(nxt, nxt, "search"))
                else:
                    found.append(Found(nxt, None, "search", "other_host",
                                       f"'next' leaves the API at {self.api_base}"))
        return Analysis(found=found, message=f"{len(page['results'])} results of {page.get('count')}")


class OpinionKind(Kind):
    name = "opinion"
    document = True
    robots = False
    accept = JSON_TYPES

    def __init__(self, api_base: str):
        self.home = trust_origin(api_base)

    def analyse(self, task: Task, exchange: Exchange) -> Analysis:
        opinion = _json(exchange)
        if not isinstance(opinion, dict):
            raise AnalysisError("bad_json", f"{exchange.url}: expected a JSON object")
        hit = task.data.get("hit") or {}
        merged = {**opinion, "search_hit": hit}
        body = json.dumps(merged, ensure_ascii=False).encode("utf-8")
        has_text = any(isinstance(opinion.get(f), str) and opinion[f].strip() for f in TEXT_FIELDS)
        fields = {"title": hit.get("caseName") or hit.get("caseNameFull"), "published": iso_date(hit.get("dateFiled"))}
        if fields["published"]:
            fields["published_from"] = "courtlistener"
        merged_id = f"<urn:uuid:{uuid.uuid4()}>"
        records = [
            ResponseSpec(exchange, warc_headers={SUPERSEDED_BY: merged_id}),  # the API's answer, as received
            ResourceSpec(exchange.url, body, "application/json", exchange.date,
                         {"WARC-Record-ID": merged_id,
                          "WARC-Gonerd-Merged": "the opinion JSON of the response it refers to, with the search hit "
                                                "it came from added under 'search_hit'"}),
        ]
        return Analysis(records=records, fields={k: v for k, v in fields.items() if v},
                        reason=None if has_text else "no_opinion_text",
                        message="" if has_text else "archived, but none of the text fields has text")
