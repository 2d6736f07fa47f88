//! Performance management (Permen PANRB 6/2022, SE MenPANRB 3/2023): the supervisor's two
//! ratings, the predikat they make, the unit's own result and the distribution of predikat
//! it allows, the BerAKHLAK core values, tasks with their clarity checklist and status
//! machine, and the items of the daily report.
//!
//! - [`rating`]: results and behaviour are each rated against the expectations;
//! - [`predikat`]: the matrix from the two ratings to the final predikat;
//! - [`unit_result`]: the unit's own result, which decides the allowed distribution;
//! - [`distribution`]: the SE MenPANRB 3/2023 distribution check, with how many people
//!   must move;
//! - [`berakhlak`]: the seven core values and their behaviour indicators;
//! - [`task`]: the five-point clarity checklist of an instruction and the task's statuses;
//! - [`report`]: the items of the daily report (*progres harian*) and their limits, and
//!   the reflection of the weekly report;
//! - [`skp`]: the performance plan — results, indicators, targets, its states and lock;
//! - [`period`]: evaluation periods (quarters by default) and the annual one;
//! - [`feedback`]: 360 feedback — who may be asked, and answers shown only in aggregate;
//! - [`output`]: where a day was worked and the running totals of output dashboards.

use crate::message::Message;

pub mod berakhlak;
pub mod distribution;
pub mod feedback;
pub mod output;
pub mod period;
pub mod predikat;
pub mod rating;
pub mod report;
pub mod skp;
pub mod task;
pub mod unit_result;

pub use berakhlak::CoreValue;
pub use distribution::{allowed, breaches, Bound, Breach, Direction, Rule, Spread};
pub use output::{Totals, WorkPlace};
pub use period::{check_evaluable, Period, PeriodKind};
pub use predikat::{predikat, Predikat};
pub use rating::Rating;
pub use report::{check_items, check_reflection, ItemInput, ItemStatus, Reflection, ReportItem};
pub use skp::{Aspect, PlanAction, PlanStatus, ResultKind};
pub use task::{clarity, transition, Clarity, ClarityPoint, TaskAction, TaskDraft, TaskStatus};
pub use unit_result::UnitResult;

/// Reads one of `all` by its code or its Indonesian label (trimmed, any case), so a form,
/// an import file and the API may each send what is natural to them. Anything else is
/// refused naming what was sent (cut short, so a pasted paragraph does not flood the page)
/// and listing what is accepted; `what` names the choice in Indonesian and English.
fn parse_choice<T: Copy>(
    input: &str,
    what: (&str, &str),
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Result<T, Message> {
    let wanted = input.trim();
    if let Some(found) = all
        .iter()
        .copied()
        .find(|c| code(*c).eq_ignore_ascii_case(wanted) || label(*c).eq_ignore_ascii_case(wanted))
    {
        return Ok(found);
    }
    let choices = all
        .iter()
        .map(|c| format!("{} ({})", code(*c), label(*c)))
        .collect::<Vec<_>>()
        .join(", ");
    let (what_id, what_en) = what;
    Err(if wanted.is_empty() {
        Message::text_of(
            format!("{what_id} belum dipilih; pilih salah satu: {choices}"),
            format!("no {what_en} chosen; choose one of: {choices}"),
        )
    } else {
        let given: String = wanted.chars().take(40).collect();
        Message::text_of(
            format!("{what_id} «{given}» tidak dikenal; pilih salah satu: {choices}"),
            format!("unknown {what_en} «{given}»; choose one of: {choices}"),
        )
    })
}
