//! Provenance (留痕): the hashes of the canonical rubric and facts stay the
//! same when a document is laid out differently — keys reordered, numbers
//! written another way, re-indented — and change when any value changes.

mod util;

use jixiao::{Facts, Rubric};
use serde_json::Value;

/// JSON text with every object's keys in reverse order and every number
/// rewritten by `number` (serde_json's own writer would sort the keys).
fn rewritten(value: &Value, number: &dyn Fn(&str) -> String) -> String {
    match value {
        Value::Object(map) => {
            let fields: Vec<String> = map
                .iter()
                .rev()
                .map(|(k, v)| {
                    format!(
                        "{} :\n {}",
                        serde_json::to_string(k).expect("a key"),
                        rewritten(v, number)
                    )
                })
                .collect();
            format!("{{ {} }}", fields.join(" ,\n"))
        }
        Value::Array(list) => {
            let items: Vec<String> = list.iter().map(|v| rewritten(v, number)).collect();
            format!("[ {} ]", items.join(", "))
        }
        Value::Number(n) => number(&n.to_string()),
        other => other.to_string(),
    }
}

/// `6.28` as `6.280`, `34` as `3.4e1`: the same numbers written otherwise
/// (single digits, which may be counts of cases, as they are).
fn reformat(n: &str) -> String {
    if n.contains('.') {
        format!("{n}0")
    } else if n.len() > 1 && !n.starts_with('-') {
        format!("{}.{}e{}", &n[..1], &n[1..], n.len() - 1)
    } else {
        n.to_owned()
    }
}

fn seed_texts() -> (String, String) {
    let dir = util::rubrics_dir().join("zhijiang-2020-department");
    (
        util::read(&dir.join("rubric.json")),
        util::read(&dir.join("facts.json")),
    )
}

fn hashes(rubric: &str, facts: &str) -> (String, String) {
    let rubric = Rubric::from_json(rubric).expect("the rubric compiles");
    let facts = Facts::from_json(facts).expect("the facts read");
    let p = rubric.provenance(&facts);
    (p.rubric_hash.to_string(), p.facts_hash.to_string())
}

#[test]
fn layout_does_not_change_the_hashes() {
    let (rubric, facts) = seed_texts();
    let original = hashes(&rubric, &facts);
    let (r, f): (Value, Value) = (
        serde_json::from_str(&rubric).expect("JSON"),
        serde_json::from_str(&facts).expect("JSON"),
    );
    let reordered = (rewritten(&r, &str::to_owned), rewritten(&f, &str::to_owned));
    assert_ne!(reordered.1, facts);
    assert_eq!(hashes(&reordered.0, &reordered.1), original);
    // In the rubric only the decimals: counts such as `precision` are whole
    // numbers, which `2.0` is not written as.
    let fractions = |n: &str| {
        if n.contains('.') {
            reformat(n)
        } else {
            n.to_owned()
        }
    };
    let renumbered = (rewritten(&r, &fractions), rewritten(&f, &reformat));
    assert!(renumbered.0.contains("0.50"), "{}", renumbered.0);
    assert!(renumbered.1.contains("6.280"), "{}", renumbered.1);
    assert!(renumbered.1.contains("3.4e1"), "{}", renumbered.1);
    assert_eq!(hashes(&renumbered.0, &renumbered.1), original);
    // The same facts built in code, numbers written as decimal strings.
    let compact = serde_json::to_string(&f).expect("JSON");
    assert_eq!(hashes(&rubric, &compact), original);
}

#[test]
fn any_change_of_a_value_changes_the_hash() {
    let (rubric, facts) = seed_texts();
    let (rubric_hash, facts_hash) = hashes(&rubric, &facts);
    assert!(facts.contains("6.28"));
    let facts_edits = [
        facts.replacen("6.28", "6.29", 1),
        facts.replacen("\"编制数\": 34", "\"编制数\": 35", 1),
        facts.replacen("\"①\": true", "\"①\": false", 1),
        facts.replacen("无楼堂倌所建设", "无楼堂馆所建设", 1),
    ];
    for edited in &facts_edits {
        assert_ne!(edited, &facts);
        let (r, f) = hashes(&rubric, edited);
        assert_eq!(r, rubric_hash);
        assert_ne!(f, facts_hash, "{edited}");
    }
    let rubric_edits = [
        rubric.replacen("\"version\": \"2020\"", "\"version\": \"2021\"", 1),
        rubric.replacen("每超过一个百分点扣0.5分", "每超过一个百分点扣0.6分", 1),
        rubric.replacen("\"deduction\": 0.5", "\"deduction\": 0.25", 1),
    ];
    for edited in &rubric_edits {
        assert_ne!(edited, &rubric);
        let (r, f) = hashes(edited, &facts);
        assert_ne!(r, rubric_hash, "{edited}");
        assert_eq!(f, facts_hash);
    }
}

/// A review carries the provenance on its evaluation; the hash is the
/// SHA-256 of the canonical bytes, which a host can recompute.
#[test]
fn a_review_carries_its_provenance() {
    let (rubric, facts) = seed_texts();
    let rubric = Rubric::from_json(&rubric).expect("compiles");
    let facts = Facts::from_json(&facts).expect("reads");
    let review = rubric.review(&facts).expect("reviews");
    let provenance = review.evaluation.provenance.clone().expect("provenance");
    assert_eq!(provenance, rubric.provenance(&facts));
    assert_eq!(
        provenance.rubric_id.as_deref(),
        Some("zhijiang-2020-department")
    );
    assert_eq!(provenance.rubric_version.as_deref(), Some("2020"));
    assert_eq!(&*provenance.rubric_hash, rubric.hash());
    assert_eq!(&*provenance.canonical_form, "jixiao-canonical-json/1");
    let canonical = jixiao::provenance::canonical_facts(&facts);
    // Sorted keys, and no `$schema`: which editor schema a file names is
    // not part of what it says.
    assert!(canonical.starts_with("{\"answers\":{"), "{canonical}");
    assert!(
        canonical.contains("\"“三公经费”实际支出数\":\"6.28\""),
        "{canonical}"
    );
    // The evaluation alone leaves it to the host (the hot path).
    assert_eq!(rubric.evaluate(&facts).expect("scores").provenance, None);
}
