//! The catalogue's cases for project target tables (绩效目标表) and their
//! facts: targets that cannot be read, units that disagree, points that
//! cannot be given, actual values of the wrong form — each with the whole
//! message.
//!
//! [`base_table`] is a small table (four rows: a `≥` target in 人次, a `≤`
//! target in 个月, a qualitative target, a percentage) compiled under the
//! national convention, and [`base_facts`] score against it without error.

use jixiao::{Convention, Facts, Rubric, TargetTable};
use serde_json::{json, Value};

use super::{Case, Input, ACCEPTED};

/// The base target table: 产出 50 (培训人次 30, 完成时限 20), 效益 30
/// (带动作用, qualitative), 满意度 10; with 预算执行率's 10, 100 points.
pub fn base_table() -> Value {
    json!({
        "title": "测试项目支出绩效自评表",
        "indicators": [
            { "level1": "产出指标", "level2": "数量指标", "name": "培训人次", "target": "≥2000人次", "points": 30 },
            { "level1": "产出指标", "level2": "时效指标", "name": "完成时限", "target": "≤12个月", "points": 20 },
            { "level1": "效益指标", "level2": "社会效益指标", "name": "带动作用", "target": "效果明显", "points": 30 },
            { "level1": "满意度指标", "level2": "服务对象满意度指标", "name": "满意度", "target": "≥90%", "points": 10 }
        ]
    })
}

/// Facts that score against [`base_table`] without error.
pub fn base_facts() -> Value {
    json!({
        "values": { "全年预算数": 250, "全年执行数": 212.5 },
        "actuals": {
            "培训人次": "2100人次",
            "完成时限": "12个月",
            "带动作用": { "level": "达成", "score": 27, "reason": "示范户带动明显" },
            "满意度": "93%"
        }
    })
}

/// What reading a target table, compiling it under the national
/// convention and scoring the facts against it shows.
pub fn outcome(table: &str, facts: &str) -> String {
    let table = match TargetTable::from_json(table) {
        Ok(t) => t,
        Err(e) => return e.to_string(),
    };
    let rubric = match Rubric::from_targets(&table, &Convention::national()) {
        Ok(r) => r,
        Err(e) => return e.to_string(),
    };
    let facts = match Facts::from_json(facts) {
        Ok(f) => f,
        Err(e) => return e.to_string(),
    };
    match rubric.evaluate(&facts) {
        Ok(_) => ACCEPTED.to_owned(),
        Err(e) => e.to_string(),
    }
}

fn table(name: &'static str, t: fn(&mut Value), expected: impl Into<String>) -> Case {
    Case {
        name,
        input: Input::Targets(t, |_| {}),
        expected: expected.into(),
    }
}

fn facts(name: &'static str, f: fn(&mut Value), expected: impl Into<String>) -> Case {
    Case {
        name,
        input: Input::Targets(|_| {}, f),
        expected: expected.into(),
    }
}

fn table_text(name: &'static str, text: impl Into<String>, expected: impl Into<String>) -> Case {
    Case {
        name,
        input: Input::TargetsText(text.into()),
        expected: expected.into(),
    }
}

/// Sets the `target` of the base table's first row (培训人次).
fn first_target(t: &mut Value, text: &str) {
    t["indicators"][0]["target"] = json!(text);
}

#[allow(clippy::too_many_lines)]
pub fn cases() -> Vec<Case> {
    vec![
        // ---- Targets that cannot be read --------------------------------
        table(
            "target_sign_without_a_number",
            |t| first_target(t, "≥上年"),
            "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a number after the comparison sign, found `≥上年`",
        ),
        table("target_words_after_the_number", |t| first_target(t, "100%完成"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected the end of the target (or 以上, 以下, 以内) after `100%`, found `100%完成`"),
        table("target_range_in_two_units", |t| first_target(t, "5人-10人次"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected the same unit at both ends of the range, found `5人-10人次`"),
        table("target_approximate", |t| first_target(t, "约50人"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a target that can be checked: an approximate figure (约) cannot be scored; write it as `=50人` (with the convention's tolerance) or in words, found `约50人`"),
        table("target_bad_thousands", |t| first_target(t, "≥20,00人次"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a number with its digits in groups of three between commas, found `≥20,00人次`"),
        table("target_range_reversed", |t| first_target(t, "105%-95%"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a range whose lower end comes first, found `105%-95%`"),
        table(
            "target_too_many_digits",
            |t| first_target(t, "≥1234567890123456789012345678901人次"),
            "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a number of at most 28 significant digits (what an exact decimal holds), found `≥1234567890123456789012345678901人次`",
        ),
        table("target_two_comparisons", |t| first_target(t, "≥90%以下"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected one comparison, not two that disagree, found `≥90%以下`"),
        table("target_range_unclosed", |t| first_target(t, "[95%,105%"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected `]` or `)` to close the range, found `[95%,105%`"),
        table("target_empty", |t| first_target(t, " "), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a target such as `≥50人`, `95%-105%` or `效果明显`, found ` `"),
        table(
            "target_qualitative_with_comparison_word_and_number",
            |t| first_target(t, "不低于上年的95%"),
            "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a number right after the comparison word (the target compares with something that is not a number), found `不低于上年的95%`",
        ),
        table("target_a_bare_zero", |t| first_target(t, "0起"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a comparison for a target of 0 (`=0起` or `≤0起`): read as at least 0 it could never be missed, found `0起`"),
        table("target_a_deadline", |t| first_target(t, "12月底前完成"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a unit after the number, such as 人次, 万元 or 个月, where `月底前完成` stands (a deadline, an approximation or words are not a unit), found `12月底前完成`"),
        table("target_approximate_in_its_unit", |t| first_target(t, "50人左右"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a unit after the number, such as 人次, 万元 or 个月, where `人左右` stands (a deadline, an approximation or words are not a unit), found `50人左右`"),
        table(
            "target_a_quantity_behind_a_label",
            |t| first_target(t, "合格率≥95%"),
            "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a target that starts with its comparison or its number (a qualitative target has no comparison sign and no figure with a unit), found `合格率≥95%`",
        ),
        table("target_a_count_in_words", |t| first_target(t, "全年12次"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a target that starts with its comparison or its number (a qualitative target has no comparison sign and no figure with a unit), found `全年12次`"),
        table(
            "unit_column_on_a_qualitative_row",
            |t| t["indicators"][2]["unit"] = json!("个"),
            "the rubric has 1 problem:\nindicator `效益指标 › 社会效益指标 › 带动作用`: field `indicators[2].unit`: expected no unit for a qualitative target, found a unit for `效果明显`",
        ),
        // ---- Units --------------------------------------------------------
        table(
            "unit_column_of_another_kind",
            |t| t["indicators"][0]["unit"] = json!("人"),
            "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].unit`: expected the unit the target is written in (人次), or one of its kind, found `人`",
        ),
        table(
            "unit_column_not_a_unit",
            |t| t["indicators"][0]["unit"] = json!("（人次）"),
            "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].unit`: expected a unit such as 人次, 万元 or %, found `（人次）`",
        ),
        // ---- Points -------------------------------------------------------
        table(
            "points_on_some_rows_only",
            |t| {
                t["indicators"][0]
                    .as_object_mut()
                    .map(|row| row.remove("points"));
            },
            "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].points`: expected points on every row of 产出指标, or on none (to share the convention's weight), found a row without points beside rows with them",
        ),
        table(
            "points_missing_without_a_weight",
            |t| {
                t["indicators"][3]["level1"] = json!("其他指标");
                t["indicators"][3]
                    .as_object_mut()
                    .map(|row| row.remove("points"));
            },
            "the rubric has 1 problem:\nindicator `其他指标 › 服务对象满意度指标 › 满意度`: field `indicators[3].points`: expected the row's points, because the convention gives 其他指标 no weight, found none",
        ),
        table(
            "weight_does_not_split_exactly",
            |t| {
                for i in 0..2 {
                    t["indicators"][i]
                        .as_object_mut()
                        .map(|row| row.remove("points"));
                }
                if let Some(rows) = t["indicators"].as_array_mut() {
                    rows.push(json!({ "level1": "产出指标", "level2": "质量指标", "name": "合格率", "target": "≥95%" }));
                }
            },
            "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].points`: expected the rows' points, because 产出指标's weight of 50 does not split exactly among 3 rows, found none",
        ),
        table(
            "points_not_adding_up_to_the_total",
            |t| t["indicators"][0]["points"] = json!(25),
            "the rubric has 1 problem:\nrubric: field `indicators`: expected rows whose points, with 预算执行率's 10, add up to the convention's total of 100, found rows adding up to 85 (a total of 95)",
        ),
        table(
            "two_rows_with_one_name",
            |t| t["indicators"][1]["name"] = json!("培训人次"),
            "the rubric has 1 problem:\nindicator `产出指标 › 时效指标 › 培训人次`: field `indicators[1].id`: expected a row name no other row uses, or an `id` for this row (row 1 is also `培训人次`), found `培训人次` again",
        ),
        table_text(
            "table_misspelled_field",
            r#"{"title": "t", "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "a", "targte": "≥1人", "points": 90}]}"#,
            "targets: indicator `产出指标 › 数量指标 › a`: field `indicators[0].targte`: unknown field `targte`, expected one of `level1`, `level2`, `name`, `id`, `target`, `unit`, `points`, `bare`, `scale`, `definition` (line 1, column 104)",
        ),
        table_text("table_not_json", "{\"title\": ", "targets: the document ends where a value was expected at line 1 column 10"),
        // ---- Actual values -------------------------------------------------
        facts(
            "actual_in_another_kind_of_unit",
            |f| f["actuals"]["培训人次"] = json!("2100人"),
            "the facts have 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `actuals.培训人次`: expected the actual value in 人次 (or a unit of its kind), the target's unit, found `2100人`, in 人",
        ),
        facts(
            "actual_percentage_without_its_sign",
            |f| f["actuals"]["满意度"] = json!("93"),
            "the facts have 1 problem:\nindicator `满意度指标 › 服务对象满意度指标 › 满意度`: field `actuals.满意度`: expected a percentage written with a % sign, such as \"93%\" (the target is in %), found 93",
        ),
        Case {
            name: "actual_without_its_unit_where_the_unit_has_a_size",
            input: Input::Targets(
                |t| first_target(t, "≥0.2万人次"),
                |f| f["actuals"]["培训人次"] = json!(2100),
            ),
            expected: "the facts have 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `actuals.培训人次`: expected the actual value with its unit, such as \"2100万人次\": a number alone may be in 万人次 or in a unit of another size, found 2100".to_owned().to_owned(),
        },
        facts(
            "actual_fraction_for_a_percentage",
            |f| f["actuals"]["满意度"] = json!("0.93"),
            "the facts have 1 problem:\nindicator `满意度指标 › 服务对象满意度指标 › 满意度`: field `actuals.满意度`: expected a percentage written with a % sign, such as \"93%\" (or \"0.93%\" if 0.93 percent is meant) (the target is in %), found 0.93",
        ),
        facts(
            "actual_percentage_as_a_json_number",
            |f| f["actuals"]["满意度"] = json!(93),
            "the facts have 1 problem:\nindicator `满意度指标 › 服务对象满意度指标 › 满意度`: field `actuals.满意度`: expected a percentage written with a % sign, such as \"93%\" (the target is in %), found 93",
        ),
        facts(
            "actual_words_for_a_quantity",
            |f| f["actuals"]["满意度"] = json!("基本满意"),
            "the facts have 1 problem:\nindicator `满意度指标 › 服务对象满意度指标 › 满意度`: field `actuals.满意度`: expected the actual value as a number in %, found `基本满意`",
        ),
        facts(
            "actual_level_for_a_quantity",
            |f| f["actuals"]["培训人次"] = json!({ "level": "达成", "score": 30, "reason": "完成" }),
            "the facts have 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `actuals.培训人次`: expected the actual value as a number in 人次, because the target `≥2000人次` is quantitative, found a level with a score",
        ),
        facts(
            "actual_number_for_a_qualitative_target",
            |f| f["actuals"]["带动作用"] = json!(27),
            "the facts have 1 problem:\nindicator `效益指标 › 社会效益指标 › 带动作用`: field `actuals.带动作用`: expected one of the levels “达成”、“部分达成”、“未达成” for the qualitative target, found 27",
        ),
        facts(
            "actual_level_not_declared",
            |f| f["actuals"]["带动作用"] = json!("效果很好"),
            "the facts have 1 problem:\nindicator `效益指标 › 社会效益指标 › 带动作用`: field `actuals.带动作用.level`: expected one of the levels “达成”、“部分达成”、“未达成”, found “效果很好”",
        ),
        facts(
            "actual_level_without_its_score",
            |f| f["actuals"]["带动作用"] = json!("达成"),
            "the facts have 1 problem:\nindicator `效益指标 › 社会效益指标 › 带动作用`: field `actuals.带动作用.score`: no answer given, expected a score from 24 to 30 for the level “达成”, with a reason",
        ),
        facts(
            "actual_level_score_outside_its_tier",
            |f| f["actuals"]["带动作用"] = json!({ "level": "部分达成", "score": 27, "reason": "较好" }),
            "the facts have 1 problem:\nindicator `效益指标 › 社会效益指标 › 带动作用`: field `actuals.带动作用.score`: expected a score in [18,24) for the level “部分达成”, found 27",
        ),
        facts(
            "actual_missing",
            |f| {
                f["actuals"]
                    .as_object_mut()
                    .map(|a| a.remove("完成时限"));
            },
            "the facts have 1 problem:\nindicator `产出指标 › 时效指标 › 完成时限`: field `actuals.完成时限`: no answer given, expected the actual value (实际完成值) as a number in 个月, or \"unknown\"",
        ),
        facts(
            "actual_for_an_unknown_row",
            |f| f["actuals"]["培训人数"] = json!("10人"),
            "the facts have 1 problem:\nfield `actuals.培训人数`: no target indicator has the id `培训人数`; did you mean `培训人次`?",
        ),
        facts(
            "actual_with_an_unknown_key",
            |f| f["actuals"]["带动作用"] = json!({ "level": "达成", "points": 27 }),
            "facts: field `actuals.带动作用`: unknown field `points`, expected one of `level`, `score`, `reason` (line 7, column 14)",
        ),
        facts(
            "target_in_the_facts_for_a_rubric_target",
            |f| f["targets"] = json!({ "培训人次": "≥100人次" }),
            "the facts have 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `targets.培训人次`: expected no target for a leaf whose rubric sets it (`≥2000人次`), found `≥100人次`",
        ),
        facts(
            "deviation_blank",
            |f| f["deviations"] = json!({ "完成时限": " " }),
            "the facts have 1 problem:\nindicator `产出指标 › 时效指标 › 完成时限`: field `deviations.完成时限`: a reason is required, found a blank reason",
        ),
        facts(
            "deviation_for_an_unknown_row",
            |f| f["deviations"] = json!({ "完成时间": "延期" }),
            "the facts have 1 problem:\nfield `deviations.完成时间`: no leaf indicator has the id `完成时间`; did you mean `完成时限`?",
        ),
        facts(
            "budget_missing",
            |f| {
                f["values"].as_object_mut().map(|v| v.remove("全年执行数"));
            },
            "the facts have 1 problem:\nfield `values.全年执行数`: no value given for `全年执行数`, expected a number or \"unknown\"; needed by 预算执行率",
        ),
    ]
}
