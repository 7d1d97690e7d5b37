//! `/manage/events/{slug}/selection`: every application with the person's details and
//! answers, each reviewer's score and comment and the average (best first), the running
//! counts against the coordinator's targets, and accept / reserve / reject for the ticked
//! people. Plain HTML forms: the checkboxes belong to the decision form through their `form`
//! attribute, so each row can also hold the reviewer's own score form. A big call's list is
//! paged ([`PAGE`] applications a page, best first, `?page=`); the counts are over everyone.
use domain::selection_types::{
    format_average, pick_key, target_field, Applicant, Decision, ReviewForm, TargetCount,
    TargetDimension, TargetsForm, MAX_SCORE,
};
use domain::types::{Gender, Sector};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{load_selection, DecideApplications, SaveReview, SaveTargets, SelectionPage};
use crate::components::form::ErrorFor;
use crate::components::not_found::ErrorNotice;
use crate::components::pager::{pager, Paging};
use crate::features::workspace::nav::WorkspaceNav;
use crate::i18n::{t, t_args};

/// Applications in one page of the list.
pub const PAGE: usize = 100;

/// A gender or sector value in the reader's language; a country as named.
fn value_label(dimension: TargetDimension, value: &str, label: &str) -> String {
    match dimension {
        TargetDimension::Country => label.to_owned(),
        TargetDimension::Gender => t(&format!("gender-{value}")),
        TargetDimension::Sector => t(&format!("sector-{value}")),
    }
}

fn dimension_label(dimension: TargetDimension) -> String {
    match dimension {
        TargetDimension::Country => t("field-country"),
        TargetDimension::Gender => t("field-gender"),
        TargetDimension::Sector => t("field-sector"),
    }
}

fn counts_table(counts: &[TargetCount]) -> impl IntoView {
    let rows = counts
        .iter()
        .map(|c| {
            let short = c.target.is_some_and(|t| c.accepted < u64::try_from(t).unwrap_or(0));
            view! {
                <tr class=if short { "below-target" } else { "" }>
                    <td>{dimension_label(c.dimension)}</td>
                    <td>{value_label(c.dimension, &c.value, &c.label)}</td>
                    <td class="num">{c.target.map(|t| t.to_string()).unwrap_or_else(|| "—".into())}</td>
                    <td class="num">{c.accepted}</td>
                    <td class="num">{c.applied}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap"><table class="table targets">
            <thead><tr>
                <th></th><th></th><th>{t("selection-target")}</th>
                <th>{t("selection-accepted")}</th><th>{t("selection-applied")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
    }
}

/// The targets form: a number per gender and sector, per country seen or targeted, and one
/// more country by its code.
fn targets_form(slug: String, counts: &[TargetCount], typed: Option<TargetsForm>) -> impl IntoView {
    let save = ServerAction::<SaveTargets>::new();
    let current = |d: TargetDimension, v: &str| -> String {
        let key = format!("{}:{v}", d.as_str());
        match &typed {
            Some(f) => f.targets.get(&key).cloned().unwrap_or_default(),
            None => counts
                .iter()
                .find(|c| c.dimension == d && c.value == v)
                .and_then(|c| c.target)
                .map(|n| n.to_string())
                .unwrap_or_default(),
        }
    };
    let mut countries: Vec<(String, String)> = counts
        .iter()
        .filter(|c| c.dimension == TargetDimension::Country)
        .map(|c| (c.value.clone(), c.label.clone()))
        .collect();
    countries.sort_by(|a, b| a.1.cmp(&b.1));
    let mut items: Vec<(TargetDimension, String, String)> = countries
        .into_iter()
        .map(|(v, l)| (TargetDimension::Country, v, l))
        .collect();
    items.extend(Gender::ALL.iter().map(|g| {
        (
            TargetDimension::Gender,
            g.as_str().to_owned(),
            t(&format!("gender-{}", g.as_str())),
        )
    }));
    items.extend(Sector::ALL.iter().map(|s| {
        (
            TargetDimension::Sector,
            s.as_str().to_owned(),
            t(&format!("sector-{}", s.as_str())),
        )
    }));
    let inputs = items
        .into_iter()
        .map(|(d, v, label)| {
            let field = target_field(d, &v);
            let value = current(d, &v);
            view! {
                <div class="field target">
                    <label for=field.clone()>{dimension_label(d)} ": " {label}</label>
                    <input id=field.clone() name=format!("form[targets][{}:{v}]", d.as_str())
                        type="number" min="0" max="10000" size="4" value=value />
                    <ErrorFor field=field />
                </div>
            }
        })
        .collect_view();
    let (new_country, new_target) = typed
        .map(|f| (f.new_country, f.new_country_target))
        .unwrap_or_default();
    view! {
        <ActionForm action=save attr:class="form targets-form">
            <input type="hidden" name="slug" value=slug />
            <p class="hint">{t("selection-targets-hint")}</p>
            <ErrorFor field="targets" />
            <div class="field-row wrap">{inputs}</div>
            <div class="field-row">
                <div class="field">
                    <label for="new_country">{t("selection-other-country")}</label>
                    <input id="new_country" name="form[new_country]" size="3" maxlength="2" value=new_country />
                    <ErrorFor field="new_country" />
                </div>
                <div class="field">
                    <label for="new_country_target">{t("selection-target")}</label>
                    <input id="new_country_target" name="form[new_country_target]" type="number" min="0" size="4" value=new_target />
                    <ErrorFor field="new_country_target" />
                </div>
            </div>
            <button type="submit" class="btn btn-secondary">{t("selection-save-targets")}</button>
        </ActionForm>
    }
}

/// The caller's own score form for one application.
fn review_form(slug: String, id: i64, mine: ReviewForm) -> impl IntoView {
    let save = ServerAction::<SaveReview>::new();
    let field = move |f: &str| format!("review-{id}-{f}");
    let options = (1..=MAX_SCORE)
        .map(|s| {
            let selected = mine.score == s.to_string();
            view! { <option value=s selected=selected>{s}</option> }
        })
        .collect_view();
    view! {
        <ActionForm action=save attr:class="review-form">
            <input type="hidden" name="slug" value=slug />
            <input type="hidden" name="registration_id" value=id />
            <label for=field("score")>{t("selection-my-score")}</label>
            <select id=field("score") name="form[score]">
                <option value="">"—"</option>
                {options}
            </select>
            <ErrorFor field=field("score") />
            <label for=field("comment")>{t("selection-comment")}</label>
            <textarea id=field("comment") name="form[comment]" rows="2">{mine.comment}</textarea>
            <ErrorFor field=field("comment") />
            <button type="submit" class="btn btn-secondary">{t("selection-save-review")}</button>
        </ActionForm>
    }
}

fn applicant_row(
    slug: &str,
    a: Applicant,
    me: i64,
    can_decide: bool,
    ticked: bool,
    typed: Option<ReviewForm>,
) -> impl IntoView {
    let id = a.registration_id;
    let mine = typed.unwrap_or_else(|| {
        a.reviews
            .iter()
            .find(|r| r.reviewer_id == me)
            .map(|r| ReviewForm {
                score: r.score.to_string(),
                comment: r.comment.clone(),
            })
            .unwrap_or_default()
    });
    let reviews = a
        .reviews
        .iter()
        .map(|r| {
            let comment = (!r.comment.is_empty()).then(|| format!(" – {}", r.comment));
            view! { <li><strong>{r.reviewer.clone()} ": " {r.score}</strong>{comment}</li> }
        })
        .collect_view();
    let answers = a
        .answers
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(q, v)| view! { <li><span class="muted">{q} ": "</span>{v}</li> })
        .collect_view();
    let gender = (!a.gender.is_empty()).then(|| t(&format!("gender-{}", a.gender)));
    let sector = (!a.sector.is_empty()).then(|| t(&format!("sector-{}", a.sector)));
    view! {
        <tr id=format!("a-{id}")>
            {can_decide.then(|| view! {
                <td><input type="checkbox" form="decide" name=format!("form[picked][{}]", pick_key(id))
                    checked=ticked aria-label=a.name_latin.clone() /></td>
            })}
            <td>
                <strong>{a.name_latin.clone()}</strong>
                {(!a.name_native.is_empty()).then(|| view! { <br /><span>{a.name_native.clone()}</span> })}
                <br /><span class="muted">{a.position.clone()}</span>
            </td>
            <td>{a.organisation.clone()}</td>
            <td>{a.country.clone()}</td>
            <td>{gender}</td>
            <td>{sector}</td>
            <td><span class=format!("status status-{}", a.status.as_str())>{t(&format!("reg-status-{}", a.status.as_str()))}</span></td>
            <td><ul class="plain">{answers}</ul></td>
            <td><ul class="plain">{reviews}</ul></td>
            <td class="num">{a.average_x100.map(format_average).unwrap_or_else(|| "—".into())}</td>
            <td>{review_form(slug.to_owned(), id, mine)}</td>
        </tr>
    }
}

fn page(data: SelectionPage, decided: Option<String>, asked: Option<String>) -> impl IntoView {
    let SelectionPage {
        view: v,
        me,
        can_decide,
        review_draft,
        targets_draft,
        decision_draft,
    } = data;
    let slug = v.event.slug.clone();
    let decide = ServerAction::<DecideApplications>::new();
    let places = match v.capacity {
        Some(c) => t_args(
            "selection-places",
            &[
                ("confirmed", &v.confirmed.to_string()),
                ("capacity", &c.to_string()),
            ],
        ),
        None => t_args(
            "selection-places-open",
            &[("confirmed", &v.confirmed.to_string())],
        ),
    };
    let ticked = |id: i64| {
        decision_draft
            .as_ref()
            .is_some_and(|d| d.picked.contains_key(&pick_key(id)))
    };
    let notify = decision_draft.as_ref().is_none_or(|d| d.notify.is_some());
    let chosen = decision_draft
        .as_ref()
        .map(|d| d.decision.clone())
        .unwrap_or_default();
    let empty = v.applicants.is_empty();
    let paging = Paging::new(asked.as_deref(), PAGE, v.applicants.len());
    let pages = pager(paging, &format!("/manage/events/{slug}/selection"), "");
    let rows = paging
        .slice(v.applicants)
        .into_iter()
        .map(|a| {
            let typed = review_draft
                .as_ref()
                .filter(|d| d.registration_id == a.registration_id)
                .map(|d| d.form.clone());
            let tick = ticked(a.registration_id);
            applicant_row(&slug, a, me, can_decide, tick, typed)
        })
        .collect_view();
    let decisions = Decision::ALL
        .iter()
        .map(|d| {
            let selected = chosen == d.as_str();
            view! { <option value=d.as_str() selected=selected>{t(&format!("decision-{}", d.as_str()))}</option> }
        })
        .collect_view();
    let decide_form = can_decide.then(|| {
        let slug = slug.clone();
        view! {
            <ActionForm action=decide attr:id="decide" attr:class="form decide-form">
                <input type="hidden" name="slug" value=slug.clone() />
                <ErrorFor field="picked" />
                <div class="field-row">
                    <div class="field">
                        <label for="decision">{t("selection-decision")}</label>
                        <select id="decision" name="form[decision]">{decisions}</select>
                        <ErrorFor field="decision" />
                    </div>
                    <div class="field check">
                        <label><input type="checkbox" name="form[notify]" checked=notify />" " {t("selection-notify")}</label>
                    </div>
                    <button type="submit" class="btn btn-primary">{t("selection-apply")}</button>
                </div>
            </ActionForm>
        }
    });
    let targets = can_decide.then(|| {
        view! {
            <h2>{t("selection-set-targets")}</h2>
            {targets_form(slug.clone(), &v.counts, targets_draft)}
        }
    });
    let counts = counts_table(&v.counts);
    view! {
        <Title text=t("selection-title") />
        <h1>{t("selection-title")} ": " {v.event.title.clone()}</h1>
        <p class="lead">{t("selection-lead")}</p>
        <p><strong>{places}</strong></p>
        {decided.map(|n| view! { <p class="alert alert-success" role="status">{t_args("selection-decided", &[("count", &n)])}</p> })}
        <p class="actions">
            <a class="btn btn-secondary" href=format!("/manage/events/{slug}/participants")>{t("participants-title")}</a>
            {can_decide.then(|| view! { <a class="btn btn-secondary" href=format!("/manage/events/{slug}/invitations")>{t("invitations-title")}</a> })}
        </p>
        <h2>{t("selection-targets")}</h2>
        {counts}
        {decide_form}
        {empty.then(|| view! { <p class="empty">{t("selection-empty")}</p> })}
        <div class="table-wrap"><table class="table selection">
            <thead><tr>
                {can_decide.then(|| view! { <th>{t("selection-pick")}</th> })}
                <th>{t("field-name-latin")}</th><th>{t("field-organisation")}</th>
                <th>{t("field-country")}</th><th>{t("field-gender")}</th><th>{t("field-sector")}</th>
                <th>{t("field-status")}</th><th>{t("selection-answers")}</th>
                <th>{t("selection-reviews")}</th><th>{t("selection-average")}</th><th>{t("selection-my-score")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
        {pages}
        {targets}
    }
}

#[component]
pub fn SelectionScreen() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                query.read().get("draft"),
            )
        },
        |(slug, draft)| load_selection(slug, draft),
    );
    view! {
        <WorkspaceNav here="selection" />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                let decided = query.read().get("decided");
                let asked = query.read().get("page");
                match data.await {
                    Ok(d) => page(d, decided, asked).into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
