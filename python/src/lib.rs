//! `pith._pith`: the Python binding of pith's library pipeline. The Python
//! package `pith` re-exports it (see `pith/__init__.py` and the stubs in
//! `pith/_pith.pyi`).
//!
//! Every call runs the code the `pith` command line runs
//! ([`pith::pipeline`]): the same reading of a record, the same source keys,
//! the same counting and cleaning. Bad input raises `ValueError`; a panic
//! inside pith is caught per document and raised as `ValueError` too, so it
//! never takes the interpreter down.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use rayon::prelude::*;

use pith::classify::Cleaned;
use pith::document::Document;
use pith::frequency::{FrequencyPolicy, LineStats};
use pith::input::{
    FieldNames, InputDoc, Mode, Payload, WarcOffset, WarcOptions, WarcPage, WarcProblem,
    WarcReader, DEFAULT_MAX_RECORD_BYTES,
};
use pith::output::AtomicFile;
use pith::pipeline::{self, Counter, Failed, Pipeline, Prepared, Settings, WarcUnit, WarcUnits};

/// Runs `f`, turning a panic into an error message: a bug in pith shows as
/// a Python exception, never as a dead interpreter.
fn guarded<T>(what: &str, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(format!(
                "{what}: pith failed on it (a bug, please report it): {message}"
            ))
        }
    }
}

fn value_error(message: impl Into<String>) -> PyErr {
    PyValueError::new_err(message.into())
}

/// Runs `f` with the GIL released, on `threads` threads (default: rayon's
/// global pool). Thread pools by size are built once each: `threads=N`
/// calls share them.
fn with_threads<T: Send>(
    py: Python<'_>,
    threads: Option<usize>,
    f: impl FnOnce() -> T + Send,
) -> PyResult<T> {
    py.allow_threads(|| in_pool(threads, f))
}

fn in_pool<T: Send>(threads: Option<usize>, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    let Some(n) = threads else {
        return Ok(f());
    };
    if n == 0 {
        return Err(value_error("threads must be at least 1"));
    }
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let pool = {
        let mut pools = POOLS
            .get_or_init(Default::default)
            .lock()
            .map_err(|_| value_error("thread pools unavailable"))?;
        match pools.get(&n) {
            Some(pool) => Arc::clone(pool),
            None => {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| value_error(format!("cannot start {n} threads: {e}")))?;
                let pool = Arc::new(pool);
                pools.insert(n, Arc::clone(&pool));
                pool
            }
        }
    };
    Ok(pool.install(f))
}

/// Runs `f` on every item in parallel (see [`with_threads`]): the results
/// in the order of the items, or the first failure, in that order.
fn par_map<I, T>(
    py: Python<'_>,
    threads: Option<usize>,
    items: I,
    f: impl Fn(I::Item) -> Result<T, String> + Sync + Send,
) -> PyResult<Vec<T>>
where
    I: IntoParallelIterator + Send,
    T: Send,
{
    // Every item runs: collected whole, the first failure in order is the
    // one raised (a short-circuiting collect could raise a later one).
    let results: Vec<Result<T, String>> =
        with_threads(py, threads, || items.into_par_iter().map(f).collect())?;
    results
        .into_iter()
        .collect::<Result<_, _>>()
        .map_err(value_error)
}

/// A document cleaned: its body, headline, language and what was dropped.
#[pyclass(frozen, module = "pith", name = "Result")]
struct CleanResult {
    doc: Document,
    cleaned: Cleaned,
}

#[pymethods]
impl CleanResult {
    /// The clean body: one paragraph a line, each line ending with a newline
    /// ("" when nothing is left).
    #[getter]
    fn text(&self) -> &str {
        &self.cleaned.body
    }

    /// The headline, when one was found (never part of `text`).
    #[getter]
    fn title(&self) -> Option<&str> {
        self.cleaned.title.as_deref()
    }

    /// The document's language (ISO 639-1), when it was identified.
    #[getter]
    fn language(&self) -> Option<&'static str> {
        self.cleaned.language
    }

    /// How many blocks each rule dropped: {rule name: count}.
    #[getter]
    fn dropped(&self) -> HashMap<String, usize> {
        self.cleaned
            .dropped_by_rule()
            .into_iter()
            .map(|(rule, n)| (rule.to_string(), n))
            .collect()
    }

    /// How many blocks were kept.
    #[getter]
    fn kept(&self) -> usize {
        self.cleaned.kept()
    }

    /// Every block with its verdict and the rule that decided it, as
    /// `pith clean --explain` prints it.
    fn explain(&self) -> String {
        pith::output::explain(&self.doc, &self.cleaned)
    }

    fn __repr__(&self) -> String {
        let py_str = |s: Option<&str>| s.map_or("None".to_string(), |s| format!("{s:?}"));
        format!(
            "pith.Result(title={}, language={}, kept={}, dropped={})",
            py_str(self.cleaned.title.as_deref()),
            py_str(self.cleaned.language),
            self.cleaned.kept(),
            self.cleaned.verdicts.len() - self.cleaned.kept()
        )
    }
}

/// A field of record `index`: a value of type `T` (`kind` names it in the
/// error), or absent (missing or None).
fn field<'py, T: FromPyObject<'py>>(
    record: &Bound<'py, PyDict>,
    key: &str,
    index: usize,
    kind: &str,
) -> PyResult<Option<T>> {
    match record.get_item(key)? {
        None => Ok(None),
        Some(value) if value.is_none() => Ok(None),
        Some(value) => value
            .extract()
            .map(Some)
            .map_err(|_| value_error(format!("record {index}: field `{key}` is not {kind}"))),
    }
}

/// A field of a record: a string, or absent (missing or None).
fn string_field(record: &Bound<'_, PyDict>, key: &str, index: usize) -> PyResult<Option<String>> {
    field(record, key, index, "a string")
}

/// A field a record must have.
fn required<T>(value: Option<T>, key: &str, index: usize) -> PyResult<T> {
    value.ok_or_else(|| value_error(format!("record {index}: no `{key}` field")))
}

/// A page as the caller gives it: text, or bytes whose encoding pith
/// finds as it does for an HTML file (byte-order mark, `<meta charset>`,
/// detection).
enum Html {
    Text(String),
    Bytes(Vec<u8>),
}

/// The `html` argument (`index` None) or field of record `index`: str,
/// bytes, or absent.
fn html_of(value: Option<&Bound<'_, PyAny>>, index: Option<usize>) -> PyResult<Option<Html>> {
    match value {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) if v.is_instance_of::<PyString>() => Ok(Some(Html::Text(v.extract()?))),
        Some(v) if v.is_instance_of::<PyBytes>() => Ok(Some(Html::Bytes(v.extract()?))),
        Some(_) => Err(value_error(match index {
            None => "html must be str or bytes".to_string(),
            Some(index) => format!("record {index}: field `html` is not a string or bytes"),
        })),
    }
}

/// What a caller gives to make one document.
struct Given {
    html: Option<Html>,
    text: Option<String>,
    url: Option<String>,
    source: Option<String>,
    /// The encoding declared for `html` given as bytes (a WARC page's HTTP
    /// `charset`); a page given as text is decoded already.
    charset: Option<String>,
}

/// The document a caller gives (record `index`, or one document when
/// None): `html` (which wins, as in the CLI's JSONL) or `text`, with an
/// optional URL and source.
fn input_of(given: Given, index: Option<usize>) -> PyResult<InputDoc> {
    let Given {
        html,
        text,
        url,
        source,
        charset,
    } = given;
    let payload = match (html, text, index) {
        (Some(Html::Text(html)), _, _) => Payload::Html(html),
        (Some(Html::Bytes(bytes)), _, _) => match charset {
            Some(charset) => Payload::HtmlDeclared { bytes, charset },
            None => Payload::HtmlBytes(bytes),
        },
        (None, Some(text), _) => Payload::Text(text),
        (None, None, None) => return Err(value_error("give the document as html= or text=")),
        (None, None, Some(index)) => {
            return Err(value_error(format!(
                "record {index}: no `text` field (and no `html` field)"
            )))
        }
    };
    Ok(InputDoc {
        bytes: payload.len(),
        line: index.map(|i| i + 1),
        id: String::new(),
        url: url.filter(|u| !u.is_empty()),
        source,
        payload,
        record: None,
    })
}

/// A record given as a dict with `html` or `text`, `url` and the source
/// field (none when `source_field` is None).
fn record_input(
    record: &Bound<'_, PyAny>,
    index: usize,
    source_field: Option<&str>,
) -> PyResult<InputDoc> {
    let record = record
        .downcast::<PyDict>()
        .map_err(|_| value_error(format!("record {index} is not a dict")))?;
    let source = match source_field {
        Some(field) => string_field(record, field, index)?,
        None => None,
    };
    let given = Given {
        html: html_of(record.get_item("html")?.as_ref(), Some(index))?,
        text: string_field(record, "text", index)?,
        url: string_field(record, "url", index)?,
        source,
        charset: string_field(record, "charset", index)?,
    };
    input_of(given, Some(index))
}

/// Reads every record of `records` (any iterable of dicts).
fn record_inputs(
    records: &Bound<'_, PyAny>,
    source_field: Option<&str>,
) -> PyResult<Vec<InputDoc>> {
    let mut inputs = Vec::new();
    for (index, record) in records.try_iter()?.enumerate() {
        inputs.push(record_input(&record?, index, source_field)?);
    }
    Ok(inputs)
}

/// JSONL lines given as `(name, line, text)`: the input's name, the
/// 1-based line number and the line.
type Line = (String, usize, String);

/// A blank line is no record: skipped, as `pith clean` skips it.
fn not_blank((_, _, text): &&Line) -> bool {
    !text.trim().is_empty()
}

fn read_lines(lines: &Bound<'_, PyAny>) -> PyResult<Vec<Line>> {
    lines
        .try_iter()?
        .map(|item| {
            item?.extract::<Line>().map_err(|_| {
                value_error("each line must be a tuple (name: str, line: int, text: str)")
            })
        })
        .collect()
}

/// A pipeline with the built-in rules and the default frequency policy, as
/// `pith stats` counts and `pith.clean` cleans.
fn builtin_pipeline(source_field: Option<String>) -> Pipeline {
    let min_docs = FrequencyPolicy::default().min_docs;
    Pipeline::new(pith::Cleaner::default(), settings(source_field, min_docs))
}

/// The pipeline's settings for JSONL fields with this source field.
fn settings(source_field: Option<String>, min_docs: u32) -> Settings {
    Settings {
        mode: Mode::Auto,
        fields: FieldNames {
            source: source_field,
            ..FieldNames::default()
        },
        policy: FrequencyPolicy {
            min_docs: min_docs.max(1),
            ..FrequencyPolicy::default()
        },
    }
}

/// Line statistics: for every normalised line, in how many documents of
/// each source it appears. The same counts and the same file format as
/// `pith stats`, byte for byte.
#[pyclass(module = "pith")]
#[derive(Clone)]
struct Stats {
    inner: LineStats,
}

impl Stats {
    fn sealed(mut inner: LineStats) -> Stats {
        inner.seal();
        Stats { inner }
    }
}

/// Counts documents in order, as `pith stats` does: `prepare` reads each,
/// [`pipeline::BATCH`] at a time in parallel; the first failure, in order,
/// is raised.
fn count_batches<I: Send>(
    py: Python<'_>,
    threads: Option<usize>,
    items: impl Iterator<Item = I> + Send,
    prepare: impl Fn(I) -> Result<Prepared, String> + Sync + Send,
) -> PyResult<Stats> {
    let counted = with_threads(py, threads, || {
        let mut counter = Counter::default();
        let mut items = items.peekable();
        while items.peek().is_some() {
            let batch: Vec<I> = items.by_ref().take(pipeline::BATCH).collect();
            let prepared: Vec<Result<Prepared, String>> =
                batch.into_par_iter().map(&prepare).collect();
            for p in prepared {
                counter.add(&p?);
            }
        }
        Ok::<_, String>(counter.finish())
    })?;
    counted.map(Stats::sealed).map_err(value_error)
}

#[pymethods]
impl Stats {
    /// Empty counts.
    #[new]
    fn new() -> Stats {
        Stats::sealed(LineStats::default())
    }

    /// Counts records (dicts with `html` or `text`, `url`, and the source
    /// field), as `pith stats --source-field FIELD` counts the same records
    /// in a JSONL file. `source_field=None`: no source field (the URL's
    /// registrable domain, else one source). A bad record raises ValueError.
    #[staticmethod]
    #[pyo3(signature = (records, source_field = Some("source".to_string()), threads = None))]
    fn count(
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        source_field: Option<String>,
        threads: Option<usize>,
    ) -> PyResult<Stats> {
        let inputs = record_inputs(records, source_field.as_deref())?;
        let pipeline = builtin_pipeline(source_field);
        let records = inputs.into_iter().enumerate();
        count_batches(py, threads, records, |(index, input)| {
            let label = format!("record {index}");
            guarded(&label.clone(), || {
                let p = pipeline.prepare_input(label, input);
                match &p.result {
                    Err(failed) => Err(failed.message.clone()),
                    Ok(_) => Ok(p),
                }
            })
        })
    }

    /// Counts JSONL lines given as `(name, line, text)` tuples exactly as
    /// `pith stats` counts the lines of a file called `name`: a bad record
    /// is counted as failed, not raised. Blank lines are skipped.
    #[staticmethod]
    #[pyo3(signature = (lines, source_field = None, threads = None))]
    fn count_jsonl(
        py: Python<'_>,
        lines: &Bound<'_, PyAny>,
        source_field: Option<String>,
        threads: Option<usize>,
    ) -> PyResult<Stats> {
        let lines = read_lines(lines)?;
        let pipeline = builtin_pipeline(source_field);
        count_batches(
            py,
            threads,
            lines.iter().filter(not_blank),
            |(name, line, text)| {
                guarded(&format!("{name}:{line}"), || {
                    Ok(pipeline.prepare_line(name, *line, text))
                })
            },
        )
    }

    /// Counts WARC records as `read_warc(..., errors="yield")` gives them
    /// exactly as `pith stats` counts those records of the WARC file they
    /// name: each page under its URL's registrable domain, a record that
    /// could not be read counted as failed.
    #[staticmethod]
    #[pyo3(signature = (records, threads = None))]
    fn count_warc(
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Stats> {
        let units = warc_units_of(records)?;
        let pipeline = builtin_pipeline(None);
        count_batches(py, threads, units.into_iter(), |(index, name, unit)| {
            guarded(&format!("{name}: record {index}"), || {
                Ok(pipeline.prepare_warc(&name, unit))
            })
        })
    }

    /// Adds `other`'s counts to these (merging is associative and
    /// commutative: any order, any grouping, the same bytes). Returns self,
    /// so `functools.reduce(Stats.merge, shards)` works.
    fn merge<'py>(mut slf: PyRefMut<'py, Self>, other: PyRef<'py, Stats>) -> PyRefMut<'py, Self> {
        slf.inner.merge(&other.inner);
        slf.inner.seal();
        slf
    }

    /// The stats file's bytes, as `pith stats` writes them.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.to_bytes())
    }

    /// Reads the bytes of a stats file; ValueError when they are not one
    /// (another version, truncated, corrupt).
    #[staticmethod]
    fn from_bytes(data: &[u8]) -> PyResult<Stats> {
        LineStats::from_bytes(data)
            .map(Stats::sealed)
            .map_err(|e| value_error(format!("not a usable stats file: {e}")))
    }

    /// Writes the stats file to `path` (whole or not at all, as `pith stats`
    /// writes it).
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        py.allow_threads(|| {
            let mut out = AtomicFile::create(&path)?;
            self.inner.write_to(&mut out)?;
            out.commit()
        })
        .map_err(|e| PyOSError::new_err(format!("cannot write {}: {e}", path.display())))
    }

    /// Reads a stats file written by `pith stats` or `save`; OSError when it
    /// cannot be read, ValueError when it is no stats file.
    #[staticmethod]
    fn load(path: PathBuf) -> PyResult<Stats> {
        let bytes = std::fs::read(&path)
            .map_err(|e| PyOSError::new_err(format!("cannot read {}: {e}", path.display())))?;
        LineStats::from_bytes(&bytes)
            .map(Stats::sealed)
            .map_err(|e| value_error(format!("stats file {}: {e}", path.display())))
    }

    /// Documents counted.
    #[getter]
    fn documents(&self) -> u64 {
        self.inner.documents()
    }

    /// Documents that could not be read when counting.
    #[getter]
    fn failed(&self) -> u64 {
        self.inner.failed()
    }

    /// Distinct (source, line) pairs.
    #[getter]
    fn entries(&self) -> usize {
        self.inner.entries()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .downcast::<Stats>()
            .is_ok_and(|o| o.borrow().inner == self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "pith.Stats(documents={}, failed={}, entries={})",
            self.inner.documents(),
            self.inner.failed(),
            self.inner.entries()
        )
    }
}

/// Cleans documents with pith's rules (plus your own rules files) and,
/// with `stats`, corpus line counts. Reuse one across calls: building it
/// compiles the rules.
#[pyclass(frozen, module = "pith")]
struct Cleaner {
    pipeline: Pipeline,
    stats: Option<Arc<LineStats>>,
}

impl Cleaner {
    /// Cleans one prepared document; a failure is the message.
    fn finish(&self, prepared: Prepared) -> Result<CleanResult, String> {
        let outcome = self.pipeline.finish(prepared, self.stats.as_deref());
        outcome
            .result
            .map(|done| CleanResult {
                doc: done.doc,
                cleaned: done.cleaned,
            })
            .map_err(|Failed { message, .. }| message)
    }

    fn clean_input(&self, label: String, input: InputDoc) -> Result<CleanResult, String> {
        guarded(&label.clone(), || {
            self.finish(self.pipeline.prepare_input(label, input))
        })
    }

    /// Reads (`prepare`) and cleans every item in parallel into the JSONL
    /// records `pith clean` writes for them, in order (see [`par_map`]);
    /// `label` names an item in the message of a panic.
    fn json_lines<I>(
        &self,
        py: Python<'_>,
        threads: Option<usize>,
        items: I,
        label: impl Fn(&I::Item) -> String + Sync + Send,
        prepare: impl Fn(I::Item) -> Prepared + Sync + Send,
    ) -> PyResult<Vec<String>>
    where
        I: IntoParallelIterator + Send,
    {
        let records = par_map(py, threads, items, |item| {
            guarded(&label(&item), || {
                let outcome = self.pipeline.finish(prepare(item), self.stats.as_deref());
                let record = outcome.json_record(&self.pipeline.settings().fields);
                Ok(record.map(|record| serde_json::Value::Object(record).to_string()))
            })
        })?;
        Ok(records.into_iter().flatten().collect())
    }
}

#[pymethods]
impl Cleaner {
    /// `rules`: paths of rules files added to the built-in rules.
    /// `stats`: a `Stats` or the path of a stats file (`pith stats`): clean
    /// with those corpus counts, the document's `source` (else its URL's
    /// registrable domain) picking the counts. `min_docs`: a line is chrome
    /// by frequency in at least this many documents of its source.
    /// `source_field`: the record key naming the source in `clean_many` and
    /// `clean_jsonl` (None: none, as the CLI without `--source-field`).
    #[new]
    #[pyo3(signature = (rules = None, stats = None, min_docs = 3, source_field = Some("source".to_string())))]
    fn new(
        rules: Option<Vec<PathBuf>>,
        stats: Option<&Bound<'_, PyAny>>,
        min_docs: u32,
        source_field: Option<String>,
    ) -> PyResult<Cleaner> {
        let rules = pipeline::load_rules(&rules.unwrap_or_default())
            .map_err(|e| value_error(format!("{e:#}")))?;
        let stats = match stats {
            None => None,
            Some(s) if s.is_none() => None,
            Some(s) => match s.downcast::<Stats>() {
                Ok(stats) => Some(Arc::new(stats.borrow().inner.clone())),
                Err(_) => {
                    let path: PathBuf = s.extract().map_err(|_| {
                        value_error("stats must be a pith.Stats or the path of a stats file")
                    })?;
                    Some(Arc::new(Stats::load(path)?.inner))
                }
            },
        };
        Ok(Cleaner {
            pipeline: Pipeline::new(pith::Cleaner::new(rules), settings(source_field, min_docs)),
            stats,
        })
    }

    /// Cleans one document: `html` (a page, str or bytes: bytes are decoded
    /// as pith decodes an HTML file, by byte-order mark, then `charset` when
    /// given, as a WARC page's HTTP header declares it, then
    /// `<meta charset>`, then detection) or `text` (a text dump, one block a
    /// line); `url` and `source` pick the corpus counts when the cleaner
    /// has stats. ValueError when neither is given or the page cannot be
    /// read.
    #[pyo3(signature = (html = None, text = None, url = None, source = None, charset = None))]
    fn clean(
        &self,
        py: Python<'_>,
        html: Option<&Bound<'_, PyAny>>,
        text: Option<String>,
        url: Option<String>,
        source: Option<String>,
        charset: Option<String>,
    ) -> PyResult<CleanResult> {
        let given = Given {
            html: html_of(html, None)?,
            text,
            url,
            source,
            charset,
        };
        let input = input_of(given, None)?;
        py.allow_threads(|| self.clean_input("document".into(), input))
            .map_err(value_error)
    }

    /// Cleans a list of records (dicts with `html` or `text`, `url` and
    /// `source` keys, as in the CLI's JSONL, and `charset` for `html` given
    /// as bytes, as `read_warc` gives it) in parallel, with the GIL
    /// released, on `threads` threads (default: all cores). Results come in
    /// the order of the records and are the same for every thread count.
    /// A bad record raises ValueError naming its index.
    #[pyo3(signature = (records, threads = None))]
    fn clean_many(
        &self,
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Vec<CleanResult>> {
        let source_field = self.pipeline.settings().fields.source.clone();
        let inputs = record_inputs(records, source_field.as_deref())?;
        par_map(
            py,
            threads,
            inputs.into_par_iter().enumerate(),
            |(index, input)| self.clean_input(format!("record {index}"), input),
        )
    }

    /// Cleans JSONL lines given as `(name, line, text)` tuples exactly as
    /// `pith clean` cleans the lines of a file called `name`, and returns
    /// each output record as `pith clean` writes it (a JSON string; an
    /// error record for a bad line). Blank lines give no record.
    #[pyo3(signature = (lines, threads = None))]
    fn clean_jsonl(
        &self,
        py: Python<'_>,
        lines: &Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Vec<String>> {
        let lines = read_lines(lines)?;
        self.json_lines(
            py,
            threads,
            lines.par_iter().filter(not_blank),
            |(name, line, _)| format!("{name}:{line}"),
            |(name, line, text)| self.pipeline.prepare_line(name, *line, text),
        )
    }

    /// Cleans WARC records as `read_warc(..., errors="yield")` gives them
    /// exactly as `pith clean` cleans those records of the WARC file they
    /// name, and returns each output record as `pith clean` writes it (a
    /// JSON string: the page's `id`, `url`, `date`, `http_status`, then
    /// `text` and the rest; an error record for a record that could not be
    /// read). In parallel, in order, as `clean_jsonl`.
    #[pyo3(signature = (records, threads = None))]
    fn clean_warc(
        &self,
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Vec<String>> {
        self.json_lines(
            py,
            threads,
            warc_units_of(records)?,
            |(index, name, _)| format!("{name}: record {index}"),
            |(_, name, unit)| self.pipeline.prepare_warc(&name, unit),
        )
    }

    /// Whether the cleaner has corpus counts.
    #[getter]
    fn has_stats(&self) -> bool {
        self.stats.is_some()
    }
}

/// The cleaner `pith.clean` uses: built-in rules, no stats.
fn default_cleaner() -> &'static Cleaner {
    static CLEANER: OnceLock<Cleaner> = OnceLock::new();
    CLEANER.get_or_init(|| Cleaner {
        pipeline: builtin_pipeline(None),
        stats: None,
    })
}

/// Cleans one document with the built-in rules (see `Cleaner.clean`).
#[pyfunction]
#[pyo3(signature = (html = None, text = None, url = None, source = None, charset = None))]
fn clean(
    py: Python<'_>,
    html: Option<&Bound<'_, PyAny>>,
    text: Option<String>,
    url: Option<String>,
    source: Option<String>,
    charset: Option<String>,
) -> PyResult<CleanResult> {
    default_cleaner().clean(py, html, text, url, source, charset)
}

/// A Python `bytes` object read as a stream, without a copy of it (bytes
/// objects never change).
struct BytesReader {
    data: Py<PyBytes>,
    at: usize,
}

impl Read for BytesReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        Python::with_gil(|py| {
            let rest = self.data.as_bytes(py).get(self.at..).unwrap_or_default();
            let n = rest.len().min(buf.len());
            buf[..n].copy_from_slice(&rest[..n]);
            self.at += n;
            Ok(n)
        })
    }
}

/// The dict of a WARC page or problem; see `read_warc`.
fn warc_dict<'py>(py: Python<'py>, name: &str, unit: WarcUnit) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    let offset = match unit {
        WarcUnit::Page { number, page } => {
            let WarcPage {
                offset,
                id,
                url,
                date,
                http_status,
                html,
                charset,
                warning,
            } = *page;
            dict.set_item("id", id)?;
            dict.set_item("url", url)?;
            dict.set_item("date", date)?;
            dict.set_item("http_status", http_status)?;
            dict.set_item("html", PyBytes::new(py, &html))?;
            dict.set_item("charset", charset)?;
            dict.set_item("warning", warning)?;
            dict.set_item("number", number)?;
            offset
        }
        WarcUnit::Problem(problem) => {
            dict.set_item("id", problem.id)?;
            dict.set_item("error", problem.message)?;
            problem.offset
        }
    };
    let (at, counted_in) = offset.parts();
    dict.set_item("name", name)?;
    dict.set_item("offset", at)?;
    dict.set_item("offset_in", counted_in)?;
    Ok(dict)
}

/// The WARC page or problem a dict of `read_warc` stands for, and the name
/// of its file.
fn warc_unit(record: &Bound<'_, PyAny>, index: usize) -> PyResult<(String, WarcUnit)> {
    let record = record
        .downcast::<PyDict>()
        .map_err(|_| value_error(format!("record {index} is not a dict")))?;
    let name = required(string_field(record, "name", index)?, "name", index)?;
    let at: u64 = required(field(record, "offset", index, "an int")?, "offset", index)?;
    let counted_in = required(
        string_field(record, "offset_in", index)?,
        "offset_in",
        index,
    )?;
    let offset = WarcOffset::from_parts(at, &counted_in).ok_or_else(|| {
        value_error(format!(
            "record {index}: `offset_in` is {counted_in:?}, not \"file\", \"compressed\" or \"uncompressed\""
        ))
    })?;
    let id = string_field(record, "id", index)?;
    if let Some(message) = string_field(record, "error", index)? {
        let problem = WarcProblem {
            offset,
            id,
            message,
            skip: None,
        };
        return Ok((name, WarcUnit::Problem(problem)));
    }
    let html = match record.get_item("html")? {
        Some(html) if html.is_instance_of::<PyBytes>() => {
            html.downcast::<PyBytes>()?.as_bytes().to_vec()
        }
        Some(html) if !html.is_none() => {
            return Err(value_error(format!(
                "record {index}: field `html` is not bytes"
            )))
        }
        _ => return Err(value_error(format!("record {index}: no `html` field"))),
    };
    let page = WarcPage {
        offset,
        id,
        url: string_field(record, "url", index)?,
        date: string_field(record, "date", index)?,
        http_status: field(record, "http_status", index, "an HTTP status")?,
        html,
        charset: string_field(record, "charset", index)?,
        warning: string_field(record, "warning", index)?,
    };
    let number = required(field(record, "number", index, "an int")?, "number", index)?;
    let unit = WarcUnit::Page {
        number,
        page: Box::new(page),
    };
    Ok((name, unit))
}

/// Reads every dict of `records` (any iterable) into the page or problem
/// it stands for: `(index, file name, unit)`.
fn warc_units_of(records: &Bound<'_, PyAny>) -> PyResult<Vec<(usize, String, WarcUnit)>> {
    let mut units = Vec::new();
    for (index, record) in records.try_iter()?.enumerate() {
        let (name, unit) = warc_unit(&record?, index)?;
        units.push((index, name, unit));
    }
    Ok(units)
}

/// The HTML pages of a WARC file, one dict a page, read one record at a
/// time by pith's WARC reader; see `read_warc`.
#[pyclass(module = "pith")]
struct WarcRecords {
    name: String,
    units: WarcUnits<Box<dyn BufRead + Send + Sync>>,
    /// A record that cannot be read raises (else it is handed out).
    raise_errors: bool,
    /// The reader failed (a bug in pith): nothing more is read.
    broken: bool,
}

#[pymethods]
impl WarcRecords {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        loop {
            if self.broken {
                return Ok(None);
            }
            let units = &mut self.units;
            let next = py.allow_threads(|| guarded(&self.name, || Ok(units.next())));
            let unit = match next {
                Ok(Some(unit)) => unit,
                Ok(None) => return Ok(None),
                Err(message) => {
                    self.broken = true;
                    return Err(value_error(message));
                }
            };
            match unit {
                // Skipped with a warning (too large): counted in `skipped`.
                WarcUnit::Problem(WarcProblem { skip: Some(_), .. }) => continue,
                WarcUnit::Problem(problem) if self.raise_errors => {
                    return Err(value_error(format!("{}: {problem}", self.name)));
                }
                unit => return warc_dict(py, &self.name, unit).map(Some),
            }
        }
    }

    /// The name the records' messages give their file.
    #[getter]
    fn name(&self) -> &str {
        &self.name
    }

    /// The records read so far that gave no page, by reason, as the
    /// summary line of `pith clean` names them: `{"request": 1, "not
    /// HTML": 2, ...}` (`too large` for a record over `max_record_bytes`).
    #[getter]
    fn skipped(&self) -> HashMap<&'static str, u64> {
        self.units
            .skipped()
            .iter()
            .map(|(skip, n)| (skip.name(), *n))
            .collect()
    }
}

/// Reads the HTML pages of a WARC file (`.warc` or `.warc.gz`: gzipped per
/// record, gzipped whole or plain) with pith's WARC reader, the one
/// `pith clean` reads WARC files with. `source`: the file's contents
/// (bytes) or its path (read as a stream, one record at a time). `name`
/// names the file in messages (default: the path, or `<bytes>`).
///
/// Returns an iterator of dicts, one per page, in file order: `id`
/// (`WARC-Record-ID`), `url` (`WARC-Target-URI`), `date`, `http_status`,
/// `html` (the payload's bytes, transfer and content codings undone),
/// `charset` (declared by the HTTP `Content-Type`), `warning` (a page
/// marked `WARC-Truncated`), `number` (the page's number among the file's
/// pages), `name`, `offset` and `offset_in` (where the record starts: in
/// the `file`, at its own gzip member in the `compressed` file, or in the
/// `uncompressed` stream). Missing values are None. `Cleaner.clean_many`
/// cleans these dicts as `pith clean` cleans the pages, and
/// `Cleaner.clean_warc` returns the records it writes for them.
///
/// Records that are not HTML pages (requests, metadata, images, non-2xx
/// responses unless `all_status`, records over `max_record_bytes`) are
/// skipped and counted in the iterator's `skipped`. A record that cannot be
/// read raises ValueError naming the file, the record's byte offset and id
/// (`errors="raise"`; the iterator goes on with the next record after it),
/// or comes as a dict with `error`, `id`, `name`, `offset` and `offset_in`
/// (`errors="yield"`), which `clean_warc` turns into the error record
/// `pith clean` writes.
#[pyfunction]
#[pyo3(signature = (source, name = None, *, max_record_bytes = DEFAULT_MAX_RECORD_BYTES, all_status = false, errors = "raise"))]
fn read_warc(
    source: &Bound<'_, PyAny>,
    name: Option<String>,
    max_record_bytes: u64,
    all_status: bool,
    errors: &str,
) -> PyResult<WarcRecords> {
    let raise_errors = match errors {
        "raise" => true,
        "yield" => false,
        other => {
            return Err(value_error(format!(
                "errors must be \"raise\" or \"yield\", not {other:?}"
            )))
        }
    };
    let options = WarcOptions {
        max_record_bytes,
        all_status,
    };
    let (name, reader): (String, Box<dyn BufRead + Send + Sync>) = match source
        .downcast::<PyBytes>()
    {
        Ok(bytes) => {
            let data = BytesReader {
                data: bytes.clone().unbind(),
                at: 0,
            };
            let name = name.unwrap_or_else(|| "<bytes>".into());
            (name, Box::new(BufReader::with_capacity(1 << 16, data)))
        }
        Err(_) => {
            let path: PathBuf = source
                .extract()
                .map_err(|_| value_error("source must be bytes or the path of a WARC file"))?;
            let file = File::open(&path)
                .map_err(|e| PyOSError::new_err(format!("cannot open {}: {e}", path.display())))?;
            let name = name.unwrap_or_else(|| path.display().to_string());
            (name, Box::new(BufReader::with_capacity(1 << 16, file)))
        }
    };
    let reader =
        WarcReader::new(reader, options).map_err(|e| PyOSError::new_err(format!("{name}: {e}")))?;
    Ok(WarcRecords {
        name,
        units: WarcUnits::new(reader),
        raise_errors,
        broken: false,
    })
}

/// Whether the first bytes of a file as stored (gzipped or not; a few
/// hundred bytes) start like WARC: how `pith clean` tells a WARC file
/// whose name does not say so.
#[pyfunction]
fn looks_like_warc(head: &[u8]) -> bool {
    pith::input::head_looks_like_warc(head)
}

/// Panics inside pith's guard, for the tests: the panic must come back as
/// a ValueError, the interpreter alive.
#[pyfunction]
fn _panic_for_tests(message: String) -> PyResult<()> {
    guarded("test", || -> Result<(), String> { panic!("{message}") }).map_err(value_error)
}

#[pymodule]
fn _pith(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Cleaner>()?;
    m.add_class::<Stats>()?;
    m.add_class::<CleanResult>()?;
    m.add_class::<WarcRecords>()?;
    m.add_function(wrap_pyfunction!(clean, m)?)?;
    m.add_function(wrap_pyfunction!(read_warc, m)?)?;
    m.add_function(wrap_pyfunction!(looks_like_warc, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
