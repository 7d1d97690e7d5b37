//! The event's custom questions on the registration form and the private page: plain form
//! fields (`form[answers][q{id}]`, one checkbox per option for multiple choice), so they work
//! without JavaScript and come back filled after an error.
use std::collections::BTreeMap;

use domain::question_types::{answer_key, option_key, Question};
use domain::types::QuestionKind;
use leptos::prelude::*;

use crate::components::form::{FieldError, ZawgyiNotice};
use crate::error::AppError;
use crate::i18n::t;

fn field_name(key: &str) -> String {
    format!("form[answers][{key}]")
}

fn one_question(
    q: Question,
    answers: &BTreeMap<String, String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let key = answer_key(q.id);
    let id = format!("r-{key}");
    let value = answers.get(&key).cloned().unwrap_or_default();
    let typed = value.clone();
    let label = format!("{}{}", q.label, if q.required { " *" } else { "" });
    let described = format!("{key}-error");
    let input = match q.kind {
        QuestionKind::Text => view! {
            <label for=id.clone()>{label}</label>
            <textarea id=id name=field_name(&key) rows="2" aria-describedby=described>{value}</textarea>
        }
        .into_any(),
        QuestionKind::Date => view! {
            <label for=id.clone()>{label}</label>
            <input id=id type="date" name=field_name(&key) value=value aria-describedby=described />
        }
        .into_any(),
        QuestionKind::Choice => view! {
            <label for=id.clone()>{label}</label>
            <select id=id name=field_name(&key) aria-describedby=described>
                <option value="">"—"</option>
                {q.options.iter().enumerate().map(|(i, o)| { let sel = *o == value; let text = q.option_label(i).to_owned(); view! { <option value=o.clone() selected=sel>{text}</option> } }).collect_view()}
            </select>
        }
        .into_any(),
        QuestionKind::YesNo => {
            let radio = |v: &'static str, text: String| {
                let on = value == v;
                view! { <label class="check"><input type="radio" name=field_name(&key) value=v checked=on />" " {text}</label> }
            };
            view! {
                <fieldset aria-describedby=described>
                    <legend>{label}</legend>
                    {radio("yes", t("answer-yes"))}
                    {radio("no", t("answer-no"))}
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Multi => {
            let boxes = q
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let k = option_key(q.id, i);
                    let on = answers.get(&k).is_some_and(|v| v == o);
                    let text = q.option_label(i).to_owned();
                    view! { <label class="check"><input type="checkbox" name=field_name(&k) value=o.clone() checked=on />" " {text}</label> }
                })
                .collect_view();
            view! {
                <fieldset aria-describedby=described>
                    <legend>{label}</legend>
                    {boxes}
                </fieldset>
            }
            .into_any()
        }
    };
    view! {
        <div class="field question">
            {input}
            <FieldError field=key.clone() error=error />
            <ZawgyiNotice field=key value=typed error=error />
        </div>
    }
}

/// The questions, filled with `answers` (what was typed, or what is stored).
#[component]
pub fn QuestionFields(
    questions: Vec<Question>,
    answers: BTreeMap<String, String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    (!questions.is_empty()).then(|| {
        view! {
            <h2>{t("register-questions")}</h2>
            {questions.into_iter().map(|q| one_question(q, &answers, error)).collect_view()}
        }
    })
}
