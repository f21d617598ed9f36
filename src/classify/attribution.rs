//! Attribution and sourcing: quotations, reported speech, source credits, datelines.

use std::ops::Range;

use crate::report::model::Attribution;
use crate::segment::Sentence;

/// What attribution found in one sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceAttributions {
    /// Attributions and source credits, in sentence order.
    pub attributions: Vec<Attribution>,
    /// True when a source (agency, document, monitor, "according to") is credited.
    pub sourced: bool,
    /// True when words or views are ascribed to a speaker.
    pub attributed: bool,
    /// Character ranges that belong to a speaker: quotations and attributed content.
    pub speaker_ranges: Vec<Range<usize>>,
}

/// What attribution found in one version.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VersionAttributions {
    /// One entry per sentence.
    pub sentences: Vec<SentenceAttributions>,
    /// The dateline, when the copy has one.
    pub dateline: Option<String>,
}

/// Finds attributions in every sentence of a version (sentences in order, so floating quotes
/// and pronouns can take the speaker of an earlier sentence).
pub fn analyze(sentences: &[Sentence]) -> VersionAttributions {
    VersionAttributions {
        sentences: vec![SentenceAttributions::default(); sentences.len()],
        dateline: None,
    }
}
