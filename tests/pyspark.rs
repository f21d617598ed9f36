//! The PySpark worked example (docs/pyspark/pipe_example.py): wirediff as an `RDD.pipe` stage
//! gives the same reports as the single-machine run. Runs only where PySpark and Java are
//! installed, and the shared bench scripts are beside the repository; prints a note otherwise.

use std::path::Path;
use std::process::Command;

fn available(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn spark_pipe_matches_single_machine() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let make_corpus = root.join("../shared/bench/make_corpus.py");
    if !available("python3", &["-c", "import pyspark"]) || !available("java", &["-version"]) {
        eprintln!("note: skipped: PySpark or Java is not installed (pip install pyspark)");
        return;
    }
    if !make_corpus.is_file() {
        eprintln!("note: skipped: {} is missing", make_corpus.display());
        return;
    }
    let dir = std::env::temp_dir().join(format!("wirediff-pyspark-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let corpus = dir.join("corpus.jsonl");
    let made = Command::new("python3")
        .arg(&make_corpus)
        .args(["--stories", "12", "--versions", "4", "--seed", "7"])
        .output()
        .expect("make_corpus.py runs");
    assert!(made.status.success());
    std::fs::write(&corpus, &made.stdout).unwrap();
    let out = Command::new("python3")
        .arg(root.join("docs/pyspark/pipe_example.py"))
        .arg(&corpus)
        .args([
            "--wirediff",
            env!("CARGO_BIN_EXE_wirediff"),
            "--partitions",
            "3",
        ])
        .output()
        .expect("pipe_example.py runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("spark: 12 reports from 3 partitions; single machine: 12 reports; identical after sorting by story: True"),
        "{stdout}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
