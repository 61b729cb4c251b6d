//! The command-line front door: evaluate a department's facts against a
//! rubric and print the filled-in table.
//!
//! ```text
//! cargo run --example evaluate -- rubrics/zhijiang-2020-department/rubric.json \
//!     rubrics/zhijiang-2020-department/facts.json [--format text|markdown|csv|html|json] [--lang zh|en]
//! ```
//!
//! `text` (the default) prints the filled-in table with each score's
//! working, then the review: claims against the computed scores, the
//! cross-checks of the base data, and what would change the score.
//! `markdown`, `csv` and `html` print the same as documents; `json` prints
//! the whole review as JSON, and `--json` only the evaluation.
//!
//! Bad files print the crate's error message and exit with status 1.

use std::process::ExitCode;

use jixiao::{render, EvalOptions, Facts, Lang, Rubric};

const USAGE: &str =
    "usage: evaluate <rubric.json> <facts.json> [--format text|markdown|csv|html|json] [--json] [--lang zh|en]";

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
    let mut format = "text".to_owned();
    let mut lang = Lang::Zh;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--format" => match args.next().as_deref() {
                Some(f @ ("text" | "markdown" | "csv" | "html" | "json")) => format = f.to_owned(),
                other => {
                    return Err(format!(
                    "--format takes text, markdown, csv, html or json, found {other:?}\n{USAGE}"
                ))
                }
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
    let rubric =
        Rubric::from_json(&read(rubric_path)?).map_err(|e| format!("{rubric_path}: {e}"))?;
    let facts = Facts::from_json(&read(facts_path)?).map_err(|e| format!("{facts_path}: {e}"))?;
    let review = rubric
        .review_with(&facts, &EvalOptions::new().lang(lang))
        .map_err(|e| format!("{facts_path}: {e}"))?;
    let to_json = |value: &dyn erased::Json| value.pretty().map(|s| s + "\n");
    if json {
        return to_json(&review.evaluation);
    }
    Ok(match format.as_str() {
        "markdown" => render::markdown(&rubric, &review, lang),
        "csv" => render::csv(&rubric, &review, lang),
        "html" => render::html(&rubric, &review, lang),
        "json" => to_json(&review)?,
        _ => render::review_text(&rubric, &review, lang),
    })
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
