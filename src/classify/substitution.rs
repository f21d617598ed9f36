//! Substitution analysis: what one change of wording between the base and a version does.
//!
//! [`categorize`] looks at the two sides of a diff op, in this order:
//!
//! 1. copy metadata and form: a dateline swap, letter case, punctuation, British/American
//!    spelling, tense and inflection are `neutral`;
//! 2. ranked word scales of the lexicon (rebels → militants → terrorists, said → claimed,
//!    government → regime): a climb is editorial in the scale's category;
//! 3. names of one actor (Islamic State → ISIL is `naming`; → Daesh is also `pejorative_name`);
//! 4. lexicon and structural flags that one side has and the other lacks;
//! 5. attribution cues ("officials said", "AFP reported", "according to") dropped or added;
//! 6. clauses: a dropped clause that names an actor's role or a cause is an editorial
//!    `omission`; a clause of cause replaced by another is `causal_framing`.
//!
//! ```
//! use wirediff::classify::{Lexicon, substitution::{Change, categorize}};
//! let cell = "Kerry said the truce had collapsed.";
//! let change = Change { base: "said", other: "claimed", base_cell: cell,
//!     other_cell: "Kerry claimed the truce had collapsed.",
//!     base_attributed: true, other_attributed: true };
//! let verdict = categorize(&change, &Lexicon::builtin());
//! assert_eq!(verdict.categories, ["report_verb"]);
//! assert!(verdict.editorial);
//! ```

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use super::Lexicon;
use super::editorial;
use super::lexicon::{normalize_phrase, words};

/// Longest quoted excerpt of a change in a `why` sentence, in characters.
pub const WHY_EXCERPT_CHARS: usize = 70;

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

impl Verdict {
    fn neutral(why: String) -> Verdict {
        Verdict {
            categories: vec!["neutral".to_string()],
            editorial: false,
            why,
        }
    }
}

/// A dateline opening a text (`GENEVA (AFP)`, `BEIRUT -`); see [`opens_with_dateline`].
static DATELINE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^\p{Lu}[\p{Lu} .'\u{2019}-]+\s*[(\u{2013}\u{2014}-]").ok());

/// Does `text` open with a [`DATELINE`]? An ASCII text is read by hand: a capital, then one or
/// more capitals, spaces, dots, apostrophes and hyphens, then white space and a `(` or `-`,
/// which is the regex on ASCII. Other texts go to the regex, which compiles only for them.
fn opens_with_dateline(text: &str) -> bool {
    if !text.is_ascii() {
        return DATELINE.as_ref().is_some_and(|d| d.is_match(text));
    }
    let b = text.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    let run = b[1..]
        .iter()
        .take_while(|&&c| c.is_ascii_uppercase() || matches!(c, b' ' | b'.' | b'\'' | b'-'))
        .count();
    // The class takes `k` of the run, then come white space and the dash or bracket.
    (1..=run).any(|k| {
        let rest = &b[1 + k..];
        let spaces = rest.iter().take_while(|&&c| ascii_space(c)).count();
        matches!(rest.get(spaces), Some(b'(' | b'-'))
    })
}

/// Is `b` white space (`\s`, `char::is_whitespace`) in ASCII: tab to carriage return, space?
fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The words and phrases of [`CUE`] read in any letter case, in its order.
const CUE_WORDS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "according to",
    "reported",
    "reports",
    "quoted",
    "quoting",
    "cited",
    "citing",
    "announced",
    "stated",
    "added",
    "wrote",
    "tweeted",
    "in a statement",
    "statement said",
];

/// The agencies of [`CUE`], read as written, in its order (after [`CUE_WORDS`]).
const CUE_AGENCIES: &[&str] = &[
    "AFP",
    "Reuters",
    "AP",
    "Xinhua",
    "TASS",
    "IRNA",
    "Tasnim",
    "Fars",
    "SANA",
    "Anadolu",
    "RIA Novosti",
    "Interfax",
];

/// A credit to a speaker or source inside a stretch of words: a whole word or phrase of
/// [`CUE_WORDS`] or [`CUE_AGENCIES`] (see [`find_cue`]).
static CUE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:{}|(?-i:{}))\b",
        CUE_WORDS.join("|"),
        CUE_AGENCIES.join("|")
    ))
    .ok()
});

/// The first [`CUE`] in `text`, as written. An ASCII text is read by hand: at each start of a
/// word (letters, digits and `_`, as `\b` has them), the first of the cue words (in any letter
/// case) or agencies (as written) that ends a word there, which is the regex's leftmost-first
/// match on ASCII. Other texts go to the regex, which compiles only for them.
fn find_cue(text: &str) -> Option<&str> {
    if !text.is_ascii() {
        return CUE.as_ref()?.find(text).map(|m| m.as_str());
    }
    let b = text.as_bytes();
    let word = |c: &u8| c.is_ascii_alphanumeric() || *c == b'_';
    let ends_word = |end: usize| !b.get(end).is_some_and(word);
    (0..b.len())
        .filter(|&at| word(&b[at]) && (at == 0 || !word(&b[at - 1])))
        .find_map(|at| {
            let rest = &b[at..];
            let cue = CUE_WORDS
                .iter()
                .find(|w| {
                    rest.get(..w.len())
                        .is_some_and(|r| r.eq_ignore_ascii_case(w.as_bytes()))
                        && ends_word(at + w.len())
                })
                .or_else(|| {
                    CUE_AGENCIES
                        .iter()
                        .find(|a| rest.starts_with(a.as_bytes()) && ends_word(at + a.len()))
                })?;
            text.get(at..at + cue.len())
        })
}

/// Words that tie a clause to a cause or motive.
const CAUSE_MARKERS: &[&str] = &[
    "because",
    "due",
    "caused",
    "causing",
    "blamed",
    "blame",
    "after",
    "following",
    "result",
    "led",
    "sparked",
    "triggered",
    "response",
    "efforts",
    "effort",
    "attempt",
    "bid",
    "behind",
    "responsible",
    "backed",
    "ordered",
    "linked",
    "over",
    "amid",
    "when",
    "since",
    "crackdown",
    "aggression",
    "campaign",
    "offensive",
    "reclaim",
    "seize",
    "retake",
    "support",
];

/// Nouns that name an actor.
const ACTOR_NOUNS: &[&str] = &[
    "government",
    "regime",
    "army",
    "military",
    "forces",
    "troops",
    "rebels",
    "militants",
    "police",
    "ministry",
    "president",
    "officials",
    "authorities",
    "leader",
    "leaders",
    "state",
    "group",
    "militia",
    "coalition",
    "administration",
    "country",
    "countries",
    "opposition",
];

/// Connectives that open a clause of cause or time.
const CLAUSE_CONNECTIVES: &[&str] = &[
    "after",
    "when",
    "because",
    "as",
    "following",
    "since",
    "due",
    "amid",
    "over",
    "with",
];

/// Auxiliaries that only change tense or voice.
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "was", "were", "is", "are", "be", "been", "being", "will", "would",
    "did", "does", "do",
];

/// Categorises one change.
pub fn categorize(change: &Change<'_>, lexicon: &Lexicon) -> Verdict {
    let base = change.base.trim();
    let other = change.other.trim();
    if base.is_empty() && other.is_empty() {
        return Verdict::neutral("Nothing changes.".to_string());
    }
    // Each side's words and scale terms, read once for all the rules below.
    let bw = words(base);
    let ow = words(other);
    if let Some(v) = form_only(base, other, &bw, &ow) {
        return v;
    }
    let base_terms = scale_terms(&bw, lexicon);
    let other_terms = scale_terms(&ow, lexicon);
    let moves = scale_moves(&base_terms, &other_terms, lexicon);
    let no_moves = moves.is_empty();

    let mut cats: Vec<String> = Vec::new();
    let mut why: Vec<String> = Vec::new();
    let mut editorial = false;
    let add = |cats: &mut Vec<String>, c: &str| {
        if !cats.iter().any(|x| x == c) {
            cats.push(c.to_string());
        }
    };

    // Scales: the same thing named more or less loaded.
    for (scale, from, to, bt, ot) in moves {
        let s = &lexicon.scales()[scale];
        add(&mut cats, &s.category);
        if to > from {
            editorial = true;
            why.push(climb_why(&s.name, &bt, &ot, change));
        } else {
            why.push(format!(
                "'{ot}' is less loaded than the base's '{bt}'; the version tones the wording down."
            ));
        }
    }

    // Names of one actor.
    for (set, bn, on_key, on) in name_moves(base, other, lexicon) {
        let names = &lexicon.names()[set];
        let pejorative = names
            .pejorative
            .iter()
            .any(|p| normalize_phrase(p) == on_key);
        let was_pejorative = names
            .pejorative
            .iter()
            .any(|p| normalize_phrase(p) == normalize_phrase(&bn));
        if pejorative && !was_pejorative {
            add(&mut cats, "pejorative_name");
            editorial = true;
            why.push(format!(
                "'{on}' is a name {}'s opponents use to belittle it, where the base calls it '{bn}'.",
                names.actor
            ));
        }
        add(&mut cats, "naming");
        if !pejorative {
            why.push(format!(
                "'{on}' and '{bn}' name the same actor ({}).",
                names.actor
            ));
        }
    }

    // Loaded wording one side has and the other lacks.
    let base_flags = editorial::flag(base, &[], lexicon);
    let other_flags = editorial::flag(other, &[], lexicon);
    let key =
        |f: &crate::report::model::EditorialFlag| (f.category.clone(), normalize_phrase(&f.text));
    let base_keys: BTreeSet<_> = base_flags.iter().map(key).collect();
    let other_keys: BTreeSet<_> = other_flags.iter().map(key).collect();
    for f in &other_flags {
        if base_keys.contains(&key(f)) || cats.contains(&f.category) {
            continue;
        }
        add(&mut cats, &f.category);
        editorial = true;
        why.push(format!(
            "The version brings in '{}' ({}): {}",
            f.text,
            f.category.replace('_', " "),
            first_sentence(&f.why)
        ));
    }
    let removed: Vec<_> = base_flags
        .iter()
        .filter(|f| !other_keys.contains(&key(f)) && !cats.contains(&f.category))
        .collect();

    // Attribution cues.
    let base_cue = cue(base, &bw, &base_terms, lexicon);
    let other_cue = cue(other, &ow, &other_terms, lexicon);
    if let (Some(bc), None) = (&base_cue, &other_cue) {
        add(&mut cats, "attribution_dropped");
        editorial = true;
        let still = if change.other_attributed {
            " (the version still credits someone else in the sentence)"
        } else {
            ""
        };
        why.push(format!(
            "The base ties this to a source with '{bc}' and the version drops it, so the claim reads as the outlet's own{still}."
        ));
    } else if let (None, Some(oc)) = (&base_cue, &other_cue) {
        if no_moves {
            add(&mut cats, "attribution_added");
            why.push(format!(
                "The version adds the credit '{oc}', telling the reader where the words came from."
            ));
        }
    }

    // Clauses.
    if other.is_empty() {
        let role = names_role_or_cause(base);
        if !cats.iter().any(|c| c == "attribution_dropped") {
            add(&mut cats, "omission");
            if role {
                editorial = true;
                why.push(format!(
                    "The version drops '{}', which names an actor's role or a cause, so the reader no longer learns it.",
                    excerpt(base)
                ));
            } else {
                why.push(format!(
                    "The version trims '{}'; it names no actor's role or cause, so the slant does not change.",
                    excerpt(base)
                ));
            }
        }
    } else if base.is_empty() {
        if !cats.iter().any(|c| c == "attribution_added") {
            add(&mut cats, "addition");
            if !editorial {
                why.push(format!(
                    "The version adds '{}', with no loaded wording.",
                    excerpt(other)
                ));
            }
        }
    } else if bw.len() >= 3
        && ow.len() >= 3
        && is_cause_clause(&bw)
        && is_cause_clause(&ow)
        && overlap(&bw, &ow) < 0.3
    {
        add(&mut cats, "causal_framing");
        let lost = actors_lost(base, other);
        if lost.is_empty() && !editorial {
            why.push(format!(
                "The version gives another account of the cause ('{}' for '{}').",
                excerpt(other),
                excerpt(base)
            ));
        } else {
            editorial = true;
            let lost = if lost.is_empty() {
                String::new()
            } else {
                format!(" and no longer names {}", lost.join(", "))
            };
            why.insert(
                0,
                format!(
                    "The version replaces the base's cause '{}' with '{}'{lost}, telling a different story of who is to blame.",
                    excerpt(base),
                    excerpt(other)
                ),
            );
        }
    } else if ow.iter().all(|w| bw.contains(w)) && bw.len() > ow.len() {
        // The version keeps a part of the base's words.
        let dropped: Vec<&str> = base
            .split_whitespace()
            .filter(|w| !ow.contains(&normalize_phrase(w)))
            .collect();
        let dropped = dropped.join(" ");
        if names_role_or_cause(&dropped) && !cats.iter().any(|c| c == "attribution_dropped") {
            add(&mut cats, "omission");
            editorial = true;
            why.push(format!(
                "The version drops '{}', which names an actor's role or a cause.",
                excerpt(&dropped)
            ));
        }
    }

    if cats.is_empty() || (!editorial && !removed.is_empty() && why.is_empty()) {
        if let Some(f) = removed.first() {
            return Verdict {
                categories: vec![f.category.clone()],
                editorial: false,
                why: format!(
                    "The version drops the base's '{}' ({}), which makes its wording less loaded.",
                    f.text,
                    f.category.replace('_', " ")
                ),
            };
        }
        return Verdict::neutral(format!(
            "No loaded wording on either side ('{}' for '{}'); the change reads as a rewording, but check names and figures by eye.",
            excerpt(other),
            excerpt(base)
        ));
    }
    Verdict {
        categories: cats,
        editorial,
        why: why.join(" "),
    }
}

/// Changes of form only: dateline, case, punctuation, spelling, tense.
/// `bw` and `ow` are the [`words`] of `base` and `other`.
fn form_only<'a>(base: &str, other: &str, bw: &'a [String], ow: &'a [String]) -> Option<Verdict> {
    if opens_with_dateline(base) && opens_with_dateline(other) {
        return Some(Verdict::neutral(format!(
            "The dateline changes from '{base}' to '{other}' with the republishing outlet; that is copy metadata, not wording."
        )));
    }
    if bw.is_empty() && ow.is_empty() {
        return Some(Verdict::neutral("Only punctuation changes.".to_string()));
    }
    if bw == ow {
        return Some(Verdict::neutral(format!(
            "Only letter case or punctuation changes ('{}' for '{}').",
            excerpt(other),
            excerpt(base)
        )));
    }
    // Equal words need no folding to compare equal.
    if bw.len() == ow.len()
        && bw
            .iter()
            .zip(ow)
            .all(|(a, b)| a == b || spelling(a) == spelling(b))
    {
        return Some(Verdict::neutral(format!(
            "'{}' and '{}' are British and American spellings of the same word.",
            excerpt(base),
            excerpt(other)
        )));
    }
    // The content words (auxiliaries aside) of both sides agree once folded and stemmed:
    // compared pair by pair, stopping at the first that differs, and without folding a pair of
    // equal words.
    let content = |w: &'a [String]| w.iter().filter(|x| !AUXILIARIES.contains(&x.as_str()));
    let same_content = || {
        let (mut b, mut o) = (content(bw), content(ow));
        loop {
            match (b.next(), o.next()) {
                (None, None) => return true,
                (Some(x), Some(y)) if x == y || stem(&spelling(x)) == stem(&spelling(y)) => {}
                _ => return false,
            }
        }
    };
    if !bw.is_empty() && !ow.is_empty() && same_content() {
        return Some(Verdict::neutral(format!(
            "Only tense or word form changes ('{}' for '{}').",
            excerpt(other),
            excerpt(base)
        )));
    }
    None
}

/// British endings and their American forms, folded in this order (`our` anywhere in a word).
const BRITISH_ENDINGS: &[(&str, &str)] = &[
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("our", "or"),
    ("lled", "led"),
    ("lling", "ling"),
    ("tre", "ter"),
    ("ogue", "og"),
    ("ence", "ense"),
];

/// British spellings folded to American ones. Most words hold none of the British forms and are
/// their own folding: they are borrowed, and only the others go through [`fold_british`].
fn spelling(w: &str) -> Cow<'_, str> {
    let british = w.contains("our")
        || w.ends_with("ise")
        || BRITISH_ENDINGS.iter().any(|(from, _)| w.ends_with(from));
    if british {
        Cow::Owned(fold_british(w))
    } else {
        Cow::Borrowed(w)
    }
}

/// Folds the [`BRITISH_ENDINGS`] of `w` one after the other, then a final `ise` of a long word.
fn fold_british(w: &str) -> String {
    let mut s = w.to_string();
    for &(from, to) in BRITISH_ENDINGS {
        if s.ends_with(from) || (from == "our" && s.contains("our")) {
            if from == "our" {
                s = s.replace("our", "or");
            } else {
                let cut = s.len() - from.len();
                s = format!("{}{to}", &s[..cut]);
            }
        }
    }
    if s.ends_with("ise") && s.len() > 5 {
        let cut = s.len() - 3;
        s = format!("{}ize", &s[..cut]);
    }
    s
}

/// `w` without an inflection (`ing`, `ed`, `es`, `s`) when at least four letters are left.
fn stem(w: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        if w.len() > suffix.len() + 3 && w.ends_with(suffix) {
            return &w[..w.len() - suffix.len()];
        }
    }
    w
}

/// Scale terms found in a text, given as its [`words`]: (scale, level, term).
fn scale_terms(ws: &[String], lexicon: &Lexicon) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    // A phrase of `n` of these words normalises to `n` words (each starts and ends with a letter
    // or digit), so none longer than the longest scale word can be on a scale.
    let longest = lexicon.scale_max_words().min(4);
    let mut phrase = String::new();
    let mut i = 0;
    while i < ws.len() {
        let mut matched = 0;
        for n in (1..=longest).rev() {
            if i + n > ws.len() {
                continue;
            }
            phrase.clear();
            for (k, w) in ws[i..i + n].iter().enumerate() {
                if k > 0 {
                    phrase.push(' ');
                }
                phrase.push_str(w);
            }
            // Words are lower case and trimmed already: an ASCII phrase of them is its own
            // normal form.
            let levels = if phrase.is_ascii() {
                lexicon.scale_levels_of_normalized(&phrase)
            } else {
                lexicon.scale_levels_of_normalized(&normalize_phrase(&phrase))
            };
            if !levels.is_empty() {
                for &(s, l) in levels {
                    out.push((s, l, phrase.clone()));
                }
                matched = n;
                break;
            }
        }
        i += matched.max(1);
    }
    out
}

/// Moves along a scale: (scale, base level, other level, base term, other term), one per scale
/// present on both sides, taking the most loaded term of each side; `b` and `o` are the
/// [`scale_terms`] of the two sides.
fn scale_moves(
    b: &[(usize, usize, String)],
    o: &[(usize, usize, String)],
    lexicon: &Lexicon,
) -> Vec<(usize, usize, usize, String, String)> {
    let mut out = Vec::new();
    for s in 0..lexicon.scales().len() {
        let top = |v: &[(usize, usize, String)]| {
            v.iter()
                .filter(|t| t.0 == s)
                .max_by_key(|t| t.1)
                .map(|t| (t.1, t.2.clone()))
        };
        if let (Some((bl, bt)), Some((ol, ot))) = (top(b), top(o)) {
            if bl != ol {
                out.push((s, bl, ol, bt, ot));
            }
        }
    }
    out
}

fn climb_why(scale: &str, bw: &str, ow: &str, change: &Change<'_>) -> String {
    if scale == "report verb" {
        let ow = normalize_phrase(ow);
        let who = change
            .other_cell
            .split_whitespace()
            .take_while(|w| !same_normal_form(w, &ow))
            .last()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .map(|w| format!("{}'s", w.trim_matches(|c: char| !c.is_alphanumeric())))
            .unwrap_or_else(|| "the speaker's".to_string());
        format!("'{ow}' casts doubt on {who} statement where the base has '{bw}'.")
    } else {
        format!("'{ow}' is a more loaded word than the base's '{bw}' for the same {scale}.")
    }
}

/// Is `normalized` the [`normalize_phrase`] of `word` (which holds no white space)? Without
/// allocating when `word` is ASCII: its normal form is then its lower case trimmed of what is not
/// an ASCII letter or digit at either end, and a normal form holds no capitals.
fn same_normal_form(word: &str, normalized: &str) -> bool {
    if word.is_ascii() {
        word.trim_matches(|c: char| !c.is_ascii_alphanumeric())
            .eq_ignore_ascii_case(normalized)
            && !normalized.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        normalize_phrase(word) == normalized
    }
}

/// Names of one actor found in a text: (name set, normalised name, name as written).
fn names_in(text: &str, lexicon: &Lexicon) -> Vec<(usize, String, String)> {
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | ':'))
        .filter(|t| !t.is_empty())
        .collect();
    // An ASCII text's phrases are normalised without allocating: the normal form of tokens
    // joined by single spaces is their lower case, joined, trimmed of what is not a letter or
    // digit at either end (the tokens hold no whitespace, so no space needs squeezing).
    let ascii = text.is_ascii();
    let lower: Vec<String> = if ascii {
        tokens.iter().map(|t| t.to_ascii_lowercase()).collect()
    } else {
        Vec::new()
    };
    let mut buf = String::new();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if ascii && !may_open_ascii_name(&lower[i], lexicon) {
            i += 1;
            continue;
        }
        let mut matched = 0;
        'n: for n in (1..=6usize).rev() {
            if i + n > tokens.len() {
                continue;
            }
            let normalized;
            let phrase: &str = if ascii {
                buf.clear();
                for (k, t) in lower[i..i + n].iter().enumerate() {
                    if k > 0 {
                        buf.push(' ');
                    }
                    buf.push_str(t);
                }
                buf.trim_matches(|c: char| !c.is_ascii_alphanumeric())
            } else {
                normalized = normalize_phrase(&tokens[i..i + n].join(" "));
                &normalized
            };
            for &s in lexicon.name_sets(phrase) {
                let written = tokens[i..i + n].join(" ");
                // Short names ("IS", "US") only in capitals, so "is" and "us" stay words.
                let short = !phrase.contains(' ') && phrase.len() <= 4;
                let trimmed = written.trim_matches(|c: char| !c.is_alphanumeric());
                if short && trimmed != trimmed.to_uppercase() && phrase != "daesh" {
                    continue;
                }
                out.push((s, phrase.to_string(), trimmed.to_string()));
                matched = n;
                break 'n;
            }
        }
        i += matched.max(1);
    }
    out
}

/// Can a phrase of ASCII tokens that opens with `lower` (a token's lower case) be a name of the
/// lexicon, as [`names_in`] normalises it? Its normal form opens with the token trimmed at the
/// start, up to the first space, or is the token trimmed at both ends when the tokens after it
/// trim away; a name's normal form opens with one of [`Lexicon::may_open_name`]'s words. A token
/// with no letter or digit is trimmed away itself and is let through.
fn may_open_ascii_name(lower: &str, lexicon: &Lexicon) -> bool {
    let start = lower.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
    let both = start.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
    start.is_empty() || lexicon.may_open_name(start) || lexicon.may_open_name(both)
}

/// (name set, base name as written, other name normalised, other name as written) for each
/// set named differently on the two sides.
fn name_moves(base: &str, other: &str, lexicon: &Lexicon) -> Vec<(usize, String, String, String)> {
    let b = names_in(base, lexicon);
    let o = names_in(other, lexicon);
    let mut out: Vec<(usize, String, String, String)> = Vec::new();
    for (s, on, written) in &o {
        let base_names: Vec<&(usize, String, String)> = b.iter().filter(|x| x.0 == *s).collect();
        if base_names.is_empty() || base_names.iter().any(|x| x.1 == *on) {
            continue;
        }
        if !out.iter().any(|x| x.0 == *s && x.2 == *on) {
            out.push((*s, base_names[0].2.clone(), on.clone(), written.clone()));
        }
    }
    // A pejorative name first, so its sentence leads the explanation.
    out.sort_by_key(|(s, _, on, _)| {
        !lexicon.names()[*s]
            .pejorative
            .iter()
            .any(|p| normalize_phrase(p) == *on)
    });
    out
}

/// The first credit to a speaker or source in a text: a cue ("said", "according to", an agency)
/// or any word of a report-verb scale. `ws` and `terms` are the text's [`words`] and
/// [`scale_terms`].
fn cue(
    text: &str,
    ws: &[String],
    terms: &[(usize, usize, String)],
    lexicon: &Lexicon,
) -> Option<String> {
    if let Some(m) = find_cue(text) {
        return Some(m.to_string());
    }
    // A report verb after a form of "be" is a passive ("was linked to"), not a credit.
    let passive = |term: &str| {
        ws.windows(2).any(|w| {
            matches!(
                w[0].as_str(),
                "is" | "are" | "was" | "were" | "be" | "been" | "being"
            ) && w[1] == term.split(' ').next().unwrap_or("")
        })
    };
    terms
        .iter()
        .find(|(s, _, term)| lexicon.scales()[*s].category == "report_verb" && !passive(term))
        .map(|(_, _, term)| term.clone())
}

fn is_cause_clause(ws: &[String]) -> bool {
    ws.first()
        .is_some_and(|w| CLAUSE_CONNECTIVES.contains(&w.as_str()))
        || ws.iter().any(|w| {
            matches!(
                w.as_str(),
                "because" | "caused" | "sparked" | "triggered" | "blamed"
            )
        })
}

fn overlap(a: &[String], b: &[String]) -> f32 {
    let shared = b.iter().filter(|w| w.len() > 3 && a.contains(w)).count();
    let long = b.iter().filter(|w| w.len() > 3).count().max(1);
    shared as f32 / long as f32
}

/// True when a stretch of words names an actor together with a role, action or cause.
fn names_role_or_cause(text: &str) -> bool {
    let ws = words(text);
    let marker = ws.iter().any(|w| CAUSE_MARKERS.contains(&w.as_str()));
    let causal = ws.iter().any(|w| {
        matches!(
            w.as_str(),
            "because" | "caused" | "blamed" | "sparked" | "triggered"
        )
    });
    let actor = ws
        .iter()
        .any(|w| ACTOR_NOUNS.contains(&w.as_str()) || w.ends_with("'s"))
        || text
            .split_whitespace()
            .skip(1)
            .any(|w| w.chars().next().is_some_and(char::is_uppercase));
    causal || (actor && marker)
}

/// Capitalised names of the base that the version no longer mentions.
fn actors_lost(base: &str, other: &str) -> Vec<String> {
    let other_l = other.to_lowercase();
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut Vec<String>| {
        if !run.is_empty() {
            let name = run.join(" ");
            let last = run.last().map(|w| w.to_lowercase()).unwrap_or_default();
            if !other_l.contains(&last) {
                out.push(name);
            }
            run.clear();
        }
    };
    for (i, w) in base.split_whitespace().enumerate() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        let particle = !run.is_empty()
            && ["al-", "el-", "bin", "ibn", "de", "van", "von"]
                .iter()
                .any(|p| w.starts_with(p));
        if i > 0 && (particle || w.chars().next().is_some_and(char::is_uppercase)) {
            run.push(w);
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn excerpt(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() <= WHY_EXCERPT_CHARS {
        return s.to_string();
    }
    let cut: String = s.chars().take(WHY_EXCERPT_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}\u{2026}")
}

fn first_sentence(s: &str) -> &str {
    match s.find(". ") {
        Some(i) => &s[..=i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_spellings() {
        for (a, b) in [
            ("finalised", "finalized"),
            ("colour", "color"),
            ("organisation", "organization"),
            ("travelled", "traveled"),
            ("centre", "center"),
            ("defence", "defense"),
        ] {
            assert_eq!(spelling(a), spelling(b), "{a} {b}");
        }
        assert_ne!(spelling("rebels"), spelling("militants"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5_000))]
        #[test]
        fn words_without_british_forms_fold_to_themselves(
            picks in proptest::collection::vec(0..SPELLING_PIECES.len(), 0..5)
        ) {
            let w: String = picks.iter().map(|&p| SPELLING_PIECES[p]).collect();
            let (got, want) = (spelling(&w), fold_british(&w));
            proptest::prop_assert_eq!(got.as_ref(), want.as_str(), "{:?}", w);
        }
    }

    /// Word parts for [`words_without_british_forms_fold_to_themselves`]: every British ending,
    /// the parts they are made of, and stems.
    const SPELLING_PIECES: &[&str] = &[
        "organ", "real", "colour", "centre", "defence", "travel", "analyse", "dialogue", "isation",
        "ising", "ised", "ises", "yse", "ysed", "our", "lled", "lling", "tre", "ogue", "ence",
        "ise", "is", "ed", "s", "y", "l", "o", "u", "r", "t", "e", "ing", "ize",
    ];

    /// [`names_in`] as it was first written, looking every phrase up: the pruned search must
    /// find the same names.
    fn names_by_every_phrase(text: &str, lexicon: &Lexicon) -> Vec<(usize, String, String)> {
        let tokens: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | ':'))
            .filter(|t| !t.is_empty())
            .collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let mut matched = 0;
            'n: for n in (1..=6usize).rev() {
                if i + n > tokens.len() {
                    continue;
                }
                let phrase = normalize_phrase(&tokens[i..i + n].join(" "));
                for &s in lexicon.name_sets(&phrase) {
                    let written = tokens[i..i + n].join(" ");
                    let short = !phrase.contains(' ') && phrase.len() <= 4;
                    let trimmed = written.trim_matches(|c: char| !c.is_alphanumeric());
                    if short && trimmed != trimmed.to_uppercase() && phrase != "daesh" {
                        continue;
                    }
                    out.push((s, phrase.clone(), trimmed.to_string()));
                    matched = n;
                    break 'n;
                }
            }
            i += matched.max(1);
        }
        out
    }

    static TEST_LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::builtin);

    /// Pieces of changed wording for the proptests below: names of actors (whole and in part),
    /// cues and agencies, dateline capitals, in several letter cases, with the marks around them.
    const CHANGE_PIECES: &[&str] = &[
        "Islamic State",
        "Islamic",
        "State",
        "ISIL",
        "IS",
        "is",
        "Daesh",
        "daesh",
        "al-Qaeda",
        "Kurdish",
        "YPG",
        "PKK",
        "Assad",
        "regime",
        "said",
        "SAID",
        "says",
        "according to",
        "according",
        "to",
        "in a statement",
        "statement said",
        "AFP",
        "afp",
        "Reuters",
        "RIA Novosti",
        "GENEVA",
        "NEW YORK",
        "U.S.",
        "O'NEILL",
        "A",
        "rebels",
        "told_",
        "2016",
        " ",
        "  ",
        "\t",
        "\x0b",
        "\x1c",
        ", ",
        ": ",
        "(",
        ")",
        "-",
        "--",
        ".",
        "'",
        "\"",
    ];

    fn change_text(picks: &[usize]) -> String {
        picks.iter().map(|&p| CHANGE_PIECES[p]).collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3_000))]
        #[test]
        fn pruned_names_are_the_names_of_every_phrase(
            picks in proptest::collection::vec(0..CHANGE_PIECES.len(), 0..14)
        ) {
            let text = change_text(&picks);
            proptest::prop_assert_eq!(
                names_in(&text, &TEST_LEXICON),
                names_by_every_phrase(&text, &TEST_LEXICON),
                "{:?}", text
            );
        }

        #[test]
        fn cues_are_found_as_the_regex_finds_them(
            picks in proptest::collection::vec(0..CHANGE_PIECES.len(), 0..14)
        ) {
            let text = change_text(&picks);
            let regex = CUE.as_ref().expect("compiles");
            proptest::prop_assert_eq!(
                find_cue(&text),
                regex.find(&text).map(|m| m.as_str()),
                "{:?}", text
            );
        }

        #[test]
        fn datelines_open_texts_as_the_regex_tells(
            picks in proptest::collection::vec(0..CHANGE_PIECES.len(), 0..8)
        ) {
            let text = change_text(&picks);
            let regex = DATELINE.as_ref().expect("compiles");
            proptest::prop_assert_eq!(
                opens_with_dateline(&text),
                regex.is_match(&text),
                "{:?}", text
            );
        }
    }

    #[test]
    fn names_cues_and_datelines_of_wire_changes() {
        let names = |t: &str| -> Vec<String> {
            names_in(t, &TEST_LEXICON)
                .into_iter()
                .map(|(_, _, written)| written)
                .collect()
        };
        assert_eq!(names("(Islamic State) fighters"), ["Islamic State"]);
        assert_eq!(names("what is left of IS"), ["IS"]);
        assert_eq!(find_cue("officials told AFP"), Some("told"));
        assert_eq!(find_cue("the afp reported"), Some("reported"));
        assert_eq!(find_cue("stated_ goals"), None);
        assert!(opens_with_dateline("GENEVA (AFP) -"));
        assert!(opens_with_dateline("NEW YORK \t-"));
        assert!(!opens_with_dateline("Geneva -"));
        assert!(!opens_with_dateline("GENEVA"));
    }
}
