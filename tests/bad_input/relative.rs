//! The catalogue's cases for relative scores (相对评分): points lists that
//! cannot be scored, methods misworded, and batches that cannot be ranked —
//! names missing or repeated, a department's value missing or negative, a
//! batch larger than the places the rubric gives points to, one
//! department's facts alone — each with the whole message.
//!
//! [`base_rubric`] scores a batch three ways on 编制资源配比 (by place, in
//! proportion to the first, against the average), and [`base_batch`] is
//! three districts that score against it without error.

use jixiao::{Departments, Lang, Rubric};
use serde_json::{json, Value};

use super::{Case, Input, ACCEPTED};

/// The base rubric: 工作绩效 60 by place (60/57/54/51/48, ties averaged),
/// 编制总量 6 in proportion to the first, 基层力量 2 against the average.
pub fn base_rubric() -> Value {
    json!({
        "title": "区县评估",
        "total": 68,
        "inputs": [
            { "name": "考核得分", "min": 0, "max": 100 },
            { "name": "编制资源总量", "min": 0, "integer": true },
            { "name": "村社区总数", "min": 1, "integer": true },
            { "name": "基层编制数", "min": 0, "integer": true }
        ],
        "indicators": [
            { "id": "工作绩效", "name": "工作绩效", "points": 60,
              "rule": { "kind": "relative", "formula": "考核得分", "better": "higher",
                        "method": { "rank": { "points": [60, 57, 54, 51, 48], "ties": "average" } } } },
            { "id": "编制总量", "name": "编制总量", "points": 6,
              "rule": { "kind": "relative", "formula": "编制资源总量/村社区总数", "better": "higher",
                        "method": "best" } },
            { "id": "基层力量", "name": "基层力量", "points": 2,
              "rule": { "kind": "relative", "formula": "基层编制数/编制资源总量×100%", "better": "higher",
                        "method": { "average": { "step": "1%", "deduction": 0.1, "partial_unit": "proportional" } } } }
        ]
    })
}

/// Three districts that score against [`base_rubric`] without error.
pub fn base_batch() -> Value {
    let district = |name: &str, score: u32, total: u32, villages: u32, base: u32| {
        json!({ "name": name, "facts": { "values": {
            "考核得分": score, "编制资源总量": total, "村社区总数": villages, "基层编制数": base } } })
    };
    json!({ "departments": [
        district("甲区", 93, 2480, 310, 1240),
        district("乙区", 91, 1950, 260, 897),
        district("丙区", 91, 2210, 340, 1326)
    ] })
}

/// What reading a rubric and a batch and scoring the batch shows.
pub fn outcome(rubric: &str, batch: &str) -> (String, String) {
    let rubric = match Rubric::from_json(rubric) {
        Ok(r) => r,
        Err(e) => return (e.to_string(), e.message(Lang::Zh)),
    };
    let batch = match Departments::from_json(batch) {
        Ok(b) => b,
        Err(e) => return (e.to_string(), e.message(Lang::Zh)),
    };
    match rubric.review_batch(&batch.departments) {
        Ok(_) => (ACCEPTED.to_owned(), ACCEPTED.to_owned()),
        Err(e) => (e.to_string(), e.message(Lang::Zh)),
    }
}

fn rubric(name: &'static str, r: fn(&mut Value), expected: impl Into<String>, zh: &str) -> Case {
    Case {
        name,
        input: Input::Batch(r, |_| {}),
        expected: expected.into(),
        expected_zh: zh.to_owned(),
    }
}

fn batch(name: &'static str, b: fn(&mut Value), expected: impl Into<String>, zh: &str) -> Case {
    Case {
        name,
        input: Input::Batch(|_| {}, b),
        expected: expected.into(),
        expected_zh: zh.to_owned(),
    }
}

fn both(
    name: &'static str,
    r: fn(&mut Value),
    b: fn(&mut Value),
    expected: impl Into<String>,
    zh: &str,
) -> Case {
    Case {
        name,
        input: Input::Batch(r, b),
        expected: expected.into(),
        expected_zh: zh.to_owned(),
    }
}

/// The rule of the base rubric's indicator `i`.
fn rule(r: &mut Value, i: usize) -> &mut Value {
    &mut r["indicators"][i]["rule"]
}

/// The base rubric's points-by-place method.
fn ranking(r: &mut Value) -> &mut Value {
    &mut rule(r, 0)["method"]["rank"]
}

/// The values of the base batch's department `i`.
fn values(b: &mut Value, i: usize) -> &mut Value {
    &mut b["departments"][i]["facts"]["values"]
}

/// Six districts: one more than 工作绩效's points list has places.
fn six(b: &mut Value) {
    let list = b["departments"].as_array_mut().expect("departments");
    for (name, score) in [("丁区", 88), ("戊区", 87), ("己区", 86)] {
        let mut d = list[0].clone();
        d["name"] = json!(name);
        d["facts"]["values"]["考核得分"] = json!(score);
        list.push(d);
    }
}

pub fn cases() -> Vec<Case> {
    vec![
        // ---- The points list (排名1-5名依次赋予60/57/54/51/48分) ----------
        rubric("rank_points_empty", |r| ranking(r)["points"] = json!([]), "the rubric has 1 problem:\nindicator `工作绩效`: field `rule.method.rank.points`: expected the points of at least the first place, found an empty list", "指标表有1个问题：\n指标“工作绩效”，字段 rule.method.rank.points：应为至少第1名的分值，实际为空列表"),
        rubric("rank_points_rising", |r| ranking(r)["points"] = json!([60, 57, 58, 51, 48]), "the rubric has 1 problem:\nindicator `工作绩效`: field `rule.method.rank.points[2]`: expected points that do not rise down the list: at most place 2's 57, found 58", "指标表有1个问题：\n指标“工作绩效”，字段 rule.method.rank.points[2]：应为不超过第2名57分的分值（名次越后，分值不得越高），实际为58"),
        rubric("rank_points_above_the_leaf", |r| ranking(r)["points"] = json!([62, 57, 54, 51, 48]), "the rubric has 1 problem:\nindicator `工作绩效`: field `rule.method.rank.points[0]`: expected points of at most the leaf's 60, found 62", "指标表有1个问题：\n指标“工作绩效”，字段 rule.method.rank.points[0]：应为不超过本指标分值60分的分值，实际为62"),
        rubric("rank_points_negative", |r| ranking(r)["points"] = json!([60, 57, 54, 51, -1]), "the rubric has 1 problem:\nindicator `工作绩效`: field `rule.method.rank.points[4]`: expected points of at least 0, found -1", "指标表有1个问题：\n指标“工作绩效”，字段 rule.method.rank.points[4]：应为不小于0的分值，实际为-1"),
        rubric(
            "rank_beyond_and_decrement",
            |r| {
                ranking(r)["beyond"] = json!(0);
                ranking(r)["decrement"] = json!(3);
            },
            "the rubric has 1 problem:\nindicator `工作绩效`: field `rule.method.rank.decrement`: expected `beyond` (the points of every place past the list) or `decrement` (the points lost per place past it), not both, found both", "指标表有1个问题：\n指标“工作绩效”，字段 rule.method.rank.decrement：应为beyond（列表以后各名次的分值）或 decrement（列表以后每后一名减少的分值），只能设其一，实际为两项同时填写",
        ),
        rubric("rank_beyond_above_the_last_place", |r| ranking(r)["beyond"] = json!(50), "the rubric has 1 problem:\nindicator `工作绩效`: field `rule.method.rank.beyond`: expected points from 0 to the last listed place's 48, found 50", "指标表有1个问题：\n指标“工作绩效”，字段 rule.method.rank.beyond：应为0至列表最后一名分值48分之间的分值，实际为50"),
        rubric("rank_decrement_zero", |r| ranking(r)["decrement"] = json!(0), "the rubric has 1 problem:\nindicator `工作绩效`: field `rule.method.rank.decrement`: expected points greater than 0 lost per place past the list, found 0", "指标表有1个问题：\n指标“工作绩效”，字段 rule.method.rank.decrement：应为大于0的递减分值（列表以后每后一名减少的分值），实际为0"),
        rubric("rank_ties_unsaid", |r| super::remove(ranking(r), "ties"), "rubric: indicator `工作绩效`: field `rule`: missing field `ties` (line 23, column 5)", "指标表：指标“工作绩效”，字段 rule：缺少字段“ties”（第23行第5列）"),
        rubric("rank_ties_misnamed", |r| ranking(r)["ties"] = json!("shared"), "rubric: indicator `工作绩效`: field `rule.method`: unknown variant `shared`, expected `same_rank` or `average` (line 24, column 5)", "指标表：指标“工作绩效”，字段 rule.method：取值“shared”无效，应为以下之一：same_rank、average（第24行第5列）"),
        rubric("method_unknown", |r| rule(r, 1)["method"] = json!("median"), "rubric: indicator `编制总量`: field `rule.method`: unknown variant `median`, expected one of `rank`, `best`, `average` (line 35, column 5)", "指标表：指标“编制总量”，字段 rule.method：取值“median”无效，应为以下之一：rank、best、average（第35行第5列）"),
        rubric("better_unsaid", |r| super::remove(rule(r, 1), "better"), "rubric: indicator `编制总量`: field `rule`: missing field `better` (line 34, column 5)", "指标表：指标“编制总量”，字段 rule：缺少字段“better”（第34行第5列）"),
        // ---- Against the average (每低1%扣0.1分) -------------------------
        rubric("average_step_zero", |r| rule(r, 2)["method"]["average"]["step"] = json!("0%"), "the rubric has 1 problem:\nindicator `基层力量`: field `rule.method.average.step`: expected a step greater than 0, found 0%", "指标表有1个问题：\n指标“基层力量”，字段 rule.method.average.step：应为大于0的步长，实际为0%"),
        rubric("average_step_not_a_percentage", |r| rule(r, 2)["method"]["average"]["step"] = json!(1), "the rubric has 1 problem:\nindicator `基层力量`: field `rule.method.average.step`: expected a percentage written with a % sign, such as \"100%\" (or \"1%\" if 1 percent is meant), because the formula is a percentage, found 1", "指标表有1个问题：\n指标“基层力量”，字段 rule.method.average.step：应为带%的百分数，如\"100%\"（若指百分之1，则写\"1%\"），因为公式是百分比，实际为1"),
        rubric("average_deduction_negative", |r| rule(r, 2)["method"]["average"]["deduction"] = json!(-0.1), "the rubric has 1 problem:\nindicator `基层力量`: field `rule.method.average.deduction`: expected a number of at least 0, found -0.1", "指标表有1个问题：\n指标“基层力量”，字段 rule.method.average.deduction：应为不小于0的数，实际为-0.1"),
        rubric("average_partial_unit_unsaid", |r| super::remove(&mut rule(r, 2)["method"]["average"], "partial_unit"), "rubric: indicator `基层力量`: field `rule`: missing field `partial_unit` (line 51, column 5)", "指标表：指标“基层力量”，字段 rule：缺少字段“partial_unit”（第51行第5列）"),
        // ---- The batch ---------------------------------------------------
        batch("department_name_repeated", |b| b["departments"][2]["name"] = json!("甲区"), "the batch has 1 problem:\nfield `departments[2].name`: expected a name no other department of the batch has (department 1 is `甲区` too), found `甲区` again", "本批资料有1个问题：\n字段 departments[2].name：应为本批其他单位未用过的名称（第1个单位也叫“甲区”），实际为“甲区”重复出现"),
        batch("department_name_empty", |b| b["departments"][1]["name"] = json!(" "), "the batch has 1 problem:\nfield `departments[1].name`: expected the department's name, found an empty name", "本批资料有1个问题：\n字段 departments[1].name：应为单位名称，实际为空名称"),
        batch("department_value_missing", |b| { values(b, 1).as_object_mut().expect("values").remove("考核得分"); }, "the batch has 1 problem:\ndepartment `乙区`: field `values.考核得分`: no value given for `考核得分`, expected a number or \"unknown\"; needed by 工作绩效", "本批资料有1个问题：\n单位“乙区”：字段 values.考核得分：未填写“考核得分”，应填写数值或\"unknown\"（未知）；工作绩效需要此项"),
        batch("department_facts_misspelt", |b| b["departments"][1]["facts"]["value"] = json!({}), "departments: field `departments[1].facts.value`: unknown field `value`, expected one of `$schema`, `source`, `values`, `answers`, `not_applicable`, `claimed`, `claimed_total`, `overrides`, `actuals`, `targets`, `deviations`, `target_lists`, `choices`, `vetoes` (line 16, column 15)", "参评单位资料：字段 departments[1].facts.value：无法识别字段“value”，应为以下字段之一：$schema、source、values、answers、not_applicable、claimed、claimed_total、overrides、actuals、targets、deviations、target_lists、choices、vetoes（第16行第15列）"),
        batch("department_without_facts", |b| super::remove(&mut b["departments"][0], "facts"), "departments: field `departments[0]`: missing field `facts` (line 5, column 5)", "参评单位资料：字段 departments[0]：缺少字段“facts”（第5行第5列）"),
        batch("more_departments_than_places", six, "the batch has 1 problem:\nindicator `工作绩效`: field `rule.method.rank.points`: expected points for every place: the list gives 5 places, so say what a place past it scores (`beyond` or `decrement`), found 6 departments scored on this leaf", "本批资料有1个问题：\n指标“工作绩效”，字段 rule.method.rank.points：应为每个名次的分值：列表只列了5个名次，须规定列表以后的名次如何计分（beyond 或 decrement），实际为本指标有6个单位参与计分"),
        both("more_departments_than_places_with_beyond", |r| ranking(r)["beyond"] = json!(40), six, ACCEPTED, "(accepted: no error)"),
        both(
            "best_of_a_negative_value",
            |r| super::remove(&mut r["inputs"][1], "min"),
            |b| values(b, 0)["编制资源总量"] = json!(-2480),
            "the batch has 1 problem:\ndepartment `甲区`: indicator `编制总量`: field `rule.formula`: expected a value of at least 0, since the score is in proportion to the first place's value (按第1名的比例), found -8", "本批资料有1个问题：\n单位“甲区”：指标“编制总量”，字段 rule.formula：应为不小于0的数值：得分按与第1名数值的比例计算，实际为-8",
        ),
    ]
}

/// One department's facts alone for a rubric with relative leaves: each
/// relative leaf named.
#[test]
fn one_departments_facts_alone_are_refused() {
    let rubric = Rubric::from_json(&super::pretty(&base_rubric())).expect("compiles");
    let facts = jixiao::Facts::from_json(&super::pretty(&base_batch()["departments"][0]["facts"]))
        .expect("facts");
    assert_eq!(
        rubric.evaluate(&facts).map(|_| ()).map_err(|e| e.to_string()),
        Err("the facts have 3 problems:\n\
         indicator `工作绩效`: field `rule`: expected the whole batch of departments (Rubric::evaluate_batch), since a relative score compares each department with the others, found one department's facts (Rubric::evaluate)\n\
         indicator `编制总量`: field `rule`: expected the whole batch of departments (Rubric::evaluate_batch), since a relative score compares each department with the others, found one department's facts (Rubric::evaluate)\n\
         indicator `基层力量`: field `rule`: expected the whole batch of departments (Rubric::evaluate_batch), since a relative score compares each department with the others, found one department's facts (Rubric::evaluate)"
            .to_owned())
    );
    assert_eq!(
        rubric.evaluate(&facts).map(|_| ()).map_err(|e| e.message(Lang::Zh)),
        Err("填报资料有3个问题：\n\
         指标“工作绩效”，字段 rule：应为全部参评单位的资料一并评分（Rubric::evaluate_batch）：相对评分须将各单位相互比较，实际为只有一个单位的资料（Rubric::evaluate）\n\
         指标“编制总量”，字段 rule：应为全部参评单位的资料一并评分（Rubric::evaluate_batch）：相对评分须将各单位相互比较，实际为只有一个单位的资料（Rubric::evaluate）\n\
         指标“基层力量”，字段 rule：应为全部参评单位的资料一并评分（Rubric::evaluate_batch）：相对评分须将各单位相互比较，实际为只有一个单位的资料（Rubric::evaluate）"
            .to_owned())
    );
}
