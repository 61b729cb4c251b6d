//! Exact, explained scoring of Chinese public-finance performance-evaluation
//! rubrics (预算绩效评价指标表).
//!
//! A rubric is a weighted indicator table — 投入 / 过程 / 产出及效率, each
//! row with its 分值, its scoring standard (评价标准) and its formula
//! (指标说明). Write the table once as data, compile it into a [`Rubric`],
//! and score each department's [`Facts`] against it: every indicator gets
//! its score with the working that produced it, in Chinese (or English), and
//! the [`Evaluation`] gives the total and the grade.
//!
//! # Example
//!
//! ```
//! use jixiao::{Answer, Facts, Rubric};
//!
//! let rubric = Rubric::from_json(r#"{
//!     "title": "部门整体支出绩效评价指标表（节选）",
//!     "total": 11,
//!     "inputs": [
//!         { "name": "在职人员数", "label": "实际在职人数", "unit": "人", "min": 0, "integer": true },
//!         { "name": "编制数", "unit": "人", "min": 0, "integer": true }
//!     ],
//!     "grades": [{ "label": "优", "min": 9.9 }, { "label": "差", "min": 0 }],
//!     "indicators": [
//!         { "id": "在职人员控制率", "name": "在职人员控制率", "points": 5,
//!           "criterion": "在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。",
//!           "rule": { "kind": "ratio_threshold", "formula": "（在职人员数/编制数）×100%",
//!                     "threshold": "100%", "direction": "above", "step": "1%",
//!                     "deduction": 0.5, "partial_unit": "proportional" } },
//!         { "id": "行政效能", "name": "行政效能", "points": 6,
//!           "rule": { "kind": "rating", "levels": [
//!               { "name": "较好", "points": 6 }, { "name": "一般", "points": 3 },
//!               { "name": "无效果", "points": 0 } ] } }
//!     ]
//! }"#)?;
//!
//! let facts = Facts::new()
//!     .value("编制数", "34".parse()?)
//!     .value("在职人员数", "39".parse()?)
//!     .answer("行政效能", Answer::level("较好"));
//! let evaluation = rubric.evaluate(&facts)?;
//!
//! let staff = evaluation.find("在职人员控制率").ok_or("no such indicator")?;
//! assert_eq!(staff.score, Some("0".parse()?));
//! assert_eq!(
//!     staff.leaf.as_ref().and_then(|l| l.working.as_deref()),
//!     Some("在职人员控制率 = 39 ÷ 34 × 100% ≈ 114.71%，超过标准100%约14.71个百分点，每个百分点扣0.5分，应扣约7.35分，扣完为止，得0分（满分5分）")
//! );
//! assert_eq!(evaluation.total, Some("6".parse()?));
//! assert_eq!(evaluation.grade.as_deref(), Some("差"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Scope of this crate
//!
//! - **Pure.** No files, no network, no clock, no global state: the host
//!   reads and writes; this crate checks and computes. Evaluation is
//!   deterministic.
//! - **Exact.** Every number on a scoring path is a
//!   [`rust_decimal::Decimal`]; there is no floating point. A JSON number is
//!   read as written or refused, on every path through serde_json: the
//!   `from_json` functions, a plain `serde_json::from_str::<Facts>` or
//!   `from_slice`, `serde_json::from_value` of a parsed `Value`, a web
//!   framework's JSON extractor (`axum::Json<Facts>`), for [`Facts`],
//!   [`RubricSpec`], [`TargetTable`] and [`Convention`] alike. So
//!   `0.10000000000000000001` is that number, never `0.1`; `1E-28` reads
//!   exactly; a literal a decimal cannot hold (`1e300`, more than 28
//!   places or significant digits) is refused. A document starting with a
//!   byte-order mark is refused with a message that says so. See
//!   [Exact JSON numbers](#exact-json-numbers) for what this asks of a host.
//!   Formulas and rules are computed as exact fractions and divided once,
//!   at the end (`points × value ÷ target` is one division); values are
//!   compared with band ends and thresholds exactly, by cross-multiplying.
//!   A quotient that does not terminate is carried past every place a
//!   rubric rounds to (rounded to odd), so the single rounding is exact, and
//!   the working writes such a figure with `≈` (Chinese 约). Scores are
//!   rounded only where the rubric says (leaf scores to its `precision`,
//!   四舍五入 by default), and the rounding is in the working.
//! - **Checked.** Arithmetic is checked: a figure too large for a
//!   `Decimal` or needing more than its 28 significant digits, and a
//!   division by zero, are errors naming the indicator and the formula
//!   (never a rounded or saturated figure), unless the rule says what a
//!   zero denominator means. No input makes the crate panic; sizes are
//!   bounded by the [`limits`].
//! - **Honest about missing data.** A fact marked unknown gives the leaves
//!   that need it the range of scores their rule still allows, and the total
//!   a range; the grade is given only where the whole range falls in one band.
//! - **Not in scope:** reading files, storing evaluations, deciding what a
//!   document's ambiguous wording means — the rubric author decides, and the
//!   rubric says so explicitly (inclusive band ends, how a partial step
//!   counts, what a zero denominator means).
//!
//! # Overview
//!
//! - [`RubricSpec`]: what a rubric file says (serde, JSON Schema).
//! - [`Rubric`]: a checked rubric; [`Rubric::compile`] reports every problem
//!   at once as a [`CompileError`].
//! - [`Rule`]: the rule kinds — [`RatioThreshold`], [`SteppedBands`],
//!   [`Checklist`], [`Proportional`], [`Rating`], [`Judgement`], [`Target`],
//!   [`TargetsMet`].
//! - [`TargetTable`] and [`Convention`]: a project's 绩效目标表 and the
//!   convention it is scored under ([`Convention::national`], 财预〔2020〕10号),
//!   compiled by [`Rubric::from_targets`]; [`TargetValue`], [`Amount`] and
//!   [`Unit`] read 年度指标值 and 实际完成值 as the documents write them;
//!   [`review_projects`] reviews a bureau's batch.
//! - [`Criterion`], [`Recognition`], [`import_table`] and [`Draft`]: the
//!   document's wording and tables read into rules and a draft rubric;
//!   [`Wording`] the other way.
//! - [`Facts`]: one department's values, answers, not-applicable marks,
//!   claimed self-scores and reviewer overrides.
//! - [`Evaluation`]: the scored tree, each leaf with its [`Step`]s and its
//!   sentence of working; problems with the facts are an [`EvaluationError`].
//!
//! # Embedding it in a platform
//!
//! **Sharing.** A [`Rubric`] is immutable and `Send + Sync`; `Clone` copies
//! every indicator, so compile each rubric once and share it as
//! `Arc<Rubric>` across requests and threads (as `jixiao serve` does).
//! Evaluation borrows the rubric and the facts. A result carries
//! `Arc<str>`s (ids, names, formulas, levels) cloned from the rubric, whose
//! reference counts threads sharing the rubric would otherwise all write;
//! so a thread that has evaluated or reviewed one rubric
//! [`limits::COPY_AFTER_EVALUATIONS`] (256) times compiles a copy of its
//! own from the rubric's spec, once — about a dozen evaluations' work, and
//! on a review's path the scores its rules can give are worked out again —
//! and evaluates that copy from then on, with the same results. A copy
//! holds the compiled rubric again, sharing the spec, criteria and
//! definitions with the host's; a thread keeps at most
//! [`limits::COPIES_PER_THREAD`] (8), the least recently used dropped
//! first. A batch ([`Rubric::evaluate_batch`]) is evaluated on the host's
//! rubric.
//!
//! ```
//! use std::collections::BTreeMap;
//! use std::sync::Arc;
//! use jixiao::{Facts, Rubric};
//!
//! // At start: every rubric the platform serves, compiled once.
//! let mut rubrics: BTreeMap<String, Arc<Rubric>> = BTreeMap::new();
//! for (id, text) in [
//!     ("zhijiang-2020-department", include_str!("../rubrics/zhijiang-2020-department/rubric.json")),
//!     ("mof-2013-department-framework", include_str!("../rubrics/mof-2013-department-framework/rubric.json")),
//! ] {
//!     rubrics.insert(id.to_owned(), Arc::new(Rubric::from_json(text)?));
//! }
//! // Per request, from any thread: look the rubric up and score.
//! let facts = Facts::from_json(include_str!("../rubrics/zhijiang-2020-department/facts.json"))?;
//! let rubric = Arc::clone(&rubrics["zhijiang-2020-department"]);
//! let total = std::thread::spawn(move || rubric.review(&facts).map(|r| r.evaluation.high))
//!     .join()
//!     .map_err(|_| "the thread panicked")??;
//! assert_eq!(total, "95".parse()?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Errors.** Every error ([`Error`] and the stages' [`CompileError`],
//! [`EvaluationError`], [`JsonError`], [`BatchError`]) has its message in
//! both languages (`message(Lang::Zh)`; `Display` is English), a stable
//! code per problem, and serialises to one shape a platform can show
//! without matching on kinds:
//!
//! ```
//! use jixiao::{Facts, Lang, Rubric};
//!
//! let rubric = Rubric::from_json(include_str!("../rubrics/zhijiang-2020-department/rubric.json"))?;
//! let facts = Facts::from_json(r#"{"values": {"编制人数": 34}}"#)?;
//! let error = jixiao::Error::from(rubric.evaluate(&facts).expect_err("refused"));
//! assert_eq!(error.codes()[0], "undeclared_input");
//! assert!(error.message(Lang::Zh).starts_with("填报资料有"));
//! let json = serde_json::to_value(&error)?;
//! assert_eq!(json["problems"][0]["pointer"], "/values/编制人数");
//! assert!(json["problems"][0]["message"]["zh"].is_string());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Reviews and documents.** [`Rubric::review`] reconciles the claimed
//! scores, runs the cross-checks and says what would change the score;
//! [`render::document`] writes it as text, Markdown, CSV or an HTML page:
//!
//! ```
//! use jixiao::render::{self, Format};
//! use jixiao::{ClaimStatus, Facts, Lang, Rubric};
//!
//! let rubric = Rubric::from_json(include_str!("../rubrics/zhijiang-2020-department/rubric.json"))?;
//! let facts = Facts::from_json(include_str!("../rubrics/zhijiang-2020-department/facts.json"))?;
//! let review = rubric.review(&facts)?;
//! let staff = review.claims.iter().find(|c| &*c.id == "在职人员控制率").ok_or("no claim")?;
//! assert_eq!((staff.claimed, staff.status), ("5".parse()?, ClaimStatus::Higher));
//! assert_eq!(review.summary.claimed_leaves.claimed, 17);
//! let page = render::document(Format::Html, &rubric, &review, Lang::Zh);
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **On the wire.** Decimals serialise as strings (`"6.28"`, `"87.18"`) and
//! are read from JSON numbers or strings, exactly; [`Lang`] is `"zh"` or
//! `"en"`; [`EvalOptions`] is `{"lang": …, "working": "sentences" |
//! "steps_only"}`; [`render::Format`] is `"text"`, `"markdown"`, `"csv"` or
//! `"html"`. The JSON Schemas of every document are in [`schema`] (and
//! committed in `rubrics/schema/`); [`Provenance`] names the rubric and the
//! facts an archived evaluation came from.
//!
//! # Glossary
//!
//! | term | 中文 | meaning |
//! |---|---|---|
//! | indicator | 指标 | a row of the table: a branch (一级/二级) or a leaf (三级) |
//! | points | 分值 | an indicator's full score |
//! | criterion | 评价标准 | the scoring standard, in the document's words |
//! | definition | 指标说明 | what is measured and how, in the document's words |
//! | input | 基础数据 | a named number a formula reads |
//! | rule | 评分规则 | how a leaf turns facts into a score |
//! | claimed score | 自评得分 | the score a department gave itself |
//! | override | 复核调整 | a reviewer's score replacing the computed one, with a reason |
//! | target | 年度指标值 / 年初指标值 | the value a row is scored against, as written: `≥2000人次`, `效果明显` |
//! | actual value | 实际完成值 | what the unit achieved, as written: `5600人次` |
//! | target table | 绩效目标表 | a project's rows of targets and points, declared when its budget is set |
//! | convention | 计分规则 | how a target table's rows score: weights, met and unmet, tiers, overshooting |
//! | deviation | 偏差原因分析及改进措施 | why a row missed or overshot its target, and what will be done |
//! | reading | 理解 | one way an ambiguous 评价标准 can be taken, with the rule it gives |
//!
//! # Writing a rubric
//!
//! The repository's `rubrics/README.md` walks through writing one leaf of
//! each kind from a document's wording; `rubrics/` holds real rubrics (the
//! seed document's table, the national frameworks of 财预〔2013〕53号 and
//! 财预〔2020〕10号, the unit self-evaluation form) and `rubrics/schema/`
//! the JSON Schemas ([`schema`]) an editor checks a rubric against as it is
//! typed. [`Rubric::verify`] reports what compiles but may not be meant;
//! [`Rubric::facts_schema`] gives the schema of exactly the facts a rubric
//! needs, for a platform's data-entry form.
//!
//! # Reviewing a submission
//!
//! [`Rubric::review`] evaluates a department's facts and reconciles its
//! claimed self-scores (naming claims a rule can never give), runs the
//! rubric's cross-checks of the base data (勾稽关系), and works out what
//! would give each leaf full points, how far the next grade is, and which
//! unknown fact would narrow the total most. [`render`] turns a review into
//! the filled-in table as text, Markdown, CSV or HTML.
//!
//! # Project self-evaluations
//!
//! A project's 项目支出绩效自评表 is scored from its target table, never from
//! a hand-written rubric: [`Rubric::from_targets`] compiles the table under a
//! [`Convention`] into an ordinary rubric (a `预算执行率` leaf and one
//! [`Target`] leaf per row), laid out as [`Form::ProjectSelfEvaluation`].
//! The unit's facts give each row's 实际完成值 as written (`actuals`), the
//! project's funds (`values`), its self-scores and its 偏差原因
//! (`deviations`). The review lists rows missed or overshot without a
//! reason ([`Review::deviations`]), and the renderers print the 自评表.
//!
//! # From the bureau's document
//!
//! Rubrics need not be written by hand. [`Criterion::recognise`] reads one
//! row's 评价标准 (with its 指标说明, 分值 and name) as a [`Rule`]:
//! *recognised* when the text says everything the rule needs, with every
//! number traced to a [`Span`] of the text; *ambiguous* with each
//! [`Reading`] where it does not (`每超过一个百分点扣0.5分`: whole steps,
//! prorated or any started step; a band end written once; a bare `100%`
//! target); *unrecognised* with the text it could not place. It never
//! guesses: a contradiction, a missing threshold or an OCR-damaged sign is
//! unrecognised, not read. [`import_table`] (CSV or TSV) and `import_xlsx`
//! (feature `xlsx`) turn a whole 附件1 table — merged cells written once —
//! into a [`Draft`]: a [`RubricSpec`] whose leaves carry the recognised
//! rules, and a report of every row and of points that do not add up. The
//! author resolves it ([`Draft::choose`], [`Draft::set_points`]);
//! [`Draft::into_spec`] refuses while anything is unresolved.
//! [`Wording::of`] writes a rule back as its canonical 评价标准.
//!
//! # Limits
//!
//! A hostile rubric cannot exhaust the stack or the memory of the platform
//! that embeds this crate: depth, size, formula length and nesting, text
//! sizes and entry counts are bounded by the constants in [`limits`], each
//! exceeded with a clear error.
//!
//! Names (of indicators, inputs, checklist items, rating levels, checks and
//! grades) must read as what they are: the crate refuses — it does not
//! normalise — names with control characters (NUL), invisible characters
//! (zero-width spaces, soft hyphens, the byte-order mark), bidirectional
//! controls (U+202E), leading or trailing spaces, or characters that
//! Unicode normalisation (NFC) would change (combining marks of decomposed
//! text, CJK compatibility ideographs), and input names of digits alone
//! (`３４`, which would read as a number). This is not a complete NFC check,
//! which would need Unicode's tables as a dependency; it covers the ways
//! two names that look the same differ in practice. Messages write such
//! characters in facts as `\u{200B}`, so a message cannot be rewritten by
//! what it quotes.
//!
//! # Formulas
//!
//! Written as the documents write them: `（在职人员数/编制数）×100%`,
//! full-width or square brackets, `× ÷ * / + -`, decimal literals, and input
//! names in Chinese or ASCII (Chinese quotation marks are part of a name:
//! `本年度“三公经费”预算数`). A final `×100%` makes the value a percentage,
//! carried in percentage points; the rule's thresholds and bands are then
//! in percentage points too (`"100%"`, `"(0,10%]"`). A `%` anywhere else is
//! refused. Errors give the character position.
//!
//! # Exact JSON numbers
//!
//! serde_json normally reads a JSON number into a binary float before any
//! type sees it, so `0.10000000000000000001` arrives as `0.1`. This crate
//! turns on serde_json's `arbitrary_precision` feature, under which
//! serde_json hands over each number's literal text, and reads decimals
//! from that text. Cargo unifies features, so **the host's serde_json has
//! it too**: `serde_json::Value` then keeps every number as written
//! (`Value` numbers compare by their text), and a host's own types that
//! serde buffers — `#[serde(untagged)]`, `#[serde(flatten)]` or internally
//! tagged enums — receive numbers it does not hold exactly as a one-entry
//! map instead of an `f64`, which a derived `f64` field refuses
//! (serde-rs/json#505). Such a host reads those fields through
//! `serde_json::Number` or a `Value`. A format that parses numbers into
//! binary floats itself (YAML, CBOR, MessagePack) hands the crate a float,
//! read as the shortest decimal that float shows: write long decimals there
//! as strings.
//!
//! # Crate features
//!
//! - `proptest` (off by default): [`testkit`], strategies that generate
//!   facts for a given rubric and random valid rubrics, so that a host can
//!   property-test its own rubrics before anyone is scored with them.
//! - `xlsx` (off by default): `import_xlsx`, an indicator table imported
//!   from the bytes of an `.xlsx` workbook, read with calamine.
//!
//! serde and JSON Schema support are always on, because rubrics are data and
//! platforms build their forms from the schemas.

#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::float_arithmetic
)]

mod adjust;
mod batch;
mod canonical;
mod convention;
mod deviations;
mod error;
mod evaluate;
mod exact;
mod explain;
mod facts;
mod formula;
mod import;
mod lang;
pub mod limits;
mod locate;
mod names;
mod number;
mod peers;
pub mod provenance;
mod recognise;
pub mod render;
mod replica;
mod review;
mod rubric;
mod rules;
pub mod schema;
mod spec;
mod structure;
mod target_table;
mod target_value;
#[cfg(feature = "proptest")]
#[cfg_attr(docsrs, doc(cfg(feature = "proptest")))]
pub mod testkit;
mod unit;
mod verify;

pub use crate::adjust::{Adjustments, ExtraResult, VetoResult, VetoTestResult};
pub use crate::batch::{
    review_projects, Batch, BatchOptions, BatchSummary, ClaimAbove, GradeCount, Project,
    ProjectOutcome, Refused, Unexplained,
};
pub use crate::convention::{BudgetRule, Convention, Criteria, Weight};
pub use crate::deviations::{BudgetSummary, Deviation, DeviationKind};
pub use crate::error::{
    BatchError, BatchIssue, CompileError, Error, EvaluationError, FactIssue, FactIssueKind,
    IndicatorPath, IssueKind, JsonError, PathStep, RubricIssue, Text,
};
pub use crate::evaluate::{
    EvalOptions, Evaluation, IndicatorEvaluation, LeafEvaluation, Rescaling, Weighting, Working,
};
pub use crate::explain::{Converted, InputValue, ItemState, Lang, LineOutcome, LineState, Step};
pub use crate::facts::{
    Actual, Answer, AnswerFields, ClaimedScore, FactValue, Facts, ItemAnswer, Override, TargetLine,
    VetoAnswer,
};
pub use crate::formula::{FormulaError, FormulaErrorKind};
#[cfg(feature = "xlsx")]
#[cfg_attr(docsrs, doc(cfg(feature = "xlsx")))]
pub use crate::import::import_xlsx;
pub use crate::import::{import_table, Draft, ImportError, ImportedRow, TableProblem, Unresolved};
pub use crate::peers::{
    BatchEvaluation, BatchReview, Department, DepartmentEvaluation, DepartmentReview, Departments,
    StandingRow, Standings,
};
pub use crate::provenance::Provenance;
pub use crate::recognise::{Criterion, Reading, Recognition, Source, Span, Status, Wording};
pub use crate::review::{
    CheckOutcome, CheckResult, CheckSide, ClaimCheck, ClaimStatus, ClaimSummary, ClaimedLeaves,
    Gain, InputBound, LeafWhatIf, Narrowing, NextGrade, PeerBasis, Requirement, Review, Slip,
    SlipKind, WhatIf,
};
pub use crate::rubric::{Indicator, Rubric};
pub use crate::rules::{
    AgainstAverage, Band, Better, Checklist, ChecklistItem, CountScoring, Direction, Excess,
    ExcessTreatment, Judgement, Level, PartialUnit, Proportional, Quantity, Ranking, Rating,
    RatioThreshold, Relative, RelativeMethod, Rule, RuleKind, SteppedBands, Target, TargetsMet,
    Ties, Unmet, ZeroDenominator,
};
pub use crate::spec::{
    default_grades, BudgetBlock, CheckSpec, ExtraItems, FinalScore, Form, GradeSpec, IndicatorSpec,
    InputSpec, NotApplicable, Relation, Rounding, RubricSpec, SharedRow, VetoEffect, VetoSpec,
    VetoTest,
};
pub use crate::target_table::{
    Scale, TargetRow, TargetTable, ADJUSTED_BUDGET, BUDGET_INDICATOR, EXECUTED, INITIAL_BUDGET,
};
pub use crate::target_value::{Amount, BareReading, Comparison, TargetValue, TextError};
pub use crate::unit::Unit;
pub use crate::verify::{Finding, Severity};

/// The crate's `Decimal`, re-exported so hosts need not name the dependency.
pub use rust_decimal::Decimal;

/// The JSON Schema crate the document types derive `JsonSchema` from,
/// re-exported so that a host names the very version the crate uses
/// (`jixiao::schemars::JsonSchema`, `jixiao::schemars::schema_for!`).
pub use schemars;

/// The JSON crate of [`schema`]'s return values and of `Facts`' reading,
/// re-exported so that a host names the very version the crate uses
/// (`jixiao::serde_json::Value`).
pub use serde_json;

/// The README's code example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
