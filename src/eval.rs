//! Evaluation: a report scored against a hand-made gold annotation, computed as
//! `../shared/bench/score.py` does.
//!
//! Tool sentences are mapped to gold sentences of the same version by their position in the
//! version's text (alphanumeric words only, so quote styles and spacing do not matter); a tool
//! sentence that cannot be placed is mapped by shared characters. Alignment is scored as
//! (base gold sentence, version gold sentence) pairs; labels as per-sentence yes/no decisions.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};
use crate::report::model::Report;

/// A gold annotation file (see `../shared/corpus/README.md`).
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    /// Story id.
    #[serde(default)]
    pub story: Option<String>,
    /// The base version id.
    pub base: String,
    /// Version id → file name.
    #[serde(default)]
    pub versions: BTreeMap<String, String>,
    /// Version id → its gold sentences.
    pub sentences: BTreeMap<String, Vec<GoldSentence>>,
    /// Non-base version id → rows of (base sentence indices, version sentence indices).
    #[serde(default)]
    pub alignment: BTreeMap<String, Vec<GoldRow>>,
}

/// One gold alignment row: base sentence indices and version sentence indices.
pub type GoldRow = (Vec<usize>, Vec<usize>);

/// One gold sentence.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldSentence {
    /// The sentence text.
    pub text: String,
    /// Gold `sourced` label, when annotated.
    #[serde(default)]
    pub sourced: Option<bool>,
    /// Gold `attributed` label, when annotated.
    #[serde(default)]
    pub attributed: Option<bool>,
    /// Gold `editorialized` label, when annotated.
    #[serde(default)]
    pub editorialized: Option<bool>,
}

impl Gold {
    /// Parses a gold file; `source` names it in errors.
    pub fn parse(text: &str, source: &str) -> Result<Gold> {
        serde_json::from_str(text).map_err(|e| Error::BadFile {
            input: source.to_string(),
            message: format!("not a valid gold.json: {e}"),
        })
    }
}

/// Precision, recall and F1 with their counts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Score {
    /// Precision (1 when nothing was predicted).
    pub p: f64,
    /// Recall (1 when there was nothing to find).
    pub r: f64,
    /// F1.
    pub f1: f64,
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Score {
    fn new(tp: usize, fp: usize, fn_: usize) -> Score {
        let p = if tp + fp > 0 {
            tp as f64 / (tp + fp) as f64
        } else {
            1.0
        };
        let r = if tp + fn_ > 0 {
            tp as f64 / (tp + fn_) as f64
        } else {
            1.0
        };
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Score {
            p,
            r,
            f1,
            tp,
            fp,
            fn_,
        }
    }
}

/// The scores of one report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    /// Sentence alignment, as base/version gold sentence pairs.
    pub alignment: Score,
    /// The `sourced` label.
    pub sourced: Score,
    /// The `attributed` label.
    pub attributed: Score,
    /// The `editorialized` label.
    pub editorialized: Score,
}

fn fold_quotes(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' => '\'',
        '\u{201c}' | '\u{201d}' => '"',
        c => c,
    }
}

/// score.py's `norm`: NFKC, curly quotes folded, lower case, whitespace collapsed.
fn norm(s: &str) -> String {
    let s: String = s.nfkc().map(fold_quotes).collect::<String>().to_lowercase();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// score.py's `key`: the words (`\w+`) of the normalised text, joined by single spaces.
fn key(s: &str) -> String {
    norm(s)
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Places each sentence in the document's key form, in reading order (char offsets).
fn spans(doc: &str, sentences: &[&str]) -> Vec<Option<(usize, usize)>> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut pos = 0usize; // byte offset in doc
    for s in sentences {
        let k = key(s);
        if k.is_empty() {
            out.push(None);
            continue;
        }
        let found = doc[pos..]
            .find(&k)
            .map(|i| i + pos)
            .or_else(|| doc.find(&k));
        match found {
            Some(i) => {
                let start = doc[..i].chars().count();
                out.push(Some((start, start + k.chars().count())));
                pos = i + k.len();
            }
            None => out.push(None),
        }
    }
    out
}

/// Characters two strings share in order (longest common subsequence).
fn common_chars(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b)
        .iter()
        .map(|op| match op {
            similar::DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum()
}

/// For each tool sentence, the gold sentence indices it covers.
pub fn map_sentences(tool: &[&str], gold: &[&str], doc: Option<&str>) -> Vec<Vec<usize>> {
    let placed = doc.map(|d| {
        let d = key(d);
        (spans(&d, gold), spans(&d, tool))
    });
    let gold_norm: Vec<String> = gold.iter().map(|g| norm(g)).collect();
    tool.iter()
        .enumerate()
        .map(|(ti, t)| {
            if let Some((gspan, tspan)) = &placed {
                if let Some((a, b)) = tspan[ti] {
                    return gspan
                        .iter()
                        .enumerate()
                        .filter_map(|(gi, gs)| {
                            let (ga, gb) = (*gs)?;
                            let overlap = b.min(gb) as i64 - a.max(ga) as i64;
                            let shorter = (b - a).min(gb - ga) as f64;
                            (overlap > 0 && overlap as f64 >= 0.5 * shorter).then_some(gi)
                        })
                        .collect();
                }
            }
            let tn = norm(t);
            let mut hits = Vec::new();
            for (gi, gn) in gold_norm.iter().enumerate() {
                if tn.is_empty() || gn.is_empty() {
                    continue;
                }
                if &tn == gn {
                    return vec![gi];
                }
                let common = common_chars(&tn, gn) as f64;
                let (lt, lg) = (tn.chars().count() as f64, gn.chars().count() as f64);
                if common / lt.min(lg).max(1.0) >= 0.8 && common / lt.max(lg).max(1.0) >= 0.4 {
                    hits.push(gi);
                }
            }
            hits
        })
        .collect()
}

/// Scores a report against gold. `docs` maps version ids to their full text, when available.
pub fn score(report: &Report, gold: &Gold, docs: &HashMap<String, String>) -> Result<Scores> {
    let mut maps: HashMap<&str, Vec<Vec<usize>>> = HashMap::new();
    for (vid, gsents) in &gold.sentences {
        let version = report
            .versions
            .iter()
            .find(|v| &v.id == vid)
            .ok_or_else(|| Error::BadFile {
                input: "gold.json".to_string(),
                message: format!("version {vid:?} is in the gold but not in the report"),
            })?;
        let tool: Vec<&str> = version.sentences.iter().map(|s| s.text.as_str()).collect();
        let g: Vec<&str> = gsents.iter().map(|s| s.text.as_str()).collect();
        maps.insert(
            vid.as_str(),
            map_sentences(&tool, &g, docs.get(vid).map(String::as_str)),
        );
    }

    // Labels: a gold sentence takes the OR of the labels of the tool sentences covering it.
    let mut counts = [[0usize; 3]; 3];
    for (vid, gsents) in &gold.sentences {
        let version = report
            .versions
            .iter()
            .find(|v| &v.id == vid)
            .expect("checked");
        let mut pred = vec![[false; 3]; gsents.len()];
        for (ts, hits) in version.sentences.iter().zip(&maps[vid.as_str()]) {
            for &gi in hits {
                pred[gi][0] |= ts.labels.sourced;
                pred[gi][1] |= ts.labels.attributed;
                pred[gi][2] |= ts.labels.editorialized;
            }
        }
        for (g, p) in gsents.iter().zip(&pred) {
            for (l, gold_label) in [g.sourced, g.attributed, g.editorialized]
                .into_iter()
                .enumerate()
            {
                let Some(gl) = gold_label else { continue };
                match (p[l], gl) {
                    (true, true) => counts[l][0] += 1,
                    (true, false) => counts[l][1] += 1,
                    (false, true) => counts[l][2] += 1,
                    (false, false) => {}
                }
            }
        }
    }

    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let base = gold.base.as_str();
    for (vid, grows) in &gold.alignment {
        let gpairs: HashSet<(usize, usize)> = grows
            .iter()
            .flat_map(|(bs, os)| {
                bs.iter()
                    .flat_map(move |&b| os.iter().map(move |&o| (b, o)))
            })
            .collect();
        let mut ppairs = HashSet::new();
        let (Some(bmap), Some(vmap)) = (maps.get(base), maps.get(vid.as_str())) else {
            continue;
        };
        for row in &report.rows {
            let bc = row.cells.iter().find(|c| &*c.version == base);
            let vc = row.cells.iter().find(|c| *c.version == **vid);
            let (Some(bc), Some(vc)) = (bc, vc) else {
                continue;
            };
            for &bt in &bc.sentences {
                for &ot in &vc.sentences {
                    for &b in &bmap[bt] {
                        for &o in &vmap[ot] {
                            ppairs.insert((b, o));
                        }
                    }
                }
            }
        }
        tp += gpairs.intersection(&ppairs).count();
        fp += ppairs.difference(&gpairs).count();
        fn_ += gpairs.difference(&ppairs).count();
    }

    let label = |l: usize| Score::new(counts[l][0], counts[l][1], counts[l][2]);
    Ok(Scores {
        alignment: Score::new(tp, fp, fn_),
        sourced: label(0),
        attributed: label(1),
        editorialized: label(2),
    })
}

impl Scores {
    /// The scores as score.py prints them.
    pub fn lines(&self) -> String {
        [
            ("alignment", &self.alignment),
            ("sourced", &self.sourced),
            ("attributed", &self.attributed),
            ("editorialized", &self.editorialized),
        ]
        .iter()
        .map(|(name, s)| format!("{name:14} P {:.3}  R {:.3}  F1 {:.3}\n", s.p, s.r, s.f1))
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_folds_quotes_case_and_punctuation() {
        assert_eq!(
            key("\u{201c}Today\u{201d} I   can\u{2019}t - SAY."),
            "today i can t say"
        );
    }

    #[test]
    fn sentences_map_by_position_in_the_document() {
        let doc = "Title here\n\nFirst one. Second one here.";
        let gold = ["Title here", "First one.", "Second one here."];
        let tool = ["Title here", "First one. Second one here."];
        let m = map_sentences(&tool, &gold, Some(doc));
        assert_eq!(m, vec![vec![0], vec![1, 2]]);
    }

    #[test]
    fn unplaced_sentences_map_by_shared_characters() {
        let gold = ["The talks failed on Friday."];
        let m = map_sentences(&["the talks failed on friday"], &gold, None);
        assert_eq!(m, vec![vec![0]]);
        let m = map_sentences(&["Something else entirely."], &gold, None);
        assert_eq!(m, vec![Vec::<usize>::new()]);
    }
}
