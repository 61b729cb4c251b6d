//! [`review_projects`]: a bureau's whole batch of project self-evaluations
//! — each project's target table and facts — compiled, evaluated and
//! reviewed across threads, with a summary: how many projects per grade,
//! whose claimed totals the facts do not support, which rows missed their
//! target without a reason. A malformed project is reported with its
//! errors; the others are scored.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::convention::Convention;
use crate::deviations::DeviationKind;
use crate::error::Error;
use crate::evaluate::EvalOptions;
use crate::facts::Facts;
use crate::review::Review;
use crate::rubric::Rubric;
use crate::target_table::TargetTable;

/// One project of a batch: its target table and its facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// The project's 绩效目标表.
    pub table: TargetTable,
    /// Its facts: the 实际完成值, funds, self-scores and 偏差原因.
    pub facts: Facts,
}

/// How a batch is run.
///
/// ```
/// use std::num::NonZeroUsize;
/// use jixiao::{BatchOptions, EvalOptions, Working};
///
/// let options = BatchOptions::new()
///     .threads(NonZeroUsize::MIN)
///     .evaluation(EvalOptions::new().working(Working::StepsOnly));
/// # let _ = options;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchOptions {
    threads: NonZeroUsize,
    evaluation: EvalOptions,
}

impl Default for BatchOptions {
    fn default() -> BatchOptions {
        BatchOptions::new()
    }
}

impl BatchOptions {
    /// As many threads as the machine offers, Chinese working.
    pub fn new() -> BatchOptions {
        BatchOptions {
            threads: std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN),
            evaluation: EvalOptions::new(),
        }
    }

    /// How many threads score projects.
    #[must_use]
    pub fn threads(mut self, threads: NonZeroUsize) -> BatchOptions {
        self.threads = threads;
        self
    }

    /// How each project's working is rendered.
    #[must_use]
    pub fn evaluation(mut self, options: EvalOptions) -> BatchOptions {
        self.evaluation = options;
        self
    }
}

/// A batch reviewed: every project's review or errors, in the order given,
/// and the summary.
#[derive(Debug, Clone)]
pub struct Batch {
    /// Each project's outcome, in the order given.
    pub projects: Vec<ProjectOutcome>,
    /// The batch in figures.
    pub summary: BatchSummary,
}

/// One project's outcome.
#[derive(Debug, Clone)]
pub struct ProjectOutcome {
    /// The project's table title.
    pub title: Arc<str>,
    /// The project's id, where its table gives one.
    pub id: Option<Arc<str>>,
    /// Its review, or why it could not be reviewed (the table did not
    /// compile, or the facts were refused).
    pub review: Result<Box<Review>, Error>,
}

/// A batch in figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BatchSummary {
    /// Projects in the batch.
    pub projects: usize,
    /// Projects reviewed.
    pub reviewed: usize,
    /// Projects that could not be reviewed, with their problems.
    pub refused: Vec<Refused>,
    /// Reviewed projects per grade, best grade first.
    pub grades: Vec<GradeCount>,
    /// Reviewed projects whose grade depends on unknown facts.
    pub undetermined: usize,
    /// Projects whose claimed total is above the highest total their facts
    /// support.
    pub claims_above: Vec<ClaimAbove>,
    /// Rows that missed their target (or lost points) without a 偏差原因.
    pub unexplained: Vec<Unexplained>,
}

/// A project that could not be reviewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Refused {
    /// Its place in the batch (from 0).
    pub index: usize,
    /// Its title.
    pub title: Arc<str>,
    /// Its id, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Arc<str>>,
    /// The error, as its message.
    pub error: String,
}

/// How many projects earned a grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GradeCount {
    /// The grade.
    pub grade: Arc<str>,
    /// The projects.
    pub count: usize,
}

/// A claimed total above what the facts support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ClaimAbove {
    /// The project's place in the batch.
    pub index: usize,
    /// Its title.
    pub title: Arc<str>,
    /// Its id, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Arc<str>>,
    /// The total it claimed (or its rows' claims added up).
    pub claimed: Decimal,
    /// The highest total its facts support.
    pub high: Decimal,
}

/// A row that missed its target without a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Unexplained {
    /// The project's place in the batch.
    pub index: usize,
    /// Its title.
    pub title: Arc<str>,
    /// The row's id.
    pub row: Arc<str>,
    /// Why the row needs a reason.
    pub kind: DeviationKind,
}

/// Compiles each project's target table under `convention` and reviews its
/// facts, on as many threads as `options` say; a project that fails is
/// reported with its error and the others are reviewed.
///
/// ```
/// use jixiao::{review_projects, BatchOptions, Convention, Facts, Project, TargetTable};
///
/// let table = |points: &str| TargetTable::from_json(&format!(r#"{{"title": "项目", "indicators": [
///     {{"level1": "产出指标", "level2": "数量指标", "name": "培训人次", "target": "≥100人次", "points": {points}}}]}}"#));
/// let facts = Facts::new()
///     .value("全年预算数", "100".parse()?)
///     .value("全年执行数", "100".parse()?)
///     .actual("培训人次", "90人次")
///     .claim("预算执行率", "10".parse()?)
///     .claim("培训人次", "90".parse()?);
/// let projects = vec![
///     Project { table: table("90")?, facts: facts.clone() },
///     Project { table: table("80")?, facts },   // 10 + 80 is not 100: refused
/// ];
/// let batch = review_projects(&projects, &Convention::national(), &BatchOptions::new());
/// assert_eq!(batch.summary.reviewed, 1);
/// assert_eq!(batch.summary.refused.len(), 1);
/// assert_eq!(batch.summary.grades[0].grade.as_ref(), "优");
/// // 培训人次 missed its target (90 of 100) and gives no reason:
/// assert_eq!(batch.summary.unexplained[0].row.as_ref(), "培训人次");
/// assert_eq!(batch.summary.claims_above[0].claimed, "100".parse()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn review_projects(
    projects: &[Project],
    convention: &Convention,
    options: &BatchOptions,
) -> Batch {
    let review = |project: &Project| -> Result<Box<Review>, Error> {
        let rubric = Rubric::from_targets(&project.table, convention)?;
        Ok(Box::new(
            rubric.review_with(&project.facts, &options.evaluation)?,
        ))
    };
    let threads = options.threads.get().min(projects.len()).max(1);
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, Result<Box<Review>, Error>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(project) = projects.get(i) else {
                            break;
                        };
                        done.push((i, review(project)));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| match w.join() {
                Ok(done) => done,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    let outcomes: Vec<ProjectOutcome> = results
        .into_iter()
        .map(|(i, review)| ProjectOutcome {
            title: Arc::from(projects[i].table.title.as_str()),
            id: projects[i].table.id.as_deref().map(Arc::from),
            review,
        })
        .collect();
    let summary = summarise(&outcomes, convention);
    Batch {
        projects: outcomes,
        summary,
    }
}

fn summarise(outcomes: &[ProjectOutcome], convention: &Convention) -> BatchSummary {
    let grades = convention
        .grades
        .clone()
        .unwrap_or_else(|| crate::spec::default_grades(convention.total));
    let mut labels: Vec<(Arc<str>, Decimal)> = grades
        .iter()
        .map(|g| (Arc::from(g.label.as_str()), g.min))
        .collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.1));
    let mut counts: Vec<GradeCount> = labels
        .into_iter()
        .map(|(grade, _)| GradeCount { grade, count: 0 })
        .collect();
    let mut summary = BatchSummary {
        projects: outcomes.len(),
        reviewed: 0,
        refused: Vec::new(),
        grades: Vec::new(),
        undetermined: 0,
        claims_above: Vec::new(),
        unexplained: Vec::new(),
    };
    for (index, outcome) in outcomes.iter().enumerate() {
        let review = match &outcome.review {
            Ok(review) => review,
            Err(error) => {
                summary.refused.push(Refused {
                    index,
                    title: Arc::clone(&outcome.title),
                    id: outcome.id.clone(),
                    error: error.to_string(),
                });
                continue;
            }
        };
        summary.reviewed += 1;
        let e = &review.evaluation;
        match &e.grade {
            Some(g) => {
                if let Some(c) = counts.iter_mut().find(|c| c.grade == *g) {
                    c.count += 1;
                }
            }
            None => summary.undetermined += 1,
        }
        let claimed = e
            .claimed
            .or_else(|| (!review.claims.is_empty()).then_some(review.summary.claimed_sum));
        if let Some(claimed) = claimed {
            if claimed > e.high {
                summary.claims_above.push(ClaimAbove {
                    index,
                    title: Arc::clone(&outcome.title),
                    id: outcome.id.clone(),
                    claimed,
                    high: e.high,
                });
            }
        }
        for d in review.deviations.iter().filter(|d| !d.is_explained()) {
            summary.unexplained.push(Unexplained {
                index,
                title: Arc::clone(&outcome.title),
                row: Arc::clone(&d.id),
                kind: d.kind,
            });
        }
    }
    summary.grades = counts;
    summary
}
