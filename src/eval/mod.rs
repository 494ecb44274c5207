//! Scoring cleaned output: the benchmark's shingle metric against gold
//! bodies ([`score_page`], [`summarize`]), the `with`/`without` snippet
//! metric ([`SnippetCounts`]), and figures over many pages, whole or by group
//! ([`Figures`], [`group_figures`]).

mod figures;
mod metric;
mod snippet;

pub use figures::{group_figures, Figures, Gold, Group, PageScore};
pub use metric::{f1, has_shingles, score_page, summarize, PageCounts, Summary};
pub use snippet::{snippet_present, SnippetCounts};
