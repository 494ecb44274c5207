//! `pith gate`: the quality gate. Evaluates every dev set named in the floors
//! file and fails when an F1 falls below its floor: the shingle F1 where the
//! set's records have gold bodies, else the snippet F1.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use anyhow::{Context, Result};
use serde::Deserialize;

use super::eval::{evaluate, EvalConfig};
use super::Status;
use crate::eval::Figures;
use crate::input::{FieldNames, Mode};
use crate::Cleaner;

/// The floors file: F1 per dev set, per mode. A floor names no metric: it
/// holds the set's [`gated_f1`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Floors {
    /// The JSONL field naming the publisher.
    pub source_field: Option<String>,
    /// Floors for text mode, by dataset name (file name without `.jsonl.gz`).
    #[serde(default)]
    pub text: BTreeMap<String, f64>,
    /// Floors for HTML mode.
    #[serde(default)]
    pub html: BTreeMap<String, f64>,
}

/// Everything `pith gate` needs to know.
#[derive(Debug, Clone)]
pub struct GateConfig {
    /// The floors file.
    pub floors: PathBuf,
    /// The folder holding `<name>.jsonl.gz` dev sets.
    pub data: PathBuf,
    /// Fail (instead of skipping) when the data folder is absent.
    pub require_data: bool,
}

/// The figure a set is gated on, with its name: the shingle F1 when any of
/// its records has a gold body (a set with both golds, like
/// modern-articles, keeps its shingle floor), else the snippet F1
/// (trafeval-dev); `None` when nothing was scored.
///
/// ```
/// use pith::app::gate::gated_f1;
/// use pith::eval::{Figures, Gold, PageScore};
/// let snippets = Gold { with: vec!["kept".into()], ..Gold::default() };
/// let page = PageScore::score("1".into(), String::new(), &snippets, "kept");
/// assert_eq!(gated_f1(&Figures::of([&page])), Some(("snippet F1", 1.0)));
/// assert_eq!(gated_f1(&Figures::default()), None);
/// ```
pub fn gated_f1(figures: &Figures) -> Option<(&'static str, f64)> {
    match (&figures.shingles, &figures.snippets) {
        (Some(summary), _) => Some(("F1", summary.f1)),
        (None, Some(snippets)) => Some(("snippet F1", snippets.f1())),
        (None, None) => None,
    }
}

/// Runs the gate, printing one line per dev set and mode.
pub fn run(config: &GateConfig) -> Result<Status> {
    let text = fs::read_to_string(&config.floors)
        .with_context(|| format!("cannot read floors file {}", config.floors.display()))?;
    let floors: Floors = toml::from_str(&text)
        .with_context(|| format!("bad floors file {}", config.floors.display()))?;
    if !config.data.is_dir() {
        if config.require_data {
            println!(
                "quality gate: FAILED: dev data folder {} is missing (required when CI=true)",
                config.data.display()
            );
            return Ok(Status::BadRecords);
        }
        println!(
            "quality gate: skipped: no dev data at {}",
            config.data.display()
        );
        return Ok(Status::Ok);
    }
    let cleaner = Cleaner::default();
    let mut failed = 0;
    let mut checked = 0;
    for (mode, table) in [(Mode::Text, &floors.text), (Mode::Html, &floors.html)] {
        for (name, &floor) in table {
            let path = config.data.join(format!("{name}.jsonl.gz"));
            let eval = EvalConfig {
                datasets: vec![path.clone()],
                mode,
                fields: FieldNames {
                    source: floors.source_field.clone(),
                    ..FieldNames::default()
                },
                ..EvalConfig::default()
            };
            let label = if mode == Mode::Text { "text" } else { "html" };
            let report = match evaluate(&path, &eval, &cleaner) {
                Ok(report) => report,
                Err(e) => {
                    println!("FAIL {label} {name}: {e:#}");
                    failed += 1;
                    continue;
                }
            };
            checked += 1;
            let Some((metric, f1)) = gated_f1(&report.figures) else {
                println!("FAIL {label} {name}: no page has a gold body or snippets");
                failed += 1;
                continue;
            };
            // Compare at the printed precision, so a figure shown as equal to
            // its floor passes.
            let ok = (f1 * 1000.0).round() >= (floor * 1000.0).round();
            println!(
                "{} {label} {name}: {metric} {f1:.3} (floor {floor:.3}, pages {}, empty {})",
                if ok { "ok  " } else { "FAIL" },
                report.figures.pages,
                report.figures.empty
            );
            if !ok {
                failed += 1;
            }
        }
    }
    println!(
        "quality gate: {} passed, {failed} failed",
        checked - failed.min(checked)
    );
    Ok(if failed == 0 {
        Status::Ok
    } else {
        Status::BadRecords
    })
}
