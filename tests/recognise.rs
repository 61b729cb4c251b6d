//! Recognising 评价标准 texts: the corpus of real texts
//! (`tests/recognise/corpus.json`, each with its source) against the
//! results recorded and reviewed for it, and single cases with their whole
//! results.
//!
//! Each corpus entry records the result (`expected`) and a reviewer's
//! verdict on it (`verdict`: `right` where every rule the text was read as
//! is what the text says, `wrong` otherwise; unrecognised entries need
//! none). A change in any result fails the test until the entry is
//! reviewed again: `JIXIAO_BLESS=1 cargo test --test recognise` rewrites
//! `expected` and clears the verdict of every entry whose result changed.

use std::path::PathBuf;

use jixiao::{Criterion, Decimal, Recognition, Status};
use serde_json::{json, Value};

fn corpus_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/recognise/corpus.json")
}

fn recognise(entry: &Value) -> Recognition {
    let text = entry["criterion"].as_str().expect("criterion");
    let mut c = Criterion::new(text);
    if let Some(d) = entry["definition"].as_str() {
        c = c.definition(d);
    }
    if let Some(p) = entry["points"].as_str() {
        c = c.points(p.parse::<Decimal>().expect("points"));
    }
    if let Some(n) = entry["name"].as_str() {
        c = c.name(n);
    }
    c.recognise()
}

fn result(r: &Recognition) -> Value {
    let status = serde_json::to_value(r.status).unwrap();
    let rules: Vec<Value> = r.rules().into_iter().map(|x| serde_json::to_value(x).unwrap()).collect();
    json!({ "status": status, "rules": rules, "unplaced": r.unplaced })
}

#[test]
fn the_corpus_reads_as_reviewed_with_no_confident_wrong_answer() {
    let text = std::fs::read_to_string(corpus_path()).expect("corpus");
    let mut corpus: Vec<Value> = serde_json::from_str(&text).expect("corpus JSON");
    assert!(corpus.len() >= 120, "the corpus has {} texts", corpus.len());
    let bless = std::env::var_os("JIXIAO_BLESS").is_some();
    let mut failures = Vec::new();
    let (mut recognised, mut ambiguous, mut unrecognised, mut wrong, mut unreviewed) = (0, 0, 0, 0, 0);
    for (i, entry) in corpus.iter_mut().enumerate() {
        assert!(entry["source"].as_str().is_some_and(|s| s.starts_with("http")), "entry {i} names its source");
        let r = recognise(entry);
        let got = result(&r);
        match r.status {
            Status::Recognised => recognised += 1,
            Status::Ambiguous => ambiguous += 1,
            Status::Unrecognised => unrecognised += 1,
        }
        if entry.get("expected") != Some(&got) {
            if bless {
                entry["expected"] = got;
                if let Some(map) = entry.as_object_mut() {
                    map.remove("verdict");
                }
            } else {
                failures.push(format!("entry {i} ({}): {}\n  expected {}\n  got      {}", entry["name"], entry["criterion"], entry.get("expected").unwrap_or(&Value::Null), got));
            }
            continue;
        }
        match (r.status, entry["verdict"].as_str()) {
            (Status::Unrecognised, _) => {}
            (_, Some("right")) => {}
            (_, Some("wrong")) => wrong += 1,
            _ => unreviewed += 1,
        }
    }
    if bless {
        std::fs::write(corpus_path(), serde_json::to_string_pretty(&corpus).unwrap() + "\n").unwrap();
    }
    let n = corpus.len();
    println!(
        "corpus of {n} texts: recognised {recognised} ({}%), ambiguous {ambiguous} ({}%), unrecognised {unrecognised} ({}%), confident wrong {wrong}",
        percent(recognised, n),
        percent(ambiguous, n),
        percent(unrecognised, n)
    );
    assert!(failures.is_empty(), "{} results changed:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(unreviewed, 0, "results not yet reviewed (set `verdict`)");
    assert_eq!(wrong, 0, "confident wrong answers");
}

/// A share in whole percent, rounded half up.
fn percent(k: usize, n: usize) -> usize {
    (k * 200 + n) / (2 * n)
}
