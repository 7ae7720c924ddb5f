"""Reading sources, packing, mixtures."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("torch")


@pytest.fixture()
def bert_tokenizer(sources):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(sources["bert"])


def test_parse_source(tmp_path):
    from baselines.data.sources import parse_source

    path = tmp_path / "a.txt"
    path.write_text("x")
    assert parse_source(str(path)).ratio == 1.0
    spec = parse_source(f"{path}:0.7:512")
    assert (spec.path, spec.ratio, spec.max_tokens) == (str(path), 0.7, 512)
    hub = parse_source("hub:oscar-corpus/OSCAR-2201@en:0.3")
    assert hub.is_hub and hub.path == "hub:oscar-corpus/OSCAR-2201@en" and hub.ratio == 0.3
    with pytest.raises(FileNotFoundError, match="hub:NAME"):
        parse_source(str(tmp_path / "missing.jsonl"))
    with pytest.raises(ValueError, match="RATIO"):
        parse_source(f"{path}:0")
    with pytest.raises(ValueError, match="MAX_TOKENS"):
        parse_source(f"{path}:1:2.5")
    licence = tmp_path / "LICENSE"  # a file of unknown format fails here, before any model is loaded
    licence.write_text("text")
    with pytest.raises(ValueError, match="unknown format"):
        parse_source(str(licence))
    (tmp_path / "empty-folder").mkdir()
    with pytest.raises(ValueError, match="unknown format"):
        parse_source(str(tmp_path / "empty-folder"))


def test_iter_documents_formats(tmp_path):
    import datasets

    from baselines.data.sources import iter_documents, parse_source

    txt = tmp_path / "blocks.txt"
    txt.write_text("first doc\nline two\n\n\nsecond doc\n")
    assert list(iter_documents(parse_source(str(txt)))) == ["first doc\nline two", "second doc"]

    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "b.txt").write_text("doc b\n\nstill b")
    (folder / "a.txt").write_text("doc a")
    assert list(iter_documents(parse_source(str(folder)))) == ["doc a", "doc b\n\nstill b"]

    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("\n".join(json.dumps({"text": t, "id": i}) for i, t in enumerate(["one", "two"])) + "\n")
    assert list(iter_documents(parse_source(str(jsonl)))) == ["one", "two"]
    with pytest.raises(KeyError, match="--text-field"):
        list(iter_documents(parse_source(str(jsonl)), text_field="body"))

    built = tmp_path / "gonerd-dataset"
    (built / "data").mkdir(parents=True)
    datasets.Dataset.from_dict({"text": ["alpha", "beta"], "tokens": [["alpha"], ["beta"]]}).to_parquet(
        str(built / "data" / "train-00000-of-00001.parquet"))
    assert list(iter_documents(parse_source(str(built)))) == ["alpha", "beta"]


def test_pack_cuts_the_token_stream(bert_tokenizer):
    from baselines.data.packing import pack

    docs = ["the court heard the case " * 20, "judges in paris " * 5]
    sequences = list(pack(docs, bert_tokenizer, 32))
    assert all(len(s) == 32 for s in sequences[:-1]) and 2 < len(sequences[-1]) <= 32
    assert all(s[0] == bert_tokenizer.cls_token_id and s[-1] == bert_tokenizer.sep_token_id for s in sequences)
    body = [t for s in sequences for t in s[1:-1]]
    expected = []
    for doc in docs:
        expected += bert_tokenizer(doc, add_special_tokens=False)["input_ids"] + [bert_tokenizer.sep_token_id]
    assert body == expected[: len(body)] and len(expected) - len(body) <= 1


def test_mixture_ratios_and_stopping(bert_tokenizer, tmp_path):
    """Sources are mixed by ratio (datasets.interleave_datasets); first_exhausted ends with the first source to
    run out, all_exhausted repeats the smaller source until every source was read once."""
    from baselines.data.packing import training_data

    def source(name, documents):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps({"text": f"{name} the court heard the case"}) + "\n"
                                for _ in range(documents)))
        return path

    big, small = source("big", 3000), source("small", 40)
    n_small = training_data([f"{small}:1:10"], bert_tokenizer, 64)[1]["sequences"]
    n_big = training_data([f"{big}:1:10"], bert_tokenizer, 64)[1]["sequences"]
    assert n_big > 20 * n_small
    _, summary = training_data([f"{big}:0.7:10", f"{big}:0.3:10"], bert_tokenizer, 64, seed=1)
    long_share = summary["sequences_per_source"][0] / summary["sequences"]
    assert 0.65 < long_share < 0.75, summary
    _, summary = training_data([f"{small}:0.5:10", f"{big}:0.5:10"], bert_tokenizer, 64, seed=0)
    small_rows, big_rows = summary["sequences_per_source"]
    assert small_rows == n_small and big_rows < 3 * n_small  # stops when "small" runs out
    every, summary = training_data([f"{small}:0.5:10", f"{big}:0.5:10"], bert_tokenizer, 64, seed=0,
                                   stopping="all_exhausted")
    small_rows, big_rows = summary["sequences_per_source"]
    assert big_rows == n_big and small_rows > 10 * n_small  # "small" repeats until "big" is read through
    assert [row["index"] for row in every.select(range(5))] == [0, 1, 2, 3, 4]
    with pytest.raises(ValueError, match="--stopping"):
        training_data([str(small)], bert_tokenizer, 64, stopping="never")


def test_training_data_mixes_long_and_short_lengths(bert_tokenizer, corpus, tmp_path):
    from baselines.data.packing import training_data

    data, summary = training_data([f"{corpus}:0.5", f"{corpus}:0.5:16"], bert_tokenizer, 64, seed=3)
    lengths = Counter(len(row["input_ids"]) for row in data)
    assert lengths[64] > 0 and lengths[16] > 0 and max(lengths) == 64
    assert summary["sequences"] == len(data) and sum(summary["sequences_per_source"]) == len(data)
    with pytest.raises(ValueError, match="exceeds"):
        training_data([f"{corpus}:1:128"], bert_tokenizer, 64)
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    with pytest.raises(ValueError, match="gave no text"):
        training_data([str(empty)], bert_tokenizer, 64)
    again, _ = training_data([f"{corpus}:0.5", f"{corpus}:0.5:16"], bert_tokenizer, 64, seed=3)
    assert again["input_ids"] == data["input_ids"]  # the mixture is a function of the seed
    other, _ = training_data([f"{corpus}:0.5", f"{corpus}:0.5:16"], bert_tokenizer, 64, seed=4)
    assert other["input_ids"] != data["input_ids"]


def test_hub_sources_are_streamed(bert_tokenizer, corpus, monkeypatch):
    """hub:NAME[@CONFIG] goes to datasets.load_dataset(..., streaming=True) and gives a re-iterable stream."""
    import datasets

    from baselines.arguments import TrainingArguments
    from baselines.data.packing import training_data
    from baselines.training import trainer_arguments

    calls = []

    def fake_load_dataset(name, config=None, split=None, streaming=False):
        calls.append((name, config, split, streaming))
        return iter([{"text": "the court heard the case " * 30}, {"text": "judges in paris"}])

    monkeypatch.setattr(datasets, "load_dataset", fake_load_dataset)
    data, summary = training_data(["hub:oscar-corpus/OSCAR-2201@en"], bert_tokenizer, 64)
    assert isinstance(data, datasets.IterableDataset) and summary["streaming"]
    first, second = list(data), list(data)
    assert first == second and all(len(x["input_ids"]) <= 64 for x in first) and len(first) > 2
    assert calls[0] == ("oscar-corpus/OSCAR-2201", "en", "train", True)
    assert [x["index"] for x in first] == list(range(len(first)))
    mixed, summary = training_data(["hub:oscar-corpus/OSCAR-2201@en", f"{corpus}:1:16"], bert_tokenizer, 64,
                                   stopping="all_exhausted", max_examples=5)
    rows = list(mixed)
    assert summary["streaming"] and [x["index"] for x in rows] == [0, 1, 2, 3, 4]
    assert {len(x["input_ids"]) for x in rows} & {16}  # the local source is mixed into the stream
    with pytest.raises(ValueError, match="--max-steps"):
        trainer_arguments(Path("unused"), TrainingArguments(), streaming=True)


def test_masking_depends_on_seed_epoch_and_index_only(bert_tokenizer, corpus):
    """An example's mask is the same whatever the global RNG, its batch partners or the batch's padding; it
    changes with the epoch (dynamic masking) and the seed."""
    import torch
    from transformers import BertConfig

    from baselines.data.masking import mlm_collator
    from baselines.data.packing import training_data

    data, _ = training_data([f"{corpus}:1:48"], bert_tokenizer, 64, max_examples=4)
    collator = mlm_collator(bert_tokenizer, BertConfig(), mlm_probability=0.3, seed=3)
    torch.manual_seed(0)
    alone = collator([data[1]])
    torch.manual_seed(123)
    longer = dict(data[2], input_ids=data[2]["input_ids"] * 2)  # a longer partner: data[1] is padded
    together = collator([longer, data[1]])
    length = len(data[1]["input_ids"])
    assert together["input_ids"].size(1) > length and (together["labels"][1, length:] == -100).all()
    assert torch.equal(alone["labels"][0], together["labels"][1, :length])
    assert torch.equal(alone["input_ids"][0], together["input_ids"][1, :length])
    assert (alone["labels"] != -100).any()
    collator.epoch = 1
    assert not torch.equal(collator([data[1]])["labels"], alone["labels"])
    collator.epoch = 0
    other_seed = mlm_collator(bert_tokenizer, BertConfig(), mlm_probability=0.3, seed=4)
    assert not torch.equal(other_seed([data[1]])["labels"], alone["labels"])
    assert "index" not in alone and set(alone) == {"input_ids", "attention_mask", "labels"}
    unindexed = collator([{"input_ids": data[1]["input_ids"]}])  # no index: one generator seeded by the seed
    assert unindexed["labels"].shape == alone["labels"].shape


def test_epoch_callback_sets_the_masking_epoch():
    import types

    from baselines.training import EpochCallback

    def epochs(states):
        collator = types.SimpleNamespace(epoch=None)
        callback = EpochCallback(collator)
        seen = []
        for epoch in states:
            callback.on_epoch_begin(None, types.SimpleNamespace(epoch=epoch), None)
            seen.append(collator.epoch)
        return seen

    assert epochs([0.0, 1.0, 2.0]) == [0, 1, 2]  # a dataset with a length
    assert epochs([1.5, 2.0]) == [1, 2]  # resumed in the middle of epoch 1
    assert epochs([0.0, 0.4, 0.9]) == [0, 1, 2]  # a stream read through again: state.epoch stays below 1
