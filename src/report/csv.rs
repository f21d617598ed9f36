//! CSV (RFC 4180, through the `csv` crate): one line per row and version, or with
//! `--table substitutions` / `--table summary` one of those tables instead.
//!
//! A text cell that a spreadsheet would run as a formula (one starting with `=`, `+`, `-`,
//! `@`, a tab or a carriage return) gets a leading `'`, so opening a hostile story in a
//! spreadsheet shows its text instead of running it.

use std::io;

use super::CsvTable;
use super::cells::{Badge, Piece, RunKind, View};

/// Writes the chosen table.
pub fn write(view: &View<'_>, table: CsvTable, out: &mut dyn io::Write) -> io::Result<()> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    match table {
        CsvTable::Rows => rows(view, &mut w)?,
        CsvTable::Substitutions => substitutions(view, &mut w)?,
        CsvTable::Summary => summary(view, &mut w)?,
    }
    w.flush()
}

type Writer<'w> = ::csv::Writer<&'w mut dyn io::Write>;

fn rows(view: &View<'_>, w: &mut Writer<'_>) -> io::Result<()> {
    w.write_record([
        "row",
        "version",
        "outlet",
        "status",
        "moved",
        "similarity",
        "sentences",
        "text",
        "changes",
        "sourced",
        "attributed",
        "editorialized",
        "editorial_terms",
    ])?;
    for row in &view.rows {
        for (cell, column) in row.cells.iter().zip(&view.columns) {
            let Some(c) = cell.cell else {
                continue;
            };
            let sentences: Vec<String> =
                cell.sentences.iter().map(|s| s.index.to_string()).collect();
            let mut terms: Vec<String> = Vec::new();
            for p in &cell.pieces {
                if let Piece::Text(r) = p
                    && let Some(n) = r.note
                    && let Some(note) = view.notes.get(n - 1)
                    && let super::cells::NoteKind::Flag { text, category, .. } = &note.kind
                {
                    let term = format!("{text} ({category})");
                    if !terms.contains(&term) {
                        terms.push(term);
                    }
                }
            }
            let similarity = c.similarity.map(|s| format!("{s:.3}")).unwrap_or_default();
            w.write_record([
                row.id.to_string(),
                safe(&column.id),
                safe(&column.outlet),
                c.status.as_str().to_string(),
                c.moved.to_string(),
                similarity,
                sentences.join(";"),
                safe(&cell.own_text()),
                safe(&changes(cell)),
                cell.any(Badge::Sourced).to_string(),
                cell.any(Badge::Attributed).to_string(),
                cell.any(Badge::Editorialized).to_string(),
                safe(&terms.join("; ")),
            ])?;
        }
    }
    Ok(())
}

/// The cell's text with changes against the base marked `[-deleted-] {+inserted+}`; empty
/// for a cell without changes.
fn changes(cell: &super::cells::CellView<'_>) -> String {
    let changed = cell
        .pieces
        .iter()
        .any(|p| matches!(p, Piece::Text(r) if r.kind != RunKind::Same));
    if !changed {
        return String::new();
    }
    let mut s = String::new();
    for p in &cell.pieces {
        if let Piece::Text(r) = p {
            match r.kind {
                RunKind::Same => s.push_str(&r.text),
                RunKind::Deleted => s.push_str(&format!("[-{}-]", r.text)),
                RunKind::Inserted => s.push_str(&format!("{{+{}+}}", r.text)),
            }
        }
    }
    s
}

fn substitutions(view: &View<'_>, w: &mut Writer<'_>) -> io::Result<()> {
    w.write_record([
        "row",
        "version",
        "outlet",
        "base",
        "other",
        "categories",
        "editorial",
        "why",
    ])?;
    for s in &view.substitutions {
        w.write_record([
            s.sub.row.to_string(),
            safe(&s.sub.version),
            safe(&s.outlet),
            safe(&s.sub.base),
            safe(&s.sub.other),
            safe(&s.sub.categories.join(";")),
            s.sub.editorial.to_string(),
            safe(&s.sub.why),
        ])?;
    }
    Ok(())
}

fn summary(view: &View<'_>, w: &mut Writer<'_>) -> io::Result<()> {
    w.write_record([
        "version",
        "outlet",
        "base",
        "sentences",
        "identical",
        "reworded",
        "added",
        "dropped",
        "moved",
        "sourced",
        "attributed",
        "editorialized",
    ])?;
    for (s, outlet) in &view.summary {
        let mut line = vec![
            safe(&s.version),
            safe(outlet),
            (s.version == view.report.base).to_string(),
        ];
        line.extend(super::cells::summary_counts(s));
        w.write_record(line)?;
    }
    Ok(())
}

/// A text cell a spreadsheet will not run as a formula.
pub fn safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn formula_cells_are_neutralised() {
        for (input, want) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("Kerry said = talks", "Kerry said = talks"),
            ("", ""),
        ] {
            assert_eq!(safe(input), want, "{input:?}");
        }
    }
}
