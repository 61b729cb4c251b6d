//! A thread that evaluates one rubric many times evaluates its own copy of
//! it from the `limits::COPY_AFTER_EVALUATIONS`th time on (so that threads
//! sharing a rubric do not write the same reference counts): the results
//! are the same, for every rubric in `rubrics/`.

mod util;

use std::sync::Arc;

use jixiao::limits::{COPIES_PER_THREAD, COPY_AFTER_EVALUATIONS};
use jixiao::{EvalOptions, Facts, Lang, Rubric, Working};

/// More evaluations than a thread makes before it copies a rubric.
const MANY: u32 = COPY_AFTER_EVALUATIONS + 10;

/// What a rubric gives for its facts: evaluations in both languages, with
/// steps and sentences, its review, and the error for facts it refuses.
fn outputs(rubric: &Rubric, facts: &Facts, bad: &Facts) -> Vec<String> {
    let mut out = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        for working in [Working::Sentences, Working::StepsOnly] {
            let options = EvalOptions::new().lang(lang).working(working);
            out.push(format!("{:?}", rubric.evaluate_with(facts, &options)));
        }
    }
    out.push(format!("{:?}", rubric.review(facts)));
    out.push(format!("{:?}", rubric.evaluate(bad)));
    out
}

#[test]
fn a_rubric_evaluated_often_on_a_thread_gives_the_same_results_from_its_copy() {
    let steps = EvalOptions::new().working(Working::StepsOnly);
    let mut checked = 0;
    for dir in util::rubric_folders() {
        // Each rubric on a thread of its own, which has evaluated nothing.
        std::thread::scope(|s| {
            s.spawn(|| {
                let rubric = util::load_rubric(&dir).expect("the rubric compiles");
                let text = util::read(&dir.join("facts.json"));
                let facts = Facts::from_json(&text).expect("facts");
                let bad = Facts::from_json(&text)
                    .expect("facts")
                    .value("没有这项基础数据", "1".parse().expect("a number"));
                let before = outputs(&rubric, &facts, &bad);
                let first = rubric.evaluate_with(&facts, &steps).expect("scores");
                for _ in 0..MANY {
                    assert_eq!(
                        rubric.evaluate_with(&facts, &steps).expect("scores"),
                        first,
                        "{}",
                        dir.display()
                    );
                }
                let last = rubric.evaluate_with(&facts, &steps).expect("scores");
                // The result names its indicators from the thread's own
                // copy now, not from the shared rubric.
                assert!(
                    !Arc::ptr_eq(&first.indicators[0].id, &last.indicators[0].id),
                    "{}: the result still names the shared rubric's indicators",
                    dir.display()
                );
                assert_eq!(outputs(&rubric, &facts, &bad), before, "{}", dir.display());
            });
        });
        checked += 1;
    }
    assert!(checked > 5, "only {checked} rubrics found");
}

/// A thread cycling through more rubrics than it keeps copies of still
/// evaluates most of them on copies: a copy made pushes out the least
/// recently used, whose count starts again.
#[test]
fn a_thread_cycling_through_more_rubrics_than_it_keeps_uses_copies() {
    std::thread::spawn(|| {
        let (seed, facts) = util::seed();
        let spec = seed.spec().clone();
        let rubrics: Vec<Rubric> = (0..COPIES_PER_THREAD + 2)
            .map(|_| Rubric::compile(spec.clone()).expect("the seed compiles"))
            .collect();
        let steps = EvalOptions::new().working(Working::StepsOnly);
        let first: Vec<_> = rubrics
            .iter()
            .map(|r| r.evaluate_with(&facts, &steps).expect("scores"))
            .collect();
        let mut last = Vec::new();
        for _ in 0..MANY {
            last = rubrics
                .iter()
                .map(|r| r.evaluate_with(&facts, &steps).expect("scores"))
                .collect();
            assert_eq!(last, first);
        }
        let copied = first
            .iter()
            .zip(&last)
            .filter(|(f, l)| !Arc::ptr_eq(&f.indicators[0].id, &l.indicators[0].id))
            .count();
        assert_eq!(copied, COPIES_PER_THREAD);
    })
    .join()
    .expect("the thread ends");
}
