//! Compile and evaluate the real rubrics in `rubrics/`, and a 30-row
//! project target table: generating and compiling its rubric, evaluating
//! and reviewing its facts.
//!
//! ```text
//! cargo bench --bench evaluate
//! cargo bench --bench evaluate -- targets
//! ```

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use jixiao::{Actual, Convention, EvalOptions, Facts, Rubric, RubricSpec, TargetTable, Working};

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

/// A 30-row target table as a project declares it — every form of
/// 年度指标值 the documents use — and facts for it, actuals written with
/// their units, some missed, one overshot, one qualitative.
fn thirty_rows() -> (TargetTable, Facts) {
    let mut rows = Vec::new();
    let mut facts = Facts::new()
        .value("全年预算数", "250".parse().expect("a number"))
        .value("全年执行数", "212.5".parse().expect("a number"));
    let groups = [
        ("产出指标", 20, "2.5"),
        ("效益指标", 6, "5"),
        ("满意度指标", 4, "2.5"),
    ];
    let mut n = 0;
    for (level1, count, points) in groups {
        for i in 0..count {
            n += 1;
            let name = format!("指标{n}");
            let (target, actual) = match n % 8 {
                0 => (format!("≥{}人次", 100 * n), format!("{}人次", 95 * n)),
                1 => ("≤12个月".to_owned(), "14个月".to_owned()),
                2 => ("不低于95%".to_owned(), "93.3%".to_owned()),
                3 => ("=100%".to_owned(), "98%".to_owned()),
                4 => ("95%-105%".to_owned(), "101%".to_owned()),
                5 => ("不超过0.5万元/场".to_owned(), "5600元/场".to_owned()),
                6 => (format!("{}个", n), format!("{}个", 3 * n)),
                _ => ("效果明显".to_owned(), String::new()),
            };
            rows.push(format!(
                r#"{{"level1": "{level1}", "level2": "二级{}", "name": "{name}", "target": "{target}", "points": {points}}}"#,
                i % 3
            ));
            facts = if actual.is_empty() {
                facts.actual(
                    name,
                    Actual::Level(jixiao::AnswerFields {
                        level: Some("部分达成".to_owned()),
                        // 70% of the points: inside 部分达成 [60%,80%).
                        score: Some(
                            points.parse::<jixiao::Decimal>().expect("a number")
                                * jixiao::Decimal::new(7, 1),
                        ),
                        reason: Some("部分示范点带动不足".to_owned()),
                        ..jixiao::AnswerFields::default()
                    }),
                )
            } else {
                facts.actual(name, actual.as_str())
            };
        }
    }
    let json = format!(
        r#"{{"title": "三十行绩效目标表", "indicators": [{}]}}"#,
        rows.join(",")
    );
    (TargetTable::from_json(&json).expect("a table"), facts)
}

fn targets(c: &mut Criterion) {
    let (table, facts) = thirty_rows();
    let convention = Convention::national();
    let rubric = Rubric::from_targets(&table, &convention).expect("compiles");
    c.bench_function("targets_compile/30-rows", |b| {
        b.iter(|| Rubric::from_targets(black_box(&table), &convention).expect("compiles"))
    });
    let steps_only = EvalOptions::new().working(Working::StepsOnly);
    c.bench_function("targets_evaluate_steps/30-rows", |b| {
        b.iter(|| {
            rubric
                .evaluate_with(black_box(&facts), &steps_only)
                .expect("evaluates")
        })
    });
    c.bench_function("targets_evaluate/30-rows", |b| {
        b.iter(|| rubric.evaluate(black_box(&facts)).expect("evaluates"))
    });
    c.bench_function("targets_review/30-rows", |b| {
        b.iter(|| rubric.review(black_box(&facts)).expect("reviews"))
    });
}

criterion_group!(benches, seed, targets);
criterion_main!(benches);
