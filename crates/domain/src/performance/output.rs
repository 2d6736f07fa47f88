//! Output measures for dashboards (seed 001: "output did not drop"): per day, where the
//! day was worked (office or remote), and the running totals kept for it — reports,
//! their items, tasks finished on time, response times. Leaders compare office days with
//! remote days from these; nobody is ranked.

use serde::{Deserialize, Serialize};

/// Where a day was worked, as dashboards split it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkPlace {
    /// The own office or another office of the agency.
    Office,
    /// Home, another location, or field duty.
    Remote,
}

impl WorkPlace {
    pub const ALL: [WorkPlace; 2] = [WorkPlace::Office, WorkPlace::Remote];

    pub fn code(self) -> &'static str {
        match self {
            WorkPlace::Office => "office",
            WorkPlace::Remote => "remote",
        }
    }

    pub fn parse(s: &str) -> Option<WorkPlace> {
        WorkPlace::ALL.into_iter().find(|p| p.code() == s)
    }

    /// The place of a day from its plan's location code (`plan_days.location`), or from
    /// the location declared at check-in. No plan means the regular arrangement: the
    /// office. Leave and training are no working place at all (None): no report is due.
    pub fn of_location(location: Option<&str>) -> Option<WorkPlace> {
        match location {
            None | Some("office") | Some("other_office") => Some(WorkPlace::Office),
            Some("home") | Some("other") | Some("field_duty") => Some(WorkPlace::Remote),
            Some("leave") | Some("training") => None,
            // An unknown code is read as the regular arrangement, never as a day off.
            Some(_) => Some(WorkPlace::Office),
        }
    }
}

/// Running totals over some people and days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Working days a report was due (set when the unit's working day ends).
    pub due: i64,
    /// Of those, the days a report came in.
    pub due_reported: i64,
    /// Reports submitted (due or not).
    pub reports: i64,
    pub items: i64,
    pub items_done: i64,
    pub items_blocked: i64,
    pub tasks_done: i64,
    pub tasks_on_time: i64,
    /// Done after the end of their deadline day.
    pub tasks_late: i64,
    /// First responses to tasks, and the milliseconds they took in all.
    pub responses: i64,
    pub response_ms: i64,
}

impl Totals {
    pub fn add(&mut self, o: &Totals) {
        self.due += o.due;
        self.due_reported += o.due_reported;
        self.reports += o.reports;
        self.items += o.items;
        self.items_done += o.items_done;
        self.items_blocked += o.items_blocked;
        self.tasks_done += o.tasks_done;
        self.tasks_on_time += o.tasks_on_time;
        self.tasks_late += o.tasks_late;
        self.responses += o.responses;
        self.response_ms += o.response_ms;
    }

    /// Share of due reports that came in, in percent; None while nothing was due.
    pub fn submission_rate(&self) -> Option<f64> {
        percent(self.due_reported, self.due)
    }

    /// Share of tasks with a deadline done by it, in percent.
    pub fn on_time_rate(&self) -> Option<f64> {
        percent(self.tasks_on_time, self.tasks_on_time + self.tasks_late)
    }

    /// Mean time to first response, in hours.
    pub fn mean_response_hours(&self) -> Option<f64> {
        (self.responses > 0).then(|| self.response_ms as f64 / self.responses as f64 / 3_600_000.0)
    }
}

fn percent(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_follow_the_plan() {
        use WorkPlace::*;
        assert_eq!(WorkPlace::of_location(None), Some(Office));
        assert_eq!(WorkPlace::of_location(Some("other_office")), Some(Office));
        assert_eq!(WorkPlace::of_location(Some("home")), Some(Remote));
        assert_eq!(WorkPlace::of_location(Some("field_duty")), Some(Remote));
        assert_eq!(WorkPlace::of_location(Some("leave")), None);
        assert_eq!(WorkPlace::of_location(Some("training")), None);
        for p in WorkPlace::ALL {
            assert_eq!(WorkPlace::parse(p.code()), Some(p));
        }
    }

    #[test]
    fn rates_are_none_until_there_is_something_to_rate() {
        let mut t = Totals::default();
        assert_eq!(t.submission_rate(), None);
        assert_eq!(t.on_time_rate(), None);
        assert_eq!(t.mean_response_hours(), None);
        t.add(&Totals {
            due: 4,
            due_reported: 3,
            tasks_on_time: 1,
            tasks_late: 1,
            responses: 2,
            response_ms: 3 * 3_600_000,
            ..Totals::default()
        });
        assert_eq!(t.submission_rate(), Some(75.0));
        assert_eq!(t.on_time_rate(), Some(50.0));
        assert_eq!(t.mean_response_hours(), Some(1.5));
    }
}
