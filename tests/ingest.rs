//! Ingest and segmentation end to end: the dev story's gold sentences and the ingest fixtures.

use std::path::{Path, PathBuf};

use wirediff::ingest::{self, Document, RawVersion, TextFormat};
use wirediff::segment::{self, Sentence};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn raw(path: &Path) -> RawVersion {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let source = path.display().to_string();
    RawVersion {
        id: path.file_stem().unwrap().to_string_lossy().into_owned(),
        outlet: None,
        format: TextFormat::from_path(&source),
        source,
        bytes,
    }
}

/// Reads, strips and segments the given files together, as `compare` does.
fn prepare(paths: &[PathBuf]) -> Vec<(Document, Vec<Sentence>)> {
    let mut docs: Vec<Document> = paths
        .iter()
        .map(|p| ingest::read(&raw(p)).unwrap())
        .collect();
    ingest::boilerplate::strip(&mut docs);
    docs.into_iter()
        .map(|d| {
            let s = segment::segment(&d);
            (d, s)
        })
        .collect()
}

#[test]
fn dev_story_gold_sentences_come_out_exactly() {
    let dir = root().join("../shared/corpus/kerry-lavrov-geneva-2016");
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    let ids = ["afp", "tasnim"];
    let prepared = prepare(&ids.map(|id| dir.join(format!("{id}.txt"))));
    let mut total = 0;
    let mut exact = 0;
    let mut misses = Vec::new();
    for (id, (_, sentences)) in ids.iter().zip(&prepared) {
        let want: Vec<&str> = gold["sentences"][id]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["text"].as_str().unwrap())
            .collect();
        let got: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
        total += want.len();
        for w in &want {
            if got.contains(w) {
                exact += 1;
            } else {
                misses.push(format!("{id}: {w}"));
            }
        }
        assert_eq!(got.len(), want.len(), "{id}: {got:#?}");
    }
    assert_eq!(exact, total, "missing: {misses:#?}");
    assert_eq!(total, 42);
}

fn fixture(dir: &str, files: &[&str]) -> Vec<(Document, Vec<Sentence>)> {
    let d = root().join("tests/fixtures").join(dir);
    prepare(&files.iter().map(|f| d.join(f)).collect::<Vec<_>>())
}

fn texts(sentences: &[Sentence]) -> Vec<&str> {
    sentences.iter().map(|s| s.text.as_str()).collect()
}

fn non_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Sentences of a prepared version lose no character of its paragraphs.
fn assert_lossless(doc: &Document, sentences: &[Sentence]) {
    let paragraphs: String = doc.paragraphs.concat();
    let joined: String = sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(non_ws(&paragraphs), non_ws(&joined), "{}", doc.source);
}

/// Page chrome of the HTML capture: each must be set aside, none may reach a sentence.
const HTML_CHROME: &[&str] = &[
    "Skip to main content",
    "Home",
    "World",
    "Vienna 14°C",
    "Tuesday, 12 March 2024",
    "By Jane Smith",
    "AFP",
    "Danube barges move again as water levels recover",
    "Advertisement",
    "A barge passes Vienna on Tuesday. Photo: AFP",
    "Read more: Rhine freight rates jump as drought bites",
    "Share this article",
    "Follow us on Telegram",
    "Most Visited",
    "Farmers count the cost of a dry summer",
    "Ferry strike ends after pay deal",
    "Top Stories",
    "New bridge opens in Bratislava",
    "© 2024 The River Post. All rights reserved.",
];

#[test]
fn html_capture_keeps_the_story_and_sets_the_page_aside() {
    let got = fixture("ingest_html_capture", &["wire.txt", "outlet.html"]);
    let (wire, page) = (&got[0], &got[1]);
    assert_eq!(texts(&page.1), texts(&wire.1));
    assert_eq!(
        page.0.paragraphs[0],
        "Danube barges move again as water levels recover\n\
         Shipping firms warn the drought cost them millions of euros"
    );
    let removed = &page.0.removed_boilerplate;
    let mut last = 0;
    for chrome in HTML_CHROME {
        let at = removed[last..]
            .iter()
            .position(|r| r == chrome)
            .unwrap_or_else(|| panic!("{chrome:?} not removed in page order: {removed:#?}"));
        last += at + 1;
    }
    for s in &page.1 {
        for bad in [
            "dataLayer",
            "font-family",
            "loadAd",
            "JavaScript",
            "Facebook",
            "Most Visited",
        ] {
            assert!(!s.text.contains(bad), "{bad:?} in {:?}", s.text);
        }
    }
    assert_eq!(page.0.removed_positions.len(), removed.len());
    assert_lossless(&page.0, &page.1);
}

#[test]
fn text_capture_boilerplate_is_removed_by_shape_position_and_evidence() {
    let got = fixture("ingest_text_capture", &["wire.txt", "outlet.txt"]);
    let (wire, page) = (&got[0], &got[1]);
    let mut want = texts(&wire.1);
    want.insert(
        1,
        "Shipping firms warn the drought cost them millions of euros",
    );
    assert_eq!(texts(&page.1), want);
    assert_eq!(page.1[1].paragraph, 0, "the deck belongs to paragraph 0");
    assert!(
        page.1
            .iter()
            .any(|s| s.text == "Insurers were less upbeat.")
    );
    assert_eq!(
        page.0.removed_boilerplate,
        [
            "Skip to main content",
            "Home | World | Business | Sport | Culture",
            "Vienna 14°C",
            "Tuesday, 12 March 2024",
            "Danube barges move again as water levels recover",
            "By Jane Smith",
            "AFP",
            "Advertisement",
            "Related",
            "Rhine Freight Rates Jump As Drought Bites",
            "Share this article",
            "Follow us on Telegram",
            "Most Visited",
            "Farmers Count the Cost of a Dry Summer",
            "Ferry Strike Ends After Pay Deal",
            "New Bridge Opens in Bratislava",
            "Top Stories",
        ]
    );
    // Every line of the page is either kept or listed as removed.
    let bytes =
        std::fs::read_to_string(root().join("tests/fixtures/ingest_text_capture/outlet.txt"))
            .unwrap();
    let mut before: Vec<&str> = bytes.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut after: Vec<&str> = page.0.paragraphs.iter().flat_map(|p| p.lines()).collect();
    after.extend(page.0.removed_boilerplate.iter().map(String::as_str));
    before.sort();
    after.sort();
    assert_eq!(before, after);
    assert_lossless(&page.0, &page.1);
}

#[test]
fn every_encoding_and_line_ending_reads_the_same() {
    let files = [
        "utf8.txt",
        "cp1252.txt",
        "crlf.txt",
        "cr.txt",
        "utf16.txt",
        "latin1.html",
    ];
    let got = fixture("ingest_encodings", &files);
    let want = texts(&got[0].1);
    assert!(
        want.iter()
            .any(|s| s.contains("Hélène") && s.contains('“') && s.contains('”'))
    );
    assert!(want.iter().any(|s| s.contains("army’s")));
    for (file, (doc, sentences)) in files.iter().zip(&got) {
        assert_eq!(texts(sentences), want, "{file}");
        assert!(
            doc.removed_boilerplate.is_empty(),
            "{file}: {:?}",
            doc.removed_boilerplate
        );
        assert!(doc.paragraphs.iter().all(|p| !p.contains('\r')), "{file}");
        assert_lossless(doc, sentences);
    }
}

#[test]
fn hard_segmentation_cases_in_the_fixture_story() {
    let got = fixture("ingest_encodings", &["utf8.txt"]);
    let sentences = texts(&got[0].1);
    for want in [
        "The gauges were paid for by a grant from the U.S.",
        "The rest came from the European Union.",
        "Lt. Gen. Karl Huber, who oversees the army’s drought units, told reporters that dredging of two shallow stretches near Hainburg was finished.",
        "He put the cost at about 3.5 million euros.",
        "Insurers were less upbeat.",
    ] {
        assert!(sentences.contains(&want), "{want:?} not in {sentences:#?}");
    }
}

proptest::proptest! {
    /// Any bytes, in any format, read, stripped and segmented without a panic, and
    /// segmentation loses no character of what ingest kept.
    #[test]
    fn arbitrary_input_never_panics(
        bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
        text in "(\\PC|\n|<p>|</p>|<h1>|<nav>|\\||°|\\.|U\\.S\\. |Mr\\. ){0,80}",
    ) {
        for (data, name) in [(bytes.clone(), "x.txt"), (text.clone().into_bytes(), "x.html"), (text.into_bytes(), "x.md")] {
            let raw = RawVersion {
                id: "x".into(),
                outlet: None,
                source: name.into(),
                format: TextFormat::from_path(name),
                bytes: data,
            };
            if let Ok(doc) = ingest::read(&raw) {
                let chars = |d: &Document| {
                    let mut c: Vec<char> = d
                        .paragraphs
                        .iter()
                        .chain(&d.removed_boilerplate)
                        .flat_map(|l| l.chars())
                        .filter(|c| !c.is_whitespace())
                        .collect();
                    c.sort_unstable();
                    c
                };
                let before = chars(&doc);
                let mut docs = vec![doc.clone(), doc];
                ingest::boilerplate::strip(&mut docs);
                for d in &docs {
                    // Nothing is dropped silently: every character is kept or listed as removed.
                    proptest::prop_assert_eq!(&chars(d), &before);
                    let s = segment::segment(d);
                    assert_lossless(d, &s);
                    proptest::prop_assert_eq!(d.removed_positions.len(), d.removed_boilerplate.len());
                }
            }
        }
    }
}
