"""pith.clean, pith.Cleaner and pith.Result against the command line."""

import json

import pytest

import pith
from conftest import CORPUS, REPO, corpus_files, corpus_records, read_jsonl, run_pith, write_jsonl

STORY = (
    "World News\n"
    "Council closes the old library\n"
    "By Jane Doe\n"
    "The city council voted on Tuesday to close the old library, ending a decade of debate over its future.\n"
    "Sign up for our daily newsletter\n"
    "Residents who opposed the plan said they would keep campaigning for a new branch in the town centre.\n"
    "Share this article"
)


def test_clean_text_gives_body_title_language_and_dropped_rules():
    result = pith.clean(text=STORY)
    assert result.title == "Council closes the old library"
    assert result.language == "en"
    assert result.text.splitlines() == [
        "The city council voted on Tuesday to close the old library, ending a decade of debate over its future.",
        "Residents who opposed the plan said they would keep campaigning for a new branch in the town centre.",
    ]
    assert result.dropped["newsletter.sign_up"] == 1
    assert result.dropped["share.bar"] == 1
    assert result.kept == 2
    explain = result.explain().splitlines()
    assert explain[0] == "# language: en"
    assert "TITLE  Council closes the old library" in explain
    assert "DROP share.bar  Share this article" in explain


def test_explain_is_the_cli_listing(pith_bin, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    cli = run_pith(pith_bin, "clean", "--explain", "--no-freq", "-q", path).stdout
    assert pith.clean(text=STORY).explain() == cli


def test_html_wins_over_text_as_in_the_cli():
    page = "<html><body><article><p>The harbour board met on Monday and agreed to dredge the channel before summer.</p></article></body></html>"
    result = pith.clean(html=page, text="Something else entirely, long enough to be a paragraph of its own here.")
    assert "harbour board" in result.text


@pytest.fixture(scope="module")
def cli_corpus(pith_bin, tmp_path_factory):
    """`pith clean corpus/` as JSONL (with the corpus pass) and with --no-freq."""
    out = tmp_path_factory.mktemp("cli")
    run_pith(pith_bin, "clean", CORPUS, "-q", "--output-format", "jsonl", "-o", out / "freq.jsonl")
    run_pith(pith_bin, "clean", CORPUS, "-q", "--no-freq", "--output-format", "jsonl", "-o", out / "nofreq.jsonl")
    run_pith(pith_bin, "stats", CORPUS, "-o", out / "corpus.stats")
    return out


def documents():
    """Pages as bytes (pith finds their encoding, as for a file), dumps as text."""
    for path in corpus_files():
        if path.suffix == ".html":
            yield path, {"html": path.read_bytes()}
        else:
            yield path, {"text": path.read_text(encoding="utf-8")}


def test_results_equal_the_cli_on_the_corpus_without_counts(cli_corpus):
    cli = {r["id"]: r for r in read_jsonl(cli_corpus / "nofreq.jsonl")}
    cleaner = pith.Cleaner()
    for path, doc in documents():
        got = cleaner.clean(**doc)
        want = cli[str(path.relative_to(CORPUS))]
        assert got.text == want["text"], path
        assert got.title == want.get("title"), path
        assert got.language == want.get("language"), path
        assert got.dropped == want["pith"]["dropped"], path


def test_results_equal_the_cli_on_the_corpus_with_its_counts(cli_corpus):
    """With the corpus's stats file, and each document's folder as its
    source (what pith clean uses for files in folders), the corpus pass
    gives the CLI's results: pith.clean's source key picks the counts."""
    cli = {r["id"]: r for r in read_jsonl(cli_corpus / "freq.jsonl")}
    cleaner = pith.Cleaner(stats=cli_corpus / "corpus.stats")
    assert cleaner.has_stats
    freq_hits = 0
    for path, doc in documents():
        rel = path.relative_to(CORPUS)
        source = str(rel.parent) if str(rel.parent) != "." else ""
        got = cleaner.clean(source=source, **doc)
        want = cli[str(rel)]
        assert (got.text, got.title, got.language) == (want["text"], want.get("title"), want.get("language")), rel
        assert got.dropped == want["pith"]["dropped"], rel
        freq_hits += got.dropped.get("freq.source", 0)
    assert freq_hits > 0, "the counts were never used"


def test_clean_many_equals_clean_in_order_for_every_thread_count():
    records = corpus_records()
    cleaner = pith.Cleaner()
    one_by_one = [cleaner.clean(html=r.get("html"), text=r.get("text"), url=r["url"]).text for r in records]
    for threads in (None, 1, 2, 3):
        many = cleaner.clean_many(records, threads=threads)
        assert [r.text for r in many] == one_by_one
    again = [r.text for r in cleaner.clean_many(records)]
    assert again == one_by_one


def test_clean_many_with_stats_equals_the_cli_on_jsonl(pith_bin, tmp_path):
    records = corpus_records()
    for i, r in enumerate(records):
        r["site"] = f"pub{i % 4}"
    data = write_jsonl(tmp_path / "corpus.jsonl", records)
    run_pith(pith_bin, "clean", data, "-q", "--source-field", "site", "-o", tmp_path / "out.jsonl")
    cli = read_jsonl(tmp_path / "out.jsonl")
    stats = pith.Stats.count(records, source_field="site")
    cleaner = pith.Cleaner(stats=stats, source_field="site")
    got = cleaner.clean_many(records, threads=2)
    assert len(got) == len(cli) == len(records)
    for g, want in zip(got, cli):
        assert (g.text, g.title, g.language) == (want["text"], want.get("title"), want.get("language")), want["id"]
        assert g.dropped == want["pith"]["dropped"], want["id"]


def test_clean_jsonl_writes_the_cli_records(pith_bin, tmp_path):
    records = corpus_records()
    data = write_jsonl(tmp_path / "c.jsonl", records, extra_lines=["", "not json", '{"id": "x", "text": 5}'])
    run_pith(pith_bin, "clean", data, "-q", "--no-freq", "-o", tmp_path / "out.jsonl")
    with open(tmp_path / "out.jsonl", encoding="utf-8") as f:
        cli = f.read().splitlines()
    with open(data, encoding="utf-8") as f:
        lines = [(str(data), i + 1, line.rstrip("\n")) for i, line in enumerate(f)]
    got = pith.Cleaner(source_field=None).clean_jsonl(lines, threads=2)
    assert got == cli
    assert json.loads(got[-1])["pith"]["error"].endswith("field `text` is not a string")


def test_rules_files_are_used_and_bad_ones_refused(tmp_path):
    rules = tmp_path / "house.toml"
    rules.write_text('[kind.house]\nabout = "house promos"\n\n[[rule]]\nname = "house.quiz"\npattern = \'\'\'^take our weekly quiz\'\'\'\n')
    text = "Take our weekly quiz\nThe harbour board met on Monday and agreed to dredge the channel before the summer season."
    assert pith.clean(text=text).dropped.get("house.quiz") is None
    assert pith.Cleaner(rules=[rules]).clean(text=text).dropped == {"house.quiz": 1}
    bad = tmp_path / "bad.toml"
    bad.write_text("[[rule]]\nname = 'nokind.x'\npattern = '('\n")
    with pytest.raises(ValueError, match="bad.toml"):
        pith.Cleaner(rules=[bad])
    with pytest.raises(ValueError, match="cannot read rules file"):
        pith.Cleaner(rules=[tmp_path / "missing.toml"])


def test_bad_input_raises_value_error_naming_it():
    with pytest.raises(ValueError, match="html= or text="):
        pith.clean()
    with pytest.raises(TypeError):
        pith.clean(text=5)
    cleaner = pith.Cleaner()
    with pytest.raises(ValueError, match="record 1: no `text` field"):
        cleaner.clean_many([{"text": "fine"}, {"url": "https://a.example/"}])
    with pytest.raises(ValueError, match="record 0: field `html` is not a string or bytes"):
        cleaner.clean_many([{"html": 5}])
    with pytest.raises(ValueError, match="record 0: field `url` is not a string"):
        cleaner.clean_many([{"text": "x", "url": 5}])
    with pytest.raises(ValueError, match="record 2 is not a dict"):
        cleaner.clean_many([{"text": "a"}, {"text": "b"}, "c"])
    with pytest.raises(ValueError, match="binary"):
        pith.clean(html="\x00\x01\x02\x03" * 200)
    with pytest.raises(ValueError, match="stats must be"):
        pith.Cleaner(stats=42)
    with pytest.raises(ValueError, match="threads"):
        cleaner.clean_many([{"text": "a"}], threads=0)
    with pytest.raises(ValueError, match="tuple"):
        cleaner.clean_jsonl(["just a line"])


def test_a_panic_is_a_value_error_and_the_interpreter_lives():
    from pith import _pith

    with pytest.raises(ValueError, match="a bug, please report it"):
        _pith._panic_for_tests("boom")
    assert pith.clean(text=STORY).title == "Council closes the old library"
