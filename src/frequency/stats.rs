//! The count table and its file format.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashSet};
use std::fmt;
use std::io::{self, Write};

use super::fingerprint::{fnv1a, fnv1a_more, FNV_START};
use super::table::CountTable;
use super::{fingerprint, LineCounts};

/// Counts for one source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct SourceCounts {
    /// Documents of the source.
    docs: u32,
    /// Fingerprint → documents of the source containing the line.
    lines: CountTable,
}

/// Line counts per source: in how many documents of each source every
/// normalised line appears (once per document).
///
/// ```
/// use pith::frequency::LineStats;
/// let mut stats = LineStats::default();
/// for _ in 0..3 {
///     stats.add_document("a.com", ["Share this", "A unique line"].into_iter());
/// }
/// let counts = stats.counts("a.com", "share THIS");
/// assert_eq!((counts.docs, counts.of, counts.sources), (3, 3, 1));
/// ```
///
/// The table is built to hold the lines of millions of documents: about 12
/// bytes a (source, line) entry once [`LineStats::seal`]ed (see
/// `table.rs`). Call `seal` after the last document is counted; lookups on
/// an unsealed table are correct but slow.
#[derive(Debug, Clone, Default)]
pub struct LineStats {
    sources: BTreeMap<String, SourceCounts>,
    /// Fingerprint → number of sources containing the line, for the lines
    /// of two sources or more, sorted by fingerprint (derived by `seal`).
    spread: Vec<(u64, u32)>,
    /// Whether `spread` is up to date and every table sealed.
    sealed: bool,
    /// Documents (or inputs) that could not be read, so were not counted.
    failed: u64,
}

impl PartialEq for LineStats {
    /// Equal counts (and failed documents), whether sealed or not.
    fn eq(&self, other: &LineStats) -> bool {
        self.sources == other.sources && self.failed == other.failed
    }
}

impl Eq for LineStats {}

/// Magic bytes opening a stats file.
const MAGIC: &[u8; 8] = b"PITHSTAT";
/// The format version written; version 2 added the failed count after the
/// version. A file of version 1 (no failed count) is still read; another
/// version is refused.
const VERSION: u32 = 2;

/// A stats file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsError(pub String);

impl fmt::Display for StatsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StatsError {}

impl LineStats {
    /// Counts one document's lines (each distinct line once).
    pub fn add_document<'a>(&mut self, source: &str, lines: impl Iterator<Item = &'a str>) {
        let prints: HashSet<u64> = lines.map(fingerprint).collect();
        self.add_fingerprints(source, prints);
    }

    /// Counts one document given its distinct line fingerprints (a
    /// `HashSet`, or the list [`Copies::lines_to_count`](super::Copies::lines_to_count)
    /// gives): a fingerprint given twice would count twice.
    pub fn add_fingerprints(&mut self, source: &str, prints: impl IntoIterator<Item = u64>) {
        self.sealed = false;
        let entry = match self.sources.get_mut(source) {
            Some(entry) => entry,
            None => self.sources.entry(source.to_string()).or_default(),
        };
        entry.docs = entry.docs.saturating_add(1);
        for print in prints {
            entry.lines.add(print);
        }
    }

    /// Records `n` documents (or inputs) that could not be read, so the file
    /// says its counts are incomplete.
    ///
    /// ```
    /// let mut stats = pith::frequency::LineStats::default();
    /// stats.add_failed(2);
    /// let back = pith::frequency::LineStats::from_bytes(&stats.to_bytes()).unwrap();
    /// assert_eq!(back.failed(), 2);
    /// ```
    pub fn add_failed(&mut self, n: u64) {
        self.failed = self.failed.saturating_add(n);
    }

    /// Documents (or inputs) that could not be read when counting (0 in a
    /// file written before the count was recorded).
    pub fn failed(&self) -> u64 {
        self.failed
    }

    /// Adds another table's counts. Merging is associative and commutative.
    pub fn merge(&mut self, other: &LineStats) {
        self.sealed = false;
        // Saturating: the counts of a crafted file must not overflow.
        self.failed = self.failed.saturating_add(other.failed);
        for (name, theirs) in &other.sources {
            let ours = self.sources.entry(name.clone()).or_default();
            ours.docs = ours.docs.saturating_add(theirs.docs);
            ours.lines.add_table(&theirs.lines);
        }
    }

    /// Makes the table compact and its lookups fast: merges every source's
    /// pending counts and derives in how many sources each line occurs.
    /// Counting after `seal` is allowed; seal again before looking up.
    ///
    /// ```
    /// use pith::frequency::LineStats;
    /// let mut stats = LineStats::default();
    /// stats.add_document("a.com", ["Share this"].into_iter());
    /// stats.add_document("b.com", ["Share this"].into_iter());
    /// stats.seal();
    /// assert_eq!(stats.counts("b.com", "Share this").sources, 2);
    /// ```
    pub fn seal(&mut self) {
        if self.sealed {
            return;
        }
        for counts in self.sources.values_mut() {
            counts.lines.seal();
        }
        // A source's two lists are disjoint: a line in k of the lists is
        // in k sources.
        self.spread = spread(self.sources.values().flat_map(|s| s.lines.sealed_lists()));
        self.sealed = true;
    }

    /// The counts of a line for a source.
    pub fn counts(&self, source: &str, line: &str) -> LineCounts {
        self.counts_of(source, fingerprint(line))
    }

    /// The counts of a fingerprint for a source.
    pub fn counts_of(&self, source: &str, print: u64) -> LineCounts {
        let (docs, of) = self
            .sources
            .get(source)
            .map_or((0, 0), |s| (s.lines.get(print), s.docs));
        let sources = if self.sealed {
            // Only lines of two sources or more are listed: any other line
            // is in this source alone, or in one other (counted as none,
            // which no sensible `min_sources` can tell from one).
            match self.spread.binary_search_by_key(&print, |&(p, _)| p) {
                Ok(i) => self.spread[i].1,
                Err(_) => u32::from(docs > 0),
            }
        } else {
            let holding = self.sources.values().filter(|s| s.lines.get(print) > 0);
            u32::try_from(holding.count()).unwrap_or(u32::MAX)
        };
        LineCounts { docs, of, sources }
    }

    /// Number of documents counted.
    pub fn documents(&self) -> u64 {
        self.sources.values().map(|s| u64::from(s.docs)).sum()
    }

    /// Number of (source, line) entries: the table's size.
    pub fn entries(&self) -> usize {
        self.sources.values().map(|s| s.lines.len()).sum()
    }

    /// Bytes the table holds on the heap (counts, the derived spread and the
    /// source names), to report its footprint.
    pub fn heap_bytes(&self) -> usize {
        let sources: usize = self
            .sources
            .iter()
            .map(|(name, counts)| name.capacity() + counts.lines.heap_bytes())
            .sum();
        sources + self.spread.capacity() * std::mem::size_of::<(u64, u32)>()
    }

    /// The table as bytes: a versioned header, then every source (sorted by
    /// name) with its document count and its (fingerprint, count) pairs sorted
    /// by fingerprint, then an FNV-1a checksum of everything before it. Equal
    /// tables give identical bytes, whatever order their shards were merged in.
    /// Line text is never stored.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.entries() * 12);
        self.write_to(&mut out)
            .expect("writing to a Vec cannot fail");
        out
    }

    /// Writes the bytes of [`LineStats::to_bytes`] to `out` as they are
    /// made, so that a table of many millions of entries is never held
    /// twice in memory.
    ///
    /// ```
    /// use pith::frequency::LineStats;
    /// let mut stats = LineStats::default();
    /// stats.add_document("a.com", ["x"].into_iter());
    /// let mut written = Vec::new();
    /// stats.write_to(&mut written).unwrap();
    /// assert_eq!(written, stats.to_bytes());
    /// ```
    pub fn write_to(&self, out: impl Write) -> io::Result<()> {
        let mut out = Checksummed {
            inner: out,
            hash: FNV_START,
        };
        out.write_all(MAGIC)?;
        out.write_all(&VERSION.to_le_bytes())?;
        out.write_all(&self.failed.to_le_bytes())?;
        out.write_all(&len_u32(self.sources.len()).to_le_bytes())?;
        for (name, counts) in &self.sources {
            out.write_all(&len_u32(name.len()).to_le_bytes())?;
            out.write_all(name.as_bytes())?;
            out.write_all(&counts.docs.to_le_bytes())?;
            let (len, lines) = counts.lines.sorted_pairs();
            out.write_all(&len_u32(len).to_le_bytes())?;
            for (print, n) in lines {
                out.write_all(&print.to_le_bytes())?;
                out.write_all(&n.to_le_bytes())?;
            }
        }
        let sum = out.hash;
        out.inner.write_all(&sum.to_le_bytes())?;
        out.inner.flush()
    }

    /// Reads a table written by [`LineStats::to_bytes`]. Another version, a
    /// truncated or a corrupt file is refused, never misread.
    ///
    /// ```
    /// use pith::frequency::LineStats;
    /// let mut stats = LineStats::default();
    /// stats.add_document("a.com", ["x"].into_iter());
    /// let bytes = stats.to_bytes();
    /// assert_eq!(LineStats::from_bytes(&bytes).unwrap(), stats);
    /// assert!(LineStats::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<LineStats, StatsError> {
        let err = |m: &str| StatsError(m.to_string());
        if bytes.len() < MAGIC.len() + 4 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(err("not a pith stats file"));
        }
        let version = read_u32(bytes, MAGIC.len()).ok_or_else(|| err("truncated"))?;
        // Where the sources start: version 2 has the failed count first.
        let header = match version {
            1 => 12,
            VERSION => 20,
            _ => {
                return Err(StatsError(format!(
                    "stats file version {version}, this pith reads versions 1 and {VERSION}"
                )))
            }
        };
        if bytes.len() < 8 + header + 4 {
            return Err(err("truncated"));
        }
        let (body, tail) = bytes.split_at(bytes.len() - 8);
        let stored = u64::from_le_bytes(tail.try_into().map_err(|_| err("truncated"))?);
        if stored != fnv1a(body) {
            return Err(err("checksum mismatch: the file is truncated or corrupt"));
        }
        let mut reader = Reader {
            bytes: body,
            at: 12,
        };
        let mut stats = LineStats::default();
        if version >= 2 {
            stats.failed = reader.u64()?;
        }
        let n_sources = reader.u32()?;
        for _ in 0..n_sources {
            let name_len = reader.u32()? as usize;
            let name = std::str::from_utf8(reader.take(name_len)?)
                .map_err(|_| err("corrupt source name"))?
                .to_string();
            // Written sorted by name, each once: anything else is corrupt.
            if stats
                .sources
                .last_key_value()
                .is_some_and(|(last, _)| *last >= name)
            {
                return Err(err("corrupt file: sources out of order"));
            }
            let docs = reader.u32()?;
            let n_lines = reader.u32()? as usize;
            // The table's arrays are sized from the counts ahead (and a
            // corrupt length claims no more than the bytes left).
            let (singles, others) = reader.split_counts(n_lines);
            let mut lines = CountTable::with_capacity(singles, others);
            for _ in 0..n_lines {
                let print = reader.u64()?;
                let n = reader.u32()?;
                if n == 0 || n > docs {
                    return Err(err("corrupt counts"));
                }
                if !lines.push_sorted(print, n) {
                    return Err(err("corrupt counts: lines out of order"));
                }
            }
            stats.sources.insert(name, SourceCounts { docs, lines });
        }
        if reader.at != body.len() {
            return Err(err("trailing bytes"));
        }
        stats.seal();
        Ok(stats)
    }
}

/// In how many of the sorted fingerprint lists each fingerprint occurs,
/// for those in two lists or more: a k-way merge through a heap, so that no
/// list of every source's fingerprints is ever built.
fn spread<'a>(lists: impl Iterator<Item = &'a [u64]>) -> Vec<(u64, u32)> {
    let lists: Vec<&[u64]> = lists.filter(|l| !l.is_empty()).collect();
    let mut heap: BinaryHeap<Reverse<(u64, usize, usize)>> = lists
        .iter()
        .enumerate()
        .map(|(list, prints)| Reverse((prints[0], list, 0)))
        .collect();
    let mut out: Vec<(u64, u32)> = Vec::new();
    let mut current: Option<(u64, u32)> = None;
    while let Some(Reverse((print, list, at))) = heap.pop() {
        current = match current {
            Some((p, n)) if p == print => Some((p, n + 1)),
            Some((p, n)) => {
                if n >= 2 {
                    out.push((p, n));
                }
                Some((print, 1))
            }
            None => Some((print, 1)),
        };
        if let Some(&next) = lists[list].get(at + 1) {
            heap.push(Reverse((next, list, at + 1)));
        }
    }
    if let Some((p, n)) = current.filter(|&(_, n)| n >= 2) {
        out.push((p, n));
    }
    out
}

/// A writer that hashes what passes through it.
struct Checksummed<W> {
    inner: W,
    hash: u64,
}

impl<W: Write> Write for Checksummed<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash = fnv1a_more(self.hash, &buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn len_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    /// Of the next `n` (fingerprint, count) entries, or as many as the
    /// bytes left hold, how many have a count of 1 and how many another.
    fn split_counts(&self, n: usize) -> (usize, usize) {
        let entries = self.bytes[self.at..].chunks_exact(12).take(n);
        let singles = entries.filter(|e| e[8..] == 1u32.to_le_bytes()).count();
        let held = n.min((self.bytes.len() - self.at) / 12);
        (singles, held - singles)
    }

    fn take(&mut self, n: usize) -> Result<&[u8], StatsError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| StatsError("truncated".into()))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<u32, StatsError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Result<u64, StatsError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shard(source: &str, docs: &[&[&str]]) -> LineStats {
        let mut s = LineStats::default();
        for d in docs {
            s.add_document(source, d.iter().copied());
        }
        s
    }

    #[test]
    fn a_line_counts_once_per_document() {
        let s = shard("a", &[&["x", "x", "X"], &["x"]]);
        assert_eq!(s.counts("a", "x").docs, 2);
    }

    #[test]
    fn merge_is_associative_and_commutative() {
        let a = shard("a.com", &[&["x", "y"], &["x"]]);
        let b = shard("b.com", &[&["x"]]);
        let c = shard("a.com", &[&["y", "z"]]);
        let mut ab_c = a.clone();
        ab_c.merge(&b);
        ab_c.merge(&c);
        let mut c_ba = c.clone();
        let mut ba = b.clone();
        ba.merge(&a);
        c_ba.merge(&ba);
        assert_eq!(ab_c, c_ba);
        assert_eq!(ab_c.to_bytes(), c_ba.to_bytes());
        assert_eq!(ab_c.counts("a.com", "y").docs, 2);
        assert_eq!(ab_c.counts("a.com", "x").sources, 2);
    }

    #[test]
    fn merged_shards_equal_one_count() {
        let whole = shard("a", &[&["x", "y"], &["x"], &["z"]]);
        let mut parts = shard("a", &[&["x", "y"]]);
        parts.merge(&shard("a", &[&["x"], &["z"]]));
        assert_eq!(whole.to_bytes(), parts.to_bytes());
    }

    #[test]
    fn round_trip() {
        let s = shard("a.com", &[&["x", "y"], &["x"]]);
        let back = LineStats::from_bytes(&s.to_bytes()).unwrap();
        assert_eq!(back, s);
        let empty = LineStats::default();
        assert_eq!(LineStats::from_bytes(&empty.to_bytes()).unwrap(), empty);
    }

    /// A version 1 file (no failed count), as the previous pith wrote it.
    fn version_1(stats: &LineStats) -> Vec<u8> {
        let v2 = stats.to_bytes();
        let mut v1 = [MAGIC.as_slice(), &1u32.to_le_bytes(), &v2[20..v2.len() - 8]].concat();
        let sum = fnv1a(&v1);
        v1.extend_from_slice(&sum.to_le_bytes());
        v1
    }

    #[test]
    fn version_1_files_are_still_read() {
        let s = shard("a.com", &[&["x", "y"], &["x"]]);
        assert_eq!(LineStats::from_bytes(&version_1(&s)).unwrap(), s);
    }

    #[test]
    fn the_failed_count_survives_a_round_trip_and_a_merge() {
        let mut a = shard("a.com", &[&["x"]]);
        a.add_failed(3);
        let mut b = shard("b.com", &[&["y"]]);
        b.add_failed(1);
        let back = LineStats::from_bytes(&a.to_bytes()).unwrap();
        assert_eq!(back.failed(), 3);
        let mut merged = back;
        merged.merge(&b);
        assert_eq!(merged.failed(), 4);
    }

    #[test]
    fn bad_files_are_refused() {
        let bytes = shard("a.com", &[&["x"]]).to_bytes();
        assert!(LineStats::from_bytes(b"hello").is_err());
        assert!(LineStats::from_bytes(&bytes[..bytes.len() - 3]).is_err());
        let mut corrupt = bytes.clone();
        corrupt[20] ^= 0xff;
        assert!(LineStats::from_bytes(&corrupt)
            .unwrap_err()
            .0
            .contains("checksum"));
        let mut other_version = bytes.clone();
        other_version[8] = 3;
        assert!(LineStats::from_bytes(&other_version)
            .unwrap_err()
            .0
            .contains("version 3"));
        assert!(LineStats::from_bytes(&[]).is_err());
    }

    /// A source as written: name, documents, sorted (fingerprint, count).
    type RawSource<'a> = (&'a str, u32, &'a [(u64, u32)]);

    /// A version 2 file of the given failed count and sources (name,
    /// documents, sorted pairs), with a valid checksum, as a crafted or a
    /// corrupt writer could make it.
    fn raw_file(failed: u64, sources: &[RawSource]) -> Vec<u8> {
        let mut out = [
            MAGIC.as_slice(),
            &VERSION.to_le_bytes(),
            &failed.to_le_bytes(),
        ]
        .concat();
        out.extend_from_slice(&len_u32(sources.len()).to_le_bytes());
        for (name, docs, pairs) in sources {
            out.extend_from_slice(&len_u32(name.len()).to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(&docs.to_le_bytes());
            out.extend_from_slice(&len_u32(pairs.len()).to_le_bytes());
            for (print, n) in *pairs {
                out.extend_from_slice(&print.to_le_bytes());
                out.extend_from_slice(&n.to_le_bytes());
            }
        }
        let sum = fnv1a(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    #[test]
    fn raw_files_read_as_written() {
        let s = shard("a.com", &[&["x", "y"], &["x"]]);
        let pairs = s.sources["a.com"].lines.sorted();
        assert_eq!(raw_file(0, &[("a.com", 2, &pairs)]), s.to_bytes());
    }

    #[test]
    fn sources_out_of_order_or_twice_are_refused() {
        let twice = raw_file(0, &[("a.com", 1, &[(7, 1)]), ("a.com", 1, &[(7, 1)])]);
        let error = LineStats::from_bytes(&twice).unwrap_err().0;
        assert!(error.contains("sources out of order"), "{error}");
        let reversed = raw_file(0, &[("b.com", 1, &[]), ("a.com", 1, &[])]);
        assert!(LineStats::from_bytes(&reversed).is_err());
        let unsorted = raw_file(0, &[("a.com", 2, &[(9, 1), (7, 1)])]);
        assert!(LineStats::from_bytes(&unsorted)
            .unwrap_err()
            .0
            .contains("order"));
    }

    #[test]
    fn merging_the_largest_counts_saturates() {
        let bytes = raw_file(u64::MAX, &[("a.com", u32::MAX, &[(7, u32::MAX)])]);
        let full = LineStats::from_bytes(&bytes).unwrap();
        let mut merged = full.clone();
        merged.merge(&full);
        merged.add_failed(1);
        merged.add_document("a.com", ["x"].into_iter());
        merged.seal();
        assert_eq!(merged.failed(), u64::MAX);
        assert_eq!(merged.documents(), u64::from(u32::MAX));
        assert_eq!(merged.counts_of("a.com", 7).docs, u32::MAX);
    }
}
