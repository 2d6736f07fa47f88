//! Tasks: the five-point checklist of a clear instruction (tujuan, tenggat, keluaran,
//! penanggung jawab, lampiran — the checklist the remote-work training in the seeds
//! teaches), and the statuses a task moves through between the one who assigns it and the
//! one who does it.
//!
//! New → InProgress ⇄ Blocked → Done → Accepted, and Done → InProgress again when the
//! assigner sends it back with a reason. Blocking needs a text of what is needed, so the
//! assigner sees at once what to provide.

use super::parse_choice;
use crate::message::Message;
use crate::EmployeeId;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

#[cfg(test)]
mod tests;

/// The longest text of what a blocked task needs, or of why it is sent back.
pub const MAX_NOTE: usize = 1000;

/// One point of the checklist of a clear instruction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClarityPoint {
    /// Why the task matters (*tujuan*).
    Purpose,
    /// By when (*tenggat*).
    Deadline,
    /// What is expected to be delivered (*keluaran yang diharapkan*).
    Output,
    /// Who answers for it (*penanggung jawab*).
    Responsible,
    /// Attachments or references to work from (*lampiran*).
    Attachments,
}

impl ClarityPoint {
    /// In the checklist's order.
    pub const ALL: [ClarityPoint; 5] = [
        ClarityPoint::Purpose,
        ClarityPoint::Deadline,
        ClarityPoint::Output,
        ClarityPoint::Responsible,
        ClarityPoint::Attachments,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ClarityPoint::Purpose => "purpose",
            ClarityPoint::Deadline => "deadline",
            ClarityPoint::Output => "output",
            ClarityPoint::Responsible => "responsible",
            ClarityPoint::Attachments => "attachments",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ClarityPoint::Purpose => "Tujuan",
            ClarityPoint::Deadline => "Tenggat",
            ClarityPoint::Output => "Keluaran yang diharapkan",
            ClarityPoint::Responsible => "Penanggung jawab",
            ClarityPoint::Attachments => "Lampiran/rujukan",
        }
    }

    /// The name in both languages of the product.
    pub fn text(self) -> Message {
        let en = match self {
            ClarityPoint::Purpose => "Purpose",
            ClarityPoint::Deadline => "Deadline",
            ClarityPoint::Output => "Expected output",
            ClarityPoint::Responsible => "Person responsible",
            ClarityPoint::Attachments => "Attachments/references",
        };
        Message::text_of(self.label(), en)
    }
}

/// An instruction as the assigner has written it so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskDraft {
    pub purpose: String,
    pub deadline: Option<Date>,
    pub output: String,
    pub responsible: Option<EmployeeId>,
    /// Links or names of the documents to work from.
    pub attachments: Vec<String>,
}

/// How clear an instruction is: one point for each item of the checklist it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clarity {
    /// 0 to 5.
    pub score: u8,
    /// The points still missing, in the checklist's order.
    pub missing: Vec<ClarityPoint>,
}

/// Scores an instruction against the five-point checklist. It only advises: a task may be
/// sent unclear, but the assigner sees what is missing (blank text counts as missing).
pub fn clarity(draft: &TaskDraft) -> Clarity {
    let has = |p: ClarityPoint| match p {
        ClarityPoint::Purpose => !draft.purpose.trim().is_empty(),
        ClarityPoint::Deadline => draft.deadline.is_some(),
        ClarityPoint::Output => !draft.output.trim().is_empty(),
        ClarityPoint::Responsible => draft.responsible.is_some(),
        ClarityPoint::Attachments => draft.attachments.iter().any(|a| !a.trim().is_empty()),
    };
    let missing: Vec<ClarityPoint> = ClarityPoint::ALL.into_iter().filter(|p| !has(*p)).collect();
    Clarity {
        // At most five points, so the cast cannot truncate.
        score: (ClarityPoint::ALL.len() - missing.len()) as u8,
        missing,
    }
}

/// Where a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    New,
    InProgress,
    Blocked,
    Done,
    Accepted,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 5] = [
        TaskStatus::New,
        TaskStatus::InProgress,
        TaskStatus::Blocked,
        TaskStatus::Done,
        TaskStatus::Accepted,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TaskStatus::New => "new",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Blocked => "blocked",
            TaskStatus::Done => "done",
            TaskStatus::Accepted => "accepted",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::New => "Baru",
            TaskStatus::InProgress => "Sedang dikerjakan",
            TaskStatus::Blocked => "Terhambat",
            TaskStatus::Done => "Selesai",
            TaskStatus::Accepted => "Diterima",
        }
    }

    fn label_en(self) -> &'static str {
        match self {
            TaskStatus::New => "New",
            TaskStatus::InProgress => "In progress",
            TaskStatus::Blocked => "Blocked",
            TaskStatus::Done => "Done",
            TaskStatus::Accepted => "Accepted",
        }
    }

    /// The name in both languages of the product.
    pub fn text(self) -> Message {
        Message::text_of(self.label(), self.label_en())
    }

    pub fn parse(s: &str) -> Result<TaskStatus, Message> {
        parse_choice(
            s,
            ("status tugas", "task status"),
            &TaskStatus::ALL,
            TaskStatus::code,
            TaskStatus::label,
        )
    }

    /// What may be done from here, for the refusal of anything else.
    fn next_steps(self) -> (&'static str, &'static str) {
        match self {
            TaskStatus::New => ("mulai dikerjakan", "start it"),
            TaskStatus::InProgress => {
                ("ditandai terhambat atau selesai", "mark it blocked or done")
            }
            TaskStatus::Blocked => (
                "dilanjutkan atau ditandai selesai",
                "resume it or mark it done",
            ),
            TaskStatus::Done => (
                "diterima atau dikembalikan oleh pemberi tugas",
                "have the assigner accept it or send it back",
            ),
            TaskStatus::Accepted => ("tidak ada; tugas sudah final", "nothing; the task is final"),
        }
    }
}

/// What someone does to a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskAction {
    /// The assignee starts work.
    Start,
    /// The assignee cannot go on; `needs` says what would unblock it.
    Block { needs: String },
    /// Work goes on after a block, by either side (often the assigner has just provided
    /// what was needed).
    Resume,
    /// The assignee hands in the work, also straight from a block that resolved itself.
    Finish,
    /// The assigner accepts the work.
    Accept,
    /// The assigner returns the work with a reason; it goes back to in progress.
    SendBack { reason: String },
}

/// Who may take an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Actor {
    Assignee,
    Assigner,
    Either,
}

impl TaskAction {
    pub fn code(&self) -> &'static str {
        match self {
            TaskAction::Start => "start",
            TaskAction::Block { .. } => "block",
            TaskAction::Resume => "resume",
            TaskAction::Finish => "finish",
            TaskAction::Accept => "accept",
            TaskAction::SendBack { .. } => "send_back",
        }
    }

    /// The action as a passive verb, for "cannot be …" ("tidak dapat …").
    fn passive(&self) -> (&'static str, &'static str) {
        match self {
            TaskAction::Start => ("dimulai", "started"),
            TaskAction::Block { .. } => ("ditandai terhambat", "marked blocked"),
            TaskAction::Resume => ("dilanjutkan", "resumed"),
            TaskAction::Finish => ("ditandai selesai", "marked done"),
            TaskAction::Accept => ("diterima", "accepted"),
            TaskAction::SendBack { .. } => ("dikembalikan", "sent back"),
        }
    }

    /// The action as an active verb, for "only … can …" ("hanya … yang dapat …").
    fn active(&self) -> (&'static str, &'static str) {
        match self {
            TaskAction::Start => ("memulai tugas ini", "start this task"),
            TaskAction::Block { .. } => ("menandai tugas ini terhambat", "mark this task blocked"),
            TaskAction::Resume => ("melanjutkan tugas ini", "resume this task"),
            TaskAction::Finish => ("menandai tugas ini selesai", "mark this task done"),
            TaskAction::Accept => ("menerima hasil tugas ini", "accept the work of this task"),
            TaskAction::SendBack { .. } => ("mengembalikan tugas ini", "send this task back"),
        }
    }

    fn actor(&self) -> Actor {
        match self {
            TaskAction::Start | TaskAction::Block { .. } | TaskAction::Finish => Actor::Assignee,
            TaskAction::Resume => Actor::Either,
            TaskAction::Accept | TaskAction::SendBack { .. } => Actor::Assigner,
        }
    }

    /// The status the action leads to from `from`, if it is a legal move at all.
    fn target(&self, from: TaskStatus) -> Option<TaskStatus> {
        use TaskStatus::*;
        match (from, self) {
            (New, TaskAction::Start) => Some(InProgress),
            (InProgress, TaskAction::Block { .. }) => Some(Blocked),
            (Blocked, TaskAction::Resume) => Some(InProgress),
            (InProgress | Blocked, TaskAction::Finish) => Some(Done),
            (Done, TaskAction::Accept) => Some(Accepted),
            (Done, TaskAction::SendBack { .. }) => Some(InProgress),
            _ => None,
        }
    }
}

/// The status after `action`, or why it is refused. Checked in the order a person would
/// want to hear it: whether they have a part in the task at all, whether the task's
/// status allows the move (naming the status), whether it is their move, and last whether
/// the required text is there.
pub fn transition(
    from: TaskStatus,
    action: &TaskAction,
    by_assigner: bool,
    by_assignee: bool,
) -> Result<TaskStatus, Message> {
    if !by_assigner && !by_assignee {
        return Err(Message::text_of(
            "hanya pemberi atau penerima tugas ini yang dapat mengubah statusnya",
            "only the assigner or the assignee of this task can change its status",
        ));
    }
    let (verb_id, verb_en) = action.passive();
    let Some(to) = action.target(from) else {
        let (next_id, next_en) = from.next_steps();
        return Err(Message::text_of(
            format!(
                "tugas berstatus «{}» tidak dapat {verb_id}; yang dapat dilakukan: {next_id}",
                from.label()
            ),
            format!(
                "the task is «{}» and cannot be {verb_en}; what can be done: {next_en}",
                from.label_en()
            ),
        ));
    };
    let (act_id, act_en) = action.active();
    let refused_role = match action.actor() {
        Actor::Assignee if !by_assignee => Some(("penerima tugas", "assignee")),
        Actor::Assigner if !by_assigner => Some(("pemberi tugas", "assigner")),
        _ => None,
    };
    if let Some((who_id, who_en)) = refused_role {
        return Err(Message::text_of(
            format!("hanya {who_id} yang dapat {act_id}"),
            format!("only the {who_en} can {act_en}"),
        ));
    }
    match action {
        TaskAction::Block { needs } => required_note(
            needs,
            (
                "tuliskan apa yang dibutuhkan agar tugas dapat dilanjutkan",
                "say what is needed for the task to go on",
            ),
        )?,
        TaskAction::SendBack { reason } => required_note(
            reason,
            (
                "tuliskan alasan tugas dikembalikan",
                "say why the task is sent back",
            ),
        )?,
        _ => {}
    }
    Ok(to)
}

/// A note the move cannot go without: not blank, at most [`MAX_NOTE`] characters.
fn required_note(note: &str, missing: (&str, &str)) -> Result<(), Message> {
    let note = note.trim();
    if note.is_empty() {
        Err(Message::text_of(missing.0, missing.1))
    } else if note.chars().count() > MAX_NOTE {
        Err(Message::TooLong { max: MAX_NOTE })
    } else {
        Ok(())
    }
}
