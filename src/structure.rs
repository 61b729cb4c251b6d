//! The table structures beyond a plain tree of points that add up, as
//! evaluation applies them: bounds on a leaf's score (最低得1分, 扣完3分为止),
//! alternatives (二者择其一), a not-applicable leaf's points shared among its
//! siblings or scored at their average rate, and branches on a scale of
//! their own (一级权重 × 二级得分 ÷ 100).
//!
//! They change how a branch combines its children, never how a rule scores
//! one leaf.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::error::{FactIssue, FactIssueKind, Field, Text};
use crate::evaluate::{IndicatorEvaluation, LeafEvaluation, NodeFacts, Weighting};
use crate::exact;
use crate::explain::{range_words, score_clause, sentence, Lang, Step};
use crate::facts::Facts;
use crate::number::{plain, round};
use crate::rubric::Rubric;
use crate::rules::{Range, RuleKind};
use crate::spec::NotApplicable;

/// The points left out as not applicable within an indicator, on its own
/// scale: all of a leaf left out, none of an alternative not chosen, the
/// children's within a branch (converted where it has a scale of its own;
/// `None` where that conversion is not exact).
fn excluded_within(c: &IndicatorEvaluation) -> Option<Decimal> {
    if c.excluded {
        return Some(c.points);
    }
    if c.chosen == Some(false) || c.children.is_empty() {
        return Some(Decimal::ZERO);
    }
    if c.weighting.is_some() {
        // A branch on its own scale rescales within itself.
        return Some(Decimal::ZERO);
    }
    c.children
        .iter()
        .try_fold(Decimal::ZERO, |a, k| exact::add(a, excluded_within(k)?))
}

/// Scores a leaf again after a structure changed it: the working's old
/// score and rounding give way to `step`, the new score and its rounding.
fn rescore(
    child: &mut IndicatorEvaluation,
    step: Step,
    range: Range,
    precision: u32,
    rounding: crate::spec::Rounding,
) {
    let strategy = rounding.strategy();
    let low = round(range.low, precision, strategy);
    let high = round(range.high, precision, strategy);
    if let Some(leaf) = &mut child.leaf {
        // A share keeps the leaf's own score on its own points, which the
        // share then enlarges; an average replaces the treatment's score.
        if !matches!(step, Step::Shared { .. }) {
            leaf.steps
                .retain(|s| !matches!(s, Step::Score { .. } | Step::Rounding { .. }));
        }
        leaf.steps.push(step);
        leaf.steps.push(Step::Score {
            low: range.low,
            high: range.high,
        });
        if low != range.low || high != range.high {
            leaf.steps.push(Step::Rounding {
                low,
                high,
                precision,
                rounding,
            });
        }
    }
    child.low = low;
    child.high = high;
    child.score = (low == high).then_some(low);
}

impl Rubric {
    /// Marks every indicator under a group's alternatives as left out, so a
    /// choice that is missing or wrong is the one problem reported.
    fn leave_out(&self, group: &crate::rubric::Node, nodes: &mut [NodeFacts<'_>]) {
        for &c in &group.children {
            for i in self.subtree(c) {
                nodes[i].unchosen = true;
            }
        }
    }

    /// Reads the facts' choices of alternatives: marks every indicator under
    /// an alternative not chosen, and refuses a group without a choice, a
    /// choice that is not one of the group's, and facts for what the choice
    /// leaves out.
    pub(crate) fn choose(
        &self,
        facts: &Facts,
        nodes: &mut [NodeFacts<'_>],
        problems: &mut Vec<FactIssue>,
    ) {
        // For each indicator left out: the group and the alternative chosen.
        let mut left_out: Vec<Option<(usize, usize)>> = vec![None; self.nodes.len()];
        for (g, group) in self.nodes.iter().enumerate() {
            // Groups in table order: a group under an alternative already
            // left out asks for no choice (one given is refused below).
            if !group.alternatives || nodes[g].unchosen {
                continue;
            }
            let names = || {
                group
                    .children
                    .iter()
                    .map(|&c| format!("`{}`", self.nodes[c].id))
                    .collect::<Vec<_>>()
                    .join("、")
            };
            let names_zh = || {
                group
                    .children
                    .iter()
                    .map(|&c| format!("“{}”", self.nodes[c].id))
                    .collect::<Vec<_>>()
                    .join("、")
            };
            let field = Field::key("choices", &group.id);
            let Some(choice) = facts.choices.get(&*group.id) else {
                problems.push(FactIssue::new(
                    Some(group.path.clone()),
                    field,
                    FactIssueKind::MissingAnswer {
                        expected: Text::new(
                            format!(
                                "the id of the alternative scored (二者择其一): one of {}, or \"unknown\"",
                                names()
                            ),
                            format!(
                                "所选备选指标的id（二者择其一）：{}之一，或\"unknown\"（未知）",
                                names_zh()
                            ),
                        ),
                    },
                ));
                // The problem is the choice: its alternatives ask nothing more.
                self.leave_out(group, nodes);
                continue;
            };
            if choice == "unknown" {
                nodes[g].choice = Some(None);
                continue;
            }
            let Some(&chosen) = group
                .children
                .iter()
                .find(|&&c| *self.nodes[c].id == **choice)
            else {
                problems.push(FactIssue::new(
                    Some(group.path.clone()),
                    field,
                    FactIssueKind::Invalid {
                        expected: Text::new(
                            format!(
                                "one of the group's alternatives {}, or \"unknown\"",
                                names()
                            ),
                            format!("本组备选指标{}之一，或\"unknown\"（未知）", names_zh()),
                        ),
                        found: Text::new(format!("`{choice}`"), format!("“{choice}”")),
                    },
                ));
                self.leave_out(group, nodes);
                continue;
            };
            nodes[g].choice = Some(Some(chosen));
            for &c in group.children.iter().filter(|&&c| c != chosen) {
                for i in self.subtree(c) {
                    nodes[i].unchosen = true;
                    left_out[i] = Some((g, chosen));
                }
            }
        }
        for id in facts.choices.keys() {
            let found = self.by_id.get(id).map(|&i| &self.nodes[i]);
            if !found.is_some_and(|n| n.alternatives) {
                problems.push(FactIssue::new(
                    found.map(|n| n.path.clone()),
                    Field::key("choices", id),
                    FactIssueKind::Invalid {
                        expected: Text::new(
                            "the id of a group of alternatives (`alternatives: true`)",
                            "择一计分指标组（alternatives: true）的id",
                        ),
                        found: Text::new(format!("`{id}`"), format!("“{id}”")),
                    },
                ));
            }
        }
        // Facts for an indicator the choice leaves out would be ignored.
        if left_out.iter().all(Option::is_none) {
            return;
        }
        facts.each_key(|section, id| {
            if section == "values" {
                return;
            }
            let Some(&i) = self.by_id.get(id) else {
                return;
            };
            if let Some((g, chosen)) = left_out[i] {
                problems.push(FactIssue::new(
                    Some(self.nodes[i].path.clone()),
                    Field::key(section, id),
                    FactIssueKind::Invalid {
                        expected: Text::new(
                            format!(
                                "facts only for the alternative chosen in `{}` (`{}`)",
                                self.nodes[g].id, self.nodes[chosen].id
                            ),
                            format!(
                                "只填报“{}”中所选备选指标“{}”的资料",
                                self.nodes[g].id, self.nodes[chosen].id
                            ),
                        ),
                        found: Text::new(
                            format!("facts for `{id}`, which the choice leaves out"),
                            format!("填报了未选中的“{id}”的资料"),
                        ),
                    },
                ));
            }
        });
    }

    /// An indicator and everything under it, in table order.
    pub(crate) fn subtree(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() {
            out.extend(self.nodes[out[k]].children.iter().copied());
            k += 1;
        }
        out
    }

    /// An indicator left out by the choice of an alternative, as the table
    /// shows it: not scored, the chosen alternative named.
    pub(crate) fn unchosen(
        &self,
        i: usize,
        chosen: &Arc<str>,
        lang: Option<Lang>,
        precision: u32,
    ) -> IndicatorEvaluation {
        let node = &self.nodes[i];
        let leaf = node.rule.as_ref().map(|_| {
            let steps = vec![Step::Unchosen {
                chosen: Arc::clone(chosen),
            }];
            LeafEvaluation {
                kind: node
                    .rule_spec
                    .as_ref()
                    .map_or(RuleKind::Judgement, crate::rules::Rule::kind),
                value: None,
                percent: false,
                unit: None,
                target: None,
                actual: None,
                working: lang.map(|l| sentence(&steps, node.points, precision, l)),
                steps,
            }
        });
        IndicatorEvaluation {
            id: Arc::clone(&node.id),
            name: Arc::clone(&node.name),
            points: node.points,
            score: None,
            low: Decimal::ZERO,
            high: Decimal::ZERO,
            excluded: false,
            claimed: None,
            deviation: None,
            chosen: Some(false),
            weighting: None,
            children: node
                .children
                .iter()
                .map(|&c| self.unchosen(c, chosen, lang, precision))
                .collect(),
            leaf,
        }
    }

    /// A leaf's range within the bounds the rubric sets on it, the bounds
    /// in the working where they bite.
    pub(crate) fn bounded(&self, i: usize, range: Range, steps: &mut Vec<Step>) -> Range {
        let node = &self.nodes[i];
        // The bounds are on what the rule gives; a leaf not applicable
        // scores as its treatment says.
        if steps
            .iter()
            .any(|s| matches!(s, Step::NotApplicable { .. }))
        {
            return range;
        }
        let clamp = |v: Decimal| {
            let v = node.floor.map_or(v, |f| v.max(f));
            node.cap.map_or(v, |c| v.min(c))
        };
        let bounded = Range {
            low: clamp(range.low),
            high: clamp(range.high),
        };
        if bounded != range {
            steps.push(Step::Bounded {
                low: range.low,
                high: range.high,
                floor: node.floor,
                cap: node.cap,
            });
        }
        bounded
    }

    /// Applies the not-applicable treatments that need the siblings'
    /// scores: `average` scores the leaf at their rate, `share` gives its
    /// points to the siblings it names, each scored at its own rate on its
    /// points plus the share. Each result is rounded once, from the
    /// unrounded scores in the working. `children` are the branch's
    /// results, in the order of its children.
    pub(crate) fn siblings(
        &self,
        branch: usize,
        children: &mut [IndicatorEvaluation],
        lang: Option<Lang>,
    ) -> Result<Vec<usize>, Box<FactIssue>> {
        let mut changed = Vec::new();
        let node = &self.nodes[branch];
        let precision = self.precision();
        let treated = |c: &IndicatorEvaluation, t: NotApplicable| {
            c.leaf
                .iter()
                .flat_map(|l| &l.steps)
                .any(|s| matches!(s, Step::NotApplicable { treatment, .. } if *treatment == t))
        };
        if !children
            .iter()
            .any(|c| treated(c, NotApplicable::Share) || treated(c, NotApplicable::Average))
        {
            return Ok(changed);
        }
        let inexact = |what: Text| {
            Box::new(FactIssue::new(
                Some(node.path.clone()),
                "not_applicable",
                FactIssueKind::Inexact { what },
            ))
        };
        // A sibling's score as the table shows it (rounded, or as set by an
        // override): the rates are the table's, so that each result is one
        // division of figures a reader can see.
        let shown = |c: &IndicatorEvaluation| (c.low, c.high);
        // Shares first: the siblings they go to are then scored on more points.
        let mut shares: Vec<(Decimal, Vec<Arc<str>>)> =
            vec![(Decimal::ZERO, Vec::new()); children.len()];
        for (k, &c) in node.children.iter().enumerate() {
            if !treated(&children[k], NotApplicable::Share) {
                continue;
            }
            let targets = &self.nodes[c].share_with;
            let each = exact::mul_div(
                self.nodes[c].points,
                Decimal::ONE,
                Decimal::from(targets.len() as u64),
            )
            .filter(|q| q.exact)
            .ok_or_else(|| {
                inexact(Text::new(
                    "a share of a leaf's points",
                    "末级指标分摊的分值",
                ))
            })?
            .value;
            for t in targets {
                let Some(j) = node.children.iter().position(|x| x == t) else {
                    continue;
                };
                if children[j].excluded
                    || treated(&children[j], NotApplicable::Share)
                    || treated(&children[j], NotApplicable::Average)
                {
                    return Err(Box::new(FactIssue::new(
                        Some(self.nodes[c].path.clone()),
                        Field::key("not_applicable", &self.nodes[c].id),
                        FactIssueKind::Invalid {
                            expected: Text::new(
                                "siblings to share the points with that are scored",
                                "参与计分、可分摊本指标分值的同级指标",
                            ),
                            found: Text::new(
                                format!("`{}` not applicable too", self.nodes[*t].id),
                                format!("“{}”同样不适用", self.nodes[*t].id),
                            ),
                        },
                    )));
                }
                shares[j].0 = exact::add(shares[j].0, each)
                    .ok_or_else(|| inexact(Text::new("a share", "分摊的分值")))?;
                shares[j].1.push(Arc::clone(&self.nodes[c].name));
            }
            let shared = &mut children[k];
            shared.points = Decimal::ZERO;
            shared.excluded = true;
            shared.score = None;
            shared.low = Decimal::ZERO;
            shared.high = Decimal::ZERO;
            if let Some(leaf) = &mut shared.leaf {
                leaf.steps
                    .retain(|s| !matches!(s, Step::Score { .. } | Step::Rounding { .. }));
            }
            changed.push(k);
        }
        for (j, (share, from)) in shares.into_iter().enumerate() {
            if share.is_zero() {
                continue;
            }
            let points = children[j].points;
            let (low, high) = shown(&children[j]);
            let total = exact::add(points, share)
                .ok_or_else(|| inexact(Text::new("a share", "分摊的分值")))?;
            let scaled = |v: Decimal| {
                if points.is_zero() {
                    return Some(Decimal::ZERO);
                }
                exact::mul_div(v, total, points).map(|q| q.value)
            };
            let exact_range = Range {
                low: scaled(low).ok_or_else(|| {
                    inexact(Text::new(
                        "a score on shared points",
                        "按分摊后分值计算的得分",
                    ))
                })?,
                high: scaled(high).ok_or_else(|| {
                    inexact(Text::new(
                        "a score on shared points",
                        "按分摊后分值计算的得分",
                    ))
                })?,
            };
            let child = &mut children[j];
            let step = Step::Shared {
                from,
                points,
                share,
                low,
                high,
            };
            rescore(child, step, exact_range, precision, self.rounding());
            child.points = total;
            changed.push(j);
        }
        // Averages last: the siblings' rates as they finally stand.
        for (k, &c) in node.children.iter().enumerate() {
            if !treated(&children[k], NotApplicable::Average) {
                continue;
            }
            let mut sums = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
            for (j, sibling) in children.iter().enumerate() {
                if j == k
                    || sibling.excluded
                    || sibling.chosen == Some(false)
                    || treated(sibling, NotApplicable::Average)
                {
                    continue;
                }
                let (low, high) = shown(sibling);
                let add = |a: Decimal, b: Decimal| {
                    exact::add(a, b).ok_or_else(|| {
                        inexact(Text::new("the siblings' scores", "同级指标得分之和"))
                    })
                };
                // A branch's points less what is left out within it.
                let applicable = exact::sub(
                    sibling.points,
                    excluded_within(sibling).ok_or_else(|| {
                        inexact(Text::new("the siblings' points", "同级指标的适用分值"))
                    })?,
                )
                .ok_or_else(|| inexact(Text::new("the siblings' points", "同级指标的适用分值")))?;
                if applicable.is_zero() {
                    continue;
                }
                sums = (
                    add(sums.0, low)?,
                    add(sums.1, high)?,
                    add(sums.2, applicable)?,
                );
            }
            let points = self.nodes[c].points;
            let rate = |v: Decimal| {
                if sums.2.is_zero() {
                    return None;
                }
                exact::mul_div(points, v, sums.2).map(|q| q.value)
            };
            let (Some(low), Some(high)) = (rate(sums.0), rate(sums.1)) else {
                return Err(Box::new(FactIssue::new(
                    Some(self.nodes[c].path.clone()),
                    Field::key("not_applicable", &self.nodes[c].id),
                    FactIssueKind::Invalid {
                        expected: Text::new(
                            "siblings that are scored, whose average rate this leaf takes",
                            "参与计分的同级指标（本指标按其平均得分率计分）",
                        ),
                        found: Text::new("none", "没有参与计分的同级指标"),
                    },
                )));
            };
            let step = Step::Average {
                points,
                low: sums.0,
                high: sums.1,
                of: sums.2,
            };
            rescore(
                &mut children[k],
                step,
                Range { low, high },
                precision,
                self.rounding(),
            );
            changed.push(k);
        }
        if let Some(lang) = lang {
            for child in children.iter_mut() {
                let points = child.points;
                if let Some(leaf) = &mut child.leaf {
                    if leaf.steps.iter().any(|s| {
                        matches!(s, Step::Shared { .. } | Step::Average { .. })
                            || matches!(
                                s,
                                Step::NotApplicable {
                                    treatment: NotApplicable::Share,
                                    ..
                                }
                            )
                    }) {
                        leaf.working = Some(sentence(&leaf.steps, points, precision, lang));
                    }
                }
            }
        }
        Ok(changed)
    }

    /// A branch on a scale of its own: its children's sums brought to its
    /// points, divided once and rounded once.
    pub(crate) fn weighted(
        &self,
        branch: usize,
        low: Decimal,
        high: Decimal,
        applicable: Decimal,
        lang: Option<Lang>,
    ) -> Option<(Decimal, Decimal, Weighting)> {
        let node = &self.nodes[branch];
        let out_of = node.out_of?;
        let precision = self.precision();
        let rounding = self.rounding();
        let exact_low = exact::mul_div(low, node.points, applicable)?.value;
        let exact_high = exact::mul_div(high, node.points, applicable)?.value;
        let strategy = rounding.strategy();
        let (new_low, new_high) = (
            round(exact_low, precision, strategy),
            round(exact_high, precision, strategy),
        );
        let mut weighting = Weighting {
            out_of,
            low,
            high,
            applicable,
            rounding,
            working: None,
        };
        weighting.working = lang.map(|l| weighting_sentence(&weighting, node.points, precision, l));
        Some((new_low, new_high, weighting))
    }
}

/// A branch's conversion from its scale to its points, in words: the
/// exact figure, and its rounding where that changes it.
pub(crate) fn weighting_sentence(
    w: &Weighting,
    points: Decimal,
    precision: u32,
    lang: Lang,
) -> String {
    let strategy = w.rounding.strategy();
    let exact = |v: Decimal| exact::mul_div(v, points, w.applicable).map_or(v, |q| q.value);
    let (exact_low, exact_high) = (exact(w.low), exact(w.high));
    let rounded = (
        round(exact_low, precision, strategy),
        round(exact_high, precision, strategy),
    );
    let was = range_words(w.low, w.high, lang);
    let score = score_clause(
        (exact_low, exact_high),
        rounded,
        points,
        precision,
        w.rounding,
        lang,
    );
    let (points, out_of, applicable) = (plain(points), plain(w.out_of), plain(w.applicable));
    match (lang, w.applicable == w.out_of) {
        (Lang::Zh, true) => format!(
            "下级指标得分{was}分（满分{out_of}分），按本级分值折算：{was} × {points} ÷ {out_of}，{score}"
        ),
        (Lang::Zh, false) => format!(
            "下级指标得分{was}分（满分{out_of}分，适用指标分值{applicable}分），按适用分值折算到本级分值：{was} × {points} ÷ {applicable}，{score}"
        ),
        (Lang::En, true) => format!(
            "the sub-indicators scored {was} of {out_of}, brought to this one's points: {was} × {points} ÷ {out_of}, {score}"
        ),
        (Lang::En, false) => format!(
            "the sub-indicators scored {was} of the {applicable} of {out_of} that apply, brought to this one's points: {was} × {points} ÷ {applicable}, {score}"
        ),
    }
}
