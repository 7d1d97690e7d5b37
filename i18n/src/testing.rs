//! For the tests that hold the catalogues against the code asking for their keys (this
//! crate's e-mail keys, the pages' keys and labels in `app`); not built into Sala itself.
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::{parse_catalogue, CATALOGUES};

/// The English catalogue, parsed: every key the code asks for must be in it.
pub fn english() -> HashMap<&'static str, &'static str> {
    parse_catalogue(CATALOGUES[0].1).expect("English catalogue parses")
}

/// Every file below `root`, with its text.
pub fn files_below(root: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("source dir readable") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("source readable");
            files.push((path, text));
        }
    }
    files
}
