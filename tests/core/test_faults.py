"""Issue 9, items 3-8: the build never destroys user files, one build writes a destination at a time, a killed
build leaves the previous dataset in place, and bad gold files, pipelines, settings and export folders are one
clear error before any work is done. No traceback shows local variables."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import datasets
import pytest
from click.testing import CliRunner

from gonerd.build import BuildError, prepare_demo, run_build
from gonerd.cli import main
from gonerd.config import BuildConfig
from gonerd.output import exchange_folders, replace_folder

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent


def build(corpus, out: Path, **kw):
    config = BuildConfig(inputs=corpus.inputs, out=str(out), gold=str(corpus.gold), min_tokens=20, **kw)
    return run_build(config, echo=lambda _: None, progress=False)


def leftovers(folder: Path, name: str = "ds") -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}."))


def ids(folder: Path) -> list[str]:
    ds = datasets.load_dataset(str(folder))
    return sorted(i for split in ds for i in ds[split]["id"])


def input_args(corpus) -> list[str]:
    return [arg for path in corpus.inputs for arg in ("--input", path)]


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


# item 3: nothing of the user's is deleted ------------------------------------------------------------------------

def test_a_gold_file_or_a_foreign_file_inside_out_is_refused(corpus, tmp_path: Path) -> None:
    out = tmp_path / "ds"
    build(corpus, out)
    gold_inside = out / "gold.jsonl"
    gold_inside.write_bytes(corpus.gold.read_bytes())
    config = BuildConfig(inputs=corpus.inputs, out=str(out), gold=str(gold_inside), min_tokens=20)
    with pytest.raises(BuildError, match=r"--gold file .*gold\.jsonl is inside --out"):
        run_build(config, echo=lambda _: None, progress=False)
    assert gold_inside.read_bytes() == corpus.gold.read_bytes()
    # any other file of the user's inside a dataset folder: refused too, the file kept
    with pytest.raises(BuildError, match=r"holds files gonerd build did not write \(gold\.jsonl\)"):
        build(corpus, out)
    assert gold_inside.exists()


def test_the_demo_never_deletes_user_files(tmp_path: Path) -> None:
    out = tmp_path / "build" / "gonerd"
    corpus = tmp_path / "build" / "demo-corpus"
    corpus.mkdir(parents=True)
    (corpus / "my-notes.txt").write_text("mine")
    with pytest.raises(BuildError, match="was not written by the demo renderer"):
        prepare_demo(BuildConfig(out=str(out)))
    assert (corpus / "my-notes.txt").read_text() == "mine"
    (corpus / "my-notes.txt").unlink()
    config = prepare_demo(BuildConfig(out=str(out)))  # an empty folder is fine; then it is ours
    assert Path(config.gold).is_file() and (corpus / ".gonerd-demo-corpus.json").is_file()
    prepare_demo(BuildConfig(out=str(out)))  # a second render over its own files is fine
    (corpus / "news" / "my-page.html").write_text("<p>mine</p>")
    with pytest.raises(BuildError, match=r"files the demo renderer did not write \(news/my-page\.html\)"):
        prepare_demo(BuildConfig(out=str(out)))
    assert (corpus / "news" / "my-page.html").exists()


# item 4: one build per destination ------------------------------------------------------------------------------

def test_a_second_build_into_the_same_out_is_refused(corpus, tmp_path: Path) -> None:
    out = tmp_path / "ds"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from gonerd.output import destination_lock\n"
         f"with destination_lock({str(out)!r}):\n    print('held', flush=True); time.sleep(120)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(BuildError, match="another gonerd build is writing"):
            build(corpus, out)
    finally:
        holder.kill()
        holder.wait()
    assert not out.exists()
    build(corpus, out)  # the lock of a killed holder is gone with it
    assert leftovers(tmp_path) == []


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_two_builds_racing_for_one_out(corpus, tmp_path: Path) -> None:
    out = tmp_path / "ds"
    script = (f"from gonerd.build import run_build; from gonerd.config import BuildConfig; "
              f"run_build(BuildConfig(inputs={corpus.inputs!r}, out={str(out)!r}, gold={str(corpus.gold)!r}, "
              f"min_tokens=20), echo=print, progress=False)")  # fmt: skip
    first = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, cwd=tmp_path)  # fmt: skip
    deadline = time.monotonic() + 120
    while not (tmp_path / ".ds.lock").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    command = [sys.executable, "-c", "from gonerd.cli import main; main()", "build", "--out", str(out), "--gold",
               str(corpus.gold), "--min-tokens", "20", *input_args(corpus)]
    second = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    output, _ = first.communicate(timeout=300)
    assert first.returncode == 0, output
    assert second.returncode == 1 and "Error: another gonerd build is writing" in second.stderr, second.stderr
    assert "Traceback" not in second.stderr
    assert ids(out) and leftovers(tmp_path) == []
    for _ in range(2):  # repeated replacement leaves nothing behind
        build(corpus, out)
    assert leftovers(tmp_path) == []


# item 5: a killed build leaves the previous dataset, and the next start cleans up --------------------------------

def test_replace_folder_exchanges_atomically(tmp_path: Path) -> None:
    old, new = tmp_path / "ds", tmp_path / ".ds.tmp-1"
    old.mkdir()
    (old / "old.txt").write_text("old")
    new.mkdir()
    (new / "new.txt").write_text("new")
    assert exchange_folders(new, old)  # both sides exist: swapped in one call (ext4, tmpfs, btrfs, xfs...)
    assert (old / "new.txt").exists() and (new / "old.txt").exists()
    exchange_folders(new, old)
    replace_folder(new, old)
    assert [p.name for p in old.iterdir()] == ["new.txt"] and not new.exists()


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_sigkill_during_a_build_keeps_the_old_dataset(corpus, tmp_path: Path) -> None:
    out = tmp_path / "ds"
    build(corpus, out)
    before = ids(out)
    script = (f"from gonerd.build import run_build; from gonerd.config import BuildConfig; "
              f"run_build(BuildConfig(inputs={corpus.inputs!r}, out={str(out)!r}, gold={str(corpus.gold)!r}, "
              f"min_tokens=20, seed=7), echo=print, progress=False)")  # fmt: skip
    victim = subprocess.Popen([sys.executable, "-c", script], cwd=tmp_path)
    deadline = time.monotonic() + 120
    while not any(p.name.startswith(".ds.tmp-") for p in tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.1)  # inside the stages (the staging folder lives for about a second on a fast machine)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=60)
    assert ids(out) == before  # the previous dataset, untouched
    assert any(n.startswith(".ds.tmp-") for n in leftovers(tmp_path))  # what the kill left
    messages = []
    config = BuildConfig(inputs=corpus.inputs, out=str(out), gold=str(corpus.gold), min_tokens=20, seed=7)
    run_build(config, echo=messages.append, progress=False)
    assert any("removed the unfinished .ds.tmp-" in m for m in messages), messages
    assert leftovers(tmp_path) == [] and sorted(ids(out)) == sorted(before)


def test_a_kill_between_the_two_renames_is_repaired_on_the_next_start(corpus, tmp_path: Path) -> None:
    """Without RENAME_EXCHANGE the swap is two renames; a kill between them leaves only `.ds.old-*`."""
    out = tmp_path / "ds"
    build(corpus, out)
    before = ids(out)
    os.rename(out, tmp_path / ".ds.old-1234abcd")  # the state a kill after the first rename leaves
    (tmp_path / ".ds.tmp-5678efab").mkdir()  # and the complete new folder that never got renamed
    bad_gold = tmp_path / "bad.jsonl"
    bad_gold.write_text('{"id": "x", "entities": [{"start": 0.9, "end": 3, "label": "PER", "text": "Ann"}]}\n')
    messages = []
    with pytest.raises(BuildError, match=r"bad\.jsonl:1"):  # the next build fails early: the old dataset is back
        run_build(BuildConfig(inputs=corpus.inputs, out=str(out), gold=str(bad_gold), min_tokens=20),
                  echo=messages.append, progress=False)  # fmt: skip
    assert any("restored the previous dataset from .ds.old-1234abcd" in m for m in messages), messages
    assert ids(out) == before and leftovers(tmp_path) == []


def test_the_fallback_swap_without_exchange(corpus, tmp_path: Path, monkeypatch) -> None:
    import gonerd.output

    monkeypatch.setattr(gonerd.output, "exchange_folders", lambda a, b: False)
    out = tmp_path / "ds"
    build(corpus, out)
    build(corpus, out, seed=5)
    assert ids(out) and leftovers(tmp_path) == []


# items 6-7: bad gold files, pipelines and settings fail before any stage, in one line ----------------------------

BAD_GOLD = [
    ('{"id": "a", "entities": [], "annotators": 5}', r"'annotators' must be a list of annotator names, not 5"),
    ('{"id": "a", "entities": [], "annotators": "alice"}', r"'annotators' must be a list .*not 'alice'"),
    ('{"id": "a", "entities": [{"start": Infinity, "end": 3, "label": "PER", "text": "Ann"}]}',
     r"not valid JSON \(Infinity is not a number JSON allows"),
    ('{"id": "a", "entities": [{"start": 0.9, "end": 3, "label": "PER", "text": "Ann"}]}',
     r"entity 0: 'start' must be a whole number, not 0\.9"),
    ('{"id": "a", "entities": [{"start": true, "end": 3, "label": "PER", "text": "Ann"}]}',
     r"entity 0: 'start' must be a whole number, not True"),
    ('{"id": "a", "entities": [{"start": 5, "end": 3, "label": "PER", "text": "Ann"}]}',
     r"entity 0: end 3 is not after start 5"),
    ('{"id": "a", "entities": [{"start": 0, "end": 3, "label": "PERSON", "text": "Ann"}]}',
     r"entity 0 has label 'PERSON'"),
    (b'{"id": "a", "entities": [], "note": "caf\xff"}', r"not UTF-8 \(byte 0xff at column 41\)"),
]


@pytest.mark.parametrize(("line", "message"), BAD_GOLD)
def test_a_bad_gold_line_is_one_error_with_file_and_line(corpus, tmp_path: Path, line, message) -> None:
    gold = tmp_path / "gold.jsonl"
    good = corpus.gold.read_bytes()
    gold.write_bytes(good + (line if isinstance(line, bytes) else line.encode()) + b"\n")
    n = good.count(b"\n") + 1
    code, output = cli("build", "--out", str(tmp_path / "ds"), "--gold", str(gold), "--min-tokens", "20",
                       *input_args(corpus))  # fmt: skip
    assert code == 1
    errors = [x for x in output.splitlines() if x.startswith("Error:")]
    assert len(errors) == 1 and f"gold.jsonl:{n}:" in errors[0], output
    assert re.search(message, errors[0]), errors[0]
    assert "Traceback" not in output and "[1/5]" not in output  # before any stage


def test_an_unloadable_silver_pipeline_fails_before_any_stage(corpus, tmp_path: Path) -> None:
    code, output = cli("build", "--out", str(tmp_path / "ds"), "--silver", "xx_no_such_pipeline", "--min-tokens", "20",
                       *input_args(corpus))  # fmt: skip
    assert code == 1 and "[1/5]" not in output and "Traceback" not in output
    assert "Error: cannot load the spaCy pipeline 'xx_no_such_pipeline'" in output
    code, output = cli("build", "--out", str(tmp_path / "ds"), "--tokenizer", "blank:zz_nope",
                       *input_args(corpus))  # fmt: skip
    assert code == 1 and "[1/5]" not in output and "Error:" in output and "blank:zz_nope" in output


def test_bad_settings_are_one_line(tmp_path: Path) -> None:
    for text, message in [("workers: two\n", "workers must be a whole number, not 'two'"),
                          ("extraction: {fats: true}\n", "extraction: unknown settings ['fats']"),
                          ("min_tokens: [1\n", "build.yaml:2:1: not valid YAML"),
                          ("min_tokens: 5\nmin_tokens: 6\n", "build.yaml:2: the setting 'min_tokens' is given twice"),
                          (b"name: caf\xe9\n", "build.yaml:1: not UTF-8 (byte 0xe9 at column 10)")]:  # fmt: skip
        config = tmp_path / "build.yaml"
        config.write_bytes(text if isinstance(text, bytes) else text.encode())
        code, output = cli("build", "--config", str(config))
        assert code == 1 and "Traceback" not in output, output
        assert f"Error: {message}" in output or (message in output and str(config) in output), output


# item 8: export on what is not a dataset -------------------------------------------------------------------------

def test_export_refuses_what_is_not_a_dataset(tmp_path: Path, monkeypatch) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, output = cli("export", str(empty), "--format", "jsonl", "--out", str(tmp_path / "x"))
    assert code == 1 and output.strip() == f"Error: {empty} is not a dataset written by gonerd build: it is empty"
    other = tmp_path / "other"
    (other / "data").mkdir(parents=True)
    datasets.Dataset.from_dict({"text": ["a", "b"]}).to_parquet(str(other / "data" / "train-00000-of-00001.parquet"))
    code, output = cli("export", str(other), "--format", "conll", "--out", str(tmp_path / "x"))
    assert code == 1 and output.strip().startswith(f"Error: {other / 'data' / 'train-00000-of-00001.parquet'}: not "
                                                   "a gonerd dataset file: it lacks the columns")
    assert "Traceback" not in output and "KeyError" not in output


def test_export_into_an_unwritable_folder_is_one_line(corpus, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "ds"
    build(corpus, out)
    parent = tmp_path / "read-only"
    parent.mkdir()
    parent.chmod(0o555)
    if os.geteuid() == 0:  # root writes anywhere: make mkdir fail as it does for every other user
        real_mkdir = Path.mkdir

        def mkdir(self, *args, **kwargs):
            if self.parent == parent:
                raise PermissionError(13, "Permission denied", str(self))
            return real_mkdir(self, *args, **kwargs)

        monkeypatch.setattr(Path, "mkdir", mkdir)
    try:
        code, output = cli("export", str(out), "--format", "jsonl", "--out", str(parent / "exports"))
    finally:
        parent.chmod(0o755)
    assert code == 1 and "Traceback" not in output
    assert output.strip() == f"Error: cannot create the output folder {parent / 'exports'} (Permission denied)"


# never local variables in a traceback ---------------------------------------------------------------------------

SECRET = "TOP-SECRET-TEXT-4242"


@pytest.mark.parametrize("verbosity", [[], ["-vv"]])
def test_a_crashing_step_shows_no_local_variables(corpus, tmp_path: Path, verbosity: list[str]) -> None:
    """A bug in a step: a traceback may be shown (with -vv), but no frame's variables, on the terminal or in the
    task log files datatrove writes."""
    plugin = tmp_path / "crash_plugin.py"
    plugin.write_text(
        "from gonerd.steps.normalize import NormalizeText\n"
        "def process(self, doc):\n"
        f"    private_document_text = {SECRET!r} + doc.text\n"
        "    raise RuntimeError('a bug in the normalise step')\n"
        "NormalizeText.process = process\n"
    )
    work = tmp_path / "work"
    args = [*verbosity, "build", "--out", str(tmp_path / "ds"), "--gold", str(corpus.gold), "--min-tokens", "20",
            *input_args(corpus)]  # fmt: skip
    code = f"import crash_plugin; from gonerd.cli import main; main({args!r})"
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    config = tmp_path / "build.yaml"
    config.write_text(f"work_dir: {work}\n")
    done = subprocess.run([sys.executable, "-c", code.replace("'build',", f"'build', '--config', {str(config)!r},")],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)  # fmt: skip
    assert done.returncode != 0
    assert "a bug in the normalise step" in done.stderr
    assert SECRET not in done.stdout + done.stderr
    if verbosity:  # at debug verbosity the traceback is shown, still without variables
        assert "Traceback" in done.stderr
    logs = list(work.rglob("*.log"))
    assert logs and any("a bug in the normalise step" in p.read_text() for p in logs)
    assert not any(SECRET in p.read_text() for p in logs)
