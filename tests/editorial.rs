//! Table tests of `editorial::flag` on wire-style sentences written for these tests.

use std::ops::Range;

use wirediff::classify::{Lexicon, editorial};

/// Protects what a speaker owns, the way attribution would: text inside double quotation
/// marks, and the rest of the clause after a view or report cue ("sees", "linked", "said that").
fn protect(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut open = None;
    for (i, c) in chars.iter().enumerate() {
        if matches!(c, '"' | '\u{201c}' | '\u{201d}') {
            match open.take() {
                None => open = Some(i),
                Some(s) => out.push(s..i + 1),
            }
        }
    }
    for cue in [" sees ", " linked ", " said that ", " views ", " accused "] {
        if let Some(b) = text.find(cue) {
            let start = text[..b + cue.len()].chars().count();
            let end = chars[start..]
                .iter()
                .position(|&c| c == '.')
                .map_or(chars.len(), |p| start + p);
            out.push(start..end);
        }
    }
    out
}

fn flags(text: &str) -> Vec<(String, String)> {
    editorial::flag(text, &protect(text), &Lexicon::builtin())
        .into_iter()
        .map(|f| (f.category, f.text))
        .collect()
}

#[test]
fn plain_wire_copy_is_not_flagged() {
    let plain = [
        "Rebel fighters seized the town of Qalat on Tuesday after two days of clashes.",
        "Government forces shelled the northern outskirts, killing at least 14 people, a monitor said.",
        "Jihadists of the Islamic State group (IS) withdrew from the area overnight.",
        "The militants, backed by Iran, fired rockets at the border crossing.",
        "A Saudi-backed coalition has been fighting the Huthi rebels since 2015.",
        "Turkish-backed rebel fighters advanced on the town of Manbij.",
        "The US-backed Syrian Democratic Forces are led by a Kurdish militia.",
        "The conflict has killed more than 300,000 people and displaced half the population.",
        "The war has dragged on for five years with no end in sight.",
        "The group claimed responsibility for the bombing in a statement on Telegram.",
        "Three people were admitted to hospital with burns.",
        "The European Union extended its sanctions regime against Minsk for another year.",
        "A counter-terrorism unit raided the flat before dawn.",
        "Ministers met in Vienna in a bid to revive the nuclear deal.",
        "The Security Council met at the request of France to discuss the crisis.",
        "A deadly car bomb that killed 12 people struck the market on Sunday.",
        "The militia seized control of the airport in a surprise offensive.",
        "Talks resumed in Geneva on Monday after a three-week pause.",
        "Smoke rose as the warehouse was engulfed in flames.",
        "Crowds gathered in Martyrs Square to mark the anniversary.",
        "The two countries co-chair a UN-backed taskforce on humanitarian access.",
        "He was charged with terrorism offences and remanded in custody.",
    ];
    for text in plain {
        assert_eq!(flags(text), Vec::<(String, String)>::new(), "{text}");
    }
}

#[test]
fn loaded_wording_in_the_narrators_voice_is_flagged() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "Warplanes pounded terrorist positions near the border overnight.",
            &[("loaded_label", "terrorist")],
        ),
        (
            "Daesh fighters pulled back from the village.",
            &[("pejorative_name", "Daesh")],
        ),
        (
            "The regime's tanks rolled into the suburb at dawn.",
            &[("loaded_label", "regime's")],
        ),
        (
            "The minister claimed the vote had been free and fair.",
            &[("report_verb", "claimed")],
        ),
        (
            "Police broke up the march in a brutal operation.",
            &[("intensifier", "brutal")],
        ),
        (
            "The region became engulfed in violence after the vote.",
            &[("causal_framing", "engulfed in violence")],
        ),
        (
            "The so-called caliphate collapsed in 2019.",
            &[("presupposition", "so-called")],
        ),
        (
            "The town is held by Western-backed terrorists, the main road is cut.",
            &[
                ("causal_framing", "Western-backed terrorists"),
                ("loaded_label", "terrorists"),
            ],
        ),
        (
            "Bombers have struck the valley since March at the request of the local government.",
            &[("causal_framing", "at the request of the local government")],
        ),
        (
            "The insurgency broke out in 2004 when the army launched a brutal crackdown on a mosque.",
            &[
                (
                    "causal_framing",
                    "when the army launched a brutal crackdown on a mosque",
                ),
                ("intensifier", "brutal"),
            ],
        ),
        (
            "Militias shelled the convoy in a bid to sabotage the truce.",
            &[("causal_framing", "in a bid to sabotage")],
        ),
        (
            "The province has suffered a deadly campaign of reprisals.",
            &[("intensifier", "deadly")],
        ),
        (
            "The ruling party won the 'election' with 99 percent.",
            &[("scare_quote", "'election'")],
        ),
        (
            "The army unleashed a fierce crackdown on the students.",
            &[("unattributed_evaluation", "unleashed a fierce crackdown")],
        ),
        (
            "Regrettably, the crossing stayed shut.",
            &[("unattributed_evaluation", "Regrettably")],
        ),
    ];
    for (text, want) in cases {
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(c, t)| (c.to_string(), t.to_string()))
            .collect();
        assert_eq!(flags(text), want, "{text}");
    }
}

#[test]
fn words_that_belong_to_a_speaker_are_not_flagged() {
    let cases = [
        "Ankara sees the armed group as terrorists bent on secession.",
        "\"These terrorists will be crushed,\" the minister told parliament.",
        "The interior ministry said that the regime in the north had collapsed.",
        "Washington has designated the movement a terrorist organisation.",
        "Officials described the strike as \"heinous\" and vowed to respond.",
        "Peace in Reach, Says 'Hopeful' Envoy: Lavrov",
        "Moscow views the group as Daesh terrorists and says so often.",
    ];
    for text in cases {
        assert_eq!(flags(text), Vec::<(String, String)>::new(), "{text}");
    }
}

#[test]
fn offsets_are_chars_and_match_the_text() {
    let text = "À Idleb, « les » Daesh fighters — and terrorist cells — moved.";
    let chars: Vec<char> = text.chars().collect();
    let flags = editorial::flag(text, &[], &Lexicon::builtin());
    assert!(flags.len() >= 2);
    for f in flags {
        let got: String = chars[f.start..f.end].iter().collect();
        assert_eq!(got, f.text);
        assert!(!f.why.is_empty());
        assert_eq!(f.lexicon, "builtin");
    }
}

#[test]
fn deadly_without_a_count_says_why() {
    let f = editorial::flag(
        "The city was hit by a deadly wave of strikes.",
        &[],
        &Lexicon::builtin(),
    );
    assert_eq!(f.len(), 1);
    assert!(f[0].why.contains("No figure"), "{}", f[0].why);
}

#[test]
fn never_panics_on_odd_input() {
    let lex = Lexicon::builtin();
    for text in [
        "",
        "\"",
        "'",
        "« »",
        "terrorist",
        "‘’“”",
        "regime-",
        "-regime",
        "war erupted after",
        "\u{0}\u{ffff}Daesh",
    ] {
        // A range past the end and an inverted one, as a buggy caller might pass.
        #[allow(clippy::reversed_empty_ranges, reason = "testing a malformed range")]
        let odd = [0..100, 5..2];
        let _ = editorial::flag(text, &odd, &lex);
        let _ = editorial::flag(text, &[], &lex);
    }
}

/// Sanity measurement on the dev story (not a tuning target): sentence-level editorialized
/// precision and recall of `flag` alone, with the quote/cue protection above standing in for
/// attribution. Reads ../shared at test time; run with `cargo test --test editorial -- --ignored`.
#[test]
#[ignore = "reads the shared corpus outside the repository"]
fn measure_on_dev_story_gold() {
    let path = "../shared/corpus/kerry-lavrov-geneva-2016/gold.json";
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("{path} not found; skipped");
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(&text).expect("gold parses");
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (version, sentences) in gold["sentences"].as_object().expect("sentences") {
        for s in sentences.as_array().expect("array") {
            let text = s["text"].as_str().unwrap_or("");
            let want = s["editorialized"].as_bool().unwrap_or(false);
            let got = flags(text);
            match (want, !got.is_empty()) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                _ => {}
            }
            if want || !got.is_empty() {
                eprintln!("{version} want={want} got={got:?}\n    {text}");
            }
        }
    }
    eprintln!("editorialized: tp={tp} fp={fp} fn={fn_}");
}

/// Sanity measurement on the Wiki Neutrality Corpus sample (Pryzant et al. 2020; Wikipedia
/// text, CC BY-SA, read at test time and never copied here): how often `flag` fires on the
/// biased sentence of a pair versus its neutralised edit. Not wire copy, so only a rough check
/// that flags track bias. Run with `cargo test --test editorial -- --ignored --nocapture`.
#[test]
#[ignore = "reads the shared data outside the repository"]
fn measure_on_wnc_sample() {
    let dir = "../shared/data/wnc-sample-pryzant2020";
    let (Ok(pre), Ok(post)) = (
        std::fs::read_to_string(format!("{dir}/pre.train")),
        std::fs::read_to_string(format!("{dir}/post.train")),
    ) else {
        eprintln!("{dir} not found; skipped");
        return;
    };
    let lex = Lexicon::builtin();
    let (mut pre_hits, mut post_hits, mut removed, mut n) = (0, 0, 0, 0);
    for (a, b) in pre.lines().zip(post.lines()) {
        n += 1;
        let fa = editorial::flag(a, &[], &lex).len();
        let fb = editorial::flag(b, &[], &lex).len();
        pre_hits += usize::from(fa > 0);
        post_hits += usize::from(fb > 0);
        removed += usize::from(fa > fb);
        if std::env::var_os("WNC_SHOW").is_some() {
            for f in editorial::flag(b, &[], &lex) {
                eprintln!("post: {} {}", f.category, f.text.to_lowercase());
            }
        }
    }
    eprintln!(
        "WNC pairs={n}: flagged biased={pre_hits}, flagged neutralised={post_hits}, edit removed a flag={removed}"
    );
}
