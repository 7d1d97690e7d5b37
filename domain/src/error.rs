//! Business failures, named. Database errors are logged where they happen and
//! surface only as `Internal`, never with their text.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum DomainError {
    #[error("{field}: {message}")]
    Validation { field: String, message: String },
    #[error("wrong email or password")]
    InvalidCredentials,
    #[error("too many failed sign-ins; try again in {retry_after_secs} s")]
    TooManyAttempts { retry_after_secs: u64 },
    #[error("sign-in required")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("internal error")]
    Internal,
}

impl DomainError {
    pub fn validation(field: &str, message: &str) -> Self {
        Self::Validation {
            field: field.to_owned(),
            message: message.to_owned(),
        }
    }

    /// The field a validation failure names.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Validation { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The same failure naming `field` instead (for a page with several forms alike).
    pub fn renamed_field(self, field: &str) -> Self {
        match self {
            Self::Validation { message, .. } => Self::Validation {
                field: field.to_owned(),
                message,
            },
            other => other,
        }
    }

    /// The HTTP status this failure maps to (never 500 for user input).
    pub fn status_code(&self) -> u16 {
        match self {
            Self::Validation { .. } => 422,
            Self::InvalidCredentials => 401,
            // Cookie sign-in has no WWW-Authenticate challenge: an anonymous caller is simply refused.
            Self::Unauthenticated => 403,
            Self::TooManyAttempts { .. } => 429,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::Conflict(_) => 409,
            Self::Internal => 500,
        }
    }

    /// A stable code for URLs and translations (`error-<code>` in the catalogue).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Validation { .. } => "validation",
            Self::InvalidCredentials => "invalid-credentials",
            Self::TooManyAttempts { .. } => "too-many-attempts",
            Self::Unauthenticated => "unauthenticated",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not-found",
            Self::Conflict(_) => "conflict",
            Self::Internal => "internal",
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for DomainError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        Self::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::TransactionError<DomainError>> for DomainError {
    fn from(err: sea_orm::TransactionError<DomainError>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(e) => e.into(),
            sea_orm::TransactionError::Transaction(e) => e,
        }
    }
}
