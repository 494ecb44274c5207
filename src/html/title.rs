//! The headline a page declares in its `<head>`.

use crate::document::collapse_whitespace;

/// Separators between a headline and a site or section name in `<title>`,
/// strongest first.
const SEPARATORS: [&str; 6] = [" | ", " :: ", " » ", " — ", " – ", " - "];

/// The declared title: `og:title` when present, else the `<title>` text
/// with the site-name segments removed.
pub(crate) fn declared(og_title: Option<&str>, title: Option<&str>) -> Option<String> {
    if let Some(og) = og_title.map(collapse_whitespace).filter(|t| !t.is_empty()) {
        return Some(og);
    }
    title
        .map(|t| strip_site_name(&collapse_whitespace(t)))
        .filter(|t| !t.is_empty())
}

/// Removes site and section names from a `<title>`: splits on the first
/// kind of separator present (`" | "` before `" :: "`, `" » "`, dashes) and
/// keeps the longest segment, the first of equals.
///
/// Only one kind of separator is split on, so a headline that contains a
/// hyphen (`"Biden - Trump debate recap | CNN"`) keeps it.
pub(crate) fn strip_site_name(title: &str) -> String {
    for sep in SEPARATORS {
        if title.contains(sep) {
            let mut best = "";
            for segment in title.split(sep).map(str::trim) {
                if segment.chars().count() > best.chars().count() {
                    best = segment;
                }
            }
            return best.to_string();
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_longest_segment() {
        assert_eq!(
            strip_site_name("Rainfall hits record low | The Courier"),
            "Rainfall hits record low"
        );
        assert_eq!(
            strip_site_name("Courier :: Local News :: Rainfall hits record low"),
            "Rainfall hits record low"
        );
        assert_eq!(strip_site_name("News » Big story here"), "Big story here");
        assert_eq!(strip_site_name("No separator"), "No separator");
    }

    #[test]
    fn splits_on_one_kind_of_separator_only() {
        assert_eq!(
            strip_site_name("Biden - Trump debate recap | CNN"),
            "Biden - Trump debate recap"
        );
    }

    #[test]
    fn og_title_wins() {
        assert_eq!(
            declared(Some(" The  headline "), Some("Other | Site")).as_deref(),
            Some("The headline")
        );
        assert_eq!(
            declared(Some("  "), Some("Headline here | Site")).as_deref(),
            Some("Headline here")
        );
        assert_eq!(declared(None, Some(" ")), None);
    }
}
