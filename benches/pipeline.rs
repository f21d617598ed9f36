//! One benchmark group per pipeline stage on the dev story (AFP vs Tasnim), in bytes per
//! second of input text; plus grouping signatures. Run with `cargo bench`; with the short warm-up
//! and measurement times below the whole run takes about a minute.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use wirediff::classify::Classifier;
use wirediff::compare::{CompareConfig, compare, prepare};
use wirediff::group::{GroupConfig, Signature};
use wirediff::ingest::{RawVersion, TextFormat};
use wirediff::{align, diff, ingest, segment};

const AFP: &str = include_str!("../examples/kerry-lavrov-geneva-2016/afp.txt");
const TASNIM: &str = include_str!("../examples/kerry-lavrov-geneva-2016/tasnim.txt");

fn raw(id: &str, text: &str) -> RawVersion {
    RawVersion {
        id: id.to_string(),
        outlet: None,
        source: format!("{id}.txt"),
        bytes: text.as_bytes().to_vec(),
        format: TextFormat::Text,
    }
}

fn both_bytes() -> u64 {
    (AFP.len() + TASNIM.len()) as u64
}

fn stages(c: &mut Criterion) {
    let raws = [raw("afp", AFP), raw("tasnim", TASNIM)];
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

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = stages
}
criterion_main!(benches);
