//! A thread that evaluates one rubric many times evaluates its own copy of
//! it from the 256th time on (so that threads sharing a rubric do not
//! write the same reference counts): the results are the same, for every
//! rubric in `rubrics/`.

mod util;

use std::sync::Arc;

use jixiao::{EvalOptions, Facts, Working};

/// More evaluations than a thread makes before it copies a rubric.
const MANY: usize = 300;

#[test]
fn a_rubric_evaluated_often_on_a_thread_gives_the_same_results_from_its_copy() {
    let steps = EvalOptions::new().working(Working::StepsOnly);
    let mut checked = 0;
    for dir in util::rubric_folders() {
        // Each rubric on a thread of its own, which has evaluated nothing.
        std::thread::scope(|s| {
            s.spawn(|| {
                let rubric = util::load_rubric(&dir).expect("the rubric compiles");
                let facts = Facts::from_json(&util::read(&dir.join("facts.json"))).expect("facts");
                let first = rubric.evaluate_with(&facts, &steps).expect("scores");
                let first_review = rubric.review(&facts).expect("reviews");
                let mut last = None;
                for _ in 1..MANY {
                    let again = rubric.evaluate_with(&facts, &steps).expect("scores");
                    assert_eq!(again, first, "{}", dir.display());
                    last = Some(again);
                }
                assert_eq!(
                    rubric.review(&facts).expect("reviews"),
                    first_review,
                    "{}",
                    dir.display()
                );
                // The last result names its indicators from the thread's
                // own copy, not from the shared rubric.
                let last = last.expect("evaluated");
                assert!(
                    !Arc::ptr_eq(&first.indicators[0].id, &last.indicators[0].id),
                    "{}: the result still names the shared rubric's indicators",
                    dir.display()
                );
            });
        });
        checked += 1;
    }
    assert!(checked > 5, "only {checked} rubrics found");
}
