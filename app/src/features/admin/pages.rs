//! The admin's screen for staff accounts.
use domain::types::{Role, StaffAccount};
use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{list_staff, CreateStaff, UpdateStaff};
use super::home::HomeOrganisationSection;
use crate::components::form::{FieldError, FormError};
use crate::components::not_found::ErrorNotice;
use crate::error::AppError;
use crate::i18n::t;

#[component]
pub fn UsersPage() -> impl IntoView {
    let create = ServerAction::<CreateStaff>::new();
    let update = ServerAction::<UpdateStaff>::new();
    let accounts = Resource::new(
        move || (create.version().get(), update.version().get()),
        |_| list_staff(),
    );
    let create_error = Signal::derive(move || create.value().get().and_then(Result::err));
    let update_error = Signal::derive(move || {
        update
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.message_key())
    });

    view! {
        <Title text=t("staff-title") />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match accounts.await {
                    Ok(list) => view! {
                        <h1>{t("staff-title")}</h1>
                        <FormError key=update_error />
                        <AccountTable accounts=list update=update />
                        <h2>{t("staff-new")}</h2>
                        <NewAccountForm create=create error=create_error />
                        <HomeOrganisationSection />
                    }
                    .into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn role_options(selected: Role) -> impl IntoView {
    Role::ALL
        .iter()
        .map(|role| {
            view! {
                <option value=role.as_str() selected=*role == selected>
                    {t(&format!("role-{}", role.as_str()))}
                </option>
            }
        })
        .collect_view()
}

#[component]
fn AccountTable(accounts: Vec<StaffAccount>, update: ServerAction<UpdateStaff>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        <th>{t("field-display-name")}</th>
                        <th>{t("field-email")}</th>
                        <th>{t("field-role")}</th>
                        <th>{t("field-active")}</th>
                        <th></th>
                    </tr>
                </thead>
                <tbody>
                    {accounts
                        .into_iter()
                        .map(|a| {
                            let form_id = format!("staff-{}", a.id.0);
                            view! {
                                <tr>
                                    <td>{a.display_name.clone()}</td>
                                    <td>{a.email.clone()}</td>
                                    <td>
                                        <select name="role" form=form_id.clone() aria-label=t("field-role")>
                                            {role_options(a.role)}
                                        </select>
                                    </td>
                                    <td>
                                        <input type="checkbox" name="active" form=form_id.clone()
                                            checked=a.active aria-label=t("field-active") />
                                    </td>
                                    <td>
                                        <ActionForm action=update attr:id=form_id attr:class="inline">
                                            <input type="hidden" name="id" value=a.id.0 />
                                            <button type="submit" class="btn btn-small">{t("save")}</button>
                                        </ActionForm>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn NewAccountForm(
    create: ServerAction<CreateStaff>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let banner = Signal::derive(move || {
        error
            .get()
            .filter(|e| e.field().is_none())
            .map(|e| e.message_key())
    });
    view! {
        <ActionForm action=create attr:class="form" attr:novalidate=true>
            <FormError key=banner />
            <div class="field">
                <label for="new-name">{t("field-display-name")}</label>
                <input id="new-name" name="display_name" required />
                <FieldError field="display_name" error=error />
            </div>
            <div class="field">
                <label for="new-email">{t("field-email")}</label>
                <input id="new-email" name="email" type="email" required />
                <FieldError field="email" error=error />
            </div>
            <div class="field">
                <label for="new-password">{t("field-password")}</label>
                <input id="new-password" name="password" type="password" autocomplete="new-password" required />
                <p class="hint">{t("hint-password")}</p>
                <FieldError field="password" error=error />
            </div>
            <div class="field">
                <label for="new-role">{t("field-role")}</label>
                <select id="new-role" name="role">{role_options(Role::Staff)}</select>
                <FieldError field="role" error=error />
            </div>
            <button type="submit" class="btn btn-primary">{t("staff-create")}</button>
        </ActionForm>
    }
}
