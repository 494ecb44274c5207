//! Every corpus document, cleaned, must equal its golden file byte for byte.

use std::path::PathBuf;

use pith::app::check::{compare, CheckConfig};

#[test]
fn corpus_matches_golden_files() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let report = compare(&CheckConfig {
        corpus: root.join("corpus"),
        golden: root.join("golden"),
        bless: false,
        rules: Vec::new(),
    })
    .expect("the corpus can be read");
    assert!(
        report.passed >= 23,
        "too few golden cases ran:\n{}",
        report.text
    );
    assert!(report.failed.is_empty(), "{}", report.text);
}
