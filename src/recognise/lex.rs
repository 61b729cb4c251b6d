//! Splits a 评价标准 into tokens: numbers with their units, comparisons,
//! the words that award and deduct points, item markers and separators.
//! Everything else is a word. Offsets are in characters of the text as
//! given (folding maps one character to one).

use rust_decimal::Decimal;

use crate::target_value::{
    chinese_number, fold, leading_comparison, leading_inclusion, leading_number, leading_side,
    Comparison,
};
use crate::unit::Unit;

/// The unit written after a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NumUnit {
    None,
    /// `%` (or `百分之…`).
    Percent,
    /// `个百分点`, `百分点`: percentage points.
    Points100,
    /// `分`: points of the score.
    Score,
    /// Another unit: `人`, `万元`.
    Other(String),
}

/// Which way a `每…` step moves from the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Move {
    Above,
    Below,
    Both,
    /// A word such as 超支 that names no side of the measure itself.
    Neutral,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    Num {
        value: Decimal,
        unit: NumUnit,
    },
    Cmp(Comparison),
    Incl(bool),
    /// 以上 (`true`), 以下 / 以内 (`false`).
    Side(bool),
    Dash,
    PlusMinus,
    /// 每超过, 每低于, 每超过（降低）…
    Per(Move),
    /// 每出现一例, 每发现一处, 一次…
    Case,
    /// 每项, 每一项: each item.
    EachItem,
    /// 每少一项, 每缺一项.
    Miss,
    /// 以上情况, 上述情况, 以下情况: the items listed.
    Listed,
    Deduct,
    Award,
    /// 满分, 该项分值.
    Full,
    /// 不得分, 不计分.
    Nothing,
    /// 扣完为止 and its kin; the number in 扣满15分为止.
    Floor(Option<Decimal>),
    /// 满分为止 and its kin.
    Cap,
    /// 为标准 (in 以100%为标准).
    Standard,
    /// 未达到, 未完成, 未达标.
    Unmet,
    /// 按…比例计分 / 按比例得分.
    ByShare,
    Item(String),
    /// A range of items: ①—⑤.
    ItemRange(Vec<String>),
    Sep(char),
    Paren(String),
    Word(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tok {
    pub(crate) kind: Kind,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

const FLOORS: &[&str] = &[
    "扣完该项分值为止",
    "扣完本项分值为止",
    "扣完此项分值为止",
    "扣完该项分为止",
    "扣完本项为止",
    "扣完该项为止",
    "扣分扣完为止",
    "扣至0分为止",
    "扣至零分为止",
    "最低扣至0分",
    "最低扣至零分",
    "扣完为止",
    "扣完即止",
    "扣满为止",
    "直至扣完",
    "最低为0分",
    "最低为零分",
    "最低得0分",
    "最低0分",
];

const CAPS: &[&str] = &[
    "最高不超过该项分值",
    "最高不超过本项分值",
    "最高不超过满分",
    "以满分为限",
    "最高得满分",
    "满分为止",
    "封顶",
];

const FULL: &[&str] = &[
    "该指标分值",
    "该项分值",
    "本项分值",
    "全部分值",
    "该项满分",
    "本项满分",
    "满分",
];

const NOTHING: &[&str] = &[
    "该项不得分",
    "本项不得分",
    "该项不计分",
    "本项不计分",
    "不得分",
    "不计分",
    "不给分",
    "计零分",
    "得零分",
];

const LISTED: &[&str] = &["以上情况", "上述情况", "以下情况", "以上任一情况"];

const CASES: &[&str] = &[
    "每出现一例",
    "每出现一次",
    "每出现一项",
    "每出现一处",
    "每出现一个",
    "每发现一例",
    "每发现一次",
    "每发现一项",
    "每发现一处",
    "每发现一个",
    "每有一例",
    "每有一次",
    "每有一处",
    "每一例",
    "每一次",
    "每一处",
    "每例",
    "每次",
    "每处",
    "一次",
];

const MISSES: &[&str] = &[
    "每有一项未达标",
    "每有一项未达到",
    "每缺少一项",
    "每少一项",
    "每缺一项",
];

const UNMET: &[&str] = &["未达到", "未达标", "未完成", "未实现"];

const MOVES: &[(&str, Move)] = &[
    ("超过(降低)", Move::Both),
    ("超过(低于)", Move::Both),
    ("超出(低于)", Move::Both),
    ("超过或低于", Move::Both),
    ("超过或降低", Move::Both),
    ("高于或低于", Move::Both),
    ("上下浮动", Move::Both),
    ("相差", Move::Both),
    ("偏离", Move::Both),
    ("偏差", Move::Both),
    ("增减", Move::Both),
    ("变动", Move::Both),
    ("超过", Move::Above),
    ("超出", Move::Above),
    ("高于", Move::Above),
    ("多于", Move::Above),
    ("增加", Move::Above),
    ("上升", Move::Above),
    ("提高", Move::Above),
    ("增长", Move::Above),
    ("低于", Move::Below),
    ("少于", Move::Below),
    ("减少", Move::Below),
    ("降低", Move::Below),
    ("下降", Move::Below),
    ("不足", Move::Below),
    ("未达到", Move::Below),
    ("超支", Move::Neutral),
];

/// The lexed text: folded characters and tokens.
#[derive(Debug)]
pub(crate) struct Lexed {
    pub(crate) toks: Vec<Tok>,
}

impl Lexed {
    /// The original text of a span.
    pub(crate) fn slice(&self, original: &[char], start: usize, end: usize) -> String {
        let end = end.min(original.len());
        original[start.min(end)..end].iter().collect()
    }
}

fn circled(c: char) -> Option<u32> {
    let n = c as u32;
    (0x2460..=0x2473).contains(&n).then(|| n - 0x2460 + 1)
}

fn circled_of(n: u32) -> String {
    char::from_u32(0x2460 + n - 1).map_or_else(|| format!("({n})"), String::from)
}

/// Tokenises a 评价标准.
pub(crate) fn lex(text: &str) -> Lexed {
    let folded = fold(text);
    let chars: Vec<char> = folded.chars().collect();
    // Byte offset of each char in `folded`, and the end.
    let mut at: Vec<usize> = folded.char_indices().map(|(i, _)| i).collect();
    at.push(folded.len());
    let char_of = |byte: usize| at.partition_point(|&b| b < byte);
    let mut toks: Vec<Tok> = Vec::new();
    let mut word_start: Option<usize> = None;
    let mut i = 0;
    let flush = |toks: &mut Vec<Tok>, word_start: &mut Option<usize>, i: usize| {
        if let Some(s) = word_start.take() {
            let w: String = chars[s..i].iter().collect();
            if w.trim().is_empty() {
                return;
            }
            toks.push(Tok {
                kind: Kind::Word(w),
                start: s,
                end: i,
            });
        }
    };
    while i < chars.len() {
        let rest = &folded[at[i]..];
        let prev = toks.last().map(|t| &t.kind);
        let at_clause_start =
            word_start.is_none() && matches!(prev, None | Some(Kind::Sep(_)) | Some(Kind::Listed));
        let push =
            |toks: &mut Vec<Tok>, word_start: &mut Option<usize>, kind: Kind, len_bytes: usize| {
                flush(toks, word_start, i);
                let end = char_of(at[i] + len_bytes);
                toks.push(Tok {
                    kind,
                    start: i,
                    end,
                });
                end
            };
        let c = chars[i];
        if c.is_whitespace() {
            // A space inside a word is kept with it; between tokens it is nothing.
            i += 1;
            continue;
        }
        if let Some(word) = FLOORS.iter().find(|w| rest.starts_with(*w)) {
            i = push(&mut toks, &mut word_start, Kind::Floor(None), word.len());
            continue;
        }
        // 扣满15分为止
        if let Some(after) = rest.strip_prefix("扣满") {
            if let Ok(Some((v, len, _))) = leading_number(after) {
                let tail = &after[len..];
                let tail_len = ["分为止", "为止"]
                    .iter()
                    .find(|t| tail.starts_with(*t))
                    .map(|t| t.len());
                if let Some(t) = tail_len {
                    i = push(
                        &mut toks,
                        &mut word_start,
                        Kind::Floor(Some(v)),
                        "扣满".len() + len + t,
                    );
                    continue;
                }
            }
        }
        // 扣完7分为止
        if let Some(after) = rest.strip_prefix("扣完") {
            if let Ok(Some((v, len, _))) = leading_number(after) {
                if after[len..].starts_with("分为止") {
                    i = push(
                        &mut toks,
                        &mut word_start,
                        Kind::Floor(Some(v)),
                        "扣完".len() + len + "分为止".len(),
                    );
                    continue;
                }
            }
        }
        // Fixed phrases, each list tried in this order.
        let phrases: [(&[&str], Kind); 5] = [
            (CAPS, Kind::Cap),
            (NOTHING, Kind::Nothing),
            (LISTED, Kind::Listed),
            (MISSES, Kind::Miss),
            (CASES, Kind::Case),
        ];
        if let Some((word, kind)) = phrases.into_iter().find_map(|(words, kind)| {
            words
                .iter()
                .find(|w| rest.starts_with(*w))
                .map(|w| (*w, kind))
        }) {
            i = push(&mut toks, &mut word_start, kind, word.len());
            continue;
        }
        if rest.starts_with("每一项") || rest.starts_with("每项") {
            let len = if rest.starts_with("每一项") {
                "每一项".len()
            } else {
                "每项".len()
            };
            i = push(&mut toks, &mut word_start, Kind::EachItem, len);
            continue;
        }
        if let Some(after) = rest.strip_prefix('每') {
            if let Some((w, m)) = MOVES.iter().find(|(w, _)| after.starts_with(w)) {
                i = push(
                    &mut toks,
                    &mut word_start,
                    Kind::Per(*m),
                    '每'.len_utf8() + w.len(),
                );
                continue;
            }
        }
        if rest.starts_with("为标准") {
            i = push(&mut toks, &mut word_start, Kind::Standard, "为标准".len());
            continue;
        }
        if let Some(len) = by_share(rest) {
            i = push(&mut toks, &mut word_start, Kind::ByShare, len);
            continue;
        }
        if let Some(word) = UNMET.iter().find(|w| rest.starts_with(*w)) {
            i = push(&mut toks, &mut word_start, Kind::Unmet, word.len());
            continue;
        }
        if let Some(word) = FULL.iter().find(|w| rest.starts_with(*w)) {
            i = push(&mut toks, &mut word_start, Kind::Full, word.len());
            continue;
        }
        // Item markers: ①, ①—⑤, and (1) or 1、 at the start of a clause.
        if let Some(n) = circled(c) {
            let dash = chars
                .get(i + 1)
                .is_some_and(|d| matches!(d, '-' | '~' | '至'));
            if let Some(m) = chars.get(i + 2).and_then(|d| circled(*d)).filter(|_| dash) {
                if m > n {
                    let ids = (n..=m).map(circled_of).collect();
                    i = push(
                        &mut toks,
                        &mut word_start,
                        Kind::ItemRange(ids),
                        at[i + 3] - at[i],
                    );
                    continue;
                }
            }
            i = push(
                &mut toks,
                &mut word_start,
                Kind::Item(c.to_string()),
                c.len_utf8(),
            );
            continue;
        }
        if at_clause_start {
            if let Some((id, len)) = numbered_item(rest) {
                i = push(&mut toks, &mut word_start, Kind::Item(id), len);
                continue;
            }
        }
        if let Some((included, len)) = leading_inclusion(rest) {
            i = push(&mut toks, &mut word_start, Kind::Incl(included), len);
            continue;
        }
        if c == '(' {
            // A parenthetical note, to its closing bracket.
            if let Some(close) = chars[i..].iter().position(|&d| d == ')') {
                let inner: String = chars[i + 1..i + close].iter().collect();
                let len = at[i + close + 1] - at[i];
                i = push(&mut toks, &mut word_start, Kind::Paren(inner), len);
                continue;
            }
        }
        if c == '±' || rest.starts_with("+/-") || rest.starts_with("+-") {
            let len = if c == '±' {
                c.len_utf8()
            } else if rest.starts_with("+/-") {
                3
            } else {
                2
            };
            i = push(&mut toks, &mut word_start, Kind::PlusMinus, len);
            continue;
        }
        let after_number =
            matches!(prev, Some(Kind::Num { .. } | Kind::Incl(_))) && word_start.is_none();
        if matches!(c, '-' | '~') || ((c == '至' || c == '到') && after_number) {
            let next_digit = chars
                .get(i + 1)
                .is_some_and(|d| d.is_ascii_digit() || *d == '±')
                || (chars.get(i + 1) == Some(&'-')
                    && chars.get(i + 2).is_some_and(char::is_ascii_digit))
                || rest[c.len_utf8()..].starts_with("百分之");
            if after_number && next_digit || matches!(c, '~') {
                i = push(&mut toks, &mut word_start, Kind::Dash, c.len_utf8());
                continue;
            }
        }
        if let Some(side) = leading_side(rest) {
            i = push(&mut toks, &mut word_start, Kind::Side(side.0), side.1);
            continue;
        }
        if rest.starts_with("之内") {
            i = push(&mut toks, &mut word_start, Kind::Side(false), "之内".len());
            continue;
        }
        // A number: digits (a sign only where no range dash can be meant).
        let signed = matches!(c, '+' | '-') && !after_number;
        if c.is_ascii_digit()
            || (signed && chars.get(i + 1).is_some_and(char::is_ascii_digit))
            || rest.starts_with("百分之")
        {
            if let Ok(Some((value, len, percent))) = leading_number(rest) {
                let (unit, unit_len) = if percent {
                    (NumUnit::Percent, 0)
                } else {
                    unit_after(&rest[len..])
                };
                i = push(
                    &mut toks,
                    &mut word_start,
                    Kind::Num { value, unit },
                    len + unit_len,
                );
                continue;
            }
        }
        // A Chinese numeral, where a unit or an award shows it is a number.
        let scoring = matches!(prev, Some(Kind::Deduct | Kind::Award)) && word_start.is_none();
        if let Some((value, len)) = chinese_number(rest) {
            let (unit, unit_len) = unit_after(&rest[len..]);
            let counts = matches!(unit, NumUnit::Points100 | NumUnit::Percent)
                || (unit == NumUnit::Score && scoring);
            if counts {
                i = push(
                    &mut toks,
                    &mut word_start,
                    Kind::Num { value, unit },
                    len + unit_len,
                );
                continue;
            }
        }
        if let Some((op, _, len)) = leading_comparison(rest) {
            // A comparison word inside a word (不超过 in 不超过上年) is still
            // a comparison; 等于 alone after a word is read with it.
            i = push(&mut toks, &mut word_start, Kind::Cmp(op), len);
            continue;
        }
        if rest.starts_with('扣') && !rest.starts_with("扣完") {
            let len = ["扣除", "扣减", "扣"]
                .iter()
                .find(|w| rest.starts_with(*w))
                .map_or(3, |w| w.len());
            if scores_next(&rest[len..]) {
                i = push(&mut toks, &mut word_start, Kind::Deduct, len);
                continue;
            }
        }
        if let Some(w) = ["计分为", "得分为", "计", "得", "给", "记", "赋"]
            .iter()
            .find(|w| rest.starts_with(*w))
        {
            if scores_next(&rest[w.len()..]) {
                i = push(&mut toks, &mut word_start, Kind::Award, w.len());
                continue;
            }
        }
        if matches!(c, ',' | ';' | '。' | ':' | '\n' | '!')
            || (c == '.' && !chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            let sep = if c == '\n' { ';' } else { c };
            i = push(&mut toks, &mut word_start, Kind::Sep(sep), c.len_utf8());
            continue;
        }
        if word_start.is_none() {
            word_start = Some(i);
        }
        i += 1;
    }
    flush(&mut toks, &mut word_start, chars.len());
    Lexed { toks }
}

/// Whether what follows 计, 得 or 扣 is a score: a number, 满分, 零分.
fn scores_next(rest: &str) -> bool {
    let rest = rest.trim_start();
    rest.starts_with(|c: char| c.is_ascii_digit())
        || FULL.iter().any(|w| rest.starts_with(w))
        || rest.starts_with("零分")
        || chinese_number(rest).is_some_and(|(_, len)| rest[len..].starts_with('分'))
}

/// `按完成比例计分`, `按比例得分`, `按执行比例计算得分`: its length in bytes.
fn by_share(rest: &str) -> Option<usize> {
    let after = rest.strip_prefix('按')?;
    let share = after.find("比例")?;
    // At most a few characters between 按 and 比例 (完成, 到位, 实际完成).
    if after[..share].chars().count() > 6 || after[..share].contains([',', ';', '。']) {
        return None;
    }
    let tail = &after[share + "比例".len()..];
    let scored = ["计算得分", "计分", "得分", "记分", "计算", "给分", "赋分"]
        .iter()
        .find(|w| tail.starts_with(*w))?;
    Some('按'.len_utf8() + share + "比例".len() + scored.len())
}

/// `(1)`, `1、`, `1.` at the start of a clause: the id and its length.
fn numbered_item(rest: &str) -> Option<(String, usize)> {
    let digits: String = rest
        .trim_start_matches('(')
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let open = rest.starts_with('(');
    let after = &rest[usize::from(open) + digits.len()..];
    let close = if open {
        after.strip_prefix(')')?
    } else if let Some(a) = after.strip_prefix('、') {
        a
    } else {
        let a = after.strip_prefix('.')?;
        if a.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        a
    };
    let id = if open { format!("({digits})") } else { digits };
    Some((id, rest.len() - close.len()))
}

/// The unit after a number: its kind and length in bytes.
fn unit_after(rest: &str) -> (NumUnit, usize) {
    for (w, u) in [
        ("个百分点", NumUnit::Points100),
        ("百分点", NumUnit::Points100),
        ("%", NumUnit::Percent),
        ("‰", NumUnit::Other("‰".to_owned())),
    ] {
        if rest.starts_with(w) {
            return (u, w.len());
        }
    }
    if rest.starts_with('分') && !rest.starts_with("分值") && !rest.starts_with("分档") {
        return (NumUnit::Score, '分'.len_utf8());
    }
    match Unit::leading(rest) {
        Some(len) => (NumUnit::Other(rest[..len].to_owned()), len),
        None => (NumUnit::None, 0),
    }
}
