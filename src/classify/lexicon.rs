//! The editorial lexicon: loaded terms with category, neutral alternative and explanation.

/// A set of lexicon entries, matched fast.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {}

impl Lexicon {
    /// The lexicon shipped with wirediff.
    pub fn builtin() -> Lexicon {
        Lexicon {}
    }
}
