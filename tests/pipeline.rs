//! End-to-end library tests: the whole pipeline on the dev story and on synthetic versions
//! that reorder, split, merge, rewrite the lead and add paragraphs.

mod common;

use common::*;
use wirediff::report::{BaseReason, Report, Status};
use wirediff::{CompareConfig, compare};

fn run(raws: &[wirediff::ingest::RawVersion], base: Option<&str>) -> Report {
    let config = CompareConfig {
        base: base.map(str::to_string),
        ..CompareConfig::default()
    };
    compare(raws, &config).expect("compare")
}

/// The cell of `version` in the row whose base cell holds base sentence `b`.
fn cell_for<'a>(r: &'a Report, version: &str, b: usize) -> &'a wirediff::report::Cell {
    let row = r
        .rows
        .iter()
        .find(|row| row.cells[0].sentences.contains(&b))
        .unwrap_or_else(|| panic!("no row holds base sentence {b}"));
    row.cells
        .iter()
        .find(|c| &*c.version == version)
        .unwrap_or_else(|| panic!("row {} has no cell for {version}", row.id))
}

#[test]
fn dev_story_aligns_one_to_one_and_keeps_every_sentence() {
    let r = run(&kerry(), Some("afp"));
    assert_eq!(r.base, "afp");
    assert_eq!(r.base_reason, BaseReason::Given);
    assert_every_sentence_once(&r);
    let afp = &r.versions[0];
    let tasnim = &r.versions[1];
    for b in 0..afp.sentences.len() {
        let c = cell_for(&r, "tasnim", b);
        assert_eq!(
            c.sentences.len(),
            1,
            "afp sentence {b} should have one counterpart"
        );
        assert!(!c.moved);
    }
    // The Tasnim page ends with "Most Visited" lists that are not part of the story: they are
    // either removed as boilerplate or, at worst, added rows — never aligned with the base.
    for row in &r.rows {
        if row.cells[0].sentences.is_empty() {
            for c in &row.cells[1..] {
                assert_eq!(c.status, Status::Added);
                for &i in &c.sentences {
                    assert!(!tasnim.sentences[i].text.ends_with('.'));
                }
            }
        }
    }
}

#[test]
fn dev_story_diffs_show_the_swaps() {
    let r = run(&kerry(), Some("afp"));
    let has = |base: &str, other: &str| {
        r.substitutions
            .iter()
            .any(|s| s.base.contains(base) && s.other.contains(other))
    };
    assert!(has("linked", "claimed"));
    assert!(has("rebel fighters", "militants"));
    assert!(has("Islamic State", "Daesh"));
    assert!(has("brutal crackdown", "foreign-backed militancy"));
    assert!(
        r.substitutions
            .iter()
            .any(|s| s.base.starts_with("and the Syrian regime's efforts") && s.other.is_empty())
    );
    assert!(
        r.substitutions
            .iter()
            .any(|s| s.base.is_empty() && s.other.contains("AFP reported"))
    );
}

#[test]
fn medoid_is_chosen_without_base() {
    let r = run(&italy(), None);
    assert_eq!(r.base_reason, BaseReason::Medoid);
    assert_every_sentence_once(&r);
}

#[test]
fn reordered_split_merged_added_and_dropped() {
    let r = run(&italy(), Some("wire"));
    assert_every_sentence_once(&r);

    // daily moved the 2023 background (wire 10) up to its third sentence.
    let c = cell_for(&r, "daily", 10);
    assert_eq!(c.sentences[..], [2]);
    assert!(c.moved);
    assert_eq!(c.status, Status::Identical);

    // daily split the rescue sentence (wire 3) in two.
    let c = cell_for(&r, "daily", 3);
    assert_eq!(c.sentences[..], [4, 5]);
    assert_eq!(c.status, Status::Split);

    // daily rewrote the lead but kept its content: still aligned, as reworded.
    let c = cell_for(&r, "daily", 1);
    assert_eq!(
        (c.sentences.to_vec(), c.status),
        (vec![1], Status::Reworded)
    );

    // daily dropped the train sentence (wire 8).
    assert_eq!(cell_for(&r, "daily", 8).status, Status::Dropped);

    // portal merged the forecast and the trains (wire 7 + 8) into one sentence.
    let c = cell_for(&r, "portal", 7);
    assert_eq!((c.sentences.to_vec(), c.status), (vec![7], Status::Merged));

    // daily's added farming background sits right after the row its preceding sentence
    // (daily 5, part of the rescue split) is in.
    let split_row = r
        .rows
        .iter()
        .position(|row| row.cells[0].sentences[..] == [3])
        .unwrap();
    let next = &r.rows[split_row + 1];
    assert!(next.cells[0].sentences.is_empty());
    let added = next.cells.iter().find(|c| &*c.version == "daily").unwrap();
    assert_eq!(
        (added.sentences.to_vec(), added.status),
        (vec![6], Status::Added)
    );

    // portal's added critics sentence comes after the merged forecast row.
    let portal_added = r
        .rows
        .iter()
        .find(|row| {
            row.cells
                .iter()
                .any(|c| &*c.version == "portal" && c.status == Status::Added)
        })
        .unwrap();
    let merged_row = r
        .rows
        .iter()
        .find(|row| row.cells[0].sentences.contains(&7))
        .unwrap();
    assert!(portal_added.id > merged_row.id);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn a_different_story_gets_a_low_overlap_warning() {
    let other = raw(
        "other",
        "Central bank raises rates\n\nThe central bank raised its main interest rate by a quarter point on Thursday, citing stubborn inflation.\n\nEconomists had expected the move after prices rose faster than forecast in the autumn.",
    );
    let mut raws = italy();
    raws.truncate(1);
    raws.push(other);
    let r = run(&raws, Some("wire"));
    assert_every_sentence_once(&r);
    assert!(
        r.warnings
            .iter()
            .any(|w| w.kind == "low_overlap" && w.version.as_deref() == Some("other"))
    );
}

#[test]
fn json_has_every_field_of_the_spec() {
    let r = run(&kerry(), Some("afp"));
    let v: serde_json::Value = serde_json::to_value(&r).unwrap();
    for key in [
        "schema",
        "tool",
        "base",
        "base_reason",
        "versions",
        "rows",
        "substitutions",
        "summary",
        "warnings",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["schema"], "wirediff/report/v1");
    let version = &v["versions"][1];
    for key in [
        "id",
        "outlet",
        "source",
        "title",
        "dateline",
        "removed_boilerplate",
        "sentences",
    ] {
        assert!(version.get(key).is_some(), "version missing {key}");
    }
    let s = &version["sentences"][0];
    for key in [
        "index",
        "paragraph",
        "text",
        "labels",
        "primary",
        "attributions",
        "editorial",
    ] {
        assert!(s.get(key).is_some(), "sentence missing {key}");
    }
    let cell = &v["rows"][1]["cells"][1];
    for key in [
        "version",
        "sentences",
        "status",
        "moved",
        "similarity",
        "diff",
    ] {
        assert!(cell.get(key).is_some(), "cell missing {key}");
    }
    let sub = &v["substitutions"][0];
    for key in [
        "version",
        "row",
        "base",
        "other",
        "categories",
        "editorial",
        "why",
    ] {
        assert!(sub.get(key).is_some(), "substitution missing {key}");
    }
    let sum = &v["summary"][1];
    assert_eq!(sum["version"], "tasnim");
    for key in [
        "sentences",
        "identical",
        "reworded",
        "added",
        "dropped",
        "moved",
        "sourced",
        "attributed",
        "editorialized",
    ] {
        assert!(sum[key].is_number(), "summary missing {key}");
    }
}

/// Character ranges inside double quotation marks (straight or curly), paired in order.
fn quoted_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, c) in text.chars().enumerate() {
        match (c, open) {
            ('"' | '\u{201c}', None) => open = Some(i),
            ('"' | '\u{201d}', Some(start)) => {
                out.push(start..i + 1);
                open = None;
            }
            _ => {}
        }
    }
    out
}

#[test]
fn no_editorial_flag_falls_inside_a_quotation_or_attributed_content() {
    let mut checked = 0;
    for (raws, base) in [(kerry(), "afp"), (italy(), "wire")] {
        let r = run(&raws, Some(base));
        for v in &r.versions {
            for s in &v.sentences {
                let mut speaker: Vec<std::ops::Range<usize>> = quoted_ranges(&s.text);
                speaker.extend(
                    s.attributions
                        .iter()
                        .filter(|a| a.kind != wirediff::report::AttributionKind::Source)
                        .filter_map(|a| a.content.as_ref())
                        .map(|c| c.start..c.end),
                );
                for flag in s.editorial.iter() {
                    checked += 1;
                    for range in &speaker {
                        assert!(
                            flag.end <= range.start || flag.start >= range.end,
                            "{}: flag {:?} ({}..{}) falls inside {:?} of {:?}",
                            v.id,
                            flag.text,
                            flag.start,
                            flag.end,
                            range,
                            s.text
                        );
                    }
                }
            }
        }
    }
    // The example has loaded wording in the narrator's voice, so the check saw flags.
    assert!(checked >= 5, "only {checked} flags checked");
}

#[test]
fn odd_but_valid_texts_give_reports() {
    // No sentence punctuation at all: each line is a sentence.
    let a = "Floods in the north\n\nThousands leave their homes as rivers rise\n\nRescue crews reach stranded families";
    let b = "Floods in the north\n\nThousands leave homes as rivers rise\n\nRescuers reach stranded families by boat";
    let r = run(&[raw("a", a), raw("b", b)], Some("a"));
    assert_every_sentence_once(&r);
    assert_eq!(r.versions[0].sentences.len(), 3);
    assert!(
        r.rows.iter().all(|row| row.cells.len() == 2),
        "every line aligned"
    );

    // One sentence of more than 10,000 characters, beside a normal version.
    let long =
        "rescue crews worked through the night near the river ".repeat(200) + "officials said.";
    assert!(long.chars().count() > 10_000);
    let r = run(
        &[raw("long", &format!("Floods\n\n{long}")), raw("b", b)],
        None,
    );
    assert_every_sentence_once(&r);
    assert_eq!(
        r.versions[0].sentences[1].text.chars().count(),
        long.chars().count()
    );

    // HTML with scripts and styles: neither reaches a sentence.
    let html = "<html><head><title>Floods</title><style>p{color:red}</style><script>var x = 'Floods in the north';</script></head><body><h1>Floods in the north</h1><p>Thousands leave their homes as rivers rise, officials said.</p><script>track('read');</script></body></html>";
    let mut page = raw("page", html);
    page.format = wirediff::ingest::TextFormat::Html;
    let r = run(&[page, raw("b", b)], None);
    assert_every_sentence_once(&r);
    for s in &r.versions[0].sentences {
        assert!(
            !s.text.contains("track(") && !s.text.contains("color:"),
            "{:?}",
            s.text
        );
    }
}

#[test]
fn fifty_versions_of_one_story() {
    let base = include_str!("../examples/kerry-lavrov-geneva-2016/afp.txt");
    let paragraphs: Vec<&str> = base.split("\n\n").collect();
    let raws: Vec<_> = (0..50)
        .map(|v| {
            // Each version drops a different paragraph and swaps two others.
            let mut ps: Vec<&str> = paragraphs.clone();
            ps.remove(1 + v % (ps.len() - 1));
            let (i, j) = (2 + v % 5, 8 + v % 5);
            if j < ps.len() {
                ps.swap(i, j);
            }
            raw(&format!("v{v:02}"), &ps.join("\n\n"))
        })
        .collect();
    let r = run(&raws, None);
    assert_eq!(r.base_reason, BaseReason::Medoid);
    assert_eq!(r.versions.len(), 50);
    assert_every_sentence_once(&r);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}
