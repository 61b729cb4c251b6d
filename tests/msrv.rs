//! The declared `rust-version` is true for every feature: it is the highest
//! `rust-version` among the crate's locked runtime dependencies (with all
//! features on), so a host on that toolchain can build any feature set.
//!
//! The machine has one toolchain and cannot fetch another, so the floor is
//! checked against the dependencies' own declarations (`cargo metadata`),
//! not by building with an older compiler.

use std::collections::{BTreeSet, HashMap};
use std::process::Command;

use serde_json::Value;

/// `1.88`, `1.88.0` → (1, 88, 0).
fn version(text: &str) -> (u64, u64, u64) {
    let mut parts = text.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

fn host() -> String {
    let out = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned()))
        .arg("-vV")
        .output()
        .expect("rustc runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .to_owned()
}

#[test]
fn rust_version_is_the_highest_floor_of_the_runtime_dependencies() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--locked",
            "--all-features",
        ])
        .args(["--filter-platform", &host()])
        .arg("--manifest-path")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let packages: HashMap<&str, &Value> = meta["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| (p["id"].as_str().expect("an id"), p))
        .collect();
    let nodes: HashMap<&str, &Value> = meta["resolve"]["nodes"]
        .as_array()
        .expect("a resolve")
        .iter()
        .map(|n| (n["id"].as_str().expect("an id"), n))
        .collect();
    let root = packages
        .values()
        .find(|p| p["name"] == "jixiao")
        .expect("the crate itself");
    let declared = root["rust_version"]
        .as_str()
        .expect("a declared rust-version");
    // Normal and build dependencies, transitively; dev-dependencies do not
    // reach a host.
    let mut seen = BTreeSet::new();
    let mut stack = vec![root["id"].as_str().expect("an id")];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for dep in nodes[id]["deps"].as_array().expect("deps") {
            let runtime = dep["dep_kinds"]
                .as_array()
                .expect("dep kinds")
                .iter()
                .any(|k| k["kind"].is_null() || k["kind"] == "build");
            if runtime {
                stack.push(dep["pkg"].as_str().expect("a package id"));
            }
        }
    }
    let (highest, by) = seen
        .iter()
        .filter(|id| **id != root["id"].as_str().expect("an id"))
        .filter_map(|id| {
            let p = packages[id];
            let rv = p["rust_version"].as_str()?;
            Some((version(rv), format!("{} {}", p["name"], p["version"])))
        })
        .max()
        .expect("dependencies declare a rust-version");
    assert_eq!(
        version(declared),
        highest,
        "Cargo.toml declares rust-version {declared}, but the highest floor among the runtime dependencies is {highest:?} ({by})"
    );
}
