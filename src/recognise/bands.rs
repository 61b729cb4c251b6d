//! `stepped_bands`: conditions on the value, each with its points
//! (`=0，计5分；0-10%（含），计4分；…`), their shared ends resolved.

use rust_decimal::Decimal;

use super::build::{Found, Row};
use super::clause::{Award, Clause, End, Part};
use super::measure::Measure;
use crate::number::plain;
use crate::rules::{Band, Rule, SteppedBands};

#[derive(Debug, Clone)]
pub(super) struct Slot {
    low: End,
    high: End,
    points: Decimal,
    label: String,
    clause: usize,
    span: (usize, usize),
    award_span: (usize, usize),
}

fn write_end(v: Decimal, percent: bool) -> String {
    if v.is_zero() || !percent {
        plain(v)
    } else {
        format!("{}%", plain(v))
    }
}

fn range_text(low: End, high: End, percent: bool) -> String {
    let lo = match low {
        End::Infinite => "(-∞".to_owned(),
        End::At(v, inc) => format!(
            "{}{}",
            if inc == Some(false) { '(' } else { '[' },
            write_end(v, percent)
        ),
    };
    let hi = match high {
        End::Infinite => "+∞)".to_owned(),
        End::At(v, inc) => format!(
            "{}{}",
            write_end(v, percent),
            if inc == Some(false) { ')' } else { ']' }
        ),
    };
    format!("{lo},{hi}")
}

pub(super) fn bands(row: &Row<'_>, clauses: &[Clause], measure: &Option<Measure>) -> Option<Found> {
    let mut slots: Vec<Slot> = Vec::new();
    let mut found = Found::default();
    let mut absolute = None;
    let mut percent = false;
    for (i, c) in clauses.iter().enumerate() {
        if let Part::CondAward(cond, award, span) = &c.part {
            if cond.bare {
                // A bare number is a band of one value (=0).
            }
            let points = match award {
                Award::Full => match row.points {
                    Some(p) => p,
                    None => {
                        found.notes.push(
                            "the text awards 满分 and the row's 分值 is not given".to_owned(),
                        );
                        found.unplaced.push(*span);
                        continue;
                    }
                },
                Award::Points(p) => *p,
                Award::Range(..) => return None,
            };
            if absolute.is_some_and(|a| a != cond.absolute) {
                return None;
            }
            absolute = Some(cond.absolute);
            percent |= cond.percent;
            let label_start = c.subject.as_ref().map_or(c.start, |s| s.1);
            let raw = row.text(label_start, span.0);
            let label = raw.trim_end_matches(['，', ',', '的', ' ']).to_owned();
            let label_end = label_start + label.chars().count();
            let label = label.trim().to_owned();
            slots.push(Slot {
                low: cond.low,
                high: cond.high,
                points,
                label,
                clause: i,
                span: (label_start, label_end),
                award_span: *span,
            });
        }
    }
    if slots.len() < 2 {
        return None;
    }
    let mut used: Vec<usize> = slots.iter().map(|s| s.clause).collect();
    // 项目投资计划完成率,100%:5分;…: the measure named first, alone.
    if let Some(first) = clauses.first() {
        let alone = row
            .lexed
            .toks
            .iter()
            .filter(|t| t.start >= first.start && t.end <= first.end)
            .count()
            == 1;
        if matches!(first.part, Part::Other) && alone && !used.contains(&0) {
            let name = row.text(first.start, first.end);
            if !name.chars().any(|c| c.is_ascii_digit()) {
                used.push(0);
                found
                    .spans
                    .push(row.span((first.start, first.end), "subject"));
            }
        }
    }
    found.unplaced.extend(
        clauses
            .iter()
            .enumerate()
            .filter(|(i, _)| !used.contains(i))
            .map(|(_, c)| (c.start, c.end)),
    );
    if let Some(m) = measure {
        percent |= m.percent;
    }
    slots.sort_by(|a, b| cmp_low(a.low, b.low));
    // Resolve the shared ends.
    let mut open_boundaries = Vec::new();
    for k in 0..slots.len() - 1 {
        let (a, b) = (slots[k].high, slots[k + 1].low);
        let (End::At(va, ia), End::At(vb, ib)) = (a, b) else {
            found.notes.push(format!(
                "bands `{}` and `{}` overlap",
                slots[k].label,
                slots[k + 1].label
            ));
            found.unplaced.push(slots[k + 1].span);
            return Some(found);
        };
        if va != vb {
            let what = if va < vb {
                "no band covers the values between"
            } else {
                "overlapping bands"
            };
            found.notes.push(format!(
                "{what} `{}` and `{}`",
                slots[k].label,
                slots[k + 1].label
            ));
            found.unplaced.push(slots[k + 1].span);
            return Some(found);
        }
        match (ia, ib) {
            (Some(x), Some(y)) if x == y => {
                found.notes.push(format!(
                    "the text puts {} in {} bands (`{}` and `{}`)",
                    write_end(va, percent),
                    if x { "both" } else { "neither of the" },
                    slots[k].label,
                    slots[k + 1].label
                ));
                found.unplaced.push(slots[k + 1].span);
                return Some(found);
            }
            (Some(x), None) => slots[k + 1].low = End::At(vb, Some(!x)),
            (None, Some(y)) => slots[k].high = End::At(va, Some(!y)),
            (None, None) => open_boundaries.push(k),
            _ => {}
        }
    }
    // Extreme ends the text does not mark belong to their only band.
    if let End::At(v, None) = slots[0].low {
        slots[0].low = End::At(v, Some(true));
    }
    let last = slots.len() - 1;
    if let End::At(v, None) = slots[last].high {
        slots[last].high = End::At(v, Some(true));
    }
    let Some(m) = measure else {
        return found.without_measure();
    };
    if let Some(p) = row.points {
        let top = slots.iter().map(|s| s.points).max().unwrap_or_default();
        if top != p {
            found.notes.push(format!(
                "the best band awards {} points, the row's 分值 is {}",
                plain(top),
                plain(p)
            ));
        }
    }
    let mut order: Vec<&Slot> = slots.iter().collect();
    order.sort_by_key(|s| s.clause);
    for (i, s) in order.iter().enumerate() {
        found
            .spans
            .push(row.span(s.span, format!("bands[{i}].range")));
        found
            .spans
            .push(row.span(s.award_span, format!("bands[{i}].points")));
    }
    // Readings: shared ends the text leaves open, and an open bottom.
    let mut variants: Vec<(String, Vec<Slot>)> = vec![(String::new(), slots.clone())];
    if !open_boundaries.is_empty() {
        let ends: Vec<String> = open_boundaries
            .iter()
            .map(|&k| write_end(slots[k].high.value().unwrap_or_default(), percent))
            .collect();
        let ends = ends.join("、");
        let mut up = slots.clone();
        let mut down = slots.clone();
        for &k in &open_boundaries {
            let v = slots[k].high.value().unwrap_or_default();
            up[k].high = End::At(v, Some(false));
            up[k + 1].low = End::At(v, Some(true));
            down[k].high = End::At(v, Some(true));
            down[k + 1].low = End::At(v, Some(false));
        }
        variants = vec![
            (
                format!("{ends} belongs to the band above it — 分界值{ends}计入较高一档"),
                up,
            ),
            (
                format!("{ends} belongs to the band below it — 分界值{ends}计入较低一档"),
                down,
            ),
        ];
    }
    let said_unbounded = row
        .text(clauses[slots[0].clause].start, clauses[slots[0].clause].end)
        .contains("不设下限");
    let open_bottom = !said_unbounded
        && matches!(slots[0].low, End::Infinite)
        && percent
        && slots[0].high.value().is_some_and(|v| v > Decimal::ZERO)
        && !absolute.unwrap_or(false);
    if open_bottom {
        let mut more = Vec::new();
        for (words, v) in variants {
            let mut from_zero = v.clone();
            // Still sorted by where bands start here.
            from_zero[0].low = End::At(Decimal::ZERO, Some(true));
            let join = |a: &str, b: &str| {
                if a.is_empty() {
                    b.to_owned()
                } else {
                    format!("{a}; {b}")
                }
            };
            more.push((join(&words, "the lowest band takes every value below its end, negative ones too — 最低一档不设下限"), v));
            more.push((join(&words, "the lowest band starts at 0%: the measure cannot be negative, and a negative value is refused — 最低一档自0%起"), from_zero));
        }
        variants = more;
    }
    for (words, mut v) in variants {
        // The document's order.
        v.sort_by_key(|s| s.clause);
        let rule = Rule::SteppedBands(SteppedBands {
            formula: m.formula.clone(),
            absolute: absolute.unwrap_or(false),
            better: None,
            bands: v
                .iter()
                .map(|s| Band {
                    range: range_text(s.low, s.high, percent),
                    points: s.points,
                    label: Some(s.label.clone()).filter(|l| !l.is_empty()),
                })
                .collect(),
            zero_denominator: None,
        });
        found.readings.push((
            if words.is_empty() {
                "as written".to_owned()
            } else {
                words
            },
            rule,
        ));
    }
    Some(found)
}

fn cmp_low(a: End, b: End) -> std::cmp::Ordering {
    match (a, b) {
        (End::Infinite, End::Infinite) => std::cmp::Ordering::Equal,
        (End::Infinite, _) => std::cmp::Ordering::Less,
        (_, End::Infinite) => std::cmp::Ordering::Greater,
        (End::At(x, ix), End::At(y, iy)) => x.cmp(&y).then_with(|| {
            // [v,v] before (v,…
            let rank = |i: Option<bool>| u8::from(i == Some(false));
            rank(ix).cmp(&rank(iy))
        }),
    }
}
