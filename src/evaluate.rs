//! [`Rubric::evaluate`]: one department's facts scored against a rubric,
//! with the working of every score.

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{phrase, EvaluationError, FactIssue, FactIssueKind, Field, IndicatorPath, Text};
use crate::exact::{self, Fraction};
use crate::explain::{sentence, substituted, InputValue, Lang, Step};
use crate::facts::{FactValue, Facts};
use crate::formula::{ComputeError, Span};
use crate::limits;
use crate::number::{plain, round};
use crate::rubric::{Node, Rubric};
use crate::rules::relative::{Entry, Outcome};
use crate::rules::target::ActualValue;
use crate::rules::{CompiledMeasure, CompiledRule, Range, Rule, RuleKind, ZeroDenominator};
use crate::spec::NotApplicable;

/// How [`Rubric::evaluate_with`] renders the working.
///
/// On the wire (a host's request or configuration) it is
/// `{"lang": "zh" | "en", "working": "sentences" | "steps_only"}`, each
/// field optional (Chinese sentences by default).
///
/// ```
/// use jixiao::{EvalOptions, Lang, Working};
///
/// let english = EvalOptions::new().lang(Lang::En);
/// let fastest = EvalOptions::new().working(Working::StepsOnly);
/// let read: EvalOptions = serde_json::from_str(r#"{"lang": "en"}"#)?;
/// assert_eq!(read, english);
/// assert_eq!(
///     serde_json::to_string(&fastest)?,
///     r#"{"lang":"zh","working":"steps_only"}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct EvalOptions {
    /// The language of the sentences.
    pub(crate) lang: Lang,
    /// What working the evaluation carries.
    working: Working,
}

impl EvalOptions {
    /// Chinese sentences, with steps.
    pub fn new() -> EvalOptions {
        EvalOptions::default()
    }

    /// The language of the sentences.
    #[must_use]
    pub fn lang(mut self, lang: Lang) -> EvalOptions {
        self.lang = lang;
        self
    }

    /// Whether to render sentences or keep only the structured steps.
    #[must_use]
    pub fn working(mut self, working: Working) -> EvalOptions {
        self.working = working;
        self
    }
}

/// What working an evaluation carries: on the wire `"sentences"` or
/// `"steps_only"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Working {
    /// Structured steps and a sentence per leaf (the default).
    #[default]
    Sentences,
    /// Structured steps only; `working` is left empty. Sentences can be
    /// rendered later with [`Evaluation::render_working`].
    StepsOnly,
}

/// The scores of one department against one rubric: a tree mirroring the
/// rubric, with the total, its range where facts are unknown, and the grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Evaluation {
    /// The rubric's title.
    pub title: Arc<str>,
    /// The rubric's full score.
    pub points: Decimal,
    /// The total, or `None` when unknown facts leave a range.
    pub total: Option<Decimal>,
    /// The lowest total the facts allow.
    pub low: Decimal,
    /// The highest total the facts allow.
    pub high: Decimal,
    /// The grade, when the whole range falls in one grade band.
    pub grade: Option<Arc<str>>,
    /// Every grade the range reaches, best first.
    pub possible_grades: Vec<Arc<str>>,
    /// Present when not-applicable leaves were left out and the total rescaled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rescaled: Option<Rescaling>,
    /// The total the department claimed, if the facts state one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed: Option<Decimal>,
    /// The total's working as a sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working: Option<String>,
    /// The first-level indicators.
    pub indicators: Vec<IndicatorEvaluation>,
    /// Bonus and penalty items and vetoes, where the rubric has them, and
    /// how they took the table's total to `total`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjustments: Option<crate::adjust::Adjustments>,
    /// Which rubric and which facts this evaluation comes from (留痕): set
    /// by a review ([`Rubric::review`]), or by the host with
    /// [`Rubric::provenance`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<crate::provenance::Provenance>,
}

/// How the total was rescaled over the applicable points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Rescaling {
    /// The points of the leaves that apply.
    pub applicable_points: Decimal,
    /// The lowest sum of applicable scores.
    pub low: Decimal,
    /// The highest sum of applicable scores.
    pub high: Decimal,
}

/// One indicator's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct IndicatorEvaluation {
    /// The indicator's id.
    pub id: Arc<str>,
    /// The indicator's name.
    pub name: Arc<str>,
    /// The points (分值).
    pub points: Decimal,
    /// The score, or `None` when unknown facts leave a range (or the leaf
    /// is excluded).
    pub score: Option<Decimal>,
    /// The lowest score the facts allow.
    pub low: Decimal,
    /// The highest score the facts allow.
    pub high: Decimal,
    /// Whether the indicator is left out as not applicable.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub excluded: bool,
    /// The score the department claimed (自评得分).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed: Option<Decimal>,
    /// Why the row deviates from its target, as the facts explain it
    /// (偏差原因分析及改进措施).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deviation: Option<Arc<str>>,
    /// For an alternative (二者择其一): whether the facts chose it; `None`
    /// for an indicator that is not an alternative, or whose group's choice
    /// is unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chosen: Option<bool>,
    /// For a branch on a scale of its own (一级权重 × 二级得分 ÷ 100): its
    /// children's scores and how they were brought to its points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighting: Option<Weighting>,
    /// The sub-indicators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<IndicatorEvaluation>,
    /// A leaf's rule and working.
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub leaf: Option<LeafEvaluation>,
}

/// A branch scored on a scale of its own, brought to its points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Weighting {
    /// What the children's points add up to.
    pub out_of: Decimal,
    /// The lowest sum of the children's scores.
    pub low: Decimal,
    /// The highest sum of the children's scores.
    pub high: Decimal,
    /// The points of the children that apply: `out_of` less those left
    /// out as not applicable, over which the branch rescales.
    pub applicable: Decimal,
    /// How the converted score is rounded (the rubric's rounding).
    pub rounding: crate::spec::Rounding,
    /// The working as a sentence: `下级指标得分85分（满分100分），按本级分值折算：85 × 30 ÷ 100，得25.5分（满分30分）`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working: Option<String>,
}

/// The working of a leaf.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LeafEvaluation {
    /// The rule's kind.
    pub kind: RuleKind,
    /// The measured value (in percentage points when `percent`), or `None`.
    pub value: Option<Decimal>,
    /// Whether the value is a percentage.
    #[serde(default)]
    pub percent: bool,
    /// The unit of `value`, for a target leaf: its target's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<crate::unit::Unit>,
    /// For a target leaf, its target (年度指标值) as written — also where the
    /// leaf is left out as not applicable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Arc<str>>,
    /// The actual value (实际完成值) as the facts wrote it, or as its formula
    /// computed it (`≈` where rounded for display), or the level rated;
    /// `None` where unknown or not applicable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<Arc<str>>,
    /// The working as one sentence.
    pub working: Option<String>,
    /// The working as structured steps.
    pub steps: Vec<Step>,
}

impl Evaluation {
    /// The result of the indicator with this id.
    pub fn find(&self, id: &str) -> Option<&IndicatorEvaluation> {
        fn walk<'a>(list: &'a [IndicatorEvaluation], id: &str) -> Option<&'a IndicatorEvaluation> {
            list.iter().find_map(|n| {
                if &*n.id == id {
                    Some(n)
                } else {
                    walk(&n.children, id)
                }
            })
        }
        walk(&self.indicators, id).or_else(|| self.items().find(|n| &*n.id == id))
    }

    /// The bonus items, then the penalty items, where the rubric has them.
    pub fn items(&self) -> impl Iterator<Item = &IndicatorEvaluation> {
        let a = self.adjustments.as_ref();
        let bonus = a.and_then(|a| a.bonus.as_ref()).map(|b| b.items.iter());
        let penalty = a.and_then(|a| a.penalty.as_ref()).map(|p| p.items.iter());
        bonus
            .into_iter()
            .flatten()
            .chain(penalty.into_iter().flatten())
    }

    /// Every indicator's result in table order, a parent before its
    /// children, then the bonus and penalty items.
    pub fn iter(&self) -> impl Iterator<Item = &IndicatorEvaluation> {
        let mut stack: Vec<&IndicatorEvaluation> = self.items().collect();
        stack.reverse();
        stack.extend(self.indicators.iter().rev());
        std::iter::from_fn(move || {
            let next = stack.pop()?;
            stack.extend(next.children.iter().rev());
            Some(next)
        })
    }

    /// Renders (or re-renders) every leaf's working sentence in `lang`
    /// from its steps, with the rubric's precision.
    pub fn render_working(&mut self, lang: Lang, precision: u32) {
        fn walk(list: &mut [IndicatorEvaluation], lang: Lang, precision: u32) {
            for node in list {
                let points = node.points;
                if let Some(leaf) = &mut node.leaf {
                    leaf.working = Some(sentence(&leaf.steps, points, precision, lang));
                }
                if let Some(w) = &mut node.weighting {
                    w.working = Some(crate::structure::weighting_sentence(
                        w, points, precision, lang,
                    ));
                }
                walk(&mut node.children, lang, precision);
            }
        }
        walk(&mut self.indicators, lang, precision);
        if let Some(a) = &mut self.adjustments {
            for extra in [&mut a.bonus, &mut a.penalty].into_iter().flatten() {
                walk(&mut extra.items, lang, precision);
            }
            for v in &mut a.vetoes {
                v.working = Some(crate::adjust::veto_sentence(v, precision, lang));
            }
            a.working = Some(crate::adjust::adjustment_sentence(a, self.points, lang));
        }
        self.working = Some(total_sentence(self, lang));
    }
}

impl IndicatorEvaluation {
    /// Whether this is a leaf.
    pub fn is_leaf(&self) -> bool {
        self.leaf.is_some()
    }
}

/// What computing a leaf's formula gave.
enum Measured {
    /// The exact value, and the value as the working shows it (exact, or
    /// rounded to odd past every place a rubric rounds to).
    Value(Fraction, Decimal),
    /// Some inputs are unknown.
    Unknown,
    /// A zero denominator, settled by the rule: the range, or `None` when
    /// the leaf is excluded.
    Settled(Option<Range>),
    /// Problems were reported.
    Failed,
}

/// What computing a formula reads and where it reports.
struct MeasureCx<'a, 'f> {
    facts: &'a Facts,
    resolved: &'a Resolved<'f>,
    missing: &'a mut BTreeMap<usize, (Vec<IndicatorPath>, usize)>,
    problems: &'a mut Problems,
}

/// A leaf's result before it joins the tree.
pub(crate) struct LeafResult {
    range: Option<Range>,
    /// Whether unknown facts leave open that the leaf is excluded.
    maybe_excluded: bool,
    value: Option<Decimal>,
    percent: bool,
    steps: Vec<Step>,
    /// For a relative leaf, its measured value, waiting for the batch.
    pending: Option<Entry>,
}

impl LeafResult {
    /// A relative leaf's measured value, waiting for the batch.
    pub(crate) fn pending(&self) -> Option<Entry> {
        self.pending
    }

    /// Scores a relative leaf with its batch: its range and the working
    /// that names its place and what it was compared with.
    pub(crate) fn settle(&mut self, outcome: Outcome) {
        self.range = Some(outcome.range);
        self.steps.extend(outcome.steps);
        self.pending = None;
    }
}

/// One department's facts read and every leaf scored but the relative
/// ones, which wait for the batch: what a batch holds between its passes.
pub(crate) struct Prepared<'f> {
    resolved: Resolved<'f>,
    pub(crate) leaves: Vec<Option<LeafResult>>,
    vetoes: Vec<crate::adjust::VetoResult>,
}

type Problems = Vec<FactIssue>;

/// The facts resolved to the rubric's slots, so that scoring looks
/// nothing up by name.
struct Resolved<'f> {
    /// Per input slot: the value given, if any (and valid).
    values: Vec<Option<FactValue>>,
    /// Per input slot: the number, or 0 where unknown or missing.
    numbers: Vec<Decimal>,
    /// Per indicator: its answer, not-applicable reason, claim, override.
    nodes: Vec<NodeFacts<'f>>,
}

/// The facts that concern one indicator.
#[derive(Clone, Copy, Default)]
pub(crate) struct NodeFacts<'f> {
    answer: Option<&'f crate::facts::Answer>,
    not_applicable: Option<&'f str>,
    claimed: Option<Decimal>,
    override_: Option<&'f crate::facts::Override>,
    actual: Option<&'f crate::facts::Actual>,
    target: Option<&'f str>,
    deviation: Option<&'f str>,
    target_list: Option<&'f [crate::facts::TargetLine]>,
    /// For a group of alternatives: the child chosen (`None`: unknown).
    pub(crate) choice: Option<Option<usize>>,
    /// Left out by the choice of an alternative above it.
    pub(crate) unchosen: bool,
}

impl Rubric {
    /// Scores one department's facts, with Chinese working.
    ///
    /// # Errors
    ///
    /// Returns every problem at once in an [`EvaluationError`]:
    ///
    /// - inputs some leaf needs that the facts neither give nor mark
    ///   unknown (each listed with the leaves that need it);
    /// - values, answers, marks, claims or overrides for names or ids the
    ///   rubric does not have;
    /// - values outside an input's declared range, a percentage without
    ///   its `%` sign, an answer of the wrong form for its rule;
    /// - a formula that divides by zero where the rule does not say what
    ///   that means (also when known inputs make a denominator 0 and others
    ///   are unknown), or whose figures an exact decimal cannot hold;
    /// - a value in none of the bands; a score chosen, or a leaf marked not
    ///   applicable, without a reason; an override on a leaf that is left
    ///   out.
    ///
    /// # Example
    ///
    /// ```
    /// use jixiao::{Facts, Rubric};
    ///
    /// let rubric = Rubric::from_json(r#"{
    ///     "title": "示例", "total": 5,
    ///     "inputs": [{ "name": "在职人员数" }, { "name": "编制数" }],
    ///     "indicators": [{
    ///         "id": "在职人员控制率", "name": "在职人员控制率", "points": 5,
    ///         "rule": { "kind": "ratio_threshold", "formula": "（在职人员数/编制数）×100%",
    ///                   "threshold": "100%", "direction": "above", "step": "1%",
    ///                   "deduction": 0.5, "partial_unit": "proportional" }
    ///     }]
    /// }"#)?;
    /// let facts = Facts::new().value("在职人员数", "39".parse()?);
    /// let err = rubric.evaluate(&facts).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "the facts have 1 problem:\nfield `values.编制数`: no value given for `编制数`, expected a number or \"unknown\"; needed by 在职人员控制率"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn evaluate(&self, facts: &Facts) -> Result<Evaluation, EvaluationError> {
        self.evaluate_with(facts, &EvalOptions::default())
    }

    /// Scores one department's facts, with the working as `options` say.
    ///
    /// # Errors
    ///
    /// As [`Rubric::evaluate`].
    pub fn evaluate_with(
        &self,
        facts: &Facts,
        options: &EvalOptions,
    ) -> Result<Evaluation, EvaluationError> {
        self.on_this_thread(|rubric| rubric.evaluate_here(facts, options))
    }

    /// Runs `score` on the rubric this thread scores for this one, once it
    /// is known to have no relative leaves (those are scored in a batch):
    /// this rubric, or the thread's own copy of a rubric it evaluates often
    /// (`crate::replica`), which gives the same results without sharing
    /// reference counts with other threads.
    pub(crate) fn on_this_thread<T>(
        &self,
        score: impl FnOnce(&Rubric) -> Result<T, EvaluationError>,
    ) -> Result<T, EvaluationError> {
        self.refuse_relative()?;
        let own = crate::replica::own(self);
        score(own.as_deref().unwrap_or(self))
    }

    /// [`Rubric::evaluate_with`] on this very rubric (see
    /// [`Rubric::on_this_thread`]).
    pub(crate) fn evaluate_here(
        &self,
        facts: &Facts,
        options: &EvalOptions,
    ) -> Result<Evaluation, EvaluationError> {
        let prepared = self.prepare(facts)?;
        self.finish_prepared(facts, prepared, options)
    }

    /// Scores a department's facts up to the tree: every leaf but the
    /// relative ones, whose measured values wait for the batch.
    pub(crate) fn prepare<'f>(&self, facts: &'f Facts) -> Result<Prepared<'f>, EvaluationError> {
        let mut problems = Vec::new();
        if facts.len() > limits::MAX_FACTS {
            return Err(EvaluationError::new(vec![FactIssue::new(
                None,
                "facts",
                FactIssueKind::TooLarge {
                    limit: limits::MAX_FACTS,
                    found: facts.len(),
                },
            )]));
        }
        // Keys longer than any name the rubric can have are refused before
        // anything looks them up or compares them.
        facts.each_key(|field, key| {
            // A key no longer in bytes than the limit is within it in
            // characters: only a long one is counted.
            if key.len() <= limits::MAX_NAME_CHARS {
                return;
            }
            let n = key.chars().count();
            if n > limits::MAX_NAME_CHARS {
                problems.push(FactIssue::new(
                    None,
                    Field::key(field, &shortened(key)),
                    FactIssueKind::Invalid {
                        expected: Text::new(
                            format!(
                                "a name or id of at most {} characters, as the rubric's are",
                                limits::MAX_NAME_CHARS
                            ),
                            format!(
                                "不超过{}个字符的名称或id，与指标表的一致",
                                limits::MAX_NAME_CHARS
                            ),
                        ),
                        found: Text::new(
                            format!("a key of {n} characters"),
                            format!("长{n}个字符的键"),
                        ),
                    },
                ));
            }
        });
        if !problems.is_empty() {
            return Err(EvaluationError::new(problems));
        }
        let budget = Budget::default();
        let values = self.read_values(facts, &budget, &mut problems);
        let numbers = values
            .iter()
            .map(|v| match v {
                Some(FactValue::Number(n) | FactValue::Percent(n)) => *n,
                _ => Decimal::ZERO,
            })
            .collect();
        let n = self.nodes.len();
        let mut resolved = Resolved {
            values,
            numbers,
            nodes: vec![NodeFacts::default(); n],
        };
        self.resolve_ids(facts, &budget, &mut resolved, &mut problems);
        self.choose(facts, &mut resolved.nodes, &mut problems);
        let mut missing: BTreeMap<usize, (Vec<IndicatorPath>, usize)> = BTreeMap::new();
        let vetoes = self.decide_vetoes(
            facts,
            &resolved.values,
            &resolved.numbers,
            &mut missing,
            &mut problems,
        );
        let mut leaves: Vec<Option<LeafResult>> = Vec::with_capacity(n);
        for (index, node) in self.nodes.iter().enumerate() {
            leaves.push(match &node.rule {
                Some(_) if resolved.nodes[index].unchosen => None,
                Some(rule) => self.leaf(
                    index,
                    node,
                    rule,
                    facts,
                    &resolved,
                    &mut missing,
                    &mut problems,
                ),
                None => None,
            });
        }
        for (slot, (needed_by, more)) in missing {
            problems.push(FactIssue::new(
                None,
                Field::key("values", &self.input_names[slot]),
                FactIssueKind::MissingInput {
                    input: self.input_names[slot].to_string(),
                    needed_by,
                    more,
                },
            ));
        }
        if !problems.is_empty() {
            return Err(EvaluationError::new(problems));
        }
        Ok(Prepared {
            resolved,
            leaves,
            vetoes,
        })
    }

    /// Builds the evaluation of a prepared department, once its relative
    /// leaves are settled.
    pub(crate) fn finish_prepared(
        &self,
        facts: &Facts,
        prepared: Prepared<'_>,
        options: &EvalOptions,
    ) -> Result<Evaluation, EvaluationError> {
        self.assemble(
            facts,
            &prepared.resolved,
            prepared.leaves,
            options,
            prepared.vetoes,
        )
    }

    /// Reads the input values, checking each against its declaration.
    fn read_values(
        &self,
        facts: &Facts,
        budget: &Budget,
        problems: &mut Problems,
    ) -> Vec<Option<FactValue>> {
        let mut values = vec![None; self.inputs.len()];
        for (name, value) in &facts.values {
            let Some(&slot) = self.input_index.get(name) else {
                problems.push(FactIssue::new(
                    None,
                    Field::key("values", name),
                    FactIssueKind::UndeclaredInput {
                        name: name.clone(),
                        suggestion: closest(
                            budget,
                            name,
                            self.input_index.keys().map(String::as_str),
                        ),
                    },
                ));
                continue;
            };
            let input = &self.inputs[slot];
            let field = || Field::key("values", name);
            let unit = input
                .spec
                .unit
                .as_deref()
                .map_or(("no unit", "无"), |u| (u, u));
            let number = match (value, input.percent) {
                (FactValue::Unknown, _) => None,
                (FactValue::Percent(p), true) => Some(*p),
                (FactValue::Number(n), false) => Some(*n),
                (FactValue::Number(n), true) => {
                    problems.push(FactIssue::new(
                        None,
                        field(),
                        FactIssueKind::Invalid {
                            expected: if *n > Decimal::ZERO && *n <= Decimal::ONE {
                                let hundred =
                                    plain(n.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(*n));
                                Text::new(
                                    format!("a percentage written with a % sign (the input's unit is %); did you mean \"{hundred}%\"?"),
                                    format!("带%的百分数（该项单位为%，是否应为\"{hundred}%\"？）"),
                                )
                            } else {
                                Text::new(
                                    "a percentage written with a % sign, such as \"87%\" (the input's unit is %)",
                                    "带%的百分数，如\"87%\"（该项单位为%）",
                                )
                            },
                            found: Text::same(plain(*n)),
                        },
                    ));
                    continue;
                }
                (FactValue::Percent(p), false) => {
                    problems.push(FactIssue::new(
                        None,
                        field(),
                        FactIssueKind::Invalid {
                            expected: Text::new(
                                format!("a plain number (the input's unit is {})", unit.0),
                                format!("不带%的数（该项单位为{}）", unit.1),
                            ),
                            found: Text::same(format!("\"{}%\"", plain(*p))),
                        },
                    ));
                    continue;
                }
            };
            if let Some(n) = number {
                let spec = &input.spec;
                let sign = if input.percent { "%" } else { "" };
                let mut bad = |expected: Text| {
                    problems.push(FactIssue::new(
                        None,
                        field(),
                        FactIssueKind::Invalid {
                            expected,
                            found: Text::same(format!("{}{sign}", plain(n))),
                        },
                    ));
                };
                if spec.integer && !n.fract().is_zero() {
                    bad(Text::new("a whole number", "整数"));
                    continue;
                }
                if let Some(min) = spec.min {
                    if n < min {
                        let min = plain(min);
                        bad(Text::new(
                            format!("a value of at least {min}{sign}"),
                            format!("不小于{min}{sign}的数"),
                        ));
                        continue;
                    }
                }
                if let Some(max) = spec.max {
                    if n > max {
                        let max = plain(max);
                        bad(Text::new(
                            format!("a value of at most {max}{sign}"),
                            format!("不大于{max}{sign}的数"),
                        ));
                        continue;
                    }
                }
            }
            values[slot] = Some(*value);
        }
        values
    }

    /// Checks that every id in the facts names the right kind of indicator,
    /// and files each entry under its indicator.
    fn resolve_ids<'f>(
        &self,
        facts: &'f Facts,
        budget: &Budget,
        resolved: &mut Resolved<'f>,
        problems: &mut Problems,
    ) {
        let ids = || self.by_id.keys().map(String::as_str);
        let leaf = |id: &str| {
            self.by_id
                .get(id)
                .copied()
                .filter(|&i| self.nodes[i].rule.is_some())
        };
        let branch = |id: &str| {
            self.by_id
                .get(id)
                .map(|&i| &self.nodes[i])
                .filter(|n| n.rule.is_none())
        };
        for (id, answer) in &facts.answers {
            let Some(&index) = self.by_id.get(id) else {
                problems.push(FactIssue::new(
                    None,
                    Field::key("answers", id),
                    FactIssueKind::UnknownIndicator {
                        id: id.clone(),
                        expected: Text::new(
                            "checklist, rating or judgement indicator",
                            "检查清单、等级评价或酌情评分指标",
                        ),
                        suggestion: closest(budget, id, ids()),
                    },
                ));
                continue;
            };
            let node = &self.nodes[index];
            let found = match &node.rule {
                Some(rule) if rule.expected_answer().is_some() => {
                    resolved.nodes[index].answer = Some(answer);
                    continue;
                }
                Some(_) => {
                    let kind = node
                        .rule_spec
                        .as_ref()
                        .map_or(RuleKind::Judgement, Rule::kind);
                    let inputs = self.formula_inputs(node);
                    let kind = serde_json::to_value(kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    let inputs = inputs.join("、");
                    Text::new(
                        format!("an answer for a {kind} indicator, which is scored from `values`: {inputs}"),
                        format!("对{kind}指标填写的评价结论，而该指标按 values 中的基础数据计分：{inputs}"),
                    )
                }
                None => Text::new(
                    "an answer for an indicator with children, which is scored by them",
                    "对有下级指标的指标填写的评价结论，而该指标按下级指标计分",
                ),
            };
            problems.push(FactIssue::new(
                Some(node.path.clone()),
                Field::key("answers", id),
                FactIssueKind::Invalid {
                    expected: Text::new(
                        "answers only for checklist, rating and judgement indicators",
                        "仅对检查清单、等级评价和酌情评分指标填写的评价结论",
                    ),
                    found,
                },
            ));
        }
        for (id, reason) in &facts.not_applicable {
            if let Some(i) = leaf(id) {
                if reason.trim().is_empty() {
                    problems.push(FactIssue::new(
                        Some(self.nodes[i].path.clone()),
                        Field::key("not_applicable", id),
                        FactIssueKind::MissingReason {
                            found: phrase::blank_reason(),
                        },
                    ));
                    continue;
                }
                resolved.nodes[i].not_applicable = Some(reason.as_str());
            } else if let Some(node) = branch(id) {
                problems.push(FactIssue::new(
                    Some(node.path.clone()),
                    Field::key("not_applicable", id),
                    FactIssueKind::Invalid {
                        expected: Text::new(
                            "a leaf (mark the leaves of an indicator with children instead)",
                            "末级指标（有下级指标的，请标注其末级指标）",
                        ),
                        found: Text::new(
                            format!("the indicator with children `{id}`"),
                            format!("有下级指标的指标“{id}”"),
                        ),
                    },
                ));
            } else {
                problems.push(FactIssue::new(
                    None,
                    Field::key("not_applicable", id),
                    FactIssueKind::UnknownIndicator {
                        id: id.clone(),
                        expected: Text::new("leaf indicator", "末级指标"),
                        suggestion: closest(budget, id, ids()),
                    },
                ));
            }
        }
        for (id, claim) in &facts.claimed {
            if let Some(&i) = self.by_id.get(id) {
                resolved.nodes[i].claimed = Some(claim.0);
            } else {
                problems.push(FactIssue::new(
                    None,
                    Field::key("claimed", id),
                    FactIssueKind::UnknownIndicator {
                        id: id.clone(),
                        expected: Text::new("indicator", "指标"),
                        suggestion: closest(budget, id, ids()),
                    },
                ));
            }
        }
        let target_leaf = |id: &str| {
            self.by_id
                .get(id)
                .copied()
                .and_then(|i| match &self.nodes[i].rule {
                    Some(CompiledRule::Target(t)) => Some((i, t)),
                    _ => None,
                })
        };
        // An id that names no indicator, or one of another kind.
        let misplaced = |section: &str, id: &String, expected: Text| {
            let field = Field::key(section, id);
            match self.by_id.get(id).map(|&i| &self.nodes[i]) {
                None => FactIssue::new(
                    None,
                    field,
                    FactIssueKind::UnknownIndicator {
                        id: id.clone(),
                        expected,
                        suggestion: closest(budget, id, ids()),
                    },
                ),
                Some(node) => FactIssue::new(
                    Some(node.path.clone()),
                    field,
                    FactIssueKind::Invalid {
                        expected: Text::new(
                            format!("the id of a {}", expected.en()),
                            format!("{}的id", expected.zh()),
                        ),
                        found: match &node.rule_spec {
                            Some(rule) => {
                                let kind = serde_json::to_value(rule.kind())
                                    .ok()
                                    .and_then(|v| v.as_str().map(str::to_owned))
                                    .unwrap_or_default();
                                Text::new(
                                    format!("`{id}`, a {kind} indicator"),
                                    format!("“{id}”，是{kind}指标"),
                                )
                            }
                            None => Text::new(
                                format!("`{id}`, an indicator with children"),
                                format!("“{id}”，是有下级指标的指标"),
                            ),
                        },
                    },
                ),
            }
        };
        for (id, actual) in &facts.actuals {
            match target_leaf(id) {
                Some((i, t)) if t.actual.is_none() => resolved.nodes[i].actual = Some(actual),
                Some((i, _)) => problems.push(FactIssue::new(
                    Some(self.nodes[i].path.clone()),
                    Field::key("actuals", id),
                    FactIssueKind::Invalid {
                        expected: Text::new(
                            "no actual value for a leaf whose rule computes it from `values`",
                            "不填实际完成值（该指标的规则由 values 计算）",
                        ),
                        found: Text::new("an actual value", "填了实际完成值"),
                    },
                )),
                None => problems.push(misplaced(
                    "actuals",
                    id,
                    Text::new("target indicator", "目标指标"),
                )),
            }
        }
        for (id, text) in &facts.targets {
            match target_leaf(id) {
                Some((i, t)) if t.target.is_none() => {
                    resolved.nodes[i].target = Some(text.as_str());
                }
                Some((i, t)) => problems.push(FactIssue::new(
                    Some(self.nodes[i].path.clone()),
                    Field::key("targets", id),
                    FactIssueKind::Invalid {
                        expected: {
                            let set = t.target.as_ref().map(|(w, _)| &**w).unwrap_or_default();
                            Text::new(
                                format!("no target for a leaf whose rubric sets it (`{set}`)"),
                                format!("不填指标值（指标表已设定`{set}`）"),
                            )
                        },
                        found: Text::same(format!("`{text}`")),
                    },
                )),
                None => problems.push(misplaced(
                    "targets",
                    id,
                    Text::new("target indicator", "目标指标"),
                )),
            }
        }
        for (id, list) in &facts.target_lists {
            match self.by_id.get(id).copied() {
                Some(i) if matches!(self.nodes[i].rule, Some(CompiledRule::TargetsMet(_))) => {
                    resolved.nodes[i].target_list = Some(list.as_slice());
                }
                _ => problems.push(misplaced(
                    "target_lists",
                    id,
                    Text::new("targets_met indicator", "目标实现（targets_met）指标"),
                )),
            }
        }
        for (id, text) in &facts.deviations {
            if let Some(i) = leaf(id) {
                if text.trim().is_empty() {
                    problems.push(FactIssue::new(
                        Some(self.nodes[i].path.clone()),
                        Field::key("deviations", id),
                        FactIssueKind::MissingReason {
                            found: phrase::blank_reason(),
                        },
                    ));
                }
                resolved.nodes[i].deviation = Some(text.as_str());
            } else {
                problems.push(FactIssue::new(
                    None,
                    Field::key("deviations", id),
                    FactIssueKind::UnknownIndicator {
                        id: id.clone(),
                        expected: Text::new("leaf indicator", "末级指标"),
                        suggestion: closest(budget, id, ids()),
                    },
                ));
            }
        }
        for (id, o) in &facts.overrides {
            let Some(index) = leaf(id) else {
                problems.push(FactIssue::new(
                    None,
                    Field::key("overrides", id),
                    FactIssueKind::UnknownIndicator {
                        id: id.clone(),
                        expected: Text::new("leaf indicator", "末级指标"),
                        suggestion: closest(budget, id, ids()),
                    },
                ));
                continue;
            };
            let node = &self.nodes[index];
            resolved.nodes[index].override_ = Some(o);
            if facts.not_applicable.contains_key(id)
                && node.not_applicable == Some(NotApplicable::Exclude)
            {
                problems.push(FactIssue::new(
                    Some(node.path.clone()),
                    Field::key("overrides", id),
                    FactIssueKind::Invalid {
                        expected: override_scored(),
                        found: Text::new(
                            "an override on a leaf marked not applicable and left out (`not_applicable: exclude`)",
                            "对标为不适用并剔除的指标作出的复核调整（not_applicable: exclude）",
                        ),
                    },
                ));
            }
            let mut local = Vec::new();
            if o.score.normalize().scale() > self.precision() {
                local.push((
                    "score".into(),
                    FactIssueKind::Invalid {
                        expected: Text::new(
                            format!(
                                "a score with at most {} decimal places (the rubric's precision)",
                                self.precision()
                            ),
                            format!("最多{}位小数的得分（指标表的精度）", self.precision()),
                        ),
                        found: Text::same(plain(o.score)),
                    },
                ));
            }
            crate::rules::check_chosen(
                o.score,
                Decimal::ZERO,
                node.points,
                Some(&o.reason),
                "score",
                &mut local,
            );
            for (field, kind) in local {
                problems.push(FactIssue::new(
                    Some(node.path.clone()),
                    Field::key("overrides", id).join(field),
                    kind,
                ));
            }
        }
    }

    /// Scores one leaf.
    #[allow(clippy::too_many_arguments)]
    fn leaf(
        &self,
        index: usize,
        node: &Node,
        rule: &CompiledRule,
        facts: &Facts,
        resolved: &Resolved<'_>,
        missing: &mut BTreeMap<usize, (Vec<IndicatorPath>, usize)>,
        problems: &mut Problems,
    ) -> Option<LeafResult> {
        let mut steps = Vec::with_capacity(rule.step_capacity());
        let mut maybe_excluded = false;
        let mut value = None;
        let mut percent = rule.measure().is_some_and(|m| m.percent);
        let mut pending = None;
        let relative = matches!(rule, CompiledRule::Relative(_));
        let issue = |problems: &mut Problems, field: Field, kind: FactIssueKind| {
            problems.push(FactIssue::new(Some(node.path.clone()), field, kind));
        };
        let mut cx = MeasureCx {
            facts,
            resolved,
            missing,
            problems,
        };
        let range = if let Some(reason) = resolved.nodes[index].not_applicable {
            let given = [
                ("actuals", resolved.nodes[index].actual.is_some()),
                ("target_lists", resolved.nodes[index].target_list.is_some()),
            ];
            for (section, _) in given.iter().filter(|(_, given)| *given) {
                issue(
                    cx.problems,
                    Field::key(section, &node.id),
                    FactIssueKind::Invalid {
                        expected: Text::new(
                            "no actual value for a row marked not applicable (it would be ignored)",
                            "不填实际完成值（标为不适用的行，填了也不会使用）",
                        ),
                        found: Text::new(
                            "an actual value beside the row's mark in `not_applicable`",
                            "在 not_applicable 中标注的同时所填的实际完成值",
                        ),
                    },
                );
            }
            match self.not_applicable(node, reason, &mut steps) {
                Ok(range) => range,
                Err(kind) => {
                    issue(cx.problems, Field::key("not_applicable", &node.id), kind);
                    return None;
                }
            }
        } else if let CompiledRule::Target(t) = rule {
            let mut local = Vec::new();
            let target = t.resolve(&node.id, resolved.nodes[index].target, &mut local);
            let range = if let Some(target) = target {
                percent = target
                    .value
                    .unit()
                    .is_some_and(crate::unit::Unit::is_percent);
                t.open(&target, &mut steps);
                match &t.actual {
                    Some(measure) => {
                        match self.measure(
                            index,
                            node,
                            measure,
                            t.zero_denominator,
                            &mut cx,
                            &mut steps,
                        ) {
                            Measured::Value(_, v) => t.score(
                                &node.id,
                                &target,
                                ActualValue::Measured {
                                    value: v,
                                    percent: measure.percent,
                                },
                                node.points,
                                &mut steps,
                                &mut local,
                                &mut value,
                            ),
                            Measured::Unknown => {
                                let mut range = t.bounds(Some(&target.value), node.points);
                                self.widen(
                                    node,
                                    rule,
                                    measure,
                                    resolved,
                                    &mut range,
                                    &mut maybe_excluded,
                                );
                                Some(range)
                            }
                            Measured::Settled(range) => {
                                return Some(LeafResult {
                                    range,
                                    maybe_excluded,
                                    value,
                                    percent,
                                    steps,
                                    pending,
                                })
                            }
                            Measured::Failed => return None,
                        }
                    }
                    None => match resolved.nodes[index].actual {
                        Some(actual) => t.score(
                            &node.id,
                            &target,
                            ActualValue::Given(actual),
                            node.points,
                            &mut steps,
                            &mut local,
                            &mut value,
                        ),
                        None => {
                            local.push((
                                Field::key("actuals", &node.id),
                                FactIssueKind::MissingAnswer {
                                    expected: t.expected_actual(&target),
                                },
                            ));
                            None
                        }
                    },
                }
            } else {
                None
            };
            if !local.is_empty() || range.is_none() {
                for (field, kind) in local {
                    issue(cx.problems, field, kind);
                }
                return None;
            }
            range
        } else if let CompiledRule::TargetsMet(t) = rule {
            let Some(lines) = resolved.nodes[index].target_list else {
                issue(
                    cx.problems,
                    Field::key("target_lists", &node.id),
                    FactIssueKind::MissingAnswer {
                        expected: Text::new(
                            "the targets counted, each {\"name\": …, \"target\": …, \"actual\": …}",
                            "计数的各项指标，每项为{\"name\": …, \"target\": …, \"actual\": …}",
                        ),
                    },
                );
                return None;
            };
            let mut local = Vec::new();
            let range = t.score(&node.id, lines, node.points, &mut steps, &mut local);
            if !local.is_empty() || range.is_none() {
                for (field, kind) in local {
                    issue(cx.problems, field, kind);
                }
                return None;
            }
            range
        } else if let Some(measure) = rule.measure() {
            match self.measure(
                index,
                node,
                measure,
                rule.zero_denominator(),
                &mut cx,
                &mut steps,
            ) {
                Measured::Value(exact, v) if relative => {
                    // Scored once the batch is measured: see `crate::peers`.
                    value = Some(v);
                    pending = Some(Entry::Value(exact));
                    Some(rule.bounds(node.points, None))
                }
                Measured::Value(exact, v) => {
                    value = Some(v);
                    match rule.score_value(exact, node.points, &mut steps) {
                        Ok(score) => Some(Range::exact(score)),
                        Err(kind) => {
                            issue(cx.problems, Field::parse("rule"), kind);
                            return None;
                        }
                    }
                }
                Measured::Unknown => {
                    let span = measure.formula.span(&self.spans(resolved));
                    if relative {
                        pending = Some(Entry::Unknown(span));
                    }
                    let mut range = rule.bounds(node.points, Some(span));
                    self.widen(
                        node,
                        rule,
                        measure,
                        resolved,
                        &mut range,
                        &mut maybe_excluded,
                    );
                    Some(range)
                }
                Measured::Settled(range) => range,
                Measured::Failed => return None,
            }
        } else {
            let Some(answer) = resolved.nodes[index].answer else {
                issue(
                    cx.problems,
                    Field::key("answers", &node.id),
                    FactIssueKind::MissingAnswer {
                        expected: rule
                            .expected_answer()
                            .unwrap_or_else(|| Text::new("an answer", "评价结论")),
                    },
                );
                return None;
            };
            let mut local = Vec::new();
            let range = rule.score_answer(answer, node.points, &mut steps, &mut local);
            if !local.is_empty() {
                for (field, kind) in local {
                    issue(
                        cx.problems,
                        Field::key("answers", &node.id).join(field),
                        kind,
                    );
                }
                return None;
            }
            Some(range)
        };
        Some(LeafResult {
            range,
            maybe_excluded,
            value,
            percent,
            steps,
            pending,
        })
    }

    /// Computes a leaf's formula from the facts, pushing its working: the
    /// formula with its numbers, the unknown inputs, or what the rule makes
    /// of a zero denominator.
    fn measure(
        &self,
        index: usize,
        node: &Node,
        measure: &CompiledMeasure,
        treatment: Option<ZeroDenominator>,
        cx: &mut MeasureCx<'_, '_>,
        steps: &mut Vec<Step>,
    ) -> Measured {
        let formula = &measure.formula;
        let issue = |problems: &mut Problems, field: Field, kind: FactIssueKind| {
            problems.push(FactIssue::new(Some(node.path.clone()), field, kind));
        };
        let mut unknown = 0usize;
        let mut complete = true;
        for &slot in &formula.inputs {
            match cx.resolved.values.get(slot).copied().flatten() {
                None => {
                    // A value given but refused is reported already.
                    if !cx.facts.values.contains_key(&*self.input_names[slot]) {
                        let entry = cx.missing.entry(slot).or_default();
                        if entry.0.len() < limits::MAX_LISTED_PATHS {
                            entry.0.push(node.path.clone());
                        } else {
                            entry.1 += 1;
                        }
                    }
                    complete = false;
                }
                Some(FactValue::Unknown) => unknown += 1,
                Some(_) => {}
            }
        }
        if !complete {
            return Measured::Failed;
        }
        if unknown > 0 {
            let what = if unknown == measure.all_inputs.len() {
                Arc::clone(&measure.all_inputs)
            } else {
                formula
                    .inputs
                    .iter()
                    .filter(|&&slot| {
                        matches!(cx.resolved.values.get(slot), Some(Some(FactValue::Unknown)))
                    })
                    .map(|&slot| Arc::clone(&self.input_names[slot]))
                    .collect()
            };
            let spans = self.spans(cx.resolved);
            if formula
                .always_zero_denominators(&spans, &self.input_names)
                .is_empty()
            {
                steps.push(Step::Unknown { what });
                return Measured::Unknown;
            }
            // Known inputs make a denominator 0 whatever the unknown ones
            // are: the rule's zero-denominator clause decides.
            let known = formula
                .inputs
                .iter()
                .filter_map(|&slot| match cx.resolved.values.get(slot) {
                    Some(Some(FactValue::Number(n) | FactValue::Percent(n))) => Some(InputValue {
                        name: Arc::clone(&self.input_names[slot]),
                        value: *n,
                    }),
                    _ => None,
                })
                .collect();
            return self.zero_denominator(index, node, formula, treatment, known, cx, steps);
        }
        let inputs: Vec<InputValue> = formula
            .inputs
            .iter()
            .map(|&slot| InputValue {
                name: Arc::clone(&self.input_names[slot]),
                value: cx.resolved.numbers[slot],
            })
            .collect();
        let label = formula
            .label
            .clone()
            .unwrap_or_else(|| Arc::clone(&node.name));
        match formula
            .compute(&cx.resolved.numbers)
            .and_then(|f| Ok((f, f.quotient().ok_or(ComputeError::Overflow)?)))
        {
            Ok((exact, shown)) => {
                steps.push(Step::Measure {
                    label,
                    formula: Arc::clone(&formula.display),
                    inputs,
                    value: shown.value,
                    percent: measure.percent,
                });
                Measured::Value(exact, shown.value)
            }
            Err(ComputeError::DivisionByZero) => {
                self.zero_denominator(index, node, formula, treatment, inputs, cx, steps)
            }
            Err(ComputeError::Overflow) => {
                issue(
                    cx.problems,
                    Field::parse("rule.formula"),
                    FactIssueKind::Overflow {
                        formula: substituted(&formula.display, &inputs),
                    },
                );
                Measured::Failed
            }
        }
    }

    /// A formula that meets a zero denominator: what the rule's clause says,
    /// or the error where it says nothing. An override on a leaf the clause
    /// leaves out is refused, as on a leaf marked not applicable.
    #[allow(clippy::too_many_arguments)]
    fn zero_denominator(
        &self,
        index: usize,
        node: &Node,
        formula: &crate::formula::Formula,
        treatment: Option<ZeroDenominator>,
        inputs: Vec<InputValue>,
        cx: &mut MeasureCx<'_, '_>,
        steps: &mut Vec<Step>,
    ) -> Measured {
        let issue = |problems: &mut Problems, field: Field, kind: FactIssueKind| {
            problems.push(FactIssue::new(Some(node.path.clone()), field, kind));
        };
        let Some(treatment) = treatment else {
            issue(
                cx.problems,
                Field::parse("rule.formula"),
                FactIssueKind::DivisionByZero {
                    formula: substituted(&formula.display, &inputs),
                },
            );
            return Measured::Failed;
        };
        steps.push(Step::ZeroDenominator {
            formula: Arc::clone(&formula.display),
            inputs,
            treatment,
        });
        match treatment {
            ZeroDenominator::Full => Measured::Settled(Some(Range::exact(node.points))),
            ZeroDenominator::Zero => Measured::Settled(Some(Range::exact(Decimal::ZERO))),
            ZeroDenominator::NotApplicable => match self.not_applicable(node, "分母为0", steps) {
                Ok(None) if cx.resolved.nodes[index].override_.is_some() => {
                    issue(
                        cx.problems,
                        Field::key("overrides", &node.id),
                        FactIssueKind::Invalid {
                            expected: override_scored(),
                            found: Text::new(
                                "an override on a leaf left out because its formula's denominator is 0 (`zero_denominator: not_applicable`, `not_applicable: exclude`)",
                                "对因公式分母为0而剔除的指标作出的复核调整（zero_denominator: not_applicable，not_applicable: exclude）",
                            ),
                        },
                    );
                    Measured::Failed
                }
                Ok(range) => Measured::Settled(range),
                Err(kind) => {
                    issue(cx.problems, Field::parse("rule.zero_denominator"), kind);
                    Measured::Failed
                }
            },
        }
    }

    /// Each input's span: a known value's point, or an unknown one's
    /// declared range.
    fn spans(&self, resolved: &Resolved<'_>) -> Vec<Span> {
        resolved
            .values
            .iter()
            .zip(&self.inputs)
            .map(|(v, input)| match v {
                Some(FactValue::Number(n) | FactValue::Percent(n)) => Span::point(*n),
                _ => Span {
                    low: input.spec.min,
                    high: input.spec.max,
                },
            })
            .collect()
    }

    /// Where unknown inputs could make a formula's denominator 0, widens a
    /// leaf's range by what the rule's zero-denominator treatment gives.
    fn widen(
        &self,
        node: &Node,
        rule: &CompiledRule,
        measure: &CompiledMeasure,
        resolved: &Resolved<'_>,
        range: &mut Range,
        maybe_excluded: &mut bool,
    ) {
        let Some(treatment) = rule.zero_denominator() else {
            return;
        };
        let spans = self.spans(resolved);
        if measure
            .formula
            .zero_denominators(&spans, &self.input_names)
            .is_empty()
        {
            return;
        }
        let outcome = match (treatment, node.not_applicable) {
            (ZeroDenominator::Full, _)
            | (ZeroDenominator::NotApplicable, Some(NotApplicable::Full)) => Some(node.points),
            (ZeroDenominator::Zero, _)
            | (ZeroDenominator::NotApplicable, Some(NotApplicable::Zero)) => Some(Decimal::ZERO),
            (ZeroDenominator::NotApplicable, _) => {
                *maybe_excluded = true;
                None
            }
        };
        if let Some(o) = outcome {
            range.low = range.low.min(o);
            range.high = range.high.max(o);
        }
    }

    /// Applies a leaf's not-applicable treatment; `None` means excluded.
    fn not_applicable(
        &self,
        node: &Node,
        reason: &str,
        steps: &mut Vec<Step>,
    ) -> Result<Option<Range>, FactIssueKind> {
        let treatment = node
            .not_applicable
            .ok_or(FactIssueKind::NotApplicableRefused)?;
        steps.push(Step::NotApplicable {
            treatment,
            reason: Arc::from(reason),
        });
        Ok(match treatment {
            NotApplicable::Full => Some(Range::exact(node.points)),
            NotApplicable::Zero => Some(Range::exact(Decimal::ZERO)),
            NotApplicable::Exclude => None,
            // Scored once its siblings are: see `Rubric::siblings`.
            NotApplicable::Share | NotApplicable::Average => Some(Range::exact(Decimal::ZERO)),
        })
    }

    /// Rounds leaves, applies overrides, sums branches, and finds the total
    /// and grade.
    fn assemble(
        &self,
        facts: &Facts,
        resolved: &Resolved<'_>,
        leaves: Vec<Option<LeafResult>>,
        options: &EvalOptions,
        vetoes: Vec<crate::adjust::VetoResult>,
    ) -> Result<Evaluation, EvaluationError> {
        let precision = self.precision();
        let strategy = self.rounding().strategy();
        let mut cx = Build {
            resolved,
            leaves,
            options,
            uncertain: Vec::new(),
            parts: Vec::with_capacity(self.nodes.len()),
        };
        let mut sum: Sum = (0, 0, 0);
        let mut indicators = Vec::with_capacity(self.roots.len());
        for &r in &self.roots {
            let part = self.build(r, &mut cx, &mut indicators)?;
            sum = add3(sum, part).ok_or_else(overflow)?;
        }
        let mut items = |extra: &Option<crate::rubric::Extra>,
                         penalty: bool|
         -> Result<Option<Vec<IndicatorEvaluation>>, EvaluationError> {
            let Some(extra) = extra else { return Ok(None) };
            let mut out = Vec::with_capacity(extra.items.len());
            for &i in &extra.items {
                self.build(i, &mut cx, &mut out)?;
            }
            if penalty {
                for item in &mut out {
                    self.penalised(item, options);
                }
            }
            Ok(Some(out))
        };
        let bonus = items(&self.bonus, false)?;
        let penalty = items(&self.penalty, true)?;
        let extras = Extras {
            bonus,
            penalty,
            vetoes,
        };
        let raw = (
            self.unscale(sum.0)?,
            self.unscale(sum.1)?,
            self.unscale(sum.2)?,
        );
        let points = self.total();
        let (low, high, rescaled) = if raw.2.is_zero() && cx.uncertain.is_empty() {
            (raw.0, raw.1, None)
        } else {
            let applicable = exact::sub(points, raw.2).ok_or_else(overflow)?;
            if !cx.uncertain.is_empty() {
                let (low, high) = self
                    .uncertain_total(raw, applicable, &cx.uncertain)
                    .ok_or_else(overflow)?;
                return self.finish(
                    facts,
                    options,
                    indicators,
                    extras,
                    (
                        low,
                        high,
                        Some(Rescaling {
                            applicable_points: applicable,
                            low: raw.0,
                            high: raw.1,
                        }),
                    ),
                );
            }
            if applicable <= Decimal::ZERO {
                return Err(EvaluationError::new(vec![FactIssue::new(
                    None,
                    "not_applicable",
                    FactIssueKind::Invalid {
                        expected: Text::new(
                            "at least one applicable indicator to score",
                            "至少有一个适用的指标可以计分",
                        ),
                        found: Text::new(
                            "every indicator left out as not applicable",
                            "所有指标都因不适用而剔除",
                        ),
                    },
                )]));
            }
            // Σ scores × total ÷ Σ points, divided once and rounded once.
            let scale = |v: Decimal| {
                exact::mul_div(v, points, applicable)
                    .map(|x| round(x.value, precision, strategy))
                    .ok_or_else(overflow)
            };
            (
                scale(raw.0)?,
                scale(raw.1)?,
                Some(Rescaling {
                    applicable_points: applicable,
                    low: raw.0,
                    high: raw.1,
                }),
            )
        };
        self.finish(facts, options, indicators, extras, (low, high, rescaled))
    }

    /// A penalty item takes what its deduction rule deducts: its points
    /// less its score, said at the end of its working.
    fn penalised(&self, item: &mut IndicatorEvaluation, options: &EvalOptions) {
        let taken = (
            exact::sub(item.points, item.high).unwrap_or(item.points),
            exact::sub(item.points, item.low).unwrap_or(item.points),
        );
        if let Some(leaf) = &mut item.leaf {
            leaf.steps.push(Step::Penalty {
                low: taken.0,
                high: taken.1,
            });
            if options.working == Working::Sentences {
                leaf.working = Some(sentence(
                    &leaf.steps,
                    item.points,
                    self.precision(),
                    options.lang,
                ));
            }
        }
    }

    /// The total, its grade and its sentence.
    fn finish(
        &self,
        facts: &Facts,
        options: &EvalOptions,
        indicators: Vec<IndicatorEvaluation>,
        extras: Extras,
        (low, high, rescaled): (Decimal, Decimal, Option<Rescaling>),
    ) -> Result<Evaluation, EvaluationError> {
        let points = self.total();
        let lang = (options.working == Working::Sentences).then_some(options.lang);
        let (low, high, caps, adjustments) =
            if extras.bonus.is_none() && extras.penalty.is_none() && extras.vetoes.is_empty() {
                (low, high, crate::adjust::GradeCaps::default(), None)
            } else {
                let (low, high, caps, a) = self
                    .adjust(
                        (low, high),
                        extras.bonus,
                        extras.penalty,
                        extras.vetoes,
                        lang,
                    )
                    .ok_or_else(overflow)?;
                (low, high, caps, Some(a))
            };
        // The bands the range reaches, best first, then as vetoes cap them;
        // where an unknown veto may zero the total, the bands of the total
        // if it does not and the band of 0.
        let reaches = |(low, high): (Decimal, Decimal), i: usize| {
            let upper = i.checked_sub(1).map(|j| self.grades[j].min);
            self.band_min(i).is_none_or(|m| high >= m) && upper.is_none_or(|u| low < u)
        };
        let reached = (0..self.grades.len()).filter(|&i| match caps.unless_zeroed {
            Some(range) => reaches(range, i) || reaches((Decimal::ZERO, Decimal::ZERO), i),
            None => reaches((low, high), i),
        });
        let indices = caps.apply(reached);
        let possible_grades: Vec<Arc<str>> = indices
            .iter()
            .map(|&i| Arc::clone(&self.grades[i].label))
            .collect();
        // One grade when every total in the range has one and they agree.
        let banded = self.grade_index(low).is_some() && self.grade_index(high).is_some();
        let grade = match indices[..] {
            [i] if banded => Some(Arc::clone(&self.grades[i].label)),
            _ => None,
        };
        let mut evaluation = Evaluation {
            title: Arc::clone(&self.title),
            points,
            total: (low == high).then_some(low),
            low,
            high,
            grade,
            possible_grades,
            rescaled,
            claimed: facts.claimed_total,
            working: None,
            indicators,
            adjustments,
            provenance: None,
        };
        if options.working == Working::Sentences {
            evaluation.working = Some(total_sentence(&evaluation, options.lang));
        }
        Ok(evaluation)
    }
}

impl Rubric {
    /// Bounds the rescaled total when unknown facts leave open whether some
    /// leaves count: the highest total counts exactly the leaves whose best
    /// score raises the average, the lowest those whose worst lowers it.
    fn uncertain_total(
        &self,
        raw: (Decimal, Decimal, Decimal),
        applicable: Decimal,
        uncertain: &[(Decimal, Decimal, Decimal)],
    ) -> Option<(Decimal, Decimal)> {
        let points = self.total();
        let all_points = exact::sum(uncertain.iter().map(|u| u.2))?;
        let base_points = exact::sub(applicable, all_points)?;
        let high_known = uncertain
            .iter()
            .try_fold(raw.1, |acc, u| exact::sub(acc, u.1))?;
        let best = |start: Decimal,
                    mut items: Vec<(Decimal, Decimal)>,
                    highest: bool|
         -> Option<Decimal> {
            // Order by score per point, best first for the highest total,
            // comparing the exact ratios.
            let mut broken = false;
            items.sort_by(|a, b| {
                let order = exact::cmp_ratio(a.0, a.1, b.0, b.1).unwrap_or_else(|| {
                    broken = true;
                    std::cmp::Ordering::Equal
                });
                if highest {
                    order.reverse()
                } else {
                    order
                }
            });
            if broken {
                return None;
            }
            let (mut s, mut a) = (start, base_points);
            for (score, p) in items {
                // Adding the leaf raises (lowers) the average score ÷ points.
                let improves = a.is_zero() || {
                    let order = exact::cmp_ratio(score, p, s, a)?;
                    if highest {
                        order == std::cmp::Ordering::Greater
                    } else {
                        order == std::cmp::Ordering::Less
                    }
                };
                if !improves {
                    break;
                }
                s = exact::add(s, score)?;
                a = exact::add(a, p)?;
            }
            if a.is_zero() {
                return Some(Decimal::ZERO);
            }
            let total = exact::mul_div(s, points, a)?.value;
            Some(round(total, self.precision(), self.rounding().strategy()))
        };
        let high = best(
            high_known,
            uncertain.iter().map(|u| (u.1, u.2)).collect(),
            true,
        )?;
        let low = best(raw.0, uncertain.iter().map(|u| (u.0, u.2)).collect(), false)?;
        Some((low.min(high), high))
    }
}

/// The rows beside the table, scored, for the total.
struct Extras {
    bonus: Option<Vec<IndicatorEvaluation>>,
    penalty: Option<Vec<IndicatorEvaluation>>,
    vetoes: Vec<crate::adjust::VetoResult>,
}

/// What building the result tree needs.
struct Build<'a, 'f> {
    resolved: &'a Resolved<'f>,
    leaves: Vec<Option<LeafResult>>,
    options: &'a EvalOptions,
    /// Leaves that unknown facts may leave out: (low, high, points) when
    /// they count.
    uncertain: Vec<(Decimal, Decimal, Decimal)>,
    /// The sums of the children of the branches being built, innermost
    /// last.
    parts: Vec<Sum>,
}

/// A node's (low, high, excluded points), as integers at the rubric's
/// sum scale: rounded scores add exactly and fast.
type Sum = (i128, i128, i128);

impl Rubric {
    /// Builds one indicator's result and its sums; recursion is bounded by
    /// [`limits::MAX_DEPTH`].
    fn build(
        &self,
        i: usize,
        cx: &mut Build<'_, '_>,
        out: &mut Vec<IndicatorEvaluation>,
    ) -> Result<Sum, EvaluationError> {
        let node = &self.nodes[i];
        let claimed = cx.resolved.nodes[i].claimed;
        let deviation = cx.resolved.nodes[i].deviation.map(Arc::from);
        if node.children.is_empty() {
            let result = cx.leaves.get_mut(i).and_then(Option::take);
            let Some(mut r) = result else {
                return Err(overflow());
            };
            let precision = self.precision();
            let (low, high, excluded) = match r.range {
                None => (Decimal::ZERO, Decimal::ZERO, true),
                Some(range) => {
                    let range = self.bounded(i, range, &mut r.steps);
                    r.steps.push(Step::Score {
                        low: range.low,
                        high: range.high,
                    });
                    let strategy = self.rounding().strategy();
                    let low = round(range.low, precision, strategy);
                    let high = if range.high == range.low {
                        low
                    } else {
                        round(range.high, precision, strategy)
                    };
                    if low != range.low || high != range.high {
                        r.steps.push(Step::Rounding {
                            low,
                            high,
                            precision,
                            rounding: self.rounding(),
                        });
                    }
                    match cx.resolved.nodes[i].override_ {
                        Some(o) => {
                            r.steps.push(Step::Override {
                                computed_low: low,
                                computed_high: high,
                                score: o.score,
                                reason: Arc::from(o.reason.as_str()),
                            });
                            (o.score, o.score, false)
                        }
                        None => (low, high, false),
                    }
                }
            };
            let working = match cx.options.working {
                Working::Sentences => {
                    Some(sentence(&r.steps, node.points, precision, cx.options.lang))
                }
                Working::StepsOnly => None,
            };
            let low = if r.maybe_excluded && !excluded {
                cx.uncertain.push((low, high, node.points));
                Decimal::ZERO
            } else {
                low
            };
            let sum = (
                self.scaled(low)?,
                self.scaled(high)?,
                if excluded {
                    self.scaled(node.points)?
                } else {
                    0
                },
            );
            out.push(node_result(
                node,
                low,
                high,
                excluded,
                (claimed, deviation),
                Vec::new(),
                Some({
                    let (target, actual, unit) = columns(node, &r.steps);
                    LeafEvaluation {
                        kind: node
                            .rule_spec
                            .as_ref()
                            .map_or(RuleKind::Judgement, Rule::kind),
                        value: r.value,
                        percent: r.percent,
                        unit,
                        target,
                        actual,
                        working,
                        steps: r.steps,
                    }
                }),
            ));
            return Ok(sum);
        }
        let lang = (cx.options.working == Working::Sentences).then_some(cx.options.lang);
        let choice = cx.resolved.nodes[i].choice;
        let chosen_name = || {
            choice
                .flatten()
                .map(|k| Arc::clone(&self.nodes[k].name))
                .unwrap_or_else(|| Arc::from(""))
        };
        let mut children = Vec::with_capacity(node.children.len());
        // The children's sums go on one stack shared by the whole tree:
        // this branch's are those from `start`, taken off before it returns.
        let start = cx.parts.len();
        let uncertain_before = cx.uncertain.len();
        for &c in &node.children {
            if cx.resolved.nodes[c].unchosen {
                children.push(self.unchosen(c, &chosen_name(), lang, self.precision()));
                cx.parts.push((0, 0, 0));
                continue;
            }
            let part = self.build(c, cx, &mut children)?;
            cx.parts.push(part);
        }
        let mut stack = std::mem::take(&mut cx.parts);
        let parts = &mut stack[start..];
        for k in self
            .siblings(i, &mut children, lang)
            .map_err(|e| EvaluationError::new(vec![*e]))?
        {
            let child = &children[k];
            parts[k] = (
                self.scaled(child.low)?,
                self.scaled(child.high)?,
                if child.excluded {
                    self.scaled(child.points)?
                } else {
                    0
                },
            );
        }
        let mut total: Sum = if node.alternatives {
            match choice
                .flatten()
                .and_then(|k| node.children.iter().position(|&c| c == k))
            {
                Some(k) => {
                    children[k].chosen = Some(true);
                    parts[k]
                }
                // The choice unknown: the worst and the best alternative.
                None => {
                    let whole = self.scaled(node.points)?;
                    let left_out = |p: &Sum| p.2;
                    let same = parts.windows(2).all(|w| left_out(&w[0]) == left_out(&w[1]));
                    if same {
                        (
                            parts.iter().map(|p| p.0).min().unwrap_or(0),
                            parts.iter().map(|p| p.1).max().unwrap_or(0),
                            parts.first().map_or(0, left_out),
                        )
                    } else if parts.iter().all(|p| p.2 == 0 || p.2 == whole) {
                        // Some alternatives are left out as not applicable,
                        // others scored: the group may count or not.
                        let scored = || parts.iter().filter(|p| p.2 == 0);
                        let low = self.unscale(scored().map(|p| p.0).min().unwrap_or(0))?;
                        let high = self.unscale(scored().map(|p| p.1).max().unwrap_or(0))?;
                        cx.uncertain.push((low, high, node.points));
                        (0, self.scaled(high)?, 0)
                    } else {
                        return Err(EvaluationError::new(vec![FactIssue::new(
                            Some(node.path.clone()),
                            Field::key("choices", &node.id),
                            FactIssueKind::Invalid {
                                expected: Text::new(
                                    "the alternative scored, since the alternatives leave out different points as not applicable",
                                    "所选的备选指标：各备选指标因不适用而不计的分值不同，须明确选择",
                                ),
                                found: Text::new("\"unknown\"", "\"unknown\"（未知）"),
                            },
                        )]));
                    }
                }
            }
        } else {
            parts
                .iter()
                .try_fold((0, 0, 0), |a, p| add3(a, *p))
                .ok_or_else(overflow)?
        };
        let (mut low, mut high) = (self.unscale(total.0)?, self.unscale(total.1)?);
        let mut weighting = None;
        if node.out_of.is_some() {
            let inexact = || {
                EvaluationError::new(vec![FactIssue::new(
                    Some(node.path.clone()),
                    "out_of",
                    FactIssueKind::Inexact {
                        what: Text::new(
                            format!("the score of `{}` brought to its points", node.name),
                            format!("“{}”按分值折算后的得分", node.name),
                        ),
                    },
                )])
            };
            if cx.uncertain.len() > uncertain_before {
                return Err(EvaluationError::new(vec![FactIssue::new(
                    Some(node.path.clone()),
                    "not_applicable",
                    FactIssueKind::Invalid {
                        expected: Text::new(
                            "facts that settle whether each indicator under a branch on its own scale applies (the branch rescales within itself)",
                            "能确定按折算基数计分的指标下各项是否适用的资料（该指标在其下级指标范围内折算）",
                        ),
                        found: Text::new(
                            "unknown facts that may leave an indicator out",
                            "可能使某项指标不适用的未知资料",
                        ),
                    },
                )]));
            }
            // Left out within the branch: it rescales over what applies.
            let out_of = node.out_of.unwrap_or(node.points);
            let applicable = exact::sub(out_of, self.unscale(total.2)?).ok_or_else(inexact)?;
            if applicable <= Decimal::ZERO {
                total = (0, 0, self.scaled(node.points)?);
                (low, high) = (Decimal::ZERO, Decimal::ZERO);
            } else {
                let (l, h, w) = self
                    .weighted(i, low, high, applicable, lang)
                    .ok_or_else(inexact)?;
                total = (self.scaled(l)?, self.scaled(h)?, 0);
                (low, high) = (l, h);
                weighting = Some(w);
            }
        }
        stack.truncate(start);
        cx.parts = stack;
        let excluded = total.2 == self.scaled(node.points)? && !node.points.is_zero();
        let mut result = node_result(
            node,
            low,
            high,
            excluded,
            (claimed, deviation),
            children,
            None,
        );
        result.weighting = weighting;
        out.push(result);
        Ok(total)
    }

    /// A score as an integer at the sum scale.
    fn scaled(&self, d: Decimal) -> Result<i128, EvaluationError> {
        crate::number::to_scaled(d, self.sum_scale).ok_or_else(overflow)
    }

    /// An integer at the sum scale as a score.
    fn unscale(&self, v: i128) -> Result<Decimal, EvaluationError> {
        crate::number::from_scaled(v, self.sum_scale).ok_or_else(overflow)
    }
}

/// A leaf's target, actual value and unit, as the 自评表 columns show
/// them: read once from its working (the last step that gives each), or,
/// for a leaf left out, from its rule.
fn columns(
    node: &Node,
    steps: &[Step],
) -> (
    Option<Arc<str>>,
    Option<Arc<str>>,
    Option<crate::unit::Unit>,
) {
    let mut target = None;
    let mut actual = None;
    let mut unit = None;
    for step in steps.iter().rev() {
        match step {
            Step::Target {
                written, target: t, ..
            } if target.is_none() => {
                target = Some(Arc::clone(written));
                unit = t.unit().cloned();
            }
            Step::Actual {
                written: Some(w), ..
            } if actual.is_none() => actual = Some(Arc::clone(w)),
            Step::Actual {
                written: None,
                value,
                unit,
                ..
            } if actual.is_none() => {
                actual = Some(column(|out| {
                    crate::number::write_plain(out, *value);
                    if let Some(unit) = unit {
                        out.push_str(unit.as_str());
                    }
                }));
            }
            Step::Measure { value, percent, .. } if actual.is_none() => {
                let (shown, rounded) = crate::number::approximate(*value, 2);
                actual = Some(column(|out| {
                    if rounded {
                        out.push('≈');
                    }
                    crate::number::write_plain(out, shown);
                    if *percent {
                        out.push('%');
                    }
                }));
            }
            Step::Level { level, .. } if actual.is_none() => actual = Some(Arc::clone(level)),
            _ => {}
        }
        if target.is_some() && actual.is_some() {
            break;
        }
    }
    if target.is_none() {
        if let Some(CompiledRule::Target(t)) = &node.rule {
            if let Some((written, value)) = &t.target {
                target = Some(Arc::clone(written));
                unit = value.unit().cloned();
            }
        }
    }
    (target, actual, unit)
}

/// A column's text, written into this thread's scratch string and copied
/// once into its `Arc`: one allocation.
fn column(write: impl FnOnce(&mut String)) -> Arc<str> {
    thread_local! {
        static SCRATCH: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    // The scratch string is taken out while it is written and given back
    // after; where it is gone (in a thread-local's destructor) a new string
    // serves.
    let mut out = SCRATCH
        .try_with(|s| s.try_borrow_mut().map(|mut b| std::mem::take(&mut *b)))
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default();
    out.clear();
    write(&mut out);
    let text = Arc::from(out.as_str());
    let _ = SCRATCH.try_with(|s| {
        if let Ok(mut b) = s.try_borrow_mut() {
            *b = out;
        }
    });
    text
}

/// One indicator's result.
fn node_result(
    node: &Node,
    low: Decimal,
    high: Decimal,
    excluded: bool,
    (claimed, deviation): (Option<Decimal>, Option<Arc<str>>),
    children: Vec<IndicatorEvaluation>,
    leaf: Option<LeafEvaluation>,
) -> IndicatorEvaluation {
    IndicatorEvaluation {
        id: Arc::clone(&node.id),
        name: Arc::clone(&node.name),
        points: node.points,
        score: (!excluded && low == high).then_some(low),
        low,
        high,
        excluded,
        claimed,
        deviation,
        chosen: None,
        weighting: None,
        children,
        leaf,
    }
}

fn overflow() -> EvaluationError {
    EvaluationError::new(vec![FactIssue::new(
        None,
        "indicators",
        FactIssueKind::Overflow {
            formula: "the sum of the scores".to_owned(),
        },
    )])
}

fn add3(a: Sum, b: Sum) -> Option<Sum> {
    Some((
        a.0.checked_add(b.0)?,
        a.1.checked_add(b.1)?,
        a.2.checked_add(b.2)?,
    ))
}

/// The total's sentence.
fn total_sentence(e: &Evaluation, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    if let Some(r) = &e.rescaled {
        let raw = if r.low == r.high {
            plain(r.low)
        } else if zh {
            format!("{}至{}", plain(r.low), plain(r.high))
        } else {
            format!("{} to {}", plain(r.low), plain(r.high))
        };
        out.push_str(&if zh {
            format!(
                "适用指标得分{raw}分 ÷ 适用分值{}分 × {}，",
                plain(r.applicable_points),
                plain(e.points)
            )
        } else {
            format!(
                "applicable scores {raw} ÷ applicable points {} × {}; ",
                plain(r.applicable_points),
                plain(e.points)
            )
        });
    }
    if let Some(w) = e.adjustments.as_ref().and_then(|a| a.working.as_deref()) {
        out.push_str(w);
        out.push_str(if zh { "；" } else { "; " });
    }
    let grades = e.possible_grades.join(if zh { "、" } else { ", " });
    match (e.total, zh) {
        (Some(t), true) => out.push_str(&format!(
            "总分{}分（满分{}分），评价等级：{}",
            plain(t),
            plain(e.points),
            e.grade.as_deref().unwrap_or("无对应等级")
        )),
        (None, true) => out.push_str(&format!(
            "总分在{}至{}分之间（满分{}分），可能的评价等级：{grades}",
            plain(e.low),
            plain(e.high),
            plain(e.points)
        )),
        (Some(t), false) => out.push_str(&format!(
            "total {} of {} points, grade: {}",
            plain(t),
            plain(e.points),
            e.grade.as_deref().unwrap_or("none")
        )),
        (None, false) => out.push_str(&format!(
            "total between {} and {} of {} points, possible grades: {grades}",
            plain(e.low),
            plain(e.high),
            plain(e.points)
        )),
    }
    out
}

/// A long key as a field name shows it: its first 40 characters.
fn shortened(key: &str) -> String {
    let mut out: String = key.chars().take(40).collect();
    out.push('…');
    out
}

/// How much work suggestions may take in one evaluation: a few names get
/// one, each compared within a bounded number of table cells, so that
/// thousands of wrong keys cost no more than a few.
struct Budget {
    /// Problems that may still get a suggestion.
    suggestions: std::cell::Cell<usize>,
    /// Edit-distance table cells still to spend.
    cells: std::cell::Cell<usize>,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            suggestions: std::cell::Cell::new(limits::MAX_LISTED_PATHS),
            cells: std::cell::Cell::new(4_000_000),
        }
    }
}

/// The declared name closest to `name`, if it is close enough to be a
/// typo, within the budget: only candidates of a near length are compared,
/// each within a band of the allowed distance.
fn closest<'a>(
    budget: &Budget,
    name: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<String> {
    let left = budget.suggestions.get().checked_sub(1)?;
    budget.suggestions.set(left);
    let target: Vec<char> = name.chars().collect();
    let limit = (target.len() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    let mut other: Vec<char> = Vec::new();
    let mut row: Vec<usize> = Vec::new();
    for c in candidates {
        let n = c.chars().count();
        if n.abs_diff(target.len()) > limit {
            continue;
        }
        let cells = target.len().saturating_mul(2 * limit + 1);
        let Some(rest) = budget.cells.get().checked_sub(cells) else {
            break;
        };
        budget.cells.set(rest);
        other.clear();
        other.extend(c.chars());
        if let Some(d) = distance(&target, &other, limit, &mut row) {
            let better = match best {
                None => true,
                Some((bd, bc)) => d < bd || (d == bd && c < bc),
            };
            if d > 0 && better {
                best = Some((d, c));
            }
        }
    }
    best.map(|(_, c)| c.to_owned())
}

/// Levenshtein distance over characters if it is at most `limit`, computed
/// in the band of width `2 × limit + 1` around the diagonal.
fn distance(a: &[char], b: &[char], limit: usize, row: &mut Vec<usize>) -> Option<usize> {
    const FAR: usize = usize::MAX / 2;
    let m = b.len();
    row.clear();
    row.extend((0..=m).map(|j| if j <= limit { j } else { FAR }));
    for (i, ca) in a.iter().enumerate().map(|(i, c)| (i + 1, c)) {
        let lo = i.saturating_sub(limit).max(1);
        let hi = (i + limit).min(m);
        if lo > hi {
            return None;
        }
        // D[i-1][lo-1], then D[i][lo-1]: outside the band but at column 0.
        let mut diagonal = row[lo - 1];
        row[lo - 1] = if lo == 1 { i } else { FAR };
        let mut smallest = row[lo - 1];
        for j in lo..=hi {
            let up = row[j];
            let here = if *ca == b[j - 1] {
                diagonal
            } else {
                1 + diagonal.min(up).min(row[j - 1])
            };
            row[j] = here;
            diagonal = up;
            smallest = smallest.min(here);
        }
        if smallest > limit {
            return None;
        }
    }
    let d = row[m];
    (d <= limit).then_some(d)
}

/// What an override must be on.
fn override_scored() -> Text {
    Text::new(
        "an override only on a leaf that is scored",
        "仅对参与计分的指标作出的复核调整",
    )
}
