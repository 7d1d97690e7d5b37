//! People across events (a person registers for many events over the years).
use entities::{organisations, people};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use crate::forms::NewSpeaker;
use crate::DomainError;

/// `(id, "Name (native) — Organisation")` for pickers, by name.
pub async fn options(db: &impl ConnectionTrait) -> Result<Vec<(i64, String)>, DomainError> {
    let rows = people::Entity::find()
        .order_by_asc(people::Column::NameLatin)
        .find_also_related(organisations::Entity)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(p, org)| {
            let mut label = p.name_latin;
            if let Some(native) = p.name_native {
                label.push_str(&format!(" ({native})"));
            }
            if let Some(org) = org {
                label.push_str(" — ");
                label.push_str(&org.acronym.unwrap_or(org.name));
            }
            (p.id, label)
        })
        .collect())
}

/// Adds a person to the people list (re-using the organisation by name) and returns their id.
pub async fn create_speaker<C: sea_orm::TransactionTrait>(
    db: &C,
    input: &NewSpeaker,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i64, DomainError> {
    use sea_orm::TransactionSession;
    let txn = crate::service::db::begin_write(db).await?;
    let id = create_person(&txn, input, None, now).await?;
    txn.commit().await?;
    Ok(id)
}

/// Adds a person inside the caller's transaction (re-using the organisation by name).
pub async fn create_person(
    txn: &impl ConnectionTrait,
    input: &NewSpeaker,
    gender: Option<crate::types::Gender>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i64, DomainError> {
    use entities::countries;
    use sea_orm::{ActiveModelTrait, Set};

    let name =
        crate::validate::required_text("name_latin", &input.name_latin, crate::validate::MAX_NAME)?;
    let native = match input.name_native.trim() {
        "" => None,
        n => Some(crate::validate::required_text(
            "name_native",
            n,
            crate::validate::MAX_NAME,
        )?),
    };
    let org_name = match input.organisation.trim() {
        "" => None,
        o => Some(crate::validate::required_text("organisation", o, 300)?),
    };
    let country = match input.country_code.trim() {
        "" => None,
        code => {
            let found = countries::Entity::find_by_id(code.to_uppercase())
                .one(txn)
                .await?;
            Some(
                found
                    .ok_or_else(|| DomainError::validation("country_code", "unknown-country"))?
                    .code,
            )
        }
    };
    let organisation_id = match org_name {
        None => None,
        Some(org) => {
            let wanted = org.to_lowercase();
            let existing = organisations::Entity::find()
                .all(txn)
                .await?
                .into_iter()
                .find(|o| {
                    o.name.to_lowercase() == wanted
                        || o.acronym.as_deref().map(str::to_lowercase) == Some(wanted.clone())
                });
            match existing {
                Some(o) => Some(o.id),
                None => Some(
                    organisations::ActiveModel {
                        name: Set(org),
                        created_at: Set(now),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?
                    .id,
                ),
            }
        }
    };
    let person = people::ActiveModel {
        name_latin: Set(name),
        name_native: Set(native),
        organisation_id: Set(organisation_id),
        country_code: Set(country),
        gender: Set(gender.map(|g| g.as_str().to_owned())),
        languages: Set(String::new()),
        // Never public without the person's own consent (speakers and walk-ins alike).
        public_name_consent: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(person.id)
}
