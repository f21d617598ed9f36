//! Main-text extraction from an HTML page, readability style.
//!
//! The page is walked once into text blocks (paragraphs, headings, list items, bare text in a
//! `div`), each with its container ancestors. Blocks inside scripts, styles and hidden elements
//! are not text at all; blocks inside page chrome (`nav`, `header`/`footer` outside the
//! article, `aside`, forms, buttons, figure captions, and elements whose class or id names a
//! menu, share bar, sidebar, ad or teaser list) are set aside as removed lines. The remaining
//! paragraphs score their containers (one point, one per comma, one per 100 characters up to
//! three; full to the parent, half to the grandparent, a third above), damped by link
//! density. The best container and its strong siblings hold the story; everything else is
//! listed as removed, in page order. The page's `<h1>` (or `og:title`, or `<title>` without
//! the site name) becomes paragraph 0, with a deck when one follows it.

use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node, Selector};

/// The story text of a page and the lines set aside.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// Paragraphs in reading order; the headline (and deck) first.
    pub paragraphs: Vec<String>,
    /// Lines set aside, in page order, each with the number of kept lines before it.
    pub removed: Vec<(usize, String)>,
}

/// Elements whose content is never visible text.
const INVISIBLE: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "head", "title", "meta", "link", "video", "audio", "source", "picture", "img",
    "input", "textarea",
];

/// Elements that are page chrome wherever they are.
const CHROME_TAGS: &[&str] = &[
    "nav",
    "aside",
    "form",
    "button",
    "select",
    "menu",
    "dialog",
    "figure",
    "figcaption",
];

/// ARIA roles of page chrome.
const CHROME_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "dialog",
    "alert",
];

/// Words in a class or id that mark page chrome (whole words of the name, split at `-`, `_`
/// and spaces).
const CHROME_CLASS_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "sidebar",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "sponsor",
    "sponsored",
    "comment",
    "comments",
    "newsletter",
    "subscribe",
    "cookie",
    "consent",
    "masthead",
    "popular",
    "trending",
    "teaser",
    "teasers",
    "outbrain",
    "taboola",
    "widget",
    "weather",
    "skip",
    "banner",
    "toolbar",
    "caption",
];

/// Words in a class or id that mark the story container.
const CONTENT_CLASS_WORDS: &[&str] = &[
    "article", "content", "story", "body", "main", "text", "entry", "post",
];

/// Words in a class that mark a deck (subtitle) under the headline.
const DECK_CLASS_WORDS: &[&str] = &[
    "deck",
    "dek",
    "standfirst",
    "subtitle",
    "subhead",
    "subheadline",
    "strapline",
    "summary",
    "description",
    "excerpt",
    "intro",
    "lede",
];

/// Elements that start and end a text block.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "label",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "button",
    "select",
];

/// Shortest paragraph (in chars) that scores its containers.
const SCORING_MIN_CHARS: usize = 25;
/// Score bonus of a container whose class or id names story content, or an `<article>`.
const CONTENT_BONUS: f64 = 25.0;
/// A sibling container joins the story when it scores at least this share of the best one.
const SIBLING_SHARE: f64 = 0.2;
/// ... and at least this many points.
const SIBLING_MIN_SCORE: f64 = 10.0;
/// A story block with more than this share of its characters in links is a teaser or menu.
const LINK_DENSITY_MAX: f64 = 0.5;

#[derive(Debug, Clone)]
struct Block {
    text: String,
    tag: String,
    class: String,
    chrome: bool,
    /// Ids of the block-level ancestors, outermost first; the last is the block's own element.
    ancestors: Vec<NodeId>,
    link_chars: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    chrome: bool,
    in_article: bool,
    in_link: bool,
}

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    buf: String,
    buf_link: usize,
    stack: Vec<(NodeId, String, String)>,
}

impl Walker {
    fn flush(&mut self, ctx: Ctx) {
        let raw = std::mem::take(&mut self.buf);
        let link_chars = std::mem::take(&mut self.buf_link);
        let lines: Vec<String> = raw
            .split('\n')
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            return;
        }
        let (tag, class) = self
            .stack
            .last()
            .map(|(_, t, c)| (t.clone(), c.clone()))
            .unwrap_or_default();
        self.blocks.push(Block {
            text: lines.join("\n"),
            tag,
            class,
            chrome: ctx.chrome,
            ancestors: self.stack.iter().map(|(id, _, _)| *id).collect(),
            link_chars,
        });
    }

    fn walk(&mut self, node: NodeRef<'_, Node>, ctx: Ctx) {
        match node.value() {
            Node::Text(t) => {
                let mut last_space = self.buf.ends_with([' ', '\n']) || self.buf.is_empty();
                for c in t.chars() {
                    if c.is_whitespace() {
                        if !last_space {
                            self.buf.push(' ');
                            last_space = true;
                        }
                    } else {
                        self.buf.push(c);
                        last_space = false;
                        if ctx.in_link {
                            self.buf_link += 1;
                        }
                    }
                }
            }
            Node::Element(el) => {
                let name = el.name();
                if INVISIBLE.contains(&name) || is_hidden(el) {
                    return;
                }
                if name == "br" {
                    self.buf.push('\n');
                    return;
                }
                let chrome_here = is_chrome(el, ctx.in_article);
                let inner = Ctx {
                    chrome: ctx.chrome || chrome_here,
                    in_article: ctx.in_article
                        || matches!(name, "article" | "main")
                        || el.attr("role") == Some("main"),
                    in_link: ctx.in_link || name == "a",
                };
                let block = BLOCK_TAGS.contains(&name) || (chrome_here && !ctx.chrome);
                if block {
                    self.flush(ctx);
                    self.stack.push((
                        node.id(),
                        name.to_string(),
                        el.attr("class").unwrap_or("").to_string(),
                    ));
                }
                for child in node.children() {
                    self.walk(child, inner);
                }
                if block {
                    self.flush(inner);
                    self.stack.pop();
                }
            }
            Node::Document | Node::Fragment => {
                for child in node.children() {
                    self.walk(child, ctx);
                }
            }
            _ => {}
        }
    }
}

fn is_hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// The words of an element's class and id, lower case, split at `-`, `_` and spaces.
fn name_words(el: &scraper::node::Element) -> Vec<String> {
    let mut words = Vec::new();
    for attr in [el.attr("class"), el.attr("id")].into_iter().flatten() {
        words.extend(
            attr.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .filter(|w| !w.is_empty())
                .map(str::to_ascii_lowercase),
        );
    }
    words
}

fn is_chrome(el: &scraper::node::Element, in_article: bool) -> bool {
    let name = el.name();
    if CHROME_TAGS.contains(&name) {
        return true;
    }
    if matches!(name, "header" | "footer") && !in_article {
        return true;
    }
    if el.attr("role").is_some_and(|r| CHROME_ROLES.contains(&r)) {
        return true;
    }
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    let words = name_words(el);
    words
        .iter()
        .any(|w| CHROME_CLASS_WORDS.contains(&w.as_str()))
}

fn class_has(class: &str, vocabulary: &[&str]) -> bool {
    class
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .any(|w| vocabulary.contains(&w.to_ascii_lowercase().as_str()))
}

fn scores(blocks: &[Block], doc: &Html) -> HashMap<NodeId, f64> {
    let mut raw: HashMap<NodeId, f64> = HashMap::new();
    let mut chars: HashMap<NodeId, (usize, usize)> = HashMap::new();
    for b in blocks.iter().filter(|b| !b.chrome) {
        let len = b.text.chars().count();
        for id in &b.ancestors {
            let e = chars.entry(*id).or_default();
            e.0 += len;
            e.1 += b.link_chars;
        }
        let scoreable = matches!(
            b.tag.as_str(),
            "p" | "pre" | "td" | "blockquote" | "div" | "section" | "article" | "main" | "body"
        );
        if !scoreable || len < SCORING_MIN_CHARS {
            continue;
        }
        let points = 1.0 + b.text.matches(',').count() as f64 + (len as f64 / 100.0).min(3.0);
        let parents = b.ancestors.iter().rev().skip(1).take(3);
        for (level, id) in parents.enumerate() {
            *raw.entry(*id).or_default() += points / (level as f64 + 1.0);
        }
    }
    raw.into_iter()
        .map(|(id, s)| {
            let bonus = doc
                .tree
                .get(id)
                .and_then(ElementRef::wrap)
                .map_or(0.0, |el| {
                    let e = el.value();
                    let content = matches!(e.name(), "article" | "main")
                        || name_words(e)
                            .iter()
                            .any(|w| CONTENT_CLASS_WORDS.contains(&w.as_str()));
                    if content { CONTENT_BONUS } else { 0.0 }
                });
            let (total, links) = chars.get(&id).copied().unwrap_or((1, 0));
            let density = links as f64 / total.max(1) as f64;
            (id, (s + bonus) * (1.0 - density))
        })
        .collect()
}

/// The containers that hold the story: the best-scoring one and its strong siblings.
fn story_containers(scores: &HashMap<NodeId, f64>, doc: &Html) -> HashSet<NodeId> {
    let mut out = HashSet::new();
    let Some((&top, &top_score)) = scores
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)))
    else {
        return out;
    };
    out.insert(top);
    let threshold = (top_score * SIBLING_SHARE).max(SIBLING_MIN_SCORE);
    if let Some(parent) = doc.tree.get(top).and_then(|n| n.parent()) {
        for sib in parent.children() {
            if scores.get(&sib.id()).is_some_and(|&s| s >= threshold) {
                out.insert(sib.id());
            }
        }
    }
    out
}

fn meta_title(doc: &Html) -> Option<String> {
    for sel in [
        "meta[property=\"og:title\"]",
        "meta[name=\"twitter:title\"]",
    ] {
        let Ok(selector) = Selector::parse(sel) else {
            continue;
        };
        if let Some(t) = doc
            .select(&selector)
            .filter_map(|m| m.value().attr("content"))
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .find(|t| !t.is_empty())
        {
            return Some(t);
        }
    }
    let selector = Selector::parse("title").ok()?;
    let title = doc.select(&selector).next()?;
    let text = title.text().collect::<String>();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Drop the site name: keep the longest part between " | ", " - ", " – ", " — ", " :: ".
    let mut parts = vec![text.as_str()];
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
        .into_iter()
        .map(str::trim)
        .max_by_key(|p| p.chars().count())
        .filter(|p| !p.is_empty())
        .map(str::to_string)
}

/// Extracts the story text of an HTML page.
pub fn extract(html: &str) -> Extracted {
    let doc = Html::parse_document(html);
    let mut walker = Walker::default();
    walker.walk(doc.tree.root(), Ctx::default());
    walker.flush(Ctx::default());
    let blocks = walker.blocks;

    let scores = scores(&blocks, &doc);
    let containers = story_containers(&scores, &doc);
    let in_story = |b: &Block| {
        !b.chrome && (containers.is_empty() || b.ancestors.iter().any(|a| containers.contains(a)))
    };
    let in_article = |b: &Block| {
        b.ancestors.iter().any(|&a| {
            doc.tree
                .get(a)
                .and_then(ElementRef::wrap)
                .is_some_and(|e| matches!(e.value().name(), "article" | "main"))
        })
    };

    // The headline: an <h1> in the story, else in an article, else any outside chrome, else a
    // chrome <h1> of three words or more, else the page's title metadata.
    let h1s: Vec<usize> = (0..blocks.len())
        .filter(|&i| blocks[i].tag == "h1")
        .collect();
    let headline_block = h1s
        .iter()
        .copied()
        .find(|&i| in_story(&blocks[i]))
        .or_else(|| h1s.iter().copied().find(|&i| in_article(&blocks[i])))
        .or_else(|| h1s.iter().copied().find(|&i| !blocks[i].chrome))
        .or_else(|| {
            h1s.iter()
                .copied()
                .find(|&i| blocks[i].text.split_whitespace().count() >= 3)
        });
    let headline = match headline_block {
        Some(i) => Some(blocks[i].text.replace('\n', " ")),
        None => meta_title(&doc),
    };
    // A deck: the block right after the headline, when it is an <h2> or its class names a
    // subtitle.
    let deck_block = headline_block.and_then(|h| {
        let next = blocks.get(h + 1)?;
        let looks_deck = next.tag == "h2" || class_has(&next.class, DECK_CLASS_WORDS);
        (looks_deck && !next.chrome && next.text.split_whitespace().count() >= 3).then_some(h + 1)
    });

    let mut out = Extracted::default();
    let mut kept_lines = 0;
    if let Some(h) = headline {
        let mut p0 = h;
        if let Some(d) = deck_block {
            p0.push('\n');
            p0.push_str(&blocks[d].text.replace('\n', " "));
        }
        kept_lines += p0.lines().count();
        out.paragraphs.push(p0);
    }
    for (i, b) in blocks.iter().enumerate() {
        if Some(i) == headline_block || Some(i) == deck_block {
            continue;
        }
        let len = b.text.chars().count().max(1);
        let link_heavy = b.link_chars as f64 / len as f64 > LINK_DENSITY_MAX;
        if in_story(b) && !link_heavy {
            kept_lines += b.text.lines().count();
            out.paragraphs.push(b.text.clone());
        } else {
            for line in b.text.lines() {
                out.removed.push((kept_lines, line.to_string()));
            }
        }
    }
    out
}

/// The encoding a page declares in `<meta charset>` or `<meta http-equiv content>`, looked for
/// in its first 4 KiB as the HTML standard's prescan does.
pub fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let re =
        regex::bytes::Regex::new(r#"(?i)<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)"#)
            .ok()?;
    let label = re.captures(head)?.get(1)?.as_bytes();
    let enc = encoding_rs::Encoding::for_label(label)?;
    // A page read as bytes cannot be UTF-16 if its meta tag was readable as ASCII.
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return Some(encoding_rs::UTF_8);
    }
    if enc == encoding_rs::X_USER_DEFINED {
        return Some(encoding_rs::WINDOWS_1252);
    }
    Some(enc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!(
            "<!doctype html><html><head><title>Site | Fallback title of the page</title>\
             <style>p {{ color: red }}</style><script>var x = 'script text';</script></head>\
             <body>{body}</body></html>"
        )
    }

    const STORY: &str = "<article><h1>Talks stall in Geneva</h1>\
        <p>GENEVA (Wire) - Negotiators from both sides left Geneva on Friday without a deal, \
        officials said, after three days of talks.</p>\
        <p>The delegations will meet again next month, a spokesman said, adding that progress \
        had been made on aid access.</p>\
        <p>The talks failed.</p></article>";

    #[test]
    fn extraction_table() {
        let table: &[(&str, &[&str], &[&str])] = &[
            (
                // A plain article: headline first, then every paragraph, nothing removed.
                STORY,
                &[
                    "Talks stall in Geneva",
                    "GENEVA (Wire) - Negotiators from both sides left Geneva on Friday without a deal, officials said, after three days of talks.",
                    "The delegations will meet again next month, a spokesman said, adding that progress had been made on aid access.",
                    "The talks failed.",
                ],
                &[],
            ),
            (
                // Chrome around the article is set aside; scripts and styles are never text.
                "<header><a href=/>Home</a> | <a href=/w>World</a></header>\
                 <nav><ul><li><a href=/p>Politics</a></li></ul></nav>\
                 <div class=\"share-bar\"><button>Share</button></div>\
                 <main>MAIN</main><aside><h3>Most Read</h3><p>Another story entirely</p></aside>\
                 <footer><p>Contact us</p></footer><script>document.write('x')</script>",
                &[
                    "Talks stall in Geneva",
                    "GENEVA (Wire) - Negotiators from both sides left Geneva on Friday without a deal, officials said, after three days of talks.",
                    "The delegations will meet again next month, a spokesman said, adding that progress had been made on aid access.",
                    "The talks failed.",
                ],
                &[
                    "Home | World",
                    "Politics",
                    "Share",
                    "Most Read",
                    "Another story entirely",
                    "Contact us",
                ],
            ),
            (
                // No <h1>: the <title> without the site name is the headline; <br> splits lines.
                "<div class=story-body><p>The first paragraph of the story runs long enough, \
                 with commas, to score.<br>Its second line follows a break.</p></div>",
                &[
                    "Fallback title of the page",
                    "The first paragraph of the story runs long enough, with commas, to score.\nIts second line follows a break.",
                ],
                &[],
            ),
            (
                // A deck after the headline joins paragraph 0.
                "<article><h1>Talks stall</h1><p class=\"article-standfirst\">Both sides blame \
                 each other</p><p>GENEVA (Wire) - Negotiators left Geneva on Friday, officials \
                 said, without a deal.</p></article>",
                &[
                    "Talks stall\nBoth sides blame each other",
                    "GENEVA (Wire) - Negotiators left Geneva on Friday, officials said, without a deal.",
                ],
                &[],
            ),
        ];
        for (body, want_paragraphs, want_removed) in table {
            let html = page(&body.replace("MAIN", STORY));
            let got = extract(&html);
            assert_eq!(got.paragraphs, *want_paragraphs, "page: {body}");
            let removed: Vec<&str> = got.removed.iter().map(|(_, l)| l.as_str()).collect();
            assert_eq!(removed, *want_removed, "page: {body}");
            let all = format!("{:?}", got);
            assert!(!all.contains("color: red") && !all.contains("script text"));
        }
    }

    #[test]
    fn declared_encoding_table() {
        let table: &[(&[u8], Option<&str>)] = &[
            (b"<meta charset=\"windows-1252\">", Some("windows-1252")),
            (
                b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-1\">",
                Some("windows-1252"),
            ),
            (b"<meta charset='utf-16'>", Some("UTF-8")),
            (b"<meta charset=koi8-r>", Some("KOI8-R")),
            (b"<p>no declaration</p>", None),
        ];
        for (bytes, want) in table {
            assert_eq!(declared_encoding(bytes).map(|e| e.name()), *want);
        }
    }
}
