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
    // The common case in a name: a CJK ideograph, neither a space nor a
    // symbol.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return false;
    }
    c.is_whitespace() || symbol(c).is_some()
}

/// Tokenises a formula. Names are maximal runs of characters that are not
/// operators, brackets or spaces; a run of ASCII digits with at most one
/// decimal point is a number.
pub(crate) fn tokenize(text: &str) -> Result<Vec<Token>, FormulaError> {
    let mut tokens = Vec::new();
    // Byte positions for slicing, character offsets for messages.
    let mut chars = text.char_indices().enumerate().peekable();
    while let Some((offset, (at, c))) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if let Some(kind) = symbol(c) {
            tokens.push(Token { kind, offset });
            continue;
        }
        let mut end = at + c.len_utf8();
        while let Some(&(_, (next_at, next))) = chars.peek() {
            if separates(next) {
                break;
            }
            end = next_at + next.len_utf8();
            chars.next();
        }
        let run = &text[at..end];
        let numeric = run.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        let kind = if numeric {
            let value = number::parse_exact(run).map_err(|_| FormulaError {
                offset,
                kind: FormulaErrorKind::BadNumber {
                    text: run.to_owned(),
                },
            })?;
            TokenKind::Number(value)
        } else {
            TokenKind::Name(run.to_owned())
        };
        tokens.push(Token { kind, offset });
    }
    Ok(tokens)
}
