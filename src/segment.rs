//! Segment: paragraphs → sentences, for English news copy.

use crate::ingest::Document;

/// One sentence of one version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence as written (trimmed).
    pub text: String,
    /// Paragraph number; the headline and deck are paragraph 0.
    pub paragraph: usize,
}

/// Splits every paragraph of a document into sentences.
pub fn segment(doc: &Document) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (paragraph, text) in doc.paragraphs.iter().enumerate() {
        for line in text.lines() {
            for s in split_sentences(line) {
                out.push(Sentence {
                    text: s.to_string(),
                    paragraph,
                });
            }
        }
    }
    out
}

/// Splits one line of text into sentences.
pub fn split_sentences(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '\u{201d}' | '\'' | '\u{2019}' | ')') {
                j += 1;
            }
            if j < chars.len() && chars[j].1.is_whitespace() {
                let end = chars[j].0;
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                let next_ok = k < chars.len()
                    && (chars[k].1.is_uppercase() || matches!(chars[k].1, '"' | '\u{201c}' | '('));
                if next_ok {
                    let piece = text[start..end].trim();
                    if !piece.is_empty() {
                        out.push(piece);
                    }
                    start = chars[k].0;
                    i = k;
                    continue;
                }
            }
        }
        i += 1;
    }
    let piece = text[start..].trim();
    if !piece.is_empty() {
        out.push(piece);
    }
    out
}
