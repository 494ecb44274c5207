//! `pith bench`: pages/s and MB/s of parsing and cleaning, on payloads held in
//! memory (reading and JSON decoding are outside the timings).

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Result};
use rayon::prelude::*;

use super::{open_dataset, Status};
use crate::frequency::{FrequencyPolicy, LineStats};
use crate::input::{self, FieldNames, Mode, Payload};
use crate::pipeline::{for_each_batch, Unit};
use crate::Cleaner;

/// Everything `pith bench` needs to know.
#[derive(Debug, Clone)]
pub struct BenchConfig {
    /// A JSONL dataset (optionally gzipped).
    pub dataset: PathBuf,
    /// Which field to clean.
    pub mode: Mode,
    /// JSONL field names.
    pub fields: FieldNames,
    /// Timed repetitions; the fastest is reported.
    pub rounds: usize,
}

/// One measured stage.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub stage: &'static str,
    pub seconds: f64,
}

/// Runs the stages and returns (pages, bytes, measures).
pub fn measure(config: &BenchConfig) -> Result<(usize, usize, Vec<Measure>)> {
    let (inputs, errors) = open_dataset(&config.dataset);
    if let Some(e) = errors.first() {
        bail!("cannot read dataset {e}");
    }
    let mut payloads: Vec<(String, Payload)> = Vec::new();
    for_each_batch(&inputs, |batch| {
        for unit in batch {
            if let Unit::Record { line, text, .. } = unit {
                if let Ok(doc) = input::parse_record(&text, line, &config.fields, config.mode) {
                    payloads.push((doc.source.unwrap_or_default(), doc.payload));
                }
            }
        }
        true
    });
    if payloads.is_empty() {
        bail!("{}: no records to measure", config.dataset.display());
    }
    let bytes: usize = payloads.iter().map(|(_, p)| p.len()).sum();
    let cleaner = Cleaner::default();
    let policy = FrequencyPolicy::default();
    let best = |f: &dyn Fn()| {
        (0..config.rounds.max(1))
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    let mut measures = Vec::new();
    if config.mode == Mode::Html {
        let parse_only = best(&|| {
            payloads.par_iter().for_each(|(_, p)| {
                if let Payload::Html(html) = p {
                    std::hint::black_box(scraper::Html::parse_document(html));
                }
            })
        });
        measures.push(Measure {
            stage: "html5ever parse only (scraper::Html::parse_document)",
            seconds: parse_only,
        });
    }
    let clean = best(&|| {
        payloads.par_iter().for_each(|(_, p)| {
            if let Ok(doc) = cleaner.document(p) {
                std::hint::black_box(cleaner.clean(&doc, None));
            }
        })
    });
    measures.push(Measure {
        stage: "clean, no corpus pass (parse, blocks, classify)",
        seconds: clean,
    });
    let with_freq = best(&|| {
        // Pass one: documents and counts; pass two: classify with the counts.
        let docs: Vec<_> = payloads
            .par_iter()
            .map(|(source, p)| (source, cleaner.document(p).ok()))
            .collect();
        let mut stats = LineStats::default();
        for (source, doc) in &docs {
            if let Some(doc) = doc {
                stats.add_document(source, doc.blocks.iter().map(|b| b.text.as_str()));
            }
        }
        stats.seal();
        docs.par_iter().for_each(|(source, doc)| {
            if let Some(doc) = doc {
                std::hint::black_box(cleaner.clean_with_stats(doc, &stats, source, &policy));
            }
        });
    });
    measures.push(Measure {
        stage: "clean with the corpus pass (documents kept between passes)",
        seconds: with_freq,
    });
    Ok((payloads.len(), bytes, measures))
}

/// Runs `pith bench`, printing one line per stage.
pub fn run(config: &BenchConfig) -> Result<Status> {
    let (pages, bytes, measures) = measure(config)?;
    println!(
        "{}: {pages} pages, {:.1} MB, {} thread(s), best of {}",
        config.dataset.display(),
        bytes as f64 / 1e6,
        rayon::current_num_threads(),
        config.rounds.max(1)
    );
    for m in measures {
        println!(
            "  {:>8.1} pages/s  {:>7.2} MB/s  {}",
            pages as f64 / m.seconds,
            bytes as f64 / 1e6 / m.seconds,
            m.stage
        );
    }
    Ok(Status::Ok)
}
