//! Runs of neighbouring blocks that share a property: a box of chrome
//! lines, a flattened list, a teaser list. Several passes judge such runs
//! as a whole rather than block by block.

use std::ops::Range;

/// The maximal runs of consecutive `items` for which `holds` is true, in
/// order, as index ranges.
pub(crate) fn runs<'a, T>(
    items: &'a [T],
    holds: impl Fn(&T) -> bool + 'a,
) -> impl Iterator<Item = Range<usize>> + 'a {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < items.len() && !holds(&items[i]) {
            i += 1;
        }
        let start = i;
        while i < items.len() && holds(&items[i]) {
            i += 1;
        }
        (start < i).then_some(start..i)
    })
}

#[cfg(test)]
mod tests {
    use super::runs;

    #[test]
    fn runs_are_maximal_and_in_order() {
        let odd = |n: &u32| n % 2 == 1;
        let found: Vec<_> = runs(&[1, 3, 2, 5, 4, 4, 7, 9, 11], odd).collect();
        assert_eq!(found, [0..2, 3..4, 6..9]);
        assert_eq!(runs(&[2, 4], odd).count(), 0);
        assert_eq!(runs(&[] as &[u32], odd).count(), 0);
    }
}
