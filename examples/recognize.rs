//! Reads a row's 评价标准 and prints the rule it says, the readings where
//! it is ambiguous, or what could not be placed.
//!
//! ```text
//! cargo run --example recognize -- "评价标准 text" [--definition "指标说明 text"] [--points N] [--name NAME] [--json]
//! ```

use std::process::ExitCode;

/// Prints a line; a closed pipe (`| head`) ends the output quietly.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

use jixiao::{Criterion, Decimal, Status};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut text = None;
    let mut definition = None;
    let mut points = None;
    let mut name = None;
    let mut json = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--definition" | "--points" | "--name" => {
                let Some(value) = args.next() else {
                    eprintln!("{arg} needs a value");
                    return ExitCode::from(2);
                };
                match arg.as_str() {
                    "--definition" => definition = Some(value),
                    "--name" => name = Some(value),
                    _ => match value.parse::<Decimal>() {
                        Ok(p) => points = Some(p),
                        Err(_) => {
                            eprintln!(
                                "--points: expected a number such as 5 or 0.5, found `{value}`"
                            );
                            return ExitCode::from(2);
                        }
                    },
                }
            }
            _ if text.is_none() => text = Some(arg),
            _ => {
                eprintln!("unexpected argument `{arg}`; usage: recognize \"评价标准\" [--definition TEXT] [--points N] [--name NAME] [--json]");
                return ExitCode::from(2);
            }
        }
    }
    let Some(text) = text else {
        eprintln!(
            "usage: recognize \"评价标准\" [--definition TEXT] [--points N] [--name NAME] [--json]"
        );
        return ExitCode::from(2);
    };
    let mut criterion = Criterion::new(&text);
    if let Some(d) = &definition {
        criterion = criterion.definition(d);
    }
    if let Some(p) = points {
        criterion = criterion.points(p);
    }
    if let Some(n) = &name {
        criterion = criterion.name(n);
    }
    let recognition = criterion.recognise();
    if json {
        match serde_json::to_string_pretty(&recognition) {
            Ok(s) => out!("{s}"),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
        return ExitCode::SUCCESS;
    }
    let rule = |r: &jixiao::Rule| serde_json::to_string(r).unwrap_or_default();
    match recognition.status {
        Status::Recognised => {
            out!("recognised:");
            if let Some(r) = &recognition.rule {
                out!("  {}", rule(r));
            }
        }
        Status::Ambiguous => {
            out!("ambiguous, {} readings:", recognition.readings.len());
            for r in &recognition.readings {
                out!("  - {}\n    {}", r.reading, rule(&r.rule));
            }
        }
        Status::Unrecognised => {
            out!("not recognised; could not place:");
            for u in &recognition.unplaced {
                out!("  「{u}」");
            }
        }
    }
    if let Some(na) = recognition.not_applicable {
        out!(
            "not applicable: {}",
            serde_json::to_string(&na).unwrap_or_default()
        );
    }
    for note in &recognition.notes {
        out!("note: {note}");
    }
    out!("spans:");
    for s in &recognition.spans {
        out!("  {}..{} {} 「{}」", s.start, s.end, s.field, s.text);
    }
    ExitCode::SUCCESS
}
