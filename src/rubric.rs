//! [`Rubric`]: a rubric checked once and ready to score any number of facts.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::error::{phrase, CompileError, Field, IndicatorPath, IssueKind, RubricIssue, Text};
use crate::limits;
use crate::number::plain;
use crate::rules::{CompileContext, CompiledRule, Rule};
use crate::spec::{IndicatorSpec, InputSpec, NotApplicable, Rounding, RubricSpec};

/// An FNV-1a style hash: ids and input names are short, and the maps are bounded by the
/// [`limits`], so a fast unkeyed hash is safe here.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // FNV-1a over eight bytes at a time: names are mostly multi-byte
        // Chinese, so whole words halve the work.
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0 ^ u64::from_le_bytes(word)).wrapping_mul(0x0100_0000_01b3);
        }
        for b in chunks.remainder() {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A map keyed by id or name.
pub(crate) type NameMap = HashMap<String, usize, BuildHasherDefault<Fnv>>;

/// A rubric that passed every check: an indicator tree whose points add up,
/// with every formula parsed and every rule's parameters valid.
///
/// Build one with [`Rubric::compile`] (or [`Rubric::from_json`]); score
/// facts with [`Rubric::evaluate`]. A `Rubric` is immutable and
/// `Send + Sync`: compile once, share it, evaluate from many threads.
/// `Clone` copies every indicator; to share one across requests, wrap it
/// in an `Arc` (see [Embedding it in a platform](crate#embedding-it-in-a-platform)).
#[derive(Debug, Clone)]
pub struct Rubric {
    /// Shared with the copies threads make ([`crate::replica`]).
    spec: Arc<RubricSpec>,
    /// SHA-256 of the canonical spec ([`crate::provenance`]), taken the
    /// first time it is asked for: compiling does not pay for it.
    hash: std::sync::OnceLock<Arc<str>>,
    /// This compiled rubric's number, for each thread's own copy of a
    /// rubric it evaluates often ([`crate::replica`]).
    pub(crate) uid: u64,
    /// The scores each leaf's rule can give, for reviews: worked out at the
    /// first review and kept.
    pub(crate) possible: std::sync::OnceLock<Vec<Option<crate::review::Possible>>>,
    pub(crate) inputs: Vec<CompiledInput>,
    pub(crate) input_names: Vec<Arc<str>>,
    pub(crate) input_index: NameMap,
    /// Indicators in table order (pre-order): a parent before its children.
    pub(crate) nodes: Vec<Node>,
    pub(crate) roots: Vec<usize>,
    pub(crate) by_id: NameMap,
    /// Grade bands, highest `min` first.
    pub(crate) grades: Vec<Grade>,
    pub(crate) title: Arc<str>,
    /// The decimal places at which scores are summed: the precision, or
    /// more where points have more.
    pub(crate) sum_scale: u32,
    /// The cross-checks, parsed.
    pub(crate) checks: Vec<CompiledCheck>,
    /// How many of `nodes` are the table; bonus and penalty items follow.
    pub(crate) tree_len: usize,
    /// The bonus items (加分项), compiled as leaves after the table.
    pub(crate) bonus: Option<Extra>,
    /// The penalty items (扣分项), compiled as leaves after the table.
    pub(crate) penalty: Option<Extra>,
    /// The vetoes (一票否决).
    pub(crate) vetoes: Vec<CompiledVeto>,
    pub(crate) final_score: crate::spec::FinalScore,
}

/// Bonus or penalty items: their nodes and the cap on them together.
#[derive(Debug, Clone)]
pub(crate) struct Extra {
    pub(crate) items: Vec<usize>,
    pub(crate) cap: Decimal,
}

/// A veto, compiled.
#[derive(Debug, Clone)]
pub(crate) struct CompiledVeto {
    pub(crate) id: Arc<str>,
    pub(crate) name: Arc<str>,
    pub(crate) path: IndicatorPath,
    pub(crate) test: Option<VetoCondition>,
    pub(crate) effect: crate::spec::VetoEffect,
    /// For a grade cap: the index of the grade (0 the best).
    pub(crate) grade: Option<usize>,
}

/// A veto's formula, compared with its bound.
#[derive(Debug, Clone)]
pub(crate) struct VetoCondition {
    pub(crate) measure: crate::rules::CompiledMeasure,
    pub(crate) is: crate::target_value::Comparison,
    pub(crate) bound: Decimal,
}

/// A cross-check with its formulas parsed.
#[derive(Debug, Clone)]
pub(crate) struct CompiledCheck {
    pub(crate) id: Arc<str>,
    pub(crate) description: Option<Arc<str>>,
    pub(crate) left: crate::rules::CompiledMeasure,
    pub(crate) relation: crate::spec::Relation,
    pub(crate) right: crate::rules::CompiledMeasure,
    pub(crate) tolerance: Decimal,
}

/// A grade band, compiled.
#[derive(Debug, Clone)]
pub(crate) struct Grade {
    pub(crate) label: Arc<str>,
    pub(crate) min: Decimal,
}

#[derive(Debug, Clone)]
pub(crate) struct CompiledInput {
    pub(crate) spec: InputSpec,
    pub(crate) percent: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub(crate) id: Arc<str>,
    pub(crate) name: Arc<str>,
    pub(crate) points: Decimal,
    pub(crate) path: IndicatorPath,
    pub(crate) children: Vec<usize>,
    pub(crate) rule: Option<CompiledRule>,
    pub(crate) rule_spec: Option<Rule>,
    pub(crate) not_applicable: Option<NotApplicable>,
    pub(crate) criterion: Option<Arc<str>>,
    pub(crate) definition: Option<Arc<str>>,
    /// The least and most a leaf scores, where the rubric bounds it.
    pub(crate) floor: Option<Decimal>,
    pub(crate) cap: Option<Decimal>,
    /// For a branch on a scale of its own: what its children add up to.
    pub(crate) out_of: Option<Decimal>,
    /// For a branch: its children are alternatives, one of them scored.
    pub(crate) alternatives: bool,
    /// For a leaf not applicable by `share`: the siblings taking its points.
    pub(crate) share_with: Vec<usize>,
    /// The document's rows sharing this leaf's points.
    pub(crate) rows: Vec<crate::spec::SharedRow>,
}

impl Rubric {
    /// Checks a spec and compiles it.
    ///
    /// # Errors
    ///
    /// Returns every problem at once in a [`CompileError`], each naming the
    /// indicator's path, the field, what was found and what was expected:
    ///
    /// - a branch whose children's points do not add up to its own, or
    ///   first-level indicators that do not add up to the total;
    /// - a duplicate id, a leaf without a rule, a branch with one;
    /// - a formula that does not parse or names an undeclared input;
    /// - bands with a gap or an overlap, a zero step, negative points;
    /// - anything past the [`limits`](crate::limits).
    ///
    /// # Example
    ///
    /// ```
    /// use jixiao::{Rubric, RubricSpec};
    ///
    /// let spec: RubricSpec = serde_json::from_str(r#"{
    ///     "title": "t", "total": 13,
    ///     "indicators": [{ "id": "投入", "name": "投入", "points": 13, "children": [
    ///         { "id": "a", "name": "在职人员控制率", "points": 5, "rule": { "kind": "judgement" } },
    ///         { "id": "b", "name": "“三公经费”变动率", "points": 7, "rule": { "kind": "judgement" } }
    ///     ]}]
    /// }"#)?;
    /// let err = Rubric::compile(spec).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "the rubric has 1 problem:\nindicator `投入`: field `points`: the children's points add up to 12, expected 13 (this indicator's points)"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn compile(spec: RubricSpec) -> Result<Rubric, CompileError> {
        Compiler::default().run(Arc::new(spec))
    }

    /// The same rubric compiled again from its spec, for a thread's own use
    /// ([`crate::replica`]): everything an evaluation clones is its own;
    /// what only the host reads (the spec, the criteria and definitions) is
    /// shared with this rubric rather than held twice, and a hash already
    /// taken is not taken again.
    pub(crate) fn copy(&self) -> Option<Rubric> {
        let mut copy = Compiler::default().run(Arc::clone(&self.spec)).ok()?;
        for (mine, theirs) in copy.nodes.iter_mut().zip(&self.nodes) {
            mine.criterion.clone_from(&theirs.criterion);
            mine.definition.clone_from(&theirs.definition);
        }
        // The hash's text copied, not its count shared: a review clones it.
        if let Some(hash) = self.hash.get() {
            let _ = copy.hash.set(Arc::from(&**hash));
        }
        Some(copy)
    }

    /// Reads a rubric from JSON and compiles it.
    ///
    /// # Errors
    ///
    /// [`Error::Json`](crate::Error::Json) when the text is not a rubric
    /// (with line and column), [`Error::Compile`](crate::Error::Compile)
    /// when the rubric has problems.
    pub fn from_json(json: &str) -> Result<Rubric, crate::Error> {
        let spec: RubricSpec = crate::locate::read_document(
            "rubric",
            json,
            crate::locate::rubric,
            crate::locate::rubric_place,
        )?;
        Ok(Rubric::compile(spec)?)
    }

    /// Reads either document a host is handed: a rubric, or a project's
    /// target table ([`TargetTable::is_target_table`]), compiled under
    /// `convention` ([`Rubric::from_targets`]).
    ///
    /// # Errors
    ///
    /// As [`Rubric::from_json`], [`TargetTable::from_json`] and
    /// [`Rubric::from_targets`].
    ///
    /// [`TargetTable::is_target_table`]: crate::TargetTable::is_target_table
    /// [`TargetTable::from_json`]: crate::TargetTable::from_json
    pub fn from_document(
        json: &str,
        convention: &crate::Convention,
    ) -> Result<Rubric, crate::Error> {
        if crate::TargetTable::is_target_table(json) {
            let table = crate::TargetTable::from_json(json)?;
            Ok(Rubric::from_targets(&table, convention)?)
        } else {
            Rubric::from_json(json)
        }
    }

    /// The spec the rubric was compiled from.
    pub fn spec(&self) -> &RubricSpec {
        &self.spec
    }

    /// The rubric's stable id (`id` in its document), where it has one.
    pub fn id(&self) -> Option<&str> {
        self.spec.id.as_deref()
    }

    /// The rubric's edition (`version` in its document), where it has one.
    pub fn version(&self) -> Option<&str> {
        self.spec.version.as_deref()
    }

    /// SHA-256 of the canonical rubric (`sha256:` and 64 hex digits),
    /// taken once, the first time it is asked for (by this method, by
    /// [`Rubric::provenance`] or by a review), and kept: the same for any
    /// layout of the same document, different for any change of a value.
    /// See [`provenance`](crate::provenance) for the canonical form.
    pub fn hash(&self) -> &str {
        self.shared_hash()
    }

    fn shared_hash(&self) -> &Arc<str> {
        self.hash
            .get_or_init(|| crate::provenance::rubric_hash(&self.spec))
    }

    /// Which rubric and which facts an evaluation of `facts` comes from:
    /// the rubric's id, version and hash and the facts' hash. A review
    /// carries it on its evaluation; [`Rubric::evaluate`], the hot path,
    /// leaves it to the host, which sets
    /// `evaluation.provenance = Some(rubric.provenance(&facts))` where it
    /// archives the result.
    ///
    /// ```
    /// use jixiao::{Facts, Rubric};
    ///
    /// let rubric = Rubric::from_json(include_str!("../rubrics/zhijiang-2020-department/rubric.json"))?;
    /// let a = Facts::from_json(r#"{"values": {"编制数": 34, "在职人员数": 39}}"#)?;
    /// let b = Facts::from_json(r#"{"values": {"在职人员数": 39.0, "编制数": 3.4e1}}"#)?;
    /// let c = Facts::from_json(r#"{"values": {"在职人员数": 40, "编制数": 34}}"#)?;
    /// assert_eq!(rubric.provenance(&a), rubric.provenance(&b));
    /// assert_ne!(rubric.provenance(&a).facts_hash, rubric.provenance(&c).facts_hash);
    /// assert_eq!(rubric.provenance(&a).rubric_id.as_deref(), Some("zhijiang-2020-department"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn provenance(&self, facts: &crate::Facts) -> crate::Provenance {
        crate::Provenance {
            canonical_form: crate::provenance::CANONICAL_FORM.into(),
            rubric_id: self.spec.id.as_deref().map(Arc::from),
            rubric_version: self.spec.version.as_deref().map(Arc::from),
            rubric_hash: Arc::clone(self.shared_hash()),
            facts_hash: crate::provenance::facts_hash(facts),
        }
    }

    /// The rubric's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The full score (总分).
    pub fn total(&self) -> Decimal {
        self.spec.total
    }

    /// Decimal places of leaf scores.
    pub fn precision(&self) -> u32 {
        self.spec.precision
    }

    /// How leaf scores are rounded.
    pub fn rounding(&self) -> Rounding {
        self.spec.rounding
    }

    /// The declared inputs.
    pub fn inputs(&self) -> impl Iterator<Item = &InputSpec> {
        self.inputs.iter().map(|i| &i.spec)
    }

    /// The first-level indicators.
    pub fn indicators(&self) -> impl Iterator<Item = Indicator<'_>> {
        self.roots.iter().map(move |&index| Indicator {
            rubric: self,
            index,
        })
    }

    /// Every indicator in table order, a parent before its children (not
    /// the bonus and penalty items beside the table: [`Rubric::items`]).
    pub fn all_indicators(&self) -> impl Iterator<Item = Indicator<'_>> {
        (0..self.tree_len).map(move |index| Indicator {
            rubric: self,
            index,
        })
    }

    /// The bonus items (加分项), then the penalty items (扣分项).
    pub fn items(&self) -> impl Iterator<Item = Indicator<'_>> {
        (self.tree_len..self.nodes.len()).map(move |index| Indicator {
            rubric: self,
            index,
        })
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<Indicator<'_>> {
        self.by_id.get(id).map(|&index| Indicator {
            rubric: self,
            index,
        })
    }

    /// The grade for a total, from the rubric's grade bands.
    pub fn grade(&self, total: Decimal) -> Option<&str> {
        self.grade_index(total).map(|i| &*self.grades[i].label)
    }

    /// The names of the inputs a leaf's formula reads.
    pub(crate) fn formula_inputs(&self, node: &Node) -> Vec<&str> {
        node.rule
            .as_ref()
            .and_then(CompiledRule::measure)
            .map(|m| {
                m.formula
                    .inputs
                    .iter()
                    .map(|&slot| &*self.input_names[slot])
                    .collect()
            })
            .unwrap_or_default()
    }

    pub(crate) fn grade_index(&self, total: Decimal) -> Option<usize> {
        (0..self.grades.len()).find(|&i| self.band_min(i).is_none_or(|m| total >= m))
    }

    /// The least total of a grade band; `None` for the lowest band where it
    /// starts at 0 or below, which also holds a total below 0 (an open
    /// final score with penalties beyond the table's points).
    pub(crate) fn band_min(&self, i: usize) -> Option<Decimal> {
        let min = self.grades.get(i)?.min;
        (i + 1 < self.grades.len() || min > Decimal::ZERO).then_some(min)
    }
}

/// One indicator of a compiled [`Rubric`].
#[derive(Debug, Clone, Copy)]
pub struct Indicator<'a> {
    rubric: &'a Rubric,
    index: usize,
}

impl<'a> Indicator<'a> {
    fn node(&self) -> &'a Node {
        &self.rubric.nodes[self.index]
    }

    /// The id.
    pub fn id(&self) -> &'a str {
        &self.node().id
    }

    /// The name.
    pub fn name(&self) -> &'a str {
        &self.node().name
    }

    /// The points (分值).
    pub fn points(&self) -> Decimal {
        self.node().points
    }

    /// Where it sits: `投入 › 预算配置 › 在职人员控制率`.
    pub fn path(&self) -> &'a IndicatorPath {
        &self.node().path
    }

    /// The scoring standard in the document's words (评价标准).
    pub fn criterion(&self) -> Option<&'a str> {
        self.node().criterion.as_deref()
    }

    /// The definition in the document's words (指标说明).
    pub fn definition(&self) -> Option<&'a str> {
        self.node().definition.as_deref()
    }

    /// The rule, for a leaf.
    pub fn rule(&self) -> Option<&'a Rule> {
        self.node().rule_spec.as_ref()
    }

    /// What a not-applicable mark scores, if the rubric allows one.
    pub fn not_applicable(&self) -> Option<NotApplicable> {
        self.node().not_applicable
    }

    /// The inputs the leaf's formula reads, in declaration order; empty for
    /// branches and for rules without a formula.
    pub fn inputs(&self) -> Vec<&'a str> {
        self.rubric.formula_inputs(self.node())
    }

    /// The measured values (in the formula's unit, percentage points for a
    /// percentage) where the leaf's score steps or changes slope: the
    /// threshold and the step boundaries up to where the points run out, the
    /// band ends, the proportional target and 0. Property tests concentrate
    /// values here; empty for branches and rules without a formula.
    ///
    /// ```
    /// let rubric = jixiao::Rubric::from_json(r#"{"title": "t", "total": 5,
    ///     "inputs": [{"name": "x"}],
    ///     "indicators": [{"id": "a", "name": "a", "points": 5, "rule": {
    ///         "kind": "ratio_threshold", "formula": "x", "threshold": 100, "direction": "below",
    ///         "step": 5, "deduction": 2, "partial_unit": "whole" }}]}"#)?;
    /// let edges = rubric.indicator("a").ok_or("no a")?.edges();
    /// assert_eq!(edges.iter().map(ToString::to_string).collect::<Vec<_>>(), ["85", "90", "95", "100"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn edges(&self) -> Vec<Decimal> {
        self.node()
            .rule
            .as_ref()
            .map(|r| r.edges(self.points()))
            .unwrap_or_default()
    }

    /// The document's rows that share this leaf's points (one 分值 cell
    /// spanning them), if any.
    pub fn rows(&self) -> &'a [crate::spec::SharedRow] {
        &self.node().rows
    }

    /// Whether the indicator is a leaf (scored by a rule).
    pub fn is_leaf(&self) -> bool {
        self.node().children.is_empty()
    }

    /// The sub-indicators.
    pub fn children(&self) -> impl Iterator<Item = Indicator<'a>> + 'a {
        let rubric = self.rubric;
        self.node()
            .children
            .iter()
            .map(move |&index| Indicator { rubric, index })
    }
}

#[derive(Default)]
struct Compiler {
    issues: Vec<RubricIssue>,
    nodes: Vec<Node>,
    by_id: NameMap,
    input_index: NameMap,
    input_names: Vec<Arc<str>>,
    percent_inputs: Vec<bool>,
    /// The declared inputs as messages list them, written once and shared
    /// by every unknown-input problem.
    known: std::cell::OnceCell<Arc<str>>,
    /// The rubric's precision, which bounds and caps may not be finer than.
    precision: u32,
}

impl Compiler {
    /// Refuses a bound finer than the rubric's precision: a score rounded
    /// to the precision could never meet it exactly.
    fn within_precision(
        &mut self,
        path: Option<&IndicatorPath>,
        field: impl Into<Field>,
        value: Decimal,
    ) {
        if value.normalize().scale() > self.precision {
            self.invalid(
                path,
                field,
                Text::new(
                    format!(
                        "a figure of at most {} decimal places (the rubric's precision)",
                        self.precision
                    ),
                    format!("至多{}位小数的数（指标表的得分精度）", self.precision),
                ),
                plain(value),
            );
        }
    }

    fn rubric_issue(&mut self, field: impl Into<Field>, kind: IssueKind) {
        self.issues.push(RubricIssue::new(None, field, kind));
    }

    fn invalid(
        &mut self,
        path: Option<&IndicatorPath>,
        field: impl Into<Field>,
        expected: Text,
        found: impl Into<Text>,
    ) {
        self.issues.push(RubricIssue::new(
            path.cloned(),
            field,
            IssueKind::Invalid {
                expected,
                found: found.into(),
            },
        ));
    }

    fn text(&mut self, path: Option<&IndicatorPath>, field: &'static str, text: &str) {
        self.sized(path, field, text, limits::MAX_TEXT_CHARS);
    }

    fn name(&mut self, path: Option<&IndicatorPath>, field: &'static str, text: &str) {
        if let Some(found) = crate::names::problem(text) {
            self.invalid(path, field, phrase::name_rules(), found);
        }
        self.sized(path, field, text, limits::MAX_NAME_CHARS);
    }

    fn sized(
        &mut self,
        path: Option<&IndicatorPath>,
        field: &'static str,
        text: &str,
        limit: usize,
    ) {
        let n = text.chars().count();
        if n > limit {
            self.issues.push(RubricIssue::new(
                path.cloned(),
                field,
                IssueKind::TooLarge {
                    what: crate::error::phrase::characters(),
                    limit,
                    found: n,
                },
            ));
        }
    }

    fn run(mut self, spec: Arc<RubricSpec>) -> Result<Rubric, CompileError> {
        self.precision = spec.precision;
        self.text(None, "title", &spec.title);
        if spec.title.trim().is_empty() {
            self.invalid(
                None,
                "title",
                Text::new("the rubric's title", "指标表标题"),
                Text::new("an empty title", "空标题"),
            );
        }
        if spec.total <= Decimal::ZERO {
            self.invalid(
                None,
                "total",
                Text::new("a total greater than 0", "大于0的总分"),
                plain(spec.total),
            );
        }
        if spec.precision > limits::MAX_PRECISION {
            self.invalid(
                None,
                "precision",
                Text::new(
                    format!("at most {} decimal places", limits::MAX_PRECISION),
                    format!("不超过{}位小数", limits::MAX_PRECISION),
                ),
                spec.precision.to_string(),
            );
        }
        let grades = self.grades(&spec);
        let inputs = self.inputs(&spec.inputs);
        let count = count_indicators(&spec.indicators, 0);
        if count > limits::MAX_INDICATORS {
            self.rubric_issue(
                "indicators",
                IssueKind::TooLarge {
                    what: crate::error::phrase::counted("indicators"),
                    limit: limits::MAX_INDICATORS,
                    found: count,
                },
            );
            return Err(CompileError::new(self.issues));
        }
        if spec.indicators.is_empty() {
            self.invalid(
                None,
                "indicators",
                phrase::at_least_one("indicator", "指标"),
                phrase::empty(),
            );
        }
        let mut roots = Vec::with_capacity(spec.indicators.len());
        let mut sum = Decimal::ZERO;
        let root = IndicatorPath::default();
        for (i, indicator) in spec.indicators.iter().enumerate() {
            roots.push(self.indicator(indicator, &root, 1, i));
            sum = sum.checked_add(indicator.points).unwrap_or(Decimal::MAX);
        }
        if !spec.indicators.is_empty() && sum != spec.total {
            self.rubric_issue(
                "total",
                IssueKind::TotalSum {
                    expected: spec.total,
                    found: sum,
                },
            );
        }
        let sum_scale = self
            .nodes
            .iter()
            .map(|n| n.points.normalize().scale())
            .chain([spec.precision, spec.total.normalize().scale()])
            .max()
            .unwrap_or(spec.precision);
        let fits = crate::number::to_scaled(spec.total.normalize(), sum_scale)
            .and_then(|v| crate::number::from_scaled(v, sum_scale))
            .is_some();
        if !fits {
            self.invalid(
                None,
                "total",
                Text::new(
                    "points with few enough decimal places that scores add up exactly",
                    "分值的小数位数足够少，使得分能精确相加",
                ),
                Text::new(
                    format!(
                        "a total of {} with points of {sum_scale} decimal places",
                        plain(spec.total)
                    ),
                    format!("总分{}，而分值有{sum_scale}位小数", plain(spec.total)),
                ),
            );
        }
        let checks = self.checks(&spec);
        self.form(&spec);
        let tree_len = self.nodes.len();
        let bonus = self.extras(spec.bonus.as_ref(), "bonus", "加分项");
        let penalty = self.extras(spec.penalty.as_ref(), "penalty", "扣分项");
        let vetoes = self.vetoes(&spec.vetoes, &grades);
        if !self.issues.is_empty() {
            return Err(CompileError::new(self.issues));
        }
        Ok(Rubric {
            checks,
            tree_len,
            bonus,
            penalty,
            vetoes,
            final_score: spec.final_score,
            sum_scale,
            title: Arc::from(spec.title.as_str()),
            inputs,
            input_names: self.input_names,
            input_index: self.input_index,
            nodes: self.nodes,
            roots,
            by_id: self.by_id,
            grades,
            hash: std::sync::OnceLock::new(),
            uid: crate::replica::next_uid(),
            possible: std::sync::OnceLock::new(),
            spec,
        })
    }

    fn checks(&mut self, spec: &RubricSpec) -> Vec<CompiledCheck> {
        if spec.checks.len() > limits::MAX_RULE_ENTRIES {
            self.rubric_issue(
                "checks",
                IssueKind::TooLarge {
                    what: crate::error::phrase::counted("checks"),
                    limit: limits::MAX_RULE_ENTRIES,
                    found: spec.checks.len(),
                },
            );
            return Vec::new();
        }
        let mut out = Vec::with_capacity(spec.checks.len());
        for (i, check) in spec.checks.iter().enumerate() {
            self.name(None, "checks.id", &check.id);
            if check.id.trim().is_empty() {
                self.invalid(
                    None,
                    format!("checks[{i}].id"),
                    Text::new("a non-empty id", "非空的id"),
                    Text::new("an empty id", "空id"),
                );
            }
            if spec.checks[..i].iter().any(|c| c.id == check.id) {
                self.invalid(
                    None,
                    format!("checks[{i}].id"),
                    Text::new("an id no other check uses", "其他勾稽关系未用过的id"),
                    phrase::again(&check.id),
                );
            }
            if let Some(d) = &check.description {
                self.text(None, "checks.description", d);
            }
            let tolerance = check.tolerance.unwrap_or(Decimal::ZERO);
            if tolerance < Decimal::ZERO {
                self.invalid(
                    None,
                    format!("checks[{i}].tolerance"),
                    Text::new("a tolerance of at least 0", "不小于0的容差"),
                    plain(tolerance),
                );
            }
            let left = self.check_formula(i, "left", &check.left);
            let right = self.check_formula(i, "right", &check.right);
            if let (Some(left), Some(right)) = (left, right) {
                out.push(CompiledCheck {
                    id: Arc::from(check.id.as_str()),
                    description: check.description.as_deref().map(Arc::from),
                    left,
                    relation: check.relation,
                    right,
                    tolerance,
                });
            }
        }
        out
    }

    /// Checks that a form's header block names declared inputs and a leaf.
    fn form(&mut self, spec: &RubricSpec) {
        let Some(crate::spec::Form::ProjectSelfEvaluation {
            budget: Some(budget),
        }) = &spec.form
        else {
            return;
        };
        let inputs = [
            ("form.budget.initial", budget.initial.as_deref()),
            ("form.budget.adjusted", Some(budget.adjusted.as_str())),
            ("form.budget.executed", Some(budget.executed.as_str())),
        ];
        for (field, name) in inputs {
            if let Some(name) = name {
                if !self.input_index.contains_key(name) {
                    self.invalid(
                        None,
                        field,
                        Text::new("the name of a declared input", "已声明的基础数据名称"),
                        format!("`{name}`"),
                    );
                }
            }
        }
        let leaf = self
            .by_id
            .get(&budget.indicator)
            .is_some_and(|&i| self.nodes[i].children.is_empty());
        if !leaf {
            self.invalid(
                None,
                "form.budget.indicator",
                Text::new(
                    "the id of the leaf scoring 预算执行率",
                    "计算预算执行率的末级指标id",
                ),
                format!("`{}`", budget.indicator),
            );
        }
    }

    /// Compiles bonus or penalty items as leaves after the table, under
    /// a path of their own (`加分项 › …`).
    fn extras(
        &mut self,
        spec: Option<&crate::spec::ExtraItems>,
        field: &'static str,
        label: &str,
    ) -> Option<Extra> {
        let spec = spec?;
        let parent = IndicatorPath::section(field, label, Some("items"));
        let en = if field == "bonus" { "bonus" } else { "penalty" };
        if spec.items.is_empty() {
            self.invalid(
                None,
                format!("{field}.items"),
                phrase::at_least_one(&format!("{en} item"), label),
                phrase::empty(),
            );
        }
        let mut items = Vec::with_capacity(spec.items.len());
        let mut sum = Decimal::ZERO;
        for (i, item) in spec.items.iter().enumerate() {
            let index = self.indicator(item, &parent, 1, i);
            let path = self.nodes[index].path.clone();
            if !item.children.is_empty() {
                self.invalid(
                    Some(&path),
                    "children",
                    Text::new(
                        format!("a leaf with its own rule (a {label} item has no sub-indicators)"),
                        format!("有自己评分规则的末级指标（{label}不设下级指标）"),
                    ),
                    Text::new(
                        format!("sub-indicators: {}", item.children.len()),
                        format!("{}个下级指标", item.children.len()),
                    ),
                );
            }
            if let Some(
                na @ (NotApplicable::Exclude | NotApplicable::Share | NotApplicable::Average),
            ) = item.not_applicable
            {
                self.invalid(
                    Some(&path),
                    "not_applicable",
                    Text::new(
                        format!("full or zero (a {label} item lies outside the table's points, so it is not rescaled, shared or averaged)"),
                        format!("full（按满分）或 zero（按零分）：{label}在指标表分值之外，不参与折算、分摊或平均"),
                    ),
                    {
                        let na = match na {
                            NotApplicable::Share => "share",
                            NotApplicable::Average => "average",
                            _ => "exclude",
                        };
                        Text::new(format!("`{na}`"), na)
                    },
                );
            }
            sum = sum.checked_add(item.points).unwrap_or(Decimal::MAX);
            items.push(index);
        }
        if let Some(cap) = spec.cap {
            if cap <= Decimal::ZERO {
                self.invalid(
                    None,
                    format!("{field}.cap"),
                    Text::new("a cap greater than 0", "大于0的上限"),
                    plain(cap),
                );
            }
            self.within_precision(None, format!("{field}.cap"), cap);
        }
        Some(Extra {
            items,
            cap: spec.cap.unwrap_or(sum),
        })
    }

    /// Compiles the vetoes: ids unique among them, a formula against a
    /// bound in its unit, a grade cap naming one of the grades.
    fn vetoes(&mut self, specs: &[crate::spec::VetoSpec], grades: &[Grade]) -> Vec<CompiledVeto> {
        if specs.len() > limits::MAX_RULE_ENTRIES {
            self.rubric_issue(
                "vetoes",
                IssueKind::TooLarge {
                    what: Text::new("vetoes", "否决事项数"),
                    limit: limits::MAX_RULE_ENTRIES,
                    found: specs.len(),
                },
            );
            return Vec::new();
        }
        let parent = IndicatorPath::section("vetoes", "一票否决", None);
        let mut out = Vec::with_capacity(specs.len());
        for (i, veto) in specs.iter().enumerate() {
            let name: Arc<str> = Arc::from(veto.name.as_str());
            let path = parent.child(&Arc::from(veto.id.as_str()), &name, i);
            let here = Some(&path);
            self.name(here, "id", &veto.id);
            self.name(here, "name", &veto.name);
            if let Some(c) = &veto.criterion {
                self.text(here, "criterion", c);
            }
            if specs[..i].iter().any(|v| v.id == veto.id) {
                self.invalid(
                    here,
                    "id",
                    Text::new("an id no other veto uses", "其他否决事项未用过的id"),
                    phrase::again(&veto.id),
                );
            }
            let grade = match &veto.effect {
                crate::spec::VetoEffect::Zero => None,
                crate::spec::VetoEffect::Grade(label) => {
                    let found = grades.iter().position(|g| *g.label == **label);
                    if found.is_none() {
                        let names: Vec<&str> = grades.iter().map(|g| &*g.label).collect();
                        self.invalid(
                            here,
                            "effect.grade",
                            Text::new(
                                format!("one of the rubric's grades: {}", names.join("、")),
                                format!("指标表的评价等级之一：{}", names.join("、")),
                            ),
                            Text::new(format!("`{label}`"), format!("“{label}”")),
                        );
                    }
                    found
                }
            };
            let test = veto.when.as_ref().and_then(|when| {
                let (measure, bound) = self.formula_at(
                    here,
                    "when",
                    &when.formula,
                    Some(("when.bound", when.bound)),
                );
                Some(VetoCondition {
                    measure: measure?,
                    is: when.is,
                    bound,
                })
            });
            out.push(CompiledVeto {
                id: Arc::from(veto.id.as_str()),
                name,
                path,
                test,
                effect: veto.effect.clone(),
                grade,
            });
        }
        out
    }

    /// Parses a formula outside a leaf's rule (a cross-check's side, a
    /// veto's condition), with a bound read in its unit; problems are filed
    /// under `field` (and the bound's own field).
    fn formula_at(
        &mut self,
        path: Option<&IndicatorPath>,
        field: &str,
        text: &str,
        bound: Option<(&'static str, crate::rules::Quantity)>,
    ) -> (Option<crate::rules::CompiledMeasure>, Decimal) {
        let index_map = &self.input_index;
        let names = &self.input_names;
        let resolve = |n: &str| index_map.get(n).copied();
        let cache = &self.known;
        let known = || Arc::clone(cache.get_or_init(|| Arc::from(known_inputs(names))));
        let mut cx = CompileContext {
            points: Decimal::ZERO,
            has_not_applicable: false,
            resolve: &resolve,
            known: &known,
            names,
            percent_inputs: &self.percent_inputs,
            issues: Vec::new(),
        };
        let measure = cx.formula(text);
        let value = bound.map_or(Decimal::ZERO, |(f, q)| cx.in_unit(f, q, measure.as_ref()));
        for (f, kind) in std::mem::take(&mut cx.issues) {
            let f = if f == Field::parse("rule.formula") {
                Field::parse(field)
            } else {
                f
            };
            self.issues.push(RubricIssue::new(path.cloned(), f, kind));
        }
        (measure, value)
    }

    fn check_formula(
        &mut self,
        i: usize,
        side: &'static str,
        text: &str,
    ) -> Option<crate::rules::CompiledMeasure> {
        self.formula_at(None, &format!("checks[{i}].{side}"), text, None)
            .0
    }

    fn grades(&mut self, spec: &RubricSpec) -> Vec<Grade> {
        let grades = match &spec.grades {
            Some(grades) => grades.clone(),
            None => crate::spec::default_grades(spec.total),
        };
        if grades.is_empty() {
            self.invalid(
                None,
                "grades",
                phrase::at_least_one("grade band", "评价等级"),
                phrase::empty(),
            );
        }
        if !self.check_count(None, "grades", grades.len()) {
            return Vec::new();
        }
        for (i, grade) in grades.iter().enumerate() {
            if grade.label.trim().is_empty() {
                self.invalid(
                    None,
                    format!("grades[{i}].label"),
                    Text::new("a grade name", "等级名称"),
                    Text::new("an empty name", "空名称"),
                );
            }
            self.name(None, "grades.label", &grade.label);
            if grade.min < Decimal::ZERO || grade.min > spec.total {
                self.invalid(
                    None,
                    format!("grades[{i}].min"),
                    Text::new(
                        format!("a minimum from 0 to the total {}", plain(spec.total)),
                        format!("0至总分{}之间的下限", plain(spec.total)),
                    ),
                    plain(grade.min),
                );
            }
            if grades[..i].iter().any(|g| g.min == grade.min) {
                self.invalid(
                    None,
                    format!("grades[{i}].min"),
                    Text::new("a minimum no other grade band uses", "其他等级未用过的下限"),
                    phrase::figure_again(&plain(grade.min)),
                );
            }
            if grades[..i].iter().any(|g| g.label == grade.label) {
                self.invalid(
                    None,
                    format!("grades[{i}].label"),
                    Text::new("a name no other grade band uses", "其他等级未用过的名称"),
                    phrase::again(&grade.label),
                );
            }
        }
        let mut grades: Vec<Grade> = grades
            .iter()
            .map(|g| Grade {
                label: Arc::from(g.label.as_str()),
                min: g.min,
            })
            .collect();
        grades.sort_by_key(|g| std::cmp::Reverse(g.min));
        grades
    }

    fn check_count(&mut self, path: Option<&IndicatorPath>, field: &'static str, n: usize) -> bool {
        if n > limits::MAX_RULE_ENTRIES {
            self.issues.push(RubricIssue::new(
                path.cloned(),
                field,
                IssueKind::TooLarge {
                    what: crate::error::phrase::counted("entries"),
                    limit: limits::MAX_RULE_ENTRIES,
                    found: n,
                },
            ));
            return false;
        }
        true
    }

    fn inputs(&mut self, specs: &[InputSpec]) -> Vec<CompiledInput> {
        if specs.len() > limits::MAX_INPUTS {
            self.rubric_issue(
                "inputs",
                IssueKind::TooLarge {
                    what: crate::error::phrase::counted("inputs"),
                    limit: limits::MAX_INPUTS,
                    found: specs.len(),
                },
            );
            return Vec::new();
        }
        let mut out = Vec::with_capacity(specs.len());
        for (i, input) in specs.iter().enumerate() {
            let field = |part: &str| format!("inputs[{i}].{part}");
            self.name(None, "inputs.name", &input.name);
            if let Some(t) = &input.label {
                self.text(None, "inputs.label", t);
            }
            if let Some(t) = &input.description {
                self.text(None, "inputs.description", t);
            }
            // A name of digits alone (`３４`) would read as a number.
            let numeric = input
                .name
                .chars()
                .all(|c| c.is_numeric() || matches!(c, '.' | '．'));
            // One name token: one run of characters that separate nothing
            // (the tokenizer's reading, without tokenizing).
            let single_name = !numeric
                && !input.name.is_empty()
                && !input.name.chars().any(crate::formula::separates);
            if !single_name {
                self.invalid(
                    None,
                    field("name"),
                    Text::new(
                        "a name a formula can use: no spaces, operators or brackets, and not a number",
                        "公式可用的名称：不含空格、运算符或括号，且不是数字",
                    ),
                    format!("`{}`", input.name),
                );
            }
            if self.input_index.contains_key(&input.name) {
                self.invalid(
                    None,
                    field("name"),
                    Text::new("a name no other input uses", "其他基础数据未用过的名称"),
                    phrase::again(&input.name),
                );
            } else {
                self.input_index.insert(input.name.clone(), out.len());
            }
            if let (Some(min), Some(max)) = (input.min, input.max) {
                if min > max {
                    self.invalid(
                        None,
                        field("max"),
                        Text::new(
                            format!("a maximum of at least the minimum {}", plain(min)),
                            format!("不小于下限{}的上限", plain(min)),
                        ),
                        plain(max),
                    );
                }
            }
            self.input_names.push(Arc::from(input.name.as_str()));
            self.percent_inputs.push(input.is_percent());
            out.push(CompiledInput {
                spec: input.clone(),
                percent: input.is_percent(),
            });
        }
        out
    }

    fn indicator(
        &mut self,
        spec: &IndicatorSpec,
        parent: &IndicatorPath,
        depth: usize,
        position: usize,
    ) -> usize {
        let name: Arc<str> = Arc::from(spec.name.as_str());
        let id: Arc<str> = Arc::from(spec.id.as_str());
        let path = parent.child(&id, &name, position);
        let index = self.nodes.len();
        self.nodes.push(Node {
            id,
            name,
            points: spec.points,
            path: path.clone(),
            children: Vec::new(),
            rule: None,
            rule_spec: spec.rule.clone(),
            not_applicable: spec.not_applicable,
            criterion: spec.criterion.as_deref().map(Arc::from),
            definition: spec.definition.as_deref().map(Arc::from),
            floor: spec.floor,
            cap: spec.cap,
            out_of: spec.out_of,
            alternatives: spec.alternatives,
            share_with: Vec::new(),
            rows: spec.rows.clone(),
        });
        let here = Some(&path);
        self.structure(spec, &path);
        self.name(here, "id", &spec.id);
        self.name(here, "name", &spec.name);
        if let Some(t) = &spec.criterion {
            self.text(here, "criterion", t);
        }
        if let Some(t) = &spec.definition {
            self.text(here, "definition", t);
        }
        if spec.id.trim().is_empty() {
            self.invalid(
                here,
                "id",
                Text::new("a non-empty id", "非空的id"),
                Text::new("an empty id", "空id"),
            );
        }
        if spec.name.trim().is_empty() {
            self.invalid(
                here,
                "name",
                Text::new("the indicator's name", "指标名称"),
                Text::new("an empty name", "空名称"),
            );
        }
        match self.by_id.get(&spec.id) {
            Some(&first) => {
                let first = self.nodes[first].path.clone();
                self.issues.push(RubricIssue::new(
                    Some(path.clone()),
                    "id",
                    IssueKind::DuplicateId {
                        id: spec.id.clone(),
                        first,
                    },
                ));
            }
            None => {
                self.by_id.insert(spec.id.clone(), index);
            }
        }
        if spec.points < Decimal::ZERO {
            self.invalid(
                here,
                "points",
                Text::new("points of at least 0", "不小于0的分值"),
                plain(spec.points),
            );
        }
        if depth > limits::MAX_DEPTH {
            self.issues.push(RubricIssue::new(
                Some(path),
                "children",
                IssueKind::TooLarge {
                    what: crate::error::phrase::counted("levels"),
                    limit: limits::MAX_DEPTH,
                    found: depth,
                },
            ));
            return index;
        }
        if spec.children.is_empty() {
            self.leaf(spec, &path, index);
        } else {
            if spec.rule.is_some() {
                self.issues.push(RubricIssue::new(
                    Some(path.clone()),
                    "rule",
                    IssueKind::RuleOnBranch,
                ));
            }
            if spec.not_applicable.is_some() {
                self.invalid(
                    Some(&path),
                    "not_applicable",
                    Text::new(
                        "`not_applicable` on leaves only",
                        "仅设在末级指标上的 not_applicable",
                    ),
                    Text::new(
                        "it on an indicator with children",
                        "设在有下级指标的指标上的 not_applicable",
                    ),
                );
            }
            let mut children = Vec::with_capacity(spec.children.len());
            let mut sum = Decimal::ZERO;
            for (i, child) in spec.children.iter().enumerate() {
                children.push(self.indicator(child, &path, depth + 1, i));
                sum = sum.checked_add(child.points).unwrap_or(Decimal::MAX);
            }
            if spec.alternatives {
                // Each alternative carries the branch's points.
                for (i, child) in spec.children.iter().enumerate() {
                    if child.points != spec.points {
                        self.invalid(
                            Some(&path),
                            format!("children[{i}].points"),
                            Text::new(
                                format!(
                                    "an alternative's points equal to the group's {}",
                                    plain(spec.points)
                                ),
                                format!(
                                    "与本组分值{}分相同的备选指标分值（择一计分的各项均按本组分值计分）",
                                    plain(spec.points)
                                ),
                            ),
                            plain(child.points),
                        );
                    }
                }
                if spec.children.len() < 2 {
                    self.invalid(
                        Some(&path),
                        "children",
                        Text::new("at least two alternatives", "至少两个备选指标"),
                        Text::new(
                            spec.children.len().to_string(),
                            format!("{}个", spec.children.len()),
                        ),
                    );
                }
            } else {
                let expected = spec.out_of.unwrap_or(spec.points);
                if sum != expected {
                    self.issues.push(RubricIssue::new(
                        Some(path.clone()),
                        if spec.out_of.is_some() {
                            "out_of"
                        } else {
                            "points"
                        },
                        if spec.out_of.is_some() {
                            IssueKind::ScaleSum {
                                expected,
                                found: sum,
                            }
                        } else {
                            IssueKind::ChildrenSum {
                                expected,
                                found: sum,
                            }
                        },
                    ));
                }
            }
            self.share(spec, &path, &children);
            self.nodes[index].children = children;
        }
        index
    }

    /// Checks the structure fields of one indicator: bounds and shared
    /// rows on leaves, a scale and alternatives on branches.
    fn structure(&mut self, spec: &IndicatorSpec, path: &IndicatorPath) {
        let here = Some(path);
        let leaf = spec.children.is_empty();
        let on = |field: &'static str, leaves: bool| (field, leaves);
        let misplaced: Vec<(&'static str, bool)> = [
            (spec.floor.is_some() && !leaf, on("floor", true)),
            (spec.cap.is_some() && !leaf, on("cap", true)),
            (!spec.rows.is_empty() && !leaf, on("rows", true)),
            (spec.out_of.is_some() && leaf, on("out_of", false)),
            (spec.alternatives && leaf, on("alternatives", false)),
        ]
        .into_iter()
        .filter(|(bad, _)| *bad)
        .map(|(_, f)| f)
        .collect();
        for (field, leaves) in misplaced {
            self.invalid(
                here,
                field,
                if leaves {
                    Text::new(
                        format!("`{field}` on leaves only"),
                        format!("仅设在末级指标上的 {field}"),
                    )
                } else {
                    Text::new(
                        format!("`{field}` on indicators with children only"),
                        format!("仅设在有下级指标的指标上的 {field}"),
                    )
                },
                if leaves {
                    Text::new("it here", format!("设在有下级指标的指标上的 {field}"))
                } else {
                    Text::new("it here", format!("设在末级指标上的 {field}"))
                },
            );
        }
        for (field, bound) in [("floor", spec.floor), ("cap", spec.cap)] {
            if let Some(b) = bound {
                self.within_precision(here, field, b);
                if b < Decimal::ZERO || b > spec.points {
                    self.invalid(
                        here,
                        field,
                        Text::new(
                            format!(
                                "a score from 0 to the indicator's {} points",
                                plain(spec.points)
                            ),
                            format!("0至本指标分值{}分之间的分数", plain(spec.points)),
                        ),
                        plain(b),
                    );
                }
            }
        }
        if let (Some(f), Some(c)) = (spec.floor, spec.cap) {
            if f > c {
                self.invalid(
                    here,
                    "cap",
                    Text::new(
                        format!("a cap of at least the floor {}", plain(f)),
                        format!("不低于最低得分{}分的上限", plain(f)),
                    ),
                    plain(c),
                );
            }
        }
        if let Some(o) = spec.out_of {
            if o <= Decimal::ZERO {
                self.invalid(
                    here,
                    "out_of",
                    Text::new("a scale greater than 0", "大于0的折算基数"),
                    plain(o),
                );
            }
            if spec.alternatives {
                self.invalid(
                    here,
                    "out_of",
                    Text::new(
                        "a scale or alternatives, not both",
                        "折算基数（out_of）与择一计分（alternatives）只能设其一",
                    ),
                    phrase::both(),
                );
            }
        }
        for (i, row) in spec.rows.iter().enumerate() {
            let field = format!("rows[{i}].name");
            if row.name.trim().is_empty() {
                self.invalid(
                    here,
                    field.clone(),
                    Text::new("the row's name", "评价要点名称"),
                    Text::new("an empty name", "空名称"),
                );
            }
            if row.name.chars().count() > limits::MAX_NAME_CHARS {
                self.issues.push(RubricIssue::new(
                    here.cloned(),
                    field,
                    IssueKind::TooLarge {
                        what: phrase::characters(),
                        limit: limits::MAX_NAME_CHARS,
                        found: row.name.chars().count(),
                    },
                ));
            }
            if let Some(t) = &row.criterion {
                self.text(here, "rows.criterion", t);
            }
        }
        if spec.rows.len() > limits::MAX_RULE_ENTRIES {
            self.check_count(here, "rows", spec.rows.len());
        }
        if spec.share_with.len() > limits::MAX_RULE_ENTRIES {
            self.check_count(here, "share_with", spec.share_with.len());
        }
        if spec.rows.len() == 1 {
            self.invalid(
                here,
                "rows",
                Text::new(
                    "at least two rows sharing the points (one row is the indicator itself)",
                    "至少两行共用本指标分值（只有一行时，该行就是指标本身）",
                ),
                Text::new("1 row", "1行"),
            );
        }
        let shares = spec.not_applicable == Some(NotApplicable::Share);
        if shares && spec.share_with.is_empty() {
            self.invalid(
                here,
                "share_with",
                Text::new(
                    "the ids of the sibling leaves that share this leaf's points",
                    "分摊本指标分值的同级末级指标id",
                ),
                phrase::none(),
            );
        }
        if !shares && !spec.share_with.is_empty() {
            self.invalid(
                here,
                "share_with",
                Text::new(
                    "`share_with` only with `not_applicable: share`",
                    "与 not_applicable: share 同用的 share_with",
                ),
                {
                    let na = match spec.not_applicable {
                        None => None,
                        Some(NotApplicable::Full) => Some("full"),
                        Some(NotApplicable::Zero) => Some("zero"),
                        Some(NotApplicable::Exclude) => Some("exclude"),
                        Some(NotApplicable::Average) => Some("average"),
                        Some(NotApplicable::Share) => Some("share"),
                    };
                    match na {
                        None => Text::new(
                            "it without `not_applicable`",
                            "未设 not_applicable 时填写的 share_with",
                        ),
                        Some(na) => Text::new(
                            format!("it with `not_applicable: {na}`"),
                            format!("与 not_applicable: {na} 同用的 share_with"),
                        ),
                    }
                },
            );
        }
    }

    /// Resolves each child's `share_with` to its siblings, and checks that
    /// a leaf sharing or averaging has siblings to take from.
    fn share(&mut self, spec: &IndicatorSpec, path: &IndicatorPath, children: &[usize]) {
        for (child_spec, &child) in spec.children.iter().zip(children) {
            let child_path = self.nodes[child].path.clone();
            let treatment = child_spec.not_applicable;
            if matches!(
                treatment,
                Some(NotApplicable::Share | NotApplicable::Average)
            ) && spec.alternatives
            {
                self.invalid(
                    Some(&child_path),
                    "not_applicable",
                    Text::new(
                        "`share` or `average` only among siblings scored together, not alternatives",
                        "share 或 average 仅用于一同计分的同级指标，不用于择一计分的备选指标",
                    ),
                    Text::new("it under `alternatives`", "设在择一计分（alternatives）的备选指标上"),
                );
            }
            if child_spec.share_with.len() > limits::MAX_RULE_ENTRIES {
                continue; // Reported as too many; not resolved one by one.
            }
            let mut resolved = Vec::with_capacity(child_spec.share_with.len());
            for (i, id) in child_spec.share_with.iter().enumerate() {
                let sibling = spec
                    .children
                    .iter()
                    .zip(children)
                    .find(|(c, _)| c.id == *id && c.id != child_spec.id);
                match sibling {
                    Some((c, &index))
                        if c.children.is_empty()
                            && c.not_applicable != Some(NotApplicable::Share) =>
                    {
                        if resolved.contains(&index) {
                            self.invalid(
                                Some(&child_path),
                                format!("share_with[{i}]"),
                                Text::new("a sibling named once", "每个同级指标只列一次"),
                                phrase::again(id),
                            );
                        }
                        resolved.push(index);
                    }
                    Some(_) => self.invalid(
                        Some(&child_path),
                        format!("share_with[{i}]"),
                        Text::new(
                            "a sibling leaf that does not share its own points",
                            "本身不分摊分值的同级末级指标",
                        ),
                        Text::new(format!("`{id}`"), format!("“{id}”")),
                    ),
                    None => self.invalid(
                        Some(&child_path),
                        format!("share_with[{i}]"),
                        Text::new(
                            format!("the id of another leaf under `{path}`"),
                            format!("“{path}”下另一末级指标的id"),
                        ),
                        Text::new(format!("`{id}`"), format!("“{id}”")),
                    ),
                }
            }
            if !resolved.is_empty() {
                let k = Decimal::from(resolved.len() as u64);
                if !crate::exact::mul_div(child_spec.points, Decimal::ONE, k)
                    .is_some_and(|q| q.exact)
                {
                    self.invalid(
                        Some(&child_path),
                        "share_with",
                        Text::new(
                            format!(
                                "siblings among whom the {} points split exactly",
                                plain(child_spec.points)
                            ),
                            format!("能将{}分恰好均分的同级指标个数", plain(child_spec.points)),
                        ),
                        Text::new(
                            format!("{} siblings", resolved.len()),
                            format!("{}个同级指标", resolved.len()),
                        ),
                    );
                }
            }
            self.nodes[child].share_with = resolved;
        }
    }

    fn leaf(&mut self, spec: &IndicatorSpec, path: &IndicatorPath, index: usize) {
        let Some(rule) = &spec.rule else {
            self.issues.push(RubricIssue::new(
                Some(path.clone()),
                "rule",
                IssueKind::MissingRule,
            ));
            return;
        };
        let index_map = &self.input_index;
        let names = &self.input_names;
        let resolve = |n: &str| index_map.get(n).copied();
        let cache = &self.known;
        let known = || Arc::clone(cache.get_or_init(|| Arc::from(known_inputs(names))));
        let mut cx = CompileContext {
            points: spec.points,
            has_not_applicable: spec.not_applicable.is_some(),
            resolve: &resolve,
            known: &known,
            names,
            percent_inputs: &self.percent_inputs,
            issues: Vec::new(),
        };
        let compiled = CompiledRule::compile(rule, &mut cx);
        let issues = std::mem::take(&mut cx.issues);
        for (field, kind) in issues {
            self.issues
                .push(RubricIssue::new(Some(path.clone()), field, kind));
        }
        self.nodes[index].rule = compiled;
    }
}

/// The declared inputs as a message lists them: the first twenty (and no
/// more than about 400 characters of them), then how many in all.
fn known_inputs(names: &[Arc<str>]) -> String {
    const SHOWN: usize = 20;
    const CHARS: usize = 400;
    if names.is_empty() {
        return "no inputs (declare them under `inputs`)".to_owned();
    }
    let mut listed = Vec::new();
    let mut chars = 0;
    for name in names.iter().take(SHOWN) {
        let n = name.chars().count();
        if !listed.is_empty() && chars + n > CHARS {
            break;
        }
        chars += n;
        listed.push(crate::names::visible(name));
    }
    let text = listed.join("、");
    if listed.len() == names.len() {
        text
    } else {
        format!("{text}… ({} inputs in all)", names.len())
    }
}

/// Counts indicators, stopping below the depth limit so that the count
/// itself cannot recurse without bound.
fn count_indicators(list: &[IndicatorSpec], depth: usize) -> usize {
    if depth > limits::MAX_DEPTH {
        return list.len();
    }
    list.iter()
        .map(|i| 1 + count_indicators(&i.children, depth + 1))
        .fold(0, usize::saturating_add)
}
