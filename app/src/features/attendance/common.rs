//! Pieces the attendance pages share: the day/session picker and the links between them.
use domain::attendance_types::{AttendanceSheet, AttendanceSlot};
use leptos::prelude::*;

use crate::i18n::t;

/// A plain GET form choosing a whole day or one of its sessions (`?slot=`), plus `extra`
/// fields (e.g. the roster order) that the page also reads from the address.
pub fn slot_picker(sheet: &AttendanceSheet, extra: impl IntoView) -> impl IntoView {
    let current = sheet.slot;
    let days = sheet.days.clone();
    let sessions = sheet.sessions.clone();
    view! {
        <form method="get" class="filters slot-picker">
            <div class="field">
                <label for="slot">{t("attendance-slot")}</label>
                <select id="slot" name="slot">
                    {days.into_iter().map(|day| {
                        let whole = AttendanceSlot::whole_day(day);
                        let day_text = crate::i18n::dates().weekday_date(day);
                        let of_day: Vec<_> = sessions.iter().filter(|s| s.day == day).cloned().collect();
                        view! {
                            <optgroup label=day_text.clone()>
                                <option value=whole.as_param() selected=current == whole>
                                    {day_text.clone()} " — " {t("attendance-whole-day")}
                                </option>
                                {of_day.into_iter().map(|s| {
                                    let slot = AttendanceSlot { day, session_id: Some(s.id) };
                                    view! {
                                        <option value=slot.as_param() selected=current == slot>
                                            {format!("{} {}–{} {}", day_text, s.local_start, s.local_end, s.title)}
                                        </option>
                                    }
                                }).collect_view()}
                            </optgroup>
                        }
                    }).collect_view()}
                </select>
            </div>
            {extra}
            <button type="submit" class="btn btn-secondary">{t("attendance-show")}</button>
        </form>
    }
}

/// Links to the other attendance pages of the event.
pub fn attendance_links(slug: &str, slot: &str) -> impl IntoView {
    view! {
        <p class="actions">
            <a class="btn btn-secondary btn-small" href=format!("/manage/events/{slug}/checkin?slot={slot}")>{t("checkin-title")}</a>
            <a class="btn btn-secondary btn-small" href=format!("/manage/events/{slug}/attendance?slot={slot}")>{t("attendance-title")}</a>
            <a class="btn btn-secondary btn-small" href=format!("/manage/events/{slug}/cohort")>{t("cohort-title")}</a>
            <a class="btn btn-secondary btn-small" href=format!("/manage/events/{slug}/followup")>{t("followup-title")}</a>
            <a class="btn btn-secondary btn-small" href=format!("/manage/events/{slug}/participants")>{t("participants-title")}</a>
        </p>
    }
}

/// The label of a stored gender or sector value ("" when not given).
pub fn vocab_label(prefix: &str, value: &str) -> String {
    if value.is_empty() {
        t("attendance-not-given")
    } else {
        t(&format!("{prefix}-{value}"))
    }
}
