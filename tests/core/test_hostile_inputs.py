"""Issue 9, items 1-2: inputs that are not plain files, or folders that cannot be read, are counted, named skips;
nothing hangs, nothing reads without bound, nothing vanishes silently."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus_factory import english_page

from gonerd.build import run_build
from gonerd.cli import main
from gonerd.config import BuildConfig
from gonerd.sources import discover_inputs, read_input


def build(inputs: list[Path], out: Path, **kw):
    config = BuildConfig(inputs=[str(p) for p in inputs], out=str(out), min_tokens=5, **kw)
    return run_build(config, echo=lambda _: None, progress=False)


def read_step(result):
    return next(s for s in result.steps if s.step == "read")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.html").write_text(english_page(1))
    return folder


# item 1 ---------------------------------------------------------------------------------------------------------

@pytest.mark.timeout(120)
def test_a_fifo_among_the_inputs_is_skipped_not_waited_for(inputs: Path, tmp_path: Path) -> None:
    os.mkfifo(inputs / "pipe.html")
    result = build([inputs], tmp_path / "ds")
    read = read_step(result)
    assert read.dropped == {"not_a_regular_file": 1}
    assert read.received == 2 and result.num_documents == 1
    assert leftovers(tmp_path) == []
    # given directly, to gonerd extract too
    out = CliRunner().invoke(main, ["extract", str(inputs / "pipe.html"), str(inputs / "good.html")])
    assert out.exit_code == 0, out.output
    rows = [json.loads(x) for x in out.output.splitlines() if x.startswith("{")]
    assert rows[0]["dropped"] == "not_a_regular_file" and "named pipe" in rows[0]["message"]
    assert "dropped" not in rows[1] and rows[1]["url"] == "https://herald.example.com/page-1"


@pytest.mark.timeout(120)
def test_a_link_to_a_device_is_skipped_and_reads_are_bounded(inputs: Path, tmp_path: Path) -> None:
    (inputs / "zero.html").symlink_to("/dev/zero")
    (inputs / "urandom.jsonl").symlink_to("/dev/urandom")
    result = build([inputs], tmp_path / "ds", max_input_bytes=100_000)
    assert read_step(result).dropped == {"not_a_regular_file": 2}
    # a regular file is read up to the limit only, whatever stat says
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"x" * 300_000 + b"</p>")
    assert [r.reason for r in read_input(str(big), max_bytes=100_000)] == ["too_large"]
    lines = tmp_path / "lines.jsonl"
    lines.write_bytes(b'{"text": "' + b"y" * 300_000 + b'"}\n{"text": "short one"}\n')
    out = list(read_input(str(lines), max_bytes=100_000))
    assert [getattr(r, "reason", "ok") for r in out] == ["too_large", "ok"]
    assert out[0].origin.endswith("lines.jsonl:1") and out[1].origin.endswith("lines.jsonl:2")


# item 2 ---------------------------------------------------------------------------------------------------------

def test_an_unlistable_folder_is_a_counted_named_skip(inputs: Path, tmp_path: Path, monkeypatch) -> None:
    locked = inputs / "locked"
    locked.mkdir()
    (locked / "hidden-from-us.html").write_text(english_page(2))
    locked.chmod(0)
    if os.geteuid() == 0:  # root lists anything: make scandir fail as it does for every other user
        real_scandir = os.scandir

        def scandir(path="."):
            if isinstance(path, (str, os.PathLike)) and Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        found = discover_inputs([inputs])
        assert [(r.reason, r.origin) for r in found.skipped] == [("unreadable_folder", str(locked))]
        assert "Permission denied" in found.skipped[0].message
        result = build([inputs], tmp_path / "ds")
        assert read_step(result).dropped == {"unreadable_folder": 1}
    finally:
        locked.chmod(0o755)


def test_symlinks_followed_loops_and_dangling_links_counted(inputs: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "linked.html").write_text(english_page(3))
    (inputs / "sub").symlink_to(elsewhere, target_is_directory=True)  # a folder link: followed
    (elsewhere / "back").symlink_to(inputs, target_is_directory=True)  # ... which links back: a loop
    (inputs / "self.html").symlink_to(inputs / "self.html")  # ELOOP
    (inputs / "gone.html").symlink_to(tmp_path / "deleted.html")  # dangling
    found = discover_inputs([inputs])
    assert [Path(f).name for f in found] == ["good.html", "linked.html"]
    assert sorted(r.reason for r in found.skipped) == ["dangling_symlink", "symlink_loop", "symlink_loop"]
    result = build([inputs], tmp_path / "ds")
    read = read_step(result)
    assert read.dropped == {"dangling_symlink": 1, "symlink_loop": 2} and result.num_documents == 2


def test_a_file_name_that_is_not_utf8_is_named_and_skipped(inputs: Path, tmp_path: Path) -> None:
    name = os.fsencode(inputs) + b"/caf\xe9.html"
    with open(name, "wb") as fh:
        fh.write(english_page(4).encode())
    found = discover_inputs([inputs])
    assert len(found) == 1 and [r.reason for r in found.skipped] == ["undecodable_file_name"]
    assert "caf\\xe9.html" in found.skipped[0].message
    result = build([inputs], tmp_path / "ds")
    assert read_step(result).dropped == {"undecodable_file_name": 1}


# item 12 --------------------------------------------------------------------------------------------------------

def test_html_nested_beyond_the_parser_limit_says_so(tmp_path: Path) -> None:
    from gonerd.extraction_preview import preview

    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 5000 + "<p>" + "Deep text about the harbour. " * 30 + "</p>"
                    + "</div>" * 5000 + "</body></html>")  # fmt: skip
    row = next(preview([str(deep)]))
    assert row["dropped"] == "nesting_too_deep" and row["step"] == "extract"
    assert "depth limit" in row["message"] and "256" in row["message"]
