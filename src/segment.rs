//! Segment: paragraphs → sentences, for English news copy.
//!
//! A sentence ends at `.`, `!`, `?` or an ellipsis (with any closing quotes or brackets after
//! it) when whitespace and a capital letter, digit or opening quote follow, unless the word
//! before the full stop is an abbreviation:
//!
//! ```
//! use wirediff::segment::split_sentences;
//! assert_eq!(
//!     split_sentences("Gen. Smith met U.S. envoys on Jan. 5. \"It went well.\" The talks ended."),
//!     ["Gen. Smith met U.S. envoys on Jan. 5.", "\"It went well.\"", "The talks ended."],
//! );
//! ```
//!
//! Each line of the headline paragraph (paragraph 0) is its own sentence, so a headline and
//! deck without full stops stay apart. Other paragraphs are split line by line too, unless
//! they look hard-wrapped (long lines that mostly stop mid-sentence), in which case the lines
//! are joined first. No character other than whitespace is ever lost.

use std::borrow::Cow;
use std::ops::Range;

use crate::ingest::Document;

/// One sentence of one version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence as written (trimmed).
    pub text: String,
    /// Paragraph number; the headline and deck are paragraph 0.
    pub paragraph: usize,
}

/// Splits every paragraph of a document into sentences.
pub fn segment(doc: &Document) -> Vec<Sentence> {
    segment_cached(doc, &mut SegmentCache::default())
}

/// The sentences of the paragraphs segmented so far, by paragraph text, for
/// [`segment_cached`].
#[derive(Debug, Default)]
pub struct SegmentCache<'a> {
    /// Per paragraph text and whether it is past the headline (see [`segment`]): where its
    /// sentences are in `sentences`. Keyed by a sampled hash of the text (see
    /// [`crate::ingest::SampledKey`]).
    split: rustc_hash::FxHashMap<(crate::ingest::SampledKey<'a>, bool), Range<usize>>,
    /// The sentences of every paragraph in `split`, one paragraph after the other: slices of
    /// the paragraph, or the joined lines of a hard-wrapped one.
    sentences: Vec<Cow<'a, str>>,
}

/// [`segment`], splitting each distinct paragraph text once across calls that share `cache`
/// (the versions of one story share most of their paragraphs).
pub fn segment_cached<'a>(doc: &'a Document, cache: &mut SegmentCache<'a>) -> Vec<Sentence> {
    // Most paragraphs are one sentence; room for a few versions' distinct paragraphs.
    let mut out = Vec::with_capacity(doc.paragraphs.len() + doc.paragraphs.len() / 4);
    if cache.split.is_empty() {
        cache.split.reserve(2 * doc.paragraphs.len());
        cache.sentences.reserve(3 * doc.paragraphs.len());
    }
    let SegmentCache { split, sentences } = cache;
    for (paragraph, text) in doc.paragraphs.iter().enumerate() {
        let range = split
            .entry((crate::ingest::SampledKey(text), paragraph > 0))
            .or_insert_with(|| {
                let start = sentences.len();
                split_paragraph(text, paragraph > 0, |s| sentences.push(s));
                start..sentences.len()
            });
        out.extend(sentences[range.clone()].iter().map(|text| Sentence {
            text: String::from(&**text),
            paragraph,
        }));
    }
    out
}

/// Splits one paragraph into sentences, handing each to `push`: line by line, or, past the
/// headline (`body`) and hard-wrapped, with its lines joined.
fn split_paragraph<'a>(text: &'a str, body: bool, mut push: impl FnMut(Cow<'a, str>)) {
    if memchr::memchr(b'\n', text.as_bytes()).is_none() {
        // One line, which is never hard-wrapped.
        for_each_sentence(text, |s| push(Cow::Borrowed(s)));
        return;
    }
    if body && is_hard_wrapped(text) {
        for s in split_sentences(text) {
            push(Cow::Owned(
                s.split_whitespace().collect::<Vec<_>>().join(" "),
            ));
        }
        return;
    }
    for line in crate::ingest::lines(text) {
        for_each_sentence(line, |s| push(Cow::Borrowed(s)));
    }
}

/// Shortest line (in chars) that counts as a wrapped line of running text.
const WRAPPED_LINE_MIN_CHARS: usize = 40;

/// Shortest line, as a share of the longest, in a hard-wrapped paragraph of three lines or more.
const WRAPPED_LENGTH_SHARE: f64 = 0.7;

/// Whether a paragraph is running text hard-wrapped at a fixed width: two or more lines, every
/// line but the last long and most of them stopping mid-sentence, and either the lines are of
/// nearly one length (three lines or more) or a line goes on in lower case. A headline over a
/// deck, or one sentence per line, is not wrapped.
pub fn is_hard_wrapped(paragraph: &str) -> bool {
    if !paragraph.contains('\n') {
        // One line.
        return false;
    }
    let lines: Vec<&str> = paragraph.lines().map(str::trim).collect();
    if lines.len() < 2 {
        return false;
    }
    let body = &lines[..lines.len() - 1];
    let lens: Vec<usize> = body.iter().map(|l| l.chars().count()).collect();
    let longest = lens.iter().copied().max().unwrap_or(0);
    if lens.iter().any(|&l| l < WRAPPED_LINE_MIN_CHARS) {
        return false;
    }
    let open = body.iter().filter(|l| !ends_sentence(l)).count();
    if open * 2 <= body.len() {
        return false;
    }
    let even = lines.len() >= 3
        && lens
            .iter()
            .all(|&l| l as f64 >= WRAPPED_LENGTH_SHARE * longest as f64);
    let goes_on = lines[1..]
        .iter()
        .any(|l| l.chars().next().is_some_and(char::is_lowercase));
    even || goes_on
}

/// Whether a line ends like a sentence: `.`, `!`, `?` or `…`, maybe followed by closing
/// quotes or brackets.
pub fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end().trim_end_matches(is_closer);
    t.ends_with(is_terminal)
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']' | '\u{bb}' | '\u{203a}'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201c}' | '\u{2018}' | '(' | '[' | '\u{ab}' | '\u{2039}'
    )
}

/// Titles and other abbreviations that always stand before a name or number and never end a
/// sentence.
const NEVER_FINAL: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Gens", "Lt", "Col", "Capt", "Cmdr", "Cdr",
    "Sgt", "Maj", "Adm", "Brig", "Cpl", "Pvt", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Pres",
    "Rev", "Fr", "Hon", "Amb", "Atty", "Supt", "Insp", "Det", "Msgr", "Mt", "Ft", "vs", "v", "cf",
    "Nos", "approx", "Gov't", "Dept",
];

/// The longest word in [`NEVER_FINAL`], [`MONTHS`] and [`MAYBE_FINAL`], in bytes.
const ABBREVIATION_MAX_BYTES: usize = 6;

/// Month abbreviations: not final when a day number follows (`Jan. 5`).
const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Abbreviations that may end a sentence: final only when a common sentence starter follows.
const MAYBE_FINAL: &[&str] = &[
    "Inc", "Corp", "Co", "Ltd", "Plc", "LLC", "Bros", "Jr", "Sr", "St", "Ave", "Blvd", "etc", "al",
    "No", "Univ", "Assn", "Intl",
];

/// Words that commonly open an English news sentence; after `U.S.`, `Inc.` or an initial, a
/// capitalised word from this list starts a new sentence, any other capitalised word (a name,
/// `Embassy`, `Morgan`) continues the current one.
const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "as",
    "after",
    "before",
    "since",
    "while",
    "when",
    "if",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "however",
    "meanwhile",
    "also",
    "still",
    "then",
    "now",
    "yesterday",
    "today",
    "earlier",
    "later",
    "last",
    "next",
    "some",
    "many",
    "most",
    "several",
    "both",
    "all",
    "each",
    "no",
    "not",
    "one",
    "two",
    "three",
    "what",
    "why",
    "how",
    "who",
    "where",
    "according",
    "under",
    "for",
    "with",
    "by",
    "from",
    "during",
    "despite",
    "although",
    "though",
    "until",
    "among",
    "asked",
    "instead",
    "such",
    "other",
    "others",
    "more",
    "only",
    "even",
    "about",
    "over",
    "nor",
    "neither",
    "officials",
    "analysts",
    "critics",
    "police",
    "shares",
];

/// Splits one line of text into sentences.
///
/// Every character other than whitespace ends up in exactly one sentence, in order.
pub fn split_sentences(text: &str) -> Vec<&str> {
    // Most lines hold a few sentences at most: one allocation.
    let mut out = Vec::with_capacity(4);
    for_each_sentence(text, |s| out.push(s));
    out
}

/// [`split_sentences`], handing each sentence to `each` in order.
fn for_each_sentence<'a>(text: &'a str, mut each: impl FnMut(&'a str)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut start = 0;
    // Byte positions; `i` is always at a terminal character or past the last one looked at.
    let mut i = 0;
    // The first `…` at or after `i`, searched for again only once `i` has passed it.
    let mut ellipsis = find_ellipsis(bytes, 0);
    loop {
        if ellipsis.is_some_and(|e| e < i) {
            ellipsis = find_ellipsis(bytes, i);
        }
        let ascii = bytes
            .get(i..)
            .and_then(|rest| memchr::memchr3(b'.', b'!', b'?', rest))
            .map(|p| i + p);
        let Some(found) = [ascii, ellipsis].into_iter().flatten().min() else {
            break;
        };
        i = found;
        let mut term_end = i;
        while let Some(c) = char_at(text, term_end).filter(|&c| is_terminal(c)) {
            term_end += c.len_utf8();
        }
        let mut j = term_end;
        while let Some(c) = char_at(text, j).filter(|&c| is_closer(c)) {
            j += c.len_utf8();
        }
        if char_at(text, j).is_some_and(char::is_whitespace) {
            let mut k = j;
            while let Some(c) = char_at(text, k).filter(|c| c.is_whitespace()) {
                k += c.len_utf8();
            }
            if k < n && is_boundary(text, i, term_end, j, k) {
                let piece = text[start..j].trim();
                if !piece.is_empty() {
                    each(piece);
                }
                start = k;
                i = k;
                continue;
            }
        }
        i = j;
    }
    let piece = text[start..].trim();
    if !piece.is_empty() {
        each(piece);
    }
}

/// The byte position of the first `…` at or after byte `from`. `…` is the only terminal
/// character outside ASCII, and its UTF-8 starts with 0xE2 (as do curly quotes and dashes);
/// 0xE2 only ever starts a character.
fn find_ellipsis(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(p) = memchr::memchr(0xE2, bytes.get(i..)?) {
        i += p;
        if bytes[i..].starts_with("…".as_bytes()) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The character starting at byte `i`, if `i` is inside `text` and a character boundary.
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|rest| rest.chars().next())
}

/// Decides whether the terminal run `text[i..term_end]`, its closers up to `j` and the
/// whitespace up to `k` (byte positions) end a sentence.
fn is_boundary(text: &str, i: usize, term_end: usize, j: usize, k: usize) -> bool {
    // The next token: skip opening quotes and brackets, then look at its first character.
    let after = &text[k..];
    let token = after.trim_start_matches(is_opener);
    let Some(first) = token.chars().next() else {
        return false;
    };
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return false;
    }
    if &text[i..term_end] != "." || j > term_end {
        // `?`, `!`, an ellipsis, or a full stop with closing quotes after it.
        return true;
    }
    // A single full stop: look at the word it ends.
    let before = &text[..i];
    let w = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || is_opener(c))
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &before[w..];
    if word.is_empty() {
        return true;
    }
    // No listed abbreviation is longer than this (in bytes): longer words skip the lists.
    let listed = word.len() <= ABBREVIATION_MAX_BYTES;
    if listed && NEVER_FINAL.contains(&word) {
        return false;
    }
    if word == "No" && first.is_ascii_digit() {
        return false;
    }
    if listed && MONTHS.contains(&word) {
        return !first.is_ascii_digit();
    }
    if (listed && MAYBE_FINAL.contains(&word)) || is_initialism(word) {
        let next_word = token
            .find(|c: char| !c.is_alphanumeric())
            .map_or(token, |end| &token[..end]);
        return is_starter(next_word);
    }
    true
}

/// Whether a word, in any case, is one of [`SENTENCE_STARTERS`].
fn is_starter(word: &str) -> bool {
    if word.is_ascii() {
        SENTENCE_STARTERS
            .iter()
            .any(|s| s.eq_ignore_ascii_case(word))
    } else {
        SENTENCE_STARTERS.contains(&word.to_lowercase().as_str())
    }
}

/// `U.S`, `J.P`, `p.m`, `W` (the word before the final full stop): letters separated by dots,
/// or one capital letter.
fn is_initialism(word: &str) -> bool {
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_uppercase(),
        _ => {
            let mut parts = 0;
            word.split('.').all(|p| {
                parts += 1;
                let mut chars = p.chars();
                matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
            }) && parts >= 2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_split(input: &str, expected: &[&str]) {
        assert_eq!(split_sentences(input), expected, "input: {input:?}");
    }

    #[test]
    fn abbreviation_lists_fit_the_length_bound() {
        for word in NEVER_FINAL.iter().chain(MONTHS).chain(MAYBE_FINAL) {
            assert!(word.len() <= ABBREVIATION_MAX_BYTES, "{word}");
        }
    }

    #[test]
    fn hard_cases() {
        let table: &[(&str, &[&str])] = &[
            (
                "Prices rose — sharply… Then fell. “Why?” She asked.",
                &[
                    "Prices rose — sharply…",
                    "Then fell.",
                    "“Why?”",
                    "She asked.",
                ],
            ),
            (
                "They met at St. Élysée Palace. Acme Inc. Étienne Roy spoke.",
                &[
                    "They met at St. Élysée Palace.",
                    "Acme Inc. Étienne Roy spoke.",
                ],
            ),
            (
                "U.S. officials met U.N. envoys. The talks ended.",
                &["U.S. officials met U.N. envoys.", "The talks ended."],
            ),
            (
                "Gen. Amir Hatami and Sen. Jo Reed spoke. Rep. Ann Lu and Gov. Ray Cole did not.",
                &[
                    "Gen. Amir Hatami and Sen. Jo Reed spoke.",
                    "Rep. Ann Lu and Gov. Ray Cole did not.",
                ],
            ),
            (
                "Lt. Col. Dana Price arrived on Sept. 14 and left on Feb. 2. She said little.",
                &[
                    "Lt. Col. Dana Price arrived on Sept. 14 and left on Feb. 2.",
                    "She said little.",
                ],
            ),
            (
                "The vote slipped to Aug. It may slip again.",
                &["The vote slipped to Aug.", "It may slip again."],
            ),
            (
                "Mr. Vance, Ms. Okafor, Mrs. Lee and Dr. Haddad signed.",
                &["Mr. Vance, Ms. Okafor, Mrs. Lee and Dr. Haddad signed."],
            ),
            (
                "They flew to St. Petersburg with Martin Cole Jr. and aides.",
                &["They flew to St. Petersburg with Martin Cole Jr. and aides."],
            ),
            (
                "Shares of Acme Inc. rose. Brill Corp. Chief Executive Jo Ma said Brill Co. would bid.",
                &[
                    "Shares of Acme Inc. rose.",
                    "Brill Corp. Chief Executive Jo Ma said Brill Co. would bid.",
                ],
            ),
            (
                "He bought a stake in Acme Inc. The deal closed.",
                &["He bought a stake in Acme Inc.", "The deal closed."],
            ),
            (
                "Resolution No. 5 passed. No. The vote failed.",
                &["Resolution No. 5 passed.", "No.", "The vote failed."],
            ),
            (
                "J.P. Morgan and George W. Bush were named. It was a surprise.",
                &[
                    "J.P. Morgan and George W. Bush were named.",
                    "It was a surprise.",
                ],
            ),
            (
                "Growth was 3.5 percent. Inflation hit 2.1 percent.",
                &["Growth was 3.5 percent.", "Inflation hit 2.1 percent."],
            ),
            (
                "He paused... then went on. It ended… Then silence.",
                &["He paused... then went on.", "It ended…", "Then silence."],
            ),
            (
                "\"We will not yield.\" The minister left.",
                &["\"We will not yield.\"", "The minister left."],
            ),
            (
                "“We will not yield.” The minister left.",
                &["“We will not yield.”", "The minister left."],
            ),
            (
                "He said: \"I quote 'no comment.'\" Then he left.",
                &["He said: \"I quote 'no comment.'\"", "Then he left."],
            ),
            (
                "\"Why now?\" she asked. \"Enough!\" he shouted back.",
                &["\"Why now?\" she asked.", "\"Enough!\" he shouted back."],
            ),
            (
                "The plan (a draft, not final) was shelved. (It may return.) Talks resume Monday.",
                &[
                    "The plan (a draft, not final) was shelved.",
                    "(It may return.)",
                    "Talks resume Monday.",
                ],
            ),
            (
                "Neither side is ready - we don't want a deal for its own sake. Talks go on.",
                &[
                    "Neither side is ready - we don't want a deal for its own sake.",
                    "Talks go on.",
                ],
            ),
            (
                "Aid arrived in the U.S. The shipment was late.",
                &["Aid arrived in the U.S.", "The shipment was late."],
            ),
            (
                "Aid arrived from the U.S. Embassy in Amman.",
                &["Aid arrived from the U.S. Embassy in Amman."],
            ),
            (
                "The summit opens at 9 a.m. Friday in Geneva. It lasts a day.",
                &[
                    "The summit opens at 9 a.m. Friday in Geneva.",
                    "It lasts a day.",
                ],
            ),
            (
                "The site, example.com, went dark. Is it back? Yes!",
                &["The site, example.com, went dark.", "Is it back?", "Yes!"],
            ),
            (
                "Ceasefire talks stall in Geneva",
                &["Ceasefire talks stall in Geneva"],
            ),
            ("", &[]),
        ];
        for (input, expected) in table {
            assert_split(input, expected);
        }
    }

    fn doc(paragraphs: &[&str]) -> Document {
        Document {
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            ..Document::default()
        }
    }

    #[test]
    fn headline_lines_are_sentences_and_wrapped_paragraphs_are_joined() {
        let d = doc(&[
            "Talks stall in Geneva\nBoth sides blame each other for the delay",
            "The talks, which began on Monday in the Swiss city, broke up on\nFriday without a date for the next round, officials said. Both sides\nblamed each other.",
            "First line ends here.\nSecond line ends here.",
        ]);
        let got: Vec<(usize, String)> = segment(&d)
            .into_iter()
            .map(|s| (s.paragraph, s.text))
            .collect();
        let want = [
            (0, "Talks stall in Geneva"),
            (0, "Both sides blame each other for the delay"),
            (
                1,
                "The talks, which began on Monday in the Swiss city, broke up on Friday without a date for the next round, officials said.",
            ),
            (1, "Both sides blamed each other."),
            (2, "First line ends here."),
            (2, "Second line ends here."),
        ];
        let want: Vec<(usize, String)> = want.iter().map(|(p, s)| (*p, s.to_string())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn hard_wrap_table() {
        let table: &[(&str, bool)] = &[
            (
                "The talks, which began on Monday in the Swiss city, broke up\nwithout a date for the next round.",
                true,
            ),
            (
                "The talks, which began on Monday in the Swiss city, broke up\non Friday without a date for the next round.",
                true,
            ),
            (
                "Negotiators from both sides of the conflict met in Geneva\nFriday after weeks of delay and said they had agreed\nNothing yet but would keep on meeting there.",
                true,
            ),
            (
                "Budget talks collapse in Brussels as the deadline passes\nMinisters trade blame over the missed deadline",
                false,
            ),
            (
                "First line ends here and is long enough.\nSecond line.",
                false,
            ),
            ("One line only", false),
        ];
        for (p, want) in table {
            assert_eq!(is_hard_wrapped(p), *want, "{p:?}");
        }
    }

    #[test]
    fn ends_sentence_table() {
        for (line, want) in [
            ("The talks failed.", true),
            ("He said \"no.\"", true),
            ("Why?", true),
            ("Top Stories", false),
            ("Kerry: talks go on", false),
        ] {
            assert_eq!(ends_sentence(line), want, "{line:?}");
        }
    }

    fn non_ws(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// [`split_sentences`] as first written: each search for a terminal looks for `…` before
    /// the next ASCII one.
    fn split_sentences_reference(text: &str) -> Vec<&str> {
        fn next_terminal(text: &str, from: usize) -> Option<usize> {
            let rest = text.as_bytes().get(from..)?;
            let ascii = memchr::memchr3(b'.', b'!', b'?', rest);
            let before = &rest[..ascii.unwrap_or(rest.len())];
            let mut i = 0;
            while let Some(p) = memchr::memchr(0xE2, &before[i..]) {
                i += p;
                if before[i..].starts_with("…".as_bytes()) {
                    return Some(from + i);
                }
                i += 1;
            }
            ascii.map(|p| from + p)
        }
        let n = text.len();
        let mut out = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while let Some(found) = next_terminal(text, i) {
            i = found;
            let mut term_end = i;
            while let Some(c) = char_at(text, term_end).filter(|&c| is_terminal(c)) {
                term_end += c.len_utf8();
            }
            let mut j = term_end;
            while let Some(c) = char_at(text, j).filter(|&c| is_closer(c)) {
                j += c.len_utf8();
            }
            if char_at(text, j).is_some_and(char::is_whitespace) {
                let mut k = j;
                while let Some(c) = char_at(text, k).filter(|c| c.is_whitespace()) {
                    k += c.len_utf8();
                }
                if k < n && is_boundary(text, i, term_end, j, k) {
                    let piece = text[start..j].trim();
                    if !piece.is_empty() {
                        out.push(piece);
                    }
                    start = k;
                    i = k;
                    continue;
                }
            }
            i = j;
        }
        let piece = text[start..].trim();
        if !piece.is_empty() {
            out.push(piece);
        }
        out
    }

    proptest::proptest! {
        /// Sentence ends, abbreviations, ellipses and curly quotes in wire copy.
        #[test]
        fn sentences_split_as_first_written(
            text in "(The talks|ended|Mr\\.|U\\.S\\.|Jan\\. 5|3\\.5|…|\\.\\.\\.|“|”|—|–|\
                \\.|!|\\?|\"|\\)|He|It| |  |\n){0,14}"
        ) {
            proptest::prop_assert_eq!(split_sentences(&text), split_sentences_reference(&text));
        }

        #[test]
        fn no_character_is_lost(text in "[A-Za-z0-9 .!?\"'“”’()…\n-]{0,120}") {
            let joined: String = split_sentences(&text).concat();
            proptest::prop_assert_eq!(non_ws(&joined), non_ws(&text));
            let d = doc(&["Head line", &text]);
            let all: String = segment(&d).into_iter().skip(1).map(|s| s.text).collect();
            proptest::prop_assert_eq!(non_ws(&all), non_ws(&text));
        }

        /// Versions sharing a cache get the sentences each gets alone.
        #[test]
        fn a_shared_cache_changes_nothing(
            picks in proptest::collection::vec(proptest::collection::vec(0..6usize, 0..6), 1..5)
        ) {
            const PARAGRAPHS: [&str; 6] = [
                "Talks stall in Geneva\nBoth sides blame each other",
                "The talks, which began on Monday in the Swiss city, broke up on\nFriday without a date for the next round, officials said. Both sides\nblamed each other.",
                "\"We will try again,\" the chair said. No date was set.",
                "First line ends here.\nSecond line ends here.",
                "Talks stall in Geneva",
                "U.S. envoys left. The U.N. said little.",
            ];
            let docs: Vec<Document> = picks
                .iter()
                .map(|p| doc(&p.iter().map(|&k| PARAGRAPHS[k]).collect::<Vec<_>>()))
                .collect();
            let mut cache = SegmentCache::default();
            for d in &docs {
                proptest::prop_assert_eq!(segment_cached(d, &mut cache), segment(d));
            }
        }
    }
}
