//! Exit codes, documented in the README, and how an error maps to one.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success |
//! | 1 | a check failed (`eval --min-alignment` floor not met) |
//! | 2 | usage error: bad arguments, unknown `--format` or `--base`, malformed `--label` |
//! | 3 | input error: missing, unreadable, empty, binary, too large, or too few versions |
//! | 4 | output error: the report could not be written |

use std::fmt;

/// Everything went well.
pub const SUCCESS: u8 = 0;
/// A check the user asked for failed.
pub const CHECK_FAILED: u8 = 1;
/// The command line is wrong.
pub const USAGE: u8 = 2;
/// An input cannot be used.
pub const INPUT: u8 = 3;
/// The output cannot be written.
pub const OUTPUT: u8 = 4;

/// A usage error raised by the binary itself (clap raises its own).
#[derive(Debug)]
pub struct Usage(pub String);

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// Context marking a failure to write the report.
#[derive(Debug)]
pub struct OutputFailed(pub String);

impl fmt::Display for OutputFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: cannot write the report", self.0)
    }
}

/// The exit code for an error.
pub fn code_for(e: &anyhow::Error) -> u8 {
    if e.downcast_ref::<Usage>().is_some() {
        return USAGE;
    }
    if e.downcast_ref::<OutputFailed>().is_some() {
        return OUTPUT;
    }
    if let Some(lib) = e.downcast_ref::<wirediff::Error>() {
        return match lib {
            wirediff::Error::UnknownBase { .. } | wirediff::Error::DuplicateId { .. } => USAGE,
            _ => INPUT,
        };
    }
    INPUT
}
