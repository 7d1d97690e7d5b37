//! Demo events: titles, dates, places and organisers come from the network's public record;
//! agendas are plausible reconstructions and every participant is invented.

use chrono_tz::Asia::{Bangkok, Manila, Yangon};
use sea_orm_migration::sea_orm::{ConnectionTrait, DbErr};
use sea_orm_migration::sea_query::{Expr, ExprTrait, Query};

use super::demo_insert::{
    insert_agenda, insert_attendance, insert_event, insert_registration, slot, EventSeed, Ymd,
};
use super::demo_people::{AIT, AMC, MMN, OXFAM};
use super::{insert_returning_id, insert_row, local, Ids};

const KANOKWAN: &str = "kanokwan.phromma@example.org";
const SUSU: &str = "su.su.hlaing@example.org";
const KAYAN: &str = "chan.kayan@example.org";
const NOPPORN: &str = "nopporn.wattanasiri@example.org";
const SOUPHAPHONE: &str = "souphaphone.keomany@example.org";
const WENJING: &str = "li.wenjing@example.org";
const SIRIPORN: &str = "siriporn.kaewmanee@example.org";

pub(super) async fn insert_all(db: &impl ConnectionTrait, ids: &Ids) -> Result<(), DbErr> {
    advocacy_with_asean(db, ids).await?;
    sez_consultation(db, ids).await?;
    acsc_apf(db, ids).await?;
    access_to_justice(db, ids).await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Training: "Advocacy with ASEAN", Bangkok, 4-8 June 2016.

/// The training's own application questions, and each trainee's answers (written by the
/// applicants, some in their own language).
async fn insert_training_questions(
    db: &impl ConnectionTrait,
    event_id: i64,
    trainees: &[(&str, i64)],
) -> Result<(), DbErr> {
    let questions: [(&str, &str, &str, bool); 3] = [
        (
            "Why do you want to join this training, and how will you use it in your work?",
            "text",
            "",
            true,
        ),
        (
            "Which ASEAN bodies has your organisation engaged with?",
            "multi",
            "None yet\nAICHR\nACWC\nACMW\nASEAN Forum on Migrant Labour",
            false,
        ),
        ("Can you attend all five days?", "yes_no", "", true),
    ];
    let mut question_ids = Vec::new();
    for (position, (label, kind, options, required)) in questions.iter().enumerate() {
        let id = insert_returning_id(
            db,
            "event_questions",
            &[
                "event_id", "position", "label", "kind", "options", "required",
            ],
            vec![
                event_id.into(),
                i32::try_from(position).unwrap_or(0).into(),
                (*label).into(),
                (*kind).into(),
                (*options).into(),
                (*required).into(),
            ],
        )
        .await?;
        question_ids.push(id);
    }
    const WHY: &[&str] = &[
        "Our union meets Cambodian migrants returning from Thailand every week; I want to bring their cases to ASEAN meetings.",
        "ខ្ញុំចង់រៀនពីរបៀបធ្វើការតស៊ូមតិជាមួយអាស៊ាន ដើម្បីជួយពលករចំណាកស្រុក។",
        "I coordinate a shelter for returned women migrants and want to learn how to use the ACWC.",
        "To prepare our submissions to the AFML with other organisations in the network.",
        "I am new to ASEAN advocacy and want to link our legal aid cases to regional policy.",
        "เพื่อนำความรู้ไปใช้ในการรณรงค์เรื่องสิทธิแรงงานข้ามชาติในภาคเหนือของประเทศไทย",
    ];
    const BODIES: &[&str] = &[
        "AICHR\nASEAN Forum on Migrant Labour",
        "None yet",
        "ACWC",
        "ASEAN Forum on Migrant Labour",
        "None yet",
        "ACMW\nASEAN Forum on Migrant Labour",
    ];
    for (i, (_, registration_id)) in trainees.iter().enumerate() {
        let answers = [
            WHY[i % WHY.len()],
            BODIES[i % BODIES.len()],
            if i % 7 == 3 { "no" } else { "yes" },
        ];
        for (question_id, value) in question_ids.iter().zip(answers) {
            insert_row(
                db,
                "registration_answers",
                &["registration_id", "question_id", "value"],
                vec![
                    (*registration_id).into(),
                    (*question_id).into(),
                    value.into(),
                ],
            )
            .await?;
        }
    }
    Ok(())
}

const TRAINEES: &[&str] = &[
    "sok.chanthy@example.org",
    "chea.sophal@example.org",
    "keo.sreymom@example.org",
    "heng.vuthy@example.org",
    "phan.rachana@example.org",
    SIRIPORN,
    "anucha.thongdee@example.org",
    "wanida.srisuk@example.org",
    "prasert.chaiyaphum@example.org",
    "khin.myo.win@example.org",
    "zaw.min.htet@example.org",
    "thandar.aung@example.org",
    "kyaw.zin.oo@example.org",
    "nguyen.thi.hoa@example.org",
    "tran.van.minh@example.org",
    "le.thu.hang@example.org",
    "pham.quoc.bao@example.org",
];

async fn advocacy_with_asean(db: &impl ConnectionTrait, ids: &Ids) -> Result<(), DbErr> {
    let event = EventSeed {
        slug: "advocacy-with-asean-2016",
        title: "Advocacy with ASEAN",
        kind: "training",
        summary: "A five-day training for advocates from Cambodia, Thailand, Myanmar and Vietnam \
                  on engaging ASEAN bodies for the rights of migrant workers.",
        description: "Trainees were selected on their prior knowledge and experience of \
                      migration issues and are expected to stay engaged in the network's \
                      advocacy after the training.",
        tz: Bangkok,
        starts: ((2016, 6, 4), (9, 0)),
        ends: ((2016, 6, 8), (17, 0)),
        venue_name: "",
        city: "Bangkok",
        country: "TH",
        status: "closed",
        visibility: "public",
        capacity: Some(20),
        registration_mode: "application",
        registration_window: Some((((2016, 3, 15), (9, 0)), ((2016, 4, 30), (17, 0)))),
        working_languages: "en",
        interpretation_languages: "km,th,my,vi",
        organisations: &[(MMN, "organiser")],
        objectives: &[
            "To deepen participants' understanding of ASEAN's structures and of the regional \
             mechanisms relevant to migrant workers.",
            "To build skills in preparing and presenting advocacy recommendations to ASEAN \
             bodies such as the AFML, AICHR and ACWC.",
            "To form a group of trained advocates who stay engaged in the network's follow-up \
             advocacy.",
        ],
    };
    let event_id = insert_event(db, ids, &event, None).await?;

    let days: [Ymd; 5] = [
        (2016, 6, 4),
        (2016, 6, 5),
        (2016, 6, 6),
        (2016, 6, 7),
        (2016, 6, 8),
    ];
    let [d1, d2, d3, d4, d5] = days;
    const FACILITATOR: &[(&str, &str)] = &[(KANOKWAN, "facilitator")];
    const RAPPORTEUR: &[(&str, &str)] = &[(SUSU, "rapporteur")];
    const KAYAN_RP: &[(&str, &str)] = &[(KAYAN, "resource_person")];
    const SOUPHAPHONE_RP: &[(&str, &str)] = &[(SOUPHAPHONE, "resource_person")];
    #[rustfmt::skip]
    let mut agenda = vec![
        slot("opening", "Opening, introductions and expectations", d1, (9, 0), (9, 45), FACILITATOR),
        slot("presentation", "Why ASEAN matters for migrant workers in the Mekong", d1, (9, 45), (10, 30), &[(KANOKWAN, "speaker")]),
        slot("presentation", "ASEAN 101: the ASEAN Community, its pillars and how decisions are made", d1, (10, 45), (12, 0), KAYAN_RP),
        slot("group_work", "Mapping migration issues in our countries", d1, (13, 0), (15, 0), FACILITATOR),
        slot("report_back", "Country groups report back", d1, (15, 15), (17, 0), RAPPORTEUR),
        slot("presentation", "ASEAN human rights bodies: AICHR and ACWC", d2, (9, 15), (10, 30), KAYAN_RP),
        slot("presentation", "The ASEAN Consensus on the Protection and Promotion of the Rights of Migrant Workers", d2, (10, 45), (12, 0), KAYAN_RP),
        slot("group_work", "Reading the Consensus against realities in our countries", d2, (13, 0), (15, 0), FACILITATOR),
        slot("report_back", "Group findings", d2, (15, 15), (17, 0), RAPPORTEUR),
        slot("presentation", "The ASEAN Forum on Migrant Labour: how civil society takes part", d3, (9, 15), (10, 30), SOUPHAPHONE_RP),
        slot("panel", "Experiences of advocacy at the AFML", d3, (10, 45), (12, 0), &[(SOUPHAPHONE, "panelist"), (KAYAN, "panelist"), (KANOKWAN, "moderator")]),
        slot("group_work", "Drafting recommendations", d3, (13, 0), (15, 0), FACILITATOR),
        slot("report_back", "Draft recommendations", d3, (15, 15), (17, 0), RAPPORTEUR),
        slot("presentation", "Advocacy strategies: messages, allies and timing", d4, (9, 15), (10, 30), SOUPHAPHONE_RP),
        slot("group_work", "Simulation: a tripartite dialogue at the AFML", d4, (10, 45), (12, 0), &[(KANOKWAN, "facilitator"), (SOUPHAPHONE, "facilitator")]),
        slot("presentation", "Working with the media", d4, (13, 0), (15, 0), KAYAN_RP),
        slot("qa", "Open questions to the resource persons", d4, (15, 15), (17, 0), &[(KAYAN, "resource_person"), (SOUPHAPHONE, "resource_person"), (KANOKWAN, "moderator")]),
        slot("group_work", "National follow-up plans", d5, (9, 15), (10, 30), FACILITATOR),
        slot("report_back", "Presenting national follow-up plans", d5, (10, 45), (12, 0), RAPPORTEUR),
        slot("plenary", "Staying engaged: the trainees' role in the network's advocacy", d5, (13, 0), (15, 0), &[(KANOKWAN, "moderator")]),
        slot("closing", "Evaluation and closing", d5, (15, 15), (17, 0), FACILITATOR),
    ];
    for (i, d) in days.into_iter().enumerate() {
        if i > 0 {
            agenda.push(slot(
                "plenary",
                "Recap of the previous day",
                d,
                (9, 0),
                (9, 15),
                RAPPORTEUR,
            ));
        }
        agenda.push(slot("break", "Coffee break", d, (10, 30), (10, 45), &[]));
        agenda.push(slot("meal", "Lunch", d, (12, 0), (13, 0), &[]));
        agenda.push(slot("break", "Coffee break", d, (15, 0), (15, 15), &[]));
    }
    insert_agenda(db, ids, event_id, event.tz, "Main room", &agenda).await?;

    // Trainees applied and were selected; staff and resource persons were invited.
    let applied = local(Bangkok, (2016, 4, 20), (10, 0))?;
    let selected = local(Bangkok, (2016, 5, 10), (14, 0))?;
    let mut trainee_ids = Vec::new();
    for email in TRAINEES {
        let id = insert_registration(
            db,
            ids,
            event_id,
            email,
            "trainee",
            "confirmed",
            applied,
            selected,
            &[None, Some("applied")],
        )
        .await?;
        trainee_ids.push((*email, id));
    }
    insert_training_questions(db, event_id, &trainee_ids).await?;
    for (email, role) in [
        (KANOKWAN, "organiser"),
        (SUSU, "organiser"),
        (KAYAN, "resource_person"),
        (SOUPHAPHONE, "resource_person"),
    ] {
        insert_registration(
            db,
            ids,
            event_id,
            email,
            role,
            "confirmed",
            applied,
            selected,
            &[None],
        )
        .await?;
    }

    // Daily sign-in sheets: two trainees missed a day.
    let mut present: Vec<(i64, i64)> = trainee_ids.iter().map(|(_, id)| (*id, 0)).collect();
    for d in days {
        for (i, (email, registration_id)) in trainee_ids.iter().enumerate() {
            let absent = (*email == "prasert.chaiyaphum@example.org" && d == d3)
                || (*email == "keo.sreymom@example.org" && d == d5);
            if !absent {
                insert_attendance(db, *registration_id, Bangkok, d, (8, 50)).await?;
                present[i].1 += 1;
            }
        }
    }
    // A database migrated only part of the way (the tests of earlier migrations load the demo
    // into an older schema) gets the training without its travel.
    if super::migrated_to(db, super::demo_travel::NEEDS).await? {
        super::demo_travel::insert(db, event_id, &trainee_ids, &present).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Consultation meeting: MMN-AIT project on SEZs and the garment industry, Yangon, 2018.

async fn sez_consultation(db: &impl ConnectionTrait, ids: &Ids) -> Result<(), DbErr> {
    let event = EventSeed {
        slug: "sez-consultation-yangon-2018",
        title:
            "Second Project Consultation Meeting: Special Economic Zones and the Garment Industry",
        kind: "consultation_meeting",
        summary: "Partners, secretariat and resource persons of the MMN-AIT project on special \
                  economic zones and the garment industry meet to review progress and plan \
                  the next phase.",
        description: "",
        tz: Yangon,
        starts: ((2018, 1, 13), (9, 0)),
        ends: ((2018, 1, 14), (15, 0)),
        venue_name: "Sagawa Meeting Spaces",
        city: "Yangon",
        country: "MM",
        status: "closed",
        visibility: "invite_only",
        capacity: Some(15),
        registration_mode: "invitation",
        registration_window: None,
        working_languages: "en",
        interpretation_languages: "my",
        organisations: &[(MMN, "organiser"), (AIT, "organiser")],
        objectives: &[
            "To share the progress of the project in each country since the first consultation \
             meeting.",
            "To review the preliminary research findings on special economic zones and the \
             garment industry.",
            "To plan the next round of data collection.",
            "To develop an advocacy strategy based on the findings.",
            "To agree on the work plan and budget for the coming period.",
        ],
    };
    let event_id = insert_event(db, ids, &event, None).await?;

    let (d1, d2) = ((2018, 1, 13), (2018, 1, 14));
    #[rustfmt::skip]
    let agenda = [
        slot("opening", "Welcome, introductions and objectives", d1, (9, 0), (9, 30), &[(KANOKWAN, "facilitator")]),
        slot("presentation", "Progress of the project in each country", d1, (9, 30), (10, 30), &[(SUSU, "speaker"), ("chea.sophal@example.org", "speaker"), ("anucha.thongdee@example.org", "speaker"), ("tran.van.minh@example.org", "speaker")]),
        slot("break", "Tea break", d1, (10, 30), (10, 45), &[]),
        slot("presentation", "Preliminary findings: special economic zones and the garment industry", d1, (10, 45), (12, 15), &[(NOPPORN, "speaker"), ("min.thu.aung@example.org", "speaker")]),
        slot("meal", "Lunch", d1, (12, 15), (13, 15), &[]),
        slot("group_work", "Reviewing the findings", d1, (13, 15), (15, 0), &[(NOPPORN, "facilitator")]),
        slot("break", "Tea break", d1, (15, 0), (15, 15), &[]),
        slot("plenary", "Planning the next round of data collection", d1, (15, 15), (17, 0), &[(NOPPORN, "moderator"), (SUSU, "rapporteur")]),
        slot("plenary", "Advocacy strategy", d2, (9, 0), (10, 30), &[(KANOKWAN, "facilitator")]),
        slot("break", "Tea break", d2, (10, 30), (10, 45), &[]),
        slot("group_work", "Advocacy targets and messages by country", d2, (10, 45), (12, 0), &[(KANOKWAN, "facilitator")]),
        slot("meal", "Lunch", d2, (12, 0), (13, 0), &[]),
        slot("plenary", "Work plan and budget", d2, (13, 0), (14, 30), &[(KANOKWAN, "speaker"), (SUSU, "rapporteur")]),
        slot("closing", "Wrap-up and closing", d2, (14, 30), (15, 0), &[(KANOKWAN, "facilitator")]),
    ];
    insert_agenda(db, ids, event_id, event.tz, "Meeting room", &agenda).await?;

    let invited = local(Yangon, (2017, 11, 20), (10, 0))?;
    let confirmed = local(Yangon, (2017, 12, 5), (10, 0))?;
    let people = [
        (KANOKWAN, "organiser"),
        (SUSU, "organiser"),
        (NOPPORN, "resource_person"),
        ("min.thu.aung@example.org", "participant"),
        ("khin.myo.win@example.org", "participant"),
        ("chea.sophal@example.org", "participant"),
        ("anucha.thongdee@example.org", "participant"),
        ("tran.van.minh@example.org", "participant"),
    ];
    for (email, role) in people {
        let id = insert_registration(
            db,
            ids,
            event_id,
            email,
            role,
            "confirmed",
            invited,
            confirmed,
            &[None, Some("invited")],
        )
        .await?;
        for d in [d1, d2] {
            insert_attendance(db, id, Yangon, d, (8, 45)).await?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Forum ACSC/APF 2017 and the network's side event "Bottom of ASEAN".

const SIDE_EVENT_PARTICIPANTS: &[&str] = &[
    "anucha.thongdee@example.org",
    "wanida.srisuk@example.org",
    "chutima.boonmee@example.org",
    "zaw.min.htet@example.org",
    "thandar.aung@example.org",
    "may.thu.zin@example.org",
    "nguyen.thi.hoa@example.org",
    "do.van.long@example.org",
    "sok.chanthy@example.org",
    "sorn.dara@example.org",
    "jose.manalo@example.org",
    "carmela.bautista@example.org",
    "ramon.villanueva@example.org",
    "angelica.cruz@example.org",
    "paolo.garcia@example.org",
    "maricel.ramos@example.org",
    "budi.santoso@example.org",
    "siti.rahmawati@example.org",
    "agus.wijaya@example.org",
    "wahyu.hidayat@example.org",
    "nurul.aziz@example.org",
    "lim.meiling@example.org",
    "ravi.subramaniam@example.org",
    "farid.ismail@example.org",
];

const PANEL: &[(&str, &str)] = &[
    (SIRIPORN, "panelist"),
    ("heng.vuthy@example.org", "panelist"),
    ("lourdes.dizon@example.org", "panelist"),
    ("rina.puspitasari@example.org", "panelist"),
    (KANOKWAN, "moderator"),
];

/// The migration that records whether the network organises or attends an event.
const ATTENDANCE_NEEDS: &str = "m20261206_000100_create_series";

async fn acsc_apf(db: &impl ConnectionTrait, ids: &Ids) -> Result<(), DbErr> {
    let forum = EventSeed {
        slug: "acsc-apf-2017",
        title: "ACSC/APF 2017",
        kind: "forum",
        summary: "ASEAN Civil Society Conference / ASEAN Peoples' Forum 2017.",
        description: "The network takes part in the forum and holds a side event.",
        tz: Manila,
        starts: ((2017, 11, 11), (9, 0)),
        ends: ((2017, 11, 13), (17, 0)),
        venue_name: "University of the Philippines Diliman",
        city: "Quezon City",
        country: "PH",
        status: "published",
        visibility: "public",
        capacity: None,
        registration_mode: "open",
        registration_window: None,
        working_languages: "en",
        interpretation_languages: "",
        organisations: &[],
        objectives: &[],
    };
    let forum_id = insert_event(db, ids, &forum, None).await?;
    // The forum is the region's civil society's, not the network's: it attends and holds a
    // side event (a database migrated far enough to record the difference says so).
    if super::migrated_to(db, ATTENDANCE_NEEDS).await? {
        let attended = Query::update()
            .table("events")
            .value("network_role", "attendee")
            .and_where(Expr::col("id").eq(forum_id))
            .to_owned();
        db.execute(&attended).await?;
    }

    let side_event = EventSeed {
        slug: "bottom-of-asean-2017",
        title: "Bottom of ASEAN",
        kind: "side_event",
        summary: "An interactive workshop at ACSC/APF 2017 on migrant workers at the bottom of \
                  ASEAN's labour markets, with a panel of four speakers and jointly agreed \
                  recommendations.",
        description: "The recommendations agreed at the end of the workshop were fed into the \
                      forum's Convergence Space statement.",
        tz: Manila,
        starts: ((2017, 11, 11), (13, 0)),
        ends: ((2017, 11, 11), (16, 0)),
        venue_name: "University of the Philippines Diliman",
        city: "Quezon City",
        country: "PH",
        status: "closed",
        visibility: "public",
        capacity: Some(40),
        registration_mode: "open",
        registration_window: None,
        working_languages: "en",
        interpretation_languages: "",
        organisations: &[(MMN, "organiser")],
        objectives: &[
            "To share the realities of migrant workers at the bottom of ASEAN's labour markets.",
            "To agree joint recommendations for the forum's Convergence Space statement.",
        ],
    };
    let event_id = insert_event(db, ids, &side_event, Some(forum_id)).await?;

    let d = (2017, 11, 11);
    #[rustfmt::skip]
    let agenda = [
        slot("opening", "Welcome and introductions", d, (13, 0), (13, 10), &[(KANOKWAN, "moderator")]),
        slot("group_work", "Interactive group activity: who is at the bottom of ASEAN?", d, (13, 10), (13, 50), &[(KANOKWAN, "facilitator")]),
        slot("panel", "Panel: migrant workers' rights in the ASEAN Community", d, (13, 50), (14, 50), PANEL),
        slot("qa", "Questions and answers", d, (14, 50), (15, 20), &[(KANOKWAN, "moderator")]),
        slot("plenary", "Agreeing joint recommendations", d, (15, 20), (15, 55), &[(KANOKWAN, "facilitator"), ("ramon.villanueva@example.org", "rapporteur")]),
        slot("closing", "Closing", d, (15, 55), (16, 0), &[]),
    ];
    insert_agenda(db, ids, event_id, Manila, "", &agenda).await?;

    let registered = local(Manila, (2017, 10, 25), (10, 0))?;
    let mut everyone: Vec<(&str, &str)> = PANEL.to_vec();
    everyone.extend(
        SIDE_EVENT_PARTICIPANTS
            .iter()
            .map(|email| (*email, "participant")),
    );
    for (email, role) in everyone {
        let id = insert_registration(
            db,
            ids,
            event_id,
            email,
            role,
            "confirmed",
            registered,
            registered,
            &[None],
        )
        .await?;
        insert_attendance(db, id, Manila, d, (12, 50)).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// An upcoming public workshop with registration open.

async fn access_to_justice(db: &impl ConnectionTrait, ids: &Ids) -> Result<(), DbErr> {
    let event = EventSeed {
        slug: "access-to-justice-2027",
        title: "Regional Workshop on Migrant Workers' Access to Justice",
        kind: "workshop",
        summary: "Two days for advocates, lawyers and migrant workers' groups from the Mekong to \
                  compare how migrant workers seek remedies and to agree joint recommendations.",
        description: "Simultaneous interpretation is provided. Travel support is available for \
                      a limited number of participants from migrant workers' associations.",
        tz: Bangkok,
        starts: ((2027, 3, 15), (9, 0)),
        ends: ((2027, 3, 16), (16, 0)),
        venue_name: "",
        city: "Chiang Mai",
        country: "TH",
        status: "published",
        visibility: "public",
        capacity: Some(60),
        registration_mode: "open",
        registration_window: Some((((2026, 11, 1), (0, 0)), ((2027, 2, 28), (23, 59)))),
        working_languages: "en",
        interpretation_languages: "th,my,km,lo,vi,zh",
        organisations: &[(MMN, "organiser"), (AMC, "co_organiser"), (OXFAM, "funder")],
        objectives: &[
            "To share experiences of migrant workers seeking remedies for labour rights \
             violations in the Mekong countries.",
            "To identify the barriers to justice that cross-border migrants face, and good \
             practices in overcoming them.",
            "To agree joint recommendations to governments and ASEAN bodies.",
        ],
    };
    let event_id = insert_event(db, ids, &event, None).await?;

    let (d1, d2) = ((2027, 3, 15), (2027, 3, 16));
    #[rustfmt::skip]
    let agenda = [
        slot("opening", "Opening and objectives", d1, (9, 0), (9, 30), &[(KANOKWAN, "facilitator")]),
        slot("panel", "Seeking justice across borders: what migrant workers face", d1, (9, 30), (10, 45), &[(SOUPHAPHONE, "panelist"), (WENJING, "panelist"), ("ravi.subramaniam@example.org", "panelist"), (SIRIPORN, "moderator")]),
        slot("break", "Coffee break", d1, (10, 45), (11, 0), &[]),
        slot("presentation", "Complaint mechanisms for migrant workers in Thailand", d1, (11, 0), (12, 30), &[(SIRIPORN, "speaker")]),
        slot("meal", "Lunch", d1, (12, 30), (13, 30), &[]),
        slot("group_work", "Case clinics: from complaint to remedy", d1, (13, 30), (15, 0), &[(KANOKWAN, "facilitator")]),
        slot("break", "Coffee break", d1, (15, 0), (15, 15), &[]),
        slot("report_back", "Case clinics report back", d1, (15, 15), (16, 30), &[]),
        slot("presentation", "Cross-border cooperation on legal aid in the Mekong", d2, (9, 0), (10, 30), &[(WENJING, "speaker")]),
        slot("break", "Coffee break", d2, (10, 30), (10, 45), &[]),
        slot("plenary", "Drafting joint recommendations", d2, (10, 45), (12, 30), &[(KANOKWAN, "facilitator")]),
        slot("meal", "Lunch", d2, (12, 30), (13, 30), &[]),
        slot("qa", "Open floor", d2, (13, 30), (15, 30), &[(SIRIPORN, "moderator")]),
        slot("closing", "Closing", d2, (15, 30), (16, 0), &[(KANOKWAN, "facilitator")]),
    ];
    insert_agenda(db, ids, event_id, event.tz, "Main hall", &agenda).await?;

    let registered = local(Bangkok, (2026, 11, 5), (10, 0))?;
    let registrations = [
        (KANOKWAN, "organiser", "confirmed"),
        (SIRIPORN, "speaker", "confirmed"),
        (SOUPHAPHONE, "panelist", "confirmed"),
        (WENJING, "speaker", "confirmed"),
        ("ravi.subramaniam@example.org", "panelist", "confirmed"),
        ("kyaw.zin.oo@example.org", "participant", "confirmed"),
        ("le.thu.hang@example.org", "participant", "confirmed"),
        ("keo.sreymom@example.org", "participant", "confirmed"),
        ("thandar.aung@example.org", "participant", "confirmed"),
        ("prasert.chaiyaphum@example.org", "participant", "confirmed"),
        ("nurul.aziz@example.org", "participant", "withdrawn"),
    ];
    for (email, role, status) in registrations {
        let history: &[Option<&str>] = if status == "withdrawn" {
            &[None, Some("confirmed")]
        } else {
            &[None]
        };
        insert_registration(
            db, ids, event_id, email, role, status, registered, registered, history,
        )
        .await?;
    }
    Ok(())
}
