//! `wirediff corpus` end to end: JSONL in, one report per story out, grouping, errors.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

/// Story A, as the agency sent it (my own wire-style text).
const QUAKE_WIRE: &str = "A strong earthquake struck off the southern coast early on Tuesday, \
    shaking buildings in the port city of Marenza, the national seismology institute said.\n\n\
    The quake had a magnitude of 6.1 and was centred about 40 kilometres out to sea at a depth of \
    ten kilometres, the institute said in a statement.\n\n\
    Residents ran into the streets in their night clothes and some stayed outside until dawn.\n\n\
    \"The whole house moved like a boat,\" said Lorenzo Abate, a fisherman who lives near the \
    harbour.\n\n\
    There were no immediate reports of deaths, but the coast guard said two fishing boats had \
    been damaged.";

/// Story A as an outlet ran it: one sentence dropped, one verb changed, one sentence added.
const QUAKE_OUTLET: &str = "A strong earthquake struck off the southern coast early on Tuesday, \
    shaking buildings in the port city of Marenza, the national seismology institute claimed.\n\n\
    The quake had a magnitude of 6.1 and was centred about 40 kilometres out to sea at a depth of \
    ten kilometres, the institute said in a statement.\n\n\
    \"The whole house moved like a boat,\" said Lorenzo Abate, a fisherman who lives near the \
    harbour.\n\n\
    There were no immediate reports of deaths, but the coast guard said two fishing boats had \
    been damaged.\n\n\
    The region sits on one of the most active fault lines in the Mediterranean.";

/// Another agency's report of the same quake: same facts, its own words.
const QUAKE_OTHER_AGENCY: &str = "Buildings swayed in Marenza before dawn on Tuesday when a \
    magnitude 6.1 tremor hit the sea floor some 40 km offshore.\n\n\
    Frightened families spent the rest of the night outdoors, according to local radio.\n\n\
    Fisherman Lorenzo Abate compared his home to a boat in a storm.\n\n\
    Coast guard officials reported damage to a pair of trawlers but no casualties so far.";

/// Story B, two versions.
const TRIAL_WIRE: &str = "A court in the capital on Wednesday sentenced a former transport \
    minister to six years in prison for taking bribes from a construction company, prosecutors \
    said.\n\n\
    The judges found that the minister had accepted payments worth two million euros in return \
    for road contracts between 2015 and 2018.\n\n\
    His lawyer told reporters outside the court that the verdict would be appealed.\n\n\
    The case is one of several corruption trials that have shaken the governing party this year.";

const TRIAL_OUTLET: &str = "A court in the capital on Wednesday sentenced a former transport \
    minister to six years in prison for taking bribes from a construction company, prosecutors \
    said.\n\n\
    The judges found that the minister had pocketed payments worth two million euros in return \
    for road contracts between 2015 and 2018.\n\n\
    His lawyer told reporters outside the court that the verdict would be appealed.\n\n\
    The case is one of several corruption trials that have shaken the ruling regime this year.";

fn wirediff(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wirediff"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("wirediff runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(text.as_bytes())
            .expect("stdin takes the corpus");
    }
    child.wait_with_output().expect("wirediff finishes")
}

fn line(id: &str, story: &str, outlet: &str, text: &str) -> String {
    json!({"id": id, "story": story, "outlet": outlet, "url": format!("https://example.org/{id}"), "text": text})
        .to_string()
}

/// Five articles: quake (wire, outlet), trial (wire), the other agency's quake, trial (outlet).
fn corpus() -> String {
    [
        line("q-wire", "quake", "Wire", QUAKE_WIRE),
        line("t-wire", "trial", "Wire", TRIAL_WIRE),
        line("q-other", "quake-2", "Other Agency", QUAKE_OTHER_AGENCY),
        line("q-daily", "quake", "The Daily", QUAKE_OUTLET),
        line("t-daily", "trial", "The Daily", TRIAL_OUTLET),
    ]
    .join("\n")
        + "\n"
}

fn reports(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON report"))
        .collect()
}

fn version_ids(report: &Value) -> Vec<String> {
    report["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .map(|v| v["id"].as_str().expect("id").to_string())
        .collect()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("wirediff-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn groups_a_jsonl_corpus_and_writes_one_report_per_story() {
    let dir = temp_dir("corpus-group");
    let input = dir.join("corpus.jsonl");
    std::fs::write(&input, corpus()).unwrap();
    let groups = dir.join("groups.csv");
    let singles = dir.join("singles.txt");
    let summary = dir.join("summary.csv");
    let out = wirediff(
        &[
            "corpus",
            input.to_str().unwrap(),
            "--groups-out",
            groups.to_str().unwrap(),
            "--singletons",
            singles.to_str().unwrap(),
            "--summary",
            summary.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = reports(&out);
    assert_eq!(r.len(), 2, "two stories with two versions each");
    // In input order of first appearance: the quake first, then the trial.
    assert_eq!(version_ids(&r[0]), ["q-wire", "q-daily"]);
    assert_eq!(version_ids(&r[1]), ["t-wire", "t-daily"]);
    for report in &r {
        assert_eq!(report["schema"], "wirediff/report/v1");
        assert_eq!(report["base_reason"], "medoid");
    }
    // Other input fields travel with the report.
    let meta = &r[0]["corpus"]["articles"][1];
    assert_eq!(meta["id"], "q-daily");
    assert_eq!(meta["url"], "https://example.org/q-daily");
    assert_eq!(meta["story"], "quake");
    assert_eq!(r[0]["versions"][1]["outlet"], "The Daily");

    // The other agency's report of the same quake is a story of its own.
    assert_eq!(std::fs::read_to_string(&singles).unwrap(), "q-other\n");
    let groups = std::fs::read_to_string(&groups).unwrap();
    assert_eq!(
        groups,
        "id,group\nq-wire,g0\nt-wire,g1\nq-other,g2\nq-daily,g0\nt-daily,g1\n"
    );

    let summary_csv = std::fs::read_to_string(&summary).unwrap();
    assert!(summary_csv.starts_with("outlet,stories,base,sentences,"));
    assert!(summary_csv.contains("\nThe Daily,2,"), "{summary_csv}");
    assert!(summary_csv.contains("\nWire,2,"), "{summary_csv}");
    let subs = std::fs::read_to_string(dir.join("summary.substitutions.csv")).unwrap();
    assert!(subs.starts_with("base,other,categories,count,editorial,n_outlets,outlets\n"));
    assert!(
        subs.contains("said,claimed,") || subs.contains("claimed,said,"),
        "{subs}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 stories compared"), "{stderr}");
    assert!(stderr.contains("1 singletons"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn malformed_line_stops_with_its_line_number() {
    let mut text = corpus();
    text.insert_str(
        text.find("\n").unwrap() + 1,
        "{\"id\": \"broken\", \"text\": \n",
    );
    let out = wirediff(&["corpus", "-", "--quiet"], Some(&text));
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 2"), "{stderr}");
    assert!(stderr.contains("not valid JSON"), "{stderr}");
    assert!(stderr.contains("--on-error skip"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one clear line: {stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn malformed_lines_are_skipped_with_a_warning_each() {
    let mut text = corpus();
    text.push_str("not json at all\n");
    text.push_str("{\"id\": \"no-text\"}\n");
    let out = wirediff(&["corpus", "-", "--on-error", "skip"], Some(&text));
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 6: not valid JSON"), "{stderr}");
    assert!(
        stderr.contains("line 7: no-text: missing \"text\""),
        "{stderr}"
    );
    assert!(stderr.contains("2 malformed inputs skipped"), "{stderr}");
    assert_eq!(reports(&out).len(), 2);
}

/// The corpus with a line that is not JSON at line 2 and one that is not UTF-8 at line 4.
fn corpus_with_two_bad_lines() -> Vec<u8> {
    let lines: Vec<String> = corpus().lines().map(str::to_string).collect();
    let mut bytes = Vec::new();
    bytes.extend_from_slice(lines[0].as_bytes());
    bytes.extend_from_slice(b"\n{\"id\": \"broken\", \"text\": \n");
    bytes.extend_from_slice(lines[1].as_bytes());
    bytes.extend_from_slice(b"\n{\"id\": \"latin-1\", \"text\": \"caf\xe9\"}\n");
    for line in &lines[2..] {
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
    }
    bytes
}

#[test]
fn bad_lines_are_reported_in_input_order() {
    let dir = temp_dir("corpus-bad-order");
    let input = dir.join("corpus.jsonl");
    std::fs::write(&input, corpus_with_two_bad_lines()).expect("write corpus");
    let path = input.to_str().expect("utf-8 path");

    let out = wirediff(&["corpus", path, "--quiet"], None);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 2: not valid JSON"),
        "the first bad line stops the run: {stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "one clear line: {stderr}");

    let out = wirediff(&["corpus", path, "--quiet", "--on-error", "skip"], None);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("skipped")).collect();
    assert_eq!(warnings.len(), 2, "{stderr}");
    assert!(warnings[0].contains("line 2: not valid JSON"), "{stderr}");
    assert!(warnings[1].contains("line 4: not UTF-8 text"), "{stderr}");
    assert_eq!(reports(&out).len(), 2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn group_by_takes_stories_from_a_field() {
    // Contiguous stories on standard input: the streaming mode.
    let lines: Vec<String> = [
        line("q-wire", "quake", "Wire", QUAKE_WIRE),
        line("q-daily", "quake", "The Daily", QUAKE_OUTLET),
        line("q-other", "quake", "Other Agency", QUAKE_OTHER_AGENCY),
        line("t-wire", "trial", "Wire", TRIAL_WIRE),
        line("t-daily", "trial", "The Daily", TRIAL_OUTLET),
    ]
    .to_vec();
    let text = lines.join("\n") + "\n";
    let out = wirediff(&["corpus", "-", "--group-by", "story", "-q"], Some(&text));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = reports(&out);
    // The field is trusted: the other agency's text is put with the quake story.
    assert_eq!(version_ids(&r[0]), ["q-wire", "q-daily", "q-other"]);
    assert_eq!(r[0]["corpus"]["story"], "quake");
    assert_eq!(r[1]["corpus"]["story"], "trial");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // From a file the stories need not be contiguous, and the output is the same.
    let dir = temp_dir("corpus-groupby");
    let input = dir.join("c.jsonl");
    let shuffled = [&lines[0], &lines[3], &lines[1], &lines[4], &lines[2]]
        .map(|s| s.as_str())
        .join("\n");
    std::fs::write(&input, shuffled).unwrap();
    let out2 = wirediff(
        &[
            "corpus",
            input.to_str().unwrap(),
            "--group-by",
            "story",
            "-q",
        ],
        None,
    );
    assert!(out2.status.success());
    let r2 = reports(&out2);
    assert_eq!(version_ids(&r2[0]), ["q-wire", "q-daily", "q-other"]);
    assert_eq!(version_ids(&r2[1]), ["t-wire", "t-daily"]);
    std::fs::remove_dir_all(&dir).ok();

    // On standard input a story that comes back after another is an error, not a silent split.
    let scattered = [&lines[0], &lines[3], &lines[1]]
        .map(|s| s.as_str())
        .join("\n");
    let out3 = wirediff(
        &["corpus", "-", "--group-by", "story", "-q"],
        Some(&scattered),
    );
    assert!(!out3.status.success());
    let stderr = String::from_utf8_lossy(&out3.stderr);
    assert!(stderr.contains("line 3"), "{stderr}");
    assert!(stderr.contains("contiguous"), "{stderr}");

    // A line without the field is malformed.
    let missing = format!("{}\n{}\n", lines[0], json!({"id": "x", "text": TRIAL_WIRE}));
    let out4 = wirediff(
        &["corpus", "-", "--group-by", "story", "-q"],
        Some(&missing),
    );
    assert!(!out4.status.success());
    let stderr = String::from_utf8_lossy(&out4.stderr);
    assert!(stderr.contains("line 2: x: no \"story\" field"), "{stderr}");
}

#[test]
fn reads_a_folder_of_articles_recursively() {
    let dir = temp_dir("corpus-folder");
    std::fs::create_dir_all(dir.join("wire")).unwrap();
    std::fs::create_dir_all(dir.join("daily")).unwrap();
    std::fs::write(dir.join("wire/quake.txt"), QUAKE_WIRE).unwrap();
    std::fs::write(dir.join("wire/trial.txt"), TRIAL_WIRE).unwrap();
    let html = format!(
        "<html><body><nav>Home | World</nav><article>{}</article></body></html>",
        QUAKE_OUTLET
            .split("\n\n")
            .map(|p| format!("<p>{p}</p>"))
            .collect::<String>()
    );
    std::fs::write(dir.join("daily/quake.html"), html).unwrap();
    let out = wirediff(&["corpus", dir.to_str().unwrap(), "-q"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = reports(&out);
    assert_eq!(r.len(), 1);
    assert_eq!(version_ids(&r[0]), ["daily/quake", "wire/quake"]);
    std::fs::remove_dir_all(&dir).ok();
}
