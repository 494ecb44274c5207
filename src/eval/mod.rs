//! Scoring cleaned output: the benchmark's shingle metric against gold
//! bodies ([`score_page`], [`summarize`]) and the `with`/`without` snippet
//! metric ([`SnippetCounts`]).

mod metric;
mod snippet;

pub use metric::{f1, has_shingles, score_page, summarize, PageCounts, Summary};
pub use snippet::{snippet_present, SnippetCounts};
