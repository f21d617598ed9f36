//! Align: sentences of every version matched with the base's, then gathered into rows.
//!
//! Pairwise, each version is aligned with the base in four passes:
//! 1. sentence similarity on IDF-weighted content words (and characters for short lines),
//!    computed only for candidate pairs that share a word, so large inputs stay sub-quadratic;
//! 2. the heaviest in-order chain of matches (what the version tells in the base's order);
//! 3. the remaining matches, out of order: these are marked `moved`;
//! 4. splits and merges: an unmatched sentence whose content completes a neighbour's match.
//!
//! Rows then follow the base's reading order; a version's added sentence sits after its nearest
//! preceding aligned neighbour.

use std::borrow::Cow;

use rustc_hash::FxHashMap;
use smallvec::{SmallVec, smallvec};

use crate::ingest::SampledKey;
use crate::report::model::Status;
use crate::segment::Sentence;

/// Two sentences align when their weighted content-word Dice similarity reaches this (0..1).
pub const MATCH_DICE: f32 = 0.40;
/// ...or when one keeps at least this share of the other's content (labels.md: "at least half")
pub const MATCH_CONTAINMENT: f32 = 0.5;
/// ...with a Dice similarity of at least this, so a short line inside a long one is no match.
pub const MATCH_CONTAINMENT_MIN_DICE: f32 = 0.25;
/// Below this many content words a line is "short" and character similarity counts too.
pub const SHORT_LINE_WORDS: usize = 5;
/// Character similarity (normalised Levenshtein, 0..1) that aligns two short lines.
pub const SHORT_LINE_CHARS: f64 = 0.75;
/// A sentence joins a neighbour's match as a split or merge part when at least this share of
/// its content words is found in the neighbour's counterpart. A little under labels.md's
/// "at least half": a merged sentence usually trims the part it absorbs, and only a direct
/// neighbour of an aligned sentence is considered...
pub const PART_SHARE: f32 = 0.4;
/// ...and at least this share is found only in the part of the counterpart that its own match
/// does not already cover, so a sentence that merely repeats its neighbour does not join.
pub const PART_FRESH_SHARE: f32 = 0.3;
/// A content word found in more sentences than this does not generate candidate pairs (it
/// still counts in their similarity).
pub const MAX_POSTINGS: usize = 400;

/// English function words left out of content-word similarity.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "between", "both", "but", "by", "can",
    "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
    "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me",
    "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or",
    "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such",
    "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this",
    "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
    "your", "s", "said", "says", "say", "told", "added", "mr", "ms", "mrs",
];

static STOPWORD_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| STOPWORDS.iter().copied().collect());

/// Sentence indices of one side of a link, or of the base of a cell: nearly always one or two,
/// which are held inline (no allocation).
pub type Indices = SmallVec<[usize; 2]>;

/// How one version's sentences relate to the base's.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Base sentence indices (several for a merge).
    pub base: Indices,
    /// Version sentence indices (several for a split).
    pub other: Indices,
    /// Content similarity of the joined sentences, 0..1.
    pub similarity: f32,
    /// True when the version tells this out of the base's order.
    pub moved: bool,
}

impl Link {
    /// The status of this link's cell (identical and reworded are told apart by the caller).
    pub fn shape(&self) -> Status {
        match (self.base.len(), self.other.len()) {
            (1, n) if n > 1 => Status::Split,
            (n, _) if n > 1 => Status::Merged,
            _ => Status::Reworded,
        }
    }
}

/// A version aligned with the base.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PairAlignment {
    /// Matched groups, in the base's order of their first sentence.
    pub links: Vec<Link>,
    /// Version sentences with no counterpart.
    pub added: Vec<usize>,
    /// Base sentences with no counterpart.
    pub dropped: Vec<usize>,
}

/// Content words of a sentence: lower case, stop words out, possessives and plurals folded.
pub fn content_words(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for_each_word(&lower, |w| {
        if !STOPWORD_SET.contains(w) {
            out.push(stem(w).into_owned());
        }
    });
    out
}

/// In [`WORD_BYTE`]: an ASCII byte that separates words...
const SEPARATOR: u8 = 0;
/// ...one that makes words (a letter, digit or apostrophe)...
const WORD: u8 = 1;
/// ...and a byte of a character that is not ASCII, which is decoded to tell.
const WIDE: u8 = 2;

/// Per byte: [`SEPARATOR`], [`WORD`] or [`WIDE`].
static WORD_BYTE: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() || c == b'\'' {
            WORD
        } else {
            SEPARATOR
        };
        b += 1;
    }
    t
};

/// Calls `f` with every word of lower-cased text, apostrophes trimmed and a possessive `'s`
/// cut, before stop words are dropped and the word is stemmed. Letters, digits and apostrophes
/// make words; everything else separates. ASCII bytes are told apart by one table lookup.
fn for_each_word<'t>(lower: &'t str, mut f: impl FnMut(&'t str)) {
    let bytes = lower.as_bytes();
    let n = bytes.len();
    // A character that is not ASCII, at byte `i`: whether it makes words, and its length.
    let wide = |i: usize| -> (bool, usize) {
        let c = lower[i..].chars().next().unwrap_or(' ');
        (c.is_alphanumeric() || c == '\u{2019}', c.len_utf8())
    };
    let mut i = 0;
    loop {
        // Separators up to the next word.
        while i < n {
            match WORD_BYTE[usize::from(bytes[i])] {
                WORD => break,
                SEPARATOR => i += 1,
                _ => match wide(i) {
                    (true, _) => break,
                    (false, len) => i += len,
                },
            }
        }
        if i >= n {
            break;
        }
        let start = i;
        while i < n {
            match WORD_BYTE[usize::from(bytes[i])] {
                WORD => i += 1,
                SEPARATOR => break,
                _ => match wide(i) {
                    (true, len) => i += len,
                    (false, _) => break,
                },
            }
        }
        let w = trim_word(&lower[start..i]);
        if !w.is_empty() {
            f(w);
        }
    }
}

/// `text.to_lowercase()`, its runs of ASCII lower-cased byte by byte and only the other
/// characters looked up one by one (what `to_lowercase` does after its first character that
/// is not ASCII). A capital sigma lower-cases by its neighbours (to ς at a word's end), so a
/// text that holds one is left to `to_lowercase`.
fn lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let from = out.len();
        out.push_str(&rest[..ascii]);
        out[from..].make_ascii_lowercase();
        let mut chars = rest[ascii..].chars();
        let Some(c) = chars.next() else {
            break;
        };
        if c == '\u{3a3}' {
            return text.to_lowercase();
        }
        out.extend(c.to_lowercase());
        rest = chars.as_str();
    }
    out
}

/// A word as read: its apostrophes trimmed and a possessive `'s` cut (`raw` is not empty).
fn trim_word(raw: &str) -> &str {
    let bytes = raw.as_bytes();
    // Only a word that starts or ends with a byte of an apostrophe (' or the last byte of
    // \u{2019}, or the first byte of one) can have one to trim: the rest skip the scan.
    let (first, last) = (bytes[0], bytes[bytes.len() - 1]);
    let w = if matches!(first, b'\'' | 0xE2) || matches!(last, b'\'' | 0x99) {
        raw.trim_matches(|c: char| c == '\'' || c == '\u{2019}')
    } else {
        raw
    };
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("\u{2019}s"))
        .unwrap_or(w)
}

/// A light stemmer: plural and past endings, and British -ise spellings, folded. Borrows the
/// word unless an ending is rewritten.
fn stem(w: &str) -> Cow<'_, str> {
    if w.bytes().all(|b| b.is_ascii_digit()) {
        return Cow::Borrowed(w);
    }
    for (suffix, repl) in [
        ("ies", "y"),
        ("ises", "ize"),
        ("ised", "ized"),
        ("ise", "ize"),
    ] {
        if w.len() > suffix.len() + 3 && w.ends_with(suffix) {
            let kept = &w[..w.len() - suffix.len()];
            let mut s = String::with_capacity(kept.len() + repl.len());
            s.push_str(kept);
            s.push_str(repl);
            return Cow::Owned(s);
        }
    }
    if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        return Cow::Borrowed(&w[..w.len() - 1]);
    }
    Cow::Borrowed(w)
}

/// The word weights of one pairwise alignment: a word's weight depends only on the pair, and
/// a sentence's words are its story-level ids (see [`StoryWords`]), so a sentence is weighted
/// through `by_id` and a sentence both versions tell (most of them) is totalled once.
struct PairWeights {
    /// Per distinct sentence of the story: its total weight (NaN when the pair does not tell
    /// it).
    totals: Vec<f32>,
    /// Per word id: its weight (zero for a word neither version holds).
    by_id: Vec<f32>,
    /// The largest weight in `by_id` (0 when no word has one).
    heaviest: f32,
}

/// One version's sentences as weighted content-word bags: each sentence's sorted, unique word
/// ids (borrowed from [`StoryWords`]) weighted by the pair's `by_id`.
struct Bags<'a> {
    /// The story's words.
    story: &'a StoryWords,
    /// Per word id: its weight in this pair.
    by_id: &'a [f32],
    /// Per sentence: total weight.
    totals: Vec<f32>,
    /// Per sentence: its content-word count.
    lens: Vec<usize>,
    /// Per sentence: its index among the story's distinct sentences; two sentences with the
    /// same index have the same text.
    texts: &'a [u32],
    /// The story's memo of short-line character similarity (see [`StoryWords`]).
    close: &'a CloseMemo,
}

impl Bags<'_> {
    /// Sentence `i`'s word ids, sorted and unique.
    fn ids(&self, i: usize) -> &[u32] {
        self.story.words(self.texts[i])
    }

    fn len(&self) -> usize {
        self.texts.len()
    }

    /// Lower-cased text of sentence `i`, for short-line character similarity.
    fn lower(&self, i: usize) -> &str {
        &self.story.lower[self.texts[i] as usize]
    }

    /// Characters in sentence `i`'s lower-cased text.
    fn chars(&self, i: usize) -> usize {
        self.story.chars[self.texts[i] as usize]
    }
}

/// [`close_chars`] of two distinct sentences of a story, by their indices (base side first).
/// Every version is aligned with the same base and versions share most sentences, so the
/// same short lines meet again and again; the pairwise alignments run on several threads,
/// hence the lock (held only to read or write the map, never while measuring).
#[derive(Debug, Default)]
struct CloseMemo(std::sync::Mutex<FxHashMap<(u32, u32), Option<f64>>>);

impl CloseMemo {
    fn get(&self, key: (u32, u32), measure: impl FnOnce() -> Option<f64>) -> Option<f64> {
        let lock = || {
            self.0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(&known) = lock().get(&key) {
            return known;
        }
        let value = measure();
        lock().insert(key, value);
        value
    }
}

impl Clone for CloseMemo {
    fn clone(&self) -> Self {
        let map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        CloseMemo(std::sync::Mutex::new(map.clone()))
    }
}

/// The content words of every sentence of one story's versions, as ids over one vocabulary,
/// computed once per story and shared by the medoid and every pairwise alignment.
#[derive(Debug, Clone, Default)]
pub struct StoryWords {
    /// `versions[v][i]`: the index of sentence `i` of version `v` among the distinct sentences
    /// of the story (versions share most of their sentences verbatim).
    versions: Vec<Vec<u32>>,
    /// Sorted, unique word ids of every distinct sentence: distinct sentence `t`'s are
    /// `ids[offs[t]..offs[t + 1]]`.
    ids: Vec<u32>,
    offs: Vec<u32>,
    /// Lower-cased text of every distinct sentence, for short-line character similarity.
    lower: Vec<String>,
    /// Characters in each distinct lower-cased sentence.
    chars: Vec<usize>,
    /// Number of distinct words.
    vocab: usize,
    /// Short-line character similarity of distinct sentences met so far in alignments.
    close: CloseMemo,
    /// What depends on the base alone, for the first version aligned as a base: every pair
    /// of a story shares the base, so this is built once per story.
    base_index: std::sync::OnceLock<BaseIndex>,
}

/// One version's sentences indexed for aligning others with it, and, for every distinct
/// sentence that another version tells, the base sentences it is to be scored against.
///
/// Which base sentences are candidates for a sentence, and which words they share, depend
/// only on its text and the base; only the words' weights depend on the pair. Versions
/// repeat most of their sentences, so each distinct text is looked up in the postings once
/// per story, not once per version that tells it.
#[derive(Debug, Clone, Default)]
struct BaseIndex {
    /// The version.
    version: usize,
    /// Per word id: the number of the version's sentences that hold it.
    df: Vec<u32>,
    /// Per distinct sentence of the story: the number of times the version tells it.
    told: Vec<u32>,
    /// Per distinct sentence of the story: the range of its candidates in `cands` (empty
    /// when no version but the base tells it).
    spans: Vec<(u32, u32)>,
    /// Candidates, each distinct sentence's in the order the postings meet them (see
    /// [`StoryWords::index`]).
    cands: Vec<Cand>,
    /// The word ids a candidate shares with the sentence, ascending: `shared[from..to]`.
    shared: Vec<u32>,
    /// Per distinct sentence: the range in `fewer` of its candidates less those that share
    /// one word with it and have at least [`SHORT_LINE_WORDS`] content words, in the same
    /// order. Those are most candidates, and a pair can often tell from two of its own
    /// figures that none of them aligns (see [`candidate_pairs`]).
    fewer_spans: Vec<(u32, u32)>,
    fewer: Vec<Cand>,
}

/// A base sentence that a distinct sentence is scored against.
#[derive(Debug, Clone, Copy)]
struct Cand {
    /// The base sentence.
    base: u32,
    /// The range of the shared word ids in [`BaseIndex::shared`]; `from` is [`SAME_TEXT`]
    /// when the base sentence has the very same text (scored 1 without counting).
    from: u32,
    to: u32,
}

/// In a [`Cand`]: the base sentence tells the same text.
const SAME_TEXT: u32 = u32::MAX;

impl BaseIndex {
    /// The candidates of distinct sentence `t`.
    fn cands(&self, t: u32) -> &[Cand] {
        let (from, to) = self.spans[t as usize];
        &self.cands[from as usize..to as usize]
    }

    /// The candidates of distinct sentence `t` but those that share a single word with it
    /// and are not short.
    fn fewer(&self, t: u32) -> &[Cand] {
        let (from, to) = self.fewer_spans[t as usize];
        &self.fewer[from as usize..to as usize]
    }
}

/// In [`StoryWords::new`]'s word cache: a stop word.
const STOP: u32 = u32::MAX;

/// Words as written, each with its id (or [`STOP`]). A word of up to 16 bytes is its own key,
/// packed in two integers (zero-padded: words hold no NUL), so a lookup reads no other memory.
#[derive(Default)]
struct WordCache {
    short: FxHashMap<(u64, u64), u32>,
    long: FxHashMap<String, u32>,
}

/// A word of up to 16 bytes packed in two integers, little-endian and zero-padded (what
/// padding the bytes to 16 and reading two `u64` gives), from at most four loads.
pub(crate) fn pack(b: &[u8]) -> (u64, u64) {
    fn word(b: &[u8]) -> u64 {
        let n = b.len();
        if n >= 4 {
            // Two overlapping reads: the bytes they share are the same.
            let (mut head, mut tail) = ([0u8; 4], [0u8; 4]);
            head.copy_from_slice(&b[..4]);
            tail.copy_from_slice(&b[n - 4..]);
            u64::from(u32::from_le_bytes(head))
                | u64::from(u32::from_le_bytes(tail)) << (8 * (n - 4))
        } else {
            b.iter()
                .enumerate()
                .fold(0, |acc, (k, &x)| acc | u64::from(x) << (8 * k))
        }
    }
    let (lo, hi) = b.split_at(b.len().min(8));
    (word(lo), word(hi))
}

/// The stop words, packed (see [`pack`]; none is longer than 16 bytes).
static STOP_KEYS: std::sync::LazyLock<rustc_hash::FxHashSet<(u64, u64)>> =
    std::sync::LazyLock::new(|| STOPWORDS.iter().map(|w| pack(w.as_bytes())).collect());

impl WordCache {
    /// The id of word `w` as written; on a first meeting, `id` gives it, told the packed word
    /// when it is short.
    fn get_or_insert_with(&mut self, w: &str, id: impl FnOnce(Option<(u64, u64)>) -> u32) -> u32 {
        if w.len() <= 16 {
            let key = pack(w.as_bytes());
            *self.short.entry(key).or_insert_with(|| id(Some(key)))
        } else if let Some(&known) = self.long.get(w) {
            known
        } else {
            let known = id(None);
            self.long.insert(w.to_string(), known);
            known
        }
    }
}

/// Words as written, met in the stories read on one thread, each with a thread-wide id of its
/// stemmed form (or [`STOP`]). Most words recur from story to story, so a story looks each
/// written word up once here and stems and checks against the stop words only the words this
/// thread has never met. A story's own ids (dense, in order of first appearance) are given
/// through `story_id`.
#[derive(Default)]
struct Lexicon {
    /// Words as written: their stem's thread-wide id, or [`STOP`].
    seen: WordCache,
    /// Stemmed words, packed when short (see [`pack`]), with their thread-wide ids.
    stems: FxHashMap<(u64, u64), u32>,
    long_stems: FxHashMap<String, u32>,
    /// Per thread-wide stem id: its id in the story being read ([`STOP`]: not met yet).
    story_id: Vec<u32>,
    /// Thread-wide ids given a story id, to be cleared when the story is read.
    touched: Vec<u32>,
}

/// Written words a thread's [`Lexicon`] holds before it starts afresh (bounding its memory).
const LEXICON_MAX_WORDS: usize = 1 << 18;

thread_local! {
    static LEXICON: std::cell::RefCell<Lexicon> = std::cell::RefCell::new(Lexicon::default());
}

impl Lexicon {
    /// The thread-wide id of written word `w` (lower case), or [`STOP`].
    fn thread_id(&mut self, w: &str) -> u32 {
        let Lexicon {
            seen,
            stems,
            long_stems,
            story_id,
            ..
        } = self;
        seen.get_or_insert_with(w, |key| {
            let stop = match key {
                Some(key) => STOP_KEYS.contains(&key),
                None => STOPWORD_SET.contains(w),
            };
            if stop {
                return STOP;
            }
            let next = story_id.len() as u32;
            let stemmed = stem(w);
            let id = if stemmed.len() <= 16 {
                *stems.entry(pack(stemmed.as_bytes())).or_insert(next)
            } else if let Some(&known) = long_stems.get(stemmed.as_ref()) {
                known
            } else {
                long_stems.insert(stemmed.into_owned(), next);
                next
            };
            if id == next {
                story_id.push(STOP);
            }
            id
        })
    }

    /// The story's id of thread-wide id `id`, given in order of first appearance (`vocab`
    /// counts those given).
    #[inline]
    fn story_id(&mut self, id: u32, vocab: &mut u32) -> u32 {
        let slot = &mut self.story_id[id as usize];
        if *slot == STOP {
            *slot = *vocab;
            *vocab += 1;
            self.touched.push(id);
        }
        *slot
    }

    /// Forgets the story's ids, and everything once the thread has met too many words.
    fn end_story(&mut self) {
        for &id in &self.touched {
            self.story_id[id as usize] = STOP;
        }
        self.touched.clear();
        if self.seen.short.len() + self.seen.long.len() > LEXICON_MAX_WORDS {
            *self = Lexicon::default();
        }
    }
}

impl StoryWords {
    /// Reads the content words of every sentence of every version.
    pub fn new(versions: &[&[Sentence]]) -> StoryWords {
        LEXICON.with_borrow_mut(|lexicon| {
            let words = StoryWords::read(versions, lexicon);
            lexicon.end_story();
            words
        })
    }

    /// [`StoryWords::new`] with the thread's [`Lexicon`]. Ids go to stemmed words in order of
    /// first appearance in the story. Versions share most of their sentences: a sentence met
    /// before copies what was read of it.
    fn read(versions: &[&[Sentence]], lexicon: &mut Lexicon) -> StoryWords {
        let total: usize = versions.iter().map(|s| s.len()).sum();
        let mut vocab = 0u32;
        // Per story id: the last distinct sentence found to hold it.
        let mut last: Vec<u32> = Vec::new();
        // A story's texts are met several times each: keyed by a sampled hash.
        let mut met: FxHashMap<SampledKey<'_>, u32> = FxHashMap::default();
        met.reserve(total);
        // Sized for versions that share most of their sentences: about twice the first one's
        // distinct sentences, of some sixteen content words each.
        let distinct = 2 * versions.first().map_or(0, |s| s.len());
        let mut offs = Vec::with_capacity(distinct + 1);
        offs.push(0);
        let mut out = StoryWords {
            versions: Vec::with_capacity(versions.len()),
            ids: Vec::with_capacity(16 * distinct),
            offs,
            lower: Vec::with_capacity(distinct),
            chars: Vec::with_capacity(distinct),
            ..StoryWords::default()
        };
        for sentences in versions {
            let mut texts = Vec::with_capacity(sentences.len());
            for s in sentences.iter() {
                let next = out.lower.len() as u32;
                let known = *met.entry(SampledKey(&s.text)).or_insert(next);
                texts.push(known);
                if known != next {
                    continue;
                }
                // ASCII text lower-cases byte by byte, as `to_lowercase` would.
                let ascii = s.text.is_ascii();
                let text = if ascii {
                    s.text.to_ascii_lowercase()
                } else {
                    lowercase(&s.text)
                };
                let from = out.ids.len();
                for_each_word(&text, |w| {
                    let id = lexicon.thread_id(w);
                    if id != STOP {
                        let id = lexicon.story_id(id, &mut vocab);
                        // Each word once per sentence: `last` tells whether this sentence
                        // holds it already.
                        if id as usize == last.len() {
                            last.push(next);
                            out.ids.push(id);
                        } else if last[id as usize] != next {
                            last[id as usize] = next;
                            out.ids.push(id);
                        }
                    }
                });
                out.ids[from..].sort_unstable();
                out.offs.push(out.ids.len() as u32);
                out.chars.push(if ascii {
                    text.len()
                } else {
                    text.chars().count()
                });
                out.lower.push(text);
            }
            out.versions.push(texts);
        }
        out.vocab = vocab as usize;
        out
    }

    /// The sorted, unique word ids of distinct sentence `t`.
    fn words(&self, t: u32) -> &[u32] {
        &self.ids[self.offs[t as usize] as usize..self.offs[t as usize + 1] as usize]
    }

    /// The index of sentence `i` of version `v` among the story's distinct sentence texts: two
    /// sentences of the story have the same index exactly when they have the same text.
    pub fn text(&self, v: usize, i: usize) -> u32 {
        self.versions[v][i]
    }

    /// [`same_sentence`] of sentence `i` of version `v` and sentence `k` of version `u`, from
    /// the words read already: a distinct sentence's word ids are its content words (one id
    /// per stemmed word) and its lower-cased text is kept, so nothing is lower-cased, split
    /// or allocated again.
    pub fn same_sentence(&self, (v, i): (usize, usize), (u, k): (usize, usize)) -> bool {
        let (ta, tb) = (self.versions[v][i], self.versions[u][k]);
        let (wa, wb) = (self.words(ta), self.words(tb));
        let (ta, tb) = (ta as usize, tb as usize);
        if wa.len().min(wb.len()) < SHORT_LINE_WORDS
            && close_chars(
                &self.lower[ta],
                self.chars[ta],
                &self.lower[tb],
                self.chars[tb],
            )
            .is_some()
        {
            return true;
        }
        let shared = wa.iter().filter(|w| wb.binary_search(w).is_ok()).count();
        let total = wa.len() + wb.len();
        total > 0 && shared as f32 * 2.0 / total as f32 >= 0.5
    }

    /// Number of sentences of version `v` holding each word id.
    fn count_df(&self, v: usize, df: &mut [u32]) {
        for &t in &self.versions[v] {
            for &id in self.words(t) {
                df[id as usize] += 1;
            }
        }
    }

    /// Indexes version `base`'s sentences, and finds the candidates of every distinct
    /// sentence another version tells: the base sentences that share a word with it (a word
    /// held by more than [`MAX_POSTINGS`] base sentences does not count), then, for a short
    /// sentence, the base's short sentences (unless more than [`MAX_POSTINGS`]), in the order
    /// the postings of its words (ascending) meet them. That order is kept: it breaks ties
    /// between equally good pairs.
    fn index(&self, base: usize) -> BaseIndex {
        let texts = &self.versions[base];
        let mut df = vec![0u32; self.vocab];
        self.count_df(base, &mut df);
        let mut start = vec![0u32; self.vocab + 1];
        for k in 1..start.len() {
            start[k] = start[k - 1] + df[k - 1];
        }
        let mut fill = start.clone();
        let mut postings = vec![0u32; start[self.vocab] as usize];
        for (i, &t) in texts.iter().enumerate() {
            for &id in self.words(t) {
                postings[fill[id as usize] as usize] = i as u32;
                fill[id as usize] += 1;
            }
        }
        let long: Vec<bool> = texts
            .iter()
            .map(|&t| self.words(t).len() >= SHORT_LINE_WORDS)
            .collect();
        let short: Vec<u32> = (0..texts.len() as u32)
            .filter(|&i| !long[i as usize])
            .collect();

        let distinct = self.lower.len();
        let mut told = vec![0u32; distinct];
        for &t in texts {
            told[t as usize] += 1;
        }
        // Sized for versions that share most of their sentences: each of the base's words
        // then meets about one candidate, which shares two or three words.
        let mut out = BaseIndex {
            version: base,
            df,
            told,
            spans: vec![(0, 0); distinct],
            cands: Vec::with_capacity(postings.len()),
            shared: Vec::with_capacity(2 * postings.len()),
            fewer_spans: vec![(0, 0); distinct],
            fewer: Vec::with_capacity(postings.len()),
        };
        // Per base sentence: the last distinct sentence that met it (`u32::MAX`: none yet),
        // and its place among that sentence's candidates.
        let mut met = vec![(u32::MAX, 0u32); texts.len()];
        let mut done = vec![false; distinct];
        let mut found: Vec<u32> = Vec::with_capacity(texts.len());
        // The postings walk's (candidate place, word id), in walk order: each candidate's
        // shared words in ascending order.
        let mut hits: Vec<(u32, u32)> = Vec::with_capacity(postings.len());
        // Per candidate place: how many words it shares, then where the next one goes.
        let mut at: Vec<u32> = Vec::new();
        for (v, version) in self.versions.iter().enumerate() {
            if v == base {
                continue;
            }
            for &t in version {
                if std::mem::replace(&mut done[t as usize], true) {
                    continue;
                }
                found.clear();
                hits.clear();
                let mut skipped = false;
                let words = self.words(t);
                for &id in words {
                    let list =
                        &postings[start[id as usize] as usize..start[id as usize + 1] as usize];
                    if list.len() > MAX_POSTINGS {
                        skipped = true;
                        continue;
                    }
                    for &i in list {
                        let m = &mut met[i as usize];
                        if m.0 != t {
                            *m = (t, found.len() as u32);
                            found.push(i);
                        }
                        hits.push((m.1, id));
                    }
                }
                if words.len() < SHORT_LINE_WORDS && short.len() <= MAX_POSTINGS {
                    for &i in &short {
                        let m = &mut met[i as usize];
                        if m.0 != t {
                            *m = (t, found.len() as u32);
                            found.push(i);
                        }
                    }
                }
                let from = out.cands.len() as u32;
                if skipped {
                    // A word was left out of the walk: each candidate's shared words are
                    // found by merging the two word lists.
                    for &i in &found {
                        let tb = texts[i as usize];
                        if tb == t {
                            out.cands.push(Cand {
                                base: i,
                                from: SAME_TEXT,
                                to: SAME_TEXT,
                            });
                            continue;
                        }
                        let at = out.shared.len() as u32;
                        let theirs = self.words(tb);
                        let (mut a, mut b) = (0, 0);
                        while a < words.len() && b < theirs.len() {
                            match words[a].cmp(&theirs[b]) {
                                std::cmp::Ordering::Less => a += 1,
                                std::cmp::Ordering::Greater => b += 1,
                                std::cmp::Ordering::Equal => {
                                    out.shared.push(words[a]);
                                    a += 1;
                                    b += 1;
                                }
                            }
                        }
                        out.cands.push(Cand {
                            base: i,
                            from: at,
                            to: out.shared.len() as u32,
                        });
                    }
                } else {
                    // Every shared word was met in the walk: lay each candidate's out.
                    at.clear();
                    at.resize(found.len(), 0);
                    for &(k, _) in &hits {
                        at[k as usize] += 1;
                    }
                    let mut next = out.shared.len() as u32;
                    for (k, &i) in found.iter().enumerate() {
                        if texts[i as usize] == t {
                            out.cands.push(Cand {
                                base: i,
                                from: SAME_TEXT,
                                to: SAME_TEXT,
                            });
                            at[k] = SAME_TEXT;
                            continue;
                        }
                        let n = at[k];
                        out.cands.push(Cand {
                            base: i,
                            from: next,
                            to: next + n,
                        });
                        at[k] = next;
                        next += n;
                    }
                    out.shared.resize(next as usize, 0);
                    for &(k, id) in &hits {
                        let slot = &mut at[k as usize];
                        if *slot != SAME_TEXT {
                            out.shared[*slot as usize] = id;
                            *slot += 1;
                        }
                    }
                }
                out.spans[t as usize] = (from, out.cands.len() as u32);
                let fewer_from = out.fewer.len() as u32;
                for k in from as usize..out.cands.len() {
                    let c = out.cands[k];
                    let single = c.from != SAME_TEXT && c.to - c.from == 1;
                    if !(single && long[c.base as usize]) {
                        out.fewer.push(c);
                    }
                }
                out.fewer_spans[t as usize] = (fewer_from, out.fewer.len() as u32);
            }
        }
        out
    }

    /// [`StoryWords::index`] of `base`, from the story's cache when it holds that version.
    fn base_index(&self, base: usize) -> Cow<'_, BaseIndex> {
        let cached = self.base_index.get_or_init(|| self.index(base));
        if cached.version == base {
            Cow::Borrowed(cached)
        } else {
            Cow::Owned(self.index(base))
        }
    }

    /// Word weights of versions `index.version` and `other`, with IDF over the sentences of
    /// both.
    fn weights(&self, index: &BaseIndex, other: usize) -> PairWeights {
        let base = index.version;
        // The pair's document frequencies: the base's twice over, corrected by the distinct
        // sentences that the other version tells a different number of times (versions share
        // most of theirs, so only a few are read). A count may wrap below zero during the
        // corrections, never once they are all made.
        let mut told: Vec<i32> = index.told.iter().map(|&n| -(n as i32)).collect();
        for &t in &self.versions[other] {
            told[t as usize] += 1;
        }
        let mut df: Vec<u32> = index.df.iter().map(|&d| 2 * d).collect();
        for (t, &more) in told.iter().enumerate().filter(|&(_, &more)| more != 0) {
            for &id in self.words(t as u32) {
                df[id as usize] = df[id as usize].wrapping_add_signed(more);
            }
        }
        let sentences = self.versions[base].len() + self.versions[other].len();
        let n = sentences as f32;
        // A word's weight depends only on its document frequency (at most `sentences`); only
        // a few frequencies occur, so each weight is worked out when first needed (NaN: not
        // yet; a weight is never NaN, as every word of the pair has a frequency of 1 or more).
        let mut idf = vec![f32::NAN; sentences + 1];
        let mut by_id = vec![0.0f32; self.vocab];
        let mut heaviest = 0.0f32;
        for (w, &d) in by_id.iter_mut().zip(&df) {
            if d > 0 {
                let d = d as usize;
                if idf[d].is_nan() {
                    idf[d] = (1.0 + n / d as f32).ln();
                }
                *w = idf[d];
                // No weight is NaN, so this is `f32::max` without its NaN cases.
                if *w > heaviest {
                    heaviest = *w;
                }
            }
        }
        let mut totals = vec![f32::NAN; self.lower.len()];
        for v in [base, other] {
            for &t in &self.versions[v] {
                let slot = &mut totals[t as usize];
                if !slot.is_nan() {
                    continue;
                }
                // Summed in id order from -0.0, as `Iterator::sum` adds floats.
                let mut total = -0.0f32;
                for &id in self.words(t) {
                    total += by_id[id as usize];
                }
                *slot = total;
            }
        }
        PairWeights {
            totals,
            by_id,
            heaviest,
        }
    }

    /// Version `v`'s sentences as bags weighted by `weights` (made for a pair holding `v`).
    fn bags<'a>(&'a self, v: usize, weights: &'a PairWeights) -> Bags<'a> {
        let texts = &self.versions[v];
        Bags {
            story: self,
            by_id: &weights.by_id,
            totals: texts.iter().map(|&t| weights.totals[t as usize]).collect(),
            lens: texts.iter().map(|&t| self.words(t).len()).collect(),
            texts,
            close: &self.close,
        }
    }
}

/// The weight of the words `a` and `b` share (sorted, unique ids), added in id order from 0.
fn shared_weight(a: &[u32], b: &[u32], by_id: &[f32]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += by_id[a[i] as usize];
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// How many of the ids of `a` are in `b` (both sorted, unique), counted in one walk of both.
fn shared_count(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}
/// Two sentences out of context tell the same thing: at least half their content words are
/// shared (Dice on word sets), or, for short lines, their characters mostly agree.
pub fn same_sentence(a: &str, b: &str) -> bool {
    let (la, lb) = (a.to_lowercase(), b.to_lowercase());
    // The words of `content_words`, borrowed from the lower-cased text where the stemmer
    // leaves them whole.
    fn words(lower: &str) -> Vec<Cow<'_, str>> {
        let mut out: Vec<Cow<'_, str>> = Vec::new();
        for_each_word(lower, |w| {
            if !STOPWORD_SET.contains(w) {
                out.push(stem(w));
            }
        });
        out.sort_unstable();
        out.dedup();
        out
    }
    let (wa, wb) = (words(&la), words(&lb));
    // `close_chars` is `strsim::normalized_levenshtein` against the threshold (see its tests).
    if wa.len().min(wb.len()) < SHORT_LINE_WORDS
        && close_chars(&la, la.chars().count(), &lb, lb.chars().count()).is_some()
    {
        return true;
    }
    let shared = wa.iter().filter(|w| wb.binary_search(w).is_ok()).count();
    let total = wa.len() + wb.len();
    total > 0 && shared as f32 * 2.0 / total as f32 >= 0.5
}

/// Similarity of two sentences, 0..1, and whether it is enough to align them.
fn score(base: &Bags<'_>, i: usize, other: &Bags<'_>, j: usize) -> (f32, bool) {
    judge(
        base,
        i,
        other,
        j,
        shared_weight(base.ids(i), other.ids(j), base.by_id),
    )
}

/// [`score`] given the weight of the words the two sentences share.
#[inline]
fn judge(base: &Bags<'_>, i: usize, other: &Bags<'_>, j: usize, shared: f32) -> (f32, bool) {
    // The same text: its words and weights are the same on both sides, so `shared` is the
    // total, summed in the same order (Dice exactly 1, or no words at all), and the characters
    // agree (similarity 1): what the general case below finds.
    if base.texts[i] == other.texts[j] {
        return (1.0, true);
    }
    let (ta, tb) = (base.totals[i], other.totals[j]);
    let dice = if ta + tb > 0.0 {
        2.0 * shared / (ta + tb)
    } else {
        0.0
    };
    let containment = if ta.min(tb) > 0.0 {
        shared / ta.min(tb)
    } else {
        0.0
    };
    let mut sim = dice;
    let mut ok = dice >= MATCH_DICE
        || (containment >= MATCH_CONTAINMENT && dice >= MATCH_CONTAINMENT_MIN_DICE);
    if base.lens[i].min(other.lens[j]) < SHORT_LINE_WORDS && could_be_close(base, i, other, j) {
        let key = (base.texts[i], other.texts[j]);
        if let Some(chars) = base.close.get(key, || {
            close_chars(base.lower(i), base.chars(i), other.lower(j), other.chars(j))
        }) {
            ok = true;
            sim = sim.max(chars as f32);
        }
    }
    (sim, ok)
}

/// What [`surely_apart`] reads of a sentence, in one place: its total weight, whether it has
/// at least [`SHORT_LINE_WORDS`] content words, and its distinct-text index.
type Facts = (f32, bool, u32);

/// [`Facts`] of sentence `i` of `bags`.
fn facts(bags: &Bags<'_>, i: usize) -> Facts {
    (
        bags.totals[i],
        bags.lens[i] >= SHORT_LINE_WORDS,
        bags.texts[i],
    )
}

/// Whether [`judge`] surely rejects the pair, told from a cheap bound: different texts, no short
/// line, and a weighted Dice clearly (by 0.1%, far beyond rounding) under the lowest Dice
/// that can align two lines. `a` and `b` are the two sentences' [`Facts`].
#[inline]
fn surely_apart(a: Facts, b: Facts, shared: f32) -> bool {
    shared * 2.0 < dice_floor() * (a.0 + b.0) && a.1 && b.1 && a.2 != b.2
}

/// The Dice that [`surely_apart`] compares with: the lowest that can align two lines, less
/// 0.1%.
#[inline]
fn dice_floor() -> f32 {
    MATCH_DICE.min(MATCH_CONTAINMENT_MIN_DICE) * 0.999
}

/// `strsim::normalized_levenshtein(a, b)` when it reaches [`SHORT_LINE_CHARS`], else `None`;
/// `la` and `lb` are the texts' lengths in characters. The distance is only followed while
/// it can stay within the share of characters the threshold allows.
#[inline(never)]
fn close_chars(a: &str, la: usize, b: &str, lb: usize) -> Option<f64> {
    let longest = la.max(lb);
    if longest == 0 {
        return Some(1.0);
    }
    // Past this many edits the similarity is below the threshold, by at least 1 / longest.
    let limit = ((1.0 - SHORT_LINE_CHARS) * longest as f64) as usize + 1;
    // ASCII text: its bytes are its characters.
    let d = if a.is_ascii() && b.is_ascii() {
        levenshtein_ascii_within(a.as_bytes(), b.as_bytes(), limit)?
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        levenshtein_within(&a, &b, limit)?
    };
    let chars = 1.0 - (d as f64) / (longest as f64);
    (chars >= SHORT_LINE_CHARS).then_some(chars)
}

/// `a` and `b` without the start and the end they share.
fn cut_common_ends<'s, T: PartialEq>(a: &'s [T], b: &'s [T]) -> (&'s [T], &'s [T]) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (&a[..a.len() - suffix], &b[..b.len() - suffix])
}

/// [`levenshtein_within`] of two ASCII byte strings. When the shorter, common ends cut, has
/// at most 64 bytes, the distance is found column by column of the longer with one machine
/// word for the whole column, by Myers' bit-parallel algorithm (in Hyyrö's form for the edit
/// distance of two whole strings): what filling the table gives, in far fewer steps.
fn levenshtein_ascii_within(a: &[u8], b: &[u8], limit: usize) -> Option<usize> {
    let (a, b) = cut_common_ends(a, b);
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() > u64::BITS as usize {
        return levenshtein_within(a, b, limit);
    }
    if long.len() - short.len() > limit {
        return None;
    }
    if short.is_empty() {
        return Some(long.len());
    }
    // Per ASCII byte: the rows of `short` that hold it.
    let mut rows_of = [0u64; 128];
    for (row, &c) in short.iter().enumerate() {
        rows_of[usize::from(c & 0x7f)] |= 1 << row;
    }
    let last_row = 1u64 << (short.len() - 1);
    // A column's vertical differences, +1 (`up`) and -1 (`down`) rows, from the first column
    // (0, 1, 2, ...: every step +1); `d` is the column's last cell.
    let (mut up, mut down, mut d) = (u64::MAX, 0u64, short.len());
    for &c in long {
        let eq = rows_of[usize::from(c & 0x7f)];
        let xv = eq | down;
        let xh = ((eq & up).wrapping_add(up) ^ up) | eq;
        let h_up = down | !(xh | up);
        let h_down = up & xh;
        if h_up & last_row != 0 {
            d += 1;
        } else if h_down & last_row != 0 {
            d -= 1;
        }
        // The first row steps +1 from column to column.
        let h_up = (h_up << 1) | 1;
        let h_down = h_down << 1;
        up = h_down | !(xv | h_up);
        down = h_up & xv;
    }
    (d <= limit).then_some(d)
}

/// The Levenshtein distance of `a` and `b` when it is at most `limit`, else `None`. Common
/// ends are cut, and only cells within `limit` of the diagonal are filled (a path that leaves
/// that band costs more than `limit`); the work stops when a whole row exceeds `limit`.
fn levenshtein_within<T: PartialEq + Copy>(a: &[T], b: &[T], limit: usize) -> Option<usize> {
    let (a, b) = cut_common_ends(a, b);
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    if a.is_empty() || b.is_empty() {
        return Some(a.len().max(b.len()));
    }
    let far = limit + 1;
    let n = b.len();
    // Row 0: j insertions; cells never written stay `far`.
    let mut prev: Vec<usize> = (0..=n).map(|j| j.min(far)).collect();
    let mut cur = vec![far; n + 1];
    for (i, &ca) in a.iter().enumerate() {
        let i = i + 1;
        let lo = i.saturating_sub(limit).max(1);
        let hi = (i + limit).min(n);
        cur[lo - 1] = if lo == 1 { i.min(far) } else { far };
        let mut row_min = cur[lo - 1];
        for j in lo..=hi {
            let cost = usize::from(ca != b[j - 1]);
            let v = (prev[j - 1] + cost).min(prev[j] + 1).min(cur[j - 1] + 1);
            let v = v.min(far);
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[n] <= limit).then_some(prev[n])
}

/// Whether two lines can reach [`SHORT_LINE_CHARS`] at all: the edit distance is at least the
/// difference of their lengths. Lines of other lengths are not measured.
fn could_be_close(base: &Bags<'_>, i: usize, other: &Bags<'_>, j: usize) -> bool {
    let (la, lb) = (base.chars(i), other.chars(j));
    if la == 0 || lb == 0 {
        return la == 0 && lb == 0;
    }
    let (la, lb) = (la as f64, lb as f64);
    1.0 - (la - lb).abs() / la.max(lb) >= SHORT_LINE_CHARS
}

/// Every candidate pair (base index, other index, similarity) that is similar enough to align,
/// for each version sentence in order, its candidates in the order [`StoryWords::index`] found
/// them. A pair's shared weight is the sum of the weights of the words they share, in
/// ascending id order.
fn candidate_pairs(
    index: &BaseIndex,
    weights: &PairWeights,
    base: &Bags<'_>,
    other: &Bags<'_>,
) -> Vec<(usize, usize, f32)> {
    let mut out = Vec::with_capacity(other.len() * 2);
    let base_facts: Vec<Facts> = (0..base.len()).map(|i| facts(base, i)).collect();
    let by_id = &weights.by_id;
    // A candidate that shares one word, and no short line, is surely apart (see
    // `surely_apart`) when even the heaviest word of the pair, against the lightest long base
    // sentence, is: float addition and product round monotonically, so what holds for the
    // bound holds for every such candidate, and leaving them out changes nothing.
    let heaviest = weights.heaviest;
    let lightest = base_facts
        .iter()
        .filter(|f| f.1)
        .map(|f| f.0)
        .fold(f32::INFINITY, f32::min);
    for j in 0..other.len() {
        let fj = facts(other, j);
        let t = other.texts[j];
        let singles_apart = fj.1 && heaviest * 2.0 < dice_floor() * (lightest + fj.0);
        let cands = if singles_apart {
            index.fewer(t)
        } else {
            index.cands(t)
        };
        for c in cands {
            let i = c.base as usize;
            if c.from == SAME_TEXT {
                // What `judge` gives the same text.
                out.push((i, j, 1.0));
                continue;
            }
            let mut shared = 0.0f32;
            for &id in &index.shared[c.from as usize..c.to as usize] {
                shared += by_id[id as usize];
            }
            if surely_apart(base_facts[i], fj, shared) {
                continue;
            }
            let (sim, ok) = judge(base, i, other, j, shared);
            if ok {
                out.push((i, j, sim));
            }
        }
    }
    out
}

/// The pairs by base index ascending, then other index descending, of pairs that come by
/// other index ascending (as [`candidate_pairs`] gives them). No two pairs have the same
/// indices, so this order is one. Read backwards, the pairs come by other index descending,
/// and one counting pass by base index, which keeps that order within each, gives it without
/// a sort.
fn chain_order(pairs: &[(usize, usize, f32)]) -> Vec<usize> {
    debug_assert!(pairs.windows(2).all(|w| w[0].1 <= w[1].1));
    let bases = pairs.iter().map(|p| p.0 + 1).max().unwrap_or(0);
    let mut start = vec![0usize; bases + 1];
    for p in pairs {
        start[p.0 + 1] += 1;
    }
    for k in 1..start.len() {
        start[k] += start[k - 1];
    }
    let mut out = vec![0usize; pairs.len()];
    for (p, pair) in pairs.iter().enumerate().rev() {
        let slot = &mut start[pair.0];
        out[*slot] = p;
        *slot += 1;
    }
    out
}

/// The heaviest chain of pairs increasing in both indices (a weighted LIS), O(P log P), of
/// pairs that come by other index ascending, each below `m`.
fn heaviest_chain(pairs: &[(usize, usize, f32)], m: usize) -> Vec<usize> {
    // Process by base index ascending; within one base index, other index descending so two
    // pairs of the same base sentence never chain.
    let order = chain_order(pairs);
    // Fenwick tree over other index: best (weight, pair) ending at other index <= k.
    let mut tree: Vec<(f32, usize)> = vec![(0.0, usize::MAX); m + 1];
    let mut prev = vec![usize::MAX; pairs.len()];
    let query = |tree: &Vec<(f32, usize)>, mut k: usize| {
        let mut best = (0.0f32, usize::MAX);
        while k > 0 {
            if tree[k].0 > best.0 {
                best = tree[k];
            }
            k &= k - 1;
        }
        best
    };
    let mut overall = (0.0f32, usize::MAX);
    for &p in &order {
        let (_, j, w) = pairs[p];
        let (before, from) = query(&tree, j); // other index < j  (1-based j means <= j-1)
        let total = before + w;
        prev[p] = from;
        let mut k = j + 1;
        while k <= m {
            if total > tree[k].0 {
                tree[k] = (total, p);
            }
            k += k & k.wrapping_neg();
        }
        if total > overall.0 {
            overall = (total, p);
        }
    }
    let mut chain = Vec::with_capacity(m.min(pairs.len()));
    let mut p = overall.1;
    while p != usize::MAX {
        chain.push(p);
        p = prev[p];
    }
    chain.reverse();
    chain
}

/// Aligns one version with the base.
pub fn align_pair(base: &[Sentence], other: &[Sentence]) -> PairAlignment {
    let words = StoryWords::new(&[base, other]);
    align_in_story(&words, (0, base), (1, other))
}

/// Aligns version `other` with version `base` of a story whose words are read already; each
/// side is (version index in `words`, its sentences).
pub fn align_in_story(
    words: &StoryWords,
    (base_v, base): (usize, &[Sentence]),
    (other_v, other): (usize, &[Sentence]),
) -> PairAlignment {
    let index = words.base_index(base_v);
    let weights = words.weights(&index, other_v);
    let (bb, ob) = (words.bags(base_v, &weights), words.bags(other_v, &weights));

    let pairs = candidate_pairs(&index, &weights, &bb, &ob);
    let mut base_match: Vec<Option<usize>> = vec![None; base.len()];
    let mut other_match: Vec<Option<usize>> = vec![None; other.len()];
    // Each link holds a sentence of each side.
    let mut links: Vec<Link> = Vec::with_capacity(base.len().min(other.len()));

    // Pass 2: in-order matches.
    for p in heaviest_chain(&pairs, other.len()) {
        let (i, j, sim) = pairs[p];
        base_match[i] = Some(links.len());
        other_match[j] = Some(links.len());
        links.push(Link {
            base: smallvec![i],
            other: smallvec![j],
            similarity: sim,
            moved: false,
        });
    }

    // Pass 3: out-of-order matches, best first.
    let mut rest: Vec<&(usize, usize, f32)> = pairs
        .iter()
        .filter(|(i, j, _)| base_match[*i].is_none() && other_match[*j].is_none())
        .collect();
    rest.sort_by(|a, b| b.2.total_cmp(&a.2));
    for &(i, j, sim) in rest {
        if base_match[i].is_none() && other_match[j].is_none() {
            base_match[i] = Some(links.len());
            other_match[j] = Some(links.len());
            links.push(Link {
                base: smallvec![i],
                other: smallvec![j],
                similarity: sim,
                moved: true,
            });
        }
    }

    // Gaps: between two in-order matches, base and version sentences that fill gaps of the same
    // size pair up by position when they share enough, a little less than elsewhere.
    fill_gaps(&bb, &ob, &mut links, &mut base_match, &mut other_match);

    // Headlines: two headline-shaped first lines of paragraph 0 tell the same unit, however
    // differently worded, when neither matched anything else, they share a content word, and
    // the bodies align (so the versions are one story).
    if let (Some(b0), Some(o0)) = (base.first(), other.first()) {
        if base_match[0].is_none()
            && other_match[0].is_none()
            && is_headline(b0)
            && is_headline(o0)
            && shared_count(bb.ids(0), ob.ids(0)) > 0
            && links.len() >= HEADLINE_MIN_BODY_LINKS
        {
            let (sim, _) = score(&bb, 0, &ob, 0);
            base_match[0] = Some(links.len());
            other_match[0] = Some(links.len());
            links.push(Link {
                base: smallvec![0],
                other: smallvec![0],
                similarity: sim,
                moved: false,
            });
        }
    }

    // Pass 4: splits and merges.
    attach_parts(&bb, &ob, &mut links, &mut other_match, Side::Other);
    attach_parts(&ob, &bb, &mut links, &mut base_match, Side::Base);

    for link in &mut links {
        link.base.sort_unstable();
        link.other.sort_unstable();
        if link.base.len() > 1 || link.other.len() > 1 {
            link.similarity = group_similarity(&bb, &link.base, &ob, &link.other);
        }
    }
    links.sort_by_key(|l| l.base[0]);
    PairAlignment {
        added: (0..other.len())
            .filter(|&j| other_match[j].is_none())
            .collect(),
        dropped: (0..base.len())
            .filter(|&i| base_match[i].is_none())
            .collect(),
        links,
    }
}

/// Added rows of earlier versions at one place that a version's added sentence may join.
pub const MAX_SHARED_ADDED_ROWS: usize = 64;

/// In a gap of the same size on both sides between two in-order matches, a pair aligns with
/// this weighted Dice similarity...
pub const GAP_DICE: f32 = 0.20;
/// ...or when one keeps this share of the other's content.
pub const GAP_CONTAINMENT: f32 = 0.35;
/// Longest gap filled by position.
pub const GAP_MAX: usize = 3;

/// Pairs the sentences of equal-size gaps between in-order matches (and before the first and
/// after the last), by position, when each pair shares enough.
fn fill_gaps(
    bb: &Bags<'_>,
    ob: &Bags<'_>,
    links: &mut Vec<Link>,
    base_match: &mut [Option<usize>],
    other_match: &mut [Option<usize>],
) {
    let mut anchors: Vec<(isize, isize)> = Vec::with_capacity(links.len() + 2);
    anchors.push((-1, -1));
    anchors.extend(
        links
            .iter()
            .filter(|l| !l.moved)
            .map(|l| (l.base[0] as isize, l.other[0] as isize)),
    );
    anchors[1..].sort_unstable();
    anchors.push((bb.len() as isize, ob.len() as isize));
    for w in anchors.windows(2) {
        let (b0, o0) = ((w[0].0 + 1) as usize, (w[0].1 + 1) as usize);
        let (b1, o1) = (w[1].0 as usize, w[1].1 as usize);
        if b1 <= b0 || o1 <= o0 || b1 - b0 != o1 - o0 || b1 - b0 > GAP_MAX {
            continue;
        }
        let pairs = (b0..b1).zip(o0..o1);
        if pairs
            .clone()
            .any(|(i, j)| base_match[i].is_some() || other_match[j].is_some())
        {
            continue;
        }
        for (i, j) in pairs {
            let shared = shared_weight(bb.ids(i), ob.ids(j), bb.by_id);
            let (ta, tb) = (bb.totals[i], ob.totals[j]);
            if ta <= 0.0 || tb <= 0.0 {
                continue;
            }
            let dice = 2.0 * shared / (ta + tb);
            let containment = shared / ta.min(tb);
            if dice >= GAP_DICE || containment >= GAP_CONTAINMENT {
                base_match[i] = Some(links.len());
                other_match[j] = Some(links.len());
                links.push(Link {
                    base: smallvec![i],
                    other: smallvec![j],
                    similarity: dice,
                    moved: false,
                });
            }
        }
    }
}

/// Aligned body sentences two versions need before their headlines are paired by position.
pub const HEADLINE_MIN_BODY_LINKS: usize = 2;
/// Longest line, in words, taken for a headline.
pub const HEADLINE_MAX_WORDS: usize = 20;

/// A headline: in paragraph 0, short, and not ending like a sentence.
fn is_headline(s: &Sentence) -> bool {
    let t = s.text.trim_end();
    s.paragraph == 0
        && !t.ends_with(['.', '!', '?'])
        && t.split_whitespace().count() <= HEADLINE_MAX_WORDS
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    /// Unmatched sentences of the version join base matches (splits).
    Other,
    /// Unmatched sentences of the base join version matches (merges).
    Base,
}

/// Attaches each unmatched sentence on one side (`loose`) to a neighbour's link when most of its
/// content is found in that link's sentence on the other side (`whole`) and not already covered.
fn attach_parts(
    whole: &Bags<'_>,
    loose: &Bags<'_>,
    links: &mut [Link],
    loose_match: &mut [Option<usize>],
    side: Side,
) {
    for j in 0..loose.len() {
        if loose_match[j].is_some() || loose.totals[j] <= 0.0 {
            continue;
        }
        let mut best: Option<(usize, f32)> = None;
        for neighbour in [j.checked_sub(1), Some(j + 1)].into_iter().flatten() {
            let Some(Some(l)) = loose_match.get(neighbour).copied() else {
                continue;
            };
            let link = &links[l];
            let (whole_idx, loose_idx) = match side {
                Side::Other => (&link.base, &link.other),
                Side::Base => (&link.other, &link.base),
            };
            if whole_idx.len() != 1 {
                continue;
            }
            let w = whole_idx[0];
            // Shares by word count, not weight: "half of the content" as a reader counts it.
            let n = loose.lens[j] as f32;
            let found = shared_count(loose.ids(j), whole.ids(w)) as f32 / n;
            if found < PART_SHARE {
                continue;
            }
            // Its words found in the content of `w` that the loose sentences `w` matched
            // do not already cover.
            let holds = |ids: &[u32], id: &u32| ids.binary_search(id).is_ok();
            let fresh = loose
                .ids(j)
                .iter()
                .filter(|id| {
                    holds(whole.ids(w), id) && !loose_idx.iter().any(|&k| holds(loose.ids(k), id))
                })
                .count();
            let share = fresh as f32 / n;
            if share >= PART_FRESH_SHARE && best.is_none_or(|(_, s)| share > s) {
                best = Some((l, share));
            }
        }
        if let Some((l, _)) = best {
            match side {
                Side::Other => links[l].other.push(j),
                Side::Base => links[l].base.push(j),
            }
            loose_match[j] = Some(l);
        }
    }
}

fn group_similarity(base: &Bags<'_>, bi: &[usize], other: &Bags<'_>, oi: &[usize]) -> f32 {
    let merge = |bags: &Bags<'_>, idx: &[usize]| {
        let mut v: Vec<u32> = idx
            .iter()
            .flat_map(|&k| bags.ids(k).iter().copied())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (a, b) = (merge(base, bi), merge(other, oi));
    let by_id = base.by_id;
    let ta: f32 = a.iter().map(|&id| by_id[id as usize]).sum();
    let tb: f32 = b.iter().map(|&id| by_id[id as usize]).sum();
    if ta + tb > 0.0 {
        2.0 * shared_weight(&a, &b, by_id) / (ta + tb)
    } else {
        0.0
    }
}

/// Document similarity of every pair of versions (weighted content-word cosine), used to pick
/// the medoid. Returns the index of the version most similar to all the others.
pub fn medoid(versions: &[Vec<Sentence>]) -> usize {
    let slices: Vec<&[Sentence]> = versions.iter().map(Vec::as_slice).collect();
    medoid_in_story(&StoryWords::new(&slices))
}

/// [`medoid`] over words read already.
pub fn medoid_in_story(words: &StoryWords) -> usize {
    let mut best = (0, f32::MIN);
    for (a, total) in cosine_totals(words).into_iter().enumerate() {
        // Relative tolerance: versions with the same text tie, and the earlier one wins.
        if total > best.1 + 1e-4 * best.1.abs().max(1.0) {
            best = (a, total);
        }
    }
    best.0
}

/// Versions that [`cosine_totals`] works on side by side, one in each lane of a row of eight
/// numbers (two SSE registers).
const LANES: usize = 8;

/// The content-word weights of a chunk of up to [`LANES`] versions, a lane each: a row for
/// every word one of them holds, in id order (zero in the lane of a version that does not).
struct Chunk {
    ids: Vec<u32>,
    rows: Vec<[f32; LANES]>,
}

/// Per version: the sum of its document similarities with every other version (weighted
/// content-word cosines: term frequency, the number of the version's sentences that hold a
/// word, times IDF over the versions).
fn cosine_totals(words: &StoryWords) -> Vec<f32> {
    let n_versions = words.versions.len();
    let mut df = vec![0u32; words.vocab];
    let mut chunks = term_frequencies(words, &mut df);
    let n = n_versions as f32;
    let idf: Vec<f32> = (0..=n_versions)
        .map(|d| (1.0 + n / d as f32).ln())
        .collect();
    for chunk in &mut chunks {
        for (&id, row) in chunk.ids.iter().zip(&mut chunk.rows) {
            let weight = idf[df[id as usize] as usize];
            for x in row {
                *x *= weight;
            }
        }
    }
    // Dot products of two chunks' versions are summed at once over the rows of the first
    // chunk, in id order: the products of the words each pair shares, in id order, and exact
    // zeros, which change no sum (every weight is positive, so no sum is -0.0). So each is the
    // sum over the shared words alone, and a version's product with itself is its squared
    // norm (but for a version with no words, whose +0.0 is not -0.0: its cosines are 0 either
    // way).
    let mut norms = vec![0.0f32; n_versions];
    // Cosine of every pair, once (it is symmetric).
    let mut cosine = vec![0.0f32; n_versions * n_versions];
    let mut record = |norms: &[f32], first: usize, second: usize, dot: &[[f32; LANES]; LANES]| {
        for (a, dots) in (first * LANES..n_versions).zip(dot) {
            for (b, &d) in (second * LANES..n_versions).zip(dots) {
                if a < b {
                    let c = if norms[a] * norms[b] > 0.0 {
                        d / (norms[a] * norms[b])
                    } else {
                        0.0
                    };
                    cosine[a * n_versions + b] = c;
                    cosine[b * n_versions + a] = c;
                }
            }
        }
    };
    // A later chunk's rows spread over the vocabulary, for the earlier chunks to look up.
    let mut dense: Vec<[f32; LANES]> = Vec::new();
    for (second, chunk) in chunks.iter().enumerate() {
        let dot = lane_dots(chunk.rows.iter().map(|row| (row, row)));
        for (lane, norm) in norms[second * LANES..].iter_mut().take(LANES).enumerate() {
            *norm = dot[lane][lane].sqrt();
        }
        record(&norms, second, second, &dot);
        if second == 0 {
            continue;
        }
        dense.resize(words.vocab, [0.0; LANES]);
        for (&id, row) in chunk.ids.iter().zip(&chunk.rows) {
            dense[id as usize] = *row;
        }
        for (first, earlier) in chunks[..second].iter().enumerate() {
            let rows = earlier.ids.iter().zip(&earlier.rows);
            let dot = lane_dots(rows.map(|(&id, row)| (row, &dense[id as usize])));
            record(&norms, first, second, &dot);
        }
        for &id in &chunk.ids {
            dense[id as usize] = [0.0; LANES];
        }
    }
    (0..n_versions)
        .map(|a| {
            (0..n_versions)
                .filter(|&b| b != a)
                .map(|b| cosine[a * n_versions + b])
                .sum()
        })
        .collect()
}

/// `dot[i][j]`: the sum, in order, of lane `i` of every `x` times lane `j` of its `y`. One pass
/// over the rows per lane `i`, so that its eight sums stay in registers.
fn lane_dots<'r>(
    rows: impl Iterator<Item = (&'r [f32; LANES], &'r [f32; LANES])> + Clone,
) -> [[f32; LANES]; LANES] {
    let mut dot = [[0.0f32; LANES]; LANES];
    for (i, sums) in dot.iter_mut().enumerate() {
        let mut acc = [0.0f32; LANES];
        for (x, y) in rows.clone() {
            let xi = x[i];
            for (a, &yj) in acc.iter_mut().zip(y) {
                *a += xi * yj;
            }
        }
        *sums = acc;
    }
    dot
}

/// The term frequencies of every chunk of [`LANES`] versions, in the [`Chunk`] rows that their
/// weights will take; `df` gains the number of versions that hold each word. A chunk's
/// frequencies are counted per distinct sentence (versions share most of theirs): how many
/// times each version tells it, added to the count of each of its words (as `f32`, exact for
/// any count of sentences below 2^24).
fn term_frequencies(words: &StoryWords, df: &mut [u32]) -> Vec<Chunk> {
    let mut told = vec![[0.0f32; LANES]; words.lower.len()];
    let mut tf = vec![[0.0f32; LANES]; words.vocab];
    words
        .versions
        .chunks(LANES)
        .map(|versions| {
            for (lane, texts) in versions.iter().enumerate() {
                for &t in texts {
                    told[t as usize][lane] += 1.0;
                }
            }
            // At most one row per word read, and per word of the vocabulary.
            let mut held = 0;
            for (t, times) in told.iter_mut().enumerate() {
                let times = std::mem::take(times);
                if times == [0.0; LANES] {
                    continue;
                }
                let ids = words.words(t as u32);
                held += ids.len();
                for &id in ids {
                    for (count, time) in tf[id as usize].iter_mut().zip(times) {
                        *count += time;
                    }
                }
            }
            let rows = held.min(words.vocab);
            let mut chunk = Chunk {
                ids: Vec::with_capacity(rows),
                rows: Vec::with_capacity(rows),
            };
            for (id, counts) in tf.iter_mut().enumerate() {
                let counts = std::mem::take(counts);
                if counts == [0.0; LANES] {
                    continue;
                }
                df[id] += counts.iter().map(|&c| u32::from(c > 0.0)).sum::<u32>();
                chunk.ids.push(id as u32);
                chunk.rows.push(counts);
            }
            chunk
        })
        .collect()
}

/// One row of the N-way alignment, before diffs and labels.
#[derive(Debug, Clone, PartialEq)]
pub struct RowPlan {
    /// Base sentence indices (empty for a row of added sentences).
    pub base: Indices,
    /// Per non-base version (in the order given to [`build_rows`]): its part of the row.
    pub cells: Vec<Option<CellPlan>>,
}

/// One version's part of a row.
#[derive(Debug, Clone, PartialEq)]
pub struct CellPlan {
    /// Version sentence indices.
    pub sentences: Indices,
    /// The base sentences this cell's diff runs against: the row's own, or all the base
    /// sentences of a merge that sits in the row of its first one.
    pub base: Indices,
    /// Reworded (to be refined to identical), split, merged, added or dropped.
    pub status: Status,
    /// Told out of the base's order.
    pub moved: bool,
    /// Similarity against the base cell, when aligned.
    pub similarity: Option<f32>,
}

/// The cells of a row before any version's part is put in: `n` empties, written without
/// cloning one.
fn no_cells(n: usize) -> Vec<Option<CellPlan>> {
    std::iter::repeat_with(|| None).take(n).collect()
}

/// Gathers pairwise alignments into rows in the base's reading order. `pairs[v]` aligns version
/// `v` (with `lens[v]` sentences) with the base (with `base_len` sentences).
///
/// `same_added(v, j, u, k)` tells whether sentence `j` of version `v` and sentence `k` of
/// version `u` tell the same thing; two versions that add the same sentence at the same place
/// share one added row.
pub fn build_rows(
    base_len: usize,
    pairs: &[PairAlignment],
    lens: &[usize],
    same_added: &dyn Fn(usize, usize, usize, usize) -> bool,
) -> Vec<RowPlan> {
    // Base sentences that some version merged share one row, unless another version tells
    // them in separate sentences: then the merge stays in the row of its first base sentence
    // (rows never pair a version's sentence with a base sentence it does not tell).
    let mut group_of: Vec<usize> = (0..base_len).collect();
    fn find(g: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while g[r] != r {
            r = g[r];
        }
        let mut y = x;
        while g[y] != r {
            let next = g[y];
            g[y] = r;
            y = next;
        }
        r
    }
    let link_of: Vec<Vec<Option<usize>>> = pairs
        .iter()
        .map(|pa| {
            let mut m = vec![None; base_len];
            for (k, link) in pa.links.iter().enumerate() {
                for &b in &link.base {
                    m[b] = Some(k);
                }
            }
            m
        })
        .collect();
    let mut unioned: Vec<Vec<bool>> = pairs
        .iter()
        .map(|pa| Vec::with_capacity(pa.links.len()))
        .collect();
    for (v, pa) in pairs.iter().enumerate() {
        for link in &pa.links {
            // Another version contradicts the merge when it tells some of these base sentences
            // but not all of them in one sentence group.
            // (A link of one base sentence merges nothing: no version can contradict it.)
            let contradicted = link.base.len() > 1
                && (0..pairs.len()).filter(|&u| u != v).any(|u| {
                    let seen = |k: usize| link_of[u][link.base[k]];
                    (0..link.base.len()).any(|k| seen(k).is_some())
                        && (1..link.base.len()).any(|k| seen(k - 1) != seen(k))
                });
            unioned[v].push(!contradicted);
            if contradicted {
                continue;
            }
            for w in link.base.windows(2) {
                let (a, b) = (find(&mut group_of, w[0]), find(&mut group_of, w[1]));
                if a != b {
                    group_of[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut row_of_base = vec![usize::MAX; base_len];
    let mut rows: Vec<RowPlan> = Vec::with_capacity(base_len);
    for i in 0..base_len {
        let root = find(&mut group_of, i);
        if row_of_base[root] == usize::MAX {
            row_of_base[root] = rows.len();
            rows.push(RowPlan {
                base: Indices::new(),
                cells: no_cells(pairs.len()),
            });
        }
        let r = row_of_base[root];
        row_of_base[i] = r;
        rows[r].base.push(i);
    }

    // Aligned cells.
    for (v, pa) in pairs.iter().enumerate() {
        for (k, link) in pa.links.iter().enumerate() {
            let r = row_of_base[link.base[0]];
            if !unioned[v][k] {
                // The later base sentences of a merge that stays in its first row.
                for &b in &link.base[1..] {
                    rows[row_of_base[b]].cells[v].get_or_insert(CellPlan {
                        sentences: Indices::new(),
                        base: link.base.clone(),
                        status: Status::Merged,
                        moved: link.moved,
                        similarity: None,
                    });
                }
            }
            // A new cell's sentences and base are the link's (sorted, unique), as merging them
            // in below gives.
            let cell = match &mut rows[r].cells[v] {
                Some(cell) => cell,
                slot @ None => {
                    // Copied index by index: most are one, for which a call to copy memory
                    // costs more than the copy.
                    *slot = Some(CellPlan {
                        sentences: link.other.iter().copied().collect(),
                        base: link.base.iter().copied().collect(),
                        status: link.shape(),
                        moved: link.moved,
                        similarity: Some(link.similarity),
                    });
                    continue;
                }
            };
            if !cell.sentences.is_empty() {
                // Two links of one version fall in a row another version merged.
                cell.status = Status::Reworded;
                cell.similarity = None;
            }
            cell.sentences.extend(link.other.iter().copied());
            cell.sentences.sort_unstable();
            cell.base.extend(link.base.iter().copied());
            cell.base.sort_unstable();
            cell.base.dedup();
        }
        for &i in &pa.dropped {
            let r = row_of_base[i];
            rows[r].cells[v].get_or_insert(CellPlan {
                sentences: Indices::new(),
                base: smallvec![i],
                status: Status::Dropped,
                moved: false,
                similarity: None,
            });
        }
    }

    // Added sentences: after the row of the nearest preceding aligned sentence of the version.
    // `inserts[r]` holds the added rows that follow base row r (r = 0 means before all rows,
    // r = k + 1 after row k).
    let mut inserts: Vec<Vec<RowPlan>> = vec![Vec::new(); rows.len() + 1];
    for (v, pa) in pairs.iter().enumerate() {
        let mut row_of_other = vec![usize::MAX; lens[v]];
        for link in &pa.links {
            for &j in &link.other {
                row_of_other[j] = row_of_base[link.base[0]];
            }
        }
        let before: Vec<usize> = inserts.iter().map(Vec::len).collect();
        let mut is_added = vec![false; lens[v]];
        for &j in &pa.added {
            is_added[j] = true;
        }
        let mut anchor = 0usize;
        for (j, &row) in row_of_other.iter().enumerate() {
            if row != usize::MAX {
                anchor = row + 1;
                continue;
            }
            if !is_added[j] {
                continue;
            }
            let cell = CellPlan {
                sentences: smallvec![j],
                base: Indices::new(),
                status: Status::Added,
                moved: false,
                similarity: None,
            };
            // Only rows of earlier versions can be shared, and only the first few at each place
            // are tried, so a version that adds thousands of sentences stays linear.
            let earlier = before[anchor].min(MAX_SHARED_ADDED_ROWS);
            let shared = inserts[anchor][..earlier].iter_mut().find(|row| {
                row.cells[v].is_none()
                    && row.cells.iter().enumerate().any(|(u, c)| {
                        c.as_ref()
                            .is_some_and(|c| c.sentences.iter().any(|&k| same_added(v, j, u, k)))
                    })
            });
            if let Some(row) = shared {
                row.cells[v] = Some(cell);
                continue;
            }
            inserts[anchor].push(RowPlan {
                base: Indices::new(),
                cells: {
                    let mut c = no_cells(pairs.len());
                    c[v] = Some(cell);
                    c
                },
            });
        }
    }
    let mut out = Vec::with_capacity(rows.len() + inserts.iter().map(Vec::len).sum::<usize>());
    let mut inserts = inserts.into_iter();
    out.extend(inserts.next().expect("slot 0"));
    for (row, after) in rows.into_iter().zip(inserts) {
        out.push(row);
        out.extend(after);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(texts: &[&str]) -> Vec<Sentence> {
        texts
            .iter()
            .map(|t| Sentence {
                text: t.to_string(),
                paragraph: 1,
            })
            .collect()
    }

    const BASE: &[&str] = &[
        "Ministers from twelve countries met in Vienna on Monday to discuss the gas pipeline.",
        "The talks ended without an agreement on transit fees, officials said.",
        "Energy prices have risen sharply across the region since the winter.",
        "A second round of negotiations is planned for March in Budapest.",
    ];

    #[test]
    fn identical_versions_align_one_to_one() {
        let a = align_pair(&sents(BASE), &sents(BASE));
        assert_eq!(a.links.len(), 4);
        assert!(a.added.is_empty() && a.dropped.is_empty());
        assert!(a.links.iter().all(|l| !l.moved && l.base == l.other));
    }

    #[test]
    fn moved_sentence_is_found_and_marked() {
        let other = sents(&[BASE[0], BASE[3], BASE[1], BASE[2]]);
        let a = align_pair(&sents(BASE), &other);
        assert_eq!(a.links.len(), 4);
        let moved: Vec<_> = a.links.iter().filter(|l| l.moved).collect();
        assert_eq!(moved.len(), 1);
        assert_eq!(
            (moved[0].base.to_vec(), moved[0].other.to_vec()),
            (vec![3], vec![1])
        );
    }

    #[test]
    fn split_and_merge() {
        let split = sents(&[
            BASE[0],
            "The talks ended without an agreement.",
            "Transit fees remain the sticking point, officials said.",
            BASE[2],
            BASE[3],
        ]);
        let a = align_pair(&sents(BASE), &split);
        assert_eq!(a.links[1].base[..], [1]);
        assert_eq!(a.links[1].other[..], [1, 2]);
        assert_eq!(a.links[1].shape(), Status::Split);

        let merged = sents(&[
            BASE[0],
            "The talks ended without an agreement on transit fees as energy prices have risen sharply across the region since the winter, officials said.",
            BASE[3],
        ]);
        let a = align_pair(&sents(BASE), &merged);
        assert_eq!(a.links[1].base[..], [1, 2]);
        assert_eq!(a.links[1].other[..], [1]);
        assert_eq!(a.links[1].shape(), Status::Merged);
        assert!(a.dropped.is_empty() && a.added.is_empty());
    }

    #[test]
    fn a_paraphrase_between_two_matches_aligns_by_position() {
        let other = sents(&[
            BASE[0],
            BASE[1],
            "Since the winter, households have paid far more to heat their homes as energy costs climbed.",
            BASE[3],
        ]);
        let a = align_pair(&sents(BASE), &other);
        assert!(a.added.is_empty() && a.dropped.is_empty(), "{a:?}");
        // Out of position, the same paraphrase is too far from the base sentence to align.
        let other = sents(&[
            "Since the winter, households have paid far more to heat their homes as energy costs climbed.",
            BASE[0],
            BASE[1],
            BASE[3],
        ]);
        let a = align_pair(&sents(BASE), &other);
        assert_eq!((a.added.clone(), a.dropped.clone()), (vec![0], vec![2]));
    }

    #[test]
    fn added_and_dropped() {
        let other = sents(&[
            BASE[0],
            "The pipeline would carry gas from the Caspian to central Europe.",
            BASE[1],
            BASE[3],
        ]);
        let a = align_pair(&sents(BASE), &other);
        assert_eq!(a.added, vec![1]);
        assert_eq!(a.dropped, vec![2]);
        let rows = build_rows(4, &[a], &[4], &|_, _, _, _| false);
        // base 0, added, base 1, base 2 (dropped), base 3
        assert_eq!(rows.len(), 5);
        assert!(rows[1].base.is_empty());
        assert_eq!(rows[1].cells[0].as_ref().unwrap().status, Status::Added);
        assert_eq!(rows[3].cells[0].as_ref().unwrap().status, Status::Dropped);
    }

    #[test]
    fn two_versions_adding_the_same_sentence_share_a_row() {
        let added = "The pipeline would carry gas from the Caspian to central Europe.";
        let v1 = sents(&[BASE[0], added, BASE[1], BASE[2], BASE[3]]);
        let v2 = sents(&[
            BASE[0],
            "The planned pipeline would carry gas from the Caspian Sea to Europe.",
            BASE[1],
            BASE[2],
            BASE[3],
        ]);
        let base = sents(BASE);
        let pairs = [align_pair(&base, &v1), align_pair(&base, &v2)];
        let texts = [&v1, &v2];
        let same = |v: usize, j: usize, u: usize, k: usize| {
            same_sentence(&texts[v][j].text, &texts[u][k].text)
        };
        let rows = build_rows(4, &pairs, &[5, 5], &same);
        assert_eq!(rows.len(), 5);
        assert!(rows[1].base.is_empty());
        assert!(
            rows[1]
                .cells
                .iter()
                .all(|c| c.as_ref().is_some_and(|c| c.status == Status::Added))
        );
    }

    #[test]
    fn story_words_same_text_and_same_sentence_agree_with_the_texts() {
        let texts: &[&str] = &[
            BASE[0],
            BASE[1],
            "Ministers of twelve countries met in Vienna on Monday over the pipeline.",
            "The talks ended with no deal on transit fees, officials said.",
            "The planned pipeline would carry gas from the Caspian to central Europe.",
            "The planned pipeline would carry gas from the Caspian Sea to Europe.",
            "Talks resume",
            "Talks resumed",
            "Caf\u{e9}s in Z\u{fc}rich closed on Monday.",
            "CAF\u{c9}S IN Z\u{dc}RICH CLOSED ON MONDAY!",
            "The minister's aides' offices were searched.",
            "It was.",
            "",
        ];
        let (half, rest) = texts.split_at(6);
        let versions = [sents(half), sents(rest), sents(texts)];
        let slices: Vec<&[Sentence]> = versions.iter().map(Vec::as_slice).collect();
        let words = StoryWords::new(&slices);
        for (v, a) in versions.iter().enumerate() {
            for (u, b) in versions.iter().enumerate() {
                for (i, x) in a.iter().enumerate() {
                    for (k, y) in b.iter().enumerate() {
                        assert_eq!(words.text(v, i) == words.text(u, k), x.text == y.text);
                        assert_eq!(
                            words.same_sentence((v, i), (u, k)),
                            same_sentence(&x.text, &y.text),
                            "{:?} / {:?}",
                            x.text,
                            y.text
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn story_word_ids_do_not_depend_on_the_stories_read_before() {
        let story = [
            sents(BASE),
            sents(&[
                BASE[2],
                "Talks on transit fees resumed in Budapest on Tuesday.",
            ]),
        ];
        let other = [sents(&[
            "Budapest hosted ministers who said fees and pipelines were discussed.",
            "Caf\u{e9}s in Z\u{fc}rich closed on Monday.",
        ])];
        let read = |versions: &[Vec<Sentence>]| {
            let slices: Vec<&[Sentence]> = versions.iter().map(Vec::as_slice).collect();
            let w = StoryWords::new(&slices);
            (w.versions, w.ids, w.offs, w.vocab)
        };
        // Ids are numbered by first appearance in the story, from 0.
        let numbered = |(_, ids, offs, vocab): &(Vec<Vec<u32>>, Vec<u32>, Vec<u32>, usize)| {
            ids[..offs[1] as usize] == (0..offs[1]).collect::<Vec<u32>>()
                && ids.iter().max().map(|&m| m as usize + 1) == Some(*vocab)
        };
        let first = read(&story);
        assert!(numbered(&first));
        assert!(numbered(&read(&other)));
        let again = read(&story);
        assert_eq!(first, again);
    }

    #[test]
    fn bounded_levenshtein_agrees_with_strsim() {
        let cases = [
            ("", ""),
            ("", "abc"),
            ("kitten", "sitting"),
            ("talks resume", "talks resumed"),
            ("the talks ended.", "the talks ended!"),
            ("kerry and lavrov", "lavrov and kerry"),
            ("caf\u{e9} closed", "cafe closed"),
            ("abcdefghij", "jihgfedcba"),
            ("update 2", "update 12"),
            ("aaaa", "aaaaaaa"),
        ];
        for (a, b) in cases {
            let (la, lb) = (a.chars().count(), b.chars().count());
            let full = strsim::normalized_levenshtein(a, b);
            let want = (full >= SHORT_LINE_CHARS).then_some(full);
            assert_eq!(close_chars(a, la, b, lb), want, "{a:?} {b:?}");
            let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let d = strsim::levenshtein(a, b);
            for limit in 0..12 {
                let got = levenshtein_within(&ca, &cb, limit);
                assert_eq!(got, (d <= limit).then_some(d), "{a:?} {b:?} {limit}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn bit_parallel_levenshtein_is_the_bounded_one(
            a in "[abc ]{0,80}",
            b in "[abc .]{0,80}",
            limit in 0usize..90,
        ) {
            let d = strsim::levenshtein(&a, &b);
            proptest::prop_assert_eq!(
                levenshtein_ascii_within(a.as_bytes(), b.as_bytes(), limit),
                (d <= limit).then_some(d)
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn bounded_levenshtein_is_exact_within_its_limit(
            a in "[abc ]{0,24}",
            b in "[abc ]{0,24}",
            limit in 0usize..10,
        ) {
            let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let d = strsim::levenshtein(&a, &b);
            proptest::prop_assert_eq!(levenshtein_within(&ca, &cb, limit), (d <= limit).then_some(d));
            let (la, lb) = (ca.len(), cb.len());
            let full = strsim::normalized_levenshtein(&a, &b);
            proptest::prop_assert_eq!(
                close_chars(&a, la, &b, lb),
                (full >= SHORT_LINE_CHARS).then_some(full)
            );
        }
    }

    /// Calls `f` with every word of lower-cased text, apostrophes trimmed and a possessive `'s`
    /// cut, before stop words are dropped and the word is stemmed. Letters, digits and apostrophes
    /// make words; everything else separates.
    fn for_each_word_by_chars<'t>(lower: &'t str, mut f: impl FnMut(&'t str)) {
        let bytes = lower.as_bytes();
        let is_word_char = |i: usize| -> (bool, usize) {
            let b = bytes[i];
            if b < 0x80 {
                (b.is_ascii_alphanumeric() || b == b'\'', 1)
            } else {
                let c = lower[i..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric() || c == '\u{2019}', c.len_utf8())
            }
        };
        let mut i = 0;
        while i < bytes.len() {
            let (word, len) = is_word_char(i);
            if !word {
                i += len;
                continue;
            }
            let start = i;
            i += len;
            while i < bytes.len() {
                let (word, len) = is_word_char(i);
                if !word {
                    break;
                }
                i += len;
            }
            let w = trim_word(&lower[start..i]);
            if !w.is_empty() {
                f(w);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn lowercase_is_to_lowercase(
            s in "[a-zA-Z09 .,'\u{2019}\u{201c}\u{c9}\u{e9}\u{df}\u{130}\u{3a3}\u{3a9}\u{1e9e}\u{212a}\u{10400}]{0,40}",
        ) {
            proptest::prop_assert_eq!(lowercase(&s), s.to_lowercase());
        }
    }

    proptest::proptest! {
        #[test]
        fn for_each_word_agrees_with_the_char_by_char_reader(
            s in "[a-z09 .,'\\-\u{2019}\u{201c}\u{e9}\u{df}\u{85}\u{a0}\u{660}\u{2013}\n]{0,40}",
        ) {
            let (mut got, mut want) = (Vec::new(), Vec::new());
            for_each_word(&s, |w| got.push(w));
            for_each_word_by_chars(&s, |w| want.push(w));
            proptest::prop_assert_eq!(got, want);
        }
    }

    proptest::proptest! {
        #[test]
        fn heaviest_chains_order_is_the_sorted_order(
            cells in proptest::collection::btree_set((0usize..9, 0usize..12), 0..40),
            shuffle in 1usize..12,
        ) {
            // Unique (base, other) pairs by other index, in an order of their own within it.
            let mut pairs: Vec<(usize, usize, f32)> =
                cells.into_iter().map(|(j, i)| (i, j, 1.0)).collect();
            pairs.sort_by_key(|&(i, j, _)| (j, (i * shuffle) % 13));
            let mut want: Vec<usize> = (0..pairs.len()).collect();
            want.sort_by(|&x, &y| pairs[x].0.cmp(&pairs[y].0).then(pairs[y].1.cmp(&pairs[x].1)));
            proptest::prop_assert_eq!(chain_order(&pairs), want);
        }
    }

    proptest::proptest! {
        #[test]
        fn pack_is_zero_padded_little_endian(w in "[a-z0-9'\u{e9}]{0,16}") {
            let b = w.as_bytes();
            proptest::prop_assume!(b.len() <= 16);
            let mut buf = [0u8; 16];
            buf[..b.len()].copy_from_slice(b);
            let (mut lo, mut hi) = ([0u8; 8], [0u8; 8]);
            lo.copy_from_slice(&buf[..8]);
            hi.copy_from_slice(&buf[8..]);
            proptest::prop_assert_eq!(pack(b), (u64::from_le_bytes(lo), u64::from_le_bytes(hi)));
        }
    }

    /// Every pair that shares a word (or two short lines) scored directly: what the story's
    /// candidate index and the pair's shortcuts must find, as a set.
    fn candidates_by_brute_force(base: &Bags<'_>, other: &Bags<'_>) -> Vec<(usize, usize, u32)> {
        let mut out = Vec::new();
        for j in 0..other.len() {
            for i in 0..base.len() {
                let shares = shared_count(base.ids(i), other.ids(j)) > 0;
                let short = base.lens[i] < SHORT_LINE_WORDS && other.lens[j] < SHORT_LINE_WORDS;
                if !(shares || short) {
                    continue;
                }
                let (sim, ok) = score(base, i, other, j);
                if ok {
                    out.push((i, j, sim.to_bits()));
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// [`StoryWords::weights`] as it was first written: the pair's document frequencies
    /// counted over every sentence of the other version, the heaviest weight found after.
    fn weights_by_counting(words: &StoryWords, index: &BaseIndex, other: usize) -> PairWeights {
        let base = index.version;
        let mut df = index.df.clone();
        words.count_df(other, &mut df);
        let n = (words.versions[base].len() + words.versions[other].len()) as f32;
        let by_id: Vec<f32> = df
            .iter()
            .map(|&d| {
                if d > 0 {
                    (1.0 + n / d as f32).ln()
                } else {
                    0.0
                }
            })
            .collect();
        let mut totals = vec![f32::NAN; words.lower.len()];
        for v in [base, other] {
            for &t in &words.versions[v] {
                totals[t as usize] = words.words(t).iter().map(|&id| by_id[id as usize]).sum();
            }
        }
        let heaviest = by_id.iter().copied().fold(0.0f32, f32::max);
        PairWeights {
            totals,
            by_id,
            heaviest,
        }
    }

    #[test]
    fn pair_weights_are_those_of_the_counted_frequencies() {
        let mut versions: Vec<Vec<Sentence>> = vec![sents(BASE)];
        for k in 0..STORY_POOL.len() {
            let mut texts: Vec<&str> = BASE.to_vec();
            texts.rotate_left(k % BASE.len());
            texts.truncate(1 + k % 4);
            // Some versions tell a sentence twice.
            texts.extend(STORY_POOL.iter().skip(k).step_by(3));
            texts.extend(STORY_POOL.iter().skip(k).step_by(5));
            versions.push(sents(&texts));
        }
        versions.push(Vec::new());
        let slices: Vec<&[Sentence]> = versions.iter().map(Vec::as_slice).collect();
        let words = StoryWords::new(&slices);
        let bits = |xs: &[f32]| xs.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        for base_v in [0, 3, versions.len() - 1] {
            let index = words.index(base_v);
            for other_v in 0..versions.len() {
                let (got, want) = (
                    words.weights(&index, other_v),
                    weights_by_counting(&words, &index, other_v),
                );
                assert_eq!(bits(&got.by_id), bits(&want.by_id), "{base_v} {other_v}");
                assert_eq!(bits(&got.totals), bits(&want.totals), "{base_v} {other_v}");
                assert_eq!(got.heaviest.to_bits(), want.heaviest.to_bits());
            }
        }
    }

    #[test]
    fn candidate_pairs_are_every_pair_that_aligns() {
        let extra: &[&str] = &[
            "Gas transit fees were the sticking point in Vienna, officials said.",
            "Ministers met in Vienna.",
            "Talks resume",
            "Talks resumed",
            "Energy prices rose.",
            "Prices of energy have risen sharply in the region, traders said on Monday.",
            "The pipeline would carry gas from the Caspian to central Europe.",
            "Budapest will host a second round of talks in March.",
        ];
        let mut versions: Vec<Vec<Sentence>> = vec![sents(BASE)];
        for k in 0..6 {
            let mut texts: Vec<&str> = BASE.to_vec();
            texts.rotate_left(k % BASE.len());
            texts.truncate(2 + k % 3);
            texts.extend(extra.iter().skip(k).step_by(2));
            versions.push(sents(&texts));
        }
        // Short lines alike in their characters, with no content word in common.
        versions.push(sents(&[BASE[0], "Kyiv, Ukraine", BASE[1]]));
        versions.push(sents(&[BASE[0], "Kiev, Ukrain", BASE[1]]));
        let slices: Vec<&[Sentence]> = versions.iter().map(Vec::as_slice).collect();
        let words = StoryWords::new(&slices);
        let mut partial = 0;
        for base_v in [0, 3, 7] {
            let index = words.index(base_v);
            for other_v in (0..versions.len()).filter(|&v| v != base_v) {
                let weights = words.weights(&index, other_v);
                let (bb, ob) = (words.bags(base_v, &weights), words.bags(other_v, &weights));
                let mut got: Vec<(usize, usize, u32)> = candidate_pairs(&index, &weights, &bb, &ob)
                    .into_iter()
                    .map(|(i, j, sim)| (i, j, sim.to_bits()))
                    .collect();
                got.sort_unstable();
                partial += got.iter().filter(|p| f32::from_bits(p.2) < 1.0).count();
                assert_eq!(
                    got,
                    candidates_by_brute_force(&bb, &ob),
                    "{base_v} {other_v}"
                );
            }
        }
        // Not only identical sentences: reworded ones are found too.
        assert!(partial > 0);
    }

    /// Per version, its cosines with the others summed, as the medoid summed them before
    /// [`cosine_totals`]: each version's words tallied sentence by sentence, and each pair's
    /// dot product summed over the later version's words alone.
    fn cosine_totals_by_pairs(words: &StoryWords) -> Vec<f32> {
        let n_versions = words.versions.len();
        // Term frequency: the number of sentences of the version that hold the word, counted in a
        // dense array per version; reading the array in id order gives the words sorted (a story's
        // vocabulary is small, so the scan costs less than sorting the ids a version touches).
        let mut tally = vec![0u32; words.vocab];
        let counts: Vec<Vec<(u32, u32)>> = words
            .versions
            .iter()
            .map(|sentences| {
                let mut distinct = 0usize;
                for &t in sentences {
                    for &id in words.words(t) {
                        let t = &mut tally[id as usize];
                        distinct += usize::from(*t == 0);
                        *t += 1;
                    }
                }
                let mut out = Vec::with_capacity(distinct);
                for (id, t) in tally.iter_mut().enumerate() {
                    if *t > 0 {
                        out.push((id as u32, std::mem::take(t)));
                    }
                }
                out
            })
            .collect();
        let mut df = vec![0u32; words.vocab];
        for c in &counts {
            for &(id, _) in c {
                df[id as usize] += 1;
            }
        }
        let n = n_versions as f32;
        let idf: Vec<f32> = (0..=n_versions)
            .map(|d| (1.0 + n / d as f32).ln())
            .collect();
        // Each word's IDF, looked up once; each version's weights and, in the same pass, its
        // norm (squares summed in id order from -0.0, as `Iterator::sum` adds floats).
        let idf_of: Vec<f32> = df.iter().map(|&d| idf[d as usize]).collect();
        let mut norms: Vec<f32> = Vec::with_capacity(n_versions);
        let vecs: Vec<Vec<(u32, f32)>> = counts
            .into_iter()
            .map(|c| {
                let mut squares = -0.0f32;
                let v: Vec<(u32, f32)> = c
                    .into_iter()
                    .map(|(id, tf)| {
                        let x = tf as f32 * idf_of[id as usize];
                        squares += x * x;
                        (id, x)
                    })
                    .collect();
                norms.push(squares.sqrt());
                v
            })
            .collect();
        // Cosine of every pair, once (it is symmetric). Version `a`'s weights are spread over a
        // dense array, and each later version sums its products with them in id order: the
        // products of shared words in the order a merge meets them, plus exact zeros.
        let mut cosine = vec![0.0f32; n_versions * n_versions];
        let mut dense = vec![0.0f32; words.vocab];
        for a in 0..n_versions {
            for &(id, x) in &vecs[a] {
                dense[id as usize] = x;
            }
            for b in a + 1..n_versions {
                let mut dot = 0.0f32;
                for &(id, y) in &vecs[b] {
                    dot += dense[id as usize] * y;
                }
                let c = if norms[a] * norms[b] > 0.0 {
                    dot / (norms[a] * norms[b])
                } else {
                    0.0
                };
                cosine[a * n_versions + b] = c;
                cosine[b * n_versions + a] = c;
            }
            for &(id, _) in &vecs[a] {
                dense[id as usize] = 0.0;
            }
        }
        (0..n_versions)
            .map(|a| {
                (0..n_versions)
                    .filter(|&b| b != a)
                    .map(|b| cosine[a * n_versions + b])
                    .sum()
            })
            .collect()
    }

    /// Sentences of a wire story and its rewrites, for versions made of any of them.
    const STORY_POOL: &[&str] = &[
        "Flood waters rose across the delta on Tuesday, forcing thousands from their homes.",
        "Flood waters rose across the delta on Tuesday, driving thousands from their homes.",
        "The army sent boats and helicopters to the worst-hit villages, a spokesman said.",
        "Rescue teams reached the worst-hit villages by boat, a military spokesman said.",
        "At least 14 people have died and dozens are missing, officials said.",
        "At least 14 people were killed and dozens remain missing.",
        "Forecasters expect more rain over the weekend.",
        "The river crested at 9.2 metres, its highest level since 1998.",
        "Aid groups warned of disease in crowded shelters.",
        "FLOODS: THOUSANDS FLEE",
        "Floods: thousands flee the delta",
        "The government has promised compensation to farmers who lost crops.",
        "\u{201c}We lost everything,\u{201d} said one farmer in Nam Dinh province.",
        "Schools in three provinces will stay shut until Monday.",
        "",
    ];

    proptest::proptest! {
        #[test]
        fn cosine_totals_are_those_summed_pair_by_pair(
            versions in proptest::collection::vec(
                proptest::collection::vec(0..STORY_POOL.len(), 0..12),
                1..20,
            ),
        ) {
            let versions: Vec<Vec<Sentence>> = versions
                .iter()
                .map(|picks| sents(&picks.iter().map(|&k| STORY_POOL[k]).collect::<Vec<_>>()))
                .collect();
            let slices: Vec<&[Sentence]> = versions.iter().map(Vec::as_slice).collect();
            let words = StoryWords::new(&slices);
            let bits = |totals: Vec<f32>| totals.into_iter().map(f32::to_bits).collect::<Vec<_>>();
            proptest::prop_assert_eq!(
                bits(cosine_totals(&words)),
                bits(cosine_totals_by_pairs(&words))
            );
        }
    }

    #[test]
    fn medoid_is_the_version_closest_to_all() {
        let a = sents(BASE);
        let b = sents(&BASE[..3]);
        let c = sents(&[BASE[0], BASE[1], BASE[3]]);
        assert_eq!(medoid(&[b, a, c]), 1);
    }
}
