"""`gonerd publish`: the dry-run folder loads with `datasets.load_dataset`; the upload goes, in one commit, to a
loopback HTTP server that STANDS IN FOR THE HUGGING FACE HUB (tests/hub_standin.py: it records what the client
sends); the token given through HF_TOKEN appears in no output, log or error message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import datasets
import pytest
from click.testing import CliRunner
from hub_standin import HubStandIn
from huggingface_hub import DatasetCard

import gonerd
from gonerd.cli import main
from gonerd.schema import NER_TAGS

TOKEN = "hf_gonerdTEST0123456789abcdefSECRET"
pytestmark = pytest.mark.network  # a loopback server started by the test


def run_cli(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The real `gonerd` command in a child process (huggingface_hub reads HF_* settings at import)."""
    code = "import sys; from gonerd.cli import main; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})}, cwd=cwd)


def hub_env(hub: HubStandIn, token: str | None = TOKEN) -> dict:
    # HF_HUB_OFFLINE=0: other test packages' conftests switch the Hub off for the whole session; the stand-in is
    # on loopback
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HUB_DISABLE_XET": "1", "HF_HUB_VERBOSITY": "debug", "HF_HUB_OFFLINE": "0",
           "HF_HUB_DISABLE_TELEMETRY": "1", "HF_HOME": str(Path(hub.endpoint_home))}
    if token:
        env["HF_TOKEN"] = token
    return env


@pytest.fixture
def hub(tmp_path):
    with HubStandIn(TOKEN) as server:
        server.endpoint_home = tmp_path / "hf-home"  # no stored login of the machine's user is ever read
        yield server


def test_dry_run_writes_exactly_the_repository_and_it_loads(built_dataset, char_tokenizer, tmp_path):
    out = tmp_path / "repo"
    stats = CliRunner().invoke(main, ["stats", str(built_dataset), "--tokenizer", str(char_tokenizer)])
    assert stats.exit_code == 0, stats.output
    result = CliRunner().invoke(main, ["publish", str(built_dataset), "--repo-id", "org/gonerd-test",
                                       "--dry-run", str(out), "--license", "cc-by-4.0"])
    assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == ["README.md", "build_report.json", "data/test-00000-of-00001.parquet",
                     "data/train-00000-of-00001.parquet", "data/validation-00000-of-00001.parquet",
                     "stats/entities_per_type.png", "stats/entity_density.png", "stats/length_histogram.png",
                     "stats/stats.json", "stats/stats.md"]
    for name in files:
        assert f"  {name}\n" in result.output
    card = DatasetCard.load(out / "README.md")
    assert 'load_dataset("org/gonerd-test")' in card.text and card.data.license == "cc-by-4.0"
    assert card.data.to_dict()["configs"] == DatasetCard.load(built_dataset / "README.md").data.to_dict()["configs"]
    report = json.loads((out / "build_report.json").read_text())
    assert str(tmp_path) not in json.dumps(report)  # no local path leaves the machine
    assert all("/" not in p for p in report["config"]["inputs"])
    stats = json.loads((out / "stats" / "stats.json").read_text())
    assert stats["length_unit"]["requested"] == char_tokenizer.name and str(tmp_path) not in json.dumps(stats)
    for loaded in (datasets.load_dataset(str(out)), gonerd.load(str(out))):
        assert sum(len(loaded[s]) for s in loaded) == 13
        assert loaded["train"].features["ner_tags"].feature.names == list(NER_TAGS)
    assert not (built_dataset / "stats").exists() or (built_dataset / "README.md").is_file()


def test_upload_is_one_commit_with_the_card_and_shards(built_dataset, hub, tmp_path):
    result = run_cli("-vv", "publish", str(built_dataset), "--repo-id", "org/gonerd-test", "--private",
                     env=hub_env(hub))
    assert result.returncode == 0, result.stderr
    (commit,) = hub.state.commits  # one commit holds everything
    assert commit.repo_id == "org/gonerd-test" and commit.revision == "main"
    assert sorted(commit.files) == ["README.md", "build_report.json", "data/test-00000-of-00001.parquet",
                                    "data/train-00000-of-00001.parquet", "data/validation-00000-of-00001.parquet",
                                    "stats/entities_per_type.png", "stats/entity_density.png",
                                    "stats/length_histogram.png", "stats/stats.json", "stats/stats.md"]
    for shard in (built_dataset / "data").iterdir():  # the parquet bytes arrived intact, through the LFS path
        assert commit.files[f"data/{shard.name}"] == shard.read_bytes()
        assert f"data/{shard.name}" in commit.lfs_paths
    card = DatasetCard(commit.files["README.md"].decode())
    meta = card.data.to_dict()
    local = DatasetCard.load(built_dataset / "README.md").data.to_dict()
    assert meta["configs"] == local["configs"] and meta["dataset_info"] == local["dataset_info"]
    assert 'load_dataset("org/gonerd-test")' in card.text and "## Personal information" in card.text
    assert hub.state.private["org/gonerd-test"] is True
    authorised = [auth for method, path, auth in hub.state.requests if path.startswith("/api/") and
                  path != "/api/validate-yaml" and not path.startswith("/api/agent")]
    assert authorised and all(a == f"Bearer {TOKEN}" for a in authorised)  # the token was used...
    assert TOKEN not in result.stdout + result.stderr  # ...and never shown, even at debug verbosity
    assert "Committed 10 files to org/gonerd-test" in result.stdout


def test_second_publish_deletes_stale_shards_and_commits_to_a_branch(built_dataset, hub, tmp_path):
    assert run_cli("publish", str(built_dataset), "--repo-id", "org/ds", env=hub_env(hub)).returncode == 0
    # a stale shard left by an earlier, bigger version on the Hub
    hub.state.repos["org/ds"]["main"]["data/train-00001-of-00002.parquet"] = b"PAR1 old"
    result = run_cli("publish", str(built_dataset), "--repo-id", "org/ds", "--message", "v2", env=hub_env(hub))
    assert result.returncode == 0, result.stderr
    second = hub.state.commits[-1]
    assert second.summary == "v2" and second.deleted == ["data/train-00001-of-00002.parquet"]
    assert "data/train-00001-of-00002.parquet" not in hub.state.repos["org/ds"]["main"]
    assert "(deleted) data/train-00001-of-00002.parquet" in result.stdout
    result = run_cli("publish", str(built_dataset), "--repo-id", "org/ds", "--revision", "v1.0", env=hub_env(hub))
    assert result.returncode == 0, result.stderr
    assert hub.state.commits[-1].revision == "v1.0" and "README.md" in hub.state.repos["org/ds"]["v1.0"]


def test_the_token_never_appears_in_errors(built_dataset, hub, tmp_path):
    hub.state.fail_commit_with = "internal error"  # the stand-in echoes the request's Authorization header
    result = run_cli("-vv", "publish", str(built_dataset), "--repo-id", "org/ds", env=hub_env(hub))
    assert result.returncode == 1
    assert f"Error: upload to org/ds at {hub.endpoint} failed: HfHubHTTPError" in result.stderr
    assert "Bearer ***" in result.stderr  # the server did send it back; we masked it
    assert TOKEN not in result.stdout + result.stderr and "Traceback" not in result.stderr

    wrong = run_cli("publish", str(built_dataset), "--repo-id", "org/ds", env=hub_env(hub, token="hf_wrong"))
    assert wrong.returncode == 1 and "401" in wrong.stderr and "hf_wrong" not in wrong.stdout + wrong.stderr

    missing = run_cli("publish", str(built_dataset), "--repo-id", "org/ds", env={**hub_env(hub, token=None),
                                                                                  "HF_TOKEN": ""})
    assert missing.returncode == 1
    assert missing.stderr.strip() == "Error: no Hugging Face token: set HF_TOKEN or log in with `hf auth login`"


def test_the_token_never_appears_in_python_logs_or_exceptions(built_dataset, hub, monkeypatch, caplog):
    """In-process: the exception object and every log record are free of the token too."""
    import logging

    from gonerd.publish import PublishError, upload

    monkeypatch.setenv("HF_TOKEN", TOKEN)
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_DISABLE_XET", True)  # the stand-in speaks no Xet
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_OFFLINE", False)  # set by other packages' conftests
    hub.state.fail_commit_with = "internal error"
    caplog.set_level(logging.DEBUG)
    with pytest.raises(PublishError) as info:
        upload(built_dataset, repo_id="org/ds", endpoint=hub.endpoint)
    assert TOKEN not in str(info.value) and "Bearer ***" in str(info.value)
    assert info.value.__cause__ is None and info.value.__context__ is None  # nothing holding the token is attached
    assert TOKEN not in "".join(r.getMessage() for r in caplog.records)


def test_bad_repo_ids_and_folders_are_user_errors(built_dataset, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["publish", str(built_dataset), "--repo-id", "no-slash", "--dry-run",
                                  str(tmp_path / "x")])
    assert result.exit_code == 1 and result.output == "Error: --repo-id 'no-slash' is not ORG/NAME\n"
    (tmp_path / "empty").mkdir()
    result = runner.invoke(main, ["publish", str(tmp_path / "empty"), "--repo-id", "a/b", "--dry-run",
                                  str(tmp_path / "y")])
    assert result.exit_code == 1 and "not a dataset folder written by gonerd build" in result.output
