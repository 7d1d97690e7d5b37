//! Sala's user interface and its server functions, grouped by feature.
#![recursion_limit = "256"]

pub mod assets;
pub mod components;
pub mod error;
pub mod features;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod server;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::i18n::{t, CurrentLocale, Locale};
use components::layout::{Footer, Header};
use components::not_found::NotFound;
use features::{
    admin, attendance, auth, content, documentation, events, followup, forum, interpretation,
    outbox, participants, people, privacy, registration, reports, selection, series, travel,
    workspace,
};

/// The HTML document around every page. Only a page with an island loads the wasm
/// ([`assets::page_has_islands`]); the stylesheet and scripts have content-hashed names.
pub fn shell(mut options: LeptosOptions) -> impl IntoView {
    let locale = Locale::current();
    #[cfg(feature = "ssr")]
    let (assets, islands) = {
        let path = use_context::<http::request::Parts>()
            .map(|parts| parts.uri.path().to_owned())
            .unwrap_or_default();
        // The page's scripts carry this request's nonce; the policy names it.
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            let nonce = leptos::nonce::use_nonce();
            if let Ok(value) = http::HeaderValue::from_str(&assets::csp(nonce.as_deref())) {
                res.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
            }
        }
        (
            assets::Assets::of_site(&options.site_root).clone(),
            assets::page_has_islands(&path),
        )
    };
    #[cfg(not(feature = "ssr"))]
    let (assets, islands) = (assets::Assets::unhashed(), false);
    options.output_name = assets.app.clone().into();
    if !islands {
        // What <HydrationScripts islands> does first: outside islands nothing hydrates, so the
        // page needs no hydration markers (it also stops resources being sent along).
        if let Some(sc) = Owner::current_shared_context() {
            sc.set_is_hydrating(false);
        }
    }
    provide_context(assets);
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                {islands.then(|| view! { <HydrationScripts options islands=true /> })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(Locale::current());
    auth::provide_auth();

    view! {
        <Stylesheet id="sala" href=format!("/pkg/{}", use_context::<assets::Assets>().unwrap_or_else(assets::Assets::unhashed).css) />
        <Title formatter=|page: String| format!("{page} · Sala") />
        <Router>
            <Header />
            <main class="container" id="main">
                // Async rendering: every page arrives complete (it must work without JavaScript)
                // and its status code and redirects are known before the first byte is sent.
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("") view=events::pages::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/events") view=events::list::EventsPage ssr=SsrMode::Async />
                    <Route path=path!("/events/:slug") view=events::detail::EventPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events") view=events::manage::ManageEventsPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/new") view=events::manage::NewEventPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/participants") view=participants::pages::ParticipantsPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/import") view=participants::import_page::ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/people") view=people::duplicates::DuplicatesPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/documentation") view=documentation::pages::DocumentationPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/questions") view=registration::questions_page::QuestionsPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/selection") view=selection::page::SelectionScreen ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/invitations") view=selection::invitations::InvitationsScreen ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/translations") view=content::page::TranslationsPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/checkin") view=attendance::checkin::CheckinPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/attendance") view=attendance::sheet::AttendancePage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/cohort") view=attendance::cohort::CohortPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/interpretation") view=interpretation::page::InterpretationPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/forum") view=forum::schedule::ForumSchedulePage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/delegation") view=forum::delegation::DelegationScreen ssr=SsrMode::Async />
                    <Route path=path!("/manage/recommendations") view=forum::tracker::TrackerScreen ssr=SsrMode::Async />
                    <Route path=path!("/series/:slug") view=forum::series_page::SeriesPageView ssr=SsrMode::Async />
                    <Route path=path!("/manage/series") view=series::list::SeriesListPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/series/:slug") view=series::page::SeriesAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/travel") view=travel::page::TravelPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/travel/rooms") view=travel::rooms::RoomsPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/travel/payments") view=travel::payments::PaymentsPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/followup") view=followup::pages::EventFollowupPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/followups") view=followup::dashboard::FollowupDashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/people/:id") view=people::person::PersonPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug") view=events::manage::EditEventPage ssr=SsrMode::Async />
                    <Route path=path!("/events/:slug/register") view=registration::pages::RegisterPage ssr=SsrMode::Async />
                    <Route path=path!("/i/:token") view=selection::invitations::InvitationLinkPage ssr=SsrMode::Async />
                    <Route path=path!("/r/:token") view=registration::pages::MyRegistrationPage ssr=SsrMode::Async />
                    <Route path=path!("/e/:token") view=registration::email_change::EmailChangePage ssr=SsrMode::Async />
                    <Route path=path!("/manage/outbox") view=outbox::page::OutboxPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/reports") view=reports::page::ReportsPage ssr=SsrMode::Async />
                    <Route path=path!("/privacy") view=privacy::pages::PrivacyPage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=auth::pages::LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/dashboard") view=workspace::dashboard::DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/users") view=admin::pages::UsersPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}

/// Translation shortcut used in `view!` text positions.
pub fn tr(key: &'static str) -> String {
    t(key)
}
