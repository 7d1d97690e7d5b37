//! Input checks shared by the browser and the server (the server always re-checks).
use crate::DomainError;

/// Bytes (RFC 5321 limits a path to 256, brackets included).
pub const MAX_EMAIL: usize = 254;
pub const MAX_NAME: usize = 200;
pub const MIN_PASSWORD: usize = 10;
/// Bytes.
pub const MAX_PASSWORD: usize = 1024;

/// Trims and lower-cases an email address and checks its shape.
pub fn email(field: &str, raw: &str) -> Result<String, DomainError> {
    let value = raw.trim().to_lowercase();
    if value.is_empty() {
        return Err(DomainError::validation(field, "required"));
    }
    if value.len() > MAX_EMAIL {
        return Err(DomainError::validation(field, "too-long"));
    }
    let Some((local, domain)) = value.split_once('@') else {
        return Err(DomainError::validation(field, "invalid-email"));
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..");
    let clean = value
        .chars()
        .all(|c| !c.is_whitespace() && !c.is_control() && c != '<' && c != '>');
    if local.is_empty() || !domain_ok || domain.contains('@') || !clean {
        return Err(DomainError::validation(field, "invalid-email"));
    }
    Ok(value)
}

/// A required single-line text: trimmed, not empty, at most `max` characters, no control characters.
pub fn required_text(field: &str, raw: &str, max: usize) -> Result<String, DomainError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(DomainError::validation(field, "required"));
    }
    if value.chars().count() > max {
        return Err(DomainError::validation(field, "too-long"));
    }
    if value.chars().any(char::is_control) {
        return Err(DomainError::validation(field, "invalid-characters"));
    }
    Ok(value.to_owned())
}

/// At least [`MIN_PASSWORD`] characters, at most [`MAX_PASSWORD`] bytes: sign-in refuses a
/// longer password before hashing it, so no password is accepted here that could not be used.
pub fn new_password(field: &str, raw: &str) -> Result<String, DomainError> {
    if raw.chars().count() < MIN_PASSWORD {
        return Err(DomainError::validation(field, "password-too-short"));
    }
    if raw.len() > MAX_PASSWORD {
        return Err(DomainError::validation(field, "too-long"));
    }
    Ok(raw.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            email("email", " A@Example.ORG ").ok(),
            Some("a@example.org".into())
        );
        for bad in [
            "",
            "a",
            "a@b",
            "@b.org",
            "a@b..org",
            "a b@c.org",
            "a@@b.org",
            "<a@b.org>",
        ] {
            assert!(email("email", bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn texts() {
        assert!(required_text("name", "  ", 10).is_err());
        assert!(required_text("name", "ສະບາຍດີ", 7).is_ok());
        assert!(required_text("name", "ສະບາຍດີx", 7).is_err());
        assert!(required_text("name", "a\u{0}b", 10).is_err());
    }

    #[test]
    fn passwords() {
        assert!(new_password("password", "short").is_err());
        assert!(new_password("password", "long enough pass").is_ok());
        assert!(
            new_password("password", &"ก".repeat(400)).is_err(),
            "1,200 bytes"
        );
    }
}
