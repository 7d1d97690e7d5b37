//! Sala's user interface and its server functions, grouped by feature.
#![recursion_limit = "256"]

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
    admin, attendance, auth, content, documentation, events, followup, participants, privacy,
    registration, selection,
};

/// The HTML document around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = Locale::current();
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=true />
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
        <Stylesheet id="sala" href="/pkg/sala.css" />
        <Title formatter=|page: String| format!("{page} · Sala") />
        <Router>
            <Header />
            <main class="container" id="main">
                // Async rendering: every page arrives complete (it must work without JavaScript)
                // and its status code and redirects are known before the first byte is sent.
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("") view=events::pages::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/events") view=events::detail::EventsPage ssr=SsrMode::Async />
                    <Route path=path!("/events/:slug") view=events::detail::EventPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events") view=events::manage::ManageEventsPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/new") view=events::manage::NewEventPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/participants") view=participants::pages::ParticipantsPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/import") view=participants::import_page::ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/people") view=followup::duplicates::DuplicatesPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/documentation") view=documentation::pages::DocumentationPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/questions") view=registration::questions_page::QuestionsPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/selection") view=selection::page::SelectionScreen ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/invitations") view=selection::invitations::InvitationsScreen ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/translations") view=content::page::TranslationsPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/checkin") view=attendance::checkin::CheckinPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/attendance") view=attendance::sheet::AttendancePage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/cohort") view=attendance::cohort::CohortPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug/followup") view=followup::pages::EventFollowupPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/followups") view=followup::dashboard::FollowupDashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/people/:id") view=followup::person::PersonPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/events/:slug") view=events::manage::EditEventPage ssr=SsrMode::Async />
                    <Route path=path!("/events/:slug/register") view=registration::pages::RegisterPage ssr=SsrMode::Async />
                    <Route path=path!("/i/:token") view=selection::invitations::InvitationLinkPage ssr=SsrMode::Async />
                    <Route path=path!("/r/:token") view=registration::pages::MyRegistrationPage ssr=SsrMode::Async />
                    <Route path=path!("/manage/outbox") view=registration::pages::OutboxPage ssr=SsrMode::Async />
                    <Route path=path!("/privacy") view=privacy::pages::PrivacyPage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=auth::pages::LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/dashboard") view=events::pages::DashboardPage ssr=SsrMode::Async />
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
