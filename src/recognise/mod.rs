//! Recognising a rule from a row's 评价标准: the wording bureaus use is
//! formulaic — `在职人员控制率≤100%，计5分；每超过一个百分点扣0.5分，扣完为止`,
//! `0-10%（含），计4分`, `①…，2分；②…，2分`, `每出现一例不符合要求的扣1分`,
//! `效果较好的计6分；一般3分`, `按完成比例计分，满分为止` — so most rows read
//! as one rule kind with its parameters taken from the text.
//!
//! Reading is strict. Every number in a recognised rule comes from a span
//! of the text; where the text is silent on something the rule must say
//! (how a part of a step counts, which band a shared end belongs to, how a
//! bare `100%` target compares) the result is *ambiguous* and lists each
//! reading; text that fits no pattern is *unrecognised*, with the pieces
//! that could not be placed.

mod bands;
mod build;
mod checklists;
mod clause;
mod levels;
mod lex;
mod measure;
mod render;
mod steps;
mod targets;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::rules::Rule;
use crate::spec::NotApplicable;

pub(crate) use measure::formula_inputs;
pub use render::Wording;

/// A row's wording to recognise: its 评价标准, and where known its 指标说明,
/// 分值 and name.
///
/// ```
/// use jixiao::{Criterion, Status};
///
/// let r = Criterion::new("100%以下（含）计满分，每超出5%扣2分，扣完为止。")
///     .name("公用经费控制率")
///     .points("5".parse()?)
///     .recognise();
/// // How a part of a 5% step counts is not said: three readings.
/// assert_eq!(r.status, Status::Ambiguous);
/// assert_eq!(r.readings.len(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Criterion<'a> {
    text: &'a str,
    definition: Option<&'a str>,
    points: Option<Decimal>,
    name: Option<&'a str>,
}

impl<'a> Criterion<'a> {
    /// The 评价标准 as written.
    pub fn new(text: &'a str) -> Criterion<'a> {
        Criterion {
            text,
            definition: None,
            points: None,
            name: None,
        }
    }

    /// The row's 指标说明 / 指标解释, where formulas and 评价要点 are written.
    #[must_use]
    pub fn definition(mut self, text: &'a str) -> Criterion<'a> {
        self.definition = Some(text);
        self
    }

    /// The row's 分值, checked against the points the text awards.
    #[must_use]
    pub fn points(mut self, points: Decimal) -> Criterion<'a> {
        self.points = Some(points);
        self
    }

    /// The row's name (三级指标), which names the measured value where no
    /// formula is written.
    #[must_use]
    pub fn name(mut self, name: &'a str) -> Criterion<'a> {
        self.name = Some(name);
        self
    }

    /// Reads the wording. Every input gets an answer; nothing panics.
    pub fn recognise(&self) -> Recognition {
        build::recognise(self)
    }
}

/// Whether a wording was read as one rule, several, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// One rule, every parameter taken from the text.
    Recognised,
    /// Two or more rules; the text does not say which.
    Ambiguous,
    /// No rule: some text could not be placed (`unplaced`).
    Unrecognised,
}

/// One reading of an ambiguous wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// What this reading takes the text to mean, in words.
    pub reading: String,
    /// The rule under this reading.
    pub rule: Rule,
}

/// Where a piece of the rule came from: characters `start..end` (counted
/// from 0, in characters, of the text as given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// The first character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The text of the span.
    pub text: String,
    /// What it gives: a field of the rule (`threshold`, `bands[1].range`,
    /// `items[0].points`), `points` (the full points the text awards),
    /// `not_applicable`, `floor` (扣完为止), `subject` (the measure's
    /// name), or `unplaced`.
    pub field: String,
    /// Which text: `criterion` (评价标准) or `definition` (指标说明).
    #[serde(default, skip_serializing_if = "Source::is_criterion")]
    pub source: Source,
}

/// Which of a row's texts a span is in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The 评价标准.
    #[default]
    Criterion,
    /// The 指标说明.
    Definition,
}

impl Source {
    #[allow(clippy::trivially_copy_pass_by_ref)]
    fn is_criterion(&self) -> bool {
        *self == Source::Criterion
    }
}

/// What a wording was read as.
///
/// Serialised, `{"status": "recognised" | "ambiguous" | "unrecognised",
/// "rule": RULE | null, "readings": [{"reading": "…", "rule": RULE}],
/// "unplaced": ["…"], "spans": […]}`, with `not_applicable` and `notes`
/// where the text gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recognition {
    /// Recognised, ambiguous or unrecognised.
    pub status: Status,
    /// The rule, when recognised.
    pub rule: Option<Rule>,
    /// Each reading, when ambiguous.
    pub readings: Vec<Reading>,
    /// The pieces of text that could not be placed, when unrecognised.
    pub unplaced: Vec<String>,
    /// Where each piece of the rule came from.
    pub spans: Vec<Span>,
    /// What the row scores when it does not apply, where the text says
    /// (没有楼堂馆所项目的部门按满分计算).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<NotApplicable>,
    /// What the reader should check: where the text is silent and what
    /// was read in its place (the measure named by the row, a typo read).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Recognition {
    /// Every rule the wording may mean: the recognised one, or each
    /// reading's.
    pub fn rules(&self) -> Vec<&Rule> {
        match &self.rule {
            Some(rule) => vec![rule],
            None => self.readings.iter().map(|r| &r.rule).collect(),
        }
    }
}
