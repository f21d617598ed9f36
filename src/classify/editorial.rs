//! Editorial: loaded wording in the narrator's voice.
//!
//! [`flag`] raises three kinds of flag, each only outside the `protected` character ranges
//! (quotations and content that attribution ascribes to a speaker):
//!
//! 1. lexicon terms ([`Lexicon::find`]), with two checks of their own: an entry with
//!    `context = "no_count"` stays quiet when a number stands near it, and a label that follows
//!    a view or designation cue ("Turkey sees the YPG as terror groups", "designated a
//!    terrorist organisation") belongs to that view;
//! 2. scare quotes: one to four words in quotation marks in a sentence with no speaker;
//! 3. the structural [`PATTERNS`]: causes, motives and evaluations asserted in clauses
//!    ("engulfed in ... militancy", "airstrikes ... at the request of the government").
//!
//! ```
//! use wirediff::classify::{Lexicon, editorial};
//! let flags = editorial::flag("Jets struck Daesh positions.", &[], &Lexicon::builtin());
//! assert_eq!(flags[0].category, "pejorative_name");
//! ```

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use regex_automata::nfa::thompson::NFA;
use regex_automata::nfa::thompson::backtrack::BoundedBacktracker;
use regex_automata::nfa::thompson::pikevm::PikeVM;
use regex_automata::util::captures::Captures;
use regex_automata::util::prefilter::Prefilter;
use regex_automata::util::syntax;
use regex_automata::{MatchKind, PatternID};
use rustc_hash::FxHashSet;

use super::Lexicon;
use super::lexicon::{
    BUILTIN, CharCounter, Context, char_text, chars_of, is_quote, may_hold_quote_mark, word_iter,
};
use crate::report::model::EditorialFlag;

/// How many words either side of a `no_count` word a number may stand to count as a measure.
pub const COUNT_WINDOW_WORDS: usize = 10;

/// How many words before a label a view or designation cue may stand.
pub const VIEW_CUE_WINDOW_WORDS: usize = 8;

/// Longest quoted span (in words) that can be a scare quote.
pub const SCARE_QUOTE_MAX_WORDS: usize = 4;

/// Words that put a label inside someone's view or designation ("X sees Y as terrorists").
const VIEW_CUES: &[&str] = &[
    "sees",
    "see",
    "saw",
    "seeing",
    "views",
    "viewed",
    "regards",
    "regarded",
    "considers",
    "considered",
    "deems",
    "deemed",
    "designated",
    "designates",
    "designating",
    "branded",
    "brands",
    "labelled",
    "labeled",
    "labels",
    "calls",
    "called",
    "calling",
    "describes",
    "described",
    "dubbed",
    "classified",
    "classifies",
    "lists",
    "listed",
    "blacklisted",
    "accuses",
    "accused",
    "condemned",
    "denounced",
    "treats",
    "treated",
    "terms",
    "termed",
];

/// Words that show a sentence has a speaker, so short quotations in it are partial quotes.
const SPEAKER_CUES: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "states",
    "wrote",
    "writes",
    "tweeted",
    "posted",
    "declared",
    "announced",
    "insisted",
    "claimed",
    "stressed",
    "warned",
    "vowed",
    "urged",
    "accused",
    "denied",
    "asked",
    "replied",
    "answered",
    "noted",
    "argued",
    "described",
    "describes",
    "called",
    "calls",
    "calling",
    "dubbed",
    "nicknamed",
    "termed",
    "branded",
    "labelled",
    "labeled",
    "known",
    "according",
    "quoted",
    "quoting",
    "statement",
    "promised",
    "pledged",
    "hailed",
    "welcomed",
    "condemned",
    "denounced",
    "criticised",
    "criticized",
    "praised",
    "reported",
    "sees",
    "views",
    "considers",
    "admitted",
    "acknowledged",
];

/// [`SPEAKER_CUES`] for lookups, which run on every word of a sentence with quotation marks.
/// [`VIEW_CUES`] for lookups, which run on up to [`VIEW_CUE_WINDOW_WORDS`] words before every
/// label the lexicon finds.
static VIEW_CUE_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| VIEW_CUES.iter().copied().collect());

static SPEAKER_CUE_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| SPEAKER_CUES.iter().copied().collect());

/// One structural rule of the detector, documented for the reader.
#[derive(Debug)]
pub struct Pattern {
    /// Short name.
    pub name: &'static str,
    /// Editorial category of its flags.
    pub category: &'static str,
    /// A neutral alternative.
    pub neutral: Option<&'static str>,
    /// Why it is flagged.
    pub why: &'static str,
    /// The regular expression (case-insensitive); group `m` is the flagged span when present.
    pub regex: &'static str,
    /// When set, the sentence must also match this expression (the context the rule needs).
    pub requires: Option<&'static str>,
}

/// The structural rules: each flags a clause rather than a word.
pub const PATTERNS: &[Pattern] = &[
    Pattern {
        name: "backed + loaded noun",
        category: "causal_framing",
        neutral: Some("name the backer and the group, and attribute the claim of sponsorship"),
        why: "Pairs a claim of outside backing with a condemning noun, blaming a sponsor for the violence without a source; 'Turkish-backed rebels' names the backer and stays neutral, this does not.",
        regex: r"(?i)\b(?P<m>[\p{L}]+-(?:backed|sponsored|funded|armed|supported)\s+(?:[\p{L}-]+\s+){0,2}?(?:terrorists?|terrorism|terror\s+groups?|militancy|mercenaries|thugs|gangs|extremism|sedition|rioters))\b",
        requires: None,
    },
    Pattern {
        name: "engulfed in violence",
        category: "causal_framing",
        neutral: Some("say who fought whom, and since when"),
        why: "'Engulfed in' presents violence as a force that swallowed the country, leaving out who started it.",
        regex: r"(?i)\b(?P<m>(?:engulfed|gripped|overrun|swept)\s+(?:in|by)\s+(?:[\p{L}-]+\s+){0,3}?(?:militancy|terrorism|terror|violence|chaos|bloodshed|insurgency|extremism|anarchy|unrest))\b",
        requires: None,
    },
    Pattern {
        name: "cause of a war",
        category: "causal_framing",
        neutral: Some("attribute the account of how the war began, or give the dated facts"),
        why: "States in the outlet's own voice a loaded account of what started the war; accounts of a war's cause are contested, so wire copy attributes them (wirediff flags a cause only when it carries blame words such as crackdown, aggression or foreign-backed, and cannot tell whether this one is disputed: check).",
        // Only a cause clause that carries blame: "began when militants stormed the border,
        // killing 1,200" is dated fact in wire background and is left alone. Blame words are
        // stems ("repress", not "repress\w*"): the clause runs on to its end either way, and a
        // Unicode `\w*` there made the search about six times slower.
        regex: r"(?i)\b(?:war|conflict|civil war|insurgency|uprising)\b[^.;:]{0,60}?\b(?:erupted|began|broke out|started|flared|was sparked|was triggered)(?:\s+in\s+(?:\p{L}+\s+)?\d{4})?,?\s+(?P<m>(?:after|when|because|following)\s+[^.;:]*?\b(?:(?:crackdown|aggression|militancy|[\p{L}]+-backed|regime)\b|repress|brutal|terror|plot|conspirac|puppet|massacre|persecut)[^.;:]*)",
        requires: None,
    },
    Pattern {
        name: "invited military action",
        category: "causal_framing",
        neutral: Some(
            "attribute the justification: 'which Moscow says were requested by Damascus'",
        ),
        why: "States as fact that a military action was invited by a government, which is one side's justification of it; wire copy attributes it.",
        regex: r"(?i)\b(?P<m>at the (?:request|invitation|behest) of\s+(?:(?:[\p{L}'\u{2019}-]+\s+){0,4}?(?:government|authorities|president|leadership|regime|ally|allies)\b|(?:the\s+)?(?-i:\p{Lu}[\p{L}'\u{2019}-]*)(?:\s+(?-i:\p{Lu}[\p{L}'\u{2019}-]*))*))",
        // Military words; `bomb`, `deploy` and `shell` with any ending. Only whether it matches
        // counts, so the stems need no `\w*\b` after them (a word that starts with the stem
        // always reaches a boundary), which halves the cost of compiling it.
        requires: Some(
            r"(?i)\b(?:air\s?strikes?|strikes|troops|forces|military|intervention|intervened|operation|raids?|offensive|soldiers)\b|\b(?:bomb|deploy|shell)",
        ),
    },
    Pattern {
        name: "imputed hostile motive",
        category: "causal_framing",
        neutral: Some("attribute the motive to whoever alleges it, or say what was done"),
        why: "Asserts as fact that an actor meant harm ('in a bid to sabotage'); a motive is a claim that needs a source.",
        // The verb stems share one `\w*`: no two alternatives can match at the same place, so
        // their order does not matter, and one Unicode `\w*` per stem made this pattern cost
        // ten milliseconds or more to compile.
        regex: r"(?i)\b(?P<m>(?:in (?:a|an) (?:apparent |desperate |cynical )?(?:bid|attempt|effort|move|ploy) to|aimed at|designed to|meant to|intended to|seeking to)\s+(?:(?:sabotag|undermin|destabili[sz]|derail|distract|provok|justify|intimidat|terrori[sz]|sow|silenc|discredit|whitewash|legitimi[sz]|stok|incit|grab|annex|crush|punish|humiliat|subjugat|exterminat)\w*|divert\w* attention|cover\w* up|topple|toppling))",
        requires: None,
    },
    Pattern {
        name: "deliberate act",
        category: "causal_framing",
        neutral: Some("attribute the accusation of intent"),
        why: "'Deliberately' asserts intent, which only an investigation or an accuser can claim; in the outlet's own voice it is a verdict.",
        // One `\w*` for all the stems, as in "imputed hostile motive".
        regex: r"(?i)\b(?P<m>(?:deliberately|intentionally|purposely|purposefully|wilfully|willfully)\s+(?:(?:target|attack|bomb|shell|kill|destroy|starv|mislead|provok|block|sabotag|fir)\w*|misled))",
        requires: None,
    },
    Pattern {
        name: "unleashed repression",
        category: "unattributed_evaluation",
        neutral: Some("say what the security forces did, with figures and sources"),
        why: "'Unleashed a crackdown' casts the authorities as loosing violence on purpose, an evaluation in the narrator's voice.",
        regex: r"(?i)\b(?P<m>unleash(?:ed|es|ing)?\s+(?:an?\s+)?(?:[\p{L}-]+\s+){0,2}?(?:crackdown|repression|reign of terror|wave of terror|campaign of terror|onslaught|pogrom))\b",
        requires: None,
    },
];

/// For each of the [`PATTERNS`], in order: groups of words such that every match of the
/// pattern holds at least one word of each group (letter case aside). A sentence that lacks a
/// word of some group is not searched with that pattern, and a pattern is compiled only when a
/// sentence first passes its groups. The lexicon's matcher looks for the words in the same pass
/// as its forms. A pattern need not list every group it could: a group of common words after a
/// rare one would rule out few more sentences and make the matcher report many more matches.
pub(crate) const ANCHORS: &[&[&[&str]]] = &[
    &[
        &["-backed", "-sponsored", "-funded", "-armed", "-supported"],
        &[
            "terror",
            "militancy",
            "mercenaries",
            "thugs",
            "gangs",
            "extremism",
            "sedition",
            "rioters",
        ],
    ],
    &[
        &["engulfed", "gripped", "overrun", "swept"],
        &[
            "militancy",
            "terror",
            "violence",
            "chaos",
            "bloodshed",
            "insurgency",
            "extremism",
            "anarchy",
            "unrest",
        ],
    ],
    &[
        &["war", "conflict", "insurgency", "uprising"],
        &[
            "erupted",
            "began",
            "broke out",
            "started",
            "flared",
            "sparked",
            "triggered",
        ],
        &["after", "when", "because", "following"],
        &[
            "crackdown",
            "aggression",
            "militancy",
            "-backed",
            "regime",
            "repress",
            "brutal",
            "terror",
            "plot",
            "conspirac",
            "puppet",
            "massacre",
            "persecut",
        ],
    ],
    &[&["at the request", "at the invitation", "at the behest"]],
    &[
        &[
            "bid to",
            "attempt to",
            "effort to",
            "move to",
            "ploy to",
            "aimed at",
            "designed to",
            "meant to",
            "intended to",
            "seeking to",
        ],
        // The verbs after them (`sabotag`, `terrori`, `sow`, `cover`, ...) are left out: as
        // parts of common words they turn up in one sentence in ten, where these phrases are
        // rare, and would only make the search report more matches.
    ],
    &[
        &[
            "deliberately",
            "intentionally",
            "purposely",
            "purposefully",
            "wilfully",
            "willfully",
        ],
        // The acts after them (`target`, `kill`, `fir`, ...) are left out, as for the motives
        // above: common, where the adverbs are rare.
    ],
    &[
        &["unleash"],
        &["crackdown", "repression", "terror", "onslaught", "pogrom"],
    ],
];

/// Every anchor word of [`ANCHORS`] once, in order of first listing, with the bits of the
/// groups that list it: groups are numbered in order over all patterns, so pattern `i`'s groups
/// take the bits of [`group_bits`]`(i)`. A word several groups share (`terror` is in four) is
/// one pattern of the lexicon's matcher, which then reports it once where it stands.
pub(crate) fn anchor_words() -> Vec<(&'static str, u64)> {
    let mut words: Vec<(&'static str, u64)> = Vec::new();
    let groups = ANCHORS.iter().flat_map(|groups| groups.iter());
    for (bit, group) in groups.enumerate() {
        let mask = 1u64.checked_shl(bit as u32).unwrap_or(0);
        for &word in group.iter() {
            match words.iter_mut().find(|(w, _)| *w == word) {
                Some((_, m)) => *m |= mask,
                None => words.push((word, mask)),
            }
        }
    }
    words
}

/// The bits of pattern `i`'s anchor groups (see [`anchor_words`]).
fn group_bits(i: usize) -> u64 {
    let first: usize = ANCHORS[..i].iter().map(|g| g.len()).sum();
    let n = ANCHORS[i].len();
    (first..first + n).fold(0, |m, b| m | 1u64.checked_shl(b as u32).unwrap_or(0))
}

/// Which patterns can match `text`: those with a word of each anchor group in it. The patterns
/// are case-insensitive under Unicode rules, where the Kelvin sign matches `k` and the long s
/// matches `s`; a text with either is searched with every pattern.
/// `anchored` has bit `b` set when the text holds a word of anchor group `b`. Bit `i` of the
/// answer is set when pattern `i` can match (every bit when all can).
fn candidate_patterns(text: &str, anchored: u64) -> u64 {
    let Some(bits) = &*GROUP_BITS else {
        return u64::MAX;
    };
    if folds_to_ascii(text) {
        return u64::MAX;
    }
    bits.iter()
        .enumerate()
        .filter(|&(_, &b)| anchored & b == b)
        .fold(0, |m, (i, _)| m | 1 << i)
}

/// Does `text` hold the Kelvin sign or the long s, which fold to ASCII letters? Their UTF-8
/// forms open with the bytes `E2` and `C5`, which memchr looks for first.
fn folds_to_ascii(text: &str) -> bool {
    memchr::memchr2(0xE2, 0xC5, text.as_bytes()).is_some() && text.contains(['\u{212a}', '\u{17f}'])
}

/// Is bit `i` of `mask` set (a pattern of [`candidate_patterns`])?
fn has_bit(mask: u64, i: usize) -> bool {
    mask.checked_shr(i as u32).is_some_and(|m| m & 1 != 0)
}

/// [`group_bits`] of every pattern, worked out once (it is asked for every text); `None` when
/// the anchor groups or the patterns do not fit the bits, and every pattern is then searched.
static GROUP_BITS: LazyLock<Option<Vec<u64>>> = LazyLock::new(|| {
    let groups: usize = ANCHORS.iter().map(|g| g.len()).sum();
    (ANCHORS.len() == PATTERNS.len() && groups <= 64 && PATTERNS.len() <= 64)
        .then(|| (0..PATTERNS.len()).map(group_bits).collect())
});

/// One of the [`PATTERNS`], compiled on first use: most texts pass no pattern's anchors, so a
/// pattern no text needs costs nothing.
#[derive(Default)]
struct Compiled {
    regex: OnceLock<Option<Searcher>>,
    /// The pattern's [`ascii_form`], for texts that are all ASCII.
    ascii: OnceLock<Option<Searcher>>,
    /// The pattern's [`lowered_form`], for the lower case of texts that are all ASCII; `None`
    /// when it has none.
    lowered: OnceLock<Option<Searcher>>,
    requires: OnceLock<Option<Regex>>,
    /// `requires` without its `(?i)`, for the lower case of texts that are all ASCII.
    requires_lowered: OnceLock<Option<Regex>>,
}

static COMPILED: LazyLock<Vec<Compiled>> =
    LazyLock::new(|| PATTERNS.iter().map(|_| Compiled::default()).collect());

/// The searcher of pattern `i` (`None` should it not compile).
fn pattern_regex(i: usize) -> Option<&'static Searcher> {
    let p = PATTERNS.get(i)?;
    COMPILED
        .get(i)?
        .regex
        .get_or_init(|| Searcher::new(p.regex))
        .as_ref()
}

/// The searcher of pattern `i` for `text`, and the text it reads, whose matches are those of
/// the pattern in `text`. `lowered` is the ASCII lower case of `text`. For a text that is all
/// ASCII (almost every sentence) that is the pattern's [`lowered_form`] over `lowered` or, for
/// a pattern with none, its [`ascii_form`] over `text`: both compile several times cheaper
/// than the pattern and search faster.
fn searcher_for<'t>(
    i: usize,
    text: &'t str,
    lowered: &'t str,
) -> Option<(&'static Searcher, &'t str)> {
    if !text.is_ascii() {
        return Some((pattern_regex(i)?, text));
    }
    let p = PATTERNS.get(i)?;
    let compiled = COMPILED.get(i)?;
    let by_lower_case = compiled
        .lowered
        .get_or_init(|| Searcher::new(&lowered_form(p.regex)?));
    if let Some(searcher) = by_lower_case {
        return Some((searcher, lowered));
    }
    let searcher = compiled
        .ascii
        .get_or_init(|| Searcher::new(&ascii_form(p.regex)))
        .as_ref()?;
    Some((searcher, text))
}

/// The matches of pattern `i` in `text` (see [`Searcher::spans`]); `lowered` is the ASCII lower
/// case of `text`.
fn pattern_spans(i: usize, text: &str, lowered: &str) -> Option<Vec<Range<usize>>> {
    let (searcher, haystack) = searcher_for(i, text, lowered)?;
    Some(searcher.spans(haystack))
}

/// A case-insensitive pattern for the ASCII lower case of ASCII texts: its [`ascii_form`]
/// without the `(?i)` it opens with. On ASCII, `(?i)` folds only ASCII letters; every literal
/// letter of the patterns is lower case, and every class holds a lower-case letter exactly when
/// it holds its capital, so the form finds the same matches in the lower case as the pattern in
/// the text (ASCII lowering keeps every byte offset; the proptests check the forms). `None` for a pattern that turns case back on
/// somewhere (`(?-i:...)` reads the text's capitals).
fn lowered_form(pattern: &str) -> Option<String> {
    let rest = pattern.strip_prefix("(?i)")?;
    (!rest.contains("(?-i")).then(|| ascii_form(rest))
}

/// A pattern for ASCII texts only: each Unicode class becomes its ASCII members (`\p{L}` →
/// `a-zA-Z`, `\p{Lu}` → `A-Z`, `\w`, `\d`, `\s` and `[^.;:]` likewise), and a word boundary
/// is ASCII's (`(?-u:\b)`, whose word characters are `\w`'s ASCII members). On a haystack of
/// ASCII characters a class and its ASCII part hold the same characters, so the matches are
/// the same; under `(?i)` the big Unicode classes were case-folded and compiled to UTF-8
/// automata again at every repetition, which made up most of the patterns' compile cost, and
/// a Unicode word boundary looks up the characters on both sides at every try.
fn ascii_form(pattern: &str) -> String {
    pattern
        .replace(r"\b", r"(?-u:\b)")
        .replace(r"\p{Lu}", "[A-Z]")
        .replace(r"[\p{L}", "[a-zA-Z")
        .replace(r"\p{L}", "[a-zA-Z]")
        .replace(r"\w", "[0-9A-Za-z_]")
        .replace(r"\d", "[0-9]")
        .replace(r"\s", r"[\t\n\x0B\x0C\r ]")
        .replace("[^.;:]", r"[\x00-\x7F&&[^.;:]]")
}

/// Most memory the backtracker may take for the states it has visited, in bytes; a search that
/// would need more runs on the PikeVM.
const BACKTRACK_VISITED_BYTES: usize = 1 << 21;

/// One structural pattern compiled for searching. The patterns run only on the few texts that
/// pass their anchors, so they are compiled to a forward NFA and searched with the bounded
/// backtracker: `regex::Regex` would also build a reverse NFA and two lazy DFAs, whose build and
/// warm-up cost more than these few searches. Every engine of `regex-automata` reports the same
/// leftmost-first matches and groups as `regex::Regex` on the same pattern.
struct Searcher {
    backtrack: BoundedBacktracker,
    pike: PikeVM,
    /// The index of group `m`, when the pattern has one.
    m: Option<usize>,
}

impl Searcher {
    fn new(pattern: &str) -> Option<Searcher> {
        // Parsed once for the NFA and the prefilter below.
        let hir = syntax::parse(pattern).ok()?;
        // The size limit `regex::Regex` applies by default.
        let nfa = NFA::compiler()
            .configure(NFA::config().nfa_size_limit(Some(10 * (1 << 20))))
            .build_from_hir(&hir)
            .ok()?;
        let m = nfa.group_info().to_index(PatternID::ZERO, "m");
        // The literals every match starts with (`war`, `conflict`, ... in any letter case), when
        // the pattern has such: the backtracker then tries only the places where one stands,
        // rather than exploring from every byte of the text. A prefilter only skips places where
        // no match can start, so the matches are the same.
        let prefilter = Prefilter::from_hir_prefix(MatchKind::LeftmostFirst, &hir);
        let backtrack = BoundedBacktracker::builder()
            .configure(
                BoundedBacktracker::config()
                    .visited_capacity(BACKTRACK_VISITED_BYTES)
                    .prefilter(prefilter),
            )
            .build_from_nfa(nfa.clone())
            .ok()?;
        let pike = PikeVM::new_from_nfa(nfa).ok()?;
        Some(Searcher { backtrack, pike, m })
    }

    /// Does the pattern match anywhere in `text`?
    #[cfg(test)]
    fn is_match(&self, text: &str) -> bool {
        !self.spans(text).is_empty()
    }

    /// The byte span of group `m` (of the whole match when there is no such group) of every
    /// match in `text`, in order, as `regex::Regex::captures_iter` finds them.
    fn spans(&self, text: &str) -> Vec<Range<usize>> {
        let span = |caps: &Captures| {
            let m = self.m.and_then(|m| caps.get_group(m));
            m.or_else(|| caps.get_match().map(|m| m.span()))
                .map(|s| s.start..s.end)
        };
        // Too long a text for the backtracker's memory goes to the PikeVM. (The backtracker's
        // match iterator would end quietly at the first search it cannot run.)
        if text.len() > self.backtrack.max_haystack_len() {
            let mut cache = self.pike.create_cache();
            return self
                .pike
                .captures_iter(&mut cache, text)
                .filter_map(|caps| span(&caps))
                .collect();
        }
        let mut cache = self.backtrack.create_cache();
        self.backtrack
            .try_captures_iter(&mut cache, text)
            .filter_map(|caps| span(&caps.ok()?))
            .collect()
    }
}

/// Does `text` have the context pattern `i` requires (true when it requires none)? `None` when
/// its `requires` expression does not compile. `lowered` is the ASCII lower case of `text`: an
/// ASCII text is read there by the expression without its `(?i)` (as in [`lowered_form`]).
fn context_ok(i: usize, text: &str, lowered: &str) -> Option<bool> {
    let Some(r) = PATTERNS.get(i)?.requires else {
        return Some(true);
    };
    let compiled = COMPILED.get(i)?;
    if text.is_ascii() {
        let by_lower_case = compiled
            .requires_lowered
            .get_or_init(|| Regex::new(r.strip_prefix("(?i)")?).ok());
        if let Some(req) = by_lower_case {
            return Some(req.is_match(lowered));
        }
    }
    let req = compiled.requires.get_or_init(|| Regex::new(r).ok());
    Some(req.as_ref()?.is_match(text))
}

/// A word that counts something: a figure, a number word or a toll (see [`is_number`]).
static NUMBER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\d[\d,.]*|dozens?|scores?|hundreds?|thousands?|millions?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|toll|tolls)$",
    )
    .ok()
});

/// The words of [`NUMBER`] other than figures.
const NUMBER_WORDS: &[&str] = &[
    "dozen",
    "dozens",
    "score",
    "scores",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "toll",
    "tolls",
];

/// Does [`NUMBER`] match `w`? An ASCII word is checked by hand (a digit, then digits, commas
/// and dots; or one of [`NUMBER_WORDS`] in any letter case), which is the regex on ASCII, where
/// `\d` is `0-9` and case folding is ASCII's; any other word goes to the regex, which is
/// compiled only when such a word comes.
fn is_number(w: &str) -> bool {
    if !w.is_ascii() {
        return NUMBER.as_ref().is_some_and(|n| n.is_match(w));
    }
    let b = w.as_bytes();
    let figure = b.first().is_some_and(u8::is_ascii_digit)
        && b.iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b',' | b'.'));
    figure || NUMBER_WORDS.iter().any(|n| n.eq_ignore_ascii_case(w))
}

/// Flags loaded wording in `text` outside the `protected` character ranges (quotations and
/// attributed content). Flags come in text order.
pub fn flag(text: &str, protected: &[Range<usize>], lexicon: &Lexicon) -> Vec<EditorialFlag> {
    flag_chars(
        text,
        &chars_of(text),
        &text.to_ascii_lowercase(),
        protected,
        lexicon,
    )
}

/// [`flag`] with the chars of `text` and its ASCII lower case given (the attribution parse of
/// a sentence has them already). ASCII lowering keeps every byte offset: the lexicon and the
/// patterns read `lowered`.
pub(crate) fn flag_chars(
    text: &str,
    chars: &[char],
    lowered: &str,
    protected: &[Range<usize>],
    lexicon: &Lexicon,
) -> Vec<EditorialFlag> {
    let is_protected =
        |r: &Range<usize>| protected.iter().any(|p| p.start < r.end && r.start < p.end);
    let mut flags = Vec::new();
    let quoted = if may_hold_quote_mark(text) {
        quoted_spans_of(text, chars)
    } else {
        Vec::new()
    };

    let (hits, anchored) = lexicon.find_with_anchors(text, lowered);
    for hit in hits {
        let range = hit.start..hit.end;
        if is_protected(&range) || inside_quotes(&quoted, &range) {
            continue;
        }
        let entry = lexicon.entry(hit.entry);
        if matches!(entry.category.as_str(), "loaded_label" | "pejorative_name")
            && view_cue_before(text, chars, hit.start)
        {
            continue;
        }
        let mut why = entry.why.clone();
        if entry.context == Some(Context::NoCount) {
            if number_near(text, chars, &range) {
                continue;
            }
            why.push_str(&format!(
                " No figure stands within {COUNT_WINDOW_WORDS} words, so it is read as judging; with a count it would measure."
            ));
        }
        flags.push(EditorialFlag {
            text: char_text(text, chars, range.clone()),
            start: hit.start,
            end: hit.end,
            category: entry.category.clone(),
            neutral: (!entry.neutral.is_empty()).then(|| entry.neutral.join(" or ")),
            why,
            lexicon: entry.lexicon.clone(),
        });
    }

    flags.extend(scare_quotes(text, chars, quoted, protected));
    flags.extend(patterns(text, lowered, &is_protected, anchored));

    nest(flags)
}

/// Sorts flags in text order and folds a flag that lies inside a longer flag of the same
/// category into it: the outer flag keeps the clause, its `why` names the inner words.
fn nest(mut flags: Vec<EditorialFlag>) -> Vec<EditorialFlag> {
    flags.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<EditorialFlag> = Vec::with_capacity(flags.len());
    for f in flags {
        let outer = out
            .iter_mut()
            .find(|o| o.category == f.category && o.start <= f.start && f.end <= o.end);
        match outer {
            Some(o) if o.start == f.start && o.end == f.end => {}
            Some(o) => o
                .why
                .push_str(&format!(" Within it, '{}': {}", f.text, f.why)),
            None => out.push(f),
        }
    }
    out
}

/// The flags of the structural [`PATTERNS`] in `text` (whose ASCII lower case is `lowered`).
fn patterns(
    text: &str,
    lowered: &str,
    is_protected: &dyn Fn(&Range<usize>) -> bool,
    anchored: u64,
) -> Vec<EditorialFlag> {
    let candidates = candidate_patterns(text, anchored);
    if candidates == 0 {
        return Vec::new();
    }
    let mut index = CharCounter::new(text);
    let mut out = Vec::new();
    for (i, pattern) in PATTERNS.iter().enumerate() {
        if !has_bit(candidates, i) || context_ok(i, text, lowered) != Some(true) {
            continue;
        }
        let Some(spans) = pattern_spans(i, text, lowered) else {
            continue;
        };
        for m in spans {
            let Some(found) = text.get(m.clone()) else {
                continue;
            };
            let trimmed = found.trim_end_matches(|c: char| !c.is_alphanumeric());
            let (s, e) = (m.start, m.start + trimmed.len());
            let range = index.char_at(s)..index.char_at(e);
            if range.is_empty() || is_protected(&range) {
                continue;
            }
            out.push(EditorialFlag {
                text: text[s..e].to_string(),
                start: range.start,
                end: range.end,
                category: pattern.category.to_string(),
                neutral: pattern.neutral.map(str::to_string),
                why: pattern.why.to_string(),
                lexicon: BUILTIN.to_string(),
            });
        }
    }
    out
}

/// `chars[from..to]` as a string: borrowed from `text` when it is ASCII (a char per byte).
fn char_slice<'t>(text: &'t str, chars: &[char], from: usize, to: usize) -> Cow<'t, str> {
    match text.get(from..to) {
        Some(s) if chars.len() == text.len() => Cow::Borrowed(s),
        _ => Cow::Owned(chars[from..to].iter().collect()),
    }
}

/// The text of the clause before `start`, whose last words [`words_before`] gives.
fn clause_before<'t>(text: &'t str, chars: &[char], start: usize) -> Cow<'t, str> {
    let before = &chars[..start];
    let from = before
        .iter()
        .rposition(|c| matches!(c, '.' | ';' | '!' | '?'))
        .map_or(0, |i| i + 1);
    char_slice(text, chars, from, start)
}

/// Does one of the last `n` words of `clause` (see [`clause_before`]) pass `test`? The words
/// are looked at nearest first and not collected, since only whether one passes counts.
fn words_before(clause: &str, n: usize, mut test: impl FnMut(&str) -> bool) -> bool {
    word_iter(clause).rev().take(n).any(|w| test(&w))
}

fn view_cue_before(text: &str, chars: &[char], start: usize) -> bool {
    let clause = clause_before(text, chars, start);
    words_before(&clause, VIEW_CUE_WINDOW_WORDS, |w| VIEW_CUE_SET.contains(w))
}

fn number_near(text: &str, chars: &[char], range: &Range<usize>) -> bool {
    let after = char_slice(text, chars, range.end, chars.len());
    let is_count = |w: &str| is_number(w) && !is_year(w);
    let clause = clause_before(text, chars, range.start);
    words_before(&clause, COUNT_WINDOW_WORDS, is_count)
        || word_iter(&after)
            .take(COUNT_WINDOW_WORDS)
            .any(|w| is_count(&w))
}

/// "2011" dates an event; it does not count anything.
fn is_year(w: &str) -> bool {
    w.len() == 4
        && w.chars().all(|c| c.is_ascii_digit())
        && (w.starts_with("18") || w.starts_with("19") || w.starts_with("20"))
}

/// True when the range sits inside one of the sentence's quotation pairs (`quoted`, from
/// [`quoted_spans`]): a direct quotation attribution may have missed.
fn inside_quotes(quoted: &[Range<usize>], range: &Range<usize>) -> bool {
    quoted
        .iter()
        .any(|q| q.start <= range.start && range.end <= q.end)
}

/// [`quoted_spans`] of `text`, whose chars are `chars`: for an ASCII text (a char per byte) by
/// [`quoted_spans_ascii`], which jumps between the marks rather than looking at every char.
fn quoted_spans_of(text: &str, chars: &[char]) -> Vec<Range<usize>> {
    if text.len() == chars.len() {
        quoted_spans_ascii(text.as_bytes())
    } else {
        quoted_spans(chars)
    }
}

/// Is `b` white space as `char::is_whitespace` tells (for ASCII: tab to carriage return, space)?
fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// [`quoted_spans`] of an ASCII text: the same rules, where the only marks are `"` and `'`
/// (each closed by itself) and memchr finds them.
fn quoted_spans_ascii(b: &[u8]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = b
        .get(i..)
        .and_then(|rest| memchr::memchr2(b'"', b'\'', rest))
    {
        i += k;
        let c = b[i];
        let single = c == b'\'';
        if single {
            let prev_ok = i == 0 || ascii_space(b[i - 1]) || matches!(b[i - 1], b'(' | b'[' | b'"');
            let next_ok = b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
            if !prev_ok || !next_ok {
                i += 1;
                continue;
            }
        }
        let mut j = i + 1;
        let mut found = None;
        while let Some(k) = b.get(j..).and_then(|rest| memchr::memchr(c, rest)) {
            let at = j + k;
            let next_is_letter = b.get(at + 1).is_some_and(u8::is_ascii_alphanumeric);
            if !(single && next_is_letter) {
                found = Some(at);
                break;
            }
            j = at + 1;
        }
        match found {
            Some(j) => {
                out.push(i + 1..j);
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Inner ranges of quotation pairs: "..", “..”, «..», ‘..’ and '..' (a single quote opens only
/// after a space or bracket and before a letter, so apostrophes are not taken for quotes).
fn quoted_spans(chars: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let close = match c {
            '"' => Some('"'),
            '\u{201c}' => Some('\u{201d}'),
            '\u{ab}' => Some('\u{bb}'),
            '\u{2018}' => Some('\u{2019}'),
            '\'' => Some('\''),
            _ => None,
        };
        let Some(close) = close else {
            i += 1;
            continue;
        };
        let single = matches!(c, '\'' | '\u{2018}');
        if single {
            let prev_ok = i == 0
                || chars[i - 1].is_whitespace()
                || matches!(chars[i - 1], '(' | '[' | '"' | '\u{201c}');
            let next_ok = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
            if !prev_ok || !next_ok {
                i += 1;
                continue;
            }
        }
        let mut j = i + 1;
        let mut found = None;
        while j < chars.len() {
            if chars[j] == close || (c == '"' && chars[j] == '"') {
                let next_is_letter = chars.get(j + 1).is_some_and(|n| n.is_alphanumeric());
                if !(single && next_is_letter) {
                    found = Some(j);
                    break;
                }
            }
            j += 1;
        }
        match found {
            Some(j) => {
                out.push(i + 1..j);
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

fn scare_quotes(
    text: &str,
    chars: &[char],
    spans: Vec<Range<usize>>,
    protected: &[Range<usize>],
) -> Vec<EditorialFlag> {
    // The quotations that pass the tests of their own first: most are longer than a scare
    // quote or belong to a speaker, and [`has_speaker`], which reads every word of the
    // sentence, is then not asked.
    let candidates: Vec<(Range<usize>, String)> = spans
        .into_iter()
        .filter_map(|inner| {
            let outer = inner.start - 1..inner.end + 1;
            if protected
                .iter()
                .any(|p| p.start < outer.end && outer.start < p.end)
            {
                return None;
            }
            let quoted = char_text(text, chars, inner);
            let ws: Vec<&str> = quoted.split_whitespace().collect();
            if ws.is_empty() || ws.len() > SCARE_QUOTE_MAX_WORDS {
                return None;
            }
            // Names and titles in quotation marks ("Operation Olive Branch") are not scare
            // quotes.
            let all_capitalised = ws.iter().all(|w| {
                w.chars()
                    .find(|c| c.is_alphanumeric())
                    .is_some_and(|c| !c.is_lowercase())
            });
            if all_capitalised || !quoted.chars().any(char::is_alphabetic) {
                return None;
            }
            Some((outer, quoted))
        })
        .collect();
    if candidates.is_empty() || has_speaker(text) {
        return Vec::new();
    }
    candidates
        .into_iter()
        .map(|(outer, quoted)| EditorialFlag {
            text: char_text(text, chars, outer.clone()),
            start: outer.start,
            end: outer.end,
            category: "scare_quote".to_string(),
            neutral: Some(quoted.trim().to_string()),
            why: format!(
                "Quotation marks around '{}' with no speaker in the sentence keep the outlet at a distance from the word, hinting it should not be believed (unsure: quotation marks also introduce a new term or a name, so check).",
                quoted.trim()
            ),
            lexicon: BUILTIN.to_string(),
        })
        .collect()
}

/// True when the sentence names a speaker: a reporting cue, or a headline ending ": Kerry".
fn has_speaker(text: &str) -> bool {
    if word_iter(text).any(|w| SPEAKER_CUE_SET.contains(&*w)) {
        return true;
    }
    // A headline credit: "...: Kerry", "...: UN envoy".
    if let Some((_, tail)) = text.trim_end().rsplit_once(':') {
        let tail = tail.trim();
        let n = tail.split_whitespace().count();
        if (1..=4).contains(&n) && !tail.chars().any(is_quote) {
            return tail.chars().next().is_some_and(char::is_uppercase);
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        quoted_spans(&chars)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn finds_quotation_pairs_not_apostrophes() {
        let cases: &[(&str, &[&str])] = &[
            ("Ankara's 'clarity' on Syria's war", &["clarity"]),
            ("a \u{201c}peace\u{201d} plan", &["peace"]),
            ("the rebels' town and the army's lines", &[]),
            ("he said \"we won\" and \"lost\"", &["we won", "lost"]),
            ("\u{ab} paix \u{bb}", &[" paix "]),
        ];
        for (text, want) in cases {
            assert_eq!(quoted(text), *want, "{text}");
        }
    }

    #[test]
    fn a_dated_cause_without_blame_words_is_not_framing() {
        let lexicon = Lexicon::builtin();
        for text in [
            "The war began when gunmen stormed border towns on Oct. 7, killing 1,200 people.",
            "The conflict erupted in 2014 after rebels seized the airport.",
            "The war broke out in April 2023 following a power struggle between two generals.",
        ] {
            let found = flag(text, &[], &lexicon);
            assert!(
                found.iter().all(|f| f.category != "causal_framing"),
                "{text}: {found:?}"
            );
        }
        let framed = flag(
            "The war erupted in 2011 after the regime unleashed a brutal crackdown on protesters.",
            &[],
            &lexicon,
        );
        assert!(
            framed.iter().any(|f| f.category == "causal_framing"),
            "{framed:?}"
        );
    }

    #[test]
    fn anchor_words_give_each_word_every_group_that_lists_it() {
        let words = anchor_words();
        let groups: Vec<&[&str]> = ANCHORS.iter().flat_map(|g| g.iter().copied()).collect();
        for (i, (word, mask)) in words.iter().enumerate() {
            assert!(!words[..i].iter().any(|(w, _)| w == word), "{word} twice");
            for (bit, group) in groups.iter().enumerate() {
                assert_eq!(
                    mask & 1 << bit != 0,
                    group.contains(word),
                    "{word}, group {bit}"
                );
            }
        }
        for group in &groups {
            assert!(group.iter().all(|g| words.iter().any(|(w, _)| w == g)));
        }
    }

    #[test]
    fn every_pattern_match_holds_one_of_its_anchors() {
        // One sentence per pattern, in pattern order, that the pattern matches.
        let cases = [
            "Officials blamed Iranian-backed terror groups for the blast.",
            "The province has been GRIPPED BY a wave of violence since May.",
            "The conflict erupted in 2014 after a crackdown on protests in the capital.",
            "Jets carried out airstrikes at the request of the Syrian government.",
            "Troops shelled the town in a desperate bid to intimidate residents.",
            "Police Deliberately targeted the marchers, the report said.",
            "The junta unleashed a brutal crackdown on students.",
        ];
        assert_eq!(cases.len(), PATTERNS.len());
        let lexicon = Lexicon::builtin();
        for (i, text) in cases.iter().enumerate() {
            let regex = pattern_regex(i).expect("compiles");
            assert!(regex.is_match(text), "pattern {i}: {text}");
            let (_, anchored) = lexicon.find_with_anchors(text, &text.to_ascii_lowercase());
            let candidates = candidate_patterns(text, anchored);
            assert!(has_bit(candidates, i), "pattern {i} not anchored: {text}");
            for j in (0..PATTERNS.len()).filter(|&j| j != i) {
                if !has_bit(candidates, j) {
                    assert!(!pattern_regex(j).unwrap().is_match(text));
                }
            }
        }
        let calm = "Talks resumed in Geneva on Friday.";
        let (_, none) = lexicon.find_with_anchors(calm, &calm.to_ascii_lowercase());
        assert_eq!(none, 0);
    }

    /// Words and phrases that the patterns are made of, with fillers, for the property test
    /// below: whole clauses that match, and their parts, which may or may not.
    const VOCABULARY: &[&str] = &[
        "Iranian-backed terror groups",
        "foreign-sponsored thugs",
        "engulfed in violence",
        "swept by a wave of chaos",
        "the war erupted in 2011 after a brutal crackdown",
        "the conflict began when the regime",
        "at the request of the Syrian government",
        "at the invitation of Damascus",
        "in a desperate bid to intimidate",
        "aimed at toppling",
        "designed to cover up",
        "deliberately targeted",
        "wilfully misled",
        "unleashed a crackdown",
        "unleashing a reign of terror",
        "Iranian-backed",
        "Turkish-armed",
        "foreign-funded",
        "terror",
        "terrorists",
        "groups",
        "mercenaries",
        "engulfed",
        "swept",
        "gripped",
        "by",
        "in",
        "violence",
        "chaos",
        "unrest",
        "war",
        "civil",
        "conflict",
        "uprising",
        "erupted",
        "began",
        "broke",
        "out",
        "was",
        "sparked",
        "after",
        "when",
        "because",
        "crackdown",
        "regime",
        "brutal",
        "massacre",
        "at",
        "the",
        "request",
        "invitation",
        "of",
        "Syrian",
        "government",
        "airstrikes",
        "troops",
        "a",
        "an",
        "desperate",
        "bid",
        "move",
        "to",
        "aimed",
        "intimidate",
        "sabotage",
        "cover",
        "up",
        "toppling",
        "deliberately",
        "wilfully",
        "targeted",
        "fired",
        "misled",
        "unleashed",
        "unleashes",
        "repression",
        "onslaught",
        "reign",
        "2011",
        ",",
        ".",
        ";",
        "Kerry",
        "said",
        "rebels",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5_000))]
        #[test]
        fn ascii_quoted_spans_agree_with_the_char_scan(
            picks in proptest::collection::vec(0..14usize, 0..40)
        ) {
            const PIECES: [&str; 14] =
                ["\"", "'", "a", "B", "7", " ", "\t", "\x0b", "(", "[", ".", ",", "-", "\x1c"];
            let text: String = picks.iter().map(|&p| PIECES[p]).collect();
            let chars: Vec<char> = text.chars().collect();
            proptest::prop_assert_eq!(
                quoted_spans_ascii(text.as_bytes()),
                quoted_spans(&chars),
                "{:?}", text
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn texts_that_fail_the_anchors_never_match(
            picks in proptest::collection::vec((0..VOCABULARY.len(), 0..3u8), 1..24)
        ) {
            let text: String = picks
                .iter()
                .map(|&(w, case)| match case {
                    0 => VOCABULARY[w].to_string(),
                    1 => VOCABULARY[w].to_uppercase(),
                    _ => VOCABULARY[w].to_lowercase(),
                })
                .collect::<Vec<_>>()
                .join(" ");
            for (i, regex) in TEST_REGEXES.iter().enumerate() {
                let want = regex_spans(regex, &text);
                proptest::prop_assert_eq!(
                    pattern_regex(i).unwrap().spans(&text),
                    want.clone(),
                    "pattern {} on {:?}", i, text
                );
                // The ASCII forms, which run on these texts.
                for (searcher, lowered) in ascii_searchers(i) {
                    proptest::prop_assert_eq!(
                        ascii_spans(searcher, lowered, &text),
                        want.clone(),
                        "ASCII form (lowered: {}) of pattern {} on {:?}", lowered, i, text
                    );
                }
            }
            let lexicon = &*TEST_LEXICON;
            let (_, anchored) = lexicon.find_with_anchors(&text, &text.to_ascii_lowercase());
            let candidates = candidate_patterns(&text, anchored);
            for i in 0..PATTERNS.len() {
                if !has_bit(candidates, i) {
                    proptest::prop_assert!(
                        !pattern_regex(i).unwrap().is_match(&text),
                        "pattern {} matches unanchored {:?}", i, text
                    );
                }
            }
        }
    }

    /// ASCII separators for [`ascii_forms_agree_with_the_regexes`]: whitespace of every kind,
    /// punctuation the patterns stop at, and characters that join words.
    const SEPARATORS: &[&str] = &[
        " ", "  ", "\t", "\n", "\r\n", "\x0B", "\x0C", "\x1F", "-", "'", "_", ":", ". ", "; ", "0",
        "K", "(", "\"", ", ",
    ];

    proptest::proptest! {
        #[test]
        fn ascii_forms_agree_with_the_regexes(
            picks in proptest::collection::vec(
                (0..VOCABULARY.len(), 0..3u8, 0..SEPARATORS.len()), 1..24
            )
        ) {
            let mut text = String::new();
            for &(w, case, sep) in &picks {
                let word = VOCABULARY[w];
                text.push_str(&match case {
                    0 => word.to_string(),
                    1 => word.to_uppercase(),
                    _ => word.to_lowercase(),
                });
                text.push_str(SEPARATORS[sep]);
            }
            proptest::prop_assume!(text.is_ascii());
            for (i, regex) in TEST_REGEXES.iter().enumerate() {
                for (searcher, lowered) in ascii_searchers(i) {
                    proptest::prop_assert_eq!(
                        ascii_spans(searcher, lowered, &text),
                        regex_spans(regex, &text),
                        "ASCII form (lowered: {}) of pattern {} on {:?}", lowered, i, text
                    );
                }
            }
        }
    }

    static TEST_LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::builtin);

    /// Pattern `i`'s searchers for ASCII texts, each with whether it reads the text's lower
    /// case: the [`ascii_form`] and, when the pattern has one, the [`lowered_form`].
    fn ascii_searchers(i: usize) -> Vec<(&'static Searcher, bool)> {
        let (p, compiled) = (&PATTERNS[i], &COMPILED[i]);
        let ascii = compiled
            .ascii
            .get_or_init(|| Searcher::new(&ascii_form(p.regex)));
        let lowered = compiled
            .lowered
            .get_or_init(|| Searcher::new(&lowered_form(p.regex)?));
        let ascii = ascii.as_ref().expect("compiles");
        std::iter::once((ascii, false))
            .chain(lowered.as_ref().map(|l| (l, true)))
            .collect()
    }

    /// The spans `searcher` finds in `text`, or in its ASCII lower case when `lowered`.
    fn ascii_spans(searcher: &Searcher, lowered: bool, text: &str) -> Vec<Range<usize>> {
        if lowered {
            searcher.spans(&text.to_ascii_lowercase())
        } else {
            searcher.spans(text)
        }
    }

    /// The patterns as `regex::Regex`, which the searchers must agree with.
    static TEST_REGEXES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        PATTERNS
            .iter()
            .map(|p| Regex::new(p.regex).expect("compiles"))
            .collect()
    });

    /// Group `m` (or the whole match) of every match, as the flags took them from the regex.
    fn regex_spans(regex: &Regex, text: &str) -> Vec<Range<usize>> {
        regex
            .captures_iter(text)
            .filter_map(|caps| caps.name("m").or_else(|| caps.get(0)))
            .map(|m| m.range())
            .collect()
    }

    #[test]
    fn searchers_agree_with_the_regexes_on_long_and_odd_texts() {
        let clauses = [
            "Officials blamed Iranian-backed terror groups for the blast",
            "The war erupted in 2011 after the regime unleashed a brutal crackdown on protesters",
            "Jets carried out airstrikes at the request of the Syrian government",
            "Troops shelled the town in a desperate bid to intimidate residents",
            "The junta unleashed a brutal crackdown on students",
            "The city was \u{17f}wept by violence overnight",
            "Ça « regime » – terrorists’ 🙂 unleashed an onslaught",
        ];
        // Long enough that the backtracker hands the search to the PikeVM.
        let long = clauses.join(", and ").repeat(40);
        for text in clauses.iter().copied().chain([long.as_str(), "", " ", "."]) {
            for (i, regex) in TEST_REGEXES.iter().enumerate() {
                let want = regex_spans(regex, text);
                assert_eq!(pattern_regex(i).unwrap().spans(text), want, "pattern {i}");
                let lowered = text.to_ascii_lowercase();
                let run = pattern_spans(i, text, &lowered).unwrap();
                assert_eq!(run, want, "the searcher that runs for pattern {i}");
                if text.is_ascii() {
                    for (searcher, lowered) in ascii_searchers(i) {
                        let got = ascii_spans(searcher, lowered, text);
                        assert_eq!(got, want, "ASCII form (lowered: {lowered}) of pattern {i}");
                    }
                }
            }
        }
        assert!(long.len() > pattern_regex(2).unwrap().backtrack.max_haystack_len());
    }

    #[test]
    fn letters_that_fold_to_ascii_still_reach_the_patterns() {
        // The long s matches `s` under the patterns' Unicode case folding, not the anchors'.
        let flags = flag(
            "The city was \u{17f}wept by violence overnight.",
            &[],
            &Lexicon::builtin(),
        );
        assert!(
            flags.iter().any(|f| f.category == "causal_framing"),
            "{flags:?}"
        );
    }

    #[test]
    fn the_requires_stems_match_where_their_word_form_does() {
        // The form with `\w*` before the closing boundary, which `requires` shortens.
        let full = Regex::new(
            r"(?i)\b(?:air\s?strikes?|strikes|bomb\w*|troops|forces|military|deploy\w*|intervention|intervened|operation|raids?|shell\w*|offensive|soldiers)\b",
        )
        .unwrap();
        let words = [
            "bomb",
            "bombs",
            "bombed",
            "Bombers",
            "bombé",
            "deploy",
            "deployment",
            "redeploy",
            "shell",
            "shelling",
            "shellé",
            "eggshell",
            "airstrikes",
            "air strike",
            "troops",
            "strikes",
            "strikers",
            "raid",
            "raids",
            "raided",
            "\u{17f}hell",
            "x",
            "",
        ];
        for a in words {
            for b in ["", " ", "_", "-", "é", "2", ".", "\u{301}"] {
                for text in [
                    format!("{a}{b}"),
                    format!("{b}{a}"),
                    format!("the {a}{b} went"),
                ] {
                    let lowered = text.to_ascii_lowercase();
                    let got = context_ok(3, &text, &lowered);
                    assert_eq!(got, Some(full.is_match(&text)), "{text:?}");
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5_000))]
        #[test]
        fn numbers_are_told_as_the_regex_tells_them(
            picks in proptest::collection::vec(0..NUMBER_PIECES.len(), 0..4),
            case in 0..3u8,
        ) {
            let w: String = picks.iter().map(|&p| NUMBER_PIECES[p]).collect();
            let w = match case {
                0 => w,
                1 => w.to_uppercase(),
                _ => w.to_lowercase(),
            };
            let regex = NUMBER.as_ref().expect("compiles");
            proptest::prop_assert_eq!(is_number(&w), regex.is_match(&w), "{:?}", w);
        }
    }

    /// Pieces of words for [`numbers_are_told_as_the_regex_tells_them`]: figures, number words,
    /// their parts and look-alikes.
    const NUMBER_PIECES: &[&str] = &[
        "1", "12", "2011", ",", ".", "000", "-", "dozen", "s", "Score", "hundred", "thousand",
        "million", "one", "two", "Three", "ten", "eleven", "twelve", "twenty", "fifty", "toll",
        "tolls", "ninety", "x", "\u{660}", "\u{17f}", "\u{212a}", " ", "\n",
    ];

    #[test]
    fn every_pattern_compiles() {
        for (i, p) in PATTERNS.iter().enumerate() {
            assert!(pattern_regex(i).is_some(), "{}", p.name);
            assert!(context_ok(i, "", "").is_some(), "{}", p.name);
        }
        assert!(NUMBER.is_some());
    }
}
