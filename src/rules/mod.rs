//! [`Rule`]: how a leaf indicator is scored, one module per kind.
//!
//! Rules know nothing of evaluation order or rendering: each compiles its
//! parameters once (checking them) and scores one value or answer, pushing
//! the [`Step`]s of its working.

mod checklist;
pub(crate) mod interval;
mod judgement;
mod proportional;
mod rating;
mod ratio_threshold;
pub(crate) mod relative;
pub(crate) mod stepped_bands;
pub(crate) mod target;
mod targets_met;

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use checklist::{Checklist, ChecklistItem};
pub use judgement::Judgement;
pub use proportional::{Better, Proportional};
pub use rating::{Level, Rating};
pub use ratio_threshold::{Direction, PartialUnit, RatioThreshold};
pub use relative::{AgainstAverage, Ranking, Relative, RelativeMethod, Ties};
pub use stepped_bands::{Band, SteppedBands};
pub use target::{Excess, ExcessTreatment, Target, Unmet};
pub use targets_met::{CountScoring, TargetsMet};

pub(crate) use checklist::CompiledChecklist;
pub(crate) use interval::CompiledInterval;
pub(crate) use rating::{CompiledLevel, CompiledRating};
pub(crate) use stepped_bands::CompiledBands;

use crate::error::{phrase, FactIssueKind, Field, IssueKind, Text};
use crate::exact::{self, Fraction};
use crate::explain::Step;
use crate::facts::Answer;
use crate::formula::{Formula, Span};
use crate::number;
use crate::target_value::TargetValue;

/// How a leaf is scored: one of the rule kinds real rubrics use.
///
/// Written in a rubric as an object tagged by `kind`, e.g.
/// `{"kind": "ratio_threshold", "formula": "（在职人员数/编制数）×100%", …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rule {
    /// 超标扣分: full points within a threshold, a deduction per step beyond it.
    RatioThreshold(RatioThreshold),
    /// 分档计分: the value falls in one band, which gives the points.
    SteppedBands(SteppedBands),
    /// 逐项计分 / 每例扣分: items met, or cases deducted per category.
    Checklist(Checklist),
    /// 按比例计分: points × value ÷ target (or target ÷ value), capped.
    Proportional(Proportional),
    /// 定性分级: the evaluator names a declared level.
    Rating(Rating),
    /// 酌情评分: the evaluator's score with a written reason.
    Judgement(Judgement),
    /// 对照绩效目标: the actual value against the target (年度指标值).
    Target(Target),
    /// 目标实现: how many of a list of targets were met.
    TargetsMet(TargetsMet),
    /// 相对评分: against the other departments of the batch — by place, in
    /// proportion to the best, or against the batch average.
    Relative(Relative),
}

/// The kind of a rule, as evaluations report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RuleKind {
    /// [`RatioThreshold`].
    RatioThreshold,
    /// [`SteppedBands`].
    SteppedBands,
    /// [`Checklist`].
    Checklist,
    /// [`Proportional`].
    Proportional,
    /// [`Rating`].
    Rating,
    /// [`Judgement`].
    Judgement,
    /// [`Target`].
    Target,
    /// [`TargetsMet`].
    TargetsMet,
    /// [`Relative`].
    Relative,
}

impl Rule {
    /// The rule's kind.
    pub fn kind(&self) -> RuleKind {
        match self {
            Rule::RatioThreshold(_) => RuleKind::RatioThreshold,
            Rule::SteppedBands(_) => RuleKind::SteppedBands,
            Rule::Checklist(_) => RuleKind::Checklist,
            Rule::Proportional(_) => RuleKind::Proportional,
            Rule::Rating(_) => RuleKind::Rating,
            Rule::Judgement(_) => RuleKind::Judgement,
            Rule::Target(_) => RuleKind::Target,
            Rule::TargetsMet(_) => RuleKind::TargetsMet,
            Rule::Relative(_) => RuleKind::Relative,
        }
    }

    /// The formula the rule reads, if it reads one.
    pub fn formula(&self) -> Option<&str> {
        match self {
            Rule::RatioThreshold(r) => Some(&r.formula),
            Rule::SteppedBands(r) => Some(&r.formula),
            Rule::Proportional(r) => Some(&r.formula),
            Rule::Relative(r) => Some(&r.formula),
            Rule::Target(r) => r.actual.as_deref(),
            Rule::Checklist(_) | Rule::Rating(_) | Rule::Judgement(_) | Rule::TargetsMet(_) => None,
        }
    }

    /// What a zero denominator in the formula means, where the rule says.
    pub fn zero_denominator(&self) -> Option<ZeroDenominator> {
        match self {
            Rule::RatioThreshold(r) => r.zero_denominator,
            Rule::SteppedBands(r) => r.zero_denominator,
            Rule::Proportional(r) => r.zero_denominator,
            Rule::Target(r) => r.zero_denominator,
            Rule::Checklist(_)
            | Rule::Rating(_)
            | Rule::Judgement(_)
            | Rule::TargetsMet(_)
            | Rule::Relative(_) => None,
        }
    }
}

/// What a formula's zero denominator means, where the document says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ZeroDenominator {
    /// Full points (e.g. "no such project: full marks").
    Full,
    /// Zero points.
    Zero,
    /// The leaf is not applicable and scores as its `not_applicable` says.
    NotApplicable,
}

/// A rule parameter that may be written as a percentage: `100`, `"100%"`,
/// `"0.5"`. A percentage is in percentage points, like the formula's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Quantity {
    /// The number (in percentage points when `percent`).
    pub value: Decimal,
    /// Whether it was written with a `%` sign.
    pub percent: bool,
}

impl Quantity {
    /// A plain number.
    pub fn number(value: Decimal) -> Quantity {
        Quantity {
            value,
            percent: false,
        }
    }

    /// A percentage, in percentage points.
    pub fn percent(value: Decimal) -> Quantity {
        Quantity {
            value,
            percent: true,
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}",
            number::plain(self.value),
            if self.percent { "%" } else { "" }
        )
    }
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.percent {
            s.serialize_str(&format!("{}%", self.value))
        } else {
            s.serialize_str(&self.value.to_string())
        }
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Quantity;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number, or a string such as \"100%\" or \"0.5\"")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Quantity, E> {
                Ok(Quantity::number(Decimal::from(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Quantity, E> {
                Ok(Quantity::number(Decimal::from(v)))
            }
            fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<Quantity, E> {
                number::from_literal(&v.to_string())
                    .map(Quantity::number)
                    .map_err(E::custom)
            }
            fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<Quantity, E> {
                number::from_literal(&v.to_string())
                    .map(Quantity::number)
                    .map_err(E::custom)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Quantity, E> {
                number::from_float(v)
                    .map(Quantity::number)
                    .map_err(E::custom)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Quantity, E> {
                number::parse_percent(v)
                    .map(|(value, percent)| Quantity { value, percent })
                    .map_err(E::custom)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Quantity, A::Error> {
                number::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(Quantity::number)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Quantity {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Quantity".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A number, or a string such as \"100%\" (percentage points) or \"0.5\".",
            "type": ["number", "string"],
            "pattern": "^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*[%％]?\\s*$"
        })
    }
}

/// What rules need from the rubric while compiling.
pub(crate) struct CompileContext<'a> {
    /// The leaf's points.
    pub(crate) points: Decimal,
    /// Whether the leaf declares a not-applicable treatment.
    pub(crate) has_not_applicable: bool,
    pub(crate) resolve: &'a dyn Fn(&str) -> Option<usize>,
    pub(crate) known: &'a dyn Fn() -> Arc<str>,
    pub(crate) names: &'a [Arc<str>],
    pub(crate) percent_inputs: &'a [bool],
    /// Problems found, with the field under `rule`.
    pub(crate) issues: Vec<(Field, IssueKind)>,
}

impl CompileContext<'_> {
    pub(crate) fn issue(&mut self, field: impl Into<Field>, kind: IssueKind) {
        self.issues.push((field.into(), kind));
    }

    pub(crate) fn invalid(
        &mut self,
        field: impl Into<Field>,
        expected: Text,
        found: impl Into<Text>,
    ) {
        self.issue(
            field,
            IssueKind::Invalid {
                expected,
                found: found.into(),
            },
        );
    }

    /// Checks that a number is at least zero.
    pub(crate) fn non_negative(&mut self, field: impl Into<Field>, value: Decimal) {
        if value.is_sign_negative() && !value.is_zero() {
            self.invalid(field, phrase::at_least_zero(), number::plain(value));
        }
    }

    /// Checks a text field's length.
    pub(crate) fn text(&mut self, field: impl Into<Field>, text: &str) {
        self.sized(field, text, crate::limits::MAX_TEXT_CHARS);
    }

    /// Checks a name's length and characters (see [`crate::names`]).
    pub(crate) fn name(&mut self, field: impl Into<Field>, text: &str) {
        let field = field.into();
        if let Some(found) = crate::names::problem(text) {
            self.invalid(field.clone(), phrase::name_rules(), found);
        }
        self.sized(field, text, crate::limits::MAX_NAME_CHARS);
    }

    fn sized(&mut self, field: impl Into<Field>, text: &str, limit: usize) {
        let n = text.chars().count();
        if n > limit {
            self.issue(
                field,
                IssueKind::TooLarge {
                    what: phrase::characters(),
                    limit,
                    found: n,
                },
            );
        }
    }

    /// Checks the number of entries in a list.
    pub(crate) fn entries(&mut self, field: &'static str, n: usize) -> bool {
        if n > crate::limits::MAX_RULE_ENTRIES {
            self.issue(
                field,
                IssueKind::TooLarge {
                    what: phrase::counted("entries"),
                    limit: crate::limits::MAX_RULE_ENTRIES,
                    found: n,
                },
            );
            return false;
        }
        true
    }

    /// Parses the rule's formula, reporting problems under `rule.formula`.
    pub(crate) fn formula(&mut self, text: &str) -> Option<CompiledMeasure> {
        match Formula::parse(text, self.resolve, self.known, self.names) {
            Ok(formula) => {
                let percent = formula.percent
                    || matches!(&formula.expr, crate::formula::Expr::Input(slot)
                        if self.percent_inputs.get(*slot).copied().unwrap_or(false));
                let all_inputs = formula
                    .inputs
                    .iter()
                    .filter_map(|&slot| self.names.get(slot).cloned())
                    .collect();
                Some(CompiledMeasure {
                    formula,
                    percent,
                    all_inputs,
                })
            }
            Err(errors) => {
                // One copy of the text, shared by its problems.
                let formula: Arc<str> = Arc::from(text);
                for error in errors {
                    self.issue(
                        "rule.formula",
                        IssueKind::Formula {
                            formula: Arc::clone(&formula),
                            error,
                        },
                    );
                }
                None
            }
        }
    }

    /// Checks that a zero-denominator treatment can be honoured.
    pub(crate) fn zero_denominator(&mut self, treatment: Option<ZeroDenominator>) {
        if treatment == Some(ZeroDenominator::NotApplicable) && !self.has_not_applicable {
            self.invalid(
                "rule.zero_denominator",
                Text::new(
                    "`not_applicable` on the indicator, to say what a not-applicable leaf scores",
                    "本指标上的 not_applicable（规定不适用时如何计分）",
                ),
                Text::new(
                    "`zero_denominator: not_applicable` without it",
                    "只有 zero_denominator: not_applicable，没有 not_applicable",
                ),
            );
        }
    }

    /// Reads a quantity in the formula's unit: a `%` is refused where the
    /// formula is not a percentage.
    pub(crate) fn in_unit(
        &mut self,
        field: &'static str,
        quantity: Quantity,
        measure: Option<&CompiledMeasure>,
    ) -> Decimal {
        if let Some(m) = measure {
            if quantity.percent && !m.percent {
                self.invalid(
                    field,
                    phrase::plain_number_not_percent(),
                    quantity.to_string(),
                );
            }
            // On a percentage, a bare number is ambiguous: 0.87 may mean 87%
            // or 0.87%. Only 0 needs no sign.
            if m.percent && !quantity.percent && !quantity.value.is_zero() {
                let v = quantity.value;
                let hundred = number::plain(v.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(v));
                let plain = number::plain(v);
                let expected = if v.abs() <= Decimal::ONE {
                    Text::new(
                        format!("a percentage written with a % sign, such as \"{hundred}%\" (or \"{plain}%\" if {plain} percent is meant), because the formula is a percentage"),
                        format!("带%的百分数，如\"{hundred}%\"（若指百分之{plain}，则写\"{plain}%\"），因为公式是百分比"),
                    )
                } else {
                    Text::new(
                        format!("a percentage written with a % sign, such as \"{plain}%\", because the formula is a percentage"),
                        format!("带%的百分数，如\"{plain}%\"，因为公式是百分比"),
                    )
                };
                self.invalid(field, expected, plain);
            }
        }
        quantity.value
    }
}

/// A compiled formula and whether its value is a percentage.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CompiledMeasure {
    pub(crate) formula: Formula,
    pub(crate) percent: bool,
    /// The names of every input the formula reads, shared by the working
    /// whenever all of them are unknown.
    pub(crate) all_inputs: Arc<[Arc<str>]>,
}

/// A rule checked and ready to score.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CompiledRule {
    RatioThreshold(ratio_threshold::Compiled),
    SteppedBands(CompiledBands),
    Checklist(CompiledChecklist),
    Proportional(proportional::Compiled),
    Rating(CompiledRating),
    Judgement,
    Target(target::Compiled),
    TargetsMet(Box<targets_met::Compiled>),
    Relative(Box<relative::Compiled>),
}

/// What a leaf's rule makes of the facts: a score, or the range of scores
/// still possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Range {
    pub(crate) low: Decimal,
    pub(crate) high: Decimal,
}

impl Range {
    pub(crate) fn exact(score: Decimal) -> Range {
        Range {
            low: score,
            high: score,
        }
    }
}

impl CompiledRule {
    /// Compiles a rule's parameters, reporting problems to `cx`.
    pub(crate) fn compile(rule: &Rule, cx: &mut CompileContext<'_>) -> Option<CompiledRule> {
        let before = cx.issues.len();
        let compiled = match rule {
            Rule::RatioThreshold(r) => r.compile(cx).map(CompiledRule::RatioThreshold),
            Rule::SteppedBands(r) => r.compile(cx).map(CompiledRule::SteppedBands),
            Rule::Checklist(r) => r.compile(cx).map(CompiledRule::Checklist),
            Rule::Proportional(r) => r.compile(cx).map(CompiledRule::Proportional),
            Rule::Rating(r) => r.compile(cx).map(CompiledRule::Rating),
            Rule::Judgement(r) => {
                r.compile(cx);
                Some(CompiledRule::Judgement)
            }
            Rule::Target(r) => r.compile(cx).map(CompiledRule::Target),
            Rule::TargetsMet(r) => r.compile(cx).map(|c| CompiledRule::TargetsMet(Box::new(c))),
            Rule::Relative(r) => r.compile(cx).map(|c| CompiledRule::Relative(Box::new(c))),
        };
        if cx.issues.len() > before {
            None
        } else {
            compiled
        }
    }

    /// Room for the steps a leaf's working usually takes.
    pub(crate) fn step_capacity(&self) -> usize {
        match self {
            CompiledRule::Checklist(c) => c.items.len() + 3,
            _ => 5,
        }
    }

    /// The formula the rule reads, if any.
    pub(crate) fn measure(&self) -> Option<&CompiledMeasure> {
        match self {
            CompiledRule::RatioThreshold(r) => Some(&r.measure),
            CompiledRule::SteppedBands(r) => Some(&r.measure),
            CompiledRule::Proportional(r) => Some(&r.measure),
            CompiledRule::Target(r) => r.actual.as_ref(),
            CompiledRule::Relative(r) => Some(&r.measure),
            CompiledRule::Checklist(_)
            | CompiledRule::Rating(_)
            | CompiledRule::Judgement
            | CompiledRule::TargetsMet(_) => None,
        }
    }

    /// What the rule does with a zero denominator.
    pub(crate) fn zero_denominator(&self) -> Option<ZeroDenominator> {
        match self {
            CompiledRule::RatioThreshold(r) => r.zero_denominator,
            CompiledRule::SteppedBands(r) => r.zero_denominator,
            CompiledRule::Proportional(r) => r.zero_denominator,
            CompiledRule::Target(r) => r.zero_denominator,
            CompiledRule::Checklist(_)
            | CompiledRule::Rating(_)
            | CompiledRule::Judgement
            | CompiledRule::TargetsMet(_)
            | CompiledRule::Relative(_) => None,
        }
    }

    /// Scores a measured value (formula rules only), exactly: the value
    /// is the formula's exact fraction.
    pub(crate) fn score_value(
        &self,
        value: Fraction,
        points: Decimal,
        steps: &mut Vec<Step>,
    ) -> Result<Decimal, FactIssueKind> {
        match self {
            CompiledRule::RatioThreshold(r) => r.score(value, points, steps),
            CompiledRule::SteppedBands(r) => r.score(value, steps),
            CompiledRule::Proportional(r) => r.score(value, points, steps),
            CompiledRule::Checklist(_)
            | CompiledRule::Rating(_)
            | CompiledRule::Judgement
            | CompiledRule::Target(_)
            | CompiledRule::TargetsMet(_)
            | CompiledRule::Relative(_) => Ok(points),
        }
    }

    /// Where the score steps or changes slope, in the formula's unit.
    pub(crate) fn edges(&self, points: Decimal) -> Vec<Decimal> {
        let mut out = Vec::new();
        match self {
            CompiledRule::RatioThreshold(r) => {
                out.push(r.threshold);
                // Steps until the deductions exhaust the points (at most 50).
                let needed = Fraction::new(points, r.deduction)
                    .and_then(Fraction::ceil)
                    .unwrap_or_default();
                let mut k = Decimal::ONE;
                while k <= needed && k <= Decimal::from(50) {
                    if let Some(d) = exact::mul(k, r.step) {
                        if matches!(r.direction, Direction::Above | Direction::Both) {
                            out.extend(exact::add(r.threshold, d));
                        }
                        if matches!(r.direction, Direction::Below | Direction::Both) {
                            out.extend(exact::sub(r.threshold, d));
                        }
                    }
                    k += Decimal::ONE;
                }
            }
            CompiledRule::SteppedBands(b) => {
                for band in &b.bands {
                    out.extend(band.interval.low_value());
                    out.extend(band.interval.high_value());
                    if b.absolute {
                        out.extend(band.interval.low_value().map(|v| -v));
                        out.extend(band.interval.high_value().map(|v| -v));
                    }
                }
            }
            CompiledRule::Proportional(p) => {
                out.push(Decimal::ZERO);
                out.push(p.target);
            }
            CompiledRule::Target(t) => match t.target.as_ref().map(|(_, v)| v) {
                Some(TargetValue::Compare { value, .. }) => {
                    out.push(Decimal::ZERO);
                    out.push(*value);
                    if let Some((beyond, _)) = t.excess {
                        out.extend(
                            crate::exact::mul_div(
                                *value,
                                Decimal::ONE_HUNDRED + beyond,
                                Decimal::ONE_HUNDRED,
                            )
                            .map(|q| q.value),
                        );
                    }
                }
                Some(TargetValue::Range { low, high, .. }) => {
                    out.extend([Decimal::ZERO, *low, *high]);
                }
                _ => {}
            },
            CompiledRule::Checklist(_)
            | CompiledRule::Rating(_)
            | CompiledRule::Judgement
            | CompiledRule::TargetsMet(_)
            | CompiledRule::Relative(_) => {}
        }
        out.sort();
        out.dedup();
        out
    }

    /// The lowest and highest scores the rule can give, for unknown facts
    /// (band rules only over the bands the value's span can reach).
    pub(crate) fn bounds(&self, points: Decimal, value: Option<Span>) -> Range {
        match self {
            CompiledRule::RatioThreshold(r) => r.bounds(points),
            CompiledRule::SteppedBands(r) => r.bounds(value.unwrap_or(Span::ALL)),
            CompiledRule::Checklist(r) => r.bounds(points),
            CompiledRule::Proportional(_) | CompiledRule::Judgement => Range {
                low: Decimal::ZERO,
                high: points,
            },
            CompiledRule::Rating(r) => r.bounds(),
            CompiledRule::Target(t) => t.bounds(t.target.as_ref().map(|(_, v)| v), points),
            CompiledRule::TargetsMet(_) => Range {
                low: Decimal::ZERO,
                high: points,
            },
            CompiledRule::Relative(r) => r.bounds(points),
        }
    }

    /// Scores an answer (checklist, rating and judgement rules). Problems
    /// are pushed with the field under `answers.<id>`.
    pub(crate) fn score_answer(
        &self,
        answer: &Answer,
        points: Decimal,
        steps: &mut Vec<Step>,
        problems: &mut Vec<(Field, FactIssueKind)>,
    ) -> Range {
        match self {
            CompiledRule::Checklist(r) => r.score(answer, points, steps, problems),
            CompiledRule::Rating(r) => r.score(answer, points, steps, problems),
            CompiledRule::Judgement => judgement::score(answer, points, steps, problems),
            _ => Range::exact(points),
        }
    }

    /// What the answer must look like, for a missing-answer message.
    pub(crate) fn expected_answer(&self) -> Option<Text> {
        let (en, zh) = match self {
            CompiledRule::Checklist(c) if c.deducts() => (
                "{\"items\": {<item id>: <number of cases>, …}} or \"unknown\"",
                "{\"items\": {<检查项编号>: <违规例数>, …}}或\"unknown\"（未知）",
            ),
            CompiledRule::Checklist(_) => (
                "{\"items\": {<item id>: true | false | \"unknown\", …}} or \"unknown\"",
                "{\"items\": {<检查项编号>: true | false | \"unknown\", …}}或\"unknown\"（未知）",
            ),
            CompiledRule::Rating(_) => (
                "{\"level\": <a declared level>} or \"unknown\"",
                "{\"level\": <已声明的等级>}或\"unknown\"（未知）",
            ),
            CompiledRule::Judgement => (
                "{\"score\": <0 to the points>, \"reason\": <text>} or \"unknown\"",
                "{\"score\": <0至分值>, \"reason\": <理由>}或\"unknown\"（未知）",
            ),
            _ => return None,
        };
        Some(Text::new(en, zh))
    }
}

/// `points − deduction`, floored at 0 (扣完为止), with the floor as a step:
/// the score, exact or rounded to odd (see [`crate::exact`]).
pub(crate) fn deduct(
    points: Decimal,
    deduction: Fraction,
    steps: &mut Vec<Step>,
) -> Option<Decimal> {
    let score = Fraction::whole(points).sub(deduction)?;
    if score.is_negative() {
        steps.push(Step::Floor {
            computed: score.quotient()?.value,
        });
        Some(Decimal::ZERO)
    } else {
        Some(score.quotient()?.value)
    }
}

/// An exact product, or an error naming it: never a rounded one.
pub(crate) fn times(a: Decimal, b: Decimal) -> Result<Decimal, FactIssueKind> {
    exact::mul(a, b).ok_or_else(|| FactIssueKind::Overflow {
        formula: format!("{} × {}", number::plain(a), number::plain(b)),
    })
}

/// A figure of the working as carried: exact, or rounded to odd past
/// every place shown (so the working writes it with `≈`).
pub(crate) fn shown(f: Fraction, formula: &str) -> Result<Decimal, FactIssueKind> {
    f.quotient()
        .map(|q| q.value)
        .ok_or_else(|| FactIssueKind::Overflow {
            formula: formula.to_owned(),
        })
}

/// Checks that a chosen score lies in `[low, high]` and has a reason.
pub(crate) fn check_chosen(
    score: Decimal,
    low: Decimal,
    high: Decimal,
    reason: Option<&str>,
    field: &'static str,
    problems: &mut Vec<(Field, FactIssueKind)>,
) -> bool {
    let mut ok = true;
    if score < low || score > high {
        problems.push((
            field.into(),
            FactIssueKind::Invalid {
                expected: phrase::score_between(&number::plain(low), &number::plain(high)),
                found: Text::same(number::plain(score)),
            },
        ));
        ok = false;
    }
    match reason {
        None => {
            problems.push((
                "reason".into(),
                FactIssueKind::MissingReason {
                    found: phrase::none(),
                },
            ));
            ok = false;
        }
        Some(r) if r.trim().is_empty() => {
            problems.push((
                "reason".into(),
                FactIssueKind::MissingReason {
                    found: phrase::blank_reason(),
                },
            ));
            ok = false;
        }
        Some(_) => {}
    }
    ok
}

#[cfg(test)]
pub(crate) mod tests {
    //! Helpers for the rule modules' tests: inputs `a`, `b`, `x` and the
    //! percentage `满意度`.

    use super::*;

    const NAMES: [&str; 4] = ["a", "b", "x", "满意度"];

    fn compile_with(rule: &Rule, points: Decimal) -> (Option<CompiledRule>, Vec<String>) {
        let names: Vec<Arc<str>> = NAMES.iter().map(|n| Arc::from(*n)).collect();
        let percent = [false, false, false, true];
        let mut cx = CompileContext {
            points,
            has_not_applicable: false,
            resolve: &|n| NAMES.iter().position(|k| *k == n),
            known: &|| Arc::from(NAMES.join("、")),
            names: &names,
            percent_inputs: &percent,
            issues: Vec::new(),
        };
        let compiled = CompiledRule::compile(rule, &mut cx);
        let issues = cx.issues.iter().map(|(f, k)| format!("{f}: {k}")).collect();
        (compiled, issues)
    }

    /// Compiles a rule that must be valid.
    pub(crate) fn compile_rule(rule: &Rule, points: Decimal) -> CompiledRule {
        let (compiled, issues) = compile_with(rule, points);
        assert!(issues.is_empty(), "{issues:?}");
        compiled.expect("compiled")
    }

    /// The problems compiling a rule reports, as `field: message`.
    pub(crate) fn compile_issues(rule: &Rule, points: Decimal) -> Vec<String> {
        compile_with(rule, points).1
    }

    /// Scores a measured value, which must succeed.
    pub(crate) fn leaf_score(rule: &CompiledRule, value: Decimal, points: Decimal) -> Decimal {
        rule.score_value(Fraction::whole(value), points, &mut Vec::new())
            .expect("scored")
    }

    /// Scores an answer that must be valid; returns (low, high).
    pub(crate) fn answer_range(
        rule: &CompiledRule,
        answer: &Answer,
        points: Decimal,
    ) -> (Decimal, Decimal) {
        let mut problems = Vec::new();
        let range = rule.score_answer(answer, points, &mut Vec::new(), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        (range.low, range.high)
    }

    /// The problems scoring an answer reports, as `field: message`.
    pub(crate) fn answer_issues(
        rule: &CompiledRule,
        answer: &Answer,
        points: Decimal,
    ) -> Vec<String> {
        let mut problems = Vec::new();
        rule.score_answer(answer, points, &mut Vec::new(), &mut problems);
        problems.iter().map(|(f, k)| format!("{f}: {k}")).collect()
    }

    #[test]
    fn every_rule_kind_refuses_a_misspelled_field() {
        let cases = [
            serde_json::json!({"kind": "stepped_bands", "formula": "a", "bands": [], "absolut": true}),
            serde_json::json!({"kind": "stepped_bands", "formula": "a", "bands": [{"range": "[0,1]", "points": 1, "lable": "x"}]}),
            serde_json::json!({"kind": "checklist", "items": [], "partial": true}),
            serde_json::json!({"kind": "checklist", "items": [{"id": "①", "point": 1}]}),
            serde_json::json!({"kind": "proportional", "formula": "a", "target": 1, "better": "higher", "cap": 1}),
            serde_json::json!({"kind": "rating", "levels": [{"name": "好", "pionts": 1}]}),
            serde_json::json!({"kind": "judgement", "reason": "x"}),
            serde_json::json!({"kind": "relative", "formula": "a", "better": "higher", "method": "best", "bettr": "lower"}),
            serde_json::json!({"kind": "relative", "formula": "a", "better": "higher", "method": {"rank": {"points": [1], "ties": "average", "beyound": 0}}}),
            serde_json::json!({"kind": "relative", "formula": "a", "better": "higher", "method": {"average": {"step": 1, "deduction": 1, "partial_unit": "whole", "stp": 1}}}),
        ];
        for case in cases {
            let err = serde_json::from_value::<Rule>(case.clone()).unwrap_err();
            assert!(err.to_string().contains("unknown field"), "{case}: {err}");
        }
        let err = serde_json::from_value::<Rule>(serde_json::json!({"kind": "ratio_treshold"}))
            .unwrap_err();
        assert!(
            err.to_string().contains("unknown variant `ratio_treshold`"),
            "{err}"
        );
    }

    #[test]
    fn a_percent_input_read_bare_is_a_percentage() {
        let rule: Rule = serde_json::from_value(serde_json::json!({
            "kind": "stepped_bands", "formula": "满意度", "bands": [{"range": "[90%,+∞)", "points": 6}, {"range": "(-∞,90%)", "points": 0}]
        }))
        .unwrap();
        let compiled = compile_rule(&rule, Decimal::from(6));
        assert_eq!(compiled.measure().map(|m| m.percent), Some(true));
    }
}
