//! Errors as data (issue 11, items 1–2): every error serialises with a
//! stable code, the indicator by names and ids, the field as a JSON Pointer,
//! what was expected and found, and its message in Chinese and English.

use jixiao::{Error, Facts, Lang, Rubric};
use serde_json::{json, Value};

const SEED: &str = include_str!("../rubrics/zhijiang-2020-department/rubric.json");
const SEED_FACTS: &str = include_str!("../rubrics/zhijiang-2020-department/facts.json");

/// The seed's facts with `编制数` left out and a misspelt `编制人数` given.
fn misspelt_facts() -> Facts {
    let mut facts: Value = serde_json::from_str(SEED_FACTS).expect("JSON");
    let values = facts["values"].as_object_mut().expect("values");
    let staff = values.remove("编制数").expect("the seed gives 编制数");
    values.insert("编制人数".to_owned(), staff);
    serde_json::from_value(facts).expect("facts")
}

#[test]
fn a_refused_evaluation_serialises_with_codes_pointers_and_both_languages() {
    let rubric = Rubric::from_json(SEED).expect("the seed compiles");
    let err = rubric.evaluate(&misspelt_facts()).expect_err("refused");
    let value = serde_json::to_value(&err).expect("serialises");
    let expected: Value = serde_json::from_str(
        r##"{
  "message": {
    "en": "the facts have 2 problems:\nfield `values.编制人数`: `编制人数` is not an input of this rubric; did you mean `编制数`?\nfield `values.编制数`: no value given for `编制数`, expected a number or \"unknown\"; needed by 投入 › 预算配置 › 在职人员控制率",
    "zh": "填报资料有2个问题：\n字段 values.编制人数：“编制人数”不是本指标表的基础数据项；是否应为“编制数”？\n字段 values.编制数：未填写“编制数”，应填写数值或\"unknown\"（未知）；投入 › 预算配置 › 在职人员控制率需要此项"
  },
  "problems": [
    {
      "code": "undeclared_input",
      "expected": {
        "en": "an input this rubric declares",
        "zh": "本指标表声明的基础数据项"
      },
      "field": "values.编制人数",
      "found": {
        "en": "`编制人数`",
        "zh": "`编制人数`"
      },
      "indicator": null,
      "message": {
        "en": "field `values.编制人数`: `编制人数` is not an input of this rubric; did you mean `编制数`?",
        "zh": "字段 values.编制人数：“编制人数”不是本指标表的基础数据项；是否应为“编制数”？"
      },
      "pointer": "/values/编制人数",
      "suggestion": "编制数"
    },
    {
      "code": "missing_input",
      "expected": {
        "en": "a number or \"unknown\"",
        "zh": "数值或\"unknown\"（未知）"
      },
      "field": "values.编制数",
      "found": {
        "en": "none",
        "zh": "未填写"
      },
      "indicator": null,
      "input": "编制数",
      "message": {
        "en": "field `values.编制数`: no value given for `编制数`, expected a number or \"unknown\"; needed by 投入 › 预算配置 › 在职人员控制率",
        "zh": "字段 values.编制数：未填写“编制数”，应填写数值或\"unknown\"（未知）；投入 › 预算配置 › 在职人员控制率需要此项"
      },
      "needed_by": [
        [
          {
            "id": "投入",
            "name": "投入"
          },
          {
            "id": "预算配置",
            "name": "预算配置"
          },
          {
            "id": "在职人员控制率",
            "name": "在职人员控制率"
          }
        ]
      ],
      "needed_by_unlisted": 0,
      "pointer": "/values/编制数"
    }
  ],
  "unlisted": 0
}"##,
    )
    .expect("JSON");
    assert_eq!(value, expected);
    // The same whole, through the crate's `Error`, which every stage's
    // refusal converts into.
    assert_eq!(
        serde_json::to_value(Error::from(err)).expect("serialises"),
        expected
    );
}

/// A rubric problem's pointer is a place in the rubric document, through
/// the indicators' positions, however the ids are written (`1.1`).
#[test]
fn a_rubric_problem_points_into_the_document() {
    let rubric = json!({
        "title": "t", "total": 10,
        "grades": [{ "label": "全", "min": 0 }],
        "inputs": [{ "name": "a.b" }],
        "indicators": [
            { "id": "1", "name": "投入", "points": 10, "children": [
                { "id": "1.1", "name": "甲", "points": 4, "rule": { "kind": "judgement" } },
                { "id": "1.2", "name": "乙", "points": 6, "rule": { "kind": "stepped_bands",
                  "formula": "a.b", "bands": [
                    { "range": "[0,1)", "points": 1 }, { "range": "[1,+∞)", "points": 7 } ] } }
            ] }
        ]
    });
    let err = Rubric::compile(serde_json::from_value(rubric.clone()).expect("a spec"))
        .expect_err("band points above the leaf");
    let issue = &err.issues()[0];
    assert_eq!(issue.code(), "invalid_value");
    assert_eq!(
        issue.pointer(),
        "/indicators/0/children/1/rule/bands/1/points"
    );
    assert_eq!(rubric.pointer(&issue.pointer()), Some(&json!(7)));
    assert_eq!(
        issue.indicator().map(|p| p.ids().collect::<Vec<_>>()),
        Some(vec!["1", "1.2"])
    );
    assert_eq!(
        issue.message(Lang::Zh),
        "指标“投入 › 乙”，字段 rule.bands[1].points：应为不超过本指标分值6分，实际为7"
    );
    assert_eq!(
        serde_json::to_value(issue).expect("serialises")["indicator"],
        json!([{ "id": "1", "name": "投入" }, { "id": "1.2", "name": "乙" }])
    );
}

/// A JSON error names the indicator by its ids too, and its pointer leads
/// to the field; keys with `/` and `~` are escaped (RFC 6901).
#[test]
fn a_json_error_points_into_the_document() {
    let text = json!({
        "title": "t", "total": 4,
        "indicators": [{ "id": "1", "name": "甲", "points": 4,
                         "rule": { "kind": "judgment" } }]
    })
    .to_string();
    let Err(Error::Json(err)) = Rubric::from_json(&text) else {
        panic!("refused as JSON");
    };
    assert_eq!(err.code(), "unknown_variant");
    assert_eq!(err.pointer(), "/indicators/0/rule/kind");
    assert_eq!(
        err.message(Lang::Zh),
        "指标表：指标“甲”，字段 rule.kind：取值“judgment”无效，应为以下之一：ratio_threshold、stepped_bands、checklist、proportional、rating、judgement、target、targets_met、relative（第1行第74列）"
    );
    let facts = Facts::from_json(r#"{"values": {"a/b~c": "x"}}"#).expect_err("refused");
    assert_eq!(facts.pointer(), "/values/a~1b~0c");
    assert_eq!(facts.code(), "invalid_value");
}

/// A host that matches none of the kinds (they are `#[non_exhaustive]`)
/// still has the code and the message in both languages from the error.
#[test]
fn a_host_needs_no_match_for_codes_and_messages() {
    let rubric = Rubric::from_json(SEED).expect("the seed compiles");
    let err: Error = rubric
        .evaluate(&misspelt_facts())
        .expect_err("refused")
        .into();
    assert_eq!(err.codes(), ["undeclared_input", "missing_input"]);
    assert!(err.message(Lang::Zh).starts_with("填报资料有2个问题："));
    assert!(err.to_string().starts_with("the facts have 2 problems:"));
}

/// The errors' module depends only on the crate's vocabulary: no stage
/// (spec, rules, evaluation, explanation, location) is imported by it, so
/// every stage can build errors without a cycle.
#[test]
fn errors_depend_only_on_the_vocabulary() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/error");
    let allowed = ["error", "formula", "lang", "limits", "names", "number"];
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("src/error") {
        let path = entry.expect("an entry").path();
        let source = std::fs::read_to_string(&path).expect("a source file");
        // Code only: doc links name other types without importing them.
        let text: String = source
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for (i, _) in text.match_indices("crate::") {
            let module: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !allowed.contains(&module.as_str()) {
                found.push(format!("{}: crate::{module}", path.display()));
            }
        }
    }
    assert!(found.is_empty(), "src/error imports stages: {found:?}");
}
