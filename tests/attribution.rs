//! Attribution on wire-style sentences written for these tests (AFP, AP, Reuters and Xinhua
//! styles), and on the gold of the development story.

use wirediff::classify::attribution::{SentenceAttributions, analyze};
use wirediff::report::model::AttributionKind;
use wirediff::segment::{Sentence, split_sentences};

/// Analyses paragraphs (each split into sentences) and returns one result per sentence.
fn run(paragraphs: &[&str]) -> Vec<(String, SentenceAttributions)> {
    let sentences: Vec<Sentence> = paragraphs
        .iter()
        .enumerate()
        .flat_map(|(p, text)| {
            split_sentences(text).into_iter().map(move |s| Sentence {
                text: s.to_string(),
                paragraph: p + 1,
            })
        })
        .collect();
    let found = analyze(&sentences);
    sentences
        .into_iter()
        .map(|s| s.text)
        .zip(found.sentences)
        .collect()
}

/// One sentence alone, in a body paragraph.
fn one(text: &str) -> SentenceAttributions {
    let mut all = run(&[text]);
    assert_eq!(
        all.len(),
        1,
        "the test sentence must be one sentence: {text}"
    );
    all.remove(0).1
}

fn speakers(sa: &SentenceAttributions) -> Vec<String> {
    sa.attributions
        .iter()
        .filter(|a| a.kind != AttributionKind::Source)
        .filter_map(|a| a.speaker.clone())
        .collect()
}

fn sources(sa: &SentenceAttributions) -> Vec<String> {
    sa.attributions
        .iter()
        .filter(|a| a.kind == AttributionKind::Source)
        .filter_map(|a| a.source.clone())
        .collect()
}

/// (sentence, sourced, attributed, a speaker that must be found, a source that must be found)
type Case = (
    &'static str,
    bool,
    bool,
    Option<&'static str>,
    Option<&'static str>,
);

fn check(cases: &[Case]) {
    let mut failures = Vec::new();
    for &(text, sourced, attributed, speaker, source) in cases {
        let sa = one(text);
        let sp = speakers(&sa);
        let so = sources(&sa);
        let ok = sa.sourced == sourced
            && sa.attributed == attributed
            && speaker.is_none_or(|w| sp.iter().any(|s| s == w))
            && source.is_none_or(|w| so.iter().any(|s| s == w));
        if !ok {
            failures.push(format!(
                "{text}\n   got sourced={} attributed={} speakers={sp:?} sources={so:?}",
                sa.sourced, sa.attributed
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn reported_speech_speaker_before_cue() {
    check(&[
        (
            "The foreign minister said the talks would resume next week.",
            false,
            true,
            Some("The foreign minister"),
            None,
        ),
        (
            "Merkel told lawmakers that Europe could not close its doors.",
            false,
            true,
            Some("Merkel"),
            None,
        ),
        (
            "Russian Foreign Minister Sergei Lavrov has said Moscow will not back down.",
            false,
            true,
            Some("Russian Foreign Minister Sergei Lavrov"),
            None,
        ),
        (
            "The ministry warned that prices could rise further in the winter.",
            false,
            true,
            Some("The ministry"),
            None,
        ),
        (
            "Pakistan's army chief vowed to hunt down the attackers.",
            false,
            true,
            Some("Pakistan's army chief"),
            None,
        ),
        (
            "Moscow on Tuesday rejected the accusation as groundless.",
            false,
            true,
            Some("Moscow"),
            None,
        ),
        (
            "Erdogan accused the West of standing by while civilians died.",
            false,
            true,
            Some("Erdogan"),
            None,
        ),
        (
            "Witnesses said the convoy was hit twice.",
            false,
            true,
            Some("Witnesses"),
            None,
        ),
        (
            "Israel sees the group as a direct threat to its security.",
            false,
            true,
            Some("Israel"),
            None,
        ),
        (
            "The envoy linked the delay to a dispute over aid routes.",
            false,
            true,
            Some("The envoy"),
            None,
        ),
        (
            "Beijing has repeatedly denied the allegations.",
            false,
            true,
            Some("Beijing"),
            None,
        ),
        (
            "Kerry quipped that he had spent more time with Lavrov than with his own family.",
            false,
            true,
            Some("Kerry"),
            None,
        ),
        (
            "The manager grumbled that the referee had been unfair.",
            false,
            true,
            Some("The manager"),
            None,
        ),
        (
            "Residents complained that power had been cut for days.",
            false,
            true,
            Some("Residents"),
            None,
        ),
        (
            "Police blamed the blast on a faulty gas cylinder.",
            false,
            true,
            Some("Police"),
            None,
        ),
        (
            "The UN refugee agency urged European states to share the burden.",
            false,
            true,
            None,
            None,
        ),
        (
            "She conceded that the plan had flaws.",
            false,
            true,
            None,
            None,
        ),
        (
            "Officials in Kabul stressed that the border would stay open.",
            false,
            true,
            None,
            None,
        ),
    ]);
}

#[test]
fn reported_speech_cue_before_speaker_and_content_before_cue() {
    check(&[
        (
            "The ceasefire is holding in most areas, said Staffan de Mistura.",
            false,
            true,
            Some("Staffan de Mistura"),
            None,
        ),
        (
            "No decision has been taken yet, the top US diplomat said.",
            false,
            true,
            Some("the top US diplomat"),
            None,
        ),
        (
            "The vote will go ahead as planned, Washington's top envoy said on Friday.",
            false,
            true,
            Some("Washington's top envoy"),
            None,
        ),
        (
            "Aid trucks reached the town on Monday, a UN spokesman told reporters in Geneva.",
            false,
            true,
            Some("a UN spokesman"),
            None,
        ),
        (
            "The deal is within reach, says Kerry",
            false,
            true,
            Some("Kerry"),
            None,
        ),
        (
            "Prices will fall next year, added Chinese Premier Li Qiang.",
            false,
            true,
            Some("Chinese Premier Li Qiang"),
            None,
        ),
    ]);
}

#[test]
fn tenses_voices_and_participles() {
    check(&[
        (
            "The minister was quoted as saying the border would reopen.",
            false,
            true,
            Some("The minister"),
            None,
        ),
        (
            "Lavrov has been saying for weeks that the plan cannot work.",
            false,
            true,
            Some("Lavrov"),
            None,
        ),
        (
            "Kerry spoke for an hour, saying the two sides had narrowed their differences.",
            false,
            true,
            Some("Kerry"),
            None,
        ),
        (
            "Kerry stressed that the sides were close, but said details remained.",
            false,
            true,
            Some("Kerry"),
            None,
        ),
        (
            "The general, who spoke on condition of anonymity, said troops were ready.",
            false,
            true,
            Some("The general"),
            None,
        ),
    ]);
}

#[test]
fn sources_agencies_documents_and_according_to() {
    check(&[
        (
            "Three soldiers were killed in the attack, AFP reported.",
            true,
            false,
            None,
            Some("AFP"),
        ),
        (
            "The strike hit a market, according to state media.",
            true,
            false,
            None,
            Some("state media"),
        ),
        (
            "Xinhua news agency reported that rescuers had reached the village.",
            true,
            false,
            None,
            Some("Xinhua news agency"),
        ),
        (
            "The Associated Press reported that the ship had been seized.",
            true,
            false,
            None,
            Some("The Associated Press"),
        ),
        (
            "State television said the president would address the nation.",
            true,
            false,
            None,
            Some("State television"),
        ),
        (
            "A UN investigation found that chlorine had been used.",
            true,
            false,
            None,
            Some("A UN investigation"),
        ),
        (
            "A statement from the army said two soldiers were wounded.",
            true,
            false,
            None,
            None,
        ),
        (
            "Figures released by the ministry showed a sharp rise in cases.",
            true,
            false,
            None,
            None,
        ),
        (
            "The Syrian Observatory for Human Rights said at least 12 civilians died.",
            true,
            false,
            None,
            Some("The Syrian Observatory for Human Rights"),
        ),
        (
            "At least 40 people died, according to the Syrian Observatory for Human Rights.",
            true,
            false,
            None,
            None,
        ),
        (
            "Data from the central bank showed inflation slowing to 3 percent.",
            true,
            false,
            None,
            None,
        ),
        (
            "A report by Amnesty International documented dozens of executions.",
            true,
            false,
            None,
            None,
        ),
        (
            "Rescuers pulled two children from the rubble (AFP).",
            true,
            false,
            None,
            Some("AFP"),
        ),
        (
            "The storm killed 14 people, Reuters said.",
            true,
            false,
            None,
            Some("Reuters"),
        ),
        (
            "According to Kerry, the two sides are close to a deal.",
            true,
            true,
            Some("Kerry"),
            Some("Kerry"),
        ),
    ]);
}

#[test]
fn sourced_and_attributed_together() {
    check(&[
        (
            "Kerry said the two sides were close to a deal, AFP reported.",
            true,
            true,
            Some("Kerry"),
            Some("AFP"),
        ),
        (
            "The ministry said in a statement that the talks had failed.",
            true,
            true,
            Some("The ministry"),
            Some("a statement"),
        ),
        (
            "A senior official told AFP that the offensive would start soon.",
            true,
            true,
            Some("A senior official"),
            Some("AFP"),
        ),
        (
            "Interfax quoted Lavrov as saying that Moscow would respond.",
            true,
            true,
            Some("Lavrov"),
            Some("Interfax"),
        ),
    ]);
}

#[test]
fn plain_narration_is_neither() {
    check(&[
        (
            "Rebels seized the town on Monday.",
            false,
            false,
            None,
            None,
        ),
        (
            "The war has killed more than 300,000 people.",
            false,
            false,
            None,
            None,
        ),
        (
            "Aleppo has emerged as a top concern for negotiators.",
            false,
            false,
            None,
            None,
        ),
        (
            "Moscow and Washington support different sides in the conflict.",
            false,
            false,
            None,
            None,
        ),
        (
            "Kerry is expected to announce the plan next week.",
            false,
            false,
            None,
            None,
        ),
        (
            "Neither side was ready to make an announcement.",
            false,
            false,
            None,
            None,
        ),
        (
            "The floods have displaced thousands of families in the south.",
            false,
            false,
            None,
            None,
        ),
        (
            "Talks are due to resume in Geneva on Thursday.",
            false,
            false,
            None,
            None,
        ),
        (
            "The statement came a day after the attack.",
            false,
            false,
            None,
            None,
        ),
        (
            "Violence threatened to derail the truce.",
            false,
            false,
            None,
            None,
        ),
        (
            "The decision added to tensions between the two allies.",
            false,
            false,
            None,
            None,
        ),
        (
            "The town is said to be surrounded.",
            false,
            false,
            None,
            None,
        ),
        (
            "The president was accused of abusing his power.",
            false,
            false,
            None,
            None,
        ),
        (
            "His warning came as troops massed on the border.",
            false,
            false,
            None,
            None,
        ),
        (
            "Syria's army and the rebels' allies have traded fire for weeks.",
            false,
            false,
            None,
            None,
        ),
        (
            "The grandmother told the story of her escape in a documentary.",
            false,
            false,
            None,
            None,
        ),
        (
            "Oil prices rose sharply on Tuesday.",
            false,
            false,
            None,
            None,
        ),
        ("The company declined to comment.", false, false, None, None),
    ]);
}

#[test]
fn direct_quotations_with_cues() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "\"We will not give up,\" the mayor said.",
            "the mayor",
            "We will not give up",
        ),
        (
            "\u{201c}This is a turning point,\u{201d} said Guterres.",
            "Guterres",
            "This is a turning point",
        ),
        (
            "Lavrov added that \"real progress had been made\", while noting that \"work remains\".",
            "Lavrov",
            "real progress had been made",
        ),
        (
            "\"They call it a 'pause', but the shelling never stopped,\" a resident told AFP.",
            "a resident",
            "They call it a 'pause', but the shelling never stopped",
        ),
    ];
    for (text, speaker, content) in cases {
        let sa = one(text);
        assert!(sa.attributed, "{text}");
        let direct = sa
            .attributions
            .iter()
            .find(|a| a.kind == AttributionKind::Direct)
            .unwrap_or_else(|| panic!("no direct attribution in {text}: {:?}", sa.attributions));
        assert_eq!(direct.speaker.as_deref(), Some(*speaker), "{text}");
        assert_eq!(
            direct.content.as_ref().map(|c| c.text.as_str()),
            Some(*content),
            "{text}"
        );
    }
}

#[test]
fn floating_quotes_and_quotations_over_two_sentences() {
    let got = run(&[
        "\"We are working on those issues,\" the Turkish foreign minister said. \"Nobody wants a deal for the sake of a deal.\"",
        "\"The coming days will tell.\"",
        "Prices rose again in March.",
    ]);
    assert!(got[0].1.attributed);
    let float = &got[1].1;
    assert!(float.attributed, "{:?}", float);
    assert_eq!(
        speakers(float),
        vec!["the Turkish foreign minister".to_string()]
    );
    assert!(
        float.notes.iter().any(|n| n.contains("standing alone")),
        "{:?}",
        float.notes
    );
    // The previous paragraph's speaker still holds.
    assert!(got[2].1.attributed);
    assert!(!got[3].1.attributed);

    // A quotation that opens in one sentence and closes in the next, with the cue at the end.
    let got =
        run(&["\"We will not stop. We will rebuild every house,\" the governor told reporters."]);
    assert_eq!(got.len(), 2);
    assert!(got[0].1.attributed, "{:?}", got[0]);
    assert_eq!(speakers(&got[0].1), vec!["the governor".to_string()]);
    assert!(got[1].1.attributed);

    // An unclosed quotation at a paragraph's end is tolerated; the next paragraph starts fresh.
    let got = run(&[
        "The general said: \"We have retaken the ridge and we will hold it",
        "Shelling resumed at dawn.",
    ]);
    assert!(got[0].1.attributed);
    assert!(!got[1].1.attributed);
    assert!(got[1].1.speaker_ranges.is_empty());
}

#[test]
fn pronouns_take_the_last_named_speaker() {
    let got = run(&[
        "Guterres arrived in Kyiv on Monday.",
        "He said the United Nations would not abandon the city.",
    ]);
    assert!(got[1].1.attributed);
    assert_eq!(speakers(&got[1].1), vec!["Guterres".to_string()]);
    assert!(!got[0].1.attributed);
    // With nobody named before, the pronoun stays as written.
    let sa = one("She said the vote would be postponed.");
    assert_eq!(speakers(&sa), vec!["She".to_string()]);
}

#[test]
fn scare_quotes_and_apostrophes_are_not_speech() {
    for text in [
        "The group declared a 'caliphate' in 2014.",
        "Syria's neighbours don't want another wave of refugees.",
        "The so-called \"moderate\" rebels lost ground.",
    ] {
        let sa = one(text);
        assert!(!sa.attributed, "{text}: {:?}", sa.attributions);
        assert!(
            sa.speaker_ranges.is_empty(),
            "{text}: {:?}",
            sa.speaker_ranges
        );
    }
}

#[test]
fn speaker_ranges_cover_attributed_views() {
    let cases: &[(&str, &str)] = &[
        (
            "Turkey sees the YPG militia as a terror group bent on secession.",
            "the YPG militia as a terror group bent on secession",
        ),
        (
            "Kerry linked the collapse of the truce to the regime's efforts to retake territory.",
            "the regime's efforts",
        ),
        (
            "The rebels are terrorists, the army spokesman said.",
            "The rebels are terrorists",
        ),
        (
            "\"These thugs must be stopped,\" the minister said.",
            "These thugs must be stopped",
        ),
    ];
    for (text, inside) in cases {
        let sa = one(text);
        let chars: Vec<char> = text.chars().collect();
        let at = text
            .find(inside)
            .map(|b| text[..b].chars().count())
            .expect("phrase in text");
        let end = at + inside.chars().count();
        assert!(
            sa.speaker_ranges
                .iter()
                .any(|r| r.start <= at && end <= r.end),
            "{text}: {:?} ({:?})",
            sa.speaker_ranges,
            sa.speaker_ranges
                .iter()
                .map(|r| chars[r.clone()].iter().collect::<String>())
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn headlines_and_datelines() {
    let sentences = [
        Sentence {
            text: "Ceasefire talks make 'real progress': UN envoy".into(),
            paragraph: 0,
        },
        Sentence {
            text: "BEIRUT, Lebanon (AP) \u{2014} Shelling eased overnight in the north.".into(),
            paragraph: 1,
        },
    ];
    let found = analyze(&sentences);
    assert!(found.sentences[0].attributed);
    assert_eq!(found.dateline.as_deref(), Some("BEIRUT, Lebanon (AP)"));
    assert!(
        !found.sentences[1].sourced,
        "a dateline is not a source credit"
    );
    assert!(!found.sentences[1].attributed);

    for (headline, attributed) in [
        ("Russia vows to retaliate - Kremlin", true),
        ("Syria talks stall, says Lavrov", true),
        ("Floods hit southern China: live updates", false),
        ("Rebels seize key town in the north", false),
    ] {
        let found = analyze(&[Sentence {
            text: headline.into(),
            paragraph: 0,
        }]);
        assert_eq!(found.sentences[0].attributed, attributed, "{headline}");
    }

    for (lead, dateline) in [
        (
            "Moscow, Aug 26 (Xinhua) -- Russia said on Friday it would send aid.",
            "Moscow, Aug 26 (Xinhua)",
        ),
        (
            "LONDON (Reuters) - British inflation eased in July, official data showed.",
            "LONDON (Reuters)",
        ),
        (
            "WASHINGTON (AP) \u{2014} The Senate passed the bill late Tuesday.",
            "WASHINGTON (AP)",
        ),
    ] {
        let found = analyze(&[Sentence {
            text: lead.into(),
            paragraph: 1,
        }]);
        assert_eq!(found.dateline.as_deref(), Some(dateline), "{lead}");
    }
    // The Reuters lead credits official data; the AP lead is plain narration.
    let reuters = analyze(&[Sentence {
        text: "LONDON (Reuters) - British inflation eased in July, official data showed.".into(),
        paragraph: 1,
    }]);
    assert!(reuters.sentences[0].sourced);
    let ap = analyze(&[Sentence {
        text: "WASHINGTON (AP) \u{2014} The Senate passed the bill late Tuesday.".into(),
        paragraph: 1,
    }]);
    assert!(!ap.sentences[0].sourced && !ap.sentences[0].attributed);
}

#[test]
fn content_offsets_are_chars_and_match_the_text() {
    let text = "Les négociations avancent, the Türkiye foreign minister said on Friday.";
    let sa = one(text);
    let chars: Vec<char> = text.chars().collect();
    for a in &sa.attributions {
        if let Some(c) = &a.content {
            assert_eq!(chars[c.start..c.end].iter().collect::<String>(), c.text);
        }
    }
    assert_eq!(
        sa.attributions[0].content.as_ref().map(|c| c.text.as_str()),
        Some("Les négociations avancent")
    );
}

#[test]
fn never_panics_on_odd_input() {
    for text in [
        "",
        " ",
        "\"",
        "said",
        ", said",
        "according to",
        "(AFP)",
        "\u{201c}\u{201d}",
        "-- (AP) --",
        "He said:",
        "'",
        "told",
    ] {
        let _ = analyze(&[Sentence {
            text: text.into(),
            paragraph: 0,
        }]);
        let _ = analyze(&[Sentence {
            text: text.into(),
            paragraph: 3,
        }]);
    }
}

#[test]
fn more_wire_constructions() {
    check(&[
        (
            "Turkey considers the YPG a terrorist organisation.",
            false,
            true,
            Some("Turkey"),
            None,
        ),
        (
            "Syrian state news agency SANA said the strike hit a depot.",
            true,
            false,
            None,
            Some("Syrian state news agency SANA"),
        ),
        (
            "Erdogan's spokesman told reporters in Ankara that the operation would go on.",
            false,
            true,
            Some("Erdogan's spokesman"),
            None,
        ),
        (
            "Washington has long accused Tehran of arming the rebels.",
            false,
            true,
            Some("Washington"),
            None,
        ),
        (
            "Police arrested three suspects, the interior ministry announced.",
            false,
            true,
            Some("the interior ministry"),
            None,
        ),
        (
            "The fighting has forced a million people to flee, the UN says.",
            false,
            true,
            Some("the UN"),
            None,
        ),
        (
            "Analysts believe the offensive could take months.",
            false,
            true,
            Some("Analysts"),
            None,
        ),
        (
            "A senior official with the National Energy Commission said output would rise.",
            false,
            true,
            Some("A senior official with the National Energy Commission"),
            None,
        ),
        (
            "Hezbollah, which is backed by Iran, said it had fired rockets at a base.",
            false,
            true,
            Some("Hezbollah"),
            None,
        ),
        (
            "A senior Hamas official, who asked not to be named, told AFP the offer was being studied.",
            true,
            true,
            Some("A senior Hamas official"),
            Some("AFP"),
        ),
        (
            "Amnesty International said in a report released on Monday that police used excessive force.",
            true,
            true,
            Some("Amnesty International"),
            Some("a report"),
        ),
        (
            "The national rights commission put the death toll at 19.",
            false,
            true,
            None,
            None,
        ),
        (
            "The finance minister said inflation would halve, in a statement released by the Treasury.",
            true,
            true,
            None,
            Some("a statement"),
        ),
        // negatives
        (
            "Nobody claimed responsibility for the bombing.",
            false,
            false,
            None,
            None,
        ),
        (
            "The White House did not immediately respond to a request for comment.",
            false,
            false,
            None,
            None,
        ),
        ("The minister did not elaborate.", false, false, None, None),
        (
            "Parliament will consider the bill next week.",
            false,
            false,
            None,
            None,
        ),
        (
            "Government forces backed by Russian air power have recaptured much of the province.",
            false,
            false,
            None,
            None,
        ),
        (
            "Hundreds of people marched through the city, chanting slogans.",
            false,
            false,
            None,
            None,
        ),
        (
            "The talks showed little progress.",
            false,
            false,
            None,
            None,
        ),
        (
            "The UN Security Council will vote on the resolution on Friday.",
            false,
            false,
            None,
            None,
        ),
    ]);
}

#[test]
fn he_skips_institutions_and_takes_the_last_person() {
    let got = run(&[
        "China hopes the two sides will show restraint, foreign ministry spokeswoman Mao Ning told a briefing.",
        "\"It is time to talk,\" she said.",
    ]);
    assert_eq!(
        speakers(&got[1].1),
        vec!["foreign ministry spokeswoman Mao Ning".to_string()]
    );
}

/// The gold of the development story: sentences grouped into the paragraphs of the copy.
#[test]
fn development_story_gold() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/kerry-lavrov-geneva-2016"
    );
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}/gold.json"))
            .expect("the dev corpus is at ../shared"),
    )
    .expect("gold.json is JSON");
    let files = gold["versions"].as_object().expect("versions");
    let (mut tp, mut fp, mut fn_) = ([0usize; 2], [0usize; 2], [0usize; 2]);
    for (id, file) in files {
        let copy = std::fs::read_to_string(format!("{dir}/{}", file.as_str().unwrap_or_default()))
            .expect("version text");
        let paragraphs: Vec<&str> = copy
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let mut sentences = Vec::new();
        let mut want = Vec::new();
        let mut para = 0;
        for g in gold["sentences"][id].as_array().expect("gold sentences") {
            let text = g["text"].as_str().unwrap_or_default();
            // The first paragraph at or after the previous one that holds the sentence.
            if let Some(p) = (para..paragraphs.len()).find(|&p| paragraphs[p].contains(text)) {
                para = p;
            }
            sentences.push(Sentence {
                text: text.to_string(),
                paragraph: para,
            });
            want.push([
                g["sourced"].as_bool() == Some(true),
                g["attributed"].as_bool() == Some(true),
            ]);
        }
        let found = analyze(&sentences);
        for (got, want) in found.sentences.iter().zip(&want) {
            for (k, g) in [got.sourced, got.attributed].into_iter().enumerate() {
                match (g, want[k]) {
                    (true, true) => tp[k] += 1,
                    (true, false) => fp[k] += 1,
                    (false, true) => fn_[k] += 1,
                    (false, false) => {}
                }
            }
        }
    }
    let f1 = |k: usize| 2.0 * tp[k] as f64 / (2 * tp[k] + fp[k] + fn_[k]).max(1) as f64;
    assert!(f1(0) >= 0.90, "sourced F1 {:.3}", f1(0));
    assert!(f1(1) >= 0.95, "attributed F1 {:.3}", f1(1));
}

#[test]
fn records_seen_or_polled_by_an_agency_are_sourced() {
    check(&[
        (
            "The draft, a copy of which was seen by Reuters, sets a ceiling on output.",
            true,
            false,
            None,
            Some("Reuters"),
        ),
        (
            "Growth slowed to 1.2% in the second quarter, in line with forecasts of analysts polled by Reuters.",
            true,
            false,
            None,
            Some("Reuters"),
        ),
        (
            "Satellite images obtained by The Associated Press show new craters near the runway.",
            true,
            false,
            None,
            Some("Associated Press"),
        ),
        (
            "The bridge was seen by thousands of commuters every day before it closed.",
            false,
            false,
            None,
            None,
        ),
    ]);
}

#[test]
fn comparatives_and_common_nouns_are_not_speakers() {
    check(&[
        (
            "The government has sought closer ties with its neighbours to win support.",
            false,
            false,
            None,
            None,
        ),
        (
            "Trade across the border fell in October to its lowest level in a decade.",
            false,
            false,
            None,
            None,
        ),
        (
            "A negotiator said the talks would resume on Monday.",
            false,
            true,
            Some("A negotiator"),
            None,
        ),
    ]);
}

#[test]
fn institutional_subjects_prepositional_subjects_and_calls() {
    check(&[
        (
            "Ukraine's air force said it had shot down 40 of 47 drones overnight.",
            false,
            true,
            Some("Ukraine's air force"),
            None,
        ),
        (
            "Officials in the region said power had been restored to most homes.",
            false,
            true,
            Some("Officials in the region"),
            None,
        ),
        (
            "Police in the capital said two men had been arrested.",
            false,
            true,
            Some("Police in the capital"),
            None,
        ),
        (
            "The weather service forecast more rain and the coast guard said three boats were missing.",
            false,
            true,
            Some("the coast guard"),
            None,
        ),
        (
            "Moscow calls the operation a response to threats from the West.",
            false,
            true,
            Some("Moscow"),
            None,
        ),
        (
            "The union called off the strike on Monday.",
            false,
            false,
            None,
            None,
        ),
        (
            "Fighting in the town killed 12 people.",
            false,
            false,
            None,
            None,
        ),
        (
            "A village called Tel Rifaat was shelled overnight.",
            false,
            false,
            None,
            None,
        ),
    ]);
}
