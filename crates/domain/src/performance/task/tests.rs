use super::*;
use crate::Locale;
use TaskStatus::*;

const ASSIGNER: (bool, bool) = (true, false);
const ASSIGNEE: (bool, bool) = (false, true);
const BOTH: (bool, bool) = (true, true);
const NEITHER: (bool, bool) = (false, false);

fn go(from: TaskStatus, action: TaskAction, who: (bool, bool)) -> Result<TaskStatus, Message> {
    transition(from, &action, who.0, who.1)
}

fn refusal(from: TaskStatus, action: TaskAction, who: (bool, bool)) -> String {
    go(from, action, who)
        .expect_err("the move should be refused")
        .text(Locale::Id)
}

fn block(needs: &str) -> TaskAction {
    TaskAction::Block {
        needs: needs.into(),
    }
}

fn send_back(reason: &str) -> TaskAction {
    TaskAction::SendBack {
        reason: reason.into(),
    }
}

fn full_draft() -> TaskDraft {
    TaskDraft {
        purpose: "Menyiapkan bahan rapat evaluasi triwulan".into(),
        deadline: Some(jiff::civil::date(2026, 3, 31)),
        output: "Paparan 10 slide".into(),
        responsible: Some(EmployeeId(7)),
        attachments: vec!["https://contoh.go.id/data.xlsx".into()],
    }
}

// Clarity

#[test]
fn a_complete_instruction_scores_five() {
    assert_eq!(
        clarity(&full_draft()),
        Clarity {
            score: 5,
            missing: vec![]
        }
    );
}

#[test]
fn an_empty_instruction_misses_every_point_in_order() {
    let c = clarity(&TaskDraft::default());
    assert_eq!(c.score, 0);
    assert_eq!(c.missing, ClarityPoint::ALL.to_vec());
}

#[test]
fn blank_text_counts_as_missing() {
    let draft = TaskDraft {
        purpose: "   ".into(),
        output: "\n".into(),
        attachments: vec![" ".into(), String::new()],
        ..full_draft()
    };
    let c = clarity(&draft);
    assert_eq!(c.score, 2);
    assert_eq!(
        c.missing,
        vec![
            ClarityPoint::Purpose,
            ClarityPoint::Output,
            ClarityPoint::Attachments
        ]
    );
}

#[test]
fn each_point_is_scored_on_its_own() {
    let cases: [(ClarityPoint, TaskDraft); 5] = [
        (
            ClarityPoint::Purpose,
            TaskDraft {
                purpose: String::new(),
                ..full_draft()
            },
        ),
        (
            ClarityPoint::Deadline,
            TaskDraft {
                deadline: None,
                ..full_draft()
            },
        ),
        (
            ClarityPoint::Output,
            TaskDraft {
                output: String::new(),
                ..full_draft()
            },
        ),
        (
            ClarityPoint::Responsible,
            TaskDraft {
                responsible: None,
                ..full_draft()
            },
        ),
        (
            ClarityPoint::Attachments,
            TaskDraft {
                attachments: vec![],
                ..full_draft()
            },
        ),
    ];
    for (point, draft) in cases {
        assert_eq!(
            clarity(&draft),
            Clarity {
                score: 4,
                missing: vec![point]
            }
        );
    }
}

#[test]
fn the_checklist_labels_are_indonesian_first() {
    let labels: Vec<&str> = ClarityPoint::ALL.iter().map(|p| p.label()).collect();
    assert_eq!(
        labels,
        [
            "Tujuan",
            "Tenggat",
            "Keluaran yang diharapkan",
            "Penanggung jawab",
            "Lampiran/rujukan"
        ]
    );
    assert_eq!(
        ClarityPoint::Output.text().text(Locale::En),
        "Expected output"
    );
}

// Every legal move

#[test]
fn the_assignee_starts_a_new_task() {
    assert_eq!(go(New, TaskAction::Start, ASSIGNEE), Ok(InProgress));
}

#[test]
fn the_assignee_blocks_a_task_in_progress_saying_what_is_needed() {
    assert_eq!(
        go(
            InProgress,
            block("data realisasi dari bidang keuangan"),
            ASSIGNEE
        ),
        Ok(Blocked)
    );
}

#[test]
fn either_side_resumes_a_blocked_task() {
    assert_eq!(go(Blocked, TaskAction::Resume, ASSIGNEE), Ok(InProgress));
    assert_eq!(go(Blocked, TaskAction::Resume, ASSIGNER), Ok(InProgress));
}

#[test]
fn the_assignee_finishes_a_task_in_progress_or_blocked() {
    assert_eq!(go(InProgress, TaskAction::Finish, ASSIGNEE), Ok(Done));
    assert_eq!(go(Blocked, TaskAction::Finish, ASSIGNEE), Ok(Done));
}

#[test]
fn the_assigner_accepts_done_work() {
    assert_eq!(go(Done, TaskAction::Accept, ASSIGNER), Ok(Accepted));
}

#[test]
fn the_assigner_sends_done_work_back_to_in_progress_with_a_reason() {
    assert_eq!(
        go(
            Done,
            send_back("tabel rekap belum memuat triwulan III"),
            ASSIGNER
        ),
        Ok(InProgress)
    );
}

#[test]
fn a_self_assigned_task_can_be_taken_all_the_way() {
    let mut s = New;
    for action in [
        TaskAction::Start,
        block("akses aplikasi"),
        TaskAction::Resume,
        TaskAction::Finish,
        send_back("lengkapi lampiran"),
        TaskAction::Finish,
        TaskAction::Accept,
    ] {
        s = go(s, action, BOTH).unwrap();
    }
    assert_eq!(s, Accepted);
}

// Illegal moves

#[test]
fn a_new_task_cannot_be_finished_and_the_reason_names_the_status() {
    let m = refusal(New, TaskAction::Finish, ASSIGNEE);
    assert_eq!(
        m,
        "tugas berstatus «Baru» tidak dapat ditandai selesai; yang dapat dilakukan: mulai dikerjakan"
    );
    let en = go(New, TaskAction::Finish, ASSIGNEE)
        .unwrap_err()
        .text(Locale::En);
    assert_eq!(
        en,
        "the task is «New» and cannot be marked done; what can be done: start it"
    );
}

#[test]
fn a_new_task_cannot_be_blocked_accepted_or_sent_back() {
    assert!(refusal(New, block("x"), ASSIGNEE).contains("«Baru»"));
    assert!(refusal(New, TaskAction::Accept, ASSIGNER).contains("«Baru»"));
    assert!(refusal(New, send_back("x"), ASSIGNER).contains("«Baru»"));
}

#[test]
fn only_blocked_tasks_resume_and_only_new_tasks_start() {
    assert!(refusal(InProgress, TaskAction::Resume, ASSIGNEE).contains("«Sedang dikerjakan»"));
    assert!(refusal(Done, TaskAction::Start, ASSIGNEE).contains("«Selesai»"));
    assert!(refusal(Blocked, block("lagi"), ASSIGNEE).contains("«Terhambat»"));
}

#[test]
fn work_in_progress_cannot_be_accepted() {
    let m = refusal(InProgress, TaskAction::Accept, ASSIGNER);
    assert!(
        m.contains("«Sedang dikerjakan» tidak dapat diterima"),
        "{m}"
    );
}

#[test]
fn an_accepted_task_is_final() {
    for action in [
        TaskAction::Start,
        block("x"),
        TaskAction::Resume,
        TaskAction::Finish,
        TaskAction::Accept,
        send_back("x"),
    ] {
        let m = refusal(Accepted, action, BOTH);
        assert!(m.starts_with("tugas berstatus «Diterima»"), "{m}");
        assert!(m.ends_with("tidak ada; tugas sudah final"), "{m}");
    }
}

// Who may move

#[test]
fn only_the_assigner_accepts_or_sends_back() {
    assert_eq!(
        refusal(Done, TaskAction::Accept, ASSIGNEE),
        "hanya pemberi tugas yang dapat menerima hasil tugas ini"
    );
    assert_eq!(
        refusal(Done, send_back("kurang lengkap"), ASSIGNEE),
        "hanya pemberi tugas yang dapat mengembalikan tugas ini"
    );
}

#[test]
fn only_the_assignee_starts_blocks_or_finishes() {
    assert_eq!(
        refusal(New, TaskAction::Start, ASSIGNER),
        "hanya penerima tugas yang dapat memulai tugas ini"
    );
    assert_eq!(
        refusal(InProgress, block("data"), ASSIGNER),
        "hanya penerima tugas yang dapat menandai tugas ini terhambat"
    );
    assert_eq!(
        refusal(InProgress, TaskAction::Finish, ASSIGNER),
        "hanya penerima tugas yang dapat menandai tugas ini selesai"
    );
}

#[test]
fn someone_with_no_part_in_the_task_cannot_move_it() {
    let m = refusal(New, TaskAction::Start, NEITHER);
    assert!(
        m.starts_with("hanya pemberi atau penerima tugas ini"),
        "{m}"
    );
    // Not even learning its status.
    assert!(!m.contains("«Baru»"));
}

// The texts a move needs

#[test]
fn blocking_needs_a_text_of_what_is_needed() {
    assert_eq!(
        refusal(InProgress, block("  "), ASSIGNEE),
        "tuliskan apa yang dibutuhkan agar tugas dapat dilanjutkan"
    );
    let long = "a".repeat(MAX_NOTE + 1);
    assert_eq!(
        go(InProgress, block(&long), ASSIGNEE),
        Err(Message::TooLong { max: MAX_NOTE })
    );
    let just_fits = "a".repeat(MAX_NOTE);
    assert_eq!(go(InProgress, block(&just_fits), ASSIGNEE), Ok(Blocked));
}

#[test]
fn sending_back_needs_a_reason() {
    assert_eq!(
        refusal(Done, send_back(""), ASSIGNER),
        "tuliskan alasan tugas dikembalikan"
    );
}

#[test]
fn statuses_parse_by_code_or_label() {
    for s in TaskStatus::ALL {
        assert_eq!(TaskStatus::parse(s.code()), Ok(s));
        assert_eq!(TaskStatus::parse(s.label()), Ok(s));
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            format!("\"{}\"", s.code())
        );
    }
    assert!(TaskStatus::parse("sent_back").is_err());
}
