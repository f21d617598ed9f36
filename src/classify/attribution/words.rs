//! Word lists (compiled in from `data/attribution/`) and the tokenizer attribution works on.

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

const REPORT_VERBS: &str = include_str!("../../../data/attribution/report_verbs.txt");
const AGENCIES: &str = include_str!("../../../data/attribution/agencies.txt");
const SOURCE_NOUNS: &str = include_str!("../../../data/attribution/source_nouns.txt");
const SPEAKERS: &str = include_str!("../../../data/attribution/speakers.txt");
const ACTORS: &str = include_str!("../../../data/attribution/actors.txt");

/// What a reporting verb needs around it to count as a cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VerbClass {
    /// True for verbs of documents and findings (`found`, `showed`).
    pub source: bool,
    /// Words of which one must follow in the clause (`as` for `sees X as`); empty when none.
    pub needs: Vec<String>,
}

/// A filter in front of a set of words, asked about every word of every sentence: a bit for
/// the shape of each word in the set (its first and last bytes, five bits of each, and its
/// length in bytes modulo 16). Equal words have equal shapes, so a word whose bit is clear is
/// surely not in the set; most words (two in three or more) fail it and skip the hash lookup.
struct Shapes(Box<[u16; 1024]>);

impl Shapes {
    /// The slot and bit of `word`'s shape.
    fn of(word: &str) -> (usize, u16) {
        let b = word.as_bytes();
        let (first, last) = (
            b.first().copied().unwrap_or(0),
            b.last().copied().unwrap_or(0),
        );
        let slot = usize::from(first & 31) << 5 | usize::from(last & 31);
        (slot, 1 << (b.len() % 16))
    }

    /// The shapes of `words`.
    fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> Shapes {
        let mut bits = Box::new([0u16; 1024]);
        for word in words {
            let (slot, bit) = Shapes::of(word);
            bits[slot] |= bit;
        }
        Shapes(bits)
    }

    /// False when `word` is surely none of the words.
    #[inline]
    fn may_hold(&self, word: &str) -> bool {
        let (slot, bit) = Shapes::of(word);
        self.0[slot] & bit != 0
    }
}

/// A set of lower-case words behind its [`Shapes`].
struct WordSet {
    shapes: Shapes,
    words: FxHashSet<String>,
}

impl WordSet {
    fn new(words: FxHashSet<String>) -> WordSet {
        WordSet {
            shapes: Shapes::new(words.iter().map(String::as_str)),
            words,
        }
    }

    #[inline]
    fn contains(&self, word: &str) -> bool {
        self.shapes.may_hold(word) && self.holds(word)
    }

    /// The hash lookup behind [`WordSet::contains`]'s filter, out of line so that the filter
    /// inlines into the loops over tokens.
    #[inline(never)]
    fn holds(&self, word: &str) -> bool {
        self.words.contains(word)
    }
}

/// The compiled word lists.
pub(crate) struct Lists {
    verbs: FxHashMap<String, VerbClass>,
    /// The shapes of the verb forms, in front of `verbs`.
    verb_shapes: Shapes,
    agencies: Phrases,
    source_nouns: WordSet,
    speakers: WordSet,
    actors: Phrases,
}

/// One word of a listed phrase, compiled for matching against a token.
struct PhraseWord {
    /// Matched against the token as written (an all-capitals word such as `AFP`); otherwise
    /// against the token's lower case.
    exact: bool,
    /// The word as listed (`exact`) or lower-cased.
    word: String,
}

/// Multi-word names, longest first, indexed by the lower case a token must have to start one.
struct Phrases {
    list: Vec<Vec<PhraseWord>>,
    /// Lower-case first token → indexes into `list`, in list order.
    by_first: FxHashMap<String, Vec<usize>>,
    /// The shapes of the keys of `by_first`, in front of it.
    first_shapes: Shapes,
}

/// Lines of a data file without comments and blank lines.
fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn phrases(text: &str) -> Phrases {
    let mut out: Vec<Vec<String>> = entries(text)
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect();
    // Longest first, so "Associated Press" wins over a shorter entry at the same place.
    out.sort_by_key(|p: &Vec<String>| std::cmp::Reverse(p.len()));
    let list: Vec<Vec<PhraseWord>> = out
        .into_iter()
        .map(|p| {
            p.into_iter()
                .map(|w| {
                    let exact = w.chars().all(|c| !c.is_lowercase()) && w.len() > 1;
                    let word = if exact { w } else { w.to_lowercase() };
                    PhraseWord { exact, word }
                })
                .collect()
        })
        .collect();
    let mut by_first: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, p) in list.iter().enumerate() {
        let Some(first) = p.first() else { continue };
        // The lower case of a token that can match the first word (see `Tok::lower`).
        let key = if first.exact {
            first.word.to_lowercase().replace('\u{2019}', "'")
        } else {
            first.word.clone()
        };
        by_first.entry(key).or_default().push(i);
    }
    Phrases {
        list,
        first_shapes: Shapes::new(by_first.keys().map(String::as_str)),
        by_first,
    }
}

pub(crate) static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let mut verbs = FxHashMap::default();
    for line in entries(REPORT_VERBS) {
        let mut parts = line.split_whitespace();
        let Some(class) = parts.next() else { continue };
        let (kind, needs) = class.split_once('+').unwrap_or((class, ""));
        let vc = VerbClass {
            source: kind == "source",
            needs: needs
                .split('|')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect(),
        };
        for form in parts {
            verbs.entry(form.to_string()).or_insert_with(|| vc.clone());
        }
    }
    Lists {
        verb_shapes: Shapes::new(verbs.keys().map(String::as_str)),
        verbs,
        agencies: phrases(AGENCIES),
        source_nouns: WordSet::new(entries(SOURCE_NOUNS).map(str::to_lowercase).collect()),
        speakers: WordSet::new(entries(SPEAKERS).map(str::to_lowercase).collect()),
        actors: phrases(ACTORS),
    }
});

impl Lists {
    /// The class of a reporting verb form (lower case), if it is one.
    #[inline]
    pub fn verb(&self, lower: &str) -> Option<&VerbClass> {
        if !self.verb_shapes.may_hold(lower) {
            return None;
        }
        self.verb_lookup(lower)
    }

    /// The hash lookup behind [`Lists::verb`]'s filter, out of line so that the filter
    /// inlines into the loops over every token.
    #[inline(never)]
    fn verb_lookup(&self, lower: &str) -> Option<&VerbClass> {
        self.verbs.get(lower)
    }

    /// How many distinct verb forms the list holds.
    #[cfg(test)]
    pub fn verb_forms(&self) -> usize {
        self.verbs.len()
    }

    /// A document or monitor noun.
    #[inline]
    pub fn is_source_noun(&self, lower: &str) -> bool {
        self.source_nouns.contains(lower)
    }

    /// A title, role or institution noun.
    #[inline]
    pub fn is_speaker_noun(&self, lower: &str) -> bool {
        self.speakers.contains(lower)
    }

    /// Length in tokens of an agency name starting at `toks[at]`, if one does.
    pub fn agency_at(&self, toks: &[Tok], at: usize) -> Option<usize> {
        self.agencies.at(toks, at)
    }

    /// Length in tokens of a country, capital or organisation name starting at `toks[at]`.
    pub fn actor_at(&self, toks: &[Tok], at: usize) -> Option<usize> {
        self.actors.at(toks, at)
    }
}

impl Phrases {
    /// Length in tokens of the first (longest) listed phrase starting at `toks[at]`.
    fn at(&self, toks: &[Tok], at: usize) -> Option<usize> {
        let rest = toks.get(at..)?;
        let first = rest.first()?;
        if !self.first_shapes.may_hold(&first.lower) {
            return None;
        }
        let candidates = self.by_first.get(first.lower.as_ref())?;
        candidates
            .iter()
            .map(|&i| &self.list[i])
            .find(|p| {
                p.len() <= rest.len()
                    && p.iter().zip(rest).all(|(w, t)| {
                        if w.exact {
                            t.text == w.word
                        } else {
                            t.lower == w.word
                        }
                    })
            })
            .map(Vec::len)
    }
}

/// One token of a sentence: a word, or one punctuation character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tok<'a> {
    /// The token as written.
    pub text: &'a str,
    /// Lower case, with curly apostrophes made straight (borrowed when that is the text).
    pub lower: Cow<'a, str>,
    /// First character (Unicode scalar offset in the sentence).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// True for words (letters or digits), false for punctuation.
    pub word: bool,
}

impl Tok<'_> {
    /// Starts with a capital letter.
    pub fn capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// A possessive such as `Washington's`.
    pub fn possessive(&self) -> bool {
        self.lower.ends_with("'s") && self.lower.len() > 2
    }

    /// The word without a possessive ending.
    pub fn stem(&self) -> &str {
        self.lower.strip_suffix("'s").unwrap_or(&self.lower)
    }
}

fn joins(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' | '.' | '&'
    )
}

/// Lower case with curly apostrophes made straight; borrowed when nothing changes.
fn lower_form(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        }
    } else if text.chars().all(|c| {
        // A char whose lower case is itself; `str::to_lowercase` then keeps the whole text
        // (its one context rule, for the final sigma, applies to a capital sigma only).
        let mut l = c.to_lowercase();
        c != '\u{2019}' && l.next() == Some(c) && l.next().is_none()
    }) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_lowercase().replace('\u{2019}', "'"))
    }
}

/// Splits a sentence into tokens with character offsets. Apostrophes, hyphens and dots between
/// letters stay inside a word. `chars` are the chars of `text`.
///
/// `Syria's al-Assad said.` → `Syria's`, `al-Assad`, `said`, `.`
pub(crate) fn tokenize<'a>(text: &'a str, chars: &[char]) -> Vec<Tok<'a>> {
    debug_assert_eq!(text.chars().count(), chars.len());
    if text.is_ascii() {
        return tokenize_ascii(text, None);
    }
    let mut out = Vec::with_capacity(chars.len() / 4 + 1);
    let mut i = 0;
    // Byte offset of chars[i] in text.
    let mut byte = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            byte += c.len_utf8();
            i += 1;
            continue;
        }
        let start = i;
        let start_byte = byte;
        if c.is_alphanumeric() {
            while i < chars.len()
                && (chars[i].is_alphanumeric()
                    || (joins(chars[i])
                        && i + 1 < chars.len()
                        && chars[i + 1].is_alphanumeric()
                        && i > start))
            {
                byte += chars[i].len_utf8();
                i += 1;
            }
        } else {
            byte += c.len_utf8();
            i += 1;
        }
        let Some(text) = text.get(start_byte..byte) else {
            break;
        };
        out.push(Tok {
            word: c.is_alphanumeric(),
            text,
            lower: lower_form(text),
            start,
            end: i,
        });
    }
    out
}

/// [`tokenize`], with `lowered` the ASCII lower case of `text` when `text` is ASCII: the lower
/// case of every token with a capital is then borrowed from it, rather than allocated apiece.
pub(crate) fn tokenize_lowered<'a>(
    text: &'a str,
    chars: &[char],
    lowered: &'a str,
) -> Vec<Tok<'a>> {
    if text.is_ascii() && lowered.len() == text.len() {
        return tokenize_ascii(text, Some(lowered));
    }
    tokenize(text, chars)
}

/// Byte classes for [`tokenize_ascii`], one table lookup per byte.
const ALNUM: u8 = 1;
const UPPER: u8 = 2;
const JOIN: u8 = 4;
const SPACE: u8 = 8;

/// The classes of every byte: ASCII letters and digits, capitals, the marks that join two
/// word parts (`'`, `-`, `.`, `&`) and ASCII white space.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            ALNUM | UPPER
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else if matches!(c, b'\'' | b'-' | b'.' | b'&') {
            JOIN
        } else if matches!(c, b' ' | b'\t'..=b'\r') {
            SPACE
        } else {
            0
        };
        b += 1;
    }
    t
};

/// [`tokenize`] for an ASCII text, where chars are bytes: the same rules on bytes
/// (`char::is_whitespace` and `char::is_alphanumeric` agree with these byte tests on ASCII).
/// `lowered`, when given, is the ASCII lower case of `text`.
fn tokenize_ascii<'a>(text: &'a str, lowered: Option<&'a str>) -> Vec<Tok<'a>> {
    let bytes = text.as_bytes();
    let class = |b: u8| BYTE_CLASS[usize::from(b)];
    let n = bytes.len();
    let mut out = Vec::with_capacity(n / 4 + 1);
    let mut i = 0;
    while i < n {
        let k = class(bytes[i]);
        if k & SPACE != 0 {
            i += 1;
            continue;
        }
        let start = i;
        let word = k & ALNUM != 0;
        // The classes of the token's bytes together: whether it has a capital is noted on the
        // way ([`lower_form`] without its scan).
        let mut seen = k;
        i += 1;
        if word {
            while i < n {
                let k = class(bytes[i]);
                if k & ALNUM == 0
                    && !(k & JOIN != 0 && i + 1 < n && class(bytes[i + 1]) & ALNUM != 0)
                {
                    break;
                }
                seen |= k;
                i += 1;
            }
        }
        let upper = seen & UPPER;
        let Some(text) = text.get(start..i) else {
            break;
        };
        // The lowered copy is sliced only for a token with a capital (one in five or so).
        let lower = if upper == 0 {
            Cow::Borrowed(text)
        } else {
            match lowered.and_then(|l| l.get(start..i)) {
                Some(l) => Cow::Borrowed(l),
                None => Cow::Owned(text.to_ascii_lowercase()),
            }
        };
        out.push(Tok {
            word,
            text,
            lower,
            start,
            end: i,
        });
    }
    out
}

/// Words that end a noun phrase: function words, conjunctions and prepositions.
pub(crate) fn is_function_word(lower: &str) -> bool {
    matches!(
        lower,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "so"
            | "yet"
            | "as"
            | "at"
            | "by"
            | "for"
            | "from"
            | "in"
            | "into"
            | "of"
            | "on"
            | "onto"
            | "to"
            | "with"
            | "without"
            | "after"
            | "before"
            | "since"
            | "until"
            | "while"
            | "when"
            | "where"
            | "whereas"
            | "although"
            | "though"
            | "because"
            | "if"
            | "unless"
            | "that"
            | "this"
            | "these"
            | "those"
            | "there"
            | "here"
            | "however"
            | "meanwhile"
            | "also"
            | "still"
            | "then"
            | "now"
            | "not"
            | "no"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "should"
            | "shall"
            | "do"
            | "does"
            | "did"
            | "what"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "why"
            | "how"
            | "about"
            | "against"
            | "among"
            | "amid"
            | "during"
            | "over"
            | "under"
            | "between"
            | "across"
            | "through"
            | "alongside"
            | "despite"
            | "instead"
            | "such"
            | "many"
            | "more"
            | "most"
            | "some"
            | "any"
            | "all"
            | "both"
            | "each"
            | "every"
            | "other"
            | "another"
            | "it"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "my"
            | "your"
            | "we"
            | "i"
            | "you"
            | "he"
            | "she"
            | "they"
            | "them"
            | "him"
    )
}

/// Days, months and parts of a day, which may sit between a speaker and the cue.
pub(crate) fn is_time_word(lower: &str) -> bool {
    matches!(
        lower,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "week"
            | "weekend"
            | "month"
            | "year"
            | "day"
            | "night"
            | "morning"
            | "evening"
            | "afternoon"
            | "today"
            | "yesterday"
            | "tonight"
            | "earlier"
            | "later"
            | "last"
            | "this"
            | "late"
            | "early"
            | "previously"
            | "recently"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        tokenize(s, &chars)
            .into_iter()
            .map(|t| t.text.to_string())
            .collect()
    }

    #[test]
    fn tokenize_keeps_apostrophes_hyphens_and_dots_inside_words() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Syria's al-Assad said.",
                &["Syria's", "al-Assad", "said", "."],
            ),
            ("the U.S. envoy", &["the", "U.S", ".", "envoy"]),
            (
                "\u{201c}Yes,\u{201d} he said",
                &["\u{201c}", "Yes", ",", "\u{201d}", "he", "said"],
            ),
            ("rebels' positions", &["rebels", "'", "positions"]),
            ("", &[]),
        ];
        for (input, want) in cases {
            assert_eq!(words(input), *want, "{input}");
        }
    }

    #[test]
    fn the_ascii_path_tokenizes_as_the_char_path() {
        // The char path, forced by a trailing non-ASCII char that is its own token.
        for text in [
            "Syria's al-Assad said. the U.S. envoy, AT&T's 3.5-point gain",
            "rebels' positions -- 'x' \"quoted,\" he said;\tnew\x0bline\x0c\r\n end-",
            ".-'a b.c d'-e &f& 12,000 x..y",
            "",
        ] {
            let chars: Vec<char> = text.chars().collect();
            let ascii = tokenize(text, &chars);
            let wide = format!("{text} \u{ab}");
            let chars: Vec<char> = wide.chars().collect();
            let mut general = tokenize(&wide, &chars);
            assert_eq!(general.pop().map(|t| t.text), Some("\u{ab}"));
            assert_eq!(ascii, general, "{text}");
        }
    }

    #[test]
    fn tokens_borrowing_the_lowered_text_equal_their_own() {
        for text in [
            "Syria's al-Assad SAID. the U.S. envoy, AT&T's 3.5-point gain",
            "Rebels' Positions -- 'X' \"Quoted,\" He Said",
            "T\u{fc}rkiye said",
            "",
        ] {
            let chars: Vec<char> = text.chars().collect();
            let lowered = if text.is_ascii() {
                text.to_ascii_lowercase()
            } else {
                String::new()
            };
            assert_eq!(
                tokenize_lowered(text, &chars, &lowered),
                tokenize(text, &chars),
                "{text}"
            );
        }
    }

    #[test]
    fn offsets_count_chars_not_bytes() {
        let text = "Türkiye said";
        let chars: Vec<char> = text.chars().collect();
        let toks = tokenize(text, &chars);
        assert_eq!((toks[1].start, toks[1].end), (8, 12));
    }

    #[test]
    fn the_shape_filters_let_every_listed_word_through() {
        let lists = &*LISTS;
        for form in lists.verbs.keys() {
            assert!(lists.verb_shapes.may_hold(form), "{form}");
        }
        for set in [&lists.speakers, &lists.source_nouns] {
            for word in &set.words {
                assert!(set.contains(word), "{word}");
            }
        }
        for phrases in [&lists.agencies, &lists.actors] {
            for first in phrases.by_first.keys() {
                assert!(phrases.first_shapes.may_hold(first), "{first}");
            }
        }
        // Most words of a sentence are none of them and stop at a filter.
        let stopped = [
            "the", "talks", "in", "geneva", "went", "on", "late", "friday",
        ]
        .iter()
        .filter(|w| !lists.speakers.shapes.may_hold(w))
        .count();
        assert!(stopped >= 4, "{stopped}");
    }

    #[test]
    fn lists_are_loaded() {
        assert!(LISTS.verb_forms() > 500);
        assert!(LISTS.verb("quipped").is_some());
        assert!(LISTS.verb("grumbled").is_some());
        assert!(LISTS.verb("killed").is_none());
        assert!(LISTS.verb("supported").is_none());
        assert!(LISTS.verb("found").is_some_and(|v| v.source));
        assert_eq!(
            LISTS.verb("sees").map(|v| v.needs.clone()),
            Some(vec!["as".into()])
        );
        assert!(LISTS.is_source_noun("investigation"));
        assert!(LISTS.is_speaker_noun("spokeswoman"));
    }
}
