//! Header with navigation (what a visitor may open depends on their role) and footer.
use domain::types::Role;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::features::auth::use_auth;
use crate::i18n::{buddhist_era, t, CurrentLocale, Locale};

#[component]
pub fn Header() -> impl IntoView {
    let auth = use_auth();
    view! {
        <header class="site-header">
            <a class="brand" href="/">"Sala"</a>
            <nav class="site-nav" aria-label=t("nav-label")>
                <A href="/events">{t("nav-home")}</A>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match auth.user.await {
                            Ok(Some(user)) => {
                                let coordinator = user.role.allows(Role::Coordinator).then(|| {
                                    view! { <A href="/manage/events">{t("nav-manage")}</A> }
                                });
                                let admin = user.role.allows(Role::Admin).then(|| {
                                    view! { <A href="/admin/users">{t("nav-staff-accounts")}</A> }
                                });
                                view! {
                                    <A href="/dashboard">{t("nav-dashboard")}</A>
                                    {coordinator}
                                    <A href="/manage/followups">{t("nav-followups")}</A>
                                    <A href="/manage/series">{t("nav-series")}</A>
                                    <A href="/manage/recommendations">{t("nav-recommendations")}</A>
                                    <A href="/manage/outbox">{t("nav-outbox")}</A>
                                    <A href="/manage/reports">{t("nav-reports")}</A>
                                    {admin}
                                    <span class="nav-user">{user.display_name.clone()}</span>
                                    <ActionForm action=auth.logout attr:class="inline">
                                        <button type="submit" class="btn btn-small btn-secondary">
                                            {t("nav-logout")}
                                        </button>
                                    </ActionForm>
                                }
                                    .into_any()
                            }
                            _ => view! { <A href="/login">{t("nav-login")}</A> }.into_any(),
                        }
                    })}
                </Transition>
            </nav>
            <LanguageSwitch />
        </header>
    }
}

/// Links to `/lang/{tag}`: each language named in its own script.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let current = Locale::current();
    view! {
        <ul class="lang-switch" aria-label=t("nav-language")>
            {Locale::ALL.iter().map(|l| {
                let here = *l == current;
                view! {
                    <li>
                        <a href=format!("/lang/{}", l.tag()) lang=l.tag() hreflang=l.tag()
                            aria-current=here.then_some("true")>{l.native_name()}</a>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{t("footer-text")} " " <a href="/privacy">{t("privacy-link")}</a></p>
            {(Locale::current() == Locale::Th).then(EraSwitch)}
        </footer>
    }
}

/// On Thai pages: years in the Buddhist era (2569) or the common era (2026). Plain links to
/// `/era/{be|ce}`, which remember the choice in a cookie, so it works without JavaScript.
#[component]
fn EraSwitch() -> impl IntoView {
    let be = buddhist_era();
    view! {
        <p class="era-switch">
            {t("era-label")} " "
            <a href="/era/be" aria-current=be.then_some("true")>{t("era-buddhist")}</a>
            " · "
            <a href="/era/ce" aria-current=(!be).then_some("true")>{t("era-common")}</a>
        </p>
    }
}
