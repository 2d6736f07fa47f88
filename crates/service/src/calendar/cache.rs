//! Unit calendars kept for a short while: every check-in of a unit's people on one day
//! needs the same calendar (the unit, its policy levels, the week's holidays and Ramadan),
//! so it is read once and shared instead of four queries per punch.
//!
//! Changes made through this process (holidays, Ramadan, policies, units) clear the cache
//! at once; a change made by another process (a second server on the same PostgreSQL, the
//! command line) is seen within `FRESH_FOR`.

use super::{for_unit, UnitCalendar};
use crate::Result;
use fleksi_domain::AgencyId;
use fleksi_store::Db;
use jiff::civil::Date;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a calendar read by this process is used without reading it again.
pub const FRESH_FOR: Duration = Duration::from_secs(30);
/// Beyond this many entries the cache starts over (a unit and a week are one entry; a
/// national deployment has tens of thousands of units).
const MAX_ENTRIES: usize = 50_000;

type Key = (i64, i64, Date, Date);
/// Each calendar with the moment its read started.
type Entries = HashMap<Key, (Instant, Arc<UnitCalendar>)>;

#[derive(Clone, Default)]
pub struct Cache(Arc<Mutex<Entries>>);

impl Cache {
    /// Forgets everything: after a change to holidays, Ramadan, a policy or a unit.
    pub fn clear(&self) {
        self.entries().clear();
    }

    /// `for_unit`, answered from the cache while fresh (a connection is taken only to
    /// read it again).
    pub async fn for_unit(
        &self,
        db: &Db,
        agency: AgencyId,
        unit_id: i64,
        from: Date,
        to: Date,
    ) -> Result<Arc<UnitCalendar>> {
        let key = (agency.0, unit_id, from, to);
        if let Some((at, cal)) = self.entries().get(&key) {
            if at.elapsed() < FRESH_FOR {
                return Ok(cal.clone());
            }
        }
        // Read before the clock starts: a change committed while reading is at most
        // FRESH_FOR old when this entry expires.
        let started = Instant::now();
        let mut c = db.conn().await?;
        let cal = Arc::new(for_unit(&mut c, agency, unit_id, from, to).await?);
        drop(c);
        let mut entries = self.entries();
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, (started, cal.clone()));
        Ok(cal)
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, Entries> {
        // A panic while holding the lock cannot leave a half-written entry: use it as is.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}
