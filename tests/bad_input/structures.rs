//! The catalogue's cases for the table structures beyond points that add
//! up: bounds on a leaf, a branch on its own scale, alternatives, shared and
//! averaged not-applicable points, rows sharing one 分值 cell, vetoes, bonus
//! and penalty items — each with the whole message.
//!
//! They edit the base rubric and facts of the catalogue (`base_rubric`,
//! `base_facts`): 投入 (15: 在职人员控制率 5, 预算执行率 5, 满意度 5) and
//! 产出 (15: 制度健全性 4, 资金合规性 3, 行政效能 4, 社会效益 4).

use serde_json::{json, Value};

use super::{both, facts, ind, rubric, Case};

/// Makes 投入's first two leaves alternatives of a group of 5 points (二者择其一).
fn alternatives(r: &mut Value) {
    let input = ind(r, "投入");
    let children = input["children"].as_array_mut().expect("children");
    let first = children.remove(0);
    let second = children.remove(0);
    children.insert(
        0,
        json!({ "id": "择一", "name": "人员或执行", "points": 5, "alternatives": true,
                "children": [first, second] }),
    );
    input["points"] = json!(10);
    r["total"] = json!(25);
    r["grades"] = json!([{ "label": "优", "min": 22 }, { "label": "差", "min": 0 }]);
}

/// Adds a veto of each kind: one the facts answer, one a formula decides.
fn vetoes(r: &mut Value) {
    r["vetoes"] = json!([
        { "id": "违纪", "name": "发生重大违纪违规问题", "effect": "zero" },
        { "id": "执行", "name": "预算执行率低于60%",
          "when": { "formula": "实际支出/预算数×100%", "is": "less_than", "bound": "60%" },
          "effect": { "grade": "良" } }
    ]);
}

pub fn cases() -> Vec<Case> {
    vec![
        // ---- Bounds on a leaf (最低得1分, 扣完3分为止) -------------------
        rubric("floor_above_points", |r| ind(r, "资金合规性")["floor"] = json!(4), "the rubric has 1 problem:\nindicator `产出 › 资金合规性`: field `floor`: expected a score from 0 to the indicator's 3 points, found 4", "指标表有1个问题：\n指标“产出 › 资金合规性”，字段 floor：应为0至本指标分值3分之间的分数，实际为4"),
        rubric(
            "floor_above_cap",
            |r| {
                let leaf = ind(r, "资金合规性");
                leaf["floor"] = json!(2);
                leaf["cap"] = json!(1);
            },
            "the rubric has 1 problem:\nindicator `产出 › 资金合规性`: field `cap`: expected a cap of at least the floor 2, found 1", "指标表有1个问题：\n指标“产出 › 资金合规性”，字段 cap：应为不低于最低得分2分的上限，实际为1",
        ),
        rubric("floor_finer_than_the_precision", |r| ind(r, "资金合规性")["floor"] = json!(0.125), "the rubric has 1 problem:\nindicator `产出 › 资金合规性`: field `floor`: expected a figure of at most 2 decimal places (the rubric's precision), found 0.125", "指标表有1个问题：\n指标“产出 › 资金合规性”，字段 floor：应为至多2位小数的数（指标表的得分精度），实际为0.125"),
        rubric(
            "bonus_cap_finer_than_the_precision",
            |r| {
                r["bonus"] = json!({ "cap": 0.005, "items": [
                    { "id": "加分", "name": "加分", "points": 1, "rule": { "kind": "judgement" } }] });
            },
            "the rubric has 1 problem:\nrubric: field `bonus.cap`: expected a figure of at most 2 decimal places (the rubric's precision), found 0.005", "指标表有1个问题：\n指标表，字段 bonus.cap：应为至多2位小数的数（指标表的得分精度），实际为0.005",
        ),
        rubric("floor_on_a_branch", |r| ind(r, "产出")["floor"] = json!(1), "the rubric has 1 problem:\nindicator `产出`: field `floor`: expected `floor` on leaves only, found it here", "指标表有1个问题：\n指标“产出”，字段 floor：应为仅设在末级指标上的 floor，实际为设在有下级指标的指标上的 floor"),
        // ---- A branch on a scale of its own (一级权重 × 二级得分 ÷ 100) ---
        rubric("out_of_on_a_leaf", |r| ind(r, "社会效益")["out_of"] = json!(100), "the rubric has 1 problem:\nindicator `产出 › 社会效益`: field `out_of`: expected `out_of` on indicators with children only, found it here", "指标表有1个问题：\n指标“产出 › 社会效益”，字段 out_of：应为仅设在有下级指标的指标上的 out_of，实际为设在末级指标上的 out_of"),
        rubric("out_of_not_the_childrens_sum", |r| ind(r, "投入")["out_of"] = json!(100), "the rubric has 1 problem:\nindicator `投入`: field `out_of`: the children's points add up to 15, expected 100 (the scale `out_of` this indicator's children are scored on)", "指标表有1个问题：\n指标“投入”，字段 out_of：下级指标分值合计15分，应等于本指标的折算基数100分（out_of，下级指标按此计分后折算为本指标分值）"),
        // ---- Alternatives (二者择其一) -----------------------------------
        rubric(
            "alternatives_of_different_points",
            |r| {
                alternatives(r);
                ind(r, "在职人员控制率")["points"] = json!(4);
            },
            "the rubric has 1 problem:\nindicator `投入 › 人员或执行`: field `children[0].points`: expected an alternative's points equal to the group's 5, found 4", "指标表有1个问题：\n指标“投入 › 人员或执行”，字段 children[0].points：应为与本组分值5分相同的备选指标分值（择一计分的各项均按本组分值计分），实际为4",
        ),
        both(
            "choice_in_an_alternative_left_out",
            |r| {
                // 择一 (5): the group 人员或执行 of two alternatives, or 满意度.
                alternatives(r);
                let input = ind(r, "投入");
                let children = input["children"].as_array_mut().expect("children");
                let inner = children.remove(0);
                let satisfaction = children.remove(0);
                children.insert(
                    0,
                    json!({ "id": "外层", "name": "外层择一", "points": 5, "alternatives": true,
                            "children": [inner, satisfaction] }),
                );
                input["points"] = json!(5);
                r["total"] = json!(20);
                r["grades"] = json!([{ "label": "优", "min": 18 }, { "label": "差", "min": 0 }]);
            },
            |f| f["choices"] = json!({ "外层": "满意度指标", "择一": "预算执行率" }),
            "the facts have 1 problem:\nindicator `投入 › 外层择一 › 人员或执行`: field `choices.择一`: expected facts only for the alternative chosen in `外层` (`满意度指标`), found facts for `择一`, which the choice leaves out", "填报资料有1个问题：\n指标“投入 › 外层择一 › 人员或执行”，字段 choices.择一：应为只填报“外层”中所选备选指标“满意度指标”的资料，实际为填报了未选中的“择一”的资料",
        ),
        both(
            "unknown_exclusion_under_a_scale_of_its_own",
            |r| {
                ind(r, "投入")["out_of"] = json!(15);
                let leaf = ind(r, "预算执行率");
                leaf["not_applicable"] = json!("exclude");
                leaf["rule"]["zero_denominator"] = json!("not_applicable");
            },
            |f| f["values"]["预算数"] = json!("unknown"),
            "the facts have 1 problem:\nindicator `投入`: field `not_applicable`: expected facts that settle whether each indicator under a branch on its own scale applies (the branch rescales within itself), found unknown facts that may leave an indicator out", "填报资料有1个问题：\n指标“投入”，字段 not_applicable：应为能确定按折算基数计分的指标下各项是否适用的资料（该指标在其下级指标范围内折算），实际为可能使某项指标不适用的未知资料",
        ),
        rubric("alternatives_on_a_leaf", |r| ind(r, "社会效益")["alternatives"] = json!(true), "the rubric has 1 problem:\nindicator `产出 › 社会效益`: field `alternatives`: expected `alternatives` on indicators with children only, found it here", "指标表有1个问题：\n指标“产出 › 社会效益”，字段 alternatives：应为仅设在有下级指标的指标上的 alternatives，实际为设在末级指标上的 alternatives"),
        both(
            "alternatives_without_a_choice",
            alternatives,
            |_| {},
            "the facts have 1 problem:\nindicator `投入 › 人员或执行`: field `choices.择一`: no answer given, expected the id of the alternative scored (二者择其一): one of `在职人员控制率`、`预算执行率`, or \"unknown\"", "填报资料有1个问题：\n指标“投入 › 人员或执行”，字段 choices.择一：未填写，应填写所选备选指标的id（二者择其一）：“在职人员控制率”、“预算执行率”之一，或\"unknown\"（未知）",
        ),
        both(
            "alternatives_choice_not_in_the_group",
            alternatives,
            |f| f["choices"] = json!({ "择一": "满意度指标" }),
            "the facts have 1 problem:\nindicator `投入 › 人员或执行`: field `choices.择一`: expected one of the group's alternatives `在职人员控制率`、`预算执行率`, or \"unknown\", found `满意度指标`", "填报资料有1个问题：\n指标“投入 › 人员或执行”，字段 choices.择一：应为本组备选指标“在职人员控制率”、“预算执行率”之一，或\"unknown\"（未知），实际为“满意度指标”",
        ),
        facts(
            "choice_for_an_indicator_that_is_not_a_group",
            |f| f["choices"] = json!({ "投入": "预算执行率" }),
            "the facts have 1 problem:\nindicator `投入`: field `choices.投入`: expected the id of a group of alternatives (`alternatives: true`), found `投入`", "填报资料有1个问题：\n指标“投入”，字段 choices.投入：应为择一计分指标组（alternatives: true）的id，实际为“投入”",
        ),
        both(
            "facts_for_the_alternative_left_out",
            alternatives,
            |f| {
                f["choices"] = json!({ "择一": "预算执行率" });
                f["claimed"] = json!({ "在职人员控制率": 5 });
            },
            "the facts have 1 problem:\nindicator `投入 › 人员或执行 › 在职人员控制率`: field `claimed.在职人员控制率`: expected facts only for the alternative chosen in `择一` (`预算执行率`), found facts for `在职人员控制率`, which the choice leaves out", "填报资料有1个问题：\n指标“投入 › 人员或执行 › 在职人员控制率”，字段 claimed.在职人员控制率：应为只填报“择一”中所选备选指标“预算执行率”的资料，实际为填报了未选中的“在职人员控制率”的资料",
        ),
        // ---- Not applicable: shared or averaged ------------------------
        rubric("share_without_share_with", |r| ind(r, "社会效益")["not_applicable"] = json!("share"), "the rubric has 1 problem:\nindicator `产出 › 社会效益`: field `share_with`: expected the ids of the sibling leaves that share this leaf's points, found none", "指标表有1个问题：\n指标“产出 › 社会效益”，字段 share_with：应为分摊本指标分值的同级末级指标id，实际为未填写"),
        rubric(
            "share_with_not_a_sibling",
            |r| {
                let leaf = ind(r, "社会效益");
                leaf["not_applicable"] = json!("share");
                leaf["share_with"] = json!(["在职人员控制率"]);
            },
            "the rubric has 1 problem:\nindicator `产出 › 社会效益`: field `share_with[0]`: expected the id of another leaf under `产出`, found `在职人员控制率`", "指标表有1个问题：\n指标“产出 › 社会效益”，字段 share_with[0]：应为“产出”下另一末级指标的id，实际为“在职人员控制率”",
        ),
        rubric("share_with_without_share", |r| ind(r, "社会效益")["share_with"] = json!(["行政效能"]), "the rubric has 1 problem:\nindicator `产出 › 社会效益`: field `share_with`: expected `share_with` only with `not_applicable: share`, found it without `not_applicable`", "指标表有1个问题：\n指标“产出 › 社会效益”，字段 share_with：应为与 not_applicable: share 同用的 share_with，实际为未设 not_applicable 时填写的 share_with"),
        // ---- Rows sharing one 分值 cell ---------------------------------
        rubric("rows_on_a_branch", |r| ind(r, "产出")["rows"] = json!([{ "name": "a" }, { "name": "b" }]), "the rubric has 1 problem:\nindicator `产出`: field `rows`: expected `rows` on leaves only, found it here", "指标表有1个问题：\n指标“产出”，字段 rows：应为仅设在末级指标上的 rows，实际为设在有下级指标的指标上的 rows"),
        rubric("rows_only_one", |r| ind(r, "社会效益")["rows"] = json!([{ "name": "经济效益" }]), "the rubric has 1 problem:\nindicator `产出 › 社会效益`: field `rows`: expected at least two rows sharing the points (one row is the indicator itself), found 1 row", "指标表有1个问题：\n指标“产出 › 社会效益”，字段 rows：应为至少两行共用本指标分值（只有一行时，该行就是指标本身），实际为1行"),
        // ---- Vetoes (一票否决 / 一票否优) --------------------------------
        rubric(
            "veto_grade_not_a_grade",
            |r| {
                vetoes(r);
                r["vetoes"][1]["effect"] = json!({ "grade": "良好" });
            },
            "the rubric has 1 problem:\nindicator `一票否决 › 预算执行率低于60%`: field `effect.grade`: expected one of the rubric's grades: 优、良、差, found `良好`", "指标表有1个问题：\n指标“一票否决 › 预算执行率低于60%”，字段 effect.grade：应为指标表的评价等级之一：优、良、差，实际为“良好”",
        ),
        rubric(
            "veto_id_twice",
            |r| {
                vetoes(r);
                r["vetoes"][1]["id"] = json!("违纪");
            },
            "the rubric has 1 problem:\nindicator `一票否决 › 预算执行率低于60%`: field `id`: expected an id no other veto uses, found `违纪` again", "指标表有1个问题：\n指标“一票否决 › 预算执行率低于60%”，字段 id：应为其他否决事项未用过的id，实际为“违纪”重复出现",
        ),
        rubric(
            "veto_formula_names_no_input",
            |r| {
                vetoes(r);
                r["vetoes"][1]["when"]["formula"] = json!("执行数/预算数×100%");
            },
            "the rubric has 1 problem:\nindicator `一票否决 › 预算执行率低于60%`: field `when`: formula `执行数/预算数×100%` at character 1: unknown input `执行数`; the rubric declares 在职人员数、编制数、满意度、实际支出、预算数", "指标表有1个问题：\n指标“一票否决 › 预算执行率低于60%”，字段 when：公式“执行数/预算数×100%”第1个字符处：未声明的基础数据“执行数”；指标表声明的有在职人员数、编制数、满意度、实际支出、预算数",
        ),
        rubric(
            "veto_bound_without_percent_sign",
            |r| {
                vetoes(r);
                r["vetoes"][1]["when"]["bound"] = json!(60);
            },
            "the rubric has 1 problem:\nindicator `一票否决 › 预算执行率低于60%`: field `when.bound`: expected a percentage written with a % sign, such as \"60%\", because the formula is a percentage, found 60", "指标表有1个问题：\n指标“一票否决 › 预算执行率低于60%”，字段 when.bound：应为带%的百分数，如\"60%\"，因为公式是百分比，实际为60",
        ),
        rubric(
            "veto_effect_unknown",
            |r| {
                vetoes(r);
                r["vetoes"][0]["effect"] = json!("void");
            },
            "rubric: field `vetoes`: unknown variant `void`, expected `zero` or `grade` (line 186, column 22)", "指标表：字段 vetoes：取值“void”无效，应为以下之一：zero、grade（第186行第22列）",
        ),
        both("veto_unanswered", vetoes, |_| {}, "the facts have 1 problem:\nindicator `一票否决 › 发生重大违纪违规问题`: field `vetoes.违纪`: no answer given, expected whether the veto holds: {\"evidence\": <what shows it>}, false, or \"unknown\"", "填报资料有1个问题：\n指标“一票否决 › 发生重大违纪违规问题”，字段 vetoes.违纪：未填写，应填写是否存在否决情形：{\"evidence\": <相关依据>}、false（不存在）或\"unknown\"（未知）"),
        both("veto_answered_true", vetoes, |f| f["vetoes"] = json!({ "违纪": true }), "facts: field `vetoes`: invalid value: boolean `true`, expected {\"evidence\": <what shows the veto holds>}, false, or \"unknown\" (line 31, column 18)", "填报资料：字段 vetoes：取值无效，应为{\"evidence\": <相关依据>}（存在否决情形）、false（不存在）或\"unknown\"（未知），实际为布尔值true（第31行第18列）"),
        both("veto_evidence_empty", vetoes, |f| f["vetoes"] = json!({ "违纪": { "evidence": " " } }), "the facts have 1 problem:\nindicator `一票否决 › 发生重大违纪违规问题`: field `vetoes.违纪.evidence`: expected the evidence that the veto holds (the audit, the case): a veto that zeroes or caps a score names what shows it, found an empty text", "填报资料有1个问题：\n指标“一票否决 › 发生重大违纪违规问题”，字段 vetoes.违纪.evidence：应为存在否决情形的依据（审计、案件等）：否决事项使总分计零或限定等级，须写明依据，实际为空白"),
        both(
            "veto_answer_for_the_formulas_veto",
            vetoes,
            |f| f["vetoes"] = json!({ "违纪": false, "执行": false }),
            "the facts have 1 problem:\nindicator `一票否决 › 预算执行率低于60%`: field `vetoes.执行`: expected no answer: the veto is decided by its formula `实际支出 ÷ 预算数 × 100%` from the values, found an answer", "填报资料有1个问题：\n指标“一票否决 › 预算执行率低于60%”，字段 vetoes.执行：应为不填写：该否决事项按公式“实际支出 ÷ 预算数 × 100%”由基础数据判定，实际为填写了答复",
        ),
        facts("veto_answer_without_vetoes", |f| f["vetoes"] = json!({ "违纪": false }), "the facts have 1 problem:\nfield `vetoes.违纪`: expected no veto answers: the rubric has no vetoes, found `违纪`", "填报资料有1个问题：\n字段 vetoes.违纪：应为不填否决事项：指标表未设否决事项，实际为“违纪”"),
        both(
            "veto_formula_divides_by_zero",
            vetoes,
            |f| {
                f["vetoes"] = json!({ "违纪": false });
                f["values"]["预算数"] = json!(0);
            },
            "the facts have 2 problems:\nindicator `一票否决 › 预算执行率低于60%`: field `when.formula`: expected values for which the veto's formula can be computed (a veto has no rule for a zero denominator), found formula `95 ÷ 0 × 100%`, which divides by zero\nindicator `投入 › 预算执行率`: field `rule.formula`: formula `95 ÷ 0 × 100%` divides by zero, and the rule does not say what a zero denominator means (set `zero_denominator` to full, zero or not_applicable)", "填报资料有2个问题：\n指标“一票否决 › 预算执行率低于60%”，字段 when.formula：应为能使否决事项公式算出结果的基础数据（否决事项未规定分母为零时如何处理），实际为公式“95 ÷ 0 × 100%”的分母为零\n指标“投入 › 预算执行率”，字段 rule.formula：公式“95 ÷ 0 × 100%”的分母为0，而评分规则未规定分母为0时如何计分（将 zero_denominator 设为 full、zero 或 not_applicable）",
        ),
        // ---- Bonus and penalty items (加分项 / 扣分项) -------------------
        rubric(
            "bonus_item_with_children",
            |r| {
                r["bonus"] = json!({ "items": [
                    { "id": "加分", "name": "加分", "points": 1, "children": [
                        { "id": "甲", "name": "甲", "points": 1, "rule": { "kind": "judgement" } }] }] });
            },
            "the rubric has 1 problem:\nindicator `加分项 › 加分`: field `children`: expected a leaf with its own rule (a 加分项 item has no sub-indicators), found sub-indicators: 1", "指标表有1个问题：\n指标“加分项 › 加分”，字段 children：应为有自己评分规则的末级指标（加分项不设下级指标），实际为1个下级指标",
        ),
        rubric(
            "bonus_item_excluded_when_not_applicable",
            |r| {
                r["bonus"] = json!({ "items": [
                    { "id": "加分", "name": "加分", "points": 1, "not_applicable": "exclude",
                      "rule": { "kind": "judgement" } }] });
            },
            "the rubric has 1 problem:\nindicator `加分项 › 加分`: field `not_applicable`: expected full or zero (a 加分项 item lies outside the table's points, so it is not rescaled, shared or averaged), found `exclude`", "指标表有1个问题：\n指标“加分项 › 加分”，字段 not_applicable：应为full（按满分）或 zero（按零分）：加分项在指标表分值之外，不参与折算、分摊或平均，实际为exclude",
        ),
        rubric(
            "bonus_cap_zero",
            |r| {
                r["bonus"] = json!({ "cap": 0, "items": [
                    { "id": "加分", "name": "加分", "points": 1, "rule": { "kind": "judgement" } }] });
            },
            "the rubric has 1 problem:\nrubric: field `bonus.cap`: expected a cap greater than 0, found 0", "指标表有1个问题：\n指标表，字段 bonus.cap：应为大于0的上限，实际为0",
        ),
        rubric("penalty_without_items", |r| r["penalty"] = json!({ "cap": 2, "items": [] }), "the rubric has 1 problem:\nrubric: field `penalty.items`: expected at least one penalty item, found none", "指标表有1个问题：\n指标表，字段 penalty.items：应为至少一个扣分项，实际为空"),
        rubric(
            "bonus_item_id_of_an_indicator",
            |r| {
                r["bonus"] = json!({ "items": [
                    { "id": "社会效益", "name": "加分", "points": 1, "rule": { "kind": "judgement" } }] });
            },
            "the rubric has 1 problem:\nindicator `加分项 › 加分`: field `id`: the id `社会效益` is already used by `产出 › 社会效益`; ids must be unique", "指标表有1个问题：\n指标“加分项 › 加分”，字段 id：id“社会效益”已被“产出 › 社会效益”使用，指标id不得重复",
        ),
        rubric("final_score_unknown", |r| r["final_score"] = json!("capped"), "rubric: field `final_score`: unknown variant `capped`, expected `clamped` or `open` (line 2, column 25)", "指标表：字段 final_score：取值“capped”无效，应为以下之一：clamped、open（第2行第25列）"),
        both(
            "bonus_item_unanswered",
            |r| {
                r["bonus"] = json!({ "items": [
                    { "id": "加分", "name": "获得表彰", "points": 1, "rule": { "kind": "judgement" } }] });
            },
            |_| {},
            "the facts have 1 problem:\nindicator `加分项 › 获得表彰`: field `answers.加分`: no answer given, expected {\"score\": <0 to the points>, \"reason\": <text>} or \"unknown\"", "填报资料有1个问题：\n指标“加分项 › 获得表彰”，字段 answers.加分：未填写，应填写{\"score\": <0至分值>, \"reason\": <理由>}或\"unknown\"（未知）",
        ),
    ]
}
