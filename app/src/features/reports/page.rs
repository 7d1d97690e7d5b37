//! `/manage/reports`: one form for the annual report. A year, or a period (from, to), and a
//! language; three buttons send it to the PDF, the CSV or the Excel file (plain GET forms:
//! no JavaScript needed).
use leptos::prelude::*;
use leptos_meta::Title;

use super::api::report_year;
use crate::components::not_found::ErrorNotice;
use crate::i18n::{t, CurrentLocale, Locale};

/// The languages a report can be printed in: (tag, name in its own script).
const LANGUAGES: [(&str, &str); 7] = [
    ("en", "English"),
    ("th", "ภาษาไทย"),
    ("my", "မြန်မာဘာသာ"),
    ("km", "ភាសាខ្មែរ"),
    ("lo", "ພາສາລາວ"),
    ("vi", "Tiếng Việt"),
    ("zh", "中文"),
];

#[component]
pub fn ReportsPage() -> impl IntoView {
    let year = Resource::new(|| (), |_| report_year());
    let current = Locale::current().tag();
    view! {
        <Title text=t("reports-title") />
        <h1>{t("reports-title")}</h1>
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match year.await {
                    Ok(year) => view! {
                        <p class="muted">{t("reports-intro")}</p>
                        <form method="get" action="/manage/reports/annual.pdf" class="report-form">
                            <div class="field">
                                <label for="report-year">{t("reports-year")}</label>
                                <input id="report-year" name="year" type="number" min="1900" max="2200" value=year.to_string() />
                            </div>
                            <fieldset class="field">
                                <legend>{t("reports-or-period")}</legend>
                                <label for="report-from">{t("reports-from")}</label>
                                <input id="report-from" name="from" type="date" />
                                <label for="report-to">{t("reports-to")}</label>
                                <input id="report-to" name="to" type="date" />
                            </fieldset>
                            <div class="field">
                                <label for="report-lang">{t("reports-language")}</label>
                                <select id="report-lang" name="lang">
                                    {LANGUAGES.iter().map(|(tag, name)| view! {
                                        <option value=*tag selected=*tag == current>{*name}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="actions">
                                <button type="submit" class="btn btn-primary">{t("reports-pdf")}</button>
                                <button type="submit" class="btn btn-secondary" formaction="/manage/reports/annual.csv">{t("reports-csv")}</button>
                                <button type="submit" class="btn btn-secondary" formaction="/manage/reports/annual.xlsx">{t("reports-xlsx")}</button>
                            </div>
                        </form>
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
