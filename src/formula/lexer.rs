//! Splits a formula into tokens, reading the full-width forms the documents use.

use rust_decimal::Decimal;

use super::{FormulaError, FormulaErrorKind};
use crate::number;

/// A token and the character offset where it starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub(crate) kind: TokenKind,
    /// Offset in characters (not bytes) from the start of the formula.
    pub(crate) offset: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TokenKind {
    Number(Decimal),
    Name(String),
    Plus,
    Minus,
    Times,
    Divide,
    Percent,
    Equals,
    Open(Bracket),
    Close(Bracket),
}

/// Round `()` and square `[]` brackets; full-width forms map to these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bracket {
    Round,
    Square,
}

impl Bracket {
    pub(crate) fn open(self) -> char {
        match self {
            Bracket::Round => '(',
            Bracket::Square => '[',
        }
    }

    pub(crate) fn close(self) -> char {
        match self {
            Bracket::Round => ')',
            Bracket::Square => ']',
        }
    }
}

/// The single-character tokens, in every form the documents use.
pub(crate) fn symbol(c: char) -> Option<TokenKind> {
    Some(match c {
        '+' | '＋' => TokenKind::Plus,
        '-' | '－' | '−' | '–' => TokenKind::Minus,
        '*' | '×' | '＊' | '·' => TokenKind::Times,
        '/' | '÷' | '／' => TokenKind::Divide,
        '%' | '％' => TokenKind::Percent,
        '=' | '＝' => TokenKind::Equals,
        '(' | '（' => TokenKind::Open(Bracket::Round),
        ')' | '）' => TokenKind::Close(Bracket::Round),
        '[' | '［' | '【' => TokenKind::Open(Bracket::Square),
        ']' | '］' | '】' => TokenKind::Close(Bracket::Square),
        _ => return None,
    })
}

/// Whether a character ends a name.
pub(crate) fn separates(c: char) -> bool {
    c.is_whitespace() || symbol(c).is_some()
}

/// Tokenises a formula. Names are maximal runs of characters that are not
/// operators, brackets or spaces; a run of ASCII digits with at most one
/// decimal point is a number.
pub(crate) fn tokenize(text: &str) -> Result<Vec<Token>, FormulaError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if let Some(kind) = symbol(c) {
            tokens.push(Token { kind, offset: i });
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !separates(chars[i]) {
            i += 1;
        }
        let run: String = chars[start..i].iter().collect();
        let numeric = run.chars().all(|c| c.is_ascii_digit() || c == '.');
        let kind = if numeric {
            let value = number::parse_exact(&run).map_err(|_| FormulaError {
                offset: start,
                kind: FormulaErrorKind::BadNumber { text: run.clone() },
            })?;
            TokenKind::Number(value)
        } else {
            TokenKind::Name(run)
        };
        tokens.push(Token {
            kind,
            offset: start,
        });
    }
    Ok(tokens)
}
