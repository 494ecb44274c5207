//! Text dumps to documents: one block per non-empty line.

use super::{normalize_line, Block, Document};

/// Builds a [`Document`] from a scraped text dump, one block per non-empty
/// line after normalisation.
///
/// ```
/// let doc = pith::document::from_text("Headline\n\n  First  paragraph.\r\nSecond.");
/// let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
/// assert_eq!(texts, ["Headline", "First paragraph.", "Second."]);
/// assert!(doc.blocks[1].gap_before);
/// assert_eq!(doc.blocks[2].line, 4);
/// ```
pub fn from_text(text: &str) -> Document {
    let mut blocks = Vec::new();
    let mut gap = false;
    for (index, raw) in text.lines().enumerate() {
        let line = normalize_line(raw);
        if line.is_empty() {
            gap = true;
            continue;
        }
        blocks.push(Block {
            text: line,
            line: index + 1,
            gap_before: gap && !blocks.is_empty(),
            dom: None,
        });
        gap = false;
    }
    Document {
        blocks,
        declared_title: None,
        parents: Vec::new(),
        notes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_input_has_no_blocks() {
        assert!(from_text("").is_empty());
        assert!(from_text("\n \n\t\n").is_empty());
    }

    #[test]
    fn markup_only_lines_are_dropped_as_empty() {
        let doc = from_text("<div></div>\nText");
        assert_eq!(doc.len(), 1);
        assert_eq!(doc.blocks[0].line, 2);
    }
}
