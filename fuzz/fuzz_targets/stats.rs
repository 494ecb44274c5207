//! Stats files: refused or read, never a panic; what is read writes back to
//! the same table, and merges with itself (the largest counts saturate).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pith::frequency::LineStats;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(stats) = LineStats::from_bytes(bytes) {
        let again = LineStats::from_bytes(&stats.to_bytes()).expect("a written file reads back");
        assert_eq!(again, stats);
        let mut twice = stats.clone();
        twice.merge(&stats);
        twice.seal();
        assert!(twice.documents() >= stats.documents());
        assert!(twice.failed() >= stats.failed());
    }
});
