//! Reads the built-in rules' required literals ahead of time.
//!
//! The rule prefilter needs, for every rule of a document's language, the
//! literals its matches must hold (`src/rules/literals.rs`). Reading them from
//! the patterns' syntax trees was three fifths of pith's start-up (59 M of
//! 98 M instructions for one tiny record). The built-in patterns are known
//! when pith is built, so this script reads them here, with the same code,
//! and writes a table that `src/rules/precomputed.rs` includes. Rules the
//! user adds are read at run time, as before.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

// The same files the library compiles, so the table cannot drift from what
// the library would compute. Some of their items serve the library only.
#[allow(dead_code)]
#[path = "src/rules/boundaries.rs"]
mod boundaries;
#[allow(dead_code)]
#[path = "src/rules/literals.rs"]
mod literals;

const RULES: &str = "src/rules/builtin.toml";

fn main() {
    for input in [
        RULES,
        "src/rules/boundaries.rs",
        "src/rules/literals.rs",
        "build.rs",
    ] {
        println!("cargo:rerun-if-changed={input}");
    }
    let text = std::fs::read_to_string(RULES).unwrap_or_else(|e| panic!("{RULES}: {e}"));
    let file: toml::Table = text.parse().unwrap_or_else(|e| panic!("{RULES}: {e}"));
    let rules = file
        .get("rule")
        .and_then(toml::Value::as_array)
        .unwrap_or_else(|| panic!("{RULES}: no [[rule]]"));
    // Keyed by the source as the library compiles it (word boundaries
    // resolved either way, as a rule's languages decide) and the case flag.
    let mut table: BTreeMap<(String, bool), Option<literals::Needs>> = BTreeMap::new();
    for rule in rules {
        let text = |key: &str| rule.get(key).and_then(toml::Value::as_str);
        let case_insensitive = !rule
            .get("case_sensitive")
            .and_then(toml::Value::as_bool)
            .unwrap_or(false);
        for source in [text("pattern"), text("requires")].into_iter().flatten() {
            for unicode in [false, true] {
                let source = boundaries::word_boundaries(source, unicode);
                let needs = literals::required_literals(&source, case_insensitive);
                table.insert((source, case_insensitive), needs);
            }
        }
    }
    let mut out = String::from(
        "// Written by build.rs from src/rules/builtin.toml: do not edit.\n\
         static TABLE: &[Entry] = &[\n",
    );
    for ((source, case_insensitive), needs) in &table {
        let needs = match needs {
            None => "None".to_string(),
            Some(needs) => {
                let at_start = matches!(needs, literals::Needs::Start(_));
                let literals: Vec<String> =
                    needs.literals().iter().map(|l| byte_string(l)).collect();
                format!("Some(({at_start}, &[{}]))", literals.join(", "))
            }
        };
        // `{:?}` of a str is a Rust string literal.
        writeln!(out, "    ({source:?}, {case_insensitive}, {needs}),").expect("to a String");
    }
    out.push_str("];\n");
    let dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let path = Path::new(&dir).join("builtin_literals.rs");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// `bytes` as a Rust byte string literal.
fn byte_string(bytes: &[u8]) -> String {
    let mut out = String::from("b\"");
    for &byte in bytes {
        match byte {
            b'"' | b'\\' => write!(out, "\\{}", byte as char),
            b' '..=b'~' => write!(out, "{}", byte as char),
            _ => write!(out, "\\x{byte:02x}"),
        }
        .expect("to a String");
    }
    out.push('"');
    out
}
