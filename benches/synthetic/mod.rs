//! Synthetic rubrics of up to 1,780 leaves (the compiler's limits: 2,000
//! indicators, 2,000 inputs), for the scaling benches: ten leaves to a
//! branch, the rule kinds the seed uses in turn, each formula over an input
//! of its own and its branch's plan, and facts that score every leaf.

use serde_json::{json, Value};

/// A rubric of `leaves` leaves and facts for it, as JSON.
pub fn rubric_and_facts(leaves: usize) -> (String, String) {
    let branches = leaves.div_ceil(10);
    let mut indicators = Vec::with_capacity(branches);
    let mut inputs = Vec::new();
    let mut values = serde_json::Map::new();
    let mut answers = serde_json::Map::new();
    let mut claimed = serde_json::Map::new();
    for b in 0..branches {
        let mut children = Vec::with_capacity(10);
        let den = format!("计划数{b}");
        inputs.push(json!({ "name": den, "min": 0.01 }));
        values.insert(den.clone(), json!(100));
        for k in 0..10 {
            let i = b * 10 + k;
            if i >= leaves {
                break;
            }
            let id = format!("L{i}");
            let num = format!("实际数{i}");
            let rule = match i % 5 {
                0 => json!({ "kind": "ratio_threshold", "formula": format!("（{num}/{den}）×100%"),
                             "threshold": "100%", "direction": "above", "step": "1%",
                             "deduction": 0.5, "partial_unit": "whole" }),
                1 => json!({ "kind": "stepped_bands", "formula": format!("{num}/{den}×100%"),
                             "bands": [{ "range": "[0,80%)", "points": 0 },
                                       { "range": "[80%,95%)", "points": 6 },
                                       { "range": "[95%,+∞)", "points": 10 }] }),
                2 => json!({ "kind": "proportional", "formula": format!("{num}/{den}×100%"),
                             "target": "100%", "better": "higher" }),
                3 => json!({ "kind": "checklist", "items": [
                                 { "id": "①", "text": "制度健全", "points": 5 },
                                 { "id": "②", "text": "执行有效", "points": 5 }] }),
                _ => json!({ "kind": "judgement" }),
            };
            if i % 5 < 3 {
                inputs.push(json!({ "name": num, "min": 0 }));
                values.insert(num, json!(90 + (i % 17)));
            } else if i % 5 == 3 {
                answers.insert(
                    id.clone(),
                    json!({ "items": { "①": true, "②": i % 2 == 0 } }),
                );
            } else {
                answers.insert(id.clone(), json!({ "score": 8, "reason": "较好" }));
            }
            claimed.insert(id.clone(), json!(10));
            children
                .push(json!({ "id": id, "name": format!("指标{i}"), "points": 10, "rule": rule }));
        }
        let points = children.len() * 10;
        indicators.push(json!({ "id": format!("B{b}"), "name": format!("分组{b}"),
                                "points": points, "children": children }));
    }
    let rubric = json!({ "title": "合成指标表", "total": leaves * 10, "precision": 2,
                         "inputs": inputs, "indicators": indicators });
    let facts: Value = json!({ "values": values, "answers": answers, "claimed": claimed });
    (rubric.to_string(), facts.to_string())
}
