//! [`RubricSpec`]: what a rubric file says, as plain data.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::rules::Rule;

/// A rubric as written: the indicator table of a 预算绩效评价 document.
///
/// This is passive data (fields are public, there is no behaviour); compile
/// it with [`Rubric::compile`](crate::Rubric::compile) to check it and get a
/// [`Rubric`](crate::Rubric) that can score facts. Unknown fields are
/// refused, so a typo in a rubric file never passes silently. Numbers may be
/// JSON numbers or strings; they are read exactly (see the crate docs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RubricSpec {
    /// The JSON Schema this file follows, for editors; ignored otherwise.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// A stable id for the rubric, e.g. `zhijiang-2020-department`: with
    /// `version`, what an archived evaluation names it by
    /// ([`Provenance`](crate::Provenance)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The table's title, e.g. `部门整体支出绩效评价指标表`.
    pub title: String,
    /// Which edition of the rubric this is, e.g. `2020`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The document the rubric comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The full score of the table (总分), 100 unless stated.
    #[serde(
        default = "default_total",
        deserialize_with = "crate::number::deserialize"
    )]
    #[schemars(with = "crate::number::ExactDecimal")]
    pub total: Decimal,
    /// Decimal places that leaf scores are rounded to (default 2).
    #[serde(default = "default_precision")]
    pub precision: u32,
    /// How leaf scores are rounded to the precision (default 四舍五入).
    #[serde(default)]
    pub rounding: Rounding,
    /// Grade bands (评价等级), each from its `min` up to the next band's.
    /// When absent: 优 ≥ 90%, 良 [80%, 90%), 中 [60%, 80%), 差 < 60% of the
    /// total (财预〔2020〕10号; on 100 points, 90/80/60), see [`default_grades`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grades: Option<Vec<GradeSpec>>,
    /// The named numbers that formulas read (基础数据).
    #[serde(default)]
    pub inputs: Vec<InputSpec>,
    /// The first-level indicators (一级指标), each with its children.
    pub indicators: Vec<IndicatorSpec>,
    /// Relations the base data must satisfy (勾稽关系), checked when facts
    /// are reviewed: sums, a reported ratio against its formula, bounds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<CheckSpec>,
    /// The form the table is filled in on, where it is not the indicator
    /// table of 附件1: a project self-evaluation (项目支出绩效自评表).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<Form>,
    /// Conditions that, when they hold, zero the total or cap the grade
    /// (一票否决 / 一票否优), listed beside the scored indicators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vetoes: Vec<VetoSpec>,
    /// Items scored on top of the total (加分项), each a leaf with its rule,
    /// its points the most it adds, and a cap for all of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bonus: Option<ExtraItems>,
    /// Items taken from the total (扣分项), each a leaf with the deduction
    /// rule the document states on the most it takes as its points; what
    /// it deducts is taken, up to a cap for all of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub penalty: Option<ExtraItems>,
    /// Whether the final score, after bonus and penalty items, is held
    /// within 0 and the total (default) or left as it comes.
    #[serde(default, skip_serializing_if = "FinalScore::is_clamped")]
    pub final_score: FinalScore,
}

/// A veto (一票否决): a condition beside the scored indicators that, when
/// it holds, sets the total to 0 or caps the grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VetoSpec {
    /// A stable id, unique among the vetoes (they have their own facts
    /// section, so an indicator may share it); the facts' `vetoes` answer
    /// under it.
    pub id: String,
    /// The condition in the document's words, e.g. `发生重大违纪违规问题`.
    pub name: String,
    /// The document's sentence, e.g. `发生重大违纪违规问题的，实行一票否决`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    /// A formula against a bound that decides the veto from the base data;
    /// absent, the facts answer it: `{"evidence": "…"}` naming what shows
    /// it holds (not empty), `false`, or `"unknown"` (the total, or the
    /// grade, becomes a range).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<VetoTest>,
    /// What the veto does when it holds.
    pub effect: VetoEffect,
}

/// A veto decided by the base data: `formula` compared with `bound`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VetoTest {
    /// A formula over the inputs, e.g. `预算执行率` or `违规资金金额`.
    pub formula: String,
    /// How the value compares with the bound when the veto holds:
    /// `less_than` for 低于, `more_than` for 超过, `at_least`, `at_most`,
    /// `equal`.
    pub is: crate::target_value::Comparison,
    /// The bound, a number or a percentage (`"60%"`) in the formula's unit.
    pub bound: crate::rules::Quantity,
}

/// What a veto does when it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum VetoEffect {
    /// The total is 0 (一票否决: 总分计0分).
    Zero,
    /// The grade is at most this one, the total unchanged (一票否优: 评价
    /// 等级最高为良; 否决: 直接评为差).
    Grade(String),
}

/// Bonus or penalty items (加分项 / 扣分项) and their cap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtraItems {
    /// The most all the items together add or take (`加分不超过0.5分`);
    /// absent, the sum of the items' points.
    #[serde(
        default,
        deserialize_with = "crate::number::deserialize_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::number::ExactDecimal>")]
    pub cap: Option<Decimal>,
    /// The items, each a leaf: its points are the most it adds (or takes).
    pub items: Vec<IndicatorSpec>,
}

/// Whether the final score is held within 0 and the total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FinalScore {
    /// Held within 0 and the total (the default).
    #[default]
    Clamped,
    /// As it comes: bonus items may take it above the total, penalty items
    /// below 0.
    Open,
}

impl FinalScore {
    fn is_clamped(&self) -> bool {
        *self == FinalScore::Clamped
    }
}

/// The form a rubric is filled in on, which the renderers lay out and the
/// review holds the facts to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Form {
    /// 项目支出绩效自评表: the project's funds in a header block (年初预算数,
    /// 全年预算数, 全年执行数, 分值, 执行率, 得分), then one row per target
    /// (年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施). A row that
    /// loses points, or overshoots its target, needs its 偏差原因.
    ProjectSelfEvaluation {
        /// Where the header block's figures come from.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        budget: Option<BudgetBlock>,
    },
}

/// The header block of a project self-evaluation: the inputs holding the
/// project's funds and the leaf scoring their execution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetBlock {
    /// The input holding 年初预算数, where the form shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial: Option<String>,
    /// The input holding 全年预算数.
    pub adjusted: String,
    /// The input holding 全年执行数.
    pub executed: String,
    /// The id of the leaf scoring 预算执行率.
    pub indicator: String,
    /// The 执行率, in percent, below which the review asks for the reason;
    /// absent, any execution below the leaf's full points does.
    #[serde(
        default,
        deserialize_with = "crate::number::deserialize_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::number::ExactDecimal>")]
    pub explain_below: Option<Decimal>,
}

/// A relation among facts (勾稽关系): `left relation right`, within a
/// tolerance, e.g. `三公经费决算数 = 公务接待费决算数 + 公车运行维护费决算数`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckSpec {
    /// A stable id, unique among the checks.
    pub id: String,
    /// What the relation means, in the document's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A formula over the inputs, e.g. `报告在职人员控制率`.
    pub left: String,
    /// How the two sides must compare.
    pub relation: Relation,
    /// A formula over the inputs, e.g. `在职人员数/编制数×100%`, or a number.
    pub right: String,
    /// How far apart the sides may be and still agree (in the left side's
    /// unit; 0 unless stated), for figures reported rounded.
    #[serde(
        default,
        deserialize_with = "crate::number::deserialize_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::number::ExactDecimal>")]
    pub tolerance: Option<Decimal>,
}

/// How the two sides of a check compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Equal, within the tolerance.
    Equal,
    /// Left at most right (plus the tolerance).
    AtMost,
    /// Left at least right (less the tolerance).
    AtLeast,
}

fn default_total() -> Decimal {
    Decimal::ONE_HUNDRED
}

fn default_precision() -> u32 {
    2
}

/// The grade bands of 财预〔2020〕10号 for a rubric's total: 优 from 90% of
/// the total, 良 from 80%, 中 from 60%, 差 below (90, 80, 60 on 100 points).
///
/// ```
/// let grades = jixiao::default_grades("100".parse()?);
/// assert_eq!(grades[1].label, "良");
/// assert_eq!(grades[1].min, "80".parse()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn default_grades(total: Decimal) -> Vec<GradeSpec> {
    [("优", 90), ("良", 80), ("中", 60), ("差", 0)]
        .into_iter()
        .map(|(label, percent)| GradeSpec {
            label: label.to_owned(),
            min: total
                .checked_mul(Decimal::from(percent))
                .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED))
                .unwrap_or_default()
                .normalize(),
        })
        .collect()
}

/// How a score is rounded to the rubric's precision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// 四舍五入: halves round away from zero (2.345 → 2.35).
    #[default]
    HalfUp,
    /// Banker's rounding: halves round to the even digit (2.345 → 2.34).
    HalfEven,
    /// Truncation toward zero (2.349 → 2.34).
    Down,
}

impl Rounding {
    pub(crate) fn strategy(self) -> rust_decimal::RoundingStrategy {
        use rust_decimal::RoundingStrategy as S;
        match self {
            Rounding::HalfUp => S::MidpointAwayFromZero,
            Rounding::HalfEven => S::MidpointNearestEven,
            Rounding::Down => S::ToZero,
        }
    }
}

/// One grade band: totals from `min` (inclusive) up to the next higher band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GradeSpec {
    /// The grade's name, e.g. `优` or `优秀`.
    pub label: String,
    /// The lowest total (inclusive) that earns this grade.
    #[serde(deserialize_with = "crate::number::deserialize")]
    #[schemars(with = "crate::number::ExactDecimal")]
    pub min: Decimal,
}

/// A named number that formulas read, e.g. `编制数`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InputSpec {
    /// The name formulas use, exactly as written in them.
    pub name: String,
    /// The label a data-entry form shows, e.g. `2020年实际在职人数`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The unit, e.g. `人`, `万元`, or `%` for a percentage, which facts
    /// must then write with a `%` sign (`"92%"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// What the number is and where it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The smallest value allowed (inclusive).
    #[serde(
        default,
        deserialize_with = "crate::number::deserialize_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::number::ExactDecimal>")]
    pub min: Option<Decimal>,
    /// The largest value allowed (inclusive).
    #[serde(
        default,
        deserialize_with = "crate::number::deserialize_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::number::ExactDecimal>")]
    pub max: Option<Decimal>,
    /// Whether the value must be a whole number (a head count, say).
    #[serde(default, skip_serializing_if = "is_false")]
    pub integer: bool,
}

impl InputSpec {
    /// Whether the input is a percentage (unit `%`).
    pub fn is_percent(&self) -> bool {
        matches!(self.unit.as_deref(), Some("%" | "％"))
    }
}

// serde's skip_serializing_if passes a reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(b: &bool) -> bool {
    !*b
}

/// One row of the table: an indicator (指标) with its points, and either
/// children or a scoring rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSpec {
    /// A stable id, unique in the rubric (any text; the name is usual).
    pub id: String,
    /// The indicator's name (一级/二级/三级指标).
    pub name: String,
    /// The points (分值).
    #[serde(deserialize_with = "crate::number::deserialize")]
    #[schemars(with = "crate::number::ExactDecimal")]
    pub points: Decimal,
    /// The scoring standard in the document's words (评价标准).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    /// The definition or formula in the document's words (指标说明).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    /// What a leaf scores when the facts mark it not applicable. Without
    /// it, marking the leaf not applicable is an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<NotApplicable>,
    /// The sub-indicators; their points must add up to this one's (or to
    /// `out_of`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<IndicatorSpec>,
    /// How a leaf is scored; required on leaves, refused on branches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
    /// The least a leaf scores, whatever its rule gives (最低得1分;
    /// 扣完3分为止 on 5 points is a floor of 2). It bounds what the rule
    /// gives, not a not-applicable treatment, nor a reviewer's override;
    /// no finer than the rubric's precision.
    #[serde(
        default,
        deserialize_with = "crate::number::deserialize_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::number::ExactDecimal>")]
    pub floor: Option<Decimal>,
    /// The most a leaf scores, below its points (最高得N分), on the same
    /// terms as `floor`.
    #[serde(
        default,
        deserialize_with = "crate::number::deserialize_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::number::ExactDecimal>")]
    pub cap: Option<Decimal>,
    /// For a branch whose children are scored on a scale of their own (a
    /// weight: 一级权重 × 二级得分 ÷ 100): the children's points add up to
    /// this, and the branch scores their sum × its points ÷ this.
    #[serde(
        default,
        deserialize_with = "crate::number::deserialize_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::number::ExactDecimal>")]
    pub out_of: Option<Decimal>,
    /// For a branch: its children are alternatives (二者择其一), each with
    /// the branch's points, of which the facts choose the one scored
    /// (`choices.<id>`); the others are left out without rescaling.
    #[serde(default, skip_serializing_if = "is_false")]
    pub alternatives: bool,
    /// For a leaf whose one 分值 cell spans several rows of the document
    /// (the seed's 经济效益 / 社会效益 share 6): the rows, scored together by
    /// the leaf's rule against its points, and shown with one merged cell.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<SharedRow>,
    /// For `not_applicable: share`: the sibling leaves that share this
    /// leaf's points equally (把此项分值均摊到另外两项).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub share_with: Vec<String>,
}

/// One row of the document under a leaf whose points it shares with
/// other rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SharedRow {
    /// The row's name (三级指标).
    pub name: String,
    /// Its 评价标准, in the document's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
}

/// What a not-applicable leaf scores, as the rubric declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotApplicable {
    /// Full points (the seed: 没有楼堂馆所项目的部门按满分计算).
    Full,
    /// Zero points.
    Zero,
    /// Left out, and the total rescaled: Σ applicable scores ÷ Σ applicable
    /// points × the rubric total.
    Exclude,
    /// Its points shared equally by the siblings named in `share_with`
    /// (把此项分值均摊到另外两项): each scores its own rate of its points
    /// plus its share.
    Share,
    /// The average score rate of its applicable siblings (按同级其他指标的
    /// 平均得分率计分).
    Average,
}
