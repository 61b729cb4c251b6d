//! Where in a JSON document a deserialisation error lies, so that a message
//! names the indicator and the field instead of only a line and column.
//!
//! A struct with `deny_unknown_fields` reports a wrong type or an unknown
//! key when it reaches it, and missing fields only at the end; so reading a
//! one-key object tells whether that key is at fault, without listing any
//! struct's fields here.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::{plain_words, Field, IndicatorPath, JsonError, JsonProblem, Seg};
use crate::facts::{Answer, Facts, ItemAnswer, Override};
use crate::rules::{Band, ChecklistItem, Level, Rule};
use crate::spec::{GradeSpec, IndicatorSpec, InputSpec, RubricSpec};

/// A deserialisation error placed in the document.
#[derive(Debug)]
pub(crate) struct Located {
    pub(crate) indicator: Option<IndicatorPath>,
    pub(crate) field: Field,
    pub(crate) message: String,
}

/// Places a pointer in a document: the indicator (if the document has
/// indicators) and the field.
pub(crate) type Place = fn(&str, &[Seg]) -> (Option<IndicatorPath>, Field);

/// Reads `text` as the document `T` (a `rubric`, `facts`, …), refusing a
/// byte-order mark, and on failure places the error with `locate` where the
/// text is at least well-formed JSON, or with `place` at the parser's line
/// and column.
pub(crate) fn read_document<T: DeserializeOwned>(
    document: &'static str,
    text: &str,
    locate: fn(&Value) -> Option<Located>,
    place: Place,
) -> Result<T, JsonError> {
    if let Some(e) = JsonError::byte_order_mark(document, text) {
        return Err(e);
    }
    serde_json::from_str(text).map_err(|error| {
        let at = (error.line(), error.column());
        // The position is carried apart (`at`), not in the words.
        let said = error.to_string();
        let said = match said.rsplit_once(" at line ") {
            Some((words, _)) if at.0 > 0 => words.to_owned(),
            _ => said,
        };
        let plain = |indicator, field| {
            JsonError::new(
                document,
                indicator,
                field,
                JsonProblem::parse(&plain_words(&said)),
                at,
            )
        };
        if error.is_syntax() || error.is_eof() || error.is_io() {
            return plain(None, Field::default());
        }
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            return plain(None, Field::default());
        };
        match locate(&value) {
            Some(found) => JsonError::new(
                document,
                found.indicator,
                found.field,
                JsonProblem::parse(&plain_words(&found.message)),
                at,
            ),
            // Not in the values (a repeated key, which a `Value` drops):
            // the place in the text names the field.
            None => match pointer_at(text, at.0, at.1) {
                Some(pointer) => {
                    let (indicator, field) = place(text, &pointer);
                    plain(indicator, field)
                }
                None => plain(None, Field::default()),
            },
        }
    })
}

fn read<T: DeserializeOwned>(value: &Value) -> Result<(), String> {
    serde_json::from_value::<T>(value.clone())
        .map(drop)
        .map_err(|e| quoting_numbers(e.to_string(), value))
}

/// serde_json, reading numbers as written (`arbitrary_precision`), says
/// `invalid type: number` without the number, and only `invalid number`
/// for one out of a whole number's range: name the number.
fn quoting_numbers(message: String, value: &Value) -> String {
    let Value::Number(n) = value else {
        return message;
    };
    if message == "invalid number" {
        return format!("invalid value: number `{n}`, expected a whole number of at least 0");
    }
    message.replacen(
        "invalid type: number,",
        &format!("invalid type: number `{n}`,"),
        1,
    )
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
            let message = quoting_numbers(message, value);
            if !message.starts_with("missing field") {
                return Some((key.clone(), message));
            }
        }
    }
    None
}

/// Finds the fault in an array whose elements are `T`.
fn in_array<T: DeserializeOwned>(field: Field, value: &Value) -> Option<(Field, String)> {
    let Value::Array(list) = value else {
        return read::<Vec<T>>(value).err().map(|m| (field, m));
    };
    for (i, element) in list.iter().enumerate() {
        if let Err(message) = read::<T>(element) {
            let at = field.clone().then_index(i);
            if let Value::Object(object) = element {
                if let Some((key, message)) = fault::<T>(object, &[]) {
                    return Some((at.then_key(&key), message));
                }
            }
            return Some((at, message));
        }
    }
    None
}

/// Places an error in a rubric document that failed to deserialise.
pub(crate) fn rubric(document: &Value) -> Option<Located> {
    let at_top = |field: Field, message: String| Located {
        indicator: None,
        field,
        message,
    };
    let Value::Object(top) = document else {
        return read::<RubricSpec>(document)
            .err()
            .map(|message| at_top(Field::default(), message));
    };
    for (key, value) in top {
        let found = match key.as_str() {
            "indicators" => continue,
            "grades" => in_array::<GradeSpec>(Field::parse("grades"), value),
            "inputs" => in_array::<InputSpec>(Field::parse("inputs"), value),
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
        return Some(at_top(Field::default().then_key(&key), message));
    }
    match top.get("indicators") {
        Some(Value::Array(list)) => {
            let root = IndicatorPath::default();
            for (i, indicator) in list.iter().enumerate() {
                if let Some(found) = indicator_fault(indicator, &root, i, 0) {
                    return Some(found);
                }
            }
        }
        Some(other) => {
            if let Err(message) = read::<Vec<IndicatorSpec>>(other) {
                return Some(at_top(Field::parse("indicators"), message));
            }
        }
        None => {}
    }
    read::<RubricSpec>(document)
        .err()
        .map(|message| at_top(Field::default(), message))
}

/// An indicator's id and name as a document gives them (`#3` where it
/// gives neither).
fn id_and_name(value: &Value, index: usize) -> (String, String) {
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    let fallback = format!("#{}", index + 1);
    let name = text("name")
        .or_else(|| text("id"))
        .unwrap_or_else(|| fallback.clone());
    let id = text("id").unwrap_or(fallback);
    (id, name)
}

fn indicator_fault(
    value: &Value,
    parent: &IndicatorPath,
    index: usize,
    depth: usize,
) -> Option<Located> {
    // serde_json refuses documents nested beyond its own limit, so this
    // bound is never reached from text; it guards values built in code.
    if depth > 256 {
        return None;
    }
    let (id, name) = id_and_name(value, index);
    let path = parent.child(&id.into(), &name.into(), index);
    let Value::Object(object) = value else {
        return read::<IndicatorSpec>(value).err().map(|message| Located {
            indicator: Some(path),
            field: Field::default(),
            message,
        });
    };
    let here = |field: Field, message: String| {
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
                    return here(Field::parse("children"), message);
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
        return here(Field::default().then_key(&key), message);
    }
    let mut copy = without;
    copy.insert("children".to_owned(), Value::Array(Vec::new()));
    if let Err(message) = read::<IndicatorSpec>(&Value::Object(copy)) {
        return here(Field::default(), message);
    }
    None
}

fn rule_fault(value: &Value) -> Option<(Field, String)> {
    let message = read::<Rule>(value).err()?;
    let rule = Field::parse("rule");
    let Value::Object(object) = value else {
        return Some((rule, message));
    };
    let Some(kind) = object.get("kind") else {
        return Some((rule, message));
    };
    if read::<Rule>(&serde_json::json!({ "kind": kind }))
        .is_err_and(|m| !m.starts_with("missing field"))
    {
        return Some((rule.then("kind"), message));
    }
    for (key, nested) in object {
        let found = match key.as_str() {
            "bands" => in_array::<Band>(rule.clone().then("bands"), nested),
            "items" => in_array::<ChecklistItem>(rule.clone().then("items"), nested),
            "levels" => in_array::<Level>(rule.clone().then("levels"), nested),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    if let Some((key, message)) = fault::<Rule>(object, &[("kind", kind)]) {
        return Some((rule.then_key(&key), message));
    }
    Some((rule, message))
}

/// Places an error in a target table that failed to deserialise: the row
/// (by its levels and name) and the field.
pub(crate) fn targets(document: &Value) -> Option<Located> {
    use crate::target_table::{TargetRow, TargetTable};
    let at = |indicator: Option<IndicatorPath>, field: Field, message: String| Located {
        indicator,
        field,
        message,
    };
    let Value::Object(top) = document else {
        return read::<TargetTable>(document)
            .err()
            .map(|m| at(None, Field::default(), m));
    };
    if let Some(Value::Array(rows)) = top.get("indicators") {
        for (i, row) in rows.iter().enumerate() {
            let Err(message) = read::<TargetRow>(row) else {
                continue;
            };
            let name = |key: &str| row.get(key).and_then(Value::as_str).map(str::to_owned);
            let indicator = match (name("level1"), name("level2"), name("name")) {
                (Some(a), Some(b), Some(c)) => Some(IndicatorPath::from_steps(
                    vec![
                        (a.clone(), a),
                        (b.clone(), b),
                        (name("id").unwrap_or(c.clone()), c),
                    ],
                    None,
                )),
                (_, _, Some(c)) => Some(IndicatorPath::from_steps(
                    vec![(name("id").unwrap_or(c.clone()), c)],
                    None,
                )),
                _ => None,
            };
            let field = Field::parse("indicators").then_index(i);
            let field = match row {
                Value::Object(fields) => match fault::<TargetRow>(fields, &[]) {
                    Some((key, m)) => return Some(at(indicator, field.then_key(&key), m)),
                    None => field,
                },
                _ => field,
            };
            return Some(at(indicator, field, message));
        }
    }
    let without: Map<String, Value> = top
        .iter()
        .filter(|(k, _)| *k != "indicators")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if let Some((key, message)) = fault::<TargetTable>(&without, &[]) {
        return Some(at(None, Field::default().then_key(&key), message));
    }
    read::<TargetTable>(document)
        .err()
        .map(|m| at(None, Field::default(), m))
}

/// Places an error in a facts document that failed to deserialise.
pub(crate) fn facts(document: &Value) -> Option<Located> {
    let at = |field: Field, message: String| Located {
        indicator: None,
        field,
        message,
    };
    let Value::Object(top) = document else {
        return read::<Facts>(document)
            .err()
            .map(|m| at(Field::default(), m));
    };
    for (key, value) in top {
        let Value::Object(entries) = value else {
            continue;
        };
        for (name, entry) in entries {
            let field = Field::key(key, name);
            let result = match key.as_str() {
                "values" => read::<crate::facts::FactValue>(entry),
                "answers" => match read::<Answer>(entry) {
                    Ok(()) => Ok(()),
                    Err(message) => {
                        if let Value::Object(fields) = entry {
                            if let Some(Value::Object(items)) = fields.get("items") {
                                for (item, answer) in items {
                                    if let Err(m) = read::<ItemAnswer>(answer) {
                                        return Some(at(field.then("items").then_key(item), m));
                                    }
                                }
                            }
                            if let Some((k, m)) = fault::<crate::facts::AnswerFields>(fields, &[]) {
                                return Some(at(field.then_key(&k), m));
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
                                return Some(at(field.then_key(&k), m));
                            }
                        }
                        Err(message)
                    }
                },
                "not_applicable" | "targets" | "deviations" => read::<String>(entry),
                "actuals" => read::<crate::facts::Actual>(entry),
                "target_lists" => read::<Vec<crate::facts::TargetLine>>(entry),
                _ => Ok(()),
            };
            if let Err(message) = result {
                return Some(at(field, message));
            }
        }
    }
    if let Some((key, message)) = fault::<Facts>(top, &[]) {
        return Some(at(Field::default().then_key(&key), message));
    }
    read::<Facts>(document)
        .err()
        .map(|m| at(Field::default(), m))
}

enum Frame {
    Object {
        key: Option<String>,
        expect_key: bool,
    },
    Array {
        index: usize,
    },
}

/// The keys and indices leading to a place in `text`, given as serde_json
/// gives it (line from 1, column in bytes from 1), for an error no reading
/// of the document's values can place (a repeated key is lost in a `Value`).
pub(crate) fn pointer_at(text: &str, line: usize, column: usize) -> Option<Vec<Seg>> {
    walk(text, (line, column))
}

/// Walks the JSON text keeping the path to the current place, up to
/// `until` (line, byte column).
fn walk(text: &str, until: (usize, usize)) -> Option<Vec<Seg>> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut chars = text.chars().peekable();
    let (mut line, mut column, mut bytes) = (1usize, 0usize, 0usize);
    let next = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
                line: &mut usize,
                column: &mut usize,
                bytes: &mut usize| {
        let c = chars.next()?;
        if c == '\n' {
            *line += 1;
            *column = 0;
            *bytes = 0;
        } else {
            *column += 1;
            *bytes += c.len_utf8();
        }
        Some(c)
    };
    let pointer = |stack: &[Frame]| -> Vec<Seg> {
        stack
            .iter()
            .filter_map(|f| match f {
                Frame::Object { key, .. } => key.clone().map(Seg::Key),
                Frame::Array { index } => Some(Seg::Index(*index)),
            })
            .collect()
    };
    loop {
        let (l, c) = until;
        if line > l || (line == l && bytes >= c) {
            return Some(pointer(&stack));
        }
        let c = next(&mut chars, &mut line, &mut column, &mut bytes)?;
        match c {
            '{' => {
                if stack.len() >= MAX_SCAN_DEPTH {
                    return None;
                }
                stack.push(Frame::Object {
                    key: None,
                    expect_key: true,
                });
            }
            '[' => {
                if stack.len() >= MAX_SCAN_DEPTH {
                    return None;
                }
                stack.push(Frame::Array { index: 0 });
            }
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                None => {}
            },
            ':' => {
                if let Some(Frame::Object { expect_key, .. }) = stack.last_mut() {
                    *expect_key = false;
                }
            }
            '"' => {
                let mut s = String::new();
                while let Some(c) = next(&mut chars, &mut line, &mut column, &mut bytes) {
                    match c {
                        '"' => break,
                        '\\' => match next(&mut chars, &mut line, &mut column, &mut bytes) {
                            Some('n') => s.push('\n'),
                            Some('t') => s.push('\t'),
                            Some('u') => {
                                let hex: String = (0..4)
                                    .filter_map(|_| {
                                        next(&mut chars, &mut line, &mut column, &mut bytes)
                                    })
                                    .collect();
                                if let Some(ch) =
                                    u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                                {
                                    s.push(ch);
                                }
                            }
                            Some(other) => s.push(other),
                            None => break,
                        },
                        c => s.push(c),
                    }
                }
                if let Some(Frame::Object {
                    key,
                    expect_key: true,
                }) = stack.last_mut()
                {
                    *key = Some(s);
                }
            }
            _ => {}
        }
    }
}

/// Brackets the scan follows into; serde_json refuses deeper documents
/// (past 128), so nothing the parser accepts is missed, and a hostile
/// document of brackets costs no memory.
const MAX_SCAN_DEPTH: usize = 256;

/// Places a pointer in a rubric: the indicator path and the field.
pub(crate) fn rubric_place(text: &str, pointer: &[Seg]) -> (Option<IndicatorPath>, Field) {
    let Ok(document) = serde_json::from_str::<Value>(text) else {
        return (None, Field::from_segs(pointer.to_vec()));
    };
    let mut path = IndicatorPath::default();
    let mut node = &document;
    let mut rest = pointer;
    let mut list_key = "indicators";
    loop {
        match rest {
            [Seg::Key(k), Seg::Index(i), tail @ ..] if k == list_key => {
                let Some(child) = node.get(k).and_then(|l| l.get(*i)) else {
                    break;
                };
                let (id, name) = id_and_name(child, *i);
                path = path.child(&id.into(), &name.into(), *i);
                node = child;
                rest = tail;
                list_key = "children";
            }
            _ => break,
        }
    }
    let indicator = (path.depth() > 0).then_some(path);
    (indicator, Field::from_segs(rest.to_vec()))
}

/// Places a pointer in a document without indicators: the field.
pub(crate) fn plain_place(_: &str, pointer: &[Seg]) -> (Option<IndicatorPath>, Field) {
    (None, Field::from_segs(pointer.to_vec()))
}
