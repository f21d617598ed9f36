//! `wirediff corpus`: read a corpus, group its articles into stories, compare each story.
//!
//! Memory stays flat as the corpus grows: while grouping, only a small signature, the id and the
//! place of each article are held (a byte offset in a JSONL file, a path in a folder); the texts
//! are read again story by story. Standard input cannot be read twice, so without `--group-by`
//! its lines are held in memory; with `--group-by` it is processed as a stream, one story at a
//! time (the mode for Spark's `RDD.pipe` and Hadoop Streaming).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use wirediff::CompareConfig;
use wirediff::corpus::{
    Article, ArticleHead, LineError, Story, StoryOutcome, Tally, process_stories,
    process_story_jobs,
};
use wirediff::group::{self, GroupConfig, Signature, SignatureCache};
use wirediff::ingest;

/// Extensions read as articles in a folder.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "html", "htm"];
/// JSONL lines parsed together in parallel while reading.
const READ_BATCH_LINES: usize = 512;
/// Bytes of text a batch has room for from the start: [`READ_BATCH_LINES`] lines of 4 kB, a
/// long wire story. A batch that grew from nothing would copy its text once per doubling
/// (about eighteen times, a megabyte and a half in all, for each of the two batches).
const BATCH_TEXT_BYTES: usize = READ_BATCH_LINES * 4096;
/// Bytes of JSONL lines whose articles are kept in memory from the first reading to the
/// comparison, so that they are not read and parsed a second time: the lines of a file from
/// its start until they add up to this much. A fixed amount, so memory stays flat as the
/// corpus grows; the articles past it are read again from the file.
const KEEP_BYTES: usize = 32 << 20;
/// Substitutions shown in the terminal table.
const TABLE_SUBSTITUTIONS: usize = 20;

/// Arguments of `wirediff corpus`.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// A JSONL file (one article a line: "id", "text", optional "outlet", "title", "url",
    /// "date" and any other fields), `-` for JSONL on standard input, or a folder of .txt, .md,
    /// .html and .htm articles (searched recursively; id = path without extension).
    pub input: PathBuf,
    /// Output format: one report-v1 JSON object per line per story with two or more versions.
    #[arg(long, short = 'f', value_enum, default_value_t = CorpusFormat::Jsonl)]
    pub format: CorpusFormat,
    /// Write the reports to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Take the stories from this field (e.g. `story`) instead of grouping the texts. On
    /// standard input each story's lines must be contiguous.
    #[arg(long, value_name = "FIELD")]
    pub group_by: Option<String>,
    /// LSH bands of the grouping.
    #[arg(long, default_value_t = group::BANDS)]
    pub bands: usize,
    /// MinHash values per LSH band.
    #[arg(long, default_value_t = group::ROWS)]
    pub rows: usize,
    /// Least estimated shingle Jaccard (0..1) of two versions of one story.
    #[arg(long, default_value_t = group::MIN_JACCARD)]
    pub min_jaccard: f32,
    /// Least share (0..1) of the smaller article's sentences shared with or aligned to the other.
    #[arg(long, default_value_t = group::MIN_OVERLAP)]
    pub min_overlap: f32,
    /// What to do with a malformed line or unreadable file, or a story that cannot be compared.
    #[arg(long, value_enum, default_value_t = OnError::Stop)]
    pub on_error: OnError,
    /// Write the ids of articles with no partner (singletons) to this file, one a line.
    #[arg(long, value_name = "FILE")]
    pub singletons: Option<PathBuf>,
    /// Write per-outlet counts to this CSV file, and the substitution frequency table beside it
    /// (FILE.substitutions.csv) unless --substitutions names another file.
    #[arg(long, value_name = "FILE.csv")]
    pub summary: Option<PathBuf>,
    /// Write the substitution frequency table to this CSV file.
    #[arg(long, value_name = "FILE.csv")]
    pub substitutions: Option<PathBuf>,
    /// Write every article's group as CSV lines `id,group` (header included).
    #[arg(long, value_name = "FILE")]
    pub groups_out: Option<PathBuf>,
    /// Print no progress bar, summary tables or counts (warnings and errors still go to
    /// standard error).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Output formats of corpus mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CorpusFormat {
    /// One wirediff/report/v1 JSON object per line, with a `corpus` field naming the story.
    Jsonl,
}

/// Error policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnError {
    /// Stop with an error (exit code 3, an input error).
    Stop,
    /// Print a warning, skip it, and count it in the summary.
    Skip,
}

/// Where an article's text can be read again.
enum Store {
    /// A JSONL file: byte offset and length of each kept line, and the articles of its first
    /// lines as the first reading parsed them (see [`KEEP_BYTES`]), until they are taken.
    File {
        file: File,
        spans: Vec<(u64, u32)>,
        kept: Vec<Mutex<Option<Article>>>,
    },
    /// Lines held in memory (standard input).
    Memory { lines: Vec<String> },
    /// Article files in a folder.
    Folder { root: PathBuf, paths: Vec<PathBuf> },
}

impl Store {
    /// Article `k`, for its story: taken from memory when the first reading kept it (each
    /// article is in one story, so it is taken once), else read again.
    fn take(&self, k: usize) -> Result<Article> {
        if let Store::File { kept, .. } = self {
            let held = kept
                .get(k)
                .and_then(|slot| slot.lock().ok().and_then(|mut a| a.take()));
            if let Some(article) = held {
                return Ok(article);
            }
        }
        self.load(k)
    }

    /// Lets go of article `k` if it is kept (it is in no story).
    fn forget(&self, k: usize) {
        if let Store::File { kept, .. } = self {
            if let Some(mut held) = kept.get(k).and_then(|slot| slot.lock().ok()) {
                *held = None;
            }
        }
    }

    /// Article `k`, leaving a kept article in memory (a copy of it).
    fn load(&self, k: usize) -> Result<Article> {
        match self {
            Store::File { file, spans, kept } => {
                let held = kept
                    .get(k)
                    .and_then(|slot| slot.lock().ok().and_then(|a| a.clone()));
                if let Some(article) = held {
                    return Ok(article);
                }
                let (offset, len) = spans[k];
                LINE_BUFFER.with_borrow_mut(|buf| {
                    // Grown only: the bytes are overwritten by the read, so not zeroed again.
                    if buf.len() < len as usize {
                        buf.resize(len as usize, 0);
                    }
                    let buf = &mut buf[..len as usize];
                    file.read_exact_at(buf, offset)
                        .context("reading the input again")?;
                    let line =
                        std::str::from_utf8(buf).context("the input changed while reading")?;
                    Article::parse_line(line).context("the input changed while reading")
                })
            }
            Store::Memory { lines } => Ok(Article::parse_line(&lines[k])?),
            Store::Folder { root, paths } => folder_article(root, &paths[k]),
        }
    }
}

thread_local! {
    /// The line [`Store::load`] reads from a file, kept per thread so that reading an article
    /// again allocates nothing but the article.
    static LINE_BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };

    /// The lines each reading thread has already turned into words (see [`SignatureCache`]).
    static SIGNATURE_CACHE: RefCell<SignatureCache> = RefCell::new(SignatureCache::with_room());
}

/// An article's signature, reading the lines this thread met before from its cache.
fn signature(text: &str, config: &GroupConfig) -> Signature {
    SIGNATURE_CACHE.with_borrow_mut(|cache| Signature::new_cached(text, config, cache))
}

/// What is kept of one article while grouping.
struct Entry {
    id: String,
    key: Option<String>,
}

/// Counts for the closing summary.
#[derive(Default)]
struct Counts {
    articles: usize,
    skipped: usize,
    singletons: usize,
    failed: usize,
    bytes: u64,
}

/// Bytes of output gathered before a write.
const OUT_BUFFER: usize = 64 * 1024;

/// Runs `wirediff corpus`.
pub fn run(a: &CorpusArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let group_config = GroupConfig {
        bands: a.bands,
        rows: a.rows,
        min_jaccard: a.min_jaccard,
        min_overlap: a.min_overlap,
    };
    if a.bands == 0 || a.rows == 0 {
        bail!("--bands and --rows must be at least 1");
    }
    // A story's line is usually longer than the buffer (150 kB for eight versions), and a
    // `BufWriter` writes such a line straight through instead of copying it; the buffer
    // gathers the short lines.
    let mut out: Box<dyn Write + Send> = match &a.output {
        Some(path) => Box::new(BufWriter::with_capacity(
            OUT_BUFFER,
            File::create(path).with_context(|| format!("{}: cannot create", path.display()))?,
        )),
        None => Box::new(BufWriter::with_capacity(OUT_BUFFER, io::stdout())),
    };
    let mut counts = Counts::default();
    let mut tally = Tally::default();
    let mut singles: Vec<String> = Vec::new();
    let stdin = a.input.as_os_str() == "-";

    if stdin && a.group_by.is_some() {
        let compare = CompareConfig::default();
        stream_stdin(a, &compare, &mut out, &mut tally, &mut counts, &mut singles)?;
    } else {
        // The rules and the lexicon are built on the core that is free: beside the grouping,
        // whose verification runs on one thread, or, when the stories are given, beside the
        // reading.
        let (built, read) = match &a.group_by {
            Some(_) => {
                let (compare, read) = rayon::join(CompareConfig::default, || {
                    read_all(a, &group_config, &mut counts)
                });
                (Some(compare), read)
            }
            None => (None, read_all(a, &group_config, &mut counts)),
        };
        let (store, entries, sigs) = read?;
        let (groups, compare) = match built {
            Some(compare) => (groups_by_key(&entries), compare),
            None => rayon::join(
                || {
                    group::group(&sigs, &group_config, |i, j| {
                        match (store.load(i), store.load(j)) {
                            (Ok(x), Ok(y)) => group::aligned_share(&x.text, &y.text),
                            _ => 0.0,
                        }
                    })
                },
                CompareConfig::default,
            ),
        };
        drop(sigs);
        let n_groups = groups.iter().max().map_or(0, |m| m + 1);
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); n_groups];
        for (k, &g) in groups.iter().enumerate() {
            members[g].push(k as u32);
        }
        let name = |g: usize, first: usize| match &entries[first].key {
            Some(key) if a.group_by.is_some() => key.clone(),
            _ => format!("g{g}"),
        };
        if let Some(path) = &a.groups_out {
            let mut w = csv::Writer::from_path(path)
                .with_context(|| format!("{}: cannot create", path.display()))?;
            w.write_record(["id", "group"])?;
            for (k, e) in entries.iter().enumerate() {
                let g = groups[k];
                w.write_record([e.id.as_str(), &name(g, members[g][0] as usize)])?;
            }
            w.flush()?;
        }
        let total: usize = members.iter().filter(|m| m.len() > 1).map(Vec::len).sum();
        for m in members.iter().filter(|m| m.len() == 1) {
            singles.push(entries[m[0] as usize].id.clone());
            store.forget(m[0] as usize);
        }
        counts.singletons = singles.len();
        let bar = progress(a.quiet, Some(total as u64));
        let jobs = members
            .iter()
            .enumerate()
            .filter(|(_, m)| m.len() > 1)
            .map(Ok);
        let load = |(g, m): (usize, &Vec<u32>)| -> io::Result<Story> {
            let articles = m
                .iter()
                .map(|&k| store.take(k as usize))
                .collect::<Result<Vec<_>>>()
                .map_err(|e| io::Error::other(format!("{e:#}")))?;
            Ok(Story {
                key: name(g, m[0] as usize),
                articles,
            })
        };
        let policy = a.on_error;
        let mut stopped = None;
        // On a thread of the pool, the writer runs stories itself while it waits for the next
        // one in order, instead of a third thread sleeping and waking for each story.
        rayon::scope(|_| {
            process_story_jobs(jobs, load, &compare, &mut out, &mut tally, |o| {
                bar.inc(o.articles as u64);
                on_story(o, policy, &mut counts, &mut stopped, &bar)
            })
        })?;
        bar.finish_and_clear();
        if let Some(msg) = stopped {
            out.flush()?;
            bail!(msg);
        }
    }
    out.flush()?;
    drop(out);
    finish(a, &tally, &counts, &singles, started)
}

/// Handles one story's outcome under the error policy; false stops the run.
fn on_story(
    o: StoryOutcome,
    policy: OnError,
    counts: &mut Counts,
    stopped: &mut Option<String>,
    bar: &ProgressBar,
) -> bool {
    let Some(e) = o.error else {
        return true;
    };
    counts.failed += 1;
    match policy {
        OnError::Stop => {
            *stopped = Some(format!(
                "story {}: {e} (use --on-error skip to go on without it)",
                o.key
            ));
            false
        }
        OnError::Skip => {
            bar.suspend(|| eprintln!("wirediff: warning: story {}: {e}; skipped", o.key));
            true
        }
    }
}

fn progress(quiet: bool, len: Option<u64>) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    match len {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template(
                "{elapsed_precise} [{bar:40}] {pos}/{len} articles ({per_sec}, eta {eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner(),
    }
}

/// A malformed line or file under the error policy: an error (stop) or a warning (skip).
fn bad_input(where_: &str, e: &LineError, policy: OnError, counts: &mut Counts) -> Result<()> {
    match policy {
        OnError::Stop => {
            bail!("{where_}: {e} (use --on-error skip to skip malformed lines)")
        }
        OnError::Skip => {
            eprintln!("wirediff: warning: {where_}: {e}; skipped");
            counts.skipped += 1;
            Ok(())
        }
    }
}

/// A line's id, group key, signature and, when it is kept, its article.
type Parsed =
    std::result::Result<(String, Option<String>, Option<Signature>, Option<Article>), LineError>;

/// Parses one line: id, group key (with --group-by) and signature (without); with `keep`, the
/// whole article too (the line is accepted or rejected the same way).
fn parse(line: &str, group_by: Option<&str>, config: &GroupConfig, keep: bool) -> Parsed {
    if keep {
        let article = Article::parse_line(line)?;
        let (key, sig) = key_and_signature(
            &article.id,
            &article.text,
            |f| article.key(f),
            group_by,
            config,
        )?;
        return Ok((article.id.clone(), key, sig, Some(article)));
    }
    let article = ArticleHead::parse_line(line, group_by)?;
    let (key, sig) = key_and_signature(
        &article.id,
        &article.text,
        |f| article.key(f),
        group_by,
        config,
    )?;
    Ok((article.id, key, sig, None))
}

/// An article's group key, read by `key` (with --group-by), or its signature (without).
fn key_and_signature(
    id: &str,
    text: &str,
    key: impl FnOnce(&str) -> Option<String>,
    group_by: Option<&str>,
    config: &GroupConfig,
) -> std::result::Result<(Option<String>, Option<Signature>), LineError> {
    let key = match group_by {
        Some(field) => Some(
            key(field).ok_or_else(|| LineError(format!("{id}: no {field:?} field to group by")))?,
        ),
        None => None,
    };
    let sig = group_by.is_none().then(|| signature(text, config));
    Ok((key, sig))
}

/// Reads every article of a file, standard input or a folder: their ids, keys, signatures, and
/// where to read them again.
fn read_all(
    a: &CorpusArgs,
    config: &GroupConfig,
    counts: &mut Counts,
) -> Result<(Store, Vec<Entry>, Vec<Signature>)> {
    if a.input.is_dir() {
        if a.group_by.is_some() {
            bail!("--group-by needs JSONL input (a file or -), not a folder");
        }
        return read_folder(&a.input, a.on_error, config, counts);
    }
    let stdin = a.input.as_os_str() == "-";
    // Standard input unlocked, which can move to the thread that reads ahead.
    let reader: Box<dyn Read + Send> = if stdin {
        Box::new(io::stdin())
    } else {
        Box::new(
            File::open(&a.input).with_context(|| format!("{}: cannot open", a.input.display()))?,
        )
    };
    let mut reader = LineReader {
        reader: BufReader::with_capacity(1 << 20, reader),
        spill: Vec::new(),
        line_no: 0,
        offset: 0,
    };
    let mut entries = Vec::new();
    let mut sigs = Vec::new();
    let mut spans = Vec::new();
    let mut kept = Vec::new();
    let mut kept_bytes = 0usize;
    let mut held = Vec::new();
    let source = if stdin {
        "<stdin>".to_string()
    } else {
        a.input.display().to_string()
    };
    // While the pool parses one batch, the next is read: reading is then off the critical path
    // but for the first batch.
    let mut batch = Batch::new();
    let mut next = Batch::new();
    let mut read = reader.fill(&mut batch);
    loop {
        let eof = read.with_context(|| format!("{source}: cannot read"))?;
        // The lines whose articles are kept: those while the lines so far fit in KEEP_BYTES.
        let keep: Vec<bool> = batch
            .lines
            .iter()
            .map(|line| {
                kept_bytes += line.place.as_ref().map_or(0, Range::len);
                !stdin && kept_bytes <= KEEP_BYTES
            })
            .collect();
        let (parsed, ahead) = rayon::join(
            || {
                batch
                    .lines
                    .par_iter()
                    .zip(&keep)
                    .map(|(line, &keep)| {
                        let place = line.place.clone().ok()?;
                        Some(parse(
                            &batch.text[place],
                            a.group_by.as_deref(),
                            config,
                            keep,
                        ))
                    })
                    .collect::<Vec<_>>()
            },
            || (!eof).then(|| reader.fill(&mut next)),
        );
        counts.bytes += batch.bytes;
        for (line, p) in batch.lines.drain(..).zip(parsed) {
            let at = || format!("{source}: line {}", line.number);
            match (line.place, p) {
                (Err(e), _) | (Ok(_), Some(Err(e))) => bad_input(&at(), &e, a.on_error, counts)?,
                (Ok(place), Some(Ok((id, key, sig, article)))) => {
                    entries.push(Entry { id, key });
                    sigs.extend(sig);
                    if let Some(article) = article {
                        kept.push(Mutex::new(Some(article)));
                    }
                    let text = &batch.text[place];
                    if stdin {
                        held.push(text.to_string());
                    } else {
                        let len = u32::try_from(text.len())
                            .with_context(|| format!("{} is over 4 GB", at()))?;
                        spans.push((line.offset, len));
                    }
                }
                (Ok(_), None) => unreachable!("every line with text is parsed"),
            }
        }
        match ahead {
            None => break,
            Some(r) => read = r,
        }
        std::mem::swap(&mut batch, &mut next);
    }
    counts.articles = entries.len();
    let store = if stdin {
        Store::Memory { lines: held }
    } else {
        Store::File {
            file: File::open(&a.input)
                .with_context(|| format!("{}: cannot open", a.input.display()))?,
            spans,
            kept,
        }
    };
    Ok((store, entries, sigs))
}

/// A batch of JSONL lines read together and then parsed in parallel.
struct Batch {
    /// The batch's lines with text, one after another.
    text: String,
    /// Every line with text, in input order.
    lines: Vec<BatchLine>,
    /// Bytes read, blank lines included.
    bytes: u64,
}

impl Batch {
    /// An empty batch with room for [`BATCH_TEXT_BYTES`] of text.
    fn new() -> Batch {
        Batch {
            text: String::with_capacity(BATCH_TEXT_BYTES),
            lines: Vec::with_capacity(READ_BATCH_LINES),
            bytes: 0,
        }
    }
}

/// One line of a [`Batch`].
struct BatchLine {
    /// Line number in the input, from 1.
    number: usize,
    /// Byte offset of the line in the input.
    offset: u64,
    /// Where the line lies in [`Batch::text`], or why it cannot be read.
    place: std::result::Result<Range<usize>, LineError>,
}

/// Reads the lines of a JSONL input batch by batch, counting lines and bytes.
struct LineReader<R> {
    reader: BufReader<R>,
    /// A line that ran past the end of the reader's buffer.
    spill: Vec<u8>,
    /// Lines read so far.
    line_no: usize,
    /// Bytes read so far.
    offset: u64,
}

impl<R: Read> LineReader<R> {
    /// Refills `batch` with the next [`READ_BATCH_LINES`] lines that are not blank; true at the
    /// end of the input.
    fn fill(&mut self, batch: &mut Batch) -> io::Result<bool> {
        batch.text.clear();
        batch.lines.clear();
        batch.bytes = 0;
        while batch.lines.len() < READ_BATCH_LINES {
            let text = &mut batch.text;
            // (length, place in `text` unless blank) or not UTF-8
            let line = with_next_line(&mut self.reader, &mut self.spill, |bytes| {
                let n = bytes.len();
                let place = match std::str::from_utf8(bytes) {
                    Ok(t) if t.trim().is_empty() => None,
                    Ok(t) => {
                        let start = text.len();
                        text.push_str(t);
                        Some(Ok(start..text.len()))
                    }
                    Err(_) => Some(Err(LineError("not UTF-8 text".to_string()))),
                };
                (n, place)
            })?;
            let Some((n, place)) = line else {
                return Ok(true);
            };
            self.line_no += 1;
            if let Some(place) = place {
                batch.lines.push(BatchLine {
                    number: self.line_no,
                    offset: self.offset,
                    place,
                });
            }
            self.offset += n as u64;
            batch.bytes += n as u64;
        }
        Ok(false)
    }
}

/// Reads the next line of `reader`, its `\n` included, and hands it to `f`; `None` at the end of
/// the input. A line is handed over where it lies in the reader's buffer, or gathered in `spill`
/// when it runs past the buffer's end (no allocation per line, unlike `read_until`).
fn with_next_line<R: BufRead, T>(
    reader: &mut R,
    spill: &mut Vec<u8>,
    f: impl FnOnce(&[u8]) -> T,
) -> io::Result<Option<T>> {
    spill.clear();
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok((!spill.is_empty()).then(|| f(spill)));
        }
        match memchr::memchr(b'\n', buf) {
            Some(end) => {
                let out = if spill.is_empty() {
                    f(&buf[..=end])
                } else {
                    spill.extend_from_slice(&buf[..=end]);
                    f(spill)
                };
                reader.consume(end + 1);
                return Ok(Some(out));
            }
            None => {
                let n = buf.len();
                spill.extend_from_slice(buf);
                reader.consume(n);
            }
        }
    }
}

/// Groups by the `--group-by` key, numbered in order of first appearance.
fn groups_by_key(entries: &[Entry]) -> Vec<usize> {
    let mut number: HashMap<&str, usize> = HashMap::new();
    entries
        .iter()
        .map(|e| {
            let key = e.key.as_deref().unwrap_or("");
            let next = number.len();
            *number.entry(key).or_insert(next)
        })
        .collect()
}

/// All article files under a folder, sorted.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut items: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("reading folder {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    items.sort();
    for p in items {
        if p.is_dir() {
            walk(&p, out)?;
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(p);
        }
    }
    Ok(())
}

/// One article file: id = path under the folder without extension; HTML reduced to its text.
fn folder_article(root: &Path, path: &Path) -> Result<Article> {
    let bytes = fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let source = path.display().to_string();
    let text = ingest::decode(&bytes, &source)?;
    let text = match ingest::TextFormat::from_path(&source) {
        ingest::TextFormat::Html => ingest::html_paragraphs(&text).join("\n\n"),
        _ => text,
    };
    let rel = path.strip_prefix(root).unwrap_or(path).with_extension("");
    let id = rel.to_string_lossy().replace('\\', "/");
    let mut fields = serde_json::Map::new();
    fields.insert("path".to_string(), serde_json::Value::String(source));
    Ok(Article {
        id,
        text,
        outlet: None,
        fields,
    })
}

fn read_folder(
    root: &Path,
    policy: OnError,
    config: &GroupConfig,
    counts: &mut Counts,
) -> Result<(Store, Vec<Entry>, Vec<Signature>)> {
    let mut paths = Vec::new();
    walk(root, &mut paths)?;
    if paths.is_empty() {
        bail!(
            "{}: the folder holds no .txt, .md, .html or .htm file",
            root.display()
        );
    }
    let read: Vec<_> = paths
        .par_iter()
        .map(|p| {
            folder_article(root, p).map(|art| {
                let sig = signature(&art.text, config);
                (art.id, sig, art.text.len())
            })
        })
        .collect();
    let mut kept = Vec::new();
    let mut entries = Vec::new();
    let mut sigs = Vec::new();
    for (p, r) in paths.into_iter().zip(read) {
        match r {
            Ok((id, sig, len)) => {
                counts.bytes += len as u64;
                entries.push(Entry { id, key: None });
                sigs.push(sig);
                kept.push(p);
            }
            Err(e) => bad_input(
                &p.display().to_string(),
                &LineError(format!("{e:#}")),
                policy,
                counts,
            )?,
        }
    }
    counts.articles = entries.len();
    Ok((
        Store::Folder {
            root: root.to_path_buf(),
            paths: kept,
        },
        entries,
        sigs,
    ))
}

/// Standard input with `--group-by`: one story at a time, each story's lines contiguous.
fn stream_stdin(
    a: &CorpusArgs,
    compare: &CompareConfig,
    out: &mut dyn Write,
    tally: &mut Tally,
    counts: &mut Counts,
    singles: &mut Vec<String>,
) -> Result<()> {
    let field = a.group_by.as_deref().unwrap_or("story");
    let mut groups_out = match &a.groups_out {
        Some(path) => {
            let mut w = csv::Writer::from_path(path)
                .with_context(|| format!("{}: cannot create", path.display()))?;
            w.write_record(["id", "group"])?;
            Some(w)
        }
        None => None,
    };
    let mut lines = io::stdin().lock().lines();
    let mut line_no = 0usize;
    let mut current: Option<Story> = None;
    let mut closed: HashSet<String> = HashSet::new();
    let mut problem: Option<anyhow::Error> = None;
    let mut local = Counts::default();
    let bar = progress(a.quiet, None);
    let stories = std::iter::from_fn(|| {
        if problem.is_some() {
            return None;
        }
        loop {
            let Some(line) = lines.next() else {
                return current.take().map(Ok);
            };
            line_no += 1;
            let line = match line {
                Ok(l) => l,
                Err(e) => return Some(Err(e)),
            };
            local.bytes += line.len() as u64 + 1;
            if line.trim().is_empty() {
                continue;
            }
            let article = Article::parse_line(&line).and_then(|art| match art.key(field) {
                Some(k) => Ok((art, k)),
                None => Err(LineError(format!(
                    "{}: no {field:?} field to group by",
                    art.id
                ))),
            });
            let (article, key) = match article {
                Ok(x) => x,
                Err(e) => {
                    let where_ = format!("<stdin>: line {line_no}");
                    if let Err(err) = bad_input(&where_, &e, a.on_error, &mut local) {
                        problem = Some(err);
                        return Some(Err(io::Error::other("stopped")));
                    }
                    continue;
                }
            };
            local.articles += 1;
            if let Some(w) = groups_out.as_mut() {
                if let Err(e) = w.write_record([article.id.as_str(), key.as_str()]) {
                    return Some(Err(io::Error::other(e)));
                }
            }
            match current.as_mut() {
                Some(s) if s.key == key => s.articles.push(article),
                _ => {
                    if closed.contains(&key) {
                        problem = Some(anyhow::anyhow!(
                            "<stdin>: line {line_no}: story {key:?} appears again after other stories; \
                             on standard input each story's lines must be contiguous (sort by {field}, or give a file)"
                        ));
                        return Some(Err(io::Error::other("stopped")));
                    }
                    closed.insert(key.clone());
                    let next = Story {
                        key,
                        articles: vec![article],
                    };
                    if let Some(done) = current.replace(next) {
                        return Some(Ok(done));
                    }
                }
            }
        }
    })
    .filter(|s| match s {
        Ok(story) if story.articles.len() < 2 => {
            singles.extend(story.articles.iter().map(|x| x.id.clone()));
            false
        }
        _ => true,
    });
    let mut stopped = None;
    let result = process_stories(stories, compare, out, tally, |o| {
        bar.inc(o.articles as u64);
        on_story(o, a.on_error, counts, &mut stopped, &bar)
    });
    bar.finish_and_clear();
    if let Some(w) = groups_out.as_mut() {
        w.flush()?;
    }
    if let Some(p) = problem {
        out.flush()?;
        return Err(p);
    }
    result?;
    if let Some(msg) = stopped {
        out.flush()?;
        bail!(msg);
    }
    counts.articles = local.articles;
    counts.skipped = local.skipped;
    counts.bytes = local.bytes;
    counts.singletons = singles.len();
    Ok(())
}

/// Writes the side files and the closing summary.
fn finish(
    a: &CorpusArgs,
    tally: &Tally,
    counts: &Counts,
    singles: &[String],
    started: Instant,
) -> Result<ExitCode> {
    if let Some(path) = &a.singletons {
        let mut w = BufWriter::new(
            File::create(path).with_context(|| format!("{}: cannot create", path.display()))?,
        );
        for id in singles {
            writeln!(w, "{id}")?;
        }
        w.flush()?;
    }
    if let Some(path) = &a.summary {
        let f = File::create(path).with_context(|| format!("{}: cannot create", path.display()))?;
        tally.write_outlets_csv(f)?;
    }
    let subs_path = a.substitutions.clone().or_else(|| {
        a.summary
            .as_ref()
            .map(|p| p.with_extension("substitutions.csv"))
    });
    if let Some(path) = &subs_path {
        let f = File::create(path).with_context(|| format!("{}: cannot create", path.display()))?;
        tally.write_substitutions_csv(f)?;
    }
    if !a.quiet {
        let mut err = io::stderr().lock();
        if !tally.outlets.is_empty() {
            tally.write_tables(&mut err, TABLE_SUBSTITUTIONS)?;
        }
        let secs = started.elapsed().as_secs_f64();
        writeln!(
            err,
            "wirediff: {} articles: {} stories compared ({} versions), {} singletons{}, {} malformed inputs skipped, {} stories failed; {:.2} s, {:.1} MB/s",
            counts.articles,
            tally.stories,
            tally.versions,
            counts.singletons,
            match &a.singletons {
                Some(p) => format!(" (listed in {})", p.display()),
                None => String::new(),
            },
            counts.skipped,
            counts.failed,
            secs,
            counts.bytes as f64 / 1e6 / secs.max(1e-9),
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
