//! Rooms: hotels per event with their rooms, staff putting people in rooms, and the rooming
//! list for the hotel.
//!
//! Invariants:
//! - one room per registration (the database keeps it unique); putting someone in another
//!   room moves them;
//! - a room never holds more guests than it sleeps, refused on `room-{id}`;
//! - check-out comes after check-in; empty dates take the person's arrival and departure
//!   days (local, in the event's zone), or else the event's first and last day (+1);
//! - sharing is allowed; sharers of different genders, or whose stays have no night in
//!   common, are shown as warnings, not refused;
//! - at most [`MAX_HOTELS`] hotels per event and [`MAX_ROOMS`] rooms per hotel.
use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use entities::{hotels, people, registrations, room_assignments, rooms, travel_details};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

use super::{convert, event_by_slug, takes_part};
use crate::room_types::{AssignForm, Guest, HotelView, RoomForm, RoomView, RoomWarning, Rooming};
use crate::service::events::to_summary;
use crate::travel_types::optional_text;
use crate::DomainError;

pub const MAX_HOTELS: u64 = 20;
pub const MAX_ROOMS: u64 = 400;

/// Adds a hotel to the event.
pub async fn add_hotel(
    db: &impl ConnectionTrait,
    slug: &str,
    form: &RoomForm,
) -> Result<i64, DomainError> {
    let event = event_by_slug(db, slug).await?;
    let name = crate::validate::required_text("name", &form.name, 160)?;
    let address = optional_text("address", &form.address, 300)?;
    let count = hotels::Entity::find()
        .filter(hotels::Column::EventId.eq(event.id))
        .count(db)
        .await?;
    if count >= MAX_HOTELS {
        return Err(DomainError::validation("name", "too-many"));
    }
    let h = hotels::ActiveModel {
        event_id: Set(event.id),
        name: Set(name),
        address: Set(address),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(h.id)
}

async fn hotel_of(
    db: &impl ConnectionTrait,
    event_id: i64,
    id: i64,
) -> Result<hotels::Model, DomainError> {
    hotels::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|h| h.event_id == event_id)
        .ok_or(DomainError::NotFound)
}

/// Adds a room to one of the event's hotels; refusals name `hotel-{id}`.
pub async fn add_room(
    db: &impl ConnectionTrait,
    slug: &str,
    form: &RoomForm,
) -> Result<i64, DomainError> {
    let event = event_by_slug(db, slug).await?;
    let hotel_id: i64 = form
        .hotel_id
        .trim()
        .parse()
        .map_err(|_| DomainError::NotFound)?;
    let hotel = hotel_of(db, event.id, hotel_id).await?;
    let field = format!("hotel-{}", hotel.id);
    let label = crate::validate::required_text(&field, &form.name, 40)?;
    let room_type = optional_text(&field, &form.room_type, 60)?;
    let capacity: i32 = form
        .capacity
        .trim()
        .parse()
        .ok()
        .filter(|c| (1..=8).contains(c))
        .ok_or_else(|| DomainError::validation(&field, "out-of-range"))?;
    let rooms_now = rooms::Entity::find()
        .filter(rooms::Column::HotelId.eq(hotel.id))
        .all(db)
        .await?;
    if rooms_now.len() as u64 >= MAX_ROOMS {
        return Err(DomainError::validation(&field, "too-many"));
    }
    if rooms_now.iter().any(|r| r.label == label) {
        return Err(DomainError::validation(&field, "room-taken"));
    }
    let r = rooms::ActiveModel {
        hotel_id: Set(hotel.id),
        label: Set(label),
        room_type: Set(room_type),
        capacity: Set(capacity),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(r.id)
}

fn day(field: &str, raw: &str) -> Result<Option<NaiveDate>, DomainError> {
    match raw.trim() {
        "" => Ok(None),
        s => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| DomainError::validation(field, "invalid-date")),
    }
}

/// Puts a registration in a room (moving them from any other); refusals name `room-{id}`.
pub async fn assign<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    slug: &str,
    form: &AssignForm,
) -> Result<(), DomainError> {
    let event = event_by_slug(db, slug).await?;
    let room_id: i64 = form
        .room_id
        .trim()
        .parse()
        .map_err(|_| DomainError::NotFound)?;
    let field = format!("room-{room_id}");
    let txn = crate::service::db::begin_write(db).await?;
    let room = rooms::Entity::find_by_id(room_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    hotel_of(&txn, event.id, room.hotel_id).await?;
    let reg_id = form.registration_id.trim().parse::<i64>().unwrap_or(0);
    let reg = registrations::Entity::find_by_id(reg_id)
        .one(&txn)
        .await?
        .filter(|r| r.event_id == event.id && takes_part(&r.status))
        .ok_or_else(|| DomainError::validation(&field, "unknown-registration"))?;
    let tz = convert::zone(&event);
    let travel = travel_details::Entity::find_by_id(reg.id).one(&txn).await?;
    let check_in = match day(&field, &form.check_in)? {
        Some(d) => d,
        None => travel
            .as_ref()
            .and_then(|t| t.arrival_at)
            .map(|a| a.with_timezone(&tz).date_naive())
            .unwrap_or_else(|| event.starts_at.with_timezone(&tz).date_naive()),
    };
    let check_out = match day(&field, &form.check_out)? {
        Some(d) => d,
        None => travel
            .as_ref()
            .and_then(|t| t.departure_at)
            .map(|a| a.with_timezone(&tz).date_naive())
            .unwrap_or_else(|| event.ends_at.with_timezone(&tz).date_naive() + Duration::days(1)),
    };
    if check_out <= check_in {
        return Err(DomainError::validation(&field, "check-out-before-check-in"));
    }
    let others = room_assignments::Entity::find()
        .filter(room_assignments::Column::RoomId.eq(room.id))
        .filter(room_assignments::Column::RegistrationId.ne(reg.id))
        .count(&txn)
        .await?;
    if others >= u64::try_from(room.capacity).unwrap_or(0) {
        return Err(DomainError::validation(&field, "room-full"));
    }
    room_assignments::Entity::delete_many()
        .filter(room_assignments::Column::RegistrationId.eq(reg.id))
        .exec(&txn)
        .await?;
    room_assignments::ActiveModel {
        room_id: Set(room.id),
        registration_id: Set(reg.id),
        check_in: Set(check_in),
        check_out: Set(check_out),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Takes a registration of the event out of its room.
pub async fn unassign(
    db: &impl ConnectionTrait,
    slug: &str,
    registration_id: i64,
) -> Result<(), DomainError> {
    let event = event_by_slug(db, slug).await?;
    let reg = registrations::Entity::find_by_id(registration_id)
        .one(db)
        .await?
        .filter(|r| r.event_id == event.id)
        .ok_or(DomainError::NotFound)?;
    room_assignments::Entity::delete_many()
        .filter(room_assignments::Column::RegistrationId.eq(reg.id))
        .exec(db)
        .await?;
    Ok(())
}

/// The warnings for a room's guests.
pub fn warnings(guests: &[Guest]) -> Vec<RoomWarning> {
    let mut out = Vec::new();
    let genders: Vec<&str> = guests
        .iter()
        .map(|g| g.gender.trim())
        .filter(|g| !g.is_empty())
        .collect();
    if genders.windows(2).any(|w| !w[0].eq_ignore_ascii_case(w[1])) {
        out.push(RoomWarning::GendersDiffer);
    }
    // Stays are [check_in, check_out): they share a night when each starts before the other ends.
    let apart = guests.iter().enumerate().any(|(i, a)| {
        guests[i + 1..]
            .iter()
            .any(|b| !(a.check_in < b.check_out && b.check_in < a.check_out))
    });
    if apart {
        out.push(RoomWarning::DatesApart);
    }
    out
}

/// The event's hotels, rooms, guests and warnings, and who has no room (staff only).
pub async fn rooming(db: &impl ConnectionTrait, slug: &str) -> Result<Rooming, DomainError> {
    let event = event_by_slug(db, slug).await?;
    let hotel_rows = hotels::Entity::find()
        .filter(hotels::Column::EventId.eq(event.id))
        .order_by_asc(hotels::Column::Id)
        .all(db)
        .await?;
    let room_rows = rooms::Entity::find()
        .filter(rooms::Column::HotelId.is_in(hotel_rows.iter().map(|h| h.id)))
        .all(db)
        .await?;
    let regs = registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(event.id))
        .find_also_related(people::Entity)
        .all(db)
        .await?;
    let mut who: HashMap<i64, (String, String)> = HashMap::new();
    for (r, p) in &regs {
        if let (true, Some(p)) = (takes_part(&r.status), p) {
            who.insert(
                r.id,
                (p.name_latin.clone(), p.gender.clone().unwrap_or_default()),
            );
        }
    }
    let assigned = room_assignments::Entity::find()
        .filter(room_assignments::Column::RoomId.is_in(room_rows.iter().map(|r| r.id)))
        .all(db)
        .await?;
    let mut by_room: HashMap<i64, Vec<Guest>> = HashMap::new();
    for a in &assigned {
        let Some((name, gender)) = who.get(&a.registration_id) else {
            continue;
        };
        by_room.entry(a.room_id).or_default().push(Guest {
            registration_id: a.registration_id,
            name: name.clone(),
            gender: gender.clone(),
            check_in: a.check_in.format("%Y-%m-%d").to_string(),
            check_out: a.check_out.format("%Y-%m-%d").to_string(),
        });
    }
    let hotels = hotel_rows
        .into_iter()
        .map(|h| {
            let mut rooms: Vec<RoomView> = room_rows
                .iter()
                .filter(|r| r.hotel_id == h.id)
                .map(|r| {
                    let mut guests = by_room.remove(&r.id).unwrap_or_default();
                    guests.sort_by_key(|g| g.name.to_lowercase());
                    RoomView {
                        warnings: warnings(&guests),
                        id: r.id,
                        label: r.label.clone(),
                        room_type: r.room_type.clone(),
                        capacity: r.capacity,
                        guests,
                    }
                })
                .collect();
            rooms.sort_by_key(|a| natural(&a.label));
            HotelView {
                id: h.id,
                name: h.name,
                address: h.address,
                rooms,
            }
        })
        .collect();
    let placed: std::collections::HashSet<i64> =
        assigned.iter().map(|a| a.registration_id).collect();
    let mut unassigned: Vec<(i64, String)> = who
        .into_iter()
        .filter(|(id, _)| !placed.contains(id))
        .map(|(id, (name, _))| (id, name))
        .collect();
    unassigned.sort_by_key(|(_, n)| n.to_lowercase());
    Ok(Rooming {
        event: to_summary(event)?,
        hotels,
        unassigned,
    })
}

/// Room labels in the order people expect ("2" before "10").
fn natural(label: &str) -> (u64, String) {
    let digits: String = label.chars().take_while(char::is_ascii_digit).collect();
    (digits.parse().unwrap_or(u64::MAX), label.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guest(gender: &str, check_in: &str, check_out: &str) -> Guest {
        Guest {
            registration_id: 1,
            name: "x".into(),
            gender: gender.into(),
            check_in: check_in.into(),
            check_out: check_out.into(),
        }
    }

    #[test]
    fn sharers_of_different_genders_or_apart_are_warned() {
        let a = guest("female", "2027-03-14", "2027-03-17");
        let b = guest("female", "2027-03-16", "2027-03-18");
        assert!(warnings(&[a.clone(), b]).is_empty());
        let c = guest("male", "2027-03-14", "2027-03-15");
        assert_eq!(warnings(&[a.clone(), c]), vec![RoomWarning::GendersDiffer]);
        // Leaving on the day the other arrives: no night in common.
        let d = guest("female", "2027-03-17", "2027-03-19");
        assert_eq!(warnings(&[a, d]), vec![RoomWarning::DatesApart]);
    }
}
