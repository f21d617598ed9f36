//! One benchmark group per pipeline stage on the dev story (AFP vs Tasnim), in bytes per
//! second of input text; plus grouping signatures. Run with `cargo bench`; with the short warm-up
//! and measurement times below the whole run takes about a minute.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use wirediff::classify::Classifier;
use wirediff::classify::substitution::Change;
use wirediff::compare::{CompareConfig, compare, prepare};
use wirediff::corpus::Article;
use wirediff::group::{GroupConfig, Signature};
use wirediff::ingest::{RawVersion, TextFormat};
use wirediff::report::model::OpKind;
use wirediff::{align, diff, ingest, segment};

const AFP: &str = include_str!("../examples/kerry-lavrov-geneva-2016/afp.txt");
const TASNIM: &str = include_str!("../examples/kerry-lavrov-geneva-2016/tasnim.txt");

fn both_bytes() -> u64 {
    (AFP.len() + TASNIM.len()) as u64
}

fn stages(c: &mut Criterion) {
    let raws = [
        RawVersion::from_text("afp", AFP),
        RawVersion::from_text("tasnim", TASNIM),
    ];
    let docs: Vec<ingest::Document> = raws.iter().map(|r| ingest::read(r).unwrap()).collect();
    let prepared = prepare(&raws).unwrap();
    let (base, other) = (&prepared[0].sentences, &prepared[1].sentences);

    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Bytes(both_bytes()));
    g.bench_function("afp+tasnim", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(segment::segment(black_box(d)));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("align");
    g.throughput(Throughput::Bytes(both_bytes()));
    g.bench_function("align_pair", |b| {
        b.iter(|| black_box(align::align_pair(black_box(base), black_box(other))))
    });
    g.finish();

    // Word diffs of every aligned pair of sentences.
    let pair = align::align_pair(base, other);
    let texts: Vec<(String, String)> = pair
        .links
        .iter()
        .map(|l| {
            let join = |s: &[segment::Sentence], idx: &[usize]| {
                idx.iter()
                    .map(|&i| s[i].text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            (join(base, &l.base), join(other, &l.other))
        })
        .collect();
    let diffed: u64 = texts.iter().map(|(a, b)| (a.len() + b.len()) as u64).sum();
    let mut g = c.benchmark_group("diff");
    g.throughput(Throughput::Bytes(diffed));
    g.bench_function("aligned_pairs", |b| {
        b.iter(|| {
            for (x, y) in &texts {
                black_box(diff::word_diff(black_box(x), black_box(y)));
            }
        })
    });
    g.finish();

    let classifier = Classifier::default();
    let mut g = c.benchmark_group("classify");
    g.throughput(Throughput::Bytes(both_bytes()));
    g.bench_function("analyze", |b| {
        b.iter(|| {
            black_box(classifier.analyze(black_box(base)));
            black_box(classifier.analyze(black_box(other)));
        })
    });
    // Set WIREDIFF_BENCH_CORPUS to a JSONL corpus (`make_corpus.py`) to time classify on it:
    // every version's sentences, and every changed op of the first version against the others
    // (both in bytes of the corpus, so that their sum is classify's share of a corpus run).
    if let Some(corpus) = load_corpus() {
        g.throughput(Throughput::Bytes(corpus.bytes));
        g.bench_function("corpus_analyze", |b| {
            b.iter(|| {
                for v in &corpus.versions {
                    black_box(classifier.analyze(black_box(v)));
                }
            })
        });
        g.bench_function("corpus_lexicon", |b| {
            b.iter(|| {
                for v in &corpus.versions {
                    for s in v {
                        black_box(classifier.lexicon().find(black_box(&s.text)));
                    }
                }
            })
        });
        g.bench_function("corpus_categorize", |b| {
            b.iter(|| {
                for c in &corpus.changes {
                    let change = Change {
                        base: &c.0,
                        other: &c.1,
                        base_cell: &c.2,
                        other_cell: &c.3,
                        base_attributed: c.4,
                        other_attributed: c.5,
                    };
                    black_box(classifier.categorize(black_box(&change)));
                }
            })
        });
    }
    g.finish();

    let config = CompareConfig::default();
    let mut g = c.benchmark_group("compare");
    g.throughput(Throughput::Bytes(both_bytes()));
    g.bench_function("whole_pipeline", |b| {
        b.iter(|| black_box(compare(black_box(&raws), &config).unwrap()))
    });
    g.finish();

    let gc = GroupConfig::default();
    let mut g = c.benchmark_group("group");
    g.throughput(Throughput::Bytes(both_bytes()));
    g.bench_function("signature", |b| {
        b.iter(|| {
            black_box(Signature::new(black_box(AFP), &gc));
            black_box(Signature::new(black_box(TASNIM), &gc));
        })
    });
    g.finish();
}

/// Sentences and changes of wording of a JSONL corpus, for the classify group.
struct Corpus {
    versions: Vec<Vec<segment::Sentence>>,
    bytes: u64,
    changes: Vec<(String, String, String, String, bool, bool)>,
}

fn load_corpus() -> Option<Corpus> {
    let path = std::env::var("WIREDIFF_BENCH_CORPUS").ok()?;
    let text = std::fs::read_to_string(path).ok()?;
    let mut stories: Vec<(String, Vec<RawVersion>)> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let a = Article::parse_line(line).ok()?;
        let key = a.key("story").unwrap_or_else(|| a.id.clone());
        let r = RawVersion {
            id: a.id.clone(),
            outlet: a.outlet.clone(),
            source: a.id.clone(),
            bytes: a.text.into_bytes(),
            format: TextFormat::Text,
        };
        match stories.last_mut() {
            Some((k, v)) if *k == key => v.push(r),
            _ => stories.push((key, vec![r])),
        }
    }
    let classifier = Classifier::default();
    let mut corpus = Corpus {
        versions: Vec::new(),
        bytes: 0,
        changes: Vec::new(),
    };
    for (_, raws) in &stories {
        corpus.bytes += raws.iter().map(|r| r.bytes.len() as u64).sum::<u64>();
        let Ok(prepared) = prepare(raws) else {
            continue;
        };
        let base = &prepared[0].sentences;
        let base_attr = classifier.analyze(base);
        for p in &prepared[1..] {
            let other_attr = classifier.analyze(&p.sentences);
            for l in align::align_pair(base, &p.sentences).links {
                let join = |s: &[segment::Sentence], idx: &[usize]| {
                    idx.iter()
                        .map(|&i| s[i].text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let attributed = |a: &wirediff::classify::VersionAnalysis, idx: &[usize]| {
                    idx.iter().any(|&i| {
                        let l = &a.sentences[i].labels;
                        l.attributed || l.sourced
                    })
                };
                let (x, y) = (join(base, &l.base), join(&p.sentences, &l.other));
                let (ax, ay) = (
                    attributed(&base_attr, &l.base),
                    attributed(&other_attr, &l.other),
                );
                for op in diff::word_diff(&x, &y) {
                    if op.op == OpKind::Equal {
                        continue;
                    }
                    let (b, o) = (op.base.unwrap_or_default(), op.other.unwrap_or_default());
                    corpus.changes.push((b, o, x.clone(), y.clone(), ax, ay));
                }
            }
        }
        corpus
            .versions
            .extend(prepared.into_iter().map(|p| p.sentences));
    }
    Some(corpus)
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = stages
}
criterion_main!(benches);
