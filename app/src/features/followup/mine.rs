//! The trainee's part of the private page `/r/{token}`: the assessment before and after the
//! training, and the follow-up check-ins once they fall due. Plain forms (no JavaScript);
//! errors come back next to the question, and typed answers are kept.
use domain::followup_types::{
    AssessmentPhase, FollowupAnswerForm, MyAssessment, MyFollowup, MyTraining,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use super::api::{followup_draft, AnswerAssessment, AnswerFollowup};
use crate::components::form::ErrorFor;
use crate::i18n::{t, t_args};

/// The answers typed before a refused post, read once per page load (a draft of the page's
/// other forms is not taken: drafts are kept per form type). Create it at the top of the page,
/// not inside a `Suspend`, which may render twice and would read the draft twice.
pub fn draft_resource() -> Resource<Option<FollowupAnswerForm>> {
    let query = use_query_map();
    Resource::new(
        move || query.read().get("draft"),
        |draft| async move {
            match draft {
                Some(d) => followup_draft(d).await.ok().flatten(),
                None => None,
            }
        },
    )
}

#[component]
pub fn TrainingSection(
    token: String,
    training: MyTraining,
    draft: Resource<Option<FollowupAnswerForm>>,
) -> impl IntoView {
    let query = use_query_map();
    // The check-in a refused post came from: the field is "<name>-<months>".
    let failed_months = move || {
        query
            .read()
            .get("field")
            .and_then(|f| f.rsplit_once('-').and_then(|(_, m)| m.parse::<u8>().ok()))
    };
    let answered =
        move || query.read().get("answered").is_some() || query.read().get("assessed").is_some();
    let MyTraining {
        assessment,
        followups,
    } = training;
    view! {
        {move || answered().then(|| view! { <p class="alert alert-success" role="status">{t("my-answer-saved")}</p> })}
        {assessment.map(|a| assessment_view(token.clone(), a))}
        {(!followups.is_empty()).then(|| {
            let token = token.clone();
            view! {
                <h2>{t("my-followup")}</h2>
                <p>{t("my-followup-lead")}</p>
                <Suspense fallback=|| ()>
                    {move || {
                        let token = token.clone();
                        let followups = followups.clone();
                        Suspend::new(async move {
                            let draft = draft.await;
                            let failed = failed_months();
                            followups.into_iter().map(|f| {
                                let typed = draft.clone().filter(|_| failed == Some(f.months));
                                followup_form(token.clone(), f, typed)
                            }).collect_view()
                        })
                    }}
                </Suspense>
            }
        })}
    }
}

fn assessment_view(token: String, a: MyAssessment) -> impl IntoView {
    let MyAssessment {
        questions,
        open,
        answers,
    } = a;
    view! {
        {open.into_iter().map(|phase| {
            let p = phase.as_str();
            let title = match phase {
                AssessmentPhase::Pre => t("my-assessment-pre"),
                AssessmentPhase::Post => t("my-assessment-post"),
            };
            let done = answers.iter().any(|(ph, _, _)| *ph == phase);
            view! {
                <section class="card" id=format!("assessment-{p}")>
                    <h2>{title}</h2>
                    <p class="muted">{if done { t("my-assessment-done") } else { t("my-assessment-lead") }}</p>
                    <form method="post" action=AnswerAssessment::url() class="form" novalidate>
                        <input type="hidden" name="token" value=token.clone() />
                        <input type="hidden" name="phase" value=p />
                        {questions.iter().map(|q| {
                            let current = answers.iter().find(|(ph, id, _)| *ph == phase && *id == q.id).map(|(_, _, s)| *s);
                            let name = format!("score[{}]", q.id);
                            view! {
                                <fieldset class="field scale">
                                    <legend>{q.text.clone()} " "
                                        <span class="muted">{t_args("assessment-scale", &[("max", &q.max_score.to_string())])}</span></legend>
                                    {(0..=q.max_score).map(|n| view! {
                                        <label class="scale-point">
                                            <input type="radio" name=name.clone() value=n.to_string() checked=current == Some(n) />
                                            {n.to_string()}
                                        </label>
                                    }).collect_view()}
                                    <ErrorFor field=format!("{p}-score-{}", q.id) />
                                </fieldset>
                            }
                        }).collect_view()}
                        <ErrorFor field=format!("{p}-phase") />
                        <button type="submit" class="btn btn-primary">{t("my-assessment-submit")}</button>
                    </form>
                </section>
            }
        }).collect_view()}
    }
}

fn followup_form(token: String, f: MyFollowup, typed: Option<FollowupAnswerForm>) -> impl IntoView {
    let m = f.months;
    let heading = t_args("followup-months", &[("months", &m.to_string())]);
    let due = crate::i18n::dates().date(f.due_on);
    if !f.open {
        return view! {
            <section class="card followup-upcoming" id=format!("followup-{m}")>
                <h3>{heading}</h3>
                <p class="muted">{t_args("my-followup-upcoming", &[("date", &due)])}</p>
            </section>
        }
        .into_any();
    }
    let values = typed.or(f.answer.clone()).unwrap_or_default();
    let answered = f.answer.is_some();
    let id = |name: &str| format!("{name}-{m}");
    view! {
        <section class="card" id=format!("followup-{m}")>
            <h3>{heading}</h3>
            <p class="muted">{if answered { t("my-followup-answered") } else { t_args("my-followup-due", &[("date", &due)]) }}</p>
            <form method="post" action=AnswerFollowup::url() class="form" novalidate>
                <input type="hidden" name="token" value=token />
                <input type="hidden" name="months" value=m.to_string() />
                <div class="field">
                    <label for=id("advocacy")>{t("followup-q-advocacy")}</label>
                    <textarea id=id("advocacy") name="form[advocacy]" rows="4" required>{values.advocacy}</textarea>
                    <ErrorFor field=id("advocacy") />
                </div>
                <div class="field">
                    <label for=id("engaged_with")>{t("followup-q-engaged")}</label>
                    <textarea id=id("engaged_with") name="form[engaged_with]" rows="2">{values.engaged_with}</textarea>
                    <ErrorFor field=id("engaged_with") />
                </div>
                <div class="field">
                    <label for=id("support_needed")>{t("followup-q-support")}</label>
                    <textarea id=id("support_needed") name="form[support_needed]" rows="2">{values.support_needed}</textarea>
                    <ErrorFor field=id("support_needed") />
                </div>
                <div class="field">
                    <label class="check"><input type="checkbox" name="form[quote_consent]" value="true" checked=values.quote_consent />" " {t("followup-quote-consent")}</label>
                </div>
                <button type="submit" class="btn btn-primary">{t("my-followup-submit")}</button>
            </form>
        </section>
    }
    .into_any()
}
