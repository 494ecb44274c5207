//! The corpus pipeline every front end runs — the `pith` command line, the
//! Python package and its Spark job: read documents, count their lines per
//! source, keep documents between the passes (or read them again), and
//! clean each with the counts.
//!
//! ```text
//! inputs ──► units (batches, in order) ──► Prepared ──► Counter ──► LineStats
//!                                              │                        │
//!                                              └───────► finish ◄───────┘ ──► Outcome ──► JSONL record
//! ```
//!
//! - [`for_each_batch`] hands out the [`Unit`]s of [`Inputs`] (files, JSONL
//!   lines, WARC pages) in batches, in input order.
//! - [`Pipeline::prepare`] reads a unit into a [`Prepared`] document (its
//!   record, its blocks, its source key) or the reason it could not be
//!   read; [`Pipeline::prepare_line`] does the same for one JSONL line
//!   given by the caller, [`Pipeline::prepare_warc`] for one record of a
//!   WARC file ([`WarcUnits`]), and [`Pipeline::prepare_input`] for a
//!   record the caller built.
//! - A [`Counter`] counts prepared documents into [`LineStats`], a copy of
//!   a document its source already had counted once.
//! - [`Pipeline::finish`] classifies a prepared document into an
//!   [`Outcome`], whose [`Outcome::json_record`] is the record `pith clean`
//!   writes.
//! - [`count`] and [`clean_all`] run these over every input, as
//!   `pith stats` and `pith clean` do.
//!
//! ```
//! use pith::pipeline::{Counter, Pipeline};
//! let pipeline = Pipeline::default();
//! let lines = [
//!     r#"{"id": "1", "url": "https://a.example/1", "text": "Tidewatch quiz every Friday\nThe harbour board met on Monday and agreed to dredge the channel before the summer."}"#,
//!     r#"{"id": "2", "url": "https://a.example/2", "text": "Tidewatch quiz every Friday\nA new ferry timetable starts next week, with two extra crossings on weekday evenings."}"#,
//!     r#"{"id": "3", "url": "https://a.example/3", "text": "Tidewatch quiz every Friday\nThe lifeboat crew rescued two walkers cut off by the tide near the point on Sunday."}"#,
//! ];
//! // Pass one: count every line per source.
//! let mut counter = Counter::default();
//! for (i, line) in lines.iter().enumerate() {
//!     counter.add(&pipeline.prepare_line("dump.jsonl", i + 1, line));
//! }
//! let stats = counter.finish();
//! // Pass two: clean with the counts.
//! let outcome = pipeline.finish(pipeline.prepare_line("dump.jsonl", 1, lines[0]), Some(&stats));
//! let record = outcome.json_record(&pipeline.settings().fields).unwrap();
//! assert_eq!(record["text"], "The harbour board met on Monday and agreed to dredge the channel before the summer.\n");
//! assert_eq!(record["pith"]["dropped"]["freq.source"], 1);
//! ```

mod outcome;
mod units;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use rayon::prelude::*;

pub use outcome::{Done, Failed, Failure, Outcome, Place, Prepared, Problem, Ready};
pub use units::{for_each_batch, oversized_message, Unit, WarcUnit, WarcUnits, BATCH, BATCH_BYTES};

use crate::frequency::{Copies, FrequencyPolicy, LineStats};
use crate::input::{FieldNames, Inputs, Mode, Skip};
use crate::rules::RuleSet;
use crate::Cleaner;

/// How documents are read and judged.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// How to read documents: by extension and content, or forced.
    pub mode: Mode,
    /// JSONL field names (the source field names the source key).
    pub fields: FieldNames,
    /// When counts make a line chrome.
    pub policy: FrequencyPolicy,
}

/// A cleaner and its settings: the pipeline's stages in one value, cheap
/// to share across threads.
#[derive(Debug, Clone, Default)]
pub struct Pipeline {
    cleaner: Cleaner,
    settings: Settings,
}

impl Pipeline {
    /// A pipeline with these rules and settings.
    pub fn new(cleaner: Cleaner, settings: Settings) -> Self {
        Pipeline { cleaner, settings }
    }

    /// The cleaner.
    pub fn cleaner(&self) -> &Cleaner {
        &self.cleaner
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
}

/// Builds a rule set: the built-in rules plus the user's rules files, in
/// order. A file that cannot be read or is refused is an error naming it.
pub fn load_rules(files: &[PathBuf]) -> Result<RuleSet> {
    let mut rules = RuleSet::builtin();
    for path in files {
        let text = fs::read_to_string(path)
            .with_context(|| format!("cannot read rules file {}", path.display()))?;
        rules.extend_from_toml(&text, &path.display().to_string())?;
    }
    Ok(rules)
}

/// Reads and checks a stats file written by `pith stats`.
pub fn read_stats_file(path: &Path) -> Result<LineStats> {
    let bytes =
        fs::read(path).with_context(|| format!("cannot read stats file {}", path.display()))?;
    LineStats::from_bytes(&bytes).map_err(|e| anyhow::anyhow!("stats file {}: {e}", path.display()))
}

/// The corpus pass: counts, for every normalised line, in how many
/// documents of each source it appears. A document is not counted when its
/// source already had a copy of it (a re-crawl, a record written twice):
/// counted again, every line of the article would look like the
/// publisher's chrome. A document that could not be read is counted as
/// failed (a WARC record skipped with a warning is not).
#[derive(Debug, Default)]
pub struct Counter {
    stats: LineStats,
    copies: Copies,
    /// Documents counted since freed memory was last given back.
    since_release: usize,
}

/// Documents counted between two hand-backs of freed memory. Each source's
/// count table grows by reallocation, tens of thousands of them side by
/// side, and every move leaves a hole too small for the next: at a million
/// documents the holes held a third as much as the tables. Giving their
/// pages back costs a walk of the heap: under 1% of the corpus pass's time
/// (`perf`, `pith stats` over 40,000 documents of the scale dump).
const RELEASE_EVERY_DOCS: usize = 8192;

impl Counter {
    /// Counts one prepared document.
    pub fn add(&mut self, prepared: &Prepared) {
        self.since_release += 1;
        if self.since_release >= RELEASE_EVERY_DOCS {
            self.since_release = 0;
            crate::memory::release_freed();
        }
        match &prepared.result {
            Ok(ready) => {
                let lines: Vec<&str> = ready.doc.blocks.iter().map(|b| b.text.as_str()).collect();
                let url = ready.input.url.as_deref();
                if let Some(prints) = self.copies.lines_to_count(&ready.source, url, &lines) {
                    self.stats.add_fingerprints(&ready.source, prints);
                }
            }
            Err(failed) if failed.failure == Failure::Skipped => {}
            Err(_) => self.stats.add_failed(1),
        }
    }

    /// Records `n` inputs that could not be opened.
    pub fn add_failed(&mut self, n: u64) {
        self.stats.add_failed(n);
    }

    /// The counts, sealed for lookups. The memory the pass freed (the
    /// tables' buffers, the copies' hashes) goes back to the system before
    /// the cleaning pass, whose threads would not reuse it.
    pub fn finish(self) -> LineStats {
        let Counter {
            mut stats, copies, ..
        } = self;
        drop(copies);
        stats.seal();
        crate::memory::release_freed();
        stats
    }
}

/// Reads and counts every document of `inputs`, batch by batch in
/// parallel, handing each batch, in input order, to `each` (false stops
/// the pass).
fn count_pass(
    inputs: &Inputs,
    pipeline: &Pipeline,
    mut each: impl FnMut(Vec<Prepared>) -> bool,
) -> LineStats {
    let mut counter = Counter::default();
    read_batches(inputs, |batch| {
        let prepared: Vec<Prepared> = batch
            .into_par_iter()
            .map(|unit| pipeline.prepare(unit, inputs))
            .collect();
        for p in &prepared {
            counter.add(p);
        }
        each(prepared)
    });
    counter.finish()
}

/// The corpus pass of `pith stats`: counts every document of `inputs` (see
/// [`Counter`]), handing every problem met, in input order, to `report`.
pub fn count(
    inputs: &Inputs,
    pipeline: &Pipeline,
    mut report: impl FnMut(Problem<'_>),
) -> LineStats {
    count_pass(inputs, pipeline, |prepared| {
        prepared
            .iter()
            .flat_map(Prepared::problems)
            .for_each(&mut report);
        true
    })
}

/// Where the line counts of a cleaning run come from.
#[derive(Debug, Clone)]
pub enum Frequency {
    /// No corpus counts: rules and the document alone decide.
    Off,
    /// Count the inputs first. Documents are kept in memory for the
    /// cleaning pass while they hold at most `keep_bytes` bytes at their
    /// full size (`None`: 1 GiB); past it, or when the inputs are larger
    /// than that as stored, the inputs are read again.
    Count { keep_bytes: Option<usize> },
    /// Counts made beforehand (`pith stats`).
    Stats(LineStats),
}

/// How many bytes of documents (at their full size in memory) the corpus
/// pass keeps for the cleaning pass by default.
const KEEP_BUDGET_BYTES: usize = 1 << 30;

/// Signs of life from [`clean_all`], for a progress bar. Every method does
/// nothing by default.
pub trait Watch {
    /// A pass that reads the inputs begins (`counting` or `cleaning`).
    fn reading(&self, _pass: &'static str, _inputs: &Inputs) {}
    /// `documents` documents of the reading pass are done.
    fn read(&self, _inputs: &Inputs, _documents: u64) {}
    /// The cleaning pass over `documents` documents kept in memory begins.
    fn cleaning_kept(&self, _documents: u64) {}
    /// `documents` kept documents are clean.
    fn cleaned(&self, _documents: u64) {}
}

/// No progress to show.
impl Watch for () {}

/// What [`clean_all`] measured.
#[derive(Debug, Clone, Default)]
pub struct Ran {
    /// Seconds spent reading and cleaning (not handing outcomes over).
    pub busy: f64,
    /// Bytes read from the inputs, as stored, counted once.
    pub bytes: u64,
    /// WARC records that gave no page, by reason, counted once.
    pub skipped: std::collections::BTreeMap<Skip, u64>,
}

/// Reads, counts (with [`Frequency::Count`]) and cleans every input
/// document, handing each outcome, in input order, to `each`; `each`
/// returns false to stop the run. Without the corpus pass this is one
/// streaming pass in batches; with it, documents are kept in memory up to
/// the budget, else read again.
///
/// ```
/// use pith::pipeline::{clean_all, Frequency, Pipeline};
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("a.txt"), "Share this article\nThe council voted on Tuesday to close the old library, ending a decade of debate.").unwrap();
/// let (inputs, errors) = pith::input::Inputs::open(&[dir.path().to_path_buf()], Default::default(), false);
/// assert!(errors.is_empty());
/// let mut bodies = Vec::new();
/// clean_all(&inputs, &Pipeline::default(), Frequency::Count { keep_bytes: None }, &(), |outcome| {
///     bodies.push(outcome.result.unwrap().cleaned.body);
///     true
/// });
/// assert_eq!(bodies, ["The council voted on Tuesday to close the old library, ending a decade of debate.\n"]);
/// ```
pub fn clean_all(
    inputs: &Inputs,
    pipeline: &Pipeline,
    frequency: Frequency,
    watch: &dyn Watch,
    mut each: impl FnMut(Outcome) -> bool,
) -> Ran {
    let start = Instant::now();
    let mut kept: Option<Vec<Prepared>> = None;
    let mut first_pass = None;
    let stats = match frequency {
        Frequency::Off => None,
        Frequency::Stats(stats) => Some(stats),
        Frequency::Count { keep_bytes } => {
            let budget = keep_bytes.unwrap_or(KEEP_BUDGET_BYTES);
            // A document in memory takes at least the bytes it is stored in
            // (more: its blocks, its record's fields). Inputs larger than
            // the budget as stored can never all be kept, and keeping them
            // until the budget runs out would only add the budget to the
            // peak beside the count table: the freed documents' memory is
            // seldom given back to the system.
            let could_fit = inputs
                .total_bytes()
                .map_or(true, |total| total <= budget as u64);
            let mut keep = could_fit.then(Vec::new);
            let mut kept_bytes = 0usize;
            let mut counted = 0u64;
            watch.reading("counting", inputs);
            let stats = count_pass(inputs, pipeline, |prepared| {
                counted += prepared.len() as u64;
                watch.read(inputs, counted);
                // Once past the budget, nothing more is kept (or measured).
                if let Some(kept) = keep.as_mut() {
                    kept_bytes += prepared.iter().map(Prepared::size).sum::<usize>();
                    if kept_bytes > budget {
                        keep = None;
                    } else {
                        kept.extend(prepared);
                    }
                }
                true
            });
            kept = keep;
            first_pass = Some((inputs.bytes_read(), inputs.skipped()));
            Some(stats)
        }
    };
    let mut busy = start.elapsed().as_secs_f64();
    let stats = stats.as_ref();
    let mut done = 0u64;
    match kept {
        Some(mut prepared) => {
            watch.cleaning_kept(prepared.len() as u64);
            let batches = std::iter::from_fn(|| {
                let rest = prepared.split_off(prepared.len().min(BATCH));
                let batch = std::mem::replace(&mut prepared, rest);
                (!batch.is_empty()).then_some(batch)
            });
            let clean = |batch: Vec<Prepared>| -> Vec<Outcome> {
                batch
                    .into_par_iter()
                    .map(|p| pipeline.finish(p, stats))
                    .collect()
            };
            clean_in_order(batches, clean, &mut busy, |outcomes| {
                done += outcomes.len() as u64;
                let go_on = outcomes.into_iter().all(&mut each);
                watch.cleaned(done);
                go_on
            });
        }
        None => {
            watch.reading("cleaning", inputs);
            let clean = |batch: Vec<Unit>| -> Vec<Outcome> {
                batch
                    .into_par_iter()
                    .map(|unit| pipeline.finish(pipeline.prepare(unit, inputs), stats))
                    .collect()
            };
            let hand_over = |outcomes: Vec<Outcome>| {
                done += outcomes.len() as u64;
                let go_on = outcomes.into_iter().all(&mut each);
                watch.read(inputs, done);
                go_on
            };
            if overlapping() {
                // Reading, cleaning and handing over run side by side.
                read_ahead(inputs, |batches| {
                    clean_in_order(batches, clean, &mut busy, hand_over)
                });
            } else {
                let mut hand_over = hand_over;
                for_each_batch(inputs, |batch| {
                    let started = Instant::now();
                    let outcomes = clean(batch);
                    busy += started.elapsed().as_secs_f64();
                    hand_over(outcomes)
                });
            }
        }
    }
    let (bytes, skipped) = first_pass.unwrap_or_else(|| (inputs.bytes_read(), inputs.skipped()));
    Ran {
        busy,
        bytes,
        skipped,
    }
}

/// Whether the pool has threads to spare for reading and writing beside
/// cleaning. With one thread, reading, cleaning and writing take turns, so
/// that one thread's figures are one core's.
fn overlapping() -> bool {
    rayon::current_num_threads() > 1
}

/// [`for_each_batch`], with the reading on a thread of its own when
/// [`overlapping`] (see [`read_ahead`]).
fn read_batches(inputs: &Inputs, mut handle: impl FnMut(Vec<Unit>) -> bool) {
    if !overlapping() {
        return for_each_batch(inputs, handle);
    }
    read_ahead(inputs, |batches| {
        for batch in batches {
            if !handle(batch) {
                break;
            }
        }
    });
}

/// Runs `handle` over the batches of `inputs` (see [`for_each_batch`]) read
/// on a thread of its own: the next batch is read (files opened, JSONL lines
/// split, gzip inflated) while this one is handled. At most one batch waits
/// read ahead, so memory stays bounded by [`BATCH_BYTES`] a batch in flight.
/// When `handle` returns early, the reader stops at its next batch.
fn read_ahead<R>(
    inputs: &Inputs,
    handle: impl FnOnce(std::sync::mpsc::IntoIter<Vec<Unit>>) -> R,
) -> R {
    std::thread::scope(|scope| {
        let (send, batches) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || for_each_batch(inputs, |batch| send.send(batch).is_ok()));
        // `handle` owns the receiver and drops it when it returns, so the
        // reader's next send fails and the scope can end.
        handle(batches.into_iter())
    })
}

/// Cleans each batch of `batches` with `clean` and hands its outcomes, in
/// input order, to `hand_over` (false stops), adding the seconds spent
/// cleaning to `busy`.
///
/// When [`overlapping`], batch n+1 is cleaned on the pool while batch n is
/// handed over (written) on this thread, so the pool does not wait for the
/// writer; a batch cleaned past a stop is dropped unseen. Outcomes reach
/// `hand_over` in the same order either way.
fn clean_in_order<B: Send>(
    batches: impl Iterator<Item = B>,
    clean: impl Fn(B) -> Vec<Outcome> + Sync,
    busy: &mut f64,
    mut hand_over: impl FnMut(Vec<Outcome>) -> bool,
) {
    let timed = |batch: B| {
        let started = Instant::now();
        let outcomes = clean(batch);
        (outcomes, started.elapsed().as_secs_f64())
    };
    let overlap = overlapping();
    let mut pending: Option<Vec<Outcome>> = None;
    for batch in batches {
        let (outcomes, seconds) = match pending.take() {
            Some(previous) if overlap => {
                let mut cleaned = None;
                let mut go_on = true;
                rayon::in_place_scope(|scope| {
                    scope.spawn(|_| cleaned = Some(timed(batch)));
                    go_on = hand_over(previous);
                });
                if !go_on {
                    return;
                }
                // The scope ends only once the spawned job has run.
                cleaned.unwrap_or_default()
            }
            Some(previous) => {
                if !hand_over(previous) {
                    return;
                }
                timed(batch)
            }
            None => timed(batch),
        };
        *busy += seconds;
        pending = Some(outcomes);
    }
    if let Some(last) = pending {
        hand_over(last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::InputFormat;

    /// Opens one file or folder, which must open.
    fn open(path: PathBuf) -> Inputs {
        let (inputs, errors) = Inputs::open(&[path], InputFormat::Auto, false);
        assert!(errors.is_empty());
        inputs
    }

    /// The cleaning pass gives the same outcomes whether the corpus pass kept
    /// the documents or the inputs are read again.
    #[test]
    fn kept_documents_and_rereading_agree() {
        let inputs = open(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"));
        let pipeline = Pipeline::default();
        let bodies = |keep_bytes| {
            let mut bodies = Vec::new();
            clean_all(
                &inputs,
                &pipeline,
                Frequency::Count { keep_bytes },
                &(),
                |o| {
                    bodies.push(o.result.map(|d| d.cleaned.body).unwrap_or_default());
                    true
                },
            );
            bodies
        };
        let kept = bodies(None);
        assert!(kept.len() >= 50);
        assert_eq!(kept, bodies(Some(0)));
    }

    /// A subheading many writers use ("Conclusion") recurs across sources as
    /// a chrome label does; over its paragraph it stays, while the same
    /// count still drops a recurring label that heads nothing.
    #[test]
    fn a_common_subheading_over_its_paragraph_survives_the_corpus_counts() {
        let topics = ["harbour", "ferry", "lifeboat", "bridge", "market"];
        let lines: Vec<String> = topics
            .iter()
            .enumerate()
            .map(|(i, topic)| {
                let para = |n: u32| {
                    format!(
                        "<p>Part {n} on the {topic}: the board met on Monday and agreed to \
                         spend the money before the summer, after a long debate about the {topic} \
                         and its future in the town.</p>"
                    )
                };
                let html = format!(
                    "<html><body><article><h1>The {topic} plan</h1>{}{}<h2>Conclusion</h2>{}\
                     <div>Partner offers</div></article></body></html>",
                    para(1),
                    para(2),
                    para(3)
                );
                serde_json::json!({"id": i, "url": format!("https://s{i}.example/1"), "html": html})
                    .to_string()
            })
            .collect();
        let pipeline = Pipeline::default();
        let mut counter = Counter::default();
        for (i, line) in lines.iter().enumerate() {
            counter.add(&pipeline.prepare_line("dump.jsonl", i + 1, line));
        }
        let stats = counter.finish();
        let outcome = pipeline.finish(
            pipeline.prepare_line("dump.jsonl", 1, &lines[0]),
            Some(&stats),
        );
        let record = outcome.json_record(&pipeline.settings().fields).unwrap();
        let text = record["text"].as_str().unwrap();
        assert!(text.contains("Conclusion\nPart 3"), "{text}");
        assert!(!text.contains("Partner offers"), "{text}");
        assert_eq!(record["pith"]["dropped"]["freq.global"], 1, "{record:?}");
    }

    /// `count` reports every problem in input order, and counts a bad
    /// record as failed.
    #[test]
    fn count_reports_problems_and_counts_failures() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.jsonl");
        fs::write(
            &path,
            "{\"text\": \"One line here.\"}\nnot json\n{\"id\": 3}\n",
        )
        .unwrap();
        let inputs = open(path);
        let mut seen = Vec::new();
        let stats = count(&inputs, &Pipeline::default(), |problem| {
            seen.push(format!("{problem:?}"))
        });
        assert_eq!(stats.documents(), 1);
        assert_eq!(stats.failed(), 2);
        assert_eq!(seen.len(), 2);
        assert!(seen[0].contains("d.jsonl:2: invalid JSON"), "{seen:?}");
        assert!(seen[1].contains("d.jsonl:3: no `text` field"), "{seen:?}");
    }

    /// With reading, cleaning and handing over side by side (a pool of two
    /// threads), outcomes still come in input order across batches, and a
    /// stop hands over nothing more: streaming, kept, and read again.
    #[test]
    fn outcomes_come_in_order_and_stop_when_asked_on_two_threads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.jsonl");
        let records = BATCH * 2 + 100;
        let lines: String = (1..=records)
            .map(|i| format!("{{\"text\": \"Line {i} of the dump, which says something.\"}}\n"))
            .collect();
        fs::write(&path, lines).unwrap();
        let inputs = open(path);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        pool.install(|| {
            assert!(overlapping());
            for frequency in [
                Frequency::Off,
                Frequency::Count { keep_bytes: None },
                Frequency::Count {
                    keep_bytes: Some(0),
                },
            ] {
                let mut labels = Vec::new();
                clean_all(&inputs, &Pipeline::default(), frequency.clone(), &(), |o| {
                    labels.push(o.label);
                    true
                });
                let expected: Vec<String> = (1..=records).map(|i| format!("d.jsonl:{i}")).collect();
                let ends: Vec<String> = labels
                    .iter()
                    .map(|l| l.rsplit('/').next().unwrap_or(l).to_string())
                    .collect();
                assert_eq!(ends, expected, "{frequency:?}");
                let stop = BATCH + 7;
                let mut seen = 0;
                clean_all(
                    &inputs,
                    &Pipeline::default(),
                    frequency.clone(),
                    &(),
                    |_| {
                        seen += 1;
                        seen < stop
                    },
                );
                assert_eq!(seen, stop, "{frequency:?}");
            }
        });
    }
}
