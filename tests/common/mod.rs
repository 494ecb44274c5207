//! Running the built `pith` binary, shared by the end-to-end tests.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

pub fn pith() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pith"))
}

pub fn run(args: &[&str]) -> Output {
    pith().args(args).output().expect("pith runs")
}

/// Runs pith on `input` as standard input, with `tmp` as its temporary folder.
pub fn run_stdin_in(args: &[&str], input: &[u8], tmp: &Path) -> Output {
    let mut child = pith()
        .args(args)
        .env("TMPDIR", tmp)
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
    let output = child.wait_with_output().expect("pith ends");
    // pith may stop reading early (a bad input, --fail-fast): a broken pipe
    // is then no failure of the test.
    let _ = writer.join().expect("the writer thread ends");
    output
}
