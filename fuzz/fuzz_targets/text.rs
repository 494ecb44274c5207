//! A text dump to a document, cleaned: never a panic, one verdict per block,
//! a body of whole lines.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod shared;
use shared::cleaner;

fuzz_target!(|bytes: &[u8]| {
    let (text, _) = pith::input::decode_utf8_lossy(bytes.to_vec());
    let doc = pith::document::from_text(&text);
    let cleaned = cleaner().clean(&doc, None);
    assert_eq!(cleaned.verdicts.len(), doc.blocks.len());
    assert!(cleaned.body.is_empty() || cleaned.body.ends_with('\n'));
});
