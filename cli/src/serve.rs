//! `jixiao serve`: every rubric of a folder compiled once at start and
//! served over HTTP (axum on tokio), for platforms not written in Rust.
//!
//! | route | answer |
//! |---|---|
//! | `GET /rubrics` | the rubrics served: id, title, version, total, and the rubric's own id and hash (as an evaluation's provenance names them) |
//! | `GET /rubrics/{id}/facts-schema` | the JSON Schema of the facts that rubric needs |
//! | `POST /rubrics/{id}/evaluate` | the evaluation of the facts in the body |
//! | `POST /rubrics/{id}/review` | the review (`?format=html\|csv\|markdown\|text` for a document) |
//! | `GET /openapi.json` | an OpenAPI 3.1 document built from the crate's schemas |
//!
//! `?lang=en` gives English working (Chinese by default). Facts the crate
//! refuses answer 422 with the structured error (codes, JSON Pointers,
//! messages in both languages); an unknown rubric 404; a body over the
//! limit 413. Ctrl-C or SIGTERM stops accepting and lets requests in
//! flight finish.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use axum::extract::rejection::{QueryRejection, StringRejection};
use axum::extract::{DefaultBodyLimit, Path as UrlPath, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use jixiao::render::Format;
use jixiao::{Convention, EvalOptions, Facts, Lang, Rubric};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::input::{self, Refusal};

/// The largest request body accepted by default: 1 MiB, far above any
/// department's facts.
pub(crate) const DEFAULT_MAX_BODY: usize = 1 << 20;

type Rubrics = Arc<BTreeMap<String, Rubric>>;

/// Reads and compiles every rubric of the folder, then serves until told
/// to stop.
pub(crate) fn run(dir: &Path, addr: &str, max_body: usize) -> Result<ExitCode, Refusal> {
    let rubrics = Arc::new(load(dir)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Refusal::Other(e.to_string()))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Refusal::Other(format!("{addr}: {e}")))?;
        let local = listener
            .local_addr()
            .map_err(|e| Refusal::Other(e.to_string()))?;
        println!("listening on http://{local} ({} rubrics)", rubrics.len());
        axum::serve(listener, app(rubrics, max_body))
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(|e| Refusal::Other(e.to_string()))?;
        Ok(ExitCode::SUCCESS)
    })
}

/// The rubrics of a folder by id: `name.json` is `name`; a folder holding
/// `rubric.json` or `targets.json` is the folder's name (as in `rubrics/`).
fn load(dir: &Path) -> Result<BTreeMap<String, Rubric>, Refusal> {
    let mut out = BTreeMap::new();
    let entries = std::fs::read_dir(dir).map_err(|e| Refusal::Unreadable {
        file: dir.to_owned(),
        reason: e.to_string(),
    })?;
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let file = if path.is_dir() {
            ["rubric.json", "targets.json"]
                .iter()
                .map(|f| path.join(f))
                .find(|f| f.is_file())
        } else {
            path.extension()
                .is_some_and(|x| x == "json")
                .then(|| path.clone())
        };
        let (Some(file), Some(id)) = (file, path.file_stem()) else {
            continue;
        };
        let text = input::read(&file)?;
        let rubric = Rubric::from_document(&text, &Convention::national())
            .map_err(|e| Refusal::document(&file, e))?;
        out.insert(id.to_string_lossy().into_owned(), rubric);
    }
    Ok(out)
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

pub(crate) fn app(rubrics: Rubrics, max_body: usize) -> Router {
    Router::new()
        .route("/rubrics", get(list))
        .route("/rubrics/{id}/facts-schema", get(facts_schema))
        .route("/rubrics/{id}/evaluate", post(evaluate))
        .route("/rubrics/{id}/review", post(review))
        .route("/openapi.json", get(openapi))
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(rubrics)
}

/// `?lang=zh|en&format=…`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default)]
    lang: Lang,
    format: Option<String>,
}

/// A JSON answer with a status.
fn problem(status: StatusCode, code: &str, en: &str, zh: &str) -> Response {
    (
        status,
        Json(json!({
            "message": { "zh": zh, "en": en },
            "problems": [{ "code": code, "indicator": null, "pointer": "", "field": "",
                           "expected": null, "found": null,
                           "message": { "zh": zh, "en": en } }],
            "unlisted": 0
        })),
    )
        .into_response()
}

fn unknown(id: &str) -> Response {
    problem(
        StatusCode::NOT_FOUND,
        "unknown_rubric",
        &format!("no rubric has the id `{id}`; GET /rubrics lists them"),
        &format!("没有id为“{id}”的指标表；GET /rubrics 列出全部指标表"),
    )
}

async fn list(State(rubrics): State<Rubrics>) -> Json<Value> {
    Json(Value::Array(
        rubrics
            .iter()
            .map(|(id, r)| {
                json!({ "id": id, "title": r.title(), "version": r.version(),
                        "rubric_id": r.id(), "hash": r.hash(),
                        "total": r.total().normalize().to_string() })
            })
            .collect(),
    ))
}

async fn facts_schema(State(rubrics): State<Rubrics>, UrlPath(id): UrlPath<String>) -> Response {
    match rubrics.get(&id) {
        Some(r) => Json(r.facts_schema()).into_response(),
        None => unknown(&id),
    }
}

/// A request's body, or the structured answer to one that cannot be read:
/// 413 past the limit, 400 when it is not UTF-8.
type Body = Result<String, StringRejection>;

async fn evaluate(
    State(rubrics): State<Rubrics>,
    UrlPath(id): UrlPath<String>,
    params: Result<Query<Params>, QueryRejection>,
    body: Body,
) -> Response {
    score(&rubrics, &id, params, body, false)
}

async fn review(
    State(rubrics): State<Rubrics>,
    UrlPath(id): UrlPath<String>,
    params: Result<Query<Params>, QueryRejection>,
    body: Body,
) -> Response {
    score(&rubrics, &id, params, body, true)
}

/// The structured answer to a body that cannot be read.
fn unreadable(rejection: &StringRejection) -> Response {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            "the request body is larger than the server accepts (--max-body)",
            "请求内容超过服务允许的大小（--max-body）",
        )
    } else {
        problem(
            StatusCode::BAD_REQUEST,
            "unreadable_body",
            &format!("the request body cannot be read: {}", rejection.body_text()),
            "无法读取请求内容（应为UTF-8编码的JSON）",
        )
    }
}

/// Reads the facts exactly (numbers as written, errors placed in the
/// document), scores them, and answers JSON or the document asked for.
fn score(
    rubrics: &Rubrics,
    id: &str,
    params: Result<Query<Params>, QueryRejection>,
    body: Body,
    review: bool,
) -> Response {
    let Some(rubric) = rubrics.get(id) else {
        return unknown(id);
    };
    let params = match params {
        Ok(Query(params)) => params,
        Err(rejection) => {
            return problem(
                StatusCode::BAD_REQUEST,
                "unknown_parameter",
                &format!(
                    "{}; the parameters are lang=zh|en and format=text|markdown|csv|html",
                    rejection.body_text()
                ),
                "查询参数无效：可用 lang=zh|en 和 format=text|markdown|csv|html",
            )
        }
    };
    let body = match body {
        Ok(body) => body,
        Err(rejection) => return unreadable(&rejection),
    };
    let format = match params.format.as_deref().map(str::parse::<Format>) {
        None => None,
        Some(Ok(f)) => Some(f),
        Some(Err(e)) => {
            return problem(
                StatusCode::BAD_REQUEST,
                "unknown_format",
                &format!("format: {e}"),
                "format 应为 text、markdown、csv 或 html",
            )
        }
    };
    let facts = match Facts::from_json(&body) {
        Ok(f) => f,
        Err(e) => return refused(jixiao::Error::from(e)),
    };
    let result = match rubric.review_with(&facts, &EvalOptions::new().lang(params.lang)) {
        Ok(r) => r,
        Err(e) => return refused(e.into()),
    };
    match (format, review) {
        (Some(format), _) => (
            [(header::CONTENT_TYPE, format.media_type())],
            jixiao::render::document(format, rubric, &result, params.lang),
        )
            .into_response(),
        (None, true) => Json(result).into_response(),
        (None, false) => Json(result.evaluation).into_response(),
    }
}

fn refused(error: jixiao::Error) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, Json(error)).into_response()
}

async fn openapi() -> Json<Value> {
    Json(openapi_document())
}

/// The OpenAPI 3.1 document: routes, and the crate's own JSON Schemas as
/// components (their `$defs` lifted beside them), so a Java or TypeScript
/// client is generated from the same schemas the crate checks against.
pub(crate) fn openapi_document() -> Value {
    let mut components = serde_json::Map::new();
    for (name, schema) in [
        ("Facts", jixiao::schema::facts()),
        ("Evaluation", jixiao::schema::evaluation()),
        ("Review", jixiao::schema::review()),
    ] {
        let mut schema = lift_refs(schema);
        if let Some(defs) = schema
            .as_object_mut()
            .and_then(|o| o.remove("$defs"))
            .and_then(|d| d.as_object().cloned())
        {
            components.extend(defs);
        }
        if let Some(o) = schema.as_object_mut() {
            o.remove("$schema");
        }
        components.insert(name.to_owned(), schema);
    }
    components.insert("Refusal".to_owned(), refusal_schema());
    let json_body = |schema: &str| json!({ "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } } } });
    let id =
        json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "string" } });
    let lang = json!({ "name": "lang", "in": "query", "schema": { "enum": ["zh", "en"], "default": "zh" } });
    let format = json!({ "name": "format", "in": "query",
        "schema": { "enum": ["text", "markdown", "csv", "html"] },
        "description": "A document instead of JSON" });
    let scored = |what: &str, schema: &str| {
        json!({
            "parameters": [id, lang, format],
            "requestBody": json_body("Facts"),
            "responses": {
                "200": { "description": what, "content": {
                    "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } },
                    "text/html": { "schema": { "type": "string" } },
                    "text/csv": { "schema": { "type": "string" } },
                    "text/markdown": { "schema": { "type": "string" } },
                    "text/plain": { "schema": { "type": "string" } } } },
                "404": { "description": "No rubric has this id", "content": json_body("Refusal")["content"] },
                "413": { "description": "The body is over the limit" },
                "422": { "description": "The facts were refused", "content": json_body("Refusal")["content"] }
            }
        })
    };
    json!({
        "openapi": "3.1.0",
        "info": { "title": "jixiao", "version": env!("CARGO_PKG_VERSION"),
                  "description": "Scores 预算绩效评价 rubrics exactly, with the working of every score. Decimals are strings." },
        "paths": {
            "/rubrics": { "get": { "responses": { "200": { "description": "The rubrics served",
                "content": { "application/json": { "schema": { "type": "array", "items": {
                    "type": "object", "required": ["id", "title", "total", "hash"],
                    "properties": { "id": { "type": "string" }, "title": { "type": "string" },
                                    "version": { "type": ["string", "null"] },
                                    "rubric_id": { "type": ["string", "null"] },
                                    "hash": { "type": "string", "description": "SHA-256 of the canonical rubric, as in an evaluation's provenance" },
                                    "total": { "type": "string" } } } } } } } } } },
            "/rubrics/{id}/facts-schema": { "get": { "parameters": [id],
                "responses": { "200": { "description": "The JSON Schema of the facts this rubric needs" },
                               "404": { "description": "No rubric has this id", "content": json_body("Refusal")["content"] } } } },
            "/rubrics/{id}/evaluate": { "post": scored("The evaluation", "Evaluation") },
            "/rubrics/{id}/review": { "post": scored("The review", "Review") },
            "/openapi.json": { "get": { "responses": { "200": { "description": "This document" } } } }
        },
        "components": { "schemas": components }
    })
}

/// `#/$defs/X` → `#/components/schemas/X`, throughout.
fn lift_refs(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| match (k.as_str(), &v) {
                    ("$ref", Value::String(r)) => (
                        k,
                        Value::String(r.replacen("#/$defs/", "#/components/schemas/", 1)),
                    ),
                    _ => (k, lift_refs(v)),
                })
                .collect(),
        ),
        Value::Array(list) => Value::Array(list.into_iter().map(lift_refs).collect()),
        other => other,
    }
}

/// The shape every refusal has (see `jixiao::Error`).
fn refusal_schema() -> Value {
    let text = json!({ "type": "object", "required": ["zh", "en"],
        "properties": { "zh": { "type": "string" }, "en": { "type": "string" } } });
    let nullable_text = json!({ "oneOf": [text, { "type": "null" }] });
    json!({
        "type": "object",
        "required": ["message", "problems", "unlisted"],
        "properties": {
            "message": text,
            "unlisted": { "type": "integer", "minimum": 0 },
            "problems": { "type": "array", "items": {
                "type": "object",
                "required": ["code", "indicator", "pointer", "field", "expected", "found", "message"],
                "properties": {
                    "code": { "type": "string" },
                    "indicator": { "oneOf": [{ "type": "null" }, { "type": "array", "items": {
                        "type": "object", "required": ["id", "name"],
                        "properties": { "id": { "type": "string" }, "name": { "type": "string" } } } }] },
                    "pointer": { "type": "string", "description": "RFC 6901 JSON Pointer into the refused document" },
                    "field": { "type": "string" },
                    "expected": nullable_text,
                    "found": nullable_text,
                    "message": text,
                    "line": { "type": "integer" },
                    "column": { "type": "integer" }
                }
            } }
        }
    })
}
