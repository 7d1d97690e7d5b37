//! "Your time": with JavaScript, times are also shown in the visitor's own zone when it
//! differs from the event's. Without JavaScript nothing extra appears (the event's local
//! time, with its zone named, is always there).
use chrono::{DateTime, FixedOffset, Utc};
use leptos::prelude::*;

/// The browser's UTC offset at `at`, in minutes east of UTC (None on the server).
#[allow(unused_variables)]
fn browser_offset_minutes(at: DateTime<Utc>) -> Option<i32> {
    #[cfg(feature = "hydrate")]
    {
        let date = js_sys::Date::new(&wasm_bindgen_value(at.timestamp_millis()));
        // getTimezoneOffset() is minutes *west* of UTC.
        Some(-(date.get_timezone_offset() as i32))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

#[cfg(feature = "hydrate")]
fn wasm_bindgen_value(ms: i64) -> js_sys::wasm_bindgen::JsValue {
    js_sys::wasm_bindgen::JsValue::from_f64(ms as f64)
}

/// `HH:MM–HH:MM` in `offset_minutes`.
pub fn range_at(start: DateTime<Utc>, end: DateTime<Utc>, offset_minutes: i32) -> Option<String> {
    let zone = FixedOffset::east_opt(offset_minutes * 60)?;
    Some(format!(
        "{}–{}",
        start.with_timezone(&zone).format("%H:%M"),
        end.with_timezone(&zone).format("%H:%M")
    ))
}

#[island]
pub fn ViewerTime(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    event_offset_minutes: i32,
    /// The message in the page's language, with `{ $time }` where the range goes
    /// (translated on the server: the browser has no catalogue).
    label: String,
) -> impl IntoView {
    let shown = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(own) = browser_offset_minutes(start) {
            if own != event_offset_minutes {
                shown.set(range_at(start, end, own));
            }
        }
    });
    move || {
        shown.get().map(
            |range| view! { <span class="viewer-time">{label.replace("{ $time }", &range)}</span> },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn formats_a_range_in_another_offset() {
        let start = Utc
            .with_ymd_and_hms(2018, 1, 13, 2, 30, 0)
            .single()
            .expect("valid");
        let end = Utc
            .with_ymd_and_hms(2018, 1, 13, 4, 0, 0)
            .single()
            .expect("valid");
        assert_eq!(range_at(start, end, 390).as_deref(), Some("09:00–10:30"));
        assert_eq!(range_at(start, end, 60).as_deref(), Some("03:30–05:00"));
    }
}
