"""Pages/s of Cleaner.clean_many (and Cleaner.clean_jsonl) on a JSONL dataset.

    python python/bench/clean_many.py DATA.jsonl[.gz] [--repeat N] [--threads N] [--rounds 3]

Records are read and decoded before the clock starts (as `pith bench`
does); the figure to compare with `pith clean --no-freq` on the same
pages is clean_many's. clean_jsonl takes the raw lines and returns the
output records, so it also times JSON parsing and writing, as the CLI does.
"""

import argparse
import gzip
import json
import time

import pith


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--repeat", type=int, default=1, help="use the dataset N times over")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    opener = gzip.open if args.data.endswith(".gz") else open
    with opener(args.data, "rt", encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if line.strip()] * args.repeat
    records = [json.loads(line) for line in lines]
    tuples = [(args.data, i + 1, line) for i, line in enumerate(lines)]
    cleaner = pith.Cleaner(source_field=None)

    def best(f):
        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            f()
            times.append(time.perf_counter() - start)
        return min(times)

    many = best(lambda: cleaner.clean_many(records, threads=args.threads))
    jsonl = best(lambda: cleaner.clean_jsonl(tuples, threads=args.threads))
    n = len(records)
    print(f"{n} pages, best of {args.rounds}")
    print(f"  clean_many:  {many:7.2f} s  {n / many:8.1f} pages/s")
    print(f"  clean_jsonl: {jsonl:7.2f} s  {n / jsonl:8.1f} pages/s")


if __name__ == "__main__":
    main()
