//! Project self-evaluations end to end: the README's example, the national
//! convention as committed data, a province's variant read from JSON, and a
//! bureau's batch with a malformed project in it.

mod util;

use jixiao::{
    review_projects, BatchOptions, Convention, DeviationKind, Facts, Project, Rubric, TargetTable,
};

fn example() -> (TargetTable, Facts) {
    let dir = util::rubrics_dir().join("mof-2020-unit-self-evaluation");
    let table = TargetTable::from_json(&util::read(&dir.join("targets.json"))).expect("table");
    let facts = Facts::from_json(&util::read(&dir.join("facts.json"))).expect("facts");
    (table, facts)
}

fn score(review: &jixiao::Review, id: &str) -> Option<jixiao::Decimal> {
    review.evaluation.find(id).and_then(|n| n.score)
}

fn d(text: &str) -> Option<jixiao::Decimal> {
    Some(text.parse().expect("a decimal"))
}

/// The README's example: a target met and overshot, one missed, a
/// qualitative row rated 部分达成, and 预算执行率 85%.
#[test]
fn the_readme_example_scores_as_the_readme_says() {
    let (table, facts) = example();
    let rubric = Rubric::from_targets(&table, &Convention::national()).expect("compiles");
    let review = rubric.review(&facts).expect("reviews");
    assert_eq!(score(&review, "培训农民人次"), d("5"));
    assert_eq!(score(&review, "项目完成时限"), d("3.43"));
    assert_eq!(score(&review, "科技示范带动作用"), d("2.8"));
    assert_eq!(score(&review, "预算执行率"), d("8.5"));
    assert_eq!(review.evaluation.total, d("94.97"));
    let listed = |id: &str, kind| {
        review
            .deviations
            .iter()
            .any(|x| &*x.id == id && x.kind == kind && !x.is_explained())
    };
    assert!(listed("项目完成时限", DeviationKind::Unmet));
    assert!(listed("培训农民人次", DeviationKind::Overshoot));
    assert!(listed("预算执行率", DeviationKind::BelowPoints));
    // A missed row whose reason is given is listed, with its reason.
    assert!(review
        .deviations
        .iter()
        .any(|x| &*x.id == "开展技术培训场次" && x.is_explained()));
}

/// The national convention is data: its committed JSON is what
/// `Convention::national()` serialises to, and reads back equal.
#[test]
fn the_national_convention_is_committed_as_data() {
    let path = util::rubrics_dir()
        .join("conventions")
        .join("mof-2020-10.json");
    let mut national = Convention::national();
    national.schema = Some("../schema/convention.schema.json".to_owned());
    let generated = serde_json::to_string_pretty(&national).expect("serialises") + "\n";
    if std::env::var_os("JIXIAO_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write the convention");
    }
    let committed = util::read(&path);
    assert!(
        committed == generated,
        "{} is stale ({}); regenerate with JIXIAO_BLESS=1 cargo test --test targets",
        path.display(),
        util::first_difference(&committed, &generated)
    );
    assert_eq!(Convention::from_json(&committed).expect("reads"), national);
}

/// A province's variant is a different value of the same type: 未达到预期
/// 指标或超过预期指标30%以上的，均不计分, and 预算执行率 in bands.
#[test]
fn a_provincial_convention_is_read_from_json() {
    let mut value = serde_json::to_value(Convention::national()).expect("serialises");
    value["name"] = serde_json::json!("某省单位自评（示例）");
    value["unmet"] = serde_json::json!("zero");
    value["excess"] = serde_json::json!({ "beyond": "30%", "treatment": "zero" });
    value["budget"]["explain_below"] = serde_json::json!("80%");
    value["budget"]["rule"] = serde_json::json!({
        "kind": "stepped_bands",
        "formula": "预算执行率=全年执行数/全年预算数×100%",
        "bands": [
            { "range": "[95%,+∞)", "points": 10 },
            { "range": "[80%,95%)", "points": 8 },
            { "range": "[60%,80%)", "points": 5 },
            { "range": "(-∞,60%)", "points": 0 }
        ]
    });
    let province = Convention::from_json(&value.to_string()).expect("a convention");
    let (table, facts) = example();
    let rubric = Rubric::from_targets(&table, &province).expect("compiles");
    let review = rubric.review(&facts).expect("reviews");
    // 38 of ≥40场 is missed: nothing.
    assert_eq!(score(&review, "开展技术培训场次"), d("0"));
    // 5600 of ≥2000人次 is 280%, more than 30% past it: nothing.
    assert_eq!(score(&review, "培训农民人次"), d("0"));
    // 52 of ≥50人 is 104%: full points.
    assert_eq!(score(&review, "选派科技特派员人数"), d("6"));
    // 85% falls in [80%,95%): 8; at or above the 80% line it needs no reason.
    assert_eq!(score(&review, "预算执行率"), d("8"));
    assert!(!review.deviations.iter().any(|x| &*x.id == "预算执行率"));
    let working = review
        .evaluation
        .find("培训农民人次")
        .and_then(|n| n.leaf.as_ref())
        .and_then(|l| l.working.clone())
        .unwrap_or_default();
    assert_eq!(
        working,
        "年度指标值≥2000人次，实际完成值5600人次，达到指标值，完成值为指标值的280%，超过指标值30%以上，按规则不得分，得0分（满分5分）"
    );
}

/// A batch scores every project it can and reports the others with their
/// errors; the summary counts what a bureau asks for.
#[test]
fn a_batch_reports_a_malformed_project_and_scores_the_rest() {
    let mut projects = Vec::new();
    for dir in util::rubric_folders() {
        if !dir.join("targets.json").is_file() {
            continue;
        }
        projects.push(Project {
            table: TargetTable::from_json(&util::read(&dir.join("targets.json"))).expect("table"),
            facts: Facts::from_json(&util::read(&dir.join("facts.json"))).expect("facts"),
        });
    }
    let good = projects.len();
    assert!(good >= 4, "{good} target tables in rubrics/");
    // A project whose facts give a 实际完成值 in the wrong unit.
    let (table, mut facts) = example();
    facts = facts.actual("培训农民人次", "5600人");
    projects.insert(1, Project { table, facts });
    let one = BatchOptions::new().threads(std::num::NonZeroUsize::MIN);
    let batch = review_projects(&projects, &Convention::national(), &BatchOptions::new());
    let serial = review_projects(&projects, &Convention::national(), &one);
    assert_eq!(batch.summary, serial.summary, "threads change nothing");
    assert_eq!(batch.summary.projects, good + 1);
    assert_eq!(batch.summary.reviewed, good);
    assert_eq!(batch.summary.refused.len(), 1);
    assert_eq!(batch.summary.refused[0].index, 1);
    assert_eq!(
        batch.summary.refused[0].error,
        "the facts have 1 problem:\nindicator `产出指标 › 数量指标 › 培训农民人次`: field `actuals.培训农民人次`: expected the actual value in 人次 (or a unit of its kind), the target's unit, found `5600人`, in 人"
    );
    let graded: usize = batch.summary.grades.iter().map(|g| g.count).sum();
    assert_eq!(graded + batch.summary.undetermined, good);
    // Every unexplained row of every project is in the summary.
    let unexplained: usize = batch
        .projects
        .iter()
        .filter_map(|p| p.review.as_ref().ok())
        .map(|r| r.deviations.iter().filter(|d| !d.is_explained()).count())
        .sum();
    assert_eq!(batch.summary.unexplained.len(), unexplained);
    assert!(batch
        .summary
        .unexplained
        .iter()
        .any(|u| &*u.row == "项目完成时限" && u.kind == DeviationKind::Unmet));
}

/// An unknown 实际完成值 is among the facts that would narrow the total.
#[test]
fn an_unknown_actual_value_is_ranked_among_the_missing_facts() {
    let (table, facts) = example();
    let facts = facts
        .actual("受益农户数", "unknown")
        .actual("新领办创办经济实体", "unknown");
    let rubric = Rubric::from_targets(&table, &Convention::national()).expect("compiles");
    let review = rubric.review(&facts).expect("reviews");
    let facts: Vec<&str> = review.what_if.narrowing.iter().map(|n| &*n.fact).collect();
    assert_eq!(facts, ["actuals.新领办创办经济实体", "actuals.受益农户数"]);
    let text = jixiao::render::review_text(&rubric, &review, jixiao::Lang::Zh);
    assert!(
        text.contains("“新领办创办经济实体”的实际完成值：确定后总分范围可收窄"),
        "{text}"
    );
}
