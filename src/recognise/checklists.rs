//! Checklists: items with their points (`①…，2分`), or cases deducted
//! (`以上情况每出现一例不符合要求的扣1分`).

use rust_decimal::Decimal;

use super::build::{circled, sentences, Found, Row};
use super::clause::{self, Award, Clause, Part};
use super::lex::{Kind, Tok};
use crate::number::plain;
use crate::rules::{Checklist, ChecklistItem, Rule};
use crate::target_value::fold;

/// Item texts from a 指标说明's 评价要点: `①是否…；②是否…`.
fn points_in_definition(def: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current: Option<String> = None;
    for c in def.chars() {
        if (0x2460..=0x2473).contains(&(c as u32)) {
            if let Some(t) = current.take() {
                items.push(
                    t.trim()
                        .trim_end_matches(['；', ';', '。', '，', ','])
                        .to_owned(),
                );
            }
            current = Some(String::new());
        } else if let Some(t) = &mut current {
            if c == '。' {
                items.push(t.trim().trim_end_matches(['；', ';', '，', ',']).to_owned());
                current = None;
            } else {
                t.push(c);
            }
        }
    }
    if let Some(t) = current {
        items.push(
            t.trim()
                .trim_end_matches(['；', ';', '。', '，', ','])
                .to_owned(),
        );
    }
    items
}

fn is_partial_credit(t: &str) -> bool {
    let t = fold(t);
    (t.contains("部分符合") || t.contains("部分达到") || t.contains("部分完成"))
        && (t.contains("酌情") || t.contains("视情"))
}

pub(super) fn checklist(row: &Row<'_>, toks: &[Tok], clauses: &[Clause]) -> Option<Found> {
    // ①—⑤每项符合得0.6分
    if let Some(r) = toks
        .iter()
        .position(|t| matches!(t.kind, Kind::ItemRange(_)))
    {
        return each_item(row, toks, clauses, r);
    }
    let markers: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| matches!(t.kind, Kind::Item(_)))
        .map(|(i, _)| i)
        .collect();
    if markers.is_empty() {
        return unmarked_items(row, clauses);
    }
    let mut found = Found::default();
    let mut items = Vec::new();
    let mut after = After::default();
    if markers[0] > 0 {
        let s = toks[0].start;
        let e = toks[markers[0] - 1].end;
        if !row
            .text(s, e)
            .trim_matches(|c: char| c.is_whitespace() || ",:;，：；".contains(c))
            .is_empty()
        {
            found.unplaced.push((s, e));
        }
    }
    for (k, &m) in markers.iter().enumerate() {
        let end = markers.get(k + 1).copied().unwrap_or(toks.len());
        let Kind::Item(id) = &toks[m].kind else {
            continue;
        };
        // The item runs to its award; anything after a separator follows it.
        let seg = &toks[m + 1..end];
        if seg
            .iter()
            .any(|t| matches!(t.kind, Kind::Listed | Kind::Case | Kind::Miss))
            && k + 1 == markers.len()
            && seg
                .iter()
                .any(|t| matches!(t.kind, Kind::Listed | Kind::Case))
        {
            // 以上情况每出现一例…: a deduction checklist.
            return None;
        }
        // The item's points come before its sentence ends, never after 扣.
        let sentence_end = seg
            .iter()
            .position(|t| matches!(t.kind, Kind::Sep(';' | '。')))
            .unwrap_or(seg.len());
        let award_at = seg[..sentence_end].iter().enumerate().position(|(j, t)| {
            matches!(
                t.kind,
                Kind::Award
                    | Kind::Num {
                        unit: super::lex::NumUnit::Score,
                        ..
                    }
            ) && !(j > 0 && matches!(seg[j - 1].kind, Kind::Deduct))
        });
        let a = award_at?;
        let mut a_end = a + 1;
        if matches!(seg[a].kind, Kind::Award) {
            a_end += 1;
        }
        let Some(Kind::Num { value, .. }) = seg.get(a_end - 1).map(|t| &t.kind) else {
            return None;
        };
        let text_start = toks[m].end;
        let text_end = seg[a].start;
        let text = row.text(text_start, text_end);
        let text = text
            .trim()
            .trim_end_matches(['，', ',', '的', '(', '（', ' ', ':', '：'])
            .trim()
            .to_owned();
        let i = items.len();
        found
            .spans
            .push(row.span((toks[m].start, toks[m].end), format!("items[{i}].id")));
        found
            .spans
            .push(row.span((text_start, text_end), format!("items[{i}].text")));
        found.spans.push(row.span(
            (seg[a].start, seg[a_end - 1].end),
            format!("items[{i}].points"),
        ));
        items.push(ChecklistItem {
            id: id.clone(),
            text: Some(text).filter(|t| !t.is_empty()),
            points: Some(*value),
            per_case: None,
        });
        // What follows the award in this segment.
        let rest = &seg[a_end..];
        after_items(row, &clause::clauses(rest), &mut found, &mut after);
    }
    let item_points: Vec<Decimal> = items.iter().filter_map(|i| i.points).collect();
    if after
        .per_missing
        .iter()
        .any(|d| item_points.iter().any(|p| p != d))
    {
        // 每少一项扣N分 with items of other points: two rules in one text.
        found
            .unplaced
            .extend(after.per_missing_spans.iter().copied());
    }
    finish_items(row, &mut found, items, after.partial());
    Some(found)
}

/// What the clauses after a checklist's items said.
#[derive(Debug, Default)]
struct After {
    allowed: bool,
    refused: bool,
    /// 每少一项扣N分: each N, and where.
    per_missing: Vec<Decimal>,
    per_missing_spans: Vec<(usize, usize)>,
}

impl After {
    fn partial(&self) -> Partial {
        match (self.allowed, self.refused) {
            (true, _) => Partial::Allowed,
            (false, true) => Partial::Refused,
            (false, false) => Partial::Silent,
        }
    }
}

/// Reads the clauses after a checklist's items: partial credit allowed
/// (部分符合的，酌情给分并说明理由) or refused (不符合不得分), 扣完为止, and
/// 每少一项扣N分; anything else is unplaced.
fn after_items(row: &Row<'_>, clauses: &[Clause], found: &mut Found, after: &mut After) {
    let whole = clauses
        .first()
        .map(|f| row.text(f.start, clauses[clauses.len() - 1].end))
        .unwrap_or_default();
    let partial_words = is_partial_credit(&whole);
    for c in clauses {
        let t = row.text(c.start, c.end);
        let trimmed = t.trim().trim_matches(['）', ')', ' ']);
        let span = (c.start, c.end);
        if trimmed.is_empty() {
            continue;
        }
        if is_partial_credit(&t)
            || (partial_words
                && ["部分", "酌情", "视情", "说明理由", "给分"]
                    .iter()
                    .any(|w| t.contains(w)))
        {
            after.allowed = true;
            found.spans.push(row.span(span, "partial_credit"));
        } else if matches!(c.part, Part::Floor(_)) {
            found.spans.push(row.span(span, "floor"));
        } else if [
            "不符合不得分",
            "不符合的不得分",
            "否则不得分",
            "不符合的,不得分",
        ]
        .iter()
        .any(|w| fold(trimmed).starts_with(w))
        {
            after.refused = true;
            found.spans.push(row.span(span, "partial_credit"));
        } else if fold(&t).contains("每少一项扣") || fold(&t).contains("每缺一项扣") {
            let deducted = row.lexed.toks.iter().find_map(|tk| match tk.kind {
                Kind::Num { value, .. } if tk.start >= c.start && tk.end <= c.end => Some(value),
                _ => None,
            });
            match deducted {
                Some(d) => {
                    after.per_missing.push(d);
                    after.per_missing_spans.push(span);
                    found.spans.push(row.span(span, "items[*].points"));
                }
                None => found.unplaced.push(span),
            }
        } else {
            found.unplaced.push(span);
        }
    }
}

/// Whether a part of an item may earn part of its points: stated
/// (部分符合的，酌情给分), refused (不符合不得分), or not said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Partial {
    Allowed,
    Refused,
    Silent,
}

fn finish_items(row: &Row<'_>, found: &mut Found, items: Vec<ChecklistItem>, partial: Partial) {
    let sum = items
        .iter()
        .filter_map(|i| i.points)
        .fold(Decimal::ZERO, |a, b| a.checked_add(b).unwrap_or(a));
    if let Some(p) = row.points {
        if sum != p {
            found.notes.push(format!(
                "the items add up to {} points, the row's 分值 is {}",
                plain(sum),
                plain(p)
            ));
        }
    }
    let rule = |partial_credit| {
        Rule::Checklist(Checklist {
            items: items.clone(),
            partial_credit,
        })
    };
    match partial {
        Partial::Allowed => found.readings.push(("as written".to_owned(), rule(true))),
        Partial::Refused => found.readings.push(("as written".to_owned(), rule(false))),
        Partial::Silent => {
            found.readings.push((
                "each item met or not, its points or none — 逐项计分，不设部分得分".to_owned(),
                rule(false),
            ));
            found.readings.push((
                "an item partly met earns part of its points, with a reason — 部分符合的酌情给分"
                    .to_owned(),
                rule(true),
            ));
        }
    }
}

fn each_item(row: &Row<'_>, toks: &[Tok], clauses: &[Clause], r: usize) -> Option<Found> {
    let Kind::ItemRange(ids) = &toks[r].kind else {
        return None;
    };
    let mut found = Found::default();
    let each = toks
        .get(r + 1..)?
        .iter()
        .position(|t| matches!(t.kind, Kind::EachItem))?
        + r
        + 1;
    let award = toks[each..].iter().position(|t| {
        matches!(
            t.kind,
            Kind::Num {
                unit: super::lex::NumUnit::Score,
                ..
            }
        )
    })? + each;
    let Kind::Num { value, .. } = toks[award].kind else {
        return None;
    };
    let between = row.text(toks[each].end, toks[award].start);
    let between = fold(&between);
    if !matches!(
        between.trim(),
        "符合得" | "符合的得" | "符合计" | "得" | "计" | "符合的,得" | "符合,得"
    ) {
        return None;
    }
    found
        .spans
        .push(row.span((toks[r].start, toks[r].end), "items"));
    found
        .spans
        .push(row.span((toks[award].start, toks[award].end), "items[*].points"));
    let head = row.text(toks[0].start, toks[r].start);
    if !matches!(
        fold(&head).trim(),
        "" | "评价要点" | "评分要点" | "以上" | "上述"
    ) {
        found.unplaced.push((toks[0].start, toks[r].start));
    }
    let mut after = After::default();
    let following: Vec<Clause> = clauses
        .iter()
        .filter(|c| c.start > toks[award].end)
        .cloned()
        .collect();
    after_items(row, &following, &mut found, &mut after);
    if !after.per_missing.is_empty() && after.per_missing.iter().any(|d| *d != value) {
        found
            .unplaced
            .extend(after.per_missing_spans.iter().copied());
    }
    let texts = row.definition.map(points_in_definition).unwrap_or_default();
    let items = ids
        .iter()
        .enumerate()
        .map(|(i, id)| ChecklistItem {
            id: id.clone(),
            text: texts.get(i).cloned().filter(|_| texts.len() == ids.len()),
            points: Some(value),
            per_case: None,
        })
        .collect();
    finish_items(row, &mut found, items, after.partial());
    Some(found)
}

/// Items written without markers: `符合…，计1分；符合…，计0.5分`.
fn unmarked_items(row: &Row<'_>, clauses: &[Clause]) -> Option<Found> {
    let words: Vec<(usize, Decimal, (usize, usize))> = clauses
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match &c.part {
            Part::Words(Award::Points(p), span) => Some((i, *p, *span)),
            _ => None,
        })
        .collect();
    if words.len() < 2 {
        return None;
    }
    let sum = words.iter().map(|w| w.1).fold(Decimal::ZERO, |a, b| a + b);
    let top = words.iter().map(|w| w.1).max().unwrap_or_default();
    // A list whose points add up to the row's is a checklist; one whose
    // best entry is the row's points is a list of levels.
    let points = row.points?;
    if sum != points || top == points {
        return None;
    }
    let mut found = Found::default();
    let mut items = Vec::new();
    let mut prev_end = 0;
    for (k, (i, p, span)) in words.iter().enumerate() {
        let c = &clauses[*i];
        // The item's words run from the previous item's end.
        let start = if k == 0 { clauses[0].start } else { prev_end };
        let first = clauses.iter().position(|x| x.start >= start).unwrap_or(*i);
        let text = row.text(clauses[first].start, span.0);
        let text = text
            .trim()
            .trim_end_matches(['，', ',', '的', ' '])
            .trim_start_matches(['；', ';', '，', ','])
            .trim()
            .to_owned();
        found
            .spans
            .push(row.span((clauses[first].start, span.0), format!("items[{k}].text")));
        found
            .spans
            .push(row.span(*span, format!("items[{k}].points")));
        items.push(ChecklistItem {
            id: circled(k),
            text: Some(text),
            points: Some(*p),
            per_case: None,
        });
        prev_end = c.end + 1;
    }
    let last = words.last().map_or(0, |w| w.0);
    found
        .unplaced
        .extend(clauses[last + 1..].iter().map(|c| (c.start, c.end)));
    finish_items(row, &mut found, items, Partial::Silent);
    Some(found)
}

/// Deduction checklists: `①…；②…。以上情况每出现一例不符合要求的扣1分，扣完为止`,
/// `未按规定时间办结的一次扣3分；未及时反馈的一次扣2分`.
pub(super) fn deductions(row: &Row<'_>, toks: &[Tok], clauses: &[Clause]) -> Option<Found> {
    let case = toks
        .iter()
        .position(|t| matches!(t.kind, Kind::Case | Kind::Miss))?;
    let mut found = Found::default();
    let markers: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| matches!(t.kind, Kind::Item(_)))
        .map(|(i, _)| i)
        .collect();
    let listed = toks.iter().position(|t| matches!(t.kind, Kind::Listed));
    if markers.is_empty() {
        if let Some(l) = listed {
            return unmarked_deductions(row, toks, clauses, l, case);
        }
    }
    if !markers.is_empty() {
        // One deduction for every listed item.
        let listed = listed?;
        let (ded, value) = case_deduction(toks, listed, case)?;
        found
            .spans
            .push(row.span((toks[ded].start, toks[ded + 1].end), "items[*].per_case"));
        found
            .spans
            .push(row.span((toks[listed].start, toks[ded].start), "items"));
        // The deduction sentence: before the items (以下情况…：①…) or after.
        let (item_end, tail_from) = if listed < markers[0] {
            (toks.len(), ded + 2)
        } else {
            (listed, ded + 2)
        };
        let mut items = Vec::new();
        for (k, &m) in markers.iter().enumerate() {
            let end = markers
                .get(k + 1)
                .copied()
                .unwrap_or(item_end)
                .min(item_end);
            if end <= m + 1 {
                continue;
            }
            let Kind::Item(id) = &toks[m].kind else {
                continue;
            };
            let (s, e) = (toks[m].end, toks[end - 1].end);
            let text = row.text(s, e);
            let text = text
                .trim()
                .trim_end_matches(['；', ';', '。', '，', ',', ' '])
                .to_owned();
            found
                .spans
                .push(row.span((toks[m].start, e), format!("items[{k}].text")));
            items.push(ChecklistItem {
                id: id.clone(),
                text: Some(text),
                points: None,
                per_case: Some(value),
            });
        }
        let tail_start = toks.get(tail_from).map(|t| t.start);
        if let Some(ts) = tail_start {
            for c in clauses.iter().filter(|c| {
                c.start >= ts
                    && (listed < markers[0] && c.end <= toks[markers[0]].start
                        || listed > markers[0])
            }) {
                match c.part {
                    Part::Floor(_) => found.spans.push(row.span((c.start, c.end), "floor")),
                    _ => found.unplaced.push((c.start, c.end)),
                }
            }
        }
        if markers[0] > 0 && listed > markers[0] {
            let head = row.text(toks[0].start, toks[markers[0]].start);
            if !head.trim().trim_matches([':', '：']).is_empty() {
                found.unplaced.push((toks[0].start, toks[markers[0]].start));
            }
        }
        found.readings.push((
            "as written".to_owned(),
            Rule::Checklist(Checklist {
                items,
                partial_credit: false,
            }),
        ));
        return Some(found);
    }
    // Categories, one a clause: <words> 一次 / 每出现一例 <words> 扣 N 分.
    let mut items = Vec::new();
    for (ci, c) in clauses.iter().enumerate() {
        let seg: Vec<&Tok> = toks
            .iter()
            .filter(|t| t.start >= c.start && t.end <= c.end)
            .collect();
        let has_case = seg
            .iter()
            .any(|t| matches!(t.kind, Kind::Case | Kind::Miss));
        let ded = seg.iter().position(|t| matches!(t.kind, Kind::Deduct));
        match (&c.part, has_case, ded) {
            (Part::Floor(_), _, _) => found.spans.push(row.span((c.start, c.end), "floor")),
            (_, true, Some(d)) if d + 2 == seg.len() => {
                let Kind::Num { value, .. } = seg[d + 1].kind else {
                    found.unplaced.push((c.start, c.end));
                    continue;
                };
                let text: String = seg[..d]
                    .iter()
                    .filter(|t| !matches!(t.kind, Kind::Case | Kind::Miss))
                    .map(|t| row.text(t.start, t.end))
                    .collect::<Vec<_>>()
                    .join("");
                let text = text.trim().trim_end_matches(['的', ',', '，']).to_owned();
                let k = items.len();
                found
                    .spans
                    .push(row.span((c.start, seg[d].start), format!("items[{k}].text")));
                found.spans.push(row.span(
                    (seg[d].start, seg[d + 1].end),
                    format!("items[{k}].per_case"),
                ));
                items.push(ChecklistItem {
                    id: circled(k),
                    text: Some(text).filter(|t| !t.is_empty()),
                    points: None,
                    per_case: Some(value),
                });
                let _ = ci;
            }
            _ => found.unplaced.push((c.start, c.end)),
        }
    }
    if items.is_empty() {
        return None;
    }
    deduction_list(&mut found, items);
    Some(found)
}

/// `以上情况每出现一例…扣1分`: where 扣 is, and what each case deducts. The
/// reference (以上情况, at `listed`) comes before the case it counts.
fn case_deduction(toks: &[Tok], listed: usize, case: usize) -> Option<(usize, Decimal)> {
    if listed > case {
        return None;
    }
    let ded = toks[case..]
        .iter()
        .position(|t| matches!(t.kind, Kind::Deduct))?
        + case;
    match toks.get(ded + 1)?.kind {
        Kind::Num { value, .. } => Some((ded, value)),
        _ => None,
    }
}

/// Records a deduction checklist as the one reading.
fn deduction_list(found: &mut Found, items: Vec<ChecklistItem>) {
    found.readings.push((
        "as written".to_owned(),
        Rule::Checklist(Checklist {
            items,
            partial_credit: false,
        }),
    ));
}

/// `支出符合…；资金拨付…；…。以上情况每出现一例不符合要求的扣1分` with the
/// item numbers lost: each sentence before 以上情况 is an item.
fn unmarked_deductions(
    row: &Row<'_>,
    toks: &[Tok],
    clauses: &[Clause],
    listed: usize,
    case: usize,
) -> Option<Found> {
    let (ded, value) = case_deduction(toks, listed, case)?;
    let mut found = Found::default();
    let listed_start = toks[listed].start;
    let mut items = Vec::new();
    for (s, e) in sentences(&toks[..listed]) {
        let (start, end) = (toks[s].start, toks[e - 1].end);
        let k = items.len();
        let text = row.text(start, end).trim().to_owned();
        found
            .spans
            .push(row.span((start, end), format!("items[{k}].text")));
        items.push(ChecklistItem {
            id: circled(k),
            text: Some(text),
            points: None,
            per_case: Some(value),
        });
    }
    if items.len() < 2 {
        return None;
    }
    found
        .spans
        .push(row.span((listed_start, toks[ded + 1].end), "items[*].per_case"));
    for c in clauses.iter().filter(|c| c.start >= toks[ded + 1].end) {
        match c.part {
            Part::Floor(_) => found.spans.push(row.span((c.start, c.end), "floor")),
            _ => found.unplaced.push((c.start, c.end)),
        }
    }
    found.notes.push(
        "the items carry no numbers in the text: they are numbered ①, ② … in order".to_owned(),
    );
    deduction_list(&mut found, items);
    Some(found)
}
