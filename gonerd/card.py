"""The dataset card (README.md body) of a built dataset, from the template in ``data_cards/``."""

from __future__ import annotations

from importlib import resources
from string import Template
from typing import TYPE_CHECKING

from gonerd.schema import SPLITS

if TYPE_CHECKING:
    from gonerd.build import BuildResult


def load_template(name: str = "gonerd.md.tmpl") -> Template:
    return Template(resources.files("data_cards").joinpath(name).read_text(encoding="utf-8"))


def split_table(splits: dict) -> str:
    types = sorted({t for s in splits.values() for t in s["by_source_type"]})
    head = "| split | documents | " + " | ".join(types) + " | tokens | entities |"
    rule = "|---|---:|" + "---:|" * len(types) + "---:|---:|"
    rows = [head, rule]
    for name in SPLITS:
        s = splits.get(name)
        if s is None:
            continue
        by_type = " | ".join(str(s["by_source_type"].get(t, 0)) for t in types)
        rows.append(f"| {name} | {s['num_examples']} | {by_type} | {s['num_tokens']:,} | {s['num_entities']:,} |")
    return "\n".join(rows)


def render_card(result: BuildResult) -> str:
    config = result.config
    annotate = next((s for s in result.steps if s.step == "annotate"), None)
    notes = []
    if config.gold:
        notes.append("Gold entity spans come from a gold file (`annotation.kind == \"gold\"`).")
    if config.silver_pipeline:
        notes.append(f"Silver entity spans come from the spaCy pipeline `{config.silver_pipeline}`.")
    if annotate is not None and annotate.extra:
        details = ", ".join(f"{k} {v}" for k, v in sorted(annotate.extra.items()))
        notes.append(f"Entity accounting: {details}.")
    max_tokens = max((s.get("max_tokens", 0) for s in result.splits.values()), default=0)
    return load_template().substitute(
        name=config.name,
        load_path=str(result.out),
        seed=config.seed,
        ratios="/".join(f"{r:g}" for r in config.split_ratios),
        split_table=split_table(result.splits),
        tokenizer=config.tokenizer,
        num_inputs=result.steps[0].received if result.steps else 0,
        dedup_threshold=config.dedup_threshold,
        accounting=result.table(),
        annotation_note=" ".join(notes),
        max_tokens=f"{max_tokens:,}",
    )
