//! Reading inputs: files, folders, standard input, gzip, JSONL records,
//! WARC records.
//!
//! This stage only finds and decodes documents; it knows nothing of chrome.

mod decode;
mod files;
mod limit;
mod record;
mod sniff;
mod stream;
mod warc;

pub use decode::{decode_text, looks_binary, utf16_without_bom};
pub(crate) use files::identity;
pub use files::{decode_utf8_lossy, discover, Discovered, InputError, InputFile};
pub use limit::{
    is_too_large, read_bounded, read_line_bounded, LineRead, TooLarge, DEFAULT_MAX_RECORD_BYTES,
};
pub use record::{parse_record, parse_record_with_warning, FieldNames, InputDoc, Payload};
pub use sniff::{
    detect, has_html_extension, looks_like_html, looks_like_jsonl, opens_a_record, Mode,
};
pub use stream::{head_looks_like_warc, InputFormat, InputOptions, Inputs};
pub use warc::{
    looks_like_warc, place as warc_place, Skip, WarcItem, WarcOffset, WarcOptions, WarcPage,
    WarcProblem, WarcReader,
};

/// Helpers for the tests of the input modules.
#[cfg(test)]
pub(crate) mod testing {
    use std::io::Write;

    use flate2::write::GzEncoder;
    use flate2::Compression;

    /// `bytes` as one gzip member.
    pub(crate) fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }
}
