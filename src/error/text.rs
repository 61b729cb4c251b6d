//! [`Text`]: a phrase of a message in both languages, and [`Field`]: where
//! in a document a problem lies, shown dotted and as a JSON Pointer.

use std::borrow::Cow;
use std::fmt;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::lang::Lang;

/// A phrase of a message — what was expected, what was found — in Chinese
/// and English, written once where the problem is described.
///
/// Serialises as `{"zh": "…", "en": "…"}`; displays in English.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Text {
    zh: Cow<'static, str>,
    en: Cow<'static, str>,
}

impl Text {
    /// A phrase in both languages.
    pub(crate) fn new(en: impl Into<Cow<'static, str>>, zh: impl Into<Cow<'static, str>>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// A value that reads the same in both languages: a number, a quoted
    /// name, a formula.
    pub(crate) fn same(text: impl Into<Cow<'static, str>>) -> Text {
        let text = text.into();
        Text {
            zh: text.clone(),
            en: text,
        }
    }

    /// The phrase in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The Chinese phrase.
    pub fn zh(&self) -> &str {
        &self.zh
    }

    /// The English phrase.
    pub fn en(&self) -> &str {
        &self.en
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// A value found is quoted as it was given, the same in both languages.
impl From<String> for Text {
    fn from(value: String) -> Text {
        Text::same(value)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("Text", 2)?;
        out.serialize_field("zh", &*self.zh)?;
        out.serialize_field("en", &*self.en)?;
        out.end()
    }
}

/// Both renderings of a message, serialised as `{"zh": "…", "en": "…"}`.
pub(crate) fn both(render: impl Fn(Lang) -> String) -> Text {
    Text::new(render(Lang::En), render(Lang::Zh))
}

/// One step into a JSON document: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

/// A field of a document, as segments: shown dotted as messages have
/// always written it (`answers.行政效能.level`, `rule.bands[2].range`) and
/// as an RFC 6901 JSON Pointer (`/answers/行政效能/level`), which stays
/// unambiguous for an id such as `1.1` or an input `a.b`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Field(Vec<Seg>);

impl Field {
    /// A field written with fixed names only (`rule.bands[2].range`):
    /// split at dots and brackets.
    pub(crate) fn parse(fixed: &str) -> Field {
        let mut segs = Vec::new();
        for part in fixed.split('.').filter(|p| !p.is_empty()) {
            let mut rest = part;
            if let Some(i) = rest.find('[') {
                if i > 0 {
                    segs.push(Seg::Key(rest[..i].to_owned()));
                }
                rest = &rest[i..];
                while let Some(tail) = rest.strip_prefix('[') {
                    let Some(end) = tail.find(']') else { break };
                    match tail[..end].parse::<usize>() {
                        Ok(n) => segs.push(Seg::Index(n)),
                        Err(_) => segs.push(Seg::Key(tail[..end].to_owned())),
                    }
                    rest = &tail[end + 1..];
                }
                if !rest.is_empty() {
                    segs.push(Seg::Key(rest.to_owned()));
                }
            } else {
                segs.push(Seg::Key(rest.to_owned()));
            }
        }
        Field(segs)
    }

    /// A section of the facts and a key given in them: `values` and the
    /// input `a.b` are two steps, whatever the key holds.
    pub(crate) fn key(section: &str, key: &str) -> Field {
        Field(vec![Seg::Key(section.to_owned()), Seg::Key(key.to_owned())])
    }

    /// The field from segments found in a document.
    pub(crate) fn from_segs(segs: Vec<Seg>) -> Field {
        Field(segs)
    }

    /// This field, then fixed names (`level`, `items`).
    #[must_use]
    pub(crate) fn then(mut self, fixed: &str) -> Field {
        self.0.extend(Field::parse(fixed).0);
        self
    }

    /// This field, then a key given in the document (an item's id).
    #[must_use]
    pub(crate) fn then_key(mut self, key: &str) -> Field {
        self.0.push(Seg::Key(key.to_owned()));
        self
    }

    /// This field, then another below it.
    #[must_use]
    pub(crate) fn join(mut self, below: Field) -> Field {
        self.0.extend(below.0);
        self
    }

    /// This field, then an index.
    #[must_use]
    pub(crate) fn then_index(mut self, index: usize) -> Field {
        self.0.push(Seg::Index(index));
        self
    }

    /// The dotted form: `rule.bands[2].range`.
    pub(crate) fn dotted(&self) -> String {
        let mut out = String::new();
        for seg in &self.0 {
            match seg {
                Seg::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Seg::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    /// The RFC 6901 JSON Pointer: `/rule/bands/2/range`, with `~` and `/`
    /// in keys escaped as `~0` and `~1`.
    pub(crate) fn pointer(&self) -> String {
        let mut out = String::new();
        for seg in &self.0 {
            out.push('/');
            match seg {
                Seg::Key(k) => out.push_str(&k.replace('~', "~0").replace('/', "~1")),
                Seg::Index(i) => out.push_str(&i.to_string()),
            }
        }
        out
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.dotted())
    }
}

impl From<&'static str> for Field {
    fn from(fixed: &'static str) -> Field {
        Field::parse(fixed)
    }
}

impl From<String> for Field {
    fn from(fixed: String) -> Field {
        Field::parse(&fixed)
    }
}

impl From<Cow<'static, str>> for Field {
    fn from(fixed: Cow<'static, str>) -> Field {
        Field::parse(&fixed)
    }
}

impl From<&String> for Field {
    fn from(fixed: &String) -> Field {
        Field::parse(fixed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_dotted_and_pointers() {
        let f = Field::parse("rule.bands[2].range");
        assert_eq!(f.dotted(), "rule.bands[2].range");
        assert_eq!(f.pointer(), "/rule/bands/2/range");
        let f = Field::key("values", "a.b/c~d").then("level");
        assert_eq!(f.dotted(), "values.a.b/c~d.level");
        assert_eq!(f.pointer(), "/values/a.b~1c~0d/level");
        assert_eq!(Field::parse("").pointer(), "");
        assert_eq!(Field::parse("inputs[1].name").pointer(), "/inputs/1/name");
    }
}

/// Phrases many problems share, so each is worded once.
pub(crate) mod phrase {
    use super::Text;

    /// Nothing given.
    pub(crate) fn none() -> Text {
        Text::new("none", "未填写")
    }

    /// An empty list.
    pub(crate) fn empty() -> Text {
        Text::new("none", "空")
    }

    /// Two exclusive fields both given.
    pub(crate) fn both() -> Text {
        Text::new("both", "两项同时填写")
    }

    /// Neither of two fields given.
    pub(crate) fn neither() -> Text {
        Text::new("neither", "两项均未填写")
    }

    /// A value repeated: `` `①` again ``.
    pub(crate) fn again(value: &str) -> Text {
        Text::new(format!("`{value}` again"), format!("“{value}”重复出现"))
    }

    /// A figure repeated: `27 again`.
    pub(crate) fn figure_again(value: &str) -> Text {
        Text::new(format!("{value} again"), format!("{value}重复出现"))
    }

    /// A number that may not be negative.
    pub(crate) fn at_least_zero() -> Text {
        Text::new("a number of at least 0", "不小于0的数")
    }

    /// What a text's length counts.
    pub(crate) fn characters() -> Text {
        Text::new("characters", "个字符")
    }

    /// An empty list: `at least one band`, `至少一个档次`.
    pub(crate) fn at_least_one(en: &str, zh: &str) -> Text {
        Text::new(format!("at least one {en}"), format!("至少一个{zh}"))
    }

    /// A reason of spaces only.
    pub(crate) fn blank_reason() -> Text {
        Text::new("a blank reason", "理由为空白")
    }

    /// A score outside what the rule allows.
    pub(crate) fn score_between(low: &str, high: &str) -> Text {
        Text::new(
            format!("a score from {low} to {high}"),
            format!("{low}至{high}分之间的评分"),
        )
    }

    /// What is counted against a limit: entries, rows, indicators, …
    pub(crate) fn counted(what: &'static str) -> Text {
        let zh = match what {
            "entries" => "条目数",
            "rows" => "行数",
            "indicators" => "指标数",
            "checks" => "勾稽关系数",
            "inputs" => "基础数据项数",
            "levels" => "层级数",
            _ => what,
        };
        Text::new(what, zh)
    }

    /// What a name must be.
    pub(crate) fn name_rules() -> Text {
        Text::new(
            "a name without control, invisible or bidirectional characters, without leading or trailing spaces, in composed (NFC) form",
            "不含控制字符、不可见字符或双向控制符，首尾无空格，且为合成形式（NFC）的名称",
        )
    }

    /// A value given where a percentage needs its sign.
    pub(crate) fn plain_number_not_percent() -> Text {
        Text::new(
            "a plain number, because the formula is not a percentage (it does not end in ×100%)",
            "不带%的数，因为公式不是百分比（不以×100%结尾）",
        )
    }
}
