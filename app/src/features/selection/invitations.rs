//! `/manage/events/{slug}/invitations` (coordinators): paste addresses to invite, and see
//! every invitation's state. `/i/{token}` (the invited): the registration form filled with
//! what the invitation knows, and a button to decline. Both work without JavaScript.
use domain::selection_types::{InvitationRow, InvitationState};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{
    invitation_page, load_invitations, DeclineInvitation, InvitationsPage, RegisterInvited,
    SendInvitations,
};
use crate::components::form::{ErrorFor, FormError};
use crate::components::not_found::ErrorNotice;
use crate::features::registration::pages::RegistrationFields;
use crate::features::registration::questions::QuestionFields;
use crate::features::workspace::nav::WorkspaceNav;
use crate::i18n::{t, t_args};

fn state_label(state: InvitationState) -> String {
    t(&format!("invitation-state-{}", state.as_str()))
}

fn row(i: InvitationRow) -> impl IntoView {
    let when = crate::i18n::when;
    view! {
        <tr>
            <td>{i.email}</td>
            <td>{i.organisation}</td>
            <td><span class=format!("status invitation-{}", i.state.as_str())>{state_label(i.state)}</span>
                {i.registered_name.map(|n| format!(" · {n}"))}</td>
            <td>{when(i.sent_at)}</td>
            <td>{i.responded_at.map(when)}</td>
        </tr>
    }
}

fn coordinators_page(
    data: InvitationsPage,
    sent: Option<(String, String, String)>,
) -> impl IntoView {
    let send = ServerAction::<SendInvitations>::new();
    let slug = data.event.slug.clone();
    let typed = data.draft.map(|d| d.lines).unwrap_or_default();
    let empty = data.invitations.is_empty();
    view! {
        <Title text=t("invitations-title") />
        <h1>{t("invitations-title")} ": " {data.event.title.clone()}</h1>
        {sent.map(|(s, r, k)| view! {
            <p class="alert alert-success" role="status">
                {t_args("invitations-sent", &[("sent", &s), ("resent", &r), ("skipped", &k)])}
            </p>
        })}
        <p class="actions">
            <a class="btn btn-secondary" href=format!("/manage/events/{slug}/selection")>{t("selection-title")}</a>
        </p>
        <ActionForm action=send attr:class="form">
            <input type="hidden" name="slug" value=slug.clone() />
            <div class="field">
                <label for="invite-lines">{t("invitations-lines")}</label>
                <textarea id="invite-lines" name="form[lines]" rows="6">{typed}</textarea>
                <p class="hint">{t("invitations-lead")}</p>
                <ErrorFor field="lines" />
            </div>
            <button type="submit" class="btn btn-primary">{t("invitations-send")}</button>
        </ActionForm>
        {empty.then(|| view! { <p class="empty">{t("invitations-empty")}</p> })}
        <div class="table-wrap"><table class="table">
            <thead><tr>
                <th>{t("field-email")}</th><th>{t("field-organisation")}</th><th>{t("field-status")}</th>
                <th>{t("invitations-sent-at")}</th><th>{t("invitations-answered-at")}</th>
            </tr></thead>
            <tbody>{data.invitations.into_iter().map(row).collect_view()}</tbody>
        </table></div>
    }
}

#[component]
pub fn InvitationsScreen() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                query.read().get("draft"),
            )
        },
        |(slug, draft)| load_invitations(slug, draft),
    );
    view! {
        <WorkspaceNav here="invitations" />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                let sent = {
                    let q = query.read();
                    q.get("sent").map(|s| (s, q.get("resent").unwrap_or_default(), q.get("skipped").unwrap_or_default()))
                };
                match data.await {
                    Ok(d) => coordinators_page(d, sent).into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The invitation link's page.
#[component]
pub fn InvitationLinkPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let page = Resource::new(
        move || (token(), query.read().get("draft")),
        |(token, draft)| invitation_page(token, draft),
    );
    let register = ServerAction::<RegisterInvited>::new();
    let decline = ServerAction::<DeclineInvitation>::new();
    let error = Signal::derive(move || register.value().get().and_then(Result::err));
    let banner = Signal::derive(move || match error.get() {
        Some(e) => Some(e.message_key()),
        None => {
            let q = query.read();
            q.get("error").map(|code| match q.get("message") {
                Some(m) => format!("error-{m}"),
                None => format!("error-{code}"),
            })
        }
    });
    view! {
        <Title text=t("invitation-title") />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(data) => {
                        let inv = data.invitation;
                        let event = inv.event.title.clone();
                        let lead = if inv.organisation.is_empty() {
                            t_args("invitation-lead", &[("event", &event)])
                        } else {
                            t_args("invitation-lead-organisation", &[("event", &event), ("organisation", &inv.organisation)])
                        };
                        let body = match inv.state {
                            InvitationState::Declined => view! { <p class="alert alert-info" role="status">{t("invitation-declined")}</p> }.into_any(),
                            InvitationState::Registered => view! { <p class="alert alert-info" role="status">{t("invitation-registered")}</p> }.into_any(),
                            InvitationState::Sent => view! {
                                <p class="lead">{lead}</p>
                                <p>{format!("{} – {} · {}", inv.event.local_start, inv.event.local_end, inv.event.city)}</p>
                                <ActionForm action=register attr:class="form" attr:novalidate=true>
                                    <FormError key=banner />
                                    <input type="hidden" name="token" value=token() />
                                    <RegistrationFields form=data.form.clone() countries=data.countries regions=data.regions error=error with_consent=true />
                                    <QuestionFields questions=data.questions answers=data.form.answers error=error />
                                    <p class="hint">{t("register-required-note")} " " <a href="/privacy">{t("privacy-link")}</a></p>
                                    <button type="submit" class="btn btn-primary">{t("invitation-register")}</button>
                                </ActionForm>
                                <h2>{t("invitation-decline")}</h2>
                                <ActionForm action=decline>
                                    <input type="hidden" name="token" value=token() />
                                    <button type="submit" class="btn btn-danger">{t("invitation-decline")}</button>
                                </ActionForm>
                            }.into_any(),
                        };
                        view! { <h1>{t("invitation-title")} ": " {event.clone()}</h1> {body} }.into_any()
                    }
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
