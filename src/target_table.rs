//! [`TargetTable`]: a project's 绩效目标表 — its targets (年度指标值) and
//! their points, as declared when its budget was set — turned into a rubric
//! by a [`Convention`], so that a platform never writes a rubric per project.
//!
//! The rubric it gives is an ordinary [`RubricSpec`]: a `预算执行率` leaf
//! when the convention scores one, then one `target` leaf per row under its
//! 一级 and 二级指标, laid out as a 项目支出绩效自评表
//! ([`Form::ProjectSelfEvaluation`]). Evaluating, reviewing and rendering it
//! is what any rubric gets.

use std::collections::HashMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::convention::Convention;
use crate::error::{phrase, CompileError, IndicatorPath, IssueKind, JsonError, RubricIssue, Text};
use crate::rubric::Rubric;
use crate::rules::{Rule, Target};
use crate::spec::{BudgetBlock, Form, IndicatorSpec, InputSpec, RubricSpec};
use crate::target_value::{BareReading, Comparison, TargetValue};

/// A project's 绩效目标表: its title and one row per target.
///
/// ```
/// use jixiao::{Actual, AnswerFields, Convention, Facts, Rubric, TargetTable};
///
/// let table = TargetTable::from_json(r#"{
///     "title": "2023年科技特派员农村科技创业行动项目支出绩效自评表",
///     "indicators": [
///         {"level1": "产出指标", "level2": "数量指标", "name": "培训农民人次", "target": "≥2000人次", "points": 50},
///         {"level1": "效益指标", "level2": "社会效益指标", "name": "科技示范带动作用", "target": "效果明显", "points": 30},
///         {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "服务对象满意度", "target": "≥90%", "points": 10}
///     ]
/// }"#)?;
/// let rubric = Rubric::from_targets(&table, &Convention::national())?;
/// let rated = Actual::Level(AnswerFields {
///     level: Some("达成".into()),
///     score: Some("27".parse()?),
///     reason: Some("示范户带动明显".into()),
///     ..AnswerFields::default()
/// });
/// let facts = Facts::new()
///     .value("全年预算数", "250".parse()?)
///     .value("全年执行数", "212.5".parse()?)
///     .actual("培训农民人次", "1800人次")
///     .actual("科技示范带动作用", rated)
///     .actual("服务对象满意度", "93.2%");
/// let evaluation = rubric.evaluate(&facts)?;
/// let row = evaluation.find("培训农民人次").ok_or("no row")?;
/// assert_eq!(row.score, Some("45".parse()?));
/// assert_eq!(
///     row.leaf.as_ref().and_then(|l| l.working.as_deref()),
///     Some("年度指标值≥2000人次，实际完成值1800人次，未达到指标值，按实际完成值与指标值的比例计分：50 × 1800 ÷ 2000，得45分（满分50分）")
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetTable {
    /// The JSON Schema this file follows, for editors; ignored otherwise.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The table's title, e.g. `2023年科技特派员农村科技创业行动项目支出绩效自评表`.
    pub title: String,
    /// The project's code or id, where the platform has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The year or edition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Where the table comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The unit the project's funds are given in (default 万元).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_unit: Option<String>,
    /// The targets, in the table's order.
    pub indicators: Vec<TargetRow>,
}

/// One row of a target table: a 三级指标 with its 年度指标值 and 分值.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetRow {
    /// The 一级指标: `产出指标`, `效益指标`, `满意度指标`.
    pub level1: String,
    /// The 二级指标: `数量指标`, `社会效益指标`, ….
    pub level2: String,
    /// The 三级指标: the row's name.
    pub name: String,
    /// A stable id, unique in the table; the name when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The 年度指标值 as written: `≥2000人次`, `≤12个月`, `效果明显`.
    pub target: String,
    /// The unit, where the table gives it in a column of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The points (分值); absent, the convention's weight of the 一级指标
    /// is shared equally among its rows.
    #[serde(
        default,
        deserialize_with = "crate::number::deserialize_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::number::ExactDecimal>")]
    pub points: Option<Decimal>,
    /// How this row reads a bare number, where it differs from the convention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bare: Option<BareReading>,
    /// Whether a qualitative target is done-or-not (`完成`/`未完成`) or
    /// tiered, where the convention's `binary_targets` do not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    /// What the row measures (指标解释).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
}

/// How a qualitative target is rated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Scale {
    /// In the convention's tiers (达成 / 部分达成 / 未达成).
    Tiers,
    /// Done or not (完成 / 未完成).
    Binary,
}

/// A first-level indicator's name with its second-level names and their rows.
type Group<'a> = (&'a str, Vec<(&'a str, Vec<usize>)>);

/// The input names of the project's funds in a generated rubric.
pub const INITIAL_BUDGET: &str = "年初预算数";
/// The input name of the full-year budget (全年预算数).
pub const ADJUSTED_BUDGET: &str = "全年预算数";
/// The input name of the full-year spending (全年执行数).
pub const EXECUTED: &str = "全年执行数";
/// The id of the 预算执行率 leaf in a generated rubric.
pub const BUDGET_INDICATOR: &str = "预算执行率";

/// Reads a document exactly (numbers as written, or refused), placing
/// errors by line and column, and where `locate` can, by row and field.
pub(crate) fn read_json<T: DeserializeOwned>(
    document: &'static str,
    json: &str,
    locate: fn(&serde_json::Value) -> Option<crate::locate::Located>,
) -> Result<T, JsonError> {
    crate::locate::read_document(document, json, locate, crate::locate::plain_place)
}

impl TargetTable {
    /// Whether a JSON document is a target table rather than a rubric: its
    /// rows carry `level1` and `target` (a rubric's indicators carry `id`
    /// and `points` instead). Text that is not JSON is neither.
    pub fn is_target_table(json: &str) -> bool {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(json) else {
            return false;
        };
        value["indicators"]
            .as_array()
            .and_then(|rows| rows.first())
            .is_some_and(|row| row.get("level1").is_some() && row.get("target").is_some())
    }

    /// Reads a target table from JSON.
    ///
    /// # Errors
    ///
    /// A [`JsonError`] when the text is not a target table (with line and
    /// column): an unknown field, a missing `target`, a number that cannot
    /// be read exactly.
    pub fn from_json(json: &str) -> Result<TargetTable, JsonError> {
        read_json("targets", json, crate::locate::targets)
    }

    /// The rubric this table makes under `convention`, as a spec: the
    /// 预算执行率 leaf, then one `target` leaf per row, grouped under their
    /// 一级 and 二级指标 in the order they first appear; each row's
    /// 评价标准 its 年度指标值 and the convention's wording.
    ///
    /// # Errors
    ///
    /// A [`CompileError`] naming the row when points cannot be given: a
    /// first-level indicator with some rows with points and some without,
    /// or without points and without a weight in the convention, or whose
    /// weight does not split exactly among its rows. Problems with the
    /// targets themselves are found when the spec is compiled
    /// ([`Rubric::from_targets`] does both).
    pub fn to_spec(&self, convention: &Convention) -> Result<RubricSpec, CompileError> {
        let mut issues = Vec::new();
        // Three indicators for each row at most: refuse a table past the
        // limit before any work that grows with it.
        let rows = self.indicators.len();
        if rows.saturating_mul(3).saturating_add(1) > crate::limits::MAX_INDICATORS {
            return Err(CompileError::new(vec![RubricIssue::new(
                None,
                "indicators",
                IssueKind::TooLarge {
                    what: crate::error::phrase::counted("rows"),
                    limit: (crate::limits::MAX_INDICATORS - 1) / 3,
                    found: rows,
                },
            )]));
        }
        // Group rows under first- and second-level names, in first-seen order.
        let mut groups: Vec<Group<'_>> = Vec::new();
        let mut seen: HashMap<(&str, Option<&str>), usize> = HashMap::new();
        for (i, row) in self.indicators.iter().enumerate() {
            let g = *seen.entry((&row.level1, None)).or_insert_with(|| {
                groups.push((&row.level1, Vec::new()));
                groups.len() - 1
            });
            let level2s = &mut groups[g].1;
            let k = *seen
                .entry((&row.level1, Some(&row.level2)))
                .or_insert_with(|| {
                    level2s.push((&row.level2, Vec::new()));
                    level2s.len() - 1
                });
            level2s[k].1.push(i);
        }
        let points = self.points(convention, &groups, &mut issues);
        // Branch ids are their names, qualified where a row, the budget
        // row or another branch already has that id.
        let mut used: std::collections::HashSet<String> = self
            .indicators
            .iter()
            .map(|r| r.id.clone().unwrap_or_else(|| r.name.clone()))
            .collect();
        if convention.budget.is_some() {
            used.insert(BUDGET_INDICATOR.to_owned());
        }
        let mut branch_id = |plain: &str, qualified: String| {
            let id = if used.contains(plain) {
                qualified
            } else {
                plain.to_owned()
            };
            used.insert(id.clone());
            id
        };
        let mut indicators = Vec::with_capacity(groups.len() + 1);
        if let Some(budget) = &convention.budget {
            indicators.push(IndicatorSpec {
                id: BUDGET_INDICATOR.to_owned(),
                name: BUDGET_INDICATOR.to_owned(),
                points: budget.points,
                criterion: budget.criterion.clone(),
                definition: None,
                not_applicable: None,
                children: Vec::new(),
                rule: Some(budget.rule.clone()),
                ..IndicatorSpec::default()
            });
        }
        for (level1, level2s) in &groups {
            let level1_id = branch_id(level1, format!("{level1}（一级指标）"));
            let mut children = Vec::with_capacity(level2s.len());
            for (level2, rows) in level2s {
                let leaves: Vec<IndicatorSpec> = rows
                    .iter()
                    .map(|&i| self.leaf(&self.indicators[i], points[i], convention))
                    .collect();
                children.push(IndicatorSpec {
                    id: branch_id(level2, format!("{level1}/{level2}")),
                    name: (*level2).to_owned(),
                    points: sum(leaves.iter().map(|l| l.points)),
                    criterion: None,
                    definition: None,
                    not_applicable: None,
                    children: leaves,
                    rule: None,
                    ..IndicatorSpec::default()
                });
            }
            indicators.push(IndicatorSpec {
                id: level1_id,
                name: (*level1).to_owned(),
                points: sum(children.iter().map(|c| c.points)),
                criterion: None,
                definition: None,
                not_applicable: None,
                children,
                rule: None,
                ..IndicatorSpec::default()
            });
        }
        let mut ids: HashMap<String, usize> = HashMap::new();
        for (i, row) in self.indicators.iter().enumerate() {
            let id = row.id.clone().unwrap_or_else(|| row.name.clone());
            if convention.budget.is_some() && id == BUDGET_INDICATOR {
                issues.push(RubricIssue::new(
                    Some(self.path(row)),
                    format!("indicators[{i}].id"),
                    IssueKind::Invalid {
                        expected: Text::new(
                            format!("an `id` for this row other than `{BUDGET_INDICATOR}`, which the convention's budget row has"),
                            format!("本行的 id 不能是“{BUDGET_INDICATOR}”，该 id 属于计分规则的预算执行率行"),
                        ),
                        found: Text::same(format!("`{id}`")),
                    },
                ));
            }
            if let Some(&first) = ids.get(&id) {
                issues.push(RubricIssue::new(
                    Some(self.path(row)),
                    format!("indicators[{i}].id"),
                    IssueKind::Invalid {
                        expected: Text::new(
                            format!(
                                "a row name no other row uses, or an `id` for this row (row {} is also `{id}`)",
                                first + 1
                            ),
                            format!(
                                "其他行未用过的指标名称，或为本行设 id（第{}行也是“{id}”）",
                                first + 1
                            ),
                        ),
                        found: phrase::again(&id),
                    },
                ));
            } else {
                ids.insert(id, i);
            }
        }
        if issues.is_empty() {
            let rows = sum(points.iter().copied());
            let budget = convention
                .budget
                .as_ref()
                .map_or(Decimal::ZERO, |b| b.points);
            let total = rows.checked_add(budget).unwrap_or(Decimal::MAX);
            if total != convention.total {
                issues.push(RubricIssue::new(
                    None,
                    "indicators",
                    IssueKind::Invalid {
                        expected: Text::new(
                            format!(
                                "rows whose points, with 预算执行率's {}, add up to the convention's total of {}",
                                crate::number::plain(budget),
                                crate::number::plain(convention.total)
                            ),
                            format!(
                                "各行分值加上预算执行率的{}分，合计等于计分规则的总分{}分",
                                crate::number::plain(budget),
                                crate::number::plain(convention.total)
                            ),
                        ),
                        found: Text::new(
                            format!(
                                "rows adding up to {} (a total of {})",
                                crate::number::plain(rows),
                                crate::number::plain(total)
                            ),
                            format!(
                                "各行合计{}分（总计{}分）",
                                crate::number::plain(rows),
                                crate::number::plain(total)
                            ),
                        ),
                    },
                ));
            }
        }
        if !issues.is_empty() {
            return Err(CompileError::new(issues));
        }
        let unit = self.budget_unit.clone().or_else(|| Some("万元".to_owned()));
        let input = |name: &str, description: &str| InputSpec {
            name: name.to_owned(),
            label: Some(format!("年度资金总额：{name}")),
            unit: unit.clone(),
            description: Some(description.to_owned()),
            min: Some(Decimal::ZERO),
            max: None,
            integer: false,
        };
        Ok(RubricSpec {
            schema: None,
            id: None,
            vetoes: Vec::new(),
            bonus: None,
            penalty: None,
            final_score: crate::spec::FinalScore::Clamped,
            title: self.title.clone(),
            version: self.version.clone(),
            source: self.source.clone(),
            total: convention.total,
            precision: convention.precision,
            rounding: convention.rounding,
            grades: convention.grades.clone(),
            inputs: vec![
                input(INITIAL_BUDGET, "年初预算数"),
                input(ADJUSTED_BUDGET, "全年预算数（年初预算数加年中调整）"),
                input(EXECUTED, "全年实际支出数"),
            ],
            indicators,
            checks: Vec::new(),
            form: Some(Form::ProjectSelfEvaluation {
                budget: convention.budget.as_ref().map(|b| BudgetBlock {
                    initial: Some(INITIAL_BUDGET.to_owned()),
                    adjusted: ADJUSTED_BUDGET.to_owned(),
                    executed: EXECUTED.to_owned(),
                    indicator: BUDGET_INDICATOR.to_owned(),
                    explain_below: b.explain_below.map(|q| q.value),
                }),
            }),
        })
    }

    /// Each row's points: its own, or its share of its first-level weight.
    fn points(
        &self,
        convention: &Convention,
        groups: &[Group<'_>],
        issues: &mut Vec<RubricIssue>,
    ) -> Vec<Decimal> {
        let mut out: Vec<Decimal> = self
            .indicators
            .iter()
            .map(|r| r.points.unwrap_or_default())
            .collect();
        for (level1, level2s) in groups {
            let rows: Vec<usize> = level2s
                .iter()
                .flat_map(|(_, r)| r.iter().copied())
                .collect();
            let without: Vec<usize> = rows
                .iter()
                .copied()
                .filter(|&i| self.indicators[i].points.is_none())
                .collect();
            if without.is_empty() {
                continue;
            }
            let path = |i: usize| Some(self.path(&self.indicators[i]));
            if without.len() != rows.len() {
                let i = without[0];
                issues.push(RubricIssue::new(
                    path(i),
                    format!("indicators[{i}].points"),
                    IssueKind::Invalid {
                        expected: Text::new(
                            format!("points on every row of {level1}, or on none (to share the convention's weight)"),
                            format!("{level1}的各行都填分值，或都不填（平分计分规则的权重）"),
                        ),
                        found: Text::new(
                            "a row without points beside rows with them",
                            "有的行填了分值，有的行没填",
                        ),
                    },
                ));
                continue;
            }
            let Some(weight) = convention.weights.iter().find(|w| w.level1 == *level1) else {
                issues.push(RubricIssue::new(
                    path(rows[0]),
                    format!("indicators[{}].points", rows[0]),
                    IssueKind::Invalid {
                        expected: Text::new(
                            format!(
                                "the row's points, because the convention gives {level1} no weight"
                            ),
                            format!("本行的分值，因为计分规则未给{level1}设权重"),
                        ),
                        found: phrase::none(),
                    },
                ));
                continue;
            };
            let share = Decimal::from(rows.len() as u64);
            match crate::exact::mul_div(weight.points, Decimal::ONE, share) {
                Some(q) if q.exact => {
                    for &i in &rows {
                        out[i] = q.value;
                    }
                }
                _ => issues.push(RubricIssue::new(
                    path(rows[0]),
                    format!("indicators[{}].points", rows[0]),
                    IssueKind::Invalid {
                        expected: Text::new(
                            format!(
                                "the rows' points, because {level1}'s weight of {} does not split exactly among {} rows",
                                crate::number::plain(weight.points),
                                rows.len()
                            ),
                            format!(
                                "各行的分值，因为{level1}的权重{}分不能在{}行之间平分",
                                crate::number::plain(weight.points),
                                rows.len()
                            ),
                        ),
                        found: phrase::none(),
                    },
                )),
            }
        }
        out
    }

    fn path(&self, row: &TargetRow) -> IndicatorPath {
        let id = row.id.clone().unwrap_or_else(|| row.name.clone());
        IndicatorPath::from_steps(
            vec![
                (row.level1.clone(), row.level1.clone()),
                (row.level2.clone(), row.level2.clone()),
                (id, row.name.clone()),
            ],
            None,
        )
    }

    /// A row's leaf: its `target` rule under the convention.
    fn leaf(&self, row: &TargetRow, points: Decimal, convention: &Convention) -> IndicatorSpec {
        let bare = row.bare.unwrap_or(convention.bare);
        let read = TargetValue::parse(&row.target, bare).ok();
        let trimmed = row.target.trim();
        let equal = matches!(
            read,
            Some(TargetValue::Compare {
                op: Comparison::Equal,
                ..
            })
        );
        let bound = matches!(read, Some(TargetValue::Compare { .. })) && !equal;
        let (levels, wording) = match &read {
            Some(TargetValue::Qualitative { .. }) => {
                let binary = match row.scale {
                    Some(Scale::Binary) => true,
                    Some(Scale::Tiers) => false,
                    None => convention.binary_targets.iter().any(|t| t == trimmed),
                };
                if binary {
                    (convention.binary.clone(), &convention.criteria.binary)
                } else {
                    (
                        convention.qualitative.clone(),
                        &convention.criteria.qualitative,
                    )
                }
            }
            Some(TargetValue::Compare { op, .. }) if op.is_lower() => {
                (Vec::new(), &convention.criteria.lower)
            }
            Some(TargetValue::Compare {
                op: Comparison::Equal,
                ..
            })
            | Some(TargetValue::Range { .. }) => (Vec::new(), &convention.criteria.equal),
            _ => (Vec::new(), &convention.criteria.higher),
        };
        IndicatorSpec {
            id: row.id.clone().unwrap_or_else(|| row.name.clone()),
            name: row.name.clone(),
            points,
            criterion: Some(format!("年度指标值：{trimmed}。{wording}")),
            definition: row.definition.clone(),
            not_applicable: Some(convention.not_applicable),
            children: Vec::new(),
            rule: Some(Rule::Target(Target {
                target: Some(row.target.clone()),
                unit: row.unit.clone(),
                actual: None,
                bare,
                unmet: convention.unmet,
                // The convention's tolerance is for `=` targets, its
                // overshoot line for `≥` and `≤` ones.
                tolerance: convention.tolerance.filter(|_| equal),
                excess: convention.excess.clone().filter(|_| bound),
                levels,
                zero_denominator: None,
            })),
            ..IndicatorSpec::default()
        }
    }
}

fn sum(points: impl Iterator<Item = Decimal>) -> Decimal {
    points.fold(Decimal::ZERO, |a, b| {
        a.checked_add(b).unwrap_or(Decimal::MAX)
    })
}

impl Rubric {
    /// Compiles a project's target table under a convention: the rubric a
    /// platform scores that project's self-evaluation with.
    ///
    /// # Errors
    ///
    /// Every problem at once in a [`CompileError`]: points that cannot be
    /// given (see [`TargetTable::to_spec`]), a 年度指标值 that cannot be
    /// read (quoted), a unit column at odds with the target's unit, points
    /// that do not add up to the convention's total, duplicate row names
    /// without ids.
    pub fn from_targets(
        table: &TargetTable,
        convention: &Convention,
    ) -> Result<Rubric, CompileError> {
        Rubric::compile(table.to_spec(convention)?).map_err(|e| {
            // Name a row's fields as the table writes them.
            let names = |path: &IndicatorPath| path.names().map(str::to_owned).collect::<Vec<_>>();
            let rows: HashMap<Vec<String>, usize> = table
                .indicators
                .iter()
                .enumerate()
                .map(|(i, row)| (names(&table.path(row)), i))
                .collect();
            e.renamed(|path, field| {
                let i = rows.get(&names(path?))?;
                let field = match field {
                    "rule.target" | "rule.tolerance" | "rule.excess" | "rule.excess.beyond" => {
                        "target"
                    }
                    "rule.unit" => "unit",
                    "points" | "id" | "name" | "definition" => field,
                    _ => return None,
                };
                Some(format!("indicators[{i}].{field}"))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Actual, Facts};
    use rust_decimal_macros::dec;

    fn table(rows: &str) -> TargetTable {
        TargetTable::from_json(&format!(r#"{{"title": "t", "indicators": [{rows}]}}"#)).unwrap()
    }

    fn facts() -> Facts {
        Facts::new()
            .value(ADJUSTED_BUDGET, dec!(10))
            .value(EXECUTED, dec!(10))
    }

    #[test]
    fn a_done_or_not_target_is_binary() {
        let t = table(
            r#"{"level1": "产出指标", "level2": "时效指标", "name": "按期完工", "target": "按时完成", "points": 45},
               {"level1": "产出指标", "level2": "质量指标", "name": "验收", "target": "通过验收", "points": 45, "scale": "binary"}"#,
        );
        let rubric = Rubric::from_targets(&t, &Convention::national()).unwrap();
        let e = rubric
            .evaluate(&facts().actual("按期完工", "完成").actual("验收", "未完成"))
            .unwrap();
        assert_eq!(e.find("按期完工").and_then(|n| n.score), Some(dec!(45)));
        assert_eq!(e.find("验收").and_then(|n| n.score), Some(dec!(0)));
        // A tier is not one of a binary row's levels.
        let err = rubric
            .evaluate(&facts().actual("按期完工", "达成").actual("验收", "完成"))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the facts have 1 problem:\nindicator `产出指标 › 时效指标 › 按期完工`: field `actuals.按期完工.level`: expected one of the levels “完成”、“未完成”, found “达成”"
        );
    }

    #[test]
    fn rows_without_points_share_the_weight() {
        let t = table(
            r#"{"level1": "产出指标", "level2": "数量指标", "name": "a", "target": "≥1个"},
               {"level1": "产出指标", "level2": "数量指标", "name": "b", "target": "≥1个"},
               {"level1": "效益指标", "level2": "社会效益指标", "name": "c", "target": "≥1个"},
               {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "d", "target": "≥90%"}"#,
        );
        let spec = t.to_spec(&Convention::national()).unwrap();
        let points: Vec<Decimal> = spec.indicators.iter().map(|i| i.points).collect();
        assert_eq!(points, [dec!(10), dec!(50), dec!(30), dec!(10)]);
        assert_eq!(spec.indicators[1].children[0].children[0].points, dec!(25));
        let rubric = Rubric::compile(spec).unwrap();
        let e = rubric
            .evaluate(
                &facts()
                    .actual("a", "1个")
                    .actual("b", Actual::Unknown)
                    .actual("c", "2个")
                    .actual("d", "95%"),
            )
            .unwrap();
        assert_eq!((e.low, e.high), (dec!(75), dec!(100)));
    }

    #[test]
    fn a_level2_name_used_under_two_level1s_is_qualified() {
        let t = table(
            r#"{"level1": "产出指标", "level2": "其他", "name": "a", "target": "≥1个", "points": 45},
               {"level1": "效益指标", "level2": "其他", "name": "b", "target": "≥1个", "points": 45}"#,
        );
        let spec = t.to_spec(&Convention::national()).unwrap();
        assert_eq!(spec.indicators[1].children[0].id, "其他");
        assert_eq!(spec.indicators[2].children[0].id, "效益指标/其他");
        // A second level named as its first, a row named as its second.
        let t = table(
            r#"{"level1": "满意度指标", "level2": "满意度指标", "name": "满意度指标", "target": "≥90%", "points": 90}"#,
        );
        let spec = t.to_spec(&Convention::national()).unwrap();
        let ids = [
            spec.indicators[1].id.as_str(),
            spec.indicators[1].children[0].id.as_str(),
            spec.indicators[1].children[0].children[0].id.as_str(),
        ];
        assert_eq!(
            ids,
            [
                "满意度指标（一级指标）",
                "满意度指标/满意度指标",
                "满意度指标"
            ]
        );
        assert!(Rubric::compile(spec).is_ok());
    }
}
