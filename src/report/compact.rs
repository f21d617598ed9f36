//! Compact JSON of a [`Report`], written field by field: the bytes are those of the serde
//! derive through `sonic_rs` (`sonic_rs::to_vec(report)`), which stays the reference, but
//! without serde's per-field calls and key escaping. Corpus mode writes hundreds of megabytes of
//! reports, and this writer takes a third of the time the derive takes.
//!
//! Strings, numbers and floats go through `sonic_rs`'s own formatter, so escaping and number
//! formatting are the derive's by construction; keys are the schema's names, which need no
//! escaping. `tests` hold the two to the same bytes on real reports and on arbitrary text.

use std::io;

use sonic_rs::format::{CompactFormatter, Formatter};

use super::model::*;

/// Appends `report` to `out` as one compact JSON object.
pub fn write(report: &Report, out: &mut Vec<u8>) -> io::Result<()> {
    let mut w = Json::new(out);
    w.begin_object();
    write_fields(report, &mut w)?;
    w.end_object();
    Ok(())
}

/// Appends the fields of `report` to `out`, as [`write()`] does but without the braces, so a
/// caller can add fields of its own after them (`,"name":value`).
pub fn write_fields_to(report: &Report, out: &mut Vec<u8>) -> io::Result<()> {
    let mut w = Json::new(out);
    w.first = true;
    write_fields(report, &mut w)
}

fn write_fields(r: &Report, w: &mut Json) -> io::Result<()> {
    w.key("schema");
    w.str(&r.schema)?;
    w.key("tool");
    w.begin_object();
    w.key("name");
    w.str(&r.tool.name)?;
    w.key("version");
    w.str(&r.tool.version)?;
    w.end_object();
    w.key("base");
    w.str(&r.base)?;
    w.key("base_reason");
    w.str(match r.base_reason {
        BaseReason::Given => "given",
        BaseReason::Medoid => "medoid",
    })?;
    w.key("versions");
    w.array(&r.versions, version)?;
    w.key("rows");
    w.array(&r.rows, row)?;
    w.key("substitutions");
    w.array(&r.substitutions, substitution)?;
    w.key("summary");
    w.array(&r.summary, summary)?;
    w.key("warnings");
    w.array(&r.warnings, warning)
}

fn version(w: &mut Json, v: &VersionReport) -> io::Result<()> {
    w.begin_object();
    w.key("id");
    w.str(&v.id)?;
    w.key("outlet");
    w.str(&v.outlet)?;
    w.key("source");
    w.str(&v.source)?;
    w.key("title");
    w.opt_str(v.title.as_deref())?;
    w.key("dateline");
    w.opt_str(v.dateline.as_deref())?;
    w.key("removed_boilerplate");
    w.array(&v.removed_boilerplate, |w, s| w.str(s))?;
    w.key("sentences");
    w.array(&v.sentences, sentence)?;
    w.end_object();
    Ok(())
}

fn sentence(w: &mut Json, s: &SentenceReport) -> io::Result<()> {
    w.begin_object();
    w.key("index");
    w.usize(s.index)?;
    w.key("paragraph");
    w.usize(s.paragraph)?;
    w.key("text");
    w.str(&s.text)?;
    w.key("labels");
    w.begin_object();
    w.key("sourced");
    w.bool(s.labels.sourced)?;
    w.key("attributed");
    w.bool(s.labels.attributed)?;
    w.key("editorialized");
    w.bool(s.labels.editorialized)?;
    w.end_object();
    w.key("primary");
    w.str(match s.primary {
        Primary::Editorialized => "editorialized",
        Primary::Sourced => "sourced",
        Primary::Attributed => "attributed",
        Primary::Unattributed => "unattributed",
    })?;
    w.key("attributions");
    w.array(&s.attributions, attribution)?;
    w.key("editorial");
    w.array(&s.editorial, editorial)?;
    w.key("notes");
    w.array(&s.notes, |w, n| w.str(n))?;
    w.end_object();
    Ok(())
}

fn attribution(w: &mut Json, a: &Attribution) -> io::Result<()> {
    w.begin_object();
    w.key("kind");
    w.str(match a.kind {
        AttributionKind::Direct => "direct",
        AttributionKind::Indirect => "indirect",
        AttributionKind::Source => "source",
    })?;
    w.key("speaker");
    w.opt_str(a.speaker.as_deref())?;
    w.key("cue");
    w.opt_str(a.cue.as_deref())?;
    w.key("source");
    w.opt_str(a.source.as_deref())?;
    w.key("content");
    match &a.content {
        Some(span) => {
            w.begin_object();
            w.key("start");
            w.usize(span.start)?;
            w.key("end");
            w.usize(span.end)?;
            w.key("text");
            w.str(&span.text)?;
            w.end_object();
        }
        None => w.null()?,
    }
    w.end_object();
    Ok(())
}

fn editorial(w: &mut Json, f: &EditorialFlag) -> io::Result<()> {
    w.begin_object();
    w.key("text");
    w.str(&f.text)?;
    w.key("start");
    w.usize(f.start)?;
    w.key("end");
    w.usize(f.end)?;
    w.key("category");
    w.str(&f.category)?;
    w.key("neutral");
    w.opt_str(f.neutral.as_deref())?;
    w.key("why");
    w.str(&f.why)?;
    w.key("lexicon");
    w.str(&f.lexicon)?;
    w.end_object();
    Ok(())
}

fn row(w: &mut Json, r: &Row) -> io::Result<()> {
    w.begin_object();
    w.key("id");
    w.usize(r.id)?;
    w.key("cells");
    w.array(&r.cells, cell)?;
    w.end_object();
    Ok(())
}

fn cell(w: &mut Json, c: &Cell) -> io::Result<()> {
    w.begin_object();
    w.key("version");
    w.str(&c.version)?;
    w.key("sentences");
    w.array(&c.sentences, |w, &i| w.usize(i))?;
    w.key("status");
    w.str(c.status.as_str())?;
    w.key("moved");
    w.bool(c.moved)?;
    w.key("similarity");
    match c.similarity {
        Some(s) => w.f32(s)?,
        None => w.null()?,
    }
    w.key("diff");
    w.array(&c.diff, diff_op)?;
    w.end_object();
    Ok(())
}

fn diff_op(w: &mut Json, d: &DiffOp) -> io::Result<()> {
    w.begin_object();
    w.key("op");
    w.str(match d.op {
        OpKind::Equal => "equal",
        OpKind::Replace => "replace",
        OpKind::Delete => "delete",
        OpKind::Insert => "insert",
    })?;
    w.key("base");
    w.opt_str(d.base.as_deref())?;
    w.key("other");
    w.opt_str(d.other.as_deref())?;
    w.end_object();
    Ok(())
}

fn substitution(w: &mut Json, s: &Substitution) -> io::Result<()> {
    w.begin_object();
    w.key("version");
    w.str(&s.version)?;
    w.key("row");
    w.usize(s.row)?;
    w.key("base");
    w.str(&s.base)?;
    w.key("other");
    w.str(&s.other)?;
    w.key("categories");
    w.array(&s.categories, |w, c| w.str(c))?;
    w.key("editorial");
    w.bool(s.editorial)?;
    w.key("why");
    w.str(&s.why)?;
    w.end_object();
    Ok(())
}

fn summary(w: &mut Json, s: &Summary) -> io::Result<()> {
    w.begin_object();
    w.key("version");
    w.str(&s.version)?;
    for (name, n) in [
        ("sentences", s.sentences),
        ("identical", s.identical),
        ("reworded", s.reworded),
        ("added", s.added),
        ("dropped", s.dropped),
        ("moved", s.moved),
        ("sourced", s.sourced),
        ("attributed", s.attributed),
        ("editorialized", s.editorialized),
    ] {
        w.key(name);
        w.usize(n)?;
    }
    w.end_object();
    Ok(())
}

fn warning(w: &mut Json, x: &Warning) -> io::Result<()> {
    w.begin_object();
    w.key("version");
    w.opt_str(x.version.as_deref())?;
    w.key("kind");
    w.str(&x.kind)?;
    w.key("message");
    w.str(&x.message)?;
    w.end_object();
    Ok(())
}

/// A compact JSON writer over a byte buffer. It tracks only whether the next key or element is
/// the first of its object or array (no comma before it): opening a bracket sets `first`, the
/// next key or element clears it, and closing one leaves it clear for whatever follows.
struct Json<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Json<'a> {
    fn new(out: &'a mut Vec<u8>) -> Json<'a> {
        Json { out, first: false }
    }

    fn comma(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }

    fn begin_object(&mut self) {
        self.out.push(b'{');
        self.first = true;
    }

    fn end_object(&mut self) {
        self.out.push(b'}');
        self.first = false;
    }

    /// A key of the schema: a plain ASCII name, written as is.
    fn key(&mut self, name: &str) {
        self.comma();
        self.out.push(b'"');
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"\":");
    }

    fn array<T>(
        &mut self,
        items: &[T],
        mut each: impl FnMut(&mut Self, &T) -> io::Result<()>,
    ) -> io::Result<()> {
        self.out.push(b'[');
        self.first = true;
        for item in items {
            self.comma();
            each(self, item)?;
        }
        self.out.push(b']');
        self.first = false;
        Ok(())
    }

    fn str(&mut self, s: &str) -> io::Result<()> {
        CompactFormatter.write_string_fast(self.out, s, true)
    }

    fn opt_str(&mut self, s: Option<&str>) -> io::Result<()> {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    fn null(&mut self) -> io::Result<()> {
        CompactFormatter.write_null(self.out)
    }

    fn bool(&mut self, b: bool) -> io::Result<()> {
        CompactFormatter.write_bool(self.out, b)
    }

    fn usize(&mut self, n: usize) -> io::Result<()> {
        CompactFormatter.write_u64(self.out, n as u64)
    }

    /// As the derive writes an `f32`: `null` when it is not finite.
    fn f32(&mut self, x: f32) -> io::Result<()> {
        if x.is_finite() {
            CompactFormatter.write_f32(self.out, x)
        } else {
            CompactFormatter.write_null(self.out)
        }
    }
}
