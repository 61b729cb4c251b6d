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

use jixiao::{render, Departments, Facts, Lang, Rubric};

#[test]
fn every_rubric_evaluates_its_example_to_the_committed_output() {
    golden(util::rubric_folders(), "rubrics", |dir, rubric| {
        let facts = Facts::from_json(&util::read(&dir.join("facts.json")))
            .map_err(|e| format!("facts.json: {e}"))?;
        let review = rubric
            .review(&facts)
            .map_err(|e| format!("facts.json: {e}"))?;
        Ok([
            (
                "evaluation.json",
                serde_json::to_string_pretty(&review.evaluation).expect("serialises") + "\n",
            ),
            (
                "evaluation.txt",
                render::review_text(rubric, &review, Lang::Zh),
            ),
        ])
    });
}

/// Every batch in `rubrics/` (a rubric with relative leaves and its
/// `departments.json`) reviews to exactly the committed `batch.json` (every
/// department's evaluation and the standings) and `evaluation.txt` (the
/// standings, then each department's table and review).
#[test]
fn every_batch_evaluates_its_departments_to_the_committed_output() {
    golden(util::batch_folders(), "batches", |dir, rubric| {
        let departments = Departments::from_json(&util::read(&dir.join("departments.json")))
            .map_err(|e| format!("departments.json: {e}"))?
            .departments;
        let evaluation = rubric
            .evaluate_batch(&departments)
            .map_err(|e| format!("departments.json: {e}"))?;
        let review = rubric
            .review_batch(&departments)
            .map_err(|e| format!("departments.json: {e}"))?;
        Ok([
            (
                "batch.json",
                serde_json::to_string_pretty(&evaluation).expect("serialises") + "\n",
            ),
            (
                "evaluation.txt",
                render::batch_text(rubric, &review, Lang::Zh),
            ),
        ])
    });
}

/// The outputs `outputs` makes for each folder's rubric, compared whole
/// with the committed golden files (or written under `JIXIAO_BLESS`); every
/// failure is collected, naming the folder, the file and where they first
/// differ, and reported once.
fn golden(
    folders: Vec<std::path::PathBuf>,
    what: &str,
    outputs: impl Fn(&std::path::Path, &Rubric) -> Result<[(&'static str, String); 2], String>,
) {
    assert!(!folders.is_empty(), "no {what} found");
    let bless = std::env::var_os("JIXIAO_BLESS").is_some();
    let mut failures = Vec::new();
    for dir in folders {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let made = util::load_rubric(&dir)
            .and_then(|rubric| outputs(&dir, &rubric).map_err(|e| format!("{name}/{e}")));
        let made = match made {
            Ok(made) => made,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        for (file, actual) in made {
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
    for dir in util::rubric_folders()
        .into_iter()
        .chain(util::batch_folders())
    {
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
