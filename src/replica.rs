//! Each thread's own copy of a rubric it evaluates many times.
//!
//! An evaluation's result and working carry `Arc<str>`s cloned from the
//! compiled rubric: ids, names, formulas, input names, levels, targets.
//! Cloned from a rubric that threads share, those reference counts are
//! written by every thread, dozens of times per evaluation, and the
//! threads wait on each other for the cache lines (measured: two threads
//! sharing one rubric ran 100,000 evaluations in 1.30 s, two with a rubric
//! each in 1.12 s, after the ids and names alone had been given per-thread
//! copies). A thread that has evaluated one rubric [`OWN_AFTER`] times
//! therefore compiles a copy of its own from the rubric's spec, and
//! evaluates on the copy from then on. The same spec compiles to the same
//! rubric, so the results are the same; the compile costs about a dozen
//! evaluations' work, once per thread and rubric.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::rubric::Rubric;

/// How many rubrics a thread keeps count of (and copies of): a thread
/// that evaluates more rubrics in turn evaluates the shared ones.
const KEPT: usize = 8;

/// After how many evaluations of one rubric a thread makes its own copy:
/// the compile is then at most a few percent of the work done so far, and
/// a rubric evaluated only now and then is never copied.
pub(crate) const OWN_AFTER: u32 = 256;

/// A new compiled rubric's number: its clones keep it, since they are the
/// same rubric.
pub(crate) fn next_uid() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// One rubric a thread has evaluated: how often, and its copy once made.
struct Kept {
    uid: u64,
    uses: u32,
    copy: Option<Rc<Rubric>>,
}

thread_local! {
    /// The rubrics this thread evaluated, the most recently used first.
    static KEPT_RUBRICS: RefCell<Vec<Kept>> = const { RefCell::new(Vec::new()) };
}

/// This thread's own copy of `rubric`, once it has evaluated the rubric
/// [`OWN_AFTER`] times; `None` before (or where the thread's copies are
/// gone: a thread-local's destructor may still evaluate), when the shared
/// rubric serves.
pub(crate) fn own(rubric: &Rubric) -> Option<Rc<Rubric>> {
    let uid = rubric.uid;
    let due = KEPT_RUBRICS
        .try_with(|kept| {
            let mut kept = kept.try_borrow_mut().ok()?;
            let k = match kept.iter().position(|e| e.uid == uid) {
                Some(k) => k,
                None => {
                    kept.insert(
                        0,
                        Kept {
                            uid,
                            uses: 0,
                            copy: None,
                        },
                    );
                    kept.truncate(KEPT);
                    0
                }
            };
            if k > 0 {
                let entry = kept.remove(k);
                kept.insert(0, entry);
            }
            let entry = &mut kept[0];
            if let Some(copy) = &entry.copy {
                return Some(Ok(Rc::clone(copy)));
            }
            entry.uses += 1;
            Some(Err(entry.uses >= OWN_AFTER))
        })
        .ok()
        .flatten()?;
    match due {
        Ok(copy) => Some(copy),
        Err(false) => None,
        Err(true) => {
            // Compiled outside the borrow. The spec compiled once already;
            // were it to fail now, the count starts again rather than the
            // compile being tried on every evaluation.
            let copy = Rubric::compile(rubric.spec().clone()).ok().map(Rc::new);
            let _ = KEPT_RUBRICS.try_with(|kept| {
                if let Ok(mut kept) = kept.try_borrow_mut() {
                    if let Some(entry) = kept.iter_mut().find(|e| e.uid == uid) {
                        entry.copy.clone_from(&copy);
                        entry.uses = 0;
                    }
                }
            });
            copy
        }
    }
}
