//! The wirediff command line: parse arguments, call the library, render, exit.

mod args;
mod corpus;
mod exit;
mod lexicon;
mod load;

use std::alloc::{GlobalAlloc, Layout};
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;
use wirediff::eval::{self, Gold};
use wirediff::report::{self, RenderOptions};
use wirediff::{CompareConfig, compare};

/// mimalloc: the pipeline allocates many small strings per sentence, and the system allocator
/// spent a quarter of corpus-mode time in malloc and free.
#[global_allocator]
static GLOBAL: Mimalloc = Mimalloc;

/// mimalloc, called through its plain `mi_malloc` family whenever the layout asks for no more
/// than the 16-byte alignment every mimalloc block has. (`mimalloc::MiMalloc` calls
/// `mi_malloc_aligned` for every allocation, whose alignment checks cost 3% of a corpus run's
/// instructions.)
struct Mimalloc;

/// The alignment of every block mimalloc hands out (`MI_MAX_ALIGN_SIZE` in its headers).
const MI_BLOCK_ALIGN: usize = 16;

// SAFETY: each method forwards to the mimalloc function with the same contract as the
// `GlobalAlloc` method; the plain functions are used only when `layout.align()` is at most
// MI_BLOCK_ALIGN, which every block they return satisfies.
unsafe impl GlobalAlloc for Mimalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_malloc, mi_malloc_aligned};
        // SAFETY: see the impl.
        unsafe {
            if layout.align() <= MI_BLOCK_ALIGN {
                mi_malloc(layout.size()).cast()
            } else {
                mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_zalloc, mi_zalloc_aligned};
        // SAFETY: see the impl.
        unsafe {
            if layout.align() <= MI_BLOCK_ALIGN {
                mi_zalloc(layout.size()).cast()
            } else {
                mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: see the impl; mi_free takes any block of this heap, aligned or not.
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        use libmimalloc_sys::{mi_realloc, mi_realloc_aligned};
        // SAFETY: see the impl.
        unsafe {
            if layout.align() <= MI_BLOCK_ALIGN {
                mi_realloc(ptr.cast(), new_size).cast()
            } else {
                mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}

use args::{Cli, Command, CompareArgs, EvalArgs, LabelArgs, LexiconArgs, OutputArgs};
use wirediff::classify::Classifier;

/// mimalloc's `purge_delay` option (`mi_option_purge_delay` in mimalloc 3's `mi_option_e`).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
/// mimalloc's `allow_thp` option (`mi_option_allow_thp` in mimalloc 3's `mi_option_e`).
const MI_OPTION_ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

/// Keeps freed memory for reuse instead of handing it back to the OS 10 ms later, and uses
/// ordinary 4 kB pages. With the default delay, a two-thread corpus run spent a fifth of its
/// time in the kernel zeroing pages that it had just given back. With transparent huge pages,
/// the kernel zeroes 2 MB at the first touch of each region, of which the heap uses a part: a
/// fifth of a corpus run's samples again, and a third more peak memory.
fn tune_allocator() {
    // SAFETY: mi_option_set only stores an integer option; purge_delay accepts -1 ("never")
    // and allow_thp 0 ("no").
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1);
        libmimalloc_sys::mi_option_set(MI_OPTION_ALLOW_THP, 0);
    }
    // The heap's first region is mapped before `main`, with huge pages allowed; this turns them
    // off for the whole process from here on (Linux only; elsewhere there is nothing to do).
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes an integer flag and changes no memory.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let result = match cli.command {
        Command::Compare(a) => run_compare(&a),
        Command::Label(a) => run_label(&a),
        Command::Lexicon(a) => run_lexicon(&a),
        Command::Eval(a) => run_eval(&a),
        Command::Corpus(a) => corpus::run(&a),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let message = format!("{e:#}").replace('\n', " ");
            eprintln!("wirediff: error: {message}");
            ExitCode::from(exit::code_for(&e))
        }
    }
}

/// Help and version go to stdout as clap prints them; a usage error is one line on stderr.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return ExitCode::from(exit::SUCCESS);
    }
    let text = e.render().to_string();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines
        .next()
        .unwrap_or("invalid arguments")
        .trim_start_matches("error: ");
    let values = lines.find(|l| l.starts_with("[possible values"));
    match values {
        Some(v) => eprintln!("wirediff: error: {first} {v} (see wirediff --help)"),
        None => eprintln!("wirediff: error: {first} (see wirediff --help)"),
    }
    ExitCode::from(exit::USAGE)
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<io::Error>())
        .any(|io| io.kind() == io::ErrorKind::BrokenPipe)
}

fn run_compare(a: &CompareArgs) -> Result<ExitCode> {
    let raws = load::versions(&a.inputs, &a.labels, a.out.max_input_bytes)?;
    let config = CompareConfig {
        base: a.base.clone(),
        classifier: Classifier::new(lexicon::load(a.lexicon.as_deref())?),
    };
    let report = compare(&raws, &config)?;
    // Warnings also go to stderr, one line each, so they are seen whatever the format.
    for w in &report.warnings {
        eprintln!("wirediff: warning: {}", w.message);
    }
    write_report(&report, &a.out)
}

fn run_lexicon(a: &LexiconArgs) -> Result<ExitCode> {
    let merged = lexicon::load(a.lexicon.as_deref())?;
    let mut out = BufWriter::new(io::stdout().lock());
    lexicon::print(&merged, a.json, &mut out)
        .context(exit::OutputFailed("standard output".into()))?;
    out.flush()
        .context(exit::OutputFailed("standard output".into()))?;
    Ok(ExitCode::SUCCESS)
}

fn run_label(a: &LabelArgs) -> Result<ExitCode> {
    let raw = load::file(&a.input, None, None, a.out.max_input_bytes)?;
    let config = CompareConfig {
        base: None,
        classifier: Classifier::new(lexicon::load(a.lexicon.as_deref())?),
    };
    let report = wirediff::compare::label(&raw, &config)?;
    write_report(&report, &a.out)
}

fn write_report(report: &report::Report, a: &OutputArgs) -> Result<ExitCode> {
    let to_terminal = a.output.is_none() && io::stdout().is_terminal();
    let options = RenderOptions {
        changed_only: a.changed_only,
        explain: a.explain,
        versions: a.versions.clone(),
        color: to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        width: terminal_width(to_terminal),
        csv_table: a.table.to_csv_table(),
    };
    let target = a.output.as_ref().map_or_else(
        || "standard output".to_string(),
        |p| p.display().to_string(),
    );
    let failed = || exit::OutputFailed(target.clone());
    let mut out: Box<dyn Write> = match &a.output {
        Some(path) => Box::new(BufWriter::new(File::create(path).with_context(failed)?)),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    report::render(report, a.format.to_format(), &options, &mut out).with_context(failed)?;
    out.flush().with_context(failed)?;
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
    let gold_path = a.story.join("gold.json");
    let text = std::fs::read_to_string(&gold_path)
        .with_context(|| format!("{}: cannot read", gold_path.display()))?;
    let gold = Gold::parse(&text, &gold_path.display().to_string())?;
    let raws = if gold.versions.is_empty() {
        load::folder(&a.story, load::DEFAULT_MAX_INPUT_BYTES)?
    } else {
        gold.versions
            .iter()
            .map(|(id, file)| {
                load::file(
                    &a.story.join(file),
                    Some(id.clone()),
                    None,
                    load::DEFAULT_MAX_INPUT_BYTES,
                )
            })
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
            return Ok(ExitCode::from(exit::CHECK_FAILED));
        }
    }
    Ok(ExitCode::SUCCESS)
}
