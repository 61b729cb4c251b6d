//! From clauses to rules: each family of wording (threshold and steps,
//! bands, checklists, proportions, targets, levels, judgement) tries to
//! place every clause; what it cannot place is reported.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::clause::{self, Award, Clause, Cond, End, Part};
use super::lex::{lex, Kind, Lexed, Move, Tok};
use super::{Criterion, Reading, Recognition, Source, Span, Status};
use crate::number::plain;
use crate::rules::{
    Band, Better, Checklist, ChecklistItem, Direction, Judgement, Level, PartialUnit, Proportional,
    Quantity, Rating, RatioThreshold, Rule, SteppedBands, Target, Unmet, ZeroDenominator,
};
use crate::spec::NotApplicable;
use crate::target_value::{fold, BareReading, TargetValue};

/// What one family made of the text.
#[derive(Debug, Default)]
struct Found {
    readings: Vec<(String, Rule)>,
    spans: Vec<Span>,
    notes: Vec<String>,
    /// Character spans that could not be placed.
    unplaced: Vec<(usize, usize)>,
}

/// The row being read.
struct Row<'a> {
    original: Vec<char>,
    lexed: Lexed,
    points: Option<Decimal>,
    name: Option<&'a str>,
    definition: Option<&'a str>,
}

impl Row<'_> {
    fn text(&self, start: usize, end: usize) -> String {
        self.lexed.slice(&self.original, start, end)
    }

    fn span(&self, (start, end): (usize, usize), field: impl Into<String>) -> Span {
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
fn sentences(toks: &[Tok]) -> Vec<(usize, usize)> {
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

/// The input names a formula reads (not the measure's name before `=`).
pub(crate) fn formula_inputs(formula: &str) -> Vec<String> {
    use crate::formula::TokenKind as T;
    let Ok(tokens) = crate::formula::tokenize(formula) else {
        return Vec::new();
    };
    let mut names: Vec<String> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if let T::Name(n) = &t.kind {
            let label = i == 0 && matches!(tokens.get(1).map(|t| &t.kind), Some(T::Equals));
            if !label && !names.contains(n) {
                names.push(n.clone());
            }
        }
    }
    names
}

/// A formula, parsed with any names as inputs.
struct ParsedFormula {
    label: Option<String>,
    percent: bool,
    /// Input names in order of first use.
    names: Vec<String>,
    /// Top-level shape for score formulas: the tokens.
    tokens: Vec<crate::formula::TokenKind>,
}

fn parse_formula(text: &str) -> Option<ParsedFormula> {
    let text = text
        .trim()
        .trim_end_matches(['。', '.', ';', '；', ',', '，'])
        .trim();
    if text.is_empty() || text.chars().count() > crate::limits::MAX_FORMULA_CHARS {
        return None;
    }
    let tokens = crate::formula::tokenize(text).ok()?;
    let mut names: Vec<String> = Vec::new();
    let mut label = None;
    for (i, t) in tokens.iter().enumerate() {
        if let crate::formula::TokenKind::Name(n) = &t.kind {
            let is_label = matches!(
                tokens.get(i + 1).map(|t| &t.kind),
                Some(crate::formula::TokenKind::Equals)
            ) && i == 0;
            if is_label {
                label = Some(n.clone());
            } else if !names.contains(n) {
                names.push(n.clone());
            }
        }
    }
    // Words that are not names: a formula is operators, brackets, numbers
    // and names only; a name with a comparison or a Chinese sentence in it
    // is refused by its length.
    let punctuated = |n: &String| n.contains(['，', ',', '；', ';', '：', ':', '。', '、']);
    if names
        .iter()
        .any(|n| n.chars().count() > 30 || punctuated(n))
        || label.as_deref().is_some_and(|l| l.chars().count() > 30)
        || names.is_empty()
    {
        return None;
    }
    // An expression, not a value: at least one operator after `=`.
    let body_from = tokens
        .iter()
        .position(|t| matches!(t.kind, crate::formula::TokenKind::Equals))
        .map_or(0, |e| e + 1);
    let has_operator = tokens[body_from..].iter().any(|t| {
        use crate::formula::TokenKind as T;
        matches!(t.kind, T::Plus | T::Minus | T::Times | T::Divide)
    });
    if !has_operator {
        return None;
    }
    let arcs: Vec<Arc<str>> = names.iter().map(|n| Arc::from(n.as_str())).collect();
    let resolve = |n: &str| names.iter().position(|k| k == n);
    let parsed = crate::formula::Formula::parse(text, &resolve, &String::new, &arcs).ok()?;
    Some(ParsedFormula {
        label,
        percent: parsed.percent,
        names,
        tokens: tokens.into_iter().map(|t| t.kind).collect(),
    })
}

/// The measured value: its formula and where it came from.
#[derive(Debug, Clone)]
struct Measure {
    formula: String,
    /// Whether the formula ends in ×100%.
    percent: bool,
    span: Option<Span>,
    note: Option<String>,
}

impl Measure {
    fn find(
        row: &Row<'_>,
        clauses: &[Clause],
        in_text: Option<&(String, bool, (usize, usize))>,
    ) -> Option<Measure> {
        if let Some((formula, percent, span)) = in_text {
            return Some(Measure {
                formula: formula.clone(),
                percent: *percent,
                span: Some(row.span(*span, "formula")),
                note: None,
            });
        }
        let subject = clauses.iter().find_map(|c| c.subject.clone());
        let names: Vec<String> = subject
            .iter()
            .map(|s| s.2.clone())
            .chain(row.name.map(str::to_owned))
            .collect();
        if let Some(def) = row.definition {
            if let Some(m) = formula_in_definition(def, &names) {
                return Some(m);
            }
        }
        if let Some((start, end, name)) = subject {
            if name.is_empty() {
                return None;
            }
            return Some(Measure {
                formula: name.clone(),
                percent: false,
                span: Some(row.span((start, end), "formula")),
                note: Some(format!("the text gives no formula: the measure is read as the input `{name}` the text names")),
            });
        }
        row.name.map(|name| Measure {
            formula: name.to_owned(),
            percent: false,
            span: None,
            note: Some(format!("the text gives no formula: the measure is read as the input `{name}`, the row's name")),
        })
    }
}

/// The first formula in a 指标说明: `在职人员控制率=（在职人员数/编制数）×100%`.
/// `X控制率-（…）` after the measure's own name is read as `=` (a typo
/// seen in published tables), and said so.
fn formula_in_definition(def: &str, names: &[String]) -> Option<Measure> {
    let chars: Vec<char> = def.chars().collect();
    let mut start = 0;
    for i in 0..=chars.len() {
        let end_here = i == chars.len()
            || matches!(chars[i], '，' | ',' | '。' | '；' | ';' | '\n' | '：' | ':');
        if !end_here {
            continue;
        }
        let piece: String = chars[start..i].iter().collect();
        let lead = piece.len() - piece.trim_start().len();
        let lead_chars = piece[..lead].chars().count();
        let trimmed = piece.trim();
        let span = Span {
            start: start + lead_chars,
            end: start + lead_chars + trimmed.chars().count(),
            text: trimmed.to_owned(),
            field: "formula".to_owned(),
            source: Source::Definition,
        };
        if let Some(f) = parse_formula(trimmed) {
            // Labelled (X率=…), or an expression alone: （甲/乙）×100%.
            if f.label.is_some() || !trimmed.contains(['=', '＝']) {
                return Some(Measure {
                    formula: trimmed.to_owned(),
                    percent: f.percent,
                    span: Some(span),
                    note: None,
                });
            }
        }
        for name in names {
            if let Some(rest) = trimmed.strip_prefix(name.as_str()) {
                if let Some(after) = rest.strip_prefix(['-', '－']) {
                    let fixed = format!("{name}={after}");
                    if let Some(f) = parse_formula(&fixed) {
                        return Some(Measure {
                            formula: fixed,
                            percent: f.percent,
                            span: Some(span),
                            note: Some(format!("the 指标说明 writes `{name}-` where a formula's `=` belongs; read as `{name}=`")),
                        });
                    }
                }
            }
        }
        start = i + 1;
    }
    None
}

fn quantity(value: Decimal, percent: bool) -> Quantity {
    Quantity { value, percent }
}

/// The id of the item at index `n`: ①, ②, … ⑳, then (21).
pub(crate) fn circled_id(n: usize) -> String {
    circled(n)
}

fn circled(n: usize) -> String {
    u32::try_from(n)
        .ok()
        .and_then(|n| char::from_u32(0x2460 + n))
        .filter(|_| n < 20)
        .map_or_else(|| format!("({})", n + 1), String::from)
}

fn points_check(row: &Row<'_>, found: &mut Found, award: Decimal, span: (usize, usize)) {
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

// ---------------------------------------------------------------------
// ratio_threshold

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

fn threshold(row: &Row<'_>, clauses: &[Clause], measure: &Option<Measure>) -> Option<Found> {
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
    found.unplaced = clauses
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(c, _)| (c.start, c.end))
        .collect();
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
        found
            .notes
            .push("the text names no measure and gives no formula".to_owned());
        found.unplaced.push((0, 0));
        return Some(found);
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
fn single_value(c: &Cond) -> Option<Decimal> {
    match (c.low, c.high) {
        (End::At(a, _), End::At(b, _)) if a == b => Some(a),
        (End::At(a, _), End::Infinite) | (End::Infinite, End::At(a, _)) => Some(a),
        _ => None,
    }
}

// ---------------------------------------------------------------------
// stepped_bands

#[derive(Debug, Clone)]
struct Slot {
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

fn bands(row: &Row<'_>, clauses: &[Clause], measure: &Option<Measure>) -> Option<Found> {
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
        found
            .notes
            .push("the text names no measure and gives no formula".to_owned());
        found.unplaced.push((0, 0));
        return Some(found);
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

// ---------------------------------------------------------------------
// checklists

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

fn checklist(row: &Row<'_>, toks: &[Tok], clauses: &[Clause]) -> Option<Found> {
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
    let mut partial_credit = false;
    let mut refused = false;
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
        let rest_clauses = clause::clauses(rest);
        let whole_rest = rest
            .first()
            .map(|f| row.text(f.start, rest[rest.len() - 1].end))
            .unwrap_or_default();
        let partial_words = is_partial_credit(&whole_rest);
        for c in rest_clauses {
            let t = row.text(c.start, c.end);
            if partial_words
                && ["部分", "酌情", "视情", "说明理由", "给分"]
                    .iter()
                    .any(|w| t.contains(w))
            {
                partial_credit = true;
                found
                    .spans
                    .push(row.span((c.start, c.end), "partial_credit"));
                continue;
            }
            let t = row.text(c.start, c.end);
            let trimmed = t.trim().trim_matches(['）', ')', ' ']);
            if trimmed.is_empty() {
                continue;
            }
            match c.part {
                Part::Floor(_) => found.spans.push(row.span((c.start, c.end), "floor")),
                _ if is_partial_credit(&t) => {
                    partial_credit = true;
                    found
                        .spans
                        .push(row.span((c.start, c.end), "partial_credit"));
                }
                _ if fold(&t).contains("每少一项扣") || fold(&t).contains("每缺一项扣") =>
                {
                    found.spans.push(row.span((c.start, c.end), "deduction"));
                    let same = rest.iter().any(|x| matches!(&x.kind, Kind::Num { value: v, .. } if Some(v) == items.last().and_then(|i| i.points.as_ref())));
                    if !same {
                        found.unplaced.push((c.start, c.end));
                    }
                }
                _ if ["不符合不得分", "不符合的不得分", "否则不得分"]
                    .iter()
                    .any(|w| fold(trimmed).starts_with(w)) =>
                {
                    refused = true;
                    found
                        .spans
                        .push(row.span((c.start, c.end), "partial_credit"));
                }
                _ => found.unplaced.push((c.start, c.end)),
            }
        }
    }
    let partial = match (partial_credit, refused) {
        (true, _) => Partial::Allowed,
        (false, true) => Partial::Refused,
        (false, false) => Partial::Silent,
    };
    finish_items(row, &mut found, items, partial);
    Some(found)
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
    let mut partial_credit = false;
    let mut refused = false;
    let after: Vec<&Clause> = clauses
        .iter()
        .filter(|c| c.start > toks[award].end)
        .collect();
    let whole = after
        .first()
        .map(|f| row.text(f.start, after[after.len() - 1].end))
        .unwrap_or_default();
    let partial_words = is_partial_credit(&whole);
    for c in after {
        let t = row.text(c.start, c.end);
        if is_partial_credit(&t)
            || (partial_words
                && ["部分", "酌情", "视情", "说明理由", "给分"]
                    .iter()
                    .any(|w| t.contains(w)))
        {
            partial_credit = true;
            found
                .spans
                .push(row.span((c.start, c.end), "partial_credit"));
        } else if [
            "不符合不得分",
            "不符合的不得分",
            "否则不得分",
            "不符合的,不得分",
        ]
        .iter()
        .any(|w| fold(&t).trim() == *w)
        {
            refused = true;
            found
                .spans
                .push(row.span((c.start, c.end), "partial_credit"));
        } else {
            found.unplaced.push((c.start, c.end));
        }
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
    let partial = match (partial_credit, refused) {
        (true, _) => Partial::Allowed,
        (false, true) => Partial::Refused,
        (false, false) => Partial::Silent,
    };
    finish_items(row, &mut found, items, partial);
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
fn deductions(row: &Row<'_>, toks: &[Tok], clauses: &[Clause]) -> Option<Found> {
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
        let ded = toks[case..]
            .iter()
            .position(|t| matches!(t.kind, Kind::Deduct))?
            + case;
        let Kind::Num { value, .. } = toks.get(ded + 1)?.kind else {
            return None;
        };
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
    let ded = toks[case..]
        .iter()
        .position(|t| matches!(t.kind, Kind::Deduct))?
        + case;
    let Kind::Num { value, .. } = toks.get(ded + 1)?.kind else {
        return None;
    };
    if listed > case {
        return None;
    }
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

// ---------------------------------------------------------------------
// proportional and targets

/// `该项得分=（绩效办对应部分考核得分/200）*8`: points × value ÷ maximum.
fn scored_by_formula(
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

fn proportion(row: &Row<'_>, clauses: &[Clause], measure: &Option<Measure>) -> Option<Found> {
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
            Part::CondAward(cond, Award::Full, span) if target.is_none() => {
                let higher = cond.op.map_or(cond.bare, |op| {
                    op.is_higher() || op == crate::target_value::Comparison::Equal
                });
                if let (Some(v), true) = (single_value(cond), higher) {
                    target = Some((v, cond.percent, cond.low_span.unwrap_or(*span)));
                    found.spans.push(row.span(*span, "points"));
                    used[i] = true;
                }
            }
            Part::CondAward(cond, Award::Points(p), span)
                if target.is_none() && row.points == Some(*p) =>
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
    found.unplaced = clauses
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(c, _)| (c.start, c.end))
        .collect();
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
fn against_targets(row: &Row<'_>, clauses: &[Clause], measure: &Option<Measure>) -> Option<Found> {
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
fn targets_met(row: &Row<'_>, toks: &[Tok], clauses: &[Clause]) -> Option<Found> {
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
fn target(row: &Row<'_>, toks: &[Tok], text: &str) -> Option<Found> {
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

// ---------------------------------------------------------------------
// levels and judgement

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

fn levels(row: &Row<'_>, clauses: &[Clause]) -> Option<Found> {
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

fn judgement(row: &Row<'_>, toks: &[Tok], text: &str) -> Option<Found> {
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
