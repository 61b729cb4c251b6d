//! Allocations per evaluation of the seed, counted by a counting global
//! allocator: a count is deterministic where a time is not. The bound is
//! where the crate stands now, so that nothing adds to it unnoticed;
//! issue 12's target is 5 with steps only.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use jixiao::{EvalOptions, Facts, Rubric, Working};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged, with
// the caller's own layout and pointer; counting touches no memory.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(new_size, Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn count(f: impl Fn()) -> (usize, usize) {
    f(); // warm: anything allocated once per process is not counted
    let (a, b) = (
        ALLOCATIONS.load(Ordering::Relaxed),
        BYTES.load(Ordering::Relaxed),
    );
    f();
    (
        ALLOCATIONS.load(Ordering::Relaxed) - a,
        BYTES.load(Ordering::Relaxed) - b,
    )
}

#[test]
fn allocations_per_seed_evaluation() {
    let rubric = Rubric::from_json(include_str!(
        "../rubrics/zhijiang-2020-department/rubric.json"
    ))
    .expect("the seed compiles");
    let facts = Facts::from_json(include_str!("../benches/seed/facts.json")).expect("facts");
    let steps = EvalOptions::new().working(Working::StepsOnly);
    let (steps_count, steps_bytes) = count(|| {
        rubric.evaluate_with(&facts, &steps).expect("scores");
    });
    let (sentences_count, sentences_bytes) = count(|| {
        rubric.evaluate(&facts).expect("scores");
    });
    println!("steps: {steps_count} allocations, {steps_bytes} bytes; sentences: {sentences_count} allocations, {sentences_bytes} bytes");
    // Where the crate stands (issue 12 measured 45 on an earlier seed
    // facts with unknowns; these facts score every row). Lower them as
    // the work on issue 12 lands; the target with steps is 5.
    assert!(steps_count <= 58, "steps: {steps_count} allocations");
    assert!(
        sentences_count <= 97,
        "sentences: {sentences_count} allocations"
    );
}
