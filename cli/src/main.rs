//! `jixiao`: the command line of the [`jixiao`] crate. It reads files and
//! writes to the terminal; the scoring is the library's.
//!
//! ```text
//! jixiao evaluate RUBRIC FACTS   [--format text|markdown|csv|html|json] [--lang zh|en] [--convention FILE]
//! jixiao review   RUBRIC FACTS   [same options]
//! jixiao verify   RUBRIC         [--format text|json] [--lang zh|en] [--convention FILE]
//! jixiao schema   rubric|facts|evaluation|review|targets|convention
//! jixiao schema   facts-for RUBRIC
//! jixiao batch    RUBRIC FACTS_DIR [--output summary.csv] [--lang zh|en] [--convention FILE]
//! jixiao serve    --rubrics DIR [--addr 127.0.0.1:8080] [--max-body BYTES]
//! ```
//!
//! RUBRIC is a rubric or a project's target table (绩效目标表, recognised by
//! its rows' `level1` and `target`), which is compiled under the national
//! convention of 财预〔2020〕10号 or the one `--convention` names.
//!
//! Exit status: 0 when everything was scored (or verified, or served), 1
//! when an input was refused (a bad rubric or facts file, or in a batch any
//! file), 2 for a usage error (an unknown option, a missing argument).
//! Refusals print the crate's message in the chosen language, or with
//! `--format json` the structured error (codes, JSON Pointers, messages in
//! both languages) on standard output.

#![forbid(unsafe_code)]

mod batch;
mod input;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use jixiao::render::{self, Format};
use jixiao::{EvalOptions, Lang};

use crate::input::Refusal;

/// Scores Chinese public-finance performance-evaluation rubrics
/// (预算绩效评价指标表) exactly, with the working of every score.
#[derive(Debug, Parser)]
#[command(
    name = "jixiao",
    version,
    about,
    after_help = "Exit status: 0 when everything was scored (verified, printed); 1 when an input was refused or could not be read (in a batch: any file); 2 for a usage error.\nWith --format json a refusal is printed on standard output as the structured error: codes, JSON Pointers, messages in Chinese and English."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Evaluate a department's facts: the filled-in table with each score's working.
    Evaluate(Scoring),
    /// Review a submission: the evaluation, claims reconciled, cross-checks, what-ifs.
    Review(Scoring),
    /// Check a rubric's behaviour before anyone is scored with it.
    Verify {
        /// The rubric or target table.
        rubric: PathBuf,
        #[command(flatten)]
        options: Options,
    },
    /// Print a JSON Schema: of a document kind, or of the facts one rubric needs.
    Schema {
        /// rubric, facts, evaluation, review, targets, convention, or facts-for.
        kind: SchemaKind,
        /// The rubric, for `facts-for`.
        rubric: Option<PathBuf>,
        /// The convention a target table is compiled under, for `facts-for`.
        #[arg(long)]
        convention: Option<PathBuf>,
    },
    /// Score a folder of departments' facts on all cores; print one summary CSV.
    Batch {
        /// The rubric or target table.
        rubric: PathBuf,
        /// The folder of facts files (`*.json`), one per department.
        facts_dir: PathBuf,
        /// Write the summary CSV to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The language of the working and the messages.
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// The convention a target table is compiled under (default: 财预〔2020〕10号).
        #[arg(long)]
        convention: Option<PathBuf>,
    },
    /// Serve every rubric in a folder over HTTP, compiled once at start.
    Serve {
        /// The folder of rubrics: `*.json` files, or folders holding a
        /// `rubric.json` or `targets.json` (as `rubrics/` in the repository).
        #[arg(long)]
        rubrics: PathBuf,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// The largest request body accepted, in bytes.
        #[arg(long, default_value_t = serve::DEFAULT_MAX_BODY)]
        max_body: usize,
    },
}

#[derive(Debug, clap::Args)]
struct Scoring {
    /// The rubric or target table.
    rubric: PathBuf,
    /// The department's facts.
    facts: PathBuf,
    #[command(flatten)]
    options: Options,
}

#[derive(Debug, clap::Args)]
struct Options {
    /// The output: a document, or JSON (errors too).
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// The language of the working and the messages.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    lang: LangArg,
    /// The convention a target table is compiled under (default: 财预〔2020〕10号).
    #[arg(long)]
    convention: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Text,
    Markdown,
    Csv,
    Html,
    Json,
}

impl FormatArg {
    /// The document format, or `None` for JSON.
    fn document(self) -> Option<Format> {
        match self {
            FormatArg::Text => Some(Format::Text),
            FormatArg::Markdown => Some(Format::Markdown),
            FormatArg::Csv => Some(Format::Csv),
            FormatArg::Html => Some(Format::Html),
            FormatArg::Json => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SchemaKind {
    Rubric,
    Facts,
    Evaluation,
    Review,
    Targets,
    Convention,
    FactsFor,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = match &cli.command {
        Command::Evaluate(s) | Command::Review(s) => s.options.format == FormatArg::Json,
        Command::Verify { options, .. } => options.format == FormatArg::Json,
        _ => false,
    };
    let lang = match &cli.command {
        Command::Evaluate(s) | Command::Review(s) => s.options.lang.into(),
        Command::Verify { options, .. } => options.lang.into(),
        Command::Batch { lang, .. } => (*lang).into(),
        _ => Lang::Zh,
    };
    match run(cli.command) {
        Ok(code) => code,
        Err(refusal) => {
            if json {
                println!("{}", refusal.json());
            } else {
                eprintln!("{}", refusal.message(lang));
            }
            refusal.exit_code()
        }
    }
}

fn run(command: Command) -> Result<ExitCode, Refusal> {
    match command {
        Command::Evaluate(s) => score(&s, false),
        Command::Review(s) => score(&s, true),
        Command::Verify { rubric, options } => {
            let rubric = input::rubric(&rubric, options.convention.as_deref())?;
            let findings = rubric.verify();
            if options.format == FormatArg::Json {
                println!("{}", input::pretty(&findings));
            } else {
                for finding in &findings {
                    println!("{finding}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema {
            kind,
            rubric,
            convention,
        } => {
            let schema = match (kind, rubric) {
                (SchemaKind::Rubric, None) => jixiao::schema::rubric(),
                (SchemaKind::Facts, None) => jixiao::schema::facts(),
                (SchemaKind::Evaluation, None) => jixiao::schema::evaluation(),
                (SchemaKind::Review, None) => jixiao::schema::review(),
                (SchemaKind::Targets, None) => jixiao::schema::targets(),
                (SchemaKind::Convention, None) => jixiao::schema::convention(),
                (SchemaKind::FactsFor, Some(path)) => {
                    input::rubric(&path, convention.as_deref())?.facts_schema()
                }
                (SchemaKind::FactsFor, None) => {
                    return Err(Refusal::usage("`schema facts-for` needs a rubric file"))
                }
                (_, Some(_)) => {
                    return Err(Refusal::usage(
                        "only `schema facts-for` takes a rubric file",
                    ))
                }
            };
            println!("{}", input::pretty(&schema));
            Ok(ExitCode::SUCCESS)
        }
        Command::Batch {
            rubric,
            facts_dir,
            output,
            lang,
            convention,
        } => {
            let rubric = input::rubric(&rubric, convention.as_deref())?;
            batch::run(&rubric, &facts_dir, output.as_deref(), lang.into())
        }
        Command::Serve {
            rubrics,
            addr,
            max_body,
        } => serve::run(&rubrics, &addr, max_body),
    }
}

/// `evaluate` and `review`: one department, printed as asked — or, when
/// FACTS is a batch of departments (`{"departments": […]}`, for a rubric
/// with relative leaves), the batch scored together.
fn score(s: &Scoring, review: bool) -> Result<ExitCode, Refusal> {
    let lang: Lang = s.options.lang.into();
    let rubric = input::rubric(&s.rubric, s.options.convention.as_deref())?;
    let text = input::read(&s.facts)?;
    if input::is_departments(&text) {
        return score_batch(s, &rubric, &text, review);
    }
    let facts =
        jixiao::Facts::from_json(&text).map_err(|e| Refusal::document(&s.facts, e.into()))?;
    let result = rubric
        .review_with(&facts, &EvalOptions::new().lang(lang))
        .map_err(|e| Refusal::document(&s.facts, e.into()))?;
    let out = match (s.options.format.document(), review) {
        (None, true) => input::pretty(&result) + "\n",
        (None, false) => input::pretty(&result.evaluation) + "\n",
        (Some(Format::Text), false) => render::text(&rubric, &result.evaluation, lang),
        (Some(format), _) => render::document(format, &rubric, &result, lang),
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

/// A batch of departments scored together: the standings and each
/// department's table and review as text, or JSON (`evaluate`: every
/// department's evaluation and the standings; `review`: the batch review).
fn score_batch(
    s: &Scoring,
    rubric: &jixiao::Rubric,
    text: &str,
    review: bool,
) -> Result<ExitCode, Refusal> {
    let lang: Lang = s.options.lang.into();
    let options = EvalOptions::new().lang(lang);
    let departments = jixiao::Departments::from_json(text)
        .map_err(|e| Refusal::document(&s.facts, e.into()))?
        .departments;
    let refused = |e: jixiao::BatchError| Refusal::document(&s.facts, e.into());
    let out = match (s.options.format, review) {
        (FormatArg::Json, false) => {
            input::pretty(
                &rubric
                    .evaluate_batch_with(&departments, &options)
                    .map_err(refused)?,
            ) + "\n"
        }
        (FormatArg::Json, true) => {
            input::pretty(
                &rubric
                    .review_batch_with(&departments, &options)
                    .map_err(refused)?,
            ) + "\n"
        }
        (FormatArg::Text, _) => render::batch_text(
            rubric,
            &rubric
                .review_batch_with(&departments, &options)
                .map_err(refused)?,
            lang,
        ),
        (other, _) => {
            return Err(Refusal::Usage(format!(
                "a batch of departments prints as text or json, not {}",
                other
                    .to_possible_value()
                    .map_or_else(String::new, |v| v.get_name().to_owned())
            )))
        }
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}
