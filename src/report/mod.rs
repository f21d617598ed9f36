//! Report: the one model behind every output format, and the printers that view it.
//!
//! [`render`] writes a [`Report`] in one [`Format`]. JSON is the model serialised exactly;
//! the table, Markdown, CSV and HTML printers all format the same [`cells::View`] of it and
//! add only their own escaping and layout.

use std::io;

pub mod cells;
pub mod compact;
mod csv;
mod html;
mod markdown;
pub mod model;
mod table;

pub use model::*;

/// An output format. Every format is a view of the same [`Report`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// The published JSON schema, exactly.
    Json,
    /// Aligned rows, a per-outlet summary and the substitutions, for the terminal.
    Table,
    /// Pipe tables to paste into a paper or a wiki.
    Markdown,
    /// One RFC 4180 table for spreadsheets and scripts (which one: [`RenderOptions::csv_table`]).
    Csv,
    /// One self-contained HTML page to open from disk or print.
    Html,
}

/// Which table the CSV format writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum CsvTable {
    /// One line per row and version.
    #[default]
    Rows,
    /// One line per substitution.
    Substitutions,
    /// One line per version's summary.
    Summary,
}

/// Options that change how a report is shown (never what it says).
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Show only rows where some version differs from the base.
    pub changed_only: bool,
    /// Print numbered explanations of every editorial flag and substitution.
    pub explain: bool,
    /// Terminal width in columns, when known.
    pub width: Option<u16>,
    /// Use colour.
    pub color: bool,
    /// Show only these versions (the base is always shown).
    pub versions: Option<Vec<String>>,
    /// The table the CSV format writes.
    pub csv_table: CsvTable,
}

/// Writes `report` in `format` to `out`.
///
/// Fails with [`io::ErrorKind::InvalidInput`] when [`RenderOptions::versions`] names a
/// version the report does not have, and with the writer's errors.
pub fn render(
    report: &Report,
    format: Format,
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, report)?;
            writeln!(out)
        }
        Format::Table => table::write(&cells::view(report, options)?, options, out),
        Format::Markdown => markdown::write(&cells::view(report, options)?, options, out),
        Format::Csv => csv::write(&cells::view(report, options)?, options.csv_table, out),
        Format::Html => html::write(&cells::view(report, options)?, out),
    }
}
