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

/// The DOM Chromium makes of an HTML page, or `None` where no Chromium is
/// found (and none is required).
fn dom_of(name: &str, html: &str) -> Option<String> {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("JIXIAO_REQUIRE_BROWSER").is_none(),
            "JIXIAO_REQUIRE_BROWSER is set but no Chromium was found"
        );
        eprintln!("no Chromium found: skipping the browser check (set JIXIAO_CHROMIUM to run it)");
        return None;
    };
    let dir = std::env::temp_dir().join(format!("jixiao-html-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let page = dir.join("review.html");
    std::fs::write(&page, html).expect("write the page");
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
    Some(dom.into_owned())
}

#[test]
fn headless_chromium_renders_the_review_table() {
    let (rubric, facts) = util::seed();
    let review = rubric.review(&facts).expect("the seed reviews");
    let Some(dom) = dom_of("seed", &render::html(&rubric, &review, Lang::Zh)) else {
        return;
    };
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

#[test]
fn headless_chromium_renders_the_self_evaluation_form() {
    let dir = util::rubrics_dir().join("mof-2020-unit-self-evaluation");
    let rubric = util::load_rubric(&dir).expect("the example compiles");
    let facts = jixiao::Facts::from_json(&util::read(&dir.join("facts.json"))).expect("facts");
    let review = rubric.review(&facts).expect("the example reviews");
    let Some(dom) = dom_of("form", &render::html(&rubric, &review, Lang::Zh)) else {
        return;
    };
    // The header block of the funds, then the rows of targets (all but
    // 预算执行率) with a header row and the total row.
    assert!(
        dom.contains("<table id=\"funds\">"),
        "no funds table:\n{dom}"
    );
    assert!(dom.contains("<td class=\"num\">212.5</td>"));
    let rows = review.evaluation.iter().filter(|n| n.is_leaf()).count() - 1;
    let indicators = dom
        .split("<table id=\"indicators\">")
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .expect("an indicators table");
    assert_eq!(
        indicators.matches("<tr").count(),
        rows + 2,
        "rows in the DOM"
    );
    assert!(
        indicators.contains("rowspan=\"10\""),
        "产出指标 spans its ten rows"
    );
    assert!(indicators.contains("<th>偏差原因分析及改进措施</th>"));
    assert!(indicators.contains("按指标值与实际完成值的比例计分：4 × 12 ÷ 14"));
    assert!(dom.contains("<h2>偏差原因核对</h2>"));
}
