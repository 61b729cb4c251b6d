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

mod util;

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
    let rules: Vec<Value> = r
        .rules()
        .into_iter()
        .map(|x| serde_json::to_value(x).unwrap())
        .collect();
    json!({ "status": status, "rules": rules, "unplaced": r.unplaced })
}

#[test]
fn the_corpus_reads_as_reviewed_with_no_confident_wrong_answer() {
    let text = std::fs::read_to_string(corpus_path()).expect("corpus");
    let mut corpus: Vec<Value> = serde_json::from_str(&text).expect("corpus JSON");
    assert!(corpus.len() >= 120, "the corpus has {} texts", corpus.len());
    let bless = std::env::var_os("JIXIAO_BLESS").is_some();
    let mut failures = Vec::new();
    let (mut recognised, mut ambiguous, mut unrecognised, mut wrong, mut unreviewed) =
        (0, 0, 0, 0, 0);
    for (i, entry) in corpus.iter_mut().enumerate() {
        assert!(
            entry["source"]
                .as_str()
                .is_some_and(|s| s.starts_with("http")),
            "entry {i} names its source"
        );
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
                failures.push(format!(
                    "entry {i} ({}): {}\n  expected {}\n  got      {}",
                    entry["name"],
                    entry["criterion"],
                    entry.get("expected").unwrap_or(&Value::Null),
                    got
                ));
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
        std::fs::write(
            corpus_path(),
            serde_json::to_string_pretty(&corpus).unwrap() + "\n",
        )
        .unwrap();
    }
    let n = corpus.len();
    println!(
        "corpus of {n} texts: recognised {recognised} ({}%), ambiguous {ambiguous} ({}%), unrecognised {unrecognised} ({}%), confident wrong {wrong}",
        percent(recognised, n),
        percent(ambiguous, n),
        percent(unrecognised, n)
    );
    assert!(
        failures.is_empty(),
        "{} results changed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(unreviewed, 0, "results not yet reviewed (set `verdict`)");
    assert_eq!(wrong, 0, "confident wrong answers");
}

/// A share in whole percent, rounded half up.
fn percent(k: usize, n: usize) -> usize {
    (k * 200 + n) / (2 * n)
}

#[cfg(feature = "proptest")]
mod canonical {
    //! The renderer and the recogniser agree: a rule written in its
    //! canonical wording reads back as that rule.

    use jixiao::testkit::rubric_spec;
    use jixiao::{Criterion, Status, Wording};
    use proptest::prelude::*;
    use serde_json::Value;

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
                                *r = r
                                    .replace("[0%,", "[0,")
                                    .replace("(0%,", "(0,")
                                    .replace(",0%]", ",0]")
                                    .replace(",0%)", ",0)");
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
            for leaf in super::util::leaves(&spec.indicators) {
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
    fn every_kind_the_generator_makes_has_a_wording() {
        let kinds = [
            "ratio_threshold",
            "stepped_bands",
            "checklist",
            "proportional",
            "rating",
            "judgement",
        ];
        let mut rendered = std::collections::BTreeSet::new();
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        for _ in 0..200 {
            let spec = rubric_spec().new_tree(&mut runner).unwrap().current();
            for leaf in super::util::leaves(&spec.indicators) {
                if Wording::of(&leaf).is_some() {
                    rendered.insert(
                        leaf.rule
                            .as_ref()
                            .map(|r| format!("{:?}", r.kind()))
                            .unwrap_or_default(),
                    );
                }
            }
        }
        assert_eq!(rendered.len(), kinds.len(), "{rendered:?}");
    }
}

/// The whole result of reading `text` for a row of `points` named `name`.
fn read(text: &str, name: &str, points: &str) -> Value {
    let r = Criterion::new(text)
        .name(name)
        .points(points.parse().unwrap())
        .recognise();
    serde_json::to_value(&r).unwrap()
}

#[test]
fn a_step_rule_stated_whole_is_recognised_with_its_spans() {
    let r = read(
        "在职人员控制率≤100%，计5分；每超过一个百分点扣0.5分，扣完为止。不足一个百分点的不扣分。",
        "在职人员控制率",
        "5",
    );
    assert_eq!(
        r,
        json!({
            "status": "recognised",
            "rule": { "kind": "ratio_threshold", "formula": "在职人员控制率", "threshold": "100%", "direction": "above",
                      "step": "1%", "deduction": "0.5", "partial_unit": "whole" },
            "readings": [],
            "unplaced": [],
            "spans": [
                { "start": 0, "end": 7, "text": "在职人员控制率", "field": "formula" },
                { "start": 8, "end": 12, "text": "100%", "field": "threshold" },
                { "start": 13, "end": 16, "text": "计5分", "field": "points" },
                { "start": 17, "end": 20, "text": "每超过", "field": "direction" },
                { "start": 20, "end": 25, "text": "一个百分点", "field": "step" },
                { "start": 26, "end": 30, "text": "0.5分", "field": "deduction" },
                { "start": 31, "end": 35, "text": "扣完为止", "field": "floor" },
                { "start": 36, "end": 47, "text": "不足一个百分点的不扣分", "field": "partial_unit" }
            ],
            "notes": ["the text gives no formula: the measure is read as the input `在职人员控制率` the text names"]
        })
    );
}

#[test]
fn chinese_numerals_and_full_width_digits_read_as_numbers() {
    let r = read("合格率不低于百分之九十五，计满分；每低于两个百分点扣一分，扣完为止。不足两个百分点的按比例扣分。", "合格率", "5");
    assert_eq!(r["status"], "recognised", "{r}");
    assert_eq!(
        r["rule"],
        json!({ "kind": "ratio_threshold", "formula": "合格率", "threshold": "95%", "direction": "below",
                "step": "2%", "deduction": "1", "partial_unit": "proportional" })
    );
    let r = read(
        "９０％（含）以上计６分；低于９０％（不设下限）计０分",
        "满意度",
        "6",
    );
    assert_eq!(
        r["rule"]["bands"],
        json!([
            { "range": "[90%,+∞)", "points": "6", "label": "９０％（含）以上" },
            { "range": "(-∞,90%)", "points": "0", "label": "低于９０％（不设下限）" }
        ])
    );
}

#[test]
fn a_band_end_the_text_leaves_open_gives_two_readings() {
    let r = read("90%以上计5分；80%-90%计3分；80%以下不得分", "满意度", "5");
    assert_eq!(r["status"], "ambiguous");
    let readings: Vec<&str> = r["readings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["reading"].as_str().unwrap())
        .collect();
    assert_eq!(readings, vec![
        "80%、90% belongs to the band above it — 分界值80%、90%计入较高一档; the lowest band takes every value below its end, negative ones too — 最低一档不设下限",
        "80%、90% belongs to the band above it — 分界值80%、90%计入较高一档; the lowest band starts at 0%: the measure cannot be negative, and a negative value is refused — 最低一档自0%起",
        "80%、90% belongs to the band below it — 分界值80%、90%计入较低一档; the lowest band takes every value below its end, negative ones too — 最低一档不设下限",
        "80%、90% belongs to the band below it — 分界值80%、90%计入较低一档; the lowest band starts at 0%: the measure cannot be negative, and a negative value is refused — 最低一档自0%起",
    ]);
    assert_eq!(r["readings"][0]["rule"]["bands"][0]["range"], "[90%,+∞)");
    assert_eq!(r["readings"][2]["rule"]["bands"][0]["range"], "(90%,+∞)");
}

#[test]
fn done_or_not_is_a_level_or_a_target() {
    let r = read("完成得满分，未完成不得分", "工作任务", "4");
    assert_eq!(r["status"], "ambiguous");
    assert_eq!(r["readings"][0]["rule"]["kind"], "rating");
    assert_eq!(r["readings"][0]["rule"]["levels"][0]["points"], "100%");
    assert_eq!(
        r["readings"][1]["rule"],
        json!({ "kind": "target", "unmet": "zero" })
    );
}

#[test]
fn contradictions_and_silence_are_never_read_as_a_rule() {
    // Both bands claim 80%.
    let r = read("80%（含）以上计5分；70%-80%（含）计3分", "满意度", "5");
    assert_eq!(r["status"], "unrecognised");
    assert_eq!(
        r["notes"],
        json!(["the text puts 80% in both bands (`70%-80%（含）` and `80%（含）以上`)"])
    );
    // No threshold to count the steps from.
    let r = read("每超过一个百分点扣0.5分，扣完为止", "控制率", "5");
    assert_eq!(r["status"], "unrecognised");
    assert_eq!(r["unplaced"], json!(["每超过一个百分点扣0.5分"]));
    // A sign the page's text recognition turned into a letter.
    let r = read(
        "在职人员控制率W100%,计5分;每超过一个百分点扣0.5分",
        "在职人员控制率",
        "5",
    );
    assert_eq!(r["status"], "unrecognised");
    assert_eq!(
        r["unplaced"],
        json!(["在职人员控制率W100%,计5分", "每超过一个百分点扣0.5分"])
    );
    // An item's points are never taken from the deduction after it.
    let r = read(
        "①制度健全。以上情况每出现一例不符合要求的扣0.5分，扣完为止。",
        "制度",
        "1",
    );
    assert_eq!(
        r["rule"]["items"][0],
        json!({ "id": "①", "text": "制度健全", "per_case": "0.5" })
    );
}

#[test]
fn empty_and_oversized_texts_get_an_answer() {
    let r = read("  ", "x", "1");
    assert_eq!(
        r,
        json!({ "status": "unrecognised", "rule": null, "readings": [], "unplaced": [], "spans": [],
                          "notes": ["the 评价标准 is empty: there is nothing to read"] })
    );
    let long = "计".repeat(20_001);
    let r = read(&long, "x", "1");
    assert_eq!(
        r["notes"],
        json!(["the text has 20001 characters, more than the limit of 20000"])
    );
    // Text of every kind of character reads without a panic.
    for text in [
        "①",
        "每",
        "扣",
        "（含）",
        "-",
        "±",
        "百分之",
        "〔",
        "１．５分",
        "0-",
        "≥",
        "扣完为止扣完为止",
        "①—⑤每项符合得",
    ] {
        let _ = read(text, "x", "1");
    }
}

#[test]
fn every_number_of_a_recognised_rule_is_in_a_span() {
    // Over the corpus: each number a rule holds is written in a span of the
    // text it was read from (or is the row's points, read from 满分).
    let text = std::fs::read_to_string(corpus_path()).unwrap();
    let corpus: Vec<Value> = serde_json::from_str(&text).unwrap();
    let numerals = [
        ("一个", "1"),
        ("两个", "2"),
        ("一", "1"),
        ("两", "2"),
        ("二", "2"),
        ("五", "5"),
        ("十", "10"),
    ];
    for entry in corpus {
        let r = recognise(&entry);
        let spans: Vec<String> = r
            .spans
            .iter()
            .map(|s| {
                let mut t: String = s
                    .text
                    .chars()
                    .map(|c| {
                        if ('\u{FF10}'..='\u{FF19}').contains(&c) {
                            char::from_u32(c as u32 - 0xFEE0).unwrap()
                        } else {
                            c
                        }
                    })
                    .collect();
                for (cn, d) in numerals {
                    t = t.replace(cn, d);
                }
                t
            })
            .collect();
        let definition = entry["definition"].as_str().unwrap_or_default();
        for rule in r.rules() {
            let mut numbers = Vec::new();
            collect_numbers(&serde_json::to_value(rule).unwrap(), &mut numbers);
            for n in numbers {
                let found = spans.iter().any(|s| s.contains(&n))
                    || definition.contains(&n)
                    || (n == "100"
                        && spans
                            .iter()
                            .any(|s| s.contains("满分") || s.contains("完成")))
                    || (n == "0"
                        && spans.iter().any(|s| {
                            s.contains("不得分")
                                || s.contains("未完成")
                                || s.contains("不扣分")
                                || s.contains("以下")
                                || s.contains("低于")
                                || s.contains("不健全")
                                || s.contains("不齐全")
                                || s.contains("扣完")
                        }));
                assert!(
                    found,
                    "{}: {n} in {rule:?} is in no span of {spans:?}",
                    entry["criterion"]
                );
            }
        }
    }
}

/// The numbers a rule's parameters hold (not in its formula or words).
fn collect_numbers(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if matches!(
                    k.as_str(),
                    "formula" | "text" | "label" | "guidance" | "name" | "id" | "target"
                ) {
                    continue;
                }
                collect_numbers(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect_numbers(x, out)),
        Value::String(s) => {
            for part in s.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')) {
                let part = part.trim_start_matches('-');
                if let Ok(d) = part.parse::<Decimal>() {
                    out.push(d.normalize().to_string());
                }
            }
        }
        _ => {}
    }
}

#[test]
fn targets_the_facts_give_and_counts_of_targets_met_read_back() {
    for rule in [
        json!({ "kind": "target", "actual": "实际完成率=甲/乙×100%", "unit": "%", "unmet": "proportional" }),
        json!({ "kind": "target", "actual": "甲+乙", "unmet": "zero" }),
        json!({ "kind": "targets_met", "within": "30%", "scoring": "proportional" }),
        json!({ "kind": "targets_met", "scoring": { "per_miss": 2 } }),
    ] {
        let leaf: jixiao::IndicatorSpec = serde_json::from_value(
            json!({ "id": "x", "name": "目标实现", "points": 10, "rule": rule }),
        )
        .unwrap();
        let w = jixiao::Wording::of(&leaf).expect("a wording");
        let mut c = Criterion::new(&w.criterion)
            .name(&w.name)
            .points(leaf.points);
        if let Some(d) = &w.definition {
            c = c.definition(d);
        }
        let r = c.recognise();
        assert_eq!(r.status, Status::Recognised, "{}: {r:?}", w.criterion);
        assert_eq!(r.rule, leaf.rule, "{}", w.criterion);
    }
}

mod hostile {
    //! Any text gets an answer: pieces of the documents' wording shuffled
    //! at random never make the recogniser or the importer panic, and what
    //! they are read as always serialises.

    use jixiao::{import_table, Criterion};
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "0",
        "5",
        "10",
        "100",
        "0.5",
        "%",
        "％",
        "个百分点",
        "一个",
        "两",
        "百分之九十",
        "分",
        "计",
        "得",
        "扣",
        "满分",
        "不得分",
        "每超过",
        "每低于",
        "每超过（降低）",
        "（含）",
        "（不含）",
        "以上",
        "以下",
        "以内",
        "-",
        "至",
        "±",
        "≥",
        "≤",
        "=",
        "＞",
        "，",
        "；",
        "。",
        "：",
        "①",
        "②",
        "①—③",
        "每项",
        "以上情况",
        "每出现一例",
        "扣完为止",
        "满分为止",
        "按完成比例计分",
        "未达到的",
        "达到",
        "完成",
        "为达标",
        "达标个数",
        "比例",
        "没有",
        "的",
        "按满分计算",
        "不适用的",
        "分母为0的",
        "酌情",
        "效果较好",
        "一般",
        "控制率",
        "=",
        "（",
        "）",
        "×100%",
        "/",
        "W",
        " ",
        "\n",
    ];

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(PIECES), 0..40).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn any_wording_gets_an_answer(t in text(), d in text(), points in 0u32..20) {
            let r = Criterion::new(&t).definition(&d).points(points.into()).name("控制率").recognise();
            let json = serde_json::to_string(&r).unwrap();
            let back: jixiao::Recognition = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, r.clone());
            for s in &r.spans {
                prop_assert!(s.start <= s.end, "{:?}", s);
            }
        }

        #[test]
        fn any_text_at_all_gets_an_answer(t in "\\PC{0,80}", d in "\\PC{0,40}") {
            let r = Criterion::new(&t).definition(&d).name(&d).recognise();
            prop_assert!(serde_json::to_string(&r).is_ok());
            let _ = import_table(&t);
        }

        #[test]
        fn any_table_gets_an_answer(cells in proptest::collection::vec(text(), 0..30)) {
            let mut table = String::from("一级指标,分值,二级指标,分值,三级指标,分值,评价标准\n");
            for (i, c) in cells.iter().enumerate() {
                table.push_str(&c.replace(['\n', '"'], ""));
                table.push(if i % 7 == 6 { '\n' } else { ',' });
            }
            let _ = import_table(&table).map(|d| serde_json::to_string(&d).unwrap());
        }
    }
}
