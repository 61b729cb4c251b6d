//! [`Provenance`] (留痕): which rubric and which facts a score came from,
//! as content hashes of their canonical forms, so that an archived
//! evaluation can be proven years later to come from exactly this rubric
//! and these data.
//!
//! # The canonical form (`jixiao-canonical-json/1`)
//!
//! A document is hashed as the crate reads it, not as its file is laid
//! out: the [`RubricSpec`] or [`Facts`] is serialised
//! (so defaults are filled in and a number written `6.280`, `6.28` or
//! `628e-2` is the one decimal `6.28`), then written as JSON with
//!
//! - the top-level `$schema` (which editor schema the file names) left
//!   out;
//! - object keys sorted by Unicode code point, each once;
//! - no whitespace between tokens;
//! - strings as UTF-8, escaped as JSON requires (`"` `\` and control
//!   characters; `\n`, `\t`, …, `\u00XX` for the others) and nothing else
//!   (no `\/`, no escaped non-ASCII);
//! - numbers (counts such as `precision`) as plain decimals without
//!   exponent, sign `+`, leading zeros or trailing fractional zeros;
//! - decimals (every point, threshold and value) as the strings the crate
//!   writes, with trailing fractional zeros removed (`"6.28"`, `"100"`).
//!
//! The hash is SHA-256 of those bytes, written `sha256:` and 64 lowercase
//! hex digits. SHA-256 (FIPS 180-4) is implemented here, in about a hundred
//! lines checked against the standard's test vectors, because the crate
//! takes no dependency beyond serde, rust_decimal, thiserror and schemars;
//! it is chosen because any archive, database or command line
//! (`sha256sum`) can recompute it from the canonical bytes
//! ([`canonical_rubric`], [`canonical_facts`]).
//!
//! Reordering keys, reformatting numbers or re-indenting a file keeps its
//! hash; changing any value — a number, a name, an answer — changes it.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::facts::Facts;
use crate::spec::RubricSpec;

/// The name of the canonical form the hashes are taken over.
pub const CANONICAL_FORM: &str = "jixiao-canonical-json/1";

/// Which rubric and which facts an evaluation came from (留痕).
///
/// Serialised as
///
/// ```json
/// { "canonical_form": "jixiao-canonical-json/1",
///   "rubric_id": "zhijiang-2020-department", "rubric_version": "2020",
///   "rubric_hash": "sha256:…", "facts_hash": "sha256:…" }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The canonical form the hashes are taken over: [`CANONICAL_FORM`].
    pub canonical_form: Arc<str>,
    /// The rubric's `id`, where it has one.
    pub rubric_id: Option<Arc<str>>,
    /// The rubric's `version`, where it has one.
    pub rubric_version: Option<Arc<str>>,
    /// SHA-256 of the canonical rubric: `sha256:` and 64 hex digits.
    pub rubric_hash: Arc<str>,
    /// SHA-256 of the canonical facts.
    pub facts_hash: Arc<str>,
}

/// The canonical bytes of a rubric spec (see the module docs).
pub fn canonical_rubric(spec: &RubricSpec) -> String {
    let mut out = String::new();
    canonical_of(spec, &mut out);
    out
}

/// The canonical bytes of a department's facts (see the module docs).
pub fn canonical_facts(facts: &Facts) -> String {
    let mut out = String::new();
    canonical_of(facts, &mut out);
    out
}

/// `sha256:` and the hex SHA-256 of the canonical rubric.
pub(crate) fn rubric_hash(spec: &RubricSpec) -> Arc<str> {
    hash_of(spec)
}

/// `sha256:` and the hex SHA-256 of the canonical facts.
pub(crate) fn facts_hash(facts: &Facts) -> Arc<str> {
    hash_of(facts)
}

/// The canonical form, then its hash.
fn hash_of<T: Serialize>(value: &T) -> Arc<str> {
    let mut text = String::new();
    canonical_of(value, &mut text);
    let mut hasher = Sha256::new();
    hasher.update(text.as_bytes());
    hex(&hasher.finish()).into()
}

fn canonical_of<T: Serialize>(value: &T, out: &mut String) {
    // The crate's own types always serialise; a failure would be a bug, and
    // hashes the empty document rather than panicking.
    crate::canonical::write(value, out);
}

/// `sha256:` and the hex digest.
fn hex(digest: &[u8; 32]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in digest {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0xf)]));
    }
    out
}

/// The round constants of SHA-256 (FIPS 180-4, 4.2.2).
const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// SHA-256 (FIPS 180-4), fed in pieces: a 64-byte block is compressed as
/// soon as it is full.
struct Sha256 {
    state: [u32; 8],
    block: [u8; 64],
    /// Bytes in `block`.
    filled: usize,
    /// Bytes fed so far.
    length: u64,
}

impl Sha256 {
    fn new() -> Sha256 {
        Sha256 {
            state: [
                0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
                0x5be0cd19,
            ],
            block: [0; 64],
            filled: 0,
            length: 0,
        }
    }

    fn update(&mut self, mut data: &[u8]) {
        self.length = self.length.wrapping_add(data.len() as u64);
        if self.filled > 0 {
            let take = (64 - self.filled).min(data.len());
            self.block[self.filled..self.filled + take].copy_from_slice(&data[..take]);
            self.filled += take;
            data = &data[take..];
            if self.filled < 64 {
                return;
            }
            let block = self.block;
            self.compress(&block);
            self.filled = 0;
        }
        let mut blocks = data.chunks_exact(64);
        for block in &mut blocks {
            let block: &[u8; 64] = block.try_into().unwrap_or(&[0; 64]);
            self.compress(block);
        }
        let rest = blocks.remainder();
        self.block[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    /// The digest: the message, a 1 bit, zeros, and its length in bits
    /// (mod 2^64).
    fn finish(mut self) -> [u8; 32] {
        let bits = self.length.wrapping_mul(8);
        let mut tail = [0u8; 72];
        tail[0] = 0x80;
        let zeros = (119 - self.filled) % 64;
        tail[1 + zeros..9 + zeros].copy_from_slice(&bits.to_be_bytes());
        let length = self.length;
        self.update(&tail[..9 + zeros]);
        self.length = length;
        let mut out = [0u8; 32];
        for (chunk, word) in out.chunks_exact_mut(4).zip(self.state) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        out
    }

    fn compress(&mut self, block: &[u8; 64]) {
        // The schedule kept as a ring of sixteen words, and eight rounds
        // written out so that the working variables take turns in place
        // rather than shifting down each round.
        let mut w = [0u32; 16];
        for (word, bytes) in w.iter_mut().zip(block.chunks_exact(4)) {
            *word = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = self.state;
        // The first sixteen rounds read the block; the rest extend the
        // schedule in the ring first. Two loops rather than a test in
        // every round, so that each index is known where it is used.
        macro_rules! extend {
            ($i:expr) => {{
                let i: usize = $i;
                let w15 = w[(i + 1) & 15];
                let w2 = w[(i + 14) & 15];
                let s0 = w15.rotate_right(7) ^ w15.rotate_right(18) ^ (w15 >> 3);
                let s1 = w2.rotate_right(17) ^ w2.rotate_right(19) ^ (w2 >> 10);
                w[i & 15] = w[i & 15]
                    .wrapping_add(s0)
                    .wrapping_add(w[(i + 9) & 15])
                    .wrapping_add(s1);
            }};
        }
        macro_rules! round {
            ($a:ident, $b:ident, $c:ident, $d:ident, $e:ident, $f:ident, $g:ident, $h:ident, $i:expr) => {{
                let i: usize = $i;
                let s1 = $e.rotate_right(6) ^ $e.rotate_right(11) ^ $e.rotate_right(25);
                // Ch and Maj in their fewer-operation forms.
                let ch = $g ^ ($e & ($f ^ $g));
                let t1 = $h
                    .wrapping_add(s1)
                    .wrapping_add(ch)
                    .wrapping_add(K[i])
                    .wrapping_add(w[i & 15]);
                let s0 = $a.rotate_right(2) ^ $a.rotate_right(13) ^ $a.rotate_right(22);
                let maj = ($a & $b) | ($c & ($a | $b));
                $d = $d.wrapping_add(t1);
                $h = t1.wrapping_add(s0.wrapping_add(maj));
            }};
        }
        macro_rules! eight {
            ($i:expr) => {{
                let i: usize = $i;
                round!(a, b, c, d, e, f, g, h, i);
                round!(h, a, b, c, d, e, f, g, i + 1);
                round!(g, h, a, b, c, d, e, f, i + 2);
                round!(f, g, h, a, b, c, d, e, i + 3);
                round!(e, f, g, h, a, b, c, d, i + 4);
                round!(d, e, f, g, h, a, b, c, i + 5);
                round!(c, d, e, f, g, h, a, b, i + 6);
                round!(b, c, d, e, f, g, h, a, i + 7);
            }};
        }
        eight!(0);
        eight!(8);
        macro_rules! sixteen {
            ($i:expr) => {{
                extend!($i);
                extend!($i + 1);
                extend!($i + 2);
                extend!($i + 3);
                extend!($i + 4);
                extend!($i + 5);
                extend!($i + 6);
                extend!($i + 7);
                extend!($i + 8);
                extend!($i + 9);
                extend!($i + 10);
                extend!($i + 11);
                extend!($i + 12);
                extend!($i + 13);
                extend!($i + 14);
                extend!($i + 15);
                eight!($i);
                eight!($i + 8);
            }};
        }
        sixteen!(16);
        sixteen!(32);
        sixteen!(48);
        for (x, y) in self.state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
            *x = x.wrapping_add(y);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(data: &[u8]) -> String {
        let mut hasher = Sha256::new();
        hasher.update(data);
        super::hex(&hasher.finish())
    }

    fn hex(data: &[u8]) -> String {
        hash(data)
    }

    /// Fed in pieces of every size, the digest is the same.
    #[test]
    fn sha256_in_pieces() {
        let data: Vec<u8> = (0..300u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = hash(&data);
        for piece in [1, 3, 63, 64, 65, 127] {
            let mut hasher = Sha256::new();
            for chunk in data.chunks(piece) {
                hasher.update(chunk);
            }
            assert_eq!(super::hex(&hasher.finish()), whole, "pieces of {piece}");
        }
    }

    /// FIPS 180-4's examples and the empty message.
    #[test]
    fn sha256_matches_the_standard() {
        assert_eq!(
            hex(b""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(b"abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "sha256:248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        // 55, 56 and 64 bytes: the padding's edges.
        assert_eq!(
            hex(&[b'a'; 55]),
            "sha256:9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"
        );
        assert_eq!(
            hex(&[b'a'; 56]),
            "sha256:b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"
        );
        assert_eq!(
            hex(&[b'a'; 64]),
            "sha256:ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"
        );
        let million = "a".repeat(1_000_000);
        assert_eq!(
            hash(million.as_bytes()),
            "sha256:cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }
}
