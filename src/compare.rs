//! The whole pipeline for one story: ingest → segment → align → diff → classify → report.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;
use std::sync::Arc;

use crate::align::{self, CellPlan, PairAlignment};
use crate::classify::{Classifier, VersionAnalysis, substitution::Change};
use crate::diff;
use crate::error::{Error, Result};
use crate::ingest::{self, Document, RawVersion};
use crate::report::model::*;
use crate::segment::{self, Sentence};

/// Below this share of aligned sentences, a version is probably another story (0..1).
pub const LOW_OVERLAP_SHARE: f32 = 0.2;

/// Settings of one comparison.
#[derive(Debug, Clone, Default)]
pub struct CompareConfig {
    /// The version to compare every other with; the medoid when `None`.
    pub base: Option<String>,
    /// The classifier (rules and lexicon).
    pub classifier: Classifier,
}

/// One version after ingest and segmentation.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The document, boilerplate removed.
    pub doc: Document,
    /// Its sentences.
    pub sentences: Vec<Sentence>,
}

/// Reads, cleans and segments every version.
pub fn prepare(raws: &[RawVersion]) -> Result<Vec<Prepared>> {
    if raws.is_empty() {
        return Err(Error::NoVersions);
    }
    for (k, r) in raws.iter().enumerate() {
        if raws[..k].iter().any(|o| o.id == r.id) {
            return Err(Error::DuplicateId { id: r.id.clone() });
        }
    }
    let mut docs = raws.iter().map(ingest::read).collect::<Result<Vec<_>>>()?;
    ingest::boilerplate::strip(&mut docs);
    let mut cache = segment::SegmentCache::default();
    let sentences: Vec<Vec<Sentence>> = docs
        .iter()
        .map(|doc| segment::segment_cached(doc, &mut cache))
        .collect();
    docs.into_iter()
        .zip(sentences)
        .map(|(doc, sentences)| {
            if sentences.is_empty() {
                return Err(Error::NoText {
                    input: doc.source.clone(),
                });
            }
            Ok(Prepared { doc, sentences })
        })
        .collect()
}

/// Compares the versions of one story and builds the report.
pub fn compare(raws: &[RawVersion], config: &CompareConfig) -> Result<Report> {
    let prepared = prepare(raws)?;
    compare_prepared(prepared, config)
}

/// Labels the sentences of one article: a report with one version, which is its own base,
/// and one row per sentence.
pub fn label(raw: &RawVersion, config: &CompareConfig) -> Result<Report> {
    let p = prepare(std::slice::from_ref(raw))?.swap_remove(0);
    let analysis = config.classifier.analyze(&p.sentences);
    let (id, count) = (p.doc.id.clone(), p.sentences.len());
    let shared_id: Arc<str> = Arc::from(id.as_str());
    let version = version_report(p, analysis);
    let rows = (0..count)
        .map(|i| Row {
            id: i,
            cells: vec![Cell {
                version: Arc::clone(&shared_id),
                sentences: smallvec::smallvec![i],
                status: Status::Base,
                moved: false,
                similarity: None,
                diff: Arc::default(),
            }],
        })
        .collect::<Vec<_>>();
    let versions = vec![version];
    let summary = summarize(&versions, &[CellCounts::default()], &id);
    Ok(Report {
        schema: SCHEMA.to_string(),
        tool: Tool::default(),
        base: id,
        base_reason: BaseReason::Given,
        versions,
        rows,
        substitutions: Vec::new(),
        summary,
        warnings: Vec::new(),
    })
}

/// Compares versions that are already read and segmented.
pub fn compare_prepared(prepared: Vec<Prepared>, config: &CompareConfig) -> Result<Report> {
    if prepared.len() < 2 {
        return Err(match prepared.first() {
            Some(p) => Error::OneVersion {
                id: p.doc.id.clone(),
            },
            None => Error::NoVersions,
        });
    }
    let slices: Vec<&[Sentence]> = prepared.iter().map(|p| p.sentences.as_slice()).collect();
    let words = align::StoryWords::new(&slices);
    let (base, base_reason) = match &config.base {
        Some(id) => {
            let pos = prepared
                .iter()
                .position(|p| &p.doc.id == id)
                .ok_or_else(|| Error::UnknownBase {
                    id: id.clone(),
                    known: prepared
                        .iter()
                        .map(|p| p.doc.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
            (pos, BaseReason::Given)
        }
        None => (align::medoid_in_story(&words), BaseReason::Medoid),
    };

    let analyses: Vec<VersionAnalysis> = config.classifier.analyze_story(&slices);

    let others: Vec<usize> = (0..prepared.len()).filter(|&v| v != base).collect();
    let pairs: Vec<PairAlignment> = others
        .par_iter()
        .map(|&v| {
            align::align_in_story(
                &words,
                (base, &prepared[base].sentences),
                (v, &prepared[v].sentences),
            )
        })
        .collect();
    let lens: Vec<usize> = others
        .iter()
        .map(|&v| prepared[v].sentences.len())
        .collect();
    let same_added = |v: usize, j: usize, u: usize, k: usize| {
        words.same_sentence((others[v], j), (others[u], k))
    };
    let plans = align::build_rows(prepared[base].sentences.len(), &pairs, &lens, &same_added);

    let join = |p: &Prepared, idx: &[usize]| -> String {
        let mut out =
            String::with_capacity(idx.iter().map(|&i| p.sentences[i].text.len() + 1).sum());
        for (k, &i) in idx.iter().enumerate() {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(&p.sentences[i].text);
        }
        out
    };
    let attributed = |a: &VersionAnalysis, idx: &[usize]| {
        idx.iter().any(|&i| {
            let l = a.sentences[i].labels;
            l.attributed || l.sourced
        })
    };

    let base_id = prepared[base].doc.id.clone();
    // Each version's id, shared by its cells.
    let ids: Vec<Arc<str>> = prepared
        .iter()
        .map(|p| Arc::from(p.doc.id.as_str()))
        .collect();
    // Versions often make the same change to a base sentence: each distinct cell is diffed
    // and its changes categorised once.
    let mut done: FxHashMap<CellKey, CellDone> = FxHashMap::default();
    done.reserve(plans.len() * 2);
    // Most cells tell their one base sentence word for word: their diff is one equal op over
    // its text, shared by every such cell of the row.
    let mut unchanged: Vec<Option<Arc<[DiffOp]>>> = vec![None; prepared[base].sentences.len()];
    let mut rows: Vec<Row> = Vec::with_capacity(plans.len());
    let mut substitutions: Vec<Substitution> = Vec::new();
    let mut counts = vec![CellCounts::default(); prepared.len()];
    for (row_id, plan) in plans.into_iter().enumerate() {
        let base_n = plan.base.len();
        let mut cells = Vec::with_capacity(1 + plan.cells.len());
        cells.push(Cell {
            version: Arc::clone(&ids[base]),
            sentences: plan.base,
            status: Status::Base,
            moved: false,
            similarity: None,
            diff: Arc::default(),
        });
        for (k, cell) in plan.cells.into_iter().enumerate() {
            let Some(CellPlan {
                sentences,
                base: cell_base,
                status,
                moved,
                similarity,
            }) = cell
            else {
                continue;
            };
            let v = others[k];
            let mut cell = Cell {
                version: Arc::clone(&ids[v]),
                sentences,
                status,
                moved,
                similarity,
                diff: Arc::default(),
            };
            let needs_diff = matches!(
                cell.status,
                Status::Reworded | Status::Split | Status::Merged
            ) && !cell.sentences.is_empty();
            let unchanged_base = match (cell_base.as_slice(), cell.sentences.as_slice()) {
                (&[i], &[j]) if needs_diff && words.text(base, i) == words.text(v, j) => Some(i),
                _ => None,
            };
            if let Some(i) = unchanged_base {
                // What the diff of a text with itself gives: all equal, no substitution.
                let diff = unchanged[i].get_or_insert_with(|| {
                    diff::unchanged(&prepared[base].sentences[i].text).into()
                });
                cell.diff = Arc::clone(diff);
                if cell.status == Status::Reworded {
                    cell.status = Status::Identical;
                    cell.similarity = Some(1.0);
                }
            } else if needs_diff {
                let key = CellKey {
                    base_attributed: attributed(&analyses[base], &cell_base),
                    other_attributed: attributed(&analyses[v], &cell.sentences),
                    base: cell_base,
                    other: cell.sentences.iter().map(|&j| words.text(v, j)).collect(),
                };
                let first = substitutions.len();
                let known = match done.entry(key) {
                    Entry::Occupied(known) => {
                        let known = known.into_mut();
                        let at = known.substitutions.clone();
                        repeat_substitutions(&mut substitutions, at, &cell.version, row_id);
                        known
                    }
                    Entry::Vacant(slot) => {
                        let key = slot.key();
                        let texts = CellTexts {
                            base: join(&prepared[base], &key.base),
                            other: join(&prepared[v], &cell.sentences),
                            base_attributed: key.base_attributed,
                            other_attributed: key.other_attributed,
                        };
                        let work = cell_work(&texts, &config.classifier);
                        substitutions.extend(work.substitutions.into_iter().map(|s| {
                            Substitution {
                                version: Arc::clone(&cell.version),
                                row: row_id,
                                ..s
                            }
                        }));
                        slot.insert(CellDone {
                            diff: work.diff,
                            all_equal: work.all_equal,
                            substitutions: first..substitutions.len(),
                        })
                    }
                };
                cell.diff = Arc::clone(&known.diff);
                if known.all_equal && cell.status == Status::Reworded {
                    cell.status = Status::Identical;
                    cell.similarity = Some(1.0);
                }
            }
            counts[v].add(&cell, base_n);
            cells.push(cell);
        }
        rows.push(Row { id: row_id, cells });
    }
    drop(done);

    let versions: Vec<VersionReport> = prepared
        .into_iter()
        .zip(analyses)
        .map(|(p, a)| version_report(p, a))
        .collect();
    let summary = summarize(&versions, &counts, &base_id);
    let warnings = warn(&versions, &summary, &base_id);

    Ok(Report {
        schema: SCHEMA.to_string(),
        tool: Tool::default(),
        base: base_id,
        base_reason,
        versions,
        rows,
        substitutions,
        summary,
        warnings,
    })
}

/// What a matched cell's diff and substitutions depend on: the base cell's sentences (always
/// of the one base version, so their indices tell them), the texts of the other cell's
/// sentences (by their indices among the story's distinct texts, see
/// [`align::StoryWords::text`]), and whether each side is attributed. Two keys that are equal
/// have the same joined texts, so the diff and substitutions of one are those of the other.
#[derive(PartialEq, Eq, Hash)]
struct CellKey {
    base: align::Indices,
    other: Vec<u32>,
    base_attributed: bool,
    other_attributed: bool,
}

/// A matched cell's texts, each its sentences joined with one space, as the diff reads them.
struct CellTexts {
    base: String,
    other: String,
    base_attributed: bool,
    other_attributed: bool,
}

/// What a matched cell's diff found: the diff, shared by every cell that has it, whether all
/// is equal, and the substitutions in it (`version` and `row` left blank).
struct CellWork {
    diff: Arc<[DiffOp]>,
    all_equal: bool,
    substitutions: Vec<Substitution>,
}

/// A matched cell's change as the first cell that had it left it in the report: its diff,
/// whether all is equal, and where its substitutions are in the report's list (a later cell
/// with the same change copies them, with its own version and row).
struct CellDone {
    diff: Arc<[DiffOp]>,
    all_equal: bool,
    substitutions: Range<usize>,
}

/// Appends to `list` a copy of its substitutions `at`, those of the first cell with a change,
/// for a later cell of `version` in `row` with the same change.
fn repeat_substitutions(
    list: &mut Vec<Substitution>,
    at: Range<usize>,
    version: &Arc<str>,
    row: usize,
) {
    list.reserve(at.len());
    for k in at {
        let s = &list[k];
        let copy = Substitution {
            version: Arc::clone(version),
            row,
            base: s.base.clone(),
            other: s.other.clone(),
            categories: s.categories.clone(),
            editorial: s.editorial,
            why: s.why.clone(),
        };
        list.push(copy);
    }
}

/// Diffs a matched cell against its base cell and categorises its changes. A cell with no
/// change has no substitutions.
fn cell_work(key: &CellTexts, classifier: &Classifier) -> CellWork {
    let diff = diff::word_diff(&key.base, &key.other);
    let all_equal = diff.iter().all(|op| op.op == OpKind::Equal);
    let listed = diff::substitution_ops(&diff, !all_equal);
    let mut substitutions = Vec::new();
    for (op_index, op) in diff.iter().enumerate() {
        if op.op == OpKind::Equal || all_equal {
            continue;
        }
        let change = Change {
            base: op.base.as_deref().unwrap_or(""),
            other: op.other.as_deref().unwrap_or(""),
            base_cell: &key.base,
            other_cell: &key.other,
            base_attributed: key.base_attributed,
            other_attributed: key.other_attributed,
        };
        let verdict = classifier.categorize(&change);
        // Beside the spec's list, a short insert or delete that adds or drops an attribution
        // ("AFP reported", "officials said") is a substitution too.
        let attribution_change = verdict
            .categories
            .iter()
            .any(|c| c == "attribution_added" || c == "attribution_dropped");
        if !listed.contains(&op_index) && !attribution_change {
            continue;
        }
        substitutions.push(Substitution {
            version: Arc::default(),
            row: 0,
            base: change.base.to_string(),
            other: change.other.to_string(),
            categories: verdict.categories,
            editorial: verdict.editorial,
            why: verdict.why,
        });
    }
    CellWork {
        diff: diff.into(),
        all_equal,
        substitutions,
    }
}

/// A headline is the first line of paragraph 0 when it does not end like a sentence.
fn title_of(sentences: &[Sentence]) -> Option<String> {
    let first = sentences.first()?;
    if first.paragraph != 0 {
        return None;
    }
    let t = first.text.trim_end();
    let ends_like_sentence = t.ends_with(['.', '!', '?']);
    (!ends_like_sentence || t.split_whitespace().count() <= 20).then(|| first.text.clone())
}

/// The report of one version, built from what was read and found of it (moved, not copied).
fn version_report(p: Prepared, a: VersionAnalysis) -> VersionReport {
    let title = title_of(&p.sentences);
    let Document {
        id,
        outlet,
        source,
        removed_boilerplate,
        ..
    } = p.doc;
    VersionReport {
        id,
        outlet,
        source,
        title,
        dateline: a.dateline,
        removed_boilerplate,
        sentences: p
            .sentences
            .into_iter()
            .zip(a.sentences)
            .enumerate()
            .map(|(index, (s, an))| SentenceReport {
                index,
                paragraph: s.paragraph,
                text: s.text,
                labels: an.labels,
                primary: an.labels.primary(),
                attributions: an.attributions,
                editorial: an.editorial,
                notes: an.notes,
            })
            .collect(),
    }
}

/// What the cells of one version add up to in its summary.
#[derive(Debug, Clone, Copy, Default)]
struct CellCounts {
    identical: usize,
    reworded: usize,
    added: usize,
    dropped: usize,
    moved: usize,
}

impl CellCounts {
    /// Counts `cell`, in a row whose base cell has `base_n` sentences.
    fn add(&mut self, cell: &Cell, base_n: usize) {
        let n = cell.sentences.len();
        match cell.status {
            Status::Identical => self.identical += n,
            Status::Reworded | Status::Split | Status::Merged => self.reworded += n,
            Status::Added => self.added += n,
            Status::Dropped => self.dropped += base_n,
            Status::Base => {}
        }
        if cell.moved {
            self.moved += n;
        }
    }
}

/// Per-version counts: the labels of its sentences, and the statuses of the cells of every
/// version of its id (`counts[k]`: those of version `k`, counted as the rows were built).
fn summarize(versions: &[VersionReport], counts: &[CellCounts], base: &str) -> Vec<Summary> {
    versions
        .iter()
        .map(|v| {
            let mut c = CellCounts::default();
            if v.id != base {
                for (u, n) in versions.iter().zip(counts) {
                    if u.id == v.id {
                        c.identical += n.identical;
                        c.reworded += n.reworded;
                        c.added += n.added;
                        c.dropped += n.dropped;
                        c.moved += n.moved;
                    }
                }
            }
            Summary {
                version: v.id.clone(),
                sentences: v.sentences.len(),
                identical: c.identical,
                reworded: c.reworded,
                added: c.added,
                dropped: c.dropped,
                moved: c.moved,
                sourced: v.sentences.iter().filter(|s| s.labels.sourced).count(),
                attributed: v.sentences.iter().filter(|s| s.labels.attributed).count(),
                editorialized: v
                    .sentences
                    .iter()
                    .filter(|s| s.labels.editorialized)
                    .count(),
            }
        })
        .collect()
}

fn warn(versions: &[VersionReport], summary: &[Summary], base: &str) -> Vec<Warning> {
    let mut out = Vec::new();
    for (v, s) in versions.iter().zip(summary) {
        if v.id == base {
            continue;
        }
        let aligned = s.identical + s.reworded;
        let share = aligned as f32 / s.sentences.max(1) as f32;
        if share < LOW_OVERLAP_SHARE {
            out.push(Warning {
                version: Some(v.id.clone()),
                kind: "low_overlap".to_string(),
                message: format!(
                    "only {aligned} of {} sentences of {} align with the base {base}; it may be another story",
                    s.sentences, v.id
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_that_tells_its_base_sentence_word_for_word_has_one_equal_op_and_no_change() {
        let classifier = Classifier::default();
        for text in [
            "Rescue teams reached the worst-hit villages by boat, a military spokesman said.",
            "\u{201c}We lost everything,\u{201d} said one farmer in Nam Dinh province.",
            "FLOODS: THOUSANDS FLEE",
            "",
        ] {
            for (base_attributed, other_attributed) in
                [(false, false), (true, true), (true, false), (false, true)]
            {
                let texts = CellTexts {
                    base: text.to_string(),
                    other: text.to_string(),
                    base_attributed,
                    other_attributed,
                };
                let work = cell_work(&texts, &classifier);
                assert_eq!(*work.diff, *diff::unchanged(text), "{text:?}");
                assert!(work.all_equal && work.substitutions.is_empty(), "{text:?}");
            }
        }
    }
}
