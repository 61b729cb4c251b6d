//! [`Unit`]: a unit of measure (计量单位) as 年度指标值 and 实际完成值 write
//! it — `人次`, `个月`, `万元`, `%`, `万元/人` — and the exact conversions
//! between units of one kind (万元 and 元, 年 and 个月, 公顷 and 亩).
//!
//! Units of different kinds never compare: 人次 is not 人, 天 is not 个月
//! (a month has no fixed number of days). A unit the crate does not know
//! (`个村`) is compared by its text only.

use std::fmt;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A unit the crate knows: its kind and its size in the kind's smallest
/// whole unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Atom {
    kind: &'static str,
    factor: u64,
}

/// Known units: (written, kind, size). The kind's base is chosen so that
/// every size is a whole number (an area's base is ⅓ m², so that 1 亩 =
/// 2000 and 1 公顷 = 30000: 1 公顷 = 15 亩 exactly).
const ATOMS: &[(&str, &str, u64)] = &[
    ("元", "money", 1),
    ("千元", "money", 1_000),
    ("万元", "money", 10_000),
    ("百万元", "money", 1_000_000),
    ("亿元", "money", 100_000_000),
    ("人", "person", 1),
    ("名", "person", 1),
    ("人次", "person-time", 1),
    ("户", "household", 1),
    ("%", "percent", 10),
    ("‰", "percent", 1),
    ("分钟", "duration", 1),
    ("小时", "duration", 60),
    ("天", "duration", 1_440),
    ("日", "duration", 1_440),
    ("周", "duration", 10_080),
    ("个月", "month", 1),
    ("月", "month", 1),
    ("季度", "month", 3),
    ("年", "month", 12),
    ("工作日", "working-day", 1),
    ("个工作日", "working-day", 1),
    ("个小时", "duration", 60),
    ("平方米", "area", 3),
    ("亩", "area", 2_000),
    ("公顷", "area", 30_000),
    ("平方公里", "area", 3_000_000),
    ("平方千米", "area", 3_000_000),
    ("米", "length", 1),
    ("公里", "length", 1_000),
    ("千米", "length", 1_000),
    ("千克", "mass", 1),
    ("公斤", "mass", 1),
    ("吨", "mass", 1_000),
    ("立方米", "volume", 1),
    ("分", "score", 1),
];

/// Counting words (量词): each its own kind, so `≥40场` and `40次` do not compare.
const COUNTERS: &[&str] = &[
    "个", "场", "项", "次", "件", "家", "所", "套", "台", "辆", "座", "处", "条", "篇", "本", "册",
    "份", "期", "批", "班", "株", "棵", "头", "只", "张", "间", "栋", "部", "支", "门", "宗", "例",
    "起", "类", "种", "轮", "届", "课时", "学时", "户次", "人天", "人日",
];

/// Prefixes that multiply a known unit: 万人次, 万株, 千人.
const PREFIXES: &[(&str, u64)] = &[("万", 10_000), ("千", 1_000), ("亿", 100_000_000)];

fn atom(text: &str) -> Option<Atom> {
    // Magnitude prefixes (万人次, 千人) multiply a known unit; read them in a
    // loop, never recursively, so that no text can exhaust the stack.
    let mut rest = text;
    let mut factor: u64 = 1;
    loop {
        if let Some(&(_, kind, size)) = ATOMS.iter().find(|(w, _, _)| *w == rest) {
            return Some(Atom {
                kind,
                factor: factor.checked_mul(size)?,
            });
        }
        if let Some(&kind) = COUNTERS.iter().find(|w| **w == rest) {
            return Some(Atom { kind, factor });
        }
        let (prefix, times) = PREFIXES
            .iter()
            .copied()
            .find(|(p, _)| rest.len() > p.len() && rest.starts_with(p))?;
        rest = &rest[prefix.len()..];
        factor = factor.checked_mul(times)?;
    }
}

/// The most characters a unit has (万元/平方公里 is 7).
pub(crate) const MAX_UNIT_CHARS: usize = 16;

/// Words that end a quantity's text but are not units: a deadline, an
/// approximation, a completion.
const NOT_UNITS: &[&str] = &[
    "前", "后", "左右", "底", "约", "完成", "达到", "以来", "期间", "累计",
];

/// A unit of measure, as written (`人次`, `万元/人`, `%`).
///
/// ```
/// use jixiao::Unit;
///
/// let wan = Unit::parse("万元")?;
/// let yuan = Unit::parse("元")?;
/// // 1 万元 is 10000 元.
/// assert_eq!(yuan.factor_to(&wan), Some((1, 10_000)));
/// assert_eq!(Unit::parse("人次")?.factor_to(&Unit::parse("人")?), None);
/// assert_eq!(Unit::parse("百分比")?.to_string(), "%");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Unit {
    written: Arc<str>,
}

impl Unit {
    /// Reads a unit as written: one word (`人次`), or two with a `/`
    /// (`万元/人`). `百分比`, `％` and `%` are all `%`.
    ///
    /// # Errors
    ///
    /// The text, when it is empty or holds digits, spaces, brackets or
    /// operators: such text is not a unit.
    pub fn parse(text: &str) -> Result<Unit, String> {
        let normal = crate::target_value::fold(text);
        let trimmed = normal.trim();
        let ok = !trimmed.is_empty()
            && trimmed.chars().count() <= MAX_UNIT_CHARS
            && !NOT_UNITS.iter().any(|w| trimmed.contains(w))
            && trimmed.split('/').count() <= 2
            && trimmed.split('/').all(|part| {
                !part.is_empty()
                    && part.chars().all(|c| {
                        !c.is_ascii_digit()
                            && !c.is_whitespace()
                            && !"()[]{}<>=+-*×÷≥≤,;:，；：、。.".contains(c)
                    })
            });
        if !ok {
            return Err(format!("`{text}`"));
        }
        let written = trimmed
            .split('/')
            .map(|part| match part {
                "百分比" | "百分之" => "%",
                other => other,
            })
            .collect::<Vec<_>>()
            .join("/");
        Ok(Unit {
            written: Arc::from(written),
        })
    }

    /// The percentage unit, `%`.
    pub(crate) fn percent() -> Unit {
        Unit {
            written: Arc::from("%"),
        }
    }

    /// The length in bytes of the longest unit the crate knows (`万元`,
    /// `人次`, `%`) at the start of `text`, if any.
    pub(crate) fn leading(text: &str) -> Option<usize> {
        let mut best = None;
        for (end, _) in text.char_indices().skip(1).chain([(text.len(), ' ')]) {
            if end > 12 {
                break;
            }
            let head = &text[..end];
            if head == "%" || head == "‰" || atom(head).is_some() {
                best = Some(end);
            }
        }
        best
    }

    /// The unit as written (with `%` for a percentage).
    pub fn as_str(&self) -> &str {
        &self.written
    }

    /// Whether the crate knows the unit (and so its kind), rather than
    /// comparing it by its text.
    pub fn is_known(&self) -> bool {
        self.atoms().is_some()
    }

    /// Whether the unit carries a magnitude (万元, 千人, 亿元): a number
    /// written without a unit cannot be taken in it without a guess.
    pub fn has_magnitude(&self) -> bool {
        let top = self.written.split('/').next().unwrap_or_default();
        PREFIXES.iter().any(|(p, _)| top.starts_with(p))
            || ["百万元", "千元", "万元", "亿元"].contains(&top)
    }

    /// Whether this is a percentage.
    pub fn is_percent(&self) -> bool {
        &*self.written == "%"
    }

    fn atoms(&self) -> Option<(Atom, Option<Atom>)> {
        let mut parts = self.written.split('/');
        let top = atom(parts.next()?)?;
        match parts.next() {
            None => Some((top, None)),
            Some(bottom) => Some((top, Some(atom(bottom)?))),
        }
    }

    /// How many of `target` one of `self` is, as a fraction `(n, d)`: a
    /// value in `self` times `n ÷ d` is the value in `target`. `None` when
    /// the units are of different kinds (or either is unknown and their
    /// texts differ).
    pub fn factor_to(&self, target: &Unit) -> Option<(u128, u128)> {
        if self.written == target.written {
            return Some((1, 1));
        }
        let (a_top, a_bottom) = self.atoms()?;
        let (b_top, b_bottom) = target.atoms()?;
        if a_top.kind != b_top.kind || a_bottom.map(|a| a.kind) != b_bottom.map(|b| b.kind) {
            return None;
        }
        let one = |a: Option<Atom>| a.map_or(1, |a| u128::from(a.factor));
        // value_b = value_a × (a_top × b_bottom) ÷ (a_bottom × b_top)
        let n = u128::from(a_top.factor).checked_mul(one(b_bottom))?;
        let d = one(a_bottom).checked_mul(u128::from(b_top.factor))?;
        let g = gcd(n, d);
        Some((n / g, d / g))
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(text: &str) -> Unit {
        Unit::parse(text).unwrap()
    }

    #[test]
    fn units_of_one_kind_convert_exactly() {
        assert_eq!(u("元").factor_to(&u("万元")), Some((1, 10_000)));
        assert_eq!(u("万元").factor_to(&u("元")), Some((10_000, 1)));
        assert_eq!(u("年").factor_to(&u("个月")), Some((12, 1)));
        assert_eq!(u("公顷").factor_to(&u("亩")), Some((15, 1)));
        assert_eq!(u("亩").factor_to(&u("公顷")), Some((1, 15)));
        assert_eq!(u("万人次").factor_to(&u("人次")), Some((10_000, 1)));
        assert_eq!(u("元/人").factor_to(&u("万元/人")), Some((1, 10_000)));
        assert_eq!(u("万元/场").factor_to(&u("元/场")), Some((10_000, 1)));
        assert_eq!(u("‰").factor_to(&u("%")), Some((1, 10)));
    }

    #[test]
    fn units_of_different_kinds_do_not_compare() {
        assert_eq!(u("人次").factor_to(&u("人")), None);
        assert_eq!(u("天").factor_to(&u("个月")), None);
        assert_eq!(u("场").factor_to(&u("次")), None);
        assert_eq!(u("万元/人").factor_to(&u("万元/场")), None);
        assert_eq!(u("个村").factor_to(&u("个")), None);
        assert_eq!(u("个村").factor_to(&u("个村")), Some((1, 1)));
    }

    #[test]
    fn a_long_run_of_prefixes_is_read_in_a_loop() {
        let text = format!("{}人", "万".repeat(20_000));
        assert!(Unit::parse(&text).is_err());
        assert_eq!(atom(&text), None);
        assert_eq!(atom("万万人").map(|a| a.factor), Some(100_000_000));
    }

    #[test]
    fn what_is_not_a_unit() {
        assert_eq!(u("百分比").to_string(), "%");
        assert_eq!(u("％").to_string(), "%");
        assert_eq!(u("万元／人").to_string(), "万元/人");
        for bad in [
            "",
            " ",
            "人 次",
            "5人",
            "（人）",
            "a/b/c",
            "人/",
            "月底前",
            "人左右",
            "个月后",
        ] {
            assert!(Unit::parse(bad).is_err(), "{bad}");
        }
    }
}
