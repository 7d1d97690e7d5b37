//! Translations of an event's own content (see [`crate::content_types`]): reading them to
//! show a page in the visitor's language, the coordinators' translations screen, and saving
//! it in one transaction.
use std::collections::HashMap;

use entities::{content_translations as ct, event_objectives, event_sessions, events};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use i18n::Locale;

use crate::content_types::{
    localise_detail, localise_questions, localise_summary, Field, LangProgress, Owner, OwnerKind,
    TranslationEditor, TranslationForm, TranslationRow, Translations,
};
use crate::question_types::Question;
use crate::types::{EventDetail, EventId, EventSummary};
use crate::DomainError;

fn owner_of(m: &ct::Model) -> Option<Owner> {
    OwnerKind::parse(&m.owner_kind).map(|kind| Owner::of(kind, m.owner_id))
}

/// The translations of events `ids` into `lang`, by event.
async fn load_many(
    db: &impl ConnectionTrait,
    ids: Vec<i64>,
    lang: Locale,
    only_event_fields: bool,
) -> Result<HashMap<i64, Translations>, DomainError> {
    let mut by_event: HashMap<i64, Translations> = HashMap::new();
    if lang == Locale::En || ids.is_empty() {
        return Ok(by_event);
    }
    let mut query = ct::Entity::find()
        .filter(ct::Column::EventId.is_in(ids))
        .filter(ct::Column::Locale.eq(lang.tag()));
    if only_event_fields {
        query = query.filter(ct::Column::OwnerKind.eq(OwnerKind::Event.as_str()));
    }
    for m in query.all(db).await? {
        if let (Some(owner), Some(field)) = (owner_of(&m), Field::parse(&m.field)) {
            by_event
                .entry(m.event_id)
                .or_default()
                .insert(owner, field, m.text);
        }
    }
    Ok(by_event)
}

/// One event's translations into `lang` (empty for English).
pub async fn translations(
    db: &impl ConnectionTrait,
    event: EventId,
    lang: Locale,
) -> Result<Translations, DomainError> {
    Ok(load_many(db, vec![event.0], lang, false)
        .await?
        .remove(&event.0)
        .unwrap_or_default())
}

/// The event and its agenda in `lang` where translated, English elsewhere.
pub async fn localise_event(
    db: &impl ConnectionTrait,
    detail: &mut EventDetail,
    lang: Locale,
) -> Result<(), DomainError> {
    let t = translations(db, detail.summary.id, lang).await?;
    localise_detail(detail, &t);
    Ok(())
}

/// Events of a list in `lang` where translated (one query for the whole list).
pub async fn localise_list(
    db: &impl ConnectionTrait,
    list: &mut [EventSummary],
    lang: Locale,
) -> Result<(), DomainError> {
    let ids = list.iter().map(|e| e.id.0).collect();
    let by_event = load_many(db, ids, lang, true).await?;
    for e in list {
        if let Some(t) = by_event.get(&e.id.0) {
            localise_summary(e, t);
        }
    }
    Ok(())
}

/// Each event's objectives (`by_event`) in `lang` where translated (one query for all).
pub async fn localise_objectives(
    db: &impl ConnectionTrait,
    by_event: &mut HashMap<i64, Vec<String>>,
    lang: Locale,
) -> Result<(), DomainError> {
    let ids = by_event.keys().copied().collect();
    let translated = load_many(db, ids, lang, true).await?;
    for (event, objectives) in by_event.iter_mut() {
        if let Some(t) = translated.get(event) {
            *objectives = t.objectives(objectives);
        }
    }
    Ok(())
}

/// An event's custom questions with labels and option words in `lang` where translated.
pub async fn localise_event_questions(
    db: &impl ConnectionTrait,
    event: EventId,
    questions: &mut [Question],
    lang: Locale,
) -> Result<(), DomainError> {
    let t = translations(db, event, lang).await?;
    localise_questions(questions, &t);
    Ok(())
}

/// The languages (besides English) with at least one translated text, in the usual order.
pub async fn languages(
    db: &impl ConnectionTrait,
    event: EventId,
) -> Result<Vec<Locale>, DomainError> {
    let mut found: Vec<Locale> = ct::Entity::find()
        .filter(ct::Column::EventId.eq(event.0))
        .all(db)
        .await?
        .iter()
        .filter_map(|m| Locale::from_tag(&m.locale))
        .filter(|l| *l != Locale::En)
        .collect();
    found.sort();
    found.dedup();
    Ok(found)
}

/// Every translatable text of the event with its English original (blank originals left
/// out: nothing to translate), translations empty.
async fn originals(
    db: &impl ConnectionTrait,
    event: &events::Model,
) -> Result<Vec<TranslationRow>, DomainError> {
    let row = |owner, field, original: &str| TranslationRow {
        owner,
        field,
        original: original.to_owned(),
        translation: String::new(),
    };
    let objectives: Vec<String> = event_objectives::Entity::find()
        .filter(event_objectives::Column::EventId.eq(event.id))
        .order_by_asc(event_objectives::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.text)
        .collect();
    let mut rows = vec![
        row(Owner::Event, Field::Title, &event.title),
        row(Owner::Event, Field::Summary, &event.summary),
        row(Owner::Event, Field::Description, &event.description),
        row(Owner::Event, Field::Objectives, &objectives.join("\n")),
    ];
    for s in event_sessions::Entity::find()
        .filter(event_sessions::Column::EventId.eq(event.id))
        .order_by_asc(event_sessions::Column::StartsAt)
        .order_by_asc(event_sessions::Column::Id)
        .all(db)
        .await?
    {
        rows.push(row(Owner::Session(s.id), Field::Title, &s.title));
    }
    for q in super::questions::of_event(db, EventId(event.id)).await? {
        rows.push(row(Owner::Question(q.id), Field::Label, &q.label));
        if q.kind.has_options() {
            rows.push(row(
                Owner::Question(q.id),
                Field::Options,
                &q.options.join("\n"),
            ));
        }
    }
    rows.retain(|r| !r.original.trim().is_empty());
    Ok(rows)
}

fn requested(lang: &str) -> Result<Locale, DomainError> {
    Locale::from_tag(lang)
        .filter(|l| *l != Locale::En)
        .ok_or_else(|| DomainError::validation("lang", "invalid-choice"))
}

async fn event_by_id(db: &impl ConnectionTrait, id: EventId) -> Result<events::Model, DomainError> {
    events::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// The translations screen of `event` in `lang` (a tag; not English), with how far each
/// language has got.
pub async fn editor(
    db: &impl ConnectionTrait,
    event: EventId,
    lang: &str,
) -> Result<TranslationEditor, DomainError> {
    let lang = requested(lang)?;
    let model = event_by_id(db, event).await?;
    let mut rows = originals(db, &model).await?;
    let all = ct::Entity::find()
        .filter(ct::Column::EventId.eq(event.0))
        .all(db)
        .await?;
    let text_of = |l: Locale, r: &TranslationRow| {
        all.iter()
            .find(|m| {
                m.locale == l.tag() && owner_of(m) == Some(r.owner) && m.field == r.field.as_str()
            })
            .map(|m| m.text.clone())
    };
    let progress = Locale::TRANSLATED
        .iter()
        .map(|&l| LangProgress {
            lang: l,
            done: rows
                .iter()
                .filter(|r| text_of(l, r).is_some_and(|t| !t.trim().is_empty()))
                .count(),
            total: rows.len(),
        })
        .collect();
    for r in &mut rows {
        r.translation = text_of(lang, r).unwrap_or_default();
    }
    Ok(TranslationEditor {
        event: super::events::to_summary(model)?,
        lang,
        rows,
        progress,
    })
}

/// A translation as typed, checked like the original: trimmed, at most as long, no control
/// characters (line breaks only where the original may have them); a choice question's
/// options line by line, as many lines as the English options.
fn check(row: &TranslationRow, raw: &str) -> Result<String, DomainError> {
    let key = row.key();
    let fail = |message: &str| DomainError::validation(&key, message);
    let text = raw.trim().replace("\r\n", "\n");
    let multiline = row.field.multiline();
    if text
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\t')))
    {
        return Err(fail("invalid-characters"));
    }
    if row.field.one_per_line() {
        if text.is_empty() {
            return Ok(text);
        }
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        if lines.len() != row.original.lines().count() {
            return Err(fail(if row.field == Field::Objectives {
                "objectives-count"
            } else {
                "options-count"
            }));
        }
        if lines
            .iter()
            .any(|l| l.chars().count() > row.field.max_len())
        {
            return Err(fail("too-long"));
        }
        return Ok(lines.join("\n"));
    }
    if text.chars().count() > row.field.max_len() {
        return Err(fail("too-long"));
    }
    Ok(text)
}

/// Saves the translations form of `event`: every text is checked first (a refusal names
/// its field key and changes nothing), then all are written in one transaction. A blank
/// field removes that translation; texts the form does not carry are left alone.
pub async fn save<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    event: EventId,
    form: &TranslationForm,
) -> Result<(), DomainError> {
    let lang = requested(&form.lang)?;
    let txn = super::db::begin_write(db).await?;
    let model = event_by_id(&txn, event).await?;
    let rows = originals(&txn, &model).await?;
    // One field per text, plus a little slack: more is not a coordinator typing.
    if form.fields.len() > rows.len() + 8 {
        return Err(DomainError::validation("lang", "too-many"));
    }
    let mut writes = Vec::new();
    for row in &rows {
        if let Some(raw) = form.fields.get(&row.key()) {
            writes.push((row, check(row, raw)?));
        }
    }
    for (row, text) in writes {
        let (kind, id) = row.owner.kind();
        let owner_id = id.unwrap_or(event.0);
        ct::Entity::delete_many()
            .filter(ct::Column::OwnerKind.eq(kind.as_str()))
            .filter(ct::Column::OwnerId.eq(owner_id))
            .filter(ct::Column::Field.eq(row.field.as_str()))
            .filter(ct::Column::Locale.eq(lang.tag()))
            .exec(&txn)
            .await?;
        if text.is_empty() {
            continue;
        }
        ct::ActiveModel {
            event_id: Set(event.0),
            owner_kind: Set(kind.as_str().to_owned()),
            owner_id: Set(owner_id),
            session_id: Set(matches!(row.owner, Owner::Session(_)).then_some(owner_id)),
            question_id: Set(matches!(row.owner, Owner::Question(_)).then_some(owner_id)),
            field: Set(row.field.as_str().to_owned()),
            locale: Set(lang.tag().to_owned()),
            text: Set(text),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
