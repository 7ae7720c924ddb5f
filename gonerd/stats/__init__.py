"""`gonerd stats`: what is in one or several NER datasets, side by side.

:func:`compute` returns the figures (JSON-ready); :func:`write` writes ``stats.json``, ``stats.md`` and the PNG
plots into a folder. Modules: ``sources`` (reading datasets as Arrow columns), ``subwords`` (the tokenizer and the
length unit), ``figures`` (the figures), ``pii`` (personal information), ``report`` (Markdown), ``plots`` (PNG).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from gonerd.errors import UserError

logger = logging.getLogger("gonerd.stats")

FORMAT = "gonerd-stats/1"
AGREEMENT_FILE = "agreement.json"
PLOT_FILES = {
    "Document length": "length_histogram.png",
    "Entities per type and split": "entities_per_type.png",
    "Entity density by source type": "entity_density.png",
}


class StatsError(UserError, ValueError):
    """A user error of `gonerd stats` (bad dataset, bad output folder)."""


def read_agreement(path: Path) -> dict | None:
    """The agreement summary an annotation campaign left (``agreement.json``, any JSON object), or None.

    A full report of `gonerd annotate agreement` (which lists pairs and disagreements by annotator) carries its
    dataset summary under ``summary``: that summary is what is read."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StatsError(f"{path}: not a JSON agreement summary ({exc})") from exc
    if not isinstance(data, dict):
        raise StatsError(f"{path}: the agreement summary must be a JSON object")
    if isinstance(data.get("summary"), dict):
        data = data["summary"]
    return data


def compute(specs: list[str], *, tokenizer: str | None = None, pii: bool = True, phone_region: str = "US",
            agreement: str | Path | None = None, thresholds: tuple[int, ...] | None = None,
            names: list[str] | None = None):
    """Figures of every dataset in ``specs`` (see :mod:`gonerd.stats.sources`) and the per-document lengths.

    Returns ``(report, lengths)``: the JSON-ready report and, per dataset name, the document lengths in the
    length unit (for the histogram). ``agreement`` overrides the first dataset's ``agreement.json``; ``names``
    replace the datasets' names in the report (default: the arguments as given).
    """
    import numpy as np

    from gonerd.stats import figures
    from gonerd.stats.pii import LIBRARIES, count_pii, library_versions
    from gonerd.stats.sources import DatasetSourceError, open_dataset
    from gonerd.stats.subwords import load_unit

    if pii:
        import phonenumbers

        if phone_region not in phonenumbers.SUPPORTED_REGIONS:
            raise StatsError(f"--phone-region {phone_region!r}: not a region phonenumbers knows (an ISO 3166 "
                             "two-letter code such as US, GB or DE)")
    thresholds = tuple(thresholds or figures.THRESHOLDS)
    unit = load_unit(tokenizer)
    report = {"format": FORMAT, "length_unit": unit.to_dict(), "thresholds": list(thresholds), "datasets": []}
    lengths: dict[str, np.ndarray] = {}
    for i, spec in enumerate(specs):
        try:
            dataset = open_dataset(spec, with_text=pii)
        except DatasetSourceError as exc:
            raise StatsError(str(exc)) from exc
        if "train" not in dataset.splits:
            dataset.notes.append("no train split: train→evaluation overlap is not computed")
        if names and i < len(names):
            dataset.name = names[i]
        result, arrays = figures.dataset_stats(dataset, unit, thresholds)
        summary_path = Path(agreement) if (agreement and i == 0) else (
            dataset.folder / AGREEMENT_FILE if dataset.folder else None)
        if agreement and i == 0 and not summary_path.is_file():
            raise StatsError(f"{summary_path}: no such agreement summary")
        result["agreement"] = read_agreement(summary_path) if summary_path else None
        result["pii"] = None
        if pii and any(c.text is not None for c in dataset.splits.values()):
            result["pii"] = {s: count_pii(c.text, phone_region) for s, c in dataset.splits.items()
                             if c.text is not None}
            report["pii_libraries"] = {**LIBRARIES, "versions": library_versions(), "phone_region": phone_region}
        report["datasets"].append(result)
        lengths[result["name"]] = np.concatenate([a.units for a in arrays.values()])
    return report, lengths


def write(report: dict, lengths: dict, out: str | Path) -> dict[str, Path]:
    """Write ``stats.json``, ``stats.md`` and the plots into ``out`` (replaced as a whole, atomically)."""
    from gonerd.output import staged_folder
    from gonerd.stats import plots
    from gonerd.stats.report import render_markdown

    out = Path(out)
    if out.exists() and any(out.iterdir()) and not (out / "stats.json").is_file():
        raise StatsError(f"{out} exists and holds no stats.json: it would be replaced; choose another --out")
    with staged_folder(out) as staging:
        figures = {
            PLOT_FILES["Document length"]: plots.length_histogram(lengths, report["length_unit"]["label"]),
            PLOT_FILES["Entities per type and split"]: plots.entities_per_type(report["datasets"]),
            PLOT_FILES["Entity density by source type"]: plots.entity_density(report["datasets"]),
        }
        for name, (fig, description) in figures.items():
            plots.save(fig, staging / name, description)
        (staging / "stats.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        (staging / "stats.md").write_text(render_markdown(report, PLOT_FILES), encoding="utf-8")
    files = {"json": out / "stats.json", "markdown": out / "stats.md"}
    files.update({name: out / name for name in figures})
    return files
