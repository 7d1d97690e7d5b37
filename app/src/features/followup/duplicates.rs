//! `/manage/people`: records that look like one person twice (the same e-mail in another
//! case, the same phone, the same name with other e-mails), each pair with buttons to merge
//! one into the other (coordinators).
use domain::people_types::{DuplicatePair, PersonBrief};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::people_api::{people_duplicates, MergePeople};
use crate::components::not_found::ErrorNotice;
use crate::i18n::{t, t_args};

#[component]
pub fn DuplicatesPage() -> impl IntoView {
    let pairs = Resource::new(|| (), |_| people_duplicates());
    view! {
        <Title text=t("duplicates-title") />
        <h1>{t("duplicates-title")}</h1>
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

fn person_view(p: &PersonBrief) -> impl IntoView {
    view! {
        <div class="duplicate-person">
            <p><a href=format!("/manage/people/{}", p.id)><strong>{p.name_latin.clone()}</strong></a>
               " " <span class="muted">{p.name_native.clone()}</span></p>
            <p class="muted">{p.email.clone()} " · " {p.phone.clone()} " · " {p.organisation.clone()}</p>
            <p>{t_args("duplicates-registrations", &[("count", &p.registrations.to_string())])}</p>
        </div>
    }
}

fn merge_form(keep: &PersonBrief, drop: &PersonBrief) -> impl IntoView {
    view! {
        <form method="post" action=MergePeople::url() class="inline-form">
            <input type="hidden" name="keep" value=keep.id.to_string() />
            <input type="hidden" name="drop" value=drop.id.to_string() />
            <button type="submit" class="btn btn-secondary">
                {t_args("duplicates-keep", &[("name", &keep.name_latin)])}
            </button>
        </form>
    }
}

fn pair_view(pair: DuplicatePair) -> impl IntoView {
    view! {
        <article class="card duplicate-pair">
            <p class="badge">{t(pair.reason.key())}</p>
            <div class="duplicate-people">
                {person_view(&pair.a)}
                {person_view(&pair.b)}
            </div>
            <p class="hint">{t("duplicates-merge-hint")}</p>
            <p class="actions">
                {merge_form(&pair.a, &pair.b)}
                {merge_form(&pair.b, &pair.a)}
            </p>
        </article>
    }
}
