//! What a careful reviewer finds in the seed document: the checks the core
//! issue names, asserted on the evaluation's data, not its text.

mod util;

use jixiao::{Decimal, Facts, Step};
use rust_decimal_macros::dec;

fn leaf_value(e: &jixiao::Evaluation, id: &str) -> Option<Decimal> {
    e.find(id)
        .and_then(|n| n.leaf.as_ref())
        .and_then(|l| l.value)
}

#[test]
fn staff_control_rate_is_39_over_34_and_scores_zero_not_the_claimed_5() {
    let (rubric, facts) = util::seed();
    let e = rubric.evaluate(&facts).unwrap();
    let staff = e.find("在职人员控制率").unwrap();
    assert_eq!(staff.score, Some(dec!(0)));
    assert_eq!(staff.claimed, Some(dec!(5)));
    assert_eq!(
        leaf_value(&e, "在职人员控制率").map(|v| v.round_dp(2)),
        Some(dec!(114.71))
    );
    // The base-data table's 87.18% is 34/39, the formula inverted.
    assert_eq!((dec!(34) / dec!(39) * dec!(100)).round_dp(2), dec!(87.18));
}

#[test]
fn three_public_expenses_control_rate_is_17_94_percent_and_scores_8() {
    let (rubric, facts) = util::seed();
    let e = rubric.evaluate(&facts).unwrap();
    assert_eq!(e.find("“三公经费”控制率").unwrap().score, Some(dec!(8)));
    assert_eq!(
        leaf_value(&e, "“三公经费”控制率").map(|v| v.round_dp(2)),
        Some(dec!(17.94))
    );
}

#[test]
fn the_total_is_a_range_not_the_claimed_97() {
    let (rubric, facts) = util::seed();
    let e = rubric.evaluate(&facts).unwrap();
    assert_eq!(e.claimed, Some(dec!(97)));
    assert_eq!(e.total, None);
    assert!(e.low < e.high);
    assert!(
        e.high < dec!(97),
        "the claimed 97 is out of reach: high is {}",
        e.high
    );
    assert_eq!(e.grade, None);
}

#[test]
fn every_branch_is_the_exact_sum_of_its_children() {
    let (rubric, facts) = util::seed();
    let e = rubric.evaluate(&facts).unwrap();
    for node in e.iter().filter(|n| !n.children.is_empty()) {
        let low: Decimal = node.children.iter().map(|c| c.low).sum();
        let high: Decimal = node.children.iter().map(|c| c.high).sum();
        assert_eq!((node.low, node.high), (low, high), "{}", node.id);
    }
    let low: Decimal = e.indicators.iter().map(|c| c.low).sum();
    assert_eq!(e.low, low);
}

#[test]
fn knowing_the_missing_facts_narrows_the_range_to_a_score() {
    let (rubric, facts) = util::seed();
    let known = Facts {
        values: facts
            .values
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    jixiao::FactValue::Unknown if k == "满意度" => {
                        jixiao::FactValue::Percent(dec!(92))
                    }
                    jixiao::FactValue::Unknown => jixiao::FactValue::Number(dec!(10)),
                    other => *other,
                };
                (k.clone(), v)
            })
            .collect(),
        answers: facts
            .answers
            .keys()
            .map(|k| {
                let answer = match k.as_str() {
                    "管理制度健全性" => jixiao::Answer::items(
                        ["①", "②", "③", "④"].map(|i| (i, jixiao::ItemAnswer::Met)),
                    ),
                    "资金使用合规性" => {
                        jixiao::Answer::items([("③", jixiao::ItemAnswer::Cases(1))])
                    }
                    "预决算信息公开性" => jixiao::Answer::items(
                        ["①", "②", "③", "④", "⑤"].map(|i| (i, jixiao::ItemAnswer::Met)),
                    ),
                    "行政效能" => jixiao::Answer::level("一般"),
                    _ => jixiao::Answer::judgement(dec!(2), "有一定效益"),
                };
                (k.clone(), answer)
            })
            .collect(),
        ..facts.clone()
    };
    let e = rubric.evaluate(&known).unwrap();
    assert!(e.total.is_some(), "{} to {}", e.low, e.high);
    let change = e.find("“三公经费”变动率").unwrap();
    // (35 - 10) / 10 = 250% over 0: the deduction exhausts the points.
    assert_eq!(change.score, Some(dec!(0)));
    assert!(change
        .leaf
        .as_ref()
        .unwrap()
        .steps
        .iter()
        .any(|s| matches!(s, Step::Floor { .. })));
}
