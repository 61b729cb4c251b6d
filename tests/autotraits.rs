//! Every public type can cross threads: a compiled rubric is shared by a
//! service's workers, and errors travel through `Box<dyn Error + Send + Sync>`.

fn assert_send_sync<T: Send + Sync + 'static>() {}

#[test]
fn public_types_are_send_and_sync() {
    use jixiao::*;
    assert_send_sync::<Rubric>();
    assert_send_sync::<RubricSpec>();
    assert_send_sync::<IndicatorSpec>();
    assert_send_sync::<Rule>();
    assert_send_sync::<Facts>();
    assert_send_sync::<Answer>();
    assert_send_sync::<Evaluation>();
    assert_send_sync::<IndicatorEvaluation>();
    assert_send_sync::<Step>();
    assert_send_sync::<Review>();
    assert_send_sync::<Finding>();
    assert_send_sync::<EvalOptions>();
    assert_send_sync::<Error>();
    assert_send_sync::<CompileError>();
    assert_send_sync::<RubricIssue>();
    assert_send_sync::<EvaluationError>();
    assert_send_sync::<FactIssue>();
    assert_send_sync::<FormulaError>();
    assert_send_sync::<JsonError>();
    assert_send_sync::<IndicatorPath>();
    assert_send_sync::<TargetTable>();
    assert_send_sync::<TargetValue>();
    assert_send_sync::<Unit>();
    assert_send_sync::<Convention>();
    assert_send_sync::<Actual>();
    assert_send_sync::<Deviation>();
    assert_send_sync::<Batch>();
    assert_send_sync::<BatchSummary>();
    assert_send_sync::<TextError>();
    assert_send_sync::<Criterion<'static>>();
    assert_send_sync::<Recognition>();
    assert_send_sync::<Reading>();
    assert_send_sync::<Span>();
    assert_send_sync::<Wording>();
    assert_send_sync::<Draft>();
    assert_send_sync::<ImportedRow>();
    assert_send_sync::<TableProblem>();
    assert_send_sync::<ImportError>();
    assert_send_sync::<Unresolved>();
}

#[test]
fn errors_are_std_errors() {
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<jixiao::Error>();
    assert_error::<jixiao::CompileError>();
    assert_error::<jixiao::EvaluationError>();
    assert_error::<jixiao::JsonError>();
    assert_error::<jixiao::FormulaError>();
    assert_error::<jixiao::TextError>();
}

/// A rubric shared by threads gives each the same result, and a thread may
/// still evaluate from a thread-local's destructor, after the crate's own
/// per-thread copies are gone (they are made again for that call).
#[test]
fn evaluating_from_any_thread_and_from_a_thread_locals_destructor() {
    use std::cell::RefCell;
    use std::sync::{Arc, Mutex};

    use jixiao::{Evaluation, Facts, Rubric};

    let rubric = Arc::new(
        Rubric::from_json(include_str!("../rubrics/example-structures/rubric.json"))
            .expect("compiles"),
    );
    let facts = Arc::new(
        Facts::from_json(include_str!("../rubrics/example-structures/facts.json")).expect("facts"),
    );
    let here = rubric.evaluate(&facts).expect("scores");

    struct AtExit {
        rubric: Arc<Rubric>,
        facts: Arc<Facts>,
        out: Arc<Mutex<Option<Evaluation>>>,
    }
    impl Drop for AtExit {
        fn drop(&mut self) {
            let e = self.rubric.evaluate(&self.facts).expect("scores");
            *self.out.lock().expect("not poisoned") = Some(e);
        }
    }
    thread_local! {
        static AT_EXIT: RefCell<Option<AtExit>> = const { RefCell::new(None) };
    }

    let out = Arc::new(Mutex::new(None));
    let (r, f, o) = (Arc::clone(&rubric), Arc::clone(&facts), Arc::clone(&out));
    let there = std::thread::spawn(move || {
        // Registered first, so destroyed after the crate's own.
        AT_EXIT.with(|a| {
            *a.borrow_mut() = Some(AtExit {
                rubric: Arc::clone(&r),
                facts: Arc::clone(&f),
                out: o,
            })
        });
        r.evaluate(&f).expect("scores")
    })
    .join()
    .expect("the thread ends without a panic");
    assert_eq!(there, here);
    let at_exit = out.lock().expect("not poisoned").take();
    assert_eq!(at_exit.as_ref(), Some(&here));
}
