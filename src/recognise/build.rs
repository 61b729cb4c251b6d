//! From clauses to rules: each family of wording (threshold and steps,
//! bands, checklists, proportions, targets, levels, judgement) tries to
//! place every clause; what it cannot place is reported.

use rust_decimal::Decimal;

use super::bands::bands;
use super::checklists::{checklist, deductions};
use super::clause::{self, Clause};
use super::levels::{judgement, levels};
use super::lex::{lex, Kind, Lexed, Tok};
use super::measure::{parse_formula, Measure};
use super::steps::threshold;
use super::targets::{against_targets, proportion, scored_by_formula, target, targets_met};
use super::{Criterion, Reading, Recognition, Source, Span, Status};
use crate::number::plain;
use crate::rules::{Quantity, Rule, ZeroDenominator};
use crate::spec::NotApplicable;
use crate::target_value::fold;

/// What one family made of the text.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub(super) readings: Vec<(String, Rule)>,
    pub(super) spans: Vec<Span>,
    pub(super) notes: Vec<String>,
    /// Character spans that could not be placed.
    pub(super) unplaced: Vec<(usize, usize)>,
}

impl Found {
    /// The clauses not `used`, as unplaced spans.
    pub(super) fn unused(clauses: &[Clause], used: &[bool]) -> Vec<(usize, usize)> {
        clauses
            .iter()
            .zip(used)
            .filter(|(_, u)| !**u)
            .map(|(c, _)| (c.start, c.end))
            .collect()
    }

    /// What was found, with no measure to score: neither a formula nor a
    /// name in the text or the row.
    pub(super) fn without_measure(mut self) -> Option<Found> {
        self.notes
            .push("the text names no measure and gives no formula".to_owned());
        self.unplaced.push((0, 0));
        Some(self)
    }
}

/// The row being read.
pub(super) struct Row<'a> {
    pub(super) original: Vec<char>,
    pub(super) lexed: Lexed,
    pub(super) points: Option<Decimal>,
    pub(super) name: Option<&'a str>,
    pub(super) definition: Option<&'a str>,
}

impl Row<'_> {
    pub(super) fn text(&self, start: usize, end: usize) -> String {
        self.lexed.slice(&self.original, start, end)
    }

    pub(super) fn span(&self, (start, end): (usize, usize), field: impl Into<String>) -> Span {
        let (start, end) = (start.min(end), end);
        Span {
            start,
            end,
            text: self.text(start, end),
            field: field.into(),
            source: Source::Criterion,
        }
    }
}

const PREAMBLES: &[&str] = &[
    "示例标准",
    "评分标准",
    "评价标准",
    "评分细则",
    "计分标准",
    "评分方法",
    "评分办法",
];

pub(super) fn recognise(c: &Criterion<'_>) -> Recognition {
    let n = c.text.chars().count();
    if n > crate::limits::MAX_TEXT_CHARS {
        return refused(format!(
            "the text has {n} characters, more than the limit of {}",
            crate::limits::MAX_TEXT_CHARS
        ));
    }
    if c.text.trim().is_empty() {
        return refused("the 评价标准 is empty: there is nothing to read".to_owned());
    }
    let row = Row {
        original: c.text.chars().collect(),
        lexed: lex(c.text),
        points: c.points,
        name: c.name.map(str::trim).filter(|n| !n.is_empty()),
        definition: c.definition,
    };
    let mut spans = Vec::new();
    let mut notes = Vec::new();
    let mut toks: Vec<Tok> = row.lexed.toks.clone();
    // 示例标准：
    if let [Tok {
        kind: Kind::Word(w),
        start,
        ..
    }, Tok {
        kind: Kind::Sep(':'),
        end,
        ..
    }, ..] = toks.as_slice()
    {
        if PREAMBLES.contains(&w.trim()) {
            spans.push(row.span((*start, *end), "preamble"));
            toks.drain(..2);
        }
    }
    // A sentence that is the measure's formula (实际完成率=…×100%).
    let mut formula_in_text = None;
    let mut score_formula = None;
    for (s, e) in sentences(&toks) {
        let (start, end) = (toks[s].start, toks[e - 1].end);
        let text = row.text(start, end);
        if let Some(parsed) = parse_formula(&text) {
            if parsed.label.as_deref().is_some_and(|l| l.ends_with("得分")) {
                score_formula = Some((parsed, (start, end)));
            } else if parsed.label.is_some() && formula_in_text.is_none() {
                formula_in_text = Some((text.trim().to_owned(), parsed.percent, (start, end)));
            } else {
                continue;
            }
            for t in &mut toks[s..e] {
                t.kind = Kind::Sep(';');
            }
        }
    }
    // Not-applicable sentences (没有…的…按满分计算).
    let mut not_applicable = None;
    let mut zero = None;
    // Whether a zero denominator was read from a sentence about the row not applying.
    let mut zero_from_absence = false;
    for (s, e) in sentences(&toks) {
        let (start, end) = (toks[s].start, toks[e - 1].end);
        let text = fold(&row.text(start, end));
        if let Some((na, zd)) = absent_clause(&text) {
            spans.push(row.span(
                (start, end),
                if na.is_some() {
                    "not_applicable"
                } else {
                    "zero_denominator"
                },
            ));
            not_applicable = na.or(not_applicable);
            zero_from_absence |= na.is_some() && zd.is_some();
            zero = zd.or(zero);
            for t in &mut toks[s..e] {
                t.kind = Kind::Sep(';');
            }
        }
    }
    let clauses = clause::clauses(&toks);
    let measure = Measure::find(&row, &clauses, formula_in_text.as_ref());
    let families: [&dyn Fn() -> Option<Found>; 11] = [
        &|| {
            score_formula
                .as_ref()
                .map(|(f, span)| scored_by_formula(&row, f, *span, &clauses))
        },
        &|| threshold(&row, &clauses, &measure),
        &|| bands(&row, &clauses, &measure),
        &|| checklist(&row, &toks, &clauses),
        &|| deductions(&row, &toks, &clauses),
        &|| against_targets(&row, &clauses, &measure),
        &|| targets_met(&row, &toks, &clauses),
        &|| proportion(&row, &clauses, &measure),
        &|| target(&row, &toks, c.text),
        &|| levels(&row, &clauses),
        &|| judgement(&row, &toks, c.text),
    ];
    let mut best: Option<Found> = None;
    for family in families {
        let Some(found) = family() else { continue };
        let placed_all = found.unplaced.is_empty();
        let better = match &best {
            None => true,
            Some(b) => unplaced_len(&found) < unplaced_len(b),
        };
        if placed_all {
            best = Some(found);
            break;
        }
        if better {
            best = Some(found);
        }
    }
    let mut found = best.unwrap_or_else(|| Found {
        unplaced: clauses.iter().map(|c| (c.start, c.end)).collect(),
        ..Found::default()
    });
    if found.unplaced.is_empty() && found.readings.is_empty() {
        found.unplaced = vec![(0, row.original.len())];
    }
    // What the rule needs from a zero denominator, where the text said.
    if let Some(zd) = zero {
        let mut applied = false;
        for (_, rule) in &mut found.readings {
            applied |= set_zero_denominator(rule, zd);
        }
        if applied && zero_from_absence {
            found.notes.push("the not-applicable clause is read as also covering a zero denominator in the formula (no such item: nothing to divide by)".to_owned());
        }
    }
    let divides = found.readings.iter().any(|(_, r)| {
        r.zero_denominator().is_none() && r.formula().is_some_and(|f| f.contains(['/', '÷', '／']))
    });
    if divides {
        found.notes.push("the text does not say what a zero denominator scores: the rule refuses one (an error naming the formula) until the rubric says".to_owned());
    }
    spans.extend(found.spans);
    notes.extend(found.notes);
    if let Some(m) = &measure {
        if found
            .readings
            .iter()
            .any(|(_, r)| r.formula().is_some_and(|f| f == m.formula))
        {
            spans.extend(m.span.clone());
            notes.extend(m.note.clone());
        }
    }
    spans.sort_by_key(|s| (s.source == Source::Definition, s.start, s.end));
    if !found.unplaced.is_empty() {
        let unplaced: Vec<String> = found
            .unplaced
            .iter()
            .map(|&(s, e)| row.text(s, e).trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        spans.extend(found.unplaced.iter().map(|&se| row.span(se, "unplaced")));
        return Recognition {
            status: Status::Unrecognised,
            rule: None,
            readings: Vec::new(),
            unplaced,
            spans,
            not_applicable,
            notes,
        };
    }
    let mut readings = found.readings;
    readings.dedup_by(|a, b| a.1 == b.1);
    if readings.len() == 1 {
        let (_, rule) = readings.remove(0);
        Recognition {
            status: Status::Recognised,
            rule: Some(rule),
            readings: Vec::new(),
            unplaced: Vec::new(),
            spans,
            not_applicable,
            notes,
        }
    } else {
        Recognition {
            status: Status::Ambiguous,
            rule: None,
            readings: readings
                .into_iter()
                .map(|(reading, rule)| Reading { reading, rule })
                .collect(),
            unplaced: Vec::new(),
            spans,
            not_applicable,
            notes,
        }
    }
}

/// Nothing read, and why.
fn refused(note: String) -> Recognition {
    Recognition {
        status: Status::Unrecognised,
        rule: None,
        readings: Vec::new(),
        unplaced: Vec::new(),
        spans: Vec::new(),
        not_applicable: None,
        notes: vec![note],
    }
}

fn unplaced_len(f: &Found) -> usize {
    f.unplaced.iter().map(|(s, e)| e - s).sum()
}

/// Token ranges of sentences (between `；` and `。`).
pub(super) fn sentences(toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut first = 0;
    for i in 0..=toks.len() {
        if i == toks.len() || matches!(toks[i].kind, Kind::Sep(';' | '。' | '!')) {
            if i > first {
                out.push((first, i));
            }
            first = i + 1;
        }
    }
    out
}

fn set_zero_denominator(rule: &mut Rule, zd: ZeroDenominator) -> bool {
    match rule {
        Rule::RatioThreshold(r) => r.zero_denominator = Some(zd),
        Rule::SteppedBands(r) => r.zero_denominator = Some(zd),
        Rule::Proportional(r) => r.zero_denominator = Some(zd),
        Rule::Target(r) if r.actual.is_some() => r.zero_denominator = Some(zd),
        _ => return false,
    }
    true
}

/// A sentence saying what happens when there is nothing to measure:
/// `没有楼堂馆所项目的部门按满分计算`, `未开展满意度调查的，不适用，不计入分母`,
/// `资金未到位（实际到位资金为0）的，本项不得分`.
fn absent_clause(text: &str) -> Option<(Option<NotApplicable>, Option<ZeroDenominator>)> {
    let t = text.trim();
    // A case within the case (上年度为0的：本年度亦为0的…；本年度大于0的…) is
    // more than one outcome.
    if t.contains([':', '：']) || t.contains('亦') {
        return None;
    }
    // 分母为0的，计满分 / 不得分 / 作不适用处理: the zero denominator itself.
    if let Some(rest) = t.strip_prefix("分母为0的") {
        let rest = rest
            .trim_start_matches([',', '，'])
            .trim_end_matches(['。', '.']);
        return match rest {
            "计满分" | "得满分" | "按满分计算" => {
                Some((None, Some(ZeroDenominator::Full)))
            }
            "不得分" | "计0分" => Some((None, Some(ZeroDenominator::Zero))),
            "作不适用处理" | "不适用" => {
                Some((None, Some(ZeroDenominator::NotApplicable)))
            }
            _ => None,
        };
    }
    // 不适用的，按满分计算 / 计0分 / 不计入分母: the row when it does not apply.
    if let Some(rest) = t.strip_prefix("不适用的") {
        let rest = rest
            .trim_start_matches([',', '，'])
            .trim_end_matches(['。', '.']);
        return match rest {
            "按满分计算" | "计满分" => Some((Some(NotApplicable::Full), None)),
            "计0分" | "不得分" => Some((Some(NotApplicable::Zero), None)),
            "不计入分母" => Some((Some(NotApplicable::Exclude), None)),
            _ => None,
        };
    }
    // The condition, before its first 的 or comma, says something is absent.
    let head: String = t
        .chars()
        .take_while(|c| !matches!(c, '的' | ',' | '，'))
        .collect();
    let opens = ["没有", "无", "未"].iter().any(|w| head.contains(w)) || head.contains("为0");
    if !opens || t.chars().any(|c| c.is_ascii_digit() && !t.contains("为0")) {
        return None;
    }
    let t = t.trim_end_matches(['。', '.', ';']);
    if t.ends_with("不计入分母") || t.ends_with("不纳入评价") || t.ends_with("不参与评价")
    {
        return Some((
            Some(NotApplicable::Exclude),
            Some(ZeroDenominator::NotApplicable),
        ));
    }
    if t.ends_with("按满分计算")
        || t.ends_with("按满分计")
        || t.ends_with("得满分")
        || t.ends_with("计满分")
    {
        return Some((
            Some(NotApplicable::Full),
            Some(ZeroDenominator::NotApplicable),
        ));
    }
    // 不得分 is a level as often as an absence (未制定的，不得分); only a
    // quantity stated absent (为0, 未到位, 无实际产出) is a zero denominator.
    let quantity_absent =
        head.contains("为0") || head.contains("未到位") || head.contains("无实际");
    if quantity_absent
        && (t.ends_with("本项不得分") || t.ends_with("该项不得分") || t.ends_with("不得分"))
    {
        return Some((None, Some(ZeroDenominator::Zero)));
    }
    None
}

pub(super) fn quantity(value: Decimal, percent: bool) -> Quantity {
    Quantity { value, percent }
}

/// The id of the item at index `n`: ①, ②, … ⑳, then (21).
pub(crate) fn circled_id(n: usize) -> String {
    circled(n)
}

pub(super) fn circled(n: usize) -> String {
    u32::try_from(n)
        .ok()
        .and_then(|n| char::from_u32(0x2460 + n))
        .filter(|_| n < 20)
        .map_or_else(|| format!("({})", n + 1), String::from)
}

pub(super) fn points_check(row: &Row<'_>, found: &mut Found, award: Decimal, span: (usize, usize)) {
    found.spans.push(row.span(span, "points"));
    if let Some(p) = row.points {
        if award != p {
            found.notes.push(format!(
                "the text awards {} points in full, the row's 分值 is {}",
                plain(award),
                plain(p)
            ));
        }
    }
}
