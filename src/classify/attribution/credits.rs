//! Source credits and headline speakers: `according to X`, `(AFP)`, `in a statement`,
//! `put the death toll at`, and `...: Kerry` at the end of a headline.

use super::clause::{Found, Np, Sentence, cue_at};
use super::vocab::{RESOLVABLE, is_determiner, looks_common};
use super::words::{LISTS, VerbClass};
use crate::report::model::AttributionKind;

/// `according to X`.
pub(super) fn according_to(s: &Sentence, from: usize, found: &mut Vec<Found>) {
    for i in 0..s.toks.len().saturating_sub(2) {
        if s.quoted[i] || s.lower(i) != "according" || s.lower(i + 1) != "to" {
            continue;
        }
        let start = i + 2;
        let mut end = start;
        while end < s.toks.len() && end < start + 12 && s.toks[end].word && !s.quoted[end] {
            let l = s.lower(end);
            if end > start && (matches!(l, "that" | "which" | "who") || cue_at(s, end).is_some()) {
                break;
            }
            end += 1;
        }
        if end == start {
            continue;
        }
        let np = start..end;
        let named = s.span_text(np.clone());
        let region = s.toks[i].start..s.toks[end - 1].end;
        let at_start = i == s.first_word();
        let content = if at_start {
            s.toks.get(end).map(|t| t.end..s.chars.len())
        } else {
            Some(from..s.toks[i].start)
        };
        let kind = s.classify(np.clone(), end - 1);
        found.push(Found {
            kind: AttributionKind::Source,
            speaker: None,
            pronoun: false,
            cue: Some("according to".into()),
            source: Some(named.clone()),
            content: content.clone(),
            region: region.clone(),
        });
        if matches!(kind, Some(Np::Speaker | Np::Pronoun)) {
            found.push(Found {
                kind: AttributionKind::Indirect,
                pronoun: kind == Some(Np::Pronoun)
                    && RESOLVABLE.contains(&named.to_lowercase().as_str()),
                speaker: Some(named),
                cue: Some("according to".into()),
                source: None,
                content,
                region,
            });
        }
    }
}

/// `(AFP)` inside the text (a dateline has been cut off already).
pub(super) fn bracketed_agency(s: &Sentence, found: &mut Vec<Found>) {
    for i in 0..s.toks.len() {
        if s.toks[i].text != "(" || s.quoted[i] {
            continue;
        }
        if let Some(n) = LISTS.agency_at(&s.toks, i + 1)
            && s.toks.get(i + 1 + n).is_some_and(|t| t.text == ")")
            && s.toks[i + 1].capitalized()
        {
            found.push(Found {
                kind: AttributionKind::Source,
                speaker: None,
                pronoun: false,
                cue: None,
                source: Some(s.span_text(i + 1..i + 1 + n)),
                content: None,
                region: s.toks[i].start..s.toks[i + 1 + n].end,
            });
        }
    }
}

/// `US, Russia achieve 'clarity' on new ceasefire: Kerry` (no full stop, paragraph 0).
pub(super) fn headline_tail(s: &Sentence, from: usize, found: &mut Vec<Found>) {
    let Some(last) = s.toks.last() else { return };
    if matches!(last.text, "." | "!" | "?") {
        return;
    }
    let n = s.toks.len();
    let Some(sep) = (1..n).rev().take(6).find(|&j| {
        !s.toks[j].word
            && matches!(s.toks[j].text, ":" | "-" | "\u{2013}" | "\u{2014}")
            && !s.quoted[j]
    }) else {
        return;
    };
    let np = sep + 1..n;
    if np.is_empty() || sep < 3 || np.clone().any(|j| !s.toks[j].word) {
        return;
    }
    let first = &s.toks[np.start];
    if !first.capitalized()
        || matches!(
            first.lower.as_ref(),
            "analysis"
                | "live"
                | "update"
                | "updates"
                | "video"
                | "photos"
                | "opinion"
                | "explainer"
                | "factbox"
                | "timeline"
                | "report"
                | "review"
                | "interview"
                | "editorial"
                | "comment"
                | "poll"
                | "latest"
        )
    {
        return;
    }
    let head = n - 1;
    let speaker = s.toks[head].capitalized() || LISTS.is_speaker_noun(&s.toks[head].lower);
    if !speaker || looks_common(&s.toks[head].lower) {
        return;
    }
    let kind = s.classify(np.clone(), head);
    let content = Some(from..s.toks[sep].start);
    let named = s.span_text(np.clone());
    let cue = Some(s.toks[sep].text.to_string());
    let region = s.toks[sep].start..s.toks[head].end;
    if matches!(kind, Some(Np::Agency | Np::Record)) {
        found.push(Found {
            kind: AttributionKind::Source,
            speaker: None,
            pronoun: false,
            cue,
            source: Some(named),
            content,
            region,
        });
    } else {
        found.push(Found {
            kind: AttributionKind::Indirect,
            speaker: Some(named),
            pronoun: false,
            cue,
            source: None,
            content,
            region,
        });
    }
}

/// `..., in a statement released by the ministry` anywhere in a sentence that has a speaker:
/// the record is credited too.
pub(super) fn media_credits(s: &Sentence, found: &mut Vec<Found>) {
    if !found.iter().any(|f| f.kind != AttributionKind::Source) {
        return;
    }
    for i in 0..s.toks.len() {
        if s.quoted[i] || !matches!(s.lower(i), "in" | "through" | "via") {
            continue;
        }
        let end = s.extend_right(i + 1, 5);
        if end <= i + 1 || !is_determiner(s.lower(i + 1)) {
            continue;
        }
        let record = (i + 1..end).any(|j| LISTS.is_source_noun(s.toks[j].stem()));
        let region = s.toks[i].start..s.toks[end - 1].end;
        let known = found
            .iter()
            .any(|f| f.kind == AttributionKind::Source && f.region == region);
        if record && !known {
            found.push(Found {
                kind: AttributionKind::Source,
                speaker: None,
                pronoun: false,
                cue: Some(s.span_text(i..i + 1)),
                source: Some(s.span_text(i + 1..end)),
                content: None,
                region,
            });
        }
    }
}

/// Words that, followed by `by` and an agency or outlet, credit it as the source of what the
/// sentence tells: "a document seen by Reuters", "economists polled by Reuters", "figures
/// obtained by AFP".
const BY_AGENCY_PARTICIPLES: &[&str] = &[
    "polled",
    "surveyed",
    "interviewed",
    "seen",
    "obtained",
    "reviewed",
    "compiled",
    "collected",
    "gathered",
    "commissioned",
    "conducted",
    "verified",
    "confirmed",
    "tallied",
    "published",
    "released",
];

/// `seen by Reuters`, `polled by Reuters`: an agency credited as the source of a record.
pub(super) fn by_agency(s: &Sentence, found: &mut Vec<Found>) {
    for i in 0..s.toks.len().saturating_sub(2) {
        // `by` first: it rules out nearly every token with one comparison.
        if s.lower(i + 1) != "by" || s.quoted[i] || !BY_AGENCY_PARTICIPLES.contains(&s.lower(i)) {
            continue;
        }
        let mut at = i + 2;
        if s.lower(at) == "the" {
            at += 1;
        }
        let Some(n) = LISTS.agency_at(&s.toks, at) else {
            continue;
        };
        let region = s.toks[i].start..s.toks[at + n - 1].end;
        if found
            .iter()
            .any(|f| f.kind == AttributionKind::Source && f.region == region)
        {
            continue;
        }
        found.push(Found {
            kind: AttributionKind::Source,
            speaker: None,
            pronoun: false,
            cue: Some(s.span_text(i..i + 2)),
            source: Some(s.span_text(at..at + n)),
            content: None,
            region,
        });
    }
}

/// A form of `put`, the verb of [`put_toll`].
#[inline(always)]
pub(super) fn is_put(lower: &str) -> bool {
    matches!(lower, "put" | "puts" | "putting")
}

/// `put the death toll at 19`: a figure given by its subject. Token `i` is a form of `put`
/// ([`is_put`]).
#[inline(never)]
pub(super) fn put_toll<'a>(s: &'a Sentence, i: usize) -> Option<&'a VerbClass> {
    static PUT: std::sync::LazyLock<VerbClass> = std::sync::LazyLock::new(|| VerbClass {
        source: false,
        needs: Vec::new(),
    });
    let window = i + 1..(i + 6).min(s.toks.len());
    let figure = window
        .clone()
        .any(|j| matches!(s.lower(j), "toll" | "figure" | "number" | "tally" | "count"));
    let at = window.clone().any(|j| s.lower(j) == "at");
    (figure && at).then_some(&*PUT)
}
