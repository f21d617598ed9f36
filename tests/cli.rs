//! The binary end to end: the example story, and every bad-input case of the README's table
//! (each gives one line on stderr and its documented exit code).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_wirediff");
const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/kerry-lavrov-geneva-2016"
);

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run wirediff")
}

/// A scratch folder with the files the bad-input cases need.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wirediff-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("emptydir")).unwrap();
    std::fs::create_dir_all(dir.join("badmanifest")).unwrap();
    let one = "Floods hit the north\n\nHeavy rain forced thousands from their homes on Tuesday, officials said.\n";
    let two = "Floods hit the north\n\nHeavy rain forced more than 12,000 people from their homes on Tuesday, officials said.\n";
    std::fs::write(dir.join("one.txt"), one).unwrap();
    std::fs::write(dir.join("two.txt"), two).unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("blank.txt"), " \n\n \t\n").unwrap();
    std::fs::write(
        dir.join("binary.txt"),
        [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0],
    )
    .unwrap();
    std::fs::write(dir.join("badmanifest/story.json"), "{\"versions\": 3}").unwrap();
    std::fs::write(
        dir.join("bad.jsonl"),
        "{\"id\": \"a\", \"text\": \"Rain fell. Rivers rose.\"}\nnot json\n",
    )
    .unwrap();
    std::fs::write(dir.join("bad.toml"), "[[entry]]\nterm = \"hardliners\"\n").unwrap();
    dir
}

/// (case, arguments, text the one-line message must contain, exit code). The README's
/// "Bad input" table lists the same cases; `readme_lists_every_case` keeps them in step.
const CASES: &[(&str, &[&str], &str, i32)] = &[
    (
        "missing file",
        &["compare", "missing.txt", "one.txt"],
        "missing.txt: cannot read",
        3,
    ),
    (
        "folder given as a file",
        &["compare", "--label", "a=emptydir", "one.txt"],
        "is a folder, not a version file",
        3,
    ),
    (
        "empty file",
        &["compare", "empty.txt", "one.txt"],
        "the file is empty",
        3,
    ),
    (
        "whitespace-only file",
        &["compare", "blank.txt", "one.txt"],
        "the file is empty",
        3,
    ),
    (
        "binary file",
        &["compare", "binary.txt", "one.txt"],
        "looks like a binary file",
        3,
    ),
    (
        "empty folder",
        &["compare", "emptydir"],
        "the folder holds no .txt, .md, .html or .htm version",
        3,
    ),
    (
        "malformed story.json",
        &["compare", "badmanifest"],
        "not a valid story.json manifest",
        3,
    ),
    (
        "one version only",
        &["compare", "one.txt"],
        "only one version (one) was given",
        3,
    ),
    (
        "input over the size limit",
        &["compare", "one.txt", "two.txt", "--max-input-bytes", "10"],
        "over the input limit of 10 bytes",
        3,
    ),
    ("no versions at all", &["compare"], "no versions given", 2),
    (
        "two versions with one id",
        &["compare", "one.txt", "one.txt"],
        "share the id \"one\"",
        2,
    ),
    (
        "unknown --base",
        &["compare", "one.txt", "two.txt", "--base", "afp"],
        "--base \"afp\" names no version",
        2,
    ),
    (
        "unknown --format",
        &["compare", "one.txt", "two.txt", "--format", "xml"],
        "invalid value 'xml' for '--format <FORMAT>'",
        2,
    ),
    (
        "malformed --label",
        &["compare", "one.txt", "--label", "two.txt"],
        "expected ID=PATH",
        2,
    ),
    (
        "malformed lexicon",
        &["compare", "one.txt", "two.txt", "--lexicon", "bad.toml"],
        "bad.toml: not a lexicon",
        3,
    ),
    (
        "malformed JSONL line (corpus)",
        &["corpus", "bad.jsonl"],
        "bad.jsonl: line 2: not valid JSON",
        3,
    ),
    (
        "unwritable output",
        &[
            "compare",
            "one.txt",
            "two.txt",
            "-o",
            "emptydir/missing/out.json",
        ],
        "cannot write the report",
        4,
    ),
];

#[test]
fn every_bad_input_gives_one_line_and_its_exit_code() {
    let dir = scratch("bad");
    for (case, args, message, code) in CASES {
        let out = run(&dir, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(*code), "{case}: stderr {stderr:?}");
        assert_eq!(stderr.lines().count(), 1, "{case}: {stderr:?}");
        assert!(
            stderr.starts_with("wirediff: error: "),
            "{case}: {stderr:?}"
        );
        assert!(
            stderr.contains(message),
            "{case}: {stderr:?} lacks {message:?}"
        );
        assert!(!stderr.contains("panicked"), "{case}");
    }
}

#[test]
fn readme_lists_every_case() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    for (case, _, message, code) in CASES {
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| {case} |")))
            .unwrap_or_else(|| panic!("README's bad-input table lacks a row for {case:?}"));
        assert!(
            row.contains(message),
            "README row for {case:?} lacks {message:?}"
        );
        assert!(
            row.trim_end().ends_with(&format!("| {code} |")),
            "README row for {case:?}: exit {code}"
        );
    }
}

#[test]
fn compare_example_as_json() {
    let out = run(
        Path::new(EXAMPLE),
        &["compare", ".", "--base", "afp", "-f", "json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["schema"], "wirediff/report/v1");
    assert_eq!(v["base"], "afp");
    assert_eq!(v["versions"][1]["outlet"], "Tasnim News Agency");
    assert!(v["rows"].as_array().unwrap().len() >= 21);
}

#[test]
fn eval_floor_fails_with_exit_1() {
    let gold = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/story_italy_floods"
    );
    let out = run(Path::new(gold), &["eval", ".", "--min-alignment", "1.01"]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(Path::new(gold), &["eval", ".", "--min-alignment", "0.9"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("alignment"));
}

#[test]
fn legacy_encodings_and_line_endings_are_read() {
    let dir = scratch("odd");
    // Windows-1252: curly quotes (0x93/0x94), an e acute (0xe9), CRLF line ends.
    let mut cp1252 = b"Caf\xe9 owners protest new tax\r\n\r\nCaf\xe9 owners marched in Lyon on Monday, saying the tax would \x93ruin\x94 them, union leaders said.\r\n".to_vec();
    cp1252.extend_from_slice(b"Police said about 2,000 people took part.\r\n");
    std::fs::write(dir.join("cp1252.txt"), &cp1252).unwrap();
    // Lone CR line ends, UTF-8.
    std::fs::write(
        dir.join("mac.txt"),
        "Café owners protest new tax\r\rCafé owners marched in Lyon on Monday, saying the tax would “ruin” them, union leaders said.\rPolice said about 2,000 people took part.\r",
    )
    .unwrap();
    let out = run(&dir, &["compare", "cp1252.txt", "mac.txt", "-f", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let texts: Vec<&str> = v["versions"][0]["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("Café owners marched")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.contains("“ruin”")), "{texts:?}");
    // Same words in both: every non-base cell is identical.
    for row in v["rows"].as_array().unwrap() {
        assert_eq!(row["cells"][1]["status"], "identical", "{row}");
    }
}

#[test]
fn label_one_article() {
    let dir = scratch("label");
    let out = run(&dir, &["label", "one.txt", "-f", "json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["versions"].as_array().unwrap().len(), 1);
    assert_eq!(v["rows"].as_array().unwrap().len(), 2);
}

#[test]
fn user_lexicon_adds_terms() {
    let dir = scratch("lexicon");
    std::fs::write(
        dir.join("mine.toml"),
        "[[entry]]\nterm = \"hardliners\"\ncategory = \"loaded_label\"\nneutral = [\"conservatives\"]\nwhy = \"A label that sorts a group as extreme without saying who calls it so.\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("a.txt"),
        "Vote count begins\n\nOfficials began counting votes on Sunday after a calm election day.\n\nHardliners in parliament won a majority of seats in the capital.\n",
    )
    .unwrap();
    let out = run(
        &dir,
        &["label", "a.txt", "-f", "json", "--lexicon", "mine.toml"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let flags = &v["versions"][0]["sentences"][2]["editorial"];
    assert_eq!(flags[0]["text"], "Hardliners", "{flags}");
    assert_eq!(flags[0]["lexicon"], "mine.toml");
    let out = run(&dir, &["label", "a.txt", "-f", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["versions"][0]["sentences"][2]["editorial"],
        serde_json::json!([])
    );

    let out = run(&dir, &["lexicon", "--lexicon", "mine.toml", "--json"]);
    let entries: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        entries
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["term"] == "hardliners" && e["lexicon"] == "mine.toml")
    );
}

#[test]
fn versions_of_different_stories_warn_but_report() {
    let dir = scratch("different");
    std::fs::write(
        dir.join("bank.txt"),
        "Central bank raises rates\n\nThe central bank raised its main interest rate by a quarter point on Thursday, citing stubborn inflation.\n\nEconomists had expected the move after prices rose faster than forecast.\n",
    )
    .unwrap();
    let out = run(
        &dir,
        &[
            "compare", "one.txt", "bank.txt", "--base", "one", "-f", "json",
        ],
    );
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("wirediff: warning: "), "{stderr}");
    assert!(stderr.contains("may be another story"), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["warnings"][0]["kind"], "low_overlap");
    assert_eq!(v["warnings"][0]["version"], "bank");
}
