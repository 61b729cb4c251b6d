//! `checklist`: items met or not (逐项计分), or cases deducted per category
//! (每出现一例扣n分，扣完为止).
//!
//! Each item has either `points` (an award checklist: the score is the sum
//! of the items met) or `per_case` (a deduction checklist: the score is the
//! points less `per_case` for every case found, floored at 0). One checklist
//! uses one of the two.

use std::collections::BTreeSet;
use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{deduct, times, CompileContext, Range};
use crate::error::{phrase, FactIssueKind, Field, Text};
use crate::exact::Fraction;
use crate::explain::{ItemState, Step};
use crate::facts::{Answer, ItemAnswer};
use crate::number;

/// Items met, or cases deducted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    /// The items (①②③…) or violation categories.
    pub items: Vec<ChecklistItem>,
    /// Whether an item may be partly met, with a reason (award checklists
    /// only). Without it an item is met or not.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial_credit: bool,
}

/// One item of a checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    /// The item's id, e.g. `①`; answers use it.
    pub id: String,
    /// The item's wording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Points for meeting the item (award checklists).
    #[serde(
        default,
        deserialize_with = "crate::number::deserialize_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::number::ExactDecimal>")]
    pub points: Option<Decimal>,
    /// Points deducted for each case found (deduction checklists).
    #[serde(
        default,
        deserialize_with = "crate::number::deserialize_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::number::ExactDecimal>")]
    pub per_case: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CompiledItem {
    pub(crate) id: Arc<str>,
    /// Points (award) or deduction per case (deduct).
    pub(crate) amount: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CompiledChecklist {
    pub(crate) items: Vec<CompiledItem>,
    pub(crate) deduct: bool,
    pub(crate) partial_credit: bool,
}

impl Checklist {
    pub(crate) fn compile(&self, cx: &mut CompileContext<'_>) -> Option<CompiledChecklist> {
        if !cx.entries("rule.items", self.items.len()) {
            return None;
        }
        if self.items.is_empty() {
            cx.invalid(
                "rule.items",
                phrase::at_least_one("item", "检查项"),
                phrase::empty(),
            );
            return None;
        }
        let deducting = self.items[0].per_case.is_some() && self.items[0].points.is_none();
        let mut seen = BTreeSet::new();
        let mut items = Vec::with_capacity(self.items.len());
        let mut sum = Some(Decimal::ZERO);
        for (i, item) in self.items.iter().enumerate() {
            let field = |part: &str| format!("rule.items[{i}].{part}");
            if item.id.trim().is_empty() {
                cx.invalid(
                    field("id"),
                    Text::new("a non-empty item id such as `①`", "非空的检查项编号，如“①”"),
                    Text::new("an empty id", "空编号"),
                );
            }
            cx.name(field("id"), &item.id);
            if let Some(text) = &item.text {
                cx.text(field("text"), text);
            }
            if !seen.insert(item.id.as_str()) {
                cx.invalid(
                    field("id"),
                    Text::new("an id not used by another item", "其他检查项未用过的编号"),
                    phrase::again(&item.id),
                );
            }
            let amount = match (item.points, item.per_case) {
                (Some(p), None) if !deducting => p,
                (None, Some(d)) if deducting => d,
                (Some(_), Some(_)) => {
                    cx.invalid(
                        field("points"),
                        Text::new(
                            "either `points` or `per_case`",
                            "points 与 per_case 二者之一",
                        ),
                        phrase::both(),
                    );
                    continue;
                }
                (None, None) => {
                    cx.invalid(
                        field("points"),
                        if deducting {
                            Text::new("`per_case`, the deduction per case", "每例扣分 per_case")
                        } else {
                            Text::new("`points`, the item's points", "检查项分值 points")
                        },
                        Text::new(
                            "neither `points` nor `per_case`",
                            "points 和 per_case 都没有填",
                        ),
                    );
                    continue;
                }
                _ => {
                    cx.invalid(
                        field(if deducting { "points" } else { "per_case" }),
                        if deducting {
                            Text::new("`per_case` like the first item (a checklist either awards points or deducts per case)", "与第一项一样填 per_case（检查清单要么按项给分，要么按例扣分）")
                        } else {
                            Text::new("`points` like the first item (a checklist either awards points or deducts per case)", "与第一项一样填 points（检查清单要么按项给分，要么按例扣分）")
                        },
                        Text::same(if deducting { "`points`" } else { "`per_case`" }),
                    );
                    continue;
                }
            };
            cx.non_negative(field(if deducting { "per_case" } else { "points" }), amount);
            sum = sum.and_then(|s| crate::exact::add(s, amount));
            items.push(CompiledItem {
                id: Arc::from(item.id.as_str()),
                amount,
            });
        }
        if !deducting && sum.is_none_or(|s| s > cx.points) {
            cx.invalid(
                "rule.items",
                Text::new(
                    format!(
                        "item points adding up to at most the indicator's {} points",
                        number::plain(cx.points)
                    ),
                    format!(
                        "各检查项分值合计不超过本指标分值{}分",
                        number::plain(cx.points)
                    ),
                ),
                match sum {
                    Some(sum) => Text::new(
                        format!("items adding up to {}", number::plain(sum)),
                        format!("合计{}分", number::plain(sum)),
                    ),
                    None => Text::new(
                        "items adding up to more than an exact decimal holds",
                        "合计超出精确小数的范围",
                    ),
                },
            );
        }
        if deducting && self.partial_credit {
            cx.invalid(
                "rule.partial_credit",
                Text::new(
                    "partial credit only on a checklist that awards points",
                    "仅在按项给分的检查清单上允许的部分得分",
                ),
                Text::new(
                    "`partial_credit: true` on a deduction checklist",
                    "扣分式检查清单上的 partial_credit: true",
                ),
            );
        }
        Some(CompiledChecklist {
            items,
            deduct: deducting,
            partial_credit: self.partial_credit,
        })
    }
}

type Problems = Vec<(Field, FactIssueKind)>;

impl CompiledChecklist {
    pub(crate) fn deducts(&self) -> bool {
        self.deduct
    }

    /// The item ids, for messages: `①、②、③`.
    fn ids(&self) -> String {
        self.items
            .iter()
            .map(|i| &*i.id)
            .collect::<Vec<_>>()
            .join("、")
    }

    pub(crate) fn bounds(&self, points: Decimal) -> Range {
        if self.deduct {
            let can_deduct = self.items.iter().any(|i| i.amount > Decimal::ZERO);
            Range {
                low: if can_deduct { Decimal::ZERO } else { points },
                high: points,
            }
        } else {
            let sum = self.items.iter().fold(Decimal::ZERO, |acc, i| {
                acc.checked_add(i.amount).unwrap_or(acc)
            });
            Range {
                low: Decimal::ZERO,
                high: sum,
            }
        }
    }

    pub(crate) fn score(
        &self,
        answer: &Answer,
        points: Decimal,
        steps: &mut Vec<Step>,
        problems: &mut Problems,
    ) -> Range {
        let empty = std::collections::BTreeMap::new();
        let answers = match answer {
            Answer::Unknown => None,
            Answer::Given(fields) => {
                if fields.level.is_some() || fields.score.is_some() || fields.reason.is_some() {
                    problems.push((
                        "".into(),
                        FactIssueKind::Invalid {
                            expected: Text::new(
                                "only `items` for a checklist",
                                "检查清单只有 items",
                            ),
                            found: Text::new(
                                "`level`, `score` or `reason`",
                                "level、score 或 reason",
                            ),
                        },
                    ));
                }
                match &fields.items {
                    Some(items) => Some(items),
                    None => {
                        problems.push((
                            "items".into(),
                            FactIssueKind::MissingAnswer {
                                expected: Text::new(
                                    "the answers of the checklist's items",
                                    "各检查项的结论",
                                ),
                            },
                        ));
                        Some(&empty)
                    }
                }
            }
        };
        if let Some(given) = answers {
            // Only look for ids that are not items when some are not.
            let known = self
                .items
                .iter()
                .filter(|i| given.contains_key(&*i.id))
                .count();
            if known < given.len() {
                for id in given.keys() {
                    if !self.items.iter().any(|i| &*i.id == id.as_str()) {
                        problems.push((
                            Field::parse("items").then_key(id),
                            FactIssueKind::Invalid {
                                expected: Text::new(
                                    format!("one of the items {}", self.ids()),
                                    format!("检查项{}之一", self.ids()),
                                ),
                                found: Text::same(format!("`{id}`")),
                            },
                        ));
                    }
                }
            }
        }
        if self.deduct {
            self.score_deductions(answers, points, steps, problems)
        } else {
            self.score_awards(answers, steps, problems)
        }
    }

    fn score_awards(
        &self,
        answers: Option<&std::collections::BTreeMap<String, ItemAnswer>>,
        steps: &mut Vec<Step>,
        problems: &mut Problems,
    ) -> Range {
        let mut low = Decimal::ZERO;
        let mut high = Decimal::ZERO;
        for item in &self.items {
            let answer = match answers {
                None => Some(&ItemAnswer::Unknown),
                Some(map) => map.get(&*item.id),
            };
            let field = || Field::parse("items").then_key(&item.id);
            let (state, a, b, reason) = match answer {
                None => {
                    problems.push((
                        field(),
                        FactIssueKind::MissingAnswer {
                            expected: met_or_not(),
                        },
                    ));
                    continue;
                }
                Some(ItemAnswer::Met) => (ItemState::Met, item.amount, item.amount, None),
                Some(ItemAnswer::NotMet) => (ItemState::NotMet, Decimal::ZERO, Decimal::ZERO, None),
                Some(ItemAnswer::Unknown) => (ItemState::Unknown, Decimal::ZERO, item.amount, None),
                Some(ItemAnswer::Partial { score, reason }) => {
                    if !self.partial_credit {
                        problems.push((
                            field(),
                            FactIssueKind::Invalid {
                                expected: Text::new(
                                    "true (met), false (not met) or \"unknown\": the rubric allows no partial credit on this checklist",
                                    "true（符合）、false（不符合）或\"unknown\"（未知）：本检查清单不允许部分得分",
                                ),
                                found: Text::new(
                                    format!("a partial score of {}", number::plain(*score)),
                                    format!("部分得分{}分", number::plain(*score)),
                                ),
                            },
                        ));
                        continue;
                    }
                    let mut local = Vec::new();
                    if !super::check_chosen(
                        *score,
                        Decimal::ZERO,
                        item.amount,
                        Some(reason),
                        "score",
                        &mut local,
                    ) {
                        problems.extend(
                            local.into_iter().map(|(f, k)| {
                                (Field::parse("items").then_key(&item.id).join(f), k)
                            }),
                        );
                        continue;
                    }
                    (
                        ItemState::Partial,
                        *score,
                        *score,
                        Some(Arc::from(reason.as_str())),
                    )
                }
                Some(ItemAnswer::Cases(n)) => {
                    problems.push((
                        field(),
                        FactIssueKind::Invalid {
                            expected: Text::new(
                                "true (met), false (not met) or \"unknown\"; counts of cases are for deduction checklists",
                                "true（符合）、false（不符合）或\"unknown\"（未知）；违规例数只用于扣分式检查清单",
                            ),
                            found: Text::new(format!("the count {n}"), format!("例数{n}")),
                        },
                    ));
                    continue;
                }
            };
            // Within the items' points, which compiling checked add up.
            low = low.checked_add(a).unwrap_or(low);
            high = high.checked_add(b).unwrap_or(high);
            steps.push(Step::Item {
                id: Arc::clone(&item.id),
                points: item.amount,
                state,
                low: a,
                high: b,
                reason,
            });
        }
        Range { low, high }
    }

    fn score_deductions(
        &self,
        answers: Option<&std::collections::BTreeMap<String, ItemAnswer>>,
        points: Decimal,
        steps: &mut Vec<Step>,
        problems: &mut Problems,
    ) -> Range {
        let mut known = Decimal::ZERO;
        let mut open_ended = false;
        for item in &self.items {
            let answer = match answers {
                None => &ItemAnswer::Unknown,
                // A category not listed had no cases.
                Some(map) => map.get(&*item.id).unwrap_or(&ItemAnswer::Cases(0)),
            };
            match answer {
                ItemAnswer::Cases(n) => {
                    let deduction = match times(Decimal::from(*n), item.amount) {
                        Ok(d) => d,
                        Err(kind) => {
                            problems.push((Field::parse("items").then_key(&item.id), kind));
                            continue;
                        }
                    };
                    let Some(sum) = crate::exact::add(known, deduction) else {
                        problems.push((
                            Field::parse("items").then_key(&item.id),
                            FactIssueKind::Overflow {
                                formula: "the deductions added up".to_owned(),
                            },
                        ));
                        continue;
                    };
                    known = sum;
                    steps.push(Step::Cases {
                        id: Arc::clone(&item.id),
                        per_case: item.amount,
                        count: Some(*n),
                        deduction: Some(deduction),
                    });
                }
                ItemAnswer::Unknown => {
                    open_ended |= item.amount > Decimal::ZERO;
                    steps.push(Step::Cases {
                        id: Arc::clone(&item.id),
                        per_case: item.amount,
                        count: None,
                        deduction: None,
                    });
                }
                other => problems.push((
                    Field::parse("items").then_key(&item.id),
                    FactIssueKind::Invalid {
                        expected: Text::new(
                            "a whole number of cases, or \"unknown\"",
                            "违规例数（整数）或\"unknown\"（未知）",
                        ),
                        found: match other {
                            ItemAnswer::Met => Text::same("true"),
                            ItemAnswer::NotMet => Text::same("false"),
                            _ => Text::new("a partial score", "部分得分"),
                        },
                    },
                )),
            }
        }
        let categories = steps
            .iter()
            .filter(|s| matches!(s, Step::Cases { count: Some(n), .. } if *n > 0))
            .count();
        if categories > 1 {
            steps.push(Step::Deductions { total: known });
        }
        let Some(high) = deduct(points, Fraction::whole(known), steps) else {
            problems.push((
                "items".into(),
                FactIssueKind::Overflow {
                    formula: "the points less the deductions".to_owned(),
                },
            ));
            return Range::exact(Decimal::ZERO);
        };
        Range {
            low: if open_ended { Decimal::ZERO } else { high },
            high,
        }
    }
}

/// What an award checklist's item takes.
fn met_or_not() -> Text {
    Text::new(
        "true (met), false (not met) or \"unknown\"",
        "true（符合）、false（不符合）或\"unknown\"（未知）",
    )
}

#[cfg(test)]
mod tests {
    use crate::facts::{Answer, ItemAnswer};
    use crate::rules::tests::{answer_issues, answer_range, compile_issues, compile_rule};
    use crate::rules::Rule;
    use rust_decimal_macros::dec;

    fn seed_systems() -> Rule {
        // 管理制度健全性 ①…2分；②…2分；③…2分；④…2分。
        serde_json::from_value(serde_json::json!({
            "kind": "checklist",
            "items": [
                {"id": "①", "text": "有内部财务管理制度、会计核算制度等管理制度", "points": 2},
                {"id": "②", "text": "有本部门厉行节约制度", "points": 2},
                {"id": "③", "text": "相关管理制度合法、合规、完整", "points": 2},
                {"id": "④", "text": "相关管理制度得到有效执行", "points": 2}
            ]
        }))
        .unwrap()
    }

    fn seed_compliance() -> Rule {
        // 资金使用合规性 ①…⑤ 以上情况每出现一例不符合要求的扣1分，扣完为止。
        serde_json::from_value(serde_json::json!({
            "kind": "checklist",
            "items": [
                {"id": "①", "per_case": 1}, {"id": "②", "per_case": 1}, {"id": "③", "per_case": 1},
                {"id": "④", "per_case": 1}, {"id": "⑤", "per_case": 1}
            ]
        }))
        .unwrap()
    }

    #[test]
    fn award_items_met_not_met_and_unknown() {
        let r = compile_rule(&seed_systems(), dec!(8));
        let answer = Answer::items([
            ("①", ItemAnswer::Met),
            ("②", ItemAnswer::Met),
            ("③", ItemAnswer::NotMet),
            ("④", ItemAnswer::Unknown),
        ]);
        assert_eq!(answer_range(&r, &answer, dec!(8)), (dec!(4), dec!(6)));
        assert_eq!(
            answer_range(&r, &Answer::Unknown, dec!(8)),
            (dec!(0), dec!(8))
        );
    }

    #[test]
    fn partial_credit_only_where_the_rubric_allows_it() {
        let partial = Answer::items([
            ("①", ItemAnswer::Met),
            ("②", ItemAnswer::Met),
            ("③", ItemAnswer::Met),
            (
                "④",
                ItemAnswer::Partial {
                    score: dec!(1),
                    reason: "执行不到位".into(),
                },
            ),
        ]);
        let r = compile_rule(&seed_systems(), dec!(8));
        assert_eq!(
            answer_issues(&r, &partial, dec!(8)),
            vec!["items.④: expected true (met), false (not met) or \"unknown\": the rubric allows no partial credit on this checklist, found a partial score of 1".to_owned()]
        );
        let mut rule = seed_systems();
        if let Rule::Checklist(c) = &mut rule {
            c.partial_credit = true;
        }
        let r = compile_rule(&rule, dec!(8));
        assert_eq!(answer_range(&r, &partial, dec!(8)), (dec!(7), dec!(7)));
        let no_reason = Answer::items([(
            "①",
            ItemAnswer::Partial {
                score: dec!(3),
                reason: " ".into(),
            },
        )]);
        assert_eq!(
            answer_issues(&r, &no_reason, dec!(8)),
            vec![
                "items.①.score: expected a score from 0 to 2, found 3".to_owned(),
                "items.①.reason: a reason is required, found a blank reason".to_owned(),
                "items.②: no answer given, expected true (met), false (not met) or \"unknown\""
                    .to_owned(),
                "items.③: no answer given, expected true (met), false (not met) or \"unknown\""
                    .to_owned(),
                "items.④: no answer given, expected true (met), false (not met) or \"unknown\""
                    .to_owned(),
            ]
        );
    }

    #[test]
    fn deductions_per_case_can_outnumber_the_items() {
        let r = compile_rule(&seed_compliance(), dec!(6));
        let one = Answer::items([("③", ItemAnswer::Cases(1))]);
        assert_eq!(answer_range(&r, &one, dec!(6)), (dec!(5), dec!(5)));
        let many = Answer::items([("②", ItemAnswer::Cases(4)), ("⑤", ItemAnswer::Cases(3))]);
        assert_eq!(answer_range(&r, &many, dec!(6)), (dec!(0), dec!(0)));
        let open = Answer::items([("②", ItemAnswer::Unknown), ("⑤", ItemAnswer::Cases(1))]);
        assert_eq!(answer_range(&r, &open, dec!(6)), (dec!(0), dec!(5)));
    }

    #[test]
    fn typed_violations_with_different_deductions() {
        // 未按规定时间办结的一次扣3分；未及时反馈的一次扣2分 on 10 points
        let rule: Rule = serde_json::from_value(serde_json::json!({
            "kind": "checklist",
            "items": [{"id": "未按规定时间办结", "per_case": 3}, {"id": "未及时反馈", "per_case": 2}]
        }))
        .unwrap();
        let r = compile_rule(&rule, dec!(10));
        let answer = Answer::items([
            ("未按规定时间办结", ItemAnswer::Cases(2)),
            ("未及时反馈", ItemAnswer::Cases(1)),
        ]);
        assert_eq!(answer_range(&r, &answer, dec!(10)), (dec!(2), dec!(2)));
    }

    #[test]
    fn wrong_answers_name_the_item() {
        let r = compile_rule(&seed_compliance(), dec!(6));
        let answer = Answer::items([("⑥", ItemAnswer::Cases(1)), ("①", ItemAnswer::Met)]);
        assert_eq!(
            answer_issues(&r, &answer, dec!(6)),
            vec![
                "items.⑥: expected one of the items ①、②、③、④、⑤, found `⑥`".to_owned(),
                "items.①: expected a whole number of cases, or \"unknown\", found true".to_owned(),
            ]
        );
    }

    #[test]
    fn malformed_checklists_are_refused() {
        let rule: Rule = serde_json::from_value(serde_json::json!({
            "kind": "checklist",
            "items": [
                {"id": "①", "points": 3}, {"id": "①", "points": 3}, {"id": "③", "per_case": 1}, {"id": "④"}
            ]
        }))
        .unwrap();
        assert_eq!(
            compile_issues(&rule, dec!(5)),
            vec![
                "rule.items[1].id: expected an id not used by another item, found `①` again".to_owned(),
                "rule.items[2].per_case: expected `points` like the first item (a checklist either awards points or deducts per case), found `per_case`".to_owned(),
                "rule.items[3].points: expected `points`, the item's points, found neither `points` nor `per_case`".to_owned(),
                "rule.items: expected item points adding up to at most the indicator's 5 points, found items adding up to 6".to_owned(),
            ]
        );
        let empty: Rule =
            serde_json::from_value(serde_json::json!({"kind": "checklist", "items": []})).unwrap();
        assert_eq!(
            compile_issues(&empty, dec!(5)),
            vec!["rule.items: expected at least one item, found none".to_owned()]
        );
    }
}
