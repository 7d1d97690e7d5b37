//! `/manage/events/{slug}/followup`: the assessment questions and the follow-up plan
//! (coordinators change them) and every trainee's check-ins with their answers, a note per
//! check-in and a button that e-mails a fresh link. Plain forms: no JavaScript needed.
use domain::followup_types::{AssessmentQuestionForm, EventFollowup, FollowupItem};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::*;
use crate::components::form::ErrorFor;
use crate::components::not_found::ErrorNotice;
use crate::features::attendance::common::attendance_links;
use crate::features::workspace::nav::WorkspaceNav;
use crate::i18n::{t, t_args};

#[component]
pub fn EventFollowupPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = Resource::new(
        move || (slug(), query.read().get("draft")),
        |(slug, draft)| load_event_followup(slug, draft),
    );
    let saved = move || query.read().get("saved");
    view! {
        <WorkspaceNav here="followup" />
        <Title text=t("followup-title") />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! {
                        {saved().map(|_| view! { <p class="alert alert-success" role="status">{t("followup-saved")}</p> })}
                        {page(slug(), data)}
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn page(slug: String, data: FollowupPageData) -> impl IntoView {
    let FollowupPageData {
        page,
        can_edit,
        question,
    } = data;
    let EventFollowup {
        event,
        questions,
        plan,
        items,
    } = page;
    let plan_text = plan
        .0
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <h1>{t("followup-title")} ": " {event.title.clone()}</h1>
        {attendance_links(&slug, "")}
        <section class="card">
            <h2>{t("followup-plan")}</h2>
            <p>{if plan.0.is_empty() {
                t("followup-plan-none")
            } else {
                t_args("followup-plan-text", &[("months", &plan_text), ("last", &event.local_end)])
            }}</p>
            {can_edit.then(|| view! {
                <form method="post" action=SetFollowupPlan::url() class="filters" novalidate>
                    <input type="hidden" name="slug" value=slug.clone() />
                    <div class="field">
                        <label for="followup-months">{t("followup-plan-field")}</label>
                        <input id="followup-months" name="months" value=plan_text.clone() placeholder="1, 3, 6" size="12" />
                        <ErrorFor field="followup_months" />
                    </div>
                    <button type="submit" class="btn btn-secondary">{t("save")}</button>
                </form>
            })}
        </section>
        <section class="card">
            <h2>{t("assessment-title")}</h2>
            <p class="muted">{t("assessment-lead")}</p>
            {questions_view(&slug, questions, can_edit, question)}
        </section>
        <h2>{t("followup-checkins")}</h2>
        {if items.is_empty() {
            view! { <p class="empty">{t("followup-no-checkins")}</p> }.into_any()
        } else {
            checkins_table(&slug, items).into_any()
        }}
    }
}

fn questions_view(
    slug: &str,
    questions: Vec<domain::followup_types::AssessmentQuestion>,
    can_edit: bool,
    draft: AssessmentQuestionForm,
) -> impl IntoView {
    let max = if draft.max_score.is_empty() {
        "5".to_owned()
    } else {
        draft.max_score.clone()
    };
    view! {
        {if questions.is_empty() {
            view! { <p class="empty">{t("assessment-none")}</p> }.into_any()
        } else {
            view! {
                <ol class="assessment-questions">
                    {questions.into_iter().map(|q| view! {
                        <li>
                            {q.text.clone()} " "
                            <span class="muted">{t_args("assessment-scale", &[("max", &q.max_score.to_string())])}</span>
                            {can_edit.then(|| view! {
                                <form method="post" action=DeleteAssessmentQuestion::url() class="inline-form">
                                    <input type="hidden" name="slug" value=slug.to_owned() />
                                    <input type="hidden" name="question_id" value=q.id.to_string() />
                                    <button type="submit" class="btn btn-small btn-danger">{t("doc-delete")}</button>
                                </form>
                            })}
                        </li>
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        {can_edit.then(|| view! {
            <form method="post" action=AddAssessmentQuestion::url() class="form" novalidate>
                <input type="hidden" name="slug" value=slug.to_owned() />
                <div class="field">
                    <label for="question-text">{t("assessment-question")}</label>
                    <input id="question-text" name="form[text]" value=draft.text.clone() maxlength="500" />
                    <ErrorFor field="text" />
                </div>
                <div class="field">
                    <label for="question-max">{t("assessment-max")}</label>
                    <input id="question-max" name="form[max_score]" type="number" min="2" max="10" value=max size="3" />
                    <ErrorFor field="max_score" />
                </div>
                <button type="submit" class="btn btn-secondary">{t("assessment-add")}</button>
            </form>
        })}
    }
}

/// A check-in's state as a coloured label.
pub fn state_badge(item: &FollowupItem) -> impl IntoView {
    let state = item.state.as_str();
    view! { <span class=format!("status followup-{state}")>{t(&format!("followup-state-{state}"))}</span> }
}

/// The trainee's answers, or a dash.
pub fn answer_view(item: &FollowupItem) -> impl IntoView {
    item.answer.clone().map(|a| {
        view! {
            <dl class="followup-answer">
                <dt>{t("followup-q-advocacy")}</dt><dd>{a.advocacy}</dd>
                <dt>{t("followup-q-engaged")}</dt><dd>{a.engaged_with}</dd>
                <dt>{t("followup-q-support")}</dt><dd>{a.support_needed}</dd>
                {a.quote_consent.then(|| view! { <dd class="muted">{t("followup-may-quote")}</dd> })}
            </dl>
        }
    })
}

fn checkins_table(slug: &str, items: Vec<FollowupItem>) -> impl IntoView {
    view! {
        <div class="table-wrap"><table class="table followup-table">
            <thead><tr>
                <th>{t("field-name-latin")}</th><th>{t("followup-checkin")}</th><th>{t("followup-state")}</th>
                <th>{t("followup-answers")}</th><th>{t("followup-note")}</th>
            </tr></thead>
            <tbody>
                {items.into_iter().map(|item| {
                    let anchor = format!("r{}-{}", item.registration_id, item.months);
                    let field = format!("note-{}-{}", item.registration_id, item.months);
                    let note_id = format!("note-{anchor}");
                    view! {
                        <tr id=anchor.clone()>
                            <td>
                                <a href=format!("/manage/people/{}", item.person_id)>{item.name_latin.clone()}</a>
                                <br /><span class="muted">{item.name_native.clone()}</span>
                                <br /><span class="muted">{item.organisation.clone()}</span>
                            </td>
                            <td>{t_args("followup-months", &[("months", &item.months.to_string())])}
                                <br /><span class="muted">{crate::i18n::dates().date(item.due_on)}</span></td>
                            <td>{state_badge(&item)}
                                {item.reminded_at.map(|at| view! { <br /><span class="muted">{t("followup-reminded")} " " {crate::i18n::dates().date(at.date_naive())}</span> })}
                            </td>
                            <td>{answer_view(&item)}</td>
                            <td>
                                <form method="post" action=SaveFollowupNote::url() class="note-form" novalidate>
                                    <input type="hidden" name="slug" value=slug.to_owned() />
                                    <input type="hidden" name="registration_id" value=item.registration_id.to_string() />
                                    <input type="hidden" name="months" value=item.months.to_string() />
                                    <label class="visually-hidden" for=note_id.clone()>{t("followup-note")}</label>
                                    <textarea id=note_id name="note" rows="2">{item.staff_note.clone()}</textarea>
                                    <ErrorFor field=field />
                                    <button type="submit" class="btn btn-small btn-secondary">{t("followup-save-note")}</button>
                                </form>
                                {item.has_email.then(|| view! {
                                    <form method="post" action=SendFollowupLink::url() class="inline-form">
                                        <input type="hidden" name="slug" value=slug.to_owned() />
                                        <input type="hidden" name="registration_id" value=item.registration_id.to_string() />
                                        <input type="hidden" name="months" value=item.months.to_string() />
                                        <button type="submit" class="btn btn-small btn-secondary">{t("followup-send-link")}</button>
                                    </form>
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table></div>
    }
}
