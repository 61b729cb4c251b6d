//! Facts alone against every shipped rubric; see
//! `tests/util/pipeline.rs` (`facts_only`), which
//! `tests/fuzz_regressions.rs` runs over `tests/fuzz/facts-*.json` too.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/util/pipeline.rs"]
mod pipeline;

fuzz_target!(|data: &[u8]| {
    let _ = pipeline::facts_only(data);
});
