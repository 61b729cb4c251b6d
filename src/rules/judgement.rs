//! `judgement`: the evaluator's score in [0, points], with a written reason
//! (酌情评分; 经济效益 / 社会效益 "可根据部门实际情况…细化").

use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{check_chosen, CompileContext, Range};
use crate::error::{FactIssueKind, Field, Text};
use crate::explain::Step;
use crate::facts::Answer;

/// A score the evaluator gives, with a reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Judgement {
    /// What the evaluator should consider, in the document's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
}

impl Judgement {
    pub(crate) fn compile(&self, cx: &mut CompileContext<'_>) {
        if let Some(g) = &self.guidance {
            cx.text("rule.guidance", g);
        }
    }
}

pub(crate) fn score(
    answer: &Answer,
    points: Decimal,
    steps: &mut Vec<Step>,
    problems: &mut Vec<(Field, FactIssueKind)>,
) -> Range {
    let fields = match answer {
        Answer::Unknown => {
            steps.push(Step::Unknown {
                what: Arc::from(Vec::new()),
            });
            return Range {
                low: Decimal::ZERO,
                high: points,
            };
        }
        Answer::Given(fields) => fields,
    };
    if fields.items.is_some() || fields.level.is_some() {
        problems.push((
            "".into(),
            FactIssueKind::Invalid {
                expected: Text::new(
                    "`score` and `reason` for a judgement",
                    "酌情评分的 score 和 reason",
                ),
                found: Text::new("`items` or `level`", "items 或 level"),
            },
        ));
    }
    let Some(score) = fields.score else {
        problems.push((
            "score".into(),
            FactIssueKind::MissingAnswer {
                expected: Text::new("the evaluator's score, with a reason", "评价人的评分及理由"),
            },
        ));
        return Range {
            low: Decimal::ZERO,
            high: points,
        };
    };
    check_chosen(
        score,
        Decimal::ZERO,
        points,
        fields.reason.as_deref(),
        "score",
        problems,
    );
    steps.push(Step::Judgement {
        score,
        reason: Arc::from(fields.reason.as_deref().unwrap_or_default()),
    });
    Range::exact(score)
}

#[cfg(test)]
mod tests {
    use crate::facts::Answer;
    use crate::rules::tests::{answer_issues, answer_range, compile_rule};
    use crate::rules::{Judgement, Rule};
    use rust_decimal_macros::dec;

    #[test]
    fn a_judgement_needs_a_score_within_the_points_and_a_reason() {
        let r = compile_rule(&Rule::Judgement(Judgement::default()), dec!(3));
        assert_eq!(
            answer_range(&r, &Answer::judgement(dec!(2.5), "带动就业"), dec!(3)),
            (dec!(2.5), dec!(2.5))
        );
        assert_eq!(
            answer_range(&r, &Answer::Unknown, dec!(3)),
            (dec!(0), dec!(3))
        );
        assert_eq!(
            answer_issues(&r, &Answer::judgement(dec!(4), ""), dec!(3)),
            vec![
                "score: expected a score from 0 to 3, found 4".to_owned(),
                "reason: a reason is required, found a blank reason".to_owned(),
            ]
        );
        assert_eq!(
            answer_issues(&r, &Answer::level("好"), dec!(3)),
            vec![
                ": expected `score` and `reason` for a judgement, found `items` or `level`"
                    .to_owned(),
                "score: no answer given, expected the evaluator's score, with a reason".to_owned(),
            ]
        );
    }
}
