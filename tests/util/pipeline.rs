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
        let mut reviewed = review.evaluation.clone();
        assert_eq!(
            reviewed.provenance.take(),
            Some(rubric.provenance(&facts)),
            "the review's evaluation carries its provenance"
        );
        assert_eq!(
            &reviewed, evaluation,
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

/// Every shipped rubric under `rubrics/`: each `rubric.json`, and each
/// target table (`targets.json`) compiled under the national convention,
/// read and compiled once.
pub fn shipped() -> &'static [(String, Rubric)] {
    static SHIPPED: std::sync::OnceLock<Vec<(String, Rubric)>> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(|| {
        // From the crate (tests) or from `fuzz/` (the fuzz targets).
        let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = if here.join("rubrics").is_dir() {
            here.join("rubrics")
        } else {
            here.join("../rubrics")
        };
        let mut dirs: Vec<std::path::PathBuf> = std::fs::read_dir(&root)
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        dirs.sort();
        let mut out = Vec::new();
        for dir in dirs {
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if let Ok(text) = std::fs::read_to_string(dir.join("rubric.json")) {
                let rubric = Rubric::from_json(&text).expect("a shipped rubric compiles");
                out.push((name, rubric));
            } else if let Ok(text) = std::fs::read_to_string(dir.join("targets.json")) {
                let table = jixiao::TargetTable::from_json(&text).expect("a shipped table reads");
                let rubric = Rubric::from_targets(&table, &jixiao::Convention::national())
                    .expect("a shipped table compiles");
                out.push((name, rubric));
            }
        }
        assert!(!out.is_empty(), "no rubric under {}", root.display());
        out
    })
}

/// Facts alone, against every shipped rubric: nothing may panic, and what
/// scores reviews and renders safely (see [`render_safely`]).
pub fn facts_only(data: &[u8]) -> Reached {
    let Ok(json) = std::str::from_utf8(data) else {
        return Reached::NotUtf8;
    };
    let facts = match Facts::from_json(json) {
        Ok(facts) => facts,
        Err(e) => {
            let _ = e.to_string();
            return Reached::FactsRefused;
        }
    };
    let mut reached = Reached::EvaluationRefused;
    for (_, rubric) in shipped() {
        match rubric.evaluate(&facts) {
            Ok(_) => {
                reached = Reached::Scored;
                render_safely(rubric, &facts);
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
    reached
}

/// Reviews facts that score and renders the review in every format and
/// language, checking what makes an output safe to open: no CSV cell a
/// spreadsheet would run as a formula, and no text from the facts with
/// markup written into the HTML or the Markdown unescaped.
pub fn render_safely(rubric: &Rubric, facts: &Facts) {
    let texts: Vec<&str> = facts
        .not_applicable
        .values()
        .chain(facts.deviations.values())
        .map(String::as_str)
        .chain(facts.overrides.values().map(|o| o.reason.as_str()))
        .chain(facts.answers.values().filter_map(|a| match a {
            jixiao::Answer::Given(f) => f.reason.as_deref(),
            jixiao::Answer::Unknown => None,
        }))
        .filter(|t| t.contains(['<', '&', '"']))
        .collect();
    for lang in [Lang::Zh, Lang::En] {
        let Ok(review) = rubric.review_with(facts, &EvalOptions::new().lang(lang)) else {
            continue;
        };
        let _ = jixiao::render::review_text(rubric, &review, lang);
        let markdown = jixiao::render::markdown(rubric, &review, lang);
        // Every tag written in the facts (`<b>`, `</script>`) is escaped.
        for text in &texts {
            for tag in text
                .split_inclusive('>')
                .filter_map(|t| t.find('<').map(|i| &t[i..]))
            {
                assert!(
                    !tag.ends_with('>') || !markdown.contains(tag),
                    "unescaped in the Markdown: {tag:?}"
                );
            }
        }
        let csv = jixiao::render::csv(rubric, &review, lang);
        for cell in csv_cells(csv.trim_start_matches('\u{feff}')) {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a CSV cell a spreadsheet would run: {cell:?}"
            );
        }
        let html = jixiao::render::html(rubric, &review, lang);
        for text in &texts {
            // Its escaped occurrences are taken out first: an escaped `&`
            // (`&amp;`) begins with the `&` itself, so a text ending in
            // `&` is found inside its own escaped form.
            let escaped = text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;");
            assert!(
                !html.replace(&escaped, "").contains(text),
                "unescaped in the HTML: {text:?}"
            );
        }
    }
}

/// The cells of RFC 4180 text, row by row.
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}

/// The cells of RFC 4180 text.
pub fn csv_cells(text: &str) -> Vec<String> {
    csv_rows(text).into_iter().flatten().collect()
}

/// Rubric JSON, a NUL byte, facts JSON (as [`run`]), for the renderers:
/// whatever compiles and scores reviews and renders safely.
pub fn render(data: &[u8]) -> Reached {
    let (rubric_bytes, facts_bytes) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b"{}"[..]),
    };
    let (Ok(rubric_json), Ok(facts_json)) = (
        std::str::from_utf8(rubric_bytes),
        std::str::from_utf8(facts_bytes),
    ) else {
        return Reached::NotUtf8;
    };
    let Ok(rubric) = Rubric::from_json(rubric_json) else {
        return Reached::RubricRefused;
    };
    let Ok(facts) = Facts::from_json(facts_json) else {
        return Reached::FactsRefused;
    };
    if rubric.evaluate(&facts).is_err() {
        return Reached::EvaluationRefused;
    }
    render_safely(&rubric, &facts);
    Reached::Scored
}
