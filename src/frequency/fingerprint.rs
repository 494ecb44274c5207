//! Line normalisation and fingerprints.

/// Normalises a line for counting: case-folded, white space collapsed, every
/// run of digits mapped to a single `0` (so "Updated 0548 GMT March 28" and
/// "Updated 1210 GMT April 3" differ only in the month name, and "Vol. 131"
/// matches "Vol. 99").
///
/// ```
/// assert_eq!(pith::frequency::normalize("  Updated  0548 GMT, March 28 "), "updated 0 gmt, march 0");
/// ```
pub fn normalize(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_digits = false;
    let mut pending_space = false;
    for c in line.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            in_digits = false;
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c.is_numeric() {
            if !in_digits {
                out.push('0');
            }
            in_digits = true;
            continue;
        }
        in_digits = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// The line's fingerprint: 64-bit FNV-1a of the UTF-8 bytes of its
/// [`normalize`]d form. FNV-1a is fixed by its specification (offset basis
/// 0xcbf29ce484222325, prime 0x100000001b3), so fingerprints are identical
/// across runs, thread counts, machines and versions of Rust.
///
/// ```
/// use pith::frequency::fingerprint;
/// assert_eq!(fingerprint("Share  THIS"), fingerprint("share this"));
/// assert_eq!(fingerprint(""), 0xcbf29ce484222325);
/// assert_eq!(fingerprint("a"), 0xaf63dc4c8601ec8c);
/// ```
pub fn fingerprint(line: &str) -> u64 {
    fnv1a(normalize(line).as_bytes())
}

/// The FNV-1a hash of nothing: where every hash starts.
pub(crate) const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// 64-bit FNV-1a of `bytes` (also the stats file's checksum).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_more(FNV_START, bytes)
}

/// Continues an FNV-1a hash over more bytes, for a checksum written as it
/// goes.
pub(crate) fn fnv1a_more(mut hash: u64, bytes: &[u8]) -> u64 {
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_map_to_one_class() {
        assert_eq!(normalize("Vol. 131, No. 7"), normalize("Vol. 99, No. 12"));
        assert_ne!(normalize("Vol. 131"), normalize("Vol. A"));
    }

    #[test]
    fn case_and_space_fold() {
        assert_eq!(normalize("ÉDITION\t du  Soir"), "édition du soir");
    }

    #[test]
    fn fingerprints_differ_for_different_lines() {
        assert_ne!(fingerprint("Advertisement"), fingerprint("Advertisements"));
    }
}
