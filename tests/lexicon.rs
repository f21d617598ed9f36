//! Every builtin lexicon entry is complete, and user lexicons layer over it.

use wirediff::classify::Lexicon;
use wirediff::classify::lexicon::{BUILTIN_TOML, NEUTRAL_REQUIRED};

#[test]
fn every_builtin_entry_has_category_why_basis_and_neutral() {
    let lex = Lexicon::from_toml(BUILTIN_TOML, "builtin").expect("builtin lexicon parses");
    assert!(lex.entries().len() >= 40);
    for e in lex.entries() {
        assert!(
            lex.knows_category(&e.category),
            "{}: {}",
            e.term,
            e.category
        );
        assert!(
            e.why.trim().ends_with('.'),
            "{}: why must be a sentence",
            e.term
        );
        assert!(!e.basis.trim().is_empty(), "{}: no basis", e.term);
        assert!(!e.forms.is_empty(), "{}: no forms", e.term);
        if NEUTRAL_REQUIRED.contains(&e.category.as_str()) {
            assert!(!e.neutral.is_empty(), "{}: no neutral alternative", e.term);
        }
        assert_eq!(e.lexicon, "builtin");
    }
    for s in lex.scales() {
        assert!(s.levels.len() >= 2, "scale {} needs two levels", s.name);
    }
}

#[test]
fn every_builtin_form_is_found_in_a_plain_lower_case_sentence() {
    // Each form must match itself (in the middle of a sentence) unless its own exceptions
    // forbid it: this catches typos and forms the boundary rules can never match.
    let lex = Lexicon::builtin();
    for e in lex.entries() {
        for form in &e.forms {
            let text = format!("we read {form} here today");
            let hit = lex.find(&text);
            let blocked =
                e.not_before.iter().any(|w| w == "here") || e.not_after.iter().any(|w| w == "read");
            assert!(
                blocked || !hit.is_empty(),
                "form {form:?} of {:?} never matches",
                e.term
            );
        }
    }
}

#[test]
fn a_user_entry_replaces_the_builtin_one() {
    let user = Lexicon::from_toml(
        "[[entry]]\nterm = \"militant\"\nforms = [\"militants\"]\ncategory = \"loaded_label\"\nneutral = [\"fighters\"]\nwhy = \"House style says fighters.\"\n",
        "house.toml",
    )
    .expect("parses");
    let merged = Lexicon::builtin().merge(user);
    let hits = merged.find("Militants and terrorists were seen.");
    let fired: Vec<&str> = hits
        .iter()
        .map(|h| merged.entry(h.entry).lexicon.as_str())
        .collect();
    assert_eq!(fired, ["house.toml", "builtin"]);
}
