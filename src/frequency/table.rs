//! A compact count table: fingerprint → count, in sorted arrays.
//!
//! A hash map of `u64 → u32` costs 26 bytes an entry on average (16 for the
//! padded pair, one control byte, and the empty slots of a table that
//! doubles), and twice that while it grows. A corpus of a million news pages
//! holds some 150 million distinct (source, line) entries, so the layout of
//! this table decides whether the corpus pass fits in memory. Here the
//! counted fingerprints sit in sorted arrays (no padding, no empty slots),
//! and new counts are appended to a short unsorted buffer that is sorted and
//! merged into the arrays, in place, whenever it reaches an eighth of their
//! length.
//!
//! Most lines of a corpus are counted once: an article's sentences are its
//! own (96% of the entries of a 50,000-document dump). Those fingerprints
//! sit in an array of their own, 8 bytes an entry with no count beside them;
//! the others, in two parallel arrays of fingerprints and counts, 12 bytes
//! an entry. A fingerprint is in one of the two, never both.

/// The buffer is merged when it holds this many fingerprints…
const PENDING_MIN: usize = 256;
/// …or this share of the sorted arrays' length, whichever is more: the
/// buffer then costs at most a quarter of a byte per counted entry, and
/// each entry is moved by a merge about 32 times over the table's life.
/// Every source has a table and a buffer, and a dump has tens of thousands
/// of sources: at a million documents over 20,000 sources, buffers of 1,024
/// fingerprints held 160 MB; moving entries more often costs a few seconds
/// of memory copying in a run of half an hour.
const PENDING_SHARE: usize = 32;

/// Counts per fingerprint. Lookups are binary searches; [`CountTable::seal`]
/// must run after the last [`CountTable::add`] for them to be fast (an
/// unsealed table still answers correctly, by scanning its buffer).
#[derive(Debug, Clone, Default)]
pub(crate) struct CountTable {
    /// Fingerprints counted once, sorted.
    singles: Vec<u64>,
    /// Fingerprints counted more than once, sorted, none of them in
    /// `singles`.
    prints: Vec<u64>,
    /// `counts[i]` is the count of `prints[i]`.
    counts: Vec<u32>,
    /// Fingerprints counted once each since the last merge, unsorted.
    pending: Vec<u64>,
}

impl CountTable {
    /// An empty table with room for `singles` fingerprints counted once and
    /// `others` counted more often, to fill with [`CountTable::push_sorted`].
    pub(crate) fn with_capacity(singles: usize, others: usize) -> CountTable {
        CountTable {
            singles: Vec::with_capacity(singles),
            prints: Vec::with_capacity(others),
            counts: Vec::with_capacity(others),
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
    /// count (at least 1); `false` (and nothing appended) when it is not
    /// above them or the count is 0. Builds a table read from a file
    /// without sorting or copying it.
    pub(crate) fn push_sorted(&mut self, print: u64, count: u32) -> bool {
        debug_assert!(self.pending.is_empty());
        let above = |list: &[u64]| list.last().map_or(true, |&last| last < print);
        if count == 0 || !above(&self.singles) || !above(&self.prints) {
            return false;
        }
        if count == 1 {
            self.singles.push(print);
        } else {
            self.prints.push(print);
            self.counts.push(count);
        }
        true
    }

    /// Counts `print` once more.
    pub(crate) fn add(&mut self, print: u64) {
        self.pending.push(print);
        let held = self.singles.len() + self.prints.len();
        if self.pending.len() >= PENDING_MIN.max(held / PENDING_SHARE) {
            self.flush();
        }
    }

    /// Adds another table's counts.
    pub(crate) fn add_table(&mut self, other: &CountTable) {
        self.flush();
        if other.pending.is_empty() {
            self.merge_counts(other.sealed_pairs());
        } else {
            self.merge_counts(other.sorted().into_iter());
        }
    }

    /// Merges the buffer into the sorted arrays and gives back spare
    /// capacity: the table is then as small as it can be.
    pub(crate) fn seal(&mut self) {
        self.flush();
        self.pending = Vec::new();
        self.singles.shrink_to_fit();
        self.prints.shrink_to_fit();
        self.counts.shrink_to_fit();
    }

    /// The count of `print` (0 when it was never counted).
    pub(crate) fn get(&self, print: u64) -> u32 {
        let sorted = match self.prints.binary_search(&print) {
            Ok(i) => self.counts[i],
            Err(_) => u32::from(self.singles.binary_search(&print).is_ok()),
        };
        let pending = self.pending.iter().filter(|&&p| p == print).count();
        sorted.saturating_add(u32::try_from(pending).unwrap_or(u32::MAX))
    }

    /// Number of distinct fingerprints counted.
    pub(crate) fn len(&self) -> usize {
        let held = self.singles.len() + self.prints.len();
        if self.pending.is_empty() {
            return held;
        }
        let mut pending = sorted_copy(&self.pending);
        pending.dedup();
        let new = pending
            .iter()
            .filter(|p| self.singles.binary_search(p).is_err())
            .filter(|p| self.prints.binary_search(p).is_err())
            .count();
        held + new
    }

    /// Bytes the table holds on the heap.
    pub(crate) fn heap_bytes(&self) -> usize {
        (self.singles.capacity() + self.prints.capacity() + self.pending.capacity()) * 8
            + self.counts.capacity() * 4
    }

    /// The sorted fingerprint lists of a sealed table, disjoint (an
    /// unsealed table's buffer is not among them).
    pub(crate) fn sealed_lists(&self) -> [&[u64]; 2] {
        [&self.singles, &self.prints]
    }

    /// Every (fingerprint, count), sorted by fingerprint, and how many
    /// there are: read in place from a sealed table, from a merged copy of
    /// an unsealed one.
    pub(crate) fn sorted_pairs(&self) -> (usize, Box<dyn Iterator<Item = (u64, u32)> + '_>) {
        if self.pending.is_empty() {
            (self.len(), Box::new(self.sealed_pairs()))
        } else {
            let all = self.sorted();
            (all.len(), Box::new(all.into_iter()))
        }
    }

    /// Every (fingerprint, count), sorted by fingerprint.
    pub(crate) fn sorted(&self) -> Vec<(u64, u32)> {
        let mut all: Vec<(u64, u32)> = self.sealed_pairs().collect();
        if !self.pending.is_empty() {
            all.extend(Runs::of(&sorted_copy(&self.pending)));
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

    /// The (fingerprint, count) pairs of the sorted arrays, in order: the
    /// two arrays merged as they are read.
    fn sealed_pairs(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        let (mut single, mut other) = (0, 0);
        std::iter::from_fn(move || {
            let next_single = self.singles.get(single);
            let next_other = self.prints.get(other);
            match (next_single, next_other) {
                (Some(&s), Some(&o)) if s < o => {
                    single += 1;
                    Some((s, 1))
                }
                (Some(&s), None) => {
                    single += 1;
                    Some((s, 1))
                }
                (_, Some(&o)) => {
                    other += 1;
                    Some((o, self.counts[other - 1]))
                }
                (None, None) => None,
            }
        })
    }

    /// Sorts the buffer and merges it into the arrays.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mut pending = std::mem::take(&mut self.pending);
        pending.sort_unstable();
        self.merge_counts(Runs::of(&pending));
        // The buffer's allocation is kept for the next fingerprints.
        pending.clear();
        self.pending = pending;
    }

    /// Adds sorted, distinct `(print, count)` pairs (counts at least 1) to
    /// the table. A count of a fingerprint held already is raised where it
    /// stands; a single that is counted again moves to the counted arrays;
    /// the rest is merged in, in place, each array only growing.
    fn merge_counts(&mut self, theirs: impl Iterator<Item = (u64, u32)>) {
        let mut new_singles: Vec<u64> = Vec::new();
        let (mut new_prints, mut new_counts): (Vec<u64>, Vec<u32>) = (Vec::new(), Vec::new());
        // Indices in `singles` of the fingerprints counted again, ascending.
        let mut promoted: Vec<usize> = Vec::new();
        let (mut at_single, mut at_other) = (0, 0);
        for (print, count) in theirs {
            at_other += self.prints[at_other..].partition_point(|&p| p < print);
            if self.prints.get(at_other) == Some(&print) {
                self.counts[at_other] = self.counts[at_other].saturating_add(count);
                continue;
            }
            at_single += self.singles[at_single..].partition_point(|&p| p < print);
            if self.singles.get(at_single) == Some(&print) {
                promoted.push(at_single);
                new_prints.push(print);
                new_counts.push(count.saturating_add(1));
            } else if count == 1 {
                new_singles.push(print);
            } else {
                new_prints.push(print);
                new_counts.push(count);
            }
        }
        remove_sorted_indices(&mut self.singles, &promoted);
        merge_disjoint(&mut self.singles, &new_singles, |_, _| {});
        let counts = &mut self.counts;
        counts.resize(counts.len() + new_counts.len(), 0);
        merge_disjoint(&mut self.prints, &new_prints, |from, to| {
            // `to` runs from the back: a count moves before it is overwritten.
            counts[to] = match from {
                Slot::Ours(i) => counts[i],
                Slot::Theirs(i) => new_counts[i],
            };
        });
    }
}

/// Where [`merge_disjoint`] took the value it wrote.
#[derive(Clone, Copy)]
enum Slot {
    /// From the array merged into, at this index.
    Ours(usize),
    /// From the values merged in, at this index.
    Theirs(usize),
}

/// Merges sorted `theirs` into sorted `ours`, which hold no value in
/// common, in place: `ours` grows by `theirs.len()` and the merge runs from
/// the back, so nothing is overwritten before it is read and no second copy
/// of `ours` is made. `moved(from, to)` is told where each value went, for
/// arrays kept parallel to `ours`.
fn merge_disjoint(ours: &mut Vec<u64>, theirs: &[u64], mut moved: impl FnMut(Slot, usize)) {
    if theirs.is_empty() {
        return;
    }
    let old = ours.len();
    ours.reserve_exact(theirs.len());
    ours.resize(old + theirs.len(), 0);
    let (mut mine, mut next, mut out) = (old, theirs.len(), old + theirs.len());
    while next > 0 {
        out -= 1;
        if mine > 0 && ours[mine - 1] > theirs[next - 1] {
            mine -= 1;
            ours[out] = ours[mine];
            moved(Slot::Ours(mine), out);
        } else {
            next -= 1;
            ours[out] = theirs[next];
            moved(Slot::Theirs(next), out);
        }
    }
    // What is left of ours below `out` is already in place.
    debug_assert_eq!(mine, out);
}

/// Removes the values at `indices` (ascending, each once) from `list`,
/// keeping the order of the rest: one pass, in place.
fn remove_sorted_indices(list: &mut Vec<u64>, indices: &[usize]) {
    if indices.is_empty() {
        return;
    }
    let mut gone = indices.iter().copied().peekable();
    let mut kept = 0;
    for i in 0..list.len() {
        if gone.peek() == Some(&i) {
            gone.next();
        } else {
            list[kept] = list[i];
            kept += 1;
        }
    }
    list.truncate(kept);
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

/// The runs of equal values of a sorted slice, as (value, run length).
struct Runs<'a> {
    rest: &'a [u64],
}

impl<'a> Runs<'a> {
    fn of(sorted: &'a [u64]) -> Runs<'a> {
        Runs { rest: sorted }
    }
}

impl Iterator for Runs<'_> {
    type Item = (u64, u32);

    fn next(&mut self) -> Option<(u64, u32)> {
        let &first = self.rest.first()?;
        let run = self.rest.partition_point(|&p| p == first);
        self.rest = &self.rest[run..];
        Some((first, u32::try_from(run).unwrap_or(u32::MAX)))
    }
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
        assert!(table.singles.windows(2).all(|w| w[0] < w[1]));
        assert!(table
            .singles
            .iter()
            .all(|s| table.prints.binary_search(s).is_err()));
        let singles = map.values().filter(|&&c| c == 1).count();
        assert_eq!(table.singles.len(), singles);
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
    fn a_single_counted_again_moves_to_the_counted_arrays() {
        let mut table = CountTable::from_sorted([(2, 1), (5, 1), (7, 3)].into_iter()).unwrap();
        assert_eq!(table.sealed_lists(), [&[2u64, 5][..], &[7u64][..]]);
        for p in [5, 9, 7, 1] {
            table.add(p);
        }
        table.seal();
        assert_eq!(table.sealed_lists(), [&[1u64, 2, 9][..], &[5u64, 7][..]]);
        assert_eq!(table.sorted(), vec![(1, 1), (2, 1), (5, 2), (7, 4), (9, 1)]);
        assert_eq!((table.get(5), table.get(2), table.get(3)), (2, 1, 0));
    }

    #[test]
    fn removing_indices_keeps_the_order_of_the_rest() {
        let mut list = vec![1, 2, 3, 4, 5];
        remove_sorted_indices(&mut list, &[0, 2, 4]);
        assert_eq!(list, vec![2, 4]);
        remove_sorted_indices(&mut list, &[]);
        assert_eq!(list, vec![2, 4]);
    }

    #[test]
    fn runs_count_equal_values() {
        let runs: Vec<(u64, u32)> = Runs::of(&[1, 1, 4, 6, 6, 6]).collect();
        assert_eq!(runs, vec![(1, 2), (4, 1), (6, 3)]);
        assert_eq!(Runs::of(&[]).count(), 0);
    }

    #[test]
    fn unsorted_or_repeated_pairs_are_refused() {
        assert!(CountTable::from_sorted([(1, 1), (3, 2)].into_iter()).is_some());
        assert!(CountTable::from_sorted([(3, 1), (1, 2)].into_iter()).is_none());
        assert!(CountTable::from_sorted([(3, 1), (3, 2)].into_iter()).is_none());
        assert!(CountTable::from_sorted([(3, 2), (3, 1)].into_iter()).is_none());
        assert!(CountTable::from_sorted([(3, 0)].into_iter()).is_none());
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
