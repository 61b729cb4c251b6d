//! Importing the shipped rubrics' tables (`rubrics/*/table.csv`, each the
//! 附件1 table written out as CSV, merged cells once): the draft's rules
//! equal the shipped rubric's, leaf by leaf, or the draft reports the row
//! ambiguous with the shipped rule among its readings.
//!
//! Rules are compared on what scores: the document's words copied into a
//! rule (item and level texts, band labels, guidance) are set aside, and
//! so is the formula where the text gives none (the draft then reads the
//! row's name as its input; the shipped rubric names the input itself).

mod util;

use jixiao::{import_table, Draft, Rubric, RubricSpec, Status};
use serde_json::Value;

fn draft(folder: &str) -> (Draft, RubricSpec) {
    let dir = util::rubrics_dir().join(folder);
    let table = util::read(&dir.join("table.csv"));
    let shipped: RubricSpec =
        serde_json::from_str(&util::read(&dir.join("rubric.json"))).expect("shipped rubric");
    (import_table(&table).expect("the table imports"), shipped)
}

fn number(v: &Value) -> Option<String> {
    let text = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return None,
    };
    text.parse::<jixiao::Decimal>()
        .ok()
        .map(|d| d.normalize().to_string())
}

/// The rule as it scores: descriptive words dropped, numbers normalised,
/// `0%` written `0`, formulas folded.
fn scoring(rule: &Value, keep_formula: bool) -> Value {
    let mut v = rule.clone();
    let Value::Object(map) = &mut v else { return v };
    map.remove("guidance");
    if keep_formula {
        for key in ["formula", "actual"] {
            if let Some(Value::String(f)) = map.get_mut(key) {
                *f = f
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .map(|c| match c {
                        '÷' => '/',
                        '×' => '*',
                        '（' => '(',
                        '）' => ')',
                        other => other,
                    })
                    .collect::<String>()
                    .trim_end_matches('。')
                    .to_owned();
            }
        }
    } else {
        map.remove("formula");
        map.remove("actual");
    }
    for key in ["deduction"] {
        if let Some(n) = map.get(key).and_then(number) {
            map.insert(key.to_owned(), Value::String(n));
        }
    }
    if let Some(Value::String(t)) = map.get_mut("target") {
        if let Some(n) = number(&Value::String(t.clone())) {
            *t = n;
        }
    }
    if let Some(Value::Number(n)) = map.get("target").cloned() {
        map.insert("target".to_owned(), Value::String(n.to_string()));
    }
    for list in ["bands", "items", "levels"] {
        if let Some(Value::Array(entries)) = map.get_mut(list) {
            for e in entries {
                let Value::Object(m) = e else { continue };
                for k in ["label", "text", "name"] {
                    m.remove(k);
                }
                for k in ["points", "per_case"] {
                    if let Some(n) = m.get(k).and_then(number) {
                        m.insert(k.to_owned(), Value::String(n));
                    }
                }
                if let Some(Value::String(r)) = m.get_mut("range") {
                    *r = r
                        .replace("[0%,", "[0,")
                        .replace("(0%,", "(0,")
                        .replace(",0%]", ",0]")
                        .replace(",0%)", ",0)");
                }
            }
        }
    }
    v
}

/// Each shipped leaf against the draft: `None` when they agree, else why not.
fn compare(folder: &str) -> Vec<String> {
    let (draft, shipped) = draft(folder);
    let shipped_leaves = util::leaves(&shipped.indicators);
    let mut differences = Vec::new();
    // The table was written from the shipped tree, so rows come in its order.
    assert_eq!(
        draft.rows.len(),
        shipped_leaves.len(),
        "{folder}: one row a leaf"
    );
    for (leaf, row) in shipped_leaves.iter().zip(&draft.rows) {
        assert!(
            row.path.ends_with(&leaf.name),
            "{folder}: {} against {}",
            row.path,
            leaf.name
        );
        let keep_formula = row
            .recognition
            .spans
            .iter()
            .any(|s| s.field == "formula" || s.field == "target");
        let want = scoring(
            &serde_json::to_value(leaf.rule.as_ref().expect("a shipped leaf has a rule")).unwrap(),
            keep_formula,
        );
        let got: Vec<Value> = row
            .recognition
            .rules()
            .into_iter()
            .map(|r| scoring(&serde_json::to_value(r).unwrap(), keep_formula))
            .collect();
        match row.recognition.status {
            Status::Recognised if got[0] == want => {}
            Status::Ambiguous if got.contains(&want) => {}
            Status::Unrecognised => differences.push(format!(
                "{}: not recognised ({})",
                leaf.id,
                row.recognition.unplaced.join(" | ")
            )),
            status => differences.push(format!(
                "{}: {status:?}, none of {} rules is the shipped one",
                leaf.id,
                got.len()
            )),
        }
    }
    differences
}

#[test]
fn the_seed_table_imports_to_the_shipped_rules() {
    assert_eq!(compare("zhijiang-2020-department"), Vec::<String>::new());
}

#[test]
fn every_ambiguous_seed_row_has_the_shipped_reading_and_the_rest_is_recognised() {
    let (draft, _) = draft("zhijiang-2020-department");
    let status: Vec<(String, Status, usize)> = draft
        .rows
        .iter()
        .map(|r| {
            (
                r.id.clone(),
                r.recognition.status,
                r.recognition.readings.len(),
            )
        })
        .collect();
    let ambiguous: Vec<&str> = status
        .iter()
        .filter(|s| s.1 == Status::Ambiguous)
        .map(|s| s.0.as_str())
        .collect();
    // Eight step rules (whole steps, prorated or any started step?), two
    // award checklists (may an item partly met earn part of its points?)
    // and one band table whose lowest band has no lower end.
    assert_eq!(
        ambiguous,
        vec![
            "在职人员控制率",
            "“三公经费”变动率",
            "预算完成率",
            "新建楼堂馆所面积控制率",
            "新建楼堂馆所投资概算控制率",
            "公用经费控制率",
            "“三公经费”控制率",
            "政府采购执行率",
            "管理制度健全性",
            "预决算信息公开性",
            "社会公众或服务对象满意度"
        ]
    );
    assert!(
        status.iter().all(|s| s.1 != Status::Unrecognised),
        "{status:?}"
    );
}

#[test]
fn the_seed_draft_is_a_rubric_once_the_author_resolves_it() {
    let (mut draft, shipped) = draft("zhijiang-2020-department");
    let err = draft.clone().into_spec().unwrap_err().to_string();
    assert!(
        err.starts_with("the draft has 12 unresolved items:\n"),
        "{err}"
    );
    assert!(
        err.ends_with(
            "`产出及效率 › 履职效益`: the children's points add up to 12, the row's 分值 is 6"
        ),
        "{err}"
    );
    // The shipped rubric's choices: whole steps, the lowest band from 0%,
    // and 3 + 3 for the merged 分值.
    let shipped_leaves = util::leaves(&shipped.indicators);
    for row in draft.rows.clone() {
        if row.recognition.status != Status::Ambiguous {
            continue;
        }
        let leaf = shipped_leaves
            .iter()
            .find(|l| l.id == row.id)
            .expect("shipped leaf");
        let keep = row.recognition.spans.iter().any(|s| s.field == "formula");
        let want = scoring(
            &serde_json::to_value(leaf.rule.as_ref().unwrap()).unwrap(),
            keep,
        );
        let k = row
            .recognition
            .readings
            .iter()
            .position(|r| scoring(&serde_json::to_value(&r.rule).unwrap(), keep) == want)
            .expect("the shipped reading");
        draft.choose(&row.id, k).unwrap();
    }
    draft.set_points("经济效益", "3".parse().unwrap()).unwrap();
    draft.set_points("社会效益", "3".parse().unwrap()).unwrap();
    assert_eq!(draft.unresolved(), Vec::<String>::new());
    let spec = draft.into_spec().unwrap();
    let rubric = Rubric::compile(spec).expect("the resolved draft compiles");
    assert_eq!(rubric.total(), "100".parse().unwrap());
}

#[test]
fn the_national_frameworks_import_to_their_rules_except_where_the_text_is_not_read() {
    assert_eq!(
        compare("mof-2013-department-framework"),
        vec![
            // 上年度为0的：本年度亦为0的…按满分计算；本年度大于0的，不得分 — a
            // zero denominator with two outcomes, which no rule says.
            "“三公经费”变动率: not recognised (上年度“三公经费”为0的 | 本年度亦为0的 | 作不适用处理 | 按满分计算 | 本年度大于0的，不得分)".to_owned(),
            // The text is silent on 项目总支出 = 0; the shipped rubric reads
            // it as not applicable (its README, Zero denominators).
            "重点支出安排率: Ambiguous, none of 2 rules is the shipped one".to_owned(),
            // 未安排预算且未发生支出的…按满分计算；未安排预算却发生支出的，不得分:
            // two outcomes for a zero denominator.
            "“三公经费”控制率: not recognised (未安排预算却发生支出的，不得分)".to_owned(),
        ]
    );
    assert_eq!(
        compare("mof-2020-project-framework"),
        vec![
            // 8×计划完成时间/实际完成时间: the shipped rubric names a ratio
            // (实际用时比) the text does not write.
            "完成及时性: not recognised (在计划时间内完成的，计8分 | 超期完成的 | 按计划完成时间与实际完成时间之比计分（8×计划完成时间/实际完成时间）)".to_owned(),
        ]
    );
}

#[test]
fn a_department_table_against_its_own_targets_imports_to_its_rules() {
    assert_eq!(
        compare("example-2023-department-targets"),
        Vec::<String>::new()
    );
}

#[test]
fn a_table_without_a_header_is_refused_whole() {
    let err = import_table("投入,5\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "table: expected a header row naming 一级指标 and 评价标准 (or 评分标准), found none"
    );
    let err = import_table("一级指标,分值,三级指标,分值,评价标准\n投入,五分,x,5,y\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 2, column 分值: expected a number of points such as 5 or 0.5, found `五分`"
    );
    let err = import_table("一级指标,分值,评价标准\n\"投入,5\n").unwrap_err();
    assert_eq!(err.to_string(), "line 2: expected a closing quote for the field opened on this line, found the text as written");
}

#[cfg(feature = "xlsx")]
mod xlsx {
    //! `tests/import/seed-excerpt.xlsx`: the seed's 投入 rows as a workbook
    //! would hold them — the title in a cell of its own, 一级 and 二级 merged
    //! over two rows (their value in the first cell only), points and the
    //! self-score stored as numbers.

    use jixiao::{import_table, import_xlsx, Status};

    fn workbook() -> Vec<u8> {
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/import/seed-excerpt.xlsx"
        ))
        .unwrap()
    }

    #[test]
    fn a_workbook_imports_as_its_csv_does() {
        let draft = import_xlsx(&workbook()).expect("imports");
        assert_eq!(draft.spec.title, "部门整体支出绩效评价指标表");
        let paths: Vec<&str> = draft.rows.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "投入 › 预算配置 › 在职人员控制率",
                "投入 › 预算配置 › “三公经费”变动率"
            ]
        );
        assert_eq!(draft.rows[1].claimed, Some("7.5".parse().unwrap()));
        assert_eq!(draft.rows[0].line, 3);
        assert!(draft
            .rows
            .iter()
            .all(|r| r.recognition.status == Status::Ambiguous));
        let csv = "附件1 部门整体支出绩效评价指标表\n一级指标,分值,二级指标,分值,三级指标,分值,评价标准,指标说明,得分\n";
        assert!(import_table(csv).expect("a header alone").rows.is_empty());
    }

    #[test]
    fn bytes_that_are_not_a_workbook_are_refused() {
        let err = import_xlsx(b"not a zip").unwrap_err().to_string();
        assert!(
            err.starts_with(
                "table: expected the bytes of an .xlsx workbook, found bytes that are not one ("
            ),
            "{err}"
        );
    }
}

#[test]
fn a_tab_separated_table_with_merged_cells_continuations_and_gaps_reports_each() {
    let table = "部门整体支出绩效评价指标表\n\
        一级指标\t分值\t二级指标\t分值\t三级指标\t分值\t评价标准\n\
        投入\t10\t预算配置\t10\t重点支出安排率\t6\t重点支出安排率≥90%，计6分；80%（含）-90%，计4分；\n\
        \t\t\t\t\t\t低于80%（不设下限）不得分。\n\
        \t\t\t\t资金结余\t\t无结余，3分；有结余，不得分。\n\
        \t\t\t4\t行政效能\t4\t效果较好的计4分；一般2分；无效果0分。\n";
    let draft = import_table(table).unwrap();
    assert_eq!(draft.spec.title, "部门整体支出绩效评价指标表");
    assert_eq!(
        draft.to_string(),
        "line 3: 投入 › 预算配置 › 重点支出安排率 [6分]: recognised\n\
         \x20 note: the text gives no formula: the measure is read as the input `重点支出安排率` the text names\n\
         line 5: 投入 › 预算配置 › 资金结余 [6分]: recognised\n\
         \x20 note: the best level awards 3 points, the row's 分值 is 6\n\
         line 6: 投入 › （未列名） › 行政效能 [4分]: recognised\n\
         line 4: a row without a name or 分值: its text is read as continuing `重点支出安排率`\n\
         line 6: a 二级指标 分值 (4) is written without a name; the draft names it （未列名）\n\
         line 3: 投入 › 预算配置 › 重点支出安排率: one 分值 (6) is written for the rows 重点支出安排率、资金结余: give each row its own points, or score them together against the one 分值 (`Draft::share_rows`); the draft gives each the whole 6\n\
         points: `投入`: the children's points add up to 14, the row's 分值 is 10\n\
         points: `投入 › 预算配置`: the children's points add up to 12, the row's 分值 is 10\n"
    );
}

/// The seed's 经济效益 and 社会效益 share one 分值 of 6: `share_rows` makes
/// them one leaf over both rows, and the points add up.
#[test]
fn rows_under_one_points_cell_become_one_leaf() {
    let (mut draft, _) = draft("zhijiang-2020-department");
    let row = draft
        .rows
        .iter()
        .find(|r| r.id == "经济效益")
        .expect("the row");
    assert_eq!(row.shared_with, ["社会效益"]);
    assert!(draft.sums().contains(
        &"`产出及效率 › 履职效益`: the children's points add up to 12, the row's 分值 is 6"
            .to_owned()
    ));
    draft.share_rows("经济效益").expect("shares");
    fn find<'a>(
        list: &'a [jixiao::IndicatorSpec],
        name: &str,
    ) -> Option<&'a jixiao::IndicatorSpec> {
        list.iter().find_map(|i| {
            (i.name == name)
                .then_some(i)
                .or_else(|| find(&i.children, name))
        })
    }
    let merged = find(&draft.spec.indicators, "履职效益")
        .expect("the branch")
        .children
        .clone();
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].name, "经济效益、社会效益");
    assert_eq!(
        merged[0]
            .rows
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["经济效益", "社会效益"]
    );
    assert!(
        draft.sums().iter().all(|s| !s.contains("履职效益")),
        "{:?}",
        draft.sums()
    );
    assert!(draft.rows.iter().all(|r| r.id != "社会效益"));
    assert_eq!(
        draft.share_rows("经济效益").unwrap_err().to_string(),
        "table: expected the id of a row whose 分值 cell covers the rows below it, found `经济效益`"
    );
}
