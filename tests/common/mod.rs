//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test file uses a different subset")]

use wirediff::ingest::RawVersion;
use wirediff::report::Report;

/// A version from text.
pub fn raw(id: &str, text: &str) -> RawVersion {
    RawVersion::from_text(id, text)
}

/// The dev story's two versions.
pub fn kerry() -> Vec<RawVersion> {
    vec![
        raw(
            "afp",
            include_str!("../../examples/kerry-lavrov-geneva-2016/afp.txt"),
        ),
        raw(
            "tasnim",
            include_str!("../../examples/kerry-lavrov-geneva-2016/tasnim.txt"),
        ),
    ]
}

/// The synthetic italy-floods story (wire, daily, portal).
pub fn italy() -> Vec<RawVersion> {
    vec![
        raw(
            "wire",
            include_str!("../fixtures/story_italy_floods/wire.txt"),
        ),
        raw(
            "daily",
            include_str!("../fixtures/story_italy_floods/daily.txt"),
        ),
        raw(
            "portal",
            include_str!("../fixtures/story_italy_floods/portal.txt"),
        ),
    ]
}

/// Asserts that every sentence of every version sits in exactly one row cell, and that row
/// ids and sentence indices are consistent.
pub fn assert_every_sentence_once(report: &Report) {
    for v in &report.versions {
        let mut seen = vec![0usize; v.sentences.len()];
        for row in &report.rows {
            for cell in row.cells.iter().filter(|c| *c.version == *v.id) {
                for &i in &cell.sentences {
                    assert!(i < seen.len(), "{}: sentence {i} out of range", v.id);
                    seen[i] += 1;
                }
            }
        }
        for (i, n) in seen.iter().enumerate() {
            assert_eq!(
                *n, 1,
                "{}: sentence {i} ({:?}) is in {n} rows",
                v.id, v.sentences[i].text
            );
        }
        for (i, s) in v.sentences.iter().enumerate() {
            assert_eq!(s.index, i);
        }
    }
    for (i, row) in report.rows.iter().enumerate() {
        assert_eq!(row.id, i);
        assert_eq!(&*row.cells[0].version, report.base);
    }
}
