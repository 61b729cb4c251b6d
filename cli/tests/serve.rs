//! `jixiao serve` as a platform uses it: the built binary serves the
//! shipped `rubrics/` on a free local port, and a real HTTP client (ureq)
//! calls every route — the list, a facts schema, evaluate and review (JSON
//! and each document), the OpenAPI document — and is refused with
//! structured errors: facts the crate refuses (422), an unknown rubric
//! (404), an unknown parameter (400) and an oversized body (413). SIGTERM
//! then stops the server gracefully, with exit status 0.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use jixiao::render::{self, Format};
use jixiao::{EvalOptions, Facts, Lang, Rubric};
use serde_json::Value;

fn rubrics() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../rubrics")
}

/// The server, stopped when dropped if the test fails first.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `jixiao serve` on port 0 (the system picks a free one) and reads
/// the address it listens on from its first line.
fn start(max_body: usize) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["serve", "--addr", "127.0.0.1:0", "--max-body"])
        .arg(max_body.to_string())
        .arg("--rubrics")
        .arg(rubrics())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the first line");
    let base = line
        .strip_prefix("listening on ")
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_owned();
    assert!(
        line.ends_with(&format!(" ({} rubrics)\n", served_folders().len())),
        "{line:?}"
    );
    Server { child, base }
}

/// The folders of `rubrics/` holding a rubric or a target table, by name.
fn served_folders() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(rubrics())
        .expect("rubrics/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("rubric.json").is_file() || p.join("targets.json").is_file())
        .map(|p| {
            p.file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    out.sort();
    out
}

fn agent() -> ureq::Agent {
    ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build(),
    )
}

/// Status, content type and body of a GET or a POST.
fn call(base: &str, path: &str, body: Option<&str>) -> (u16, String, String) {
    let url = format!("{base}{path}");
    let response = match body {
        None => agent().get(&url).call(),
        Some(body) => agent()
            .post(&url)
            .header("content-type", "application/json")
            .send(body),
    };
    let mut response = response.unwrap_or_else(|e| panic!("{url}: {e}"));
    let status = response.status().as_u16();
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let text = response.body_mut().read_to_string().expect("a UTF-8 body");
    (status, kind, text)
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}:\n{text}"))
}

fn seed() -> (Rubric, String) {
    let dir = rubrics().join("zhijiang-2020-department");
    let rubric =
        Rubric::from_json(&std::fs::read_to_string(dir.join("rubric.json")).expect("rubric"))
            .expect("compiles");
    let facts = std::fs::read_to_string(dir.join("facts.json")).expect("facts");
    (rubric, facts)
}

#[test]
fn every_route_answers_and_refusals_are_structured() {
    let server = start(64 * 1024);
    let base = server.base.clone();
    let (rubric, facts_text) = seed();
    let facts = Facts::from_json(&facts_text).expect("facts");

    // GET /rubrics: every folder with a rubric or a target table.
    let (status, kind, text) = call(&base, "/rubrics", None);
    assert_eq!((status, kind.as_str()), (200, "application/json"));
    let list = json(&text);
    let seed_entry = list
        .as_array()
        .and_then(|l| l.iter().find(|r| r["id"] == "zhijiang-2020-department"))
        .expect("the seed is served");
    assert_eq!(seed_entry["hash"], rubric.hash());
    assert_eq!(seed_entry["rubric_id"], "zhijiang-2020-department");
    assert_eq!(seed_entry["version"], "2020");
    let ids: Vec<String> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|r| r["id"].as_str().expect("id").to_owned())
        .collect();
    assert_eq!(ids, served_folders());
    assert!(ids.len() >= 10, "{ids:?}");

    // GET /rubrics/{id}/facts-schema: the library's schema of that rubric.
    let (status, _, text) = call(
        &base,
        "/rubrics/zhijiang-2020-department/facts-schema",
        None,
    );
    assert_eq!(status, 200);
    assert_eq!(json(&text), rubric.facts_schema());

    // POST evaluate and review: the library's review, as JSON.
    let review = rubric.review(&facts).expect("reviews");
    let (status, _, text) = call(
        &base,
        "/rubrics/zhijiang-2020-department/evaluate",
        Some(&facts_text),
    );
    assert_eq!(status, 200);
    assert_eq!(
        json(&text),
        serde_json::to_value(&review.evaluation).expect("serialises")
    );
    let (status, _, text) = call(
        &base,
        "/rubrics/zhijiang-2020-department/review",
        Some(&facts_text),
    );
    assert_eq!(status, 200);
    assert_eq!(
        json(&text),
        serde_json::to_value(&review).expect("serialises")
    );

    // ?format= and ?lang=: the library's documents, with their media types.
    let english = rubric
        .review_with(&facts, &EvalOptions::new().lang(Lang::En))
        .expect("reviews");
    for (format, name) in [
        (Format::Html, "html"),
        (Format::Csv, "csv"),
        (Format::Markdown, "markdown"),
        (Format::Text, "text"),
    ] {
        let (status, kind, text) = call(
            &base,
            &format!("/rubrics/zhijiang-2020-department/review?format={name}&lang=en"),
            Some(&facts_text),
        );
        assert_eq!(status, 200, "{name}");
        assert_eq!(kind, format.media_type(), "{name}");
        assert_eq!(
            text,
            render::document(format, &rubric, &english, Lang::En),
            "{name}"
        );
    }

    // Refused facts: 422 with the library's structured error.
    let refused = r#"{"values": {"编制人数": 34}}"#;
    let (status, _, text) = call(
        &base,
        "/rubrics/zhijiang-2020-department/evaluate",
        Some(refused),
    );
    assert_eq!(status, 422);
    let error = rubric
        .review(&Facts::from_json(refused).expect("reads"))
        .expect_err("refused");
    assert_eq!(
        json(&text),
        serde_json::to_value(jixiao::Error::from(error)).expect("serialises")
    );
    let (status, _, text) = call(
        &base,
        "/rubrics/zhijiang-2020-department/review",
        Some("{\"values\": "),
    );
    assert_eq!(status, 422);
    assert_eq!(json(&text)["problems"][0]["code"], "json_syntax");

    // An unknown rubric, an unknown parameter, an oversized body.
    let (status, _, text) = call(&base, "/rubrics/no-such-rubric/facts-schema", None);
    assert_eq!(status, 404);
    assert_eq!(json(&text)["problems"][0]["code"], "unknown_rubric");
    let (status, _, text) = call(
        &base,
        "/rubrics/zhijiang-2020-department/review?lang=fr",
        Some(&facts_text),
    );
    assert_eq!(status, 400);
    assert_eq!(json(&text)["problems"][0]["code"], "unknown_parameter");
    let (status, _, text) = call(
        &base,
        "/rubrics/zhijiang-2020-department/review?format=pdf",
        Some(&facts_text),
    );
    assert_eq!(status, 400);
    assert_eq!(json(&text)["problems"][0]["code"], "unknown_format");
    let oversized = format!("{facts_text}{}", " ".repeat(64 * 1024));
    let (status, _, text) = call(
        &base,
        "/rubrics/zhijiang-2020-department/evaluate",
        Some(&oversized),
    );
    assert_eq!(status, 413);
    let error = json(&text);
    assert_eq!(error["problems"][0]["code"], "body_too_large");
    assert_eq!(
        error["message"]["zh"],
        "请求内容超过服务允许的大小（--max-body）"
    );

    // GET /openapi.json: every route, and every reference resolves.
    let (status, _, text) = call(&base, "/openapi.json", None);
    assert_eq!(status, 200);
    let openapi = json(&text);
    assert_eq!(openapi["openapi"], "3.1.0");
    let paths: Vec<&String> = openapi["paths"]
        .as_object()
        .expect("paths")
        .keys()
        .collect();
    assert_eq!(
        paths,
        [
            "/openapi.json",
            "/rubrics",
            "/rubrics/{id}/evaluate",
            "/rubrics/{id}/facts-schema",
            "/rubrics/{id}/review",
        ]
    );
    let schemas = openapi["components"]["schemas"]
        .as_object()
        .expect("schemas");
    let mut refs = Vec::new();
    collect_refs(&openapi, &mut refs);
    assert!(refs.len() > 20, "{} references", refs.len());
    for r in refs {
        let name = r
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("a reference outside the components: {r}"));
        assert!(schemas.contains_key(name), "{r} does not resolve");
    }

    // SIGTERM: the server stops accepting and exits with status 0.
    stop_gracefully(server);
}

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => out.push(r.clone()),
                    _ => collect_refs(v, out),
                }
            }
        }
        Value::Array(list) => list.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

#[cfg(unix)]
fn stop_gracefully(mut server: Server) {
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let exit = server.child.wait().expect("the server exits");
    assert_eq!(exit.code(), Some(0), "{exit:?}");
}

#[cfg(not(unix))]
fn stop_gracefully(_server: Server) {}
