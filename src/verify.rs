//! [`Rubric::verify`]: static checks that a rubric behaves as its authors
//! mean, before anyone is scored with it.
//!
//! Compiling already refuses what cannot work (points that do not add up,
//! band gaps, bad formulas). Verification reports what compiles but may not
//! be meant: a leaf that can never reach 0 or its full points, band points
//! that rise and fall, values no band covers, denominators that can be zero
//! where the rule does not say what that means, near-duplicate indicators,
//! grade bands that leave totals without a grade — and, as notes, how each
//! boundary falls, in the sentence a reviewer would read.

use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Field, IndicatorPath};
use crate::formula::Span;
use crate::number::plain;
use crate::rubric::Rubric;
use crate::rules::{Better, CompiledRule, Direction, PartialUnit, ZeroDenominator};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Some facts within the declared input ranges would fail to evaluate,
    /// or a leaf cannot reach 0 or its full points: likely not meant.
    Warning,
    /// How the rubric behaves, stated for a reviewer to confirm.
    Note,
}

/// One thing verification found: where, in the same shape as an error's
/// (the indicator by ids and names, the field, a JSON Pointer into the
/// rubric document), under a stable code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// How much it matters.
    pub severity: Severity,
    /// What kind of finding, a stable code: `zero_points`,
    /// `denominator_always_zero`, `denominator_may_be_zero`,
    /// `formula_repeated`, `name_repeated`, `score_capped`,
    /// `score_floored`, `bands_not_monotonic`, `band_edge`, `band_gap`,
    /// `score_never_zero`, `lower_is_better`, `grade_gap`, `grade_edge`,
    /// `veto_never_holds`, `veto_always_holds`, `veto_caps_best_grade`,
    /// `cap_never_binds`, `scale_equals_points`, for relative leaves
    /// `relative_score`, `rank_first_below_points`, `rank_past_list_unsaid`,
    /// `rank_beyond`, `rank_decrement`, `rank_ties`, `best_negative_values`,
    /// `best_lower_zero` and `average_plain_mean`, or `more_findings`.
    pub code: Cow<'static, str>,
    /// The indicator, or `None` for the rubric as a whole.
    pub indicator: Option<IndicatorPath>,
    /// The field concerned, e.g. `rule.bands` or `grades`.
    pub field: String,
    /// The field as a JSON Pointer into the rubric document:
    /// `/indicators/0/children/2/rule/bands`.
    pub pointer: String,
    /// What was found, as a sentence.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.severity {
            Severity::Warning => f.write_str("warning: ")?,
            Severity::Note => f.write_str("note: ")?,
        }
        match &self.indicator {
            Some(path) => write!(f, "indicator `{path}`")?,
            None => f.write_str("rubric")?,
        }
        if !self.field.is_empty() {
            write!(f, ": field `{}`", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The findings so far: each indicator's path written once and shared, and
/// at most [`MAX_FINDINGS_OF_A_KIND`] findings of one kind (severity and
/// field), the rest counted.
#[derive(Default)]
struct Findings {
    list: Vec<Finding>,
    /// Findings per kind, listed or not.
    kinds: std::collections::BTreeMap<(Severity, String), usize>,
}

/// Findings of one kind (severity and field) listed before the rest are
/// counted: a rubric of thousands of bands still verifies into a list a
/// reviewer can read, in memory proportionate to the rubric.
const MAX_FINDINGS_OF_A_KIND: usize = 200;

impl Findings {
    fn push(
        &mut self,
        (severity, code): (Severity, &'static str),
        path: Option<&IndicatorPath>,
        field: &str,
        message: String,
    ) {
        let seen = self.kinds.entry((severity, field.to_owned())).or_default();
        *seen += 1;
        if *seen > MAX_FINDINGS_OF_A_KIND {
            return;
        }
        let at = path.and_then(IndicatorPath::pointer).unwrap_or("");
        self.list.push(Finding {
            severity,
            code: Cow::Borrowed(code),
            indicator: path.cloned(),
            field: field.to_owned(),
            pointer: format!("{at}{}", Field::parse(field).pointer()),
            message,
        });
    }

    /// The findings, with one more per kind that had more than are listed.
    fn finish(mut self) -> Vec<Finding> {
        for ((severity, field), seen) in std::mem::take(&mut self.kinds) {
            if let Some(more) = seen.checked_sub(MAX_FINDINGS_OF_A_KIND).filter(|m| *m > 0) {
                self.list.push(Finding {
                    severity,
                    code: Cow::Borrowed("more_findings"),
                    indicator: None,
                    pointer: String::new(),
                    field,
                    message: format!(
                        "and {more} more findings like this (the first {MAX_FINDINGS_OF_A_KIND} are listed)"
                    ),
                });
            }
        }
        self.list
    }
}

/// Writes a value in the rule's unit.
fn show(v: Decimal, percent: bool) -> String {
    format!("{}{}", plain(v), if percent { "%" } else { "" })
}

fn show_end(v: Option<Decimal>, percent: bool, low: bool) -> String {
    match (v, low) {
        (Some(v), _) => show(v, percent),
        (None, true) => "-∞".to_owned(),
        (None, false) => "+∞".to_owned(),
    }
}

impl Rubric {
    /// Checks the rubric's behaviour and reports what may not be meant.
    ///
    /// Never fails and never panics; an empty list means nothing to report.
    /// Input ranges come from the inputs' declared `min` and `max`.
    ///
    /// # Example
    ///
    /// ```
    /// use jixiao::{Rubric, Severity};
    ///
    /// let rubric = Rubric::from_json(r#"{
    ///     "title": "t", "total": 5,
    ///     "inputs": [{ "name": "实际", "min": 0 }, { "name": "预算", "min": 0 }],
    ///     "indicators": [{ "id": "执行率", "name": "执行率", "points": 5,
    ///         "rule": { "kind": "stepped_bands", "formula": "实际/预算×100%", "bands": [
    ///             { "range": "[90%,+∞)", "points": 5 }, { "range": "[60%,90%)", "points": 3 } ] } }]
    /// }"#)?;
    /// let findings = rubric.verify();
    /// let warnings: Vec<String> = findings
    ///     .iter()
    ///     .filter(|f| f.severity == Severity::Warning)
    ///     .map(ToString::to_string)
    ///     .collect();
    /// assert_eq!(warnings, [
    ///     "warning: indicator `执行率`: field `rule.formula`: the denominator `预算` can be 0 within the inputs' declared ranges, and the rule does not say what a zero denominator means",
    ///     "warning: indicator `执行率`: field `rule.bands`: values in [0%,60%) fall in no band",
    ///     "warning: indicator `执行率`: field `rule.bands`: no band gives 0: the leaf can score no less than 3 of its 5 points",
    /// ]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verify(&self) -> Vec<Finding> {
        let mut findings = Findings::default();
        let spans: Vec<Span> = self
            .inputs
            .iter()
            .map(|i| Span {
                low: i.spec.min,
                high: i.spec.max,
            })
            .collect();
        // The first leaf with each formula and each name: one lookup per
        // leaf, so that verify stays linear in the leaves.
        let mut formulas: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut names: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (index, node) in self.nodes.iter().enumerate() {
            let Some(rule) = &node.rule else { continue };
            let path = Some(&node.path);
            names.entry(&node.name).or_insert(index);
            if node.points.is_zero() {
                findings.push(
                    (Severity::Note, "zero_points"),
                    path,
                    "points",
                    "0 points: the leaf adds nothing to any total".to_owned(),
                );
            }
            if let Some(measure) = rule.measure() {
                let always = measure
                    .formula
                    .always_zero_denominators(&spans, &self.input_names);
                for d in &always {
                    let outcome = match rule.zero_denominator() {
                        Some(ZeroDenominator::Full) => "every department scores full points",
                        Some(ZeroDenominator::Zero) => "every department scores 0",
                        Some(ZeroDenominator::NotApplicable) => {
                            "the leaf is not applicable for every department"
                        }
                        None => "no facts can be scored, since the rule does not say what a zero denominator means",
                    };
                    findings.push(
                        (Severity::Warning, "denominator_always_zero"),
                        path,
                        "rule.formula",
                        format!("the denominator `{d}` is always 0, whatever the facts: {outcome}"),
                    );
                }
                if rule.zero_denominator().is_none() {
                    for d in measure
                        .formula
                        .zero_denominators(&spans, &self.input_names)
                        .into_iter()
                        .filter(|d| !always.contains(d))
                    {
                        findings.push(
                            (Severity::Warning, "denominator_may_be_zero"),
                            path,
                            "rule.formula",
                            format!("the denominator `{d}` can be 0 within the inputs' declared ranges, and the rule does not say what a zero denominator means"),
                        );
                    }
                }
                let display = &*measure.formula.display;
                if let Some(other) = formulas.get(display) {
                    findings.push(
                        (Severity::Warning, "formula_repeated"),
                        path,
                        "rule.formula",
                        format!(
                            "the same formula as `{}`: is one indicator counted twice?",
                            self.nodes[*other].path
                        ),
                    );
                }
                formulas.entry(display).or_insert(index);
            }
            let value = rule.measure().map(|m| m.formula.span(&spans));
            self.verify_rule(rule, node.points, value, path, &mut findings);
            if let Some(other) = names
                .get(&*node.name)
                .filter(|&&o| o != index)
                .map(|&o| &self.nodes[o])
            {
                findings.push(
                    (Severity::Note, "name_repeated"),
                    path,
                    "name",
                    format!("the same name as `{}`; ids tell them apart", other.path),
                );
            }
        }
        for (i, check) in self.checks.iter().enumerate() {
            for (side, m) in [("left", &check.left), ("right", &check.right)] {
                for d in m.formula.zero_denominators(&spans, &self.input_names) {
                    findings.push(
                        (Severity::Note, "denominator_may_be_zero"),
                        None,
                        &format!("checks[{i}].{side}"),
                        format!("the denominator `{d}` can be 0 within the inputs' declared ranges; the check `{}` is then not made", check.id),
                    );
                }
            }
        }
        self.verify_grades(&mut findings);
        self.verify_structures(&spans, &mut findings);
        findings.finish()
    }

    /// Vetoes that can never hold or always do, grade caps that change
    /// nothing, caps on bonus and penalty items that never bind, scales
    /// that convert nothing.
    fn verify_structures(&self, spans: &[Span], findings: &mut Findings) {
        use crate::target_value::Comparison;
        for veto in &self.vetoes {
            let path = Some(&veto.path);
            if let Some(test) = &veto.test {
                let v = test.measure.formula.span(spans);
                let b = test.bound;
                let (never, always) = match test.is {
                    Comparison::LessThan => {
                        (v.low.is_some_and(|l| l >= b), v.high.is_some_and(|h| h < b))
                    }
                    Comparison::AtMost => {
                        (v.low.is_some_and(|l| l > b), v.high.is_some_and(|h| h <= b))
                    }
                    Comparison::MoreThan => {
                        (v.high.is_some_and(|h| h <= b), v.low.is_some_and(|l| l > b))
                    }
                    Comparison::AtLeast => {
                        (v.high.is_some_and(|h| h < b), v.low.is_some_and(|l| l >= b))
                    }
                    Comparison::Equal => (
                        v.low.is_some_and(|l| l > b) || v.high.is_some_and(|h| h < b),
                        v.low == Some(b) && v.high == Some(b),
                    ),
                };
                let unit = if test.measure.percent { "%" } else { "" };
                let at = |x: Decimal| format!("{}{unit}", plain(x));
                let range = format!(
                    "{} to {}",
                    v.low.map_or("-∞".to_owned(), at),
                    v.high.map_or("+∞".to_owned(), at)
                );
                if never {
                    findings.push(
                        (Severity::Warning, "veto_never_holds"),
                        path,
                        "when",
                        format!("the veto can never hold: its formula ranges over {range} within the inputs' declared ranges, and the bound is {}", at(b)),
                    );
                }
                if always {
                    findings.push(
                        (Severity::Warning, "veto_always_holds"),
                        path,
                        "when",
                        format!("the veto always holds: its formula ranges over {range} within the inputs' declared ranges, and the bound is {}", at(b)),
                    );
                }
            }
            if veto.grade == Some(0) {
                findings.push(
                    (Severity::Warning, "veto_caps_best_grade"),
                    path,
                    "effect.grade",
                    "the veto caps the grade at the best grade: it can never change the grade"
                        .to_owned(),
                );
            }
        }
        for (extra, field) in [(&self.bonus, "bonus.cap"), (&self.penalty, "penalty.cap")] {
            let Some(extra) = extra else { continue };
            let sum = crate::exact::sum(extra.items.iter().map(|&i| self.nodes[i].points));
            if let Some(sum) = sum.filter(|s| extra.cap >= *s) {
                if extra.cap > sum {
                    findings.push(
                        (Severity::Note, "cap_never_binds"),
                        None,
                        field,
                        format!(
                            "the cap {} exceeds the items' points together ({}): it can never bind",
                            plain(extra.cap),
                            plain(sum)
                        ),
                    );
                }
            }
        }
        for node in &self.nodes {
            if node.out_of == Some(node.points) {
                findings.push(
                    (Severity::Note, "scale_equals_points"),
                    Some(&node.path),
                    "out_of",
                    format!(
                        "the scale equals the points ({}): the conversion changes nothing",
                        plain(node.points)
                    ),
                );
            }
        }
    }

    fn verify_rule(
        &self,
        rule: &CompiledRule,
        points: Decimal,
        value: Option<Span>,
        path: Option<&IndicatorPath>,
        findings: &mut Findings,
    ) {
        let reach = |findings: &mut Findings,
                     field: &str,
                     lowest: Decimal,
                     highest: Decimal,
                     why_low: &str,
                     why_high: &str| {
            if highest < points {
                findings.push(
                    (Severity::Warning, "score_capped"),
                    path,
                    field,
                    format!(
                        "{why_high}: the leaf can score no more than {} of its {} points",
                        plain(highest),
                        plain(points)
                    ),
                );
            }
            if lowest > Decimal::ZERO {
                findings.push(
                    (Severity::Warning, "score_floored"),
                    path,
                    field,
                    format!(
                        "{why_low}: the leaf can score no less than {} of its {} points",
                        plain(lowest),
                        plain(points)
                    ),
                );
            }
        };
        match rule {
            CompiledRule::RatioThreshold(r) => {
                let v = value.unwrap_or(Span::ALL);
                let (nearest, farthest) = distances(r.direction, r.threshold, v);
                let units = |d: Decimal| {
                    let t = d.checked_div(r.step)?;
                    Some(match r.partial_unit {
                        PartialUnit::Proportional => t,
                        PartialUnit::Whole => t.floor(),
                        PartialUnit::AnyStarted => t.ceil(),
                    })
                };
                let score = |d: Option<Decimal>| -> Decimal {
                    match d.and_then(units).and_then(|u| u.checked_mul(r.deduction)) {
                        Some(ded) => points
                            .checked_sub(ded)
                            .unwrap_or(Decimal::ZERO)
                            .max(Decimal::ZERO),
                        None if r.deduction.is_zero() => points,
                        None => Decimal::ZERO,
                    }
                };
                reach(
                    findings,
                    "rule.deduction",
                    score(farthest),
                    score(Some(nearest)),
                    "the deductions can never use up the points",
                    "the value can never be within the standard",
                );
            }
            CompiledRule::SteppedBands(b) => {
                let mut v = value.unwrap_or(Span::ALL);
                if b.absolute {
                    v = v.absolute();
                }
                let percent = b.measure.percent;
                self.verify_coverage(b, v, percent, path, findings);
                let reachable: Vec<&crate::rules::stepped_bands::CompiledBand> = b
                    .bands
                    .iter()
                    .filter(|band| band.interval.overlaps(v))
                    .collect();
                let lowest = reachable
                    .iter()
                    .map(|b| b.points)
                    .min()
                    .unwrap_or(Decimal::ZERO);
                let highest = reachable.iter().map(|b| b.points).max().unwrap_or(points);
                reach(
                    findings,
                    "rule.bands",
                    lowest,
                    highest,
                    "no band gives 0",
                    "no band gives full points",
                );
                let rising = b.bands.windows(2).all(|w| w[0].points <= w[1].points);
                let falling = b.bands.windows(2).all(|w| w[0].points >= w[1].points);
                let message = match b.better {
                    Some(Better::Higher) if !rising => Some("the rule says higher is better, but some band scores less than the band below it"),
                    Some(Better::Lower) if !falling => Some("the rule says lower is better, but some band scores more than the band below it"),
                    None if !rising && !falling => Some("band points rise and fall as the value rises: neither higher nor lower is always better"),
                    _ => None,
                };
                if let Some(message) = message {
                    findings.push(
                        (Severity::Warning, "bands_not_monotonic"),
                        path,
                        "rule.bands",
                        message.to_owned(),
                    );
                }
                for pair in b.bands.windows(2) {
                    let (lower, upper) = (&pair[0], &pair[1]);
                    let Some(edge) = upper.interval.low_value() else {
                        continue;
                    };
                    let holder = if lower.interval.contains(edge) {
                        lower
                    } else {
                        upper
                    };
                    findings.push(
                        (Severity::Note, "band_edge"),
                        path,
                        "rule.bands",
                        format!(
                            "exactly {} falls in {}: {} points",
                            show(edge, percent),
                            holder.display,
                            plain(holder.points)
                        ),
                    );
                }
            }
            CompiledRule::Proportional(p) => {
                let v = value.unwrap_or(Span::ALL);
                let (short, why) = match p.better {
                    Better::Higher => (
                        v.high.is_some_and(|h| h < p.target),
                        "the value can never reach the target",
                    ),
                    Better::Lower => (
                        v.low.is_some_and(|l| l > p.target),
                        "the value can never come down to the target",
                    ),
                };
                if short {
                    reach(
                        findings,
                        "rule.target",
                        Decimal::ZERO,
                        Decimal::ZERO,
                        "",
                        why,
                    );
                }
                let note = match p.better {
                    Better::Higher if v.low.is_some_and(|l| l > Decimal::ZERO) => {
                        Some(("rule.target", "the value is never 0, so the score never reaches 0"))
                    }
                    Better::Higher => None,
                    Better::Lower => Some((
                        "rule.better",
                        "lower is better: target ÷ value approaches 0 as the value grows but never reaches it",
                    )),
                };
                if let Some((field, message)) = note {
                    let code = if field == "rule.better" {
                        "lower_is_better"
                    } else {
                        "score_never_zero"
                    };
                    findings.push((Severity::Note, code), path, field, message.to_owned());
                }
            }
            CompiledRule::Checklist(c) => {
                let range = c.bounds(points);
                reach(
                    findings,
                    "rule.items",
                    range.low,
                    range.high,
                    "no item deducts anything",
                    "the items add up to less than the points",
                );
            }
            CompiledRule::Rating(_) | CompiledRule::Target(_) => {
                let levels = match rule {
                    CompiledRule::Rating(r) => Some(r),
                    CompiledRule::Target(t) => t.levels(),
                    _ => None,
                };
                if let Some(range) = levels.map(crate::rules::CompiledRating::bounds) {
                    reach(
                        findings,
                        "rule.levels",
                        range.low,
                        range.high,
                        "no level gives 0",
                        "no level gives full points",
                    );
                }
            }
            CompiledRule::Judgement | CompiledRule::TargetsMet(_) => {}
            CompiledRule::Relative(r) => {
                for (severity, field, message) in r.findings(points, value) {
                    findings.push(severity, path, field, message);
                }
            }
        }
    }

    fn verify_coverage(
        &self,
        b: &crate::rules::CompiledBands,
        v: Span,
        percent: bool,
        path: Option<&IndicatorPath>,
        findings: &mut Findings,
    ) {
        use crate::rules::interval::End;
        let (Some(first), Some(last)) = (b.bands.first(), b.bands.last()) else {
            return;
        };
        let mut gaps = Vec::new();
        // Below the first band.
        match (v.low, first.interval.low) {
            (_, End::Infinite) => {}
            (Some(l), End::Included(a)) if l >= a => {}
            (Some(l), End::Excluded(a)) if l > a => {}
            (low, end) => {
                let (a, closed) = match end {
                    End::Included(a) => (a, false),
                    End::Excluded(a) => (a, true),
                    End::Infinite => (Decimal::ZERO, false),
                };
                if low.is_none_or(|l| l <= a) {
                    gaps.push(format!(
                        "{}{},{}{}",
                        if low.is_some() { "[" } else { "(" },
                        show_end(low, percent, true),
                        show(a, percent),
                        if closed { "]" } else { ")" }
                    ));
                }
            }
        }
        // Above the last band.
        match (v.high, last.interval.high) {
            (_, End::Infinite) => {}
            (Some(h), End::Included(a)) if h <= a => {}
            (Some(h), End::Excluded(a)) if h < a => {}
            (high, end) => {
                let (a, closed) = match end {
                    End::Included(a) => (a, false),
                    End::Excluded(a) => (a, true),
                    End::Infinite => (Decimal::ZERO, false),
                };
                if high.is_none_or(|h| h >= a) {
                    gaps.push(format!(
                        "{}{},{}{}",
                        if closed { "[" } else { "(" },
                        show(a, percent),
                        show_end(high, percent, false),
                        if high.is_some() { "]" } else { ")" }
                    ));
                }
            }
        }
        for gap in gaps {
            findings.push(
                (Severity::Warning, "band_gap"),
                path,
                "rule.bands",
                format!("values in {gap} fall in no band"),
            );
        }
    }

    fn verify_grades(&self, findings: &mut Findings) {
        if let Some(lowest) = self.grades.last() {
            if lowest.min > Decimal::ZERO {
                findings.push(
                    (Severity::Warning, "grade_gap"),
                    None,
                    "grades",
                    format!(
                        "totals below {} have no grade: the lowest grade band starts at {}",
                        plain(lowest.min),
                        plain(lowest.min)
                    ),
                );
            }
        }
        for g in &self.grades {
            findings.push(
                (Severity::Note, "grade_edge"),
                None,
                "grades",
                format!("a total of exactly {} is {}", plain(g.min), g.label),
            );
        }
    }
}

/// The nearest and farthest distance beyond a threshold over a span
/// (`None` farthest: unbounded).
fn distances(direction: Direction, t: Decimal, v: Span) -> (Decimal, Option<Decimal>) {
    let beyond_above = |x: Decimal| x.checked_sub(t).map(|d| d.max(Decimal::ZERO));
    let beyond_below = |x: Decimal| t.checked_sub(x).map(|d| d.max(Decimal::ZERO));
    match direction {
        Direction::Above => (
            v.low.and_then(beyond_above).unwrap_or(Decimal::ZERO),
            v.high.and_then(beyond_above),
        ),
        Direction::Below => (
            v.high.and_then(beyond_below).unwrap_or(Decimal::ZERO),
            v.low.and_then(beyond_below),
        ),
        Direction::Both => {
            let nearest = match (v.low, v.high) {
                (Some(l), _) if l > t => l.checked_sub(t).unwrap_or(Decimal::ZERO),
                (_, Some(h)) if h < t => t.checked_sub(h).unwrap_or(Decimal::ZERO),
                _ => Decimal::ZERO,
            };
            let farthest = match (v.low.and_then(beyond_below), v.high.and_then(beyond_above)) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            };
            (nearest, farthest)
        }
    }
}
