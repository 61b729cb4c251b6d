//! The fuzz target's pipeline (`fuzz/fuzz_targets/evaluate.rs`) over every
//! file in `tests/fuzz/` and every `rubrics/*/` folder: no input may panic,
//! and where a rubric compiles and the facts score, the round trips hold.
//!
//! A file in `tests/fuzz/` is rubric JSON, a NUL byte, facts JSON (no NUL:
//! the facts are `{}`); not UTF-8 is skipped, as the fuzzer skips it.
//! `seed-*.bin` are the hand-made seeds, one rule kind each; every other
//! file is a minimised input that once crashed the fuzz target.
//!
//! The pipeline itself is `tests/util/pipeline.rs`, which the fuzz target
//! includes too.

use std::fs;
use std::path::{Path, PathBuf};

#[path = "util/pipeline.rs"]
mod pipeline;

use pipeline::{run, Reached};

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
        // Target tables are compiled by `tests/rubrics.rs`; the pipeline reads rubrics.
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

#[test]
fn the_shipped_facts_run_against_every_shipped_rubric() {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root().join("rubrics"))
        .expect("rubrics/ exists")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.join("facts.json").is_file())
        .collect();
    dirs.sort();
    assert!(
        pipeline::shipped().len() >= dirs.len(),
        "every rubric compiles"
    );
    for dir in dirs {
        println!("running {}", name(&dir));
        let data = fs::read(dir.join("facts.json")).expect("readable facts");
        assert_eq!(
            pipeline::facts_only(&data),
            Reached::Scored,
            "{}",
            name(&dir)
        );
    }
    // Saved facts-only inputs: nothing panics.
    for path in fuzz_files()
        .into_iter()
        .filter(|p| name(p).starts_with("facts-"))
    {
        println!("running {}", name(&path));
        let _ = pipeline::facts_only(&fs::read(&path).expect("a readable input"));
    }
}

#[test]
fn the_renderers_write_nothing_a_reader_would_run() {
    // Names and reasons made of spreadsheet formulas and HTML.
    let rubric = r#"{"title": "=1+1", "total": 10, "indicators": [
        {"id": "a", "name": "=cmd|' /C calc'!A0", "points": 5, "not_applicable": "zero",
         "criterion": "@SUM(1)", "rule": {"kind": "judgement"}},
        {"id": "b", "name": "-<b>x</b>", "points": 5, "rule": {"kind": "judgement"}}]}"#;
    let facts = r#"{"answers": {"b": {"score": 1, "reason": "+<script>alert(1)</script>&"}},
        "not_applicable": {"a": "-\"<i>\""}, "claimed": {"a": 5, "b": 5}}"#;
    let mut data = rubric.as_bytes().to_vec();
    data.push(0);
    data.extend(facts.as_bytes());
    assert_eq!(pipeline::render(&data), Reached::Scored);
}
