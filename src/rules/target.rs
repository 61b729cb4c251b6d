//! `target`: a leaf scored against its target (年度指标值), as a 项目支出
//! 绩效自评表 scores every row and as department tables score a row against
//! the 年初指标值 given beside its 实际完成值.
//!
//! 财预〔2020〕10号: a quantitative target met earns full points; one not
//! met, 未完成的按照完成值与指标值的比例记分 — points × 实际 ÷ 指标值 for a
//! `≥` target, points × 指标值 ÷ 实际 for a `≤` target. A qualitative target
//! is rated in tiers (达成 / 部分达成 / 未达成). Provinces vary this: an unmet
//! target scores nothing; overshooting by more than a share of the target
//! scores nothing or is flagged for review (对完成值高于指标值较多的，要分析
//! 原因); an `=` target allows a tolerance. Each is a parameter here.
//!
//! The target is the rubric's (`target`) or the facts' (`targets.<id>`);
//! the actual value is a formula over inputs (`actual`) or the facts'
//! (`actuals.<id>`), written with its unit (`5600人次`), which is checked
//! against the target's and converted where the kind is the same (万元
//! and 元), the conversion shown in the working.

use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    CompileContext, CompiledMeasure, CompiledRating, Level, Quantity, Range, Rating,
    ZeroDenominator,
};
use crate::error::{phrase, FactIssueKind, Field, Text};
use crate::exact;
use crate::explain::{Converted, Step};
use crate::facts::{Actual, Answer};
use crate::number::plain;
use crate::target_value::{Amount, BareReading, Comparison, TargetValue};
use crate::unit::Unit;

/// Scored against a target (年度指标值): met, full points; not met, as
/// `unmet` says; a qualitative target rated in `levels`.
///
/// ```json
/// { "kind": "target", "target": "≥2000人次", "unmet": "proportional",
///   "excess": { "beyond": "50%", "treatment": "review" } }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The 年度指标值 as written: `≥2000人次`, `≤12个月`, `95%-105%`,
    /// `效果明显`. Absent when the facts give it (`targets.<id>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The unit (计量单位) where the table gives it in a column of its own,
    /// for a target or an actual value written without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The 实际完成值 as a formula over inputs, e.g.
    /// `满意人数/调查人数×100%`. Absent when the facts give it (`actuals.<id>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    /// How a target written as a bare number (`100%`) is read.
    #[serde(default, skip_serializing_if = "is_default_reading")]
    pub bare: BareReading,
    /// How a quantitative target not met scores.
    #[serde(default)]
    pub unmet: Unmet,
    /// For an `=` target: how far from it still counts as met — a `%` is a
    /// share of the target (`"5%"`), a plain number is in the target's unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<Quantity>,
    /// What overshooting a `≥` or `≤` target by more than a share of it
    /// means (对完成值高于指标值较多的…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excess: Option<Excess>,
    /// The levels a qualitative target is rated in (`达成` [80%,100%], …, or
    /// `完成` 100% / `未完成` 0%); required for a qualitative target.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<Level>,
    /// What a zero denominator in `actual` means, where the document says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zero_denominator: Option<ZeroDenominator>,
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_default_reading(r: &BareReading) -> bool {
    *r == BareReading::AtLeast
}

/// How a quantitative target not met scores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Unmet {
    /// In proportion (未完成的按照完成值与指标值的比例记分): points × 实际 ÷
    /// 指标值 short of a lower bound, points × 指标值 ÷ 实际 beyond an upper one.
    #[default]
    Proportional,
    /// Nothing (未达到预期指标的不计分).
    Zero,
}

/// Overshooting a target: when the actual value passes the target by more
/// than `beyond` (as a share of the target), `treatment` applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Excess {
    /// How far past the target, as a share of it: `"30%"` means above 130%
    /// of a `≥` target (or, for a `≤` target, a target above 130% of the actual).
    pub beyond: Quantity,
    /// What it means.
    pub treatment: ExcessTreatment,
}

/// What overshooting a target by more than its line means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ExcessTreatment {
    /// Full points, and the row is flagged for the reviewer, who checks
    /// whether the target was set too low (按照偏离度适度调减分值).
    Review,
    /// Nothing (超过预期指标30%以上的，均不计分).
    Zero,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Compiled {
    /// The rubric's target, as written (trimmed) and read.
    pub(crate) target: Option<(Arc<str>, TargetValue)>,
    pub(crate) unit: Option<Unit>,
    pub(crate) actual: Option<CompiledMeasure>,
    pub(crate) bare: BareReading,
    pub(crate) unmet: Unmet,
    pub(crate) tolerance: Option<Quantity>,
    /// The line in percentage points of the target, and the treatment.
    pub(crate) excess: Option<(Decimal, ExcessTreatment)>,
    pub(crate) levels: Option<CompiledRating>,
    pub(crate) zero_denominator: Option<ZeroDenominator>,
}

const TARGET_EXAMPLES: &str = "such as `≥50人`, `≤12个月`, `95%-105%` or a qualitative target";

impl Target {
    pub(crate) fn compile(&self, cx: &mut CompileContext<'_>) -> Option<Compiled> {
        let unit = self.unit.as_ref().and_then(|u| match Unit::parse(u) {
            Ok(u) => Some(u),
            Err(_) => {
                cx.invalid(
                    "rule.unit",
                    Text::new("a unit such as 人次, 万元 or %", "单位，如人次、万元或%"),
                    format!("`{u}`"),
                );
                None
            }
        });
        let target = self.target.as_ref().and_then(|text| {
            cx.text("rule.target", text);
            match TargetValue::parse(text, self.bare) {
                Ok(value) => Some((Arc::from(text.trim()), value)),
                Err(e) => {
                    cx.invalid("rule.target", e.expected, format!("`{text}`"));
                    None
                }
            }
        });
        if let (Some((_, t)), Some(u)) = (&target, &unit) {
            if let Some(tu) = t.unit() {
                if tu.factor_to(u).is_none() {
                    cx.invalid(
                        "rule.unit",
                        Text::new(
                            format!("the unit the target is written in ({tu}), or one of its kind"),
                            format!("指标值所用的单位（{tu}）或同类单位"),
                        ),
                        format!("`{u}`"),
                    );
                }
            }
        }
        let target = target.map(|(text, t)| (text, t.with_unit(unit.as_ref())));
        let qualitative = target.as_ref().is_some_and(|(_, t)| t.is_qualitative());
        if let Some((text, t)) = &target {
            let equal = matches!(
                t,
                TargetValue::Compare {
                    op: Comparison::Equal,
                    ..
                }
            );
            if self.tolerance.is_some() && !equal {
                cx.invalid(
                    "rule.tolerance",
                    Text::new("a tolerance only on an `=` target", "仅“=”型指标值上的容差"),
                    Text::new(
                        format!("a tolerance on `{text}`"),
                        format!("“{text}”上的容差"),
                    ),
                );
            }
            if self.excess.is_some() && (equal || !matches!(t, TargetValue::Compare { .. })) {
                cx.invalid(
                    "rule.excess",
                    Text::new(
                        "an overshoot line only on a `≥` or `≤` target",
                        "仅“≥”或“≤”型指标值上的超额线",
                    ),
                    Text::new(format!("one on `{text}`"), format!("“{text}”上的超额线")),
                );
            }
            if qualitative && self.unit.is_some() {
                cx.invalid(
                    "rule.unit",
                    Text::new("no unit for a qualitative target", "定性指标无单位"),
                    Text::new(
                        format!("a unit for `{text}`"),
                        format!("为“{text}”设的单位"),
                    ),
                );
            }
        }
        let measure = self.actual.as_ref().and_then(|f| cx.formula(f));
        if self.actual.is_some() {
            cx.zero_denominator(self.zero_denominator);
        } else if self.zero_denominator.is_some() {
            cx.invalid(
                "rule.zero_denominator",
                Text::new(
                    "`zero_denominator` only with an `actual` formula",
                    "仅与 actual 公式同设的 zero_denominator",
                ),
                Text::new("it without one", "没有 actual 公式的 zero_denominator"),
            );
        }
        if let Some(m) = &measure {
            if qualitative {
                cx.invalid(
                    "rule.actual",
                    Text::new(
                        "no formula for a qualitative target, which is rated",
                        "定性指标按等级评价，不设公式",
                    ),
                    format!("`{}`", m.formula.display),
                );
            }
            let unit_of_target = target
                .as_ref()
                .and_then(|(_, t)| t.unit().cloned())
                .or_else(|| unit.clone());
            let target_percent = unit_of_target.as_ref().is_some_and(Unit::is_percent);
            if m.percent && !target_percent && !qualitative && (target.is_some() || unit.is_some())
            {
                cx.invalid(
                    "rule.target",
                    Text::new(
                        "a target in % (such as `≥90%`), because the formula is a percentage (it ends in ×100%)",
                        "以%表示的指标值（如`≥90%`），因为公式是百分比（以×100%结尾）",
                    ),
                    target.as_ref().map_or_else(
                        || {
                            let u = unit_of_target.map(|u| u.to_string()).unwrap_or_default();
                            Text::new(format!("the unit `{u}`"), format!("单位“{u}”"))
                        },
                        |(text, _)| Text::same(format!("`{text}`")),
                    ),
                );
            }
            if target_percent && !m.percent {
                cx.invalid(
                    "rule.actual",
                    Text::new(
                        "a formula ending in ×100%, because the target is a percentage",
                        "以×100%结尾的公式，因为指标值是百分比",
                    ),
                    format!("`{}`", m.formula.display),
                );
            }
        }
        if let Some(q) = self.tolerance {
            if q.value < Decimal::ZERO {
                cx.invalid(
                    "rule.tolerance",
                    Text::new("a tolerance of at least 0", "不小于0的容差"),
                    q.to_string(),
                );
            }
        }
        let excess = self.excess.as_ref().and_then(|e| {
            if e.beyond.percent && e.beyond.value > Decimal::ZERO {
                Some((e.beyond.value, e.treatment))
            } else {
                cx.invalid(
                    "rule.excess.beyond",
                    Text::new(
                        "a share of the target greater than 0, written with %, such as \"30%\"",
                        "大于0、带%的指标值比例，如\"30%\"",
                    ),
                    e.beyond.to_string(),
                );
                None
            }
        });
        let levels = if self.levels.is_empty() {
            if qualitative {
                cx.invalid(
                    "rule.levels",
                    Text::new(
                        "the levels a qualitative target is rated in (such as 达成, 部分达成, 未达成)",
                        "定性指标的评价等级（如达成、部分达成、未达成）",
                    ),
                    phrase::none(),
                );
            }
            None
        } else {
            if target.as_ref().is_some_and(|(_, t)| !t.is_qualitative()) {
                cx.invalid(
                    "rule.levels",
                    Text::new(
                        "levels only for a qualitative target (or a target the facts give)",
                        "仅定性指标（或由填报资料给出指标值的指标）上的等级",
                    ),
                    Text::new("levels for a quantitative target", "定量指标上的等级"),
                );
            }
            Rating {
                levels: self.levels.clone(),
            }
            .compile(cx)
        };
        Some(Compiled {
            target,
            unit,
            actual: measure,
            bare: self.bare,
            unmet: self.unmet,
            tolerance: self.tolerance,
            excess,
            levels,
            zero_denominator: self.zero_denominator,
        })
    }
}

/// A number with its unit and its text as written.
pub(crate) type Written = (Decimal, Option<Unit>, Option<Arc<str>>);

/// An actual value given in the facts as a number for a quantitative
/// target; `None` when it is unknown.
pub(crate) fn amount_of(
    actual: &Actual,
    target: &TargetValue,
    written_target: &str,
) -> Result<Option<Written>, FactIssueKind> {
    let unit = || {
        target
            .unit()
            .map(|u| (format!(" in {u}"), format!("（单位{u}）")))
            .unwrap_or_default()
    };
    match actual {
        Actual::Number(n) => Ok(Some((*n, None, Some(Arc::from(plain(*n)))))),
        Actual::Text(text) => match Amount::parse(text) {
            Ok(a) => Ok(Some((a.value, a.unit, Some(Arc::from(text.trim()))))),
            Err(e) => Err(FactIssueKind::Invalid {
                expected: Text::new(
                    format!("the actual value as a number{}", unit().0),
                    format!("以数值表示的实际完成值{}", unit().1),
                ),
                found: Text::same(format!("`{}`", e.found)),
            }),
        },
        Actual::Level(_) => Err(FactIssueKind::Invalid {
            expected: Text::new(
                format!(
                    "the actual value as a number{}, because the target `{written_target}` is quantitative",
                    unit().0
                ),
                format!(
                    "以数值表示的实际完成值{}，因为指标值“{written_target}”是定量的",
                    unit().1
                ),
            ),
            found: Text::new("a level with a score", "等级及评分"),
        }),
        Actual::Unknown => Ok(None),
    }
}

/// Problems found while scoring, with the field under the leaf.
type Problems = Vec<(Field, FactIssueKind)>;

/// A target resolved for one evaluation.
pub(crate) struct Resolved {
    pub(crate) written: Arc<str>,
    pub(crate) value: TargetValue,
    pub(crate) from_facts: bool,
}

/// The actual value as the leaf has it.
pub(crate) enum ActualValue<'f> {
    /// Computed by the rule's formula (in percentage points when `percent`).
    Measured { value: Decimal, percent: bool },
    /// Given in the facts.
    Given(&'f Actual),
}

impl Compiled {
    /// The target: the rubric's, or the text the facts give.
    pub(crate) fn resolve(
        &self,
        id: &str,
        facts_text: Option<&str>,
        problems: &mut Problems,
    ) -> Option<Resolved> {
        if let Some((written, value)) = &self.target {
            return Some(Resolved {
                written: Arc::clone(written),
                value: value.clone(),
                from_facts: false,
            });
        }
        let field = || Field::key("targets", id);
        let Some(text) = facts_text else {
            problems.push((
                field(),
                FactIssueKind::MissingAnswer {
                    expected: Text::new(
                        format!("the target (指标值) as written, {TARGET_EXAMPLES}"),
                        "按原文填写的指标值，如`≥50人`、`≤12个月`、`95%-105%`或定性指标",
                    ),
                },
            ));
            return None;
        };
        match TargetValue::parse(text, self.bare) {
            Ok(value) => {
                let declared = self
                    .unit
                    .as_ref()
                    .filter(|u| u.is_percent() || u.has_magnitude());
                if let (None, Some(u)) = (value.unit(), declared) {
                    if !value.is_qualitative() {
                        problems.push((
                            field(),
                            FactIssueKind::Invalid {
                                expected: Text::new(
                                    format!(
                                        "the target written with its unit {u}, as the rule's unit is (`{}{u}`)",
                                        text.trim()
                                    ),
                                    format!(
                                        "带单位{u}的指标值，与规则的单位一致（`{}{u}`）",
                                        text.trim()
                                    ),
                                ),
                                found: Text::same(format!("`{text}`")),
                            },
                        ));
                        return None;
                    }
                }
                let value = value.with_unit(self.unit.as_ref());
                if value.is_qualitative() && self.levels.is_none() {
                    problems.push((
                        field(),
                        FactIssueKind::Invalid {
                            expected: Text::new(
                                "a quantitative target: the rule declares no levels to rate a qualitative one in",
                                "定量指标值：规则未设评价定性指标的等级",
                            ),
                            found: Text::same(format!("`{text}`")),
                        },
                    ));
                    return None;
                }
                if value.is_qualitative() && self.actual.is_some() {
                    problems.push((
                        field(),
                        FactIssueKind::Invalid {
                            expected: Text::new(
                                "a quantitative target, which the rule's formula is compared with",
                                "定量指标值，以便与规则公式的结果比较",
                            ),
                            found: Text::same(format!("`{text}`")),
                        },
                    ));
                    return None;
                }
                Some(Resolved {
                    written: Arc::from(text.trim()),
                    value,
                    from_facts: true,
                })
            }
            Err(e) => {
                problems.push((
                    field(),
                    FactIssueKind::Invalid {
                        expected: e.expected,
                        found: Text::same(format!("`{text}`")),
                    },
                ));
                None
            }
        }
    }

    /// Opens the working with the target.
    pub(crate) fn open(&self, target: &Resolved, steps: &mut Vec<Step>) {
        steps.push(Step::Target {
            written: Arc::clone(&target.written),
            target: target.value.clone(),
            from_facts: target.from_facts,
        });
    }

    /// What the facts must give as the actual value, for a message.
    pub(crate) fn expected_actual(&self, target: &Resolved) -> Text {
        match (&target.value, &self.levels) {
            (TargetValue::Qualitative { .. }, Some(levels)) => Text::new(
                format!(
                    "the actual value (实际完成值): one of the levels {} (with `score` and `reason` where the level has a range), or \"unknown\"",
                    levels.names()
                ),
                format!(
                    "实际完成值：等级{}之一（分值为区间的等级另填 score 和 reason），或\"unknown\"（未知）",
                    levels.names()
                ),
            ),
            (value, _) => {
                let unit = value.unit();
                Text::new(
                    format!(
                        "the actual value (实际完成值) as a number{}, or \"unknown\"",
                        unit.map(|u| format!(" in {u}")).unwrap_or_default()
                    ),
                    format!(
                        "以数值表示的实际完成值{}，或\"unknown\"（未知）",
                        unit.map(|u| format!("（单位{u}）")).unwrap_or_default()
                    ),
                )
            }
        }
    }

    /// The lowest and highest scores for an unknown actual value.
    pub(crate) fn bounds(&self, target: Option<&TargetValue>, points: Decimal) -> Range {
        match (target, &self.levels) {
            (Some(TargetValue::Qualitative { .. }), Some(levels)) => levels.bounds(),
            (None, Some(levels)) => {
                let l = levels.bounds();
                Range {
                    low: l.low.min(Decimal::ZERO),
                    high: points,
                }
            }
            _ => Range {
                low: Decimal::ZERO,
                high: points,
            },
        }
    }

    /// Scores the actual value against the target, pushing the working, and
    /// sets `measured_value` to the value in the target's unit. `None` when
    /// the facts have problems (pushed to `problems`).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn score(
        &self,
        id: &str,
        target: &Resolved,
        actual: ActualValue<'_>,
        points: Decimal,
        steps: &mut Vec<Step>,
        problems: &mut Problems,
        measured_value: &mut Option<Decimal>,
    ) -> Option<Range> {
        let field = || Field::key("actuals", id);
        if let TargetValue::Qualitative { .. } = target.value {
            let levels = self.levels.as_ref()?;
            let answer = match actual {
                ActualValue::Given(Actual::Text(word)) => Answer::level(word.trim()),
                ActualValue::Given(Actual::Level(fields)) => Answer::Given(fields.clone()),
                ActualValue::Given(Actual::Number(n)) => {
                    problems.push((
                        field(),
                        FactIssueKind::Invalid {
                            expected: Text::new(
                                format!(
                                    "one of the levels {} for the qualitative target",
                                    levels.names()
                                ),
                                format!("定性指标的等级{}之一", levels.names()),
                            ),
                            found: Text::same(plain(*n)),
                        },
                    ));
                    return None;
                }
                ActualValue::Given(Actual::Unknown) => Answer::Unknown,
                ActualValue::Measured { .. } => return None,
            };
            let mut local = Vec::new();
            let range = levels.score(&answer, points, steps, &mut local);
            if local.is_empty() {
                return Some(range);
            }
            for (f, kind) in local {
                let f = field().join(f);
                problems.push((f, kind));
            }
            return None;
        }
        let (value, unit, written) = match actual {
            ActualValue::Measured { value, percent } => (
                value,
                percent.then(|| Unit::parse("%").ok()).flatten(),
                None,
            ),
            ActualValue::Given(given) => match amount_of(given, &target.value, &target.written) {
                Ok(Some(amount)) => amount,
                Ok(None) => {
                    steps.push(Step::Unknown {
                        what: Arc::from(Vec::new()),
                    });
                    return Some(self.bounds(Some(&target.value), points));
                }
                Err(kind) => {
                    problems.push((field(), kind));
                    return None;
                }
            },
        };
        let measured = matches!(actual, ActualValue::Measured { .. });
        match self.quantity(&target.value, value, unit, written, measured, points, steps) {
            Ok((score, in_target_unit)) => {
                *measured_value = Some(in_target_unit);
                Some(Range::exact(score))
            }
            Err(kind) => {
                problems.push((field(), kind));
                None
            }
        }
    }

    /// Scores a number against a quantitative target.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn quantity(
        &self,
        target: &TargetValue,
        value: Decimal,
        unit: Option<Unit>,
        written: Option<Arc<str>>,
        measured: bool,
        points: Decimal,
        steps: &mut Vec<Step>,
    ) -> Result<(Decimal, Decimal), FactIssueKind> {
        let target_unit = target.unit();
        let shown = || {
            written
                .as_deref()
                .map_or_else(|| plain(value), str::to_owned)
        };
        let (n, d) = match (&unit, target_unit) {
            (Some(a), Some(t)) => a.factor_to(t).ok_or_else(|| FactIssueKind::Invalid {
                expected: Text::new(
                    format!("the actual value in {t} (or a unit of its kind), the target's unit"),
                    format!("以指标值的单位{t}（或同类单位）表示的实际完成值"),
                ),
                found: Text::new(
                    format!("`{}`, in {a}", shown()),
                    format!("“{}”，单位为{a}", shown()),
                ),
            })?,
            (None, Some(t)) if t.is_percent() && !measured => {
                let hundred = crate::exact::mul(value, Decimal::ONE_HUNDRED).unwrap_or(value);
                let (hundred, plain) = (plain(hundred), plain(value));
                let expected = if value > Decimal::ZERO && value <= Decimal::ONE {
                    Text::new(
                        format!("a percentage written with a % sign, such as \"{hundred}%\" (or \"{plain}%\" if {plain} percent is meant) (the target is in %)"),
                        format!("带%的百分数，如\"{hundred}%\"（若指百分之{plain}，则写\"{plain}%\"）（指标值以%表示）"),
                    )
                } else {
                    Text::new(
                        format!("a percentage written with a % sign, such as \"{plain}%\" (the target is in %)"),
                        format!("带%的百分数，如\"{plain}%\"（指标值以%表示）"),
                    )
                };
                return Err(FactIssueKind::Invalid {
                    expected,
                    found: Text::same(shown()),
                });
            }
            (None, Some(t)) if t.has_magnitude() && !measured => {
                return Err(FactIssueKind::Invalid {
                    expected: Text::new(
                        format!(
                            "the actual value with its unit, such as \"{}{t}\": a number alone may be in {} or in a unit of another size",
                            plain(value),
                            t
                        ),
                        format!(
                            "带单位的实际完成值，如\"{}{t}\"：只写数值，可能是{t}，也可能是其他量级的单位",
                            plain(value)
                        ),
                    ),
                    found: Text::same(shown()),
                });
            }
            (Some(a), None) => {
                return Err(FactIssueKind::Invalid {
                    expected: Text::new(
                        "a plain number, because the target has no unit",
                        "不带单位的数，因为指标值没有单位",
                    ),
                    found: Text::new(
                        format!("`{}`, in {a}", shown()),
                        format!("“{}”，单位为{a}", shown()),
                    ),
                })
            }
            _ => (1, 1),
        };
        let overflow = || FactIssueKind::Inexact {
            what: Text::new(
                format!("the actual value {} against the target {target}", shown()),
                format!("实际完成值{}与指标值{target}的比较", shown()),
            ),
        };
        let whole = |n: u128| i128::try_from(n).ok().map(Decimal::from);
        // The actual value in the target's unit, as the exact fraction an / ad.
        let an = exact::mul(value, whole(n).ok_or_else(overflow)?).ok_or_else(overflow)?;
        let ad = whole(d).ok_or_else(overflow)?;
        let converted = if (n, d) == (1, 1) {
            None
        } else {
            let q = exact::mul_div(an, Decimal::ONE, ad).ok_or_else(overflow)?;
            Some(Converted {
                value: q.value,
                unit: target_unit.cloned().ok_or_else(overflow)?,
                exact: q.exact,
            })
        };
        if written.is_some() || converted.is_some() || !measured {
            steps.push(Step::Actual {
                written: written.clone(),
                value,
                unit: unit.clone().or_else(|| target_unit.cloned()),
                converted: converted.clone(),
                unit_assumed: unit.is_none() && target_unit.is_some() && !measured,
            });
        }
        let shown_value = converted.as_ref().map_or(value, |c| c.value);
        let cmp = |t: Decimal| exact::cmp_ratio(an, ad, t, Decimal::ONE).ok_or_else(overflow);
        use std::cmp::Ordering::{Greater, Less};
        // Which side was missed: Some(bound, higher-is-better) when unmet.
        let (missed, tolerance): (Option<(Decimal, bool)>, Option<Decimal>) = match target {
            TargetValue::Compare { op, value: t, .. } => match op {
                Comparison::AtLeast => ((cmp(*t)? == Less).then_some((*t, true)), None),
                Comparison::MoreThan => ((cmp(*t)? != Greater).then_some((*t, true)), None),
                Comparison::AtMost => ((cmp(*t)? == Greater).then_some((*t, false)), None),
                Comparison::LessThan => ((cmp(*t)? != Less).then_some((*t, false)), None),
                Comparison::Equal => {
                    let tol = match self.tolerance {
                        None => Decimal::ZERO,
                        Some(q) if q.percent => {
                            exact::mul_div(t.abs(), q.value, Decimal::ONE_HUNDRED)
                                .filter(|q| q.exact)
                                .map(|q| q.value)
                                .ok_or_else(overflow)?
                        }
                        Some(q) => q.value,
                    };
                    let low = t.checked_sub(tol).ok_or_else(overflow)?;
                    let high = t.checked_add(tol).ok_or_else(overflow)?;
                    let missed = if cmp(low)? == Less {
                        Some((*t, true))
                    } else if cmp(high)? == Greater {
                        Some((*t, false))
                    } else {
                        None
                    };
                    (missed, self.tolerance.map(|_| tol))
                }
            },
            TargetValue::Range {
                low,
                low_included,
                high,
                high_included,
                ..
            } => {
                let below = match cmp(*low)? {
                    Less => true,
                    std::cmp::Ordering::Equal => !low_included,
                    Greater => false,
                };
                let above = match cmp(*high)? {
                    Greater => true,
                    std::cmp::Ordering::Equal => !high_included,
                    Less => false,
                };
                (
                    if below {
                        Some((*low, true))
                    } else if above {
                        Some((*high, false))
                    } else {
                        None
                    },
                    None,
                )
            }
            TargetValue::Qualitative { .. } => return Err(overflow()),
        };
        let Some((bound, higher)) = missed else {
            steps.push(Step::Met {
                met: true,
                tolerance,
                unmet: None,
            });
            return self
                .excess(target, an, ad, points, steps)
                .map(|score| (score, shown_value))
                .map_err(|()| overflow());
        };
        steps.push(Step::Met {
            met: false,
            tolerance,
            unmet: Some(self.unmet),
        });
        if self.unmet == Unmet::Zero {
            return Ok((Decimal::ZERO, shown_value));
        }
        // Points × actual ÷ bound short of a lower bound, points × bound ÷
        // actual beyond an upper one; nothing where either is not above 0.
        let positive = an > Decimal::ZERO && bound > Decimal::ZERO;
        let (top, bottom) = if higher {
            (shown_value, bound)
        } else {
            (bound, shown_value)
        };
        steps.push(Step::Proportion {
            points,
            top,
            bottom,
            higher,
        });
        if !positive {
            return Ok((Decimal::ZERO, shown_value));
        }
        let q = if higher {
            exact::mul_div(points, an, exact::mul(ad, bound).ok_or_else(overflow)?)
        } else {
            exact::mul_div(points, exact::mul(bound, ad).ok_or_else(overflow)?, an)
        };
        Ok((q.ok_or_else(overflow)?.value, shown_value))
    }

    /// Full points for a met target, unless it overshoots the excess line.
    fn excess(
        &self,
        target: &TargetValue,
        an: Decimal,
        ad: Decimal,
        points: Decimal,
        steps: &mut Vec<Step>,
    ) -> Result<Decimal, ()> {
        let Some((beyond, treatment)) = self.excess else {
            return Ok(points);
        };
        let TargetValue::Compare { op, value: t, .. } = target else {
            return Ok(points);
        };
        if *t <= Decimal::ZERO || an <= Decimal::ZERO || *op == Comparison::Equal {
            return Ok(points);
        }
        let hundred = Decimal::ONE_HUNDRED;
        let line = hundred.checked_add(beyond).ok_or(())?;
        // share = actual ÷ target (≥) or target ÷ actual (≤), in percent.
        let (over, share) = if op.is_higher() {
            let over = exact::cmp_ratio(
                exact::mul(an, hundred).ok_or(())?,
                ad,
                exact::mul(*t, line).ok_or(())?,
                Decimal::ONE,
            )
            .ok_or(())?;
            (
                over,
                exact::mul_div(an, hundred, exact::mul(ad, *t).ok_or(())?),
            )
        } else {
            let over = exact::cmp_ratio(
                exact::mul(*t, hundred).ok_or(())?,
                Decimal::ONE,
                exact::mul(an, line).ok_or(())?,
                ad,
            )
            .ok_or(())?;
            (
                over,
                exact::mul_div(exact::mul(*t, ad).ok_or(())?, hundred, an),
            )
        };
        if over != std::cmp::Ordering::Greater {
            return Ok(points);
        }
        steps.push(Step::Excess {
            share: share.ok_or(())?.value,
            beyond,
            higher: op.is_higher(),
            treatment,
        });
        Ok(match treatment {
            ExcessTreatment::Review => points,
            ExcessTreatment::Zero => Decimal::ZERO,
        })
    }

    /// The scores the rule can give at the points: for the review.
    pub(crate) fn levels(&self) -> Option<&CompiledRating> {
        self.levels.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tests::compile_issues;
    use crate::rules::{CompiledRule, Rule};
    use rust_decimal_macros::dec;

    fn rule(json: serde_json::Value) -> Rule {
        let mut base = serde_json::json!({"kind": "target"});
        if let (Some(b), Some(j)) = (base.as_object_mut(), json.as_object()) {
            b.extend(j.clone());
        }
        serde_json::from_value(base).unwrap()
    }

    fn compiled(json: serde_json::Value, points: Decimal) -> Compiled {
        match crate::rules::tests::compile_rule(&rule(json), points) {
            CompiledRule::Target(t) => t,
            other => panic!("{other:?}"),
        }
    }

    /// Scores an actual written as text; returns the score or the problems.
    fn score(
        json: serde_json::Value,
        points: Decimal,
        actual: &str,
    ) -> Result<Decimal, Vec<String>> {
        let c = compiled(json, points);
        let mut problems = Vec::new();
        let target = c
            .resolve("x", None, &mut problems)
            .ok_or_else(|| vec!["no target".to_owned()])?;
        let actual = Actual::from(actual);
        let range = c.score(
            "x",
            &target,
            ActualValue::Given(&actual),
            points,
            &mut Vec::new(),
            &mut problems,
            &mut None,
        );
        match range {
            Some(r) if problems.is_empty() => Ok(r.low),
            _ => Err(problems.iter().map(|(f, k)| format!("{f}: {k}")).collect()),
        }
    }

    fn rounded(v: Result<Decimal, Vec<String>>) -> Decimal {
        v.unwrap()
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    }

    #[test]
    fn met_targets_earn_full_points() {
        let t = serde_json::json!({"target": "≥2000人次"});
        assert_eq!(score(t.clone(), dec!(5), "5600人次"), Ok(dec!(5)));
        assert_eq!(score(t.clone(), dec!(5), "2000人次"), Ok(dec!(5)));
        assert_eq!(score(t, dec!(5), "1.2万人次"), Ok(dec!(5)));
        assert_eq!(
            score(serde_json::json!({"target": "95%-105%"}), dec!(4), "105%"),
            Ok(dec!(4))
        );
    }

    #[test]
    fn unmet_targets_score_in_proportion() {
        // ≤12个月 missed at 14: 4 × 12 ÷ 14 = 3.43
        assert_eq!(
            rounded(score(
                serde_json::json!({"target": "≤12个月"}),
                dec!(4),
                "14个月"
            )),
            dec!(3.43)
        );
        // a year is 12 months
        assert_eq!(
            rounded(score(
                serde_json::json!({"target": "≤1年"}),
                dec!(4),
                "14个月"
            )),
            dec!(3.43)
        );
        // ≥50人 at 45: 6 × 45 ÷ 50 = 5.4
        assert_eq!(
            score(serde_json::json!({"target": "≥50人"}), dec!(6), "45人"),
            Ok(dec!(5.4))
        );
        // 3 × 9.75 ÷ 90 = 0.325 exactly, which rounds half up to 0.33
        assert_eq!(
            rounded(score(serde_json::json!({"target": "≥90"}), dec!(3), "9.75")),
            dec!(0.33)
        );
        // ═100% missed at 98%: below, 10 × 98 ÷ 100
        assert_eq!(
            score(serde_json::json!({"target": "=100%"}), dec!(10), "98%"),
            Ok(dec!(9.8))
        );
        // above an = target: 10 × 100 ÷ 125
        assert_eq!(
            score(serde_json::json!({"target": "=100%"}), dec!(10), "125%"),
            Ok(dec!(8))
        );
        // ≤0 targets give nothing once missed
        assert_eq!(
            score(serde_json::json!({"target": "≤0起"}), dec!(5), "1起"),
            Ok(dec!(0))
        );
        // a strict target missed at its number scores its full proportion
        assert_eq!(
            score(serde_json::json!({"target": ">50人"}), dec!(5), "50人"),
            Ok(dec!(5))
        );
    }

    #[test]
    fn conversions_are_exact() {
        // 5000元 is 0.5万元
        assert_eq!(
            score(
                serde_json::json!({"target": "≤0.5万元/场"}),
                dec!(5),
                "5000元/场"
            ),
            Ok(dec!(5))
        );
        assert_eq!(
            score(
                serde_json::json!({"target": "≤0.5万元/场"}),
                dec!(5),
                "6250元/场"
            ),
            Ok(dec!(4))
        );
        assert_eq!(
            score(serde_json::json!({"target": "≥150亩"}), dec!(6), "10公顷"),
            Ok(dec!(6))
        );
    }

    #[test]
    fn provincial_variants() {
        let strict = serde_json::json!({"target": "≥100人", "unmet": "zero", "excess": {"beyond": "30%", "treatment": "zero"}});
        assert_eq!(score(strict.clone(), dec!(5), "99人"), Ok(dec!(0)));
        assert_eq!(score(strict.clone(), dec!(5), "130人"), Ok(dec!(5)));
        assert_eq!(score(strict, dec!(5), "131人"), Ok(dec!(0)));
        let review = serde_json::json!({"target": "≥2000人次", "excess": {"beyond": "50%", "treatment": "review"}});
        assert_eq!(score(review, dec!(5), "5600人次"), Ok(dec!(5)));
        let tolerant = serde_json::json!({"target": "=100%", "tolerance": "2%"});
        assert_eq!(score(tolerant.clone(), dec!(10), "98%"), Ok(dec!(10)));
        assert_eq!(score(tolerant, dec!(10), "97%"), Ok(dec!(9.7)));
    }

    #[test]
    fn an_upper_bound_beaten_by_far_is_worded_its_way_round() {
        let c = compiled(
            serde_json::json!({"target": "≤12个月", "excess": {"beyond": "50%", "treatment": "review"}}),
            dec!(4),
        );
        let (mut steps, mut problems) = (Vec::new(), Vec::new());
        let target = c.resolve("x", None, &mut problems).unwrap();
        c.open(&target, &mut steps);
        let actual = Actual::from("6个月");
        let range = c.score(
            "x",
            &target,
            ActualValue::Given(&actual),
            dec!(4),
            &mut steps,
            &mut problems,
            &mut None,
        );
        assert_eq!(range.map(|r| r.low), Some(dec!(4)));
        assert_eq!(
            crate::explain::sentence(&steps, dec!(4), 2, crate::explain::Lang::Zh),
            "年度指标值≤12个月，实际完成值6个月，达到指标值，指标值为完成值的200%，优于指标值50%以上，须分析原因：年初指标值是否设定明显偏高（按偏离度适度调减分值由复核确定）"
        );
    }

    #[test]
    fn given_figures_are_shown_whole_in_the_working() {
        let c = compiled(serde_json::json!({"target": "≥1.5万人次"}), dec!(10));
        let (mut steps, mut problems) = (Vec::new(), Vec::new());
        let target = c.resolve("x", None, &mut problems).unwrap();
        let actual = Actual::from("1.49999万人次");
        c.score(
            "x",
            &target,
            ActualValue::Given(&actual),
            dec!(10),
            &mut steps,
            &mut problems,
            &mut None,
        );
        assert_eq!(
            crate::explain::sentence(&steps, dec!(10), 2, crate::explain::Lang::Zh),
            "实际完成值1.49999万人次，未达到指标值，按实际完成值与指标值的比例计分：10 × 1.49999 ÷ 1.5"
        );
    }

    #[test]
    fn units_must_agree() {
        assert_eq!(
            score(serde_json::json!({"target": "≥2000人次"}), dec!(5), "2100人"),
            Err(vec!["actuals.x: expected the actual value in 人次 (or a unit of its kind), the target's unit, found `2100人`, in 人".to_owned()])
        );
        assert_eq!(
            score(serde_json::json!({"target": "≥95%"}), dec!(5), "98.5"),
            Err(vec!["actuals.x: expected a percentage written with a % sign, such as \"98.5%\" (the target is in %), found 98.5".to_owned()])
        );
        assert_eq!(
            score(serde_json::json!({"target": "≥95%"}), dec!(5), "基本完成"),
            Err(vec![
                "actuals.x: expected the actual value as a number in %, found `基本完成`"
                    .to_owned()
            ])
        );
        // a bare number takes the target's unit where it is not a percentage
        assert_eq!(
            score(serde_json::json!({"target": "≥735人次"}), dec!(10), "735"),
            Ok(dec!(10))
        );
    }

    #[test]
    fn compile_checks() {
        assert_eq!(
            compile_issues(&rule(serde_json::json!({"target": "≥上年"})), dec!(5)),
            vec![
                "rule.target: expected a number after the comparison sign, found `≥上年`"
                    .to_owned()
            ]
        );
        assert_eq!(
            compile_issues(&rule(serde_json::json!({"target": "效果明显"})), dec!(5)),
            vec!["rule.levels: expected the levels a qualitative target is rated in (such as 达成, 部分达成, 未达成), found none".to_owned()]
        );
        assert_eq!(
            compile_issues(&rule(serde_json::json!({"target": "≥90%", "actual": "a/b"})), dec!(5)),
            vec!["rule.actual: expected a formula ending in ×100%, because the target is a percentage, found `a ÷ b`".to_owned()]
        );
        assert_eq!(
            compile_issues(&rule(serde_json::json!({"target": "≥50人", "unit": "人次"})), dec!(5)),
            vec!["rule.unit: expected the unit the target is written in (人), or one of its kind, found `人次`".to_owned()]
        );
        assert_eq!(
            compile_issues(&rule(serde_json::json!({"target": "≥50人", "excess": {"beyond": 30, "treatment": "zero"}})), dec!(5)),
            vec!["rule.excess.beyond: expected a share of the target greater than 0, written with %, such as \"30%\", found 30".to_owned()]
        );
    }
}
