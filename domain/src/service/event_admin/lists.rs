//! The event form's list fields: objectives and organisations one a line, languages
//! separated by commas.
use super::fields::optional_text;
use crate::types::OrganisationRole;
use crate::{validate, DomainError};

const MAX_OBJECTIVES: usize = 20;
const MAX_OBJECTIVE: usize = 500;
const MAX_ORGANISATIONS: usize = 50;

/// One objective per non-empty line. A pasted "1." or "2)" in front is dropped: the
/// objectives are numbered when shown.
pub(super) fn objectives(raw: &str) -> Result<Vec<String>, DomainError> {
    let lines: Vec<&str> = raw
        .lines()
        .map(without_number)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() > MAX_OBJECTIVES {
        return Err(DomainError::validation("objectives", "too-many"));
    }
    lines
        .into_iter()
        .map(|line| optional_text("objectives", line, MAX_OBJECTIVE, false))
        .collect()
}

fn without_number(line: &str) -> &str {
    let line = line.trim();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    match rest.strip_prefix(['.', ')']) {
        Some(after) if (1..=3).contains(&digits) && after.starts_with(char::is_whitespace) => {
            after.trim()
        }
        _ => line,
    }
}

/// Lines `role: Name`; a line without a colon names an organiser. Names with a colon
/// need the role written out: `organiser: Name: Branch`.
pub(super) fn organisations(raw: &str) -> Result<Vec<(&'static str, String)>, DomainError> {
    const FIELD: &str = "organisations";
    let mut out: Vec<(&'static str, String)> = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (role, name) = match line.split_once(':') {
            Some((prefix, name)) => {
                let key = prefix.trim().to_lowercase().replace(['-', ' '], "_");
                let role = OrganisationRole::parse(&key)
                    .ok_or_else(|| DomainError::validation(FIELD, "invalid-choice"))?;
                (role.as_str(), name)
            }
            None => (OrganisationRole::Organiser.as_str(), line),
        };
        let name = validate::required_text(FIELD, name, validate::MAX_NAME)?;
        let lower = name.to_lowercase();
        if !out
            .iter()
            .any(|(r, n)| *r == role && n.to_lowercase() == lower)
        {
            out.push((role, name));
        }
    }
    if out.len() > MAX_ORGANISATIONS {
        return Err(DomainError::validation(FIELD, "too-many"));
    }
    Ok(out)
}

/// Comma-separated names or tags, stored as "a, b, c".
pub(super) fn languages(field: &str, raw: &str) -> Result<String, DomainError> {
    let items: Vec<&str> = raw
        .split(',')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    for item in &items {
        optional_text(field, item, 60, false)?;
    }
    if items.len() > 20 {
        return Err(DomainError::validation(field, "too-many"));
    }
    Ok(items.join(", "))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn numbered_lines_lose_their_numbers() {
        assert_eq!(without_number("1. Share progress"), "Share progress");
        assert_eq!(without_number("12) Review"), "Review");
        assert_eq!(without_number("2030 Agenda"), "2030 Agenda");
        assert_eq!(without_number("3.5% wage rise"), "3.5% wage rise");
    }

    #[test]
    fn organisation_lines() {
        let orgs = organisations(
            "Mekong Migration Network\nCo-Organiser: AIT\nfunder: Oxfam\nFUNDER: oxfam",
        )
        .unwrap();
        assert_eq!(
            orgs,
            vec![
                ("organiser", "Mekong Migration Network".to_owned()),
                ("co_organiser", "AIT".to_owned()),
                ("funder", "Oxfam".to_owned())
            ]
        );
        assert!(organisations("sponsor: Oxfam").is_err());
    }
}
