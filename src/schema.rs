//! JSON Schemas for the documents this crate reads and writes, so that
//! editors check rubric and facts files as they are typed and platforms
//! build their authoring and data-entry forms from them.
//!
//! The committed copies live in `rubrics/schema/`; a test fails when they
//! are stale.

use std::str::FromStr as _;

use rust_decimal::Decimal;
use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::{json, Map, Value};

use crate::rubric::Rubric;
use crate::rules::{CompiledRule, Rule};

use crate::evaluate::Evaluation;
use crate::facts::Facts;
use crate::spec::RubricSpec;

/// Where the committed schemas are published, for `$id`.
const BASE: &str = "https://raw.githubusercontent.com/jixiao-rs/jixiao/main/rubrics/schema/";

fn generate<T: JsonSchema>(file: &str, serialize: bool) -> Value {
    let settings = if serialize {
        SchemaSettings::draft2020_12().for_serialize()
    } else {
        SchemaSettings::draft2020_12().for_deserialize()
    };
    let schema = settings.into_generator().into_root_schema_for::<T>();
    let mut value = schema.to_value();
    unlink(&mut value);
    if let Value::Object(map) = &mut value {
        map.insert("$id".to_owned(), Value::String(format!("{BASE}{file}")));
    }
    value
}

/// Turns rustdoc links in descriptions (`[`Rubric`](crate::Rubric)`) into
/// plain text (`` `Rubric` ``) for editors that show them.
fn unlink(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(text) if key == "description" => *text = plain_links(text),
                    _ => unlink(v),
                }
            }
        }
        Value::Array(list) => list.iter_mut().for_each(unlink),
        _ => {}
    }
}

fn plain_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](") else {
            break;
        };
        let close = open + close;
        let Some(end) = rest[close..].find(')') else {
            break;
        };
        let end = close + end;
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The schema of a rubric file ([`RubricSpec`]): `rubrics/schema/rubric.schema.json`.
///
/// ```
/// let schema = jixiao::schema::rubric();
/// assert_eq!(schema["title"], "RubricSpec");
/// ```
pub fn rubric() -> Value {
    generate::<RubricSpec>("rubric.schema.json", false)
}

/// The schema of a facts file ([`Facts`]) for any rubric:
/// `rubrics/schema/facts.schema.json`. For the facts one rubric needs, see
/// [`Rubric::facts_schema`](crate::Rubric::facts_schema).
pub fn facts() -> Value {
    generate::<Facts>("facts.schema.json", false)
}

/// The schema of a serialised [`Evaluation`]: `rubrics/schema/evaluation.schema.json`.
pub fn evaluation() -> Value {
    generate::<Evaluation>("evaluation.schema.json", true)
}

/// The schema of a serialised [`Review`](crate::Review) — the evaluation,
/// the claims reconciled, the cross-checks and the what-ifs:
/// `rubrics/schema/review.schema.json`, for clients (Java, TypeScript) that
/// type what a service returns.
pub fn review() -> Value {
    generate::<crate::review::Review>("review.schema.json", true)
}

/// The schema of a project's target table ([`TargetTable`](crate::TargetTable)):
/// `rubrics/schema/targets.schema.json`.
pub fn targets() -> Value {
    generate::<crate::target_table::TargetTable>("targets.schema.json", false)
}

/// The schema of a scoring convention ([`Convention`](crate::Convention)):
/// `rubrics/schema/convention.schema.json`.
pub fn convention() -> Value {
    generate::<crate::convention::Convention>("convention.schema.json", false)
}

/// The schema of a batch of departments scored together
/// ([`Departments`](crate::Departments)): `rubrics/schema/departments.schema.json`.
pub fn departments() -> Value {
    generate::<crate::peers::Departments>("departments.schema.json", false)
}

/// The schema of a serialised [`BatchEvaluation`](crate::BatchEvaluation):
/// `rubrics/schema/batch.schema.json`.
pub fn batch() -> Value {
    generate::<crate::peers::BatchEvaluation>("batch.schema.json", true)
}

/// The answers naming a rating's levels: an object per level, and, where
/// `words` (a 实际完成值), a fixed-points level's bare name too.
fn levels_schema(
    r: &crate::rules::CompiledRating,
    spec: &[crate::rules::Level],
    words: bool,
) -> Vec<Value> {
    let mut out = Vec::new();
    for (level, spec_level) in r.levels.iter().zip(spec) {
        match level.points {
            Some(p) => {
                let description = text(
                    spec_level
                        .text
                        .as_deref()
                        .or(Some(&format!("{}分", crate::number::plain(p)))),
                );
                if words {
                    out.push(compact(json!({
                        "title": level.name.to_string(),
                        "description": description.clone(),
                        "const": level.name.to_string(),
                    })));
                }
                out.push(compact(json!({
                    "title": level.name.to_string(),
                    "description": description,
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["level"],
                    "properties": { "level": { "const": level.name.to_string() }, "reason": { "type": "string" } },
                })));
            }
            None => out.push(compact(json!({
                "title": level.name.to_string(),
                "description": format!("{}：分值区间{}，评分并说明理由", spec_level.text.as_deref().unwrap_or(&level.name), level.range.display(false)),
                "type": "object",
                "additionalProperties": false,
                "required": ["level", "score", "reason"],
                "properties": {
                    "level": { "const": level.name.to_string() },
                    "score": { "anyOf": decimal_schema(Some(level.low), Some(level.high), false) },
                    "reason": { "type": "string", "minLength": 1 },
                },
            }))),
        }
    }
    out
}

/// A JSON number or a decimal string, with bounds where the number form
/// can carry them.
fn decimal_schema(min: Option<Decimal>, max: Option<Decimal>, integer: bool) -> Value {
    let mut number = Map::new();
    number.insert(
        "type".to_owned(),
        json!(if integer { "integer" } else { "number" }),
    );
    if let Some(min) =
        min.and_then(|m| serde_json::Number::from_str(&m.normalize().to_string()).ok())
    {
        number.insert("minimum".to_owned(), Value::Number(min));
    }
    if let Some(max) =
        max.and_then(|m| serde_json::Number::from_str(&m.normalize().to_string()).ok())
    {
        number.insert("maximum".to_owned(), Value::Number(max));
    }
    json!([
        Value::Object(number),
        { "type": "string", "pattern": if integer { "^\\s*[+-]?[0-9]+\\s*$" } else { "^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*$" } }
    ])
}

fn text(s: Option<&str>) -> Value {
    s.map_or(Value::Null, |t| Value::String(t.to_owned()))
}

/// Drops `null` entries (absent titles and descriptions).
fn compact(mut v: Value) -> Value {
    if let Value::Object(map) = &mut v {
        map.retain(|_, x| !x.is_null());
    }
    v
}

impl Rubric {
    /// A JSON Schema for exactly the facts this rubric needs, so that a
    /// platform can render a department's data-entry form from the rubric
    /// alone: each input with its label, unit and bounds; each checklist
    /// item, rating level and judgement with the indicator's wording; the
    /// leaves that may be marked not applicable; claims and overrides
    /// bounded by each indicator's points.
    ///
    /// Inputs and answers are `required` unless every leaf that needs them
    /// may be marked not applicable (whose facts then need neither).
    ///
    /// # Example
    ///
    /// ```
    /// let rubric = jixiao::Rubric::from_json(r#"{"title": "t", "total": 5,
    ///     "inputs": [{"name": "编制数", "label": "核定编制数", "unit": "人", "min": 0, "integer": true},
    ///                {"name": "在职人员数", "label": "实际在职人数", "unit": "人", "min": 0, "integer": true}],
    ///     "indicators": [{"id": "a", "name": "在职人员控制率", "points": 5, "rule": {
    ///         "kind": "ratio_threshold", "formula": "在职人员数/编制数×100%", "threshold": "100%",
    ///         "direction": "above", "step": "1%", "deduction": 0.5, "partial_unit": "proportional"}}]}"#)?;
    /// let schema = rubric.facts_schema();
    /// assert_eq!(schema["properties"]["values"]["properties"]["编制数"]["title"], "核定编制数");
    /// assert_eq!(schema["properties"]["values"]["required"], serde_json::json!(["编制数", "在职人员数"]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn facts_schema(&self) -> Value {
        let unknown = json!({ "const": "unknown", "description": "文件未给出（unknown）" });
        // Which inputs and answers some leaf needs without a way out.
        let mut needed_inputs = vec![false; self.inputs.len()];
        let mut values = Map::new();
        let mut answers = Map::new();
        let mut required_answers = Vec::new();
        let mut not_applicable = Map::new();
        let mut claimed = Map::new();
        let mut overrides = Map::new();
        let mut actuals = Map::new();
        let mut required_actuals = Vec::new();
        let mut targets = Map::new();
        let mut required_targets = Vec::new();
        let mut deviations = Map::new();
        let mut target_lists = Map::new();
        let mut required_lists = Vec::new();
        // Leaves under a group of alternatives need facts only when chosen.
        let mut optional = vec![false; self.nodes.len()];
        let mut choices = Map::new();
        let mut required_choices = Vec::new();
        for group in self.nodes.iter().filter(|n| n.alternatives) {
            let ids: Vec<Value> = group
                .children
                .iter()
                .map(|&c| Value::String(self.nodes[c].id.to_string()))
                .collect();
            for &c in &group.children {
                for i in self.subtree(c) {
                    optional[i] = true;
                }
            }
            choices.insert(
                group.id.to_string(),
                json!({
                    "title": format!("{} 二者择其一：所选指标", group.name),
                    "anyOf": [{ "enum": ids }, unknown.clone()],
                }),
            );
            required_choices.push(Value::String(group.id.to_string()));
        }
        let mut vetoes = Map::new();
        let mut required_vetoes = Vec::new();
        for veto in self.vetoes.iter().filter(|v| v.test.is_none()) {
            vetoes.insert(
                veto.id.to_string(),
                json!({
                    "title": format!("一票否决：{}", veto.name),
                    "oneOf": [
                        {
                            "type": "object",
                            "title": "成立，写明依据",
                            "additionalProperties": false,
                            "required": ["evidence"],
                            "properties": { "evidence": { "type": "string", "minLength": 1, "title": "依据" } },
                        },
                        { "const": false, "title": "不成立" },
                        unknown.clone(),
                    ],
                }),
            );
            required_vetoes.push(Value::String(veto.id.to_string()));
        }
        for (index, node) in self.nodes.iter().enumerate() {
            let points = Value::Number(
                serde_json::Number::from_str(&node.points.normalize().to_string())
                    .unwrap_or_else(|_| 0.into()),
            );
            claimed.insert(
                node.id.to_string(),
                compact(json!({
                    "title": format!("{} 自评得分", node.name),
                    "anyOf": decimal_schema(Some(Decimal::ZERO), Some(node.points), false),
                })),
            );
            let Some(rule) = &node.rule else { continue };
            let escapable = node.not_applicable.is_some() || optional[index];
            if let Some(m) = rule.measure() {
                if !escapable {
                    for &slot in &m.formula.inputs {
                        if let Some(n) = needed_inputs.get_mut(slot) {
                            *n = true;
                        }
                    }
                }
            }
            if let Some(answer) = self.answer_schema(node.id.as_ref(), rule, node.points) {
                answers.insert(
                    node.id.to_string(),
                    compact(json!({
                        "title": node.name.to_string(),
                        "description": text(node.criterion.as_deref()),
                        "anyOf": [answer, unknown.clone()],
                    })),
                );
                if !escapable {
                    required_answers.push(Value::String(node.id.to_string()));
                }
            }
            if let CompiledRule::Target(t) = rule {
                if t.actual.is_none() {
                    actuals.insert(node.id.to_string(), self.actual_schema(node, t, &unknown));
                    if !escapable {
                        required_actuals.push(Value::String(node.id.to_string()));
                    }
                }
                if t.target.is_none() {
                    targets.insert(
                        node.id.to_string(),
                        compact(json!({
                            "title": format!("{} 指标值", node.name),
                            "description": "指标值按文件写法填写，如 \"≥100%\"、\"≤12个月\"、\"95%-105%\"",
                            "x-unit": text(t.unit.as_ref().map(crate::unit::Unit::as_str)),
                            "type": "string",
                            "minLength": 1,
                        })),
                    );
                    if !escapable {
                        required_targets.push(Value::String(node.id.to_string()));
                    }
                }
            }
            if let CompiledRule::TargetsMet(t) = rule {
                target_lists.insert(
                    node.id.to_string(),
                    compact(json!({
                        "title": format!("{} 所列指标", node.name),
                        "description": t.within.map(|w| format!("达到年度指标值且超出不超过{}%的指标计为达标", crate::number::plain(w))),
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "additionalProperties": false,
                            "required": ["name", "target", "actual"],
                            "properties": {
                                "name": { "type": "string", "minLength": 1, "title": "指标名称" },
                                "target": { "type": "string", "minLength": 1, "title": "年度指标值" },
                                "actual": { "title": "实际完成值", "anyOf": [{ "type": "string", "minLength": 1 }, { "type": "number" }] },
                            },
                        },
                    })),
                );
                if !escapable {
                    required_lists.push(Value::String(node.id.to_string()));
                }
            }
            deviations.insert(
                node.id.to_string(),
                json!({
                    "title": format!("{} 偏差原因分析及改进措施", node.name),
                    "type": "string",
                    "minLength": 1,
                }),
            );
            if let Some(treatment) = node.not_applicable {
                not_applicable.insert(
                    node.id.to_string(),
                    json!({
                        "title": format!("{} 不适用的原因", node.name),
                        "description": format!("不适用时按规则：{}", match treatment {
                            crate::spec::NotApplicable::Full => "计满分",
                            crate::spec::NotApplicable::Zero => "计0分",
                            crate::spec::NotApplicable::Exclude => "不计入，总分按适用分值折算",
                            crate::spec::NotApplicable::Share => "分值均摊到同级指标",
                            crate::spec::NotApplicable::Average => "按同级指标平均得分率计分",
                        }),
                        "type": "string",
                    }),
                );
            }
            overrides.insert(
                node.id.to_string(),
                json!({
                    "title": format!("{} 复核调整", node.name),
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["score", "reason"],
                    "properties": {
                        "score": { "anyOf": decimal_schema(Some(Decimal::ZERO), Some(node.points), false) },
                        "reason": { "type": "string", "minLength": 1 },
                    },
                    "description": format!("满分{}分", points),
                }),
            );
        }
        let mut required_inputs = Vec::new();
        for (slot, input) in self.inputs.iter().enumerate() {
            let spec = &input.spec;
            let form = if input.percent {
                json!({ "type": "string", "pattern": "^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*[%％]\\s*$", "description": "百分数，带%号，如 \"92%\"" })
            } else {
                json!({ "anyOf": decimal_schema(spec.min, spec.max, spec.integer) })
            };
            let mut bounds = Vec::new();
            if let Some(min) = spec.min {
                bounds.push(format!("≥ {}", crate::number::plain(min)));
            }
            if let Some(max) = spec.max {
                bounds.push(format!("≤ {}", crate::number::plain(max)));
            }
            if spec.integer {
                bounds.push("整数".to_owned());
            }
            let description = [
                spec.description.clone(),
                spec.unit.as_ref().map(|u| format!("单位：{u}")),
                (!bounds.is_empty()).then(|| bounds.join("，")),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("；");
            values.insert(
                spec.name.clone(),
                compact(json!({
                    "title": spec.label.clone().unwrap_or_else(|| spec.name.clone()),
                    "description": if description.is_empty() { Value::Null } else { Value::String(description) },
                    "x-unit": text(spec.unit.as_deref()),
                    "anyOf": [form, unknown.clone()],
                })),
            );
            if needed_inputs[slot] {
                required_inputs.push(Value::String(spec.name.clone()));
            }
        }
        let mut required = Vec::new();
        for (section, needed) in [
            ("values", !required_inputs.is_empty()),
            ("answers", !required_answers.is_empty()),
            ("actuals", !required_actuals.is_empty()),
            ("targets", !required_targets.is_empty()),
            ("target_lists", !required_lists.is_empty()),
            ("choices", !required_choices.is_empty()),
            ("vetoes", !required_vetoes.is_empty()),
        ] {
            if needed {
                required.push(section);
            }
        }
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": format!("{} — 基础数据与评价结论", self.title),
            "description": "The facts this rubric needs: one department's data and answers.",
            "type": "object",
            "additionalProperties": false,
            "required": required,
            "properties": {
                "$schema": { "type": "string" },
                "source": { "type": "string", "title": "资料来源" },
                "values": { "type": "object", "title": "基础数据", "additionalProperties": false, "properties": values, "required": required_inputs },
                "answers": { "type": "object", "title": "评价结论", "additionalProperties": false, "properties": answers, "required": required_answers },
                "not_applicable": { "type": "object", "title": "不适用的指标", "additionalProperties": false, "properties": not_applicable },
                "claimed": { "type": "object", "title": "自评得分", "additionalProperties": false, "properties": claimed },
                "claimed_total": { "title": "自评总分", "anyOf": decimal_schema(Some(Decimal::ZERO), Some(self.total()), false) },
                "overrides": { "type": "object", "title": "复核调整", "additionalProperties": false, "properties": overrides },
                "actuals": { "type": "object", "title": "实际完成值", "additionalProperties": false, "properties": actuals, "required": required_actuals },
                "targets": { "type": "object", "title": "指标值", "additionalProperties": false, "properties": targets, "required": required_targets },
                "deviations": { "type": "object", "title": "偏差原因分析及改进措施", "additionalProperties": false, "properties": deviations },
                "target_lists": { "type": "object", "title": "所列绩效指标", "additionalProperties": false, "properties": target_lists, "required": required_lists },
                "choices": { "type": "object", "title": "二者择其一", "additionalProperties": false, "properties": choices, "required": required_choices },
                "vetoes": { "type": "object", "title": "一票否决事项", "additionalProperties": false, "properties": vetoes, "required": required_vetoes },
            }
        })
    }

    /// The 实际完成值 a target leaf takes: a number with the target's unit,
    /// or one of its levels.
    fn actual_schema(
        &self,
        node: &crate::rubric::Node,
        t: &crate::rules::target::Compiled,
        unknown: &Value,
    ) -> Value {
        let target = t.target.as_ref().map(|(written, value)| (written, value));
        let levels = match (
            target.map(|(_, v)| v),
            t.levels(),
            self.indicator(&node.id).and_then(|i| i.rule()),
        ) {
            (
                Some(crate::target_value::TargetValue::Qualitative { .. }) | None,
                Some(levels),
                Some(Rule::Target(spec)),
            ) => Some(levels_schema(levels, &spec.levels, true)),
            _ => None,
        };
        let unit = target
            .and_then(|(_, v)| v.unit())
            .or(t.unit.as_ref())
            .map(crate::unit::Unit::as_str);
        let mut forms = Vec::new();
        if target.is_none_or(|(_, v)| !v.is_qualitative()) {
            let example = match unit {
                Some(u) => format!("数字与单位，如 \"56{u}\""),
                None => "数字".to_owned(),
            };
            forms.push(json!({
                "type": "string",
                "pattern": "^\\s*[+-]?[0-9０-９][0-9０-９,，.．]*\\s*[^0-9\\s]*\\s*$",
                "description": example,
            }));
            if unit != Some("%") {
                forms.push(json!({ "type": "number" }));
            }
        }
        if let Some(levels) = levels {
            forms.extend(levels);
        } else if target.is_none() {
            forms.push(json!({ "type": "string", "minLength": 1 }));
        }
        forms.push(unknown.clone());
        compact(json!({
            "title": format!("{} 实际完成值", node.name),
            "description": target.map(|(written, _)| format!("年度指标值：{written}{}", unit.map(|u| format!("（单位：{u}）")).unwrap_or_default())),
            "x-target": target.map(|(written, _)| written.to_string()),
            "x-unit": text(unit),
            "anyOf": forms,
        }))
    }

    /// The shape of the answer a rule takes, if it takes one.
    fn answer_schema(&self, id: &str, rule: &CompiledRule, points: Decimal) -> Option<Value> {
        let spec = self.indicator(id).and_then(|i| i.rule());
        match (rule, spec) {
            (CompiledRule::Checklist(c), Some(Rule::Checklist(s))) => {
                let mut items = Map::new();
                let mut required = Vec::new();
                for (item, spec_item) in c.items.iter().zip(&s.items) {
                    let amount = crate::number::plain(item.amount);
                    let schema = if c.deduct {
                        json!({
                            "description": format!("不符合要求的例数，每例扣{amount}分"),
                            "anyOf": [{ "type": "integer", "minimum": 0 }, { "const": "unknown" }],
                        })
                    } else {
                        let mut forms = vec![
                            json!({ "type": "boolean" }),
                            json!({ "enum": ["met", "not_met", "unknown"] }),
                        ];
                        if c.partial_credit {
                            forms.push(json!({
                                "type": "object",
                                "additionalProperties": false,
                                "required": ["score", "reason"],
                                "properties": {
                                    "score": { "anyOf": decimal_schema(Some(Decimal::ZERO), Some(item.amount), false) },
                                    "reason": { "type": "string", "minLength": 1 },
                                },
                            }));
                        }
                        json!({ "description": format!("{amount}分"), "anyOf": forms })
                    };
                    let mut schema = schema;
                    if let (Value::Object(map), Some(t)) = (&mut schema, &spec_item.text) {
                        map.insert("title".to_owned(), Value::String(t.clone()));
                    }
                    items.insert(item.id.to_string(), schema);
                    if !c.deduct {
                        required.push(Value::String(item.id.to_string()));
                    }
                }
                Some(json!({
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["items"],
                    "properties": { "items": { "type": "object", "additionalProperties": false, "properties": items, "required": required } },
                }))
            }
            (CompiledRule::Rating(r), Some(Rule::Rating(s))) => {
                Some(json!({ "oneOf": levels_schema(r, &s.levels, false) }))
            }
            (CompiledRule::Judgement, _) => Some(json!({
                "type": "object",
                "additionalProperties": false,
                "required": ["score", "reason"],
                "properties": {
                    "score": { "anyOf": decimal_schema(Some(Decimal::ZERO), Some(points), false) },
                    "reason": { "type": "string", "minLength": 1 },
                },
            })),
            _ => None,
        }
    }
}
