//! Visa invitation letters: one per participant who needs a visa, on the organiser's
//! letterhead (the event's own, else the global one), naming the person as in their passport
//! (and in their own script), nationality, passport number, the event, its dates and venue,
//! and who pays. The passport number is staff-only data (see `travel`).
use entities::{countries, letterheads, people, registrations, travel_details};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::{event_by_slug, takes_part};
use crate::service::events::to_summary;
use crate::travel_types::{optional_text, Letterhead, LetterheadForm, VisaLetter, VisaLetters};
use crate::DomainError;

async fn letterhead_row(
    db: &impl ConnectionTrait,
    event_id: Option<i64>,
) -> Result<Option<letterheads::Model>, DomainError> {
    let q = letterheads::Entity::find();
    let q = match event_id {
        Some(id) => q.filter(letterheads::Column::EventId.eq(id)),
        None => q.filter(letterheads::Column::EventId.is_null()),
    };
    Ok(q.order_by_desc(letterheads::Column::Id).one(db).await?)
}

fn to_letterhead(m: letterheads::Model) -> Letterhead {
    Letterhead {
        organisation: m.organisation,
        address: m.address,
        signatory: m.signatory,
        signatory_title: m.signatory_title,
    }
}

/// The letterhead the event's letters use: its own, else the global one, else empty.
pub async fn letterhead(db: &impl ConnectionTrait, slug: &str) -> Result<Letterhead, DomainError> {
    let event = event_by_slug(db, slug).await?;
    let row = match letterhead_row(db, Some(event.id)).await? {
        Some(r) => Some(r),
        None => letterhead_row(db, None).await?,
    };
    Ok(row.map(to_letterhead).unwrap_or_default())
}

/// Saves the letterhead for this event (`scope=event`) or every event (`scope=global`).
pub async fn set_letterhead(
    db: &impl ConnectionTrait,
    slug: &str,
    form: &LetterheadForm,
) -> Result<(), DomainError> {
    let event = event_by_slug(db, slug).await?;
    let event_id = match form.scope.as_str() {
        "event" => Some(event.id),
        "global" => None,
        _ => return Err(DomainError::validation("scope", "invalid-choice")),
    };
    let organisation = crate::validate::required_text("organisation", &form.organisation, 200)?;
    let address = optional_text("address", &form.address.replace(['\r', '\n'], ", "), 400)?;
    let signatory = optional_text("signatory", &form.signatory, 160)?;
    let signatory_title = optional_text("signatory_title", &form.signatory_title, 160)?;
    match letterhead_row(db, event_id).await? {
        Some(row) => {
            let mut m: letterheads::ActiveModel = row.into();
            m.organisation = Set(organisation);
            m.address = Set(address);
            m.signatory = Set(signatory);
            m.signatory_title = Set(signatory_title);
            m.update(db).await?;
        }
        None => {
            letterheads::ActiveModel {
                event_id: Set(event_id),
                organisation: Set(organisation),
                address: Set(address),
                signatory: Set(signatory),
                signatory_title: Set(signatory_title),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// The letters: everyone taking part who needs a visa, or just `only` (who then gets a
/// letter even without the visa box ticked).
pub async fn letters(
    db: &impl ConnectionTrait,
    slug: &str,
    only: Option<i64>,
) -> Result<VisaLetters, DomainError> {
    let event = event_by_slug(db, slug).await?;
    let head = letterhead(db, slug).await?;
    let mut q = registrations::Entity::find().filter(registrations::Column::EventId.eq(event.id));
    if let Some(id) = only {
        q = q.filter(registrations::Column::Id.eq(id));
    }
    let regs = q.find_also_related(people::Entity).all(db).await?;
    if only.is_some() && regs.is_empty() {
        return Err(DomainError::NotFound);
    }
    let details: std::collections::HashMap<i64, travel_details::Model> =
        travel_details::Entity::find()
            .filter(travel_details::Column::RegistrationId.is_in(regs.iter().map(|(r, _)| r.id)))
            .all(db)
            .await?
            .into_iter()
            .map(|t| (t.registration_id, t))
            .collect();
    let mut out = Vec::new();
    for (r, p) in regs {
        let Some(p) = p else { continue };
        let t = details.get(&r.id);
        let needs = t.is_some_and(|t| t.visa_needed);
        if !takes_part(&r.status) || (only.is_none() && !needs) {
            continue;
        }
        let passport_name = t
            .map(|t| t.passport_name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| p.name_latin.clone());
        let native = p.name_native.clone().unwrap_or_default();
        out.push(VisaLetter {
            registration_id: r.id,
            name_native: if native == passport_name {
                String::new()
            } else {
                native
            },
            passport_name,
            nationality: t.map(|t| t.nationality.clone()).unwrap_or_default(),
            passport_number: t
                .and_then(|t| t.passport_number.clone())
                .unwrap_or_default(),
            arrangement: t.map(|t| t.arrangement.clone()).unwrap_or_default(),
        });
    }
    out.sort_by_key(|l| l.passport_name.to_lowercase());
    let country = match &event.country_code {
        Some(code) => countries::Entity::find_by_id(code.clone())
            .one(db)
            .await?
            .map(|c| c.name),
        None => None,
    };
    let place = [Some(event.city.clone()), country]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let venue = [event.venue_name.clone(), event.venue_address.clone()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    Ok(VisaLetters {
        event: to_summary(event)?,
        venue,
        place,
        letterhead: head,
        letters: out,
    })
}
