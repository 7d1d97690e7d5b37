//! Correcting a tracker row: each of its own steps with a form to change its day, status and
//! note and a plain form to remove it; each body it is addressed to with its detail and the
//! same two forms. Plain posts (no JavaScript needed); a refusal comes back with its message
//! next to the field, the step's (or body's) forms left open.
use domain::forum_types::{Body, StatusStep, StepForm, TrackingStatus};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::api::{
    EditRecommendationBody, EditRecommendationStep, RemoveRecommendationBody,
    RemoveRecommendationStep,
};
use crate::components::form::ErrorFor;
use crate::i18n::t;

/// What a refused post sent back: the field it named, and the step form or the body's
/// detail as typed.
#[derive(Clone, Copy, Default)]
pub struct Refused<'a> {
    pub field: Option<&'a str>,
    pub typed: Option<&'a StepForm>,
    pub detail: Option<&'a str>,
}

fn hidden(id: i64, name: &'static str, value: i64, back: &str) -> impl IntoView {
    view! {
        <input type="hidden" name="id" value=id.to_string() />
        <input type="hidden" name=name value=value.to_string() />
        <input type="hidden" name="query" value=back.to_owned() />
    }
}

/// The forms of step `s` of row `id`: open, with what was typed, when a refused post named
/// one of its fields.
pub fn step_forms(id: i64, s: &StatusStep, back: &str, refused: Refused<'_>) -> impl IntoView {
    let sid = s.id;
    let field = move |name: &str| format!("step-{sid}-{name}");
    let open = refused
        .field
        .is_some_and(|f| f.starts_with(&format!("step-{sid}-")));
    let typed = refused.typed.filter(|_| open);
    let status = typed.map_or(s.status.as_str(), |f| f.status.as_str());
    let noted_on = typed.map_or(s.noted_on.to_string(), |f| f.noted_on.clone());
    let note = typed.map_or(s.note.clone(), |f| f.note.clone());
    let carried = s.status == TrackingStatus::Carried;
    // A carry's step keeps its status; no other step becomes one.
    let choices: Vec<TrackingStatus> = TrackingStatus::ALL
        .iter()
        .copied()
        .filter(|c| (*c == TrackingStatus::Carried) == carried)
        .collect();
    let input_id = |name: &str| format!("st-{sid}-{name}");
    view! {
        <details class="step-edit" open=open>
            <summary>{t("tracker-edit-step")}</summary>
            <form method="post" action=EditRecommendationStep::url() class="filters" novalidate>
                {hidden(id, "step", sid, back)}
                <div class="field">
                    <label for=input_id("status")>{t("tracker-status")}</label>
                    <select id=input_id("status") name="form[status]">
                        {choices.into_iter().map(|c| view! { <option value=c.as_str() selected=c.as_str() == status>{t(&format!("tracking-{}", c.as_str()))}</option> }).collect_view()}
                    </select>
                    <ErrorFor field=field("status") />
                </div>
                <div class="field">
                    <label for=input_id("noted_on")>{t("tracker-noted-on")}</label>
                    <input id=input_id("noted_on") type="date" name="form[noted_on]" value=noted_on />
                    <ErrorFor field=field("noted_on") />
                </div>
                <div class="field">
                    <label for=input_id("note")>{t("tracker-note")}</label>
                    <input id=input_id("note") name="form[note]" value=note />
                    <ErrorFor field=field("note") />
                </div>
                <button type="submit" class="btn btn-small">{t("tracker-save-step")}</button>
            </form>
            <form method="post" action=RemoveRecommendationStep::url() class="inline-form">
                {hidden(id, "step", sid, back)}
                <button type="submit" class="btn btn-small btn-secondary">{t("tracker-remove-step")}</button>
                <ErrorFor field=field("step") />
            </form>
        </details>
    }
}

/// The bodies row `id` is addressed to, each with forms to change its detail or remove it.
pub fn body_forms(
    id: i64,
    bodies: &[(Body, String)],
    body_ids: &[i64],
    back: &str,
    refused: Refused<'_>,
) -> impl IntoView {
    let failed = refused.field;
    let rows = bodies.iter().zip(body_ids).map(|((body, detail), bid)| {
        let bid = *bid;
        let input_id = format!("bd-{bid}");
        let label = t(&format!("body-{}", body.as_str()));
        let open = failed.is_some_and(|f| f == format!("body-{bid}-detail"));
        // The refused detail as typed, in the form the refusal names; the stored one elsewhere.
        let typed = refused.detail.filter(|_| open).unwrap_or(detail.as_str()).to_owned();
        view! {
            <li>
                <details class="body-edit" open=open>
                    <summary>{label} {(!detail.is_empty()).then(|| format!(" ({detail})"))}</summary>
                    <form method="post" action=EditRecommendationBody::url() class="filters" novalidate>
                        {hidden(id, "body", bid, back)}
                        <div class="field">
                            <label for=input_id.clone()>{t("tracker-body-detail")}</label>
                            <input id=input_id name="detail" value=typed />
                            <ErrorFor field=format!("body-{bid}-detail") />
                        </div>
                        <button type="submit" class="btn btn-small">{t("tracker-save-body")}</button>
                    </form>
                    <form method="post" action=RemoveRecommendationBody::url() class="inline-form">
                        {hidden(id, "body", bid, back)}
                        <button type="submit" class="btn btn-small btn-secondary">{t("tracker-remove-body")}</button>
                    </form>
                </details>
            </li>
        }
    });
    (!bodies.is_empty()).then(|| {
        view! {
            <p class="muted">{t("tracker-addressed-to")}</p>
            <ul class="tracked-bodies">{rows.collect_view()}</ul>
        }
    })
}
