//! `pith check`: clean a corpus and compare every output with its golden file.

use std::fs;
use std::path::PathBuf;

use anyhow::{Context, Result};
use similar::TextDiff;

use super::{open_dataset, Status};
use crate::output;
use crate::pipeline::{clean_all, load_rules, Frequency, Pipeline, Settings};
use crate::Cleaner;

/// Everything `pith check` needs to know.
#[derive(Debug, Clone)]
pub struct CheckConfig {
    /// The corpus folder.
    pub corpus: PathBuf,
    /// The golden folder, mirroring the corpus.
    pub golden: PathBuf,
    /// Write the outputs as the new golden files instead of comparing.
    pub bless: bool,
    /// Extra rules files.
    pub rules: Vec<PathBuf>,
}

/// The result of comparing a corpus with its golden files.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// Documents whose output matches.
    pub passed: usize,
    /// Documents that differ, have no golden file, or could not be cleaned.
    pub failed: Vec<String>,
    /// The report text: a unified diff per mismatch and the closing line.
    pub text: String,
}

/// Cleans every corpus document and compares it with its golden file.
pub fn compare(config: &CheckConfig) -> Result<CheckReport> {
    let pipeline = Pipeline::new(
        Cleaner::new(load_rules(&config.rules)?),
        Settings::default(),
    );
    let (inputs, errors) = open_dataset(&config.corpus);
    let files = inputs.files();
    if let Some(error) = errors.first() {
        anyhow::bail!("cannot read corpus: {error}");
    }
    let mut report = CheckReport::default();
    let mut failure: Option<anyhow::Error> = None;
    clean_all(
        &inputs,
        &pipeline,
        Frequency::Count { keep_bytes: None },
        &(),
        |outcome| {
            let golden_path = output::mirrored_path(&config.golden, &files[outcome.file].relative);
            let done = match outcome.result {
                Ok(done) => done,
                Err(failed) => {
                    report
                        .text
                        .push_str(&format!("FAIL {}: {}\n", outcome.label, failed.message));
                    report.failed.push(outcome.label);
                    return true;
                }
            };
            let actual = done.cleaned.body;
            if config.bless {
                let written = golden_path
                    .parent()
                    .map_or(Ok(()), fs::create_dir_all)
                    .and_then(|()| fs::write(&golden_path, &actual))
                    .with_context(|| format!("cannot write {}", golden_path.display()));
                if let Err(e) = written {
                    failure = Some(e);
                }
                report.passed += 1;
                return true;
            }
            match fs::read_to_string(&golden_path) {
                Ok(expected) if expected == actual => report.passed += 1,
                Ok(expected) => {
                    let diff = TextDiff::from_lines(&expected, &actual);
                    report.text.push_str(
                        &diff
                            .unified_diff()
                            .context_radius(2)
                            .header(
                                &golden_path.display().to_string(),
                                &format!("{} (pith)", outcome.label),
                            )
                            .to_string(),
                    );
                    report.failed.push(outcome.label);
                }
                Err(e) => {
                    report.text.push_str(&format!(
                        "FAIL {}: no golden file {}: {e}\n",
                        outcome.label,
                        golden_path.display()
                    ));
                    report.failed.push(outcome.label);
                }
            }
            true
        },
    );
    if let Some(e) = failure {
        return Err(e);
    }
    report.text.push_str(&format!(
        "{} passed, {} failed\n",
        report.passed,
        report.failed.len()
    ));
    Ok(report)
}

/// Runs `pith check`, printing the report; fails on any mismatch.
pub fn run(config: &CheckConfig) -> Result<Status> {
    let report = compare(config)?;
    print!("{}", report.text);
    Ok(if report.failed.is_empty() {
        Status::Ok
    } else {
        Status::BadRecords
    })
}
