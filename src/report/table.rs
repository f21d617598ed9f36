//! The terminal table: aligned rows, one column per version, then the per-outlet summary,
//! the substitutions, the warnings and (with `--explain`) numbered explanations.
//!
//! Changed words read as `[-deleted-] {+inserted+}` without colour; with colour, deleted words
//! are red and struck through, inserted ones green and underlined. Input text reaches the
//! terminal only through [`super::cells`], which strips control characters.

use std::io;

use comfy_table::presets::UTF8_FULL;
use comfy_table::{ContentArrangement, Table};

use super::RenderOptions;
use super::cells::{Badge, CellView, Note, NoteKind, Piece, RunKind, View};
use super::model::{BaseReason, Status};

/// Width used when the terminal's is unknown (output to a file or a pipe), in columns.
pub const DEFAULT_WIDTH: u16 = 120;
/// Narrowest width the table is laid out for, in columns.
pub const MIN_WIDTH: u16 = 40;

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const DELETED: &str = "\x1b[31;9m";
const INSERTED: &str = "\x1b[32;4m";
const EDITORIAL: &str = "\x1b[1;33;4m";

/// Writes the table view.
pub fn write(view: &View<'_>, options: &RenderOptions, out: &mut dyn io::Write) -> io::Result<()> {
    let width = options.width.unwrap_or(DEFAULT_WIDTH).max(MIN_WIDTH);
    let style = Style {
        color: options.color,
        explain: options.explain,
    };
    let report = view.report;

    if let Some(title) = &view.title {
        if style.color {
            writeln!(out, "{}", style.paint(BOLD, title))?;
        } else {
            write_wrapped(out, title, "", width)?;
        }
    }
    let base = view.columns.iter().find(|c| c.is_base);
    let reason = match report.base_reason {
        BaseReason::Given => "given with --base",
        BaseReason::Medoid => "chosen as the version closest to all the others",
    };
    if let Some(base) = base {
        let line = format!("Base: {} ({}), {reason}.", base.id, base.outlet);
        write_wrapped(out, &line, "", width)?;
    }
    let legend = if style.color {
        format!(
            "{} deleted from the base, {} inserted",
            style.paint(DELETED, "red struck"),
            style.paint(INSERTED, "green underlined")
        )
    } else {
        "[-deleted-] from the base, {+inserted+}".to_string()
    };
    writeln!(
        out,
        "Badges per sentence: S sourced, A attributed, E editorialized, · none."
    )?;
    writeln!(out, "Words: {legend}.")?;
    writeln!(out)?;

    let mut rows = new_table(width);
    let mut header = vec!["Row".to_string()];
    header.extend(view.columns.iter().map(|c| {
        let base = if c.is_base { " (base)" } else { "" };
        format!("{}{base}\n{}", c.id, c.outlet)
    }));
    rows.set_header(header);
    for row in &view.rows {
        let mut line = vec![row.id.to_string()];
        line.extend(row.cells.iter().map(|c| style.cell(c)));
        rows.add_row(line);
    }
    writeln!(out, "{rows}")?;
    let total = report.rows.len();
    if view.rows.len() != total {
        writeln!(out, "{} of {total} rows shown.", view.rows.len())?;
    }

    writeln!(out)?;
    writeln!(out, "{}", style.paint(BOLD, "Outlets"))?;
    let mut summary = new_table(width);
    summary.set_header(vec![
        "Version",
        "Outlet",
        "Sentences",
        "Identical",
        "Reworded",
        "Added",
        "Dropped",
        "Moved",
        "S",
        "A",
        "E",
    ]);
    for (s, outlet) in &view.summary {
        let mut line = vec![s.version.clone(), outlet.clone()];
        line.extend(super::cells::summary_counts(s));
        summary.add_row(line);
    }
    writeln!(out, "{summary}")?;

    writeln!(out)?;
    if view.substitutions.is_empty() {
        writeln!(out, "No substitutions.")?;
    } else {
        writeln!(out, "{}", style.paint(BOLD, "Substitutions"))?;
        let mut subs = new_table(width);
        subs.set_header(vec![
            "Row",
            "Version",
            "Base",
            "Other",
            "Categories",
            "Editorial",
            "Why",
        ]);
        for s in &view.substitutions {
            let editorial = match (s.sub.editorial, s.note) {
                (true, Some(n)) if style.explain => format!("yes [{n}]"),
                (true, _) => "yes".to_string(),
                (false, _) => "no".to_string(),
            };
            subs.add_row(vec![
                s.sub.row.to_string(),
                s.sub.version.to_string(),
                s.sub.base.clone(),
                s.sub.other.clone(),
                s.sub.categories.join(", "),
                editorial,
                s.sub.why.clone(),
            ]);
        }
        writeln!(out, "{subs}")?;
    }

    if !view.warnings.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", style.paint(BOLD, "Warnings"))?;
        for w in &view.warnings {
            let version = w.version.as_deref().unwrap_or("story");
            let line = format!("- {version} ({}): {}", w.kind, w.message);
            write_wrapped(out, &line, "  ", width)?;
        }
    }

    if style.explain {
        writeln!(out)?;
        if view.notes.is_empty() {
            writeln!(
                out,
                "No editorial flag or editorial substitution to explain."
            )?;
        } else {
            writeln!(out, "{}", style.paint(BOLD, "Explanations"))?;
            for note in &view.notes {
                let line = format!("{:>3}. {}", note.number, explanation(note));
                write_wrapped(out, &line, "     ", width)?;
            }
        }
    }
    Ok(())
}

fn new_table(width: u16) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    t
}

/// One numbered explanation, as a line: where, what, and why.
pub fn explanation(note: &Note) -> String {
    let what = match &note.kind {
        NoteKind::Flag {
            text,
            category,
            neutral,
        } => match neutral {
            Some(n) => format!("\u{201c}{text}\u{201d} ({category}; neutral: \u{201c}{n}\u{201d})"),
            None => format!("\u{201c}{text}\u{201d} ({category})"),
        },
        NoteKind::Substitution {
            base,
            other,
            categories,
        } => {
            let arrow = match (base.is_empty(), other.is_empty()) {
                (false, true) => format!("drops \u{201c}{base}\u{201d}"),
                (true, false) => format!("adds \u{201c}{other}\u{201d}"),
                _ => format!("\u{201c}{base}\u{201d} \u{2192} \u{201c}{other}\u{201d}"),
            };
            format!("{arrow} ({})", categories.join(", "))
        }
    };
    format!("row {}, {}: {what}. {}", note.row, note.version, note.why)
}

/// Writes `text` wrapped at word boundaries to `width` columns, later lines indented.
fn write_wrapped(out: &mut dyn io::Write, text: &str, indent: &str, width: u16) -> io::Result<()> {
    let width = usize::from(width);
    let body = text.trim_start_matches(' ');
    let mut line = text[..text.len() - body.len()].to_string();
    let mut len = line.len();
    let mut first = true;
    for word in body.split(' ') {
        if first {
            first = false;
            line.push_str(word);
            len += word.chars().count();
            continue;
        }
        let w = word.chars().count();
        if len > 0 && len + 1 + w > width {
            writeln!(out, "{line}")?;
            line = indent.to_string();
            len = indent.chars().count();
        } else if len > 0 {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += w;
    }
    writeln!(out, "{line}")
}

struct Style {
    color: bool,
    explain: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    fn status_color(status: Status) -> &'static str {
        match status {
            Status::Base => BOLD,
            Status::Identical => DIM,
            Status::Reworded => "\x1b[33m",
            Status::Added => "\x1b[32m",
            Status::Dropped => "\x1b[31m",
            Status::Split | Status::Merged => "\x1b[36m",
        }
    }

    fn badges(&self, cell: &CellView<'_>, k: usize) -> String {
        let badges = cell
            .sentences
            .get(k)
            .map(|s| s.badges())
            .unwrap_or_default();
        if badges.is_empty() {
            return "[·]".to_string();
        }
        let letters: Vec<String> = badges
            .iter()
            .map(|b| {
                let code = match b {
                    Badge::Sourced => "\x1b[36m",
                    Badge::Attributed => "\x1b[34m",
                    Badge::Editorialized => "\x1b[1;31m",
                };
                self.paint(code, b.letter())
            })
            .collect();
        format!("[{}]", letters.join(" "))
    }

    /// A cell: its status tag on the first line, then its text with the badge of each
    /// sentence where it starts. Identical cells give only their badges.
    fn cell(&self, cell: &CellView<'_>) -> String {
        let Some(status) = cell.status() else {
            return String::new();
        };
        let mut tag = self.paint(Self::status_color(status), &cell.tag());
        if cell.cell.is_some_and(|c| c.moved) && self.color {
            tag = tag.replace(" moved", &format!(" \x1b[35mmoved{RESET}"));
        }
        let mut text = String::new();
        if status == Status::Identical {
            let badges: Vec<String> = (0..cell.sentences.len())
                .map(|k| self.badges(cell, k))
                .collect();
            text.push_str(&badges.join(" "));
            text.push_str(" same words as the base");
            if self.explain {
                // The notes of an identical cell still need their numbers shown.
                for p in &cell.pieces {
                    if let Piece::Text(r) = p
                        && let Some(n) = r.note.filter(|_| r.note_end)
                    {
                        text.push_str(&format!(" [{n}: {}]", r.text.trim()));
                    }
                }
            }
        } else {
            // The kind of the last plain-markup run, when its closing mark ends `text`: a run
            // of the same kind right after it continues inside the same marks.
            let mut open: Option<RunKind> = None;
            for p in &cell.pieces {
                match p {
                    Piece::SentenceStart(k) => {
                        open = None;
                        if !text.is_empty() && !text.ends_with(' ') {
                            text.push(' ');
                        }
                        text.push_str(&self.badges(cell, *k));
                        text.push(' ');
                    }
                    Piece::Text(r) => {
                        let s = if self.color {
                            let mut code = match r.kind {
                                RunKind::Same => String::new(),
                                RunKind::Deleted => DELETED.to_string(),
                                RunKind::Inserted => INSERTED.to_string(),
                            };
                            if r.note.is_some() {
                                code.push_str(EDITORIAL);
                            }
                            if code.is_empty() {
                                r.text.clone()
                            } else {
                                self.paint(&code, &r.text)
                            }
                        } else if open == Some(r.kind) && r.kind != RunKind::Same {
                            text.truncate(text.len() - 2);
                            match r.kind {
                                RunKind::Deleted => format!("{}-]", r.text),
                                _ => format!("{}+}}", r.text),
                            }
                        } else {
                            match r.kind {
                                RunKind::Same => r.text.clone(),
                                RunKind::Deleted => format!("[-{}-]", r.text),
                                RunKind::Inserted => format!("{{+{}+}}", r.text),
                            }
                        };
                        text.push_str(&s);
                        open = (!self.color).then_some(r.kind);
                        if let Some(n) = r.note.filter(|_| r.note_end && self.explain) {
                            text.push_str(&format!("[{n}]"));
                            open = None;
                        }
                    }
                }
            }
            if status == Status::Dropped || cell.sentences.is_empty() {
                text.push_str("(not in this version)");
            }
        }
        format!("{tag}\n{}", text.trim_end())
    }
}
