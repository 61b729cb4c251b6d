//! Verify a rubric: what compiles but may not be meant.
//!
//! ```text
//! cargo run --example verify -- rubrics/zhijiang-2020-department/rubric.json [--notes]
//! ```

use std::process::ExitCode;

use jixiao::{Rubric, Severity};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let notes = args.iter().any(|a| a == "--notes");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: verify <rubric.json> [--notes]");
        return ExitCode::FAILURE;
    };
    let rubric = match std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|text| Rubric::from_json(&text).map_err(|e| e.to_string()))
    {
        Ok(rubric) => rubric,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    for finding in rubric.verify() {
        if notes || finding.severity == Severity::Warning {
            println!("{finding}");
        }
    }
    ExitCode::SUCCESS
}
