//! Signs of life on long runs: a progress bar on standard error while it is
//! a terminal, and the one summary line that closes every `pith clean` run.

use std::cell::Cell;
use std::io::{self, IsTerminal};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use std::collections::BTreeMap;

use crate::input::{Inputs, Skip};
use crate::pipeline::Watch;

/// A progress bar, or nothing (quiet runs, standard error not a terminal,
/// library callers).
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    /// Bytes the inputs had read when the current pass began.
    base: Cell<u64>,
}

/// A bar over the bytes of inputs of known size: documents, bytes, MB/s,
/// elapsed, ETA.
const KNOWN_SIZE: &str = "{prefix} {msg} [{bar:30}] {decimal_bytes}/{decimal_total_bytes} \
                          {decimal_bytes_per_sec} {elapsed} ETA {eta}";
/// The same without a size (standard input): no bar, no ETA.
const UNKNOWN_SIZE: &str =
    "{spinner} {prefix} {msg} {decimal_bytes} {decimal_bytes_per_sec} {elapsed}";
/// The cleaning pass over documents kept in memory: their count is known.
const KEPT: &str = "{prefix} [{bar:30}] {pos}/{len} documents {per_sec} {elapsed} ETA {eta}";

impl Progress {
    /// No bar.
    pub fn hidden() -> Progress {
        Progress {
            bar: None,
            base: Cell::new(0),
        }
    }

    /// A bar on standard error, unless `quiet` or standard error is not a
    /// terminal.
    pub fn on_stderr(quiet: bool) -> Progress {
        if quiet || !io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.enable_steady_tick(Duration::from_millis(250));
        Progress {
            bar: Some(bar),
            base: Cell::new(0),
        }
    }

    /// Runs `f` (which writes to standard error) with the bar out of the way.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }
}

impl Watch for Progress {
    /// Begins a pass that reads the inputs: the bar follows the bytes read.
    fn reading(&self, label: &'static str, inputs: &Inputs) {
        self.base.set(inputs.bytes_read());
        let Some(bar) = &self.bar else { return };
        let template = match inputs.total_bytes() {
            Some(total) => {
                bar.set_length(total);
                KNOWN_SIZE
            }
            None => {
                bar.unset_length();
                UNKNOWN_SIZE
            }
        };
        set_template(bar, template);
        bar.set_prefix(label);
        bar.reset();
        self.read(inputs, 0);
    }

    /// `documents` documents of the pass are done.
    fn read(&self, inputs: &Inputs, documents: u64) {
        let Some(bar) = &self.bar else { return };
        bar.set_position(inputs.bytes_read().saturating_sub(self.base.get()));
        bar.set_message(format!("{documents} documents"));
    }

    /// Begins the cleaning pass over `documents` documents kept in memory.
    fn cleaning_kept(&self, documents: u64) {
        let Some(bar) = &self.bar else { return };
        set_template(bar, KEPT);
        bar.set_prefix("cleaning");
        bar.set_length(documents);
        bar.reset();
    }

    /// `documents` kept documents are clean.
    fn cleaned(&self, documents: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(documents);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn set_template(bar: &ProgressBar, template: &str) {
    // The templates are constants; one that did not parse would only lose
    // the styling, never the run.
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
}

/// What a `clean` run met, for its summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Documents met (each gave one output record, or one error).
    pub documents: u64,
    /// Documents whose clean body is empty.
    pub empty: u64,
    /// Records and inputs that could not be read or cleaned.
    pub bad: u64,
}

/// The line that closes a run: documents, empty bodies, bad records, the
/// megabytes read from the inputs (as stored) and the seconds taken; then,
/// when WARC records gave no page, how many and why (most first).
pub(crate) fn summary_line(
    tally: &Tally,
    bytes: u64,
    seconds: f64,
    skipped: &BTreeMap<Skip, u64>,
) -> String {
    let mut line = format!(
        "pith: {} document{} ({} empty, {} bad), {:.1} MB in {:.1} s",
        tally.documents,
        if tally.documents == 1 { "" } else { "s" },
        tally.empty,
        tally.bad,
        bytes as f64 / 1e6,
        seconds
    );
    let total: u64 = skipped.values().sum();
    if total > 0 {
        let mut reasons: Vec<(&Skip, &u64)> = skipped.iter().collect();
        reasons.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let reasons: Vec<String> = reasons
            .iter()
            .map(|(skip, n)| format!("{n} {}", skip.name()))
            .collect();
        line.push_str(&format!(
            "; {total} WARC record{} skipped ({})",
            if total == 1 { "" } else { "s" },
            reasons.join(", ")
        ));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line_names_every_figure() {
        let tally = Tally {
            documents: 1000,
            empty: 12,
            bad: 3,
        };
        assert_eq!(
            summary_line(&tally, 45_249_000, 3.06, &BTreeMap::new()),
            "pith: 1000 documents (12 empty, 3 bad), 45.2 MB in 3.1 s"
        );
    }

    #[test]
    fn one_document_is_singular() {
        let tally = Tally {
            documents: 1,
            ..Tally::default()
        };
        assert_eq!(
            summary_line(&tally, 0, 0.04, &BTreeMap::new()),
            "pith: 1 document (0 empty, 0 bad), 0.0 MB in 0.0 s"
        );
    }

    #[test]
    fn skipped_warc_records_are_counted_most_first() {
        let skipped = BTreeMap::from([(Skip::Request, 4), (Skip::Revisit, 1), (Skip::NotHtml, 4)]);
        assert_eq!(
            summary_line(&Tally::default(), 0, 0.0, &skipped),
            "pith: 0 documents (0 empty, 0 bad), 0.0 MB in 0.0 s; \
             9 WARC records skipped (4 request, 4 not HTML, 1 revisit)"
        );
    }

    #[test]
    fn every_template_parses() {
        for template in [KNOWN_SIZE, UNKNOWN_SIZE, KEPT] {
            assert!(ProgressStyle::with_template(template).is_ok(), "{template}");
        }
    }
}
