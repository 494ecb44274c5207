//! The pre-parse scanners (script and style contents, attribute and tag
//! bounds, the nesting cap) only ever remove bytes: each output is a
//! subsequence of the page, and none panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn is_subsequence(part: &[u8], whole: &[u8]) -> bool {
    let mut rest = whole.iter();
    part.iter().all(|b| rest.any(|w| w == b))
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(html) = std::str::from_utf8(bytes) else {
        return;
    };
    for out in pith::html::fuzzing::scanners(html) {
        assert!(is_subsequence(out.as_bytes(), html.as_bytes()));
    }
});
