//! Proportions and targets: `按完成比例计分`, `该项得分=（得分/200）×8`,
//! `对照年初指标值`, counts of targets met, a target written alone.

use rust_decimal::Decimal;

use super::build::{quantity, sentences, Found, Row};
use super::clause::{Award, Clause, Part};
use super::lex::{Kind, Tok};
use super::measure::{Measure, ParsedFormula};
use super::steps::single_value;
use crate::number::plain;
use crate::rules::{Better, Proportional, Rule, Target, Unmet};
use crate::target_value::{fold, BareReading, TargetValue};

/// `该项得分=（绩效办对应部分考核得分/200）*8`: points × value ÷ maximum.
pub(super) fn scored_by_formula(
    row: &Row<'_>,
    f: &ParsedFormula,
    span: (usize, usize),
    clauses: &[Clause],
) -> Found {
    use crate::formula::TokenKind as T;
    let mut found = Found::default();
    found.unplaced.extend(
        clauses
            .iter()
            .filter(|c| !matches!(c.part, Part::Cap | Part::Other) || c.end <= span.0)
            .filter(|c| c.end <= span.0 || c.start >= span.1)
            .map(|c| (c.start, c.end)),
    );
    // Other clauses before the formula are its introduction (根据…考核分数折算).
    found.unplaced.retain(|&(s, _)| s >= span.1);
    let body: Vec<&T> = f
        .tokens
        .iter()
        .skip_while(|t| !matches!(t, T::Equals))
        .skip(1)
        .filter(|t| !matches!(t, T::Open(_) | T::Close(_)))
        .collect();
    let shape = match body.as_slice() {
        [T::Name(x), T::Divide, T::Number(n), T::Times, T::Number(p)] => {
            Some((x.clone(), *n, Some(*p)))
        }
        [T::Number(p), T::Times, T::Name(x), T::Divide, T::Number(n)] => {
            Some((x.clone(), *n, Some(*p)))
        }
        [T::Name(x), T::Divide, T::Number(n), T::Times, T::Name(w)] if w.contains("分值") => {
            Some((x.clone(), *n, None))
        }
        _ => None,
    };
    let Some((name, max, scale)) = shape else {
        found.unplaced.push(span);
        return found;
    };
    if let (Some(p), Some(points)) = (scale, row.points) {
        if p != points {
            found.notes.push(format!(
                "the formula scales to {} points, the row's 分值 is {}",
                plain(p),
                plain(points)
            ));
        }
    }
    if max <= Decimal::ZERO {
        found.unplaced.push(span);
        return found;
    }
    found.spans.push(row.span(span, "target"));
    found.notes.push(format!(
        "a value above {} is read as capped at full points (the formula alone would give more)",
        plain(max)
    ));
    found.readings.push((
        "as written".to_owned(),
        Rule::Proportional(Proportional {
            formula: name,
            target: quantity(max, false),
            better: Better::Higher,
            zero_denominator: None,
        }),
    ));
    let _ = f.names.len();
    found
}

pub(super) fn proportion(
    row: &Row<'_>,
    clauses: &[Clause],
    measure: &Option<Measure>,
) -> Option<Found> {
    // 按完成比例计分, with nothing but 未达到的 / 否则 around it.
    let share = clauses.iter().position(|c| {
        let toks: Vec<&Tok> = row
            .lexed
            .toks
            .iter()
            .filter(|tk| tk.start >= c.start && tk.end <= c.end)
            .collect();
        toks.iter().any(|tk| matches!(tk.kind, Kind::ByShare))
            && toks.iter().all(|tk| match &tk.kind {
                Kind::ByShare | Kind::Unmet => true,
                Kind::Word(w) => {
                    matches!(w.trim(), "的" | "否则" | "则" | "其余" | "未达到的" | "的,")
                }
                _ => false,
            })
    })?;
    let mut found = Found::default();
    let mut target = None;
    let mut used = vec![false; clauses.len()];
    used[share] = true;
    found
        .spans
        .push(row.span((clauses[share].start, clauses[share].end), "better"));
    for (i, c) in clauses.iter().enumerate() {
        match &c.part {
            // 达到100%的，计满分 (or the row's points).
            Part::CondAward(cond, award, span)
                if target.is_none()
                    && match award {
                        Award::Full => true,
                        Award::Points(p) => row.points == Some(*p),
                        Award::Range(..) => false,
                    } =>
            {
                let higher = cond.op.map_or(cond.bare, |op| {
                    op.is_higher() || op == crate::target_value::Comparison::Equal
                });
                if let (Some(v), true) = (single_value(cond), higher) {
                    target = Some((v, cond.percent, cond.low_span.unwrap_or(*span)));
                    found.spans.push(row.span(*span, "points"));
                    used[i] = true;
                }
            }
            Part::Cap | Part::Floor(_) => {
                used[i] = true;
                found.spans.push(row.span((c.start, c.end), "cap"));
            }
            Part::Other => {
                let t = fold(&row.text(c.start, c.end));
                let t = t.trim();
                if [
                    "未达到的",
                    "未达到",
                    "未完成的",
                    "未达标的",
                    "否则",
                    "未达到的部分",
                    "超过的不加分",
                    "超额完成不加分",
                ]
                .contains(&t)
                {
                    used[i] = true;
                }
            }
            _ => {}
        }
    }
    found.unplaced = Found::unused(clauses, &used);
    match (target, measure) {
        (Some((t, p, span)), Some(m)) => {
            found.spans.push(row.span(span, "target"));
            let percent = p || m.percent;
            found.readings.push((
                "as written".to_owned(),
                Rule::Proportional(Proportional {
                    formula: m.formula.clone(),
                    target: quantity(t, percent),
                    better: Better::Higher,
                    zero_denominator: None,
                }),
            ));
        }
        (Some(_), None) => {
            found
                .notes
                .push("the text names no measure and gives no formula".to_owned());
            found.unplaced.push((0, 0));
        }
        (None, _) => {
            // 按完成比例计分 against the row's own target (年度指标值).
            found.notes.push("no target is written: the row is scored against the target the facts give (年度指标值), in proportion".to_owned());
            found.readings.push((
                "as written".to_owned(),
                Rule::Target(Target {
                    target: None,
                    unit: None,
                    actual: None,
                    bare: BareReading::AtLeast,
                    unmet: Unmet::Proportional,
                    tolerance: None,
                    excess: None,
                    levels: Vec::new(),
                    zero_denominator: None,
                }),
            ));
        }
    }
    Some(found)
}

/// `对照年初指标值：达到的得满分；未达到的，按实际完成率÷年初指标值×该指标分值计分`:
/// a `target` leaf whose target the facts give, its actual value the
/// formula where one is written.
pub(super) fn against_targets(
    row: &Row<'_>,
    clauses: &[Clause],
    measure: &Option<Measure>,
) -> Option<Found> {
    let mut found = Found::default();
    let (mut met, mut unmet) = (false, None);
    for c in clauses {
        let t = fold(&row.text(c.start, c.end));
        let t = t.trim();
        let span = (c.start, c.end);
        if [
            "对照年初指标值",
            "对照年度指标值",
            "对照年度绩效目标",
            "对照绩效目标",
        ]
        .contains(&t)
            || t == "未达到的"
        {
            found.spans.push(row.span(span, "target"));
        } else if [
            "达到的得满分",
            "达到的计满分",
            "达到指标值的得满分",
            "达到年初指标值的得满分",
            "达到年度指标值的得满分",
        ]
        .contains(&t)
        {
            met = true;
            found.spans.push(row.span(span, "points"));
        } else if (t.starts_with("未达到的") || t.starts_with('按'))
            && t.contains('按')
            && (t.contains("比例") || (t.contains(['÷', '/']) && t.contains("指标值")))
            && (t.ends_with("计分") || t.ends_with("得分"))
        {
            unmet = Some(Unmet::Proportional);
            found.spans.push(row.span(span, "unmet"));
        } else if t.starts_with("未达到") && t.ends_with("不得分") {
            unmet = Some(Unmet::Zero);
            found.spans.push(row.span(span, "unmet"));
        } else {
            found.unplaced.push(span);
        }
    }
    let unmet = unmet?;
    if !met {
        return None;
    }
    // The actual value: the written formula (a bare name is the facts' own).
    let actual = measure.as_ref().filter(|m| {
        m.span.as_ref().is_some_and(|s| s.field == "formula")
            && !m
                .note
                .as_deref()
                .is_some_and(|n| n.contains("gives no formula"))
    });
    found.readings.push((
        "as written".to_owned(),
        Rule::Target(Target {
            target: None,
            unit: actual.filter(|m| m.percent).map(|_| "%".to_owned()),
            actual: actual.map(|m| m.formula.clone()),
            bare: BareReading::AtLeast,
            unmet,
            tolerance: None,
            excess: None,
            levels: Vec::new(),
            zero_denominator: None,
        }),
    ));
    Some(found)
}

/// `…达到年度指标值且超出不超过指标值30%的为达标；按达标个数占…比例计分`: a
/// `targets_met` leaf over the facts' list of targets.
pub(super) fn targets_met(row: &Row<'_>, toks: &[Tok], clauses: &[Clause]) -> Option<Found> {
    let text = fold(&row.text(0, row.original.len()));
    if !text.contains("达标") {
        return None;
    }
    let mut found = Found::default();
    let mut within = None;
    let mut scoring = None;
    for (s, e) in sentences(toks) {
        let (start, end) = (toks[s].start, toks[e - 1].end);
        let t = fold(&row.text(start, end));
        let nums: Vec<&Tok> = toks[s..e]
            .iter()
            .filter(|t| matches!(t.kind, Kind::Num { .. }))
            .collect();
        if t.contains("为达标") {
            // The line above a target: 不超过指标值30%.
            let line = t
                .find("不超过")
                .filter(|_| t.contains("指标值") || t.contains("目标值"));
            match (line, nums.as_slice()) {
                (Some(_), [n]) => {
                    let Kind::Num { value, unit } = &n.kind else {
                        return None;
                    };
                    if *unit != super::lex::NumUnit::Percent {
                        return None;
                    }
                    within = Some(*value);
                    found.spans.push(row.span((n.start, n.end), "within"));
                }
                (None, []) => {}
                _ => found.unplaced.push((start, end)),
            }
            found.spans.push(row.span((start, end), "targets"));
        } else if t.contains("达标个数")
            && t.contains("比例")
            && (t.ends_with("计分") || t.ends_with("计分。"))
            && nums.is_empty()
        {
            scoring = Some(crate::rules::CountScoring::Proportional);
            found.spans.push(row.span((start, end), "scoring"));
        } else if let Some(m) = toks[s..e].iter().position(|t| matches!(t.kind, Kind::Miss)) {
            let rest = &toks[s + m + 1..e];
            match rest {
                [Tok {
                    kind: Kind::Deduct, ..
                }, n @ Tok {
                    kind: Kind::Num { value, .. },
                    ..
                }, tail @ ..]
                    if tail
                        .iter()
                        .all(|t| matches!(t.kind, Kind::Floor(_) | Kind::Sep(_))) =>
                {
                    scoring = Some(crate::rules::CountScoring::PerMiss(*value));
                    found
                        .spans
                        .push(row.span((n.start, n.end), "scoring.per_miss"));
                }
                _ => found.unplaced.push((start, end)),
            }
        } else {
            found.unplaced.push((start, end));
        }
    }
    let _ = clauses;
    let scoring = scoring?;
    found.readings.push((
        "as written".to_owned(),
        Rule::TargetsMet(crate::rules::TargetsMet {
            within: within.map(|w| quantity(w, true)),
            bare: BareReading::AtLeast,
            scoring,
        }),
    ));
    Some(found)
}

/// A text that is itself a target value: `≥95%`, `≤12个月`, `100%`.
pub(super) fn target(row: &Row<'_>, toks: &[Tok], text: &str) -> Option<Found> {
    if toks
        .iter()
        .any(|t| matches!(t.kind, Kind::Award | Kind::Deduct | Kind::Sep(_)))
    {
        return None;
    }
    // 足额保障率=100%: the row's own name before the target.
    let mut start = 0;
    let mut body = text.trim_start();
    if let Some(name) = row.name {
        if let Some(rest) = body.strip_prefix(name) {
            start = text.chars().count() - rest.chars().count();
            body = rest;
        }
    }
    let read = TargetValue::parse(body, BareReading::AtLeast).ok()?;
    if read.is_qualitative() {
        return None;
    }
    let target_text = body.trim().to_owned();
    let mut found = Found::default();
    if start > 0 {
        found.spans.push(row.span((0, start), "subject"));
    }
    found
        .spans
        .push(row.span((start, row.original.len()), "target"));
    let make = |bare, unmet| {
        Rule::Target(Target {
            target: Some(target_text.clone()),
            unit: None,
            actual: None,
            bare,
            unmet,
            tolerance: None,
            excess: None,
            levels: Vec::new(),
            zero_denominator: None,
        })
    };
    let bares: &[(BareReading, &str)] =
        if matches!(read, TargetValue::Compare { stated: false, .. }) {
            &[
                (
                    BareReading::AtLeast,
                    "at least the number — 不低于该值（正向指标）",
                ),
                (
                    BareReading::AtMost,
                    "at most the number — 不高于该值（反向指标）",
                ),
                (BareReading::Equal, "the number itself — 等于该值"),
            ]
        } else {
            &[(BareReading::AtLeast, "")]
        };
    // A target alone does not say how a miss scores.
    for &(bare, words) in bares {
        for (unmet, how) in [
            (Unmet::Proportional, "a miss scores in proportion (财预〔2020〕10号: 未完成的按照完成值与指标值的比例记分)"),
            (Unmet::Zero, "a miss scores nothing (未达到的不得分)"),
        ] {
            let reading = if words.is_empty() { how.to_owned() } else { format!("{words}; {how}") };
            found.readings.push((reading, make(bare, unmet)));
        }
    }
    Some(found)
}
