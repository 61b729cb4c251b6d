//! Property-test strategies for hosts (feature `proptest`): facts generated
//! for a given [`Rubric`], concentrated where its rules change behaviour, and
//! random valid rubrics.
//!
//! A finance bureau changes its rubric every year; before anyone is scored
//! with the new one, the platform can prove that it still behaves. Write the
//! property the bureau means, and let the kit look for a department that
//! breaks it:
//!
//! ```
//! use jixiao::testkit::{facts, FactsConfig};
//! use jixiao::Rubric;
//! use proptest::test_runner::{Config, TestCaseError, TestRunner};
//!
//! let rubric = Rubric::from_json(r#"{
//!   "title": "示例", "total": 100,
//!   "inputs": [ { "name": "执行数", "min": 0, "max": 1000000 }, { "name": "预算数", "min": 1, "max": 1000000 },
//!               { "name": "满意度", "unit": "%", "min": 0, "max": 100 } ],
//!   "indicators": [
//!     { "id": "预算执行", "name": "预算执行", "points": 20, "children": [
//!       { "id": "预算执行率", "name": "预算执行率", "points": 20,
//!         "rule": { "kind": "stepped_bands", "formula": "执行数/预算数×100%", "better": "higher", "bands": [
//!           { "range": "[100%,+∞)", "points": 20 }, { "range": "[90%,100%)", "points": 12 },
//!           { "range": "[0%,90%)", "points": 0 } ] } } ] },
//!     { "id": "效果", "name": "效果", "points": 80, "children": [
//!       { "id": "满意度", "name": "满意度", "points": 80,
//!         "rule": { "kind": "stepped_bands", "formula": "满意度", "better": "higher", "bands": [
//!           { "range": "[90%,+∞)", "points": 80 }, { "range": "[0%,90%)", "points": 50 } ] } } ] }
//!   ]
//! }"#)?;
//!
//! // "No department scores above 95 unless every 预算执行 leaf is full."
//! let mut runner = TestRunner::new(Config { cases: 64, ..Config::default() });
//! runner.run(&facts(&rubric, FactsConfig::new()), |facts| {
//!     let evaluation = rubric.evaluate(&facts).map_err(|e| TestCaseError::fail(e.to_string()))?;
//!     let execution = evaluation.find("预算执行").ok_or_else(|| TestCaseError::fail("no 预算执行"))?;
//!     if evaluation.low > "95".parse().unwrap_or_default() {
//!         proptest::prop_assert!(execution.children.iter().all(|leaf| leaf.low == leaf.points));
//!     }
//!     Ok(())
//! })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Had 预算执行率 deducted 1 point per percentage point below 100%
//! (`ratio_threshold`, proportional), the runner would fail, reporting the
//! department the kit found: 执行数 0.9501 of 预算数 1, which scores 95.01
//! without a full 预算执行.
//!
//! Run more cases than a CI run affords with `PROPTEST_CASES=10000`.

use std::sync::Arc;

use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;
use rust_decimal::Decimal;

use crate::facts::{Answer, AnswerFields, FactValue, Facts, ItemAnswer};
use crate::rubric::Rubric;
use crate::rules::{
    Band, Better, Checklist, ChecklistItem, CompiledRule, Direction, Judgement, Level, PartialUnit,
    Proportional, Quantity, Rating, RatioThreshold, Rule, SteppedBands, ZeroDenominator,
};
use crate::spec::{IndicatorSpec, InputSpec, NotApplicable, RubricSpec};

/// What generated facts may hold besides known values and answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FactsConfig {
    unknown_percent: u32,
    not_applicable_percent: u32,
}

impl FactsConfig {
    /// Complete facts: every input known, every answer given, nothing marked
    /// not applicable.
    pub fn new() -> FactsConfig {
        FactsConfig::default()
    }

    /// Marks about `percent`% of the inputs and answers unknown.
    #[must_use]
    pub fn unknowns(mut self, percent: u32) -> FactsConfig {
        self.unknown_percent = percent.min(100);
        self
    }

    /// Marks about `percent`% of the leaves that allow it not applicable.
    #[must_use]
    pub fn not_applicable(mut self, percent: u32) -> FactsConfig {
        self.not_applicable_percent = percent.min(100);
        self
    }
}

fn chance(percent: u32) -> BoxedStrategy<bool> {
    (0u32..100).prop_map(move |n| n < percent).boxed()
}

/// Values a rule cares about, and their neighbours a smallest step away.
fn near(edges: &[Decimal]) -> Vec<Decimal> {
    let tiny = [Decimal::new(1, 4), Decimal::new(1, 12)];
    let mut out = vec![
        Decimal::ZERO,
        Decimal::ONE,
        Decimal::ONE_HUNDRED,
        Decimal::from(34),
        Decimal::from(39),
        Decimal::new(1, 28),
        Decimal::from(1_000_000_000_000_000i64),
        Decimal::MAX,
        Decimal::NEGATIVE_ONE,
        Decimal::MIN,
    ];
    for &e in edges {
        for v in [e, e / Decimal::ONE_HUNDRED] {
            out.push(v);
            for t in tiny {
                out.extend(v.checked_add(t));
                out.extend(v.checked_sub(t));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A decimal near one of `edges` (or anywhere, now and then), kept within
/// `[min, max]` and whole when `integer`.
fn value_near(
    edges: Vec<Decimal>,
    min: Option<Decimal>,
    max: Option<Decimal>,
    integer: bool,
) -> BoxedStrategy<Decimal> {
    let fit = move |mut v: Decimal| {
        if integer {
            v = v.round();
        }
        if let Some(min) = min {
            v = v.max(min);
        }
        if let Some(max) = max {
            v = v.min(max);
        }
        v
    };
    let candidates = near(&edges);
    prop_oneof![
        3 => proptest::sample::select(candidates),
        1 => (-100_000i64..=1_000_000).prop_map(|n| Decimal::new(n, 2)),
    ]
    .prop_map(fit)
    .boxed()
}

/// Facts for `rubric`: input values concentrated at every threshold, band
/// edge and step boundary (± the smallest units), 0 and huge values; every
/// answer a rule allows; unknowns and not-applicable marks as `config` says.
pub fn facts(rubric: &Rubric, config: FactsConfig) -> BoxedStrategy<Facts> {
    // The edges of every leaf reading each input.
    let mut edges: Vec<Vec<Decimal>> = vec![Vec::new(); rubric.inputs.len()];
    for node in &rubric.nodes {
        if let Some(rule) = &node.rule {
            if let Some(m) = rule.measure() {
                let e = rule.edges(node.points);
                for &slot in &m.formula.inputs {
                    if let Some(list) = edges.get_mut(slot) {
                        list.extend(e.iter().copied());
                    }
                }
            }
        }
    }
    let values: Vec<BoxedStrategy<(String, FactValue)>> = rubric
        .inputs
        .iter()
        .zip(edges)
        .map(|(input, edges)| {
            let name = input.spec.name.clone();
            let percent = input.percent;
            let value = value_near(edges, input.spec.min, input.spec.max, input.spec.integer);
            (chance(config.unknown_percent), value)
                .prop_map(move |(unknown, v)| {
                    let fact = if unknown {
                        FactValue::Unknown
                    } else if percent {
                        FactValue::Percent(v)
                    } else {
                        FactValue::Number(v)
                    };
                    (name.clone(), fact)
                })
                .boxed()
        })
        .collect();
    let mut answers: Vec<BoxedStrategy<(String, Answer)>> = Vec::new();
    let mut marks: Vec<BoxedStrategy<Option<(String, String)>>> = Vec::new();
    for node in &rubric.nodes {
        let Some(rule) = &node.rule else { continue };
        let id = node.id.to_string();
        if node.not_applicable.is_some() {
            let id = id.clone();
            marks.push(
                chance(config.not_applicable_percent)
                    .prop_map(move |na| na.then(|| (id.clone(), "不适用（生成）".to_owned())))
                    .boxed(),
            );
        }
        if let Some(answer) = answer(rule, node.points) {
            let id = id.clone();
            answers.push(
                (chance(config.unknown_percent), answer)
                    .prop_map(move |(unknown, a)| {
                        (id.clone(), if unknown { Answer::Unknown } else { a })
                    })
                    .boxed(),
            );
        }
    }
    (values, answers, marks)
        .prop_map(|(values, answers, marks)| Facts {
            values: values.into_iter().collect(),
            answers: answers.into_iter().collect(),
            not_applicable: marks.into_iter().flatten().collect(),
            ..Facts::default()
        })
        .boxed()
}

/// A valid answer for a rule that takes one.
fn answer(rule: &CompiledRule, points: Decimal) -> Option<BoxedStrategy<Answer>> {
    match rule {
        CompiledRule::Checklist(c) => {
            let items: Vec<BoxedStrategy<(String, ItemAnswer)>> = c
                .items
                .iter()
                .map(|item| {
                    let id = item.id.to_string();
                    let amount = item.amount;
                    let answer: BoxedStrategy<ItemAnswer> = if c.deduct {
                        prop_oneof![
                            (0u64..5).prop_map(ItemAnswer::Cases),
                            Just(ItemAnswer::Unknown)
                        ]
                        .boxed()
                    } else if c.partial_credit {
                        prop_oneof![
                            Just(ItemAnswer::Met),
                            Just(ItemAnswer::NotMet),
                            Just(ItemAnswer::Unknown),
                            (0u32..=4).prop_map(move |k| ItemAnswer::Partial {
                                score: share(amount, k, 4),
                                reason: "部分符合（生成）".to_owned(),
                            }),
                        ]
                        .boxed()
                    } else {
                        prop_oneof![
                            Just(ItemAnswer::Met),
                            Just(ItemAnswer::NotMet),
                            Just(ItemAnswer::Unknown)
                        ]
                        .boxed()
                    };
                    answer.prop_map(move |a| (id.clone(), a)).boxed()
                })
                .collect();
            Some(items.prop_map(Answer::items).boxed())
        }
        CompiledRule::Rating(r) => {
            let levels: Vec<(Arc<str>, Option<Decimal>, Vec<Decimal>)> = r
                .levels
                .iter()
                .map(|l| {
                    let width = l.high.checked_sub(l.low).unwrap_or_default();
                    let inside: Vec<Decimal> = (0..=20)
                        .filter_map(|k| l.low.checked_add(share(width, k, 20)))
                        .filter(|v| l.range.contains(*v))
                        .collect();
                    (Arc::clone(&l.name), l.points, inside)
                })
                .filter(|(_, p, inside)| p.is_some() || !inside.is_empty())
                .collect();
            if levels.is_empty() {
                return None;
            }
            Some(
                proptest::sample::select(levels)
                    .prop_flat_map(|(name, fixed, inside)| match fixed {
                        Some(_) => Just(Answer::level(name.to_string())).boxed(),
                        None => proptest::sample::select(inside)
                            .prop_map(move |s| {
                                Answer::level_score(name.to_string(), s, "按档评分（生成）")
                            })
                            .boxed(),
                    })
                    .boxed(),
            )
        }
        CompiledRule::Judgement => Some(
            (0u32..=10)
                .prop_map(move |k| Answer::judgement(share(points, k, 10), "酌情评分（生成）"))
                .boxed(),
        ),
        _ => None,
    }
}

/// `k / n` of `amount`, or `amount` where that overflows.
fn share(amount: Decimal, k: u32, n: u32) -> Decimal {
    amount
        .checked_mul(Decimal::from(k))
        .and_then(|v| v.checked_div(Decimal::from(n)))
        .unwrap_or(amount)
        .min(amount)
}

/// An input generated rubrics declare: name, unit, min, max.
type InputDecl = (&'static str, Option<&'static str>, Option<i64>, Option<i64>);

/// The inputs generated rubrics declare.
const INPUTS: [InputDecl; 6] = [
    ("甲", None, Some(0), None),
    ("乙", None, Some(0), None),
    ("丙", None, Some(0), None),
    ("丁", Some("人"), Some(0), None),
    ("变动额", None, None, None),
    ("满意度", Some("%"), Some(0), Some(100)),
];

/// Formulas over [`INPUTS`]: (text, is a percentage).
const FORMULAS: [(&str, bool); 7] = [
    ("（甲/乙）×100%", true),
    ("比率=甲/丁×100%", true),
    ("[（甲-乙）/乙]×100%", true),
    ("满意度", true),
    ("甲", false),
    ("甲+丙-乙", false),
    ("变动额÷2", false),
];

fn points() -> BoxedStrategy<Decimal> {
    prop_oneof![
        (1i64..=10).prop_map(Decimal::from),
        Just(Decimal::new(25, 1)),
        Just(Decimal::new(75, 2)),
    ]
    .boxed()
}

fn quantity(v: Decimal, percent: bool) -> Quantity {
    Quantity { value: v, percent }
}

fn zero_denominator(na: bool) -> BoxedStrategy<Option<ZeroDenominator>> {
    let mut options = vec![
        None,
        Some(ZeroDenominator::Full),
        Some(ZeroDenominator::Zero),
    ];
    if na {
        options.push(Some(ZeroDenominator::NotApplicable));
    }
    proptest::sample::select(options).boxed()
}

/// A leaf: its rule and points, consistent with each other.
fn leaf() -> BoxedStrategy<IndicatorSpec> {
    let na = proptest::option::of(proptest::sample::select(vec![
        NotApplicable::Full,
        NotApplicable::Zero,
        NotApplicable::Exclude,
    ]));
    (
        na,
        points(),
        0usize..6,
        proptest::sample::select(FORMULAS.to_vec()),
    )
        .prop_flat_map(|(na, points, kind, (formula, percent))| {
            let formula = formula.to_owned();
            let rule: BoxedStrategy<(Rule, Decimal)> = match kind {
                0 => (
                    proptest::sample::select(vec![
                        Direction::Above,
                        Direction::Below,
                        Direction::Both,
                    ]),
                    proptest::sample::select(vec![
                        Decimal::ZERO,
                        Decimal::from(50),
                        Decimal::ONE_HUNDRED,
                    ]),
                    proptest::sample::select(vec![
                        Decimal::new(5, 1),
                        Decimal::ONE,
                        Decimal::from(5),
                    ]),
                    proptest::sample::select(vec![
                        Decimal::new(1, 1),
                        Decimal::new(5, 1),
                        Decimal::ONE,
                        Decimal::from(2),
                    ]),
                    proptest::sample::select(vec![
                        PartialUnit::Proportional,
                        PartialUnit::Whole,
                        PartialUnit::AnyStarted,
                    ]),
                    zero_denominator(na.is_some()),
                )
                    .prop_map(
                        move |(direction, threshold, step, deduction, partial_unit, zero)| {
                            (
                                Rule::RatioThreshold(RatioThreshold {
                                    formula: formula.clone(),
                                    threshold: quantity(threshold, percent),
                                    direction,
                                    step: quantity(step, percent),
                                    deduction,
                                    partial_unit,
                                    zero_denominator: zero,
                                }),
                                points,
                            )
                        },
                    )
                    .boxed(),
                1 => (
                    proptest::collection::btree_set(-50i64..150, 1..5),
                    any::<bool>(),
                    any::<bool>(),
                    proptest::collection::vec(0u32..=4, 6),
                    zero_denominator(na.is_some()),
                )
                    .prop_map(move |(cuts, upper_closed, absolute, shares, zero)| {
                        let cuts: Vec<Decimal> = cuts.into_iter().map(Decimal::from).collect();
                        let unit = if percent { "%" } else { "" };
                        let mut bands = Vec::new();
                        let (open, close) = if upper_closed { ("(", "]") } else { ("[", ")") };
                        let share = |i: usize| {
                            points * Decimal::from(shares.get(i).copied().unwrap_or(0))
                                / Decimal::from(4)
                        };
                        bands.push(Band {
                            range: format!(
                                "(-∞,{}{unit}{}",
                                cuts[0],
                                if upper_closed { "]" } else { ")" }
                            ),
                            points: share(0),
                            label: None,
                        });
                        for (i, w) in cuts.windows(2).enumerate() {
                            bands.push(Band {
                                range: format!("{open}{}{unit},{}{unit}{close}", w[0], w[1]),
                                points: share(i + 1),
                                label: None,
                            });
                        }
                        let last = cuts[cuts.len() - 1];
                        bands.push(Band {
                            range: format!(
                                "{}{last}{unit},+∞)",
                                if upper_closed { "(" } else { "[" }
                            ),
                            points: share(5),
                            label: None,
                        });
                        (
                            Rule::SteppedBands(SteppedBands {
                                formula: formula.clone(),
                                absolute,
                                better: None,
                                bands,
                                zero_denominator: zero,
                            }),
                            points,
                        )
                    })
                    .boxed(),
                2 => (
                    proptest::collection::vec(
                        proptest::sample::select(vec![
                            Decimal::new(5, 1),
                            Decimal::ONE,
                            Decimal::from(2),
                        ]),
                        1..6,
                    ),
                    any::<bool>(),
                    any::<bool>(),
                )
                    .prop_map(move |(amounts, deducting, partial)| {
                        let items: Vec<ChecklistItem> = amounts
                            .iter()
                            .enumerate()
                            .map(|(i, a)| ChecklistItem {
                                id: ["①", "②", "③", "④", "⑤"]
                                    .get(i)
                                    .copied()
                                    .unwrap_or("⑥")
                                    .to_owned(),
                                text: None,
                                points: (!deducting).then_some(*a),
                                per_case: deducting.then_some(*a),
                            })
                            .collect();
                        let leaf_points = if deducting {
                            points
                        } else {
                            amounts.iter().copied().sum()
                        };
                        (
                            Rule::Checklist(Checklist {
                                items,
                                partial_credit: partial && !deducting,
                            }),
                            leaf_points,
                        )
                    })
                    .boxed(),
                3 => (
                    proptest::sample::select(vec![
                        Decimal::from(50),
                        Decimal::ONE_HUNDRED,
                        Decimal::from(200),
                    ]),
                    proptest::sample::select(vec![Better::Higher, Better::Lower]),
                    zero_denominator(na.is_some()),
                )
                    .prop_map(move |(target, better, zero)| {
                        (
                            Rule::Proportional(Proportional {
                                formula: formula.clone(),
                                target: quantity(target, percent),
                                better,
                                zero_denominator: zero,
                            }),
                            points,
                        )
                    })
                    .boxed(),
                4 => any::<bool>()
                    .prop_map(move |ranged| {
                        let levels = if ranged {
                            [
                                ("达成", "[80%,100%]"),
                                ("部分达成", "[60%,80%)"),
                                ("未达成", "[0%,60%)"),
                            ]
                            .map(|(name, range)| Level {
                                name: name.to_owned(),
                                text: None,
                                points: None,
                                range: Some(range.to_owned()),
                            })
                            .to_vec()
                        } else {
                            [
                                ("较好", points),
                                ("一般", points / Decimal::TWO),
                                ("无效果", Decimal::ZERO),
                            ]
                            .map(|(name, p)| Level {
                                name: name.to_owned(),
                                text: None,
                                points: Some(Quantity::number(p)),
                                range: None,
                            })
                            .to_vec()
                        };
                        (Rule::Rating(Rating { levels }), points)
                    })
                    .boxed(),
                _ => Just((Rule::Judgement(Judgement::default()), points)).boxed(),
            };
            rule.prop_map(move |(rule, points)| IndicatorSpec {
                id: String::new(),
                name: "指标".to_owned(),
                points,
                criterion: None,
                definition: None,
                not_applicable: na,
                children: Vec::new(),
                rule: Some(rule),
                ..IndicatorSpec::default()
            })
        })
        .boxed()
}

/// Random valid rubric specs: up to three levels, every rule kind, points
/// that add up, unique ids.
pub fn rubric_spec() -> BoxedStrategy<RubricSpec> {
    let tree = leaf().prop_recursive(3, 24, 4, |inner| {
        proptest::collection::vec(inner, 1..4).prop_map(|children| IndicatorSpec {
            id: String::new(),
            name: "分类".to_owned(),
            points: children.iter().map(|c| c.points).sum(),
            criterion: None,
            definition: None,
            not_applicable: None,
            children,
            rule: None,
            ..IndicatorSpec::default()
        })
    });
    proptest::collection::vec(tree, 1..4)
        .prop_map(|mut indicators| {
            let mut n = 0;
            for i in &mut indicators {
                number(i, &mut n);
            }
            RubricSpec {
                schema: None,
                id: None,
                vetoes: Vec::new(),
                bonus: None,
                penalty: None,
                final_score: crate::spec::FinalScore::Clamped,
                title: "生成的评价指标表".to_owned(),
                version: None,
                source: None,
                total: indicators.iter().map(|i| i.points).sum(),
                precision: 2,
                rounding: crate::spec::Rounding::HalfUp,
                grades: None,
                inputs: INPUTS
                    .iter()
                    .map(|(name, unit, min, max)| InputSpec {
                        name: (*name).to_owned(),
                        label: None,
                        unit: unit.map(str::to_owned),
                        description: None,
                        min: min.map(Decimal::from),
                        max: max.map(Decimal::from),
                        integer: false,
                    })
                    .collect(),
                indicators,
                checks: vec![
                    crate::spec::CheckSpec {
                        id: "合计".to_owned(),
                        description: None,
                        left: "甲".to_owned(),
                        relation: crate::spec::Relation::Equal,
                        right: "乙+丙".to_owned(),
                        tolerance: Some(Decimal::new(1, 2)),
                    },
                    crate::spec::CheckSpec {
                        id: "比率".to_owned(),
                        description: None,
                        left: "满意度".to_owned(),
                        relation: crate::spec::Relation::AtMost,
                        right: "甲/乙×100%".to_owned(),
                        tolerance: None,
                    },
                ],
                form: None,
            }
        })
        .boxed()
}

/// Gives every indicator a unique id and a name that shows its place.
fn number(spec: &mut IndicatorSpec, n: &mut usize) {
    *n += 1;
    spec.id = format!("i{n}");
    // Chinese numerals, so that names add no digits to the working.
    let numeral: String = n
        .to_string()
        .chars()
        .map(|d| {
            "〇一二三四五六七八九"
                .chars()
                .nth(d.to_digit(10).unwrap_or(0) as usize)
                .unwrap_or('〇')
        })
        .collect();
    spec.name = format!("{}{numeral}", spec.name);
    for child in &mut spec.children {
        number(child, n);
    }
}

/// Random valid rubrics, compiled.
pub fn rubric() -> BoxedStrategy<Rubric> {
    rubric_spec()
        .prop_filter_map("the generated spec compiles", |spec| {
            Rubric::compile(spec).ok()
        })
        .boxed()
}

/// A random valid rubric with facts for it.
pub fn rubric_and_facts(config: FactsConfig) -> BoxedStrategy<(Rubric, Facts)> {
    rubric()
        .prop_flat_map(move |rubric| {
            let facts = facts(&rubric, config);
            (Just(rubric), facts)
        })
        .boxed()
}

/// Completes facts: every unknown input and answer replaced by a generated
/// one. The range an evaluation of `partial` gives must contain the score
/// of every completion.
pub fn completion(rubric: &Rubric, partial: &Facts) -> BoxedStrategy<Facts> {
    let partial = partial.clone();
    facts(rubric, FactsConfig::new())
        .prop_map(move |full| {
            let mut out = partial.clone();
            for (name, value) in &mut out.values {
                if *value == FactValue::Unknown {
                    if let Some(v) = full.values.get(name) {
                        *value = *v;
                    }
                }
            }
            for (id, answer) in &mut out.answers {
                match answer {
                    Answer::Unknown => {
                        if let Some(a) = full.answers.get(id) {
                            *answer = a.clone();
                        }
                    }
                    Answer::Given(AnswerFields {
                        items: Some(items), ..
                    }) => {
                        let filled = full.answers.get(id).and_then(|a| match a {
                            Answer::Given(AnswerFields { items: Some(f), .. }) => Some(f.clone()),
                            _ => None,
                        });
                        for (item, a) in items.iter_mut() {
                            if *a == ItemAnswer::Unknown {
                                if let Some(v) = filled.as_ref().and_then(|f| f.get(item)) {
                                    *a = v.clone();
                                }
                            }
                        }
                    }
                    Answer::Given(_) => {}
                }
            }
            out
        })
        .boxed()
}

/// Any JSON text a platform might hand over as facts, mostly almost right.
pub fn arbitrary_facts_json(rubric: &Rubric) -> BoxedStrategy<String> {
    let names: Vec<String> = rubric
        .inputs
        .iter()
        .map(|i| i.spec.name.clone())
        .chain(["未声明".to_owned(), String::new()])
        .collect();
    let ids: Vec<String> = rubric
        .nodes
        .iter()
        .map(|n| n.id.to_string())
        .chain(["无此指标".to_owned()])
        .collect();
    let value = prop_oneof![
        Just("0".to_owned()),
        Just("-1".to_owned()),
        Just("79228162514264337593543950335".to_owned()),
        Just("\"79228162514264337593543950335\"".to_owned()),
        Just("1e308".to_owned()),
        Just("0.87".to_owned()),
        Just("\"87%\"".to_owned()),
        Just("\"unknown\"".to_owned()),
        Just("\"\"".to_owned()),
        Just("\"NaN\"".to_owned()),
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("{}".to_owned()),
        (-1_000_000i64..1_000_000).prop_map(|n| Decimal::new(n, 3).to_string()),
    ];
    let answer = prop_oneof![
        Just("\"unknown\"".to_owned()),
        Just("{\"level\": \"较好\"}".to_owned()),
        Just("{\"level\": \"达成\", \"score\": 9, \"reason\": \"r\"}".to_owned()),
        Just("{\"score\": 99, \"reason\": \"\"}".to_owned()),
        Just(
            "{\"items\": {\"①\": true, \"②\": 3, \"③\": {\"score\": 0.5, \"reason\": \"r\"}}}"
                .to_owned()
        ),
        Just("{\"items\": {}}".to_owned()),
        Just("{\"score\": -1}".to_owned()),
        Just("[]".to_owned()),
    ];
    (
        proptest::collection::vec((proptest::sample::select(names), value), 0..8),
        proptest::collection::vec((proptest::sample::select(ids.clone()), answer), 0..6),
        proptest::collection::vec(proptest::sample::select(ids.clone()), 0..3),
        proptest::collection::vec((proptest::sample::select(ids), -5i64..20), 0..3),
    )
        .prop_map(|(values, answers, na, overrides)| {
            let values: Vec<String> = values.iter().map(|(k, v)| format!("{}: {v}", json_string(k))).collect();
            let answers: Vec<String> = answers.iter().map(|(k, v)| format!("{}: {v}", json_string(k))).collect();
            let na: Vec<String> = na.iter().map(|k| format!("{}: \"生成\"", json_string(k))).collect();
            let overrides: Vec<String> = overrides
                .iter()
                .map(|(k, s)| format!("{}: {{\"score\": {s}, \"reason\": \"复核\"}}", json_string(k)))
                .collect();
            format!(
                "{{\"values\": {{{}}}, \"answers\": {{{}}}, \"not_applicable\": {{{}}}, \"overrides\": {{{}}}}}",
                values.join(", "),
                answers.join(", "),
                na.join(", "),
                overrides.join(", ")
            )
        })
        .boxed()
}

fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

/// Rubric specs that are mostly wrong: any points (huge, negative, many
/// decimals), empty strings, token-soup formulas, deep trees. Compiling
/// them must return `Ok` or `Err`, never panic.
pub fn arbitrary_rubric_spec() -> BoxedStrategy<RubricSpec> {
    let decimal = prop_oneof![
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::new(1, 28)),
        Just(Decimal::ZERO),
        (-1_000i64..1_000).prop_map(|n| Decimal::new(n, 1)),
    ];
    let formula = prop_oneof![
        Just(String::new()),
        Just("甲/乙×100%".to_owned()),
        Just("（甲/乙".to_owned()),
        Just("甲%".to_owned()),
        Just("=".to_owned()),
        Just("甲/0".to_owned()),
        Just("79228162514264337593543950335*甲".to_owned()),
        proptest::collection::vec(
            proptest::sample::select(vec![
                "甲", "乙", "(", ")", "（", "］", "×", "÷", "+", "-", "%", "100", "0.5", "=", " "
            ]),
            0..30
        )
        .prop_map(|t| t.concat()),
    ];
    let range = prop_oneof![
        Just("[0,0]".to_owned()),
        Just("(0,10%]".to_owned()),
        Just("[90%,+∞)".to_owned()),
        Just("(-∞,0)".to_owned()),
        Just("".to_owned()),
        Just("[5,1]".to_owned()),
        Just("(1e5,2]".to_owned()),
    ];
    let rule = (
        formula,
        decimal.clone(),
        decimal.clone(),
        proptest::collection::vec((range, decimal.clone()), 0..4),
        0usize..6,
    )
        .prop_map(|(formula, a, b, bands, kind)| match kind {
            0 => Rule::RatioThreshold(RatioThreshold {
                formula,
                threshold: quantity(a, true),
                direction: Direction::Both,
                step: quantity(b, false),
                deduction: a,
                partial_unit: PartialUnit::AnyStarted,
                zero_denominator: Some(ZeroDenominator::NotApplicable),
            }),
            1 => Rule::SteppedBands(SteppedBands {
                formula,
                absolute: true,
                better: Some(Better::Lower),
                bands: bands
                    .into_iter()
                    .map(|(range, points)| Band {
                        range,
                        points,
                        label: None,
                    })
                    .collect(),
                zero_denominator: None,
            }),
            2 => Rule::Checklist(Checklist {
                items: bands
                    .into_iter()
                    .map(|(id, p)| ChecklistItem {
                        id,
                        text: None,
                        points: Some(p),
                        per_case: Some(b),
                    })
                    .collect(),
                partial_credit: true,
            }),
            3 => Rule::Proportional(Proportional {
                formula,
                target: quantity(a, false),
                better: Better::Lower,
                zero_denominator: Some(ZeroDenominator::Full),
            }),
            4 => Rule::Rating(Rating {
                levels: bands
                    .into_iter()
                    .map(|(range, p)| Level {
                        name: range.clone(),
                        text: None,
                        points: Some(Quantity::number(p)),
                        range: Some(range),
                    })
                    .collect(),
            }),
            _ => Rule::Judgement(Judgement::default()),
        });
    let leaf = (
        rule,
        decimal.clone(),
        proptest::sample::select(vec!["", "a", "b", "指标"]),
        any::<bool>(),
    )
        .prop_map(|(rule, points, id, has_rule)| IndicatorSpec {
            id: id.to_owned(),
            name: id.to_owned(),
            points,
            criterion: None,
            definition: None,
            not_applicable: None,
            children: Vec::new(),
            rule: has_rule.then_some(rule),
            ..IndicatorSpec::default()
        });
    let tree = leaf.prop_recursive(20, 64, 3, |inner| {
        (proptest::collection::vec(inner, 0..3), any::<bool>()).prop_map(|(children, sums)| {
            IndicatorSpec {
                id: "b".to_owned(),
                name: "分类".to_owned(),
                points: if sums {
                    children.iter().fold(Decimal::ZERO, |acc, c| {
                        acc.checked_add(c.points).unwrap_or(acc)
                    })
                } else {
                    Decimal::ONE
                },
                criterion: None,
                definition: None,
                not_applicable: Some(NotApplicable::Exclude),
                children,
                rule: None,
                ..IndicatorSpec::default()
            }
        })
    });
    (proptest::collection::vec(tree, 0..3), decimal, 0u32..40)
        .prop_map(|(indicators, total, precision)| RubricSpec {
            schema: None,
            id: None,
            vetoes: Vec::new(),
            bonus: None,
            penalty: None,
            final_score: crate::spec::FinalScore::Clamped,
            title: String::new(),
            version: None,
            source: None,
            total,
            precision,
            rounding: crate::spec::Rounding::HalfEven,
            grades: Some(Vec::new()),
            inputs: vec![
                InputSpec {
                    name: "甲".to_owned(),
                    label: None,
                    unit: Some("%".to_owned()),
                    description: None,
                    min: Some(Decimal::ONE),
                    max: Some(Decimal::ZERO),
                    integer: true,
                },
                InputSpec {
                    name: "乙 丙".to_owned(),
                    label: None,
                    unit: None,
                    description: None,
                    min: None,
                    max: None,
                    integer: false,
                },
            ],
            indicators,
            checks: vec![crate::spec::CheckSpec {
                id: String::new(),
                description: None,
                left: "甲/乙".to_owned(),
                relation: crate::spec::Relation::Equal,
                right: "（".to_owned(),
                tolerance: Some(Decimal::NEGATIVE_ONE),
            }],
            form: None,
        })
        .boxed()
}
