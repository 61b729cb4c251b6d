//! Canonical wording: a leaf's rule written as the 评价标准 (and 指标说明)
//! the recogniser reads back as that very rule. Every choice the documents
//! leave open is written out — how a part of a step counts, which end of a
//! band is included, what a zero denominator scores — so the wording is
//! unambiguous.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::number::plain;
use crate::rules::{
    Better, CountScoring, Direction, PartialUnit, Quantity, Rule, Unmet, ZeroDenominator,
};
use crate::spec::{IndicatorSpec, NotApplicable};
use crate::target_value::BareReading;

/// A leaf written as a document would write it: its name, 评价标准 and
/// 指标说明.
///
/// ```
/// use jixiao::{Criterion, IndicatorSpec, Status, Wording};
///
/// let leaf: IndicatorSpec = serde_json::from_str(r#"{
///   "id": "在职人员控制率", "name": "在职人员控制率", "points": 5,
///   "rule": { "kind": "ratio_threshold", "formula": "在职人员控制率=（在职人员数/编制数）×100%",
///             "threshold": "100%", "direction": "above", "step": "1%", "deduction": 0.5,
///             "partial_unit": "whole" } }"#)?;
/// let wording = Wording::of(&leaf).ok_or("no canonical wording")?;
/// assert_eq!(wording.criterion, "在职人员控制率≤100%，计满分；每超过1%扣0.5分，扣完为止。不足1%的部分不扣分。");
/// let read = Criterion::new(&wording.criterion)
///     .definition(wording.definition.as_deref().unwrap_or_default())
///     .name(&wording.name)
///     .points(leaf.points)
///     .recognise();
/// assert_eq!(read.status, Status::Recognised);
/// assert_eq!(read.rule, leaf.rule);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    /// The row's name; where the formula is a single input, that input.
    pub name: String,
    /// The 评价标准.
    pub criterion: String,
    /// The 指标说明, holding the formula where the rule has one with
    /// operators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
}

fn q(x: Quantity) -> String {
    x.to_string()
}

fn zero_sentence(z: Option<ZeroDenominator>) -> &'static str {
    match z {
        None => "",
        Some(ZeroDenominator::Full) => "分母为0的，计满分。",
        Some(ZeroDenominator::Zero) => "分母为0的，不得分。",
        Some(ZeroDenominator::NotApplicable) => "分母为0的，作不适用处理。",
    }
}

fn na_sentence(na: Option<NotApplicable>) -> &'static str {
    match na {
        None => "",
        Some(NotApplicable::Full) => "不适用的，按满分计算。",
        Some(NotApplicable::Zero) => "不适用的，计0分。",
        Some(NotApplicable::Exclude) => "不适用的，不计入分母。",
        Some(NotApplicable::Share) => "不适用的，分值均摊到同级其他指标。",
        Some(NotApplicable::Average) => "不适用的，按同级其他指标的平均得分率计分。",
    }
}

impl Wording {
    /// The canonical wording of a leaf, where its rule kind has one: step
    /// deductions, bands (not on absolute values), checklists, proportions
    /// with higher values better, levels with fixed points, judgement, a
    /// target the facts give (对照年初指标值) and a count of targets met.
    /// `None` for the rest (a written target is the 年度指标值 itself, not a
    /// 评价标准).
    pub fn of(leaf: &IndicatorSpec) -> Option<Wording> {
        let rule = leaf.rule.as_ref()?;
        let formula = rule.formula();
        let bare = formula.is_some_and(|f| {
            let names = super::formula_inputs(f);
            names.len() == 1 && names[0] == f.trim()
        });
        let (name, definition) = match formula {
            Some(f) if bare => (f.trim().to_owned(), None),
            Some(f) => (leaf.name.clone(), Some(f.to_owned())),
            None => (leaf.name.clone(), None),
        };
        let subject = if bare { name.clone() } else { String::new() };
        // Before a comparison sign the row's name reads as the measure's.
        let named = if bare {
            name.clone()
        } else {
            leaf.name.clone()
        };
        let mut text = String::new();
        match rule {
            Rule::RatioThreshold(r) => {
                let (cmp, moves) = match r.direction {
                    Direction::Above => ("≤", "超过"),
                    Direction::Below => ("≥", "低于"),
                    Direction::Both => ("=", "偏离"),
                };
                let step = q(r.step);
                text.push_str(&format!(
                    "{named}{cmp}{}，计满分；每{moves}{step}扣{}分，扣完为止。",
                    q(r.threshold),
                    plain(r.deduction)
                ));
                text.push_str(&match r.partial_unit {
                    PartialUnit::Whole => format!("不足{step}的部分不扣分。"),
                    PartialUnit::Proportional => format!("不足{step}的部分按比例扣分。"),
                    PartialUnit::AnyStarted => format!("不足{step}的按{step}计。"),
                });
                text.push_str(zero_sentence(r.zero_denominator));
            }
            Rule::SteppedBands(b) => {
                if b.absolute || b.better.is_some() {
                    return None;
                }
                let mut clauses = Vec::new();
                for band in &b.bands {
                    clauses.push(format!(
                        "{}计{}分",
                        band_words(&band.range)?,
                        plain(band.points)
                    ));
                }
                text.push_str(&subject);
                text.push_str(&clauses.join("；"));
                text.push('。');
                text.push_str(zero_sentence(b.zero_denominator));
            }
            Rule::Checklist(c) => {
                let deducting = c.items.first().is_some_and(|i| i.per_case.is_some());
                for (k, item) in c.items.iter().enumerate() {
                    if item.id != super::build::circled_id(k) {
                        return None;
                    }
                }
                if deducting {
                    let first = c.items.first()?.per_case?;
                    if c.items.iter().all(|i| i.per_case == Some(first)) {
                        let listed: Vec<String> = c
                            .items
                            .iter()
                            .enumerate()
                            .map(|(k, i)| format!("{}第{}项要求", i.id, k + 1))
                            .collect();
                        text.push_str(&listed.join("；"));
                        text.push_str(&format!(
                            "。以上情况每出现一例不符合要求的扣{}分，扣完为止。",
                            plain(first)
                        ));
                    } else {
                        let cases: Vec<String> = c
                            .items
                            .iter()
                            .enumerate()
                            .map(|(k, i)| {
                                Some(format!(
                                    "第{}类问题每出现一例扣{}分",
                                    k + 1,
                                    plain(i.per_case?)
                                ))
                            })
                            .collect::<Option<_>>()?;
                        text.push_str(&cases.join("；"));
                        text.push_str("；扣完为止。");
                    }
                } else {
                    let listed: Vec<String> = c
                        .items
                        .iter()
                        .enumerate()
                        .map(|(k, i)| {
                            Some(format!("{}第{}项要求，{}分", i.id, k + 1, plain(i.points?)))
                        })
                        .collect::<Option<_>>()?;
                    text.push_str(&listed.join("；"));
                    text.push_str(if c.partial_credit {
                        "。部分符合的，酌情给分。"
                    } else {
                        "。不符合不得分。"
                    });
                }
            }
            Rule::Proportional(p) => {
                if p.better != Better::Higher {
                    return None;
                }
                text.push_str(&format!(
                    "{subject}达到{}的，计满分；未达到的，按完成比例计分。",
                    q(p.target)
                ));
                text.push_str(zero_sentence(p.zero_denominator));
            }
            Rule::Rating(r) => {
                let mut clauses = Vec::new();
                for level in &r.levels {
                    let points = level.points?;
                    if points.percent
                        || level.range.is_some()
                        || level
                            .name
                            .chars()
                            .any(|c| c.is_ascii_digit() || "，,；;：:。的".contains(c))
                    {
                        return None;
                    }
                    clauses.push(format!("{}的，计{}分", level.name, plain(points.value)));
                }
                text.push_str(&clauses.join("；"));
                text.push('。');
            }
            Rule::Judgement(_) => text.push_str("由评价组酌情评分，并说明理由。"),
            Rule::Target(t) => {
                // Scored against the facts' 年初指标值; a written target is
                // the 年度指标值 itself, not a 评价标准.
                let percent_actual = t.actual.as_deref().is_some_and(|a| {
                    a.trim_end().ends_with("×100%") || a.trim_end().ends_with("*100%")
                });
                let plain_form = t.target.is_none()
                    && t.bare == BareReading::AtLeast
                    && t.tolerance.is_none()
                    && t.excess.is_none()
                    && t.levels.is_empty()
                    && t.zero_denominator.is_none()
                    && t.unit.as_deref() == percent_actual.then_some("%")
                    && !bare;
                if !plain_form {
                    return None;
                }
                text.push_str("对照年初指标值：达到的得满分；");
                text.push_str(match t.unmet {
                    Unmet::Proportional => "未达到的，按完成比例计分。",
                    Unmet::Zero => "未达到的不得分。",
                });
            }
            // Read only against a batch; the recogniser does not read its
            // wording back, so it has no canonical one yet.
            Rule::Relative(_) => return None,
            Rule::TargetsMet(m) => {
                if m.bare != BareReading::AtLeast {
                    return None;
                }
                text.push_str("所列指标中，实际完成值达到年度指标值");
                if let Some(w) = m.within {
                    if !w.percent {
                        return None;
                    }
                    text.push_str(&format!("且超出不超过指标值{}", q(w)));
                }
                text.push_str("的为达标；");
                text.push_str(&match m.scoring {
                    CountScoring::Proportional => "按达标个数占所列指标个数的比例计分。".to_owned(),
                    CountScoring::PerMiss(d) => {
                        format!("每有一项未达标扣{}分，扣完为止。", plain(d))
                    }
                });
            }
        }
        text.push_str(na_sentence(leaf.not_applicable));
        let _ = Decimal::ZERO;
        Some(Wording {
            name,
            criterion: text,
            definition,
        })
    }
}

/// `[80%,90%)` as `80%（含）至90%（不含）`; an end at infinity as 以上 or
/// 以下（不设下限）.
fn band_words(range: &str) -> Option<String> {
    let t = range.trim();
    let open = t.chars().next()?;
    let close = t.chars().last()?;
    let inner = &t[open.len_utf8()..t.len() - close.len_utf8()];
    let (a, b) = inner.split_once([',', '，'])?;
    let (a, b) = (a.trim(), b.trim());
    let incl = |c: char| {
        if matches!(c, '[' | ']' | '［' | '］') {
            "（含）"
        } else {
            "（不含）"
        }
    };
    let low_inf = a.ends_with('∞');
    let high_inf = b.ends_with('∞');
    Some(match (low_inf, high_inf) {
        (true, true) => return None,
        (true, false) => format!("{b}{}以下（不设下限）", incl(close)),
        (false, true) => format!("{a}{}以上", incl(open)),
        (false, false) if a == b => format!("={a}"),
        (false, false) => format!("{a}{}至{b}{}", incl(open), incl(close)),
    })
}
