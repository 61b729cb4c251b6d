//! [`Lang`]: the language the working, the review and the errors are
//! written in. Each is one structure rendered in either language, so the
//! two always say the same.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The language of rendered sentences and messages.
///
/// On the wire it is `"zh"` or `"en"` (e.g. `?lang=en` of a service, or
/// `"lang": "en"` in [`EvalOptions`](crate::EvalOptions)); Chinese is the
/// default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// 中文 (the default).
    #[default]
    Zh,
    /// English.
    En,
}
