//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use jixiao::{Facts, IndicatorSpec, Rubric};

/// The repository's `rubrics/` folder.
pub fn rubrics_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics")
}

/// Every folder under `rubrics/` holding a `rubric.json` or a project's
/// `targets.json` and one department's `facts.json`, sorted. Folders of a
/// batch scored together hold `departments.json` instead: see
/// [`batch_folders`].
pub fn rubric_folders() -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(rubrics_dir())
        .expect("rubrics/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("rubric.json").is_file() || p.join("targets.json").is_file())
        .filter(|p| !p.join("departments.json").is_file())
        .collect();
    folders.sort();
    folders
}

/// Every folder under `rubrics/` holding a `rubric.json` and the batch of
/// departments scored together on it, `departments.json`, sorted.
pub fn batch_folders() -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(rubrics_dir())
        .expect("rubrics/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("rubric.json").is_file() && p.join("departments.json").is_file())
        .collect();
    folders.sort();
    folders
}

/// The rubric document of a folder: `rubric.json`, or `targets.json`.
pub fn rubric_file(dir: &Path) -> PathBuf {
    let rubric = dir.join("rubric.json");
    if rubric.is_file() {
        rubric
    } else {
        dir.join("targets.json")
    }
}

/// A folder's rubric: `rubric.json` compiled, or `targets.json` compiled
/// under the folder's `convention.json` (the national convention without one).
pub fn load_rubric(dir: &Path) -> Result<Rubric, String> {
    let file = rubric_file(dir);
    let text = read(&file);
    if file.ends_with("rubric.json") {
        return Rubric::from_json(&text).map_err(|e| format!("{}: {e}", file.display()));
    }
    let convention = match dir.join("convention.json") {
        path if path.is_file() => jixiao::Convention::from_json(&read(&path))
            .map_err(|e| format!("{}: {e}", path.display()))?,
        _ => jixiao::Convention::national(),
    };
    let table =
        jixiao::TargetTable::from_json(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    Rubric::from_targets(&table, &convention).map_err(|e| format!("{}: {e}", file.display()))
}

/// Reads a file that must exist.
#[track_caller]
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The seed rubric and its facts.
pub fn seed() -> (Rubric, Facts) {
    let dir = rubrics_dir().join("zhijiang-2020-department");
    let rubric = Rubric::from_json(&read(&dir.join("rubric.json"))).expect("seed rubric compiles");
    let facts = Facts::from_json(&read(&dir.join("facts.json"))).expect("seed facts parse");
    (rubric, facts)
}

/// Asserts that an error displays exactly `expected`.
#[track_caller]
pub fn assert_to_string(err: impl std::fmt::Display, expected: &str) {
    assert_eq!(err.to_string(), expected);
}

/// Where a committed file and the freshly generated text first differ.
pub fn first_difference(committed: &str, generated: &str) -> String {
    for (i, (c, g)) in committed.lines().zip(generated.lines()).enumerate() {
        if c != g {
            return format!("line {}:\n  committed: {c}\n  generated: {g}", i + 1);
        }
    }
    format!(
        "lengths differ: committed {} lines, generated {}",
        committed.lines().count(),
        generated.lines().count()
    )
}

/// The leaves of an indicator tree, in the table's order.
pub fn leaves(list: &[IndicatorSpec]) -> Vec<IndicatorSpec> {
    let mut out = Vec::new();
    for i in list {
        if i.children.is_empty() {
            out.push(i.clone());
        } else {
            out.extend(leaves(&i.children));
        }
    }
    out
}
