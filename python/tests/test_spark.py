"""The Spark job in local mode equals one `pith clean` run, record for record."""

import json
import os
import shutil
import sys

import pytest

from conftest import corpus_records, make_warc_corpus, run_pith, write_jsonl

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime", allow_module_level=True)

from pith import spark as pith_spark  # noqa: E402


def make_inputs(tmp_path):
    """A few hundred documents in three JSONL files (one gzipped): the
    corpus's text dumps and pages under several publishers each, a record
    without an id, a blank line, a bad line."""
    base = corpus_records()
    files = []
    for part in range(3):
        records = []
        for copy in range(2):
            for i, record in enumerate(base):
                r = dict(record)
                group = r["url"].split("//www.")[1].split(".example")[0]
                publisher = f"{group}-{part}{copy}"
                r["id"] = f"{part}/{copy}/{r['id']}"
                r["url"] = f"https://www.{publisher}.example/{i}"
                r["site"] = publisher
                records.append(r)
        extra = []
        if part == 1:
            extra = ['{"text": "A record without an id; its id is its line number, as in pith clean.\\nIt has two lines."}', "", "not json at all"]
        path = write_jsonl(tmp_path / f"part{part}.jsonl", records, extra)
        if part == 2:
            import gzip

            gz = tmp_path / "part2.jsonl.gz"
            gz.write_bytes(gzip.compress(path.read_bytes()))
            path.unlink()
            path = gz
        files.append(path)
    return files


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("pith-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield session
    session.stop()


def read_parts(folder):
    lines = []
    for part in sorted(p for p in os.listdir(folder) if p.startswith("part-")):
        with open(os.path.join(folder, part), encoding="utf-8") as f:
            lines.extend(f.read().splitlines())
    return lines


@pytest.mark.parametrize("source_field", [None, "site"])
def test_spark_output_equals_one_pith_clean_run(spark, pith_bin, tmp_path, source_field):
    inputs = make_inputs(tmp_path)
    args = ["--source-field", source_field] if source_field else []
    cli_out = tmp_path / "cli.jsonl"
    run_pith(pith_bin, "clean", *inputs, "-q", *args, "-o", cli_out)
    with open(cli_out, encoding="utf-8") as f:
        cli = f.read().splitlines()
    assert len(cli) > 300

    out = tmp_path / "spark"
    written = pith_spark.run(spark, [str(p) for p in inputs], str(out), source_field=source_field, min_partitions=2)
    got = read_parts(out)
    parts = [p for p in os.listdir(out) if p.startswith("part-")]
    assert len(parts) >= 4, parts
    assert written == len(cli)
    assert got == cli
    records = [json.loads(line) for line in got]
    assert sum(1 for r in records if "error" in r.get("pith", {})) == 1
    assert any(r["pith"].get("dropped", {}).get("freq.source") for r in records)


def test_spark_parquet_holds_the_same_records(spark, pith_bin, tmp_path):
    inputs = make_inputs(tmp_path)[:1]
    run_pith(pith_bin, "clean", *inputs, "-q", "-o", tmp_path / "cli.jsonl")
    with open(tmp_path / "cli.jsonl", encoding="utf-8") as f:
        cli = [json.loads(line) for line in f]
    out = tmp_path / "pq"
    pith_spark.run(spark, [str(p) for p in inputs], str(out), fmt="parquet", min_partitions=3)
    rows = spark.read.parquet(str(out)).select("id", "text", "title", "language").collect()
    got = sorted((r["id"], r["text"], r["title"], r["language"]) for r in rows)
    want = sorted((r["id"], r["text"], r.get("title"), r.get("language")) for r in cli)
    assert got == want


def test_the_command_line_runs_the_job(pith_bin, tmp_path):
    """`python -m pith.spark` end to end, in its own process."""
    import subprocess

    inputs = make_inputs(tmp_path)
    out = tmp_path / "cmd"
    glob = str(tmp_path / "part[01].jsonl")
    result = subprocess.run(
        [sys.executable, "-m", "pith.spark", "--master", "local[2]", "--output", str(out), glob],
        capture_output=True,
        text=True,
        env={**os.environ, "PYSPARK_PYTHON": sys.executable},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "records written" in result.stderr
    cli = run_pith(pith_bin, "clean", *inputs[:2], "-q", "--output-format", "jsonl")
    texts = lambda lines: [(json.loads(l).get("id"), json.loads(l).get("text")) for l in lines]  # noqa: E731
    # The glob's files are named by their URI in error messages; ids and texts are the CLI's.
    assert texts(read_parts(out)) == texts(cli.stdout.splitlines())


def cli_clean(pith_bin, tmp_path, inputs, *args):
    out = tmp_path / "cli.jsonl"
    run_pith(pith_bin, "clean", *inputs, "-q", *args, "-o", out)
    return out.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("warc_read", ["stream", "whole"])
def test_spark_on_warc_equals_pith_clean(spark, pith_bin, tmp_path, warc_read):
    """Three WARC files (gzipped per record, plain, gzipped whole under a
    name that does not say WARC), three partitions: the records of `pith
    clean`, and of `pith clean --stats` with `pith stats`' counts."""
    inputs = make_warc_corpus(tmp_path)
    cli = cli_clean(pith_bin, tmp_path, inputs)
    run_pith(pith_bin, "stats", *inputs, "-o", tmp_path / "all.stats")
    assert cli_clean(pith_bin, tmp_path, inputs, "--stats", tmp_path / "all.stats") == cli

    out = tmp_path / "spark"
    written = pith_spark.run(spark, [str(p) for p in inputs], str(out), warc_read=warc_read)
    got = read_parts(out)
    parts = [p for p in os.listdir(out) if p.startswith("part-")]
    assert len(parts) == 3, parts
    assert written == len(cli)
    assert got == cli
    by_id = lambda lines: sorted((r.get("id", ""), r.get("text")) for r in map(json.loads, lines))  # noqa: E731
    assert by_id(got) == by_id(cli)

    records = [json.loads(line) for line in got]
    # One record a page and one for the broken record; none for the
    # warcinfo, requests, PNG, 404, revisit and metadata records.
    ids = [r.get("id") or r["pith"].get("id") for r in records]
    assert "<urn:uuid:a-broken>" in ids and "<urn:uuid:b-resource>" in ids
    assert not any(i.endswith(("-request>", "a-png>", "a-404>", "revisit>", "meta>", "info>")) for i in ids)
    errors = [r["pith"] for r in records if "error" in r["pith"]]
    assert len(errors) == 1 and errors[0]["offset_in"] == "compressed"
    assert errors[0]["error"].startswith(f"{inputs[0]}: record at byte {errors[0]['offset']} (its gzip member)")
    # The publishers' chrome is only found with counts merged across files.
    assert sum(1 for r in records if r["pith"].get("dropped", {}).get("freq.source")) >= 6


def test_spark_on_jsonl_and_warc_mixed(spark, pith_bin, tmp_path):
    jsonl = make_inputs(tmp_path)
    warc = make_warc_corpus(tmp_path)
    inputs = [warc[1], jsonl[0], warc[0], jsonl[2], warc[2]]
    cli = cli_clean(pith_bin, tmp_path, inputs, "--source-field", "site")
    out = tmp_path / "spark"
    written = pith_spark.run(spark, [str(p) for p in inputs], str(out), source_field="site", min_partitions=2)
    assert written == len(cli)
    assert read_parts(out) == cli
    kinds = [("url" in r and r.get("http_status") is not None) for r in map(json.loads, cli)]
    assert any(kinds) and not all(kinds)


def test_the_command_line_reads_warc(pith_bin, tmp_path):
    """`python -m pith.spark` on WARC files read whole (sc.binaryFiles)."""
    import subprocess

    inputs = make_warc_corpus(tmp_path)
    out = tmp_path / "cmd"
    result = subprocess.run(
        [sys.executable, "-m", "pith.spark", "--master", "local[2]", "--warc-read", "whole", "--output", str(out)]
        + [str(p) for p in inputs],
        capture_output=True,
        text=True,
        env={**os.environ, "PYSPARK_PYTHON": sys.executable},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert read_parts(out) == cli_clean(pith_bin, tmp_path, inputs)
