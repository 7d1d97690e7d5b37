//! What an event leaves behind, as the documentation screens and the proceedings see it.
use serde::{Deserialize, Serialize};

use crate::types::{EventSummary, RecommendationStatus};

/// The languages an executive summary may be written in: (code, name in its own script).
pub const SUMMARY_LANGUAGES: [(&str, &str); 7] = [
    ("en", "English"),
    ("th", "ภาษาไทย"),
    ("my", "မြန်မာဘာသာ"),
    ("km", "ភាសាខ្មែរ"),
    ("lo", "ພາສາລາວ"),
    ("vi", "Tiếng Việt"),
    ("zh", "中文"),
];

/// Longest notes, summary or recommendation text accepted (characters).
pub const MAX_LONG_TEXT: usize = 50_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    pub id: i64,
    /// 1-based number as printed.
    pub number: u32,
    pub text: String,
    pub addressed_to: String,
    pub status: RecommendationStatus,
}

/// A session with its rapporteur's notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionNotes {
    pub session_id: i64,
    pub local_day: String,
    pub local_start: String,
    pub local_end: String,
    pub title: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExecutiveSummary {
    pub language: String,
    pub text: String,
}

/// What a recommendation form sends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationForm {
    pub text: String,
    pub addressed_to: String,
    pub status: String,
}

/// Everything the documentation screen edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Documentation {
    pub event: EventSummary,
    pub summary: String,
    pub proceedings_public: bool,
    pub sessions: Vec<SessionNotes>,
    pub recommendations: Vec<Recommendation>,
    pub executive_summaries: Vec<ExecutiveSummary>,
}

/// A piece of notes text: paragraphs are separated by blank lines; lines starting with
/// "- " or "* " are bullet items, "1. " numbered items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotesBlock {
    Paragraph(String),
    Bullet(String),
    Numbered(u32, String),
}

/// Splits notes into paragraphs and list items (the same reading on screen and in print).
pub fn notes_blocks(text: &str) -> Vec<NotesBlock> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, blocks: &mut Vec<NotesBlock>| {
        if !paragraph.is_empty() {
            blocks.push(NotesBlock::Paragraph(paragraph.join(" ")));
            paragraph.clear();
        }
    };
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            flush(&mut paragraph, &mut blocks);
        } else if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            flush(&mut paragraph, &mut blocks);
            blocks.push(NotesBlock::Bullet(item.trim().to_owned()));
        } else if let Some((n, item)) = line
            .split_once(". ")
            .and_then(|(n, rest)| Some((n.parse::<u32>().ok()?, rest)))
        {
            flush(&mut paragraph, &mut blocks);
            blocks.push(NotesBlock::Numbered(n, item.trim().to_owned()));
        } else {
            paragraph.push(line);
        }
    }
    flush(&mut paragraph, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_read_as_paragraphs_and_lists() {
        let text = "Opening remarks by the chair.\nShe thanked the hosts.\n\n- wages\n* passports\n1. ratify C189\n2. end fees\nClosing.";
        assert_eq!(
            notes_blocks(text),
            vec![
                NotesBlock::Paragraph(
                    "Opening remarks by the chair. She thanked the hosts.".into()
                ),
                NotesBlock::Bullet("wages".into()),
                NotesBlock::Bullet("passports".into()),
                NotesBlock::Numbered(1, "ratify C189".into()),
                NotesBlock::Numbered(2, "end fees".into()),
                NotesBlock::Paragraph("Closing.".into()),
            ]
        );
        assert!(notes_blocks("  \n\n ").is_empty());
    }
}

/// Everything the proceedings print: the data the documentation service gathers and the
/// proceedings document reads.
#[derive(Debug, Clone)]
pub struct ProceedingsData {
    pub event: crate::types::EventDetail,
    pub summary: String,
    /// Rapporteurs' notes by session id.
    pub notes: std::collections::BTreeMap<i64, String>,
    pub recommendations: Vec<Recommendation>,
    pub executive_summaries: Vec<ExecutiveSummary>,
    /// Everyone on the roster; only those with `public_name_consent` are named.
    pub participants: Vec<crate::participant_types::RosterRow>,
}
