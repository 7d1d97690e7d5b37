//! Staff sign-in and sign-out, and who is signed in.
pub mod api;
pub mod pages;

use domain::types::CurrentUser;
use leptos::prelude::*;

use crate::error::AppError;

/// The signed-in staff member, refreshed after each sign-in or sign-out.
#[derive(Clone, Copy)]
pub struct Auth {
    pub login: ServerAction<api::Login>,
    pub logout: ServerAction<api::Logout>,
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
}

pub fn provide_auth() {
    let login = ServerAction::<api::Login>::new();
    let logout = ServerAction::<api::Logout>::new();
    let user = Resource::new(
        move || (login.version().get(), logout.version().get()),
        |_| api::whoami(),
    );
    provide_context(Auth {
        login,
        logout,
        user,
    });
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
