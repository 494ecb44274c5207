"""pith.read_warc, Cleaner.clean_warc and Stats.count_warc against the command line."""

import gzip
import json

import pytest

import pith
from conftest import REPO, make_warc_corpus, read_jsonl, response_record, run_pith, warc_record, write_warc

FIXTURES = REPO / "tests" / "fixtures" / "warc"
MIXED = FIXTURES / "mixed.warc.gz"


def cli_lines(pith_bin, tmp_path, *args):
    out = tmp_path / "cli.jsonl"
    run_pith(pith_bin, "clean", "-q", *args, "-o", out)
    return out.read_text(encoding="utf-8").splitlines()


def test_read_warc_gives_the_pages_the_cli_cleans(pith_bin, tmp_path):
    records = pith.read_warc(str(MIXED))
    pages = list(records)
    cli = [json.loads(line) for line in cli_lines(pith_bin, tmp_path, "--no-freq", MIXED)]
    # One dict a page: the CLI's record fields, in order.
    assert [(p["id"], p["url"], p["date"], p["http_status"]) for p in pages] == [
        (r["id"], r.get("url"), r.get("date"), r.get("http_status")) for r in cli
    ]
    assert all(isinstance(p["html"], bytes) and p["name"] == str(MIXED) for p in pages)
    assert [p["number"] for p in pages] == list(range(1, len(pages) + 1))
    # Cleaning the dicts gives the CLI's text: the page whose charset only
    # the HTTP header gives (windows-1251) too.
    assert any(p["charset"] == "windows-1251" for p in pages)
    texts = [r.text for r in pith.Cleaner().clean_many(pages)]
    assert texts == [r["text"] for r in cli]
    assert any("библиотек" in t for t in texts)
    # The summary line of the CLI's README example.
    assert records.skipped == {"request": 1, "metadata": 1, "warcinfo": 1, "revisit": 1, "not HTML": 1, "non-2xx": 1}
    truncated = [p for p in pages if p["warning"]]
    assert len(truncated) == 1 and "WARC-Truncated" in truncated[0]["warning"]


def test_the_http_charset_of_a_page_is_kept(pith_bin, tmp_path):
    """A page whose `<meta charset>` is wrong: cleaned as the CLI cleans it
    only with the `charset` read_warc gives."""
    files = make_warc_corpus(tmp_path)
    pages = list(pith.read_warc(files[1]))
    cli = [json.loads(line) for line in cli_lines(pith_bin, tmp_path, "--no-freq", files[1])]
    assert [r.text for r in pith.Cleaner().clean_many(pages)] == [r["text"] for r in cli]
    russian = next(p for p in pages if p["charset"] == "windows-1251")
    want = cli[pages.index(russian)]["text"]
    assert "библиотек" in want
    assert pith.clean(html=russian["html"], url=russian["url"], charset=russian["charset"]).text == want
    assert pith.clean(html=russian["html"], url=russian["url"]).text != want


def test_clean_warc_writes_the_cli_records(pith_bin, tmp_path):
    """Bytes or path, plain or gzipped: the records of `pith clean`, byte for byte."""
    for path in sorted(FIXTURES.iterdir()):
        cli = cli_lines(pith_bin, tmp_path, "--no-freq", path)
        from_path = list(pith.read_warc(str(path), errors="yield"))
        from_bytes = list(pith.read_warc(path.read_bytes(), name=str(path), errors="yield"))
        assert from_path == from_bytes
        assert pith.Cleaner().clean_warc(from_path) == cli, path.name
        assert pith.Cleaner().clean_warc(from_path, threads=1) == cli


def test_a_bad_record_raises_naming_its_byte_offset(pith_bin, tmp_path):
    bad_header = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:bad-length>\r\n"
        b"Content-Length: twelve\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>\r\n\r\n"
    )
    not_http = warc_record("response", b"no status line here\r\n", WARC_Record_ID="<urn:uuid:not-http>")
    good = [
        response_record(f"good-{n}", f"https://www.news.example/{n}", f"<html><p>Story number {n} about the harbour board and its long meeting.</p></html>".encode())
        for n in range(3)
    ]
    path = tmp_path / "bad.warc"
    offsets = write_warc(path, [good[0], bad_header, good[1], not_http, good[2]])

    records = pith.read_warc(path)
    assert next(records)["id"] == "<urn:uuid:good-0>"
    with pytest.raises(ValueError) as first:
        next(records)
    assert str(first.value).startswith(f"{path}: record at byte {offsets[1]} ")
    assert "Content-Length" in str(first.value)
    # The reader finds the next record and goes on.
    assert next(records)["id"] == "<urn:uuid:good-1>"
    with pytest.raises(ValueError, match=f"record at byte {offsets[3]} <urn:uuid:not-http>"):
        next(records)
    assert next(records)["id"] == "<urn:uuid:good-2>"
    assert next(records, None) is None

    # errors="yield": the same errors as dicts, and clean_warc writes the
    # CLI's records for them, error records included.
    items = list(pith.read_warc(path, errors="yield"))
    errors = [i for i in items if "error" in i]
    assert [(e["offset"], e["offset_in"]) for e in errors] == [(offsets[1], "file"), (offsets[3], "file")]
    cli = cli_lines(pith_bin, tmp_path, "--no-freq", path)
    assert pith.Cleaner().clean_warc(items) == cli
    cli_errors = [json.loads(line)["pith"] for line in cli if "error" in json.loads(line)["pith"]]
    assert [e["offset"] for e in cli_errors] == [offsets[1], offsets[3]]
    # The exception's text is the library's, as the CLI writes it.
    assert str(first.value) == cli_errors[0]["error"]


def test_a_corrupt_gzip_member_is_named_by_its_compressed_offset(pith_bin, tmp_path):
    records = [
        response_record(f"m-{n}", f"https://www.news.example/m{n}", f"<html><p>Member {n}: the ferry timetable changes next week with two extra crossings.</p></html>".encode())
        for n in range(3)
    ]
    members = [gzip.compress(r, mtime=0) for r in records]
    broken = bytearray(members[1])
    broken[12:40] = b"\xff" * 28  # the deflate data, after the gzip header
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(members[0] + bytes(broken) + members[2])
    at = len(members[0])

    items = list(pith.read_warc(path, errors="yield"))
    assert [i.get("id") for i in items if "error" not in i] == ["<urn:uuid:m-0>", "<urn:uuid:m-2>"]
    errors = [i for i in items if "error" in i]
    assert [(e["offset"], e["offset_in"]) for e in errors] == [(at, "compressed")]
    with pytest.raises(ValueError, match=rf"record at byte {at} \(its gzip member\)"):
        list(pith.read_warc(path))
    assert pith.Cleaner().clean_warc(items) == cli_lines(pith_bin, tmp_path, "--no-freq", path)


def test_count_warc_is_pith_stats_byte_for_byte(pith_bin, tmp_path):
    files = make_warc_corpus(tmp_path)
    run_pith(pith_bin, "stats", *files, "-o", tmp_path / "cli.stats")
    cli = (tmp_path / "cli.stats").read_bytes()
    merged = pith.Stats()
    for path in files:
        merged.merge(pith.Stats.count_warc(pith.read_warc(path, errors="yield")))
    assert merged.failed == 1  # the response whose payload is not HTTP
    assert merged.documents > 30
    assert merged.to_bytes() == cli
    # Cleaning with those counts is `pith clean --stats`.
    records = [r for path in files for r in pith.read_warc(path, errors="yield")]
    with_stats = pith.Cleaner(stats=merged).clean_warc(records)
    assert with_stats == cli_lines(pith_bin, tmp_path, "--stats", tmp_path / "cli.stats", *files)
    assert any(json.loads(r)["pith"].get("dropped", {}).get("freq.source") for r in with_stats)


def test_looks_like_warc_reads_the_head_as_stored(tmp_path):
    files = make_warc_corpus(tmp_path)
    for path in files:
        assert pith.looks_like_warc(path.read_bytes()[:4096]), path.name
    assert not pith.looks_like_warc(b'{"id": "1", "text": "WARC/1.0"}\n')
    assert not pith.looks_like_warc(gzip.compress(b'{"id": "1"}\n'))
    assert not pith.looks_like_warc(b"")


def test_bad_arguments_and_records_raise(tmp_path):
    with pytest.raises(ValueError, match="bytes or the path"):
        pith.read_warc(42)
    with pytest.raises(ValueError, match="errors must be"):
        pith.read_warc(b"", errors="ignore")
    with pytest.raises(OSError, match="cannot open"):
        pith.read_warc(tmp_path / "missing.warc")
    assert list(pith.read_warc(b"")) == []
    page = next(pith.read_warc(MIXED.read_bytes()))
    with pytest.raises(ValueError, match="record 1: no `name` field"):
        pith.Cleaner().clean_warc([page, {k: v for k, v in page.items() if k != "name"}])
    with pytest.raises(ValueError, match="record 0: field `html` is not bytes"):
        pith.Stats.count_warc([{**page, "html": "<p>text</p>"}])
    with pytest.raises(ValueError, match="`offset_in` is"):
        pith.Cleaner().clean_warc([{**page, "offset_in": "somewhere"}])
    with pytest.raises(ValueError, match="record 0 is not a dict"):
        pith.Cleaner().clean_warc([("a", 1, "{}")])
