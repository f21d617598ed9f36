//! The page-furniture patterns the boilerplate rules test lines against.
//!
//! Each pattern is written as a regex, which is what it means. The ones most lines meet are
//! also matched by hand, character by character, with the same answers: compiling their
//! Unicode regexes costs more than stripping a few hundred pages, and a line seldom needs
//! them. A hand matcher answers `None` for a line holding a character whose class it cannot
//! tell without Unicode tables (see [`word_char`]); that line goes to the regex, compiled on
//! first use. `tests` hold every hand matcher to its regex.

use std::sync::LazyLock;

use regex::Regex;

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

/// A line opening with web-page furniture ([`FURNITURE_START`]: "Skip to", "Share", "Most
/// read", "Photo:" …, after any non-word characters).
pub(super) fn opens_with_furniture(line: &str) -> bool {
    furniture_start_by_hand(line).unwrap_or_else(|| FURNITURE_START.is_match(line))
}

/// A line with a furniture word anywhere ([`FURNITURE_WORD`]: "advertisement", "newsletter",
/// "cookies", "all rights reserved").
pub(super) fn has_furniture_word(line: &str) -> bool {
    furniture_word_by_hand(line).unwrap_or_else(|| FURNITURE_WORD.is_match(line))
}

/// A list title ([`LIST_TITLE`]: "Top stories", "More Europe news", "Most visited").
pub(super) fn is_list_title(line: &str) -> bool {
    list_title_by_hand(line).unwrap_or_else(|| LIST_TITLE.is_match(line))
}

/// A temperature widget's reading ([`TEMPERATURE`]: "9°C", "14 °F").
pub(super) fn has_temperature(line: &str) -> bool {
    temperature_by_hand(line).unwrap_or_else(|| TEMPERATURE.is_match(line))
}

/// A standalone byline ([`BYLINE`]: "By Jane Smith", "Reporting by Tom Berg").
pub(super) fn opens_with_byline(line: &str) -> bool {
    byline_by_hand(line).unwrap_or_else(|| BYLINE.is_match(line))
}

/// A dateline opening the line ([`DATELINE`]: `GENEVA (Reuters) -`, `KYIV, Ukraine (AP) —`).
/// It opens with an upper-case letter (`\p{Lu}`, which `char::is_uppercase` includes).
pub(super) fn opens_with_dateline(line: &str) -> bool {
    line.chars().next().is_some_and(char::is_uppercase)
        && dateline_by_hand(line).unwrap_or_else(|| DATELINE.is_match(line))
}

/// A sign-off credit ([`CREDIT`]) or a reading time ([`READ_TIME`]); both patterns are
/// anchored, so the first character (a bracket, a digit) rules most lines out before any regex
/// runs.
pub(super) fn is_credit_or_read_time(trimmed: &str) -> bool {
    match trimmed.chars().next() {
        Some('(' | '[') => CREDIT.is_match(trimmed),
        // `\d` is a Unicode decimal digit, which `is_numeric` includes.
        Some(c) if c.is_numeric() => READ_TIME.is_match(trimmed),
        _ => false,
    }
}

/// Whether `c` is one of the two non-ASCII letters a case-insensitive pattern takes for an
/// ASCII one: `ſ` (U+017F) for `s` and the Kelvin sign (U+212A) for `k`.
fn folds_to_ascii(c: char) -> bool {
    matches!(c, '\u{17f}' | '\u{212a}')
}

/// Whether `c` is a word character (Unicode `\w`, which `\b` and `\W` read), when that can be
/// told without Unicode tables: an ASCII character, a letter of the Latin, Greek and Cyrillic
/// blocks (`Alphabetic` is part of `\w`), white space, or common punctuation and symbols
/// (Latin-1 signs, dashes, quotes, bullets, primes, `€`, `™`), which are not. `None` for the
/// rest (marks, other symbols, and letters of other scripts, where the standard library may
/// know newer Unicode letters than the regex crate).
///
/// The case-insensitive patterns match `ſ` (U+017F) for `s` and the Kelvin sign (U+212A) for
/// `k`, so those two letters are unknown too: a line with one goes to the regex.
fn word_char(c: char) -> Option<bool> {
    if c.is_ascii() {
        Some(c.is_ascii_alphanumeric() || c == '_')
    } else if folds_to_ascii(c) {
        None
    } else if matches!(c, '\u{80}'..=LETTERS_COMMON_END | '\u{1e00}'..='\u{1fff}')
        && c.is_alphabetic()
    {
        Some(true)
    } else if c.is_whitespace()
        || matches!(
            c,
            '\u{a1}'..='\u{bf}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{203e}' | '€' | '™'
        )
    {
        Some(false)
    } else {
        None
    }
}

/// The end of the Latin, Greek and Cyrillic blocks from U+0080 (Cyrillic Supplement).
const LETTERS_COMMON_END: char = '\u{52f}';

/// Whether `c` is a decimal digit (Unicode `\d`), when that can be told without Unicode
/// tables: ASCII, or not numeric at all. `None` for other numeric characters.
fn decimal_digit(c: char) -> Option<bool> {
    if c.is_ascii() || !c.is_numeric() {
        Some(c.is_ascii_digit())
    } else {
        None
    }
}

/// Whether a word boundary (`\b`) stands before `rest`, after a word character: `rest` is
/// empty or opens with a character that is not a word character.
fn boundary_before(rest: &str) -> Option<bool> {
    match rest.chars().next() {
        Some(c) => word_char(c).map(|word| !word),
        None => Some(true),
    }
}

/// Calls `each` with every run of word characters in `line` (a word between `\b`s) and the
/// text since the previous run, in order, until it returns true. `Some(true)` when it did,
/// `None` when a character's class is unknown ([`word_char`]).
fn any_word<'a>(line: &'a str, mut each: impl FnMut(&'a str, &'a str) -> bool) -> Option<bool> {
    let bytes = line.as_bytes();
    let mut gap_start = 0;
    let mut word_start = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (word, len) = if b.is_ascii() {
            (b.is_ascii_alphanumeric() || b == b'_', 1)
        } else {
            let c = line[i..].chars().next()?;
            (word_char(c)?, c.len_utf8())
        };
        let at = i;
        i += len;
        match (word, word_start) {
            (true, None) => word_start = Some(at),
            (false, Some(start)) => {
                if each(&line[gap_start..start], &line[start..at]) {
                    return Some(true);
                }
                word_start = None;
                gap_start = at;
            }
            _ => {}
        }
    }
    Some(word_start.is_some_and(|start| each(&line[gap_start..start], &line[start..])))
}

/// What must follow a phrase of [`FURNITURE_PHRASES`] for [`FURNITURE_START`] to match.
#[derive(Clone, Copy)]
enum Then {
    /// Anything.
    Any,
    /// A word boundary (`\b`; every such phrase ends with a letter).
    Boundary,
    /// White space, maybe none, and a colon (`\b\s*:` and `\s*:`).
    Colon,
    /// A colon, maybe after one space (`\ ?:`).
    SpaceColon,
    /// The end of the line (`$`).
    End,
}

/// [`FURNITURE_START`]'s alternatives but `©`, in lower case, each optional part (`(the\ )?`,
/// `'?`, `s?`) spelled out both ways; by first letter.
const FURNITURE_PHRASES: &[(u8, &[(&str, Then)])] = &[
    (
        b'a',
        &[
            ("advertisement", Then::Any),
            ("all rights reserved", Then::Any),
            ("also read", Then::Any),
        ],
    ),
    (
        b'b',
        &[("back to top", Then::Any), ("breaking news", Then::End)],
    ),
    (
        b'c',
        &[
            ("click here", Then::Any),
            ("comment", Then::Boundary),
            ("comments", Then::Boundary),
            ("copyright", Then::Boundary),
        ],
    ),
    (
        b'd',
        &[
            ("don't miss", Then::Any),
            ("dont miss", Then::Any),
            ("download", Then::Boundary),
        ],
    ),
    (
        b'e',
        &[
            ("e-mail", Then::Boundary),
            ("editor's pick", Then::Any),
            ("editors pick", Then::Any),
            ("email", Then::Boundary),
        ],
    ),
    (
        b'f',
        &[
            ("file photo", Then::SpaceColon),
            ("file photos", Then::SpaceColon),
            ("follow @", Then::Any),
            ("follow us", Then::Any),
        ],
    ),
    (
        b'g',
        &[
            ("go to content", Then::Any),
            ("go to main content", Then::Any),
            ("go to the content", Then::Any),
            ("go to the main content", Then::Any),
            ("graphic", Then::SpaceColon),
            ("graphics", Then::SpaceColon),
        ],
    ),
    (
        b'i',
        &[("image", Then::SpaceColon), ("images", Then::SpaceColon)],
    ),
    (b'j', &[("jump to", Then::Any)]),
    (
        b'l',
        &[
            ("latest headlines", Then::Boundary),
            ("latest news", Then::Boundary),
            ("latest stories", Then::Boundary),
            ("latest videos", Then::Boundary),
            ("listen", Then::Boundary),
            ("log in", Then::Boundary),
        ],
    ),
    (
        b'm',
        &[
            ("more about", Then::Boundary),
            ("more from", Then::Boundary),
            ("more on", Then::Boundary),
            ("more stories", Then::Any),
            ("most commented", Then::Any),
            ("most popular", Then::Any),
            ("most read", Then::Any),
            ("most shared", Then::Any),
            ("most viewed", Then::Any),
            ("most visited", Then::Any),
            ("most watched", Then::Any),
        ],
    ),
    (
        b'p',
        &[
            ("photo", Then::SpaceColon),
            ("photos", Then::SpaceColon),
            ("picture", Then::SpaceColon),
            ("pictures", Then::SpaceColon),
            ("print", Then::Boundary),
            ("promoted", Then::Any),
        ],
    ),
    (
        b'r',
        &[
            ("read also", Then::Boundary),
            ("read more", Then::Boundary),
            ("read next", Then::Boundary),
            ("recommended", Then::Any),
            ("related", Then::Boundary),
        ],
    ),
    (
        b's',
        &[
            ("see also", Then::Any),
            ("share", Then::Boundary),
            ("sharing", Then::Boundary),
            ("sign in", Then::Boundary),
            ("sign up", Then::Boundary),
            ("skip to", Then::Any),
            ("sponsored", Then::Any),
            ("subscribe", Then::Any),
        ],
    ),
    (
        b't',
        &[
            ("tag", Then::Colon),
            ("tags", Then::Colon),
            ("top headlines", Then::Boundary),
            ("top news", Then::Boundary),
            ("top stories", Then::Boundary),
            ("topic", Then::Colon),
            ("topics", Then::Colon),
            ("trending", Then::Any),
        ],
    ),
    (
        b'v',
        &[("video", Then::SpaceColon), ("videos", Then::SpaceColon)],
    ),
    (b'w', &[("watch", Then::Boundary)]),
    (
        b'y',
        &[
            ("you may also like", Then::Any),
            ("you may like", Then::Any),
        ],
    ),
];

/// [`FURNITURE_START`] by hand. Its `[\s\W]*` skips the non-word characters the line opens
/// with; every alternative but `©` (itself one of them) opens with a letter, so it stands at
/// the first word character.
fn furniture_start_by_hand(line: &str) -> Option<bool> {
    let mut start = line.len();
    for (i, c) in line.char_indices() {
        if word_char(c)? {
            start = i;
            break;
        }
        if c == '©' {
            return Some(true);
        }
    }
    let rest = &line[start..];
    let first = rest.as_bytes().first().map(u8::to_ascii_lowercase);
    let phrases = FURNITURE_PHRASES
        .iter()
        .find(|&&(letter, _)| Some(letter) == first)
        .map_or(&[][..], |&(_, phrases)| phrases);
    for &(phrase, then) in phrases {
        let Some(head) = rest.get(..phrase.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(phrase) {
            continue;
        }
        let after = &rest[phrase.len()..];
        let follows = match then {
            Then::Any => true,
            Then::Boundary => boundary_before(after)?,
            Then::Colon => after
                .trim_start_matches(char::is_whitespace)
                .starts_with(':'),
            Then::SpaceColon => after.starts_with(':') || after.starts_with(" :"),
            Then::End => after.is_empty(),
        };
        if follows {
            return Some(true);
        }
    }
    // No phrase: but a line with `ſ` or the Kelvin sign further on is still the regex's.
    (rest.is_ascii() || !rest.chars().any(folds_to_ascii)).then_some(false)
}

/// [`FURNITURE_WORD`] by hand: a word that is one of its words, or `all`, `rights` and
/// `reserved` one space apart.
fn furniture_word_by_hand(line: &str) -> Option<bool> {
    // The word before the last, and the last with the gap before it.
    let mut two_back = "";
    let mut one_back = ("", "");
    any_word(line, |gap, word| {
        let found = ["advertisement", "newsletter", "cookie", "cookies"]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w))
            || (word.eq_ignore_ascii_case("reserved")
                && gap == " "
                && one_back.0.eq_ignore_ascii_case("rights")
                && one_back.1 == " "
                && two_back.eq_ignore_ascii_case("all"));
        two_back = one_back.0;
        one_back = (word, gap);
        found
    })
}

/// [`LIST_TITLE`]'s first words.
const LIST_OPENERS: &[&str] = &[
    "top",
    "most",
    "latest",
    "more",
    "related",
    "popular",
    "trending",
    "recommended",
    "other",
];

/// [`LIST_TITLE`]'s last words.
const LIST_NOUNS: &[&str] = &[
    "stories",
    "news",
    "articles",
    "headlines",
    "videos",
    "reads",
    "visited",
    "viewed",
    "popular",
    "shared",
    "watched",
];

/// [`LIST_TITLE`] by hand: a word of [`LIST_OPENERS`], then later in the line (`.` stops at a
/// line feed) a word of [`LIST_NOUNS`].
fn list_title_by_hand(line: &str) -> Option<bool> {
    let mut opened = false;
    any_word(line, |gap, word| {
        if gap.contains('\n') {
            opened = false;
        }
        let found = opened && LIST_NOUNS.iter().any(|w| word.eq_ignore_ascii_case(w));
        opened = opened || LIST_OPENERS.iter().any(|w| word.eq_ignore_ascii_case(w));
        found
    })
}

/// [`TEMPERATURE`] by hand, at each `°`: `-?\d+\s*°\s*[CF]?\b` holds when a digit stands before
/// it (across white space) and a word character after it (across white space: `[CF]?` may
/// take nothing, and `\b` then needs a word character after a non-word one); `°[CF]\b` when
/// `C` or `F` follows it at once and a boundary after that.
fn temperature_by_hand(line: &str) -> Option<bool> {
    for (at, degree) in line.match_indices('°') {
        let before = line[..at].trim_end_matches(char::is_whitespace);
        let after = &line[at + degree.len()..];
        if let Some(c) = before.chars().next_back() {
            if decimal_digit(c)? {
                let next = after.trim_start_matches(char::is_whitespace).chars().next();
                if let Some(c) = next {
                    if word_char(c)? {
                        return Some(true);
                    }
                }
            }
        }
        if let Some(unit_after) = after.strip_prefix(['C', 'F']) {
            if boundary_before(unit_after)? {
                return Some(true);
            }
        }
    }
    Some(false)
}

/// [`BYLINE`]'s openings, in lower case.
const BYLINE_OPENINGS: [&str; 5] = ["by", "words by", "written by", "reporting by", "text by"];

/// [`BYLINE`] by hand: an opening in any case, white space, and an upper-case letter.
fn byline_by_hand(line: &str) -> Option<bool> {
    let longest = BYLINE_OPENINGS.iter().map(|o| o.len()).max().unwrap_or(0);
    if line.chars().take(longest).any(folds_to_ascii) {
        return None;
    }
    for opening in BYLINE_OPENINGS {
        let Some(head) = line.get(..opening.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(opening) {
            continue;
        }
        let after = &line[opening.len()..];
        let name = after.trim_start_matches(char::is_whitespace);
        if name.len() == after.len() {
            // `\s+` takes one character at least.
            continue;
        }
        match name.chars().next() {
            Some(c) if c.is_ascii_uppercase() => return Some(true),
            // Upper case, but maybe not `\p{Lu}`.
            Some(c) if !c.is_ascii() && c.is_uppercase() => return None,
            _ => {}
        }
    }
    Some(false)
}

/// Whether `c` is in [`DATELINE`]'s `[\p{Lu}\s.,'-]`; `None` for a non-ASCII upper-case letter,
/// which may or may not be `\p{Lu}` (all of which are upper case).
fn in_dateline_place(c: char) -> Option<bool> {
    if c.is_ascii() {
        Some(c.is_ascii_uppercase() || c.is_whitespace() || matches!(c, '.' | ',' | '\'' | '-'))
    } else if c.is_uppercase() {
        None
    } else {
        Some(c.is_whitespace())
    }
}

/// Most characters [`DATELINE`]'s optional `,[^()]{0,30}` and `\([^)]{2,30}\)` take.
const DATELINE_SPAN_MAX_CHARS: usize = 30;
/// Fewest characters [`DATELINE`]'s `\([^)]{2,30}\)` takes.
const DATELINE_SOURCE_MIN_CHARS: usize = 2;

/// [`DATELINE`] by hand (the first character is already known to be upper case). After the
/// first letter comes a run of place characters ([`in_dateline_place`]); the first bracket after
/// it must open the source. The place is the run when the bracket ends it (two characters or
/// more); otherwise it ends at a comma of the run, and no more than 30 characters but white
/// space stand between that comma and the bracket (the last such comma is the best one).
fn dateline_by_hand(line: &str) -> Option<bool> {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return Some(false);
    };
    if !first.is_ascii_uppercase() {
        // `is_uppercase`, but maybe not `\p{Lu}`.
        return None;
    }
    // Character index of each position, counting `first` as 0.
    let mut index = 1;
    let mut last_comma = None;
    let mut rest = chars.as_str();
    while let Some(c) = rest.chars().next() {
        if !in_dateline_place(c)? {
            break;
        }
        // A comma the place (two characters or more) can end at.
        if c == ',' && index >= 3 {
            last_comma = Some(index);
        }
        index += 1;
        rest = &rest[c.len_utf8()..];
    }
    let run_end = index;
    let source = if rest.starts_with('(') && run_end >= 3 {
        &rest[1..]
    } else {
        let Some(comma) = last_comma else {
            return Some(false);
        };
        // The first bracket after the comma, and where the white space before it starts.
        let mut at = run_end;
        let mut space_from = run_end;
        let mut chars = rest.char_indices();
        loop {
            let Some((i, c)) = chars.next() else {
                return Some(false);
            };
            if c == '(' {
                if space_from - (comma + 1) > DATELINE_SPAN_MAX_CHARS {
                    return Some(false);
                }
                break &rest[i + 1..];
            }
            if c == ')' {
                return Some(false);
            }
            at += 1;
            if !c.is_whitespace() {
                space_from = at;
            }
        }
    };
    let Some(close) = source.find(')') else {
        return Some(false);
    };
    let source_chars = source[..close].chars().count();
    if !(DATELINE_SOURCE_MIN_CHARS..=DATELINE_SPAN_MAX_CHARS).contains(&source_chars) {
        return Some(false);
    }
    let after = source[close + 1..].trim_start_matches(char::is_whitespace);
    Some(after.starts_with(['-', '–', '—', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character, each on a line of its own (but the line feed itself).
    fn every_char() -> String {
        let mut all = String::new();
        for c in (0..=0x10_FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| c != '\n')
        {
            all.push(c);
            all.push('\n');
        }
        all
    }

    /// `word_char` and `decimal_digit`, where they answer, answer as `\w` and `\d` do.
    #[test]
    fn character_classes_agree_with_unicode_regex() {
        let all = every_char();
        let matched = |pattern: &str| -> std::collections::HashSet<char> {
            Regex::new(pattern)
                .unwrap()
                .find_iter(&all)
                .filter_map(|m| m.as_str().chars().next())
                .collect()
        };
        let word = matched(r"(?m)^\w$");
        let digit = matched(r"(?m)^\d$");
        for c in all.chars().filter(|&c| c != '\n') {
            if let Some(w) = word_char(c) {
                assert_eq!(w, word.contains(&c), "{c:?} (U+{:04X})", c as u32);
            }
            if let Some(d) = decimal_digit(c) {
                assert_eq!(d, digit.contains(&c), "{c:?} (U+{:04X})", c as u32);
            }
        }
        // Case-insensitive ASCII letters match no other characters than these two.
        let folded = matched(r"(?im)^[a-z]$");
        let others: Vec<char> = folded.into_iter().filter(|c| !c.is_ascii()).collect();
        let mut others = others;
        others.sort_unstable();
        assert_eq!(others, ['\u{17f}', '\u{212a}']);
        // And the dateline's place class: `\p{Lu}` is all upper case.
        let lu = matched(r"(?m)^\p{Lu}$");
        assert!(lu.iter().all(|c| c.is_uppercase()));
    }

    #[test]
    fn furniture_phrases_stand_under_their_first_letter() {
        for &(letter, phrases) in FURNITURE_PHRASES {
            for (phrase, _) in phrases {
                assert_eq!(phrase.as_bytes()[0], letter, "{phrase}");
            }
        }
    }

    #[test]
    fn hand_matchers_table() {
        // (line, furniture start, furniture word, list title, temperature, dateline, byline)
        let table: &[(&str, [bool; 6])] = &[
            (
                "By Ana Ruiz and Tom Berg",
                [false, false, false, false, false, true],
            ),
            (
                "Reporting by\u{a0}Tom Berg",
                [false, false, false, false, false, true],
            ),
            ("by élise", [false, false, false, false, false, false]),
            ("Byline", [false, false, false, false, false, false]),
            (
                "Skip to main content",
                [true, false, false, false, false, false],
            ),
            (
                "“Share this article",
                [true, false, false, false, false, false],
            ),
            (
                "Shareholders met on Monday",
                [false, false, false, false, false, false],
            ),
            (
                "© 2024 Wire. All rights reserved",
                [true, true, false, false, false, false],
            ),
            (
                "Photos : Ana Ruiz",
                [true, false, false, false, false, false],
            ),
            (
                "Tags  : Europe, Budget",
                [true, false, false, false, false, false],
            ),
            ("Breaking news", [true, false, false, false, false, false]),
            (
                "Breaking news today",
                [false, false, false, false, false, false],
            ),
            (
                "We use cookies on this site",
                [false, true, false, false, false, false],
            ),
            (
                "all  rights reserved",
                [false, false, false, false, false, false],
            ),
            (
                "Most Visited in Other Media",
                [true, false, true, false, false, false],
            ),
            (
                "Top Other Media resolved",
                [false, false, false, false, false, false],
            ),
            (
                "More Europe news",
                [false, false, true, false, false, false],
            ),
            ("Popular-stories", [false, false, true, false, false, false]),
            ("Brussels 9°C", [false, false, false, true, false, false]),
            (
                "Kyiv 14 ° F, cloudy",
                [false, false, false, true, false, false],
            ),
            ("Rated °F", [false, false, false, true, false, false]),
            ("It was 5°", [false, false, false, false, false, false]),
            (
                "TEHRAN (Tasnim) – Washington and Moscow met.",
                [false, false, false, false, true, false],
            ),
            (
                "KYIV, Ukraine (AP) — Shelling resumed.",
                [false, false, false, false, true, false],
            ),
            (
                "GENEVA, (AFP): Talks",
                [false, false, false, false, true, false],
            ),
            (
                "GENEVA (A) - Talks",
                [false, false, false, false, false, false],
            ),
            (
                "Geneva (AFP) - Talks",
                [false, false, false, false, false, false],
            ),
            (
                "ÉLYSÉE (AFP) - Talks",
                [false, false, false, false, true, false],
            ),
        ];
        for (line, want) in table {
            let got = [
                opens_with_furniture(line),
                has_furniture_word(line),
                is_list_title(line),
                has_temperature(line),
                opens_with_dateline(line),
                opens_with_byline(line),
            ];
            assert_eq!(got, *want, "{line:?}");
        }
    }

    /// Where a hand matcher answers, it answers as its regex does.
    fn assert_hand_matchers_agree(line: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let pairs: [(Option<bool>, &Regex); 6] = [
            (byline_by_hand(line), &BYLINE),
            (furniture_start_by_hand(line), &FURNITURE_START),
            (furniture_word_by_hand(line), &FURNITURE_WORD),
            (list_title_by_hand(line), &LIST_TITLE),
            (temperature_by_hand(line), &TEMPERATURE),
            (
                line.chars()
                    .next()
                    .filter(|c| c.is_uppercase())
                    .and_then(|_| dateline_by_hand(line)),
                &DATELINE,
            ),
        ];
        for (hand, regex) in pairs {
            if let Some(hand) = hand {
                proptest::prop_assert_eq!(hand, regex.is_match(line), "{:?} on {:?}", regex, line);
            }
        }
        Ok(())
    }

    proptest::proptest! {
        /// Page furniture and its near misses, in wire-page pieces.
        #[test]
        fn hand_matchers_agree_on_furniture(
            line in "(( |  |-|\\||:|©|“|•|_|9|°|°C|°F|\u{a0}|[A-Za-z]{1,3}|Skip to|Share|Sharing|More|\
                on|from|by|Top|Most|Read|Related|Photos?|Tags?|Topics|Breaking news|e-?mail|\
                comments?|advertisement|Cookies|News|stories|VIDEOS|popular|all|rights|reserved|\
                by|By|Reporting by|TASS|\n|ſ|\u{212a}|é|É|\u{301}|\u{663}) ?){0,7}"
        ) {
            assert_hand_matchers_agree(&line)?;
        }

        /// Datelines and their near misses.
        #[test]
        fn hand_matchers_agree_on_datelines(
            line in "(TEHRAN|KYIV|ÉLYSÉE|Geneva|[A-Z]{1,2}|,|, Ukraine|, [a-z ]{20,32}|  | |\\.|'|-|\
                \\(|\\)|\\(AFP\\)|\\(Reuters\\)|\\([a-z]{25,31}\\)|\\(A\\)|–|—|:|\u{2003}|x){0,7}"
        ) {
            assert_hand_matchers_agree(&line)?;
        }

        /// Anything at all.
        #[test]
        fn hand_matchers_agree_on_any_text(line in "\\PC{0,24}") {
            assert_hand_matchers_agree(&line)?;
        }
    }
}
