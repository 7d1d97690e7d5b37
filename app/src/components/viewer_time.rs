//! "Your time": with JavaScript, each session's time is also shown in the visitor's own zone
//! when it differs from the event's. Without JavaScript nothing extra appears (the event's
//! local time, with its zone named, is always there).
//!
//! A few lines of plain script do this instead of an island: the event page then loads no wasm
//! at all, which matters on a slow phone. The Content-Security-Policy names the script by its
//! SHA-256 ([`script_source`]) rather than a nonce: the page then holds nothing that changes
//! per request, so a kept copy can be sent to every visitor (see the server's public cache).
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// Fills every `.viewer-time[data-start]` inside the agenda with the visitor's own times
/// when the browser's UTC offset at the session's start differs from the event's.
/// (No `<`, `>` or `&` in it: it is written into the page as it is.)
const SCRIPT: &str = r#"(function () {
  var agenda = document.currentScript.parentNode;
  var two = function (n) { return String(n).padStart(2, "0"); };
  var hm = function (d) { return two(d.getHours()) + ":" + two(d.getMinutes()); };
  agenda.querySelectorAll(".viewer-time[data-start]").forEach(function (el) {
    var start = new Date(Number(el.dataset.start)), end = new Date(Number(el.dataset.end));
    if (-start.getTimezoneOffset() === Number(agenda.dataset.offset)) return;
    el.textContent = agenda.dataset.yourTime.replace("{ $time }", hm(start) + "\u2013" + hm(end));
  });
})();"#;

/// Where a session's time in the visitor's zone goes (empty until the script fills it).
#[component]
pub fn ViewerTime(start: DateTime<Utc>, end: DateTime<Utc>) -> impl IntoView {
    view! {
        <span class="viewer-time" data-start=start.timestamp_millis().to_string()
            data-end=end.timestamp_millis().to_string()></span>
    }
}

/// The script, placed last inside the element that carries `data-offset` (the event's UTC
/// offset in minutes) and `data-your-time` (the translated "your time { $time }").
#[component]
pub fn ViewerTimeScript() -> impl IntoView {
    view! { <script inner_html=SCRIPT></script> }
}

/// The script as a CSP source: `'sha256-<base64 of its SHA-256>'`.
#[cfg(feature = "ssr")]
pub fn script_source() -> &'static str {
    static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SOURCE.get_or_init(|| hash_source(SCRIPT))
}

/// An inline script as a CSP source: `'sha256-<base64 of its SHA-256>'`.
#[cfg(feature = "ssr")]
pub fn hash_source(script: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::SCRIPT;

    #[cfg(feature = "ssr")]
    #[test]
    fn the_policy_source_is_the_scripts_sha256() {
        // Computed independently (Python's hashlib over the constant's text); a change to the
        // script must change this too, or browsers would refuse to run it.
        assert_eq!(
            super::script_source(),
            "'sha256-Vdn7SwJgLXUD1KE6slEn86Lz6Ek2m1IvxSrlp/IJ00w='"
        );
    }

    #[test]
    fn the_script_needs_no_escaping_in_html() {
        assert!(!SCRIPT.contains(['<', '>', '&']));
        assert!(!SCRIPT.contains("</script"));
    }
}
