"""CoNLL-2003: the original ``eng.train`` / ``eng.testa`` / ``eng.testb`` files (4 columns, ``-DOCSTART-``, IOB1
tags converted to IOB2) or the Hub (``eriktks/conll2003``, see :mod:`loaders.hub`). ClassLabel names are
:data:`gonerd.schema.NER_TAGS`, CoNLL-2003's order on the Hub, so tag ids are the same from either source.

Rows are sentences as on the Hub; ``level="document"`` (files only: the Hub rows have lost the document
boundaries) gives one row per ``-DOCSTART-`` document.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gonerd.schema import NER_TAGS
from loaders.arrow import build_dataset
from loaders.conll import Level, load_conll
from loaders.errors import DataFormatError, LoaderError
from loaders.formats import token_classification_features
from loaders.hub import load_hub
from loaders.report import LoadReport
from loaders.splits import PathArg

if TYPE_CHECKING:
    import datasets

HUB_ID = "eriktks/conll2003"
HUB_REVISION = "refs/convert/parquet"  # main still holds conll2003.py, which datasets >= 4 refuses to run
COLUMNS = 4  # token, POS, chunk, NER


def load_conll2003(
    path: PathArg | None = None,
    *,
    report: LoadReport,
    level: Level = "sentence",
    columns: int | None = COLUMNS,
    encoding: str = "utf-8",
    hub_id: str = HUB_ID,
    revision: str | None = HUB_REVISION,
    cache_dir: str | Path | None = None,
) -> datasets.DatasetDict:
    if path is not None:
        return load_conll(path, report=report, label_names=NER_TAGS, level=level, columns=columns,
                          encoding=encoding, cache_dir=cache_dir)
    if level != "sentence":
        raise LoaderError("CoNLL-2003 from the Hub has sentence rows only (document boundaries are not kept); "
                          "pass path= with the original files for level='document'")
    import datasets

    hub = load_hub(hub_id, report=report, revision=revision, cache_dir=cache_dir)
    features = token_classification_features(NER_TAGS)
    out = datasets.DatasetDict()
    for split, rows in hub.items():
        names = tag_names_of(rows.features)
        out[split] = build_dataset(
            normalize_hub_rows(rows, names, source=f"{hub_id}[{split}]"), features, cache_dir=cache_dir, name=split
        )
        report.count(split, "rows", len(out[split]))
    return out


def tag_names_of(features: datasets.Features) -> Sequence[str] | None:
    """The ClassLabel names of a Hub ``ner_tags`` column, or None when it holds strings."""
    feature = getattr(features["ner_tags"], "feature", None)
    return list(feature.names) if hasattr(feature, "names") else None


def normalize_hub_row(row: dict[str, Any], names: Sequence[str] | None, *, source: str) -> dict[str, Any]:
    """A Hub row (``id``, ``tokens``, ``pos_tags``, ``chunk_tags``, ``ner_tags``) in our format, tag ids mapped by
    name to :data:`NER_TAGS` (whatever order the repo uses)."""
    tags = [names[t] for t in row["ner_tags"]] if names is not None else list(row["ner_tags"])
    if len(tags) != len(row["tokens"]):
        raise DataFormatError(f"{source}: row {row['id']}: {len(row['tokens'])} tokens but {len(tags)} tags")
    ids = []
    for tag in tags:
        if tag not in NER_TAGS:
            raise DataFormatError(f"{source}: row {row['id']}: tag {tag!r} is not a CoNLL-2003 tag")
        ids.append(NER_TAGS.index(tag))
    return {"id": str(row["id"]), "tokens": list(row["tokens"]), "ner_tags": ids}


def normalize_hub_rows(rows, names: Sequence[str] | None, *, source: str) -> Iterator[dict[str, Any]]:
    for row in rows:
        yield normalize_hub_row(row, names, source=source)
