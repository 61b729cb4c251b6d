//! `proportional`: points in proportion to the value against a target,
//! capped at full points (按比例计分，满分为止).
//!
//! Higher is better: `points × min(1, value ÷ target)` (正向指标, 实际/指标值);
//! lower is better: `points × min(1, target ÷ value)` (反向指标, 指标值/实际),
//! with a value of 0 or less earning full points. An external score rescaled
//! to the leaf — 该项得分=（考核得分/200）×8 — is `target 200, higher`.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use std::cmp::Ordering;

use super::{shown, CompileContext, CompiledMeasure, Quantity, ZeroDenominator};
use crate::error::FactIssueKind;
use crate::exact::{self, Fraction};
use crate::explain::Step;

/// Points in proportion to value ÷ target (or target ÷ value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Proportional {
    /// The measured value's formula.
    pub formula: String,
    /// The target (指标值) or the external score's maximum; greater than 0.
    pub target: Quantity,
    /// Whether a higher or a lower value is better.
    pub better: Better,
    /// What a zero denominator in the formula means, where the document says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zero_denominator: Option<ZeroDenominator>,
}

/// Which way a proportional indicator points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    /// 正向指标 (target written ≥T): value ÷ target.
    Higher,
    /// 反向指标 (target written ≤T): target ÷ value.
    Lower,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Compiled {
    pub(crate) measure: CompiledMeasure,
    pub(crate) target: Decimal,
    pub(crate) better: Better,
    pub(crate) zero_denominator: Option<ZeroDenominator>,
}

impl Proportional {
    pub(crate) fn compile(&self, cx: &mut CompileContext<'_>) -> Option<Compiled> {
        let measure = cx.formula(&self.formula);
        let target = cx.in_unit("rule.target", self.target, measure.as_ref());
        if target <= Decimal::ZERO {
            cx.invalid(
                "rule.target",
                crate::error::Text::new("a target greater than 0", "大于0的指标值"),
                self.target.to_string(),
            );
        }
        cx.zero_denominator(self.zero_denominator);
        Some(Compiled {
            measure: measure?,
            target,
            better: self.better,
            zero_denominator: self.zero_denominator,
        })
    }
}

impl Compiled {
    /// Scores the exact value: `points × value ÷ target` (or `points ×
    /// target ÷ value`) is multiplied out and divided once, so an exact half
    /// stays a half for the rounding.
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
        let target = Fraction::whole(self.target);
        let not_positive = value.is_negative() || value.is_zero();
        let ratio = match self.better {
            Better::Higher if not_positive => Some(Fraction::whole(Decimal::ZERO)),
            Better::Higher => value.div(target),
            Better::Lower if not_positive => Some(Fraction::whole(Decimal::ONE)),
            Better::Lower => target.div(value),
        }
        .ok_or_else(overflow)?;
        let capped = ratio.cmp_value(Decimal::ONE).ok_or_else(overflow)? == Ordering::Greater;
        steps.push(Step::Ratio {
            better: self.better,
            value: shown(value, formula)?,
            target: self.target,
            percent: self.measure.percent,
            ratio: shown(ratio, formula)?,
            capped,
        });
        if capped {
            return Ok(points);
        }
        exact::mul_div(points, ratio.num(), ratio.den())
            .map(|q| q.value)
            .ok_or_else(overflow)
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::{compile_issues, compile_rule, leaf_score};
    use crate::rules::Rule;
    use rust_decimal_macros::dec;

    fn rule(formula: &str, target: &str, better: &str) -> Rule {
        serde_json::from_value(serde_json::json!({
            "kind": "proportional", "formula": formula, "target": target, "better": better
        }))
        .unwrap()
    }

    #[test]
    fn external_score_rescaled_as_the_seed_writes_it() {
        // 该项得分=（绩效办对应部分考核得分/200）*8
        let r = compile_rule(&rule("x", "200", "higher"), dec!(8));
        assert_eq!(leaf_score(&r, dec!(160), dec!(8)), dec!(6.4));
        assert_eq!(leaf_score(&r, dec!(200), dec!(8)), dec!(8));
        // an external score above its maximum is capped
        assert_eq!(leaf_score(&r, dec!(230), dec!(8)), dec!(8));
        assert_eq!(leaf_score(&r, dec!(-5), dec!(8)), dec!(0));
    }

    #[test]
    fn an_exact_half_is_rounded_once() {
        // 3 × 9.75 ÷ 90 = 0.325 exactly (not 0.3249…9 from a rounded ratio).
        let r = compile_rule(&rule("x", "90", "higher"), dec!(3));
        assert_eq!(leaf_score(&r, dec!(9.75), dec!(3)), dec!(0.325));
        // 4.5 × 1 ÷ 3 = 1.5 exactly.
        let r = compile_rule(&rule("x", "3", "higher"), dec!(4.5));
        assert_eq!(leaf_score(&r, dec!(1), dec!(4.5)), dec!(1.5));
        let r = compile_rule(&rule("x", "3", "lower"), dec!(4.5));
        assert_eq!(leaf_score(&r, dec!(9), dec!(4.5)), dec!(1.5));
    }

    #[test]
    fn lower_is_better_and_zero_is_full_marks() {
        // 反向指标 指标值/实际值×分值, target ≤ 90
        let r = compile_rule(&rule("x", "90", "lower"), dec!(10));
        assert_eq!(leaf_score(&r, dec!(100), dec!(10)), dec!(9));
        assert_eq!(leaf_score(&r, dec!(90), dec!(10)), dec!(10));
        assert_eq!(leaf_score(&r, dec!(0), dec!(10)), dec!(10));
    }

    #[test]
    fn a_percent_target_needs_a_percent_formula_and_must_be_positive() {
        assert_eq!(
            compile_issues(&rule("x", "90%", "higher"), dec!(10)),
            vec!["rule.target: expected a plain number, because the formula is not a percentage (it does not end in ×100%), found 90%".to_owned()]
        );
        assert_eq!(
            compile_issues(&rule("a/b×100%", "0%", "higher"), dec!(10)),
            vec!["rule.target: expected a target greater than 0, found 0%".to_owned()]
        );
    }
}
