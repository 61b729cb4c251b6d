//! `rating`: the evaluator names one of the declared levels (定性分级).
//!
//! A level gives fixed points (行政效能 效果较好的计6分；一般3分；无效果0分)
//! or a range within which the evaluator chooses, with a reason (财预〔2020〕10号
//! 三档: 100-80%（含）、80%-60%（含）、60%-0% of the points).

use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{check_chosen, CompileContext, CompiledInterval, Quantity, Range};
use crate::error::{phrase, FactIssueKind, Field, Text};
use crate::explain::Step;
use crate::facts::Answer;
use crate::number;

/// Points by a qualitative level the evaluator names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    /// The levels, best first as the documents list them.
    pub levels: Vec<Level>,
}

/// One level: fixed `points`, or a `range` to choose a score in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// The level's name, e.g. `较好`; answers name it.
    pub name: String,
    /// What the level means, in the document's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Fixed points for the level; a `%` is a share of the indicator's
    /// points (`"100%"`, `"0%"`), for levels shared by rows of any points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Quantity>,
    /// A range of points to choose in, as an interval; `%` ends are shares
    /// of the indicator's points: `"[80%,100%]"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CompiledLevel {
    pub(crate) name: Arc<str>,
    /// Fixed points, or `None` for a range.
    pub(crate) points: Option<Decimal>,
    /// The allowed scores in points.
    pub(crate) range: CompiledInterval,
    pub(crate) low: Decimal,
    pub(crate) high: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CompiledRating {
    pub(crate) levels: Vec<CompiledLevel>,
}

impl Rating {
    pub(crate) fn compile(&self, cx: &mut CompileContext<'_>) -> Option<CompiledRating> {
        if !cx.entries("rule.levels", self.levels.len()) {
            return None;
        }
        if self.levels.is_empty() {
            cx.invalid(
                "rule.levels",
                phrase::at_least_one("level", "等级"),
                phrase::empty(),
            );
        }
        let mut levels: Vec<CompiledLevel> = Vec::with_capacity(self.levels.len());
        for (i, level) in self.levels.iter().enumerate() {
            let field = |part: &str| format!("rule.levels[{i}].{part}");
            cx.name(field("name"), &level.name);
            if let Some(text) = &level.text {
                cx.text(field("text"), text);
            }
            if level.name.trim().is_empty() {
                cx.invalid(
                    field("name"),
                    Text::new("a level name", "等级名称"),
                    Text::new("an empty name", "空名称"),
                );
            }
            if levels.iter().any(|l| *l.name == *level.name) {
                cx.invalid(
                    field("name"),
                    Text::new("a name not used by another level", "其他等级未用过的名称"),
                    phrase::again(&level.name),
                );
            }
            let (range, low, high, points) = match (&level.points, &level.range) {
                (Some(q), None) => {
                    let share = if q.percent {
                        crate::exact::mul_div(q.value, cx.points, Decimal::ONE_HUNDRED)
                            .filter(|share| share.exact)
                            .map(|share| share.value)
                    } else {
                        Some(q.value)
                    };
                    let Some(p) = share else {
                        cx.invalid(
                            field("points"),
                            Text::new(
                                "a share of the points that is an exact decimal",
                                "能精确表示为小数的分值比例",
                            ),
                            q.to_string(),
                        );
                        continue;
                    };
                    let p = &p;
                    if *p < Decimal::ZERO || *p > cx.points {
                        cx.invalid(
                            field("points"),
                            Text::new(
                                format!(
                                    "points from 0 to the indicator's {} (or 0% to 100%)",
                                    number::plain(cx.points)
                                ),
                                format!(
                                    "0至本指标分值{}分之间的分数（或0%至100%）",
                                    number::plain(cx.points)
                                ),
                            ),
                            q.to_string(),
                        );
                    }
                    let point = CompiledInterval {
                        low: super::interval::End::Included(*p),
                        high: super::interval::End::Included(*p),
                        percent: false,
                        plain: false,
                    };
                    (point, *p, *p, Some(*p))
                }
                (None, Some(text)) => match CompiledInterval::parse(text) {
                    Ok(iv) => match scale(iv, cx.points) {
                        Some((iv, low, high)) if low >= Decimal::ZERO && high <= cx.points => {
                            (iv, low, high, None)
                        }
                        _ => {
                            cx.invalid(
                                field("range"),
                                Text::new(
                                    format!("a range within 0 to the indicator's {} points (or 0% to 100%)", number::plain(cx.points)),
                                    format!("0至本指标分值{}分之内的区间（或0%至100%）", number::plain(cx.points)),
                                ),
                                format!("`{text}`"),
                            );
                            continue;
                        }
                    },
                    Err(expected) => {
                        cx.invalid(
                            field("range"),
                            super::interval::expected_text(expected),
                            format!("`{text}`"),
                        );
                        continue;
                    }
                },
                (Some(_), Some(_)) => {
                    cx.invalid(
                        field("points"),
                        Text::new("either `points` or `range`", "points 与 range 二者之一"),
                        phrase::both(),
                    );
                    continue;
                }
                (None, None) => {
                    cx.invalid(
                        field("points"),
                        Text::new(
                            "`points` or a `range` of points",
                            "分值 points 或分值区间 range",
                        ),
                        phrase::neither(),
                    );
                    continue;
                }
            };
            levels.push(CompiledLevel {
                name: Arc::from(level.name.as_str()),
                points,
                range,
                low,
                high,
            });
        }
        Some(CompiledRating { levels })
    }
}

/// Turns a range with `%` ends into points; both ends must be finite.
fn scale(iv: CompiledInterval, points: Decimal) -> Option<(CompiledInterval, Decimal, Decimal)> {
    use super::interval::End;
    let convert = |end: End| -> Option<End> {
        let f = |v: Decimal| -> Option<Decimal> {
            if iv.percent {
                crate::exact::mul_div(v, points, Decimal::ONE_HUNDRED)
                    .filter(|q| q.exact)
                    .map(|q| q.value)
            } else {
                Some(v)
            }
        };
        match end {
            End::Infinite => None,
            End::Included(v) => Some(End::Included(f(v)?)),
            End::Excluded(v) => Some(End::Excluded(f(v)?)),
        }
    };
    let scaled = CompiledInterval {
        low: convert(iv.low)?,
        high: convert(iv.high)?,
        percent: false,
        plain: false,
    };
    Some((scaled, scaled.low_value()?, scaled.high_value()?))
}

impl CompiledRating {
    pub(crate) fn bounds(&self) -> Range {
        let low = self.levels.iter().map(|l| l.low).min().unwrap_or_default();
        let high = self.levels.iter().map(|l| l.high).max().unwrap_or_default();
        Range { low, high }
    }

    pub(crate) fn names(&self) -> String {
        self.levels
            .iter()
            .map(|l| format!("“{}”", l.name))
            .collect::<Vec<_>>()
            .join("、")
    }

    /// What an answer's `level` must be.
    fn one_of(&self) -> Text {
        Text::new(
            format!("one of the levels {}", self.names()),
            format!("等级{}之一", self.names()),
        )
    }

    pub(crate) fn score(
        &self,
        answer: &Answer,
        _points: Decimal,
        steps: &mut Vec<Step>,
        problems: &mut Vec<(Field, FactIssueKind)>,
    ) -> Range {
        let fields = match answer {
            Answer::Unknown => {
                steps.push(Step::Unknown {
                    what: Arc::from(Vec::new()),
                });
                return self.bounds();
            }
            Answer::Given(fields) => fields,
        };
        if fields.items.is_some() {
            problems.push((
                "items".into(),
                FactIssueKind::Invalid {
                    expected: Text::new(
                        "`level` (and `score` and `reason` for a level with a range) for a rating",
                        "等级评价的 level（分值为区间的等级另有 score 和 reason）",
                    ),
                    found: Text::new("`items`", "items"),
                },
            ));
        }
        let Some(name) = &fields.level else {
            problems.push((
                "level".into(),
                FactIssueKind::MissingAnswer {
                    expected: self.one_of(),
                },
            ));
            return self.bounds();
        };
        let Some(level) = self.levels.iter().find(|l| *l.name == **name) else {
            problems.push((
                "level".into(),
                FactIssueKind::Invalid {
                    expected: self.one_of(),
                    found: Text::same(format!("“{name}”")),
                },
            ));
            return self.bounds();
        };
        let reason = fields.reason.as_deref().map(Arc::from);
        match level.points {
            Some(points) => {
                if let Some(score) = fields.score {
                    if score != points {
                        problems.push((
                            "score".into(),
                            FactIssueKind::Invalid {
                                expected: Text::new(
                                    format!(
                                        "no score, or the level's fixed {} points",
                                        number::plain(points)
                                    ),
                                    format!(
                                        "不填 score，或填该等级的固定分值{}分",
                                        number::plain(points)
                                    ),
                                ),
                                found: Text::same(number::plain(score)),
                            },
                        ));
                    }
                }
                steps.push(Step::Level {
                    level: Arc::clone(&level.name),
                    range: None,
                    low: points,
                    high: points,
                    chosen: None,
                    reason,
                });
                Range::exact(points)
            }
            None => {
                let Some(score) = fields.score else {
                    problems.push((
                        "score".into(),
                        FactIssueKind::MissingAnswer {
                            expected: Text::new(
                                format!(
                                    "a score from {} to {} for the level “{}”, with a reason",
                                    number::plain(level.low),
                                    number::plain(level.high),
                                    level.name
                                ),
                                format!(
                                    "等级“{}”的评分（{}至{}分）及理由",
                                    level.name,
                                    number::plain(level.low),
                                    number::plain(level.high)
                                ),
                            ),
                        },
                    ));
                    return Range {
                        low: level.low,
                        high: level.high,
                    };
                };
                let in_range = level.range.contains(score);
                if !in_range {
                    problems.push((
                        "score".into(),
                        FactIssueKind::Invalid {
                            expected: Text::new(
                                format!(
                                    "a score in {} for the level “{}”",
                                    level.range.display(false),
                                    level.name
                                ),
                                format!(
                                    "等级“{}”在{}之内的评分",
                                    level.name,
                                    level.range.display(false)
                                ),
                            ),
                            found: Text::same(number::plain(score)),
                        },
                    ));
                }
                check_chosen(
                    score,
                    score,
                    score,
                    fields.reason.as_deref(),
                    "score",
                    problems,
                );
                steps.push(Step::Level {
                    level: Arc::clone(&level.name),
                    range: Some(Arc::from(level.range.display(false))),
                    low: level.low,
                    high: level.high,
                    chosen: Some(score),
                    reason,
                });
                Range::exact(score)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::facts::Answer;
    use crate::rules::tests::{answer_issues, answer_range, compile_issues, compile_rule};
    use crate::rules::Rule;
    use rust_decimal_macros::dec;

    fn seed_efficiency() -> Rule {
        serde_json::from_value(serde_json::json!({
            "kind": "rating",
            "levels": [
                {"name": "较好", "points": 6}, {"name": "一般", "points": 3}, {"name": "无效果或者效果不明显", "points": 0}
            ]
        }))
        .unwrap()
    }

    fn three_tiers() -> Rule {
        serde_json::from_value(serde_json::json!({
            "kind": "rating",
            "levels": [
                {"name": "达成年度指标", "range": "[80%,100%]"},
                {"name": "部分达成年度指标并具有一定效果", "range": "[60%,80%)"},
                {"name": "未达成年度指标且效果较差", "range": "[0%,60%)"}
            ]
        }))
        .unwrap()
    }

    #[test]
    fn fixed_levels() {
        let r = compile_rule(&seed_efficiency(), dec!(6));
        assert_eq!(
            answer_range(&r, &Answer::level("一般"), dec!(6)),
            (dec!(3), dec!(3))
        );
        assert_eq!(
            answer_range(&r, &Answer::Unknown, dec!(6)),
            (dec!(0), dec!(6))
        );
        assert_eq!(
            answer_issues(&r, &Answer::level("良好"), dec!(6)),
            vec!["level: expected one of the levels “较好”、“一般”、“无效果或者效果不明显”, found “良好”".to_owned()]
        );
    }

    #[test]
    fn ranged_levels_need_a_score_inside_and_a_reason() {
        let r = compile_rule(&three_tiers(), dec!(10));
        let ok = Answer::level_score("部分达成年度指标并具有一定效果", dec!(7), "完成大部分");
        assert_eq!(answer_range(&r, &ok, dec!(10)), (dec!(7), dec!(7)));
        let edge = Answer::level_score("部分达成年度指标并具有一定效果", dec!(8), "完成大部分");
        assert_eq!(
            answer_issues(&r, &edge, dec!(10)),
            vec!["score: expected a score in [6,8) for the level “部分达成年度指标并具有一定效果”, found 8".to_owned()]
        );
        let no_reason = Answer::level_score("达成年度指标", dec!(9), "");
        assert_eq!(
            answer_issues(&r, &no_reason, dec!(10)),
            vec!["reason: a reason is required, found a blank reason".to_owned()]
        );
        assert_eq!(
            answer_issues(&r, &Answer::level("达成年度指标"), dec!(10)),
            vec!["score: no answer given, expected a score from 8 to 10 for the level “达成年度指标”, with a reason".to_owned()]
        );
    }

    #[test]
    fn fixed_levels_as_shares_of_the_points() {
        // 完成 100% / 未完成 0%: one list of levels serves rows of any points.
        let rule: Rule = serde_json::from_value(serde_json::json!({
            "kind": "rating",
            "levels": [{"name": "完成", "points": "100%"}, {"name": "未完成", "points": "0%"}]
        }))
        .unwrap();
        let r = compile_rule(&rule, dec!(4.5));
        assert_eq!(
            answer_range(&r, &Answer::level("完成"), dec!(4.5)),
            (dec!(4.5), dec!(4.5))
        );
        assert_eq!(
            answer_range(&r, &Answer::level("未完成"), dec!(4.5)),
            (dec!(0), dec!(0))
        );
    }

    #[test]
    fn levels_outside_the_points_are_refused() {
        let rule: Rule = serde_json::from_value(serde_json::json!({
            "kind": "rating",
            "levels": [{"name": "好", "points": 7}, {"name": "好", "range": "[0,+∞)"}, {"name": "差"}]
        }))
        .unwrap();
        assert_eq!(
            compile_issues(&rule, dec!(6)),
            vec![
                "rule.levels[0].points: expected points from 0 to the indicator's 6 (or 0% to 100%), found 7".to_owned(),
                "rule.levels[1].name: expected a name not used by another level, found `好` again".to_owned(),
                "rule.levels[1].range: expected a range within 0 to the indicator's 6 points (or 0% to 100%), found `[0,+∞)`".to_owned(),
                "rule.levels[2].points: expected `points` or a `range` of points, found neither".to_owned(),
            ]
        );
    }
}
