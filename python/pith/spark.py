"""pith on Spark: count line statistics per partition, merge them, clean every partition.

    python -m pith.spark [--master URL] [--source-field NAME] [--format jsonl|parquet] \\
        --output DIR INPUT...

INPUT is a JSONL file (gzipped or not), a WARC file (``.warc``, ``.warc.gz``,
or a file that starts like one), a folder of them, or a glob, on any file
system Spark reads; JSONL and WARC files can be mixed. A WARC file is read
by pith's own WARC reader (``read_warc``) into one record a page, each
carrying what ``pith clean`` reads of it. The job runs the pipeline of
``pith clean``:

1. every partition's JSONL lines and WARC pages are counted
   (``Stats.count_jsonl``, ``Stats.count_warc``, as ``pith stats`` counts a
   shard);
2. the partitions' counts are merged with a tree reduce (``Stats.merge``:
   any order, the same bytes);
3. the merged counts are broadcast, and every partition is cleaned with them
   (``Cleaner.clean_jsonl``, ``Cleaner.clean_warc``);
4. the records are written into DIR as JSONL part files (``part-00000``...,
   in input order), or as Parquet with ``--format parquet``.

Each record is the one ``pith clean`` writes (same ``id``, same ``text``, an
error record for a bad line or a WARC record that cannot be read), so the
output equals one ``pith clean --stats`` run with the merged counts, and one
plain ``pith clean`` run over the same input. As with ``pith stats`` shards,
copies of one article (a re-crawl, a record written twice) are recognised
within a partition: copies split across partitions count once per
partition.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from ._pith import Cleaner, Stats, looks_like_warc, read_warc

#: Lines (or WARC pages) handed to pith at a time within a partition.
CHUNK = 2048

#: The most bytes a WARC record may have (``pith clean --max-record-bytes``).
MAX_RECORD_BYTES = 64 << 20

#: Bytes of a file read to tell WARC by its content.
HEAD_BYTES = 4096

Line = Tuple[str, int, str]
#: What a partition holds: JSONL lines ``(name, line, text)``, and the dicts
#: of WARC pages (or unreadable WARC records) as ``read_warc`` gives them.
Unit = Union[Line, Dict[str, Any]]


def _chunks(units: Iterable[Unit], size: int = CHUNK) -> Iterator[List[Unit]]:
    it = iter(units)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def _runs(chunk: List[Unit]) -> Iterator[Tuple[bool, List[Unit]]]:
    """The chunk in runs of JSONL lines and of WARC dicts: ``(is_warc, run)``."""
    for warc, run in itertools.groupby(chunk, key=lambda unit: isinstance(unit, dict)):
        yield warc, list(run)


def count_partition(units: Iterable[Unit], source_field: Optional[str]) -> Iterator[bytes]:
    """The line statistics of one partition, as stats-file bytes."""
    stats = Stats()
    for chunk in _chunks(units):
        for warc, run in _runs(chunk):
            if warc:
                stats.merge(Stats.count_warc(run, threads=1))
            else:
                stats.merge(Stats.count_jsonl(run, source_field=source_field, threads=1))
    yield stats.to_bytes()


def merge_bytes(a: bytes, b: bytes) -> bytes:
    """Merges two stats files' bytes."""
    return Stats.from_bytes(a).merge(Stats.from_bytes(b)).to_bytes()


def clean_partition(
    units: Iterable[Unit],
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
    for chunk in _chunks(units):
        for warc, run in _runs(chunk):
            yield from (cleaner.clean_warc(run, threads=1) if warc else cleaner.clean_jsonl(run, threads=1))


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


def _hadoop_path(spark, name: str):
    """The Hadoop path of ``name`` and its file system."""
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(name)
    return path, path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())


def local_path(spark, name: str) -> Optional[str]:
    """The path of ``name`` on the local file system when it is a local
    file (a ``file:`` path, or a path without scheme when the default file
    system is the local one), else None."""
    path, fs = _hadoop_path(spark, name)
    uri = fs.makeQualified(path).toUri()
    return uri.getPath() if uri.getScheme() == "file" else None


def _head(spark, name: str, size: int = HEAD_BYTES) -> bytes:
    """The first ``size`` bytes of a file as stored."""
    local = local_path(spark, name)
    if local is not None:
        with open(local, "rb") as f:
            return f.read(size)
    path, fs = _hadoop_path(spark, name)
    stream = fs.open(path)
    try:
        return bytes(stream.readNBytes(size))
    finally:
        stream.close()


def is_warc_input(spark, name: str) -> bool:
    """Whether ``pith clean`` reads the file as WARC: named ``.warc`` or
    ``.warc.gz``, or, unless named as JSONL, starting (gzipped or not) with
    a WARC version line. Every other file is read as JSONL."""
    lower = name.lower()
    if lower.endswith((".warc", ".warc.gz")):
        return True
    bare = lower[: -len(".gz")] if lower.endswith(".gz") else lower
    if bare.endswith((".jsonl", ".ndjson")):
        return False
    return looks_like_warc(_head(spark, name))


def read_lines(spark, files: Sequence[str], min_partitions: Optional[int] = None):
    """An RDD of ``(name, line, text)`` for every line of every file, in
    order: ``line`` is the 1-based line number in its file, as pith counts."""
    sc = spark.sparkContext
    rdds = []
    for name in files:
        rdd = sc.textFile(name, minPartitions=min_partitions).zipWithIndex()
        rdds.append(rdd.map(lambda pair, name=name: (name, pair[1] + 1, pair[0])))
    return sc.union(rdds)


#: How a WARC file reaches the task that reads it (``--warc-read``).
WARC_READS = ("auto", "stream", "whole")


def read_warc_file(
    spark,
    name: str,
    how: str = "auto",
    max_record_bytes: int = MAX_RECORD_BYTES,
    all_status: bool = False,
):
    """An RDD, one partition, of the dicts ``read_warc`` gives for the pages
    of one WARC file, in order, and for its records that cannot be read
    (``errors="yield"``: each becomes the error record ``pith clean``
    writes). Messages name the file ``name``.

    The memory trade-off (``how``):

    - ``stream``: a partition of the file's local path; the task opens the
      file and pith's reader streams it, one record at a time, so reading
      never holds more than one record, however large the file. The path
      must be readable on every executor (a ``file:`` path, or a file
      system mounted on every machine), as Spark asks of ``file:`` input
      anyway.
    - ``whole``: ``sc.binaryFiles``, which works on every file system Spark
      reads (HDFS, S3...) but hands the task the whole compressed file as
      one byte string: the task holds it in memory (in the JVM and again in
      the Python worker; a Common Crawl file is about 1 GB) and Spark cannot
      hand over more than 2 GB.
    - ``auto``: ``stream`` for local files, ``whole`` for the others.

    Either way a WARC file is one task, not split; the pages it gives are
    kept (cached) between the counting and the cleaning pass as JSONL lines
    are, up to Spark's storage memory, and read again past it.
    """
    if how not in WARC_READS:
        raise ValueError(f"how must be one of {', '.join(WARC_READS)}, not {how!r}")
    sc = spark.sparkContext
    local = local_path(spark, name)
    options = {"name": name, "max_record_bytes": max_record_bytes, "all_status": all_status, "errors": "yield"}
    if how == "stream" or (how == "auto" and local is not None):
        if local is None:
            raise ValueError(f"{name}: not a local file; read it with how='whole' (sc.binaryFiles)")
        return sc.parallelize([local], 1).flatMap(lambda path: read_warc(path, **options))
    return sc.binaryFiles(name, minPartitions=1).flatMap(lambda pair: read_warc(pair[1], **options))


def read_inputs(
    spark,
    files: Sequence[str],
    min_partitions: Optional[int] = None,
    warc_read: str = "auto",
    max_record_bytes: int = MAX_RECORD_BYTES,
    all_status: bool = False,
):
    """An RDD of every unit of every file, in order: JSONL lines as
    ``(name, line, text)`` (``read_lines``) and WARC pages as dicts
    (``read_warc_file``)."""
    rdds = []
    for name in files:
        if is_warc_input(spark, name):
            rdds.append(read_warc_file(spark, name, warc_read, max_record_bytes, all_status))
        else:
            rdds.append(read_lines(spark, [name], min_partitions))
    return spark.sparkContext.union(rdds)


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
    warc_read: str = "auto",
    max_record_bytes: int = MAX_RECORD_BYTES,
    all_status: bool = False,
) -> int:
    """Runs the job; returns the number of output records."""
    files = expand_inputs(spark, inputs)
    units = read_inputs(spark, files, min_partitions, warc_read, max_record_bytes, all_status)
    units.cache()
    stats = None
    if not no_freq:
        per_partition = units.mapPartitions(lambda it: count_partition(it, source_field))
        stats = per_partition.treeReduce(merge_bytes)
    shared = spark.sparkContext.broadcast(stats)
    rules = list(rules)
    records = units.mapPartitions(
        lambda it: clean_partition(it, shared.value, source_field, rules, min_docs)
    )
    records.cache()
    if fmt == "parquet":
        spark.read.json(records).write.parquet(output)
    else:
        records.saveAsTextFile(output)
    written = records.count()
    units.unpersist()
    records.unpersist()
    return written


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pith.spark",
        description="Clean JSONL and WARC on Spark with pith: count, merge, broadcast, clean.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="JSONL or WARC files, folders or globs")
    parser.add_argument("--output", "-o", required=True, metavar="DIR", help="output folder (must not exist)")
    parser.add_argument("--master", help="Spark master URL (default: as spark-submit sets it, else local[*])")
    parser.add_argument("--source-field", metavar="NAME", help="JSONL field naming the publisher")
    parser.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl", help="output format")
    parser.add_argument("--rules", action="append", default=[], metavar="FILE", help="extra rules file (repeatable)")
    parser.add_argument("--min-docs", type=int, default=3, metavar="N")
    parser.add_argument("--no-freq", action="store_true", help="switch the corpus pass off")
    parser.add_argument(
        "--partitions", type=int, metavar="N", help="at least N partitions per JSONL file (a WARC file is one)"
    )
    parser.add_argument(
        "--warc-read",
        choices=WARC_READS,
        default="auto",
        help="how tasks get a WARC file: stream it from a local path (memory does not grow with the file), "
        "or whole through sc.binaryFiles (any file system; the whole file in memory); auto: stream local files",
    )
    parser.add_argument(
        "--max-record-bytes", type=int, default=MAX_RECORD_BYTES, metavar="N", help="WARC: skip larger records"
    )
    parser.add_argument("--all-status", action="store_true", help="WARC: clean responses of every HTTP status")
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
            warc_read=args.warc_read,
            max_record_bytes=args.max_record_bytes,
            all_status=args.all_status,
        )
    finally:
        spark.stop()
    print(f"pith.spark: {written} records written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
