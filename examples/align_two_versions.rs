//! Align two versions of the bundled example story and print what the outlet changed.
//!
//! Run with `cargo run --example align_two_versions`.
#![allow(clippy::print_stdout, reason = "an example prints its findings")]

use wirediff::ingest::RawVersion;
use wirediff::report::Status;
use wirediff::{CompareConfig, compare};

fn main() -> Result<(), wirediff::Error> {
    let versions = [
        RawVersion::from_text("afp", include_str!("kerry-lavrov-geneva-2016/afp.txt")),
        RawVersion::from_text(
            "tasnim",
            include_str!("kerry-lavrov-geneva-2016/tasnim.txt"),
        ),
    ];
    let config = CompareConfig {
        base: Some("afp".to_string()),
        ..CompareConfig::default()
    };
    let report = compare(&versions, &config)?;
    for row in &report.rows {
        for cell in &row.cells[1..] {
            if cell.status == Status::Identical {
                continue;
            }
            println!("row {}: {} {}", row.id, cell.version, cell.status.as_str());
        }
    }
    for s in &report.substitutions {
        println!(
            "{:?} -> {:?} [{}]{}",
            s.base,
            s.other,
            s.categories.join(", "),
            if s.editorial { " editorial" } else { "" }
        );
    }
    Ok(())
}
