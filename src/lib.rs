//! wirediff lines up the versions of one wire story that different outlets published, diffs
//! their wording sentence by sentence, and labels every sentence sourced, attributed or
//! editorialized, with the evidence.
//!
//! The pipeline, one module per stage:
//! [`ingest`] (bytes → paragraphs, boilerplate removed) → [`segment`] (sentences) →
//! [`align`] (rows against a base) → [`diff`] (word ops, substitutions) →
//! [`classify`] (attribution, sourcing, editorial wording) → [`report`] (model and printers).
//! [`compare()`] runs them all.

pub mod align;
pub mod classify;
pub mod compare;
pub mod corpus;
pub mod diff;
pub mod error;
pub mod eval;
pub mod group;
pub mod ingest;
pub mod report;
pub mod segment;

pub use compare::{CompareConfig, compare};
pub use error::{Error, Result};
