"""The rule for the whole CLI (issue 9): a user error (bad file, bad option, unreachable server) exits non-zero with
exactly one ``Error:`` line naming the thing, no traceback unless ``-vv``, and no local variables ever.

Every command ``gonerd --help`` lists (core, ``scrape``, and the ``loaders`` / ``baselines`` / ``annotate`` plugin
groups) is run in a subprocess, as a user runs it, on real bad inputs: missing, unreadable, a folder instead of a
file, garbage content, bad option values, servers on 127.0.0.1 where nothing listens, and unusable tokens (which
never appear in the output).

To extend: add ``Case(command, id, argv, names)`` rows to ``CASES`` (placeholders in ``argv``/``names`` are the
keys of :func:`inputs`); ``test_every_command_has_cases`` fails for a new command without any.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import re
import shutil
import socket
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from cli_subprocess import GONERD, error_lines, run_gonerd
from click.testing import CliRunner

from gonerd.cli import PluginGroup, main

# without these capabilities, root is refused a mode-000 file like any user (tests often run as root in containers)
SETPRIV = shutil.which("setpriv")
DROP_DAC = [SETPRIV or "setpriv", "--inh-caps=-dac_override,-dac_read_search",
            "--bounding-set=-dac_override,-dac_read_search"]
# loguru's "diagnose" frames and rich's locals panels: a traceback that shows variables (Python's own format never
# does; the in-process test below checks a secret local is not printed)
LOCALS_MARKERS = re.compile(r"[│└╭╰]|\blocals\b")


@dataclass(frozen=True)
class Case:
    command: str  # "build", "scrape news", "loaders show"...
    id: str
    argv: tuple[str, ...]
    names: str  # the Error line must contain this (the file, option or server)
    unreadable: bool = False  # needs a file this process cannot read (run without root's DAC override)
    env: tuple[tuple[str, str], ...] = ()  # extra environment (placeholders allowed in values)

    @property
    def key(self) -> str:
        return f"{self.command.replace(' ', '-')}:{self.id}"


def case(command: str, id: str, *argv: str, names: str, unreadable: bool = False,
         env: dict[str, str] | None = None) -> Case:
    return Case(command, id, (*command.split(), *argv), names, unreadable, tuple((env or {}).items()))


# a Hub at a closed loopback port: HF_HUB_OFFLINE (set for every other case) off, so the request is made
HUB_UNREACHABLE = {"HF_HUB_OFFLINE": "0", "HF_DATASETS_OFFLINE": "0", "HF_ENDPOINT": "http://127.0.0.1:{port}",
                   "HF_TOKEN": "hf_cli_rule_test_token", "HF_HOME": "{root}/hf-home"}
# Label Studio tokens given to every `annotate` case: none may ever appear in the output
LS_TOKEN = "cli-rule-secret-token-0123456789abcdef"
# a personal access token (JWT) that expired in 2001: the SDK refuses it before any request
EXPIRED_PAT = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoicmVmcmVzaCIsImV4cCI6MTAwMDAwMDAwMCwianRpIjoi"
               "Y2xpLXJ1bGUifQ.c2lnbmF0dXJlLW9mLW5vYm9keQ")
SECRETS = (LS_TOKEN, EXPIRED_PAT, "hf_cli_rule_test_token")
LS_ENV = {"LABEL_STUDIO_API_KEY": LS_TOKEN, "LABEL_STUDIO_URL": "http://127.0.0.1:{port}"}
NO_ADMIN = {"LABEL_STUDIO_USERNAME": "", "LABEL_STUDIO_PASSWORD": "", "LABEL_STUDIO_USER_TOKEN": "",
            "LABEL_STUDIO_API_KEY": "", "GONERD_LABEL_STUDIO": ""}
ADMIN = {"LABEL_STUDIO_USERNAME": "admin@example.com", "LABEL_STUDIO_PASSWORD": "Adm1nPassw0rd!",
         "LABEL_STUDIO_USER_TOKEN": LS_TOKEN, "GONERD_LABEL_STUDIO": ""}


def annotate(subcommand: str, id: str, *argv: str, names: str, unreadable: bool = False,
             env: dict[str, str] | None = None) -> Case:
    """A case of `gonerd annotate SUBCOMMAND`, run with a Label Studio token and URL in the environment."""
    return case(f"annotate {subcommand}", id, *argv, names=names, unreadable=unreadable, env={**LS_ENV, **(env or {})})


CASES: list[Case] = [
    # build / extract / export: the cases that pass today (issue 9 items 1-8 add their own)
    case("build", "config-missing", "--config", "{missing}", names="{missing}"),
    case("build", "config-folder", "--config", "{folder}", names="{folder}"),
    case("build", "config-unreadable", "--config", "{unreadable}", names="{unreadable}", unreadable=True),
    case("build", "input-missing", "--input", "{missing}", "--out", "{out}", names="{missing}"),
    case("build", "input-empty-folder", "--input", "{folder}", "--out", "{out}", names="{folder}"),
    case("build", "gold-folder", "--gold", "{folder}", "--out", "{out}", names="{folder}"),
    case("build", "bad-int", "--min-tokens", "many", names="--min-tokens"),
    case("build", "bad-choice", "--source-type", "blog", names="--source-type"),
    case("extract", "missing", "{missing}", names="{missing}"),
    case("extract", "unreadable", "{unreadable}", names="{unreadable}", unreadable=True),
    case("extract", "bad-timeout", "--timeout", "soon", "{folder}", names="--timeout"),
    case("extract", "no-paths", names="PATHS"),
    case("export", "missing", "{missing}", "--format", "jsonl", "--out", "{out}", names="{missing}"),
    case("export", "file-not-folder", "{garbage}", "--format", "jsonl", "--out", "{out}", names="{garbage}"),
    case("export", "bad-format", "{folder}", "--format", "xml", "--out", "{out}", names="--format"),
    # build / extract / export / stats / card / publish: issue 9's items and the CLI rule (core2)
    case("build", "config-not-utf8", "--config", "{config_latin1}", names="{config_latin1}:1: not UTF-8"),
    case("build", "config-garbage", "--config", "{garbage}", names="{garbage}:1: not UTF-8"),
    case("build", "config-not-yaml", "--config", "{config_bad_yaml}", names="{config_bad_yaml}:2:4: not valid YAML"),
    case("build", "config-setting-twice", "--config", "{config_twice}",
         names="{config_twice}:2: the setting 'min_tokens' is given twice"),
    case("build", "config-bad-value", "--config", "{config_bad_value}",
         names="{config_bad_value}:1: min_tokens must be a whole number"),
    case("build", "config-not-a-mapping", "--config", "{empty_list_yaml}",
         names="{empty_list_yaml}: expected a mapping"),
    case("build", "gold-not-utf8", "--input", "{german}", "--gold", "{gold_latin1}", "--out", "{out}",
         names="{gold_latin1}:2: not UTF-8"),
    case("build", "gold-garbage", "--input", "{german}", "--gold", "{garbage}", "--out", "{out}",
         names="{garbage}:1: not UTF-8"),
    case("build", "nothing-survives", "--input", "{german}", "--out", "{out}",
         names="no document of {german} survived the process stage (dropped: language: language_de 1"),
    case("build", "out-is-a-file", "--input", "{german}", "--out", "{garbage}", names="{garbage}"),
    case("build", "out-not-a-dataset", "--input", "{german}", "--out", "{other_parquet}",
         names="{other_parquet} exists and is not a dataset written by gonerd build"),
    case("build", "silver-missing", "--input", "{german}", "--silver", "no_such_pipeline", "--out", "{out}",
         names="'no_such_pipeline'"),
    case("build", "tokenizer-unknown-language", "--input", "{german}", "--tokenizer", "blank:zz", "--out", "{out}",
         names="'blank:zz'"),
    case("build", "zero-workers", "--input", "{german}", "--workers", "0", "--out", "{out}",
         names="workers must be >= 1"),
    case("extract", "empty-folder", "{folder}", names="no input files under {folder}"),
    case("extract", "negative-timeout", "--timeout", "-1", "{german}", names="--timeout"),
    case("export", "empty-folder", "{folder}", "--format", "jsonl", "--out", "{out}",
         names="{folder} is not a dataset written by gonerd build: it is empty"),
    case("export", "zero-byte-parquet", "{gonerd_zero}", "--format", "conll", "--out", "{out}",
         names="{gonerd_zero}/data/train-00000-of-00001.parquet: not a readable parquet file"),
    case("export", "other-columns", "{other_parquet}", "--format", "jsonl", "--out", "{out}",
         names="{other_parquet}/data/train-00000-of-00001.parquet: not a gonerd dataset file"),
    case("export", "out-unwritable", "{dataset}", "--format", "jsonl", "--out", "{unwritable}/exports",
         names="{unwritable}/exports", unreadable=True),
    case("export", "out-is-a-file", "{dataset}", "--format", "jsonl", "--out", "{garbage}", names="--out"),
    case("stats", "missing", "{missing}", names="{missing}: not a folder, not READER:PATH and not a Hub id"),
    case("stats", "empty-folder", "{folder}", names="{folder}: cannot be read as a dataset"),
    case("stats", "a-file", "{garbage}", names="{garbage}: a file, not a dataset folder"),
    case("stats", "zero-byte-parquet", "{gonerd_zero}",
         names="{gonerd_zero}/data/train-00000-of-00001.parquet: not a readable parquet file"),
    case("stats", "other-columns", "{other_parquet}", names="{other_parquet} [train]: no 'tokens' column"),
    case("stats", "unknown-reader", "nosuch:{folder}", names="no dataset reader named 'nosuch'"),
    case("stats", "reader-garbage", "conll:{garbage}", names="{garbage}:1"),
    case("stats", "bad-phone-region", "{dataset}", "--phone-region", "ZZ", "--out", "{out}",
         names="--phone-region 'ZZ'"),
    case("stats", "agreement-garbage", "{dataset}", "--agreement", "{garbage}", "--out", "{out}",
         names="{garbage}: not a JSON agreement summary"),
    case("stats", "out-is-a-file", "{dataset}", "--out", "{garbage}", names="--out"),
    case("stats", "hub-unreachable", "org/no-such-dataset", "--out", "{out}", env=HUB_UNREACHABLE,
         names="org/no-such-dataset: could not load it from the Hub at http://127.0.0.1:{port}"),
    case("card", "missing", "{missing}", names="{missing}"),
    case("card", "a-file", "{garbage}", names="{garbage}"),
    case("card", "empty-folder", "{folder}", names="{folder}: no README.md with configs/dataset_info"),
    case("card", "garbage-card", "{card_garbage}", names="{card_garbage}/README.md:1: not UTF-8"),
    case("card", "crawl-a-file", "{dataset}", "--crawl", "{garbage}", names="--crawl"),
    case("card", "cards-dir-a-file", "{dataset}", "--cards-dir", "{garbage}", names="--cards-dir"),
    case("publish", "missing", "{missing}", "--repo-id", "org/x", names="{missing}"),
    case("publish", "not-a-dataset", "{folder}", "--repo-id", "org/x", env=HUB_UNREACHABLE,
         names="{folder}: not a dataset folder written by gonerd build"),
    case("publish", "garbage-card", "{card_garbage}", "--repo-id", "org/x", env=HUB_UNREACHABLE,
         names="{card_garbage}/README.md:1: not UTF-8"),
    case("publish", "bad-repo-id", "{dataset}", "--repo-id", "not-a-repo", names="--repo-id 'not-a-repo'"),
    case("publish", "no-repo-id", "{dataset}", names="--repo-id"),
    case("publish", "no-token", "{dataset}", "--repo-id", "org/x",
         env={**HUB_UNREACHABLE, "HF_TOKEN": ""}, names="no Hugging Face token"),
    case("publish", "dry-run-over-a-folder", "{dataset}", "--repo-id", "org/x", "--dry-run", "{gonerd_zero}",
         names="{gonerd_zero} exists and is not an earlier dry run"),
    case("publish", "hub-unreachable", "{dataset}", "--repo-id", "org/x", env=HUB_UNREACHABLE,
         names="upload to org/x at http://127.0.0.1:{port} failed"),
    # scrape
    case("scrape news", "urls-missing", "--urls", "{missing}", "--out", "{out}", names="{missing}"),
    case("scrape news", "urls-folder", "--urls", "{folder}", "--out", "{out}", names="{folder}: not a regular file"),
    case("scrape news", "urls-unreadable", "--urls", "{unreadable}", "--out", "{out}",
         names="{unreadable}: cannot read it", unreadable=True),
    case("scrape news", "urls-garbage", "--urls", "{garbage}", "--out", "{out}", names="{garbage}:"),
    case("scrape news", "feed-unreachable", "--feeds", "http://127.0.0.1:{port}/feed.xml", "--out", "{out}",
         "--retries", "0", "--delay", "0", "--no-progress", names="http://127.0.0.1:{port}/feed.xml"),
    case("scrape news", "sitemap-unreachable", "--sitemap", "http://127.0.0.1:{port}/sitemap.xml", "--out",
         "{out}", "--retries", "0", "--delay", "0", "--no-progress", names="http://127.0.0.1:{port}/sitemap.xml"),
    case("scrape news", "nothing-given", "--out", "{out}", names="--urls"),
    case("scrape news", "bad-size", "--urls", "{empty}", "--out", "{out}", "--max-bytes", "10XB", names="10XB"),
    case("scrape news", "negative-delay", "--urls", "{empty}", "--out", "{out}", "--delay", "-1", names="delay"),
    case("scrape news", "out-is-a-file", "--urls", "{empty}", "--out", "{garbage}", names="{garbage}"),
    case("scrape legal", "api-unreachable", "--courtlistener", "privacy", "--api-base", "http://127.0.0.1:{port}",
         "--out", "{out}", "--retries", "0", "--delay", "0", "--no-progress", names="http://127.0.0.1:{port}/api/"),
    case("scrape legal", "api-base-not-http", "--courtlistener", "privacy", "--api-base", "ftp://127.0.0.1/",
         "--out", "{out}", names="--api-base 'ftp://127.0.0.1'"),
    case("scrape legal", "urls-missing", "--urls", "{missing}", "--out", "{out}", names="{missing}"),
    case("scrape legal", "bad-choice", "--urls", "{empty}", "--out", "{out}", "--retry-failed", "some",
         names="--retry-failed"),
    # loaders
    case("loaders list", "unknown-option", "--json", names="--json"),
    case("loaders show", "missing", "conll", "--path", "{missing}", names="{missing}: no such file"),
    case("loaders show", "empty-folder", "conll", "--path", "{folder}", names="{folder}: no split files"),
    case("loaders show", "garbage", "conll", "--path", "{garbage}", names="{garbage}:"),
    case("loaders show", "unreadable", "conll", "--path", "{unreadable}", names="{unreadable}: cannot read it",
         unreadable=True),
    case("loaders show", "empty-file", "conll2003", "--path", "{empty}", names="{empty}: no token lines"),
    case("loaders show", "squad-garbage", "squad", "--path", "{garbage}", names="{garbage}:1: not utf-8 text"),
    case("loaders show", "zero-byte-parquet", "gonerd", "--path", "{gonerd_zero}",
         names="{gonerd_zero}/data/train-00000-of-00001.parquet: an empty file"),
    case("loaders show", "unknown-dataset", "conll2004", names="'conll2004'"),
    case("loaders show", "bad-option-value", "conll", "--path", "{empty}", "-o", "level=5", names="level=5"),
    case("loaders show", "bad-option-syntax", "conll", "--path", "{empty}", "-o", "level", names="'level'"),
    case("loaders show", "hub-unreachable", "squad", names="'rajpurkar/squad'"),
    # baselines
    case("baselines convert", "source-missing", "{missing}", "--arch", "lsg", "--out", "{out}", names="{missing}"),
    case("baselines convert", "source-is-a-file", "{garbage}", "--arch", "lsg", "--out", "{out}",
         names="{garbage}: not a folder"),
    case("baselines convert", "garbage-weights", "{model_garbage}", "--arch", "lsg", "--out", "{out}",
         names="{model_garbage}/model.safetensors: not a readable safetensors file"),
    case("baselines convert", "bad-arch", "{model_garbage}", "--arch", "reformer", "--out", "{out}", names="--arch"),
    case("baselines pretrain", "pickle-weights", "{model_pickle}", "--source", "{corpus}", "--out", "{out}",
         names="{model_pickle}: only pickle weights (pytorch_model.bin)"),
    case("baselines pretrain", "source-missing", "{model_readable}", "--source", "{missing}", "--out", "{out}",
         names="{missing}"),
    case("baselines pretrain", "bad-int", "{model_pickle}", "--source", "{corpus}", "--out", "{out}",
         "--max-steps", "lots", names="--max-steps"),
    case("baselines distill", "empty-weights", "{model_empty}", "--source", "{corpus}", "--out", "{out}",
         names="{model_empty}/model.safetensors: empty file"),
    case("baselines distill", "bad-float", "{model_pickle}", "--source", "{corpus}", "--out", "{out}",
         "--temperature", "hot", names="--temperature"),
    case("baselines finetune", "model-missing", "{missing}", "--task", "conll2003", "--out", "{out}",
         names="{missing}"),
    case("baselines finetune", "data-missing", "{model_readable}", "--task", "conll", "--data", "{missing}",
         "--out", "{out}", names="--data {missing}: no such file or folder"),
    case("baselines finetune", "unknown-task", "{model_readable}", "--task", "ner", "--out", "{out}",
         names="unknown task 'ner'"),
    case("baselines finetune", "bad-int", "{model_readable}", "--task", "conll2003", "--out", "{out}",
         "--max-steps", "lots", names="--max-steps"),
    case("baselines evaluate", "model-missing", "{missing}", "--task", "conll2003", "--out", "{out}",
         names="{missing}"),
    case("baselines evaluate", "eval-file-missing", "{model_readable}", "--task", "conll2003", "--eval-file",
         "{missing}", "--out", "{out}", names="--eval-file {missing}: no such file"),
    case("baselines evaluate", "garbage-data", "{model_readable}", "--task", "conll", "--data", "{garbage}",
         "--out", "{out}", names="{garbage}"),
    case("baselines evaluate", "bad-merge", "{model_readable}", "--task", "conll2003", "--merge", "vote",
         "--out", "{out}", names="--merge"),
    case("baselines efficiency", "model-missing", "{missing}", "--out", "{out}", names="{missing}"),
    case("baselines efficiency", "bad-lengths", "{model_readable}", "--lengths", "512,lots", "--out", "{out}",
         names="--lengths"),
    case("baselines report", "results-missing", "{missing}", "--out", "{out}", names="{missing}"),
    case("baselines report", "results-garbage", "{garbage}", "--out", "{out}", names="{garbage}:1"),
    case("baselines report", "results-folder-empty", "{folder}", "--out", "{out}", names="{folder}"),
    case("baselines run", "config-missing", "{missing}", names="{missing}"),
    case("baselines run", "config-garbage", "{garbage}", names="{garbage}"),
    case("baselines run", "config-unknown-key", "{run_config}", "--dry-run", names="'colour'"),
    case("baselines run", "bad-set", "{run_config}", "--set", "name", "--dry-run", names="--set 'name'"),
    # annotate (issue 10): no case ever reaches a Label Studio; a refused token is checked against a real one in
    # tests/annotation/test_cli_errors.py
    annotate("serve", "data-dir-is-a-file", "--data-dir", "{garbage}", names="{garbage}"),
    annotate("serve", "bad-port", "--data-dir", "{out}", "--port", "70000", names="--port"),
    annotate("serve", "label-studio-not-executable", "--data-dir", "{out}", "--label-studio", "{garbage}",
             names="{garbage} (--label-studio)"),
    annotate("serve", "admin-missing", "--data-dir", "{out}", "--label-studio", "{python}", env=NO_ADMIN,
             names="LABEL_STUDIO_USERNAME"),
    annotate("serve", "admin-token-short", "--data-dir", "{out}", "--label-studio", "{python}",
             env={**ADMIN, "LABEL_STUDIO_USER_TOKEN": "short-token"}, names="LABEL_STUDIO_USER_TOKEN"),
    annotate("serve", "copy-from-no-database", "--data-dir", "{out}", "--copy-from", "{folder}", "--label-studio",
             "{python}", env=ADMIN, names="{folder}/label_studio.sqlite3"),
    annotate("invite", "unreachable", "--url", "http://127.0.0.1:{port}", names="http://127.0.0.1:{port}"),
    annotate("invite", "not-a-url", "--url", "127.0.0.1:{port}", names="'127.0.0.1:{port}'"),
    annotate("invite", "no-token", env={"LABEL_STUDIO_API_KEY": ""}, names="LABEL_STUDIO_API_KEY"),
    annotate("invite", "expired-token", env={"LABEL_STUDIO_API_KEY": EXPIRED_PAT}, names="LABEL_STUDIO_API_KEY"),
    annotate("config", "unknown-option", "--format", "xml", names="--format"),
    annotate("setup", "campaign-garbage", "--campaign", "{garbage}", names="{garbage}: not a campaign file"),
    annotate("setup", "campaign-folder", "--campaign", "{folder}", names="{folder}"),
    annotate("setup", "new-without-title", "--campaign", "{out}/campaign.json", names="--title"),
    annotate("setup", "unreachable", "--campaign", "{out}/campaign.json", "--title", "T", "--url",
             "http://127.0.0.1:{port}", names="http://127.0.0.1:{port}"),
    annotate("setup", "annotator-not-an-email", "--campaign", "{out}/campaign.json", "--title", "T",
             "--annotator", "bob", names="--annotator"),
    annotate("setup", "bad-per-document", "--campaign", "{out}/campaign.json", "--title", "T", "--per-document",
             "0", names="--per-document"),
    annotate("push", "source-missing", "{missing}", "--campaign", "{ls_campaign}", names="{missing}"),
    annotate("push", "source-garbage", "{garbage_jsonl}", "--campaign", "{ls_campaign}",
             names="{garbage_jsonl}:1: not UTF-8 text"),
    annotate("push", "source-zero-byte-parquet", "{gonerd_zero}", "--campaign", "{ls_campaign}",
             names="{gonerd_zero}/data/train-00000-of-00001.parquet: an empty file"),
    annotate("push", "campaign-garbage", "{documents}", "--campaign", "{garbage}",
             names="{garbage}: not a campaign file"),
    annotate("push", "unreachable", "{documents}", "--campaign", "{ls_campaign}", names="http://127.0.0.1:{port}"),
    annotate("push", "expired-token", "{documents}", "--campaign", "{ls_campaign}",
             env={"LABEL_STUDIO_API_KEY": EXPIRED_PAT}, names="LABEL_STUDIO_API_KEY"),
    annotate("push", "bad-batch-size", "{documents}", "--campaign", "{ls_campaign}", "--batch-size", "0",
             names="--batch-size"),
    annotate("push", "unknown-preannotator", "{documents}", "--campaign", "{ls_campaign}", "--preannotate",
             "oracle", names="'oracle'"),
    annotate("push", "gazetteer-missing", "{documents}", "--campaign", "{ls_campaign}", "--preannotate",
             "gazetteer:{missing}", names="{missing}"),
    annotate("pull", "campaign-missing", "--campaign", "{missing}", "--out", "{out}", names="{missing}"),
    annotate("pull", "campaign-garbage", "--campaign", "{garbage}", "--out", "{out}",
             names="{garbage}: not a campaign file"),
    annotate("pull", "out-is-a-file", "--campaign", "{ls_campaign}", "--out", "{garbage}", names="{garbage}"),
    annotate("pull", "unreachable", "--campaign", "{ls_campaign}", "--out", "{out}", names="http://127.0.0.1:{port}"),
    annotate("pull", "no-token", "--campaign", "{ls_campaign}", "--out", "{out}", env={"LABEL_STUDIO_API_KEY": ""},
             names="LABEL_STUDIO_API_KEY"),
    annotate("pull", "state-garbage", "--campaign", "{ls_campaign}", "--out", "{pull_bad_state}",
             names="{pull_bad_state}/pull_state.json: not a pull state file"),
    annotate("convert", "missing", "{missing}", "--out", "{out}/a.jsonl", names="{missing}"),
    annotate("convert", "garbage", "{garbage}", "--out", "{out}/a.jsonl", names="{garbage}: not UTF-8 text"),
    annotate("convert", "unreadable", "{unreadable}", "--out", "{out}/a.jsonl", names="{unreadable}",
             unreadable=True),
    annotate("convert", "empty", "{empty}", "--out", "{out}/a.jsonl", names="{empty}: an empty file"),
    annotate("convert", "not-a-list", "{json_number}", "--format", "json", "--out", "{out}/a.jsonl",
             names="{json_number}: expected a list"),
    annotate("convert", "conll-garbage", "{corpus}", "--format", "conll2003", "--out", "{out}/a.jsonl",
             names="{corpus}:1:"),
    annotate("convert", "bad-format", "{corpus}", "--format", "xml", "--out", "{out}/a.jsonl", names="--format"),
    annotate("convert", "out-is-a-folder", "{corpus}", "--out", "{folder}", names="{folder}"),
    annotate("agreement", "missing", "{missing}", "--out", "{out}", names="{missing}"),
    annotate("agreement", "garbage", "{garbage}", "--out", "{out}", names="{garbage}:1"),
    annotate("agreement", "folder-without-annotations", "{folder}", "--out", "{out}", names="{folder}"),
    annotate("agreement", "empty", "{empty}", "--out", "{out}", names="{empty}: no annotated documents"),
    annotate("agreement", "not-annotations", "{documents}", "--out", "{out}", names="{documents}:1"),
    annotate("agreement", "bad-tokenizer", "{annotations}", "--out", "{out}", "--tokenizer", "xx_no_such_model",
             names="--tokenizer"),
    annotate("agreement", "bad-show", "{annotations}", "--out", "{out}", "--show", "-1", names="--show"),
    annotate("agreement", "dataset-not-a-build", "{annotations}", "--out", "{out}", "--dataset", "{folder}",
             names="{folder}"),
    annotate("adjudicate", "missing", "{missing}", "--out", "{out}/gold.jsonl", names="{missing}"),
    annotate("adjudicate", "unreadable", "{unreadable}", "--out", "{out}/gold.jsonl", names="{unreadable}",
             unreadable=True),
    annotate("adjudicate", "garbage", "{garbage}", "--out", "{out}/gold.jsonl", names="{garbage}:1"),
    annotate("adjudicate", "bad-min-annotators", "{annotations}", "--out", "{out}/gold.jsonl", "--min-annotators",
             "0", names="--min-annotators"),
    annotate("adjudicate", "bad-names", "{annotations}", "--out", "{out}/gold.jsonl", "--annotator-names", "ids",
             names="--annotator-names"),
    annotate("adjudicate", "review-campaign-garbage", "{annotations}", "--out", "{out}/gold.jsonl",
             "--push-review", "{garbage}", names="{garbage}: not a campaign file"),
    annotate("adjudicate", "review-unreachable", "{annotations}", "--out", "{out}/gold.jsonl", "--push-review",
             "{ls_campaign}", names="http://127.0.0.1:{port}"),
    annotate("preannotators", "unknown-option", "--all", names="--all"),
]


def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    return port


def safetensors_bytes() -> bytes:
    """A well-formed safetensors file (one small tensor; not a model's weights: the header check passes)."""
    import numpy as np
    from safetensors.numpy import save

    return save({"w": np.zeros(4, dtype=np.float32)})


def write_model(folder: Path, weights: dict[str, bytes]) -> Path:
    """A model folder with a real config (a tiny RoBERTa's) and the given weight files."""
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({
        "model_type": "roberta", "architectures": ["RobertaForMaskedLM"], "vocab_size": 100, "hidden_size": 32,
        "num_hidden_layers": 2, "num_attention_heads": 4, "intermediate_size": 64, "max_position_embeddings": 130,
        "pad_token_id": 1, "bos_token_id": 0, "eos_token_id": 2, "type_vocab_size": 1}))
    for name, data in weights.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("bad-inputs")
    rng = random.Random(9)
    garbage = bytes(rng.randrange(256) for _ in range(4096))
    (root / "a-folder").mkdir()
    (root / "garbage.bin").write_bytes(b"\xff\xfe\x00" + garbage)  # never valid UTF-8
    (root / "empty.txt").write_bytes(b"")
    (root / "unreadable.txt").write_text("http://127.0.0.1/\nEU B-ORG\n")
    (root / "unreadable.txt").chmod(0)
    gonerd_zero = root / "gonerd-zero"
    (gonerd_zero / "data").mkdir(parents=True)
    (gonerd_zero / "data" / "train-00000-of-00001.parquet").write_bytes(b"")
    # bad settings and gold files, a corpus of which nothing survives, folders that are not datasets
    (root / "config-latin1.yaml").write_bytes(b"name: caf\xe9\n")
    (root / "config-bad.yaml").write_text("inputs: [a, b\nout: {x\n")
    (root / "config-twice.yaml").write_text("min_tokens: 5\nmin_tokens: 6\n")
    (root / "config-bad-value.yaml").write_text("min_tokens: many\n")
    (root / "config-list.yaml").write_text("- inputs\n- out\n")
    (root / "gold-latin1.jsonl").write_bytes(b'{"id": "a", "entities": []}\n{"id": "caf\xe9", "entities": []}\n')
    german = root / "german"
    german.mkdir()
    (german / "urteil.txt").write_text("Das Gericht hat entschieden, dass die Klage abgewiesen wird. " * 20)
    card_garbage = root / "card-garbage"
    card_garbage.mkdir()
    (card_garbage / "README.md").write_bytes(b"\xff\xfe" + garbage)
    (card_garbage / "build_report.json").write_text("{}")
    other_parquet = root / "other-parquet"
    (other_parquet / "data").mkdir(parents=True)
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"a": [1, 2]}), other_parquet / "data" / "train-00000-of-00001.parquet")
    unwritable = root / "unwritable"
    unwritable.mkdir()
    unwritable.chmod(stat.S_IRUSR | stat.S_IXUSR)
    (root / "run-config.yaml").write_text("name: x\ncolour: blue\n")  # a `baselines run` config with a typo
    corpus = root / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"text": "The court heard the appeal. " * 20}) + "\n" for _ in range(4)))
    paths = {
        "missing": root / "missing.txt",
        "folder": root / "a-folder",
        "garbage": root / "garbage.bin",
        "empty": root / "empty.txt",
        "unreadable": root / "unreadable.txt",
        "gonerd_zero": gonerd_zero,
        "corpus": corpus,
        "run_config": root / "run-config.yaml",
        "model_garbage": write_model(root / "model-garbage", {"model.safetensors": garbage}),
        "model_empty": write_model(root / "model-empty", {"model.safetensors": b""}),
        "model_pickle": write_model(root / "model-pickle", {"pytorch_model.bin": pickle.dumps({"w": [1.0]})}),
        "model_readable": write_model(root / "model-readable", {"model.safetensors": safetensors_bytes()}),
        "config_latin1": root / "config-latin1.yaml",
        "config_bad_yaml": root / "config-bad.yaml",
        "config_twice": root / "config-twice.yaml",
        "config_bad_value": root / "config-bad-value.yaml",
        "empty_list_yaml": root / "config-list.yaml",
        "gold_latin1": root / "gold-latin1.jsonl",
        "german": german,
        "card_garbage": card_garbage,
        "other_parquet": other_parquet,
        "unwritable": unwritable,
        "dataset": built_dataset(root),
    }
    values = {key: str(path) for key, path in paths.items()}
    values["port"] = str(closed_port())
    values["root"] = str(root)
    values["python"] = sys.executable  # an executable that is not Label Studio (never started: the cases fail first)
    values.update({key: str(path) for key, path in annotate_inputs(root, garbage, values["port"]).items()})
    yield values
    (root / "unreadable.txt").chmod(stat.S_IRUSR | stat.S_IWUSR)
    unwritable.chmod(stat.S_IRWXU)


def built_dataset(root: Path) -> Path:
    """A real (small) `gonerd build` output, for the commands that read one."""
    from corpus_factory import write_corpus

    from gonerd.build import run_build
    from gonerd.config import BuildConfig

    corpus = write_corpus(root / "corpus", n_news=4, n_legal=1)
    out = root / "built"
    run_build(BuildConfig(inputs=corpus.inputs, out=str(out), gold=str(corpus.gold), min_tokens=20),
              echo=lambda _: None, progress=False)
    return out


def annotate_inputs(root: Path, garbage: bytes, port: str) -> dict[str, Path]:
    """Files for the `annotate` cases: documents, annotations, a campaign on a closed port, a broken pull folder."""
    url = f"http://127.0.0.1:{port}"
    campaign = root / "campaign.json"
    campaign.write_text(json.dumps({"title": "closed", "url": url, "mode": "shared", "per_document": 1,
                                    "seats": [{"annotator": None, "url": url, "project_id": 1}]}))
    documents = root / "documents.jsonl"
    documents.write_text(json.dumps({"id": "d1", "text": "Angela Merkel met Emmanuel Macron in Berlin."}) + "\n")
    entity = {"start": 0, "end": 13, "label": "PER", "text": "Angela Merkel"}
    annotations = root / "annotations.jsonl"
    annotations.write_text(json.dumps({"doc_id": "d1", "text": "Angela Merkel met Emmanuel Macron in Berlin.",
                                       "annotations": [{"annotator": "a@example.com", "entities": [entity]},
                                                       {"annotator": "b@example.com", "entities": []}]}) + "\n")
    (root / "garbage.jsonl").write_bytes(b"\xff\xfe\x00" + garbage)
    (root / "number.json").write_text("42\n")
    bad_state = root / "pulled-bad-state"
    bad_state.mkdir()
    (bad_state / "pull_state.json").write_bytes(b"\xff\xfe\x00" + garbage)
    (bad_state / "annotations.jsonl").write_text("")
    return {"ls_campaign": campaign, "documents": documents, "annotations": annotations,
            "garbage_jsonl": root / "garbage.jsonl", "json_number": root / "number.json",
            "pull_bad_state": bad_state}


def expand(text: str, inputs: dict[str, str], out: str) -> str:
    return text.format(**inputs, out=out)


def run_case(c: Case, inputs: dict[str, str], *, verbose: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    out = str(Path(inputs["root"]) / "out" / c.key.replace(":", "-") / "-".join(verbose or ["plain"]))
    argv = [expand(a, inputs, out) for a in c.argv]
    env = {key: expand(value, inputs, out) for key, value in c.env}
    args = [*verbose, *argv]
    if c.unreadable and os.geteuid() == 0:
        if SETPRIV is None:
            pytest.skip("running as root without setpriv: cannot make a file unreadable")
        return subprocess.run([*DROP_DAC, str(GONERD), *args], capture_output=True, text=True, timeout=300,
                              stdin=subprocess.DEVNULL, cwd=inputs["root"],
                              env={**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", **env})
    return run_gonerd(*args, cwd=inputs["root"], env=env)


@pytest.fixture(scope="module")
def results(inputs) -> dict[str, subprocess.CompletedProcess]:
    """Every case run once, a few at a time (most time is interpreter and library start-up)."""
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {c.key: pool.submit(run_case, c, inputs) for c in CASES}
        return {key: future.result() for key, future in futures.items()}


def assert_user_error(result: subprocess.CompletedProcess, names: str) -> str:
    output = result.stdout + "\n" + result.stderr
    shown = f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    assert result.returncode != 0, shown
    lines = error_lines(result)
    assert len(lines) == 1, shown
    assert names in lines[0], f"the Error line does not name {names!r}:\n{shown}"
    assert "Traceback" not in output, shown
    assert not LOCALS_MARKERS.search(output), shown
    assert not [secret for secret in SECRETS if secret in output], f"a token in the output:\n{shown}"
    return lines[0]


@pytest.mark.parametrize("c", CASES, ids=lambda c: c.key)
def test_a_user_error_is_one_error_line_naming_it(c, inputs, results):
    if c.unreadable and os.geteuid() == 0 and SETPRIV is None:
        pytest.skip("running as root without setpriv: cannot make a file unreadable")
    assert_user_error(results[c.key], expand(c.names, inputs, out=""))


def leaf_commands(group: click.Group, prefix: str = "") -> list[str]:
    ctx = click.Context(group)
    out = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        path = f"{prefix}{name}"
        if isinstance(command, click.Group):
            out += leaf_commands(command, path + " ")
        else:
            out.append(path)
    return out


def test_every_command_has_cases():
    commands = leaf_commands(main)
    assert {"build", "extract", "export", "scrape news", "scrape legal", "loaders show",
            "baselines convert"} <= set(commands)
    covered = {c.command for c in CASES}
    missing = sorted(set(commands) - covered)
    assert not missing, f"commands without bad-input cases in tests/core/test_cli_rule.py: {missing}"
    assert not covered - set(commands), "cases for commands that do not exist"


@pytest.mark.parametrize("key", ["loaders-show:garbage", "scrape-news:urls-missing", "annotate-pull:unreachable"])
def test_the_traceback_only_with_vv(key, inputs):
    c = next(c for c in CASES if c.key == key)
    line = assert_user_error(run_case(c, inputs, verbose=("-v",)), expand(c.names, inputs, out=""))
    debug = run_case(c, inputs, verbose=("-vv",))
    assert debug.returncode == 1 and error_lines(debug) == [line]
    assert "Traceback (most recent call last)" in debug.stderr
    assert not LOCALS_MARKERS.search(debug.stderr)


# the other half of the rule: a bug shows its traceback, without local variables (in-process, a command of ours)
def buggy_cli() -> click.Group:
    @click.group(cls=PluginGroup)
    @click.option("-v", "--verbose", count=True)
    def cli(verbose):
        pass

    @cli.command()
    def crash():
        token = "s3cr3t-token-value"  # a local that must never be printed
        raise TypeError(f"unsupported operand ({len(token)})")

    @cli.command()
    def missing():
        Path("/nonexistent/gonerd-file.txt").read_text()  # an OSError naming its file: the user's problem

    return cli


def test_a_bug_shows_its_traceback_and_one_error_line_but_never_locals():
    result = CliRunner().invoke(buggy_cli(), ["crash"])
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.output and 'raise TypeError(f"unsupported' in result.output
    assert [line for line in result.output.splitlines() if line.startswith("Error:")] == [
        "Error: internal error (TypeError: unsupported operand (18)): this is a bug in gonerd; please report it "
        "with the traceback above"]
    assert "s3cr3t-token-value" not in result.output.replace('token = "s3cr3t-token-value"', "")


def test_an_os_error_naming_its_file_is_a_user_error():
    result = CliRunner().invoke(buggy_cli(), ["missing"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip() == "Error: /nonexistent/gonerd-file.txt: No such file or directory"
    debug = CliRunner().invoke(buggy_cli(), ["-vv", "missing"])
    assert "Traceback (most recent call last)" in debug.output
