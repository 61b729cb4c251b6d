//! The reviewer's workflow on the seed submission: what the review must
//! report, asserted on its data, and the renderers' documents.

mod util;

#[path = "util/pipeline.rs"]
mod pipeline;

use jixiao::{render, CheckOutcome, ClaimStatus, Lang, Relation, Requirement, Review, SlipKind};
use rust_decimal_macros::dec;

fn seed_review() -> (jixiao::Rubric, Review) {
    let (rubric, facts) = util::seed();
    let review = rubric.review(&facts).expect("the seed reviews");
    (rubric, review)
}

fn claim<'a>(review: &'a Review, id: &str) -> &'a jixiao::ClaimCheck {
    review
        .claims
        .iter()
        .find(|c| &*c.id == id)
        .unwrap_or_else(|| panic!("no claim for {id}"))
}

fn check<'a>(review: &'a Review, id: &str) -> &'a jixiao::CheckResult {
    review
        .checks
        .iter()
        .find(|c| &*c.id == id)
        .unwrap_or_else(|| panic!("no check {id}"))
}

#[test]
fn staff_control_rate_claimed_5_computed_0_and_the_reported_rate_is_inverted() {
    let (_, review) = seed_review();
    let c = claim(&review, "在职人员控制率");
    assert_eq!(
        (c.claimed, c.low, c.high, c.status),
        (dec!(5), dec!(0), dec!(0), ClaimStatus::Higher)
    );
    assert_eq!(c.unsupported, dec!(5));
    let k = check(&review, "在职人员控制率");
    assert_eq!(k.outcome, CheckOutcome::Fails);
    assert_eq!(k.left.value, Some(dec!(87.18)));
    assert_eq!(k.right.value.map(|v| v.round_dp(2)), Some(dec!(114.71)));
    let slip = k.slip.as_ref().expect("the inversion is recognised");
    assert_eq!(
        (slip.kind, slip.formula.as_str()),
        (SlipKind::Inverse, "34 ÷ 39 × 100%")
    );
}

#[test]
fn claims_the_rules_cannot_give_are_unattainable_with_the_possible_scores() {
    let (_, review) = seed_review();
    let systems = claim(&review, "管理制度健全性");
    assert!(!systems.attainable);
    assert_eq!(
        systems.possible,
        Some(vec![dec!(0), dec!(2), dec!(4), dec!(6), dec!(8)])
    );
    // 每超过一个百分点扣0.8分, whole points only: 8, 7.2, 6.4, … — never 7.
    let change = claim(&review, "“三公经费”变动率");
    assert!(!change.attainable);
    assert_eq!(
        change.possible.as_ref().map(|p| p[p.len() - 2..].to_vec()),
        Some(vec![dec!(7.2), dec!(8)])
    );
    assert_eq!(change.status, ClaimStatus::WithinRange);
    // A claim the rule can give is not flagged.
    assert!(claim(&review, "资金使用合规性").attainable);
    assert_eq!(review.summary.unattainable, 2);
}

#[test]
fn the_three_public_expenses_do_not_add_up() {
    let (_, review) = seed_review();
    let k = check(&review, "三公经费不小于已列明部分");
    assert_eq!(k.relation, Relation::AtLeast);
    assert_eq!(
        (k.left.value, k.right.value),
        (Some(dec!(6.28)), Some(dec!(6.29)))
    );
    assert_eq!(
        (k.outcome, k.difference),
        (CheckOutcome::Fails, Some(dec!(-0.01)))
    );
    // The full sum needs 公车购置费, which the table leaves blank.
    let full = check(&review, "三公经费构成");
    assert_eq!(full.outcome, CheckOutcome::Unchecked);
    assert_eq!(
        full.unknown.iter().map(|u| &**u).collect::<Vec<_>>(),
        ["公车购置费决算数"]
    );
    // The 2019 column adds up.
    assert_eq!(
        check(&review, "上年三公经费构成").outcome,
        CheckOutcome::Holds
    );
    // 219.51% is 0.9 / 0.41, the ratio given for the change.
    let rate = check(&review, "公车运行维护费增加率");
    assert_eq!(
        rate.slip.as_ref().map(|s| s.kind),
        Some(SlipKind::RatioForChange)
    );
}

#[test]
fn the_total_is_a_range_with_the_grades_it_allows() {
    let (_, review) = seed_review();
    let s = &review.summary;
    assert_eq!((s.claimed_total, s.claimed_sum), (Some(dec!(97)), dec!(97)));
    assert!(s.low < s.high && s.high < dec!(97));
    assert_eq!(s.grade, None);
    assert_eq!(review.evaluation.possible_grades.len(), 4);
    // Every point claimed above what the facts support, leaf by leaf.
    let unsupported: rust_decimal::Decimal = review.claims.iter().map(|c| c.unsupported).sum();
    assert_eq!(s.unsupported, unsupported);
    assert!(s.unsupported >= dec!(5));
}

#[test]
fn what_would_give_full_points_and_which_fact_matters_most() {
    let (_, review) = seed_review();
    let staff = review
        .what_if
        .leaves
        .iter()
        .find(|l| &*l.id == "在职人员控制率")
        .expect("below full points");
    let Requirement::Measure { inputs, .. } = &staff.requirement else {
        panic!("{:?}", staff.requirement)
    };
    let bounds: Vec<(String, Relation, rust_decimal::Decimal)> = inputs
        .iter()
        .map(|b| (b.input.to_string(), b.relation, b.bound))
        .collect();
    assert_eq!(
        bounds,
        [
            ("在职人员数".to_owned(), Relation::AtMost, dec!(34)),
            ("编制数".to_owned(), Relation::AtLeast, dec!(39))
        ]
    );
    let next = review.what_if.next_grade.as_ref().expect("a next grade");
    assert_eq!(next.needed, dec!(60) - review.evaluation.low);
    let gain: rust_decimal::Decimal = next.from.iter().map(|g| g.points).sum();
    assert!(gain >= next.needed);
    let top = &review.what_if.narrowing[0];
    assert_eq!(top.width, dec!(8));
    // Ranked widest first.
    assert!(review
        .what_if
        .narrowing
        .windows(2)
        .all(|w| w[0].width >= w[1].width));
}

#[test]
fn markdown_csv_and_html_carry_the_whole_table() {
    let (rubric, review) = seed_review();
    let leaves = review.evaluation.iter().filter(|n| n.is_leaf()).count();
    let md = render::markdown(&rubric, &review, Lang::Zh);
    let table_rows = md.lines().filter(|l| l.starts_with("| ")).count();
    assert_eq!(table_rows, leaves + 2, "header + leaves + total");
    assert!(md.contains(
        "| 一级指标 | 二级指标 | 三级指标 | 分值 | 评价标准 | 自评得分 | 复核得分 | 扣分说明 |"
    ));

    let csv = render::csv(&rubric, &review, Lang::Zh);
    assert!(
        csv.starts_with('\u{feff}'),
        "a byte-order mark for spreadsheets"
    );
    let rows = parse_csv(csv.trim_start_matches('\u{feff}'));
    assert_eq!(
        rows[0],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "分值",
            "评价标准",
            "自评得分",
            "复核得分",
            "扣分说明"
        ]
    );
    assert!(rows[1..=leaves].iter().all(|r| r.len() == 8));
    assert_eq!(rows[1][2], "在职人员控制率");
    assert_eq!((rows[1][5].as_str(), rows[1][6].as_str()), ("5", "0"));

    let html = render::html(&rubric, &review, Lang::En);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<tr>").count(), leaves + 1, "header + leaves");
    assert!(html.contains("rowspan=\"10\""), "过程 spans its ten leaves");
    assert!(!html.contains("<script"), "self-contained, no scripts");
    assert!(html.contains("@page { size: A4"));
}

#[test]
fn english_comes_from_the_same_steps() {
    let (rubric, facts) = util::seed();
    let zh = rubric
        .review_with(&facts, &jixiao::EvalOptions::new().lang(Lang::Zh))
        .expect("zh");
    let en = rubric
        .review_with(&facts, &jixiao::EvalOptions::new().lang(Lang::En))
        .expect("en");
    let staff = |r: &Review| {
        r.evaluation
            .find("在职人员控制率")
            .and_then(|n| n.leaf.clone())
            .expect("leaf")
    };
    assert_eq!(staff(&zh).steps, staff(&en).steps);
    assert_eq!(
        staff(&en).working.as_deref(),
        Some("在职人员控制率 = 39 ÷ 34 × 100% ≈ 114.71%; about 14.71 percentage points above the standard 100%, 0.5 points deducted per percentage point, only whole steps count: 14 steps, 7 points to deduct; floored at 0; score 0 of 5 points")
    );
    let text = render::review_text(&rubric, &en, Lang::En);
    assert!(text.contains("Cross-checks of the base data"));
    assert!(text.contains("the ratio turned upside down"));
}

/// A small RFC 4180 reader, to prove the CSV parses.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    pipeline::csv_rows(text)
}

#[test]
fn csv_cells_a_spreadsheet_would_run_as_formulas_are_neutralised() {
    let names = ["=cmd|' /C calc'!A0", "+1+1", "-2-2", "@SUM(A1:A9)"];
    let indicators: Vec<serde_json::Value> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            serde_json::json!({ "id": format!("x{i}"), "name": name, "points": 5,
                "criterion": format!("={i}+1"),
                "rule": { "kind": "judgement" } })
        })
        .collect();
    let rubric = jixiao::Rubric::from_json(
        &serde_json::json!({ "title": "=HYPERLINK(\"x\")", "total": 20, "indicators": indicators })
            .to_string(),
    )
    .expect("compiles");
    let mut facts = jixiao::Facts::new();
    for i in 0..4 {
        facts = facts
            .answer(format!("x{i}"), jixiao::Answer::judgement(dec!(3), "-理由"))
            .claim(format!("x{i}"), dec!(4));
    }
    let review = rubric.review(&facts).expect("reviews");
    let csv = render::csv(&rubric, &review, Lang::Zh);
    let rows = parse_csv(csv.trim_start_matches('\u{feff}'));
    let cells: Vec<&String> = rows.iter().flatten().collect();
    // Every name is in the table and in the what-if lines, as text.
    for name in names {
        assert!(
            cells.iter().any(|c| **c == format!("'{name}")),
            "{name} is not in the table as text"
        );
        assert!(
            cells
                .iter()
                .any(|c| c.starts_with(&format!("'{name}：")) && c.contains("评价人给满分")),
            "{name} has no what-if line as text"
        );
    }
    for cell in cells {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a cell a spreadsheet would run: {cell}"
        );
    }
}

/// A rubric whose review exercises the review's words (issue 10, items
/// 17–21): ids differ from names so that a line naming a leaf by its id
/// shows.
fn words_rubric() -> jixiao::Rubric {
    jixiao::Rubric::from_json(
        &serde_json::json!({
            "title": "t", "total": 10,
            "inputs": [{ "name": "差错数" }, { "name": "编制数" }, { "name": "执行率", "unit": "%" },
                       { "name": "甲", "min": 0 }, { "name": "乙", "min": 1 },
                       { "name": "零甲" }, { "name": "零乙" }],
            "indicators": [
                { "id": "L1", "name": "编制准确", "points": 1, "rule": { "kind": "ratio_threshold",
                  "formula": "差错数/编制数", "threshold": 0, "direction": "above", "step": 0.001,
                  "deduction": 0.1, "partial_unit": "proportional" } },
                { "id": "L2", "name": "预算执行", "points": 2, "rule": { "kind": "ratio_threshold",
                  "formula": "执行率", "threshold": "100%", "direction": "below", "step": "1%",
                  "deduction": 1, "partial_unit": "whole" } },
                { "id": "L3", "name": "采购执行", "points": 3, "rule": { "kind": "stepped_bands",
                  "formula": "甲/乙×100%", "bands": [{ "range": "[0%,90%)", "points": 0 },
                  { "range": "[90%,+∞)", "points": 3 }] } },
                { "id": "L4", "name": "效果", "points": 4, "rule": { "kind": "rating", "levels": [
                  { "name": "达成", "range": "[80%,100%]" }, { "name": "未达成", "range": "[0%,80%)" }] } }
            ],
            "checks": [{ "id": "零比", "left": "零甲/零乙", "relation": "equal", "right": "1" }]
        })
        .to_string(),
    )
    .expect("compiles")
}

fn words_facts() -> jixiao::Facts {
    jixiao::Facts::new()
        .value("差错数", dec!(2))
        .value("编制数", dec!(1000))
        .percent("执行率", dec!(95))
        .unknown("甲")
        .unknown("乙")
        .value("零甲", dec!(0))
        .value("零乙", dec!(0))
        .answer(
            "L4",
            jixiao::Answer::level_score("达成", dec!(3.5), "基本达成"),
        )
}

fn lines(rubric: &jixiao::Rubric, facts: &jixiao::Facts, lang: Lang) -> Vec<String> {
    let review = rubric.review(facts).expect("reviews");
    render::review_text(rubric, &review, lang)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[track_caller]
fn has(lines: &[String], line: &str) {
    assert!(
        lines.iter().any(|l| l == line),
        "no line `{line}` in:\n{}",
        lines.join("\n")
    );
}

#[test]
fn a_claimed_total_above_the_most_the_facts_support_is_said_to_be() {
    let rubric = words_rubric();
    let mut facts = words_facts();
    facts.claimed_total = Some(dec!(9.5));
    let zh = lines(&rubric, &facts, Lang::Zh);
    has(&zh, "  - 自评总分9.5分，复核得分4.3至7.3分，自评总分高于现有资料可支持的最高总分7.3分，高出2.2分，评价等级视未知资料而定");
    let review = rubric.review(&facts).expect("reviews");
    assert_eq!(review.summary.total_unsupported, dec!(2.2));
}

#[test]
fn a_leaf_needing_several_unknown_facts_is_ranked_by_them_together() {
    let rubric = words_rubric();
    has(
        &lines(&rubric, &words_facts(), Lang::Zh),
        "  - 甲、乙（须同时确定）：确定后总分范围可收窄3分（采购执行）",
    );
    has(
        &lines(&rubric, &words_facts(), Lang::En),
        "  - 甲, 乙, together: knowing them narrows the total by 3 (采购执行)",
    );
}

#[test]
fn a_check_that_divides_by_zero_says_so() {
    let rubric = words_rubric();
    has(
        &lines(&rubric, &words_facts(), Lang::Zh),
        "  - 零比：零甲 ÷ 零乙，应等于1：分母为0，无法核对",
    );
    has(
        &lines(&rubric, &words_facts(), Lang::En),
        "  - 零比: 零甲 ÷ 零乙 should equal 1: not checked, a denominator is 0",
    );
}

#[test]
fn a_small_figure_is_shown_with_enough_digits_to_be_true() {
    has(
        &lines(&words_rubric(), &words_facts(), Lang::Zh),
        "    计分：编制准确 = 2 ÷ 1000 = 0.002，超过标准0共0.002，每0.001扣0.1分，按比例计2个单位，应扣0.2分，得0.8分（满分1分）",
    );
}

#[test]
fn the_review_names_leaves_bounds_levels_and_missing_claims_plainly() {
    let rubric = words_rubric();
    let zh = lines(&rubric, &words_facts(), Lang::Zh);
    // A percentage input's bound carries its %.
    has(
        &zh,
        "  - 预算执行：预算执行须在(99%,+∞)内（其他数据不变时：执行率 > 99%）",
    );
    // A ranged level's full points need the top of its range.
    has(&zh, "  - 效果：评定为“达成”且在该档评满分4分");
    // No claims at all is said plainly.
    has(
        &zh,
        "  - 未提供自评得分；复核得分4.3至7.3分，评价等级视未知资料而定",
    );
    has(
        &lines(&rubric, &words_facts(), Lang::En),
        "  - no self-scores claimed; reviewed 4.3 to 7.3, grade depending on the unknown facts",
    );
    // Every line names a leaf by its name, never its id.
    assert!(
        zh.iter()
            .all(|l| !["L1", "L2", "L3", "L4"].iter().any(|id| l.contains(id))),
        "a line names a leaf by its id:\n{}",
        zh.join("\n")
    );
}

#[test]
fn a_ratio_is_written_without_about_inside_its_expression() {
    let rubric = jixiao::Rubric::from_json(
        &serde_json::json!({ "title": "t", "total": 10,
            "inputs": [{ "name": "支出" }, { "name": "预算" }],
            "indicators": [{ "id": "x", "name": "预算执行率", "points": 10, "rule": {
                "kind": "proportional", "formula": "支出/预算×100%", "target": "100%",
                "better": "higher" } }] })
        .to_string(),
    )
    .expect("compiles");
    let facts = jixiao::Facts::new()
        .value("支出", dec!(65.07))
        .value("预算", dec!(65.66));
    let e = rubric.evaluate(&facts).expect("scores");
    let working = e
        .find("x")
        .and_then(|x| x.leaf.as_ref())
        .and_then(|l| l.working.clone());
    assert_eq!(
        working.as_deref(),
        Some("预算执行率 = 65.07 ÷ 65.66 × 100% ≈ 99.1%，比例 = 99.1% ÷ 100% ≈ 0.991，按比例计10 × 0.991，计约9.9101分，四舍五入保留2位小数得9.91分（满分10分）")
    );
}
