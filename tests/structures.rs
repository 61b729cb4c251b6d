//! The table structures beyond a plain tree of points, each with the
//! document's wording: bounds on a leaf, a branch on a scale of its own,
//! alternatives, not-applicable points shared or averaged, rows sharing one
//! 分值 cell.

use jixiao::{Answer, Decimal, Facts, Lang, Rubric};

fn d(s: &str) -> Decimal {
    s.parse().expect("a decimal")
}

fn score(e: &jixiao::Evaluation, id: &str) -> Option<Decimal> {
    e.find(id).and_then(|n| n.score)
}

fn working(e: &jixiao::Evaluation, id: &str) -> String {
    e.find(id)
        .and_then(|n| n.leaf.as_ref())
        .and_then(|l| l.working.clone())
        .unwrap_or_default()
}

/// 最低得1分 and 扣完3分为止 on a deduction checklist of 5 points.
#[test]
fn a_leaf_bounded_below() {
    let rubric = Rubric::from_json(
        r#"{"title": "t", "total": 5, "indicators": [
          {"id": "合规", "name": "资金使用合规性", "points": 5, "floor": 2,
           "criterion": "每出现一例不符合要求的扣1分，扣完3分为止",
           "rule": {"kind": "checklist", "items": [{"id": "①", "per_case": 1}]}}]}"#,
    )
    .expect("compiles");
    let e = rubric
        .evaluate(
            &Facts::new().answer("合规", Answer::items([("①", jixiao::ItemAnswer::Cases(4))])),
        )
        .expect("scores");
    assert_eq!(score(&e, "合规"), Some(d("2")));
    assert_eq!(
        working(&e, "合规"),
        "①不符合要求4例，每例扣1分，扣4分，计1分，按规则最低得2分，得2分（满分5分）"
    );
}

/// 一级权重 × 二级得分 ÷ 100: two branches of 100 points weighted 30/70.
#[test]
fn branches_on_a_scale_of_their_own() {
    let rubric = Rubric::from_json(
        r#"{"title": "t", "total": 100, "indicators": [
          {"id": "过程", "name": "过程", "points": 30, "out_of": 100, "children": [
            {"id": "a", "name": "a", "points": 60, "rule": {"kind": "judgement"}},
            {"id": "b", "name": "b", "points": 40, "rule": {"kind": "judgement"}}]},
          {"id": "效果", "name": "效果", "points": 70, "out_of": 100, "children": [
            {"id": "c", "name": "c", "points": 100, "rule": {"kind": "judgement"}}]}]}"#,
    )
    .expect("compiles");
    let facts = Facts::new()
        .answer("a", Answer::judgement(d("51"), "较好"))
        .answer("b", Answer::judgement(d("34"), "较好"))
        .answer("c", Answer::judgement(d("90"), "较好"));
    let e = rubric.evaluate(&facts).expect("scores");
    // 85 × 30 ÷ 100 = 25.5; 90 × 70 ÷ 100 = 63.
    assert_eq!(score(&e, "过程"), Some(d("25.5")));
    assert_eq!(e.total, Some(d("88.5")));
    let w = e
        .find("过程")
        .and_then(|n| n.weighting.as_ref())
        .expect("weighted");
    assert_eq!(
        w.working.as_deref(),
        Some("下级指标得分85分（满分100分），按本级分值折算：85 × 30 ÷ 100，得25.5分（满分30分）")
    );
    // A conversion that does not come out exact says so, and rounds once.
    let rubric = Rubric::from_json(
        r#"{"title": "t", "total": 30, "indicators": [
          {"id": "过程", "name": "过程", "points": 30, "out_of": 70, "children": [
            {"id": "a", "name": "a", "points": 70, "rule": {"kind": "judgement"}}]}]}"#,
    )
    .expect("compiles");
    let e = rubric
        .evaluate(&Facts::new().answer("a", Answer::judgement(d("50"), "较好")))
        .expect("scores");
    assert_eq!(e.total, Some(d("21.43")));
    let w = e
        .find("过程")
        .and_then(|n| n.weighting.as_ref())
        .expect("weighted");
    assert_eq!(
        w.working.as_deref(),
        Some("下级指标得分50分（满分70分），按本级分值折算：50 × 30 ÷ 70，计约21.4286分，四舍五入保留2位小数得21.43分（满分30分）")
    );
    // Points that do not add up to the scale are refused, naming it.
    let err = Rubric::from_json(
        r#"{"title": "t", "total": 30, "indicators": [
          {"id": "过程", "name": "过程", "points": 30, "out_of": 100, "children": [
            {"id": "a", "name": "a", "points": 60, "rule": {"kind": "judgement"}}]}]}"#,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the rubric has 1 problem:\nindicator `过程`: field `out_of`: the children's points add up to 60, expected 100 (the scale `out_of` this indicator's children are scored on)"
    );
}

fn alternatives() -> Rubric {
    Rubric::from_json(
        r#"{"title": "t", "total": 5, "indicators": [
          {"id": "采购", "name": "政府采购或结转结余", "points": 5, "alternatives": true, "children": [
            {"id": "政府采购执行率", "name": "政府采购执行率", "points": 5, "rule": {"kind": "judgement"}},
            {"id": "结转结余率", "name": "结转结余率", "points": 5, "rule": {"kind": "judgement"}}]}]}"#,
    )
    .expect("compiles")
}

/// 二者择其一: the facts choose; the other is left out without rescaling.
#[test]
fn one_of_two_alternatives() {
    let rubric = alternatives();
    let facts = Facts::new()
        .choose("采购", "结转结余率")
        .answer("结转结余率", Answer::judgement(d("4"), "结余偏多"));
    let e = rubric.evaluate(&facts).expect("scores");
    assert_eq!(e.total, Some(d("4")));
    assert_eq!(e.find("政府采购执行率").and_then(|n| n.chosen), Some(false));
    assert_eq!(
        working(&e, "政府采购执行率"),
        "二者择其一，本组按“结转结余率”计分，本项不参评"
    );
    assert_eq!(jixiao::render::text(&rubric, &e, Lang::Zh),
        "t\n一级指标            分值  二级指标        分值  自评得分  得分\n政府采购或结转结余     5  政府采购执行率     5            未选\n    计分：二者择其一，本组按“结转结余率”计分，本项不参评\n                          结转结余率         5               4\n    计分：评价人评分4分，理由：结余偏多，得4分（满分5分）\n合计：分值5，自评得分—，得分4\n总分4分（满分5分），评价等级：良\n"
    );
    // No choice, and facts for the one left out, are refused.
    assert_eq!(
        rubric.evaluate(&Facts::new()).unwrap_err().to_string(),
        "the facts have 1 problem:\nindicator `政府采购或结转结余`: field `choices.采购`: no answer given, expected the id of the alternative scored (二者择其一): one of `政府采购执行率`、`结转结余率`, or \"unknown\""
    );
    let both = facts.answer("政府采购执行率", Answer::judgement(d("5"), "x"));
    assert_eq!(
        rubric.evaluate(&both).unwrap_err().to_string(),
        "the facts have 1 problem:\nindicator `政府采购或结转结余 › 政府采购执行率`: field `answers.政府采购执行率`: expected facts only for the alternative chosen in `采购` (`结转结余率`), found facts for `政府采购执行率`, which the choice leaves out"
    );
    // An unknown choice gives the range of both.
    let unknown = Facts::new()
        .choose("采购", "unknown")
        .answer("结转结余率", Answer::judgement(d("4"), "x"))
        .answer("政府采购执行率", Answer::judgement(d("5"), "x"));
    let e = rubric.evaluate(&unknown).expect("scores");
    assert_eq!((e.low, e.high), (d("4"), d("5")));
}

/// 把此项分值均摊到另外两项, and 按同级指标平均得分率计分.
#[test]
fn not_applicable_points_shared_or_averaged() {
    let rubric = Rubric::from_json(
        r#"{"title": "t", "total": 12, "indicators": [
          {"id": "产出", "name": "产出", "points": 12, "children": [
            {"id": "a", "name": "数量", "points": 4, "rule": {"kind": "judgement"}},
            {"id": "b", "name": "质量", "points": 4, "rule": {"kind": "judgement"}},
            {"id": "c", "name": "时效", "points": 4, "not_applicable": "share", "share_with": ["a", "b"],
             "rule": {"kind": "judgement"}}]}]}"#,
    )
    .expect("compiles");
    let facts = Facts::new()
        .answer("a", Answer::judgement(d("3"), "x"))
        .answer("b", Answer::judgement(d("4"), "x"))
        .not_applicable("c", "本年无时效要求");
    let e = rubric.evaluate(&facts).expect("scores");
    // a: 3 of 4 at 6 points is 4.5; b: 4 of 4 at 6 is 6.
    assert_eq!(score(&e, "a"), Some(d("4.5")));
    assert_eq!(score(&e, "b"), Some(d("6")));
    assert_eq!(e.total, Some(d("10.5")));
    assert_eq!(
        working(&e, "a"),
        "评价人评分3分，理由：x，得3分（满分4分），时效不适用，其分值均摊本项2分，分值计6分，按本项得分率折算：6 × 3 ÷ 4，得4.5分（满分6分）"
    );

    let rubric = Rubric::from_json(
        r#"{"title": "t", "total": 12, "indicators": [
          {"id": "产出", "name": "产出", "points": 12, "children": [
            {"id": "a", "name": "数量", "points": 4, "rule": {"kind": "judgement"}},
            {"id": "b", "name": "质量", "points": 4, "rule": {"kind": "judgement"}},
            {"id": "c", "name": "时效", "points": 4, "not_applicable": "average",
             "rule": {"kind": "judgement"}}]}]}"#,
    )
    .expect("compiles");
    let e = rubric.evaluate(&facts).expect("scores");
    // 7 of 8 at 4 points: 3.5.
    assert_eq!(score(&e, "c"), Some(d("3.5")));
    assert_eq!(e.total, Some(d("10.5")));
    assert_eq!(
        working(&e, "c"),
        "不适用（本年无时效要求），按同级指标的平均得分率计分，同级指标得分7分（分值8分），按其平均得分率计分：4 × 7 ÷ 8，得3.5分（满分4分）"
    );
}

/// The seed's 经济效益 / 社会效益 share one 分值 cell of 6.
#[test]
fn rows_sharing_one_points_cell() {
    let rubric = Rubric::from_json(
        r#"{"title": "t", "total": 6, "indicators": [
          {"id": "效益", "name": "经济效益、社会效益", "points": 6,
           "rows": [{"name": "经济效益", "criterion": "可根据部门实际情况细化"}, {"name": "社会效益"}],
           "rule": {"kind": "judgement"}}]}"#,
    )
    .expect("compiles");
    let facts = Facts::new().answer("效益", Answer::judgement(d("6"), "两项均有成效"));
    let review = rubric.review(&facts).expect("reviews");
    let html = jixiao::render::html(&rubric, &review, Lang::Zh);
    assert!(
        html.contains("<td>经济效益</td><td class=\"num\" rowspan=\"2\">6</td>"),
        "{html}"
    );
    assert!(
        html.contains("<tr><td>社会效益</td><td class=\"criterion\"></td></tr>"),
        "{html}"
    );
    let text = jixiao::render::review_text(&rubric, &review, Lang::Zh);
    assert!(text.contains("经济效益、社会效益"), "{text}");
}

/// 加分项 and 扣分项 beside a 10-point table: 每新增一个岗位加0.05分，最高0.5分;
/// 获得省级以上表彰的加0.3分; 加分不超过0.5分; 发现违规问题每例扣0.5分，扣分不超过2分.
fn with_items(final_score: &str) -> Rubric {
    Rubric::from_json(&format!(
        r#"{{"title": "t", "total": 10, "final_score": "{final_score}",
          "inputs": [{{"name": "新增岗位数", "unit": "个", "min": 0, "integer": true}}],
          "indicators": [{{"id": "履职", "name": "履职效果", "points": 10, "rule": {{"kind": "judgement"}}}}],
          "bonus": {{"cap": 0.5, "items": [
            {{"id": "岗位", "name": "新增就业岗位", "points": 0.5,
              "criterion": "每新增一个岗位加0.05分，最高0.5分",
              "rule": {{"kind": "proportional", "formula": "新增岗位数", "target": 10, "better": "higher"}}}},
            {{"id": "表彰", "name": "获得表彰", "points": 0.3,
              "criterion": "获得省级以上表彰的加0.3分",
              "rule": {{"kind": "checklist", "items": [{{"id": "省级以上表彰", "points": 0.3}}]}}}}]}},
          "penalty": {{"cap": 2, "items": [
            {{"id": "违规", "name": "违规问题", "points": 2,
              "criterion": "发现违规问题每例扣0.5分，扣分不超过2分",
              "rule": {{"kind": "checklist", "items": [{{"id": "违规问题", "per_case": 0.5}}]}}}}]}}}}"#
    ))
    .expect("compiles")
}

#[test]
fn bonus_and_penalty_items_beside_the_table() {
    let facts = |score: &str, cases: u64| {
        Facts::new()
            .value("新增岗位数", d("8"))
            .answer("履职", Answer::judgement(d(score), "x"))
            .answer(
                "表彰",
                Answer::items([("省级以上表彰", jixiao::ItemAnswer::Met)]),
            )
            .answer(
                "违规",
                Answer::items([("违规问题", jixiao::ItemAnswer::Cases(cases))]),
            )
    };
    let rubric = with_items("clamped");
    // 0.4 + 0.3 = 0.7, capped at 0.5; one case takes 0.5: 9.8 + 0.5 - 0.5.
    let e = rubric.evaluate(&facts("9.8", 1)).expect("scores");
    assert_eq!(e.total, Some(d("9.8")));
    assert_eq!(
        e.working.as_deref(),
        Some("表内得分9.8分，加分项加0.5分（各项合计0.7分，加分不超过0.5分），扣分项扣0.5分，计9.8分；总分9.8分（满分10分），评价等级：优")
    );
    assert_eq!(
        working(&e, "违规"),
        "违规问题不符合要求1例，每例扣0.5分，扣0.5分，得1.5分（满分2分），作为扣分项扣0.5分"
    );
    assert_eq!(
        working(&e, "岗位"),
        "新增就业岗位 = 8，比例 = 8 ÷ 10 = 0.8，按比例计0.5 × 0.8，得0.4分（满分0.5分）"
    );
    // Clamped at the total, or left open as the rubric says.
    let e = rubric.evaluate(&facts("10", 0)).expect("scores");
    assert_eq!(e.total, Some(d("10")));
    assert_eq!(e.working.as_deref(), Some("表内得分10分，加分项加0.5分（各项合计0.7分，加分不超过0.5分），扣分项扣0分，计10.5分，最终得分不低于0分、不超过满分10分，计10分；总分10分（满分10分），评价等级：优"));
    let e = with_items("open")
        .evaluate(&facts("10", 0))
        .expect("scores");
    assert_eq!(e.total, Some(d("10.5")));
    // Five cases take 2, the cap.
    let e = rubric.evaluate(&facts("1", 5)).expect("scores");
    assert_eq!(e.total, Some(d("0")));
    assert_eq!(e.working.as_deref(), Some("表内得分1分，加分项加0.5分（各项合计0.7分，加分不超过0.5分），扣分项扣2分，计-0.5分，最终得分不低于0分、不超过满分10分，计0分；总分0分（满分10分），评价等级：差"));
    assert_eq!(
        jixiao::render::text(&rubric, &e, Lang::Zh),
        "t\n一级指标  分值  自评得分  得分\n履职效果    10               1\n    计分：评价人评分1分，理由：x，得1分（满分10分）\n合计：分值10，自评得分—，得分1\n表内得分1分，加分项加0.5分（各项合计0.7分，加分不超过0.5分），扣分项扣2分，计-0.5分，最终得分不低于0分、不超过满分10分，计0分；总分0分（满分10分），评价等级：差\n\n加分项（加分不超过0.5分）\n  - 新增就业岗位（最高加0.5分）：加0.4分；计分：新增就业岗位 = 8，比例 = 8 ÷ 10 = 0.8，按比例计0.5 × 0.8，得0.4分（满分0.5分）\n  - 获得表彰（最高加0.3分）：加0.3分；计分：省级以上表彰符合，得0.3分，得0.3分（满分0.3分）\n\n扣分项（扣分不超过2分）\n  - 违规问题（最多扣2分）：扣2分；计分：违规问题不符合要求5例，每例扣0.5分，扣2.5分，扣完为止，得0分（满分2分），作为扣分项扣2分\n"
    );
}

/// 发生重大违纪违规问题的，实行一票否决; 预算执行率低于80%的，评价等级不得评为优.
fn with_vetoes() -> Rubric {
    Rubric::from_json(
        r#"{"title": "t", "total": 100,
          "inputs": [{"name": "全年执行数", "min": 0}, {"name": "全年预算数", "min": 0}],
          "indicators": [{"id": "履职", "name": "履职效果", "points": 100, "rule": {"kind": "judgement"}}],
          "vetoes": [
            {"id": "违纪", "name": "发生重大违纪违规问题", "criterion": "发生重大违纪违规问题的，实行一票否决",
             "effect": "zero"},
            {"id": "执行率", "name": "预算执行率低于80%", "criterion": "预算执行率低于80%的，评价等级不得评为优",
             "when": {"formula": "预算执行率=全年执行数/全年预算数×100%", "is": "less_than", "bound": "80%"},
             "effect": {"grade": "良"}}]}"#,
    )
    .expect("compiles")
}

#[test]
fn vetoes_zero_the_total_or_cap_the_grade() {
    let rubric = with_vetoes();
    let base = |executed: &str| {
        Facts::new()
            .value("全年执行数", d(executed))
            .value("全年预算数", d("100"))
            .answer("履职", Answer::judgement(d("95"), "x"))
    };
    // Neither holds: 95 is 优.
    let e = rubric
        .evaluate(&base("90").veto("违纪", jixiao::VetoAnswer::Clear))
        .expect("scores");
    assert_eq!((e.total, e.grade.as_deref()), (Some(d("95")), Some("优")));
    assert_eq!(
        e.working.as_deref(),
        Some("表内得分95分；一票否决事项均不成立；总分95分（满分100分），评价等级：优")
    );
    // 否优: 75% execution caps the grade at 良, the total unchanged.
    let e = rubric
        .evaluate(&base("75").veto("违纪", jixiao::VetoAnswer::Clear))
        .expect("scores");
    assert_eq!((e.total, e.grade.as_deref()), (Some(d("95")), Some("良")));
    let v = &e.adjustments.as_ref().expect("vetoes").vetoes[1];
    assert_eq!(
        v.working.as_deref(),
        Some("预算执行率 = 75 ÷ 100 × 100% = 75%，低于80%，否决条件成立，评价等级最高为良")
    );
    // 否决: the total is 0, naming the evidence.
    let holds = jixiao::VetoAnswer::Holds {
        evidence: "2024年审计报告认定挪用专项资金50万元".to_owned(),
    };
    let e = rubric
        .evaluate(&base("90").veto("违纪", holds))
        .expect("scores");
    assert_eq!((e.total, e.grade.as_deref()), (Some(d("0")), Some("差")));
    assert_eq!(e.working.as_deref(), Some("表内得分95分；一票否决“发生重大违纪违规问题”成立，总分计0分；总分0分（满分100分），评价等级：差"));
    // Unknown: the total and the grade become ranges.
    let e = rubric
        .evaluate(
            &base("90")
                .veto("违纪", jixiao::VetoAnswer::Unknown)
                .unknown("全年执行数"),
        )
        .expect("scores");
    assert_eq!((e.low, e.high, e.grade.clone()), (d("0"), d("95"), None));
    // 95 if the veto does not hold (优, or 良 under the cap), 0 if it does:
    // never 中.
    assert_eq!(e.possible_grades.join("、"), "优、良、差");
    assert_eq!(e.working.as_deref(), Some("表内得分95分；一票否决“发生重大违纪违规问题”是否成立未知，总分可能计0分；一票否决“预算执行率低于80%”是否成立未知，评价等级可能最高为良；总分在0至95分之间（满分100分），可能的评价等级：优、良、差"));
    // A missing answer, an answer for the formula's veto, and an unknown id.
    let err = rubric
        .evaluate(
            &base("90")
                .veto("执行率", jixiao::VetoAnswer::Clear)
                .veto("否决", jixiao::VetoAnswer::Clear),
        )
        .unwrap_err();
    assert_eq!(err.to_string(), "the facts have 3 problems:\nfield `vetoes.否决`: expected the id of one of the rubric's vetoes: `违纪`、`执行率`, found `否决`\nindicator `一票否决 › 发生重大违纪违规问题`: field `vetoes.违纪`: no answer given, expected whether the veto holds: {\"evidence\": <what shows it>}, false, or \"unknown\"\nindicator `一票否决 › 预算执行率低于80%`: field `vetoes.执行率`: expected no answer: the veto is decided by its formula `全年执行数 ÷ 全年预算数 × 100%` from the values, found an answer");
}

/// `verify` names a veto that can never hold or always does, a grade cap
/// that changes nothing, and a cap on the items that never binds.
#[test]
fn verify_finds_structures_that_cannot_matter() {
    let rubric = Rubric::from_json(
        r#"{"title": "t", "total": 100,
          "inputs": [{"name": "全年执行数", "min": 0}, {"name": "全年预算数", "min": 0}],
          "indicators": [{"id": "履职", "name": "履职效果", "points": 100, "rule": {"kind": "judgement"}}],
          "vetoes": [
            {"id": "负", "name": "执行率为负", "when": {"formula": "全年执行数/全年预算数×100%", "is": "less_than", "bound": "0%"}, "effect": "zero"},
            {"id": "非负", "name": "执行率非负", "when": {"formula": "全年执行数/全年预算数×100%", "is": "at_least", "bound": "0%"}, "effect": "zero"},
            {"id": "优", "name": "否优以优", "effect": {"grade": "优"}}],
          "bonus": {"cap": 5, "items": [{"id": "加", "name": "加分", "points": 2, "rule": {"kind": "judgement"}}]}}"#,
    )
    .expect("compiles");
    let findings: Vec<String> = rubric
        .verify()
        .iter()
        .filter(|f| f.severity != jixiao::Severity::Note || f.to_string().contains("cap"))
        .map(ToString::to_string)
        .collect();
    assert_eq!(findings, ["warning: indicator `一票否决 › 执行率为负`: field `when`: the veto can never hold: its formula ranges over 0% to +∞ within the inputs' declared ranges, and the bound is 0%", "warning: indicator `一票否决 › 执行率非负`: field `when`: the veto always holds: its formula ranges over 0% to +∞ within the inputs' declared ranges, and the bound is 0%", "warning: indicator `一票否决 › 否优以优`: field `effect.grade`: the veto caps the grade at the best grade: it can never change the grade", "note: rubric: field `bonus.cap`: the cap 5 exceeds the items' points together (2): it can never bind"]);
}

mod properties {
    use super::*;
    use jixiao::{ItemAnswer, VetoAnswer};
    use proptest::prelude::*;

    /// A 10-point table with a bonus group (cap 0.5), a penalty group (cap
    /// 2), a veto the facts answer and one a formula decides, an
    /// alternatives group and a bounded leaf.
    fn rubric(final_score: &str) -> Rubric {
        Rubric::from_json(&format!(
            r#"{{"title": "t", "total": 10, "final_score": "{final_score}",
              "grades": [{{"label": "优", "min": 9}}, {{"label": "良", "min": 8}}, {{"label": "差", "min": 0}}],
              "inputs": [{{"name": "新增岗位数", "min": 0, "integer": true}}, {{"name": "执行数", "min": 0}}, {{"name": "预算数", "min": 1}}],
              "indicators": [
                {{"id": "履职", "name": "履职效果", "points": 6, "rule": {{"kind": "judgement"}}}},
                {{"id": "合规", "name": "资金合规", "points": 2, "floor": 0.5,
                  "rule": {{"kind": "checklist", "items": [{{"id": "①", "per_case": 0.5}}]}}}},
                {{"id": "择一", "name": "采购或结余", "points": 2, "alternatives": true, "children": [
                  {{"id": "采购", "name": "采购", "points": 2, "rule": {{"kind": "judgement"}}}},
                  {{"id": "结余", "name": "结余", "points": 2, "rule": {{"kind": "judgement"}}}}]}}],
              "bonus": {{"cap": 0.5, "items": [
                {{"id": "岗位", "name": "新增岗位", "points": 0.5,
                  "rule": {{"kind": "proportional", "formula": "新增岗位数", "target": 10, "better": "higher"}}}},
                {{"id": "表彰", "name": "表彰", "points": 0.3, "rule": {{"kind": "judgement"}}}}]}},
              "penalty": {{"cap": 2, "items": [
                {{"id": "违规", "name": "违规", "points": 3,
                  "rule": {{"kind": "checklist", "items": [{{"id": "①", "per_case": 1}}]}}}}]}},
              "vetoes": [
                {{"id": "违纪", "name": "违纪", "effect": "zero"}},
                {{"id": "执行", "name": "执行率低于60%",
                  "when": {{"formula": "执行数/预算数×100%", "is": "less_than", "bound": "60%"}},
                  "effect": {{"grade": "良"}}}}]}}"#
        ))
        .expect("compiles")
    }

    fn dec(cents: u32) -> Decimal {
        Decimal::new(i64::from(cents), 2)
    }

    #[derive(Debug, Clone)]
    struct Case {
        table: u32,
        cases: u64,
        chosen: bool,
        alternative: u32,
        jobs: u32,
        honour: bool,
        fouls: u64,
        executed: u32,
    }

    fn case() -> impl Strategy<Value = Case> {
        (
            (0u32..=600, 0u64..8, any::<bool>(), 0u32..=200),
            (0u32..30, any::<bool>(), 0u64..6, 0u32..200),
        )
            .prop_map(
                |((table, cases, chosen, alternative), (jobs, honour, fouls, executed))| Case {
                    table,
                    cases,
                    chosen,
                    alternative,
                    jobs,
                    honour,
                    fouls,
                    executed,
                },
            )
    }

    fn facts(c: &Case, veto: VetoAnswer, choice: &str) -> Facts {
        let alternative = if c.chosen { "采购" } else { "结余" };
        let mut f = Facts::new()
            .value("新增岗位数", Decimal::from(c.jobs))
            .value("执行数", Decimal::from(c.executed))
            .value("预算数", Decimal::from(100))
            .answer("履职", Answer::judgement(dec(c.table), "x"))
            .answer("合规", Answer::items([("①", ItemAnswer::Cases(c.cases))]))
            .answer(
                "表彰",
                Answer::judgement(if c.honour { d("0.3") } else { d("0") }, "x"),
            )
            .answer("违规", Answer::items([("①", ItemAnswer::Cases(c.fouls))]))
            .veto("违纪", veto)
            .choose("择一", choice);
        for id in ["采购", "结余"] {
            if choice == "unknown" || id == alternative {
                f = f.answer(id, Answer::judgement(dec(c.alternative), "x"));
            }
        }
        f
    }

    /// The total, worked independently: the table (a bounded leaf, the
    /// chosen alternative), bonus and penalty within their caps, held
    /// within 0 and 10 if clamped, zeroed by the veto.
    fn expected(c: &Case, clamped: bool, holds: bool) -> Decimal {
        let compliance = (d("2") - Decimal::from(c.cases) * d("0.5")).max(d("0.5"));
        let table = dec(c.table) + compliance + dec(c.alternative);
        let jobs = (d("0.5") * Decimal::from(c.jobs) / d("10")).min(d("0.5"));
        let bonus = (jobs.round_dp(2) + if c.honour { d("0.3") } else { d("0") }).min(d("0.5"));
        let penalty = Decimal::from(c.fouls.min(3)).min(d("2"));
        let raw = table + bonus - penalty;
        let total = if clamped {
            raw.max(d("0")).min(d("10"))
        } else {
            raw
        };
        if holds {
            d("0")
        } else {
            total
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Every total is the one worked independently; an unknown veto or
        /// choice gives a range holding every answer it stands for; a grade
        /// cap leaves the total and takes the grade no higher than 良.
        #[test]
        fn structures_add_up_and_unknowns_cover_every_answer(c in case(), clamped in any::<bool>()) {
            let rubric = rubric(if clamped { "clamped" } else { "open" });
            let alternative = if c.chosen { "采购" } else { "结余" };
            let answer = |holds: bool| if holds {
                VetoAnswer::Holds { evidence: "审计认定".to_owned() }
            } else {
                VetoAnswer::Clear
            };
            let mut totals = Vec::new();
            for holds in [false, true] {
                let e = rubric.evaluate(&facts(&c, answer(holds), alternative)).expect("scores");
                prop_assert_eq!(e.total, Some(expected(&c, clamped, holds)));
                let capped = c.executed < 60;
                if capped || holds {
                    prop_assert!(e.grade.as_deref() != Some("优"), "{:?}", e.grade);
                }
                totals.push((e.total, e.grade));
            }
            // The veto unknown: both answers lie within the range and grades.
            let e = rubric.evaluate(&facts(&c, VetoAnswer::Unknown, alternative)).expect("scores");
            for (total, grade) in &totals {
                let t = total.expect("a total");
                prop_assert!(e.low <= t && t <= e.high, "{} not in {}–{}", t, e.low, e.high);
                // An open total below 0 has no grade.
                if let Some(g) = grade {
                    prop_assert!(e.possible_grades.contains(g), "{} not in {:?}", g, e.possible_grades);
                }
            }
            // The choice unknown: both alternatives lie within the range.
            let e = rubric.evaluate(&facts(&c, VetoAnswer::Clear, "unknown")).expect("scores");
            prop_assert!(e.low <= totals[0].0.expect("a total") && totals[0].0.expect("a total") <= e.high);
        }
    }
}

/// A leaf given a share of a sibling's points works its rule on its own
/// points, then on the enlarged points: 满意度 85% of a 90% target on 4
/// points, enlarged to 6 by 时效's share.
#[test]
fn a_share_enlarges_the_points_a_proportional_rule_works_on() {
    let rubric = Rubric::from_json(
        r#"{"title": "t", "total": 12, "precision": 2,
          "inputs": [{"name": "满意度", "unit": "%", "min": 0, "max": 100}],
          "indicators": [
          {"id": "产出", "name": "产出", "points": 12, "children": [
            {"id": "a", "name": "满意度", "points": 4,
             "rule": {"kind": "proportional", "formula": "满意度", "target": "90%", "better": "higher"}},
            {"id": "b", "name": "质量", "points": 4, "rule": {"kind": "judgement"}},
            {"id": "c", "name": "时效", "points": 4, "not_applicable": "share", "share_with": ["a", "b"],
             "rule": {"kind": "judgement"}}]}]}"#,
    )
    .expect("compiles");
    let facts = Facts::from_json(r#"{"values": {"满意度": "81%"}}"#)
        .expect("facts")
        .answer("b", Answer::judgement(d("4"), "x"))
        .not_applicable("c", "本年无时效要求");
    let e = rubric.evaluate(&facts).expect("scores");
    // 81% of 90% is 0.9: 3.6 of 4, then 6 × 3.6 ÷ 4 = 5.4 of 6.
    assert_eq!(score(&e, "a"), Some(d("5.4")));
    // A claim is on the enlarged points, and the what-if to them.
    let review = rubric
        .review(&facts.clone().claim("a", d("5.4")).claim("b", d("6")))
        .expect("reviews");
    let claims: Vec<(&str, Decimal, bool)> = review
        .claims
        .iter()
        .map(|c| (&*c.id, c.points, c.attainable))
        .collect();
    assert_eq!(claims, vec![("a", d("6"), true), ("b", d("6"), true)]);
    let gains: Vec<(&str, Decimal)> = review
        .what_if
        .leaves
        .iter()
        .map(|l| (&*l.id, l.gain))
        .collect();
    assert_eq!(gains, vec![("a", d("0.6"))]);
    assert_eq!(working(&e, "a"), "满意度 = 81%，比例 = 81% ÷ 90% = 0.9，按比例计4 × 0.9，得3.6分（满分4分），时效不适用，其分值均摊本项2分，分值计6分，按本项得分率折算：6 × 3.6 ÷ 4，得5.4分（满分6分）");
}

/// 按同级指标平均得分率计分 takes the siblings' scores as the table shows
/// them (rounded), and a sibling branch's points less what is left out
/// within it.
#[test]
fn the_average_is_of_the_scores_shown_over_the_points_that_apply() {
    let rubric = Rubric::from_json(
        r#"{"title": "t", "total": 12, "precision": 2,
          "inputs": [{"name": "满意度", "unit": "%", "min": 0, "max": 100}],
          "indicators": [
          {"id": "产出", "name": "产出", "points": 12, "children": [
            {"id": "a", "name": "满意度", "points": 4,
             "rule": {"kind": "proportional", "formula": "满意度", "target": "90%", "better": "higher"}},
            {"id": "g", "name": "质量", "points": 4, "children": [
              {"id": "g1", "name": "合格率", "points": 2, "rule": {"kind": "judgement"}},
              {"id": "g2", "name": "验收", "points": 2, "not_applicable": "exclude", "rule": {"kind": "judgement"}}]},
            {"id": "c", "name": "时效", "points": 4, "not_applicable": "average",
             "rule": {"kind": "judgement"}}]}]}"#,
    )
    .expect("compiles");
    let facts = Facts::from_json(r#"{"values": {"满意度": "85%"}}"#)
        .expect("facts")
        .answer("g1", Answer::judgement(d("2"), "x"))
        .not_applicable("g2", "无验收环节")
        .not_applicable("c", "本年无时效要求");
    let e = rubric.evaluate(&facts).expect("scores");
    // a: 4 × 85 ÷ 90 ≈ 3.78; the average: (3.78 + 2) of (4 + 2).
    assert_eq!(score(&e, "a"), Some(d("3.78")));
    assert_eq!(score(&e, "c"), Some(d("3.85")));
    assert_eq!(working(&e, "c"), "不适用（本年无时效要求），按同级指标的平均得分率计分，同级指标得分5.78分（分值6分），按其平均得分率计分：4 × 5.78 ÷ 6，计约3.8533分，四舍五入保留2位小数得3.85分（满分4分）");
}

/// A floor bounds what the rule gives; a leaf not applicable scores as its
/// treatment says.
#[test]
fn a_floor_does_not_lift_a_leaf_not_applicable() {
    let rubric = Rubric::from_json(
        r#"{"title": "t", "total": 5, "indicators": [
          {"id": "合规", "name": "资金使用合规性", "points": 5, "floor": 2, "not_applicable": "zero",
           "rule": {"kind": "judgement"}}]}"#,
    )
    .expect("compiles");
    let e = rubric
        .evaluate(&Facts::new().not_applicable("合规", "本年无资金"))
        .expect("scores");
    assert_eq!(score(&e, "合规"), Some(d("0")));
    assert_eq!(
        working(&e, "合规"),
        "不适用（本年无资金），按规则计0分，得0分（满分5分）"
    );
}

/// A branch on its own scale with a child left out rescales within itself:
/// 51 of the 60 that apply, brought to 30.
#[test]
fn a_branch_on_its_own_scale_rescales_over_what_applies() {
    let rubric = Rubric::from_json(
        r#"{"title": "t", "total": 100, "indicators": [
          {"id": "过程", "name": "过程", "points": 30, "out_of": 100, "children": [
            {"id": "a", "name": "a", "points": 60, "rule": {"kind": "judgement"}},
            {"id": "b", "name": "b", "points": 40, "not_applicable": "exclude", "rule": {"kind": "judgement"}}]},
          {"id": "效果", "name": "效果", "points": 70, "rule": {"kind": "judgement"}}]}"#,
    )
    .expect("compiles");
    let facts = Facts::new()
        .answer("a", Answer::judgement(d("51"), "较好"))
        .not_applicable("b", "无此环节")
        .answer("效果", Answer::judgement(d("63"), "较好"));
    let e = rubric.evaluate(&facts).expect("scores");
    assert_eq!(score(&e, "过程"), Some(d("25.5")));
    assert_eq!(e.total, Some(d("88.5")));
    let w = e
        .find("过程")
        .and_then(|n| n.weighting.as_ref())
        .expect("weighted");
    assert_eq!(w.working.as_deref(), Some("下级指标得分51分（满分100分，适用指标分值60分），按适用分值折算到本级分值：51 × 30 ÷ 60，得25.5分（满分30分）"));
    assert_eq!(
        jixiao::render::text(&rubric, &e, Lang::Zh).lines().last(),
        Some("  - 过程：下级指标得分51分（满分100分，适用指标分值60分），按适用分值折算到本级分值：51 × 30 ÷ 60，得25.5分（满分30分）")
    );
}

/// An unknown choice between an alternative left out as not applicable and
/// one scored: the group may count or not, and the total is the range.
#[test]
fn an_unknown_choice_that_may_leave_the_group_out() {
    let rubric = Rubric::from_json(
        r#"{"title": "t", "total": 10, "indicators": [
          {"id": "采购", "name": "政府采购或结转结余", "points": 5, "alternatives": true, "children": [
            {"id": "政府采购执行率", "name": "政府采购执行率", "points": 5, "not_applicable": "exclude",
             "rule": {"kind": "judgement"}},
            {"id": "结转结余率", "name": "结转结余率", "points": 5, "rule": {"kind": "judgement"}}]},
          {"id": "x", "name": "x", "points": 5, "rule": {"kind": "judgement"}}]}"#,
    )
    .expect("compiles");
    let facts = Facts::new()
        .choose("采购", "unknown")
        .not_applicable("政府采购执行率", "无政府采购")
        .answer("结转结余率", Answer::judgement(d("4"), "x"))
        .answer("x", Answer::judgement(d("5"), "x"));
    let e = rubric.evaluate(&facts).expect("scores");
    // 结转结余率 chosen: 4 + 5 = 9; 政府采购 chosen and left out: 5 of 5, rescaled to 10.
    assert_eq!((e.low, e.high), (d("9"), d("10")));
}

/// An open final score below 0 (扣分 beyond the table's points) lies in the
/// lowest band where it starts at 0.
#[test]
fn an_open_total_below_zero_takes_the_lowest_grade() {
    let facts = Facts::new()
        .value("新增岗位数", d("0"))
        .answer("履职", Answer::judgement(d("1"), "x"))
        .answer(
            "表彰",
            Answer::items([("省级以上表彰", jixiao::ItemAnswer::NotMet)]),
        )
        .answer(
            "违规",
            Answer::items([("违规问题", jixiao::ItemAnswer::Cases(5))]),
        );
    let e = with_items("open").evaluate(&facts).expect("scores");
    assert_eq!((e.total, e.grade.as_deref()), (Some(d("-1")), Some("差")));
}

/// The review counts a leaf's points through its branch's scale (40 points
/// of 100 under a branch of 30 are 12 of the table's), an item's within its
/// cap, and gives no route to the next grade while a veto may zero the total.
#[test]
fn the_review_counts_points_as_the_table_does() {
    let rubric = Rubric::from_json(
        r#"{"title": "t", "total": 100,
          "inputs": [{"name": "满意度", "unit": "%", "min": 0, "max": 100},
                     {"name": "新增岗位数", "min": 0, "integer": true}],
          "indicators": [
          {"id": "过程", "name": "过程", "points": 30, "out_of": 100, "children": [
            {"id": "a", "name": "a", "points": 60, "rule": {"kind": "judgement"}},
            {"id": "b", "name": "b", "points": 40,
             "rule": {"kind": "proportional", "formula": "满意度", "target": "100%", "better": "higher"}}]},
          {"id": "效果", "name": "效果", "points": 70, "rule": {"kind": "judgement"}}],
          "bonus": {"cap": 0.2, "items": [
            {"id": "岗位", "name": "新增就业岗位", "points": 0.5,
             "rule": {"kind": "proportional", "formula": "新增岗位数", "target": 10, "better": "higher"}}]}}"#,
    )
    .expect("compiles");
    let facts = Facts::new()
        .unknown("满意度")
        .unknown("新增岗位数")
        .answer("a", Answer::judgement(d("30"), "x"))
        .answer("效果", Answer::judgement(d("60"), "x"));
    let review = rubric.review(&facts).expect("reviews");
    // 过程 9 to 21, 效果 60, the bonus 0 to 0.2: 69 to 81.2.
    let next = review.what_if.next_grade.as_ref().expect("a next grade");
    assert_eq!(
        (next.needed, next.from.clone()),
        (
            d("11"),
            vec![jixiao::Gain {
                id: std::sync::Arc::from("b"),
                points: d("12")
            }]
        )
    );
    let widths: Vec<(String, Decimal)> = review
        .what_if
        .narrowing
        .iter()
        .map(|n| (n.fact.to_string(), n.width))
        .collect();
    assert_eq!(
        widths,
        vec![
            ("满意度".to_owned(), d("12")),
            ("新增岗位数".to_owned(), d("0.2"))
        ]
    );

    let review = with_vetoes()
        .review(
            &Facts::new()
                .value("全年执行数", d("50"))
                .value("全年预算数", d("100"))
                .answer("履职", Answer::judgement(d("70"), "x"))
                .veto("违纪", jixiao::VetoAnswer::Unknown),
        )
        .expect("reviews");
    assert_eq!(review.what_if.next_grade, None);
}
