//! The commands behind the `pith` binary. `main.rs` parses arguments into
//! these configurations and calls `run`; each command opens its inputs,
//! runs the library's [`pipeline`](crate::pipeline) and prints, so the
//! commands are usable (and tested) as library functions.

pub mod bench;
pub mod check;
pub mod clean;
pub mod eval;
pub mod gate;
mod progress;
pub mod stats;

use std::fs;
use std::path::Path;

use crate::input::{InputError, InputFile, InputFormat, Inputs};
use crate::pipeline::{Failure, Problem};
use progress::Progress;

/// How a run ended, as an exit status: 0 clean, 1 some records were bad,
/// 2 some inputs could not be read (or the run could not start).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Status {
    #[default]
    Ok = 0,
    BadRecords = 1,
    BadInput = 2,
}

impl Status {
    /// The process exit code.
    pub fn code(self) -> i32 {
        self as i32
    }

    /// Records a problem, keeping the worst.
    pub fn raise(&mut self, to: Status) {
        *self = (*self).max(to);
    }
}

/// Opens one dataset file (or folder), laid out as its name says.
pub(crate) fn open_dataset(path: &Path) -> (Inputs, Vec<InputError>) {
    Inputs::open(&[path.to_path_buf()], InputFormat::Auto, false)
}

/// Prints what opening the inputs of `pith clean` or `pith stats` met:
/// what the walk skipped, as warnings, and each input that could not be
/// opened, as an error (raising `status`).
pub(crate) fn report_opening(inputs: &Inputs, errors: &[InputError], status: &mut Status) {
    for warning in inputs.warnings() {
        eprintln!("warning: {warning}");
    }
    for error in errors {
        eprintln!("error: {error}");
        status.raise(Status::BadInput);
    }
}

/// Prints a document's problem on standard error (out of the progress
/// bar's way) and raises `status` for an error: 2 for an input that cannot
/// be read, 1 for a bad record.
pub(crate) fn report(problem: Problem<'_>, status: &mut Status, progress: &Progress) {
    match problem {
        Problem::Warning(message) => progress.suspend(|| eprintln!("warning: {message}")),
        Problem::Error { message, failure } => {
            progress.suspend(|| eprintln!("error: {message}"));
            status.raise(if failure == Failure::Unreadable {
                Status::BadInput
            } else {
                Status::BadRecords
            });
        }
    }
}

/// Refuses an output file that is one of the inputs (given as such, or met
/// while walking a folder): creating it would empty the input before a line
/// of it was read, and a second run over a folder would read its own output.
pub(crate) fn refuse_to_overwrite_an_input(
    output: &Path,
    files: &[InputFile],
) -> anyhow::Result<()> {
    // An output that does not exist yet cannot be an input.
    let Ok(output_path) = fs::canonicalize(output) else {
        return Ok(());
    };
    for file in files {
        let Some(path) = &file.path else { continue };
        if fs::canonicalize(path).is_ok_and(|p| p == output_path) {
            anyhow::bail!(
                "output {} is also an input: writing it would destroy what pith reads; \
                 write the output elsewhere",
                output.display()
            );
        }
    }
    Ok(())
}
