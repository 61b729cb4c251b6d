//! Hostile inputs under 1 MB cost a bounded amount of memory and work
//! (issue 10, items 11–15). Each test builds the construction at the size
//! the issue measured and asserts a refusal and bounds on what the call
//! allocated, counted by a counting global allocator on the test's own
//! thread: counts are deterministic, times are not, so no test reads a
//! clock.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use jixiao::{Facts, Rubric};
use serde_json::{json, Value};

/// The system allocator, counting what each thread allocates.
struct Counting;

thread_local! {
    static LIVE: Cell<i64> = const { Cell::new(0) };
    static PEAK: Cell<i64> = const { Cell::new(0) };
    static CALLS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

fn grew(bytes: i64) {
    if let Ok(more) = u64::try_from(bytes) {
        let _ = BYTES.try_with(|b| b.set(b.get() + more));
    }
    let _ = LIVE.try_with(|live| {
        let now = live.get() + bytes;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

// SAFETY: every call is passed to `System` unchanged; the counters are
// thread-local `Cell`s with constant initialisers, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            grew(i64::try_from(layout.size()).unwrap_or(i64::MAX));
            let _ = CALLS.try_with(|c| c.set(c.get() + 1));
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        grew(-i64::try_from(layout.size()).unwrap_or(i64::MAX));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            let old = i64::try_from(layout.size()).unwrap_or(i64::MAX);
            grew(i64::try_from(new_size).unwrap_or(i64::MAX) - old);
            let _ = CALLS.try_with(|c| c.set(c.get() + 1));
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What a call allocated: the most bytes live at once beyond what was live
/// before it, how many allocations it made and how many bytes in all.
#[derive(Debug)]
struct Cost {
    peak: i64,
    allocations: u64,
    bytes: u64,
}

fn measure<R>(f: impl FnOnce() -> R) -> (R, Cost) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let calls = CALLS.with(Cell::get);
    let bytes = BYTES.with(Cell::get);
    let result = f();
    let cost = Cost {
        peak: PEAK.with(Cell::get) - base,
        allocations: CALLS.with(Cell::get) - calls,
        bytes: BYTES.with(Cell::get) - bytes,
    };
    (result, cost)
}

const MIB: i64 = 1 << 20;

fn text(value: &Value) -> String {
    serde_json::to_string(value).expect("a value serialises")
}

/// 20 inputs with 200-character names; `leaves` leaves whose formulas are
/// `乙+乙+…` (1,000 terms of an undeclared name).
fn undeclared_names_rubric(leaves: usize) -> String {
    let inputs: Vec<Value> = (0..20)
        .map(|i| json!({ "name": char::from_u32(0x4E00 + i).unwrap_or('x').to_string().repeat(200) }))
        .collect();
    let formula = vec!["乙"; 1000].join("+");
    let indicators: Vec<Value> = (0..leaves)
        .map(|i| json!({ "id": format!("l{i}"), "name": format!("l{i}"), "points": 1,
            "rule": { "kind": "proportional", "formula": formula, "target": 1, "better": "higher" } }))
        .collect();
    text(&json!({ "title": "t", "total": leaves, "inputs": inputs, "indicators": indicators }))
}

#[test]
fn a_formula_full_of_one_undeclared_name_is_one_problem_and_messages_are_capped() {
    let rubric = undeclared_names_rubric(200);
    assert!(
        rubric.len() > 800_000 && rubric.len() < 1_000_000,
        "{}",
        rubric.len()
    );
    let (message, cost) = measure(|| match Rubric::from_json(&rubric) {
        Ok(_) => panic!("a rubric of undeclared names compiled"),
        Err(e) => e.to_string(),
    });
    assert!(
        message.starts_with(
            "the rubric has 200 problems:\nindicator `l0`: field `rule.formula`: formula `乙+乙+乙"
        ),
        "{}",
        &message[..200]
    );
    assert!(message.ends_with("\nand 100 more problems (the first 100 are listed)"));
    assert_eq!(message.matches("unknown input `乙`").count(), 100);
    assert!(message.len() < 256 * 1024, "{} bytes", message.len());
    assert!(cost.peak < 32 * MIB, "{cost:?}");
}

/// A rubric of 2,000 inputs with 200-character names and one leaf.
fn many_inputs_rubric() -> Rubric {
    let inputs: Vec<Value> = (0..2000)
        .map(|i| json!({ "name": format!("{}{i:04}", "甲".repeat(196)) }))
        .collect();
    Rubric::from_json(&text(&json!({ "title": "t", "total": 1, "inputs": inputs,
        "indicators": [{ "id": "l", "name": "l", "points": 1, "rule": { "kind": "judgement" } }] })))
    .expect("compiles")
}

#[test]
fn suggestions_for_undeclared_keys_are_bounded() {
    let rubric = many_inputs_rubric();
    // 2,700 undeclared 200-character keys, each one edit from a declared name.
    let mut values = serde_json::Map::new();
    for i in 0..2700 {
        values.insert(format!("{}{i:04}", "乙".repeat(196)), json!(1));
    }
    let facts = Facts::from_json(&text(&json!({ "values": values }))).expect("reads");
    let (message, cost) = measure(|| rubric.evaluate(&facts).map(drop).map_err(|e| e.to_string()));
    let message = message.expect_err("refused");
    assert!(
        message.starts_with("the facts have 2701 problems:"),
        "{}",
        &message[..100]
    );
    assert!(cost.allocations < 200_000, "{cost:?}");
    assert!(cost.peak < 16 * MIB, "{cost:?}");
    // One key of 560,000 characters is refused for its length, unread.
    let long = "乙".repeat(560_000);
    let facts = Facts::new().value(long.clone(), 1.into());
    let (message, cost) = measure(|| rubric.evaluate(&facts).map(drop).map_err(|e| e.to_string()));
    assert_eq!(
        message
            .expect_err("refused")
            .lines()
            .nth(1)
            .map(|l| l.chars().count() < 400),
        Some(true)
    );
    assert!(cost.allocations < 10_000, "{cost:?}");
    // 100 claims on unknown ids of 200 characters.
    let mut facts = Facts::new();
    for i in 0..100 {
        facts = facts.claim(format!("{}{i:03}", "丙".repeat(197)), 1.into());
    }
    let (_, cost) = measure(|| rubric.evaluate(&facts).map(drop).map_err(|e| e.to_string()));
    assert!(cost.allocations < 50_000, "{cost:?}");
}

#[test]
fn verify_shares_paths_and_caps_findings_of_a_kind() {
    // Eleven levels of 200-character names above 1,900 leaves of 10 bands.
    let bands: Vec<Value> = (0..8)
        .map(|i| json!({ "range": format!("[{i},{})", i + 1), "points": 0 }))
        .chain([
            json!({ "range": "[8,+∞)", "points": 1 }),
            json!({ "range": "(-∞,0)", "points": 0 }),
        ])
        .collect();
    let leaves: Vec<Value> = (0..1900)
        .map(|j| {
            json!({ "id": format!("l{j}"), "name": format!("l{j}"), "points": 1,
            "rule": { "kind": "stepped_bands", "formula": "x", "bands": bands } })
        })
        .collect();
    let mut children = leaves;
    for depth in (0..11).rev() {
        children = vec![json!({ "id": format!("b{depth}"),
            "name": char::from_u32(0x4E00 + depth).unwrap_or('x').to_string().repeat(200),
            "points": 1900, "children": children })];
    }
    let source = text(
        &json!({ "title": "t", "total": 1900, "inputs": [{ "name": "x" }],
        "indicators": children }),
    );
    assert!(source.len() < 1_000_000, "{}", source.len());
    let rubric = Rubric::from_json(&source).expect("compiles");
    let (findings, cost) = measure(|| rubric.verify());
    assert!(findings.len() < 2_000, "{} findings", findings.len());
    assert!(
        findings.iter().any(
            |f| f.message.starts_with("and ") && f.message.contains(" more findings like this")
        ),
        "no count of the findings left out"
    );
    assert!(cost.peak < 16 * MIB, "{cost:?}");
}

#[test]
fn the_review_works_out_what_ifs_in_linear_work() {
    // 440 leaves, each a sum over the same 450 known inputs.
    let name = |i: u32| char::from_u32(0x4E00 + i).unwrap_or('x').to_string();
    let inputs: Vec<Value> = (0..450).map(|i| json!({ "name": name(i) })).collect();
    let formula = (0..450).map(name).collect::<Vec<_>>().join("+");
    let leaves: Vec<Value> = (0..440)
        .map(|j| json!({ "id": format!("l{j}"), "name": format!("l{j}"), "points": 1,
            "rule": { "kind": "ratio_threshold", "formula": formula, "threshold": 100,
                      "direction": "below", "step": 1, "deduction": 0.5, "partial_unit": "whole" } }))
        .collect();
    let rubric = Rubric::from_json(&text(&json!({ "title": "t", "total": 440,
        "inputs": inputs, "indicators": leaves })))
    .expect("compiles");
    let mut facts = Facts::new();
    for i in 0..450 {
        facts = facts.value(name(i), 0.into());
    }
    let (review, cost) = measure(|| rubric.review(&facts));
    let review = review.expect("reviews");
    assert_eq!(review.what_if.leaves.len(), 440);
    // Each input alone can bring each leaf to full points.
    assert!(review.what_if.leaves.iter().all(|l| matches!(
        &l.requirement,
        jixiao::Requirement::Measure { inputs, .. } if inputs.len() == 450
    )));
    // Work in proportion to the rubric: no copy of every input for each
    // input of each leaf (440 × 450 copies of 450 inputs were 1.4 GB).
    assert!(cost.bytes < 160 * MIB as u64, "{cost:?}");
}

#[test]
fn ten_megabytes_of_brackets_are_refused_without_memory_to_match() {
    let brackets = "[".repeat(10 << 20);
    let (rubric, cost) = measure(|| {
        Rubric::from_json(&brackets)
            .map(drop)
            .map_err(|e| e.to_string())
    });
    assert_eq!(
        rubric.expect_err("refused"),
        "rubric: invalid type: array, expected a string (line 1, column 1)"
    );
    let (facts, facts_cost) = measure(|| {
        Facts::from_json(&brackets)
            .map(drop)
            .map_err(|e| e.to_string())
    });
    assert_eq!(
        facts.expect_err("refused"),
        "facts: invalid type: array, expected a string (line 1, column 1)"
    );
    assert!(
        cost.peak < MIB && facts_cost.peak < MIB,
        "{cost:?} {facts_cost:?}"
    );
}
