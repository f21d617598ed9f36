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
