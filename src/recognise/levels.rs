//! Levels (`效果较好的计6分；一般3分`), done-or-not, and judgement
//! (`由评价组酌情评分`).

use rust_decimal::Decimal;

use super::build::{quantity, Found, Row};
use super::clause::{Award, Clause, Part};
use super::lex::{Kind, Tok};
use crate::number::plain;
use crate::rules::{Judgement, Level, Rating, Rule, Target, Unmet};
use crate::target_value::{fold, BareReading};

const DONE: &[&str] = &[
    "完成",
    "按时完成",
    "全部完成",
    "按期完成",
    "达到目标",
    "达到",
    "达标",
    "实现",
    "完成目标",
    "达到预期目标",
    "完成的",
];

pub(super) fn levels(row: &Row<'_>, clauses: &[Clause]) -> Option<Found> {
    // 完成得满分，未完成不得分
    let done = clauses.iter().position(|c| matches!(&c.part, Part::Words(Award::Full, span) if DONE.contains(&fold(&row.text(c.start, span.0)).trim().trim_end_matches('的'))) || matches!(&c.part, Part::Award(Award::Full, span) if DONE.iter().any(|d| fold(&row.text(c.start, span.0)).trim().trim_end_matches('的') == *d)));
    let undone = clauses.iter().position(|c| {
        let t = fold(&row.text(c.start, c.end));
        let t = t.trim();
        (t.starts_with("未完成")
            || t.starts_with("未达到")
            || t.starts_with("未达标")
            || t.starts_with("否则"))
            && t.ends_with("不得分")
    });
    if let (Some(d), Some(u)) = (done, undone) {
        let points = row.points?;
        let mut found = Found::default();
        found
            .spans
            .push(row.span((clauses[d].start, clauses[d].end), "levels[0]"));
        found
            .spans
            .push(row.span((clauses[u].start, clauses[u].end), "levels[1]"));
        found.unplaced = clauses
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != d && *i != u)
            .map(|(_, c)| (c.start, c.end))
            .collect();
        let _ = points;
        found.readings.push((
            "the evaluator says whether it was done: two levels — 由评价人认定完成与否".to_owned(),
            Rule::Rating(Rating {
                levels: vec![
                    Level {
                        name: "完成".to_owned(),
                        text: Some(row.text(clauses[d].start, clauses[d].end)),
                        points: Some(quantity(Decimal::ONE_HUNDRED, true)),
                        range: None,
                    },
                    Level {
                        name: "未完成".to_owned(),
                        text: Some(row.text(clauses[u].start, clauses[u].end)),
                        points: Some(quantity(Decimal::ZERO, true)),
                        range: None,
                    },
                ],
            }),
        ));
        found.readings.push(("done means meeting the target the facts give (年度指标值): met, full points; not met, none — 对照年度指标值".to_owned(), Rule::Target(Target {
            target: None, unit: None, actual: None, bare: BareReading::AtLeast, unmet: Unmet::Zero,
            tolerance: None, excess: None, levels: Vec::new(), zero_denominator: None,
        })));
        return Some(found);
    }
    // 不健全的扣10分 on a 10-point row: a level of 0 points.
    let clauses: Vec<Clause> = clauses
        .iter()
        .cloned()
        .map(|mut c| {
            if let (Part::Deduct(v, span), Some(_)) = (&c.part, &c.subject) {
                if row.points == Some(*v) {
                    c.part = Part::Words(Award::Points(Decimal::ZERO), *span);
                    c.subject = None;
                }
            }
            c
        })
        .collect();
    let clauses = clauses.as_slice();
    let words: Vec<usize> = clauses
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.part, Part::Words(..)))
        .map(|(i, _)| i)
        .collect();
    if words.len() < 2 {
        return None;
    }
    let mut found = Found::default();
    let mut levels = Vec::new();
    let first = words[0];
    // Clauses before the first level describe what is rated.
    if first > 0 {
        found
            .spans
            .push(row.span((clauses[0].start, clauses[first - 1].end), "levels[0].text"));
    }
    let mut top = Decimal::ZERO;
    for (k, &i) in words.iter().enumerate() {
        let c = &clauses[i];
        let Part::Words(award, span) = &c.part else {
            continue;
        };
        // Words after the previous level belong to this one (有结余，但不超过上年结转，2分).
        let name_start = if k == 0 {
            c.start
        } else {
            clauses[words[k - 1] + 1].start
        };
        let name = row.text(name_start, span.0);
        let name = name
            .trim()
            .trim_end_matches(['的', '，', ',', ' ', '者', ':', '：'])
            .trim()
            .to_owned();
        let (points, range) = match award {
            Award::Full => (Some(quantity(Decimal::ONE_HUNDRED, true)), None),
            Award::Points(p) => {
                top = top.max(*p);
                (Some(quantity(*p, false)), None)
            }
            Award::Range(a, b) => {
                top = top.max(*b);
                (None, Some(format!("[{},{}]", plain(*a), plain(*b))))
            }
        };
        if matches!(award, Award::Full) {
            top = top.max(row.points.unwrap_or_default());
        }
        let text = if k == 0 && first > 0 {
            row.text(clauses[0].start, span.0)
        } else {
            name.clone()
        };
        found
            .spans
            .push(row.span((name_start, span.0), format!("levels[{k}].name")));
        found
            .spans
            .push(row.span(*span, format!("levels[{k}].points")));
        levels.push(Level {
            name,
            text: Some(
                text.trim()
                    .trim_end_matches(['的', '，', ',', ':', '：'])
                    .to_owned(),
            ),
            points,
            range,
        });
    }
    let last = *words.last().unwrap_or(&0);
    found.unplaced = clauses
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            (*i > last && !matches!(c.part, Part::Floor(_)))
                || (*i > first && *i < last && !words.contains(i) && !matches!(c.part, Part::Other))
        })
        .map(|(_, c)| (c.start, c.end))
        .collect();
    if let Some(p) = row.points {
        if top != p {
            found.notes.push(format!(
                "the best level awards {} points, the row's 分值 is {}",
                plain(top),
                plain(p)
            ));
        }
    }
    let mut names: Vec<&str> = levels.iter().map(|l| l.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    if names.len() != levels.len() || levels.iter().any(|l| l.name.is_empty()) {
        return None;
    }
    found
        .readings
        .push(("as written".to_owned(), Rule::Rating(Rating { levels })));
    Some(found)
}

const JUDGED: &[&str] = &[
    "酌情",
    "视情",
    "细化",
    "个性化指标",
    "综合评价",
    "综合评定",
    "由评价组",
    "根据实际情况",
    "根据部门实际",
];

pub(super) fn judgement(row: &Row<'_>, toks: &[Tok], text: &str) -> Option<Found> {
    let folded = fold(text);
    // 符合要求的得7分，不符合要求的视具体情况扣分，扣完7分为止: full points or
    // the evaluator's deduction — every number the row's points.
    let discretionary = [
        "视具体情况扣分",
        "视情况扣分",
        "酌情扣分",
        "酌情给分",
        "酌情评分",
    ]
    .iter()
    .any(|w| folded.contains(w));
    let only_full_points = row.points.is_some_and(|p| {
        toks.iter().all(|t| match &t.kind {
            Kind::Num { value, .. } | Kind::Floor(Some(value)) => *value == p,
            Kind::Item(_) | Kind::ItemRange(_) => false,
            _ => true,
        })
    });
    if discretionary && only_full_points {
        let mut found = Found::default();
        let (start, end) = (toks.first()?.start, toks.last()?.end);
        found.spans.push(row.span((start, end), "guidance"));
        found.notes.push(
            "full points, or the evaluator's deduction with a reason: scored from 0 to the points"
                .to_owned(),
        );
        found.readings.push((
            "as written".to_owned(),
            Rule::Judgement(Judgement {
                guidance: Some(row.text(start, end).trim().to_owned()),
            }),
        ));
        return Some(found);
    }
    if toks.iter().any(|t| {
        matches!(
            t.kind,
            Kind::Num { .. } | Kind::Award | Kind::Deduct | Kind::Item(_) | Kind::ItemRange(_)
        )
    }) {
        return None;
    }
    if !JUDGED.iter().any(|w| folded.contains(w)) {
        return None;
    }
    let mut found = Found::default();
    let (start, end) = (toks.first()?.start, toks.last()?.end);
    found.spans.push(row.span((start, end), "guidance"));
    found.notes.push("the text gives no scoring standard: the evaluator scores from 0 to the points, with a reason".to_owned());
    found.readings.push((
        "as written".to_owned(),
        Rule::Judgement(Judgement {
            guidance: Some(row.text(start, end).trim().to_owned()),
        }),
    ));
    Some(found)
}
