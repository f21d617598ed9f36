//! The printers: snapshots of every format, and the properties a reader relies on (escaping,
//! no formula or escape-sequence injection, the options, wrapping to the width).

mod report_support;

use report_support::{example_report, handmade_report, render_to_string, with_hostile_text};
use wirediff::report::*;

fn plain(width: u16) -> RenderOptions {
    RenderOptions {
        width: Some(width),
        ..RenderOptions::default()
    }
}

fn explained(width: u16) -> RenderOptions {
    RenderOptions {
        explain: true,
        ..plain(width)
    }
}

// --- snapshots -------------------------------------------------------------------------------

#[test]
fn json_is_the_model_exactly() {
    let report = handmade_report();
    let json = render_to_string(&report, Format::Json, &RenderOptions::default());
    let back: Report = serde_json::from_str(&json).expect("the JSON reads back");
    assert_eq!(back, report);
    insta::assert_snapshot!("handmade_json", json);
}

#[test]
fn table_snapshot_handmade() {
    let out = render_to_string(&handmade_report(), Format::Table, &explained(110));
    insta::assert_snapshot!("handmade_table", out);
}

#[test]
fn markdown_snapshot_handmade() {
    let out = render_to_string(&handmade_report(), Format::Markdown, &explained(100));
    insta::assert_snapshot!("handmade_markdown", out);
}

#[test]
fn csv_snapshot_handmade() {
    let report = handmade_report();
    let mut all = String::new();
    for table in [CsvTable::Rows, CsvTable::Substitutions, CsvTable::Summary] {
        let options = RenderOptions {
            csv_table: table,
            ..RenderOptions::default()
        };
        all.push_str(&render_to_string(&report, Format::Csv, &options));
        all.push('\n');
    }
    insta::assert_snapshot!("handmade_csv", all);
}

#[test]
fn example_snapshots() {
    // The dev story through the whole pipeline: these change as the stages improve.
    let report = example_report();
    let json = render_to_string(&report, Format::Json, &RenderOptions::default());
    insta::assert_snapshot!("example_json", json);
    let table = render_to_string(&report, Format::Table, &explained(120));
    insta::assert_snapshot!("example_table", table);
    let md = render_to_string(&report, Format::Markdown, &explained(120));
    insta::assert_snapshot!("example_markdown", md);
}

// --- what every printer must show --------------------------------------------------------------

#[test]
fn table_marks_changed_words_statuses_and_badges() {
    // Wide enough that no cell wraps, so marked phrases stay on one line.
    let out = render_to_string(&handmade_report(), Format::Table, &explained(400));
    for want in [
        "[-Rebels-] {+Terrorists+}",
        "Sunday[-, a monitor said-].",
        "{+They fled to camps.+}",
        "Officials [-said-] {+claimed+}",
        "reworded 70% moved",
        "split 70%",
        "dropped",
        "added",
        "same words as the base",
        "[E]",
        "[A E]",
        "[S]",
        "[·]",
        "Wire Agency",
        "truncated",
    ] {
        assert!(out.contains(want), "table lacks {want:?}:\n{out}");
    }
    // Numbered explanations: flags in reading order, then editorial substitutions.
    assert!(out.contains("  1. row 0, daily: \u{201c}Terrorists\u{201d} (loaded_label; neutral: \u{201c}Rebels\u{201d})"));
    assert!(out.contains(
        "  2. row 2, daily: \u{201c}claimed\u{201d} (report_verb; neutral: \u{201c}said\u{201d})"
    ));
    assert!(out.contains(
        "drops \u{201c}, a monitor said\u{201d} (attribution_dropped). The claim loses its source"
    ));
    assert!(out.contains("{+Terrorists+}[1]"), "{out}");
    assert!(!out.contains('\u{1b}'), "no colour was asked for");
}

#[test]
fn explanations_only_with_explain() {
    let out = render_to_string(&handmade_report(), Format::Table, &plain(120));
    assert!(!out.contains("Explanations"));
    assert!(!out.contains("+}[1]"));
}

#[test]
fn table_fits_the_width() {
    for width in [80u16, 120] {
        let out = render_to_string(&example_report(), Format::Table, &explained(width));
        for line in out.lines() {
            let cols = line.chars().count();
            assert!(cols <= usize::from(width), "{cols} > {width}: {line}");
        }
    }
}

#[test]
fn colour_only_when_asked() {
    let options = RenderOptions {
        color: true,
        ..plain(120)
    };
    let out = render_to_string(&handmade_report(), Format::Table, &options);
    assert!(out.contains("\u{1b}[31;9mRebels\u{1b}[0m"), "{out}");
    assert!(out.contains("Terrorists"));
    assert!(!out.contains("[-Rebels-]"));
}

#[test]
fn hostile_escape_sequences_never_reach_the_terminal() {
    let hostile = "Officials said \u{1b}[2J\u{1b}]0;owned\u{7} the \u{9b}31mtalks\u{202e}failed.";
    let report = with_hostile_text(hostile);
    for color in [false, true] {
        let options = RenderOptions {
            color,
            ..explained(120)
        };
        for format in [Format::Table, Format::Markdown] {
            let out = render_to_string(&report, format, &options);
            assert!(out.contains("owned"), "the words stay");
            for bad in ["\u{1b}[2J", "\u{1b}]", "\u{7}", "\u{9b}", "\u{202e}"] {
                assert!(!out.contains(bad), "{format:?} passed {bad:?} through");
            }
        }
    }
}

#[test]
fn changed_only_and_versions_pick_rows_and_columns() {
    let report = handmade_report();
    let options = RenderOptions {
        changed_only: true,
        ..plain(120)
    };
    let out = render_to_string(&report, Format::Table, &options);
    assert!(
        !out.contains("The army did not comment."),
        "row 4 is identical everywhere"
    );
    assert!(out.contains("4 of 5 rows shown."));

    let options = RenderOptions {
        versions: Some(vec!["gazette".to_string()]),
        ..plain(120)
    };
    let out = render_to_string(&report, Format::Table, &options);
    assert!(out.contains("wire (base)") && out.contains("gazette"));
    assert!(!out.contains("daily") && !out.contains("Terrorists"));

    // Only the gazette shown: its one identical row drops out with --changed-only.
    let options = RenderOptions {
        versions: Some(vec!["gazette".to_string()]),
        changed_only: true,
        ..plain(120)
    };
    let out = render_to_string(&report, Format::Csv, &options);
    let rows: Vec<&str> = out.lines().skip(1).map(|l| &l[..2]).collect();
    assert_eq!(rows, ["1,", "1,", "3,", "3,"], "{out}");

    let options = RenderOptions {
        versions: Some(vec!["nosuch".to_string()]),
        ..plain(120)
    };
    let err = render(&report, Format::Table, &options, &mut Vec::new()).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    assert!(err.to_string().contains("nosuch") && err.to_string().contains("wire, daily, gazette"));
}

#[test]
fn markdown_escapes_pipes_and_markup() {
    let report = with_hostile_text("A | split <b>cell</b> with *stars* and\na line break.");
    let out = render_to_string(&report, Format::Markdown, &plain(120));
    assert!(
        out.contains(r"A \| split \<b\>cell\</b\> with \*stars\* and a line break."),
        "{out}"
    );
    let md = render_to_string(&handmade_report(), Format::Markdown, &plain(120));
    assert!(md.contains("~~Rebels~~ **Terrorists**"));
    // Every table line has as many cells as its header.
    for line in md.lines().filter(|l| l.starts_with("| ")) {
        let unescaped_pipes = line.replace(r"\|", "").matches('|').count();
        assert!(unescaped_pipes >= 2, "{line}");
    }
    let rows_header = md.lines().find(|l| l.starts_with("| Row | wire")).unwrap();
    let n = rows_header.matches('|').count();
    let rows_section = md
        .split("## Rows")
        .nth(1)
        .unwrap()
        .split("## Substitutions")
        .next()
        .unwrap();
    for line in rows_section
        .lines()
        .filter(|l| l.starts_with("| 0 |") || l.starts_with("| 3 |"))
    {
        assert_eq!(line.replace(r"\|", "").matches('|').count(), n, "{line}");
    }
}

// --- CSV ---------------------------------------------------------------------------------------

fn read_csv(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn csv_rows_have_the_documented_columns() {
    let out = render_to_string(&handmade_report(), Format::Csv, &RenderOptions::default());
    let records = read_csv(&out);
    let header = &records[0];
    for col in [
        "row",
        "version",
        "outlet",
        "status",
        "moved",
        "similarity",
        "text",
        "sourced",
        "attributed",
        "editorialized",
        "editorial_terms",
    ] {
        assert!(header.iter().any(|h| h == col), "no column {col}");
    }
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    // 5 rows: 3 + 3 + 3 + 2 (the added row has no daily cell) + 3.
    assert_eq!(records.len() - 1, 14);
    let daily0 = records
        .iter()
        .find(|r| r[col("row")] == "0" && r[col("version")] == "daily")
        .unwrap();
    assert_eq!(
        daily0[col("text")],
        "Terrorists seized the northern town of Qasr on Sunday."
    );
    assert_eq!(daily0[col("status")], "reworded");
    assert_eq!(daily0[col("editorialized")], "true");
    assert_eq!(daily0[col("editorial_terms")], "Terrorists (loaded_label)");
    let dropped = records
        .iter()
        .find(|r| r[col("row")] == "1" && r[col("version")] == "gazette")
        .unwrap();
    assert_eq!(
        (
            dropped[col("status")].as_str(),
            dropped[col("text")].as_str()
        ),
        ("dropped", "")
    );
    let moved = records
        .iter()
        .find(|r| r[col("row")] == "2" && r[col("version")] == "daily")
        .unwrap();
    assert_eq!(moved[col("moved")], "true");
}

#[test]
fn csv_neutralises_formulas() {
    let report = with_hostile_text("=HYPERLINK(\"http://example.invalid\",\"click\")");
    for table in [CsvTable::Rows, CsvTable::Substitutions, CsvTable::Summary] {
        let options = RenderOptions {
            csv_table: table,
            ..RenderOptions::default()
        };
        let out = render_to_string(&report, Format::Csv, &options);
        for record in read_csv(&out) {
            for field in record {
                assert!(
                    !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{table:?}: {field:?}"
                );
            }
        }
    }
    let out = render_to_string(&report, Format::Csv, &RenderOptions::default());
    assert!(out.contains("'=HYPERLINK"), "{out}");
}

#[test]
fn csv_reads_back_with_python() {
    let Ok(python) = which_python() else {
        eprintln!("python3 not found; skipping the Python read-back");
        return;
    };
    let report = with_hostile_text("Quotes \"inside\", commas, and\na line break; also =1+1.");
    let out = render_to_string(&report, Format::Csv, &RenderOptions::default());
    let expected = read_csv(&out);
    let script = r#"
import csv, json, sys
rows = list(csv.reader(sys.stdin, strict=True))
json.dump(rows, sys.stdout)
"#;
    let mut child = std::process::Command::new(python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(out.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let from_python: Vec<Vec<String>> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(from_python, expected);
    assert!(from_python.iter().all(|r| r.len() == expected[0].len()));
}

fn which_python() -> Result<&'static str, ()> {
    std::process::Command::new("python3")
        .arg("--version")
        .output()
        .map(|_| "python3")
        .map_err(|_| ())
}

// --- HTML --------------------------------------------------------------------------------------

#[test]
fn html_shows_rows_badges_changes_and_notes() {
    let report = handmade_report();
    let out = render_to_string(&report, Format::Html, &RenderOptions::default());
    // Kept for a look in a browser (tests/browser/check.sh screenshots the dev story).
    let _ = std::fs::write(
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("handmade.html"),
        &out,
    );
    assert!(out.starts_with("<!DOCTYPE html>"));
    assert_eq!(out.matches("<tr class=\"row").count(), report.rows.len());
    assert!(out.contains("<del>Rebels</del>"));
    assert!(out.contains("<ins>Terrorists</ins>"));
    assert!(out.contains("<ins>They fled to camps.</ins>"));
    assert!(out.contains("class=\"cell st-reworded moved\""));
    assert!(out.contains("class=\"cell st-dropped\""));
    assert!(out.contains("class=\"cell st-added\""));
    assert!(out.contains("class=\"cell st-split\""));
    // The editorial word carries its why on hover and a numbered note.
    assert!(out.contains(
        "<span class=\"ed\" title=\"Calling an armed group terrorists in the outlet&#39;s own voice passes judgement on it.\"><ins>Terrorists</ins></span><sup class=\"nref\"><a href=\"#note-1\">1</a></sup>"
    ) || out.contains(
        "<span class=\"ed\" title=\"Calling an armed group terrorists in the outlet's own voice passes judgement on it.\"><ins>Terrorists</ins></span><sup class=\"nref\"><a href=\"#note-1\">1</a></sup>"
    ), "{out}");
    assert!(out.contains("<li id=\"note-1\">"));
    assert!(out.contains("b b-e") && out.contains("b b-s") && out.contains("b b-a"));
    // Self-contained: nothing fetched, nothing run.
    assert!(!out.contains("<script"));
    assert!(!out.contains("http://") && !out.contains("https://"));
    assert!(out.contains("@media print"));
}

#[test]
fn html_escapes_hostile_text() {
    let hostile = "Officials said <script>alert(1)</script> and <img src=x onerror=alert(1)> \"quoted\" & done.";
    let report = with_hostile_text(hostile);
    let out = render_to_string(&report, Format::Html, &RenderOptions::default());
    assert!(
        !out.contains("<script>alert(1)</script>"),
        "script tag passed through"
    );
    assert!(!out.contains("<img src=x"), "img tag passed through");
    assert!(!out.to_lowercase().contains("<script"));
    assert!(!out.contains("<img"));
    assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // It went everywhere: cell text, outlet name, substitution table.
    assert!(out.matches("&lt;script&gt;").count() >= 3, "{out}");
}

#[test]
fn markdown_renders_as_tables() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    for report in [handmade_report(), example_report()] {
        let md = render_to_string(&report, Format::Markdown, &explained(100));
        let mut tables = Vec::new();
        let mut rows = 0usize;
        let mut strike = 0usize;
        for event in Parser::new_ext(&md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
            match event {
                Event::Start(Tag::Table(_)) => rows = 0,
                Event::Start(Tag::TableRow) => rows += 1,
                Event::End(TagEnd::Table) => tables.push(rows),
                Event::Start(Tag::Strikethrough) => strike += 1,
                _ => {}
            }
        }
        // The summary table has one body row per version; the rows table one per report row
        // (unless changed-only), and deleted words are struck through.
        assert!(tables.contains(&report.versions.len()), "{tables:?}");
        assert!(tables.contains(&report.rows.len()), "{tables:?}");
        let deletions = report
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .flat_map(|c| c.diff.iter())
            .filter(|op| op.op != OpKind::Equal && op.op != OpKind::Insert)
            .count();
        assert!(
            strike >= deletions,
            "{strike} struck pieces for {deletions} deletions"
        );
    }
}

// --- compact JSON (corpus mode) --------------------------------------------------------------

/// The compact writer against the serde derive (through sonic_rs, as corpus mode used to write).
fn assert_compact_is_the_derive(report: &Report) {
    let mut fast = Vec::new();
    compact::write(report, &mut fast).expect("writes to memory");
    let derive = sonic_rs::to_vec(report).expect("serialises");
    assert_eq!(
        String::from_utf8_lossy(&fast),
        String::from_utf8_lossy(&derive)
    );
    assert_eq!(fast, derive);
}

#[test]
fn compact_json_is_the_derive_byte_for_byte() {
    assert_compact_is_the_derive(&example_report());
    assert_compact_is_the_derive(&handmade_report());
    for text in [
        "quote \" backslash \\ slash / tab \t newline \n return \r",
        "controls \u{0} \u{1} \u{1f} \u{7f} and separators \u{2028} \u{2029}",
        "non-Latin: «Дамаск» 大马士革 دمشق 🇸🇾 e\u{301}",
        "",
    ] {
        assert_compact_is_the_derive(&with_hostile_text(text));
    }
    let mut r = handmade_report();
    let similarities = [
        0.0,
        1.0,
        0.1,
        0.333_333_34,
        1e-7,
        123_456.79,
        f32::NAN,
        f32::INFINITY,
    ];
    for (k, s) in similarities.into_iter().enumerate() {
        let rows = r.rows.len();
        let cells = &mut r.rows[k % rows].cells;
        let n = cells.len();
        cells[k % n].similarity = Some(s);
        assert_compact_is_the_derive(&r);
    }
    // Optional fields absent and present, empty and full lists.
    r.versions[0].title = None;
    r.versions[0].dateline = Some("DAMASCUS (AFP)".to_string());
    r.warnings.clear();
    r.base_reason = BaseReason::Given;
    assert_compact_is_the_derive(&r);
}

proptest::proptest! {
    #[test]
    fn compact_json_escapes_any_text_as_the_derive(text in "\\PC*|[\\x00-\\x7f]*") {
        assert_compact_is_the_derive(&with_hostile_text(&text));
    }
}
