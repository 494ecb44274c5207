"""Shared fixtures: the repository's corpus as records, and the pith binary."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"


def corpus_files():
    """Every document of corpus/, sorted as pith walks it."""
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and not p.name.startswith("."))


def corpus_records():
    """One record a corpus document: ``html`` for pages, ``text`` for dumps."""
    records = []
    for path in corpus_files():
        rel = path.relative_to(CORPUS)
        group = rel.parts[0] if len(rel.parts) > 1 else "seed"
        if len(rel.parts) > 2:
            group = rel.parts[1]
        record = {"id": str(rel), "url": f"https://www.{group}.example/{rel.stem}"}
        body = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix in (".html", ".htm"):
            record["html"] = body
        else:
            record["text"] = body
        records.append(record)
    return records


def write_jsonl(path, records, extra_lines=()):
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        for line in extra_lines:
            out.write(line + "\n")
    return path


@pytest.fixture(scope="session")
def pith_bin():
    """The pith command line: $PITH_BIN, else target/release/pith (built when missing)."""
    given = os.environ.get("PITH_BIN")
    if given:
        return given
    binary = REPO / "target" / "release" / "pith"
    if not binary.exists():
        if shutil.which("cargo") is None:
            pytest.fail("no pith binary: set PITH_BIN or build it with cargo build --release")
        subprocess.run(["cargo", "build", "--release", "--bin", "pith"], cwd=REPO, check=True)
    return str(binary)


def run_pith(pith_bin, *args, check=True):
    result = subprocess.run([pith_bin, *map(str, args)], capture_output=True, text=True)
    if check and result.returncode not in (0, 1):
        raise AssertionError(f"pith {args} failed ({result.returncode}): {result.stderr}")
    return result


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# WARC files written here, record by record (not by pith, whose reader the
# tests check): every record is `WARC/1.0`, its header fields, a blank line,
# a block of Content-Length bytes and two line breaks.


def warc_record(kind, block=b"", **fields):
    """One WARC record of type ``kind``; ``fields`` are header fields
    (``WARC_Record_ID`` is written ``WARC-Record-ID``)."""
    lines = ["WARC/1.0", f"WARC-Type: {kind}"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in fields.items()]
    lines.append(f"Content-Length: {len(block)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(body, status="200 OK", content_type="text/html; charset=utf-8", fields=()):
    """An HTTP response: status line, header fields, body (bytes)."""
    head = [f"HTTP/1.1 {status}"]
    if content_type:
        head.append(f"Content-Type: {content_type}")
    head += [f"{name}: {value}" for name, value in fields]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def response_record(uid, url, body, **http):
    """A response record for ``url`` whose HTTP payload is ``body``."""
    return warc_record(
        "response",
        http_response(body, **http),
        WARC_Record_ID=f"<urn:uuid:{uid}>",
        WARC_Target_URI=url,
        WARC_Date="2024-05-01T10:00:00Z",
        Content_Type="application/http; msgtype=response",
    )


def request_record(uid, url):
    """The request record a crawler writes before a response (pith skips it)."""
    block = f"GET / HTTP/1.1\r\nHost: {url.split('/')[2]}\r\n\r\n".encode()
    return warc_record(
        "request",
        block,
        WARC_Record_ID=f"<urn:uuid:{uid}>",
        WARC_Target_URI=url,
        Content_Type="application/http; msgtype=request",
    )


def write_warc(path, records, gzip_each=False):
    """Writes records plain, or each in a gzip member of its own (as Common
    Crawl does); returns where each record starts in the file."""
    import gzip

    offsets, data = [], b""
    for record in records:
        offsets.append(len(data))
        data += gzip.compress(record, mtime=0) if gzip_each else record
    path.write_bytes(data)
    return offsets


def text_page(text, title=None):
    """An HTML page with one paragraph a line of ``text``."""
    from html import escape

    paragraphs = "".join(f"<p>{escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    head = f"<title>{escape(title)}</title>" if title else ""
    return f"<html><head>{head}</head><body>\n{paragraphs}</body></html>\n"


# A page whose `<meta charset>` is wrong: the HTTP header's charset wins.
RUSSIAN = (
    '<html><head><meta charset="windows-1252"></head><body><article><h1>Городской совет закрыл старую библиотеку</h1>'
    "<p>Городской совет во вторник проголосовал за закрытие старой библиотеки, положив конец десятилетнему спору о её будущем.</p>"
    "<p>Жители, выступавшие против этого плана, заявили, что продолжат добиваться открытия нового филиала в центре города.</p>"
    "</article></body></html>"
)


def make_warc_corpus(folder):
    """Three WARC files of the corpus's pages, as a crawler writes them:
    ``a.warc.gz`` gzipped per record, ``b.warc`` plain, and ``crawl-c.bin``
    gzipped whole under a name that does not say WARC. The publishers'
    articles (as pages under the publisher's domain) are split between a
    and b, so their chrome is only found in counts merged across files.
    Besides pages: a warcinfo record, request records, a PNG, a 404, a
    revisit, a metadata record, a resource page, a gzip-encoded page, a
    page whose HTTP charset overrules its `<meta charset>`, a page marked
    WARC-Truncated, and a response whose payload is not HTTP (an error
    record). Returns the paths, in order."""
    import gzip

    a = [warc_record("warcinfo", b"software: pith tests\r\n", WARC_Record_ID="<urn:uuid:a-info>")]
    b = []
    for p, folder_name in enumerate(sorted(p.name for p in (CORPUS / "publishers").iterdir())):
        for n, path in enumerate(sorted((CORPUS / "publishers" / folder_name).iterdir())):
            url = f"https://www.{folder_name}.example/news/{n}"
            uid = f"p{p}-{n:03d}"
            page = text_page(path.read_text(encoding="utf-8")).encode()
            target = a if n % 2 == 0 else b
            if target is a:
                target.append(request_record(f"{uid}-request", url))
            target.append(response_record(uid, url, page))
    a.append(response_record("a-png", "https://www.saltmarsh-courier.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), content_type="image/png"))
    a.append(response_record("a-404", "https://www.saltmarsh-courier.example/gone", b"<html><p>Not here.</p></html>", status="404 Not Found"))
    a.append(warc_record("response", b"this payload is not HTTP at all\r\n", WARC_Record_ID="<urn:uuid:a-broken>", WARC_Target_URI="https://www.saltmarsh-courier.example/broken"))
    b.append(warc_record("revisit", b"", WARC_Record_ID="<urn:uuid:b-revisit>", WARC_Target_URI="https://www.kestrel-valley-record.example/news/1"))
    b.append(warc_record("metadata", b"via: https://www.kestrel-valley-record.example/\r\n", WARC_Record_ID="<urn:uuid:b-meta>"))
    bakery = (CORPUS / "html" / "html_05_blog_br_bakery.html").read_bytes()
    b.append(warc_record("resource", bakery, WARC_Record_ID="<urn:uuid:b-resource>", WARC_Target_URI="https://blog.bakery.example/sourdough", Content_Type="text/html; charset=utf-8"))
    strike = (CORPUS / "html" / "html_04_wire_port_strike.html").read_bytes()
    b.append(response_record("b-gzip", "https://news.harbour.example/port-strike", gzip.compress(strike, mtime=0), fields=[("Content-Encoding", "gzip")]))
    b.append(response_record("b-1251", "https://gazeta.example.ru/biblioteka", RUSSIAN.encode("windows-1251"), content_type='text/html; charset="windows-1251"'))
    truncated = warc_record(
        "response",
        http_response((CORPUS / "html" / "html_06_amp_marathon.html").read_bytes()[:1500]),
        WARC_Record_ID="<urn:uuid:b-truncated>",
        WARC_Target_URI="https://sport.courier.example/marathon",
        WARC_Truncated="length",
    )
    b.append(truncated)
    c = []
    for n, path in enumerate(sorted((CORPUS / "html").iterdir())):
        if path.name.startswith("html_0"):
            url = f"https://www.site{n % 3}.example/{path.stem}"
            c.append(response_record(f"c-{n:03d}", url, path.read_bytes(), content_type="text/html"))
    paths = [folder / "a.warc.gz", folder / "b.warc", folder / "crawl-c.bin"]
    write_warc(paths[0], a, gzip_each=True)
    write_warc(paths[1], b)
    paths[2].write_bytes(gzip.compress(b"".join(c), mtime=0))
    return paths
