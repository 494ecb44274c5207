"""pith on Spark: count line statistics per partition, merge them, clean every partition.

    python -m pith.spark [--master URL] [--source-field NAME] [--format jsonl|parquet] \\
        --output DIR INPUT...

INPUT is a JSONL file (gzipped or not), a folder of them, or a glob, on any
file system Spark reads. The job runs the pipeline of ``pith clean``:

1. every partition's lines are counted (``Stats.count_jsonl``, as
   ``pith stats`` counts a shard);
2. the partitions' counts are merged with a tree reduce (``Stats.merge``:
   any order, the same bytes);
3. the merged counts are broadcast, and every partition is cleaned with them
   (``Cleaner.clean_jsonl``);
4. the records are written into DIR as JSONL part files (``part-00000``...,
   in input order), or as Parquet with ``--format parquet``.

Each record is the one ``pith clean`` writes (same ``id``, same ``text``, an
error record for a bad line), so the output equals one ``pith clean --stats``
run with the merged counts, and one plain ``pith clean`` run over the same
input. As with ``pith stats`` shards, copies of one article (a re-crawl, a
record written twice) are recognised within a partition: copies split across
partitions count once per partition.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from typing import Iterable, Iterator, List, Optional, Sequence, Tuple

from ._pith import Cleaner, Stats

#: Lines handed to pith at a time within a partition.
CHUNK = 2048

Line = Tuple[str, int, str]


def _chunks(lines: Iterable[Line], size: int = CHUNK) -> Iterator[List[Line]]:
    it = iter(lines)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def count_partition(lines: Iterable[Line], source_field: Optional[str]) -> Iterator[bytes]:
    """The line statistics of one partition, as stats-file bytes."""
    stats = Stats()
    for chunk in _chunks(lines):
        stats.merge(Stats.count_jsonl(chunk, source_field=source_field, threads=1))
    yield stats.to_bytes()


def merge_bytes(a: bytes, b: bytes) -> bytes:
    """Merges two stats files' bytes."""
    return Stats.from_bytes(a).merge(Stats.from_bytes(b)).to_bytes()


def clean_partition(
    lines: Iterable[Line],
    stats: Optional[bytes],
    source_field: Optional[str],
    rules: Sequence[str],
    min_docs: int,
) -> Iterator[str]:
    """The output records of one partition, as ``pith clean`` writes them."""
    cleaner = Cleaner(
        rules=list(rules),
        stats=Stats.from_bytes(stats) if stats is not None else None,
        min_docs=min_docs,
        source_field=source_field,
    )
    for chunk in _chunks(lines):
        yield from cleaner.clean_jsonl(chunk, threads=1)


_GLOB = set("*?[{")


def expand_inputs(spark, patterns: Sequence[str]) -> List[str]:
    """Every input file, in order: a file as given, a folder's files (walked
    sorted, hidden and ``_`` files left out), a glob's matches sorted."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    files: List[str] = []
    for pattern in patterns:
        path = jvm.org.apache.hadoop.fs.Path(pattern)
        fs = path.getFileSystem(conf)
        statuses = fs.globStatus(path)
        if statuses is None or len(statuses) == 0:
            raise FileNotFoundError(f"no input matches {pattern}")
        if not (_GLOB & set(pattern)) and len(statuses) == 1 and statuses[0].isFile():
            # A file named as such keeps its name, as pith clean names it.
            files.append(pattern)
            continue
        found = []
        for status in statuses:
            if status.isFile():
                found.append(status.getPath().toString())
                continue
            walk = fs.listFiles(status.getPath(), True)
            while walk.hasNext():
                found_path = walk.next().getPath()
                if not found_path.getName().startswith((".", "_")):
                    found.append(found_path.toString())
        files.extend(sorted(found))
    return files


def read_lines(spark, files: Sequence[str], min_partitions: Optional[int] = None):
    """An RDD of ``(name, line, text)`` for every line of every file, in
    order: ``line`` is the 1-based line number in its file, as pith counts."""
    sc = spark.sparkContext
    rdds = []
    for name in files:
        rdd = sc.textFile(name, minPartitions=min_partitions).zipWithIndex()
        rdds.append(rdd.map(lambda pair, name=name: (name, pair[1] + 1, pair[0])))
    return sc.union(rdds)


def run(
    spark,
    inputs: Sequence[str],
    output: str,
    source_field: Optional[str] = None,
    fmt: str = "jsonl",
    rules: Sequence[str] = (),
    min_docs: int = 3,
    no_freq: bool = False,
    min_partitions: Optional[int] = None,
) -> int:
    """Runs the job; returns the number of output records."""
    files = expand_inputs(spark, inputs)
    lines = read_lines(spark, files, min_partitions)
    lines.cache()
    stats = None
    if not no_freq:
        per_partition = lines.mapPartitions(lambda it: count_partition(it, source_field))
        stats = per_partition.treeReduce(merge_bytes)
    shared = spark.sparkContext.broadcast(stats)
    rules = list(rules)
    records = lines.mapPartitions(
        lambda it: clean_partition(it, shared.value, source_field, rules, min_docs)
    )
    records.cache()
    if fmt == "parquet":
        spark.read.json(records).write.parquet(output)
    else:
        records.saveAsTextFile(output)
    written = records.count()
    lines.unpersist()
    records.unpersist()
    return written


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pith.spark",
        description="Clean JSONL on Spark with pith: count, merge, broadcast, clean.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="JSONL files, folders or globs")
    parser.add_argument("--output", "-o", required=True, metavar="DIR", help="output folder (must not exist)")
    parser.add_argument("--master", help="Spark master URL (default: as spark-submit sets it, else local[*])")
    parser.add_argument("--source-field", metavar="NAME", help="JSONL field naming the publisher")
    parser.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl", help="output format")
    parser.add_argument("--rules", action="append", default=[], metavar="FILE", help="extra rules file (repeatable)")
    parser.add_argument("--min-docs", type=int, default=3, metavar="N")
    parser.add_argument("--no-freq", action="store_true", help="switch the corpus pass off")
    parser.add_argument("--partitions", type=int, metavar="N", help="at least N partitions per input file")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("pith")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        written = run(
            spark,
            args.inputs,
            args.output,
            source_field=args.source_field,
            fmt=args.format,
            rules=args.rules,
            min_docs=args.min_docs,
            no_freq=args.no_freq,
            min_partitions=args.partitions,
        )
    finally:
        spark.stop()
    print(f"pith.spark: {written} records written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
