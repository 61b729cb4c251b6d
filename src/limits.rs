//! The sizes a rubric may reach, so that a hostile or broken rubric is
//! refused with a clear error instead of exhausting the stack or the memory
//! of the platform that embeds this crate.
//!
//! Real rubrics are far inside these limits: the national frameworks have
//! three levels and a few dozen indicators.

/// Levels in the indicator tree (一级 › 二级 › 三级 is 3).
pub const MAX_DEPTH: usize = 12;
/// Indicators in one rubric, branches and leaves together.
pub const MAX_INDICATORS: usize = 2_000;
/// Declared inputs in one rubric.
pub const MAX_INPUTS: usize = 2_000;
/// Characters in one formula.
pub const MAX_FORMULA_CHARS: usize = 2_000;
/// Brackets and signs nested inside one another in one formula.
pub const MAX_FORMULA_NESTING: usize = 32;
/// Characters in any one text field (a criterion, a definition, a reason).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Characters in a name or id (of an indicator, input, item, level, check
/// or grade). Names recur in every path and message, so they are kept short
/// enough that a rubric's messages stay proportionate to it.
pub const MAX_NAME_CHARS: usize = 200;
/// Bands, checklist items or rating levels in one rule.
pub const MAX_RULE_ENTRIES: usize = 200;
/// Decimal places of the score precision.
pub const MAX_PRECISION: u32 = 10;
/// Indicators a message lists by path before it says how many more there are.
pub const MAX_LISTED_PATHS: usize = 10;
/// Problems an error lists one by one before it says how many more there
/// are, so that a message stays proportionate to what a reader can act on.
pub const MAX_LISTED_ISSUES: usize = 100;
/// Entries in one facts document (values, answers, marks, claims together).
pub const MAX_FACTS: usize = 20_000;
/// Departments in one batch scored together ([`Rubric::evaluate_batch`](crate::Rubric::evaluate_batch)).
pub const MAX_DEPARTMENTS: usize = 10_000;
/// Evaluations (or reviews) of one rubric on one thread after which the
/// thread evaluates a copy of its own, compiled from the rubric's spec, so
/// that threads sharing a rubric do not share the reference counts of what
/// results clone from it (see [Embedding it in a
/// platform](crate#embedding-it-in-a-platform)).
pub const COPY_AFTER_EVALUATIONS: u32 = 256;
/// Copies of rubrics one thread keeps at once (the least recently used is
/// dropped for a new one). A copy holds the compiled rubric again, without
/// a second spec or a second copy of the criteria and definitions.
pub const COPIES_PER_THREAD: usize = 8;
/// Rubrics whose evaluations one thread counts towards a copy, the least
/// recently used forgotten first (never one that has its copy).
pub const COUNTED_PER_THREAD: usize = 32;
