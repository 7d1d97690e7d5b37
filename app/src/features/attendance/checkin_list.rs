//! The check-in list on a phone. Without JavaScript every button is a tiny form that posts
//! the wanted state and comes back. With JavaScript (this island) a tap sends the same
//! request in the background: the row shows "saving…" until the server answers, and a
//! failed request stays marked and is retried with growing pauses, or at once when tapped.
//! Requests *set* the state (`present=true|false`), so a retry can never flip it back.
//! A tap the server has not confirmed is also kept in the browser's storage, so closing the
//! page (or the phone dropping it) does not lose it: the list sends it again when next opened.
use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::api::{set_attendance, SetAttendance};
use crate::error::AppError;
use leptos::server_fn::ServerFn;

/// One roster line as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckinItem {
    pub registration_id: i64,
    pub number: u32,
    pub name_latin: String,
    pub name_native: String,
    pub organisation: String,
    pub country: String,
    pub present: bool,
}

/// The list's words, translated on the server (the browser has no catalogue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckinLabels {
    pub check_in: String,
    pub present: String,
    pub undo: String,
    pub saving: String,
    pub failed: String,
    pub search: String,
    pub search_button: String,
    pub scan: String,
    pub scanned: String,
    pub none_found: String,
}

/// True when `item` matches what was typed: part of either name, the organisation, or the number.
pub fn matches(item: &CheckinItem, query: &str) -> bool {
    let query = query.trim().to_lowercase();
    query.is_empty()
        || item.number.to_string() == query
        || [&item.name_latin, &item.name_native, &item.organisation]
            .iter()
            .any(|text| text.to_lowercase().contains(&query))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sync {
    Saved,
    Saving,
    Failed,
}

#[derive(Clone, Copy)]
struct Row {
    /// The state the person at the phone wants (shown at once).
    present: RwSignal<bool>,
    sync: RwSignal<Sync>,
    /// A request loop is running for this row.
    busy: StoredValue<bool>,
    /// Cuts a retry pause short (a tap on a failed row).
    kick: StoredValue<bool>,
}

/// A pause that does not block the page (only ever awaited in the browser).
async fn pause(duration: Duration) {
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::task::{Poll, Waker};
    let state: Rc<RefCell<(bool, Option<Waker>)>> = Rc::default();
    let shared = Rc::clone(&state);
    set_timeout(
        move || {
            let mut s = shared.borrow_mut();
            s.0 = true;
            if let Some(w) = s.1.take() {
                w.wake();
            }
        },
        duration,
    );
    std::future::poll_fn(move |cx| {
        let mut s = state.borrow_mut();
        if s.0 {
            Poll::Ready(())
        } else {
            s.1 = Some(cx.waker().clone());
            Poll::Pending
        }
    })
    .await
}

/// Network trouble and server hiccups are retried; refusals (signed out, unknown person) are not.
fn worth_retrying(err: &AppError) -> bool {
    matches!(
        err,
        AppError::ServerFn(_) | AppError::Domain(domain::DomainError::Internal)
    )
}

/// Taps waiting for the server, per list, in the browser's `localStorage` as
/// `"<registration>:<1|0>,…"`. Without storage (private mode, no JavaScript) nothing is kept.
mod pending {
    use std::collections::HashMap;

    fn key(slug: &str, slot: &str) -> String {
        format!("sala-pending:{slug}:{slot}")
    }

    pub fn parse(stored: &str) -> HashMap<i64, bool> {
        stored
            .split(',')
            .filter_map(|pair| {
                let (id, want) = pair.split_once(':')?;
                Some((id.parse().ok()?, want == "1"))
            })
            .collect()
    }

    pub fn format(wishes: &HashMap<i64, bool>) -> String {
        let mut pairs: Vec<String> = wishes
            .iter()
            .map(|(id, want)| format!("{id}:{}", u8::from(*want)))
            .collect();
        pairs.sort();
        pairs.join(",")
    }

    #[cfg(feature = "hydrate")]
    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    #[cfg(feature = "hydrate")]
    fn read(key: &str) -> String {
        storage()
            .and_then(|s| s.get_item(key).ok().flatten())
            .unwrap_or_default()
    }

    #[cfg(feature = "hydrate")]
    fn write(key: &str, value: &str) {
        if let Some(s) = storage() {
            let _ = if value.is_empty() {
                s.remove_item(key)
            } else {
                s.set_item(key, value)
            };
        }
    }

    #[cfg(not(feature = "hydrate"))]
    fn read(_key: &str) -> String {
        String::new()
    }

    #[cfg(not(feature = "hydrate"))]
    fn write(_key: &str, _value: &str) {}

    pub fn load(slug: &str, slot: &str) -> HashMap<i64, bool> {
        parse(&read(&key(slug, slot)))
    }

    /// Records (`Some`) or forgets (`None`) the wish for one person.
    pub fn set(slug: &str, slot: &str, id: i64, want: Option<bool>) {
        let mut wishes = load(slug, slot);
        match want {
            Some(w) => wishes.insert(id, w),
            None => wishes.remove(&id),
        };
        write(&key(slug, slot), &format(&wishes));
    }
}

/// Sends the row's wanted state until the server has stored the latest one.
fn sync(row: Row, slug: String, slot: String, id: i64) {
    if row.busy.get_value() {
        return; // the running loop sends the newest wish when its request returns
    }
    row.busy.set_value(true);
    leptos::task::spawn_local(async move {
        let mut failures = 0u32;
        loop {
            let want = row.present.get_untracked();
            row.sync.set(Sync::Saving);
            pending::set(&slug, &slot, id, Some(want));
            match set_attendance(slug.clone(), id, slot.clone(), want).await {
                Ok(_) if row.present.get_untracked() == want => {
                    row.sync.set(Sync::Saved);
                    pending::set(&slug, &slot, id, None);
                    break;
                }
                Ok(_) => failures = 0,
                Err(err) => {
                    row.sync.set(Sync::Failed);
                    if !worth_retrying(&err) {
                        // Refused (not a network failure): shown as failed, not resent later.
                        pending::set(&slug, &slot, id, None);
                        break;
                    }
                    failures += 1;
                    // 1, 2, 4, 8, 16, then every 30 seconds; a tap retries at once.
                    let wait = (1000u64 << failures.min(5)).min(30_000) / 2;
                    row.kick.set_value(false);
                    let mut waited = 0;
                    while waited < wait && !row.kick.get_value() {
                        pause(Duration::from_millis(250)).await;
                        waited += 250;
                    }
                }
            }
        }
        row.busy.set_value(false);
    });
}

fn has_barcode_detector() -> bool {
    #[cfg(feature = "hydrate")]
    {
        let global = js_sys::global();
        js_sys::Reflect::has(&global, &"BarcodeDetector".into()).unwrap_or(false)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        false
    }
}

#[island]
pub fn CheckinList(
    slug: String,
    /// The day or session (`slot` itself is a reserved attribute name in `view!`).
    at: String,
    items: Vec<CheckinItem>,
    /// The scanned badge's registration, shown first.
    highlight: Option<i64>,
    query: String,
    labels: CheckinLabels,
) -> impl IntoView {
    let slot = at;
    let query = RwSignal::new(query);
    // What was typed before the list came to life (a slow phone shows the box first): once
    // running, the list filters by it instead of clearing it.
    let search_box = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = search_box.get() {
            let typed = input.value();
            if typed != query.get_untracked() {
                query.set(typed);
            }
        }
    });
    let can_scan = RwSignal::new(false);
    Effect::new(move |_| can_scan.set(has_barcode_detector()));
    let labels = StoredValue::new(labels);
    let label = move |pick: fn(&CheckinLabels) -> &String| labels.with_value(|l| pick(l).clone());
    let (top, rest): (Vec<_>, Vec<_>) = items
        .into_iter()
        .partition(|i| Some(i.registration_id) == highlight);
    let any_match = {
        let all: Vec<CheckinItem> = rest.clone();
        move || all.iter().any(|i| matches(i, &query.get()))
    };
    let rows: StoredValue<HashMap<i64, Row>> = StoredValue::new(HashMap::new());
    let row_view = {
        let (slug, slot) = (slug.clone(), slot.clone());
        move |item: CheckinItem, always: bool| {
            let row = Row {
                present: RwSignal::new(item.present),
                sync: RwSignal::new(Sync::Saved),
                busy: StoredValue::new(false),
                kick: StoredValue::new(false),
            };
            let id = item.registration_id;
            rows.update_value(|r| {
                r.insert(id, row);
            });
            let (slug, slot) = (slug.clone(), slot.clone());
            let send = {
                let (slug, slot) = (slug.clone(), slot.clone());
                move |wanted: Option<bool>| {
                    if row.sync.get_untracked() == Sync::Failed && wanted.is_none() {
                        row.kick.set_value(true);
                    } else {
                        row.present
                            .set(wanted.unwrap_or(!row.present.get_untracked()));
                    }
                    sync(row, slug.clone(), slot.clone(), id);
                }
            };
            let send_undo = send.clone();
            let visible = {
                let item = item.clone();
                move || always || matches(&item, &query.get())
            };
            view! {
                <li
                    class="checkin-row"
                    id=format!("checkin-{id}")
                    class:is-present=move || row.present.get()
                    class:is-saving=move || row.sync.get() == Sync::Saving
                    class:is-failed=move || row.sync.get() == Sync::Failed
                    style:display=move || if visible() { "" } else { "none" }
                >
                    <span class="checkin-no">{item.number}</span>
                    <span class="checkin-who">
                        <strong>{item.name_latin.clone()}</strong>
                        <span class="checkin-native">{item.name_native.clone()}</span>
                        <small class="muted">{item.organisation.clone()} " · " {item.country.clone()}</small>
                    </span>
                    <form method="post" action=SetAttendance::url() class="checkin-tap" on:submit=move |ev| { ev.prevent_default(); send(None); }>
                        <input type="hidden" name="slug" value=slug.clone() />
                        <input type="hidden" name="registration_id" value=id />
                        <input type="hidden" name="slot" value=slot.clone() />
                        <input type="hidden" name="present" value=move || (!row.present.get()).to_string() />
                        <button type="submit" class="btn checkin-btn" aria-pressed=move || row.present.get().to_string()>
                            {move || if row.present.get() { label(|l| &l.present) } else { label(|l| &l.check_in) }}
                        </button>
                    </form>
                    <form method="post" action=SetAttendance::url() class="checkin-undo" on:submit=move |ev| { ev.prevent_default(); send_undo(Some(false)); }
                        style:display=move || if row.present.get() { "" } else { "none" }>
                        <input type="hidden" name="slug" value=slug.clone() />
                        <input type="hidden" name="registration_id" value=id />
                        <input type="hidden" name="slot" value=slot.clone() />
                        <input type="hidden" name="present" value="false" />
                        <button type="submit" class="btn btn-small btn-secondary">{label(|l| &l.undo)}</button>
                    </form>
                    <span class="checkin-sync" role="status">
                        {move || match row.sync.get() {
                            Sync::Saved => String::new(),
                            Sync::Saving => label(|l| &l.saving),
                            Sync::Failed => label(|l| &l.failed),
                        }}
                    </span>
                </li>
            }
        }
    };
    let has_top = !top.is_empty();
    let highlighted = top
        .into_iter()
        .map(|item| row_view.clone()(item, true))
        .collect_view();
    let listed = rest
        .into_iter()
        .map(|item| row_view.clone()(item, false))
        .collect_view();
    // Taps left unsaved when the page was last closed are sent again.
    {
        let (slug, slot) = (slug.clone(), slot.clone());
        Effect::new(move |_| {
            for (id, want) in pending::load(&slug, &slot) {
                match rows.with_value(|r| r.get(&id).copied()) {
                    Some(row) => {
                        row.present.set(want);
                        sync(row, slug.clone(), slot.clone(), id);
                    }
                    None => pending::set(&slug, &slot, id, None),
                }
            }
        });
    }
    view! {
        // Typing filters this page at once; the button (or Enter) asks the server for everyone
        // who matches, which on a big event's list is most of them.
        <form method="get" class="checkin-search" role="search">
            <input type="hidden" name="slot" value=slot.clone() />
            <label for="checkin-q" class="visually-hidden">{label(|l| &l.search)}</label>
            <input id="checkin-q" name="q" type="search" placeholder=label(|l| &l.search) autocomplete="off"
                node_ref=search_box value=query.get_untracked()
                on:input=move |ev| query.set(event_target_value(&ev)) />
            <button type="submit" class="btn btn-secondary">{label(|l| &l.search_button)}</button>
            <button type="button" class="btn btn-secondary" hidden=move || !can_scan.get() data-scan-badge="">
                {label(|l| &l.scan)}
            </button>
        </form>
        {has_top.then(|| view! {
            <section class="checkin-highlight" aria-label=label(|l| &l.scanned)>
                <ul class="checkin-list">{highlighted}</ul>
            </section>
        })}
        <ul class="checkin-list">{listed}</ul>
        <p class="muted" style:display=move || if any_match() { "none" } else { "" }>{label(|l| &l.none_found)}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsaved_taps_are_stored_and_read_back() {
        let wishes = HashMap::from([(12, true), (7, false)]);
        assert_eq!(pending::format(&wishes), "12:1,7:0");
        assert_eq!(pending::parse("12:1,7:0"), wishes);
        assert_eq!(pending::parse(""), HashMap::new());
        assert_eq!(pending::parse("x:1,3:1,:"), HashMap::from([(3, true)]));
    }

    #[test]
    fn search_finds_either_script_the_organisation_or_the_number() {
        let item = CheckinItem {
            registration_id: 7,
            number: 12,
            name_latin: "Prasert Chaiyaphum".into(),
            name_native: "ประเสริฐ ชัยภูมิ".into(),
            organisation: "Rayong Workers' Solidarity Group".into(),
            country: "Thailand".into(),
            present: false,
        };
        for hit in ["", "prasert", "CHAIYA", "ประเสริฐ", "rayong", " 12 "] {
            assert!(matches(&item, hit), "{hit}");
        }
        for miss in ["keo", "ស្រី", "1", "Thailand"] {
            assert!(!matches(&item, miss), "{miss}");
        }
    }
}
