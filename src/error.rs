//! The errors of each stage: [`CompileError`] when a rubric is checked,
//! [`EvaluationError`] when facts are scored, and [`Error`] for either (and
//! for JSON that cannot be read).
//!
//! Every message says where (the indicator's path and the field), what was
//! expected and what was found.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::formula::FormulaError;
use crate::number::plain;

/// Where an indicator sits in the table, by names: `投入 › 预算配置 › 在职人员控制率`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndicatorPath(Vec<Arc<str>>);

impl IndicatorPath {
    pub(crate) fn child(&self, name: &Arc<str>) -> IndicatorPath {
        let mut names = self.0.clone();
        names.push(Arc::clone(name));
        IndicatorPath(names)
    }

    /// The names from the first-level indicator down.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|n| &**n)
    }

    /// How many levels deep the indicator is (a first-level indicator is 1).
    pub fn depth(&self) -> usize {
        self.0.len()
    }
}

impl fmt::Display for IndicatorPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, name) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" › ")?;
            }
            f.write_str(&crate::names::visible(name))?;
        }
        Ok(())
    }
}

/// Every problem found while checking a rubric; a rubric with any is refused.
///
/// Displays one problem per line, e.g.
///
/// ```text
/// the rubric has 1 problem:
/// indicator `投入`: field `points`: the children's points add up to 12, expected 13 (this indicator's points)
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

    /// The problems, in table order: the first
    /// [`MAX_LISTED_ISSUES`](crate::limits::MAX_LISTED_ISSUES).
    pub fn issues(&self) -> &[RubricIssue] {
        &self.issues
    }

    /// How many more problems there are than [`CompileError::issues`] lists.
    pub fn unlisted(&self) -> usize {
        self.unlisted
    }

    /// The same problems with each field renamed by `rename` (given the
    /// indicator and the field), for a front end whose document names its
    /// fields otherwise.
    pub(crate) fn renamed(
        self,
        rename: impl Fn(Option<&IndicatorPath>, &str) -> Option<String>,
    ) -> CompileError {
        let issues = self
            .issues
            .into_iter()
            .map(|i| match rename(i.indicator.as_ref(), &i.field) {
                Some(field) => RubricIssue {
                    field: field.into(),
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

/// Keeps the first problems, so that a message stays proportionate to
/// what a reader can act on; returns how many were left out.
pub(crate) fn cap<T>(issues: &mut Vec<T>) -> usize {
    let unlisted = issues
        .len()
        .saturating_sub(crate::limits::MAX_LISTED_ISSUES);
    issues.truncate(crate::limits::MAX_LISTED_ISSUES);
    unlisted
}

/// Writes `the <what> has N problems:` and each problem on its line,
/// with `and M more problems` at the end when some are not listed.
pub(crate) fn write_issues<T: fmt::Display>(
    f: &mut fmt::Formatter<'_>,
    what: &str,
    issues: &[T],
    unlisted: usize,
) -> fmt::Result {
    let n = issues.len() + unlisted;
    write!(f, "{what} {n} problem{}:", if n == 1 { "" } else { "s" })?;
    for issue in issues {
        write!(f, "\n{issue}")?;
    }
    if unlisted > 0 {
        write!(
            f,
            "\nand {unlisted} more problem{} (the first {} are listed)",
            if unlisted == 1 { "" } else { "s" },
            issues.len()
        )?;
    }
    Ok(())
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_issues(f, "the rubric has", &self.issues, self.unlisted)
    }
}

/// One problem in a rubric: where, which field, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RubricIssue {
    indicator: Option<IndicatorPath>,
    field: Cow<'static, str>,
    kind: IssueKind,
}

impl RubricIssue {
    pub(crate) fn new(
        indicator: Option<IndicatorPath>,
        field: impl Into<Cow<'static, str>>,
        kind: IssueKind,
    ) -> RubricIssue {
        RubricIssue {
            indicator,
            field: field.into(),
            kind,
        }
    }

    /// The indicator the problem is in, or `None` for the rubric as a whole.
    pub fn indicator(&self) -> Option<&IndicatorPath> {
        self.indicator.as_ref()
    }

    /// The field, e.g. `points` or `rule.bands[2].range`.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What is wrong.
    pub fn kind(&self) -> &IssueKind {
        &self.kind
    }
}

impl fmt::Display for RubricIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.indicator {
            Some(path) => write!(f, "indicator `{path}`")?,
            None => f.write_str("rubric")?,
        }
        if !self.field.is_empty() {
            write!(f, ": field `{}`", crate::names::visible(&self.field))?;
        }
        write!(f, ": {}", self.kind)
    }
}

/// What is wrong with a rubric; [`RubricIssue`] says where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IssueKind {
    /// A branch's points differ from the sum of its children's.
    #[error("the children's points add up to {}, expected {} (this indicator's points)", plain(*found), plain(*expected))]
    ChildrenSum {
        /// The branch's own points.
        expected: Decimal,
        /// The sum of the children's points.
        found: Decimal,
    },
    /// A branch scored on a scale of its own (`out_of`) whose children's
    /// points add up to something else.
    #[error("the children's points add up to {}, expected {} (the scale `out_of` this indicator's children are scored on)", plain(*found), plain(*expected))]
    ScaleSum {
        /// The branch's scale.
        expected: Decimal,
        /// The sum of the children's points.
        found: Decimal,
    },
    /// The first-level indicators do not add up to the rubric's total.
    #[error("the first-level indicators' points add up to {}, expected {} (the rubric's total)", plain(*found), plain(*expected))]
    TotalSum {
        /// The rubric's total.
        expected: Decimal,
        /// The sum of the first-level points.
        found: Decimal,
    },
    /// Two indicators share an id.
    #[error("the id `{id}` is already used by `{first}`; ids must be unique")]
    DuplicateId {
        /// The repeated id.
        id: String,
        /// Where it was first used.
        first: IndicatorPath,
    },
    /// A leaf without a rule.
    #[error("a leaf indicator needs a rule, found none")]
    MissingRule,
    /// A branch with a rule.
    #[error("an indicator with children is scored by them, found a rule as well")]
    RuleOnBranch,
    /// A value outside its domain.
    #[error("expected {expected}, found {found}")]
    Invalid {
        /// What the field must hold.
        expected: Cow<'static, str>,
        /// What it holds.
        found: String,
    },
    /// A formula that cannot be read.
    #[error("formula `{}` {error}", shorten(formula))]
    Formula {
        /// The formula text (one copy shared by the formula's problems).
        formula: Arc<str>,
        /// Why it cannot be read.
        error: FormulaError,
    },
    /// Two neighbouring bands leave values that fall in neither.
    #[error(
        "no band covers the values between {before} and {after}: the bands must meet with no gap"
    )]
    BandGap {
        /// The band below the gap.
        before: String,
        /// The band above the gap.
        after: String,
    },
    /// Two bands claim the same values.
    #[error("bands {first} and {second} overlap: a value may fall in only one band")]
    BandOverlap {
        /// The lower band.
        first: String,
        /// The band that overlaps it.
        second: String,
    },
    /// Past one of the [`limits`](crate::limits).
    #[error("{found} {what} exceed the limit of {limit}")]
    TooLarge {
        /// What is counted.
        what: &'static str,
        /// The limit.
        limit: usize,
        /// How many were found.
        found: usize,
    },
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

    /// The problems, in table order: the first
    /// [`MAX_LISTED_ISSUES`](crate::limits::MAX_LISTED_ISSUES).
    pub fn issues(&self) -> &[FactIssue] {
        &self.issues
    }

    /// How many more problems there are than [`EvaluationError::issues`]
    /// lists.
    pub fn unlisted(&self) -> usize {
        self.unlisted
    }
}

impl fmt::Display for EvaluationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_issues(f, "the facts have", &self.issues, self.unlisted)
    }
}

/// One problem in the facts: where, which field, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FactIssue {
    indicator: Option<IndicatorPath>,
    field: Cow<'static, str>,
    kind: FactIssueKind,
}

impl FactIssue {
    pub(crate) fn new(
        indicator: Option<IndicatorPath>,
        field: impl Into<Cow<'static, str>>,
        kind: FactIssueKind,
    ) -> FactIssue {
        FactIssue {
            indicator,
            field: field.into(),
            kind,
        }
    }

    /// The indicator concerned, if the problem belongs to one.
    pub fn indicator(&self) -> Option<&IndicatorPath> {
        self.indicator.as_ref()
    }

    /// The field of the facts, e.g. `values.编制数` or `answers.行政效能.level`.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What is wrong.
    pub fn kind(&self) -> &FactIssueKind {
        &self.kind
    }
}

impl fmt::Display for FactIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.indicator {
            Some(path) => {
                write!(f, "indicator `{path}`")?;
                if !self.field.is_empty() {
                    write!(f, ": field `{}`", crate::names::visible(&self.field))?;
                }
                write!(f, ": {}", self.kind)
            }
            None if self.field.is_empty() => write!(f, "{}", self.kind),
            None => write!(
                f,
                "field `{}`: {}",
                crate::names::visible(&self.field),
                self.kind
            ),
        }
    }
}

/// What is wrong with the facts; [`FactIssue`] says where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FactIssueKind {
    /// A declared input that some leaf needs has no value (and is not
    /// marked unknown).
    #[error(
        "no value given for `{input}`, expected a number or \"unknown\"; needed by {}{}",
        list(needed_by),
        if *more > 0 { format!(" and {more} more") } else { String::new() }
    )]
    MissingInput {
        /// The input's name.
        input: String,
        /// The leaves that read it, the first
        /// [`MAX_LISTED_PATHS`](crate::limits::MAX_LISTED_PATHS).
        needed_by: Vec<IndicatorPath>,
        /// How many more leaves read it.
        more: usize,
    },
    /// A leaf that needs an answer has none.
    #[error("no answer given, expected {expected}")]
    MissingAnswer {
        /// What the leaf's rule asks for.
        expected: Cow<'static, str>,
    },
    /// A value for a name the rubric does not declare.
    #[error("`{}` is not an input of this rubric{}", crate::names::visible(name), suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
    UndeclaredInput {
        /// The name given.
        name: String,
        /// The closest declared name, if one is close.
        suggestion: Option<String>,
    },
    /// An id that names no indicator, or the wrong kind of indicator.
    #[error("no {expected} has the id `{}`{}", crate::names::visible(id), suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
    UnknownIndicator {
        /// The id given.
        id: String,
        /// Which indicators the field accepts.
        expected: &'static str,
        /// The closest id, if one is close.
        suggestion: Option<String>,
    },
    /// A value or answer outside what the rubric allows.
    #[error("expected {expected}, found {found}")]
    Invalid {
        /// What is allowed.
        expected: Cow<'static, str>,
        /// What was given.
        found: String,
    },
    /// A formula divides by zero and its rule does not say what that means.
    #[error("formula `{formula}` divides by zero, and the rule does not say what a zero denominator means (set `zero_denominator` to full, zero or not_applicable)")]
    DivisionByZero {
        /// The formula.
        formula: String,
    },
    /// A formula's figures do not fit an exact decimal: too large, or
    /// needing more than its 28 significant digits. Refused, never rounded.
    #[error("formula `{formula}` cannot be computed exactly: a figure in it is too large for an exact decimal or needs more than its 28 significant digits")]
    Overflow {
        /// The formula.
        formula: String,
    },
    /// A figure that cannot be computed exactly within an exact decimal:
    /// too large, or needing more than its 28 significant digits (a sum of
    /// claims, a cross-check, a target's conversion). Refused, never
    /// saturated or rounded.
    #[error("{what} cannot be computed exactly: a figure in it is too large for an exact decimal or needs more than its 28 significant digits")]
    Inexact {
        /// What was being computed, e.g. `the sum of the claimed scores`.
        what: String,
    },
    /// A value that falls in none of the bands.
    #[error("the value {value} falls in none of the bands {bands}")]
    NoBand {
        /// The value.
        value: String,
        /// The bands, listed.
        bands: String,
    },
    /// A leaf marked not applicable whose rubric does not allow it.
    #[error("marked not applicable, but the rubric does not say how this indicator scores then (it has no `not_applicable`)")]
    NotApplicableRefused,
    /// A discretionary score or override without a written reason.
    #[error("a reason is required, found {found}")]
    MissingReason {
        /// What was there: `none` or `a blank reason`.
        found: &'static str,
    },
    /// More entries than [`limits::MAX_FACTS`](crate::limits::MAX_FACTS).
    #[error("{found} entries exceed the limit of {limit}")]
    TooLarge {
        /// The limit.
        limit: usize,
        /// How many were given.
        found: usize,
    },
}

/// A formula as messages quote it: whole, or its first 40 characters.
fn shorten(formula: &str) -> String {
    if formula.chars().count() <= 60 {
        formula.to_owned()
    } else {
        format!("{}…", formula.chars().take(40).collect::<String>())
    }
}

fn list(paths: &[IndicatorPath]) -> String {
    paths
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// A JSON document that could not be read into a [`RubricSpec`](crate::RubricSpec)
/// or [`Facts`](crate::Facts).
///
/// Names the indicator and the field where it can, then the parser's
/// message (what was found, what was expected) and the position, e.g.
///
/// ```text
/// rubric: indicator `投入 › 预算配置 › 在职人员控制率`: field `rule.partial_unit`: unknown variant `half`, expected one of `proportional`, `whole`, `any_started` (line 20, column 40)
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct JsonError {
    document: &'static str,
    indicator: Option<String>,
    field: String,
    message: String,
    line: usize,
    column: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.document)?;
        if let Some(indicator) = &self.indicator {
            write!(f, "indicator `{}`: ", crate::names::visible(indicator))?;
        }
        if !self.field.is_empty() {
            write!(f, "field `{}`: ", crate::names::visible(&self.field))?;
        }
        f.write_str(&self.message)?;
        if self.line > 0 && !self.message.contains(" at line ") {
            write!(f, " (line {}, column {})", self.line, self.column)?;
        }
        Ok(())
    }
}

impl JsonError {
    pub(crate) fn new(document: &'static str, error: &serde_json::Error) -> JsonError {
        JsonError {
            document,
            indicator: None,
            field: String::new(),
            message: plain_words(&error.to_string()),
            line: error.line(),
            column: error.column(),
        }
    }

    /// Reads `text` as the document; on failure, places the error with
    /// `locate` where the text is at least well-formed JSON.
    pub(crate) fn from_text(
        document: &'static str,
        text: &str,
        error: &serde_json::Error,
        locate: fn(&serde_json::Value) -> Option<crate::locate::Located>,
        place: fn(&str, &[crate::locate::Seg]) -> (Option<String>, String),
    ) -> JsonError {
        let plain = JsonError::new(document, error);
        if error.is_syntax() || error.is_eof() || error.is_io() {
            return plain;
        }
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
            return plain;
        };
        match locate(&value) {
            Some(found) => JsonError {
                document,
                indicator: found.indicator,
                field: found.field,
                message: plain_words(&found.message),
                line: error.line(),
                column: error.column(),
            },
            // Not in the values (a repeated key, which a `Value` drops):
            // the place in the text names the field.
            None => match crate::locate::pointer_at(text, error.line(), error.column()) {
                Some(pointer) => {
                    let (indicator, field) = place(text, &pointer);
                    JsonError {
                        indicator,
                        field,
                        ..plain
                    }
                }
                None => plain,
            },
        }
    }

    /// Refuses a document that starts with a byte-order mark, and a number
    /// literal that a JSON parser would round or a decimal cannot hold,
    /// quoting it as written.
    pub(crate) fn inexact(
        document: &'static str,
        text: &str,
        place: fn(&str, &[crate::locate::Seg]) -> (Option<String>, String),
    ) -> Option<JsonError> {
        use crate::locate::Inexact;
        if text.starts_with('\u{feff}') {
            return Some(JsonError {
                document,
                indicator: None,
                field: String::new(),
                message: "the document starts with a byte-order mark (U+FEFF), which JSON does not allow; save it as UTF-8 without a BOM".to_owned(),
                line: 1,
                column: 1,
            });
        }
        let found = crate::locate::inexact_number(text)?;
        let (indicator, field) = place(text, &found.pointer);
        let literal = &found.literal;
        Some(JsonError {
            document,
            indicator,
            field,
            message: match found.why {
                Inexact::Digits => format!(
                    "the JSON number {literal} has more than {} significant digits and cannot be read exactly; write it as a string, e.g. \"{literal}\"",
                    crate::number::MAX_FLOAT_DIGITS,
                ),
                Inexact::TooLarge => format!(
                    "the JSON number {literal} is too large for an exact decimal (at most {})",
                    rust_decimal::Decimal::MAX
                ),
                Inexact::TooSmall => format!(
                    "the JSON number {literal} has more decimal places than the 28 an exact decimal holds"
                ),
            },
            line: found.line,
            column: found.column,
        })
    }

    /// The indicator (by names from the first level) where the error lies,
    /// if it lies in one.
    pub fn indicator(&self) -> Option<&str> {
        self.indicator.as_deref()
    }

    /// The field, e.g. `rule.partial_unit` or `values.编制数`; empty when
    /// the document as a whole is at fault.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The line (from 1) where reading stopped.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column (from 1) where reading stopped.
    pub fn column(&self) -> usize {
        self.column
    }
}

/// The parser's words in a rubric author's: JSON's names for its types,
/// and what an unparsable document means.
fn plain_words(message: &str) -> String {
    let mut out = message.to_owned();
    for (from, to) in [
        (
            "EOF while parsing a value",
            "the document ends where a value was expected",
        ),
        (
            "EOF while parsing an object",
            "the document ends inside an object (a `}` is missing)",
        ),
        (
            "EOF while parsing a list",
            "the document ends inside an array (a `]` is missing)",
        ),
        (
            "EOF while parsing a string",
            "the document ends inside a string (a `\"` is missing)",
        ),
        (
            "expected value",
            "expected a JSON value (JSON has no NaN or Infinity; numbers are plain decimals)",
        ),
        ("expected a sequence", "expected an array"),
        ("invalid type: map", "invalid type: object"),
        ("invalid type: sequence", "invalid type: array"),
        ("expected u32", "expected a whole number of at least 0"),
        ("expected u64", "expected a whole number of at least 0"),
        ("expected a borrowed string", "expected a string"),
    ] {
        out = out.replace(from, to);
    }
    out
}

/// Any error this crate returns, for callers that handle them alike.
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
}
