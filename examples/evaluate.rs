//! The command-line front door: evaluate a department's facts against a
//! rubric and print the filled-in table.
//!
//! ```text
//! cargo run --example evaluate -- rubrics/zhijiang-2020-department/rubric.json \
//!     rubrics/zhijiang-2020-department/facts.json [--format text|markdown|csv|html|json] [--lang zh|en]
//! cargo run --example evaluate -- rubrics/mof-2020-unit-self-evaluation/targets.json \
//!     rubrics/mof-2020-unit-self-evaluation/facts.json [--convention convention.json]
//! ```
//!
//! The first file is a rubric, or a project's target table (绩效目标表,
//! recognised by its rows' `level1` and `target`), which is compiled under
//! the national convention of 财预〔2020〕10号 or the one `--convention`
//! names, and printed as the filled-in 项目支出绩效自评表.
//!
//! `text` (the default) prints the filled-in table with each score's
//! working, then the review: claims against the computed scores, the
//! cross-checks of the base data, and what would change the score.
//! `markdown`, `csv` and `html` print the same as documents; `json` prints
//! the whole review as JSON, and `--json` only the evaluation.
//!
//! A batch of departments (`departments.json`, for a rubric that scores
//! departments against each other) prints each relative leaf's standings,
//! then each department's table and review; `--format json` the whole
//! batch review and `--json` the evaluations:
//!
//! ```text
//! cargo run --example evaluate -- rubrics/example-district-staffing-relative/rubric.json \
//!     rubrics/example-district-staffing-relative/departments.json
//! ```
//!
//! Bad files print the crate's error message and exit with status 1.

use std::process::ExitCode;

use jixiao::render::{self, Format};
use jixiao::{Convention, Departments, EvalOptions, Facts, Lang, Rubric, TargetTable};

const USAGE: &str = "usage: evaluate <rubric.json | targets.json> <facts.json | departments.json> [--format text|markdown|csv|html|json] [--json] [--lang zh|en] [--convention convention.json]";

fn main() -> ExitCode {
    match run() {
        Ok(output) => {
            print!("{output}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<String, String> {
    let mut paths = Vec::new();
    let mut json = false;
    let mut json_review = false;
    let mut format = None;
    let mut lang = Lang::Zh;
    let mut convention_path = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--format" => match args.next().as_deref() {
                Some("json") => json_review = true,
                Some(f) => {
                    format = Some(
                        f.parse::<Format>()
                            .map_err(|e| format!("--format: {e}, or json\n{USAGE}"))?,
                    )
                }
                None => return Err(format!("--format takes a format\n{USAGE}")),
            },
            "--lang" => {
                lang = match args.next().as_deref() {
                    Some("zh") => Lang::Zh,
                    Some("en") => Lang::En,
                    other => {
                        return Err(format!("--lang takes zh or en, found {other:?}\n{USAGE}"))
                    }
                }
            }
            "--convention" => match args.next() {
                Some(path) => convention_path = Some(path),
                None => return Err(format!("--convention takes a file\n{USAGE}")),
            },
            "-h" | "--help" => return Ok(format!("{USAGE}\n")),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"))
            }
            _ => paths.push(arg),
        }
    }
    let [rubric_path, facts_path] = paths.as_slice() else {
        return Err(USAGE.to_owned());
    };
    let read = |path: &str| std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"));
    let text = read(rubric_path)?;
    if convention_path.is_some() && !TargetTable::is_target_table(&text) {
        return Err(format!(
            "--convention applies to a target table, and {rubric_path} is a rubric\n{USAGE}"
        ));
    }
    let convention = match &convention_path {
        Some(path) => Convention::from_json(&read(path)?).map_err(|e| format!("{path}: {e}"))?,
        None => Convention::national(),
    };
    let rubric =
        Rubric::from_document(&text, &convention).map_err(|e| format!("{rubric_path}: {e}"))?;
    let facts_text = read(facts_path)?;
    if is_batch(&facts_text) {
        return batch(
            &rubric,
            &facts_text,
            facts_path,
            (format, json_review),
            json,
            lang,
        );
    }
    let facts = Facts::from_json(&facts_text).map_err(|e| format!("{facts_path}: {e}"))?;
    let review = rubric
        .review_with(&facts, &EvalOptions::new().lang(lang))
        .map_err(|e| format!("{facts_path}: {e}"))?;
    let to_json = |value: &dyn erased::Json| value.pretty().map(|s| s + "\n");
    if json {
        return to_json(&review.evaluation);
    }
    if json_review {
        return to_json(&review);
    }
    Ok(render::document(
        format.unwrap_or_default(),
        &rubric,
        &review,
        lang,
    ))
}

/// Whether a document is a batch of departments scored together
/// (`{"departments": [...]}`) rather than one department's facts.
fn is_batch(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| {
        v.get("departments")
            .is_some_and(serde_json::Value::is_array)
    })
}

/// A batch reviewed together: the standings and each department's table
/// and review as text, or the whole batch review (`--json`: the
/// evaluations) as JSON.
fn batch(
    rubric: &Rubric,
    text: &str,
    path: &str,
    (format, json_review): (Option<Format>, bool),
    json: bool,
    lang: Lang,
) -> Result<String, String> {
    let departments = Departments::from_json(text).map_err(|e| format!("{path}: {e}"))?;
    let options = EvalOptions::new().lang(lang);
    let pretty = |value: &dyn erased::Json| value.pretty().map(|s| s + "\n");
    if json {
        let evaluation = rubric
            .evaluate_batch_with(&departments.departments, &options)
            .map_err(|e| format!("{path}: {e}"))?;
        return pretty(&evaluation);
    }
    let review = rubric
        .review_batch_with(&departments.departments, &options)
        .map_err(|e| format!("{path}: {e}"))?;
    match (format, json_review) {
        (_, true) => pretty(&review),
        (None | Some(Format::Text), false) => Ok(render::batch_text(rubric, &review, lang)),
        (Some(other), false) => Err(format!(
            "a batch of departments prints as text or json, not {other:?}\n{USAGE}"
        )),
    }
}

mod erased {
    /// Pretty JSON of either the review or the evaluation.
    pub trait Json {
        fn pretty(&self) -> Result<String, String>;
    }

    impl<T: serde::Serialize> Json for T {
        fn pretty(&self) -> Result<String, String> {
            serde_json::to_string_pretty(self).map_err(|e| e.to_string())
        }
    }
}
