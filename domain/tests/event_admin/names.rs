//! Slugs and organisations: what an event is found by and who it is credited to.
use domain::service::agenda::{by_slug, Viewer};
use domain::service::event_admin::{create_event, event_form, update_event};
use entities::organisations;
use sea_orm::{EntityTrait, PaginatorTrait};

use super::{form, invalid, now, setup};

#[tokio::test]
async fn slugs_are_derived_and_unique() {
    let (db, by) = setup().await;
    let first = create_event(&db, &form("Regional Workshop: Labour Migration"), by, now())
        .await
        .unwrap();
    let second = create_event(
        &db,
        &form("Regional workshop — labour migration!"),
        by,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(first.slug, "regional-workshop-labour-migration");
    assert_eq!(second.slug, "regional-workshop-labour-migration-2");
    let burmese = create_event(&db, &form("ဒေသဆိုင်ရာ ညှိနှိုင်းအစည်းအဝေး"), by, now())
        .await
        .unwrap();
    assert_eq!(burmese.slug, "event-3");
    let mut typed = form("Anything");
    typed.slug = "afml-2011".into();
    assert_eq!(
        create_event(&db, &typed, by, now()).await.unwrap().slug,
        "afml-2011"
    );
    typed.slug = first.slug.clone();
    assert_eq!(
        create_event(&db, &typed, by, now()).await,
        Err(invalid("slug", "slug-taken"))
    );
    // An event keeps its own slug when edited, and may not be its own parent or grandparent.
    let mut edit = event_form(&db, first.id).await.unwrap();
    edit.parent_slug = first.slug.clone();
    assert_eq!(
        update_event(&db, first.id, &edit, now()).await,
        Err(invalid("parent_slug", "invalid-parent"))
    );
    let mut child = event_form(&db, second.id).await.unwrap();
    child.parent_slug = first.slug.clone();
    update_event(&db, second.id, &child, now()).await.unwrap();
    edit.parent_slug = second.slug.clone();
    assert_eq!(
        update_event(&db, first.id, &edit, now()).await,
        Err(invalid("parent_slug", "invalid-parent"))
    );
    edit.parent_slug = String::new();
    edit.title = "Renamed".into();
    assert_eq!(
        update_event(&db, first.id, &edit, now())
            .await
            .unwrap()
            .slug,
        first.slug
    );
}

#[tokio::test]
async fn organisations_are_matched_created_and_relinked() {
    let (db, by) = setup().await;
    // form() names "Mekong Migration Network" and "Asian Institute of Technology".
    create_event(&db, &form("Earlier"), by, now())
        .await
        .unwrap();
    let mut f = form("Garment Worker Labour Rights Workshop");
    f.organisations =
        "co-organiser: asian institute of TECHNOLOGY\nMekong Migration Network\nfunder: Oxfam"
            .into();
    let event = create_event(&db, &f, by, now()).await.unwrap();
    let mut names: Vec<String> = organisations::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.name)
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "Asian Institute of Technology",
            "Mekong Migration Network",
            "Oxfam"
        ]
    );
    let detail = by_slug(&db, &event.slug, Viewer::Staff).await.unwrap();
    let mut links: Vec<(String, String)> = detail
        .organisations
        .into_iter()
        .map(|o| (o.role, o.name))
        .collect();
    links.sort();
    assert_eq!(
        links,
        [
            (
                "co_organiser".into(),
                "Asian Institute of Technology".into()
            ),
            ("funder".into(), "Oxfam".into()),
            ("organiser".into(), "Mekong Migration Network".into())
        ]
    );
    f.organisations = "supporter: Oxfam".into();
    update_event(&db, event.id, &f, now()).await.unwrap();
    assert_eq!(
        event_form(&db, event.id).await.unwrap().organisations,
        "supporter: Oxfam"
    );
    assert_eq!(organisations::Entity::find().count(&db).await.unwrap(), 3);
}
