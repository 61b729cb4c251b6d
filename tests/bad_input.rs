//! A catalogue of malformed and inconsistent rubrics and facts, each with the
//! exact message a user sees, in English (`err.to_string()`) and in Chinese
//! (`err.message(Lang::Zh)`).
//!
//! The crate promises that every bad rubric or facts document gets a clear
//! error naming the indicator, the field, what was found and what was
//! expected, and never a panic. This file holds the crate to the exact words.
//!
//! # Format
//!
//! [`base_rubric`] is a small rubric (two first-level indicators, one leaf of
//! every rule kind, declared inputs) and [`base_facts`] are facts that score
//! against it without error; `base_is_clean` checks both. Each case in
//! [`cases`] is
//!
//! - a name (unique, `snake_case`, saying what is wrong);
//! - the input, made by one of the builders:
//!   - `rubric(name, |r| …, expected)`: mutate the base rubric `Value`, then
//!     read it with `Rubric::from_json` (and, when that is a compile error,
//!     also with `Rubric::compile`, which must say the same);
//!   - `rubric_text(name, text, expected)`: raw rubric text, for JSON syntax;
//!   - `facts(name, |f| …, expected)`: mutate the base facts `Value`, read
//!     them with `Facts::from_json` and score them against the base rubric;
//!   - `facts_text(name, text, expected)`: raw facts text;
//!   - `both(name, |r| …, |f| …, expected)`: mutate both;
//!   - in the modules beside this file, their own bases: target tables
//!     (`bad_input/targets.rs`), structures (`bad_input/structures.rs`,
//!     on this base), and relative scores with a batch of departments
//!     (`bad_input/relative.rs`);
//! - the exact `to_string()` of the error, then its exact Chinese message
//!   (`message(Lang::Zh)`), both rendered from the one structured problem.
//!   A document that is accepted shows as [`ACCEPTED`], a panic as
//!   `PANIC: <message>`, in both places.
//!
//! Documents are written with `serde_json::to_string_pretty`, so JSON errors
//! carry the line and column of that pretty text; editing the base shifts
//! them. Keys are sorted (serde_json without `preserve_order`). To see the
//! text the lines refer to, run
//! `cargo test --test bad_input print_base -- --ignored --nocapture`.
//!
//! A message of several problems is written one problem to a source line,
//! with `\n\` continuations; the string is still compared whole.
//!
//! A case whose expected outcome is [`ACCEPTED`] records a document the
//! crate lets through although it should not (marked `GAP` below): the test
//! pins today's behaviour so that a fix shows up as a change to review.
//!
//! # Adding a case
//!
//! Add a line to [`cases`] with `TODO` as both expected messages and run
//! `cargo test --test bad_input`. Every mismatch is reported at once with the
//! case's name and the actual messages as Rust string literals: check that
//! each says where, what was expected and what was found — the Chinese as a
//! finance officer would write it — then paste them in. Never shorten an
//! expectation to a substring.

use std::panic::{catch_unwind, AssertUnwindSafe};

#[path = "bad_input/relative.rs"]
mod relative;
#[path = "bad_input/structures.rs"]
mod structures;
#[path = "bad_input/targets.rs"]
mod targets;

use jixiao::{Error, Facts, Lang, Rubric, RubricSpec};
use serde_json::{json, Value};

/// What a case shows when the document is accepted without any error.
const ACCEPTED: &str = "(accepted: no error)";

/// Placeholder for a new case's expected message.
#[allow(dead_code)]
const TODO: &str = "TODO";

/// The base rubric: 30 points, 投入 15 (ratio_threshold, stepped_bands with
/// `not_applicable`, proportional on a `%` input) and 产出 15 (award
/// checklist, deduction checklist, rating with fixed and ranged levels,
/// judgement).
fn base_rubric() -> Value {
    json!({
        "title": "测试指标表",
        "total": 30,
        "precision": 2,
        "grades": [
            { "label": "优", "min": 27 },
            { "label": "良", "min": 24 },
            { "label": "差", "min": 0 }
        ],
        "inputs": [
            { "name": "在职人员数", "unit": "人", "min": 0, "integer": true },
            { "name": "编制数", "unit": "人", "min": 0, "integer": true },
            { "name": "满意度", "unit": "%", "min": 0, "max": 100 },
            { "name": "实际支出", "unit": "万元" },
            { "name": "预算数", "unit": "万元", "min": 0 }
        ],
        "indicators": [
            { "id": "投入", "name": "投入", "points": 15, "children": [
                { "id": "在职人员控制率", "name": "在职人员控制率", "points": 5,
                  "rule": { "kind": "ratio_threshold", "formula": "（在职人员数/编制数）×100%",
                            "threshold": "100%", "direction": "above", "step": "1%",
                            "deduction": 0.5, "partial_unit": "whole" } },
                { "id": "预算执行率", "name": "预算执行率", "points": 5, "not_applicable": "full",
                  "rule": { "kind": "stepped_bands", "formula": "实际支出/预算数×100%",
                            "bands": [
                                { "range": "[0,80%)", "points": 1 },
                                { "range": "[80%,95%)", "points": 3 },
                                { "range": "[95%,+∞)", "points": 5 }
                            ] } },
                { "id": "满意度指标", "name": "满意度", "points": 5,
                  "rule": { "kind": "proportional", "formula": "满意度", "target": "90%",
                            "better": "higher" } }
            ] },
            { "id": "产出", "name": "产出", "points": 15, "children": [
                { "id": "制度健全性", "name": "制度健全性", "points": 4,
                  "rule": { "kind": "checklist", "items": [
                      { "id": "①", "text": "有财务管理制度", "points": 2 },
                      { "id": "②", "text": "制度得到执行", "points": 2 }
                  ] } },
                { "id": "资金合规性", "name": "资金合规性", "points": 3,
                  "rule": { "kind": "checklist", "items": [
                      { "id": "①", "text": "超范围支出", "per_case": 1 },
                      { "id": "②", "text": "无依据支出", "per_case": 0.5 }
                  ] } },
                { "id": "行政效能", "name": "行政效能", "points": 4,
                  "rule": { "kind": "rating", "levels": [
                      { "name": "较好", "points": 4 },
                      { "name": "一般", "range": "[1,3]" },
                      { "name": "差", "points": 0 }
                  ] } },
                { "id": "社会效益", "name": "社会效益", "points": 4,
                  "rule": { "kind": "judgement", "guidance": "视带动就业情况酌情评分" } }
            ] }
        ]
    })
}

/// Facts that score against [`base_rubric`] without error.
fn base_facts() -> Value {
    json!({
        "values": {
            "在职人员数": 34,
            "编制数": 34,
            "满意度": "92%",
            "实际支出": 95,
            "预算数": 100
        },
        "answers": {
            "制度健全性": { "items": { "①": true, "②": false } },
            "资金合规性": { "items": { "①": 1, "②": 0 } },
            "行政效能": { "level": "较好" },
            "社会效益": { "score": 3, "reason": "带动就业20人" }
        }
    })
}

/// The indicator with this id, anywhere in the rubric.
fn ind<'a>(rubric: &'a mut Value, id: &str) -> &'a mut Value {
    fn find(list: &Value, id: &str, at: &str) -> Option<String> {
        for (i, indicator) in list.as_array()?.iter().enumerate() {
            let here = format!("{at}/{i}");
            if indicator["id"] == id {
                return Some(here);
            }
            if let Some(found) = find(&indicator["children"], id, &format!("{here}/children")) {
                return Some(found);
            }
        }
        None
    }
    let pointer = find(&rubric["indicators"], id, "/indicators")
        .unwrap_or_else(|| panic!("the base rubric has no indicator `{id}`"));
    rubric.pointer_mut(&pointer).expect("pointer found above")
}

/// The rule of the indicator with this id.
fn rule<'a>(rubric: &'a mut Value, id: &str) -> &'a mut Value {
    &mut ind(rubric, id)["rule"]
}

/// Removes a key from an object.
fn remove(value: &mut Value, key: &str) {
    value
        .as_object_mut()
        .expect("an object")
        .remove(key)
        .unwrap_or_else(|| panic!("no key `{key}` to remove"));
}

enum Input {
    Rubric(fn(&mut Value)),
    RubricText(String),
    Facts(fn(&mut Value)),
    FactsText(String),
    Both(fn(&mut Value), fn(&mut Value)),
    /// A target table and its facts: see [`targets`].
    Targets(fn(&mut Value), fn(&mut Value)),
    TargetsText(String),
    /// A rubric with relative leaves and a batch of departments: see
    /// [`relative`].
    Batch(fn(&mut Value), fn(&mut Value)),
}

struct Case {
    name: &'static str,
    input: Input,
    expected: String,
    expected_zh: String,
}

fn rubric(name: &'static str, f: fn(&mut Value), expected: impl Into<String>, zh: &str) -> Case {
    Case {
        name,
        input: Input::Rubric(f),
        expected: expected.into(),
        expected_zh: zh.to_owned(),
    }
}

fn rubric_text(
    name: &'static str,
    text: impl Into<String>,
    expected: impl Into<String>,
    zh: &str,
) -> Case {
    Case {
        name,
        input: Input::RubricText(text.into()),
        expected: expected.into(),
        expected_zh: zh.to_owned(),
    }
}

fn facts(name: &'static str, f: fn(&mut Value), expected: impl Into<String>, zh: &str) -> Case {
    Case {
        name,
        input: Input::Facts(f),
        expected: expected.into(),
        expected_zh: zh.to_owned(),
    }
}

fn facts_text(
    name: &'static str,
    text: impl Into<String>,
    expected: impl Into<String>,
    zh: &str,
) -> Case {
    Case {
        name,
        input: Input::FactsText(text.into()),
        expected: expected.into(),
        expected_zh: zh.to_owned(),
    }
}

fn both(
    name: &'static str,
    r: fn(&mut Value),
    f: fn(&mut Value),
    expected: impl Into<String>,
    zh: &str,
) -> Case {
    Case {
        name,
        input: Input::Both(r, f),
        expected: expected.into(),
        expected_zh: zh.to_owned(),
    }
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).expect("a Value serialises")
}

/// What reading a rubric text shows. A compile error must read the same
/// through `Rubric::compile`.
fn rubric_outcome(text: &str) -> (String, String) {
    match Rubric::from_json(text) {
        Ok(_) => accepted(),
        Err(Error::Compile(e)) => {
            let message = e.to_string();
            let spec: RubricSpec = serde_json::from_str(text).expect("from_json read it");
            match Rubric::compile(spec) {
                Err(again) if again == e => (message, e.message(Lang::Zh)),
                Err(again) => both_ways(format!(
                    "from_json and compile disagree:\nfrom_json: {message}\ncompile: {again}"
                )),
                Ok(_) => both_ways(format!("from_json refused, compile accepted:\n{message}")),
            }
        }
        Err(e) => (e.to_string(), e.message(Lang::Zh)),
    }
}

/// No error, in either language.
fn accepted() -> (String, String) {
    both_ways(ACCEPTED.to_owned())
}

/// A finding of the test itself, shown in place of both messages.
fn both_ways(text: String) -> (String, String) {
    (text.clone(), text)
}

/// What reading facts and scoring them against a rubric shows.
fn facts_outcome(rubric_text: &str, facts_text: &str) -> (String, String) {
    let rubric = match Rubric::from_json(rubric_text) {
        Ok(r) => r,
        Err(e) => return both_ways(format!("the case's rubric does not compile: {e}")),
    };
    let facts = match Facts::from_json(facts_text) {
        Ok(f) => f,
        Err(e) => return (e.to_string(), e.message(Lang::Zh)),
    };
    match rubric.evaluate(&facts) {
        Ok(_) => accepted(),
        Err(e) => (e.to_string(), e.message(Lang::Zh)),
    }
}

fn outcome(input: &Input) -> (String, String) {
    let run = || match input {
        Input::Rubric(f) => {
            let mut r = base_rubric();
            f(&mut r);
            rubric_outcome(&pretty(&r))
        }
        Input::RubricText(text) => rubric_outcome(text),
        Input::Facts(f) => {
            let mut facts = base_facts();
            f(&mut facts);
            facts_outcome(&pretty(&base_rubric()), &pretty(&facts))
        }
        Input::FactsText(text) => facts_outcome(&pretty(&base_rubric()), text),
        Input::Both(r, f) => {
            let (mut rubric, mut facts) = (base_rubric(), base_facts());
            r(&mut rubric);
            f(&mut facts);
            facts_outcome(&pretty(&rubric), &pretty(&facts))
        }
        Input::Targets(t, f) => {
            let (mut table, mut facts) = (targets::base_table(), targets::base_facts());
            t(&mut table);
            f(&mut facts);
            targets::outcome(&pretty(&table), &pretty(&facts))
        }
        Input::TargetsText(text) => targets::outcome(text, &pretty(&targets::base_facts())),
        Input::Batch(r, b) => {
            let (mut rubric, mut batch) = (relative::base_rubric(), relative::base_batch());
            r(&mut rubric);
            b(&mut batch);
            relative::outcome(&pretty(&rubric), &pretty(&batch))
        }
    };
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default();
        both_ways(format!("PANIC: {message}"))
    })
}

/// `text` with `from` replaced by `to`; `from` must occur.
fn edited(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` is not in the base text");
    text.replace(from, to)
}

/// A rubric whose tree is one chain `levels` deep, ending in a judgement.
fn chain(levels: usize) -> Value {
    let mut node = json!({ "id": format!("层{levels}"), "name": format!("层{levels}"),
                           "points": 30, "rule": { "kind": "judgement" } });
    for level in (1..levels).rev() {
        node = json!({ "id": format!("层{level}"), "name": format!("层{level}"),
                       "points": 30, "children": [node] });
    }
    node
}

/// A formula over the limit of 2,000 characters.
fn long_formula() -> String {
    format!("{}在职人员数", "在职人员数+".repeat(400))
}

#[allow(clippy::too_many_lines)]
fn cases() -> Vec<Case> {
    vec![
        // ---- Rubric: JSON syntax --------------------------------------
        rubric_text(
            "rubric_empty_text",
            "",
            "rubric: the document ends where a value was expected (line 1, column 0)",
            "指标表：文档在应有值处就结束了（第1行第0列）",
        ),
        rubric_text(
            "rubric_trailing_comma",
            "{\n  \"title\": \"t\",\n}",
            "rubric: trailing comma (line 3, column 1)",
            "指标表：内容有误（trailing comma）（第3行第1列）",
        ),
        rubric_text(
            "rubric_nan_literal",
            "{\"title\": \"t\", \"total\": NaN, \"indicators\": []}",
            "rubric: expected a JSON value (JSON has no NaN or Infinity; numbers are plain decimals) (line 1, column 25)",
            "指标表：此处应为JSON值（JSON没有NaN或Infinity，数值须写成普通小数）（第1行第25列）",
        ),
        rubric_text(
            "rubric_not_an_object",
            "[1, 2]",
            "rubric: invalid type: number, expected a string (line 1, column 2)",
            "指标表：类型不对，应为字符串，实际为数值（第1行第2列）",
        ),
        // ---- Rubric: wrong types ---------------------------------------
        rubric(
            "points_as_word",
            |r| ind(r, "在职人员控制率")["points"] = json!("five"),
            "rubric: indicator `投入 › 在职人员控制率`: field `points`: expected a decimal number such as \"6.28\", found `five` (line 22, column 26)",
            "指标表：指标“投入 › 在职人员控制率”，字段 points：应为小数，如\"6.28\"，实际为“five”（第22行第26列）",
        ),
        rubric(
            "title_is_a_number",
            |r| r["title"] = json!(5),
            "rubric: field `title`: invalid type: number `5`, expected a string (line 182, column 12)",
            "指标表：字段 title：类型不对，应为字符串，实际为数值5（第182行第12列）",
        ),
        rubric(
            "children_not_an_array",
            |r| ind(r, "投入")["children"] = json!("在职人员控制率"),
            "rubric: indicator `投入`: field `children`: invalid type: string \"在职人员控制率\", expected an array (line 18, column 41)",
            "指标表：指标“投入”，字段 children：类型不对，应为数组，实际为字符串\"在职人员控制率\"（第18行第41列）",
        ),
        rubric(
            "total_is_a_bool",
            |r| r["total"] = json!(true),
            "rubric: field `total`: invalid type: boolean `true`, expected a number, or a decimal written as a string such as \"0.85\" (line 183, column 15)",
            "指标表：字段 total：类型不对，应为数值，或写成字符串的小数（如\"0.85\"），实际为布尔值true（第183行第15列）",
        ),
        rubric(
            "inputs_not_an_array",
            |r| r["inputs"] = json!({ "name": "编制数" }),
            "rubric: field `inputs`: invalid type: object, expected an array (line 152, column 12)",
            "指标表：字段 inputs：类型不对，应为数组，实际为对象（第152行第12列）",
        ),
        rubric(
            "integer_flag_as_string",
            |r| r["inputs"][0]["integer"] = json!("yes"),
            "rubric: field `inputs[0].integer`: invalid type: string \"yes\", expected a boolean (line 154, column 22)",
            "指标表：字段 inputs[0].integer：类型不对，应为布尔值（true 或 false），实际为字符串\"yes\"（第154行第22列）",
        ),
        // ---- Rubric: unknown fields at every level ---------------------
        rubric(
            "unknown_top_field",
            |r| r["totl"] = json!(30),
            "rubric: field `totl`: unknown field `totl`, expected one of `$schema`, `id`, `title`, `version`, `source`, `total`, `precision`, `rounding`, `grades`, `inputs`, `indicators`, `checks`, `form`, `vetoes`, `bonus`, `penalty`, `final_score` (line 184, column 8)",
            "指标表：字段 totl：无法识别字段“totl”，应为以下字段之一：$schema、id、title、version、source、total、precision、rounding、grades、inputs、indicators、checks、form、vetoes、bonus、penalty、final_score（第184行第8列）",
        ),
        rubric(
            "unknown_indicator_field",
            |r| ind(r, "在职人员控制率")["weight"] = json!(5),
            "rubric: indicator `投入 › 在职人员控制率`: field `weight`: unknown field `weight`, expected one of `id`, `name`, `points`, `criterion`, `definition`, `not_applicable`, `children`, `rule`, `floor`, `cap`, `out_of`, `alternatives`, `rows`, `share_with` (line 32, column 18)",
            "指标表：指标“投入 › 在职人员控制率”，字段 weight：无法识别字段“weight”，应为以下字段之一：id、name、points、criterion、definition、not_applicable、children、rule、floor、cap、out_of、alternatives、rows、share_with（第32行第18列）",
        ),
        rubric(
            "unknown_branch_field",
            |r| ind(r, "投入")["pionts"] = json!(15),
            "rubric: indicator `投入`: field `pionts`: unknown field `pionts`, expected one of `id`, `name`, `points`, `criterion`, `definition`, `not_applicable`, `children`, `rule`, `floor`, `cap`, `out_of`, `alternatives`, `rows`, `share_with` (line 71, column 14)",
            "指标表：指标“投入”，字段 pionts：无法识别字段“pionts”，应为以下字段之一：id、name、points、criterion、definition、not_applicable、children、rule、floor、cap、out_of、alternatives、rows、share_with（第71行第14列）",
        ),
        rubric(
            "unknown_rule_field",
            |r| rule(r, "在职人员控制率")["zero_denominatr"] = json!("full"),
            "rubric: indicator `投入 › 在职人员控制率`: field `rule.zero_denominatr`: unknown field `zero_denominatr`, expected one of `formula`, `threshold`, `direction`, `step`, `deduction`, `partial_unit`, `zero_denominator` (line 33, column 9)",
            "指标表：指标“投入 › 在职人员控制率”，字段 rule.zero_denominatr：无法识别字段“zero_denominatr”，应为以下字段之一：formula、threshold、direction、step、deduction、partial_unit、zero_denominator（第33行第9列）",
        ),
        rubric(
            "unknown_band_field",
            |r| rule(r, "预算执行率")["bands"][0]["lable"] = json!("差"),
            "rubric: indicator `投入 › 预算执行率`: field `rule.bands[0].lable`: unknown field `lable`, expected one of `range`, `points`, `label` (line 57, column 9)",
            "指标表：指标“投入 › 预算执行率”，字段 rule.bands[0].lable：无法识别字段“lable”，应为以下字段之一：range、points、label（第57行第9列）",
        ),
        rubric(
            "unknown_item_field",
            |r| rule(r, "制度健全性")["items"][1]["point"] = json!(2),
            "rubric: indicator `产出 › 制度健全性`: field `rule.items[1].point`: unknown field `point`, expected one of `id`, `text`, `points`, `per_case` (line 95, column 9)",
            "指标表：指标“产出 › 制度健全性”，字段 rule.items[1].point：无法识别字段“point”，应为以下字段之一：id、text、points、per_case（第95行第9列）",
        ),
        rubric(
            "unknown_level_field",
            |r| rule(r, "行政效能")["levels"][0]["pionts"] = json!(4),
            "rubric: indicator `产出 › 行政效能`: field `rule.levels[0].pionts`: unknown field `pionts`, expected one of `name`, `text`, `points`, `range` (line 137, column 9)",
            "指标表：指标“产出 › 行政效能”，字段 rule.levels[0].pionts：无法识别字段“pionts”，应为以下字段之一：name、text、points、range（第137行第9列）",
        ),
        rubric(
            "unknown_input_field",
            |r| r["inputs"][1]["unti"] = json!("人"),
            "rubric: field `inputs[1].unti`: unknown field `unti`, expected one of `name`, `label`, `unit`, `description`, `min`, `max`, `integer` (line 164, column 12)",
            "指标表：字段 inputs[1].unti：无法识别字段“unti”，应为以下字段之一：name、label、unit、description、min、max、integer（第164行第12列）",
        ),
        rubric(
            "unknown_grade_field",
            |r| r["grades"][0]["minimum"] = json!(27),
            "rubric: field `grades[0].minimum`: unknown field `minimum`, expected `label` or `min` (line 6, column 15)",
            "指标表：字段 grades[0].minimum：无法识别字段“minimum”，应为以下字段之一：label、min（第6行第15列）",
        ),
        // ---- Rubric: typos in kinds and enum values --------------------
        rubric(
            "kind_typo",
            |r| rule(r, "在职人员控制率")["kind"] = json!("ratio_treshold"),
            "rubric: indicator `投入 › 在职人员控制率`: field `rule.kind`: unknown variant `ratio_treshold`, expected one of `ratio_threshold`, `stepped_bands`, `checklist`, `proportional`, `rating`, `judgement`, `target`, `targets_met`, `relative` (line 27, column 36)",
            "指标表：指标“投入 › 在职人员控制率”，字段 rule.kind：取值“ratio_treshold”无效，应为以下之一：ratio_threshold、stepped_bands、checklist、proportional、rating、judgement、target、targets_met、relative（第27行第36列）",
        ),
        rubric(
            "partial_unit_half",
            |r| rule(r, "在职人员控制率")["partial_unit"] = json!("half"),
            "rubric: indicator `投入 › 在职人员控制率`: field `rule.partial_unit`: unknown variant `half`, expected one of `proportional`, `whole`, `any_started` (line 32, column 9)",
            "指标表：指标“投入 › 在职人员控制率”，字段 rule.partial_unit：取值“half”无效，应为以下之一：proportional、whole、any_started（第32行第9列）",
        ),
        rubric(
            "direction_up",
            |r| rule(r, "在职人员控制率")["direction"] = json!("up"),
            "rubric: indicator `投入 › 在职人员控制率`: field `rule.direction`: unknown variant `up`, expected one of `above`, `below`, `both` (line 32, column 9)",
            "指标表：指标“投入 › 在职人员控制率”，字段 rule.direction：取值“up”无效，应为以下之一：above、below、both（第32行第9列）",
        ),
        rubric(
            "better_typo",
            |r| rule(r, "满意度指标")["better"] = json!("higer"),
            "rubric: indicator `投入 › 满意度`: field `rule.better`: unknown variant `higer`, expected `higher` or `lower` (line 67, column 9)",
            "指标表：指标“投入 › 满意度”，字段 rule.better：取值“higer”无效，应为以下之一：higher、lower（第67行第9列）",
        ),
        rubric(
            "not_applicable_typo",
            |r| ind(r, "预算执行率")["not_applicable"] = json!("fully"),
            "rubric: indicator `投入 › 预算执行率`: field `not_applicable`: unknown variant `fully`, expected one of `full`, `zero`, `exclude`, `share`, `average` (line 36, column 35)",
            "指标表：指标“投入 › 预算执行率”，字段 not_applicable：取值“fully”无效，应为以下之一：full、zero、exclude、share、average（第36行第35列）",
        ),
        rubric(
            "rounding_typo",
            |r| r["rounding"] = json!("half-up"),
            "rubric: field `rounding`: unknown variant `half-up`, expected one of `half_up`, `half_even`, `down` (line 182, column 23)",
            "指标表：字段 rounding：取值“half-up”无效，应为以下之一：half_up、half_even、down（第182行第23列）",
        ),
        rubric(
            "kind_missing",
            |r| remove(rule(r, "社会效益"), "kind"),
            "rubric: indicator `产出 › 社会效益`: field `rule`: missing field `kind` (line 143, column 11)",
            "指标表：指标“产出 › 社会效益”，字段 rule：缺少字段“kind”（第143行第11列）",
        ),
        // ---- Rubric: missing required fields ---------------------------
        rubric(
            "missing_partial_unit",
            |r| remove(rule(r, "在职人员控制率"), "partial_unit"),
            "rubric: indicator `投入 › 在职人员控制率`: field `rule`: missing field `partial_unit` (line 31, column 9)",
            "指标表：指标“投入 › 在职人员控制率”，字段 rule：缺少字段“partial_unit”（第31行第9列）",
        ),
        rubric(
            "missing_formula",
            |r| remove(rule(r, "预算执行率"), "formula"),
            "rubric: indicator `投入 › 预算执行率`: field `rule`: missing field `formula` (line 55, column 9)",
            "指标表：指标“投入 › 预算执行率”，字段 rule：缺少字段“formula”（第55行第9列）",
        ),
        rubric(
            "missing_id",
            |r| remove(ind(r, "满意度指标"), "id"),
            "rubric: indicator `投入 › 满意度`: missing field `id` (line 66, column 9)",
            "指标表：指标“投入 › 满意度”：缺少字段“id”（第66行第9列）",
        ),
        rubric(
            "missing_points",
            |r| remove(ind(r, "社会效益"), "points"),
            "rubric: indicator `产出 › 社会效益`: missing field `points` (line 144, column 9)",
            "指标表：指标“产出 › 社会效益”：缺少字段“points”（第144行第9列）",
        ),
        rubric(
            "missing_title",
            |r| remove(r, "title"),
            "rubric: missing field `title` (line 183, column 1)",
            "指标表：缺少字段“title”（第183行第1列）",
        ),
        rubric(
            "missing_band_range",
            |r| remove(&mut rule(r, "预算执行率")["bands"][1], "range"),
            "rubric: indicator `投入 › 预算执行率`: field `rule.bands[1]`: missing field `range` (line 55, column 9)",
            "指标表：指标“投入 › 预算执行率”，字段 rule.bands[1]：缺少字段“range”（第55行第9列）",
        ),
        rubric(
            "missing_item_id",
            |r| remove(&mut rule(r, "制度健全性")["items"][0], "id"),
            "rubric: indicator `产出 › 制度健全性`: field `rule.items[0]`: missing field `id` (line 93, column 9)",
            "指标表：指标“产出 › 制度健全性”，字段 rule.items[0]：缺少字段“id”（第93行第9列）",
        ),
        // ---- Rubric: numbers -------------------------------------------
        rubric(
            "points_nan_string",
            |r| ind(r, "在职人员控制率")["points"] = json!("NaN"),
            "rubric: indicator `投入 › 在职人员控制率`: field `points`: expected a decimal number such as \"6.28\", found `NaN` (line 22, column 25)",
            "指标表：指标“投入 › 在职人员控制率”，字段 points：应为小数，如\"6.28\"，实际为“NaN”（第22行第25列）",
        ),
        rubric(
            "points_infinity_string",
            |r| ind(r, "在职人员控制率")["points"] = json!("Infinity"),
            "rubric: indicator `投入 › 在职人员控制率`: field `points`: expected a decimal number such as \"6.28\", found `Infinity` (line 22, column 30)",
            "指标表：指标“投入 › 在职人员控制率”，字段 points：应为小数，如\"6.28\"，实际为“Infinity”（第22行第30列）",
        ),
        rubric(
            "points_exponent_string",
            |r| ind(r, "在职人员控制率")["points"] = json!("1e5"),
            "rubric: indicator `投入 › 在职人员控制率`: field `points`: expected a decimal number such as \"6.28\", found `1e5` (line 22, column 25)",
            "指标表：指标“投入 › 在职人员控制率”，字段 points：应为小数，如\"6.28\"，实际为“1e5”（第22行第25列）",
        ),
        rubric(
            "points_as_percent_string",
            |r| ind(r, "在职人员控制率")["points"] = json!("5%"),
            "rubric: indicator `投入 › 在职人员控制率`: field `points`: expected a decimal number such as \"6.28\", found `5%` (line 22, column 24)",
            "指标表：指标“投入 › 在职人员控制率”，字段 points：应为小数，如\"6.28\"，实际为“5%”（第22行第24列）",
        ),
        // A JSON number is read as written, however long (see
        // tests/exactness.rs); only what a decimal cannot hold is refused.
        rubric_text(
            "thirty_digit_json_number",
            edited(&pretty(&base_rubric()), "\"deduction\": 0.5", "\"deduction\": 12345678901234567890.12345678901"),
            "rubric: indicator `投入 › 在职人员控制率`: field `rule.deduction`: the JSON number 12345678901234567890.12345678901 has more significant digits than the 28 an exact decimal holds; write it with fewer (line 32, column 9)",
            "指标表：指标“投入 › 在职人员控制率”，字段 rule.deduction：数值12345678901234567890.12345678901的有效数字超过精确小数可容纳的28位，请减少位数（第32行第9列）",
        ),
        rubric_text(
            "exponent_too_large_for_a_decimal",
            edited(&pretty(&base_rubric()), "\"deduction\": 0.5", "\"deduction\": 1e300"),
            "rubric: indicator `投入 › 在职人员控制率`: field `rule.deduction`: the JSON number 1e300 is too large for an exact decimal (at most 79228162514264337593543950335) (line 32, column 9)",
            "指标表：指标“投入 › 在职人员控制率”，字段 rule.deduction：数值1e300超出精确小数的范围（最大为79228162514264337593543950335）（第32行第9列）",
        ),
        rubric_text(
            "exponent_with_too_many_places",
            edited(&pretty(&base_rubric()), "\"deduction\": 0.5", "\"deduction\": 1E-40"),
            "rubric: indicator `投入 › 在职人员控制率`: field `rule.deduction`: the JSON number 1e-40 has more decimal places than the 28 an exact decimal holds (line 32, column 9)",
            "指标表：指标“投入 › 在职人员控制率”，字段 rule.deduction：数值1e-40的小数位数超过精确小数可容纳的28位（第32行第9列）",
        ),
        rubric_text(
            "rubric_with_a_byte_order_mark",
            format!("\u{feff}{}", pretty(&base_rubric())),
            "rubric: the document starts with a byte-order mark (U+FEFF), which JSON does not allow; save it as UTF-8 without a BOM (line 1, column 1)",
            "指标表：文档以字节顺序标记（BOM，U+FEFF）开头，JSON不允许；请另存为不带BOM的UTF-8（第1行第1列）",
        ),
        rubric(
            "thirty_digit_string",
            |r| rule(r, "在职人员控制率")["deduction"] = json!("123456789012345678901234567890"),
            "rubric: indicator `投入 › 在职人员控制率`: field `rule.deduction`: expected at most 28 significant digits (what an exact decimal holds), found `123456789012345678901234567890` (line 32, column 9)",
            "指标表：指标“投入 › 在职人员控制率”，字段 rule.deduction：应为不超过28位有效数字（精确小数的上限），实际为“123456789012345678901234567890”（第32行第9列）",
        ),
        // Once accepted (a gap the catalogue found), now refused.
        rubric(
            "percent_threshold_given_as_a_fraction",
            |r| rule(r, "在职人员控制率")["threshold"] = json!(0.87),
            "the rubric has 1 problem:\nindicator `投入 › 在职人员控制率`: field `rule.threshold`: expected a percentage written with a % sign, such as \"87%\" (or \"0.87%\" if 0.87 percent is meant), because the formula is a percentage, found 0.87",
            "指标表有1个问题：\n指标“投入 › 在职人员控制率”，字段 rule.threshold：应为带%的百分数，如\"87%\"（若指百分之0.87，则写\"0.87%\"），因为公式是百分比，实际为0.87",
        ),
        // ---- Rubric: the tree ------------------------------------------
        rubric(
            "children_sum_12_under_13",
            |r| {
                ind(r, "投入")["points"] = json!(13);
                ind(r, "在职人员控制率")["points"] = json!(2);
                ind(r, "预算执行率")["points"] = json!(5);
                r["total"] = json!(28);
                r["grades"] = json!([{ "label": "合格", "min": 0 }]);
            },
            "the rubric has 1 problem:\n\
             indicator `投入`: field `points`: the children's points add up to 12, expected 13 (this indicator's points)",
            "指标表有1个问题：\n指标“投入”，字段 points：下级指标分值合计12分，应等于本指标分值13分",
        ),
        rubric(
            "first_level_not_adding_up_to_total",
            |r| r["total"] = json!(100),
            "the rubric has 1 problem:\n\
             rubric: field `total`: the first-level indicators' points add up to 30, expected 100 (the rubric's total)",
            "指标表有1个问题：\n指标表，字段 total：一级指标分值合计30分，应等于总分100分",
        ),
        rubric(
            "duplicate_indicator_id",
            |r| ind(r, "社会效益")["id"] = json!("行政效能"),
            "the rubric has 1 problem:\n\
             indicator `产出 › 社会效益`: field `id`: the id `行政效能` is already used by `产出 › 行政效能`; ids must be unique",
            "指标表有1个问题：\n指标“产出 › 社会效益”，字段 id：id“行政效能”已被“产出 › 行政效能”使用，指标id不得重复",
        ),
        rubric(
            "negative_points",
            |r| {
                ind(r, "社会效益")["points"] = json!(-4);
                ind(r, "行政效能")["points"] = json!(12);
                rule(r, "行政效能")["levels"][0]["points"] = json!(12);
            },
            "the rubric has 1 problem:\n\
             indicator `产出 › 社会效益`: field `points`: expected points of at least 0, found -4",
            "指标表有1个问题：\n指标“产出 › 社会效益”，字段 points：应为不小于0的分值，实际为-4",
        ),
        rubric(
            "leaf_without_rule",
            |r| remove(ind(r, "社会效益"), "rule"),
            "the rubric has 1 problem:\n\
             indicator `产出 › 社会效益`: field `rule`: a leaf indicator needs a rule, found none",
            "指标表有1个问题：\n指标“产出 › 社会效益”，字段 rule：末级指标须有评分规则（rule），未填写",
        ),
        rubric(
            "branch_with_rule",
            |r| ind(r, "产出")["rule"] = json!({ "kind": "judgement" }),
            "the rubric has 1 problem:\n\
             indicator `产出`: field `rule`: an indicator with children is scored by them, found a rule as well",
            "指标表有1个问题：\n指标“产出”，字段 rule：有下级指标的指标按下级指标计分，不应另填评分规则（rule）",
        ),
        rubric(
            "not_applicable_on_branch",
            |r| ind(r, "产出")["not_applicable"] = json!("exclude"),
            "the rubric has 1 problem:\n\
             indicator `产出`: field `not_applicable`: expected `not_applicable` on leaves only, found it on an indicator with children",
            "指标表有1个问题：\n指标“产出”，字段 not_applicable：应为仅设在末级指标上的 not_applicable，实际为设在有下级指标的指标上的 not_applicable",
        ),
        rubric(
            "no_indicators",
            |r| {
                r["indicators"] = json!([]);
            },
            "the rubric has 1 problem:\n\
             rubric: field `indicators`: expected at least one indicator, found none",
            "指标表有1个问题：\n指标表，字段 indicators：应为至少一个指标，实际为空",
        ),
        rubric(
            "empty_name",
            |r| ind(r, "社会效益")["name"] = json!(" "),
            "the rubric has 1 problem:\n\
             indicator `产出 ›  `: field `name`: expected the indicator's name, found an empty name",
            "指标表有1个问题：\n指标“产出 ›  ”，字段 name：应为指标名称，实际为空名称",
        ),
        rubric(
            "tree_deeper_than_the_limit",
            |r| r["indicators"] = json!([chain(13)]),
            "the rubric has 1 problem:\n\
             indicator `层1 › 层2 › 层3 › 层4 › 层5 › 层6 › 层7 › 层8 › 层9 › 层10 › 层11 › 层12 › 层13`: field `children`: 13 levels exceed the limit of 12",
            "指标表有1个问题：\n指标“层1 › 层2 › 层3 › 层4 › 层5 › 层6 › 层7 › 层8 › 层9 › 层10 › 层11 › 层12 › 层13”，字段 children：层级数共13，超过上限12",
        ),
        // ---- Rubric: formulas ------------------------------------------
        rubric(
            "formula_unbalanced_full_width_brackets",
            |r| rule(r, "在职人员控制率")["formula"] = json!("（在职人员数/编制数×100%"),
            "the rubric has 1 problem:\n\
             indicator `投入 › 在职人员控制率`: field `rule.formula`: formula `（在职人员数/编制数×100%` at character 1: unbalanced brackets: `(` is closed by the end of the formula",
            "指标表有1个问题：\n指标“投入 › 在职人员控制率”，字段 rule.formula：公式“（在职人员数/编制数×100%”第1个字符处：括号不配对：“(”被公式结尾闭合",
        ),
        rubric(
            "formula_mixed_brackets",
            |r| rule(r, "在职人员控制率")["formula"] = json!("（在职人员数/编制数]×100%"),
            "the rubric has 1 problem:\n\
             indicator `投入 › 在职人员控制率`: field `rule.formula`: formula `（在职人员数/编制数]×100%` at character 11: unbalanced brackets: `(` is closed by `]`",
            "指标表有1个问题：\n指标“投入 › 在职人员控制率”，字段 rule.formula：公式“（在职人员数/编制数]×100%”第11个字符处：括号不配对：“(”被`]`闭合",
        ),
        rubric(
            "formula_undeclared_input",
            |r| rule(r, "在职人员控制率")["formula"] = json!("（实有人数/编制数）×100%"),
            "the rubric has 1 problem:\n\
             indicator `投入 › 在职人员控制率`: field `rule.formula`: formula `（实有人数/编制数）×100%` at character 2: unknown input `实有人数`; the rubric declares 在职人员数、编制数、满意度、实际支出、预算数",
            "指标表有1个问题：\n指标“投入 › 在职人员控制率”，字段 rule.formula：公式“（实有人数/编制数）×100%”第2个字符处：未声明的基础数据“实有人数”；指标表声明的有在职人员数、编制数、满意度、实际支出、预算数",
        ),
        rubric(
            "formula_stray_percent",
            |r| rule(r, "在职人员控制率")["formula"] = json!("在职人员数/编制数%"),
            "the rubric has 1 problem:\n\
             indicator `投入 › 在职人员控制率`: field `rule.formula`: formula `在职人员数/编制数%` at character 10: a `%` sign is only understood in a final `×100%`; write the percentage as a number of percentage points",
            "指标表有1个问题：\n指标“投入 › 在职人员控制率”，字段 rule.formula：公式“在职人员数/编制数%”第10个字符处：“%”只能用在公式末尾的“×100%”中；百分数请写成百分点数",
        ),
        rubric(
            "formula_percent_after_a_sum",
            |r| rule(r, "预算执行率")["formula"] = json!("实际支出+预算数×100%"),
            "the rubric has 1 problem:\n\
             indicator `投入 › 预算执行率`: field `rule.formula`: formula `实际支出+预算数×100%` at character 9: `×100%` follows a sum or difference; put the sum in brackets, e.g. `(a-b)/c×100%`",
            "指标表有1个问题：\n指标“投入 › 预算执行率”，字段 rule.formula：公式“实际支出+预算数×100%”第9个字符处：“×100%”前是加减运算；请把加减部分放进括号，如`(a-b)/c×100%`",
        ),
        rubric(
            "formula_empty",
            |r| rule(r, "在职人员控制率")["formula"] = json!(""),
            "the rubric has 1 problem:\n\
             indicator `投入 › 在职人员控制率`: field `rule.formula`: formula `` at character 1: the formula is empty, expected an expression such as `a/b×100%`",
            "指标表有1个问题：\n指标“投入 › 在职人员控制率”，字段 rule.formula：公式“”第1个字符处：公式为空，应为如`a/b×100%`的算式",
        ),
        rubric(
            "formula_dangling_operator",
            |r| rule(r, "在职人员控制率")["formula"] = json!("在职人员数/"),
            "the rubric has 1 problem:\n\
             indicator `投入 › 在职人员控制率`: field `rule.formula`: formula `在职人员数/` at character 7: expected a number, an input name or a bracket, found the end of the formula",
            "指标表有1个问题：\n指标“投入 › 在职人员控制率”，字段 rule.formula：公式“在职人员数/”第7个字符处：应为数字、基础数据名称或括号，实际为公式结尾",
        ),
        rubric(
            "formula_bad_label",
            |r| rule(r, "在职人员控制率")["formula"] = json!("控制 率=在职人员数/编制数"),
            "the rubric has 1 problem:\n\
             indicator `投入 › 在职人员控制率`: field `rule.formula`: formula `控制 率=在职人员数/编制数` at character 5: the part before `=` must be the measure's name",
            "指标表有1个问题：\n指标“投入 › 在职人员控制率”，字段 rule.formula：公式“控制 率=在职人员数/编制数”第5个字符处：“=”前应为指标名称",
        ),
        rubric(
            "formula_too_long",
            |r| rule(r, "在职人员控制率")["formula"] = json!(long_formula()),
            "the rubric has 1 problem:\nindicator `投入 › 在职人员控制率`: field `rule.formula`: formula `在职人员数+在职人员数+在职人员数+在职人员数+在职人员数+在职人员数+在职人员…` at character 1: the formula exceeds the limit of 2000 characters",
            "指标表有1个问题：\n指标“投入 › 在职人员控制率”，字段 rule.formula：公式“在职人员数+在职人员数+在职人员数+在职人员数+在职人员数+在职人员数+在职人员…”第1个字符处：公式超过上限：2000个字符",
        ),
        // ---- Rubric: ratio_threshold -----------------------------------
        rubric(
            "zero_step",
            |r| rule(r, "在职人员控制率")["step"] = json!("0%"),
            "the rubric has 1 problem:\n\
             indicator `投入 › 在职人员控制率`: field `rule.step`: expected a step greater than 0, found 0%",
            "指标表有1个问题：\n指标“投入 › 在职人员控制率”，字段 rule.step：应为大于0的步长，实际为0%",
        ),
        rubric(
            "negative_deduction",
            |r| rule(r, "在职人员控制率")["deduction"] = json!(-0.5),
            "the rubric has 1 problem:\n\
             indicator `投入 › 在职人员控制率`: field `rule.deduction`: expected a number of at least 0, found -0.5",
            "指标表有1个问题：\n指标“投入 › 在职人员控制率”，字段 rule.deduction：应为不小于0的数，实际为-0.5",
        ),
        rubric(
            "percent_threshold_on_a_plain_formula",
            |r| rule(r, "在职人员控制率")["formula"] = json!("在职人员数/编制数"),
            "the rubric has 2 problems:\n\
             indicator `投入 › 在职人员控制率`: field `rule.threshold`: expected a plain number, because the formula is not a percentage (it does not end in ×100%), found 100%\n\
             indicator `投入 › 在职人员控制率`: field `rule.step`: expected a plain number, because the formula is not a percentage (it does not end in ×100%), found 1%",
            "指标表有2个问题：\n指标“投入 › 在职人员控制率”，字段 rule.threshold：应为不带%的数，因为公式不是百分比（不以×100%结尾），实际为100%\n指标“投入 › 在职人员控制率”，字段 rule.step：应为不带%的数，因为公式不是百分比（不以×100%结尾），实际为1%",
        ),
        rubric(
            "zero_denominator_not_applicable_without_not_applicable",
            |r| rule(r, "在职人员控制率")["zero_denominator"] = json!("not_applicable"),
            "the rubric has 1 problem:\n\
             indicator `投入 › 在职人员控制率`: field `rule.zero_denominator`: expected `not_applicable` on the indicator, to say what a not-applicable leaf scores, found `zero_denominator: not_applicable` without it",
            "指标表有1个问题：\n指标“投入 › 在职人员控制率”，字段 rule.zero_denominator：应为本指标上的 not_applicable（规定不适用时如何计分），实际为只有 zero_denominator: not_applicable，没有 not_applicable",
        ),
        // ---- Rubric: stepped_bands -------------------------------------
        rubric(
            "band_gap",
            |r| rule(r, "预算执行率")["bands"][1]["range"] = json!("(80%,95%)"),
            "the rubric has 1 problem:\n\
             indicator `投入 › 预算执行率`: field `rule.bands`: no band covers the values between [0%,80%) and (80%,95%): the bands must meet with no gap",
            "指标表有1个问题：\n指标“投入 › 预算执行率”，字段 rule.bands：[0%,80%)与(80%,95%)之间的数值不属于任何档次：各档次须首尾相接，不留空档",
        ),
        rubric(
            "band_overlap",
            |r| rule(r, "预算执行率")["bands"][1]["range"] = json!("[80%,95%]"),
            "the rubric has 1 problem:\n\
             indicator `投入 › 预算执行率`: field `rule.bands`: bands [80%,95%] and [95%,+∞) overlap: a value may fall in only one band",
            "指标表有1个问题：\n指标“投入 › 预算执行率”，字段 rule.bands：档次[80%,95%]与[95%,+∞)重叠：一个数值只能落入一个档次",
        ),
        rubric(
            "band_malformed_interval",
            |r| rule(r, "预算执行率")["bands"][1]["range"] = json!("80%-95%"),
            "the rubric has 1 problem:\nindicator `投入 › 预算执行率`: field `rule.bands[1].range`: expected an interval such as `[0,0]`, `(0,10%]` or `[90%,+∞)`: a bracket, two ends separated by a comma, a bracket, found `80%-95%`",
            "指标表有1个问题：\n指标“投入 › 预算执行率”，字段 rule.bands[1].range：应为如`[0,0]`、`(0,10%]`或`[90%,+∞)`的区间：括号、以逗号分隔的两端、括号，实际为`80%-95%`",
        ),
        rubric(
            "band_reversed_interval",
            |r| rule(r, "预算执行率")["bands"][1]["range"] = json!("[95%,80%)"),
            "the rubric has 1 problem:\nindicator `投入 › 预算执行率`: field `rule.bands[1].range`: expected a non-empty interval: the lower end below the upper end, or `[v,v]` for one value, found `[95%,80%)`",
            "指标表有1个问题：\n指标“投入 › 预算执行率”，字段 rule.bands[1].range：应为非空区间：下限小于上限，单个数值写作`[v,v]`，实际为`[95%,80%)`",
        ),
        rubric(
            "band_points_above_the_leaf",
            |r| rule(r, "预算执行率")["bands"][2]["points"] = json!(6),
            "the rubric has 1 problem:\n\
             indicator `投入 › 预算执行率`: field `rule.bands[2].points`: expected at most the indicator's 5 points, found 6",
            "指标表有1个问题：\n指标“投入 › 预算执行率”，字段 rule.bands[2].points：应为不超过本指标分值5分，实际为6",
        ),
        rubric(
            "band_percent_on_a_plain_formula",
            |r| rule(r, "预算执行率")["formula"] = json!("实际支出/预算数"),
            "the rubric has 3 problems:\n\
             indicator `投入 › 预算执行率`: field `rule.bands[0].range`: expected plain numbers, because the formula is not a percentage (it does not end in ×100%), found [0,80%)\n\
             indicator `投入 › 预算执行率`: field `rule.bands[1].range`: expected plain numbers, because the formula is not a percentage (it does not end in ×100%), found [80%,95%)\n\
             indicator `投入 › 预算执行率`: field `rule.bands[2].range`: expected plain numbers, because the formula is not a percentage (it does not end in ×100%), found [95%,+∞)",
            "指标表有3个问题：\n指标“投入 › 预算执行率”，字段 rule.bands[0].range：应为不带%的数，因为公式不是百分比（不以×100%结尾），实际为[0,80%)\n指标“投入 › 预算执行率”，字段 rule.bands[1].range：应为不带%的数，因为公式不是百分比（不以×100%结尾），实际为[80%,95%)\n指标“投入 › 预算执行率”，字段 rule.bands[2].range：应为不带%的数，因为公式不是百分比（不以×100%结尾），实际为[95%,+∞)",
        ),
        // Once accepted (a gap the catalogue found), now refused.
        rubric(
            "band_plain_numbers_on_a_percent_formula",
            |r| rule(r, "预算执行率")["bands"][1]["range"] = json!("[80,95)"),
            "the rubric has 1 problem:\nindicator `投入 › 预算执行率`: field `rule.bands[1].range`: expected ends written as percentages, such as `[80%,95%)`, because the formula is a percentage, found `[80,95)`",
            "指标表有1个问题：\n指标“投入 › 预算执行率”，字段 rule.bands[1].range：应为两端写成百分数，如`[80%,95%)`，因为公式是百分比，实际为`[80,95)`",
        ),
        rubric(
            "no_bands",
            |r| rule(r, "预算执行率")["bands"] = json!([]),
            "the rubric has 1 problem:\n\
             indicator `投入 › 预算执行率`: field `rule.bands`: expected at least one band, found none",
            "指标表有1个问题：\n指标“投入 › 预算执行率”，字段 rule.bands：应为至少一个档次，实际为空",
        ),
        // ---- Rubric: checklist -----------------------------------------
        rubric(
            "checklist_mixes_points_and_per_case",
            |r| {
                let item = &mut rule(r, "制度健全性")["items"][1];
                remove(item, "points");
                item["per_case"] = json!(1);
            },
            "the rubric has 1 problem:\n\
             indicator `产出 › 制度健全性`: field `rule.items[1].per_case`: expected `points` like the first item (a checklist either awards points or deducts per case), found `per_case`",
            "指标表有1个问题：\n指标“产出 › 制度健全性”，字段 rule.items[1].per_case：应为与第一项一样填 points（检查清单要么按项给分，要么按例扣分），实际为`per_case`",
        ),
        rubric(
            "checklist_item_with_both",
            |r| rule(r, "制度健全性")["items"][1]["per_case"] = json!(1),
            "the rubric has 1 problem:\n\
             indicator `产出 › 制度健全性`: field `rule.items[1].points`: expected either `points` or `per_case`, found both",
            "指标表有1个问题：\n指标“产出 › 制度健全性”，字段 rule.items[1].points：应为points 与 per_case 二者之一，实际为两项同时填写",
        ),
        rubric(
            "checklist_items_above_the_leaf",
            |r| rule(r, "制度健全性")["items"][1]["points"] = json!(3),
            "the rubric has 1 problem:\n\
             indicator `产出 › 制度健全性`: field `rule.items`: expected item points adding up to at most the indicator's 4 points, found items adding up to 5",
            "指标表有1个问题：\n指标“产出 › 制度健全性”，字段 rule.items：应为各检查项分值合计不超过本指标分值4分，实际为合计5分",
        ),
        rubric(
            "checklist_duplicate_item_ids",
            |r| rule(r, "制度健全性")["items"][1]["id"] = json!("①"),
            "the rubric has 1 problem:\n\
             indicator `产出 › 制度健全性`: field `rule.items[1].id`: expected an id not used by another item, found `①` again",
            "指标表有1个问题：\n指标“产出 › 制度健全性”，字段 rule.items[1].id：应为其他检查项未用过的编号，实际为“①”重复出现",
        ),
        rubric(
            "checklist_empty",
            |r| rule(r, "制度健全性")["items"] = json!([]),
            "the rubric has 1 problem:\n\
             indicator `产出 › 制度健全性`: field `rule.items`: expected at least one item, found none",
            "指标表有1个问题：\n指标“产出 › 制度健全性”，字段 rule.items：应为至少一个检查项，实际为空",
        ),
        rubric(
            "checklist_partial_credit_on_deductions",
            |r| rule(r, "资金合规性")["partial_credit"] = json!(true),
            "the rubric has 1 problem:\n\
             indicator `产出 › 资金合规性`: field `rule.partial_credit`: expected partial credit only on a checklist that awards points, found `partial_credit: true` on a deduction checklist",
            "指标表有1个问题：\n指标“产出 › 资金合规性”，字段 rule.partial_credit：应为仅在按项给分的检查清单上允许的部分得分，实际为扣分式检查清单上的 partial_credit: true",
        ),
        rubric(
            "checklist_negative_per_case",
            |r| rule(r, "资金合规性")["items"][0]["per_case"] = json!(-1),
            "the rubric has 1 problem:\n\
             indicator `产出 › 资金合规性`: field `rule.items[0].per_case`: expected a number of at least 0, found -1",
            "指标表有1个问题：\n指标“产出 › 资金合规性”，字段 rule.items[0].per_case：应为不小于0的数，实际为-1",
        ),
        // ---- Rubric: rating --------------------------------------------
        rubric(
            "level_with_neither_points_nor_range",
            |r| remove(&mut rule(r, "行政效能")["levels"][2], "points"),
            "the rubric has 1 problem:\n\
             indicator `产出 › 行政效能`: field `rule.levels[2].points`: expected `points` or a `range` of points, found neither",
            "指标表有1个问题：\n指标“产出 › 行政效能”，字段 rule.levels[2].points：应为分值 points 或分值区间 range，实际为两项均未填写",
        ),
        rubric(
            "level_with_both_points_and_range",
            |r| rule(r, "行政效能")["levels"][0]["range"] = json!("[3,4]"),
            "the rubric has 1 problem:\n\
             indicator `产出 › 行政效能`: field `rule.levels[0].points`: expected either `points` or `range`, found both",
            "指标表有1个问题：\n指标“产出 › 行政效能”，字段 rule.levels[0].points：应为points 与 range 二者之一，实际为两项同时填写",
        ),
        rubric(
            "duplicate_level_names",
            |r| rule(r, "行政效能")["levels"][2]["name"] = json!("较好"),
            "the rubric has 1 problem:\n\
             indicator `产出 › 行政效能`: field `rule.levels[2].name`: expected a name not used by another level, found `较好` again",
            "指标表有1个问题：\n指标“产出 › 行政效能”，字段 rule.levels[2].name：应为其他等级未用过的名称，实际为“较好”重复出现",
        ),
        rubric(
            "level_range_beyond_the_points",
            |r| rule(r, "行政效能")["levels"][1]["range"] = json!("[1,5]"),
            "the rubric has 1 problem:\n\
             indicator `产出 › 行政效能`: field `rule.levels[1].range`: expected a range within 0 to the indicator's 4 points (or 0% to 100%), found `[1,5]`",
            "指标表有1个问题：\n指标“产出 › 行政效能”，字段 rule.levels[1].range：应为0至本指标分值4分之内的区间（或0%至100%），实际为`[1,5]`",
        ),
        rubric(
            "level_points_beyond_the_points",
            |r| rule(r, "行政效能")["levels"][0]["points"] = json!(5),
            "the rubric has 1 problem:\n\
             indicator `产出 › 行政效能`: field `rule.levels[0].points`: expected points from 0 to the indicator's 4 (or 0% to 100%), found 5",
            "指标表有1个问题：\n指标“产出 › 行政效能”，字段 rule.levels[0].points：应为0至本指标分值4分之间的分数（或0%至100%），实际为5",
        ),
        rubric(
            "no_levels",
            |r| rule(r, "行政效能")["levels"] = json!([]),
            "the rubric has 1 problem:\n\
             indicator `产出 › 行政效能`: field `rule.levels`: expected at least one level, found none",
            "指标表有1个问题：\n指标“产出 › 行政效能”，字段 rule.levels：应为至少一个等级，实际为空",
        ),
        // ---- Rubric: proportional --------------------------------------
        rubric(
            "proportional_target_zero",
            |r| rule(r, "满意度指标")["target"] = json!("0%"),
            "the rubric has 1 problem:\n\
             indicator `投入 › 满意度`: field `rule.target`: expected a target greater than 0, found 0%",
            "指标表有1个问题：\n指标“投入 › 满意度”，字段 rule.target：应为大于0的指标值，实际为0%",
        ),
        // ---- Rubric: grades, inputs, top level -------------------------
        rubric(
            "grade_min_above_total",
            |r| r["grades"][0]["min"] = json!(31),
            "the rubric has 1 problem:\n\
             rubric: field `grades[0].min`: expected a minimum from 0 to the total 30, found 31",
            "指标表有1个问题：\n指标表，字段 grades[0].min：应为0至总分30之间的下限，实际为31",
        ),
        rubric(
            "duplicate_grade_labels",
            |r| r["grades"][1]["label"] = json!("优"),
            "the rubric has 1 problem:\n\
             rubric: field `grades[1].label`: expected a name no other grade band uses, found `优` again",
            "指标表有1个问题：\n指标表，字段 grades[1].label：应为其他等级未用过的名称，实际为“优”重复出现",
        ),
        rubric(
            "duplicate_grade_mins",
            |r| r["grades"][1]["min"] = json!(27),
            "the rubric has 1 problem:\n\
             rubric: field `grades[1].min`: expected a minimum no other grade band uses, found 27 again",
            "指标表有1个问题：\n指标表，字段 grades[1].min：应为其他等级未用过的下限，实际为27重复出现",
        ),
        rubric(
            "no_grades",
            |r| r["grades"] = json!([]),
            "the rubric has 1 problem:\n\
             rubric: field `grades`: expected at least one grade band, found none",
            "指标表有1个问题：\n指标表，字段 grades：应为至少一个评价等级，实际为空",
        ),
        rubric(
            "input_name_with_a_space",
            |r| {
                r["inputs"][1]["name"] = json!("编制 数");
                rule(r, "在职人员控制率")["formula"] = json!("（在职人员数/编制 数）×100%");
            },
            "the rubric has 3 problems:\n\
             rubric: field `inputs[1].name`: expected a name a formula can use: no spaces, operators or brackets, and not a number, found `编制 数`\n\
             indicator `投入 › 在职人员控制率`: field `rule.formula`: formula `（在职人员数/编制 数）×100%` at character 8: unknown input `编制`; the rubric declares 在职人员数、编制 数、满意度、实际支出、预算数\n\
             indicator `投入 › 在职人员控制率`: field `rule.formula`: formula `（在职人员数/编制 数）×100%` at character 11: expected an operator or a closing bracket, found the name `数`",
            "指标表有3个问题：\n指标表，字段 inputs[1].name：应为公式可用的名称：不含空格、运算符或括号，且不是数字，实际为`编制 数`\n指标“投入 › 在职人员控制率”，字段 rule.formula：公式“（在职人员数/编制 数）×100%”第8个字符处：未声明的基础数据“编制”；指标表声明的有在职人员数、编制 数、满意度、实际支出、预算数\n指标“投入 › 在职人员控制率”，字段 rule.formula：公式“（在职人员数/编制 数）×100%”第11个字符处：应为运算符或右括号，实际为名称“数”",
        ),
        rubric(
            "input_name_with_a_zero_width_space",
            |r| r["inputs"][1]["name"] = json!("编制\u{200B}数"),
            "the rubric has 2 problems:\nrubric: field `inputs.name`: expected a name without control, invisible or bidirectional characters, without leading or trailing spaces, in composed (NFC) form, found `编制\\u{200B}数`, with an invisible character (U+200B) at character 3\nindicator `投入 › 在职人员控制率`: field `rule.formula`: formula `（在职人员数/编制数）×100%` at character 8: unknown input `编制数`; the rubric declares 在职人员数、编制\\u{200B}数、满意度、实际支出、预算数",
            "指标表有2个问题：\n指标表，字段 inputs.name：应为不含控制字符、不可见字符或双向控制符，首尾无空格，且为合成形式（NFC）的名称，实际为“编制\\u{200B}数”，第3个字符为不可见字符（U+200B）\n指标“投入 › 在职人员控制率”，字段 rule.formula：公式“（在职人员数/编制数）×100%”第8个字符处：未声明的基础数据“编制数”；指标表声明的有在职人员数、编制\\u{200B}数、满意度、实际支出、预算数",
        ),
        rubric(
            "indicator_name_with_a_right_to_left_override",
            |r| ind(r, "社会效益")["name"] = json!("社会\u{202E}效益"),
            "the rubric has 1 problem:\nindicator `产出 › 社会\\u{202E}效益`: field `name`: expected a name without control, invisible or bidirectional characters, without leading or trailing spaces, in composed (NFC) form, found `社会\\u{202E}效益`, with a bidirectional control (U+202E) at character 3",
            "指标表有1个问题：\n指标“产出 › 社会\\u{202E}效益”，字段 name：应为不含控制字符、不可见字符或双向控制符，首尾无空格，且为合成形式（NFC）的名称，实际为“社会\\u{202E}效益”，第3个字符为双向控制符（U+202E）",
        ),
        rubric(
            "indicator_id_with_a_nul",
            |r| ind(r, "社会效益")["id"] = json!("社会效益\u{0}"),
            "the rubric has 1 problem:\nindicator `产出 › 社会效益`: field `id`: expected a name without control, invisible or bidirectional characters, without leading or trailing spaces, in composed (NFC) form, found `社会效益\\u{0000}`, with a control character (U+0000) at character 5",
            "指标表有1个问题：\n指标“产出 › 社会效益”，字段 id：应为不含控制字符、不可见字符或双向控制符，首尾无空格，且为合成形式（NFC）的名称，实际为“社会效益\\u{0000}”，第5个字符为控制字符（U+0000）",
        ),
        rubric(
            "level_name_in_decomposed_form",
            |r| rule(r, "行政效能")["levels"][1]["name"] = json!("Cafe\u{301}"),
            "the rubric has 1 problem:\nindicator `产出 › 行政效能`: field `rule.levels[1].name`: expected a name without control, invisible or bidirectional characters, without leading or trailing spaces, in composed (NFC) form, found `Cafe\u{301}`, with a combining mark (write the name in composed form, NFC) (U+0301) at character 5",
            "指标表有1个问题：\n指标“产出 › 行政效能”，字段 rule.levels[1].name：应为不含控制字符、不可见字符或双向控制符，首尾无空格，且为合成形式（NFC）的名称，实际为“Cafe\u{301}”，第5个字符为组合附加符（请以合成形式NFC书写名称）（U+0301）",
        ),
        rubric(
            "item_id_with_a_trailing_space",
            |r| rule(r, "制度健全性")["items"][0]["id"] = json!("① "),
            "the rubric has 1 problem:\nindicator `产出 › 制度健全性`: field `rule.items[0].id`: expected a name without control, invisible or bidirectional characters, without leading or trailing spaces, in composed (NFC) form, found `① `, with leading or trailing spaces",
            "指标表有1个问题：\n指标“产出 › 制度健全性”，字段 rule.items[0].id：应为不含控制字符、不可见字符或双向控制符，首尾无空格，且为合成形式（NFC）的名称，实际为“① ”，首尾有空格",
        ),
        rubric(
            "grade_label_with_a_compatibility_ideograph",
            |r| r["grades"][0]["label"] = json!("\u{F9F4}"),
            "the rubric has 1 problem:\nrubric: field `grades.label`: expected a name without control, invisible or bidirectional characters, without leading or trailing spaces, in composed (NFC) form, found `林`, with a compatibility character that normalisation (NFC) replaces (U+F9F4) at character 1",
            "指标表有1个问题：\n指标表，字段 grades.label：应为不含控制字符、不可见字符或双向控制符，首尾无空格，且为合成形式（NFC）的名称，实际为“林”，第1个字符为经规范化（NFC）会被替换的兼容字符（U+F9F4）",
        ),
        rubric(
            "input_name_of_full_width_digits",
            |r| r["inputs"][1]["name"] = json!("３４"),
            "the rubric has 2 problems:\nrubric: field `inputs[1].name`: expected a name a formula can use: no spaces, operators or brackets, and not a number, found `３４`\nindicator `投入 › 在职人员控制率`: field `rule.formula`: formula `（在职人员数/编制数）×100%` at character 8: unknown input `编制数`; the rubric declares 在职人员数、３４、满意度、实际支出、预算数",
            "指标表有2个问题：\n指标表，字段 inputs[1].name：应为公式可用的名称：不含空格、运算符或括号，且不是数字，实际为`３４`\n指标“投入 › 在职人员控制率”，字段 rule.formula：公式“（在职人员数/编制数）×100%”第8个字符处：未声明的基础数据“编制数”；指标表声明的有在职人员数、３４、满意度、实际支出、预算数",
        ),
        facts(
            "undeclared_input_with_a_zero_width_space",
            |f| {
                remove(&mut f["values"], "编制数");
                f["values"]["编制\u{200B}数"] = json!(34);
            },
            "the facts have 2 problems:\nfield `values.编制\\u{200B}数`: `编制\\u{200B}数` is not an input of this rubric; did you mean `编制数`?\nfield `values.编制数`: no value given for `编制数`, expected a number or \"unknown\"; needed by 投入 › 在职人员控制率",
            "填报资料有2个问题：\n字段 values.编制\\u{200B}数：“编制\\u{200B}数”不是本指标表的基础数据项；是否应为“编制数”？\n字段 values.编制数：未填写“编制数”，应填写数值或\"unknown\"（未知）；投入 › 在职人员控制率需要此项",
        ),
        rubric(
            "duplicate_input_names",
            |r| r["inputs"][1]["name"] = json!("在职人员数"),
            "the rubric has 2 problems:\n\
             rubric: field `inputs[1].name`: expected a name no other input uses, found `在职人员数` again\n\
             indicator `投入 › 在职人员控制率`: field `rule.formula`: formula `（在职人员数/编制数）×100%` at character 8: unknown input `编制数`; the rubric declares 在职人员数、在职人员数、满意度、实际支出、预算数",
            "指标表有2个问题：\n指标表，字段 inputs[1].name：应为其他基础数据未用过的名称，实际为“在职人员数”重复出现\n指标“投入 › 在职人员控制率”，字段 rule.formula：公式“（在职人员数/编制数）×100%”第8个字符处：未声明的基础数据“编制数”；指标表声明的有在职人员数、在职人员数、满意度、实际支出、预算数",
        ),
        rubric(
            "input_min_above_max",
            |r| r["inputs"][2]["min"] = json!(101),
            "the rubric has 1 problem:\n\
             rubric: field `inputs[2].max`: expected a maximum of at least the minimum 101, found 100",
            "指标表有1个问题：\n指标表，字段 inputs[2].max：应为不小于下限101的上限，实际为100",
        ),
        rubric(
            "precision_too_large",
            |r| r["precision"] = json!(11),
            "the rubric has 1 problem:\n\
             rubric: field `precision`: expected at most 10 decimal places, found 11",
            "指标表有1个问题：\n指标表，字段 precision：应为不超过10位小数，实际为11",
        ),
        rubric(
            "precision_negative",
            |r| r["precision"] = json!(-1),
            "rubric: field `precision`: invalid value: number `-1`, expected a whole number of at least 0 (line 181, column 17)",
            "指标表：字段 precision：取值无效，应为不小于0的整数，实际为数值-1（第181行第17列）",
        ),
        rubric(
            "total_zero",
            |r| r["total"] = json!(0),
            "the rubric has 4 problems:\n\
             rubric: field `total`: expected a total greater than 0, found 0\n\
             rubric: field `grades[0].min`: expected a minimum from 0 to the total 0, found 27\n\
             rubric: field `grades[1].min`: expected a minimum from 0 to the total 0, found 24\n\
             rubric: field `total`: the first-level indicators' points add up to 30, expected 0 (the rubric's total)",
            "指标表有4个问题：\n指标表，字段 total：应为大于0的总分，实际为0\n指标表，字段 grades[0].min：应为0至总分0之间的下限，实际为27\n指标表，字段 grades[1].min：应为0至总分0之间的下限，实际为24\n指标表，字段 total：一级指标分值合计30分，应等于总分0分",
        ),
        rubric(
            "empty_title",
            |r| r["title"] = json!(""),
            "the rubric has 1 problem:\n\
             rubric: field `title`: expected the rubric's title, found an empty title",
            "指标表有1个问题：\n指标表，字段 title：应为指标表标题，实际为空标题",
        ),
        // ---- Facts: JSON -----------------------------------------------
        facts_text(
            "facts_trailing_comma",
            "{\"values\": {\"编制数\": 34,}}",
            "facts: trailing comma (line 1, column 29)",
            "填报资料：内容有误（trailing comma）（第1行第29列）",
        ),
        facts(
            "facts_unknown_field",
            |f| {
                let values = f["values"].take();
                remove(f, "values");
                f["valeus"] = values;
            },
            "facts: field `valeus`: unknown field `valeus`, expected one of `$schema`, `source`, `values`, `answers`, `not_applicable`, `claimed`, `claimed_total`, `overrides`, `actuals`, `targets`, `deviations`, `target_lists`, `choices`, `vetoes` (line 23, column 10)",
            "填报资料：字段 valeus：无法识别字段“valeus”，应为以下字段之一：$schema、source、values、answers、not_applicable、claimed、claimed_total、overrides、actuals、targets、deviations、target_lists、choices、vetoes（第23行第10列）",
        ),
        facts(
            "facts_value_padded_unknown",
            |f| f["values"]["编制数"] = json!(" unknown"),
            "facts: field `values.编制数`: expected a number, a decimal string such as \"6.28\" or \"87.18%\", or \"unknown\", found ` unknown` (line 27, column 27)",
            "填报资料：字段 values.编制数：应为数值、写成字符串的小数（如\"6.28\"或\"87.18%\"）或\"unknown\"（未知），实际为“ unknown”（第27行第27列）",
        ),
        facts(
            "facts_value_as_word",
            |f| f["values"]["编制数"] = json!("thirty-four"),
            "facts: field `values.编制数`: expected a number, a decimal string such as \"6.28\" or \"87.18%\", or \"unknown\", found `thirty-four` (line 27, column 30)",
            "填报资料：字段 values.编制数：应为数值、写成字符串的小数（如\"6.28\"或\"87.18%\"）或\"unknown\"（未知），实际为“thirty-four”（第27行第30列）",
        ),
        facts(
            "facts_value_as_bool",
            |f| f["values"]["编制数"] = json!(true),
            "facts: field `values.编制数`: invalid type: boolean `true`, expected a number, a decimal string such as \"6.28\" or \"87.18%\", or \"unknown\" (line 27, column 21)",
            "填报资料：字段 values.编制数：类型不对，应为数值、写成字符串的小数（如\"6.28\"或\"87.18%\"）或\"unknown\"（未知），实际为布尔值true（第27行第21列）",
        ),
        facts(
            "facts_item_answer_yes",
            |f| f["answers"]["制度健全性"]["items"]["①"] = json!("yes"),
            "facts: field `answers.制度健全性.items.①`: invalid value: string \"yes\", expected true (met), false (not met), \"unknown\", {\"score\": …, \"reason\": …} for partial credit, or a whole number of cases (line 5, column 20)",
            "填报资料：字段 answers.制度健全性.items.①：取值无效，应为true（符合）、false（不符合）、\"unknown\"（未知）、部分得分{\"score\": …, \"reason\": …}，或违规例数（整数），实际为字符串\"yes\"（第5行第20列）",
        ),
        facts(
            "facts_answer_unknown_field",
            |f| f["answers"]["行政效能"]["levle"] = json!("较好"),
            "facts: field `answers.行政效能.levle`: unknown field `levle`, expected one of `items`, `level`, `score`, `reason` (line 15, column 13)",
            "填报资料：字段 answers.行政效能.levle：无法识别字段“levle”，应为以下字段之一：items、level、score、reason（第15行第13列）",
        ),
        facts(
            "facts_answer_as_plain_string",
            |f| f["answers"]["行政效能"] = json!("较好"),
            "facts: field `answers.行政效能`: invalid value: string \"较好\", expected an answer object ({\"items\": …}, {\"level\": …} or {\"score\": …, \"reason\": …}) or \"unknown\" (line 13, column 28)",
            "填报资料：字段 answers.行政效能：取值无效，应为评价结论对象（{\"items\": …}、{\"level\": …}或{\"score\": …, \"reason\": …}）或\"unknown\"（未知），实际为字符串\"较好\"（第13行第28列）",
        ),
        facts_text(
            "facts_overflowing_json_number",
            edited(&pretty(&base_facts()), "\"实际支出\": 95", "\"实际支出\": 792281625142643375935439503350"),
            "facts: field `values.实际支出`: the JSON number 792281625142643375935439503350 is too large for an exact decimal (at most 79228162514264337593543950335) (line 25, column 50)",
            "填报资料：字段 values.实际支出：数值792281625142643375935439503350超出精确小数的范围（最大为79228162514264337593543950335）（第25行第50列）",
        ),
        facts_text(
            "facts_with_a_byte_order_mark",
            format!("\u{feff}{}", pretty(&base_facts())),
            "facts: the document starts with a byte-order mark (U+FEFF), which JSON does not allow; save it as UTF-8 without a BOM (line 1, column 1)",
            "填报资料：文档以字节顺序标记（BOM，U+FEFF）开头，JSON不允许；请另存为不带BOM的UTF-8（第1行第1列）",
        ),
        facts_text(
            "facts_duplicate_value",
            "{\"values\": {\"在职人员数\": 34, \"在职人员数\": 39}}",
            "facts: field `values.在职人员数`: the key `在职人员数` appears twice, as entries 1 and 2 of the object; a key may appear once (a repeated key would silently replace the earlier value) (line 1, column 52)",
            "填报资料：字段 values.在职人员数：键“在职人员数”出现了两次（对象的第1项和第2项）；每个键只能出现一次（重复的键会悄悄覆盖前一个值）（第1行第52列）",
        ),
        facts_text(
            "facts_duplicate_answer",
            "{\"answers\": {\"行政效能\": {\"level\": \"较好\"}, \"行政效能\": {\"level\": \"差\"}}}",
            "facts: field `answers.行政效能`: the key `行政效能` appears twice, as entries 1 and 2 of the object; a key may appear once (a repeated key would silently replace the earlier value) (line 1, column 64)",
            "填报资料：字段 answers.行政效能：键“行政效能”出现了两次（对象的第1项和第2项）；每个键只能出现一次（重复的键会悄悄覆盖前一个值）（第1行第64列）",
        ),
        facts_text(
            "facts_duplicate_item",
            "{\"answers\": {\"制度健全性\": {\"items\": {\"①\": true, \"②\": true, \"①\": false}}}}",
            "facts: field `answers.制度健全性.items.①`: the key `①` appears twice, as entries 1 and 3 of the object; a key may appear once (a repeated key would silently replace the earlier value) (line 1, column 74)",
            "填报资料：字段 answers.制度健全性.items.①：键“①”出现了两次（对象的第1项和第3项）；每个键只能出现一次（重复的键会悄悄覆盖前一个值）（第1行第74列）",
        ),
        facts_text(
            "facts_duplicate_claim",
            "{\"claimed\": {\"社会效益\": 4, \"社会效益\": 1}}",
            "facts: field `claimed.社会效益`: the key `社会效益` appears twice, as entries 1 and 2 of the object; a key may appear once (a repeated key would silently replace the earlier value) (line 1, column 46)",
            "填报资料：字段 claimed.社会效益：键“社会效益”出现了两次（对象的第1项和第2项）；每个键只能出现一次（重复的键会悄悄覆盖前一个值）（第1行第46列）",
        ),
        facts_text(
            "facts_duplicate_not_applicable",
            "{\"not_applicable\": {\"预算执行率\": \"无\", \"预算执行率\": \"无预算\"}}",
            "facts: field `not_applicable.预算执行率`: the key `预算执行率` appears twice, as entries 1 and 2 of the object; a key may appear once (a repeated key would silently replace the earlier value) (line 1, column 63)",
            "填报资料：字段 not_applicable.预算执行率：键“预算执行率”出现了两次（对象的第1项和第2项）；每个键只能出现一次（重复的键会悄悄覆盖前一个值）（第1行第63列）",
        ),
        facts_text(
            "facts_duplicate_override",
            "{\"overrides\": {\"社会效益\": {\"score\": 4, \"reason\": \"复核\"}, \"社会效益\": {\"score\": 1, \"reason\": \"复核\"}}}",
            "facts: field `overrides.社会效益`: the key `社会效益` appears twice, as entries 1 and 2 of the object; a key may appear once (a repeated key would silently replace the earlier value) (line 1, column 79)",
            "填报资料：字段 overrides.社会效益：键“社会效益”出现了两次（对象的第1项和第2项）；每个键只能出现一次（重复的键会悄悄覆盖前一个值）（第1行第79列）",
        ),
        facts(
            "facts_override_reason_field_missing",
            |f| f["overrides"] = json!({ "社会效益": { "score": 2 } }),
            "facts: field `overrides.社会效益`: missing field `reason` (line 26, column 5)",
            "填报资料：字段 overrides.社会效益：缺少字段“reason”（第26行第5列）",
        ),
        facts(
            "facts_negative_case_count",
            |f| f["answers"]["资金合规性"]["items"]["①"] = json!(-1),
            "facts: field `answers.资金合规性.items.①`: invalid value: integer `-1`, expected true (met), false (not met), \"unknown\", {\"score\": …, \"reason\": …} for partial credit, or a whole number of cases (line 18, column 17)",
            "填报资料：字段 answers.资金合规性.items.①：取值无效，应为true（符合）、false（不符合）、\"unknown\"（未知）、部分得分{\"score\": …, \"reason\": …}，或违规例数（整数），实际为数值-1（第18行第17列）",
        ),
        // ---- Facts: values ---------------------------------------------
        facts(
            "missing_input",
            |f| remove(&mut f["values"], "编制数"),
            "the facts have 1 problem:\nfield `values.编制数`: no value given for `编制数`, expected a number or \"unknown\"; needed by 投入 › 在职人员控制率",
            "填报资料有1个问题：\n字段 values.编制数：未填写“编制数”，应填写数值或\"unknown\"（未知）；投入 › 在职人员控制率需要此项",
        ),
        facts(
            "undeclared_input_with_suggestion",
            |f| {
                let v = f["values"]["编制数"].take();
                remove(&mut f["values"], "编制数");
                f["values"]["编制人数"] = v;
            },
            "the facts have 2 problems:\nfield `values.编制人数`: `编制人数` is not an input of this rubric; did you mean `编制数`?\nfield `values.编制数`: no value given for `编制数`, expected a number or \"unknown\"; needed by 投入 › 在职人员控制率",
            "填报资料有2个问题：\n字段 values.编制人数：“编制人数”不是本指标表的基础数据项；是否应为“编制数”？\n字段 values.编制数：未填写“编制数”，应填写数值或\"unknown\"（未知）；投入 › 在职人员控制率需要此项",
        ),
        facts(
            "undeclared_input_without_suggestion",
            |f| f["values"]["车辆数"] = json!(3),
            "the facts have 1 problem:\nfield `values.车辆数`: `车辆数` is not an input of this rubric",
            "填报资料有1个问题：\n字段 values.车辆数：“车辆数”不是本指标表的基础数据项",
        ),
        facts(
            "percent_input_without_percent_sign",
            |f| f["values"]["满意度"] = json!(0.87),
            "the facts have 1 problem:\nfield `values.满意度`: expected a percentage written with a % sign (the input's unit is %); did you mean \"87%\"?, found 0.87",
            "填报资料有1个问题：\n字段 values.满意度：应为带%的百分数（该项单位为%，是否应为\"87%\"？），实际为0.87",
        ),
        facts(
            "percent_sign_on_a_plain_input",
            |f| f["values"]["编制数"] = json!("34%"),
            "the facts have 1 problem:\nfield `values.编制数`: expected a plain number (the input's unit is 人), found \"34%\"",
            "填报资料有1个问题：\n字段 values.编制数：应为不带%的数（该项单位为人），实际为\"34%\"",
        ),
        facts(
            "non_integer_for_integer_input",
            |f| f["values"]["在职人员数"] = json!(34.5),
            "the facts have 1 problem:\nfield `values.在职人员数`: expected a whole number, found 34.5",
            "填报资料有1个问题：\n字段 values.在职人员数：应为整数，实际为34.5",
        ),
        facts(
            "value_below_min",
            |f| f["values"]["在职人员数"] = json!(-1),
            "the facts have 1 problem:\nfield `values.在职人员数`: expected a value of at least 0, found -1",
            "填报资料有1个问题：\n字段 values.在职人员数：应为不小于0的数，实际为-1",
        ),
        facts(
            "value_above_max",
            |f| f["values"]["满意度"] = json!("120%"),
            "the facts have 1 problem:\nfield `values.满意度`: expected a value of at most 100%, found 120%",
            "填报资料有1个问题：\n字段 values.满意度：应为不大于100%的数，实际为120%",
        ),
        facts(
            "division_by_zero",
            |f| f["values"]["预算数"] = json!(0),
            "the facts have 1 problem:\n\
             indicator `投入 › 预算执行率`: field `rule.formula`: formula `95 ÷ 0 × 100%` divides by zero, and the rule does not say what a zero denominator means (set `zero_denominator` to full, zero or not_applicable)",
            "填报资料有1个问题：\n指标“投入 › 预算执行率”，字段 rule.formula：公式“95 ÷ 0 × 100%”的分母为0，而评分规则未规定分母为0时如何计分（将 zero_denominator 设为 full、zero 或 not_applicable）",
        ),
        facts(
            "overflow",
            |f| {
                f["values"]["实际支出"] = json!("79228162514264337593543950335");
                f["values"]["预算数"] = json!(1);
            },
            "the facts have 1 problem:\n\
             indicator `投入 › 预算执行率`: field `rule.formula`: formula `79228162514264337593543950335 ÷ 1 × 100%` cannot be computed exactly: a figure in it is too large for an exact decimal or needs more than its 28 significant digits",
            "填报资料有1个问题：\n指标“投入 › 预算执行率”，字段 rule.formula：公式“79228162514264337593543950335 ÷ 1 × 100%”无法精确计算：其中的数值超出精确小数的范围，或需要超过28位有效数字",
        ),
        facts(
            "value_in_no_band",
            |f| f["values"]["实际支出"] = json!(-5),
            "the facts have 1 problem:\n\
             indicator `投入 › 预算执行率`: field `rule`: the value -5% falls in none of the bands [0%,80%) [80%,95%) [95%,+∞)",
            "填报资料有1个问题：\n指标“投入 › 预算执行率”，字段 rule：数值-5%不在任何档次内（各档次：[0%,80%) [80%,95%) [95%,+∞)）",
        ),
        // ---- Facts: answers --------------------------------------------
        facts(
            "answer_for_a_ratio_leaf",
            |f| f["answers"]["在职人员控制率"] = json!({ "score": 5, "reason": "自评" }),
            "the facts have 1 problem:\nindicator `投入 › 在职人员控制率`: field `answers.在职人员控制率`: expected answers only for checklist, rating and judgement indicators, found an answer for a ratio_threshold indicator, which is scored from `values`: 在职人员数、编制数",
            "填报资料有1个问题：\n指标“投入 › 在职人员控制率”，字段 answers.在职人员控制率：应为仅对检查清单、等级评价和酌情评分指标填写的评价结论，实际为对ratio_threshold指标填写的评价结论，而该指标按 values 中的基础数据计分：在职人员数、编制数",
        ),
        facts(
            "answer_for_a_proportional_leaf",
            |f| f["answers"]["满意度指标"] = json!({ "score": 5, "reason": "自评" }),
            "the facts have 1 problem:\nindicator `投入 › 满意度`: field `answers.满意度指标`: expected answers only for checklist, rating and judgement indicators, found an answer for a proportional indicator, which is scored from `values`: 满意度",
            "填报资料有1个问题：\n指标“投入 › 满意度”，字段 answers.满意度指标：应为仅对检查清单、等级评价和酌情评分指标填写的评价结论，实际为对proportional指标填写的评价结论，而该指标按 values 中的基础数据计分：满意度",
        ),
        facts(
            "answer_for_a_branch",
            |f| f["answers"]["产出"] = json!({ "score": 15, "reason": "自评" }),
            "the facts have 1 problem:\nindicator `产出`: field `answers.产出`: expected answers only for checklist, rating and judgement indicators, found an answer for an indicator with children, which is scored by them",
            "填报资料有1个问题：\n指标“产出”，字段 answers.产出：应为仅对检查清单、等级评价和酌情评分指标填写的评价结论，实际为对有下级指标的指标填写的评价结论，而该指标按下级指标计分",
        ),
        facts(
            "answer_for_an_unknown_id_with_suggestion",
            |f| f["answers"]["行政效率"] = json!({ "level": "较好" }),
            "the facts have 1 problem:\nfield `answers.行政效率`: no checklist, rating or judgement indicator has the id `行政效率`; did you mean `行政效能`?",
            "填报资料有1个问题：\n字段 answers.行政效率：没有id为“行政效率”的检查清单、等级评价或酌情评分指标；是否应为“行政效能”？",
        ),
        facts(
            "missing_answer",
            |f| remove(&mut f["answers"], "行政效能"),
            "the facts have 1 problem:\n\
             indicator `产出 › 行政效能`: field `answers.行政效能`: no answer given, expected {\"level\": <a declared level>} or \"unknown\"",
            "填报资料有1个问题：\n指标“产出 › 行政效能”，字段 answers.行政效能：未填写，应填写{\"level\": <已声明的等级>}或\"unknown\"（未知）",
        ),
        facts(
            "rating_level_not_declared",
            |f| f["answers"]["行政效能"] = json!({ "level": "良好" }),
            "the facts have 1 problem:\n\
             indicator `产出 › 行政效能`: field `answers.行政效能.level`: expected one of the levels “较好”、“一般”、“差”, found “良好”",
            "填报资料有1个问题：\n指标“产出 › 行政效能”，字段 answers.行政效能.level：应为等级“较好”、“一般”、“差”之一，实际为“良好”",
        ),
        facts(
            "rating_level_missing",
            |f| f["answers"]["行政效能"] = json!({ "reason": "好" }),
            "the facts have 1 problem:\n\
             indicator `产出 › 行政效能`: field `answers.行政效能.level`: no answer given, expected one of the levels “较好”、“一般”、“差”",
            "填报资料有1个问题：\n指标“产出 › 行政效能”，字段 answers.行政效能.level：未填写，应填写等级“较好”、“一般”、“差”之一",
        ),
        facts(
            "ranged_level_without_score",
            |f| f["answers"]["行政效能"] = json!({ "level": "一般" }),
            "the facts have 1 problem:\n\
             indicator `产出 › 行政效能`: field `answers.行政效能.score`: no answer given, expected a score from 1 to 3 for the level “一般”, with a reason",
            "填报资料有1个问题：\n指标“产出 › 行政效能”，字段 answers.行政效能.score：未填写，应填写等级“一般”的评分（1至3分）及理由",
        ),
        facts(
            "score_outside_the_level_range",
            |f| f["answers"]["行政效能"] = json!({ "level": "一般", "score": 3.5, "reason": "部分完成" }),
            "the facts have 1 problem:\n\
             indicator `产出 › 行政效能`: field `answers.行政效能.score`: expected a score in [1,3] for the level “一般”, found 3.5",
            "填报资料有1个问题：\n指标“产出 › 行政效能”，字段 answers.行政效能.score：应为等级“一般”在[1,3]之内的评分，实际为3.5",
        ),
        facts(
            "score_on_a_fixed_level",
            |f| f["answers"]["行政效能"] = json!({ "level": "较好", "score": 3 }),
            "the facts have 1 problem:\n\
             indicator `产出 › 行政效能`: field `answers.行政效能.score`: expected no score, or the level's fixed 4 points, found 3",
            "填报资料有1个问题：\n指标“产出 › 行政效能”，字段 answers.行政效能.score：应为不填 score，或填该等级的固定分值4分，实际为3",
        ),
        facts(
            "judgement_without_reason",
            |f| remove(&mut f["answers"]["社会效益"], "reason"),
            "the facts have 1 problem:\n\
             indicator `产出 › 社会效益`: field `answers.社会效益.reason`: a reason is required, found none",
            "填报资料有1个问题：\n指标“产出 › 社会效益”，字段 answers.社会效益.reason：须写明理由，未填写",
        ),
        facts(
            "judgement_with_blank_reason",
            |f| f["answers"]["社会效益"]["reason"] = json!("  "),
            "the facts have 1 problem:\nindicator `产出 › 社会效益`: field `answers.社会效益.reason`: a reason is required, found a blank reason",
            "填报资料有1个问题：\n指标“产出 › 社会效益”，字段 answers.社会效益.reason：须写明理由，理由为空白",
        ),
        facts(
            "judgement_above_the_points",
            |f| f["answers"]["社会效益"]["score"] = json!(5),
            "the facts have 1 problem:\n\
             indicator `产出 › 社会效益`: field `answers.社会效益.score`: expected a score from 0 to 4, found 5",
            "填报资料有1个问题：\n指标“产出 › 社会效益”，字段 answers.社会效益.score：应为0至4分之间的评分，实际为5",
        ),
        facts(
            "judgement_without_score",
            |f| remove(&mut f["answers"]["社会效益"], "score"),
            "the facts have 1 problem:\n\
             indicator `产出 › 社会效益`: field `answers.社会效益.score`: no answer given, expected the evaluator's score, with a reason",
            "填报资料有1个问题：\n指标“产出 › 社会效益”，字段 answers.社会效益.score：未填写，应填写评价人的评分及理由",
        ),
        facts(
            "judgement_given_a_level",
            |f| f["answers"]["社会效益"] = json!({ "level": "较好" }),
            "the facts have 2 problems:\n\
             indicator `产出 › 社会效益`: field `answers.社会效益`: expected `score` and `reason` for a judgement, found `items` or `level`\n\
             indicator `产出 › 社会效益`: field `answers.社会效益.score`: no answer given, expected the evaluator's score, with a reason",
            "填报资料有2个问题：\n指标“产出 › 社会效益”，字段 answers.社会效益：应为酌情评分的 score 和 reason，实际为items 或 level\n指标“产出 › 社会效益”，字段 answers.社会效益.score：未填写，应填写评价人的评分及理由",
        ),
        facts(
            "checklist_item_not_declared",
            |f| f["answers"]["制度健全性"]["items"]["③"] = json!(true),
            "the facts have 1 problem:\n\
             indicator `产出 › 制度健全性`: field `answers.制度健全性.items.③`: expected one of the items ①、②, found `③`",
            "填报资料有1个问题：\n指标“产出 › 制度健全性”，字段 answers.制度健全性.items.③：应为检查项①、②之一，实际为`③`",
        ),
        facts(
            "checklist_item_missing",
            |f| remove(&mut f["answers"]["制度健全性"]["items"], "②"),
            "the facts have 1 problem:\n\
             indicator `产出 › 制度健全性`: field `answers.制度健全性.items.②`: no answer given, expected true (met), false (not met) or \"unknown\"",
            "填报资料有1个问题：\n指标“产出 › 制度健全性”，字段 answers.制度健全性.items.②：未填写，应填写true（符合）、false（不符合）或\"unknown\"（未知）",
        ),
        facts(
            "checklist_without_items",
            |f| f["answers"]["制度健全性"] = json!({ "level": "较好" }),
            "the facts have 4 problems:\n\
             indicator `产出 › 制度健全性`: field `answers.制度健全性`: expected only `items` for a checklist, found `level`, `score` or `reason`\n\
             indicator `产出 › 制度健全性`: field `answers.制度健全性.items`: no answer given, expected the answers of the checklist's items\n\
             indicator `产出 › 制度健全性`: field `answers.制度健全性.items.①`: no answer given, expected true (met), false (not met) or \"unknown\"\n\
             indicator `产出 › 制度健全性`: field `answers.制度健全性.items.②`: no answer given, expected true (met), false (not met) or \"unknown\"",
            "填报资料有4个问题：\n指标“产出 › 制度健全性”，字段 answers.制度健全性：应为检查清单只有 items，实际为level、score 或 reason\n指标“产出 › 制度健全性”，字段 answers.制度健全性.items：未填写，应填写各检查项的结论\n指标“产出 › 制度健全性”，字段 answers.制度健全性.items.①：未填写，应填写true（符合）、false（不符合）或\"unknown\"（未知）\n指标“产出 › 制度健全性”，字段 answers.制度健全性.items.②：未填写，应填写true（符合）、false（不符合）或\"unknown\"（未知）",
        ),
        facts(
            "partial_credit_not_allowed",
            |f| f["answers"]["制度健全性"]["items"]["②"] = json!({ "score": 1, "reason": "部分执行" }),
            "the facts have 1 problem:\n\
             indicator `产出 › 制度健全性`: field `answers.制度健全性.items.②`: expected true (met), false (not met) or \"unknown\": the rubric allows no partial credit on this checklist, found a partial score of 1",
            "填报资料有1个问题：\n指标“产出 › 制度健全性”，字段 answers.制度健全性.items.②：应为true（符合）、false（不符合）或\"unknown\"（未知）：本检查清单不允许部分得分，实际为部分得分1分",
        ),
        facts(
            "count_given_to_an_award_checklist",
            |f| f["answers"]["制度健全性"]["items"]["②"] = json!(2),
            "the facts have 1 problem:\n\
             indicator `产出 › 制度健全性`: field `answers.制度健全性.items.②`: expected true (met), false (not met) or \"unknown\"; counts of cases are for deduction checklists, found the count 2",
            "填报资料有1个问题：\n指标“产出 › 制度健全性”，字段 answers.制度健全性.items.②：应为true（符合）、false（不符合）或\"unknown\"（未知）；违规例数只用于扣分式检查清单，实际为例数2",
        ),
        facts(
            "true_given_to_a_deduction_checklist",
            |f| f["answers"]["资金合规性"]["items"]["①"] = json!(true),
            "the facts have 1 problem:\n\
             indicator `产出 › 资金合规性`: field `answers.资金合规性.items.①`: expected a whole number of cases, or \"unknown\", found true",
            "填报资料有1个问题：\n指标“产出 › 资金合规性”，字段 answers.资金合规性.items.①：应为违规例数（整数）或\"unknown\"（未知），实际为true",
        ),
        facts(
            "false_given_to_a_deduction_checklist",
            |f| f["answers"]["资金合规性"]["items"]["②"] = json!(false),
            "the facts have 1 problem:\n\
             indicator `产出 › 资金合规性`: field `answers.资金合规性.items.②`: expected a whole number of cases, or \"unknown\", found false",
            "填报资料有1个问题：\n指标“产出 › 资金合规性”，字段 answers.资金合规性.items.②：应为违规例数（整数）或\"unknown\"（未知），实际为false",
        ),
        // ---- Facts: not applicable, overrides, claims ------------------
        facts(
            "not_applicable_refused",
            |f| f["not_applicable"] = json!({ "在职人员控制率": "无编制" }),
            "the facts have 1 problem:\n\
             indicator `投入 › 在职人员控制率`: field `not_applicable.在职人员控制率`: marked not applicable, but the rubric does not say how this indicator scores then (it has no `not_applicable`)",
            "填报资料有1个问题：\n指标“投入 › 在职人员控制率”，字段 not_applicable.在职人员控制率：标为不适用，但指标表未规定本指标不适用时如何计分（未设 not_applicable）",
        ),
        facts(
            "not_applicable_with_a_blank_reason",
            |f| f["not_applicable"] = json!({ "预算执行率": " " }),
            "the facts have 1 problem:\nindicator `投入 › 预算执行率`: field `not_applicable.预算执行率`: a reason is required, found a blank reason",
            "填报资料有1个问题：\n指标“投入 › 预算执行率”，字段 not_applicable.预算执行率：须写明理由，理由为空白",
        ),
        facts(
            "zero_denominator_known_with_the_numerator_unknown",
            |f| {
                f["values"]["实际支出"] = json!("unknown");
                f["values"]["预算数"] = json!(0);
            },
            "the facts have 1 problem:\nindicator `投入 › 预算执行率`: field `rule.formula`: formula `实际支出 ÷ 0 × 100%` divides by zero, and the rule does not say what a zero denominator means (set `zero_denominator` to full, zero or not_applicable)",
            "填报资料有1个问题：\n指标“投入 › 预算执行率”，字段 rule.formula：公式“实际支出 ÷ 0 × 100%”的分母为0，而评分规则未规定分母为0时如何计分（将 zero_denominator 设为 full、zero 或 not_applicable）",
        ),
        both(
            "override_on_a_leaf_a_zero_denominator_leaves_out",
            |r| {
                ind(r, "预算执行率")["not_applicable"] = json!("exclude");
                rule(r, "预算执行率")["zero_denominator"] = json!("not_applicable");
            },
            |f| {
                f["values"]["预算数"] = json!(0);
                f["overrides"] = json!({ "预算执行率": { "score": 3, "reason": "复核" } });
            },
            "the facts have 1 problem:\nindicator `投入 › 预算执行率`: field `overrides.预算执行率`: expected an override only on a leaf that is scored, found an override on a leaf left out because its formula's denominator is 0 (`zero_denominator: not_applicable`, `not_applicable: exclude`)",
            "填报资料有1个问题：\n指标“投入 › 预算执行率”，字段 overrides.预算执行率：应为仅对参与计分的指标作出的复核调整，实际为对因公式分母为0而剔除的指标作出的复核调整（zero_denominator: not_applicable，not_applicable: exclude）",
        ),
        facts(
            "not_applicable_on_a_branch",
            |f| f["not_applicable"] = json!({ "投入": "不适用" }),
            "the facts have 1 problem:\nindicator `投入`: field `not_applicable.投入`: expected a leaf (mark the leaves of an indicator with children instead), found the indicator with children `投入`",
            "填报资料有1个问题：\n指标“投入”，字段 not_applicable.投入：应为末级指标（有下级指标的，请标注其末级指标），实际为有下级指标的指标“投入”",
        ),
        facts(
            "override_without_reason",
            |f| f["overrides"] = json!({ "社会效益": { "score": 2, "reason": "" } }),
            "the facts have 1 problem:\nindicator `产出 › 社会效益`: field `overrides.社会效益.reason`: a reason is required, found a blank reason",
            "填报资料有1个问题：\n指标“产出 › 社会效益”，字段 overrides.社会效益.reason：须写明理由，理由为空白",
        ),
        facts(
            "override_on_unknown_id",
            |f| f["overrides"] = json!({ "社会效应": { "score": 2, "reason": "复核" } }),
            "the facts have 1 problem:\nfield `overrides.社会效应`: no leaf indicator has the id `社会效应`; did you mean `社会效益`?",
            "填报资料有1个问题：\n字段 overrides.社会效应：没有id为“社会效应”的末级指标；是否应为“社会效益”？",
        ),
        facts(
            "override_too_many_decimals",
            |f| f["overrides"] = json!({ "社会效益": { "score": 2.125, "reason": "复核" } }),
            "the facts have 1 problem:\n\
             indicator `产出 › 社会效益`: field `overrides.社会效益.score`: expected a score with at most 2 decimal places (the rubric's precision), found 2.125",
            "填报资料有1个问题：\n指标“产出 › 社会效益”，字段 overrides.社会效益.score：应为最多2位小数的得分（指标表的精度），实际为2.125",
        ),
        facts(
            "override_above_the_points",
            |f| f["overrides"] = json!({ "社会效益": { "score": 5, "reason": "复核" } }),
            "the facts have 1 problem:\n\
             indicator `产出 › 社会效益`: field `overrides.社会效益.score`: expected a score from 0 to 4, found 5",
            "填报资料有1个问题：\n指标“产出 › 社会效益”，字段 overrides.社会效益.score：应为0至4分之间的评分，实际为5",
        ),
        facts(
            "claim_on_unknown_id",
            |f| f["claimed"] = json!({ "在职人员控制": 5 }),
            "the facts have 1 problem:\nfield `claimed.在职人员控制`: no indicator has the id `在职人员控制`; did you mean `在职人员控制率`?",
            "填报资料有1个问题：\n字段 claimed.在职人员控制：没有id为“在职人员控制”的指标；是否应为“在职人员控制率”？",
        ),
        both(
            "every_indicator_left_out",
            |r| {
                for id in ["在职人员控制率", "预算执行率", "满意度指标", "制度健全性", "资金合规性", "行政效能", "社会效益"] {
                    ind(r, id)["not_applicable"] = json!("exclude");
                }
            },
            |f| {
                f["not_applicable"] = json!({
                    "在职人员控制率": "无", "预算执行率": "无", "满意度指标": "无", "制度健全性": "无",
                    "资金合规性": "无", "行政效能": "无", "社会效益": "无"
                });
            },
            "the facts have 1 problem:\nfield `not_applicable`: expected at least one applicable indicator to score, found every indicator left out as not applicable",
            "填报资料有1个问题：\n字段 not_applicable：应为至少有一个适用的指标可以计分，实际为所有指标都因不适用而剔除",
        ),
        both(
            "override_on_a_leaf_left_out",
            |r| ind(r, "预算执行率")["not_applicable"] = json!("exclude"),
            |f| {
                f["not_applicable"] = json!({ "预算执行率": "无预算" });
                f["overrides"] = json!({ "预算执行率": { "score": 5, "reason": "复核" } });
            },
            "the facts have 1 problem:\n\
             indicator `投入 › 预算执行率`: field `overrides.预算执行率`: expected an override only on a leaf that is scored, found an override on a leaf marked not applicable and left out (`not_applicable: exclude`)",
            "填报资料有1个问题：\n指标“投入 › 预算执行率”，字段 overrides.预算执行率：应为仅对参与计分的指标作出的复核调整，实际为对标为不适用并剔除的指标作出的复核调整（not_applicable: exclude）",
        ),
    ]
}

#[test]
fn base_target_table_is_clean() {
    assert_eq!(
        targets::outcome(
            &pretty(&targets::base_table()),
            &pretty(&targets::base_facts())
        ),
        accepted()
    );
}

#[test]
fn base_batch_is_clean() {
    assert_eq!(
        relative::outcome(
            &pretty(&relative::base_rubric()),
            &pretty(&relative::base_batch())
        ),
        (ACCEPTED.to_owned(), ACCEPTED.to_owned())
    );
}

#[test]
fn base_is_clean() {
    let rubric = Rubric::from_json(&pretty(&base_rubric())).expect("the base rubric compiles");
    let facts = Facts::from_json(&pretty(&base_facts())).expect("the base facts parse");
    let evaluation = rubric.evaluate(&facts).expect("the base facts score");
    assert_eq!(evaluation.total, Some("26".parse().expect("a decimal")));
}

#[test]
fn every_bad_input_gets_its_exact_message() {
    let mut cases = cases();
    cases.extend(targets::cases());
    cases.extend(structures::cases());
    cases.extend(relative::cases());
    let mut names = std::collections::BTreeSet::new();
    for case in &cases {
        assert!(
            names.insert(case.name),
            "two cases are named `{}`",
            case.name
        );
    }
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    let mut report = String::new();
    let mut failed = 0;
    for case in &cases {
        let (actual, actual_zh) = outcome(&case.input);
        if actual != case.expected || actual_zh != case.expected_zh {
            failed += 1;
            report.push_str(&format!(
                "\n--- {}\nexpected: {:?}\nactual:   {:?}\nexpected_zh: {:?}\nactual_zh:   {:?}\n",
                case.name, case.expected, actual, case.expected_zh, actual_zh
            ));
        }
    }
    assert!(
        failed == 0,
        "{failed} of {} cases differ:\n{report}",
        cases.len()
    );
}
/// Prints the base documents as the cases write them, to read the line and
/// column in a JSON error: `cargo test --test bad_input print_base -- --ignored --nocapture`.
#[test]
#[ignore = "prints the base documents"]
fn print_base() {
    println!("{}\n{}", pretty(&base_rubric()), pretty(&base_facts()));
    println!(
        "{}\n{}",
        pretty(&targets::base_table()),
        pretty(&targets::base_facts())
    );
}
