//! JSONL lines to records, documents and output records: never a panic; a
//! record either parses or says why.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod shared;
use shared::cleaner;
use pith::input::{parse_record, FieldNames, Mode};

fuzz_target!(|bytes: &[u8]| {
    let (text, _) = pith::input::decode_utf8_lossy(bytes.to_vec());
    let fields = FieldNames::default();
    let cleaner = cleaner();
    for (index, line) in text.lines().enumerate() {
        for mode in [Mode::Auto, Mode::Text, Mode::Html] {
            match parse_record(line, index + 1, &fields, mode) {
                Ok(input) => {
                    if let Ok(doc) = cleaner.document(&input.payload) {
                        let cleaned = cleaner.clean(&doc, None);
                        let record = pith::output::json_record(
                            input.record.as_ref(),
                            &input.id,
                            &fields,
                            &cleaned,
                        );
                        assert!(record.contains_key("pith"));
                    }
                }
                Err(message) => assert!(!message.is_empty()),
            }
        }
    }
});
