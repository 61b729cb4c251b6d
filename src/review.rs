//! [`Rubric::review`]: the reviewer's work on a submission (复核) — the
//! department's self-scores reconciled against the computed ones, the base
//! data cross-checked (勾稽关系), and what would change the score.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::deviations::{target_text as by_id_target, BudgetSummary, Deviation};
use crate::error::{EvaluationError, FactIssue, FactIssueKind, Field, Text};
use crate::evaluate::{EvalOptions, Evaluation, IndicatorEvaluation};
use crate::exact::{self, Fraction};
use crate::explain::{InputValue, Lang};
use crate::facts::{Answer, AnswerFields, FactValue, Facts, ItemAnswer};
use crate::formula::ComputeError;
use crate::number::plain;
use crate::rubric::{CompiledCheck, Node, Rubric};
use crate::rules::interval::End;
use crate::rules::{Better, CompiledInterval, CompiledRule, Direction, PartialUnit};
use crate::spec::{NotApplicable, Relation};

/// A submission reviewed: the evaluation, each claimed score reconciled,
/// every cross-check, and what would change the score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Review {
    /// The evaluation of the facts.
    pub evaluation: Evaluation,
    /// Each leaf's claimed score against the computed one, in table order.
    pub claims: Vec<ClaimCheck>,
    /// The claims added up.
    pub summary: ClaimSummary,
    /// Every cross-check of the base data, in the rubric's order.
    pub checks: Vec<CheckResult>,
    /// What would change the score.
    pub what_if: WhatIf,
    /// Rows whose deviation from their target needs its 偏差原因: missed,
    /// below their points, overshot; with the reason the facts give.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deviations: Vec<Deviation>,
    /// The header block of a project self-evaluation (项目支出绩效自评表).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetSummary>,
}

/// How a claimed score compares with the computed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    /// The claim is the computed score.
    Matches,
    /// The claim is above the computed score.
    Higher,
    /// The claim is below the computed score.
    Lower,
    /// Unknown facts leave a range, and the claim lies in it.
    WithinRange,
    /// The claim is above every score the unknown facts allow.
    AboveRange,
    /// The claim is below every score the unknown facts allow.
    BelowRange,
}

/// One leaf's claim reconciled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ClaimCheck {
    /// The leaf's id.
    pub id: Arc<str>,
    /// The leaf's name.
    pub name: Arc<str>,
    /// The points.
    pub points: Decimal,
    /// The claimed score.
    pub claimed: Decimal,
    /// The lowest computed score.
    pub low: Decimal,
    /// The highest computed score.
    pub high: Decimal,
    /// How the claim compares.
    pub status: ClaimStatus,
    /// Whether the rule as written can give the claimed score at all.
    pub attainable: bool,
    /// The scores the rule can give, where they are few enough to list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub possible: Option<Vec<Decimal>>,
    /// Points claimed beyond the highest the facts support.
    pub unsupported: Decimal,
}

/// The claims added up against the computed total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ClaimSummary {
    /// The total the department states, if it states one.
    pub claimed_total: Option<Decimal>,
    /// The sum of the leaves' claims.
    pub claimed_sum: Decimal,
    /// How many leaves carry a claim, and how many leaves there are.
    pub claimed_leaves: ClaimedLeaves,
    /// The lowest computed total.
    pub low: Decimal,
    /// The highest computed total.
    pub high: Decimal,
    /// The grade the computed total gives, where it is one.
    pub grade: Option<Arc<str>>,
    /// Points claimed beyond what the facts support, over all leaves.
    pub unsupported: Decimal,
    /// Points the claimed total (or the sum of the claims, where the facts
    /// state no total) is above the highest total the facts support.
    #[serde(default)]
    pub total_unsupported: Decimal,
    /// Claims the rules cannot give.
    pub unattainable: usize,
}

/// How many leaves carry a self-score: `{"claimed": 17, "of": 17}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimedLeaves {
    /// The leaves with a claim.
    pub claimed: usize,
    /// All the leaves of the table.
    pub of: usize,
}

/// One leaf that could supply points toward the next grade:
/// `{"id": "在职人员控制率", "points": "5"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gain {
    /// The leaf's id.
    pub id: Arc<str>,
    /// The points it could gain, in the table's points.
    pub points: Decimal,
}

/// The outcome of one cross-check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckOutcome {
    /// The relation holds.
    Holds,
    /// The relation fails.
    Fails,
    /// Facts it needs are unknown or missing.
    Unchecked,
}

/// One side of a check, computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CheckSide {
    /// The formula in canonical form.
    pub formula: Arc<str>,
    /// The inputs read.
    pub inputs: Vec<InputValue>,
    /// The value, when every input is known.
    pub value: Option<Decimal>,
    /// Whether the value is a percentage.
    pub percent: bool,
}

/// One cross-check of the base data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CheckResult {
    /// The check's id.
    pub id: Arc<str>,
    /// What it means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Arc<str>>,
    /// How the sides must compare.
    pub relation: Relation,
    /// The left side.
    pub left: CheckSide,
    /// The right side.
    pub right: CheckSide,
    /// How far apart the sides may be.
    pub tolerance: Decimal,
    /// Whether it holds.
    pub outcome: CheckOutcome,
    /// Left less right, when both are known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difference: Option<Decimal>,
    /// Where a failing equality's reported side equals a likely slip of
    /// the other side's formula, which slip, written out with its numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slip: Option<Slip>,
    /// The inputs it needs that are unknown or missing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<Arc<str>>,
    /// Whether a side divides by zero, so that the check cannot be made.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub zero_denominator: bool,
}

/// A likely slip behind a failing check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Slip {
    /// Which slip.
    pub kind: SlipKind,
    /// The formula as the reported figure was computed, with its numbers
    /// (`34 ÷ 39 × 100%`).
    pub formula: String,
}

/// Slips that turn a correct formula into a reported figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SlipKind {
    /// The ratio turned upside down: `b / a` for `a / b`.
    Inverse,
    /// The ratio given for a rate of change: `a / b` for `(a - b) / b`.
    RatioForChange,
}

/// What would change the score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct WhatIf {
    /// For every leaf below its full points, what would give full points.
    pub leaves: Vec<LeafWhatIf>,
    /// The fewest points that would reach the next grade band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_grade: Option<NextGrade>,
    /// Unknown facts, ranked by how much knowing each alone would narrow
    /// the total's range.
    pub narrowing: Vec<Narrowing>,
}

/// What would give a leaf full points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LeafWhatIf {
    /// The leaf's id.
    pub id: Arc<str>,
    /// The leaf's name.
    pub name: Arc<str>,
    /// The points.
    pub points: Decimal,
    /// The points it could gain from its lowest computed score.
    pub gain: Decimal,
    /// What it takes.
    pub requirement: Requirement,
}

/// What a leaf needs for full points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Requirement {
    /// The measured value in a range; with, where one input alone can get
    /// it there (the others as they are), the bound on that input.
    Measure {
        /// The measure's name.
        label: Arc<str>,
        /// The ranges of values that give full points, e.g. `(-∞,101%)`.
        ranges: Vec<Arc<str>>,
        /// Single-input ways there: `在职人员数 ≤ 34`.
        inputs: Vec<InputBound>,
    },
    /// These checklist items met.
    Items {
        /// The items.
        ids: Vec<Arc<str>>,
    },
    /// No cases in these categories.
    NoCases {
        /// The categories.
        ids: Vec<Arc<str>>,
    },
    /// A rating at one of these levels (with a score at the top of its range).
    Level {
        /// The levels giving full points.
        levels: Vec<Arc<str>>,
        /// Where such a level gives a range of points, the score the
        /// evaluator must choose in it: the full points.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        top: Option<Decimal>,
    },
    /// The evaluator's full score, with a reason.
    Judgement,
    /// Every listed target met (within its line).
    TargetsMet {
        /// The targets missed, or unknown.
        missed: Vec<Arc<str>>,
    },
    /// The actual value meeting the target (年度指标值), within the line
    /// past which overshooting scores nothing.
    Target {
        /// The target as written.
        target: Arc<str>,
        /// The line, in percent beyond the target, where overshooting it
        /// scores nothing.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        within: Option<Decimal>,
    },
    /// A relative leaf: the value that gives full points against the other
    /// departments of the batch as they stand.
    Peers {
        /// The measure's name.
        label: Arc<str>,
        /// What the value is held against.
        basis: PeerBasis,
        /// At least (higher is better) or at most.
        relation: Relation,
        /// The value, or `None` where other departments' unknown values
        /// leave it open.
        bound: Option<Decimal>,
        /// Whether the bound itself falls short.
        strict: bool,
        /// Whether the value is a percentage.
        percent: bool,
    },
    /// A reviewer's override set the score; the reviewer decides.
    Overridden,
    /// The rule cannot give full points.
    Unreachable,
}

/// What a relative leaf's value is held against for full points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PeerBasis {
    /// The best of the other departments' values: first place.
    First,
    /// The other departments' values: not short of the batch average
    /// (which its own value moves too).
    Average,
}

/// A bound on one input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct InputBound {
    /// The input.
    pub input: Arc<str>,
    /// At most or at least.
    pub relation: Relation,
    /// The bound.
    pub bound: Decimal,
    /// Whether the bound itself is excluded.
    pub strict: bool,
    /// Whether the input is a percentage (the bound in percentage points).
    #[serde(default)]
    pub percent: bool,
}

/// Points to the next grade band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NextGrade {
    /// The grade.
    pub grade: Arc<str>,
    /// Its lowest total.
    pub min: Decimal,
    /// The lowest computed total, which the points are counted from.
    pub from_score: Decimal,
    /// The points the leaves must gain (on a rescaled total, before the
    /// rescaling) to lift the lowest computed total to the grade.
    pub needed: Decimal,
    /// Leaves that could supply them, most first: each leaf's id and the
    /// points it could gain in the table's points (under a branch on its
    /// own scale, the leaf's points converted, rounded toward zero where
    /// not exact).
    pub from: Vec<Gain>,
}

/// How much knowing one fact (or a group of facts together) would narrow
/// the total's range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Narrowing {
    /// The input name, or `answers.<id>` / `answers.<id>.items.<item>`; for
    /// a group, the names joined with `、`.
    pub fact: Arc<str>,
    /// For a leaf that needs several unknown facts, all of them: only
    /// knowing them together settles it. Empty for a single fact.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub together: Vec<Arc<str>>,
    /// The width of the total's range it alone accounts for, in the
    /// table's points (through branches on their own scales; an item's
    /// within its cap).
    pub width: Decimal,
    /// The leaves it would settle.
    pub leaves: Vec<Arc<str>>,
}

impl Rubric {
    /// Reviews a submission: evaluates the facts, reconciles every claimed
    /// score, runs the cross-checks, and works out what would change the score.
    ///
    /// # Errors
    ///
    /// As [`Rubric::evaluate`].
    pub fn review(&self, facts: &Facts) -> Result<Review, EvaluationError> {
        self.review_with(facts, &EvalOptions::default())
    }

    /// Reviews a submission with the working as `options` say.
    ///
    /// # Errors
    ///
    /// As [`Rubric::evaluate`].
    pub fn review_with(
        &self,
        facts: &Facts,
        options: &EvalOptions,
    ) -> Result<Review, EvaluationError> {
        self.on_this_thread(|rubric| {
            let evaluation = rubric.evaluate_here(facts, options)?;
            rubric.review_of(facts, evaluation)
        })
    }

    /// Reviews a submission already evaluated (alone, or in its batch).
    pub(crate) fn review_of(
        &self,
        facts: &Facts,
        mut evaluation: Evaluation,
    ) -> Result<Review, EvaluationError> {
        evaluation.provenance = Some(self.provenance(facts));
        let by_id: BTreeMap<&str, &IndicatorEvaluation> =
            evaluation.iter().map(|n| (&*n.id, n)).collect();
        let mut claims = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            let Some(possible) = self.possible(i) else {
                continue;
            };
            let (Some(claim), Some(result)) = (facts.claimed.get(&*node.id), by_id.get(&*node.id))
            else {
                continue;
            };
            let Some(check) = self.reconcile(node, possible, claim.0, result) else {
                return Err(not_exact(
                    Field::key("claimed", &node.id),
                    Text::new(
                        format!(
                            "the claim on `{}` less the highest computed score",
                            node.name
                        ),
                        format!("“{}”的自评得分减去最高复核得分", node.name),
                    ),
                ));
            };
            claims.push(check);
        }
        let claimed_sum = exact::sum(claims.iter().map(|c| c.claimed)).ok_or_else(|| {
            not_exact(
                Field::parse("claimed"),
                Text::new("the sum of the claimed scores", "自评得分之和"),
            )
        })?;
        let unsupported = exact::sum(claims.iter().map(|c| c.unsupported)).ok_or_else(|| {
            not_exact(
                Field::parse("claimed"),
                Text::new(
                    "the sum of the points claimed beyond the facts",
                    "超出现有资料支持的自评分之和",
                ),
            )
        })?;
        let claimed = facts.claimed_total.unwrap_or(claimed_sum);
        let total_unsupported = exact::sub(claimed, evaluation.high)
            .ok_or_else(|| {
                not_exact(
                    Field::parse("claimed_total"),
                    Text::new(
                        "the claimed total less the highest total",
                        "自评总分减去最高复核总分",
                    ),
                )
            })?
            .max(Decimal::ZERO);
        let summary = ClaimSummary {
            total_unsupported,
            claimed_total: facts.claimed_total,
            claimed_sum,
            claimed_leaves: ClaimedLeaves {
                claimed: claims.len(),
                of: self.nodes.iter().filter(|n| n.rule.is_some()).count(),
            },
            low: evaluation.low,
            high: evaluation.high,
            grade: evaluation.grade.clone(),
            unsupported,
            unattainable: claims.iter().filter(|c| !c.attainable).count(),
        };
        let values = self.values(facts);
        let mut checks = Vec::with_capacity(self.checks.len());
        for (i, c) in self.checks.iter().enumerate() {
            match self.check(c, &values) {
                Ok(result) => checks.push(result),
                Err(side) => {
                    return Err(not_exact(
                        Field::parse("checks").then_index(i).then(side),
                        Text::new(
                            format!("the check `{}`", c.id),
                            format!("勾稽关系“{}”", c.id),
                        ),
                    ))
                }
            }
        }
        let what_if = self.what_if(facts, &evaluation, &by_id, &values);
        let deviations = self.deviations(&evaluation);
        let budget = self.budget_summary(facts, &evaluation);
        Ok(Review {
            evaluation,
            claims,
            summary,
            checks,
            what_if,
            deviations,
            budget,
        })
    }

    /// Known input values by slot.
    fn values(&self, facts: &Facts) -> Vec<Option<Decimal>> {
        self.inputs
            .iter()
            .map(|i| match facts.values.get(&i.spec.name) {
                Some(FactValue::Number(n) | FactValue::Percent(n)) => Some(*n),
                _ => None,
            })
            .collect()
    }

    /// The scores leaf `i`'s rule can give (`None` for a branch): they
    /// depend on the rubric alone, so they are worked out once, at its
    /// first review, and kept.
    fn possible(&self, i: usize) -> Option<&Possible> {
        self.possible
            .get_or_init(|| {
                let (precision, strategy) = (self.precision(), self.rounding().strategy());
                self.nodes
                    .iter()
                    .map(|node| {
                        let rule = node.rule.as_ref()?;
                        Some(possible_scores(rule, node, precision, strategy))
                    })
                    .collect()
            })
            .get(i)?
            .as_ref()
    }

    fn reconcile(
        &self,
        node: &Node,
        possible: &Possible,
        claimed: Decimal,
        result: &IndicatorEvaluation,
    ) -> Option<ClaimCheck> {
        let status = match result.score {
            Some(s) if claimed == s => ClaimStatus::Matches,
            Some(s) if claimed > s => ClaimStatus::Higher,
            Some(_) => ClaimStatus::Lower,
            None if claimed > result.high => ClaimStatus::AboveRange,
            None if claimed < result.low => ClaimStatus::BelowRange,
            None => ClaimStatus::WithinRange,
        };
        // A leaf given a share of a sibling's points scores its rule's
        // scores brought to the enlarged points; others read the rubric's
        // own, without a copy.
        let shared = result.points != node.points && !node.points.is_zero();
        let mut possible = Cow::Borrowed(possible);
        if shared {
            if let Possible::Listed(list) = &*possible {
                possible = Cow::Owned(Possible::Listed(
                    list.iter()
                        .filter_map(|&v| {
                            let q = exact::mul_div(v, result.points, node.points)?.value;
                            Some(crate::number::round(
                                q,
                                self.precision(),
                                self.rounding().strategy(),
                            ))
                        })
                        .collect(),
                ));
            }
        }
        let within_precision = claimed.normalize().scale() <= self.precision();
        let attainable = within_precision
            && claimed >= Decimal::ZERO
            && claimed <= result.points
            && match &*possible {
                Possible::Listed(list) => list.contains(&claimed),
                // Ranges on the rule's own points; on a share, any score.
                Possible::Between(_) if shared => true,
                Possible::Between(ranges) => ranges.iter().any(|r| r.contains(claimed)),
            };
        Some(ClaimCheck {
            id: Arc::clone(&node.id),
            name: Arc::clone(&node.name),
            points: result.points,
            claimed,
            low: result.low,
            high: result.high,
            status,
            attainable,
            possible: match possible {
                Cow::Owned(Possible::Listed(list)) => Some(list),
                Cow::Borrowed(Possible::Listed(list)) => Some(list.clone()),
                _ => None,
            },
            unsupported: exact::sub(claimed, result.high)?.max(Decimal::ZERO),
        })
    }

    /// Runs one cross-check, comparing the exact values of its sides;
    /// `Err` with the side whose figures do not fit a decimal.
    fn check(
        &self,
        check: &CompiledCheck,
        values: &[Option<Decimal>],
    ) -> Result<CheckResult, &'static str> {
        let numbers: Vec<Decimal> = values.iter().map(|v| v.unwrap_or_default()).collect();
        let mut zero = false;
        let mut side = |m: &crate::rules::CompiledMeasure,
                        name: &'static str|
         -> Result<ComputedSide, &'static str> {
            let mut unknown = Vec::new();
            let mut inputs = Vec::new();
            for &slot in &m.formula.inputs {
                match values.get(slot).copied().flatten() {
                    Some(v) => inputs.push(InputValue {
                        name: Arc::clone(&self.input_names[slot]),
                        value: v,
                    }),
                    None => unknown.push(Arc::clone(&self.input_names[slot])),
                }
            }
            let exact = if unknown.is_empty() {
                match m.formula.compute(&numbers) {
                    Ok(f) => Some(f),
                    Err(ComputeError::DivisionByZero) => {
                        zero = true;
                        None
                    }
                    Err(ComputeError::Overflow) => return Err(name),
                }
            } else {
                None
            };
            let value = match exact {
                Some(f) => Some(f.quotient().ok_or(name)?.value),
                None => None,
            };
            Ok((
                CheckSide {
                    formula: Arc::clone(&m.formula.display),
                    inputs,
                    value,
                    percent: m.percent,
                },
                unknown,
                exact,
            ))
        };
        let (left, mut unknown, left_exact) = side(&check.left, "left")?;
        let (right, more, right_exact) = side(&check.right, "right")?;
        unknown.extend(more);
        let difference = match (left_exact, right_exact) {
            (Some(l), Some(r)) => Some(l.sub(r).ok_or("left")?),
            _ => None,
        };
        let outcome = match difference {
            None => CheckOutcome::Unchecked,
            Some(d) => {
                let t = check.tolerance;
                let holds = match check.relation {
                    Relation::Equal => d.abs().cmp_value(t),
                    Relation::AtMost => d.cmp_value(t),
                    Relation::AtLeast => d.neg().cmp_value(t),
                }
                .ok_or("left")?
                    != Ordering::Greater;
                if holds {
                    CheckOutcome::Holds
                } else {
                    CheckOutcome::Fails
                }
            }
        };
        let slip = (outcome == CheckOutcome::Fails && check.relation == Relation::Equal)
            .then(|| {
                let tolerance = check.tolerance.max(Decimal::new(5, 3));
                let other = |reported: Option<Fraction>,
                             m: &crate::rules::CompiledMeasure|
                 -> Option<Slip> {
                    [
                        (SlipKind::Inverse, m.formula.inverse()),
                        (SlipKind::RatioForChange, m.formula.ratio_for_change()),
                    ]
                    .into_iter()
                    .find_map(|(kind, f)| {
                        let f = f?;
                        let v = f.compute(&numbers).ok()?;
                        let gap = reported?.sub(v)?.abs();
                        let close = gap.cmp_value(tolerance)? != Ordering::Greater;
                        close.then(|| Slip {
                            kind,
                            formula: f.written(&|slot| {
                                numbers.get(slot).map(|n| plain(*n)).unwrap_or_default()
                            }),
                        })
                    })
                };
                other(left_exact, &check.right).or_else(|| other(right_exact, &check.left))
            })
            .flatten();
        Ok(CheckResult {
            id: Arc::clone(&check.id),
            description: check.description.clone(),
            relation: check.relation,
            left,
            right,
            tolerance: check.tolerance,
            outcome,
            difference: match difference {
                Some(d) => Some(d.quotient().ok_or("left")?.value),
                None => None,
            },
            slip,
            unknown,
            zero_denominator: zero,
        })
    }

    fn what_if(
        &self,
        facts: &Facts,
        evaluation: &Evaluation,
        by_id: &BTreeMap<&str, &IndicatorEvaluation>,
        values: &[Option<Decimal>],
    ) -> WhatIf {
        let mut leaves = Vec::new();
        // Every input's number once, for every leaf's formula.
        let numbers: Vec<Decimal> = values.iter().map(|v| v.unwrap_or_default()).collect();
        for node in &self.nodes {
            let Some(rule) = &node.rule else { continue };
            let Some(result) = by_id.get(&*node.id) else {
                continue;
            };
            // Left out, not chosen, or not applicable: nothing to gain.
            // A leaf given a share is out of its enlarged points.
            if result.excluded
                || result.low >= result.points
                || result.chosen == Some(false)
                || facts.not_applicable.contains_key(&*node.id)
            {
                continue;
            }
            let requirement = if facts.overrides.contains_key(&*node.id) {
                Requirement::Overridden
            } else {
                self.requirement(node, rule, facts, values, &numbers, result)
            };
            leaves.push(LeafWhatIf {
                id: Arc::clone(&node.id),
                name: Arc::clone(&node.name),
                points: result.points,
                gain: exact::sub(result.points, result.low).unwrap_or_default(),
                requirement,
            });
        }
        // What a leaf's point is worth in the table's points, for both.
        let factors = self.factors(evaluation);
        let next_grade = self.next_grade(evaluation, &leaves, &factors);
        let narrowing = self.narrowing(facts, by_id, &factors);
        WhatIf {
            leaves,
            next_grade,
            narrowing,
        }
    }

    /// What a point of each leaf under a branch on its own scale is worth
    /// in the table's points: the product of `points ÷ applicable` over its
    /// weighted ancestors, rounded toward zero at the rubric's precision
    /// where it is not exact (a what-if never overstates a gain). Leaves
    /// not under such a branch are absent (a factor of 1).
    fn factors<'e>(&self, evaluation: &'e Evaluation) -> BTreeMap<&'e str, Decimal> {
        fn walk<'e>(
            node: &'e IndicatorEvaluation,
            factor: Option<(Decimal, Decimal)>,
            out: &mut BTreeMap<&'e str, (Decimal, Decimal)>,
        ) {
            let factor = match &node.weighting {
                Some(w) => {
                    let (num, den) = factor.unwrap_or((Decimal::ONE, Decimal::ONE));
                    match (num.checked_mul(node.points), den.checked_mul(w.applicable)) {
                        (Some(n), Some(d)) => Some((n, d)),
                        _ => Some((Decimal::ZERO, Decimal::ONE)),
                    }
                }
                None => factor,
            };
            if node.children.is_empty() {
                if let Some(f) = factor {
                    out.insert(&node.id, f);
                }
            }
            for c in &node.children {
                walk(c, factor, out);
            }
        }
        let mut fractions = BTreeMap::new();
        for node in &evaluation.indicators {
            walk(node, None, &mut fractions);
        }
        fractions
            .into_iter()
            .map(|(id, (num, den))| {
                let f = exact::mul_div(Decimal::ONE, num, den)
                    .map(|q| {
                        q.value.round_dp_with_strategy(
                            self.precision() + 2,
                            rust_decimal::RoundingStrategy::ToZero,
                        )
                    })
                    .unwrap_or_default();
                (id, f)
            })
            .collect()
    }

    /// A leaf's points in the table's points: through its branches' scales.
    fn in_table(factors: &BTreeMap<&str, Decimal>, id: &str, v: Decimal) -> Decimal {
        match factors.get(id) {
            Some(f) => v.checked_mul(*f).unwrap_or_default(),
            None => v,
        }
    }

    fn next_grade(
        &self,
        evaluation: &Evaluation,
        leaves: &[LeafWhatIf],
        factors: &BTreeMap<&str, Decimal>,
    ) -> Option<NextGrade> {
        // A veto that holds decides the total or the grade whatever the
        // leaves score; bonus and penalty items gain only within their
        // caps, so the route to the next grade runs through the table.
        // A veto that may zero the total leaves no route either: the grade
        // turns on the veto, not on the leaves.
        if let Some(a) = &evaluation.adjustments {
            if a.vetoes.iter().any(|v| {
                v.holds == Some(true)
                    || (v.holds.is_none() && v.effect == crate::spec::VetoEffect::Zero)
            }) {
                return None;
            }
        }
        let items: std::collections::BTreeSet<&str> = evaluation.items().map(|i| &*i.id).collect();
        let current = self.grade_index(evaluation.low);
        let next = match current {
            Some(0) => return None,
            Some(i) => i - 1,
            None => self.grades.len().checked_sub(1)?,
        };
        let grade = &self.grades[next];
        // On a rescaled total, a leaf's points count for total ÷ applicable
        // points each: the leaves must supply fewer raw points.
        let mut needed = exact::sub(grade.min, evaluation.low)?;
        if let Some(r) = &evaluation.rescaled {
            // Rounded to odd past the precision, so rounding up is exact.
            needed = exact::mul_div(needed, r.applicable_points, evaluation.points)?
                .value
                .round_dp_with_strategy(
                    self.precision(),
                    rust_decimal::RoundingStrategy::AwayFromZero,
                );
        }
        // A leaf under a branch on its own scale gains its points converted.
        let mut gains: Vec<(Arc<str>, Decimal)> = leaves
            .iter()
            .filter(|l| !items.contains(&*l.id))
            .map(|l| (Arc::clone(&l.id), Self::in_table(factors, &l.id, l.gain)))
            .filter(|(_, gain)| !gain.is_zero())
            .collect();
        gains.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut supplied = Decimal::ZERO;
        let mut from = Vec::new();
        for (id, gain) in gains {
            if supplied >= needed {
                break;
            }
            supplied = exact::add(supplied, gain)?;
            from.push(Gain { id, points: gain });
        }
        Some(NextGrade {
            grade: Arc::clone(&grade.label),
            min: grade.min,
            from_score: evaluation.low,
            needed,
            from,
        })
    }

    fn narrowing(
        &self,
        facts: &Facts,
        by_id: &BTreeMap<&str, &IndicatorEvaluation>,
        factors: &BTreeMap<&str, Decimal>,
    ) -> Vec<Narrowing> {
        type Entry = (Decimal, Vec<Arc<str>>, Vec<Arc<str>>);
        let mut out: BTreeMap<String, Entry> = BTreeMap::new();
        let item_cap: BTreeMap<&str, Decimal> = [&self.bonus, &self.penalty]
            .into_iter()
            .flatten()
            .flat_map(|e| e.items.iter().map(|&i| (&*self.nodes[i].id, e.cap)))
            .collect();
        let mut add = |fact: String, together: Vec<Arc<str>>, width: Decimal, leaf: &Arc<str>| {
            let entry = out
                .entry(fact)
                .or_insert_with(|| (Decimal::ZERO, Vec::new(), together));
            // Widths are leaf ranges within the rubric's total: they add up.
            entry.0 = exact::add(entry.0, width).unwrap_or(entry.0);
            entry.1.push(Arc::clone(leaf));
        };
        for node in &self.nodes {
            let Some(rule) = &node.rule else { continue };
            let Some(result) = by_id.get(&*node.id) else {
                continue;
            };
            // In the table's points: through the branches' scales, and an
            // item's within its cap.
            let mut width = Self::in_table(
                factors,
                &node.id,
                exact::sub(result.high, result.low).unwrap_or_default(),
            );
            if let Some(cap) = item_cap.get(&*node.id) {
                width = width.min(*cap);
            }
            if width.is_zero() || facts.not_applicable.contains_key(&*node.id) {
                continue;
            }
            if let Some(m) = rule.measure() {
                let unknown: Vec<usize> = m
                    .formula
                    .inputs
                    .iter()
                    .copied()
                    .filter(|&slot| {
                        matches!(
                            facts.values.get(&*self.input_names[slot]),
                            Some(FactValue::Unknown)
                        )
                    })
                    .collect();
                match unknown.as_slice() {
                    [] => {}
                    [slot] => add(
                        self.input_names[*slot].to_string(),
                        Vec::new(),
                        width,
                        &node.id,
                    ),
                    // Only knowing them all settles the leaf: rank the group.
                    group => {
                        let names: Vec<Arc<str>> = group
                            .iter()
                            .map(|&slot| Arc::clone(&self.input_names[slot]))
                            .collect();
                        let key = names.iter().map(|n| &**n).collect::<Vec<_>>().join("、");
                        add(key, names, width, &node.id);
                    }
                }
            } else if matches!(
                facts.actuals.get(&*node.id),
                Some(crate::facts::Actual::Unknown)
            ) || facts.target_lists.get(&*node.id).is_some_and(|lines| {
                lines
                    .iter()
                    .any(|l| l.actual == crate::facts::Actual::Unknown)
            }) {
                let section = if facts.actuals.contains_key(&*node.id) {
                    "actuals"
                } else {
                    "target_lists"
                };
                add(
                    format!("{section}.{}", node.id),
                    Vec::new(),
                    width,
                    &node.id,
                );
            } else {
                match facts.answers.get(&*node.id) {
                    Some(Answer::Unknown) => {
                        add(format!("answers.{}", node.id), Vec::new(), width, &node.id)
                    }
                    Some(Answer::Given(AnswerFields {
                        items: Some(items), ..
                    })) => {
                        if let CompiledRule::Checklist(c) = rule {
                            let open: Vec<&str> = items
                                .iter()
                                .filter(|(_, a)| **a == ItemAnswer::Unknown)
                                .map(|(k, _)| k.as_str())
                                .collect();
                            if c.deducts() {
                                if !open.is_empty() {
                                    let together = if open.len() > 1 {
                                        open.iter().map(|o| Arc::from(*o)).collect()
                                    } else {
                                        Vec::new()
                                    };
                                    add(
                                        format!("answers.{}.items.{}", node.id, open.join("、")),
                                        together,
                                        width,
                                        &node.id,
                                    );
                                }
                            } else {
                                for item in c.items.iter().filter(|i| open.contains(&&*i.id)) {
                                    add(
                                        format!("answers.{}.items.{}", node.id, item.id),
                                        Vec::new(),
                                        item.amount,
                                        &node.id,
                                    );
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut list: Vec<Narrowing> = out
            .into_iter()
            .map(|(fact, (width, leaves, together))| Narrowing {
                fact: Arc::from(fact),
                together,
                width,
                leaves,
            })
            .collect();
        list.sort_by(|a, b| b.width.cmp(&a.width).then_with(|| a.fact.cmp(&b.fact)));
        list
    }

    fn requirement(
        &self,
        node: &Node,
        rule: &CompiledRule,
        facts: &Facts,
        values: &[Option<Decimal>],
        numbers: &[Decimal],
        result: &IndicatorEvaluation,
    ) -> Requirement {
        match rule {
            CompiledRule::Checklist(c) => {
                let answer = facts.answers.get(&*node.id);
                let items = match answer {
                    Some(Answer::Given(AnswerFields {
                        items: Some(items), ..
                    })) => Some(items),
                    _ => None,
                };
                let pending: Vec<Arc<str>> = c
                    .items
                    .iter()
                    .filter(|i| {
                        let a = items.and_then(|m| m.get(&*i.id));
                        if c.deducts() {
                            !matches!(a, None | Some(ItemAnswer::Cases(0)))
                        } else {
                            !matches!(a, Some(ItemAnswer::Met))
                        }
                    })
                    .map(|i| Arc::clone(&i.id))
                    .collect();
                if c.deducts() {
                    Requirement::NoCases { ids: pending }
                } else if c.bounds(node.points).high < node.points {
                    Requirement::Unreachable
                } else {
                    Requirement::Items { ids: pending }
                }
            }
            CompiledRule::Rating(r) => full_levels(r, node.points),
            CompiledRule::Judgement => Requirement::Judgement,
            CompiledRule::TargetsMet(_) => Requirement::TargetsMet {
                missed: result
                    .leaf
                    .iter()
                    .flat_map(|l| &l.steps)
                    .flat_map(|s| match s {
                        crate::explain::Step::TargetLines { lines, .. } => lines
                            .iter()
                            .filter(|l| l.state != crate::explain::LineState::Met)
                            .map(|l| Arc::clone(&l.name))
                            .collect(),
                        _ => Vec::new(),
                    })
                    .collect(),
            },
            CompiledRule::Target(t) => {
                let target = by_id_target(result);
                match target {
                    Some((_, true)) | None => t
                        .levels()
                        .map_or(Requirement::Unreachable, |r| full_levels(r, node.points)),
                    Some((_, false)) => Requirement::Target {
                        target: Arc::from(
                            t.target
                                .as_ref()
                                .map(|(_, v)| v.to_string())
                                .or_else(|| by_id_target(result).map(|(w, _)| w.to_string()))
                                .unwrap_or_default(),
                        ),
                        within: t.excess.and_then(|(beyond, treatment)| {
                            (treatment == crate::rules::ExcessTreatment::Zero).then_some(beyond)
                        }),
                    },
                }
            }
            _ => {
                let Some(m) = rule.measure() else {
                    return Requirement::Unreachable;
                };
                let ranges = full_ranges(rule, node.points);
                if ranges.is_empty() {
                    return Requirement::Unreachable;
                }
                let mut inputs = Vec::new();
                let all_known = m
                    .formula
                    .inputs
                    .iter()
                    .all(|&s| values.get(s).copied().flatten().is_some());
                if all_known && ranges.len() == 1 {
                    for (slot, form) in m.formula.linear_forms(numbers) {
                        inputs.extend(self.solve(form, slot, numbers, &ranges[0]));
                    }
                }
                let percent = m.percent;
                Requirement::Measure {
                    label: m
                        .formula
                        .label
                        .clone()
                        .unwrap_or_else(|| Arc::clone(&node.name)),
                    ranges: ranges
                        .iter()
                        .map(|r| Arc::from(r.display(percent)))
                        .collect(),
                    inputs,
                }
            }
        }
    }

    /// The bound on one input (the others fixed) that brings the formula
    /// into `range`, where one bound does.
    fn solve(
        &self,
        [n0, n1, d0, d1]: [Decimal; 4],
        slot: usize,
        values: &[Decimal],
        range: &CompiledInterval,
    ) -> Option<InputBound> {
        // value(x) = (n0 + n1 x) / (d0 + d1 x); its slope has the sign of n1·d0 − n0·d1.
        let slope = exact::sub(exact::mul(n1, d0)?, exact::mul(n0, d1)?)?;
        if slope.is_zero() {
            return None;
        }
        // value′(x) = slope ÷ (d0 + d1 x)²: the sign of the slope alone says
        // which way the value moves, whatever the sign of the denominator.
        let current = values.get(slot).copied()?;
        if exact::add(d0, exact::mul(d1, current)?)?.is_zero() {
            return None;
        }
        let rising = slope.is_sign_positive();
        // Only one side of the range can bind when the value must move one way.
        let (bound, strict, upper) = match (range.low, range.high) {
            (End::Infinite, End::Included(b)) => (b, false, true),
            (End::Infinite, End::Excluded(b)) => (b, true, true),
            (End::Included(b), End::Infinite) => (b, false, false),
            (End::Excluded(b), End::Infinite) => (b, true, false),
            _ => return None,
        };
        // Solve n0 + n1 x = B (d0 + d1 x), dividing once: exact, or rounded
        // to odd past the places rounded to below.
        let denominator = exact::sub(n1, exact::mul(bound, d1)?)?;
        if denominator.is_zero() {
            return None;
        }
        let x = exact::div(exact::sub(exact::mul(bound, d0)?, n0)?, denominator)?.value;
        let at_most = upper == rising;
        let input = &self.inputs[slot];
        let (mut x, mut strict) = (x, strict);
        if input.spec.integer {
            let whole = if at_most {
                if strict {
                    exact::sub(x, Decimal::ONE)?.ceil()
                } else {
                    x.floor()
                }
            } else if strict {
                exact::add(x, Decimal::ONE)?.floor()
            } else {
                x.ceil()
            };
            x = whole;
            strict = false;
        } else {
            // Two decimal places, rounded toward the inside of the range.
            let rounded = x.round_dp_with_strategy(
                2,
                if at_most {
                    rust_decimal::RoundingStrategy::ToNegativeInfinity
                } else {
                    rust_decimal::RoundingStrategy::ToPositiveInfinity
                },
            );
            if rounded != x {
                x = rounded;
                strict = false;
            }
        }
        let feasible =
            input.spec.min.is_none_or(|min| x >= min) && input.spec.max.is_none_or(|max| x <= max);
        feasible.then(|| InputBound {
            percent: input.percent,
            input: Arc::clone(&self.input_names[slot]),
            relation: if at_most {
                Relation::AtMost
            } else {
                Relation::AtLeast
            },
            bound: x.normalize(),
            strict,
        })
    }
}

/// The levels of a rating that can give full points; where one is a range
/// of points, the evaluator must also choose the top of it.
fn full_levels(r: &crate::rules::CompiledRating, points: Decimal) -> Requirement {
    let full: Vec<&crate::rules::CompiledLevel> =
        r.levels.iter().filter(|l| l.high >= points).collect();
    if full.is_empty() {
        return Requirement::Unreachable;
    }
    Requirement::Level {
        levels: full.iter().map(|l| Arc::clone(&l.name)).collect(),
        top: full.iter().any(|l| l.points.is_none()).then_some(points),
    }
}

/// One side of a check: as shown, its unknown inputs, its exact value.
type ComputedSide = (CheckSide, Vec<Arc<str>>, Option<Fraction>);

/// A review figure that does not fit an exact decimal, as an error naming
/// the field and what was being computed.
fn not_exact(field: Field, what: Text) -> EvaluationError {
    EvaluationError::new(vec![FactIssue::new(
        None,
        field,
        FactIssueKind::Inexact { what },
    )])
}

/// An interval of measured values, with the ends given.
fn interval(low: End, high: End) -> CompiledInterval {
    CompiledInterval {
        low,
        high,
        percent: false,
        plain: false,
    }
}

/// The measured values that give full points.
fn full_ranges(rule: &CompiledRule, points: Decimal) -> Vec<CompiledInterval> {
    match rule {
        CompiledRule::RatioThreshold(r) if r.deduction.is_zero() => {
            vec![interval(End::Infinite, End::Infinite)]
        }
        CompiledRule::RatioThreshold(r) => {
            // With whole steps only, anything short of one step still scores full.
            let t = r.threshold;
            let whole = r.partial_unit == PartialUnit::Whole;
            let end = |v: Option<Decimal>| match (v, whole) {
                (Some(v), true) => End::Excluded(v),
                (Some(v), false) => End::Included(v),
                (None, _) => End::Infinite,
            };
            let (above, below) = if whole {
                (end(exact::add(t, r.step)), end(exact::sub(t, r.step)))
            } else {
                (End::Included(t), End::Included(t))
            };
            vec![match r.direction {
                Direction::Above => interval(End::Infinite, above),
                Direction::Below => interval(below, End::Infinite),
                Direction::Both => interval(below, above),
            }]
        }
        CompiledRule::SteppedBands(b) if !b.absolute => b
            .bands
            .iter()
            .filter(|band| band.points >= points)
            .map(|band| band.interval)
            .collect(),
        CompiledRule::Proportional(p) => vec![match p.better {
            Better::Higher => interval(End::Included(p.target), End::Infinite),
            Better::Lower => interval(End::Infinite, End::Included(p.target)),
        }],
        _ => Vec::new(),
    }
}

/// The scores a rule can give.
#[derive(Debug, Clone)]
pub(crate) enum Possible {
    /// Few enough to list, ascending.
    Listed(Vec<Decimal>),
    /// Any score (at the precision) in these ranges.
    Between(Vec<crate::rules::CompiledInterval>),
}

/// The most scores listed before a rule's scores count as a range.
const MAX_LISTED: usize = 64;

fn possible_scores(
    rule: &CompiledRule,
    node: &Node,
    precision: u32,
    strategy: rust_decimal::RoundingStrategy,
) -> Possible {
    use crate::rules::interval::End;
    let points = node.points;
    let all = || {
        Possible::Between(vec![crate::rules::CompiledInterval {
            low: End::Included(Decimal::ZERO),
            high: End::Included(points),
            percent: false,
            plain: false,
        }])
    };
    let mut listed: Vec<Decimal> = match rule {
        CompiledRule::RatioThreshold(r)
            if r.partial_unit != PartialUnit::Proportional && !r.deduction.is_zero() =>
        {
            let mut out = Vec::new();
            let mut k = Decimal::ZERO;
            while out.len() <= MAX_LISTED {
                let Some(ded) = exact::mul(k, r.deduction) else {
                    break;
                };
                let score = exact::sub(points, ded)
                    .unwrap_or(Decimal::ZERO)
                    .max(Decimal::ZERO);
                out.push(score);
                if score.is_zero() {
                    break;
                }
                k += Decimal::ONE;
            }
            out
        }
        CompiledRule::RatioThreshold(r) if r.deduction.is_zero() => vec![points],
        CompiledRule::SteppedBands(b) => b.bands.iter().map(|b| b.points).collect(),
        CompiledRule::Checklist(c) if c.deducts() => {
            // Every total deduction reachable with whole cases, up to the points.
            let mut reach = vec![Decimal::ZERO];
            let mut i = 0;
            while i < reach.len() && reach.len() <= MAX_LISTED {
                let base = reach[i];
                for item in &c.items {
                    if let Some(next) = exact::add(base, item.amount) {
                        if next <= points && !reach.contains(&next) {
                            reach.push(next);
                        }
                    }
                }
                i += 1;
            }
            let mut out: Vec<Decimal> = reach
                .iter()
                .filter_map(|d| exact::sub(points, *d))
                .collect();
            if c.items.iter().any(|i| i.amount > Decimal::ZERO) {
                out.push(Decimal::ZERO);
            }
            out
        }
        CompiledRule::Checklist(c) if !c.partial_credit => {
            let mut sums = vec![Decimal::ZERO];
            for item in &c.items {
                let more: Vec<Decimal> = sums
                    .iter()
                    .filter_map(|s| exact::add(*s, item.amount))
                    .collect();
                for m in more {
                    if !sums.contains(&m) {
                        sums.push(m);
                    }
                }
                if sums.len() > MAX_LISTED {
                    return all();
                }
            }
            sums
        }
        CompiledRule::Rating(r) if r.levels.iter().all(|l| l.points.is_some()) => {
            r.levels.iter().filter_map(|l| l.points).collect()
        }
        CompiledRule::Rating(r) => {
            return Possible::Between(r.levels.iter().map(|l| l.range).collect());
        }
        _ => return all(),
    };
    if listed.len() > MAX_LISTED {
        return all();
    }
    // What not-applicable marks and zero denominators can give.
    match node.not_applicable {
        Some(NotApplicable::Full) => listed.push(points),
        Some(NotApplicable::Zero) => listed.push(Decimal::ZERO),
        _ => {}
    }
    match rule.zero_denominator() {
        Some(crate::rules::ZeroDenominator::Full) => listed.push(points),
        Some(crate::rules::ZeroDenominator::Zero) => listed.push(Decimal::ZERO),
        _ => {}
    }
    let mut listed: Vec<Decimal> = listed
        .into_iter()
        .map(|v| v.round_dp_with_strategy(precision, strategy).normalize())
        .collect();
    listed.sort();
    listed.dedup();
    Possible::Listed(listed)
}

/// Sentences for a review's parts, in either language, from its data.
pub(crate) mod words {
    use super::*;

    fn n(v: Decimal) -> String {
        plain(v)
    }

    fn about(v: Decimal, unit: &str, lang: Lang) -> String {
        crate::explain::about(v, 2, unit, lang)
    }

    fn range(low: Decimal, high: Decimal, lang: Lang) -> String {
        match (low == high, lang) {
            (true, _) => n(low),
            (false, Lang::Zh) => format!("{}至{}", n(low), n(high)),
            (false, Lang::En) => format!("{} to {}", n(low), n(high)),
        }
    }

    /// `自评5分，复核0分，高于计算得分；…`
    pub(crate) fn claim(c: &ClaimCheck, lang: Lang) -> String {
        let computed = range(c.low, c.high, lang);
        let mut out = match (c.status, lang) {
            (ClaimStatus::Matches, Lang::Zh) => format!("自评{}分，与复核得分一致", n(c.claimed)),
            (ClaimStatus::Higher, Lang::Zh) => {
                format!("自评{}分，高于复核得分{computed}分", n(c.claimed))
            }
            (ClaimStatus::Lower, Lang::Zh) => {
                format!("自评{}分，低于复核得分{computed}分", n(c.claimed))
            }
            (ClaimStatus::WithinRange, Lang::Zh) => format!(
                "自评{}分，在现有资料可支持的{computed}分范围内",
                n(c.claimed)
            ),
            (ClaimStatus::AboveRange, Lang::Zh) => format!(
                "自评{}分，高于现有资料可支持的最高{}分",
                n(c.claimed),
                n(c.high)
            ),
            (ClaimStatus::BelowRange, Lang::Zh) => format!(
                "自评{}分，低于现有资料可支持的最低{}分",
                n(c.claimed),
                n(c.low)
            ),
            (ClaimStatus::Matches, Lang::En) => format!("claimed {}, as computed", n(c.claimed)),
            (ClaimStatus::Higher, Lang::En) => {
                format!("claimed {}, above the computed {computed}", n(c.claimed))
            }
            (ClaimStatus::Lower, Lang::En) => {
                format!("claimed {}, below the computed {computed}", n(c.claimed))
            }
            (ClaimStatus::WithinRange, Lang::En) => format!(
                "claimed {}, within the {computed} the facts allow",
                n(c.claimed)
            ),
            (ClaimStatus::AboveRange, Lang::En) => format!(
                "claimed {}, above the most the facts allow ({})",
                n(c.claimed),
                n(c.high)
            ),
            (ClaimStatus::BelowRange, Lang::En) => format!(
                "claimed {}, below the least the facts allow ({})",
                n(c.claimed),
                n(c.low)
            ),
        };
        if !c.attainable {
            let listed = c
                .possible
                .as_ref()
                .map(|p| p.iter().map(|v| n(*v)).collect::<Vec<_>>());
            out.push_str(&match (listed, lang) {
                (Some(l), Lang::Zh) => format!(
                    "；按规则不可能得{}分（可能的得分：{}）",
                    n(c.claimed),
                    l.join("、")
                ),
                (None, Lang::Zh) => format!("；按规则不可能得{}分", n(c.claimed)),
                (Some(l), Lang::En) => format!(
                    "; the rule can never give {} (possible: {})",
                    n(c.claimed),
                    l.join(", ")
                ),
                (None, Lang::En) => format!("; the rule can never give {}", n(c.claimed)),
            });
        }
        out
    }

    /// The claims summary.
    pub(crate) fn summary(s: &ClaimSummary, lang: Lang) -> String {
        let claimed = s.claimed_total.unwrap_or(s.claimed_sum);
        let total = range(s.low, s.high, lang);
        match lang {
            Lang::Zh => {
                let ClaimedLeaves {
                    claimed: with,
                    of: all,
                } = s.claimed_leaves;
                let mut out = if s.claimed_total.is_none() && with == 0 {
                    format!("未提供自评得分；复核得分{total}分")
                } else if s.claimed_total.is_some() {
                    format!("自评总分{}分，复核得分{total}分", n(claimed))
                } else if with == all {
                    format!("各项自评得分合计{}分，复核得分{total}分", n(claimed))
                } else {
                    format!(
                        "{with}项（共{all}项）有自评得分，合计{}分；复核得分{total}分",
                        n(s.claimed_sum)
                    )
                };
                if with > 0 && s.claimed_total.is_some_and(|t| t != s.claimed_sum) {
                    out.push_str(&format!("（各项自评得分合计{}分）", n(s.claimed_sum)));
                }
                if s.total_unsupported > Decimal::ZERO {
                    out.push_str(&format!(
                        "，{}高于现有资料可支持的最高总分{}分，高出{}分",
                        if s.claimed_total.is_some() {
                            "自评总分"
                        } else {
                            "自评得分合计"
                        },
                        n(s.high),
                        n(s.total_unsupported)
                    ));
                }
                match &s.grade {
                    Some(g) => out.push_str(&format!("，评价等级：{g}")),
                    None => out.push_str("，评价等级视未知资料而定"),
                }
                if with > 0 {
                    out.push_str(&format!(
                        "；高于现有资料可支持得分的自评分合计{}分",
                        n(s.unsupported)
                    ));
                }
                if s.unattainable > 0 {
                    out.push_str(&format!("；{}项自评得分按规则不可能得到", s.unattainable));
                }
                out
            }
            Lang::En => {
                let ClaimedLeaves {
                    claimed: with,
                    of: all,
                } = s.claimed_leaves;
                let mut out = if s.claimed_total.is_none() && with == 0 {
                    format!("no self-scores claimed; reviewed {total}")
                } else if s.claimed_total.is_some() {
                    format!("claimed {}, reviewed {total}", n(claimed))
                } else if with == all {
                    format!("the claims add up to {}, reviewed {total}", n(claimed))
                } else {
                    format!(
                        "{with} of {all} leaves claimed, {} in all; reviewed {total}",
                        n(s.claimed_sum)
                    )
                };
                if with > 0 && s.claimed_total.is_some_and(|t| t != s.claimed_sum) {
                    out.push_str(&format!(
                        " (the leaf claims add up to {})",
                        n(s.claimed_sum)
                    ));
                }
                if s.total_unsupported > Decimal::ZERO {
                    out.push_str(&format!(
                        ", the claims {} above the most the facts support ({})",
                        n(s.total_unsupported),
                        n(s.high)
                    ));
                }
                match &s.grade {
                    Some(g) => out.push_str(&format!(", grade {g}")),
                    None => out.push_str(", grade depending on the unknown facts"),
                }
                if with > 0 {
                    out.push_str(&format!(
                        "; {} points claimed beyond what the facts support",
                        n(s.unsupported)
                    ));
                }
                if s.unattainable > 0 {
                    out.push_str(&format!(
                        "; {} claims the rules cannot give",
                        s.unattainable
                    ));
                }
                out
            }
        }
    }

    fn side(side: &CheckSide) -> String {
        match side.value {
            Some(v) => {
                let mut out = String::with_capacity(64);
                crate::explain::equation(
                    &mut out,
                    &side.formula,
                    &side.formula,
                    &side.inputs,
                    v,
                    side.percent,
                    2,
                );
                out
            }
            None => side.formula.to_string(),
        }
    }

    /// A cross-check's working.
    pub(crate) fn check(c: &CheckResult, lang: Lang) -> String {
        let relation = match (c.relation, lang) {
            (Relation::Equal, Lang::Zh) => "应等于",
            (Relation::AtMost, Lang::Zh) => "应不大于",
            (Relation::AtLeast, Lang::Zh) => "应不小于",
            (Relation::Equal, Lang::En) => "should equal",
            (Relation::AtMost, Lang::En) => "should be at most",
            (Relation::AtLeast, Lang::En) => "should be at least",
        };
        let (l, r) = (side(&c.left), side(&c.right));
        let unit = match (c.left.percent, lang) {
            (false, _) => "",
            (true, Lang::Zh) => "个百分点",
            (true, Lang::En) => " percentage points",
        };
        let mut out = match lang {
            Lang::Zh => format!("{l}，{relation}{r}"),
            Lang::En => format!("{l} {relation} {r}"),
        };
        match (c.outcome, c.difference, lang) {
            (CheckOutcome::Holds, _, Lang::Zh) => out.push_str("：相符"),
            (CheckOutcome::Holds, _, Lang::En) => out.push_str(": holds"),
            (CheckOutcome::Fails, Some(d), Lang::Zh) => {
                out.push_str(&format!("：不符，相差{}", about(d, unit, lang)));
                if !c.tolerance.is_zero() {
                    out.push_str(&format!("，超出允许误差{}{unit}", n(c.tolerance)));
                }
            }
            (CheckOutcome::Fails, Some(d), Lang::En) => {
                out.push_str(&format!(
                    ": fails, a difference of {}",
                    about(d, unit, lang)
                ));
                if !c.tolerance.is_zero() {
                    out.push_str(&format!(
                        ", beyond the tolerance of {}{unit}",
                        n(c.tolerance)
                    ));
                }
            }
            (_, _, Lang::Zh) if c.zero_denominator && c.unknown.is_empty() => {
                out.push_str("：分母为0，无法核对")
            }
            (_, _, Lang::En) if c.zero_denominator && c.unknown.is_empty() => {
                out.push_str(": not checked, a denominator is 0")
            }
            (_, _, Lang::Zh) => out.push_str(&format!(
                "：{}未知，无法核对",
                c.unknown
                    .iter()
                    .map(|u| &**u)
                    .collect::<Vec<_>>()
                    .join("、")
            )),
            (_, _, Lang::En) => out.push_str(&format!(
                ": not checked, {} unknown",
                c.unknown
                    .iter()
                    .map(|u| &**u)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
        if let Some(slip) = &c.slip {
            let f = &slip.formula;
            out.push_str(&match (slip.kind, lang) {
                (SlipKind::Inverse, Lang::Zh) => {
                    format!("；所报数值恰为{f}，即把公式的分子分母颠倒了")
                }
                (SlipKind::Inverse, Lang::En) => {
                    format!("; the reported figure is {f}, the ratio turned upside down")
                }
                (SlipKind::RatioForChange, Lang::Zh) => {
                    format!("；所报数值恰为{f}，是两数之比而非变动率")
                }
                (SlipKind::RatioForChange, Lang::En) => {
                    format!("; the reported figure is {f}, the ratio rather than the change")
                }
            });
        }
        out
    }

    /// What a leaf needs for full points.
    pub(crate) fn requirement(w: &LeafWhatIf, lang: Lang) -> String {
        let list = |ids: &[Arc<str>]| {
            ids.iter()
                .map(|i| &**i)
                .collect::<Vec<_>>()
                .join(if lang == Lang::Zh { "、" } else { ", " })
        };
        match (&w.requirement, lang) {
            (
                Requirement::Measure {
                    label,
                    ranges,
                    inputs,
                },
                _,
            ) => {
                let ranges = list(ranges);
                let mut out = match lang {
                    Lang::Zh => format!("{label}须在{ranges}内"),
                    Lang::En => format!("{label} must lie in {ranges}"),
                };
                let ways: Vec<String> = inputs
                    .iter()
                    .map(|b| {
                        let op = match (b.relation, b.strict) {
                            (Relation::AtMost, false) => "≤",
                            (Relation::AtMost, true) => "<",
                            (Relation::AtLeast, false) => "≥",
                            (Relation::AtLeast, true) => ">",
                            (Relation::Equal, _) => "=",
                        };
                        format!(
                            "{} {op} {}{}",
                            b.input,
                            n(b.bound),
                            if b.percent { "%" } else { "" }
                        )
                    })
                    .collect();
                if !ways.is_empty() {
                    out.push_str(&match lang {
                        Lang::Zh => format!("（其他数据不变时：{}）", ways.join("，或")),
                        Lang::En => {
                            format!(" (the other figures unchanged: {})", ways.join(", or "))
                        }
                    });
                }
                out
            }
            (Requirement::Items { ids }, Lang::Zh) => format!("{}项须符合", list(ids)),
            (Requirement::Items { ids }, Lang::En) => format!("items {} met", list(ids)),
            (Requirement::NoCases { ids }, Lang::Zh) => {
                format!("{}不得有不符合要求的情形", list(ids))
            }
            (Requirement::NoCases { ids }, Lang::En) => format!("no cases under {}", list(ids)),
            (Requirement::Level { levels, top: None }, Lang::Zh) => {
                format!("评定为“{}”", list(levels))
            }
            (Requirement::Level { levels, top: None }, Lang::En) => {
                format!("a rating of “{}”", list(levels))
            }
            (
                Requirement::Level {
                    levels,
                    top: Some(t),
                },
                Lang::Zh,
            ) => {
                format!("评定为“{}”且在该档评满分{}分", list(levels), n(*t))
            }
            (
                Requirement::Level {
                    levels,
                    top: Some(t),
                },
                Lang::En,
            ) => {
                format!(
                    "a rating of “{}” scored the full {} within it",
                    list(levels),
                    n(*t)
                )
            }
            (Requirement::Target { target, within }, Lang::Zh) => match within {
                Some(w) => format!(
                    "实际完成值须满足年度指标值{target}，且超出指标值不超过{}%",
                    n(*w)
                ),
                None => format!("实际完成值须满足年度指标值{target}"),
            },
            (Requirement::Target { target, within }, Lang::En) => match within {
                Some(w) => format!(
                    "the actual value meeting the target {target}, and not more than {}% past it",
                    n(*w)
                ),
                None => format!("the actual value meeting the target {target}"),
            },
            (Requirement::TargetsMet { missed }, Lang::Zh) => {
                format!("所列指标须全部达标（未达标或未知：{}）", list(missed))
            }
            (Requirement::TargetsMet { missed }, Lang::En) => {
                format!(
                    "every listed target met (missed or unknown: {})",
                    list(missed)
                )
            }
            (Requirement::Judgement, Lang::Zh) => "评价人给满分并说明理由".to_owned(),
            (Requirement::Judgement, Lang::En) => {
                "the evaluator's full score, with a reason".to_owned()
            }
            (
                Requirement::Peers {
                    label,
                    basis,
                    relation,
                    bound,
                    strict,
                    percent,
                },
                _,
            ) => {
                let unit = if *percent { "%" } else { "" };
                let Some(bound) = bound else {
                    return match lang {
                        Lang::Zh => format!("{label}须达到的值取决于其他部门的未知值"),
                        Lang::En => format!(
                            "what {label} must reach depends on other departments' unknown values"
                        ),
                    };
                };
                let op = match (relation, strict, lang) {
                    (Relation::AtMost, false, Lang::Zh) => "不高于",
                    (Relation::AtMost, true, Lang::Zh) => "低于",
                    (_, false, Lang::Zh) => "不低于",
                    (_, true, Lang::Zh) => "高于",
                    (Relation::AtMost, false, Lang::En) => "at most",
                    (Relation::AtMost, true, Lang::En) => "below",
                    (_, false, Lang::En) => "at least",
                    (_, true, Lang::En) => "above",
                };
                let why = match (basis, relation, lang) {
                    (PeerBasis::First, Relation::AtMost, Lang::Zh) => "其他部门中的最低值，排名第1",
                    (PeerBasis::First, _, Lang::Zh) => "其他部门中的最高值，排名第1",
                    (PeerBasis::Average, _, Lang::Zh) => "其他部门的值不变时，对照各部门平均值不扣分",
                    (PeerBasis::First, _, Lang::En) => "the best of the others: first place",
                    (PeerBasis::Average, _, Lang::En) => {
                        "the others' values as they stand: nothing deducted against the batch average"
                    }
                };
                match lang {
                    Lang::Zh => format!("{label}须{op}{}{unit}（{why}）", n(*bound)),
                    Lang::En => format!("{label} {op} {}{unit} ({why})", n(*bound)),
                }
            }
            (Requirement::Overridden, Lang::Zh) => {
                "得分已由复核调整，是否给满分由复核决定".to_owned()
            }
            (Requirement::Overridden, Lang::En) => {
                "the score was set by review; the reviewer decides".to_owned()
            }
            (Requirement::Unreachable, Lang::Zh) => "按规则无法得满分".to_owned(),
            (Requirement::Unreachable, Lang::En) => "the rule cannot give full points".to_owned(),
        }
    }

    /// The next grade.
    /// The next grade; leaves named by `name` (their name, from the id).
    pub(crate) fn next_grade(g: &NextGrade, lang: Lang, name: &dyn Fn(&str) -> String) -> String {
        let from: Vec<String> = g
            .from
            .iter()
            .map(|g| format!("{} +{}", name(&g.id), n(g.points)))
            .collect();
        match lang {
            Lang::Zh => format!(
                "以可确定的最低总分{}分计，至少还差{}分可达“{}”（{}分）；可能的来源：{}",
                n(g.from_score),
                n(g.needed),
                g.grade,
                n(g.min),
                from.join("、")
            ),
            Lang::En => format!(
                "from the lowest supported total {}, {} more points reach “{}” ({}); they could come from {}",
                n(g.from_score),
                n(g.needed),
                g.grade,
                n(g.min),
                from.join(", ")
            ),
        }
    }

    /// How much one fact (or a group of facts) narrows the range; leaves
    /// named by `name` (their name, from the id).
    pub(crate) fn narrowing(x: &Narrowing, lang: Lang, name: &dyn Fn(&str) -> String) -> String {
        let sep = if lang == Lang::Zh { "、" } else { ", " };
        let actual = x
            .fact
            .strip_prefix("actuals.")
            .or_else(|| x.fact.strip_prefix("target_lists."));
        let fact = match x.fact.strip_prefix("answers.") {
            None if actual.is_some() => match lang {
                Lang::Zh => format!("“{}”的实际完成值", name(actual.unwrap_or_default())),
                Lang::En => format!("the actual value of “{}”", name(actual.unwrap_or_default())),
            },
            None if x.together.is_empty() => x.fact.to_string(),
            None => x
                .together
                .iter()
                .map(|f| &**f)
                .collect::<Vec<_>>()
                .join(sep),
            Some(rest) => match (rest.split_once(".items."), lang) {
                (Some((id, item)), Lang::Zh) => format!("“{}”第{item}项", name(id)),
                (Some((id, item)), Lang::En) => format!("item {item} of “{}”", name(id)),
                (None, Lang::Zh) => format!("“{}”的评价结论", name(rest)),
                (None, Lang::En) => format!("the answer for “{}”", name(rest)),
            },
        };
        let leaves = x
            .leaves
            .iter()
            .map(|l| name(l))
            .collect::<Vec<_>>()
            .join(sep);
        match (lang, x.together.is_empty()) {
            (Lang::Zh, true) => {
                format!("{fact}：确定后总分范围可收窄{}分（{leaves}）", n(x.width))
            }
            (Lang::Zh, false) => format!(
                "{fact}（须同时确定）：确定后总分范围可收窄{}分（{leaves}）",
                n(x.width)
            ),
            (Lang::En, true) => format!(
                "{fact}: knowing it narrows the total by {} ({leaves})",
                n(x.width)
            ),
            (Lang::En, false) => format!(
                "{fact}, together: knowing them narrows the total by {} ({leaves})",
                n(x.width)
            ),
        }
    }
}
