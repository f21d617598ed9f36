//! Page boilerplate: navigation, widgets, teasers and repeated headlines, removed by general rules.
//!
//! Every line of every version is kept or listed in `removed_boilerplate`; nothing is dropped
//! silently. A line is removed when:
//!
//! - it is **page chrome by shape**, anywhere in the page: a short line (at most
//!   [`CHROME_MAX_WORDS`] words, no sentence end) that opens with web-page furniture ("Skip to",
//!   "Share", "Follow us", "Related", "Advertisement", "Most read", "Top stories", "Read
//!   more" …); a menu or breadcrumb (several short items between `|`, `•`, `»`, `>`, `/`); a
//!   line made only of a date or time; a temperature widget; a standalone byline ("By Jane
//!   Smith"); a sign-off credit ("(Reporting by …)"); a line of at most [`SHORT_MAX_WORDS`] words
//!   with no sentence end (an agency name, a section label, a menu item); a non-sentence line
//!   repeated in the page;
//! - it sits in the **top run** (before the first sentence) and is neither the headline nor
//!   the deck: nav items, a repeated headline, teasers. The headline is the first line of the
//!   run that another version shares (else the first of four words or more); the deck is the
//!   line after it when another version shares it or nothing else is left in the run;
//! - it sits in the **bottom run** (after the last sentence), looks like a teaser or list item
//!   (short, no sentence end) and no other version shares it;
//! - it follows a furniture line such as "Related" or "More on this story" in the body and is a
//!   teaser no other version shares, or it is one of three or more title-case teasers in a row.
//!
//! A line that ends like a sentence and has [`SENTENCE_MIN_WORDS`] words or more is never
//! removed, and the headline and deck become paragraph 0.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Document;
use crate::segment::{ends_sentence, is_hard_wrapped};

/// Lines of at most this many words are checked against the page-furniture vocabulary.
pub const CHROME_MAX_WORDS: usize = 8;
/// Lines of at most this many words without a sentence end are never story text (except the
/// headline).
pub const SHORT_MAX_WORDS: usize = 3;
/// A teaser or list item has at most this many words.
pub const TEASER_MAX_WORDS: usize = 14;
/// A line ending like a sentence with at least this many words is always kept.
pub const SENTENCE_MIN_WORDS: usize = 5;
/// A line this long (in words) is running text even without a sentence end.
pub const RUNNING_TEXT_MIN_WORDS: usize = 16;
/// The first lines of another version that count as its headline region, for evidence.
pub const HEADLINE_REGION_LINES: usize = 6;
/// Word-set overlap (Jaccard) above which two lines are the same line.
pub const SHARED_LINE_JACCARD: f64 = 0.6;
/// Share of capitalised words (small words aside) that makes a line title-case.
pub const TITLE_CASE_SHARE: f64 = 0.7;
/// A run of at least this many title-case teasers inside the body is a list of links.
pub const TEASER_RUN_MIN: usize = 3;

static FURNITURE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^[\s\W]*(
            skip\ to | jump\ to | go\ to\ (the\ )?(main\ )?content | back\ to\ top |
            share\b | sharing\b | follow\ us | follow\ @ | sign\ (up|in)\b | log\ in\b | subscribe |
            read\ (more|also|next)\b | also\ read | see\ also | more\ (on|from|about)\b |
            more\ stories | related\b | recommended | you\ may\ (also\ )?like | don'?t\ miss |
            advertisement | sponsored | promoted | most\ (read|viewed|popular|visited|shared|watched|commented) |
            top\ (stories|news|headlines)\b | trending | latest\ (news|stories|headlines|videos)\b |
            editor'?s\ picks? | click\ here | copyright\b | © | all\ rights\ reserved |
            (photo|image|picture|video|graphic|file\ photo)s?\ ?: | print\b | e-?mail\b |
            comments?\b | listen\b | watch\b | download\b | tags?\b\s*: | topics?\s*: |
            breaking\ news$
        )",
    )
    .expect("static regex parses")
});

static FURNITURE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(advertisement|newsletter|cookies?|all rights reserved)\b")
        .expect("static regex parses")
});

static LIST_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(top|most|latest|more|related|popular|trending|recommended|other)\b.*\b(stories|news|articles|headlines|videos|reads|visited|viewed|popular|shared|watched)\b",
    )
    .expect("static regex parses")
});

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by|words by|written by|reporting by|text by)\s+\p{Lu}")
        .expect("static regex parses")
});

static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[(\[]\s*(reporting|writing|editing|additional reporting|compiled|translated|edited)\b.*[)\]]\.?$",
    )
    .expect("static regex parses")
});

static TEMPERATURE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"-?\d+\s*°\s*[CF]?\b|°[CF]\b").expect("static regex parses"));

static READ_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\d+\s*(min|mins|minutes?)\s+(read|watch|listen)$")
        .expect("static regex parses")
});

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{Lu}\s.,'-]{2,}(,[^()]{0,30})?\s*\([^)]{2,30}\)\s*[-–—:]")
        .expect("static regex parses")
});

const DATE_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const DATE_FILLER: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "modified",
    "on",
    "at",
    "am",
    "pm",
    "a.m",
    "p.m",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "est",
    "edt",
    "pst",
    "pdt",
    "ist",
    "msk",
    "local",
    "time",
    "the",
    "of",
    "today",
    "yesterday",
    "ago",
    "hours",
    "hour",
    "minutes",
    "mins",
];

const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "but", "at", "by", "with",
    "from", "as", "vs", "is", "are", "be",
];

/// Reads a line once: appends the hashes of its lower-case alphanumeric words to `out`, in
/// order, and returns its number of whitespace-separated words (as [`word_count`]).
///
/// A word is a run of alphanumeric characters; its hash is that of its lower-case UTF-8 (each
/// character lower-cased on its own, as [`char::to_lowercase`] does), so `"Top STORIES: Öl"`
/// gives the hashes of `top`, `stories` and `öl` (and 3).
fn scan_line(line: &str, out: &mut Vec<u64>) -> usize {
    let bytes = line.as_bytes();
    let mut fields = 0;
    let mut in_field = false;
    let mut word: Option<WordHasher> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (len, space) = if b.is_ascii() {
            if b.is_ascii_alphanumeric() {
                word.get_or_insert_default().push(b.to_ascii_lowercase());
            } else if let Some(w) = word.take() {
                out.push(w.finish());
            }
            (1, matches!(b, b' ' | b'\t'..=b'\r'))
        } else {
            let Some(c) = line.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            if c.is_alphanumeric() {
                let w = word.get_or_insert_default();
                let mut buf = [0u8; 4];
                for l in c.to_lowercase() {
                    l.encode_utf8(&mut buf).bytes().for_each(|b| w.push(b));
                }
            } else if let Some(w) = word.take() {
                out.push(w.finish());
            }
            (c.len_utf8(), c.is_whitespace())
        };
        if !space && !in_field {
            fields += 1;
        }
        in_field = !space;
        i += len;
    }
    if let Some(w) = word {
        out.push(w.finish());
    }
    fields
}

/// Hashes a word a byte at a time, folding eight bytes at once.
#[derive(Default)]
struct WordHasher {
    hash: u64,
    /// The bytes since the last fold, oldest in the high bits.
    chunk: u64,
    len: u64,
}

impl WordHasher {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;

    fn push(&mut self, b: u8) {
        self.chunk = (self.chunk << 8) | u64::from(b);
        self.len += 1;
        if self.len % 8 == 0 {
            self.fold();
        }
    }

    fn fold(&mut self) {
        self.hash = (self.hash.rotate_left(23) ^ self.chunk).wrapping_mul(Self::K);
        self.chunk = 0;
    }

    fn finish(mut self) -> u64 {
        // The length goes into the last fold (word bytes are never 0).
        self.chunk ^= self.len << 56;
        self.fold();
        // Mix (murmur3's finaliser) so that the low bits, which the word filter uses, vary.
        let mut h = self.hash;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// One hash for a whole line's words.
fn line_key(words: &[u64]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    for &w in words {
        h.write_u64(w);
    }
    h.write_usize(words.len());
    h.finish()
}

/// The distinct values of `words`, sorted, in `out` (cleared first).
fn sorted_set(words: &[u64], out: &mut Vec<u64>) {
    out.clear();
    out.extend_from_slice(words);
    out.sort_unstable();
    out.dedup();
}

fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}

/// A document's lines (`str::lines` of each paragraph, in page order) as word hashes, hashed
/// once for both the evidence it gives the other versions and its own stripping.
struct Page {
    /// Every line's word hashes, one line after the other.
    words: Vec<u64>,
    /// Per line: its range in `words`, its whitespace-separated words and whether it ends
    /// like a sentence.
    lines: Vec<(Range<usize>, usize, bool)>,
    /// Per paragraph: its range in `lines`.
    paragraphs: Vec<Range<usize>>,
    /// What this page tells the other versions.
    evidence: Evidence,
}

impl Page {
    /// Reads a document's lines; `cache` holds what was read of each distinct line text of the
    /// story so far, since versions of one story share most of their lines.
    fn new<'a>(doc: &'a Document, cache: &mut LineCache<'a>) -> Page {
        let mut words = Vec::new();
        let mut lines = Vec::new();
        let mut paragraphs = Vec::with_capacity(doc.paragraphs.len());
        let mut evidence = Evidence::default();
        for paragraph in &doc.paragraphs {
            let first = lines.len();
            for line in paragraph.lines() {
                let start = words.len();
                let read = cache.read(line);
                words.extend_from_slice(&cache.words[read.words.clone()]);
                if lines.len() < HEADLINE_REGION_LINES || cache.is_sentence_like(line) {
                    evidence.push_keyed(&words[start..], read.key);
                }
                lines.push((start..words.len(), read.fields, read.ends));
            }
            paragraphs.push(first..lines.len());
        }
        Page {
            words,
            lines,
            paragraphs,
            evidence,
        }
    }

    /// The word hashes of the lines `lines` (a range of line numbers), end to end.
    fn words_of(&self, lines: Range<usize>) -> Range<usize> {
        match (self.lines.get(lines.start), lines.end.checked_sub(1)) {
            (Some((first, _, _)), Some(last)) if last >= lines.start => {
                first.start..self.lines.get(last).map_or(first.end, |l| l.0.end)
            }
            _ => 0..0,
        }
    }
}

/// What [`Page::new`] reads of one line text, kept once per distinct text.
#[derive(Clone)]
struct ReadLine {
    /// Its range in [`LineCache::words`].
    words: Range<usize>,
    /// Whitespace-separated words.
    fields: usize,
    /// Whether it ends like a sentence ([`ends_sentence`]).
    ends: bool,
    /// Its [`line_key`].
    key: u64,
    /// Whether it is [`is_sentence_like`], once asked.
    sentence_like: OnceCell<bool>,
}

/// The lines of a story's versions read so far, by text.
#[derive(Default)]
struct LineCache<'a> {
    /// Every distinct line's word hashes, one after the other.
    words: Vec<u64>,
    lines: rustc_hash::FxHashMap<&'a str, ReadLine>,
}

impl<'a> LineCache<'a> {
    /// The line's word hashes (in [`LineCache::words`]), word count, sentence end and key.
    fn read(&mut self, line: &'a str) -> ReadLine {
        let words = &mut self.words;
        self.lines
            .entry(line)
            .or_insert_with(|| {
                let start = words.len();
                let fields = scan_line(line, words);
                ReadLine {
                    key: line_key(&words[start..]),
                    words: start..words.len(),
                    fields,
                    ends: ends_sentence(line),
                    sentence_like: OnceCell::new(),
                }
            })
            .clone()
    }

    /// [`is_sentence_like`] of a line already [`read`](LineCache::read).
    fn is_sentence_like(&self, line: &str) -> bool {
        self.lines.get(line).is_some_and(|read| {
            *read.sentence_like.get_or_init(|| {
                is_sentence_like(Shaped {
                    text: line,
                    words: read.fields,
                    ends: read.ends,
                })
            })
        })
    }
}

/// Lines of a version that count as evidence for the others: its sentences and the lines of
/// its headline region, as word hashes.
#[derive(Default)]
struct Evidence {
    /// Per line: its range in `text`.
    lines: Vec<Range<usize>>,
    /// Per line: its distinct word hashes, sorted, one line after the other, and each line's
    /// range there; worked out when first needed.
    sets: OnceCell<(Vec<u64>, Vec<Range<usize>>)>,
    /// Whole-line keys.
    keys: rustc_hash::FxHashSet<u64>,
    /// Every evidence line's word hashes, one after the other, in page order.
    text: Vec<u64>,
    /// A filter of the words in `text`: bit `hash % EVIDENCE_FILTER_BITS` is set for each.
    filter: WordFilter,
}

/// Bits in an [`Evidence`]'s word filter: a few times the distinct words of a long article.
const EVIDENCE_FILTER_BITS: usize = 4096;

/// A set of word hashes that may answer "present" wrongly but never "absent" wrongly.
struct WordFilter([u64; EVIDENCE_FILTER_BITS / 64]);

impl Default for WordFilter {
    fn default() -> WordFilter {
        WordFilter([0; EVIDENCE_FILTER_BITS / 64])
    }
}

impl WordFilter {
    fn insert(&mut self, word: u64) {
        let bit = (word % EVIDENCE_FILTER_BITS as u64) as usize;
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    fn may_contain(&self, word: u64) -> bool {
        let bit = (word % EVIDENCE_FILTER_BITS as u64) as usize;
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

impl Evidence {
    /// Adds one line, given as its word hashes.
    #[cfg(test)]
    fn push(&mut self, words: &[u64]) {
        self.push_keyed(words, line_key(words));
    }

    /// Adds one line, given as its word hashes and its [`line_key`].
    fn push_keyed(&mut self, words: &[u64], key: u64) {
        let start = self.text.len();
        self.text.extend_from_slice(words);
        for &w in words {
            self.filter.insert(w);
        }
        self.keys.insert(key);
        self.lines.push(start..self.text.len());
    }

    /// Every line's sorted distinct words, and where each line's are.
    fn sets(&self) -> &(Vec<u64>, Vec<Range<usize>>) {
        self.sets.get_or_init(|| {
            let mut sets = Vec::with_capacity(self.text.len());
            let mut ranges = Vec::with_capacity(self.lines.len());
            for line in &self.lines {
                let start = sets.len();
                sets.extend_from_slice(&self.text[line.clone()]);
                let set = &mut sets[start..];
                set.sort_unstable();
                let distinct = dedup_sorted(set);
                sets.truncate(start + distinct);
                ranges.push(start..sets.len());
            }
            (sets, ranges)
        })
    }

    /// Whether this version has the line whose word hashes are `words` (three or more): the
    /// words in a row, or a line with most of the same words (Jaccard). `set` holds the sorted
    /// distinct words once worked out (it is filled here when empty). Lines of fewer words, and
    /// whole lines, are looked up by [`line_key`] in `keys` instead (see [`shares_any`]).
    fn shares_words(&self, words: &[u64], set: &mut Vec<u64>) -> bool {
        let Some(&first) = words.first() else {
            return false;
        };
        if set.is_empty() {
            sorted_set(words, set);
        }
        // Words of the line this version lacks rule both tests out; the filter finds them
        // without a scan. The intersection with any one line is at most `present`, and the
        // union at least the line's own word count, so the Jaccard is at most `present / set`.
        let present = set.iter().filter(|&&w| self.filter.may_contain(w)).count();
        if (present as f64 / set.len() as f64) < SHARED_LINE_JACCARD {
            return false;
        }
        // The line's words, in a row, somewhere in the other version's evidence.
        if present == set.len()
            && self.text.len() >= words.len()
            && (0..=self.text.len() - words.len())
                .any(|k| self.text[k] == first && self.text[k..k + words.len()] == *words)
        {
            return true;
        }
        let (sets, ranges) = self.sets();
        ranges.iter().any(|r| {
            let other = &sets[r.clone()];
            // The Jaccard is at most the smaller set's size over the larger's.
            let (small, large) = if set.len() <= other.len() {
                (set.len(), other.len())
            } else {
                (other.len(), set.len())
            };
            if (small as f64 / large as f64) < SHARED_LINE_JACCARD {
                return false;
            }
            let inter = sorted_intersection(set, other) as f64;
            let union = (set.len() + other.len()) as f64 - inter;
            union > 0.0 && inter / union >= SHARED_LINE_JACCARD
        })
    }
}

/// Whether any of `others` has the line whose word hashes are `words`: a line of fewer than
/// [`SHORT_MAX_WORDS`] words only as a whole line; a longer one as a whole line, its words in a
/// row, or a line with most of the same words. `set` is scratch space.
fn shares_any(others: &[&Evidence], words: &[u64], set: &mut Vec<u64>) -> bool {
    if words.is_empty() {
        return false;
    }
    let key = line_key(words);
    if others.iter().any(|e| e.keys.contains(&key)) {
        // The same words as a whole line: they stand in a row in that version's evidence.
        return true;
    }
    if words.len() < SHORT_MAX_WORDS {
        return false;
    }
    set.clear();
    others.iter().any(|e| e.shares_words(words, set))
}

/// Moves the distinct values of a sorted slice to its front; returns how many there are.
fn dedup_sorted(set: &mut [u64]) -> usize {
    let mut n = 0;
    for k in 0..set.len() {
        if n == 0 || set[k] != set[n - 1] {
            set[n] = set[k];
            n += 1;
        }
    }
    n
}

/// Size of the intersection of two sorted, distinct lists.
fn sorted_intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// A line with the shape facts every rule asks about, worked out once.
#[derive(Clone, Copy)]
struct Shaped<'a> {
    text: &'a str,
    /// Whitespace-separated words.
    words: usize,
    /// Whether it ends like a sentence ([`ends_sentence`]).
    ends: bool,
}

impl<'a> Shaped<'a> {
    fn new(text: &'a str) -> Shaped<'a> {
        Shaped {
            text,
            words: word_count(text),
            ends: ends_sentence(text),
        }
    }
}

/// A line of running text: ends like a sentence with three words or more, or is long, or opens
/// with a dateline.
fn is_sentence_like(line: Shaped) -> bool {
    (line.ends && line.words >= 3)
        || line.words >= RUNNING_TEXT_MIN_WORDS
        || DATELINE.is_match(line.text)
}

/// A real sentence: never removed.
fn is_protected(line: Shaped) -> bool {
    line.ends && line.words >= SENTENCE_MIN_WORDS
}

fn is_title_case(line: &str) -> bool {
    let words: Vec<&str> = line
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .filter(|w| !SMALL_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    if words.is_empty() {
        return false;
    }
    let caps = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    caps as f64 / words.len() as f64 >= TITLE_CASE_SHARE
}

/// A teaser or list item: short and without a sentence end (a question is a teaser only in
/// title case).
fn is_teaser(line: Shaped) -> bool {
    if line.words == 0 || line.words > TEASER_MAX_WORDS || DATELINE.is_match(line.text) {
        return false;
    }
    let t = line.text.trim_end();
    if t.ends_with(':') {
        return false;
    }
    !line.ends
        || (t.trim_end_matches(['"', '\'', '”', '’']).ends_with('?') && is_title_case(line.text))
}

fn is_menu(line: &str) -> bool {
    let parts: Vec<&str> = line
        .split(['|', '•', '·', '»', '›', '>', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 3
        && parts
            .iter()
            .all(|p| word_count(p) <= 4 && !ends_sentence(p))
}

fn is_date_only(line: &str) -> bool {
    let mut dated = false;
    for token in line.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '|' | '/' | '·' | '–' | '—' | '(' | ')')
    }) {
        let t = token
            .trim_matches(|c: char| matches!(c, ':' | '-' | '.'))
            .to_lowercase();
        if t.is_empty() {
            continue;
        }
        let number = t
            .trim_end_matches(|c: char| c.is_alphabetic())
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | '-'))
            && t.chars().next().is_some_and(|c| c.is_ascii_digit())
            && matches!(
                t.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, ':' | '.' | '-')),
                "" | "st" | "nd" | "rd" | "th" | "am" | "pm" | "h"
            );
        if DATE_WORDS.contains(&t.as_str()) || number {
            dated = true;
        } else if !DATE_FILLER.contains(&t.as_str()) {
            return false;
        }
    }
    dated
}

/// Page chrome by the shape of the line alone.
fn is_chrome(shaped: Shaped) -> bool {
    if is_protected(shaped) {
        return false;
    }
    let line = shaped.text;
    let words = shaped.words;
    let short = words <= CHROME_MAX_WORDS;
    (short && (FURNITURE_START.is_match(line) || FURNITURE_WORD.is_match(line)))
        || (words <= 6 && LIST_TITLE.is_match(line) && !shaped.ends)
        || is_menu(line)
        || is_date_only(line)
        || (words <= 6 && line.contains('°') && TEMPERATURE.is_match(line))
        || (words <= 10 && BYLINE.is_match(line) && !line.contains(['.', '!', '?']))
        || is_credit_or_read_time(line.trim())
}

/// A sign-off credit or a reading time; both patterns are anchored, so the first character
/// (a bracket, a digit) rules most lines out before any regex runs.
fn is_credit_or_read_time(trimmed: &str) -> bool {
    match trimmed.chars().next() {
        Some('(' | '[') => CREDIT.is_match(trimmed),
        // `\d` is a Unicode decimal digit, which `is_numeric` includes.
        Some(c) if c.is_numeric() => READ_TIME.is_match(trimmed),
        _ => false,
    }
}

/// A line opening a list of links in the body ("Related", "More on this story", "Read more:").
fn opens_link_list(line: Shaped) -> bool {
    is_chrome(line)
        && (FURNITURE_START.is_match(line.text) || LIST_TITLE.is_match(line.text))
        && !FURNITURE_WORD.is_match(line.text)
}

fn is_short(line: Shaped) -> bool {
    line.words <= SHORT_MAX_WORDS && !line.ends
}

/// Removes boilerplate lines from every document, using evidence across versions, and records
/// what was removed in each document's `removed_boilerplate`, in page order.
pub fn strip(docs: &mut [Document]) {
    let mut cache = LineCache::default();
    let pages: Vec<Page> = docs.iter().map(|doc| Page::new(doc, &mut cache)).collect();
    for (d, doc) in docs.iter_mut().enumerate() {
        let others: Vec<&Evidence> = pages
            .iter()
            .enumerate()
            .filter(|&(e, _)| e != d)
            .map(|(_, page)| &page.evidence)
            .collect();
        strip_one(doc, &pages[d], &others);
    }
}

/// One line of the page as stripping sees it: trimmed, or a hard-wrapped paragraph joined.
struct Line<'a> {
    /// Paragraph number in the page.
    paragraph: usize,
    text: Cow<'a, str>,
    /// Its range in the page's word hashes.
    words: Range<usize>,
    /// Whitespace-separated words.
    word_count: usize,
    /// Whether it ends like a sentence.
    ends: bool,
}

fn strip_one(doc: &mut Document, page: &Page, others: &[&Evidence]) {
    let old_paragraphs = std::mem::take(&mut doc.paragraphs);
    let mut lines: Vec<Line> = Vec::new();
    for (p, text) in old_paragraphs.iter().enumerate() {
        let page_lines = page.paragraphs.get(p).cloned().unwrap_or(0..0);
        // A hard-wrapped paragraph is one line of running text, not a run of short lines.
        if is_hard_wrapped(text) {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !joined.is_empty() {
                let shaped = Shaped::new(&joined);
                lines.push(Line {
                    paragraph: p,
                    word_count: shaped.words,
                    ends: shaped.ends,
                    text: Cow::Owned(joined),
                    words: page.words_of(page_lines),
                });
            }
        } else {
            // Trimming changes neither a line's words nor whether it ends like a sentence.
            for (line, (words, word_count, ends)) in text.lines().zip(&page.lines[page_lines]) {
                let line = line.trim();
                if !line.is_empty() {
                    lines.push(Line {
                        paragraph: p,
                        word_count: *word_count,
                        ends: *ends,
                        text: Cow::Borrowed(line),
                        words: words.clone(),
                    });
                }
            }
        }
    }
    let words = |i: usize| &page.words[lines[i].words.clone()];
    let shaped = |i: usize| Shaped {
        text: lines[i].text.as_ref(),
        words: lines[i].word_count,
        ends: lines[i].ends,
    };
    let n = lines.len();
    // Whether another version shares line `i`, worked out once per line.
    let mut shared_memo: Vec<Option<bool>> = vec![None; n];
    let mut set = Vec::new();
    let mut shared =
        |i: usize| *shared_memo[i].get_or_insert_with(|| shares_any(others, words(i), &mut set));
    // Chrome by shape, and non-sentence lines repeated in the page (after their first time).
    let mut seen: rustc_hash::FxHashSet<u64> =
        rustc_hash::FxHashSet::with_capacity_and_hasher(n, Default::default());
    let mut removed: Vec<bool> = (0..n)
        .map(|i| {
            let w = words(i);
            let repeated =
                !w.is_empty() && !seen.insert(line_key(w)) && !is_sentence_like(shaped(i));
            is_chrome(shaped(i)) || repeated
        })
        .collect();

    // The top run: headline, deck, and whatever else stands before the first sentence.
    let first_body = (0..n).find(|&i| !removed[i] && is_sentence_like(shaped(i)));
    // A text with no line of running text at all (no sentence punctuation anywhere) has no
    // page shape to read: its lines are its content, and only chrome by shape goes.
    let top_end = first_body.unwrap_or(0);
    let candidates: Vec<usize> = (0..top_end).filter(|&i| !removed[i]).collect();
    let headline = candidates
        .iter()
        .copied()
        .find(|&i| lines[i].word_count >= SHORT_MAX_WORDS && shared(i))
        .or_else(|| {
            candidates
                .iter()
                .copied()
                .find(|&i| lines[i].word_count > SHORT_MAX_WORDS)
        })
        .or_else(|| candidates.first().copied());
    let mut deck = None;
    if let Some(h) = headline {
        for &i in &candidates {
            if i != h && words(i) == words(h) {
                removed[i] = true;
            }
        }
        let rest: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| i > h && !removed[i] && !is_short(shaped(i)))
            .collect();
        if let Some(&next) = rest.first() {
            if lines[next].word_count >= SENTENCE_MIN_WORDS
                && (shared(next) || rest.len() == 1)
                && !is_short(shaped(next))
            {
                deck = Some(next);
            }
        }
        for &i in &candidates {
            let line = shaped(i);
            if i != h && Some(i) != deck && (is_teaser(line) || is_short(line)) {
                removed[i] = true;
            }
        }
    }

    if let Some(first) = first_body {
        // The bottom run: teasers and list items after the last sentence.
        let last_body = (first..n)
            .rev()
            .find(|&i| !removed[i] && is_sentence_like(shaped(i)))
            .unwrap_or(first);
        for (i, gone) in removed.iter_mut().enumerate().skip(last_body + 1) {
            let line = shaped(i);
            if is_short(line) || (is_teaser(line) && !shared(i)) {
                *gone = true;
            }
        }
        // The body: short labels, link lists after a furniture line, runs of title-case teasers.
        let mut in_link_list = false;
        let mut run: Vec<usize> = Vec::new();
        for i in first..=last_body {
            let line = shaped(i);
            if is_short(line) && !removed[i] {
                removed[i] = true;
            }
            if removed[i] {
                in_link_list = in_link_list || opens_link_list(line);
                continue;
            }
            let teaser = is_teaser(line) && !shared(i);
            if in_link_list && teaser {
                removed[i] = true;
                continue;
            }
            in_link_list = false;
            if teaser && is_title_case(line.text) {
                run.push(i);
            } else {
                if run.len() >= TEASER_RUN_MIN {
                    run.iter().for_each(|&r| removed[r] = true);
                }
                run.clear();
            }
        }
        if run.len() >= TEASER_RUN_MIN {
            run.iter().for_each(|&r| removed[r] = true);
        }
    }

    // Rebuild: headline and deck as paragraph 0, the rest in page order.
    let mut paragraphs: Vec<String> = Vec::new();
    let mut kept = vec![false; n];
    if let Some(h) = headline.filter(|&h| !removed[h]) {
        let mut p0 = lines[h].text.to_string();
        kept[h] = true;
        if let Some(d) = deck {
            p0.push('\n');
            p0.push_str(&lines[d].text);
            kept[d] = true;
        }
        paragraphs.push(p0);
    }
    let mut last_para = None;
    for (i, line) in lines.iter().enumerate() {
        if removed[i] || Some(i) == headline || Some(i) == deck {
            continue;
        }
        match paragraphs.last_mut() {
            Some(last) if last_para == Some(line.paragraph) => {
                last.push('\n');
                last.push_str(&line.text);
            }
            _ => paragraphs.push(line.text.to_string()),
        }
        last_para = Some(line.paragraph);
        kept[i] = true;
    }

    // Removed lines, old and new, in page order; positions count kept lines before each.
    let mut kept_before_at = Vec::with_capacity(n + 1);
    kept_before_at.push(0);
    for &k in &kept {
        kept_before_at.push(kept_before_at.last().copied().unwrap_or(0) + usize::from(k));
    }
    let kept_before = |line_index: usize| kept_before_at[line_index.min(n)];
    let old_positions = std::mem::take(&mut doc.removed_positions);
    let old: Vec<(usize, String)> = std::mem::take(&mut doc.removed_boilerplate)
        .into_iter()
        .enumerate()
        .map(|(k, l)| (old_positions.get(k).copied().unwrap_or(0), l))
        .collect();
    let mut old = old.into_iter().peekable();
    for (i, &gone) in removed.iter().enumerate() {
        while let Some((pos, line)) = old.next_if(|(pos, _)| *pos <= i) {
            doc.removed_positions.push(kept_before(pos));
            doc.removed_boilerplate.push(line);
        }
        if gone {
            doc.removed_positions.push(kept_before(i));
            doc.removed_boilerplate.push(lines[i].text.to_string());
        }
    }
    for (pos, line) in old {
        doc.removed_positions.push(kept_before(pos));
        doc.removed_boilerplate.push(line);
    }
    doc.paragraphs = paragraphs;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document {
            id: "v".into(),
            paragraphs: crate::ingest::paragraphs(text),
            ..Document::default()
        }
    }

    const BODY: &str = "BRUSSELS (Wire) - Ministers failed on Tuesday to agree a budget for next year, \
        officials said.\n\nThe talks failed.\n\n\"We will try again,\" the chair said.";

    fn hashes(line: &str) -> Vec<u64> {
        let mut out = Vec::new();
        assert_eq!(scan_line(line, &mut out), word_count(line), "{line:?}");
        out
    }

    #[test]
    fn word_hashes_fold_case_and_split_on_non_words() {
        assert_eq!(hashes("Top STORIES: Öl"), hashes("top stories öl"));
        assert_eq!(hashes("ÉLYSÉE–Palace"), hashes("élysée palace"));
        assert_eq!(hashes("  Kyiv, 9°C  ").len(), 3);
        assert_eq!(hashes("ΟΔΟΣ"), hashes("οδοσ"));
        assert_eq!(
            hashes("Straßenbahnhaltestelle Zürichseeufer"),
            hashes("straßenBAHNhaltestelle ZÜRICHSEEufer")
        );
        assert_ne!(hashes("abcdefgh"), hashes("abcdefg"));
        assert_ne!(hashes("ΟΔΟΣ"), hashes("οδος"));
        assert_eq!(hashes("a\u{a0}b\u{3000}c\u{b}d").len(), 4);
        assert_eq!(
            hashes("Averyveryverylongwordofmorethanthirtytwoletters"),
            hashes("averyveryverylongwordofmorethanthirtytwoLETTERS")
        );
        assert_ne!(hashes("Öl"), hashes("ol"));
        assert!(hashes(" -- | ").is_empty());
    }

    #[test]
    fn shares_table() {
        let mut evidence = Evidence::default();
        for line in [
            "Budget talks collapse in Brussels",
            "Ministers failed on Tuesday to agree a budget for next year, officials said.",
        ] {
            evidence.push(&hashes(line));
        }
        let table: &[(&str, bool)] = &[
            ("Budget talks collapse in Brussels", true),
            ("budget talks COLLAPSE in Brussels!", true),
            // Words in a row inside a longer line.
            ("agree a budget for next year", true),
            // Most of the same words (Jaccard 5/7 and 3/5), in any order.
            ("Budget talks collapse in Brussels again today", true),
            ("Brussels talks budget", true),
            ("Brussels budget rules change", false),
            ("Budget talks", false),
            ("Farmers block roads near parliament", false),
        ];
        let mut set = Vec::new();
        for (line, want) in table {
            assert_eq!(
                shares_any(&[&evidence], &hashes(line), &mut set),
                *want,
                "{line:?}"
            );
        }
    }

    #[test]
    fn line_shape_table() {
        let table: &[(&str, bool)] = &[
            ("Skip to main content", true),
            ("Home | World | Politics | Business", true),
            ("News > Europe > Belgium", true),
            ("Tuesday, 12 March 2024", true),
            ("Updated: 14:05 GMT, 12 Mar 2024", true),
            ("Brussels 9°C", true),
            ("Advertisement", true),
            ("ADVERTISEMENT - SCROLL TO CONTINUE", true),
            ("By Ana Ruiz and Tom Berg", true),
            ("(Reporting by Ana Ruiz; Editing by Tom Berg)", true),
            ("Share this article", true),
            ("Follow us on Telegram", true),
            ("Most Read in Europe", true),
            ("More Europe stories", true),
            ("4 min read", true),
            ("Read more: Budget row deepens", true),
            ("The talks failed.", false),
            ("Ministers met on Tuesday.", false),
            (
                "Share prices fell sharply after the budget talks collapsed on Tuesday.",
                false,
            ),
            ("By Tuesday the ministers had agreed nothing at all.", false),
            ("Budget talks collapse in Brussels", false),
            (
                "Brussels is 9 km from the airport and the talks ran late into the night.",
                false,
            ),
        ];
        for (line, want) in table {
            assert_eq!(is_chrome(Shaped::new(line)), *want, "{line:?}");
        }
    }

    #[test]
    fn strip_table() {
        // (page text, other version, kept paragraphs, removed lines)
        let table: &[(&str, &str, &[&str], &[&str])] = &[
            (
                // Nav, widgets, byline and a repeated headline at the top; teasers at the bottom.
                "Skip to main content\nHome | World | Europe | Business\nBrussels 9°C\n\n\
                 Budget talks collapse in Brussels\n\nBudget talks collapse in Brussels\n\n\
                 Ministers trade blame as deadline passes\n\nBy Ana Ruiz\nTuesday, 12 March 2024\n\nBODY\n\n\
                 Share this article\n\nMost Read\nFarmers Block Roads Near Parliament\nRail Strike Called Off\n\
                 Wire",
                "Budget talks collapse in Brussels\n\nBODY",
                &[
                    "Budget talks collapse in Brussels\nMinisters trade blame as deadline passes",
                    "BRUSSELS (Wire) - Ministers failed on Tuesday to agree a budget for next year, officials said.",
                    "The talks failed.",
                    "\"We will try again,\" the chair said.",
                ],
                &[
                    "Skip to main content",
                    "Home | World | Europe | Business",
                    "Brussels 9°C",
                    "Budget talks collapse in Brussels",
                    "By Ana Ruiz",
                    "Tuesday, 12 March 2024",
                    "Share this article",
                    "Most Read",
                    "Farmers Block Roads Near Parliament",
                    "Rail Strike Called Off",
                    "Wire",
                ],
            ),
            (
                // Advertisement and a related list inside the body; crosshead-free body kept.
                "Budget talks collapse\n\nBODY\n\nAdvertisement\n\nRelated\nFarmers block roads near parliament\n\n\
                 The next meeting is set for April, a spokesman said.",
                "Budget talks collapse\n\nThe next meeting is set for April, a spokesman said.",
                &[
                    "Budget talks collapse",
                    "BRUSSELS (Wire) - Ministers failed on Tuesday to agree a budget for next year, officials said.",
                    "The talks failed.",
                    "\"We will try again,\" the chair said.",
                    "The next meeting is set for April, a spokesman said.",
                ],
                &[
                    "Advertisement",
                    "Related",
                    "Farmers block roads near parliament",
                ],
            ),
            (
                // A hard-wrapped lead without a dateline is running text, not a top-run teaser.
                "Budget talks collapse\n\nMinisters from the bloc's member states failed on\n\
                 Tuesday to agree a budget for next year after talks\n\
                 that ran through the night, officials said.",
                "Budget talks collapse",
                &[
                    "Budget talks collapse",
                    "Ministers from the bloc's member states failed on Tuesday to agree a budget for next year after talks that ran through the night, officials said.",
                ],
                &[],
            ),
            (
                // A bottom line another version shares is kept.
                "Budget talks collapse\n\nBODY\n\nMinisters to meet again in April",
                "Budget talks collapse\n\nBODY\n\nMinisters to meet again in April",
                &[
                    "Budget talks collapse",
                    "BRUSSELS (Wire) - Ministers failed on Tuesday to agree a budget for next year, officials said.",
                    "The talks failed.",
                    "\"We will try again,\" the chair said.",
                    "Ministers to meet again in April",
                ],
                &[],
            ),
        ];
        for (page, other, want_kept, want_removed) in table {
            let mut docs = vec![
                doc(&page.replace("BODY", BODY)),
                doc(&other.replace("BODY", BODY)),
            ];
            strip(&mut docs);
            assert_eq!(docs[0].paragraphs, *want_kept, "page: {page}");
            assert_eq!(docs[0].removed_boilerplate, *want_removed, "page: {page}");
            assert_eq!(
                docs[0].removed_positions.len(),
                docs[0].removed_boilerplate.len()
            );
        }
    }

    #[test]
    fn every_line_is_kept_or_listed() {
        let page = "Home | News\n\nHeadline of the story here\n\nHeadline of the story here\n\nBODY\n\nTop Stories\nOther Thing Happens";
        let mut docs = vec![doc(&page.replace("BODY", BODY)), doc(BODY)];
        let before: Vec<String> = docs[0]
            .paragraphs
            .iter()
            .flat_map(|p| p.lines().map(str::to_string))
            .collect();
        strip(&mut docs);
        let mut after: Vec<String> = docs[0]
            .paragraphs
            .iter()
            .flat_map(|p| p.lines().map(str::to_string))
            .collect();
        after.extend(docs[0].removed_boilerplate.iter().cloned());
        let mut before_sorted = before.clone();
        before_sorted.sort();
        after.sort();
        assert_eq!(before_sorted, after);
    }

    #[test]
    fn extraction_removals_stay_in_page_order() {
        let mut d = doc("Headline of the story here\n\nBODY\n\nTop Stories"
            .replace("BODY", BODY)
            .as_str());
        // As HTML extraction leaves them: a nav line before everything, a footer after.
        d.removed_boilerplate = vec!["Menu".into(), "Contact us".into()];
        d.removed_positions = vec![0, 5];
        let mut docs = vec![d];
        strip(&mut docs);
        assert_eq!(
            docs[0].removed_boilerplate,
            ["Menu", "Top Stories", "Contact us"]
        );
        assert_eq!(docs[0].removed_positions, [0, 4, 4]);
    }
}
