"""Issue 8's defects, each reproduced on small pages written here and run through the build's own steps
(``gonerd extract`` runs the read → extract → identify → normalise → source steps of the build)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gonerd.build import run_build
from gonerd.cli import main
from gonerd.config import BuildConfig
from gonerd.extraction_preview import preview

GERMAN = (
    "Das Schaf in der Standardausführung ist weiß und wiegt rund sechzig Kilogramm. Die Größe der Herde hängt von "
    "der Weide ab, und über den Winter frisst es Heu. Schäfer Jürgen Müller aus Köln erklärt, dass die Tiere "
    "ruhig und gesellig sind und dass man sie täglich zählen muss, weil ein einzelnes Schaf schnell verloren geht."
)
ENGLISH = (
    "The harbour council met on Tuesday to discuss the new ferry timetable, which residents of the northern "
    "districts had criticised for months. Officials said that the changes would take effect in the spring and "
    "that the budget for the extra crossings had been approved by a large majority of the members present."
)


def page(body_paragraphs: list[str], *, head: str = "", tail: str = "</body></html>") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in body_paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>A page</title>{head}</head><body>"
            f"<main><article><h1>A page</h1>\n{body}\n</article></main>\n{tail}")  # fmt: skip


def rows(*paths: Path) -> dict[str, dict]:
    """``gonerd extract``'s rows by file name (plus ``#index`` for items of a JSON list)."""
    out = preview([str(p) for p in paths])
    return {Path(r["path"]).name + r["origin"].removeprefix(r["path"]): r for r in out}


def build(inputs: list[Path], out: Path, **kw):
    config = BuildConfig(inputs=[str(p) for p in inputs], out=str(out), min_tokens=5, languages=["en", "de"], **kw)
    return run_build(config, echo=lambda _: None, progress=False)


# defect 1: mojibake ---------------------------------------------------------------------------------------------

def test_utf8_page_with_a_stray_byte_keeps_its_characters(tmp_path: Path) -> None:
    html = page([GERMAN, GERMAN.replace("Schaf", "Lamm")], tail="<script>/* M\x00scot */</script></body></html>")
    raw = html.encode().replace(b"\x00", b"\xe4")  # one Latin-1 byte in a UTF-8 page
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "schafe.html").write_bytes(raw)
    row = rows(tmp_path / "in" / "schafe.html")["schafe.html"]
    assert "Standardausführung ist weiß" in row["text"] and "Jürgen Müller aus Köln" in row["text"]
    assert not any(bad in row["text"] for bad in ("Ã", "Ă", "\ufffd"))
    result = build([tmp_path / "in"], tmp_path / "ds")
    read = next(s for s in result.steps if s.step == "read")
    assert read.extra["utf8_repaired"] == 1 and read.extra["utf8_bytes_repaired"] == 1
    assert not any(k.startswith("decoded_") for k in read.extra)


# defect 2: complete pages are not truncated ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "tail",
    [
        "",  # no </body>, no </html>: both are optional in HTML
        "<script>var x = 1;</script>\n",
        "</div>\n<!-- page cached at 2021-03-04 12:00:01 by the CMS -->",
        "<footer><p>Contact</footer>",
    ],
)
def test_complete_pages_without_closing_tags_are_kept(tmp_path: Path, tail: str) -> None:
    (tmp_path / "complete.html").write_text(page([ENGLISH, ENGLISH[::-1]], tail=tail))
    row = rows(tmp_path / "complete.html")["complete.html"]
    assert "dropped" not in row, row
    assert row["text"].startswith("The harbour council met")


@pytest.mark.parametrize(
    ("cut", "why"),
    [
        ("<div><div><div><p>The harbour council met on Tues", "middle of text"),
        ("<div><div><div><p>Text.</p><img src=\"a.jpg\" alt=\"A pho", "inside a tag"),
        ("<p>Text.</p><!-- a comment that never", "inside a comment"),
        ("<p>Text.</p><script>var a = {b: 1, c: [", "script"),
        ("<div class=a><section><div class=b><p>Text.</p>", "elements still open"),
    ],
)
def test_truncated_pages_are_dropped_with_the_evidence(tmp_path: Path, cut: str, why: str) -> None:
    head = page([ENGLISH], tail="").split("</article>")[0]
    (tmp_path / "cut.html").write_text(head + "</article>" + cut)
    row = rows(tmp_path / "cut.html")["cut.html"]
    assert row["dropped"] == "truncated_html" and why in row["message"]


# defect 3: a few NUL bytes do not make a page binary ------------------------------------------------------------

def test_page_with_stray_nul_bytes_is_kept_and_counted(tmp_path: Path) -> None:
    html = page([ENGLISH] * 30 + [GERMAN] * 3)
    raw = bytearray(html.encode())
    positions = range(len(raw) // 30, len(raw), len(raw) // 30)[:22]
    for i in positions:
        raw[i] = 0
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "nul.html").write_bytes(bytes(raw))
    row = rows(tmp_path / "in" / "nul.html")["nul.html"]
    assert "dropped" not in row and "\x00" not in row["text"]
    result = build([tmp_path / "in"], tmp_path / "ds")
    read = next(s for s in result.steps if s.step == "read")
    assert read.extra["nul_stripped"] == 1 and not read.dropped


# defect 6: one extraction sandbox per `gonerd extract`, rows in the order given ---------------------------------

def test_extract_uses_one_sandbox_and_keeps_the_order(tmp_path: Path, monkeypatch) -> None:
    import datatrove.pipeline.extractors.base as extractor_base

    started = []

    class CountingProcess(extractor_base.Process):
        def start(self):
            started.append(self)
            super().start()

    monkeypatch.setattr(extractor_base, "Process", CountingProcess)
    names = ["c.html", "a.html", "d.txt", "b.html"]
    for i, name in enumerate(names):
        text = page([f"Page {i}. {ENGLISH}"]) if name.endswith(".html") else f"Plain text {i}. {ENGLISH}"
        (tmp_path / name).write_text(text)
    (tmp_path / "e.html").write_text("")
    order = [*names[:2], "e.html", *names[2:]]
    out = list(preview([str(tmp_path / n) for n in order]))
    assert [Path(r["path"]).name for r in out] == order
    assert out[2]["dropped"] == "empty_input" and out[2]["step"] == "read"
    assert len(started) == 1


# defect 7: .json files are documents, or counted drops ----------------------------------------------------------

def test_json_files_are_read_as_documents(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"text": ENGLISH, "url": "https://n.example/one", "title": "One"}))
    (tmp_path / "many.json").write_text(json.dumps([{"text": ENGLISH + " Two."}, {"html": page([ENGLISH + " 3"])}]))
    (tmp_path / "broken.json").write_text('{"text": "no end')
    (tmp_path / "number.json").write_text("42")
    (tmp_path / "empty-list.json").write_text("[]")
    out = rows(*sorted(tmp_path.iterdir()))
    assert out["one.json"]["url"] == "https://n.example/one" and out["one.json"]["text"] == ENGLISH
    assert out["many.json#0"]["text"] == ENGLISH + " Two."
    assert out["many.json#1"]["text"].startswith("The harbour council") and "{" not in out["many.json#1"]["text"]
    assert out["broken.json"]["dropped"] == "bad_json" and "not valid JSON" in out["broken.json"]["message"]
    assert out["number.json"]["dropped"] == "bad_json" and "int" in out["number.json"]["message"]
    assert out["empty-list.json"]["dropped"] == "empty_input"


# defect 8: the console shows what happened to the gold entities --------------------------------------------------

def test_build_console_shows_the_entity_accounting(corpus, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    lines = corpus.gold.read_text().splitlines()
    first = json.loads(lines[0])
    for entity in first["entities"][:3]:  # offsets moved: these are re-anchored
        entity["start"] += 1
        entity["end"] += 1
    first["entities"][3]["text"] = "Nowhere Person"  # text gone: dropped
    gold.write_text("\n".join([json.dumps(first), *lines[1:]]) + "\n")
    args = ["build", "--out", str(tmp_path / "ds"), "--gold", str(gold), "--min-tokens", "20"]
    for path in corpus.inputs:
        args += ["--input", path]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("entities ("))
    assert "gold on 13 documents" in line
    assert "3 re-anchored" in line and "1 dropped (text not found)" in line and "matched exactly" in line
