//! The whole pipeline on arbitrary bytes; see `tests/util/pipeline.rs`,
//! which `tests/fuzz_regressions.rs` runs over `tests/fuzz/*.bin` too.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/util/pipeline.rs"]
mod pipeline;

fuzz_target!(|data: &[u8]| {
    let _ = pipeline::run(data);
});
