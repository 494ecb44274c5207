//! Running the built `pith` binary, and the inputs and outputs the
//! end-to-end tests share.
// Each test file compiles this module on its own and uses part of it.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

pub fn pith() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pith"))
}

pub fn run(args: &[&str]) -> Output {
    pith().args(args).output().expect("pith runs")
}

/// Runs pith on `input` as standard input, with `tmp` as its temporary folder.
pub fn run_stdin_in(args: &[&str], input: &[u8], tmp: &Path) -> Output {
    feed(pith().args(args).env("TMPDIR", tmp), input, |child| {
        child.wait_with_output().expect("pith ends")
    })
}

/// Spawns `command` with `input` as its standard input and its output
/// piped, and returns what `wait` collects of it.
pub fn feed(command: &mut Command, input: &[u8], wait: impl FnOnce(Child) -> Output) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pith runs");
    // Written from another thread: pith streams, so it writes output while
    // its input is still coming.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = wait(child);
    // pith may stop reading early (a bad input, --fail-fast): a broken pipe
    // is then no failure of the test.
    let _ = writer.join().expect("the writer thread ends");
    output
}

/// Runs pith on `input` as standard input.
pub fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    run_stdin_in(args, input, &std::env::temp_dir())
}

/// A news dump: chrome around a two-paragraph article ([`BODY`]).
pub const ARTICLE: &str = "World\nCouncil closes the old library\nBy Jane Doe\nThe city council voted on Tuesday to close the old library, ending a decade of debate over its future.\nSign up for our daily newsletter\nResidents who opposed the plan said they would keep campaigning for a new branch in the town centre.\nShare this article\n";
/// The body pith keeps of [`ARTICLE`].
pub const BODY: &str = "The city council voted on Tuesday to close the old library, ending a decade of debate over its future.\nResidents who opposed the plan said they would keep campaigning for a new branch in the town centre.\n";

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).expect("writing to a Vec");
    gz.finish().expect("writing to a Vec")
}

/// Each line of pith's JSONL output, parsed.
pub fn jsonl_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}
