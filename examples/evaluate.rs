//! The command-line front door: evaluate a department's facts against a
//! rubric and print the filled-in table.
//!
//! ```text
//! cargo run --example evaluate -- rubrics/zhijiang-2020-department/rubric.json \
//!     rubrics/zhijiang-2020-department/facts.json [--json] [--lang zh|en]
//! ```
//!
//! Bad files print the crate's error message and exit with status 1.

use std::process::ExitCode;

use jixiao::{render, EvalOptions, Facts, Lang, Rubric};

const USAGE: &str = "usage: evaluate <rubric.json> <facts.json> [--json] [--lang zh|en]";

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
    let mut lang = Lang::Zh;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
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
    let evaluation = rubric
        .evaluate_with(&facts, &EvalOptions::new().lang(lang))
        .map_err(|e| format!("{facts_path}: {e}"))?;
    if json {
        serde_json::to_string_pretty(&evaluation)
            .map(|s| s + "\n")
            .map_err(|e| e.to_string())
    } else {
        Ok(render::text(&rubric, &evaluation, lang))
    }
}
