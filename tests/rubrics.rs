//! Golden tests: every rubric in `rubrics/` evaluates its example facts to
//! exactly the explained output committed beside it.
//!
//! Each folder holds `rubric.json` (or a project's `targets.json`, compiled
//! under the folder's `convention.json` or the national convention) and
//! `facts.json`; the expected outputs are
//! `evaluation.json` (the whole evaluation, with steps and working) and
//! `evaluation.txt` (the filled-in table and the review, as the front door
//! prints them). After an
//! intended change, regenerate them with
//!
//! ```text
//! JIXIAO_BLESS=1 cargo test --test rubrics
//! ```
//!
//! and review the diff. Every failure is collected and reported at once,
//! naming the file.

mod util;

use jixiao::{render, Facts, Lang};

#[test]
fn every_rubric_evaluates_its_example_to_the_committed_output() {
    let bless = std::env::var_os("JIXIAO_BLESS").is_some();
    let mut failures = Vec::new();
    let folders = util::rubric_folders();
    assert!(!folders.is_empty(), "no rubrics found");
    for dir in folders {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let rubric = match util::load_rubric(&dir) {
            Ok(r) => r,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let facts = match Facts::from_json(&util::read(&dir.join("facts.json"))) {
            Ok(f) => f,
            Err(e) => {
                failures.push(format!("{name}/facts.json: {e}"));
                continue;
            }
        };
        let review = match rubric.review(&facts) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{name}/facts.json: {e}"));
                continue;
            }
        };
        let outputs = [
            (
                "evaluation.json",
                serde_json::to_string_pretty(&review.evaluation).expect("serialises") + "\n",
            ),
            (
                "evaluation.txt",
                render::review_text(&rubric, &review, Lang::Zh),
            ),
        ];
        for (file, actual) in outputs {
            let path = dir.join(file);
            if bless {
                std::fs::write(&path, &actual).expect("write golden file");
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(expected) if expected == actual => {}
                Ok(expected) => failures.push(format!(
                    "{name}/{file} differs from the evaluation ({}); if the change is intended, run JIXIAO_BLESS=1 cargo test --test rubrics",
                    util::first_difference(&expected, &actual)
                )),
                Err(e) => failures.push(format!(
                    "{name}/{file}: {e}; create it with JIXIAO_BLESS=1 cargo test --test rubrics"
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A rubric's README quotes its output: every line of a ```text block in
/// `README.md` is a line of the committed `evaluation.txt`, so that a change
/// of wording shows up as a stale README.
#[test]
fn every_rubric_readme_quotes_its_output_as_it_is() {
    let mut failures = Vec::new();
    for dir in util::rubric_folders() {
        let readme = dir.join("README.md");
        if !readme.is_file() {
            continue;
        }
        let text = util::read(&readme);
        let output = util::read(&dir.join("evaluation.txt"));
        let lines: std::collections::HashSet<&str> = output.lines().map(str::trim).collect();
        let mut rest = text.as_str();
        while let Some(start) = rest.find("```text\n") {
            let block = &rest[start + 8..];
            let end = block.find("```").unwrap_or(block.len());
            for line in block[..end]
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
            {
                if !lines.contains(line) {
                    failures.push(format!("{}: `{line}`", readme.display()));
                }
            }
            rest = &block[end..];
            rest = rest.get(3..).unwrap_or("");
        }
    }
    assert!(
        failures.is_empty(),
        "{} README line(s) not in the output they quote:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
