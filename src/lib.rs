//! wirediff lines up the versions of one wire story that different outlets published, diffs
//! their wording sentence by sentence, and labels every sentence sourced, attributed or
//! editorialized, with the evidence.
//!
//! The pipeline, one module per stage:
//! [`ingest`] (bytes → paragraphs, boilerplate removed) → [`segment`] (sentences) →
//! [`align`] (rows against a base) → [`diff`] (word ops, substitutions) →
//! [`classify`] (attribution, sourcing, editorial wording) → [`report`] (model and printers).
//! [`compare()`] runs them all; [`eval`] scores a report against a gold annotation.
//!
//! ```
//! use wirediff::ingest::RawVersion;
//! use wirediff::report::{self, Format, RenderOptions, Status};
//! use wirediff::{CompareConfig, compare};
//!
//! let wire = RawVersion::from_text("wire", "Rebels seized the town on Monday. The army said it would retake it.");
//! let outlet = RawVersion::from_text("outlet", "Militants seized the town on Monday. The army said it would retake it.");
//! let config = CompareConfig { base: Some("wire".into()), ..CompareConfig::default() };
//! let report = compare(&[wire, outlet], &config)?;
//!
//! assert_eq!(report.rows.len(), 2);
//! assert_eq!(report.rows[0].cells[1].status, Status::Reworded);
//! assert_eq!(report.rows[1].cells[1].status, Status::Identical);
//! assert_eq!(report.substitutions[0].base, "Rebels");
//! assert_eq!(report.substitutions[0].other, "Militants");
//!
//! let mut json = Vec::new();
//! report::render(&report, Format::Json, &RenderOptions::default(), &mut json)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

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
