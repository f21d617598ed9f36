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
    /// Label the sentences of one article (no comparison).
    Label(LabelArgs),
    /// Print the editorial lexicon (builtin, merged with --lexicon FILE).
    Lexicon(LexiconArgs),
    /// Score a story folder's report against its gold.json.
    Eval(EvalArgs),
    /// Group a corpus (JSONL or a folder) into stories and compare each (one JSON line each).
    Corpus(crate::corpus::CorpusArgs),
}

#[derive(Debug, Args)]
pub struct LabelArgs {
    /// The article: a text, Markdown or HTML file.
    pub input: PathBuf,
    /// A TOML lexicon whose entries add to or override the builtin one.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    #[command(flatten)]
    pub out: OutputArgs,
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
    /// A TOML lexicon whose entries add to or override the builtin one.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    #[command(flatten)]
    pub out: OutputArgs,
}

/// How to write the report, shared by `compare` and `label`.
#[derive(Debug, Args)]
pub struct OutputArgs {
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
    /// Refuse input files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_INPUT_BYTES)]
    pub max_input_bytes: u64,
    /// Which table the CSV format writes.
    #[arg(long, value_enum, default_value_t = CsvTableArg::Rows)]
    pub table: CsvTableArg,
}

/// The default input-size limit: 100 MiB per file.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 100 * 1024 * 1024;

#[derive(Debug, Args)]
pub struct LexiconArgs {
    /// A TOML lexicon whose entries add to or override the builtin one.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Print the merged lexicon as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
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
    /// Aligned rows, a per-outlet summary and the substitutions, for the terminal.
    Table,
    /// Pipe tables to paste into a paper or a wiki.
    Markdown,
    /// A CSV table (see --table).
    Csv,
    /// One self-contained HTML page.
    Html,
}

impl FormatArg {
    pub fn to_format(self) -> wirediff::report::Format {
        use wirediff::report::Format;
        match self {
            FormatArg::Json => Format::Json,
            FormatArg::Table => Format::Table,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Csv => Format::Csv,
            FormatArg::Html => Format::Html,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvTableArg {
    /// One line per row and version.
    Rows,
    /// One line per substitution.
    Substitutions,
    /// One line per version's summary.
    Summary,
}

impl CsvTableArg {
    pub fn to_csv_table(self) -> wirediff::report::CsvTable {
        use wirediff::report::CsvTable;
        match self {
            CsvTableArg::Rows => CsvTable::Rows,
            CsvTableArg::Substitutions => CsvTable::Substitutions,
            CsvTableArg::Summary => CsvTable::Summary,
        }
    }
}
