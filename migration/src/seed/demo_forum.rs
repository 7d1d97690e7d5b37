//! Demo forum series: the ASEAN Forum on Migrant Labour (slug `afml`) with its 4th (Bali,
//! 24-25 October 2011) and 5th (Siem Reap, October 2012) editions from the network's report,
//! and an upcoming edition with the host's plenaries, another organisation's side event and
//! two of the network's side events (the second clashing: same room as the other
//! organisation's, and over a plenary the delegation must attend where its speaker speaks). Delegations at the two past editions; recommendations of the 4th, one carried
//! into the 5th, each with dated follow-up steps.

use chrono::Utc;
use chrono_tz::Asia::{Makassar, Phnom_Penh, Singapore};
use chrono_tz::Tz;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbErr};
use sea_orm_migration::sea_query::{Expr, ExprTrait, Query};

use super::demo_insert::{insert_event, EventSeed, Hm, Ymd};
use super::demo_people::MMN;
use super::{day, insert_returning_id, insert_row, local, Ids};

const KANOKWAN: &str = "kanokwan.phromma@example.org";
const SUSU: &str = "su.su.hlaing@example.org";
const CHANTHY: &str = "sok.chanthy@example.org";
const SIRIPORN: &str = "siriporn.kaewmanee@example.org";

/// The last migration the forum demo needs.
const NEEDS: &str = "m20261206_000120_add_recommendation_tracking";

pub(super) async fn insert_all(db: &impl ConnectionTrait, ids: &Ids) -> Result<(), DbErr> {
    if !super::migrated_to(db, NEEDS).await? {
        return Ok(());
    }
    let series = insert_returning_id(
        db,
        "series",
        &["slug", "name", "acronym", "description", "created_at"],
        vec![
            "afml".into(),
            "ASEAN Forum on Migrant Labour".into(),
            "AFML".into(),
            "A yearly open platform for governments, workers' and employers' organisations and \
             civil society to review the ASEAN Declaration on the Protection and Promotion of \
             the Rights of Migrant Workers (January 2007) and make recommendations. The network \
             has attended every forum since the first, in the Philippines in 2008, except the \
             6th in Brunei."
                .into(),
            Utc::now().into(),
        ],
    )
    .await?;
    let fourth = edition(
        db,
        ids,
        series,
        4,
        "",
        &forum(
            "afml-4-2011",
            "4th ASEAN Forum on Migrant Labour",
            "Preceded by a Civil Society Strategic Meeting organised by the Indonesia Working \
             Group on ASEAN Migrant Workers with the Task Force on ASEAN Migrant Workers.",
            Makassar,
            (((2011, 10, 24), (9, 0)), ((2011, 10, 25), (17, 0))),
            ("Bali", "ID"),
            "closed",
        ),
    )
    .await?;
    let fifth = edition(
        db,
        ids,
        series,
        5,
        "Protection and Promotion of the Rights of Migrant Workers: Towards Effective \
         Recruitment Practices and Regulations",
        &forum(
            "afml-5-2012",
            "5th ASEAN Forum on Migrant Labour",
            "The network contributed to the forum's recommendations.",
            Phnom_Penh,
            (((2012, 10, 9), (9, 0)), ((2012, 10, 10), (17, 0))),
            ("Siem Reap", "KH"),
            "closed",
        ),
    )
    .await?;
    for (event, email, role, presented, outcome) in [
        (fourth, KANOKWAN, "delegate", "", "Joined the civil-society strategy meeting the day before; the joint statement was read in the plenary."),
        (fourth, SUSU, "speaker", "Passports and identity documents of migrant workers from Myanmar", "Two governments asked for the network's research."),
        (fifth, KANOKWAN, "delegate", "", "Recruitment fees named in the forum's recommendations."),
        (fifth, CHANTHY, "panelist", "Recruitment of Cambodian workers to Thailand and Malaysia", "Invited to the national tripartite consultation in Phnom Penh."),
    ] {
        insert_row(
            db,
            "delegation_members",
            &["event_id", "person_id", "role", "presented", "outcome", "created_at"],
            vec![event.into(), ids.person(email)?.into(), role.into(), presented.into(), outcome.into(), Utc::now().into()],
        )
        .await?;
    }
    recommendations(db, fourth, fifth).await?;
    upcoming(db, ids, series).await
}

fn forum(
    slug: &'static str,
    title: &'static str,
    description: &'static str,
    tz: Tz,
    (starts, ends): ((Ymd, Hm), (Ymd, Hm)),
    (city, country): (&'static str, &'static str),
    status: &'static str,
) -> EventSeed {
    EventSeed {
        slug,
        title,
        kind: "forum",
        summary: "The network attends the forum with a delegation and brings recommendations \
                  consolidated from its workshops.",
        description,
        tz,
        starts,
        ends,
        venue_name: "",
        city,
        country,
        status,
        visibility: "public",
        capacity: None,
        registration_mode: "invitation",
        registration_window: None,
        working_languages: "en",
        interpretation_languages: "",
        organisations: &[],
        objectives: &[],
    }
}

/// Inserts an edition's event (attended, not organised; proceedings public once it is over)
/// and links it to the series.
async fn edition(
    db: &impl ConnectionTrait,
    ids: &Ids,
    series: i64,
    number: i32,
    theme: &str,
    seed: &EventSeed,
) -> Result<i64, DbErr> {
    let event = insert_event(db, ids, seed, None).await?;
    let update = Query::update()
        .table("events")
        .value("network_role", "attendee")
        .value("proceedings_public", seed.status == "closed")
        .and_where(Expr::col("id").eq(event))
        .to_owned();
    db.execute(&update).await?;
    insert_row(
        db,
        "series_editions",
        &["event_id", "series_id", "number", "theme"],
        vec![event.into(), series.into(), number.into(), theme.into()],
    )
    .await?;
    Ok(event)
}

async fn recommendation(
    db: &impl ConnectionTrait,
    event: i64,
    position: i32,
    text: &str,
    bodies: &[(&str, &str)],
) -> Result<i64, DbErr> {
    let addressed: Vec<String> = bodies
        .iter()
        .map(|(body, detail)| match *detail {
            "" => body.to_uppercase(),
            d => d.to_owned(),
        })
        .collect();
    let id = insert_returning_id(
        db,
        "recommendations",
        &["event_id", "position", "text", "addressed_to", "status"],
        vec![
            event.into(),
            position.into(),
            text.into(),
            addressed.join(", ").into(),
            "proposed".into(),
        ],
    )
    .await?;
    for (body, detail) in bodies {
        insert_row(
            db,
            "recommendation_bodies",
            &["recommendation_id", "body", "detail"],
            vec![id.into(), (*body).into(), (*detail).into()],
        )
        .await?;
    }
    Ok(id)
}

async fn step(
    db: &impl ConnectionTrait,
    recommendation: i64,
    status: &str,
    on: Ymd,
    note: &str,
) -> Result<(), DbErr> {
    insert_row(
        db,
        "recommendation_status_changes",
        &[
            "recommendation_id",
            "status",
            "noted_on",
            "note",
            "created_at",
        ],
        vec![
            recommendation.into(),
            status.into(),
            day(on)?.into(),
            note.into(),
            Utc::now().into(),
        ],
    )
    .await
}

async fn recommendations(db: &impl ConnectionTrait, fourth: i64, fifth: i64) -> Result<(), DbErr> {
    let documents = recommendation(
        db,
        fourth,
        1,
        "Employers must not keep migrant workers' passports or identity documents; governments \
         should make holding them an offence.",
        &[("afml", ""), ("government", "Thailand")],
    )
    .await?;
    step(
        db,
        documents,
        "raised",
        (2011, 10, 25),
        "Raised at the 4th AFML.",
    )
    .await?;
    step(
        db,
        documents,
        "reflected",
        (2011, 10, 25),
        "Reflected in the recommendations of the 4th AFML.",
    )
    .await?;
    let fees = recommendation(
        db,
        fourth,
        2,
        "Regulate and monitor recruitment agencies and end recruitment fees charged to workers.",
        &[("afml", ""), ("acmw", "")],
    )
    .await?;
    step(
        db,
        fees,
        "raised",
        (2011, 10, 25),
        "Raised at the 4th AFML.",
    )
    .await?;
    step(
        db,
        fees,
        "no_response",
        (2012, 6, 30),
        "No response from the governments by mid-2012.",
    )
    .await?;
    step(
        db,
        fees,
        "carried",
        (2012, 10, 9),
        "Brought again to the 5th AFML.",
    )
    .await?;
    let carried = recommendation(
        db,
        fifth,
        1,
        "Regulate and monitor recruitment agencies and end recruitment fees charged to workers.",
        &[("afml", ""), ("acmw", "")],
    )
    .await?;
    insert_row(
        db,
        "recommendation_carries",
        &["recommendation_id", "carried_from_id"],
        vec![carried.into(), fees.into()],
    )
    .await?;
    step(
        db,
        carried,
        "raised",
        (2012, 10, 9),
        "Raised at the 5th AFML.",
    )
    .await?;
    step(
        db,
        carried,
        "reflected",
        (2012, 10, 10),
        "Reflected in the recommendations of the 5th AFML.",
    )
    .await?;
    let protection = recommendation(
        db,
        fifth,
        2,
        "Extend social protection to migrant workers and make benefits portable when they \
         return home.",
        &[("slom", ""), ("acmw", "")],
    )
    .await?;
    step(
        db,
        protection,
        "raised",
        (2012, 10, 10),
        "Raised at the 5th AFML.",
    )
    .await
}

/// An upcoming edition: the host's plenaries, another organisation's side event, and the
/// network's two side events (the second clashing three ways).
async fn upcoming(db: &impl ConnectionTrait, ids: &Ids, series: i64) -> Result<(), DbErr> {
    let mut seed = forum(
        "afml-20-2027",
        "20th ASEAN Forum on Migrant Labour",
        "The host's programme and the side events known so far.",
        Singapore,
        (((2027, 10, 26), (9, 0)), ((2027, 10, 27), (17, 0))),
        ("Singapore", "SG"),
        "published",
    );
    seed.venue_name = "Forum venue";
    let event = edition(
        db,
        ids,
        series,
        20,
        "Decent work for migrant workers in a changing ASEAN",
        &seed,
    )
    .await?;
    let d1 = (2027, 10, 26);
    let d2 = (2027, 10, 27);
    for (programme, must, title, organiser, room, on, from, to) in [
        (
            "host",
            true,
            "Opening plenary",
            "",
            "Main hall",
            d1,
            (9, 0),
            (10, 30),
        ),
        (
            "host",
            true,
            "Plenary 1: fair recruitment and decent work",
            "",
            "Main hall",
            d1,
            (10, 45),
            (12, 30),
        ),
        (
            "host",
            true,
            "Plenary 2: social protection across borders",
            "",
            "Main hall",
            d1,
            (14, 0),
            (15, 30),
        ),
        (
            "host",
            false,
            "Working groups (parallel)",
            "",
            "Rooms 4-6",
            d1,
            (15, 45),
            (17, 0),
        ),
        (
            "host",
            true,
            "Adoption of the recommendations",
            "",
            "Main hall",
            d2,
            (14, 0),
            (16, 0),
        ),
        (
            "other",
            false,
            "Domestic workers' rights in ASEAN",
            "Task Force on ASEAN Migrant Workers",
            "Room 2",
            d1,
            (12, 45),
            (13, 45),
        ),
    ] {
        let session = insert_returning_id(
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
                "programme",
                "organiser",
                "must_attend",
            ],
            vec![
                event.into(),
                if programme == "host" {
                    "plenary"
                } else {
                    "panel"
                }
                .into(),
                title.into(),
                room.into(),
                "en".into(),
                local(Singapore, on, from)?.into(),
                local(Singapore, on, to)?.into(),
                programme.into(),
                organiser.into(),
                must.into(),
            ],
        )
        .await?;
        // The network's coordinator speaks in the second plenary.
        if title.starts_with("Plenary 2") {
            insert_row(
                db,
                "session_roles",
                &["session_id", "person_id", "role", "position"],
                vec![
                    session.into(),
                    ids.person(KANOKWAN)?.into(),
                    "speaker".into(),
                    1.into(),
                ],
            )
            .await?;
        }
    }
    side_event(
        db,
        ids,
        event,
        (
            "mekong-fair-recruitment-2027",
            "Mekong migrants and fair recruitment",
        ),
        "Room 3",
        (d1, (12, 45), (13, 45)),
        &[SIRIPORN, SUSU],
    )
    .await?;
    side_event(
        db,
        ids,
        event,
        (
            "returning-migrants-protection-2027",
            "Social protection for returning migrants",
        ),
        "Room 2",
        (d1, (13, 30), (14, 30)),
        &[KANOKWAN],
    )
    .await
}

async fn side_event(
    db: &impl ConnectionTrait,
    ids: &Ids,
    parent: i64,
    (slug, title): (&'static str, &'static str),
    room: &'static str,
    (on, from, to): (Ymd, Hm, Hm),
    speakers: &[&str],
) -> Result<(), DbErr> {
    let seed = EventSeed {
        slug,
        title,
        kind: "side_event",
        summary: "A side event of the network at the 20th AFML.",
        description: "",
        tz: Singapore,
        starts: (on, from),
        ends: (on, to),
        venue_name: room,
        city: "Singapore",
        country: "SG",
        status: "published",
        visibility: "public",
        capacity: Some(40),
        registration_mode: "open",
        registration_window: None,
        working_languages: "en",
        interpretation_languages: "",
        organisations: &[(MMN, "organiser")],
        objectives: &[],
    };
    let event = insert_event(db, ids, &seed, Some(parent)).await?;
    let session = insert_returning_id(
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
            event.into(),
            "panel".into(),
            title.into(),
            room.into(),
            "en".into(),
            local(Singapore, on, from)?.into(),
            local(Singapore, on, to)?.into(),
        ],
    )
    .await?;
    for (position, email) in (0i32..).zip(speakers) {
        insert_row(
            db,
            "session_roles",
            &["session_id", "person_id", "role", "position"],
            vec![
                session.into(),
                ids.person(email)?.into(),
                "speaker".into(),
                position.into(),
            ],
        )
        .await?;
    }
    Ok(())
}
