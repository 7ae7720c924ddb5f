"""Reading shards: every file read by exactly one task, and the bytes spread evenly over the tasks."""

from __future__ import annotations

from pathlib import Path

from gonerd.steps.read import ReadInputs, balanced_shard


def _files(tmp_path: Path, sizes: list[int]) -> list[str]:
    paths = []
    for i, size in enumerate(sizes):
        path = tmp_path / f"page-{i:02d}.html"
        path.write_bytes(b"x" * size)
        paths.append(str(path))
    return paths


def test_every_file_in_exactly_one_shard_in_input_order(tmp_path):
    files = _files(tmp_path, [5, 90, 7, 3, 60, 1, 40, 8])
    shards = [balanced_shard(files, rank, 3) for rank in range(3)]
    assert sorted(p for shard in shards for p in shard) == sorted(files)
    for shard in shards:
        assert shard == [p for p in files if p in shard]
    assert balanced_shard(files, 0, 1) == files


def test_large_files_spread_where_round_robin_piles_them_up(tmp_path):
    # round robin (every second file) would give task 0 all four large pages: 4,000 bytes against 40
    files = _files(tmp_path, [1000, 10, 1000, 10, 1000, 10, 1000, 10])
    totals = [sum(Path(p).stat().st_size for p in balanced_shard(files, rank, 2)) for rank in range(2)]
    assert totals == [2020, 2020]


def test_missing_file_counts_as_empty_and_is_still_read_by_one_task(tmp_path):
    files = [*_files(tmp_path, [50, 50]), str(tmp_path / "gone.html")]
    shards = [balanced_shard(files, rank, 2) for rank in range(2)]
    assert sum(str(tmp_path / "gone.html") in shard for shard in shards) == 1


def test_read_step_uses_the_balanced_shards(tmp_path):
    files = _files(tmp_path, [3000, 20, 3000, 20])
    step = ReadInputs(files)
    read = [[path for path, _ in step.items(None, rank, 2)] for rank in range(2)]
    assert read == [balanced_shard(files, 0, 2), balanced_shard(files, 1, 2)]
    assert sorted(read[0] + read[1]) == sorted(files)
    assert {len(shard) for shard in read} == {2}


def test_files_of_equal_size_are_dealt_out_evenly(tmp_path):
    files = [str(tmp_path / f"gone-{i}") for i in range(10)] + _files(tmp_path, [0] * 6)  # unstat-able, and empty
    assert [len(balanced_shard(files, rank, 4)) for rank in range(4)] == [4, 4, 4, 4]
