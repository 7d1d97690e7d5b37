//! Duplicate people: finding records that look like one person (the same e-mail in another
//! case, the same phone, the same name under different e-mail addresses) and merging one
//! into another in a single transaction.
use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use entities::{attendance, events, organisations, people, registrations, session_roles};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::people_types::{DuplicatePair, DuplicateReason, MergeOutcome, PersonBrief};
use crate::DomainError;

/// The name for comparing: lower case, letters and digits only, words single-spaced.
pub fn normalise_name(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The phone's digits, when there are enough of them to mean something.
fn phone_digits(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 6).then_some(digits)
}

/// Pairs `(a, b, reason)` of ids (a < b) among `people` (id, name, e-mail, phone) that look
/// like one person; each pair once, under its strongest reason.
pub fn find_pairs(people: &[(i64, String, String, String)]) -> Vec<(i64, i64, DuplicateReason)> {
    let mut groups: HashMap<(DuplicateReason, String), Vec<i64>> = HashMap::new();
    for (id, name, email, phone) in people {
        if !email.trim().is_empty() {
            groups
                .entry((DuplicateReason::SameEmail, email.trim().to_lowercase()))
                .or_default()
                .push(*id);
        }
        if let Some(d) = phone_digits(phone) {
            groups
                .entry((DuplicateReason::SamePhone, d))
                .or_default()
                .push(*id);
        }
        let n = normalise_name(name);
        if !n.is_empty() {
            groups
                .entry((DuplicateReason::SameName, n))
                .or_default()
                .push(*id);
        }
    }
    let mut best: HashMap<(i64, i64), DuplicateReason> = HashMap::new();
    for ((reason, _), mut ids) in groups {
        ids.sort_unstable();
        ids.dedup();
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                let strongest = best.entry((*a, *b)).or_insert(reason);
                if reason_rank(reason) < reason_rank(*strongest) {
                    *strongest = reason;
                }
            }
        }
    }
    let mut pairs: Vec<_> = best.into_iter().map(|((a, b), r)| (a, b, r)).collect();
    pairs.sort_unstable_by_key(|(a, b, r)| (reason_rank(*r), *a, *b));
    pairs
}

fn reason_rank(r: DuplicateReason) -> u8 {
    match r {
        DuplicateReason::SameEmail => 0,
        DuplicateReason::SamePhone => 1,
        DuplicateReason::SameName => 2,
    }
}

/// Every pair of people that look like one person, with what staff need to decide.
pub async fn duplicates(db: &impl ConnectionTrait) -> Result<Vec<DuplicatePair>, DomainError> {
    let all = people::Entity::find().all(db).await?;
    let keys: Vec<_> = all
        .iter()
        .map(|p| {
            (
                p.id,
                p.name_latin.clone(),
                p.email.clone().unwrap_or_default(),
                p.phone.clone().unwrap_or_default(),
            )
        })
        .collect();
    let pairs = find_pairs(&keys);
    if pairs.is_empty() {
        return Ok(Vec::new());
    }
    let orgs: HashMap<i64, String> = organisations::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for r in registrations::Entity::find().all(db).await? {
        *counts.entry(r.person_id).or_default() += 1;
    }
    let by_id: HashMap<i64, &people::Model> = all.iter().map(|p| (p.id, p)).collect();
    let brief = |id: i64| {
        by_id.get(&id).map(|p| PersonBrief {
            id,
            name_latin: p.name_latin.clone(),
            name_native: p.name_native.clone().unwrap_or_default(),
            email: p.email.clone().unwrap_or_default(),
            phone: p.phone.clone().unwrap_or_default(),
            organisation: p
                .organisation_id
                .and_then(|o| orgs.get(&o).cloned())
                .unwrap_or_default(),
            registrations: counts.get(&id).copied().unwrap_or(0),
        })
    };
    Ok(pairs
        .into_iter()
        .filter_map(|(a, b, reason)| {
            Some(DuplicatePair {
                a: brief(a)?,
                b: brief(b)?,
                reason,
            })
        })
        .collect())
}

/// Merges person `drop` into person `keep`: registrations and session roles move to `keep`
/// (where both registered for one event, `keep`'s registration stays and gets the attendance
/// it lacked; the other goes, and the event is named in the outcome), `keep`'s empty details
/// are filled from `drop`, and `drop` is deleted, all in one transaction.
/// Refusals: `NotFound`; `Validation { field: "drop", message: "same-person" }`.
pub async fn merge<C: TransactionTrait>(
    db: &C,
    keep: i64,
    drop: i64,
    now: DateTime<Utc>,
) -> Result<MergeOutcome, DomainError> {
    if keep == drop {
        return Err(DomainError::validation("drop", "same-person"));
    }
    let txn = super::db::begin_write(db).await?;
    let kept = people::Entity::find_by_id(keep)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let gone = people::Entity::find_by_id(drop)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let mut outcome = MergeOutcome::default();
    let theirs = registrations::Entity::find()
        .filter(registrations::Column::PersonId.eq(drop))
        .all(&txn)
        .await?;
    for reg in theirs {
        let mine = registrations::Entity::find()
            .filter(registrations::Column::PersonId.eq(keep))
            .filter(registrations::Column::EventId.eq(reg.event_id))
            .one(&txn)
            .await?;
        match mine {
            Some(mine) => {
                move_attendance(&txn, reg.id, mine.id).await?;
                let title = events::Entity::find_by_id(reg.event_id)
                    .one(&txn)
                    .await?
                    .map(|e| e.title)
                    .unwrap_or_default();
                outcome.both_registered.push(title);
                reg.delete(&txn).await?;
            }
            None => {
                let mut model: registrations::ActiveModel = reg.into();
                model.person_id = Set(keep);
                model.updated_at = Set(now);
                model.update(&txn).await?;
                outcome.moved += 1;
            }
        }
    }
    let roles = session_roles::Entity::find()
        .filter(session_roles::Column::PersonId.eq(drop))
        .all(&txn)
        .await?;
    for role in roles {
        let taken = session_roles::Entity::find()
            .filter(session_roles::Column::PersonId.eq(keep))
            .filter(session_roles::Column::SessionId.eq(role.session_id))
            .filter(session_roles::Column::Role.eq(role.role.as_str()))
            .one(&txn)
            .await?
            .is_some();
        if taken {
            role.delete(&txn).await?;
        } else {
            let mut model: session_roles::ActiveModel = role.into();
            model.person_id = Set(keep);
            model.update(&txn).await?;
        }
    }
    let filled = fill_from(&kept, &gone, now);
    // The dropped record goes first: its e-mail address may move to the kept one.
    gone.delete(&txn).await?;
    filled.update(&txn).await?;
    txn.commit().await?;
    Ok(outcome)
}

/// Attendance on `from` that `to` lacks (same day and session) moves to `to`.
async fn move_attendance(
    txn: &impl ConnectionTrait,
    from: i64,
    to: i64,
) -> Result<(), DomainError> {
    let have: BTreeSet<_> = attendance::Entity::find()
        .filter(attendance::Column::RegistrationId.eq(to))
        .all(txn)
        .await?
        .into_iter()
        .map(|a| (a.day, a.session_id))
        .collect();
    for row in attendance::Entity::find()
        .filter(attendance::Column::RegistrationId.eq(from))
        .all(txn)
        .await?
    {
        if !have.contains(&(row.day, row.session_id)) {
            let mut model: attendance::ActiveModel = row.into();
            model.registration_id = Set(to);
            model.update(txn).await?;
        }
    }
    Ok(())
}

/// `kept` with its empty details filled from `gone`.
fn fill_from(
    kept: &people::Model,
    gone: &people::Model,
    now: DateTime<Utc>,
) -> people::ActiveModel {
    let mut model: people::ActiveModel = kept.clone().into();
    macro_rules! fill {
        ($($column:ident),+) => {
            $(if kept.$column.is_none() && gone.$column.is_some() {
                model.$column = Set(gone.$column.clone());
            })+
        };
    }
    fill!(
        name_native,
        email,
        phone,
        organisation_id,
        position,
        country_code,
        region_code,
        sector,
        gender
    );
    if kept.languages.is_empty() {
        model.languages = Set(gone.languages.clone());
    }
    model.updated_at = Set(now);
    model
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(id: i64, name: &str, email: &str, phone: &str) -> (i64, String, String, String) {
        (id, name.into(), email.into(), phone.into())
    }

    #[test]
    fn names_compare_without_case_spaces_or_punctuation() {
        assert_eq!(normalise_name("  Nang  HSENG. "), "nang hseng");
        assert_eq!(normalise_name("Nguyễn Thị-Lan"), "nguyễn thị lan");
        assert_eq!(normalise_name("ស៊ុន សុខា"), normalise_name("ស៊ុន  សុខា"));
    }

    #[test]
    fn pairs_are_found_once_under_their_strongest_reason() {
        let people = [
            p(1, "Nang Hseng", "nang@example.org", "081 234 5678"),
            p(2, "nang hseng", "NANG@example.org", ""),
            p(3, "Somchai", "s1@example.org", "081-234-5678"),
            p(4, "Somchai", "s2@example.org", ""),
            p(5, "Aye Aye", "", "123"),
            p(6, "Other", "", "123"),
        ];
        let pairs = find_pairs(&people);
        assert_eq!(
            pairs,
            vec![
                (1, 2, DuplicateReason::SameEmail),
                (1, 3, DuplicateReason::SamePhone),
                (3, 4, DuplicateReason::SameName),
            ],
            "short phone numbers and blank e-mails match nothing"
        );
    }
}
