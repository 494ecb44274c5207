//! A text dump to a document, cleaned: never a panic, one verdict per block,
//! a body of whole lines.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// One cleaner for every run: the built-in rules of a language compile when
/// its first document needs them, once.
fn cleaner() -> &'static pith::Cleaner {
    static CLEANER: OnceLock<pith::Cleaner> = OnceLock::new();
    CLEANER.get_or_init(pith::Cleaner::default)
}

fuzz_target!(|bytes: &[u8]| {
    let (text, _) = pith::input::decode_utf8_lossy(bytes.to_vec());
    let doc = pith::document::from_text(&text);
    let cleaned = cleaner().clean(&doc, None);
    assert_eq!(cleaned.verdicts.len(), doc.blocks.len());
    assert!(cleaned.body.is_empty() || cleaned.body.ends_with('\n'));
});
