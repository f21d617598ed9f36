//! Datelines: `GENEVA (AFP) -`, `Moscow, Aug 26 (Xinhua) --`, `BEIRUT, Lebanon (AP) —`.
//!
//! A dateline is metadata of the copy: it is reported in the version's `dateline` and is not a
//! source credit of its sentence.

use std::sync::LazyLock;

use regex::Regex;

/// A place (in capitals, or capitalised when an agency in brackets follows), an optional region
/// or date after a comma, an optional agency in brackets, then a dash.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\s*
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
        \s*(?P<dash>--|[-\u{2013}\u{2014}:])\s+",
    )
    .expect("dateline pattern is valid")
});

/// Finds a dateline at the start of `text`: returns its text (`GENEVA (AFP)`) and the character
/// offset where the sentence proper begins.
///
/// `LONDON (Reuters) - Oil rose.` → `("LONDON (Reuters)", 19)`
pub(crate) fn find(text: &str) -> Option<(String, usize)> {
    let caps = DATELINE.captures(text)?;
    let line = caps.name("line")?.as_str().trim();
    let whole = caps.get(0)?;
    // A mixed-case place needs an agency in brackets ("Moscow, Aug 26 (Xinhua) --"); without
    // one, "Kerry - who ..." would look like a dateline.
    let has_agency = line.ends_with(')');
    if !has_agency && line.chars().any(char::is_lowercase) {
        return None;
    }
    // "NEW DELHI:" is a dateline; "UN: aid gets through" is a headline.
    let colon = caps.name("dash").is_some_and(|d| d.as_str() == ":");
    if colon && !has_agency && line.chars().filter(|c| c.is_alphabetic()).count() < 4 {
        return None;
    }
    // The sentence proper must go on after the dash.
    let rest = &text[whole.end()..];
    if rest.trim().is_empty() {
        return None;
    }
    Some((line.to_string(), text[..whole.end()].chars().count()))
}

#[cfg(test)]
mod tests {
    use super::*;

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
