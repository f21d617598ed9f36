//! Quotation marks: which stretches of a sentence are someone's own words.
//!
//! Double quotes (straight or curly) mark speech. A quotation may open in one sentence and close
//! in a later one of the same paragraph, so the caller passes whether a quotation is still open
//! when the sentence begins. Single quotes inside double quotes are nested and belong to the
//! outer quotation; single quotes outside them (`'clarity'`, headline style) are reported apart,
//! because they are speech only when the sentence names a speaker. Apostrophes (`Syria's`,
//! `don't`, `rebels'`) are never quotation marks.

use std::ops::Range;

use crate::classify::lexicon::may_hold_quote_mark;

/// One quotation in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quote {
    /// The quotation with its marks (character offsets).
    pub outer: Range<usize>,
    /// The quoted words without the marks.
    pub inner: Range<usize>,
    /// Marked with single quotes (headline style or scare quotes).
    pub single: bool,
}

/// The quotations of one sentence, and whether a double quotation is still open at its end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Quotes {
    /// In sentence order.
    pub spans: Vec<Quote>,
    /// A double quotation opened and not closed in this sentence.
    pub open_at_end: bool,
}

fn is_double(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}'
    )
}

fn is_single(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}')
}

/// Calls `mark` with the char index of every mark `is_mark` accepts, in order. In an ASCII
/// text (a char per byte) the only such mark is the byte `ascii`, which memchr finds.
fn each_mark(
    text: &str,
    chars: &[char],
    ascii: u8,
    is_mark: fn(char) -> bool,
    mark: impl FnMut(usize),
) {
    if text.len() == chars.len() {
        memchr::memchr_iter(ascii, text.as_bytes()).for_each(mark);
    } else {
        (0..chars.len())
            .filter(|&i| is_mark(chars[i]))
            .for_each(mark);
    }
}

fn space_or_edge(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '\u{2014}' | '\u{2013}' | '-'))
}

/// Does the mark at `i` open a quotation (rather than close one)? Decided by the characters on
/// either side; `None` when the context does not tell.
fn opens(chars: &[char], i: usize) -> Option<bool> {
    let c = chars[i];
    if matches!(c, '\u{201c}' | '\u{201e}' | '\u{ab}' | '\u{2018}') {
        return Some(true);
    }
    if matches!(c, '\u{201d}' | '\u{bb}') {
        return Some(false);
    }
    let before = i.checked_sub(1).map(|j| chars[j]);
    let after = chars.get(i + 1).copied();
    let before_open = space_or_edge(before);
    let after_open = after
        .is_none_or(|c| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | ')' | '?' | '!'));
    match (before_open, after_open) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// Finds the quotations of a sentence. `open_at_start` says a double quotation from an earlier
/// sentence of the paragraph is still running.
///
/// `"We are ready," he said.` → one quotation over `"We are ready,"` (inner `We are ready,`).
pub(crate) fn find(text: &str, chars: &[char], open_at_start: bool) -> Quotes {
    if !may_hold_quote_mark(text) {
        // No marks: at most the quotation still running from an earlier sentence.
        let spans = if open_at_start {
            vec![Quote {
                outer: 0..chars.len(),
                inner: 0..chars.len(),
                single: false,
            }]
        } else {
            Vec::new()
        };
        return Quotes {
            spans,
            open_at_end: open_at_start,
        };
    }
    let mut spans = Vec::new();
    let mut open: Option<usize> = if open_at_start { Some(0) } else { None };
    let mut continued = open_at_start;
    let mut mark = |i: usize| {
        let opening = match (opens(chars, i), open) {
            (Some(true), Some(start)) if continued && start == 0 && i == first_text(chars) => {
                // A quotation that runs on re-opens with a new mark: start from the mark.
                open = Some(i);
                continued = false;
                return;
            }
            (Some(v), _) => v,
            (None, o) => o.is_none(),
        };
        match (opening, open) {
            (true, None) => open = Some(i),
            (false, Some(start)) => {
                let inner_start = if continued && start == 0 {
                    0
                } else {
                    start + 1
                };
                spans.push(Quote {
                    outer: start..i + 1,
                    inner: inner_start..i,
                    single: false,
                });
                open = None;
                continued = false;
            }
            // A second opening mark while one is open, or a stray closing mark: ignore.
            _ => {}
        }
    };
    each_mark(text, chars, b'"', is_double, &mut mark);
    let open_at_end = open.is_some();
    if let Some(start) = open {
        let inner_start = if continued && start == 0 {
            0
        } else {
            start + 1
        };
        spans.push(Quote {
            outer: start..chars.len(),
            inner: inner_start.min(chars.len())..chars.len(),
            single: false,
        });
    }
    let mut singles = find_single(text, chars, &spans);
    spans.append(&mut singles);
    spans.sort_by_key(|q| q.outer.start);
    Quotes { spans, open_at_end }
}

fn first_text(chars: &[char]) -> usize {
    chars.iter().position(|c| !c.is_whitespace()).unwrap_or(0)
}

/// Single-quoted stretches outside double quotations. An opening mark follows a space (or the
/// start) and precedes a letter; a closing mark follows a letter or punctuation and precedes a
/// space, punctuation or the end. Apostrophes inside words never match either.
fn find_single(text: &str, chars: &[char], doubles: &[Quote]) -> Vec<Quote> {
    let inside = |i: usize| doubles.iter().any(|q| q.outer.contains(&i));
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut mark = |i: usize| {
        if inside(i) {
            return;
        }
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let can_open = (before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | ':')))
            && after.is_some_and(char::is_alphanumeric)
            && chars[i] != '\u{2019}';
        let can_close = before
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '!' | '?' | ','))
            && after.is_none_or(|c| !c.is_alphanumeric());
        match open {
            None if can_open => open = Some(i),
            Some(start) if can_close => {
                out.push(Quote {
                    outer: start..i + 1,
                    inner: start + 1..i,
                    single: true,
                });
                open = None;
            }
            _ => {}
        }
    };
    each_mark(text, chars, b'\'', is_single, &mut mark);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_mark_search_finds_what_the_char_scan_finds() {
        // The same sentences with a non-ASCII word added at the end take the char scan;
        // the quotations they hold must come out the same.
        let texts = [
            "The minister's aide said \"talks will resume\" after the 'pause' ended.",
            "\"We won't sign,\" he said, calling the plan a 'trap'.",
            "Rebels' 'humanitarian' corridor stays shut, the monitor's 'figures' show.",
            "'Ceasefire holds' in the north, \"mostly\", officials say.",
            "He said: \"It's over.\" Then he left.",
            "No marks at all in this plain line",
        ];
        for text in texts {
            for open in [false, true] {
                let wide = format!("{text} caf\u{e9}");
                let (mut ascii, _) = quoted(text, open);
                let (mut chars, _) = quoted(&wide, open);
                // A quotation left open runs to the end, which now holds the added word.
                for (q, _) in ascii.iter_mut().chain(chars.iter_mut()) {
                    if let Some(cut) = q.find(" caf\u{e9}") {
                        q.truncate(cut);
                    }
                }
                assert_eq!(ascii, chars, "{text:?} open={open}");
            }
        }
    }

    fn quoted(s: &str, open: bool) -> (Vec<(String, bool)>, bool) {
        let chars: Vec<char> = s.chars().collect();
        let q = find(s, &chars, open);
        let spans = q
            .spans
            .iter()
            .map(|q| (chars[q.inner.clone()].iter().collect(), q.single))
            .collect();
        (spans, q.open_at_end)
    }

    /// (sentence, quotation open at its start, quotations (inside, single), open at its end)
    type Case = (&'static str, bool, &'static [(&'static str, bool)], bool);

    #[test]
    fn finds_quotations() {
        let cases: &[Case] = &[
            // straight double quotes
            (
                "\"We are ready,\" he said.",
                false,
                &[("We are ready,", false)],
                false,
            ),
            // curly double quotes with a nested single quote
            (
                "\u{201c}They call it \u{2018}peace\u{2019},\u{201d} she said.",
                false,
                &[("They call it \u{2018}peace\u{2019},", false)],
                false,
            ),
            // two partial quotations
            (
                "Lavrov said \"progress was made\", noting \"work remains\".",
                false,
                &[("progress was made", false), ("work remains", false)],
                false,
            ),
            // a quotation that runs on into the next sentence
            (
                "\"We will not stop.",
                false,
                &[("We will not stop.", false)],
                true,
            ),
            // its continuation, closed mid-sentence
            (
                "We will go on,\" he said.",
                true,
                &[("We will go on,", false)],
                false,
            ),
            // apostrophes are not quotes
            (
                "Syria's army and the rebels' allies don't agree.",
                false,
                &[],
                false,
            ),
            // headline single quotes
            (
                "US, Russia achieve 'clarity' on path",
                false,
                &[("clarity", true)],
                false,
            ),
            // a whole sentence still inside an open quotation
            (
                "It will take time.",
                true,
                &[("It will take time.", false)],
                true,
            ),
        ];
        for (input, open, want, open_end) in cases {
            let (got, end) = quoted(input, *open);
            let want: Vec<(String, bool)> = want.iter().map(|(s, b)| (s.to_string(), *b)).collect();
            assert_eq!(got, want, "{input}");
            assert_eq!(end, *open_end, "{input}");
        }
    }

    #[test]
    fn never_panics_on_odd_marks() {
        for s in [
            "\"",
            "''",
            "\u{201d}\u{201c}",
            "'a",
            "a'",
            "\"\"\"",
            " ' \" ' ",
        ] {
            let chars: Vec<char> = s.chars().collect();
            let _ = find(s, &chars, true);
            let _ = find(s, &chars, false);
        }
    }
}
