//! `targets_met`: a leaf scored by how many of a list of targets were met —
//! as department tables score 目标实现 by the count of 数量指标 whose
//! 实际完成值 lands between the target and a share above it
//! (达到年度目标值且不超过目标值30%的指标个数).
//!
//! The list is the department's own, given in the facts
//! (`target_lists.<id>`: each target's name, 年度指标值 and 实际完成值,
//! read as a `target` leaf reads them). A target counts when it is met and,
//! where `within` is given, not overshot by more than that share of it. The
//! count becomes the score in proportion (points × met ÷ listed) or by a
//! deduction per target missed.

use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::target::{amount_of, Compiled as TargetRule, ExcessTreatment, Unmet};
use super::{deduct, CompileContext, Quantity, Range};
use crate::error::{phrase, FactIssueKind, Field, Text};
use crate::explain::{LineOutcome, LineState, Step};
use crate::facts::TargetLine;
use crate::number::plain;
use crate::target_value::{BareReading, TargetValue};

/// Scored by how many of the facts' list of targets were met.
///
/// ```json
/// { "kind": "targets_met", "within": "30%", "scoring": "proportional" }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetsMet {
    /// A `≥` target counts only if its actual value overshoots it by no
    /// more than this share of it (`"30%"`: 不超过目标值30%); absent, any
    /// overshoot counts. A `≤` target beaten by far still counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<Quantity>,
    /// How a target written as a bare number is read.
    #[serde(default)]
    pub bare: BareReading,
    /// How the count becomes the score.
    pub scoring: CountScoring,
}

/// How the count of targets met becomes a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CountScoring {
    /// Points × met ÷ listed (按达标指标个数占比计分).
    Proportional,
    /// Points less this much per target missed, down to 0
    /// (每有一项未达标扣N分，扣完为止).
    PerMiss(
        #[serde(deserialize_with = "crate::number::deserialize")]
        #[schemars(with = "crate::number::ExactDecimal")]
        Decimal,
    ),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Compiled {
    /// Judges one `≥` target: met and within the line scores its 1 point.
    judge: TargetRule,
    /// Judges any other target: met scores its 1 point.
    lenient: TargetRule,
    pub(crate) within: Option<Decimal>,
    pub(crate) scoring: CountScoring,
    bare: BareReading,
}

impl TargetsMet {
    pub(crate) fn compile(&self, cx: &mut CompileContext<'_>) -> Option<Compiled> {
        let within = match self.within {
            Some(q) if q.percent && q.value >= Decimal::ZERO => Some(q.value),
            Some(q) => {
                cx.invalid(
                    "rule.within",
                    Text::new(
                        "a share of the target of at least 0, written with %, such as \"30%\"",
                        "不小于0、带%的指标值比例，如\"30%\"",
                    ),
                    q.to_string(),
                );
                None
            }
            None => None,
        };
        if let CountScoring::PerMiss(d) = self.scoring {
            cx.non_negative("rule.scoring.per_miss", d);
        }
        Some(Compiled {
            judge: TargetRule::judge(self.bare, within.map(|w| (w, ExcessTreatment::Zero))),
            lenient: TargetRule::judge(self.bare, None),
            within,
            scoring: self.scoring,
            bare: self.bare,
        })
    }
}

impl Compiled {
    /// Scores the list; `None` when the facts have problems (pushed, with
    /// the field under `target_lists.<id>`).
    pub(crate) fn score(
        &self,
        id: &str,
        lines: &[TargetLine],
        points: Decimal,
        steps: &mut Vec<Step>,
        problems: &mut Vec<(Field, FactIssueKind)>,
    ) -> Option<Range> {
        let field = |i: usize, part: &str| Field::key("target_lists", id).then_index(i).then(part);
        if lines.is_empty() {
            problems.push((
                Field::key("target_lists", id),
                FactIssueKind::Invalid {
                    expected: Text::new(
                        "at least one target, with its name, target and actual value",
                        "至少一项指标，含名称、指标值和实际完成值",
                    ),
                    found: Text::new("an empty list", "空列表"),
                },
            ));
            return None;
        }
        let mut names: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (i, line) in lines.iter().enumerate() {
            if let Some(first) = names.insert(line.name.trim(), i) {
                problems.push((
                    field(i, "name"),
                    FactIssueKind::Invalid {
                        expected: Text::new(
                            format!("a target listed once (entry {first} has the same name)"),
                            format!("每项指标只列一次（第{first}项同名）"),
                        ),
                        found: phrase::again(&line.name),
                    },
                ));
            }
        }
        let mut outcomes = Vec::with_capacity(lines.len());
        let (mut met, mut unknown) = (0u64, 0u64);
        for (i, line) in lines.iter().enumerate() {
            let target = match TargetValue::parse(&line.target, self.bare) {
                Ok(t) if !t.is_qualitative() => t,
                Ok(_) => {
                    problems.push((
                        field(i, "target"),
                        FactIssueKind::Invalid {
                            expected: Text::new(
                                "a quantitative target (a 数量指标), which can be counted as met",
                                "可计为达成的定量指标（数量指标）",
                            ),
                            found: Text::same(format!("`{}`", line.target)),
                        },
                    ));
                    continue;
                }
                Err(e) => {
                    problems.push((
                        field(i, "target"),
                        FactIssueKind::Invalid {
                            expected: e.expected,
                            found: Text::same(format!("`{}`", line.target)),
                        },
                    ));
                    continue;
                }
            };
            let amount = match amount_of(&line.actual, &target, &line.target) {
                Ok(a) => a,
                Err(kind) => {
                    problems.push((field(i, "actual"), kind));
                    continue;
                }
            };
            let state = match amount {
                None => {
                    unknown += 1;
                    LineState::Unknown
                }
                Some((value, unit, written)) => {
                    let mut scratch = Vec::new();
                    // The line above a target bounds only a `≥` target: a
                    // `≤` target beaten by far is met.
                    let judge = match &target {
                        TargetValue::Compare { op, .. } if op.is_higher() => &self.judge,
                        _ => &self.lenient,
                    };
                    match judge.quantity(
                        &target,
                        value,
                        unit,
                        written,
                        false,
                        Decimal::ONE,
                        &mut scratch,
                    ) {
                        Ok((score, _)) => {
                            let ok = score == Decimal::ONE;
                            met += u64::from(ok);
                            let overshot = scratch.iter().any(|s| matches!(s, Step::Excess { .. }));
                            match (ok, overshot) {
                                (true, _) => LineState::Met,
                                (false, true) => LineState::Overshot,
                                (false, false) => LineState::Missed,
                            }
                        }
                        Err(kind) => {
                            problems.push((field(i, "actual"), kind));
                            continue;
                        }
                    }
                }
            };
            outcomes.push(LineOutcome {
                name: Arc::from(line.name.as_str()),
                target: Arc::from(line.target.trim()),
                actual: Arc::from(match &line.actual {
                    crate::facts::Actual::Number(n) => plain(*n),
                    crate::facts::Actual::Text(t) => t.trim().to_owned(),
                    _ => "unknown".to_owned(),
                }),
                state,
            });
        }
        if !problems.is_empty() {
            return None;
        }
        let total = lines.len() as u64;
        steps.push(Step::TargetLines {
            lines: outcomes,
            within: self.within,
        });
        // The lowest score counts the unknown targets missed, the highest met.
        let low = self.count_score(met, total, points, steps, true);
        let high = if unknown == 0 {
            low
        } else {
            let mut scratch = Vec::new();
            self.count_score(met + unknown, total, points, &mut scratch, false)
        };
        Some(Range {
            low: low?,
            high: high?,
        })
    }

    /// The score for `met` of `total`, pushing the working when `record`.
    fn count_score(
        &self,
        met: u64,
        total: u64,
        points: Decimal,
        steps: &mut Vec<Step>,
        record: bool,
    ) -> Option<Decimal> {
        let (met_d, total_d) = (Decimal::from(met), Decimal::from(total));
        match self.scoring {
            CountScoring::Proportional => {
                if record {
                    steps.push(Step::Counted {
                        met,
                        total,
                        points,
                        per_miss: None,
                    });
                }
                crate::exact::mul_div(points, met_d, total_d).map(|q| q.value)
            }
            CountScoring::PerMiss(d) => {
                let misses = Decimal::from(total - met);
                if record {
                    steps.push(Step::Counted {
                        met,
                        total,
                        points,
                        per_miss: Some(d),
                    });
                }
                let deduction = crate::exact::mul(misses, d)?;
                let mut scratch = Vec::new();
                deduct(
                    points,
                    crate::exact::Fraction::whole(deduction),
                    if record { steps } else { &mut scratch },
                )
            }
        }
    }
}

impl TargetRule {
    /// A rule that scores one target 1 point when met and within the line,
    /// 0 otherwise: what counting targets needs.
    pub(crate) fn judge(
        bare: BareReading,
        excess: Option<(Decimal, ExcessTreatment)>,
    ) -> TargetRule {
        TargetRule {
            target: None,
            unit: None,
            actual: None,
            bare,
            unmet: Unmet::Zero,
            tolerance: None,
            excess,
            levels: None,
            zero_denominator: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Actual;
    use crate::rules::tests::{compile_issues, compile_rule};
    use crate::rules::{CompiledRule, Rule};
    use rust_decimal_macros::dec;

    fn rule(json: serde_json::Value) -> Rule {
        serde_json::from_value(json).unwrap()
    }

    fn line(name: &str, target: &str, actual: &str) -> TargetLine {
        TargetLine {
            name: name.to_owned(),
            target: target.to_owned(),
            actual: Actual::from(actual),
        }
    }

    type Scored = Result<(Decimal, Decimal), Vec<String>>;

    fn score(json: serde_json::Value, lines: &[TargetLine]) -> (Scored, Vec<Step>) {
        let CompiledRule::TargetsMet(c) = compile_rule(&rule(json), dec!(10)) else {
            panic!("not targets_met");
        };
        let (mut steps, mut problems) = (Vec::new(), Vec::new());
        let range = c.score("x", lines, dec!(10), &mut steps, &mut problems);
        let result = match range {
            Some(r) if problems.is_empty() => Ok((r.low, r.high)),
            _ => Err(problems.iter().map(|(f, k)| format!("{f}: {k}")).collect()),
        };
        (result, steps)
    }

    fn lines() -> Vec<TargetLine> {
        vec![
            line("培训人次", "≥2000人次", "2500人次"),
            line("示范基地", "≥10个", "14个"),
            line("完成时限", "≤12个月", "11个月"),
            line("覆盖村数", "≥50个", "45个"),
            line("受益户数", "≥3000户", "3900户"),
        ]
    }

    #[test]
    fn counts_targets_met_within_the_line() {
        // 2500 of 2000 is 125%: counts; 14 of 10 is 140%: past 30%; 11 of ≤12 counts; 45 of 50: missed; 3900 of 3000 is 130%: counts.
        let json =
            serde_json::json!({"kind": "targets_met", "within": "30%", "scoring": "proportional"});
        assert_eq!(score(json.clone(), &lines()).0, Ok((dec!(6), dec!(6))));
        let json = serde_json::json!({"kind": "targets_met", "scoring": "proportional"});
        assert_eq!(score(json, &lines()).0, Ok((dec!(8), dec!(8))));
        let json =
            serde_json::json!({"kind": "targets_met", "within": "30%", "scoring": {"per_miss": 4}});
        assert_eq!(score(json, &lines()).0, Ok((dec!(2), dec!(2))));
    }

    #[test]
    fn an_unknown_actual_leaves_a_range() {
        let mut l = lines();
        l[3] = line("覆盖村数", "≥50个", "unknown");
        let json =
            serde_json::json!({"kind": "targets_met", "within": "30%", "scoring": "proportional"});
        assert_eq!(score(json, &l).0, Ok((dec!(6), dec!(8))));
    }

    #[test]
    fn the_working_names_each_target() {
        let json =
            serde_json::json!({"kind": "targets_met", "within": "30%", "scoring": "proportional"});
        let (_, steps) = score(json, &lines()[..2]);
        assert_eq!(
            crate::explain::sentence(&steps, dec!(10), 2, crate::explain::Lang::Zh),
            "所列指标2项（达到目标值为达标；“≥”类指标超出目标值30%以上的不计为达标）：培训人次≥2000人次，实际2500人次，达标；示范基地≥10个，实际14个，超出指标值过多，未达标，达标1项，共2项，按比例计分：10 × 1 ÷ 2"
        );
    }

    #[test]
    fn an_upper_bound_beaten_by_far_counts() {
        let json =
            serde_json::json!({"kind": "targets_met", "within": "30%", "scoring": "proportional"});
        assert_eq!(
            score(json, &[line("办理时长", "≤30天", "15天")]).0,
            Ok((dec!(10), dec!(10)))
        );
    }

    #[test]
    fn what_cannot_be_counted_is_refused() {
        let json = serde_json::json!({"kind": "targets_met", "scoring": "proportional"});
        assert_eq!(
            score(json.clone(), &[line("带动作用", "效果明显", "达成")]).0,
            Err(vec!["target_lists.x[0].target: expected a quantitative target (a 数量指标), which can be counted as met, found `效果明显`".to_owned()])
        );
        assert_eq!(
            score(json.clone(), &[line("培训人次", "≥2000人次", "2100人")]).0,
            Err(vec!["target_lists.x[0].actual: expected the actual value in 人次 (or a unit of its kind), the target's unit, found `2100人`, in 人".to_owned()])
        );
        assert_eq!(
            score(json.clone(), &[line("a", "≥1个", "1个"), line("a", "≥2个", "2个")]).0,
            Err(vec!["target_lists.x[1].name: expected a target listed once (entry 0 has the same name), found `a` again".to_owned()])
        );
        assert_eq!(
            score(json, &[]).0,
            Err(vec!["target_lists.x: expected at least one target, with its name, target and actual value, found an empty list".to_owned()])
        );
        assert_eq!(
            compile_issues(&rule(serde_json::json!({"kind": "targets_met", "within": 30, "scoring": "proportional"})), dec!(10)),
            vec!["rule.within: expected a share of the target of at least 0, written with %, such as \"30%\", found 30".to_owned()]
        );
    }
}
