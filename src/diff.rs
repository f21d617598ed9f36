//! Diff: word-level differences between a base cell and a version cell.
//!
//! Text is cut into word and punctuation tokens; `similar` finds the edit script; runs are
//! merged into equal / replace / delete / insert ops whose strings are slices of the original
//! text, so the ops rebuild both sides.
//!
//! ```
//! use wirediff::diff::{tokenize, word_diff};
//! use wirediff::report::OpKind;
//! assert_eq!(tokenize("Kerry said: \"No.\"").iter().map(|t| t.text).collect::<Vec<_>>(),
//!            ["Kerry", "said", ":", "\"", "No", ".", "\""]);
//! let ops = word_diff("Kerry said the talks failed.", "Kerry claimed the talks failed.");
//! assert_eq!(ops[1].op, OpKind::Replace);
//! assert_eq!((ops[1].base.as_deref(), ops[1].other.as_deref()), (Some("said"), Some("claimed")));
//! ```

use std::ops::Range;
use std::time::{Duration, Instant};

use rustc_hash::FxHashMap;
use similar::DiffOp as SimilarOp;
use similar::algorithms::{Capture, Compact, DiffHook, NoFinishHook, Replace, myers};

use crate::report::model::{DiffOp, OpKind};

/// Longest time one cell's diff may take before `similar` falls back to a coarser script.
pub const DIFF_DEADLINE: Duration = Duration::from_millis(250);

/// Inserts or deletes of at least this many words in a reworded cell become substitutions.
pub const MIN_SUBSTITUTION_WORDS: usize = 3;

/// One token: a word (letters, digits, inner apostrophes, hyphens, and the separators of
/// numbers) or a single punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token as written.
    pub text: &'a str,
    /// Byte offset of its first character.
    pub start: usize,
}

impl Token<'_> {
    /// Byte offset one past its last character.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// True for a word (not punctuation).
    pub fn is_word(&self) -> bool {
        self.text.chars().any(char::is_alphanumeric)
    }
}

fn is_word_joiner(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' | '.' | ',' | '/' | '&'
    )
}

/// The character at byte `i` of `text` (a character boundary) and its length in bytes; an
/// ASCII byte is its own character, read without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (char::from(b), 1)
    } else {
        let c = text[i..]
            .chars()
            .next()
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        (c, c.len_utf8())
    }
}

/// Per byte: an ASCII letter or digit (one table lookup in [`tokenize`]'s inner loop).
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Cuts text into word and punctuation tokens, skipping whitespace. Steps through the bytes,
/// decoding only where a character is not ASCII.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 4);
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let b = bytes[i];
        if ASCII_WORD[usize::from(b)] {
            // An ASCII letter or digit starts a word.
            i += 1;
        } else if b == b' ' {
            i += 1;
            continue;
        } else {
            let (c, len) = char_at(text, i);
            i += len;
            if c.is_whitespace() {
                continue;
            }
            if !c.is_alphanumeric() {
                out.push(Token {
                    text: &text[start..i],
                    start,
                });
                continue;
            }
        }
        while i < bytes.len() {
            if ASCII_WORD[usize::from(bytes[i])] {
                i += 1;
                continue;
            }
            // Most words end at a space.
            if bytes[i] == b' ' {
                break;
            }
            let (d, len) = char_at(text, i);
            if d.is_alphanumeric() {
                i += len;
                continue;
            }
            // A joiner stays inside the word only when a letter or digit follows it, and a
            // full stop or comma only between digits (3.5, 290,000) or letters of initials.
            if is_word_joiner(d) {
                let after = (i + len < bytes.len()).then(|| char_at(text, i + len).0);
                let keep = match (d, after) {
                    (_, None) => false,
                    // The character before is the word's last: an ASCII digit is its own byte.
                    ('.' | ',', Some(a)) => bytes[i - 1].is_ascii_digit() && a.is_ascii_digit(),
                    (_, Some(a)) => a.is_alphanumeric(),
                };
                if keep {
                    i += len;
                    continue;
                }
            }
            break;
        }
        out.push(Token {
            text: &text[start..i],
            start,
        });
    }
    out
}

/// Folds a character for comparison: letter case, typographic quotes, apostrophes and dashes,
/// so a title-cased headline or curly quotes do not count as rewording.
fn fold(c: char) -> impl Iterator<Item = char> {
    c.to_lowercase().map(|c| match c {
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{00ab}' | '\u{00bb}' => '"',
        '\u{2018}' | '\u{2019}' | '\u{2032}' => '\'',
        '\u{2013}' | '\u{2014}' | '\u{2012}' | '\u{2010}' | '\u{2011}' => '-',
        c => c,
    })
}

/// Dense ids of tokens by their folded text (see [`fold`]): equal ids for equal folded text,
/// numbered in order of first appearance. A folded text of up to 15 bytes is its own key,
/// packed with its length in two integers, so most tokens are looked up without hashing
/// their text byte by byte or allocating.
#[derive(Default)]
struct TokenIds {
    short: FxHashMap<(u64, u64), u32>,
    long: FxHashMap<String, u32>,
    /// Scratch for a folded text that is not plain ASCII.
    folded: String,
}

impl TokenIds {
    fn with_capacity(n: usize) -> TokenIds {
        let mut ids = TokenIds::default();
        ids.short.reserve(n);
        ids
    }

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// The id of token `t`. Inlined into the loops over a diff's tokens (the compiler would
    /// not, for the map's insertion code); the rare tokens that need folding are not.
    #[inline(always)]
    fn id(&mut self, t: &str) -> u32 {
        let next = self.len() as u32;
        let bytes = t.as_bytes();
        if bytes.len() <= 15 {
            // Zero-padded, with a zero last byte: what `pack(b, 0)` gives, read without a copy.
            let (lo, hi) = crate::align::pack(bytes);
            if (lo | hi) & HIGH_BITS == 0 {
                // ASCII folds to its lower case (the quotes and dashes `fold` maps are not
                // ASCII): `pack` of the lower-cased bytes.
                let key = (
                    ascii_lower(lo),
                    ascii_lower(hi) | (bytes.len() as u64) << 56,
                );
                return *self.short.entry(key).or_insert(next);
            }
        }
        self.folded_id(t)
    }

    /// [`TokenIds::id`] of a token that is long or not plain ASCII: folded into a copy first.
    #[inline(never)]
    fn folded_id(&mut self, t: &str) -> u32 {
        let next = self.len() as u32;
        if t.is_ascii() {
            self.folded.clear();
            self.folded.push_str(t);
            self.folded.make_ascii_lowercase();
        } else {
            self.folded.clear();
            self.folded.extend(t.chars().flat_map(fold));
        }
        let f = self.folded.as_bytes();
        if f.len() <= 15 {
            let mut b = [0u8; 16];
            b[..f.len()].copy_from_slice(f);
            return *self.short.entry(pack(b, f.len())).or_insert(next);
        }
        if let Some(&known) = self.long.get(self.folded.as_str()) {
            return known;
        }
        self.long.insert(self.folded.clone(), next);
        next
    }
}

/// The high bit of each of eight bytes.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Eight ASCII bytes, lower-cased at once: a byte from `A` to `Z` gains 0x20. Adding to each
/// 7-bit byte cannot carry into the next, so each byte's high bit tells its own comparison.
fn ascii_lower(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let from_a = x + (0x80 - u64::from(b'A')) * ONES;
    let past_z = x + (0x80 - u64::from(b'Z') - 1) * ONES;
    let upper = from_a & !past_z & HIGH_BITS;
    x | upper >> 2
}

/// Up to 15 bytes (zero-padded in `b`) and their count, as two integers: the count takes the
/// last byte, so two texts give the same pair only when they are the same.
fn pack(mut b: [u8; 16], len: usize) -> (u64, u64) {
    b[15] = len as u8;
    let (mut lo, mut hi) = ([0u8; 8], [0u8; 8]);
    lo.copy_from_slice(&b[..8]);
    hi.copy_from_slice(&b[8..]);
    (u64::from_le_bytes(lo), u64::from_le_bytes(hi))
}

/// [`word_diff`] of a text with itself: one equal op over its tokens (what the full diff gives,
/// without the work), or none for a text with no token.
pub fn unchanged(text: &str) -> Vec<DiffOp> {
    let t = text.trim();
    if t.is_empty() {
        Vec::new()
    } else {
        vec![DiffOp {
            op: OpKind::Equal,
            base: Some(t.to_string()),
            other: Some(t.to_string()),
        }]
    }
}

/// A word-level diff of two texts.
pub fn word_diff(base: &str, other: &str) -> Vec<DiffOp> {
    if base == other {
        return unchanged(base);
    }
    diff_tokens(base, other)
}

/// A run of a diff: its kind, and the base and other token ranges it covers.
type Run = (OpKind, Range<usize>, Range<usize>);

/// [`word_diff`] by the tokens, for any two texts.
fn diff_tokens(base: &str, other: &str) -> Vec<DiffOp> {
    let a = tokenize(base);
    let b = tokenize(other);
    // Tokens as dense ids: equal ids for equal folded text.
    let mut ids = TokenIds::with_capacity(a.len() + b.len());
    let ka: Vec<u32> = a.iter().map(|t| ids.id(t.text)).collect();
    let kb: Vec<u32> = b.iter().map(|t| ids.id(t.text)).collect();
    let mut runs = one_change_runs(&ka, &kb).unwrap_or_else(|| patience_runs(&ka, &kb, ids.len()));
    absorb_islands(&mut runs, &a);
    close_brackets(&mut runs, &a, &b);

    let slice = |toks: &[Token<'_>], text: &str, r: &Range<usize>| -> Option<String> {
        if r.is_empty() {
            None
        } else {
            Some(text[toks[r.start].start..toks[r.end - 1].end()].to_string())
        }
    };
    runs.iter()
        .map(|(kind, ra, rb)| DiffOp {
            op: *kind,
            base: slice(&a, base, ra),
            other: slice(&b, other, rb),
        })
        .collect()
}

/// The runs of `similar`'s patience diff of two id sequences (see [`patience_ops`]): equal and
/// change runs, one after the other, each change the ops between two equal runs.
fn patience_runs(old: &[u32], new: &[u32], n_ids: usize) -> Vec<Run> {
    let deadline = Instant::now() + DIFF_DEADLINE;
    let mut runs: Vec<Run> = Vec::new();
    // Ranges come from running cursors and each op's lengths: the indices `similar` reports
    // for the empty side of a delete or insert are not always the cursor position.
    let (mut ca, mut cb) = (0usize, 0usize);
    for op in patience_ops(old, new, n_ids, Some(deadline)) {
        let (kind, old_len, new_len) = match op {
            SimilarOp::Equal { len, .. } => (OpKind::Equal, len, len),
            SimilarOp::Delete { old_len, .. } => (OpKind::Delete, old_len, 0),
            SimilarOp::Insert { new_len, .. } => (OpKind::Insert, 0, new_len),
            SimilarOp::Replace {
                old_len, new_len, ..
            } => (OpKind::Replace, old_len, new_len),
        };
        push_run(&mut runs, kind, ca..ca + old_len, cb..cb + new_len);
        ca += old_len;
        cb += new_len;
    }
    runs
}

/// [`patience_runs`] of two id sequences that differ in one place: their common start and end
/// are equal runs and what lies between is one change. Most reworded cells swap one word or
/// phrase, and this finds their runs without a diff. `None` when that is not surely the
/// patience diff's answer: when the two sides of the change share a token, or when the
/// change both deletes and inserts and its insert opens with the first token of the common
/// end (the proptests find a different answer for each).
///
/// Why it is the answer otherwise: a token found once on each side then lies in the common
/// start or end, at the same place on both, so the anchors keep those parts together; Myers
/// between anchors takes a gap's common start and end as equal and leaves the changed parts,
/// which share nothing, to deletes and inserts. `Compact` moves no delete, and slides an
/// insert up and back down to the lowest place it can take: past the common start, the first
/// tokens differ, so an insert can only go lower by opening with the common end's first token.
fn one_change_runs(old: &[u32], new: &[u32]) -> Option<Vec<Run>> {
    let start = old.iter().zip(new).take_while(|(x, y)| x == y).count();
    let end = old[start..]
        .iter()
        .rev()
        .zip(new[start..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (x, y) = (start..old.len() - end, start..new.len() - end);
    if !x.is_empty() && !y.is_empty() {
        if end > 0 && new[y.start] == new[y.end] {
            return None;
        }
        let theirs = &new[y.clone()];
        if old[x.clone()].iter().any(|t| theirs.contains(t)) {
            return None;
        }
    }
    let mut runs = Vec::with_capacity(3);
    if start > 0 {
        runs.push((OpKind::Equal, 0..start, 0..start));
    }
    if !x.is_empty() || !y.is_empty() {
        runs.push((change_kind(&x, &y), x, y));
    }
    if end > 0 {
        runs.push((
            OpKind::Equal,
            old.len() - end..old.len(),
            new.len() - end..new.len(),
        ));
    }
    Some(runs)
}

/// The ops of `similar`'s patience diff of two id sequences, as
/// `similar::capture_diff_slices_deadline(Algorithm::Patience, ..)` gives them: the same
/// steps (Myers over the tokens found once on each side, then Myers between those anchors,
/// through the same `Replace` and `Compact` hooks), but the tokens found once are counted
/// in dense arrays over the ids (`n_ids` of them), where `similar` counts them in a
/// SipHash map and sorts them back into order: most of a short diff's cost.
fn patience_ops(
    old: &[u32],
    new: &[u32],
    n_ids: usize,
    deadline: Option<Instant>,
) -> Vec<SimilarOp> {
    let mut counts = vec![[0u32; 2]; n_ids];
    for &t in old {
        counts[t as usize][0] += 1;
    }
    for &t in new {
        counts[t as usize][1] += 1;
    }
    // The positions of a side's tokens found once on it, and those tokens.
    let once = |seq: &[u32], side: usize| -> (Vec<usize>, Vec<u32>) {
        let (mut at, mut keys) = (Vec::with_capacity(seq.len()), Vec::with_capacity(seq.len()));
        for (i, &t) in seq.iter().enumerate() {
            if counts[t as usize][side] == 1 {
                at.push(i);
                keys.push(t);
            }
        }
        (at, keys)
    };
    let ((old_once, old_keys), (new_once, new_keys)) = (once(old, 0), once(new, 1));

    let mut d = Compact::new(Replace::new(Capture::new()), old, new);
    let mut anchors = Replace::new(Anchored {
        d: &mut d,
        old,
        new,
        old_at: 0,
        new_at: 0,
        old_once: &old_once,
        new_once: &new_once,
        deadline,
        equal_run: None,
    });
    let done: Result<(), std::convert::Infallible> = myers::diff_deadline(
        &mut anchors,
        &old_keys,
        0..old_keys.len(),
        &new_keys,
        0..new_keys.len(),
        deadline,
    );
    match done {
        Ok(()) => d.into_inner().into_inner().into_ops(),
    }
}

/// The hook [`patience_ops`] runs Myers over the once-found tokens with: each matched pair
/// of them is an anchor; the tokens before it, past the previous anchor, are diffed with
/// Myers after their common start is taken as equal.
struct Anchored<'a, D: DiffHook> {
    d: &'a mut D,
    old: &'a [u32],
    new: &'a [u32],
    /// Next token not yet reported, on each side.
    old_at: usize,
    new_at: usize,
    /// Positions of the tokens found once, on each side.
    old_once: &'a [usize],
    new_once: &'a [usize],
    deadline: Option<Instant>,
    /// The equal run reported last, held back while the next one continues it: a run of
    /// anchors is one equal op, not one per anchor (`Compact` and `Replace` make one of
    /// them anyway).
    equal_run: Option<(usize, usize, usize)>,
}

impl<D: DiffHook> Anchored<'_, D> {
    /// Reports `len` equal tokens from `old` and `new`, joined to the run held back when they
    /// continue it.
    fn equal_tokens(&mut self, old: usize, new: usize, len: usize) -> Result<(), D::Error> {
        if let Some((o, n, l)) = &mut self.equal_run {
            if *o + *l == old && *n + *l == new {
                *l += len;
                return Ok(());
            }
        }
        self.flush()?;
        self.equal_run = Some((old, new, len));
        Ok(())
    }

    /// Reports the equal run held back, if any.
    fn flush(&mut self) -> Result<(), D::Error> {
        match self.equal_run.take() {
            Some((old, new, len)) => self.d.equal(old, new, len),
            None => Ok(()),
        }
    }
}

impl<D: DiffHook> DiffHook for Anchored<'_, D> {
    type Error = D::Error;

    fn equal(&mut self, old: usize, new: usize, len: usize) -> Result<(), D::Error> {
        for k in 0..len {
            let (old_to, new_to) = (self.old_once[old + k], self.new_once[new + k]);
            let (old_from, new_from) = (self.old_at, self.new_at);
            while self.old_at < old_to
                && self.new_at < new_to
                && self.new[self.new_at] == self.old[self.old_at]
            {
                self.old_at += 1;
                self.new_at += 1;
            }
            if self.old_at > old_from {
                self.equal_tokens(old_from, new_from, self.old_at - old_from)?;
            }
            // A gap with an empty side is what Myers reports for it (nothing, or one delete
            // or insert), told without setting up its scratch arrays.
            match (self.old_at == old_to, self.new_at == new_to) {
                (true, true) => {}
                (false, true) => {
                    self.flush()?;
                    self.d
                        .delete(self.old_at, old_to - self.old_at, self.new_at)?;
                }
                (true, false) => {
                    self.flush()?;
                    self.d
                        .insert(self.old_at, self.new_at, new_to - self.new_at)?;
                }
                (false, false) => {
                    self.flush()?;
                    myers::diff_deadline(
                        &mut NoFinishHook::new(&mut *self.d),
                        self.old,
                        self.old_at..old_to,
                        self.new,
                        self.new_at..new_to,
                        self.deadline,
                    )?;
                }
            }
            self.old_at = old_to;
            self.new_at = new_to;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), D::Error> {
        // The tail after the last anchor, as Myers takes it: its common start is equal, and a
        // rest with an empty side is one delete or insert (or nothing), told without setting
        // up Myers' scratch arrays.
        let (old_from, new_from) = (self.old_at, self.new_at);
        while self.old_at < self.old.len()
            && self.new_at < self.new.len()
            && self.new[self.new_at] == self.old[self.old_at]
        {
            self.old_at += 1;
            self.new_at += 1;
        }
        if self.old_at > old_from {
            self.equal_tokens(old_from, new_from, self.old_at - old_from)?;
        }
        self.flush()?;
        let (old_left, new_left) = (self.old.len() - self.old_at, self.new.len() - self.new_at);
        match (old_left, new_left) {
            (0, 0) => {}
            (_, 0) => self.d.delete(self.old_at, old_left, self.new_at)?,
            (0, _) => self.d.insert(self.old_at, self.new_at, new_left)?,
            _ => {
                return myers::diff_deadline(
                    &mut *self.d,
                    self.old,
                    self.old_at..self.old.len(),
                    self.new,
                    self.new_at..self.new.len(),
                    self.deadline,
                );
            }
        }
        self.d.finish()
    }
}

/// Appends a run, merging it with the previous one where both are changes.
fn push_run(runs: &mut Vec<Run>, kind: OpKind, ra: Range<usize>, rb: Range<usize>) {
    if ra.is_empty() && rb.is_empty() {
        return;
    }
    if let Some(last) = runs.last_mut() {
        let both_changes = last.0 != OpKind::Equal && kind != OpKind::Equal;
        if both_changes || (last.0 == OpKind::Equal && kind == OpKind::Equal) {
            last.1.end = ra.end;
            last.2.end = rb.end;
            last.0 = change_kind(&last.1, &last.2);
            if kind == OpKind::Equal {
                last.0 = OpKind::Equal;
            }
            return;
        }
    }
    runs.push((kind, ra, rb));
}

fn change_kind(ra: &Range<usize>, rb: &Range<usize>) -> OpKind {
    match (ra.is_empty(), rb.is_empty()) {
        (false, false) => OpKind::Replace,
        (false, true) => OpKind::Delete,
        (true, false) => OpKind::Insert,
        (true, true) => OpKind::Equal,
    }
}

/// Function words that, alone between two changes, read better as part of one change.
const ISLAND_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "and", "or", "by", "for", "at", "as", "with",
];

/// Folds a lone function word or punctuation mark between two changes into one replace, so
/// "rebel fighters ... Islamic State (IS) jihadists" reads as whole phrases, not confetti.
fn absorb_islands(runs: &mut Vec<Run>, base_tokens: &[Token<'_>]) {
    let mut i = 1;
    while i + 1 < runs.len() {
        let island = &runs[i];
        let small = island.0 == OpKind::Equal && island.1.len() == 1 && {
            let t = base_tokens[island.1.start].text.to_lowercase();
            !base_tokens[island.1.start].is_word() || ISLAND_WORDS.contains(&t.as_str())
        };
        let sandwiched = runs[i - 1].0 != OpKind::Equal && runs[i + 1].0 != OpKind::Equal;
        let is_end_punct = !base_tokens[island.1.start].is_word()
            && matches!(base_tokens[island.1.start].text, "." | "!" | "?");
        if small && sandwiched && !is_end_punct {
            let next = runs.remove(i + 1);
            runs.remove(i);
            let prev = &mut runs[i - 1];
            prev.1.end = next.1.end;
            prev.2.end = next.2.end;
            prev.0 = change_kind(&prev.1, &prev.2);
        } else {
            i += 1;
        }
    }
}

/// Brackets opened inside a change and closed right after it: "GENEVA (AFP) -" against
/// "TEHRAN (Tasnim) -" reads as one change "GENEVA (AFP)" → "TEHRAN (Tasnim)", not as a change
/// that stops before the closing bracket.
fn close_brackets(runs: &mut Vec<Run>, a: &[Token<'_>], b: &[Token<'_>]) {
    let open = |toks: &[Token<'_>], r: &Range<usize>| {
        toks[r.clone()].iter().fold(0i32, |depth, t| match t.text {
            "(" | "[" => depth + 1,
            ")" | "]" => depth - 1,
            _ => depth,
        }) > 0
    };
    let mut i = 0;
    while i + 1 < runs.len() {
        let (kind, ra, rb) = runs[i].clone();
        let next = &runs[i + 1];
        let closes = next.0 == OpKind::Equal
            && !next.1.is_empty()
            && matches!(a[next.1.start].text, ")" | "]");
        if kind != OpKind::Equal && closes && (open(a, &ra) || open(b, &rb)) {
            let (a_end, b_end) = (next.1.start + 1, next.2.start + 1);
            runs[i].1.end = a_end;
            runs[i].2.end = b_end;
            runs[i].0 = change_kind(&runs[i].1, &runs[i].2);
            runs[i + 1].1.start = a_end;
            runs[i + 1].2.start = b_end;
            if runs[i + 1].1.is_empty() {
                runs.remove(i + 1);
            }
        }
        i += 1;
    }
}

/// Counts the words (not punctuation) of a text.
pub fn word_count(text: &str) -> usize {
    tokenize(text).iter().filter(|t| t.is_word()).count()
}

/// The ops of a cell that become substitutions: every replace, and in a reworded cell every
/// delete or insert of [`MIN_SUBSTITUTION_WORDS`] or more words. Returns indices into `ops`.
pub fn substitution_ops(ops: &[DiffOp], reworded: bool) -> Vec<usize> {
    ops.iter()
        .enumerate()
        .filter(|(_, op)| match op.op {
            OpKind::Equal => false,
            OpKind::Replace => true,
            OpKind::Delete => {
                reworded && word_count(op.base.as_deref().unwrap_or("")) >= MIN_SUBSTITUTION_WORDS
            }
            OpKind::Insert => {
                reworded && word_count(op.other.as_deref().unwrap_or("")) >= MIN_SUBSTITUTION_WORDS
            }
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_ids_are_equal_for_equal_folded_text() {
        let ascii: String = (0u8..128).map(char::from).collect();
        let tokens = [
            ascii.as_str(),
            "Kerry",
            "KERRY",
            "kerry",
            "U.S.",
            "290,000",
            "don't",
            "don\u{2019}t",
            "DON\u{2019}T",
            "-",
            "\u{2013}",
            "\u{201c}",
            "\"",
            "Said",
            "said",
            "\u{212a}",
            "k",
            "internationalisation",
            "INTERNATIONALISATION",
            "internationalisatio",
            "Stra\u{df}e",
            "STRASSE",
        ];
        let mut ids = TokenIds::default();
        for a in tokens {
            for b in tokens {
                let folded = |t: &str| t.chars().flat_map(fold).collect::<String>();
                assert_eq!(
                    ids.id(a) == ids.id(b),
                    folded(a) == folded(b),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn ascii_lower_lowers_each_byte() {
        for x in 0u8..128 {
            for y in [0u8, b'A', b'z', b'@', b'[', 127] {
                for at in 0..8 {
                    let mut b = [y; 8];
                    b[at] = x;
                    let want = b.map(|c| c.to_ascii_lowercase());
                    assert_eq!(
                        ascii_lower(u64::from_le_bytes(b)),
                        u64::from_le_bytes(want),
                        "{b:?}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn token_ids_follow_folded_text(
            a in "[aAkKzZ@\\[`{\u{212a}'\u{2019}\u{201c}\"\u{e9}\u{c9}-]{1,20}",
            b in "[aAkKzZ@\\[`{\u{212a}'\u{2019}\u{201c}\"\u{e9}\u{c9}-]{1,20}",
        ) {
            let folded = |t: &str| t.chars().flat_map(fold).collect::<String>();
            let mut ids = TokenIds::default();
            let (x, y) = (ids.id(&a), ids.id(&b));
            proptest::prop_assert_eq!(x == y, folded(&a) == folded(&b));
            proptest::prop_assert_eq!(ids.id(&a), x);
        }
    }

    proptest::proptest! {
        #[test]
        fn patience_ops_are_similars_patience_diff(
            old in proptest::collection::vec(0u32..6, 0..40),
            new in proptest::collection::vec(0u32..6, 0..40),
        ) {
            let want = similar::capture_diff_slices(similar::Algorithm::Patience, &old, &new);
            let got = patience_ops(&old, &new, 6, None);
            proptest::prop_assert_eq!(got, want);
        }

        #[test]
        fn patience_ops_are_similars_patience_diff_over_long_runs(
            old in proptest::collection::vec(0u32..12, 0..60),
            new in proptest::collection::vec(0u32..12, 0..60),
        ) {
            // More tokens found once, so long runs of anchors, whose equal ops are joined.
            let want = similar::capture_diff_slices(similar::Algorithm::Patience, &old, &new);
            proptest::prop_assert_eq!(patience_ops(&old, &new, 12, None), want);
        }
    }

    /// `base` with a few spans replaced: each edit is (position, length cut, tokens put in).
    fn edited(base: &[u32], edits: &[(usize, usize, Vec<u32>)]) -> Vec<u32> {
        let mut out = base.to_vec();
        for (at, cut, put) in edits {
            let at = at % (out.len() + 1);
            let cut = (*cut).min(out.len() - at);
            out.splice(at..at + cut, put.iter().copied());
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn one_change_runs_are_the_patience_runs(
            old in proptest::collection::vec(0u32..8, 0..40),
            edits in proptest::collection::vec(
                (0usize..40, 0usize..4, proptest::collection::vec(0u32..8, 0..4)),
                0..3,
            ),
        ) {
            // Small alphabets: tokens repeat, as "the" and "," do, so the changes can slide.
            let new = edited(&old, &edits);
            if let Some(runs) = one_change_runs(&old, &new) {
                proptest::prop_assert_eq!(runs, patience_runs(&old, &new, 8));
            }
        }

        #[test]
        fn one_change_runs_are_the_patience_runs_over_few_tokens(
            old in proptest::collection::vec(0u32..3, 0..12),
            new in proptest::collection::vec(0u32..3, 0..12),
        ) {
            if let Some(runs) = one_change_runs(&old, &new) {
                proptest::prop_assert_eq!(runs, patience_runs(&old, &new, 3));
            }
        }
    }

    #[test]
    fn one_change_runs_take_the_wire_swaps_and_leave_the_rest() {
        let swapped = [
            (
                "Kerry said the talks failed after a long night in Geneva.",
                "Kerry claimed the talks failed after a long night in Geneva.",
                true,
            ),
            (
                "Rebel fighters seized the town, the army said.",
                "Terrorists seized the town, the army said.",
                true,
            ),
            (
                "The government said the rebels had left.",
                "The government said the rebels had left, AFP reported.",
                true,
            ),
            (
                "Islamic State group fighters fled the city.",
                "Daesh fighters fled the city.",
                true,
            ),
            // Two swaps apart: not one change.
            (
                "The rebels said the government had failed.",
                "The militants said the regime had failed.",
                false,
            ),
            // The change opens with what follows it: its insert could slide.
            (
                "Officials said talks were held.",
                "Officials talks talks were held.",
                false,
            ),
            ("Talks resumed.", "TALKS RESUMED.", true),
            ("", "Talks resumed.", true),
        ];
        for (a, b, one) in swapped {
            let mut ids = TokenIds::default();
            let mut key =
                |s: &str| -> Vec<u32> { tokenize(s).iter().map(|t| ids.id(t.text)).collect() };
            let (ka, kb) = (key(a), key(b));
            let n = ids.len();
            let got = one_change_runs(&ka, &kb);
            assert_eq!(got.is_some(), one, "{a:?} {b:?}");
            if let Some(runs) = got {
                assert_eq!(runs, patience_runs(&ka, &kb, n), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn patience_ops_agree_on_wire_sentences() {
        let pairs = [
            (
                "Kerry said the talks failed after a long night in Geneva.",
                "Kerry claimed the talks in Geneva failed after a long night.",
            ),
            (
                "The rebels, who hold the east of the city, said on Monday they would not leave.",
                "Militants holding the east of the city said they would not leave, AFP reported.",
            ),
            ("the the the a a", "a the a the"),
        ];
        for (a, b) in pairs {
            let mut ids = TokenIds::default();
            let mut key =
                |s: &str| -> Vec<u32> { tokenize(s).iter().map(|t| ids.id(t.text) % 7).collect() };
            let (ka, kb) = (key(a), key(b));
            let want = similar::capture_diff_slices(similar::Algorithm::Patience, &ka, &kb);
            assert_eq!(patience_ops(&ka, &kb, 7, None), want, "{a:?} {b:?}");
        }
    }

    /// The tokenizer as first written, char by char: what [`tokenize`] must agree with.
    fn tokenize_by_chars(text: &str) -> Vec<Token<'_>> {
        let mut out = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            if !c.is_alphanumeric() {
                out.push(Token {
                    text: &text[start..start + c.len_utf8()],
                    start,
                });
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    end = i + d.len_utf8();
                    chars.next();
                    continue;
                }
                // A joiner stays inside the word only when a letter or digit follows it, and a
                // full stop or comma only between digits (3.5, 290,000) or letters of initials.
                if is_word_joiner(d) {
                    let after = text[i + d.len_utf8()..].chars().next();
                    let prev = text[..i].chars().next_back();
                    let keep = match (d, after) {
                        (_, None) => false,
                        ('.' | ',', Some(a)) => {
                            prev.is_some_and(|p| p.is_ascii_digit()) && a.is_ascii_digit()
                        }
                        (_, Some(a)) => a.is_alphanumeric(),
                    };
                    if keep {
                        end = i + d.len_utf8();
                        chars.next();
                        continue;
                    }
                }
                break;
            }
            out.push(Token {
                text: &text[start..end],
                start,
            });
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn tokenize_agrees_with_the_char_by_char_tokenizer(
            s in "[a-zA-Z09 .,'\\-/&()\u{2019}\u{2010}\u{2011}\u{201c}\u{e9}\u{df}\u{85}\u{a0}\u{3000}\u{660}\n\t]{0,40}",
        ) {
            proptest::prop_assert_eq!(tokenize(&s), tokenize_by_chars(&s));
        }
    }

    #[test]
    fn tokenize_agrees_with_the_char_by_char_tokenizer_on_wire_text() {
        for s in [
            "GENEVA (AFP) \u{2013} Kerry said 290,000 people, 3.5 percent, fled al-Assad's U.S.-backed",
            "\u{201c}Caf\u{e9}s\u{201d} in Z\u{fc}rich closed 1,2.3 a.b 4. ,5 rock\u{2019}n\u{2019}roll \u{2010}x y\u{2011}",
            "",
            " ",
            "9.",
            "9.\u{e9}",
            "\u{e9}.9",
        ] {
            assert_eq!(tokenize(s), tokenize_by_chars(s), "{s:?}");
        }
    }

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text).collect()
    }

    #[test]
    fn tokenizes_news_words_and_punctuation() {
        let cases: &[(&str, &[&str])] = &[
            ("al-Assad's", &["al-Assad's"]),
            ("290,000 people", &["290,000", "people"]),
            ("a 48-hour pause.", &["a", "48-hour", "pause", "."]),
            ("(IS) jihadists", &["(", "IS", ")", "jihadists"]),
            (
                "said, \u{201c}no\u{201d}",
                &["said", ",", "\u{201c}", "no", "\u{201d}"],
            ),
            ("U.S.", &["U", ".", "S", "."]),
            ("3.5 percent", &["3.5", "percent"]),
        ];
        for (input, want) in cases {
            assert_eq!(texts(input), *want, "input {input:?}");
        }
    }

    fn rebuild(ops: &[DiffOp], base_side: bool) -> String {
        ops.iter()
            .filter_map(|o| {
                if base_side {
                    o.base.clone()
                } else {
                    o.other.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn squash(s: &str) -> String {
        s.split_whitespace().collect::<String>()
    }

    #[test]
    fn ops_rebuild_both_sides() {
        let base = "Kerry linked the near total collapse of a previous ceasefire to the failure to respond to violations and the Syrian regime's efforts to reclaim strategic territory.";
        let other = "Kerry claimed the near total collapse of a previous ceasefire was linked to the failure to respond to violations.";
        let ops = word_diff(base, other);
        assert_eq!(squash(&rebuild(&ops, true)), squash(base));
        assert_eq!(squash(&rebuild(&ops, false)), squash(other));
        assert!(ops.iter().any(|o| o.op == OpKind::Replace
            && o.base.as_deref() == Some("linked")
            && o.other.as_deref() == Some("claimed")));
        assert!(ops.iter().any(|o| {
            o.op == OpKind::Delete
                && o.base
                    .as_deref()
                    .is_some_and(|b| b.starts_with("and the Syrian regime's"))
        }));
    }

    #[test]
    fn a_text_unchanged_is_one_equal_op_as_its_full_diff() {
        for text in [
            "",
            "   ",
            "Kerry said the talks failed.",
            "  \u{201c}We will not leave,\u{201d} the mayor told reporters on Sunday.  ",
            "GENEVA (AFP) \u{2013} Talks resumed on Monday.\n",
            "...",
        ] {
            assert_eq!(unchanged(text), diff_tokens(text, text), "{text:?}");
            assert_eq!(word_diff(text, text), unchanged(text));
        }
    }

    #[test]
    fn quote_styles_and_dashes_are_equal() {
        let ops = word_diff(
            "He said \"yes\" - twice.",
            "He said \u{201c}yes\u{201d} \u{2013} twice.",
        );
        assert!(ops.iter().all(|o| o.op == OpKind::Equal), "{ops:?}");
    }

    #[test]
    fn lone_article_between_changes_is_absorbed() {
        let ops = word_diff(
            "rebel fighters seized the town from Islamic State jihadists.",
            "militants seized the town from Daesh terrorists.",
        );
        let changes: Vec<_> = ops.iter().filter(|o| o.op != OpKind::Equal).collect();
        assert_eq!(changes.len(), 2, "{ops:?}");
        assert_eq!(changes[1].base.as_deref(), Some("Islamic State jihadists"));
    }

    #[test]
    fn a_bracket_opened_in_a_change_closes_in_it() {
        let ops = word_diff(
            "GENEVA (AFP) - Talks began.",
            "TEHRAN (Tasnim) - Talks began.",
        );
        assert_eq!(ops[0].op, OpKind::Replace);
        assert_eq!(ops[0].base.as_deref(), Some("GENEVA (AFP)"));
        assert_eq!(ops[0].other.as_deref(), Some("TEHRAN (Tasnim)"));
        assert_eq!(ops[1].base.as_deref(), Some("- Talks began."));
    }

    #[test]
    fn substitution_ops_follow_the_spec() {
        let ops = word_diff(
            "Kerry said the talks failed after a long night.",
            "Kerry claimed the talks failed.",
        );
        let subs = substitution_ops(&ops, true);
        assert_eq!(subs.len(), 2, "{ops:?}");
        assert!(substitution_ops(&ops, false).len() == 1);
    }
}
