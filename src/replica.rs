//! Each thread's own copy of a rubric it evaluates many times.
//!
//! An evaluation's result and working carry `Arc<str>`s cloned from the
//! compiled rubric: ids, names, formulas, input names, levels, targets.
//! Cloned from a rubric that threads share, those reference counts are
//! written by every thread, dozens of times per evaluation, and the
//! threads wait on each other for the cache lines (measured: two threads
//! sharing one rubric ran 100,000 evaluations in 1.30 s, two with a rubric
//! each in 1.12 s, after the ids and names alone had been given per-thread
//! copies). A thread that has evaluated one rubric
//! [`COPY_AFTER_EVALUATIONS`] times therefore compiles a copy of its own
//! ([`Rubric::copy`]) and evaluates the copy from then on. The same spec
//! compiles to the same rubric, so the results are the same; the compile
//! costs about a dozen evaluations' work, once per thread and rubric.
//!
//! A thread counts the evaluations of the last [`COUNTED_PER_THREAD`]
//! rubrics it evaluated and keeps copies of at most [`COPIES_PER_THREAD`];
//! a rubric that has its copy is not forgotten for one merely counted, so a
//! rubric evaluated once now and then does not push out one in steady use.
//! Where more rubrics than that are in steady use on one thread, a copy
//! made pushes out the least recently used one, whose count starts again:
//! at most one compile per [`COPY_AFTER_EVALUATIONS`] evaluations.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::limits::{COPIES_PER_THREAD, COPY_AFTER_EVALUATIONS, COUNTED_PER_THREAD};
use crate::rubric::Rubric;

/// A new compiled rubric's number: its clones keep it, since they are the
/// same rubric.
pub(crate) fn next_uid() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// One rubric a thread has evaluated: how often, and its copy once made.
struct Counted {
    uid: u64,
    uses: u32,
    copy: Option<Rc<Rubric>>,
}

thread_local! {
    /// The rubrics this thread evaluated, the most recently used first.
    static COUNTED: RefCell<Vec<Counted>> = const { RefCell::new(Vec::new()) };
}

/// What a thread's list says of a rubric it is about to evaluate.
enum Found {
    /// Its copy.
    Copy(Rc<Rubric>),
    /// Not yet used often enough for a copy.
    Shared,
    /// Used often enough: a copy is to be made.
    Due,
}

/// This thread's own copy of `rubric`, once it has evaluated the rubric
/// [`COPY_AFTER_EVALUATIONS`] times. `None` before, and wherever the
/// shared rubric must serve: in a thread-local's destructor (the list may
/// be gone), or were the copy not to compile.
pub(crate) fn own(rubric: &Rubric) -> Option<Rc<Rubric>> {
    let uid = rubric.uid;
    let found = COUNTED
        .try_with(|list| {
            let mut list = list.try_borrow_mut().ok()?;
            Some(count(&mut list, uid))
        })
        .ok()
        .flatten()?;
    match found {
        Found::Copy(copy) => Some(copy),
        Found::Shared => None,
        Found::Due => {
            // Compiled outside the borrow. Were it to fail (the spec
            // compiled once already), the count starts again rather than
            // the compile being tried at every evaluation.
            let copy = rubric.copy().map(Rc::new);
            let _ = COUNTED.try_with(|list| {
                if let Ok(mut list) = list.try_borrow_mut() {
                    keep(&mut list, uid, copy.as_ref());
                }
            });
            copy
        }
    }
}

/// Counts one evaluation of rubric `uid`, moving it to the front.
fn count(list: &mut Vec<Counted>, uid: u64) -> Found {
    match list.iter().position(|e| e.uid == uid) {
        Some(k) => list[..=k].rotate_right(1),
        None => {
            list.insert(
                0,
                Counted {
                    uid,
                    uses: 0,
                    copy: None,
                },
            );
            if list.len() > COUNTED_PER_THREAD {
                // The least recently used rubric merely counted is
                // forgotten (there are more of them than copies).
                if let Some(k) = list.iter().rposition(|e| e.copy.is_none()) {
                    list.remove(k);
                }
            }
        }
    }
    let entry = &mut list[0];
    if let Some(copy) = &entry.copy {
        return Found::Copy(Rc::clone(copy));
    }
    entry.uses += 1;
    if entry.uses >= COPY_AFTER_EVALUATIONS {
        Found::Due
    } else {
        Found::Shared
    }
}

/// Files the copy of rubric `uid` (or its failure), dropping the least
/// recently used copy where the thread has as many as it keeps.
fn keep(list: &mut [Counted], uid: u64, copy: Option<&Rc<Rubric>>) {
    if copy.is_some() && list.iter().filter(|e| e.copy.is_some()).count() >= COPIES_PER_THREAD {
        if let Some(oldest) = list.iter_mut().rev().find(|e| e.copy.is_some()) {
            oldest.copy = None;
            oldest.uses = 0;
        }
    }
    if let Some(entry) = list.iter_mut().find(|e| e.uid == uid) {
        entry.copy = copy.cloned();
        entry.uses = 0;
    }
}
