"""`gonerd publish`: a built dataset folder to a Hugging Face Hub dataset repository, in one commit.

The repository is assembled first (``data/`` parquet shards, ``README.md`` regenerated with the repo id in its
usage snippet and its ``configs``/``dataset_info`` kept, ``stats/`` recomputed on those files, ``agreement.json``
when there is one, and ``build_report.json`` without local paths), then either written to a folder
(``--dry-run DIR``: exactly what would be uploaded) or uploaded with one ``HfApi.create_commit`` holding every file,
plus deletions of files under ``data/`` and ``stats/`` the new version no longer has (stale shards would otherwise
join the splits).

Never ``push_to_hub`` followed by a card upload: that order overwrites the ``configs``/``dataset_info`` the card
needs. The token comes from ``HF_TOKEN`` or the stored login (``huggingface_hub.get_token``); it is never printed
or logged, and error messages are scrubbed of it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from gonerd.errors import UserError

logger = logging.getLogger("gonerd.publish")

REPO_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*$")
MANAGED_FOLDERS = ("data/", "stats/")  # remote files under these that the new version lacks are deleted
PATH_KEYS = ("inputs", "out", "gold", "work_dir")


class PublishError(UserError, RuntimeError):
    """A publishing failure; its message never contains the token."""


@dataclass
class Published:
    repo_id: str
    files: list[str]
    deleted: list[str]
    commit_url: str | None = None  # None for a dry run
    folder: Path | None = None  # the dry-run folder


def check_repo_id(repo_id: str) -> str:
    if not REPO_ID.match(repo_id or ""):
        raise PublishError(f"--repo-id {repo_id!r} is not ORG/NAME")
    return repo_id


def check_folder(folder: str | Path) -> dict:
    """The card metadata of a folder written by `gonerd build` (a card with configs, a build report), or a
    PublishError naming the folder."""
    from gonerd.card import CardError, read_card

    folder = Path(folder)
    try:
        header, _ = read_card(folder / "README.md")
    except CardError as exc:
        raise PublishError(str(exc)) from None
    if not (folder / "build_report.json").is_file() or not header.get("configs"):
        raise PublishError(f"{folder}: not a dataset folder written by gonerd build (build_report.json and a card "
                           "with configs are needed)")
    return header


def sanitize_report(report: dict) -> dict:
    """The build report without local paths: file and folder settings keep their last component only."""
    config = dict(report.get("config", {}))
    for key in PATH_KEYS:
        value = config.get(key)
        if isinstance(value, list):
            config[key] = [Path(v).name for v in value]
        elif isinstance(value, str) and value:
            config[key] = Path(value).name
    out = {**report, "config": config}
    if "gold_records_unused" in out:
        out["gold_records_unused"] = [Path(r).name for r in out["gold_records_unused"]]
    return out


def assemble(folder: str | Path, staging: Path, *, repo_id: str, license: str | None = None,
             tokenizer: str | None = None) -> list[str]:
    """Write the repository to upload into ``staging``; returns its files (POSIX paths, sorted)."""
    from gonerd.card import STATS_DIR, CardError, write_card
    from gonerd.stats.sources import built_data_files

    folder = Path(folder)
    check_folder(folder)
    files = built_data_files(folder) or {}
    for paths in files.values():
        for path in paths:
            target = staging / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(path, target)
    shutil.copy2(folder / "README.md", staging / "README.md")
    shutil.copy2(folder / "build_report.json", staging / "build_report.json")
    for extra in ("agreement.json",):
        if (folder / extra).is_file():
            shutil.copy2(folder / extra, staging / extra)
    # statistics computed afresh on the files being published, named after the repository (a local stats folder
    # names the dataset by its local path); the tokenizer of the local statistics is used again when none is given
    from gonerd import stats

    previous = folder / STATS_DIR / "stats.json"
    if tokenizer is None and previous.is_file():
        tokenizer = json.loads(previous.read_text(encoding="utf-8")).get("length_unit", {}).get("requested")
    report, lengths = stats.compute([str(staging)], tokenizer=tokenizer, names=[repo_id])
    unit = report["length_unit"]
    local = unit.get("requested")
    if local and Path(local).exists():  # a local tokenizer path: its name is enough
        unit["requested"] = unit["name"]
        unit["note"] = unit["note"] and unit["note"].replace(local, unit["name"])
    stats.write(report, lengths, staging / STATS_DIR)
    try:
        write_card(staging, repo_id=repo_id, license=license)
    except CardError as exc:
        raise PublishError(str(exc)) from exc
    report = json.loads((staging / "build_report.json").read_text(encoding="utf-8"))
    (staging / "build_report.json").write_text(json.dumps(sanitize_report(report), indent=2), encoding="utf-8")
    return sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def dry_run(folder: str | Path, out: str | Path, *, repo_id: str, license: str | None = None,
            tokenizer: str | None = None) -> Published:
    """Write exactly the repository that would be uploaded into ``out`` (replaced atomically)."""
    from gonerd.output import staged_folder

    check_repo_id(repo_id)
    check_folder(folder)
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not (out / "README.md").is_file():
        raise PublishError(f"{out} exists and is not an earlier dry run (no README.md): choose another --dry-run")
    with staged_folder(out) as staging:
        files = assemble(folder, staging, repo_id=repo_id, license=license, tokenizer=tokenizer)
    return Published(repo_id, files, [], folder=out)


def scrub(text: str, token: str | None) -> str:
    return text.replace(token, "***") if token else text


def upload(folder: str | Path, *, repo_id: str, private: bool = False, revision: str | None = None,
           license: str | None = None, tokenizer: str | None = None, message: str | None = None,
           endpoint: str | None = None) -> Published:
    """Create the repository if needed and upload everything in one commit."""
    from huggingface_hub import CommitOperationAdd, CommitOperationDelete, HfApi, get_token

    check_repo_id(repo_id)
    check_folder(folder)  # the local checks first: a wrong folder needs no token and no network
    token = get_token()
    if not token:
        raise PublishError("no Hugging Face token: set HF_TOKEN or log in with `hf auth login`")
    api = HfApi(endpoint=endpoint, token=token)
    failure = None
    with tempfile.TemporaryDirectory(prefix="gonerd-publish-") as tmp:
        staging = Path(tmp)
        files = assemble(folder, staging, repo_id=repo_id, license=license, tokenizer=tokenizer)
        try:
            api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
            if revision and revision != "main":
                api.create_branch(repo_id, branch=revision, repo_type="dataset", exist_ok=True)
            remote = api.list_repo_files(repo_id, repo_type="dataset", revision=revision)
            stale = sorted(p for p in remote if p.startswith(MANAGED_FOLDERS) and p not in files)
            operations = [CommitOperationAdd(path_in_repo=f, path_or_fileobj=str(staging / f)) for f in files]
            operations += [CommitOperationDelete(path_in_repo=p) for p in stale]
            info = api.create_commit(
                repo_id, operations, repo_type="dataset", revision=revision,
                commit_message=message or f"Upload {Path(folder).name} with gonerd publish",
            )
        except Exception as exc:  # every Hub failure becomes one message without the token
            failure = scrub(f"upload to {repo_id} at {api.endpoint} failed: {type(exc).__name__}: {exc}", token)
    if failure is not None:  # raised here, outside the handler: the original exception is not attached
        raise PublishError(failure)
    return Published(repo_id, files, stale, commit_url=str(info.commit_url))
