//! Ingest: raw bytes of each version → decoded text → paragraphs, with page boilerplate removed.
//!
//! The library never opens files: the binary reads them and hands over [`RawVersion`]s.

use serde::Deserialize;

use crate::error::{Error, Result};

pub mod boilerplate;

/// How a version's bytes are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    /// Plain text: paragraphs are separated by blank lines.
    Text,
    /// Markdown: read as text, with markup characters left in place.
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
pub fn decode(bytes: &[u8], source: &str) -> Result<String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty {
            input: source.to_string(),
        });
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(normalize_newlines(&text));
    }
    if looks_binary(bytes) {
        return Err(Error::Binary {
            input: source.to_string(),
        });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
            let (text, _, _) = enc.decode(bytes);
            text.into_owned()
        }
    };
    Ok(normalize_newlines(&text))
}

/// Share of control bytes above which input is taken for binary.
const BINARY_CONTROL_SHARE: f64 = 0.05;

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control as f64 > BINARY_CONTROL_SHARE * sample.len() as f64
}

/// CRLF and lone CR become LF.
fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Splits text into paragraphs at blank lines; single line breaks inside a paragraph are kept.
pub fn paragraphs(text: &str) -> Vec<String> {
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

/// Reads one version: decode, extract the main text of HTML pages, split into paragraphs.
pub fn read(raw: &RawVersion) -> Result<Document> {
    let text = decode(&raw.bytes, &raw.source)?;
    let paragraphs = match raw.format {
        TextFormat::Html => html_paragraphs(&text),
        TextFormat::Text | TextFormat::Markdown => paragraphs(&text),
    };
    Ok(Document {
        id: raw.id.clone(),
        outlet: raw.outlet.clone().unwrap_or_else(|| raw.id.clone()),
        source: raw.source.clone(),
        paragraphs,
        removed_boilerplate: Vec::new(),
    })
}

/// The text blocks of an HTML page, in document order, without scripts, styles and markup.
pub fn html_paragraphs(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("h1, h2, h3, h4, p, li, blockquote, figcaption, td")
        .expect("static selector parses");
    let mut out = Vec::new();
    for el in doc.select(&selector) {
        let text: String = el.text().collect::<Vec<_>>().join("");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            out.push(text);
        }
    }
    out
}
