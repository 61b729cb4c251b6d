//! The 项目支出绩效自评表 layout: the project's funds in a header block
//! (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分), then one row
//! per target (一级指标 · 二级指标 · 三级指标 · 年度指标值 · 实际完成值 · 分值 ·
//! 得分 · 偏差原因分析及改进措施), then 总分 and 自评等级 — for a rubric whose
//! form is [`Form::ProjectSelfEvaluation`](crate::Form).

use std::fmt::Write as _;

use crate::deviations::words as deviation_words;
use crate::evaluate::IndicatorEvaluation;
use crate::explain::{about, Lang};
use crate::number::plain;
use crate::review::Review;
use crate::rubric::Rubric;
use crate::spec::Form;

use super::{csv_field, html_escape, md_escape, range_text, rows, score_text};

/// The headings of the form, in the reader's language.
struct Labels {
    levels: Vec<String>,
    target: &'static str,
    actual: &'static str,
    points: &'static str,
    claimed: &'static str,
    score: &'static str,
    deviation: &'static str,
    working: &'static str,
    funds: String,
    funds_row: &'static str,
    initial: &'static str,
    adjusted: &'static str,
    executed: &'static str,
    rate: &'static str,
    total: &'static str,
}

fn labels(depth: usize, unit: &str, lang: Lang) -> Labels {
    let zh = lang == Lang::Zh;
    Labels {
        levels: super::level_names(depth, lang),
        target: if zh { "年度指标值" } else { "Target" },
        actual: if zh { "实际完成值" } else { "Actual" },
        points: if zh { "分值" } else { "Points" },
        claimed: if zh { "自评得分" } else { "Claimed" },
        score: if zh { "得分" } else { "Score" },
        deviation: if zh {
            "偏差原因分析及改进措施"
        } else {
            "Reasons for deviation and improvements"
        },
        working: if zh { "计分说明" } else { "Working" },
        funds: if zh {
            format!("项目资金（{unit}）")
        } else {
            format!("Project funds ({unit})")
        },
        funds_row: if zh {
            "年度资金总额"
        } else {
            "Total funds"
        },
        initial: if zh {
            "年初预算数"
        } else {
            "Initial budget"
        },
        adjusted: if zh {
            "全年预算数"
        } else {
            "Full-year budget"
        },
        executed: if zh { "全年执行数" } else { "Spent" },
        rate: if zh { "执行率" } else { "Execution" },
        total: if zh { "总分" } else { "Total" },
    }
}

/// One row of the form.
struct FormRow {
    /// (text, rows it spans) per level; `None` under a merged cell.
    levels: Vec<Option<(String, usize)>>,
    target: String,
    actual: String,
    points: String,
    claimed: String,
    score: String,
    deviation: String,
    working: String,
}

impl FormRow {
    /// The row's cells as text: its levels (empty under a merged cell),
    /// target, actual value, points, claim and score, and where `notes`, its
    /// 偏差原因 and working.
    fn cells(&self, notes: bool) -> Vec<String> {
        let mut cells: Vec<String> = self
            .levels
            .iter()
            .map(|c| c.as_ref().map(|(t, _)| t.clone()).unwrap_or_default())
            .collect();
        cells.extend([
            self.target.clone(),
            self.actual.clone(),
            self.points.clone(),
            self.claimed.clone(),
            self.score.clone(),
        ]);
        if notes {
            cells.extend([self.deviation.clone(), self.working.clone()]);
        }
        cells
    }
}

/// The form's header block.
struct Funds {
    cells: [String; 7],
    working: String,
}

/// The form, laid out.
struct Laid {
    title: String,
    depth: usize,
    unit: String,
    funds: Option<Funds>,
    rows: Vec<FormRow>,
    points: String,
    claimed: String,
    score: String,
    grade: String,
    total_working: String,
}

/// The target and actual value columns of a leaf.
fn target_and_actual(leaf: &IndicatorEvaluation, lang: Lang) -> (String, String) {
    let columns = leaf.leaf.as_ref();
    let target = columns
        .and_then(|l| l.target.as_deref())
        .unwrap_or_default()
        .to_owned();
    let actual = match (
        leaf.excluded,
        columns.and_then(|l| l.actual.as_deref()),
        lang,
    ) {
        (true, _, Lang::Zh) => "不适用".to_owned(),
        (true, _, Lang::En) => "n/a".to_owned(),
        (false, Some(a), _) => a.to_owned(),
        (false, None, _) if target.is_empty() => String::new(),
        (false, None, Lang::Zh) => "未知".to_owned(),
        (false, None, Lang::En) => "unknown".to_owned(),
    };
    (target, actual)
}

fn lay_out(rubric: &Rubric, review: &Review, lang: Lang) -> Laid {
    let e = &review.evaluation;
    let budget_id = match &rubric.spec().form {
        Some(Form::ProjectSelfEvaluation {
            budget: Some(block),
        }) => Some(block.indicator.as_str()),
        _ => None,
    };
    let all = rows(rubric, e);
    let table: Vec<_> = all
        .iter()
        .filter(|r| Some(&*r.leaf.id) != budget_id)
        .collect();
    let depth = table
        .iter()
        .map(|r| r.branches.len() + 1)
        .max()
        .unwrap_or(1);
    let mut spans: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for row in &table {
        for (b, _) in &row.branches {
            *spans.entry(&b.id).or_default() += 1;
        }
    }
    let with_points = |name: &str, points| match lang {
        Lang::Zh => format!("{name}（{}分）", plain(points)),
        Lang::En => format!("{name} ({})", plain(points)),
    };
    let rows: Vec<FormRow> = table
        .iter()
        .map(|row| {
            let mut levels = Vec::with_capacity(depth);
            for level in 0..depth {
                levels.push(match row.branches.get(level) {
                    Some((b, true)) => Some((
                        with_points(&b.name, b.points),
                        spans.get(&*b.id).copied().unwrap_or(1),
                    )),
                    Some((_, false)) => None,
                    None if level == row.branches.len() => Some((row.leaf.name.to_string(), 1)),
                    None => Some((String::new(), 1)),
                });
            }
            let (target, actual) = target_and_actual(row.leaf, lang);
            FormRow {
                levels,
                target,
                actual,
                points: plain(row.leaf.points),
                claimed: row.leaf.claimed.map(plain).unwrap_or_default(),
                score: score_text(row.leaf, lang),
                deviation: row.leaf.deviation.as_deref().unwrap_or_default().to_owned(),
                working: row
                    .leaf
                    .leaf
                    .as_ref()
                    .and_then(|l| l.working.clone())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let unit = review
        .budget
        .as_ref()
        .and_then(|b| b.unit.clone())
        .unwrap_or_else(|| "万元".to_owned());
    let funds = review.budget.as_ref().map(|b| {
        let figure = |v: Option<rust_decimal::Decimal>| v.map(plain).unwrap_or_default();
        let leaf = e.find(&b.id);
        Funds {
            cells: [
                figure(b.initial),
                figure(b.adjusted),
                figure(b.executed),
                plain(b.points),
                b.rate.map(|r| about(r, 2, "%", lang)).unwrap_or_default(),
                b.claimed.map(plain).unwrap_or_default(),
                range_text(b.low, b.high),
            ],
            working: leaf
                .and_then(|l| l.leaf.as_ref())
                .and_then(|l| l.working.clone())
                .unwrap_or_default(),
        }
    });
    let grade = match (&e.grade, lang) {
        (Some(g), _) => g.to_string(),
        (None, Lang::Zh) => format!("视未知资料而定（可能：{}）", e.possible_grades.join("、")),
        (None, Lang::En) => format!(
            "depends on unknown facts ({})",
            e.possible_grades.join(", ")
        ),
    };
    // The unit's own grade is the grade of the total it states; a sum of
    // its rows' claims is not a total it stated.
    let claimed_grade = e.claimed.and_then(|c| rubric.grade(c)).unwrap_or("—");
    let grade = match lang {
        Lang::Zh => format!("自评等级：{claimed_grade}；评价等级：{grade}"),
        Lang::En => format!("claimed grade: {claimed_grade}; grade: {grade}"),
    };
    let claimed = match (e.claimed, lang) {
        (Some(c), _) => plain(c),
        (None, Lang::Zh) => format!("{}（各项合计）", plain(review.summary.claimed_sum)),
        (None, Lang::En) => format!("{} (rows added up)", plain(review.summary.claimed_sum)),
    };
    Laid {
        title: e.title.to_string(),
        depth,
        unit,
        funds,
        rows,
        points: plain(e.points),
        claimed,
        score: range_text(e.low, e.high),
        grade,
        total_working: e.working.clone().unwrap_or_default(),
    }
}

/// The review's lines on deviations, for the sections after the form.
pub(super) fn deviation_lines(review: &Review, lang: Lang) -> Vec<String> {
    let mut list: Vec<_> = review.deviations.iter().collect();
    // Those without a reason first.
    list.sort_by_key(|d| d.is_explained());
    let sep = if lang == Lang::Zh { "：" } else { ": " };
    let mut lines: Vec<String> = list
        .iter()
        .map(|d| format!("{}{sep}{}", d.name, deviation_words::deviation(d, lang)))
        .collect();
    if let Some(b) = &review.budget {
        let line = deviation_words::budget(b, lang);
        lines.insert(
            0,
            if lang == Lang::Zh {
                format!("项目资金：{line}")
            } else {
                format!("Project funds: {line}")
            },
        );
    }
    lines
}

/// Whether a rubric is laid out as a project self-evaluation.
pub(super) fn applies(rubric: &Rubric) -> bool {
    matches!(rubric.spec().form, Some(Form::ProjectSelfEvaluation { .. }))
}

fn width(s: &str) -> usize {
    super::width(s)
}

/// The form for a terminal: the header block, one line per row with its
/// working and 偏差原因 below, then 总分 and 自评等级.
pub(super) fn text(rubric: &Rubric, review: &Review, lang: Lang) -> String {
    let laid = lay_out(rubric, review, lang);
    let l = labels(laid.depth, &laid.unit, lang);
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let _ = writeln!(out, "{}", laid.title);
    if let Some(f) = &laid.funds {
        let header = [
            laid_funds_header(&l),
            vec![l.funds_row.to_owned()]
                .into_iter()
                .chain(f.cells.iter().cloned())
                .collect(),
        ];
        write_grid(&mut out, &header, |c| c > 0, |_, _| {});
        if !f.working.is_empty() {
            let _ = writeln!(
                out,
                "    {}{}",
                if zh { "计分：" } else { "working: " },
                f.working
            );
        }
        let _ = writeln!(out);
    }
    let mut grid: Vec<Vec<String>> = Vec::with_capacity(laid.rows.len() + 1);
    let mut header: Vec<String> = l.levels.clone();
    header.extend([l.target, l.actual, l.points, l.claimed, l.score].map(str::to_owned));
    grid.push(header);
    grid.extend(laid.rows.iter().map(|row| row.cells(false)));
    let columns = grid[0].len();
    let colon = if zh { "：" } else { ": " };
    write_grid(
        &mut out,
        &grid,
        |c| c + 3 >= columns,
        |out, i| {
            let Some(row) = i.checked_sub(1).and_then(|i| laid.rows.get(i)) else {
                return;
            };
            if !row.working.is_empty() {
                let _ = writeln!(
                    out,
                    "    {}{colon}{}",
                    if zh { "计分" } else { "working" },
                    row.working
                );
            }
            if !row.deviation.is_empty() {
                let _ = writeln!(out, "    {}{colon}{}", l.deviation, row.deviation);
            }
        },
    );
    if zh {
        let _ = writeln!(
            out,
            "{}：分值{}，自评得分{}，得分{}；{}",
            l.total, laid.points, laid.claimed, laid.score, laid.grade
        );
    } else {
        let _ = writeln!(
            out,
            "{}: points {}, claimed {}, score {}; {}",
            l.total, laid.points, laid.claimed, laid.score, laid.grade
        );
    }
    if !laid.total_working.is_empty() {
        let _ = writeln!(out, "{}", laid.total_working);
    }
    out
}

fn laid_funds_header(l: &Labels) -> Vec<String> {
    vec![
        l.funds.clone(),
        l.initial.to_owned(),
        l.adjusted.to_owned(),
        l.executed.to_owned(),
        l.points.to_owned(),
        l.rate.to_owned(),
        l.claimed.to_owned(),
        l.score.to_owned(),
    ]
}

/// Writes rows of cells padded to their columns, numbers to the right, and
/// after each row what `after` writes.
fn write_grid(
    out: &mut String,
    grid: &[Vec<String>],
    numeric: impl Fn(usize) -> bool,
    mut after: impl FnMut(&mut String, usize),
) {
    let columns = grid.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            grid.iter()
                .map(|r| r.get(c).map_or(0, |s| width(s)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for (i, cells) in grid.iter().enumerate() {
        let line: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                if numeric(c) && i > 0 {
                    super::pad_left(cell, widths[c])
                } else {
                    super::pad(cell, widths[c])
                }
            })
            .collect();
        let _ = writeln!(out, "{}", line.join("  ").trim_end());
        after(out, i);
    }
}

/// The form as Markdown.
pub(super) fn markdown(rubric: &Rubric, review: &Review, lang: Lang) -> String {
    let laid = lay_out(rubric, review, lang);
    let l = labels(laid.depth, &laid.unit, lang);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md_escape(&laid.title));
    if let Some(f) = &laid.funds {
        let header = laid_funds_header(&l);
        let _ = writeln!(
            out,
            "| {} |",
            header
                .iter()
                .map(|h| md_escape(h))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        let _ = writeln!(
            out,
            "|{}",
            header.iter().map(|_| "---|").collect::<String>()
        );
        let mut cells = vec![md_escape(l.funds_row)];
        cells.extend(f.cells.iter().map(|c| md_escape(c)));
        let _ = writeln!(out, "| {} |", cells.join(" | "));
        if !f.working.is_empty() {
            let _ = writeln!(out, "\n{}：{}", l.working, md_escape(&f.working));
        }
        let _ = writeln!(out);
    }
    let mut header: Vec<&str> = l.levels.iter().map(String::as_str).collect();
    header.extend([
        l.target,
        l.actual,
        l.points,
        l.claimed,
        l.score,
        l.deviation,
        l.working,
    ]);
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(
        out,
        "|{}",
        header.iter().map(|_| "---|").collect::<String>()
    );
    for row in &laid.rows {
        let cells: Vec<String> = row.cells(true).iter().map(|c| md_escape(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    let mut total = vec![format!("**{}**", l.total)];
    total.extend((1..laid.depth + 2).map(|_| String::new()));
    total.extend([
        laid.points.clone(),
        laid.claimed.clone(),
        format!("**{}**", laid.score),
        md_escape(&laid.grade),
        md_escape(&laid.total_working),
    ]);
    let _ = writeln!(out, "| {} |", total.join(" | "));
    out
}

/// The form as CSV rows (without the byte-order mark).
pub(super) fn csv(rubric: &Rubric, review: &Review, lang: Lang) -> String {
    let laid = lay_out(rubric, review, lang);
    let l = labels(laid.depth, &laid.unit, lang);
    let mut out = String::new();
    let mut line = |fields: &[String]| {
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
    line(std::slice::from_ref(&laid.title));
    if let Some(f) = &laid.funds {
        let mut header = laid_funds_header(&l);
        header.push(l.working.to_owned());
        line(&header);
        let mut cells = vec![l.funds_row.to_owned()];
        cells.extend(f.cells.iter().cloned());
        cells.push(f.working.clone());
        line(&cells);
        line(&[]);
    }
    let mut header: Vec<String> = l.levels.clone();
    header.extend(
        [
            l.target,
            l.actual,
            l.points,
            l.claimed,
            l.score,
            l.deviation,
            l.working,
        ]
        .map(str::to_owned),
    );
    line(&header);
    for row in &laid.rows {
        line(&row.cells(true));
    }
    let mut total = vec![l.total.to_owned()];
    total.extend((1..laid.depth + 2).map(|_| String::new()));
    total.extend([
        laid.points.clone(),
        laid.claimed.clone(),
        laid.score.clone(),
        laid.grade.clone(),
        laid.total_working.clone(),
    ]);
    line(&total);
    out
}

/// The form as the body of an HTML page: the header block and the table.
pub(super) fn html(rubric: &Rubric, review: &Review, lang: Lang) -> String {
    let laid = lay_out(rubric, review, lang);
    let l = labels(laid.depth, &laid.unit, lang);
    let mut out = String::new();
    if let Some(f) = &laid.funds {
        let _ = write!(out, "<table id=\"funds\">\n<thead><tr>");
        for h in laid_funds_header(&l) {
            let _ = write!(out, "<th>{}</th>", html_escape(&h));
        }
        let _ = write!(
            out,
            "</tr></thead>\n<tbody><tr><td>{}</td>",
            html_escape(l.funds_row)
        );
        for c in &f.cells {
            let _ = write!(out, "<td class=\"num\">{}</td>", html_escape(c));
        }
        let _ = writeln!(out, "</tr>");
        if !f.working.is_empty() {
            let _ = writeln!(
                out,
                "<tr><td class=\"working\" colspan=\"8\">{}：{}</td></tr>",
                html_escape(l.working),
                html_escape(&f.working)
            );
        }
        let _ = writeln!(out, "</tbody>\n</table>");
    }
    let _ = write!(out, "<table id=\"indicators\">\n<thead><tr>");
    for h in l.levels.iter().map(String::as_str).chain([
        l.target,
        l.actual,
        l.points,
        l.claimed,
        l.score,
        l.deviation,
        l.working,
    ]) {
        let _ = write!(out, "<th>{}</th>", html_escape(h));
    }
    let _ = writeln!(out, "</tr></thead>\n<tbody>");
    for row in &laid.rows {
        let _ = write!(out, "<tr>");
        super::level_cells_html(&mut out, &row.levels);
        let differs = !row.claimed.is_empty() && row.claimed != row.score;
        let _ = writeln!(
            out,
            "<td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num{}\">{}</td><td class=\"criterion\">{}</td><td class=\"working\">{}</td></tr>",
            html_escape(&row.target),
            html_escape(&row.actual),
            html_escape(&row.points),
            html_escape(&row.claimed),
            if differs { " differs" } else { "" },
            html_escape(&row.score),
            html_escape(&row.deviation),
            html_escape(&row.working)
        );
    }
    let _ = writeln!(
        out,
        "<tr class=\"total\"><td colspan=\"{}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"working\">{}</td></tr>\n</tbody>\n</table>",
        laid.depth + 2,
        html_escape(l.total),
        html_escape(&laid.points),
        html_escape(&laid.claimed),
        html_escape(&laid.score),
        html_escape(&laid.grade),
        html_escape(&laid.total_working)
    );
    out
}
