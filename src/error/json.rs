//! What a JSON parser said, read into a problem with a code and rendered
//! in either language: serde's messages have a handful of shapes (unknown
//! field, missing field, invalid type, unknown variant, syntax), and the
//! crate's own readers a few more (numbers, repeated keys).

use crate::lang::Lang;

/// A parser's complaint about a document, by shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum JsonProblem {
    /// The document starts with a byte-order mark.
    ByteOrderMark,
    /// Not JSON at all (a comma too many, the end too early).
    Syntax(String),
    /// A key no field has.
    UnknownField { name: String, expected: Vec<String> },
    /// A value no variant has.
    UnknownVariant { name: String, expected: Vec<String> },
    /// A required field absent.
    MissingField(String),
    /// A key given twice.
    DuplicateKey(String),
    /// A value of the wrong JSON type, or a wrong value.
    InvalidType {
        found: String,
        expected: String,
        value: bool,
    },
    /// A number a decimal cannot hold.
    Number(String),
    /// Anything else the reader said.
    Other(String),
}

/// The text after `prefix` up to `, expected ` and the expectation.
fn split_expected(rest: &str) -> (&str, &str) {
    rest.split_once(", expected ").unwrap_or((rest, ""))
}

/// The backticked names of `one of `a`, `b`` or `` `a` or `b` ``.
fn names(list: &str) -> Vec<String> {
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

impl JsonProblem {
    /// Reads a parser's message (already in the crate's plain words).
    pub(crate) fn parse(message: &str) -> JsonProblem {
        if let Some(rest) = message.strip_prefix("unknown field `") {
            let (name, list) = rest.split_once('`').unwrap_or((rest, ""));
            return JsonProblem::UnknownField {
                name: name.to_owned(),
                expected: names(list),
            };
        }
        if let Some(rest) = message.strip_prefix("unknown variant `") {
            let (name, list) = rest.split_once('`').unwrap_or((rest, ""));
            return JsonProblem::UnknownVariant {
                name: name.to_owned(),
                expected: names(list),
            };
        }
        if let Some(rest) = message.strip_prefix("missing field `") {
            return JsonProblem::MissingField(rest.trim_end_matches('`').to_owned());
        }
        if message.starts_with("duplicate field `") || message.starts_with("the key `") {
            return JsonProblem::DuplicateKey(message.to_owned());
        }
        for (prefix, value) in [("invalid type: ", false), ("invalid value: ", true)] {
            if let Some(rest) = message.strip_prefix(prefix) {
                let (found, expected) = split_expected(rest);
                return JsonProblem::InvalidType {
                    found: found.to_owned(),
                    expected: expected.to_owned(),
                    value,
                };
            }
        }
        if message.starts_with("the JSON number ") || message.ends_with("is not a finite number") {
            return JsonProblem::Number(message.to_owned());
        }
        if message.starts_with("expected ") && message.contains(", found `") {
            return JsonProblem::Other(message.to_owned());
        }
        if message.contains(" at line ")
            || message.starts_with("the document ends")
            || message.starts_with("expected a JSON value")
        {
            return JsonProblem::Syntax(message.to_owned());
        }
        JsonProblem::Other(message.to_owned())
    }

    /// The stable code.
    pub(crate) fn code(&self) -> &'static str {
        match self {
            JsonProblem::ByteOrderMark => "byte_order_mark",
            JsonProblem::Syntax(_) => "json_syntax",
            JsonProblem::UnknownField { .. } => "unknown_field",
            JsonProblem::UnknownVariant { .. } => "unknown_variant",
            JsonProblem::MissingField(_) => "missing_field",
            JsonProblem::DuplicateKey(_) => "duplicate_key",
            JsonProblem::InvalidType { value: false, .. } => "invalid_type",
            JsonProblem::InvalidType { value: true, .. } | JsonProblem::Other(_) => "invalid_value",
            JsonProblem::Number(_) => "invalid_number",
        }
    }

    /// The message in `lang`.
    pub(crate) fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.english(),
            Lang::Zh => self.chinese(),
        }
    }

    fn english(&self) -> String {
        match self {
            JsonProblem::ByteOrderMark => "the document starts with a byte-order mark (U+FEFF), which JSON does not allow; save it as UTF-8 without a BOM".to_owned(),
            JsonProblem::UnknownField { name, expected } => {
                format!("unknown field `{name}`, {}", one_of(expected))
            }
            JsonProblem::UnknownVariant { name, expected } => {
                format!("unknown variant `{name}`, {}", one_of(expected))
            }
            JsonProblem::MissingField(name) => format!("missing field `{name}`"),
            JsonProblem::InvalidType {
                found,
                expected,
                value,
            } => format!(
                "invalid {}: {found}, expected {expected}",
                if *value { "value" } else { "type" }
            ),
            JsonProblem::Syntax(m)
            | JsonProblem::DuplicateKey(m)
            | JsonProblem::Number(m)
            | JsonProblem::Other(m) => m.clone(),
        }
    }

    fn chinese(&self) -> String {
        match self {
            JsonProblem::ByteOrderMark => {
                "文档以字节顺序标记（BOM，U+FEFF）开头，JSON不允许；请另存为不带BOM的UTF-8"
                    .to_owned()
            }
            JsonProblem::UnknownField { name, expected } if expected.is_empty() => {
                format!("无法识别字段“{name}”，此处不应有字段")
            }
            JsonProblem::UnknownField { name, expected } => {
                format!(
                    "无法识别字段“{name}”，应为以下字段之一：{}",
                    expected.join("、")
                )
            }
            JsonProblem::UnknownVariant { name, expected } => {
                format!("取值“{name}”无效，应为以下之一：{}", expected.join("、"))
            }
            JsonProblem::MissingField(name) => format!("缺少字段“{name}”"),
            JsonProblem::InvalidType {
                found,
                expected,
                value,
            } => format!(
                "{}，应为{}，实际为{}",
                if *value {
                    "取值无效"
                } else {
                    "类型不对"
                },
                expectation(expected),
                found_zh(found)
            ),
            JsonProblem::Syntax(m) => syntax(m),
            JsonProblem::DuplicateKey(m) => duplicate(m),
            JsonProblem::Number(m) => number(m),
            JsonProblem::Other(m) => other(m),
        }
    }
}

fn one_of(expected: &[String]) -> String {
    let quoted: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
    match quoted.as_slice() {
        [] => "there are no fields".to_owned(),
        [one] => format!("expected {one}"),
        [a, b] => format!("expected {a} or {b}"),
        all => format!("expected one of {}", all.join(", ")),
    }
}

/// A JSON type or value as serde names it, in Chinese.
fn found_zh(found: &str) -> String {
    let quoted = |rest: &str| rest.trim_matches('`').to_owned();
    if let Some(rest) = found.strip_prefix("string ") {
        return format!("字符串{rest}");
    }
    for prefix in ["number ", "integer ", "floating point "] {
        if let Some(rest) = found.strip_prefix(prefix) {
            return format!("数值{}", quoted(rest.split(" as ").next().unwrap_or(rest)));
        }
    }
    if let Some(rest) = found.strip_prefix("boolean ") {
        return format!("布尔值{}", quoted(rest));
    }
    match found {
        "object" | "map" => "对象".to_owned(),
        "array" | "sequence" => "数组".to_owned(),
        "null" | "unit value" => "null".to_owned(),
        "number" => "数值".to_owned(),
        other => other.to_owned(),
    }
}

/// What a field expects, as serde's readers and the crate's say it.
fn expectation(expected: &str) -> String {
    match expected {
        "a string" | "a borrowed string" => "字符串".to_owned(),
        "an array" => "数组".to_owned(),
        "a boolean" => "布尔值（true 或 false）".to_owned(),
        "an object" | "a map" => "对象".to_owned(),
        "a whole number of at least 0" => "不小于0的整数".to_owned(),
        "a number, or a decimal written as a string such as \"0.85\"" => {
            "数值，或写成字符串的小数（如\"0.85\"）".to_owned()
        }
        "a number, or a string such as \"100%\" or \"0.5\"" => {
            "数值，或写成字符串的数（如\"100%\"或\"0.5\"）".to_owned()
        }
        "a number, a decimal string such as \"6.28\" or \"87.18%\", or \"unknown\"" => {
            "数值、写成字符串的小数（如\"6.28\"或\"87.18%\"）或\"unknown\"（未知）".to_owned()
        }
        "a number, text such as \"5600人次\" or \"达成\", {\"level\": …, \"score\": …, \"reason\": …}, or \"unknown\"" => {
            "数值、文字（如\"5600人次\"或\"达成\"）、{\"level\": …, \"score\": …, \"reason\": …}或\"unknown\"（未知）".to_owned()
        }
        "an answer object ({\"items\": …}, {\"level\": …} or {\"score\": …, \"reason\": …}) or \"unknown\"" => {
            "评价结论对象（{\"items\": …}、{\"level\": …}或{\"score\": …, \"reason\": …}）或\"unknown\"（未知）".to_owned()
        }
        "{\"evidence\": <what shows the veto holds>}, false, or \"unknown\"" => {
            "{\"evidence\": <相关依据>}（存在否决情形）、false（不存在）或\"unknown\"（未知）".to_owned()
        }
        "true (met), false (not met), \"unknown\", {\"score\": …, \"reason\": …} for partial credit, or a whole number of cases" => {
            "true（符合）、false（不符合）、\"unknown\"（未知）、部分得分{\"score\": …, \"reason\": …}，或违规例数（整数）".to_owned()
        }
        other => other.strip_prefix("struct ").map_or_else(|| other.to_owned(), |_| "对象".to_owned()),
    }
}

/// ` at line L column C` split off a parser's message.
fn at_line(message: &str) -> (&str, Option<(&str, &str)>) {
    match message.rsplit_once(" at line ") {
        Some((head, place)) => match place.split_once(" column ") {
            Some((line, column)) => (head, Some((line, column))),
            None => (message, None),
        },
        None => (message, None),
    }
}

fn syntax(message: &str) -> String {
    let (head, place) = at_line(message);
    let words = match head {
        "the document ends where a value was expected" => "文档在应有值处就结束了".to_owned(),
        "the document ends inside an object (a `}` is missing)" => {
            "文档在对象中途结束（缺少“}”）".to_owned()
        }
        "the document ends inside an array (a `]` is missing)" => {
            "文档在数组中途结束（缺少“]”）".to_owned()
        }
        "the document ends inside a string (a `\"` is missing)" => {
            "文档在字符串中途结束（缺少“\"”）".to_owned()
        }
        "expected a JSON value (JSON has no NaN or Infinity; numbers are plain decimals)" => {
            "此处应为JSON值（JSON没有NaN或Infinity，数值须写成普通小数）".to_owned()
        }
        "trailing comma" => "多了一个逗号".to_owned(),
        "trailing characters" => "JSON之后还有多余的字符".to_owned(),
        "key must be a string" => "对象的键必须是字符串".to_owned(),
        "expected `:`" => "缺少冒号“:”".to_owned(),
        "expected `,` or `}`" => "缺少逗号“,”或“}”".to_owned(),
        "expected `,` or `]`" => "缺少逗号“,”或“]”".to_owned(),
        "recursion limit exceeded" => "嵌套层数超过上限".to_owned(),
        "invalid escape" => "无效的转义字符".to_owned(),
        "invalid number" => "无效的数值".to_owned(),
        "number out of range" => "数值超出范围".to_owned(),
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "字符串中有控制字符（\\u0000-\\u001F）".to_owned()
        }
        other => format!("JSON格式有误（{other}）"),
    };
    match place {
        Some((line, column)) => format!("{words}（第{line}行第{column}列）"),
        None => words,
    }
}

fn duplicate(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        return format!("字段“{}”重复出现", rest.trim_end_matches('`'));
    }
    // the key `K` appears twice, as entries A and B of the object; …
    let key = message.split('`').nth(1).unwrap_or_default();
    let entries = message
        .split_once("as entries ")
        .and_then(|(_, r)| r.split_once(" of the object"))
        .map(|(e, _)| e.split_once(" and ").unwrap_or((e, "")))
        .unwrap_or(("", ""));
    format!(
        "键“{key}”出现了两次（对象的第{}项和第{}项）；每个键只能出现一次（重复的键会悄悄覆盖前一个值）",
        entries.0, entries.1
    )
}

fn number(message: &str) -> String {
    let (head, place) = at_line(message);
    let literal = head
        .strip_prefix("the JSON number ")
        .and_then(|r| r.split(' ').next())
        .unwrap_or_default();
    let words = if head.contains("is too large") {
        let max = head
            .split_once("(at most ")
            .map(|(_, m)| m.trim_end_matches(')'))
            .unwrap_or_default();
        format!("数值{literal}超出精确小数的范围（最大为{max}）")
    } else if head.contains("more decimal places") {
        format!("数值{literal}的小数位数超过精确小数可容纳的28位")
    } else if head.contains("more significant digits") {
        format!("数值{literal}的有效数字超过精确小数可容纳的28位，请减少位数")
    } else {
        format!(
            "{}不是有限的数值",
            head.trim_end_matches(" is not a finite number")
        )
    };
    match place {
        Some((line, column)) => format!("{words}（第{line}行第{column}列）"),
        None => words,
    }
}

fn other(message: &str) -> String {
    let (head, place) = at_line(message);
    let words = if let Some(rest) = head.strip_prefix("expected ") {
        match rest.rsplit_once(", found `") {
            Some((expected, found)) => format!(
                "应为{}，实际为“{}”",
                match expected {
                    "a decimal number such as \"6.28\"" => "小数，如\"6.28\"".to_owned(),
                    "at most 28 significant digits (what an exact decimal holds)" => {
                        "不超过28位有效数字（精确小数的上限）".to_owned()
                    }
                    other => expectation(other),
                },
                found.trim_end_matches('`')
            ),
            None => format!("应为{}", expectation(rest)),
        }
    } else {
        format!("内容有误（{head}）")
    };
    match place {
        Some((line, column)) => format!("{words}（第{line}行第{column}列）"),
        None => words,
    }
}
/// The parser's words in a rubric author's: JSON's names for its types,
/// and what an unparsable document means.
pub(crate) fn plain_words(message: &str) -> String {
    let mut out = message.to_owned();
    for (from, to) in [
        (
            "EOF while parsing a value",
            "the document ends where a value was expected",
        ),
        (
            "EOF while parsing an object",
            "the document ends inside an object (a `}` is missing)",
        ),
        (
            "EOF while parsing a list",
            "the document ends inside an array (a `]` is missing)",
        ),
        (
            "EOF while parsing a string",
            "the document ends inside a string (a `\"` is missing)",
        ),
        (
            "expected value",
            "expected a JSON value (JSON has no NaN or Infinity; numbers are plain decimals)",
        ),
        ("expected a sequence", "expected an array"),
        ("invalid type: map", "invalid type: object"),
        ("invalid type: sequence", "invalid type: array"),
        ("expected u32", "expected a whole number of at least 0"),
        ("expected u64", "expected a whole number of at least 0"),
        ("expected a borrowed string", "expected a string"),
    ] {
        out = out.replace(from, to);
    }
    out
}
