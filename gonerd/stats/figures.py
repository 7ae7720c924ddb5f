"""The figures of `gonerd stats`, computed with Arrow and NumPy over whole columns (no per-token Python loops).

Entities are read from the IOB2 tags, so every dataset (ours, CoNLL-2003, any token-classification set) is
measured the same way: an entity starts at a ``B-`` tag, or at an ``I-`` tag whose previous token is ``O``, of
another type, or in another document (counted as ``entities_starting_with_I``, which is 0 for valid IOB2); it goes
on over the ``I-`` tags of its type. Its surface form is its tokens joined by single spaces, its length is in
tokens. A mention of the test split "occurs in train" when a train entity has the same surface form and type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from gonerd.stats.subwords import LengthUnit, document_lengths

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from gonerd.stats.sources import SplitColumns, StatsDataset

THRESHOLDS: tuple[int, ...] = (512, 1024, 2048, 4096)
NO_SOURCE_TYPE = "(no source type)"


def entity_types(tag_names: list[str]) -> list[str]:
    """Entity types in the order their tags first appear (``B-PER`` -> ``PER``; a tag without prefix is a type)."""
    types: list[str] = []
    for tag in tag_names:
        if tag == "O":
            continue
        name = tag[2:] if tag[:2] in ("B-", "I-") else tag
        if name not in types:
            types.append(name)
    return types


@dataclass
class Entities:
    """Every entity of a split: its document (index in the split), type (index), length in tokens, surface form."""

    doc: np.ndarray
    type: np.ndarray
    length: np.ndarray
    surface: pa.Array
    starting_with_i: int


@dataclass
class SplitArrays:
    """One split, reduced to per-document, per-token and per-entity arrays."""

    words: np.ndarray  # tokens per document
    units: np.ndarray  # length per document in the length unit (= words for word tokens)
    tags: np.ndarray  # every token's tag id, documents concatenated
    token_doc: np.ndarray  # every token's document index
    source_type: np.ndarray | None  # per document (object array of str)
    annotation: np.ndarray | None
    entities: Entities


def extract_entities(tokens: pa.ChunkedArray, ner_tags: pa.ChunkedArray, tag_names: list[str]) -> Entities:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    types = entity_types(tag_names)
    prefix = np.array([0 if t == "O" else 2 if t.startswith("I-") else 1 for t in tag_names], dtype=np.int8)
    type_of = np.array([-1 if t == "O" else types.index(t[2:] if t[:2] in ("B-", "I-") else t) for t in tag_names],
                       dtype=np.int64)
    words = pc.list_value_length(tokens).to_numpy(zero_copy_only=False).astype(np.int64)
    tags = pc.list_flatten(ner_tags).to_numpy(zero_copy_only=False).astype(np.int64)
    if len(tags) != int(words.sum()):
        raise ValueError("ner_tags and tokens differ in length")
    p, t = prefix[tags], type_of[tags]
    first = np.zeros(len(tags), dtype=bool)
    starts_of_docs = (np.cumsum(words) - words)[words > 0]
    first[starts_of_docs] = True
    previous = np.concatenate([[-1], t[:-1]])
    inside = p != 0
    start = inside & ((p == 1) | first | (previous != t))
    starting_with_i = int(np.count_nonzero(start & (p == 2)))
    entity_id = np.cumsum(start) - 1
    lengths = np.bincount(entity_id[inside], minlength=int(start.sum())).astype(np.int64)
    start_at = np.flatnonzero(start)
    token_doc = np.repeat(np.arange(len(words)), words)
    flat_tokens = pc.list_flatten(tokens)
    entity_tokens = pc.take(flat_tokens, pa.array(np.flatnonzero(inside))).combine_chunks() if len(tags) else \
        pa.array([], pa.string())
    offsets = pa.array(np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64), pa.int64())
    grouped = pa.LargeListArray.from_arrays(offsets, entity_tokens)
    surface = pc.binary_join(grouped, " ")
    return Entities(token_doc[start_at], t[start_at], lengths, surface, starting_with_i)


def split_arrays(columns: SplitColumns, tag_names: list[str], unit: LengthUnit) -> SplitArrays:
    import numpy as np
    import pyarrow.compute as pc

    words = pc.list_value_length(columns.tokens).to_numpy(zero_copy_only=False).astype(np.int64)
    units = words if unit.unit == "word" else document_lengths(columns.tokens, unit)
    tags = pc.list_flatten(columns.ner_tags).to_numpy(zero_copy_only=False).astype(np.int32)  # int32: memory

    def strings(column):
        return None if column is None else np.asarray(column.to_numpy(zero_copy_only=False), dtype=object)

    return SplitArrays(
        words=words,
        units=units,
        tags=tags,
        token_doc=np.repeat(np.arange(len(words), dtype=np.int32), words),
        source_type=strings(columns.source_type),
        annotation=strings(columns.annotation),
        entities=extract_entities(columns.tokens, columns.ner_tags, tag_names),
    )


def describe(values: np.ndarray) -> dict:
    """total, mean, median, p95 (linear interpolation, NumPy's default) and max of per-document counts."""
    import numpy as np

    if len(values) == 0:
        return {"total": 0, "mean": 0.0, "median": 0.0, "p95": 0.0, "max": 0}
    return {
        "total": int(values.sum()),
        "mean": round(float(values.mean()), 4),
        "median": round(float(np.median(values)), 4),
        "p95": round(float(np.percentile(values, 95)), 4),
        "max": int(values.max()),
    }


def shares_longer(values: np.ndarray, thresholds: tuple[int, ...]) -> dict[str, float]:
    """Share of documents strictly longer than each threshold."""
    if len(values) == 0:
        return {str(t): 0.0 for t in thresholds}
    return {str(t): round(float((values > t).mean()), 6) for t in thresholds}


def entity_keys(entities: Entities, types: list[str]) -> pa.Array:
    """``TYPE<tab>surface`` per entity: the identity used for distinct forms and overlap."""
    import pyarrow as pa
    import pyarrow.compute as pc

    names = pc.take(pa.array(types, pa.large_string()), pa.array(entities.type))
    return pc.binary_join_element_wise(names, pc.cast(entities.surface, pa.large_string()),
                                       pa.scalar("\t", pa.large_string()))


def figures(arrays: SplitArrays, doc_mask: np.ndarray, tag_names: list[str], unit: LengthUnit,
            thresholds: tuple[int, ...]) -> dict:
    """Every per-group figure for the documents ``doc_mask`` selects."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    types = entity_types(tag_names)
    words = arrays.words[doc_mask]
    units = arrays.units[doc_mask]
    ent = arrays.entities
    ent_mask = doc_mask[ent.doc] if len(ent.doc) else np.zeros(0, dtype=bool)
    ent_types = ent.type[ent_mask]
    ent_lengths = ent.length[ent_mask]
    per_type = np.bincount(ent_types, minlength=len(types))
    total_tokens = int(words.sum())
    keys = pc.filter(entity_keys(ent, types), pa.array(ent_mask)) if len(ent_mask) else pa.array([], pa.string())
    surfaces = pc.filter(ent.surface, pa.array(ent_mask)) if len(ent_mask) else pa.array([], pa.string())
    distinct_per_type = {}
    for i, name in enumerate(types):
        selected = pc.filter(surfaces, pa.array(ent_types == i)) if len(surfaces) else surfaces
        distinct_per_type[name] = int(pc.count_distinct(selected).as_py()) if len(selected) else 0
    token_mask = doc_mask[arrays.token_doc] if len(arrays.token_doc) else np.zeros(0, dtype=bool)
    label_counts = np.bincount(arrays.tags[token_mask], minlength=len(tag_names))
    num_entities = len(ent_types)
    density = 1000 * num_entities / total_tokens if total_tokens else 0.0
    block = {
        "documents": int(doc_mask.sum()),
        "tokens": describe(words),
        "length": describe(units),
        "longer_than": shares_longer(units, thresholds),
        "entities": {"total": num_entities, "per_type": {n: int(c) for n, c in zip(types, per_type)}},
        "density_per_1000_tokens": round(density, 4),
        "density_per_type": {n: round(1000 * int(c) / total_tokens, 4) if total_tokens else 0.0
                             for n, c in zip(types, per_type)},
        "mean_entity_length": round(float(ent_lengths.mean()), 4) if num_entities else 0.0,
        "distinct_surface_forms": int(pc.count_distinct(keys).as_py()) if len(keys) else 0,
        "distinct_surface_forms_per_type": distinct_per_type,
        "labels": {n: int(c) for n, c in zip(tag_names, label_counts)},
    }
    if unit.unit == "word":  # the two blocks would repeat each other
        block["length"] = None
    return block


def overlap(train: SplitArrays, other: SplitArrays, types: list[str]) -> dict:
    """Share of ``other``'s mentions (and distinct forms) whose surface form and type occur in ``train``."""
    import numpy as np
    import pyarrow.compute as pc

    seen = pc.unique(entity_keys(train.entities, types))
    keys = entity_keys(other.entities, types)
    hit = pc.is_in(keys, value_set=seen).to_numpy(zero_copy_only=False).astype(bool) if len(keys) else \
        np.zeros(0, dtype=bool)
    distinct = pc.unique(keys)
    distinct_hit = int(pc.sum(pc.is_in(distinct, value_set=seen)).as_py() or 0) if len(distinct) else 0
    per_type = {}
    for i, name in enumerate(types):
        mask = other.entities.type == i
        n = int(mask.sum())
        per_type[name] = {"mentions": n, "seen_in_train": int(hit[mask].sum()),
                          "share": round(float(hit[mask].mean()), 6) if n else 0.0}
    n = len(hit)
    return {
        "mentions": n,
        "seen_in_train": int(hit.sum()),
        "share": round(float(hit.mean()), 6) if n else 0.0,
        "distinct_forms": len(distinct),
        "distinct_seen_in_train": distinct_hit,
        "distinct_share": round(distinct_hit / len(distinct), 6) if len(distinct) else 0.0,
        "per_type": per_type,
    }


def provenance(columns_annotation: np.ndarray | None, documents: int, default: str | None) -> dict[str, int]:
    from collections import Counter

    if columns_annotation is not None:
        return dict(sorted(Counter(columns_annotation.tolist()).items()))
    return {default or "unknown": documents}


def dataset_stats(dataset: StatsDataset, unit: LengthUnit, thresholds: tuple[int, ...] = THRESHOLDS) -> tuple[
        dict, dict[str, SplitArrays]]:
    """The figures of one dataset (per split, per source type, all splits) and the arrays they came from."""
    import numpy as np

    arrays = {split: split_arrays(cols, dataset.tag_names, unit) for split, cols in dataset.splits.items()}
    types = entity_types(dataset.tag_names)
    splits: dict[str, dict] = {}
    for split, arr in arrays.items():
        everything = np.ones(len(arr.words), dtype=bool)
        by_source = {}
        if arr.source_type is not None:
            for source in sorted(set(arr.source_type.tolist())):
                by_source[source] = figures(arr, arr.source_type == source, dataset.tag_names, unit, thresholds)
        splits[split] = {"all": figures(arr, everything, dataset.tag_names, unit, thresholds),
                         "by_source_type": by_source}
    combined = concatenate(list(arrays.values()))
    overall = {"all": figures(combined, np.ones(len(combined.words), dtype=bool), dataset.tag_names, unit,
                              thresholds), "by_source_type": {}}
    if combined.source_type is not None:
        for source in sorted(set(combined.source_type.tolist())):
            overall["by_source_type"][source] = figures(combined, combined.source_type == source,
                                                        dataset.tag_names, unit, thresholds)
    result = {
        "name": dataset.name,
        "origin": dataset.origin,
        "entity_types": types,
        "splits": splits,
        "all_splits": overall,
        "overlap_with_train": {s: overlap(arrays["train"], arr, types) for s, arr in arrays.items()
                               if s != "train" and "train" in arrays},
        "provenance": {s: provenance(arr.annotation, len(arr.words), dataset.provenance_default)
                       for s, arr in arrays.items()},
        "entities_starting_with_I": {s: arr.entities.starting_with_i for s, arr in arrays.items()},
        "notes": list(dataset.notes),
    }
    return result, arrays


def concatenate(parts: list[SplitArrays]) -> SplitArrays:
    """Several splits as one (document and token indices shifted)."""
    import numpy as np
    import pyarrow as pa

    doc_shift = np.cumsum([0] + [len(p.words) for p in parts[:-1]])
    has_source = all(p.source_type is not None for p in parts)
    has_annotation = all(p.annotation is not None for p in parts)
    return SplitArrays(
        words=np.concatenate([p.words for p in parts]),
        units=np.concatenate([p.units for p in parts]),
        tags=np.concatenate([p.tags for p in parts]),
        token_doc=np.concatenate([p.token_doc + s for p, s in zip(parts, doc_shift)]),
        source_type=np.concatenate([p.source_type for p in parts]) if has_source else None,
        annotation=np.concatenate([p.annotation for p in parts]) if has_annotation else None,
        entities=Entities(
            doc=np.concatenate([p.entities.doc + s for p, s in zip(parts, doc_shift)]),
            type=np.concatenate([p.entities.type for p in parts]),
            length=np.concatenate([p.entities.length for p in parts]),
            surface=pa.concat_arrays([p.entities.surface for p in parts]),
            starting_with_i=sum(p.entities.starting_with_i for p in parts),
        ),
    )
