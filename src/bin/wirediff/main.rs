//! The wirediff command line: parse arguments, call the library, render, exit.

mod args;
mod load;

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;
use wirediff::report::{self, RenderOptions};
use wirediff::{CompareConfig, compare};

use args::{Cli, Command, CompareArgs, EvalArgs};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Compare(a) => run_compare(&a),
        Command::Eval(a) => run_eval(&a),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wirediff: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<io::Error>())
        .any(|io| io.kind() == io::ErrorKind::BrokenPipe)
}

fn run_compare(a: &CompareArgs) -> Result<ExitCode> {
    let raws = load::versions(&a.inputs, &a.labels)?;
    let config = CompareConfig {
        base: a.base.clone(),
        ..CompareConfig::default()
    };
    let report = compare(&raws, &config)?;
    let to_terminal = a.output.is_none() && io::stdout().is_terminal();
    let options = RenderOptions {
        changed_only: a.changed_only,
        explain: a.explain,
        versions: a.versions.clone(),
        color: to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        width: terminal_width(to_terminal),
        csv_table: a.table.to_csv_table(),
    };
    let mut out: Box<dyn Write> = match &a.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("{}: cannot create", path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    report::render(&report, a.format.to_format(), &options, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The width to lay the table out for: `COLUMNS` when set, else the terminal's own.
fn terminal_width(to_terminal: bool) -> Option<u16> {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok());
    columns.or_else(|| {
        to_terminal
            .then(|| comfy_table::Table::new().width())
            .flatten()
    })
}

fn run_eval(a: &EvalArgs) -> Result<ExitCode> {
    let _ = a;
    Ok(ExitCode::SUCCESS)
}
