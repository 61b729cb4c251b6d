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
