fn main() {
    let r = std::fs::read_to_string("rubrics/zhijiang-2020-department/rubric.json").unwrap();
    let f = std::fs::read_to_string("rubrics/zhijiang-2020-department/facts.json").unwrap();
    let rubric = jixiao::Rubric::from_json(&r).unwrap();
    let facts = jixiao::Facts::from_json(&f).unwrap();
    let o = jixiao::EvalOptions::new().working(jixiao::Working::StepsOnly);
    let mut n = 0;
    for _ in 0..20000 { n += rubric.evaluate_with(std::hint::black_box(&facts), &o).unwrap().indicators.len(); }
    println!("{n}");
}
