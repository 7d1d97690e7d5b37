//! `/manage/events/{slug}/travel/payments`: per-diem rates, per diems added for everyone in
//! one go, travel refunds with receipt numbers, every row with its history (corrections are
//! new rows; "paid" records who and when), totals per currency, and the payment sheet to print.
use domain::money::{format as amount, CURRENCIES};
use domain::travel_types::{Basis, Payment, PaymentBook, PaymentForm, PaymentKind};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::payments_api::{
    load_payments, AddPerDiems, AddTravelPayment, MarkPaymentPaid, SetPerDiemRate,
};
use crate::components::form::ErrorFor;
use crate::components::not_found::ErrorNotice;
use crate::features::workspace::nav::WorkspaceNav;
use crate::i18n::{t, t_args, when};

fn money(minor: i64, currency: &str) -> String {
    format!("{} {currency}", amount(minor, currency))
}

fn currency_select(id: String, name: &'static str, current: &str) -> impl IntoView {
    let current = if current.is_empty() {
        "THB".to_owned()
    } else {
        current.to_owned()
    };
    view! {
        <select id=id name=name>
            {CURRENCIES.iter().map(|(c, _)| view! { <option value=*c selected=current == *c>{*c}</option> }).collect_view()}
        </select>
    }
}

#[component]
pub fn PaymentsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = Resource::new(
        move || (slug(), query.read().get("draft")),
        |(slug, draft)| load_payments(slug, draft),
    );
    let saved = move || query.read().get("saved").is_some();
    let added = move || query.read().get("added");
    view! {
        <WorkspaceNav here="travel/payments" />
        <Title text=t("travel-payments") />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((book, typed, can_edit)) => view! {
                        {saved().then(|| view! { <p class="alert alert-success" role="status">{t("payments-saved")}</p> })}
                        {added().map(|n| view! { <p class="alert alert-success" role="status">{t_args("payments-added", &[("count", &n)])}</p> })}
                        {book_view(slug(), book, typed.unwrap_or_default(), can_edit)}
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn book_view(slug: String, book: PaymentBook, typed: PaymentForm, can_edit: bool) -> impl IntoView {
    let rates = book.rates.clone();
    view! {
        <h1>{t("travel-payments")} ": " {book.event.title.clone()}</h1>
        <p class="actions">
            <a class="btn btn-secondary" href=format!("/events/{slug}/payments.pdf")>{t("payments-sheet-pdf")}</a>
            <a class="btn btn-secondary" href=format!("/events/{slug}/payments.xlsx")>{t("payments-sheet-xlsx")}</a>
            <a class="btn btn-secondary" href=format!("/manage/events/{slug}/travel")>{t("travel-title")}</a>
        </p>
        <h2>{t("payments-totals")}</h2>
        {book.groups.is_empty().then(|| view! { <p class="muted">{t("payments-none")}</p> })}
        <ul class="payment-totals">
            {book.groups.iter().map(|g| view! {
                <li data-currency=g.currency.clone()>{t_args("payments-group-total", &[("currency", &g.currency), ("total", &amount(g.total, &g.currency)), ("paid", &amount(g.paid, &g.currency))])}</li>
            }).collect_view()}
        </ul>
        <h2>{t("payments-rates")}</h2>
        <ul>
            {rates.iter().map(|r| view! {
                <li>{format!("{} · {}", money(r.daily, &r.currency), t(&format!("payments-basis-{}", r.basis.as_str())))}</li>
            }).collect_view()}
        </ul>
        {can_edit.then(|| view! {
            <form method="post" action=SetPerDiemRate::url() class="filters" novalidate>
                <input type="hidden" name="slug" value=slug.clone() />
                <div class="field"><label for="rate-currency">{t("payments-currency")}</label>{currency_select("rate-currency".into(), "form[currency]", "")}<ErrorFor field="rate-currency" /></div>
                <div class="field"><label for="rate-amount">{t("payments-rate-daily")}</label><input id="rate-amount" name="form[amount]" inputmode="decimal" /><ErrorFor field="rate-amount" /></div>
                <div class="field"><label for="rate-basis">{t("payments-basis")}</label>
                    <select id="rate-basis" name="form[basis]">
                        {[Basis::Attendance, Basis::Travel].into_iter().map(|b| view! { <option value=b.as_str()>{t(&format!("payments-basis-{}", b.as_str()))}</option> }).collect_view()}
                    </select><ErrorFor field="rate-basis" /></div>
                <button type="submit" class="btn btn-secondary">{t("payments-set-rate")}</button>
            </form>
            <form method="post" action=AddPerDiems::url() class="inline">
                <input type="hidden" name="slug" value=slug.clone() />
                <button type="submit" class="btn btn-secondary">{t("payments-add-per-diems")}</button>
            </form>
            <h2>{t("payments-add-refund")}</h2>
            <form method="post" action=AddTravelPayment::url() class="filters" novalidate>
                <input type="hidden" name="slug" value=slug.clone() />
                <div class="field"><label for="refund-person">{t("payments-person")}</label>
                    <select id="refund-person" name="form[registration_id]">
                        {book.people.iter().map(|(id, name)| { let sel = typed.registration_id == id.to_string(); view! { <option value=id.to_string() selected=sel>{name.clone()}</option> } }).collect_view()}
                    </select><ErrorFor field="registration_id" /></div>
                <div class="field"><label for="refund-currency">{t("payments-currency")}</label>{currency_select("refund-currency".into(), "form[currency]", &typed.currency)}<ErrorFor field="currency" /></div>
                <div class="field"><label for="refund-amount">{t("payments-amount")}</label><input id="refund-amount" name="form[amount]" inputmode="decimal" value=typed.amount.clone() /><ErrorFor field="amount" /></div>
                <div class="field"><label for="refund-receipt">{t("payments-receipts")}</label><input id="refund-receipt" name="form[receipt]" value=typed.receipt.clone() /><ErrorFor field="receipt" /></div>
                <button type="submit" class="btn btn-primary">{t("payments-add")}</button>
            </form>
        })}
        <h2>{t("payments-history")}</h2>
        <div class="table-scroll">
            <table class="table payments">
                <thead><tr>
                    <th>{t("payments-row")}</th><th>{t("doc-col-name")}</th><th>{t("payments-kind")}</th>
                    <th class="num">{t("payments-amount")}</th><th>{t("payments-receipts")}</th><th>{t("payments-paid")}</th><th></th>
                </tr></thead>
                <tbody>{book.payments.into_iter().map(|p| payment_row(&slug, p, can_edit)).collect_view()}</tbody>
            </table>
        </div>
    }
}

fn payment_row(slug: &str, p: Payment, can_edit: bool) -> impl IntoView {
    let id = p.id;
    let kind = match p.kind {
        PaymentKind::PerDiem => t("payments-per-diem"),
        PaymentKind::Refund => t("payments-refund"),
    };
    let days = p
        .days
        .map(|d| format!(" ({} {})", d, t("payments-days")))
        .unwrap_or_default();
    let paid = match (&p.paid_at, &p.paid_by) {
        (Some(at), who) => view! { <span>{t_args("payments-paid-by-at", &[("when", &when(*at)), ("who", who.as_deref().unwrap_or("—"))])}</span> }.into_any(),
        (None, _) => view! {
            <form method="post" action=MarkPaymentPaid::url() class="inline">
                <input type="hidden" name="slug" value=slug.to_owned() />
                <input type="hidden" name="payment_id" value=id.to_string() />
                <button type="submit" class="btn btn-small btn-primary">{t("payments-mark-paid")}</button>
            </form>
            <ErrorFor field=format!("paid-{id}") />
        }.into_any(),
    };
    let correct = (can_edit && p.corrects.is_none()).then(|| view! {
        <details>
            <summary>{t("payments-correct")}</summary>
            <form method="post" action=AddTravelPayment::url() class="filters" novalidate>
                <input type="hidden" name="slug" value=slug.to_owned() />
                <input type="hidden" name="form[corrects]" value=id.to_string() />
                <div class="field"><label for=format!("correct-{id}-amount")>{t("payments-correction-amount")}</label>
                    <input id=format!("correct-{id}-amount") name="form[amount]" inputmode="decimal" /></div>
                <div class="field"><label for=format!("correct-{id}-receipt")>{t("payments-receipts")}</label>
                    <input id=format!("correct-{id}-receipt") name="form[receipt]" /></div>
                <button type="submit" class="btn btn-small btn-secondary">{t("payments-correct")}</button>
                <ErrorFor field=format!("correct-{id}") />
            </form>
        </details>
    });
    view! {
        <tr id=format!("p{id}") data-payment=id.to_string()>
            <td>{id.to_string()} {p.corrects.map(|c| view! { <br /><span class="payment-corrects">{t_args("payments-corrects-row", &[("row", &c.to_string())])}</span> })}</td>
            <td>{p.name.clone()}</td>
            <td>{kind}{days}</td>
            <td class="num">{money(p.amount, &p.currency)}</td>
            <td>{p.receipt.clone()}</td>
            <td>{paid}</td>
            <td>{correct}</td>
        </tr>
    }
}
