//! Recognising the seed's 17 评价标准 texts, and importing the seed's
//! 附件1 table (`rubrics/zhijiang-2020-department/table.csv`).
//!
//! ```text
//! cargo bench --bench recognise
//! ```

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use jixiao::{import_table, Criterion as Wording, RubricSpec};

#[path = "../tests/util/mod.rs"]
mod util;

const SEED: &str = "zhijiang-2020-department";

fn read(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("rubrics")
        .join(SEED)
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn seed(c: &mut Criterion) {
    let spec: RubricSpec = serde_json::from_str(&read("rubric.json")).expect("spec");
    let rows = util::leaves(&spec.indicators);
    assert_eq!(rows.len(), 17);
    c.bench_function(&format!("recognise/{SEED}"), |b| {
        b.iter(|| {
            for row in &rows {
                let mut w = Wording::new(row.criterion.as_deref().unwrap_or_default())
                    .name(&row.name)
                    .points(row.points);
                if let Some(d) = &row.definition {
                    w = w.definition(d);
                }
                black_box(w.recognise());
            }
        })
    });
    let table = read("table.csv");
    c.bench_function(&format!("import/{SEED}"), |b| {
        b.iter(|| import_table(black_box(&table)).expect("imports"))
    });
}

criterion_group!(benches, seed);
criterion_main!(benches);
