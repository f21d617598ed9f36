//! Editorial: loaded wording in the narrator's voice.

use std::ops::Range;

use super::Lexicon;
use crate::report::model::EditorialFlag;

/// Flags loaded wording in `text` outside the `protected` character ranges (quotations and
/// attributed content).
pub fn flag(text: &str, protected: &[Range<usize>], lexicon: &Lexicon) -> Vec<EditorialFlag> {
    let _ = (text, protected, lexicon);
    Vec::new()
}
