"""Which file is which split: ``path`` may be one file, a folder of split files, or a ``{split: file}`` mapping."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from os import PathLike
from pathlib import Path

from loaders.errors import LoaderError
from loaders.report import LoadReport

PathArg = str | PathLike | Mapping[str, "str | PathLike"]

# name parts (split on non-alphanumerics) -> split; checked in this order, so "testa" wins over "test"
SPLIT_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("train", frozenset({"train", "training"})),
    ("validation", frozenset({"dev", "valid", "validation", "val", "testa"})),
    ("test", frozenset({"test", "testb"})),
)


def ordered(files: dict[str, Path]) -> dict[str, Path]:
    """Splits in the usual order (train, validation, test), others after them by name."""
    rank = {split: i for i, (split, _) in enumerate(SPLIT_WORDS)}
    return dict(sorted(files.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0])))


def split_of(name: str) -> str | None:
    """The split a file name stands for (``eng.testa`` -> validation, ``dev-v1.1.json`` -> validation), or None."""
    parts = {p.lower() for p in re.split(r"[^A-Za-z0-9]+", name) if p}
    for split, words in SPLIT_WORDS:
        if parts & words:
            return split
    return None


def resolve_split_files(
    path: PathArg,
    *,
    report: LoadReport,
    accept: Callable[[Path], bool] = lambda p: True,
) -> dict[str, Path]:
    """Map splits to files.

    - a mapping is taken as given (every file must exist);
    - a file is one split named after it (``train`` when its name says nothing, like ``load_dataset("json")``);
    - a folder: every accepted file whose name gives a split; files that give none are listed in the report as
      ``file_ignored``, and two files for one split are an error.
    """
    if isinstance(path, Mapping):
        files = {str(split): Path(p) for split, p in path.items()}
        for split, file in files.items():
            if not file.is_file():
                problem = "not a regular file" if file.exists() else "no such file"
                raise LoaderError(f"{file}: {problem} (split {split!r})")
        return ordered(files)
    path = Path(path)
    if path.is_file():
        return {split_of(path.name) or "train": path}
    if not path.is_dir():
        problem = "not a regular file or a folder" if path.exists() else "no such file or folder"
        raise LoaderError(f"{path}: {problem}")
    try:
        listed = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
    except OSError as exc:
        raise LoaderError(f"{path}: cannot list the folder ({exc.strerror or exc})") from None
    files: dict[str, Path] = {}
    for file in listed:
        if not accept(file):
            continue
        split = split_of(file.name)
        if split is None:
            report.note("-", "file_ignored", str(file), "its name does not say which split it is")
            continue
        if split in files:
            raise LoaderError(
                f"{path}: both {files[split].name} and {file.name} look like the {split} split; "
                f"pass path={{'{split}': ...}} to choose"
            )
        files[split] = file
    if not files:
        raise LoaderError(f"{path}: no split files found (names must contain train/dev/valid/test)")
    return ordered(files)
