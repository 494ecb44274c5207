#!/usr/bin/env python3
"""Writes the WARC fixtures of tests/fixtures/warc/ with warcio, a WARC
writer that is not pith (pip install warcio brotli).

The fixtures are committed: the tests need neither this script nor warcio.
Record ids, dates and gzip timestamps are fixed, so running the script
again writes the same bytes.

    python3 tests/make_warc_fixtures.py

Files:
  mixed.warc.gz      one gzip member per record, as Common Crawl writes:
                     warcinfo, a request/response pair with a chunked body,
                     gzip- and br-encoded responses, a windows-1251 page whose
                     charset is only in the HTTP header, a revisit, a PNG, a
                     404, a resource record, a metadata record, a response
                     without Content-Type, a response marked WARC-Truncated
  pages.warc.gz      the HTML pages of corpus/html/ as responses (the test
                     cleans them from WARC and from JSONL and compares)
  whole.warc.gz      two responses in a file gzipped whole
  truncated.warc.gz  three responses, the file cut inside the last member
  corrupt.warc       uncompressed: a good record, a header with a bad
                     Content-Length, a good record, a response whose payload
                     is not HTTP, a good record, and a last record whose
                     Content-Length runs past the end of the file
"""

import gzip
import io
from pathlib import Path

import brotli
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "warc"
PAGES = ROOT / "corpus" / "html"
DATE = "2024-05-01T10:00:00Z"

RUSSIAN = """<html><head><title>Городской совет закрыл старую библиотеку</title></head>
<body><article><h1>Городской совет закрыл старую библиотеку</h1>
<p>Городской совет во вторник проголосовал за закрытие старой библиотеки, положив конец десятилетнему спору о её будущем.</p>
<p>Жители, выступавшие против этого плана, заявили, что продолжат добиваться открытия нового филиала в центре города.</p>
<p>По словам чиновников, здание будет продано, а вырученные средства пойдут на ремонт школ в северных районах.</p>
</article></body></html>
"""


class Ids:
    """Fixed record ids, numbered in writing order."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.n = 0

    def next(self):
        self.n += 1
        return f"<urn:uuid:{self.prefix}-0000-4000-8000-{self.n:012d}>"


def headers(ids, extra=None):
    fields = {"WARC-Record-ID": ids.next(), "WARC-Date": DATE}
    fields.update(extra or {})
    return fields


def http(status, fields):
    return StatusAndHeaders(status, fields, protocol="HTTP/1.1")


def response(writer, ids, uri, body, status="200 OK", fields=None, extra=None):
    if fields is None:
        fields = [("Content-Type", "text/html; charset=utf-8")]
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        http_headers=http(status, fields),
        warc_headers_dict=headers(ids, extra),
    )
    writer.write_record(record)


def chunked(body, size=700):
    out = b""
    for i in range(0, len(body), size):
        piece = body[i : i + size]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return out + b"0\r\n\r\n"


def page(name):
    return (PAGES / name).read_bytes()


def write_mixed():
    ids = Ids("11111111")
    with open(OUT / "mixed.warc.gz", "wb") as f:
        w = WARCWriter(f, gzip=True)
        info = w.create_warcinfo_record(
            "mixed.warc.gz",
            {"software": "warcio", "format": "WARC File Format 1.1"},
        )
        info.rec_headers.replace_header("WARC-Record-ID", ids.next())
        info.rec_headers.replace_header("WARC-Date", DATE)
        w.write_record(info)

        uri = "https://www.courier.example/news/bike-lanes"
        request = w.create_warc_record(
            uri,
            "request",
            payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(
                "GET /news/bike-lanes HTTP/1.1",
                [("Host", "www.courier.example"), ("Accept-Encoding", "gzip, br")],
                is_http_request=True,
            ),
            warc_headers_dict=headers(ids),
        )
        w.write_record(request)
        response(
            w,
            ids,
            uri,
            chunked(page("html_01_wp_bike_lanes.html")),
            fields=[("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked")],
        )
        response(
            w,
            ids,
            "https://www.courier.example/business/chip-plant",
            gzip.compress(page("html_02_ssr_chip_plant.html"), mtime=0),
            fields=[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        )
        response(
            w,
            ids,
            "https://news.harbour.example/port-strike",
            brotli.compress(page("html_04_wire_port_strike.html")),
            fields=[("Content-Type", "text/html; charset=UTF-8"), ("Content-Encoding", "br")],
        )
        response(
            w,
            ids,
            "https://gazeta.example.ru/gorod/biblioteka",
            RUSSIAN.encode("windows-1251"),
            fields=[("Content-Type", 'text/html; charset="windows-1251"')],
        )
        revisit = w.create_revisit_record(
            "https://www.courier.example/news/bike-lanes",
            digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            refers_to_uri="https://www.courier.example/news/bike-lanes",
            refers_to_date=DATE,
            http_headers=http("200 OK", [("Content-Type", "text/html")]),
            warc_headers_dict=headers(ids),
        )
        w.write_record(revisit)
        png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
        response(
            w,
            ids,
            "https://www.courier.example/img/logo.png",
            png,
            fields=[("Content-Type", "image/png")],
        )
        response(
            w,
            ids,
            "https://www.courier.example/missing",
            b"<html><body><h1>Not found</h1><p>The page you asked for is not here.</p></body></html>",
            status="404 Not Found",
        )
        resource = w.create_warc_record(
            "https://blog.bakery.example/sourdough",
            "resource",
            payload=io.BytesIO(page("html_05_blog_br_bakery.html")),
            warc_content_type="text/html; charset=utf-8",
            warc_headers_dict=headers(ids),
        )
        w.write_record(resource)
        metadata = w.create_warc_record(
            "https://blog.bakery.example/sourdough",
            "metadata",
            payload=io.BytesIO(b"via: https://blog.bakery.example/\r\n"),
            warc_content_type="application/warc-fields",
            warc_headers_dict=headers(ids),
        )
        w.write_record(metadata)
        response(
            w,
            ids,
            "https://sport.courier.example/marathon",
            page("html_06_amp_marathon.html"),
            fields=[("Server", "fixture")],
        )
        cut = page("html_10_entities_water_rates.html")
        response(
            w,
            ids,
            "https://www.courier.example/water-rates",
            cut[: len(cut) * 2 // 3],
            extra={"WARC-Truncated": "length"},
        )


def write_pages():
    ids = Ids("22222222")
    with open(OUT / "pages.warc.gz", "wb") as f:
        w = WARCWriter(f, gzip=True)
        for path in sorted(PAGES.glob("*.html")):
            uri = f"https://{path.stem.split('_')[1]}.example/{path.stem}"
            response(w, ids, uri, path.read_bytes(), fields=[("Content-Type", "text/html")])


def responses(prefix, pages, per_record_gzip):
    """The bytes of a WARC file of one response per (uri, page name)."""
    ids = Ids(prefix)
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=per_record_gzip)
    for uri, name in pages:
        response(w, ids, uri, page(name))
    return buf.getvalue()


def write_whole():
    data = responses(
        "33333333",
        [
            ("https://a.example/one", "html_08_split_ads_ferry.html"),
            ("https://a.example/two", "html_11_magazine_lighthouse.html"),
        ],
        per_record_gzip=False,
    )
    (OUT / "whole.warc.gz").write_bytes(gzip.compress(data, mtime=0))


def write_truncated():
    data = responses(
        "44444444",
        [
            ("https://a.example/ferry", "html_08_split_ads_ferry.html"),
            ("https://a.example/lighthouse", "html_11_magazine_lighthouse.html"),
            ("https://a.example/four-day", "html_12_tv_four_day_week.html"),
        ],
        per_record_gzip=True,
    )
    (OUT / "truncated.warc.gz").write_bytes(data[: len(data) - 2000])


def write_corrupt():
    ids = Ids("55555555")
    records = []
    for uri, name in [
        ("https://a.example/ferry", "html_08_split_ads_ferry.html"),
        ("https://a.example/bad-length", "html_03_table2005_rainfall.html"),
        ("https://a.example/lighthouse", "html_11_magazine_lighthouse.html"),
        ("https://a.example/not-http", None),
        ("https://a.example/four-day", "html_12_tv_four_day_week.html"),
        ("https://a.example/past-the-end", "html_07_divsoup_library_archive.html"),
    ]:
        buf = io.BytesIO()
        w = WARCWriter(buf, gzip=False)
        if name is None:
            # warcio will not write a response whose payload is not HTTP: a
            # resource record is written and its type changed.
            record = w.create_warc_record(
                uri,
                "resource",
                payload=io.BytesIO(b"<html><body><p>No HTTP header here.</p></body></html>"),
                warc_content_type="application/http; msgtype=response",
                warc_headers_dict=headers(ids),
            )
            record.rec_headers.replace_header("WARC-Type", "response")
            w.write_record(record)
        else:
            response(w, ids, uri, page(name))
        records.append(buf.getvalue())
    records[1] = records[1].replace(b"Content-Length: ", b"Content-Length: x", 1)
    records[5] = records[5][: len(records[5]) // 2]
    (OUT / "corrupt.warc").write_bytes(b"".join(records))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    write_mixed()
    write_pages()
    write_whole()
    write_truncated()
    write_corrupt()
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
