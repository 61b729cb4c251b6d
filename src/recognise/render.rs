//! Canonical wording: a rule written as a 评价标准 the recogniser reads back.
use crate::rules::Rule;

/// The canonical 评价标准 wording of a rule, where the rule kind has one.
pub fn render(rule: &Rule) -> Option<String> {
    let _ = rule;
    None
}
