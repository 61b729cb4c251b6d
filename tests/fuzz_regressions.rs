//! The fuzz target's pipeline (`fuzz/fuzz_targets/evaluate.rs`) over every
//! file in `tests/fuzz/` and every `rubrics/*/` folder: no input may panic,
//! and where a rubric compiles and the facts score, the round trips hold.
//!
//! A file in `tests/fuzz/` is rubric JSON, a NUL byte, facts JSON (no NUL:
//! the facts are `{}`); not UTF-8 is skipped, as the fuzzer skips it.
//! `seed-*.bin` are the hand-made seeds, one rule kind each; every other
//! file is a minimised input that once crashed the fuzz target.
//!
//! Keep `run` in step with the fuzz target.

use std::fs;
use std::path::{Path, PathBuf};

use jixiao::{EvalOptions, Evaluation, Facts, Lang, Rubric, RubricSpec, Working};

/// How far an input got, so the seeds can be checked to reach the end.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Reached {
    NotUtf8,
    RubricRefused,
    FactsRefused,
    EvaluationRefused,
    Scored,
}

fn run(data: &[u8]) -> Reached {
    let (rubric_bytes, facts_bytes) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b"{}"[..]),
    };
    let Ok(rubric_json) = std::str::from_utf8(rubric_bytes) else {
        return Reached::NotUtf8;
    };
    let Ok(facts_json) = std::str::from_utf8(facts_bytes) else {
        return Reached::NotUtf8;
    };
    let facts = Facts::from_json(facts_json);
    let rubric = match Rubric::from_json(rubric_json) {
        Ok(rubric) => rubric,
        Err(e) => {
            let _ = e.to_string();
            return Reached::RubricRefused;
        }
    };

    let _ = std::hint::black_box(rubric.verify());
    let _ = std::hint::black_box(rubric.facts_schema());

    // The spec round trip.
    let spec_json = serde_json::to_string(rubric.spec()).expect("a spec serialises");
    let spec: RubricSpec = serde_json::from_str(&spec_json)
        .unwrap_or_else(|e| panic!("a serialised spec reads back: {e}\n{spec_json}"));
    assert_eq!(&spec, rubric.spec(), "the spec round-trips equal");
    let again = Rubric::compile(spec)
        .unwrap_or_else(|e| panic!("a serialised spec compiles again: {e}\n{spec_json}"));

    let facts = match facts {
        Ok(facts) => facts,
        Err(e) => {
            let _ = e.to_string();
            return Reached::FactsRefused;
        }
    };

    let mut reached = Reached::EvaluationRefused;
    for lang in [Lang::Zh, Lang::En] {
        let options = EvalOptions::new().lang(lang);
        let result = rubric.evaluate_with(&facts, &options);
        let evaluation = match &result {
            Ok(evaluation) => evaluation,
            Err(e) => {
                let _ = e.to_string();
                let other = again.evaluate_with(&facts, &options);
                assert!(
                    other.is_err(),
                    "the recompiled rubric scores what the original refuses"
                );
                continue;
            }
        };
        reached = Reached::Scored;
        let _ = jixiao::render::text(&rubric, evaluation, lang);

        let json = serde_json::to_string(evaluation).expect("an evaluation serialises");
        let back: Evaluation = serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("a serialised evaluation reads back: {e}\n{json}"));
        assert_eq!(&back, evaluation, "the evaluation round-trips equal");

        let other = again
            .evaluate_with(&facts, &options)
            .expect("the recompiled rubric scores what the original scores");
        assert_eq!(&other, evaluation, "the recompiled rubric scores the same");

        let mut steps = rubric
            .evaluate_with(&facts, &options.working(Working::StepsOnly))
            .expect("steps-only scores what sentences score");
        let _ = jixiao::render::text(&rubric, &steps, lang);
        let json = serde_json::to_string(&steps).expect("an evaluation serialises");
        let back: Evaluation = serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("a serialised evaluation reads back: {e}\n{json}"));
        assert_eq!(back, steps, "the steps-only evaluation round-trips equal");
        steps.render_working(lang, rubric.precision());
        assert_eq!(
            &steps, evaluation,
            "render_working after StepsOnly gives the sentences"
        );
    }
    reached
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fuzz_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(root().join("tests/fuzz"))
        .expect("tests/fuzz/ exists")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn every_saved_fuzz_input_runs_without_panicking() {
    let files = fuzz_files();
    assert!(!files.is_empty(), "tests/fuzz/ has inputs");
    for path in files {
        // Printed before the run, so a panic's captured output names the file.
        println!("running {}", name(&path));
        let data = fs::read(&path).expect("a readable input");
        let reached = run(&data);
        println!("  {reached:?}");
    }
}

#[test]
fn the_hand_made_seeds_reach_scoring() {
    let seeds: Vec<PathBuf> = fuzz_files()
        .into_iter()
        .filter(|p| name(p).starts_with("seed-"))
        .collect();
    assert!(!seeds.is_empty(), "tests/fuzz/ has seed-*.bin");
    for path in seeds {
        println!("running {}", name(&path));
        let data = fs::read(&path).expect("a readable seed");
        assert_eq!(run(&data), Reached::Scored, "{}", name(&path));
    }
}

#[test]
fn the_shipped_rubrics_with_their_facts_run_the_pipeline() {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root().join("rubrics"))
        .expect("rubrics/ exists")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.join("rubric.json").is_file() && p.join("facts.json").is_file())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "rubrics/ has rubric folders");
    for dir in dirs {
        println!("running {}", name(&dir));
        let mut data = fs::read(dir.join("rubric.json")).expect("a readable rubric");
        data.push(0);
        data.extend(fs::read(dir.join("facts.json")).expect("readable facts"));
        assert_eq!(run(&data), Reached::Scored, "{}", name(&dir));
    }
}
