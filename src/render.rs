//! Renderers: the filled-in indicator table, as a reader sees it, from a
//! [`Rubric`] and its [`Evaluation`]. Pure functions returning `String`.

use std::fmt::Write as _;

use rust_decimal::Decimal;

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
    #[allow(dead_code)]
    pub(crate) criterion: Option<&'a str>,
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
                out.push(Row {
                    branches: above.clone(),
                    leaf: node,
                    criterion: rubric.indicator(&node.id).and_then(|i| i.criterion()),
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

/// A score, or its range: `5`, `0–8`.
pub(crate) fn score_text(node: &IndicatorEvaluation, lang: Lang) -> String {
    if node.excluded {
        return match lang {
            Lang::Zh => "不适用".to_owned(),
            Lang::En => "n/a".to_owned(),
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
fn width(s: &str) -> usize {
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

fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_owned();
    for _ in width(s)..w {
        out.push(' ');
    }
    out
}

fn pad_left(s: &str, w: usize) -> String {
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
    let level_names: Vec<String> = (1..=depth)
        .map(|i| {
            if zh {
                let n = [
                    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
                    "十三",
                ];
                format!("{}级指标", n.get(i - 1).copied().unwrap_or("末"))
            } else {
                format!("Level {i}")
            }
        })
        .collect();
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
                    cells.push(row.leaf.name.to_string());
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
    let total = range_text(evaluation.low, evaluation.high);
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
    out
}
