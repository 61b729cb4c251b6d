//! `stepped_bands`: the value falls in exactly one band, which gives the
//! points (分档计分).
//!
//! 预算控制率=0，计5分；0-10%（含），计4分；…大于30%不得分 is the bands
//! `[0,0]` 5, `(0,10%]` 4, `(10%,20%]` 3, `(20%,30%]` 2, `(30%,+∞)` 0.

use std::cmp::Ordering;
use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{shown, CompileContext, CompiledInterval, CompiledMeasure, Range, ZeroDenominator};
use crate::error::{phrase, FactIssueKind, IssueKind, Text};
use crate::exact::Fraction;
use crate::explain::Step;
use crate::formula::Span;
use crate::number;

/// Points by the band the value falls in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SteppedBands {
    /// The measured value's formula.
    pub formula: String,
    /// Whether the band is chosen by the value's absolute value, for
    /// standards written ±30%以内.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub absolute: bool,
    /// Whether higher or lower values deserve more points, where the rubric
    /// says; [`Rubric::verify`](crate::Rubric::verify) then checks that the
    /// band points agree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub better: Option<super::Better>,
    /// The bands, in any order; they must not overlap or leave gaps
    /// between them.
    pub bands: Vec<Band>,
    /// What a zero denominator in the formula means, where the document says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zero_denominator: Option<ZeroDenominator>,
}

/// One band: an interval with explicit ends and its points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The interval: `[0,0]`, `(0,10%]`, `[90%,+∞)`. `[` and `]` include the
    /// end, `(` and `)` exclude it.
    pub range: String,
    /// The points for a value in the band.
    #[serde(deserialize_with = "crate::number::deserialize")]
    #[schemars(with = "crate::number::ExactDecimal")]
    pub points: Decimal,
    /// The document's wording of the band, e.g. `0-10%（含）`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CompiledBand {
    pub(crate) interval: CompiledInterval,
    pub(crate) points: Decimal,
    pub(crate) display: Arc<str>,
    pub(crate) label: Option<Arc<str>>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CompiledBands {
    pub(crate) measure: CompiledMeasure,
    pub(crate) absolute: bool,
    pub(crate) better: Option<super::Better>,
    /// Sorted by where they start.
    pub(crate) bands: Vec<CompiledBand>,
    pub(crate) zero_denominator: Option<ZeroDenominator>,
}

impl SteppedBands {
    pub(crate) fn compile(&self, cx: &mut CompileContext<'_>) -> Option<CompiledBands> {
        let measure = cx.formula(&self.formula);
        cx.zero_denominator(self.zero_denominator);
        if !cx.entries("rule.bands", self.bands.len()) {
            return None;
        }
        if self.bands.is_empty() {
            cx.invalid(
                "rule.bands",
                phrase::at_least_one("band", "档次"),
                phrase::empty(),
            );
        }
        let percent = measure.as_ref().is_none_or(|m| m.percent);
        let mut bands = Vec::with_capacity(self.bands.len());
        for (i, band) in self.bands.iter().enumerate() {
            cx.non_negative(format!("rule.bands[{i}].points"), band.points);
            if band.points > cx.points {
                cx.invalid(
                    format!("rule.bands[{i}].points"),
                    Text::new(
                        format!(
                            "at most the indicator's {} points",
                            number::plain(cx.points)
                        ),
                        format!("不超过本指标分值{}分", number::plain(cx.points)),
                    ),
                    number::plain(band.points),
                );
            }
            if let Some(label) = &band.label {
                cx.text(format!("rule.bands[{i}].label"), label);
            }
            match CompiledInterval::parse(&band.range) {
                Ok(interval) => {
                    if interval.plain && percent {
                        cx.invalid(
                            format!("rule.bands[{i}].range"),
                            Text::new(
                                "ends written as percentages, such as `[80%,95%)`, because the formula is a percentage",
                                "两端写成百分数，如`[80%,95%)`，因为公式是百分比",
                            ),
                            format!("`{}`", band.range),
                        );
                    }
                    if interval.percent && !percent {
                        cx.invalid(
                            format!("rule.bands[{i}].range"),
                            Text::new(
                                "plain numbers, because the formula is not a percentage (it does not end in ×100%)",
                                "不带%的数，因为公式不是百分比（不以×100%结尾）",
                            ),
                            band.range.clone(),
                        );
                    }
                    bands.push(CompiledBand {
                        interval,
                        points: band.points,
                        display: Arc::from(interval.display(percent)),
                        label: band.label.as_deref().map(Arc::from),
                    });
                }
                Err(expected) => cx.invalid(
                    format!("rule.bands[{i}].range"),
                    super::interval::expected_text(expected),
                    format!("`{}`", band.range),
                ),
            }
        }
        bands.sort_by(|a, b| a.interval.cmp_start(&b.interval));
        // With a band unreadable, gaps and overlaps among the rest mislead.
        let all_read = bands.len() == self.bands.len();
        for pair in bands.windows(2).filter(|_| all_read) {
            let (a, b) = (&pair[0], &pair[1]);
            match a.interval.meets(&b.interval) {
                Ordering::Equal => {}
                Ordering::Less => cx.issue(
                    "rule.bands",
                    IssueKind::BandGap {
                        before: a.display.to_string(),
                        after: b.display.to_string(),
                    },
                ),
                Ordering::Greater => cx.issue(
                    "rule.bands",
                    IssueKind::BandOverlap {
                        first: a.display.to_string(),
                        second: b.display.to_string(),
                    },
                ),
            }
        }
        Some(CompiledBands {
            measure: measure?,
            absolute: self.absolute,
            better: self.better,
            bands,
            zero_denominator: self.zero_denominator,
        })
    }
}

impl CompiledBands {
    /// Finds the band of the exact value, comparing fractions with the
    /// band ends exactly.
    pub(crate) fn score(
        &self,
        value: Fraction,
        steps: &mut Vec<Step>,
    ) -> Result<Decimal, FactIssueKind> {
        let formula = &*self.measure.formula.display;
        let v = if self.absolute {
            let abs = value.abs();
            steps.push(Step::Absolute {
                value: shown(abs, formula)?,
                percent: self.measure.percent,
            });
            abs
        } else {
            value
        };
        let overflow = || FactIssueKind::Overflow {
            formula: formula.to_owned(),
        };
        let mut found = None;
        for band in &self.bands {
            if band.interval.contains_fraction(v).ok_or_else(overflow)? {
                found = Some(band);
                break;
            }
        }
        match found {
            Some(band) => {
                steps.push(Step::Band {
                    range: Arc::clone(&band.display),
                    label: band.label.clone(),
                    points: band.points,
                });
                Ok(band.points)
            }
            None => {
                let q = v.quotient().ok_or_else(overflow)?;
                Err(FactIssueKind::NoBand {
                    value: format!(
                        "{}{}{}",
                        if q.exact { "" } else { "≈" },
                        number::plain(q.value),
                        if self.measure.percent { "%" } else { "" }
                    ),
                    bands: self
                        .bands
                        .iter()
                        .map(|b| b.display.to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                })
            }
        }
    }

    /// The fewest and most points of the bands a value in `value` can
    /// fall in (its absolute value, for `absolute` bands).
    pub(crate) fn bounds(&self, value: Span) -> Range {
        let value = if self.absolute {
            value.absolute()
        } else {
            value
        };
        let reachable = || {
            self.bands
                .iter()
                .filter(move |b| b.interval.overlaps(value))
                .map(|b| b.points)
        };
        match (reachable().min(), reachable().max()) {
            (Some(low), Some(high)) => Range { low, high },
            // No band can hold the value: scoring will say so.
            _ => Range {
                low: self
                    .bands
                    .iter()
                    .map(|b| b.points)
                    .min()
                    .unwrap_or_default(),
                high: self
                    .bands
                    .iter()
                    .map(|b| b.points)
                    .max()
                    .unwrap_or_default(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::{compile_issues, compile_rule, leaf_score};
    use crate::rules::Rule;
    use rust_decimal_macros::dec;

    fn bands(list: &[(&str, &str)]) -> Rule {
        let bands: Vec<_> = list
            .iter()
            .map(|(range, points)| serde_json::json!({"range": range, "points": points}))
            .collect();
        serde_json::from_value(serde_json::json!({
            "kind": "stepped_bands", "formula": "a/b×100%", "bands": bands
        }))
        .unwrap()
    }

    fn seed_budget_control() -> Rule {
        // 预算控制率=0，计5分；0-10%（含），计4分；10-20%（含），计3分；20-30%（含），计2分；大于30%不得分。
        bands(&[
            ("[0,0]", "5"),
            ("(0,10%]", "4"),
            ("(10%,20%]", "3"),
            ("(20%,30%]", "2"),
            ("(30%,+∞)", "0"),
        ])
    }

    #[test]
    fn upper_ends_inclusive_as_the_seed_writes_them() {
        let r = compile_rule(&seed_budget_control(), dec!(5));
        assert_eq!(leaf_score(&r, dec!(0), dec!(5)), dec!(5));
        assert_eq!(leaf_score(&r, dec!(0.01), dec!(5)), dec!(4));
        assert_eq!(leaf_score(&r, dec!(10), dec!(5)), dec!(4));
        assert_eq!(leaf_score(&r, dec!(10.0001), dec!(5)), dec!(3));
        assert_eq!(leaf_score(&r, dec!(30), dec!(5)), dec!(2));
        assert_eq!(leaf_score(&r, dec!(30.5), dec!(5)), dec!(0));
    }

    #[test]
    fn lower_ends_inclusive_as_the_satisfaction_rule_writes_them() {
        // 90%（含）以上计6分；80%（含）-90%，计4分；70%（含）-80%，计2分；低于70%计0分。
        let r = compile_rule(
            &bands(&[
                ("[90%,+∞)", "6"),
                ("[80%,90%)", "4"),
                ("[70%,80%)", "2"),
                ("(-∞,70%)", "0"),
            ]),
            dec!(6),
        );
        assert_eq!(leaf_score(&r, dec!(90), dec!(6)), dec!(6));
        assert_eq!(leaf_score(&r, dec!(89.99), dec!(6)), dec!(4));
        assert_eq!(leaf_score(&r, dec!(70), dec!(6)), dec!(2));
        assert_eq!(leaf_score(&r, dec!(69.99), dec!(6)), dec!(0));
    }

    #[test]
    fn a_value_outside_every_band_is_an_error() {
        let r = compile_rule(&bands(&[("[0,10%]", "5"), ("(10%,20%]", "2")]), dec!(5));
        let err = r
            .score_value(
                crate::exact::Fraction::whole(dec!(-1)),
                dec!(5),
                &mut Vec::new(),
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the value -1% falls in none of the bands [0%,10%] (10%,20%]"
        );
    }

    #[test]
    fn gaps_and_overlaps_are_refused_with_both_bands_named() {
        let issues = compile_issues(
            &bands(&[("[0,10%)", "5"), ("(10%,20%]", "3"), ("[20%,30%]", "2")]),
            dec!(5),
        );
        assert_eq!(
            issues,
            vec![
                "rule.bands: no band covers the values between [0%,10%) and (10%,20%]: the bands must meet with no gap".to_owned(),
                "rule.bands: bands (10%,20%] and [20%,30%] overlap: a value may fall in only one band".to_owned(),
            ]
        );
    }

    #[test]
    fn band_points_above_the_leaf_and_bad_ranges_are_refused() {
        let issues = compile_issues(&bands(&[("[0,10%]", "6"), ("10-20%", "3")]), dec!(5));
        assert_eq!(
            issues,
            vec![
                "rule.bands[0].points: expected at most the indicator's 5 points, found 6".to_owned(),
                "rule.bands[1].range: expected an interval such as `[0,0]`, `(0,10%]` or `[90%,+∞)`: a bracket, two ends separated by a comma, a bracket, found `10-20%`".to_owned(),
            ]
        );
    }

    #[test]
    fn two_thirds_is_below_its_rounded_quotient() {
        // 2/3 < 0.6666666666666666666666666667, the 28-digit quotient.
        let r = compile_rule(
            &serde_json::from_value(serde_json::json!({
                "kind": "stepped_bands", "formula": "a/b", "bands": [
                    {"range": "(-∞,0.6666666666666666666666666667)", "points": 0},
                    {"range": "[0.6666666666666666666666666667,+∞)", "points": 5}]
            }))
            .unwrap(),
            dec!(5),
        );
        let two_thirds = crate::exact::Fraction::new(dec!(2), dec!(3)).unwrap();
        assert_eq!(
            r.score_value(two_thirds, dec!(5), &mut Vec::new()),
            Ok(dec!(0))
        );
    }

    #[test]
    fn absolute_value_bands() {
        // ±30%(含)以内得3分；±30%-±35%(含)以内得2分；±35%-±40%(含)以内得1分
        let mut rule = bands(&[
            ("[0,30%]", "3"),
            ("(30%,35%]", "2"),
            ("(35%,40%]", "1"),
            ("(40%,+∞)", "0"),
        ]);
        if let Rule::SteppedBands(b) = &mut rule {
            b.absolute = true;
            b.better = Some(crate::rules::Better::Lower);
        }
        let r = compile_rule(&rule, dec!(3));
        assert_eq!(leaf_score(&r, dec!(-32), dec!(3)), dec!(2));
        assert_eq!(leaf_score(&r, dec!(30), dec!(3)), dec!(3));
    }
}
