//! The bad-input suite of issue 14: every way the probe found to lose the
//! user's data, hang the run or exhaust memory, reproduced against the built
//! binary, with the promised behaviour asserted.

mod common;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{gzip, jsonl_lines, pith, ARTICLE};

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
    let mut child = pith()
        .args(["clean", s(&input), "--no-freq", "-q"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pith runs");
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = wait_within(child, 120);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).is_empty(), "{}", text(&out.stderr));
}
