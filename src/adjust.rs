//! What a table's total becomes after the rows beside it: bonus items
//! (加分项) added and penalty items (扣分项) taken, each group within its
//! cap (`加分不超过0.5分，扣分不超过2分`), the result held within 0 and the
//! total where the rubric says so, then the vetoes (一票否决 / 一票否优):
//! a condition that, when it holds, zeroes the total or caps the grade.
//!
//! Bonus and penalty items are leaves compiled after the table, scored by
//! their rules like any leaf; a penalty item's rule is the deduction the
//! document states, on the most it takes as its points, and it takes what
//! it deducts. Vetoes are answered by the facts or decided by a formula.

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{FactIssue, FactIssueKind, Field, IndicatorPath, Text};
use crate::evaluate::IndicatorEvaluation;
use crate::exact;
use crate::explain::{range_words, sentence, substituted, InputValue, Lang, Step};
use crate::facts::{FactValue, Facts, VetoAnswer};
use crate::formula::ComputeError;
use crate::limits;
use crate::number::plain;
use crate::rubric::{CompiledVeto, Rubric};
use crate::spec::{FinalScore, VetoEffect};
use crate::target_value::Comparison;

/// How the rows beside the table changed its total: bonus and penalty
/// items, the bounds of the final score, the vetoes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Adjustments {
    /// The table's total before them (after any rescaling), low end.
    pub table_low: Decimal,
    /// The table's total before them, high end.
    pub table_high: Decimal,
    /// The bonus items (加分项), where the rubric has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bonus: Option<ExtraResult>,
    /// The penalty items (扣分项), where the rubric has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub penalty: Option<ExtraResult>,
    /// The table's total with the items' applied, before the final
    /// score's bounds (low end).
    pub raw_low: Decimal,
    /// The same, high end.
    pub raw_high: Decimal,
    /// Whether the final score is held within 0 and the total.
    pub final_score: FinalScore,
    /// The vetoes (一票否决), each with whether it holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vetoes: Vec<VetoResult>,
    /// From the table's total to the final one, as a sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working: Option<String>,
}

/// Bonus or penalty items, scored, and what they add or take together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ExtraResult {
    /// Each item scored as a leaf; a penalty item's score is what its
    /// deduction rule leaves of its points, and it takes the rest.
    pub items: Vec<IndicatorEvaluation>,
    /// The most the items add (or take) together.
    pub cap: Decimal,
    /// What the items add (or take) together before the cap, low end.
    pub low: Decimal,
    /// What the items add (or take) together before the cap, high end.
    pub high: Decimal,
    /// What is added (or taken) after the cap, low end.
    pub applied_low: Decimal,
    /// What is added (or taken) after the cap, high end.
    pub applied_high: Decimal,
}

/// One veto and whether it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct VetoResult {
    /// The veto's id.
    pub id: Arc<str>,
    /// The condition in the document's words.
    pub name: Arc<str>,
    /// What it does when it holds.
    pub effect: VetoEffect,
    /// Whether it holds; `None` when the facts leave it unknown.
    pub holds: Option<bool>,
    /// What shows it holds, as the facts say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// The formula against its bound, where a formula decides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test: Option<VetoTestResult>,
    /// The working: the evidence or the formula with its numbers, and the
    /// outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working: Option<String>,
}

/// A veto's formula as the facts computed it, against its bound.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct VetoTestResult {
    /// The formula with its numbers ([`Step::Measure`]), where the facts
    /// give them all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Step>,
    /// How the value compares with the bound when the veto holds.
    pub is: Comparison,
    /// The bound, in the formula's unit.
    pub bound: Decimal,
    /// Whether the formula is a percentage.
    pub percent: bool,
    /// The inputs the facts leave unknown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<Arc<str>>,
}

/// The inputs a veto needs that the facts do not give: per input slot,
/// the paths needing it (capped) and how many more.
pub(crate) type Missing = BTreeMap<usize, (Vec<IndicatorPath>, usize)>;

impl Rubric {
    /// Decides each veto from the facts: the answer given, or the formula
    /// against its bound, compared exactly. Refuses a missing answer, an
    /// answer for a veto its formula decides, and an answer for no veto.
    pub(crate) fn decide_vetoes(
        &self,
        facts: &Facts,
        values: &[Option<FactValue>],
        numbers: &[Decimal],
        missing: &mut Missing,
        problems: &mut Vec<FactIssue>,
    ) -> Vec<VetoResult> {
        for id in facts.vetoes.keys() {
            if !self.vetoes.iter().any(|v| *v.id == **id) {
                let listed = |quote: fn(&str) -> String| {
                    self.vetoes
                        .iter()
                        .take(limits::MAX_LISTED_PATHS)
                        .map(|v| quote(&v.id))
                        .collect::<Vec<_>>()
                        .join("、")
                };
                let expected = if self.vetoes.is_empty() {
                    Text::new(
                        "no veto answers: the rubric has no vetoes",
                        "不填否决事项：指标表未设否决事项",
                    )
                } else {
                    Text::new(
                        format!(
                            "the id of one of the rubric's vetoes: {}",
                            listed(|id| format!("`{id}`"))
                        ),
                        format!(
                            "指标表所列否决事项的id之一：{}",
                            listed(|id| format!("“{id}”"))
                        ),
                    )
                };
                problems.push(FactIssue::new(
                    None,
                    Field::key("vetoes", id),
                    FactIssueKind::Invalid {
                        expected,
                        found: Text::new(format!("`{id}`"), format!("“{id}”")),
                    },
                ));
            }
        }
        self.vetoes
            .iter()
            .map(|veto| {
                decide(
                    veto,
                    facts,
                    values,
                    numbers,
                    &self.input_names,
                    missing,
                    problems,
                )
            })
            .collect()
    }

    /// The final total from the table's: bonus added and penalty taken
    /// within their caps, held within 0 and the total where the rubric
    /// says so, zeroed by a veto that holds. Returns the total's range,
    /// the grade caps (certain, possible) and the record of it all.
    pub(crate) fn adjust(
        &self,
        table: (Decimal, Decimal),
        bonus: Option<Vec<IndicatorEvaluation>>,
        penalty: Option<Vec<IndicatorEvaluation>>,
        vetoes: Vec<VetoResult>,
        lang: Option<Lang>,
    ) -> Option<(Decimal, Decimal, GradeCaps, Adjustments)> {
        let total = self.total();
        let bonus = match (bonus, &self.bonus) {
            (Some(items), Some(extra)) => Some(extra_result(items, extra.cap, false)?),
            _ => None,
        };
        let penalty = match (penalty, &self.penalty) {
            (Some(items), Some(extra)) => Some(extra_result(items, extra.cap, true)?),
            _ => None,
        };
        let (add_low, add_high) = bonus.as_ref().map_or((Decimal::ZERO, Decimal::ZERO), |b| {
            (b.applied_low, b.applied_high)
        });
        let (take_low, take_high) = penalty
            .as_ref()
            .map_or((Decimal::ZERO, Decimal::ZERO), |p| {
                (p.applied_low, p.applied_high)
            });
        let raw_low = exact::sub(exact::add(table.0, add_low)?, take_high)?;
        let raw_high = exact::sub(exact::add(table.1, add_high)?, take_low)?;
        let clamp = |v: Decimal| match self.final_score {
            FinalScore::Clamped => v.max(Decimal::ZERO).min(total),
            FinalScore::Open => v,
        };
        let (mut low, mut high) = (clamp(raw_low), clamp(raw_high));
        let mut caps = GradeCaps::default();
        let mut results = Vec::with_capacity(vetoes.len());
        let (mut zeroed, mut maybe_zeroed) = (false, false);
        for (veto, mut state) in self.vetoes.iter().zip(vetoes) {
            match (&veto.effect, state.holds) {
                (VetoEffect::Zero, Some(true)) => zeroed = true,
                (VetoEffect::Zero, None) => maybe_zeroed = true,
                (VetoEffect::Grade(_), Some(true)) => caps.certain = caps.certain.max(veto.grade),
                (VetoEffect::Grade(_), None) => caps.possible = caps.possible.max(veto.grade),
                (_, Some(false)) => {}
            }
            state.working = lang.map(|l| veto_sentence(&state, self.precision(), l));
            results.push(state);
        }
        if zeroed {
            (low, high) = (Decimal::ZERO, Decimal::ZERO);
        } else if maybe_zeroed {
            // 0 joins the range (an open total may lie below it).
            caps.unless_zeroed = Some((low, high));
            (low, high) = (low.min(Decimal::ZERO), high.max(Decimal::ZERO));
        }
        let mut adjustments = Adjustments {
            table_low: table.0,
            table_high: table.1,
            bonus,
            penalty,
            raw_low,
            raw_high,
            final_score: self.final_score,
            vetoes: results,
            working: None,
        };
        adjustments.working = lang.map(|l| adjustment_sentence(&adjustments, total, l));
        Some((low, high, caps, adjustments))
    }
}

/// From the table's total to the final one, in words.
pub(crate) fn adjustment_sentence(a: &Adjustments, total: Decimal, lang: Lang) -> String {
    let raw = (a.raw_low, a.raw_high);
    let zh = lang == Lang::Zh;
    let range = |l: Decimal, h: Decimal| range_words(l, h, lang);
    let mut parts = Vec::new();
    let table = range(a.table_low, a.table_high);
    parts.push(if zh {
        format!("表内得分{table}分")
    } else {
        format!("the table scores {table}")
    });
    for (extra, bonus) in [(&a.bonus, true), (&a.penalty, false)] {
        let Some(e) = extra else { continue };
        let applied = range(e.applied_low, e.applied_high);
        let mut part = match (bonus, zh) {
            (true, true) => format!("加分项加{applied}分"),
            (false, true) => format!("扣分项扣{applied}分"),
            (true, false) => format!("bonus items add {applied}"),
            (false, false) => format!("penalty items take {applied}"),
        };
        if e.high > e.cap {
            let sum = range(e.low, e.high);
            let cap = plain(e.cap);
            part.push_str(&match (bonus, zh) {
                (true, true) => format!("（各项合计{sum}分，加分不超过{cap}分）"),
                (false, true) => format!("（各项合计{sum}分，扣分不超过{cap}分）"),
                (_, false) => format!(" (the items {sum}, capped at {cap})"),
            });
        }
        parts.push(part);
    }
    if a.bonus.is_some() || a.penalty.is_some() {
        let raw_text = range(raw.0, raw.1);
        parts.push(if zh {
            format!("计{raw_text}分")
        } else {
            format!("{raw_text} in all")
        });
        if a.final_score == FinalScore::Clamped && (raw.1 > total || raw.0 < Decimal::ZERO) {
            let held = range(
                raw.0.max(Decimal::ZERO).min(total),
                raw.1.max(Decimal::ZERO).min(total),
            );
            parts.push(if zh {
                format!(
                    "最终得分不低于0分、不超过满分{}分，计{held}分",
                    plain(total)
                )
            } else {
                format!("held within 0 and the total {}: {held}", plain(total))
            });
        }
    }
    let mut out = parts.join(if zh { "，" } else { ", " });
    for v in &a.vetoes {
        let clause = match (v.holds, &v.effect, zh) {
            (Some(false), _, _) => continue,
            (Some(true), VetoEffect::Zero, true) => format!("一票否决“{}”成立，总分计0分", v.name),
            (Some(true), VetoEffect::Grade(g), true) => {
                format!("一票否决“{}”成立，评价等级最高为{g}", v.name)
            }
            (None, VetoEffect::Zero, true) => {
                format!("一票否决“{}”是否成立未知，总分可能计0分", v.name)
            }
            (None, VetoEffect::Grade(g), true) => {
                format!("一票否决“{}”是否成立未知，评价等级可能最高为{g}", v.name)
            }
            (Some(true), VetoEffect::Zero, false) => {
                format!("the veto “{}” holds: the total is 0", v.name)
            }
            (Some(true), VetoEffect::Grade(g), false) => {
                format!("the veto “{}” holds: the grade is at most {g}", v.name)
            }
            (None, VetoEffect::Zero, false) => {
                format!("the veto “{}” is unknown: the total may be 0", v.name)
            }
            (None, VetoEffect::Grade(g), false) => {
                format!(
                    "the veto “{}” is unknown: the grade may be at most {g}",
                    v.name
                )
            }
        };
        out.push_str(if zh { "；" } else { "; " });
        out.push_str(&clause);
    }
    if a.vetoes.iter().all(|v| v.holds == Some(false)) && !a.vetoes.is_empty() {
        out.push_str(if zh {
            "；一票否决事项均不成立"
        } else {
            "; no veto holds"
        });
    }
    out
}

/// The grade caps vetoes put on the total: the worst grade index a veto
/// that holds allows, and the worst one an unknown veto may.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct GradeCaps {
    pub(crate) certain: Option<usize>,
    pub(crate) possible: Option<usize>,
    /// Where a veto that zeroes the total is unknown: the total's range if
    /// it does not hold (the total is then in it or 0, not between).
    pub(crate) unless_zeroed: Option<(Decimal, Decimal)>,
}

impl GradeCaps {
    /// The grade indices a total's grade indices `reached` may end at.
    pub(crate) fn apply(self, reached: impl Iterator<Item = usize>) -> Vec<usize> {
        let mut out = Vec::new();
        for i in reached {
            let i = self.certain.map_or(i, |c| i.max(c));
            out.push(i);
            if let Some(p) = self.possible {
                out.push(i.max(p));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The items' sum and what is applied of it within the cap; a penalty
/// item takes its points less its score.
fn extra_result(
    items: Vec<IndicatorEvaluation>,
    cap: Decimal,
    penalty: bool,
) -> Option<ExtraResult> {
    let (mut low, mut high) = (Decimal::ZERO, Decimal::ZERO);
    for item in &items {
        let (l, h) = if penalty {
            (
                exact::sub(item.points, item.high)?,
                exact::sub(item.points, item.low)?,
            )
        } else {
            (item.low, item.high)
        };
        low = exact::add(low, l)?;
        high = exact::add(high, h)?;
    }
    Some(ExtraResult {
        items,
        cap,
        low,
        high,
        applied_low: low.min(cap),
        applied_high: high.min(cap),
    })
}

/// Decides one veto; its working is written later.
fn decide(
    veto: &CompiledVeto,
    facts: &Facts,
    values: &[Option<FactValue>],
    numbers: &[Decimal],
    input_names: &[Arc<str>],
    missing: &mut Missing,
    problems: &mut Vec<FactIssue>,
) -> VetoResult {
    let answer = facts.vetoes.get(&*veto.id);
    let field = || Field::key("vetoes", &veto.id);
    let mut result = VetoResult {
        id: Arc::clone(&veto.id),
        name: Arc::clone(&veto.name),
        effect: veto.effect.clone(),
        holds: None,
        evidence: None,
        test: None,
        working: None,
    };
    let Some(test) = &veto.test else {
        match answer {
            None => problems.push(FactIssue::new(
                Some(veto.path.clone()),
                field(),
                FactIssueKind::MissingAnswer {
                    expected: Text::new(
                        "whether the veto holds: {\"evidence\": <what shows it>}, false, or \"unknown\"",
                        "是否存在否决情形：{\"evidence\": <相关依据>}、false（不存在）或\"unknown\"（未知）",
                    ),
                },
            )),
            Some(VetoAnswer::Holds { evidence }) if evidence.trim().is_empty() => {
                problems.push(FactIssue::new(
                    Some(veto.path.clone()),
                    field().then("evidence"),
                    FactIssueKind::Invalid {
                        expected: Text::new(
                            "the evidence that the veto holds (the audit, the case): a veto that zeroes or caps a score names what shows it",
                            "存在否决情形的依据（审计、案件等）：否决事项使总分计零或限定等级，须写明依据",
                        ),
                        found: Text::new("an empty text", "空白"),
                    },
                ));
            }
            Some(VetoAnswer::Holds { evidence }) => {
                result.holds = Some(true);
                result.evidence = Some(evidence.clone());
            }
            Some(VetoAnswer::Clear) => result.holds = Some(false),
            Some(VetoAnswer::Unknown) => {}
        }
        return result;
    };
    let formula = &test.measure.formula;
    if answer.is_some() {
        problems.push(FactIssue::new(
            Some(veto.path.clone()),
            field(),
            FactIssueKind::Invalid {
                expected: Text::new(
                    format!(
                        "no answer: the veto is decided by its formula `{}` from the values",
                        formula.display
                    ),
                    format!(
                        "不填写：该否决事项按公式“{}”由基础数据判定",
                        formula.display
                    ),
                ),
                found: Text::new("an answer", "填写了答复"),
            },
        ));
        return result;
    }
    let tested = result.test.insert(VetoTestResult {
        measure: None,
        is: test.is,
        bound: test.bound,
        percent: test.measure.percent,
        unknown: Vec::new(),
    });
    let mut complete = true;
    for &slot in &formula.inputs {
        match values.get(slot).copied().flatten() {
            None => {
                if !facts.values.contains_key(&*input_names[slot]) {
                    let entry = missing.entry(slot).or_default();
                    if entry.0.len() < limits::MAX_LISTED_PATHS {
                        entry.0.push(veto.path.clone());
                    } else {
                        entry.1 += 1;
                    }
                }
                complete = false;
            }
            Some(FactValue::Unknown) => tested.unknown.push(Arc::clone(&input_names[slot])),
            Some(_) => {}
        }
    }
    if !complete || !tested.unknown.is_empty() {
        return result;
    }
    let inputs: Vec<InputValue> = formula
        .inputs
        .iter()
        .map(|&slot| InputValue {
            name: Arc::clone(&input_names[slot]),
            value: numbers[slot],
        })
        .collect();
    let computed = formula
        .compute(numbers)
        .and_then(|f| Ok((f, f.quotient().ok_or(ComputeError::Overflow)?)))
        .and_then(|(f, shown)| {
            Ok((
                f.cmp_value(test.bound).ok_or(ComputeError::Overflow)?,
                shown,
            ))
        });
    let (order, shown) = match computed {
        Ok(v) => v,
        Err(e) => {
            let formula = substituted(&formula.display, &inputs);
            problems.push(FactIssue::new(
                Some(veto.path.clone()),
                "when.formula",
                match e {
                    ComputeError::DivisionByZero => FactIssueKind::Invalid {
                        expected: Text::new(
                            "values for which the veto's formula can be computed (a veto has no rule for a zero denominator)",
                            "能使否决事项公式算出结果的基础数据（否决事项未规定分母为零时如何处理）",
                        ),
                        found: Text::new(
                            format!("formula `{formula}`, which divides by zero"),
                            format!("公式“{formula}”的分母为零"),
                        ),
                    },
                    ComputeError::Overflow => FactIssueKind::Overflow { formula },
                },
            ));
            return result;
        }
    };
    use std::cmp::Ordering::{Equal, Greater, Less};
    let holds = match test.is {
        Comparison::AtLeast => order != Less,
        Comparison::MoreThan => order == Greater,
        Comparison::AtMost => order != Greater,
        Comparison::LessThan => order == Less,
        Comparison::Equal => order == Equal,
    };
    tested.measure = Some(Step::Measure {
        label: formula
            .label
            .clone()
            .unwrap_or_else(|| Arc::clone(&veto.name)),
        formula: Arc::clone(&formula.display),
        inputs,
        value: shown.value,
        percent: test.measure.percent,
    });
    result.holds = Some(holds);
    result
}

/// A veto's working: the evidence, or the formula with its numbers against
/// the bound, and what follows.
pub(crate) fn veto_sentence(v: &VetoResult, precision: u32, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let effect = match (&v.effect, zh) {
        (VetoEffect::Zero, true) => "总分计0分".to_owned(),
        (VetoEffect::Grade(g), true) => format!("评价等级最高为{g}"),
        (VetoEffect::Zero, false) => "the total is 0".to_owned(),
        (VetoEffect::Grade(g), false) => format!("the grade is at most {g}"),
    };
    let mut parts = Vec::new();
    if let Some(test) = &v.test {
        if let Some(step) = &test.measure {
            parts.push(sentence(
                std::slice::from_ref(step),
                Decimal::ZERO,
                precision,
                lang,
            ));
        }
        let unit = if test.percent { "%" } else { "" };
        let bound = format!("{}{unit}", plain(test.bound));
        let words = comparison_words(test.is, zh);
        parts.push(match (v.holds, zh) {
            (Some(true), true) => format!("{words}{bound}，否决条件成立，{effect}"),
            (Some(false), true) => format!("并非{words}{bound}，否决条件不成立"),
            (Some(true), false) => format!("{words} {bound}: the veto holds, {effect}"),
            (Some(false), false) => format!("not {words} {bound}: the veto does not hold"),
            (None, true) => format!(
                "{}未知，无法判断是否{words}{bound}，否决条件可能成立（{effect}）",
                test.unknown.join("、")
            ),
            (None, false) => format!(
                "{} unknown, so whether it is {words} {bound} is open: the veto may hold ({effect})",
                test.unknown.join(", ")
            ),
        });
    } else {
        let evidence = v.evidence.as_deref().unwrap_or_default();
        parts.push(match (v.holds, zh) {
            (Some(true), true) => format!("经认定：{evidence}，否决条件成立，{effect}"),
            (Some(false), true) => "经认定不存在该情形，否决条件不成立".to_owned(),
            (None, true) => format!("是否存在该情形未知，否决条件可能成立（{effect}）"),
            (Some(true), false) => format!("found: {evidence}; the veto holds, {effect}"),
            (Some(false), false) => "found not to be the case: the veto does not hold".to_owned(),
            (None, false) => format!("not known: the veto may hold ({effect})"),
        });
    }
    parts.join(if zh { "，" } else { "; " })
}

/// A comparison in words: 低于, `less than`.
fn comparison_words(is: Comparison, zh: bool) -> &'static str {
    match (is, zh) {
        (Comparison::AtLeast, true) => "不低于",
        (Comparison::MoreThan, true) => "高于",
        (Comparison::AtMost, true) => "不高于",
        (Comparison::LessThan, true) => "低于",
        (Comparison::Equal, true) => "等于",
        (Comparison::AtLeast, false) => "at least",
        (Comparison::MoreThan, false) => "more than",
        (Comparison::AtMost, false) => "at most",
        (Comparison::LessThan, false) => "less than",
        (Comparison::Equal, false) => "equal to",
    }
}
