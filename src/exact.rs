//! Exact arithmetic where `Decimal`'s own operators round silently.
//!
//! `Decimal::checked_mul` rounds a product that has more than 28
//! significant digits, and `checked_div` rounds every quotient that does not
//! terminate: a score computed as `points × (a ÷ b)` is rounded twice, and a
//! half can go the wrong way. The functions here compute on the integer
//! mantissas instead, and say when a result is not exact.
//!
//! A quotient that does not terminate is carried *rounded to odd* at the
//! last decimal place it can hold (at least [`MIN_PLACES`]): truncated, and
//! its last digit made odd. Such a figure never lies on a coarser grid point,
//! so rounding it again to any precision of at most `MIN_PLACES − 2` places
//! (a rubric's precision is at most [`MAX_PRECISION`](crate::limits::MAX_PRECISION))
//! gives exactly what rounding the true value would give, in every rounding
//! mode the crate offers.

// Parts are used as the rules move onto it.
#![allow(dead_code)]

use rust_decimal::Decimal;

/// The fewest decimal places an inexact quotient is carried to.
pub(crate) const MIN_PLACES: u32 = 12;

/// The largest mantissa a `Decimal` holds.
const MAX_MANTISSA: u128 = (1u128 << 96) - 1;

/// A decimal's sign, mantissa and scale, trailing zeros removed.
fn parts(d: Decimal) -> (bool, u128, u32) {
    let n = d.normalize();
    (n.is_sign_negative(), n.mantissa().unsigned_abs(), n.scale())
}

/// Builds a decimal from a sign, mantissa and scale, reducing the scale
/// where the mantissa ends in zeros; `None` if it does not fit.
fn build(negative: bool, mut m: u128, mut scale: u32) -> Option<Decimal> {
    while (scale > 28 || m > MAX_MANTISSA) && scale > 0 && m % 10 == 0 {
        m /= 10;
        scale -= 1;
    }
    if scale > 28 || m > MAX_MANTISSA {
        return None;
    }
    let signed = i128::try_from(m).ok()?;
    let d =
        Decimal::try_from_i128_with_scale(if negative { -signed } else { signed }, scale).ok()?;
    Some(d.normalize())
}

fn pow10(k: u32) -> Option<u128> {
    10u128.checked_pow(k)
}

/// The exact product, or `None` when it has more digits than a `Decimal`
/// holds (where `checked_mul` would round).
pub(crate) fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (na, ma, sa) = parts(a);
    let (nb, mb, sb) = parts(b);
    build(na != nb, ma.checked_mul(mb)?, sa + sb)
}

/// A quotient as the crate carries it: the figure, and whether it is the
/// exact value (otherwise it is rounded to odd, see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Quotient {
    pub(crate) value: Decimal,
    pub(crate) exact: bool,
}

/// `a × b ÷ c`, divided once. `None` when `c` is 0, or when the figures are
/// too large to carry the quotient to [`MIN_PLACES`] places.
pub(crate) fn mul_div(a: Decimal, b: Decimal, c: Decimal) -> Option<Quotient> {
    let (na, ma, sa) = parts(a);
    let (nb, mb, sb) = parts(b);
    let (nc, mc, sc) = parts(c);
    if mc == 0 {
        return None;
    }
    let negative = (na != nb) != nc;
    let num = ma.checked_mul(mb)?;
    // value = num / 10^(sa+sb) ÷ (mc / 10^sc) = (num × 10^sc) / (mc × 10^(sa+sb))
    let (top, bottom) = if sc >= sa + sb {
        (num.checked_mul(pow10(sc - sa - sb)?)?, mc)
    } else {
        (num, mc.checked_mul(pow10(sa + sb - sc)?)?)
    };
    divide(negative, top, bottom)
}

/// `a ÷ b`, exact or rounded to odd.
pub(crate) fn div(a: Decimal, b: Decimal) -> Option<Quotient> {
    mul_div(a, Decimal::ONE, b)
}

/// Long division of whole numbers, to as many places as a `Decimal` holds.
fn divide(negative: bool, top: u128, bottom: u128) -> Option<Quotient> {
    let mut q = top / bottom;
    let mut r = top % bottom;
    if q > MAX_MANTISSA {
        return None;
    }
    let mut scale = 0u32;
    while r != 0 && scale < 28 {
        let r10 = r.checked_mul(10)?;
        let digit = r10 / bottom;
        let next = q.checked_mul(10)?.checked_add(digit)?;
        if next > MAX_MANTISSA {
            break;
        }
        q = next;
        r = r10 % bottom;
        scale += 1;
    }
    let exact = r == 0;
    if !exact {
        if scale < MIN_PLACES {
            return None;
        }
        if q % 2 == 0 {
            q += 1;
        }
    }
    Some(Quotient {
        value: build(negative, q, scale)?,
        exact,
    })
}

/// Compares `a ÷ b` with `c ÷ d` exactly, for positive `b` and `d`
/// (cross-multiplied, never a rounded quotient). `None` on overflow.
pub(crate) fn cmp_ratio(
    a: Decimal,
    b: Decimal,
    c: Decimal,
    d: Decimal,
) -> Option<std::cmp::Ordering> {
    let (nl, ml, sl) = product(a, d)?;
    let (nr, mr, sr) = product(c, b)?;
    let scale = sl.max(sr);
    let left = i128::try_from(ml.checked_mul(pow10(scale - sl)?)?).ok()?;
    let right = i128::try_from(mr.checked_mul(pow10(scale - sr)?)?).ok()?;
    let signed = |negative: bool, m: i128| if negative { -m } else { m };
    Some(signed(nl, left).cmp(&signed(nr, right)))
}

/// A product's sign, mantissa and scale.
fn product(a: Decimal, b: Decimal) -> Option<(bool, u128, u32)> {
    let (na, ma, sa) = parts(a);
    let (nb, mb, sb) = parts(b);
    Some((na != nb, ma.checked_mul(mb)?, sa + sb))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::RoundingStrategy;
    use rust_decimal_macros::dec;

    #[test]
    fn products_are_exact_or_refused() {
        assert_eq!(mul(dec!(1.5), dec!(0.2)), Some(dec!(0.3)));
        assert_eq!(mul(dec!(-4), dec!(2.5)), Some(dec!(-10)));
        // `checked_mul` would round this 47-digit product.
        assert_eq!(
            mul(
                dec!(1.2345678901234567890123456789),
                dec!(3.3333333333333333333)
            ),
            None
        );
    }

    #[test]
    fn a_half_is_kept_a_half() {
        // 3 × 9.75 ÷ 90 = 0.325 exactly: 四舍五入 gives 0.33.
        let q = mul_div(dec!(3), dec!(9.75), dec!(90)).unwrap();
        assert!(q.exact);
        assert_eq!(q.value, dec!(0.325));
        assert_eq!(
            q.value
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
            dec!(0.33)
        );
        let q = mul_div(dec!(4.5), dec!(1), dec!(3)).unwrap();
        assert_eq!((q.value, q.exact), (dec!(1.5), true));
    }

    #[test]
    fn an_endless_quotient_is_rounded_to_odd() {
        // 4 × 12 ÷ 14 = 3.428571…
        let q = mul_div(dec!(4), dec!(12), dec!(14)).unwrap();
        assert!(!q.exact);
        assert_eq!(
            q.value
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
            dec!(3.43)
        );
        // 2 ÷ 3 carried to odd never lands on 0.67's midpoint side wrongly.
        let q = div(dec!(2), dec!(3)).unwrap();
        assert!(q.value.mantissa() % 2 == 1);
        // Just below a midpoint: 0.125 − 10⁻³⁰ must round down at 2 places.
        let a = dec!(0.1249999999999999999999999999);
        let q = mul_div(a, dec!(3), dec!(3)).unwrap();
        assert_eq!(
            q.value
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
            dec!(0.12)
        );
    }

    #[test]
    fn ratios_compare_without_rounding() {
        use std::cmp::Ordering;
        // 2/3 against 0.6666666666666666666666666667 (2/3 rounded up at 28
        // places): below it, though the rounded quotient equals it.
        assert_eq!(
            cmp_ratio(
                dec!(2),
                dec!(3),
                dec!(0.6666666666666666666666666667),
                dec!(1)
            ),
            Some(Ordering::Less)
        );
        assert_eq!(
            cmp_ratio(dec!(1), dec!(2), dec!(2), dec!(4)),
            Some(Ordering::Equal)
        );
    }
}
