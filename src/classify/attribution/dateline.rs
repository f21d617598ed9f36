//! Datelines: `GENEVA (AFP) -`, `Moscow, Aug 26 (Xinhua) --`, `BEIRUT, Lebanon (AP) —`.
//!
//! A dateline is metadata of the copy: it is reported in the version's `dateline` and is not a
//! source credit of its sentence.

use std::sync::LazyLock;

use regex::Regex;

/// The grammar of a dateline, as a regular expression: a place (in capitals, or capitalised
/// when an agency in brackets follows), an optional region or date after a comma, an optional
/// agency in brackets, then a dash. [`find`] runs it by hand (see [`Matcher`]): compiled, its
/// bounded repeats of Unicode letter classes cost tens of milliseconds, more than all the
/// searches of a large corpus. The tests check that both agree.
#[cfg(test)]
const PATTERN: &str = r"(?x)^\s*
        (?P<line>
          (?:
            # place with agency: GENEVA (AFP), Moscow, Aug 26 (Xinhua), BEIRUT, Lebanon (AP)
            (?P<place>\p{Lu}[\p{L}.'’\-]*(?:\x20\p{Lu}[\p{L}.'’\-]*){0,3})
            (?:,\x20[\p{L}0-9.\x20]{1,30}?)?
            \x20?\([\p{L}0-9&.\x20\-]{1,40}\)
          |
            # capitals only, no agency: WASHINGTON —
            \p{Lu}[\p{Lu}.'’\-]+(?:\x20\p{Lu}[\p{Lu}.'’\-]+){0,3}
            (?:,\x20[\p{L}0-9.\x20]{1,30}?)?
          )
        )
        \s*(?P<dash>--|[-\u{2013}\u{2014}:])\s+";

/// Most words of a place after its first (`{0,3}` in the grammar).
const MORE_PLACE_WORDS: usize = 3;
/// Most characters of the region or date after the comma (`{1,30}?`).
const REGION_CHARS: usize = 30;
/// Most characters inside the agency's brackets (`{1,40}`).
const AGENCY_CHARS: usize = 40;

/// A letter (`\p{L}`) or, with `upper`, a capital (`\p{Lu}`), by Unicode general category as
/// the regex classes have it: `char::is_alphabetic` and `char::is_uppercase` take in more.
fn letter(c: char, upper: bool) -> bool {
    if c.is_ascii() {
        return if upper {
            c.is_ascii_uppercase()
        } else {
            c.is_ascii_alphabetic()
        };
    }
    static LETTER: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"\A\p{L}\z").ok());
    static UPPER: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"\A\p{Lu}\z").ok());
    let class = if upper { &UPPER } else { &LETTER };
    let mut buf = [0; 4];
    class
        .as_ref()
        .is_some_and(|r| r.is_match(c.encode_utf8(&mut buf)))
}

/// A character of a place word after its first: `[\p{L}.'’\-]`, or `[\p{Lu}.'’\-]` in capitals.
fn place_char(c: char, upper: bool) -> bool {
    matches!(c, '.' | '\'' | '\u{2019}' | '-') || letter(c, upper)
}

/// A character of the region after the comma: `[\p{L}0-9.\x20]`.
fn region_char(c: char) -> bool {
    matches!(c, '0'..='9' | '.' | ' ') || letter(c, false)
}

/// A character inside the agency's brackets: `[\p{L}0-9&.\x20\-]`.
fn agency_char(c: char) -> bool {
    matches!(c, '0'..='9' | '&' | '.' | ' ' | '-') || letter(c, false)
}

/// Where a dateline match ends: the end of `line`, the dash and the end of the whole match
/// (byte offsets).
struct Found {
    line_end: usize,
    dash: (usize, usize),
    end: usize,
}

/// Runs the grammar of [`PATTERN`] over a text by backtracking, trying the alternatives in the
/// order the regex prefers them (greedy repeats longest first, the lazy region shortest first),
/// so the first success is the regex's leftmost-first match.
struct Matcher<'a> {
    text: &'a str,
}

/// What follows a piece of the grammar: given where the piece ended, the rest of the match.
type Next<'k> = &'k mut dyn FnMut(usize) -> Option<Found>;

impl Matcher<'_> {
    fn char_at(&self, at: usize) -> Option<char> {
        self.text.get(at..).and_then(|s| s.chars().next())
    }

    /// The ends of a run of up to `max` characters of `class` from `at`, shortest first
    /// (`at` itself included).
    fn run_ends(&self, at: usize, max: usize, class: impl Fn(char) -> bool) -> Vec<usize> {
        let mut ends = vec![at];
        let mut p = at;
        for c in self.text[at..].chars().take(max) {
            if !class(c) {
                break;
            }
            p += c.len_utf8();
            ends.push(p);
        }
        ends
    }

    /// `\p{Lu}` then `[...]*` (or `[...]+` in capitals), greedy.
    fn word(&self, at: usize, upper: bool, next: Next) -> Option<Found> {
        let c = self.char_at(at).filter(|&c| letter(c, true))?;
        let start = at + c.len_utf8();
        let ends = self.run_ends(start, usize::MAX, |c| place_char(c, upper));
        let min = usize::from(upper);
        ends.iter().skip(min).rev().find_map(|&e| next(e))
    }

    /// `(?:\x20 word){0,left}`, greedy.
    fn more_words(&self, at: usize, left: usize, upper: bool, next: Next) -> Option<Found> {
        if left > 0 && self.char_at(at) == Some(' ') {
            let found = self.word(at + 1, upper, &mut |p| {
                self.more_words(p, left - 1, upper, &mut *next)
            });
            if found.is_some() {
                return found;
            }
        }
        next(at)
    }

    /// `(?:,\x20[\p{L}0-9.\x20]{1,30}?)?`: with a region first, shortest region first.
    fn region(&self, at: usize, next: Next) -> Option<Found> {
        if self.text[at..].starts_with(", ") {
            let ends = self.run_ends(at + 2, REGION_CHARS, region_char);
            if let Some(found) = ends.iter().skip(1).find_map(|&e| next(e)) {
                return Some(found);
            }
        }
        next(at)
    }

    /// `\x20?\([\p{L}0-9&.\x20\-]{1,40}\)`.
    fn agency(&self, at: usize, next: Next) -> Option<Found> {
        // The optional space is greedy: with it first, then without.
        let spaced = (self.text.as_bytes().get(at) == Some(&b' ')).then_some(at + 1);
        [spaced, Some(at)].into_iter().flatten().find_map(|s| {
            if self.text.as_bytes().get(s) != Some(&b'(') {
                return None;
            }
            let ends = self.run_ends(s + 1, AGENCY_CHARS, agency_char);
            ends.iter()
                .skip(1)
                .rev()
                .find(|&&e| self.char_at(e) == Some(')'))
                .and_then(|&e| next(e + 1))
        })
    }

    /// `\s*(?P<dash>--|[-\u{2013}\u{2014}:])\s+` after the line.
    fn dash(&self, line_end: usize) -> Option<Found> {
        let ws = |at: usize| {
            self.text[at..]
                .char_indices()
                .find(|(_, c)| !c.is_whitespace())
                .map_or(self.text.len(), |(i, _)| at + i)
        };
        let d = ws(line_end);
        let rest = &self.text[d..];
        let lens: &[usize] = if rest.starts_with("--") {
            &[2, 1]
        } else {
            &[1]
        };
        lens.iter().find_map(|&n| {
            let c = rest.chars().next()?;
            let len = if n == 2 { 2 } else { c.len_utf8() };
            if n == 1 && !matches!(c, '-' | '\u{2013}' | '\u{2014}' | ':') {
                return None;
            }
            let end = ws(d + len);
            (end > d + len).then_some(Found {
                line_end,
                dash: (d, d + len),
                end,
            })
        })
    }

    /// The whole grammar from `at`, the first character after the leading white space.
    fn line(&self, at: usize) -> Option<Found> {
        let with_agency = self.word(at, false, &mut |p| {
            self.more_words(p, MORE_PLACE_WORDS, false, &mut |p| {
                self.region(p, &mut |p| self.agency(p, &mut |p| self.dash(p)))
            })
        });
        with_agency.or_else(|| {
            self.word(at, true, &mut |p| {
                self.more_words(p, MORE_PLACE_WORDS, true, &mut |p| {
                    self.region(p, &mut |p| self.dash(p))
                })
            })
        })
    }
}

/// Can `text` hold a dateline at all? It opens with a capital and has a dash followed by white
/// space; most sentences fail this and skip the search. A place without an agency in brackets
/// is in capitals, so a text with no `(` needs a capital or a mark of a place word (`.`, `'`,
/// `’`, `-`) for its second character too. (`char::is_uppercase` takes in every `\p{Lu}`.)
fn may_have_dateline(text: &str) -> bool {
    let body = text.trim_start();
    let mut opening = body.chars();
    if !opening.next().is_some_and(char::is_uppercase) {
        return false;
    }
    let in_capitals = opening
        .next()
        .is_some_and(|c| c.is_uppercase() || matches!(c, '.' | '\'' | '\u{2019}' | '-'));
    if !in_capitals && !body.contains('(') {
        return false;
    }
    // The dashes are `-`, `:` and the chars whose UTF-8 opens with `E2` (`–`, `—`), which
    // memchr finds; each is the start of a char.
    memchr::memchr3_iter(b'-', b':', 0xE2, body.as_bytes()).any(|at| {
        let mut after = body[at..].chars();
        matches!(after.next(), Some('-' | '\u{2013}' | '\u{2014}' | ':'))
            && after.next().is_some_and(char::is_whitespace)
    })
}

/// Finds a dateline at the start of `text`: returns its text (`GENEVA (AFP)`) and the character
/// offset where the sentence proper begins.
///
/// `LONDON (Reuters) - Oil rose.` → `("LONDON (Reuters)", 19)`
pub(crate) fn find(text: &str) -> Option<(String, usize)> {
    if !may_have_dateline(text) {
        return None;
    }
    let start = text.len() - text.trim_start().len();
    let found = Matcher { text }.line(start)?;
    let line = text[start..found.line_end].trim();
    // A mixed-case place needs an agency in brackets ("Moscow, Aug 26 (Xinhua) --"); without
    // one, "Kerry - who ..." would look like a dateline.
    let has_agency = line.ends_with(')');
    if !has_agency && line.chars().any(char::is_lowercase) {
        return None;
    }
    // "NEW DELHI:" is a dateline; "UN: aid gets through" is a headline.
    let colon = &text[found.dash.0..found.dash.1] == ":";
    if colon && !has_agency && line.chars().filter(|c| c.is_alphabetic()).count() < 4 {
        return None;
    }
    // The sentence proper must go on after the dash.
    let rest = &text[found.end..];
    if rest.trim().is_empty() {
        return None;
    }
    Some((line.to_string(), text[..found.end].chars().count()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::{ProptestConfig, prop_assert_eq, proptest};

    static DATELINE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(PATTERN).expect("dateline pattern is valid"));

    /// [`find`] as it read with the regex, for the hand-run grammar to agree with.
    fn find_by_regex(text: &str) -> Option<(String, usize)> {
        let caps = DATELINE.captures(text)?;
        let line = caps.name("line")?.as_str().trim();
        let whole = caps.get(0)?;
        let has_agency = line.ends_with(')');
        if !has_agency && line.chars().any(char::is_lowercase) {
            return None;
        }
        let colon = caps.name("dash").is_some_and(|d| d.as_str() == ":");
        if colon && !has_agency && line.chars().filter(|c| c.is_alphabetic()).count() < 4 {
            return None;
        }
        let rest = &text[whole.end()..];
        if rest.trim().is_empty() {
            return None;
        }
        Some((line.to_string(), text[..whole.end()].chars().count()))
    }

    /// The raw match (line and whole match end), before `find`'s own checks.
    fn raw_by_regex(text: &str) -> Option<(usize, usize, usize)> {
        let caps = DATELINE.captures(text)?;
        let dash = caps.name("dash")?;
        Some((caps.name("line")?.end(), dash.start(), caps.get(0)?.end()))
    }

    fn raw_by_hand(text: &str) -> Option<(usize, usize, usize)> {
        let start = text.len() - text.trim_start().len();
        let found = Matcher { text }.line(start)?;
        Some((found.line_end, found.dash.0, found.end))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn the_hand_run_grammar_matches_as_the_regex_does(
            text in "[ \t\u{a0}ABNYÉΣⅫⒶaeiß0-9,.'\u{2019}&()\\-\u{2013}\u{2014}:;\u{300}]{0,40}"
        ) {
            prop_assert_eq!(raw_by_hand(&text), raw_by_regex(&text));
            prop_assert_eq!(find(&text), find_by_regex(&text));
        }

        #[test]
        fn shaped_datelines_match_as_the_regex_does(
            lead in "[ \t]{0,2}",
            place in "[A-Z][A-Za-z.'\\-]{0,6}( [A-Z][A-Za-z.\\-]{0,5}){0,4}",
            region in "(, [A-Za-z0-9. ]{0,33})?",
            agency in "( ?\\([A-Za-z0-9&. \\-]{0,42}\\))?",
            dash in "[ \t]{0,2}(--|-|\u{2013}|\u{2014}|:|;)[ \t]{0,2}",
            rest in "[A-Za-z -]{0,8}",
        ) {
            let text = format!("{lead}{place}{region}{agency}{dash}{rest}");
            prop_assert_eq!(raw_by_hand(&text), raw_by_regex(&text));
            prop_assert_eq!(find(&text), find_by_regex(&text));
        }
    }

    #[test]
    fn finds_datelines_of_each_agency_style() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            (
                "GENEVA (AFP) - Talks resumed.",
                Some(("GENEVA (AFP)", "Talks resumed.")),
            ),
            (
                "TEHRAN (Tasnim) \u{2013} Iran said.",
                Some(("TEHRAN (Tasnim)", "Iran said.")),
            ),
            (
                "Moscow, Aug 26 (Xinhua) -- Russia said.",
                Some(("Moscow, Aug 26 (Xinhua)", "Russia said.")),
            ),
            (
                "WASHINGTON (AP) \u{2014} The talks ended.",
                Some(("WASHINGTON (AP)", "The talks ended.")),
            ),
            (
                "LONDON (Reuters) - Oil rose.",
                Some(("LONDON (Reuters)", "Oil rose.")),
            ),
            (
                "BEIRUT, Lebanon (AP) \u{2014} Shelling hit.",
                Some(("BEIRUT, Lebanon (AP)", "Shelling hit.")),
            ),
            (
                "NEW YORK \u{2014} Stocks fell.",
                Some(("NEW YORK", "Stocks fell.")),
            ),
            ("Kerry - who spoke first - said no.", None),
            ("The talks ended on Friday.", None),
            ("US, Russia achieve 'clarity': Kerry", None),
            ("UN: aid gets through to Aleppo.", None),
            ("NEW DELHI: Rain fell.", Some(("NEW DELHI", "Rain fell."))),
        ];
        for (input, want) in cases {
            let got = find(input).map(|(line, at)| {
                let rest: String = input.chars().skip(at).collect();
                (line, rest)
            });
            let want = want.map(|(l, r)| (l.to_string(), r.to_string()));
            assert_eq!(got, want, "{input}");
        }
    }
}
