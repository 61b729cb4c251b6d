//! Reading the files a command names, and what the tool says when it
//! refuses one.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jixiao::{Convention, Error, Facts, Lang, Rubric};
use serde_json::{json, Value};

/// Why a command did not complete, and what it prints.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// A document the library refused (exit status 1).
    Document { file: PathBuf, error: Box<Error> },
    /// A file that could not be read (exit status 1).
    Unreadable { file: PathBuf, reason: String },
    /// Arguments that do not make a command (exit status 2).
    Usage(String),
    /// Anything else that stopped the command: a port in use (exit status 1).
    Other(String),
}

impl Refusal {
    pub(crate) fn document(file: &Path, error: Error) -> Refusal {
        Refusal::Document {
            file: file.to_owned(),
            error: Box::new(error),
        }
    }

    pub(crate) fn usage(message: &str) -> Refusal {
        Refusal::Usage(message.to_owned())
    }

    /// 1 for a refused or unreadable input, 2 for a usage error.
    pub(crate) fn exit_code(&self) -> ExitCode {
        match self {
            Refusal::Usage(_) => ExitCode::from(2),
            _ => ExitCode::FAILURE,
        }
    }

    /// The message in `lang`, naming the file.
    pub(crate) fn message(&self, lang: Lang) -> String {
        match self {
            Refusal::Document { file, .. } | Refusal::Unreadable { file, .. } => {
                format!("{}: {}", file.display(), self.reason(lang))
            }
            Refusal::Usage(message) | Refusal::Other(message) => message.clone(),
        }
    }

    /// The message in `lang` without the file's name, for a table whose
    /// row already names it (a batch's summary).
    pub(crate) fn reason(&self, lang: Lang) -> String {
        match self {
            Refusal::Document { error, .. } => error.message(lang),
            Refusal::Unreadable { reason, .. } => match lang {
                Lang::Zh => format!("无法读取文件（{reason}）"),
                _ => format!("cannot read the file ({reason})"),
            },
            Refusal::Usage(message) | Refusal::Other(message) => message.clone(),
        }
    }

    /// The structured error as JSON: the library's shape (`message`,
    /// `problems`, `unlisted`) with the `file` it is about.
    pub(crate) fn json(&self) -> String {
        let value = match self {
            Refusal::Document { file, error } => {
                let mut value = serde_json::to_value(error).unwrap_or(Value::Null);
                if let Some(map) = value.as_object_mut() {
                    map.insert("file".to_owned(), json!(file.display().to_string()));
                }
                value
            }
            Refusal::Unreadable { file, reason } => json!({
                "file": file.display().to_string(),
                "message": { "zh": self.message(Lang::Zh), "en": self.message(Lang::En) },
                "problems": [{ "code": "unreadable_file", "indicator": null, "pointer": "",
                               "field": "", "expected": null, "found": null,
                               "message": { "zh": reason, "en": reason } }],
                "unlisted": 0
            }),
            Refusal::Usage(message) | Refusal::Other(message) => json!({
                "message": { "zh": message, "en": message },
                "problems": [],
                "unlisted": 0
            }),
        };
        pretty(&value)
    }
}

/// Pretty JSON of anything the library serialises.
pub(crate) fn pretty<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// A file's text.
pub(crate) fn read(path: &Path) -> Result<String, Refusal> {
    std::fs::read_to_string(path).map_err(|e| Refusal::Unreadable {
        file: path.to_owned(),
        reason: e.to_string(),
    })
}

/// A rubric, or a target table compiled under the convention named (the
/// national one by default).
pub(crate) fn rubric(path: &Path, convention: Option<&Path>) -> Result<Rubric, Refusal> {
    let text = read(path)?;
    let convention = match convention {
        Some(_) if !jixiao::TargetTable::is_target_table(&text) => {
            return Err(Refusal::Usage(format!(
                "--convention applies to a target table, and {} is a rubric",
                path.display()
            )))
        }
        Some(c) => Convention::from_json(&read(c)?).map_err(|e| Refusal::document(c, e.into()))?,
        None => Convention::national(),
    };
    Rubric::from_document(&text, &convention).map_err(|e| Refusal::document(path, e))
}

/// Whether a document is a batch of departments scored together
/// (`{"departments": […]}`) rather than one department's facts.
pub(crate) fn is_departments(text: &str) -> bool {
    serde_json::from_str::<Value>(text)
        .is_ok_and(|v| v.get("departments").is_some_and(Value::is_array))
}

/// A department's facts.
pub(crate) fn facts(path: &Path) -> Result<Facts, Refusal> {
    Facts::from_json(&read(path)?).map_err(|e| Refusal::document(path, e.into()))
}
