"""pith.Stats: the counts and the file format of `pith stats`, byte for byte."""

import functools

import pytest

import pith
from conftest import corpus_records, run_pith, write_jsonl


@pytest.fixture(scope="module")
def records():
    recs = corpus_records()
    for i, r in enumerate(recs):
        r["site"] = f"pub{i % 3}"
    return recs


def test_count_is_byte_for_byte_pith_stats(pith_bin, tmp_path, records):
    data = write_jsonl(tmp_path / "c.jsonl", records)
    for field, args in (("site", ["--source-field", "site"]), (None, [])):
        run_pith(pith_bin, "stats", data, *args, "-o", tmp_path / "cli.stats")
        cli = (tmp_path / "cli.stats").read_bytes()
        stats = pith.Stats.count(records, source_field=field)
        assert stats.to_bytes() == cli
        assert stats.documents == len(records)
        lines = [(str(data), i + 1, line) for i, line in enumerate(data.read_text().splitlines())]
        assert pith.Stats.count_jsonl(lines, source_field=field).to_bytes() == cli


def test_count_jsonl_counts_bad_lines_as_failed_as_pith_stats_does(pith_bin, tmp_path, records):
    data = write_jsonl(tmp_path / "c.jsonl", records[:10], extra_lines=["{oops", "", '{"id": 1}'])
    run_pith(pith_bin, "stats", data, "-o", tmp_path / "cli.stats")
    lines = [(str(data), i + 1, line) for i, line in enumerate(data.read_text().splitlines())]
    stats = pith.Stats.count_jsonl(lines)
    assert stats.failed == 2
    assert stats.to_bytes() == (tmp_path / "cli.stats").read_bytes()


def test_merge_of_shards_is_pith_stats_merge_and_order_free(pith_bin, tmp_path, records):
    shards = [records[i::3] for i in range(3)]
    paths = []
    for i, shard in enumerate(shards):
        data = write_jsonl(tmp_path / f"s{i}.jsonl", shard)
        run_pith(pith_bin, "stats", data, "--source-field", "site", "-o", tmp_path / f"s{i}.stats")
        paths.append(tmp_path / f"s{i}.stats")
    run_pith(pith_bin, "stats", "--merge", *paths, "-o", tmp_path / "all.stats")
    cli = (tmp_path / "all.stats").read_bytes()
    counted = [pith.Stats.count(s, source_field="site") for s in shards]
    for i, c in enumerate(counted):
        assert c.to_bytes() == paths[i].read_bytes()
    forward = functools.reduce(pith.Stats.merge, [pith.Stats.from_bytes(c.to_bytes()) for c in counted])
    backward = functools.reduce(pith.Stats.merge, [pith.Stats.from_bytes(c.to_bytes()) for c in reversed(counted)])
    assert forward.to_bytes() == backward.to_bytes() == cli
    assert forward == backward
    assert forward.documents == len(records)


def test_save_and_load_round_trip_and_the_cli_reads_it(pith_bin, tmp_path, records):
    stats = pith.Stats.count(records, source_field="site")
    path = tmp_path / "sub" / "py.stats"
    stats.save(path)
    assert path.read_bytes() == stats.to_bytes()
    assert pith.Stats.load(path) == stats
    assert pith.Stats.load(str(path)) == stats
    data = write_jsonl(tmp_path / "c.jsonl", records)
    with_file = run_pith(pith_bin, "clean", data, "-q", "--source-field", "site", "--stats", path)
    plain = run_pith(pith_bin, "clean", data, "-q", "--source-field", "site")
    assert with_file.returncode == 0
    assert with_file.stdout == plain.stdout


def test_bad_stats_raise(tmp_path):
    with pytest.raises(ValueError, match="not a pith stats file"):
        pith.Stats.from_bytes(b"hello, world, not stats")
    good = pith.Stats.count([{"text": "a line\nanother line"}]).to_bytes()
    with pytest.raises(ValueError):
        pith.Stats.from_bytes(good[:-3])
    bad = tmp_path / "bad.stats"
    bad.write_bytes(b"PITHSTAT garbage")
    with pytest.raises(ValueError, match="bad.stats"):
        pith.Stats.load(bad)
    with pytest.raises(ValueError, match="bad.stats"):
        pith.Cleaner(stats=bad)
    with pytest.raises(OSError):
        pith.Stats.load(tmp_path / "missing.stats")
    with pytest.raises(ValueError, match="record 0: no `text` field"):
        pith.Stats.count([{"url": "https://a.example/"}])


def test_empty_stats_and_repr():
    empty = pith.Stats()
    assert (empty.documents, empty.failed, empty.entries) == (0, 0, 0)
    assert pith.Stats.from_bytes(empty.to_bytes()) == empty
    assert "documents=0" in repr(empty)
