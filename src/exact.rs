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

use std::cmp::Ordering;

use rust_decimal::Decimal;

/// The fewest decimal places an inexact quotient is carried to: two more
/// than the finest rounding (a rubric's precision is at most 10), and more
/// than the working ever shows (at most 12 places), so that a figure shown
/// in full is always exact and an inexact one is always shown with `≈`.
pub(crate) const MIN_PLACES: u32 = 13;

/// The largest mantissa a `Decimal` holds.
const MAX_MANTISSA: u128 = (1u128 << 96) - 1;

/// A decimal's sign, mantissa and scale, trailing zeros removed.
fn parts(d: Decimal) -> (bool, u128, u32) {
    let (m, scale) = strip(d.mantissa().unsigned_abs(), d.scale());
    (d.is_sign_negative() && m != 0, m, scale)
}

/// A mantissa and scale with the fraction's trailing zeros removed: what
/// `Decimal::normalize` does, on the integer (most figures have none to
/// remove, and this asks one remainder of them).
fn strip(mut m: u128, mut scale: u32) -> (u128, u32) {
    // Most mantissas (0 among them) fit 64 bits, where a remainder is one
    // instruction.
    if let Ok(small) = u64::try_from(m) {
        let (small, scale) = strip64(small, scale);
        return (u128::from(small), scale);
    }
    // An odd mantissa (every inexact quotient's) ends in no zero.
    while scale > 0 && m & 1 == 0 && m.is_multiple_of(10) {
        m /= 10;
        scale -= 1;
    }
    (m, scale)
}

/// [`strip`] on a mantissa that fits 64 bits.
fn strip64(mut m: u64, mut scale: u32) -> (u64, u32) {
    if m == 0 {
        return (0, 0);
    }
    while scale > 0 && m.is_multiple_of(10) {
        m /= 10;
        scale -= 1;
    }
    (m, scale)
}

/// Builds a decimal from a sign, mantissa and scale, reducing the scale
/// where the mantissa ends in zeros; `None` if it does not fit.
fn build(negative: bool, mut m: u128, mut scale: u32) -> Option<Decimal> {
    // The usual case: a mantissa of at most 64 bits at a scale a decimal
    // holds, made without any 128-bit division.
    if scale <= 28 {
        if let Ok(small) = u64::try_from(m) {
            let (small, scale) = strip64(small, scale);
            return Some(from_mantissa(negative, u128::from(small), scale));
        }
    }
    while (scale > 28 || m > MAX_MANTISSA) && scale > 0 && m.is_multiple_of(10) {
        m /= 10;
        scale -= 1;
    }
    if scale > 28 || m > MAX_MANTISSA {
        return None;
    }
    let (m, scale) = strip(m, scale);
    Some(from_mantissa(negative, m, scale))
}

/// A decimal from a mantissa of at most 96 bits and a scale of at most 28
/// (a zero is never negative).
pub(crate) fn from_mantissa(negative: bool, m: u128, scale: u32) -> Decimal {
    debug_assert!(m <= MAX_MANTISSA && scale <= 28);
    // Truncating casts take the three 32-bit words of the mantissa.
    #[allow(clippy::cast_possible_truncation)]
    Decimal::from_parts(
        m as u32,
        (m >> 32) as u32,
        (m >> 64) as u32,
        negative,
        scale,
    )
}

/// `10^k` for every `k` a `u128` holds.
const POW10: [u128; 39] = {
    let mut table = [1u128; 39];
    let mut i = 1;
    while i < 39 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

pub(crate) fn pow10(k: u32) -> Option<u128> {
    POW10.get(usize::try_from(k).ok()?).copied()
}

/// Quotient and remainder, in 64 bits where both figures fit.
pub(crate) fn divmod(a: u128, b: u128) -> (u128, u128) {
    if let (Ok(a), Ok(b)) = (u64::try_from(a), u64::try_from(b)) {
        (u128::from(a / b), u128::from(a % b))
    } else {
        let q = a / b;
        (q, a - q * b)
    }
}

/// The exact product, or `None` when it has more digits than a `Decimal`
/// holds (where `checked_mul` would round).
pub(crate) fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (na, ma, sa) = parts(a);
    let (nb, mb, sb) = parts(b);
    build(na != nb, times(ma, mb)?, sa + sb)
}

/// `a × b`, one widening multiplication where both fit 64 bits.
fn times(a: u128, b: u128) -> Option<u128> {
    match (u64::try_from(a), u64::try_from(b)) {
        (Ok(a), Ok(b)) => Some(u128::from(a) * u128::from(b)),
        _ => a.checked_mul(b),
    }
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
    let num = times(ma, mb)?;
    // value = num / 10^(sa+sb) ÷ (mc / 10^sc) = (num × 10^sc) / (mc × 10^(sa+sb))
    let (top, bottom) = if sc >= sa + sb {
        (times(num, pow10(sc - sa - sb)?)?, mc)
    } else {
        (num, times(mc, pow10(sa + sb - sc)?)?)
    };
    divide(negative, top, bottom)
}

/// `a ÷ b`, exact or rounded to odd.
pub(crate) fn div(a: Decimal, b: Decimal) -> Option<Quotient> {
    mul_div(a, Decimal::ONE, b)
}

/// The exact sum, or `None` when it has more digits than a `Decimal`
/// holds (where `checked_add` would round) or is too large.
pub(crate) fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (na, ma, sa) = parts(a);
    let (nb, mb, sb) = parts(b);
    let scale = sa.max(sb);
    let ma = times(ma, pow10(scale - sa)?)?;
    let mb = times(mb, pow10(scale - sb)?)?;
    let (negative, m) = if na == nb {
        (na, ma.checked_add(mb)?)
    } else if ma >= mb {
        (na, ma - mb)
    } else {
        (nb, mb - ma)
    };
    build(negative, m, scale)
}

/// The exact difference `a − b`, or `None` (see [`add`]).
pub(crate) fn sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    add(a, -b)
}

/// The exact sum of many figures, or `None` (see [`add`]).
pub(crate) fn sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, add)
}

/// An exact fraction `num ÷ den` with `den > 0`: formulas and rules carry
/// their figures this way and divide once, at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fraction {
    num: Decimal,
    den: Decimal,
}

impl Fraction {
    /// A decimal as a fraction over 1.
    pub(crate) fn whole(value: Decimal) -> Fraction {
        Fraction {
            num: value,
            den: Decimal::ONE,
        }
    }

    /// `num ÷ den`; `None` when `den` is 0.
    pub(crate) fn new(num: Decimal, den: Decimal) -> Option<Fraction> {
        if den.is_zero() {
            None
        } else if den.is_sign_negative() {
            Some(Fraction {
                num: -num,
                den: -den,
            })
        } else {
            Some(Fraction { num, den })
        }
    }

    /// The numerator.
    pub(crate) fn num(self) -> Decimal {
        self.num
    }

    /// The denominator (positive).
    pub(crate) fn den(self) -> Decimal {
        self.den
    }

    pub(crate) fn is_zero(self) -> bool {
        self.num.is_zero()
    }

    /// Whether the fraction is below 0.
    pub(crate) fn is_negative(self) -> bool {
        self.num.is_sign_negative() && !self.num.is_zero()
    }

    pub(crate) fn neg(self) -> Fraction {
        Fraction {
            num: -self.num,
            den: self.den,
        }
    }

    pub(crate) fn abs(self) -> Fraction {
        Fraction {
            num: self.num.abs(),
            den: self.den,
        }
    }

    pub(crate) fn add(self, other: Fraction) -> Option<Fraction> {
        if self.den == other.den {
            return Some(Fraction {
                num: add(self.num, other.num)?,
                den: self.den,
            });
        }
        let cross = |a: Fraction, b: Fraction| {
            Some(Fraction {
                num: add(mul(a.num, b.den)?, mul(b.num, a.den)?)?,
                den: mul(a.den, b.den)?,
            })
        };
        cross(self, other).or_else(|| cross(self.reduced()?, other.reduced()?))
    }

    pub(crate) fn sub(self, other: Fraction) -> Option<Fraction> {
        self.add(other.neg())
    }

    pub(crate) fn mul(self, other: Fraction) -> Option<Fraction> {
        quotient_of_products(self.num, other.num, self.den, other.den)
    }

    /// `self ÷ other`; `None` when `other` is 0 or the figures do not fit.
    pub(crate) fn div(self, other: Fraction) -> Option<Fraction> {
        if other.num.is_zero() {
            return None;
        }
        quotient_of_products(self.num, other.den, self.den, other.num)
    }

    /// The same value in lowest terms, where both terms are whole numbers
    /// that fit (`None` otherwise).
    fn reduced(self) -> Option<Fraction> {
        let (num, den) = lowest(self.num, self.den)?;
        Fraction::new(num, den)
    }

    /// The fraction × 100 (a value as a percentage), moving the scale of
    /// the denominator where the numerator would not fit.
    pub(crate) fn hundredfold(self) -> Option<Fraction> {
        if let Some(num) = mul(self.num, Decimal::ONE_HUNDRED) {
            return Some(Fraction { num, den: self.den });
        }
        Some(Fraction {
            num: self.num,
            den: mul(self.den, Decimal::new(1, 2))?,
        })
    }

    /// Compares the fraction with a decimal exactly.
    pub(crate) fn cmp_value(self, value: Decimal) -> Option<Ordering> {
        cmp_ratio(self.num, self.den, value, Decimal::ONE)
    }

    /// The figure, exact or rounded to odd (see the module docs).
    pub(crate) fn quotient(self) -> Option<Quotient> {
        div(self.num, self.den)
    }

    /// The largest whole number not above the fraction.
    pub(crate) fn floor(self) -> Option<Decimal> {
        let (top, bottom) = integers(self.num, self.den)?;
        let q = top.div_euclid(bottom);
        Decimal::try_from_i128_with_scale(q, 0).ok()
    }

    /// The smallest whole number not below the fraction.
    pub(crate) fn ceil(self) -> Option<Decimal> {
        self.neg().floor().map(|f| -f)
    }
}

/// `(a × b) ÷ (c × d)`, cancelling common factors across where the plain
/// products do not fit (`7e28 ÷ 3 × 3` is `7e28`).
fn quotient_of_products(a: Decimal, b: Decimal, c: Decimal, d: Decimal) -> Option<Fraction> {
    let plain = || Fraction::new(mul(a, b)?, mul(c, d)?);
    plain().or_else(|| {
        let (a, d) = lowest(a, d)?;
        let (b, c) = lowest(b, c)?;
        Fraction::new(mul(a, b)?, mul(c, d)?)
    })
}

/// The ratio `a : b` (`b ≠ 0`) in lowest whole terms, with `b`'s sign kept.
fn lowest(a: Decimal, b: Decimal) -> Option<(Decimal, Decimal)> {
    let (top, bottom) = integers(a, b.abs())?;
    let g = gcd(top.unsigned_abs(), bottom.unsigned_abs());
    let g = i128::try_from(g).ok().filter(|g| *g > 0)?;
    let top = Decimal::try_from_i128_with_scale(top / g, 0).ok()?;
    let bottom = Decimal::try_from_i128_with_scale(bottom / g, 0).ok()?;
    Some((
        top,
        if b.is_sign_negative() {
            -bottom
        } else {
            bottom
        },
    ))
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `a ÷ b` as a quotient of whole numbers (`b > 0`).
fn integers(a: Decimal, b: Decimal) -> Option<(i128, i128)> {
    let (na, ma, sa) = parts(a);
    let (_, mb, sb) = parts(b);
    let (top, bottom) = if sb >= sa {
        (times(ma, pow10(sb - sa)?)?, mb)
    } else {
        (ma, times(mb, pow10(sa - sb)?)?)
    };
    let top = i128::try_from(top).ok()?;
    let bottom = i128::try_from(bottom).ok()?;
    Some((if na { -top } else { top }, bottom))
}

/// Long division of whole numbers, to as many places as a `Decimal` holds.
fn divide(negative: bool, top: u128, bottom: u128) -> Option<Quotient> {
    let (mut q, mut r) = divmod(top, bottom);
    if q > MAX_MANTISSA {
        return None;
    }
    let mut scale = 0u32;
    // Nine digits a division while they fit (r < bottom < 2^96, so r × 10^9
    // fits in 128 bits): the same digits as one at a time, a ninth of the
    // divisions. Zeros past an exact end are dropped by `build`.
    const CHUNK: u32 = 9;
    while r != 0 && scale + CHUNK <= 28 {
        let Some(shifted) = r.checked_mul(10u128.pow(CHUNK)) else {
            break;
        };
        let (digits, rest) = divmod(shifted, bottom);
        match q
            .checked_mul(10u128.pow(CHUNK))
            .and_then(|v| v.checked_add(digits))
        {
            Some(next) if next <= MAX_MANTISSA => {
                q = next;
                r = rest;
                scale += CHUNK;
            }
            _ => break,
        }
    }
    while r != 0 && scale < 28 {
        let r10 = r.checked_mul(10)?;
        let (digit, rest) = divmod(r10, bottom);
        let next = q.checked_mul(10)?.checked_add(digit)?;
        if next > MAX_MANTISSA {
            break;
        }
        q = next;
        r = rest;
        scale += 1;
    }
    let exact = r == 0;
    if !exact {
        // Carried to fewer places than promised: refuse rather than show an
        // inexact figure as if it were exact.
        if scale < MIN_PLACES {
            return None;
        }
        if q.is_multiple_of(2) {
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
    let left = i128::try_from(times(ml, pow10(scale - sl)?)?).ok()?;
    let right = i128::try_from(times(mr, pow10(scale - sr)?)?).ok()?;
    let signed = |negative: bool, m: i128| if negative { -m } else { m };
    Some(signed(nl, left).cmp(&signed(nr, right)))
}

/// A product's sign, mantissa and scale.
fn product(a: Decimal, b: Decimal) -> Option<(bool, u128, u32)> {
    let (na, ma, sa) = parts(a);
    let (nb, mb, sb) = parts(b);
    Some((na != nb, times(ma, mb)?, sa + sb))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::RoundingStrategy;
    use rust_decimal_macros::dec;

    /// Long division one digit at a time, the way `divide` defines its
    /// result: the quotient truncated where it stops fitting, made odd if
    /// inexact; normalised.
    fn divide_digit_by_digit(negative: bool, top: u128, bottom: u128) -> Option<Quotient> {
        let (mut q, mut r) = (top / bottom, top % bottom);
        if q > MAX_MANTISSA {
            return None;
        }
        let mut scale = 0;
        while r != 0 && scale < 28 {
            let next = q * 10 + r * 10 / bottom;
            if next > MAX_MANTISSA {
                break;
            }
            (q, r, scale) = (next, r * 10 % bottom, scale + 1);
        }
        if r != 0 && scale < MIN_PLACES {
            return None;
        }
        if r != 0 && q % 2 == 0 {
            q += 1;
        }
        let signed = i128::try_from(q).ok()?;
        let value = Decimal::from_i128_with_scale(if negative { -signed } else { signed }, scale);
        Some(Quotient {
            value: value.normalize(),
            exact: r == 0,
        })
    }

    proptest::proptest! {
        /// Nine digits a division give what one at a time gives.
        #[test]
        fn chunked_division_is_long_division(
            top in 0u128..(1u128 << 100),
            bottom in 1u128..(1u128 << 96),
            small in 1u128..1000,
            negative: bool,
        ) {
            for b in [bottom, small] {
                proptest::prop_assert_eq!(
                    divide(negative, top, b),
                    divide_digit_by_digit(negative, top, b)
                );
            }
        }

        /// Products and sums are rust_decimal's, normalised, wherever
        /// rust_decimal's are exact (mantissas below 2^46, scales at most
        /// 14), bit for bit: the 64-bit paths build what the 128-bit ones
        /// built.
        #[test]
        fn products_and_sums_are_the_normalised_figures(
            a in 0u64..(1u64 << 46), b in 0u64..(1u64 << 46),
            na: bool, nb: bool, sa in 0u32..=14, sb in 0u32..=14,
        ) {
            let x = Decimal::from_parts(a as u32, (a >> 32) as u32, 0, na, sa);
            let y = Decimal::from_parts(b as u32, (b >> 32) as u32, 0, nb, sb);
            proptest::prop_assert_eq!(
                mul(x, y).map(|v| v.serialize()),
                Some((x * y).normalize().serialize())
            );
            proptest::prop_assert_eq!(
                add(x, y).map(|v| v.serialize()),
                Some((x + y).normalize().serialize())
            );
        }

        /// Stripping trailing zeros on the integers is `normalize`.
        #[test]
        fn parts_are_the_normalised_figure(
            lo: u32, mid: u32, hi: u32, negative: bool, scale in 0u32..=28,
        ) {
            let d = Decimal::from_parts(lo, mid, hi, negative, scale);
            let n = d.normalize();
            proptest::prop_assert_eq!(
                parts(d),
                (n.is_sign_negative() && !n.is_zero(), n.mantissa().unsigned_abs(), n.scale())
            );
        }
    }

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
