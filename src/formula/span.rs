//! What values a formula can take, from the ranges its inputs are declared
//! in: interval arithmetic, conservative (the span always contains every
//! value the formula can give), with `None` for an unbounded end.

use rust_decimal::Decimal;

use super::{write_expr, Expr, Formula, Op};

/// A closed range of values; `None` is −∞ (low) or +∞ (high).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) low: Option<Decimal>,
    pub(crate) high: Option<Decimal>,
}

impl Span {
    pub(crate) const ALL: Span = Span {
        low: None,
        high: None,
    };

    pub(crate) fn point(v: Decimal) -> Span {
        Span {
            low: Some(v),
            high: Some(v),
        }
    }

    pub(crate) fn contains_zero(self) -> bool {
        self.low.is_none_or(|l| l <= Decimal::ZERO) && self.high.is_none_or(|h| h >= Decimal::ZERO)
    }

    /// The span of the absolute values.
    pub(crate) fn absolute(self) -> Span {
        let zero = Decimal::ZERO;
        match (self.low, self.high) {
            (Some(l), Some(h)) if l >= zero => Span {
                low: Some(l),
                high: Some(h),
            },
            (Some(l), Some(h)) if h <= zero => Span {
                low: Some(-h),
                high: Some(-l),
            },
            (Some(l), Some(h)) => Span {
                low: Some(zero),
                high: Some(h.max(-l)),
            },
            (Some(l), None) if l >= zero => Span {
                low: Some(l),
                high: None,
            },
            (None, Some(h)) if h <= zero => Span {
                low: Some(-h),
                high: None,
            },
            _ => Span {
                low: Some(zero),
                high: None,
            },
        }
    }

    fn add(self, other: Span) -> Span {
        let both = |a: Option<Decimal>, b: Option<Decimal>| a?.checked_add(b?);
        Span {
            low: both(self.low, other.low),
            high: both(self.high, other.high),
        }
    }

    fn neg(self) -> Span {
        Span {
            low: self.high.map(|h| -h),
            high: self.low.map(|l| -l),
        }
    }

    fn mul(self, other: Span) -> Span {
        let zero = Span::point(Decimal::ZERO);
        if self == zero || other == zero {
            return zero;
        }
        match (self.low, self.high, other.low, other.high) {
            (Some(a), Some(b), Some(c), Some(d)) => {
                let products = [
                    a.checked_mul(c),
                    a.checked_mul(d),
                    b.checked_mul(c),
                    b.checked_mul(d),
                ];
                if products.iter().any(Option::is_none) {
                    return Span::ALL;
                }
                let values = products.map(Option::unwrap_or_default);
                Span {
                    low: values.iter().copied().min(),
                    high: values.iter().copied().max(),
                }
            }
            // Both non-negative, some end unbounded.
            (Some(a), b, Some(c), d) if a >= Decimal::ZERO && c >= Decimal::ZERO => Span {
                low: a.checked_mul(c),
                high: match (b, d) {
                    (Some(b), Some(d)) => b.checked_mul(d),
                    _ => None,
                },
            },
            _ => Span::ALL,
        }
    }

    fn div(self, other: Span) -> Span {
        if other.contains_zero() {
            // Where the division is defined, a denominator in [0, d] is in
            // (0, d]: its reciprocal is at least 1/d.
            if other.low == Some(Decimal::ZERO) && other.high != Some(Decimal::ZERO) {
                let floor = match other.high {
                    None => Some(Decimal::ZERO),
                    Some(h) => Decimal::ONE.checked_div(h),
                };
                return self.mul(Span {
                    low: floor,
                    high: None,
                });
            }
            if other.high == Some(Decimal::ZERO) && other.low != Some(Decimal::ZERO) {
                return self.neg().div(other.neg());
            }
            return Span::ALL;
        }
        // 1 / [c, d] with c, d of one sign: [1/d, 1/c], an unbounded end giving 0.
        let recip = |v: Option<Decimal>| match v {
            None => Some(Decimal::ZERO),
            Some(v) => Decimal::ONE.checked_div(v),
        };
        let (Some(low), Some(high)) = (recip(other.high), recip(other.low)) else {
            return Span::ALL;
        };
        self.mul(Span {
            low: Some(low),
            high: Some(high),
        })
    }
}

fn span(expr: &Expr, inputs: &[Span], zero: &mut dyn FnMut(&Expr, Span)) -> Span {
    match expr {
        Expr::Number(n) => Span::point(*n),
        Expr::Input(slot) => inputs.get(*slot).copied().unwrap_or(Span::ALL),
        Expr::Neg(inner) => span(inner, inputs, zero).neg(),
        Expr::Binary(op, a, b) => {
            let (a_span, b_span) = (span(a, inputs, zero), span(b, inputs, zero));
            match op {
                Op::Add => a_span.add(b_span),
                Op::Sub => a_span.add(b_span.neg()),
                Op::Mul => a_span.mul(b_span),
                Op::Div => {
                    if b_span.contains_zero() {
                        zero(b, b_span);
                    }
                    a_span.div(b_span)
                }
            }
        }
    }
}

impl Formula {
    /// The values the formula can take when each input lies in its span.
    pub(crate) fn span(&self, inputs: &[Span]) -> Span {
        let s = span(&self.expr, inputs, &mut |_, _| {});
        if self.percent {
            s.mul(Span::point(Decimal::ONE_HUNDRED))
        } else {
            s
        }
    }

    /// The denominators that can be zero when each input lies in its span,
    /// written out (`编制数`, `(a + b)`).
    pub(crate) fn zero_denominators(
        &self,
        inputs: &[Span],
        names: &[std::sync::Arc<str>],
    ) -> Vec<String> {
        self.denominators(inputs, names, false)
    }

    /// The denominators that are 0 whatever the inputs within their spans
    /// (a literal `/0`, or `a-a`): every evaluation meets a zero denominator.
    pub(crate) fn always_zero_denominators(
        &self,
        inputs: &[Span],
        names: &[std::sync::Arc<str>],
    ) -> Vec<String> {
        self.denominators(inputs, names, true)
    }

    fn denominators(
        &self,
        inputs: &[Span],
        names: &[std::sync::Arc<str>],
        always: bool,
    ) -> Vec<String> {
        let mut found = Vec::new();
        span(&self.expr, inputs, &mut |e, s| {
            if always && s != Span::point(Decimal::ZERO) {
                return;
            }
            let mut text = String::new();
            write_expr(e, &mut text, 0, &|slot| {
                names
                    .get(slot)
                    .map_or_else(|| "?".to_owned(), |n| n.to_string())
            });
            if !found.contains(&text) {
                found.push(text);
            }
        });
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;
    use std::sync::Arc;

    fn parse(text: &str) -> Formula {
        let names: Vec<Arc<str>> = ["a", "b", "c"].iter().map(|n| Arc::from(*n)).collect();
        Formula::parse(
            text,
            &|n| ["a", "b", "c"].iter().position(|k| *k == n),
            &|| Arc::from(""),
            &names,
        )
        .unwrap()
    }

    const NONNEG: Span = Span {
        low: Some(Decimal::ZERO),
        high: None,
    };

    #[test]
    fn a_ratio_of_non_negative_inputs_is_non_negative_unless_it_divides_by_zero() {
        let f = parse("a/b×100%");
        let positive = Span {
            low: Some(dec!(1)),
            high: None,
        };
        assert_eq!(f.span(&[NONNEG, positive, NONNEG]), NONNEG);
        // Where it is defined, a ratio of non-negative numbers is non-negative.
        assert_eq!(f.span(&[NONNEG, NONNEG, NONNEG]), NONNEG);
        let names: Vec<Arc<str>> = ["a", "b", "c"].iter().map(|n| Arc::from(*n)).collect();
        assert_eq!(
            f.zero_denominators(&[NONNEG, NONNEG, NONNEG], &names),
            vec!["b".to_owned()]
        );
        assert!(f
            .zero_denominators(&[NONNEG, positive, NONNEG], &names)
            .is_empty());
    }

    #[test]
    fn a_change_rate_can_be_negative() {
        let f = parse("(a-b)/b×100%");
        let positive = Span {
            low: Some(dec!(1)),
            high: None,
        };
        let s = f.span(&[NONNEG, positive, NONNEG]);
        assert_eq!(s.high, None);
        assert!(s.low.is_none_or(|l| l <= dec!(-100)));
    }

    #[test]
    fn bounded_inputs_give_bounded_values() {
        let f = parse("a");
        let pct = Span {
            low: Some(dec!(0)),
            high: Some(dec!(100)),
        };
        assert_eq!(f.span(&[pct, pct, pct]), pct);
        let f = parse("a*b-c");
        let s = f.span(&[pct, pct, pct]);
        assert_eq!((s.low, s.high), (Some(dec!(-100)), Some(dec!(10000))));
    }
}
