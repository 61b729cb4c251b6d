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

mod canonical {
    //! The renderer and the recogniser agree: a rule written in its
    //! canonical wording reads back as that rule.

    use jixiao::testkit::rubric_spec;
    use jixiao::{Criterion, IndicatorSpec, Status, Wording};
    use proptest::prelude::*;
    use serde_json::Value;

    fn leaves(list: &[IndicatorSpec], out: &mut Vec<IndicatorSpec>) {
        for i in list {
            if i.children.is_empty() {
                out.push(i.clone());
            } else {
                leaves(&i.children, out);
            }
        }
    }

    /// The rule as it scores: the document's words (labels, item and level
    /// texts, guidance) set aside, and `0%` written `0`.
    fn normalise(v: &mut Value) {
        match v {
            Value::String(s) => {
                let (body, pct) = s.strip_suffix('%').map_or((s.as_str(), ""), |b| (b, "%"));
                if let Ok(d) = body.parse::<jixiao::Decimal>() {
                    *s = format!("{}{pct}", d.normalize());
                }
            }
            Value::Array(a) => a.iter_mut().for_each(normalise),
            Value::Object(m) => m.values_mut().for_each(normalise),
            _ => {}
        }
    }

    fn scoring(rule: &jixiao::Rule) -> Value {
        let mut v = serde_json::to_value(rule).unwrap();
        normalise(&mut v);
        if let Value::Object(m) = &mut v {
            m.remove("guidance");
            for list in ["bands", "items", "levels"] {
                if let Some(Value::Array(entries)) = m.get_mut(list) {
                    for e in entries {
                        if let Value::Object(e) = e {
                            e.remove("label");
                            e.remove("text");
                            if let Some(Value::String(r)) = e.get_mut("range") {
                                *r = r.replace("[0%,", "[0,").replace("(0%,", "(0,").replace(",0%]", ",0]").replace(",0%)", ",0)");
                            }
                        }
                    }
                }
            }
        }
        v
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn a_rule_in_its_canonical_wording_reads_back_as_itself(spec in rubric_spec()) {
            let mut all = Vec::new();
            leaves(&spec.indicators, &mut all);
            for leaf in all {
                let Some(wording) = Wording::of(&leaf) else { continue };
                let mut c = Criterion::new(&wording.criterion).name(&wording.name).points(leaf.points);
                if let Some(d) = &wording.definition {
                    c = c.definition(d);
                }
                let read = c.recognise();
                prop_assert_eq!(read.status, Status::Recognised, "{} → {:?}", wording.criterion, read);
                let got = read.rule.as_ref().map(scoring);
                prop_assert_eq!(got, leaf.rule.as_ref().map(scoring), "{}", wording.criterion);
                prop_assert_eq!(read.not_applicable, leaf.not_applicable, "{}", wording.criterion);
            }
        }
    }

    #[test]
    fn every_kind_the_generator_makes_but_targets_has_a_wording() {
        let kinds = ["ratio_threshold", "stepped_bands", "checklist", "proportional", "rating", "judgement"];
        let mut rendered = std::collections::BTreeSet::new();
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        for _ in 0..200 {
            let spec = rubric_spec().new_tree(&mut runner).unwrap().current();
            let mut all = Vec::new();
            leaves(&spec.indicators, &mut all);
            for leaf in all {
                if Wording::of(&leaf).is_some() {
                    rendered.insert(leaf.rule.as_ref().map(|r| format!("{:?}", r.kind())).unwrap_or_default());
                }
            }
        }
        assert_eq!(rendered.len(), kinds.len(), "{rendered:?}");
    }
}
