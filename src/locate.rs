//! Where in a JSON document a deserialisation error lies, so that a message
//! names the indicator and the field instead of only a line and column.
//!
//! A struct with `deny_unknown_fields` reports a wrong type or an unknown
//! key when it reaches it, and missing fields only at the end; so reading a
//! one-key object tells whether that key is at fault, without listing any
//! struct's fields here.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::facts::{Answer, Facts, ItemAnswer, Override};
use crate::rules::{Band, ChecklistItem, Level, Rule};
use crate::spec::{GradeSpec, IndicatorSpec, InputSpec, RubricSpec};

/// A deserialisation error placed in the document.
#[derive(Debug)]
pub(crate) struct Located {
    pub(crate) indicator: Option<String>,
    pub(crate) field: String,
    pub(crate) message: String,
}

fn read<T: DeserializeOwned>(value: &Value) -> Result<(), String> {
    serde_json::from_value::<T>(value.clone())
        .map(drop)
        .map_err(|e| e.to_string())
}

/// The first key of `object` that `T` refuses on its own, with the message.
fn fault<T: DeserializeOwned>(
    object: &Map<String, Value>,
    fixed: &[(&str, &Value)],
) -> Option<(String, String)> {
    for (key, value) in object {
        if fixed.iter().any(|(k, _)| k == key) {
            continue;
        }
        let mut probe = Map::new();
        for (k, v) in fixed {
            probe.insert((*k).to_owned(), (*v).clone());
        }
        probe.insert(key.clone(), value.clone());
        if let Err(message) = read::<T>(&Value::Object(probe)) {
            if !message.starts_with("missing field") {
                return Some((key.clone(), message));
            }
        }
    }
    None
}

/// Finds the fault in an array whose elements are `T`.
fn in_array<T: DeserializeOwned>(field: &str, value: &Value) -> Option<(String, String)> {
    let Value::Array(list) = value else {
        return read::<Vec<T>>(value).err().map(|m| (field.to_owned(), m));
    };
    for (i, element) in list.iter().enumerate() {
        if let Err(message) = read::<T>(element) {
            let at = format!("{field}[{i}]");
            if let Value::Object(object) = element {
                if let Some((key, message)) = fault::<T>(object, &[]) {
                    return Some((format!("{at}.{key}"), message));
                }
            }
            return Some((at, message));
        }
    }
    None
}

/// Places an error in a rubric document that failed to deserialise.
pub(crate) fn rubric(document: &Value) -> Option<Located> {
    let Value::Object(top) = document else {
        return read::<RubricSpec>(document).err().map(|message| Located {
            indicator: None,
            field: String::new(),
            message,
        });
    };
    let at_top = |field: String, message: String| Located {
        indicator: None,
        field,
        message,
    };
    for (key, value) in top {
        let found = match key.as_str() {
            "indicators" => continue,
            "grades" => in_array::<GradeSpec>("grades", value),
            "inputs" => in_array::<InputSpec>("inputs", value),
            _ => None,
        };
        if let Some((field, message)) = found {
            return Some(at_top(field, message));
        }
    }
    let without: Map<String, Value> = top
        .iter()
        .filter(|(k, _)| *k != "indicators")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if let Some((key, message)) = fault::<RubricSpec>(&without, &[]) {
        return Some(at_top(key, message));
    }
    match top.get("indicators") {
        Some(Value::Array(list)) => {
            for (i, indicator) in list.iter().enumerate() {
                if let Some(found) = indicator_fault(indicator, "", i, 0) {
                    return Some(found);
                }
            }
        }
        Some(other) => {
            if let Err(message) = read::<Vec<IndicatorSpec>>(other) {
                return Some(at_top("indicators".to_owned(), message));
            }
        }
        None => {}
    }
    read::<RubricSpec>(document)
        .err()
        .map(|message| at_top(String::new(), message))
}

fn indicator_fault(value: &Value, parent: &str, index: usize, depth: usize) -> Option<Located> {
    // serde_json refuses documents nested beyond its own limit, so this
    // bound is never reached from text; it guards values built in code.
    if depth > 256 {
        return None;
    }
    let Value::Object(object) = value else {
        return read::<IndicatorSpec>(value).err().map(|message| Located {
            indicator: Some(format!(
                "{parent}{}#{}",
                if parent.is_empty() { "" } else { " › " },
                index + 1
            )),
            field: String::new(),
            message,
        });
    };
    let name = ["name", "id"]
        .iter()
        .find_map(|k| object.get(*k).and_then(Value::as_str))
        .map_or_else(|| format!("#{}", index + 1), str::to_owned);
    let path = if parent.is_empty() {
        name
    } else {
        format!("{parent} › {name}")
    };
    let here = |field: String, message: String| {
        Some(Located {
            indicator: Some(path.clone()),
            field,
            message,
        })
    };
    for (key, value) in object {
        match key.as_str() {
            "children" => {
                if let Value::Array(list) = value {
                    for (i, child) in list.iter().enumerate() {
                        if let Some(found) = indicator_fault(child, &path, i, depth + 1) {
                            return Some(found);
                        }
                    }
                } else if let Err(message) = read::<Vec<IndicatorSpec>>(value) {
                    return here("children".to_owned(), message);
                }
            }
            "rule" => {
                if let Some((field, message)) = rule_fault(value) {
                    return here(field, message);
                }
            }
            _ => {}
        }
    }
    let without: Map<String, Value> = object
        .iter()
        .filter(|(k, _)| *k != "children" && *k != "rule")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if let Some((key, message)) = fault::<IndicatorSpec>(&without, &[]) {
        return here(key, message);
    }
    let mut copy = without;
    copy.insert("children".to_owned(), Value::Array(Vec::new()));
    if let Err(message) = read::<IndicatorSpec>(&Value::Object(copy)) {
        return here(String::new(), message);
    }
    None
}

fn rule_fault(value: &Value) -> Option<(String, String)> {
    let message = read::<Rule>(value).err()?;
    let Value::Object(object) = value else {
        return Some(("rule".to_owned(), message));
    };
    let Some(kind) = object.get("kind") else {
        return Some(("rule".to_owned(), message));
    };
    if read::<Rule>(&serde_json::json!({ "kind": kind }))
        .is_err_and(|m| !m.starts_with("missing field"))
    {
        return Some(("rule.kind".to_owned(), message));
    }
    for (key, nested) in object {
        let found = match key.as_str() {
            "bands" => in_array::<Band>("rule.bands", nested),
            "items" => in_array::<ChecklistItem>("rule.items", nested),
            "levels" => in_array::<Level>("rule.levels", nested),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    if let Some((key, message)) = fault::<Rule>(object, &[("kind", kind)]) {
        return Some((format!("rule.{key}"), message));
    }
    Some(("rule".to_owned(), message))
}

/// Places an error in a facts document that failed to deserialise.
pub(crate) fn facts(document: &Value) -> Option<Located> {
    let at = |field: String, message: String| Located {
        indicator: None,
        field,
        message,
    };
    let Value::Object(top) = document else {
        return read::<Facts>(document).err().map(|m| at(String::new(), m));
    };
    for (key, value) in top {
        let Value::Object(entries) = value else {
            continue;
        };
        for (name, entry) in entries {
            let field = format!("{key}.{name}");
            let result = match key.as_str() {
                "values" => read::<crate::facts::FactValue>(entry),
                "answers" => match read::<Answer>(entry) {
                    Ok(()) => Ok(()),
                    Err(message) => {
                        if let Value::Object(fields) = entry {
                            if let Some(Value::Object(items)) = fields.get("items") {
                                for (item, answer) in items {
                                    if let Err(m) = read::<ItemAnswer>(answer) {
                                        return Some(at(format!("{field}.items.{item}"), m));
                                    }
                                }
                            }
                            if let Some((k, m)) = fault::<crate::facts::AnswerFields>(fields, &[]) {
                                return Some(at(format!("{field}.{k}"), m));
                            }
                        }
                        Err(message)
                    }
                },
                "claimed" => read::<crate::facts::ClaimedScore>(entry),
                "overrides" => match read::<Override>(entry) {
                    Ok(()) => Ok(()),
                    Err(message) => {
                        if let Value::Object(fields) = entry {
                            if let Some((k, m)) = fault::<Override>(fields, &[]) {
                                return Some(at(format!("{field}.{k}"), m));
                            }
                        }
                        Err(message)
                    }
                },
                "not_applicable" => read::<String>(entry),
                _ => Ok(()),
            };
            if let Err(message) = result {
                return Some(at(field, message));
            }
        }
    }
    if let Some((key, message)) = fault::<Facts>(top, &[]) {
        return Some(at(key, message));
    }
    read::<Facts>(document).err().map(|m| at(String::new(), m))
}
