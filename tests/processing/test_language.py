"""The language identifier loads py3langid's model from an unpacked copy in gonerd's cache: same answers as
py3langid's own loader, written once, and never in the way (a damaged or unwritable cache falls back)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gonerd.processing import language

SAMPLES = [
    "The harbour council met on Tuesday to discuss the new ferry timetable.",
    "Das Schaf in der Standardausführung ist weiß und wiegt rund sechzig Kilogramm.",
    "La ministra anunció el martes un nuevo plan para los puertos del norte.",
    "Rosjanie sugerują natychmiastowe odcięcie Polski od gazu.",
    "東京都は火曜日に新しい計画を発表した。",
]


@pytest.fixture
def fresh(monkeypatch, tmp_path: Path) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("GONERD_CACHE", str(cache))
    language.language_identifier.cache_clear()
    yield cache
    language.language_identifier.cache_clear()


def test_the_cached_model_answers_as_py3langid_does(fresh: Path) -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ours = language.language_identifier()
    assert [p.name.startswith("py3langid-") for p in fresh.iterdir()] == [True]
    for text in SAMPLES:
        assert ours.classify(text) == reference.classify(text)


def test_the_unpacked_model_is_written_once(fresh: Path) -> None:
    language.language_identifier()
    (cached,) = fresh.iterdir()
    stamp = cached.stat().st_mtime_ns
    language.language_identifier.cache_clear()
    language.language_identifier()
    assert list(fresh.iterdir()) == [cached] and cached.stat().st_mtime_ns == stamp


def test_a_damaged_cache_file_is_replaced_and_the_answers_stay(fresh: Path) -> None:
    language.language_identifier()
    (cached,) = fresh.iterdir()
    cached.write_bytes(b"not an npz")
    language.language_identifier.cache_clear()
    assert language.language_identifier().classify(SAMPLES[1])[0] == "de"
    assert not cached.exists()  # removed: the next process unpacks the model again
    language.language_identifier.cache_clear()
    language.language_identifier()
    assert cached.is_file() and cached.stat().st_size > 1_000_000


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_unwritable_cache_falls_back_to_py3langid(monkeypatch, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    monkeypatch.setenv("GONERD_CACHE", str(locked / "gonerd"))
    language.language_identifier.cache_clear()
    try:
        assert language.language_identifier().classify(SAMPLES[0])[0] == "en"
        assert not (locked / "gonerd").exists()
    finally:
        language.language_identifier.cache_clear()
        locked.chmod(0o700)


def test_an_unwritable_cache_falls_back_also_for_root(tmp_path: Path) -> None:
    """A cache path below a regular file can be written by nobody, root included."""
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    script = ("from gonerd.processing.language import language_identifier\n"
              "print(language_identifier().classify('The council met on Tuesday to discuss the timetable.')[0])")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "GONERD_CACHE": str(blocker / "cache")})
    assert done.returncode == 0 and done.stdout.strip() == "en", done.stderr
