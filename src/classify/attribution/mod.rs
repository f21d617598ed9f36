//! Attribution and sourcing: quotations, reported speech, source credits, datelines.
//!
//! Who said it, and who reported it. For every sentence this module finds
//! - quotations (straight and curly double quotes, single quotes nested in them or used in
//!   headlines, quotations running over several sentences of a paragraph), see the `quotes` module;
//! - reported speech: a speaker and a reporting cue in either order (`Kerry said`, `said Kerry`,
//!   `..., the top US diplomat said`), with the content it ascribes, see the `clause` module;
//! - source credits: agencies (`AFP reported`, `told Reuters`), records and monitors
//!   (`a UN investigation found`, `said in a statement`) and every `according to X`;
//! - floating quotes: a sentence that is only a quotation takes the speaker of the nearest
//!   earlier attribution in its paragraph or the one before;
//! - personal pronouns (`he said`) resolved to the last named speaker, in the same way;
//! - the dateline (`GENEVA (AFP) -`), which is metadata and not a source credit.
//!
//! A sentence is `sourced` when it credits a source, `attributed` when it ascribes words or a
//! view to a speaker (see `../shared/spec/labels.md`). `speaker_ranges` mark the characters
//! that belong to a speaker (quotations and ascribed content), which the editorial module skips.
//!
//! ```
//! use wirediff::classify::attribution::analyze;
//! use wirediff::segment::Sentence;
//!
//! let s = |text: &str, paragraph| Sentence { text: text.into(), paragraph };
//! let found = analyze(&[
//!     s("GENEVA (AFP) - Talks will go on, the UN envoy said on Friday.", 1),
//!     s("\"We are not there yet.\"", 1),
//! ]);
//! assert_eq!(found.dateline.as_deref(), Some("GENEVA (AFP)"));
//! assert!(found.sentences[0].attributed && !found.sentences[0].sourced);
//! assert!(found.sentences[1].attributed); // a floating quote of the envoy
//! ```

use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::classify::lexicon::{char_text, chars_of};
use crate::report::model::{Attribution, AttributionKind, Span};
use crate::segment::Sentence;

mod clause;
mod credits;
mod dateline;
mod quotes;
mod vocab;
mod words;

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
    /// Plain notes on inferences the rules made (a floating quote's speaker, a resolved
    /// pronoun, a quotation whose speaker is unknown), for the reader to check.
    pub notes: Vec<String>,
}

/// What attribution found in one version.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VersionAttributions {
    /// One entry per sentence.
    pub sentences: Vec<SentenceAttributions>,
    /// The dateline, when the copy has one.
    pub dateline: Option<String>,
}

/// Paragraphs after the first in which a dateline is looked for.
const DATELINE_PARAGRAPHS: usize = 3;
/// A quotation of fewer words than this, with no speaker in its sentence, is taken for scare
/// quotes (the editorial module's business), not for speech.
const MIN_SPEECH_WORDS: usize = 4;
/// Words outside quotation marks that a sentence may have and still be a floating quote
/// (`"...", he added.` has a cue; a bare `"...". ` has none).
const MAX_NARRATION_WORDS: usize = 2;

/// The last named speaker, and the paragraph where it was named.
#[derive(Debug, Clone)]
struct LastSpeaker {
    /// Shared with the parse that names it: every version that repeats the sentence hands it
    /// on without copying.
    name: Rc<str>,
    paragraph: usize,
    sentence: usize,
}

/// What one sentence's words give, before the sentences around it are looked at: its
/// quotations and clauses depend only on its text, on whether a quotation was open when it
/// began, on where its dateline ends and on whether it is a headline.
pub(crate) struct Parse {
    /// The parse's place in its [`ParseCache`] (0, 1, 2, ... in the order parses were made):
    /// a key for what callers share per parse, and an index into a dense table.
    id: usize,
    chars: Vec<char>,
    /// The ASCII lower case of the sentence: the tokens of an ASCII sentence borrow theirs from
    /// it, and the editorial search reads it.
    lowered: String,
    quotes: quotes::Quotes,
    clauses: clause::Clauses,
    /// The sentence's words outside quotations ([`narration_words`]); counted only when
    /// `clauses.unclaimed` has a quotation, the one case that reads it (0 otherwise).
    narration: usize,
    /// What each unclaimed quotation (`clauses.unclaimed`) gives, in order.
    unclaimed: Vec<Unclaimed>,
    /// The text of every content range of the sentence's attributions, so that each version
    /// that repeats the sentence clones it rather than collecting it from `chars` again.
    contents: Vec<(Range<usize>, String)>,
    /// The sentence's attributions and the speaker it names, when they do not depend on the
    /// sentences before it (no pronoun to resolve, no quotation without a speaker), which is
    /// most sentences: each version clones them.
    settled: Option<(SentenceAttributions, Option<Rc<str>>)>,
}

/// What a parse knows of a quotation with no speaker in its sentence.
struct Unclaimed {
    /// The quotation's content, trimmed.
    content: Option<Range<usize>>,
    /// Long enough to be speech ([`is_speech`]), worked out once for every version that repeats
    /// the sentence.
    speech: bool,
}

impl Parse {
    /// The parse's number in its cache: distinct parses of one [`ParseCache`] have distinct
    /// ids, counted from 0.
    pub(crate) fn id(&self) -> usize {
        self.id
    }

    /// The chars of the sentence.
    pub(crate) fn chars(&self) -> &[char] {
        &self.chars
    }

    /// The ASCII lower case of the sentence.
    pub(crate) fn lowered(&self) -> &str {
        &self.lowered
    }

    /// The sentence's attributions when they do not depend on the sentences before it.
    pub(crate) fn settled(&self) -> Option<&SentenceAttributions> {
        self.settled.as_ref().map(|(sa, _)| sa)
    }
}

/// The sentence-level parses of one story. Versions of a story repeat most of their sentences,
/// so the parses are kept and reused across versions; only the steps that look at earlier
/// sentences (datelines, floating quotes, pronouns) run again for each version.
#[derive(Default)]
pub struct ParseCache<'a> {
    datelines: FxHashMap<SentenceText<'a>, Option<(String, usize)>>,
    /// By text, whether a quotation is open when it begins, where its dateline ends and
    /// whether it is a headline.
    parses: FxHashMap<(SentenceText<'a>, bool, usize, bool), Rc<Parse>>,
}

/// How many bytes at each end of a sentence [`SentenceText`] hashes.
const HASHED_END_BYTES: usize = 16;

/// A sentence's text as a key of [`ParseCache`]: equal when the texts are equal, hashed by the
/// length and the first and last [`HASHED_END_BYTES`] bytes. Every sentence of every version is
/// looked up, and hashing all of its bytes was a good part of a lookup; texts that share their
/// length and both ends (a word swapped for one as long in mid-sentence) only share a bucket.
#[derive(Clone, Copy, PartialEq, Eq)]
struct SentenceText<'a>(&'a str);

impl Hash for SentenceText<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let b = self.0.as_bytes();
        state.write_usize(b.len());
        state.write(&b[..b.len().min(HASHED_END_BYTES)]);
        state.write(&b[b.len().saturating_sub(HASHED_END_BYTES)..]);
    }
}

impl<'a> ParseCache<'a> {
    fn dateline(&mut self, text: &'a str) -> Option<(String, usize)> {
        self.datelines
            .entry(SentenceText(text))
            .or_insert_with(|| dateline::find(text))
            .clone()
    }

    fn parse(&mut self, text: &'a str, open: bool, from: usize, headline: bool) -> Rc<Parse> {
        let id = self.parses.len();
        let parse = self
            .parses
            .entry((SentenceText(text), open, from, headline))
            .or_insert_with(|| {
                let chars = chars_of(text);
                let lowered = text.to_ascii_lowercase();
                let quotes = quotes::find(text, &chars, open);
                let clauses = clause::find(text, &chars, &lowered, from, &quotes.spans, headline);
                // Read only for a quotation without a speaker (see `resolve`): most sentences
                // have none, and counting their words char by char was a good part of a parse.
                let narration = if clauses.unclaimed.is_empty() {
                    0
                } else {
                    narration_words(&chars, from, &quotes.spans)
                };
                let unclaimed: Vec<Unclaimed> = clauses
                    .unclaimed
                    .iter()
                    .map(|q| Unclaimed {
                        content: clause::trim_quote(q.inner.clone(), &chars),
                        speech: is_speech(q, &chars),
                    })
                    .collect();
                let mut contents: Vec<(Range<usize>, String)> = Vec::new();
                let ranges = clauses.found.iter().map(|f| &f.content);
                for r in ranges.chain(unclaimed.iter().map(|u| &u.content)).flatten() {
                    if !contents.iter().any(|(c, _)| c == r) {
                        contents.push((r.clone(), char_text(text, &chars, r.clone())));
                    }
                }
                let context_free =
                    !clauses.found.iter().any(|f| f.pronoun) && !unclaimed.iter().any(|u| u.speech);
                let settled = context_free.then(|| {
                    let sa = SentenceAttributions::default();
                    settle(&clauses.found, sa, &quotes, &chars, &contents)
                });
                Rc::new(Parse {
                    id,
                    chars,
                    lowered,
                    quotes,
                    clauses,
                    narration,
                    unclaimed,
                    contents,
                    settled,
                })
            });
        Rc::clone(parse)
    }
}

/// Finds attributions in every sentence of a version (sentences in order, so floating quotes
/// and pronouns can take the speaker of an earlier sentence).
pub fn analyze(sentences: &[Sentence]) -> VersionAttributions {
    analyze_with(sentences, &mut ParseCache::default())
}

/// As [`analyze`], reusing the sentence parses held in `cache` (see [`ParseCache`]).
pub fn analyze_with<'a>(
    sentences: &'a [Sentence],
    cache: &mut ParseCache<'a>,
) -> VersionAttributions {
    let mut parses = Vec::new();
    let (found, dateline) = analyze_parsed(sentences, cache, &mut parses);
    let sentences = found
        .into_iter()
        .zip(&parses)
        .map(|(sa, parse)| sa.unwrap_or_else(|| parse.settled().cloned().unwrap_or_default()))
        .collect();
    VersionAttributions {
        sentences,
        dateline,
    }
}

/// As [`analyze_with`], without cloning the attributions of context-free sentences: the
/// entry of such a sentence is `None` and its attributions are [`Parse::settled`] of its
/// parse. `parses` receives the parse of each sentence, in order; parses of the same
/// sentence text are the same `Rc` within one [`ParseCache`], so a caller can share what
/// depends on a parse alone (by [`Parse::id`]) without hashing the text again.
pub(crate) fn analyze_parsed<'a>(
    sentences: &'a [Sentence],
    cache: &mut ParseCache<'a>,
    parses: &mut Vec<Rc<Parse>>,
) -> (Vec<Option<SentenceAttributions>>, Option<String>) {
    parses.clear();
    let mut out: Vec<Option<SentenceAttributions>> = Vec::with_capacity(sentences.len());
    let mut dateline = None;
    let mut last: Option<LastSpeaker> = None;
    // The last named actor a sentence opened with, for pronouns only.
    let mut mentioned: Option<LastSpeaker> = None;
    let mut open = false;
    let mut pending_forward: Vec<usize> = Vec::new();
    for (idx, sentence) in sentences.iter().enumerate() {
        let first_of_paragraph = idx == 0 || sentences[idx - 1].paragraph != sentence.paragraph;
        if first_of_paragraph {
            open = false;
            pending_forward.clear();
        }
        let mut from = 0;
        if dateline.is_none()
            && first_of_paragraph
            && sentence.paragraph <= DATELINE_PARAGRAPHS
            && let Some((line, at)) = cache.dateline(&sentence.text)
        {
            dateline = Some(line);
            from = at;
        }
        let headline = sentence.paragraph == 0;
        let parse = cache.parse(&sentence.text, open, from, headline);
        let Parse {
            quotes,
            clauses,
            settled,
            ..
        } = &*parse;
        open = quotes.open_at_end;
        let (sa, named) = match settled {
            Some((_, named)) => (None, named.clone()),
            None => {
                let context = Context {
                    last: last.as_ref(),
                    mentioned: mentioned.as_ref(),
                    paragraph: sentence.paragraph,
                    idx,
                };
                let (sa, named, floating) = resolve(&parse, &context);
                pending_forward.extend(floating);
                (Some(sa), named)
            }
        };
        // A quotation opened earlier in the paragraph and closed here with a cue gives its
        // speaker to the sentences that were only that quotation (never context-free ones:
        // only `resolve` leaves a quotation waiting).
        if let Some(name) = named {
            for &p in &pending_forward {
                if let Some(Some(sa)) = out.get_mut(p) {
                    give_forward(sa, &name, idx);
                }
            }
            pending_forward.clear();
            last = Some(LastSpeaker {
                name,
                paragraph: sentence.paragraph,
                sentence: idx,
            });
        } else if let Some(name) = &clauses.opening {
            mentioned = Some(LastSpeaker {
                name: Rc::clone(name),
                paragraph: sentence.paragraph,
                sentence: idx,
            });
        }
        out.push(sa);
        parses.push(parse);
    }
    (out, dateline)
}

/// What a sentence's attributions depend on before it: the last named speaker and actor, and
/// where the sentence stands.
struct Context<'l> {
    last: Option<&'l LastSpeaker>,
    mentioned: Option<&'l LastSpeaker>,
    paragraph: usize,
    idx: usize,
}

/// A quotation long enough to be speech rather than scare quotes.
fn is_speech(q: &quotes::Quote, chars: &[char]) -> bool {
    !q.single && has_words(&chars[q.inner.clone()], MIN_SPEECH_WORDS)
}

/// The attributions of a sentence whose pronouns or speakerless quotations take their speaker
/// from the sentences before it; also the speaker it names and the sentences (itself) whose
/// floating quotation waits for a later speaker.
fn resolve(parse: &Parse, ctx: &Context) -> (SentenceAttributions, Option<Rc<str>>, Vec<usize>) {
    let Parse {
        chars,
        quotes,
        clauses,
        narration,
        unclaimed,
        contents,
        ..
    } = parse;
    let mut floating_quotes = Vec::new();
    let mut sa = SentenceAttributions::default();
    let mut found = clauses.found.clone();
    // Pronouns take the last named actor of this paragraph or the one before.
    for f in &mut found {
        if !f.pronoun {
            continue;
        }
        let plural = f
            .speaker
            .as_deref()
            .is_some_and(|p| p.eq_ignore_ascii_case("they"));
        let candidate = [ctx.last, ctx.mentioned]
            .into_iter()
            .flatten()
            .filter(|l| ctx.paragraph <= l.paragraph + 1)
            .filter(|l| plural || !vocab::is_institution(&l.name))
            .max_by_key(|l| l.sentence);
        if let Some(l) = candidate {
            let said = f.speaker.take().unwrap_or_default();
            sa.notes.push(format!(
                "'{said}' taken to be {} (the last named actor, sentence {})",
                l.name, l.sentence
            ));
            f.speaker = Some(l.name.to_string());
        }
    }
    // Quotations with no speaker in the sentence.
    for (q, u) in clauses.unclaimed.iter().zip(unclaimed) {
        if !u.speech {
            continue;
        }
        let floating = *narration <= MAX_NARRATION_WORDS;
        let speaker = ctx
            .last
            .filter(|l| floating && ctx.paragraph <= l.paragraph + 1);
        match speaker {
            Some(l) => sa.notes.push(format!(
                "a quotation standing alone: taken to be the words of {} (sentence {})",
                l.name, l.sentence
            )),
            None if floating => {
                floating_quotes.push(ctx.idx);
                sa.notes.push(
                    "a quotation standing alone whose speaker comes later or is unknown".into(),
                );
            }
            None => sa
                .notes
                .push("a quotation without a cue: its speaker is not named in the sentence".into()),
        }
        found.push(clause::Found {
            kind: AttributionKind::Direct,
            speaker: speaker.map(|l| l.name.to_string()),
            pronoun: false,
            cue: None,
            source: None,
            content: u.content.clone(),
            region: q.outer.clone(),
        });
        sa.speaker_ranges.push(q.outer.clone());
    }
    let (sa, named) = settle(&found, sa, quotes, chars, contents);
    (sa, named, floating_quotes)
}

/// Completes `sa` from the sentence's attributions with their speakers settled; returns it
/// and the last speaker the sentence names.
fn settle(
    found: &[clause::Found],
    mut sa: SentenceAttributions,
    quotes: &quotes::Quotes,
    chars: &[char],
    contents: &[(Range<usize>, String)],
) -> (SentenceAttributions, Option<Rc<str>>) {
    // In region order, sources first at one place (a stable sort of references, which spares
    // cloning the attributions of a sentence every version repeats).
    let mut found: Vec<&clause::Found> = found.iter().collect();
    found.sort_by_key(|f| (f.region.start, f.kind != AttributionKind::Source));
    for f in &found {
        if let Some(c) = &f.content {
            sa.speaker_ranges.push(c.clone());
        }
        if f.names_speaker() {
            // Quotations held in the sentence belong to the speaker too.
            sa.speaker_ranges
                .extend(quotes.spans.iter().map(|q| q.outer.clone()));
        }
    }
    sa.sourced = found.iter().any(|f| f.kind == AttributionKind::Source);
    sa.attributed = found.iter().any(|f| f.names_speaker());
    sa.attributions = found.iter().map(|f| to_model(chars, contents, f)).collect();
    sa.speaker_ranges = merge(std::mem::take(&mut sa.speaker_ranges));
    sa.notes.dedup();
    let named = found
        .iter()
        .filter(|f| f.kind != AttributionKind::Source)
        .filter_map(|f| f.speaker.as_deref())
        .next_back()
        .map(Rc::from);
    (sa, named)
}

/// Gives the speaker of sentence `from` to the floating quote of `sa`, an earlier sentence.
fn give_forward(sa: &mut SentenceAttributions, name: &str, from: usize) {
    for a in &mut sa.attributions {
        if a.kind == AttributionKind::Direct && a.speaker.is_none() {
            a.speaker = Some(name.to_string());
        }
    }
    sa.attributed = sa
        .attributions
        .iter()
        .any(|a| a.kind != AttributionKind::Source && a.speaker.is_some());
    sa.notes.push(format!(
        "the quotation goes on in sentence {from}, where {name} is named as its speaker"
    ));
}

/// The report's form of one attribution; `contents` holds the texts of the sentence's content
/// ranges (see [`Parse`]), read from `chars` only for a range it lacks.
fn to_model(chars: &[char], contents: &[(Range<usize>, String)], f: &clause::Found) -> Attribution {
    Attribution {
        kind: f.kind,
        speaker: f.speaker.clone(),
        cue: f.cue.clone(),
        source: f.source.clone(),
        content: f.content.as_ref().map(|c| Span {
            start: c.start,
            end: c.end,
            text: match contents.iter().find(|(r, _)| r == c) {
                Some((_, text)) => text.clone(),
                None => chars[c.clone()].iter().collect(),
            },
        }),
    }
}

/// Does `chars` hold `n` words or more, as [`count_words`] counts them? It stops at the `n`th.
fn has_words(chars: &[char], n: usize) -> bool {
    let mut seen = 0;
    let mut in_word = false;
    for &c in chars {
        let w = c.is_alphanumeric();
        if w && !in_word {
            seen += 1;
            if seen >= n {
                return true;
            }
        }
        in_word = w;
    }
    seen >= n
}

fn count_words(chars: &[char]) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for &c in chars {
        let w = c.is_alphanumeric();
        if w && !in_word {
            n += 1;
        }
        in_word = w;
    }
    n
}

/// Words of the sentence outside its double quotations (and after the dateline).
fn narration_words(chars: &[char], from: usize, quotes: &[quotes::Quote]) -> usize {
    // As `count_words` over the sentence with the dateline and the quotations blanked out.
    if quotes.iter().all(|q| q.single) {
        // Nothing blanked but the dateline (a word cannot run on across it).
        return count_words(chars.get(from..).unwrap_or_default());
    }
    let mut n = 0;
    let mut in_word = false;
    for (i, &c) in chars.iter().enumerate() {
        let masked = i < from || quotes.iter().any(|q| !q.single && q.outer.contains(&i));
        let w = !masked && c.is_alphanumeric();
        if w && !in_word {
            n += 1;
        }
        in_word = w;
    }
    n
}

/// Sorts and merges overlapping ranges.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| !r.is_empty());
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(l) if r.start <= l.end => l.end = l.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn has_words_agrees_with_count_words(
            text in "[a-zA-Z0-9\u{e9}\u{2019}' ,.\"-]{0,40}",
            n in 0..8usize,
        ) {
            let chars: Vec<char> = text.chars().collect();
            proptest::prop_assert_eq!(has_words(&chars, n), count_words(&chars) >= n);
        }
    }

    /// `clause::find` leaves out the opening actor of a sentence that names a speaker, because
    /// such a sentence gives its speaker, not its actor, to later pronouns: whatever comes
    /// before it, the analysis names someone.
    #[test]
    fn a_sentence_without_its_opening_actor_names_a_speaker() {
        let texts = [
            "The foreign minister said on Tuesday that talks would resume.",
            "Rebel commanders told reporters in the north they would not withdraw.",
            "He added that the convoy had been stopped at the border.",
            "\"We will not retreat,\" the defence minister said.",
            "According to the health ministry, nine people were wounded.",
            "Kremlin spokesman Dmitry Peskov, who spoke by phone, said nothing had changed.",
            "Investigators found that the valve had failed, the report said.",
            "Negotiators arrived in the capital late on Sunday.",
            "Lavrov met both delegations on Monday.",
        ];
        let mut skipped = 0;
        let mut kept = 0;
        for text in texts {
            let mut cache = ParseCache::default();
            let parse = cache.parse(text, false, 0, false);
            let names_speaker = parse.clauses.found.iter().any(clause::Found::names_speaker);
            if !names_speaker {
                kept += usize::from(parse.clauses.opening.is_some());
                continue;
            }
            assert_eq!(parse.clauses.opening, None, "{text}");
            let context = Context {
                last: None,
                mentioned: None,
                paragraph: 1,
                idx: 0,
            };
            let named = match &parse.settled {
                Some((_, named)) => named.clone(),
                None => resolve(&parse, &context).1,
            };
            assert!(named.is_some(), "{text}");
            skipped += 1;
        }
        assert!(skipped >= 6 && kept >= 2, "{skipped} skipped, {kept} kept");
    }

    #[test]
    fn an_actor_opening_a_sentence_without_a_speaker_is_taken_by_a_later_pronoun() {
        let s = |text: &str| Sentence {
            text: text.into(),
            paragraph: 1,
        };
        let found = analyze(&[
            s("Rebel commanders told reporters they would not withdraw."),
            s("Lavrov met both delegations on Monday."),
            s("He said the gap between them had narrowed."),
        ]);
        let speaker = found.sentences[2].attributions[0].speaker.as_deref();
        assert_eq!(speaker, Some("Lavrov"));
    }
}
