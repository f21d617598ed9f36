//! Invariants as property tests (proptest): segmentation loses no character, every sentence of
//! every version lands in exactly one row, diff ops rebuild both sides, and no input string
//! makes any stage panic. `fuzz_*` tests run many more cases; they are `#[ignore]`d by default
//! and `.ci/run` runs them for a bounded time.

mod common;

use common::{assert_every_sentence_once, raw};
use proptest::prelude::*;
use wirediff::diff::word_diff;
use wirediff::ingest::{self, Document, RawVersion, TextFormat};
use wirediff::report::OpKind;
use wirediff::segment;
use wirediff::{CompareConfig, compare};

/// Sentences in wire style to build versions from.
const POOL: &[&str] = &[
    "Heavy rain forced more than 12,000 people from their homes on Tuesday, officials said.",
    "The civil protection agency said at least four people had died.",
    "Rescue crews used boats to reach families stranded on rooftops.",
    "\u{201c}We have never seen water rise this fast,\u{201d} said the mayor.",
    "U.S. officials offered help, according to a statement.",
    "Gen. Marco Rossi said troops were on standby in the region.",
    "Train services between the two cities were suspended.",
    "The region was hit by floods in 2023 that killed 17 people.",
    "Critics say the government ignored repeated warnings.",
    "Prices rose 3.5 percent in the year to March.",
];

/// Text with odd characters, quotes, dots and line breaks.
fn messy_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[A-Za-z]{1,8}",
            Just(". ".to_string()),
            Just("U.S. ".to_string()),
            Just("\u{201c}".to_string()),
            Just("\u{201d} ".to_string()),
            Just("\"".to_string()),
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            Just("\r\n".to_string()),
            Just(" - ".to_string()),
            Just("(AFP) ".to_string()),
            Just("3.5 ".to_string()),
            Just("? ".to_string()),
            Just("... ".to_string()),
            Just(" ".to_string()),
            any::<char>().prop_map(|c| c.to_string()),
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

/// A version made of pool sentences, in paragraphs.
fn version_text() -> impl Strategy<Value = String> {
    prop::collection::vec((0..POOL.len(), prop::bool::ANY), 1..12).prop_map(|picks| {
        let mut text = String::from("Floods hit northern Italy\n\n");
        for (i, new_paragraph) in picks {
            text.push_str(POOL[i]);
            text.push_str(if new_paragraph { "\n\n" } else { " " });
        }
        text
    })
}

fn non_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn check_segmentation(text: &str) -> Result<(), TestCaseError> {
    let doc = Document {
        id: "p".into(),
        outlet: "p".into(),
        source: "p".into(),
        paragraphs: ingest::paragraphs(text),
        ..Document::default()
    };
    let joined: String = segment::segment(&doc)
        .iter()
        .map(|s| s.text.as_str())
        .collect();
    let paragraphs: String = doc.paragraphs.concat();
    prop_assert_eq!(non_whitespace(&joined), non_whitespace(&paragraphs));
    Ok(())
}

fn check_diff(a: &str, b: &str) -> Result<(), TestCaseError> {
    let ops = word_diff(a, b);
    let side = |base: bool| -> String {
        ops.iter()
            .filter_map(|o| {
                if base {
                    o.base.clone()
                } else {
                    o.other.clone()
                }
            })
            .collect()
    };
    prop_assert_eq!(non_whitespace(&side(true)), non_whitespace(a));
    prop_assert_eq!(non_whitespace(&side(false)), non_whitespace(b));
    for o in &ops {
        match o.op {
            OpKind::Equal | OpKind::Replace => prop_assert!(o.base.is_some() && o.other.is_some()),
            OpKind::Delete => prop_assert!(o.base.is_some() && o.other.is_none()),
            OpKind::Insert => prop_assert!(o.base.is_none() && o.other.is_some()),
        }
    }
    Ok(())
}

fn check_compare(texts: &[String]) -> Result<(), TestCaseError> {
    let raws: Vec<RawVersion> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| raw(&format!("v{i}"), t))
        .collect();
    if let Ok(report) = compare(&raws, &CompareConfig::default()) {
        assert_every_sentence_once(&report);
    }
    Ok(())
}

fn check_any_bytes(bytes: &[u8], html: bool) -> Result<(), TestCaseError> {
    let v = RawVersion {
        id: "x".into(),
        outlet: None,
        source: "x".into(),
        bytes: bytes.to_vec(),
        format: if html {
            TextFormat::Html
        } else {
            TextFormat::Text
        },
    };
    let other = raw(
        "y",
        "Floods hit the north\n\nRain forced thousands from their homes.",
    );
    if let Ok(report) = compare(&[v, other], &CompareConfig::default()) {
        assert_every_sentence_once(&report);
    }
    Ok(())
}

proptest! {
    #[test]
    fn segmentation_loses_no_character(text in messy_text()) {
        check_segmentation(&text)?;
    }

    #[test]
    fn diff_ops_rebuild_both_sides(a in messy_text(), b in messy_text()) {
        check_diff(&a, &b)?;
    }

    #[test]
    fn every_sentence_lands_in_exactly_one_row(texts in prop::collection::vec(version_text(), 2..5)) {
        check_compare(&texts)?;
    }

    #[test]
    fn no_text_makes_the_pipeline_panic(texts in prop::collection::vec(messy_text(), 2..4)) {
        check_compare(&texts)?;
    }

    #[test]
    fn no_bytes_make_ingest_panic(bytes in prop::collection::vec(any::<u8>(), 0..300), html in any::<bool>()) {
        check_any_bytes(&bytes, html)?;
    }
}

fn fuzz_config() -> ProptestConfig {
    let cases = std::env::var("WIREDIFF_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(fuzz_config())]

    #[test]
    #[ignore = "long fuzz run; .ci/run runs it for a bounded time"]
    fn fuzz_segmentation_and_diff(a in messy_text(), b in messy_text()) {
        check_segmentation(&a)?;
        check_diff(&a, &b)?;
    }

    #[test]
    #[ignore = "long fuzz run; .ci/run runs it for a bounded time"]
    fn fuzz_pipeline(texts in prop::collection::vec(prop_oneof![version_text(), messy_text()], 2..6)) {
        check_compare(&texts)?;
    }

    #[test]
    #[ignore = "long fuzz run; .ci/run runs it for a bounded time"]
    fn fuzz_ingest_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000), html in any::<bool>()) {
        check_any_bytes(&bytes, html)?;
    }
}
