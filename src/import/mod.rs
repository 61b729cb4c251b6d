//! Importing an indicator table (附件1 评价指标表) as bureaus publish it —
//! CSV or TSV text with the columns 一级指标, 分值, 二级指标, 分值, 三级指标,
//! 分值, 指标说明, 评价标准 (and optionally 自评得分), merged cells written
//! once — into a draft [`RubricSpec`] and a report of every row.
//!
//! The draft is a front end's answer, never a rubric yet: each leaf carries
//! the rule its 评价标准 was recognised as, or none where the wording is
//! ambiguous or unrecognised; points that do not add up are reported. The
//! author resolves the report ([`Draft::choose`]), and [`Draft::into_spec`]
//! refuses while anything is unresolved.

mod csv;
#[cfg(feature = "xlsx")]
mod xlsx;

use std::fmt;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::number::plain;
use crate::recognise::{Criterion, Recognition, Status};
use crate::rules::Rule;
use crate::spec::{IndicatorSpec, InputSpec, Rounding, RubricSpec};
use crate::target_value::fold;

#[cfg(feature = "xlsx")]
pub use xlsx::import_xlsx;

/// Why a table could not be read at all: where, what was expected, what
/// was found.
///
/// ```text
/// line 4, column 三级指标分值: expected a number of points such as 5 or 0.5, found `五分`
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: expected {expected}, found {found}", where_line(*.line), .column.as_ref().map(|c| format!(", column {c}")).unwrap_or_default())]
pub struct ImportError {
    line: usize,
    column: Option<String>,
    expected: String,
    found: String,
}

fn where_line(line: usize) -> String {
    if line == 0 {
        "table".to_owned()
    } else {
        format!("line {line}")
    }
}

impl ImportError {
    /// The line (from 1; 0 for the table as a whole).
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column's header, where the problem is in one column.
    pub fn column(&self) -> Option<&str> {
        self.column.as_deref()
    }

    pub(crate) fn new(
        line: usize,
        column: Option<String>,
        expected: impl Into<String>,
        found: impl Into<String>,
    ) -> ImportError {
        ImportError {
            line,
            column,
            expected: expected.into(),
            found: found.into(),
        }
    }
}

/// A draft rubric imported from a table, and the report of what the author
/// must still decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// The rubric as far as the table says it. A leaf whose rule was not
    /// recognised has no rule, so the draft does not compile until it is
    /// resolved.
    pub spec: RubricSpec,
    /// Every leaf row: what its 评价标准 was read as.
    pub rows: Vec<ImportedRow>,
    /// Problems with the table itself: a 分值 written once for several
    /// rows, a row without a name or without a 分值, text read as
    /// continuing the row above. Points that do not add up are checked as
    /// the draft stands ([`Draft::sums`]).
    pub problems: Vec<TableProblem>,
}

/// One leaf row of the table and what its wording was read as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportedRow {
    /// The line the row starts on (from 1); a sheet's row number for `.xlsx`.
    pub line: usize,
    /// The indicator's id in the draft.
    pub id: String,
    /// The path of names: `投入 › 预算配置 › 在职人员控制率`.
    pub path: String,
    /// The row's 分值.
    pub points: Decimal,
    /// The 自评得分 written in the table, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed: Option<Decimal>,
    /// What the 评价标准 was read as.
    pub recognition: Recognition,
    /// The ids of the rows below that the table writes no 分值 for: this
    /// row's 分值 cell covers them too ([`Draft::share_rows`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_with: Vec<String>,
}

/// A problem with the table's structure or points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableProblem {
    /// The line (from 1).
    pub line: usize,
    /// The path of the indicator concerned.
    pub path: String,
    /// What is wrong, and what the author must decide.
    pub message: String,
    /// Whether the draft cannot be finished until it is resolved (a row
    /// with no 分值); notes about what was read are not.
    pub blocking: bool,
}

/// What is still to decide in a draft: rows without a rule and blocking
/// table problems, one a line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the draft has {} unresolved {}:\n{}", .0.len(), if .0.len() == 1 { "item" } else { "items" }, .0.join("\n"))]
pub struct Unresolved(pub Vec<String>);

impl Draft {
    /// The rows and problems still to resolve, one sentence each.
    pub fn unresolved(&self) -> Vec<String> {
        let mut out = Vec::new();
        for row in &self.rows {
            if leaf(&self.spec.indicators, &row.id).is_some_and(|l| l.rule.is_none()) {
                let what = match row.recognition.status {
                    Status::Ambiguous => {
                        format!("{} readings to choose from", row.recognition.readings.len())
                    }
                    _ => "no rule recognised".to_owned(),
                };
                out.push(format!("line {}: `{}`: {what}", row.line, row.path));
            }
        }
        for p in self.problems.iter().filter(|p| p.blocking) {
            out.push(format!("line {}: `{}`: {}", p.line, p.path, p.message));
        }
        out.extend(self.sums());
        out
    }

    /// Branches whose children's points do not add up to theirs, and a
    /// total the first-level indicators do not add up to, as the draft
    /// stands.
    pub fn sums(&self) -> Vec<String> {
        fn walk(list: &[IndicatorSpec], path: &[&str], out: &mut Vec<String>) {
            for i in list {
                if i.children.is_empty() {
                    continue;
                }
                let mut here = path.to_vec();
                here.push(&i.name);
                let sum = i
                    .children
                    .iter()
                    .fold(Decimal::ZERO, |a, c| a.checked_add(c.points).unwrap_or(a));
                if sum != i.points {
                    out.push(format!(
                        "`{}`: the children's points add up to {}, the row's 分值 is {}",
                        here.join(" › "),
                        plain(sum),
                        plain(i.points)
                    ));
                }
                walk(&i.children, &here, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.spec.indicators, &[], &mut out);
        let sum = self
            .spec
            .indicators
            .iter()
            .fold(Decimal::ZERO, |a, c| a.checked_add(c.points).unwrap_or(a));
        if sum != self.spec.total {
            out.push(format!(
                "the first-level indicators add up to {}, the table's total is {}",
                plain(sum),
                plain(self.spec.total)
            ));
        }
        out
    }

    /// Sets the points of the indicator `id` (for a 分值 written once over
    /// several rows, or not at all).
    ///
    /// # Errors
    ///
    /// When no indicator has that id.
    pub fn set_points(&mut self, id: &str, points: Decimal) -> Result<(), ImportError> {
        fn find<'a>(list: &'a mut [IndicatorSpec], id: &str) -> Option<&'a mut IndicatorSpec> {
            for i in list {
                if i.id == id {
                    return Some(i);
                }
                if let Some(found) = find(&mut i.children, id) {
                    return Some(found);
                }
            }
            None
        }
        let Some(indicator) = find(&mut self.spec.indicators, id) else {
            return Err(ImportError::new(
                0,
                None,
                "the id of an indicator in the draft",
                format!("`{id}`"),
            ));
        };
        indicator.points = points;
        let path_end = format!(" › {}", indicator.name);
        let name = indicator.name.clone();
        if let Some(row) = self.rows.iter_mut().find(|r| r.id == id) {
            row.points = points;
        }
        self.problems
            .retain(|p| !(p.blocking && (p.path.ends_with(&path_end) || p.path == name)));
        Ok(())
    }

    /// Makes the row `id` and the rows its 分值 cell covers one leaf scored
    /// against the one 分值, listing the document's rows (`rows`), as the
    /// seed's 经济效益 and 社会效益 share 6. The leaf keeps the first row's
    /// id and rule; the others' rows leave the draft.
    ///
    /// # Errors
    ///
    /// When no row has that id, or its 分值 covers no other row.
    pub fn share_rows(&mut self, id: &str) -> Result<(), ImportError> {
        let Some(row) = self
            .rows
            .iter()
            .find(|r| r.id == id && !r.shared_with.is_empty())
        else {
            return Err(ImportError::new(
                0,
                None,
                "the id of a row whose 分值 cell covers the rows below it",
                format!("`{id}`"),
            ));
        };
        let others = row.shared_with.clone();
        let path = row.path.clone();
        fn merge(list: &mut Vec<IndicatorSpec>, id: &str, others: &[String]) -> bool {
            if let Some(at) = list.iter().position(|i| i.id == id) {
                let mut rows = vec![crate::spec::SharedRow {
                    name: list[at].name.clone(),
                    criterion: list[at].criterion.clone(),
                }];
                let mut names = vec![list[at].name.clone()];
                list.retain(|i| {
                    if others.contains(&i.id) {
                        rows.push(crate::spec::SharedRow {
                            name: i.name.clone(),
                            criterion: i.criterion.clone(),
                        });
                        names.push(i.name.clone());
                        false
                    } else {
                        true
                    }
                });
                if let Some(leaf) = list.iter_mut().find(|i| i.id == id) {
                    leaf.name = names.join("、");
                    leaf.criterion = None;
                    leaf.rows = rows;
                }
                return true;
            }
            list.iter_mut().any(|i| merge(&mut i.children, id, others))
        }
        merge(&mut self.spec.indicators, id, &others);
        self.rows.retain(|r| !others.contains(&r.id));
        if let Some(r) = self.rows.iter_mut().find(|r| r.id == id) {
            r.shared_with.clear();
        }
        self.problems
            .retain(|p| !(p.path == path && p.message.starts_with("one 分值")));
        Ok(())
    }

    /// Gives the leaf `id` the rule of its reading number `reading` (from
    /// 0, as the report lists them).
    ///
    /// # Errors
    ///
    /// When no row has that id, or the row has no such reading.
    pub fn choose(&mut self, id: &str, reading: usize) -> Result<(), ImportError> {
        let Some(row) = self.rows.iter().find(|r| r.id == id) else {
            return Err(ImportError::new(
                0,
                None,
                "the id of an imported row",
                format!("`{id}`"),
            ));
        };
        let Some(r) = row.recognition.readings.get(reading) else {
            return Err(ImportError::new(
                row.line,
                None,
                format!(
                    "a reading from 0 to {}",
                    row.recognition.readings.len().saturating_sub(1)
                ),
                reading.to_string(),
            ));
        };
        let rule = r.rule.clone();
        if let Some(l) = leaf_mut(&mut self.spec.indicators, id) {
            l.rule = Some(rule);
        }
        Ok(())
    }

    /// The finished rubric spec, once nothing is unresolved.
    ///
    /// # Errors
    ///
    /// [`Unresolved`], listing every row without a rule and every blocking
    /// table problem.
    pub fn into_spec(self) -> Result<RubricSpec, Unresolved> {
        let open = self.unresolved();
        if open.is_empty() {
            Ok(self.spec)
        } else {
            Err(Unresolved(open))
        }
    }
}

fn leaf<'a>(list: &'a [IndicatorSpec], id: &str) -> Option<&'a IndicatorSpec> {
    list.iter().find_map(|i| {
        if i.id == id && i.children.is_empty() {
            Some(i)
        } else {
            leaf(&i.children, id)
        }
    })
}

fn leaf_mut<'a>(list: &'a mut [IndicatorSpec], id: &str) -> Option<&'a mut IndicatorSpec> {
    for i in list {
        if i.id == id && i.children.is_empty() {
            return Some(i);
        }
        if let Some(found) = leaf_mut(&mut i.children, id) {
            return Some(found);
        }
    }
    None
}

/// Imports a table written as CSV or TSV text (a tab-separated table is
/// recognised by its first line).
///
/// ```
/// let table = "一级指标,分值,二级指标,分值,三级指标,分值,评价标准,指标说明\n\
///     投入,5,预算配置,5,在职人员控制率,5,\"在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。\",在职人员控制率=（在职人员数/编制数）×100%\n";
/// let draft = jixiao::import_table(table)?;
/// assert_eq!(draft.rows.len(), 1);
/// // 每超过一个百分点: whole points or prorated? The author decides.
/// assert_eq!(draft.rows[0].recognition.readings.len(), 3);
/// assert!(draft.clone().into_spec().is_err());
/// let mut draft = draft;
/// draft.choose("在职人员控制率", 0)?;
/// let rubric = jixiao::Rubric::compile(draft.into_spec()?)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// An [`ImportError`] when the text is not CSV (a quote never closed), has
/// no header row naming 一级指标 and 评价标准, or a 分值 cell is not a
/// number.
pub fn import_table(text: &str) -> Result<Draft, ImportError> {
    let sep = csv::separator(text);
    let records = csv::records(text, sep)
        .map_err(|e| ImportError::new(e.line, None, e.message, "the text as written"))?;
    let rows: Vec<(usize, Vec<String>)> = records.into_iter().map(|r| (r.line, r.fields)).collect();
    build(&rows)
}

/// The role of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Name(usize),
    Points(usize),
    Criterion,
    Definition,
    Claimed,
}

fn role(header: &str, last_level: Option<usize>) -> Option<Role> {
    let h: String = fold(header)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for (k, w) in ["一级", "二级", "三级", "四级"].iter().enumerate() {
        if h.starts_with(w) && h.contains("指标") && !h.contains("分值") {
            return Some(Role::Name(k));
        }
    }
    if ["自评得分", "得分", "评价得分", "自评分", "实际得分"].contains(&h.as_str())
    {
        return Some(Role::Claimed);
    }
    if [
        "评价标准",
        "评分标准",
        "评分细则",
        "评分办法",
        "评分方法",
        "计分方法",
        "评分规则",
        "评价标准及评分方法",
    ]
    .iter()
    .any(|w| h.contains(w))
    {
        return Some(Role::Criterion);
    }
    if [
        "指标说明",
        "指标解释",
        "指标内涵",
        "计算公式",
        "评价要点",
        "指标定义",
    ]
    .iter()
    .any(|w| h.contains(w))
    {
        return Some(Role::Definition);
    }
    if ["分值", "权重", "分数", "标准分", "满分"]
        .iter()
        .any(|w| h.contains(w))
    {
        return last_level.map(Role::Points);
    }
    None
}

const LEVEL_NAMES: [&str; 4] = ["一级指标", "二级指标", "三级指标", "四级指标"];

#[derive(Debug, Default)]
struct Node {
    name: String,
    points: Option<Decimal>,
    line: usize,
    children: Vec<usize>,
    criterion: String,
    definition: String,
    claimed: Option<Decimal>,
    /// A 分值 written once over this row and the rows after it.
    shared_with: Vec<usize>,
}

fn points_cell(text: &str, line: usize, column: &str) -> Result<Option<Decimal>, ImportError> {
    let t = fold(text);
    let t = t.trim().trim_end_matches('分').trim();
    if t.is_empty() || t == "-" || t == "/" {
        return Ok(None);
    }
    crate::number::parse_exact(t).map(Some).map_err(|_| {
        ImportError::new(
            line,
            Some(column.to_owned()),
            "a number of points such as 5 or 0.5",
            format!("`{}`", text.trim()),
        )
    })
}

pub(crate) fn build(rows: &[(usize, Vec<String>)]) -> Result<Draft, ImportError> {
    let header_at = rows
        .iter()
        .position(|(_, cells)| {
            let folded: Vec<String> = cells
                .iter()
                .map(|c| fold(c).chars().filter(|c| !c.is_whitespace()).collect())
                .collect();
            folded.iter().any(|c| c.starts_with("一级指标"))
                && folded
                    .iter()
                    .any(|c| matches!(role(c, Some(0)), Some(Role::Criterion)))
        })
        .ok_or_else(|| {
            ImportError::new(
                0,
                None,
                "a header row naming 一级指标 and 评价标准 (or 评分标准)",
                "none",
            )
        })?;
    let title = rows[..header_at]
        .iter()
        .filter_map(|(_, cells)| {
            let filled: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
            (filled.len() == 1).then(|| filled[0].trim().to_owned())
        })
        .find(|t| t.contains('表') || t.contains("指标"))
        .map(|t| {
            // 附件1 部门整体支出绩效评价指标表: the attachment number is not the title.
            let t = t.strip_prefix("附件").map_or(t.as_str(), |rest| {
                rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '：' || c == ':')
            });
            t.trim().to_owned()
        });
    let (header_line, header) = &rows[header_at];
    let mut roles = Vec::with_capacity(header.len());
    let mut last_level = None;
    for h in header {
        let r = role(h, last_level);
        if let Some(Role::Name(k)) = r {
            last_level = Some(k);
        }
        roles.push(r);
    }
    let levels = last_level.map_or(0, |k| k + 1);
    if levels == 0 {
        return Err(ImportError::new(
            *header_line,
            None,
            "columns named 一级指标 (and 二级指标, 三级指标)",
            "none",
        ));
    }
    let column_of = |want: Role| roles.iter().position(|r| *r == Some(want));
    let criterion_col = column_of(Role::Criterion);
    let definition_col = column_of(Role::Definition);
    let claimed_col = column_of(Role::Claimed);
    let header_name = |i: usize| {
        header
            .get(i)
            .map(|h| h.trim().to_owned())
            .unwrap_or_default()
    };
    let mut nodes: Vec<Node> = vec![Node::default()];
    // The open node at each level.
    let mut open: Vec<Option<usize>> = vec![None; levels];
    let mut problems = Vec::new();
    let mut total_row: Option<(usize, Option<Decimal>)> = None;
    let mut last_leaf: Option<usize> = None;
    for (line, cells) in &rows[header_at + 1..] {
        let cell = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .map(|c| c.trim().to_owned())
                .unwrap_or_default()
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let first = cells
            .iter()
            .find(|c| !c.trim().is_empty())
            .map(|c| {
                fold(c)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
            })
            .unwrap_or_default();
        if ["合计", "总分", "总计", "合计分值"].contains(&first.as_str()) {
            let p = cells
                .iter()
                .enumerate()
                .skip(1)
                .find_map(|(i, c)| points_cell(c, *line, &header_name(i)).ok().flatten());
            total_row = Some((*line, p));
            continue;
        }
        let mut deepest = None;
        for k in 0..levels {
            let name_col = column_of(Role::Name(k));
            let points_col = column_of(Role::Points(k));
            let name = cell(name_col);
            let points = points_cell(
                &cell(points_col),
                *line,
                &points_col.map(header_name).unwrap_or_default(),
            )?;
            if name.is_empty() && points.is_none() {
                continue;
            }
            let parent = if k == 0 {
                0
            } else {
                (0..k).rev().find_map(|j| open[j]).unwrap_or(0)
            };
            let id = nodes.len();
            let display = if name.is_empty() {
                "（未列名）".to_owned()
            } else {
                name.clone()
            };
            if name.is_empty() {
                problems.push(TableProblem {
                    line: *line,
                    path: String::new(),
                    message: format!(
                        "a {} 分值 ({}) is written without a name; the draft names it （未列名）",
                        LEVEL_NAMES[k],
                        points.map(plain).unwrap_or_default()
                    ),
                    blocking: false,
                });
            }
            nodes.push(Node {
                name: display,
                points,
                line: *line,
                ..Node::default()
            });
            nodes[parent].children.push(id);
            open[k] = Some(id);
            for o in open.iter_mut().skip(k + 1) {
                *o = None;
            }
            deepest = Some(id);
        }
        let criterion = cell(criterion_col);
        let definition = cell(definition_col);
        let claimed = points_cell(
            &cell(claimed_col),
            *line,
            &claimed_col.map(header_name).unwrap_or_default(),
        )?;
        match deepest {
            Some(id) => {
                nodes[id].criterion = criterion;
                nodes[id].definition = definition;
                nodes[id].claimed = claimed;
                last_leaf = Some(id);
            }
            None if criterion.is_empty() && definition.is_empty() => {}
            None => match last_leaf {
                // A cell that continues on the next line of the table.
                Some(id) => {
                    nodes[id].criterion.push_str(&criterion);
                    nodes[id].definition.push_str(&definition);
                    problems.push(TableProblem {
                        line: *line,
                        path: String::new(),
                        message: format!(
                            "a row without a name or 分值: its text is read as continuing `{}`",
                            nodes[id].name
                        ),
                        blocking: false,
                    });
                }
                None => {
                    return Err(ImportError::new(
                        *line,
                        None,
                        "a row naming an indicator",
                        "text before any indicator",
                    ));
                }
            },
        }
    }
    // Leaves with no 分值 right after a leaf with one: a merged cell.
    for p in 0..nodes.len() {
        let kids = nodes[p].children.clone();
        let mut k = 0;
        while k < kids.len() {
            let a = kids[k];
            let mut run = Vec::new();
            let mut j = k + 1;
            while j < kids.len()
                && nodes[kids[j]].points.is_none()
                && nodes[kids[j]].children.is_empty()
                && nodes[a].children.is_empty()
                && nodes[a].points.is_some()
            {
                run.push(kids[j]);
                j += 1;
            }
            if !run.is_empty() {
                nodes[a].shared_with = run.clone();
                let shared = nodes[a].points;
                for &r in &run {
                    nodes[r].points = shared;
                }
            }
            k = j;
        }
    }
    let mut spec_roots = Vec::new();
    let mut imported = Vec::new();
    let mut used_ids = std::collections::BTreeSet::new();
    let mut inputs: Vec<InputSpec> = Vec::new();
    let roots = nodes[0].children.clone();
    let mut sum = Decimal::ZERO;
    for r in roots {
        let (spec, p) = to_spec(
            &nodes,
            r,
            &[],
            &mut used_ids,
            &mut imported,
            &mut problems,
            &mut inputs,
        );
        sum += p;
        spec_roots.push(spec);
    }
    // Each row whose 分值 cell covers the rows below, by their lines.
    for node in nodes.iter().filter(|n| !n.shared_with.is_empty()) {
        let id_at = |line: usize| {
            imported
                .iter()
                .find(|r| r.line == line)
                .map(|r| r.id.clone())
        };
        let shared: Vec<String> = node
            .shared_with
            .iter()
            .filter_map(|&s| id_at(nodes[s].line))
            .collect();
        if let Some(row) = imported.iter_mut().find(|r| r.line == node.line) {
            row.shared_with = shared;
        }
    }
    let total = match total_row {
        Some((_, Some(t))) => t,
        _ => sum,
    };
    Ok(Draft {
        spec: RubricSpec {
            schema: None,
            id: None,
            vetoes: Vec::new(),
            bonus: None,
            penalty: None,
            final_score: crate::spec::FinalScore::Clamped,
            title: title.unwrap_or_else(|| "评价指标表".to_owned()),
            version: None,
            source: None,
            total,
            precision: 2,
            rounding: Rounding::HalfUp,
            grades: None,
            inputs,
            indicators: spec_roots,
            checks: Vec::new(),
            form: None,
        },
        rows: imported,
        problems,
    })
}

#[allow(clippy::too_many_arguments)]
fn to_spec(
    nodes: &[Node],
    at: usize,
    path: &[String],
    ids: &mut std::collections::BTreeSet<String>,
    rows: &mut Vec<ImportedRow>,
    problems: &mut Vec<TableProblem>,
    inputs: &mut Vec<InputSpec>,
) -> (IndicatorSpec, Decimal) {
    let n = &nodes[at];
    let mut here = path.to_vec();
    here.push(n.name.clone());
    let path_text = here.join(" › ");
    let mut id = n.name.clone();
    if !ids.insert(id.clone()) {
        id = format!("{}（{}）", n.name, path.last().cloned().unwrap_or_default());
        let mut k = 2;
        while !ids.insert(id.clone()) {
            id = format!("{}（{k}）", n.name);
            k += 1;
        }
    }
    if n.children.is_empty() {
        let points = n.points.unwrap_or_default();
        if n.points.is_none() {
            problems.push(TableProblem {
                line: n.line,
                path: path_text.clone(),
                message: "the row has no 分值".to_owned(),
                blocking: true,
            });
        }
        if !n.shared_with.is_empty() {
            let names: Vec<&str> = std::iter::once(n.name.as_str())
                .chain(n.shared_with.iter().map(|&s| nodes[s].name.as_str()))
                .collect();
            problems.push(TableProblem {
                line: n.line,
                path: path_text.clone(),
                message: format!("one 分值 ({}) is written for the rows {}: give each row its own points, or score them together against the one 分值 (`Draft::share_rows`); the draft gives each the whole {}", plain(points), names.join("、"), plain(points)),
                blocking: false,
            });
        }
        let mut c = Criterion::new(&n.criterion).name(&n.name);
        if n.points.is_some() {
            c = c.points(points);
        }
        if !n.definition.is_empty() {
            c = c.definition(&n.definition);
        }
        let recognition = c.recognise();
        for rule in recognition.rules() {
            declare_inputs(rule, inputs);
        }
        let rule = recognition.rule.clone();
        let spec = IndicatorSpec {
            id: id.clone(),
            name: n.name.clone(),
            points,
            criterion: Some(n.criterion.clone()).filter(|c| !c.is_empty()),
            definition: Some(n.definition.clone()).filter(|d| !d.is_empty()),
            not_applicable: recognition.not_applicable,
            children: Vec::new(),
            rule,
            ..IndicatorSpec::default()
        };
        rows.push(ImportedRow {
            line: n.line,
            id,
            path: path_text,
            points,
            claimed: n.claimed,
            recognition,
            shared_with: Vec::new(),
        });
        return (spec, points);
    }
    let mut children = Vec::new();
    let mut sum = Decimal::ZERO;
    for &c in &n.children {
        let (spec, p) = to_spec(nodes, c, &here, ids, rows, problems, inputs);
        sum += p;
        children.push(spec);
    }
    let points = match n.points {
        Some(p) => p,
        None => {
            problems.push(TableProblem {
                line: n.line,
                path: path_text.clone(),
                message: format!(
                    "no 分值 is written; the draft takes the children's sum, {}",
                    plain(sum)
                ),
                blocking: false,
            });
            sum
        }
    };
    (
        IndicatorSpec {
            id,
            name: n.name.clone(),
            points,
            criterion: None,
            definition: None,
            not_applicable: None,
            children,
            rule: None,
            ..IndicatorSpec::default()
        },
        points,
    )
}

/// Declares the inputs a rule's formula reads; a formula that is only a
/// name, read against percentages, is a percentage input.
fn declare_inputs(rule: &Rule, inputs: &mut Vec<InputSpec>) {
    let Some(formula) = rule.formula() else {
        return;
    };
    let names = crate::recognise::formula_inputs(formula);
    let bare = names.len() == 1 && names[0] == formula.trim();
    let percent = bare && rule_in_percent(rule);
    for name in names {
        if inputs.len() >= crate::limits::MAX_INPUTS || inputs.iter().any(|i| i.name == name) {
            continue;
        }
        inputs.push(InputSpec {
            name,
            label: None,
            unit: percent.then(|| "%".to_owned()),
            description: None,
            min: None,
            max: None,
            integer: false,
        });
    }
}

fn rule_in_percent(rule: &Rule) -> bool {
    match rule {
        Rule::RatioThreshold(r) => r.threshold.percent || r.step.percent,
        Rule::SteppedBands(b) => b.bands.iter().any(|b| b.range.contains(['%', '％'])),
        Rule::Proportional(p) => p.target.percent,
        _ => false,
    }
}

impl fmt::Display for Draft {
    /// The report: each row's status, readings and notes, then the table's
    /// problems.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for row in &self.rows {
            let status = match row.recognition.status {
                Status::Recognised => "recognised".to_owned(),
                Status::Ambiguous => {
                    format!("ambiguous ({} readings)", row.recognition.readings.len())
                }
                Status::Unrecognised => "not recognised".to_owned(),
            };
            writeln!(
                f,
                "line {}: {} [{}分]: {status}",
                row.line,
                row.path,
                plain(row.points)
            )?;
            for (i, r) in row.recognition.readings.iter().enumerate() {
                writeln!(f, "  reading {i}: {}", r.reading)?;
            }
            for u in &row.recognition.unplaced {
                writeln!(f, "  could not place: 「{u}」")?;
            }
            for n in &row.recognition.notes {
                writeln!(f, "  note: {n}")?;
            }
        }
        for p in &self.problems {
            writeln!(
                f,
                "line {}: {}{}{}",
                p.line,
                p.path,
                if p.path.is_empty() { "" } else { ": " },
                p.message
            )?;
        }
        for s in self.sums() {
            writeln!(f, "points: {s}")?;
        }
        Ok(())
    }
}
