//! Compile and evaluate the real rubrics in `rubrics/`.
//!
//! ```text
//! cargo bench --bench evaluate
//! ```

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use jixiao::{EvalOptions, Facts, Rubric, RubricSpec, Working};

fn read(rubric: &str, file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("rubrics")
        .join(rubric)
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn seed(c: &mut Criterion) {
    let name = "zhijiang-2020-department";
    let rubric_json = read(name, "rubric.json");
    let facts = Facts::from_json(&read(name, "facts.json")).expect("facts");
    let spec: RubricSpec = serde_json::from_str(&rubric_json).expect("spec");
    let rubric = Rubric::compile(spec.clone()).expect("rubric");

    c.bench_function(&format!("compile_json/{name}"), |b| {
        b.iter(|| Rubric::from_json(black_box(&rubric_json)).expect("compiles"))
    });
    c.bench_function(&format!("compile/{name}"), |b| {
        b.iter(|| Rubric::compile(black_box(spec.clone())).expect("compiles"))
    });
    let steps_only = EvalOptions::new().working(Working::StepsOnly);
    c.bench_function(&format!("evaluate_steps/{name}"), |b| {
        b.iter(|| {
            rubric
                .evaluate_with(black_box(&facts), &steps_only)
                .expect("evaluates")
        })
    });
    c.bench_function(&format!("evaluate/{name}"), |b| {
        b.iter(|| rubric.evaluate(black_box(&facts)).expect("evaluates"))
    });
}

criterion_group!(benches, seed);
criterion_main!(benches);
