//! Which publisher a document belongs to.

use std::path::Path;

/// The registrable domain of a URL: `https://edition.cnn.com/x` → `cnn.com`,
/// by the public suffix list (the `psl` crate), so `bbc.co.uk` is one source.
///
/// ```
/// use pith::frequency::registrable_domain;
/// assert_eq!(registrable_domain("https://edition.cnn.com/2024/x.html").as_deref(), Some("cnn.com"));
/// assert_eq!(registrable_domain("http://www.bbc.co.uk/news").as_deref(), Some("bbc.co.uk"));
/// assert_eq!(registrable_domain("not a url"), None);
/// ```
pub fn registrable_domain(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest
        .split(['/', '?', '#'])
        .next()?
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .trim_end_matches('.')
        .to_ascii_lowercase();
    if host.is_empty() || !host.contains('.') || host.contains(' ') {
        return None;
    }
    let domain = psl::domain(host.as_bytes())?;
    std::str::from_utf8(domain.as_bytes())
        .ok()
        .map(str::to_string)
}

/// The source key of a document: the `--source-field` value when given; else
/// the registrable domain of its URL; else, for a file found under a folder
/// input, its parent folder; else one source (`""`) for the whole input.
pub fn source_of(field: Option<&str>, url: Option<&str>, relative: Option<&Path>) -> String {
    if let Some(value) = field.filter(|v| !v.is_empty()) {
        return value.to_string();
    }
    if let Some(domain) = url.and_then(registrable_domain) {
        return domain;
    }
    relative
        .and_then(Path::parent)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_beats_url_beats_folder() {
        let folder = Path::new("pubs/a/01.txt");
        assert_eq!(
            source_of(Some("x"), Some("https://www.y.com"), Some(folder)),
            "x"
        );
        assert_eq!(
            source_of(None, Some("https://www.y.com/a"), Some(folder)),
            "y.com"
        );
        assert_eq!(source_of(None, None, Some(folder)), "pubs/a");
        assert_eq!(source_of(None, None, Some(Path::new("01.txt"))), "");
        assert_eq!(source_of(None, None, None), "");
    }

    #[test]
    fn subdomains_are_one_source() {
        assert_eq!(
            registrable_domain("https://www.cnn.com/").as_deref(),
            Some("cnn.com")
        );
        assert_eq!(
            registrable_domain("https://edition.cnn.com:443/a").as_deref(),
            Some("cnn.com")
        );
    }
}
