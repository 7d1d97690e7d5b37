//! Addresses the browser is sent to (`Location`), often built from what a person typed.
//!
//! Why this exists: `leptos_axum::redirect` panics when an address is not a valid header
//! value (a line break, any control character, any non-ASCII character), which turned a
//! form field into a crash; and a value put into a query unencoded splits it at `&`, cuts
//! it at `#` or garbles it at `%`, so the page read back something else. Values go into
//! queries through `form_urlencoded`; every address then passes [`valid_location`] before
//! it becomes a header.
use domain::DomainError;

/// Bytes kept as they are: visible ASCII that may stand in a URI (RFC 3986's unreserved,
/// reserved and `%`). Everything else is percent-encoded.
fn keep(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&byte)
}

fn is_escape(rest: &[u8]) -> bool {
    matches!(rest, [a, b, ..] if a.is_ascii_hexdigit() && b.is_ascii_hexdigit())
}

/// `target` as a valid header value and URI reference: bytes that may not stand in a URI
/// (controls, spaces, non-ASCII, quotes and the like) and every `%` that does not begin an
/// escape are percent-encoded; the rest is kept, so an address built from known-safe parts
/// does not change.
pub fn valid_location(target: &str) -> String {
    let bytes = target.as_bytes();
    let mut out = String::with_capacity(bytes.len());
    for (i, &byte) in bytes.iter().enumerate() {
        if keep(byte) || (byte == b'%' && is_escape(&bytes[i + 1..])) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Sends the browser to `target` (made valid first, see [`valid_location`]).
pub fn redirect(target: &str) {
    leptos_axum::redirect(&valid_location(target));
}

/// Where a refused plain form post goes back to: `back` (a path) with `error=<code>`, for a
/// refused field also `field=` and `message=`, then `extra` (`&name=value…`, as the callers
/// hand it over: decoded and encoded again, so nothing in it can break the address).
pub fn failure_location(back: &str, err: &DomainError, extra: &str) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("error", err.code());
    if let DomainError::Validation { field, message } = err {
        query.append_pair("field", field);
        query.append_pair("message", message);
    }
    for (name, value) in form_urlencoded::parse(extra.trim_start_matches('&').as_bytes()) {
        query.append_pair(&name, &value);
    }
    valid_location(&format!("{back}?{}", query.finish()))
}

/// The sign-in page, coming back to `path` afterwards (its slashes left readable: a query
/// may hold them).
pub fn login_location(path: &str) -> String {
    format!("/login?next={}", encode(path).replace("%2F", "/"))
}

/// One query value, encoded.
pub fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NASTY: &str = "a\r\nb%c&d=e#f?ก\u{1}\u{7f} \"<x>";

    fn parsed(location: &str) -> Vec<(String, String)> {
        let query = location.split_once('?').map_or("", |(_, q)| q);
        form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect()
    }

    #[test]
    fn every_part_of_a_failure_address_survives_the_trip() {
        let err = DomainError::validation(NASTY, NASTY);
        let location = failure_location("/events/x/register", &err, "&draft=abc&slot=2026-01-01");
        assert!(http::HeaderValue::from_str(&location).is_ok(), "{location}");
        assert!(location.parse::<http::Uri>().is_ok(), "{location}");
        assert_eq!(
            parsed(&location),
            [
                ("error", "validation"),
                ("field", NASTY),
                ("message", NASTY),
                ("draft", "abc"),
                ("slot", "2026-01-01"),
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
    }

    #[test]
    fn any_text_becomes_a_valid_location_and_safe_addresses_stay_as_they_are() {
        for target in [
            NASTY,
            "r/abc?answered=3#followup-3",
            "x?a=%zz&b=%41",
            "\u{0}",
        ] {
            let location = valid_location(&format!("/{target}"));
            assert!(http::HeaderValue::from_str(&location).is_ok(), "{location}");
            assert!(location.parse::<http::Uri>().is_ok(), "{location}");
        }
        assert_eq!(
            valid_location("/r/abc?answered=3#followup-3"),
            "/r/abc?answered=3#followup-3"
        );
        assert_eq!(valid_location("/x?a=%zz&b=%41"), "/x?a=%25zz&b=%41");
        assert_eq!(
            login_location("/manage/a&b?c"),
            "/login?next=/manage/a%26b%3Fc"
        );
    }
}
