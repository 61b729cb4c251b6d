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
        "facts: field `values.a`: the JSON number 1e300 is too large for an exact decimal (at most 79228162514264337593543950335) (line 1, column 22)"
    );
    // Through serde directly the number is quoted as serde_json scanned
    // it (with the exponent's sign written out).
    let err = serde_json::from_str::<Facts>(r#"{"values": {"a": 1e300}}"#).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "the JSON number 1e+300 is too large for an exact decimal (at most 79228162514264337593543950335) at line 1 column 22"
    );
}

/// Every public way of reading a document reads `0.10000000000000000001`
/// as written, never as `0.1`: the crate's `from_json`, a plain
/// `serde_json::from_str` (as a web framework's JSON extractor does), and
/// `serde_json::from_value` of a parsed `Value`, for facts, rubrics, target
/// tables and conventions alike (issue 11, item 3).
#[test]
fn every_deserialisation_path_reads_numbers_as_written() {
    use jixiao::{Convention, FactValue, RubricSpec, TargetTable};
    use serde::de::DeserializeOwned;
    use serde_json::Value;

    const LONG: &str = "0.10000000000000000001";
    /// The document read three ways; each must agree.
    fn three_ways<T: DeserializeOwned>(text: &str, from_json: impl Fn(&str) -> T) -> [T; 3] {
        let value: Value = serde_json::from_str(text).expect("JSON");
        [
            from_json(text),
            serde_json::from_str::<T>(text).expect("serde_json::from_str"),
            serde_json::from_value::<T>(value).expect("serde_json::from_value"),
        ]
    }

    let facts = format!(r#"{{"values": {{"a": {LONG}, "b": 6.280}}, "claimed": {{"x": {LONG}}}}}"#);
    for (i, f) in three_ways::<Facts>(&facts, |t| Facts::from_json(t).expect("facts"))
        .iter()
        .enumerate()
    {
        assert_eq!(
            f.values.get("a"),
            Some(&FactValue::Number(dec!(0.10000000000000000001))),
            "path {i}"
        );
        assert_ne!(
            f.values.get("a"),
            Some(&FactValue::Number(dec!(0.1))),
            "path {i}"
        );
        assert_eq!(
            f.values.get("b"),
            Some(&FactValue::Number(dec!(6.28))),
            "path {i}"
        );
        assert_eq!(
            f.claimed.get("x").map(|c| c.0),
            Some(dec!(0.10000000000000000001)),
            "path {i}"
        );
    }

    let rubric = json!({
        "title": "t", "total": 1,
        "grades": [{ "label": "全", "min": 0 }],
        "inputs": [{ "name": "a" }],
        "indicators": [{ "id": "x", "name": "x", "points": 1, "rule":
            { "kind": "ratio_threshold", "formula": "a", "threshold": 1, "direction": "above",
              "step": 1, "deduction": 0.5, "partial_unit": "proportional" } }]
    })
    .to_string()
    .replace("\"deduction\":0.5", &format!("\"deduction\":{LONG}"));
    assert!(rubric.contains(LONG));
    for (i, spec) in three_ways::<RubricSpec>(&rubric, |t| {
        jixiao::Rubric::from_json(t).expect("rubric").spec().clone()
    })
    .iter()
    .enumerate()
    {
        let text = serde_json::to_string(&spec.indicators[0].rule).expect("serialises");
        assert!(
            text.contains(&format!("\"deduction\":\"{LONG}\"")),
            "path {i}: {text}"
        );
    }

    let table = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rubrics/mof-2020-unit-self-evaluation/targets.json"
    ))
    .expect("the shipped table");
    let mut value: Value = serde_json::from_str(&table).expect("JSON");
    value["indicators"][0]["points"] = json!("PLACEHOLDER");
    let table = value.to_string().replace("\"PLACEHOLDER\"", LONG);
    for (i, t) in three_ways::<TargetTable>(&table, |t| TargetTable::from_json(t).expect("table"))
        .iter()
        .enumerate()
    {
        let text = serde_json::to_string(t).expect("serialises");
        assert!(text.contains(LONG), "path {i}: {text}");
    }

    // A batch of departments (relative scores) holds facts: read the same.
    let batch = format!(r#"{{"departments": [{{"name": "甲区", "facts": {facts}}}]}}"#);
    for (i, b) in three_ways::<jixiao::Departments>(&batch, |t| {
        jixiao::Departments::from_json(t).expect("departments")
    })
    .iter()
    .enumerate()
    {
        assert_eq!(
            b.departments[0].facts.values.get("a"),
            Some(&FactValue::Number(dec!(0.10000000000000000001))),
            "path {i}"
        );
    }

    let convention = serde_json::to_value(Convention::national()).expect("serialises");
    let mut convention = convention;
    convention["total"] = json!("PLACEHOLDER");
    let convention = convention.to_string().replace("\"PLACEHOLDER\"", LONG);
    for (i, c) in three_ways::<Convention>(&convention, |t| {
        Convention::from_json(t).expect("convention")
    })
    .iter()
    .enumerate()
    {
        let text = serde_json::to_string(c).expect("serialises");
        assert!(text.contains(LONG), "path {i}: {text}");
    }
}
