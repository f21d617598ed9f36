//! Word classes the attribution rules use: determiners, auxiliaries, title modifiers, media of
//! a statement, and tests on single words (does it look like a common noun, a person's role?).

use super::words::{LISTS, is_function_word, tokenize};
use crate::classify::lexicon::chars_of;

pub(crate) const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];
/// Words that cannot be a speaker even where a name could stand.
pub(crate) const NOBODY: &[&str] = &[
    "nobody",
    "none",
    "anyone",
    "anybody",
    "everyone",
    "everybody",
    "someone",
    "somebody",
    "nothing",
    "something",
    "everything",
    "neither",
    "either",
    "few",
];
pub(crate) const RESOLVABLE: &[&str] = &["he", "she", "they"];

/// Lower-case words that may stand before a title inside a speaker's name.
pub(crate) fn is_modifier(lower: &str) -> bool {
    matches!(
        lower,
        "top"
            | "senior"
            | "chief"
            | "deputy"
            | "former"
            | "foreign"
            | "local"
            | "military"
            | "security"
            | "opposition"
            | "government"
            | "state"
            | "defence"
            | "defense"
            | "interior"
            | "health"
            | "junior"
            | "acting"
            | "outgoing"
            | "incoming"
            | "new"
            | "prime"
            | "vice"
            | "assistant"
            | "general"
            | "regional"
            | "provincial"
            | "national"
            | "federal"
            | "rebel"
            | "army"
            | "police"
            | "presidential"
            | "diplomatic"
            | "western"
            | "key"
            | "veteran"
            | "leading"
            | "main"
            | "powerful"
            | "independent"
            | "humanitarian"
            | "medical"
            | "hospital"
            | "aid"
            | "rights"
            | "human"
            | "news"
            | "press"
            | "media"
            | "communications"
            | "finance"
            | "economy"
            | "trade"
            | "justice"
            | "energy"
            | "oil"
            | "civil"
            | "defence-ministry"
            | "anonymous"
            | "unnamed"
            | "european"
            | "international"
            | "global"
            | "joint"
            | "special"
            | "central"
            | "official"
    )
}

/// Words that open a noun phrase and end the walk to its left.
pub(crate) fn is_determiner(lower: &str) -> bool {
    matches!(
        lower,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "several"
            | "many"
            | "some"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "other"
            | "few"
            | "both"
            | "one"
            | "another"
            | "most"
    )
}

/// Words between a speaker and the cue that do not end the search for the speaker.
pub(crate) fn is_aux_or_adverb(lower: &str) -> bool {
    matches!(
        lower,
        "long"
            | "still"
            | "just"
            | "even"
            | "first"
            | "now"
            | "since"
            | "has"
            | "have"
            | "had"
            | "is"
            | "was"
            | "were"
            | "are"
            | "been"
            | "will"
            | "would"
            | "could"
            | "may"
            | "might"
            | "must"
            | "should"
            | "shall"
            | "did"
            | "does"
            | "do"
            | "also"
            | "not"
            | "never"
            | "again"
            | "once"
            | "then"
            | "already"
            | "further"
            | "himself"
            | "herself"
            | "themselves"
            | "itself"
            | "too"
            | "n't"
    ) || (lower.len() > 4
        && lower.ends_with("ly")
        && !matches!(lower, "italy" | "daily" | "family"))
}

pub(crate) fn is_be(lower: &str) -> bool {
    matches!(
        lower,
        "is" | "was" | "were" | "are" | "be" | "been" | "being" | "'s"
    )
}

/// A capitalised word that is probably a common noun when it opens the sentence
/// ("Violence warned" is not a speaker; "Erdogan warned" is).
pub(crate) fn looks_common(lower: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ing", "ence", "ences", "ance", "ances", "ion", "ions", "ment", "ments", "ity", "ities",
        "ness", "ism", "ure", "ures", "age", "ship", "hood", "dom",
    ];
    ENDINGS
        .iter()
        .any(|e| lower.ends_with(e) && lower.len() > e.len() + 2)
}

/// A lower-case noun that names a person by role (`negotiator`, `fighters`, `chairman`).
pub(crate) fn looks_personal(lower: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "man", "men", "woman", "women",
        "person", "people",
    ];
    // Common words with those endings that never name a person: comparatives, months,
    // seasons and everyday nouns ("sought closer ties", "in October", "the border").
    const NOT_PERSONS: &[&str] = &[
        "closer",
        "further",
        "farther",
        "earlier",
        "later",
        "longer",
        "larger",
        "greater",
        "higher",
        "lower",
        "bigger",
        "smaller",
        "wider",
        "stronger",
        "weaker",
        "better",
        "harder",
        "faster",
        "easier",
        "deeper",
        "broader",
        "tighter",
        "tougher",
        "cheaper",
        "other",
        "others",
        "another",
        "never",
        "whether",
        "either",
        "neither",
        "rather",
        "together",
        "however",
        "whatever",
        "whenever",
        "wherever",
        "over",
        "under",
        "after",
        "order",
        "orders",
        "water",
        "waters",
        "border",
        "borders",
        "power",
        "powers",
        "number",
        "numbers",
        "matter",
        "matters",
        "paper",
        "papers",
        "river",
        "rivers",
        "summer",
        "winter",
        "september",
        "october",
        "november",
        "december",
        "corner",
        "cover",
        "error",
        "errors",
        "factor",
        "factors",
        "sector",
        "sectors",
        "floor",
        "door",
        "doors",
        "terror",
        "horror",
        "labor",
        "labour",
        "honor",
        "favor",
        "color",
        "motor",
        "tower",
        "towers",
        "shelter",
        "shelters",
        "cancer",
        "fever",
        "disaster",
        "disasters",
        "chamber",
        "chambers",
        "register",
        "character",
        "theater",
        "theatre",
        "center",
        "meter",
        "liter",
    ];
    ENDINGS
        .iter()
        .any(|e| lower.ends_with(e) && lower.len() > e.len() + 2)
        && !is_function_word(lower)
        && !NOT_PERSONS.contains(&lower)
        && LISTS.verb(lower).is_none()
}

/// Prepositional complements of a cue that name the medium (`in a statement`, `on Twitter`).
pub(crate) fn is_medium(lower: &str) -> bool {
    matches!(
        lower,
        "statement"
            | "interview"
            | "report"
            | "speech"
            | "address"
            | "conference"
            | "briefing"
            | "tweet"
            | "post"
            | "remarks"
            | "letter"
            | "communique"
            | "message"
            | "video"
            | "twitter"
            | "x"
            | "facebook"
            | "telegram"
            | "instagram"
            | "television"
            | "tv"
            | "radio"
            | "broadcast"
            | "meeting"
            | "session"
            | "hearing"
            | "summit"
            | "forum"
            | "rally"
            | "ceremony"
            | "parliament"
            | "email"
            | "website"
            | "note"
            | "op-ed"
            | "article"
            | "column"
    )
}

/// Verbs whose first complement is the person addressed (`told reporters`).
pub(crate) fn addresses(lower: &str) -> bool {
    matches!(
        lower,
        "told"
            | "tells"
            | "tell"
            | "telling"
            | "informed"
            | "informs"
            | "assured"
            | "assures"
            | "reassured"
            | "briefed"
            | "urged"
            | "urges"
            | "urging"
            | "asked"
            | "asks"
            | "warned"
            | "warns"
            | "warning"
    )
}

/// A speaker that is a body or a place rather than a person (for resolving `he` and `she`).
pub(crate) fn is_institution(name: &str) -> bool {
    let chars = chars_of(name);
    let toks = tokenize(name, &chars);
    let Some(last) = toks.last() else {
        return false;
    };
    let start = usize::from(toks.first().is_some_and(|t| t.lower == "the"));
    LISTS
        .actor_at(&toks, start)
        .is_some_and(|n| start + n == toks.len())
        || matches!(
            last.lower.as_ref(),
            "ministry"
                | "government"
                | "army"
                | "military"
                | "police"
                | "office"
                | "agency"
                | "council"
                | "committee"
                | "commission"
                | "group"
                | "coalition"
                | "alliance"
                | "court"
                | "embassy"
                | "administration"
                | "authorities"
                | "parliament"
                | "forces"
                | "company"
                | "bank"
                | "party"
                | "movement"
                | "organisation"
                | "organization"
                | "kremlin"
                | "presidency"
                | "cabinet"
                | "union"
                | "mission"
                | "regime"
        )
}
