"""The dataset card (``README.md``) of a built dataset: YAML metadata and a datasheet.

The body comes from the template in ``data_cards/`` with figures from the build report (``build_report.json``), the
statistics (``stats/stats.json`` of `gonerd stats`) and the data files (sources, dates). The metadata goes through
``huggingface_hub``'s :class:`~huggingface_hub.DatasetCardData`; ``configs`` and ``dataset_info`` written by the
build are kept as they are (a card written without them would stop ``load_dataset`` from finding the files or the
class names).

Blocks between ``<!-- gonerd:manual NAME -->`` and ``<!-- gonerd:end NAME -->`` are written by people: a
regenerated card keeps their content (blocks the template no longer has are kept under "Additional notes").
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from gonerd.errors import UserError
from gonerd.schema import SPLITS

if TYPE_CHECKING:
    from gonerd.build import BuildResult

MANUAL = re.compile(r"<!-- gonerd:manual (?P<name>[\w-]+) -->\n?(?P<body>.*?)<!-- gonerd:end (?P=name) -->", re.S)
STATS_DIR = "stats"
SIZE_BINS = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
             (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B"))
ANNOTATION_CREATORS = {"gold": "expert-generated", "silver": "machine-generated", "none": "no-annotation"}
# metadata a person may have edited in the YAML: an existing value wins over the generated one
KEEP_EXISTING = ("pretty_name", "license", "tags", "paperswithcode_id")
PACKAGE_DATA_GLOB = "../build/gonerd/data/{split}-*.parquet"


class CardError(UserError, ValueError):
    """A user error of `gonerd card` (not a dataset folder, unreadable card)."""


def load_template(name: str = "gonerd.md.tmpl") -> Template:
    return Template(resources.files("data_cards").joinpath(name).read_text(encoding="utf-8"))


# --- reading an existing card -------------------------------------------------------------------------------------

def read_card(path: str | Path) -> tuple[dict, str]:
    """``(metadata, body)`` of a README.md with a YAML header (``({}, "")`` when there is no file)."""
    from huggingface_hub import DatasetCard

    path = Path(path)
    if not path.is_file():
        return {}, ""
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise CardError(f"{path}:{line}: not UTF-8 (byte 0x{raw[exc.start]:02x}): not a dataset card") from None
    try:
        card = DatasetCard.load(path)
    except Exception as exc:  # yaml errors and huggingface_hub's own
        raise CardError(f"{path}: unreadable dataset card ({exc})") from exc
    return card.data.to_dict(), card.text


def read_card_header(path: str | Path) -> dict:
    return read_card(path)[0]


def manual_blocks(body: str) -> dict[str, str]:
    """Content of every hand-written block, by name."""
    return {m["name"]: m["body"] for m in MANUAL.finditer(body)}


def fill_manual(body: str, kept: dict[str, str]) -> str:
    """``body`` with its manual blocks' content replaced by ``kept`` (blocks not in ``kept`` keep the default)."""

    def replace(match: re.Match) -> str:
        name = match["name"]
        content = kept.get(name, match["body"])
        return f"<!-- gonerd:manual {name} -->\n{content}<!-- gonerd:end {name} -->"

    return MANUAL.sub(replace, body)


# --- what the card is made from -----------------------------------------------------------------------------------

@dataclass
class CardInputs:
    name: str
    load_name: str
    report: dict = field(default_factory=dict)  # build_report.json
    stats: dict | None = None  # stats.json
    stats_link: str | None = None  # the stats folder relative to the card (plots are linked from there)
    collection: dict | None = None  # sources and dates read from the data files
    crawls: list[dict] = field(default_factory=list)
    license: str = "unknown"

    @property
    def dataset_stats(self) -> dict | None:
        return self.stats["datasets"][0] if self.stats and self.stats.get("datasets") else None

    @property
    def config(self) -> dict:
        return self.report.get("config", {})


def relative_path(folder: str | Path) -> str | None:
    """``folder`` relative to the current directory when it is below it, else None."""
    folder, here = Path(folder).resolve(), Path.cwd().resolve()
    return folder.relative_to(here).as_posix() if folder.is_relative_to(here) and folder != here else None


def load_name_for(folder: str | Path, repo_id: str | None = None) -> str:
    """What a card's usage snippet loads: the Hub repo id once published, else the folder relative to the current
    directory (its name when it is not below it) — never an absolute local path, which breaks when it moves."""
    return repo_id or relative_path(folder) or Path(folder).resolve().name


def collection_facts(folder: Path) -> dict | None:
    """Documents per source and source type, and the range of publication dates, from the data files."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from gonerd.stats.sources import built_data_files, class_label_names

    files = built_data_files(folder)
    if not files:
        return None
    sources: dict[tuple[str, str], int] = {}
    dates: list[str] = []
    documents = dated = 0
    for paths in files.values():
        schema = pq.read_schema(paths[0])
        wanted = [c for c in ("source_type", "source", "published") if c in schema.names]
        table = pq.ParquetDataset([str(p) for p in paths]).read(columns=wanted)
        documents += table.num_rows
        names = class_label_names(schema).get("source_type")
        types = table["source_type"].to_pylist() if "source_type" in wanted else ["?"] * table.num_rows
        types = [names[t] if names and isinstance(t, int) else t for t in types]
        for st, src in zip(types, table["source"].to_pylist() if "source" in wanted else ["?"] * table.num_rows):
            sources[(st, src or "?")] = sources.get((st, src or "?"), 0) + 1
        if "published" in wanted:
            valid = pc.drop_null(table["published"])
            dated += len(valid)
            dates += [pc.min(valid).as_py(), pc.max(valid).as_py()] if len(valid) else []
    return {
        "documents": documents,
        "sources": [{"source_type": st, "source": src, "documents": n}
                    for (st, src), n in sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))],
        "dated_documents": dated,
        "earliest": min(dates) if dates else None,
        "latest": max(dates) if dates else None,
    }


def find_crawls(report: dict, extra: list[str | Path] = ()) -> list[dict]:
    """`gonerd scrape` output folders behind the build's inputs (a ``manifest.sqlite`` in an input or up to two
    folders above it), plus ``extra``: their runs, settings and last summary."""
    folders: list[Path] = [Path(p) for p in extra]
    for item in report.get("config", {}).get("inputs", []):
        path = Path(item)
        for candidate in (path, *list(path.parents)[:2]):
            if (candidate / "manifest.sqlite").is_file():
                folders.append(candidate)
                break
    crawls, seen = [], set()
    for folder in folders:
        folder = folder.resolve()
        if folder in seen:
            continue
        seen.add(folder)
        if not (folder / "manifest.sqlite").is_file():
            raise CardError(f"{folder}: no manifest.sqlite (not a `gonerd scrape` output folder)")
        crawls.append(read_crawl(folder))
    return crawls


def read_crawl(folder: Path) -> dict:
    db = sqlite3.connect(f"file:{folder / 'manifest.sqlite'}?mode=ro", uri=True)
    try:
        runs = [{"started": r[0], "finished": r[1], "command": r[2], "settings": json.loads(r[3] or "{}")}
                for r in db.execute("SELECT started, finished, command, settings FROM runs ORDER BY id")]
        statuses = dict(db.execute("SELECT status, COUNT(*) FROM urls WHERE document = 1 GROUP BY status"))
    finally:
        db.close()
    return {"name": folder.name, "runs": runs, "documents": statuses}


def inputs_for_folder(folder: Path, *, repo_id: str | None = None, license: str | None = None,
                      crawls: list[str | Path] = ()) -> CardInputs:
    from gonerd.stats import AGREEMENT_FILE, read_agreement

    folder = Path(folder)
    report_path = folder / "build_report.json"
    if not report_path.is_file():
        raise CardError(f"{folder}: not a dataset folder written by gonerd build (no build_report.json)")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    stats_path = folder / STATS_DIR / "stats.json"
    stats = json.loads(stats_path.read_text(encoding="utf-8")) if stats_path.is_file() else None
    if stats and stats.get("datasets") and (folder / AGREEMENT_FILE).is_file():
        # the folder's agreement summary as it is now (`gonerd annotate agreement --dataset` may have written it
        # after the statistics were computed)
        stats["datasets"][0]["agreement"] = read_agreement(folder / AGREEMENT_FILE)
    header = read_card_header(folder / "README.md")
    return CardInputs(
        name=header.get("pretty_name") or report.get("config", {}).get("name") or folder.name,
        load_name=load_name_for(folder, repo_id),
        report=report,
        stats=stats,
        stats_link=STATS_DIR if stats else None,
        collection=collection_facts(folder),
        crawls=find_crawls(report, list(crawls)),
        license=license or header.get("license") or "unknown",
    )


# --- rendering ----------------------------------------------------------------------------------------------------

def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def md_table(header: list[str], rows: list[list], align: str | None = None) -> str:
    from gonerd.stats.report import table

    return table(header, rows, align)


def summary(inputs: CardInputs) -> str:
    intro = ("A long-context named-entity-recognition dataset of news and legal web text in the style of **GONERD** "
             "(Brown et al., *Efficient Transformer Knowledge Distillation: A Performance Review*, EMNLP 2023 "
             "Industry Track, [arXiv:2311.13657](https://arxiv.org/abs/2311.13657)), built with the `gonerd` "
             "toolkit.")
    splits = inputs.report.get("splits", {})
    docs = sum(s["num_examples"] for s in splits.values())
    tokens = sum(s["num_tokens"] for s in splits.values())
    entities = sum(s["num_entities"] for s in splits.values())
    by_type: dict[str, int] = {}
    for s in splits.values():
        for k, v in s["by_source_type"].items():
            by_type[k] = by_type.get(k, 0) + v
    mix = ", ".join(f"{v:,} {k}" for k, v in sorted(by_type.items()))
    text = [intro, "", f"{docs:,} documents ({mix}), {tokens:,} tokens and {entities:,} entities (PER, ORG, LOC, "
                       "MISC). Documents are kept whole, never cut to a model's context length."]
    ds = inputs.dataset_stats
    if ds:
        unit = inputs.stats["length_unit"]
        block = ds["all_splits"]["all"]
        length = block["length"] or block["tokens"]
        text[-1] += (f" In {unit['label']}, the median document has {length['median']:,.0f}, the 95th percentile "
                     f"{length['p95']:,.0f} and the longest {length['max']:,}; {_pct(block['longer_than']['512'])} "
                     f"of the documents are longer than 512 and {_pct(block['longer_than']['4096'])} longer than "
                     "4,096.")
    else:
        longest = max((s.get("max_tokens", 0) for s in splits.values()), default=0)
        text[-1] += f" The longest has {longest:,} tokens."
    return "\n".join(text)


def split_table(splits: dict) -> str:
    types = sorted({t for s in splits.values() for t in s["by_source_type"]})
    rows = []
    for name in SPLITS:
        s = splits.get(name)
        if s is None:
            continue
        rows.append([name, f"{s['num_examples']:,}", *(f"{s['by_source_type'].get(t, 0):,}" for t in types),
                     f"{s['num_tokens']:,}", f"{s['num_entities']:,}"])
    return md_table(["split", "documents", *types, "tokens", "entities"], rows)


def composition(inputs: CardInputs) -> str:
    parts = [split_table(inputs.report.get("splits", {}))]
    ds = inputs.dataset_stats
    if not ds:
        parts.append("Length, entity, overlap and personal-information figures: run `gonerd card` on this folder "
                     "(it runs `gonerd stats` first).")
        return "\n\n".join(parts)
    from gonerd.stats.report import split_rows

    thresholds = inputs.stats["thresholds"]
    unit = inputs.stats["length_unit"]
    types = ds["entity_types"]
    header = ["split", "documents", "tokens", "mean", "median*", "p95*", "max*", *(f"> {t:,}*" for t in thresholds),
              "entities", "per 1k tokens", "mean entity length", "distinct forms"]
    parts.append(f"Per split and source type (\\* in {unit['label']}; entity length in tokens; distinct forms are "
                 "(surface form, type) pairs):")
    parts.append(md_table(header, split_rows(ds, thresholds)))
    rows = [[split, *(f"{g['all']['entities']['per_type'][t]:,}" for t in types),
             *(f"{g['all']['density_per_type'][t]:.1f}" for t in types)] for split, g in ds["splits"].items()]
    parts.append("Entities per type (count, then per 1,000 tokens):")
    parts.append(md_table(["split", *types, *(f"{t} /1k" for t in types)], rows))
    if inputs.stats_link:
        link = inputs.stats_link
        parts.append(f"![Document length]({link}/length_histogram.png)\n\n"
                     f"![Entities per type and split]({link}/entities_per_type.png)\n\n"
                     f"![Entity density by source type]({link}/entity_density.png)")
        parts.append(f"All figures: [`{link}/stats.md`]({link}/stats.md) and [`{link}/stats.json`]({link}/stats.json)"
                     " (`gonerd stats`).")
    return "\n\n".join(parts)


def collection(inputs: CardInputs) -> str:
    parts = []
    facts = inputs.collection
    if facts:
        shown = facts["sources"][:15]
        rows = [[s["source_type"], s["source"], f"{s['documents']:,}"] for s in shown]
        more = len(facts["sources"]) - len(shown)
        parts.append(f"{len(facts['sources'])} sources" + (f" (the {len(shown)} largest shown)" if more > 0 else "")
                     + ":")
        parts.append(md_table(["source type", "source", "documents"], rows, "llr"))
        if facts["earliest"]:
            parts.append(f"Publication dates (from the pages' metadata; {facts['dated_documents']:,} of "
                         f"{facts['documents']:,} documents have one): {facts['earliest']} to {facts['latest']}.")
        else:
            parts.append("No document has a publication date in its metadata.")
    for crawl in inputs.crawls:
        runs = crawl["runs"]
        first = min((r["started"] for r in runs), default=None)
        last = max((r["finished"] or r["started"] for r in runs), default=None)
        settings = runs[-1]["settings"] if runs else {}
        polite = ", ".join(
            f"{label} {settings[key]}" for key, label in (
                ("respect_robots", "robots.txt obeyed:"), ("delay", "seconds between requests to a host:"),
                ("host_concurrency", "requests at a time per host:"), ("concurrency", "requests at a time in all:"),
                ("max_crawl_delay", "longest Crawl-delay honoured (s):"), ("retries", "retries:"))
            if key in settings)
        docs = ", ".join(f"{n:,} {status}" for status, n in sorted(crawl["documents"].items()))
        parts.append(f"Crawl `{crawl['name']}` (`gonerd scrape`, {len(runs)} run(s), {first} to {last}): {docs}. "
                     f"Politeness: {polite}.")
    if not inputs.crawls:
        parts.append("The inputs were files given to `gonerd build`; no `gonerd scrape` manifest was found beside "
                     "them, so crawl dates and politeness settings are not recorded here (`gonerd card --crawl DIR` "
                     "adds them; or describe the collection in the block below).")
    return "\n\n".join(parts)


def cleaning(inputs: CardInputs) -> str:
    config = inputs.config
    steps = inputs.report.get("steps", [])
    received = steps[0]["in"] if steps else 0
    text = (f"{received:,} input items (files, JSONL lines, WARC records) went through main-text extraction "
            "(trafilatura), normalisation (ftfy, NFC, whitespace; legal page headers, line numbers and line-end "
            f"hyphenation removed), a language filter ({', '.join(config.get('languages', ['en']))}, py3langid "
            f"probability ≥ {config.get('min_language_score', 0.5)}), a length filter ({config.get('min_tokens')} "
            f"to {config.get('max_tokens')} tokens), exact and MinHash near-duplicate removal (estimated Jaccard "
            f"similarity ≥ {config.get('dedup_threshold')} of word {config.get('dedup_ngrams', 5)}-grams, "
            f"near duplicates: {config.get('dedup_action', 'drop')}), tokenisation (`{config.get('tokenizer')}`), "
            "annotation and splitting. Every document that entered a step was passed on or counted with its reason:")
    rows = [[s["step"], f"{s['in']:,}", f"{s['out']:,}", f"{sum(s['dropped'].values()):,}",
             ", ".join(f"{k} {v}" for k, v in sorted(s["dropped"].items(), key=lambda kv: (-kv[1], kv[0]))) or "–"]
            for s in steps]
    return text + "\n\n" + md_table(["step", "in", "out", "dropped", "reasons"], rows, "lrrrl")


def annotation(inputs: CardInputs) -> str:
    config = inputs.config
    parts = []
    if config.get("gold"):
        parts.append("Gold entity spans come from a gold file of character spans (`annotation.kind == \"gold\"`, "
                     "with the annotators' ids): for example the adjudicated output of a Label Studio campaign run "
                     "with the toolkit's `gonerd annotate` commands and the annotation guidelines "
                     "(`annotation/guidelines.md` in the toolkit).")
    if config.get("silver_pipeline"):
        parts.append(f"Silver entity spans come from the spaCy pipeline `{config['silver_pipeline']}` (its name and "
                     "version are in `annotation.model`); OntoNotes labels are mapped to PER/ORG/LOC/MISC.")
    if not parts:
        parts.append("The documents carry no entity annotation (`annotation.kind == \"none\"`).")
    annotate = next((s for s in inputs.report.get("steps", []) if s["step"] == "annotate"), None)
    if annotate and annotate.get("counts"):
        parts.append("Entity accounting: " + ", ".join(f"{k} {v:,}" for k, v in sorted(annotate["counts"].items()))
                     + ".")
    ds = inputs.dataset_stats
    if ds:
        kinds = sorted({k for p in ds["provenance"].values() for k in p})
        rows = [[split, *(f"{p.get(k, 0):,}" for k in kinds)] for split, p in ds["provenance"].items()]
        parts.append("Documents per annotation kind:\n\n" + md_table(["split", *kinds], rows))
        if ds.get("agreement"):
            from gonerd.stats.report import flatten

            rows = [[k, f"{v:.3f}" if isinstance(v, float) else str(v)] for k, v in flatten(ds["agreement"])]
            parts.append("Inter-annotator agreement of the annotation campaign (`agreement.json`):\n\n"
                         + md_table(["figure", "value"], rows, "lr"))
        else:
            parts.append("No inter-annotator agreement summary (`agreement.json`) was found in the dataset folder.")
    return "\n\n".join(parts)


def splits_section(inputs: CardInputs) -> str:
    config = inputs.config
    ratios = "/".join(f"{r:g}" for r in config.get("split_ratios", [0.6, 0.2, 0.2]))
    text = (f"Document-level splits, stratified by source type, seed {config.get('seed', 0)}, ratios {ratios} "
            "(train/validation/test, as in GONERD); members of a near-duplicate cluster never straddle splits.")
    ds = inputs.dataset_stats
    if ds and ds["overlap_with_train"]:
        rows = [[split, f"{o['mentions']:,}", f"{o['seen_in_train']:,}", _pct(o["share"]), _pct(o["distinct_share"])]
                for split, o in ds["overlap_with_train"].items()]
        text += ("\n\nEntity overlap with train (memorisation risk): the share of mentions, and of distinct "
                 "(surface form, type) pairs, of each split that also occur in train.\n\n"
                 + md_table(["split", "mentions", "seen in train", "share", "distinct forms seen"], rows))
    return text


def bias(inputs: CardInputs) -> str:
    lines = ["- English only: other languages were removed by the language filter.",
             "- Sources were chosen by the dataset's builder, not sampled: the documents over-represent the outlets "
             "and courts listed under *Collection process*, and the entities they write about."]
    facts = inputs.collection
    if facts and facts["sources"]:
        top = facts["sources"][0]
        lines.append(f"- {len(facts['sources'])} sources; the largest (`{top['source']}`) holds "
                     f"{_pct(top['documents'] / max(1, facts['documents']))} of the documents.")
    ds = inputs.dataset_stats
    if ds:
        block = ds["all_splits"]
        groups = block["by_source_type"]
        if groups:
            total = block["all"]["documents"]
            lines.append("- Source types: " + ", ".join(f"{k} {_pct(v['documents'] / max(1, total))}"
                                                        for k, v in groups.items())
                         + "; entity density differs by type: " + ", ".join(
                f"{k} {v['density_per_1000_tokens']:.1f} per 1,000 tokens" for k, v in groups.items()) + ".")
        if "test" in ds["overlap_with_train"]:
            lines.append(f"- {_pct(ds['overlap_with_train']['test']['share'])} of the test mentions occur in train "
                         "with the same type: scores on test partly measure memorisation.")
    config = inputs.config
    if config.get("silver_pipeline"):
        lines.append("- Silver annotations carry the errors and biases of the model that produced them.")
    return "\n".join(lines)


def personal_information(inputs: CardInputs) -> str:
    ds = inputs.dataset_stats
    if not ds or not ds.get("pii"):
        return ("Not counted yet: `gonerd card` on this folder counts e-mail addresses, phone numbers and IP "
                "addresses per split.")
    libs = inputs.stats.get("pii_libraries", {})
    rows = [[split, f"{c['email']:,}", f"{c['phone']:,}", f"{c['ip']:,}", f"{c['documents_with_any']:,}"]
            for split, c in ds["pii"].items()]
    versions = libs.get("versions", {})
    return ("The documents are public web pages and court opinions; they name people (that is the task) and may "
            "contain contact details. Found in the text, per split:\n\n"
            + md_table(["split", "e-mail addresses", "phone numbers", "public IPv4 addresses", "documents with any"],
                       rows)
            + "\n\nFound with: e-mail addresses — " + libs.get("email", "?")
            + f" (datatrove {versions.get('datatrove', '?')}); phone numbers — " + libs.get("phone", "?")
            + f" (phonenumbers {versions.get('phonenumbers', '?')}, default region {libs.get('phone_region', '?')}"
            "); IP addresses — " + libs.get("ip", "?") + ". IPv6 addresses are not detected. Nothing was removed or "
            "masked: the counts say what a user of the data will meet.")


def license_section(inputs: CardInputs) -> str:
    if inputs.license in ("unknown", "other"):
        return (f"Licence in the metadata: `{inputs.license}` (no licence was given: `gonerd card --license ID`). "
                "The texts remain their publishers' (news) or are court records; check the terms of each source "
                "before redistributing them.")
    return (f"Licence in the metadata: `{inputs.license}`, for the annotations and the dataset as compiled. The "
            "texts remain subject to their sources' terms (news publishers; court opinions are public records in "
            "most jurisdictions).")


def render_body(inputs: CardInputs, kept: dict[str, str] | None = None) -> str:
    """The card's Markdown body; ``kept`` are the manual blocks of the previous card."""
    kept = dict(kept or {})
    body = load_template().substitute(
        title=inputs.name,
        summary=summary(inputs),
        load_name=inputs.load_name,
        composition=composition(inputs),
        tokenizer=inputs.config.get("tokenizer", "blank:en"),
        collection=collection(inputs),
        cleaning=cleaning(inputs),
        annotation=annotation(inputs),
        splits=splits_section(inputs),
        bias=bias(inputs),
        pii=personal_information(inputs),
        license=license_section(inputs),
        additional="",
    )
    known = set(manual_blocks(body))
    orphans = {name: content for name, content in kept.items() if name not in known}
    body = fill_manual(body, kept)
    if orphans:
        body += "\n## Additional notes\n\n" + "\n".join(
            f"<!-- gonerd:manual {name} -->\n{content}<!-- gonerd:end {name} -->" for name, content in orphans.items())
        body += "\n"
    return body


def size_category(n: int) -> str:
    return next((label for limit, label in SIZE_BINS if n < limit), "1B<n<10B")


def card_metadata(inputs: CardInputs, existing: dict) -> dict:
    """The YAML header: generated fields, hand-edited ones kept, ``configs``/``dataset_info`` untouched."""
    splits = inputs.report.get("splits", {})
    documents = sum(s["num_examples"] for s in splits.values())
    ds = inputs.dataset_stats
    kinds = sorted({k for p in ds["provenance"].values() for k in p}) if ds else []
    if not kinds:
        config = inputs.config
        kinds = ["gold"] if config.get("gold") else ["silver"] if config.get("silver_pipeline") else ["none"]
    languages = inputs.config.get("languages", ["en"])
    generated = {
        "pretty_name": inputs.name,
        "license": inputs.license,
        "language": list(languages),
        "language_creators": ["found"],
        "multilinguality": ["monolingual" if len(languages) == 1 else "multilingual"],
        "annotations_creators": sorted({ANNOTATION_CREATORS.get(k, "other") for k in kinds}),
        "source_datasets": ["original"],
        "size_categories": [size_category(documents)],
        "task_categories": ["token-classification"],
        "task_ids": ["named-entity-recognition"],
        "tags": ["long-context", "ner", "gonerd",
                 *sorted({t for s in splits.values() for t in s.get("by_source_type", {})})],
    }
    merged = dict(generated)
    for key, value in existing.items():
        if key in KEEP_EXISTING and value:
            merged[key] = value
        elif key not in generated:
            merged[key] = value  # configs, dataset_info and anything a person added
    if inputs.license and inputs.license != existing.get("license") and inputs.license != "unknown":
        merged["license"] = inputs.license
    return merged


def render_card_text(metadata: dict, body: str) -> str:
    """The whole README.md, through huggingface_hub's card classes (which validate the YAML header)."""
    from huggingface_hub import DatasetCard, DatasetCardData

    data = DatasetCardData(**metadata)
    card = DatasetCard(f"---\n{data.to_yaml(original_order=list(metadata))}\n---\n\n{body}")
    return str(card)


def check_dataset_folder(folder: str | Path) -> dict:
    """The card metadata of a folder written by `gonerd build`; a CardError for anything else."""
    folder = Path(folder)
    existing = read_card_header(folder / "README.md")
    if not existing.get("configs") or not existing.get("dataset_info"):
        raise CardError(f"{folder}: no README.md with configs/dataset_info: not a card written by gonerd build")
    if not (folder / "build_report.json").is_file():
        raise CardError(f"{folder}: not a dataset folder written by gonerd build (no build_report.json)")
    return existing


def write_card(folder: str | Path, *, repo_id: str | None = None, license: str | None = None,
               crawls: list[str | Path] = (), cards_dir: str | Path | None = None) -> Path:
    """Regenerate ``folder/README.md`` (and ``cards_dir/<name>.md``); returns the README's path."""
    folder = Path(folder)
    existing = check_dataset_folder(folder)
    old_body = read_card(folder / "README.md")[1]
    inputs = inputs_for_folder(folder, repo_id=repo_id, license=license, crawls=crawls)
    metadata, kept = card_metadata(inputs, existing), manual_blocks(old_body)
    write_text_atomic(folder / "README.md", render_card_text(metadata, render_body(inputs, kept)))
    if cards_dir is not None:
        write_card_copy(folder, Path(cards_dir), inputs, metadata, kept)
    return folder / "README.md"


def write_card_copy(folder: Path, cards_dir: Path, inputs: CardInputs, metadata: dict, kept: dict) -> Path:
    """``cards_dir/<name>.md``, with its statistics (plots included) in ``cards_dir/<name>-stats/``."""
    import shutil

    name = safe_name(inputs.name)
    cards_dir.mkdir(parents=True, exist_ok=True)
    if inputs.stats_link:
        stats_copy = cards_dir / f"{name}-stats"
        shutil.rmtree(stats_copy, ignore_errors=True)
        shutil.copytree(folder / STATS_DIR, stats_copy)
        inputs.stats_link = stats_copy.name
    path = cards_dir / f"{name}.md"
    write_text_atomic(path, render_card_text(metadata, render_body(inputs, kept)))
    return path


def safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "dataset"


def write_text_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def render_card(result: BuildResult) -> str:
    """The card body `gonerd build` writes: build figures only (`gonerd card` adds the statistics)."""
    inputs = CardInputs(
        name=result.config.name,
        load_name=load_name_for(result.out),
        report={"config": result.config.to_dict(), "steps": [s.to_dict() for s in result.steps],
                "splits": result.splits},
        license="unknown",
    )
    return render_body(inputs)


# --- the card of the package folder: load_dataset("gonerd") from the repository root ------------------------------

def package_card_text() -> str:
    """``gonerd/README.md``: makes ``load_dataset("gonerd")``, run from the repository root, load ``build/gonerd``.

    ``datasets`` resolves the name ``gonerd`` to the package folder first; this card's ``configs`` point from there
    to the default build's parquet files, and ``dataset_info`` (from the schema) gives the ClassLabel names.
    """
    import datasets

    from gonerd.output import readme_yaml

    header = readme_yaml({s: 0 for s in SPLITS}, {}, pretty_name="gonerd (default build)", languages=["en"])
    header["configs"] = [{"config_name": "default", "data_files": [
        {"split": s, "path": PACKAGE_DATA_GLOB.format(split=s)} for s in SPLITS]}]
    header["dataset_info"] = {"features": datasets.DatasetInfo(features=_features())._to_yaml_dict()["features"]}
    body = (
        "# gonerd: the default build, by name\n\n"
        "This card is not documentation of the Python package: it lets `load_dataset(\"gonerd\")`, run from the "
        "repository root after `make demo` (or `gonerd build`), load the dataset in `build/gonerd/`. `datasets` "
        "resolves the name `gonerd` to this folder; the `configs` above point at `../build/gonerd/data/*.parquet`. "
        "No data file is ever stored in this folder.\n\n"
        "Generated from `gonerd/schema.py` by `python -m gonerd.card` (a test checks it is up to date).\n"
    )
    return render_card_text(header, body)


def _features():
    from gonerd.schema import features

    return features()


def write_package_card(path: str | Path | None = None) -> Path:
    path = Path(path) if path else Path(__file__).resolve().parent / "README.md"
    write_text_atomic(path, package_card_text())
    return path


if __name__ == "__main__":
    print(write_package_card())
