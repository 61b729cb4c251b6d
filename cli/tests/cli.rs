//! The command line run as a user runs it: the built `jixiao` binary on the
//! shipped rubrics, each subcommand's whole output and exit status
//! compared with what the library gives for the same files (and with the
//! committed goldens in `rubrics/`), refusals in both languages and as
//! JSON, usage errors, and a batch over a folder with malformed files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jixiao::render::{self, Format};
use jixiao::{Convention, EvalOptions, Facts, Lang, Rubric};
use serde_json::Value;

/// The repository's `rubrics/` folder.
fn rubrics() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../rubrics")
}

fn seed() -> (PathBuf, PathBuf) {
    let dir = rubrics().join("zhijiang-2020-department");
    (dir.join("rubric.json"), dir.join("facts.json"))
}

/// Runs `jixiao` with `args`.
fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8")
}

#[track_caller]
fn assert_status(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(out),
        stderr(out)
    );
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn library_rubric(path: &Path) -> Rubric {
    Rubric::from_document(&read(path), &Convention::national()).expect("compiles")
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}:\n{text}"))
}

/// Every shipped rubric (or target table) with facts: `review` prints the
/// committed `evaluation.txt` and `evaluate --format json` the committed
/// `evaluation.json` (for a batch of departments, `batch.json`), byte for
/// byte.
#[test]
fn review_and_evaluate_reproduce_every_golden() {
    let mut seen = 0;
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(rubrics())
        .expect("rubrics/")
        .map(|e| e.expect("entry").path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let Some(rubric) = ["rubric.json", "targets.json"]
            .iter()
            .map(|f| dir.join(f))
            .find(|f| f.is_file())
        else {
            continue;
        };
        // One department's facts, or a batch of departments scored
        // together (a rubric with relative leaves).
        let (facts, json_golden) = if dir.join("departments.json").is_file() {
            (dir.join("departments.json"), dir.join("batch.json"))
        } else {
            (dir.join("facts.json"), dir.join("evaluation.json"))
        };
        if !facts.is_file() || !dir.join("evaluation.txt").is_file() {
            continue;
        }
        let out = run(&["review".as_ref(), rubric.as_os_str(), facts.as_os_str()]);
        assert_status(&out, 0);
        assert_eq!(
            stdout(&out),
            read(&dir.join("evaluation.txt")),
            "{}",
            dir.display()
        );
        assert_eq!(stderr(&out), "");
        let out = run(&[
            "evaluate".as_ref(),
            rubric.as_os_str(),
            facts.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ]);
        assert_status(&out, 0);
        assert_eq!(stdout(&out), read(&json_golden), "{}", dir.display());
        seen += 1;
    }
    // Ten when this was written; more as rubrics are added.
    assert!(seen >= 10, "{seen} shipped rubrics with facts and goldens");
}

/// Each format and language prints exactly what the library renders.
#[test]
fn every_format_and_language_is_the_librarys_document() {
    let (rubric_path, facts_path) = seed();
    let rubric = library_rubric(&rubric_path);
    let facts = Facts::from_json(&read(&facts_path)).expect("facts");
    for (lang, lang_arg) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        let review = rubric
            .review_with(&facts, &EvalOptions::new().lang(lang))
            .expect("scored");
        for (format, format_arg) in [
            (Format::Text, "text"),
            (Format::Markdown, "markdown"),
            (Format::Csv, "csv"),
            (Format::Html, "html"),
        ] {
            let expected = render::document(format, &rubric, &review, lang);
            let out = run(&[
                "review".as_ref(),
                rubric_path.as_os_str(),
                facts_path.as_os_str(),
                "--format".as_ref(),
                format_arg.as_ref(),
                "--lang".as_ref(),
                lang_arg.as_ref(),
            ]);
            assert_status(&out, 0);
            assert_eq!(
                stdout(&out),
                expected,
                "review --format {format_arg} --lang {lang_arg}"
            );
        }
        let out = run(&[
            "evaluate".as_ref(),
            rubric_path.as_os_str(),
            facts_path.as_os_str(),
            "--lang".as_ref(),
            lang_arg.as_ref(),
        ]);
        assert_status(&out, 0);
        assert_eq!(
            stdout(&out),
            render::text(&rubric, &review.evaluation, lang),
            "evaluate --lang {lang_arg}"
        );
        let out = run(&[
            "review".as_ref(),
            rubric_path.as_os_str(),
            facts_path.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
            "--lang".as_ref(),
            lang_arg.as_ref(),
        ]);
        assert_status(&out, 0);
        assert_eq!(
            json(&stdout(&out)),
            serde_json::to_value(&review).expect("serialises")
        );
    }
}

#[test]
fn verify_prints_the_findings() {
    let (rubric_path, _) = seed();
    let findings = library_rubric(&rubric_path).verify();
    assert!(!findings.is_empty());
    let out = run(&["verify".as_ref(), rubric_path.as_os_str()]);
    assert_status(&out, 0);
    let lines: String = findings.iter().map(|f| format!("{f}\n")).collect();
    assert_eq!(stdout(&out), lines);
    let out = run(&[
        "verify".as_ref(),
        rubric_path.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_status(&out, 0);
    assert_eq!(
        json(&stdout(&out)),
        serde_json::to_value(&findings).expect("serialises")
    );
}

/// `schema KIND` prints the committed schema; `schema facts-for RUBRIC` the
/// schema of exactly that rubric's facts.
#[test]
fn schemas_are_the_committed_ones() {
    for kind in [
        "rubric",
        "facts",
        "evaluation",
        "review",
        "targets",
        "convention",
    ] {
        let out = run(&["schema", kind]);
        assert_status(&out, 0);
        let committed = read(&rubrics().join(format!("schema/{kind}.schema.json")));
        assert_eq!(json(&stdout(&out)), json(&committed), "schema {kind}");
    }
    let (rubric_path, _) = seed();
    let out = run(&[
        "schema".as_ref(),
        "facts-for".as_ref(),
        rubric_path.as_os_str(),
    ]);
    assert_status(&out, 0);
    assert_eq!(
        json(&stdout(&out)),
        library_rubric(&rubric_path).facts_schema()
    );
}

/// Facts missing 编制数 and with a misspelt 编制人数: exit status 1, the
/// message in the language asked for on standard error, or the structured
/// error on standard output with `--format json`.
#[test]
fn refused_facts_exit_1_with_the_librarys_error() {
    let (rubric_path, facts_path) = seed();
    let mut facts = json(&read(&facts_path));
    let values = facts["values"].as_object_mut().expect("values");
    let n = values.remove("编制数").expect("编制数");
    values.insert("编制人数".to_owned(), n);
    let dir = scratch("refused");
    let bad = dir.join("facts.json");
    std::fs::write(&bad, facts.to_string()).expect("written");
    let error = library_rubric(&rubric_path)
        .review(&Facts::from_json(&facts.to_string()).expect("reads"))
        .expect_err("refused");
    for (lang, arg) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        let out = run(&[
            "evaluate".as_ref(),
            rubric_path.as_os_str(),
            bad.as_os_str(),
            "--lang".as_ref(),
            arg.as_ref(),
        ]);
        assert_status(&out, 1);
        assert_eq!(stdout(&out), "");
        assert_eq!(
            stderr(&out),
            format!("{}: {}\n", bad.display(), error.message(lang))
        );
    }
    let out = run(&[
        "review".as_ref(),
        rubric_path.as_os_str(),
        bad.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_status(&out, 1);
    let mut expected = serde_json::to_value(jixiao::Error::from(error)).expect("serialises");
    expected["file"] = Value::String(bad.display().to_string());
    let found = json(&stdout(&out));
    assert_eq!(found, expected);
    let codes: Vec<&str> = found["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|p| p["code"].as_str())
        .collect();
    assert_eq!(codes, ["undeclared_input", "missing_input"]);
}

#[test]
fn unreadable_and_refused_rubrics_exit_1() {
    let (_, facts_path) = seed();
    let dir = scratch("unreadable");
    let missing = dir.join("no-such-rubric.json");
    let out = run(&[
        "evaluate".as_ref(),
        missing.as_os_str(),
        facts_path.as_os_str(),
    ]);
    assert_status(&out, 1);
    assert!(
        stderr(&out).starts_with(&format!("{}: 无法读取文件（", missing.display())),
        "{}",
        stderr(&out)
    );
    let empty = dir.join("empty.json");
    std::fs::write(&empty, r#"{"title": "x", "indicators": []}"#).expect("written");
    let out = run(&[
        "evaluate".as_ref(),
        empty.as_os_str(),
        facts_path.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_status(&out, 1);
    let found = json(&stdout(&out));
    assert_eq!(found["file"], empty.display().to_string());
    assert_eq!(found["problems"][0]["code"], "invalid_value");
    assert_eq!(found["problems"][0]["pointer"], "/indicators");
}

/// Arguments that make no command: exit status 2, nothing on standard
/// output.
#[test]
fn usage_errors_exit_2() {
    let (rubric_path, facts_path) = seed();
    let cases: Vec<Vec<&std::ffi::OsStr>> = vec![
        vec![],
        vec!["evaluate".as_ref()],
        vec!["grade".as_ref()],
        vec!["schema".as_ref(), "facts-for".as_ref()],
        vec![
            "schema".as_ref(),
            "rubric".as_ref(),
            rubric_path.as_os_str(),
        ],
        vec![
            "review".as_ref(),
            rubric_path.as_os_str(),
            facts_path.as_os_str(),
            "--format".as_ref(),
            "pdf".as_ref(),
        ],
        vec![
            "review".as_ref(),
            rubric_path.as_os_str(),
            facts_path.as_os_str(),
            "--convention".as_ref(),
            rubric_path.as_os_str(),
        ],
    ];
    for args in cases {
        let out = run(&args);
        assert_status(&out, 2);
        assert_eq!(stdout(&out), "", "{args:?}");
        assert!(!stderr(&out).is_empty(), "{args:?}");
    }
    let out = run(&["schema", "facts-for"]);
    assert_eq!(stderr(&out), "`schema facts-for` needs a rubric file\n");
    // The exit statuses are documented where a user looks.
    let out = run(&["--help"]);
    assert_status(&out, 0);
    assert!(
        stdout(&out).contains("Exit status: 0 when everything was scored (verified, printed); 1 when an input was refused or could not be read (in a batch: any file); 2 for a usage error."),
        "{}",
        stdout(&out)
    );
}

/// A folder of four departments' facts, one malformed, one misspelt, and a
/// file that is not JSON: every department gets its row, the refused ones
/// with their reason, and the status is 1.
#[test]
fn batch_scores_every_file_and_reports_the_refused() {
    let (rubric_path, facts_path) = seed();
    let dir = scratch("batch");
    let facts = read(&facts_path);
    std::fs::write(dir.join("芷江商务局.json"), &facts).expect("written");
    assert!(facts.contains("\"编制数\": 34"));
    std::fs::write(
        dir.join("b-dept.json"),
        facts.replace("\"编制数\": 34", "\"编制数\": 40"),
    )
    .expect("written");
    std::fs::write(dir.join("broken.json"), "{\"values\": {\n").expect("written");
    std::fs::write(dir.join("typo.json"), "{\"valeus\": {}}").expect("written");
    std::fs::write(dir.join("notes.txt"), "not facts").expect("written");
    let out = run(&["batch".as_ref(), rubric_path.as_os_str(), dir.as_os_str()]);
    assert_status(&out, 1);
    assert_eq!(
        stdout(&out),
        "\u{feff}department,total,grade,claimed,claimed_without_support,failed_checks,refused\r\n\
         b-dept,24–100,优秀/良/中/差,97,0,6,\r\n\
         broken,,,,,,填报资料：文档在对象中途结束（缺少“}”）（第2行第0列）\r\n\
         typo,,,,,,填报资料：字段 valeus：无法识别字段“valeus”，应为以下字段之一：$schema、source、values、answers、not_applicable、claimed、claimed_total、overrides、actuals、targets、deviations、target_lists、choices、vetoes（第1行第9列）\r\n\
         芷江商务局,19–95,优秀/良/中/差,97,2,6,\r\n"
    );
    assert!(
        stderr(&out).ends_with("共4个，已评分2个，拒绝2个\n"),
        "{}",
        stderr(&out)
    );

    // The same folder without the refused files, in English, to a file.
    std::fs::remove_file(dir.join("broken.json")).expect("removed");
    std::fs::remove_file(dir.join("typo.json")).expect("removed");
    let summary = dir.join("summary.csv.out");
    let out = run(&[
        "batch".as_ref(),
        rubric_path.as_os_str(),
        dir.as_os_str(),
        "--lang".as_ref(),
        "en".as_ref(),
        "--output".as_ref(),
        summary.as_os_str(),
    ]);
    assert_status(&out, 0);
    assert_eq!(stdout(&out), "");
    assert_eq!(
        read(&summary),
        "\u{feff}department,total,grade,claimed,claimed_without_support,failed_checks,refused\r\n\
         b-dept,24–100,优秀/良/中/差,97,0,6,\r\n\
         芷江商务局,19–95,优秀/良/中/差,97,2,6,\r\n"
    );
    assert!(stderr(&out).ends_with("2 files, 2 scored, 0 refused\n"));
}

/// A fresh folder for one test's files, under Cargo's scratch directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}
