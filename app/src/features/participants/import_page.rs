//! `/manage/events/{slug}/import`: upload a CSV or Excel participant list, see every row as it
//! will be imported with its problems, then confirm. Plain forms: works without JavaScript.
use domain::import_types::{
    ImportPreview, ImportRow, IMPORT_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::import_api::{import_page, ConfirmImport};
use crate::components::form::ErrorFor;
use crate::components::not_found::ErrorNotice;
use crate::features::workspace::nav::WorkspaceNav;
use crate::i18n::{t, t_args};

#[component]
pub fn ImportPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        (
            params.read().get("slug").unwrap_or_default(),
            query.read().get("preview"),
        )
    };
    let data = Resource::new(key, |(slug, preview)| import_page(slug, preview));
    // A refused upload is told next to the file field (`field=import-file`); anything else
    // (a refused confirmation) at the top.
    let error = move || {
        let q = query.read();
        if q.get("field").as_deref() == Some("import-file") {
            return None;
        }
        q.get("error")
            .map(|e| format!("error-{}", q.get("message").unwrap_or(e)))
    };
    let done = move || {
        let q = query.read();
        q.get("registered")
            .map(|r| (r, q.get("already").unwrap_or_default()))
    };
    view! {
        <WorkspaceNav here="import" />
        <Title text=t("import-title") />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((event, preview)) => {
                        let slug = event.slug.clone();
                        view! {
                            <p><a href=format!("/manage/events/{slug}/participants")>{t("participants-title")}</a></p>
                            <h1>{t("import-title")} " · " {event.title.clone()}</h1>
                            {error().map(|key| view! { <p class="alert alert-error" role="alert">{t(&key)}</p> })}
                            {done().map(|(registered, already)| view! {
                                <p class="alert alert-success" role="status">
                                    {t_args("import-done", &[("registered", &registered), ("already", &already)])}
                                </p>
                            })}
                            {preview.map(|p| preview_view(&slug, p))}
                            {upload_form(&slug)}
                        }.into_any()
                    }
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn upload_form(slug: &str) -> impl IntoView {
    let limits = t_args(
        "import-limits",
        &[
            ("kb", &(MAX_IMPORT_BYTES / 1000).to_string()),
            ("rows", &MAX_IMPORT_ROWS.to_string()),
        ],
    );
    view! {
        <section class="card">
            <h2>{t("import-upload")}</h2>
            <form method="post" enctype="multipart/form-data" class="form"
                action=format!("/manage/events/{slug}/import/upload")>
                <div class="field">
                    <label for="import-file">{t("import-file")}</label>
                    <input id="import-file" type="file" name="file" accept=".csv,.xlsx,text/csv" required />
                    <ErrorFor field="import-file" />
                    <p class="hint">{limits}</p>
                </div>
                <button type="submit" class="btn btn-primary">{t("import-preview")}</button>
            </form>
            <h3>{t("import-columns")}</h3>
            <p>{t("import-columns-intro")}</p>
            <ul class="import-columns">
                {IMPORT_COLUMNS.iter().map(|c| view! {
                    <li><code>{*c}</code> " — " {t(&format!("import-col-{c}"))}</li>
                }).collect_view()}
            </ul>
            <p><a class="btn btn-secondary" href="/manage/import-template.csv">{t("import-template")}</a></p>
        </section>
    }
}

fn preview_view(slug: &str, p: ImportPreview) -> impl IntoView {
    let valid = p.valid();
    let count = p.rows.len().to_string();
    let bad = p
        .rows
        .iter()
        .filter(|r| !r.problems.is_empty())
        .count()
        .to_string();
    view! {
        <section class="import-preview">
            <h2>{t("import-preview-title")} " · " {p.file_name.clone()}</h2>
            {if valid {
                view! {
                    <form method="post" action=ConfirmImport::url() class="actions">
                        <input type="hidden" name="slug" value=slug.to_owned() />
                        <input type="hidden" name="id" value=p.id.clone() />
                        <button type="submit" class="btn btn-primary">{t_args("import-confirm", &[("count", &count)])}</button>
                    </form>
                }.into_any()
            } else {
                view! {
                    <p class="alert alert-error" role="alert">{t_args("import-has-errors", &[("count", &bad)])}</p>
                }.into_any()
            }}
            <div class="table-wrap"><table class="table">
                <thead><tr>
                    <th>{t("import-row")}</th>
                    <th>{t("import-problems")}</th>
                    {IMPORT_COLUMNS.iter().map(|c| view! { <th>{*c}</th> }).collect_view()}
                </tr></thead>
                <tbody>{p.rows.into_iter().map(row_view).collect_view()}</tbody>
            </table></div>
        </section>
    }
}

/// One previewed row. Its problems come first: on a phone the wide table scrolls sideways,
/// and they are what the coordinator must read.
fn row_view(r: ImportRow) -> impl IntoView {
    let class = if r.problems.is_empty() {
        ""
    } else {
        "row-error"
    };
    let cells = [
        r.name_latin,
        r.name_native,
        r.email,
        r.phone,
        r.organisation,
        r.position,
        r.country,
        r.sector,
        r.gender,
        r.role,
        r.status,
    ];
    view! {
        <tr class=class>
            <td>{r.line}</td>
            <td class="import-problems">
                {r.problems.into_iter().map(|p| view! {
                    <span class="field-error">{p.column} ": " {t(&format!("error-{}", p.code))}</span>
                }).collect_view()}
            </td>
            {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
        </tr>
    }
}
