//! `--lexicon FILE` loading and the `wirediff lexicon` listing.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use wirediff::classify::Lexicon;

/// The builtin lexicon, merged with the user's file when one is given.
pub fn load(user: Option<&Path>) -> Result<Lexicon> {
    let builtin = Lexicon::builtin();
    let Some(path) = user else {
        return Ok(builtin);
    };
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).with_context(|| format!("{shown}: cannot read"))?;
    Ok(builtin.merge(Lexicon::from_toml(&text, &shown)?))
}

/// Prints every entry: as JSON, or as a table for the terminal.
pub fn print(lexicon: &Lexicon, json: bool, out: &mut dyn Write) -> io::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, lexicon.entries())?;
        return writeln!(out);
    }
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(120)
        .set_header(["term", "category", "forms", "neutral", "why", "from"]);
    for e in lexicon.entries() {
        table.add_row([
            e.term.clone(),
            e.category.clone(),
            e.forms.join(", "),
            e.neutral.join(", "),
            e.why.clone(),
            e.lexicon.clone(),
        ]);
    }
    writeln!(out, "{table}")?;
    writeln!(
        out,
        "{} entries, {} forms, {} scales, {} name sets",
        lexicon.entries().len(),
        lexicon.form_count(),
        lexicon.scales().len(),
        lexicon.names().len()
    )
}
