//! Page boilerplate: navigation, widgets, teasers and repeated headlines, removed by general rules.
//!
//! Every line of every version is kept or listed in `removed_boilerplate`; nothing is dropped
//! silently. A line is removed when:
//!
//! - it is **page chrome by shape**, anywhere in the page: a short line (at most
//!   [`CHROME_MAX_WORDS`] words, no sentence end) that opens with web-page furniture ("Skip to",
//!   "Share", "Follow us", "Related", "Advertisement", "Most read", "Top stories", "Read
//!   more" …); a menu or breadcrumb (several short items between `|`, `•`, `»`, `>`, `/`); a
//!   line made only of a date or time; a temperature widget; a standalone byline ("By Jane
//!   Smith"); a sign-off credit ("(Reporting by …)"); a line of at most [`SHORT_MAX_WORDS`] words
//!   with no sentence end (an agency name, a section label, a menu item); a non-sentence line
//!   repeated in the page;
//! - it sits in the **top run** (before the first sentence) and is neither the headline nor
//!   the deck: nav items, a repeated headline, teasers. The headline is the first line of the
//!   run that another version shares (else the first of four words or more); the deck is the
//!   line after it when another version shares it or nothing else is left in the run;
//! - it sits in the **bottom run** (after the last sentence), looks like a teaser or list item
//!   (short, no sentence end) and no other version shares it;
//! - it follows a furniture line such as "Related" or "More on this story" in the body and is a
//!   teaser no other version shares, or it is one of three or more title-case teasers in a row.
//!
//! A line that ends like a sentence and has [`SENTENCE_MIN_WORDS`] words or more is never
//! removed, and the headline and deck become paragraph 0.

use std::sync::LazyLock;

use regex::Regex;

use super::Document;
use crate::segment::{ends_sentence, is_hard_wrapped};

/// Lines of at most this many words are checked against the page-furniture vocabulary.
pub const CHROME_MAX_WORDS: usize = 8;
/// Lines of at most this many words without a sentence end are never story text (except the
/// headline).
pub const SHORT_MAX_WORDS: usize = 3;
/// A teaser or list item has at most this many words.
pub const TEASER_MAX_WORDS: usize = 14;
/// A line ending like a sentence with at least this many words is always kept.
pub const SENTENCE_MIN_WORDS: usize = 5;
/// A line this long (in words) is running text even without a sentence end.
pub const RUNNING_TEXT_MIN_WORDS: usize = 16;
/// The first lines of another version that count as its headline region, for evidence.
pub const HEADLINE_REGION_LINES: usize = 6;
/// Word-set overlap (Jaccard) above which two lines are the same line.
pub const SHARED_LINE_JACCARD: f64 = 0.6;
/// Share of capitalised words (small words aside) that makes a line title-case.
pub const TITLE_CASE_SHARE: f64 = 0.7;
/// A run of at least this many title-case teasers inside the body is a list of links.
pub const TEASER_RUN_MIN: usize = 3;

static FURNITURE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^[\s\W]*(
            skip\ to | jump\ to | go\ to\ (the\ )?(main\ )?content | back\ to\ top |
            share\b | sharing\b | follow\ us | follow\ @ | sign\ (up|in)\b | log\ in\b | subscribe |
            read\ (more|also|next)\b | also\ read | see\ also | more\ (on|from|about)\b |
            more\ stories | related\b | recommended | you\ may\ (also\ )?like | don'?t\ miss |
            advertisement | sponsored | promoted | most\ (read|viewed|popular|visited|shared|watched|commented) |
            top\ (stories|news|headlines)\b | trending | latest\ (news|stories|headlines|videos)\b |
            editor'?s\ picks? | click\ here | copyright\b | © | all\ rights\ reserved |
            (photo|image|picture|video|graphic|file\ photo)s?\ ?: | print\b | e-?mail\b |
            comments?\b | listen\b | watch\b | download\b | tags?\b\s*: | topics?\s*: |
            breaking\ news$
        )",
    )
    .expect("static regex parses")
});

static FURNITURE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(advertisement|newsletter|cookies?|all rights reserved)\b")
        .expect("static regex parses")
});

static LIST_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(top|most|latest|more|related|popular|trending|recommended|other)\b.*\b(stories|news|articles|headlines|videos|reads|visited|viewed|popular|shared|watched)\b",
    )
    .expect("static regex parses")
});

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by|words by|written by|reporting by|text by)\s+\p{Lu}")
        .expect("static regex parses")
});

static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[(\[]\s*(reporting|writing|editing|additional reporting|compiled|translated|edited)\b.*[)\]]\.?$",
    )
    .expect("static regex parses")
});

static TEMPERATURE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"-?\d+\s*°\s*[CF]?\b|°[CF]\b").expect("static regex parses"));

static READ_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\d+\s*(min|mins|minutes?)\s+(read|watch|listen)$")
        .expect("static regex parses")
});

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{Lu}\s.,'-]{2,}(,[^()]{0,30})?\s*\([^)]{2,30}\)\s*[-–—:]")
        .expect("static regex parses")
});

const DATE_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const DATE_FILLER: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "modified",
    "on",
    "at",
    "am",
    "pm",
    "a.m",
    "p.m",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "est",
    "edt",
    "pst",
    "pdt",
    "ist",
    "msk",
    "local",
    "time",
    "the",
    "of",
    "today",
    "yesterday",
    "ago",
    "hours",
    "hour",
    "minutes",
    "mins",
];

const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "but", "at", "by", "with",
    "from", "as", "vs", "is", "are", "be",
];

/// Hashes of the lower-case alphanumeric words of a line, in order (no allocation per word).
fn word_hashes(line: &str) -> Vec<u64> {
    use std::hash::Hasher;
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut h = rustc_hash::FxHasher::default();
            for c in w.chars().flat_map(char::to_lowercase) {
                h.write_u32(c as u32);
            }
            h.finish()
        })
        .collect()
}

/// One hash for a whole line's words.
fn line_key(words: &[u64]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    for &w in words {
        h.write_u64(w);
    }
    h.write_usize(words.len());
    h.finish()
}

fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}

/// Lines of a version that count as evidence for the others: its sentences and the lines of
/// its headline region, as word hashes.
struct Evidence {
    /// Per line: its distinct word hashes, sorted.
    lines: Vec<Vec<u64>>,
    /// Whole-line keys.
    keys: rustc_hash::FxHashSet<u64>,
    /// Every evidence line's word hashes, one after the other, in page order.
    text: Vec<u64>,
}

impl Evidence {
    fn new(doc: &Document) -> Evidence {
        let mut lines = Vec::new();
        let mut keys = rustc_hash::FxHashSet::default();
        let mut text = Vec::new();
        for (i, line) in doc.paragraphs.iter().flat_map(|p| p.lines()).enumerate() {
            if i < HEADLINE_REGION_LINES || is_sentence_like(line) {
                let words = word_hashes(line);
                text.extend_from_slice(&words);
                keys.insert(line_key(&words));
                let mut set = words;
                set.sort_unstable();
                set.dedup();
                lines.push(set);
            }
        }
        Evidence { lines, keys, text }
    }

    fn shares(&self, line: &str) -> bool {
        let words = word_hashes(line);
        if words.is_empty() {
            return false;
        }
        if words.len() < SHORT_MAX_WORDS {
            return self.keys.contains(&line_key(&words));
        }
        // The line's words, in a row, somewhere in the other version's evidence.
        if self
            .text
            .windows(words.len())
            .any(|w| w == words.as_slice())
        {
            return true;
        }
        let mut set = words;
        set.sort_unstable();
        set.dedup();
        self.lines.iter().any(|other| {
            let inter = sorted_intersection(&set, other) as f64;
            let union = (set.len() + other.len()) as f64 - inter;
            union > 0.0 && inter / union >= SHARED_LINE_JACCARD
        })
    }
}

/// Size of the intersection of two sorted, distinct lists.
fn sorted_intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// A line of running text: ends like a sentence with three words or more, or is long, or opens
/// with a dateline.
fn is_sentence_like(line: &str) -> bool {
    let words = word_count(line);
    (ends_sentence(line) && words >= 3)
        || words >= RUNNING_TEXT_MIN_WORDS
        || DATELINE.is_match(line)
}

/// A real sentence: never removed.
fn is_protected(line: &str) -> bool {
    ends_sentence(line) && word_count(line) >= SENTENCE_MIN_WORDS
}

fn is_title_case(line: &str) -> bool {
    let words: Vec<&str> = line
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .filter(|w| !SMALL_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    if words.is_empty() {
        return false;
    }
    let caps = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    caps as f64 / words.len() as f64 >= TITLE_CASE_SHARE
}

/// A teaser or list item: short and without a sentence end (a question is a teaser only in
/// title case).
fn is_teaser(line: &str) -> bool {
    let words = word_count(line);
    if words == 0 || words > TEASER_MAX_WORDS || DATELINE.is_match(line) {
        return false;
    }
    let t = line.trim_end();
    if t.ends_with(':') {
        return false;
    }
    !ends_sentence(line)
        || (t.trim_end_matches(['"', '\'', '”', '’']).ends_with('?') && is_title_case(line))
}

fn is_menu(line: &str) -> bool {
    let parts: Vec<&str> = line
        .split(['|', '•', '·', '»', '›', '>', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 3
        && parts
            .iter()
            .all(|p| word_count(p) <= 4 && !ends_sentence(p))
}

fn is_date_only(line: &str) -> bool {
    let mut dated = false;
    for token in line.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '|' | '/' | '·' | '–' | '—' | '(' | ')')
    }) {
        let t = token
            .trim_matches(|c: char| matches!(c, ':' | '-' | '.'))
            .to_lowercase();
        if t.is_empty() {
            continue;
        }
        let number = t
            .trim_end_matches(|c: char| c.is_alphabetic())
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | '-'))
            && t.chars().next().is_some_and(|c| c.is_ascii_digit())
            && matches!(
                t.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, ':' | '.' | '-')),
                "" | "st" | "nd" | "rd" | "th" | "am" | "pm" | "h"
            );
        if DATE_WORDS.contains(&t.as_str()) || number {
            dated = true;
        } else if !DATE_FILLER.contains(&t.as_str()) {
            return false;
        }
    }
    dated
}

/// Page chrome by the shape of the line alone.
fn is_chrome(line: &str) -> bool {
    if is_protected(line) {
        return false;
    }
    let words = word_count(line);
    let short = words <= CHROME_MAX_WORDS;
    (short && (FURNITURE_START.is_match(line) || FURNITURE_WORD.is_match(line)))
        || (words <= 6 && LIST_TITLE.is_match(line) && !ends_sentence(line))
        || is_menu(line)
        || is_date_only(line)
        || (words <= 6 && TEMPERATURE.is_match(line))
        || (words <= 10 && BYLINE.is_match(line) && !line.contains(['.', '!', '?']))
        || CREDIT.is_match(line.trim())
        || READ_TIME.is_match(line.trim())
}

/// A line opening a list of links in the body ("Related", "More on this story", "Read more:").
fn opens_link_list(line: &str) -> bool {
    is_chrome(line)
        && (FURNITURE_START.is_match(line) || LIST_TITLE.is_match(line))
        && !FURNITURE_WORD.is_match(line)
}

fn is_short(line: &str) -> bool {
    word_count(line) <= SHORT_MAX_WORDS && !ends_sentence(line)
}

/// Removes boilerplate lines from every document, using evidence across versions, and records
/// what was removed in each document's `removed_boilerplate`, in page order.
pub fn strip(docs: &mut [Document]) {
    let evidence: Vec<Evidence> = docs.iter().map(Evidence::new).collect();
    for (d, doc) in docs.iter_mut().enumerate() {
        let others: Vec<&Evidence> = evidence
            .iter()
            .enumerate()
            .filter(|&(e, _)| e != d)
            .map(|(_, ev)| ev)
            .collect();
        strip_one(doc, &others);
    }
}

fn strip_one(doc: &mut Document, others: &[&Evidence]) {
    let lines: Vec<(usize, String)> = doc
        .paragraphs
        .iter()
        .enumerate()
        .flat_map(|(p, text)| {
            // A hard-wrapped paragraph is one line of running text, not a run of short lines.
            let lines: Vec<String> = if is_hard_wrapped(text) {
                vec![text.split_whitespace().collect::<Vec<_>>().join(" ")]
            } else {
                text.lines().map(|l| l.trim().to_string()).collect()
            };
            lines.into_iter().map(move |l| (p, l))
        })
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let shared = |line: &str| others.iter().any(|e| e.shares(line));
    let n = lines.len();
    let mut removed = vec![false; n];

    // Chrome by shape, and non-sentence lines repeated in the page (after their first time).
    let mut seen: rustc_hash::FxHashSet<u64> = rustc_hash::FxHashSet::default();
    for (i, (_, line)) in lines.iter().enumerate() {
        let words = word_hashes(line);
        let repeated =
            !words.is_empty() && !seen.insert(line_key(&words)) && !is_sentence_like(line);
        if is_chrome(line) || repeated {
            removed[i] = true;
        }
    }

    // The top run: headline, deck, and whatever else stands before the first sentence.
    let first_body = (0..n).find(|&i| !removed[i] && is_sentence_like(&lines[i].1));
    // A text with no line of running text at all (no sentence punctuation anywhere) has no
    // page shape to read: its lines are its content, and only chrome by shape goes.
    let top_end = first_body.unwrap_or(0);
    let candidates: Vec<usize> = (0..top_end).filter(|&i| !removed[i]).collect();
    let headline = candidates
        .iter()
        .copied()
        .find(|&i| word_count(&lines[i].1) >= SHORT_MAX_WORDS && shared(&lines[i].1))
        .or_else(|| {
            candidates
                .iter()
                .copied()
                .find(|&i| word_count(&lines[i].1) > SHORT_MAX_WORDS)
        })
        .or_else(|| candidates.first().copied());
    let mut deck = None;
    if let Some(h) = headline {
        let headline_key = word_hashes(&lines[h].1);
        for &i in &candidates {
            if i != h && word_hashes(&lines[i].1) == headline_key {
                removed[i] = true;
            }
        }
        let rest: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| i > h && !removed[i] && !is_short(&lines[i].1))
            .collect();
        if let Some(&next) = rest.first() {
            let line = &lines[next].1;
            if word_count(line) >= SENTENCE_MIN_WORDS
                && (shared(line) || rest.len() == 1)
                && !is_short(line)
            {
                deck = Some(next);
            }
        }
        for &i in &candidates {
            let line = &lines[i].1;
            if i != h && Some(i) != deck && (is_teaser(line) || is_short(line)) {
                removed[i] = true;
            }
        }
    }

    if let Some(first) = first_body {
        // The bottom run: teasers and list items after the last sentence.
        let last_body = (first..n)
            .rev()
            .find(|&i| !removed[i] && is_sentence_like(&lines[i].1))
            .unwrap_or(first);
        for i in last_body + 1..n {
            let line = &lines[i].1;
            if is_short(line) || (is_teaser(line) && !shared(line)) {
                removed[i] = true;
            }
        }
        // The body: short labels, link lists after a furniture line, runs of title-case teasers.
        let mut in_link_list = false;
        let mut run: Vec<usize> = Vec::new();
        for i in first..=last_body {
            let line = &lines[i].1;
            if is_short(line) && !removed[i] {
                removed[i] = true;
            }
            if removed[i] {
                in_link_list = in_link_list || opens_link_list(line);
                continue;
            }
            let teaser = is_teaser(line) && !shared(line);
            if in_link_list && teaser {
                removed[i] = true;
                continue;
            }
            in_link_list = false;
            if teaser && is_title_case(line) {
                run.push(i);
            } else {
                if run.len() >= TEASER_RUN_MIN {
                    run.iter().for_each(|&r| removed[r] = true);
                }
                run.clear();
            }
        }
        if run.len() >= TEASER_RUN_MIN {
            run.iter().for_each(|&r| removed[r] = true);
        }
    }

    // Rebuild: headline and deck as paragraph 0, the rest in page order.
    let mut paragraphs: Vec<String> = Vec::new();
    let mut order: Vec<usize> = Vec::new();
    if let Some(h) = headline.filter(|&h| !removed[h]) {
        let mut p0 = lines[h].1.clone();
        order.push(h);
        if let Some(d) = deck {
            p0.push('\n');
            p0.push_str(&lines[d].1);
            order.push(d);
        }
        paragraphs.push(p0);
    }
    let mut last_para = None;
    for (i, (p, line)) in lines.iter().enumerate() {
        if removed[i] || Some(i) == headline || Some(i) == deck {
            continue;
        }
        match paragraphs.last_mut() {
            Some(last) if last_para == Some(*p) => {
                last.push('\n');
                last.push_str(line);
            }
            _ => paragraphs.push(line.clone()),
        }
        last_para = Some(*p);
        order.push(i);
    }

    // Removed lines, old and new, in page order; positions count kept lines before each.
    let kept_before = |line_index: usize| order.iter().filter(|&&k| k < line_index).count();
    let old_positions = std::mem::take(&mut doc.removed_positions);
    let old: Vec<(usize, String)> = std::mem::take(&mut doc.removed_boilerplate)
        .into_iter()
        .enumerate()
        .map(|(k, l)| (old_positions.get(k).copied().unwrap_or(0), l))
        .collect();
    let mut old = old.into_iter().peekable();
    for i in 0..n {
        while let Some((pos, line)) = old.next_if(|(pos, _)| *pos <= i) {
            doc.removed_positions.push(kept_before(pos));
            doc.removed_boilerplate.push(line);
        }
        if removed[i] {
            doc.removed_positions.push(kept_before(i));
            doc.removed_boilerplate.push(lines[i].1.clone());
        }
    }
    for (pos, line) in old {
        doc.removed_positions.push(kept_before(pos));
        doc.removed_boilerplate.push(line);
    }
    doc.paragraphs = paragraphs;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document {
            id: "v".into(),
            paragraphs: crate::ingest::paragraphs(text),
            ..Document::default()
        }
    }

    const BODY: &str = "BRUSSELS (Wire) - Ministers failed on Tuesday to agree a budget for next year, \
        officials said.\n\nThe talks failed.\n\n\"We will try again,\" the chair said.";

    #[test]
    fn line_shape_table() {
        let table: &[(&str, bool)] = &[
            ("Skip to main content", true),
            ("Home | World | Politics | Business", true),
            ("News > Europe > Belgium", true),
            ("Tuesday, 12 March 2024", true),
            ("Updated: 14:05 GMT, 12 Mar 2024", true),
            ("Brussels 9°C", true),
            ("Advertisement", true),
            ("ADVERTISEMENT - SCROLL TO CONTINUE", true),
            ("By Ana Ruiz and Tom Berg", true),
            ("(Reporting by Ana Ruiz; Editing by Tom Berg)", true),
            ("Share this article", true),
            ("Follow us on Telegram", true),
            ("Most Read in Europe", true),
            ("More Europe stories", true),
            ("4 min read", true),
            ("Read more: Budget row deepens", true),
            ("The talks failed.", false),
            ("Ministers met on Tuesday.", false),
            (
                "Share prices fell sharply after the budget talks collapsed on Tuesday.",
                false,
            ),
            ("By Tuesday the ministers had agreed nothing at all.", false),
            ("Budget talks collapse in Brussels", false),
            (
                "Brussels is 9 km from the airport and the talks ran late into the night.",
                false,
            ),
        ];
        for (line, want) in table {
            assert_eq!(is_chrome(line), *want, "{line:?}");
        }
    }

    #[test]
    fn strip_table() {
        // (page text, other version, kept paragraphs, removed lines)
        let table: &[(&str, &str, &[&str], &[&str])] = &[
            (
                // Nav, widgets, byline and a repeated headline at the top; teasers at the bottom.
                "Skip to main content\nHome | World | Europe | Business\nBrussels 9°C\n\n\
                 Budget talks collapse in Brussels\n\nBudget talks collapse in Brussels\n\n\
                 Ministers trade blame as deadline passes\n\nBy Ana Ruiz\nTuesday, 12 March 2024\n\nBODY\n\n\
                 Share this article\n\nMost Read\nFarmers Block Roads Near Parliament\nRail Strike Called Off\n\
                 Wire",
                "Budget talks collapse in Brussels\n\nBODY",
                &[
                    "Budget talks collapse in Brussels\nMinisters trade blame as deadline passes",
                    "BRUSSELS (Wire) - Ministers failed on Tuesday to agree a budget for next year, officials said.",
                    "The talks failed.",
                    "\"We will try again,\" the chair said.",
                ],
                &[
                    "Skip to main content",
                    "Home | World | Europe | Business",
                    "Brussels 9°C",
                    "Budget talks collapse in Brussels",
                    "By Ana Ruiz",
                    "Tuesday, 12 March 2024",
                    "Share this article",
                    "Most Read",
                    "Farmers Block Roads Near Parliament",
                    "Rail Strike Called Off",
                    "Wire",
                ],
            ),
            (
                // Advertisement and a related list inside the body; crosshead-free body kept.
                "Budget talks collapse\n\nBODY\n\nAdvertisement\n\nRelated\nFarmers block roads near parliament\n\n\
                 The next meeting is set for April, a spokesman said.",
                "Budget talks collapse\n\nThe next meeting is set for April, a spokesman said.",
                &[
                    "Budget talks collapse",
                    "BRUSSELS (Wire) - Ministers failed on Tuesday to agree a budget for next year, officials said.",
                    "The talks failed.",
                    "\"We will try again,\" the chair said.",
                    "The next meeting is set for April, a spokesman said.",
                ],
                &[
                    "Advertisement",
                    "Related",
                    "Farmers block roads near parliament",
                ],
            ),
            (
                // A hard-wrapped lead without a dateline is running text, not a top-run teaser.
                "Budget talks collapse\n\nMinisters from the bloc's member states failed on\n\
                 Tuesday to agree a budget for next year after talks\n\
                 that ran through the night, officials said.",
                "Budget talks collapse",
                &[
                    "Budget talks collapse",
                    "Ministers from the bloc's member states failed on Tuesday to agree a budget for next year after talks that ran through the night, officials said.",
                ],
                &[],
            ),
            (
                // A bottom line another version shares is kept.
                "Budget talks collapse\n\nBODY\n\nMinisters to meet again in April",
                "Budget talks collapse\n\nBODY\n\nMinisters to meet again in April",
                &[
                    "Budget talks collapse",
                    "BRUSSELS (Wire) - Ministers failed on Tuesday to agree a budget for next year, officials said.",
                    "The talks failed.",
                    "\"We will try again,\" the chair said.",
                    "Ministers to meet again in April",
                ],
                &[],
            ),
        ];
        for (page, other, want_kept, want_removed) in table {
            let mut docs = vec![
                doc(&page.replace("BODY", BODY)),
                doc(&other.replace("BODY", BODY)),
            ];
            strip(&mut docs);
            assert_eq!(docs[0].paragraphs, *want_kept, "page: {page}");
            assert_eq!(docs[0].removed_boilerplate, *want_removed, "page: {page}");
            assert_eq!(
                docs[0].removed_positions.len(),
                docs[0].removed_boilerplate.len()
            );
        }
    }

    #[test]
    fn every_line_is_kept_or_listed() {
        let page = "Home | News\n\nHeadline of the story here\n\nHeadline of the story here\n\nBODY\n\nTop Stories\nOther Thing Happens";
        let mut docs = vec![doc(&page.replace("BODY", BODY)), doc(BODY)];
        let before: Vec<String> = docs[0]
            .paragraphs
            .iter()
            .flat_map(|p| p.lines().map(str::to_string))
            .collect();
        strip(&mut docs);
        let mut after: Vec<String> = docs[0]
            .paragraphs
            .iter()
            .flat_map(|p| p.lines().map(str::to_string))
            .collect();
        after.extend(docs[0].removed_boilerplate.iter().cloned());
        let mut before_sorted = before.clone();
        before_sorted.sort();
        after.sort();
        assert_eq!(before_sorted, after);
    }

    #[test]
    fn extraction_removals_stay_in_page_order() {
        let mut d = doc("Headline of the story here\n\nBODY\n\nTop Stories"
            .replace("BODY", BODY)
            .as_str());
        // As HTML extraction leaves them: a nav line before everything, a footer after.
        d.removed_boilerplate = vec!["Menu".into(), "Contact us".into()];
        d.removed_positions = vec![0, 5];
        let mut docs = vec![d];
        strip(&mut docs);
        assert_eq!(
            docs[0].removed_boilerplate,
            ["Menu", "Top Stories", "Contact us"]
        );
        assert_eq!(docs[0].removed_positions, [0, 4, 4]);
    }
}
