//! Exact decimal numbers as rubric and facts files write them.
//!
//! A JSON number is read without loss or refused: integers are exact, and a
//! number with a fraction is accepted only when it has at most 15 significant
//! digits, the most that always survive the `f64` that JSON parsers carry
//! numbers in. Anything longer must be written as a string (`"0.123456789012345678"`).
//! Strings are parsed exactly, and a string that does not fit a
//! [`Decimal`] is refused rather than rounded.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::{self, Deserializer, MapAccess, Visitor};

/// The most significant digits a JSON number with a fraction may carry and
/// still be read exactly.
pub(crate) const MAX_FLOAT_DIGITS: usize = 15;

/// The private key under which `serde_json` hands over a number when a crate
/// in the host's build enables its `arbitrary_precision` feature.
pub(crate) const ARBITRARY_PRECISION_KEY: &str = "$serde_json::private::Number";

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
        && fraction.map_or(true, |f| {
            !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit())
        });
    if !digits_ok {
        return Err(format!(
            "expected a decimal number such as \"6.28\", found `{text}`"
        ));
    }
    let body = trimmed.strip_prefix('+').unwrap_or(trimmed);
    Decimal::from_str_exact(body).map_err(|_| {
        format!(
            "expected at most 28 significant digits (what an exact decimal holds), found `{text}`"
        )
    })
}

/// Reads an `f64` that a JSON parser produced from a number literal, exactly
/// or not at all.
pub(crate) fn from_json_float(value: f64) -> Result<Decimal, String> {
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

/// Rounds half away from zero (四舍五入) or as the strategy says.
pub(crate) fn round(value: Decimal, precision: u32, strategy: RoundingStrategy) -> Decimal {
    value.round_dp_with_strategy(precision, strategy)
}

/// Powers of ten that fit an `i128` mantissa's scale range.
const POW10: [i128; 29] = {
    let mut table = [1i128; 29];
    let mut i = 1;
    while i < 29 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// A decimal as an integer count of `10^-scale`, if it has at most `scale`
/// decimal places and fits.
pub(crate) fn to_scaled(value: Decimal, scale: u32) -> Option<i128> {
    let s = value.scale();
    let factor = POW10.get(usize::try_from(scale.checked_sub(s)?).ok()?)?;
    value.mantissa().checked_mul(*factor)
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
    while rest > 0 && len < digits.len() {
        digits[len] = b'0' + (rest % 10) as u8;
        rest /= 10;
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
    let mut places = precision;
    let mut rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    if rounded.is_zero() && !value.is_zero() {
        let n = value.normalize();
        let digits = n.mantissa().unsigned_abs().to_string().len();
        let leading = usize::try_from(n.scale())
            .unwrap_or(0)
            .saturating_sub(digits);
        places = u32::try_from(leading + 2).unwrap_or(28).min(28);
        rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    }
    (plain(rounded), rounded != value)
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
        Decimal::try_from_i128_with_scale(v, 0)
            .map_err(|_| E::custom(format!("the number {v} is too large for an exact decimal")))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Decimal, E> {
        i128::try_from(v)
            .map_err(|_| E::custom(format!("the number {v} is too large for an exact decimal")))
            .and_then(|v| self.visit_i128(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        from_json_float(v).map_err(E::custom)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_exact(v).map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Decimal, A::Error> {
        // serde_json's `arbitrary_precision` hands numbers over as a one-entry
        // map holding the literal text: read that text exactly.
        let key: Option<String> = map.next_key()?;
        match key.as_deref() {
            Some(ARBITRARY_PRECISION_KEY) => {
                let text: String = map.next_value()?;
                parse_exact(&text).map_err(de::Error::custom)
            }
            _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
        }
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
            "description": "A number (at most 15 significant digits when it has a fraction), or a decimal written as a string such as \"0.85\".",
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
    fn a_json_number_that_would_lose_digits_is_refused() {
        let err = read(r#"{"n": 12345678901234567.89}"#).unwrap_err();
        assert!(
            err.starts_with(
                "the number 12345678901234568 has more than 15 significant digits and cannot be read exactly"
            ),
            "{err}"
        );
        assert_eq!(
            read(r#"{"n": "12345678901234567.89"}"#),
            Ok(dec!(12345678901234567.89))
        );
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
