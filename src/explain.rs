//! [`Step`]: the working of a score, and the sentences rendered from it.
//!
//! Every leaf's evaluation carries its steps (formula with numbers, the
//! band or threshold applied, each deduction, each cap, the rounding) and
//! one sentence rendered from those steps, in Chinese by default or in
//! English. Both languages come from the same steps, so they always agree.

use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::number::{approx, plain};
use crate::rules::{Better, Direction, ExcessTreatment, PartialUnit, Ties, Unmet, ZeroDenominator};
use crate::spec::{NotApplicable, Rounding};
use crate::target_value::TargetValue;
use crate::unit::Unit;

pub use crate::lang::Lang;

/// Text joined from pieces, without `format!`'s machinery: the working is
/// written for every leaf of every evaluation.
macro_rules! cat {
    (into $out:expr; $($piece:expr),+ $(,)?) => {{
        let out: &mut String = $out;
        $( Piece::put(&$piece, out); )+
    }};
    ($($piece:expr),+ $(,)?) => {{
        let mut out = String::with_capacity(64);
        cat!(into &mut out; $($piece),+);
        out
    }};
}

/// A piece of a sentence: text, or a figure written plainly.
trait Piece {
    fn put(&self, out: &mut String);
}

impl Piece for str {
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for Arc<str> {
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for Decimal {
    fn put(&self, out: &mut String) {
        crate::number::write_plain(out, *self);
    }
}

impl Piece for u32 {
    fn put(&self, out: &mut String) {
        crate::number::write_plain(out, Decimal::from(*self));
    }
}

/// A figure for prose, written where it goes: `14.71`, or `约14.71` /
/// `about 14.71` when rounded for display (`exact` before it where it is
/// not, e.g. `共`), then its unit.
struct About<'u> {
    value: Decimal,
    places: u32,
    unit: &'u str,
    lang: Lang,
    exact: &'static str,
}

impl Piece for About<'_> {
    fn put(&self, out: &mut String) {
        let (figure, rounded) = crate::number::approximate(self.value, self.places);
        let mark = match (rounded, self.lang) {
            (false, _) => self.exact,
            (true, Lang::Zh) => "约",
            (true, Lang::En) => "about ",
        };
        cat!(into out; mark, figure, self.unit);
    }
}

/// A threshold rule's standard, written where it goes: the rule's own
/// (`标准100%`, `the standard 100%`), or the batch average it is measured
/// against, to `places` decimals (`平均值约81.25%`, `the average about
/// 81.25%`).
struct Standard {
    threshold: Decimal,
    percent: bool,
    lang: Lang,
    /// The batch average's decimals shown; `None` for the rule's standard.
    average: Option<u32>,
}

impl Piece for Standard {
    fn put(&self, out: &mut String) {
        let zh = self.lang == Lang::Zh;
        let unit = if self.percent { "%" } else { "" };
        match self.average {
            None => cat!(into out; if zh { "标准" } else { "the standard " }, self.threshold, unit),
            Some(places) => cat!(into out;
                if zh { "平均值" } else { "the average " },
                About {
                    value: self.threshold,
                    places,
                    unit,
                    lang: self.lang,
                    exact: "",
                }
            ),
        }
    }
}

/// A range in words, written where it goes: `85`, `80至85`, `80 to 85`;
/// its ends written plainly, or to `places` decimals marked `约` where
/// rounded for display.
struct Span {
    low: Decimal,
    high: Decimal,
    lang: Lang,
    places: Option<u32>,
}

impl Span {
    fn end(&self, value: Decimal, out: &mut String) {
        match self.places {
            None => value.put(out),
            Some(places) => About {
                value,
                places,
                unit: "",
                lang: self.lang,
                exact: "",
            }
            .put(out),
        }
    }
}

impl Piece for Span {
    fn put(&self, out: &mut String) {
        self.end(self.low, out);
        if self.low != self.high {
            out.push_str(match self.lang {
                Lang::Zh => "至",
                Lang::En => " to ",
            });
            self.end(self.high, out);
        }
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn put(&self, out: &mut String) {
        (**self).put(out);
    }
}

/// One step of a leaf's working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Step {
    /// The formula computed from the inputs.
    Measure {
        /// The measure's name (the formula's own, or the indicator's).
        label: Arc<str>,
        /// The formula in canonical form, e.g. `在职人员数 ÷ 编制数 × 100%`.
        formula: Arc<str>,
        /// The inputs read, in the rubric's declaration order.
        inputs: Vec<InputValue>,
        /// The exact value (in percentage points when `percent`).
        value: Decimal,
        /// Whether the value is a percentage.
        percent: bool,
    },
    /// Facts the rule needs are unknown, so the score is a range.
    Unknown {
        /// The unknown inputs; empty when the answer itself is unknown.
        what: Arc<[Arc<str>]>,
    },
    /// The formula divided by zero, and the rule says what that means.
    ZeroDenominator {
        /// The formula in canonical form.
        formula: Arc<str>,
        /// The inputs read.
        inputs: Vec<InputValue>,
        /// What the rule does then.
        treatment: ZeroDenominator,
    },
    /// The absolute value is taken (bands on ±x).
    Absolute {
        /// The absolute value.
        value: Decimal,
        /// Whether it is a percentage.
        percent: bool,
    },
    /// A threshold rule: the distance beyond the threshold and the deduction.
    Threshold {
        /// Which side loses points.
        direction: Direction,
        /// The standard.
        threshold: Decimal,
        /// Whether threshold and distance are in percentage points.
        percent: bool,
        /// How far beyond the threshold the value is (0 when within).
        distance: Decimal,
        /// The size of one step.
        step: Decimal,
        /// Points deducted per step.
        per_step: Decimal,
        /// How a partial step counts.
        partial_unit: PartialUnit,
        /// The steps counted.
        units: Decimal,
        /// The points to deduct: units × per step.
        deduction: Decimal,
    },
    /// The band the value fell in.
    Band {
        /// The band, e.g. `(0%,10%]`.
        range: Arc<str>,
        /// The document's wording of the band.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<Arc<str>>,
        /// The band's points.
        points: Decimal,
    },
    /// One item of an award checklist.
    Item {
        /// The item's id.
        id: Arc<str>,
        /// The item's points.
        points: Decimal,
        /// Met, not met, partly met or unknown.
        state: ItemState,
        /// The least the item gives (equal to `high` unless unknown).
        low: Decimal,
        /// The most the item gives.
        high: Decimal,
        /// The reason for partial credit.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<Arc<str>>,
    },
    /// One category of a deduction checklist.
    Cases {
        /// The category's id.
        id: Arc<str>,
        /// Points deducted per case.
        per_case: Decimal,
        /// Cases found, or `None` if unknown.
        count: Option<u64>,
        /// The deduction, or `None` if unknown.
        deduction: Option<Decimal>,
    },
    /// The deductions of a deduction checklist added up, where more than
    /// one category had cases.
    Deductions {
        /// The points to deduct.
        total: Decimal,
    },
    /// A proportional rule: the ratio of value and target.
    Ratio {
        /// Which way the indicator points.
        better: Better,
        /// The value.
        value: Decimal,
        /// The target.
        target: Decimal,
        /// Whether value and target are percentages.
        percent: bool,
        /// value ÷ target (or target ÷ value), before the cap at 1.
        ratio: Decimal,
        /// Whether the ratio was capped at 1.
        capped: bool,
    },
    /// The rating level named.
    Level {
        /// The level's name.
        level: Arc<str>,
        /// For a level with a range of points, the range, e.g. `[6,8)`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        range: Option<Arc<str>>,
        /// The least the level gives.
        low: Decimal,
        /// The most the level gives.
        high: Decimal,
        /// The score chosen within a ranged level.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        chosen: Option<Decimal>,
        /// Why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<Arc<str>>,
    },
    /// The evaluator's judgement.
    Judgement {
        /// The score given.
        score: Decimal,
        /// Why.
        reason: Arc<str>,
    },
    /// The leaf is marked not applicable.
    NotApplicable {
        /// What the rubric says it scores.
        treatment: NotApplicable,
        /// Why it does not apply.
        reason: Arc<str>,
    },
    /// The deductions exceeded the points: the score stops at 0 (扣完为止).
    Floor {
        /// The score before the floor (negative).
        computed: Decimal,
    },
    /// The score (or range) before rounding.
    Score {
        /// The lowest possible score.
        low: Decimal,
        /// The highest possible score (equal to `low` when known).
        high: Decimal,
    },
    /// The score rounded to the rubric's precision.
    Rounding {
        /// The rounded low end.
        low: Decimal,
        /// The rounded high end.
        high: Decimal,
        /// Decimal places.
        precision: u32,
        /// How.
        rounding: Rounding,
    },
    /// The target (年度指标值) a leaf is scored against.
    Target {
        /// As written: `≥2000人次`.
        written: Arc<str>,
        /// As read.
        target: TargetValue,
        /// Whether the facts gave it (rather than the rubric).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        from_facts: bool,
    },
    /// The actual value (实际完成值) of a target leaf.
    Actual {
        /// As the facts wrote it (`5600人次`), where they wrote it as text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        written: Option<Arc<str>>,
        /// The number.
        value: Decimal,
        /// Its unit (the target's, where it was written without one).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<Unit>,
        /// The value in the target's unit, where its unit differs.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        converted: Option<Converted>,
        /// Whether it was written without a unit and taken in the target's.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        unit_assumed: bool,
    },
    /// Whether the actual value meets the target.
    Met {
        /// Met or not.
        met: bool,
        /// For an `=` target, how far from it still counts as met.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tolerance: Option<Decimal>,
        /// How a target not met scores.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unmet: Option<Unmet>,
    },
    /// An unmet target scored in proportion: points × top ÷ bottom.
    Proportion {
        /// The points.
        points: Decimal,
        /// The actual value (short of a lower bound) or the bound (past an upper one).
        top: Decimal,
        /// The bound, or the actual value.
        bottom: Decimal,
        /// Whether the target was a lower bound (more is better).
        higher: bool,
    },
    /// The actual value overshoots the target by more than its line.
    Excess {
        /// The actual value as a share of the target (or, for a `≤`
        /// target, the target as a share of the actual value), in percent.
        share: Decimal,
        /// The line, in percent beyond the target.
        beyond: Decimal,
        /// Whether the target was a lower bound.
        higher: bool,
        /// What the rule does.
        treatment: ExcessTreatment,
    },
    /// The targets a `targets_met` leaf counts, each met or not.
    TargetLines {
        /// Each target with its outcome.
        lines: Vec<LineOutcome>,
        /// The share of a target past which it does not count, in percent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        within: Option<Decimal>,
    },
    /// The count of targets met, made a score.
    Counted {
        /// Targets met.
        met: u64,
        /// Targets listed.
        total: u64,
        /// The points.
        points: Decimal,
        /// Points deducted per target missed, for that scoring.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        per_miss: Option<Decimal>,
    },
    /// The rubric bounds the leaf's score (最低得1分, 扣完3分为止).
    Bounded {
        /// The score before the bounds (its low end).
        low: Decimal,
        /// The score before the bounds (its high end).
        high: Decimal,
        /// The least the leaf scores, where bounded below.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        floor: Option<Decimal>,
        /// The most the leaf scores, where bounded above.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cap: Option<Decimal>,
    },
    /// A not-applicable leaf scored at its siblings' average rate.
    Average {
        /// The leaf's points.
        points: Decimal,
        /// The siblings' scores added up (low end).
        low: Decimal,
        /// The siblings' scores added up (high end).
        high: Decimal,
        /// The siblings' points added up.
        of: Decimal,
    },
    /// A leaf that takes a share of not-applicable siblings' points: its
    /// score brought to its points plus the share, at its own rate.
    Shared {
        /// The siblings whose points it takes.
        from: Vec<Arc<str>>,
        /// Its own points.
        points: Decimal,
        /// The points it takes.
        share: Decimal,
        /// Its score before (low end).
        low: Decimal,
        /// Its score before (high end).
        high: Decimal,
    },
    /// A penalty item (扣分项) takes what its deduction rule deducts: its
    /// points less its score.
    Penalty {
        /// What it takes (low end).
        low: Decimal,
        /// What it takes (high end).
        high: Decimal,
    },
    /// An alternative the facts did not choose (二者择其一).
    Unchosen {
        /// The alternative chosen instead.
        chosen: Arc<str>,
    },
    /// A relative leaf: the department's place among the departments of
    /// its batch scored on the leaf.
    Standing {
        /// Departments scored on the leaf.
        of: u64,
        /// Its place (1 is first; departments level share the better
        /// place), or the best place unknown values leave open.
        place: u64,
        /// The worst place unknown values leave open (`place` when known).
        lowest: u64,
        /// Which way ranks first.
        better: Better,
        /// Departments level with it, the first five.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        tied: Vec<Arc<str>>,
        /// How many more are level with it than are named.
        #[serde(default, skip_serializing_if = "is_zero")]
        tied_more: u64,
        /// Departments whose unknown value could place them above it or
        /// level with it (for a score against the average: every unknown
        /// value), the first five.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        open: Vec<Arc<str>>,
        /// How many more such departments there are than are named.
        #[serde(default, skip_serializing_if = "is_zero")]
        open_more: u64,
    },
    /// Points by place: the place's points, or the average of the places
    /// tied departments fill.
    PlacePoints {
        /// The first place counted.
        first: u64,
        /// The last place counted (`first` unless tied places are averaged).
        last: u64,
        /// The points of each place counted, where there are at most four.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        points: Vec<Decimal>,
        /// The points of the places counted, added up.
        sum: Decimal,
        /// How ties are scored.
        ties: Ties,
        /// Whether other departments are level with it.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        shared: bool,
    },
    /// In proportion to the first place's value (按第1名的比例).
    ToBest {
        /// Which way ranks first.
        better: Better,
        /// The department's value.
        value: Decimal,
        /// The first place's value.
        best: Decimal,
        /// Whether the department is first itself.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        first: bool,
        /// The departments in first place, the first five.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        leaders: Vec<Arc<str>>,
        /// How many more are in first place than are named.
        #[serde(default, skip_serializing_if = "is_zero")]
        leaders_more: u64,
        /// Whether the values are percentages.
        percent: bool,
    },
    /// Against the batch average: the average, which the `Threshold` step
    /// after it deducts from (short of it, or beyond it where lower is
    /// better).
    ToAverage {
        /// Which way is better.
        better: Better,
        /// Departments averaged.
        of: u64,
        /// Their values added up.
        sum: Decimal,
        /// The average.
        average: Decimal,
        /// Whether the values are percentages.
        percent: bool,
    },
    /// A reviewer replaced the computed score.
    Override {
        /// The computed score's low end.
        computed_low: Decimal,
        /// The computed score's high end.
        computed_high: Decimal,
        /// The score set.
        score: Decimal,
        /// Why.
        reason: Arc<str>,
    },
}

/// An actual value converted to the target's unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Converted {
    /// The value in the target's unit.
    pub value: Decimal,
    /// The target's unit.
    pub unit: Unit,
    /// Whether `value` is exact (the working writes `≈` where it is not).
    pub exact: bool,
}

/// One counted target and whether it was met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LineOutcome {
    /// Its name.
    pub name: Arc<str>,
    /// Its target as written.
    pub target: Arc<str>,
    /// Its actual value as written.
    pub actual: Arc<str>,
    /// Met, missed, overshot or unknown.
    pub state: LineState,
}

/// Whether a counted target was met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LineState {
    /// Met (and within the line, where there is one).
    Met,
    /// Not met.
    Missed,
    /// Met, but past the line above the target: not counted.
    Overshot,
    /// The actual value is unknown.
    Unknown,
}

/// An input's value as read by a formula.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InputValue {
    /// The input's name.
    pub name: Arc<str>,
    /// Its value (in percentage points for a percentage input).
    pub value: Decimal,
}

/// The state of one checklist item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    /// Met: full points.
    Met,
    /// Not met: nothing.
    NotMet,
    /// Partly met, with a reason.
    Partial,
    /// Unknown: anything from nothing to the points.
    Unknown,
}

/// Whether a count is zero, for serde.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// `城西区`, `城西区、城北区`, `城西区、城北区等4个部门` (`城西区, 城北区 and 2 more`).
fn names(named: &[Arc<str>], more: u64, lang: Lang) -> String {
    let list: Vec<&str> = named.iter().map(|n| &**n).collect();
    match (lang, more) {
        (Lang::Zh, 0) => list.join("、"),
        (Lang::Zh, m) => format!("{}等{}个部门", list.join("、"), list.len() as u64 + m),
        (Lang::En, 0) => list.join(", "),
        (Lang::En, m) => format!("{} and {m} more", list.join(", ")),
    }
}

/// `1st`, `2nd`, `3rd`, `11th`, `22nd`.
fn ordinal(n: u64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A formula with each input name replaced by its value: `39 ÷ 34 × 100%`.
pub(crate) fn substituted(formula: &str, inputs: &[InputValue]) -> String {
    let mut out = String::with_capacity(formula.len() + 16);
    substitute_into(&mut out, formula, inputs);
    out
}

/// [`substituted`], written at the end of `out`.
fn substitute_into(out: &mut String, formula: &str, inputs: &[InputValue]) {
    // A formula may read hundreds of inputs: look names up in a map
    // rather than scanning the list at every name.
    if inputs.len() > 8 {
        let by_name: std::collections::HashMap<&str, Decimal> =
            inputs.iter().map(|i| (&*i.name, i.value)).collect();
        return crate::formula::substitute(out, formula, &|name, out| {
            by_name
                .get(name)
                .map(|v| crate::number::write_plain(out, *v))
                .is_some()
        });
    }
    crate::formula::substitute(out, formula, &|name, out| {
        inputs
            .iter()
            .find(|i| &*i.name == name)
            .map(|i| crate::number::write_plain(out, i.value))
            .is_some()
    });
}

/// `label = 39 ÷ 34 × 100% ≈ 114.71%`, or `label = 92%` when the formula is
/// the value itself; the value shown to `places` decimals; written at the
/// end of `out`.
pub(crate) fn equation(
    out: &mut String,
    label: &str,
    formula: &str,
    inputs: &[InputValue],
    value: Decimal,
    percent: bool,
    places: u32,
) {
    let unit = if percent { "%" } else { "" };
    // `label = ` then the formula with its figures, written in place and
    // compared there with the value as shown.
    let start = out.len();
    cat!(into out; label, " = ");
    let at = out.len();
    substitute_into(out, formula, inputs);
    let (figure, rounded) = crate::number::approximate(value, places);
    let shown_at = out.len();
    crate::number::write_plain(out, figure);
    let text_end = out.len();
    out.push_str(unit);
    let (written, shown) = out[at..].split_at(shown_at - at);
    let text = &shown[..text_end - shown_at];
    let is_written = shown == written || text == written;
    if is_written && (label == shown || label == text) {
        // A constant (a check's right side `1`): the number alone.
        out.replace_range(start..shown_at, "");
    } else if is_written {
        out.replace_range(at..shown_at, "");
    } else {
        out.insert_str(shown_at, if rounded { " ≈ " } else { " = " });
    }
}

/// A number for prose, to `places` decimals: `14.71`, or `约14.71` /
/// `about 14.71` when rounded for display.
pub(crate) fn about(v: Decimal, places: u32, unit: &str, lang: Lang) -> String {
    cat!(About {
        value: v,
        places,
        unit,
        lang,
        exact: ""
    })
}

/// An overshoot in words: the actual value as a share of a `≥` target (or
/// the target as a share of the actual value, for a `≤` target), the line,
/// and what the rule does — for a review, the question whether the target
/// was set too loose (too low for `≥`, too high for `≤`).
pub(crate) fn overshoot(
    share: Decimal,
    beyond: Decimal,
    higher: bool,
    treatment: ExcessTreatment,
    lang: Lang,
) -> String {
    let share = about(share, 2, "%", lang);
    let beyond = plain(beyond);
    let then = match (treatment, higher, lang) {
        (ExcessTreatment::Review, true, Lang::Zh) => {
            "，须分析原因：年初指标值是否设定明显偏低（按偏离度适度调减分值由复核确定）"
        }
        (ExcessTreatment::Review, false, Lang::Zh) => {
            "，须分析原因：年初指标值是否设定明显偏高（按偏离度适度调减分值由复核确定）"
        }
        (ExcessTreatment::Zero, _, Lang::Zh) => "，按规则不得分",
        (ExcessTreatment::Review, true, Lang::En) => {
            ": to be reviewed (was the target set too low?)"
        }
        (ExcessTreatment::Review, false, Lang::En) => {
            ": to be reviewed (was the target set too high?)"
        }
        (ExcessTreatment::Zero, _, Lang::En) => ": no points by the rule",
    };
    match (higher, lang) {
        (true, Lang::Zh) => format!("完成值为指标值的{share}，超过指标值{beyond}%以上{then}"),
        (false, Lang::Zh) => format!("指标值为完成值的{share}，优于指标值{beyond}%以上{then}"),
        (true, Lang::En) => {
            format!("the actual value is {share} of the target, more than {beyond}% past it{then}")
        }
        (false, Lang::En) => {
            format!("the target is {share} of the actual value, more than {beyond}% better{then}")
        }
    }
}

/// Renders the steps of one leaf as a sentence.
/// A range in words: `85`, `80至85`, `80 to 85`.
pub(crate) fn range_words(low: Decimal, high: Decimal, lang: Lang) -> String {
    cat!(Span {
        low,
        high,
        lang,
        places: None
    })
}

/// The closing clause of a computed score: the exact figure, its rounding
/// where that changes it, and the points (`计25.333分，四舍五入保留2位小数得25.33分（满分30分）`).
pub(crate) fn score_clause(
    exact: (Decimal, Decimal),
    rounded: (Decimal, Decimal),
    points: Decimal,
    precision: u32,
    rounding: Rounding,
    lang: Lang,
) -> String {
    let r = Renderer {
        precision,
        lang,
        points,
    };
    let how = (exact != rounded).then_some((rounded.0, rounded.1, precision, rounding));
    let mut out = String::with_capacity(64);
    r.score(&mut out, exact.0, exact.1, how, points);
    out
}

/// Parts joined by a separator, written in place: each after the
/// separator, which is taken back with it where a part has nothing to say.
struct Joiner {
    sep: &'static str,
    first: bool,
}

impl Joiner {
    fn new(sep: &'static str) -> Joiner {
        Joiner { sep, first: true }
    }

    /// Writes one part with `write`, which says whether it wrote one.
    fn part(&mut self, out: &mut String, write: impl FnOnce(&mut String) -> bool) {
        let mark = out.len();
        if !self.first {
            out.push_str(self.sep);
        }
        if write(out) {
            self.first = false;
        } else {
            out.truncate(mark);
        }
    }
}

pub(crate) fn sentence(steps: &[Step], points: Decimal, precision: u32, lang: Lang) -> String {
    // A leaf given a share of a sibling's points is worked on its own
    // points up to the share, on the enlarged points after it.
    let points = steps
        .iter()
        .find_map(|s| match s {
            Step::Shared { points, .. } => Some(*points),
            _ => None,
        })
        .unwrap_or(points);
    let mut r = Renderer {
        precision,
        lang,
        points,
    };
    let sep = match lang {
        Lang::Zh => "，",
        Lang::En => "; ",
    };
    let mut out = String::with_capacity(64 * steps.len() + 64);
    let mut clauses = Joiner::new(sep);
    let mut tail = String::new();
    let mut penalty = String::new();
    let mut i = 0;
    while i < steps.len() {
        let step = &steps[i];
        match step {
            Step::Score { low, high } => {
                let rounded = match steps.get(i + 1) {
                    Some(Step::Rounding {
                        low: rl,
                        high: rh,
                        precision,
                        rounding,
                    }) => {
                        i += 1;
                        Some((*rl, *rh, *precision, *rounding))
                    }
                    _ => None,
                };
                clauses.part(&mut out, |out| {
                    r.score(out, *low, *high, rounded, r.points);
                    true
                });
            }
            Step::Override {
                computed_low,
                computed_high,
                score,
                reason,
            } => tail = r.override_(*computed_low, *computed_high, *score, reason),
            // Said last, after any override it follows from.
            Step::Penalty { low, high } => {
                let taken = range_words(*low, *high, lang);
                penalty = match lang {
                    Lang::Zh => format!("，作为扣分项扣{taken}分"),
                    Lang::En => format!("; as a penalty item, {taken} taken"),
                };
            }
            Step::Cases { .. } => {
                let start = i;
                while matches!(steps.get(i + 1), Some(Step::Cases { .. })) {
                    i += 1;
                }
                let cases = r.cases(&steps[start..=i]);
                clauses.part(&mut out, |out| {
                    out.push_str(&cases);
                    true
                });
            }
            Step::Item { .. } => {
                let start = i;
                while matches!(steps.get(i + 1), Some(Step::Item { .. })) {
                    i += 1;
                }
                let items = &steps[start..=i];
                let mut each = Joiner::new(if lang == Lang::Zh { "；" } else { "; " });
                clauses.part(&mut out, |out| {
                    for item in items {
                        each.part(out, |out| r.clause_into(item, out));
                    }
                    // Items with nothing to say still make an (empty) clause.
                    true
                });
            }
            Step::Threshold { .. } if i > 0 && matches!(steps[i - 1], Step::ToAverage { .. }) => {
                clauses.part(&mut out, |out| r.threshold_clause(step, true, out));
            }
            other => {
                clauses.part(&mut out, |out| r.clause_into(other, out));
                if let Step::Shared { points, share, .. } = other {
                    r.points = points.checked_add(*share).unwrap_or(r.points);
                }
            }
        }
        i += 1;
    }
    out.push_str(&tail);
    out.push_str(&penalty);
    out
}

struct Renderer {
    precision: u32,
    lang: Lang,
    points: Decimal,
}

impl Renderer {
    fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    /// A number for prose: `约14.71` / `about 14.71` when rounded for display.
    fn about(&self, v: Decimal, unit: &str) -> String {
        about(v, self.precision.max(2), unit, self.lang)
    }

    /// A number to `places` decimals, marked when rounded.
    fn about_places(&self, v: Decimal, places: u32) -> String {
        about(v, places, "", self.lang)
    }

    /// Writes a step's clause at the end of `out`; `false` (and nothing
    /// written) for a step that has none of its own. The clauses of every
    /// evaluation's usual steps are written in place; the rarer ones are
    /// made apart and appended.
    fn clause_into(&self, step: &Step, out: &mut String) -> bool {
        let zh = self.zh();
        match step {
            Step::Measure {
                label,
                formula,
                inputs,
                value,
                percent,
            } => equation(
                out,
                label,
                formula,
                inputs,
                *value,
                *percent,
                self.precision.max(2),
            ),
            Step::Threshold { .. } => {
                self.threshold_clause(step, false, out);
            }
            Step::Band {
                range,
                label,
                points,
            } => {
                use std::fmt::Write as _;
                out.push_str(if zh { "落在" } else { "in the band " });
                let _ = write!(out, "{range}");
                if zh {
                    out.push_str("区间");
                }
                if let Some(l) = label {
                    cat!(into out; if zh { "（" } else { " (" }, l, if zh { "）" } else { ")" });
                }
                if zh {
                    cat!(into out; "，计", points, "分");
                } else {
                    cat!(into out; ": ", points, " points");
                }
            }
            Step::Item {
                id,
                points,
                state: state @ (ItemState::Met | ItemState::NotMet),
                ..
            } => match (state, zh) {
                (ItemState::Met, true) => cat!(into out; id, "符合，得", points, "分"),
                (ItemState::Met, false) => cat!(into out; id, " met: ", points),
                (_, true) => cat!(into out; id, "不符合，得0分"),
                (_, false) => cat!(into out; id, " not met: 0"),
            },
            Step::Level {
                level,
                low,
                chosen: None,
                ..
            } => {
                if zh {
                    cat!(into out; "评定为“", level, "”，计", low, "分");
                } else {
                    cat!(into out; "rated “", level, "”: ", low, " points");
                }
            }
            Step::Judgement { score, reason } => {
                if zh {
                    cat!(into out; "评价人评分", score, "分，理由：", reason);
                } else {
                    cat!(into out; "the evaluator's score ", score, ": ", reason);
                }
            }
            other => match self.rare_clause(other) {
                Some(clause) => out.push_str(&clause),
                None => return false,
            },
        }
        true
    }

    /// The clauses of the rarer steps (see [`Renderer::clause_into`]).
    fn rare_clause(&self, step: &Step) -> Option<String> {
        let zh = self.zh();
        Some(match step {
            Step::Unknown { what } if what.is_empty() => {
                if zh {
                    "评价结论未知".to_owned()
                } else {
                    "the evaluator's answer is unknown".to_owned()
                }
            }
            Step::Unknown { what } => {
                let names: Vec<&str> = what.iter().map(|w| &**w).collect();
                if zh {
                    format!("{}未知", names.join("、"))
                } else {
                    format!("{} unknown", names.join(", "))
                }
            }
            Step::ZeroDenominator {
                formula,
                inputs,
                treatment,
            } => {
                let formula = substituted(formula, inputs);
                let what = match (treatment, zh) {
                    (ZeroDenominator::Full, true) => "计满分",
                    (ZeroDenominator::Zero, true) => "计0分",
                    (ZeroDenominator::NotApplicable, true) => "按不适用处理",
                    (ZeroDenominator::Full, false) => "full points",
                    (ZeroDenominator::Zero, false) => "zero",
                    (ZeroDenominator::NotApplicable, false) => "not applicable",
                };
                if zh {
                    format!("{formula}的分母为0，按规则{what}")
                } else {
                    format!("the denominator of {formula} is 0, which the rule scores as {what}")
                }
            }
            Step::Absolute { value, percent } => {
                let unit = if *percent { "%" } else { "" };
                if zh {
                    format!("取绝对值{}", self.about(*value, unit))
                } else {
                    format!("absolute value {}", self.about(*value, unit))
                }
            }
            Step::Item {
                id,
                points,
                state,
                low,
                high: _,
                reason,
            } => match (state, zh) {
                (ItemState::Met | ItemState::NotMet, _) => return None,
                (ItemState::Partial, true) => format!(
                    "{id}部分符合，得{}分（{}）",
                    plain(*low),
                    reason.as_deref().unwrap_or_default()
                ),
                (ItemState::Unknown, true) => format!("{id}情况未知，可得0至{}分", plain(*points)),
                (ItemState::Partial, false) => format!(
                    "{id} partly met: {} ({})",
                    plain(*low),
                    reason.as_deref().unwrap_or_default()
                ),
                (ItemState::Unknown, false) => format!("{id} unknown: 0 to {}", plain(*points)),
            },
            // Written in place by `clause_into`; cases are joined by `cases`.
            Step::Measure { .. }
            | Step::Threshold { .. }
            | Step::Band { .. }
            | Step::Judgement { .. }
            | Step::Cases { .. } => return None,
            Step::Ratio {
                better,
                value,
                target,
                percent,
                ratio,
                capped,
            } => {
                let unit = if *percent { "%" } else { "" };
                let v = self.about(*value, unit);
                // Inside the expression the operands are written plainly;
                // if one is rounded for display, so is the result (≈).
                let places = self.precision.max(2);
                let (vp, v_rounded) = approx(*value, places);
                let (tp, t_rounded) = approx(*target, places);
                let division = match better {
                    Better::Higher if *value <= Decimal::ZERO => {
                        return Some(if zh {
                            format!("实际值{v}不大于0，比例为0")
                        } else {
                            format!("the value {v} is not above 0: ratio 0")
                        })
                    }
                    Better::Lower if *value <= Decimal::ZERO => {
                        return Some(if zh {
                            format!("实际值{v}不大于0，比例按1计")
                        } else {
                            format!("the value {v} is not above 0: ratio 1")
                        })
                    }
                    Better::Higher => cat!(vp, unit, " ÷ ", tp, unit),
                    Better::Lower => cat!(tp, unit, " ÷ ", vp, unit),
                };
                let (ratio_text, rounded) = approx(*ratio, self.precision + 2);
                let approximate = rounded || v_rounded || t_rounded;
                let equals = cat!(if approximate { "≈ " } else { "= " }, ratio_text);
                let used = if *capped { "1".to_owned() } else { ratio_text };
                let w = plain(self.points);
                match (*capped, zh) {
                    (false, true) => cat!(
                        "比例 = ",
                        division,
                        " ",
                        equals,
                        "，按比例计",
                        w,
                        " × ",
                        used
                    ),
                    (true, true) => cat!(
                        "比例 = ",
                        division,
                        " ",
                        equals,
                        "，超过1按1计，按比例计",
                        w,
                        " × 1"
                    ),
                    (false, false) => cat!("ratio = ", division, " ", equals, "; ", w, " × ", used),
                    (true, false) => {
                        cat!(
                            "ratio = ",
                            division,
                            " ",
                            equals,
                            ", capped at 1; ",
                            w,
                            " × 1"
                        )
                    }
                }
            }
            Step::Level {
                level,
                range,
                low,
                high,
                chosen,
                reason,
            } => match (chosen, zh) {
                (None, _) => return None,
                (Some(c), true) => format!(
                    "评定为“{level}”（分值区间{}），评分{}分，理由：{}",
                    range.as_deref().map_or_else(
                        || format!("[{},{}]", plain(*low), plain(*high)),
                        str::to_owned
                    ),
                    plain(*c),
                    reason.as_deref().unwrap_or_default()
                ),
                (Some(c), false) => format!(
                    "rated “{level}” (points in {}), scored {}: {}",
                    range.as_deref().map_or_else(
                        || format!("[{},{}]", plain(*low), plain(*high)),
                        str::to_owned
                    ),
                    plain(*c),
                    reason.as_deref().unwrap_or_default()
                ),
            },
            Step::NotApplicable { treatment, reason } => {
                let (zh_what, en_what) = match treatment {
                    NotApplicable::Full => ("按规则计满分", "scored as full points by the rule"),
                    NotApplicable::Zero => ("按规则计0分", "scored as zero by the rule"),
                    NotApplicable::Exclude => (
                        "不计入得分，总分按适用指标分值折算",
                        "left out, the total rescaled over the applicable points",
                    ),
                    NotApplicable::Share => {
                        ("分值均摊到同级指标", "its points shared among its siblings")
                    }
                    NotApplicable::Average => (
                        "按同级指标的平均得分率计分",
                        "scored at its siblings' average rate",
                    ),
                };
                if zh {
                    cat!("不适用（", reason, "），", zh_what)
                } else {
                    cat!("not applicable (", reason, "): ", en_what)
                }
            }
            Step::Target {
                written,
                target,
                from_facts,
            } => {
                let name = match (from_facts, zh) {
                    (true, true) => "年初指标值",
                    (false, true) => "年度指标值",
                    (_, false) => "target",
                };
                match target {
                    TargetValue::Qualitative { .. } if zh => format!("{name}“{written}”（定性指标）"),
                    TargetValue::Qualitative { .. } => format!("{name} “{written}” (qualitative)"),
                    TargetValue::Compare { stated: false, .. } if zh => {
                        format!("{name}{written}（未写比较符，按计分惯例读作{target}）")
                    }
                    TargetValue::Compare { stated: false, .. } => format!(
                        "{name} {written} (a bare number, read as {target} by the scoring convention)"
                    ),
                    _ if **written == *target.to_string() => {
                        if zh {
                            format!("{name}{written}")
                        } else {
                            format!("{name} {written}")
                        }
                    }
                    _ if zh => format!("{name}{written}（即{target}）"),
                    _ => format!("{name} {written} (read as {target})"),
                }
            }
            Step::Actual {
                written,
                value,
                unit,
                converted,
                unit_assumed,
            } => {
                let shown = written.as_deref().map_or_else(
                    || {
                        format!(
                            "{}{}",
                            plain(*value),
                            unit.as_ref().map(Unit::as_str).unwrap_or_default()
                        )
                    },
                    str::to_owned,
                );
                let conversion = converted.as_ref().map(|c| {
                    let v = if c.exact {
                        plain(c.value)
                    } else {
                        self.about_places(c.value, self.precision + 2)
                    };
                    if zh {
                        format!("，折合{v}{}", c.unit)
                    } else {
                        format!(", which is {v}{}", c.unit)
                    }
                });
                let assumed = match (unit_assumed, unit, zh) {
                    (true, Some(u), true) => format!("（未写单位，按年度指标值的单位{u}计）"),
                    (true, Some(u), false) => {
                        format!(" (no unit written: taken in the target's {u})")
                    }
                    _ => String::new(),
                };
                if zh {
                    format!(
                        "实际完成值{shown}{assumed}{}",
                        conversion.unwrap_or_default()
                    )
                } else {
                    format!("actual {shown}{assumed}{}", conversion.unwrap_or_default())
                }
            }
            Step::Met {
                met,
                tolerance,
                unmet,
            } => match (met, tolerance, unmet, zh) {
                (true, Some(t), _, true) if !t.is_zero() => {
                    format!("与指标值的偏差在允许的±{}以内，视为达到指标值", plain(*t))
                }
                (true, Some(t), _, false) if !t.is_zero() => {
                    format!("within the tolerance of ±{} of the target: met", plain(*t))
                }
                (true, _, _, true) => "达到指标值".to_owned(),
                (true, _, _, false) => "target met".to_owned(),
                (false, _, Some(Unmet::Zero), true) => "未达到指标值，按规则不得分".to_owned(),
                (false, _, Some(Unmet::Zero), false) => {
                    "target not met: no points by the rule".to_owned()
                }
                (false, _, _, true) => "未达到指标值".to_owned(),
                (false, _, _, false) => "target not met".to_owned(),
            },
            Step::Proportion {
                points,
                top,
                bottom,
                higher,
            } => {
                if *top <= Decimal::ZERO || *bottom <= Decimal::ZERO {
                    return Some(if zh {
                        "实际完成值或指标值不大于0，按比例计0分".to_owned()
                    } else {
                        "the actual value or the target is not above 0: 0 in proportion".to_owned()
                    });
                }
                // Figures as given are shown whole; only a converted figure
                // carried to many places is shown rounded, with 约.
                let figure = |v: Decimal| {
                    if v.normalize().scale() <= 6 {
                        plain(v)
                    } else {
                        self.about_places(v, self.precision + 2)
                    }
                };
                let expr = format!(
                    "{} × {} ÷ {}",
                    plain(*points),
                    figure(*top),
                    figure(*bottom)
                );
                match (higher, zh) {
                    (true, true) => format!("按实际完成值与指标值的比例计分：{expr}"),
                    (false, true) => format!("按指标值与实际完成值的比例计分：{expr}"),
                    (_, false) => format!("scored in proportion: {expr}"),
                }
            }
            Step::Excess {
                share,
                beyond,
                higher,
                treatment,
            } => overshoot(*share, *beyond, *higher, *treatment, self.lang),
            Step::TargetLines { lines, within } => {
                let each: Vec<String> = lines
                    .iter()
                    .map(|l| {
                        let outcome = match (l.state, zh) {
                            (LineState::Met, true) => "达标",
                            (LineState::Missed, true) => "未达到指标值，未达标",
                            (LineState::Overshot, true) => "超出指标值过多，未达标",
                            (LineState::Unknown, true) => "未知",
                            (LineState::Met, false) => "met",
                            (LineState::Missed, false) => "missed",
                            (LineState::Overshot, false) => "too far past the target: not counted",
                            (LineState::Unknown, false) => "unknown",
                        };
                        if zh {
                            format!("{}{}，实际{}，{outcome}", l.name, l.target, l.actual)
                        } else {
                            format!("{} {}, actual {}: {outcome}", l.name, l.target, l.actual)
                        }
                    })
                    .collect();
                let rule = match (within, zh) {
                    (Some(w), true) => format!(
                        "（达到目标值为达标；“≥”类指标超出目标值{}%以上的不计为达标）",
                        plain(*w)
                    ),
                    (Some(w), false) => format!(
                        " (met counts; a `≥` target overshot by more than {}% does not)",
                        plain(*w)
                    ),
                    (None, _) => String::new(),
                };
                if zh {
                    format!("所列指标{}项{rule}：{}", lines.len(), each.join("；"))
                } else {
                    format!("{} targets listed{rule}: {}", lines.len(), each.join("; "))
                }
            }
            Step::Counted {
                met,
                total,
                points,
                per_miss,
            } => match (per_miss, zh) {
                (None, true) => format!(
                    "达标{met}项，共{total}项，按比例计分：{} × {met} ÷ {total}",
                    plain(*points)
                ),
                (None, false) => format!(
                    "{met} of {total} met, in proportion: {} × {met} ÷ {total}",
                    plain(*points)
                ),
                (Some(d), true) => format!(
                    "未达标{}项，每项扣{}分",
                    total.saturating_sub(*met),
                    plain(*d)
                ),
                (Some(d), false) => {
                    format!("{} missed, {} each", total.saturating_sub(*met), plain(*d))
                }
            },
            Step::Bounded {
                low,
                high,
                floor,
                cap,
            } => {
                let computed = range_words(*low, *high, self.lang);
                let mut said = Vec::new();
                if let Some(f) = floor.filter(|f| low < f) {
                    said.push(if zh {
                        format!("最低得{}分", plain(f))
                    } else {
                        format!("at least {}", plain(f))
                    });
                }
                if let Some(c) = cap.filter(|c| high > c) {
                    said.push(if zh {
                        format!("最高得{}分", plain(c))
                    } else {
                        format!("at most {}", plain(c))
                    });
                }
                if zh {
                    format!("计{computed}分，按规则{}", said.join("、"))
                } else {
                    format!("{computed}, bounded by the rule: {}", said.join(", "))
                }
            }
            Step::Average {
                points,
                low,
                high,
                of,
            } => {
                let scores = range_words(*low, *high, self.lang);
                if zh {
                    format!(
                        "同级指标得分{scores}分（分值{}分），按其平均得分率计分：{} × {scores} ÷ {}",
                        plain(*of),
                        plain(*points),
                        plain(*of)
                    )
                } else {
                    format!(
                        "its siblings scored {scores} of {}: at their rate, {} × {scores} ÷ {}",
                        plain(*of),
                        plain(*points),
                        plain(*of)
                    )
                }
            }
            Step::Shared {
                from,
                points,
                share,
                low,
                high,
            } => {
                let names: Vec<&str> = from.iter().map(|n| &**n).collect();
                let total = plain(points.checked_add(*share).unwrap_or(*points));
                let score = |v: &Decimal| plain(*v);
                let expr = if low == high {
                    format!("{total} × {} ÷ {}", score(low), plain(*points))
                } else if zh {
                    format!(
                        "{total} × {}至{} ÷ {}",
                        score(low),
                        score(high),
                        plain(*points)
                    )
                } else {
                    format!(
                        "{total} × {} to {} ÷ {}",
                        score(low),
                        score(high),
                        plain(*points)
                    )
                };
                if zh {
                    format!(
                        "{}不适用，其分值均摊本项{}分，分值计{total}分，按本项得分率折算：{expr}",
                        names.join("、"),
                        plain(*share)
                    )
                } else {
                    format!(
                        "{} not applicable: {} of its points come here, {total} in all, at this row's rate: {expr}",
                        names.join(", "),
                        plain(*share)
                    )
                }
            }
            Step::Standing {
                of,
                place,
                lowest,
                better,
                tied,
                tied_more,
                open,
                open_more,
            } => self.standing(
                (*of, *place, *lowest),
                *better,
                (tied, *tied_more),
                (open, *open_more),
            ),
            Step::PlacePoints {
                first,
                last,
                points,
                sum,
                ties,
                shared,
            } => {
                let k = last - first + 1;
                let places = || {
                    points
                        .iter()
                        .map(|p| plain(*p))
                        .collect::<Vec<_>>()
                        .join(" + ")
                };
                let listed = !points.is_empty();
                match (shared, ties, zh) {
                    (false, _, true) => format!("第{first}名计{}分", plain(*sum)),
                    (false, _, false) => format!("place {first} scores {}", plain(*sum)),
                    (true, Ties::SameRank, true) => {
                        format!("并列者均按第{first}名计{}分", plain(*sum))
                    }
                    (true, Ties::SameRank, false) => {
                        format!("tied: each takes place {first}'s {}", plain(*sum))
                    }
                    (true, _, true) if listed => format!(
                        "按第{}名分值的平均计分：({}) ÷ {k}",
                        (*first..=*last)
                            .map(|p| p.to_string())
                            .collect::<Vec<_>>()
                            .join("、"),
                        places()
                    ),
                    (true, _, false) if listed => format!(
                        "tied: the average of places {first} to {last}: ({}) ÷ {k}",
                        places()
                    ),
                    (true, _, true) => format!(
                        "按第{first}至第{last}名分值的平均计分：{} ÷ {k}",
                        plain(*sum)
                    ),
                    (true, _, false) => format!(
                        "tied: the average of places {first} to {last}: {} ÷ {k}",
                        plain(*sum)
                    ),
                }
            }
            Step::ToBest {
                better,
                value,
                best,
                first,
                leaders,
                leaders_more,
                percent,
            } => {
                if *first {
                    return Some(if zh {
                        "按第1名计满分".to_owned()
                    } else {
                        "first place: full points".to_owned()
                    });
                }
                let unit = if *percent { "%" } else { "" };
                let figure = |v: Decimal| format!("{}{unit}", self.figure(v));
                let (top, bottom) = match better {
                    Better::Higher => (*value, *best),
                    Better::Lower => (*best, *value),
                };
                let expr = format!(
                    "{} × {} ÷ {}",
                    plain(self.points),
                    figure(top),
                    figure(bottom)
                );
                let who = names(leaders, *leaders_more, self.lang);
                if zh {
                    format!(
                        "第1名{who}为{}，按第1名的比例计分：{expr}",
                        self.about(*best, unit)
                    )
                } else {
                    format!(
                        "first place: {who} with {}; in proportion to it: {expr}",
                        self.about(*best, unit)
                    )
                }
            }
            Step::ToAverage {
                better: _,
                of,
                sum,
                average,
                percent,
            } => {
                let unit = if *percent { "%" } else { "" };
                let places = self.precision.max(2);
                // A sum that does not terminate is shown 约 (about), and
                // its average then ≈ too.
                let (_, s_rounded) = approx(*sum, places);
                let s = self.about(*sum, unit);
                let (a, a_rounded) = approx(*average, places);
                let equals = if s_rounded || a_rounded { "≈" } else { "=" };
                if zh {
                    format!("{of}个部门的平均值 = {s} ÷ {of} {equals} {a}{unit}")
                } else {
                    format!("the average of {of} departments = {s} ÷ {of} {equals} {a}{unit}")
                }
            }
            Step::Unchosen { chosen } => {
                if zh {
                    format!("二者择其一，本组按“{chosen}”计分，本项不参评")
                } else {
                    format!(
                        "one of the alternatives: the group is scored by “{chosen}”, not this one"
                    )
                }
            }
            Step::Deductions { total } => {
                if zh {
                    format!("共扣{}分", plain(*total))
                } else {
                    format!("{} deducted in all", plain(*total))
                }
            }
            Step::Floor { .. } => {
                if zh {
                    "扣完为止".to_owned()
                } else {
                    "floored at 0".to_owned()
                }
            }
            Step::Score { .. }
            | Step::Rounding { .. }
            | Step::Override { .. }
            | Step::Penalty { .. } => return None,
        })
    }

    /// A threshold step's clause, written at the end of `out`: how far the
    /// value is beyond its standard, named as the rule's (`标准100%`) or as
    /// the batch average (`平均值约81.25%`), the steps counted and the
    /// points to deduct; `false` for another step.
    fn threshold_clause(&self, step: &Step, average: bool, out: &mut String) -> bool {
        let Step::Threshold {
            direction,
            threshold,
            percent,
            distance,
            step,
            per_step,
            partial_unit,
            units,
            deduction,
        } = step
        else {
            return false;
        };
        let zh = self.zh();
        let (direction, percent) = (*direction, *percent);
        let (distance, step, per_step, units, deduction) =
            (*distance, *step, *per_step, *units, *deduction);
        let places = self.precision.max(2);
        let t = Standard {
            threshold: *threshold,
            percent,
            lang: self.lang,
            average: average.then_some(places),
        };
        if distance.is_zero() {
            let (before, after) = match (direction, zh) {
                (Direction::Above, true) => ("未超过", "，不扣分"),
                (Direction::Below, true) => ("未低于", "，不扣分"),
                (Direction::Both, true) => ("与", "无偏差，不扣分"),
                (Direction::Above, false) => ("not above ", ": nothing deducted"),
                (Direction::Below, false) => ("not below ", ": nothing deducted"),
                (Direction::Both, false) => ("at ", ": nothing deducted"),
            };
            cat!(into out; before, t, after);
            return true;
        }
        let sep = if zh { "，" } else { ", " };
        let pp = if zh {
            "个百分点"
        } else {
            " percentage points"
        };
        // `约14.71个百分点`, or `共14.71个百分点` where exact.
        let d = About {
            value: distance,
            places,
            unit: if percent { pp } else { "" },
            lang: self.lang,
            exact: if zh { "共" } else { "" },
        };
        if zh {
            out.push_str(match direction {
                Direction::Above => "超过",
                Direction::Below => "低于",
                Direction::Both => "偏离",
            });
            cat!(into out; t, d);
        } else {
            cat!(into out;
                d,
                match direction {
                    Direction::Above => " above ",
                    Direction::Below => " below ",
                    Direction::Both => " away from ",
                },
                t
            );
        }
        out.push_str(sep);
        let one_point = percent && step == Decimal::ONE;
        match (one_point, percent, zh) {
            (true, _, true) => out.push_str("每个百分点扣"),
            (false, true, true) => cat!(into out; "每", step, "个百分点扣"),
            (false, false, true) => cat!(into out; "每", step, "扣"),
            (true, _, false) | (false, _, false) => {}
        }
        match (one_point, percent, zh) {
            (_, _, true) => cat!(into out; per_step, "分"),
            (true, _, false) => {
                cat!(into out; per_step, " points deducted per percentage point")
            }
            (false, true, false) => {
                cat!(into out; per_step, " points deducted per ", step, " percentage points")
            }
            (false, false, false) => {
                cat!(into out; per_step, " points deducted per ", step)
            }
        }
        let figure = |value| About {
            value,
            places,
            unit: "",
            lang: self.lang,
            exact: "",
        };
        let counted = match (partial_unit, zh) {
            (PartialUnit::Proportional, _) if step == Decimal::ONE => None,
            (PartialUnit::Proportional, true) => Some(("按比例计", "个单位")),
            (PartialUnit::Whole, true) => Some(("不足一个单位的部分不计，计", "个单位")),
            (PartialUnit::AnyStarted, true) => Some(("不足一个单位按一个单位计，计", "个单位")),
            (PartialUnit::Proportional, false) => Some(("counted in proportion: ", " steps")),
            (PartialUnit::Whole, false) => Some(("only whole steps count: ", " steps")),
            (PartialUnit::AnyStarted, false) => Some(("any started step counts: ", " steps")),
        };
        if let Some((before, after)) = counted {
            cat!(into out; sep, before, figure(units), after);
        }
        if zh {
            cat!(into out; sep, "应扣", figure(deduction), "分");
        } else {
            cat!(into out; sep, figure(deduction), " points to deduct");
        }
        true
    }

    /// A figure written inside an expression: whole where it is short,
    /// else to two places past the precision, marked 约.
    fn figure(&self, v: Decimal) -> String {
        if v.normalize().scale() <= 6 {
            plain(v)
        } else {
            self.about_places(v, self.precision + 2)
        }
    }

    /// `在5个部门中排名第2（与城西区并列）`, `在5个部门中可能排名第2至第4（城南区的值未知）`.
    fn standing(
        &self,
        (of, place, lowest): (u64, u64, u64),
        better: Better,
        (tied, tied_more): (&[Arc<str>], u64),
        (open, open_more): (&[Arc<str>], u64),
    ) -> String {
        let zh = self.zh();
        let mut notes = Vec::new();
        if !tied.is_empty() || tied_more > 0 {
            let who = names(tied, tied_more, self.lang);
            notes.push(if zh {
                format!("与{who}并列")
            } else {
                format!("tied with {who}")
            });
        }
        if !open.is_empty() || open_more > 0 {
            let who = names(open, open_more, self.lang);
            let many = open.len() as u64 + open_more > 1;
            notes.push(match (zh, many) {
                (true, _) => format!("{who}的值未知"),
                (false, false) => format!("{who}'s value unknown"),
                (false, true) => format!("the values of {who} unknown"),
            });
        }
        let notes = if notes.is_empty() {
            String::new()
        } else if zh {
            format!("（{}）", notes.join("，"))
        } else {
            format!(" ({})", notes.join("; "))
        };
        let order = match (better, zh) {
            (Better::Higher, _) => "",
            (Better::Lower, true) => "按数值由低到高，",
            (Better::Lower, false) => ", lowest first",
        };
        match (place == lowest, zh) {
            (true, true) => format!("{order}在{of}个部门中排名第{place}{notes}"),
            (false, true) => {
                format!("{order}在{of}个部门中可能排名第{place}至第{lowest}{notes}")
            }
            (true, false) => format!("ranked {} of {of}{order}{notes}", ordinal(place)),
            (false, false) => format!(
                "ranked between {} and {} of {of}{order}{notes}",
                ordinal(place),
                ordinal(lowest)
            ),
        }
    }

    fn cases(&self, steps: &[Step]) -> String {
        let zh = self.zh();
        let mut parts = Vec::new();
        let mut clean = 0;
        for step in steps {
            let Step::Cases {
                id,
                per_case,
                count,
                deduction,
            } = step
            else {
                continue;
            };
            match (count, deduction) {
                (Some(0), _) => clean += 1,
                (Some(n), Some(d)) => {
                    parts.push(if zh {
                        format!(
                            "{id}不符合要求{n}例，每例扣{}分，扣{}分",
                            plain(*per_case),
                            plain(*d)
                        )
                    } else {
                        format!(
                            "{id}: {n} case(s) at {} each, {} deducted",
                            plain(*per_case),
                            plain(*d)
                        )
                    });
                }
                _ => parts.push(if zh {
                    format!("{id}例数未知")
                } else {
                    format!("{id}: number of cases unknown")
                }),
            }
        }
        if parts.is_empty() {
            return if zh {
                "未发现扣分情形".to_owned()
            } else {
                "no cases found".to_owned()
            };
        }
        if clean > 0 {
            parts.push(if zh {
                "其余各项0例".to_owned()
            } else {
                "no cases in the others".to_owned()
            });
        }
        parts.join(if zh { "，" } else { ", " })
    }

    /// A computed score's clause, written at the end of `out`: the score
    /// (or the exact figure and its rounding) and the points.
    fn score(
        &self,
        out: &mut String,
        low: Decimal,
        high: Decimal,
        rounded: Option<(Decimal, Decimal, u32, Rounding)>,
        points: Decimal,
    ) {
        let zh = self.zh();
        let w = points;
        let lang = self.lang;
        let range = |low: Decimal, high: Decimal| Span {
            low,
            high,
            lang,
            places: None,
        };
        // Before rounding, the exact figure to two more places.
        let computed = Span {
            low,
            high,
            lang,
            places: rounded.map(|_| self.precision + 2),
        };
        match (rounded, zh) {
            (None, true) if low == high => cat!(into out; "得", computed, "分（满分", w, "分）"),
            (None, true) => cat!(into out; "得分在", computed, "分之间（满分", w, "分）"),
            (None, false) => cat!(into out; "score ", computed, " of ", w, " points"),
            (Some((rl, rh, p, how)), true) => {
                let how = match how {
                    Rounding::HalfUp => "四舍五入",
                    Rounding::HalfEven => "按银行家舍入法",
                    Rounding::Down => "截尾",
                };
                cat!(into out;
                    "计",
                    computed,
                    "分，",
                    how,
                    "保留",
                    p,
                    "位小数得",
                    range(rl, rh),
                    "分（满分",
                    w,
                    "分）"
                );
            }
            (Some((rl, rh, p, how)), false) => {
                let how = match how {
                    Rounding::HalfUp => "rounded half up",
                    Rounding::HalfEven => "rounded half to even",
                    Rounding::Down => "truncated",
                };
                cat!(into out;
                    computed,
                    ", ",
                    how,
                    " to ",
                    p,
                    " places: score ",
                    range(rl, rh),
                    " of ",
                    w,
                    " points"
                );
            }
        }
    }

    fn override_(&self, low: Decimal, high: Decimal, score: Decimal, reason: &str) -> String {
        let computed = range_words(low, high, self.lang);
        if self.zh() {
            format!(
                "；复核调整为{}分（原计算得分{computed}分），理由：{reason}",
                plain(score)
            )
        } else {
            format!(
                "; set by review to {} (computed {computed}): {reason}",
                plain(score)
            )
        }
    }
}
