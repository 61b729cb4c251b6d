//! The catalogue's cases for project target tables (绩效目标表) and their
//! facts: targets that cannot be read, units that disagree, points that
//! cannot be given, actual values of the wrong form — each with the whole
//! message.
//!
//! [`base_table`] is a small table (four rows: a `≥` target in 人次, a `≤`
//! target in 个月, a qualitative target, a percentage) compiled under the
//! national convention, and [`base_facts`] score against it without error.

use jixiao::{Convention, Facts, Lang, Rubric, TargetTable};
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
pub fn outcome(table: &str, facts: &str) -> (String, String) {
    let table = match TargetTable::from_json(table) {
        Ok(t) => t,
        Err(e) => return (e.to_string(), e.message(Lang::Zh)),
    };
    let rubric = match Rubric::from_targets(&table, &Convention::national()) {
        Ok(r) => r,
        Err(e) => return (e.to_string(), e.message(Lang::Zh)),
    };
    let facts = match Facts::from_json(facts) {
        Ok(f) => f,
        Err(e) => return (e.to_string(), e.message(Lang::Zh)),
    };
    match rubric.evaluate(&facts) {
        Ok(_) => (ACCEPTED.to_owned(), ACCEPTED.to_owned()),
        Err(e) => (e.to_string(), e.message(Lang::Zh)),
    }
}

fn table(name: &'static str, t: fn(&mut Value), expected: &str, zh: &str) -> Case {
    Case {
        name,
        input: Input::Targets(t, |_| {}),
        expected: expected.to_owned(),
        expected_zh: zh.to_owned(),
    }
}

fn facts(name: &'static str, f: fn(&mut Value), expected: &str, zh: &str) -> Case {
    Case {
        name,
        input: Input::Targets(|_| {}, f),
        expected: expected.to_owned(),
        expected_zh: zh.to_owned(),
    }
}

fn table_text(name: &'static str, text: impl Into<String>, expected: &str, zh: &str) -> Case {
    Case {
        name,
        input: Input::TargetsText(text.into()),
        expected: expected.to_owned(),
        expected_zh: zh.to_owned(),
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
            "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].target：应为比较符号后接数值，实际为`≥上年`",
        ),
        table("target_words_after_the_number", |t| first_target(t, "100%完成"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected the end of the target (or 以上, 以下, 以内) after `100%`, found `100%完成`", "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].target：应为指标值到此结束（或接以上、以下、以内）（在“100%”之后），实际为`100%完成`"),
        table("target_range_in_two_units", |t| first_target(t, "5人-10人次"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected the same unit at both ends of the range, found `5人-10人次`", "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].target：应为区间两端单位相同，实际为`5人-10人次`"),
        table("target_approximate", |t| first_target(t, "约50人"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a target that can be checked: an approximate figure (约) cannot be scored; write it as `=50人` (with the convention's tolerance) or in words, found `约50人`", "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].target：应为可核验的指标值：约数（约）无法计分，请写成`=50人`（按计分规则的容差）或用文字表述，实际为`约50人`"),
        table("target_bad_thousands", |t| first_target(t, "≥20,00人次"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a number with its digits in groups of three between commas, found `≥20,00人次`", "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].target：应为以逗号每三位分隔的数值，实际为`≥20,00人次`"),
        table("target_range_reversed", |t| first_target(t, "105%-95%"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a range whose lower end comes first, found `105%-95%`", "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].target：应为下限在前的区间，实际为`105%-95%`"),
        table(
            "target_too_many_digits",
            |t| first_target(t, "≥1234567890123456789012345678901人次"),
            "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a number of at most 28 significant digits (what an exact decimal holds), found `≥1234567890123456789012345678901人次`",
            "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].target：应为不超过28位有效数字的数值（精确小数的上限），实际为`≥1234567890123456789012345678901人次`",
        ),
        table("target_two_comparisons", |t| first_target(t, "≥90%以下"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected one comparison, not two that disagree, found `≥90%以下`", "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].target：应为一种比较方式，而不是两种相互矛盾的，实际为`≥90%以下`"),
        table("target_range_unclosed", |t| first_target(t, "[95%,105%"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected `]` or `)` to close the range, found `[95%,105%`", "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].target：应为闭合区间的“]”或“)”，实际为`[95%,105%`"),
        table("target_empty", |t| first_target(t, " "), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a target such as `≥50人`, `95%-105%` or `效果明显`, found ` `", "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].target：应为如`≥50人`、`95%-105%`或`效果明显`的指标值，实际为` `"),
        table(
            "target_qualitative_with_comparison_word_and_number",
            |t| first_target(t, "不低于上年的95%"),
            "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a number right after the comparison word (the target compares with something that is not a number), found `不低于上年的95%`",
            "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].target：应为比较词后紧接数值（此指标值是与非数值的对象比较），实际为`不低于上年的95%`",
        ),
        table("target_a_bare_zero", |t| first_target(t, "0起"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a comparison for a target of 0 (`=0起` or `≤0起`): read as at least 0 it could never be missed, found `0起`", "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].target：应为写明比较方式的0指标值（`=0起`或`≤0起`）：若理解为不低于0，则永远不会未完成，实际为`0起`"),
        table("target_a_deadline", |t| first_target(t, "12月底前完成"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a unit after the number, such as 人次, 万元 or 个月, where `月底前完成` stands (a deadline, an approximation or words are not a unit), found `12月底前完成`", "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].target：应为数值后接单位，如人次、万元或个月，而此处是“月底前完成”（期限、约数或文字都不是单位），实际为`12月底前完成`"),
        table("target_approximate_in_its_unit", |t| first_target(t, "50人左右"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a unit after the number, such as 人次, 万元 or 个月, where `人左右` stands (a deadline, an approximation or words are not a unit), found `50人左右`", "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].target：应为数值后接单位，如人次、万元或个月，而此处是“人左右”（期限、约数或文字都不是单位），实际为`50人左右`"),
        table(
            "target_a_quantity_behind_a_label",
            |t| first_target(t, "合格率≥95%"),
            "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a target that starts with its comparison or its number (a qualitative target has no comparison sign and no figure with a unit), found `合格率≥95%`",
            "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].target：应为以比较符号或数值开头的指标值（定性指标不含比较符号，也不含带单位的数值），实际为`合格率≥95%`",
        ),
        table("target_a_count_in_words", |t| first_target(t, "全年12次"), "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].target`: expected a target that starts with its comparison or its number (a qualitative target has no comparison sign and no figure with a unit), found `全年12次`", "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].target：应为以比较符号或数值开头的指标值（定性指标不含比较符号，也不含带单位的数值），实际为`全年12次`"),
        table(
            "unit_column_on_a_qualitative_row",
            |t| t["indicators"][2]["unit"] = json!("个"),
            "the rubric has 1 problem:\nindicator `效益指标 › 社会效益指标 › 带动作用`: field `indicators[2].unit`: expected no unit for a qualitative target, found a unit for `效果明显`",
            "指标表有1个问题：\n指标“效益指标 › 社会效益指标 › 带动作用”，字段 indicators[2].unit：应为定性指标无单位，实际为为“效果明显”设的单位",
        ),
        // ---- Units --------------------------------------------------------
        table(
            "unit_column_of_another_kind",
            |t| t["indicators"][0]["unit"] = json!("人"),
            "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].unit`: expected the unit the target is written in (人次), or one of its kind, found `人`",
            "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].unit：应为指标值所用的单位（人次）或同类单位，实际为`人`",
        ),
        table(
            "unit_column_not_a_unit",
            |t| t["indicators"][0]["unit"] = json!("（人次）"),
            "the rubric has 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `indicators[0].unit`: expected a unit such as 人次, 万元 or %, found `（人次）`",
            "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].unit：应为单位，如人次、万元或%，实际为`（人次）`",
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
            "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].points：应为产出指标的各行都填分值，或都不填（平分计分规则的权重），实际为有的行填了分值，有的行没填",
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
            "指标表有1个问题：\n指标“其他指标 › 服务对象满意度指标 › 满意度”，字段 indicators[3].points：应为本行的分值，因为计分规则未给其他指标设权重，实际为未填写",
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
            "指标表有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 indicators[0].points：应为各行的分值，因为产出指标的权重50分不能在3行之间平分，实际为未填写",
        ),
        table(
            "points_not_adding_up_to_the_total",
            |t| t["indicators"][0]["points"] = json!(25),
            "the rubric has 1 problem:\nrubric: field `indicators`: expected rows whose points, with 预算执行率's 10, add up to the convention's total of 100, found rows adding up to 85 (a total of 95)",
            "指标表有1个问题：\n指标表，字段 indicators：应为各行分值加上预算执行率的10分，合计等于计分规则的总分100分，实际为各行合计85分（总计95分）",
        ),
        table(
            "two_rows_with_one_name",
            |t| t["indicators"][1]["name"] = json!("培训人次"),
            "the rubric has 1 problem:\nindicator `产出指标 › 时效指标 › 培训人次`: field `indicators[1].id`: expected a row name no other row uses, or an `id` for this row (row 1 is also `培训人次`), found `培训人次` again",
            "指标表有1个问题：\n指标“产出指标 › 时效指标 › 培训人次”，字段 indicators[1].id：应为其他行未用过的指标名称，或为本行设 id（第1行也是“培训人次”），实际为“培训人次”重复出现",
        ),
        table_text(
            "table_misspelled_field",
            r#"{"title": "t", "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "a", "targte": "≥1人", "points": 90}]}"#,
            "targets: indicator `产出指标 › 数量指标 › a`: field `indicators[0].targte`: unknown field `targte`, expected one of `level1`, `level2`, `name`, `id`, `target`, `unit`, `points`, `bare`, `scale`, `definition` (line 1, column 104)",
            "绩效目标表：指标“产出指标 › 数量指标 › a”，字段 indicators[0].targte：无法识别字段“targte”，应为以下字段之一：level1、level2、name、id、target、unit、points、bare、scale、definition（第1行第104列）",
        ),
        table_text("table_not_json", "{\"title\": ", "targets: the document ends where a value was expected (line 1, column 10)", "绩效目标表：文档在应有值处就结束了（第1行第10列）"),
        // ---- Actual values -------------------------------------------------
        facts(
            "actual_in_another_kind_of_unit",
            |f| f["actuals"]["培训人次"] = json!("2100人"),
            "the facts have 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `actuals.培训人次`: expected the actual value in 人次 (or a unit of its kind), the target's unit, found `2100人`, in 人",
            "填报资料有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 actuals.培训人次：应为以指标值的单位人次（或同类单位）表示的实际完成值，实际为“2100人”，单位为人",
        ),
        facts(
            "actual_percentage_without_its_sign",
            |f| f["actuals"]["满意度"] = json!("93"),
            "the facts have 1 problem:\nindicator `满意度指标 › 服务对象满意度指标 › 满意度`: field `actuals.满意度`: expected a percentage written with a % sign, such as \"93%\" (the target is in %), found 93",
            "填报资料有1个问题：\n指标“满意度指标 › 服务对象满意度指标 › 满意度”，字段 actuals.满意度：应为带%的百分数，如\"93%\"（指标值以%表示），实际为93",
        ),
        Case {
            name: "actual_without_its_unit_where_the_unit_has_a_size",
            input: Input::Targets(
                |t| first_target(t, "≥0.2万人次"),
                |f| f["actuals"]["培训人次"] = json!(2100),
            ),
            expected: "the facts have 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `actuals.培训人次`: expected the actual value with its unit, such as \"2100万人次\": a number alone may be in 万人次 or in a unit of another size, found 2100".to_owned().to_owned(),
            expected_zh: "填报资料有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 actuals.培训人次：应为带单位的实际完成值，如\"2100万人次\"：只写数值，可能是万人次，也可能是其他量级的单位，实际为2100".to_owned(),
        },
        facts(
            "actual_fraction_for_a_percentage",
            |f| f["actuals"]["满意度"] = json!("0.93"),
            "the facts have 1 problem:\nindicator `满意度指标 › 服务对象满意度指标 › 满意度`: field `actuals.满意度`: expected a percentage written with a % sign, such as \"93%\" (or \"0.93%\" if 0.93 percent is meant) (the target is in %), found 0.93",
            "填报资料有1个问题：\n指标“满意度指标 › 服务对象满意度指标 › 满意度”，字段 actuals.满意度：应为带%的百分数，如\"93%\"（若指百分之0.93，则写\"0.93%\"）（指标值以%表示），实际为0.93",
        ),
        facts(
            "actual_percentage_as_a_json_number",
            |f| f["actuals"]["满意度"] = json!(93),
            "the facts have 1 problem:\nindicator `满意度指标 › 服务对象满意度指标 › 满意度`: field `actuals.满意度`: expected a percentage written with a % sign, such as \"93%\" (the target is in %), found 93",
            "填报资料有1个问题：\n指标“满意度指标 › 服务对象满意度指标 › 满意度”，字段 actuals.满意度：应为带%的百分数，如\"93%\"（指标值以%表示），实际为93",
        ),
        facts(
            "actual_words_for_a_quantity",
            |f| f["actuals"]["满意度"] = json!("基本满意"),
            "the facts have 1 problem:\nindicator `满意度指标 › 服务对象满意度指标 › 满意度`: field `actuals.满意度`: expected the actual value as a number in %, found `基本满意`",
            "填报资料有1个问题：\n指标“满意度指标 › 服务对象满意度指标 › 满意度”，字段 actuals.满意度：应为以数值表示的实际完成值（单位%），实际为`基本满意`",
        ),
        facts(
            "actual_level_for_a_quantity",
            |f| f["actuals"]["培训人次"] = json!({ "level": "达成", "score": 30, "reason": "完成" }),
            "the facts have 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `actuals.培训人次`: expected the actual value as a number in 人次, because the target `≥2000人次` is quantitative, found a level with a score",
            "填报资料有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 actuals.培训人次：应为以数值表示的实际完成值（单位人次），因为指标值“≥2000人次”是定量的，实际为等级及评分",
        ),
        facts(
            "actual_number_for_a_qualitative_target",
            |f| f["actuals"]["带动作用"] = json!(27),
            "the facts have 1 problem:\nindicator `效益指标 › 社会效益指标 › 带动作用`: field `actuals.带动作用`: expected one of the levels “达成”、“部分达成”、“未达成” for the qualitative target, found 27",
            "填报资料有1个问题：\n指标“效益指标 › 社会效益指标 › 带动作用”，字段 actuals.带动作用：应为定性指标的等级“达成”、“部分达成”、“未达成”之一，实际为27",
        ),
        facts(
            "actual_level_not_declared",
            |f| f["actuals"]["带动作用"] = json!("效果很好"),
            "the facts have 1 problem:\nindicator `效益指标 › 社会效益指标 › 带动作用`: field `actuals.带动作用.level`: expected one of the levels “达成”、“部分达成”、“未达成”, found “效果很好”",
            "填报资料有1个问题：\n指标“效益指标 › 社会效益指标 › 带动作用”，字段 actuals.带动作用.level：应为等级“达成”、“部分达成”、“未达成”之一，实际为“效果很好”",
        ),
        facts(
            "actual_level_without_its_score",
            |f| f["actuals"]["带动作用"] = json!("达成"),
            "the facts have 1 problem:\nindicator `效益指标 › 社会效益指标 › 带动作用`: field `actuals.带动作用.score`: no answer given, expected a score from 24 to 30 for the level “达成”, with a reason",
            "填报资料有1个问题：\n指标“效益指标 › 社会效益指标 › 带动作用”，字段 actuals.带动作用.score：未填写，应填写等级“达成”的评分（24至30分）及理由",
        ),
        facts(
            "actual_level_score_outside_its_tier",
            |f| f["actuals"]["带动作用"] = json!({ "level": "部分达成", "score": 27, "reason": "较好" }),
            "the facts have 1 problem:\nindicator `效益指标 › 社会效益指标 › 带动作用`: field `actuals.带动作用.score`: expected a score in [18,24) for the level “部分达成”, found 27",
            "填报资料有1个问题：\n指标“效益指标 › 社会效益指标 › 带动作用”，字段 actuals.带动作用.score：应为等级“部分达成”在[18,24)之内的评分，实际为27",
        ),
        facts(
            "actual_missing",
            |f| {
                f["actuals"]
                    .as_object_mut()
                    .map(|a| a.remove("完成时限"));
            },
            "the facts have 1 problem:\nindicator `产出指标 › 时效指标 › 完成时限`: field `actuals.完成时限`: no answer given, expected the actual value (实际完成值) as a number in 个月, or \"unknown\"",
            "填报资料有1个问题：\n指标“产出指标 › 时效指标 › 完成时限”，字段 actuals.完成时限：未填写，应填写以数值表示的实际完成值（单位个月），或\"unknown\"（未知）",
        ),
        facts(
            "actual_for_an_unknown_row",
            |f| f["actuals"]["培训人数"] = json!("10人"),
            "the facts have 1 problem:\nfield `actuals.培训人数`: no target indicator has the id `培训人数`; did you mean `培训人次`?",
            "填报资料有1个问题：\n字段 actuals.培训人数：没有id为“培训人数”的目标指标；是否应为“培训人次”？",
        ),
        facts(
            "actual_with_an_unknown_key",
            |f| f["actuals"]["带动作用"] = json!({ "level": "达成", "points": 27 }),
            "facts: field `actuals.带动作用`: unknown field `points`, expected one of `level`, `score`, `reason` (line 7, column 14)",
            "填报资料：字段 actuals.带动作用：无法识别字段“points”，应为以下字段之一：level、score、reason（第7行第14列）",
        ),
        facts(
            "target_in_the_facts_for_a_rubric_target",
            |f| f["targets"] = json!({ "培训人次": "≥100人次" }),
            "the facts have 1 problem:\nindicator `产出指标 › 数量指标 › 培训人次`: field `targets.培训人次`: expected no target for a leaf whose rubric sets it (`≥2000人次`), found `≥100人次`",
            "填报资料有1个问题：\n指标“产出指标 › 数量指标 › 培训人次”，字段 targets.培训人次：应为不填指标值（指标表已设定`≥2000人次`），实际为`≥100人次`",
        ),
        facts(
            "actual_for_a_branch",
            |f| f["actuals"]["产出指标"] = json!("5个"),
            "the facts have 1 problem:\nindicator `产出指标`: field `actuals.产出指标`: expected the id of a target indicator, found `产出指标`, an indicator with children",
            "填报资料有1个问题：\n指标“产出指标”，字段 actuals.产出指标：应为目标指标的id，实际为“产出指标”，是有下级指标的指标",
        ),
        facts(
            "actual_for_a_row_marked_not_applicable",
            |f| f["not_applicable"] = json!({ "完成时限": "项目调整" }),
            "the facts have 1 problem:\nindicator `产出指标 › 时效指标 › 完成时限`: field `actuals.完成时限`: expected no actual value for a row marked not applicable (it would be ignored), found an actual value beside the row's mark in `not_applicable`",
            "填报资料有1个问题：\n指标“产出指标 › 时效指标 › 完成时限”，字段 actuals.完成时限：应为不填实际完成值（标为不适用的行，填了也不会使用），实际为在 not_applicable 中标注的同时所填的实际完成值",
        ),
        facts(
            "deviation_blank",
            |f| f["deviations"] = json!({ "完成时限": " " }),
            "the facts have 1 problem:\nindicator `产出指标 › 时效指标 › 完成时限`: field `deviations.完成时限`: a reason is required, found a blank reason",
            "填报资料有1个问题：\n指标“产出指标 › 时效指标 › 完成时限”，字段 deviations.完成时限：须写明理由，理由为空白",
        ),
        facts(
            "deviation_for_an_unknown_row",
            |f| f["deviations"] = json!({ "完成时间": "延期" }),
            "the facts have 1 problem:\nfield `deviations.完成时间`: no leaf indicator has the id `完成时间`; did you mean `完成时限`?",
            "填报资料有1个问题：\n字段 deviations.完成时间：没有id为“完成时间”的末级指标；是否应为“完成时限”？",
        ),
        facts(
            "budget_missing",
            |f| {
                f["values"].as_object_mut().map(|v| v.remove("全年执行数"));
            },
            "the facts have 1 problem:\nfield `values.全年执行数`: no value given for `全年执行数`, expected a number or \"unknown\"; needed by 预算执行率",
            "填报资料有1个问题：\n字段 values.全年执行数：未填写“全年执行数”，应填写数值或\"unknown\"（未知）；预算执行率需要此项",
        ),
    ]
}
