//! A fixed workload to count instructions with callgrind (issue 12: verify
//! and review linear in leaves). Runs one operation `ITERATIONS` times on a
//! synthetic rubric of `LEAVES` leaves (`benches/synthetic`), or on the seed
//! with `LEAVES` 0; `compile` compiles the seed from its JSON text; `floor` runs the hand-written seed scorer
//! (`benches/seed/scorer.rs`); `none` builds the inputs only, to subtract.
//!
//! ```text
//! cargo build --release --example workload
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!   target/release/examples/workload review 1000 20
//! ```
//!
//! Instructions per leaf: (the operation's total − `none`'s) ÷ iterations
//! ÷ leaves. Every mode first reviews the facts once and evaluates them
//! until the thread has its own copy of the rubric (`src/replica.rs`), so
//! that what is worked out once and kept (the copy, its hash, the scores
//! its rules can give) is not counted in the loop.

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

#[path = "../benches/seed/scorer.rs"]
#[allow(dead_code)] // `ROWS` is for the test that checks the scorer
mod scorer;

use jixiao::{EvalOptions, Facts, Rubric, Working};

/// The seed rubric's document.
const SEED: &str = include_str!("../rubrics/zhijiang-2020-department/rubric.json");

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_default();
    let number =
        |a: Option<String>, default: usize| a.and_then(|s| s.parse().ok()).unwrap_or(default);
    let leaves = number(args.next(), 0);
    let iterations = number(args.next(), 1000);
    let (rubric, facts) = if leaves > 0 {
        let (r, f) = synthetic::rubric_and_facts(leaves);
        (
            Rubric::from_json(&r).expect("the synthetic rubric compiles"),
            Facts::from_json(&f).expect("the synthetic facts read"),
        )
    } else {
        (
            Rubric::from_json(SEED).expect("the seed compiles"),
            Facts::from_json(include_str!("../benches/seed/facts.json")).expect("facts"),
        )
    };
    // What is worked out once and kept (the thread's copy of the rubric,
    // its hash, the scores its rules can give) is worked out here, in
    // every mode, so that it is subtracted with `none` and the loop counts
    // the steady state.
    let steps = EvalOptions::new().working(Working::StepsOnly);
    for _ in 0..jixiao::limits::COPY_AFTER_EVALUATIONS {
        let _ = std::hint::black_box(rubric.evaluate_with(&facts, &steps));
    }
    let _ = std::hint::black_box(rubric.review(&facts));
    let typed = scorer::seed_facts();
    for _ in 0..iterations {
        match mode.as_str() {
            "floor" => drop(std::hint::black_box(scorer::score(std::hint::black_box(
                &typed,
            )))),
            "steps" => drop(std::hint::black_box(
                rubric.evaluate_with(&facts, &steps).expect("scores"),
            )),
            "sentences" => drop(std::hint::black_box(
                rubric.evaluate(&facts).expect("scores"),
            )),
            "review" => drop(std::hint::black_box(
                rubric.review(&facts).expect("reviews"),
            )),
            "verify" => drop(std::hint::black_box(rubric.verify())),
            "compile" => drop(std::hint::black_box(
                Rubric::from_json(std::hint::black_box(SEED)).expect("the seed compiles"),
            )),
            "none" => {}
            other => {
                eprintln!("usage: workload floor|steps|sentences|review|verify|compile|none LEAVES ITERATIONS (not `{other}`)");
                std::process::exit(2);
            }
        }
    }
}
