//! Exact decimal numbers as rubric and facts files write them.
//!
//! A JSON number is read from its text, exactly, or refused: the crate
//! turns on serde_json's `arbitrary_precision`, so every path through
//! serde_json — [`Facts::from_json`](crate::Facts::from_json), a plain
//! `serde_json::from_str::<Facts>`, `from_value` of a parsed `Value`, a web
//! framework's JSON extractor — hands over the literal as written
//! (`0.10000000000000000001` is that number, never `0.1`). A literal a
//! [`Decimal`] cannot hold (more than 28 significant digits, beyond its
//! range or its 28 places) is refused, never rounded. Strings are parsed
//! exactly too. A format that parses numbers into binary floats itself
//! (YAML, CBOR, …) cannot say what was written: its float is read as the
//! shortest decimal that float shows (`0.1`), so long decimals are written
//! there as strings.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::{self, Deserializer, MapAccess, Visitor};

/// The most significant digits a spreadsheet cell's binary float may carry
/// and still be read as the decimal it shows.
#[cfg(feature = "xlsx")]
pub(crate) const MAX_FLOAT_DIGITS: usize = 15;

/// The private key under which `serde_json` hands over a number with its
/// `arbitrary_precision` feature, which this crate turns on.
pub(crate) const ARBITRARY_PRECISION_KEY: &str = "$serde_json::private::Number";

/// Reads a JSON number literal (`6.28`, `-3`, `1E-28`, `2.5e3`) exactly:
/// the figure written, or a message saying why a decimal cannot hold it.
pub(crate) fn from_literal(literal: &str) -> Result<Decimal, String> {
    let (mantissa, exponent) = match literal.find(['e', 'E']) {
        Some(i) => (&literal[..i], Some(&literal[i + 1..])),
        None => (literal, None),
    };
    let negative = mantissa.starts_with('-');
    let unsigned = mantissa.trim_start_matches('-');
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let well_formed = !whole.is_empty()
        && whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
        && exponent.is_none_or(|e| {
            let e = e.strip_prefix(['+', '-']).unwrap_or(e);
            !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
        });
    if !well_formed {
        return Err(format!("`{literal}` is not a JSON number"));
    }
    let too_large = || {
        format!(
            "the JSON number {literal} is too large for an exact decimal (at most {})",
            Decimal::MAX
        )
    };
    let too_small = || {
        format!(
            "the JSON number {literal} has more decimal places than the 28 an exact decimal holds"
        )
    };
    // The significant digits and the power of ten of the last one.
    let digits: String = whole.chars().chain(fraction.chars()).collect();
    let digits = digits.trim_start_matches('0');
    let trimmed = digits.trim_end_matches('0');
    if trimmed.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let shift: i64 = match exponent {
        None => 0,
        Some(e) => match e.trim_start_matches('+').parse::<i64>() {
            Ok(e) => e,
            Err(_) if e.starts_with('-') => return Err(too_small()),
            Err(_) => return Err(too_large()),
        },
    };
    let places = i64::try_from(fraction.len()).unwrap_or(i64::MAX);
    let zeros = i64::try_from(digits.len() - trimmed.len()).unwrap_or(0);
    // value = trimmed × 10^power
    let power = zeros.saturating_sub(places).saturating_add(shift);
    let length = i64::try_from(trimmed.len()).unwrap_or(i64::MAX);
    if power.saturating_add(length) > 29 {
        return Err(too_large());
    }
    if power < -28 {
        return Err(too_small());
    }
    if trimmed.len() > 29 {
        return Err(format!(
            "the JSON number {literal} has more significant digits than the 28 an exact decimal holds; write it with fewer"
        ));
    }
    let mut text = String::with_capacity(trimmed.len() + 32);
    if negative {
        text.push('-');
    }
    if power >= 0 {
        text.push_str(trimmed);
        text.extend(std::iter::repeat_n(
            '0',
            usize::try_from(power).unwrap_or(0),
        ));
    } else {
        let point = usize::try_from(-power).unwrap_or(0);
        if point >= trimmed.len() {
            text.push_str("0.");
            text.extend(std::iter::repeat_n('0', point - trimmed.len()));
            text.push_str(trimmed);
        } else {
            text.push_str(&trimmed[..trimmed.len() - point]);
            text.push('.');
            text.push_str(&trimmed[trimmed.len() - point..]);
        }
    }
    Decimal::from_str_exact(&text).map_err(|_| {
        if power >= 0 {
            too_large()
        } else {
            format!(
                "the JSON number {literal} has more significant digits than the 28 an exact decimal holds; write it with fewer"
            )
        }
    })
}

/// Reads a number handed over as a binary float. serde_json (with
/// `arbitrary_precision`) hands one over only when the float's shortest
/// decimal form is exactly the literal written, so that form is the
/// number; a format that parses floats itself (YAML, CBOR) gives the float's
/// shortest decimal form, which is what its writer meant unless they wrote
/// more digits than a float holds.
pub(crate) fn from_float(value: f64) -> Result<Decimal, String> {
    if !value.is_finite() {
        return Err(format!("{value} is not a finite number"));
    }
    from_literal(&format!("{value:e}"))
}

/// Reads a number as serde hands it over to a visitor's `visit_map`: the
/// literal under serde_json's private key.
pub(crate) fn from_number_map<'de, A: MapAccess<'de>>(
    mut map: A,
    expected: &dyn de::Expected,
) -> Result<Decimal, A::Error> {
    let key: Option<String> = map.next_key()?;
    match key.as_deref() {
        Some(ARBITRARY_PRECISION_KEY) => {
            let text: String = map.next_value()?;
            from_literal(&text).map_err(de::Error::custom)
        }
        _ => Err(de::Error::invalid_type(de::Unexpected::Map, expected)),
    }
}

/// Parses a decimal string exactly: `"6.28"`, `"-3"`, `"+0.5"`.
///
/// Refuses exponents, thousands separators and more digits than a
/// [`Decimal`] holds, so that nothing is silently rounded.
pub(crate) fn parse_exact(text: &str) -> Result<Decimal, String> {
    let trimmed = text.trim();
    let unsigned = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    let mut parts = unsigned.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next();
    let digits_ok = !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if !digits_ok {
        return Err(format!(
            "expected a decimal number such as \"6.28\", found `{text}`"
        ));
    }
    let body = trimmed.strip_prefix('+').unwrap_or(trimmed);
    // `"6.280"` is the decimal 6.28, as the JSON number `6.280` is.
    Decimal::from_str_exact(body)
        .map(|d| d.normalize())
        .map_err(|_| {
            format!(
            "expected at most 28 significant digits (what an exact decimal holds), found `{text}`"
        )
        })
}

#[cfg(feature = "xlsx")]
/// Reads an `f64` that a spreadsheet stored for a cell, as the decimal the
/// cell shows: exactly when its shortest form has at most 15 significant
/// digits, or not at all.
pub(crate) fn from_sheet_float(value: f64) -> Result<Decimal, String> {
    if !value.is_finite() {
        return Err(format!("{value} is not a finite number"));
    }
    // Out of a decimal's range: quote the number in exponent form, never
    // as hundreds of digits.
    if value != 0.0 && !(1e-28..8e28).contains(&value.abs()) {
        return Err(format!(
            "the number {value:e} is out of the range of an exact decimal (at most 28 digits before or after the point)"
        ));
    }
    // `Display` for f64 prints the shortest text that reads back to the same
    // value, without an exponent.
    let text = value.to_string();
    let significant = text
        .trim_start_matches('-')
        .replace('.', "")
        .trim_start_matches('0')
        .trim_end_matches('0')
        .len();
    if significant > MAX_FLOAT_DIGITS {
        return Err(format!(
            "the number {text} has more than {MAX_FLOAT_DIGITS} significant digits and cannot be \
             read exactly from a JSON number; write it as a string, e.g. \"{text}\""
        ));
    }
    parse_exact(&text)
}

/// Rounds half away from zero (四舍五入) or as the strategy says: what
/// `Decimal::round_dp_with_strategy` gives, bit for bit (the scale becomes
/// `precision`, a zero keeps its sign), on the integer mantissa — one
/// division where rust_decimal divides and multiplies word by word.
pub(crate) fn round(value: Decimal, precision: u32, strategy: RoundingStrategy) -> Decimal {
    let scale = value.scale();
    if scale <= precision {
        return value;
    }
    if value.is_zero() {
        return value.round_dp_with_strategy(precision, strategy);
    }
    let negative = value.is_sign_negative();
    let m = value.mantissa().unsigned_abs();
    // 1 ≤ scale − precision ≤ 28.
    let Some(p) = crate::exact::pow10(scale - precision) else {
        return value.round_dp_with_strategy(precision, strategy);
    };
    let (q, r) = crate::exact::divmod(m, p);
    let half = r.cmp(&(p / 2));
    #[allow(deprecated)]
    let up = match strategy {
        RoundingStrategy::MidpointNearestEven | RoundingStrategy::BankersRounding => {
            half.is_gt() || (half.is_eq() && q & 1 == 1)
        }
        RoundingStrategy::MidpointTowardZero | RoundingStrategy::RoundHalfDown => half.is_gt(),
        RoundingStrategy::MidpointAwayFromZero | RoundingStrategy::RoundHalfUp => !half.is_lt(),
        RoundingStrategy::AwayFromZero | RoundingStrategy::RoundUp => r != 0,
        RoundingStrategy::ToPositiveInfinity => !negative && r != 0,
        RoundingStrategy::ToNegativeInfinity => negative && r != 0,
        RoundingStrategy::ToZero | RoundingStrategy::RoundDown => false,
    };
    // The rounded mantissa is at most the original's: it fits 96 bits.
    crate::exact::from_mantissa(negative, q + u128::from(up), precision)
}

/// A decimal as an integer count of `10^-scale`, if it has at most `scale`
/// decimal places and fits.
pub(crate) fn to_scaled(value: Decimal, scale: u32) -> Option<i128> {
    let s = value.scale();
    // At most 28 places more: the scale range of a decimal.
    let more = scale.checked_sub(s).filter(|k| *k <= 28)?;
    let factor = i128::try_from(crate::exact::pow10(more)?).ok()?;
    value.mantissa().checked_mul(factor)
}

/// The inverse of [`to_scaled`], without trailing zeros.
pub(crate) fn from_scaled(value: i128, scale: u32) -> Option<Decimal> {
    // Scores are small: strip the zeros in 64 bits, where division is cheap.
    if let Ok(mut v) = i64::try_from(value) {
        let mut scale = scale;
        while scale > 0 && v % 10 == 0 {
            v /= 10;
            scale -= 1;
        }
        return Decimal::try_new(v, scale).ok();
    }
    Decimal::try_from_i128_with_scale(value, scale)
        .ok()
        .map(|d| d.normalize())
}

/// Formats a decimal without trailing zeros: `5.00` prints `5`, `-0` prints `0`.
pub(crate) fn plain(value: Decimal) -> String {
    let mut out = String::with_capacity(16);
    write_plain(&mut out, value);
    out
}

/// Writes a decimal as [`plain`] formats it, onto `out`: the mantissa's
/// digits with the point placed by the scale and the fraction's trailing
/// zeros dropped. Written by hand because working sentences print many
/// figures and `Display` goes through the formatting machinery.
pub(crate) fn write_plain(out: &mut String, value: Decimal) {
    let mantissa = value.mantissa();
    if mantissa == 0 {
        out.push('0');
        return;
    }
    // Digits, least significant first: a Decimal's 96-bit mantissa has at
    // most 29.
    let mut digits = [0u8; 40];
    let mut len = 0;
    let mut rest = mantissa.unsigned_abs();
    // Above 64 bits, digits come off the 128-bit figure until the rest
    // fits 64 bits, where dividing by ten is one multiplication.
    while rest > u128::from(u64::MAX) && len < digits.len() {
        digits[len] = b'0' + (rest % 10) as u8;
        rest /= 10;
        len += 1;
    }
    let mut small = u64::try_from(rest).unwrap_or(0);
    while small > 0 && len < digits.len() {
        digits[len] = b'0' + (small % 10) as u8;
        small /= 10;
        len += 1;
    }
    let mut scale = value.scale() as usize;
    let mut start = 0;
    while scale > 0 && digits[start] == b'0' {
        start += 1;
        scale -= 1;
    }
    if mantissa < 0 {
        out.push('-');
    }
    let significant = len - start;
    if scale >= significant {
        out.push_str("0.");
        for _ in significant..scale {
            out.push('0');
        }
        for &d in digits[start..len].iter().rev() {
            out.push(char::from(d));
        }
    } else {
        let whole = significant - scale;
        for (k, &d) in digits[start..len].iter().rev().enumerate() {
            if k == whole {
                out.push('.');
            }
            out.push(char::from(d));
        }
    }
}

/// Formats a decimal rounded to `precision` places for a reader, and says
/// whether the printed figure differs from the exact one.
///
/// A figure that would show as 0 though it is not (0.002 at 2 places) is
/// shown to two significant digits instead, so that a sentence built on it
/// stays true.
pub(crate) fn approx(value: Decimal, precision: u32) -> (String, bool) {
    let (rounded, inexact) = approximate(value, precision);
    (plain(rounded), inexact)
}

/// [`approx`]'s figure as a decimal, and whether it differs from `value`.
pub(crate) fn approximate(value: Decimal, precision: u32) -> (Decimal, bool) {
    if value.scale() <= precision {
        // Already at most `precision` places: shown as it is.
        return (value, false);
    }
    let mut places = precision;
    let mut rounded = round(value, places, RoundingStrategy::MidpointAwayFromZero);
    if rounded.is_zero() && !value.is_zero() {
        let n = value.normalize();
        let digits = n
            .mantissa()
            .unsigned_abs()
            .checked_ilog10()
            .map_or(1, |d| d as usize + 1);
        let leading = usize::try_from(n.scale())
            .unwrap_or(0)
            .saturating_sub(digits);
        places = u32::try_from(leading + 2).unwrap_or(28).min(28);
        rounded = round(value, places, RoundingStrategy::MidpointAwayFromZero);
    }
    (rounded, rounded != value)
}

/// What a decimal visitor accepts, so that messages say it.
const EXPECTING: &str = "a number, or a decimal written as a string such as \"0.85\"";

/// `deserialize_with` helper: an exact [`Decimal`] from a JSON number or string.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_any(DecimalVisitor)
}

/// `deserialize_with` helper for optional fields (use with `#[serde(default)]`).
pub(crate) fn deserialize_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Decimal>, D::Error> {
    deserializer.deserialize_any(OptionalDecimalVisitor)
}

struct DecimalVisitor;

impl<'de> Visitor<'de> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTING)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Decimal, E> {
        from_literal(&v.to_string()).map_err(E::custom)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Decimal, E> {
        from_literal(&v.to_string()).map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        from_float(v).map_err(E::custom)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_exact(v).map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Decimal, A::Error> {
        // serde_json's `arbitrary_precision` hands numbers over as a one-entry
        // map holding the literal text: read that text exactly.
        from_number_map(map, &self)
    }
}

struct OptionalDecimalVisitor;

impl<'de> Visitor<'de> for OptionalDecimalVisitor {
    type Value = Option<Decimal>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTING)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        deserialize(d).map(Some)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        DecimalVisitor.visit_i64(v).map(Some)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        DecimalVisitor.visit_u64(v).map(Some)
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
        DecimalVisitor.visit_i128(v).map(Some)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
        DecimalVisitor.visit_u128(v).map(Some)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        DecimalVisitor.visit_f64(v).map(Some)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        DecimalVisitor.visit_str(v).map(Some)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        DecimalVisitor.visit_map(map).map(Some)
    }
}

/// Reads a number that may carry a `%` sign, as percentages are written in
/// rubrics (`"100%"`, `"-5%"`). Returns the number in percentage points and
/// whether the sign was there.
pub(crate) fn parse_percent(text: &str) -> Result<(Decimal, bool), String> {
    let trimmed = text.trim();
    match trimmed.strip_suffix(['%', '％']) {
        Some(number) => parse_exact(number).map(|d| (d, true)),
        None => parse_exact(trimmed).map(|d| (d, false)),
    }
}

/// The JSON Schema of an exact decimal as rubric and facts files write it:
/// a JSON number or a decimal string (no exponent).
pub(crate) struct ExactDecimal;

impl schemars::JsonSchema for ExactDecimal {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ExactDecimal".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A number, read exactly as written (at most 28 significant digits and 28 decimal places), or a decimal written as a string such as \"0.85\".",
            "type": ["number", "string"],
            "pattern": "^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    proptest::proptest! {
        /// The hand-written formatter prints what `Display` prints of the
        /// normalised value, for any mantissa and scale.
        #[test]
        fn plain_is_display_of_the_normalised_value(
            lo: u32, mid: u32, hi: u32, negative: bool, scale in 0u32..=28,
        ) {
            let v = Decimal::from_parts(lo, mid, hi, negative, scale);
            let n = v.normalize();
            let expected = if n.is_zero() { "0".to_owned() } else { n.to_string() };
            proptest::prop_assert_eq!(plain(v), expected);
        }

        /// Rounding on the mantissa gives rust_decimal's rounding bit for
        /// bit (scale and sign included), in every strategy, for any
        /// figure and any precision; small mantissas (the 64-bit path)
        /// are drawn as often as large ones.
        #[test]
        fn round_is_round_dp_with_strategy(
            lo: u32, mid: u32, hi: u32, small: bool, negative: bool,
            scale in 0u32..=28, precision in 0u32..=30,
        ) {
            #[allow(deprecated)]
            let strategies = [
                RoundingStrategy::MidpointNearestEven,
                RoundingStrategy::MidpointAwayFromZero,
                RoundingStrategy::MidpointTowardZero,
                RoundingStrategy::ToZero,
                RoundingStrategy::AwayFromZero,
                RoundingStrategy::ToNegativeInfinity,
                RoundingStrategy::ToPositiveInfinity,
                RoundingStrategy::BankersRounding,
                RoundingStrategy::RoundHalfUp,
                RoundingStrategy::RoundHalfDown,
                RoundingStrategy::RoundDown,
                RoundingStrategy::RoundUp,
            ];
            let (mid, hi) = if small { (mid % 4, 0) } else { (mid, hi) };
            let v = Decimal::from_parts(lo, mid, hi, negative, scale);
            for strategy in strategies {
                proptest::prop_assert_eq!(
                    round(v, precision, strategy).serialize(),
                    v.round_dp_with_strategy(precision, strategy).serialize(),
                    "{} to {} places, {:?}", v, precision, strategy
                );
            }
        }
    }

    #[test]
    fn round_at_the_midpoints() {
        let half_up = RoundingStrategy::MidpointAwayFromZero;
        for (v, places, rounded) in [
            (dec!(0.325), 2, dec!(0.33)),
            (dec!(-0.325), 2, dec!(-0.33)),
            (dec!(0.3249999), 2, dec!(0.32)),
            (dec!(7.35), 0, dec!(7)),
            (dec!(-0.001), 2, dec!(0.00)),
        ] {
            assert_eq!(
                round(v, places, half_up).serialize(),
                rounded.serialize(),
                "{v}"
            );
        }
        assert_eq!(
            round(dec!(2.345), 2, RoundingStrategy::MidpointNearestEven),
            dec!(2.34)
        );
    }

    #[test]
    fn plain_drops_trailing_zeros_and_the_sign_of_zero() {
        for (v, shown) in [
            (dec!(5.00), "5"),
            (dec!(-0.0), "0"),
            (dec!(0.050), "0.05"),
            (dec!(-114.710), "-114.71"),
            (dec!(1200), "1200"),
            (Decimal::MAX, "79228162514264337593543950335"),
            (Decimal::new(1, 28), "0.0000000000000000000000000001"),
        ] {
            assert_eq!(plain(v), shown);
        }
    }

    #[derive(serde::Deserialize)]
    struct Holder {
        #[serde(deserialize_with = "deserialize")]
        n: Decimal,
    }

    fn read(json: &str) -> Result<Decimal, String> {
        serde_json::from_str::<Holder>(json)
            .map(|h| h.n)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn json_numbers_are_read_exactly() {
        assert_eq!(read(r#"{"n": 6.28}"#), Ok(dec!(6.28)));
        assert_eq!(read(r#"{"n": 34}"#), Ok(dec!(34)));
        assert_eq!(read(r#"{"n": -0.5}"#), Ok(dec!(-0.5)));
        assert_eq!(
            read(r#"{"n": 123456789012.345}"#),
            Ok(dec!(123456789012.345))
        );
        assert_eq!(
            read(r#"{"n": 18446744073709551615}"#),
            Ok(dec!(18446744073709551615))
        );
    }

    #[test]
    fn a_json_number_is_read_as_written_however_long() {
        assert_eq!(
            read(r#"{"n": 12345678901234567.89}"#),
            Ok(dec!(12345678901234567.89))
        );
        assert_eq!(
            read(r#"{"n": 0.10000000000000000001}"#),
            Ok(dec!(0.10000000000000000001))
        );
        assert_eq!(read(r#"{"n": 6.280}"#), Ok(dec!(6.280)));
        assert_eq!(read(r#"{"n": -2.5E+2}"#), Ok(dec!(-250)));
        assert_eq!(
            read(r#"{"n": 1E-28}"#),
            Ok(dec!(0.0000000000000000000000000001))
        );
        assert_eq!(
            read(r#"{"n": 1e300}"#),
            Err("the JSON number 1e+300 is too large for an exact decimal (at most 79228162514264337593543950335) at line 1 column 11".to_owned())
        );
        assert_eq!(
            read(r#"{"n": 1.00000000000000000000000000001}"#),
            Err("the JSON number 1.00000000000000000000000000001 has more decimal places than the 28 an exact decimal holds at line 1 column 37".to_owned())
        );
    }

    #[test]
    fn a_binary_float_is_read_as_the_decimal_it_shows() {
        assert_eq!(from_float(0.1), Ok(dec!(0.1)));
        assert_eq!(from_float(-2.5e-3), Ok(dec!(-0.0025)));
        assert!(from_float(f64::NAN).is_err());
        assert!(from_float(1e300).is_err());
    }

    #[test]
    fn strings_are_exact_or_refused() {
        assert_eq!(read(r#"{"n": "+0.50"}"#), Ok(dec!(0.50)));
        assert!(read(r#"{"n": "1e5"}"#)
            .unwrap_err()
            .contains("expected a decimal number such as \"6.28\", found `1e5`"));
        assert!(read(r#"{"n": "NaN"}"#).unwrap_err().contains("found `NaN`"));
        assert!(read(r#"{"n": ""}"#).unwrap_err().contains("found ``"));
        assert!(read(r#"{"n": "1.2.3"}"#).is_err());
        assert!(read(r#"{"n": "123456789012345678901234567890"}"#)
            .unwrap_err()
            .contains("expected at most 28 significant digits"));
        assert!(read(r#"{"n": true}"#)
            .unwrap_err()
            .contains("expected a number"));
    }

    #[test]
    fn percent_text() {
        assert_eq!(parse_percent("100%"), Ok((dec!(100), true)));
        assert_eq!(parse_percent("-5％"), Ok((dec!(-5), true)));
        assert_eq!(parse_percent("0.5"), Ok((dec!(0.5), false)));
    }

    #[test]
    fn plain_and_approx() {
        assert_eq!(plain(dec!(5.00)), "5");
        assert_eq!(plain(dec!(-0.0)), "0");
        assert_eq!(approx(dec!(114.70588), 2), ("114.71".to_owned(), true));
        assert_eq!(approx(dec!(7.35), 2), ("7.35".to_owned(), false));
        // Never a bare 0 for a figure that is not 0.
        assert_eq!(approx(dec!(0.002), 2), ("0.002".to_owned(), false));
        assert_eq!(approx(dec!(0.000123456), 2), ("0.00012".to_owned(), true));
    }
}
