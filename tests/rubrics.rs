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
