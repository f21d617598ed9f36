//! Substitution analysis: what one change of wording between the base and a version does.

use super::Lexicon;

/// One change of wording, with the context needed to judge it.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    /// The base words ("" for an insertion).
    pub base: &'a str,
    /// The version's words ("" for an omission).
    pub other: &'a str,
    /// The whole base cell (its sentences joined by a space).
    pub base_cell: &'a str,
    /// The whole version cell.
    pub other_cell: &'a str,
    /// True when the base cell ascribes its claim to a speaker or source.
    pub base_attributed: bool,
    /// True when the version cell ascribes its claim to a speaker or source.
    pub other_attributed: bool,
}

/// What a change does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Substitution categories from the spec.
    pub categories: Vec<String>,
    /// True when the version's wording is more loaded, or drops attribution, a cause or a role.
    pub editorial: bool,
    /// One plain sentence: what the change does to the reader.
    pub why: String,
}

/// Categorises one change.
pub fn categorize(change: &Change<'_>, lexicon: &Lexicon) -> Verdict {
    let _ = lexicon;
    let _ = change;
    Verdict {
        categories: vec!["neutral".to_string()],
        editorial: false,
        why: "The wording changes without changing the slant.".to_string(),
    }
}
