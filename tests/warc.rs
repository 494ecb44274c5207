//! End-to-end tests of WARC input, on fixtures written by warcio (see
//! `tests/make_warc_fixtures.py`), never by pith.

mod common;

use std::fs;
use std::path::PathBuf;
use std::process::Output;

use serde_json::{json, Map, Value};

use common::{run, run_stdin};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/warc")
        .join(name)
        .to_str()
        .expect("a UTF-8 path")
        .to_string()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn records(out: &Output) -> Vec<Map<String, Value>> {
    String::from_utf8(out.stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(|line| match serde_json::from_str(line) {
            Ok(Value::Object(map)) => map,
            other => panic!("not a JSON object: {line} ({other:?})"),
        })
        .collect()
}

/// The record with this id suffix.
fn by_id<'a>(records: &'a [Map<String, Value>], suffix: &str) -> &'a Map<String, Value> {
    records
        .iter()
        .find(|r| r["id"].as_str().is_some_and(|id| id.ends_with(suffix)))
        .unwrap_or_else(|| panic!("no record {suffix}"))
}

#[test]
fn html_responses_become_records_and_everything_else_is_counted() {
    let out = run(&["clean", &fixture("mixed.warc.gz")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records = records(&out);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let n = |k: u32| format!("<urn:uuid:11111111-0000-4000-8000-{k:012}>");
    assert_eq!(ids, [n(3), n(4), n(5), n(6), n(10), n(12), n(13)]);
    let first = &records[0];
    let keys: Vec<&str> = first.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "id",
            "url",
            "date",
            "http_status",
            "text",
            "title",
            "language",
            "pith"
        ]
    );
    assert_eq!(first["url"], "https://www.courier.example/news/bike-lanes");
    assert_eq!(first["date"], "2024-05-01T10:00:00Z");
    assert_eq!(first["http_status"], 200);
    // Chunked, gzip- and br-encoded bodies decoded.
    let body = |suffix: &str| {
        by_id(&records, suffix)["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(body("03>").starts_with("HARBOR VALLEY — The city council voted 5-2"));
    assert!(body("04>").contains("Vantrel"), "{}", body("04>"));
    assert!(body("05>").starts_with("VELDHAVEN, March 4 (CPW)"));
    // windows-1251, declared only in the HTTP header.
    assert!(body("06>").starts_with("Городской совет во вторник проголосовал"));
    assert_eq!(by_id(&records, "06>")["language"], "ru");
    // A resource record has no HTTP status.
    assert!(by_id(&records, "10>").get("http_status").is_none());
    let err = stderr(&out);
    assert!(
        err.contains("; 6 WARC records skipped (1 request, 1 metadata, 1 warcinfo, 1 revisit, 1 not HTML, 1 non-2xx)"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "warning: {}: record at byte 23168 (its gzip member) {}: marked WARC-Truncated (length)",
            fixture("mixed.warc.gz"),
            n(13)
        )),
        "{err}"
    );
}

#[test]
fn every_status_is_cleaned_with_all_status() {
    let out = run(&["clean", "--all-status", &fixture("mixed.warc.gz")]);
    let records = records(&out);
    assert_eq!(records.len(), 8);
    assert_eq!(by_id(&records, "09>")["http_status"], 404);
}

/// The dev pages of `corpus/html/` as JSONL, with the ids and URLs
/// `make_warc_fixtures.py` gave them in `pages.warc.gz`.
fn pages_as_jsonl() -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/html");
    let mut names: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    names.sort();
    let mut jsonl = String::new();
    for (i, path) in names.iter().enumerate() {
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let site = stem.split('_').nth(1).unwrap();
        let record = json!({
            "id": format!("<urn:uuid:22222222-0000-4000-8000-{:012}>", i + 1),
            "url": format!("https://{site}.example/{stem}"),
            "html": fs::read_to_string(path).unwrap_or_else(|_| {
                // The windows-1252 page: JSONL holds Unicode, decoded as a browser would.
                String::from_utf8_lossy(&fs::read(path).unwrap()).into_owned()
            }),
        });
        jsonl.push_str(&record.to_string());
        jsonl.push('\n');
    }
    jsonl
}

#[test]
fn pages_cleaned_from_warc_equal_the_same_pages_cleaned_from_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("pages.jsonl");
    fs::write(&jsonl, pages_as_jsonl()).unwrap();
    // With the corpus pass (the default): the i18n pages share a source.
    let from_warc = run(&["clean", &fixture("pages.warc.gz")]);
    let from_jsonl = run(&["clean", jsonl.to_str().unwrap()]);
    assert!(from_warc.status.success(), "{}", stderr(&from_warc));
    let (warc, jsonl) = (records(&from_warc), records(&from_jsonl));
    assert_eq!(warc.len(), 20);
    assert_eq!(warc.len(), jsonl.len());
    let mut compared = 0;
    for (w, j) in warc.iter().zip(&jsonl) {
        assert_eq!(w["id"], j["id"]);
        // The windows-1252 page went through a lossy UTF-8 read on the
        // JSONL side; every other page must match to the byte.
        if w["url"].as_str().unwrap().contains("cp1252") {
            continue;
        }
        for field in ["text", "title", "language", "pith"] {
            assert_eq!(w.get(field), j.get(field), "{} {field}", w["id"]);
        }
        compared += 1;
    }
    assert_eq!(compared, 19);
}

#[test]
fn warc_is_found_by_content_and_on_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let renamed = dir.path().join("crawl-0001.bin");
    fs::copy(fixture("mixed.warc.gz"), &renamed).unwrap();
    let by_name = run(&["clean", "--no-freq", &fixture("mixed.warc.gz")]);
    let by_content = run(&["clean", "--no-freq", renamed.to_str().unwrap()]);
    let gz = fs::read(fixture("mixed.warc.gz")).unwrap();
    let piped = run_stdin(&["clean", "--no-freq"], &gz);
    let mut plain = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::MultiGzDecoder::new(gz.as_slice()),
        &mut plain,
    )
    .unwrap();
    let piped_plain = run_stdin(&["clean"], &plain);
    assert_eq!(records(&by_name).len(), 7);
    assert_eq!(by_name.stdout, by_content.stdout);
    assert_eq!(by_name.stdout, piped.stdout);
    // With the corpus pass, standard input is spooled and read twice.
    let two_passes = run(&["clean", &fixture("mixed.warc.gz")]);
    assert_eq!(two_passes.stdout, piped_plain.stdout);
    // Gzipped standard input: offsets are in the decompressed stream.
    assert!(
        stderr(&piped).contains("<stdin>: record at uncompressed byte 46243 "),
        "{}",
        stderr(&piped)
    );
    assert!(
        stderr(&piped_plain).contains("<stdin>: record at byte 46243 "),
        "{}",
        stderr(&piped_plain)
    );
}

#[test]
fn a_file_gzipped_whole_is_read_too() {
    let out = run(&["clean", &fixture("whole.warc.gz")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let urls: Vec<Value> = records(&out).iter().map(|r| r["url"].clone()).collect();
    assert_eq!(urls, ["https://a.example/one", "https://a.example/two"]);
}

#[test]
fn a_truncated_file_keeps_every_record_before_the_cut() {
    let out = run(&["clean", &fixture("truncated.warc.gz")]);
    assert_eq!(out.status.code(), Some(1));
    let records = records(&out);
    assert_eq!(records.len(), 3);
    assert_eq!(records[0]["url"], "https://a.example/ferry");
    assert_eq!(records[1]["url"], "https://a.example/lighthouse");
    let error = &records[2]["pith"];
    assert_eq!(error["offset"], 5891);
    assert_eq!(error["offset_in"], "compressed");
    assert_eq!(
        error["id"],
        "<urn:uuid:44444444-0000-4000-8000-000000000003>"
    );
    let expected = format!(
        "error: {}: record at byte 5891 (its gzip member) <urn:uuid:44444444-0000-4000-8000-000000000003>: gzip member at byte 5891: ",
        fixture("truncated.warc.gz")
    );
    assert!(stderr(&out).contains(&expected), "{}", stderr(&out));
}

#[test]
fn broken_records_are_reported_and_the_run_goes_on() {
    let out = run(&["clean", &fixture("corrupt.warc")]);
    assert_eq!(out.status.code(), Some(1));
    let records = records(&out);
    let summary: Vec<String> = records
        .iter()
        .map(|r| match r.get("url") {
            Some(url) => url.as_str().unwrap().to_string(),
            None => format!("error at {}", r["pith"]["offset"]),
        })
        .collect();
    assert_eq!(
        summary,
        [
            "https://a.example/ferry",
            "error at 7391",
            "https://a.example/lighthouse",
            "error at 23939",
            "https://a.example/four-day",
            "error at 32458",
        ]
    );
    let err = stderr(&out);
    let file = fixture("corrupt.warc");
    let id = |n: u32| format!("<urn:uuid:55555555-0000-4000-8000-{n:012}>");
    for line in [
        format!("error: {file}: record at byte 7391 {}: invalid Content-Length \"x8948\"", id(2)),
        format!("error: {file}: record at byte 23939 {}: the payload is not an HTTP response", id(4)),
        format!(
            "error: {file}: record at byte 32458 {}: Content-Length 6927 runs past the end of the input (3280 bytes left)",
            id(6)
        ),
    ] {
        assert!(err.contains(&line), "{line}\n{err}");
    }
    assert!(err.contains("pith: 6 documents (0 empty, 3 bad)"), "{err}");
}

#[test]
fn fail_fast_stops_at_the_first_broken_record() {
    let out = run(&[
        "clean",
        "--fail-fast",
        "--no-freq",
        &fixture("corrupt.warc"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(records(&out).len(), 2);
}

#[test]
fn a_record_larger_than_the_limit_is_skipped_with_a_warning() {
    let out = run(&[
        "clean",
        "--max-record-bytes",
        "10000",
        &fixture("mixed.warc.gz"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let warnings: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("--max-record-bytes"))
        .collect();
    assert!(!warnings.is_empty(), "{err}");
    assert!(warnings.iter().all(|w| w.starts_with("warning: ")), "{err}");
    // The gzip-encoded page is small stored and large decoded.
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("000000000004>: its payload inflates past")),
        "{err}"
    );
    // The chunked page and the resource record are too large stored.
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("000000000003>: its block of ")),
        "{err}"
    );
    let skipped = warnings.len();
    assert_eq!(skipped, 3, "{err}");
    assert_eq!(records(&out).len(), 7 - skipped);
    assert!(err.contains(&format!("{skipped} too large")), "{err}");
}

#[test]
fn text_output_is_one_file_per_record_named_by_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let out = run(&[
        "clean",
        "--output-format",
        "text",
        "-o",
        out_dir.to_str().unwrap(),
        &fixture("mixed.warc.gz"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut names: Vec<String> = fs::read_dir(out_dir.join("mixed"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 7);
    assert_eq!(names[0], "11111111-0000-4000-8000-000000000003.txt");
    let body = fs::read_to_string(out_dir.join("mixed").join(&names[3])).unwrap();
    assert!(body.starts_with("Городской совет"), "{body}");
}

#[test]
fn warc_output_is_identical_for_every_thread_count() {
    let args = |jobs: &'static str| {
        run(&[
            "clean",
            "-j",
            jobs,
            &fixture("pages.warc.gz"),
            &fixture("mixed.warc.gz"),
            &fixture("corrupt.warc"),
        ])
    };
    let (one, two) = (args("1"), args("2"));
    assert_eq!(records(&one).len(), 20 + 7 + 6);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.status.code(), two.status.code());
}

#[test]
fn stats_count_warc_pages_and_clean_like_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let stats = dir.path().join("pages.stats");
    let counted = run(&[
        "stats",
        &fixture("pages.warc.gz"),
        "-o",
        stats.to_str().unwrap(),
    ]);
    assert!(counted.status.success(), "{}", stderr(&counted));
    assert!(
        stderr(&counted).contains(": 20 documents counted,"),
        "{}",
        stderr(&counted)
    );
    let with_stats = run(&[
        "clean",
        "--stats",
        stats.to_str().unwrap(),
        &fixture("pages.warc.gz"),
    ]);
    let one_run = run(&["clean", &fixture("pages.warc.gz")]);
    assert!(!one_run.stdout.is_empty());
    assert_eq!(with_stats.stdout, one_run.stdout);
}

#[test]
fn forced_warc_layout_contradicting_text_mode_is_refused() {
    let out = run(&[
        "clean",
        "--input-format",
        "warc",
        "--mode",
        "text",
        &fixture("whole.warc.gz"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--input-format warc contradicts --mode text"),
        "{}",
        stderr(&out)
    );
}
