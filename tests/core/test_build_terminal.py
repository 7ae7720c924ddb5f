"""What `gonerd build` prints while it runs: drops that point at a problem are warnings on the terminal; the
filters' ordinary work (another language, a duplicate, too few tokens) goes to the task logs, and to the terminal
with ``-v``. Every drop is in the accounting table either way."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from corpus_factory import FILLER, paragraphs

GERMAN = ("Die Bundesregierung hat am Mittwoch in Berlin neue Regeln für den Wohnungsbau beschlossen. Die Länder "
          "sollen mehr Geld für den sozialen Wohnungsbau bekommen, sagte die Ministerin nach der Sitzung. ") * 4


def _inputs(folder: Path) -> list[str]:
    folder.mkdir()
    english = {"url": "https://t.example/a", "source_type": "news", "text": f"First story. {FILLER}"}
    rows = [english, {**english, "url": "https://t.example/copy"},  # the same text again: an exact duplicate
            {"url": "https://t.example/b", "source_type": "news", "text": " ".join(t for t, _ in paragraphs(5))},
            {"url": "https://t.example/de", "source_type": "news", "text": GERMAN}]
    (folder / "docs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    # a page that ends inside a tag: cut off, which is worth a warning
    (folder / "cut.html").write_text(f"<html><body><p>{FILLER}</p><p>More of the story <a hr")
    return [str(folder / "docs.jsonl"), str(folder / "cut.html")]


def _build(tmp_path: Path, name: str, *flags: str) -> subprocess.CompletedProcess:
    args = [sys.executable, "-c", "from gonerd.cli import main; main()", *flags, "build", "--out", str(tmp_path / name),
            "--min-tokens", "5", "--keep-work"]
    for path in _inputs(tmp_path / f"in-{name}"):
        args += ["--input", path]
    done = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done


def test_terminal_warns_of_problems_and_leaves_filtering_to_the_logs(tmp_path):
    done = _build(tmp_path, "quiet")
    terminal = done.stdout + done.stderr
    assert "dropped (truncated_html)" in terminal and "cut.html" in terminal
    assert "dropped (language_de)" not in terminal and "dropped (exact_duplicate)" not in terminal
    # the accounting table still counts them
    report = json.loads((tmp_path / "quiet" / "build_report.json").read_text())
    steps = {s["step"]: s for s in report["steps"]}
    assert steps["language"]["dropped"] == {"language_de": 1}
    assert steps["dedup"]["dropped"] == {"exact_duplicate": 1}
    assert steps["extract"]["dropped"] == {"truncated_html": 1}
    # and the task logs name each dropped document
    logs = "".join(p.read_text() for p in (tmp_path / ".gonerd-work").glob("**/logs/*/logs/task_*.log"))
    assert "dropped (language_de): " in logs and "docs.jsonl" in logs
    assert "dropped (exact_duplicate): " in logs and "duplicates" in logs


def test_verbose_shows_the_filters_drops(tmp_path):
    done = _build(tmp_path, "loud", "-v")
    terminal = done.stdout + done.stderr
    assert "dropped (language_de)" in terminal and "dropped (exact_duplicate)" in terminal
