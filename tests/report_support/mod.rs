//! Reports for the printer tests: the dev story run through the whole pipeline, and a small
//! hand-made report (our own wire-style sentences) with editorial flags, attributions and
//! reworded, moved, split, added, dropped and identical cells, so every printer path runs
//! whatever the classifier currently says.

#![allow(dead_code, reason = "each test file uses part of the support module")]

use wirediff::ingest::{RawVersion, TextFormat};
use wirediff::report::*;
use wirediff::{CompareConfig, compare};

/// The dev story's two versions, compared with AFP as the base.
pub fn example_report() -> Report {
    let raw = |id: &str, outlet: &str, text: &str| RawVersion {
        id: id.to_string(),
        outlet: Some(outlet.to_string()),
        source: format!("examples/kerry-lavrov-geneva-2016/{id}.txt"),
        bytes: text.as_bytes().to_vec(),
        format: TextFormat::Text,
    };
    let raws = [
        raw(
            "afp",
            "AFP (reconstructed)",
            include_str!("../../examples/kerry-lavrov-geneva-2016/afp.txt"),
        ),
        raw(
            "tasnim",
            "Tasnim News Agency",
            include_str!("../../examples/kerry-lavrov-geneva-2016/tasnim.txt"),
        ),
    ];
    let config = CompareConfig {
        base: Some("afp".to_string()),
        ..CompareConfig::default()
    };
    compare(&raws, &config).expect("the dev story compares")
}

fn labels(sourced: bool, attributed: bool, editorialized: bool) -> Labels {
    Labels {
        sourced,
        attributed,
        editorialized,
    }
}

fn sentence(
    index: usize,
    text: &str,
    labels: Labels,
    attributions: Vec<Attribution>,
    editorial: Vec<EditorialFlag>,
) -> SentenceReport {
    SentenceReport {
        index,
        paragraph: index + 1,
        text: text.to_string(),
        labels,
        primary: labels.primary(),
        attributions: attributions.into(),
        editorial: editorial.into(),
        notes: Default::default(),
    }
}

/// An editorial flag on `word`, found in `text`.
fn flag(text: &str, word: &str, category: &str, neutral: &str, why: &str) -> EditorialFlag {
    let byte = text
        .find(word)
        .expect("the flagged word is in the sentence");
    let start = text[..byte].chars().count();
    EditorialFlag {
        text: word.to_string(),
        start,
        end: start + word.chars().count(),
        category: category.to_string(),
        neutral: Some(neutral.to_string()),
        why: why.to_string(),
        lexicon: "builtin".to_string(),
    }
}

fn source(text: &str, source: &str) -> Attribution {
    Attribution {
        kind: AttributionKind::Source,
        speaker: None,
        cue: Some("said".to_string()),
        source: Some(source.to_string()),
        content: Some(Span {
            start: 0,
            end: text.chars().count(),
            text: text.to_string(),
        }),
    }
}

fn speaker(who: &str, cue: &str) -> Attribution {
    Attribution {
        kind: AttributionKind::Indirect,
        speaker: Some(who.to_string()),
        cue: Some(cue.to_string()),
        source: None,
        content: None,
    }
}

fn op(kind: OpKind, base: Option<&str>, other: Option<&str>) -> DiffOp {
    DiffOp {
        op: kind,
        base: base.map(str::to_string),
        other: other.map(str::to_string),
    }
}

fn cell(version: &str, sentences: &[usize], status: Status) -> Cell {
    Cell {
        version: version.into(),
        sentences: sentences.into(),
        status,
        moved: false,
        similarity: match status {
            Status::Identical => Some(1.0),
            Status::Reworded | Status::Split | Status::Merged => Some(0.7),
            _ => None,
        },
        diff: Default::default(),
    }
}

fn version(id: &str, outlet: &str, sentences: Vec<SentenceReport>) -> VersionReport {
    VersionReport {
        id: id.to_string(),
        outlet: outlet.to_string(),
        source: format!("{id}.txt"),
        title: None,
        dateline: None,
        removed_boilerplate: Vec::new(),
        sentences,
    }
}

const W0: &str = "Rebels seized the northern town of Qasr on Sunday, a monitor said.";
const W1: &str =
    "The fighting forced thousands of families to flee, according to the United Nations.";
const W2: &str = "Officials said talks would resume next week.";
const W3: &str = "The army did not comment.";
const D0: &str = "Terrorists seized the northern town of Qasr on Sunday.";
const D1: &str = "Officials claimed talks would resume next week.";
const D2: &str = "The fighting forced thousands of families to flee.";
const D3: &str = "They fled to camps.";
const G3: &str = "The town had been under siege for months.";

/// Three versions: `wire` (the base), `daily` (loaded wording, an attribution dropped, one
/// sentence split and one told earlier) and `gazette` (one sentence dropped, one added).
pub fn handmade_report() -> Report {
    let wire = version(
        "wire",
        "Wire Agency",
        vec![
            sentence(
                0,
                W0,
                labels(true, false, false),
                vec![source(W0, "a monitor")],
                vec![],
            ),
            sentence(
                1,
                W1,
                labels(true, false, false),
                vec![source(W1, "the United Nations")],
                vec![],
            ),
            sentence(
                2,
                W2,
                labels(false, true, false),
                vec![speaker("Officials", "said")],
                vec![],
            ),
            sentence(3, W3, labels(false, false, false), vec![], vec![]),
        ],
    );
    let daily = version(
        "daily",
        "The Daily Courier",
        vec![
            sentence(
                0,
                D0,
                labels(false, false, true),
                vec![],
                vec![flag(
                    D0,
                    "Terrorists",
                    "loaded_label",
                    "Rebels",
                    "Calling an armed group terrorists in the outlet's own voice passes judgement on it.",
                )],
            ),
            sentence(
                1,
                D1,
                labels(false, true, true),
                vec![speaker("Officials", "claimed")],
                vec![flag(
                    D1,
                    "claimed",
                    "report_verb",
                    "said",
                    "\"Claimed\" hints that the speaker may not be telling the truth, where \"said\" reports it plainly.",
                )],
            ),
            sentence(2, D2, labels(false, false, false), vec![], vec![]),
            sentence(3, D3, labels(false, false, false), vec![], vec![]),
            sentence(4, W3, labels(false, false, false), vec![], vec![]),
        ],
    );
    let gazette = version(
        "gazette",
        "Gazette",
        vec![
            sentence(
                0,
                W0,
                labels(true, false, false),
                vec![source(W0, "a monitor")],
                vec![],
            ),
            sentence(
                1,
                W2,
                labels(false, true, false),
                vec![speaker("Officials", "said")],
                vec![],
            ),
            sentence(2, G3, labels(false, false, false), vec![], vec![]),
            sentence(3, W3, labels(false, false, false), vec![], vec![]),
        ],
    );

    use OpKind::*;
    let mut d0 = cell("daily", &[0], Status::Reworded);
    d0.diff = vec![
        op(Replace, Some("Rebels"), Some("Terrorists")),
        op(
            Equal,
            Some("seized the northern town of Qasr on Sunday"),
            Some("seized the northern town of Qasr on Sunday"),
        ),
        op(Delete, Some(", a monitor said"), None),
        op(Equal, Some("."), Some(".")),
    ]
    .into();
    let mut g0 = cell("gazette", &[0], Status::Identical);
    g0.diff = vec![op(Equal, Some(W0), Some(W0))].into();
    let mut d1 = cell("daily", &[2, 3], Status::Split);
    d1.diff = vec![
        op(
            Equal,
            Some("The fighting forced thousands of families to flee"),
            Some("The fighting forced thousands of families to flee"),
        ),
        op(Delete, Some(", according to the United Nations"), None),
        op(Equal, Some("."), Some(".")),
        op(Insert, None, Some("They fled to camps.")),
    ]
    .into();
    let g1 = cell("gazette", &[], Status::Dropped);
    let mut d2 = cell("daily", &[1], Status::Reworded);
    d2.moved = true;
    d2.diff = vec![
        op(Equal, Some("Officials"), Some("Officials")),
        op(Replace, Some("said"), Some("claimed")),
        op(
            Equal,
            Some("talks would resume next week."),
            Some("talks would resume next week."),
        ),
    ]
    .into();
    let mut g2 = cell("gazette", &[1], Status::Identical);
    g2.diff = vec![op(Equal, Some(W2), Some(W2))].into();
    let mut d4 = cell("daily", &[4], Status::Identical);
    d4.diff = vec![op(Equal, Some(W3), Some(W3))].into();
    let mut g4 = cell("gazette", &[3], Status::Identical);
    g4.diff = d4.diff.clone();

    let rows = vec![
        Row {
            id: 0,
            cells: vec![cell("wire", &[0], Status::Base), d0, g0],
        },
        Row {
            id: 1,
            cells: vec![cell("wire", &[1], Status::Base), d1, g1],
        },
        Row {
            id: 2,
            cells: vec![cell("wire", &[2], Status::Base), d2, g2],
        },
        Row {
            id: 3,
            cells: vec![
                cell("wire", &[], Status::Base),
                cell("gazette", &[2], Status::Added),
            ],
        },
        Row {
            id: 4,
            cells: vec![cell("wire", &[3], Status::Base), d4, g4],
        },
    ];
    let sub = |row, base: &str, other: &str, category: &str, why: &str| Substitution {
        version: "daily".into(),
        row,
        base: base.to_string(),
        other: other.to_string(),
        categories: vec![category.to_string()],
        editorial: true,
        why: why.to_string(),
    };
    let substitutions = vec![
        sub(
            0,
            "Rebels",
            "Terrorists",
            "loaded_label",
            "The armed group is now called terrorists in the outlet's own voice.",
        ),
        sub(
            0,
            ", a monitor said",
            "",
            "attribution_dropped",
            "The claim loses its source and reads as established fact.",
        ),
        sub(
            1,
            ", according to the United Nations",
            "",
            "attribution_dropped",
            "The figure loses its source.",
        ),
        sub(
            2,
            "said",
            "claimed",
            "report_verb",
            "The report verb now casts doubt on the speaker.",
        ),
    ];
    let summary = |version: &str, counts: [usize; 9]| Summary {
        version: version.to_string(),
        sentences: counts[0],
        identical: counts[1],
        reworded: counts[2],
        added: counts[3],
        dropped: counts[4],
        moved: counts[5],
        sourced: counts[6],
        attributed: counts[7],
        editorialized: counts[8],
    };
    Report {
        schema: SCHEMA.to_string(),
        tool: Tool {
            name: "wirediff".to_string(),
            version: "0.0.0-test".to_string(),
        },
        base: "wire".to_string(),
        base_reason: BaseReason::Given,
        versions: vec![wire, daily, gazette],
        rows,
        substitutions,
        summary: vec![
            summary("wire", [4, 0, 0, 0, 0, 0, 2, 1, 0]),
            summary("daily", [5, 1, 4, 0, 0, 1, 0, 1, 2]),
            summary("gazette", [4, 3, 0, 1, 1, 0, 1, 1, 0]),
        ],
        warnings: vec![Warning {
            version: Some("gazette".to_string()),
            kind: "truncated".to_string(),
            message: "gazette leaves out a base sentence in the middle of the story.".to_string(),
        }],
    }
}

/// The hand-made report with the text of `daily`'s first sentence (and its diff) replaced by
/// `text`, for tests of hostile input.
pub fn with_hostile_text(text: &str) -> Report {
    let mut r = handmade_report();
    let daily = &mut r.versions[1];
    daily.sentences[0].text = text.to_string();
    daily.sentences[0].editorial = Default::default();
    r.rows[0].cells[1].diff = vec![
        op(OpKind::Delete, Some(W0), None),
        op(OpKind::Insert, None, Some(text)),
    ]
    .into();
    r.versions[2].outlet = text.to_string();
    r.substitutions[0].other = text.to_string();
    r
}

/// Renders `report` to a string.
pub fn render_to_string(report: &Report, format: Format, options: &RenderOptions) -> String {
    let mut out = Vec::new();
    render(report, format, options, &mut out).expect("rendering to memory succeeds");
    String::from_utf8(out).expect("printers write UTF-8")
}
