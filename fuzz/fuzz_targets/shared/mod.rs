//! What the fuzz targets share.

use std::sync::OnceLock;

/// One cleaner for every run: the built-in rules of a language compile when
/// its first document needs them, once.
pub fn cleaner() -> &'static pith::Cleaner {
    static CLEANER: OnceLock<pith::Cleaner> = OnceLock::new();
    CLEANER.get_or_init(pith::Cleaner::default)
}
