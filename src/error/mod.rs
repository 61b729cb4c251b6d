//! The errors of each stage: [`CompileError`] when a rubric is checked,
//! [`EvaluationError`] when facts are scored, [`JsonError`] when a document
//! cannot be read, and [`Error`] for any of them.
//!
//! Every problem says where — the indicator (by names and ids) and the
//! field, shown dotted and as a JSON Pointer into the document — what was
//! expected and what was found, under a stable machine code
//! ([`RubricIssue::code`], [`FactIssue::code`], [`JsonError::code`]). Its
//! message is rendered from that one description in Chinese or English
//! ([`Lang`]); `Display` is English. Serialised, every problem has the same
//! shape (see [`Error`]).
//!
//! This module depends only on the crate's vocabulary (names, numbers,
//! limits, the formula's error): the stages build errors, errors know no
//! stage.

mod json;
mod text;

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, SerializeStruct, Serializer};

use crate::formula::FormulaError;
use crate::lang::Lang;
use crate::number::plain;

pub(crate) use json::{plain_words, JsonProblem};
pub use text::Text;
pub(crate) use text::{both, phrase, Field, Seg};

/// One level of an [`IndicatorPath`]: the indicator's id and name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PathStep {
    id: Arc<str>,
    name: Arc<str>,
}

impl PathStep {
    /// The indicator's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The indicator's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// Where an indicator sits in the table, from the first level down, by
/// names and ids: displayed `投入 › 预算配置 › 在职人员控制率`, serialised
/// `[{"id": "1", "name": "投入"}, …]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndicatorPath {
    steps: Vec<PathStep>,
    /// The name of the list this indicator's children sit in, where it is
    /// not `children` (a section's `items`).
    kids: Option<&'static str>,
    /// The indicator's place in its rubric document, as a JSON Pointer
    /// (`/indicators/0/children/2`), where it came from one.
    at: Option<Arc<str>>,
}

impl IndicatorPath {
    /// The path one level down, to the child at `index` of this indicator
    /// (or of the rubric, from the empty path).
    pub(crate) fn child(&self, id: &Arc<str>, name: &Arc<str>, index: usize) -> IndicatorPath {
        let mut steps = self.steps.clone();
        steps.push(PathStep {
            id: Arc::clone(id),
            name: Arc::clone(name),
        });
        let list = match self.kids {
            Some(list) => list,
            None if self.steps.is_empty() => "indicators",
            None => "children",
        };
        let above = self.at.as_deref().unwrap_or("");
        let mut at = String::with_capacity(above.len() + list.len() + 8);
        at.push_str(above);
        if !list.is_empty() {
            at.push('/');
            at.push_str(list);
        }
        at.push('/');
        crate::number::write_plain(&mut at, rust_decimal::Decimal::from(index));
        IndicatorPath {
            steps,
            kids: None,
            at: Some(at.into()),
        }
    }

    /// A section of the rubric beside the table, shown as the first level
    /// of its members' paths (`加分项 › …`): `id` is the rubric's field
    /// (`bonus`, `vetoes`), placed at `/id`; its members sit in the list
    /// `list` below it (`/bonus/items/0`), or directly in it (`/vetoes/0`)
    /// when `list` is `None`.
    pub(crate) fn section(
        id: &'static str,
        name: &str,
        list: Option<&'static str>,
    ) -> IndicatorPath {
        IndicatorPath {
            steps: vec![PathStep {
                id: Arc::from(id),
                name: Arc::from(name),
            }],
            kids: Some(list.unwrap_or("")),
            at: Some(Arc::from(format!("/{id}"))),
        }
    }

    /// The path of names read from a document that did not deserialise,
    /// placed at `at`.
    pub(crate) fn from_steps(steps: Vec<(String, String)>, at: Option<String>) -> IndicatorPath {
        IndicatorPath {
            steps: steps
                .into_iter()
                .map(|(id, name)| PathStep {
                    id: id.into(),
                    name: name.into(),
                })
                .collect(),
            kids: None,
            at: at.map(Into::into),
        }
    }

    /// The same indicators, without a place in a document (a front end's
    /// rows, whose fields name their own places).
    pub(crate) fn unplaced(mut self) -> IndicatorPath {
        self.at = None;
        self
    }

    /// The names from the first-level indicator down.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.steps.iter().map(|s| &*s.name)
    }

    /// The ids from the first-level indicator down.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.steps.iter().map(|s| &*s.id)
    }

    /// The levels, each with its id and name.
    pub fn steps(&self) -> &[PathStep] {
        &self.steps
    }

    /// How many levels deep the indicator is (a first-level indicator is 1).
    pub fn depth(&self) -> usize {
        self.steps.len()
    }

    /// The indicator's place in its rubric document as a JSON Pointer, when
    /// it came from one.
    pub fn pointer(&self) -> Option<&str> {
        self.at.as_deref()
    }
}

impl fmt::Display for IndicatorPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.steps.iter().enumerate() {
            if i > 0 {
                f.write_str(" › ")?;
            }
            f.write_str(&crate::names::visible(&step.name))?;
        }
        Ok(())
    }
}

impl Serialize for IndicatorPath {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.steps.len()))?;
        for step in &self.steps {
            seq.serialize_element(&StepOut {
                id: &step.id,
                name: &step.name,
            })?;
        }
        seq.end()
    }
}

#[derive(serde::Serialize)]
struct StepOut<'a> {
    id: &'a str,
    name: &'a str,
}

/// Reads back what [`IndicatorPath`] serialises (`[{"id", "name"}, …]`),
/// without a place in a document.
impl<'de> serde::Deserialize<'de> for IndicatorPath {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct StepIn {
            id: String,
            name: String,
        }
        let steps = Vec::<StepIn>::deserialize(d)?;
        Ok(IndicatorPath::from_steps(
            steps.into_iter().map(|s| (s.id, s.name)).collect(),
            None,
        ))
    }
}

/// The shape every problem serialises to, whichever stage found it:
/// `code`, `indicator` (names and ids, or null), `pointer` (RFC 6901, into
/// the document the problem is in), `field` (the same place, dotted, as the
/// message writes it), `expected` and `found` (each `{"zh", "en"}` or
/// null), and `message` (`{"zh", "en"}`).
struct Problem<'a> {
    code: &'static str,
    indicator: Option<&'a IndicatorPath>,
    pointer: String,
    field: String,
    expected: Option<Cow<'a, Text>>,
    found: Option<Cow<'a, Text>>,
    message: Text,
    extra: Vec<(&'static str, serde_json::Value)>,
}

impl Serialize for Problem<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("code", self.code)?;
        map.serialize_entry("indicator", &self.indicator)?;
        map.serialize_entry("pointer", &self.pointer)?;
        map.serialize_entry("field", &self.field)?;
        map.serialize_entry("expected", &self.expected)?;
        map.serialize_entry("found", &self.found)?;
        for (key, value) in &self.extra {
            map.serialize_entry(key, value)?;
        }
        map.serialize_entry("message", &self.message)?;
        map.end()
    }
}

/// Where a problem is, as messages write it: `indicator `X`: field `f`: `
/// or `指标“X”，字段 f：`.
fn write_place(
    out: &mut String,
    lang: Lang,
    indicator: Option<&IndicatorPath>,
    whole: Option<&str>,
    field: &Field,
) {
    let field = field.dotted();
    let field = crate::names::visible(&field);
    match lang {
        Lang::En => {
            match (indicator, whole) {
                (Some(path), _) => out.push_str(&format!("indicator `{path}`")),
                (None, Some(whole)) => out.push_str(whole),
                (None, None) => {}
            }
            if !field.is_empty() {
                if !out.is_empty() {
                    out.push_str(": ");
                }
                out.push_str(&format!("field `{field}`"));
            }
            if !out.is_empty() {
                out.push_str(": ");
            }
        }
        Lang::Zh => {
            match (indicator, whole) {
                (Some(path), _) => out.push_str(&format!("指标“{path}”")),
                (None, Some(_)) => out.push_str("指标表"),
                (None, None) => {}
            }
            if !field.is_empty() {
                if !out.is_empty() {
                    out.push('，');
                }
                out.push_str(&format!("字段 {field}"));
            }
            if !out.is_empty() {
                out.push('：');
            }
        }
    }
}

/// Keeps the first problems, so that a message stays proportionate to
/// what a reader can act on; returns how many were left out.
fn cap<T>(issues: &mut Vec<T>) -> usize {
    let unlisted = issues
        .len()
        .saturating_sub(crate::limits::MAX_LISTED_ISSUES);
    issues.truncate(crate::limits::MAX_LISTED_ISSUES);
    unlisted
}

/// `the rubric has N problems:` (or `指标表有N个问题：`) and each problem
/// on its line, with how many more at the end when some are not listed.
fn write_issues(
    lang: Lang,
    what: (&str, &str),
    issues: impl ExactSizeIterator<Item = String>,
    unlisted: usize,
) -> String {
    let listed = issues.len();
    let n = listed + unlisted;
    let mut out = match lang {
        Lang::En => format!("{} {n} problem{}:", what.0, if n == 1 { "" } else { "s" }),
        Lang::Zh => format!("{}有{n}个问题：", what.1),
    };
    for issue in issues {
        out.push('\n');
        out.push_str(&issue);
    }
    if unlisted > 0 {
        out.push('\n');
        out.push_str(&match lang {
            Lang::En => format!(
                "and {unlisted} more problem{} (the first {listed} are listed)",
                if unlisted == 1 { "" } else { "s" },
            ),
            Lang::Zh => format!("另有{unlisted}个问题（仅列出前{listed}个）"),
        });
    }
    out
}

/// Serialises a list of problems: `{"message", "problems", "unlisted"}`.
fn serialize_list<'a, S: Serializer>(
    s: S,
    message: Text,
    problems: impl Iterator<Item = Problem<'a>>,
    unlisted: usize,
) -> Result<S::Ok, S::Error> {
    let problems: Vec<Problem<'a>> = problems.collect();
    let mut out = s.serialize_struct("Problems", 3)?;
    out.serialize_field("message", &message)?;
    out.serialize_field("problems", &problems)?;
    out.serialize_field("unlisted", &unlisted)?;
    out.end()
}

/// `Display` in English, from the one description of the message.
macro_rules! display_in_english {
    ($($issue:ident),+) => {$(
        impl fmt::Display for $issue {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.message(Lang::En))
            }
        }
    )+};
}

display_in_english!(RubricIssue, FactIssue, JsonError, BatchIssue);

/// Serialises as its [`Problem`], the one shape of every problem.
macro_rules! serialize_as_problem {
    ($($issue:ident),+) => {$(
        impl Serialize for $issue {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                self.problem().serialize(s)
            }
        }
    )+};
}

serialize_as_problem!(RubricIssue, FactIssue);

/// What every list of problems has: the problems, how many more there
/// are, the message in either language (`Display` is English), and the one
/// serialised shape (see [`Error`]).
/// What a rubric's and a facts' problem share: where (an indicator and a
/// field), what, its code and its serialised form; each type's own docs
/// are given where it is declared.
macro_rules! located_issue {
    (
        $issue:ident, $kind:ident;
        $(#[$indicator:meta])* indicator;
        $(#[$field:meta])* field;
        $(#[$code:meta])* code;
        extra: |$this:ident| $extra:expr
    ) => {
        impl $issue {
            pub(crate) fn new(
                indicator: Option<IndicatorPath>,
                field: impl Into<Field>,
                kind: $kind,
            ) -> $issue {
                $issue {
                    indicator,
                    field: field.into(),
                    kind,
                }
            }

            $(#[$indicator])*
            pub fn indicator(&self) -> Option<&IndicatorPath> {
                self.indicator.as_ref()
            }

            $(#[$field])*
            pub fn field(&self) -> String {
                self.field.dotted()
            }

            /// What is wrong.
            pub fn kind(&self) -> &$kind {
                &self.kind
            }

            $(#[$code])*
            pub fn code(&self) -> &'static str {
                self.kind.code()
            }

            fn problem(&self) -> Problem<'_> {
                let (expected, found) = self.kind.expected_found();
                let $this = self;
                Problem {
                    code: self.code(),
                    indicator: self.indicator.as_ref(),
                    pointer: self.pointer(),
                    field: self.field(),
                    expected,
                    found,
                    message: both(|lang| self.message(lang)),
                    extra: $extra,
                }
            }
        }
    };
}

macro_rules! problem_list {
    ($list:ident, $issue:ident, $what:expr, $order:literal) => {
        impl $list {
            #[doc = concat!("The problems, ", $order, ": the first")]
            /// [`MAX_LISTED_ISSUES`](crate::limits::MAX_LISTED_ISSUES).
            pub fn issues(&self) -> &[$issue] {
                &self.issues
            }

            #[doc = concat!("How many more problems there are than [`", stringify!($list), "::issues`] lists.")]
            pub fn unlisted(&self) -> usize {
                self.unlisted
            }

            /// The message in `lang`, one problem to a line.
            pub fn message(&self, lang: Lang) -> String {
                write_issues(
                    lang,
                    $what,
                    self.issues.iter().map(|i| i.message(lang)),
                    self.unlisted,
                )
            }
        }

        impl fmt::Display for $list {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.message(Lang::En))
            }
        }

        impl Serialize for $list {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                serialize_list(
                    s,
                    both(|lang| self.message(lang)),
                    self.issues.iter().map($issue::problem),
                    self.unlisted,
                )
            }
        }
    };
}

/// Every problem found while checking a rubric; a rubric with any is refused.
///
/// Displays one problem per line, e.g.
///
/// ```text
/// the rubric has 1 problem:
/// indicator `投入`: field `points`: the children's points add up to 12, expected 13 (this indicator's points)
/// ```
///
/// and in Chinese ([`CompileError::message`])
///
/// ```text
/// 指标表有1个问题：
/// 指标“投入”，字段 points：下级指标分值合计12分，应等于本指标分值13分
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct CompileError {
    issues: Vec<RubricIssue>,
    unlisted: usize,
}

impl CompileError {
    pub(crate) fn new(mut issues: Vec<RubricIssue>) -> CompileError {
        let unlisted = cap(&mut issues);
        CompileError { issues, unlisted }
    }

    /// The same problems with each field renamed by `rename` (given the
    /// indicator and the field), for a front end whose document names its
    /// fields otherwise: a renamed field is a place in that document.
    pub(crate) fn renamed(
        self,
        rename: impl Fn(Option<&IndicatorPath>, &str) -> Option<String>,
    ) -> CompileError {
        let issues = self
            .issues
            .into_iter()
            .map(|i| match rename(i.indicator.as_ref(), &i.field.dotted()) {
                Some(field) => RubricIssue {
                    field: Field::parse(&field),
                    indicator: i.indicator.map(IndicatorPath::unplaced),
                    ..i
                },
                None => i,
            })
            .collect();
        CompileError {
            issues,
            unlisted: self.unlisted,
        }
    }
}

problem_list!(
    CompileError,
    RubricIssue,
    ("the rubric has", "指标表"),
    "in table order"
);

/// One problem in a rubric: where, which field, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RubricIssue {
    indicator: Option<IndicatorPath>,
    field: Field,
    kind: IssueKind,
}

located_issue! {
    RubricIssue, IssueKind;
    /// The indicator the problem is in, or `None` for the rubric as a whole.
    indicator;
    /// The field, as messages write it: `points` or `rule.bands[2].range`
    /// (within the indicator, when there is one).
    field;
    /// The stable machine code of the problem's kind, e.g.
    /// `children_points_mismatch` ([`IssueKind::code`]).
    code;
    extra: |_issue| Vec::new()
}

impl RubricIssue {
    /// The field as a JSON Pointer into the rubric document:
    /// `/indicators/0/children/1/rule/bands/2/range`.
    pub fn pointer(&self) -> String {
        let at = self
            .indicator
            .as_ref()
            .and_then(IndicatorPath::pointer)
            .unwrap_or("");
        format!("{at}{}", self.field.pointer())
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let mut out = String::new();
        write_place(
            &mut out,
            lang,
            self.indicator.as_ref(),
            Some("rubric"),
            &self.field,
        );
        out.push_str(&self.kind.message(lang));
        out
    }
}

/// What is wrong with a rubric; [`RubricIssue`] says where.
///
/// Each kind has a stable code ([`IssueKind::code`]), part of the API: a
/// host may branch on it, and a code never changes its meaning.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IssueKind {
    /// A branch's points differ from the sum of its children's
    /// (`children_points_mismatch`).
    #[error("{}", self.message(Lang::En))]
    ChildrenSum {
        /// The branch's own points.
        expected: Decimal,
        /// The sum of the children's points.
        found: Decimal,
    },
    /// A branch scored on a scale of its own (`out_of`) whose children's
    /// points add up to something else (`scale_points_mismatch`).
    #[error("{}", self.message(Lang::En))]
    ScaleSum {
        /// The branch's scale.
        expected: Decimal,
        /// The sum of the children's points.
        found: Decimal,
    },
    /// The first-level indicators do not add up to the rubric's total
    /// (`total_points_mismatch`).
    #[error("{}", self.message(Lang::En))]
    TotalSum {
        /// The rubric's total.
        expected: Decimal,
        /// The sum of the first-level points.
        found: Decimal,
    },
    /// Two indicators share an id (`duplicate_id`).
    #[error("{}", self.message(Lang::En))]
    DuplicateId {
        /// The repeated id.
        id: String,
        /// Where it was first used.
        first: IndicatorPath,
    },
    /// A leaf without a rule (`missing_rule`).
    #[error("{}", self.message(Lang::En))]
    MissingRule,
    /// A branch with a rule (`rule_on_branch`).
    #[error("{}", self.message(Lang::En))]
    RuleOnBranch,
    /// A value outside its domain (`invalid_value`).
    #[error("{}", self.message(Lang::En))]
    Invalid {
        /// What the field must hold.
        expected: Text,
        /// What it holds.
        found: Text,
    },
    /// A formula that cannot be read (`invalid_formula`).
    #[error("{}", self.message(Lang::En))]
    Formula {
        /// The formula text (one copy shared by the formula's problems).
        formula: Arc<str>,
        /// Why it cannot be read.
        error: FormulaError,
    },
    /// Two neighbouring bands leave values that fall in neither
    /// (`band_gap`).
    #[error("{}", self.message(Lang::En))]
    BandGap {
        /// The band below the gap.
        before: String,
        /// The band above the gap.
        after: String,
    },
    /// Two bands claim the same values (`band_overlap`).
    #[error("{}", self.message(Lang::En))]
    BandOverlap {
        /// The lower band.
        first: String,
        /// The band that overlaps it.
        second: String,
    },
    /// Past one of the [`limits`](crate::limits) (`too_large`).
    #[error("{}", self.message(Lang::En))]
    TooLarge {
        /// What is counted.
        what: Text,
        /// The limit.
        limit: usize,
        /// How many were found.
        found: usize,
    },
}

impl IssueKind {
    /// The stable machine code of this kind: `children_points_mismatch`,
    /// `scale_points_mismatch`, `total_points_mismatch`, `duplicate_id`, `missing_rule`,
    /// `rule_on_branch`, `invalid_value`, `invalid_formula`, `band_gap`,
    /// `band_overlap` or `too_large`.
    pub fn code(&self) -> &'static str {
        match self {
            IssueKind::ChildrenSum { .. } => "children_points_mismatch",
            IssueKind::ScaleSum { .. } => "scale_points_mismatch",
            IssueKind::TotalSum { .. } => "total_points_mismatch",
            IssueKind::DuplicateId { .. } => "duplicate_id",
            IssueKind::MissingRule => "missing_rule",
            IssueKind::RuleOnBranch => "rule_on_branch",
            IssueKind::Invalid { .. } => "invalid_value",
            IssueKind::Formula { .. } => "invalid_formula",
            IssueKind::BandGap { .. } => "band_gap",
            IssueKind::BandOverlap { .. } => "band_overlap",
            IssueKind::TooLarge { .. } => "too_large",
        }
    }

    /// What is wrong, in `lang`, without the place.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            IssueKind::ChildrenSum { expected, found } => {
                let (expected, found) = (plain(*expected), plain(*found));
                if zh {
                    format!("下级指标分值合计{found}分，应等于本指标分值{expected}分")
                } else {
                    format!("the children's points add up to {found}, expected {expected} (this indicator's points)")
                }
            }
            IssueKind::ScaleSum { expected, found } => {
                let (expected, found) = (plain(*expected), plain(*found));
                if zh {
                    format!("下级指标分值合计{found}分，应等于本指标的折算基数{expected}分（out_of，下级指标按此计分后折算为本指标分值）")
                } else {
                    format!("the children's points add up to {found}, expected {expected} (the scale `out_of` this indicator's children are scored on)")
                }
            }
            IssueKind::TotalSum { expected, found } => {
                let (expected, found) = (plain(*expected), plain(*found));
                if zh {
                    format!("一级指标分值合计{found}分，应等于总分{expected}分")
                } else {
                    format!("the first-level indicators' points add up to {found}, expected {expected} (the rubric's total)")
                }
            }
            IssueKind::DuplicateId { id, first } => {
                if zh {
                    format!("id“{id}”已被“{first}”使用，指标id不得重复")
                } else {
                    format!("the id `{id}` is already used by `{first}`; ids must be unique")
                }
            }
            IssueKind::MissingRule => if zh {
                "末级指标须有评分规则（rule），未填写"
            } else {
                "a leaf indicator needs a rule, found none"
            }
            .to_owned(),
            IssueKind::RuleOnBranch => if zh {
                "有下级指标的指标按下级指标计分，不应另填评分规则（rule）"
            } else {
                "an indicator with children is scored by them, found a rule as well"
            }
            .to_owned(),
            IssueKind::Invalid { expected, found } => expected_found(lang, expected, found),
            IssueKind::Formula { formula, error } => {
                let formula = shorten(formula);
                if zh {
                    format!("公式“{formula}”{}", error.message(lang))
                } else {
                    format!("formula `{formula}` {}", error.message(lang))
                }
            }
            IssueKind::BandGap { before, after } => {
                if zh {
                    format!("{before}与{after}之间的数值不属于任何档次：各档次须首尾相接，不留空档")
                } else {
                    format!("no band covers the values between {before} and {after}: the bands must meet with no gap")
                }
            }
            IssueKind::BandOverlap { first, second } => {
                if zh {
                    format!("档次{first}与{second}重叠：一个数值只能落入一个档次")
                } else {
                    format!("bands {first} and {second} overlap: a value may fall in only one band")
                }
            }
            IssueKind::TooLarge { what, limit, found } => {
                if zh {
                    format!("{}共{found}，超过上限{limit}", what.zh())
                } else {
                    format!("{found} {} exceed the limit of {limit}", what.en())
                }
            }
        }
    }

    fn expected_found(&self) -> (Option<Cow<'_, Text>>, Option<Cow<'_, Text>>) {
        let owned = |en: String, zh: String| Some(Cow::Owned(Text::new(en, zh)));
        match self {
            IssueKind::ChildrenSum { expected, found } => (
                owned(
                    format!("{} (this indicator's points)", plain(*expected)),
                    format!("{}分（本指标分值）", plain(*expected)),
                ),
                owned(plain(*found), format!("{}分", plain(*found))),
            ),
            IssueKind::ScaleSum { expected, found } => (
                owned(
                    format!("{} (the scale `out_of`)", plain(*expected)),
                    format!("{}分（折算基数 out_of）", plain(*expected)),
                ),
                owned(plain(*found), format!("{}分", plain(*found))),
            ),
            IssueKind::TotalSum { expected, found } => (
                owned(
                    format!("{} (the rubric's total)", plain(*expected)),
                    format!("{}分（总分）", plain(*expected)),
                ),
                owned(plain(*found), format!("{}分", plain(*found))),
            ),
            IssueKind::Invalid { expected, found } => {
                (Some(Cow::Borrowed(expected)), Some(Cow::Borrowed(found)))
            }
            IssueKind::TooLarge { limit, found, .. } => (
                owned(format!("at most {limit}"), format!("不超过{limit}")),
                owned(found.to_string(), found.to_string()),
            ),
            _ => (None, None),
        }
    }
}

/// `expected E, found F` / `应为E，实际为F`.
fn expected_found(lang: Lang, expected: &Text, found: &Text) -> String {
    match lang {
        Lang::En => format!("expected {}, found {}", expected.en(), found.en()),
        Lang::Zh => format!("应为{}，实际为{}", expected.zh(), found.zh()),
    }
}

/// Every problem found while scoring facts against a rubric; nothing is
/// scored until all are fixed.
///
/// Displays one problem per line, e.g.
///
/// ```text
/// the facts have 1 problem:
/// field `values.编制数`: no value given for `编制数`, expected a number or "unknown"; needed by 投入 › 预算配置 › 在职人员控制率
/// ```
///
/// and in Chinese ([`EvaluationError::message`])
///
/// ```text
/// 填报资料有1个问题：
/// 字段 values.编制数：未填写“编制数”，应填写数值或"unknown"（未知）；投入 › 预算配置 › 在职人员控制率需要此项
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct EvaluationError {
    issues: Vec<FactIssue>,
    unlisted: usize,
}

impl EvaluationError {
    pub(crate) fn new(mut issues: Vec<FactIssue>) -> EvaluationError {
        let unlisted = cap(&mut issues);
        EvaluationError { issues, unlisted }
    }
}

problem_list!(
    EvaluationError,
    FactIssue,
    ("the facts have", "填报资料"),
    "in table order"
);

/// One problem in the facts: where, which field, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FactIssue {
    indicator: Option<IndicatorPath>,
    field: Field,
    kind: FactIssueKind,
}

located_issue! {
    FactIssue, FactIssueKind;
    /// The indicator concerned, if the problem belongs to one.
    indicator;
    /// The field of the facts, as messages write it: `values.编制数` or
    /// `answers.行政效能.level` (`rule.formula` when the rubric's formula
    /// cannot be computed on these facts).
    field;
    /// The stable machine code of the problem's kind, e.g. `missing_input`
    /// ([`FactIssueKind::code`]).
    code;
    extra: |issue| issue.kind.extra()
}

impl FactIssue {
    /// The field as a JSON Pointer into the facts document:
    /// `/values/编制数`, `/answers/行政效能/level`.
    pub fn pointer(&self) -> String {
        self.field.pointer()
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let mut out = String::new();
        write_place(&mut out, lang, self.indicator.as_ref(), None, &self.field);
        out.push_str(&self.kind.message(lang));
        out
    }
}

/// What is wrong with the facts; [`FactIssue`] says where.
///
/// Each kind has a stable code ([`FactIssueKind::code`]), part of the API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FactIssueKind {
    /// A declared input that some leaf needs has no value (and is not
    /// marked unknown) (`missing_input`).
    #[error("{}", self.message(Lang::En))]
    MissingInput {
        /// The input's name.
        input: String,
        /// The leaves that read it, the first
        /// [`MAX_LISTED_PATHS`](crate::limits::MAX_LISTED_PATHS).
        needed_by: Vec<IndicatorPath>,
        /// How many more leaves read it.
        more: usize,
    },
    /// A leaf that needs an answer has none (`missing_answer`).
    #[error("{}", self.message(Lang::En))]
    MissingAnswer {
        /// What the leaf's rule asks for.
        expected: Text,
    },
    /// A value for a name the rubric does not declare (`undeclared_input`).
    #[error("{}", self.message(Lang::En))]
    UndeclaredInput {
        /// The name given.
        name: String,
        /// The closest declared name, if one is close.
        suggestion: Option<String>,
    },
    /// An id that names no indicator, or the wrong kind of indicator
    /// (`unknown_indicator`).
    #[error("{}", self.message(Lang::En))]
    UnknownIndicator {
        /// The id given.
        id: String,
        /// Which indicators the field accepts.
        expected: Text,
        /// The closest id, if one is close.
        suggestion: Option<String>,
    },
    /// A value or answer outside what the rubric allows (`invalid_value`).
    #[error("{}", self.message(Lang::En))]
    Invalid {
        /// What is allowed.
        expected: Text,
        /// What was given.
        found: Text,
    },
    /// A formula divides by zero and its rule does not say what that means
    /// (`division_by_zero`).
    #[error("{}", self.message(Lang::En))]
    DivisionByZero {
        /// The formula.
        formula: String,
    },
    /// A formula's figures do not fit an exact decimal: too large, or
    /// needing more than its 28 significant digits. Refused, never rounded
    /// (`overflow`).
    #[error("{}", self.message(Lang::En))]
    Overflow {
        /// The formula.
        formula: String,
    },
    /// A figure that cannot be computed exactly within an exact decimal:
    /// too large, or needing more than its 28 significant digits (a sum of
    /// claims, a cross-check, a target's conversion). Refused, never
    /// saturated or rounded (`inexact`).
    #[error("{}", self.message(Lang::En))]
    Inexact {
        /// What was being computed, e.g. `the sum of the claimed scores`.
        what: Text,
    },
    /// A value that falls in none of the bands (`no_band`).
    #[error("{}", self.message(Lang::En))]
    NoBand {
        /// The value.
        value: String,
        /// The bands, listed.
        bands: String,
    },
    /// A leaf marked not applicable whose rubric does not allow it
    /// (`not_applicable_refused`).
    #[error("{}", self.message(Lang::En))]
    NotApplicableRefused,
    /// A discretionary score or override without a written reason
    /// (`missing_reason`).
    #[error("{}", self.message(Lang::En))]
    MissingReason {
        /// What was there: none, or a blank reason.
        found: Text,
    },
    /// More entries than [`limits::MAX_FACTS`](crate::limits::MAX_FACTS)
    /// (`too_large`).
    #[error("{}", self.message(Lang::En))]
    TooLarge {
        /// The limit.
        limit: usize,
        /// How many were given.
        found: usize,
    },
}

impl FactIssueKind {
    /// The stable machine code of this kind: `missing_input`,
    /// `missing_answer`, `undeclared_input`, `unknown_indicator`,
    /// `invalid_value`, `division_by_zero`, `overflow`, `inexact`,
    /// `no_band`, `not_applicable_refused`, `missing_reason` or
    /// `too_large`.
    pub fn code(&self) -> &'static str {
        match self {
            FactIssueKind::MissingInput { .. } => "missing_input",
            FactIssueKind::MissingAnswer { .. } => "missing_answer",
            FactIssueKind::UndeclaredInput { .. } => "undeclared_input",
            FactIssueKind::UnknownIndicator { .. } => "unknown_indicator",
            FactIssueKind::Invalid { .. } => "invalid_value",
            FactIssueKind::DivisionByZero { .. } => "division_by_zero",
            FactIssueKind::Overflow { .. } => "overflow",
            FactIssueKind::Inexact { .. } => "inexact",
            FactIssueKind::NoBand { .. } => "no_band",
            FactIssueKind::NotApplicableRefused => "not_applicable_refused",
            FactIssueKind::MissingReason { .. } => "missing_reason",
            FactIssueKind::TooLarge { .. } => "too_large",
        }
    }

    /// What is wrong, in `lang`, without the place.
    #[allow(clippy::too_many_lines)]
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let visible = |s: &str| crate::names::visible(s).into_owned();
        match self {
            FactIssueKind::MissingInput {
                input,
                needed_by,
                more,
            } => {
                let list = needed_by
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>();
                if zh {
                    let more = if *more > 0 {
                        format!("等{}个指标", needed_by.len() + more)
                    } else {
                        String::new()
                    };
                    format!(
                        "未填写“{input}”，应填写数值或\"unknown\"（未知）；{}{more}需要此项",
                        list.join("；")
                    )
                } else {
                    let more = if *more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    };
                    format!(
                        "no value given for `{input}`, expected a number or \"unknown\"; needed by {}{more}",
                        list.join("; ")
                    )
                }
            }
            FactIssueKind::MissingAnswer { expected } => {
                if zh {
                    format!("未填写，应填写{}", expected.zh())
                } else {
                    format!("no answer given, expected {}", expected.en())
                }
            }
            FactIssueKind::UndeclaredInput { name, suggestion } => {
                let name = visible(name);
                match (zh, suggestion) {
                    (true, Some(s)) => {
                        format!("“{name}”不是本指标表的基础数据项；是否应为“{s}”？")
                    }
                    (true, None) => format!("“{name}”不是本指标表的基础数据项"),
                    (false, Some(s)) => {
                        format!("`{name}` is not an input of this rubric; did you mean `{s}`?")
                    }
                    (false, None) => format!("`{name}` is not an input of this rubric"),
                }
            }
            FactIssueKind::UnknownIndicator {
                id,
                expected,
                suggestion,
            } => {
                let id = visible(id);
                match (zh, suggestion) {
                    (true, Some(s)) => format!(
                        "没有id为“{id}”的{}；是否应为“{s}”？",
                        expected.zh()
                    ),
                    (true, None) => format!("没有id为“{id}”的{}", expected.zh()),
                    (false, Some(s)) => format!(
                        "no {} has the id `{id}`; did you mean `{s}`?",
                        expected.en()
                    ),
                    (false, None) => format!("no {} has the id `{id}`", expected.en()),
                }
            }
            FactIssueKind::Invalid { expected, found } => expected_found(lang, expected, found),
            FactIssueKind::DivisionByZero { formula } => {
                if zh {
                    format!("公式“{formula}”的分母为0，而评分规则未规定分母为0时如何计分（将 zero_denominator 设为 full、zero 或 not_applicable）")
                } else {
                    format!("formula `{formula}` divides by zero, and the rule does not say what a zero denominator means (set `zero_denominator` to full, zero or not_applicable)")
                }
            }
            FactIssueKind::Overflow { formula } => {
                if zh {
                    format!("公式“{formula}”无法精确计算：其中的数值超出精确小数的范围，或需要超过28位有效数字")
                } else {
                    format!("formula `{formula}` cannot be computed exactly: a figure in it is too large for an exact decimal or needs more than its 28 significant digits")
                }
            }
            FactIssueKind::Inexact { what } => {
                if zh {
                    format!(
                        "{}无法精确计算：其中的数值超出精确小数的范围，或需要超过28位有效数字",
                        what.zh()
                    )
                } else {
                    format!("{} cannot be computed exactly: a figure in it is too large for an exact decimal or needs more than its 28 significant digits", what.en())
                }
            }
            FactIssueKind::NoBand { value, bands } => {
                if zh {
                    format!("数值{value}不在任何档次内（各档次：{bands}）")
                } else {
                    format!("the value {value} falls in none of the bands {bands}")
                }
            }
            FactIssueKind::NotApplicableRefused => if zh {
                "标为不适用，但指标表未规定本指标不适用时如何计分（未设 not_applicable）"
            } else {
                "marked not applicable, but the rubric does not say how this indicator scores then (it has no `not_applicable`)"
            }
            .to_owned(),
            FactIssueKind::MissingReason { found } => {
                if zh {
                    format!("须写明理由，{}", found.zh())
                } else {
                    format!("a reason is required, found {}", found.en())
                }
            }
            FactIssueKind::TooLarge { limit, found } => {
                if zh {
                    format!("共{found}项，超过上限{limit}项")
                } else {
                    format!("{found} entries exceed the limit of {limit}")
                }
            }
        }
    }

    /// What a host may act on besides the message: the leaves that need a
    /// missing input, the name suggested for a misspelt one.
    fn extra(&self) -> Vec<(&'static str, serde_json::Value)> {
        let suggestion = |s: &Option<String>| ("suggestion", serde_json::json!(s));
        match self {
            FactIssueKind::MissingInput {
                input,
                needed_by,
                more,
            } => vec![
                ("input", serde_json::json!(input)),
                (
                    "needed_by",
                    serde_json::to_value(needed_by).unwrap_or_default(),
                ),
                ("needed_by_unlisted", serde_json::json!(more)),
            ],
            FactIssueKind::UndeclaredInput { suggestion: s, .. }
            | FactIssueKind::UnknownIndicator { suggestion: s, .. } => vec![suggestion(s)],
            _ => Vec::new(),
        }
    }

    fn expected_found(&self) -> (Option<Cow<'_, Text>>, Option<Cow<'_, Text>>) {
        match self {
            FactIssueKind::UndeclaredInput { name, .. } => (
                Some(Cow::Owned(Text::new(
                    "an input this rubric declares",
                    "本指标表声明的基础数据项",
                ))),
                Some(Cow::Owned(Text::same(format!(
                    "`{}`",
                    crate::names::visible(name)
                )))),
            ),
            FactIssueKind::UnknownIndicator { id, expected, .. } => (
                Some(Cow::Owned(Text::new(
                    format!("the id of a {}", expected.en()),
                    format!("{}的id", expected.zh()),
                ))),
                Some(Cow::Owned(Text::same(format!(
                    "`{}`",
                    crate::names::visible(id)
                )))),
            ),
            FactIssueKind::Invalid { expected, found } => {
                (Some(Cow::Borrowed(expected)), Some(Cow::Borrowed(found)))
            }
            FactIssueKind::MissingAnswer { expected } => (
                Some(Cow::Borrowed(expected)),
                Some(Cow::Owned(Text::new("none", "未填写"))),
            ),
            FactIssueKind::MissingInput { .. } => (
                Some(Cow::Owned(Text::new(
                    "a number or \"unknown\"",
                    "数值或\"unknown\"（未知）",
                ))),
                Some(Cow::Owned(Text::new("none", "未填写"))),
            ),
            FactIssueKind::MissingReason { found } => (
                Some(Cow::Owned(Text::new("a reason", "理由"))),
                Some(Cow::Borrowed(found)),
            ),
            FactIssueKind::TooLarge { limit, found } => (
                Some(Cow::Owned(Text::new(
                    format!("at most {limit} entries"),
                    format!("不超过{limit}项"),
                ))),
                Some(Cow::Owned(Text::same(found.to_string()))),
            ),
            _ => (None, None),
        }
    }
}

/// A formula as messages quote it: whole, or its first 40 characters.
fn shorten(formula: &str) -> String {
    if formula.chars().count() <= 60 {
        formula.to_owned()
    } else {
        format!("{}…", formula.chars().take(40).collect::<String>())
    }
}

/// A JSON document that could not be read into a [`RubricSpec`](crate::RubricSpec),
/// [`Facts`](crate::Facts), [`TargetTable`](crate::TargetTable) or
/// [`Convention`](crate::Convention).
///
/// Names the indicator and the field where it can, then the parser's
/// message (what was found, what was expected) and the position, e.g.
///
/// ```text
/// rubric: indicator `投入 › 预算配置 › 在职人员控制率`: field `rule.partial_unit`: unknown variant `half`, expected one of `proportional`, `whole`, `any_started` (line 20, column 40)
/// ```
///
/// and in Chinese ([`JsonError::message`])
///
/// ```text
/// 指标表：指标“投入 › 预算配置 › 在职人员控制率”，字段 rule.partial_unit：取值“half”无效，应为以下之一：proportional、whole、any_started（第20行第40列）
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct JsonError(Box<JsonPlace>);

/// Where a [`JsonError`] lies and what the parser said (boxed: errors
/// travel in `Result`s, and this keeps them small).
#[derive(Debug, Clone, PartialEq, Eq)]
struct JsonPlace {
    document: &'static str,
    indicator: Option<IndicatorPath>,
    field: Field,
    problem: JsonProblem,
    line: usize,
    column: usize,
}

impl JsonError {
    /// An error at a place in `document` (`rubric`, `facts`, `target
    /// table`, `convention`).
    pub(crate) fn new(
        document: &'static str,
        indicator: Option<IndicatorPath>,
        field: Field,
        problem: JsonProblem,
        (line, column): (usize, usize),
    ) -> JsonError {
        JsonError(Box::new(JsonPlace {
            document,
            indicator,
            field,
            problem,
            line,
            column,
        }))
    }

    /// Refuses a document that starts with a byte-order mark, which JSON
    /// does not allow and a parser reports only as "expected value".
    pub(crate) fn byte_order_mark(document: &'static str, text: &str) -> Option<JsonError> {
        text.starts_with('\u{feff}').then(|| {
            JsonError::new(
                document,
                None,
                Field::default(),
                JsonProblem::ByteOrderMark,
                (1, 1),
            )
        })
    }

    /// The indicator where the error lies, if it lies in one (names from
    /// the first level, and the ids the document gives).
    pub fn indicator(&self) -> Option<&IndicatorPath> {
        self.0.indicator.as_ref()
    }

    /// The field, as messages write it (`rule.partial_unit` within the
    /// indicator, or `values.编制数`); empty when the document as a whole
    /// is at fault.
    pub fn field(&self) -> String {
        self.0.field.dotted()
    }

    /// The place as a JSON Pointer into the document:
    /// `/indicators/0/children/2/rule/partial_unit`, `/values/编制数`.
    pub fn pointer(&self) -> String {
        let at = self
            .0
            .indicator
            .as_ref()
            .and_then(IndicatorPath::pointer)
            .unwrap_or("");
        format!("{at}{}", self.0.field.pointer())
    }

    /// The line (from 1) where reading stopped.
    pub fn line(&self) -> usize {
        self.0.line
    }

    /// The column (from 1) where reading stopped.
    pub fn column(&self) -> usize {
        self.0.column
    }

    /// The stable machine code of the problem: `json_syntax`,
    /// `byte_order_mark`, `unknown_field`, `missing_field`,
    /// `duplicate_key`, `invalid_type`, `unknown_variant`,
    /// `invalid_number` or `invalid_value`.
    pub fn code(&self) -> &'static str {
        self.0.problem.code()
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let mut out = match lang {
            Lang::En => format!("{}: ", self.0.document),
            Lang::Zh => format!(
                "{}：",
                match self.0.document {
                    "rubric" => "指标表",
                    "facts" => "填报资料",
                    "target table" | "targets" => "绩效目标表",
                    "convention" => "计分规则",
                    "departments" => "参评单位资料",
                    other => other,
                }
            ),
        };
        let mut place = String::new();
        write_place(
            &mut place,
            lang,
            self.0.indicator.as_ref(),
            None,
            &self.0.field,
        );
        out.push_str(&place);
        out.push_str(&self.0.problem.message(lang));
        if self.0.line > 0 && !self.0.problem.message(Lang::En).contains(" at line ") {
            out.push_str(&match lang {
                Lang::En => format!(" (line {}, column {})", self.0.line, self.0.column),
                Lang::Zh => format!("（第{}行第{}列）", self.0.line, self.0.column),
            });
        }
        out
    }

    fn problem(&self) -> Problem<'_> {
        Problem {
            code: self.code(),
            indicator: self.0.indicator.as_ref(),
            pointer: self.pointer(),
            field: self.field(),
            expected: None,
            found: None,
            message: both(|lang| self.message(lang)),
            extra: Vec::new(),
        }
    }
}

impl Serialize for JsonError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut problem =
            serde_json::to_value(self.problem()).map_err(serde::ser::Error::custom)?;
        if let Some(map) = problem.as_object_mut() {
            map.insert("line".to_owned(), self.0.line.into());
            map.insert("column".to_owned(), self.0.column.into());
        }
        problem.serialize(s)
    }
}

/// Every problem found while scoring a batch of departments together
/// ([`Rubric::evaluate_batch`](crate::Rubric::evaluate_batch)), each naming
/// the department it concerns; nothing is scored until all are fixed.
///
/// Displays one problem per line, e.g.
///
/// ```text
/// the batch has 1 problem:
/// department `城西区`: field `values.编制数`: no value given for `编制数`, expected a number or "unknown"; needed by 编制资源配比
/// ```
///
/// and in Chinese ([`BatchError::message`])
///
/// ```text
/// 本批资料有1个问题：
/// 单位“城西区”：字段 values.编制数：未填写“编制数”，应填写数值或"unknown"（未知）；编制资源配比需要此项
/// ```
///
/// Serialised, each problem has the shape of a [`FactIssue`]'s (its
/// `pointer` into that department's facts) and a `department`: its name,
/// or null for the batch as a whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct BatchError {
    issues: Vec<BatchIssue>,
    unlisted: usize,
}

impl BatchError {
    /// The problems and how many more were found than are listed.
    pub(crate) fn new(mut issues: Vec<BatchIssue>, more: usize) -> BatchError {
        let unlisted = cap(&mut issues).saturating_add(more);
        BatchError { issues, unlisted }
    }
}

problem_list!(
    BatchError,
    BatchIssue,
    ("the batch has", "本批资料"),
    "department by department"
);

/// One problem in a batch: the department, where one is concerned, and
/// the problem in its facts or in the batch as a whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct BatchIssue {
    pub(crate) department: Option<Arc<str>>,
    pub(crate) issue: FactIssue,
}

impl BatchIssue {
    /// The department concerned, or `None` for the batch as a whole.
    pub fn department(&self) -> Option<&str> {
        self.department.as_deref()
    }

    /// The problem.
    pub fn issue(&self) -> &FactIssue {
        &self.issue
    }

    /// The stable machine code of the problem ([`FactIssueKind::code`]).
    pub fn code(&self) -> &'static str {
        self.issue.code()
    }

    /// The message in `lang`, naming the department.
    pub fn message(&self, lang: Lang) -> String {
        let issue = self.issue.message(lang);
        match (&self.department, lang) {
            (None, _) => issue,
            (Some(d), Lang::En) => format!("department `{}`: {issue}", crate::names::visible(d)),
            (Some(d), Lang::Zh) => format!("单位“{}”：{issue}", crate::names::visible(d)),
        }
    }

    fn problem(&self) -> Problem<'_> {
        let mut problem = self.issue.problem();
        problem.message = both(|lang| self.message(lang));
        problem.extra.push((
            "department",
            self.department
                .as_deref()
                .map_or(serde_json::Value::Null, serde_json::Value::from),
        ));
        problem
    }
}

/// Any error this crate returns, for callers that handle them alike.
///
/// Serialises to one shape whichever stage refused, so that a platform
/// shows every refusal the same way:
///
/// ```json
/// { "message": { "zh": "填报资料有1个问题：…", "en": "the facts have 1 problem:…" },
///   "problems": [ { "code": "missing_input", "indicator": null,
///                   "pointer": "/values/编制数", "field": "values.编制数",
///                   "expected": { "zh": "…", "en": "…" }, "found": { "zh": "未填写", "en": "none" },
///                   "message": { "zh": "…", "en": "…" } } ],
///   "unlisted": 0 }
/// ```
///
/// `indicator` is a list of `{"id", "name"}` from the first level, or
/// null; `pointer` is an RFC 6901 JSON Pointer into the document that was
/// refused; a [`JsonError`]'s problem also has `line` and `column`. The
/// codes are listed at [`IssueKind::code`], [`FactIssueKind::code`] and
/// [`JsonError::code`]; a host with a `#[non_exhaustive]` match loses
/// nothing, since the code and the message come from the error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A document is not valid JSON of the expected shape.
    #[error(transparent)]
    Json(#[from] JsonError),
    /// The rubric has problems.
    #[error(transparent)]
    Compile(#[from] CompileError),
    /// The facts have problems.
    #[error(transparent)]
    Evaluation(#[from] EvaluationError),
    /// A batch of departments has problems.
    #[error(transparent)]
    Batch(#[from] BatchError),
}

impl Error {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Json(e) => e.message(lang),
            Error::Compile(e) => e.message(lang),
            Error::Evaluation(e) => e.message(lang),
            Error::Batch(e) => e.message(lang),
        }
    }

    /// The codes of the problems, in order.
    pub fn codes(&self) -> Vec<&'static str> {
        match self {
            Error::Json(e) => vec![e.code()],
            Error::Compile(e) => e.issues().iter().map(RubricIssue::code).collect(),
            Error::Evaluation(e) => e.issues().iter().map(FactIssue::code).collect(),
            Error::Batch(e) => e.issues().iter().map(BatchIssue::code).collect(),
        }
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Error::Json(e) => {
                let mut out = s.serialize_struct("Problems", 3)?;
                out.serialize_field("message", &both(|lang| e.message(lang)))?;
                out.serialize_field("problems", &[e])?;
                out.serialize_field("unlisted", &0)?;
                out.end()
            }
            Error::Compile(e) => e.serialize(s),
            Error::Evaluation(e) => e.serialize(s),
            Error::Batch(e) => e.serialize(s),
        }
    }
}
