//! Command-line arguments (clap types stay in the binary).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Line up the versions of one wire story, diff their wording, and label every sentence
/// sourced, attributed or editorialized.
#[derive(Debug, Parser)]
#[command(name = "wirediff", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare the versions of one story (files, or a story folder).
    Compare(CompareArgs),
    /// Score a story folder's report against its gold.json.
    Eval(EvalArgs),
    /// Group a corpus (JSONL or a folder) into stories and compare each (one JSON line each).
    Corpus(crate::corpus::CorpusArgs),
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Version files and story folders.
    pub inputs: Vec<PathBuf>,
    /// Name a version explicitly: ID=PATH (repeatable).
    #[arg(long = "label", value_name = "ID=PATH")]
    pub labels: Vec<String>,
    /// The version to compare every other with (default: the medoid).
    #[arg(long)]
    pub base: Option<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Show only rows where some version differs from the base.
    #[arg(long)]
    pub changed_only: bool,
    /// Print numbered explanations of the editorial flags and substitutions.
    #[arg(long)]
    pub explain: bool,
    /// Show only these versions (comma-separated ids; the base is always shown).
    #[arg(long, value_delimiter = ',')]
    pub versions: Option<Vec<String>>,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// A story folder with gold.json.
    pub story: PathBuf,
    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
    /// Fail (exit 1) when alignment F1 is below this.
    #[arg(long, value_name = "F1")]
    pub min_alignment: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// The published JSON schema (wirediff/report/v1).
    Json,
    /// Aligned rows and a per-outlet summary for the terminal.
    Table,
}

impl FormatArg {
    pub fn to_format(self) -> wirediff::report::Format {
        match self {
            FormatArg::Json => wirediff::report::Format::Json,
            FormatArg::Table => wirediff::report::Format::Table,
        }
    }
}
