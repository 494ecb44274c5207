//! HTML bytes to a document, and the document cleaned: never a panic, one
//! verdict per block.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod shared;
use shared::cleaner;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(doc) = pith::html::parse_bytes(bytes) {
        let cleaned = cleaner().clean(&doc, None);
        assert_eq!(cleaned.verdicts.len(), doc.blocks.len());
    }
});
