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

use super::Document;
use crate::segment::{ends_sentence, is_hard_wrapped};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

mod patterns;

use patterns::{
    has_furniture_word, has_temperature, is_credit_or_read_time, is_list_title, opens_with_byline,
    opens_with_dateline, opens_with_furniture,
};

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

/// Day and month names and their abbreviations, sorted (for a binary search).
const DATE_WORDS: &[&str] = &[
    "apr",
    "april",
    "aug",
    "august",
    "dec",
    "december",
    "feb",
    "february",
    "fri",
    "friday",
    "jan",
    "january",
    "jul",
    "july",
    "jun",
    "june",
    "mar",
    "march",
    "may",
    "mon",
    "monday",
    "nov",
    "november",
    "oct",
    "october",
    "sat",
    "saturday",
    "sep",
    "sept",
    "september",
    "sun",
    "sunday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
];

/// Words a date line holds besides dates and times, sorted (for a binary search).
const DATE_FILLER: &[&str] = &[
    "a.m",
    "ago",
    "am",
    "at",
    "bst",
    "cest",
    "cet",
    "edt",
    "est",
    "gmt",
    "hour",
    "hours",
    "ist",
    "last",
    "local",
    "mins",
    "minutes",
    "modified",
    "msk",
    "of",
    "on",
    "p.m",
    "pdt",
    "pm",
    "posted",
    "pst",
    "published",
    "the",
    "time",
    "today",
    "updated",
    "utc",
    "yesterday",
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
    // The word being read; empty (length 0) between words, as word bytes are never 0.
    let mut word = WordHasher::default();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (len, space) = if b.is_ascii() {
            // One table look-up tells a word byte (lower-cased) from a space or other byte.
            let class = ASCII_CLASS[usize::from(b)];
            if class >= ASCII_WORD {
                // A run of ASCII word bytes holds no field or word boundary.
                fields += usize::from(!in_field);
                in_field = true;
                let start = i;
                i += ascii_word_run(&bytes[i..]);
                // The usual word: short, ASCII, with eight bytes of line from its start.
                if word.len == 0 && i - start < 8 {
                    if let Some(eight) = bytes.get(start..start + 8) {
                        word.start_short_run(eight, i - start);
                        continue;
                    }
                }
                word.push_ascii_run(&bytes[start..i]);
                continue;
            } else if word.len > 0 {
                out.push(std::mem::take(&mut word).finish());
            }
            (1, class == ASCII_SPACE)
        } else {
            let Some(c) = line.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            if c.is_alphanumeric() {
                let mut buf = [0u8; 4];
                for l in c.to_lowercase() {
                    l.encode_utf8(&mut buf).bytes().for_each(|b| word.push(b));
                }
            } else if word.len > 0 {
                out.push(std::mem::take(&mut word).finish());
            }
            (c.len_utf8(), c.is_whitespace())
        };
        fields += usize::from(!space && !in_field);
        in_field = !space;
        i += len;
    }
    if word.len > 0 {
        out.push(word.finish());
    }
    fields
}

/// The number of ASCII letters and digits `bytes` opens with, read eight bytes at a time.
fn ascii_word_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let others = !ascii_word_bytes(u64::from_le_bytes(eight)) & HIGH_BITS;
        if others != 0 {
            return n + (others.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes[n..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count()
}

/// One in each byte of a `u64`.
const LOW_BITS: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte of a `u64`.
const HIGH_BITS: u64 = 0x80 * LOW_BITS;

/// The bytes of `x` that are ASCII letters or digits, as their high bits. Each byte's low
/// seven bits `t` are compared at once with no carry between bytes: `t + (0x80 - lo)` has
/// its high bit set when `t >= lo`, and `t + (0x7f - hi)` when `t > hi`.
fn ascii_word_bytes(x: u64) -> u64 {
    let in_range = |t: u64, lo: u8, hi: u8| {
        (t + LOW_BITS * u64::from(0x80 - lo)) & !(t + LOW_BITS * u64::from(0x7f - hi)) & HIGH_BITS
    };
    let t = x & !HIGH_BITS;
    let digit = in_range(t, b'0', b'9');
    // Setting bit 5 lower-cases a letter and makes no other byte one.
    let letter = in_range(t | (LOW_BITS * 0x20), b'a', b'z');
    (digit | letter) & !x
}

/// [`ASCII_CLASS`] of a whitespace byte (as [`char::is_whitespace`] has it).
const ASCII_SPACE: u8 = 1;
/// [`ASCII_CLASS`] values from here up are word bytes, lower-cased.
const ASCII_WORD: u8 = b'0';

/// Per byte: an ASCII letter or digit lower-cased, else [`ASCII_SPACE`] for ASCII whitespace,
/// else 0 (other ASCII bytes, and every byte from 0x80).
static ASCII_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else if matches!(c, b' ' | b'\t'..=b'\r') {
            ASCII_SPACE
        } else {
            0
        };
        b += 1;
    }
    table
};

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

    /// Pushes a run of ASCII letters and digits, lower-cased: the same as pushing its bytes
    /// one by one, with whole chunks of eight taken in one load. (Setting bit 5 lower-cases an
    /// ASCII letter and leaves a digit as it is.)
    fn push_ascii_run(&mut self, mut run: &[u8]) {
        const LOWER: u64 = 0x2020_2020_2020_2020;
        // Complete the chunk in progress.
        while self.len % 8 != 0 {
            let Some((&b, rest)) = run.split_first() else {
                return;
            };
            self.push(b | 0x20);
            run = rest;
        }
        let mut chunks = run.chunks_exact(8);
        for c in &mut chunks {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(c);
            self.chunk = u64::from_be_bytes(eight) | LOWER;
            self.len += 8;
            self.fold();
        }
        // The chunk is empty here: the last bytes, oldest in the high bits.
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut eight = [0u8; 8];
            eight[8 - rest.len()..].copy_from_slice(rest);
            self.chunk = u64::from_be_bytes(eight) | (LOWER >> (8 * (8 - rest.len())));
            self.len += rest.len() as u64;
        }
    }

    /// Starts a word with a run of fewer than eight ASCII letters and digits, given the eight
    /// bytes of the line from the run's start (`eight.len() == 8`): the same as
    /// [`WordHasher::push_ascii_run`] on a fresh hasher, with one load instead of a copy.
    fn start_short_run(&mut self, eight: &[u8], len: usize) {
        const LOWER: u64 = 0x2020_2020_2020_2020;
        let mut chunk = [0u8; 8];
        chunk.copy_from_slice(eight);
        // The run's bytes in the low `len` bytes, oldest in the high bits, as the remainder
        // of `push_ascii_run` puts them.
        let shift = 8 * (8 - len as u32);
        self.chunk = (u64::from_be_bytes(chunk) >> shift) | (LOWER >> shift);
        self.len = len as u64;
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

/// A document's lines (`str::lines` of each paragraph, in page order), as ids of the story's
/// distinct lines in its [`LineCache`], read once for both the evidence the page gives the
/// other versions and its own stripping.
struct Page {
    /// Per line: its id in the story's [`LineCache`].
    lines: Vec<u32>,
    /// Per paragraph: its range in `lines`.
    paragraphs: Vec<Range<usize>>,
    /// The lines that count as evidence for the other versions, in page order: its sentences
    /// and the lines of its headline region.
    evidence: Vec<u32>,
}

impl Page {
    /// Reads the lines of version `version`'s paragraphs into `cache`, marking the lines it
    /// gives as evidence there.
    fn new<'a>(paragraphs: &'a [String], cache: &mut LineCache<'a>, version: u32) -> Page {
        let mut lines = Vec::with_capacity(paragraphs.len());
        let mut page_paragraphs = Vec::with_capacity(paragraphs.len());
        let mut evidence = Vec::with_capacity(paragraphs.len());
        for paragraph in paragraphs {
            let first = lines.len();
            for line in super::lines(paragraph) {
                let id = cache.read(line);
                if lines.len() < HEADLINE_REGION_LINES || cache.is_sentence_like(id) {
                    cache.lines[id as usize].holders.add(version);
                    evidence.push(id);
                }
                lines.push(id);
            }
            page_paragraphs.push(first..lines.len());
        }
        Page {
            lines,
            paragraphs: page_paragraphs,
            evidence,
        }
    }
}

/// Up to two of the versions that have a line: enough to tell whether a version other than a
/// given one has it.
#[derive(Clone, Copy, Default)]
struct Holders([Option<u32>; 2]);

impl Holders {
    fn add(&mut self, version: u32) {
        match self.0 {
            [None, _] => self.0[0] = Some(version),
            [Some(first), None] if first != version => self.0[1] = Some(version),
            _ => {}
        }
    }

    fn merge(&mut self, other: Holders) {
        other.0.into_iter().flatten().for_each(|v| self.add(v));
    }

    fn contains(&self, version: u32) -> bool {
        self.0.contains(&Some(version))
    }

    /// Two versions: every version has another one besides itself.
    fn is_full(&self) -> bool {
        self.0[1].is_some()
    }

    fn is_empty(&self) -> bool {
        self.0[0].is_none()
    }

    /// Whether a version other than `version` is among them.
    fn any_but(&self, version: u32) -> bool {
        self.0.iter().flatten().any(|&v| v != version)
    }
}

/// What the rules make of one distinct line (trimmed), each worked out when first asked: the
/// answers depend on the text alone, and versions of one story share most of their lines.
#[derive(Default)]
struct Facts {
    chrome: OnceCell<bool>,
    sentence_like: OnceCell<bool>,
    teaser: OnceCell<bool>,
    title_case: OnceCell<bool>,
    link_list: OnceCell<bool>,
}

/// What [`Page::new`] reads of one line text, kept once per distinct text of the story.
struct ReadLine<'a> {
    /// The line as it stands in its paragraph (untrimmed).
    text: &'a str,
    /// Its range in [`LineCache::words`].
    words: Range<usize>,
    /// Whitespace-separated words.
    fields: usize,
    /// Whether it ends like a sentence ([`ends_sentence`]).
    ends: bool,
    /// Its [`line_key`].
    key: u64,
    /// Bit `hash % 64` set for each of its word hashes ([`signature`]).
    signature: u64,
    /// Whether the untrimmed text is [`is_sentence_like`], once asked (it decides evidence).
    sentence_like: OnceCell<bool>,
    /// The versions that give it as evidence.
    holders: Holders,
    /// The trimmed line's facts, for stripping.
    facts: Facts,
    /// Its distinct word hashes, sorted, once needed.
    set: OnceCell<Box<[u64]>>,
    /// The versions with a line like it by words ([`Story::similar_holders`]), once needed.
    similar: OnceCell<Holders>,
}

/// The distinct lines of a story's versions, by text, each with an id.
#[derive(Default)]
struct LineCache<'a> {
    /// Every distinct line's word hashes, one after the other.
    words: Vec<u64>,
    /// Keyed by a sampled hash of the text (see [`super::SampledKey`]).
    ids: rustc_hash::FxHashMap<super::SampledKey<'a>, u32>,
    /// Per id.
    lines: Vec<ReadLine<'a>>,
}

impl<'a> LineCache<'a> {
    /// The line's id, reading it (word hashes, word count, sentence end, key) the first time.
    fn read(&mut self, line: &'a str) -> u32 {
        match self.ids.entry(super::SampledKey(line)) {
            std::collections::hash_map::Entry::Occupied(e) => *e.get(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let id = self.lines.len() as u32;
                let start = self.words.len();
                let fields = scan_line(line, &mut self.words);
                self.lines.push(ReadLine {
                    text: line,
                    key: line_key(&self.words[start..]),
                    signature: signature(&self.words[start..]),
                    words: start..self.words.len(),
                    fields,
                    ends: ends_sentence(line),
                    sentence_like: OnceCell::new(),
                    holders: Holders::default(),
                    facts: Facts::default(),
                    set: OnceCell::new(),
                    similar: OnceCell::new(),
                });
                e.insert(id);
                id
            }
        }
    }

    /// The word hashes of line `id`.
    fn words(&self, id: u32) -> &[u64] {
        &self.words[self.lines[id as usize].words.clone()]
    }

    /// [`is_sentence_like`] of the (untrimmed) line `id`.
    fn is_sentence_like(&self, id: u32) -> bool {
        let read = &self.lines[id as usize];
        *read.sentence_like.get_or_init(|| {
            is_sentence_like(Shaped {
                text: read.text,
                words: read.fields,
                ends: read.ends,
            })
        })
    }

    /// The sorted distinct word hashes of line `id`.
    fn set(&self, id: u32) -> &[u64] {
        self.lines[id as usize].set.get_or_init(|| {
            let mut set = Vec::new();
            sorted_set(self.words(id), &mut set);
            set.into_boxed_slice()
        })
    }
}

/// A story's versions as stripping sees them: their pages, their distinct lines, and which
/// versions give which line as evidence (its sentences and the lines of its headline region).
struct Story<'a> {
    lines: LineCache<'a>,
    /// Per version.
    pages: Vec<Page>,
    /// Whole-line keys of evidence lines, with the versions that give them.
    by_key: rustc_hash::FxHashMap<u64, Holders>,
    /// The distinct evidence lines, by id.
    evidence: Vec<u32>,
}

impl<'a> Story<'a> {
    /// Reads the paragraphs of every version.
    fn new(versions: &'a [Vec<String>]) -> Story<'a> {
        // Sized for a story whose versions share few lines, so that nothing grows.
        let most_lines: usize = versions.iter().map(Vec::len).sum();
        let bytes: usize = versions
            .first()
            .map_or(0, |v| v.iter().map(String::len).sum());
        let mut lines = LineCache {
            words: Vec::with_capacity(bytes / 3),
            ids: rustc_hash::FxHashMap::with_capacity_and_hasher(most_lines, Default::default()),
            lines: Vec::with_capacity(most_lines),
        };
        let pages: Vec<Page> = versions
            .iter()
            .enumerate()
            .map(|(v, paragraphs)| Page::new(paragraphs, &mut lines, v as u32))
            .collect();
        let mut by_key: rustc_hash::FxHashMap<u64, Holders> = rustc_hash::FxHashMap::default();
        let mut evidence = Vec::new();
        for (id, read) in lines.lines.iter().enumerate() {
            if !read.holders.is_empty() {
                by_key.entry(read.key).or_default().merge(read.holders);
                evidence.push(id as u32);
            }
        }
        Story {
            lines,
            pages,
            by_key,
            evidence,
        }
    }

    /// Whether `words` (not empty) stand in a row in version `version`'s evidence lines, read
    /// end to end.
    /// `words_signature` is the [`signature`] of `words`.
    fn in_a_row(&self, version: usize, words: &[u64], words_signature: u64) -> bool {
        let evidence = &self.pages[version].evidence;
        let first = words[0];
        evidence.iter().enumerate().any(|(j, &id)| {
            let read = &self.lines.lines[id as usize];
            if read.signature & signature_bit(first) == 0 {
                return false;
            }
            let line = self.lines.words(id);
            // A run inside this line needs every word's bit in its signature; a run that goes
            // on into the next lines starts among its last words.
            let from = if read.signature & words_signature == words_signature {
                0
            } else {
                line.len().saturating_sub(words.len() - 1)
            };
            (from..line.len()).any(|k| line[k] == first && self.run_at(evidence, j, k, words))
        })
    }

    /// Whether `words` stand in a row in the lines `evidence`, from word `k` of line `j` on.
    fn run_at(&self, evidence: &[u32], mut j: usize, mut k: usize, words: &[u64]) -> bool {
        for &w in words {
            loop {
                let Some(&id) = evidence.get(j) else {
                    return false;
                };
                if k < self.lines.words(id).len() {
                    break;
                }
                j += 1;
                k = 0;
            }
            if self.lines.words(evidence[j])[k] != w {
                return false;
            }
            k += 1;
        }
        true
    }

    /// Whether a version other than `version` has the line whose word hashes are `words` (key
    /// `key`; `id` when it is one line of the story rather than a joined paragraph): a line of
    /// fewer than [`SHORT_MAX_WORDS`] words only as a whole line; a longer one as a whole line,
    /// its words in a row, or a line with most of the same words.
    fn shares(&self, version: u32, words: &[u64], key: u64, id: Option<u32>) -> bool {
        if words.is_empty() {
            return false;
        }
        if self.by_key.get(&key).is_some_and(|h| h.any_but(version)) {
            // The same words as a whole line: they stand in a row in that version's evidence.
            return true;
        }
        if words.len() < SHORT_MAX_WORDS {
            return false;
        }
        let similar = match id {
            Some(id) => *self.lines.lines[id as usize]
                .similar
                .get_or_init(|| self.similar_holders(words)),
            None => self.similar_holders(words),
        };
        similar.any_but(version)
    }

    /// The versions (two at most) whose evidence has the line whose word hashes are `words`
    /// (three or more): a line with most of the same words (Jaccard), or the words in a row.
    fn similar_holders(&self, words: &[u64]) -> Holders {
        let mut set = Vec::new();
        sorted_set(words, &mut set);
        // When no two of the words share a signature bit, the words of `set` whose bit is in
        // a signature are as many as the bits the two signatures share.
        let set_signature = signature(&set);
        let bits_distinct = set_signature.count_ones() as usize == set.len();
        let mut found = Holders::default();
        for &id in &self.evidence {
            if found.is_full() {
                return found;
            }
            // A bound from the signatures rules most lines out before their sets are made:
            // the intersection has at most `present` words and the other line at least as
            // many distinct words as its signature has bits. Integers keep the bound exact;
            // a Jaccard below 3/5 by at least 1/(5 × union) never rounds up to 0.6.
            let read = &self.lines.lines[id as usize];
            let present = if bits_distinct {
                (set_signature & read.signature).count_ones() as usize
            } else {
                set.iter()
                    .filter(|&&w| read.signature & signature_bit(w) != 0)
                    .count()
            };
            let at_least = read.signature.count_ones() as usize;
            if 5 * present < 3 * (set.len() + at_least - present) {
                continue;
            }
            let other = self.lines.set(id);
            // The Jaccard is at most the smaller set's size over the larger's.
            let (small, large) = if set.len() <= other.len() {
                (set.len(), other.len())
            } else {
                (other.len(), set.len())
            };
            if (small as f64 / large as f64) < SHARED_LINE_JACCARD {
                continue;
            }
            let inter = sorted_intersection(&set, other) as f64;
            let union = (set.len() + other.len()) as f64 - inter;
            if union > 0.0 && inter / union >= SHARED_LINE_JACCARD {
                found.merge(read.holders);
            }
        }
        // The line's words, in a row, somewhere in a version's evidence (across its lines).
        let words_signature = signature(words);
        for version in 0..self.pages.len() {
            if found.is_full() {
                break;
            }
            if !found.contains(version as u32) && self.in_a_row(version, words, words_signature) {
                found.add(version as u32);
            }
        }
        found
    }
}

/// The bit of a word hash in a line [`signature`].
fn signature_bit(word: u64) -> u64 {
    1 << (word % 64)
}

/// A line's words as 64 bits: bit `hash % 64` set for each word hash.
fn signature(words: &[u64]) -> u64 {
    words.iter().fold(0, |sig, &w| sig | signature_bit(w))
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
        || opens_with_dateline(line.text)
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
    if line.words == 0 || line.words > TEASER_MAX_WORDS || opens_with_dateline(line.text) {
        return false;
    }
    let t = line.text.trim_end();
    if t.ends_with(':') {
        return false;
    }
    !line.ends
        || (t.trim_end_matches(['"', '\'', '”', '’']).ends_with('?') && is_title_case(line.text))
}

/// Separators of menu and breadcrumb items.
const MENU_SEPARATORS: [char; 7] = ['|', '•', '·', '»', '›', '>', '/'];

/// A menu or breadcrumb: three items or more between separators, each short and not a
/// sentence.
fn is_menu(line: &str) -> bool {
    // Three items need two separators.
    if line.split(MENU_SEPARATORS).nth(2).is_none() {
        return false;
    }
    let mut items = 0;
    for item in line.split(MENU_SEPARATORS).map(str::trim) {
        if item.is_empty() {
            continue;
        }
        if word_count(item) > 4 || ends_sentence(item) {
            return false;
        }
        items += 1;
    }
    items >= 3
}

/// A line made only of a date or time, with filler words ("Updated", "GMT").
fn is_date_only(line: &str) -> bool {
    let mut dated = false;
    for token in line.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '|' | '/' | '·' | '–' | '—' | '(' | ')')
    }) {
        let token = token.trim_matches(|c: char| matches!(c, ':' | '-' | '.'));
        if token.is_empty() {
            continue;
        }
        match date_token(token) {
            Some(date) => dated |= date,
            None => return false,
        }
    }
    dated
}

/// What a token of a date line is, in any case: a date word or number (`Some(true)`), filler
/// (`Some(false)`), or neither (`None`). An ASCII token is compared in place; another is
/// lower-cased first.
fn date_token(token: &str) -> Option<bool> {
    if token.is_ascii() {
        date_token_by(token, |word, t| {
            word.bytes().cmp(t.bytes().map(|b| b.to_ascii_lowercase()))
        })
    } else {
        date_token_by(&token.to_lowercase(), |word, t| word.cmp(t))
    }
}

/// [`date_token`], with `order` ordering a lower-case word before or after the token (or a
/// part of it) as the lower-case token would be.
fn date_token_by(t: &str, order: impl Fn(&str, &str) -> std::cmp::Ordering) -> Option<bool> {
    let listed = |list: &[&str], t: &str| list.binary_search_by(|w| order(w, t)).is_ok();
    let number_char = |c: char| c.is_ascii_digit() || matches!(c, ':' | '.' | '-');
    let number = t
        .trim_end_matches(char::is_alphabetic)
        .chars()
        .all(number_char)
        && t.starts_with(|c: char| c.is_ascii_digit())
        && listed(NUMBER_SUFFIXES, t.trim_start_matches(number_char));
    if number || listed(DATE_WORDS, t) {
        Some(true)
    } else if listed(DATE_FILLER, t) {
        Some(false)
    } else {
        None
    }
}

/// What may follow the digits of a date or time ("12th", "9pm"), sorted.
const NUMBER_SUFFIXES: &[&str] = &["", "am", "h", "nd", "pm", "rd", "st", "th"];

/// Page chrome by the shape of the line alone.
fn is_chrome(shaped: Shaped) -> bool {
    if is_protected(shaped) {
        return false;
    }
    let line = shaped.text;
    let words = shaped.words;
    let short = words <= CHROME_MAX_WORDS;
    (short && (opens_with_furniture(line) || has_furniture_word(line)))
        || (words <= 6 && is_list_title(line) && !shaped.ends)
        || is_menu(line)
        || is_date_only(line)
        || (words <= 6 && has_temperature(line))
        || (words <= 10 && opens_with_byline(line) && !line.contains(['.', '!', '?']))
        || is_credit_or_read_time(line.trim())
}

/// A line opening a list of links in the body ("Related", "More on this story", "Read more:").
fn opens_link_list(line: Shaped) -> bool {
    is_chrome(line)
        && (opens_with_furniture(line.text) || is_list_title(line.text))
        && !has_furniture_word(line.text)
}

fn is_short(line: Shaped) -> bool {
    line.words <= SHORT_MAX_WORDS && !line.ends
}

/// Removes boilerplate lines from every document, using evidence across versions, and records
/// what was removed in each document's `removed_boilerplate`, in page order.
pub fn strip(docs: &mut [Document]) {
    let old: Vec<Vec<String>> = docs
        .iter_mut()
        .map(|doc| std::mem::take(&mut doc.paragraphs))
        .collect();
    let story = Story::new(&old);
    let plans: Vec<Vec<Paragraph>> = docs
        .iter_mut()
        .enumerate()
        .map(|(d, doc)| strip_one(doc, &old[d], &story, d as u32))
        .collect();
    drop(story);
    for ((doc, mut old), plan) in docs.iter_mut().zip(old).zip(plans) {
        doc.paragraphs = plan
            .into_iter()
            .map(|p| match p {
                Paragraph::Kept(k) => std::mem::take(&mut old[k]),
                Paragraph::Rebuilt(text) => text,
            })
            .collect();
    }
}

/// A paragraph of a stripped page: one of the page's paragraphs as it was (by number), or one
/// rebuilt from the lines kept.
enum Paragraph {
    Kept(usize),
    Rebuilt(String),
}

/// One line of the page as stripping sees it: trimmed, or a hard-wrapped paragraph joined.
struct Line<'a> {
    /// Paragraph number in the page.
    paragraph: usize,
    text: Cow<'a, str>,
    /// Its word hashes.
    words: Cow<'a, [u64]>,
    /// Its [`line_key`].
    key: u64,
    /// Its id in the story's [`LineCache`], unless it is a joined paragraph.
    id: Option<u32>,
    /// Whitespace-separated words.
    word_count: usize,
    /// Whether it ends like a sentence.
    ends: bool,
}

/// Strips version `version` of `story`, whose paragraphs were `old_paragraphs`: records the
/// removed lines in `doc` and returns its paragraphs.
fn strip_one<'a>(
    doc: &mut Document,
    old_paragraphs: &'a [String],
    story: &'a Story<'a>,
    version: u32,
) -> Vec<Paragraph> {
    let page = &story.pages[version as usize];
    let mut lines: Vec<Line> = Vec::with_capacity(page.lines.len());
    for (p, text) in old_paragraphs.iter().enumerate() {
        let page_lines = page.paragraphs.get(p).cloned().unwrap_or(0..0);
        // A hard-wrapped paragraph is one line of running text, not a run of short lines (a
        // paragraph of one line is never hard-wrapped).
        if page_lines.len() >= 2 && is_hard_wrapped(text) {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !joined.is_empty() {
                let shaped = Shaped::new(&joined);
                let words: Vec<u64> = page.lines[page_lines]
                    .iter()
                    .flat_map(|&id| story.lines.words(id))
                    .copied()
                    .collect();
                lines.push(Line {
                    paragraph: p,
                    word_count: shaped.words,
                    ends: shaped.ends,
                    text: Cow::Owned(joined),
                    key: line_key(&words),
                    words: Cow::Owned(words),
                    id: None,
                });
            }
        } else {
            // The page's line ids stand for `super::lines(text)`, whose texts the story keeps.
            // Trimming changes neither a line's words nor whether it ends like a sentence.
            for &id in &page.lines[page_lines] {
                let read = &story.lines.lines[id as usize];
                let line = super::trim(read.text);
                if !line.is_empty() {
                    lines.push(Line {
                        paragraph: p,
                        word_count: read.fields,
                        ends: read.ends,
                        text: Cow::Borrowed(line),
                        words: Cow::Borrowed(story.lines.words(id)),
                        key: read.key,
                        id: Some(id),
                    });
                }
            }
        }
    }
    let words = |i: usize| -> &[u64] { &lines[i].words };
    let shaped = |i: usize| Shaped {
        text: lines[i].text.as_ref(),
        words: lines[i].word_count,
        ends: lines[i].ends,
    };
    // A rule's answer for line `i`, kept per distinct line of the story.
    let fact = |i: usize, memo: fn(&Facts) -> &OnceCell<bool>, rule: fn(Shaped) -> bool| match lines
        [i]
        .id
    {
        Some(id) => *memo(&story.lines.lines[id as usize].facts).get_or_init(|| rule(shaped(i))),
        None => rule(shaped(i)),
    };
    let chrome = |i: usize| fact(i, |f| &f.chrome, is_chrome);
    let sentence_like = |i: usize| fact(i, |f| &f.sentence_like, is_sentence_like);
    let teaser = |i: usize| fact(i, |f| &f.teaser, is_teaser);
    let title_case = |i: usize| fact(i, |f| &f.title_case, |line| is_title_case(line.text));
    let link_list = |i: usize| fact(i, |f| &f.link_list, opens_link_list);
    let n = lines.len();
    // Whether another version shares line `i`, worked out once per line.
    let mut shared_memo: Vec<Option<bool>> = vec![None; n];
    let mut shared = |i: usize| {
        *shared_memo[i]
            .get_or_insert_with(|| story.shares(version, words(i), lines[i].key, lines[i].id))
    };
    // Chrome by shape, and non-sentence lines repeated in the page (after their first time).
    let mut seen: rustc_hash::FxHashSet<u64> =
        rustc_hash::FxHashSet::with_capacity_and_hasher(n, Default::default());
    let mut removed: Vec<bool> = (0..n)
        .map(|i| {
            let repeated = !words(i).is_empty() && !seen.insert(lines[i].key) && !sentence_like(i);
            chrome(i) || repeated
        })
        .collect();

    // The top run: headline, deck, and whatever else stands before the first sentence.
    let first_body = (0..n).find(|&i| !removed[i] && sentence_like(i));
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
            if i != h && Some(i) != deck && (teaser(i) || is_short(line)) {
                removed[i] = true;
            }
        }
    }

    if let Some(first) = first_body {
        // The bottom run: teasers and list items after the last sentence.
        let last_body = (first..n)
            .rev()
            .find(|&i| !removed[i] && sentence_like(i))
            .unwrap_or(first);
        for (i, gone) in removed.iter_mut().enumerate().skip(last_body + 1) {
            let line = shaped(i);
            if is_short(line) || (teaser(i) && !shared(i)) {
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
                in_link_list = in_link_list || link_list(i);
                continue;
            }
            let unshared_teaser = teaser(i) && !shared(i);
            if in_link_list && unshared_teaser {
                removed[i] = true;
                continue;
            }
            in_link_list = false;
            if unshared_teaser && title_case(i) {
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

    // Rebuild: headline and deck as paragraph 0, the rest in page order. A paragraph whose
    // lines are all kept, none trimmed or joined, is kept as it was.
    let mut paragraphs: Vec<Paragraph> = Vec::with_capacity(old_paragraphs.len() + 1);
    let mut kept = vec![false; n];
    if let Some(h) = headline.filter(|&h| !removed[h]) {
        let mut p0 = lines[h].text.to_string();
        kept[h] = true;
        if let Some(d) = deck {
            p0.push('\n');
            p0.push_str(&lines[d].text);
            kept[d] = true;
        }
        paragraphs.push(Paragraph::Rebuilt(p0));
    }
    let mut lines_in = vec![0usize; old_paragraphs.len()];
    lines.iter().for_each(|line| lines_in[line.paragraph] += 1);
    // The kept lines of one page paragraph, made into a paragraph of the stripped page.
    let paragraph_of = |group: &[usize]| {
        let p = lines[group[0]].paragraph;
        let len = group.iter().map(|&i| lines[i].text.len()).sum::<usize>() + group.len() - 1;
        // Trimmed lines are slices of the paragraph's lines, so with every line there and
        // the same length, nothing was trimmed or skipped: the text is the paragraph's.
        if group.len() == lines_in[p]
            && len == old_paragraphs[p].len()
            && group
                .iter()
                .all(|&i| matches!(lines[i].text, Cow::Borrowed(_)))
        {
            return Paragraph::Kept(p);
        }
        let mut text = String::with_capacity(len);
        for (k, &i) in group.iter().enumerate() {
            if k > 0 {
                text.push('\n');
            }
            text.push_str(&lines[i].text);
        }
        Paragraph::Rebuilt(text)
    };
    let mut group: Vec<usize> = Vec::with_capacity(8);
    for (i, line) in lines.iter().enumerate() {
        if removed[i] || Some(i) == headline || Some(i) == deck {
            continue;
        }
        if group
            .last()
            .is_some_and(|&g| lines[g].paragraph != line.paragraph)
        {
            paragraphs.push(paragraph_of(&group));
            group.clear();
        }
        group.push(i);
        kept[i] = true;
    }
    if !group.is_empty() {
        paragraphs.push(paragraph_of(&group));
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
    for (i, _) in removed.iter().enumerate().filter(|&(_, &gone)| gone) {
        // Earlier removals that stood before this line go first.
        while let Some((pos, line)) = old.next_if(|(pos, _)| *pos <= i) {
            doc.removed_positions.push(kept_before(pos));
            doc.removed_boilerplate.push(line);
        }
        doc.removed_positions.push(kept_before(i));
        doc.removed_boilerplate.push(lines[i].text.to_string());
    }
    for (pos, line) in old {
        doc.removed_positions.push(kept_before(pos));
        doc.removed_boilerplate.push(line);
    }
    paragraphs
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

    /// Every byte value, at every place of the eight, among word bytes and among others.
    #[test]
    fn ascii_word_bytes_tells_every_byte() {
        for b in 0..=u8::MAX {
            for place in 0..8 {
                for filler in [b'a', b'Z', b' ', 0xff] {
                    let mut eight = [filler; 8];
                    eight[place] = b;
                    let mask = ascii_word_bytes(u64::from_le_bytes(eight));
                    for (k, &byte) in eight.iter().enumerate() {
                        let word = mask >> (8 * k + 7) & 1 == 1;
                        assert_eq!(word, byte.is_ascii_alphanumeric(), "{eight:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn date_lists_are_sorted_lower_case() {
        for list in [DATE_WORDS, DATE_FILLER, NUMBER_SUFFIXES] {
            assert!(list.is_sorted(), "{list:?}");
            assert!(list.iter().all(|w| *w == w.to_lowercase()), "{list:?}");
        }
    }

    #[test]
    fn shares_table() {
        // Version 0 gives both lines as evidence (its headline region); version 1 asks.
        let versions = vec![
            vec![
                "Budget talks collapse in Brussels".to_string(),
                "Ministers failed on Tuesday to agree a budget for next year, officials said."
                    .to_string(),
            ],
            Vec::new(),
        ];
        let story = Story::new(&versions);
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
        for (line, want) in table {
            let words = hashes(line);
            let key = line_key(&words);
            assert_eq!(story.shares(1, &words, key, None), *want, "{line:?}");
            // Version 0 itself does not count.
            assert!(!story.shares(0, &words, key, None), "{line:?}");
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

    proptest::proptest! {
        #[test]
        fn ascii_word_runs_are_counted_as_bytewise(
            word in "[A-Za-z0-9]{0,20}",
            tail in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..12),
        ) {
            let bytes = [word.as_bytes(), &tail].concat();
            let want = bytes.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            proptest::prop_assert_eq!(ascii_word_run(&bytes), want);
        }

        /// With distinct bits, the shared signature bits count the words whose bit is set.
        #[test]
        fn shared_bits_count_present_words(
            words in proptest::collection::vec(proptest::prelude::any::<u64>(), 0..16),
            other in proptest::prelude::any::<u64>(),
        ) {
            let mut set = Vec::new();
            sorted_set(&words, &mut set);
            let set_signature = signature(&set);
            if set_signature.count_ones() as usize == set.len() {
                let present = set.iter().filter(|&&w| other & signature_bit(w) != 0).count();
                proptest::prop_assert_eq!((set_signature & other).count_ones() as usize, present);
            }
        }

        /// Word hashes as first written: each word's lower-cased bytes pushed one at a time.
        #[test]
        fn word_hashes_match_bytewise_hashing(
            line in "([a-zA-Z0-9]{1,20}|[ .,\t\u{a0}é\u{c9}\u{df}\u{130}\u{3a3}\u{2013}]{1,2}){0,12}"
        ) {
            let mut want = Vec::new();
            let mut word = WordHasher::default();
            for c in line.chars() {
                if c.is_alphanumeric() {
                    let mut buf = [0u8; 4];
                    for l in c.to_lowercase() {
                        l.encode_utf8(&mut buf).bytes().for_each(|b| word.push(b));
                    }
                } else if word.len > 0 {
                    want.push(std::mem::take(&mut word).finish());
                }
            }
            if word.len > 0 {
                want.push(word.finish());
            }
            proptest::prop_assert_eq!(hashes(&line), want);
        }
    }

    /// [`is_menu`] as first written.
    fn is_menu_reference(line: &str) -> bool {
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

    /// [`is_date_only`] as first written.
    fn is_date_only_reference(line: &str) -> bool {
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
                    t.trim_start_matches(
                        |c: char| c.is_ascii_digit() || matches!(c, ':' | '.' | '-')
                    ),
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

    proptest::proptest! {
        /// Menus, dates and their near misses in wire-page pieces.
        #[test]
        fn menu_and_date_rules_match_their_first_form(
            line in "((Home|World|News|Europe|Top Stories|The talks failed\\.|a b c d e|\
                Updated|UPDATED|on|GMT|Tue|Tuesday|MARCH|Mars|12|12th|12TH|3rd|14:05|9\\.30|\
                2024-03-12|1st-|am|P\\.M|K|İ|É|ſt|\\||/|>|»|•|·|,|-|:|\\.|\\(|\\)|–|—) ?){0,8}"
        ) {
            proptest::prop_assert_eq!(is_menu(&line), is_menu_reference(&line));
            proptest::prop_assert_eq!(is_date_only(&line), is_date_only_reference(&line));
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
