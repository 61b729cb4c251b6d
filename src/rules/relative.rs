//! `relative`: a department scored against the other departments of its
//! batch (相对评分), as tables of 区县 and 部门 write it:
//!
//! - by place: 在全市排名1-5名的依次赋予60分、57分、54分、51分、48分
//!   (`method: {"rank": {"points": [60, 57, 54, 51, 48], "ties": …}}`);
//!   按排位打分，每位次按0.25分递减 (`{"points": [20], "decrement": 0.25}`);
//! - in proportion to the best: 第1名得6分，第2-5名按第1名的比例得分
//!   (`method: "best"`): points × value ÷ the best value, or the best ÷ the
//!   value where lower is better;
//! - against the batch average: 以平均值为基准，不低于平均值的得2分；每低1%，
//!   扣0.1分 (`method: {"average": {"step": "1%", "deduction": 0.1, …}}`):
//!   the average of the departments' values is the standard, and each step
//!   beyond it deducts, down to 0.
//!
//! One department's facts cannot score such a leaf: [`Rubric::evaluate_batch`](crate::Rubric::evaluate_batch)
//! measures every department first, then scores each with its peers
//! ([`Compiled::standings`]). Values are compared as exact fractions, never
//! rounded ones. A department whose value is unknown takes every place its
//! value could give it, and every department it could displace gets the
//! range of places and scores the unknown value leaves open: each bound is
//! the score in the completion of the unknowns that is best (or worst) for
//! that department, since a score rises with the department's own value and
//! falls as the others' rise.

use std::cmp::Ordering;
use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use super::ratio_threshold::deduction_beyond;
use super::{Better, CompileContext, CompiledMeasure, Direction, PartialUnit, Quantity, Range};
use crate::error::{FactIssueKind, Text};
use crate::exact::{self, Fraction};
use crate::explain::Step;
use crate::formula::Span;
use crate::number::plain;
use crate::verify::Severity;

/// A department scored against the others in its batch: by place, in
/// proportion to the best, or against the batch average.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relative {
    /// The measured value's formula, e.g. `编制资源总量/所辖村社区总数`: the
    /// figure departments are ranked by.
    pub formula: String,
    /// Whether a higher or a lower value ranks first (排名倒数第1名 is `lower`).
    pub better: Better,
    /// How a place, the best value or the average make the score.
    pub method: RelativeMethod,
}

/// How a relative score is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum RelativeMethod {
    /// Points by place (排名1-5名依次赋予60/57/54/51/48分).
    Rank(Ranking),
    /// The first place full points, the others points × value ÷ the first's
    /// value (第2-5名按第1名的比例得分); where lower is better, points × the
    /// first's value ÷ value. Values must not be negative.
    Best,
    /// The batch average as the standard: full points at or beyond it, a
    /// deduction per step short of it (不低于平均值的得满分；每低1%扣0.1分).
    Average(AgainstAverage),
}

/// Points by place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ranking {
    /// The points of the first, second, … place, not increasing down the
    /// list: `[60, 57, 54, 51, 48]`.
    #[serde(deserialize_with = "decimals")]
    #[schemars(with = "Vec<crate::number::ExactDecimal>")]
    pub points: Vec<Decimal>,
    /// The points of every place past the list, where the document gives
    /// them (e.g. 0); at most the last listed place's.
    #[serde(
        default,
        deserialize_with = "crate::number::deserialize_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::number::ExactDecimal>")]
    pub beyond: Option<Decimal>,
    /// For each place past the list, the points lost from the place before,
    /// down to 0 (每位次按0.25分递减, 每进1名扣0.1分).
    #[serde(
        default,
        deserialize_with = "crate::number::deserialize_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::number::ExactDecimal>")]
    pub decrement: Option<Decimal>,
    /// How departments with the same value are placed; the rubric must say.
    pub ties: Ties,
}

/// How tied departments are placed and scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Ties {
    /// All take the better place and its points; the places they fill are
    /// skipped (two tied for 2nd: 2, 2, 4).
    SameRank,
    /// All take the average of the points of the places they fill (two
    /// tied for 2nd share (57 + 54) ÷ 2).
    Average,
}

/// The batch average as the standard, with a deduction per step short of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgainstAverage {
    /// The size of one step short of the average: `"1%"` for 每低1%
    /// (percentage points), `1` for 每超平均年龄1岁.
    pub step: Quantity,
    /// Points deducted per step.
    #[serde(deserialize_with = "crate::number::deserialize")]
    #[schemars(with = "crate::number::ExactDecimal")]
    pub deduction: Decimal,
    /// How a part of a step counts; the rubric must say.
    pub partial_unit: PartialUnit,
}

/// A list of exact decimals.
fn decimals<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Decimal>, D::Error> {
    #[derive(Deserialize)]
    #[serde(transparent)]
    struct Exact(#[serde(deserialize_with = "crate::number::deserialize")] Decimal);
    Ok(Vec::<Exact>::deserialize(d)?
        .into_iter()
        .map(|e| e.0)
        .collect())
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Compiled {
    pub(crate) measure: CompiledMeasure,
    pub(crate) better: Better,
    pub(crate) method: CompiledMethod,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CompiledMethod {
    Rank {
        points: Vec<Decimal>,
        past: Past,
        ties: Ties,
    },
    Best,
    Average {
        step: Decimal,
        deduction: Decimal,
        partial_unit: PartialUnit,
    },
}

/// What a place past the points list scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Past {
    /// The rubric does not say: a batch that needs it is refused.
    Unsaid,
    /// These points.
    Fixed(Decimal),
    /// The place before less this, down to 0.
    Decrement(Decimal),
}

impl Relative {
    pub(crate) fn compile(&self, cx: &mut CompileContext<'_>) -> Option<Compiled> {
        let measure = cx.formula(&self.formula);
        let method = match &self.method {
            RelativeMethod::Rank(r) => rank(r, cx),
            RelativeMethod::Best => CompiledMethod::Best,
            RelativeMethod::Average(a) => {
                let step = cx.in_unit("rule.method.average.step", a.step, measure.as_ref());
                if step <= Decimal::ZERO {
                    cx.invalid(
                        "rule.method.average.step",
                        Text::new("a step greater than 0", "大于0的步长"),
                        a.step.to_string(),
                    );
                }
                cx.non_negative("rule.method.average.deduction", a.deduction);
                CompiledMethod::Average {
                    step,
                    deduction: a.deduction,
                    partial_unit: a.partial_unit,
                }
            }
        };
        Some(Compiled {
            measure: measure?,
            better: self.better,
            method,
        })
    }
}

/// Checks a points list: not empty, within the leaf's points, not rising
/// down the list, and what comes past it said once.
fn rank(r: &Ranking, cx: &mut CompileContext<'_>) -> CompiledMethod {
    let leaf = cx.points;
    if r.points.is_empty() {
        cx.invalid(
            "rule.method.rank.points",
            Text::new("the points of at least the first place", "至少第1名的分值"),
            Text::new("an empty list", "空列表"),
        );
    }
    if cx.entries("rule.method.rank.points", r.points.len()) {
        for (i, &p) in r.points.iter().enumerate() {
            let field = format!("rule.method.rank.points[{i}]");
            if p < Decimal::ZERO {
                cx.invalid(
                    field,
                    Text::new("points of at least 0", "不小于0的分值"),
                    plain(p),
                );
            } else if p > leaf {
                cx.invalid(
                    field,
                    Text::new(
                        format!("points of at most the leaf's {}", plain(leaf)),
                        format!("不超过本指标分值{}分的分值", plain(leaf)),
                    ),
                    plain(p),
                );
            } else if let Some(&before) = i.checked_sub(1).and_then(|j| r.points.get(j)) {
                if p > before {
                    cx.invalid(
                        field,
                        Text::new(
                            format!(
                                "points that do not rise down the list: at most place {}'s {}",
                                i,
                                plain(before)
                            ),
                            format!(
                                "不超过第{}名{}分的分值（名次越后，分值不得越高）",
                                i,
                                plain(before)
                            ),
                        ),
                        plain(p),
                    );
                }
            }
        }
    }
    let last = r.points.last().copied().unwrap_or(Decimal::ZERO);
    let past = match (r.beyond, r.decrement) {
        (Some(_), Some(_)) => {
            cx.invalid(
                "rule.method.rank.decrement",
                Text::new(
                    "`beyond` (the points of every place past the list) or `decrement` (the points lost per place past it), not both",
                    "beyond（列表以后各名次的分值）或 decrement（列表以后每后一名减少的分值），只能设其一",
                ),
                crate::error::phrase::both(),
            );
            Past::Unsaid
        }
        (Some(b), None) => {
            if b < Decimal::ZERO || b > last {
                cx.invalid(
                    "rule.method.rank.beyond",
                    Text::new(
                        format!("points from 0 to the last listed place's {}", plain(last)),
                        format!("0至列表最后一名分值{}分之间的分值", plain(last)),
                    ),
                    plain(b),
                );
            }
            Past::Fixed(b)
        }
        (None, Some(d)) => {
            if d <= Decimal::ZERO {
                cx.invalid(
                    "rule.method.rank.decrement",
                    Text::new(
                        "points greater than 0 lost per place past the list",
                        "大于0的递减分值（列表以后每后一名减少的分值）",
                    ),
                    plain(d),
                );
            }
            Past::Decrement(d)
        }
        (None, None) => Past::Unsaid,
    };
    CompiledMethod::Rank {
        points: r.points.clone(),
        past,
        ties: r.ties,
    }
}

/// One department's measured value, as the batch sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Entry {
    /// The exact value.
    Value(Fraction),
    /// Unknown, within this span of values.
    Unknown(Span),
}

/// One department's relative score.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    /// The lowest and highest score the batch's unknowns allow.
    pub(crate) range: Range,
    /// The working: its place and what it was compared with.
    pub(crate) steps: Vec<Step>,
}

/// Why a batch cannot be scored on a relative leaf.
#[derive(Debug, Clone)]
pub(crate) struct Refusal {
    /// The department at fault, where one is.
    pub(crate) department: Option<usize>,
    /// The field, under the leaf.
    pub(crate) field: &'static str,
    /// What is wrong (boxed: a refusal travels through every step).
    pub(crate) kind: Box<FactIssueKind>,
}

/// What a department's value must be for full points against the others
/// as they stand.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bar {
    /// Held against the others' average (else the best of the others).
    pub(crate) average: bool,
    /// At least (higher is better), or at most.
    pub(crate) at_least: bool,
    /// The value, or `None` where other departments' unknown values leave
    /// it open.
    pub(crate) bound: Option<Fraction>,
    /// Whether the bound itself falls short.
    pub(crate) strict: bool,
    /// Whether any value gives full points.
    pub(crate) reachable: bool,
}

/// Names listed in a department's working before the rest are counted.
const NAMED: usize = 5;

/// A value in the order of merit: greater is better. Unknown values reach
/// the ends where their span is unbounded.
#[derive(Debug, Clone, Copy)]
enum Key {
    Worst,
    At(Fraction),
    Best,
}

fn cmp_keys(a: Key, b: Key) -> Option<Ordering> {
    Some(match (a, b) {
        (Key::Worst, Key::Worst) | (Key::Best, Key::Best) => Ordering::Equal,
        (Key::Worst, _) | (_, Key::Best) => Ordering::Less,
        (_, Key::Worst) | (Key::Best, _) => Ordering::Greater,
        (Key::At(x), Key::At(y)) => exact::cmp_ratio(x.num(), x.den(), y.num(), y.den())?,
    })
}

/// A department's place in the batch under one completion of the
/// unknowns.
#[derive(Debug, Clone, PartialEq)]
struct Assessment {
    /// Departments strictly better.
    above: usize,
    /// Other departments level with it.
    level: usize,
    /// The figure compared with: the best key, or the average (value units).
    compared: Compared,
    /// The score, exact or rounded to odd.
    score: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
enum Compared {
    Place,
    /// The best key's id (`None`: unbounded), where not first.
    Best(Option<usize>),
    /// Σ values (value units) and the average, where bounded.
    Average(Option<(Fraction, Fraction)>),
}

/// The batch, ordered once: every key given a dense id, so that each
/// department's place is a few binary searches.
struct Order {
    /// Per department: its key ids (known: both the same; unknown: its
    /// worst and best), `None` when not scored on the leaf.
    ids: Vec<Option<(usize, usize)>>,
    known: Vec<bool>,
    /// The key of each id.
    keys: Vec<Key>,
    /// Sorted ids of the known values, the unknowns' worst and best ends.
    k: Vec<usize>,
    w: Vec<usize>,
    b: Vec<usize>,
    /// Departments with unknown values, best end first.
    unknown_by_best: Vec<usize>,
    /// Per id: the first departments known at it (up to NAMED + 1).
    at: Vec<Vec<usize>>,
}

fn greater(sorted: &[usize], x: usize) -> usize {
    sorted.len() - sorted.partition_point(|&v| v <= x)
}

fn equal(sorted: &[usize], x: usize) -> usize {
    sorted.partition_point(|&v| v <= x) - sorted.partition_point(|&v| v < x)
}

impl Compiled {
    /// In the order of merit, a value's key: the value, or its negation
    /// where lower is better.
    fn key(&self, v: Fraction) -> Key {
        match self.better {
            Better::Higher => Key::At(v),
            Better::Lower => Key::At(v.neg()),
        }
    }

    /// A key back as a value.
    fn value(&self, k: Key) -> Option<Fraction> {
        match (k, self.better) {
            (Key::At(v), Better::Higher) => Some(v),
            (Key::At(v), Better::Lower) => Some(v.neg()),
            _ => None,
        }
    }

    /// The worst and best keys of an unknown value's span; for `best`,
    /// values below 0 are refused, so the span starts at 0.
    fn ends(&self, span: Span) -> (Key, Key) {
        let floor = |v: Option<Decimal>| match &self.method {
            CompiledMethod::Best => Some(v.map_or(Decimal::ZERO, |v| v.max(Decimal::ZERO))),
            _ => v,
        };
        let low = floor(span.low);
        let high = match &self.method {
            CompiledMethod::Best => span.high.map(|h| h.max(Decimal::ZERO)),
            _ => span.high,
        };
        let at = |v: Option<Decimal>, end: Key| v.map_or(end, |v| self.key(Fraction::whole(v)));
        match self.better {
            Better::Higher => (at(low, Key::Worst), at(high, Key::Best)),
            Better::Lower => (at(high, Key::Worst), at(low, Key::Best)),
        }
    }

    /// Orders the batch: sorts every key once.
    fn order(&self, entries: &[Option<Entry>]) -> Result<Order, Refusal> {
        let mut tagged: Vec<(Key, usize, bool)> = Vec::with_capacity(entries.len() * 2);
        for (d, e) in entries.iter().enumerate() {
            match e {
                Some(Entry::Value(v)) => tagged.push((self.key(*v), d, true)),
                Some(Entry::Unknown(span)) => {
                    let (worst, best) = self.ends(*span);
                    tagged.push((worst, d, false));
                    tagged.push((best, d, true));
                }
                None => {}
            }
        }
        let mut broken = false;
        tagged.sort_by(|a, b| {
            cmp_keys(a.0, b.0).unwrap_or_else(|| {
                broken = true;
                Ordering::Equal
            })
        });
        if broken {
            return Err(self.inexact("the order of the departments' values"));
        }
        let mut ids: Vec<Option<(usize, usize)>> = vec![None; entries.len()];
        let mut known = vec![false; entries.len()];
        let mut keys: Vec<Key> = Vec::new();
        for (key, d, upper) in tagged {
            let same = match keys.last() {
                Some(&last) => cmp_keys(last, key) == Some(Ordering::Equal),
                None => false,
            };
            if !same {
                keys.push(key);
            }
            let id = keys.len() - 1;
            let slot = ids[d].get_or_insert((id, id));
            if upper {
                slot.1 = id;
            } else {
                slot.0 = id;
            }
        }
        let (mut k, mut w, mut b) = (Vec::new(), Vec::new(), Vec::new());
        let mut at: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
        let mut unknown_by_best = Vec::new();
        for (d, e) in entries.iter().enumerate() {
            let Some((low, high)) = ids[d] else { continue };
            match e {
                Some(Entry::Value(_)) => {
                    known[d] = true;
                    k.push(low);
                    if at[low].len() <= NAMED {
                        at[low].push(d);
                    }
                }
                _ => {
                    w.push(low);
                    b.push(high);
                    unknown_by_best.push(d);
                }
            }
        }
        k.sort_unstable();
        w.sort_unstable();
        b.sort_unstable();
        unknown_by_best.sort_by_key(|&d| (std::cmp::Reverse(ids[d].map_or(0, |i| i.1)), d));
        Ok(Order {
            ids,
            known,
            keys,
            k,
            w,
            b,
            unknown_by_best,
            at,
        })
    }

    /// The lowest and highest scores any batch can give.
    pub(crate) fn bounds(&self, points: Decimal) -> Range {
        match &self.method {
            CompiledMethod::Rank {
                points: list, past, ..
            } => {
                let last = list.last().copied().unwrap_or(Decimal::ZERO);
                Range {
                    low: match past {
                        Past::Fixed(b) => *b,
                        Past::Decrement(_) => Decimal::ZERO,
                        Past::Unsaid => last,
                    },
                    high: list.first().copied().unwrap_or(Decimal::ZERO),
                }
            }
            CompiledMethod::Best => Range {
                low: Decimal::ZERO,
                high: points,
            },
            CompiledMethod::Average { deduction, .. } => Range {
                low: if deduction.is_zero() {
                    points
                } else {
                    Decimal::ZERO
                },
                high: points,
            },
        }
    }

    /// For each department scored, what its value must be for full points
    /// against the others as they stand: the best of their values (first
    /// place), or the value that keeps it not short of the average it moves
    /// itself.
    pub(crate) fn bars(
        &self,
        entries: &[Option<Entry>],
        points: Decimal,
    ) -> Option<Vec<Option<Bar>>> {
        let n = entries.iter().filter(|e| e.is_some()).count();
        let unknown = entries
            .iter()
            .filter(|e| matches!(e, Some(Entry::Unknown(_))))
            .count();
        let at_least = self.better == Better::Higher;
        // The best two known values, as keys, with the first's department.
        let mut top: Option<(Fraction, usize)> = None;
        let mut second: Option<Fraction> = None;
        let mut sum = Fraction::whole(Decimal::ZERO);
        for (d, e) in entries.iter().enumerate() {
            let Some(Entry::Value(v)) = e else { continue };
            if let CompiledMethod::Average { .. } = self.method {
                sum = sum.add(simplest(*v))?;
            }
            let Key::At(k) = self.key(*v) else { continue };
            match top {
                Some((t, _)) if cmp_keys(Key::At(k), Key::At(t))? != Ordering::Greater => {
                    if second.map_or(Some(true), |s| {
                        cmp_keys(Key::At(k), Key::At(s)).map(|o| o == Ordering::Greater)
                    })? {
                        second = Some(k);
                    }
                }
                _ => {
                    second = top.map(|t| t.0);
                    top = Some((k, d));
                }
            }
        }
        let mut out = Vec::with_capacity(entries.len());
        for (d, e) in entries.iter().enumerate() {
            let Some(e) = e else {
                out.push(None);
                continue;
            };
            let own_unknown = matches!(e, Entry::Unknown(_));
            let open = unknown - usize::from(own_unknown) > 0;
            let bar = match &self.method {
                CompiledMethod::Rank { .. } | CompiledMethod::Best => {
                    let (reachable, strict) = match &self.method {
                        CompiledMethod::Rank {
                            points: list,
                            past,
                            ties,
                        } => {
                            let first = list.first().copied().unwrap_or(Decimal::ZERO);
                            let next = list.get(1).copied().unwrap_or(match past {
                                Past::Fixed(b) => *b,
                                Past::Decrement(step) => {
                                    exact::sub(first, *step).unwrap_or(Decimal::ZERO)
                                }
                                Past::Unsaid => first,
                            });
                            (first >= points, *ties == Ties::Average && next < first)
                        }
                        _ => (true, false),
                    };
                    let best_other = match top {
                        Some((_, t)) if t == d => second,
                        other => other.map(|o| o.0),
                    };
                    Bar {
                        average: false,
                        at_least,
                        bound: if open {
                            None
                        } else {
                            best_other.and_then(|k| self.value(Key::At(k)))
                        },
                        strict,
                        reachable,
                    }
                }
                CompiledMethod::Average {
                    step, partial_unit, ..
                } => {
                    let others = n - 1;
                    let bound = if open || others == 0 {
                        None
                    } else {
                        // The others' sum, in values.
                        let own = match e {
                            Entry::Value(v) => simplest(*v),
                            Entry::Unknown(_) => Fraction::whole(Decimal::ZERO),
                        };
                        let s_o = sum.sub(own)?;
                        // Whole steps: short by less than one step still scores full.
                        let slack = match partial_unit {
                            PartialUnit::Whole => {
                                let total =
                                    Fraction::whole(exact::mul(*step, Decimal::from(n as u64))?);
                                if at_least {
                                    total.neg()
                                } else {
                                    total
                                }
                            }
                            _ => Fraction::whole(Decimal::ZERO),
                        };
                        Some(
                            s_o.add(slack)?
                                .div(Fraction::whole(Decimal::from(others as u64)))?,
                        )
                    };
                    Bar {
                        average: true,
                        at_least,
                        bound,
                        strict: *partial_unit == PartialUnit::Whole,
                        reachable: true,
                    }
                }
            };
            out.push(Some(bar));
        }
        Some(out)
    }

    /// What [`Rubric::verify`](crate::Rubric::verify) says of the rule:
    /// how ties and places past the list score, and where a batch could
    /// not be scored.
    pub(crate) fn findings(
        &self,
        points: Decimal,
        value: Option<Span>,
    ) -> Vec<((Severity, &'static str), &'static str, String)> {
        let mut out = vec![(
            (Severity::Note, "relative_score"),
            "rule",
            "a relative score: each department is scored against the others of its batch (Rubric::evaluate_batch); one department's facts alone are refused".to_owned(),
        )];
        let v = value.unwrap_or(Span::ALL);
        match &self.method {
            CompiledMethod::Rank { points: list, past, ties } => {
                let (Some(&first), Some(&last)) = (list.first(), list.last()) else {
                    return out;
                };
                if first < points {
                    out.push((
                        (Severity::Warning, "rank_first_below_points"),
                        "rule.method.rank.points",
                        format!(
                            "the first place scores {}: the leaf can score no more than {} of its {} points",
                            plain(first),
                            plain(first),
                            plain(points)
                        ),
                    ));
                }
                let n = list.len();
                match past {
                    Past::Unsaid => out.push((
                        (Severity::Warning, "rank_past_list_unsaid"),
                        "rule.method.rank.points",
                        format!(
                            "a batch of more than {n} departments cannot be scored: say what a place past the list scores (`beyond` or `decrement`)"
                        ),
                    )),
                    Past::Fixed(b) => out.push((
                        (Severity::Note, "rank_beyond"),
                        "rule.method.rank.beyond",
                        format!("every place past {n} scores {}", plain(*b)),
                    )),
                    Past::Decrement(d) => {
                        // The first place past the list at 0.
                        let zero = Fraction::new(last, *d)
                            .and_then(Fraction::ceil)
                            .and_then(|k| exact::add(k, Decimal::from(n as u64)));
                        if let Some(zero) = zero {
                            out.push((
                                (Severity::Note, "rank_decrement"),
                                "rule.method.rank.decrement",
                                format!(
                                    "each place past {n} scores {} less than the one before: place {} and every place after it score 0",
                                    plain(*d),
                                    plain(zero)
                                ),
                            ));
                        }
                    }
                }
                let second = list.get(1).copied().unwrap_or(match past {
                    Past::Fixed(b) => *b,
                    Past::Decrement(d) => exact::sub(first, *d)
                        .unwrap_or(Decimal::ZERO)
                        .max(Decimal::ZERO),
                    Past::Unsaid => first,
                });
                let third = list.get(2).copied();
                out.push((
                    (Severity::Note, "rank_ties"),
                    "rule.method.rank.ties",
                    match ties {
                        Ties::SameRank => format!(
                            "two departments level in first place each score {}, and the next department is third{}",
                            plain(first),
                            third
                                .map(|t| format!(" ({})", plain(t)))
                                .unwrap_or_default()
                        ),
                        Ties::Average => format!(
                            "two departments level in first place each score the average of places 1 and 2: ({} + {}) ÷ 2",
                            plain(first),
                            plain(second)
                        ),
                    },
                ));
            }
            CompiledMethod::Best => {
                if v.low.is_none_or(|l| l < Decimal::ZERO) {
                    out.push((
                        (Severity::Warning, "best_negative_values"),
                        "rule.formula",
                        "values below 0 are possible within the inputs' declared ranges, and a proportion to the first place's value is refused for them".to_owned(),
                    ));
                }
                if self.better == Better::Lower && v.low.is_none_or(|l| l <= Decimal::ZERO) {
                    out.push((
                        (Severity::Warning, "best_lower_zero"),
                        "rule.better",
                        "lower is better and a value of 0 is possible: a department at 0 is first, and every department above it scores 0 (0 ÷ its value)".to_owned(),
                    ));
                }
            }
            CompiledMethod::Average { .. } => out.push((
                (Severity::Note, "average_plain_mean"),
                "rule.method.average",
                "the average is the plain mean of the values of the departments scored on this leaf, each counted once, the department itself included (not weighted by any input)".to_owned(),
            )),
        }
        out
    }

    fn inexact(&self, what: &'static str) -> Refusal {
        let zh = match what {
            "the order of the departments' values" => "各单位数值的排序",
            "the points of the places" => "各名次的分值",
            "the sum of the departments' values" => "各单位数值之和",
            "the average of the tied places' points" => "并列名次分值的平均数",
            "the average" => "平均数",
            "the deduction from the average" => "与平均数比较的扣分",
            _ => "计分过程中的数值",
        };
        let formula = &self.measure.formula.display;
        Refusal {
            department: None,
            field: "rule.formula",
            kind: Box::new(FactIssueKind::Inexact {
                what: Text::new(
                    format!("{what} (`{formula}`)"),
                    format!("{zh}（公式“{formula}”）"),
                ),
            }),
        }
    }

    /// Scores every department of the batch on this leaf: `entries` holds
    /// each department's measured value (`None` where the leaf does not
    /// score it: not applicable, or left out), `names` their names.
    ///
    /// Sorts once; each department then costs a few binary searches, and
    /// its working names at most [`NAMED`] others.
    pub(crate) fn standings(
        &self,
        entries: &[Option<Entry>],
        names: &[Arc<str>],
        points: Decimal,
    ) -> Result<Vec<Option<Outcome>>, Refusal> {
        if let CompiledMethod::Best = self.method {
            for (d, e) in entries.iter().enumerate() {
                if let Some(Entry::Value(v)) = e {
                    if v.is_negative() {
                        return Err(Refusal {
                            department: Some(d),
                            field: "rule.formula",
                            kind: Box::new(FactIssueKind::Invalid {
                                expected: Text::new(
                                    "a value of at least 0, since the score is in proportion to the first place's value (按第1名的比例)",
                                    "不小于0的数值：得分按与第1名数值的比例计算",
                                ),
                                found: shown(*v).map_or_else(
                                    || Text::new("a negative value", "负数"),
                                    |v| Text::same(plain(v)),
                                ),
                            }),
                        });
                    }
                }
            }
        }
        let order = self.order(entries)?;
        let n = order.ids.iter().filter(|i| i.is_some()).count();
        let prefix = match &self.method {
            CompiledMethod::Rank { points, past, .. } => self.prefix(points, *past, n)?,
            _ => Vec::new(),
        };
        let sums = match &self.method {
            CompiledMethod::Average { .. } => Some(self.sums(entries, &order)?),
            _ => None,
        };
        let cx = Scoring {
            order: &order,
            n,
            prefix: &prefix,
            sums: sums.as_ref(),
            points,
        };
        let mut out = Vec::with_capacity(entries.len());
        for (d, e) in entries.iter().enumerate() {
            let Some((low, high)) = order.ids[d] else {
                out.push(None);
                continue;
            };
            let own = match e {
                Some(Entry::Value(v)) => Some(*v),
                _ => None,
            };
            let best = self.assess(&cx, d, own, high, Completion::Best)?;
            let worst = self.assess(&cx, d, own, low, Completion::Worst)?;
            let mut steps = Vec::with_capacity(3);
            let settled = best == worst;
            // Departments known to be level with it (a known value).
            let (tied, tied_count): (Vec<Arc<str>>, usize) = if order.known[d] {
                (
                    order.at[low]
                        .iter()
                        .filter(|&&o| o != d)
                        .take(NAMED)
                        .map(|&o| Arc::clone(&names[o]))
                        .collect(),
                    equal(&order.k, low) - 1,
                )
            } else {
                (Vec::new(), 0)
            };
            let (open, open_count) = self.open(&order, d, low, names);
            steps.push(Step::Standing {
                of: n as u64,
                place: best.above as u64 + 1,
                lowest: worst.above as u64 + 1,
                better: self.better,
                tied_more: (tied_count - tied.len()) as u64,
                tied,
                open_more: (open_count - open.len()) as u64,
                open,
            });
            if settled {
                self.compared(&cx, own, &best, names, &mut steps)?;
            }
            out.push(Some(Outcome {
                range: Range {
                    low: worst.score.min(best.score),
                    high: best.score.max(worst.score),
                },
                steps,
            }));
        }
        Ok(out)
    }

    /// The other departments whose unknown value could place them above
    /// this one or level with it: the first [`NAMED`], and how many.
    fn open(
        &self,
        order: &Order,
        d: usize,
        worst: usize,
        names: &[Arc<str>],
    ) -> (Vec<Arc<str>>, usize) {
        let own_unknown = !order.known[d];
        let (count, every) = match self.method {
            // Every unknown value moves the average.
            CompiledMethod::Average { .. } => (order.b.len() - usize::from(own_unknown), true),
            _ => {
                let ge = order.b.len() - order.b.partition_point(|&v| v < worst);
                (ge - usize::from(own_unknown), false)
            }
        };
        let named = order
            .unknown_by_best
            .iter()
            .filter(|&&o| o != d)
            .take_while(|&&o| every || order.ids[o].is_some_and(|i| i.1 >= worst))
            .take(NAMED)
            .map(|&o| Arc::clone(&names[o]))
            .collect();
        (named, count)
    }

    /// The points of places 1 to `n` added up, place by place.
    fn prefix(&self, list: &[Decimal], past: Past, n: usize) -> Result<Vec<Decimal>, Refusal> {
        if n > list.len() && past == Past::Unsaid {
            return Err(Refusal {
                department: None,
                field: "rule.method.rank.points",
                kind: Box::new(FactIssueKind::Invalid {
                    expected: Text::new(
                        format!(
                            "points for every place: the list gives {} place{}, so say what a place past it scores (`beyond` or `decrement`)",
                            list.len(),
                            if list.len() == 1 { "" } else { "s" }
                        ),
                        format!(
                            "每个名次的分值：列表只列了{}个名次，须规定列表以后的名次如何计分（beyond 或 decrement）",
                            list.len()
                        ),
                    ),
                    found: Text::new(
                        format!("{n} departments scored on this leaf"),
                        format!("本指标有{n}个单位参与计分"),
                    ),
                }),
            });
        }
        let overflow = || self.inexact("the points of the places");
        let mut prefix = Vec::with_capacity(n + 1);
        prefix.push(Decimal::ZERO);
        let mut last = list.last().copied().unwrap_or(Decimal::ZERO);
        for p in 0..n {
            let here = match (list.get(p), past) {
                (Some(&v), _) => v,
                (None, Past::Fixed(v)) => v,
                (None, Past::Decrement(step)) => {
                    last = exact::sub(last, step)
                        .ok_or_else(overflow)?
                        .max(Decimal::ZERO);
                    last
                }
                (None, Past::Unsaid) => Decimal::ZERO,
            };
            let total = exact::add(prefix[p], here).ok_or_else(overflow)?;
            prefix.push(total);
        }
        Ok(prefix)
    }

    /// Sums for the average: the known values', the unknowns' worst and
    /// best finite ends, and how many ends are unbounded (all in keys).
    fn sums(&self, entries: &[Option<Entry>], order: &Order) -> Result<Sums, Refusal> {
        let overflow = || self.inexact("the sum of the departments' values");
        let mut s = Sums {
            known: Fraction::whole(Decimal::ZERO),
            worst: Fraction::whole(Decimal::ZERO),
            best: Fraction::whole(Decimal::ZERO),
            worst_unbounded: 0,
            best_unbounded: 0,
        };
        for (d, e) in entries.iter().enumerate() {
            let Some((low, high)) = order.ids[d] else {
                continue;
            };
            match e {
                Some(Entry::Value(_)) => {
                    let v = self.finite(order.keys[low]).ok_or_else(overflow)?;
                    s.known = s.known.add(v).ok_or_else(overflow)?;
                }
                _ => {
                    match order.keys[low] {
                        Key::At(v) => s.worst = s.worst.add(simplest(v)).ok_or_else(overflow)?,
                        _ => s.worst_unbounded += 1,
                    }
                    match order.keys[high] {
                        Key::At(v) => s.best = s.best.add(simplest(v)).ok_or_else(overflow)?,
                        _ => s.best_unbounded += 1,
                    }
                }
            }
        }
        Ok(s)
    }

    fn finite(&self, k: Key) -> Option<Fraction> {
        match k {
            Key::At(v) => Some(simplest(v)),
            _ => None,
        }
    }

    /// A department's place and score in one completion of the unknowns:
    /// `Best` puts its own value at its best and every other unknown at
    /// its worst, `Worst` the other way round.
    fn assess(
        &self,
        cx: &Scoring<'_>,
        d: usize,
        own: Option<Fraction>,
        x: usize,
        completion: Completion,
    ) -> Result<Assessment, Refusal> {
        let o = cx.order;
        let known = o.known[d];
        let (low, high) = o.ids[d].unwrap_or((x, x));
        // The others' unknowns at their worst (for this department's best)
        // or at their best; its own end in that list is taken out.
        let (others, own_end) = match completion {
            Completion::Best => (&o.w, low),
            Completion::Worst => (&o.b, high),
        };
        let mut above = greater(&o.k, x) + greater(others, x);
        let mut level = equal(&o.k, x) + equal(others, x);
        if known {
            level -= 1;
        } else {
            if own_end > x {
                above -= 1;
            }
            if own_end == x {
                level -= 1;
            }
        }
        let overflow = |formula: String| Refusal {
            department: Some(d),
            field: "rule.formula",
            kind: Box::new(FactIssueKind::Overflow { formula }),
        };
        let points = cx.points;
        let (compared, score) = match &self.method {
            CompiledMethod::Rank { ties, .. } => {
                let first = above + 1;
                let last = match ties {
                    Ties::SameRank => first,
                    Ties::Average => first + level,
                };
                let sum = exact::sub(cx.prefix[last], cx.prefix[first - 1])
                    .ok_or_else(|| self.inexact("the points of the places"))?;
                let count = Decimal::from((last - first + 1) as u64);
                let score = exact::mul_div(sum, Decimal::ONE, count)
                    .map(|q| q.value)
                    .ok_or_else(|| self.inexact("the average of the tied places' points"))?;
                (Compared::Place, score)
            }
            CompiledMethod::Best if above == 0 => (Compared::Best(None), points),
            CompiledMethod::Best => {
                // The best value in this completion, other than its own.
                let best = match completion {
                    Completion::Best => o.k.last().copied().max(o.w.last().copied()),
                    Completion::Worst => {
                        let top_unknown = o
                            .unknown_by_best
                            .iter()
                            .find(|&&u| u != d)
                            .and_then(|&u| o.ids[u].map(|i| i.1));
                        o.k.last().copied().max(top_unknown)
                    }
                }
                .unwrap_or(x);
                let score = match (self.value(o.keys[x]), self.value(o.keys[best])) {
                    (Some(v), Some(b)) => {
                        let (top, bottom) = match self.better {
                            Better::Higher => (v, b),
                            Better::Lower => (b, v),
                        };
                        let text = || {
                            format!(
                                "{} × {} ÷ {}",
                                plain(points),
                                shown(top).map_or_else(String::new, plain),
                                shown(bottom).map_or_else(String::new, plain)
                            )
                        };
                        Fraction::whole(points)
                            .mul(top)
                            .and_then(|f| f.div(bottom))
                            .and_then(|f| f.quotient())
                            .ok_or_else(|| overflow(text()))?
                            .value
                    }
                    // Its own value unbounded below, or the best unbounded
                    // above: the score tends to 0.
                    _ => Decimal::ZERO,
                };
                (
                    Compared::Best(matches!(o.keys[best], Key::At(_)).then_some(best)),
                    score,
                )
            }
            CompiledMethod::Average {
                step,
                deduction,
                partial_unit,
            } => {
                let sums = cx.sums.ok_or_else(|| self.inexact("the average"))?;
                let total = sums.total(self, o, d, own, x, completion)?;
                let beyond = match (total, o.keys[x]) {
                    (Some(total), Key::At(mine)) => {
                        // In keys, beyond the average is (Σ − n × own) ÷ n.
                        let n = Fraction::whole(Decimal::from(cx.n as u64));
                        let mine = simplest(mine);
                        let b = total
                            .sub(mine.mul(n).ok_or_else(|| self.inexact("the average"))?)
                            .and_then(|f| f.div(n))
                            .ok_or_else(|| self.inexact("the average"))?;
                        Some((b, total))
                    }
                    _ => None,
                };
                match beyond {
                    Some((b, total)) => {
                        let (_, _, ded) = deduction_beyond(b, *step, *deduction, *partial_unit)
                            .ok_or_else(|| self.inexact("the deduction from the average"))?;
                        let score = Fraction::whole(points)
                            .sub(ded)
                            .and_then(|f| f.quotient())
                            .ok_or_else(|| self.inexact("the deduction from the average"))?
                            .value
                            .max(Decimal::ZERO);
                        let sum = match self.better {
                            Better::Higher => total,
                            Better::Lower => total.neg(),
                        };
                        let n = Fraction::whole(Decimal::from(cx.n as u64));
                        let average = sum.div(n).ok_or_else(|| self.inexact("the average"))?;
                        (Compared::Average(Some((sum, average))), score)
                    }
                    // Unbounded: beyond the average without limit, either way.
                    None => {
                        let short = match completion {
                            Completion::Best => false,
                            Completion::Worst => true,
                        };
                        let score = if short && *deduction > Decimal::ZERO {
                            Decimal::ZERO
                        } else {
                            points
                        };
                        (Compared::Average(None), score)
                    }
                }
            }
        };
        Ok(Assessment {
            above,
            level,
            compared,
            score,
        })
    }

    /// The working of a settled score: what it was compared with.
    fn compared(
        &self,
        cx: &Scoring<'_>,
        own: Option<Fraction>,
        a: &Assessment,
        names: &[Arc<str>],
        steps: &mut Vec<Step>,
    ) -> Result<(), Refusal> {
        let o = cx.order;
        let shown_or =
            |f: Fraction| shown(f).ok_or_else(|| self.inexact("a figure of the working"));
        match (&self.method, &a.compared) {
            (CompiledMethod::Rank { ties, .. }, _) => {
                let first = a.above + 1;
                let last = match ties {
                    Ties::SameRank => first,
                    Ties::Average => first + a.level,
                };
                let places: Vec<Decimal> = if last - first < 4 {
                    (first..=last)
                        .filter_map(|p| exact::sub(cx.prefix[p], cx.prefix[p - 1]))
                        .collect()
                } else {
                    Vec::new()
                };
                steps.push(Step::PlacePoints {
                    first: first as u64,
                    last: last as u64,
                    points: places,
                    sum: exact::sub(cx.prefix[last], cx.prefix[first - 1])
                        .ok_or_else(|| self.inexact("the points of the places"))?,
                    ties: *ties,
                    shared: a.level > 0,
                });
            }
            (CompiledMethod::Best, Compared::Best(best)) => {
                let value = own.map(shown_or).transpose()?.unwrap_or_default();
                let (best_value, leaders, more) = match best {
                    Some(id) => {
                        let leaders: Vec<Arc<str>> = o.at[*id]
                            .iter()
                            .take(NAMED)
                            .map(|&l| Arc::clone(&names[l]))
                            .collect();
                        let count = equal(&o.k, *id);
                        let v = self
                            .value(o.keys[*id])
                            .map(shown_or)
                            .transpose()?
                            .unwrap_or_default();
                        let more = count.saturating_sub(leaders.len());
                        (v, leaders, more)
                    }
                    None => (value, Vec::new(), 0),
                };
                steps.push(Step::ToBest {
                    better: self.better,
                    value,
                    best: best_value,
                    first: best.is_none(),
                    leaders,
                    leaders_more: more as u64,
                    percent: self.measure.percent,
                });
            }
            (
                CompiledMethod::Average {
                    step,
                    deduction,
                    partial_unit,
                },
                Compared::Average(Some((sum, average))),
            ) => {
                let value = own.ok_or_else(|| self.inexact("the average"))?;
                let beyond = match self.better {
                    Better::Higher => average.sub(value),
                    Better::Lower => value.sub(*average),
                }
                .ok_or_else(|| self.inexact("the average"))?;
                let (distance, units, ded) =
                    deduction_beyond(beyond, *step, *deduction, *partial_unit)
                        .ok_or_else(|| self.inexact("the deduction from the average"))?;
                steps.push(Step::ToAverage {
                    better: self.better,
                    of: cx.n as u64,
                    sum: shown_or(*sum)?,
                    average: shown_or(*average)?,
                    percent: self.measure.percent,
                });
                steps.push(Step::Threshold {
                    direction: match self.better {
                        Better::Higher => Direction::Below,
                        Better::Lower => Direction::Above,
                    },
                    threshold: shown_or(*average)?,
                    percent: self.measure.percent,
                    distance: shown_or(distance)?,
                    step: *step,
                    per_step: *deduction,
                    partial_unit: *partial_unit,
                    units: shown_or(units)?,
                    deduction: shown_or(ded)?,
                });
                if let Some(floor) = Fraction::whole(cx.points)
                    .sub(ded)
                    .filter(|f| f.is_negative())
                {
                    steps.push(Step::Floor {
                        computed: shown_or(floor)?,
                    });
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// Which completion of the unknowns an assessment takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Completion {
    /// The department's own value at its best, the others' at their worst.
    Best,
    /// The other way round.
    Worst,
}

/// What scoring every department shares.
struct Scoring<'a> {
    order: &'a Order,
    /// Departments scored on the leaf.
    n: usize,
    /// The points of places 1..=n added up (rank only).
    prefix: &'a [Decimal],
    sums: Option<&'a Sums>,
    points: Decimal,
}

/// The batch's values added up, in keys.
struct Sums {
    known: Fraction,
    worst: Fraction,
    best: Fraction,
    worst_unbounded: usize,
    best_unbounded: usize,
}

impl Sums {
    /// Σ keys in one completion for department `d` at key id `x`; `None`
    /// where an end is unbounded (the average then is too).
    fn total(
        &self,
        rule: &Compiled,
        o: &Order,
        d: usize,
        own: Option<Fraction>,
        x: usize,
        completion: Completion,
    ) -> Result<Option<Fraction>, Refusal> {
        let overflow = || rule.inexact("the sum of the departments' values");
        let (low, high) = o.ids[d].unwrap_or((x, x));
        // The others' unknowns at their worst (best completion) or best.
        let (mut sum, mut unbounded, own_end) = match completion {
            Completion::Best => (self.worst, self.worst_unbounded, low),
            Completion::Worst => (self.best, self.best_unbounded, high),
        };
        if own.is_none() {
            match o.keys[own_end] {
                Key::At(v) => sum = sum.sub(simplest(v)).ok_or_else(overflow)?,
                _ => unbounded -= 1,
            }
        }
        if unbounded > 0 {
            return Ok(None);
        }
        let mut total = self.known.add(sum).ok_or_else(overflow)?;
        if own.is_none() {
            match o.keys[x] {
                Key::At(v) => total = total.add(simplest(v)).ok_or_else(overflow)?,
                _ => return Ok(None),
            }
        }
        Ok(Some(total))
    }
}

/// A fraction whose quotient terminates, as that decimal over 1: sums of
/// many departments' values then stay small.
fn simplest(f: Fraction) -> Fraction {
    match f.quotient() {
        Some(q) if q.exact => Fraction::whole(q.value),
        _ => f,
    }
}

/// A figure of the working: exact, or rounded to odd past every place shown.
fn shown(f: Fraction) -> Option<Decimal> {
    f.quotient().map(|q| q.value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tests::{compile_issues, compile_rule};
    use crate::rules::{CompiledRule, Rule};
    use rust_decimal_macros::dec;

    fn rule(method: serde_json::Value, better: &str) -> Rule {
        serde_json::from_value(serde_json::json!({
            "kind": "relative", "formula": "x", "better": better, "method": method
        }))
        .unwrap()
    }

    fn compiled(method: serde_json::Value, better: &str, points: Decimal) -> Compiled {
        match compile_rule(&rule(method, better), points) {
            CompiledRule::Relative(r) => *r,
            other => panic!("{other:?}"),
        }
    }

    fn names(n: usize) -> Vec<Arc<str>> {
        (0..n).map(|i| Arc::from(format!("D{i}"))).collect()
    }

    fn known(values: &[Decimal]) -> Vec<Option<Entry>> {
        values
            .iter()
            .map(|v| Some(Entry::Value(Fraction::whole(*v))))
            .collect()
    }

    fn scores(r: &Compiled, entries: &[Option<Entry>], points: Decimal) -> Vec<(Decimal, Decimal)> {
        r.standings(entries, &names(entries.len()), points)
            .unwrap()
            .into_iter()
            .map(|o| o.map_or((dec!(-1), dec!(-1)), |o| (o.range.low, o.range.high)))
            .collect()
    }

    fn exact(list: &[(Decimal, Decimal)]) -> Vec<Decimal> {
        list.iter()
            .map(|(l, h)| {
                assert_eq!(l, h);
                *l
            })
            .collect()
    }

    fn places(r: &Compiled, entries: &[Option<Entry>]) -> Vec<(u64, u64)> {
        r.standings(entries, &names(entries.len()), dec!(60))
            .unwrap()
            .into_iter()
            .map(|o| match o.map(|o| o.steps[0].clone()) {
                Some(Step::Standing { place, lowest, .. }) => (place, lowest),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn points_by_place_with_ties_at_the_same_rank_or_averaged() {
        let list = serde_json::json!([60, 57, 54, 51, 48]);
        let same = compiled(
            serde_json::json!({"rank": {"points": list, "ties": "same_rank"}}),
            "higher",
            dec!(60),
        );
        let values = known(&[dec!(8), dec!(9), dec!(9), dec!(7), dec!(10)]);
        // 10 first; the two 9s both second; 8 fourth (1, 2, 2, 4, 5).
        assert_eq!(
            exact(&scores(&same, &values, dec!(60))),
            [dec!(51), dec!(57), dec!(57), dec!(48), dec!(60)]
        );
        assert_eq!(
            places(&same, &values),
            [(4, 4), (2, 2), (2, 2), (5, 5), (1, 1)]
        );
        let average = compiled(
            serde_json::json!({"rank": {"points": list, "ties": "average"}}),
            "higher",
            dec!(60),
        );
        // The 9s fill places 2 and 3: (57 + 54) ÷ 2.
        assert_eq!(
            exact(&scores(&average, &values, dec!(60))),
            [dec!(51), dec!(55.5), dec!(55.5), dec!(48), dec!(60)]
        );
    }

    #[test]
    fn lower_is_better_ranks_from_the_bottom() {
        // 倒数第1名、第2名、第3名的分别计2分、1.9分、1.8分，倒数第4名及以上的，每进1名扣0.1分
        let r = compiled(
            serde_json::json!({"rank": {"points": [2, 1.9, 1.8], "decrement": 0.1, "ties": "same_rank"}}),
            "lower",
            dec!(2),
        );
        let values = known(&[dec!(5), dec!(1), dec!(4), dec!(2), dec!(3)]);
        assert_eq!(
            exact(&scores(&r, &values, dec!(2))),
            [dec!(1.6), dec!(2), dec!(1.7), dec!(1.9), dec!(1.8)]
        );
    }

    #[test]
    fn in_proportion_to_the_best() {
        // 第1名得6分，第2-5名按第1名的比例得分
        let r = compiled(serde_json::json!("best"), "higher", dec!(6));
        let values = known(&[dec!(30), dec!(25), dec!(30), dec!(0), dec!(12)]);
        assert_eq!(
            exact(&scores(&r, &values, dec!(6))),
            [dec!(6), dec!(5), dec!(6), dec!(0), dec!(2.4)]
        );
        let lower = compiled(serde_json::json!("best"), "lower", dec!(6));
        assert_eq!(
            exact(&scores(
                &lower,
                &known(&[dec!(20), dec!(25), dec!(40)]),
                dec!(6)
            )),
            [dec!(6), dec!(4.8), dec!(3)]
        );
        // Negative values cannot be put in proportion.
        let err = r
            .standings(&known(&[dec!(3), dec!(-1)]), &names(2), dec!(6))
            .unwrap_err();
        assert_eq!(err.department, Some(1));
    }

    #[test]
    fn against_the_average() {
        // 不低于平均值的得2分；每低1%，扣0.1分 (values in percentage points).
        let r = compiled(
            serde_json::json!({"average": {"step": 1, "deduction": 0.1, "partial_unit": "whole"}}),
            "higher",
            dec!(2),
        );
        // The average is 40; 36.5 is 3.5 short: 3 whole steps.
        let values = known(&[dec!(40), dec!(36.5), dec!(43.5), dec!(40)]);
        assert_eq!(
            exact(&scores(&r, &values, dec!(2))),
            [dec!(2), dec!(1.7), dec!(2), dec!(2)]
        );
        // 每超平均年龄1岁的，扣0.5分: lower is better.
        let age = compiled(
            serde_json::json!({"average": {"step": 1, "deduction": 0.5, "partial_unit": "proportional"}}),
            "lower",
            dec!(2),
        );
        assert_eq!(
            exact(&scores(
                &age,
                &known(&[dec!(40), dec!(44), dec!(42)]),
                dec!(2)
            )),
            [dec!(2), dec!(1), dec!(2)]
        );
    }

    #[test]
    fn an_unknown_value_takes_every_place_it_could_and_displaces_the_others() {
        let r = compiled(
            serde_json::json!({"rank": {"points": [60, 57, 54, 51, 48], "ties": "same_rank"}}),
            "higher",
            dec!(60),
        );
        let mut values = known(&[dec!(10), dec!(8), dec!(6), dec!(4)]);
        values.push(Some(Entry::Unknown(Span {
            low: Some(dec!(5)),
            high: Some(dec!(9)),
        })));
        // The unknown lies between 5 and 9: it can pass 8 and 6, not 10 or 4.
        assert_eq!(
            places(&r, &values),
            [(1, 1), (2, 3), (3, 4), (5, 5), (2, 4)]
        );
        assert_eq!(
            scores(&r, &values, dec!(60)),
            [
                (dec!(60), dec!(60)),
                (dec!(54), dec!(57)),
                (dec!(51), dec!(54)),
                (dec!(48), dec!(48)),
                (dec!(51), dec!(57)),
            ]
        );
    }

    #[test]
    fn compile_checks_the_points_list() {
        let r = rule(
            serde_json::json!({"rank": {"points": [60, 61, 54, -1], "beyond": 5, "decrement": 1, "ties": "average"}}),
            "higher",
        );
        assert_eq!(
            compile_issues(&r, dec!(60)),
            [
                "rule.method.rank.points[1]: expected points of at most the leaf's 60, found 61",
                "rule.method.rank.points[3]: expected points of at least 0, found -1",
                "rule.method.rank.decrement: expected `beyond` (the points of every place past the list) or `decrement` (the points lost per place past it), not both, found both",
            ]
        );
    }
}
