//! Invitations: coordinators paste e-mail addresses (a person's, or an organisation's with
//! its name) and each gets its own link by e-mail. The link opens the registration form with
//! the address filled in; registering through it works whatever the event's mode and
//! visibility (an invitation-only event takes no other registrations), and declining through
//! it is recorded too. Only the SHA-256 of a link's token is stored.
use chrono::{DateTime, Utc};
use entities::{events, invitations, people, registrations};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use crate::registration_types::{RegistrationForm, RegistrationReceipt};
use crate::selection_types::{
    check_invites, InvitationRow, InvitationState, InvitationView, InviteForm, InviteOutcome,
};
use crate::service::auth;
use crate::service::events::to_summary;
use crate::service::outbox;
use crate::service::registration::messages;
use crate::types::{EventId, UserId};
use crate::DomainError;

/// Whether the event takes registrations only through invitations.
pub async fn invitation_only(
    db: &impl ConnectionTrait,
    event: EventId,
) -> Result<bool, DomainError> {
    let event = events::Entity::find_by_id(event.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok(event.registration_mode == crate::types::RegistrationMode::Invitation.as_str())
}

/// `{base_url}/i/{token}`.
pub fn invitation_link(base_url: &str, token: &str) -> String {
    format!("{}/i/{token}", base_url.trim_end_matches('/'))
}

/// E-mails an invitation to every address in `form`. An address invited before and not
/// answered gets a new link (the old one stops working); one that registered or declined
/// is skipped. All in one transaction with their e-mails.
pub async fn invite<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    event: EventId,
    form: &InviteForm,
    by: UserId,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<InviteOutcome, DomainError> {
    let lines = check_invites(form)?;
    let txn = crate::service::db::begin_write(db).await?;
    let event = events::Entity::find_by_id(event.0)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let mut outcome = InviteOutcome::default();
    for (email, organisation) in lines {
        let token = auth::new_token();
        let hash = auth::token_hash(&token);
        let known = invitations::Entity::find()
            .filter(invitations::Column::EventId.eq(event.id))
            .filter(invitations::Column::Email.eq(email.as_str()))
            .one(&txn)
            .await?;
        let organisation = match known {
            Some(old) if old.status != InvitationState::Sent.as_str() => {
                outcome.skipped += 1;
                continue;
            }
            Some(old) => {
                let organisation = if organisation.is_empty() {
                    old.organisation.clone()
                } else {
                    organisation
                };
                let mut model: invitations::ActiveModel = old.into();
                model.token_hash = Set(hash);
                model.organisation = Set(organisation.clone());
                model.invited_by = Set(Some(by.0));
                model.created_at = Set(now);
                model.update(&txn).await?;
                outcome.resent += 1;
                organisation
            }
            None => {
                invitations::ActiveModel {
                    event_id: Set(event.id),
                    email: Set(email.clone()),
                    organisation: Set(organisation.clone()),
                    token_hash: Set(hash),
                    status: Set(InvitationState::Sent.as_str().to_owned()),
                    invited_by: Set(Some(by.0)),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                outcome.sent += 1;
                organisation
            }
        };
        let mail = messages::invited(
            invitation_locale(&event),
            &event,
            &organisation,
            &invitation_link(base_url, &token),
        )?;
        outbox::queue(&txn, &email, &mail.subject, &mail.body, mail.calendar, now).await?;
    }
    txn.commit().await?;
    Ok(outcome)
}

/// The event's invitations, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    event: EventId,
) -> Result<Vec<InvitationRow>, DomainError> {
    let found = invitations::Entity::find()
        .filter(invitations::Column::EventId.eq(event.0))
        .order_by_desc(invitations::Column::CreatedAt)
        .order_by_desc(invitations::Column::Id)
        .all(db)
        .await?;
    let mut rows = Vec::with_capacity(found.len());
    for i in found {
        let registered_name = match i.registration_id {
            Some(id) => registrations::Entity::find_by_id(id)
                .find_also_related(people::Entity)
                .one(db)
                .await?
                .and_then(|(_, p)| p)
                .map(|p| p.name_latin),
            None => None,
        };
        rows.push(InvitationRow {
            id: i.id,
            state: InvitationState::parse(&i.status).ok_or(DomainError::Internal)?,
            email: i.email,
            organisation: i.organisation,
            sent_at: i.created_at,
            responded_at: i.responded_at,
            registered_name,
        });
    }
    Ok(rows)
}

/// The invitation behind a link. Tokens are 64 hex digits; an unknown or forged one is
/// `NotFound`.
async fn find(db: &impl ConnectionTrait, token: &str) -> Result<invitations::Model, DomainError> {
    let token = token.trim();
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(DomainError::NotFound);
    }
    invitations::Entity::find()
        .filter(invitations::Column::TokenHash.eq(auth::token_hash(token)))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// What the link's page shows (also for an answered invitation, which says so).
pub async fn by_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<InvitationView, DomainError> {
    let invitation = find(db, token).await?;
    let event = events::Entity::find_by_id(invitation.event_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok(InvitationView {
        event: to_summary(event)?,
        state: InvitationState::parse(&invitation.status).ok_or(DomainError::Internal)?,
        email: invitation.email,
        organisation: invitation.organisation,
    })
}

/// The registration form filled with what the invitation knows.
pub fn prefilled(view: &InvitationView) -> RegistrationForm {
    RegistrationForm {
        email: view.email.clone(),
        organisation: view.organisation.clone(),
        submission_key: auth::new_token(),
        ..Default::default()
    }
}

/// Registers through the link (see `registration::register_invited`). A forged link is
/// `NotFound`; one already answered is `invitation-used`.
pub async fn register<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    token: &str,
    form: &RegistrationForm,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<RegistrationReceipt, DomainError> {
    let invitation = find(db, token).await?;
    crate::service::registration::register_invited(db, invitation.id, form, base_url, now).await
}

/// Declines through the link: the invitation becomes `declined` (again: nothing happens).
/// Refused once it registered someone (`invitation-used`: they withdraw on their own page).
pub async fn decline(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let invitation = find(db, token).await?;
    match InvitationState::parse(&invitation.status) {
        Some(InvitationState::Declined) => Ok(()),
        Some(InvitationState::Registered) => {
            Err(DomainError::validation("invitation", "invitation-used"))
        }
        Some(InvitationState::Sent) => {
            // Conditional update: a registration at the same moment wins, and this changes nothing.
            let done = invitations::Entity::update_many()
                .col_expr(
                    invitations::Column::Status,
                    sea_orm::sea_query::Expr::value(InvitationState::Declined.as_str()),
                )
                .col_expr(
                    invitations::Column::RespondedAt,
                    sea_orm::sea_query::Expr::value(now),
                )
                .filter(invitations::Column::Id.eq(invitation.id))
                .filter(invitations::Column::Status.eq(InvitationState::Sent.as_str()))
                .exec(db)
                .await?;
            if done.rows_affected == 0 {
                return Err(DomainError::validation("invitation", "invitation-used"));
            }
            Ok(())
        }
        None => Err(DomainError::Internal),
    }
}

/// The language of an invitation: the event's first working language when Sala has it (the
/// invited person's own language is not known yet), otherwise English.
fn invitation_locale(event: &events::Model) -> i18n::Locale {
    event
        .working_languages
        .split(',')
        .find_map(|tag| i18n::Locale::from_tag(tag.trim()))
        .unwrap_or(i18n::Locale::En)
}
