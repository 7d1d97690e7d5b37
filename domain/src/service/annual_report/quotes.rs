//! What trainees said of their own follow-up, as the report quotes it.
//!
//! Only answers whose trainee ticked that they may be quoted (`followups.quote_consent`): an
//! answer given without that agreement, including every answer from before the question
//! existed, is never printed; anonymisation clears the agreement with the answers. Only the
//! answer on what they did since the training (advocacy), never the support they asked for,
//! the institutions they named (listed apart) or the staff's notes; never a name. At most [`MAX_QUOTES`] per training, one per trainee (their latest), each on one
//! line and cut to [`QUOTE_CHARS`] characters at a word.
use crate::followup_types::FollowupItem;

/// Quotations per training, at most.
pub const MAX_QUOTES: usize = 3;
/// Characters of one quotation, at most (the ellipsis included).
pub const QUOTE_CHARS: usize = 300;

/// The quotations of a training's check-ins that have fallen due: latest answers first.
pub(super) fn quotes<'a>(due: impl Iterator<Item = &'a FollowupItem>) -> Vec<String> {
    let mut agreed: Vec<(&FollowupItem, String)> = due
        .filter_map(|i| {
            let answer = i.answer.as_ref().filter(|a| a.quote_consent)?;
            let text = one_line(&answer.advocacy);
            (!text.is_empty()).then_some((i, text))
        })
        .collect();
    agreed.sort_by(|(a, _), (b, _)| {
        b.answered_at
            .cmp(&a.answered_at)
            .then(a.registration_id.cmp(&b.registration_id))
            .then(b.months.cmp(&a.months))
    });
    let mut quoted_people = Vec::new();
    let mut out: Vec<String> = Vec::new();
    for (item, text) in agreed {
        if out.len() == MAX_QUOTES {
            break;
        }
        if quoted_people.contains(&item.registration_id) {
            continue;
        }
        let quote = shorten(&text, QUOTE_CHARS);
        if !out.contains(&quote) {
            quoted_people.push(item.registration_id);
            out.push(quote);
        }
    }
    out
}

/// The text on one line: runs of spaces, tabs and line breaks become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters: cut at the last space before the limit (unless that loses more
/// than a fifth of it) and ended with "…".
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let head: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = match head.rfind(' ') {
        Some(at) if head[..at].chars().count() >= max * 4 / 5 => &head[..at],
        _ => head.as_str(),
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:.-–".contains(c));
    format!("{cut}…")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::followup_types::{FollowupAnswerForm, FollowupState};
    use chrono::{NaiveDate, TimeZone, Utc};

    fn item(
        registration_id: i64,
        months: u8,
        day: u32,
        advocacy: &str,
        consent: bool,
    ) -> FollowupItem {
        FollowupItem {
            registration_id,
            person_id: registration_id,
            name_latin: format!("Trainee {registration_id}"),
            name_native: String::new(),
            organisation: "Org".into(),
            country: "Thailand".into(),
            has_email: true,
            event_slug: "t".into(),
            event_title: "T".into(),
            months,
            due_on: NaiveDate::from_ymd_opt(2030, 6, 1).unwrap(),
            state: FollowupState::Answered,
            answer: Some(FollowupAnswerForm {
                advocacy: advocacy.into(),
                quote_consent: consent,
                ..Default::default()
            }),
            answered_at: Some(Utc.with_ymd_and_hms(2030, 6, day, 0, 0, 0).unwrap()),
            reminded_at: None,
            staff_note: "Call back".into(),
        }
    }

    #[test]
    fn only_agreed_answers_one_per_trainee_latest_first_at_most_three() {
        let items = [
            item(1, 1, 2, "Met the labour office\n  about  fees.", true),
            item(1, 3, 9, "Wrote to the ministry.", true),
            item(2, 1, 3, "Private: I was threatened.", false),
            item(3, 1, 4, "   ", true),
            item(4, 1, 5, "Trained ten workers.", true),
            item(5, 1, 6, "Spoke on the radio.", true),
            item(6, 1, 7, "Visited a shelter.", true),
        ];
        assert_eq!(
            quotes(items.iter()),
            vec![
                "Wrote to the ministry.",
                "Visited a shelter.",
                "Spoke on the radio."
            ]
        );
        let quoted = quotes(items[..2].iter());
        assert_eq!(quoted, vec!["Wrote to the ministry."], "one per trainee");
        assert!(quotes(items[2..4].iter()).is_empty());
    }

    #[test]
    fn long_answers_are_cut_at_a_word() {
        let long = "word ".repeat(100);
        let cut = shorten(long.trim(), QUOTE_CHARS);
        assert!(
            cut.chars().count() <= QUOTE_CHARS,
            "{}",
            cut.chars().count()
        );
        assert!(cut.ends_with("word…"));
        let thai = "ก".repeat(400);
        let cut = shorten(&thai, QUOTE_CHARS);
        assert_eq!(cut.chars().count(), QUOTE_CHARS);
        assert_eq!(shorten("short", QUOTE_CHARS), "short");
    }
}
