//! HTML pages to documents of blocks.

use crate::document::Document;

/// Parses an HTML page given as a string.
pub fn parse_str(_html: &str) -> Result<Document, String> {
    Err("HTML input is not supported yet; use --mode text".into())
}

/// Parses an HTML page given as bytes of unknown encoding.
pub fn parse_bytes(_html: &[u8]) -> Result<Document, String> {
    Err("HTML input is not supported yet; use --mode text".into())
}
