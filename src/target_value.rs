//! [`TargetValue`]: a 年度指标值 as the documents write it — `≥50人`,
//! `≤12个月`, `=100%`, `90%（含）以上`, `不低于95%`, `不超过0.5万元/场`,
//! `95%-105%`, `[95%,105%]`, `效果明显` — and [`Amount`], a 实际完成值
//! written as a number with its unit (`5600人次`, `98.5%`).
//!
//! Reading is strict: text that starts like a quantity (a comparison, a
//! number, a bracket) must read whole, or it is refused quoting it; text
//! that does not is a qualitative target. Nothing is guessed, except where
//! the law settles it: `以上`, `以下` and `以内` include the number itself
//! (《中华人民共和国民法典》第一千二百五十九条：“民法所称的‘以上’‘以下’‘以内’
//! ‘届满’，包括本数”), unless the text says `（不含）`.

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Text;
use crate::number::plain;
use crate::unit::Unit;

/// How a target compares the actual value with its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Comparison {
    /// `≥`, `不少于`, `不低于`, `以上`: at least the number.
    AtLeast,
    /// `>`, `大于`, `超过`: more than the number.
    MoreThan,
    /// `≤`, `不超过`, `不高于`, `以下`, `以内`: at most the number.
    AtMost,
    /// `<`, `小于`, `低于`, `少于`: less than the number.
    LessThan,
    /// `=`: the number itself.
    Equal,
}

impl Comparison {
    /// The symbol: `≥`, `>`, `≤`, `<`, `=`.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => "≥",
            Comparison::MoreThan => ">",
            Comparison::AtMost => "≤",
            Comparison::LessThan => "<",
            Comparison::Equal => "=",
        }
    }

    /// Whether more is better (`≥`, `>`).
    pub fn is_higher(self) -> bool {
        matches!(self, Comparison::AtLeast | Comparison::MoreThan)
    }

    /// Whether less is better (`≤`, `<`).
    pub fn is_lower(self) -> bool {
        matches!(self, Comparison::AtMost | Comparison::LessThan)
    }
}

/// How a table reads a target written as a bare number (`100%`, `50人`):
/// the documents use both, so the table's convention decides.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BareReading {
    /// At least the number (the national convention's reading).
    #[default]
    AtLeast,
    /// At most the number.
    AtMost,
    /// The number itself.
    Equal,
}

impl BareReading {
    fn comparison(self) -> Comparison {
        match self {
            BareReading::AtLeast => Comparison::AtLeast,
            BareReading::AtMost => Comparison::AtMost,
            BareReading::Equal => Comparison::Equal,
        }
    }
}

/// A 年度指标值, read.
///
/// ```
/// use jixiao::{BareReading, Comparison, TargetValue};
///
/// let t = TargetValue::parse("不超过0.5万元/场", BareReading::AtLeast)?;
/// assert_eq!(t.to_string(), "≤0.5万元/场");
/// let t = TargetValue::parse("90%（含）以上", BareReading::AtLeast)?;
/// assert!(matches!(t, TargetValue::Compare { op: Comparison::AtLeast, .. }));
/// // A bare number takes the table's reading, and says so.
/// let t = TargetValue::parse("100%", BareReading::AtLeast)?;
/// assert!(matches!(t, TargetValue::Compare { stated: false, .. }));
/// assert!(matches!(TargetValue::parse("效果明显", BareReading::AtLeast)?, TargetValue::Qualitative { .. }));
/// assert!(TargetValue::parse("≥上年", BareReading::AtLeast).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "form", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum TargetValue {
    /// A number and how the actual value must compare with it.
    Compare {
        /// The comparison.
        op: Comparison,
        /// The number.
        value: Decimal,
        /// The unit, where written.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<Unit>,
        /// `false` when the text is a bare number and the comparison is the
        /// table's reading of it.
        stated: bool,
    },
    /// A range: `95%-105%`, `[95%,105%]`.
    Range {
        /// The lower end.
        low: Decimal,
        /// Whether the lower end itself is in the range.
        low_included: bool,
        /// The upper end.
        high: Decimal,
        /// Whether the upper end itself is in the range.
        high_included: bool,
        /// The unit, where written.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<Unit>,
    },
    /// A qualitative target: `效果明显`, `基本建立`, `达到国家标准`.
    Qualitative {
        /// The text.
        text: Arc<str>,
    },
}

/// Why a 年度指标值 or 实际完成值 could not be read: what was expected and
/// the whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    /// What was expected where reading stopped, in both languages.
    pub expected: Text,
    /// The whole text, as written.
    pub found: String,
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}, found `{}`", self.expected, self.found)
    }
}

impl std::error::Error for TextError {}

/// A number with its unit, as a 实际完成值 is written: `5600人次`, `98.5%`,
/// `14个月`, `2,000人`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    /// The number.
    pub value: Decimal,
    /// The unit, where written.
    pub unit: Option<Unit>,
}

impl Amount {
    /// Reads a number with an optional unit, and nothing else.
    ///
    /// # Errors
    ///
    /// A [`TextError`] quoting the text when it is not a number (with a
    /// unit).
    pub fn parse(text: &str) -> Result<Amount, TextError> {
        let folded = fold(text);
        let mut r = Reader::new(&folded, text);
        r.skip_spaces();
        let amount = r.amount()?.ok_or_else(|| r.error("a number", "数值"))?;
        r.skip_spaces();
        if !r.at_end() {
            return Err(r.error_after("the end of the value", "数值到此结束", &amount.1));
        }
        Ok(amount.0)
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", plain(self.value))?;
        if let Some(u) = &self.unit {
            write!(f, "{u}")?;
        }
        Ok(())
    }
}

impl TargetValue {
    /// Reads a 年度指标值; a bare number is read as `bare` says.
    ///
    /// # Errors
    ///
    /// A [`TextError`] quoting the text when it starts like a quantity — a
    /// comparison sign, a number, a bracket — but does not read whole:
    /// `≥上年` (no number after `≥`), `100%完成` (words after the number),
    /// `5人-10人次` (two units), `约50人` (an approximate target), a number
    /// of more than 28 digits.
    pub fn parse(text: &str, bare: BareReading) -> Result<TargetValue, TextError> {
        let folded = fold(text);
        let mut r = Reader::new(&folded, text);
        r.skip_spaces();
        if r.at_end() {
            return Err(r.error(
                "a target such as `≥50人`, `95%-105%` or `效果明显`",
                "如`≥50人`、`95%-105%`或`效果明显`的指标值",
            ));
        }
        if r.rest().starts_with('约') || r.rest().starts_with("大约") {
            return Err(r.error(
                "a target that can be checked: an approximate figure (约) cannot be scored; write it as `=50人` (with the convention's tolerance) or in words",
                "可核验的指标值：约数（约）无法计分，请写成`=50人`（按计分规则的容差）或用文字表述",
            ));
        }
        if r.peek() == Some('[') || (r.peek() == Some('(') && r.digit_after(1)) {
            return r.bracketed();
        }
        let prefix = r.prefix();
        r.skip_spaces();
        let Some((first, first_text)) = r.amount()? else {
            return match prefix {
                Some((_, true)) => Err(r.error("a number after the comparison sign", "比较符号后接数值")),
                // A word such as 不低于 before a figure it does not start
                // with (不低于上年的95%) compares with something else.
                Some((_, false)) if r.rest().bytes().any(|b| b.is_ascii_digit()) => {
                    Err(r.error("a number right after the comparison word (the target compares with something that is not a number)", "比较词后紧接数值（此指标值是与非数值的对象比较）"))
                }
                // Words with a comparison sign or a figure with its unit in
                // them (合格率≥95%, 全年12次) are a quantity not read whole.
                _ if looks_quantitative(&folded) => Err(r.error(
                    "a target that starts with its comparison or its number (a qualitative target has no comparison sign and no figure with a unit)",
                    "以比较符号或数值开头的指标值（定性指标不含比较符号，也不含带单位的数值）",
                )),
                // A word such as 达到 or 不低于 before words: 达到国家标准.
                _ => Ok(TargetValue::Qualitative {
                    text: Arc::from(text.trim()),
                }),
            };
        };
        r.skip_spaces();
        if let Some(sep) = r.range_separator() {
            if prefix.is_some() {
                return Err(r.error_after(
                    "a single number after a comparison",
                    "比较符号后只有一个数值",
                    &first_text,
                ));
            }
            r.skip_spaces();
            let Some((second, second_text)) = r.amount()? else {
                return Err(r.error_text(Text::new(
                    format!("the upper end of the range after `{sep}`"),
                    format!("“{sep}”后接区间上限"),
                )));
            };
            r.skip_spaces();
            if !r.at_end() {
                return Err(r.error_after("the end of the range", "区间到此结束", &second_text));
            }
            let unit = match (first.unit, second.unit) {
                (None, u) | (u, None) => u,
                (Some(a), Some(b)) if a == b => Some(a),
                _ => {
                    return Err(TextError {
                        expected: Text::new(
                            "the same unit at both ends of the range",
                            "区间两端单位相同",
                        ),
                        found: text.to_owned(),
                    })
                }
            };
            if first.value > second.value {
                return Err(TextError {
                    expected: Text::new("a range whose lower end comes first", "下限在前的区间"),
                    found: text.to_owned(),
                });
            }
            return Ok(TargetValue::Range {
                low: first.value,
                low_included: true,
                high: second.value,
                high_included: true,
                unit,
            });
        }
        let suffix = r.suffix(&first_text, prefix.is_some())?;
        r.skip_spaces();
        if !r.at_end() {
            return Err(r.error_after(
                "the end of the target (or 以上, 以下, 以内)",
                "指标值到此结束（或接以上、以下、以内）",
                &first_text,
            ));
        }
        let (op, stated) = match (prefix.map(|p| p.0), suffix) {
            (Some(op), None) | (None, Some(op)) => (op, true),
            // A bare 0 read as at least 0 (0起, 0%) could never be missed.
            (None, None) if first.value.is_zero() && bare == BareReading::AtLeast => {
                return Err(r.error(
                    "a comparison for a target of 0 (`=0起` or `≤0起`): read as at least 0 it could never be missed",
                    "写明比较方式的0指标值（`=0起`或`≤0起`）：若理解为不低于0，则永远不会未完成",
                ))
            }
            (None, None) => (bare.comparison(), false),
            (Some(a), Some(b))
                if a.is_higher() == b.is_higher() && a.is_lower() == b.is_lower() =>
            {
                // `≥90%以上`: said twice, the same way; the stricter wins.
                (
                    if matches!(a, Comparison::MoreThan | Comparison::LessThan) {
                        a
                    } else {
                        b
                    },
                    true,
                )
            }
            (Some(_), Some(_)) => {
                return Err(TextError {
                    expected: Text::new("one comparison, not two that disagree", "一种比较方式，而不是两种相互矛盾的"),
                    found: text.to_owned(),
                })
            }
        };
        Ok(TargetValue::Compare {
            op,
            value: first.value,
            unit: first.unit,
            stated,
        })
    }

    /// The target's unit, where written.
    pub fn unit(&self) -> Option<&Unit> {
        match self {
            TargetValue::Compare { unit, .. } | TargetValue::Range { unit, .. } => unit.as_ref(),
            TargetValue::Qualitative { .. } => None,
        }
    }

    /// Whether the target is qualitative.
    pub fn is_qualitative(&self) -> bool {
        matches!(self, TargetValue::Qualitative { .. })
    }

    pub(crate) fn with_unit(mut self, default: Option<&Unit>) -> TargetValue {
        match &mut self {
            TargetValue::Compare { unit, .. } | TargetValue::Range { unit, .. }
                if unit.is_none() =>
            {
                *unit = default.cloned();
            }
            _ => {}
        }
        self
    }
}

impl fmt::Display for TargetValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = |u: &Option<Unit>| u.as_ref().map(Unit::to_string).unwrap_or_default();
        match self {
            TargetValue::Compare {
                op, value, unit: u, ..
            } => write!(f, "{}{}{}", op.symbol(), plain(*value), unit(u)),
            TargetValue::Range {
                low,
                low_included,
                high,
                high_included,
                unit: u,
            } => {
                let u = unit(u);
                if *low_included && *high_included {
                    write!(f, "{}{u}-{}{u}", plain(*low), plain(*high))
                } else {
                    write!(
                        f,
                        "{}{}{u},{}{u}{}",
                        if *low_included { '[' } else { '(' },
                        plain(*low),
                        plain(*high),
                        if *high_included { ']' } else { ')' }
                    )
                }
            }
            TargetValue::Qualitative { text } => f.write_str(text),
        }
    }
}

/// Folds the ways documents write the same sign into one: full-width
/// letters, digits and punctuation to ASCII, `≧ ≦` to `≥ ≤`, dashes to
/// `-`, tildes to `~`, the ideographic space to a space.
pub(crate) fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '≧' => '≥',
            '≦' => '≤',
            // Seen in published tables for `=`: a box-drawing double line,
            // the small and the full-width equals.
            '═' | '﹦' => '=',
            '﹥' | '≩' => '>',
            '﹤' | '≨' => '<',
            '⩾' | '≮' => '≥',
            '⩽' | '≯' => '≤',
            '—' | '–' | '‐' | '―' | '﹣' => '-',
            '〜' => '~',
            '【' | '〔' => '[',
            '】' | '〕' => ']',
            other => other,
        })
        .collect()
}

/// Whether text holds a comparison sign, or a figure followed by `%` or a
/// unit the crate knows (`合格率≥95%`, `全年12次`): text a reader takes for a
/// quantity, which must then read whole rather than pass as qualitative.
fn looks_quantitative(folded: &str) -> bool {
    if folded.contains(['≥', '≤', '<', '>', '=']) {
        return true;
    }
    let chars: Vec<char> = folded.chars().collect();
    chars.iter().enumerate().any(|(i, c)| {
        if !c.is_ascii_digit() || chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            return false;
        }
        let after: String = chars[i + 1..]
            .iter()
            .skip_while(|c| c.is_whitespace() || **c == '.')
            .take(4)
            .collect();
        after.starts_with(['%', '‰'])
            || (1..=after.chars().count()).any(|n| {
                let word: String = after.chars().take(n).collect();
                Unit::parse(&word).is_ok_and(|u| u.is_known())
            })
    })
}

/// Comparison words, longest first so that `大于等于` is not read as `大于`.
/// The flag says whether it is a sign (which must be followed by a number).
const PREFIXES: &[(&str, Comparison, bool)] = &[
    ("大于或等于", Comparison::AtLeast, false),
    ("小于或等于", Comparison::AtMost, false),
    ("大于等于", Comparison::AtLeast, false),
    ("小于等于", Comparison::AtMost, false),
    ("不少于", Comparison::AtLeast, false),
    ("不低于", Comparison::AtLeast, false),
    ("不小于", Comparison::AtLeast, false),
    ("不超过", Comparison::AtMost, false),
    ("不超出", Comparison::AtMost, false),
    ("不高于", Comparison::AtMost, false),
    ("不大于", Comparison::AtMost, false),
    ("不多于", Comparison::AtMost, false),
    ("控制在", Comparison::AtMost, false),
    ("至少", Comparison::AtLeast, false),
    ("最少", Comparison::AtLeast, false),
    ("至多", Comparison::AtMost, false),
    ("最多", Comparison::AtMost, false),
    ("达到", Comparison::AtLeast, false),
    ("大于", Comparison::MoreThan, false),
    ("高于", Comparison::MoreThan, false),
    ("超过", Comparison::MoreThan, false),
    ("多于", Comparison::MoreThan, false),
    ("小于", Comparison::LessThan, false),
    ("低于", Comparison::LessThan, false),
    ("少于", Comparison::LessThan, false),
    ("等于", Comparison::Equal, false),
    (">=", Comparison::AtLeast, true),
    ("=>", Comparison::AtLeast, true),
    ("≥", Comparison::AtLeast, true),
    ("<=", Comparison::AtMost, true),
    ("=<", Comparison::AtMost, true),
    ("≤", Comparison::AtMost, true),
    ("==", Comparison::Equal, true),
    ("=", Comparison::Equal, true),
    (">", Comparison::MoreThan, true),
    ("<", Comparison::LessThan, true),
];

/// Where reading of one text stands.
struct Reader<'a> {
    /// The folded text.
    text: &'a str,
    /// The text as written, for messages.
    written: &'a str,
    /// Byte position in `text`.
    pos: usize,
    /// Inside `[…]`, where a comma separates the ends, not thousands.
    bracketed: bool,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, written: &'a str) -> Reader<'a> {
        Reader {
            text,
            written,
            pos: 0,
            bracketed: false,
        }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    fn bump(&mut self, s: &str) {
        self.pos += s.len();
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.bump(s);
            true
        } else {
            false
        }
    }

    fn skip_spaces(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
    }

    /// Whether a digit (after an optional sign) follows `skip` characters on.
    fn digit_after(&self, skip: usize) -> bool {
        let mut chars = self
            .rest()
            .chars()
            .skip(skip)
            .skip_while(|c| c.is_whitespace());
        match chars.next() {
            Some(c) if c.is_ascii_digit() => true,
            Some('+' | '-') => chars.next().is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        }
    }

    fn error(&self, en: &'static str, zh: &'static str) -> TextError {
        self.error_text(Text::new(en, zh))
    }

    fn error_text(&self, expected: Text) -> TextError {
        TextError {
            expected,
            found: self.written.to_owned(),
        }
    }

    fn error_after(&self, en: &str, zh: &str, after: &str) -> TextError {
        self.error_text(Text::new(
            format!("{en} after `{after}`"),
            format!("{zh}（在“{after}”之后）"),
        ))
    }

    fn prefix(&mut self) -> Option<(Comparison, bool)> {
        for &(word, op, sign) in PREFIXES {
            if self.eat(word) {
                return Some((op, sign));
            }
        }
        None
    }

    /// A number, with thousands separators where every group has three
    /// digits (`2,000`). `None` if no digit starts here.
    fn number(&mut self) -> Result<Option<(Decimal, &'a str)>, TextError> {
        if !self.digit_after(0) {
            return Ok(None);
        }
        let start = self.pos;
        let rest = self.rest();
        let mut end = 0;
        let bytes = rest.as_bytes();
        if matches!(bytes.first(), Some(b'+' | b'-')) {
            end = 1;
        }
        let mut digits = String::new();
        let mut group = 0usize;
        let mut grouped = false;
        let mut seen_point = false;
        while end < bytes.len() {
            let b = bytes[end];
            if b.is_ascii_digit() {
                digits.push(b as char);
                group += 1;
                end += 1;
            } else if b == b','
                && !self.bracketed
                && !seen_point
                && end + 1 < bytes.len()
                && bytes[end + 1].is_ascii_digit()
            {
                // A separator only between groups of three.
                let next_three = bytes.get(end + 1..end + 4);
                let then = bytes.get(end + 4);
                let ok = (group <= 3 && !grouped || group == 3)
                    && next_three.is_some_and(|t| t.iter().all(u8::is_ascii_digit))
                    && !then.is_some_and(u8::is_ascii_digit);
                if !ok {
                    return Err(self.error(
                        "a number with its digits in groups of three between commas",
                        "以逗号每三位分隔的数值",
                    ));
                }
                grouped = true;
                group = 0;
                end += 1;
            } else if b == b'.'
                && !seen_point
                && end + 1 < bytes.len()
                && bytes[end + 1].is_ascii_digit()
            {
                digits.push('.');
                seen_point = true;
                end += 1;
            } else {
                break;
            }
        }
        let sign = if bytes.first() == Some(&b'-') {
            "-"
        } else {
            ""
        };
        let value = crate::number::parse_exact(&format!("{sign}{digits}")).map_err(|_| {
            self.error(
                "a number of at most 28 significant digits (what an exact decimal holds)",
                "不超过28位有效数字的数值（精确小数的上限）",
            )
        })?;
        self.pos += end;
        Ok(Some((value, &self.text[start..self.pos])))
    }

    /// A number and the unit after it. The unit runs to a bracket, a range
    /// sign or 以上/以下/以内; `%` and `‰` end it at once. `百分之九十五`
    /// (a percentage in Chinese numerals) is 95%.
    fn amount(&mut self) -> Result<Option<(Amount, String)>, TextError> {
        let start = self.pos;
        if let Some((value, len)) = percent_in_words(self.rest()) {
            self.pos += len;
            return Ok(Some((
                Amount {
                    value,
                    unit: Some(Unit::percent()),
                },
                self.text[start..self.pos].to_owned(),
            )));
        }
        let Some((value, _)) = self.number()? else {
            return Ok(None);
        };
        self.skip_spaces();
        let unit_start = self.pos;
        if self.eat("%") || self.eat("‰") {
        } else {
            while let Some(c) = self.peek() {
                let rest = self.rest();
                let stop = matches!(
                    c,
                    '(' | ')' | '[' | ']' | ',' | '-' | '~' | '至' | '到' | ';' | '。'
                ) || c.is_whitespace()
                    || ["以上", "以下", "以内", "及以上", "及以下", "之内", "内"]
                        .iter()
                        .any(|w| rest.starts_with(w));
                if stop {
                    break;
                }
                self.pos += c.len_utf8();
            }
        }
        let unit_text = &self.text[unit_start..self.pos];
        let unit = if unit_text.is_empty() {
            None
        } else {
            Some(Unit::parse(unit_text).map_err(|_| {
                self.error_text(Text::new(
                    format!("a unit after the number, such as 人次, 万元 or 个月, where `{unit_text}` stands (a deadline, an approximation or words are not a unit)"),
                    format!("数值后接单位，如人次、万元或个月，而此处是“{unit_text}”（期限、约数或文字都不是单位）"),
                ))
            })?)
        };
        Ok(Some((
            Amount { value, unit },
            self.text[start..self.pos].to_owned(),
        )))
    }

    fn range_separator(&mut self) -> Option<&'static str> {
        let sep = ["-", "~", "至", "到"]
            .into_iter()
            .find(|sep| self.rest().starts_with(sep) && self.digit_after(sep.chars().count()))?;
        self.bump(sep);
        Some(sep)
    }

    /// `（含）`, `（不含）`, `（含本数）`, `（含90%）` after the number;
    /// `Some(true)` for included.
    fn inclusion(&mut self, number: &str) -> Result<Option<bool>, TextError> {
        let save = self.pos;
        if !self.eat("(") {
            return Ok(None);
        }
        let excluded = self.eat("不含");
        if !excluded && !self.eat("含") {
            self.pos = save;
            return Ok(None);
        }
        let Some(close) = self.rest().find(')') else {
            return Err(self.error("`）` to close the bracket", "闭合括号的“）”"));
        };
        let inside = self.rest()[..close].trim();
        if !(inside.is_empty() || inside == "本数" || inside == number) {
            return Err(self.error_after(
                "（含）, （不含） or （含本数）",
                "（含）、（不含）或（含本数）",
                number,
            ));
        }
        self.pos += close + 1;
        Ok(Some(!excluded))
    }

    /// `以上`, `以下`, `以内` (or `内`: `12个月内`), with `（含）`/`（不含）`
    /// before or after; after a comparison sign, a lone `（含）` agrees.
    fn suffix(&mut self, number: &str, signed: bool) -> Result<Option<Comparison>, TextError> {
        let before = self.inclusion(number)?;
        self.skip_spaces();
        let direction = if self.eat("及以上") || self.eat("以上") {
            Some(true)
        } else if self.eat("及以下")
            || self.eat("以下")
            || self.eat("以内")
            || self.eat("之内")
            || self.eat("内")
        {
            Some(false)
        } else {
            None
        };
        self.skip_spaces();
        let after = if direction.is_some() {
            self.inclusion(number)?
        } else {
            None
        };
        let Some(higher) = direction else {
            if before == Some(false) || (before.is_some() && !signed) {
                return Err(self.error(
                    "以上, 以下 or 以内 after （含） or （不含）",
                    "（含）或（不含）后接以上、以下或以内",
                ));
            }
            return Ok(None);
        };
        if before.is_some() && after.is_some() && before != after {
            return Err(self.error(
                "one of （含） and （不含）, not both",
                "（含）与（不含）只能有一个",
            ));
        }
        let included = before.or(after).unwrap_or(true);
        Ok(Some(match (higher, included) {
            (true, true) => Comparison::AtLeast,
            (true, false) => Comparison::MoreThan,
            (false, true) => Comparison::AtMost,
            (false, false) => Comparison::LessThan,
        }))
    }

    /// `[95%,105%]`, `(0,10%]`.
    fn bracketed(&mut self) -> Result<TargetValue, TextError> {
        self.bracketed = true;
        let low_included = self.eat("[");
        if !low_included {
            self.eat("(");
        }
        self.skip_spaces();
        let Some((low, _)) = self.amount()? else {
            return Err(self.error("a number after the opening bracket", "左括号后接数值"));
        };
        self.skip_spaces();
        if !self.eat(",") {
            return Err(self.error(
                "`,` between the two ends of the range",
                "区间两端之间用“,”分隔",
            ));
        }
        self.skip_spaces();
        let Some((high, _)) = self.amount()? else {
            return Err(self.error("a number after `,`", "“,”后接数值"));
        };
        self.skip_spaces();
        let high_included = if self.eat("]") {
            true
        } else if self.eat(")") {
            false
        } else {
            return Err(self.error("`]` or `)` to close the range", "闭合区间的“]”或“)”"));
        };
        self.skip_spaces();
        if !self.at_end() {
            return Err(self.error(
                "the end of the range after its closing bracket",
                "区间在右括号后结束",
            ));
        }
        let unit = match (low.unit, high.unit) {
            (None, u) | (u, None) => u,
            (Some(a), Some(b)) if a == b => Some(a),
            _ => {
                return Err(self.error(
                    "the same unit at both ends of the range",
                    "区间两端单位相同",
                ))
            }
        };
        if low.value > high.value || (low.value == high.value && !(low_included && high_included)) {
            return Err(self.error(
                "a range whose lower end is below its upper end",
                "下限小于上限的区间",
            ));
        }
        Ok(TargetValue::Range {
            low: low.value,
            low_included,
            high: high.value,
            high_included,
            unit,
        })
    }
}

/// The comparison word or sign that `text` (folded) starts with, longest
/// first: the comparison, whether it is a sign, and its length in bytes.
pub(crate) fn leading_comparison(text: &str) -> Option<(Comparison, bool, usize)> {
    PREFIXES
        .iter()
        .find(|(word, _, _)| text.starts_with(word))
        .map(|&(word, op, sign)| (op, sign, word.len()))
}

/// The number that `text` (folded) starts with — digits with thousands
/// separators, or `百分之…` in Chinese numerals — and its length in bytes;
/// the flag says whether it was written as a percentage in words.
///
/// # Errors
///
/// What was expected, where digits start but do not make a number.
pub(crate) fn leading_number(text: &str) -> Result<Option<(Decimal, usize, bool)>, TextError> {
    if let Some((value, len)) = percent_in_words(text) {
        return Ok(Some((value, len, true)));
    }
    let mut r = Reader::new(text, text);
    Ok(r.number()?.map(|(value, _)| (value, r.pos, false)))
}

/// `以上`, `以下`, `以内` (with `及`) at the start of `text` (folded): whether
/// it is `以上` (higher), and its length in bytes.
pub(crate) fn leading_side(text: &str) -> Option<(bool, usize)> {
    [
        ("及以上", true),
        ("以上", true),
        ("及以下", false),
        ("以下", false),
        ("以内", false),
    ]
    .into_iter()
    .find(|(w, _)| text.starts_with(w))
    .map(|(w, higher)| (higher, w.len()))
}

/// `（含）`, `（不含）`, `（含本数）`, `（包含）` at the start of `text`
/// (folded): whether the number is included, and the length in bytes.
pub(crate) fn leading_inclusion(text: &str) -> Option<(bool, usize)> {
    let rest = text.strip_prefix('(')?;
    let (included, after) = if let Some(a) = rest.strip_prefix("不含") {
        (false, a)
    } else if let Some(a) = rest.strip_prefix("包含") {
        (true, a)
    } else if let Some(a) = rest.strip_prefix("含") {
        (true, a)
    } else {
        return None;
    };
    let after = after.strip_prefix("本数").unwrap_or(after);
    let close = after.strip_prefix(')')?;
    Some((included, text.len() - close.len()))
}

/// The value of the Chinese numeral `text` starts with (`五`, `十二`,
/// `一百`, `两`, `零点五`, `三千五百`), and its length in bytes. Numerals up
/// to 万 are read; a numeral that does not read whole is `None`.
pub(crate) fn chinese_number(text: &str) -> Option<(Decimal, usize)> {
    fn digit(c: char) -> Option<i64> {
        Some(match c {
            '零' | '〇' => 0,
            '一' | '壹' => 1,
            '二' | '两' | '贰' => 2,
            '三' | '叁' => 3,
            '四' | '肆' => 4,
            '五' | '伍' => 5,
            '六' | '陆' => 6,
            '七' | '柒' => 7,
            '八' | '捌' => 8,
            '九' | '玖' => 9,
            _ => return None,
        })
    }
    fn multiplier(c: char) -> Option<i64> {
        Some(match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1_000,
            _ => return None,
        })
    }
    let (mut total, mut section, mut number) = (0i64, 0i64, None::<i64>);
    let mut len = 0;
    for (i, c) in text.char_indices() {
        if let Some(d) = digit(c) {
            if number.is_some_and(|n| n != 0) {
                // 二三 is not a numeral.
                return None;
            }
            number = Some(d);
        } else if let Some(m) = multiplier(c) {
            let n = match number.take() {
                Some(n) => n,
                // 十二 is 12; a bare 百 or 千 is not a numeral.
                None if m == 10 && len == 0 => 1,
                None => break,
            };
            section = section.checked_add(n.checked_mul(m)?)?;
        } else if c == '万' && len > 0 {
            section = section.checked_add(number.take().unwrap_or(0))?;
            total = total.checked_add(section)?.checked_mul(10_000)?;
            section = 0;
        } else {
            break;
        }
        len = i + c.len_utf8();
    }
    if len == 0 {
        return None;
    }
    let whole = total
        .checked_add(section)?
        .checked_add(number.unwrap_or(0))?;
    let mut value = Decimal::from(whole);
    // 零点五: a decimal point and digits read one by one.
    if let Some(after) = text[len..].strip_prefix('点') {
        let mut fraction = String::new();
        let mut used = '点'.len_utf8();
        for c in after.chars() {
            let Some(d) = digit(c) else { break };
            fraction.push(char::from_digit(u32::try_from(d).ok()?, 10)?);
            used += c.len_utf8();
        }
        if !fraction.is_empty() {
            value = crate::number::parse_exact(&format!("{whole}.{fraction}")).ok()?;
            len += used;
        }
    }
    Some((value, len))
}

/// `百分之九十五` or `百分之95` at the start of `text`: the percentage and
/// its length in bytes. `百分之百` is 100.
fn percent_in_words(text: &str) -> Option<(Decimal, usize)> {
    let rest = text.strip_prefix("百分之")?;
    let head = text.len() - rest.len();
    if let Some((value, len)) = chinese_number(rest) {
        return Some((value, head + len));
    }
    if rest.starts_with('百') {
        return Some((Decimal::ONE_HUNDRED, head + '百'.len_utf8()));
    }
    let mut r = Reader::new(rest, rest);
    let (value, _) = r.number().ok()??;
    Some((value, head + r.pos))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn read(text: &str) -> TargetValue {
        TargetValue::parse(text, BareReading::AtLeast).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn shown(text: &str) -> String {
        read(text).to_string()
    }

    fn refused(text: &str) -> String {
        TargetValue::parse(text, BareReading::AtLeast)
            .map(|t| format!("accepted as {t}"))
            .unwrap_or_else(|e| e.to_string())
    }

    fn compare(text: &str) -> (Comparison, Decimal, Option<String>, bool) {
        match read(text) {
            TargetValue::Compare {
                op,
                value,
                unit,
                stated,
            } => (op, value, unit.map(|u| u.to_string()), stated),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn signs() {
        assert_eq!(shown("≥50人"), "≥50人");
        assert_eq!(shown("≤12个月"), "≤12个月");
        assert_eq!(shown("＞0"), ">0");
        assert_eq!(shown("＜5%"), "<5%");
        assert_eq!(shown("=100%"), "=100%");
        assert_eq!(shown("＝100％"), "=100%");
        assert_eq!(shown(">=95%"), "≥95%");
        assert_eq!(shown("<=3天"), "≤3天");
        assert_eq!(shown("≧90%"), "≥90%");
        assert_eq!(shown("≦1年"), "≤1年");
        assert_eq!(shown(" ≥ 2000 人次 "), "≥2000人次");
        assert_eq!(shown("≥2,000人次"), "≥2000人次");
        assert_eq!(shown("≥１００％"), "≥100%");
        assert_eq!(shown("≥100百分比"), "≥100%");
        // As 永德县明朗中学's 2022 table writes `=` and `≥`.
        assert_eq!(shown("═100%"), "=100%");
        assert_eq!(shown("﹦100%"), "=100%");
        assert_eq!(shown("≧735人次"), "≥735人次");
    }

    #[test]
    fn words() {
        assert_eq!(shown("不少于50人"), "≥50人");
        assert_eq!(shown("不低于95%"), "≥95%");
        assert_eq!(shown("不超过0.5万元/场"), "≤0.5万元/场");
        assert_eq!(shown("不高于3%"), "≤3%");
        assert_eq!(shown("大于等于90%"), "≥90%");
        assert_eq!(shown("小于5天"), "<5天");
        assert_eq!(shown("超过10个"), ">10个");
        assert_eq!(shown("达到95%"), "≥95%");
        assert_eq!(shown("控制在5%以内"), "≤5%");
    }

    #[test]
    fn above_and_below_include_the_number_unless_said() {
        assert_eq!(shown("90%（含）以上"), "≥90%");
        assert_eq!(shown("90%以上"), "≥90%");
        assert_eq!(shown("90%及以上"), "≥90%");
        assert_eq!(shown("90%以上（含90%）"), "≥90%");
        assert_eq!(shown("90%（不含）以上"), ">90%");
        assert_eq!(shown("5%以下"), "≤5%");
        assert_eq!(shown("3个月以内"), "≤3个月");
        assert_eq!(shown("≥90%以上"), "≥90%");
    }

    #[test]
    fn ranges() {
        assert_eq!(shown("95%-105%"), "95%-105%");
        assert_eq!(shown("95-105%"), "95%-105%");
        assert_eq!(shown("95%～105%"), "95%-105%");
        assert_eq!(shown("95%—105%"), "95%-105%");
        assert_eq!(shown("95%至105%"), "95%-105%");
        assert_eq!(shown("[95%,105%]"), "95%-105%");
        assert_eq!(shown("［95%，105%］"), "95%-105%");
        assert_eq!(shown("(0,10%]"), "(0%,10%]");
        assert_eq!(shown("-5%-5%"), "-5%-5%");
    }

    #[test]
    fn bare_numbers_take_the_tables_reading() {
        assert_eq!(
            compare("100%"),
            (Comparison::AtLeast, dec!(100), Some("%".to_owned()), false)
        );
        assert_eq!(
            compare("50人"),
            (Comparison::AtLeast, dec!(50), Some("人".to_owned()), false)
        );
        let at_most = TargetValue::parse("12个月", BareReading::AtMost).unwrap();
        assert_eq!(at_most.to_string(), "≤12个月");
        let equal = TargetValue::parse("100%", BareReading::Equal).unwrap();
        assert_eq!(equal.to_string(), "=100%");
        assert!(compare("≥50人").3);
    }

    #[test]
    fn qualitative_targets() {
        for text in [
            "效果明显",
            "基本建立",
            "达到国家标准",
            "不低于上年水平",
            "符合GB50300标准",
            "有效提升",
        ] {
            assert!(read(text).is_qualitative(), "{text}");
        }
    }

    #[test]
    fn within_and_other_signs() {
        assert_eq!(shown("12个月内"), "≤12个月");
        assert_eq!(shown("3个工作日之内"), "≤3个工作日");
        assert_eq!(shown("⩾95%"), "≥95%");
        assert_eq!(shown("⩽5%"), "≤5%");
        assert_eq!(shown("≮95%"), "≥95%");
        assert_eq!(shown("≯5%"), "≤5%");
        assert_eq!(shown("≥100%（含）"), "≥100%");
        assert_eq!(shown("=0起"), "=0起");
    }

    #[test]
    fn quantities_in_words_are_not_qualitative() {
        for text in [
            "合格率≥95%",
            "验收合格率100%",
            "全年12次",
            "12月底前完成",
            "5人左右",
            "0起",
        ] {
            assert!(
                TargetValue::parse(text, BareReading::AtLeast).is_err(),
                "{text} read as {:?}",
                TargetValue::parse(text, BareReading::AtLeast)
            );
        }
        // A bare 0 is fine where the table reads bare numbers as at most.
        assert_eq!(
            TargetValue::parse("0起", BareReading::AtMost).map(|t| t.to_string()),
            Ok("≤0起".to_owned())
        );
    }

    #[test]
    fn what_cannot_be_read_is_refused_quoting_it() {
        assert_eq!(
            refused("≥上年"),
            "expected a number after the comparison sign, found `≥上年`"
        );
        assert_eq!(
            refused("100%完成"),
            "expected the end of the target (or 以上, 以下, 以内) after `100%`, found `100%完成`"
        );
        assert_eq!(
            refused("5人-10人次"),
            "expected the same unit at both ends of the range, found `5人-10人次`"
        );
        assert_eq!(
            refused("约50人"),
            "expected a target that can be checked: an approximate figure (约) cannot be scored; write it as `=50人` (with the convention's tolerance) or in words, found `约50人`"
        );
        assert_eq!(
            refused("≥20,00人"),
            "expected a number with its digits in groups of three between commas, found `≥20,00人`"
        );
        assert_eq!(
            refused("105%-95%"),
            "expected a range whose lower end comes first, found `105%-95%`"
        );
        assert_eq!(
            refused("≥1234567890123456789012345678901人"),
            "expected a number of at most 28 significant digits (what an exact decimal holds), found `≥1234567890123456789012345678901人`"
        );
        assert_eq!(
            refused(""),
            "expected a target such as `≥50人`, `95%-105%` or `效果明显`, found ``"
        );
        assert_eq!(
            refused("≥90%以下"),
            "expected one comparison, not two that disagree, found `≥90%以下`"
        );
        assert_eq!(
            refused("[95%,105%"),
            "expected `]` or `)` to close the range, found `[95%,105%`"
        );
    }

    #[test]
    fn percentages_and_numbers_in_chinese_numerals() {
        assert_eq!(shown("不低于百分之九十五"), "≥95%");
        assert_eq!(shown("百分之百"), "≥100%");
        assert_eq!(shown("≥百分之95"), "≥95%");
        assert_eq!(shown("百分之八十（含）以上"), "≥80%");
        for (text, value, len) in [
            ("五", dec!(5), 3),
            ("十二", dec!(12), 6),
            ("二十", dec!(20), 6),
            ("一百零五", dec!(105), 12),
            ("两", dec!(2), 3),
            ("零点五分", dec!(0.5), 9),
            ("三千五百", dec!(3500), 12),
            ("一万二千", dec!(12000), 12),
        ] {
            assert_eq!(chinese_number(text), Some((value, len)), "{text}");
        }
        for text in ["二三", "百", "千", "分", "般"] {
            assert_eq!(chinese_number(text), None, "{text}");
        }
        // Words that start with a numeral are still words.
        assert!(read("一般").is_qualitative());
        assert!(read("三星级").is_qualitative());
    }

    #[test]
    fn amounts() {
        let a = Amount::parse("5600人次").unwrap();
        assert_eq!(
            (a.value, a.unit.map(|u| u.to_string())),
            (dec!(5600), Some("人次".to_owned()))
        );
        let a = Amount::parse("98.5%").unwrap();
        assert_eq!(a.to_string(), "98.5%");
        assert_eq!(Amount::parse(" 14 ").unwrap().to_string(), "14");
        assert_eq!(
            Amount::parse("完成").unwrap_err().to_string(),
            "expected a number, found `完成`"
        );
        assert_eq!(
            Amount::parse("56人（含外聘）").unwrap_err().to_string(),
            "expected the end of the value after `56人`, found `56人（含外聘）`"
        );
    }
}
