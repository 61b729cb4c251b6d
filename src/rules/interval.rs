//! Intervals with explicit ends, as band tables need them: `[0,0]`,
//! `(0,10%]`, `[90%,+∞)`. Where （含） sits differs between rubrics, so
//! each end says whether it is included.

use std::cmp::Ordering;
use std::fmt;

use rust_decimal::Decimal;

use crate::exact::Fraction;
use crate::formula::Span;
use crate::number;

/// One end of an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum End {
    Infinite,
    Included(Decimal),
    Excluded(Decimal),
}

impl End {
    fn value(self) -> Option<Decimal> {
        match self {
            End::Infinite => None,
            End::Included(v) | End::Excluded(v) => Some(v),
        }
    }
}

/// A parsed interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CompiledInterval {
    pub(crate) low: End,
    pub(crate) high: End,
    /// Whether any end was written with `%`.
    pub(crate) percent: bool,
    /// Whether a finite end other than 0 was written without `%`.
    pub(crate) plain: bool,
}

fn infinite(text: &str, sign: char) -> bool {
    let t = text.trim();
    let unsigned = match sign {
        '-' => t.strip_prefix(['-', '−', '－']),
        _ => Some(t.strip_prefix(['+', '＋']).unwrap_or(t)),
    };
    matches!(unsigned, Some("∞" | "inf" | "infinity"))
}

/// What [`CompiledInterval::parse`] expected, in both languages.
pub(crate) fn expected_text(expected: &'static str) -> crate::error::Text {
    let zh = match expected {
        "an open lower end for −∞: `(−∞,…`" => "−∞处用开区间：`(−∞,…`",
        "an open upper end for +∞: `…,+∞)`" => "+∞处用开区间：`…,+∞)`",
        "a non-empty interval: the lower end below the upper end, or `[v,v]` for one value" => {
            "非空区间：下限小于上限，单个数值写作`[v,v]`"
        }
        _ => "如`[0,0]`、`(0,10%]`或`[90%,+∞)`的区间：括号、以逗号分隔的两端、括号",
    };
    crate::error::Text::new(expected, zh)
}

impl CompiledInterval {
    /// Parses interval notation. Errors say what was expected.
    pub(crate) fn parse(text: &str) -> Result<CompiledInterval, &'static str> {
        const EXPECTED: &str =
            "an interval such as `[0,0]`, `(0,10%]` or `[90%,+∞)`: a bracket, two ends separated by a comma, a bracket";
        let t = text.trim();
        let mut chars = t.chars();
        let open = chars.next().ok_or(EXPECTED)?;
        let close = chars.next_back().ok_or(EXPECTED)?;
        let inner = chars.as_str();
        let low_included = match open {
            '[' | '［' => true,
            '(' | '（' => false,
            _ => return Err(EXPECTED),
        };
        let high_included = match close {
            ']' | '］' => true,
            ')' | '）' => false,
            _ => return Err(EXPECTED),
        };
        let mut parts = inner.split([',', '，']);
        let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(EXPECTED);
        };
        let mut percent = false;
        let mut plain = false;
        let low = if infinite(a, '-') {
            if low_included {
                return Err("an open lower end for −∞: `(−∞,…`");
            }
            End::Infinite
        } else {
            let (v, p) = number::parse_percent(a).map_err(|_| EXPECTED)?;
            percent |= p;
            plain |= !p && !v.is_zero();
            if low_included {
                End::Included(v)
            } else {
                End::Excluded(v)
            }
        };
        let high = if infinite(b, '+') {
            if high_included {
                return Err("an open upper end for +∞: `…,+∞)`");
            }
            End::Infinite
        } else {
            let (v, p) = number::parse_percent(b).map_err(|_| EXPECTED)?;
            percent |= p;
            plain |= !p && !v.is_zero();
            if high_included {
                End::Included(v)
            } else {
                End::Excluded(v)
            }
        };
        let interval = CompiledInterval {
            low,
            high,
            percent,
            plain,
        };
        if interval.is_empty() {
            return Err(
                "a non-empty interval: the lower end below the upper end, or `[v,v]` for one value",
            );
        }
        Ok(interval)
    }

    fn is_empty(&self) -> bool {
        match (self.low.value(), self.high.value()) {
            (Some(a), Some(b)) => {
                a > b
                    || (a == b
                        && !(matches!(self.low, End::Included(_))
                            && matches!(self.high, End::Included(_))))
            }
            _ => false,
        }
    }

    /// Whether `v` lies in the interval.
    pub(crate) fn contains(&self, v: Decimal) -> bool {
        let above_low = match self.low {
            End::Infinite => true,
            End::Included(a) => v >= a,
            End::Excluded(a) => v > a,
        };
        let below_high = match self.high {
            End::Infinite => true,
            End::Included(b) => v <= b,
            End::Excluded(b) => v < b,
        };
        above_low && below_high
    }

    /// Whether the exact fraction `v` lies in the interval, compared by
    /// cross-multiplication (never a rounded quotient); `None` when the
    /// comparison does not fit.
    pub(crate) fn contains_fraction(&self, v: Fraction) -> Option<bool> {
        use Ordering::{Greater, Less};
        let above_low = match self.low {
            End::Infinite => true,
            End::Included(a) => v.cmp_value(a)? != Less,
            End::Excluded(a) => v.cmp_value(a)? == Greater,
        };
        let below_high = match self.high {
            End::Infinite => true,
            End::Included(b) => v.cmp_value(b)? != Greater,
            End::Excluded(b) => v.cmp_value(b)? == Less,
        };
        Some(above_low && below_high)
    }

    /// Whether some value of the span lies in the interval.
    pub(crate) fn overlaps(&self, v: Span) -> bool {
        let above_low = match (v.high, self.low) {
            (None, _) | (_, End::Infinite) => true,
            (Some(h), End::Included(a)) => h >= a,
            (Some(h), End::Excluded(a)) => h > a,
        };
        let below_high = match (v.low, self.high) {
            (None, _) | (_, End::Infinite) => true,
            (Some(l), End::Included(b)) => l <= b,
            (Some(l), End::Excluded(b)) => l < b,
        };
        above_low && below_high
    }

    /// Orders intervals by where they start (−∞ first; at the same value,
    /// an included end first).
    pub(crate) fn cmp_start(&self, other: &CompiledInterval) -> Ordering {
        match (self.low, other.low) {
            (End::Infinite, End::Infinite) => Ordering::Equal,
            (End::Infinite, _) => Ordering::Less,
            (_, End::Infinite) => Ordering::Greater,
            (a, b) => {
                let (av, bv) = (a.value().unwrap_or_default(), b.value().unwrap_or_default());
                av.cmp(&bv).then_with(|| {
                    let ai = matches!(a, End::Included(_));
                    let bi = matches!(b, End::Included(_));
                    bi.cmp(&ai)
                })
            }
        }
    }

    /// How `self` (lower) meets `next` (the next by start): `Less` for a
    /// gap, `Greater` for an overlap, `Equal` when they meet exactly.
    pub(crate) fn meets(&self, next: &CompiledInterval) -> Ordering {
        let (Some(a), Some(b)) = (self.high.value(), next.low.value()) else {
            // An upper end at +∞ (or a lower at −∞ after another) overlaps.
            return Ordering::Greater;
        };
        match a.cmp(&b) {
            Ordering::Less => Ordering::Less,
            Ordering::Greater => Ordering::Greater,
            Ordering::Equal => match (self.high, next.low) {
                (End::Included(_), End::Included(_)) => Ordering::Greater,
                (End::Excluded(_), End::Excluded(_)) => Ordering::Less,
                _ => Ordering::Equal,
            },
        }
    }

    /// The lowest finite end, if the interval starts at a number.
    pub(crate) fn low_value(&self) -> Option<Decimal> {
        self.low.value()
    }

    /// The highest finite end, if the interval ends at a number.
    pub(crate) fn high_value(&self) -> Option<Decimal> {
        self.high.value()
    }

    /// Writes the interval with `%` on finite ends when `percent`.
    pub(crate) fn display(&self, percent: bool) -> String {
        Display {
            interval: self,
            percent,
        }
        .to_string()
    }
}

struct Display<'a> {
    interval: &'a CompiledInterval,
    percent: bool,
}

impl fmt::Display for Display<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = if self.percent { "%" } else { "" };
        match self.interval.low {
            End::Infinite => f.write_str("(-∞")?,
            End::Included(v) => write!(f, "[{}{unit}", number::plain(v))?,
            End::Excluded(v) => write!(f, "({}{unit}", number::plain(v))?,
        }
        f.write_str(",")?;
        match self.interval.high {
            End::Infinite => f.write_str("+∞)"),
            End::Included(v) => write!(f, "{}{unit}]", number::plain(v)),
            End::Excluded(v) => write!(f, "{}{unit})", number::plain(v)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn iv(t: &str) -> CompiledInterval {
        CompiledInterval::parse(t).unwrap()
    }

    #[test]
    fn parses_every_form_the_documents_need() {
        let point = iv("[0,0]");
        assert!(point.contains(dec!(0)) && !point.contains(dec!(0.0001)));
        let band = iv("(0,10%]");
        assert!(band.percent);
        assert!(!band.contains(dec!(0)) && band.contains(dec!(10)) && !band.contains(dec!(10.01)));
        let top = iv("[90%,+∞)");
        assert!(top.contains(dec!(90)) && top.contains(dec!(1e20)) && !top.contains(dec!(89.99)));
        let low = iv("（−∞，-30%）");
        assert!(low.contains(dec!(-31)) && !low.contains(dec!(-30)));
        assert_eq!(low.display(true), "(-∞,-30%)");
        assert_eq!(band.display(true), "(0%,10%]");
    }

    #[test]
    fn refuses_what_is_not_an_interval() {
        assert!(CompiledInterval::parse("0-10%").is_err());
        assert!(CompiledInterval::parse("(10,0]").is_err());
        assert!(CompiledInterval::parse("(5,5]").is_err());
        assert!(CompiledInterval::parse("[-∞,0]").is_err());
        assert!(CompiledInterval::parse("(0,1,2)").is_err());
        assert!(CompiledInterval::parse("").is_err());
        assert!(CompiledInterval::parse("(a,1)").is_err());
    }

    #[test]
    fn neighbours_meet_gap_or_overlap() {
        assert_eq!(iv("[0,0]").meets(&iv("(0,10]")), Ordering::Equal);
        assert_eq!(iv("[0,10)").meets(&iv("(10,20]")), Ordering::Less);
        assert_eq!(iv("[0,10]").meets(&iv("[10,20]")), Ordering::Greater);
        assert_eq!(iv("[0,10]").meets(&iv("[12,20]")), Ordering::Less);
        assert_eq!(iv("[0,+∞)").meets(&iv("[12,20]")), Ordering::Greater);
        assert_eq!(iv("[0,1]").cmp_start(&iv("(0,1]")), Ordering::Less);
    }
}
