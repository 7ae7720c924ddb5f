"""`gonerd card`: metadata through huggingface_hub's card classes, the datasheet's figures, hand-written blocks kept,
the folder still loading with `datasets.load_dataset`, and the package card behind `load_dataset("gonerd")`."""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict
from pathlib import Path

import datasets
import pytest
from click.testing import CliRunner
from datasets.info import DatasetInfosDict
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCard

from gonerd.card import package_card_text
from gonerd.cli import main
from gonerd.schema import ENTITY_TYPES, NER_TAGS

REPO = Path(__file__).resolve().parents[2]
SECTIONS = ["## Loading", "## Motivation", "## Composition", "### Fields", "## Collection process",
            "## Cleaning and filtering", "## Annotation process", "## Splits", "## Uses", "### Out-of-scope uses",
            "## Bias and limitations", "## Personal information", "## Licence", "## Maintenance", "## Citation"]
# the values the Hub accepts (huggingface_hub.DatasetCardData's documentation)
SIZE_CATEGORIES = {"n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M", "1M<n<10M", "10M<n<100M", "100M<n<1B"}
CREATORS = {"found", "crowdsourced", "expert-generated", "machine-generated", "no-annotation", "other"}


def card(folder: Path, *args: str, cards_dir: Path | None = None):
    extra = ["--cards-dir", str(cards_dir)] if cards_dir else []
    result = CliRunner().invoke(main, ["card", str(folder), *args, *extra])
    assert result.exit_code == 0, result.output
    return DatasetCard.load(folder / "README.md")


def test_card_metadata_validates_and_the_folder_still_loads(built_dataset, tmp_path):
    before = DatasetCard.load(built_dataset / "README.md").data.to_dict()
    loaded = card(built_dataset, "--license", "cc-by-4.0", cards_dir=tmp_path / "cards")
    meta = loaded.data.to_dict()
    # kept exactly: the build's configs and dataset_info
    assert meta["configs"] == before["configs"] and meta["dataset_info"] == before["dataset_info"]
    assert meta["license"] == "cc-by-4.0" and meta["language"] == ["en"]
    assert meta["task_categories"] == ["token-classification"] and meta["task_ids"] == ["named-entity-recognition"]
    assert meta["size_categories"] == ["n<1K"] and set(meta["size_categories"]) <= SIZE_CATEGORIES
    assert meta["annotations_creators"] == ["expert-generated"] and set(meta["annotations_creators"]) <= CREATORS
    assert meta["source_datasets"] == ["original"] and meta["pretty_name"] == "gonerd"
    # what datasets itself reads from the card
    configs = MetadataConfigs.from_dataset_card_data(loaded.data)
    assert [f["split"] for f in configs["default"]["data_files"]] == ["train", "validation", "test"]
    infos = DatasetInfosDict.from_dataset_card_data(loaded.data)
    features = infos["default"].features
    assert features["ner_tags"].feature.names == list(NER_TAGS)
    assert features["entities"].feature["label"].names == list(ENTITY_TYPES)
    # the YAML round-trips through huggingface_hub's classes unchanged
    assert DatasetCard(str(loaded)).data.to_dict() == meta
    ds = datasets.load_dataset(str(built_dataset))
    assert sum(len(ds[s]) for s in ds) == 13
    assert ds["train"].features["ner_tags"].feature.names == list(NER_TAGS)
    copy = (tmp_path / "cards" / "gonerd.md").read_text()  # the same card, linking the copied statistics
    assert copy == (built_dataset / "README.md").read_text().replace("stats/", "gonerd-stats/")
    assert (tmp_path / "cards" / "gonerd-stats" / "length_histogram.png").is_file()


def test_card_datasheet_figures_come_from_the_stats_and_the_build_report(built_dataset):
    loaded = card(built_dataset)
    text = loaded.text
    positions = [text.index(s) for s in SECTIONS]
    assert positions == sorted(positions)
    stats = json.loads((built_dataset / "stats" / "stats.json").read_text())
    report = json.loads((built_dataset / "build_report.json").read_text())
    overall = stats["datasets"][0]["all_splits"]["all"]
    assert f"{overall['documents']} documents (" in text
    assert f"{overall['entities']['total']:,} entities" in text
    # the accounting table of the build, step by step
    for step in report["steps"]:
        row = f"| {step['step']} | {step['in']:,} | {step['out']:,} | {sum(step['dropped'].values()):,} |"
        assert row in text
    # overlap, personal information (with the libraries that found it), plots linked and present
    test_overlap = stats["datasets"][0]["overlap_with_train"]["test"]
    assert f"| test | {test_overlap['mentions']:,} | {test_overlap['seen_in_train']:,} |" in text
    assert "| train | 0 | 0 | 0 | 0 |" in text  # the test corpus has no e-mail, phone or IP address
    assert "phonenumbers" in text and "datatrove" in text
    for png in ("length_histogram.png", "entities_per_type.png", "entity_density.png"):
        assert f"(stats/{png})" in text and (built_dataset / "stats" / png).is_file()
    # usage snippet: never the absolute local path
    assert str(built_dataset) not in text
    assert 'load_dataset("ds")' in text
    assert "No inter-annotator agreement summary" in text
    assert "@inproceedings{brown-etal-2023-efficient" in text


def test_an_agreement_summary_written_after_the_stats_reaches_the_card(built_dataset):
    card(built_dataset)  # statistics computed now, without an agreement summary
    assert not json.loads((built_dataset / "stats" / "stats.json").read_text())["datasets"][0].get("agreement")
    summary = {"format": "gonerd-agreement-summary/1", "annotators": 2, "span_f1_exact": 0.8125,
               "krippendorff_alpha_tokens": 0.7071}
    (built_dataset / "agreement.json").write_text(json.dumps(summary))
    text = card(built_dataset).text  # the stats are not recomputed, the folder's summary is read as it is now
    assert "No inter-annotator agreement summary" not in text
    assert "| span_f1_exact | 0.812 |" in text and "| krippendorff_alpha_tokens | 0.707 |" in text


def test_usage_snippet_shows_the_repo_id_once_published(built_dataset):
    assert 'load_dataset("org/gonerd-news")' in card(built_dataset, "--repo-id", "org/gonerd-news").text


def test_hand_written_sections_survive_regeneration(built_dataset, char_tokenizer):
    readme = built_dataset / "README.md"
    card(built_dataset)
    text = readme.read_text()
    motivation = "We built this to test long-range coreference of court names.\n"
    text = text.replace(text[text.index("<!-- gonerd:manual motivation -->"):
                             text.index("<!-- gonerd:end motivation -->")],
                        "<!-- gonerd:manual motivation -->\n" + motivation)
    text = text.replace("<!-- gonerd:manual bias -->\n", "<!-- gonerd:manual bias -->\nCourts of one state only.\n")
    text += "\n<!-- gonerd:manual errata -->\nDocument u123 has a wrong date.\n<!-- gonerd:end errata -->\n"
    readme.write_text(text)
    second = card(built_dataset, "--tokenizer", str(char_tokenizer)).text
    assert motivation in second and "Most named-entity-recognition sets" not in second
    assert "<!-- gonerd:manual bias -->\nCourts of one state only.\n<!-- gonerd:end bias -->" in second
    assert "## Additional notes" in second and "Document u123 has a wrong date." in second
    assert f"In {char_tokenizer.name} subword tokens, the median document" in second  # generated parts did change
    third = card(built_dataset).text  # and a third run changes nothing
    assert third == second


def test_the_build_card_has_no_absolute_path(built_once):
    text = (built_once / "README.md").read_text()
    assert str(built_once) not in text and 'load_dataset("ds")' in text


def test_crawl_settings_appear_in_the_collection_section(built_dataset, tmp_path):
    from gonerd.scrape.manifest import Manifest
    from gonerd.scrape.settings import ScrapeSettings

    crawl = tmp_path / "crawl"
    crawl.mkdir()
    manifest = Manifest(crawl / "manifest.sqlite")
    run = manifest.start_run("news", {k: v for k, v in asdict(ScrapeSettings(delay=3.0)).items()
                                      if k != "user_agent"})
    for i, status in enumerate(["fetched", "fetched", "failed"]):
        manifest.add(f"https://news.example.com/{i}", "page", document=True)
        manifest.set_status(f"https://news.example.com/{i}", status)
    manifest.finish_run(run, {})
    manifest.close()
    text = card(built_dataset, "--crawl", str(crawl)).text
    assert "Crawl `crawl` (`gonerd scrape`, 1 run(s)" in text
    assert "1 failed, 2 fetched" in text and "robots.txt obeyed: True" in text
    assert "seconds between requests to a host: 3.0" in text


def test_card_refuses_a_folder_that_is_not_a_build(tmp_path):
    (tmp_path / "x").mkdir()
    result = CliRunner().invoke(main, ["card", str(tmp_path / "x")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "not a card written by gonerd build" in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)


def test_package_card_is_generated_from_the_schema():
    """gonerd/README.md is what `python -m gonerd.card` writes (regenerate it after a schema change)."""
    assert (REPO / "gonerd" / "README.md").read_text(encoding="utf-8") == package_card_text()


def test_load_dataset_gonerd_by_name_from_the_repository_root(built_once, hand_dataset, tmp_path, monkeypatch):
    """The repository layout in miniature: gonerd/README.md (the real one) and the default build in build/gonerd;
    a rebuild is what the next load_dataset("gonerd") returns (datasets would serve the old one from its cache)."""
    from gonerd.datasets_cache import forget_cached_loads

    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", tmp_path / "hf-cache")  # a cache of this test's own
    root = tmp_path / "repo"
    (root / "gonerd").mkdir(parents=True)
    shutil.copy(REPO / "gonerd" / "README.md", root / "gonerd" / "README.md")
    shutil.copytree(built_once, root / "build" / "gonerd")
    monkeypatch.chdir(root)
    ds = datasets.load_dataset("gonerd")
    assert sorted(ds) == ["test", "train", "validation"] and sum(len(ds[s]) for s in ds) == 13
    assert ds["train"].features["ner_tags"].feature.names == list(NER_TAGS)
    assert ds["train"].features["source_type"].names == ["news", "legal"]
    assert not [p for p in (root / "gonerd").iterdir() if p.name != "README.md"]  # nothing written there

    # a rebuild replaces build/gonerd (here: by another dataset of 5 documents), then forgets the cached loads
    shutil.rmtree(root / "build" / "gonerd")
    shutil.copytree(hand_dataset, root / "build" / "gonerd")
    removed = forget_cached_loads(root / "build" / "gonerd")
    assert len(removed) == 1  # the entry of load_dataset("gonerd"); build/gonerd was never loaded by path
    ds = datasets.load_dataset("gonerd")
    assert sorted(ds["test"]["id"]) == ["d3", "d4"] and sum(len(ds[s]) for s in ds) == 5


@pytest.mark.parametrize("split", ["train", "validation", "test"])
def test_package_card_points_at_the_default_build(split):
    meta = DatasetCard(package_card_text()).data.to_dict()
    files = {f["split"]: f["path"] for f in meta["configs"][0]["data_files"]}
    assert files[split] == f"../build/gonerd/data/{split}-*.parquet"


def test_a_build_looks_up_the_datasets_cache_only_where_an_entry_can_exist(hand_dataset, tmp_path, monkeypatch):
    """datasets keeps a local folder's entries under <cache>/<snake-case folder name>/: when that directory is
    missing, forget_cached_loads returns at once (a build then never imports datasets: seconds of start-up)."""
    from gonerd.datasets_cache import datasets_cache_root, forget_cached_loads, may_be_cached, snake_case

    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", tmp_path / "hf-cache")
    folder = tmp_path / "MyNERSet"
    shutil.copytree(hand_dataset, folder)
    assert not may_be_cached(folder) and forget_cached_loads(folder) == []
    builder = datasets.load_dataset_builder(str(folder))
    datasets.load_dataset(str(folder))
    cache = Path(builder.cache_dir)
    assert cache.is_dir() and cache.is_relative_to(datasets_cache_root() / snake_case(folder.name))
    assert snake_case(folder.name) == "my_ner_set" and may_be_cached(folder)
    assert forget_cached_loads(folder) == [cache] and not cache.exists()


@pytest.mark.parametrize("env", [{"HF_HOME": "hf-home"}, {"XDG_CACHE_HOME": "xdg"}, {"HF_DATASETS_CACHE": "ds-cache"}])
def test_the_cache_root_is_found_as_datasets_finds_it(env, tmp_path):
    import os
    import subprocess
    import sys

    clean = {k: v for k, v in os.environ.items() if k not in ("HF_HOME", "XDG_CACHE_HOME", "HF_DATASETS_CACHE")}
    script = ("from gonerd.datasets_cache import datasets_cache_root\nours = datasets_cache_root()\n"
              "import datasets.config\nprint(ours == datasets.config.HF_DATASETS_CACHE, ours)")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          env={**clean, **{k: str(tmp_path / v) for k, v in env.items()}})
    assert done.stdout.startswith("True "), done.stdout + done.stderr
