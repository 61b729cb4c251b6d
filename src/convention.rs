//! [`Convention`]: how a project self-evaluation table (项目支出绩效自评表)
//! is scored, as data — the national one of 财预〔2020〕10号 built in, and a
//! province's variant a different value of the same type.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::rules::{Better, Excess, ExcessTreatment, Level, Proportional, Quantity, Rule, Unmet};
use crate::spec::{GradeSpec, NotApplicable, Rounding};
use crate::target_value::BareReading;

/// How the rows of a target table are scored: the weights, the 预算执行率
/// row, how a target met or missed scores, the tiers of a qualitative target,
/// what a row marked not applicable does — everything a province may vary.
///
/// [`Convention::national`] is 财预〔2020〕10号's; a province's variant is
/// the same type with other values, read from JSON or built in code:
///
/// ```
/// use jixiao::{Convention, Excess, ExcessTreatment, Quantity, Unmet};
///
/// // 未达到预期指标或超过预期指标30%以上的，均不计分
/// let mut strict = Convention::national();
/// strict.name = "某省单位自评".to_owned();
/// strict.unmet = Unmet::Zero;
/// strict.excess = Some(Excess {
///     beyond: Quantity::percent("30".parse()?),
///     treatment: ExcessTreatment::Zero,
/// });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Convention {
    /// The JSON Schema this file follows, for editors; ignored otherwise.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Its name, e.g. `财预〔2020〕10号 单位自评`.
    pub name: String,
    /// Where it comes from, with the wording it follows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The table's full score (总分).
    #[serde(deserialize_with = "crate::number::deserialize")]
    #[schemars(with = "crate::number::ExactDecimal")]
    pub total: Decimal,
    /// Decimal places scores are rounded to.
    pub precision: u32,
    /// How scores are rounded.
    pub rounding: Rounding,
    /// Grade bands; absent: 财预〔2020〕10号's (优 90, 良 80, 中 60, 差).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grades: Option<Vec<GradeSpec>>,
    /// The 预算执行率 row, scored from the project's funds; absent where the
    /// table does not score it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetRule>,
    /// First-level weights (产出指标 50, 效益指标 30, 满意度指标 10), shared
    /// equally among a first-level indicator's rows where the table gives
    /// the rows no points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weights: Vec<Weight>,
    /// How a target written as a bare number (`100%`) is read.
    #[serde(default)]
    pub bare: BareReading,
    /// How a quantitative target not met scores.
    pub unmet: Unmet,
    /// For `=` targets, how far off still counts as met (a `%` is a share of
    /// the target).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<Quantity>,
    /// What overshooting a target by more than a share of it means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excess: Option<Excess>,
    /// The tiers a qualitative target is rated in.
    pub qualitative: Vec<Level>,
    /// The levels of a target that is done or not (`完成` / `未完成`).
    pub binary: Vec<Level>,
    /// Targets, as written, that make a row done-or-not rather than tiered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub binary_targets: Vec<String>,
    /// What a row the facts mark not applicable scores.
    pub not_applicable: NotApplicable,
    /// The 评价标准 each kind of row shows, in the convention's words.
    pub criteria: Criteria,
}

/// The 预算执行率 row of a convention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetRule {
    /// Its points (分值).
    #[serde(deserialize_with = "crate::number::deserialize")]
    #[schemars(with = "crate::number::ExactDecimal")]
    pub points: Decimal,
    /// How it is scored, over the inputs `全年预算数`, `全年执行数` (and
    /// `年初预算数`): proportional (10号), bands, a threshold.
    pub rule: Rule,
    /// Its 评价标准, in the convention's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    /// The 执行率 below which the review asks for the reason (预算执行率
    /// 低于X%的须说明原因), as a percentage; absent, any execution that costs
    /// points does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain_below: Option<Quantity>,
}

/// A first-level indicator's weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Weight {
    /// The first-level indicator, as tables name it: `产出指标`.
    pub level1: String,
    /// Its points.
    #[serde(deserialize_with = "crate::number::deserialize")]
    #[schemars(with = "crate::number::ExactDecimal")]
    pub points: Decimal,
}

/// The 评价标准 of each kind of row, which the table shows after the
/// row's 年度指标值.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criteria {
    /// A lower bound (`≥`, `>`): 正向指标.
    pub higher: String,
    /// An upper bound (`≤`, `<`): 反向指标.
    pub lower: String,
    /// An `=` target or a range.
    pub equal: String,
    /// A qualitative target, rated in tiers.
    pub qualitative: String,
    /// A target done or not.
    pub binary: String,
}

fn level(name: &str, text: &str, range: Option<&str>, points: Option<Quantity>) -> Level {
    Level {
        name: name.to_owned(),
        text: Some(text.to_owned()),
        points,
        range: range.map(str::to_owned),
    }
}

impl Convention {
    /// 财预〔2020〕10号's convention for a unit's self-evaluation (单位自评):
    ///
    /// - 预算执行率 10 points, 10 × 全年执行数 ÷ 全年预算数, capped at 100%;
    /// - 产出指标 50, 效益指标 30, 满意度指标 10, where the rows carry no points;
    /// - a quantitative target met, full points; not met, 按照完成值与指标值的
    ///   比例记分 (points × 实际 ÷ 指标值 for `≥`, points × 指标值 ÷ 实际 for `≤`);
    /// - a bare number (`100%`) read as at least;
    /// - a qualitative target in three tiers: 达成 [80%,100%], 部分达成
    ///   [60%,80%), 未达成 [0%,60%) of the points (“100-80%（含）、80%-60%
    ///   （含）、60%-0%”: （含） belongs to the lower figure), the evaluator
    ///   choosing a score within the tier with a reason; `完成` / `未完成`
    ///   for a target done or not;
    /// - 对完成值高于指标值较多的，要分析原因: a row more than 50% past its
    ///   target is flagged for review, its score unchanged. 10号 gives no
    ///   figure for 较多; 50% is this crate's line, declared here so that a
    ///   bureau can set its own;
    /// - a row not applicable is left out and the total rescaled
    ///   (用适用指标得分汇总后按百分制折算).
    ///
    /// ```
    /// let national = jixiao::Convention::national();
    /// assert_eq!(national.weights.iter().map(|w| w.points.to_string()).collect::<Vec<_>>(), ["50", "30", "10"]);
    /// ```
    pub fn national() -> Convention {
        let percent = |v: i64| Quantity::percent(Decimal::from(v));
        Convention {
            schema: None,
            name: "财预〔2020〕10号 单位自评".to_owned(),
            source: Some(
                "财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）关于单位自评的规定：预算执行率和一级指标权重统一设置为产出指标50%、效益指标30%、服务对象满意度指标10%、预算执行率10%；定量指标完成指标值的记满分，未完成的按照完成值与指标值的比例记分；定性指标分为达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差三档，分别按照该指标对应分值区间100-80%（含）、80%-60%（含）、60%-0%合理确定分值；对完成值高于指标值较多的，要分析原因，如果是由于年初指标值设定明显偏低造成的，要按照偏离度适度调减分值。“较多”的界线（超过指标值50%）为本库所设，仅提请复核，不改变得分。".to_owned(),
            ),
            total: Decimal::ONE_HUNDRED,
            precision: 2,
            rounding: Rounding::HalfUp,
            grades: None,
            budget: Some(BudgetRule {
                points: Decimal::TEN,
                rule: Rule::Proportional(Proportional {
                    formula: "预算执行率=全年执行数/全年预算数×100%".to_owned(),
                    target: percent(100),
                    better: Better::Higher,
                    zero_denominator: None,
                }),
                criterion: Some(
                    "预算执行率=全年执行数÷全年预算数×100%；得分=10×预算执行率，执行率超过100%的按100%计。".to_owned(),
                ),
                explain_below: None,
            }),
            weights: vec![
                Weight {
                    level1: "产出指标".to_owned(),
                    points: Decimal::from(50),
                },
                Weight {
                    level1: "效益指标".to_owned(),
                    points: Decimal::from(30),
                },
                Weight {
                    level1: "满意度指标".to_owned(),
                    points: Decimal::TEN,
                },
            ],
            bare: BareReading::AtLeast,
            unmet: Unmet::Proportional,
            tolerance: None,
            excess: Some(Excess {
                beyond: percent(50),
                treatment: ExcessTreatment::Review,
            }),
            qualitative: vec![
                level("达成", "达成年度指标", Some("[80%,100%]"), None),
                level(
                    "部分达成",
                    "部分达成年度指标并具有一定效果",
                    Some("[60%,80%)"),
                    None,
                ),
                level("未达成", "未达成年度指标且效果较差", Some("[0%,60%)"), None),
            ],
            binary: vec![
                level("完成", "完成", None, Some(percent(100))),
                level("未完成", "未完成", None, Some(percent(0))),
            ],
            binary_targets: ["完成", "按时完成", "全部完成", "是"]
                .map(str::to_owned)
                .to_vec(),
            not_applicable: NotApplicable::Exclude,
            criteria: Criteria {
                higher: "完成或超过年度指标值的，记该指标所赋全部分值；未完成的，按照实际完成值÷年度指标值×该指标分值记分。".to_owned(),
                lower: "实际完成值不超过年度指标值的，记该指标所赋全部分值；超过的，按照年度指标值÷实际完成值×该指标分值记分。".to_owned(),
                equal: "实际完成值符合年度指标值的，记该指标所赋全部分值；低于的按照实际完成值÷年度指标值、高于的按照年度指标值÷实际完成值×该指标分值记分。".to_owned(),
                qualitative: "达成年度指标的，按该指标分值的100%-80%（含）；部分达成年度指标并具有一定效果的，按80%-60%（含）；未达成年度指标且效果较差的，按60%-0%合理确定分值。".to_owned(),
                binary: "完成的，记该指标所赋全部分值；未完成的，不得分。".to_owned(),
            },
        }
    }

    /// Reads a convention from JSON.
    ///
    /// # Errors
    ///
    /// A [`JsonError`](crate::JsonError) when the text is not a convention
    /// (with line and column): an unknown field, a number that cannot be
    /// read exactly.
    pub fn from_json(json: &str) -> Result<Convention, crate::JsonError> {
        crate::target_table::read_json("convention", json, |_| None)
    }
}
