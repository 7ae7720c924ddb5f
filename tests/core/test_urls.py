from gonerd.schema import document_id
from gonerd.urls import canonical_url, host_of


def test_canonical_url_keeps_the_query_but_not_trackers_or_fragments():
    assert canonical_url("https://N.example:443/view?story=101&utm_source=x#top") == "https://n.example/view?story=101"
    assert canonical_url("https://n.example/view?story=101") != canonical_url("https://n.example/view?story=102")
    assert document_id("https://n.example/view?story=101") != document_id("https://n.example/view?story=102")
    assert canonical_url("http://[broken/a") == "http://[broken/a"


def test_host_of():
    assert host_of("https://www.example.com/a") == "example.com"
    assert host_of("http://[broken/a") is None and host_of(None) is None
