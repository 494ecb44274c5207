//! End-to-end tests of the `pith` binary.

mod common;

use std::fs;
use std::path::PathBuf;

use common::{gzip, jsonl_lines, pith, run, run_stdin, run_stdin_in, ARTICLE, BODY};

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

fn write_gzip(path: &std::path::Path, bytes: &[u8]) {
    fs::write(path, gzip(bytes)).unwrap();
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn cleans_standard_input_to_standard_output() {
    let out = run_stdin(&["clean"], ARTICLE.as_bytes());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), BODY);
}

#[test]
fn explain_names_the_rule_for_every_dropped_line() {
    let out = run_stdin(&["clean", "--explain", "-"], ARTICLE.as_bytes());
    let listing = text(&out.stdout);
    assert!(
        listing.contains("TITLE  Council closes the old library\n"),
        "{listing}"
    );
    assert!(
        listing.contains("DROP byline.by  By Jane Doe\n"),
        "{listing}"
    );
    assert!(
        listing.contains("DROP newsletter.sign_up  Sign up for our daily newsletter\n"),
        "{listing}"
    );
    assert!(
        listing.contains("KEEP  The city council voted"),
        "{listing}"
    );
    // The header names the identified language, then one line a block.
    assert!(listing.starts_with("# language: en\n"), "{listing}");
    assert_eq!(listing.lines().count(), 8);
}

#[test]
fn a_folder_is_mirrored_into_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let out = run(&["clean", "corpus", "-o", out_dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let produced = fs::read_to_string(out_dir.join("001_505b14debe1b6e0d.txt")).unwrap();
    let golden = fs::read_to_string(repo().join("golden/001_505b14debe1b6e0d.txt")).unwrap();
    assert_eq!(produced, golden);
    assert!(out_dir.join("cases").is_dir(), "sub-folders are mirrored");
}

#[test]
fn several_documents_on_standard_output_get_headers() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    fs::write(dir.path().join("b.txt"), ARTICLE).unwrap();
    let out = run(&["clean", dir.path().to_str().unwrap()]);
    let stdout = text(&out.stdout);
    let a = format!("==> {} <==\n", dir.path().join("a.txt").display());
    let b = format!("==> {} <==\n", dir.path().join("b.txt").display());
    assert_eq!(stdout, format!("{a}{BODY}{b}{BODY}"));
}

#[test]
fn a_missing_path_is_named_and_exits_2_but_the_rest_is_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    fs::write(&good, ARTICLE).unwrap();
    let out = run(&["clean", "no/such/file.txt", good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no/such/file.txt"),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("The city council voted"));
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.txt");
    let mut bytes = ARTICLE.as_bytes().to_vec();
    bytes.extend_from_slice(
        b"The caf\xe9 owner said the closure would hurt trade on the high street for years.\n",
    );
    fs::write(&path, bytes).unwrap();
    let out = run(&["clean", path.to_str().unwrap()]);
    assert!(out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("warning") && stderr.contains("latin1.txt"),
        "{stderr}"
    );
    assert!(text(&out.stdout).contains("The caf\u{fffd} owner"));
}

#[test]
fn an_empty_file_gives_an_empty_output_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    let out_dir = dir.path().join("out");
    let out = run(&[
        "clean",
        dir.path().join("empty.txt").to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(fs::read(out_dir.join("empty.txt")).unwrap(), b"");
}

#[test]
fn jsonl_records_keep_their_fields_and_a_bad_line_does_not_stop_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dump.jsonl");
    let good = serde_json::json!({"id": "a1", "url": "https://example.com/x", "text": ARTICLE, "lang": "en"});
    let empty = serde_json::json!({"id": "a2", "text": ""});
    fs::write(&path, format!("{good}\n{{broken\n\n{empty}\n")).unwrap();
    let out = run(&["clean", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("dump.jsonl:2"),
        "error names file and line: {stderr}"
    );
    let records = jsonl_lines(&out.stdout);
    assert_eq!(records.len(), 3, "one output record per input record");
    assert_eq!(records[0]["id"], "a1");
    assert_eq!(records[0]["lang"], "en");
    assert_eq!(records[0]["text"], BODY);
    assert_eq!(records[0]["title"], "Council closes the old library");
    assert_eq!(records[0]["pith"]["dropped"]["byline.by"], 1);
    assert_eq!(records[1]["pith"]["line"], 2);
    assert_eq!(records[2]["id"], "a2");
    assert_eq!(records[2]["text"], "");
}

#[test]
fn fail_fast_stops_at_the_first_bad_record() {
    let input = format!("{{broken\n{}\n", serde_json::json!({"text": ARTICLE}));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.jsonl");
    fs::write(&path, input).unwrap();
    let out = run(&["clean", "--fail-fast", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(jsonl_lines(&out.stdout).len(), 1);
}

#[test]
fn custom_field_names_and_gzip_input() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.jsonl.gz");
    let record = serde_json::json!({"key": 9, "content": ARTICLE, "html": "<p>x</p>"});
    write_gzip(&path, format!("{record}\n").as_bytes());
    let out = run(&[
        "clean",
        "--mode",
        "text",
        "--text-field",
        "content",
        "--id-field",
        "key",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let records = jsonl_lines(&out.stdout);
    assert_eq!(records[0]["content"], BODY);
    assert_eq!(records[0]["key"], 9);
    assert!(
        records[0].get("html").is_none(),
        "the HTML field is dropped"
    );
}

#[test]
fn output_is_identical_for_every_thread_count() {
    let one = run(&["clean", "-j", "1", "--output-format", "jsonl", "corpus"]);
    let two = run(&["clean", "-j", "2", "--output-format", "jsonl", "corpus"]);
    let four = run(&["clean", "-j", "4", "--output-format", "jsonl", "corpus"]);
    assert!(one.status.success());
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, four.stdout);
}

#[test]
fn a_text_file_with_a_stray_tag_is_not_taken_for_html() {
    let out = run(&["clean", "--explain", "corpus/001_505b14debe1b6e0d.txt"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("DROP caption.license_photo  U.S. security officials"));
}

#[test]
fn user_rules_add_to_the_built_in_ones() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("house.toml");
    fs::write(&rules, "[kind.house]\nabout = \"house promos\"\n[[rule]]\nname = \"house.quiz\"\npattern = '^take our quiz'\n").unwrap();
    let input = format!("{ARTICLE}Take our quiz and win a mug\n");
    let out = run_stdin(
        &["clean", "--explain", "--rules", rules.to_str().unwrap()],
        input.as_bytes(),
    );
    assert!(
        text(&out.stdout).contains("DROP house.quiz  Take our quiz"),
        "{}",
        text(&out.stdout)
    );
    fs::write(&rules, "[[rule]]\nname = \"nokind.x\"\npattern = 'x'\n").unwrap();
    let out = run_stdin(&["clean", "--rules", rules.to_str().unwrap()], b"x");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("house.toml"));
}

#[test]
fn check_reports_a_diff_and_fails_on_a_mismatch() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let golden = dir.path().join("golden");
    fs::create_dir_all(&corpus).unwrap();
    fs::create_dir_all(&golden).unwrap();
    fs::write(corpus.join("a.txt"), ARTICLE).unwrap();
    fs::write(golden.join("a.txt"), "Something else.\n").unwrap();
    fs::write(corpus.join("b.txt"), ARTICLE).unwrap();
    let args = |extra: &[&str]| {
        let mut v = vec![
            "check",
            "--corpus",
            corpus.to_str().unwrap(),
            "--golden",
            golden.to_str().unwrap(),
        ];
        v.extend_from_slice(extra);
        v.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let out = pith().args(args(&[])).output().unwrap();
    assert_ne!(out.status.code(), Some(0));
    let report = text(&out.stdout);
    assert!(report.contains("-Something else."), "{report}");
    assert!(report.contains("no golden file"), "{report}");
    assert!(report.ends_with("0 passed, 2 failed\n"), "{report}");
    let blessed = pith().args(args(&["--bless"])).output().unwrap();
    assert!(blessed.status.success());
    assert_eq!(fs::read_to_string(golden.join("b.txt")).unwrap(), BODY);
    let again = pith().args(args(&[])).output().unwrap();
    assert!(again.status.success());
    assert!(text(&again.stdout).ends_with("2 passed, 0 failed\n"));
}

fn write_dataset(dir: &std::path::Path) -> PathBuf {
    let path = dir.join("dev.jsonl");
    let lines = [
        serde_json::json!({"id": "p1", "site": "a.com", "text": ARTICLE, "gold": BODY,
            "with": ["The city council voted"], "without": ["Share this article"]}),
        serde_json::json!({"id": "p2", "site": "a.com", "text": ARTICLE, "gold": "Completely different words in this gold body."}),
        serde_json::json!({"id": "p3", "site": "b.com", "text": ARTICLE}),
    ];
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn eval_scores_cleaning_against_gold() {
    let dir = tempfile::tempdir().unwrap();
    let data = write_dataset(dir.path());
    let out = run(&[
        "eval",
        "--json",
        "--source-field",
        "site",
        data.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = &report["files"][0];
    assert_eq!(file["pages"], 2, "the record without gold is left out");
    assert_eq!(file["unscored"][0], "p3");
    // p1 is perfect, p2 shares nothing: P = R = 0.5.
    assert_eq!(file["precision"], 0.5);
    assert_eq!(file["recall"], 0.5);
    assert_eq!(file["f1"], 0.5);
    assert_eq!(file["empty"], 0);
    // Only p1 has snippets: its `with` is found, its `without` is not there.
    let snippets = &file["snippets"];
    assert_eq!(
        (&snippets["tp"], &snippets["fp"], &snippets["fn"]),
        (&1.into(), &0.into(), &0.into())
    );
    assert_eq!(snippets["f1"], 1.0);
    assert!(file.get("by").is_none(), "no groups unless asked for");

    let worst = run(&["eval", "--no-freq", "--worst", "1", data.to_str().unwrap()]);
    let listing = text(&worst.stdout);
    assert!(listing.contains("worst: p2  F1 0.000"), "{listing}");
}

#[test]
fn eval_scores_a_prediction_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = write_dataset(dir.path());
    let pred = dir.path().join("pred.jsonl");
    fs::write(
        &pred,
        format!(
            "{}\n{}\n",
            serde_json::json!({"id": "p1", "text": BODY}),
            serde_json::json!({"id": "p2", "text": "Completely different words in this gold body."})
        ),
    )
    .unwrap();
    let out = run(&[
        "eval",
        "--json",
        "--pred",
        pred.to_str().unwrap(),
        data.to_str().unwrap(),
    ]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"][0]["f1"], 1.0);
}

/// Writes JSONL records (one a line) to `name` in `dir`.
fn write_jsonl(dir: &std::path::Path, name: &str, records: &[serde_json::Value]) -> PathBuf {
    let path = dir.join(name);
    let text: String = records.iter().map(|r| format!("{r}\n")).collect();
    fs::write(&path, text).unwrap();
    path
}

/// `pith eval --pred PRED DATA` with extra arguments; the standard output.
fn eval_pred(data: &std::path::Path, pred: &std::path::Path, extra: &[&str]) -> String {
    let mut args = vec!["eval", "--pred", pred.to_str().unwrap()];
    args.extend_from_slice(extra);
    args.push(data.to_str().unwrap());
    let out = run(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn eval_by_site_prints_each_group_largest_first() {
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let data = write_jsonl(
        dir.path(),
        "dev.jsonl",
        &[
            json!({"id": "n1", "gold": BODY}),
            json!({"id": "a1", "site": "a.com", "gold": BODY}),
            json!({"id": "z1", "site": "z.com", "gold": BODY}),
            json!({"id": "z2", "site": "z.com", "gold": BODY}),
        ],
    );
    let pred = write_jsonl(
        dir.path(),
        "pred.jsonl",
        &[
            json!({"id": "z1", "text": BODY}),
            json!({"id": "z2", "text": "Completely different words in this prediction."}),
            json!({"id": "a1", "text": BODY}),
            json!({"id": "n1", "text": BODY}),
        ],
    );
    let name = data.display();
    // z.com weighs most, so it comes first; then a.com and unknown (no
    // site), one page each, by name.
    assert_eq!(
        eval_pred(&data, &pred, &["--by", "site"]),
        format!(
            "{name}  pages 4  P 0.750  R 0.750  F1 0.750  empty 0\n\
             \x20 site z.com    pages 2  P 0.500  R 0.500  F1 0.500  empty 0\n\
             \x20 site a.com    pages 1  P 1.000  R 1.000  F1 1.000  empty 0\n\
             \x20 site unknown  pages 1  P 1.000  R 1.000  F1 1.000  empty 0\n"
        )
    );
    let json = eval_pred(&data, &pred, &["--by", "site", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let file = &report["files"][0];
    assert_eq!(file["by"], "site");
    let groups: Vec<(&str, u64, f64)> = file["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap(),
                g["pages"].as_u64().unwrap(),
                g["f1"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [("z.com", 2, 0.5), ("a.com", 1, 1.0), ("unknown", 1, 1.0)]
    );
}

#[test]
fn eval_by_site_groups_cleaned_pages_too() {
    let dir = tempfile::tempdir().unwrap();
    let data = write_dataset(dir.path());
    let out = run(&["eval", "--no-freq", "--by", "site", data.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listing = text(&out.stdout);
    // p3 (b.com) has no gold and no snippets: unscored, in no group.
    assert!(
        listing.contains(
            "\n  site a.com  pages 2  P 0.500  R 0.500  F1 0.500  \
             snippets P 1.000  R 1.000  F1 1.000  empty 0\n"
        ),
        "{listing}"
    );
    assert!(!listing.contains("site b.com"), "{listing}");
    assert!(listing.contains("  unscored: p3\n"), "{listing}");
}

#[test]
fn eval_by_language_prefers_the_record_then_the_prediction() {
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let data = write_jsonl(
        dir.path(),
        "dev.jsonl",
        &[
            json!({"id": "1", "language": "fr", "gold": BODY}),
            json!({"id": "2", "gold": BODY}),
            json!({"id": "3", "gold": BODY}),
        ],
    );
    let pred = write_jsonl(
        dir.path(),
        "pred.jsonl",
        &[
            json!({"id": "1", "text": BODY, "language": "en"}),
            json!({"id": "2", "text": BODY, "language": "de"}),
            json!({"id": "3", "text": BODY}),
        ],
    );
    let listing = eval_pred(&data, &pred, &["--by", "language"]);
    let groups: Vec<&str> = listing
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(1))
        .collect();
    assert_eq!(groups, ["de", "fr", "unknown"], "{listing}");
}

#[test]
fn eval_by_language_uses_the_identified_language_when_cleaning() {
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let data = write_jsonl(
        dir.path(),
        "dev.jsonl",
        &[
            json!({"id": "own", "language": "xx", "text": ARTICLE, "gold": BODY}),
            json!({"id": "identified", "text": ARTICLE, "gold": BODY}),
        ],
    );
    let out = run(&[
        "eval",
        "--no-freq",
        "--json",
        "--by",
        "language",
        data.to_str().unwrap(),
    ]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = report["files"][0]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["en", "xx"]);
}

#[test]
fn a_snippet_only_set_prints_only_snippet_figures() {
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let data = write_jsonl(
        dir.path(),
        "snippets.jsonl",
        &[
            json!({"id": "s1", "gold": "", "with": ["The city council voted"], "without": ["Share this article"]}),
            json!({"id": "s2", "with": ["in the town centre"], "without": ["Sign up for our daily newsletter"]}),
            json!({"id": "s3", "gold": "", "with": [], "without": []}),
        ],
    );
    let pred = write_jsonl(
        dir.path(),
        "pred.jsonl",
        &[
            json!({"id": "s1", "text": BODY}),
            json!({"id": "s2", "text": ARTICLE}),
        ],
    );
    // TP 2 (both `with` found), FP 1 (s2's newsletter line), FN 0.
    assert_eq!(
        eval_pred(&data, &pred, &[]),
        format!(
            "{}  pages 2  snippets P 0.667  R 1.000  F1 0.800  empty 0\n  unscored: s3\n",
            data.display()
        )
    );
    let json = eval_pred(&data, &pred, &["--json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let file = &report["files"][0];
    assert!(
        file.get("f1").is_none(),
        "no shingle F1 without gold bodies"
    );
    assert_eq!(file["snippets"]["f1"], 0.8);
    assert_eq!(file["unscored"], json!(["s3"]));
}

#[test]
fn empty_predictions_are_counted_and_left_out_of_precision() {
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let data = write_jsonl(
        dir.path(),
        "dev.jsonl",
        &[
            json!({"id": "full", "site": "a.com", "gold": BODY}),
            json!({"id": "blank", "site": "a.com", "gold": BODY}),
            json!({"id": "missing", "site": "b.com", "gold": BODY}),
        ],
    );
    // `blank` has no word; `missing` has no prediction at all.
    let pred = write_jsonl(
        dir.path(),
        "pred.jsonl",
        &[
            json!({"id": "full", "text": BODY}),
            json!({"id": "blank", "text": " -- | "}),
        ],
    );
    let listing = eval_pred(&data, &pred, &["--by", "site", "--worst", "1"]);
    // P: only `full` counts (1.000), not 1/3; R: 1/3.
    assert_eq!(
        listing,
        format!(
            "{}  pages 3  P 1.000  R 0.333  F1 0.500  empty 2\n\
             \x20 site a.com  pages 2  P 1.000  R 0.500  F1 0.667  empty 1\n\
             \x20 site b.com  pages 1  P 0.000  R 0.000  F1 0.000  empty 1\n\
             \x20 worst: blank  F1 0.000  P 0.000  R 0.000  empty\n",
            data.display()
        )
    );
}

#[test]
fn gate_uses_snippet_f1_for_a_set_without_gold_bodies() {
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let plain = write_jsonl(
        dir.path(),
        "snip.jsonl",
        &[
            json!({"id": "s", "site": "a.com", "text": ARTICLE, "gold": "",
            "with": ["The city council voted", "Not on the page at all"],
            "without": ["Share this article"]}),
        ],
    );
    write_gzip(&dir.path().join("snip.jsonl.gz"), &fs::read(plain).unwrap());
    let floors = dir.path().join("floors.toml");
    let gate = |floor: &str| {
        fs::write(
            &floors,
            format!("source_field = \"site\"\n[text]\nsnip = {floor}\n"),
        )
        .unwrap();
        let out = pith()
            .args([
                "gate",
                "--floors",
                floors.to_str().unwrap(),
                "--data",
                dir.path().to_str().unwrap(),
            ])
            .env_remove("CI")
            .output()
            .unwrap();
        (out.status.code(), text(&out.stdout))
    };
    // TP 1, FN 1, FP 0: P 1, R 0.5, snippet F1 0.667.
    let (code, report) = gate("0.667");
    assert_eq!(code, Some(0), "{report}");
    assert!(
        report.contains("ok   text snip: snippet F1 0.667 (floor 0.667, pages 1, empty 0)"),
        "{report}"
    );
    let (code, report) = gate("0.7");
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains("FAIL text snip: snippet F1 0.667"),
        "{report}"
    );
}

#[test]
fn gate_fails_below_a_floor_and_passes_at_it() {
    let dir = tempfile::tempdir().unwrap();
    write_dataset(dir.path());
    write_gzip(
        &dir.path().join("dev.jsonl.gz"),
        &fs::read(dir.path().join("dev.jsonl")).unwrap(),
    );
    let floors = dir.path().join("floors.toml");
    let gate = |floor: &str| {
        fs::write(
            &floors,
            format!("source_field = \"site\"\n[text]\ndev = {floor}\n"),
        )
        .unwrap();
        pith()
            .args([
                "gate",
                "--floors",
                floors.to_str().unwrap(),
                "--data",
                dir.path().to_str().unwrap(),
            ])
            .env_remove("CI")
            .output()
            .unwrap()
    };
    let pass = gate("0.5");
    assert!(pass.status.success(), "{}", text(&pass.stdout));
    let fail = gate("0.6");
    assert_eq!(fail.status.code(), Some(1));
    let report = text(&fail.stdout);
    assert!(
        report.contains("FAIL text dev: F1 0.500 (floor 0.600"),
        "{report}"
    );
    let skipped = pith()
        .args([
            "gate",
            "--floors",
            floors.to_str().unwrap(),
            "--data",
            "/no/such/dir",
        ])
        .env_remove("CI")
        .output()
        .unwrap();
    assert!(skipped.status.success());
    assert!(text(&skipped.stdout).contains("skipped"));
    let required = pith()
        .args([
            "gate",
            "--floors",
            floors.to_str().unwrap(),
            "--data",
            "/no/such/dir",
        ])
        .env("CI", "true")
        .output()
        .unwrap();
    assert_eq!(required.status.code(), Some(1));
}

/// The publisher corpus as JSONL records with a `site` field, in path order.
fn publisher_records() -> Vec<String> {
    let root = repo().join("corpus/publishers");
    let mut records = Vec::new();
    let mut publishers: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    publishers.sort();
    for publisher in publishers {
        let mut articles: Vec<_> = fs::read_dir(&publisher)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        articles.sort();
        for article in articles {
            let site = publisher.file_name().unwrap().to_string_lossy().to_string();
            let id = format!("{site}/{}", article.file_name().unwrap().to_string_lossy());
            let text = fs::read_to_string(&article).unwrap();
            records.push(serde_json::json!({"id": id, "site": site, "text": text}).to_string());
        }
    }
    records
}

#[test]
fn sharded_stats_merged_clean_like_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let records = publisher_records();
    assert!(records.len() >= 15);
    let whole = dir.path().join("whole.jsonl");
    fs::write(&whole, records.join("\n") + "\n").unwrap();
    // Shards interleave publishers, so no shard alone has enough documents.
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for (i, r) in records.iter().enumerate() {
        if i % 2 == 0 {
            a.push(r.clone())
        } else {
            b.push(r.clone())
        }
    }
    let shard_a = dir.path().join("a.jsonl");
    let shard_b = dir.path().join("b.jsonl");
    fs::write(&shard_a, a.join("\n") + "\n").unwrap();
    fs::write(&shard_b, b.join("\n") + "\n").unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    for (input, out) in [
        (&shard_a, "a.stats"),
        (&shard_b, "b.stats"),
        (&whole, "whole.stats"),
    ] {
        let o = run(&[
            "stats",
            "--source-field",
            "site",
            input.to_str().unwrap(),
            "-o",
            &path(out),
        ]);
        assert!(o.status.success(), "{}", text(&o.stderr));
    }
    let ab = run(&[
        "stats",
        "--merge",
        &path("a.stats"),
        &path("b.stats"),
        "-o",
        &path("ab.stats"),
    ]);
    assert!(ab.status.success());
    let ba = run(&[
        "stats",
        "--merge",
        &path("b.stats"),
        &path("a.stats"),
        "-o",
        &path("ba.stats"),
    ]);
    assert!(ba.status.success());
    let whole_stats = fs::read(path("whole.stats")).unwrap();
    assert_eq!(
        fs::read(path("ab.stats")).unwrap(),
        whole_stats,
        "merge equals one count"
    );
    assert_eq!(
        fs::read(path("ba.stats")).unwrap(),
        whole_stats,
        "merge order does not matter"
    );

    let one_run = run(&["clean", "--source-field", "site", whole.to_str().unwrap()]);
    assert!(one_run.status.success());
    let mut sharded = Vec::new();
    for shard in [&shard_a, &shard_b] {
        let o = run(&[
            "clean",
            "--source-field",
            "site",
            "--stats",
            &path("ab.stats"),
            shard.to_str().unwrap(),
        ]);
        assert!(o.status.success());
        sharded.extend(jsonl_lines(&o.stdout));
    }
    let mut expected = jsonl_lines(&one_run.stdout);
    let key = |v: &serde_json::Value| v["id"].as_str().unwrap().to_string();
    expected.sort_by_key(key);
    sharded.sort_by_key(key);
    assert_eq!(sharded, expected);
    // And the counts matter: without them, publisher chrome survives.
    let no_freq = run(&[
        "clean",
        "--no-freq",
        "--source-field",
        "site",
        shard_a.to_str().unwrap(),
    ]);
    let with_freq = run(&[
        "clean",
        "--stats",
        &path("ab.stats"),
        "--source-field",
        "site",
        shard_a.to_str().unwrap(),
    ]);
    assert_ne!(no_freq.stdout, with_freq.stdout);
}

#[test]
fn a_corrupt_stats_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let stats = dir.path().join("bad.stats");
    fs::write(&stats, b"PITHSTAT\x01\x00\x00\x00garbage").unwrap();
    let out = run_stdin(
        &["clean", "--stats", stats.to_str().unwrap()],
        ARTICLE.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("bad.stats"), "{stderr}");
}

#[test]
fn explain_shows_frequency_counts() {
    let out = run(&["clean", "--explain", "corpus/publishers"]);
    let listing = text(&out.stdout);
    assert!(
        listing.contains("DROP freq.source (6/6 docs of saltmarsh-courier)"),
        "{}",
        &listing[..2000.min(listing.len())]
    );
}

const PAGE: &str = r#"<!DOCTYPE html><html><head><title>Council closes library | The Courier</title></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>Council closes library</h1>
<p class="byline">By Jane Doe</p>
<p>The city council voted on Tuesday to close the old library, ending a decade of debate over its future.</p>
<div class="share-buttons"><a href="/share">Share on Facebook</a></div>
<p>Residents who opposed the plan said they would keep campaigning for a new branch in the town centre.</p>
</article><footer><p>© 2025 The Courier. All rights reserved.</p></footer></body></html>"#;

#[test]
fn html_files_are_recognised_and_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    fs::write(&path, PAGE).unwrap();
    let out = run(&["clean", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), BODY);
    let explain = text(&run(&["clean", "--explain", path.to_str().unwrap()]).stdout);
    assert!(
        explain.contains("TITLE  Council closes library"),
        "{explain}"
    );
    assert!(explain.contains("DROP dom.nav  Home"), "{explain}");
}

#[test]
fn html_jsonl_records_use_the_html_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pages.jsonl");
    let record = serde_json::json!({"id": "p", "url": "https://www.courier.example.com/a", "html": PAGE, "text": "ignored"});
    fs::write(&path, format!("{record}\n")).unwrap();
    let out = run(&["clean", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let records = jsonl_lines(&out.stdout);
    assert_eq!(records[0]["text"], BODY);
    assert_eq!(records[0]["title"], "Council closes library");
    assert!(records[0].get("html").is_none());
}

#[test]
fn bad_html_gives_an_output_or_a_clear_error_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.html");
    let bytes: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fs::write(&junk, bytes).unwrap();
    let deep = dir.path().join("deep.html");
    fs::write(
        &deep,
        format!(
            "<html><body>{}deep text{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        ),
    )
    .unwrap();
    let unclosed = dir.path().join("unclosed.html");
    fs::write(&unclosed, "<html><body><p>The council voted on Tuesday to close the old library, ending a decade of debate.<div><span><p>More").unwrap();
    let out = run(&[
        "clean",
        "-o",
        dir.path().join("out").to_str().unwrap(),
        dir.path().to_str().unwrap(),
    ]);
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{stderr}"
    );
    if out.status.code() == Some(1) {
        assert!(
            stderr.contains("junk.html"),
            "a failing document is named: {stderr}"
        );
    }
    let unclosed_out = fs::read_to_string(dir.path().join("out/unclosed.txt")).unwrap();
    assert!(
        unclosed_out.starts_with("The council voted on Tuesday"),
        "{unclosed_out}"
    );
    assert!(dir.path().join("out/deep.txt").exists());
}

#[test]
fn eval_with_title_scores_the_headline_with_the_body() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("titled.jsonl");
    let gold = format!("Council closes the old library\n{BODY}");
    fs::write(
        &path,
        format!(
            "{}\n",
            serde_json::json!({"id": "t", "text": ARTICLE, "gold": gold})
        ),
    )
    .unwrap();
    let score = |extra: &[&str]| {
        let mut args = vec!["eval", "--json", "--no-freq"];
        args.extend_from_slice(extra);
        args.push(path.to_str().unwrap());
        let report: serde_json::Value = serde_json::from_slice(&run(&args).stdout).unwrap();
        report["files"][0]["f1"].as_f64().unwrap()
    };
    assert_eq!(score(&["--with-title"]), 1.0);
    assert!(
        score(&[]) < 1.0,
        "without the title the headline's words are missing"
    );
}

#[test]
fn stories_appended_after_the_footer_are_not_the_body() {
    let long = "The committee's report, published after a year of hearings, runs to 400 pages and recommends changes to how the state funds its public universities and colleges.";
    let page = format!(
        "<html><body><h1>Council closes library</h1>\
         <p>The city council voted on Tuesday to close the old library, ending a decade of debate over its future.</p>\
         <p>Residents who opposed the plan said they would keep campaigning for a new branch in the town centre.</p>\
         <p>The building, which opened in 1911, will be sold at auction next spring, the council said.</p>\
         <footer><p>© 2025 The Courier. All rights reserved.</p></footer>\
         <div id=next>{}</div></body></html>",
        (1..=4)
            .map(|i| format!("<p>{long} Hearing number {i} was held in the capital.</p>"))
            .collect::<String>()
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    fs::write(&path, page).unwrap();
    let out = run(&["clean", path.to_str().unwrap()]);
    let expected = format!(
        "{BODY}The building, which opened in 1911, will be sold at auction next spring, the council said.\n"
    );
    let explain = text(&run(&["clean", "--explain", path.to_str().unwrap()]).stdout);
    assert_eq!(text(&out.stdout), expected, "{explain}");
}

/// `n` records with ids `r0`, `r1`..., each a numbered line, every
/// `article_every`th after the article.
fn numbered_records(n: usize, article_every: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let body = if i % article_every == 0 { ARTICLE } else { "" };
        let text = format!("{body}Story number {i} ends here with a full sentence of its own.\n");
        let record = serde_json::json!({"id": format!("r{i}"), "text": text});
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out
}

fn ids(stdout: &[u8]) -> Vec<String> {
    jsonl_lines(stdout)
        .iter()
        .map(|r| {
            r["id"]
                .as_str()
                .map_or_else(|| r["id"].to_string(), str::to_string)
        })
        .collect()
}

#[test]
fn jsonl_on_standard_input_is_read_as_records_plain_or_gzipped() {
    let first = serde_json::json!({"id": "a1", "text": ARTICLE});
    let second = serde_json::json!({"id": 2, "text": ARTICLE, "html": null});
    let input = format!("\n{first}\n\n{second}\n{{broken\n");
    let plain = run_stdin(&["clean"], input.as_bytes());
    assert_eq!(plain.status.code(), Some(1), "{}", text(&plain.stderr));
    let records = jsonl_lines(&plain.stdout);
    assert_eq!(records.len(), 3, "one output record per input record");
    assert_eq!(records[0]["id"], "a1");
    assert_eq!(records[1]["id"], 2);
    assert_eq!(records[0]["text"], BODY);
    assert_eq!(records[1]["text"], BODY);
    assert_eq!(records[2]["pith"]["line"], 5, "a bad record names its line");
    assert!(text(&plain.stderr).contains("error: <stdin>:5: invalid JSON"));
    let gzipped = run_stdin(&["clean"], &gzip(input.as_bytes()));
    assert_eq!(gzipped.status.code(), Some(1), "{}", text(&gzipped.stderr));
    assert_eq!(gzipped.stdout, plain.stdout);
}

#[test]
fn input_format_forces_the_layout() {
    let input = numbered_records(3, 1);
    let auto = run_stdin(&["clean", "--no-freq"], input.as_bytes());
    assert_eq!(jsonl_lines(&auto.stdout).len(), 3);
    // Forced text: all of standard input is one text dump.
    let forced = run_stdin(
        &[
            "clean",
            "--input-format",
            "text",
            "--output-format",
            "jsonl",
        ],
        input.as_bytes(),
    );
    assert!(forced.status.success(), "{}", text(&forced.stderr));
    assert_eq!(ids(&forced.stdout), ["stdin"]);
    // Forced JSONL: a file whose name does not say so is read as records.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("records.txt");
    fs::write(&path, &input).unwrap();
    let by_name = run(&["clean", "--output-format", "jsonl", path.to_str().unwrap()]);
    assert_eq!(ids(&by_name.stdout), ["records.txt"]);
    let as_jsonl = run(&[
        "clean",
        "--no-freq",
        "--input-format",
        "jsonl",
        path.to_str().unwrap(),
    ]);
    assert!(as_jsonl.status.success(), "{}", text(&as_jsonl.stderr));
    assert_eq!(as_jsonl.stdout, auto.stdout);
    // A forced layout that contradicts --mode is refused.
    let refused = run_stdin(&["clean", "--input-format", "text", "--mode", "html"], b"x");
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("contradicts"));
}

#[test]
fn streaming_without_the_corpus_pass_matches_the_file_run_for_any_thread_count() {
    // More records than one batch holds, so batches meet in the output.
    let input = numbered_records(2500, 50);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.jsonl");
    fs::write(&path, &input).unwrap();
    let file = run(&["clean", "--no-freq", "-j", "1", path.to_str().unwrap()]);
    assert!(file.status.success(), "{}", text(&file.stderr));
    let expected: Vec<String> = (0..2500).map(|i| format!("r{i}")).collect();
    assert!(ids(&file.stdout) == expected, "ids in input order");
    for jobs in ["1", "2"] {
        let piped = run_stdin(&["clean", "--no-freq", "-j", jobs], input.as_bytes());
        assert!(piped.status.success(), "{}", text(&piped.stderr));
        assert!(
            piped.stdout == file.stdout,
            "-j {jobs} differs from the file run"
        );
    }
}

#[test]
fn the_corpus_pass_on_standard_input_matches_the_file_and_removes_its_spool() {
    let input = publisher_records().join("\n") + "\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("publishers.jsonl");
    fs::write(&path, &input).unwrap();
    let tmp = dir.path().join("tmp");
    fs::create_dir(&tmp).unwrap();
    let args = ["clean", "--source-field", "site"];
    let file = run(&[&args[..], &[path.to_str().unwrap()]].concat());
    assert!(file.status.success(), "{}", text(&file.stderr));
    let no_freq = run(&[&args[..], &["--no-freq", path.to_str().unwrap()]].concat());
    assert_ne!(
        file.stdout, no_freq.stdout,
        "the corpus pass changes the output"
    );
    // Kept in memory, and (with no memory to keep) read back from the spool.
    for keep in [&[][..], &["--keep-mb", "0"][..]] {
        let piped = run_stdin_in(&[&args[..], keep].concat(), input.as_bytes(), &tmp);
        assert!(piped.status.success(), "{}", text(&piped.stderr));
        assert!(
            piped.stdout == file.stdout,
            "stdin {keep:?} differs from the file run"
        );
        let left: Vec<_> = fs::read_dir(&tmp).unwrap().collect();
        assert!(left.is_empty(), "the spool file is removed: {left:?}");
    }
}

#[test]
fn a_broken_gzip_stream_keeps_the_records_before_the_break() {
    let input = numbered_records(40, 1);
    let compressed = gzip(input.as_bytes());
    let cut = &compressed[..compressed.len() * 3 / 4];
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for args in [
        &["clean", "--no-freq"][..],
        &["clean", "--keep-mb", "0"][..],
    ] {
        let out = run_stdin_in(args, cut, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains("error: <stdin>: line "), "{stderr}");
        let records = ids(&out.stdout);
        assert!(
            records.len() > 10 && records.len() < 40,
            "{args:?}: {records:?}"
        );
        assert_eq!(records[..3], ["r0", "r1", "r2"]);
        outputs.push(records.len());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            0,
            "spool removed"
        );
    }
    assert_eq!(outputs[0], outputs[1], "the spool replays what was read");
}

#[test]
fn every_clean_run_ends_with_one_summary_line_unless_quiet() {
    let good = serde_json::json!({"id": "a", "text": ARTICLE});
    let empty = serde_json::json!({"id": "b", "text": ""});
    let input = format!("{good}\n{{broken\n{empty}\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.jsonl");
    fs::write(&path, &input).unwrap();
    let out = run(&["clean", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.len(),
        2,
        "one error, one summary, no progress bar: {stderr}"
    );
    assert!(lines[0].starts_with("error: "), "{stderr}");
    let summary = lines[1]
        .strip_prefix("pith: 3 documents (1 empty, 1 bad), 0.0 MB in ")
        .unwrap_or_else(|| panic!("summary line: {stderr}"));
    let seconds = summary.strip_suffix(" s").expect("seconds");
    assert!(seconds.parse::<f64>().is_ok(), "{stderr}");
    // The megabytes are the input's size as read.
    let big = numbered_records(300, 1);
    let megabytes = format!("{:.1} MB", big.len() as f64 / 1e6);
    let streamed = run_stdin(&["clean", "--no-freq"], big.as_bytes());
    let stderr = text(&streamed.stderr);
    assert!(
        stderr.starts_with(&format!(
            "pith: 300 documents (0 empty, 0 bad), {megabytes} in "
        )),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let quiet = run(&["clean", "--quiet", path.to_str().unwrap()]);
    assert_eq!(quiet.stdout, out.stdout);
    let stderr = text(&quiet.stderr);
    assert_eq!(stderr.lines().count(), 1, "only the error: {stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
}

/// One page of a publisher: its recurring chrome, a stamp, and a story.
fn publisher_page(story: &str, stamp: &str) -> String {
    format!(
        "Harbour Gazette\nTidewatch quiz every Friday at the pier\nUpdated {stamp}\n\
         {story} opened the meeting, and the council agreed to look again at the plan for the old harbour wall before the spring tides.\n\
         {story} told residents that the repairs would start in May and take most of the summer, with the footpath closed for six weeks.\n\
         Harbour Gazette crossword and puzzles\n"
    )
}

#[test]
fn an_article_crawled_many_times_keeps_its_body() {
    let tmp = tempfile::tempdir().unwrap();
    let mut records = Vec::new();
    // The same story eight times (exact copies, and re-crawls with the stamp
    // in other words): counted eight times, its lines would be in 80% of the
    // source's pages, the share that makes a paragraph chrome. Beside it, two
    // other stories of the source.
    let stamps = [
        "5 minutes ago",
        "an hour ago",
        "two hours ago",
        "yesterday evening",
    ];
    for i in 0..8 {
        records.push(
            serde_json::json!({"id": format!("copy{i}"), "site": "gazette",
            "text": publisher_page("The mayor", stamps[i % stamps.len()])}),
        );
    }
    for (i, who) in ["The harbour master", "A fisherman"].iter().enumerate() {
        records.push(
            serde_json::json!({"id": format!("other{i}"), "site": "gazette",
            "text": publisher_page(who, "yesterday")}),
        );
    }
    let path = write_jsonl(tmp.path(), "dump.jsonl", &records);
    let out = run(&[
        "clean",
        path.to_str().unwrap(),
        "--mode",
        "text",
        "--source-field",
        "site",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines = jsonl_lines(&out.stdout);
    assert_eq!(lines.len(), 10);
    for record in &lines {
        let body = record["text"].as_str().unwrap();
        assert!(body.contains("agreed to look again"), "{record}");
        // The publisher's recurring line is still its chrome: in all three
        // distinct documents.
        assert!(!body.contains("Tidewatch quiz"), "{record}");
    }
}

#[test]
fn an_output_that_is_also_an_input_is_refused_and_the_input_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let record = serde_json::json!({"id": "1", "text": "Council closes the old library\nThe city council voted on Tuesday to close the old library, ending a decade of debate."});
    let path = write_jsonl(tmp.path(), "same.jsonl", &[record]);
    let before = fs::read(&path).unwrap();
    let out = run(&[
        "clean",
        path.to_str().unwrap(),
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("same.jsonl is also an input"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    let stats = run(&[
        "stats",
        path.to_str().unwrap(),
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(!stats.status.success());
    assert_eq!(fs::read(&path).unwrap(), before);
    // A folder that holds the output of an earlier run: the walk meets the
    // output again and leaves it out, with a warning, rather than read it
    // while it is written.
    let folder = tmp.path().join("d");
    fs::create_dir(&folder).unwrap();
    fs::copy(&path, folder.join("a.jsonl")).unwrap();
    let output = folder.join("out.jsonl");
    let first = run(&[
        "clean",
        folder.to_str().unwrap(),
        "--no-freq",
        "-o",
        output.to_str().unwrap(),
    ]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let second = run(&[
        "clean",
        folder.to_str().unwrap(),
        "--no-freq",
        "-o",
        output.to_str().unwrap(),
    ]);
    assert!(second.status.success(), "{}", text(&second.stderr));
    assert!(
        text(&second.stderr).contains("out.jsonl: this run's output, skipped"),
        "{}",
        text(&second.stderr)
    );
    assert_eq!(jsonl_lines(&fs::read(&output).unwrap()).len(), 1);
}
