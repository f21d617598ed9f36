//! The one view of a report that the table, Markdown, CSV and HTML printers format.
//!
//! Everything here is a reading of the [`Report`]: which columns and rows are shown (the
//! `--versions` and `--changed-only` options), each cell's text cut into runs that are the
//! same as, deleted from or inserted against the base (from the cell's `diff`), where each
//! sentence starts (for its S / A / E badge), and the numbered notes (every editorial flag's
//! and editorial substitution's `why`). Nothing is analysed again. Every string that came
//! from the input is cleaned of control characters here, once, so no printer can pass an
//! escape sequence from a hostile article to a terminal.
//!
//! The cell text is the cell's sentences joined with one space, the text the `diff` ops were
//! cut from; the ops' strings are slices of it, so they are found again in order.

use std::borrow::Cow;
use std::io;

use super::model::*;

/// How a run of a cell's text relates to the base cell of its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    /// Text the version shares with the base (or any text of a cell without a diff).
    Same,
    /// Base words this version left out (or replaced).
    Deleted,
    /// Words only in this version (or put in place of base words).
    Inserted,
}

/// A stretch of a cell's text of one kind, inside or outside one editorial flag.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Same, deleted or inserted.
    pub kind: RunKind,
    /// The words, cleaned of control characters.
    pub text: String,
    /// The note number of the editorial flag this run is part of.
    pub note: Option<usize>,
    /// True on the last run of a flag: where its note number is shown.
    pub note_end: bool,
}

/// A piece of a cell, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// The sentence at this position of [`CellView::sentences`] starts here.
    SentenceStart(usize),
    /// Text.
    Text(Run),
}

/// The counts of one summary line, in the order every printer shows them: sentences,
/// identical, reworded, added, dropped, moved, sourced, attributed, editorialized.
pub fn summary_counts(s: &crate::report::model::Summary) -> [String; 9] {
    [
        s.sentences,
        s.identical,
        s.reworded,
        s.added,
        s.dropped,
        s.moved,
        s.sourced,
        s.attributed,
        s.editorialized,
    ]
    .map(|n| n.to_string())
}

/// One line per attribution and note of a sentence.
fn evidence(s: &crate::report::model::SentenceReport) -> Vec<String> {
    use crate::report::model::AttributionKind;
    let mut out: Vec<String> = s
        .attributions
        .iter()
        .map(|a| {
            let cue = a
                .cue
                .as_deref()
                .map(|c| format!(" ('{c}')"))
                .unwrap_or_default();
            let line = match a.kind {
                AttributionKind::Source => format!(
                    "sourced to {}{cue}",
                    a.source.as_deref().unwrap_or("an unnamed source")
                ),
                AttributionKind::Direct => format!(
                    "quoting {}{cue}",
                    a.speaker.as_deref().unwrap_or("an unnamed speaker")
                ),
                AttributionKind::Indirect => format!(
                    "reported words or view of {}{cue}",
                    a.speaker.as_deref().unwrap_or("an unnamed speaker")
                ),
            };
            cleaned(&line)
        })
        .collect();
    out.extend(s.notes.iter().map(|n| format!("note: {}", cleaned(n))));
    out
}

/// The labels of one sentence of a cell.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceView {
    /// The sentence's index in its version.
    pub index: usize,
    /// Its labels.
    pub labels: Labels,
    /// The evidence behind the labels, one plain line each: who is credited, with which
    /// words, and what the rules inferred rather than read (input text cleaned).
    pub evidence: Vec<String>,
}

impl SentenceView {
    /// The badge letters, `S`, `A`, `E` in that order, for the labels that are set.
    pub fn badges(&self) -> Vec<Badge> {
        let l = self.labels;
        [
            (l.sourced, Badge::Sourced),
            (l.attributed, Badge::Attributed),
            (l.editorialized, Badge::Editorialized),
        ]
        .into_iter()
        .filter_map(|(on, b)| on.then_some(b))
        .collect()
    }
}

/// One of the three sentence labels, as a badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Badge {
    /// Credits a source.
    Sourced,
    /// Ties words or views to a speaker.
    Attributed,
    /// Loaded wording in the outlet's own voice.
    Editorialized,
}

impl Badge {
    /// The badge's letter.
    pub fn letter(self) -> &'static str {
        match self {
            Badge::Sourced => "S",
            Badge::Attributed => "A",
            Badge::Editorialized => "E",
        }
    }

    /// The label's name.
    pub fn name(self) -> &'static str {
        match self {
            Badge::Sourced => "sourced",
            Badge::Attributed => "attributed",
            Badge::Editorialized => "editorialized",
        }
    }

    /// What the label means, in one line.
    pub fn meaning(self) -> &'static str {
        match self {
            Badge::Sourced => "sourced: credits an agency, outlet, document or monitor",
            Badge::Attributed => "attributed: ties words or views to a speaker",
            Badge::Editorialized => "editorialized: loaded wording in the outlet's own voice",
        }
    }
}

/// One version's part of a row, ready to print.
#[derive(Debug, Clone)]
pub struct CellView<'a> {
    /// The cell, when the version has one in this row.
    pub cell: Option<&'a Cell>,
    /// The cell's sentences with their labels.
    pub sentences: Vec<SentenceView>,
    /// The text, marked.
    pub pieces: Vec<Piece>,
}

impl CellView<'_> {
    /// The cell's status, when it has a cell.
    pub fn status(&self) -> Option<Status> {
        self.cell.map(|c| c.status)
    }

    /// The status tag a reader sees: `reworded 81% moved`.
    pub fn tag(&self) -> String {
        let Some(cell) = self.cell else {
            return String::new();
        };
        let mut tag = cell.status.as_str().to_string();
        if let Some(sim) = cell.similarity
            && matches!(
                cell.status,
                Status::Reworded | Status::Split | Status::Merged
            )
        {
            tag.push_str(&format!(" {:.0}%", sim.clamp(0.0, 1.0) * 100.0));
        }
        if cell.moved {
            tag.push_str(" moved");
        }
        tag
    }

    /// The version's own text of the cell (deleted base words left out).
    pub fn own_text(&self) -> String {
        let mut out = String::new();
        for p in &self.pieces {
            match p {
                Piece::Text(r) if r.kind != RunKind::Deleted => out.push_str(&r.text),
                Piece::Text(_) => {
                    // A deletion was given room with spaces; keep just one.
                    if out.ends_with(' ') {
                        out.pop();
                    }
                }
                Piece::SentenceStart(_) => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// True when any sentence of the cell has the label.
    pub fn any(&self, badge: Badge) -> bool {
        self.sentences.iter().any(|s| match badge {
            Badge::Sourced => s.labels.sourced,
            Badge::Attributed => s.labels.attributed,
            Badge::Editorialized => s.labels.editorialized,
        })
    }
}

/// One row of the story, ready to print.
#[derive(Debug, Clone)]
pub struct RowView<'a> {
    /// The row's id.
    pub id: usize,
    /// One cell per shown column, in column order.
    pub cells: Vec<CellView<'a>>,
    /// True when some shown version differs from the base here (status or place).
    pub changed: bool,
}

/// What a numbered note explains.
#[derive(Debug, Clone, PartialEq)]
pub enum NoteKind {
    /// An editorial flag on a sentence.
    Flag {
        /// The flagged words.
        text: String,
        /// Its editorial category.
        category: String,
        /// A neutral alternative.
        neutral: Option<String>,
    },
    /// An editorial substitution.
    Substitution {
        /// The base wording.
        base: String,
        /// The version's wording.
        other: String,
        /// Its categories.
        categories: Vec<String>,
    },
}

/// A numbered explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Its number, from 1.
    pub number: usize,
    /// The row it belongs to.
    pub row: usize,
    /// The version it belongs to.
    pub version: String,
    /// What it explains.
    pub kind: NoteKind,
    /// One plain sentence.
    pub why: String,
}

/// A substitution, cleaned, with its note number when it is editorial.
#[derive(Debug, Clone)]
pub struct SubstitutionView {
    /// The substitution, its strings cleaned.
    pub sub: Substitution,
    /// The outlet of its version.
    pub outlet: String,
    /// Its note number, when editorial.
    pub note: Option<usize>,
}

/// A shown version.
#[derive(Debug, Clone)]
pub struct Column {
    /// Its id, cleaned.
    pub id: String,
    /// Its outlet, cleaned.
    pub outlet: String,
    /// True for the base.
    pub is_base: bool,
}

/// Everything a printer shows, computed once from the report and the options.
#[derive(Debug, Clone)]
pub struct View<'a> {
    /// The report.
    pub report: &'a Report,
    /// The shown versions, base first.
    pub columns: Vec<Column>,
    /// The shown rows.
    pub rows: Vec<RowView<'a>>,
    /// Numbered explanations: flags in reading order, then editorial substitutions.
    pub notes: Vec<Note>,
    /// Substitutions of shown versions.
    pub substitutions: Vec<SubstitutionView>,
    /// Summaries of shown versions, cleaned, with their outlets.
    pub summary: Vec<(Summary, String)>,
    /// Warnings about the story or a shown version, cleaned.
    pub warnings: Vec<Warning>,
    /// The base's headline, cleaned.
    pub title: Option<String>,
}

/// Removes what a terminal, a spreadsheet or a reader must not receive from input text:
/// control characters (escape sequences start with one) and the invisible bidirectional
/// overrides that can make text read differently from what it holds. Line breaks and tabs
/// become spaces.
pub fn clean(s: &str) -> Cow<'_, str> {
    let bad = |c: char| c.is_control() || is_bidi_control(c);
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\t' | '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' => Some(' '),
                c if bad(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

fn cleaned(s: &str) -> String {
    clean(s).into_owned()
}

/// Shows the report as `options` ask. Fails only when `--versions` names an unknown version.
pub fn view<'a>(report: &'a Report, options: &super::RenderOptions) -> io::Result<View<'a>> {
    let shown = shown_versions(report, options.versions.as_deref())?;
    let columns: Vec<Column> = shown
        .iter()
        .map(|v| Column {
            id: cleaned(&v.id),
            outlet: cleaned(&v.outlet),
            is_base: v.id == report.base,
        })
        .collect();

    let mut notes = Vec::new();
    let mut rows = Vec::new();
    for row in &report.rows {
        let cells: Vec<CellView<'a>> = shown
            .iter()
            .map(|v| {
                let cell = row.cells.iter().find(|c| *c.version == *v.id);
                cell_view(v, cell, row.id, &mut notes)
            })
            .collect();
        let has_text = cells
            .iter()
            .any(|c| c.cell.is_some_and(|c| !c.sentences.is_empty()));
        if !has_text {
            // Nothing of a shown version in this row (another version's addition); with no
            // sentence shown, the row numbered no note.
            continue;
        }
        let changed = cells.iter().zip(&shown).any(|(c, v)| {
            v.id != report.base
                && !c
                    .cell
                    .is_some_and(|c| c.status == Status::Identical && !c.moved)
        });
        if options.changed_only && !changed {
            let first = cells
                .iter()
                .flat_map(|c| &c.pieces)
                .filter_map(|p| match p {
                    Piece::Text(r) => r.note,
                    Piece::SentenceStart(_) => None,
                })
                .min();
            if let Some(first) = first {
                notes.truncate(first - 1);
            }
            continue;
        }
        rows.push(RowView {
            id: row.id,
            cells,
            changed,
        });
    }

    let outlet_of = |id: &str| {
        report
            .versions
            .iter()
            .find(|v| v.id == id)
            .map_or_else(|| cleaned(id), |v| cleaned(&v.outlet))
    };
    let is_shown = |id: &str| shown.iter().any(|v| v.id == id);
    let mut substitutions = Vec::new();
    for s in report.substitutions.iter().filter(|s| is_shown(&s.version)) {
        let sub = Substitution {
            version: cleaned(&s.version).into(),
            row: s.row,
            base: cleaned(&s.base),
            other: cleaned(&s.other),
            categories: s.categories.iter().map(|c| cleaned(c)).collect(),
            editorial: s.editorial,
            why: cleaned(&s.why),
        };
        let note = sub.editorial.then(|| {
            let number = notes.len() + 1;
            notes.push(Note {
                number,
                row: sub.row,
                version: sub.version.to_string(),
                kind: NoteKind::Substitution {
                    base: sub.base.clone(),
                    other: sub.other.clone(),
                    categories: sub.categories.clone(),
                },
                why: sub.why.clone(),
            });
            number
        });
        substitutions.push(SubstitutionView {
            outlet: outlet_of(&s.version),
            sub,
            note,
        });
    }

    let summary = report
        .summary
        .iter()
        .filter(|s| is_shown(&s.version))
        .map(|s| {
            let mut s = s.clone();
            s.version = cleaned(&s.version);
            let outlet = outlet_of(&s.version);
            (s, outlet)
        })
        .collect();
    let warnings = report
        .warnings
        .iter()
        .filter(|w| w.version.as_deref().is_none_or(is_shown))
        .map(|w| Warning {
            version: w.version.as_deref().map(cleaned),
            kind: cleaned(&w.kind),
            message: cleaned(&w.message),
        })
        .collect();
    let title = report
        .versions
        .iter()
        .find(|v| v.id == report.base)
        .and_then(|v| v.title.as_deref())
        .map(cleaned);

    Ok(View {
        report,
        columns,
        rows,
        notes,
        substitutions,
        summary,
        warnings,
        title,
    })
}

/// The base, then the versions `wanted` names (all when `None`), in report order.
fn shown_versions<'a>(
    report: &'a Report,
    wanted: Option<&[String]>,
) -> io::Result<Vec<&'a VersionReport>> {
    if let Some(wanted) = wanted {
        let unknown: Vec<&str> = wanted
            .iter()
            .map(|w| w.trim())
            .filter(|w| !w.is_empty() && !report.versions.iter().any(|v| v.id == *w))
            .collect();
        if !unknown.is_empty() {
            let known: Vec<String> = report.versions.iter().map(|v| cleaned(&v.id)).collect();
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "--versions: no version {}; the versions are {}",
                    unknown
                        .iter()
                        .map(|u| cleaned(u))
                        .collect::<Vec<_>>()
                        .join(", "),
                    known.join(", ")
                ),
            ));
        }
    }
    let keep = |v: &VersionReport| {
        v.id == report.base || wanted.is_none_or(|w| w.iter().any(|w| w.trim() == v.id))
    };
    let mut out: Vec<&VersionReport> = report
        .versions
        .iter()
        .filter(|v| v.id == report.base)
        .collect();
    out.extend(
        report
            .versions
            .iter()
            .filter(|v| v.id != report.base && keep(v)),
    );
    Ok(out)
}

/// One character of a cell's text with its marks.
#[derive(Clone, Copy)]
struct Mark {
    kind: RunKind,
    note: Option<usize>,
}

fn cell_view<'a>(
    version: &VersionReport,
    cell: Option<&'a Cell>,
    row: usize,
    notes: &mut Vec<Note>,
) -> CellView<'a> {
    let Some(c) = cell else {
        return CellView {
            cell,
            sentences: Vec::new(),
            pieces: Vec::new(),
        };
    };
    let sentences: Vec<&SentenceReport> = c
        .sentences
        .iter()
        .filter_map(|&i| version.sentences.get(i))
        .collect();

    // The cell text, where each sentence starts in it (in chars), and its marks.
    let mut text = String::new();
    let mut starts = Vec::with_capacity(sentences.len());
    for s in &sentences {
        if !text.is_empty() {
            text.push(' ');
        }
        starts.push(text.chars().count());
        text.push_str(&s.text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut marks = vec![
        Mark {
            kind: RunKind::Same,
            note: None,
        };
        chars.len()
    ];
    for (s, &start) in sentences.iter().zip(&starts) {
        let len = s.text.chars().count();
        for flag in s.editorial.iter() {
            if flag.start >= flag.end || flag.end > len {
                continue;
            }
            let number = notes.len() + 1;
            notes.push(Note {
                number,
                row,
                version: cleaned(&version.id),
                kind: NoteKind::Flag {
                    text: cleaned(&flag.text),
                    category: cleaned(&flag.category),
                    neutral: flag.neutral.as_deref().map(cleaned),
                },
                why: cleaned(&flag.why),
            });
            for m in &mut marks[start + flag.start..start + flag.end] {
                m.note = Some(number);
            }
        }
    }
    let deletions = if c.status == Status::Base {
        Vec::new()
    } else {
        mark_diff(&text, &c.diff, &mut marks)
    };

    let mut pieces = Vec::new();
    let mut current: Option<Run> = None;
    let flush = |current: &mut Option<Run>, pieces: &mut Vec<Piece>| {
        if let Some(run) = current.take() {
            pieces.push(Piece::Text(run));
        }
    };
    let mut next_deletion = 0;
    for pos in 0..=chars.len() {
        if let Some(k) = starts.iter().position(|&s| s == pos) {
            flush(&mut current, &mut pieces);
            pieces.push(Piece::SentenceStart(k));
        }
        while let Some((at, base)) = deletions.get(next_deletion)
            && *at == pos
        {
            flush(&mut current, &mut pieces);
            let starts_word = base
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || opens(c));
            let before =
                starts_word && pos > 0 && !chars[pos - 1].is_whitespace() && !opens(chars[pos - 1]);
            let after = pos < chars.len() && (chars[pos].is_alphanumeric() || opens(chars[pos]));
            if before {
                pieces.push(same(" "));
            }
            pieces.push(Piece::Text(Run {
                kind: RunKind::Deleted,
                text: cleaned(base),
                note: None,
                note_end: false,
            }));
            if after {
                pieces.push(same(" "));
            }
            next_deletion += 1;
        }
        let Some(&ch) = chars.get(pos) else {
            break;
        };
        let m = marks[pos];
        match &mut current {
            Some(run) if run.kind == m.kind && run.note == m.note => run.text.push(ch),
            _ => {
                flush(&mut current, &mut pieces);
                current = Some(Run {
                    kind: m.kind,
                    text: ch.to_string(),
                    note: m.note,
                    note_end: false,
                });
            }
        }
    }
    flush(&mut current, &mut pieces);
    for p in &mut pieces {
        if let Piece::Text(r) = p {
            r.text = cleaned(&r.text);
        }
    }
    mark_note_ends(&mut pieces);

    CellView {
        cell,
        sentences: sentences
            .iter()
            .map(|s| SentenceView {
                index: s.index,
                labels: s.labels,
                evidence: evidence(s),
            })
            .collect(),
        pieces,
    }
}

/// An opening bracket or quotation mark: a word right after it needs no space.
fn opens(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '\u{201c}' | '\u{2018}' | '\u{ab}'
    )
}

fn same(text: &str) -> Piece {
    Piece::Text(Run {
        kind: RunKind::Same,
        text: text.to_string(),
        note: None,
        note_end: false,
    })
}

/// Marks the inserted characters of `text` from the diff ops and returns the deleted base
/// words with the char position they stand at. The ops' `other` strings are found in order;
/// if one is not found (a report whose diff does not match its sentences), marking stops
/// there and the rest reads as unchanged.
fn mark_diff(text: &str, diff: &[DiffOp], marks: &mut [Mark]) -> Vec<(usize, String)> {
    let mut deletions = Vec::new();
    let mut cursor = 0; // bytes
    for op in diff {
        let found = match &op.other {
            Some(other) if !other.is_empty() => match text[cursor..].find(other.as_str()) {
                Some(at) => Some((cursor + at, cursor + at + other.len())),
                None => break,
            },
            _ => None,
        };
        let base = op.base.as_deref().filter(|b| !b.is_empty());
        match (op.op, found) {
            (OpKind::Equal, Some((_, end))) => cursor = end,
            (OpKind::Insert | OpKind::Replace, Some((start, end))) => {
                if let Some(base) = base {
                    deletions.push((char_pos(text, start), base.to_string()));
                }
                let (a, b) = (char_pos(text, start), char_pos(text, end));
                for m in &mut marks[a..b] {
                    m.kind = RunKind::Inserted;
                }
                cursor = end;
            }
            (OpKind::Delete, _) | (_, None) => {
                if let Some(base) = base {
                    let skip = text[cursor..]
                        .find(|c: char| !c.is_whitespace())
                        .map_or(text.len(), |n| cursor + n);
                    deletions.push((char_pos(text, skip), base.to_string()));
                }
            }
        }
    }
    deletions.sort_by_key(|(at, _)| *at);
    deletions
}

fn char_pos(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn mark_note_ends(pieces: &mut [Piece]) {
    let notes: Vec<Option<usize>> = pieces
        .iter()
        .map(|p| match p {
            Piece::Text(r) => r.note,
            Piece::SentenceStart(_) => None,
        })
        .collect();
    for (i, p) in pieces.iter_mut().enumerate() {
        if let Piece::Text(r) = p
            && let Some(n) = r.note
        {
            // The flag's last run: no later run belongs to it (a flag nested inside another
            // interrupts the outer one's runs without ending it).
            r.note_end = !notes[i + 1..].iter().flatten().any(|&m| m == n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_escapes_and_bidi_keeps_words() {
        for (input, want) in [
            ("plain words", "plain words"),
            ("red \u{1b}[31malert\u{1b}[0m", "red [31malert[0m"),
            ("line\nbreak\ttab", "line break tab"),
            ("bell\u{7} c1\u{9b}31m", "bell c131m"),
            ("rtl \u{202e}gnp.exe", "rtl gnp.exe"),
            ("Ünïcödé – “quotes”", "Ünïcödé – “quotes”"),
        ] {
            assert_eq!(clean(input), want, "{input:?}");
        }
    }

    fn op(kind: OpKind, base: Option<&str>, other: Option<&str>) -> DiffOp {
        DiffOp {
            op: kind,
            base: base.map(str::to_string),
            other: other.map(str::to_string),
        }
    }

    fn runs(text: &str, diff: &[DiffOp]) -> Vec<(RunKind, String)> {
        let mut marks = vec![
            Mark {
                kind: RunKind::Same,
                note: None
            };
            text.chars().count()
        ];
        let dels = mark_diff(text, diff, &mut marks);
        let chars: Vec<char> = text.chars().collect();
        let mut out: Vec<(RunKind, String)> = Vec::new();
        for (pos, (&c, m)) in chars.iter().zip(&marks).enumerate() {
            for (_, d) in dels.iter().filter(|(at, _)| *at == pos) {
                out.push((RunKind::Deleted, d.clone()));
            }
            match out.last_mut() {
                Some((k, s)) if *k == m.kind => s.push(c),
                _ => out.push((m.kind, c.to_string())),
            }
        }
        for (_, d) in dels.iter().filter(|(at, _)| *at == chars.len()) {
            out.push((RunKind::Deleted, d.clone()));
        }
        out
    }

    #[test]
    fn diff_ops_are_found_again_in_the_cell_text() {
        use OpKind::*;
        use RunKind as R;
        let text = "Officials claimed the talks failed on Monday.";
        let diff = [
            op(Equal, Some("Officials"), Some("Officials")),
            op(Replace, Some("said"), Some("claimed")),
            op(Equal, Some("the talks failed"), Some("the talks failed")),
            op(Delete, Some("late"), None),
            op(Equal, Some("on Monday."), Some("on Monday.")),
        ];
        assert_eq!(
            runs(text, &diff),
            vec![
                (R::Same, "Officials ".into()),
                (R::Deleted, "said".into()),
                (R::Inserted, "claimed".into()),
                (R::Same, " the talks failed ".into()),
                (R::Deleted, "late".into()),
                (R::Same, "on Monday.".into()),
            ]
        );
    }

    #[test]
    fn a_diff_that_does_not_match_the_text_leaves_it_unmarked() {
        use OpKind::*;
        let diff = [op(Insert, None, Some("nowhere in the text"))];
        assert_eq!(
            runs("Some text.", &diff),
            vec![(RunKind::Same, "Some text.".into())]
        );
    }
}
