//! The policy's fields one by one: the values a level overrides (`Overrides`), the field
//! names (`Field`), and inheritance down the tree (`resolve`). One macro lists the fields
//! once, so a new value cannot be forgotten in one of the three.

use super::{Policy, TimeMode, TimeOfDay, WorkDays, WorkLocation};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Where an effective value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "level", rename_all = "snake_case")]
pub enum Source {
    /// The national default (the regulation).
    National,
    /// The agency-wide policy.
    Agency,
    /// A unit on the way from the top of the tree down to the unit itself.
    Unit { id: i64, name: String },
}

/// One level of the tree with the values it sets.
#[derive(Debug, Clone)]
pub struct Level {
    pub source: Source,
    pub overrides: Overrides,
}

/// The effective policy of a unit and where each value comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Effective {
    pub policy: Policy,
    pub sources: BTreeMap<Field, Source>,
}

macro_rules! policy_fields {
    ($( $(#[$inherit:ident])? $name:ident : $ty:ty ),* $(,)?) => {
        /// The values one level (the agency or a unit) sets; the rest it inherits.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Overrides {
            $( #[serde(default, skip_serializing_if = "Option::is_none")] pub $name: Option<$ty>, )*
        }

        /// A policy field, named as in `Overrides` and in forms.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        #[allow(non_camel_case_types)]
        pub enum Field { $( $name, )* }

        impl Field {
            pub const ALL: &'static [Field] = &[ $( Field::$name, )* ];

            pub fn code(self) -> &'static str {
                match self { $( Field::$name => stringify!($name), )* }
            }

            /// Fields that belong to one unit's office and are not passed down to sub-units.
            pub fn inherited(self) -> bool {
                match self { $( Field::$name => policy_fields!(@inherit $($inherit)?), )* }
            }
        }

        impl Overrides {
            /// Whether this level sets `field`.
            pub fn sets(&self, field: Field) -> bool {
                match field { $( Field::$name => self.$name.is_some(), )* }
            }

            /// Drops `field` (back to inheriting it).
            pub fn clear(&mut self, field: Field) {
                match field { $( Field::$name => self.$name = None, )* }
            }

            fn apply(&self, policy: &mut Policy, own: bool, source: &Source, sources: &mut BTreeMap<Field, Source>) {
                $(
                    if let Some(v) = &self.$name {
                        if own || Field::$name.inherited() {
                            policy.$name = v.clone().into();
                            sources.insert(Field::$name, source.clone());
                        }
                    }
                )*
            }
        }
    };
    (@inherit no_inherit) => { false };
    (@inherit) => { true };
}

policy_fields! {
    weekly_minutes: u32,
    ramadan_weekly_minutes: u32,
    work_days: WorkDays,
    day_start: TimeOfDay,
    ramadan_day_start: TimeOfDay,
    break_minutes: u32,
    friday_break_minutes: u32,
    ramadan_break_minutes: u32,
    ramadan_friday_break_minutes: u32,
    core_start: TimeOfDay,
    core_end: TimeOfDay,
    flex_start_earliest: TimeOfDay,
    flex_start_latest: TimeOfDay,
    max_flex_days_per_week: u32,
    max_away_percent: u32,
    min_office_days_per_month: u32,
    allowed_locations: BTreeSet<WorkLocation>,
    allowed_time_modes: BTreeSet<TimeMode>,
    plans_need_approval: bool,
    plan_due_days: u32,
    plan_horizon_days: u32,
    min_months_in_position: u32,
    after_hours_start: TimeOfDay,
    after_hours_end: TimeOfDay,
    #[no_inherit] seats: u32,
    #[no_inherit] min_on_site: u32,
}

/// The effective policy of the last level in `levels`, which run from the top (the
/// agency) down to the unit itself: each value is the one set nearest the unit, else the
/// national default. Unit-only values (seats, minimum on site) count only on the unit.
pub fn resolve(levels: &[Level]) -> Effective {
    let mut policy = Policy::default();
    let mut sources: BTreeMap<Field, Source> =
        Field::ALL.iter().map(|f| (*f, Source::National)).collect();
    for (i, level) in levels.iter().enumerate() {
        let own = i + 1 == levels.len();
        level
            .overrides
            .apply(&mut policy, own, &level.source, &mut sources);
    }
    Effective { policy, sources }
}
