//! Group: which articles of a corpus are versions of the same wire copy.
//!
//! Three steps, each cheap enough for hundreds of thousands of articles:
//! 1. a [`Signature`] per article: a MinHash sketch of its 3-word shingles (lower-cased words),
//!    built by one-permutation hashing (one hash per shingle, spread over `bands × rows` bins),
//!    and the sorted hashes of its normalised sentences;
//! 2. an LSH banding index: two articles become candidates when all `rows` values of one band
//!    agree. With the defaults (32 bands of 4 rows) a pair of shingle Jaccard 0.5 is a candidate
//!    with probability 0.87, one of 0.15 with probability 0.016;
//! 3. verification of every candidate pair that is not yet in one group: the estimated Jaccard
//!    must reach [`MIN_JACCARD`], and then either enough of the smaller article's sentences must
//!    appear word for word in the other ([`MIN_OVERLAP`]), or, for reworded copy, enough of them
//!    must align with [`crate::align::align_pair`]. Accepted pairs are joined by union-find.
//!
//! Two agencies' reports of the same event share names and facts but few runs of three words, so
//! they stay apart; an article with no accepted partner is a singleton.
//!
//! ```
//! use wirediff::group::{GroupConfig, Signature, group};
//!
//! let config = GroupConfig::default();
//! let a = "Rescuers searched the flooded valley on Monday. Three villages were cut off by the water, officials said.";
//! let b = "Rescuers searched the flooded valley on Monday. Three villages were cut off by the water, officials claimed.";
//! let c = "A court in the capital jailed two former ministers for fraud. Their lawyers said they would appeal the verdict.";
//! let texts = [a, b, c];
//! let sigs: Vec<Signature> = texts.iter().map(|t| Signature::new(t, &config)).collect();
//! let groups = group(&sigs, &config, |i, j| wirediff::group::aligned_share(texts[i], texts[j]));
//! assert_eq!(groups[0], groups[1]);
//! assert_ne!(groups[0], groups[2]);
//! ```

use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64;

use crate::align;
use crate::ingest;
use crate::segment::{self, Sentence};

/// Default number of LSH bands.
pub const BANDS: usize = 32;
/// Default number of MinHash values per band; `BANDS × ROWS` is the sketch length. The LSH
/// threshold (the Jaccard at which a pair becomes a candidate half of the time) is about
/// `(1 / BANDS)^(1 / ROWS)`: 0.42 with the defaults.
pub const ROWS: usize = 4;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 3;
/// A candidate pair is rejected outright when its estimated shingle Jaccard (share of equal
/// sketch values, 0..1) is below this. Versions of one wire story measure 0.5 to 1; reports of
/// one event by two agencies about 0.05 to 0.15.
pub const MIN_JACCARD: f32 = 0.3;
/// A pair is accepted when at least this share (0..1) of the smaller article's sentences are
/// found in the other, word for word (case and punctuation aside) or, failing that, aligned by
/// [`crate::align::align_pair`].
pub const MIN_OVERLAP: f32 = 0.5;
/// In an LSH bucket, each article is checked against at most this many earlier members, so a
/// bucket of thousands of copies of one text stays linear.
pub const MAX_BUCKET_CHECKS: usize = 8;

/// Settings of the grouping.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupConfig {
    /// LSH bands.
    pub bands: usize,
    /// MinHash values per band.
    pub rows: usize,
    /// See [`MIN_JACCARD`].
    pub min_jaccard: f32,
    /// See [`MIN_OVERLAP`].
    pub min_overlap: f32,
}

impl Default for GroupConfig {
    fn default() -> Self {
        GroupConfig {
            bands: BANDS,
            rows: ROWS,
            min_jaccard: MIN_JACCARD,
            min_overlap: MIN_OVERLAP,
        }
    }
}

impl GroupConfig {
    /// The sketch length, `bands × rows` (at least 1).
    pub fn bins(&self) -> usize {
        (self.bands * self.rows).max(1)
    }
}

/// What grouping keeps of one article: a MinHash sketch and its sentence hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// One-permutation MinHash values, `bands × rows` of them.
    pub minhash: Vec<u32>,
    /// Hashes of the normalised sentences, sorted, without repeats.
    pub sentences: Vec<u64>,
}

/// Seed of the shingle hash; fixed so signatures are the same on every run and machine.
const SEED: u64 = 0x5749_5245_4449_4646;

/// Longest ASCII word lower-cased on the stack; longer ones use a heap buffer.
const STACK_WORD: usize = 64;

/// Byte class of an ASCII lower-case letter or digit.
const LOWER: u8 = 1;
/// Byte class of an ASCII capital letter.
const UPPER: u8 = 2;
/// Byte class of a byte from 0x80: part of a character decoded on its own.
const WIDE: u8 = 4;

/// The class of every byte, so the word scan costs one table look-up per ASCII byte; ASCII
/// bytes other than letters and digits are 0 (they separate words).
static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c >= 0x80 {
            WIDE
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_alphanumeric() {
            LOWER
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The character starting at byte `i` of `text` (a character boundary inside it).
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

/// The words of a text, lower-cased, as hashes (letters and digits; everything else separates),
/// each with the byte offset where it starts.
///
/// A word's hash is `xxh3_64` of its lower-cased UTF-8 (each character lower-cased on its own).
/// ASCII words, the common case, are lower-cased without allocating: lower-case words are hashed
/// where they lie, and words of up to 16 bytes with capitals are lower-cased as one 128-bit
/// integer on the stack. The scan of a word tests its bytes for the usual class (lower case or
/// digit) first, so that such a byte costs one table look-up and one comparison.
fn word_hashes(text: &str, out: &mut Vec<(usize, u64)>) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut buf = String::new();
    let mut i = 0;
    while i < n {
        let class = CLASS[usize::from(bytes[i])];
        if class == 0 {
            i += 1;
            continue;
        }
        if class == WIDE {
            let c = char_at(text, i);
            if !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
        }
        let start = i;
        // Whether the word has a capital, and a character from 0x80 (lower-cased as a `char`).
        let (mut upper, mut wide) = (false, false);
        while i < n {
            let class = CLASS[usize::from(bytes[i])];
            if class == LOWER {
                i += 1;
            } else if class == UPPER {
                upper = true;
                i += 1;
            } else if class == 0 {
                break;
            } else {
                let c = char_at(text, i);
                if !c.is_alphanumeric() {
                    break;
                }
                wide = true;
                i += c.len_utf8();
            }
        }
        let w = &bytes[start..i];
        let h = if wide {
            buf.clear();
            buf.extend(text[start..i].chars().flat_map(char::to_lowercase));
            xxh3_64(buf.as_bytes())
        } else if !upper {
            xxh3_64(w)
        } else {
            ascii_lower_hash(bytes, start, w.len())
        };
        out.push((start, h));
    }
}

/// `xxh3_64` of the lower-cased ASCII word `bytes[start..start + len]` (letters and digits only).
fn ascii_lower_hash(bytes: &[u8], start: usize, len: usize) -> u64 {
    if len <= 16 {
        // Sixteen bytes from the word's start when the text has them (one load), else a copy.
        let mut chunk = [0u8; 16];
        match bytes.get(start..start + 16) {
            Some(s) => chunk.copy_from_slice(s),
            None => chunk[..len].copy_from_slice(&bytes[start..start + len]),
        }
        let x = u128::from_le_bytes(chunk);
        // Of letters and digits only capitals have bit 6 set and bit 5 clear: setting bit 5
        // where bit 6 is set lower-cases them and leaves the rest alone.
        let lower = x | ((x >> 1) & 0x2020_2020_2020_2020_2020_2020_2020_2020);
        xxh3_64(&lower.to_le_bytes()[..len])
    } else if len <= STACK_WORD {
        let mut lower = [0u8; STACK_WORD];
        let lower = &mut lower[..len];
        lower.copy_from_slice(&bytes[start..start + len]);
        lower.make_ascii_lowercase();
        xxh3_64(lower)
    } else {
        xxh3_64(&bytes[start..start + len].to_ascii_lowercase())
    }
}

/// The byte offset of `part` in `text` when `part` is a slice of it.
fn offset_in(text: &str, part: &str) -> Option<usize> {
    let start = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (start + part.len() <= text.len()).then_some(start)
}

/// The lines of a text, as [`str::lines`] gives them, less the empty ones (which hold no
/// sentence): found with `memchr`, which is quicker than `str::lines` on long texts.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            // Blank lines between paragraphs: skipped without a search.
            rest = rest.trim_start_matches('\n');
            if rest.is_empty() {
                return None;
            }
            let line = match memchr::memchr(b'\n', rest.as_bytes()) {
                Some(end) => {
                    let line = &rest[..end];
                    rest = &rest[end + 1..];
                    line.strip_suffix('\r').unwrap_or(line)
                }
                None => std::mem::take(&mut rest),
            };
            if !line.is_empty() {
                return Some(line);
            }
        }
    })
}

/// A strong 64-bit mix (splitmix64's finaliser).
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Lines of text already read into shingle and sentence hashes, so that a line repeated in many
/// articles (versions of one wire story share most of their paragraphs) is read once. Keyed by
/// the line's text (looked up by its hash, then compared in full); cleared when it holds more
/// than [`SignatureCache::MAX_BYTES`] of text, so memory stays bounded on any corpus.
#[derive(Debug, Default)]
pub struct SignatureCache {
    /// Line hash -> index in `lines`.
    index: FxHashMap<u64, u32>,
    /// Per cached line.
    lines: Vec<ReadLine>,
    text: String,
    /// The sketch slots ([`slot`]) of every cached line's own shingles (the runs of
    /// [`SHINGLE_WORDS`] words inside it), one line after the other.
    shingles: Vec<u64>,
    /// The sketch length the slots are for.
    bins: usize,
    sentences: Vec<u64>,
    /// Scratch: the words of the line being read, with their offsets.
    spans: Vec<(usize, u64)>,
}

/// What [`SignatureCache`] keeps of one line.
#[derive(Debug, Clone)]
struct ReadLine {
    /// Its place in [`SignatureCache::text`], `shingles` and `sentences`.
    text: Range<usize>,
    shingles: Range<usize>,
    sentences: Range<usize>,
    /// Its words at its edges, for the shingles that run across lines.
    edges: Edges,
}

/// A line's number of words and the hashes of its first two and last two (fewer when it has
/// fewer words): all a shingle that runs across a line break needs of it.
#[derive(Debug, Clone, Copy, Default)]
struct Edges {
    count: usize,
    /// The first `min(count, 2)` words.
    first: [u64; 2],
    /// The last `min(count, 2)` words, in order.
    last: [u64; 2],
}

/// The hash of one shingle (three word hashes in a row), before [`shingle_value`].
fn shingle_hash(a: u64, b: u64, c: u64) -> u64 {
    a ^ b.rotate_left(21) ^ c.rotate_left(42)
}

/// What a shingle hash (or a short text's word fold) puts in the sketch: high bits pick the
/// bin, low bits are the value.
fn shingle_value(h: u64) -> u64 {
    mix(h ^ SEED)
}

/// Where a [`shingle_value`] goes in a sketch of `bins` bins, and what: the bin in the high 32
/// bits (picked by the value's high bits), the value (its low bits) in the low 32.
fn slot(value: u64, bins: usize) -> u64 {
    let bin = ((value >> 32) * bins as u64) >> 32;
    bin << 32 | (value & 0xffff_ffff)
}

impl SignatureCache {
    /// Text held before the cache is cleared (bytes).
    pub const MAX_BYTES: usize = 1 << 20;

    /// A cache with room for [`SignatureCache::MAX_BYTES`] of text from the start, for one that
    /// will read a corpus: grown from nothing, its lists would be copied at every doubling
    /// until they hold that much. (Wire copy has a word per six bytes or so and a line per
    /// hundred and more: the room for shingles and lines is ample.)
    pub fn with_room() -> SignatureCache {
        let lines = Self::MAX_BYTES / 64;
        let mut index = FxHashMap::default();
        index.reserve(lines);
        SignatureCache {
            index,
            lines: Vec::with_capacity(lines),
            text: String::with_capacity(Self::MAX_BYTES),
            shingles: Vec::with_capacity(Self::MAX_BYTES / 4),
            bins: 0,
            sentences: Vec::with_capacity(lines),
            spans: Vec::new(),
        }
    }

    fn clear(&mut self) {
        self.index.clear();
        self.lines.clear();
        self.text.clear();
        self.shingles.clear();
        self.sentences.clear();
    }

    /// Reads one line (no `\n`) for a sketch of `bins` bins: appends its sentence hashes to
    /// `sentences` and returns its index in `lines`, from the cache when the line was read
    /// before.
    fn read_line(&mut self, line: &str, bins: usize, sentences: &mut Vec<u64>) -> usize {
        if self.bins != bins {
            self.clear();
            self.bins = bins;
        }
        // Any hash will do: a hit is checked against the line's text (two lines that share
        // the samples only take turns in the cache).
        let key = ingest::sampled_hash(line.as_bytes());
        if let Some(&k) = self.index.get(&key) {
            let read = &self.lines[k as usize];
            if &self.text[read.text.clone()] == line {
                sentences.extend_from_slice(&self.sentences[read.sentences.clone()]);
                return k as usize;
            }
        }
        if self.text.len() + line.len() > Self::MAX_BYTES {
            self.clear();
        }
        let s0 = self.sentences.len();
        line_words(line, &mut self.spans, &mut self.sentences);
        sentences.extend_from_slice(&self.sentences[s0..]);
        let h0 = self.shingles.len();
        let spans = &self.spans;
        if spans.len() >= SHINGLE_WORDS {
            self.shingles.extend(
                spans
                    .windows(SHINGLE_WORDS)
                    .map(|w| slot(shingle_value(shingle_hash(w[0].1, w[1].1, w[2].1)), bins)),
            );
        }
        let edges = {
            let n = spans.len();
            let k = n.min(2);
            let mut e = Edges {
                count: n,
                ..Edges::default()
            };
            for (slot, &(_, w)) in e.first.iter_mut().zip(&spans[..k]) {
                *slot = w;
            }
            for (slot, &(_, w)) in e.last.iter_mut().zip(&spans[n - k..]) {
                *slot = w;
            }
            e
        };
        let t = self.text.len()..self.text.len() + line.len();
        self.text.push_str(line);
        self.index.insert(key, self.lines.len() as u32);
        self.lines.push(ReadLine {
            text: t,
            shingles: h0..self.shingles.len(),
            sentences: s0..self.sentences.len(),
            edges,
        });
        self.lines.len() - 1
    }
}

/// Reads the words of one line into `spans` (cleared first) and appends the hashes of its
/// sentences to `sentences`.
fn line_words(line: &str, spans: &mut Vec<(usize, u64)>, sentences: &mut Vec<u64>) {
    spans.clear();
    word_hashes(line, spans);
    // A sentence is a trimmed slice of the line, and only whitespace lies between sentences,
    // so its words are the run of the line's words that start inside it.
    let mut own = Vec::new();
    let mut next = 0;
    for s in segment::split_sentences(line) {
        let words = match offset_in(line, s) {
            Some(start) => {
                let end = start + s.len();
                while next < spans.len() && spans[next].0 < start {
                    next += 1;
                }
                let first = next;
                while next < spans.len() && spans[next].0 < end {
                    next += 1;
                }
                &spans[first..next]
            }
            // Not a slice of the line: read its words afresh.
            None => {
                own.clear();
                word_hashes(s, &mut own);
                &own[..]
            }
        };
        if words.is_empty() {
            continue;
        }
        sentences.push(words.iter().fold(SEED, |acc, &(_, w)| mix(acc ^ w)));
    }
}

/// A MinHash sketch being filled: per bin, the least [`slot`] put there, or `u64::MAX` while it
/// is empty.
///
/// A cell holds the whole slot, not only its value: the slots of one bin share their high bits
/// (the bin), so the least slot is the one with the least value, and the value is not masked
/// out on every put. No slot is `u64::MAX`, which would need a bin of `u32::MAX` (a sketch of
/// 2^32 bins and more).
struct Sketch {
    cells: Vec<u64>,
}

impl Sketch {
    fn new(bins: usize) -> Sketch {
        Sketch {
            cells: vec![u64::MAX; bins],
        }
    }

    /// Puts one shingle, given by its [`slot`].
    fn put(&mut self, slot: u64) {
        if let Some(cell) = self.cells.get_mut((slot >> 32) as usize) {
            *cell = (*cell).min(slot);
        }
    }

    /// Puts the shingles of one cached line: [`Sketch::put`] on each, in a loop of its own,
    /// which the compiler keeps tight (it is most of the time spent on a line read before).
    #[inline(never)]
    fn put_all(&mut self, slots: &[u64]) {
        let cells = &mut self.cells[..];
        for &slot in slots {
            if let Some(cell) = cells.get_mut((slot >> 32) as usize) {
                *cell = (*cell).min(slot);
            }
        }
    }

    /// The sketch: each bin's least value, empty bins filled by [`densify`].
    fn finish(self) -> Vec<u32> {
        // A cell's low 32 bits are its value, and an empty cell's (`u64::MAX`) are `u32::MAX`.
        let mut minhash: Vec<u32> = self.cells.iter().map(|&c| c as u32).collect();
        densify(&mut minhash, |bin| self.cells[bin] != u64::MAX);
        minhash
    }
}

impl Signature {
    /// The signature of one article's text (paragraphs separated by blank lines).
    ///
    /// A text of fewer than three words is one shingle; an empty text has a sketch of
    /// `u32::MAX` values, which never verifies against anything.
    pub fn new(text: &str, config: &GroupConfig) -> Signature {
        Signature::new_cached(text, config, &mut SignatureCache::default())
    }

    /// [`Signature::new`], reading the lines met before from `cache` (the signature is the
    /// same).
    ///
    /// The text's words are its lines' words in turn (words never cross a line break), and its
    /// shingles are each line's own shingles, kept in the cache, and those that run across a
    /// line break, made from the last two words read and the next line's first two.
    pub fn new_cached(text: &str, config: &GroupConfig, cache: &mut SignatureCache) -> Signature {
        let bins = config.bins();
        let mut sketch = Sketch::new(bins);
        let put = |sketch: &mut Sketch, value: u64| sketch.put(slot(value, bins));
        // Room for a sentence per 64 bytes of text, so that it seldom grows.
        let mut sentences: Vec<u64> = Vec::with_capacity(text.len() / 64 + 4);
        // The last (up to) two words read, oldest first, and the words read so far.
        let mut tail = [0u64; 2];
        let mut total = 0usize;
        for line in lines(text) {
            let k = cache.read_line(line, bins, &mut sentences);
            let read = &cache.lines[k];
            let e = read.edges;
            if e.count == 0 {
                continue;
            }
            // The shingles that open with the last words before this line.
            if total >= 2 {
                put(
                    &mut sketch,
                    shingle_value(shingle_hash(tail[0], tail[1], e.first[0])),
                );
            }
            if total >= 1 && e.count >= 2 {
                put(
                    &mut sketch,
                    shingle_value(shingle_hash(tail[1], e.first[0], e.first[1])),
                );
            }
            sketch.put_all(&cache.shingles[read.shingles.clone()]);
            tail = if e.count >= 2 {
                e.last
            } else {
                [tail[1], e.first[0]]
            };
            total += e.count;
        }
        if (1..SHINGLE_WORDS).contains(&total) {
            // The whole text is one shingle: its words, which are the last ones read.
            let words = &tail[2 - total..];
            put(
                &mut sketch,
                shingle_value(words.iter().fold(0, |acc, &w| mix(acc ^ w))),
            );
        }
        let minhash = sketch.finish();
        sentences.sort_unstable();
        sentences.dedup();
        Signature { minhash, sentences }
    }

    /// Estimated Jaccard similarity of the two articles' shingle sets (0..1).
    pub fn jaccard(&self, other: &Signature) -> f32 {
        let n = self.minhash.len().min(other.minhash.len());
        if n == 0 {
            return 0.0;
        }
        let same = self
            .minhash
            .iter()
            .zip(&other.minhash)
            .filter(|(a, b)| a == b && **a != u32::MAX)
            .count();
        same as f32 / n as f32
    }

    /// Share (0..1) of the smaller article's sentences found word for word in the other.
    pub fn sentence_overlap(&self, other: &Signature) -> f32 {
        let (a, b) = (&self.sentences, &other.sentences);
        let smaller = a.len().min(b.len());
        if smaller == 0 {
            return 0.0;
        }
        let (mut i, mut j, mut shared) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        shared as f32 / smaller as f32
    }
}

/// Fills empty bins (those `filled` says are not) from the next filled bin to the right
/// (circularly), offset by the distance, so two sketches agree on an empty bin only when they
/// agree on its donor ("rotation" densification of one-permutation hashing).
///
/// Only empty bins are written, so a donor, being filled, still holds its own value when it is
/// read: the sketch needs no copy.
fn densify(minhash: &mut [u32], filled: impl Fn(usize) -> bool) {
    let n = minhash.len();
    let empty = (0..n).filter(|&bin| !filled(bin)).count();
    if empty == 0 || empty == n {
        return;
    }
    for i in 0..n {
        if filled(i) {
            continue;
        }
        let mut d = 1;
        while !filled((i + d) % n) {
            d += 1;
        }
        minhash[i] = mix(u64::from(minhash[(i + d) % n]) ^ d as u64) as u32;
    }
}

/// Share (0..1) of the smaller text's sentences that [`align::align_pair`] aligns with the
/// other's: the verification for reworded copy. Texts are split into paragraphs at blank lines.
pub fn aligned_share(a: &str, b: &str) -> f32 {
    let sa = sentences_of(a);
    let sb = sentences_of(b);
    let smaller = sa.len().min(sb.len());
    if smaller == 0 {
        return 0.0;
    }
    let pair = align::align_pair(&sa, &sb);
    let aligned_a = sa.len() - pair.dropped.len();
    let aligned_b = sb.len() - pair.added.len();
    let aligned = if sa.len() <= sb.len() {
        aligned_a
    } else {
        aligned_b
    };
    aligned as f32 / smaller as f32
}

fn sentences_of(text: &str) -> Vec<Sentence> {
    let doc = ingest::Document {
        paragraphs: ingest::paragraphs(text),
        ..ingest::Document::default()
    };
    segment::segment(&doc)
}

/// A union-find forest with path halving and union by size.
#[derive(Debug, Clone)]
pub struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    /// `n` singletons.
    pub fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }

    /// The root of `x`'s set.
    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] as usize != x {
            let p = self.parent[x] as usize;
            self.parent[x] = self.parent[p];
            x = p;
        }
        x
    }

    /// Joins the sets of `a` and `b`; false when they were already one.
    pub fn union(&mut self, a: usize, b: usize) -> bool {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return false;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a as u32;
        self.size[a] += self.size[b];
        true
    }
}

/// Bands keyed and sorted at once by [`group`].
const BAND_BATCH: usize = 4;

/// One LSH band's bucket keys, sorted: per article, the hash of the band's values in the high
/// 64 bits and the article in the low 32 (so they sort by hash, then article, with one integer
/// comparison); articles whose band is empty (an empty text) are left out.
fn band_keys(sigs: &[Signature], band: usize, rows: usize) -> Vec<u128> {
    let mut keys: Vec<u128> = Vec::with_capacity(sigs.len());
    for (i, s) in sigs.iter().enumerate() {
        let Some(values) = s.minhash.get(band * rows..(band + 1) * rows) else {
            continue;
        };
        if values.iter().all(|&v| v == u32::MAX) {
            continue;
        }
        let mut h = band as u64;
        for &v in values {
            h = mix(h ^ u64::from(v)).wrapping_add(0x9e37_79b9_7f4a_7c15);
        }
        keys.push(u128::from(h) << 32 | i as u128);
    }
    keys.sort_unstable();
    keys
}

/// Groups articles: returns, per article, its group number; groups are numbered 0, 1, ... in
/// the order of their first article.
///
/// `aligned_share(i, j)` is called only for candidate pairs whose sketches agree enough but whose
/// sentences are not shared word for word; it returns the share of the smaller article's
/// sentences that align (see [`aligned_share`]).
pub fn group(
    sigs: &[Signature],
    config: &GroupConfig,
    mut aligned_share: impl FnMut(usize, usize) -> f32,
) -> Vec<usize> {
    let n = sigs.len();
    let mut uf = UnionFind::new(n);
    let rows = config.rows.max(1);
    let bands = config.bands.max(1);
    // Bands are keyed and sorted in parallel, a few at a time (each batch holds `n` keys per
    // band); candidates are then verified in band order, as the union-find needs.
    let all_bands: Vec<usize> = (0..bands).collect();
    for batch in all_bands.chunks(BAND_BATCH) {
        let keyed: Vec<Vec<u128>> = batch
            .par_iter()
            .map(|&band| band_keys(sigs, band, rows))
            .collect();
        let article = |key: u128| key as u32 as usize;
        for keys in &keyed {
            for run in keys.chunk_by(|a, b| a >> 32 == b >> 32) {
                // Versions of one story share most bands, so after the first bands most
                // buckets hold one group already: every pair in them would be skipped.
                let Some((&first, rest)) = run.split_first() else {
                    continue;
                };
                let root = uf.find(article(first));
                if rest.iter().all(|&key| uf.find(article(key)) == root) {
                    continue;
                }
                for k in 1..run.len() {
                    let j = article(run[k]);
                    let mut root_j = uf.find(j);
                    for &prev in run[k.saturating_sub(MAX_BUCKET_CHECKS)..k].iter().rev() {
                        let i = article(prev);
                        if uf.find(i) == root_j {
                            continue;
                        }
                        if verify(&sigs[i], &sigs[j], config, || aligned_share(i, j)) {
                            uf.union(i, j);
                            root_j = uf.find(j);
                        }
                    }
                }
            }
        }
    }
    let mut number = vec![usize::MAX; n];
    let mut next = 0;
    (0..n)
        .map(|i| {
            let root = uf.find(i);
            if number[root] == usize::MAX {
                number[root] = next;
                next += 1;
            }
            number[root]
        })
        .collect()
}

/// Whether two candidate articles are versions of one wire copy.
fn verify(
    a: &Signature,
    b: &Signature,
    config: &GroupConfig,
    aligned_share: impl FnOnce() -> f32,
) -> bool {
    if a.jaccard(b) < config.min_jaccard {
        return false;
    }
    a.sentence_overlap(b) >= config.min_overlap || aligned_share() >= config.min_overlap
}

#[cfg(test)]
mod tests {
    use super::*;

    /// My own wire-style copy: one agency's story and an outlet's reworded, trimmed version.
    const WIRE: &str = "Flood waters cut off three mountain villages in northern Italy on Sunday, \
        forcing hundreds of residents to leave their homes, regional officials said.\n\n\
        Firefighters used boats to reach families stranded on upper floors in the town of Valdosso, \
        where the river burst its banks before dawn.\n\n\
        \"We have never seen the water rise so fast,\" said Marta Bellini, the town's mayor, who \
        asked the government to declare a state of emergency.\n\n\
        Forecasters expect more heavy rain across the region until Tuesday, the national weather \
        service said in a statement.\n\n\
        Two people were reported missing after their car was swept off a bridge near the village \
        of Pontebasso, police said.";

    const OUTLET: &str = "Flood waters cut off three mountain villages in northern Italy on Sunday, \
        forcing hundreds of residents to flee their homes, regional officials claimed.\n\n\
        \"We have never seen the water rise so fast,\" said Marta Bellini, the town's mayor, who \
        asked the government to declare a state of emergency.\n\n\
        Firefighters used boats to reach families stranded on upper floors in the town of Valdosso, \
        where the river burst its banks before dawn.\n\n\
        Two people were reported missing after their car was swept off a bridge near the village \
        of Pontebasso, police said.\n\n\
        The region has suffered repeated floods in recent years.";

    /// Another agency's report of the same event: same facts and names, its own words.
    const OTHER_AGENCY: &str = "Hundreds of people were evacuated in northern Italy on Sunday as \
        a swollen river flooded Valdosso and isolated three nearby villages.\n\n\
        Rescue crews in rubber dinghies ferried stranded families to safety, according to the \
        regional civil protection agency.\n\n\
        Mayor Marta Bellini told local television the rise of the river had taken everyone by \
        surprise and called for emergency funds from Rome.\n\n\
        Police in Pontebasso were searching for two motorists whose vehicle was carried away by the \
        current.\n\n\
        More rain is forecast until Tuesday.";

    /// An unrelated story.
    const UNRELATED: &str = "The central bank held interest rates steady on Thursday, citing \
        slowing inflation and weak consumer spending.\n\n\
        The governor told reporters that the bank would watch wage growth closely in the coming \
        months.\n\n\
        Markets had expected the decision, and the currency barely moved after the announcement.";

    fn groups_of(texts: &[&str]) -> Vec<usize> {
        let config = GroupConfig::default();
        let sigs: Vec<Signature> = texts.iter().map(|t| Signature::new(t, &config)).collect();
        group(&sigs, &config, |i, j| aligned_share(texts[i], texts[j]))
    }

    #[test]
    fn versions_of_one_story_group_together() {
        let g = groups_of(&[WIRE, UNRELATED, OUTLET]);
        assert_eq!(g[0], g[2]);
        assert_ne!(g[0], g[1]);
        assert_eq!(g, vec![0, 1, 0]);
    }

    #[test]
    fn two_agencies_reports_of_one_event_stay_apart() {
        let g = groups_of(&[WIRE, OTHER_AGENCY, OUTLET]);
        assert_eq!(g[0], g[2]);
        assert_ne!(g[0], g[1]);
        let config = GroupConfig::default();
        let a = Signature::new(WIRE, &config);
        let b = Signature::new(OTHER_AGENCY, &config);
        assert!(a.jaccard(&b) < MIN_JACCARD, "{}", a.jaccard(&b));
    }

    #[test]
    fn singletons_and_empty_texts_stay_alone() {
        let g = groups_of(&["", UNRELATED, "", "Short."]);
        assert_eq!(g, vec![0, 1, 2, 3]);
    }

    #[test]
    fn identical_copies_group() {
        let g = groups_of(&[WIRE; 20]);
        assert!(g.iter().all(|&x| x == 0));
    }

    #[test]
    fn estimates_follow_overlap() {
        let config = GroupConfig::default();
        let a = Signature::new(WIRE, &config);
        let b = Signature::new(OUTLET, &config);
        let c = Signature::new(UNRELATED, &config);
        assert!((a.jaccard(&a) - 1.0).abs() < 1e-6);
        assert!(a.jaccard(&b) > 0.5, "{}", a.jaccard(&b));
        assert!(a.jaccard(&c) < 0.1, "{}", a.jaccard(&c));
        // Three of the outlet's five sentences are word for word the wire's.
        let share = a.sentence_overlap(&b);
        assert!((share - 0.6).abs() < 1e-6, "{share}");
        assert_eq!(a.sentence_overlap(&c), 0.0);
    }

    #[test]
    fn reworded_copy_verifies_by_alignment() {
        let share = aligned_share(WIRE, OUTLET);
        assert!(share >= 0.8, "{share}");
        let apart = aligned_share(WIRE, UNRELATED);
        assert!(apart < MIN_OVERLAP, "{apart}");
    }

    /// The sentence hashes as first written: each sentence's words read afresh.
    fn sentence_hashes_by_rereading(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        let mut words = Vec::new();
        for line in lines(text) {
            for s in segment::split_sentences(line) {
                words.clear();
                word_hashes(s, &mut words);
                if !words.is_empty() {
                    out.push(words.iter().fold(SEED, |acc, &(_, w)| mix(acc ^ w)));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn sentence_hashes_reuse_the_text_words() {
        let config = GroupConfig::default();
        for text in [
            WIRE,
            OUTLET,
            OTHER_AGENCY,
            "",
            "  ...  ",
            "One. Two! Three?\r\nFour\u{2026} Five.\n\n\u{201c}Six,\u{201d} he said. \u{130}stanbul \u{3a3}\u{3a3} STRASSE Stra\u{df}e.",
            "Gen. Smith met U.S. envoys on Jan. 5. \"It went well.\" The talks ended.",
        ] {
            assert_eq!(
                Signature::new(text, &config).sentences,
                sentence_hashes_by_rereading(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_shared_cache_gives_the_same_signatures() {
        let config = GroupConfig::default();
        let mut cache = SignatureCache::default();
        let texts = [
            WIRE,
            OUTLET,
            WIRE,
            OTHER_AGENCY,
            UNRELATED,
            OUTLET,
            "",
            "Short.",
            "Short.\r\n\r\nShort. Again",
        ];
        // A cache made with room reads the same.
        let mut roomy = SignatureCache::with_room();
        for text in texts {
            assert_eq!(
                Signature::new_cached(text, &config, &mut cache),
                Signature::new(text, &config),
                "{text:?}"
            );
            assert_eq!(
                Signature::new_cached(text, &config, &mut roomy),
                Signature::new(text, &config),
                "{text:?}"
            );
        }
        // Every distinct line of the texts is held once.
        let distinct: std::collections::HashSet<&str> =
            texts.iter().flat_map(|t| lines(t)).collect();
        assert_eq!(cache.lines.len(), distinct.len());
    }

    /// The sketch as first written: every word of the text in one list, then every run of
    /// three words hashed and put.
    fn minhash_by_definition(text: &str, bins: usize) -> Vec<u32> {
        let mut spans = Vec::new();
        for line in lines(text) {
            word_hashes(line, &mut spans);
        }
        let words: Vec<u64> = spans.iter().map(|&(_, w)| w).collect();
        let mut minhash = vec![u32::MAX; bins];
        let mut filled = vec![false; bins];
        let mut put = |h: u64| {
            let h = mix(h ^ SEED);
            // High bits pick the bin, low bits are the value.
            let bin = (((h >> 32) * bins as u64) >> 32) as usize;
            minhash[bin] = minhash[bin].min(h as u32);
            filled[bin] = true;
        };
        if words.len() < SHINGLE_WORDS {
            if !words.is_empty() {
                put(words.iter().fold(0, |acc, &w| mix(acc ^ w)));
            }
        } else {
            for w in words.windows(SHINGLE_WORDS) {
                put(w
                    .iter()
                    .enumerate()
                    .fold(0u64, |acc, (k, &w)| acc ^ w.rotate_left(21 * k as u32)));
            }
        }
        densify_by_definition(&mut minhash, &filled);
        minhash
    }

    /// [`densify`] as first written: the donors are read from a copy of the sketch.
    fn densify_by_definition(minhash: &mut [u32], filled: &[bool]) {
        let n = minhash.len();
        if filled.iter().all(|&f| f) || filled.iter().all(|&f| !f) {
            return;
        }
        let src = minhash.to_vec();
        for i in 0..n {
            if filled[i] {
                continue;
            }
            let mut d = 1;
            while !filled[(i + d) % n] {
                d += 1;
            }
            minhash[i] = mix(u64::from(src[(i + d) % n]) ^ d as u64) as u32;
        }
    }

    #[test]
    fn cached_shingles_give_the_sketch_by_definition() {
        let config = GroupConfig::default();
        let mut cache = SignatureCache::default();
        for text in [
            WIRE,
            OUTLET,
            WIRE,
            "",
            "One",
            "One two",
            "One\ntwo",
            "One\n\ntwo\nthree",
            "One two\nthree\n\nfour five six\nseven",
            "A b c d\n...\ne\nf g\nh",
            "One two",
        ] {
            assert_eq!(
                Signature::new_cached(text, &config, &mut cache).minhash,
                minhash_by_definition(text, config.bins()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn words_are_hashed_lower_case() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        word_hashes("The TALKS ended; \u{c9}TAT d\u{e9}j\u{e0}", &mut a);
        word_hashes("the talks ENDED \u{e9}tat D\u{c9}J\u{c0}", &mut b);
        assert_eq!(a.len(), 5);
        let hashes = |v: &[(usize, u64)]| v.iter().map(|&(_, h)| h).collect::<Vec<_>>();
        assert_eq!(hashes(&a), hashes(&b));
        assert_eq!(a[0], (0, xxh3_64(b"the")));
        assert_eq!(a[3].1, xxh3_64("\u{e9}tat".as_bytes()));
    }

    /// The words by their definition: runs of letters and digits, each character lower-cased
    /// on its own, hashed with `xxh3_64`.
    fn word_hashes_by_definition(text: &str) -> Vec<(usize, u64)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let lower: String = text[s..i].chars().flat_map(char::to_lowercase).collect();
                    out.push((s, xxh3_64(lower.as_bytes())));
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn word_scan_matches_the_definition(
            text in "([a-zA-Z0-9]{1,70}|[ .,;'\"\n\u{0}\u{7f}\u{e9}\u{c9}\u{df}\u{130}\u{3a3}\u{201c}\u{2013}\u{2026}\u{4e2d}\u{1f600}]{1,3}){0,40}"
        ) {
            let mut got = Vec::new();
            word_hashes(&text, &mut got);
            proptest::prop_assert_eq!(got, word_hashes_by_definition(&text));
        }

        #[test]
        fn sketch_matches_the_definition(
            texts in proptest::collection::vec("([A-Za-z]{1,3}|[ .]|\n|\r\n){0,24}", 1..6)
        ) {
            let config = GroupConfig { bands: 4, rows: 2, ..GroupConfig::default() };
            let mut cache = SignatureCache::default();
            for text in &texts {
                proptest::prop_assert_eq!(
                    Signature::new_cached(text, &config, &mut cache).minhash,
                    minhash_by_definition(text, config.bins())
                );
                // A cache filled for another sketch length gives the same sketches.
                let other = GroupConfig { bands: 3, ..config };
                proptest::prop_assert_eq!(
                    Signature::new_cached(text, &other, &mut cache).minhash,
                    minhash_by_definition(text, other.bins())
                );
            }
        }

        #[test]
        fn lines_are_the_non_empty_str_lines(text in "([a-z .]{0,12}|\r|\n|\r\n){0,20}") {
            let got: Vec<&str> = lines(&text).collect();
            let want: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn word_scan_handles_long_and_mixed_words() {
        for text in [
            "SUPERCALIFRAGILISTICEXPIALIDOCIOUS and a ".repeat(3),
            "x".repeat(100) + &"Y".repeat(70) + " " + &"Z".repeat(65),
            "Caf\u{e9} \u{c9}COLE na\u{ef}ve\u{2014}DONE 12ab".to_string(),
            "end at the very END".to_string(),
            "ABCDEFGHIJKLMNOP ABCDEFGHIJKLMNOPQ abcdefgh ABCDEFG".to_string(),
        ] {
            let mut got = Vec::new();
            word_hashes(&text, &mut got);
            assert_eq!(got, word_hashes_by_definition(&text), "{text:?}");
        }
    }

    /// [`group`] as it was before it skipped whole buckets: every candidate pair is looked at.
    fn group_checking_every_pair(texts: &[&str], config: &GroupConfig) -> Vec<usize> {
        let sigs: Vec<Signature> = texts.iter().map(|t| Signature::new(t, config)).collect();
        let mut uf = UnionFind::new(sigs.len());
        for band in 0..config.bands {
            let keys = band_keys(&sigs, band, config.rows);
            for run in keys.chunk_by(|a, b| a >> 32 == b >> 32) {
                for k in 1..run.len() {
                    let j = run[k] as u32 as usize;
                    for &prev in run[k.saturating_sub(MAX_BUCKET_CHECKS)..k].iter().rev() {
                        let i = prev as u32 as usize;
                        if uf.find(i) != uf.find(j)
                            && verify(&sigs[i], &sigs[j], config, || {
                                aligned_share(texts[i], texts[j])
                            })
                        {
                            uf.union(i, j);
                        }
                    }
                }
            }
        }
        let mut number = vec![usize::MAX; sigs.len()];
        let mut next = 0;
        (0..sigs.len())
            .map(|i| {
                let root = uf.find(i);
                if number[root] == usize::MAX {
                    number[root] = next;
                    next += 1;
                }
                number[root]
            })
            .collect()
    }

    #[test]
    fn skipping_joined_buckets_gives_the_same_groups() {
        // Versions made by dropping one paragraph of each text, interleaved, with repeats and
        // empty texts: buckets with one group, with several, and with both kinds of verification.
        let mut texts: Vec<String> = Vec::new();
        for round in 0..3 {
            for base in [WIRE, OUTLET, OTHER_AGENCY, UNRELATED] {
                let paragraphs: Vec<&str> = base.split("\n\n").collect();
                let drop = (round * 2) % paragraphs.len();
                let kept: Vec<&str> = paragraphs
                    .iter()
                    .enumerate()
                    .filter(|&(k, _)| k != drop)
                    .map(|(_, p)| *p)
                    .collect();
                texts.push(kept.join("\n\n"));
                texts.push(base.to_string());
            }
            texts.push(String::new());
        }
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        for config in [
            GroupConfig::default(),
            GroupConfig {
                bands: 8,
                rows: 2,
                ..GroupConfig::default()
            },
        ] {
            let sigs: Vec<Signature> = texts.iter().map(|t| Signature::new(t, &config)).collect();
            let fast = group(&sigs, &config, |i, j| aligned_share(texts[i], texts[j]));
            assert_eq!(fast, group_checking_every_pair(&texts, &config));
            // The wire and the outlet's copies are one story; the other agency's is another.
            assert_eq!(fast[0], fast[2], "{fast:?}");
            assert_ne!(fast[0], fast[4], "{fast:?}");
        }
    }

    #[test]
    fn union_find_joins_transitively() {
        let mut uf = UnionFind::new(5);
        assert!(uf.union(0, 1));
        assert!(uf.union(3, 1));
        assert!(!uf.union(0, 3));
        assert_eq!(uf.find(0), uf.find(3));
        assert_ne!(uf.find(0), uf.find(2));
    }
}
