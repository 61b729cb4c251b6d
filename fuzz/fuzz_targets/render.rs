//! The review renderers on arbitrary rubric and facts: every output safe to
//! open; see `tests/util/pipeline.rs` (`render`, `render_safely`).

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/util/pipeline.rs"]
mod pipeline;

fuzz_target!(|data: &[u8]| {
    let _ = pipeline::render(data);
});
