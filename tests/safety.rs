//! The bad-input suite of issue 14: every way the probe found to lose the
//! user's data, hang the run or exhaust memory, reproduced against the built
//! binary, with the promised behaviour asserted.

mod common;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{feed, gzip, jsonl_lines, pith, ARTICLE};

/// Runs pith, failing the test (not hanging it) after `seconds`.
fn run_within(args: &[&str], seconds: u64) -> Output {
    let child = pith()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pith runs");
    wait_within(child, seconds)
}

fn wait_within(mut child: Child, seconds: u64) -> Output {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while child.try_wait().expect("pith can be waited for").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("pith did not finish within {seconds} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("pith ends")
}

/// Runs `command` until it has written its first bytes, then closes its
/// standard output, as `| head` does.
fn close_output_early(command: &mut Command) -> Output {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pith runs");
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    wait_within(child, 120)
}

fn run(args: &[&str]) -> Output {
    run_within(args, 120)
}

/// Asserts that pith's standard error says `needle`.
fn stderr_has(out: &Output, needle: &str) {
    let stderr = text(&out.stderr);
    assert!(stderr.contains(needle), "{needle:?} not in:\n{stderr}");
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn s(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// `n` JSONL records, ids `r0`...
fn records(n: usize) -> String {
    (0..n)
        .map(|i| {
            let text =
                format!("{ARTICLE}Story number {i} ends here with a full sentence of its own.\n");
            format!(
                "{}\n",
                serde_json::json!({"id": format!("r{i}"), "text": text})
            )
        })
        .collect()
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Makes a FIFO; false where `mkfifo` is missing.
fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

// Item 3: nothing at the destination is touched before the run has started,
// and the output appears whole or not at all.
#[test]
fn a_run_that_cannot_start_leaves_the_previous_output_intact() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.jsonl");
    fs::write(&input, records(5)).unwrap();
    let prev = dir.path().join("prev.jsonl");
    fs::write(&prev, "the previous run's output\n").unwrap();
    let out = run(&[
        "clean",
        s(&input),
        "--stats",
        "/nonexistent",
        "-o",
        s(&prev),
    ]);
    assert_eq!(out.status.code(), Some(2));
    stderr_has(&out, "/nonexistent");
    assert_eq!(
        fs::read_to_string(&prev).unwrap(),
        "the previous run's output\n"
    );
    let rules = dir.path().join("bad.toml");
    fs::write(&rules, "[[rule]]\nname = \"nokind.x\"\npattern = 'x'\n").unwrap();
    let out = run(&["clean", s(&input), "--rules", s(&rules), "-o", s(&prev)]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        fs::read_to_string(&prev).unwrap(),
        "the previous run's output\n"
    );
    // No temporary file is left behind either.
    assert_eq!(names(dir.path()), ["bad.toml", "big.jsonl", "prev.jsonl"]);
    // A run that finishes replaces the file.
    let out = run(&["clean", s(&input), "--no-freq", "-o", s(&prev)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(jsonl_lines(&fs::read(&prev).unwrap()).len(), 5);
}

#[test]
fn a_run_killed_midway_leaves_the_previous_output_intact() {
    let dir = tempfile::tempdir().unwrap();
    let prev = dir.path().join("prev.jsonl");
    fs::write(&prev, "the previous run's output\n").unwrap();
    let mut child = pith()
        .args(["clean", "--no-freq", "-q", "-o", s(&prev)])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("pith runs");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // More than a batch of records, so some are written; then, with the
    // input still open, the run is killed.
    stdin.write_all(records(3000).as_bytes()).unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    child.kill().unwrap();
    child.wait().unwrap();
    drop(stdin);
    assert_eq!(
        fs::read_to_string(&prev).unwrap(),
        "the previous run's output\n"
    );
    // What it was writing is a hidden temporary file, never the output.
    for name in names(dir.path()) {
        assert!(name == "prev.jsonl" || name.starts_with(".pith-"), "{name}");
    }
}

// Item 2: pith reading its own output.
#[test]
fn an_output_folder_inside_the_input_folder_is_left_out_of_the_walk() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("d");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("a.txt"), ARTICLE).unwrap();
    let out_dir = input.join("out");
    for _ in 0..2 {
        let out = run(&["clean", s(&input), "--no-freq", "-o", s(&out_dir)]);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    assert_eq!(names(&out_dir), ["a.txt"]);
    let out = run(&["clean", s(&input), "--no-freq", "-o", s(&out_dir)]);
    stderr_has(&out, "out: this run's output, skipped");
}

// Item 4: colliding output names.
#[test]
fn colliding_output_names_are_refused_naming_both_inputs() {
    let dir = tempfile::tempdir().unwrap();
    for d in ["d1", "d2"] {
        fs::create_dir(dir.path().join(d)).unwrap();
        fs::write(dir.path().join(d).join("x.txt"), ARTICLE).unwrap();
    }
    let (a, b) = (dir.path().join("d1/x.txt"), dir.path().join("d2/x.txt"));
    let out_dir = dir.path().join("out");
    let out = run(&["clean", s(&a), s(&b), "--no-freq", "-o", s(&out_dir)]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("{} and {}", s(&a), s(&b))),
        "{stderr}"
    );
    assert!(stderr.contains("--name-by path"), "{stderr}");
    assert!(!out_dir.exists(), "nothing is written");
    // A folder with story.html and story.txt, and a.txt beside a.txt.gz.
    let folder = dir.path().join("mixed");
    fs::create_dir(&folder).unwrap();
    fs::write(
        folder.join("story.html"),
        format!("<html><body><p>{ARTICLE}</p></body></html>"),
    )
    .unwrap();
    fs::write(folder.join("story.txt"), ARTICLE).unwrap();
    let out = run(&["clean", s(&folder), "--no-freq", "-o", s(&out_dir)]);
    assert_eq!(out.status.code(), Some(2));
    stderr_has(&out, "story.html and ");
    // The path scheme keeps them apart.
    let out = run(&[
        "clean",
        s(&a),
        s(&b),
        s(&folder),
        "--no-freq",
        "--name-by",
        "path",
        "-o",
        s(&out_dir),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = |p: &Path| out_dir.join(p.strip_prefix("/").unwrap_or(p));
    assert!(fs::read_to_string(written(&dir.path().join("d1/x.txt.txt"))).is_ok());
    assert!(fs::read_to_string(written(&dir.path().join("d2/x.txt.txt"))).is_ok());
    assert!(fs::read_to_string(written(&folder.join("story.html.txt"))).is_ok());
    assert!(fs::read_to_string(written(&folder.join("story.txt.txt"))).is_ok());
}

// Item 6: directory symlink loops.
#[cfg(unix)]
#[test]
fn symlink_loops_end_with_a_warning_and_each_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let walk = dir.path().join("walk");
    let sub = walk.join("sub");
    fs::create_dir_all(&sub).unwrap();
    fs::write(sub.join("a.txt"), ARTICLE).unwrap();
    std::os::unix::fs::symlink("..", sub.join("up")).unwrap();
    std::os::unix::fs::symlink("../..", sub.join("upup")).unwrap();
    let out = run_within(
        &["clean", s(&walk), "--no-freq", "--output-format", "jsonl"],
        60,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(jsonl_lines(&out.stdout).len(), 1);
    stderr_has(&out, "already walked");
}

// Item 7: a FIFO inside a walked folder.
#[test]
fn a_fifo_inside_a_walked_folder_is_skipped_and_the_rest_written() {
    let dir = tempfile::tempdir().unwrap();
    let walk = dir.path().join("walk");
    fs::create_dir(&walk).unwrap();
    fs::write(walk.join("a.txt"), ARTICLE).unwrap();
    if !mkfifo(&walk.join("b.txt")) {
        return; // no mkfifo on this system
    }
    let out_dir = dir.path().join("out");
    let out = run_within(&["clean", s(&walk), "-o", s(&out_dir)], 60);
    assert!(out.status.success(), "{}", text(&out.stderr));
    stderr_has(&out, "b.txt: a FIFO, skipped");
    assert_eq!(names(&out_dir), ["a.txt"]);
}

// Item 5: a pipe named as an input is read once and spooled for the second
// pass; the result is the file's.
#[test]
fn a_fifo_named_as_an_input_is_read_once_and_spooled() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.txt");
    let body: String = (0..200)
        .map(|i| {
            format!("Paragraph {i} of the long story goes on with a full sentence of its own.\n")
        })
        .collect();
    fs::write(&file, format!("{ARTICLE}{body}")).unwrap();
    let fifo = dir.path().join("pipe");
    if !mkfifo(&fifo) {
        return;
    }
    let expected = run(&["clean", "--mode", "text", "--keep-mb", "0", s(&file)]);
    assert!(expected.status.success());
    assert!(!expected.stdout.is_empty());
    let writer = {
        let (fifo, file) = (fifo.clone(), file.clone());
        std::thread::spawn(move || {
            let bytes = fs::read(file).unwrap();
            fs::OpenOptions::new()
                .write(true)
                .open(fifo)
                .unwrap()
                .write_all(&bytes)
        })
    };
    let out = run_within(&["clean", "--mode", "text", "--keep-mb", "0", s(&fifo)], 60);
    writer.join().unwrap().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), text(&expected.stdout));
}

// Item 8: bounded records.
#[test]
fn a_record_over_the_limit_is_skipped_with_an_error_record_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dump.jsonl.gz");
    let huge = serde_json::json!({"id": "huge", "text": "0".repeat(100_000)}).to_string();
    let lines = records(3);
    let mut lines: Vec<&str> = lines.lines().collect();
    lines.insert(1, &huge);
    fs::write(&input, gzip(lines.join("\n").as_bytes())).unwrap();
    let out = run(&[
        "clean",
        s(&input),
        "--no-freq",
        "--max-record-bytes",
        "10000",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("{}:2: record of 100", s(&input)))
            && stderr.contains("--max-record-bytes"),
        "{stderr}"
    );
    let records = jsonl_lines(&out.stdout);
    assert_eq!(records.len(), 4, "one output record per input record");
    assert_eq!(records[1]["pith"]["line"], 2);
    assert_eq!(records[2]["id"], "r1");
}

#[test]
fn a_compressed_document_over_the_limit_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.txt.gz");
    fs::write(&bomb, gzip(&vec![b'0'; 1 << 20])).unwrap();
    let fine = dir.path().join("fine.txt");
    fs::write(&fine, ARTICLE).unwrap();
    let out = run(&[
        "clean",
        s(&bomb),
        s(&fine),
        "--no-freq",
        "--output-format",
        "jsonl",
        "--max-record-bytes",
        "65536",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("{}: over --max-record-bytes (65536", s(&bomb))),
        "{stderr}"
    );
    let records = jsonl_lines(&out.stdout);
    assert_eq!(records.len(), 2);
    assert!(records[0]["pith"]["error"]
        .as_str()
        .unwrap()
        .contains("bomb.txt.gz"));
    assert_eq!(records[1]["id"], "fine.txt");
}

// Item 10: `pith stats` reports what it could not read.
#[test]
fn stats_reports_a_truncated_shard_and_bad_lines_and_records_the_failures() {
    let dir = tempfile::tempdir().unwrap();
    let compressed = gzip(records(40).as_bytes());
    let shard = dir.path().join("shard.jsonl.gz");
    fs::write(&shard, &compressed[..compressed.len() * 3 / 4]).unwrap();
    let stats = dir.path().join("shard.stats");
    let out = run(&["stats", s(&shard), "-o", s(&stats)]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("error: {}: line ", s(&shard))),
        "{stderr}"
    );
    assert!(stderr.contains(" 1 failed"), "{stderr}");
    let bad = dir.path().join("bad.jsonl");
    fs::write(&bad, format!("{}not json\n", records(2))).unwrap();
    let out = run(&["stats", s(&bad), "-o", s(&stats)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("error: {}:3: ", s(&bad))),
        "{stderr}"
    );
    // (The two records share their paragraphs: the second counts as a copy.)
    assert!(stderr.contains("1 documents counted, 1 failed"), "{stderr}");
    // The failed count is in the file, and survives a merge.
    let merged = dir.path().join("all.stats");
    let out = run(&["stats", "--merge", s(&stats), s(&stats), "-o", s(&merged)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    stderr_has(&out, "2 documents counted, 2 failed");
}

// Item 11: a user rules file redeclaring a built-in kind.
#[test]
fn a_rules_file_redeclaring_a_built_in_kind_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("mine.toml");
    fs::write(&rules, "[kind.legal]\nabout = \"my legal notices\"\n").unwrap();
    let input = dir.path().join("a.txt");
    fs::write(&input, ARTICLE).unwrap();
    let out = run(&["clean", s(&input), "--rules", s(&rules)]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("mine.toml: kind `legal` is already declared"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

// Item 9: one element with 100,000 distinct attributes.
#[test]
fn an_element_with_a_hundred_thousand_attributes_parses_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    let attributes: String = (0..100_000).map(|i| format!(" a{i}")).collect();
    let paragraph = "The city council voted on Tuesday to close the old library, ending a decade of debate over its future.";
    fs::write(
        &page,
        format!("<html><body><div{attributes}><p>{paragraph}</p></div></body></html>"),
    )
    .unwrap();
    let started = Instant::now();
    let out = run_within(&["clean", s(&page), "--no-freq"], 60);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("{paragraph}\n"));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

// Item 13: a byte-order mark at the start of a JSONL file.
#[test]
fn a_byte_order_mark_before_the_first_record_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bom.jsonl");
    fs::write(&input, format!("\u{feff}{}", records(2))).unwrap();
    let out = run(&["clean", s(&input), "--no-freq"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let records = jsonl_lines(&out.stdout);
    assert_eq!((records[0]["id"].as_str(), records.len()), (Some("r0"), 2));
}

// Item 14: a reader that closes the output pipe early (`| head`).
#[test]
fn a_closed_output_pipe_ends_the_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("many.jsonl");
    fs::write(&input, records(5000)).unwrap();
    let out = close_output_early(pith().args(["clean", s(&input), "--no-freq", "-q"]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).is_empty(), "{}", text(&out.stderr));
}

/// Bytes that look random (a multiplicative hash of their index), as a
/// misnamed image or archive would be.
fn junk(len: usize) -> Vec<u8> {
    (0..len as u64)
        .map(|i| (i.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as u8)
        .collect()
}

/// An uncompressed WARC file of HTTP responses, each an HTML body.
fn warc(bodies: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, body) in bodies.iter().enumerate() {
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
        http.extend_from_slice(body);
        let head = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{i}>\r\n\
             WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: https://news.example/{i}\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len()
        );
        out.extend_from_slice(head.as_bytes());
        out.extend_from_slice(&http);
        out.extend_from_slice(b"\r\n\r\n");
    }
    out
}

/// JSONL records, one for each page, its HTML in the `html` field.
fn html_records(pages: &[&str]) -> String {
    pages
        .iter()
        .map(|html| format!("{}\n", serde_json::json!({ "html": html })))
        .collect()
}

const PAGE: &str = "<html><head><title>Council closes the old library</title></head><body><article><h1>Council closes the old library</h1><p>The city council voted on Tuesday to close the old library, ending a decade of debate over its future.</p><p>Residents who opposed the plan said they would keep campaigning for a new branch in the town centre.</p></article></body></html>";

// Item 12: binary junk with an `.html` name (or inside a record) is refused
// with an error naming the file and the record; the run goes on.
#[test]
fn binary_junk_given_as_html_is_refused_with_an_error_record_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    fs::create_dir(&pages).unwrap();
    fs::write(pages.join("a.html"), PAGE).unwrap();
    fs::write(pages.join("b.html"), junk(20_000)).unwrap();
    // A gzipped image named as a page.
    fs::write(pages.join("c.html.gz"), gzip(&junk(5_000))).unwrap();
    fs::write(pages.join("d.html"), PAGE).unwrap();
    let out_file = dir.path().join("out.jsonl");
    let out = run(&[
        "clean",
        s(&pages),
        "--no-freq",
        "--output-format",
        "jsonl",
        "-o",
        s(&out_file),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    for name in ["b.html", "c.html.gz"] {
        let path = pages.join(name);
        stderr_has(
            &out,
            &format!("error: {}: binary data, not text", path.display()),
        );
    }
    let records = jsonl_lines(&fs::read(&out_file).unwrap());
    assert_eq!(records.len(), 4, "one output record per input");
    assert!(records[0]["text"]
        .as_str()
        .unwrap()
        .contains("city council"));
    assert!(records[1]["pith"]["error"]
        .as_str()
        .unwrap()
        .contains("b.html: binary data"));
    assert!(records[2]["pith"]["error"]
        .as_str()
        .unwrap()
        .contains("c.html.gz: binary data"));
    assert_eq!(records[1].get("title"), None);
    assert_eq!(records[3]["text"], records[0]["text"]);

    // A JSONL record whose page is binary: the error names the line.
    let jsonl = dir.path().join("pages.jsonl");
    let junk_page: String = junk(6_000).into_iter().map(char::from).collect();
    fs::write(&jsonl, html_records(&[PAGE, &junk_page, PAGE])).unwrap();
    let out = run(&["clean", s(&jsonl), "--no-freq"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    stderr_has(
        &out,
        &format!("error: {}:2: binary data, not text", jsonl.display()),
    );
    let records = jsonl_lines(&out.stdout);
    assert_eq!(records.len(), 3);
    assert_eq!(records[1]["pith"]["line"], 2);

    // A WARC response whose body is binary: the error names the record's
    // offset.
    let archive = dir.path().join("crawl.warc");
    let junk_body = junk(8_000);
    fs::write(&archive, warc(&[PAGE.as_bytes(), &junk_body])).unwrap();
    let out = run(&["clean", s(&archive), "--no-freq"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let records = jsonl_lines(&out.stdout);
    assert_eq!(records.len(), 2, "{}", text(&out.stderr));
    let second = text(&warc(&[PAGE.as_bytes()])).len();
    let error = records[1]["pith"]["error"].as_str().unwrap();
    assert!(error.contains("binary data, not text"), "{error}");
    assert_eq!(records[1]["pith"]["offset"], second, "{error}");
    stderr_has(
        &out,
        &format!("{}: record at byte {second}", archive.display()),
    );
}

// Item 12, the other side: no real text is taken for binary data, whatever
// its script or encoding.
#[test]
fn text_in_any_script_and_encoding_is_never_taken_for_binary() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = |p: &str| format!("<p>{p}</p>").repeat(30);
    let pages: Vec<(&str, &str, String)> = vec![
        (
            "ru.html",
            "windows-1251",
            paragraph("Городской совет во вторник проголосовал за закрытие старой библиотеки."),
        ),
        (
            "ja.html",
            "Shift_JIS",
            paragraph("市議会は火曜日、古い図書館の閉鎖を決議した。"),
        ),
        (
            "zh.html",
            "GBK",
            paragraph("市议会周二投票决定关闭旧图书馆。"),
        ),
        (
            "ko.html",
            "EUC-KR",
            paragraph("시의회는 화요일에 오래된 도서관을 폐쇄하기로 결정했다."),
        ),
        (
            "el.html",
            "windows-1253",
            paragraph("Το δημοτικό συμβούλιο ψήφισε την Τρίτη το κλείσιμο της βιβλιοθήκης."),
        ),
    ];
    for (name, charset, body) in &pages {
        let page =
            format!("<html><head><meta charset=\"{charset}\"></head><body>{body}</body></html>");
        let encoding = encoding_rs::Encoding::for_label(charset.as_bytes()).unwrap();
        fs::write(dir.path().join(name), encoding.encode(&page).0).unwrap();
    }
    let hindi = paragraph("नगर परिषद ने मंगलवार को पुराने पुस्तकालय को बंद करने के लिए मतदान किया।");
    let page = format!("<html><body>{hindi}</body></html>");
    let mut le = vec![0xff, 0xfe];
    le.extend(page.encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(dir.path().join("hi-le.html"), le).unwrap();
    let be: Vec<u8> = page.encode_utf16().flat_map(u16::to_be_bytes).collect();
    fs::write(dir.path().join("hi-be-unmarked.html"), be).unwrap();
    let out = run(&[
        "clean",
        s(dir.path()),
        "--no-freq",
        "--output-format",
        "jsonl",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let records = jsonl_lines(&out.stdout);
    assert_eq!(records.len(), 7);
    for record in &records {
        let body = record["text"].as_str().unwrap();
        // The paragraph, decoded (its repeats are dropped as such).
        let letters = body.chars().filter(|c| !c.is_ascii()).count();
        assert!(letters >= 15 && !body.contains('\u{fffd}'), "{record}");
    }
}

// Item 13: a UTF-16 text file, with a byte-order mark (or without), is
// decoded like the same text in UTF-8.
#[test]
fn a_utf16_text_file_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let utf8 = dir.path().join("story.txt");
    fs::write(&utf8, ARTICLE).unwrap();
    let expected = run(&["clean", s(&utf8), "--no-freq"]);
    assert!(expected.status.success());
    assert!(text(&expected.stdout).contains("city council"));
    let le: Vec<u8> = ARTICLE.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = ARTICLE.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let variants = [
        ("le.txt", [&[0xff, 0xfe][..], &le].concat()),
        ("be.txt", [&[0xfe, 0xff][..], &be].concat()),
        ("le-unmarked.txt", le.clone()),
        ("be-unmarked.txt.gz", gzip(&be)),
    ];
    for (name, bytes) in variants {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let out = run(&["clean", s(&path), "--no-freq"]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
        assert_eq!(text(&out.stdout), text(&expected.stdout), "{name}");
        assert!(
            !text(&out.stderr).contains("warning"),
            "{name}: {}",
            text(&out.stderr)
        );
    }
    // On standard input too, a page among them.
    let mut page = vec![0xff, 0xfe];
    page.extend(PAGE.encode_utf16().flat_map(u16::to_le_bytes));
    let out = run_stdin(&["clean", "--no-freq", "-"], &page);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("The city council voted"),
        "{}",
        text(&out.stdout)
    );
    assert!(!text(&out.stdout).contains("<p>"), "{}", text(&out.stdout));
}

/// Runs pith with `input` on standard input.
fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    feed(pith().args(args), input, |child| wait_within(child, 120))
}

// Item 13: a byte-order mark before the first record of a gzipped JSONL
// file, and on standard input.
#[test]
fn a_byte_order_mark_before_a_compressed_or_piped_first_record_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bom.jsonl.gz");
    let marked = format!("\u{feff}{}", records(2));
    fs::write(&input, gzip(marked.as_bytes())).unwrap();
    let out = run(&["clean", s(&input), "--no-freq"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let ids: Vec<_> = jsonl_lines(&out.stdout)
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    assert_eq!(ids, ["r0", "r1"]);
    let out = run_stdin(&["clean", "-"], marked.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(jsonl_lines(&out.stdout)[0]["id"], "r0");
}

// Item 13: a lone surrogate escape is read as U+FFFD with a warning naming
// the file and line, not a rejected record.
#[test]
fn a_lone_surrogate_escape_is_decoded_as_a_replacement_character_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("surrogates.jsonl");
    let story = ARTICLE.replace("the old library,", "the old library \\ud800,");
    let lone = serde_json::json!({"id": "lone", "text": "PLACEHOLDER"})
        .to_string()
        .replace("PLACEHOLDER", &story.replace('\n', "\\n"));
    fs::write(&input, format!("{}{lone}\n{}", records(1), records(1))).unwrap();
    let out = run(&["clean", s(&input), "--no-freq"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    stderr_has(
        &out,
        &format!(
            "warning: {}:2: a lone surrogate escape (\\ud800) decoded as U+FFFD",
            input.display()
        ),
    );
    let records = jsonl_lines(&out.stdout);
    assert_eq!(records.len(), 3);
    assert_eq!(records[1]["id"], "lone");
    let body = records[1]["text"].as_str().unwrap();
    assert!(body.contains("the old library \u{fffd},"), "{body}");
}

// Item 14: the error for a malformed record points at its line and column.
#[test]
fn an_unterminated_string_is_reported_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("cut.jsonl");
    fs::write(
        &input,
        format!(
            "{}{{\"id\": \"cut\", \"text\": \"no end\n{}",
            records(1),
            records(1)
        ),
    )
    .unwrap();
    let out = run(&["clean", s(&input), "--no-freq"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let message = format!(
        "{}:2: invalid JSON: EOF while parsing a string at column 29",
        input.display()
    );
    stderr_has(&out, &format!("error: {message}"));
    let records = jsonl_lines(&out.stdout);
    assert_eq!(records.len(), 3);
    assert_eq!(records[1]["pith"]["error"], message.as_str());
    assert_eq!(records[1]["pith"]["line"], 2);
}

// Item 14: `--explain` prints its listing to standard output; `-o` is not
// written, and a warning says so.
#[test]
fn explain_with_an_output_warns_that_the_output_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("story.txt");
    fs::write(&input, ARTICLE).unwrap();
    let output = dir.path().join("out.jsonl");
    let out = run(&["clean", "--explain", s(&input), "-o", s(&output)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    stderr_has(
        &out,
        &format!(
            "warning: --explain writes its listing to standard output; -o {} is not written",
            output.display()
        ),
    );
    assert!(
        text(&out.stdout).contains("DROP newsletter.sign_up"),
        "{}",
        text(&out.stdout)
    );
    assert!(!output.exists());
}

// Item 14: a closed output pipe ends every kind of output quietly.
#[test]
fn a_closed_output_pipe_ends_text_and_explain_output_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("stories");
    fs::create_dir(&folder).unwrap();
    for i in 0..300 {
        fs::write(folder.join(format!("{i:03}.txt")), ARTICLE.repeat(20)).unwrap();
    }
    for extra in [&[][..], &["--explain"][..]] {
        let out = close_output_early(
            pith()
                .args(["clean", s(&folder), "--no-freq", "-q"])
                .args(extra),
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{extra:?}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).is_empty(),
            "{extra:?}: {}",
            text(&out.stderr)
        );
    }
}

// The pre-parse bounds: a page cut by them says so, naming the file or
// record.
#[test]
fn a_page_cut_by_the_pre_parse_bounds_gives_a_warning_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "The city council voted on Tuesday to close the old library, ending a decade of debate over its future.";
    let attributes: String = (0..2_000).map(|i| format!(" a{i}")).collect();
    let crowded = format!("<html><body><div{attributes}><p>{paragraph}</p></div></body></html>");
    let tags = format!(
        "<html><body><p>{paragraph}</p>{}</body></html>",
        "<br>".repeat(1_000_100)
    );
    let jsonl = dir.path().join("pages.jsonl");
    fs::write(&jsonl, html_records(&[PAGE, &crowded, &tags])).unwrap();
    let page = dir.path().join("crowded.html");
    fs::write(&page, &crowded).unwrap();
    let out = run_within(
        &[
            "clean",
            s(&jsonl),
            s(&page),
            "--no-freq",
            "--output-format",
            "jsonl",
        ],
        300,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let attributes =
        "an element has more than 1024 attributes: all but the first 1024 were left out";
    stderr_has(
        &out,
        &format!("warning: {}:2: {attributes}", jsonl.display()),
    );
    stderr_has(&out, &format!("warning: {}: {attributes}", page.display()));
    stderr_has(
        &out,
        &format!(
            "warning: {}:3: the page has more than 1000000 tags: the rest of it (",
            jsonl.display()
        ),
    );
    let stderr = text(&out.stderr);
    assert_eq!(stderr.matches("warning:").count(), 3, "{stderr}");
    let records = jsonl_lines(&out.stdout);
    assert_eq!(records.len(), 4);
    for record in &records[1..] {
        assert_eq!(record["text"], format!("{paragraph}\n"), "{record}");
    }
}
