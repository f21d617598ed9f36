//! The library's one error type.

use thiserror::Error;

/// Everything that can go wrong while reading and comparing versions.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// The input has no text at all.
    #[error("{input}: the file is empty; give a text, Markdown or HTML article")]
    Empty {
        /// Path or name of the input.
        input: String,
    },
    /// The input holds no sentence once page boilerplate is removed.
    #[error("{input}: no article text found (only page boilerplate or whitespace)")]
    NoText {
        /// Path or name of the input.
        input: String,
    },
    /// The input looks like a binary file.
    #[error("{input}: looks like a binary file, not text or HTML")]
    Binary {
        /// Path or name of the input.
        input: String,
    },
    /// The input is larger than the configured limit.
    #[error("{input}: {size} bytes is over the input limit of {limit} bytes (raise it with --max-input-bytes)")]
    TooLarge {
        /// Path or name of the input.
        input: String,
        /// Size of the input in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Fewer than two versions were given.
    #[error("only one version ({id}) was given; a comparison needs at least two")]
    OneVersion {
        /// The one version's id.
        id: String,
    },
    /// No version was given at all.
    #[error("no versions were given")]
    NoVersions,
    /// Two versions share an id.
    #[error("two versions share the id {id:?}; name them apart with --label ID=PATH")]
    DuplicateId {
        /// The repeated id.
        id: String,
    },
    /// `--base` names no version.
    #[error("--base {id:?} names no version; versions are: {known}")]
    UnknownBase {
        /// The id asked for.
        id: String,
        /// The ids that exist, comma-separated.
        known: String,
    },
    /// A manifest or gold file could not be parsed.
    #[error("{input}: {message}")]
    BadFile {
        /// Path of the file.
        input: String,
        /// What is wrong.
        message: String,
    },
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
