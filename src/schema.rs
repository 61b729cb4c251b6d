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
const BASE: &str = "https://github.com/jixiao-rs/jixiao/blob/main/rubrics/schema/";

fn generate<T: JsonSchema>(file: &str, serialize: bool) -> Value {
    let settings = if serialize {
        SchemaSettings::draft2020_12().for_serialize()
    } else {
        SchemaSettings::draft2020_12().for_deserialize()
    };
    let schema = settings.into_generator().into_root_schema_for::<T>();
    let mut value = schema.to_value();
    if let Value::Object(map) = &mut value {
        map.insert("$id".to_owned(), Value::String(format!("{BASE}{file}")));
    }
    value
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
