//! Compact JSON of a [`Report`], written field by field: the bytes are those of the serde
//! derive through `sonic_rs` (`sonic_rs::to_vec(report)`), which stays the reference, but
//! without serde's per-field calls and key escaping. Corpus mode writes hundreds of megabytes of
//! reports, and this writer takes a third of the time the derive takes.
//!
//! Strings, numbers and floats go through `sonic_rs`'s own formatter, so escaping and number
//! formatting are the derive's by construction; keys are the schema's names, which need no
//! escaping, and each is written with its comma and colon as one literal. `tests` hold the two
//! to the same bytes on real reports and on arbitrary text.
//!
//! The versions of a story repeat most of their sentences, and versions that make the same
//! change to a base sentence carry the same diff: a sentence (all but its index and paragraph),
//! a diff, or a cell's fields after its sentence indices equal to one written before in the
//! same report is copied from the bytes written then, not formatted again (see `Memo`).

use std::hash::{Hash, Hasher};
use std::io;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use sonic_rs::format::{CompactFormatter, Formatter};

use super::model::*;

/// Appends `report` to `out` as one compact JSON object.
pub fn write(report: &Report, out: &mut Vec<u8>) -> io::Result<()> {
    out.push(b'{');
    write_fields(report, &mut Json::new(out, report))?;
    out.push(b'}');
    Ok(())
}

/// Appends the fields of `report` to `out`, as [`write()`] does but without the braces, so a
/// caller can add fields of its own after them (`,"name":value`).
pub fn write_fields_to(report: &Report, out: &mut Vec<u8>) -> io::Result<()> {
    write_fields(report, &mut Json::new(out, report))
}

fn write_fields<'r>(r: &'r Report, w: &mut Json<'_, 'r>) -> io::Result<()> {
    w.raw(b"\"schema\":");
    w.str(&r.schema)?;
    w.raw(b",\"tool\":{\"name\":");
    w.str(&r.tool.name)?;
    w.raw(b",\"version\":");
    w.str(&r.tool.version)?;
    w.raw(b"},\"base\":");
    w.str(&r.base)?;
    w.raw(match r.base_reason {
        BaseReason::Given => b",\"base_reason\":\"given\"",
        BaseReason::Medoid => b",\"base_reason\":\"medoid\"",
    });
    w.raw(b",\"versions\":");
    w.array(&r.versions, version)?;
    w.raw(b",\"rows\":");
    w.array(&r.rows, row)?;
    w.raw(b",\"substitutions\":");
    w.array(&r.substitutions, substitution)?;
    w.raw(b",\"summary\":");
    w.array(&r.summary, summary)?;
    w.raw(b",\"warnings\":");
    w.array(&r.warnings, warning)
}

fn version<'r>(w: &mut Json<'_, 'r>, v: &'r VersionReport) -> io::Result<()> {
    w.raw(b"{\"id\":");
    w.str(&v.id)?;
    w.raw(b",\"outlet\":");
    w.str(&v.outlet)?;
    w.raw(b",\"source\":");
    w.str(&v.source)?;
    w.raw(b",\"title\":");
    w.opt_str(v.title.as_deref())?;
    w.raw(b",\"dateline\":");
    w.opt_str(v.dateline.as_deref())?;
    w.raw(b",\"removed_boilerplate\":");
    w.array(&v.removed_boilerplate, |w, s| w.str(s))?;
    w.raw(b",\"sentences\":");
    w.array(&v.sentences, sentence)?;
    w.raw(b"}");
    Ok(())
}

fn sentence<'r>(w: &mut Json<'_, 'r>, s: &'r SentenceReport) -> io::Result<()> {
    w.raw(b"{\"index\":");
    w.usize(s.index)?;
    w.raw(b",\"paragraph\":");
    w.usize(s.paragraph)?;
    w.memoised(
        |m| &mut m.sentences,
        SentenceKey(s),
        |w| sentence_tail(w, s),
    )
}

/// A sentence's fields after its index and paragraph, and its closing brace.
fn sentence_tail<'r>(w: &mut Json<'_, 'r>, s: &'r SentenceReport) -> io::Result<()> {
    w.raw(b",\"text\":");
    w.str(&s.text)?;
    // The labels and the primary label, each boolean written with the key after it.
    let l = s.labels;
    w.raw(if l.sourced {
        b",\"labels\":{\"sourced\":true,\"attributed\":"
    } else {
        b",\"labels\":{\"sourced\":false,\"attributed\":"
    });
    w.raw(if l.attributed {
        b"true,\"editorialized\":"
    } else {
        b"false,\"editorialized\":"
    });
    w.raw(if l.editorialized {
        b"true},\"primary\":"
    } else {
        b"false},\"primary\":"
    });
    w.raw(match s.primary {
        Primary::Editorialized => b"\"editorialized\",\"attributions\":",
        Primary::Sourced => b"\"sourced\",\"attributions\":",
        Primary::Attributed => b"\"attributed\",\"attributions\":",
        Primary::Unattributed => b"\"unattributed\",\"attributions\":",
    });
    w.array(&s.attributions, attribution)?;
    if s.editorial.is_empty() && s.notes.is_empty() {
        // Most sentences.
        w.raw(b",\"editorial\":[],\"notes\":[]}");
    } else {
        w.raw(b",\"editorial\":");
        w.array(&s.editorial, editorial)?;
        w.raw(b",\"notes\":");
        w.array(&s.notes, |w, n| w.str(n))?;
        w.raw(b"}");
    }
    Ok(())
}

fn attribution(w: &mut Json<'_, '_>, a: &Attribution) -> io::Result<()> {
    w.raw(match a.kind {
        AttributionKind::Direct => b"{\"kind\":\"direct\",\"speaker\":",
        AttributionKind::Indirect => b"{\"kind\":\"indirect\",\"speaker\":",
        AttributionKind::Source => b"{\"kind\":\"source\",\"speaker\":",
    });
    w.opt_str(a.speaker.as_deref())?;
    w.raw(b",\"cue\":");
    w.opt_str(a.cue.as_deref())?;
    w.raw(b",\"source\":");
    w.opt_str(a.source.as_deref())?;
    w.raw(b",\"content\":");
    match &a.content {
        Some(span) => {
            w.raw(b"{\"start\":");
            w.usize(span.start)?;
            w.raw(b",\"end\":");
            w.usize(span.end)?;
            w.raw(b",\"text\":");
            w.str(&span.text)?;
            w.raw(b"}}");
        }
        None => w.raw(b"null}"),
    }
    Ok(())
}

fn editorial(w: &mut Json<'_, '_>, f: &EditorialFlag) -> io::Result<()> {
    w.raw(b"{\"text\":");
    w.str(&f.text)?;
    w.raw(b",\"start\":");
    w.usize(f.start)?;
    w.raw(b",\"end\":");
    w.usize(f.end)?;
    w.raw(b",\"category\":");
    w.str(&f.category)?;
    w.raw(b",\"neutral\":");
    w.opt_str(f.neutral.as_deref())?;
    w.raw(b",\"why\":");
    w.str(&f.why)?;
    w.raw(b",\"lexicon\":");
    w.str(&f.lexicon)?;
    w.raw(b"}");
    Ok(())
}

fn row<'r>(w: &mut Json<'_, 'r>, r: &'r Row) -> io::Result<()> {
    w.raw(b"{\"id\":");
    w.usize(r.id)?;
    w.raw(b",\"cells\":");
    w.array(&r.cells, cell)?;
    w.raw(b"}");
    Ok(())
}

fn cell<'r>(w: &mut Json<'_, 'r>, c: &'r Cell) -> io::Result<()> {
    w.cell_head(&c.version)?;
    w.array(&c.sentences, |w, &i| w.usize(i))?;
    w.memoised(|m| &mut m.tails, TailKey::of(c), |w| cell_tail(w, c))
}

/// A cell's fields after its sentence indices, and its closing brace.
fn cell_tail<'r>(w: &mut Json<'_, 'r>, c: &'r Cell) -> io::Result<()> {
    w.raw(match c.status {
        Status::Base => b",\"status\":\"base\",\"moved\":",
        Status::Identical => b",\"status\":\"identical\",\"moved\":",
        Status::Reworded => b",\"status\":\"reworded\",\"moved\":",
        Status::Added => b",\"status\":\"added\",\"moved\":",
        Status::Dropped => b",\"status\":\"dropped\",\"moved\":",
        Status::Split => b",\"status\":\"split\",\"moved\":",
        Status::Merged => b",\"status\":\"merged\",\"moved\":",
    });
    w.raw(if c.moved {
        b"true,\"similarity\":"
    } else {
        b"false,\"similarity\":"
    });
    match c.similarity {
        Some(s) => w.f32(s)?,
        None => w.null(),
    }
    w.raw(b",\"diff\":");
    if c.diff.is_empty() {
        w.raw(b"[]");
    } else {
        w.memoised(
            |m| &mut m.diffs,
            DiffKey(&c.diff),
            |w| w.array(&c.diff, diff_op),
        )?;
    }
    w.raw(b"}");
    Ok(())
}

fn diff_op(w: &mut Json<'_, '_>, d: &DiffOp) -> io::Result<()> {
    w.raw(match d.op {
        OpKind::Equal => b"{\"op\":\"equal\",\"base\":",
        OpKind::Replace => b"{\"op\":\"replace\",\"base\":",
        OpKind::Delete => b"{\"op\":\"delete\",\"base\":",
        OpKind::Insert => b"{\"op\":\"insert\",\"base\":",
    });
    let from = w.out.len();
    w.opt_str(d.base.as_deref())?;
    let to = w.out.len();
    w.raw(b",\"other\":");
    if d.base.is_some() && d.other == d.base {
        // Most equal ops keep the base's very words: their string is written once.
        w.out.extend_from_within(from..to);
    } else {
        w.opt_str(d.other.as_deref())?;
    }
    w.raw(b"}");
    Ok(())
}

fn substitution(w: &mut Json<'_, '_>, s: &Substitution) -> io::Result<()> {
    w.raw(b"{\"version\":");
    w.str(&s.version)?;
    w.raw(b",\"row\":");
    w.usize(s.row)?;
    w.raw(b",\"base\":");
    w.str(&s.base)?;
    w.raw(b",\"other\":");
    w.str(&s.other)?;
    w.raw(b",\"categories\":");
    w.array(&s.categories, |w, c| w.str(c))?;
    w.raw(b",\"editorial\":");
    w.bool(s.editorial);
    w.raw(b",\"why\":");
    w.str(&s.why)?;
    w.raw(b"}");
    Ok(())
}

fn summary(w: &mut Json<'_, '_>, s: &Summary) -> io::Result<()> {
    w.raw(b"{\"version\":");
    w.str(&s.version)?;
    for (name, n) in [
        (&b",\"sentences\":"[..], s.sentences),
        (b",\"identical\":", s.identical),
        (b",\"reworded\":", s.reworded),
        (b",\"added\":", s.added),
        (b",\"dropped\":", s.dropped),
        (b",\"moved\":", s.moved),
        (b",\"sourced\":", s.sourced),
        (b",\"attributed\":", s.attributed),
        (b",\"editorialized\":", s.editorialized),
    ] {
        w.raw(name);
        w.usize(n)?;
    }
    w.raw(b"}");
    Ok(())
}

fn warning(w: &mut Json<'_, '_>, x: &Warning) -> io::Result<()> {
    w.raw(b"{\"version\":");
    w.opt_str(x.version.as_deref())?;
    w.raw(b",\"kind\":");
    w.str(&x.kind)?;
    w.raw(b",\"message\":");
    w.str(&x.message)?;
    w.raw(b"}");
    Ok(())
}

/// Where the bytes of a sentence or a diff written earlier in the same report are in the
/// output, for a later equal one to copy. Only equal values share bytes: a key compares every
/// field that is written, so a copy is what formatting again would give.
struct Memo<'r> {
    /// A sentence's bytes from `,"text":` to its closing brace (its index and paragraph are
    /// written before, for each sentence).
    sentences: FxHashMap<SentenceKey<'r>, (usize, usize)>,
    /// A non-empty diff's array.
    diffs: FxHashMap<DiffKey<'r>, (usize, usize)>,
    /// A cell's bytes after its sentence indices, from `,"status":` to its closing brace (the
    /// versions that tell a row's base sentence alike share its diff and all of these).
    tails: FxHashMap<TailKey<'r>, (usize, usize)>,
    /// A finite similarity, by its bits (shortest round-trip formatting is the slowest
    /// number to write, and cells repeat their versions' similarities).
    floats: FxHashMap<u32, (usize, usize)>,
    /// The opening of a cell up to its sentence indices, `{"version":"ID","sentences":`,
    /// per version id (a story has a handful; the cells of one version share one id, so they
    /// are told apart by address first).
    cell_heads: Vec<(&'r str, (usize, usize))>,
}

/// A sentence's written fields but its index and paragraph.
struct SentenceKey<'r>(&'r SentenceReport);

impl PartialEq for SentenceKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.0, other.0);
        // Versions that repeat a sentence share its lists, so they are one list by address.
        fn same<T: PartialEq>(x: &Arc<[T]>, y: &Arc<[T]>) -> bool {
            Arc::ptr_eq(x, y) || x == y
        }
        a.text == b.text
            && a.labels == b.labels
            && a.primary == b.primary
            && same(&a.attributions, &b.attributions)
            && same(&a.editorial, &b.editorial)
            && same(&a.notes, &b.notes)
    }
}

impl Eq for SentenceKey<'_> {}

/// Hashes the text by its length and first and last 16 bytes, with the labels and the
/// lengths of the lists: equal keys hash alike, and equality tells apart the rest.
impl Hash for SentenceKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let s = self.0;
        hash_text(&s.text, state);
        let l = s.labels;
        state.write_u8(
            u8::from(l.sourced) | u8::from(l.attributed) << 1 | u8::from(l.editorialized) << 2,
        );
        state.write_usize(s.attributions.len() << 32 | s.editorial.len() << 16 | s.notes.len());
    }
}

fn hash_text<H: Hasher>(text: &str, state: &mut H) {
    let b = text.as_bytes();
    let n = b.len().min(16);
    state.write_usize(b.len());
    state.write(&b[..n]);
    state.write(&b[b.len() - n..]);
}

/// A diff, compared op by op (cells that share one diff are equal at once).
struct DiffKey<'r>(&'r [DiffOp]);

impl PartialEq for DiffKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0) || self.0 == other.0
    }
}

impl Eq for DiffKey<'_> {}

/// Hashes the number of ops and each op's kind and string lengths.
impl Hash for DiffKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.0.len());
        for op in self.0 {
            let len = |s: &Option<String>| s.as_ref().map_or(usize::MAX, String::len);
            state.write_usize((op.op as usize) << 56 ^ len(&op.base) << 28 ^ len(&op.other));
        }
    }
}

/// What a cell's bytes after its sentence indices are made of, its diff told by address: a
/// diff is shared by the cells that have it (see [`Cell::diff`]), and one at the same address
/// and length is the same diff, as the report outlives the memo. A cell whose equal diff is
/// another allocation misses, and is written (the diff itself copied through
/// [`Memo::diffs`]).
#[derive(Clone, Copy)]
struct TailKey<'r> {
    diff: &'r [DiffOp],
    status: Status,
    moved: bool,
    /// The similarity's bits: the same bits are the same number written.
    similarity: Option<u32>,
}

impl<'r> TailKey<'r> {
    fn of(c: &'r Cell) -> TailKey<'r> {
        TailKey {
            diff: &c.diff,
            status: c.status,
            moved: c.moved,
            similarity: c.similarity.map(f32::to_bits),
        }
    }
}

impl PartialEq for TailKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.diff, other.diff)
            && self.status == other.status
            && self.moved == other.moved
            && self.similarity == other.similarity
    }
}

impl Eq for TailKey<'_> {}

impl Hash for TailKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.diff.as_ptr() as usize ^ self.diff.len() << 48);
        state.write_u64(
            u64::from(self.similarity.unwrap_or(u32::MAX)) << 16
                | (self.status as u64) << 1
                | u64::from(self.moved),
        );
    }
}

/// A compact JSON writer over a byte buffer, with the [`Memo`] of one report. Keys and
/// punctuation are written as literals by the functions above, which know where each object
/// starts; only array elements need a comma decided at run time.
struct Json<'a, 'r> {
    out: &'a mut Vec<u8>,
    memo: Memo<'r>,
}

impl<'a, 'r> Json<'a, 'r> {
    fn new(out: &'a mut Vec<u8>, report: &'r Report) -> Json<'a, 'r> {
        let sentences: usize = report.versions.iter().map(|v| v.sentences.len()).sum();
        let cells: usize = report.rows.iter().map(|r| r.cells.len()).sum();
        let mut memo = Memo {
            sentences: FxHashMap::default(),
            diffs: FxHashMap::default(),
            tails: FxHashMap::default(),
            floats: FxHashMap::default(),
            cell_heads: Vec::with_capacity(report.versions.len()),
        };
        memo.sentences.reserve(sentences);
        memo.diffs.reserve(cells);
        memo.tails.reserve(cells);
        Json { out, memo }
    }

    /// What `write` writes, or, when an equal `key` was written before in this report, a copy
    /// of the bytes written then; `table` picks the [`Memo`] map of such keys.
    fn memoised<K: Hash + Eq>(
        &mut self,
        table: for<'m> fn(&'m mut Memo<'r>) -> &'m mut FxHashMap<K, (usize, usize)>,
        key: K,
        write: impl FnOnce(&mut Self) -> io::Result<()>,
    ) -> io::Result<()> {
        if let Some(&(from, to)) = table(&mut self.memo).get(&key) {
            self.out.extend_from_within(from..to);
            return Ok(());
        }
        let from = self.out.len();
        write(self)?;
        let to = self.out.len();
        table(&mut self.memo).insert(key, (from, to));
        Ok(())
    }

    /// Punctuation, keys and fixed values, written as they are.
    fn raw(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    fn array<'i, T>(
        &mut self,
        items: &'i [T],
        mut each: impl FnMut(&mut Self, &'i T) -> io::Result<()>,
    ) -> io::Result<()> {
        self.out.push(b'[');
        for (k, item) in items.iter().enumerate() {
            if k > 0 {
                self.out.push(b',');
            }
            each(self, item)?;
        }
        self.out.push(b']');
        Ok(())
    }

    fn str(&mut self, s: &str) -> io::Result<()> {
        CompactFormatter.write_string_fast(self.out, s, true)
    }

    fn opt_str(&mut self, s: Option<&str>) -> io::Result<()> {
        match s {
            Some(s) => self.str(s),
            None => {
                self.null();
                Ok(())
            }
        }
    }

    fn null(&mut self) {
        self.raw(b"null");
    }

    fn bool(&mut self, b: bool) {
        self.raw(if b { b"true" } else { b"false" });
    }

    /// A cell's opening up to its sentence indices (see [`Memo::cell_heads`]).
    fn cell_head(&mut self, version: &'r str) -> io::Result<()> {
        let heads = &self.memo.cell_heads;
        let known = heads
            .iter()
            .find(|(id, _)| std::ptr::eq(*id, version))
            .or_else(|| heads.iter().find(|(id, _)| *id == version));
        if let Some(&(_, (from, to))) = known {
            self.out.extend_from_within(from..to);
            return Ok(());
        }
        let from = self.out.len();
        self.raw(b"{\"version\":");
        self.str(version)?;
        self.raw(b",\"sentences\":");
        let to = self.out.len();
        self.memo.cell_heads.push((version, (from, to)));
        Ok(())
    }

    /// A count or an index: most are below 100 (sentence and row numbers, cell indices) and
    /// are written digit by digit, the rest by the formatter; both write plain decimal.
    #[inline(always)]
    fn usize(&mut self, n: usize) -> io::Result<()> {
        match n {
            0..10 => self.out.push(b'0' + n as u8),
            10..100 => self
                .out
                .extend_from_slice(&[b'0' + (n / 10) as u8, b'0' + (n % 10) as u8]),
            _ => CompactFormatter.write_u64(self.out, n as u64)?,
        }
        Ok(())
    }

    /// As the derive writes an `f32`: `null` when it is not finite. 1, the similarity of every
    /// identical cell and most cells' value, is written as the literal the formatter gives.
    fn f32(&mut self, x: f32) -> io::Result<()> {
        if x == 1.0 {
            self.raw(b"1.0");
            Ok(())
        } else if x.is_finite() {
            self.memoised(
                |m| &mut m.floats,
                x.to_bits(),
                |w| CompactFormatter.write_f32(w.out, x),
            )
        } else {
            self.null();
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(index: usize, text: &str, speaker: Option<&str>) -> SentenceReport {
        let labels = Labels {
            attributed: speaker.is_some(),
            ..Labels::default()
        };
        SentenceReport {
            index,
            paragraph: index + 1,
            text: text.to_string(),
            labels,
            primary: labels.primary(),
            attributions: speaker
                .map(|s| Attribution {
                    kind: AttributionKind::Direct,
                    speaker: Some(s.to_string()),
                    cue: None,
                    source: None,
                    content: None,
                })
                .into_iter()
                .collect(),
            editorial: Arc::default(),
            notes: Arc::default(),
        }
    }

    fn version(id: &str, sentences: Vec<SentenceReport>) -> VersionReport {
        VersionReport {
            id: id.to_string(),
            outlet: id.to_string(),
            source: "-".to_string(),
            title: None,
            dateline: None,
            removed_boilerplate: Vec::new(),
            sentences,
        }
    }

    fn op(op: OpKind, base: Option<&str>, other: Option<&str>) -> DiffOp {
        DiffOp {
            op,
            base: base.map(str::to_string),
            other: other.map(str::to_string),
        }
    }

    fn cell(version: &str, diff: Vec<DiffOp>) -> Cell {
        Cell {
            version: version.into(),
            sentences: smallvec::smallvec![0],
            status: Status::Reworded,
            moved: false,
            similarity: Some(0.8),
            diff: diff.into(),
        }
    }

    /// Sentences and diffs that repeat, and look-alikes that differ in one field only, give
    /// the derive's bytes: a copy is taken only of an equal value.
    #[test]
    fn repeated_and_look_alike_values_are_written_as_the_derive() {
        let quote = "\"We will not leave,\" the minister told reporters.";
        let plain = "Talks resumed in Geneva on Monday.";
        let versions = vec![
            version(
                "afp",
                vec![
                    sentence(0, quote, Some("the minister")),
                    sentence(1, plain, None),
                ],
            ),
            version(
                "one",
                vec![
                    sentence(0, plain, None),
                    sentence(1, quote, Some("the minister")),
                ],
            ),
            version(
                "two",
                vec![sentence(0, quote, None), sentence(1, quote, Some("Lavrov"))],
            ),
        ];
        let said = vec![
            op(OpKind::Equal, Some("Talks"), Some("Talks")),
            op(OpKind::Replace, Some("resumed"), Some("restarted")),
        ];
        let claimed = vec![
            op(OpKind::Equal, Some("Talks"), Some("Talks")),
            op(OpKind::Replace, Some("resumed"), Some("restartet")),
        ];
        let inserted = vec![
            op(OpKind::Equal, Some("Talks"), Some("talks")),
            op(OpKind::Insert, None, Some("restarted")),
        ];
        let rows = vec![
            Row {
                id: 0,
                cells: vec![cell("one", said.clone()), cell("two", said.clone())],
            },
            Row {
                id: 1,
                cells: vec![
                    cell("one", claimed),
                    cell("two", inserted),
                    cell("afp", Vec::new()),
                    cell("one", said),
                ],
            },
            Row {
                id: 2,
                cells: vec![cell(
                    "two",
                    vec![op(OpKind::Equal, Some(quote), Some(quote))],
                )],
            },
        ];
        let report = Report {
            schema: SCHEMA.to_string(),
            tool: Tool::default(),
            base: "afp".to_string(),
            base_reason: BaseReason::Medoid,
            versions,
            rows,
            substitutions: Vec::new(),
            summary: Vec::new(),
            warnings: Vec::new(),
        };
        assert_written_as_derive(&report);
    }

    /// Every combination of labels and primary label, moved and not, with and without
    /// editorial flags and notes, similarity 1 and others, gives the derive's bytes.
    #[test]
    fn fused_literals_are_written_as_the_derive() {
        let flag = EditorialFlag {
            text: "regime".to_string(),
            start: 4,
            end: 10,
            category: "loaded_term".to_string(),
            neutral: Some("government".to_string()),
            why: "\"Regime\" casts the government as illegitimate.".to_string(),
            lexicon: "builtin".to_string(),
        };
        let primaries = [
            Primary::Editorialized,
            Primary::Sourced,
            Primary::Attributed,
            Primary::Unattributed,
        ];
        let mut sentences = Vec::new();
        for bits in 0..8u8 {
            for (k, &primary) in primaries.iter().enumerate() {
                let mut s = sentence(sentences.len(), "The regime said talks would go on.", None);
                s.labels = Labels {
                    sourced: bits & 1 != 0,
                    attributed: bits & 2 != 0,
                    editorialized: bits & 4 != 0,
                };
                s.primary = primary;
                if k % 2 == 1 {
                    s.editorial = Arc::from([flag.clone()]);
                }
                if k >= 2 {
                    s.notes = Arc::from(["Speaker taken from the sentence before.".to_string()]);
                }
                sentences.push(s);
            }
        }
        let mut moved = cell("afp", Vec::new());
        moved.moved = true;
        moved.similarity = None;
        let mut identical = cell("afp", Vec::new());
        identical.similarity = Some(1.0);
        // One diff (shared, and an equal copy) under several statuses, moved or not, and
        // with several similarities.
        let shared: std::sync::Arc<[DiffOp]> =
            vec![op(OpKind::Equal, Some("Talks"), Some("Talks"))].into();
        let mut tails = Vec::new();
        for status in [Status::Identical, Status::Reworded, Status::Merged] {
            for moved in [false, true] {
                for similarity in [Some(1.0), Some(0.8), None] {
                    for diff in [shared.clone(), shared.to_vec().into()] {
                        tails.push(Cell {
                            version: "afp".into(),
                            sentences: smallvec::smallvec![0],
                            status,
                            moved,
                            similarity,
                            diff,
                        });
                    }
                }
            }
        }
        let report = Report {
            schema: SCHEMA.to_string(),
            tool: Tool::default(),
            base: "afp".to_string(),
            base_reason: BaseReason::Given,
            versions: vec![version("afp", sentences)],
            rows: vec![
                Row {
                    id: 0,
                    cells: vec![moved, identical, cell("afp", Vec::new())],
                },
                Row {
                    id: 1,
                    cells: tails,
                },
            ],
            substitutions: Vec::new(),
            summary: Vec::new(),
            warnings: Vec::new(),
        };
        assert_written_as_derive(&report);
    }

    #[test]
    fn numbers_are_written_as_the_formatter_writes_them() {
        let mut report = Report {
            schema: SCHEMA.to_string(),
            tool: Tool::default(),
            base: String::new(),
            base_reason: BaseReason::Given,
            versions: Vec::new(),
            rows: Vec::new(),
            substitutions: Vec::new(),
            summary: Vec::new(),
            warnings: Vec::new(),
        };
        for n in [
            0,
            1,
            9,
            10,
            11,
            42,
            99,
            100,
            101,
            999,
            1000,
            65_535,
            usize::MAX,
        ] {
            report.rows = vec![Row {
                id: n,
                cells: Vec::new(),
            }];
            assert_written_as_derive(&report);
        }
    }

    /// `write` gives the bytes of the serde derive.
    fn assert_written_as_derive(report: &Report) {
        let mut fast = Vec::new();
        write(report, &mut fast).expect("writes to memory");
        let derive = sonic_rs::to_vec(report).expect("serialises");
        assert_eq!(
            String::from_utf8_lossy(&fast),
            String::from_utf8_lossy(&derive)
        );
    }
}
