//! Rooms as pages and the rooming list see them: hotels with their rooms, who sleeps where
//! from which day to which, and the warnings staff should look at (sharers of different
//! genders, sharers whose stays do not overlap). Browser-safe.
use serde::{Deserialize, Serialize};

use crate::types::EventSummary;

/// Something to look at in a shared room (the assignment is kept: staff decide).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoomWarning {
    /// Sharers have different genders.
    GendersDiffer,
    /// Two sharers' stays have no night in common.
    DatesApart,
}

impl RoomWarning {
    pub fn key(self) -> &'static str {
        match self {
            RoomWarning::GendersDiffer => "rooms-warning-genders",
            RoomWarning::DatesApart => "rooms-warning-dates",
        }
    }
}

/// A guest in a room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guest {
    pub registration_id: i64,
    pub name: String,
    pub gender: String,
    /// `YYYY-MM-DD`.
    pub check_in: String,
    pub check_out: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomView {
    pub id: i64,
    pub label: String,
    pub room_type: String,
    pub capacity: i32,
    pub guests: Vec<Guest>,
    pub warnings: Vec<RoomWarning>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HotelView {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub rooms: Vec<RoomView>,
}

/// An event's hotels, rooms and guests, and who has no room yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rooming {
    pub event: EventSummary,
    pub hotels: Vec<HotelView>,
    /// Taking part without a room: (registration id, name).
    pub unassigned: Vec<(i64, String)>,
}

/// A new hotel or room, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomForm {
    #[serde(default)]
    pub hotel_id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub room_type: String,
    #[serde(default)]
    pub capacity: String,
}

/// Putting someone in a room; empty dates take their travel days (or the event's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    pub room_id: String,
    #[serde(default)]
    pub registration_id: String,
    #[serde(default)]
    pub check_in: String,
    #[serde(default)]
    pub check_out: String,
}
