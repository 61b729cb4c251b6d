//! The speed benches' floor, a hand-written scorer of the seed
//! (`benches/seed/scorer.rs`), scores every row as the crate does on the
//! same facts: the ratios in `benches/speed.rs` compare like with like.

#[path = "../benches/seed/scorer.rs"]
#[allow(dead_code)]
mod scorer;

use jixiao::{Facts, Rubric};

#[test]
fn the_hand_written_seed_scorer_agrees_with_the_crate() {
    let rubric = Rubric::from_json(include_str!(
        "../rubrics/zhijiang-2020-department/rubric.json"
    ))
    .expect("the seed compiles");
    let facts = Facts::from_json(include_str!("../benches/seed/facts.json")).expect("facts");
    let evaluation = rubric.evaluate(&facts).expect("scores");
    let (rows, total) = scorer::score(&scorer::seed_facts());
    let crate_rows: Vec<(&str, Option<jixiao::Decimal>)> = scorer::ROWS
        .iter()
        .map(|id| (*id, evaluation.find(id).and_then(|n| n.score)))
        .collect();
    let hand_rows: Vec<(&str, Option<jixiao::Decimal>)> = scorer::ROWS
        .iter()
        .zip(rows)
        .map(|(id, s)| (*id, Some(s)))
        .collect();
    assert_eq!(hand_rows, crate_rows);
    assert_eq!(Some(total), evaluation.total);
}
