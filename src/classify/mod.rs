//! Classify: who said it, who reported it, and whether the outlet's own voice leans.
//!
//! - [`attribution`] finds quotations, reported speech, source credits and datelines;
//! - [`editorial`] flags loaded wording in the narrator's voice, outside what [`attribution`]
//!   ascribes to a speaker, with the [`lexicon`];
//! - [`substitution`] tells what each change of wording between the base and a version does.

use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::report::model::{Attribution, EditorialFlag, Labels};
use crate::segment::Sentence;

pub mod attribution;
pub mod editorial;
pub mod lexicon;
pub mod substitution;

pub use lexicon::Lexicon;

/// Everything classify found in one sentence.
///
/// Versions of a story repeat most sentences, and a repeated sentence's analysis is the same
/// in each: the lists are shared (`Arc`), so a version's copy costs no allocation, and the
/// report that takes them over shares them too.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceAnalysis {
    /// The three labels.
    pub labels: Labels,
    /// Attributions and source credits.
    pub attributions: Arc<[Attribution]>,
    /// Loaded wording in the narrator's voice.
    pub editorial: Arc<[EditorialFlag]>,
    /// Character ranges (Unicode scalar values) that belong to a speaker: quotations and
    /// attributed content. Editorial flags never fall inside them.
    pub speaker_ranges: Arc<[Range<usize>]>,
    /// Plain notes on what the attribution rules inferred rather than read.
    pub notes: Arc<[String]>,
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
        // Attribution of every version first, so that what is shared is known in full.
        let attributed: Vec<Attributed> = versions
            .iter()
            .map(|sentences| {
                let mut parses = Vec::new();
                let (found, dateline) =
                    attribution::analyze_parsed(sentences, &mut cache, &mut parses);
                Attributed {
                    found,
                    dateline,
                    parses,
                }
            })
            .collect();
        // The finished analysis of each context-free sentence (see `attribution::Parse`), by
        // the id of its parse, with how many sentences of the story still take it: every one
        // but the last clones it, the last takes it.
        let mut finished: Vec<(Option<SentenceAnalysis>, usize)> = Vec::new();
        for a in &attributed {
            for (attr, parse) in a.found.iter().zip(&a.parses) {
                if attr.is_none() {
                    let key = parse.id();
                    if finished.len() <= key {
                        finished.resize_with(key + 1, || (None, 0));
                    }
                    finished[key].1 += 1;
                }
            }
        }
        let mut flags = FlagCache::default();
        versions
            .iter()
            .zip(attributed)
            .map(|(sentences, a)| {
                let sentences = sentences
                    .iter()
                    .zip(a.found)
                    .zip(&a.parses)
                    .map(|((sentence, attr), parse)| {
                        let key = parse.id();
                        if let Some(attr) = attr {
                            let editorial = flags.flag(
                                parse,
                                &sentence.text,
                                &attr.speaker_ranges,
                                &self.lexicon,
                            );
                            return self.finish(attr, editorial);
                        }
                        let analyze = || {
                            let attr = parse.settled().cloned().unwrap_or_default();
                            let editorial = editorial::flag_chars(
                                &sentence.text,
                                parse.chars(),
                                parse.lowered(),
                                &attr.speaker_ranges,
                                &self.lexicon,
                            );
                            self.finish(attr, editorial.into())
                        };
                        let (done, left) = &mut finished[key];
                        *left -= 1;
                        if *left == 0 {
                            done.take().unwrap_or_else(analyze)
                        } else {
                            done.get_or_insert_with(analyze).clone()
                        }
                    })
                    .collect();
                VersionAnalysis {
                    sentences,
                    dateline: a.dateline,
                }
            })
            .collect()
    }

    /// One sentence's analysis from its attributions and editorial flags.
    fn finish(
        &self,
        attr: attribution::SentenceAttributions,
        editorial: Arc<[EditorialFlag]>,
    ) -> SentenceAnalysis {
        let labels = Labels {
            sourced: attr.sourced,
            attributed: attr.attributed,
            editorialized: !editorial.is_empty(),
        };
        SentenceAnalysis {
            labels,
            attributions: attr.attributions.into(),
            editorial,
            speaker_ranges: attr.speaker_ranges.into(),
            notes: attr.notes.into(),
        }
    }

    /// Tells what one change of wording does (see [`substitution::categorize`]).
    pub fn categorize(&self, change: &substitution::Change<'_>) -> substitution::Verdict {
        substitution::categorize(change, &self.lexicon)
    }
}

/// What attribution found in one version, before the editorial flags.
struct Attributed {
    /// Per sentence: its attributions, or `None` when its parse has them settled.
    found: Vec<Option<attribution::SentenceAttributions>>,
    dateline: Option<String>,
    /// Per sentence: its parse.
    parses: Vec<Rc<attribution::Parse>>,
}

/// The flags found in one sentence text under some protected ranges.
type Flagged = (Vec<Range<usize>>, Arc<[EditorialFlag]>);

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
        parse: &attribution::Parse,
        text: &str,
        protected: &[Range<usize>],
        lexicon: &Lexicon,
    ) -> Arc<[EditorialFlag]> {
        let known = self.found.entry(parse.id()).or_default();
        if let Some((_, flags)) = known.iter().find(|(p, _)| p == protected) {
            return Arc::clone(flags);
        }
        let flags: Arc<[EditorialFlag]> =
            editorial::flag_chars(text, parse.chars(), parse.lowered(), protected, lexicon).into();
        known.push((protected.to_vec(), Arc::clone(&flags)));
        flags
    }
}
