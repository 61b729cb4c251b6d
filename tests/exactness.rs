//! Scores are what exact arithmetic on the inputs gives (issue 10, items
//! 1–4 and the last finding of 10): fractions divided once, compared
//! exactly, and figures a decimal cannot hold refused, never rounded.

use jixiao::{Facts, Lang, Rubric};
use rust_decimal_macros::dec;
use serde_json::json;

/// A one-leaf rubric over inputs `a` and `b`.
fn leaf(points: &str, precision: u32, rule: serde_json::Value) -> Rubric {
    Rubric::from_json(
        &json!({
            "title": "t", "total": points, "precision": precision,
            "grades": [{ "label": "全", "min": 0 }],
            "inputs": [{ "name": "a" }, { "name": "b" }],
            "indicators": [{ "id": "x", "name": "x", "points": points, "rule": rule }]
        })
        .to_string(),
    )
    .expect("the rubric compiles")
}

fn facts(a: &str, b: &str) -> Facts {
    Facts::new()
        .value("a", a.parse().expect("a decimal"))
        .value("b", b.parse().expect("a decimal"))
}

fn working(rubric: &Rubric, facts: &Facts) -> (Option<jixiao::Decimal>, String) {
    let e = rubric.evaluate(facts).expect("the facts score");
    let x = e.find("x").expect("the leaf");
    let w = x
        .leaf
        .as_ref()
        .and_then(|l| l.working.clone())
        .unwrap_or_default();
    (x.score, w)
}

#[test]
fn proportional_scores_are_divided_once_so_halves_round_the_right_way() {
    // 3 × 9.75 ÷ 90 = 0.325 exactly: 四舍五入 0.33, not 0.32.
    let rubric = leaf(
        "3",
        2,
        json!({ "kind": "proportional", "formula": "a", "target": 90, "better": "higher" }),
    );
    let (score, w) = working(&rubric, &facts("9.75", "0"));
    assert_eq!(score, Some(dec!(0.33)));
    assert_eq!(
        w,
        "x = 9.75，比例 = 9.75 ÷ 90 ≈ 0.1083，按比例计3 × 0.1083，计0.325分，四舍五入保留2位小数得0.33分（满分3分）"
    );
    // 4.5 × 1 ÷ 3 = 1.5 exactly: 2 at precision 0, not 1.
    let rubric = leaf(
        "4.5",
        0,
        json!({ "kind": "proportional", "formula": "a", "target": 3, "better": "higher" }),
    );
    assert_eq!(working(&rubric, &facts("1", "0")).0, Some(dec!(2)));
    // Lower is better: 4.5 × 3 ÷ 9 = 1.5.
    let rubric = leaf(
        "4.5",
        0,
        json!({ "kind": "proportional", "formula": "a", "target": 3, "better": "lower" }),
    );
    assert_eq!(working(&rubric, &facts("9", "0")).0, Some(dec!(2)));
    // Half to even sees the exact half too: 0.325 → 0.32, 1.5 → 2.
    let rubric = Rubric::from_json(
        &json!({
            "title": "t", "total": 3, "rounding": "half_even",
            "grades": [{ "label": "全", "min": 0 }],
            "inputs": [{ "name": "a" }],
            "indicators": [{ "id": "x", "name": "x", "points": 3, "rule":
                { "kind": "proportional", "formula": "a", "target": 90, "better": "higher" } }]
        })
        .to_string(),
    )
    .expect("the rubric compiles");
    let e = rubric
        .evaluate(&Facts::new().value("a", dec!(9.75)))
        .expect("scores");
    assert_eq!(e.total, Some(dec!(0.32)));
}

#[test]
fn fractions_are_compared_with_band_ends_and_thresholds_exactly() {
    // 2/3 is below 0.6666666666666666666666666667 (2/3 rounded up at 28
    // places), though the rounded quotient equals it.
    let bands = leaf(
        "5",
        2,
        json!({ "kind": "stepped_bands", "formula": "a/b", "bands": [
            { "range": "(-∞,0.6666666666666666666666666667)", "points": 0 },
            { "range": "[0.6666666666666666666666666667,+∞)", "points": 5 } ] }),
    );
    assert_eq!(working(&bands, &facts("2", "3")).0, Some(dec!(0)));
    let below = leaf(
        "5",
        2,
        json!({ "kind": "ratio_threshold", "formula": "a/b",
                "threshold": "0.6666666666666666666666666667", "direction": "below",
                "step": 1, "deduction": 1, "partial_unit": "any_started" }),
    );
    assert_eq!(working(&below, &facts("2", "3")).0, Some(dec!(4)));
}

#[test]
fn a_figure_a_decimal_cannot_hold_is_refused_or_computed_exactly() {
    // 7e28 ÷ 3 × 3 is exactly 7e28: 10 points, not 9 from 69999…9.
    let rubric = leaf(
        "10",
        2,
        json!({ "kind": "stepped_bands", "formula": "a/3×b", "bands": [
            { "range": "(-∞,70000000000000000000000000000)", "points": 9 },
            { "range": "[70000000000000000000000000000,+∞)", "points": 10 } ] }),
    );
    let (score, w) = working(&rubric, &facts("70000000000000000000000000000", "3"));
    assert_eq!(score, Some(dec!(10)));
    assert_eq!(
        w,
        "x = 70000000000000000000000000000 ÷ 3 × 3 = 70000000000000000000000000000，落在[70000000000000000000000000000,+∞)区间，计10分，得10分（满分10分）"
    );
    // A product of 10⁻¹⁵ × 10⁻¹⁵ is not 0: it needs 30 places.
    let tiny = leaf(
        "10",
        2,
        json!({ "kind": "stepped_bands", "formula": "a×b", "bands": [
            { "range": "(-∞,0]", "points": 0 }, { "range": "(0,+∞)", "points": 10 } ] }),
    );
    let err = tiny
        .evaluate(&facts("0.000000000000001", "0.000000000000001"))
        .expect_err("refused");
    assert_eq!(
        err.to_string(),
        "the facts have 1 problem:\n\
         indicator `x`: field `rule.formula`: formula `0.000000000000001 × 0.000000000000001` cannot be computed exactly: a figure in it is too large for an exact decimal or needs more than its 28 significant digits"
    );
}

#[test]
fn a_value_with_29_significant_digits_is_not_rounded_into_the_standard() {
    // 3.0003000000000000000000000001 ÷ 3 × 100% is just above 100.01%: one
    // started step over, where a rounded a × 100 lands exactly on it.
    let rubric = leaf(
        "5",
        2,
        json!({ "kind": "ratio_threshold", "formula": "a/b×100%", "threshold": "100.01%",
                "direction": "above", "step": "1%", "deduction": 1,
                "partial_unit": "any_started" }),
    );
    let (score, _) = working(&rubric, &facts("3.0003000000000000000000000001", "3"));
    assert_eq!(score, Some(dec!(4)));
}

#[test]
fn inexact_figures_in_the_working_are_written_approximately() {
    // 1 ÷ 3 is never printed with `=`.
    let rubric = leaf(
        "5",
        2,
        json!({ "kind": "proportional", "formula": "a/b", "target": 1, "better": "higher" }),
    );
    let e = rubric
        .evaluate_with(&facts("1", "3"), &jixiao::EvalOptions::new().lang(Lang::En))
        .expect("scores");
    let w = e
        .find("x")
        .and_then(|x| x.leaf.as_ref())
        .and_then(|l| l.working.clone());
    assert_eq!(
        w.as_deref(),
        Some("x = 1 ÷ 3 ≈ 0.33; ratio = 0.33 ÷ 1 ≈ 0.3333; 5 × 0.3333; about 1.6667, rounded half up to 2 places: score 1.67 of 5 points")
    );
}

#[test]
fn claims_that_add_up_beyond_a_decimal_are_an_error_not_a_saturated_sum() {
    let points: Vec<serde_json::Value> = (0..7)
        .map(|i| {
            json!({ "id": format!("x{i}"), "name": format!("x{i}"), "points": 1,
                         "rule": { "kind": "judgement" } })
        })
        .collect();
    let rubric = Rubric::from_json(
        &json!({ "title": "t", "total": 7, "grades": [{ "label": "全", "min": 0 }],
                 "indicators": points })
        .to_string(),
    )
    .expect("compiles");
    let mut facts = Facts::new();
    for i in 0..7 {
        facts = facts
            .answer(format!("x{i}"), jixiao::Answer::judgement(dec!(1), "理由"))
            .claim(format!("x{i}"), jixiao::Decimal::MAX);
    }
    let err = rubric.review(&facts).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "the facts have 1 problem:\n\
         field `claimed`: the sum of the claimed scores cannot be computed exactly: a figure in it is too large for an exact decimal or needs more than its 28 significant digits"
    );
}

#[test]
fn exponent_literals_are_read_exactly_or_quoted_as_written() {
    // 1E-28 is exactly 10⁻²⁸, which a decimal holds.
    let facts = Facts::from_json(r#"{"values": {"a": 1E-28, "b": 2.5e3}}"#).expect("read");
    assert_eq!(
        facts.values.get("a"),
        Some(&jixiao::FactValue::Number(dec!(
            0.0000000000000000000000000001
        )))
    );
    assert_eq!(
        facts.values.get("b"),
        Some(&jixiao::FactValue::Number(dec!(2500)))
    );
    let err = Facts::from_json(r#"{"values": {"a": 1e300}}"#).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "facts: field `values.a`: the JSON number 1e300 is too large for an exact decimal (at most 79228162514264337593543950335) (line 1, column 18)"
    );
    // Through serde directly, without the scan, the number is still quoted
    // briefly.
    let err = serde_json::from_str::<Facts>(r#"{"values": {"a": 1e300}}"#).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "the number 1e300 is out of the range of an exact decimal (at most 28 digits before or after the point) at line 1 column 22"
    );
}
