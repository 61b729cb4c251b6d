//! Commands and references in the repository's documents work on any
//! machine from the repository root (issue 10, item 22): no absolute path
//! of one machine, no target directory of one machine.

use std::path::{Path, PathBuf};

/// Every Markdown file of the repository, outside build output.
fn markdown(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if !matches!(name.as_ref(), "target" | ".git" | "corpus" | "artifacts") {
                markdown(&path, out);
            }
        } else if name.ends_with(".md") {
            out.push(path);
        }
    }
}

#[test]
fn documents_name_no_path_of_one_machine() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    markdown(root, &mut files);
    assert!(files.len() > 5, "found only {files:?}");
    // The folders a path of one machine starts with, spelt out here so
    // that this file names none itself.
    let machine_paths: Vec<String> = ["work", "home", "root", "tmp", "Users"]
        .iter()
        .map(|d| format!("/{d}/"))
        .chain([format!("C:{}", '\\')])
        .collect();
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            let absolute = machine_paths.iter().any(|p| line.contains(p.as_str()));
            if absolute || line.contains("CARGO_TARGET_DIR=/") {
                found.push(format!(
                    "{}:{}: {line}",
                    file.strip_prefix(root).unwrap_or(&file).display(),
                    i + 1
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "machine-specific paths:\n{}",
        found.join("\n")
    );
}
