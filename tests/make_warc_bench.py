#!/usr/bin/env python3
"""Writes the same dev-set pages as a WARC file (with warcio) and as JSONL,
for issue 12's speed and memory figures (see BENCHMARKS.md).

    python3 tests/make_warc_bench.py COPIES OUT_PREFIX [--gzip]

reads the `html` field of every record of the five dev sets in
../shared/data (1,270 pages, 215 MB) and writes each page COPIES times:
OUT_PREFIX.warc (OUT_PREFIX.warc.gz with --gzip: one gzip member per record,
as Common Crawl writes) holds a `response` record per page (HTTP 200,
`Content-Type: text/html; charset=utf-8`, the page as UTF-8), and
OUT_PREFIX.jsonl holds `{"id", "url", "html"}` per page with the same id and
URL. Copies get their own URL, so a page is never the copy of another.
"""

import gzip
import io
import json
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
SETS = ["big9-05", "big9-09", "chaos-dev", "modern-articles", "trafeval-dev"]


def pages():
    for name in SETS:
        with gzip.open(DATA / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if record.get("html"):
                    yield record.get("url") or f"https://{name}.example/{record['id']}", record["html"]


def main():
    copies = int(sys.argv[1])
    prefix = sys.argv[2]
    compress = "--gzip" in sys.argv[3:]
    base = list(pages())
    warc_path = prefix + (".warc.gz" if compress else ".warc")
    n = 0
    with open(warc_path, "wb") as warc, open(prefix + ".jsonl", "w", encoding="utf-8") as jsonl:
        writer = WARCWriter(warc, gzip=compress)
        for copy in range(copies):
            for url, html in base:
                n += 1
                uri = f"{url}#copy{copy}" if copy else url
                record_id = f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"
                body = html.encode("utf-8")
                record = writer.create_warc_record(
                    uri,
                    "response",
                    payload=io.BytesIO(body),
                    http_headers=StatusAndHeaders(
                        "200 OK",
                        [("Content-Type", "text/html; charset=utf-8")],
                        protocol="HTTP/1.1",
                    ),
                    warc_headers_dict={
                        "WARC-Record-ID": record_id,
                        "WARC-Date": "2024-05-01T10:00:00Z",
                    },
                )
                writer.write_record(record)
                jsonl.write(json.dumps({"id": record_id, "url": uri, "html": html}) + "\n")
    print(f"{n} pages: {warc_path}, {prefix}.jsonl")


if __name__ == "__main__":
    main()
