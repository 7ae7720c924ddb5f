"""gonerd.urls is the one owner of URL normalisation: ids, gold matching, readers and the scraper use it."""

import ast
from pathlib import Path

from gonerd.schema import document_id
from gonerd.urls import host_of, normalize_given_url, normalize_url

GONERD = Path(__file__).resolve().parents[2] / "gonerd"


def test_normalize_url_keeps_the_query_but_not_trackers_fragments_or_credentials():
    assert normalize_url("https://N.example:443/view?story=101&utm_source=x#top") == "https://n.example/view?story=101"
    assert normalize_url("https://n.example/view?story=101") != normalize_url("https://n.example/view?story=102")
    assert document_id("https://n.example/view?story=101") != document_id("https://n.example/view?story=102")
    assert normalize_url("HTTP://user:secret@N.Example:80/a#frag") == "http://n.example/a"
    assert normalize_url("http://[broken/a") == "http://[broken/a"
    assert normalize_url("  https://n.example/b?z=1&a=2  ") == "https://n.example/b?a=2&z=1"


def test_normalize_given_url_keeps_the_parameters_as_given():
    assert normalize_given_url("HTTPS://Court.Example:8443/op?source=x&docket=12#p") == (
        "https://court.example:8443/op?source=x&docket=12"
    )
    assert normalize_given_url("https://me:pw@court.example") == "https://court.example/"


def test_host_of():
    assert host_of("https://www.example.com/a") == "example.com"
    assert host_of("http://[broken/a") is None and host_of(None) is None


def test_no_other_module_normalises_urls_itself():
    """courlan's normaliser and urldefrag are called from gonerd/urls.py only (issue 8: one owner)."""
    offenders = []
    for path in GONERD.rglob("*.py"):
        if path.name == "urls.py" and path.parent == GONERD:
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in ("courlan", "courlan.urlutils") and any(
                alias.name in ("normalize_url",) for alias in node.names
            ):
                offenders.append(f"{path.relative_to(GONERD)} imports courlan.normalize_url")
            if isinstance(node, ast.Name) and node.id == "urldefrag":
                offenders.append(f"{path.relative_to(GONERD)} uses urldefrag")
    assert offenders == []
