//! One sentence: reporting cues, their speakers or sources, and the content they ascribe.
//!
//! The rules, in the order they run:
//! 1. `according to X` credits X as a source (and, when X is a speaker rather than an agency or
//!    a record, also attributes the rest of the sentence to X);
//! 2. an agency in brackets (`(AFP)`) credits the agency;
//! 3. every reporting verb outside quotation marks (see `data/attribution/report_verbs.txt`)
//!    looks for its speaker on the left (`Kerry said`, `the top US diplomat has said`), on the
//!    right after a comma or a closing quote (`, said Kerry`), or inherits it (`, adding that`,
//!    `but said`); the subject decides the kind: an agency or a record makes it a source;
//! 4. the verb's complements are read (`told reporters`, `told AFP`, `in a statement`, `that`)
//!    and the content is the clause after the cue or, for `X, Kerry said`, the part before it;
//! 5. a headline ending in `: Kerry` or `- Kerry` is attributed to Kerry.

use std::ops::Range;
use std::rc::Rc;

use super::credits::{
    according_to, bracketed_agency, by_agency, headline_tail, is_put, media_credits, put_toll,
};
use super::quotes::Quote;
use super::vocab::*;
use super::words::{LISTS, Tok, VerbClass, is_function_word, is_time_word, tokenize_lowered};
use crate::classify::lexicon::char_text;
use crate::report::model::AttributionKind;

/// One attribution found in a sentence, before pronouns and floating quotes are resolved.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// Direct, indirect or source.
    pub kind: AttributionKind,
    /// The speaker as written (`US Secretary of State John Kerry`, `he`); `None` when inherited
    /// and not yet resolved, or for a pure source.
    pub speaker: Option<String>,
    /// The speaker is a personal pronoun to resolve (`he`, `she`, `they`).
    pub pronoun: bool,
    /// The reporting expression as written (`told reporters`, `said in a statement`).
    pub cue: Option<String>,
    /// For sources: the agency, record or monitor.
    pub source: Option<String>,
    /// The ascribed words (characters).
    pub content: Option<Range<usize>>,
    /// Characters taken by the speaker and the cue.
    pub region: Range<usize>,
}

impl Found {
    /// Whether this ties words to a named speaker (a source credit names none).
    pub fn names_speaker(&self) -> bool {
        self.kind != AttributionKind::Source && self.speaker.is_some()
    }
}

/// What a sentence holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Clauses {
    /// Attributions in sentence order.
    pub found: Vec<Found>,
    /// Quotations that are speech (with a speaker in the sentence or a length that rules out
    /// scare quotes), which have no speaker in this sentence yet.
    pub unclaimed: Vec<Quote>,
    /// The named actor the sentence opens with (`Guterres arrived ...`), a candidate for a
    /// later `he` or `she`. Only looked for in a sentence that names no speaker: where one
    /// does, the speaker is the candidate and this is `None`.
    pub opening: Option<Rc<str>>,
}

/// The sentence, tokenised, with what attribution needs to know about it.
pub(super) struct Sentence<'a> {
    /// The sentence text, whose chars are `chars`.
    pub(super) text: &'a str,
    pub(super) chars: &'a [char],
    pub(super) toks: Vec<Tok<'a>>,
    pub(super) quoted: Vec<bool>,
    pub(super) headline: bool,
}

/// Kinds of noun phrase that can stand before a cue.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Np {
    /// A news agency or outlet.
    Agency,
    /// A document, finding or monitor.
    Record,
    /// A person or a body that speaks.
    Speaker,
    /// A personal pronoun.
    Pronoun,
}

impl Sentence<'_> {
    pub(super) fn text(&self, r: Range<usize>) -> String {
        let n = self.chars.len();
        char_text(self.text, self.chars, r.start.min(n)..r.end.min(n))
    }

    pub(super) fn span_text(&self, toks: Range<usize>) -> String {
        if toks.is_empty() {
            return String::new();
        }
        self.text(self.toks[toks.start].start..self.toks[toks.end - 1].end)
    }

    pub(super) fn lower(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.lower.as_ref())
    }

    pub(super) fn is_quote_mark(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            !t.word
                && matches!(
                    t.text,
                    "\"" | "\u{201c}" | "\u{201d}" | "'" | "\u{2019}" | "\u{2018}"
                )
        })
    }

    /// The first token index of the sentence proper.
    pub(super) fn first_word(&self) -> usize {
        self.toks.iter().position(|t| t.word).unwrap_or(0)
    }

    /// Walks left from the head of a noun phrase; returns the index of its first token.
    pub(super) fn extend_left(&self, head: usize) -> usize {
        let mut s = head;
        let limit = head.saturating_sub(10);
        while s > limit {
            let t = &self.toks[s - 1];
            if !t.word || self.quoted[s - 1] {
                break;
            }
            let l = t.lower.as_ref();
            if is_determiner(l) {
                s -= 1;
                // "a senior official with the commission": go on past the connector.
                let connected = s >= 2
                    && matches!(
                        self.toks[s - 1].lower.as_ref(),
                        "with" | "at" | "from" | "in" | "of" | "for"
                    )
                    && LISTS.is_speaker_noun(&self.toks[s - 2].lower)
                    && !self.quoted[s - 2];
                if connected {
                    continue;
                }
                break;
            }
            let next_cap = self.toks[s].capitalized();
            let prev_ok = s >= 2
                && self.toks[s - 2].word
                && (self.toks[s - 2].capitalized()
                    || LISTS.is_speaker_noun(&self.toks[s - 2].lower));
            if matches!(l, "of" | "for" | "and" | "on") {
                if next_cap && prev_ok {
                    s -= 1;
                    continue;
                }
                break;
            }
            // "a senior official with the commission", "an economist at ING".
            if matches!(l, "with" | "at" | "from" | "in" | "of" | "for")
                && s >= 2
                && LISTS.is_speaker_noun(&self.toks[s - 2].lower)
                && !self.quoted[s - 2]
            {
                s -= 1;
                continue;
            }
            if matches!(
                l,
                "de" | "al"
                    | "bin"
                    | "ibn"
                    | "van"
                    | "von"
                    | "da"
                    | "di"
                    | "du"
                    | "la"
                    | "le"
                    | "el"
                    | "abu"
                    | "der"
                    | "den"
                    | "dos"
            ) {
                if next_cap {
                    s -= 1;
                    continue;
                }
                break;
            }
            let cap_name = t.capitalized() && !is_function_word(l) && !is_time_word(l);
            if cap_name || t.possessive() || is_modifier(l) || LISTS.is_speaker_noun(l) {
                s -= 1;
                continue;
            }
            if l.contains('-') && !is_function_word(l) {
                s -= 1;
                continue;
            }
            // A noun modifying a speaking institution: "the air force", "the weather service",
            // "Ukraine's health ministry" (at most two, right before the head).
            let compound = head - s < 2
                && LISTS.is_speaker_noun(&self.toks[head].lower)
                && !is_function_word(l)
                && !is_time_word(l)
                && LISTS.verb(l).is_none()
                && !l.ends_with("ly")
                && !l.ends_with("ed")
                && !l.ends_with("ing")
                && l.chars().all(char::is_alphabetic);
            if compound {
                s -= 1;
                continue;
            }
            break;
        }
        s
    }

    /// Walks right from `at` over a noun phrase; returns one past its last token.
    pub(super) fn extend_right(&self, at: usize, max: usize) -> usize {
        let mut e = at;
        while e < self.toks.len() && e < at + max {
            let t = &self.toks[e];
            if !t.word || self.quoted[e] {
                break;
            }
            let l = t.lower.as_ref();
            let ok = if e == at && is_determiner(l) {
                true
            } else if matches!(
                l,
                "of" | "for" | "de" | "al" | "bin" | "ibn" | "van" | "von" | "el" | "abu"
            ) {
                self.toks
                    .get(e + 1)
                    .is_some_and(|n| n.word && n.capitalized())
                    && e > at
            } else if is_function_word(l) || is_time_word(l) {
                false
            } else if t.capitalized() || t.possessive() {
                true
            } else {
                let noun =
                    |w: &str| LISTS.is_speaker_noun(w) || LISTS.is_source_noun(w) || is_medium(w);
                let nounish = |w: &str| {
                    noun(w)
                        || is_modifier(w)
                        || looks_personal(w)
                        || (w.contains('-') && !is_function_word(w))
                };
                noun(l)
                    || (LISTS.verb(l).is_none()
                        && (nounish(l)
                            || self
                                .toks
                                .get(e + 1)
                                .is_some_and(|n| n.word && nounish(&n.lower))))
            };
            if !ok {
                break;
            }
            e += 1;
        }
        e
    }

    /// What kind of noun phrase `np` (tokens) with head `head` is, if it can report anything.
    pub(super) fn classify(&self, np: Range<usize>, head: usize) -> Option<Np> {
        if np.is_empty() {
            return None;
        }
        for i in np.clone() {
            if LISTS
                .agency_at(&self.toks, i)
                .is_some_and(|n| i + n <= np.end)
            {
                return Some(Np::Agency);
            }
        }
        if np
            .clone()
            .any(|i| LISTS.is_source_noun(self.toks[i].stem()))
        {
            return Some(Np::Record);
        }
        let h = &self.toks[head];
        let l = h.lower.as_ref();
        if NOBODY.contains(&l) {
            return None;
        }
        if PRONOUNS.contains(&l) {
            return Some(Np::Pronoun);
        }
        if h.possessive() {
            return None;
        }
        if h.capitalized() {
            let first = self.first_word();
            let other_caps = np.clone().any(|i| {
                i != first && self.toks[i].capitalized() && !is_function_word(&self.toks[i].lower)
            });
            let ok = other_caps
                || LISTS.actor_at(&self.toks, np.start).is_some()
                || LISTS.is_speaker_noun(l)
                || (!looks_common(l) && !is_function_word(l) && !is_time_word(l));
            return ok.then_some(Np::Speaker);
        }
        (LISTS.is_speaker_noun(l) || looks_personal(l)).then_some(Np::Speaker)
    }
}

/// The speaker or source of one cue, as found.
struct Subject {
    np: Range<usize>,
    kind: Np,
    /// The speaker follows the cue (`said Kerry`).
    inverted: bool,
}

/// Finds the attributions of one sentence. `lowered` is its ASCII lower case, for its tokens
/// to borrow (see `tokenize_lowered`); `from` is the first character after a dateline;
/// `quotes` are the sentence's quotations; `headline` is true in paragraph 0.
pub(crate) fn find(
    text: &str,
    chars: &[char],
    lowered: &str,
    from: usize,
    quotes: &[Quote],
    headline: bool,
) -> Clauses {
    let mut toks: Vec<Tok> = tokenize_lowered(text, chars, lowered);
    // The tokens after the dateline (all of them when there is none, as in most sentences).
    if from > 0 {
        toks.retain(|t| t.start >= from);
    }
    let doubles: Vec<&Quote> = quotes.iter().filter(|q| !q.single).collect();
    let quoted = toks
        .iter()
        .map(|t| doubles.iter().any(|q| q.outer.contains(&t.start)))
        .collect();
    let s = Sentence {
        text,
        chars,
        toks,
        quoted,
        headline,
    };
    let mut found = Vec::new();
    according_to(&s, from, &mut found);
    bracketed_agency(&s, &mut found);
    for i in 0..s.toks.len() {
        if let Some(vc) = cue_at(&s, i) {
            cue(&s, i, vc, from, &mut found);
        }
    }
    if headline && !found.iter().any(|f| f.kind != AttributionKind::Source) {
        headline_tail(&s, from, &mut found);
    }
    inherit_speakers(&s, &mut found);
    media_credits(&s, &mut found);
    by_agency(&s, &mut found);
    found.sort_by_key(|f| f.region.start);
    cut_contents(&s, &mut found);
    let unclaimed = claim_quotes(quotes, &mut found, chars);
    // A named speaker is the sentence's candidate for a later pronoun (see
    // `attribution::analyze_parsed`), and its opening actor would not be read.
    let opening = if found.iter().any(Found::names_speaker) {
        None
    } else {
        opening_actor(&s).map(Rc::from)
    };
    Clauses {
        found,
        unclaimed,
        opening,
    }
}

/// Is token `i` a reporting verb used as one (not a noun, not passive, not an infinitive)?
///
/// Asked about every token: the cheap tests (a word outside quotation, on the verb list or
/// "put") are inlined into the callers' loops, the rest of the rules run out of line for the
/// few tokens that pass them.
#[inline(always)]
pub(super) fn cue_at<'a>(s: &'a Sentence, i: usize) -> Option<&'a VerbClass> {
    let t = s.toks.get(i)?;
    if !t.word || s.quoted.get(i).is_none_or(|&q| q) {
        return None;
    }
    let vc = match LISTS.verb(&t.lower) {
        Some(vc) => vc,
        None if is_put(&t.lower) => put_toll(s, i)?,
        None => return None,
    };
    verb_in_use(s, i, vc)
}

/// [`cue_at`] for token `i`, a word outside quotation whose verb class is `vc`.
#[inline(never)]
fn verb_in_use<'a>(s: &'a Sentence, i: usize, vc: &'a VerbClass) -> Option<&'a VerbClass> {
    let t = &s.toks[i];
    let l = t.lower.as_ref();
    let prev = i.checked_sub(1).map_or("", |p| s.lower(p));
    if t.capitalized() && !(s.headline && prev != "of" && i > s.first_word()) {
        return None;
    }
    // Noun uses: "a statement", "his warning", "Kerry's claims", "no comment".
    if is_determiner(prev)
        || matches!(prev, "no" | "this" | "these" | "those")
        || (i > 0 && s.toks[i - 1].possessive())
    {
        return None;
    }
    // Infinitive: "to make an announcement", "is expected to announce", "declined to say".
    if prev == "to" {
        return None;
    }
    // "state media", "state news agency": a noun, not the verb.
    if l == "state"
        && (LISTS.agency_at(&s.toks, i).is_some()
            || matches!(
                s.lower(i + 1),
                "news"
                    | "media"
                    | "television"
                    | "tv"
                    | "broadcaster"
                    | "department"
                    | "secretary"
                    | "visit"
                    | "house"
                    | "official"
                    | "officials"
                    | "affairs"
                    | "of"
                    | "council"
                    | "governor"
                    | "legislature"
                    | "level"
                    | "funeral"
                    | "dinner"
                    | "banquet"
            ))
    {
        return None;
    }
    // What goes before the verb: auxiliaries and adverbs.
    let mut aux = i;
    while aux > 0 && is_aux_or_adverb(s.lower(aux - 1)) {
        aux -= 1;
    }
    let chain: Vec<&str> = (aux..i).map(|j| s.lower(j)).collect();
    // Negated: "did not respond", "did not elaborate" report no words.
    if chain.iter().any(|w| matches!(*w, "not" | "never" | "n't")) {
        return None;
    }
    // "will consider the bill" deliberates; "Turkey considers the YPG ..." holds a view.
    if l.starts_with("consider")
        && chain.iter().any(|w| {
            matches!(
                *w,
                "will" | "would" | "could" | "may" | "might" | "should" | "must"
            )
        })
    {
        return None;
    }
    let ing = l.ends_with("ing");
    // Passive: "was accused of", "is said to be" (but "was quoted as saying" reports).
    let mut k = i;
    while k > 0 && is_aux_or_adverb(s.lower(k - 1)) && !is_be(s.lower(k - 1)) {
        k -= 1;
    }
    if !ing && k > 0 && is_be(s.lower(k - 1)) {
        let quoted_as = matches!(l, "quoted" | "cited") && s.lower(i + 1) == "as";
        if !quoted_as {
            return None;
        }
    }
    // A participle stands after a comma, a conjunction or "be" ("..., adding that").
    if ing {
        let ok = i > 0
            && (matches!(s.toks[i - 1].text, "," | ";" | "\u{2014}" | "-")
                || matches!(
                    prev,
                    "while" | "before" | "after" | "and" | "but" | "by" | "in" | "when"
                )
                || is_be(s.lower(k.saturating_sub(1))));
        if !ok {
            return None;
        }
    }
    let next = s.lower(i + 1);
    // "who asked not to be named", "asked to leave": a request, not a report.
    if matches!(l, "asked" | "asks" | "ask" | "asking") && matches!(next, "not" | "to" | "for") {
        return None;
    }
    if matches!(l, "add" | "adds" | "added" | "adding") && next == "to" {
        return None;
    }
    // "called off the strike", "called in the army", "called up reservists": actions.
    if matches!(l, "call" | "calls" | "called" | "calling") && matches!(next, "off" | "in" | "up") {
        return None;
    }
    if (l.starts_with("tell") || l == "told")
        && (next == "of" || (next == "the" && s.lower(i + 2).starts_with("stor")))
    {
        return None;
    }
    if vc.needs.is_empty() {
        return Some(vc);
    }
    let immediate = vc.needs.iter().any(|n| n == "out") || l.starts_with("call");
    let window = if immediate { 1 } else { 30 };
    let has = (i + 1..(i + 1 + window).min(s.toks.len()))
        .take_while(|&j| !matches!(s.toks[j].text, "." | ";"))
        .any(|j| !s.quoted[j] && vc.needs.iter().any(|n| *n == s.toks[j].lower));
    has.then_some(vc)
}

/// Finds the subject of the cue at `i`: on the left, inverted on the right, or none.
fn subject(s: &Sentence, i: usize) -> Option<Subject> {
    let mut k = i;
    while k > 0 {
        let l = s.lower(k - 1);
        let next_is_time = s
            .toks
            .get(k)
            .is_some_and(|t| is_time_word(&t.lower) || t.text.chars().all(|c| c.is_ascii_digit()));
        if is_aux_or_adverb(l)
            || is_be(l)
            || is_time_word(l)
            || (l == "on" && next_is_time)
            || (l.chars().all(|c| c.is_ascii_digit()) && !l.is_empty())
        {
            k -= 1;
            continue;
        }
        break;
    }
    // Walk on the left.
    if k > 0 {
        let head = k - 1;
        let h = &s.toks[head];
        if h.word && !s.quoted[head] {
            if matches!(h.lower.as_ref(), "who" | "which")
                && head >= 2
                && s.toks[head - 1].text == ","
            {
                let ante = head - 2;
                if s.toks[ante].word {
                    let np = s.extend_left(ante)..ante + 1;
                    if let Some(kind) = s.classify(np.clone(), ante) {
                        return Some(Subject {
                            np,
                            kind,
                            inverted: false,
                        });
                    }
                }
                return None;
            }
            if !is_function_word(&h.lower) || PRONOUNS.contains(&h.lower.as_ref()) {
                let mut np = s.extend_left(head)..head + 1;
                // "a report by Amnesty", "figures released by the ministry": the record is the
                // subject; walk back to the clause boundary to find it.
                let mut b = np.start;
                while b > 0
                    && b + 12 > np.start
                    && s.toks[b - 1].word
                    && !s.quoted[b - 1]
                    && !matches!(
                        s.lower(b - 1),
                        "that"
                            | "after"
                            | "when"
                            | "as"
                            | "but"
                            | "while"
                            | "and"
                            | "because"
                            | "since"
                            | "if"
                    )
                {
                    b -= 1;
                }
                let connector = (b..np.start)
                    .rev()
                    .find(|&j| matches!(s.lower(j), "by" | "from" | "of"));
                if let Some(c) = connector
                    && c > b
                    && matches!(s.classify(b..c, c - 1), Some(Np::Record | Np::Agency))
                {
                    np = b..head + 1;
                }
                if let Some(kind) = s.classify(np.clone(), head) {
                    return Some(Subject {
                        np,
                        kind,
                        inverted: false,
                    });
                }
                // "Officials in the region said", "Police in the city said": the head noun
                // stands before a prepositional phrase that ends the subject.
                let pp_head = (np.start..head).find(|&j| {
                    s.toks[j].word
                        && s.toks.get(j + 1).is_some_and(|t| {
                            matches!(
                                t.lower.as_ref(),
                                "in" | "at" | "from" | "for" | "with" | "near" | "across" | "on"
                            )
                        })
                        && !is_function_word(&s.toks[j].lower)
                });
                return pp_head.and_then(|j| {
                    s.classify(np.start..j + 1, j).map(|kind| Subject {
                        np: np.clone(),
                        kind,
                        inverted: false,
                    })
                });
            }
            return None;
        }
        // "Kerry, who met Lavrov, said": skip back over a parenthetical between commas.
        if h.text == "," && LISTS.verb(&s.toks[i].lower).is_some() {
            if let Some(sub) = inverted(s, i) {
                return Some(sub);
            }
            let open = (0..head).rev().take(25).find(|&j| s.toks[j].text == ",");
            if let Some(c) = open
                && c > 0
                && s.toks[c - 1].word
                && !s.quoted[c - 1]
                && !(c + 1..head).any(|j| cue_at(s, j).is_some())
                && (s.toks[c - 1].capitalized() || LISTS.is_speaker_noun(&s.toks[c - 1].lower))
            {
                let np = s.extend_left(c - 1)..c;
                if let Some(kind) = s.classify(np.clone(), c - 1) {
                    return Some(Subject {
                        np,
                        kind,
                        inverted: false,
                    });
                }
            }
            return None;
        }
        if s.is_quote_mark(head) || s.quoted[head] {
            return inverted(s, i);
        }
        return None;
    }
    None
}

/// `, said Kerry` / `," said the minister`.
fn inverted(s: &Sentence, i: usize) -> Option<Subject> {
    let end = s.extend_right(i + 1, 10);
    if end == i + 1 {
        return None;
    }
    // The phrase must end the clause: a comma, a full stop, or a time or medium complement.
    let after = s.toks.get(end);
    let closes = after.is_none_or(|t| {
        !t.word
            || matches!(
                t.lower.as_ref(),
                "on" | "in"
                    | "at"
                    | "who"
                    | "late"
                    | "earlier"
                    | "during"
                    | "after"
                    | "before"
                    | "when"
                    | "while"
                    | "as"
                    | "to"
            )
    });
    if !closes {
        return None;
    }
    let np = i + 1..end;
    let kind = s.classify(np.clone(), end - 1)?;
    Some(Subject {
        np,
        kind,
        inverted: true,
    })
}

/// Reads one cue: its subject, complements and content.
fn cue(s: &Sentence, i: usize, vc: &VerbClass, from: usize, found: &mut Vec<Found>) {
    let l = s.lower(i).to_string();
    let ing = l.ends_with("ing");
    let sub = subject(s, i);
    let inherit = sub.is_none()
        && i > 0
        && (ing
            || matches!(
                s.lower(i - 1),
                "and" | "but" | "also" | "then" | "while" | "or"
            ));
    if sub.is_none() && !inherit {
        return;
    }
    if let Some(sb) = &sub {
        // Verbs of findings need a record, unless a person's "that" follows.
        let quoted_as = matches!(l.as_str(), "quoted" | "cited" | "quoting" | "citing");
        if vc.source
            && !quoted_as
            && !matches!(sb.kind, Np::Record | Np::Agency)
            && s.lower(i + 1) != "that"
        {
            return;
        }
    } else if vc.source && s.lower(i + 1) != "that" {
        return;
    }
    // Complements.
    let mut m = i + 1;
    let mut cue_end = i + 1;
    let mut extra = Vec::new();
    if sub.as_ref().is_some_and(|sb| sb.inverted) {
        m = sub.as_ref().map_or(m, |sb| sb.np.end);
    }
    // "quoted as saying", "Interfax quoted Lavrov as saying".
    let mut object_speaker = None;
    if matches!(l.as_str(), "quoted" | "cited" | "quoting" | "citing") {
        if s.lower(m) == "as" {
            m += 2;
            cue_end = m;
        } else if let Some(a) = (m..(m + 10).min(s.toks.len()))
            .find(|&j| s.lower(j) == "as" && s.lower(j + 1).starts_with("say"))
        {
            let np = m..a;
            if !np.is_empty() && s.classify(np.clone(), a - 1).is_some() {
                object_speaker = Some(s.span_text(np));
            }
            m = a + 2;
            cue_end = m;
        }
    }
    if vc.needs.iter().any(|n| n == "out") || l.starts_with("call") {
        m += 1;
        cue_end = m;
    }
    let mut consumed_that = false;
    let mut after_time = false;
    let mut addressed = false;
    while m < s.toks.len() && !s.quoted[m] {
        let here = s.lower(m);
        let contiguous = m == cue_end;
        if is_time_word(here) || (here.len() > 4 && here.ends_with("ly")) {
            m += 1;
            after_time = true;
            continue;
        }
        if here == "on" && s.toks.get(m + 1).is_some_and(|t| is_time_word(&t.lower)) {
            m += 2;
            after_time = true;
            continue;
        }
        if after_time && !here.is_empty() && here.chars().all(|c| c.is_ascii_digit()) {
            m += 1;
            continue;
        }
        after_time = false;
        // The person addressed: "told reporters", "told AFP", "told a rally".
        if contiguous && !addressed && addresses(&l) && !matches!(here, "that" | "of") {
            addressed = true;
            let end = addressee(s, m);
            if end > m {
                if (m..end).any(|j| LISTS.agency_at(&s.toks, j).is_some_and(|n| j + n <= end)) {
                    extra.push((s.span_text(m..end), s.toks[m].start..s.toks[end - 1].end));
                }
                m = end;
                cue_end = end;
                continue;
            }
        }
        // The medium: "in a statement", "at a news conference", "on Twitter", "to reporters".
        if matches!(
            here,
            "in" | "at" | "on" | "to" | "during" | "via" | "through"
        ) {
            let end = s.extend_right(m + 1, 6);
            let medium = (m + 1..end)
                .any(|j| is_medium(s.toks[j].stem()) || LISTS.agency_at(&s.toks, j).is_some());
            let to_person = here == "to"
                && (m + 1..end).any(|j| {
                    LISTS.is_speaker_noun(&s.toks[j].lower)
                        || matches!(s.toks[j].lower.as_ref(), "reporters" | "journalists")
                });
            if end > m + 1 && (medium || to_person) {
                let record = (m + 1..end).any(|j| {
                    LISTS.is_source_noun(s.toks[j].stem())
                        || LISTS.agency_at(&s.toks, j).is_some_and(|n| j + n <= end)
                });
                if record {
                    extra.push((
                        s.span_text(m + 1..end),
                        s.toks[m + 1].start..s.toks[end - 1].end,
                    ));
                }
                m = end;
                if contiguous {
                    cue_end = end;
                }
                // "in a report released on Monday by the agency"
                if matches!(
                    s.lower(m),
                    "released"
                        | "issued"
                        | "published"
                        | "posted"
                        | "carried"
                        | "broadcast"
                        | "aired"
                ) {
                    m += 1;
                    if s.lower(m) == "by" {
                        m = s.extend_right(m + 1, 8);
                    }
                }
                continue;
            }
        }
        // A place: "told reporters in Ankara that ...".
        if matches!(here, "in" | "at")
            && m > i + 1
            && s.toks
                .get(m + 1)
                .is_some_and(|t| t.word && t.capitalized() && !s.quoted[m + 1])
        {
            let mut e = m + 1;
            while e < s.toks.len() && s.toks[e].word && s.toks[e].capitalized() && !s.quoted[e] {
                e += 1;
            }
            if s.lower(e) == "that" || s.toks.get(e).is_some_and(|t| !t.word) {
                m = e;
                continue;
            }
        }
        if here == "that" && !consumed_that {
            consumed_that = true;
            m += 1;
        }
        break;
    }
    // Where the content lies.
    let next = s.toks.get(m);
    let np_start = sub
        .as_ref()
        .map_or(i, |sb| if sb.inverted { i } else { sb.np.start });
    let after_comma = np_start > 0
        && (s.toks[np_start - 1].text == ","
            || s.is_quote_mark(np_start - 1)
            || s.quoted[np_start - 1]);
    let before_material = np_start > s.first_word() + 1;
    let clause_ends = next.is_none_or(|t| {
        !t.word && !s.quoted[m]
            || matches!(
                t.lower.as_ref(),
                "alongside"
                    | "after"
                    | "before"
                    | "during"
                    | "at"
                    | "in"
                    | "on"
                    | "from"
                    | "with"
                    | "while"
                    | "as"
                    | "when"
                    | "amid"
                    | "ahead"
                    | "following"
                    | "without"
                    | "but"
            )
    });
    let content = if consumed_that
        || !(clause_ends || (after_comma && before_material && next.is_some_and(|t| !t.word)))
    {
        next.map(|t| t.start..s.chars.len())
    } else if (after_comma || sub.as_ref().is_some_and(|sb| sb.inverted)) && before_material {
        let end_tok = if sub.as_ref().is_some_and(|sb| sb.inverted) {
            i
        } else {
            np_start
        };
        Some(from..s.toks[end_tok - 1].start)
    } else if next.is_some_and(|t| s.quoted[m] || t.word) {
        next.map(|t| t.start..s.chars.len())
    } else {
        None
    };
    let region_start = sub
        .as_ref()
        .map_or(s.toks[i].start, |sb| s.toks[sb.np.start.min(i)].start);
    let region_end_tok = if sub.as_ref().is_some_and(|sb| sb.inverted) {
        sub.as_ref().map_or(cue_end, |sb| sb.np.end.max(cue_end))
    } else {
        cue_end
    };
    let region = region_start..s.toks[region_end_tok.min(s.toks.len()) - 1].end;
    let cue_text = if sub.as_ref().is_some_and(|sb| sb.inverted) {
        s.span_text(i..i + 1)
    } else {
        s.span_text(i..cue_end.max(i + 1))
    };
    match sub {
        Some(sb) if matches!(sb.kind, Np::Agency | Np::Record) => {
            found.push(Found {
                kind: AttributionKind::Source,
                speaker: None,
                pronoun: false,
                cue: Some(cue_text.clone()),
                source: Some(s.span_text(sb.np.clone())),
                content: content.clone(),
                region: region.clone(),
            });
            if let Some(sp) = object_speaker {
                found.push(Found {
                    kind: AttributionKind::Indirect,
                    speaker: Some(sp),
                    pronoun: false,
                    cue: Some(cue_text),
                    source: None,
                    content,
                    region,
                });
            }
        }
        sb => {
            let speaker = sb.as_ref().map(|sb| s.span_text(sb.np.clone()));
            let pronoun = speaker
                .as_deref()
                .is_some_and(|p| RESOLVABLE.contains(&p.to_lowercase().as_str()));
            for (name, r) in extra.drain(..) {
                found.push(Found {
                    kind: AttributionKind::Source,
                    speaker: None,
                    pronoun: false,
                    cue: Some(cue_text.clone()),
                    source: Some(name),
                    content: content.clone(),
                    region: r,
                });
            }
            found.push(Found {
                kind: AttributionKind::Indirect,
                speaker,
                pronoun,
                cue: Some(cue_text),
                source: None,
                content,
                region,
            });
        }
    }
}

/// Gives a speaker to cues that had none (`but said`, `, adding that`): the previous speaker in
/// the sentence, else the sentence's opening noun phrase.
fn inherit_speakers(s: &Sentence, found: &mut Vec<Found>) {
    let mut last: Option<(String, bool)> = None;
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&j| found[j].region.start);
    let mut drop = Vec::new();
    for j in order {
        let f = &mut found[j];
        if f.kind == AttributionKind::Source {
            continue;
        }
        if let Some(sp) = &f.speaker {
            last = Some((sp.clone(), f.pronoun));
            continue;
        }
        if let Some((sp, pronoun)) = &last {
            f.speaker = Some(sp.clone());
            f.pronoun = *pronoun;
            continue;
        }
        let first = s.first_word();
        let end = s.extend_right(first, 8);
        let opening = if end > first {
            s.classify(first..end, end - 1)
        } else {
            None
        };
        match opening {
            Some(Np::Speaker | Np::Pronoun) => {
                let sp = s.span_text(first..end);
                f.pronoun = RESOLVABLE.contains(&sp.to_lowercase().as_str());
                f.speaker = Some(sp.clone());
                last = Some((sp, f.pronoun));
            }
            _ => drop.push(j),
        }
    }
    drop.sort_unstable();
    for j in drop.into_iter().rev() {
        found.remove(j);
    }
}

/// Ends each content before the next attribution's own words, and trims it.
fn cut_contents(s: &Sentence, found: &mut [Found]) {
    let regions: Vec<Range<usize>> = found.iter().map(|f| f.region.clone()).collect();
    for f in found.iter_mut() {
        let Some(c) = f.content.clone() else { continue };
        let mut end = c.end;
        if c.start >= f.region.end {
            for r in &regions {
                if r.start > c.start && r.start < end && *r != f.region {
                    end = r.start;
                }
            }
        }
        f.content = trim(s, c.start..end);
    }
}

/// Trims spaces, commas and dangling conjunctions from both ends of a character range.
fn trim(s: &Sentence, r: Range<usize>) -> Option<Range<usize>> {
    let (mut a, mut b) = (r.start, r.end.min(s.chars.len()));
    loop {
        let before = (a, b);
        while a < b
            && (s.chars[a].is_whitespace()
                || matches!(s.chars[a], ',' | ';' | ':' | '-' | '\u{2013}' | '\u{2014}'))
        {
            a += 1;
        }
        while b > a
            && (s.chars[b - 1].is_whitespace()
                || matches!(
                    s.chars[b - 1],
                    ',' | ';' | ':' | '.' | '-' | '\u{2013}' | '\u{2014}'
                ))
        {
            b -= 1;
        }
        // Both ends are judged on the stretch as it stood before this round.
        let tail = &s.chars[a..b];
        for w in [
            "and", "but", "while", "after", "as", "when", "before", "because", "that", "or",
        ] {
            if ends_with_word(tail, w) {
                b -= w.len();
            }
            if w == "that" && starts_with_word(tail, w) {
                a += w.len();
            }
        }
        if (a, b) == before {
            break;
        }
    }
    (a < b).then_some(a..b)
}

/// `chars` ends with a space and `w` (an ASCII word) in any letter case.
fn ends_with_word(chars: &[char], w: &str) -> bool {
    let n = w.len();
    chars.len() > n
        && chars[chars.len() - n - 1] == ' '
        && same_ascii_word(&chars[chars.len() - n..], w)
}

/// `chars` starts with `w` (an ASCII word) in any letter case and a space.
fn starts_with_word(chars: &[char], w: &str) -> bool {
    let n = w.len();
    chars.len() > n && chars[n] == ' ' && same_ascii_word(&chars[..n], w)
}

fn same_ascii_word(chars: &[char], w: &str) -> bool {
    chars.len() == w.len()
        && chars
            .iter()
            .zip(w.bytes())
            .all(|(c, b)| c.is_ascii() && c.to_ascii_lowercase() == char::from(b))
}

/// Ties each speech quotation to the cue whose content holds it (or the nearest cue); turns a
/// cue whose content is just one quotation into a direct attribution. Returns the quotations
/// with no speaker in the sentence.
fn claim_quotes(quotes: &[Quote], found: &mut Vec<Found>, chars: &[char]) -> Vec<Quote> {
    let len = chars.len();
    let speaking: Vec<usize> = (0..found.len())
        .filter(|&j| found[j].names_speaker())
        .collect();
    let mut unclaimed = Vec::new();
    let mut direct = Vec::new();
    for q in quotes {
        if q.inner.is_empty() {
            continue;
        }
        let holder = speaking
            .iter()
            .copied()
            .find(|&j| {
                found[j]
                    .content
                    .as_ref()
                    .is_some_and(|c| c.start <= q.inner.start && q.inner.end <= c.end + 1)
            })
            .or_else(|| {
                speaking
                    .iter()
                    .copied()
                    .min_by_key(|&j| found[j].region.start.abs_diff(q.outer.end.min(len)))
            });
        let Some(j) = holder else {
            unclaimed.push(q.clone());
            continue;
        };
        let whole = found[j]
            .content
            .as_ref()
            .is_some_and(|c| q.outer.start <= c.start + 1 && c.end <= q.outer.end + 1);
        let inner = trim_quote(q.inner.clone(), chars);
        if whole {
            found[j].kind = AttributionKind::Direct;
            found[j].content = inner;
        } else {
            let f = &found[j];
            direct.push(Found {
                kind: AttributionKind::Direct,
                speaker: f.speaker.clone(),
                pronoun: f.pronoun,
                cue: f.cue.clone(),
                source: None,
                content: inner,
                region: f.region.clone(),
            });
        }
    }
    found.extend(direct);
    unclaimed
}

/// A quotation's inside without surrounding spaces and a trailing comma.
pub(crate) fn trim_quote(r: Range<usize>, chars: &[char]) -> Option<Range<usize>> {
    let (mut a, mut b) = (r.start, r.end.min(chars.len()));
    while a < b && chars[a].is_whitespace() {
        a += 1;
    }
    while b > a && (chars[b - 1].is_whitespace() || chars[b - 1] == ',') {
        b -= 1;
    }
    (a < b).then_some(a..b)
}

/// The named actor a sentence opens with, if any (`Guterres arrived in Kyiv` → `Guterres`).
fn opening_actor(s: &Sentence) -> Option<String> {
    let first = s.first_word();
    let end = s.extend_right(first, 8);
    if end == first || s.quoted.get(first).copied().unwrap_or(true) {
        return None;
    }
    let head = &s.toks[end - 1];
    let named = head.capitalized() && !PRONOUNS.contains(&head.lower.as_ref());
    (named && s.classify(first..end, end - 1) == Some(Np::Speaker)).then(|| s.span_text(first..end))
}

/// The person addressed after `told`: an optional determiner, then capitalised words and/or a
/// few lower-case ones (`reporters`, `AFP`, `a rally`, `Russian state television`), never a
/// lower-case word followed by a capitalised one (`told reporters Moscow would ...`).
pub(super) fn addressee(s: &Sentence, at: usize) -> usize {
    let mut e = at;
    if s.toks.get(e).is_some_and(|t| is_determiner(&t.lower)) {
        e += 1;
    }
    let mut lower_seen = false;
    while e < s.toks.len() && e < at + 5 {
        let t = &s.toks[e];
        if !t.word || s.quoted[e] || is_function_word(&t.lower) || is_time_word(&t.lower) {
            break;
        }
        if t.capitalized() {
            if lower_seen {
                break;
            }
        } else {
            lower_seen = true;
        }
        e += 1;
    }
    if e > at && is_determiner(&s.toks[e - 1].lower) {
        e -= 1;
    }
    e
}
