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
        "评价人评分3分，理由：x，时效不适用，其分值均摊本项2分，分值计6分，按本项得分率折算：6 × 3 ÷ 4，得4.5分（满分6分）"
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
