//! Rules files: refused with a message naming the file, or added; never a
//! panic, and a refused file leaves the rules as they were.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pith::rules::RuleSet;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let mut rules = RuleSet::empty();
    let before = rules.kinds().len();
    match rules.extend_from_toml(text, "fuzz.toml") {
        Ok(()) => {
            let _ = rules.first_match("Sign up for our newsletter", false);
        }
        Err(error) => {
            assert!(error.to_string().starts_with("fuzz.toml: "));
            assert_eq!(rules.kinds().len(), before);
        }
    }
});
