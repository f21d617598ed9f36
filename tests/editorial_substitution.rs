//! Table tests of `substitution::categorize` on changes written in wire style for these tests.

use wirediff::classify::Lexicon;
use wirediff::classify::substitution::{Change, Verdict, categorize};

struct Case {
    base: &'static str,
    other: &'static str,
    base_cell: &'static str,
    other_cell: &'static str,
    attributed: (bool, bool),
    categories: &'static [&'static str],
    editorial: bool,
}

fn run(c: &Case) -> Verdict {
    categorize(
        &Change {
            base: c.base,
            other: c.other,
            base_cell: c.base_cell,
            other_cell: c.other_cell,
            base_attributed: c.attributed.0,
            other_attributed: c.attributed.1,
        },
        &Lexicon::builtin(),
    )
}

#[test]
fn categorizes_changes() {
    let cases = [
        Case {
            base: "said",
            other: "claimed",
            base_cell: "The minister said the border would reopen.",
            other_cell: "The minister claimed the border would reopen.",
            attributed: (true, true),
            categories: &["report_verb"],
            editorial: true,
        },
        Case {
            base: "rebels",
            other: "militants",
            base_cell: "Rebels held the ridge overnight.",
            other_cell: "Militants held the ridge overnight.",
            attributed: (false, false),
            categories: &["loaded_label"],
            editorial: true,
        },
        Case {
            base: "rebel fighters",
            other: "terrorists",
            base_cell: "Army shells hit rebel fighters near the dam.",
            other_cell: "Army shells hit terrorists near the dam.",
            attributed: (false, false),
            categories: &["loaded_label"],
            editorial: true,
        },
        Case {
            base: "militants",
            other: "rebels",
            base_cell: "Militants fired on the post.",
            other_cell: "Rebels fired on the post.",
            attributed: (false, false),
            categories: &["loaded_label"],
            editorial: false,
        },
        Case {
            base: "government",
            other: "regime",
            base_cell: "The government cut the internet.",
            other_cell: "The regime cut the internet.",
            attributed: (false, false),
            categories: &["loaded_label"],
            editorial: true,
        },
        Case {
            base: "Islamic State",
            other: "Daesh",
            base_cell: "Islamic State lost its last village.",
            other_cell: "Daesh lost its last village.",
            attributed: (false, false),
            categories: &["pejorative_name", "naming"],
            editorial: true,
        },
        Case {
            base: "Islamic State",
            other: "ISIL",
            base_cell: "Islamic State lost its last village.",
            other_cell: "ISIL lost its last village.",
            attributed: (false, false),
            categories: &["naming"],
            editorial: false,
        },
        Case {
            base: "finalised",
            other: "finalized",
            base_cell: "The text must be finalised.",
            other_cell: "The text must be finalized.",
            attributed: (false, false),
            categories: &["neutral"],
            editorial: false,
        },
        Case {
            base: "BEIRUT (AFP",
            other: "DUBAI (Al Arabiya",
            base_cell: "BEIRUT (AFP) - Talks opened.",
            other_cell: "DUBAI (Al Arabiya) - Talks opened.",
            attributed: (false, false),
            categories: &["neutral"],
            editorial: false,
        },
        Case {
            base: "has seized",
            other: "seized",
            base_cell: "The army has seized the pass.",
            other_cell: "The army seized the pass.",
            attributed: (false, false),
            categories: &["neutral"],
            editorial: false,
        },
        Case {
            base: "because the army had blocked the aid convoys for weeks",
            other: "",
            base_cell: "Hunger spread in the enclave because the army had blocked the aid convoys for weeks.",
            other_cell: "Hunger spread in the enclave.",
            attributed: (false, false),
            categories: &["omission"],
            editorial: true,
        },
        Case {
            base: "as the talks entered a third day",
            other: "",
            base_cell: "Delegates met again as the talks entered a third day.",
            other_cell: "Delegates met again.",
            attributed: (false, false),
            categories: &["omission"],
            editorial: false,
        },
        Case {
            base: "",
            other: ", AFP reported",
            base_cell: "The envoy would return to Cairo next week.",
            other_cell: "The envoy would return to Cairo next week, AFP reported.",
            attributed: (false, true),
            categories: &["attribution_added"],
            editorial: false,
        },
        Case {
            base: ", officials said",
            other: "",
            base_cell: "The strike destroyed a weapons depot, officials said.",
            other_cell: "The strike destroyed a weapons depot.",
            attributed: (true, false),
            categories: &["attribution_dropped"],
            editorial: true,
        },
        Case {
            base: "according to the Syrian Observatory for Human Rights",
            other: "",
            base_cell: "Eight civilians died, according to the Syrian Observatory for Human Rights.",
            other_cell: "Eight civilians died.",
            attributed: (true, false),
            categories: &["attribution_dropped"],
            editorial: true,
        },
        Case {
            base: "after security forces fired on a peaceful march",
            other: "when armed gangs stormed police stations",
            base_cell: "The unrest, which began in March after security forces fired on a peaceful march, spread.",
            other_cell: "The unrest, which began in March when armed gangs stormed police stations, spread.",
            attributed: (false, false),
            categories: &["loaded_label", "causal_framing"],
            editorial: true,
        },
        Case {
            base: "attack",
            other: "heinous attack",
            base_cell: "The attack hit a bus.",
            other_cell: "The heinous attack hit a bus.",
            attributed: (false, false),
            categories: &["intensifier"],
            editorial: true,
        },
        Case {
            base: "brutal assault",
            other: "assault",
            base_cell: "The brutal assault lasted hours.",
            other_cell: "The assault lasted hours.",
            attributed: (false, false),
            categories: &["intensifier"],
            editorial: false,
        },
        Case {
            base: "Tuesday",
            other: "Wednesday",
            base_cell: "Talks resume on Tuesday.",
            other_cell: "Talks resume on Wednesday.",
            attributed: (false, false),
            categories: &["neutral"],
            editorial: false,
        },
    ];
    for c in &cases {
        let v = run(c);
        assert_eq!(
            (v.categories.as_slice(), v.editorial),
            (
                c.categories
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .as_slice(),
                c.editorial
            ),
            "{:?} -> {:?}: {}",
            c.base,
            c.other,
            v.why
        );
        assert!(
            v.why.ends_with('.') || v.why.ends_with('\u{2026}'),
            "{}",
            v.why
        );
        assert!(!v.why.is_empty());
    }
}

#[test]
fn report_verb_why_names_the_speaker() {
    let v = run(&Case {
        base: "linked",
        other: "claimed",
        base_cell: "Ngozi linked the shortage to the strike.",
        other_cell: "Ngozi claimed the shortage was linked to the strike.",
        attributed: (true, true),
        categories: &[],
        editorial: true,
    });
    assert_eq!(v.categories, ["report_verb"]);
    assert!(
        v.why.contains("Ngozi's") && v.why.contains("'linked'"),
        "{}",
        v.why
    );
}

#[test]
fn a_neutral_change_is_never_editorial() {
    for (b, o) in [
        ("colour", "color"),
        ("US", "U.S."),
        ("Kiev", "Kyiv"),
        ("", "in the north of the country"),
    ] {
        let v = run(&Case {
            base: b,
            other: o,
            base_cell: b,
            other_cell: o,
            attributed: (false, false),
            categories: &[],
            editorial: false,
        });
        assert!(!v.editorial, "{b} -> {o}: {v:?}");
    }
}
