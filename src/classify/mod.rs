//! Classify: who said it, who reported it, and whether the outlet's own voice leans.
//!
//! - [`attribution`] finds quotations, reported speech, source credits and datelines;
//! - [`editorial`] flags loaded wording in the narrator's voice, outside what [`attribution`]
//!   ascribes to a speaker, with the [`lexicon`];
//! - [`substitution`] tells what each change of wording between the base and a version does.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::report::model::{Attribution, EditorialFlag, Labels};
use crate::segment::Sentence;

pub mod attribution;
pub mod editorial;
pub mod lexicon;
pub mod substitution;

pub use lexicon::Lexicon;

/// Everything classify found in one sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceAnalysis {
    /// The three labels.
    pub labels: Labels,
    /// Attributions and source credits.
    pub attributions: Vec<Attribution>,
    /// Loaded wording in the narrator's voice.
    pub editorial: Vec<EditorialFlag>,
    /// Character ranges (Unicode scalar values) that belong to a speaker: quotations and
    /// attributed content. Editorial flags never fall inside them.
    pub speaker_ranges: Vec<Range<usize>>,
    /// Plain notes on what the attribution rules inferred rather than read.
    pub notes: Vec<String>,
}

/// Everything classify found in one version.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VersionAnalysis {
    /// One entry per sentence, in order.
    pub sentences: Vec<SentenceAnalysis>,
    /// The dateline (`GENEVA (AFP)`), when found.
    pub dateline: Option<String>,
}

/// The rule-based classifier, with its lexicon.
#[derive(Debug, Clone)]
pub struct Classifier {
    lexicon: Lexicon,
}

impl Default for Classifier {
    fn default() -> Self {
        Classifier::new(Lexicon::builtin())
    }
}

impl Classifier {
    /// A classifier over the given lexicon.
    pub fn new(lexicon: Lexicon) -> Self {
        Classifier { lexicon }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Labels every sentence of one version.
    pub fn analyze(&self, sentences: &[Sentence]) -> VersionAnalysis {
        self.analyze_story(&[sentences]).pop().unwrap_or_default()
    }

    /// Labels every sentence of every version of one story. Versions repeat most of their
    /// sentences, so what depends on a sentence alone is worked out once for the story; the
    /// result is the same as [`Classifier::analyze`] on each version.
    pub fn analyze_story(&self, versions: &[&[Sentence]]) -> Vec<VersionAnalysis> {
        let mut cache = attribution::ParseCache::default();
        let mut flags = FlagCache::default();
        // The finished analysis of each context-free sentence (see `attribution::Parse`),
        // by the id of its parse: every version that repeats it clones it whole.
        let mut finished: Vec<Option<SentenceAnalysis>> = Vec::new();
        let mut parses = Vec::new();
        versions
            .iter()
            .map(|sentences| {
                let (found, dateline) =
                    attribution::analyze_parsed(sentences, &mut cache, &mut parses);
                let sentences = sentences
                    .iter()
                    .zip(found)
                    .zip(&parses)
                    .map(|((sentence, attr), parse)| {
                        let key = parse.id();
                        match attr {
                            Some(attr) => {
                                let editorial = flags.flag(
                                    key,
                                    &sentence.text,
                                    parse.chars(),
                                    &attr.speaker_ranges,
                                    &self.lexicon,
                                );
                                self.finish(attr, editorial)
                            }
                            None => {
                                if finished.len() <= key {
                                    finished.resize(key + 1, None);
                                }
                                finished[key]
                                    .get_or_insert_with(|| {
                                        let attr = parse.settled().cloned().unwrap_or_default();
                                        let editorial = editorial::flag_chars(
                                            &sentence.text,
                                            parse.chars(),
                                            &attr.speaker_ranges,
                                            &self.lexicon,
                                        );
                                        self.finish(attr, editorial)
                                    })
                                    .clone()
                            }
                        }
                    })
                    .collect();
                VersionAnalysis {
                    sentences,
                    dateline,
                }
            })
            .collect()
    }

    /// One sentence's analysis from its attributions and editorial flags.
    fn finish(
        &self,
        attr: attribution::SentenceAttributions,
        editorial: Vec<EditorialFlag>,
    ) -> SentenceAnalysis {
        let labels = Labels {
            sourced: attr.sourced,
            attributed: attr.attributed,
            editorialized: !editorial.is_empty(),
        };
        SentenceAnalysis {
            labels,
            attributions: attr.attributions,
            editorial,
            speaker_ranges: attr.speaker_ranges,
            notes: attr.notes,
        }
    }

    /// Tells what one change of wording does (see [`substitution::categorize`]).
    pub fn categorize(&self, change: &substitution::Change<'_>) -> substitution::Verdict {
        substitution::categorize(change, &self.lexicon)
    }
}

/// The flags found in one sentence text under some protected ranges.
type Flagged = (Vec<Range<usize>>, Vec<EditorialFlag>);

/// Editorial flags already found in a story, by sentence text and protected ranges. The text
/// is known by its key, the id of its parse from [`attribution::analyze_parsed`] (equal keys,
/// equal texts), which spares hashing every sentence's text a second time.
#[derive(Default)]
struct FlagCache {
    found: FxHashMap<usize, Vec<Flagged>>,
}

impl FlagCache {
    fn flag(
        &mut self,
        key: usize,
        text: &str,
        chars: &[char],
        protected: &[Range<usize>],
        lexicon: &Lexicon,
    ) -> Vec<EditorialFlag> {
        let known = self.found.entry(key).or_default();
        if let Some((_, flags)) = known.iter().find(|(p, _)| p == protected) {
            return flags.clone();
        }
        let flags = editorial::flag_chars(text, chars, protected, lexicon);
        known.push((protected.to_vec(), flags.clone()));
        flags
    }
}
