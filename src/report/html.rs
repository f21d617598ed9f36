//! HTML: one self-contained page (inline CSS; no fonts, scripts or images from anywhere) to
//! open straight from disk, read on a phone or print.
//!
//! Above the rows: each outlet's summary, the substitutions and the warnings. Then one column
//! per version, rows aligned so the same piece of the story sits on one line; words changed
//! against the base in `<del>` / `<ins>` (struck and underlined, not colour alone); each
//! sentence badged S / A / E; editorial wording underlined with its `why` on hover and as a
//! numbered note for print. The page is built with maud, which escapes every string it is
//! given: no input text can become markup.

use std::io;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::cells::{Badge, CellView, Note, Piece, Run, RunKind, View};
use super::model::{BaseReason, Status};
use super::table::explanation;

/// The page's whole style sheet.
const CSS: &str = r#"
:root { --ink: #1b1b1b; --muted: #5c5c5c; --line: #d0d0d0; --paper: #fff;
  --del: #9b1c1c; --del-bg: #fde8e8; --ins: #14532d; --ins-bg: #dcfce7;
  --ed: #92400e; --ed-bg: #fef3c7; --added: #e7f5ec; --dropped: #f3f3f3; --moved: #6d28d9; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1rem 1.25rem 2rem; color: var(--ink); background: var(--paper);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
h1 { font-size: 1.35rem; margin: 0 0 .25rem; }
h2 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
p.meta { margin: .2rem 0; color: var(--muted); }
.scroll-x { overflow-x: auto; }
table { border-collapse: collapse; }
table.facts { font-size: .88rem; }
table.facts th, table.facts td { border: 1px solid var(--line); padding: .2rem .45rem; text-align: left; vertical-align: top; }
table.facts td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.facts thead th { background: #f4f4f4; }
table.subs td.why { min-width: 16rem; color: var(--muted); }
table.subs td.words { min-width: 9rem; }
tr.editorial td { background: var(--ed-bg); }
ul.warnings { margin: .2rem 0; padding-left: 1.2rem; }
ul.warnings li { margin: .15rem 0; }
.legend { font-size: .88rem; color: var(--muted); margin: .3rem 0 .6rem; }
.legend > span { display: inline-block; margin-right: 1rem; }
.grid { overflow: auto; max-height: 88vh; border: 1px solid var(--line); }
table.rows { border-collapse: separate; border-spacing: 0; width: 100%; }
table.rows thead th { position: sticky; top: 0; z-index: 2; background: #f4f4f4;
  border-bottom: 2px solid var(--ink); padding: .35rem .6rem; text-align: left; vertical-align: bottom; }
table.rows thead th .outlet { display: block; font-weight: normal; color: var(--muted); font-size: .85rem; }
table.rows th.rowno { position: sticky; left: 0; z-index: 1; background: #f4f4f4; width: 2.6rem;
  text-align: right; vertical-align: top; padding: .45rem .4rem; color: var(--muted); font-weight: normal;
  border-bottom: 1px solid var(--line); font-variant-numeric: tabular-nums; }
table.rows thead th.rowno { z-index: 3; border-bottom: 2px solid var(--ink); vertical-align: bottom; }
td.cell { vertical-align: top; min-width: 18rem; padding: .4rem .6rem .55rem;
  border-bottom: 1px solid var(--line); border-left: 1px solid var(--line); }
td.cell .tag { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin-bottom: .15rem; }
td.cell .tag .moved { color: var(--moved); font-weight: 600; }
td.st-identical .text { color: var(--muted); }
td.st-added { background: var(--added); border-left: 4px solid #15803d; }
td.st-added .tag { color: #15803d; font-weight: 600; }
td.st-dropped { background: repeating-linear-gradient(135deg, var(--dropped) 0 8px, #fff 8px 16px); }
td.st-dropped .tag { color: var(--del); font-weight: 600; }
td.st-reworded .tag, td.st-split .tag, td.st-merged .tag { color: #a16207; font-weight: 600; }
td.moved { outline: 2px dashed var(--moved); outline-offset: -3px; }
td.none { background: #fafafa; }
.gone { font-style: italic; color: var(--muted); margin: 0; }
.text { margin: 0; }
del { color: var(--del); background: var(--del-bg); text-decoration: line-through; text-decoration-thickness: 2px; }
ins { color: var(--ins); background: var(--ins-bg); text-decoration: underline; text-decoration-thickness: 2px; }
.ed { text-decoration: underline wavy var(--ed); text-underline-offset: 3px; background: var(--ed-bg); cursor: help; }
sup.nref { font-size: .7em; margin-left: .1em; }
sup.nref a { color: var(--ed); text-decoration: none; }
.badges { white-space: nowrap; margin-right: .3rem; }
.b { display: inline-block; min-width: 1.25em; padding: 0 .25em; margin-right: .12em; border: 1px solid;
  border-radius: 3px; font: 700 .72rem/1.35 ui-monospace, "DejaVu Sans Mono", monospace; text-align: center;
  text-decoration: none; vertical-align: .1em; }
.b-s { color: #075985; background: #e0f2fe; }
.b-a { color: #1e3a8a; background: #e0e7ff; }
.b-e { color: #9a3412; background: #ffedd5; }
.b-none { color: #777; background: #fff; border-style: dotted; }
ol.notes { padding-left: 2rem; }
ol.notes li { margin: .2rem 0; }
footer { margin-top: 2rem; font-size: .8rem; color: var(--muted); }
@media (max-width: 700px) {
  body { padding: .6rem .6rem 1.5rem; font-size: 14px; }
  td.cell { min-width: 78vw; }
  .grid { max-height: 80vh; }
}
@media print {
  body { padding: 0; font-size: 10pt; }
  .grid { overflow: visible; max-height: none; border: 0; }
  .scroll-x { overflow: visible; }
  table.rows thead th, table.rows th.rowno { position: static; }
  table.rows thead { display: table-header-group; }
  tr.row { break-inside: avoid; }
  td.cell { min-width: 0; }
  .ed { background: none; }
  a { color: inherit; }
}
"#;

/// Writes the HTML page.
pub fn write(view: &View<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    out.write_all(page(view).into_string().as_bytes())?;
    writeln!(out)
}

fn page(view: &View<'_>) -> Markup {
    let report = view.report;
    let title = view.title.as_deref().unwrap_or("wirediff report");
    let base = view.columns.iter().find(|c| c.is_base);
    let reason = match report.base_reason {
        BaseReason::Given => "given with --base",
        BaseReason::Medoid => "chosen as the version closest to all the others",
    };
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "wirediff: " (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { (title) }
                    @if let Some(base) = base {
                        p.meta { "Base: " strong { (base.id) } " (" (base.outlet) "), " (reason) ". "
                            (report.versions.len()) " versions, " (report.rows.len()) " rows." }
                    }
                }
                section #outlets {
                    h2 { "Outlets" }
                    div.scroll-x { (summary(view)) }
                }
                section #substitutions {
                    h2 { "Substitutions (" (view.substitutions.len()) ")" }
                    @if view.substitutions.is_empty() {
                        p { "No wording changed between the base and the other versions." }
                    } @else {
                        div.scroll-x { (substitutions(view)) }
                    }
                }
                @if !view.warnings.is_empty() {
                    section #warnings {
                        h2 { "Warnings" }
                        ul.warnings {
                            @for w in &view.warnings {
                                li { strong { (w.version.as_deref().unwrap_or("story")) } " (" (w.kind) "): " (w.message) }
                            }
                        }
                    }
                }
                section #rows {
                    h2 { "The story, row by row" }
                    (legend())
                    @if view.rows.len() != report.rows.len() {
                        p.meta { (view.rows.len()) " of " (report.rows.len()) " rows shown." }
                    }
                    div.grid { (rows(view)) }
                }
                @if !view.notes.is_empty() {
                    section #notes {
                        h2 { "Notes" }
                        ol.notes {
                            @for note in &view.notes {
                                li id=(format!("note-{}", note.number)) { (explanation(note)) }
                            }
                        }
                    }
                }
                footer {
                    "Made by " (report.tool.name) " " (report.tool.version) " (" (report.schema) "). "
                    "Labels and flags are a tool's reading: check them against the text."
                }
            }
        }
    }
}

fn summary(view: &View<'_>) -> Markup {
    html! {
        table.facts.summary {
            thead { tr {
                th { "Version" } th { "Outlet" } th { "Sentences" } th { "Identical" } th { "Reworded" }
                th { "Added" } th { "Dropped" } th { "Moved" }
                th { abbr title=(Badge::Sourced.meaning()) { "S" } }
                th { abbr title=(Badge::Attributed.meaning()) { "A" } }
                th { abbr title=(Badge::Editorialized.meaning()) { "E" } }
            } }
            tbody {
                @for (s, outlet) in &view.summary {
                    tr {
                        td { (s.version) @if s.version == view.report.base { " (base)" } }
                        td { (outlet) }
                        td.n { (s.sentences) } td.n { (s.identical) } td.n { (s.reworded) }
                        td.n { (s.added) } td.n { (s.dropped) } td.n { (s.moved) }
                        td.n { (s.sourced) } td.n { (s.attributed) } td.n { (s.editorialized) }
                    }
                }
            }
        }
    }
}

fn substitutions(view: &View<'_>) -> Markup {
    html! {
        table.facts.subs {
            thead { tr {
                th { "Row" } th { "Version" } th { "Base" } th { "Other" } th { "Categories" }
                th { "Editorial" } th { "Why" }
            } }
            tbody {
                @for s in &view.substitutions {
                    tr.editorial[s.sub.editorial] {
                        td.n { a href=(format!("#row-{}", s.sub.row)) { (s.sub.row) } }
                        td { (s.sub.version) }
                        td.words { @if s.sub.base.is_empty() { "—" } @else { del { (s.sub.base) } } }
                        td.words { @if s.sub.other.is_empty() { "—" } @else { ins { (s.sub.other) } } }
                        td { (s.sub.categories.join(", ")) }
                        td {
                            @if s.sub.editorial { "yes" } @else { "no" }
                            @if let Some(n) = s.note { (note_ref(n)) }
                        }
                        td.why { (s.sub.why) }
                    }
                }
            }
        }
    }
}

fn legend() -> Markup {
    html! {
        div.legend {
            span { "Labels of each sentence: " (badge(Badge::Sourced)) " sourced "
                (badge(Badge::Attributed)) " attributed " (badge(Badge::Editorialized)) " editorialized "
                abbr.b.b-none title="no label" { "·" } " none" }
            span { "Against the base: " del { "deleted" } " " ins { "inserted" } }
            span { span.ed title="Editorial wording: hover for why, or see the notes" { "editorial wording" } sup.nref { "n" } " (note n)" }
            span { "Rows: added, dropped and " span.moved { "moved" } " cells are tagged and framed." }
        }
    }
}

fn rows(view: &View<'_>) -> Markup {
    html! {
        table.rows {
            thead { tr {
                th.rowno { "Row" }
                @for c in &view.columns {
                    th.version {
                        (c.id) @if c.is_base { " (base)" }
                        span.outlet { (c.outlet) }
                    }
                }
            } }
            tbody {
                @for row in &view.rows {
                    tr.row.changed[row.changed] id=(format!("row-{}", row.id)) data-row=(row.id) {
                        th.rowno { (row.id) }
                        @for c in &row.cells { (cell(c, &view.notes)) }
                    }
                }
            }
        }
    }
}

fn cell(c: &CellView<'_>, notes: &[Note]) -> Markup {
    let Some(data) = c.cell else {
        return html! { td.cell.none {} };
    };
    let status = data.status.as_str();
    html! {
        td class=(format!("cell st-{status}{}", if data.moved { " moved" } else { "" })) {
            div.tag {
                (status)
                @if let Some(sim) = data.similarity.filter(|_| matches!(data.status, Status::Reworded | Status::Split | Status::Merged)) {
                    " · " (format!("{:.0}%", sim.clamp(0.0, 1.0) * 100.0)) " similar"
                }
                @if data.moved { " · " span.moved { "↕ moved" } }
            }
            @if data.status == Status::Dropped {
                p.gone { "Not in this version." }
            } @else if data.sentences.is_empty() {
                p.gone { "Not in this version." }
            } @else {
                p.text {
                    @for p in &c.pieces {
                        @match p {
                            Piece::SentenceStart(k) => (badges(c, *k)),
                            Piece::Text(r) => (run(r, notes)),
                        }
                    }
                }
            }
        }
    }
}

fn badge(b: Badge) -> Markup {
    let class = match b {
        Badge::Sourced => "b b-s",
        Badge::Attributed => "b b-a",
        Badge::Editorialized => "b b-e",
    };
    html! { abbr class=(class) title=(b.meaning()) { (b.letter()) } }
}

fn badges(c: &CellView<'_>, k: usize) -> Markup {
    let Some(s) = c.sentences.get(k) else {
        return html! {};
    };
    let list = s.badges();
    let evidence = s.evidence.join("; ");
    html! {
        span.badges data-sentence=(s.index) title=[(!evidence.is_empty()).then_some(evidence)] {
            @if list.is_empty() {
                abbr.b.b-none title="no label: not sourced, attributed or editorialized" { "·" }
            }
            @for b in list { (badge(b)) }
        }
    }
}

fn note_ref(n: usize) -> Markup {
    html! { sup.nref { a href=(format!("#note-{n}")) { (n) } } }
}

fn run(r: &Run, notes: &[Note]) -> Markup {
    let words = html! {
        @match r.kind {
            RunKind::Same => (r.text),
            RunKind::Deleted => del { (r.text) },
            RunKind::Inserted => ins { (r.text) },
        }
    };
    match r.note {
        None => words,
        Some(n) => {
            let why = notes.get(n - 1).map_or("", |note| note.why.as_str());
            html! {
                span.ed title=(why) { (words) }
                @if r.note_end { (note_ref(n)) }
            }
        }
    }
}
