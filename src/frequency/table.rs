//! A compact count table: fingerprint → count, in sorted arrays.
//!
//! A hash map of `u64 → u32` costs 26 bytes an entry on average (16 for the
//! padded pair, one control byte, and the empty slots of a table that
//! doubles), and twice that while it grows. A corpus of a million news pages
//! holds some 150 million distinct (source, line) entries, so the layout of
//! this table decides whether the corpus pass fits in memory. Here the
//! counted fingerprints sit in two parallel sorted arrays (12 bytes an
//! entry, no padding, no empty slots), and new counts are appended to a
//! short unsorted buffer that is sorted and merged into the arrays, in
//! place, whenever it reaches an eighth of their length.

use std::cmp::Ordering;

/// The buffer is merged when it holds this many fingerprints…
const PENDING_MIN: usize = 1024;
/// …or this share of the sorted arrays' length, whichever is more: the
/// buffer then costs at most a byte per counted entry, and each entry is
/// moved by a merge about eight times over the table's life.
const PENDING_SHARE: usize = 8;

/// Counts per fingerprint. Lookups are binary searches; [`CountTable::seal`]
/// must run after the last [`CountTable::add`] for them to be fast (an
/// unsealed table still answers correctly, by scanning its buffer).
#[derive(Debug, Clone, Default)]
pub(crate) struct CountTable {
    /// Counted fingerprints, sorted, each once.
    prints: Vec<u64>,
    /// `counts[i]` is the count of `prints[i]`.
    counts: Vec<u32>,
    /// Fingerprints counted once each since the last merge, unsorted.
    pending: Vec<u64>,
}

impl CountTable {
    /// An empty table with room for `n` fingerprints, to fill with
    /// [`CountTable::push_sorted`].
    pub(crate) fn with_capacity(n: usize) -> CountTable {
        CountTable {
            prints: Vec::with_capacity(n),
            counts: Vec::with_capacity(n),
            pending: Vec::new(),
        }
    }

    /// A table holding `pairs`, which must be sorted by fingerprint with
    /// each fingerprint once; `None` otherwise.
    #[cfg(test)]
    pub(crate) fn from_sorted(pairs: impl Iterator<Item = (u64, u32)>) -> Option<CountTable> {
        let mut table = CountTable::default();
        for (print, count) in pairs {
            if !table.push_sorted(print, count) {
                return None;
            }
        }
        Some(table)
    }

    /// Appends a fingerprint above every one the table holds, with its
    /// count; `false` (and nothing appended) when it is not above them.
    /// Builds a table read from a file without sorting or copying it.
    pub(crate) fn push_sorted(&mut self, print: u64, count: u32) -> bool {
        debug_assert!(self.pending.is_empty());
        if self.prints.last().is_some_and(|&last| last >= print) {
            return false;
        }
        self.prints.push(print);
        self.counts.push(count);
        true
    }

    /// Counts `print` once more.
    pub(crate) fn add(&mut self, print: u64) {
        self.pending.push(print);
        if self.pending.len() >= PENDING_MIN.max(self.prints.len() / PENDING_SHARE) {
            self.flush();
        }
    }

    /// Adds another table's counts.
    pub(crate) fn add_table(&mut self, other: &CountTable) {
        self.flush();
        if other.pending.is_empty() {
            self.merge_sorted(&other.prints, &other.counts);
        } else {
            let (prints, counts): (Vec<u64>, Vec<u32>) = other.sorted().into_iter().unzip();
            self.merge_sorted(&prints, &counts);
        }
    }

    /// Merges the buffer into the sorted arrays and gives back spare
    /// capacity: the table is then as small as it can be.
    pub(crate) fn seal(&mut self) {
        self.flush();
        self.pending = Vec::new();
        self.prints.shrink_to_fit();
        self.counts.shrink_to_fit();
    }

    /// The count of `print` (0 when it was never counted).
    pub(crate) fn get(&self, print: u64) -> u32 {
        let sorted = self
            .prints
            .binary_search(&print)
            .map_or(0, |i| self.counts[i]);
        let pending = self.pending.iter().filter(|&&p| p == print).count();
        sorted.saturating_add(u32::try_from(pending).unwrap_or(u32::MAX))
    }

    /// Number of distinct fingerprints counted.
    pub(crate) fn len(&self) -> usize {
        if self.pending.is_empty() {
            return self.prints.len();
        }
        let mut pending = sorted_copy(&self.pending);
        pending.dedup();
        self.prints.len() + fresh(&self.prints, &pending)
    }

    /// Bytes the table holds on the heap.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.prints.capacity() * 8 + self.counts.capacity() * 4 + self.pending.capacity() * 8
    }

    /// The sorted fingerprints of a sealed table (an unsealed table's
    /// buffer is not among them).
    pub(crate) fn sealed_prints(&self) -> &[u64] {
        &self.prints
    }

    /// Every (fingerprint, count), sorted by fingerprint, and how many
    /// there are: read in place from a sealed table, from a merged copy of
    /// an unsealed one.
    pub(crate) fn sorted_pairs(&self) -> (usize, Box<dyn Iterator<Item = (u64, u32)> + '_>) {
        if self.pending.is_empty() {
            let pairs = self.prints.iter().copied().zip(self.counts.iter().copied());
            (self.prints.len(), Box::new(pairs))
        } else {
            let all = self.sorted();
            (all.len(), Box::new(all.into_iter()))
        }
    }

    /// Every (fingerprint, count), sorted by fingerprint.
    pub(crate) fn sorted(&self) -> Vec<(u64, u32)> {
        let mut all: Vec<(u64, u32)> = self
            .prints
            .iter()
            .copied()
            .zip(self.counts.iter().copied())
            .collect();
        if !self.pending.is_empty() {
            let (prints, counts) = runs(&sorted_copy(&self.pending));
            all.extend(prints.into_iter().zip(counts));
            all.sort_unstable_by_key(|&(print, _)| print);
            all.dedup_by(|later, earlier| {
                if later.0 == earlier.0 {
                    earlier.1 = earlier.1.saturating_add(later.1);
                    true
                } else {
                    false
                }
            });
        }
        all
    }

    /// Sorts the buffer and merges it into the arrays.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        self.pending.sort_unstable();
        let (prints, counts) = runs(&self.pending);
        self.pending.clear();
        self.merge_sorted(&prints, &counts);
    }

    /// Merges sorted, distinct fingerprints and their counts (parallel
    /// slices) into the arrays in place: the arrays grow by the number of
    /// new fingerprints, and the merge runs from the back so that nothing
    /// is overwritten before it is read, without a second copy of the table.
    fn merge_sorted(&mut self, their_prints: &[u64], their_counts: &[u32]) {
        debug_assert_eq!(their_prints.len(), their_counts.len());
        if their_prints.is_empty() {
            return;
        }
        let fresh = fresh(&self.prints, their_prints);
        let old = self.prints.len();
        self.prints.reserve_exact(fresh);
        self.counts.reserve_exact(fresh);
        self.prints.resize(old + fresh, 0);
        self.counts.resize(old + fresh, 0);
        let (mut ours, mut next, mut out) = (old, their_prints.len(), old + fresh);
        while next > 0 {
            let (print, count) = (their_prints[next - 1], their_counts[next - 1]);
            out -= 1;
            let order = if ours == 0 {
                Ordering::Less
            } else {
                self.prints[ours - 1].cmp(&print)
            };
            match order {
                Ordering::Greater => {
                    ours -= 1;
                    self.prints[out] = self.prints[ours];
                    self.counts[out] = self.counts[ours];
                }
                Ordering::Equal => {
                    ours -= 1;
                    next -= 1;
                    self.prints[out] = print;
                    self.counts[out] = self.counts[ours].saturating_add(count);
                }
                Ordering::Less => {
                    next -= 1;
                    self.prints[out] = print;
                    self.counts[out] = count;
                }
            }
        }
        // What is left of ours below `out` is already in place.
        debug_assert_eq!(ours, out);
    }
}

impl PartialEq for CountTable {
    fn eq(&self, other: &CountTable) -> bool {
        self.sorted() == other.sorted()
    }
}

impl Eq for CountTable {}

fn sorted_copy(prints: &[u64]) -> Vec<u64> {
    let mut copy = prints.to_vec();
    copy.sort_unstable();
    copy
}

/// The runs of equal values of a sorted slice: the values, and the length
/// of each run.
fn runs(sorted: &[u64]) -> (Vec<u64>, Vec<u32>) {
    let (mut values, mut lengths): (Vec<u64>, Vec<u32>) = (Vec::new(), Vec::new());
    for &print in sorted {
        match (values.last(), lengths.last_mut()) {
            (Some(&last), Some(length)) if last == print => *length = length.saturating_add(1),
            _ => {
                values.push(print);
                lengths.push(1);
            }
        }
    }
    (values, lengths)
}

/// How many of `theirs` are not in `ours` (both sorted, each value once):
/// one walk through both, as long as the merge that follows it.
fn fresh(ours: &[u64], theirs: &[u64]) -> usize {
    let (mut i, mut fresh) = (0, 0);
    for &print in theirs {
        while i < ours.len() && ours[i] < print {
            i += 1;
        }
        if i == ours.len() || ours[i] != print {
            fresh += 1;
        }
    }
    fresh
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A small deterministic generator, so the test needs no crate.
    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 33
    }

    #[test]
    fn counts_equal_a_hash_map_through_many_merges() {
        let mut seed = 7;
        let mut table = CountTable::default();
        let mut map: HashMap<u64, u32> = HashMap::new();
        for _ in 0..50_000 {
            // Few distinct values, so most adds hit counted fingerprints.
            let print = lcg(&mut seed) % 9_000;
            table.add(print);
            *map.entry(print).or_insert(0) += 1;
        }
        for probe in 0..9_100 {
            assert_eq!(table.get(probe), map.get(&probe).copied().unwrap_or(0));
        }
        table.seal();
        assert!(table.pending.is_empty());
        assert_eq!(table.len(), map.len());
        assert!(table.prints.windows(2).all(|w| w[0] < w[1]));
        for (print, count) in &map {
            assert_eq!(table.get(*print), *count);
        }
    }

    #[test]
    fn adding_a_table_sums_counts() {
        let mut a = CountTable::default();
        let mut b = CountTable::default();
        for p in [5, 1, 5, 9] {
            a.add(p);
        }
        for p in [9, 2, 9] {
            b.add(p);
        }
        let mut sealed = a.clone();
        let mut b_sealed = b.clone();
        b_sealed.seal();
        a.add_table(&b);
        assert_eq!(a.sorted(), vec![(1, 1), (2, 1), (5, 2), (9, 3)]);
        // A sealed table is merged from its arrays in place: the same sums.
        sealed.add_table(&b_sealed);
        assert_eq!(sealed, a);
        assert_eq!(sealed.len(), 4);
    }

    #[test]
    fn fresh_counts_values_missing_from_ours() {
        assert_eq!(fresh(&[1, 3, 5], &[0, 3, 4, 9]), 3);
        assert_eq!(fresh(&[], &[2, 8]), 2);
        assert_eq!(fresh(&[2, 8], &[]), 0);
        assert_eq!(fresh(&[2, 8], &[2, 8]), 0);
    }

    #[test]
    fn unsorted_or_repeated_pairs_are_refused() {
        assert!(CountTable::from_sorted([(1, 1), (3, 2)].into_iter()).is_some());
        assert!(CountTable::from_sorted([(3, 1), (1, 2)].into_iter()).is_none());
        assert!(CountTable::from_sorted([(3, 1), (3, 2)].into_iter()).is_none());
    }

    #[test]
    fn an_unsealed_table_equals_its_sealed_self() {
        let mut a = CountTable::default();
        for p in [3, 1, 3] {
            a.add(p);
        }
        let mut b = a.clone();
        b.seal();
        assert_eq!(a, b);
        assert_eq!(a.len(), 2);
    }
}
