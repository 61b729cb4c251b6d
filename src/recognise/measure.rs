//! The measured value: a formula from the 指标说明 or the text, or the
//! measure the text or the row names.

use std::sync::Arc;

use super::build::Row;
use super::clause::Clause;
use super::{Source, Span};

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
pub(super) struct ParsedFormula {
    pub(super) label: Option<String>,
    pub(super) percent: bool,
    /// Input names in order of first use.
    pub(super) names: Vec<String>,
    /// Top-level shape for score formulas: the tokens.
    pub(super) tokens: Vec<crate::formula::TokenKind>,
}

pub(super) fn parse_formula(text: &str) -> Option<ParsedFormula> {
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
    let parsed = crate::formula::Formula::parse(text, &resolve, &|| Arc::from(""), &arcs).ok()?;
    Some(ParsedFormula {
        label,
        percent: parsed.percent,
        names,
        tokens: tokens.into_iter().map(|t| t.kind).collect(),
    })
}

/// The measured value: its formula and where it came from.
#[derive(Debug, Clone)]
pub(super) struct Measure {
    pub(super) formula: String,
    /// Whether the formula ends in ×100%.
    pub(super) percent: bool,
    pub(super) span: Option<Span>,
    pub(super) note: Option<String>,
}

impl Measure {
    pub(super) fn find(
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
