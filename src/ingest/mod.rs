//! Ingest: raw bytes of each version → decoded text → paragraphs, with page boilerplate removed.
//!
//! The library never opens files: the binary reads them and hands over [`RawVersion`]s.

use std::borrow::Cow;

use serde::Deserialize;

use crate::error::{Error, Result};

pub mod boilerplate;
pub mod html;
pub mod markdown;

/// How a version's bytes are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    /// Plain text: paragraphs are separated by blank lines.
    Text,
    /// Markdown: heading marks, emphasis, bullets and link syntax removed, words kept.
    Markdown,
    /// An HTML page: main text is extracted first.
    Html,
}

impl TextFormat {
    /// The format a file name implies (`.html`/`.htm` → HTML, `.md` → Markdown, else text).
    pub fn from_path(path: &str) -> TextFormat {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".html") || lower.ends_with(".htm") {
            TextFormat::Html
        } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
            TextFormat::Markdown
        } else {
            TextFormat::Text
        }
    }
}

/// One version as the user gave it.
#[derive(Debug, Clone)]
pub struct RawVersion {
    /// Version id (the label the user gave, or the file stem).
    pub id: String,
    /// Outlet name from a manifest, when known.
    pub outlet: Option<String>,
    /// Where it came from: a path or `-`.
    pub source: String,
    /// The bytes as read.
    pub bytes: Vec<u8>,
    /// How to read them.
    pub format: TextFormat,
}

impl RawVersion {
    /// A plain-text version held in memory, with no outlet; its source is given as `ID.txt`.
    pub fn from_text(id: &str, text: &str) -> RawVersion {
        RawVersion {
            id: id.to_string(),
            outlet: None,
            source: format!("{id}.txt"),
            bytes: text.as_bytes().to_vec(),
            format: TextFormat::Text,
        }
    }
}

/// One version as text: paragraphs in reading order, boilerplate set aside.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Version id.
    pub id: String,
    /// Outlet name (the id when unknown).
    pub outlet: String,
    /// Where it came from.
    pub source: String,
    /// Paragraphs in reading order; each may hold several lines.
    pub paragraphs: Vec<String>,
    /// Page lines removed as boilerplate, in page order.
    pub removed_boilerplate: Vec<String>,
    /// Where each entry of `removed_boilerplate` stood in the page: the number of lines of
    /// `paragraphs` (counted across paragraphs, in order) before it. Kept in step by
    /// [`boilerplate::strip`] so removals from extraction and from stripping stay in page order.
    pub removed_positions: Vec<usize>,
}

/// A `story.json` manifest: which files are the versions and who published them.
#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    /// Story id.
    #[serde(default)]
    pub id: Option<String>,
    /// The versions.
    pub versions: Vec<ManifestVersion>,
}

/// One version entry of a manifest.
#[derive(Debug, Clone, Deserialize)]
pub struct ManifestVersion {
    /// Version id.
    pub id: String,
    /// File name, relative to the manifest.
    pub file: String,
    /// Outlet name.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Where it was published.
    #[serde(default)]
    pub url: Option<String>,
}

impl Manifest {
    /// Parses a manifest; `source` names it in errors.
    pub fn parse(text: &str, source: &str) -> Result<Manifest> {
        serde_json::from_str(text).map_err(|e| Error::BadFile {
            input: source.to_string(),
            message: format!("not a valid story.json manifest: {e}"),
        })
    }
}

/// Decodes bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy encoding
/// guessed by chardetng. Binary input (NUL bytes or many control characters) is an error.
/// Line ends become `\n`; zero-width characters and soft hyphens go; other spaces become ` `.
pub fn decode(bytes: &[u8], source: &str) -> Result<String> {
    decode_declared(bytes, source, None)
}

/// [`decode`], honouring an encoding the file declares (an HTML `<meta charset>`) when the
/// bytes are not valid UTF-8.
pub fn decode_declared(
    bytes: &[u8],
    source: &str,
    declared: Option<&'static encoding_rs::Encoding>,
) -> Result<String> {
    decode_borrowed(bytes, source, declared).map(Cow::into_owned)
}

/// [`decode_declared`], borrowing `bytes` when they are clean UTF-8 already (the usual case).
fn decode_borrowed<'a>(
    bytes: &'a [u8],
    source: &str,
    declared: Option<&'static encoding_rs::Encoding>,
) -> Result<Cow<'a, str>> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty {
            input: source.to_string(),
        });
    }
    // Fast path: UTF-8 with nothing to clean (no BOM, CR, NUL or other control character, no
    // special space) is borrowed as it is. Such bytes pass every check below the same way:
    // no BOM, no NUL (so neither UTF-16 nor binary), valid UTF-8 and nothing for
    // `clean_text` to change.
    if let Some(text) = clean_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Cow::Owned(clean_text(&text).into_owned()));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return Ok(Cow::Owned(clean_text(&text).into_owned()));
    }
    if looks_binary(bytes) {
        return Err(Error::Binary {
            input: source.to_string(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(clean_text(s)),
        Err(_) => {
            let enc = declared
                .filter(|&e| e != encoding_rs::UTF_8)
                .unwrap_or_else(|| {
                    let mut detector =
                        chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                    detector.feed(bytes, true);
                    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
                    let high = bytes.iter().filter(|b| !b.is_ascii()).count();
                    if (high as f64) < MOSTLY_ASCII_SHARE * bytes.len() as f64 {
                        encoding_rs::WINDOWS_1252
                    } else {
                        guess
                    }
                });
            let (text, _, _) = enc.decode(bytes);
            Ok(Cow::Owned(clean_text(&text).into_owned()))
        }
    }
}

/// Below this share of non-ASCII bytes, undeclared legacy text is read as Windows-1252: in
/// mostly-English text the few high bytes are curly quotes, dashes and accented Latin letters,
/// too few for chardetng to tell Windows-1252 from its Central European or Baltic cousins (it
/// reads "Hélène" as "Hélčne"), while text in those languages has many more.
const MOSTLY_ASCII_SHARE: f64 = 0.01;

/// Share of control bytes above which input is taken for binary.
const BINARY_CONTROL_SHARE: f64 = 0.05;

/// Share of NUL bytes in the odd (or even) positions, with none in the others, above which
/// BOM-less input is read as UTF-16LE (or BE) text rather than binary.
const UTF16_NUL_SHARE: f64 = 0.9;

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    // A branch-free sum, which the compiler runs many bytes at a time.
    let control = sample.iter().fold(0usize, |n, &b| {
        n + usize::from(b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
    });
    control as f64 > BINARY_CONTROL_SHARE * sample.len() as f64
}

/// UTF-16 text without a byte-order mark: mostly-ASCII text has a NUL in every other byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(8192) & !1];
    if sample.len() < 4 || !sample.contains(&0) {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let share = |n: usize| n as f64 / pairs as f64;
    if share(odd_nul) >= UTF16_NUL_SHARE && even_nul == 0 {
        Some(encoding_rs::UTF_16LE)
    } else if share(even_nul) >= UTF16_NUL_SHARE && odd_nul == 0 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// CRLF and lone CR become LF (so does a form feed or a Unicode line/paragraph separator);
/// other spaces (no-break, thin, ideographic) become a plain space; zero-width characters,
/// soft hyphens, stray BOMs and control characters go. Text with none of these is borrowed.
fn clean_text(text: &str) -> Cow<'_, str> {
    let Some(first) = first_to_clean(text.as_bytes()) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut chars = text[first..].chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            // CRLF: the LF stands for both.
            continue;
        }
        if let Some(c) = clean_char(c) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The byte position of the first character [`clean_text`] changes, or of the first byte that
/// starts no UTF-8 character; `None` when `bytes` are valid UTF-8 with nothing to clean. One
/// pass: printable ASCII, `\n` and `\t` are skipped by blocks, and only the characters outside
/// them are decoded, each on its own, and looked at.
fn first_to_clean(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(k) = first_unusual_byte(&bytes[i..]) {
        i += k;
        // The length its first byte gives the character; an ASCII byte here is one to clean,
        // and a byte that starts no character is not UTF-8.
        let len = match bytes[i] {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return Some(i),
        };
        let Some(c) = bytes
            .get(i..i + len)
            .and_then(|b| std::str::from_utf8(b).ok())
        else {
            return Some(i);
        };
        // A character its first bytes show is kept is not looked up.
        if kept_char_len(c.as_bytes()).is_none() && c.chars().any(|c| clean_char(c) != Some(c)) {
            return Some(i);
        }
        i += len;
    }
    None
}

/// `bytes` as text when they are valid UTF-8 with nothing for [`clean_text`] to change, told
/// in the one pass of [`first_to_clean`]. (Text read from JSON is UTF-8 already; checking it
/// with `str::from_utf8` first was a second pass over every byte.)
fn clean_utf8(bytes: &[u8]) -> Option<&str> {
    if first_to_clean(bytes).is_some() {
        return None;
    }
    // SAFETY: `first_to_clean` found every byte to be printable ASCII, `\n` or `\t`, or in a
    // character that is valid UTF-8 on its own; such pieces, one after the other, are valid
    // UTF-8.
    Some(unsafe { std::str::from_utf8_unchecked(bytes) })
}

/// The length of the character `bytes` (UTF-8) starts with when its first bytes show that it is
/// not ASCII and that [`clean_char`] keeps it: no character it changes starts with them (those
/// outside ASCII are U+0080 to U+00A0, U+00AD, U+1680, U+2000 to U+200D, U+2028, U+2029, U+202F,
/// U+205F, U+2060, U+3000 and U+FEFF). `None`: the character is to be decoded and looked at.
fn kept_char_len(bytes: &[u8]) -> Option<usize> {
    match *bytes {
        [0xC3..=0xDF, ..] => Some(2),
        [0xE2, 0x80, 0x80..=0x8D | 0xA8 | 0xA9 | 0xAF, ..] | [0xE2, 0x81, 0x9F | 0xA0, ..] => None,
        [0xE0 | 0xE2 | 0xE4..=0xEE, ..] => Some(3),
        [0xF0..=0xF4, ..] => Some(4),
        _ => None,
    }
}

/// The position of the first byte other than printable ASCII, `\n` and `\t`. Blocks of
/// bytes are tested with a branch-free fold, which the compiler runs many bytes at a time.
fn first_unusual_byte(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 128;
    // Adding one maps printable ASCII (0x20 to 0x7E) to the signed bytes from 0x21 up and
    // every other byte below them: one signed comparison, which SIMD has (and an unsigned
    // range test has not), tells printable ASCII.
    let usual = |b: u8| (b.wrapping_add(1) as i8 >= 0x21) | (b == b'\n') | (b == b'\t');
    let mut base = 0;
    for block in bytes.chunks(BLOCK) {
        if block.iter().fold(false, |any, &b| any | !usual(b)) {
            return block.iter().position(|&b| !usual(b)).map(|p| base + p);
        }
        base += block.len();
    }
    None
}

/// A text as a hash-map key whose hash reads its length and five eight-byte samples (its
/// start, quarters and end) rather than every byte. A map compares keys in full when their
/// hashes agree, so texts that share the samples cost only a longer probe. For the story
/// caches of line, paragraph and sentence texts, which look up every one of every version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SampledKey<'a>(pub &'a str);

impl std::hash::Hash for SampledKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(sampled_hash(self.0.as_bytes()));
    }
}

/// The hash of [`SampledKey`]: short texts are hashed whole.
pub(crate) fn sampled_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    let n = bytes.len();
    if n < 64 {
        h.write(bytes);
    } else {
        h.write_usize(n);
        for at in [0, n / 4, n / 2, 3 * n / 4, n - 8] {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(&bytes[at..at + 8]);
            h.write_u64(u64::from_le_bytes(eight));
        }
    }
    h.finish()
}

/// What [`clean_text`] makes of one character (CRLF aside): itself, a replacement, or nothing.
fn clean_char(c: char) -> Option<char> {
    match c {
        '\r' | '\u{0c}' | '\u{2028}' | '\u{2029}' | '\u{85}' => Some('\n'),
        '\n' | '\t' => Some(c),
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => None,
        c if c.is_whitespace() => Some(' '),
        c if c.is_control() => None,
        c => Some(c),
    }
}

/// The lines of `text`, as [`str::lines`] gives them (split at `\n`, a `\r` before it dropped,
/// no empty line after a final `\n`), with the line ends found by `memchr`.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    std::iter::from_fn(move || {
        let rest = text.get(start..).filter(|rest| !rest.is_empty())?;
        match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(k) => {
                start += k + 1;
                let line = &rest[..k];
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None => {
                start = text.len();
                Some(rest)
            }
        }
    })
}

/// [`str::trim`], with no search when the text starts and ends with printable ASCII other than
/// a space (the usual line of copy).
pub(crate) fn trim(text: &str) -> &str {
    let b = text.as_bytes();
    if b.first().is_some_and(u8::is_ascii_graphic) && b.last().is_some_and(u8::is_ascii_graphic) {
        text
    } else {
        text.trim()
    }
}

/// Splits text into paragraphs at blank lines; single line breaks inside a paragraph are kept.
/// Lines are trimmed; a paragraph of one line is copied in one piece.
pub fn paragraphs(text: &str) -> Vec<String> {
    // About one paragraph per 128 bytes of wire copy, so that the list seldom grows.
    let mut out = Vec::with_capacity(text.len() / 128 + 1);
    // The current paragraph: its first line, and the text built so far once it has a second.
    let mut first: Option<&str> = None;
    let mut built = String::new();
    let mut flush = |first: &mut Option<&str>, built: &mut String| {
        if let Some(line) = first.take() {
            if built.is_empty() {
                out.push(line.to_string());
            } else {
                out.push(std::mem::take(built));
            }
        }
    };
    // `str::lines` splits at `\n` and drops a `\r` before it, which trimming drops anyway.
    let mut start = 0;
    let bytes = text.as_bytes();
    while start < bytes.len() {
        // A blank line between paragraphs ends where it starts, found without a search.
        let end = if bytes[start] == b'\n' {
            start
        } else {
            memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |k| start + k)
        };
        let line = trim(&text[start..end]);
        start = end + 1;
        if line.is_empty() {
            flush(&mut first, &mut built);
        } else if let Some(head) = first {
            if built.is_empty() {
                built.reserve(head.len() + 1 + line.len());
                built.push_str(head);
            }
            built.push('\n');
            built.push_str(line);
        } else {
            first = Some(line);
        }
    }
    flush(&mut first, &mut built);
    out
}

/// Reads one version: decode, extract the main text of HTML pages (page chrome goes to
/// `removed_boilerplate`), strip Markdown markup, split into paragraphs.
pub fn read(raw: &RawVersion) -> Result<Document> {
    let declared = match raw.format {
        TextFormat::Html => html::declared_encoding(&raw.bytes),
        TextFormat::Text | TextFormat::Markdown => None,
    };
    let text = decode_borrowed(&raw.bytes, &raw.source, declared)?;
    let mut doc = Document {
        id: raw.id.clone(),
        outlet: raw.outlet.clone().unwrap_or_else(|| raw.id.clone()),
        source: raw.source.clone(),
        ..Document::default()
    };
    match raw.format {
        TextFormat::Html => {
            let extracted = html::extract(&text);
            doc.paragraphs = extracted.paragraphs;
            for (pos, line) in extracted.removed {
                doc.removed_positions.push(pos);
                doc.removed_boilerplate.push(line);
            }
        }
        TextFormat::Markdown => doc.paragraphs = markdown::paragraphs(&text),
        TextFormat::Text => doc.paragraphs = paragraphs(&text),
    }
    Ok(doc)
}

/// The text blocks of an HTML page's story, in reading order, headline first, without scripts,
/// styles, page chrome and markup.
pub fn html_paragraphs(html: &str) -> Vec<String> {
    html::extract(html).paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(bytes: &[u8], format: TextFormat) -> RawVersion {
        RawVersion {
            id: "v".into(),
            outlet: None,
            source: "v.txt".into(),
            bytes: bytes.to_vec(),
            format,
        }
    }

    #[test]
    fn decode_table() {
        let utf16le: Vec<u8> = "Talks end.\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let utf16be: Vec<u8> = "Talks end.\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let mut utf16le_bom = vec![0xff, 0xfe];
        utf16le_bom.extend(&utf16le);
        let table: &[(&[u8], &str)] = &[
            (b"plain ascii", "plain ascii"),
            (
                "caf\u{e9} \u{201c}q\u{201d}".as_bytes(),
                "caf\u{e9} \u{201c}q\u{201d}",
            ),
            (b"\xef\xbb\xbfwith BOM", "with BOM"),
            (b"a\r\nb\rc\nd", "a\nb\nc\nd"),
            (
                b"a\r\r\nb\x0bc\x7fd\te, long enough not to look binary",
                "a\n\nb cd\te, long enough not to look binary",
            ),
            (
                "clean \u{2013} \u{201c}as is\u{201d}\n".as_bytes(),
                "clean \u{2013} \u{201c}as is\u{201d}\n",
            ),
            // Windows-1252: é, curly quotes, right single quote.
            (
                b"Le caf\xe9 \x93ferm\xe9\x94, l\x92h\xf4tel aussi et la r\xe9gion enti\xe8re",
                "Le caf\u{e9} \u{201c}ferm\u{e9}\u{201d}, l\u{2019}h\u{f4}tel aussi et la r\u{e9}gion enti\u{e8}re",
            ),
            (&utf16le_bom, "Talks end.\n"),
            (&utf16le, "Talks end.\n"),
            (&utf16be, "Talks end.\n"),
            (
                b"no\xc2\xa0break and zero\xe2\x80\x8bwidth soft\xc2\xadhyphen",
                "no break and zerowidth softhyphen",
            ),
        ];
        for (bytes, want) in table {
            assert_eq!(decode(bytes, "t").unwrap(), *want, "bytes: {bytes:?}");
        }
    }

    #[test]
    fn decode_rejects_empty_and_binary() {
        let table: &[(&[u8], &str)] = &[
            (b"", "empty"),
            (b"  \n\t\r\n ", "empty"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
            (b"text\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f", "binary"),
        ];
        for (bytes, want) in table {
            let got = match decode(bytes, "t") {
                Err(Error::Empty { .. }) => "empty",
                Err(Error::Binary { .. }) => "binary",
                Ok(_) => "ok",
                Err(_) => "other",
            };
            assert_eq!(got, *want, "bytes: {bytes:?}");
        }
    }

    #[test]
    fn html_meta_charset_is_honoured() {
        // KOI8-R bytes that chardetng alone could take for another encoding: the page says.
        let mut page = b"<html><head><meta charset=\"koi8-r\"></head><body><h1>".to_vec();
        page.extend(b"\xf0\xd2\xc9\xd7\xc5\xd4"); // "Привет" in KOI8-R
        page.extend(b"</h1><p>Body text here.</p></body></html>");
        let doc = read(&raw(&page, TextFormat::Html)).unwrap();
        assert_eq!(doc.paragraphs[0], "Привет");
    }

    #[test]
    fn read_by_format_table() {
        let table: &[(&str, TextFormat, &[&str])] = &[
            (
                "Head line\n\nFirst para.\nStill first.\n\n\nSecond.",
                TextFormat::Text,
                &["Head line", "First para.\nStill first.", "Second."],
            ),
            (
                "# Head *line*\n\nA [linked](u) word.",
                TextFormat::Markdown,
                &["Head line", "A linked word."],
            ),
            (
                "<html><body><h1>Head</h1><p>Body of the story, long enough to score here.</p></body></html>",
                TextFormat::Html,
                &["Head", "Body of the story, long enough to score here."],
            ),
        ];
        for (input, format, want) in table {
            let doc = read(&raw(input.as_bytes(), *format)).unwrap();
            assert_eq!(doc.paragraphs, *want, "input: {input:?}");
        }
    }

    /// [`paragraphs`] as first written: `str::lines`, trimmed, joined with `join`.
    fn paragraphs_reference(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut current: Vec<&str> = Vec::new();
        for line in text.lines() {
            let line = line.trim_end();
            if line.trim().is_empty() {
                if !current.is_empty() {
                    out.push(current.join("\n"));
                    current.clear();
                }
            } else {
                current.push(line.trim_start());
            }
        }
        if !current.is_empty() {
            out.push(current.join("\n"));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn lines_and_paragraphs_match_std(text in "[ab \\t\\r\\n\u{a0}\u{2028}é]{0,40}") {
            proptest::prop_assert_eq!(
                lines(&text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>()
            );
            proptest::prop_assert_eq!(paragraphs(&text), paragraphs_reference(&text));
        }

        #[test]
        fn first_unusual_byte_is_the_first_unprintable(
            // Mostly printable, as text is.
            bytes in proptest::collection::vec(
                proptest::prop_oneof![40 => 0x20u8..0x7f, 1 => proptest::prelude::any::<u8>()],
                0..400,
            )
        ) {
            let want = bytes.iter().position(|&b| !matches!(b, b' '..=b'~' | b'\n' | b'\t'));
            proptest::prop_assert_eq!(first_unusual_byte(&bytes), want);
        }

        #[test]
        fn first_to_clean_finds_the_first_changed_character(
            text in "[ab .\\t\\r\\n\u{0}\u{7f}\u{85}\u{a0}\u{a1}\u{ad}\u{e9}\u{7ff}\u{800}\u{1680}\u{1fff}\u{2000}\u{200d}\u{200e}\u{2013}\u{201c}\u{2026}\u{2028}\u{202f}\u{2030}\u{205f}\u{2060}\u{2061}\u{3000}\u{4e2d}\u{feff}\u{1f600}]{0,40}"
        ) {
            let want = text.char_indices().find(|&(_, c)| {
                if c.is_ascii() {
                    !matches!(c, ' '..='~' | '\n' | '\t')
                } else {
                    clean_char(c) != Some(c)
                }
            });
            proptest::prop_assert_eq!(first_to_clean(text.as_bytes()), want.map(|(i, _)| i));
        }

        #[test]
        fn clean_utf8_is_from_utf8_then_first_to_clean(
            // Text with characters to clean, and bytes that are not UTF-8 spliced in.
            text in "[ab .\\t\\r\\n\u{0}\u{7f}\u{85}\u{a0}\u{ad}\u{e9}\u{7ff}\u{800}\u{2000}\u{2013}\u{2028}\u{3000}\u{d7ff}\u{e000}\u{feff}\u{10000}\u{1f600}\u{10ffff}]{0,40}",
            splice in proptest::collection::vec((0usize..64, proptest::prelude::any::<u8>()), 0..3),
            cut in 0usize..64,
        ) {
            let mut bytes = text.into_bytes();
            for (at, b) in splice {
                let at = at.min(bytes.len());
                bytes.insert(at, b);
            }
            bytes.truncate(cut.max(bytes.len().saturating_sub(2)));
            let want = std::str::from_utf8(&bytes)
                .ok()
                .filter(|text| first_to_clean(text.as_bytes()).is_none());
            proptest::prop_assert_eq!(clean_utf8(&bytes), want);
        }

        #[test]
        fn decode_fast_path_matches_full_path(
            text in "[ab .\\t\\r\\n\u{0}\u{1}\u{7f}\u{85}\u{a0}\u{ad}\u{200b}\u{2013}\u{feff}é]{0,40}"
        ) {
            // The fast path borrows; the full path (`clean_text`) must agree when it does.
            let fast = decode_borrowed(text.as_bytes(), "t", None);
            if let Ok(Cow::Borrowed(got)) = &fast {
                let want = clean_text(&text);
                proptest::prop_assert_eq!(*got, want.as_ref());
                proptest::prop_assert!(!looks_binary(text.as_bytes()));
            }
        }
    }

    #[test]
    fn text_format_from_path() {
        for (path, want) in [
            ("a/b.HTML", TextFormat::Html),
            ("x.htm", TextFormat::Html),
            ("x.md", TextFormat::Markdown),
            ("x.markdown", TextFormat::Markdown),
            ("x.txt", TextFormat::Text),
            ("-", TextFormat::Text),
        ] {
            assert_eq!(TextFormat::from_path(path), want, "{path}");
        }
    }
}
