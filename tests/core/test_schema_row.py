"""DocumentRecord.to_row is built field by field (for speed): it must stay the dataclass's full content."""

from dataclasses import asdict

from gonerd.schema import Annotation, DocumentRecord, Entity, features


def test_to_row_is_asdict_with_offsets_as_mappings():
    record = DocumentRecord(
        id="u1", source_type="news", source="n.example", url="https://n.example/a", title="T", published=None,
        text="Ann Lee met Bob.", entities=[Entity(0, 7, "PER", "Ann Lee")], tokens=["Ann", "Lee", "met", "Bob", "."],
        token_offsets=[(0, 3), (4, 7), (8, 11), (12, 15), (15, 16)], ner_tags=["B-PER", "I-PER", "O", "O", "O"],
        annotation=Annotation("gold", ["a1"]), num_tokens=5,
    )  # fmt: skip
    expected = asdict(record)
    expected["token_offsets"] = [{"start": s, "end": e} for s, e in record.token_offsets]
    row = record.to_row()
    assert row == expected
    assert set(row) == set(features())
    assert DocumentRecord.from_row(row) == record
    row["tokens"].append("x")  # a copy, not the record's own list
    assert record.tokens[-1] == "."


def test_the_schema_renderings_are_what_datasets_makes_of_the_features():
    """The build writes parquet and the README without importing datasets: each rendering of COLUMNS must be
    exactly datasets' own."""
    import json

    import datasets

    from gonerd.schema import COLUMNS, _features_dict, arrow_schema, features_yaml

    feats = features()
    assert features_yaml() == datasets.DatasetInfo(features=feats)._to_yaml_dict()["features"]
    assert _features_dict(COLUMNS) == feats.to_dict()
    assert arrow_schema().equals(feats.arrow_schema)
    ours, theirs = arrow_schema().metadata[b"huggingface"], feats.arrow_schema.metadata[b"huggingface"]
    assert json.loads(ours) == json.loads(theirs)


def test_parquet_written_without_datasets_reads_back_with_datasets(tmp_path):
    import datasets

    from gonerd.output import write_split_parquet

    record = DocumentRecord(
        id="u1", source_type="legal", source="court", url=None, title=None, published="2024-01-02",
        text="Ann Lee met Bob.", entities=[Entity(0, 7, "PER", "Ann Lee"), Entity(12, 15, "MISC", "Bob")],
        tokens=["Ann", "Lee", "met", "Bob", "."], token_offsets=[(0, 3), (4, 7), (8, 11), (12, 15), (15, 16)],
        ner_tags=["B-PER", "I-PER", "O", "B-MISC", "O"], annotation=Annotation("silver", [], "spacy:x"),
        num_tokens=5,
    )  # fmt: skip
    (tmp_path / "data").mkdir()
    write_split_parquet([record.to_row()], tmp_path / "data", "train")
    loaded = datasets.load_dataset("parquet", data_files=str(tmp_path / "data" / "*.parquet"))["train"]
    assert loaded.features == features()
    assert DocumentRecord.from_row(loaded[0]) == record
