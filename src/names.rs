//! What a name may contain: names (of indicators, inputs, items, levels,
//! checks and grades) recur in every message and every rendering, so a
//! name must read as what it is.
//!
//! The crate refuses, rather than normalises, names that could look like
//! another name or rewrite the text around them: control characters,
//! invisible characters (zero-width spaces and joiners, the byte-order
//! mark, soft hyphens), bidirectional controls (U+202E and the like),
//! leading or trailing spaces, and characters that Unicode normalisation
//! (NFC) would change — combining marks (decomposed, NFD text), CJK
//! compatibility ideographs, the Ohm, Kelvin and Ångström signs. This is
//! not a full NFC check (that needs Unicode's tables, a dependency the
//! crate does without), but it covers the ways two names that look equal
//! differ in practice; what remains is compared as written.

use std::borrow::Cow;

/// Why a character may not stand in a name, in Chinese.
fn refused_zh(why: &str) -> &'static str {
    match why {
        "a control character" => "控制字符",
        "a bidirectional control" => "双向控制符",
        "an invisible character" => "不可见字符",
        "a combining mark (write the name in composed form, NFC)" => {
            "组合附加符（请以合成形式NFC书写名称）"
        }
        _ => "经规范化（NFC）会被替换的兼容字符",
    }
}

/// Why a character may not stand in a name, or `None` if it may.
fn refused(c: char) -> Option<&'static str> {
    let u = u32::from(c);
    Some(match u {
        0x00..=0x1F | 0x7F..=0x9F => "a control character",
        0x200E | 0x200F | 0x061C | 0x202A..=0x202E | 0x2066..=0x2069 => "a bidirectional control",
        0x200B..=0x200D | 0x2060..=0x2064 | 0xFEFF | 0x00AD | 0x180E | 0x034F => {
            "an invisible character"
        }
        0x0300..=0x036F
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF
        | 0xFE20..=0xFE2F
        | 0x3099..=0x309A
        | 0x1160..=0x11FF => "a combining mark (write the name in composed form, NFC)",
        0xF900..=0xFAFF | 0x2F800..=0x2FA1F | 0x2126 | 0x212A | 0x212B => {
            "a compatibility character that normalisation (NFC) replaces"
        }
        _ => return None,
    })
}

/// What is wrong with a name's characters, if anything: the name written
/// with its offending characters made visible, and why.
pub(crate) fn problem(name: &str) -> Option<crate::error::Text> {
    use crate::error::Text;
    // Made visible only for a message: most names have nothing to show.
    let shown = || visible(name);
    if let Some((i, c, why)) = name
        .chars()
        .enumerate()
        .find_map(|(i, c)| refused(c).map(|why| (i, c, why)))
    {
        let shown = shown();
        let u = u32::from(c);
        return Some(Text::new(
            format!("`{shown}`, with {why} (U+{u:04X}) at character {}", i + 1),
            format!(
                "“{shown}”，第{}个字符为{}（U+{u:04X}）",
                i + 1,
                refused_zh(why)
            ),
        ));
    }
    // A blank name is refused as blank where blank names are refused.
    if name != name.trim() && !name.trim().is_empty() {
        let shown = shown();
        return Some(Text::new(
            format!("`{shown}`, with leading or trailing spaces"),
            format!("“{shown}”，首尾有空格"),
        ));
    }
    None
}

/// A name for a message: control, invisible and bidirectional characters
/// written as `\u{…}`, so that a message shows what a name holds and
/// cannot be rewritten by it.
pub(crate) fn visible(name: &str) -> Cow<'_, str> {
    let hidden = |c: char| {
        matches!(
            refused(c),
            Some("a control character" | "a bidirectional control" | "an invisible character")
        )
    };
    if !name.chars().any(hidden) {
        return Cow::Borrowed(name);
    }
    Cow::Owned(
        name.chars()
            .map(|c| {
                if hidden(c) {
                    format!("\\u{{{:04X}}}", u32::from(c))
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_hide_or_rewrite_are_refused() {
        assert_eq!(problem("在职人员数"), None);
        assert_eq!(problem("２０２０年预算数"), None);
        let en = |name: &str| problem(name).map(|p| p.en().to_owned());
        let zh = |name: &str| problem(name).map(|p| p.zh().to_owned());
        assert_eq!(
            en("在职\u{200B}人员数").as_deref(),
            Some("`在职\\u{200B}人员数`, with an invisible character (U+200B) at character 3")
        );
        assert_eq!(
            zh("在职\u{200B}人员数").as_deref(),
            Some("“在职\\u{200B}人员数”，第3个字符为不可见字符（U+200B）")
        );
        assert_eq!(
            en("a\u{202E}b").as_deref(),
            Some("`a\\u{202E}b`, with a bidirectional control (U+202E) at character 2")
        );
        assert_eq!(
            en("a\0").as_deref(),
            Some("`a\\u{0000}`, with a control character (U+0000) at character 2")
        );
        assert_eq!(
            en("Cafe\u{301}").as_deref(),
            Some("`Cafe\u{301}`, with a combining mark (write the name in composed form, NFC) (U+0301) at character 5")
        );
        assert_eq!(zh("满意度 ").as_deref(), Some("“满意度 ”，首尾有空格"));
        assert_eq!(visible("a\u{202E}b"), "a\\u{202E}b");
    }
}
