//! Renderers: the filled-in indicator table, as a reader sees it, from a
//! [`Rubric`] and its [`Evaluation`]. Pure functions returning `String`.

use std::fmt::Write as _;

use rust_decimal::Decimal;

mod batch;
mod form;

pub use batch::batch_text;

use crate::evaluate::{Evaluation, IndicatorEvaluation};
use crate::explain::Lang;
use crate::number::plain;
use crate::rubric::Rubric;

/// One leaf row of the table, with the branch cells it opens.
#[derive(Debug, Clone)]
pub(crate) struct Row<'a> {
    /// The branches above the leaf, outermost first; `first` is whether
    /// this row is the first under that branch (where a merged cell starts).
    pub(crate) branches: Vec<(&'a IndicatorEvaluation, bool)>,
    pub(crate) leaf: &'a IndicatorEvaluation,
    pub(crate) criterion: Option<&'a str>,
    /// The document's rows that share this leaf's points, if any.
    pub(crate) shared: &'a [crate::spec::SharedRow],
}

/// The leaf rows in table order.
pub(crate) fn rows<'a>(rubric: &'a Rubric, evaluation: &'a Evaluation) -> Vec<Row<'a>> {
    fn walk<'a>(
        rubric: &'a Rubric,
        list: &'a [IndicatorEvaluation],
        above: &mut Vec<(&'a IndicatorEvaluation, bool)>,
        out: &mut Vec<Row<'a>>,
    ) {
        for node in list {
            if node.children.is_empty() {
                let indicator = rubric.indicator(&node.id);
                out.push(Row {
                    branches: above.clone(),
                    leaf: node,
                    criterion: indicator.and_then(|i| i.criterion()),
                    shared: indicator.map_or(&[][..], |i| i.rows()),
                });
                for b in above.iter_mut() {
                    b.1 = false;
                }
            } else {
                above.push((node, true));
                walk(rubric, &node.children, above, out);
                above.pop();
            }
        }
    }
    let mut out = Vec::new();
    walk(rubric, &evaluation.indicators, &mut Vec::new(), &mut out);
    out
}

/// A score, or its range: `5`, `0–8`; 不适用 and 未选 for what is not scored.
pub(crate) fn score_text(node: &IndicatorEvaluation, lang: Lang) -> String {
    if node.excluded {
        return match lang {
            Lang::Zh => "不适用".to_owned(),
            Lang::En => "n/a".to_owned(),
        };
    }
    if node.chosen == Some(false) {
        return match lang {
            Lang::Zh => "未选".to_owned(),
            Lang::En => "not chosen".to_owned(),
        };
    }
    range_text(node.low, node.high)
}

pub(crate) fn range_text(low: Decimal, high: Decimal) -> String {
    if low == high {
        plain(low)
    } else {
        format!("{}–{}", plain(low), plain(high))
    }
}

/// How many columns a terminal gives a string (CJK characters take two).
pub(crate) fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            let wide = matches!(u,
                0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD
                | 0x2460..=0x24FF);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

pub(crate) fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_owned();
    for _ in width(s)..w {
        out.push(' ');
    }
    out
}

pub(crate) fn pad_left(s: &str, w: usize) -> String {
    let mut out = String::new();
    for _ in width(s)..w {
        out.push(' ');
    }
    out.push_str(s);
    out
}

/// Renders the filled-in table for a terminal: one line per leaf with its
/// branches, points, claimed and computed score, the working on the line
/// below, and the total and grade at the end.
pub fn text(rubric: &Rubric, evaluation: &Evaluation, lang: Lang) -> String {
    let rows = rows(rubric, evaluation);
    // Columns for every level a leaf reaches; each leaf sits in its own
    // level's column, so a first-level leaf is not shown as a third-level one.
    let depth = rows.iter().map(|r| r.branches.len() + 1).max().unwrap_or(1);
    let zh = lang == Lang::Zh;
    let level_names = level_names(depth, lang);
    let (points_h, claimed_h, score_h) = if zh {
        ("分值", "自评得分", "得分")
    } else {
        ("Points", "Claimed", "Score")
    };
    // Cells: for each level a name and its points, then claimed and score.
    let mut table: Vec<Vec<String>> = Vec::with_capacity(rows.len() + 1);
    let mut header = Vec::new();
    for name in &level_names {
        header.push(name.clone());
        header.push(points_h.to_owned());
    }
    header.push(claimed_h.to_owned());
    header.push(score_h.to_owned());
    table.push(header);
    for row in &rows {
        let mut cells = Vec::new();
        for level in 0..depth {
            match row.branches.get(level) {
                Some((b, true)) => {
                    cells.push(b.name.to_string());
                    cells.push(plain(b.points));
                }
                None if level == row.branches.len() => {
                    cells.push(if row.shared.is_empty() {
                        row.leaf.name.to_string()
                    } else {
                        row.shared
                            .iter()
                            .map(|r| r.name.as_str())
                            .collect::<Vec<_>>()
                            .join(if zh { "、" } else { " / " })
                    });
                    cells.push(plain(row.leaf.points));
                }
                _ => {
                    cells.push(String::new());
                    cells.push(String::new());
                }
            }
        }
        cells.push(row.leaf.claimed.map(plain).unwrap_or_default());
        cells.push(score_text(row.leaf, lang));
        table.push(cells);
    }
    let columns = table[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| table.iter().map(|r| width(&r[c])).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{}",
        evaluation.title,
        rubric
            .spec()
            .version
            .as_deref()
            .map(|v| format!("（{v}）"))
            .unwrap_or_default()
    );
    let numeric = |c: usize| c % 2 == 1 || c + 2 >= columns;
    for (i, cells) in table.iter().enumerate() {
        let line: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                if numeric(c) && i > 0 {
                    pad_left(cell, widths[c])
                } else {
                    pad(cell, widths[c])
                }
            })
            .collect();
        let _ = writeln!(out, "{}", line.join("  ").trim_end());
        if i > 0 {
            if let Some(working) = rows[i - 1]
                .leaf
                .leaf
                .as_ref()
                .and_then(|l| l.working.as_deref())
            {
                let _ = writeln!(
                    out,
                    "    {}{working}",
                    if zh { "计分：" } else { "working: " }
                );
            }
        }
    }
    let claimed = evaluation
        .claimed
        .map(plain)
        .unwrap_or_else(|| "—".to_owned());
    let total = table_total(evaluation);
    if zh {
        let _ = writeln!(
            out,
            "合计：分值{}，自评得分{claimed}，得分{total}",
            plain(evaluation.points)
        );
    } else {
        let _ = writeln!(
            out,
            "Total: points {}, claimed {claimed}, score {total}",
            plain(evaluation.points)
        );
    }
    if let Some(w) = &evaluation.working {
        let _ = writeln!(out, "{w}");
    }
    for (heading, lines) in extra_sections(evaluation, lang) {
        let _ = writeln!(out, "\n{heading}");
        for line in lines {
            let _ = writeln!(out, "  - {line}");
        }
    }
    out
}

/// The table's total, before any bonus, penalty or veto: what its rows
/// add up to, for the 合计 row.
fn table_total(e: &Evaluation) -> String {
    match &e.adjustments {
        Some(a) => range_text(a.table_low, a.table_high),
        None => range_text(e.low, e.high),
    }
}

/// What the table's rows do not show, as (heading, lines) sections:
/// branches converted from their own scale, the bonus items, the penalty
/// items and the vetoes, each with its working.
pub(crate) fn extra_sections(e: &Evaluation, lang: Lang) -> Vec<(String, Vec<String>)> {
    let zh = lang == Lang::Zh;
    let colon = if zh { "：" } else { ": " };
    let mut out = Vec::new();
    // Branches on a scale of their own, converted to their points.
    let weighted: Vec<String> = e
        .iter()
        .filter_map(|n| {
            let w = n.weighting.as_ref()?;
            Some(format!(
                "{}{colon}{}",
                n.name,
                w.working.as_deref().unwrap_or_default()
            ))
        })
        .collect();
    if !weighted.is_empty() {
        out.push((
            if zh {
                "按分值折算"
            } else {
                "Converted to their points"
            }
            .to_owned(),
            weighted,
        ));
    }
    let Some(a) = &e.adjustments else {
        return out;
    };
    for (extra, bonus) in [(&a.bonus, true), (&a.penalty, false)] {
        let Some(x) = extra else { continue };
        let heading = match (bonus, zh) {
            (true, true) => format!("加分项（加分不超过{}分）", plain(x.cap)),
            (false, true) => format!("扣分项（扣分不超过{}分）", plain(x.cap)),
            (true, false) => format!("Bonus items (at most {} in all)", plain(x.cap)),
            (false, false) => format!("Penalty items (at most {} in all)", plain(x.cap)),
        };
        let lines = x
            .items
            .iter()
            .map(|item| {
                let (amount, most) = if bonus {
                    (range_text(item.low, item.high), plain(item.points))
                } else {
                    let taken =
                        |s: Decimal| crate::exact::sub(item.points, s).unwrap_or(item.points);
                    (
                        range_text(taken(item.high), taken(item.low)),
                        plain(item.points),
                    )
                };
                let head = match (bonus, zh) {
                    (true, true) => format!("{}（最高加{most}分）{colon}加{amount}分", item.name),
                    (false, true) => format!("{}（最多扣{most}分）{colon}扣{amount}分", item.name),
                    (true, false) => format!("{} (up to {most}){colon}adds {amount}", item.name),
                    (false, false) => format!("{} (up to {most}){colon}takes {amount}", item.name),
                };
                match item.leaf.as_ref().and_then(|l| l.working.as_deref()) {
                    Some(w) if zh => format!("{head}；计分：{w}"),
                    Some(w) => format!("{head}; working: {w}"),
                    None => head,
                }
            })
            .collect();
        out.push((heading, lines));
    }
    if !a.vetoes.is_empty() {
        let lines = a
            .vetoes
            .iter()
            .map(|v| {
                let outcome = match (v.holds, zh) {
                    (Some(true), true) => "成立",
                    (Some(false), true) => "不成立",
                    (None, true) => "未知",
                    (Some(true), false) => "holds",
                    (Some(false), false) => "does not hold",
                    (None, false) => "unknown",
                };
                match &v.working {
                    Some(w) if zh => format!("{}{colon}{outcome}；{w}", v.name),
                    Some(w) => format!("{}{colon}{outcome}; {w}", v.name),
                    None => format!("{}{colon}{outcome}", v.name),
                }
            })
            .collect();
        out.push((if zh { "一票否决事项" } else { "Vetoes" }.to_owned(), lines));
    }
    out
}

use crate::review::{words, CheckOutcome, ClaimCheck, Review};

/// The headings of the filled-in table and the review sections.
struct Labels {
    levels: Vec<String>,
    points: &'static str,
    criterion: &'static str,
    claimed: &'static str,
    reviewed: &'static str,
    working: &'static str,
    total: &'static str,
    claims: &'static str,
    checks: &'static str,
    what_if: &'static str,
    unknown: &'static str,
    next_grade: &'static str,
    deviations: &'static str,
}

/// The headings of the level columns: 一级指标, 二级指标, … (Level 1, …).
pub(crate) fn level_names(depth: usize, lang: Lang) -> Vec<String> {
    let numerals = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三",
    ];
    (1..=depth)
        .map(|i| match lang {
            Lang::Zh => format!("{}级指标", numerals.get(i - 1).copied().unwrap_or("末")),
            Lang::En => format!("Level {i}"),
        })
        .collect()
}

fn labels(depth: usize, lang: Lang) -> Labels {
    let zh = lang == Lang::Zh;
    Labels {
        levels: level_names(depth, lang),
        points: if zh { "分值" } else { "Points" },
        criterion: if zh { "评价标准" } else { "Standard" },
        claimed: if zh { "自评得分" } else { "Claimed" },
        reviewed: if zh { "复核得分" } else { "Reviewed" },
        working: if zh { "扣分说明" } else { "Working" },
        total: if zh { "合计" } else { "Total" },
        claims: if zh {
            "自评与复核对照"
        } else {
            "Claims against the review"
        },
        checks: if zh {
            "基础数据勾稽关系核对"
        } else {
            "Cross-checks of the base data"
        },
        what_if: if zh {
            "得满分的条件"
        } else {
            "What would give full points"
        },
        unknown: if zh {
            "缺失资料对总分范围的影响"
        } else {
            "Which unknown facts matter most"
        },
        next_grade: if zh {
            "距下一评价等级"
        } else {
            "To the next grade"
        },
        deviations: if zh {
            "偏差原因核对"
        } else {
            "Deviations and their reasons"
        },
    }
}

/// One cell of the filled-in table, for every format.
struct Cells {
    /// (name with points, rows it spans) for each level, present on the
    /// first row of a branch.
    levels: Vec<Option<(String, usize)>>,
    /// How many rows the points, scores and working span: 1, more on the
    /// first of the rows sharing a leaf's points, 0 on the others.
    merged: usize,
    points: String,
    criterion: String,
    claimed: String,
    reviewed: String,
    working: String,
}

/// The filled-in table's rows: each leaf with its branches' cells.
fn table_cells(rubric: &Rubric, review: &Review, lang: Lang) -> (usize, Vec<Cells>) {
    let rows = rows(rubric, &review.evaluation);
    let depth = rows.iter().map(|r| r.branches.len() + 1).max().unwrap_or(1);
    // How many table rows each branch spans (a leaf sharing its points
    // with several of the document's rows takes as many).
    let mut spans: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for row in &rows {
        for (b, _) in &row.branches {
            *spans.entry(&b.id).or_default() += row.shared.len().max(1);
        }
    }
    let claims: std::collections::HashMap<&str, &ClaimCheck> =
        review.claims.iter().map(|c| (&*c.id, c)).collect();
    let unit = |p: Decimal| match lang {
        Lang::Zh => format!("（{}分）", plain(p)),
        Lang::En => format!(" ({})", plain(p)),
    };
    let mut cells: Vec<Cells> = Vec::with_capacity(rows.len());
    for row in &rows {
        {
            let mut levels = Vec::with_capacity(depth);
            for level in 0..depth {
                levels.push(match row.branches.get(level) {
                    Some((b, true)) => Some((
                        format!("{}{}", b.name, unit(b.points)),
                        spans.get(&*b.id).copied().unwrap_or(1),
                    )),
                    Some((_, false)) => None,
                    None if level == row.branches.len() => Some((row.leaf.name.to_string(), 1)),
                    None => Some((String::new(), 1)),
                });
            }
            let mut working = row
                .leaf
                .leaf
                .as_ref()
                .and_then(|l| l.working.clone())
                .unwrap_or_default();
            if let Some(c) = claims.get(&*row.leaf.id) {
                if c.status != crate::review::ClaimStatus::Matches || !c.attainable {
                    working.push_str(if lang == Lang::Zh { "。" } else { ". " });
                    working.push_str(&words::claim(c, lang));
                }
            }
            let k = row.shared.len();
            let leaf_level = row.branches.len();
            cells.push(Cells {
                levels,
                merged: k.max(1),
                points: plain(row.leaf.points),
                criterion: row.criterion.unwrap_or_default().to_owned(),
                claimed: row.leaf.claimed.map(plain).unwrap_or_default(),
                reviewed: score_text(row.leaf, lang),
                working,
            });
            // One table row for each of the document's rows under one
            // 分值 cell: the first carries the points, scores and working.
            for (j, shared) in row.shared.iter().enumerate() {
                let criterion = shared.criterion.clone().unwrap_or_default();
                if j == 0 {
                    if let Some(first) = cells.last_mut() {
                        if let Some(Some((name, _))) = first.levels.get_mut(leaf_level) {
                            *name = shared.name.clone();
                        }
                        if !criterion.is_empty() {
                            first.criterion = criterion;
                        }
                    }
                    continue;
                }
                let mut levels: Vec<Option<(String, usize)>> = vec![None; depth];
                if let Some(cell) = levels.get_mut(leaf_level) {
                    *cell = Some((shared.name.clone(), 1));
                }
                for cell in levels.iter_mut().skip(leaf_level + 1) {
                    *cell = Some((String::new(), 1));
                }
                cells.push(Cells {
                    levels,
                    merged: 0,
                    points: String::new(),
                    criterion,
                    claimed: String::new(),
                    reviewed: String::new(),
                    working: String::new(),
                });
            }
        }
    }
    (depth, cells)
}

/// The review's findings as (heading, lines) sections.
fn sections(review: &Review, depth: usize, lang: Lang) -> Vec<(String, Vec<String>)> {
    let l = labels(depth, lang);
    let mut out = Vec::new();
    // Leaves are named by their names, as the table names them.
    let names: std::collections::HashMap<&str, &str> = review
        .evaluation
        .iter()
        .map(|n| (&*n.id, &*n.name))
        .collect();
    let name = |id: &str| names.get(id).copied().unwrap_or(id).to_owned();
    let mut claims = vec![words::summary(&review.summary, lang)];
    for c in &review.claims {
        if c.status != crate::review::ClaimStatus::Matches || !c.attainable {
            claims.push(
                format!("{}：{}", c.name, words::claim(c, lang))
                    .replace("：", if lang == Lang::Zh { "：" } else { ": " }),
            );
        }
    }
    out.push((l.claims.to_owned(), claims));
    let deviations = form::deviation_lines(review, lang);
    if !deviations.is_empty() {
        out.push((l.deviations.to_owned(), deviations));
    }
    if !review.checks.is_empty() {
        let mut checks: Vec<&crate::review::CheckResult> = review.checks.iter().collect();
        // Failures first, then the unchecked, then those that hold.
        checks.sort_by_key(|c| match c.outcome {
            CheckOutcome::Fails => 0,
            CheckOutcome::Unchecked => 1,
            CheckOutcome::Holds => 2,
        });
        out.push((
            l.checks.to_owned(),
            checks
                .iter()
                .map(|c| {
                    let name = c.description.as_deref().unwrap_or(&c.id);
                    format!(
                        "{name}{}{}",
                        if lang == Lang::Zh { "：" } else { ": " },
                        words::check(c, lang)
                    )
                })
                .collect(),
        ));
    }
    let w = &review.what_if;
    let mut what_if: Vec<String> = w
        .leaves
        .iter()
        .map(|x| {
            format!(
                "{}{}{}",
                x.name,
                if lang == Lang::Zh { "：" } else { ": " },
                words::requirement(x, lang)
            )
        })
        .collect();
    if let Some(g) = &w.next_grade {
        what_if.insert(
            0,
            format!(
                "{}{}{}",
                l.next_grade,
                if lang == Lang::Zh { "：" } else { ": " },
                words::next_grade(g, lang, &name)
            ),
        );
    }
    if !what_if.is_empty() {
        out.push((l.what_if.to_owned(), what_if));
    }
    if !w.narrowing.is_empty() {
        out.push((
            l.unknown.to_owned(),
            w.narrowing
                .iter()
                .map(|x| words::narrowing(x, lang, &name))
                .collect(),
        ));
    }
    out
}

/// The claimed and reviewed totals for the table's last row.
fn total_line(review: &Review) -> (String, String) {
    let e = &review.evaluation;
    (
        plain(e.claimed.unwrap_or(review.summary.claimed_sum)),
        table_total(e),
    )
}

/// The document a review renders to: what [`document`] writes.
///
/// On the wire (a service's `?format=`, a command line's `--format`) it is
/// `text`, `markdown`, `csv` or `html`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Format {
    /// For a terminal: [`review_text`].
    #[default]
    Text,
    /// [`markdown`].
    Markdown,
    /// [`csv`], safe to open in a spreadsheet.
    Csv,
    /// [`html`], a self-contained page that prints on A4.
    Html,
}

impl Format {
    /// The media type of the document, e.g. `text/csv; charset=utf-8`.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Text => "text/plain; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    /// `text`, `markdown`, `csv` or `html`.
    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "text" => Ok(Format::Text),
            "markdown" => Ok(Format::Markdown),
            "csv" => Ok(Format::Csv),
            "html" => Ok(Format::Html),
            other => Err(format!(
                "expected text, markdown, csv or html, found `{other}`"
            )),
        }
    }
}

/// Renders the review as the document `format` names: one entry point for
/// a host that lets its user choose.
///
/// ```
/// use jixiao::{render::{self, Format}, Facts, Lang, Rubric};
///
/// let rubric = Rubric::from_json(include_str!("../rubrics/zhijiang-2020-department/rubric.json"))?;
/// let facts = Facts::from_json(include_str!("../rubrics/zhijiang-2020-department/facts.json"))?;
/// let review = rubric.review(&facts)?;
/// let page = render::document("html".parse()?, &rubric, &review, Lang::Zh);
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(render::document(Format::Csv, &rubric, &review, Lang::En).contains("在职人员控制率"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn document(format: Format, rubric: &Rubric, review: &Review, lang: Lang) -> String {
    match format {
        Format::Text => review_text(rubric, review, lang),
        Format::Markdown => markdown(rubric, review, lang),
        Format::Csv => csv(rubric, review, lang),
        Format::Html => html(rubric, review, lang),
    }
}

/// Renders the review for a terminal: the filled-in table with each
/// leaf's working, then the claims, the cross-checks and what would change
/// the score.
pub fn review_text(rubric: &Rubric, review: &Review, lang: Lang) -> String {
    let depth = rows(rubric, &review.evaluation)
        .iter()
        .map(|r| r.branches.len() + 1)
        .max()
        .unwrap_or(1);
    // The indicator table's text carries the rows beside it; the form's
    // does not.
    let (mut out, sections) = if form::applies(rubric) {
        (
            form::text(rubric, review, lang),
            all_sections(review, depth, lang),
        )
    } else {
        (
            text(rubric, &review.evaluation, lang),
            sections(review, depth, lang),
        )
    };
    for (heading, lines) in sections {
        let _ = writeln!(out, "\n{heading}");
        for line in lines {
            let _ = writeln!(out, "  - {line}");
        }
    }
    out
}

/// A cell's text for Markdown: `|` and line breaks would break the table,
/// and `& < >` would be read as HTML by the renderers that allow it.
pub(crate) fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' => out.push(' '),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Renders the review as Markdown: the filled-in table in the layout of
/// the documents' 附件1 (levels, 分值, 评价标准, 自评得分, 复核得分, 扣分说明),
/// the total, then the review's sections.
pub fn markdown(rubric: &Rubric, review: &Review, lang: Lang) -> String {
    let (depth, cells) = table_cells(rubric, review, lang);
    let l = labels(depth, lang);
    if form::applies(rubric) {
        let mut out = form::markdown(rubric, review, lang);
        push_markdown_sections(&mut out, review, depth, lang);
        return out;
    }
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", review.evaluation.title);
    let mut header: Vec<&str> = l.levels.iter().map(String::as_str).collect();
    header.extend([l.points, l.criterion, l.claimed, l.reviewed, l.working]);
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(
        out,
        "|{}",
        header.iter().map(|_| "---|").collect::<String>()
    );
    for c in &cells {
        let mut row: Vec<String> = c
            .levels
            .iter()
            .map(|x| md_escape(x.as_ref().map(|(t, _)| t.as_str()).unwrap_or("")))
            .collect();
        row.extend([
            c.points.clone(),
            md_escape(&c.criterion),
            c.claimed.clone(),
            c.reviewed.clone(),
            md_escape(&c.working),
        ]);
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    let (claimed, total) = total_line(review);
    let mut row: Vec<String> = vec![format!("**{}**", l.total)];
    row.extend((1..depth).map(|_| String::new()));
    row.extend([
        plain(review.evaluation.points),
        String::new(),
        claimed,
        format!("**{total}**"),
        md_escape(review.evaluation.working.as_deref().unwrap_or("")),
    ]);
    let _ = writeln!(out, "| {} |", row.join(" | "));
    push_markdown_sections(&mut out, review, depth, lang);
    out
}

/// The rows beside the table, then the review's sections.
fn all_sections(review: &Review, depth: usize, lang: Lang) -> Vec<(String, Vec<String>)> {
    let mut out = extra_sections(&review.evaluation, lang);
    out.extend(sections(review, depth, lang));
    out
}

fn push_markdown_sections(out: &mut String, review: &Review, depth: usize, lang: Lang) {
    for (heading, lines) in all_sections(review, depth, lang) {
        let _ = writeln!(out, "\n## {heading}\n");
        for line in lines {
            let _ = writeln!(out, "- {}", md_escape(&line));
        }
    }
}

/// One CSV cell: quoted where RFC 4180 needs it, and neutralised where a
/// spreadsheet would run it as a formula — a cell starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return (full-width forms too) gets a
/// leading `'`, as spreadsheet-safe CSV writers do, so that a name such as
/// `=cmd|' /C calc'!A0` is shown as text. For a host that writes CSV of its
/// own beside the renderers' (a batch's summary).
///
/// ```
/// assert_eq!(jixiao::render::csv_field("=1+1"), "'=1+1");
/// assert_eq!(jixiao::render::csv_field("a,b"), "\"a,b\"");
/// ```
pub fn csv_field(s: &str) -> String {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']);
    let s: std::borrow::Cow<'_, str> = if formula {
        format!("'{s}").into()
    } else {
        s.into()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

/// Renders the review as CSV (RFC 4180, UTF-8 with a byte-order mark so
/// that spreadsheets open the Chinese intact): the filled-in table, the
/// total, then the review's sections one line per row. Every cell that a
/// spreadsheet would run as a formula is neutralised with a leading `'`.
pub fn csv(rubric: &Rubric, review: &Review, lang: Lang) -> String {
    let (depth, cells) = table_cells(rubric, review, lang);
    let l = labels(depth, lang);
    let mut out = String::from("\u{feff}");
    if form::applies(rubric) {
        out.push_str(&form::csv(rubric, review, lang));
        push_csv_sections(&mut out, review, depth, lang);
        return out;
    }
    let line = |out: &mut String, fields: &[String]| {
        let _ = write!(
            out,
            "{}\r\n",
            fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(",")
        );
    };
    let mut header: Vec<String> = l.levels.clone();
    header.extend([l.points, l.criterion, l.claimed, l.reviewed, l.working].map(str::to_owned));
    line(&mut out, &header);
    for c in &cells {
        let mut row: Vec<String> = c
            .levels
            .iter()
            .map(|x| x.as_ref().map(|(t, _)| t.clone()).unwrap_or_default())
            .collect();
        row.extend([
            c.points.clone(),
            c.criterion.clone(),
            c.claimed.clone(),
            c.reviewed.clone(),
            c.working.clone(),
        ]);
        line(&mut out, &row);
    }
    let (claimed, total) = total_line(review);
    let mut row = vec![l.total.to_owned()];
    row.extend((1..depth).map(|_| String::new()));
    row.extend([
        plain(review.evaluation.points),
        String::new(),
        claimed,
        total,
        review.evaluation.working.clone().unwrap_or_default(),
    ]);
    line(&mut out, &row);
    push_csv_sections(&mut out, review, depth, lang);
    out
}

fn push_csv_sections(out: &mut String, review: &Review, depth: usize, lang: Lang) {
    for (heading, lines) in all_sections(review, depth, lang) {
        out.push_str("\r\n");
        let _ = write!(out, "{}\r\n", csv_field(&heading));
        for l in lines {
            let _ = write!(out, "{}\r\n", csv_field(&l));
        }
    }
}

pub(crate) fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Renders the review as one self-contained HTML page (no scripts, no
/// external files) that reads well printed on A4: the filled-in table with
/// merged cells as in 附件1, then the review's sections.
pub fn html(rubric: &Rubric, review: &Review, lang: Lang) -> String {
    let (depth, cells) = table_cells(rubric, review, lang);
    let l = labels(depth, lang);
    let title = html_escape(&review.evaluation.title);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\n\
@page {{ size: A4 landscape; margin: 12mm; }}\n\
body {{ font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", \"PingFang SC\", sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 277mm; }}\n\
h1 {{ font-size: 15pt; text-align: center; margin: 4mm 0; }}\n\
h2 {{ font-size: 12pt; margin: 5mm 0 2mm; }}\n\
table {{ border-collapse: collapse; width: 100%; }}\n\
th, td {{ border: 0.6pt solid #444; padding: 1.2mm 1.5mm; vertical-align: top; }}\n\
th {{ background: #eee; }}\n\
td.num {{ text-align: right; white-space: nowrap; }}\n\
td.criterion, td.working {{ font-size: 8.5pt; }}\n\
tr {{ page-break-inside: avoid; }}\n\
thead {{ display: table-header-group; }}\n\
tr.total td {{ font-weight: bold; background: #f6f6f6; }}\n\
.differs {{ color: #a00; }}\n\
ul {{ margin: 0; padding-left: 6mm; }}\n\
li {{ margin: 1mm 0; }}\n\
table#funds {{ margin-bottom: 4mm; }}\n\
</style>\n</head>\n<body>\n<h1>{title}</h1>\n",
        if lang == Lang::Zh { "zh-CN" } else { "en" }
    );
    if form::applies(rubric) {
        out.push_str(&form::html(rubric, review, lang));
    } else {
        indicator_table_html(&mut out, review, depth, &cells, &l);
    }
    for (heading, lines) in all_sections(review, depth, lang) {
        let _ = writeln!(out, "<h2>{}</h2>\n<ul>", html_escape(&heading));
        for line in lines {
            let _ = writeln!(out, "<li>{}</li>", html_escape(&line));
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "</body>\n</html>");
    out
}

/// A row's level cells as HTML: a merged cell where a branch starts,
/// nothing under it.
pub(crate) fn level_cells_html(out: &mut String, levels: &[Option<(String, usize)>]) {
    for (text, span) in levels.iter().flatten() {
        if *span > 1 {
            let _ = write!(out, "<td rowspan=\"{span}\">{}</td>", html_escape(text));
        } else {
            let _ = write!(out, "<td>{}</td>", html_escape(text));
        }
    }
}

/// The 附件1 indicator table as HTML, with merged cells.
fn indicator_table_html(
    out: &mut String,
    review: &Review,
    depth: usize,
    cells: &[Cells],
    l: &Labels,
) {
    let _ = write!(out, "<table id=\"indicators\">\n<thead><tr>");
    for h in l.levels.iter().map(String::as_str).chain([
        l.points,
        l.criterion,
        l.claimed,
        l.reviewed,
        l.working,
    ]) {
        let _ = write!(out, "<th>{}</th>", html_escape(h));
    }
    let _ = writeln!(out, "</tr></thead>\n<tbody>");
    for c in cells {
        let _ = write!(out, "<tr>");
        level_cells_html(out, &c.levels);
        let differs = !c.claimed.is_empty() && c.claimed != c.reviewed;
        // Rows sharing one 分值 cell: the first spans them all.
        let span = if c.merged > 1 {
            format!(" rowspan=\"{}\"", c.merged)
        } else {
            String::new()
        };
        if c.merged == 0 {
            let _ = writeln!(
                out,
                "<td class=\"criterion\">{}</td></tr>",
                html_escape(&c.criterion)
            );
            continue;
        }
        let _ = writeln!(
            out,
            "<td class=\"num\"{span}>{}</td><td class=\"criterion\">{}</td><td class=\"num\"{span}>{}</td><td class=\"num{}\"{span}>{}</td><td class=\"working\"{span}>{}</td></tr>",
            html_escape(&c.points),
            html_escape(&c.criterion),
            html_escape(&c.claimed),
            if differs { " differs" } else { "" },
            html_escape(&c.reviewed),
            html_escape(&c.working)
        );
    }
    let (claimed, total) = total_line(review);
    let _ = writeln!(
        out,
        "<tr class=\"total\"><td colspan=\"{depth}\">{}</td><td class=\"num\">{}</td><td></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"working\">{}</td></tr>\n</tbody>\n</table>",
        html_escape(l.total),
        plain(review.evaluation.points),
        html_escape(&claimed),
        html_escape(&total),
        html_escape(review.evaluation.working.as_deref().unwrap_or(""))
    );
}
