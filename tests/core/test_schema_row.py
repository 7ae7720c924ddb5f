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
