//! Rooms and visa letters: hotels per event with their rooms (a type and how many sleep in
//! it), who sleeps where with check-in and check-out days (one room per registration), and
//! the letterhead visa invitation letters are printed on (per event, or global when the
//! event has none).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Hotels::Table)
                    .col(big_pk_auto(Hotels::Id))
                    .col(big_integer(Hotels::EventId))
                    .col(string_len(Hotels::Name, 160))
                    .col(string_len(Hotels::Address, 300).default(""))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_hotels_event")
                            .from(Hotels::Table, Hotels::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Rooms::Table)
                    .col(big_pk_auto(Rooms::Id))
                    .col(big_integer(Rooms::HotelId))
                    .col(string_len(Rooms::Label, 40))
                    .col(string_len(Rooms::RoomType, 60).default(""))
                    .col(integer(Rooms::Capacity))
                    .check(("ck_rooms_capacity", Expr::cust("capacity BETWEEN 1 AND 8")))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_rooms_hotel")
                            .from(Rooms::Table, Rooms::HotelId)
                            .to(Hotels::Table, Hotels::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_rooms_hotel_label")
                    .table(Rooms::Table)
                    .col(Rooms::HotelId)
                    .col(Rooms::Label)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoomAssignments::Table)
                    .col(big_pk_auto(RoomAssignments::Id))
                    .col(big_integer(RoomAssignments::RoomId))
                    .col(big_integer_uniq(RoomAssignments::RegistrationId))
                    .col(date(RoomAssignments::CheckIn))
                    .col(date(RoomAssignments::CheckOut))
                    .check((
                        "ck_room_assignments_dates",
                        Expr::cust("check_out > check_in"),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_room_assignments_room")
                            .from(RoomAssignments::Table, RoomAssignments::RoomId)
                            .to(Rooms::Table, Rooms::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_room_assignments_registration")
                            .from(RoomAssignments::Table, RoomAssignments::RegistrationId)
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Letterheads::Table)
                    .col(big_pk_auto(Letterheads::Id))
                    .col(big_integer_null(Letterheads::EventId))
                    .col(string_len(Letterheads::Organisation, 200))
                    .col(string_len(Letterheads::Address, 400).default(""))
                    .col(string_len(Letterheads::Signatory, 160).default(""))
                    .col(string_len(Letterheads::SignatoryTitle, 160).default(""))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_letterheads_event")
                            .from(Letterheads::Table, Letterheads::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_letterheads_event")
                    .table(Letterheads::Table)
                    .col(Letterheads::EventId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Letterheads::Table.into_iden(),
            RoomAssignments::Table.into_iden(),
            Rooms::Table.into_iden(),
            Hotels::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Hotels {
    Table,
    Id,
    EventId,
    Name,
    Address,
}

#[derive(DeriveIden)]
enum Rooms {
    Table,
    Id,
    HotelId,
    Label,
    RoomType,
    Capacity,
}

#[derive(DeriveIden)]
enum RoomAssignments {
    Table,
    Id,
    RoomId,
    RegistrationId,
    CheckIn,
    CheckOut,
}

#[derive(DeriveIden)]
enum Letterheads {
    Table,
    Id,
    EventId,
    Organisation,
    Address,
    Signatory,
    SignatoryTitle,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
}
