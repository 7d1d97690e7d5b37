//! Inserting demo events and what hangs off them (objectives, organisations, agenda,
//! registrations with their status history, attendance) from compact descriptions.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbErr};

use super::{day, insert_returning_id, insert_row, local, Ids};

pub(super) type Ymd = (i32, u32, u32);
pub(super) type Hm = (u32, u32);

pub(super) struct EventSeed {
    pub slug: &'static str,
    pub title: &'static str,
    pub kind: &'static str,
    pub summary: &'static str,
    pub description: &'static str,
    pub tz: Tz,
    pub starts: (Ymd, Hm),
    pub ends: (Ymd, Hm),
    pub venue_name: &'static str,
    pub city: &'static str,
    pub country: &'static str,
    pub status: &'static str,
    pub visibility: &'static str,
    pub capacity: Option<i32>,
    pub registration_mode: &'static str,
    pub registration_window: Option<((Ymd, Hm), (Ymd, Hm))>,
    pub working_languages: &'static str,
    pub interpretation_languages: &'static str,
    pub organisations: &'static [(&'static str, &'static str)],
    pub objectives: &'static [&'static str],
}

/// One agenda slot; `roles` are (person e-mail, session role).
pub(super) struct Slot {
    pub kind: &'static str,
    pub title: &'static str,
    pub day: Ymd,
    pub from: Hm,
    pub to: Hm,
    pub roles: &'static [(&'static str, &'static str)],
}

pub(super) const fn slot(
    kind: &'static str,
    title: &'static str,
    day: Ymd,
    from: Hm,
    to: Hm,
    roles: &'static [(&'static str, &'static str)],
) -> Slot {
    Slot {
        kind,
        title,
        day,
        from,
        to,
        roles,
    }
}

pub(super) async fn insert_event(
    db: &impl ConnectionTrait,
    ids: &Ids,
    e: &EventSeed,
    parent_id: Option<i64>,
) -> Result<i64, DbErr> {
    let starts_at = local(e.tz, e.starts.0, e.starts.1)?;
    let ends_at = local(e.tz, e.ends.0, e.ends.1)?;
    let (opens, closes) = match e.registration_window {
        Some((opens, closes)) => (
            Some(local(e.tz, opens.0, opens.1)?),
            Some(local(e.tz, closes.0, closes.1)?),
        ),
        None => (None, None),
    };
    // Demo events were "created" three months ahead.
    let created_at = starts_at - chrono::Duration::days(90);
    let event_id = insert_returning_id(
        db,
        "events",
        &[
            "slug",
            "title",
            "kind",
            "summary",
            "description",
            "parent_id",
            "timezone",
            "starts_at",
            "ends_at",
            "venue_name",
            "city",
            "country_code",
            "status",
            "visibility",
            "capacity",
            "registration_mode",
            "registration_opens_at",
            "registration_closes_at",
            "working_languages",
            "interpretation_languages",
            "created_at",
            "updated_at",
        ],
        vec![
            e.slug.into(),
            e.title.into(),
            e.kind.into(),
            e.summary.into(),
            e.description.into(),
            parent_id.into(),
            e.tz.name().into(),
            starts_at.into(),
            ends_at.into(),
            e.venue_name.into(),
            e.city.into(),
            e.country.into(),
            e.status.into(),
            e.visibility.into(),
            e.capacity.into(),
            e.registration_mode.into(),
            opens.into(),
            closes.into(),
            e.working_languages.into(),
            e.interpretation_languages.into(),
            created_at.into(),
            created_at.into(),
        ],
    )
    .await?;

    for (position, text) in (1i32..).zip(e.objectives) {
        insert_row(
            db,
            "event_objectives",
            &["event_id", "position", "text"],
            vec![event_id.into(), position.into(), (*text).into()],
        )
        .await?;
    }
    for (organisation, role) in e.organisations {
        insert_row(
            db,
            "event_organisations",
            &["event_id", "organisation_id", "role"],
            vec![
                event_id.into(),
                ids.organisation(organisation)?.into(),
                (*role).into(),
            ],
        )
        .await?;
    }
    Ok(event_id)
}

pub(super) async fn insert_agenda(
    db: &impl ConnectionTrait,
    ids: &Ids,
    event_id: i64,
    tz: Tz,
    room: &str,
    agenda: &[Slot],
) -> Result<(), DbErr> {
    for s in agenda {
        let session_id = insert_returning_id(
            db,
            "event_sessions",
            &[
                "event_id",
                "kind",
                "title",
                "room",
                "language",
                "starts_at",
                "ends_at",
            ],
            vec![
                event_id.into(),
                s.kind.into(),
                s.title.into(),
                room.into(),
                "en".into(),
                local(tz, s.day, s.from)?.into(),
                local(tz, s.day, s.to)?.into(),
            ],
        )
        .await?;
        for (position, (email, role)) in (0i32..).zip(s.roles) {
            insert_row(
                db,
                "session_roles",
                &["session_id", "person_id", "role", "position"],
                vec![
                    session_id.into(),
                    ids.person(email)?.into(),
                    (*role).into(),
                    position.into(),
                ],
            )
            .await?;
        }
    }
    Ok(())
}

/// Inserts a registration and its status history: one change per entry of `history` (the
/// `from` status of each step, starting with `None`), ending in `status`.
#[allow(clippy::too_many_arguments)]
pub(super) async fn insert_registration(
    db: &impl ConnectionTrait,
    ids: &Ids,
    event_id: i64,
    email: &str,
    role: &str,
    status: &str,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    history: &[Option<&str>],
) -> Result<i64, DbErr> {
    let registration_id = insert_returning_id(
        db,
        "registrations",
        &[
            "event_id",
            "person_id",
            "status",
            "role",
            "created_at",
            "updated_at",
        ],
        vec![
            event_id.into(),
            ids.person(email)?.into(),
            status.into(),
            role.into(),
            created_at.into(),
            updated_at.into(),
        ],
    )
    .await?;
    for (i, from) in history.iter().enumerate() {
        let to = history.get(i + 1).copied().flatten().unwrap_or(status);
        let changed_at = if i == 0 { created_at } else { updated_at };
        insert_row(
            db,
            "registration_status_changes",
            &["registration_id", "from_status", "to_status", "changed_at"],
            vec![
                registration_id.into(),
                (*from).into(),
                to.into(),
                changed_at.into(),
            ],
        )
        .await?;
    }
    Ok(registration_id)
}

/// Whole-day attendance (the signature on the day's sign-in sheet).
pub(super) async fn insert_attendance(
    db: &impl ConnectionTrait,
    registration_id: i64,
    tz: Tz,
    d: Ymd,
    signed_at: Hm,
) -> Result<(), DbErr> {
    insert_row(
        db,
        "attendance",
        &["registration_id", "day", "recorded_at"],
        vec![
            registration_id.into(),
            day(d)?.into(),
            local(tz, d, signed_at)?.into(),
        ],
    )
    .await
}
