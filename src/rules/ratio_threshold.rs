//! `ratio_threshold`: full points within a threshold, a deduction for each
//! step beyond it, down to 0 (超标扣分，扣完为止).
//!
//! 在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止 is
//! `threshold 100%, direction above, step 1%, deduction 0.5`.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{deduct, shown, CompileContext, CompiledMeasure, Quantity, Range, ZeroDenominator};
use crate::error::FactIssueKind;
use crate::exact::Fraction;
use crate::explain::Step;

/// A threshold with a deduction per step beyond it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatioThreshold {
    /// The measured value's formula, e.g. `（在职人员数/编制数）×100%`.
    pub formula: String,
    /// The standard (标准), e.g. `"100%"`.
    pub threshold: Quantity,
    /// Which side of the threshold loses points.
    pub direction: Direction,
    /// The size of one step beyond the threshold: `"1%"` for 每超过一个百分点,
    /// `"5%"` for 每低于5%.
    pub step: Quantity,
    /// Points deducted per step.
    #[serde(deserialize_with = "crate::number::deserialize")]
    #[schemars(with = "crate::number::ExactDecimal")]
    pub deduction: Decimal,
    /// How a part of a step counts; the rubric must say.
    pub partial_unit: PartialUnit,
    /// What a zero denominator in the formula means, where the document says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zero_denominator: Option<ZeroDenominator>,
}

/// Which side of the threshold loses points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Values above the threshold lose points (每超过).
    Above,
    /// Values below the threshold lose points (每低于).
    Below,
    /// Any deviation loses points (每超过（降低）).
    Both,
}

/// How a partial step beyond the threshold counts. At 97% with 每低于5%扣2分
/// on 5 points: `proportional` gives 3.8, `whole` 5, `any_started` 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartialUnit {
    /// A part of a step deducts its share (3 of 5 points is 0.6 of a step).
    Proportional,
    /// Only whole steps deduct (3 of 5 points is no step).
    Whole,
    /// Any started step deducts in full (3 of 5 points is one step).
    AnyStarted,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Compiled {
    pub(crate) measure: CompiledMeasure,
    pub(crate) threshold: Decimal,
    pub(crate) direction: Direction,
    pub(crate) step: Decimal,
    pub(crate) deduction: Decimal,
    pub(crate) partial_unit: PartialUnit,
    pub(crate) zero_denominator: Option<ZeroDenominator>,
}

impl RatioThreshold {
    pub(crate) fn compile(&self, cx: &mut CompileContext<'_>) -> Option<Compiled> {
        let measure = cx.formula(&self.formula);
        let threshold = cx.in_unit("rule.threshold", self.threshold, measure.as_ref());
        let step = cx.in_unit("rule.step", self.step, measure.as_ref());
        if step <= Decimal::ZERO {
            cx.invalid(
                "rule.step",
                crate::error::Text::new("a step greater than 0", "大于0的步长"),
                self.step.to_string(),
            );
        }
        cx.non_negative("rule.deduction", self.deduction);
        cx.zero_denominator(self.zero_denominator);
        Some(Compiled {
            measure: measure?,
            threshold,
            direction: self.direction,
            step,
            deduction: self.deduction,
            partial_unit: self.partial_unit,
            zero_denominator: self.zero_denominator,
        })
    }
}

impl Compiled {
    /// Scores the exact value: the distance, the units and the deduction
    /// are exact fractions, divided once for the score.
    pub(crate) fn score(
        &self,
        value: Fraction,
        points: Decimal,
        steps: &mut Vec<Step>,
    ) -> Result<Decimal, FactIssueKind> {
        let formula = &*self.measure.formula.display;
        let overflow = || FactIssueKind::Overflow {
            formula: formula.to_owned(),
        };
        let threshold = Fraction::whole(self.threshold);
        let beyond = match self.direction {
            Direction::Above => value.sub(threshold),
            Direction::Below => threshold.sub(value),
            Direction::Both => value.sub(threshold).map(Fraction::abs),
        }
        .ok_or_else(overflow)?;
        let (distance, units, deduction) =
            deduction_beyond(beyond, self.step, self.deduction, self.partial_unit)
                .ok_or_else(overflow)?;
        steps.push(Step::Threshold {
            direction: self.direction,
            threshold: self.threshold,
            percent: self.measure.percent,
            distance: shown(distance, formula)?,
            step: self.step,
            per_step: self.deduction,
            partial_unit: self.partial_unit,
            units: shown(units, formula)?,
            deduction: shown(deduction, formula)?,
        });
        deduct(points, deduction, steps).ok_or_else(overflow)
    }

    /// Any deviation can grow without bound, so a positive deduction can
    /// exhaust the points.
    pub(crate) fn bounds(&self, points: Decimal) -> Range {
        Range {
            low: if self.deduction > Decimal::ZERO {
                Decimal::ZERO
            } else {
                points
            },
            high: points,
        }
    }
}

/// What a distance beyond a standard deducts: the distance (0 when the
/// value is within), the steps it counts as the partial unit says, and the
/// points to deduct, all exact. Shared by `ratio_threshold` and a relative
/// score against the batch average.
pub(crate) fn deduction_beyond(
    beyond: Fraction,
    step: Decimal,
    deduction: Decimal,
    partial_unit: PartialUnit,
) -> Option<(Fraction, Fraction, Fraction)> {
    let distance = if beyond.is_negative() {
        Fraction::whole(Decimal::ZERO)
    } else {
        beyond
    };
    let exact_units = distance.div(Fraction::whole(step))?;
    let units = match partial_unit {
        PartialUnit::Proportional => exact_units,
        PartialUnit::Whole => Fraction::whole(exact_units.floor()?),
        PartialUnit::AnyStarted => Fraction::whole(exact_units.ceil()?),
    };
    let deduction = units.mul(Fraction::whole(deduction))?;
    Some((distance, units, deduction))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tests::{compile_rule, leaf_score};
    use rust_decimal_macros::dec;

    fn rule(direction: &str, step: &str, deduction: &str, mode: &str) -> super::super::Rule {
        serde_json::from_value(serde_json::json!({
            "kind": "ratio_threshold",
            "formula": "a/b×100%",
            "threshold": "100%",
            "direction": direction,
            "step": step,
            "deduction": deduction,
            "partial_unit": mode,
        }))
        .unwrap()
    }

    #[test]
    fn the_three_partial_unit_modes_at_97_percent() {
        // 预算完成率 100%计满分，每低于5%扣2分 on 5 points, at 97%.
        for (mode, expected) in [
            ("proportional", dec!(3.8)),
            ("whole", dec!(5)),
            ("any_started", dec!(3)),
        ] {
            let r = compile_rule(&rule("below", "5%", "2", mode), dec!(5));
            assert_eq!(leaf_score(&r, dec!(97), dec!(5)), expected, "{mode}");
        }
    }

    #[test]
    fn the_seed_staff_rate_exhausts_the_points() {
        // 39/34 = 114.71%: 14.71 points over, 0.5 each, 7.35 > 5.
        let r = compile_rule(&rule("above", "1%", "0.5", "proportional"), dec!(5));
        let value = Fraction::new(dec!(3900), dec!(34)).unwrap();
        let mut steps = Vec::new();
        let score = r.score_value(value, dec!(5), &mut steps).unwrap();
        assert_eq!(score, dec!(0));
        assert!(
            matches!(steps[0], Step::Threshold { deduction, .. } if deduction.round_dp(2) == dec!(7.35))
        );
        assert!(
            matches!(steps[1], Step::Floor { computed } if computed.round_dp(2) == dec!(-2.35))
        );
    }

    #[test]
    fn the_threshold_itself_is_within() {
        for mode in ["proportional", "whole", "any_started"] {
            for direction in ["above", "below", "both"] {
                let r = compile_rule(&rule(direction, "1%", "0.5", mode), dec!(5));
                assert_eq!(leaf_score(&r, dec!(100), dec!(5)), dec!(5));
            }
        }
    }

    #[test]
    fn both_directions_deduct_deviations_either_way() {
        // 政府采购执行率 每超过（降低）5%扣2分 on 6 points.
        let r = compile_rule(&rule("both", "5%", "2", "whole"), dec!(6));
        assert_eq!(leaf_score(&r, dec!(90), dec!(6)), dec!(2));
        assert_eq!(leaf_score(&r, dec!(110), dec!(6)), dec!(2));
        assert_eq!(leaf_score(&r, dec!(104.99), dec!(6)), dec!(6));
        // the other side of the threshold is never deducted one-way
        let r = compile_rule(&rule("above", "1%", "1", "proportional"), dec!(8));
        assert_eq!(leaf_score(&r, dec!(17.94), dec!(8)), dec!(8));
    }

    #[test]
    fn a_deduction_larger_than_the_points_floors_at_zero() {
        let r = compile_rule(&rule("above", "1%", "100", "any_started"), dec!(5));
        assert_eq!(leaf_score(&r, dec!(100.0001), dec!(5)), dec!(0));
    }

    #[test]
    fn a_zero_step_and_a_negative_deduction_are_refused() {
        let issues =
            crate::rules::tests::compile_issues(&rule("above", "0", "-1", "whole"), dec!(5));
        assert_eq!(
            issues,
            vec![
                "rule.step: expected a step greater than 0, found 0".to_owned(),
                "rule.deduction: expected a number of at least 0, found -1".to_owned(),
            ]
        );
    }

    #[test]
    fn a_misspelled_field_is_refused() {
        let err = serde_json::from_value::<super::super::Rule>(serde_json::json!({
            "kind": "ratio_threshold", "formula": "a", "threshold": 1, "direction": "above",
            "step": 1, "deduction": 1, "partial_unit": "whole", "zero_denominatr": "full"
        }))
        .unwrap_err();
        assert!(
            err.to_string().contains("unknown field `zero_denominatr`"),
            "{err}"
        );
    }
}
