//! The HTML review opens in a browser: headless Chromium loads the seed's
//! page and its DOM holds the filled-in table.
//!
//! Needs `chromium` (Debian's package) on the PATH, or `JIXIAO_CHROMIUM`
//! naming the binary. Without one the test says so and passes, unless
//! `JIXIAO_REQUIRE_BROWSER` is set, as `.ci/run` sets it after installing
//! Chromium.

mod util;

use std::path::PathBuf;
use std::process::Command;

use jixiao::{render, Lang};

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("JIXIAO_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.is_file())
}

#[test]
fn headless_chromium_renders_the_review_table() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("JIXIAO_REQUIRE_BROWSER").is_none(),
            "JIXIAO_REQUIRE_BROWSER is set but no Chromium was found"
        );
        eprintln!("no Chromium found: skipping the browser check (set JIXIAO_CHROMIUM to run it)");
        return;
    };
    let (rubric, facts) = util::seed();
    let review = rubric.review(&facts).expect("the seed reviews");
    let dir = std::env::temp_dir().join(format!("jixiao-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let page = dir.join("review.html");
    std::fs::write(&page, render::html(&rubric, &review, Lang::Zh)).expect("write the page");
    let profile = dir.join("profile");
    let output = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run Chromium");
    let dom = String::from_utf8_lossy(&output.stdout);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        output.status.success(),
        "Chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The browser parsed the page into a table with a header row, one row per
    // leaf and the total row, and kept the merged cells.
    let leaves = review.evaluation.iter().filter(|n| n.is_leaf()).count();
    assert!(
        dom.contains("<table id=\"indicators\">"),
        "no table in the DOM:\n{dom}"
    );
    assert_eq!(dom.matches("<tr").count(), leaves + 2, "rows in the DOM");
    assert!(dom.contains("rowspan=\"10\""));
    assert!(dom.contains("在职人员控制率 = 39 ÷ 34 × 100% ≈ 114.71%"));
    assert!(dom.contains("<h2>基础数据勾稽关系核对</h2>"));
}
