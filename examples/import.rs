//! Imports an indicator table (附件1 评价指标表) and prints the draft rubric
//! as JSON, then the report of every row on standard error.
//!
//! ```text
//! cargo run --example import -- TABLE.csv
//! cargo run --features xlsx --example import -- TABLE.xlsx
//! ```

use std::process::ExitCode;

/// Prints a line; a closed pipe (`| head`) ends the output quietly.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: import TABLE.csv|TABLE.tsv|TABLE.xlsx");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let draft = if path.to_lowercase().ends_with(".xlsx") {
        xlsx(&bytes)
    } else {
        match String::from_utf8(bytes) {
            Ok(text) => jixiao::import_table(&text).map_err(|e| e.to_string()),
            Err(_) => Err("the table is not UTF-8 text; save it as UTF-8 CSV".to_owned()),
        }
    };
    let draft = match draft {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    match serde_json::to_string_pretty(&draft.spec) {
        Ok(json) => out!("{json}"),
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    }
    eprint!("{draft}");
    let open = draft.unresolved();
    if open.is_empty() {
        eprintln!("nothing to resolve: the draft is a rubric");
    } else {
        eprintln!("{} to resolve before the draft is a rubric", open.len());
    }
    ExitCode::SUCCESS
}

#[cfg(feature = "xlsx")]
fn xlsx(bytes: &[u8]) -> Result<jixiao::Draft, String> {
    jixiao::import_xlsx(bytes).map_err(|e| e.to_string())
}

#[cfg(not(feature = "xlsx"))]
fn xlsx(_: &[u8]) -> Result<jixiao::Draft, String> {
    Err("reading .xlsx needs the `xlsx` feature: cargo run --features xlsx --example import -- TABLE.xlsx".to_owned())
}
