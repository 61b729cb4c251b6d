//! Compile, evaluate, verify and review of synthetic rubrics from 10 to
//! 1,780 leaves, with throughput in leaves: the time per leaf should not
//! grow with the rubric (issue 12: linear within ±15%).
//!
//! ```text
//! cargo bench --bench scaling
//! ```

mod synthetic;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use jixiao::{Facts, Rubric};

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    for leaves in [10, 100, 1000, 1780] {
        let (rubric_json, facts_json) = synthetic::rubric_and_facts(leaves);
        let rubric = Rubric::from_json(&rubric_json).expect("compiles");
        let facts = Facts::from_json(&facts_json).expect("facts");
        group.throughput(Throughput::Elements(leaves as u64));
        group.bench_with_input(
            BenchmarkId::new("compile_json", leaves),
            &rubric_json,
            |b, j| b.iter(|| Rubric::from_json(black_box(j)).expect("compiles")),
        );
        group.bench_with_input(BenchmarkId::new("evaluate", leaves), &facts, |b, f| {
            b.iter(|| rubric.evaluate(black_box(f)).expect("scores"))
        });
        group.bench_with_input(BenchmarkId::new("verify", leaves), &rubric, |b, r| {
            b.iter(|| black_box(r).verify())
        });
        group.bench_with_input(BenchmarkId::new("review", leaves), &facts, |b, f| {
            b.iter(|| rubric.review(black_box(f)).expect("reviews"))
        });
    }
    group.finish();
}

criterion_group!(benches, scaling);
criterion_main!(benches);
