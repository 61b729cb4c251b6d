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

use super::{times, CompileContext, CompiledMeasure, Quantity, ZeroDenominator};
use crate::error::FactIssueKind;
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
                "a target greater than 0",
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
    pub(crate) fn score(
        &self,
        value: Decimal,
        points: Decimal,
        steps: &mut Vec<Step>,
    ) -> Result<Decimal, FactIssueKind> {
        let overflow = || FactIssueKind::Overflow {
            formula: self.measure.formula.display.to_string(),
        };
        let ratio = match self.better {
            Better::Higher if value <= Decimal::ZERO => Decimal::ZERO,
            Better::Higher => value.checked_div(self.target).ok_or_else(overflow)?,
            Better::Lower if value <= Decimal::ZERO => Decimal::ONE,
            Better::Lower => self.target.checked_div(value).ok_or_else(overflow)?,
        };
        let capped = ratio > Decimal::ONE;
        let used = ratio.min(Decimal::ONE);
        steps.push(Step::Ratio {
            better: self.better,
            value,
            target: self.target,
            percent: self.measure.percent,
            ratio,
            capped,
        });
        times(points, used)
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
