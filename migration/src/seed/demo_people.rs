//! Demo organisations and people. The organisations named in the network's reports are real
//! (MMN, AMC, AIT, CCC, Oxfam, ...); member organisations and every person are INVENTED,
//! with names in their own script and in Latin script, and fake `@example.org` addresses.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Asia::Bangkok;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbErr};
use sea_orm_migration::sea_query::{Expr, ExprTrait, Query};

use super::{insert_returning_id, local};

/// (name, acronym, country, sector, website)
type Org = (
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
    Option<&'static str>,
);

pub(super) const MMN: &str = "Mekong Migration Network";
pub(super) const AMC: &str = "Asian Migrant Centre";
pub(super) const AIT: &str = "Asian Institute of Technology";
pub(super) const CCC: &str = "Clean Clothes Campaign";
pub(super) const OXFAM: &str = "Oxfam";
pub(super) const TOYOTA_FOUNDATION: &str = "Toyota Foundation";

#[rustfmt::skip]
const ORGANISATIONS: &[Org] = &[
    // Named in the network's public reports.
    (MMN, Some("MMN"), "TH", "cso_ngo", Some("https://www.mekongmigration.org")),
    (AMC, Some("AMC"), "HK", "cso_ngo", None),
    (AIT, Some("AIT"), "TH", "academic_research", Some("https://www.ait.ac.th")),
    (CCC, Some("CCC"), "NL", "cso_ngo", Some("https://cleanclothes.org")),
    (OXFAM, None, "GB", "cso_ngo", Some("https://www.oxfam.org")),
    ("War on Want", None, "GB", "cso_ngo", None),
    ("Swiss Solidar", None, "CH", "donor", None),
    (TOYOTA_FOUNDATION, None, "JP", "donor", None),
    // Invented member and partner organisations.
    ("Phnom Penh Migrant Rights Forum", Some("PMRF"), "KH", "cso_ngo", None),
    ("Siem Reap Labour Rights Centre", None, "KH", "cso_ngo", None),
    ("Svay Rieng Returnee Migrants' Group", None, "KH", "migrant_workers_association", None),
    ("Chiang Mai Labour Rights Collective", Some("CLRC"), "TH", "cso_ngo", None),
    ("Mae Sot Migrant Workers' Federation", Some("MMWF"), "TH", "migrant_workers_association", None),
    ("Rayong Workers' Solidarity Group", None, "TH", "trade_union", None),
    ("Bangkok Migrant Health Project", None, "TH", "cso_ngo", None),
    ("Yangon Garment Workers' Association", Some("YGWA"), "MM", "trade_union", None),
    ("Yangon Legal Aid Circle", None, "MM", "cso_ngo", None),
    ("Hanoi Centre for Labour Studies", Some("HCLS"), "VN", "academic_research", None),
    ("Saigon Migrant Support Group", None, "VN", "cso_ngo", None),
    ("Vientiane Community Development Group", None, "LA", "cso_ngo", None),
    ("Yunnan Migration Research Institute", None, "CN", "academic_research", None),
    ("Manila Migrant Advocates Network", Some("MMAN"), "PH", "cso_ngo", None),
    ("Quezon City Overseas Workers' Families Association", None, "PH", "migrant_workers_association", None),
    ("Diliman Labour Studies Circle", None, "PH", "academic_research", None),
    ("Jakarta Domestic Workers' Union", Some("JDWU"), "ID", "trade_union", None),
    ("Java Migrant Families Forum", None, "ID", "cso_ngo", None),
    ("Kuala Lumpur Migrant Legal Aid", Some("KLMLA"), "MY", "cso_ngo", None),
    ("Penang Workers' Advice Centre", None, "MY", "cso_ngo", None),
];

/// The last migration [`mark_home`] needs.
const HOME_NEEDS: &str = "m20261207_000100_add_home_organisation";

/// Marks the Mekong Migration Network as the organisation Sala works for (the organiser of
/// the side events scheduled at forums), in a database migrated far enough to say so.
pub(super) async fn mark_home(
    db: &impl ConnectionTrait,
    organisations: &HashMap<&'static str, i64>,
) -> Result<(), DbErr> {
    if !super::migrated_to(db, HOME_NEEDS).await? {
        return Ok(());
    }
    let id = organisations
        .get(MMN)
        .copied()
        .ok_or_else(|| DbErr::Custom(format!("demo data: unknown organisation {MMN}")))?;
    let update = Query::update()
        .table("organisations")
        .value("home", true)
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    db.execute(&update).await?;
    Ok(())
}

/// An invented person. `email` is the key other demo tables refer to.
pub(super) struct Person {
    pub email: &'static str,
    pub latin: &'static str,
    pub native: Option<&'static str>,
    pub organisation: Option<&'static str>,
    pub position: &'static str,
    pub country: &'static str,
    pub region: Option<&'static str>,
    pub sector: &'static str,
    pub gender: &'static str,
    pub languages: &'static str,
    pub consent: bool,
}

#[allow(clippy::too_many_arguments)]
const fn p(
    email: &'static str,
    latin: &'static str,
    native: Option<&'static str>,
    organisation: Option<&'static str>,
    position: &'static str,
    (country, region): (&'static str, Option<&'static str>),
    sector: &'static str,
    gender: &'static str,
    languages: &'static str,
    consent: bool,
) -> Person {
    Person {
        email,
        latin,
        native,
        organisation,
        position,
        country,
        region,
        sector,
        gender,
        languages,
        consent,
    }
}

const CSO: &str = "cso_ngo";
const UNION: &str = "trade_union";
const MWA: &str = "migrant_workers_association";
const ACADEMIC: &str = "academic_research";

#[rustfmt::skip]
pub(super) const PEOPLE: &[Person] = &[
    // Secretariat, partners and resource persons.
    p("kanokwan.phromma@example.org", "Kanokwan Phromma", Some("กนกวรรณ พรหมมา"), Some(MMN), "Project Coordinator", ("TH", Some("TH-50")), CSO, "female", "th,en", true),
    p("su.su.hlaing@example.org", "Su Su Hlaing", Some("ဆုဆုလှိုင်"), Some(MMN), "Project Officer", ("MM", Some("MM-06")), CSO, "female", "my,en", true),
    p("chan.kayan@example.org", "Chan Ka Yan", Some("陳嘉欣"), Some(AMC), "Programme Officer", ("HK", None), CSO, "female", "zh-HK,en", true),
    p("nopporn.wattanasiri@example.org", "Nopporn Wattanasiri", Some("นพพร วัฒนศิริ"), Some(AIT), "Researcher", ("TH", None), ACADEMIC, "male", "th,en", true),
    p("souphaphone.keomany@example.org", "Souphaphone Keomany", Some("ສຸພາພອນ ແກ້ວມະນີ"), Some("Vientiane Community Development Group"), "Director", ("LA", Some("LA-VT")), CSO, "female", "lo,th,en", true),
    p("li.wenjing@example.org", "Li Wenjing", Some("李文静"), Some("Yunnan Migration Research Institute"), "Research Fellow", ("CN", Some("CN-YN")), ACADEMIC, "female", "zh,en", true),
    p("min.thu.aung@example.org", "Min Thu Aung", Some("မင်းသုအောင်"), Some("Yangon Garment Workers' Association"), "Organiser", ("MM", Some("MM-06")), UNION, "male", "my,en", false),
    // Trainees of "Advocacy with ASEAN" (2016): Cambodia.
    p("sok.chanthy@example.org", "Sok Chanthy", Some("សុខ ចន្ធី"), Some("Phnom Penh Migrant Rights Forum"), "Programme Officer", ("KH", Some("KH-12")), CSO, "female", "km,en", false),
    p("chea.sophal@example.org", "Chea Sophal", Some("ជា សុផល"), Some("Phnom Penh Migrant Rights Forum"), "Community Organiser", ("KH", Some("KH-12")), CSO, "male", "km,en", true),
    p("keo.sreymom@example.org", "Keo Sreymom", Some("កែវ ស្រីមុំ"), Some("Svay Rieng Returnee Migrants' Group"), "Volunteer", ("KH", Some("KH-20")), MWA, "female", "km,th", false),
    p("heng.vuthy@example.org", "Heng Vuthy", Some("ហេង វុទ្ធី"), Some("Phnom Penh Migrant Rights Forum"), "Legal Officer", ("KH", Some("KH-12")), CSO, "male", "km,en", true),
    p("phan.rachana@example.org", "Phan Rachana", Some("ផាន់ រចនា"), Some("Siem Reap Labour Rights Centre"), "Project Assistant", ("KH", Some("KH-17")), CSO, "female", "km,en", false),
    // Thailand.
    p("siriporn.kaewmanee@example.org", "Siriporn Kaewmanee", Some("ศิริพร แก้วมณี"), Some("Chiang Mai Labour Rights Collective"), "Advocacy Officer", ("TH", Some("TH-50")), CSO, "female", "th,en", true),
    p("anucha.thongdee@example.org", "Anucha Thongdee", Some("อนุชา ทองดี"), Some("Chiang Mai Labour Rights Collective"), "Project Officer", ("TH", Some("TH-50")), CSO, "male", "th,en", false),
    p("wanida.srisuk@example.org", "Wanida Srisuk", Some("วนิดา ศรีสุข"), Some("Mae Sot Migrant Workers' Federation"), "Volunteer Coordinator", ("TH", Some("TH-63")), CSO, "female", "th,my,en", false),
    p("prasert.chaiyaphum@example.org", "Prasert Chaiyaphum", Some("ประเสริฐ ชัยภูมิ"), Some("Rayong Workers' Solidarity Group"), "Union Organiser", ("TH", Some("TH-21")), UNION, "male", "th", false),
    // Myanmar.
    p("khin.myo.win@example.org", "Khin Myo Win", Some("ခင်မျိုးဝင်း"), Some("Mae Sot Migrant Workers' Federation"), "Migrant Worker Leader", ("MM", None), MWA, "female", "my,th", false),
    p("zaw.min.htet@example.org", "Zaw Min Htet", Some("ဇော်မင်းထက်"), Some("Yangon Garment Workers' Association"), "Education Officer", ("MM", Some("MM-06")), UNION, "male", "my,en", false),
    p("thandar.aung@example.org", "Thandar Aung", Some("သန္တာအောင်"), Some("Yangon Legal Aid Circle"), "Paralegal", ("MM", Some("MM-06")), CSO, "female", "my,en", true),
    p("kyaw.zin.oo@example.org", "Kyaw Zin Oo", Some("ကျော်ဇင်ဦး"), Some("Mae Sot Migrant Workers' Federation"), "Organiser", ("MM", None), MWA, "male", "my,th", false),
    // Vietnam.
    p("nguyen.thi.hoa@example.org", "Nguyen Thi Hoa", Some("Nguyễn Thị Hoa"), Some("Hanoi Centre for Labour Studies"), "Researcher", ("VN", None), ACADEMIC, "female", "vi,en", false),
    p("tran.van.minh@example.org", "Tran Van Minh", Some("Trần Văn Minh"), Some("Hanoi Centre for Labour Studies"), "Project Officer", ("VN", None), ACADEMIC, "male", "vi,en", false),
    p("le.thu.hang@example.org", "Le Thu Hang", Some("Lê Thu Hằng"), Some("Saigon Migrant Support Group"), "Counsellor", ("VN", None), CSO, "female", "vi", true),
    p("pham.quoc.bao@example.org", "Pham Quoc Bao", Some("Phạm Quốc Bảo"), Some("Hanoi Centre for Labour Studies"), "Research Assistant", ("VN", None), ACADEMIC, "male", "vi,en", false),
    // Participants of "Bottom of ASEAN" (2017) from outside the Mekong.
    p("lourdes.dizon@example.org", "Ma. Lourdes Dizon", None, Some("Manila Migrant Advocates Network"), "Executive Director", ("PH", None), CSO, "female", "tl,en", true),
    p("rina.puspitasari@example.org", "Rina Puspitasari", None, Some("Jakarta Domestic Workers' Union"), "Chairperson", ("ID", None), UNION, "female", "id,en", true),
    p("jose.manalo@example.org", "Jose Manalo", None, Some("Manila Migrant Advocates Network"), "Case Officer", ("PH", None), CSO, "male", "tl,en", false),
    p("carmela.bautista@example.org", "Carmela Bautista", None, Some("Quezon City Overseas Workers' Families Association"), "Member", ("PH", None), MWA, "female", "tl", false),
    p("ramon.villanueva@example.org", "Ramon Villanueva", None, Some("Diliman Labour Studies Circle"), "Lecturer", ("PH", None), ACADEMIC, "male", "tl,en", true),
    p("angelica.cruz@example.org", "Angelica Cruz", None, Some("Manila Migrant Advocates Network"), "Volunteer", ("PH", None), CSO, "female", "tl,en", false),
    p("paolo.garcia@example.org", "Paolo Garcia", None, Some("Quezon City Overseas Workers' Families Association"), "Secretary", ("PH", None), MWA, "male", "tl,en", false),
    p("maricel.ramos@example.org", "Maricel Ramos", None, None, "Returned domestic worker", ("PH", None), "other", "female", "tl", false),
    p("budi.santoso@example.org", "Budi Santoso", None, Some("Jakarta Domestic Workers' Union"), "Organiser", ("ID", None), UNION, "male", "id", false),
    p("siti.rahmawati@example.org", "Siti Rahmawati", None, Some("Jakarta Domestic Workers' Union"), "Member", ("ID", None), UNION, "female", "id", false),
    p("agus.wijaya@example.org", "Agus Wijaya", None, Some("Java Migrant Families Forum"), "Coordinator", ("ID", None), CSO, "male", "id,en", false),
    p("wahyu.hidayat@example.org", "Wahyu Hidayat", None, Some("Java Migrant Families Forum"), "Field Officer", ("ID", None), CSO, "male", "id", false),
    p("nurul.aziz@example.org", "Nurul Huda Abdul Aziz", None, Some("Kuala Lumpur Migrant Legal Aid"), "Lawyer", ("MY", None), CSO, "female", "ms,en", true),
    p("lim.meiling@example.org", "Lim Mei Ling", Some("林美玲"), Some("Kuala Lumpur Migrant Legal Aid"), "Caseworker", ("MY", None), CSO, "female", "ms,zh,en", false),
    p("ravi.subramaniam@example.org", "Ravi Subramaniam", Some("ரவி சுப்பிரமணியம்"), Some("Kuala Lumpur Migrant Legal Aid"), "Programme Manager", ("MY", None), CSO, "male", "ms,ta,en", true),
    p("farid.ismail@example.org", "Farid Ismail", None, Some("Penang Workers' Advice Centre"), "Advice Worker", ("MY", None), CSO, "male", "ms,en", false),
    p("chutima.boonmee@example.org", "Chutima Boonmee", Some("ชุติมา บุญมี"), Some("Bangkok Migrant Health Project"), "Health Educator", ("TH", Some("TH-10")), CSO, "female", "th,en", false),
    p("may.thu.zin@example.org", "May Thu Zin", Some("မေသူဇင်"), Some("Yangon Legal Aid Circle"), "Paralegal", ("MM", Some("MM-06")), CSO, "female", "my,en", false),
    p("do.van.long@example.org", "Do Van Long", Some("Đỗ Văn Long"), Some("Hanoi Centre for Labour Studies"), "Researcher", ("VN", None), ACADEMIC, "male", "vi,en", false),
    p("sorn.dara@example.org", "Sorn Dara", Some("សន ដារា"), Some("Siem Reap Labour Rights Centre"), "Outreach Worker", ("KH", Some("KH-17")), CSO, "male", "km,th", false),
];

/// When the demo records were "created": the network started using Sala in early 2016.
fn created_at() -> Result<DateTime<Utc>, DbErr> {
    local(Bangkok, (2016, 3, 1), (9, 0))
}

pub(super) async fn insert_organisations(
    db: &impl ConnectionTrait,
) -> Result<HashMap<&'static str, i64>, DbErr> {
    let created = created_at()?;
    let mut ids = HashMap::new();
    for (name, acronym, country, sector, website) in ORGANISATIONS {
        let id = insert_returning_id(
            db,
            "organisations",
            &[
                "name",
                "acronym",
                "country_code",
                "sector",
                "website",
                "created_at",
            ],
            vec![
                (*name).into(),
                (*acronym).into(),
                (*country).into(),
                (*sector).into(),
                (*website).into(),
                created.into(),
            ],
        )
        .await?;
        ids.insert(*name, id);
    }
    Ok(ids)
}

pub(super) async fn insert_people(
    db: &impl ConnectionTrait,
    organisations: &HashMap<&'static str, i64>,
) -> Result<HashMap<&'static str, i64>, DbErr> {
    let created = created_at()?;
    let mut ids = HashMap::new();
    for person in PEOPLE {
        let organisation_id =
            match person.organisation {
                Some(name) => Some(organisations.get(name).copied().ok_or_else(|| {
                    DbErr::Custom(format!("demo data: unknown organisation {name}"))
                })?),
                None => None,
            };
        let id = insert_returning_id(
            db,
            "people",
            &[
                "name_latin",
                "name_native",
                "email",
                "organisation_id",
                "position",
                "country_code",
                "region_code",
                "sector",
                "gender",
                "languages",
                "public_name_consent",
                "created_at",
                "updated_at",
            ],
            vec![
                person.latin.into(),
                person.native.into(),
                person.email.into(),
                organisation_id.into(),
                person.position.into(),
                person.country.into(),
                person.region.into(),
                person.sector.into(),
                person.gender.into(),
                person.languages.into(),
                person.consent.into(),
                created.into(),
                created.into(),
            ],
        )
        .await?;
        ids.insert(person.email, id);
    }
    Ok(ids)
}
