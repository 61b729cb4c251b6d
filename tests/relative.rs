//! Relative scores across departments (相对评分): by place, in proportion
//! to the best, against the batch average; each department's working names
//! its place and the figures it was compared with, and an unknown value
//! gives a range to every department it could displace.

use jixiao::{Decimal, Department, EvalOptions, Facts, Lang, Rubric};
use proptest::prelude::*;

fn d(s: &str) -> Decimal {
    s.parse().expect("a decimal")
}

/// The three methods on one value `x` in [0, 100], and a percentage `y`.
fn three_methods() -> Rubric {
    Rubric::from_json(
        r#"{"title": "t", "total": 68,
        "inputs": [{"name": "x", "min": 0, "max": 100}, {"name": "y", "unit": "%"}],
        "indicators": [
          {"id": "a", "name": "工作绩效", "points": 60, "rule": {"kind": "relative", "formula": "x", "better": "higher",
            "method": {"rank": {"points": [60, 57, 54, 51, 48], "ties": "average"}}}},
          {"id": "b", "name": "配比", "points": 6, "rule": {"kind": "relative", "formula": "x", "better": "higher", "method": "best"}},
          {"id": "c", "name": "占比", "points": 2, "rule": {"kind": "relative", "formula": "y", "better": "higher",
            "method": {"average": {"step": "1%", "deduction": 0.1, "partial_unit": "whole"}}}}
        ]}"#,
    )
    .expect("compiles")
}

/// Five districts: 城东区 and 城南区 tied on `x`, 城北区's `x` unknown.
fn five_districts() -> Vec<Department> {
    let dept = |name: &str, x: Option<&str>, y: &str| {
        let facts = match x {
            Some(x) => Facts::new().value("x", d(x)),
            None => Facts::new().unknown("x"),
        };
        Department::new(name, facts.percent("y", d(y)))
    };
    vec![
        dept("城东区", Some("30"), "40"),
        dept("城西区", Some("25"), "36.5"),
        dept("城南区", Some("30"), "43.5"),
        dept("城北区", None, "40"),
        dept("高新区", Some("12"), "41"),
    ]
}

fn workings(batch: &jixiao::BatchEvaluation, department: &str) -> Vec<String> {
    batch
        .departments
        .iter()
        .find(|d| &*d.department == department)
        .expect("the department")
        .evaluation
        .iter()
        .filter_map(|n| n.leaf.as_ref().and_then(|l| l.working.clone()))
        .collect()
}

#[test]
fn each_working_names_the_place_and_the_figures_compared() {
    let rubric = three_methods();
    let batch = rubric.evaluate_batch(&five_districts()).expect("scores");
    assert_eq!(
        workings(&batch, "城西区"),
        [
            "工作绩效 = 25，在5个部门中可能排名第3至第4（城北区的值未知），得分在51至54分之间（满分60分）",
            "配比 = 25，在5个部门中可能排名第3至第4（城北区的值未知），得分在1.5至5分之间（满分6分）",
            "占比 = 36.5%，在5个部门中排名第5，5个部门的平均值 = 201% ÷ 5 = 40.2%，低于平均值40.2%共3.7个百分点，每个百分点扣0.1分，不足一个单位的部分不计，计3个单位，应扣0.3分，得1.7分（满分2分）",
        ]
    );
    assert_eq!(
        workings(&batch, "城北区"),
        [
            "x未知，在5个部门中可能排名第1至第5，得分在48至60分之间（满分60分）",
            "x未知，在5个部门中可能排名第1至第5，得分在0至6分之间（满分6分）",
            "占比 = 40%，在5个部门中排名第3（与城东区并列），5个部门的平均值 = 201% ÷ 5 = 40.2%，低于平均值40.2%共0.2个百分点，每个百分点扣0.1分，不足一个单位的部分不计，计0个单位，应扣0分，得2分（满分2分）",
        ]
    );
    let english = rubric
        .evaluate_batch_with(&five_districts(), &EvalOptions::new().lang(Lang::En))
        .expect("scores");
    assert_eq!(
        workings(&english, "城东区"),
        [
            "工作绩效 = 30; ranked between 1st and 2nd of 5 (tied with 城南区; 城北区's value unknown); score 55.5 to 58.5 of 60 points",
            "配比 = 30; ranked between 1st and 2nd of 5 (tied with 城南区; 城北区's value unknown); score 1.8 to 6 of 6 points",
            "占比 = 40%; ranked 3rd of 5 (tied with 城北区); the average of 5 departments = 201% ÷ 5 = 40.2%; 0.2 percentage points below the average 40.2%, 0.1 points deducted per percentage point, only whole steps count: 0 steps, 0 points to deduct; score 2 of 2 points",
        ]
    );
    let east = &batch.departments[0].evaluation;
    assert_eq!(
        (east.total, east.low, east.high),
        (None, d("59.3"), d("66.5"))
    );
    // The review names the unknown value that would narrow the total, in
    // the language asked for.
    for (lang, facts) in [
        (Lang::Zh, ["城北区的配比", "城北区的工作绩效"]),
        (Lang::En, ["配比 of 城北区", "工作绩效 of 城北区"]),
    ] {
        let review = rubric
            .review_batch_with(&five_districts(), &EvalOptions::new().lang(lang))
            .expect("reviews");
        let narrowing = &review.departments[0].review.what_if.narrowing;
        assert_eq!(
            narrowing
                .iter()
                .map(|n| (n.fact.to_string(), n.width))
                .collect::<Vec<_>>(),
            [
                (facts[0].to_owned(), d("4.2")),
                (facts[1].to_owned(), d("3"))
            ]
        );
    }
}

// ---------------------------------------------------------------------------
// Properties

/// Points by place with ties averaged, the same leaf with ties at the same
/// rank, in proportion to the best, and against the average, all on `x` in
/// [0, 40].
fn every_method() -> Rubric {
    Rubric::from_json(
        r#"{"title": "t", "total": 128,
        "inputs": [{"name": "x", "min": 0, "max": 40}],
        "indicators": [
          {"id": "averaged", "name": "并列取平均", "points": 60, "rule": {"kind": "relative", "formula": "x", "better": "higher",
            "method": {"rank": {"points": [60, 57, 54, 51, 48, 45, 42], "ties": "average"}}}},
          {"id": "same", "name": "并列同名次", "points": 60, "rule": {"kind": "relative", "formula": "x", "better": "higher",
            "method": {"rank": {"points": [60, 57, 54, 51, 48, 45, 42], "ties": "same_rank"}}}},
          {"id": "best", "name": "按第1名比例", "points": 6, "rule": {"kind": "relative", "formula": "x", "better": "higher", "method": "best"}},
          {"id": "average", "name": "对照平均值", "points": 2, "rule": {"kind": "relative", "formula": "x", "better": "higher",
            "method": {"average": {"step": 1, "deduction": 0.1, "partial_unit": "proportional"}}}}
        ]}"#,
    )
    .expect("compiles")
}

const LEAVES: [&str; 4] = ["averaged", "same", "best", "average"];
const PLACES: [i64; 7] = [60, 57, 54, 51, 48, 45, 42];

/// A batch from values: `None` is unknown.
fn batch_of(values: &[Option<Decimal>]) -> Vec<Department> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let facts = match v {
                Some(v) => Facts::new().value("x", *v),
                None => Facts::new().unknown("x"),
            };
            Department::new(format!("部门{}", i + 1), facts)
        })
        .collect()
}

/// Per department and leaf, (low, high).
fn ranges(rubric: &Rubric, values: &[Option<Decimal>]) -> Vec<[(Decimal, Decimal); 4]> {
    let batch = rubric.evaluate_batch(&batch_of(values)).expect("scores");
    batch
        .departments
        .iter()
        .map(|d| {
            LEAVES.map(|id| {
                let n = d.evaluation.find(id).expect("the leaf");
                (n.low, n.high)
            })
        })
        .collect()
}

/// Values in [0, 40], often from a few, so that ties are common.
fn value() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (0i64..=4).prop_map(|n| Decimal::new(n * 10, 0)),
        (0i64..=400).prop_map(|n| Decimal::new(n, 1)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// With every value known, the places are a permutation up to ties:
    /// each department's place is 1 + the departments strictly better,
    /// tied departments share a place and a score, ties averaged share the
    /// points of the places they fill (so the scores add up to the first n
    /// places' points), and ties at the same rank all take the better
    /// place's points.
    #[test]
    fn places_are_a_permutation_up_to_ties(values in prop::collection::vec(value(), 2..=7)) {
        let rubric = every_method();
        let known: Vec<Option<Decimal>> = values.iter().copied().map(Some).collect();
        let batch = rubric.evaluate_batch(&batch_of(&known)).expect("scores");
        let n = values.len();
        for standings in batch.standings.iter().filter(|s| s.id.as_ref() == "same" || s.id.as_ref() == "averaged") {
            prop_assert_eq!(standings.of, n as u64);
            let mut seen = vec![0usize; n + 1];
            let mut total = Decimal::ZERO;
            for row in &standings.rows {
                let i: usize = row.department.trim_start_matches("部门").parse::<usize>().expect("named") - 1;
                let better = values.iter().filter(|v| **v > values[i]).count();
                let level = values.iter().filter(|v| **v == values[i]).count();
                prop_assert_eq!(row.place, Some(better as u64 + 1));
                prop_assert_eq!(row.lowest, Some(better as u64 + 1));
                seen[better] += 1;
                let score = row.score.expect("all known");
                let filled: Decimal = PLACES[better..better + level].iter().map(|&p| Decimal::from(p)).sum();
                let expected = if standings.id.as_ref() == "same" {
                    Decimal::from(PLACES[better])
                } else {
                    filled / Decimal::from(level as u64)
                };
                prop_assert_eq!(score, expected);
                total += score;
            }
            // Each place is taken by as many departments as are tied there,
            // and the places past it up to the tie's end are skipped.
            let mut place = 0;
            while place < n {
                prop_assert!(seen[place] > 0);
                for skipped in &seen[place + 1..place + seen[place]] {
                    prop_assert_eq!(*skipped, 0);
                }
                place += seen[place];
            }
            if standings.id.as_ref() == "averaged" {
                let first_n: Decimal = PLACES[..n].iter().map(|&p| Decimal::from(p)).sum();
                prop_assert_eq!(total, first_n);
            }
        }
    }

    /// Raising one department's value never lowers its own score on any
    /// method, nor either end of its range where another value is unknown.
    #[test]
    fn raising_a_value_never_lowers_its_own_score(
        values in prop::collection::vec(value(), 2..=7),
        who in any::<prop::sample::Index>(),
        by in (1i64..=100).prop_map(|n| Decimal::new(n, 1)),
        unknown in any::<Option<prop::sample::Index>>(),
    ) {
        let rubric = every_method();
        let i = who.index(values.len());
        let mut before: Vec<Option<Decimal>> = values.iter().copied().map(Some).collect();
        if let Some(u) = unknown {
            let u = u.index(values.len());
            if u != i {
                before[u] = None;
            }
        }
        let mut after = before.clone();
        after[i] = Some((values[i] + by).min(Decimal::from(40)));
        let (was, now) = (&ranges(&rubric, &before)[i], &ranges(&rubric, &after)[i]);
        for (leaf, (was, now)) in LEAVES.iter().zip(was.iter().zip(now)) {
            prop_assert!(now.0 >= was.0, "{}: low {} fell to {}", leaf, was.0, now.0);
            prop_assert!(now.1 >= was.1, "{}: high {} fell to {}", leaf, was.1, now.1);
        }
    }

    /// An unknown value gives every department a range holding its score
    /// in every completion of the batch: here the ends of the span, every
    /// known value, and each ± 0.1 and ± 5.
    #[test]
    fn an_unknown_value_gives_ranges_holding_every_completion(
        values in prop::collection::vec(value(), 2..=7),
        who in any::<prop::sample::Index>(),
    ) {
        let rubric = every_method();
        let u = who.index(values.len());
        let mut open: Vec<Option<Decimal>> = values.iter().copied().map(Some).collect();
        open[u] = None;
        let bounds = ranges(&rubric, &open);
        let mut completions = vec![Decimal::ZERO, Decimal::from(40)];
        for v in &values {
            for delta in [d("0"), d("0.1"), d("-0.1"), d("5"), d("-5")] {
                let c = *v + delta;
                if c >= Decimal::ZERO && c <= Decimal::from(40) {
                    completions.push(c);
                }
            }
        }
        completions.sort();
        completions.dedup();
        for c in completions {
            let mut filled = open.clone();
            filled[u] = Some(c);
            for (dept, (range, scores)) in bounds.iter().zip(ranges(&rubric, &filled)).enumerate() {
                for (leaf, ((low, high), (score, same))) in LEAVES.iter().zip(range.iter().zip(scores)) {
                    prop_assert_eq!(score, same);
                    prop_assert!(
                        *low <= score && score <= *high,
                        "{} of 部门{} with 部门{} at {}: {} outside {}–{}", leaf, dept + 1, u + 1, c, score, low, high
                    );
                }
            }
        }
    }
}

/// Figures that do not terminate (thirds, sevenths) are compared exactly and
/// shown `≈` in the working; an empty batch is an empty answer.
#[test]
fn inexact_figures_are_marked_and_an_empty_batch_is_empty() {
    let rubric = Rubric::from_json(
        r#"{"title": "t", "total": 8,
        "inputs": [{"name": "基层", "min": 0}, {"name": "总量", "min": 1}],
        "indicators": [
          {"id": "best", "name": "配比", "points": 6, "rule": {"kind": "relative", "formula": "总量/基层", "better": "higher", "method": "best"}},
          {"id": "avg", "name": "占比", "points": 2, "rule": {"kind": "relative", "formula": "基层/总量×100%", "better": "higher",
            "method": {"average": {"step": "1%", "deduction": 0.1, "partial_unit": "proportional"}}}}
        ]}"#,
    )
    .expect("compiles");
    let dept = |name: &str, total: &str| {
        Department::new(
            name,
            Facts::new().value("基层", d("1")).value("总量", d(total)),
        )
    };
    let batch = rubric
        .evaluate_batch(&[dept("甲", "3"), dept("乙", "7"), dept("丙", "11")])
        .expect("scores");
    assert_eq!(
        workings(&batch, "乙"),
        [
            "配比 = 7 ÷ 1 = 7，在3个部门中排名第2，第1名丙为11，按第1名的比例计分：6 × 7 ÷ 11，计约3.8182分，四舍五入保留2位小数得3.82分（满分6分）",
            "占比 = 1 ÷ 7 × 100% ≈ 14.29%，在3个部门中排名第2，3个部门的平均值 = 约56.71% ÷ 3 ≈ 18.9%，低于平均值约18.9%约4.62个百分点，每个百分点扣0.1分，应扣约0.46分，计约1.5382分，四舍五入保留2位小数得1.54分（满分2分）",
        ]
    );
    let empty = rubric.evaluate_batch(&[]).expect("an empty batch");
    assert!(empty.departments.is_empty());
    assert_eq!(empty.standings.len(), 2);
    assert!(empty
        .standings
        .iter()
        .all(|s| s.of == 0 && s.rows.is_empty()));
}
