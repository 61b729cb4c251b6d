//! A batch of departments scored together, for a terminal: each relative
//! leaf's standings (名次, 部门, 数值, 得分), then each department's
//! filled-in table and review.

use std::fmt::Write as _;

use super::{pad, pad_left, range_text, review_text, width};
use crate::explain::Lang;
use crate::number::{approx, plain};
use crate::peers::{BatchReview, Standings};
use crate::rubric::Rubric;

/// Renders a reviewed batch as text: the standings of every relative leaf,
/// then each department's table and review under its name.
///
/// ```
/// use jixiao::{render, Department, Facts, Lang, Rubric};
///
/// let rubric = Rubric::from_json(r#"{"title": "示例", "total": 6,
///     "inputs": [{ "name": "配比" }],
///     "indicators": [{ "id": "编制总量", "name": "编制总量", "points": 6,
///         "rule": { "kind": "relative", "formula": "配比", "better": "higher", "method": "best" } }]}"#)?;
/// let batch = rubric.review_batch(&[
///     Department::new("甲区", Facts::new().value("配比", "8".parse()?)),
///     Department::new("乙区", Facts::new().value("配比", "6".parse()?)),
/// ])?;
/// let text = render::batch_text(&rubric, &batch, Lang::Zh);
/// assert!(text.starts_with("示例：排名\n编制总量（6分，2个部门）\n名次  部门  数值  得分\n1     甲区     8     6\n2     乙区     6   4.5\n"));
/// assert!(text.contains("\n== 乙区 ==\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn batch_text(rubric: &Rubric, batch: &BatchReview, lang: Lang) -> String {
    let mut out = String::new();
    if !batch.standings.is_empty() {
        let _ = writeln!(
            out,
            "{}{}",
            rubric.title(),
            match lang {
                Lang::Zh => "：排名",
                Lang::En => ": standings",
            }
        );
        for s in &batch.standings {
            standings(&mut out, s, lang);
        }
    }
    for d in &batch.departments {
        let _ = writeln!(out, "\n== {} ==", d.department);
        out.push_str(&review_text(rubric, &d.review, lang));
    }
    out
}

/// One leaf's standings as a table.
fn standings(out: &mut String, s: &Standings, lang: Lang) {
    let _ = match lang {
        Lang::Zh => writeln!(out, "{}（{}分，{}个部门）", s.name, plain(s.points), s.of),
        Lang::En => writeln!(
            out,
            "{} ({} points, {} departments)",
            s.name,
            plain(s.points),
            s.of
        ),
    };
    let header = match lang {
        Lang::Zh => ["名次", "部门", "数值", "得分"],
        Lang::En => ["place", "department", "value", "score"],
    };
    let rows: Vec<[String; 4]> = s
        .rows
        .iter()
        .map(|r| {
            let place = match (r.place, r.lowest) {
                (Some(p), Some(l)) if p != l => format!("{p}–{l}"),
                (Some(p), _) => p.to_string(),
                (None, _) => "—".to_owned(),
            };
            let value = match (r.value, r.place, lang) {
                (Some(v), _, _) => {
                    let (shown, rounded) = approx(v, 2);
                    format!(
                        "{}{shown}{}",
                        if rounded { "≈" } else { "" },
                        if s.percent { "%" } else { "" }
                    )
                }
                (None, Some(_), Lang::Zh) => "未知".to_owned(),
                (None, Some(_), Lang::En) => "unknown".to_owned(),
                (None, None, Lang::Zh) => "不参评".to_owned(),
                (None, None, Lang::En) => "not ranked".to_owned(),
            };
            [
                place,
                r.department.to_string(),
                value,
                range_text(r.low, r.high),
            ]
        })
        .collect();
    let mut widths = header.map(width);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let line = |cells: [&str; 4]| {
        format!(
            "{}  {}  {}  {}",
            pad(cells[0], widths[0]),
            pad_left(cells[1], widths[1]),
            pad_left(cells[2], widths[2]),
            pad_left(cells[3], widths[3])
        )
    };
    let _ = writeln!(out, "{}", line(header).trim_end());
    for row in &rows {
        let _ = writeln!(
            out,
            "{}",
            line([&row[0], &row[1], &row[2], &row[3]]).trim_end()
        );
    }
}
