//! Markdown to paragraphs: markup goes, words stay.
//!
//! Parsed with pulldown-cmark. Headings, paragraphs, list items, quotes, table cells and code
//! blocks become paragraphs; heading marks, emphasis, list bullets and link syntax go
//! (`[text](url)` keeps `text`); line breaks inside a paragraph are kept; image alt text and
//! link reference definitions are markup, not text.
//!
//! ```
//! use wirediff::ingest::markdown::paragraphs;
//! assert_eq!(
//!     paragraphs("# Talks *stall*\n\n- Both sides [left](http://x.test) early"),
//!     ["Talks stall", "Both sides left early"],
//! );
//! ```

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The paragraphs of a Markdown text, markup removed.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut image_depth = 0usize;
    let flush = |buf: &mut String, out: &mut Vec<String>| {
        let lines: Vec<String> = buf
            .split('\n')
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            out.push(lines.join("\n"));
        }
        buf.clear();
    };
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            _ if image_depth > 0 => {}
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::List(_)
                | Tag::TableCell
                | Tag::HtmlBlock,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::List(_)
                | TagEnd::TableCell
                | TagEnd::HtmlBlock,
            )
            | Event::Rule => flush(&mut buf, &mut out),
            Event::Text(t) | Event::Code(t) => buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => buf.push('\n'),
            Event::Html(h) | Event::InlineHtml(h) => buf.push_str(&strip_tags(&h)),
            _ => {}
        }
    }
    flush(&mut buf, &mut out);
    out
}

/// The text of a piece of raw HTML in Markdown, tags removed.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_table() {
        let table: &[(&str, &[&str])] = &[
            ("## Headline here", &["Headline here"]),
            (
                "Headline\n========\n\nBody text.",
                &["Headline", "Body text."],
            ),
            (
                "Talks **stalled** on _Friday_, __sources__ said.",
                &["Talks stalled on Friday, sources said."],
            ),
            (
                "See [the statement](https://example.test/s) and [report][r].\n\n[r]: https://example.test/r",
                &["See the statement and report."],
            ),
            (
                "* first point\n* second point\n\n1. numbered one\n2. numbered two",
                &[
                    "first point",
                    "second point",
                    "numbered one",
                    "numbered two",
                ],
            ),
            ("> A quoted line.", &["A quoted line."]),
            (
                "![photo of talks](p.jpg)\n\nCaption-free text.",
                &["Caption-free text."],
            ),
            (
                "Line one of a paragraph\nline two of it.",
                &["Line one of a paragraph\nline two of it."],
            ),
            (
                "snake_case_word and 2 * 3 stay",
                &["snake_case_word and 2 * 3 stay"],
            ),
            ("Before\n\n---\n\nAfter", &["Before", "After"]),
            ("<div>Inline <b>html</b> text</div>", &["Inline html text"]),
        ];
        for (input, want) in table {
            assert_eq!(paragraphs(input), *want, "input: {input:?}");
        }
    }
}
