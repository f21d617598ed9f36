//! Markdown: the summary, the aligned rows and the substitutions as pipe tables, ready to
//! paste into a paper or a wiki. Deleted words are ~~struck~~, inserted ones **bold**.
//!
//! Every string from the input is escaped so that it reads as text: Markdown punctuation gets a
//! backslash (a `|` cannot end a cell, a `<` cannot open raw HTML) and line breaks are already
//! spaces (see [`super::cells::clean`]).

use std::io;

use super::RenderOptions;
use super::cells::{CellView, Piece, RunKind, View};
use super::model::BaseReason;
use super::table::explanation;

/// Writes the Markdown view.
pub fn write(view: &View<'_>, options: &RenderOptions, out: &mut dyn io::Write) -> io::Result<()> {
    let report = view.report;
    match &view.title {
        Some(t) => writeln!(out, "# {}", escape(t))?,
        None => writeln!(out, "# wirediff report")?,
    }
    writeln!(out)?;
    if let Some(base) = view.columns.iter().find(|c| c.is_base) {
        let reason = match report.base_reason {
            BaseReason::Given => "given with `--base`",
            BaseReason::Medoid => "chosen as the version closest to all the others",
        };
        writeln!(
            out,
            "Base: **{}** ({}), {reason}.",
            escape(&base.id),
            escape(&base.outlet)
        )?;
        writeln!(out)?;
    }

    writeln!(out, "## Outlets")?;
    writeln!(out)?;
    writeln!(
        out,
        "| Version | Outlet | Sentences | Identical | Reworded | Added | Dropped | Moved | Sourced | Attributed | Editorialized |"
    )?;
    writeln!(out, "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")?;
    for (s, outlet) in &view.summary {
        writeln!(
            out,
            "| {} | {} | {} |",
            escape(&s.version),
            escape(outlet),
            super::cells::summary_counts(s).join(" | ")
        )?;
    }
    writeln!(out)?;

    writeln!(out, "## Rows")?;
    writeln!(out)?;
    writeln!(
        out,
        "Each sentence starts with its labels: `S` sourced, `A` attributed, `E` editorialized, \
         `·` none. Against the base, ~~struck~~ words were deleted and **bold** ones inserted."
    )?;
    writeln!(out)?;
    let mut header = String::from("| Row |");
    let mut rule = String::from("|--:|");
    for c in &view.columns {
        let base = if c.is_base { " (base)" } else { "" };
        header.push_str(&format!(
            " {}{base}<br>{} |",
            escape(&c.id),
            escape(&c.outlet)
        ));
        rule.push_str("---|");
    }
    writeln!(out, "{header}")?;
    writeln!(out, "{rule}")?;
    for row in &view.rows {
        let mut line = format!("| {} |", row.id);
        for c in &row.cells {
            line.push(' ');
            line.push_str(&cell(c, options.explain));
            line.push_str(" |");
        }
        writeln!(out, "{line}")?;
    }
    if view.rows.len() != report.rows.len() {
        writeln!(out)?;
        writeln!(
            out,
            "{} of {} rows shown.",
            view.rows.len(),
            report.rows.len()
        )?;
    }
    writeln!(out)?;

    writeln!(out, "## Substitutions")?;
    writeln!(out)?;
    if view.substitutions.is_empty() {
        writeln!(out, "None.")?;
    } else {
        writeln!(
            out,
            "| Row | Version | Base | Other | Categories | Editorial | Why |"
        )?;
        writeln!(out, "|--:|---|---|---|---|---|---|")?;
        for s in &view.substitutions {
            let editorial = match (s.sub.editorial, s.note) {
                (true, Some(n)) if options.explain => format!("yes \\[{n}\\]"),
                (true, _) => "yes".to_string(),
                (false, _) => "no".to_string(),
            };
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {editorial} | {} |",
                s.sub.row,
                escape(&s.sub.version),
                escape(&s.sub.base),
                escape(&s.sub.other),
                escape(&s.sub.categories.join(", ")),
                escape(&s.sub.why)
            )?;
        }
    }

    if !view.warnings.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Warnings")?;
        writeln!(out)?;
        for w in &view.warnings {
            let version = w.version.as_deref().unwrap_or("story");
            writeln!(
                out,
                "- **{}** ({}): {}",
                escape(version),
                escape(&w.kind),
                escape(&w.message)
            )?;
        }
    }

    if options.explain && !view.notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Explanations")?;
        writeln!(out)?;
        for note in &view.notes {
            writeln!(out, "{}. {}", note.number, escape(&explanation(note)))?;
        }
    }
    Ok(())
}

/// A cell: its status in italics, then its text with a badge where each sentence starts.
fn cell(c: &CellView<'_>, explain: bool) -> String {
    if c.cell.is_none() {
        return String::new();
    }
    let mut s = format!("*{}*", escape(&c.tag()));
    let mut closes_on_punct = false;
    for p in &c.pieces {
        match p {
            Piece::SentenceStart(k) => {
                let letters: Vec<&str> = c
                    .sentences
                    .get(*k)
                    .map(|s| s.badges().iter().map(|b| b.letter()).collect())
                    .unwrap_or_default();
                let badge = if letters.is_empty() {
                    "·".to_string()
                } else {
                    letters.join(" ")
                };
                s.push_str(&format!("<br>`{badge}` "));
            }
            Piece::Text(r) => {
                // Emphasis must hug words: keep the run's outer spaces outside the markers.
                let inner = r.text.trim();
                let lead = if r.text.starts_with(' ') { " " } else { "" };
                let trail = if r.text.ends_with(' ') { " " } else { "" };
                if inner.is_empty() {
                    s.push_str(&r.text);
                    continue;
                }
                let text = escape(inner);
                let marked = match r.kind {
                    RunKind::Same => text,
                    RunKind::Deleted => format!("~~{text}~~"),
                    RunKind::Inserted => format!("**{text}**"),
                };
                // A ~~ or ** only opens (closes) beside punctuation when a space or punctuation
                // is on its other side, so give a marked run starting or ending in
                // punctuation room from the words around it.
                let punct = |c: Option<char>| c.is_some_and(|c| !c.is_alphanumeric());
                let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                let marked_run = r.kind != RunKind::Same;
                if lead.is_empty()
                    && ((marked_run && punct(inner.chars().next()) && word(s.chars().last()))
                        || (closes_on_punct && word(inner.chars().next())))
                {
                    s.push(' ');
                }
                closes_on_punct =
                    marked_run && trail.is_empty() && punct(inner.chars().next_back());
                s.push_str(lead);
                s.push_str(&marked);
                if let Some(n) = r.note.filter(|_| r.note_end && explain) {
                    s.push_str(&format!("\\[{n}\\]"));
                }
                s.push_str(trail);
            }
        }
    }
    s
}

/// Escapes text for a Markdown pipe-table cell: punctuation that Markdown would read as markup
/// gets a backslash, and line breaks become spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '|' | '&' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_keeps_markup_out_of_cells() {
        for (input, want) in [
            ("plain words", "plain words"),
            ("a | b", "a \\| b"),
            ("<script>x</script>", "\\<script\\>x\\</script\\>"),
            (
                "**bold** _it_ ~~s~~",
                "\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~",
            ),
            ("line\nbreak", "line break"),
            ("[link](http://x)", "\\[link\\](http://x)"),
        ] {
            assert_eq!(escape(input), want, "{input:?}");
        }
    }
}
