//! The registration form checked field by field: text in, typed values out. Checks that need
//! the reference lists (country, region) run in [`check_places`].
use entities::{countries, regions};
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::registration_types::RegistrationForm;
use crate::types::{Gender, Sector};
use crate::{validate, DomainError};

const MAX_SHORT: usize = 200;
const MAX_NOTE: usize = 1_000;
const MAX_PHONE: usize = 40;
const MAX_LANGUAGES: usize = 300;
const MAX_SUBMISSION_KEY: usize = 128;
const MIN_SUBMISSION_KEY: usize = 8;

/// A registration form that passed every check that needs no database.
#[derive(Debug, Clone)]
pub(super) struct Details {
    pub name_latin: String,
    pub name_native: Option<String>,
    pub email: String,
    pub phone: Option<String>,
    pub organisation: Option<String>,
    pub position: Option<String>,
    pub country_code: String,
    pub region_code: Option<String>,
    pub sector: Option<Sector>,
    pub gender: Option<Gender>,
    /// Codes of [`crate::languages::LANGUAGES`], comma-separated, each once, in list order.
    pub languages: String,
    /// Codes, as `languages`.
    pub interpretation_needed: String,
    pub dietary: String,
    pub accessibility: String,
    pub travel_support: bool,
    pub consent: bool,
    pub public_name_consent: bool,
    pub submission_key: Option<String>,
    /// The form's language tag, known or English.
    pub locale: String,
}

/// Checks every field in form order, so the first error is the topmost field.
/// `consent_required`: registering needs the privacy consent; editing one's details does not
/// (it was given when registering).
pub(super) fn check(
    form: &RegistrationForm,
    consent_required: bool,
) -> Result<Details, DomainError> {
    let details = Details {
        name_latin: name("name_latin", &form.name_latin)?
            .ok_or_else(|| DomainError::validation("name_latin", "required"))?,
        name_native: name("name_native", &form.name_native)?,
        email: validate::email("email", &form.email)?,
        phone: phone(&form.phone)?,
        organisation: name("organisation", &form.organisation)?,
        position: optional_text("position", &form.position, MAX_SHORT, false)?,
        country_code: country_code(&form.country_code)?,
        region_code: region_code(&form.region_code)?,
        sector: choice("sector", &form.sector, Sector::parse)?,
        gender: choice("gender", &form.gender, Gender::parse)?,
        languages: languages("languages", &form.languages)?,
        interpretation_needed: languages("interpretation_needed", &form.interpretation_needed)?,
        dietary: optional_text("dietary", &form.dietary, MAX_NOTE, true)?.unwrap_or_default(),
        accessibility: optional_text("accessibility", &form.accessibility, MAX_NOTE, true)?
            .unwrap_or_default(),
        travel_support: ticked(&form.travel_support),
        consent: ticked(&form.consent),
        public_name_consent: ticked(&form.public_name_consent),
        submission_key: submission_key(&form.submission_key)?,
        locale: i18n::Locale::from_tag_or_english(&form.locale)
            .tag()
            .to_owned(),
    };
    if consent_required && !details.consent {
        return Err(DomainError::validation("consent", "consent-required"));
    }
    Ok(details)
}

/// The country must be in the reference list, and the region one of that country's.
pub(super) async fn check_places(
    db: &impl ConnectionTrait,
    details: &Details,
) -> Result<(), DomainError> {
    if countries::Entity::find_by_id(details.country_code.clone())
        .one(db)
        .await?
        .is_none()
    {
        return Err(DomainError::validation("country_code", "unknown-country"));
    }
    if let Some(code) = &details.region_code {
        match regions::Entity::find_by_id(code.clone()).one(db).await? {
            None => return Err(DomainError::validation("region_code", "unknown-region")),
            Some(region) if region.country_code != details.country_code => {
                return Err(DomainError::validation(
                    "region_code",
                    "region-not-in-country",
                ))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// A checkbox: browsers send `on` when ticked and nothing when not.
fn ticked(value: &Option<String>) -> bool {
    value
        .as_deref()
        .map(str::trim)
        .is_some_and(|v| !matches!(v, "" | "0" | "off" | "false"))
}

/// Trimmed text, None when empty; `multiline` lets line breaks and tabs through.
fn optional_text(
    field: &str,
    raw: &str,
    max: usize,
    multiline: bool,
) -> Result<Option<String>, DomainError> {
    let value = raw.trim();
    if value.chars().count() > max {
        return Err(DomainError::validation(field, "too-long"));
    }
    let allowed = |c: char| multiline && matches!(c, '\n' | '\r' | '\t');
    if value.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(DomainError::validation(field, "invalid-characters"));
    }
    Ok(Some(value.to_owned()).filter(|v| !v.is_empty()))
}

/// A name in any script. Control characters and the bidirectional overrides that could make
/// a name display as something else are refused; markup is just text (pages escape it).
fn name(field: &str, raw: &str) -> Result<Option<String>, DomainError> {
    let value = optional_text(field, raw, validate::MAX_NAME, false)?;
    let spoofing = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if value.as_deref().is_some_and(|v| v.chars().any(spoofing)) {
        return Err(DomainError::validation(field, "invalid-characters"));
    }
    Ok(value)
}

fn phone(raw: &str) -> Result<Option<String>, DomainError> {
    let Some(value) = optional_text("phone", raw, MAX_PHONE, false)? else {
        return Ok(None);
    };
    let shape = value
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.' | '/'));
    let digits = value.chars().filter(char::is_ascii_digit).count();
    if !shape || digits < 5 {
        return Err(DomainError::validation("phone", "invalid-phone"));
    }
    Ok(Some(value))
}

fn country_code(raw: &str) -> Result<String, DomainError> {
    let code = raw.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Err(DomainError::validation("country_code", "required"));
    }
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(DomainError::validation("country_code", "unknown-country"));
    }
    Ok(code)
}

fn region_code(raw: &str) -> Result<Option<String>, DomainError> {
    let code = raw.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Ok(None);
    }
    let shape = code.len() <= 6
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
    if !shape {
        return Err(DomainError::validation("region_code", "unknown-region"));
    }
    Ok(Some(code))
}

/// One value of a closed list, or None when left empty.
fn choice<T>(
    field: &str,
    raw: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>, DomainError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    parse(raw)
        .map(Some)
        .ok_or_else(|| DomainError::validation(field, "invalid-choice"))
}

/// Codes of the fixed list only: anything else is refused next to the field.
fn languages(field: &str, raw: &str) -> Result<String, DomainError> {
    if raw.chars().count() > MAX_LANGUAGES {
        return Err(DomainError::validation(field, "too-long"));
    }
    crate::languages::parse_codes(raw)
        .map(|codes| codes.join(","))
        .map_err(|_| DomainError::validation(field, "unknown-language"))
}

/// The form's idempotency key: letters, digits, '-' and '_' only.
fn submission_key(raw: &str) -> Result<Option<String>, DomainError> {
    let key = raw.trim();
    if key.is_empty() {
        return Ok(None);
    }
    let shape = (MIN_SUBMISSION_KEY..=MAX_SUBMISSION_KEY).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !shape {
        return Err(DomainError::validation(
            "submission_key",
            "invalid-submission-key",
        ));
    }
    Ok(Some(key.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> RegistrationForm {
        RegistrationForm {
            name_latin: "  Aye Aye Myint ".into(),
            name_native: "အေးအေးမြင့်".into(),
            email: "Aye@Example.org".into(),
            country_code: "mm".into(),
            languages: "my, EN,my,".into(),
            consent: Some("on".into()),
            ..Default::default()
        }
    }

    #[test]
    fn cleans_what_it_accepts() {
        let Ok(details) = check(&valid(), true) else {
            panic!("valid form refused");
        };
        assert_eq!(details.name_latin, "Aye Aye Myint");
        assert_eq!(details.email, "aye@example.org");
        assert_eq!(details.country_code, "MM");
        assert_eq!(details.languages, "en,my");
        let burmese = RegistrationForm {
            interpretation_needed: "Burmese".into(),
            ..valid()
        };
        assert_eq!(
            check(&burmese, true).err(),
            Some(DomainError::validation(
                "interpretation_needed",
                "unknown-language"
            ))
        );
        assert!(details.consent && !details.travel_support);
        let no_consent = RegistrationForm {
            consent: None,
            ..valid()
        };
        assert_eq!(
            check(&no_consent, true).err(),
            Some(DomainError::validation("consent", "consent-required"))
        );
        assert!(check(&no_consent, false).is_ok());
    }

    #[test]
    fn names_take_any_script_but_no_controls_or_overrides() {
        for ok in [
            "ສົມສັກ",
            "សុខ ចាន់",
            "<b>Robert'); DROP TABLE people;--</b>",
            "Nguyễn Thị",
        ] {
            assert!(name("name_latin", ok).is_ok(), "{ok:?} refused");
        }
        for bad in ["a\u{0}b", "a\nb", "abc\u{202E}def"] {
            assert!(name("name_latin", bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn checkboxes() {
        assert!(ticked(&Some("on".into())));
        assert!(!ticked(&Some("off".into())));
        assert!(!ticked(&None));
    }

    #[test]
    fn phones() {
        assert!(phone("+66 (0)53 123-456").is_ok());
        assert!(phone("call me").is_err());
        assert!(phone("12").is_err());
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        /// The form's own fields, as the browser names them (`form[name_latin]`, ...).
        fn form_fields() -> Vec<String> {
            match serde_json::to_value(RegistrationForm::default()) {
                Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
                _ => Vec::new(),
            }
        }

        /// A field's text: often a value that passes (so later fields get checked too),
        /// otherwise anything, weighted towards controls, overrides and long text.
        fn field(good: &'static str) -> impl Strategy<Value = String> {
            prop_oneof![
                2 => Just(good.to_owned()),
                2 => any::<String>(),
                1 => "[a-zA-Z0-9 @.+_,\u{0}\n\t\u{202e}\u{85}\u{1000}-\u{109f}-]{0,20}",
                1 => (190..1_100usize).prop_map(|n| "ກ".repeat(n)),
            ]
        }

        fn ticked() -> impl Strategy<Value = Option<String>> {
            prop_oneof![
                Just(None),
                Just(Some("on".to_owned())),
                any::<String>().prop_map(Some)
            ]
        }

        prop_compose! {
            fn form()(
                people in (
                    field("Aye Aye Myint"), field("အေးအေးမြင့်"), field("Aye@Example.org"),
                    field("+95 9 123 456"), field("MMN"), field("Organiser"),
                ),
                places in (field("mm"), field("MM-06"), field("cso_ngo"), field("female")),
                notes in (field("my, en"), field("th"), field("none"), field("ramp")),
                ticks in (ticked(), ticked(), ticked()),
                key in field("submission-key-0001"),
                locale in field("my"),
            ) -> RegistrationForm {
                let (name_latin, name_native, email, phone, organisation, position) = people;
                let (country_code, region_code, sector, gender) = places;
                let (languages, interpretation_needed, dietary, accessibility) = notes;
                let (travel_support, consent, public_name_consent) = ticks;
                RegistrationForm {
                    name_latin, name_native, email, phone, organisation, position,
                    country_code, region_code, sector, gender, languages,
                    interpretation_needed, dietary, accessibility,
                    travel_support, consent, public_name_consent,
                    submission_key: key, locale, ..Default::default()
                }
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig {
                cases: 512,
                failure_persistence: None,
                ..ProptestConfig::default()
            })]

            /// Any text in every field: the form passes with cleaned values, or the refusal
            /// names one of the form's own fields.
            #[test]
            fn any_form_passes_clean_or_is_refused_on_one_of_its_fields(
                form in form(),
                consent_required in any::<bool>(),
            ) {
                match check(&form, consent_required) {
                    Ok(d) => {
                        prop_assert!(!d.name_latin.is_empty());
                        prop_assert_eq!(d.name_latin.trim(), d.name_latin.as_str());
                        prop_assert!(d.name_latin.chars().count() <= validate::MAX_NAME);
                        prop_assert!(!d.name_latin.chars().any(char::is_control));
                        prop_assert_eq!(d.email.to_lowercase(), d.email.as_str());
                        prop_assert!(d.email.contains('@'));
                        prop_assert!(d.country_code.len() == 2
                            && d.country_code.bytes().all(|b| b.is_ascii_uppercase()));
                        prop_assert!(d.consent || !consent_required);
                        prop_assert!(d.dietary.chars().count() <= MAX_NOTE);
                        prop_assert!(i18n::Locale::from_tag_or_english(&d.locale).tag() == d.locale);
                    }
                    Err(DomainError::Validation { field, .. }) => {
                        prop_assert!(form_fields().contains(&field), "{:?} is no field", field);
                    }
                    Err(other) => prop_assert!(false, "{:?}", other),
                }
            }
        }
    }
}
