//! The crate agrees with its own design where an independent
//! implementation of the same semantics disagreed (issue 10, items 8 and
//! 10): verification says what a rubric always does, ranges hold only the
//! scores that can happen, and facts that cannot apply are refused.

use jixiao::{Facts, Rubric, Severity};
use rust_decimal_macros::dec;
use serde_json::json;

fn rubric(indicator: serde_json::Value) -> Rubric {
    Rubric::from_json(
        &json!({
            "title": "t", "total": 10, "grades": [{ "label": "全", "min": 0 }],
            "inputs": [{ "name": "a", "min": 0 }, { "name": "b", "min": 0 }],
            "indicators": [indicator]
        })
        .to_string(),
    )
    .expect("the rubric compiles")
}

fn warnings(r: &Rubric) -> Vec<String> {
    r.verify()
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .map(ToString::to_string)
        .collect()
}

#[test]
fn verify_warns_of_a_denominator_that_is_always_zero() {
    let r = rubric(json!({ "id": "x", "name": "x", "points": 10, "rule": {
        "kind": "stepped_bands", "formula": "a/0", "zero_denominator": "full",
        "bands": [{ "range": "(-∞,1)", "points": 0 }, { "range": "[1,+∞)", "points": 10 }] } }));
    assert_eq!(
        warnings(&r),
        ["warning: indicator `x`: field `rule.formula`: the denominator `0` is always 0, whatever the facts: every department scores full points"]
    );
    let r = rubric(json!({ "id": "x", "name": "x", "points": 10, "rule": {
        "kind": "proportional", "formula": "a/(0×b)", "target": 1, "better": "higher" } }));
    assert_eq!(
        warnings(&r),
        ["warning: indicator `x`: field `rule.formula`: the denominator `0 × b` is always 0, whatever the facts: no facts can be scored, since the rule does not say what a zero denominator means"]
    );
}

fn range(r: &Rubric, facts: &Facts) -> Result<(jixiao::Decimal, jixiao::Decimal), String> {
    r.evaluate(facts)
        .map(|e| (e.low, e.high))
        .map_err(|e| e.to_string())
}

#[test]
fn a_known_zero_denominator_decides_the_leaf_whatever_the_unknown_numerator() {
    let bands = |zero: Option<&str>| {
        let mut rule = json!({ "kind": "stepped_bands", "formula": "a/b×100%", "bands": [
            { "range": "(-∞,50%)", "points": 0 }, { "range": "[50%,+∞)", "points": 10 } ] });
        if let Some(z) = zero {
            rule["zero_denominator"] = json!(z);
        }
        rubric(json!({ "id": "x", "name": "x", "points": 10, "rule": rule }))
    };
    let facts = Facts::new().unknown("a").value("b", dec!(0));
    // No clause: the leaf cannot be scored, whatever `a` is.
    assert_eq!(
        range(&bands(None), &facts),
        Err("the facts have 1 problem:\n\
             indicator `x`: field `rule.formula`: formula `a ÷ 0 × 100%` divides by zero, and the rule does not say what a zero denominator means (set `zero_denominator` to full, zero or not_applicable)"
            .to_owned())
    );
    // `full`: only 10 is possible.
    assert_eq!(
        range(&bands(Some("full")), &facts),
        Ok((dec!(10), dec!(10)))
    );
    assert_eq!(range(&bands(Some("zero")), &facts), Ok((dec!(0), dec!(0))));
}

#[test]
fn an_override_on_a_leaf_a_zero_denominator_leaves_out_is_refused() {
    let r = Rubric::from_json(
        &json!({
            "title": "t", "total": 10, "grades": [{ "label": "全", "min": 0 }],
            "inputs": [{ "name": "a", "min": 0 }, { "name": "b", "min": 0 }],
            "indicators": [
                { "id": "x", "name": "x", "points": 5, "not_applicable": "exclude",
                  "rule": { "kind": "proportional", "formula": "a/b", "target": 1,
                            "better": "higher", "zero_denominator": "not_applicable" } },
                { "id": "y", "name": "y", "points": 5, "rule": { "kind": "judgement" } }
            ]
        })
        .to_string(),
    )
    .expect("the rubric compiles");
    let facts = Facts::new()
        .value("a", dec!(1))
        .value("b", dec!(0))
        .answer("y", jixiao::Answer::judgement(dec!(5), "理由"))
        .override_score("x", dec!(4), "复核");
    let err = r.evaluate(&facts).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "the facts have 1 problem:\n\
         indicator `x`: field `overrides.x`: expected an override only on a leaf that is scored, found an override on a leaf left out because its formula's denominator is 0 (`zero_denominator: not_applicable`, `not_applicable: exclude`)"
    );
}

#[test]
fn an_unknown_value_ranges_over_the_bands_it_can_reach() {
    // `absolute` bands: a 0-point band below 0 can never apply to |value|.
    let r = rubric(json!({ "id": "x", "name": "x", "points": 10, "rule": {
        "kind": "stepped_bands", "formula": "a-b", "absolute": true, "bands": [
            { "range": "(-∞,0)", "points": 0 }, { "range": "[0,5]", "points": 10 },
            { "range": "(5,+∞)", "points": 6 } ] } }));
    let facts = Facts::new().unknown("a").value("b", dec!(1));
    assert_eq!(range(&r, &facts), Ok((dec!(6), dec!(10))));
}
