//! The canonical JSON of [`crate::provenance`], written by a serde
//! serialiser straight from the crate's types: object keys sorted (each
//! once, the last kept), no whitespace, numbers plain, strings escaped as
//! JSON requires and nothing else. No `serde_json::Value` is built: hashing
//! a department's facts is on the path of every review.

use std::fmt::Display;
use std::ops::Range;

use serde::ser::{self, Serialize};

/// Writes `value`'s canonical JSON to `out`, leaving out a top-level
/// `$schema` key; `false` if the value refused to serialise (the crate's
/// own types never do), with `out` then unchanged.
pub(crate) fn write<T: Serialize + ?Sized>(value: &T, out: &mut String) -> bool {
    let start = out.len();
    let ok = value
        .serialize(Canonical {
            out: &mut *out,
            top: true,
        })
        .is_ok();
    if !ok {
        out.truncate(start);
    }
    ok
}

/// A value that cannot be written (a map key that is not a string or a
/// number).
#[derive(Debug)]
pub(crate) struct Refused(String);

impl Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

impl ser::Error for Refused {
    fn custom<T: Display>(msg: T) -> Self {
        Refused(msg.to_string())
    }
}

/// The key left out of the document itself.
const SCHEMA: &str = "$schema";

/// serde_json's name for a number carried as text (`arbitrary_precision`).
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

struct Canonical<'a> {
    out: &'a mut String,
    /// The document itself, whose `$schema` is left out.
    top: bool,
}

/// A number as the canonical form writes it: plain, without exponent,
/// sign `+`, leading zeros or trailing fractional zeros.
fn number(out: &mut String, text: &str) {
    match crate::number::from_literal(text) {
        Ok(d) => crate::number::write_plain(out, d),
        Err(_) => out.push_str(text),
    }
}

/// A float as serde_json writes it (at its own precision; `null` where
/// not finite), then as the canonical form writes numbers.
fn float(out: &mut String, written: Result<String, serde_json::Error>) {
    match finite(written) {
        Some(text) => number(out, &text),
        None => out.push_str("null"),
    }
}

/// serde_json's text of a float, where it is finite.
fn finite(written: Result<String, serde_json::Error>) -> Option<String> {
    written.ok().filter(|text| text != "null")
}

/// A string, escaped as JSON requires and nothing else.
pub(crate) fn string(out: &mut String, s: &str) {
    out.push('"');
    escaped(out, s);
    out.push('"');
}

/// The text of a JSON string without its quotes, escaped as serde_json
/// escapes it.
fn escaped(out: &mut String, s: &str) {
    // Most strings need no escape: found with one pass that has no early
    // exit (so it is vectorised) and written whole.
    let plain = !s.bytes().fold(false, |any, b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if plain {
        out.push_str(s);
        return;
    }
    // Runs of characters that need no escape go out whole.
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            b if b < 0x20 => "",
            _ => continue,
        };
        // `i` is at an ASCII byte, so both slices are on char boundaries.
        out.push_str(&s[run..i]);
        if escape.is_empty() {
            const DIGITS: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(DIGITS[usize::from(b >> 4)]));
            out.push(char::from(DIGITS[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
}

/// Escapes what is written to it into a JSON string's text: a value's
/// `Display` written as a string without a string of its own.
struct Escaping<'o>(&'o mut String);

impl std::fmt::Write for Escaping<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        escaped(self.0, s);
        Ok(())
    }
}

/// Opens `{"variant":`, around an enum variant's content.
fn open_variant(out: &mut String, variant: &str) {
    out.push('{');
    string(out, variant);
    out.push(':');
}

/// The integer methods of a serialiser writing to `self.$field`: every
/// width as the plain decimal.
macro_rules! integers {
    ($field:tt) => {
        integers!(@narrow serialize_i8 i8, serialize_i16 i16, serialize_i32 i32 => serialize_i64 i64);
        integers!(@narrow serialize_u8 u8, serialize_u16 u16, serialize_u32 u32 => serialize_u64 u64);
        integers!(@write $field, serialize_i64 i64, serialize_u64 u64, serialize_i128 i128, serialize_u128 u128);
    };
    (@narrow $($method:ident $ty:ty),+ => $wide:ident $wide_ty:ty) => {
        $(
            fn $method(self, v: $ty) -> Result<(), Refused> {
                self.$wide(<$wide_ty>::from(v))
            }
        )+
    };
    (@write $field:tt, $($method:ident $ty:ty),+) => {
        $(
            fn $method(self, v: $ty) -> Result<(), Refused> {
                // An integer's text is already the plain decimal.
                use std::fmt::Write as _;
                let _ = write!(self.$field, "{v}");
                Ok(())
            }
        )+
    };
}

impl<'a> ser::Serializer for Canonical<'a> {
    type Ok = ();
    type Error = Refused;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = Seq<'a>;
    type SerializeMap = Object<'a>;
    type SerializeStruct = Object<'a>;
    type SerializeStructVariant = Object<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Refused> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    integers!(out);

    fn serialize_f32(self, v: f32) -> Result<(), Refused> {
        float(self.out, serde_json::to_string(&v));
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result<(), Refused> {
        float(self.out, serde_json::to_string(&v));
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Refused> {
        string(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Refused> {
        string(self.out, v);
        Ok(())
    }

    fn collect_str<T: std::fmt::Display + ?Sized>(self, value: &T) -> Result<(), Refused> {
        use std::fmt::Write as _;
        // Escaping runs piece by piece: the same text as the whole string's.
        self.out.push('"');
        write!(Escaping(&mut *self.out), "{value}")
            .map_err(|_| Refused("a value whose text cannot be written".to_owned()))?;
        self.out.push('"');
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Refused> {
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            ser::SerializeSeq::serialize_element(&mut seq, b)?;
        }
        ser::SerializeSeq::end(seq)
    }

    fn serialize_none(self) -> Result<(), Refused> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Refused> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Refused> {
        self.out.push_str("null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Refused> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Refused> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        let start = self.out.len();
        open_variant(self.out, variant);
        value.serialize(Canonical {
            out: &mut *self.out,
            top: false,
        })?;
        self.out.push('}');
        if self.top && variant == SCHEMA {
            // The document `{"$schema": …}`, its one key left out.
            self.out.truncate(start);
            self.out.push_str("{}");
        }
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Seq<'a>, Refused> {
        let start = self.out.len();
        self.out.push('[');
        Ok(Seq {
            out: self.out,
            first: true,
            variant: false,
            start,
            left_out: false,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Seq<'a>, Refused> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq<'a>, Refused> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Seq<'a>, Refused> {
        let start = self.out.len();
        open_variant(self.out, variant);
        self.out.push('[');
        Ok(Seq {
            out: self.out,
            first: true,
            variant: true,
            start,
            left_out: self.top && variant == SCHEMA,
        })
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Object<'a>, Refused> {
        Ok(Object::new(self.out, self.top, None, false))
    }

    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Object<'a>, Refused> {
        Ok(Object::new(self.out, self.top, None, name == NUMBER_TOKEN))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Object<'a>, Refused> {
        let mut object = Object::new(self.out, false, Some(variant), false);
        object.left_out = self.top && variant == SCHEMA;
        Ok(object)
    }
}

/// An array being written.
pub(crate) struct Seq<'a> {
    out: &'a mut String,
    first: bool,
    /// Inside `{"variant":[…]}`.
    variant: bool,
    /// Where the array (or its variant's object) starts in `out`.
    start: usize,
    /// The document `{"$schema": […]}`: written as `{}`.
    left_out: bool,
}

impl Seq<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Refused> {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        value.serialize(Canonical {
            out: &mut *self.out,
            top: false,
        })
    }

    fn close(self) -> Result<(), Refused> {
        self.out.push_str(if self.variant { "]}" } else { "]" });
        if self.left_out {
            self.out.truncate(self.start);
            self.out.push_str("{}");
        }
        Ok(())
    }
}

/// serde's compound traits, each handing its elements or fields to one
/// method of the writer.
macro_rules! compound {
    ($trait:ident for $ty:ident, $method:ident => $inner:ident) => {
        impl ser::$trait for $ty<'_> {
            type Ok = ();
            type Error = Refused;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Refused> {
                self.$inner(value)
            }
            fn end(self) -> Result<(), Refused> {
                self.close()
            }
        }
    };
    ($trait:ident for $ty:ident, named) => {
        impl ser::$trait for $ty<'_> {
            type Ok = ();
            type Error = Refused;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                name: &'static str,
                value: &T,
            ) -> Result<(), Refused> {
                let key = self.key(name)?;
                self.value(key, value)
            }
            fn end(self) -> Result<(), Refused> {
                self.close()
            }
        }
    };
}

compound!(SerializeSeq for Seq, serialize_element => element);
compound!(SerializeTuple for Seq, serialize_element => element);
compound!(SerializeTupleStruct for Seq, serialize_field => element);
compound!(SerializeTupleVariant for Seq, serialize_field => element);
compound!(SerializeStruct for Object, named);
compound!(SerializeStructVariant for Object, named);

/// An object being written: its entries go straight to `out`, in the
/// order they come, with their raw keys kept aside; when it ends, entries
/// that did not come in strictly ascending key order (a struct's fields)
/// are written again sorted, and those that did (a map's) stay as written.
pub(crate) struct Object<'a> {
    out: &'a mut String,
    /// The document itself, whose `$schema` is left out.
    top: bool,
    /// Inside `{"variant":{…}}`.
    variant: bool,
    /// A number carried as text by serde_json.
    number: bool,
    /// Where the object (or its variant's wrapper) starts in `out`.
    start: usize,
    /// Where its entries start in `out`, after the `{`.
    body: usize,
    /// The raw keys, one after another, for ordering.
    keys: String,
    /// Per entry: its raw key in `keys`, and where the entry lies in `out`.
    entries: Vec<Entry>,
    /// The key of an entry whose value comes next (`serialize_key`).
    key: Option<Range<usize>>,
    /// The document `{"$schema": {…}}`: written as `{}`.
    left_out: bool,
}

/// One entry of an [`Object`]: its raw key in `keys`, and the entry
/// (`"key":value`) in `out`.
struct Entry {
    key: Range<usize>,
    text: Range<usize>,
}

impl<'a> Object<'a> {
    fn new(
        out: &'a mut String,
        top: bool,
        variant: Option<&'static str>,
        number: bool,
    ) -> Object<'a> {
        let start = out.len();
        // A number is written in place of the object, when its text comes.
        if !number {
            if let Some(variant) = variant {
                open_variant(out, variant);
            }
            out.push('{');
        }
        let body = out.len();
        Object {
            out,
            top,
            variant: variant.is_some(),
            number,
            start,
            body,
            keys: String::new(),
            entries: Vec::new(),
            key: None,
            left_out: false,
        }
    }

    /// Writes the key aside, raw, for ordering (a number's one key is
    /// known, and not kept).
    fn key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<Range<usize>, Refused> {
        if self.number && !self.top {
            return Ok(0..0);
        }
        let start = self.keys.len();
        key.serialize(Key(&mut self.keys))?;
        Ok(start..self.keys.len())
    }

    /// Writes an entry. One whose value cannot be written leaves nothing
    /// behind (its key included), as if it had never begun; so does a
    /// top-level `$schema`, written (so that a value that cannot be is
    /// refused as before) and taken back: which editor schema a file names
    /// is not part of what it says.
    fn value<T: Serialize + ?Sized>(
        &mut self,
        key: Range<usize>,
        value: &T,
    ) -> Result<(), Refused> {
        let mark = self.out.len();
        let kept = self.entry(key.clone(), value, mark);
        if !matches!(kept, Ok(true)) {
            self.out.truncate(mark);
            self.keys.truncate(key.start);
        }
        kept.map(|_| ())
    }

    /// [`Object::value`]'s writing: `false` for an entry left out.
    fn entry<T: Serialize + ?Sized>(
        &mut self,
        key: Range<usize>,
        value: &T,
        mark: usize,
    ) -> Result<bool, Refused> {
        // Where the entry (`"key":value`) begins; a number's value alone.
        let begin = if self.number {
            mark
        } else {
            if !self.entries.is_empty() {
                self.out.push(',');
            }
            let begin = self.out.len();
            string(self.out, &self.keys[key.clone()]);
            self.out.push(':');
            begin
        };
        value.serialize(Canonical {
            out: &mut *self.out,
            top: false,
        })?;
        if self.top && self.keys[key.clone()] == *SCHEMA {
            return Ok(false);
        }
        if self.number {
            // `{"$serde_json::private::Number": "1.50"}` is the number 1.5,
            // written in place of the object.
            let text = self.out.split_off(begin);
            self.out.truncate(self.start);
            number(self.out, text.trim_matches('"'));
        } else {
            self.entries.push(Entry {
                key,
                text: begin..self.out.len(),
            });
        }
        Ok(true)
    }

    fn close(mut self) -> Result<(), Refused> {
        if self.number {
            // Written when its text came (nothing, if it never did).
            return Ok(());
        }
        if self.left_out {
            self.out.truncate(self.start);
            self.out.push_str("{}");
            return Ok(());
        }
        let keys = &self.keys;
        let key = |e: &Entry| &keys[e.key.clone()];
        // Keys that come in strictly ascending (a map's) are already in
        // order and each once. Others are sorted, stably, so that of a
        // key given twice the last is kept (as a JSON object keeps it).
        let ascending = self.entries.windows(2).all(|w| key(&w[0]) < key(&w[1]));
        if !ascending {
            self.entries.sort_by(|a, b| key(a).cmp(key(b)));
            let written = self.out.split_off(self.body);
            let mut first = true;
            for (k, entry) in self.entries.iter().enumerate() {
                let repeated = self
                    .entries
                    .get(k + 1)
                    .is_some_and(|next| key(next) == key(entry));
                if repeated {
                    continue;
                }
                if !first {
                    self.out.push(',');
                }
                first = false;
                let text = entry.text.start - self.body..entry.text.end - self.body;
                self.out.push_str(&written[text]);
            }
        }
        self.out.push('}');
        if self.variant {
            self.out.push('}');
        }
        Ok(())
    }
}

impl ser::SerializeMap for Object<'_> {
    type Ok = ();
    type Error = Refused;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Refused> {
        self.key = Some(self.key(key)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Refused> {
        let key = self
            .key
            .take()
            .ok_or_else(|| Refused("a map value without its key".to_owned()))?;
        self.value(key, value)
    }
    fn end(self) -> Result<(), Refused> {
        self.close()
    }
}

/// A map key, written raw: a string, or a number or a boolean as its text
/// (as `serde_json` writes such keys).
struct Key<'a>(&'a mut String);

/// A float key as serde_json writes it; one that is not finite is refused.
fn float_key(out: &mut String, written: Result<String, serde_json::Error>) -> Result<(), Refused> {
    let text = finite(written)
        .ok_or_else(|| Refused("a map key that is not a finite number".to_owned()))?;
    out.push_str(&text);
    Ok(())
}

fn refuse<T>() -> Result<T, Refused> {
    Err(Refused("a map key that is not a string".to_owned()))
}

impl ser::Serializer for Key<'_> {
    type Ok = ();
    type Error = Refused;
    type SerializeSeq = ser::Impossible<(), Refused>;
    type SerializeTuple = ser::Impossible<(), Refused>;
    type SerializeTupleStruct = ser::Impossible<(), Refused>;
    type SerializeTupleVariant = ser::Impossible<(), Refused>;
    type SerializeMap = ser::Impossible<(), Refused>;
    type SerializeStruct = ser::Impossible<(), Refused>;
    type SerializeStructVariant = ser::Impossible<(), Refused>;

    fn serialize_bool(self, v: bool) -> Result<(), Refused> {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    integers!(0);
    fn serialize_f32(self, v: f32) -> Result<(), Refused> {
        float_key(self.0, serde_json::to_string(&v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Refused> {
        float_key(self.0, serde_json::to_string(&v))
    }
    fn serialize_char(self, v: char) -> Result<(), Refused> {
        self.0.push(v);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Refused> {
        self.0.push_str(v);
        Ok(())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Refused> {
        refuse()
    }
    fn serialize_none(self) -> Result<(), Refused> {
        refuse()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Refused> {
        refuse()
    }
    fn serialize_unit(self) -> Result<(), Refused> {
        refuse()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Refused> {
        refuse()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Refused> {
        self.0.push_str(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Refused> {
        refuse()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Refused> {
        refuse()
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Refused> {
        refuse()
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Refused> {
        refuse()
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Refused> {
        refuse()
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Refused> {
        refuse()
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Refused> {
        refuse()
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Refused> {
        refuse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(value: &serde_json::Value) -> String {
        let mut out = String::new();
        assert!(write(value, &mut out));
        out
    }

    #[test]
    fn keys_sorted_strings_escaped_numbers_plain() {
        let value = serde_json::json!({
            "b": [1, "x\"\n", "甲\u{1}\\乙\t", 2.50, -0.0, 1e3],
            "a": { "d": null, "c": true },
            "$schema": "left out at the top"
        });
        assert_eq!(
            canonical(&value),
            r#"{"a":{"c":true,"d":null},"b":[1,"x\"\n","甲\u0001\\乙\t",2.5,0,1000]}"#
        );
        let nested = serde_json::json!({ "$schema": "x", "k": { "$schema": "y" } });
        assert_eq!(canonical(&nested), r#"{"k":{"$schema":"y"}}"#);
    }

    /// Entries out of order, a key given twice, objects nested in them:
    /// written straight out, then sorted in place, the last of a repeated
    /// key kept.
    struct Unordered;

    impl Serialize for Unordered {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use ser::SerializeMap as _;
            let inner = serde_json::json!({ "y": [2, { "q": 1, "p": 0 }], "x": "一" });
            let mut map = s.serialize_map(None)?;
            map.serialize_entry("b", &1)?;
            map.serialize_entry("a\"", &inner)?;
            map.serialize_entry("b", &serde_json::json!({ "z": 0, "c": 1 }))?;
            map.serialize_entry("", &"空")?;
            map.end()
        }
    }

    #[test]
    fn unordered_and_repeated_keys_are_sorted_in_place() {
        let mut out = String::from("[");
        assert!(write(&Unordered, &mut out));
        assert_eq!(
            out,
            r#"[{"":"空","a\"":{"x":"一","y":[2,{"p":0,"q":1}]},"b":{"c":1,"z":0}}"#
        );
    }

    /// A value's text written through `collect_str` in pieces is escaped
    /// as the whole string would be, and a fact's value reads as written
    /// (`87.180%`, trailing zeros kept) through serde_json and here.
    #[test]
    fn collected_text_is_the_string_of_it() {
        struct Pieces;
        impl std::fmt::Display for Pieces {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("甲\"")?;
                f.write_str("\n乙\\")?;
                write!(f, "{}", 7)
            }
        }
        struct Collected;
        impl Serialize for Collected {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(&Pieces)
            }
        }
        let mut out = String::new();
        assert!(write(&Collected, &mut out));
        let mut whole = String::new();
        string(&mut whole, &Pieces.to_string());
        assert_eq!(out, whole);
        assert_eq!(out, r#""甲\"\n乙\\7""#);
        use crate::facts::FactValue;
        use rust_decimal_macros::dec;
        for (value, text) in [
            (FactValue::Percent(dec!(87.180)), r#""87.180%""#),
            (FactValue::Number(dec!(-6.28)), r#""-6.28""#),
            (FactValue::Unknown, r#""unknown""#),
        ] {
            assert_eq!(serde_json::to_string(&value).expect("serialises"), text);
            let mut out = String::new();
            assert!(write(&value, &mut out));
            assert_eq!(out, text);
        }
    }

    /// An entry whose value fails partway (a key that is not a string)
    /// leaves nothing behind when the caller goes on without it; a number
    /// object's `$schema` field is left out at the top as any other's.
    #[test]
    fn an_entry_that_fails_leaves_nothing_behind() {
        struct Half;
        impl Serialize for Half {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use ser::SerializeMap as _;
                let mut map = s.serialize_map(None)?;
                map.serialize_entry("x", &1)?;
                map.serialize_entry(&(), &2)?;
                map.end()
            }
        }
        struct GoesOn;
        impl Serialize for GoesOn {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use ser::SerializeMap as _;
                let mut map = s.serialize_map(None)?;
                // The failure is ignored on purpose: what is left must
                // still be the object of the other entries.
                let _ = map.serialize_entry("a", &Half);
                map.serialize_entry("b", &3)?;
                map.end()
            }
        }
        let mut out = String::new();
        assert!(write(&GoesOn, &mut out));
        assert_eq!(out, r#"{"b":3}"#);

        struct SchemaNumber;
        impl Serialize for SchemaNumber {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use ser::SerializeStruct as _;
                let mut number = s.serialize_struct(NUMBER_TOKEN, 1)?;
                number.serialize_field(SCHEMA, "5")?;
                number.end()
            }
        }
        let mut out = String::new();
        assert!(write(&SchemaNumber, &mut out));
        assert_eq!(out, "");
        let mut out = String::new();
        assert!(write(&[SchemaNumber], &mut out));
        assert_eq!(out, "[5]");
    }

    #[derive(serde::Serialize)]
    enum Shape {
        Unit,
        New(u8),
        Pair(u8, u8),
        Named { z: u8, a: u8 },
    }

    #[derive(serde::Serialize)]
    struct Fields {
        zeta: u32,
        alpha: Option<&'static str>,
        shapes: Vec<Shape>,
        keyed: std::collections::BTreeMap<u32, bool>,
    }

    #[test]
    fn struct_fields_and_enums_as_json_writes_them() {
        let value = Fields {
            zeta: 7,
            alpha: None,
            shapes: vec![
                Shape::Unit,
                Shape::New(3),
                Shape::Pair(1, 2),
                Shape::Named { z: 1, a: 2 },
            ],
            keyed: [(10, true), (9, false)].into_iter().collect(),
        };
        let mut out = String::new();
        assert!(write(&value, &mut out));
        assert_eq!(
            out,
            r#"{"alpha":null,"keyed":{"10":true,"9":false},"shapes":["Unit",{"New":3},{"Pair":[1,2]},{"Named":{"a":2,"z":1}}],"zeta":7}"#
        );
        // The same bytes as serde_json's own writing, sorted.
        let via_json: serde_json::Value = serde_json::to_value(&value).expect("serialises");
        assert_eq!(canonical(&via_json), out);
    }

    #[test]
    fn floats_as_serde_json_writes_them() {
        #[derive(serde::Serialize)]
        struct Floats {
            single: f32,
            large: f32,
            keyed: std::collections::BTreeMap<String, f64>,
            not_finite: f64,
        }
        let value = Floats {
            single: 0.1,
            large: 3.4e38,
            keyed: [("k".to_owned(), 2.5)].into_iter().collect(),
            not_finite: f64::NAN,
        };
        let mut out = String::new();
        assert!(write(&value, &mut out));
        assert_eq!(
            out,
            r#"{"keyed":{"k":2.5},"large":3.4e+38,"not_finite":null,"single":0.1}"#
        );
        let mut map = std::collections::BTreeMap::new();
        map.insert(1.5f64.to_bits(), 1);
        #[derive(serde::Serialize)]
        struct FloatKey(
            #[serde(serialize_with = "float_keys")] std::collections::BTreeMap<u64, u8>,
        );
        fn float_keys<S: serde::Serializer>(
            map: &std::collections::BTreeMap<u64, u8>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            s.collect_map(map.iter().map(|(k, v)| (f64::from_bits(*k), v)))
        }
        let mut out = String::new();
        assert!(write(&FloatKey(map), &mut out));
        assert_eq!(out, r#"{"1.5":1}"#);
    }

    #[test]
    fn a_document_that_is_only_its_schema_is_empty() {
        #[derive(serde::Serialize)]
        enum Named {
            #[serde(rename = "$schema")]
            Schema(u8),
            #[serde(rename = "$schema")]
            Pair(u8, u8),
            #[serde(rename = "$schema")]
            Fields { a: u8 },
        }
        for value in [Named::Schema(1), Named::Pair(1, 2), Named::Fields { a: 1 }] {
            let mut out = String::new();
            assert!(write(&value, &mut out));
            assert_eq!(out, "{}");
        }
        // Below the top, kept.
        let mut out = String::new();
        assert!(write(&vec![Named::Schema(1)], &mut out));
        assert_eq!(out, r#"[{"$schema":1}]"#);
    }

    #[test]
    fn a_schema_that_cannot_be_written_is_refused() {
        let map: std::collections::BTreeMap<&str, std::collections::BTreeMap<Vec<u8>, u8>> =
            [("$schema", [(vec![1], 1)].into_iter().collect())]
                .into_iter()
                .collect();
        let mut out = String::new();
        assert!(!write(&map, &mut out));
        assert_eq!(out, "");
    }

    #[test]
    fn a_key_that_is_not_a_string_is_refused() {
        let map: std::collections::BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into_iter().collect();
        let mut out = String::from("kept");
        assert!(!write(&map, &mut out));
        assert_eq!(out, "kept");
    }
}
