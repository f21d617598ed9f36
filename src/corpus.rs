//! Corpus mode: many articles in, one report per story out, and a per-outlet summary.
//!
//! The binary reads the articles (JSONL lines or files) and decides which belong together, with
//! [`crate::group`] or a field the input already carries; this module parses JSONL lines,
//! compares the stories in parallel, writes one report-v1 JSON line per story in input order as
//! soon as the stories before it are written (so memory stays flat), and tallies the per-outlet counts
//! and the substitution table across the corpus.
//!
//! ```
//! use wirediff::corpus::{Article, Story, Tally, process_stories};
//! use wirediff::CompareConfig;
//!
//! let a = Article::parse_line(r#"{"id": "wire", "text": "Police said two men were arrested on Monday. The men were charged with theft."}"#).unwrap();
//! let b = Article::parse_line(r#"{"id": "daily", "outlet": "The Daily", "text": "Police claimed two men were arrested on Monday. The men were charged with theft."}"#).unwrap();
//! let stories = vec![Ok(Story { key: "s1".into(), articles: vec![a, b] })];
//! let mut out = Vec::new();
//! let mut tally = Tally::default();
//! process_stories(stories.into_iter(), &CompareConfig::default(), &mut out, &mut tally, |_| true).unwrap();
//! assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);
//! assert_eq!(tally.stories, 1);
//! ```

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use rustc_hash::FxHashMap;
use serde::Deserialize;
use serde::Serialize;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::compare::{CompareConfig, compare_prepared, prepare};
use crate::error::Error;
use crate::ingest::{RawVersion, TextFormat};
use crate::report::{self, Report};

/// Stories being compared or waiting for their turn to be written at any time; bounds the
/// memory held by finished reports (a few megabytes per story at most).
pub const IN_FLIGHT_STORIES: usize = 128;

/// One article of a corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The article id (`id` field).
    pub id: String,
    /// Its text, with the title (when given) as the headline paragraph.
    pub text: String,
    /// The outlet (`outlet` field), when given.
    pub outlet: Option<String>,
    /// Every other field of the line (`title`, `url`, `date`, `story`, ...), carried into the
    /// story's report under `corpus.articles`.
    pub fields: Map<String, Value>,
}

/// Why a JSONL line is not an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct LineError(pub String);

impl Article {
    /// Parses one JSONL line: an object with a string `id` (a number is taken as its decimal
    /// form) and a string `text`; `outlet` and `title` are optional strings.
    pub fn parse_line(line: &str) -> Result<Article, LineError> {
        let head = ArticleHead::parse(line, Keep::All)?;
        let outlet = match head.fields.get("outlet") {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            _ => None,
        };
        Ok(Article {
            id: head.id,
            text: head.text.into_owned(),
            outlet,
            fields: head.fields,
        })
    }

    /// The value of a field as a group key: strings as they are, numbers and booleans in their
    /// JSON form; `None` when absent or null.
    pub fn key(&self, field: &str) -> Option<String> {
        key_of(&self.id, &self.fields, field)
    }

    fn raw(&self) -> RawVersion {
        self.raw_with(self.text.as_bytes().to_vec())
    }

    /// [`Article::raw`], moving the text out of the article (left empty) instead of copying it.
    fn take_raw(&mut self) -> RawVersion {
        let bytes = std::mem::take(&mut self.text).into_bytes();
        self.raw_with(bytes)
    }

    fn raw_with(&self, bytes: Vec<u8>) -> RawVersion {
        RawVersion {
            id: self.id.clone(),
            outlet: self.outlet.clone(),
            source: self
                .fields
                .get("url")
                .and_then(Value::as_str)
                .unwrap_or("-")
                .to_string(),
            bytes,
            format: TextFormat::Text,
        }
    }
}

/// What grouping needs of one JSONL line: its id, its text (borrowed from the line when the line
/// writes it without escapes and there is no title) and its group key. Reading it skips building
/// the other fields, which [`Article::parse_line`] keeps; a line is accepted or rejected, with the
/// same message, exactly as [`Article::parse_line`] would.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleHead<'a> {
    /// The article id, as in [`Article::id`].
    pub id: String,
    /// The text, as in [`Article::text`].
    pub text: Cow<'a, str>,
    /// The fields read besides `id` and `text`: all of them for [`Article::parse_line`], or only
    /// `outlet`, `title` and the group key field.
    fields: Map<String, Value>,
}

impl<'a> ArticleHead<'a> {
    /// Parses one JSONL line, keeping of its other fields only `key_field` (for
    /// [`ArticleHead::key`]).
    pub fn parse_line(
        line: &'a str,
        key_field: Option<&str>,
    ) -> Result<ArticleHead<'a>, LineError> {
        ArticleHead::parse(line, Keep::Named(key_field))
    }

    /// The value of a field as a group key, as [`Article::key`] gives it; `field` must be `id` or
    /// the `key_field` the line was parsed with.
    pub fn key(&self, field: &str) -> Option<String> {
        key_of(&self.id, &self.fields, field)
    }

    fn parse(line: &'a str, keep: Keep) -> Result<ArticleHead<'a>, LineError> {
        let mut de = serde_json::Deserializer::from_str(line);
        let parts = LineSeed { keep }
            .deserialize(&mut de)
            .and_then(|parts| de.end().map(|()| parts))
            .map_err(|e| LineError(format!("not valid JSON: {e}")))?;
        let Some(Parts { id, text, fields }) = parts else {
            return Err(LineError(
                "expected a JSON object with \"id\" and \"text\"".to_string(),
            ));
        };
        let id = match id {
            Some(Slot::Str(s)) if !s.trim().is_empty() => s.into_owned(),
            Some(Slot::Number(n)) => n.to_string(),
            Some(_) => return Err(LineError("\"id\" must be a non-empty string".to_string())),
            None => return Err(LineError("missing \"id\"".to_string())),
        };
        let body = match text {
            Some(Slot::Str(s)) if !s.trim().is_empty() => s,
            Some(Slot::Str(_)) => return Err(LineError(format!("{id}: \"text\" is empty"))),
            Some(_) => return Err(LineError(format!("{id}: \"text\" must be a string"))),
            None => return Err(LineError(format!("{id}: missing \"text\""))),
        };
        match fields.get("outlet") {
            Some(Value::String(_)) | Some(Value::Null) | None => {}
            Some(_) => return Err(LineError(format!("{id}: \"outlet\" must be a string"))),
        }
        let text = match fields.get("title") {
            Some(Value::String(t)) if !t.trim().is_empty() => {
                let mut s = String::with_capacity(t.len() + 2 + body.len());
                s.push_str(t.trim());
                s.push_str("\n\n");
                s.push_str(&body);
                Cow::Owned(s)
            }
            Some(Value::String(_)) | Some(Value::Null) | None => body,
            Some(_) => return Err(LineError(format!("{id}: \"title\" must be a string"))),
        };
        Ok(ArticleHead { id, text, fields })
    }
}

/// A group key from an article's id and fields (see [`Article::key`]).
fn key_of(id: &str, fields: &Map<String, Value>, field: &str) -> Option<String> {
    if field == "id" {
        return Some(id.to_string());
    }
    match fields.get(field)? {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// Which fields besides `id` and `text` a parse keeps.
#[derive(Debug, Clone, Copy)]
enum Keep<'k> {
    /// All of them.
    All,
    /// `outlet` and `title` (to check them and put the title before the text) and this one.
    Named(Option<&'k str>),
}

impl Keep<'_> {
    fn wants(&self, field: &str) -> bool {
        match self {
            Keep::All => true,
            Keep::Named(key) => field == "outlet" || field == "title" || Some(field) == *key,
        }
    }
}

/// A line's `id` or `text` value, as a `serde_json::Value` would hold it but with strings
/// borrowed from the line when they have no escapes.
enum Slot<'a> {
    Str(Cow<'a, str>),
    Number(serde_json::Number),
    /// Null, a boolean, an array or an object.
    Other,
}

/// The fields of a line that is a JSON object (last value of a repeated key wins, as in a
/// `serde_json::Map`).
struct Parts<'a> {
    id: Option<Slot<'a>>,
    text: Option<Slot<'a>>,
    fields: Map<String, Value>,
}

/// Reads a line into [`Parts`] (`None` when it is valid JSON but not an object). Every value is
/// read with `deserialize_any`, as `serde_json::Value` reads it, so the same lines fail with the
/// same errors (an ignored field is still checked for bad numbers, escapes and surrogates).
struct LineSeed<'k> {
    keep: Keep<'k>,
}

impl<'de> DeserializeSeed<'de> for LineSeed<'_> {
    type Value = Option<Parts<'de>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LineSeed<'_> {
    type Value = Option<Parts<'de>>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut parts = Parts {
            id: None,
            text: None,
            fields: Map::new(),
        };
        while let Some(Str(key)) = map.next_key::<Str<'de>>()? {
            match key.as_ref() {
                "id" => parts.id = Some(map.next_value()?),
                "text" => parts.text = Some(map.next_value()?),
                k if self.keep.wants(k) => {
                    let value: Value = map.next_value()?;
                    parts.fields.insert(key.into_owned(), value);
                }
                _ => {
                    map.next_value::<Skip>()?;
                }
            }
        }
        Ok(Some(parts))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Skip.visit_seq(seq).map(|_| None)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

impl<'de> Deserialize<'de> for Slot<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SlotVisitor)
    }
}

struct SlotVisitor;

impl<'de> Visitor<'de> for SlotVisitor {
    type Value = Slot<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Slot::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Slot::Str(Cow::Owned(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Slot::Str(Cow::Owned(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Slot::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Slot::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        // As `serde_json::Value` does: a number that is not finite is null.
        Ok(serde_json::Number::from_f64(v).map_or(Slot::Other, Slot::Number))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Slot::Other)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Slot::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Skip.visit_seq(seq).map(|_| Slot::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Skip.visit_map(map).map(|_| Slot::Other)
    }
}

/// A JSON string, borrowed when it has no escapes (an object key).
struct Str<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Str<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct StrVisitor;
        impl<'de> Visitor<'de> for StrVisitor {
            type Value = Str<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Borrowed(v)))
            }

            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v.to_string())))
            }

            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v)))
            }
        }
        d.deserialize_str(StrVisitor)
    }
}

/// Any JSON value, read in full (as `serde_json::Value` reads it, so it fails on the same
/// input) and dropped. Unlike `serde::de::IgnoredAny`, whose quicker skipping in serde_json
/// lets some invalid numbers and escapes through.
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Skip)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = Skip;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_str<E>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_unit<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Skip)
    }
}

/// The articles of one story.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// The story's key: the `--group-by` value, or a group name.
    pub key: String,
    /// Its articles, in input order.
    pub articles: Vec<Article>,
}

/// What happened to one story.
#[derive(Debug)]
pub struct StoryOutcome {
    /// The story's key.
    pub key: String,
    /// Its number of articles.
    pub articles: usize,
    /// Why it has no report, when it has none.
    pub error: Option<Error>,
}

/// The line written per story is the report plus a `corpus` field (allowed by schema v1, which
/// may gain fields) that names the story and carries each article's other input fields.
#[derive(Serialize)]
struct CorpusMeta<'a> {
    story: &'a str,
    articles: Vec<ArticleMeta<'a>>,
}

#[derive(Serialize)]
struct ArticleMeta<'a> {
    id: &'a str,
    #[serde(flatten)]
    fields: &'a Map<String, Value>,
}

/// Compares one story's articles (base = the medoid unless the config names one).
pub fn compare_story(story: &Story, config: &CompareConfig) -> Result<Report, Error> {
    let raws: Vec<RawVersion> = story.articles.iter().map(Article::raw).collect();
    compare_prepared(prepare(&raws)?, config)
}

/// Compares one story and renders its JSON line. The articles' texts are moved into the
/// comparison (the line needs only their ids and other fields).
fn story_line(story: &mut Story, config: &CompareConfig) -> Result<(Vec<u8>, Tally), Error> {
    // A report is about six times the size of its texts (every sentence is written in its
    // version, in its row and in its diff): sized so that it is rarely grown and copied.
    let text_bytes: usize = story.articles.iter().map(|a| a.text.len()).sum();
    let raws: Vec<RawVersion> = story.articles.iter_mut().map(Article::take_raw).collect();
    let report = compare_prepared(prepare(&raws)?, config)?;
    drop(raws);
    let corpus = CorpusMeta {
        story: &story.key,
        articles: story
            .articles
            .iter()
            .map(|a| ArticleMeta {
                id: &a.id,
                fields: &a.fields,
            })
            .collect(),
    };
    let mut buf = Vec::with_capacity(text_bytes * 7);
    let write_error = |message: String| Error::BadFile {
        input: story.key.clone(),
        message: format!("cannot write the report: {message}"),
    };
    buf.push(b'{');
    report::compact::write_fields_to(&report, &mut buf).map_err(|e| write_error(e.to_string()))?;
    buf.extend_from_slice(b",\"corpus\":");
    sonic_rs::to_writer(&mut buf, &corpus).map_err(|e| write_error(e.to_string()))?;
    buf.push(b'}');
    buf.push(b'\n');
    let mut tally = Tally::default();
    tally.add(&report);
    Ok((buf, tally))
}

/// Compares every story in parallel and writes each report as one JSON line to `out` in the
/// stories' order, as soon as the stories before it are written (at most
/// [`IN_FLIGHT_STORIES`] are compared or waiting at a time, so memory stays flat). `on_done`
/// hears of every story (with its error when it failed) in order and returns false to stop. An
/// `Err` item from `stories` stops the run with that error, after the stories before it are
/// written.
pub fn process_stories<I, W>(
    stories: I,
    config: &CompareConfig,
    out: &mut W,
    tally: &mut Tally,
    on_done: impl FnMut(StoryOutcome) -> bool,
) -> io::Result<()>
where
    I: Iterator<Item = io::Result<Story>>,
    W: Write + ?Sized,
{
    process_story_jobs(stories, Ok, config, out, tally, on_done)
}

/// What a worker hands back for one story: its key, its number of articles, and its JSON line
/// with its tally or the reason it could not be compared.
type Finished = (String, usize, Result<(Vec<u8>, Tally), Error>);

/// A worker's message: the story's place in the input, and what came of it (a panic is carried
/// back and resumed on the calling thread).
type Done = (usize, thread::Result<io::Result<Finished>>);

/// As [`process_stories`], with each story given as a job that `load` turns into a [`Story`]
/// on a worker thread, so the articles of many stories are read in parallel while the calling
/// thread writes finished reports.
pub fn process_story_jobs<J, I, L, W>(
    jobs: I,
    load: L,
    config: &CompareConfig,
    out: &mut W,
    tally: &mut Tally,
    mut on_done: impl FnMut(StoryOutcome) -> bool,
) -> io::Result<()>
where
    I: Iterator<Item = io::Result<J>>,
    J: Send,
    L: Fn(J) -> io::Result<Story> + Sync,
    W: Write + ?Sized,
{
    let (tx, rx) = mpsc::channel::<Done>();
    let load = &load;
    // Stories start in input order (a FIFO scope: a plain scope runs a thread's own spawns
    // last first), so they also finish nearly in order: few finished reports wait for the
    // ones before them, and each report's memory is freed, still in cache, for the next story.
    rayon::in_place_scope_fifo(|scope| {
        let mut jobs = jobs;
        let mut failed = None;
        let mut exhausted = false;
        let mut started = 0usize;
        let mut written = 0usize;
        let mut waiting: BTreeMap<usize, thread::Result<io::Result<Finished>>> = BTreeMap::new();
        loop {
            while !exhausted && started - written < IN_FLIGHT_STORIES {
                match jobs.next() {
                    None => exhausted = true,
                    Some(Err(e)) => {
                        failed = Some(e);
                        exhausted = true;
                    }
                    Some(Ok(job)) => {
                        let tx = tx.clone();
                        let k = started;
                        scope.spawn_fifo(move |_| {
                            let done = panic::catch_unwind(AssertUnwindSafe(|| {
                                load(job).map(|mut story| {
                                    let line = story_line(&mut story, config);
                                    (story.key, story.articles.len(), line)
                                })
                            }));
                            // The receiver outlives the scope, so this cannot fail.
                            let _ = tx.send((k, done));
                        });
                        started += 1;
                    }
                }
            }
            if written == started {
                break;
            }
            while !waiting.contains_key(&written) {
                let (k, done) = next_done(&rx);
                waiting.insert(k, done);
            }
            while let Some(done) = waiting.remove(&written) {
                written += 1;
                let (key, articles, result) = match done {
                    Ok(finished) => finished?,
                    Err(payload) => panic::resume_unwind(payload),
                };
                let error = match result {
                    Ok((line, t)) => {
                        out.write_all(&line)?;
                        tally.merge(t);
                        None
                    }
                    Err(e) => Some(e),
                };
                if !on_done(StoryOutcome {
                    key,
                    articles,
                    error,
                }) {
                    return Ok(());
                }
            }
        }
        match failed {
            Some(e) => Err(e),
            None => Ok(()),
        }
    })
}

/// The next finished story. On a thread of the rayon pool, it runs pool work while it waits,
/// so a pool of one thread cannot deadlock.
fn next_done(rx: &mpsc::Receiver<Done>) -> Done {
    loop {
        match rx.try_recv() {
            Ok(done) => return done,
            Err(mpsc::TryRecvError::Disconnected) => unreachable!("the sender is held here"),
            Err(mpsc::TryRecvError::Empty) => {}
        }
        match rayon::yield_now() {
            Some(rayon::Yield::Executed) => {}
            Some(rayon::Yield::Idle) => {
                if let Ok(done) = rx.recv_timeout(Duration::from_millis(1)) {
                    return done;
                }
            }
            None => {
                return rx
                    .recv()
                    .unwrap_or_else(|_| unreachable!("the sender is held here"));
            }
        }
    }
}

/// Per-outlet counts across a corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OutletCounts {
    /// Stories the outlet has a version in.
    pub stories: usize,
    /// Stories in which the outlet's version was the base.
    pub base: usize,
    /// Sentences in its versions.
    pub sentences: usize,
    /// Sentences identical to the base (counted only when it is not the base).
    pub identical: usize,
    /// Sentences reworded from the base.
    pub reworded: usize,
    /// Sentences it added.
    pub added: usize,
    /// Base sentences it dropped.
    pub dropped: usize,
    /// Sentences it told at another place.
    pub moved: usize,
    /// Sentences labelled sourced.
    pub sourced: usize,
    /// Sentences labelled attributed.
    pub attributed: usize,
    /// Sentences labelled editorialized.
    pub editorialized: usize,
    /// Substitutions in its versions.
    pub substitutions: usize,
    /// Of those, the ones marked editorial.
    pub editorial_substitutions: usize,
}

impl OutletCounts {
    fn merge(&mut self, o: &OutletCounts) {
        self.stories += o.stories;
        self.base += o.base;
        self.sentences += o.sentences;
        self.identical += o.identical;
        self.reworded += o.reworded;
        self.added += o.added;
        self.dropped += o.dropped;
        self.moved += o.moved;
        self.sourced += o.sourced;
        self.attributed += o.attributed;
        self.editorialized += o.editorialized;
        self.substitutions += o.substitutions;
        self.editorial_substitutions += o.editorial_substitutions;
    }
}

/// One line of the substitution frequency table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubstitutionCount {
    /// How often the change was made.
    pub count: usize,
    /// How often it was marked editorial.
    pub editorial: usize,
    /// The outlets that made it.
    pub outlets: BTreeSet<String>,
}

/// Key of the substitution table: base wording, outlet wording, categories (`;`-joined).
pub type SubstitutionKey = (String, String, String);

/// Counts across a corpus: per outlet, and per substitution.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Stories compared.
    pub stories: usize,
    /// Versions in them.
    pub versions: usize,
    /// Per outlet, by name.
    pub outlets: BTreeMap<String, OutletCounts>,
    /// Per (base wording, outlet wording, categories).
    pub substitutions: FxHashMap<SubstitutionKey, SubstitutionCount>,
}

impl Tally {
    /// Adds one story's report. Its counts are first gathered per outlet and per substitution
    /// with borrowed names and wordings, and each distinct one is then added once: a story's
    /// versions share most of their substitutions, and the tally's keys are owned strings.
    pub fn add(&mut self, report: &Report) {
        self.stories += 1;
        self.versions += report.versions.len();
        // A story has a handful of versions: its outlets are found by a scan (the last version
        // of an id counts, as a map built in order would give).
        let outlet_of = |id: &'_ str| -> Option<&str> {
            report
                .versions
                .iter()
                .rev()
                .find(|v| v.id == id)
                .map(|v| v.outlet.as_str())
        };
        let mut outlets: Vec<(&str, OutletCounts)> = Vec::with_capacity(report.summary.len());
        fn slot<'a, 'n>(
            outlets: &'a mut Vec<(&'n str, OutletCounts)>,
            name: &'n str,
        ) -> (&'a mut OutletCounts, bool) {
            match outlets.iter().position(|(n, _)| *n == name) {
                Some(k) => (&mut outlets[k].1, false),
                None => {
                    outlets.push((name, OutletCounts::default()));
                    let last = outlets.len() - 1;
                    (&mut outlets[last].1, true)
                }
            }
        }
        for s in &report.summary {
            let outlet = outlet_of(&s.version).unwrap_or(&s.version);
            let (c, new) = slot(&mut outlets, outlet);
            if new {
                c.stories += 1;
            }
            if s.version == report.base {
                c.base += 1;
            }
            c.sentences += s.sentences;
            c.identical += s.identical;
            c.reworded += s.reworded;
            c.added += s.added;
            c.dropped += s.dropped;
            c.moved += s.moved;
            c.sourced += s.sourced;
            c.attributed += s.attributed;
            c.editorialized += s.editorialized;
        }
        type Wording<'r> = (&'r str, &'r str, &'r [String]);
        let mut subs: FxHashMap<Wording<'_>, (usize, usize, Vec<&str>)> = FxHashMap::default();
        for sub in &report.substitutions {
            let outlet = outlet_of(&sub.version).unwrap_or(&sub.version);
            let (c, _) = slot(&mut outlets, outlet);
            c.substitutions += 1;
            c.editorial_substitutions += usize::from(sub.editorial);
            let e = subs
                .entry((&sub.base, &sub.other, &sub.categories))
                .or_default();
            e.0 += 1;
            e.1 += usize::from(sub.editorial);
            if !e.2.contains(&outlet) {
                e.2.push(outlet);
            }
        }
        for (name, c) in outlets {
            match self.outlets.get_mut(name) {
                Some(e) => e.merge(&c),
                None => {
                    self.outlets.insert(name.to_string(), c);
                }
            }
        }
        for ((base, other, categories), (count, editorial, outlets)) in subs {
            let key = (base.to_string(), other.to_string(), categories.join(";"));
            let e = self.substitutions.entry(key).or_default();
            e.count += count;
            e.editorial += editorial;
            for outlet in outlets {
                if !e.outlets.contains(outlet) {
                    e.outlets.insert(outlet.to_string());
                }
            }
        }
    }

    /// Adds another tally's counts.
    pub fn merge(&mut self, other: Tally) {
        self.stories += other.stories;
        self.versions += other.versions;
        for (name, c) in other.outlets {
            self.outlets.entry(name).or_default().merge(&c);
        }
        for (key, s) in other.substitutions {
            let e = self.substitutions.entry(key).or_default();
            e.count += s.count;
            e.editorial += s.editorial;
            e.outlets.extend(s.outlets);
        }
    }

    /// The substitution table, most frequent first (ties by wording).
    pub fn substitution_rows(&self) -> Vec<(&SubstitutionKey, &SubstitutionCount)> {
        let mut rows: Vec<_> = self.substitutions.iter().collect();
        rows.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(b.0)));
        rows
    }

    /// Writes the per-outlet counts as CSV (one header line, one line per outlet).
    pub fn write_outlets_csv<W: Write>(&self, out: W) -> csv::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(OUTLET_COLUMNS)?;
        for (name, c) in &self.outlets {
            let mut rec = vec![name.clone()];
            rec.extend(outlet_numbers(c).iter().map(usize::to_string));
            w.write_record(&rec)?;
        }
        w.flush()?;
        Ok(())
    }

    /// Writes the substitution frequency table as CSV.
    pub fn write_substitutions_csv<W: Write>(&self, out: W) -> csv::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(SUBSTITUTION_COLUMNS)?;
        for ((base, other, categories), s) in self.substitution_rows() {
            let outlets: Vec<&str> = s.outlets.iter().map(String::as_str).collect();
            w.write_record([
                base.as_str(),
                other.as_str(),
                categories.as_str(),
                &s.count.to_string(),
                &s.editorial.to_string(),
                &s.outlets.len().to_string(),
                &outlets.join(";"),
            ])?;
        }
        w.flush()?;
        Ok(())
    }

    /// Writes the per-outlet counts and the `top` most frequent substitutions as terminal
    /// tables.
    pub fn write_tables<W: Write>(&self, mut out: W, top: usize) -> io::Result<()> {
        let mut t = comfy_table::Table::new();
        t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
        t.set_header(OUTLET_COLUMNS);
        for (name, c) in &self.outlets {
            let mut rec = vec![name.clone()];
            rec.extend(outlet_numbers(c).iter().map(usize::to_string));
            t.add_row(rec);
        }
        writeln!(out, "{t}")?;
        if self.substitutions.is_empty() {
            return Ok(());
        }
        let mut s = comfy_table::Table::new();
        s.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
        s.set_header([
            "base",
            "other",
            "categories",
            "count",
            "editorial",
            "outlets",
        ]);
        for ((base, other, categories), c) in self.substitution_rows().into_iter().take(top) {
            s.add_row([
                clip(base, TABLE_CELL_CHARS),
                clip(other, TABLE_CELL_CHARS),
                categories.clone(),
                c.count.to_string(),
                c.editorial.to_string(),
                c.outlets.len().to_string(),
            ]);
        }
        writeln!(
            out,
            "{} distinct substitutions; the {} most frequent:",
            self.substitutions.len(),
            top.min(self.substitutions.len())
        )?;
        writeln!(out, "{s}")
    }
}

/// Column names of the per-outlet CSV and table.
pub const OUTLET_COLUMNS: [&str; 14] = [
    "outlet",
    "stories",
    "base",
    "sentences",
    "identical",
    "reworded",
    "added",
    "dropped",
    "moved",
    "sourced",
    "attributed",
    "editorialized",
    "substitutions",
    "editorial_substitutions",
];

/// Column names of the substitution CSV.
pub const SUBSTITUTION_COLUMNS: [&str; 7] = [
    "base",
    "other",
    "categories",
    "count",
    "editorial",
    "n_outlets",
    "outlets",
];

/// Longest wording shown in a terminal table cell, in characters.
const TABLE_CELL_CHARS: usize = 40;

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn outlet_numbers(c: &OutletCounts) -> [usize; 13] {
    [
        c.stories,
        c.base,
        c.sentences,
        c.identical,
        c.reworded,
        c.added,
        c.dropped,
        c.moved,
        c.sourced,
        c.attributed,
        c.editorialized,
        c.substitutions,
        c.editorial_substitutions,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_line_reads_fields_and_title() {
        let a = Article::parse_line(
            r#"{"id": "x1", "text": "Body.", "title": "Head", "outlet": "Daily", "url": "u", "story": 7}"#,
        )
        .unwrap();
        assert_eq!(a.id, "x1");
        assert_eq!(a.text, "Head\n\nBody.");
        assert_eq!(a.outlet.as_deref(), Some("Daily"));
        assert_eq!(a.key("story").as_deref(), Some("7"));
        assert_eq!(a.key("url").as_deref(), Some("u"));
        assert_eq!(a.key("nothing"), None);
    }

    #[test]
    fn parse_line_rejects_bad_lines() {
        for (line, msg) in [
            ("{not json", "not valid JSON"),
            ("[1, 2]", "expected a JSON object"),
            (r#"{"text": "a"}"#, "missing \"id\""),
            (r#"{"id": "a"}"#, "a: missing \"text\""),
            (r#"{"id": "a", "text": 3}"#, "\"text\" must be a string"),
            (r#"{"id": true, "text": "t"}"#, "\"id\" must be"),
        ] {
            let e = Article::parse_line(line).unwrap_err();
            assert!(e.0.contains(msg), "{line}: {}", e.0);
        }
    }

    /// `Article::parse_line` as first written: through a `serde_json::Value`.
    fn parse_line_by_value(line: &str) -> Result<Article, LineError> {
        let value: Value =
            serde_json::from_str(line).map_err(|e| LineError(format!("not valid JSON: {e}")))?;
        let Value::Object(mut fields) = value else {
            return Err(LineError(
                "expected a JSON object with \"id\" and \"text\"".to_string(),
            ));
        };
        let id = match fields.remove("id") {
            Some(Value::String(s)) if !s.trim().is_empty() => s,
            Some(Value::Number(n)) => n.to_string(),
            Some(_) => return Err(LineError("\"id\" must be a non-empty string".to_string())),
            None => return Err(LineError("missing \"id\"".to_string())),
        };
        let body = match fields.remove("text") {
            Some(Value::String(s)) if !s.trim().is_empty() => s,
            Some(Value::String(_)) => return Err(LineError(format!("{id}: \"text\" is empty"))),
            Some(_) => return Err(LineError(format!("{id}: \"text\" must be a string"))),
            None => return Err(LineError(format!("{id}: missing \"text\""))),
        };
        let outlet = match fields.get("outlet") {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Value::String(_)) | Some(Value::Null) | None => None,
            Some(_) => return Err(LineError(format!("{id}: \"outlet\" must be a string"))),
        };
        let text = match fields.get("title") {
            Some(Value::String(t)) if !t.trim().is_empty() => format!("{}\n\n{body}", t.trim()),
            Some(Value::String(_)) | Some(Value::Null) | None => body,
            Some(_) => return Err(LineError(format!("{id}: \"title\" must be a string"))),
        };
        Ok(Article {
            id,
            text,
            outlet,
            fields,
        })
    }

    #[test]
    fn lines_parse_as_through_a_json_value() {
        let lines = [
            r#"{"id": "a1", "text": "Plain text.", "story": "s", "outlet": "Daily"}"#,
            r#"{"id": 17, "text": "Numbered \"id\".\n\nTwo paragraphs \u2013 dash."}"#,
            r#"{"id": -3, "text": "t"}"#,
            r#"{"id": 2.5e3, "text": "t", "story": 4.25}"#,
            r#"{"id": 18446744073709551615, "text": "t"}"#,
            r#"{"id": "", "text": "t"}"#,
            r#"{"id": "  ", "text": "t"}"#,
            r#"{"id": null, "text": "t"}"#,
            r#"{"id": ["x"], "text": "t"}"#,
            r#"{"id": {"x": 1}, "text": "t"}"#,
            r#"{"id": "a", "text": "  "}"#,
            r#"{"id": "a", "text": null}"#,
            r#"{"id": "a", "text": ["t"]}"#,
            r#"{"id": "a"}"#,
            r#"{"text": "t"}"#,
            r#"{"id": "a", "text": "first", "id": "b", "text": "second"}"#,
            r#"{"id": 5, "id": "five", "text": "t"}"#,
            r#"{"\u0069d": "escaped key", "te\u0078t": "t", "st\u006fry": "k"}"#,
            r#"{"id": "a", "text": "t", "outlet": 3}"#,
            r#"{"id": "a", "text": "t", "outlet": "  "}"#,
            r#"{"id": "a", "text": "t", "outlet": null}"#,
            r#"{"id": "a", "text": "t", "title": " Head "}"#,
            r#"{"id": "a", "text": "t", "title": ""}"#,
            r#"{"id": "a", "text": "t", "title": null}"#,
            r#"{"id": "a", "text": "t", "title": false}"#,
            r#"{"id": "a", "text": "t", "title": "x", "title": 1}"#,
            r#"{"id": "a", "text": "t", "story": true}"#,
            r#"{"id": "a", "text": "t", "story": null}"#,
            r#"{"id": "a", "text": "t", "story": {"n": [1, 2.0, "x"]}}"#,
            r#"{"id": "a", "text": "t", "extra": 1e400}"#,
            r#"{"id": "a", "text": "t", "extra": "\ud800"}"#,
            r#"{"id": "a", "text": "t", "extra": "\ud83d\ude00"}"#,
            r#"{"id": "a", "text": "t", "extra": [1, {"deep": [null, "\q"]}]}"#,
            r#"{"id": "a", "text": "t", "extra": -}"#,
            r#"{"id": "a", "text": "t\u0000"}"#,
            "{\"id\": \"a\", \"text\": \"raw\tcontrol\"}",
            r#"{"id": "a", "text": "t"} trailing"#,
            r#"{"id": "a", "text": "t"}   "#,
            r#"{"id": "a", "text": "t",}"#,
            r#"{"id": "a" "text": "t"}"#,
            r#"{"id": "a", "text": "t""#,
            r#"{}"#,
            r#"[1, 2]"#,
            r#"[1, 2"#,
            r#"[1, {"a": 1e999}]"#,
            r#""just a string""#,
            r#"42"#,
            r#"null"#,
            r#"true"#,
            r#"{not json"#,
            "",
            &format!("{}{{\"id\": 1}}{}", "[".repeat(200), "]".repeat(200)),
        ];
        for line in lines {
            let want = parse_line_by_value(line);
            assert_eq!(Article::parse_line(line), want, "{line}");
            for field in [
                None,
                Some("story"),
                Some("id"),
                Some("text"),
                Some("outlet"),
            ] {
                let head = ArticleHead::parse_line(line, field);
                match (&head, &want) {
                    (Ok(h), Ok(w)) => {
                        assert_eq!((&h.id, h.text.as_ref()), (&w.id, w.text.as_str()), "{line}");
                        if let Some(f) = field {
                            assert_eq!(h.key(f), w.key(f), "{line} {f}");
                        }
                    }
                    (Err(h), Err(w)) => assert_eq!(h, w, "{line}"),
                    _ => panic!("{line}: {head:?} vs {want:?}"),
                }
            }
        }
    }

    #[test]
    fn text_is_borrowed_from_a_line_without_escapes_or_title() {
        let line = r#"{"id": "a", "text": "Police said on Monday.", "story": "s"}"#;
        let head = ArticleHead::parse_line(line, Some("story")).unwrap();
        assert!(matches!(head.text, Cow::Borrowed(_)));
        assert_eq!(head.key("story").as_deref(), Some("s"));
    }

    fn article(id: &str, outlet: &str, text: &str) -> Article {
        Article {
            id: id.to_string(),
            text: text.to_string(),
            outlet: Some(outlet.to_string()),
            fields: Map::new(),
        }
    }

    #[test]
    fn a_one_thread_pool_runs_the_stories_it_waits_for() {
        let story = |key: &str| Story {
            key: key.into(),
            articles: vec![
                article(
                    "a",
                    "Wire",
                    "Rain fell on Monday. Rivers rose, officials said.",
                ),
                article(
                    "b",
                    "Daily",
                    "Rain fell on Monday. Rivers rose, officials claimed.",
                ),
            ],
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let mut out = Vec::new();
        let mut tally = Tally::default();
        let stories = (0..IN_FLIGHT_STORIES + 3).map(|k| Ok(story(&format!("s{k}"))));
        pool.install(|| {
            process_stories(
                stories,
                &CompareConfig::default(),
                &mut out,
                &mut tally,
                |_| true,
            )
        })
        .unwrap();
        let keys: Vec<String> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                v["corpus"]["story"].as_str().unwrap().to_string()
            })
            .collect();
        let expected: Vec<String> = (0..IN_FLIGHT_STORIES + 3)
            .map(|k| format!("s{k}"))
            .collect();
        assert_eq!(keys, expected);
    }

    #[test]
    fn stories_are_written_in_order_and_tallied() {
        let s1 = Story {
            key: "quake".into(),
            articles: vec![
                article(
                    "a",
                    "Wire",
                    "An earthquake shook the coast on Friday. No damage was reported, officials said.",
                ),
                article(
                    "b",
                    "Daily",
                    "An earthquake shook the coast on Friday. No damage was reported, officials claimed.",
                ),
            ],
        };
        let s2 = Story {
            key: "lonely".into(),
            articles: vec![article("c", "Wire", "One version only.")],
        };
        let s3 = Story {
            key: "vote".into(),
            articles: vec![
                article(
                    "d",
                    "Wire",
                    "Voters went to the polls on Sunday. Turnout was high.",
                ),
                article(
                    "e",
                    "Daily",
                    "Voters went to the polls on Sunday. Turnout was high.",
                ),
            ],
        };
        let mut out = Vec::new();
        let mut tally = Tally::default();
        let mut outcomes = Vec::new();
        process_stories(
            vec![Ok(s1), Ok(s2), Ok(s3)].into_iter(),
            &CompareConfig::default(),
            &mut out,
            &mut tally,
            |o| {
                outcomes.push((o.key, o.error.is_some()));
                true
            },
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let stories: Vec<String> = text
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                assert_eq!(v["schema"], "wirediff/report/v1");
                v["corpus"]["story"].as_str().unwrap().to_string()
            })
            .collect();
        assert_eq!(stories, ["quake", "vote"]);
        assert_eq!(
            outcomes,
            [
                ("quake".to_string(), false),
                ("lonely".to_string(), true),
                ("vote".to_string(), false)
            ]
        );
        assert_eq!(tally.stories, 2);
        assert_eq!(tally.outlets["Wire"].stories, 2);
        assert_eq!(tally.outlets["Daily"].stories, 2);
        let mut csv = Vec::new();
        tally.write_outlets_csv(&mut csv).unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.starts_with("outlet,stories,base,"), "{csv}");
        assert_eq!(csv.lines().count(), 3);
    }
}
