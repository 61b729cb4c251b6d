//! The review of a project self-evaluation's deviations (偏差): every row
//! that misses its target or loses points, and every row that overshoots
//! its target beyond the convention's line, with the 偏差原因 the facts give
//! — or the lack of one — and the header block of the project's funds.

use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::evaluate::{Evaluation, IndicatorEvaluation};
use crate::explain::{about, Lang, Step};
use crate::facts::{FactValue, Facts};
use crate::number::plain;
use crate::rubric::Rubric;
use crate::rules::{CompiledRule, ExcessTreatment};
use crate::spec::Form;
use crate::target_value::TargetValue;

/// Why a row is listed for its deviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeviationKind {
    /// The target is not met (or a qualitative target is rated below the
    /// tier that can give full points).
    Unmet,
    /// The row scores below its points (a row that is not a target, such
    /// as 预算执行率).
    BelowPoints,
    /// The actual value overshoots the target beyond the convention's line
    /// (对完成值高于指标值较多的，要分析原因).
    Overshoot,
}

/// One row whose deviation needs its 偏差原因分析及改进措施.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Deviation {
    /// The leaf's id.
    pub id: Arc<str>,
    /// The leaf's name.
    pub name: Arc<str>,
    /// Why it is listed.
    pub kind: DeviationKind,
    /// The points.
    pub points: Decimal,
    /// The lowest computed score.
    pub low: Decimal,
    /// The highest computed score.
    pub high: Decimal,
    /// The target as written, for a target row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Arc<str>>,
    /// Whether the target is qualitative (its actual value is a level).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub qualitative: bool,
    /// The actual value as written (or computed), or the level rated,
    /// where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<Arc<str>>,
    /// For an overshoot: the actual value as a share of the target (or the
    /// target of the actual value, for a `≤` target), in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<Decimal>,
    /// For an overshoot: the line, in percent beyond the target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beyond: Option<Decimal>,
    /// For an overshoot: the target was a lower bound (`≥`: the actual value
    /// is above it) rather than an upper one (`≤`: below it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub higher: Option<bool>,
    /// For an overshoot: what the rule did with it — flag it for review, or
    /// score nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treatment: Option<ExcessTreatment>,
    /// The reason the facts give (偏差原因分析及改进措施), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Arc<str>>,
}

impl Deviation {
    /// Whether the facts explain it.
    pub fn is_explained(&self) -> bool {
        self.reason.is_some()
    }
}

/// The header block of a project self-evaluation (项目支出绩效自评表):
/// the project's funds and how their execution scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BudgetSummary {
    /// 年初预算数, where given.
    pub initial: Option<Decimal>,
    /// 全年预算数, where given.
    pub adjusted: Option<Decimal>,
    /// 全年执行数, where given.
    pub executed: Option<Decimal>,
    /// The unit of the figures, e.g. `万元`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// 执行率 in percent, where computed.
    pub rate: Option<Decimal>,
    /// The 预算执行率 leaf's id.
    pub id: Arc<str>,
    /// Its points (分值).
    pub points: Decimal,
    /// Its lowest computed score.
    pub low: Decimal,
    /// Its highest computed score.
    pub high: Decimal,
    /// The score claimed for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed: Option<Decimal>,
}

impl Rubric {
    /// The rows to explain: target rows that miss or overshoot their
    /// target, and, on a project self-evaluation, every row below its points.
    pub(crate) fn deviations(&self, evaluation: &Evaluation) -> Vec<Deviation> {
        let self_evaluation = matches!(self.spec().form, Some(Form::ProjectSelfEvaluation { .. }));
        // The 预算执行率 leaf needs a reason only below the form's line.
        let line = match &self.spec().form {
            Some(Form::ProjectSelfEvaluation {
                budget: Some(block),
            }) => block.explain_below.map(|l| (block.indicator.as_str(), l)),
            _ => None,
        };
        let above_the_line = |id: &str| -> Option<bool> {
            let (budget, line) = line?;
            if id != budget {
                return None;
            }
            let rate = evaluation.find(id)?.leaf.as_ref()?.value?;
            Some(rate >= line)
        };
        let mut out = Vec::new();
        for leaf in evaluation.iter().filter(|n| n.is_leaf() && !n.excluded) {
            let Some(node) = self.by_id.get(&*leaf.id).map(|&i| &self.nodes[i]) else {
                continue;
            };
            let steps = leaf.leaf.as_ref().map_or(&[][..], |l| &l.steps[..]);
            let overridden = steps.iter().any(|s| matches!(s, Step::Override { .. }));
            let columns = leaf.leaf.as_ref();
            let target = columns.and_then(|l| l.target.clone());
            let actual = columns.and_then(|l| l.actual.clone());
            let qualitative = target_text(leaf).is_some_and(|(_, q)| q);
            let excess = steps.iter().find_map(|s| match s {
                Step::Excess {
                    share,
                    beyond,
                    higher,
                    treatment,
                } => Some((*share, *beyond, *higher, *treatment)),
                _ => None,
            });
            let mut push = |kind, overshoot: Option<(Decimal, Decimal, bool, ExcessTreatment)>| {
                out.push(Deviation {
                    id: Arc::clone(&leaf.id),
                    name: Arc::clone(&leaf.name),
                    kind,
                    points: leaf.points,
                    low: leaf.low,
                    high: leaf.high,
                    target: target.clone(),
                    qualitative,
                    actual: actual.clone(),
                    share: overshoot.map(|o| o.0),
                    beyond: overshoot.map(|o| o.1),
                    higher: overshoot.map(|o| o.2),
                    treatment: overshoot.map(|o| o.3),
                    reason: leaf.deviation.clone(),
                });
            };
            let is_target = matches!(node.rule, Some(CompiledRule::Target(_)));
            let unmet = steps
                .iter()
                .any(|s| matches!(s, Step::Met { met: false, .. }))
                || (is_target
                    && steps
                        .iter()
                        .any(|s| matches!(s, Step::Level { high, .. } if *high < leaf.points)));
            if unmet {
                push(DeviationKind::Unmet, None);
            } else if excess.is_some() {
                // An overshoot that cost the points is that row's one deviation.
                push(DeviationKind::Overshoot, excess);
            } else if (self_evaluation || is_target)
                && leaf.high < leaf.points
                && !overridden
                && above_the_line(&leaf.id) != Some(true)
            {
                push(DeviationKind::BelowPoints, None);
            }
        }
        out
    }

    /// The header block, for a project self-evaluation whose form names it.
    pub(crate) fn budget_summary(
        &self,
        facts: &Facts,
        evaluation: &Evaluation,
    ) -> Option<BudgetSummary> {
        let Some(Form::ProjectSelfEvaluation {
            budget: Some(block),
        }) = &self.spec().form
        else {
            return None;
        };
        let value = |name: Option<&str>| match name.and_then(|n| facts.values.get(n)) {
            Some(FactValue::Number(n) | FactValue::Percent(n)) => Some(*n),
            _ => None,
        };
        let leaf = evaluation.find(&block.indicator)?;
        let rate = leaf.leaf.as_ref().and_then(|l| l.value);
        let unit = self
            .inputs()
            .find(|i| i.name == block.adjusted)
            .and_then(|i| i.unit.clone());
        Some(BudgetSummary {
            initial: value(block.initial.as_deref()),
            adjusted: value(Some(&block.adjusted)),
            executed: value(Some(&block.executed)),
            unit,
            rate,
            id: Arc::clone(&leaf.id),
            points: leaf.points,
            low: leaf.low,
            high: leaf.high,
            claimed: leaf.claimed,
        })
    }
}

/// The deviations in words.
pub(crate) mod words {
    use super::*;

    /// One row: what it missed or overshot, and its reason or the lack of one.
    pub(crate) fn deviation(d: &Deviation, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let mut facts = Vec::new();
        match (&d.target, d.qualitative, zh) {
            (Some(t), true, true) => facts.push(format!("年度指标值“{t}”")),
            (Some(t), _, true) => facts.push(format!("年度指标值{t}")),
            (Some(t), _, false) => facts.push(format!("target {t}")),
            (None, _, _) => {}
        }
        match (&d.actual, &d.target, d.qualitative, zh) {
            (Some(a), _, true, true) => facts.push(format!("评定为“{a}”")),
            (Some(a), _, true, false) => facts.push(format!("rated “{a}”")),
            (Some(a), Some(_), false, true) => facts.push(format!("实际完成值{a}")),
            (Some(a), None, false, true) => facts.push(format!("实际值{a}")),
            (Some(a), _, false, false) => facts.push(format!("actual {a}")),
            (None, ..) => {}
        }
        let score = crate::render::range_text(d.low, d.high);
        let what = match (d.kind, zh) {
            (DeviationKind::Unmet, true) if d.qualitative => {
                format!(
                    "未完全达成年度指标，得{score}分（满分{}分）",
                    plain(d.points)
                )
            }
            (DeviationKind::Unmet, true) => {
                format!("未达到指标值，得{score}分（满分{}分）", plain(d.points))
            }
            (DeviationKind::Unmet, false) => {
                format!("target missed, scored {score} of {}", plain(d.points))
            }
            (DeviationKind::BelowPoints, true) => {
                format!("得{score}分，低于满分{}分", plain(d.points))
            }
            (DeviationKind::BelowPoints, false) => {
                format!("scored {score}, below its {} points", plain(d.points))
            }
            (DeviationKind::Overshoot, _) => overshoot(
                d.share,
                d.beyond,
                d.higher.unwrap_or(true),
                d.treatment,
                lang,
            ),
        };
        facts.push(what);
        let reason = match (&d.reason, zh) {
            (Some(r), true) => format!("偏差原因：{r}"),
            (Some(r), false) => format!("reason given: {r}"),
            (None, true) => "未说明偏差原因".to_owned(),
            (None, false) => "no reason given for the deviation".to_owned(),
        };
        facts.push(reason);
        facts.join(if zh { "，" } else { "; " })
    }

    /// An overshoot in words, the way round its target points: the same
    /// words as the working's.
    pub(crate) fn overshoot(
        share: Option<Decimal>,
        beyond: Option<Decimal>,
        higher: bool,
        treatment: Option<ExcessTreatment>,
        lang: Lang,
    ) -> String {
        crate::explain::overshoot(
            share.unwrap_or_default(),
            beyond.unwrap_or_default(),
            higher,
            treatment.unwrap_or(ExcessTreatment::Review),
            lang,
        )
    }

    /// The header block in a line.
    pub(crate) fn budget(b: &BudgetSummary, lang: Lang) -> String {
        let unit = b.unit.as_deref().unwrap_or_default();
        let figure = |v: Option<Decimal>| {
            v.map_or_else(
                || {
                    if lang == Lang::Zh {
                        "未填".to_owned()
                    } else {
                        "not given".to_owned()
                    }
                },
                |v| {
                    format!(
                        "{}{}{unit}",
                        plain(v),
                        if lang == Lang::Zh { "" } else { " " }
                    )
                },
            )
        };
        let rate = b
            .rate
            .map_or_else(|| "—".to_owned(), |r| about(r, 2, "%", lang));
        let score = crate::render::range_text(b.low, b.high);
        match lang {
            Lang::Zh => format!(
                "年初预算数{}，全年预算数{}，全年执行数{}，执行率{rate}，得分{score}分（分值{}分）",
                figure(b.initial),
                figure(b.adjusted),
                figure(b.executed),
                plain(b.points)
            ),
            Lang::En => format!(
                "initial budget {}, full-year budget {}, spent {}, execution {rate}, score {score} of {}",
                figure(b.initial),
                figure(b.adjusted),
                figure(b.executed),
                plain(b.points)
            ),
        }
    }
}

/// For a target leaf whose target is known, the target as written; for
/// the requirement of full points.
pub(crate) fn target_text(leaf: &IndicatorEvaluation) -> Option<(Arc<str>, bool)> {
    leaf.leaf
        .iter()
        .flat_map(|l| &l.steps)
        .find_map(|s| match s {
            Step::Target {
                written, target, ..
            } => Some((
                Arc::clone(written),
                matches!(target, TargetValue::Qualitative { .. }),
            )),
            _ => None,
        })
}
