//! HTML bytes to a document, and the document cleaned: never a panic, one
//! verdict per block.
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
    if let Ok(doc) = pith::html::parse_bytes(bytes) {
        let cleaned = cleaner().clean(&doc, None);
        assert_eq!(cleaned.verdicts.len(), doc.blocks.len());
    }
});
