//! JSON Schemas for the documents this crate reads and writes, so that
//! editors check rubric and facts files as they are typed and platforms
//! build their authoring and data-entry forms from them.
//!
//! The committed copies live in `rubrics/schema/`; a test fails when they
//! are stale.

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::Value;

use crate::evaluate::Evaluation;
use crate::facts::Facts;
use crate::spec::RubricSpec;

/// Where the committed schemas are published, for `$id`.
const BASE: &str = "https://raw.githubusercontent.com/jixiao-rs/jixiao/main/rubrics/schema/";

fn generate<T: JsonSchema>(file: &str, serialize: bool) -> Value {
    let settings = if serialize {
        SchemaSettings::draft2020_12().for_serialize()
    } else {
        SchemaSettings::draft2020_12().for_deserialize()
    };
    let schema = settings.into_generator().into_root_schema_for::<T>();
    let mut value = schema.to_value();
    unlink(&mut value);
    if let Value::Object(map) = &mut value {
        map.insert("$id".to_owned(), Value::String(format!("{BASE}{file}")));
    }
    value
}

/// Turns rustdoc links in descriptions (`[`Rubric`](crate::Rubric)`) into
/// plain text (`` `Rubric` ``) for editors that show them.
fn unlink(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(text) if key == "description" => *text = plain_links(text),
                    _ => unlink(v),
                }
            }
        }
        Value::Array(list) => list.iter_mut().for_each(unlink),
        _ => {}
    }
}

fn plain_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](") else {
            break;
        };
        let close = open + close;
        let Some(end) = rest[close..].find(')') else {
            break;
        };
        let end = close + end;
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The schema of a rubric file ([`RubricSpec`]): `rubrics/schema/rubric.schema.json`.
///
/// ```
/// let schema = jixiao::schema::rubric();
/// assert_eq!(schema["title"], "RubricSpec");
/// ```
pub fn rubric() -> Value {
    generate::<RubricSpec>("rubric.schema.json", false)
}

/// The schema of a facts file ([`Facts`]) for any rubric:
/// `rubrics/schema/facts.schema.json`. For the facts one rubric needs, see
/// [`Rubric::facts_schema`](crate::Rubric::facts_schema).
pub fn facts() -> Value {
    generate::<Facts>("facts.schema.json", false)
}

/// The schema of a serialised [`Evaluation`]: `rubrics/schema/evaluation.schema.json`.
pub fn evaluation() -> Value {
    generate::<Evaluation>("evaluation.schema.json", true)
}
