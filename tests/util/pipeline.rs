//! The fuzz pipeline, shared by the fuzz target
//! (`fuzz/fuzz_targets/evaluate.rs`, which includes this file) and
//! `tests/fuzz_regressions.rs`: rubric JSON, a NUL byte, facts JSON (no NUL:
//! the facts are `{}`). Nothing may panic, and:
//!
//! - an evaluation serialises and reads back equal;
//! - a rubric's spec serialises, reads back equal and compiles again, and
//!   the recompiled rubric scores the facts exactly as the original;
//! - `Working::StepsOnly` plus `Evaluation::render_working` gives what
//!   `Working::Sentences` gives;
//! - the review and every renderer run on whatever scores.

#![allow(dead_code)]

use jixiao::{EvalOptions, Evaluation, Facts, Lang, Rubric, RubricSpec, Working};

/// How far an input got, so the seeds can be checked to reach the end.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reached {
    NotUtf8,
    RubricRefused,
    FactsRefused,
    EvaluationRefused,
    Scored,
}

pub fn run(data: &[u8]) -> Reached {
    let (rubric_bytes, facts_bytes) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b"{}"[..]),
    };
    let Ok(rubric_json) = std::str::from_utf8(rubric_bytes) else {
        return Reached::NotUtf8;
    };
    let Ok(facts_json) = std::str::from_utf8(facts_bytes) else {
        return Reached::NotUtf8;
    };
    let facts = Facts::from_json(facts_json);
    let rubric = match Rubric::from_json(rubric_json) {
        Ok(rubric) => rubric,
        Err(e) => {
            let _ = e.to_string();
            return Reached::RubricRefused;
        }
    };

    let _ = std::hint::black_box(rubric.verify());
    let _ = std::hint::black_box(rubric.facts_schema());

    // The spec round trip.
    let spec_json = serde_json::to_string(rubric.spec()).expect("a spec serialises");
    let spec: RubricSpec = serde_json::from_str(&spec_json)
        .unwrap_or_else(|e| panic!("a serialised spec reads back: {e}\n{spec_json}"));
    assert_eq!(&spec, rubric.spec(), "the spec round-trips equal");
    let again = Rubric::compile(spec)
        .unwrap_or_else(|e| panic!("a serialised spec compiles again: {e}\n{spec_json}"));

    let facts = match facts {
        Ok(facts) => facts,
        Err(e) => {
            let _ = e.to_string();
            return Reached::FactsRefused;
        }
    };

    let mut reached = Reached::EvaluationRefused;
    for lang in [Lang::Zh, Lang::En] {
        let options = EvalOptions::new().lang(lang);
        let result = rubric.evaluate_with(&facts, &options);
        let evaluation = match &result {
            Ok(evaluation) => evaluation,
            Err(e) => {
                let _ = e.to_string();
                let other = again.evaluate_with(&facts, &options);
                assert!(
                    other.is_err(),
                    "the recompiled rubric scores what the original refuses"
                );
                continue;
            }
        };
        reached = Reached::Scored;
        let _ = jixiao::render::text(&rubric, evaluation, lang);
        let review = rubric
            .review_with(&facts, &options)
            .expect("a review of facts that score");
        assert_eq!(
            &review.evaluation, evaluation,
            "the review's evaluation is the evaluation"
        );
        for text in [
            jixiao::render::review_text(&rubric, &review, lang),
            jixiao::render::markdown(&rubric, &review, lang),
            jixiao::render::csv(&rubric, &review, lang),
            jixiao::render::html(&rubric, &review, lang),
        ] {
            let _ = std::hint::black_box(text);
        }

        let json = serde_json::to_string(evaluation).expect("an evaluation serialises");
        let back: Evaluation = serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("a serialised evaluation reads back: {e}\n{json}"));
        assert_eq!(&back, evaluation, "the evaluation round-trips equal");

        let other = again
            .evaluate_with(&facts, &options)
            .expect("the recompiled rubric scores what the original scores");
        assert_eq!(&other, evaluation, "the recompiled rubric scores the same");

        let mut steps = rubric
            .evaluate_with(&facts, &options.working(Working::StepsOnly))
            .expect("steps-only scores what sentences score");
        let _ = jixiao::render::text(&rubric, &steps, lang);
        let json = serde_json::to_string(&steps).expect("an evaluation serialises");
        let back: Evaluation = serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("a serialised evaluation reads back: {e}\n{json}"));
        assert_eq!(back, steps, "the steps-only evaluation round-trips equal");
        steps.render_working(lang, rubric.precision());
        assert_eq!(
            &steps, evaluation,
            "render_working after StepsOnly gives the sentences"
        );
    }
    reached
}
