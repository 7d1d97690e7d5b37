//! `/manage/people`: records that look like one person twice (the same e-mail in another
//! case, the same phone, the same name with other e-mails), each pair with buttons to merge
//! one into the other (coordinators).
use domain::people_types::{DuplicatePair, PersonBrief};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{people_duplicates, MergePeople};
use crate::components::not_found::ErrorNotice;
use crate::i18n::{t, t_args};

#[component]
pub fn DuplicatesPage() -> impl IntoView {
    let pairs = Resource::new(|| (), |_| people_duplicates());
    let query = use_query_map();
    // A merge refused without JavaScript comes back here with the reason.
    let error = move || {
        let q = query.read();
        q.get("error")
            .map(|e| format!("error-{}", q.get("message").unwrap_or(e)))
    };
    view! {
        <Title text=t("duplicates-title") />
        <h1>{t("duplicates-title")}</h1>
        {move || error().map(|key| view! { <p class="alert alert-error" role="alert">{t(&key)}</p> })}
        <p class="lead">{t("duplicates-intro")}</p>
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match pairs.await {
                    Ok(pairs) if pairs.is_empty() => view! { <p class="empty">{t("duplicates-none")}</p> }.into_any(),
                    Ok(pairs) => pairs.into_iter().map(pair_view).collect_view().into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One of the pair, with the button that keeps this record and merges the other into it.
fn person_view(p: &PersonBrief, other: &PersonBrief) -> impl IntoView {
    let details: Vec<&str> = [&p.email, &p.phone, &p.organisation]
        .into_iter()
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .collect();
    // Two records often share the name: the button names the address too.
    let label = if p.email.is_empty() {
        format!("{} (#{})", p.name_latin, p.id)
    } else {
        format!("{} ({})", p.name_latin, p.email)
    };
    view! {
        <div class="duplicate-person">
            <p><a href=format!("/manage/people/{}", p.id)><strong>{p.name_latin.clone()}</strong></a>
               " " <span class="muted">{p.name_native.clone()}</span></p>
            <p class="muted">{details.join(" · ")}</p>
            <p>{t_args("duplicates-registrations", &[("count", &p.registrations.to_string())])}</p>
            <form method="post" action=MergePeople::url() class="inline-form">
                <input type="hidden" name="keep" value=p.id.to_string() />
                <input type="hidden" name="drop" value=other.id.to_string() />
                <button type="submit" class="btn btn-secondary">
                    {t_args("duplicates-keep", &[("name", &label)])}
                </button>
            </form>
        </div>
    }
}

fn pair_view(pair: DuplicatePair) -> impl IntoView {
    view! {
        <article class="card duplicate-pair">
            <p class="badge">{t(pair.reason.key())}</p>
            <div class="duplicate-people">
                {person_view(&pair.a, &pair.b)}
                {person_view(&pair.b, &pair.a)}
            </div>
            <p class="hint">{t("duplicates-merge-hint")}</p>
        </article>
    }
}
