//! The error every server function returns: a named business failure, or a transport failure.
use domain::DomainError;
use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::codec::JsonEncoding;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error("{0}")]
    ServerFn(ServerFnErrorErr),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::ServerFn(value)
    }
}

impl AppError {
    /// The field a validation failure belongs to, so forms can show it next to that field.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Domain(DomainError::Validation { field, .. }) => Some(field),
            _ => None,
        }
    }

    /// Catalogue key of the message to show a person.
    pub fn message_key(&self) -> String {
        match self {
            AppError::Domain(DomainError::Validation { message, .. }) => format!("error-{message}"),
            AppError::Domain(e) => format!("error-{}", e.code()),
            AppError::ServerFn(_) => "error-network".to_owned(),
        }
    }
}
