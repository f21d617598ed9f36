//! The wirediff command line: parse arguments, call the library, render, exit.

mod args;
mod corpus;
mod load;

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;
use wirediff::eval::{self, Gold};
use wirediff::report::{self, RenderOptions};
use wirediff::{CompareConfig, compare};

use args::{Cli, Command, CompareArgs, EvalArgs};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Compare(a) => run_compare(&a),
        Command::Eval(a) => run_eval(&a),
        Command::Corpus(a) => corpus::run(&a),
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
    let options = RenderOptions {
        changed_only: a.changed_only,
        explain: a.explain,
        versions: a.versions.clone(),
        ..RenderOptions::default()
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

fn run_eval(a: &EvalArgs) -> Result<ExitCode> {
    let gold_path = a.story.join("gold.json");
    let text = std::fs::read_to_string(&gold_path)
        .with_context(|| format!("{}: cannot read", gold_path.display()))?;
    let gold = Gold::parse(&text, &gold_path.display().to_string())?;
    let raws = if gold.versions.is_empty() {
        load::folder(&a.story)?
    } else {
        gold.versions
            .iter()
            .map(|(id, file)| load::file(&a.story.join(file), Some(id.clone()), None))
            .collect::<Result<Vec<_>>>()?
    };
    let docs: HashMap<String, String> = raws
        .iter()
        .map(|r| (r.id.clone(), String::from_utf8_lossy(&r.bytes).into_owned()))
        .collect();
    let config = CompareConfig {
        base: Some(gold.base.clone()),
        ..CompareConfig::default()
    };
    let report = compare(&raws, &config)?;
    let scores = eval::score(&report, &gold, &docs)?;
    let mut out = io::stdout().lock();
    if a.json {
        serde_json::to_writer(&mut out, &scores)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", scores.lines())?;
    }
    if let Some(floor) = a.min_alignment {
        if scores.alignment.f1 + 1e-9 < floor {
            eprintln!(
                "wirediff: alignment F1 {:.3} is below the floor {floor:.3}",
                scores.alignment.f1
            );
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}
