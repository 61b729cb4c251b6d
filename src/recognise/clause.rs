//! Clauses: the pieces a 评价标准 is made of, read from its tokens — a
//! condition on the value (`0-10%（含）`, `≦100%`, `90%（含）以上`), the
//! points it earns (`计5分`, `不得分`), a step with its deduction
//! (`每超过一个百分点扣0.5分`), a floor (`扣完为止`), a not-applicable
//! clause (`没有楼堂馆所项目的部门按满分计算`).

use rust_decimal::Decimal;

use super::lex::{Kind, Move, NumUnit, Tok};
use crate::target_value::Comparison;

/// One end of a condition's interval; `None` inclusion means the text
/// does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum End {
    Infinite,
    At(Decimal, Option<bool>),
}

impl End {
    pub(crate) fn value(self) -> Option<Decimal> {
        match self {
            End::Infinite => None,
            End::At(v, _) => Some(v),
        }
    }
}

/// A condition on the measured value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cond {
    pub(crate) low: End,
    pub(crate) high: End,
    /// `±30%以内`: on the absolute value.
    pub(crate) absolute: bool,
    /// Whether any number was written as a percentage.
    pub(crate) percent: bool,
    /// A bare number (`100%计满分`), with no comparison.
    pub(crate) bare: bool,
    /// The comparison as written, where one was.
    pub(crate) op: Option<Comparison>,
    /// Token range of the condition.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Character spans of the low and high numbers.
    pub(crate) low_span: Option<(usize, usize)>,
    pub(crate) high_span: Option<(usize, usize)>,
}

/// Points a clause awards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Award {
    /// 满分 / 该项分值.
    Full,
    /// A number of points (不得分 is 0).
    Points(Decimal),
    /// A range of points: 计3-5分.
    Range(Decimal, Decimal),
}

/// What a clause says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part {
    Cond(Cond),
    Award(Award, (usize, usize)),
    CondAward(Cond, Award, (usize, usize)),
    /// 每超过一个百分点, on its own.
    Step(Step),
    /// 扣0.5分.
    Deduct(Decimal, (usize, usize)),
    /// 每超过一个百分点扣0.5分, with the condition it applies under, if any.
    StepDeduct(StepDeduct),
    Floor(Option<Decimal>),
    Cap,
    /// 以100%为标准.
    Standard(Decimal, bool, (usize, usize)),
    /// Words, with a trailing award if any.
    Words(Award, (usize, usize)),
    Other,
}

/// A step beyond a threshold: which way, how far, and where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Step {
    pub(crate) movement: Move,
    pub(crate) size: Decimal,
    pub(crate) percent: bool,
    pub(crate) size_span: (usize, usize),
    pub(crate) move_span: (usize, usize),
}

/// A step and the points each one deducts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StepDeduct {
    pub(crate) gate: Option<Cond>,
    pub(crate) step: Step,
    pub(crate) deduction: Decimal,
    pub(crate) deduction_span: (usize, usize),
}

/// A clause: its tokens (by index) and what it says.
#[derive(Debug, Clone)]
pub(crate) struct Clause {
    /// Character span of the whole clause.
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) part: Part,
    /// Character spans of words read as the measure's name.
    pub(crate) subject: Option<(usize, usize, String)>,
}

fn is_filler(w: &str) -> bool {
    matches!(
        w.trim(),
        "的" | "时" | "者" | "的话" | "则" | "即" | "可" | "为" | "以" | "的,"
    )
}

fn num(t: &Tok) -> Option<(Decimal, &NumUnit)> {
    match &t.kind {
        Kind::Num { value, unit } => Some((*value, unit)),
        _ => None,
    }
}

fn is_percent(u: &NumUnit) -> bool {
    matches!(u, NumUnit::Percent | NumUnit::Points100)
}

/// Reads a condition from the whole of `toks` (no words but a leading
/// subject and trailing filler).
pub(crate) fn condition(toks: &[Tok], base: usize) -> Option<Cond> {
    // A note in brackets explains the condition (≥0（实际成本未超计划成本）).
    if toks.iter().any(|t| matches!(t.kind, Kind::Paren(_))) {
        let kept: Vec<Tok> = toks
            .iter()
            .filter(|t| !matches!(t.kind, Kind::Paren(_)))
            .cloned()
            .collect();
        return condition(&kept, base);
    }
    let mut i = 0;
    let n = toks.len();
    let cond_end = |i: usize| -> bool {
        toks[i..]
            .iter()
            .all(|t| matches!(&t.kind, Kind::Word(w) if is_filler(w)))
    };
    let plus_minus = matches!(toks.first().map(|t| &t.kind), Some(Kind::PlusMinus));
    if plus_minus {
        i += 1;
    }
    let span = |t: &Tok| Some((t.start, t.end));
    // Cmp Num [Incl] [Side]
    if let Some(Kind::Cmp(op)) = toks.get(i).map(|t| &t.kind) {
        let op = *op;
        let (v, u) = num(toks.get(i + 1)?)?;
        let mut j = i + 2;
        let mut incl = None;
        if let Some(Kind::Incl(b)) = toks.get(j).map(|t| &t.kind) {
            incl = Some(*b);
            j += 1;
        }
        if let Some(Kind::Side(higher)) = toks.get(j).map(|t| &t.kind) {
            // ≥90%以上: the same way, or a contradiction.
            let agrees = if *higher {
                op.is_higher()
            } else {
                op.is_lower()
            };
            if !agrees {
                return None;
            }
            j += 1;
        }
        if !cond_end(j) {
            return None;
        }
        let _ = incl;
        let at = End::At(
            v,
            Some(!matches!(op, Comparison::MoreThan | Comparison::LessThan)),
        );
        let (low, high) = match op {
            Comparison::AtLeast | Comparison::MoreThan => (at, End::Infinite),
            Comparison::AtMost | Comparison::LessThan => (End::Infinite, at),
            Comparison::Equal => (at, at),
        };
        let s = span(&toks[i + 1]);
        return Some(Cond {
            low,
            high,
            absolute: plus_minus,
            percent: is_percent(u),
            bare: false,
            op: Some(op),
            start: base,
            end: base + n,
            low_span: if matches!(low, End::At(..)) { s } else { None },
            high_span: if matches!(high, End::At(..)) { s } else { None },
        });
    }
    let (a, ua) = num(toks.get(i)?)?;
    let a_span = span(&toks[i]);
    let mut j = i + 1;
    let mut a_incl = None;
    if let Some(Kind::Incl(b)) = toks.get(j).map(|t| &t.kind) {
        a_incl = Some(*b);
        j += 1;
    }
    match toks.get(j).map(|t| &t.kind) {
        Some(Kind::Dash) => {
            j += 1;
            if matches!(toks.get(j).map(|t| &t.kind), Some(Kind::PlusMinus)) {
                j += 1;
            }
            let (b, ub) = num(toks.get(j)?)?;
            let b_span = span(&toks[j]);
            j += 1;
            let mut b_incl = None;
            if let Some(Kind::Incl(x)) = toks.get(j).map(|t| &t.kind) {
                b_incl = Some(*x);
                j += 1;
            }
            if let Some(Kind::Side(false)) = toks.get(j).map(|t| &t.kind) {
                // ±30%-±35%(含)以内
                j += 1;
            }
            if let Some(Kind::Incl(x)) = toks.get(j).map(|t| &t.kind) {
                if b_incl.is_some() {
                    return None;
                }
                b_incl = Some(*x);
                j += 1;
            }
            if !cond_end(j) || a > b {
                return None;
            }
            let percent = is_percent(ua) || is_percent(ub);
            // 80-90%: a unit written once is both ends'.
            if !(ua == ub || matches!(ua, NumUnit::None) || matches!(ub, NumUnit::None)) {
                return None;
            }
            Some(Cond {
                low: End::At(a, a_incl),
                high: End::At(b, b_incl),
                absolute: plus_minus,
                percent,
                bare: false,
                op: None,
                start: base,
                end: base + n,
                low_span: a_span,
                high_span: b_span,
            })
        }
        Some(Kind::Side(higher)) => {
            let higher = *higher;
            j += 1;
            if let Some(Kind::Incl(x)) = toks.get(j).map(|t| &t.kind) {
                if a_incl.is_some() && a_incl != Some(*x) {
                    return None;
                }
                a_incl = Some(*x);
                j += 1;
            }
            if !cond_end(j) {
                return None;
            }
            let at = End::At(a, a_incl);
            let (low, high) = if higher {
                (at, End::Infinite)
            } else if plus_minus {
                (End::At(Decimal::ZERO, Some(true)), at)
            } else {
                (End::Infinite, at)
            };
            Some(Cond {
                low,
                high,
                absolute: plus_minus,
                percent: is_percent(ua),
                bare: false,
                op: None,
                start: base,
                end: base + n,
                low_span: if higher { a_span } else { None },
                high_span: if higher { None } else { a_span },
            })
        }
        _ => {
            if a_incl.is_some() || !cond_end(j) || plus_minus {
                return None;
            }
            let at = End::At(a, Some(true));
            Some(Cond {
                low: at,
                high: at,
                absolute: false,
                percent: is_percent(ua),
                bare: true,
                op: None,
                start: base,
                end: base + n,
                low_span: a_span,
                high_span: a_span,
            })
        }
    }
}

/// Reads an award at the end of `toks`: `计5分`, `得满分`, `不得分`, `5分`,
/// `按满分计算`. Returns the award, the index where it starts, and its span.
pub(crate) fn trailing_award(toks: &[Tok]) -> Option<(Award, usize, (usize, usize))> {
    let n = toks.len();
    // Trailing filler such as 计算 in 按满分计算.
    let mut end = n;
    while end > 0
        && matches!(&toks[end - 1].kind, Kind::Word(w) if matches!(w.trim(), "计算" | "计" | "记" | "的"))
    {
        end -= 1;
    }
    let last = toks.get(end.checked_sub(1)?)?;
    let span_from = |i: usize| (toks[i].start, toks[end - 1].end);
    match &last.kind {
        Kind::Nothing => Some((Award::Points(Decimal::ZERO), end - 1, span_from(end - 1))),
        Kind::Full => {
            let mut s = end - 1;
            if s > 0 && matches!(toks[s - 1].kind, Kind::Award) {
                s -= 1;
            } else if s > 0
                && matches!(&toks[s - 1].kind, Kind::Word(w) if w.trim().ends_with('按'))
            {
                // 按满分计算
                s -= 1;
            }
            Some((Award::Full, s, span_from(s)))
        }
        Kind::Num {
            value,
            unit: NumUnit::Score,
        } => {
            let mut s = end - 1;
            // 计3-5分
            if s >= 2 && matches!(toks[s - 1].kind, Kind::Dash) {
                if let Some((a, NumUnit::None | NumUnit::Score)) = num(&toks[s - 2]) {
                    let mut s2 = s - 2;
                    if s2 > 0 && matches!(toks[s2 - 1].kind, Kind::Award) {
                        s2 -= 1;
                    }
                    return Some((Award::Range(a, *value), s2, span_from(s2)));
                }
            }
            if s > 0 && matches!(toks[s - 1].kind, Kind::Award) {
                s -= 1;
            }
            Some((Award::Points(*value), s, span_from(s)))
        }
        Kind::Num {
            value,
            unit: NumUnit::None,
        } if end >= 2 && matches!(toks[end - 2].kind, Kind::Award) => {
            Some((Award::Points(*value), end - 2, span_from(end - 2)))
        }
        _ => None,
    }
}

/// Splits the tokens into clauses at separators and reads each.
pub(crate) fn clauses(toks: &[Tok]) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut first = 0;
    for i in 0..=toks.len() {
        let at_sep = i == toks.len() || matches!(toks[i].kind, Kind::Sep(_));
        if !at_sep {
            continue;
        }
        if i > first {
            out.push(read(toks, first, i));
        }
        first = i + 1;
    }
    merge(out)
}

fn read(all: &[Tok], first: usize, end: usize) -> Clause {
    let toks = &all[first..end];
    let start = toks[0].start;
    let stop = toks[toks.len() - 1].end;
    let mut clause = Clause {
        start,
        end: stop,
        part: Part::Other,
        subject: None,
    };
    let mut body = toks;
    let mut offset = first;
    // A leading name: 在职人员控制率≦100%.
    if let Some(Tok {
        kind: Kind::Word(w),
        start,
        end,
    }) = toks.first()
    {
        // A Latin letter right before the number is a sign that did not
        // read (≦ recognised as W), not part of the name.
        let glued_letter = w.ends_with(|c: char| c.is_ascii_alphabetic())
            && toks
                .get(1)
                .is_some_and(|t| t.start == *end && matches!(t.kind, Kind::Num { .. }));
        if toks.len() > 1 && !is_filler(w) && !glued_letter {
            clause.subject = Some((*start, *end, w.trim().to_owned()));
            body = &toks[1..];
            offset += 1;
        }
    }
    clause.part = part(body, offset).unwrap_or_else(|| {
        // Without the subject, the whole clause may still be words.
        match trailing_award(toks) {
            Some((award, s, span))
                if s > 0
                    && toks[..s]
                        .iter()
                        .all(|t| matches!(t.kind, Kind::Word(_) | Kind::Paren(_))) =>
            {
                clause.subject = None;
                Part::Words(award, span)
            }
            _ => Part::Other,
        }
    });
    if let (Part::Award(award, span), Some(_)) = (&clause.part, &clause.subject) {
        clause.part = Part::Words(*award, *span);
    }
    if matches!(clause.part, Part::Other | Part::Words(..)) {
        clause.subject = None;
    }
    clause
}

fn part(toks: &[Tok], base: usize) -> Option<Part> {
    let kinds: Vec<&Kind> = toks.iter().map(|t| &t.kind).collect();
    match kinds.as_slice() {
        [Kind::Floor(v)] => return Some(Part::Floor(*v)),
        [Kind::Cap] => return Some(Part::Cap),
        [Kind::Word(w), Kind::Num { value, unit }, Kind::Standard] if w.trim() == "以" => {
            return Some(Part::Standard(
                *value,
                is_percent(unit),
                (toks[1].start, toks[1].end),
            ))
        }
        [Kind::Num { value, unit }, Kind::Standard] => {
            return Some(Part::Standard(
                *value,
                is_percent(unit),
                (toks[0].start, toks[0].end),
            ))
        }
        _ => {}
    }
    // A step and deduction: [gate] 每超过 N [的] 扣 D [分].
    if let Some(p) = kinds.iter().position(|k| matches!(k, Kind::Per(_))) {
        let Kind::Per(movement) = kinds[p] else {
            return None;
        };
        let gate = if p == 0 {
            None
        } else {
            Some(condition(&toks[..p], base)?)
        };
        let mut j = p + 1;
        if matches!(kinds.get(j), Some(Kind::Word(w)) if w.trim() == "一个") {
            j += 1;
        }
        let (step, su) = num(toks.get(j)?)?;
        let step_span = (toks[j].start, toks[j].end);
        j += 1;
        while matches!(kinds.get(j), Some(Kind::Word(w)) if is_filler(w)) {
            j += 1;
        }
        let step = Step {
            movement: *movement,
            size: step,
            percent: is_percent(su),
            size_span: step_span,
            move_span: (toks[p].start, toks[p].end),
        };
        if j == toks.len() {
            if gate.is_some() {
                return None;
            }
            return Some(Part::Step(step));
        }
        if !matches!(kinds.get(j), Some(Kind::Deduct)) {
            return None;
        }
        let (d, du) = num(toks.get(j + 1)?)?;
        if !matches!(du, NumUnit::Score | NumUnit::None) || j + 2 != toks.len() {
            return None;
        }
        return Some(Part::StepDeduct(StepDeduct {
            gate,
            step,
            deduction: d,
            deduction_span: (toks[j + 1].start, toks[j + 1].end),
        }));
    }
    if let [Kind::Deduct, Kind::Num {
        value,
        unit: NumUnit::Score | NumUnit::None,
    }] = kinds.as_slice()
    {
        return Some(Part::Deduct(*value, (toks[0].start, toks[1].end)));
    }
    if let Some((award, s, span)) = trailing_award(toks) {
        if s == 0 {
            return Some(Part::Award(award, span));
        }
        let mut cond_toks = &toks[..s];
        // 的 / 时 before the award.
        while let Some(Tok {
            kind: Kind::Word(w),
            ..
        }) = cond_toks.last()
        {
            if is_filler(w) {
                cond_toks = &cond_toks[..cond_toks.len() - 1];
            } else {
                break;
            }
        }
        return condition(cond_toks, base).map(|c| Part::CondAward(c, award, span));
    }
    condition(toks, base).map(Part::Cond)
}

/// Joins a condition with the award in the next clause (`≦100%，计5分`),
/// and a step with its deduction (`每超过一个百分点，扣0.5分`) or a gate
/// with its step (`＞0，每超过一个百分点扣0.8分`).
fn merge(clauses: Vec<Clause>) -> Vec<Clause> {
    let mut out: Vec<Clause> = Vec::with_capacity(clauses.len());
    for c in clauses {
        if let Some(prev) = out.last_mut() {
            let merged = match (&prev.part, &c.part) {
                (Part::Cond(cond), Part::Award(award, span)) => {
                    Some(Part::CondAward(cond.clone(), *award, *span))
                }
                // 已制定但执行不到位的，计0.75分
                (Part::Other, Part::Award(award, span)) if prev.subject.is_none() => {
                    Some(Part::Words(*award, *span))
                }
                (Part::Step(step), Part::Deduct(d, d_span)) => Some(Part::StepDeduct(StepDeduct {
                    gate: None,
                    step: *step,
                    deduction: *d,
                    deduction_span: *d_span,
                })),
                (Part::Cond(cond), Part::StepDeduct(sd))
                    if sd.gate.is_none() && c.subject.is_none() =>
                {
                    Some(Part::StepDeduct(StepDeduct {
                        gate: Some(cond.clone()),
                        ..sd.clone()
                    }))
                }
                _ => None,
            };
            if let Some(part) = merged {
                prev.part = part;
                prev.end = c.end;
                continue;
            }
        }
        out.push(c);
    }
    out
}
