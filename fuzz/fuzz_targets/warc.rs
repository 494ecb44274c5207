//! WARC bytes (plain or gzipped, any framing) to records: never a panic,
//! never a hang, never a page larger than the limit; the reader ends.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pith::input::{WarcItem, WarcOptions, WarcReader};

/// A small limit, so the fuzzer reaches the too-large paths cheaply.
const LIMIT: u64 = 1 << 16;

fuzz_target!(|bytes: &[u8]| {
    let options = WarcOptions {
        max_record_bytes: LIMIT,
        ..WarcOptions::default()
    };
    let Ok(reader) = WarcReader::new(bytes, options) else {
        return;
    };
    // Every item consumes input or ends the reader; the bound on items
    // catches a reader that loops without moving on.
    for item in reader.take(bytes.len() + 16) {
        if let WarcItem::Page(page) = item {
            assert!(page.html.len() as u64 <= LIMIT);
        }
    }
});
