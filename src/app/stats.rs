//! `pith stats`: count a corpus's lines into a stats file, or merge stats
//! files, so a corpus too big for one run is counted shard by shard.

use std::path::PathBuf;

use anyhow::{Context, Result};

use super::progress::Progress;
use super::{refuse_to_overwrite_an_input, report, report_opening, Status};
use crate::frequency::LineStats;
use crate::input::{self, FieldNames, InputFormat, InputOptions, Inputs, Mode};
use crate::output::AtomicFile;
use crate::pipeline::{count, read_stats_file, Pipeline, Settings};

/// Everything `pith stats` needs to know.
#[derive(Debug, Clone, Default)]
pub struct StatsConfig {
    /// Inputs to count, as for `pith clean`.
    pub inputs: Vec<PathBuf>,
    /// Stats files to merge instead of counting inputs.
    pub merge: Vec<PathBuf>,
    /// Where to write the stats file.
    pub output: PathBuf,
    /// How to read documents.
    pub mode: Mode,
    /// How inputs are laid out (standard input: found by content).
    pub input_format: InputFormat,
    /// JSONL field names (the source field decides the source key).
    pub fields: FieldNames,
    /// WARC: count responses of every HTTP status, not only 2xx.
    pub all_status: bool,
    /// The most bytes a document, JSONL line or WARC record may have after
    /// decompression; `None` is [`input::DEFAULT_MAX_RECORD_BYTES`] (64 MiB).
    pub max_record_bytes: Option<u64>,
}

/// Runs `pith stats`. Inputs and records that cannot be read are reported
/// on standard error as `pith clean` reports them, raise the exit status,
/// and are counted as failed in the stats file; the file is written (in
/// place once complete) either way.
pub fn run(config: &StatsConfig) -> Result<Status> {
    let mut status = Status::Ok;
    let stats = if config.merge.is_empty() {
        count_inputs(config, &mut status)?
    } else {
        let mut merged = LineStats::default();
        for path in &config.merge {
            merged.merge(&read_stats_file(path)?);
        }
        merged.seal();
        merged
    };
    let mut out = AtomicFile::create(&config.output)?;
    stats
        .write_to(&mut out)
        .with_context(|| format!("cannot write {}", config.output.display()))?;
    out.commit()?;
    eprintln!(
        "{}: {} documents counted, {} failed, {} (source, line) entries, {:.1} MB in memory",
        config.output.display(),
        stats.documents(),
        stats.failed(),
        stats.entries(),
        stats.heap_bytes() as f64 / 1e6
    );
    Ok(status)
}

/// Counts the inputs, reporting what cannot be read and raising `status`.
fn count_inputs(config: &StatsConfig, status: &mut Status) -> Result<LineStats> {
    let mode = config
        .input_format
        .document_mode(config.mode)
        .map_err(anyhow::Error::msg)?;
    let settings = Settings {
        mode,
        fields: config.fields.clone(),
        ..Settings::default()
    };
    let pipeline = Pipeline::new(crate::Cleaner::default(), settings);
    // One pass: streams are read once, never spooled.
    let options = InputOptions {
        format: config.input_format,
        spool: false,
        exclude: Some(config.output.clone()),
        max_record_bytes: config
            .max_record_bytes
            .unwrap_or(input::DEFAULT_MAX_RECORD_BYTES),
        all_status: config.all_status,
    };
    let (inputs, errors) = Inputs::open_with(&config.inputs, &options);
    refuse_to_overwrite_an_input(&config.output, inputs.files())?;
    report_opening(&inputs, &errors, status);
    let progress = Progress::hidden();
    let mut stats = count(&inputs, &pipeline, |problem| {
        report(problem, status, &progress)
    });
    stats.add_failed(errors.len() as u64);
    Ok(stats)
}
