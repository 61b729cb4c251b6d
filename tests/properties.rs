//! The crate's own properties, over random valid rubrics and facts generated
//! by [`jixiao::testkit`] (values concentrated at every threshold and band
//! edge, unknowns, not-applicable marks), and over mostly-wrong input.
//!
//! Each property runs 64 cases by default, sized for a 2-core CI run; run
//! more with `PROPTEST_CASES=5000 cargo test --test properties --release`.

use jixiao::testkit::{self, FactsConfig};
use jixiao::{
    Answer, Decimal, EvalOptions, Evaluation, Facts, IndicatorEvaluation, ItemAnswer, Lang, Rubric,
    RubricSpec, Step, Working,
};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    }
}

fn check_node(node: &IndicatorEvaluation) -> Result<(), TestCaseError> {
    prop_assert!(
        node.low <= node.high,
        "{}: low {} > high {}",
        node.id,
        node.low,
        node.high
    );
    if let Some(score) = node.score {
        prop_assert_eq!(score, node.low);
        prop_assert_eq!(score, node.high);
    }
    prop_assert!(
        node.low >= Decimal::ZERO,
        "{}: {} below 0",
        node.id,
        node.low
    );
    prop_assert!(
        node.high <= node.points,
        "{}: {} above its {} points",
        node.id,
        node.high,
        node.points
    );
    if !node.children.is_empty() {
        let low: Decimal = node.children.iter().map(|c| c.low).sum();
        let high: Decimal = node.children.iter().map(|c| c.high).sum();
        prop_assert_eq!(
            node.low,
            low,
            "{}: branch low is not the sum of its children",
            node.id
        );
        prop_assert_eq!(
            node.high,
            high,
            "{}: branch high is not the sum of its children",
            node.id
        );
    }
    for child in &node.children {
        check_node(child)?;
    }
    Ok(())
}

fn check_evaluation(rubric: &Rubric, e: &Evaluation) -> Result<(), TestCaseError> {
    for node in &e.indicators {
        check_node(node)?;
    }
    prop_assert!(e.low <= e.high);
    prop_assert!(
        e.low >= Decimal::ZERO && e.high <= rubric.total(),
        "total {}..{} outside [0, {}]",
        e.low,
        e.high,
        rubric.total()
    );
    if e.rescaled.is_none() {
        let low: Decimal = e.indicators.iter().map(|c| c.low).sum();
        prop_assert_eq!(e.low, low);
    }
    Ok(())
}

/// Every number written in a sentence is one the steps hold, rounded as
/// the working rounds it.
fn check_sentence(leaf: &IndicatorEvaluation, precision: u32) -> Result<(), TestCaseError> {
    let Some(detail) = &leaf.leaf else {
        return Ok(());
    };
    let Some(working) = &detail.working else {
        return Ok(());
    };
    let mut known: Vec<Decimal> = vec![
        leaf.points,
        Decimal::ONE_HUNDRED,
        Decimal::ZERO,
        Decimal::ONE,
        Decimal::from(precision),
    ];
    let mut add = |v: Decimal| {
        for v in [v, v.abs()] {
            known.push(v);
            for dp in [precision.max(2), precision + 2] {
                known.push(v.round_dp_with_strategy(
                    dp,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                ));
            }
            // A figure that would show as 0 is shown to two significant
            // digits.
            if !v.is_zero() {
                let n = v.normalize();
                let digits = n.mantissa().unsigned_abs().to_string().len();
                let leading = (n.scale() as usize).saturating_sub(digits);
                known.push(v.round_dp_with_strategy(
                    ((leading + 2) as u32).min(28),
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                ));
            }
        }
    };
    for step in &detail.steps {
        let value = serde_json::to_value(step).map_err(|e| TestCaseError::fail(e.to_string()))?;
        collect_numbers(&value, &mut add);
        if let Step::Measure { inputs, .. } = step {
            for i in inputs {
                add(i.value);
            }
        }
    }
    add(leaf.points / Decimal::TWO);
    for token in numbers_in(working) {
        let Ok(n) = token.parse::<Decimal>() else {
            continue;
        };
        prop_assert!(
            known.contains(&n),
            "{}: the working `{working}` writes {token}, which no step holds",
            leaf.id
        );
    }
    Ok(())
}

fn collect_numbers(value: &serde_json::Value, add: &mut dyn FnMut(Decimal)) {
    match value {
        serde_json::Value::String(s) => {
            if let Ok(d) = s.parse::<Decimal>() {
                add(d);
            } else {
                // Intervals such as `(0%,10%]` hold their numbers as text.
                for token in numbers_in(s) {
                    if let Ok(d) = token.parse::<Decimal>() {
                        add(d);
                    }
                }
            }
        }
        serde_json::Value::Number(n) => {
            if let Ok(d) = n.to_string().parse::<Decimal>() {
                add(d);
            }
        }
        serde_json::Value::Array(list) => list.iter().for_each(|v| collect_numbers(v, add)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_numbers(v, add)),
        _ => {}
    }
}

/// The decimal numbers written in a sentence (digits with an optional
/// fraction), ignoring the digits inside generated names such as `i12`.
fn numbers_in(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || (chars[i] == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else {
            i += 1;
        }
    }
    out
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_rubrics_compile(spec in testkit::rubric_spec()) {
        prop_assert!(Rubric::compile(spec.clone()).is_ok(), "{:?}", Rubric::compile(spec).err());
    }

    #[test]
    fn every_score_is_within_its_points_and_branches_add_up(
        (rubric, facts) in testkit::rubric_and_facts(FactsConfig::new().unknowns(15).not_applicable(15))
    ) {
        match rubric.evaluate(&facts) {
            Ok(e) => check_evaluation(&rubric, &e)?,
            // Only errors the facts can cause: a value in no band, a
            // denominator of 0 where the rule says nothing, a figure too large
            // or too long for an exact decimal.
            Err(err) => for issue in err.issues() {
                let text = issue.to_string();
                prop_assert!(
                    text.contains("falls in none of the bands") || text.contains("divides by zero")
                        || text.contains("cannot be computed exactly") || text.contains("every indicator left out"),
                    "unexpected error: {text}"
                );
            },
        }
    }

    #[test]
    fn the_range_contains_every_completion_of_the_unknown_facts(
        ((rubric, partial), completions) in testkit::rubric_and_facts(FactsConfig::new().unknowns(30))
            .prop_flat_map(|(rubric, facts)| {
                let completions = proptest::collection::vec(testkit::completion(&rubric, &facts), 4);
                (Just((rubric, facts)), completions)
            })
    ) {
        let Ok(range) = rubric.evaluate(&partial) else { return Ok(()) };
        for full in completions {
            let Ok(e) = rubric.evaluate(&full) else { continue };
            prop_assert!(range.low <= e.low && e.high <= range.high,
                "total {}..{} outside the range {}..{}", e.low, e.high, range.low, range.high);
            for node in e.iter() {
                let Some(r) = range.find(&node.id) else { continue };
                prop_assert!(r.low <= node.low && node.high <= r.high,
                    "{}: {}..{} outside the range {}..{}", node.id, node.low, node.high, r.low, r.high);
            }
        }
    }

    #[test]
    fn evaluation_is_deterministic_and_round_trips_through_json(
        (rubric, facts) in testkit::rubric_and_facts(FactsConfig::new().unknowns(10).not_applicable(10))
    ) {
        let first = rubric.evaluate(&facts);
        let second = rubric.evaluate(&facts);
        prop_assert_eq!(&first, &second);
        if let Ok(e) = first {
            let json = serde_json::to_string(&e).map_err(|x| TestCaseError::fail(x.to_string()))?;
            let back: Evaluation = serde_json::from_str(&json).map_err(|x| TestCaseError::fail(x.to_string()))?;
            prop_assert_eq!(back, e);
        }
        let json = serde_json::to_string(rubric.spec()).map_err(|x| TestCaseError::fail(x.to_string()))?;
        let spec: RubricSpec = serde_json::from_str(&json).map_err(|x| TestCaseError::fail(x.to_string()))?;
        prop_assert_eq!(&spec, rubric.spec());
        let facts_json = serde_json::to_string(&facts).map_err(|x| TestCaseError::fail(x.to_string()))?;
        let facts_back = Facts::from_json(&facts_json).map_err(|x| TestCaseError::fail(x.to_string()))?;
        prop_assert_eq!(facts_back, facts);
    }

    #[test]
    fn the_working_writes_only_the_numbers_of_its_steps(
        (rubric, facts) in testkit::rubric_and_facts(FactsConfig::new().unknowns(10).not_applicable(10))
    ) {
        for lang in [Lang::Zh, Lang::En] {
            let Ok(e) = rubric.evaluate_with(&facts, &EvalOptions::new().lang(lang)) else { return Ok(()) };
            for node in e.iter() {
                check_sentence(node, rubric.precision())?;
            }
            let steps_only = rubric.evaluate_with(&facts, &EvalOptions::new().working(Working::StepsOnly))
                .map_err(|x| TestCaseError::fail(x.to_string()))?;
            let mut rendered = steps_only.clone();
            rendered.render_working(lang, rubric.precision());
            prop_assert_eq!(rendered, e, "rendering later gives other sentences");
        }
    }

    #[test]
    fn a_single_leaf_never_scores_better_for_a_worse_value(
        direction in prop_oneof![Just("above"), Just("below"), Just("both")],
        mode in prop_oneof![Just("proportional"), Just("whole"), Just("any_started")],
        a in (-20_000i64..20_000).prop_map(|n| Decimal::new(n, 2)),
        b in (-20_000i64..20_000).prop_map(|n| Decimal::new(n, 2)),
    ) {
        let rubric = Rubric::from_json(&format!(r#"{{"title": "t", "total": 5, "inputs": [{{"name": "x"}}],
            "indicators": [{{"id": "a", "name": "a", "points": 5, "rule": {{"kind": "ratio_threshold",
            "formula": "x", "threshold": 100, "direction": "{direction}", "step": 5, "deduction": 2,
            "partial_unit": "{mode}"}}}}]}}"#)).map_err(|x| TestCaseError::fail(x.to_string()))?;
        let score = |v: Decimal| -> Result<Decimal, TestCaseError> {
            let e = rubric.evaluate(&Facts::new().value("x", v)).map_err(|x| TestCaseError::fail(x.to_string()))?;
            Ok(e.low)
        };
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let hundred = Decimal::ONE_HUNDRED;
        match direction {
            "above" => prop_assert!(score(lo)? >= score(hi)?),
            "below" => prop_assert!(score(lo)? <= score(hi)?),
            _ => {
                // Farther from the threshold is never better.
                let (near, far) = if (lo - hundred).abs() <= (hi - hundred).abs() { (lo, hi) } else { (hi, lo) };
                prop_assert!(score(near)? >= score(far)?);
            }
        }
    }

    #[test]
    fn proportional_and_banded_scores_follow_their_direction(
        better in prop_oneof![Just("higher"), Just("lower")],
        a in (0i64..40_000).prop_map(|n| Decimal::new(n, 2)),
        b in (0i64..40_000).prop_map(|n| Decimal::new(n, 2)),
    ) {
        let bands = if better == "higher" {
            r#"[{"range": "[90,+∞)", "points": 6}, {"range": "[80,90)", "points": 4}, {"range": "(-∞,80)", "points": 0}]"#
        } else {
            r#"[{"range": "[0,0]", "points": 6}, {"range": "(0,10]", "points": 4}, {"range": "(10,+∞)", "points": 0}, {"range": "(-∞,0)", "points": 6}]"#
        };
        let rubric = Rubric::from_json(&format!(r#"{{"title": "t", "total": 12, "inputs": [{{"name": "x"}}],
            "indicators": [
              {{"id": "p", "name": "p", "points": 6, "rule": {{"kind": "proportional", "formula": "x", "target": 100, "better": "{better}"}}}},
              {{"id": "s", "name": "s", "points": 6, "rule": {{"kind": "stepped_bands", "formula": "x", "better": "{better}", "bands": {bands}}}}}
            ]}}"#)).map_err(|x| TestCaseError::fail(x.to_string()))?;
        prop_assert!(rubric.verify().iter().all(|f| !f.message.contains("rise and fall") && !f.message.contains("says")));
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let e_lo = rubric.evaluate(&Facts::new().value("x", lo)).map_err(|x| TestCaseError::fail(x.to_string()))?;
        let e_hi = rubric.evaluate(&Facts::new().value("x", hi)).map_err(|x| TestCaseError::fail(x.to_string()))?;
        for id in ["p", "s"] {
            let (l, h) = (e_lo.find(id).map(|n| n.low), e_hi.find(id).map(|n| n.low));
            if better == "higher" { prop_assert!(l <= h, "{id}: {lo} → {l:?}, {hi} → {h:?}"); }
            else { prop_assert!(l >= h, "{id}: {lo} → {l:?}, {hi} → {h:?}"); }
        }
    }

    #[test]
    fn one_more_item_met_never_lowers_a_checklist_and_order_does_not_matter(
        met in proptest::collection::vec(any::<bool>(), 4),
        flip in 0usize..4,
    ) {
        let rubric = Rubric::from_json(r#"{"title": "t", "total": 8, "indicators": [{"id": "c", "name": "c", "points": 8,
            "rule": {"kind": "checklist", "items": [{"id": "①", "points": 2}, {"id": "②", "points": 2}, {"id": "③", "points": 2}, {"id": "④", "points": 2}]}}]}"#)
            .map_err(|x| TestCaseError::fail(x.to_string()))?;
        let answer = |met: &[bool]| {
            let items: Vec<(String, ItemAnswer)> = ["①", "②", "③", "④"].iter().zip(met)
                .map(|(id, m)| ((*id).to_owned(), if *m { ItemAnswer::Met } else { ItemAnswer::NotMet }))
                .collect();
            Facts::new().answer("c", Answer::items(items))
        };
        let before = rubric.evaluate(&answer(&met)).map_err(|x| TestCaseError::fail(x.to_string()))?;
        let mut more = met.clone();
        more[flip] = true;
        let after = rubric.evaluate(&answer(&more)).map_err(|x| TestCaseError::fail(x.to_string()))?;
        prop_assert!(after.low >= before.low);
        let mut reversed = met.clone();
        reversed.reverse();
        let items: Vec<(String, ItemAnswer)> = ["④", "③", "②", "①"].iter().zip(&reversed)
            .map(|(id, m)| ((*id).to_owned(), if *m { ItemAnswer::Met } else { ItemAnswer::NotMet }))
            .collect();
        let shuffled = rubric.evaluate(&Facts::new().answer("c", Answer::items(items))).map_err(|x| TestCaseError::fail(x.to_string()))?;
        prop_assert_eq!(shuffled.low, before.low);
    }

    #[test]
    fn mostly_wrong_rubrics_and_facts_never_panic(
        spec in testkit::arbitrary_rubric_spec(),
        (rubric, facts_json) in testkit::rubric().prop_flat_map(|r| { let f = testkit::arbitrary_facts_json(&r); (Just(r), f) }),
    ) {
        if let Ok(wild) = Rubric::compile(spec) {
            let _ = wild.verify();
            let _ = wild.evaluate(&Facts::new());
        }
        let _ = rubric.verify();
        if let Ok(facts) = Facts::from_json(&facts_json) {
            if let Ok(review) = rubric.review(&facts) {
                check_evaluation(&rubric, &review.evaluation)?;
                let _ = jixiao::render::text(&rubric, &review.evaluation, Lang::En);
                for lang in [Lang::Zh, Lang::En] {
                    let _ = jixiao::render::review_text(&rubric, &review, lang);
                    let _ = jixiao::render::markdown(&rubric, &review, lang);
                    let _ = jixiao::render::csv(&rubric, &review, lang);
                    let _ = jixiao::render::html(&rubric, &review, lang);
                }
            }
        }
    }
}

#[test]
fn numbers_in_finds_decimals_and_skips_generated_names() {
    assert_eq!(
        numbers_in("i12 = 39 ÷ 34 × 100% ≈ 114.71%，扣0.5分"),
        ["39", "34", "100", "114.71", "0.5"]
    );
}

// ---------------------------------------------------------------------------
// Targets (项目支出绩效自评): a one-row target table under the national
// convention, its target and actual value drawn at and around each other.

mod targets {
    use super::config;
    use jixiao::{Convention, Decimal, Facts, Rubric, TargetTable};
    use proptest::prelude::*;

    /// A one-row table with `target`, 90 points, and its rubric.
    fn rubric(target: &str, points: u32) -> Rubric {
        let table = TargetTable::from_json(&format!(
            r#"{{"title": "属性", "indicators": [
                {{"level1": "产出指标", "level2": "数量指标", "name": "行", "target": "{target}", "points": {points}}}]}}"#
        ))
        .expect("a table");
        let mut convention = Convention::national();
        convention.total = Decimal::from(points + 10);
        Rubric::from_targets(&table, &convention).expect("compiles")
    }

    /// The row's score for an actual value written as text.
    fn score(rubric: &Rubric, actual: &str) -> Decimal {
        let facts = Facts::new()
            .value("全年预算数", Decimal::ONE)
            .value("全年执行数", Decimal::ONE)
            .actual("行", actual);
        rubric
            .evaluate(&facts)
            .expect("scores")
            .find("行")
            .and_then(|r| r.score)
            .expect("a score")
    }

    /// Values in hundredths from 0 to 500.
    fn amount() -> impl Strategy<Value = Decimal> {
        (0i64..=50_000).prop_map(|n| Decimal::new(n, 2))
    }

    fn op() -> impl Strategy<Value = &'static str> {
        prop_oneof![Just("≥"), Just(">"), Just("不低于"), Just("")]
    }

    fn lower_op() -> impl Strategy<Value = &'static str> {
        prop_oneof![Just("≤"), Just("<"), Just("不超过")]
    }

    proptest! {
        #![proptest_config(config())]

        /// For a `≥` target the score never falls as the actual value rises.
        #[test]
        fn higher_is_never_worse_for_an_at_least_target(
            op in op(), t in 1i64..=50_000, a in amount(), b in amount(), points in 1u32..=90,
        ) {
            let target = Decimal::new(t, 2);
            let r = rubric(&format!("{op}{target}人次"), points);
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            let (s_lo, s_hi) = (score(&r, &format!("{lo}人次")), score(&r, &format!("{hi}人次")));
            prop_assert!(s_lo <= s_hi, "{op}{target}: {lo} scores {s_lo}, {hi} scores {s_hi}");
        }

        /// For a `≤` target the score never rises as the actual value rises.
        #[test]
        fn higher_is_never_better_for_an_at_most_target(
            op in lower_op(), t in 1i64..=50_000, a in amount(), b in amount(), points in 1u32..=90,
        ) {
            let target = Decimal::new(t, 2);
            let r = rubric(&format!("{op}{target}万元"), points);
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            let (s_lo, s_hi) = (score(&r, &format!("{lo}万元")), score(&r, &format!("{hi}万元")));
            prop_assert!(s_lo >= s_hi, "{op}{target}: {lo} scores {s_lo}, {hi} scores {s_hi}");
        }

        /// A met target always gives full points under the national
        /// convention (whose overshoot line only flags the row for review).
        #[test]
        fn a_met_target_gives_full_points(
            t in 0i64..=50_000, extra in 0i64..=100_000, points in 1u32..=90, lower in any::<bool>(),
        ) {
            let target = Decimal::new(t, 2);
            let (text, actual) = if lower {
                let actual = (target - Decimal::new(extra, 2)).max(Decimal::ZERO);
                (format!("≤{target}个月"), actual)
            } else {
                (format!("≥{target}个月"), target + Decimal::new(extra, 2))
            };
            let r = rubric(&text, points);
            prop_assert_eq!(score(&r, &format!("{actual}个月")), Decimal::from(points));
        }

        /// The same actual value in 元 and in 万元 scores the same.
        #[test]
        fn a_conversion_changes_nothing(t in 1i64..=50_000, a in 0i64..=50_000_000, points in 1u32..=90) {
            let target = Decimal::new(t, 2);
            let r = rubric(&format!("≤{target}万元"), points);
            let yuan = Decimal::new(a, 0);
            let wan = yuan / Decimal::from(10_000);
            prop_assert_eq!(score(&r, &format!("{yuan}元")), score(&r, &format!("{wan}万元")));
        }
    }
}
