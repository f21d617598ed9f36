//! Reading versions from files and story folders (the library never opens files).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use wirediff::ingest::{Manifest, RawVersion, TextFormat};

/// File extensions read as versions when a folder has no manifest.
const VERSION_EXTENSIONS: &[&str] = &["txt", "md", "html", "htm"];

/// The versions named by the inputs: files, story folders (with or without `story.json`), and
/// `ID=PATH` labels.
pub fn versions(inputs: &[PathBuf], labels: &[String]) -> Result<Vec<RawVersion>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            out.extend(folder(input)?);
        } else {
            out.push(file(input, None, None)?);
        }
    }
    for label in labels {
        let Some((id, path)) = label.split_once('=') else {
            bail!("--label {label:?}: expected ID=PATH");
        };
        if id.is_empty() {
            bail!("--label {label:?}: the id is empty");
        }
        out.push(file(Path::new(path), Some(id.to_string()), None)?);
    }
    Ok(out)
}

/// The versions of a story folder.
pub fn folder(dir: &Path) -> Result<Vec<RawVersion>> {
    let manifest_path = dir.join("story.json");
    if manifest_path.is_file() {
        let text = fs::read_to_string(&manifest_path)
            .with_context(|| format!("reading {}", manifest_path.display()))?;
        let manifest = Manifest::parse(&text, &manifest_path.display().to_string())?;
        return manifest
            .versions
            .iter()
            .map(|v| file(&dir.join(&v.file), Some(v.id.clone()), v.outlet.clone()))
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
    paths.iter().map(|p| file(p, None, None)).collect()
}

/// One version file.
pub fn file(path: &Path, id: Option<String>, outlet: Option<String>) -> Result<RawVersion> {
    let bytes = fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
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
