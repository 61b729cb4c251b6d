//! A hand-written scorer of the seed rubric (`rubrics/zhijiang-2020-department`):
//! plain `rust_decimal`, each row's rule coded as a finance officer would code
//! it for this one table, no working. It is the floor the speed benches
//! measure the crate against (`benches/speed.rs`), and `tests/speed_floor.rs`
//! asserts it scores every row as the crate does.

use rust_decimal::{Decimal, RoundingStrategy};

/// The seed's base data and answers, typed: what a hand-written scorer
/// would take.
#[derive(Debug, Clone)]
pub struct SeedFacts {
    pub staff: Decimal,
    pub posts: Decimal,
    pub three_budget: Decimal,
    pub three_budget_last: Decimal,
    pub carried: Decimal,
    pub initial: Decimal,
    pub added: Decimal,
    pub left: Decimal,
    pub area: Option<(Decimal, Decimal)>,
    pub investment: (Decimal, Decimal),
    pub public_spent: Decimal,
    pub public_budget: Decimal,
    pub three_spent: Decimal,
    pub three_planned: Decimal,
    pub procured: Decimal,
    pub procurement_budget: Decimal,
    pub key_work: Decimal,
    pub satisfaction: Decimal,
    pub systems: [bool; 4],
    pub compliance_cases: [u32; 5],
    pub disclosure: [bool; 5],
    pub economic: Decimal,
    pub social: Decimal,
    pub efficiency_level: u8,
}

/// Each row's score, in table order, and the total.
pub type SeedScores = ([Decimal; 17], Decimal);

/// The ids of the rows, in the order of [`SeedScores`].
pub const ROWS: [&str; 17] = [
    "在职人员控制率",
    "“三公经费”变动率",
    "预算完成率",
    "预算控制率",
    "新建楼堂馆所面积控制率",
    "新建楼堂馆所投资概算控制率",
    "公用经费控制率",
    "“三公经费”控制率",
    "政府采购执行率",
    "管理制度健全性",
    "资金使用合规性",
    "预决算信息公开性",
    "重点工作实际完成率",
    "经济效益",
    "社会效益",
    "行政效能",
    "社会公众或服务对象满意度",
];

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Points less `deduction` for every whole `step` percentage points the
/// rate `num ÷ den × 100%` lies beyond `threshold` on the side that loses,
/// at least 0. Compared by cross-multiplying, so no division is rounded.
fn ratio_threshold(
    num: Decimal,
    den: Decimal,
    threshold: Decimal,
    step: Decimal,
    deduction: Decimal,
    points: Decimal,
    above: Option<bool>,
) -> Decimal {
    // rate − threshold, in percentage points, is (num × 100 − threshold × den) ÷ den.
    let over = num * HUNDRED - threshold * den;
    let beyond = match above {
        Some(true) => over.max(Decimal::ZERO),
        Some(false) => (-over).max(Decimal::ZERO),
        None => over.abs(),
    };
    let units = (beyond / (step * den)).floor();
    (points - units * deduction).max(Decimal::ZERO)
}

fn round(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Scores the seed's rows.
pub fn score(f: &SeedFacts) -> SeedScores {
    let d = Decimal::from;
    let staff = ratio_threshold(
        f.staff,
        f.posts,
        HUNDRED,
        d(1),
        Decimal::new(5, 1),
        d(5),
        Some(true),
    );
    let three_change = ratio_threshold(
        f.three_budget - f.three_budget_last,
        f.three_budget_last,
        Decimal::ZERO,
        d(1),
        Decimal::new(8, 1),
        d(8),
        Some(true),
    );
    let available = f.carried + f.initial + f.added;
    let completion = ratio_threshold(
        available - f.left,
        available,
        HUNDRED,
        d(5),
        d(2),
        d(5),
        Some(false),
    );
    // 预算控制率 = 追加 ÷ 年初: =0 5; (0,10%] 4; (10%,20%] 3; (20%,30%] 2; else 0.
    let control = {
        let x = f.added * HUNDRED; // compared with k × 年初
        if x.is_zero() {
            d(5)
        } else if x <= d(10) * f.initial {
            d(4)
        } else if x <= d(20) * f.initial {
            d(3)
        } else if x <= d(30) * f.initial {
            d(2)
        } else {
            d(0)
        }
    };
    let area = match f.area {
        Some((built, approved)) if !approved.is_zero() => {
            ratio_threshold(built, approved, HUNDRED, d(5), d(2), d(5), Some(true))
        }
        _ => d(5), // not applicable: full points
    };
    let investment = ratio_threshold(
        f.investment.0,
        f.investment.1,
        HUNDRED,
        d(5),
        d(2),
        d(5),
        Some(true),
    );
    let public = ratio_threshold(
        f.public_spent,
        f.public_budget,
        HUNDRED,
        d(1),
        d(1),
        d(8),
        Some(true),
    );
    let three = ratio_threshold(
        f.three_spent,
        f.three_planned,
        HUNDRED,
        d(1),
        d(1),
        d(8),
        Some(true),
    );
    let procurement = ratio_threshold(
        f.procured,
        f.procurement_budget,
        HUNDRED,
        d(5),
        d(2),
        d(6),
        None,
    );
    let systems = d(2) * d(f.systems.iter().filter(|&&m| m).count() as u64);
    let cases: u64 = f.compliance_cases.iter().map(|&c| u64::from(c)).sum();
    let compliance = (d(6) - d(cases)).max(Decimal::ZERO);
    let disclosure = d(f.disclosure.iter().filter(|&&m| m).count() as u64);
    let key_work = (d(8) * f.key_work / d(200)).min(d(8));
    let efficiency = match f.efficiency_level {
        0 => d(6),
        1 => d(3),
        _ => d(0),
    };
    let satisfaction = if f.satisfaction >= d(90) {
        d(6)
    } else if f.satisfaction >= d(80) {
        d(4)
    } else if f.satisfaction >= d(70) {
        d(2)
    } else {
        d(0)
    };
    let rows = [
        staff,
        three_change,
        completion,
        control,
        area,
        investment,
        public,
        three,
        procurement,
        systems,
        compliance,
        disclosure,
        key_work,
        f.economic,
        f.social,
        efficiency,
        satisfaction,
    ]
    .map(round);
    let total = rows.iter().sum();
    (rows, total)
}

/// The bench's facts (`benches/seed/facts.json`), typed.
pub fn seed_facts() -> SeedFacts {
    let d = |s: &str| s.parse::<Decimal>().expect("a decimal");
    SeedFacts {
        staff: d("39"),
        posts: d("34"),
        three_budget: d("35"),
        three_budget_last: d("34.2"),
        carried: d("12.5"),
        initial: d("820"),
        added: d("96.4"),
        left: d("31.7"),
        area: None,
        investment: (d("118"), d("110")),
        public_spent: d("249.68"),
        public_budget: d("240"),
        three_spent: d("6.28"),
        three_planned: d("35"),
        procured: d("57.3"),
        procurement_budget: d("63"),
        key_work: d("183.5"),
        satisfaction: d("86.4"),
        systems: [true, true, true, false],
        compliance_cases: [0, 1, 0, 0, 0],
        disclosure: [true, true, true, false, true],
        economic: d("2.5"),
        social: d("3"),
        efficiency_level: 1,
    }
}
