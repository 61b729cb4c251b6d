//! `ratio_threshold`: a threshold, a step beyond it and the points each
//! step deducts (`≤100%，计5分；每超过一个百分点扣0.5分，扣完为止`).

use rust_decimal::Decimal;

use super::build::{points_check, quantity, Found, Row};
use super::clause::{Award, Clause, Cond, End, Part};
use super::lex::Move;
use super::measure::Measure;
use crate::number::plain;
use crate::rules::{Direction, PartialUnit, RatioThreshold, Rule};
use crate::target_value::fold;

fn partial_unit_stated(row: &Row<'_>, clauses: &[Clause]) -> Option<(PartialUnit, usize)> {
    for (i, c) in clauses.iter().enumerate() {
        if !matches!(c.part, Part::Other) {
            continue;
        }
        let t = fold(&row.text(c.start, c.end));
        let t = t.trim();
        if t.starts_with("不足") && t.contains("按比例") {
            return Some((PartialUnit::Proportional, i));
        }
        if t.starts_with("不足") && t.contains('按') && t.ends_with('计') {
            return Some((PartialUnit::AnyStarted, i));
        }
        if t.starts_with("不足") && (t.ends_with("不扣分") || t.ends_with("不计")) {
            return Some((PartialUnit::Whole, i));
        }
        if t.starts_with("按比例扣")
            || t.starts_with("按超出比例扣")
            || t.starts_with("按实际比例扣")
        {
            return Some((PartialUnit::Proportional, i));
        }
    }
    None
}

const PARTIAL_READINGS: [(PartialUnit, &str); 3] = [
    (PartialUnit::Whole, "whole steps only: a part of a step deducts nothing (每…一个 read literally) — 只计整步，不足一步的部分不扣分"),
    (PartialUnit::Proportional, "prorated: a part of a step deducts its share — 按比例扣分，不足一步的部分按比例计"),
    (PartialUnit::AnyStarted, "any started step deducts in full — 不足一步按一步计"),
];

pub(super) fn threshold(
    row: &Row<'_>,
    clauses: &[Clause],
    measure: &Option<Measure>,
) -> Option<Found> {
    let steps: Vec<usize> = clauses
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.part, Part::StepDeduct(_)))
        .map(|(i, _)| i)
        .collect();
    if steps.is_empty() {
        return None;
    }
    let mut found = Found::default();
    let mut used = vec![false; clauses.len()];
    let mut thresholds: Vec<(Decimal, bool, (usize, usize))> = Vec::new();
    let mut side: Option<Direction> = None;
    let mut conflict = false;
    let mut full = None;
    for (i, c) in clauses.iter().enumerate() {
        match &c.part {
            Part::Standard(v, p, span) => {
                thresholds.push((*v, *p, *span));
                used[i] = true;
            }
            Part::CondAward(cond, award, span) if !steps.is_empty() && full.is_none() => {
                let Some(value) = single_value(cond) else {
                    continue;
                };
                let amount = match award {
                    Award::Full => row.points,
                    Award::Points(p) => Some(*p),
                    Award::Range(..) => None,
                };
                let Some(amount) = amount else { continue };
                if row.points.is_some_and(|p| p != amount) && !matches!(award, Award::Full) {
                    continue;
                }
                if let Some(op) = cond.op {
                    let dir = if op.is_lower() {
                        Some(Direction::Above)
                    } else if op.is_higher() {
                        Some(Direction::Below)
                    } else {
                        None
                    };
                    side = side.or(dir);
                } else if !cond.bare {
                    // 100%以下（含）: with 以下 the good side is below.
                    side = side.or(match (cond.low, cond.high) {
                        (End::Infinite, End::At(..)) => Some(Direction::Above),
                        (End::At(..), End::Infinite) => Some(Direction::Below),
                        _ => None,
                    });
                }
                thresholds.push((
                    value,
                    cond.percent,
                    cond.low_span.or(cond.high_span).unwrap_or(*span),
                ));
                if let Some(Award::Points(p)) = Some(*award) {
                    points_check(row, &mut found, p, *span);
                } else {
                    found.spans.push(row.span(*span, "points"));
                }
                full = Some(amount);
                used[i] = true;
            }
            Part::Other
                if clauses.get(i + 1).is_some_and(
                    |n| matches!(&n.part, Part::StepDeduct(sd) if sd.gate.is_none()),
                ) && fold(&row.text(c.start, c.end)).trim().ends_with('的') =>
            {
                // 实际成本超过计划成本的，每超支一个百分点…: the step's case, in words.
                used[i] = true;
                found.spans.push(row.span((c.start, c.end), "direction"));
            }
            Part::Floor(cap) => {
                used[i] = true;
                found.spans.push(row.span((c.start, c.end), "floor"));
                if let (Some(cap), Some(p)) = (cap, row.points) {
                    if *cap != p {
                        found.notes.push(format!(
                            "the text deducts at most {} points, the row's 分值 is {}",
                            plain(*cap),
                            plain(p)
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    let &[step_at] = steps.as_slice() else {
        found.unplaced = steps[1..]
            .iter()
            .map(|&i| (clauses[i].start, clauses[i].end))
            .collect();
        return Some(found);
    };
    used[step_at] = true;
    let Part::StepDeduct(sd) = &clauses[step_at].part else {
        return None;
    };
    let (gate, movement, step, percent, step_span, deduction, deduction_span, move_span) = (
        &sd.gate,
        &sd.step.movement,
        &sd.step.size,
        &sd.step.percent,
        &sd.step.size_span,
        &sd.deduction,
        &sd.deduction_span,
        &sd.step.move_span,
    );
    if let Some(g) = gate {
        if let Some(v) = single_value(g) {
            thresholds.push((
                v,
                g.percent,
                g.low_span.or(g.high_span).unwrap_or(*move_span),
            ));
        }
        let gate_side = match g.op {
            Some(op) if op.is_higher() => Some(Direction::Above),
            Some(op) if op.is_lower() => Some(Direction::Below),
            _ => None,
        };
        if let (Some(a), Some(b)) = (side, gate_side) {
            conflict |= a != b;
        }
        side = side.or(gate_side);
    }
    let direction = match (movement, side) {
        (Move::Both, _) => Some(Direction::Both),
        (Move::Above, s) => {
            conflict |= s == Some(Direction::Below);
            Some(Direction::Above)
        }
        (Move::Below, s) => {
            conflict |= s == Some(Direction::Above);
            Some(Direction::Below)
        }
        (Move::Neutral, s) => s,
    };
    found.spans.push(row.span(*move_span, "direction"));
    found.spans.push(row.span(*step_span, "step"));
    found.spans.push(row.span(*deduction_span, "deduction"));
    let partial = partial_unit_stated(row, clauses);
    if let Some((_, i)) = partial {
        used[i] = true;
        found
            .spans
            .push(row.span((clauses[i].start, clauses[i].end), "partial_unit"));
    }
    found.unplaced = Found::unused(clauses, &used);
    if conflict {
        found
            .notes
            .push("the full-points clause and the step point different ways".to_owned());
        found.unplaced.push(*move_span);
        return Some(found);
    }
    let Some(direction) = direction else {
        found
            .notes
            .push("the text does not say which side of the threshold loses points".to_owned());
        found.unplaced.push(*move_span);
        return Some(found);
    };
    let Some(&(t, t_percent, _)) = thresholds.first() else {
        found
            .notes
            .push("the text gives no threshold (标准) to count steps from".to_owned());
        found
            .unplaced
            .push((clauses[step_at].start, clauses[step_at].end));
        return Some(found);
    };
    if thresholds.iter().any(|(v, _, _)| *v != t) {
        found
            .notes
            .push("the text gives two different thresholds".to_owned());
        found.unplaced.extend(thresholds.iter().map(|x| x.2));
        return Some(found);
    }
    for (_, _, span) in &thresholds {
        found.spans.push(row.span(*span, "threshold"));
    }
    if full.is_none() {
        found.notes.push(
            "the text does not say the threshold earns full points; read as full points within it"
                .to_owned(),
        );
    }
    let Some(m) = measure else {
        return found.without_measure();
    };
    let percent = m.percent || *percent || t_percent || thresholds.iter().any(|x| x.1);
    let rule = |partial_unit| {
        Rule::RatioThreshold(RatioThreshold {
            formula: m.formula.clone(),
            threshold: quantity(t, percent),
            direction,
            step: quantity(*step, percent),
            deduction: *deduction,
            partial_unit,
            zero_denominator: None,
        })
    };
    match partial {
        Some((p, _)) => found.readings.push(("stated".to_owned(), rule(p))),
        None => {
            for (p, words) in PARTIAL_READINGS {
                found.readings.push((words.to_owned(), rule(p)));
            }
        }
    }
    Some(found)
}

/// The one value a threshold condition names (`≦100%`, `100%以下（含）`,
/// `100%`).
pub(super) fn single_value(c: &Cond) -> Option<Decimal> {
    match (c.low, c.high) {
        (End::At(a, _), End::At(b, _)) if a == b => Some(a),
        (End::At(a, _), End::Infinite) | (End::Infinite, End::At(a, _)) => Some(a),
        _ => None,
    }
}
