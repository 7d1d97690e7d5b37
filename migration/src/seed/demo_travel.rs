//! The 2016 training's logistics: the 17 trainees' travel to Bangkok (flights from Yangon and
//! Hanoi or Ho Chi Minh City, buses from Phnom Penh, Thai trainees by bus or train), four
//! Myanmar trainees needing visas (passport numbers invented), twin rooms shared by gender at
//! one hotel, per diems of 1,000 THB a day counted from attendance and bus fares refunded in
//! USD, all marked paid, with one refund corrected after a receipt was re-read.
use chrono_tz::Asia::Bangkok;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbErr};
use sea_orm_migration::sea_query::{Expr, ExprTrait, Query};

use super::{day, insert_returning_id, insert_row, local};

/// (email, from city, from country, nationality, arrival means, arrival number, passport).
type Trip = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

const TRIPS: &[Trip] = &[
    (
        "sok.chanthy@example.org",
        "Phnom Penh",
        "Cambodia",
        "Cambodian",
        "bus",
        "Giant Ibis PP-BKK",
        None,
    ),
    (
        "chea.sophal@example.org",
        "Phnom Penh",
        "Cambodia",
        "Cambodian",
        "bus",
        "Giant Ibis PP-BKK",
        None,
    ),
    (
        "keo.sreymom@example.org",
        "Phnom Penh",
        "Cambodia",
        "Cambodian",
        "bus",
        "Giant Ibis PP-BKK",
        None,
    ),
    (
        "heng.vuthy@example.org",
        "Siem Reap",
        "Cambodia",
        "Cambodian",
        "bus",
        "Nattakan SR-BKK",
        None,
    ),
    (
        "phan.rachana@example.org",
        "Phnom Penh",
        "Cambodia",
        "Cambodian",
        "flight",
        "PG 932",
        None,
    ),
    (
        "siriporn.kaewmanee@example.org",
        "Chiang Mai",
        "Thailand",
        "Thai",
        "train",
        "Special Express 10",
        None,
    ),
    (
        "anucha.thongdee@example.org",
        "Mae Sot",
        "Thailand",
        "Thai",
        "bus",
        "Green Bus 905",
        None,
    ),
    (
        "wanida.srisuk@example.org",
        "Chiang Mai",
        "Thailand",
        "Thai",
        "flight",
        "FD 3438",
        None,
    ),
    (
        "prasert.chaiyaphum@example.org",
        "Rayong",
        "Thailand",
        "Thai",
        "bus",
        "Cherdchai 99",
        None,
    ),
    (
        "khin.myo.win@example.org",
        "Yangon",
        "Myanmar",
        "Myanmar",
        "flight",
        "PG 702",
        Some("MB112233"),
    ),
    (
        "zaw.min.htet@example.org",
        "Yangon",
        "Myanmar",
        "Myanmar",
        "flight",
        "PG 702",
        Some("MC445566"),
    ),
    (
        "thandar.aung@example.org",
        "Yangon",
        "Myanmar",
        "Myanmar",
        "flight",
        "TG 304",
        Some("MD778899"),
    ),
    (
        "kyaw.zin.oo@example.org",
        "Mawlamyine",
        "Myanmar",
        "Myanmar",
        "flight",
        "TG 304",
        Some("ME990011"),
    ),
    (
        "nguyen.thi.hoa@example.org",
        "Hanoi",
        "Vietnam",
        "Vietnamese",
        "flight",
        "VN 615",
        None,
    ),
    (
        "tran.van.minh@example.org",
        "Ho Chi Minh City",
        "Vietnam",
        "Vietnamese",
        "flight",
        "VJ 801",
        None,
    ),
    (
        "le.thu.hang@example.org",
        "Hanoi",
        "Vietnam",
        "Vietnamese",
        "flight",
        "VN 615",
        None,
    ),
    (
        "pham.quoc.bao@example.org",
        "Ho Chi Minh City",
        "Vietnam",
        "Vietnamese",
        "flight",
        "VJ 801",
        None,
    ),
];

/// The last migration the travel demo needs.
pub(super) const NEEDS: &str = "m20261206_000202_create_rooms_and_letterheads";

/// Inserts the trainees' travel, rooms and payments for the training `event_id`;
/// `trainees` are (email, registration id), `present` their days marked present.
pub(super) async fn insert(
    db: &impl ConnectionTrait,
    event_id: i64,
    trainees: &[(&str, i64)],
    present: &[(i64, i64)],
) -> Result<(), DbErr> {
    let updated = local(Bangkok, (2016, 5, 25), (10, 0))?;
    let mut genders: Vec<(String, i64)> = Vec::new();
    for (i, (email, reg)) in trainees.iter().enumerate() {
        let Some(trip) = TRIPS.iter().find(|t| t.0 == *email) else {
            continue;
        };
        let (_, city, country, nationality, means, number, passport) = *trip;
        // Most arrive the evening before; the bus from Phnom Penh comes in late.
        let arrival = if means == "bus" && country == "Cambodia" {
            (20, 30)
        } else {
            (17, (i as u32 % 4) * 10)
        };
        let departure = if means == "flight" {
            (2016, 6, 9)
        } else {
            (2016, 6, 8)
        };
        let arrangement = if means == "bus" || means == "train" {
            "refund"
        } else {
            "network_books"
        };
        insert_row(
            db,
            "travel_details",
            &[
                "registration_id",
                "from_city",
                "from_country",
                "nationality",
                "visa_needed",
                "arrival_at",
                "arrival_means",
                "arrival_number",
                "departure_at",
                "departure_means",
                "departure_number",
                "arrangement",
                "passport_name",
                "passport_number",
                "updated_at",
            ],
            vec![
                (*reg).into(),
                city.into(),
                country.into(),
                nationality.into(),
                passport.is_some().into(),
                local(Bangkok, (2016, 6, 3), arrival)?.into(),
                means.into(),
                number.into(),
                local(
                    Bangkok,
                    departure,
                    if means == "flight" { (11, 45) } else { (19, 0) },
                )?
                .into(),
                means.into(),
                number.into(),
                arrangement.into(),
                Expr::value(""),
                Expr::value(passport.map(str::to_owned)),
                updated.into(),
            ],
        )
        .await?;
        let gender: Option<String> = db
            .query_one(
                &Query::select()
                    .column("gender")
                    .from("people")
                    .and_where(Expr::col("email").eq(*email))
                    .to_owned(),
            )
            .await?
            .and_then(|row| row.try_get::<Option<String>>("", "gender").ok().flatten());
        genders.push((gender.unwrap_or_default(), *reg));
    }

    // One hotel, twin rooms shared by people of the same gender.
    let hotel = insert_returning_id(
        db,
        "hotels",
        &["event_id", "name", "address"],
        vec![
            event_id.into(),
            "Pratunam Park Hotel (demo)".into(),
            "Ratchaprarop Road, Ratchathewi, Bangkok".into(),
        ],
    )
    .await?;
    genders.sort();
    let mut number = 301;
    let mut i = 0;
    while i < genders.len() {
        let pair = if i + 1 < genders.len() && genders[i].0 == genders[i + 1].0 {
            2
        } else {
            1
        };
        let room = insert_returning_id(
            db,
            "rooms",
            &["hotel_id", "label", "room_type", "capacity"],
            vec![
                hotel.into(),
                number.to_string().into(),
                "Twin".into(),
                2.into(),
            ],
        )
        .await?;
        for (_, reg) in &genders[i..i + pair] {
            insert_row(
                db,
                "room_assignments",
                &["room_id", "registration_id", "check_in", "check_out"],
                vec![
                    room.into(),
                    (*reg).into(),
                    day((2016, 6, 3))?.into(),
                    day((2016, 6, 8))?.into(),
                ],
            )
            .await?;
        }
        number += 1;
        i += pair;
    }

    // The letterhead every event's visa letters use unless it has its own.
    insert_row(
        db,
        "letterheads",
        &["organisation", "address", "signatory", "signatory_title"],
        vec![
            "Mekong Migration Network".into(),
            "Foundation for Migrants from the Mekong Neighbourhood, Chiang Mai, Thailand".into(),
            "Dara Phommachanh".into(),
            "Regional Coordinator".into(),
        ],
    )
    .await?;
    insert_row(
        db,
        "per_diem_rates",
        &["event_id", "currency", "daily_amount", "basis"],
        vec![
            event_id.into(),
            "THB".into(),
            100_000_i64.into(),
            "attendance".into(),
        ],
    )
    .await?;
    let paid = local(Bangkok, (2016, 6, 8), (16, 30))?;
    let pay = |reg: i64,
               kind: &'static str,
               currency: &'static str,
               amount: i64,
               days: Option<i32>,
               receipt: String,
               corrects: Option<i64>| {
        insert_returning_id(
            db,
            "travel_payments",
            &[
                "registration_id",
                "kind",
                "currency",
                "amount",
                "days",
                "receipt",
                "corrects_id",
                "created_at",
                "paid_at",
            ],
            vec![
                reg.into(),
                kind.into(),
                currency.into(),
                amount.into(),
                Expr::value(days),
                receipt.into(),
                Expr::value(corrects),
                updated.into(),
                paid.into(),
            ],
        )
    };
    for (reg, days) in present {
        pay(
            *reg,
            "per_diem",
            "THB",
            100_000 * days,
            i32::try_from(*days).ok(),
            String::new(),
            None,
        )
        .await?;
    }
    let mut receipt = 1;
    for (email, reg) in trainees {
        let Some(trip) = TRIPS.iter().find(|t| t.0 == *email) else {
            continue;
        };
        if trip.4 == "flight" {
            continue;
        }
        let fare = if trip.2 == "Cambodia" { 6_400 } else { 2_800 };
        let id = pay(
            *reg,
            "refund",
            "USD",
            fare,
            None,
            format!("2016-R{receipt:03}"),
            None,
        )
        .await?;
        // The first receipt was misread: 64.00 entered, 46.00 paid back... corrected by a new row.
        if receipt == 1 {
            pay(
                *reg,
                "refund",
                "USD",
                -1_800,
                None,
                format!("2016-R{receipt:03}"),
                Some(id),
            )
            .await?;
        }
        receipt += 1;
    }
    Ok(())
}
