//! A fast hasher for tables whose keys are fixed by pith itself (stop words,
//! class words from the rules).
//!
//! The standard library's SipHash resists hash flooding, which matters only
//! when an adversary chooses the keys stored in a table. Looking an
//! input-derived word up in a table of fixed keys cannot be steered into
//! collisions that way, and those lookups run for every word of every block,
//! where SipHash was a tenth of the classification time. Tables keyed by
//! input (a page's texts or tokens) keep the standard hasher.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with fixed keys.
pub(crate) type FixedMap<K, V> = HashMap<K, V, BuildHasherDefault<FixedHasher>>;
/// A `HashSet` with fixed keys.
pub(crate) type FixedSet<K> = HashSet<K, BuildHasherDefault<FixedHasher>>;

/// The multiply-rotate hash of rustc's `FxHasher`, fed eight bytes at a time.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FixedHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FixedHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FixedHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        // The product's high bits are its best mixed; the table indexes by
        // the low ones.
        self.0.rotate_left(26)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_find_what_was_stored() {
        let words = ["a", "the", "between", "notwithstanding", "", "é"];
        let set: FixedSet<&str> = words.iter().copied().collect();
        for w in words {
            assert!(set.contains(w), "{w}");
        }
        assert!(!set.contains("them"));
        assert!(!set.contains("notwithstandin"));
    }
}
