//! `jixiao batch`: every facts file of a folder scored against one rubric
//! on all cores (rayon), a progress bar on standard error (indicatif), and
//! one summary CSV. A file that cannot be read or is refused gets its row
//! with the reason; it never stops the others.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use jixiao::render::csv_field;
use jixiao::{CheckOutcome, EvalOptions, Lang, Review, Rubric};
use rayon::prelude::*;

use crate::input::{self, Refusal};

/// One department's row of the summary.
struct Row {
    department: String,
    outcome: Result<Box<Review>, Refusal>,
}

/// The summary's columns.
const HEADER: [&str; 7] = [
    "department",
    "total",
    "grade",
    "claimed",
    "claimed_without_support",
    "failed_checks",
    "refused",
];

pub(crate) fn run(
    rubric: &Rubric,
    dir: &Path,
    output: Option<&Path>,
    lang: Lang,
) -> Result<ExitCode, Refusal> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Refusal::Unreadable {
            file: dir.to_owned(),
            reason: e.to_string(),
        })?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let bar = ProgressBar::new(files.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let options = EvalOptions::new().lang(lang);
    let rows: Vec<Row> = files
        .par_iter()
        .map(|file| {
            let outcome = input::facts(file).and_then(|facts| {
                rubric
                    .review_with(&facts, &options)
                    .map(Box::new)
                    .map_err(|e| Refusal::document(file, e.into()))
            });
            bar.inc(1);
            Row {
                department: file
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                outcome,
            }
        })
        .collect();
    bar.finish_and_clear();
    let refused = rows.iter().filter(|r| r.outcome.is_err()).count();
    let csv = summary(&rows, lang);
    match output {
        Some(path) => std::fs::write(path, csv).map_err(|e| Refusal::Unreadable {
            file: path.to_owned(),
            reason: e.to_string(),
        })?,
        None => print!("{csv}"),
    }
    eprintln!(
        "{}",
        match lang {
            Lang::Zh => format!(
                "共{}个，已评分{}个，拒绝{refused}个",
                rows.len(),
                rows.len() - refused
            ),
            _ => format!(
                "{} files, {} scored, {refused} refused",
                rows.len(),
                rows.len() - refused
            ),
        }
    );
    Ok(if refused == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The summary CSV: a byte-order mark (so spreadsheets read the Chinese),
/// a header, one row per department, every cell neutralised.
fn summary(rows: &[Row], lang: Lang) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&HEADER.join(","));
    out.push_str("\r\n");
    for row in rows {
        let cells: Vec<String> = match &row.outcome {
            Ok(review) => {
                let e = &review.evaluation;
                let total = match e.total {
                    Some(t) => t.normalize().to_string(),
                    None => format!("{}–{}", e.low.normalize(), e.high.normalize()),
                };
                let claimed = e
                    .claimed
                    .or_else(|| (!review.claims.is_empty()).then_some(review.summary.claimed_sum))
                    .map(|c| c.normalize().to_string())
                    .unwrap_or_default();
                let failed = review
                    .checks
                    .iter()
                    .filter(|c| c.outcome == CheckOutcome::Fails)
                    .count();
                vec![
                    row.department.clone(),
                    total,
                    // The grade, or every grade the range still allows.
                    match &e.grade {
                        Some(g) => g.to_string(),
                        None => e
                            .possible_grades
                            .iter()
                            .map(|g| &**g)
                            .collect::<Vec<_>>()
                            .join("/"),
                    },
                    claimed,
                    review.summary.total_unsupported.normalize().to_string(),
                    failed.to_string(),
                    String::new(),
                ]
            }
            Err(refusal) => {
                let mut cells = vec![String::new(); HEADER.len()];
                cells[0] = row.department.clone();
                cells[HEADER.len() - 1] = refusal.reason(lang);
                cells
            }
        };
        let line: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}
