//! The seed scored side by side with a hand-written scorer of it
//! (`benches/seed/scorer.rs`, the floor), in one run, so that each figure is
//! read as a ratio to the floor measured on the same machine at the same
//! time (issue 12's targets: steps ≤ 3×, sentences ≤ 10×, review ≤ 20×).
//!
//! ```text
//! cargo bench --bench speed -- seed
//! cargo bench --bench speed -- threads
//! ```

#[path = "seed/scorer.rs"]
#[allow(dead_code)] // `ROWS` is for the test that checks the scorer
mod scorer;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use jixiao::{EvalOptions, Facts, Rubric, Working};

const RUBRIC: &str = include_str!("../rubrics/zhijiang-2020-department/rubric.json");
const FACTS: &str = include_str!("seed/facts.json");

fn seed(c: &mut Criterion) {
    let rubric = Rubric::from_json(RUBRIC).expect("the seed compiles");
    let facts = Facts::from_json(FACTS).expect("facts");
    let typed = scorer::seed_facts();
    let steps_only = EvalOptions::new().working(Working::StepsOnly);
    let mut group = c.benchmark_group("seed");
    group.bench_function("floor", |b| b.iter(|| scorer::score(black_box(&typed))));
    group.bench_function("steps", |b| {
        b.iter(|| {
            rubric
                .evaluate_with(black_box(&facts), &steps_only)
                .expect("scores")
        })
    });
    group.bench_function("sentences", |b| {
        b.iter(|| rubric.evaluate(black_box(&facts)).expect("scores"))
    });
    group.bench_function("review", |b| {
        b.iter(|| rubric.review(black_box(&facts)).expect("reviews"))
    });
    group.bench_function("compile_json", |b| {
        b.iter(|| Rubric::from_json(black_box(RUBRIC)).expect("compiles"))
    });
    group.finish();
}

/// 100,000 evaluations of the seed with steps, on one thread, on two
/// threads sharing one compiled rubric, and on two threads with a rubric
/// each: sharing should scale as well as not sharing (issue 12: ≥ 1.9×
/// over one thread). Each thread evaluates its own copy of a rubric after
/// `limits::COPY_AFTER_EVALUATIONS` evaluations (`src/replica.rs`), in
/// both cases: what the two cases share afterwards is the facts and the
/// rubric's spec, read and never written.
fn threads(c: &mut Criterion) {
    const BATCH: usize = 100_000;
    let rubric = Rubric::from_json(RUBRIC).expect("the seed compiles");
    let own = Rubric::from_json(RUBRIC).expect("the seed compiles");
    let facts = Facts::from_json(FACTS).expect("facts");
    let steps_only = EvalOptions::new().working(Working::StepsOnly);
    let run = |rubric: &Rubric, n: usize| {
        for _ in 0..n {
            black_box(
                rubric
                    .evaluate_with(black_box(&facts), &steps_only)
                    .expect("scores"),
            );
        }
    };
    let mut group = c.benchmark_group("threads");
    group.sample_size(10);
    group.bench_function("one", |b| b.iter(|| run(&rubric, BATCH)));
    group.bench_function("two_sharing", |b| {
        b.iter(|| {
            std::thread::scope(|s| {
                s.spawn(|| run(&rubric, BATCH / 2));
                s.spawn(|| run(&rubric, BATCH / 2));
            })
        })
    });
    group.bench_function("two_own", |b| {
        b.iter(|| {
            std::thread::scope(|s| {
                s.spawn(|| run(&rubric, BATCH / 2));
                s.spawn(|| run(&own, BATCH / 2));
            })
        })
    });
    group.finish();
}

criterion_group!(benches, seed, threads);
criterion_main!(benches);
