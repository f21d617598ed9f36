//! The report model: the Rust form of `wirediff/report/v1` (see `../shared/spec/report-v1.md`).
//!
//! Every output format is a view of these types; none of them computes anything of its own.
//! Field names and types follow the published schema exactly. Unknown values are `None`, which
//! serialises as `null` (never a missing key).

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

/// The schema identifier written into every report.
pub const SCHEMA: &str = "wirediff/report/v1";

/// One comparison of the versions of one story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The program that wrote the report.
    pub tool: Tool,
    /// Id of the version every other one is compared with.
    pub base: String,
    /// Why that version is the base.
    pub base_reason: BaseReason,
    /// Every version, in input order.
    pub versions: Vec<VersionReport>,
    /// The alignment: one row per unit of the story, in the base's reading order.
    pub rows: Vec<Row>,
    /// Every replace op, and every delete or insert of three or more words in a reworded cell.
    pub substitutions: Vec<Substitution>,
    /// Per-version counts.
    pub summary: Vec<Summary>,
    /// Things a careful reader must know.
    pub warnings: Vec<Warning>,
}

/// Name and version of the program that wrote a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tool {
    /// `wirediff`.
    pub name: String,
    /// The crate version.
    pub version: String,
}

impl Default for Tool {
    fn default() -> Self {
        Tool {
            name: env!("CARGO_PKG_NAME").to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// Why the base version was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaseReason {
    /// The user named it with `--base`.
    Given,
    /// It is the version most similar to all the others.
    Medoid,
}

/// One version of the story, with its sentences and their labels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionReport {
    /// The id the user gave, or the file stem.
    pub id: String,
    /// Outlet name from metadata when known, else the id.
    pub outlet: String,
    /// Where the text came from (a path, or `-`).
    pub source: String,
    /// The headline, when one was found.
    pub title: Option<String>,
    /// The dateline (`GENEVA (AFP)`), when one was found.
    pub dateline: Option<String>,
    /// Page lines removed as boilerplate, in page order.
    pub removed_boilerplate: Vec<String>,
    /// Every sentence of the version, in reading order.
    pub sentences: Vec<SentenceReport>,
}

/// One sentence of one version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceReport {
    /// Position in the version's sentence list.
    pub index: usize,
    /// Paragraph number; the headline and deck are paragraph 0.
    pub paragraph: usize,
    /// The sentence as written.
    pub text: String,
    /// The three independent labels.
    pub labels: Labels,
    /// The one label a summary shows.
    pub primary: Primary,
    /// Who the words or views belong to, and who reported them (shared with the versions
    /// that repeat the sentence; serialised as a plain list).
    pub attributions: Arc<[Attribution]>,
    /// Loaded wording in the outlet's own voice (shared likewise).
    pub editorial: Arc<[EditorialFlag]>,
    /// Plain notes on what the rules inferred rather than read (added in v1): a floating
    /// quote's speaker, a pronoun taken to be a named speaker, a quotation with no speaker.
    #[serde(default)]
    pub notes: Arc<[String]>,
}

/// The three yes/no labels of a sentence (see `spec/labels.md`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labels {
    /// Credits an agency, outlet, document or monitor.
    pub sourced: bool,
    /// Ties words or views to a speaker.
    pub attributed: bool,
    /// Carries loaded wording in the outlet's own voice.
    pub editorialized: bool,
}

/// The one label a summary shows: editorialized > sourced > attributed > unattributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Primary {
    /// Loaded wording in the narrator's voice.
    Editorialized,
    /// Credits a source.
    Sourced,
    /// Ascribed to a speaker.
    Attributed,
    /// None of the above.
    Unattributed,
}

impl Labels {
    /// The primary label by the schema's precedence.
    pub fn primary(&self) -> Primary {
        if self.editorialized {
            Primary::Editorialized
        } else if self.sourced {
            Primary::Sourced
        } else if self.attributed {
            Primary::Attributed
        } else {
            Primary::Unattributed
        }
    }
}

/// What kind of attribution was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributionKind {
    /// Words in quotation marks.
    Direct,
    /// Reported speech or a reported view.
    Indirect,
    /// An agency, outlet, document, report or monitor.
    Source,
}

/// One attribution inside a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// Direct, indirect or source.
    pub kind: AttributionKind,
    /// Who the words or view belong to; `None` when unknown.
    pub speaker: Option<String>,
    /// The reporting expression as written.
    pub cue: Option<String>,
    /// For kind `source`: the agency, document or medium.
    pub source: Option<String>,
    /// What exactly is ascribed.
    pub content: Option<Span>,
}

/// A piece of a sentence: offsets count Unicode scalar values, end-exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The characters themselves.
    pub text: String,
}

/// One piece of loaded wording in the narrator's voice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditorialFlag {
    /// The words as written.
    pub text: String,
    /// First character (Unicode scalar values).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// An editorial category from the spec or the lexicon.
    pub category: String,
    /// A neutral alternative, when one applies.
    pub neutral: Option<String>,
    /// One plain sentence a student can read.
    pub why: String,
    /// Which lexicon fired: `builtin` or the user lexicon's path.
    pub lexicon: String,
}

/// Sentence indices of one cell: most cells hold one or two, kept inline (it serialises as the
/// list it is, like a `Vec`).
pub type SentenceIndices = SmallVec<[usize; 2]>;

/// One unit of the story across all versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Row number, 0-based, in reading order.
    pub id: usize,
    /// The base cell first, then one cell per version that has something to say about the row.
    pub cells: Vec<Cell>,
}

/// One version's part of a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Version id (shared by the version's cells; it serialises as the string it is).
    pub version: Arc<str>,
    /// Sentence indices of that version.
    pub sentences: SentenceIndices,
    /// How the version relates to the base here.
    pub status: Status,
    /// True when the version tells this at another place in its order.
    pub moved: bool,
    /// 0..1 against the base cell; `None` for the base, added and dropped.
    pub similarity: Option<f32>,
    /// Word-level diff against the base cell (identical, reworded, split, merged only). Shared:
    /// versions that make the same change to a base sentence hold one diff (it serialises as
    /// the list it is, like a `Vec`).
    pub diff: Arc<[DiffOp]>,
}

/// How a cell relates to the base cell of its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The base version itself.
    Base,
    /// Same words.
    Identical,
    /// Same piece of the story, other words.
    Reworded,
    /// Only in this version.
    Added,
    /// In the base, not in this version.
    Dropped,
    /// One base sentence told in several sentences.
    Split,
    /// Several base sentences told in one.
    Merged,
}

impl Status {
    /// The schema's name for the status.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Base => "base",
            Status::Identical => "identical",
            Status::Reworded => "reworded",
            Status::Added => "added",
            Status::Dropped => "dropped",
            Status::Split => "split",
            Status::Merged => "merged",
        }
    }
}

/// What a diff op does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpKind {
    /// Same words on both sides.
    Equal,
    /// Base words replaced by other words.
    Replace,
    /// Base words left out.
    Delete,
    /// Words only in the other version.
    Insert,
}

/// One word-level diff op.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffOp {
    /// The kind of op.
    pub op: OpKind,
    /// The base words (`None` for insert).
    pub base: Option<String>,
    /// The other version's words (`None` for delete).
    pub other: Option<String>,
}

/// A change of wording between the base and a version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Substitution {
    /// Version id (shared with the version's cells).
    pub version: Arc<str>,
    /// Row id.
    pub row: usize,
    /// The base wording (empty for an insertion).
    pub base: String,
    /// The version's wording (empty for an omission).
    pub other: String,
    /// Substitution categories from the spec.
    pub categories: Vec<String>,
    /// True when the version's wording is more loaded, or drops attribution, a cause or a role.
    pub editorial: bool,
    /// One plain sentence: what the change does to the reader.
    pub why: String,
}

/// Per-version counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Version id.
    pub version: String,
    /// Sentences in the version.
    pub sentences: usize,
    /// Sentences identical to the base.
    pub identical: usize,
    /// Sentences reworded from the base (split and merged sentences count here too).
    pub reworded: usize,
    /// Sentences only in this version.
    pub added: usize,
    /// Base sentences this version lacks.
    pub dropped: usize,
    /// Sentences told at another place.
    pub moved: usize,
    /// Sentences labelled sourced.
    pub sourced: usize,
    /// Sentences labelled attributed.
    pub attributed: usize,
    /// Sentences labelled editorialized.
    pub editorialized: usize,
}

/// Something a careful reader must know.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// The version concerned; `None` for the whole story.
    pub version: Option<String>,
    /// A short machine-readable kind (`low_overlap`, `truncated`, ...).
    pub kind: String,
    /// One plain sentence.
    pub message: String,
}
