//! The count table and its file format.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use super::fingerprint::fnv1a;
use super::{fingerprint, LineCounts};

/// Counts for one source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct SourceCounts {
    /// Documents of the source.
    docs: u32,
    /// Fingerprint → documents of the source containing the line.
    lines: HashMap<u64, u32>,
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineStats {
    sources: BTreeMap<String, SourceCounts>,
    /// Fingerprint → number of sources containing the line (derived).
    spread: HashMap<u64, u32>,
    /// Documents (or inputs) that could not be read, so were not counted.
    failed: u64,
}

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

    /// Counts one document given the set of its line fingerprints.
    pub fn add_fingerprints(&mut self, source: &str, prints: HashSet<u64>) {
        let entry = self.sources.entry(source.to_string()).or_default();
        entry.docs += 1;
        for print in prints {
            let count = entry.lines.entry(print).or_insert(0);
            if *count == 0 {
                *self.spread.entry(print).or_insert(0) += 1;
            }
            *count += 1;
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
        self.failed += n;
    }

    /// Documents (or inputs) that could not be read when counting (0 in a
    /// file written before the count was recorded).
    pub fn failed(&self) -> u64 {
        self.failed
    }

    /// Adds another table's counts. Merging is associative and commutative.
    pub fn merge(&mut self, other: &LineStats) {
        self.failed += other.failed;
        for (name, theirs) in &other.sources {
            let ours = self.sources.entry(name.clone()).or_default();
            ours.docs += theirs.docs;
            for (&print, &n) in &theirs.lines {
                let count = ours.lines.entry(print).or_insert(0);
                if *count == 0 {
                    *self.spread.entry(print).or_insert(0) += 1;
                }
                *count += n;
            }
        }
    }

    /// The counts of a line for a source.
    pub fn counts(&self, source: &str, line: &str) -> LineCounts {
        self.counts_of(source, fingerprint(line))
    }

    /// The counts of a fingerprint for a source.
    pub fn counts_of(&self, source: &str, print: u64) -> LineCounts {
        let (docs, of) = self.sources.get(source).map_or((0, 0), |s| {
            (s.lines.get(&print).copied().unwrap_or(0), s.docs)
        });
        LineCounts {
            docs,
            of,
            sources: self.spread.get(&print).copied().unwrap_or(0),
        }
    }

    /// Number of documents counted.
    pub fn documents(&self) -> u64 {
        self.sources.values().map(|s| u64::from(s.docs)).sum()
    }

    /// Number of (source, line) entries: the table's size.
    pub fn entries(&self) -> usize {
        self.sources.values().map(|s| s.lines.len()).sum()
    }

    /// The table as bytes: a versioned header, then every source (sorted by
    /// name) with its document count and its (fingerprint, count) pairs sorted
    /// by fingerprint, then an FNV-1a checksum of everything before it. Equal
    /// tables give identical bytes, whatever order their shards were merged in.
    /// Line text is never stored.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.entries() * 12);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&self.failed.to_le_bytes());
        out.extend_from_slice(&len_u32(self.sources.len()).to_le_bytes());
        for (name, counts) in &self.sources {
            out.extend_from_slice(&len_u32(name.len()).to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(&counts.docs.to_le_bytes());
            let mut lines: Vec<(u64, u32)> = counts.lines.iter().map(|(&k, &v)| (k, v)).collect();
            lines.sort_unstable();
            out.extend_from_slice(&len_u32(lines.len()).to_le_bytes());
            for (print, n) in lines {
                out.extend_from_slice(&print.to_le_bytes());
                out.extend_from_slice(&n.to_le_bytes());
            }
        }
        let sum = fnv1a(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
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
            let docs = reader.u32()?;
            let n_lines = reader.u32()? as usize;
            let mut lines = HashMap::with_capacity(n_lines.min(body.len() / 12));
            for _ in 0..n_lines {
                let print = reader.u64()?;
                let n = reader.u32()?;
                if n == 0 || n > docs {
                    return Err(err("corrupt counts"));
                }
                lines.insert(print, n);
            }
            stats.merge(&LineStats {
                sources: BTreeMap::from([(name, SourceCounts { docs, lines })]),
                spread: HashMap::new(),
                failed: 0,
            });
        }
        if reader.at != body.len() {
            return Err(err("trailing bytes"));
        }
        Ok(stats)
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
}
