//! [`Rubric::evaluate_batch`]: departments scored together, for rubrics
//! with relative leaves (相对评分) that score each department against the
//! others — by place, in proportion to the best, or against the average.
//!
//! Two passes: every department's facts are read and its leaves scored,
//! each relative leaf keeping its exact measured value (or the span of an
//! unknown one); then each relative leaf orders the batch once and scores
//! every department with its peers, and each department's tree is built.

use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{
    phrase, BatchError, BatchIssue, EvaluationError, FactIssue, FactIssueKind, Field, JsonError,
    Text,
};
use crate::evaluate::{EvalOptions, Evaluation, Prepared};
use crate::explain::Step;
use crate::facts::Facts;
use crate::limits;
use crate::review::{Narrowing, PeerBasis, Requirement, Review};
use crate::rubric::Rubric;
use crate::rules::relative::Bar;
use crate::rules::relative::Entry;
use crate::rules::CompiledRule;
use crate::spec::Relation;

/// One department of a batch: its name and its facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// The department's (or 区县's) name, unique in the batch: the working
    /// of the others names it.
    pub name: String,
    /// Its facts for the rubric.
    pub facts: Facts,
}

impl Department {
    /// A department with its facts.
    pub fn new(name: impl Into<String>, facts: Facts) -> Department {
        Department {
            name: name.into(),
            facts,
        }
    }
}

/// A batch of departments as a file holds them:
/// `{"departments": [{"name": "城东区", "facts": {…}}, …]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Departments {
    /// The JSON Schema this file follows, for editors; ignored otherwise.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Where the facts come from (the report, the year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The departments, in the order their results are given.
    pub departments: Vec<Department>,
}

impl Departments {
    /// Reads a batch from JSON.
    ///
    /// # Errors
    ///
    /// A [`JsonError`] with the line and column, and the field
    /// (`departments[2].facts.values.编制数`), when the text is not JSON of
    /// the batch's shape, as [`Facts::from_json`] for each department's facts.
    pub fn from_json(json: &str) -> Result<Departments, JsonError> {
        crate::locate::read_document("departments", json, locate, crate::locate::plain_place)
    }
}

/// Where a batch document is at fault: in a department's facts, placed as
/// [`Facts::from_json`] places it, under `departments[i].facts`.
fn locate(document: &serde_json::Value) -> Option<crate::locate::Located> {
    let list = document.get("departments")?.as_array()?;
    list.iter().enumerate().find_map(|(i, d)| {
        let found = crate::locate::facts(d.get("facts")?)?;
        Some(crate::locate::Located {
            indicator: found.indicator,
            field: Field::parse("departments")
                .then_index(i)
                .then("facts")
                .join(found.field),
            message: found.message,
        })
    })
}

/// One department's evaluation in a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DepartmentEvaluation {
    /// The department's name.
    pub department: Arc<str>,
    /// Its evaluation, relative leaves scored against the batch.
    pub evaluation: Evaluation,
}

/// A batch scored: each department's evaluation in the order given, and
/// each relative leaf's standings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BatchEvaluation {
    /// Each department's evaluation, in the order given.
    pub departments: Vec<DepartmentEvaluation>,
    /// Per relative leaf, in table order: the departments by place.
    pub standings: Vec<Standings>,
}

/// A relative leaf's standings: every department's value, place and score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Standings {
    /// The leaf's id.
    pub id: Arc<str>,
    /// The leaf's name.
    pub name: Arc<str>,
    /// The leaf's points.
    pub points: Decimal,
    /// Departments scored on the leaf.
    pub of: u64,
    /// Whether the values are percentages.
    pub percent: bool,
    /// The departments by place (the best place each can take), then in
    /// the order given; those the leaf does not score last.
    pub rows: Vec<StandingRow>,
}

/// One department's line of a leaf's standings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StandingRow {
    /// The department.
    pub department: Arc<str>,
    /// Its value (shown to the working's places), or `None` where unknown
    /// or not scored.
    pub value: Option<Decimal>,
    /// Its place, or the best place unknown values leave open; `None`
    /// where the leaf does not score it (not applicable).
    pub place: Option<u64>,
    /// The worst place unknown values leave open.
    pub lowest: Option<u64>,
    /// Its score, or `None` where unknown values leave a range.
    pub score: Option<Decimal>,
    /// The lowest score.
    pub low: Decimal,
    /// The highest score.
    pub high: Decimal,
}

/// One department's review in a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DepartmentReview {
    /// The department's name.
    pub department: Arc<str>,
    /// Its review: claims, cross-checks and what would change its score
    /// against the batch as it stands.
    pub review: Review,
}

/// A batch reviewed: each department's review, and the standings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BatchReview {
    /// Each department's review, in the order given.
    pub departments: Vec<DepartmentReview>,
    /// Per relative leaf, in table order: the departments by place.
    pub standings: Vec<Standings>,
}

/// The batch scored, with each relative leaf's measured values kept for
/// the review.
struct Scored {
    names: Vec<Arc<str>>,
    evaluations: Vec<Evaluation>,
    /// Per relative leaf: its node and each department's entry.
    leaves: Vec<(usize, Vec<Option<Entry>>)>,
}

impl Rubric {
    /// Scores a batch of departments together, with Chinese working: each
    /// relative leaf places every department among the others and scores
    /// it by its place, against the best or against the average; the other
    /// leaves score as [`Rubric::evaluate`] does.
    ///
    /// A department whose value is unknown takes the range of places its
    /// value could give it, and every department it could displace gets
    /// the range of places and scores that leaves open; each working names
    /// them.
    ///
    /// # Errors
    ///
    /// Every problem at once in a [`BatchError`], each naming its
    /// department: the facts problems [`Rubric::evaluate`] reports; names
    /// that are empty, repeated or unreadable; more departments than
    /// [`MAX_DEPARTMENTS`](crate::limits::MAX_DEPARTMENTS); more departments
    /// than a points list has places, where the rubric does not say what a
    /// place past it scores; a negative value scored in proportion to the
    /// best; figures an exact decimal cannot hold (an average of many
    /// values that do not terminate, such as thirds and sevenths).
    ///
    /// # Example
    ///
    /// ```
    /// use jixiao::{Department, Facts, Rubric};
    ///
    /// let rubric = Rubric::from_json(r#"{
    ///     "title": "示例", "total": 60,
    ///     "inputs": [{ "name": "考核得分" }],
    ///     "indicators": [{
    ///         "id": "工作绩效", "name": "工作绩效", "points": 60,
    ///         "criterion": "在全市排名1-5名的依次赋予60分、57分、54分、51分、48分",
    ///         "rule": { "kind": "relative", "formula": "考核得分", "better": "higher",
    ///                   "method": { "rank": { "points": [60, 57, 54, 51, 48], "ties": "same_rank" } } }
    ///     }]
    /// }"#)?;
    /// let department = |name: &str, score: &str| -> Result<Department, Box<dyn std::error::Error>> {
    ///     Ok(Department::new(name, Facts::new().value("考核得分", score.parse()?)))
    /// };
    /// let batch = rubric.evaluate_batch(&[
    ///     department("城东区", "92")?,
    ///     department("城西区", "95")?,
    ///     department("城南区", "92")?,
    /// ])?;
    /// let east = &batch.departments[0].evaluation;
    /// assert_eq!(east.total, Some("57".parse()?));
    /// assert_eq!(
    ///     east.find("工作绩效").and_then(|n| n.leaf.as_ref()).and_then(|l| l.working.as_deref()),
    ///     Some("工作绩效 = 92，在3个部门中排名第2（与城南区并列），并列者均按第2名计57分，得57分（满分60分）")
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn evaluate_batch(
        &self,
        departments: &[Department],
    ) -> Result<BatchEvaluation, BatchError> {
        self.evaluate_batch_with(departments, &EvalOptions::default())
    }

    /// Scores a batch of departments together, with the working as
    /// `options` say.
    ///
    /// # Errors
    ///
    /// As [`Rubric::evaluate_batch`].
    pub fn evaluate_batch_with(
        &self,
        departments: &[Department],
        options: &EvalOptions,
    ) -> Result<BatchEvaluation, BatchError> {
        let scored = self.score_batch(departments, options)?;
        let standings = self.standings(&scored);
        Ok(BatchEvaluation {
            departments: scored
                .names
                .into_iter()
                .zip(scored.evaluations)
                .map(|(department, evaluation)| DepartmentEvaluation {
                    department,
                    evaluation,
                })
                .collect(),
            standings,
        })
    }

    /// Reviews a batch of departments: each department's review as
    /// [`Rubric::review`] gives it, its relative leaves scored against the
    /// batch, and what would give them full points against the others'
    /// values as they stand.
    ///
    /// # Errors
    ///
    /// As [`Rubric::evaluate_batch`].
    pub fn review_batch(&self, departments: &[Department]) -> Result<BatchReview, BatchError> {
        self.review_batch_with(departments, &EvalOptions::default())
    }

    /// Reviews a batch of departments with the working as `options` say.
    ///
    /// # Errors
    ///
    /// As [`Rubric::evaluate_batch`].
    pub fn review_batch_with(
        &self,
        departments: &[Department],
        options: &EvalOptions,
    ) -> Result<BatchReview, BatchError> {
        let scored = self.score_batch(departments, options)?;
        let standings = self.standings(&scored);
        let bars = self.bars(&scored)?;
        let mut issues = Vec::new();
        let mut out = Vec::with_capacity(departments.len());
        for (d, (department, evaluation)) in departments
            .iter()
            .zip(scored.evaluations.iter().cloned())
            .enumerate()
        {
            match self.review_of(&department.facts, evaluation) {
                Ok(mut review) => {
                    self.peer_what_if(d, &scored, &bars, options.lang, &mut review);
                    out.push(DepartmentReview {
                        department: Arc::clone(&scored.names[d]),
                        review,
                    });
                }
                Err(e) => issues.extend(of_department(&scored.names[d], e)),
            }
        }
        if !issues.is_empty() {
            return Err(BatchError::new(issues, 0));
        }
        Ok(BatchReview {
            departments: out,
            standings,
        })
    }

    /// Refuses one department's facts for a rubric with relative leaves,
    /// naming each.
    pub(crate) fn refuse_relative(&self) -> Result<(), EvaluationError> {
        let issues: Vec<FactIssue> = self
            .nodes
            .iter()
            .filter(|n| matches!(n.rule, Some(CompiledRule::Relative(_))))
            .map(|n| {
                FactIssue::new(
                    Some(n.path.clone()),
                    "rule",
                    FactIssueKind::Invalid {
                        expected: Text::new(
                            "the whole batch of departments (Rubric::evaluate_batch), since a relative score compares each department with the others",
                            "全部参评单位的资料一并评分（Rubric::evaluate_batch）：相对评分须将各单位相互比较",
                        ),
                        found: Text::new(
                            "one department's facts (Rubric::evaluate)",
                            "只有一个单位的资料（Rubric::evaluate）",
                        ),
                    },
                )
            })
            .collect();
        if issues.is_empty() {
            Ok(())
        } else {
            Err(EvaluationError::new(issues))
        }
    }

    /// Both passes: each department prepared, each relative leaf scored
    /// across the batch, each department's tree built.
    fn score_batch(
        &self,
        departments: &[Department],
        options: &EvalOptions,
    ) -> Result<Scored, BatchError> {
        if departments.len() > limits::MAX_DEPARTMENTS {
            return Err(BatchError::new(
                vec![BatchIssue {
                    department: None,
                    issue: FactIssue::new(
                        None,
                        "departments",
                        FactIssueKind::TooLarge {
                            limit: limits::MAX_DEPARTMENTS,
                            found: departments.len(),
                        },
                    ),
                }],
                0,
            ));
        }
        let names: Vec<Arc<str>> = departments
            .iter()
            .map(|d| Arc::from(d.name.as_str()))
            .collect();
        let mut issues = self.check_names(departments);
        let mut more = 0usize;
        let mut prepared: Vec<Prepared<'_>> = Vec::with_capacity(departments.len());
        for (d, department) in departments.iter().enumerate() {
            match self.prepare(&department.facts) {
                Ok(p) => prepared.push(p),
                Err(e) => {
                    more = more.saturating_add(e.unlisted());
                    issues.extend(of_department(&names[d], e));
                }
            }
        }
        if !issues.is_empty() {
            return Err(BatchError::new(issues, more));
        }
        let mut leaves = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            let Some(CompiledRule::Relative(rule)) = &node.rule else {
                continue;
            };
            let entries: Vec<Option<Entry>> = prepared
                .iter()
                .map(|p| p.leaves[i].as_ref().and_then(|l| l.pending()))
                .collect();
            match rule.standings(&entries, &names, node.points) {
                Ok(outcomes) => {
                    for (p, outcome) in prepared.iter_mut().zip(outcomes) {
                        if let (Some(leaf), Some(outcome)) = (p.leaves[i].as_mut(), outcome) {
                            leaf.settle(outcome);
                        }
                    }
                }
                Err(refusal) => issues.push(BatchIssue {
                    department: refusal.department.map(|d| Arc::clone(&names[d])),
                    issue: FactIssue::new(Some(node.path.clone()), refusal.field, *refusal.kind),
                }),
            }
            leaves.push((i, entries));
        }
        if !issues.is_empty() {
            return Err(BatchError::new(issues, 0));
        }
        let mut evaluations = Vec::with_capacity(departments.len());
        for ((department, p), name) in departments.iter().zip(prepared).zip(&names) {
            match self.finish_prepared(&department.facts, p, options) {
                Ok(e) => evaluations.push(e),
                Err(e) => issues.extend(of_department(name, e)),
            }
        }
        if !issues.is_empty() {
            return Err(BatchError::new(issues, 0));
        }
        Ok(Scored {
            names,
            evaluations,
            leaves,
        })
    }

    /// Names must be readable, short, and unique in the batch.
    fn check_names(&self, departments: &[Department]) -> Vec<BatchIssue> {
        let mut issues = Vec::new();
        let mut seen: crate::rubric::NameMap = crate::rubric::NameMap::default();
        let mut problem = |i: usize, expected: Text, found: Text| {
            issues.push(BatchIssue {
                department: None,
                issue: FactIssue::new(
                    None,
                    Field::parse("departments").then_index(i).then("name"),
                    FactIssueKind::Invalid { expected, found },
                ),
            });
        };
        for (i, d) in departments.iter().enumerate() {
            let chars = d.name.chars().count();
            if d.name.trim().is_empty() {
                problem(
                    i,
                    Text::new("the department's name", "单位名称"),
                    Text::new("an empty name", "空名称"),
                );
            } else if chars > limits::MAX_NAME_CHARS {
                problem(
                    i,
                    Text::new(
                        format!("a name of at most {} characters", limits::MAX_NAME_CHARS),
                        format!("不超过{}个字符的名称", limits::MAX_NAME_CHARS),
                    ),
                    Text::new(
                        format!("a name of {chars} characters"),
                        format!("{chars}个字符的名称"),
                    ),
                );
            } else if let Some(found) = crate::names::problem(&d.name) {
                problem(i, phrase::name_rules(), found);
            } else if let Some(&first) = seen.get(&d.name) {
                problem(
                    i,
                    Text::new(
                        format!(
                            "a name no other department of the batch has (department {} is `{}` too)",
                            first + 1,
                            d.name
                        ),
                        format!(
                            "本批其他单位未用过的名称（第{}个单位也叫“{}”）",
                            first + 1,
                            d.name
                        ),
                    ),
                    phrase::again(&d.name),
                );
            } else {
                seen.insert(d.name.clone(), i);
            }
        }
        issues
    }

    /// Each relative leaf's standings, from the evaluations.
    fn standings(&self, scored: &Scored) -> Vec<Standings> {
        scored
            .leaves
            .iter()
            .map(|(i, entries)| {
                let node = &self.nodes[*i];
                let percent = node
                    .rule
                    .as_ref()
                    .and_then(CompiledRule::measure)
                    .is_some_and(|m| m.percent);
                let mut rows: Vec<StandingRow> = scored
                    .evaluations
                    .iter()
                    .zip(&scored.names)
                    .map(|(e, name)| {
                        let result = e.find(&node.id);
                        let leaf = result.and_then(|r| r.leaf.as_ref());
                        let standing = leaf.and_then(|l| {
                            l.steps.iter().find_map(|s| match s {
                                Step::Standing { place, lowest, .. } => Some((*place, *lowest)),
                                _ => None,
                            })
                        });
                        StandingRow {
                            department: Arc::clone(name),
                            value: standing.and(leaf.and_then(|l| l.value)),
                            place: standing.map(|s| s.0),
                            lowest: standing.map(|s| s.1),
                            score: result.and_then(|r| r.score),
                            low: result.map_or(Decimal::ZERO, |r| r.low),
                            high: result.map_or(Decimal::ZERO, |r| r.high),
                        }
                    })
                    .collect();
                rows.sort_by_key(|r| (r.place.is_none(), r.place, r.lowest));
                Standings {
                    id: Arc::clone(&node.id),
                    name: Arc::clone(&node.name),
                    points: node.points,
                    of: entries.iter().filter(|e| e.is_some()).count() as u64,
                    percent,
                    rows,
                }
            })
            .collect()
    }
}

impl Rubric {
    /// Per relative leaf (as in `scored.leaves`), each department's bar for
    /// full points.
    fn bars(&self, scored: &Scored) -> Result<Vec<Vec<Option<Bar>>>, BatchError> {
        let mut out = Vec::with_capacity(scored.leaves.len());
        for (i, entries) in &scored.leaves {
            let node = &self.nodes[*i];
            let Some(CompiledRule::Relative(rule)) = &node.rule else {
                out.push(Vec::new());
                continue;
            };
            let bars = rule.bars(entries, node.points).ok_or_else(|| {
                BatchError::new(
                    vec![BatchIssue {
                        department: None,
                        issue: FactIssue::new(
                            Some(node.path.clone()),
                            "rule.formula",
                            FactIssueKind::Inexact {
                                what: Text::new(
                                    "the value that would give full points against the batch",
                                    "与本批单位相比可得满分所需的数值",
                                ),
                            },
                        ),
                    }],
                    0,
                )
            })?;
            out.push(bars);
        }
        Ok(out)
    }

    /// A department's what-if on its relative leaves: the value that gives
    /// full points against the others as they stand, and which other
    /// departments' unknown values would narrow its range.
    fn peer_what_if(
        &self,
        d: usize,
        scored: &Scored,
        bars: &[Vec<Option<Bar>>],
        lang: crate::explain::Lang,
        review: &mut Review,
    ) {
        for ((i, entries), bars) in scored.leaves.iter().zip(bars) {
            let node = &self.nodes[*i];
            let Some(CompiledRule::Relative(rule)) = &node.rule else {
                continue;
            };
            if let (Some(Some(bar)), Some(w)) =
                (
                    bars.get(d),
                    review.what_if.leaves.iter_mut().find(|w| {
                        w.id == node.id && !matches!(w.requirement, Requirement::Overridden)
                    }),
                )
            {
                w.requirement = if bar.reachable {
                    Requirement::Peers {
                        label: rule
                            .measure
                            .formula
                            .label
                            .clone()
                            .unwrap_or_else(|| Arc::clone(&node.name)),
                        basis: if bar.average {
                            PeerBasis::Average
                        } else {
                            PeerBasis::First
                        },
                        relation: if bar.at_least {
                            Relation::AtLeast
                        } else {
                            Relation::AtMost
                        },
                        bound: bar
                            .bound
                            .and_then(|b| rounded_inside(b, bar.at_least))
                            .map(|b| b.0),
                        strict: bar
                            .bound
                            .and_then(|b| rounded_inside(b, bar.at_least))
                            .map_or(bar.strict, |b| bar.strict && b.1),
                        percent: rule.measure.percent,
                    }
                } else {
                    Requirement::Unreachable
                };
            }
            // A department known itself, whose range others' unknown values open.
            if !matches!(entries.get(d), Some(Some(Entry::Value(_)))) {
                continue;
            }
            let Some(result) = review.evaluation.find(&node.id) else {
                continue;
            };
            let width = crate::exact::sub(result.high, result.low).unwrap_or_default();
            if width.is_zero() {
                continue;
            }
            let open: Vec<Arc<str>> = result
                .leaf
                .iter()
                .flat_map(|l| &l.steps)
                .flat_map(|s| match s {
                    Step::Standing { open, .. } => open.clone(),
                    _ => Vec::new(),
                })
                .collect();
            if open.is_empty() {
                continue;
            }
            let label = rule.measure.formula.label.as_deref().unwrap_or(&node.name);
            let fact: Arc<str> = Arc::from(match lang {
                crate::explain::Lang::Zh => format!(
                    "{}的{label}",
                    open.iter().map(|o| &**o).collect::<Vec<_>>().join("、")
                ),
                crate::explain::Lang::En => format!(
                    "{label} of {}",
                    open.iter().map(|o| &**o).collect::<Vec<_>>().join(", ")
                ),
            });
            review.what_if.narrowing.push(Narrowing {
                fact,
                together: if open.len() > 1 { open } else { Vec::new() },
                width,
                leaves: vec![Arc::clone(&node.id)],
            });
        }
        review
            .what_if
            .narrowing
            .sort_by(|a, b| b.width.cmp(&a.width).then_with(|| a.fact.cmp(&b.fact)));
    }
}

/// A bound as the review shows it: exact, or rounded to two places toward
/// the side that surely gives full points (then not strict); with whether
/// it is exact.
fn rounded_inside(bound: crate::exact::Fraction, at_least: bool) -> Option<(Decimal, bool)> {
    let q = bound.quotient()?;
    if q.exact {
        return Some((q.value.normalize(), true));
    }
    let strategy = if at_least {
        rust_decimal::RoundingStrategy::ToPositiveInfinity
    } else {
        rust_decimal::RoundingStrategy::ToNegativeInfinity
    };
    Some((
        q.value.round_dp_with_strategy(2, strategy).normalize(),
        false,
    ))
}

/// A department's facts problems, each naming it.
fn of_department(name: &Arc<str>, e: EvaluationError) -> Vec<BatchIssue> {
    e.issues()
        .iter()
        .map(|issue| BatchIssue {
            department: Some(Arc::clone(name)),
            issue: issue.clone(),
        })
        .collect()
}
