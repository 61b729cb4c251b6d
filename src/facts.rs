//! [`Facts`]: one department's data and answers for one rubric.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::error::JsonError;
use crate::number;

/// One department's data for one rubric (基础数据 and answers), and
/// optionally the scores it claimed for itself.
///
/// Numbers are keyed by input name, answers, marks, claims and overrides by
/// indicator id. A key that appears twice in any of these objects (or in a
/// checklist answer's `items`) is refused, naming both entries, rather than
/// letting the later value silently win. Build it from JSON with
/// [`Facts::from_json`] or in code:
///
/// ```
/// use jixiao::{Answer, Facts, ItemAnswer};
///
/// let facts = Facts::new()
///     .value("编制数", "34".parse()?)
///     .value("在职人员数", "39".parse()?)
///     .unknown("上年度“三公经费”预算数")
///     .answer("行政效能", Answer::level("较好"))
///     .answer("管理制度健全性", Answer::items([("①", ItemAnswer::Met), ("②", ItemAnswer::NotMet)]))
///     .not_applicable("新建楼堂馆所面积控制率", "2020年无楼堂馆所建设")
///     .claim("在职人员控制率", "5".parse()?);
/// assert_eq!(facts.values.len(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// The JSON Schema this file follows, for editors; ignored otherwise.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Where the facts come from (the report, the year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Input values by input name: a number, a decimal string, a percentage
    /// string such as `"92%"` for inputs whose unit is `%`, or `"unknown"`.
    #[serde(
        default,
        deserialize_with = "unique_keys",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub values: BTreeMap<String, FactValue>,
    /// Answers to checklist, rating and judgement indicators, by indicator id.
    #[serde(
        default,
        deserialize_with = "unique_keys",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub answers: BTreeMap<String, Answer>,
    /// Leaves that do not apply to this department, by id, with the reason.
    #[serde(
        default,
        deserialize_with = "unique_keys",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub not_applicable: BTreeMap<String, String>,
    /// The scores the department claimed for itself (自评得分), by indicator id.
    #[serde(
        default,
        deserialize_with = "unique_keys",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    #[schemars(with = "BTreeMap<String, crate::number::ExactDecimal>")]
    pub claimed: BTreeMap<String, ClaimedScore>,
    /// The total the department claimed (自评总分), if it states one.
    #[serde(
        default,
        deserialize_with = "number::deserialize_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::number::ExactDecimal>")]
    pub claimed_total: Option<Decimal>,
    /// Scores a reviewer set by hand, by leaf id, each with its reason.
    #[serde(
        default,
        deserialize_with = "unique_keys",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub overrides: BTreeMap<String, Override>,
    /// 实际完成值 by leaf id, for `target` leaves whose actual value the
    /// facts give: a number, a number with its unit as written (`"5600人次"`,
    /// `"98.5%"`), a level for a qualitative target (`"达成"`, or
    /// `{"level": "部分达成", "score": 2.8, "reason": "…"}`), or `"unknown"`.
    #[serde(
        default,
        deserialize_with = "unique_keys",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub actuals: BTreeMap<String, Actual>,
    /// 年度指标值 by leaf id, for `target` leaves whose rubric leaves the
    /// target to the facts (`"≥100%"`, the 年初指标值 of a department table).
    #[serde(
        default,
        deserialize_with = "unique_keys",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub targets: BTreeMap<String, String>,
    /// 偏差原因分析及改进措施 by leaf id: why a row missed (or overshot) its
    /// target, and what will be done.
    #[serde(
        default,
        deserialize_with = "unique_keys",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub deviations: BTreeMap<String, String>,
    /// For `targets_met` leaves, by leaf id: the targets counted (a
    /// department's 数量指标), each with its name, target and actual value.
    #[serde(
        default,
        deserialize_with = "unique_keys",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub target_lists: BTreeMap<String, Vec<TargetLine>>,
    /// For groups of alternatives (二者择其一), by the group's id: the id of
    /// the alternative scored, or `"unknown"`.
    #[serde(
        default,
        deserialize_with = "unique_keys",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub choices: BTreeMap<String, String>,
    /// For vetoes the facts decide (一票否决), by the veto's id: whether
    /// the condition holds (`{"evidence": "…"}`, naming what shows it),
    /// does not (`false`), or is not known (`"unknown"`).
    #[serde(
        default,
        deserialize_with = "unique_keys",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub vetoes: BTreeMap<String, VetoAnswer>,
}

/// Whether a veto's condition holds, as the facts answer it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum VetoAnswer {
    /// It holds; the evidence names what shows it (the audit, the case).
    Holds {
        /// What shows the condition holds.
        evidence: String,
    },
    /// It does not hold.
    Clear,
    /// Not known: the grade becomes a range.
    Unknown,
}

impl Serialize for VetoAnswer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            VetoAnswer::Holds { evidence } => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("evidence", evidence)?;
                m.end()
            }
            VetoAnswer::Clear => s.serialize_bool(false),
            VetoAnswer::Unknown => s.serialize_str("unknown"),
        }
    }
}

impl<'de> Deserialize<'de> for VetoAnswer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Holds {
            evidence: String,
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = VetoAnswer;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("{\"evidence\": <what shows the veto holds>}, false, or \"unknown\"")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<VetoAnswer, E> {
                if v {
                    Err(E::invalid_value(de::Unexpected::Bool(v), &self))
                } else {
                    Ok(VetoAnswer::Clear)
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<VetoAnswer, E> {
                if v == "unknown" {
                    Ok(VetoAnswer::Unknown)
                } else {
                    Err(E::invalid_value(de::Unexpected::Str(v), &self))
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<VetoAnswer, A::Error> {
                let h = Holds::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(VetoAnswer::Holds {
                    evidence: h.evidence,
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for VetoAnswer {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "VetoAnswer".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Whether a veto's condition holds: {\"evidence\": …} naming what shows it, false, or \"unknown\".",
            "oneOf": [
                {
                    "type": "object",
                    "properties": { "evidence": { "type": "string" } },
                    "required": ["evidence"],
                    "additionalProperties": false
                },
                { "const": false },
                { "const": "unknown" }
            ]
        })
    }
}

/// One target of a list a `targets_met` leaf counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetLine {
    /// The target's name: `培训人次`.
    pub name: String,
    /// Its 年度指标值 as written: `≥2000人次`.
    pub target: String,
    /// Its 实际完成值: a number with its unit as written, or `"unknown"`.
    pub actual: Actual,
}

impl Facts {
    /// Empty facts.
    pub fn new() -> Facts {
        Facts::default()
    }

    /// Reads facts from JSON.
    ///
    /// # Errors
    ///
    /// Returns a [`JsonError`] with the line and column when the text is not
    /// JSON of the facts' shape: an unknown field, a number that cannot be
    /// read exactly, an answer of the wrong type.
    pub fn from_json(json: &str) -> Result<Facts, JsonError> {
        crate::locate::read_document(
            "facts",
            json,
            crate::locate::facts,
            crate::locate::plain_place,
        )
    }

    /// Sets an input's value.
    #[must_use]
    pub fn value(mut self, name: impl Into<String>, value: Decimal) -> Facts {
        self.values.insert(name.into(), FactValue::Number(value));
        self
    }

    /// Sets a percentage input's value, in percentage points (`92` for 92%).
    #[must_use]
    pub fn percent(mut self, name: impl Into<String>, points: Decimal) -> Facts {
        self.values.insert(name.into(), FactValue::Percent(points));
        self
    }

    /// Marks an input as unknown: the leaves that read it get a range.
    #[must_use]
    pub fn unknown(mut self, name: impl Into<String>) -> Facts {
        self.values.insert(name.into(), FactValue::Unknown);
        self
    }

    /// Sets the answer for a checklist, rating or judgement leaf.
    #[must_use]
    pub fn answer(mut self, id: impl Into<String>, answer: Answer) -> Facts {
        self.answers.insert(id.into(), answer);
        self
    }

    /// Marks a leaf not applicable, with the reason.
    #[must_use]
    pub fn not_applicable(mut self, id: impl Into<String>, reason: impl Into<String>) -> Facts {
        self.not_applicable.insert(id.into(), reason.into());
        self
    }

    /// Records the score the department claimed for an indicator.
    #[must_use]
    pub fn claim(mut self, id: impl Into<String>, score: Decimal) -> Facts {
        self.claimed.insert(id.into(), ClaimedScore(score));
        self
    }

    /// Sets a reviewer's score for a leaf, with the reason.
    #[must_use]
    pub fn override_score(
        mut self,
        id: impl Into<String>,
        score: Decimal,
        reason: impl Into<String>,
    ) -> Facts {
        self.overrides.insert(
            id.into(),
            Override {
                score,
                reason: reason.into(),
            },
        );
        self
    }

    /// Sets a `target` leaf's actual value (实际完成值): a number in the
    /// target's unit, text as the unit wrote it (`"5600人次"`, `"达成"`), or
    /// an [`Actual`].
    #[must_use]
    pub fn actual(mut self, id: impl Into<String>, actual: impl Into<Actual>) -> Facts {
        self.actuals.insert(id.into(), actual.into());
        self
    }

    /// Sets the target (指标值) of a `target` leaf whose rubric leaves it to
    /// the facts: `"≥100%"`.
    #[must_use]
    pub fn target(mut self, id: impl Into<String>, target: impl Into<String>) -> Facts {
        self.targets.insert(id.into(), target.into());
        self
    }

    /// Chooses the alternative scored in a group (二者择其一).
    #[must_use]
    pub fn choose(mut self, group: impl Into<String>, alternative: impl Into<String>) -> Facts {
        self.choices.insert(group.into(), alternative.into());
        self
    }

    /// Answers a veto the facts decide (一票否决).
    #[must_use]
    pub fn veto(mut self, id: impl Into<String>, answer: VetoAnswer) -> Facts {
        self.vetoes.insert(id.into(), answer);
        self
    }

    /// Records why a row deviates from its target (偏差原因分析及改进措施).
    #[must_use]
    pub fn deviation(mut self, id: impl Into<String>, reason: impl Into<String>) -> Facts {
        self.deviations.insert(id.into(), reason.into());
        self
    }

    /// How many entries the facts hold, for the size limit.
    pub(crate) fn len(&self) -> usize {
        self.values.len()
            + self.answers.len()
            + self.not_applicable.len()
            + self.claimed.len()
            + self.overrides.len()
            + self.actuals.len()
            + self.targets.len()
            + self.deviations.len()
            + self
                .target_lists
                .values()
                .map(|l| l.len().max(1))
                .sum::<usize>()
            + self.choices.len()
            + self.vetoes.len()
    }

    /// Calls `f` with every key of every map and the map's field name, map
    /// by map (a loop each, where a chain of eleven iterators costs more
    /// than the keys).
    pub(crate) fn each_key(&self, mut f: impl FnMut(&'static str, &str)) {
        fn of<V>(
            field: &'static str,
            map: &BTreeMap<String, V>,
            f: &mut impl FnMut(&'static str, &str),
        ) {
            for k in map.keys() {
                f(field, k);
            }
        }
        of("values", &self.values, &mut f);
        of("answers", &self.answers, &mut f);
        of("not_applicable", &self.not_applicable, &mut f);
        of("claimed", &self.claimed, &mut f);
        of("overrides", &self.overrides, &mut f);
        of("actuals", &self.actuals, &mut f);
        of("targets", &self.targets, &mut f);
        of("deviations", &self.deviations, &mut f);
        of("target_lists", &self.target_lists, &mut f);
        of("choices", &self.choices, &mut f);
        of("vetoes", &self.vetoes, &mut f);
    }
}

/// A 实际完成值: what a unit wrote in the column, read when it is scored
/// against its target (whose unit and kind decide what it may be).
///
/// ```
/// use jixiao::{Actual, Decimal};
///
/// let written: Actual = serde_json::from_str(r#""5600人次""#)?;
/// assert_eq!(written, Actual::Text("5600人次".to_owned()));
/// let number: Actual = serde_json::from_str("14")?;
/// assert_eq!(number, Actual::Number(Decimal::from(14)));
/// let rated: Actual = serde_json::from_str(r#"{"level": "部分达成", "score": 2.8, "reason": "机制初步建立"}"#)?;
/// assert!(matches!(rated, Actual::Level(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Actual {
    /// Not known (`"unknown"`): the leaf gets the range its rule allows.
    Unknown,
    /// A number, in the target's unit.
    Number(Decimal),
    /// Text as written: a number with its unit (`"5600人次"`, `"98.5%"`),
    /// or a level of a qualitative target (`"达成"`, `"完成"`).
    Text(String),
    /// A level of a qualitative target with the score chosen in it and
    /// the reason (`{"level": …, "score": …, "reason": …}`).
    Level(AnswerFields),
}

impl From<&str> for Actual {
    fn from(text: &str) -> Actual {
        if text == "unknown" {
            Actual::Unknown
        } else {
            Actual::Text(text.to_owned())
        }
    }
}

impl From<Decimal> for Actual {
    fn from(value: Decimal) -> Actual {
        Actual::Number(value)
    }
}

impl Serialize for Actual {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Actual::Unknown => s.serialize_str("unknown"),
            Actual::Number(n) => s.serialize_str(&n.to_string()),
            Actual::Text(t) => s.serialize_str(t),
            Actual::Level(fields) => fields.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Actual {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Actual;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number, text such as \"5600人次\" or \"达成\", {\"level\": …, \"score\": …, \"reason\": …}, or \"unknown\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Actual, E> {
                Ok(Actual::Number(Decimal::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Actual, E> {
                Ok(Actual::Number(Decimal::from(v)))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Actual, E> {
                number::from_literal(&v.to_string())
                    .map(Actual::Number)
                    .map_err(E::custom)
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Actual, E> {
                number::from_literal(&v.to_string())
                    .map(Actual::Number)
                    .map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Actual, E> {
                number::from_float(v).map(Actual::Number).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Actual, E> {
                Ok(Actual::from(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Actual, A::Error> {
                let mut fields = AnswerFields::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        number::ARBITRARY_PRECISION_KEY => {
                            let text: String = map.next_value()?;
                            return number::from_literal(&text)
                                .map(Actual::Number)
                                .map_err(de::Error::custom);
                        }
                        "level" if fields.level.is_none() => fields.level = Some(map.next_value()?),
                        "score" if fields.score.is_none() => {
                            fields.score = Some(map.next_value::<ClaimedScore>()?.0);
                        }
                        "reason" if fields.reason.is_none() => {
                            fields.reason = Some(map.next_value()?);
                        }
                        "level" | "score" | "reason" => {
                            return Err(de::Error::custom(format!("duplicate field `{key}`")))
                        }
                        other => {
                            return Err(de::Error::unknown_field(
                                other,
                                &["level", "score", "reason"],
                            ))
                        }
                    }
                }
                Ok(Actual::Level(fields))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Actual {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Actual".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "实际完成值: a number in the target's unit; text as written, a number with its unit (\"5600人次\", \"98.5%\") or a level of a qualitative target (\"达成\"); a level with the score chosen in it and the reason; or \"unknown\".",
            "oneOf": [
                { "type": "number" },
                { "type": "string", "minLength": 1 },
                {
                    "type": "object",
                    "properties": {
                        "level": { "type": "string", "minLength": 1 },
                        "score": { "type": ["number", "string"], "pattern": "^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*$" },
                        "reason": { "type": "string" }
                    },
                    "required": ["level"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// `deserialize_with` helper for every map in the facts: reads a JSON
/// object into a map, refusing a key that appears twice (naming both
/// entries), where a plain map would silently keep the last value.
pub(crate) fn unique_keys<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    d.deserialize_map(UniqueKeys(std::marker::PhantomData))
}

/// [`unique_keys`] for an optional map (use with `#[serde(default)]`).
pub(crate) fn unique_keys_option<'de, D, V>(d: D) -> Result<Option<BTreeMap<String, V>>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Optional<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> Visitor<'de> for Optional<V> {
        type Value = Option<BTreeMap<String, V>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            unique_keys(d).map(Some)
        }
    }
    d.deserialize_option(Optional(std::marker::PhantomData))
}

struct UniqueKeys<V>(std::marker::PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueKeys<V> {
    type Value = BTreeMap<String, V>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // Each entry with its position, to name the first of a repeated key.
        let mut entries: BTreeMap<String, (usize, V)> = BTreeMap::new();
        let mut position = 0usize;
        while let Some(key) = map.next_key::<String>()? {
            position += 1;
            if let Some((first, _)) = entries.get(&key) {
                return Err(de::Error::custom(format!(
                    "the key `{key}` appears twice, as entries {first} and {position} of the object; a key may appear once (a repeated key would silently replace the earlier value)"
                )));
            }
            let value = map.next_value()?;
            entries.insert(key, (position, value));
        }
        Ok(entries.into_iter().map(|(k, (_, v))| (k, v)).collect())
    }
}

/// A claimed score: an exact decimal read from a number or a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimedScore(pub Decimal);

impl Serialize for ClaimedScore {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Serialize::serialize(&self.0, s)
    }
}

impl<'de> Deserialize<'de> for ClaimedScore {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        number::deserialize(d).map(ClaimedScore)
    }
}

/// The value of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FactValue {
    /// A plain number.
    Number(Decimal),
    /// A percentage, in percentage points (`"92%"` is `Percent(92)`).
    Percent(Decimal),
    /// Not known: the document does not give it.
    Unknown,
}

impl Serialize for FactValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            // Written through the serialiser, without a string of its own.
            FactValue::Number(n) => s.collect_str(n),
            FactValue::Percent(p) => s.collect_str(&format_args!("{p}%")),
            FactValue::Unknown => s.serialize_str("unknown"),
        }
    }
}

impl<'de> Deserialize<'de> for FactValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FactValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a number, a decimal string such as \"6.28\" or \"87.18%\", or \"unknown\"",
                )
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FactValue, E> {
                Ok(FactValue::Number(Decimal::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FactValue, E> {
                Ok(FactValue::Number(Decimal::from(v)))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<FactValue, E> {
                number::from_literal(&v.to_string())
                    .map(FactValue::Number)
                    .map_err(E::custom)
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<FactValue, E> {
                number::from_literal(&v.to_string())
                    .map(FactValue::Number)
                    .map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<FactValue, E> {
                number::from_float(v)
                    .map(FactValue::Number)
                    .map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FactValue, E> {
                if v == "unknown" {
                    return Ok(FactValue::Unknown);
                }
                match number::parse_percent(v) {
                    Ok((n, true)) => Ok(FactValue::Percent(n)),
                    Ok((n, false)) => Ok(FactValue::Number(n)),
                    Err(_) => Err(E::custom(format!(
                        "expected a number, a decimal string such as \"6.28\" or \"87.18%\", or \"unknown\", found `{v}`"
                    ))),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<FactValue, A::Error> {
                number::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(FactValue::Number)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for FactValue {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FactValue".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A number; a decimal string (\"6.28\"); a percentage string (\"87.18%\") for inputs whose unit is %; or \"unknown\".",
            "oneOf": [
                { "type": "number" },
                { "type": "string", "pattern": "^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*[%％]?\\s*$" },
                { "const": "unknown" }
            ]
        })
    }
}

/// The answer for a leaf whose rule needs one (checklist, rating, judgement),
/// or `"unknown"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Not known: the leaf gets the range its rule allows.
    Unknown,
    /// The answer given.
    Given(AnswerFields),
}

impl Answer {
    /// A checklist answer: each item met, not met, partly met or a count of cases.
    pub fn items<I, K>(items: I) -> Answer
    where
        I: IntoIterator<Item = (K, ItemAnswer)>,
        K: Into<String>,
    {
        Answer::Given(AnswerFields {
            items: Some(items.into_iter().map(|(k, v)| (k.into(), v)).collect()),
            ..AnswerFields::default()
        })
    }

    /// A rating answer at a fixed-points level.
    pub fn level(level: impl Into<String>) -> Answer {
        Answer::Given(AnswerFields {
            level: Some(level.into()),
            ..AnswerFields::default()
        })
    }

    /// A rating answer at a level with a points range: the score chosen in
    /// it and the reason.
    pub fn level_score(
        level: impl Into<String>,
        score: Decimal,
        reason: impl Into<String>,
    ) -> Answer {
        Answer::Given(AnswerFields {
            level: Some(level.into()),
            score: Some(score),
            reason: Some(reason.into()),
            ..AnswerFields::default()
        })
    }

    /// A judgement: the evaluator's score and the reason.
    pub fn judgement(score: Decimal, reason: impl Into<String>) -> Answer {
        Answer::Given(AnswerFields {
            score: Some(score),
            reason: Some(reason.into()),
            ..AnswerFields::default()
        })
    }
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Unknown => s.serialize_str("unknown"),
            Answer::Given(fields) => fields.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Answer;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an answer object ({\"items\": …}, {\"level\": …} or {\"score\": …, \"reason\": …}) or \"unknown\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Answer, E> {
                if v == "unknown" {
                    Ok(Answer::Unknown)
                } else {
                    Err(E::invalid_value(de::Unexpected::Str(v), &self))
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Answer, A::Error> {
                AnswerFields::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(Answer::Given)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Answer {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Answer".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let fields = generator.subschema_for::<AnswerFields>();
        json_schema!({
            "description": "The answer for a checklist, rating or judgement indicator, or \"unknown\".",
            "oneOf": [ fields, { "const": "unknown" } ]
        })
    }
}

/// The parts of an answer; which are needed depends on the leaf's rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerFields {
    /// Checklist: each item's answer by item id.
    #[serde(
        default,
        deserialize_with = "unique_keys_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub items: Option<BTreeMap<String, ItemAnswer>>,
    /// Rating: the level's name, as the rubric declares it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Judgement, or a rating level with a points range: the score given.
    #[serde(
        default,
        deserialize_with = "number::deserialize_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::number::ExactDecimal>")]
    pub score: Option<Decimal>,
    /// Why the score was given; required wherever the evaluator chooses it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One checklist item's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemAnswer {
    /// The item is met (`true` or `"met"`): its full points.
    Met,
    /// The item is not met (`false` or `"not_met"`): nothing.
    NotMet,
    /// Not known (`"unknown"`): between nothing and its points.
    Unknown,
    /// Partly met (`{"score": 1.5, "reason": "…"}`), where the rubric allows it.
    Partial {
        /// The points given.
        score: Decimal,
        /// Why.
        reason: String,
    },
    /// For a deduction checklist: how many cases were found (a whole number).
    Cases(u64),
}

impl Serialize for ItemAnswer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            ItemAnswer::Met => s.serialize_bool(true),
            ItemAnswer::NotMet => s.serialize_bool(false),
            ItemAnswer::Unknown => s.serialize_str("unknown"),
            ItemAnswer::Cases(n) => s.serialize_u64(*n),
            ItemAnswer::Partial { score, reason } => {
                let mut map = s.serialize_map(Some(2))?;
                map.serialize_entry("score", score)?;
                map.serialize_entry("reason", reason)?;
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for ItemAnswer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Partial {
            #[serde(deserialize_with = "number::deserialize")]
            score: Decimal,
            #[serde(default)]
            reason: String,
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ItemAnswer;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("true (met), false (not met), \"unknown\", {\"score\": …, \"reason\": …} for partial credit, or a whole number of cases")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<ItemAnswer, E> {
                Ok(if v {
                    ItemAnswer::Met
                } else {
                    ItemAnswer::NotMet
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ItemAnswer, E> {
                Ok(ItemAnswer::Cases(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ItemAnswer, E> {
                u64::try_from(v)
                    .map(ItemAnswer::Cases)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<ItemAnswer, E> {
                Err(E::invalid_value(de::Unexpected::Float(v), &self))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ItemAnswer, E> {
                match v {
                    "met" => Ok(ItemAnswer::Met),
                    "not_met" => Ok(ItemAnswer::NotMet),
                    "unknown" => Ok(ItemAnswer::Unknown),
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ItemAnswer, A::Error> {
                let p = Partial::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(ItemAnswer::Partial {
                    score: p.score,
                    reason: p.reason,
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for ItemAnswer {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ItemAnswer".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "true (met), false (not met), \"unknown\", a partial score with its reason, or (for a deduction checklist) the number of cases found.",
            "oneOf": [
                { "type": "boolean" },
                { "enum": ["met", "not_met", "unknown"] },
                { "type": "integer", "minimum": 0 },
                {
                    "type": "object",
                    "properties": {
                        "score": { "type": ["number", "string"], "pattern": "^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*$" },
                        "reason": { "type": "string", "minLength": 1 }
                    },
                    "required": ["score", "reason"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// A reviewer's score for a leaf, replacing the computed one; both stay in
/// the working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// The score set.
    #[serde(deserialize_with = "number::deserialize")]
    #[schemars(with = "crate::number::ExactDecimal")]
    pub score: Decimal,
    /// Why (required).
    pub reason: String,
}
