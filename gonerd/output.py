"""Writing a built dataset as a Hugging Face dataset repository folder.

Layout: ``data/<split>-<shard>-of-<shards>.parquet`` plus ``README.md`` (YAML ``configs`` and ``dataset_info``,
then the card) and ``build_report.json`` (configuration and accounting). ``datasets.load_dataset(folder)`` reads
it like a Hub dataset. Folders are written next to their destination and renamed into place, so a failed build
never leaves a half-written dataset and the previous one survives until the new one is complete.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from gonerd.schema import NER_TAGS, SPLITS, arrow_schema, encode_row, features_yaml

ROWS_PER_SHARD = 5_000


def iso_date(value: object) -> str | None:
    """``YYYY-MM-DD`` from an ISO date/datetime string (``Z`` suffix allowed); anything else is ``None``."""
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    text = str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            return None


def validate_row(row: dict) -> None:
    """The invariants every stored row satisfies; a violation is a bug, so it raises."""
    where = f"document {row['id']}"
    if len(row["tokens"]) != len(row["ner_tags"]) or len(row["tokens"]) != len(row["token_offsets"]):
        raise AssertionError(f"{where}: tokens, offsets and tags differ in length")
    if row["num_tokens"] != len(row["tokens"]):
        raise AssertionError(f"{where}: num_tokens != len(tokens)")
    text = row["text"]
    for tok, off in zip(row["tokens"], row["token_offsets"]):
        if text[off["start"] : off["end"]] != tok:
            raise AssertionError(f"{where}: token {tok!r} is not at {off}")
    for ent in row["entities"]:
        if text[ent["start"] : ent["end"]] != ent["text"]:
            raise AssertionError(f"{where}: entity {ent} does not match the text")
    for tag in row["ner_tags"]:
        if tag not in NER_TAGS:
            raise AssertionError(f"{where}: unknown tag {tag!r}")


def write_split_parquet(rows: list[dict], data_dir: Path, split: str) -> list[Path]:
    """Write ``rows`` (schema rows, tags as names) as parquet shards; return the files. Written with pyarrow and
    the schema rendered from :data:`gonerd.schema.COLUMNS` (class labels as ids, datasets' features in the schema
    metadata), exactly as ``datasets.Dataset.to_parquet`` writes them, without importing datasets."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from gonerd.lean_imports import hidden

    schema = arrow_schema()
    shards = max(1, -(-len(rows) // ROWS_PER_SHARD))
    paths = []
    for i in range(shards):
        chunk = [encode_row(row) for row in rows[i * ROWS_PER_SHARD : (i + 1) * ROWS_PER_SHARD]]
        path = data_dir / f"{split}-{i:05d}-of-{shards:05d}.parquet"
        with hidden("pandas"):  # pyarrow probes for pandas when it builds arrays: writing never needs it
            pq.write_table(pa.Table.from_pylist(chunk, schema=schema), str(path))
        paths.append(path)
    return paths


def readme_yaml(
    split_sizes: dict[str, int], split_bytes: dict[str, int], pretty_name: str, languages: list[str]
) -> dict:
    """The YAML header: ``configs`` (which files make which split) and ``dataset_info`` (features, sizes)."""
    splits = [s for s in SPLITS if s in split_sizes]
    return {
        "pretty_name": pretty_name,
        "language": list(languages),
        "task_categories": ["token-classification"],
        "task_ids": ["named-entity-recognition"],
        "configs": [
            {
                "config_name": "default",
                "data_files": [{"split": s, "path": f"data/{s}-*.parquet"} for s in splits],
            }
        ],
        "dataset_info": {
            "features": features_yaml(),
            "splits": [
                {"name": s, "num_bytes": split_bytes.get(s, 0), "num_examples": split_sizes[s]} for s in splits
            ],
            "dataset_size": sum(split_bytes.values()),
        },
    }


def write_readme(folder: Path, header: dict, body: str) -> None:
    import yaml

    text = "---\n" + yaml.safe_dump(header, sort_keys=False, allow_unicode=True) + "---\n\n" + body
    (folder / "README.md").write_text(text, encoding="utf-8")


class DestinationBusy(RuntimeError):
    """Another process is writing the same destination folder."""


def _siblings(destination: Path, kind: str) -> list[Path]:
    return sorted(destination.parent.glob(f".{destination.name}.{kind}-*"))


@contextmanager
def destination_lock(destination: str | Path) -> Iterator[Path]:
    """Hold an exclusive lock on ``destination`` (a ``.<name>.lock`` file beside it) for a whole build: a second
    build into the same folder is refused at once instead of racing the first one's folder swap.

    A POSIX record lock (``lockf``), not ``flock``: it belongs to this process only, so worker and sandbox processes
    forked during the build do not keep it alive after a SIGKILL of the build."""
    import fcntl

    destination = Path(destination).resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    lock_path = destination.parent / f".{destination.name}.lock"
    while True:
        handle = open(lock_path, "a")  # noqa: SIM115 - closed below, after the lock file is removed
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise DestinationBusy(f"another gonerd build is writing {destination} (lock {lock_path})") from None
        try:  # the holder before us may have removed the file after we opened it: lock the current file
            if os.fstat(handle.fileno()).st_ino == os.stat(lock_path).st_ino:
                break
        except FileNotFoundError:
            pass
        handle.close()
    try:
        yield destination
    finally:
        lock_path.unlink(missing_ok=True)  # removed while still held: a newcomer's check above sees it
        handle.close()


def recover_destination(destination: str | Path) -> list[str]:
    """Undo what a killed build left beside ``destination`` (call it holding :func:`destination_lock`): a staging
    folder (``.<name>.tmp-*``) is removed; a previous dataset moved aside (``.<name>.old-*``) is put back when the
    destination is missing (a kill between the two renames of a swap without ``RENAME_EXCHANGE``), else removed.
    Returns what was done, for the log."""
    destination = Path(destination).resolve()
    done = []
    for staging in _siblings(destination, "tmp"):
        shutil.rmtree(staging, ignore_errors=True)
        done.append(f"removed the unfinished {staging.name}")
    for old in reversed(_siblings(destination, "old")):
        if not destination.exists():
            os.rename(old, destination)
            done.append(f"restored the previous dataset from {old.name}")
        else:
            shutil.rmtree(old, ignore_errors=True)
            done.append(f"removed {old.name}")
    return done


@contextmanager
def staged_folder(destination: str | Path) -> Iterator[Path]:
    """A fresh folder beside ``destination`` that replaces it when the block succeeds and vanishes when it fails
    (a SIGKILL leaves it behind: :func:`recover_destination` removes it on the next start)."""
    destination = Path(destination).resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = destination.parent / f".{destination.name}.tmp-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    replace_folder(staging, destination)


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def exchange_folders(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic ``renameat2(RENAME_EXCHANGE)`` call; False where the OS or file system does
    not offer it (the caller falls back to two renames)."""
    import ctypes
    import errno

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def replace_folder(new: Path, destination: Path) -> None:
    """Put ``new`` in place of ``destination``, atomically: an existing destination is exchanged with ``new`` in
    one system call (then removed from where ``new`` was). Without ``RENAME_EXCHANGE`` the old folder is moved
    aside first; a kill between the two renames is repaired by :func:`recover_destination` on the next start."""
    if not destination.exists():
        os.rename(new, destination)
        return
    if exchange_folders(new, destination):
        shutil.rmtree(new, ignore_errors=True)  # holds the previous dataset now
        return
    old = destination.parent / f".{destination.name}.old-{uuid.uuid4().hex[:8]}"
    os.rename(destination, old)
    try:
        os.rename(new, destination)
    except BaseException:
        os.rename(old, destination)
        raise
    shutil.rmtree(old, ignore_errors=True)
