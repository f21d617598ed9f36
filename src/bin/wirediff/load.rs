//! Reading versions from files and story folders (the library never opens files).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use wirediff::ingest::{Manifest, RawVersion, TextFormat};

pub use crate::args::DEFAULT_MAX_INPUT_BYTES;
use crate::exit::Usage;

/// File extensions read as versions when a folder has no manifest.
const VERSION_EXTENSIONS: &[&str] = &["txt", "md", "html", "htm"];

/// The versions named by the inputs: files, story folders (with or without `story.json`), and
/// `ID=PATH` labels.
pub fn versions(inputs: &[PathBuf], labels: &[String], limit: u64) -> Result<Vec<RawVersion>> {
    if inputs.is_empty() && labels.is_empty() {
        return Err(Usage(
            "no versions given: name version files, a story folder, or --label ID=PATH".into(),
        )
        .into());
    }
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            out.extend(folder(input, limit)?);
        } else {
            out.push(file(input, None, None, limit)?);
        }
    }
    for label in labels {
        let Some((id, path)) = label.split_once('=') else {
            return Err(Usage(format!("--label {label:?}: expected ID=PATH")).into());
        };
        if id.is_empty() {
            return Err(Usage(format!("--label {label:?}: the id is empty")).into());
        }
        out.push(file(Path::new(path), Some(id.to_string()), None, limit)?);
    }
    Ok(out)
}

/// The versions of a story folder.
pub fn folder(dir: &Path, limit: u64) -> Result<Vec<RawVersion>> {
    let manifest_path = dir.join("story.json");
    if manifest_path.is_file() {
        let text = fs::read_to_string(&manifest_path)
            .with_context(|| format!("reading {}", manifest_path.display()))?;
        let manifest = Manifest::parse(&text, &manifest_path.display().to_string())?;
        return manifest
            .versions
            .iter()
            .map(|v| {
                file(
                    &dir.join(&v.file),
                    Some(v.id.clone()),
                    v.outlet.clone(),
                    limit,
                )
            })
            .collect();
    }
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("reading folder {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| VERSION_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        bail!(
            "{}: the folder holds no .txt, .md, .html or .htm version and no story.json",
            dir.display()
        );
    }
    paths.iter().map(|p| file(p, None, None, limit)).collect()
}

/// One version file.
pub fn file(
    path: &Path,
    id: Option<String>,
    outlet: Option<String>,
    limit: u64,
) -> Result<RawVersion> {
    let shown = path.display().to_string();
    let meta = fs::metadata(path).with_context(|| format!("{shown}: cannot read"))?;
    if meta.is_dir() {
        bail!("{shown}: is a folder, not a version file");
    }
    if meta.len() > limit {
        return Err(wirediff::Error::TooLarge {
            input: shown,
            size: meta.len(),
            limit,
        }
        .into());
    }
    let bytes = fs::read(path).with_context(|| format!("{shown}: cannot read"))?;
    let id = id.unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string())
    });
    let source = path.display().to_string();
    Ok(RawVersion {
        id,
        outlet,
        format: TextFormat::from_path(&source),
        source,
        bytes,
    })
}
