//! Formulas (计算公式) as the documents write them, parsed once and evaluated
//! with exact, checked decimal arithmetic.
//!
//! A formula is an arithmetic expression over the rubric's declared inputs:
//! `（在职人员数/编制数）×100%`. It may start with the measure's name and an
//! equals sign, as the documents write it (`在职人员控制率=（在职人员数/编制数）×100%`);
//! the name is then used in the working. `×100%` at the very end means "as a
//! percentage": the value is carried in percentage points.

mod lexer;
mod span;

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::exact::{self, Fraction};
use crate::limits;
use lexer::Token;
pub(crate) use lexer::{separates, tokenize, TokenKind};
pub(crate) use span::Span;

/// Why a formula could not be read; the offset says where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at character {}: {kind}", offset + 1)]
pub struct FormulaError {
    offset: usize,
    kind: FormulaErrorKind,
}

impl FormulaError {
    /// The offset, in characters from 0, where the problem was found.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// What went wrong.
    pub fn kind(&self) -> &FormulaErrorKind {
        &self.kind
    }

    /// The message in `lang`: where, then what.
    pub fn message(&self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::En => self.to_string(),
            crate::Lang::Zh => {
                format!("第{}个字符处：{}", self.offset + 1, self.kind.message(lang))
            }
        }
    }
}

impl FormulaErrorKind {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: crate::Lang) -> String {
        if lang == crate::Lang::En {
            return self.to_string();
        }
        match self {
            FormulaErrorKind::Empty => "公式为空，应为如`a/b×100%`的算式".to_owned(),
            FormulaErrorKind::BadNumber { text } => format!("应为小数，实际为“{text}”"),
            FormulaErrorKind::Unexpected { expected, found } => format!(
                "应为{}，实际为{}",
                match *expected {
                    "an operator or the end of the formula" => "运算符或公式结尾",
                    "a number, an input name or a bracket" => "数字、基础数据名称或括号",
                    "an operator or a closing bracket" => "运算符或右括号",
                    other => other,
                },
                token_zh(found)
            ),
            FormulaErrorKind::UnbalancedBracket { open, found } => {
                format!("括号不配对：“{open}”被{}闭合", token_zh(found))
            }
            FormulaErrorKind::StrayPercent => {
                "“%”只能用在公式末尾的“×100%”中；百分数请写成百分点数".to_owned()
            }
            FormulaErrorKind::AmbiguousPercent => {
                "“×100%”前是加减运算；请把加减部分放进括号，如`(a-b)/c×100%`".to_owned()
            }
            FormulaErrorKind::BadLabel => "“=”前应为指标名称".to_owned(),
            FormulaErrorKind::UnknownInput { name, known } => format!(
                "未声明的基础数据“{}”；指标表声明的有{known}",
                crate::names::visible(name)
            ),
            FormulaErrorKind::MoreUnknownInputs { count } => {
                format!("另有{count}个未声明的基础数据名称")
            }
            FormulaErrorKind::TooLarge { what, limit } => format!(
                "公式超过上限：{}",
                match *what {
                    "characters" => format!("{limit}个字符"),
                    "nested brackets or signs" => format!("{limit}层嵌套的括号或正负号"),
                    other => format!("{limit} {other}"),
                }
            ),
        }
    }
}

/// A token as [`describe`] names it, in Chinese.
fn token_zh(found: &str) -> String {
    if found == "the end of the formula" {
        return "公式结尾".to_owned();
    }
    if let Some(n) = found.strip_prefix("the number ") {
        return format!("数字{n}");
    }
    if let Some(name) = found.strip_prefix("the name ") {
        return format!("名称“{}”", name.replace('`', ""));
    }
    if let Some((close, open)) = found.split_once(" with no matching ") {
        return format!("没有对应{open}的{close}");
    }
    found.to_owned()
}

/// What is wrong with a formula's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormulaErrorKind {
    /// The formula holds nothing to compute.
    #[error("the formula is empty, expected an expression such as `a/b×100%`")]
    Empty,
    /// A run of digits is not a decimal number.
    #[error("expected a decimal number, found `{text}`")]
    BadNumber {
        /// The text found.
        text: String,
    },
    /// A token appears where it cannot.
    #[error("expected {expected}, found {found}")]
    Unexpected {
        /// What the grammar allows here.
        expected: &'static str,
        /// What was found.
        found: String,
    },
    /// A bracket is closed by the other kind, or never closed.
    #[error("unbalanced brackets: `{open}` is closed by {found}")]
    UnbalancedBracket {
        /// The opening bracket.
        open: char,
        /// What closes it (or "the end of the formula").
        found: String,
    },
    /// A `%` sign anywhere but a final `×100%`.
    #[error("a `%` sign is only understood in a final `×100%`; write the percentage as a number of percentage points")]
    StrayPercent,
    /// `a + b × 100%` would scale only `b`; the author must say which.
    #[error("`×100%` follows a sum or difference; put the sum in brackets, e.g. `(a-b)/c×100%`")]
    AmbiguousPercent,
    /// The name before `=` is not a single name.
    #[error("the part before `=` must be the measure's name")]
    BadLabel,
    /// A name that is not a declared input (reported once per formula,
    /// however often it is written).
    #[error(
        "unknown input `{}`; the rubric declares {known}",
        crate::names::visible(name)
    )]
    UnknownInput {
        /// The name written in the formula.
        name: String,
        /// The declared inputs, listed for the reader (one text shared by
        /// every such error of a rubric).
        known: Arc<str>,
    },
    /// More unknown names than are listed one by one.
    #[error("and {count} more unknown input names")]
    MoreUnknownInputs {
        /// How many more distinct unknown names the formula holds.
        count: usize,
    },
    /// Too long or too deeply nested.
    #[error("the formula exceeds the limit of {limit} {what}")]
    TooLarge {
        /// What is counted.
        what: &'static str,
        /// The limit.
        limit: usize,
    },
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

impl Op {
    fn precedence(self) -> u8 {
        match self {
            Op::Add | Op::Sub => 1,
            Op::Mul | Op::Div => 2,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Op::Add => " + ",
            Op::Sub => " - ",
            Op::Mul => " × ",
            Op::Div => " ÷ ",
        }
    }
}

/// An expression tree with inputs resolved to the rubric's input slots.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    Number(Decimal),
    Input(usize),
    Neg(Box<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>),
}

/// A parsed formula.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Formula {
    /// The measure's name written before `=`, if any.
    pub(crate) label: Option<Arc<str>>,
    pub(crate) expr: Expr,
    /// Whether the formula ends in `×100%`.
    pub(crate) percent: bool,
    /// The input slots the formula reads, ascending and distinct.
    pub(crate) inputs: Vec<usize>,
    /// The formula in canonical form (`在职人员数 ÷ 编制数 × 100%`), for the working.
    pub(crate) display: Arc<str>,
}

/// Why a formula could not be computed for given inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ComputeError {
    DivisionByZero,
    /// A figure on the way is too large for a `Decimal`, or needs more
    /// digits than it holds: refused, never rounded.
    Overflow,
}

impl Formula {
    /// Parses `text`, resolving names with `resolve` (a declared input's
    /// slot) and listing the declared names in errors with `known`.
    pub(crate) fn parse(
        text: &str,
        resolve: &dyn Fn(&str) -> Option<usize>,
        known: &dyn Fn() -> Arc<str>,
        names: &[Arc<str>],
    ) -> Result<Formula, Vec<FormulaError>> {
        if text.chars().count() > limits::MAX_FORMULA_CHARS {
            return Err(vec![FormulaError {
                offset: 0,
                kind: FormulaErrorKind::TooLarge {
                    what: "characters",
                    limit: limits::MAX_FORMULA_CHARS,
                },
            }]);
        }
        let mut tokens = tokenize(text).map_err(|e| vec![e])?;
        let end = text.chars().count();
        let mut label = None;
        if let Some(eq) = tokens.iter().position(|t| t.kind == TokenKind::Equals) {
            match (&tokens[..eq], tokens.get(eq + 1..)) {
                (
                    [Token {
                        kind: TokenKind::Name(name),
                        ..
                    }],
                    Some(_),
                ) => {
                    label = Some(Arc::from(name.as_str()));
                    tokens.drain(..=eq);
                }
                _ => {
                    return Err(vec![FormulaError {
                        offset: tokens[eq].offset,
                        kind: FormulaErrorKind::BadLabel,
                    }])
                }
            }
        }
        let percent = matches!(
            tokens.as_slice(),
            [.., Token { kind: TokenKind::Times, .. }, Token { kind: TokenKind::Number(n), .. }, Token { kind: TokenKind::Percent, .. }]
                if *n == Decimal::ONE_HUNDRED
        );
        let percent_offset = if percent {
            let at = tokens.len() - 3;
            let offset = tokens[at].offset;
            tokens.truncate(at);
            Some(offset)
        } else {
            None
        };
        let mut parser = Parser {
            tokens: &tokens,
            pos: 0,
            end,
            resolve,
            known,
            unknown: Vec::new(),
            unknown_names: std::collections::HashSet::new(),
            more_unknown: None,
            depth: 0,
        };
        let parsed = parser.parse_all();
        let mut unknown = std::mem::take(&mut parser.unknown);
        if let Some((offset, count)) = parser.more_unknown {
            unknown.push(FormulaError {
                offset,
                kind: FormulaErrorKind::MoreUnknownInputs { count },
            });
        }
        let (expr, top_is_sum) = match parsed {
            Ok(v) => v,
            Err(e) => {
                let mut errors = unknown;
                errors.push(e);
                errors.sort_by_key(|e| e.offset);
                return Err(errors);
            }
        };
        if !unknown.is_empty() {
            return Err(unknown);
        }
        if let Some(offset) = percent_offset {
            if top_is_sum {
                return Err(vec![FormulaError {
                    offset,
                    kind: FormulaErrorKind::AmbiguousPercent,
                }]);
            }
        }
        let mut inputs = Vec::new();
        collect_inputs(&expr, &mut inputs);
        inputs.sort_unstable();
        inputs.dedup();
        let mut display = String::new();
        write_expr(&expr, &mut display, 0, &|slot| {
            names
                .get(slot)
                .map_or_else(|| "?".to_owned(), |n| n.to_string())
        });
        if percent {
            display.push_str(" × 100%");
        }
        Ok(Formula {
            label,
            expr,
            percent,
            inputs,
            display: Arc::from(display),
        })
    }

    /// Computes the formula for the given input values, as an exact
    /// fraction. Every slot in [`Formula::inputs`] must hold a value.
    ///
    /// The expression is carried as an exact fraction and divided once, by
    /// whoever reads it, so `a/b×100` is `(a×100)/b` without an
    /// intermediate rounding. A figure that a `Decimal` cannot hold exactly
    /// on the way is [`ComputeError::Overflow`], never a rounding.
    pub(crate) fn compute(&self, values: &[Decimal]) -> Result<Fraction, ComputeError> {
        let f = fraction(&self.expr, values)?;
        if self.percent {
            f.hundredfold().ok_or(ComputeError::Overflow)
        } else {
            Ok(f)
        }
    }

    /// The formula's value: exact, or rounded to odd past every place a
    /// rubric rounds to (see [`crate::exact`]).
    #[cfg(test)]
    pub(crate) fn value(&self, values: &[Decimal]) -> Result<exact::Quotient, ComputeError> {
        self.compute(values)?
            .quotient()
            .ok_or(ComputeError::Overflow)
    }
}

impl Formula {
    /// The formula with a top-level division turned over (`b/a` for `a/b`),
    /// to recognise a ratio reported upside down.
    pub(crate) fn inverse(&self) -> Option<Formula> {
        let Expr::Binary(Op::Div, a, b) = &self.expr else {
            return None;
        };
        Some(Formula {
            label: None,
            expr: Expr::Binary(Op::Div, b.clone(), a.clone()),
            percent: self.percent,
            inputs: self.inputs.clone(),
            display: Arc::clone(&self.display),
        })
    }

    /// For a rate of change `(a - b) / b`, the plain ratio `a / b` — the
    /// figure reported when a ratio is given for a change.
    pub(crate) fn ratio_for_change(&self) -> Option<Formula> {
        let Expr::Binary(Op::Div, top, bottom) = &self.expr else {
            return None;
        };
        let Expr::Binary(Op::Sub, a, b) = &**top else {
            return None;
        };
        (b == bottom).then(|| Formula {
            label: None,
            expr: Expr::Binary(Op::Div, a.clone(), bottom.clone()),
            percent: self.percent,
            inputs: self.inputs.clone(),
            display: Arc::clone(&self.display),
        })
    }

    /// Writes the formula with each input replaced by `value(slot)`.
    pub(crate) fn written(&self, value: &dyn Fn(usize) -> String) -> String {
        let mut out = String::new();
        write_expr(&self.expr, &mut out, 0, value);
        if self.percent {
            out.push_str(" × 100%");
        }
        out
    }

    /// How the formula depends on one input with the others fixed, if it
    /// is a ratio of two expressions linear in it: `(n0 + n1·x) / (d0 + d1·x)`
    /// (the numerator scaled for a percentage).
    pub(crate) fn linear_in(&self, slot: usize, values: &[Decimal]) -> Option<[Decimal; 4]> {
        let mut at = values.to_vec();
        let mut point = |x: Decimal| -> Option<(Decimal, Decimal)> {
            *at.get_mut(slot)? = x;
            let f = self.compute(&at).ok()?;
            Some((f.num(), f.den()))
        };
        // Sample away from 0, where a denominator often is.
        let three = Decimal::from(3);
        let (na, da) = point(Decimal::ONE)?;
        let (nb, db) = point(Decimal::TWO)?;
        let (nc, dc) = point(three)?;
        let (n1, d1) = (exact::sub(nb, na)?, exact::sub(db, da)?);
        let (n0, d0) = (exact::sub(na, n1)?, exact::sub(da, d1)?);
        // Linear only if the third point lies on the line.
        let linear = nc == exact::add(n0, exact::mul(n1, three)?)?
            && dc == exact::add(d0, exact::mul(d1, three)?)?;
        linear.then_some([n0, n1, d0, d1])
    }
}

/// Inputs written more than once in a formula whose linear form is found
/// by sampling (three evaluations each); the others cost one pass in all.
const MAX_SAMPLED_INPUTS: usize = 8;

impl Formula {
    /// For each input, how the formula depends on it with the others fixed,
    /// where it is a ratio of two expressions linear in it (as
    /// [`Formula::linear_in`]), in work linear in the formula: an input
    /// written once gets its form from one pass down the tree (the
    /// composition of the operations above it, a Möbius map), an input
    /// written more than once by sampling, for the first
    /// [`MAX_SAMPLED_INPUTS`] of them.
    pub(crate) fn linear_forms(&self, values: &[Decimal]) -> Vec<(usize, [Decimal; 4])> {
        let mut subtree = Vec::new();
        evaluate_all(&self.expr, values, &mut subtree);
        let mut found: Vec<(usize, Option<Mobius>)> = Vec::new();
        let scale = if self.percent {
            Mobius([
                Decimal::ONE_HUNDRED,
                Decimal::ZERO,
                Decimal::ZERO,
                Decimal::ONE,
            ])
        } else {
            Mobius::IDENTITY
        };
        contexts(&self.expr, Some(scale), &subtree, &mut 0, &mut found);
        // Group the occurrences by input: one sort, no map.
        found.sort_by_key(|(slot, _)| *slot);
        let mut sampled = 0;
        let mut out = Vec::with_capacity(found.len());
        for group in found.chunk_by(|a, b| a.0 == b.0) {
            let (slot, m) = group[0];
            let form = if group.len() == 1 {
                m.map(|Mobius([a, b, c, d])| [b, a, d, c])
            } else if sampled < MAX_SAMPLED_INPUTS {
                sampled += 1;
                self.linear_in(slot, values)
            } else {
                None
            };
            out.extend(form.map(|f| (slot, f)));
        }
        out
    }
}

/// `t ↦ (a·t + b) ÷ (c·t + d)` as `[a, b, c, d]`: how the formula's value
/// depends on one node's value with everything else fixed.
#[derive(Debug, Clone, Copy)]
struct Mobius([Decimal; 4]);

impl Mobius {
    const IDENTITY: Mobius = Mobius([Decimal::ONE, Decimal::ZERO, Decimal::ZERO, Decimal::ONE]);

    /// `self ∘ inner`: the matrix product, exactly (`None` if it does not fit).
    fn then(self, inner: [Decimal; 4]) -> Option<Mobius> {
        let [a, b, c, d] = self.0;
        let [e, f, g, h] = inner;
        let dot = |x: Decimal, y: Decimal, z: Decimal, w: Decimal| {
            exact::add(exact::mul(x, y)?, exact::mul(z, w)?)
        };
        Some(Mobius([
            dot(a, e, b, g)?,
            dot(a, f, b, h)?,
            dot(c, e, d, g)?,
            dot(c, f, d, h)?,
        ]))
    }
}

/// Every node's exact value, in pre-order, with the size of its subtree
/// (`None` where it cannot be computed).
fn evaluate_all(
    expr: &Expr,
    values: &[Decimal],
    out: &mut Vec<(Option<Fraction>, usize)>,
) -> Option<Fraction> {
    let at = out.len();
    out.push((None, 1));
    let value = match expr {
        Expr::Number(n) => Some(Fraction::whole(*n)),
        Expr::Input(slot) => values.get(*slot).copied().map(Fraction::whole),
        Expr::Neg(inner) => evaluate_all(inner, values, out).map(Fraction::neg),
        Expr::Binary(op, a, b) => {
            let a = evaluate_all(a, values, out);
            let b = evaluate_all(b, values, out);
            match (a, b) {
                (Some(a), Some(b)) => match op {
                    Op::Add => a.add(b),
                    Op::Sub => a.sub(b),
                    Op::Mul => a.mul(b),
                    Op::Div => a.div(b),
                },
                _ => None,
            }
        }
    };
    out[at] = (value, out.len() - at);
    value
}

/// Walks the tree in pre-order (as [`evaluate_all`] numbered it), carrying
/// how the formula depends on the current node; records it at each input.
fn contexts(
    expr: &Expr,
    outer: Option<Mobius>,
    subtree: &[(Option<Fraction>, usize)],
    next: &mut usize,
    found: &mut Vec<(usize, Option<Mobius>)>,
) {
    let at = *next;
    *next += 1;
    let value = |i: usize| subtree.get(i).and_then(|(v, _)| *v);
    match expr {
        Expr::Number(_) => {}
        Expr::Input(slot) => found.push((*slot, outer)),
        Expr::Neg(inner) => {
            let m = outer
                .and_then(|m| m.then([-Decimal::ONE, Decimal::ZERO, Decimal::ZERO, Decimal::ONE]));
            contexts(inner, m, subtree, next, found);
        }
        Expr::Binary(op, a, b) => {
            let a_at = at + 1;
            let b_at = a_at + subtree.get(a_at).map_or(1, |(_, size)| *size);
            let zero = Decimal::ZERO;
            // t in place of the left operand, the right one fixed.
            let left = value(b_at).and_then(|v| {
                let (n, d) = (v.num(), v.den());
                let inner = match op {
                    Op::Add => [d, n, zero, d],
                    Op::Sub => [d, -n, zero, d],
                    Op::Mul => [n, zero, zero, d],
                    Op::Div => [d, zero, zero, n],
                };
                outer?.then(inner)
            });
            contexts(a, left, subtree, next, found);
            // t in place of the right operand, the left one fixed.
            let right = value(a_at).and_then(|v| {
                let (n, d) = (v.num(), v.den());
                let inner = match op {
                    Op::Add => [d, n, zero, d],
                    Op::Sub => [-d, n, zero, d],
                    Op::Mul => [n, zero, zero, d],
                    Op::Div => [zero, n, d, zero],
                };
                outer?.then(inner)
            });
            contexts(b, right, subtree, next, found);
        }
    }
}

fn collect_inputs(expr: &Expr, out: &mut Vec<usize>) {
    match expr {
        Expr::Number(_) => {}
        Expr::Input(slot) => out.push(*slot),
        Expr::Neg(inner) => collect_inputs(inner, out),
        Expr::Binary(_, a, b) => {
            collect_inputs(a, out);
            collect_inputs(b, out);
        }
    }
}

/// Writes an expression with the fewest brackets that keep its meaning.
fn write_expr(expr: &Expr, out: &mut String, parent: u8, name: &dyn Fn(usize) -> String) {
    match expr {
        Expr::Number(n) => out.push_str(&crate::number::plain(*n)),
        Expr::Input(slot) => out.push_str(&name(*slot)),
        Expr::Neg(inner) => {
            out.push('-');
            write_expr(inner, out, 3, name);
        }
        Expr::Binary(op, a, b) => {
            let p = op.precedence();
            let bracket = p < parent;
            if bracket {
                out.push('(');
            }
            write_expr(a, out, p, name);
            out.push_str(op.symbol());
            // The right operand of `-` and `÷` binds tighter: a - (b + c).
            let right = if matches!(op, Op::Sub | Op::Div) {
                p + 1
            } else {
                p
            };
            write_expr(b, out, right, name);
            if bracket {
                out.push(')');
            }
        }
    }
}

fn fraction(expr: &Expr, values: &[Decimal]) -> Result<Fraction, ComputeError> {
    use ComputeError::{DivisionByZero, Overflow};
    Ok(match expr {
        Expr::Number(n) => Fraction::whole(*n),
        Expr::Input(slot) => Fraction::whole(values.get(*slot).copied().ok_or(Overflow)?),
        Expr::Neg(inner) => fraction(inner, values)?.neg(),
        Expr::Binary(op, a, b) => {
            let a = fraction(a, values)?;
            let b = fraction(b, values)?;
            match op {
                Op::Add => a.add(b),
                Op::Sub => a.sub(b),
                Op::Mul => a.mul(b),
                Op::Div => {
                    if b.is_zero() {
                        return Err(DivisionByZero);
                    }
                    a.div(b)
                }
            }
            .ok_or(Overflow)?
        }
    })
}

struct Parser<'a> {
    tokens: &'a [Token],
    pos: usize,
    end: usize,
    resolve: &'a dyn Fn(&str) -> Option<usize>,
    known: &'a dyn Fn() -> Arc<str>,
    /// The first unknown names, each once.
    unknown: Vec<FormulaError>,
    unknown_names: std::collections::HashSet<String>,
    /// Where the first unlisted unknown name is, and how many there are.
    more_unknown: Option<(usize, usize)>,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn offset(&self) -> usize {
        self.peek().map_or(self.end, |t| t.offset)
    }

    fn found(&self) -> String {
        match self.peek() {
            None => "the end of the formula".to_owned(),
            Some(t) => describe(&t.kind),
        }
    }

    fn unexpected(&self, expected: &'static str) -> FormulaError {
        FormulaError {
            offset: self.offset(),
            kind: FormulaErrorKind::Unexpected {
                expected,
                found: self.found(),
            },
        }
    }

    /// Parses the whole token list; says whether the top node is a sum or
    /// difference written without brackets.
    fn parse_all(&mut self) -> Result<(Expr, bool), FormulaError> {
        if self.tokens.is_empty() {
            return Err(FormulaError {
                offset: 0,
                kind: FormulaErrorKind::Empty,
            });
        }
        let (expr, top_is_sum) = self.sum()?;
        match self.peek() {
            None => Ok((expr, top_is_sum)),
            Some(Token {
                kind: TokenKind::Percent,
                offset,
            }) => Err(FormulaError {
                offset: *offset,
                kind: FormulaErrorKind::StrayPercent,
            }),
            Some(Token {
                kind: TokenKind::Close(b),
                offset,
            }) => Err(FormulaError {
                offset: *offset,
                kind: FormulaErrorKind::Unexpected {
                    expected: "an operator or the end of the formula",
                    found: format!("`{}` with no matching `{}`", b.close(), b.open()),
                },
            }),
            Some(_) => Err(self.unexpected("an operator or the end of the formula")),
        }
    }

    fn sum(&mut self) -> Result<(Expr, bool), FormulaError> {
        let mut left = self.product()?;
        let mut is_sum = false;
        while let Some(op) = self.peek().and_then(|t| match t.kind {
            TokenKind::Plus => Some(Op::Add),
            TokenKind::Minus => Some(Op::Sub),
            _ => None,
        }) {
            self.pos += 1;
            let right = self.product()?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
            is_sum = true;
        }
        Ok((left, is_sum))
    }

    fn product(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.unary()?;
        while let Some(op) = self.peek().and_then(|t| match t.kind {
            TokenKind::Times => Some(Op::Mul),
            TokenKind::Divide => Some(Op::Div),
            _ => None,
        }) {
            self.pos += 1;
            let right = self.unary()?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn enter(&mut self) -> Result<(), FormulaError> {
        self.depth += 1;
        if self.depth > limits::MAX_FORMULA_NESTING {
            return Err(FormulaError {
                offset: self.offset(),
                kind: FormulaErrorKind::TooLarge {
                    what: "nested brackets or signs",
                    limit: limits::MAX_FORMULA_NESTING,
                },
            });
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<Expr, FormulaError> {
        if matches!(
            self.peek(),
            Some(Token {
                kind: TokenKind::Minus,
                ..
            })
        ) {
            self.pos += 1;
            self.enter()?;
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Neg(Box::new(inner)));
        }
        if matches!(
            self.peek(),
            Some(Token {
                kind: TokenKind::Plus,
                ..
            })
        ) {
            self.pos += 1;
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, FormulaError> {
        let Some(token) = self.peek().cloned() else {
            return Err(self.unexpected("a number, an input name or a bracket"));
        };
        match token.kind {
            TokenKind::Number(n) => {
                self.pos += 1;
                Ok(Expr::Number(n))
            }
            TokenKind::Name(name) => {
                self.pos += 1;
                match (self.resolve)(&name) {
                    Some(slot) => Ok(Expr::Input(slot)),
                    None => {
                        // Each name once, the first few listed.
                        if !self.unknown_names.contains(&name) {
                            if self.unknown.len() < limits::MAX_LISTED_PATHS {
                                self.unknown.push(FormulaError {
                                    offset: token.offset,
                                    kind: FormulaErrorKind::UnknownInput {
                                        name: name.clone(),
                                        known: (self.known)(),
                                    },
                                });
                            } else {
                                let more = self.more_unknown.get_or_insert((token.offset, 0));
                                more.1 += 1;
                            }
                            self.unknown_names.insert(name);
                        }
                        Ok(Expr::Number(Decimal::ZERO))
                    }
                }
            }
            TokenKind::Open(bracket) => {
                self.pos += 1;
                self.enter()?;
                let (inner, _) = self.sum()?;
                self.depth -= 1;
                match self.peek() {
                    Some(Token {
                        kind: TokenKind::Close(b),
                        ..
                    }) if *b == bracket => {
                        self.pos += 1;
                        Ok(inner)
                    }
                    Some(Token {
                        kind: TokenKind::Close(b),
                        offset,
                    }) => Err(FormulaError {
                        offset: *offset,
                        kind: FormulaErrorKind::UnbalancedBracket {
                            open: bracket.open(),
                            found: format!("`{}`", b.close()),
                        },
                    }),
                    None => Err(FormulaError {
                        offset: token.offset,
                        kind: FormulaErrorKind::UnbalancedBracket {
                            open: bracket.open(),
                            found: "the end of the formula".to_owned(),
                        },
                    }),
                    Some(Token {
                        kind: TokenKind::Percent,
                        offset,
                    }) => Err(FormulaError {
                        offset: *offset,
                        kind: FormulaErrorKind::StrayPercent,
                    }),
                    Some(_) => Err(self.unexpected("an operator or a closing bracket")),
                }
            }
            TokenKind::Percent => Err(FormulaError {
                offset: token.offset,
                kind: FormulaErrorKind::StrayPercent,
            }),
            _ => Err(self.unexpected("a number, an input name or a bracket")),
        }
    }
}

fn describe(kind: &TokenKind) -> String {
    match kind {
        TokenKind::Number(n) => format!("the number {}", crate::number::plain(*n)),
        TokenKind::Name(name) => format!("the name `{name}`"),
        TokenKind::Plus => "`+`".to_owned(),
        TokenKind::Minus => "`-`".to_owned(),
        TokenKind::Times => "`×`".to_owned(),
        TokenKind::Divide => "`÷`".to_owned(),
        TokenKind::Percent => "`%`".to_owned(),
        TokenKind::Equals => "`=`".to_owned(),
        TokenKind::Open(b) => format!("`{}`", b.open()),
        TokenKind::Close(b) => format!("`{}`", b.close()),
    }
}

/// Writes a canonical formula with each input name replaced by its value,
/// for the working: `39 ÷ 34 × 100%`.
pub(crate) fn substitute(
    out: &mut String,
    display: &str,
    value: &dyn Fn(&str, &mut String) -> bool,
) {
    // One pass over the text, as the lexer splits it, writing as it goes
    // at the end of `out`: the working substitutes every formula of every
    // evaluation.
    let start = out.len();
    let mut previous_operand = false;
    let mut rest = display;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if let Some(kind) = lexer::symbol(c) {
            match kind {
                TokenKind::Plus => out.push_str(" + "),
                TokenKind::Minus if previous_operand => out.push_str(" - "),
                TokenKind::Minus => out.push('-'),
                TokenKind::Times => out.push_str(" × "),
                TokenKind::Divide => out.push_str(" ÷ "),
                TokenKind::Percent => out.push('%'),
                TokenKind::Equals => out.push_str(" = "),
                TokenKind::Open(b) => out.push(b.open()),
                TokenKind::Close(b) => out.push(b.close()),
                TokenKind::Name(_) | TokenKind::Number(_) => {}
            }
            previous_operand = matches!(kind, TokenKind::Close(_) | TokenKind::Percent);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let end = rest.find(lexer::separates).unwrap_or(rest.len());
        let run = &rest[..end];
        if run.chars().all(|c| c.is_ascii_digit() || c == '.') {
            match crate::number::parse_exact(run) {
                Ok(n) => crate::number::write_plain(out, n),
                // Text the lexer would refuse is shown as written.
                Err(_) => {
                    out.truncate(start);
                    out.push_str(display);
                    return;
                }
            }
        } else if !value(run, out) {
            out.push_str(run);
        }
        previous_operand = true;
        rest = &rest[end..];
    }
}

impl fmt::Display for Formula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// The substituted text of a formula, after some text already written
    /// (which it must leave as it is).
    fn substitute(display: &str, value: &dyn Fn(&str, &mut String) -> bool) -> String {
        let mut out = String::from("前文");
        super::substitute(&mut out, display, value);
        out.strip_prefix("前文")
            .expect("the text before is kept")
            .to_owned()
    }

    const NAMES: [&str; 6] = [
        "在职人员数",
        "编制数",
        "本年度“三公经费”预算数",
        "上年度“三公经费”预算数",
        "a",
        "b",
    ];

    fn parse(text: &str) -> Result<Formula, Vec<FormulaError>> {
        let names: Vec<Arc<str>> = NAMES.iter().map(|n| Arc::from(*n)).collect();
        Formula::parse(
            text,
            &|n| NAMES.iter().position(|k| *k == n),
            &|| Arc::from(NAMES.join("、")),
            &names,
        )
    }

    fn first_error(text: &str) -> String {
        parse(text).unwrap_err()[0].to_string()
    }

    #[test]
    fn the_seed_formulas_parse() {
        let f = parse("（在职人员数/编制数）×100%").unwrap();
        assert!(f.percent);
        assert_eq!(&*f.display, "在职人员数 ÷ 编制数 × 100%");
        assert_eq!(
            f.value(&[dec!(39), dec!(34)]).unwrap().value.round_dp(4),
            dec!(114.7059)
        );

        let f = parse(
            "[（本年度“三公经费”预算数-上年度“三公经费”预算数）/上年度“三公经费”预算数]×100%",
        )
        .unwrap();
        assert_eq!(f.inputs, vec![2, 3]);
        assert_eq!(
            &*f.display,
            "(本年度“三公经费”预算数 - 上年度“三公经费”预算数) ÷ 上年度“三公经费”预算数 × 100%"
        );
        let v = f
            .value(&[dec!(0), dec!(0), dec!(6.28), dec!(9.88)])
            .unwrap()
            .value;
        assert_eq!(v.round_dp(2), dec!(-36.44));
    }

    #[test]
    fn a_leading_name_becomes_the_label() {
        let f = parse("在职人员控制率=（在职人员数/编制数）×100%").unwrap();
        assert_eq!(f.label.as_deref(), Some("在职人员控制率"));
        assert!(first_error("a+b=a").contains("the part before `=` must be the measure's name"));
    }

    #[test]
    fn percent_is_computed_without_intermediate_rounding() {
        let f = parse("a/b×100%").unwrap();
        // 1/3 rounded first and then multiplied would not give exactly 100.
        let v = f
            .value(&[dec!(0), dec!(0), dec!(0), dec!(0), dec!(3), dec!(3)])
            .unwrap()
            .value;
        assert_eq!(v, dec!(100));
        let f = parse("a/b*b").unwrap();
        let v = f
            .value(&[dec!(0), dec!(0), dec!(0), dec!(0), dec!(1), dec!(3)])
            .unwrap()
            .value;
        assert_eq!(v, dec!(1));
    }

    #[test]
    fn division_by_zero_and_overflow_are_errors() {
        let f = parse("a/b").unwrap();
        let zero = [dec!(0), dec!(0), dec!(0), dec!(0), dec!(1), dec!(0)];
        assert_eq!(f.value(&zero), Err(ComputeError::DivisionByZero));
        let f = parse("a*b").unwrap();
        let huge = [dec!(0), dec!(0), dec!(0), dec!(0), Decimal::MAX, dec!(2)];
        assert_eq!(f.value(&huge), Err(ComputeError::Overflow));
        // 7e28 ÷ 3 × 3 is 7e28 exactly (factors cancel), not 69999…9.
        let f = parse("a/b*b").unwrap();
        let big = [
            dec!(0),
            dec!(0),
            dec!(0),
            dec!(0),
            dec!(70000000000000000000000000000),
            dec!(3),
        ];
        let q = f.value(&big).unwrap();
        assert_eq!(
            (q.value, q.exact),
            (dec!(70000000000000000000000000000), true)
        );
        // A product with more digits than a decimal holds is refused, not
        // rounded to 0.
        let f = parse("a*b").unwrap();
        let tiny = [
            dec!(0),
            dec!(0),
            dec!(0),
            dec!(0),
            dec!(0.000000000000001),
            dec!(0.000000000000001),
        ];
        assert_eq!(f.value(&tiny), Err(ComputeError::Overflow));
    }

    #[test]
    fn precedence_and_display() {
        let f = parse("a-(b-a)").unwrap();
        assert_eq!(&*f.display, "a - (b - a)");
        let f = parse("a/(b*a)").unwrap();
        assert_eq!(&*f.display, "a ÷ (b × a)");
        let f = parse("-a+b*2.5").unwrap();
        assert_eq!(&*f.display, "-a + b × 2.5");
        let v = f
            .value(&[dec!(0), dec!(0), dec!(0), dec!(0), dec!(1), dec!(2)])
            .unwrap()
            .value;
        assert_eq!(v, dec!(4));
    }

    #[test]
    fn errors_give_the_character_position() {
        assert_eq!(
            first_error("（a/b×100%"),
            "at character 1: unbalanced brackets: `(` is closed by the end of the formula"
        );
        assert_eq!(
            first_error("[（a/b]）×100%"),
            "at character 6: unbalanced brackets: `(` is closed by `]`"
        );
        assert_eq!(
            first_error("a%+b"),
            "at character 2: a `%` sign is only understood in a final `×100%`; write the percentage as a number of percentage points"
        );
        assert_eq!(
            first_error("a+b×100%"),
            "at character 4: `×100%` follows a sum or difference; put the sum in brackets, e.g. `(a-b)/c×100%`"
        );
        assert_eq!(
            first_error("a/在职人数"),
            "at character 3: unknown input `在职人数`; the rubric declares 在职人员数、编制数、本年度“三公经费”预算数、上年度“三公经费”预算数、a、b"
        );
        assert_eq!(
            first_error(""),
            "at character 1: the formula is empty, expected an expression such as `a/b×100%`"
        );
        assert_eq!(
            first_error("a b"),
            "at character 3: expected an operator or the end of the formula, found the name `b`"
        );
        assert_eq!(first_error("a/"), "at character 3: expected a number, an input name or a bracket, found the end of the formula");
        assert_eq!(
            first_error("1.2.3"),
            "at character 1: expected a decimal number, found `1.2.3`"
        );
        assert_eq!(first_error("a)"), "at character 2: expected an operator or the end of the formula, found `)` with no matching `(`");
    }

    #[test]
    fn every_unknown_name_is_reported() {
        let errors = parse("x/y").unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[1].offset(), 2);
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("{}a{}", "(".repeat(100), ")".repeat(100));
        assert!(first_error(&deep).contains("exceeds the limit of"));
        let long = "a+".repeat(2000) + "a";
        assert!(first_error(&long).contains("exceeds the limit of 2000 characters"));
    }

    #[test]
    fn linear_forms_agree_with_sampling() {
        let values = [dec!(39), dec!(34), dec!(6.28), dec!(9.88), dec!(2), dec!(5)];
        for text in [
            "（在职人员数/编制数）×100%",
            "[（本年度“三公经费”预算数-上年度“三公经费”预算数）/上年度“三公经费”预算数]×100%",
            "a-(b-a)",
            "-a/(b*2.5)+a",
            "(a+b)/(a-b)",
            "a*b/编制数",
        ] {
            let f = parse(text).unwrap();
            for (slot, form) in f.linear_forms(&values) {
                let sampled = f.linear_in(slot, &values).unwrap();
                // The same map up to a common factor: cross products agree.
                let [n0, n1, d0, d1] = form;
                let [m0, m1, e0, e1] = sampled;
                let at = |x: Decimal, a: Decimal, b: Decimal, c: Decimal, d: Decimal| {
                    (a + b * x) / (c + d * x)
                };
                for x in [dec!(1), dec!(7), dec!(-3)] {
                    assert_eq!(
                        at(x, n0, n1, d0, d1).round_dp(12),
                        at(x, m0, m1, e0, e1).round_dp(12),
                        "{text}, slot {slot}"
                    );
                }
            }
        }
    }

    #[test]
    fn substitution_for_the_working() {
        let value = |n: &str, out: &mut String| match n {
            "在职人员数" => {
                out.push_str("39");
                true
            }
            "编制数" => {
                out.push_str("34");
                true
            }
            _ => false,
        };
        assert_eq!(
            substitute("在职人员数 ÷ 编制数 × 100%", &value),
            "39 ÷ 34 × 100%"
        );
        assert_eq!(
            substitute("（在职人员数/其他）×100.0%", &value),
            "(39 ÷ 其他) × 100%"
        );
        let one = |_: &str, out: &mut String| {
            out.push('1');
            true
        };
        assert_eq!(substitute("-a - b", &one), "-1 - 1");
        // A run the lexer refuses as a number leaves the text as written.
        assert_eq!(substitute("a + 1.2.3", &one), "a + 1.2.3");
    }
}
