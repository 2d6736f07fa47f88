//! Messages that rules give back to people, in both languages of the product.
//!
//! A rule says *what* is wrong as a `Message`; every face of the product (pages, API, CLI)
//! renders it in the reader's language. Keeping the texts beside the rules means the
//! import report in the CLI and on the web page say exactly the same thing.

use crate::Locale;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum Message {
    Required,
    TooLong {
        max: usize,
    },
    InvalidChoice {
        allowed: String,
    },
    InvalidDate,
    InvalidNumber,
    NipLength,
    NipNotDigits,
    NipBirthDate,
    NipStartDate,
    NipStartBeforeAdult,
    NipGender,
    NipSequence,
    DuplicateInFile {
        first_line: usize,
    },
    UnknownUnit {
        code: String,
    },
    UnknownSupervisor {
        nip: String,
    },
    SelfSupervisor,
    SupervisorCycle {
        chain: String,
    },
    ParentCycle {
        chain: String,
    },
    WrongColumns {
        missing: String,
    },
    NotUtf8,
    FileTooLarge {
        max_mb: usize,
    },
    TooManyRows {
        max: usize,
    },
    PasswordTooShort {
        min: usize,
    },
    PasswordTooCommon,
    PasswordMismatch,
    WrongPassword,
    InvalidTotp,
    NotFound,
    AlreadyExists,
    UnknownEmployee {
        nip: String,
    },
    OutsideScope,
    InvalidMonth,
    OutOfRange {
        min: String,
        max: String,
    },
    InvalidSkill,
    DateOutsideMonth {
        month: String,
    },
    NotWorkingDay,
    PastDate,
    RosterPublished,
    RosterNotGenerated,
    NotInRoster,
    CellAbsent,
    CellFixed,
    HardViolations {
        count: usize,
    },
    NoOpenRoster,
    TooManyPeople {
        max: usize,
    },
    NoPeople,
    NoWorkingDays,
    /// A rule's own text in both languages. The arrangements features (calendar, policy,
    /// eligibility, plans, presence) build theirs with `Message::text_of` in their own module,
    /// so the reason a rule gives is written once, beside the rule.
    Text {
        id: String,
        en: String,
    },
}

impl Message {
    pub fn text(&self, locale: Locale) -> String {
        use Message::*;
        let id = locale == Locale::Id;
        match self {
            Required => pick(id, "wajib diisi", "is required"),
            TooLong { max } => {
                if id {
                    format!("terlalu panjang (maksimal {max} karakter)")
                } else {
                    format!("is too long (at most {max} characters)")
                }
            }
            InvalidChoice { allowed } => {
                if id {
                    format!("nilai tidak dikenal; pilih salah satu: {allowed}")
                } else {
                    format!("unknown value; choose one of: {allowed}")
                }
            }
            InvalidDate => pick(
                id,
                "tanggal tidak valid (format TTTT-BB-HH)",
                "is not a valid date (YYYY-MM-DD)",
            ),
            InvalidNumber => pick(id, "harus berupa angka", "must be a number"),
            NipLength => pick(id, "NIP harus 18 digit", "NIP must have 18 digits"),
            NipNotDigits => pick(
                id,
                "NIP hanya boleh berisi angka",
                "NIP may contain digits only",
            ),
            NipBirthDate => pick(
                id,
                "tanggal lahir dalam NIP (digit 1–8) tidak valid",
                "the birth date in the NIP (digits 1–8) is not a valid date",
            ),
            NipStartDate => pick(
                id,
                "TMT dalam NIP (digit 9–14) tidak valid",
                "the start date in the NIP (digits 9–14) is not a valid month",
            ),
            NipStartBeforeAdult => pick(
                id,
                "TMT dalam NIP sebelum usia 18 tahun",
                "the start date in the NIP is before the age of 18",
            ),
            NipGender => pick(
                id,
                "digit jenis kelamin dalam NIP (digit 15) harus 1 atau 2",
                "the gender digit of the NIP (digit 15) must be 1 or 2",
            ),
            NipSequence => pick(
                id,
                "nomor urut dalam NIP (digit 16–18) tidak boleh 000",
                "the sequence number of the NIP (digits 16–18) must not be 000",
            ),
            DuplicateInFile { first_line } => {
                if id {
                    format!("duplikat: sudah ada di baris {first_line}")
                } else {
                    format!("duplicate: already on line {first_line}")
                }
            }
            UnknownUnit { code } => {
                if id {
                    format!("unit kerja dengan kode \"{code}\" tidak ditemukan")
                } else {
                    format!("no unit with code \"{code}\"")
                }
            }
            UnknownSupervisor { nip } => {
                if id {
                    format!("atasan dengan NIP {nip} tidak ditemukan")
                } else {
                    format!("no supervisor with NIP {nip}")
                }
            }
            SelfSupervisor => pick(
                id,
                "pegawai tidak boleh menjadi atasan dirinya sendiri",
                "an employee cannot supervise themselves",
            ),
            SupervisorCycle { chain } => {
                if id {
                    format!("rantai atasan berputar: {chain}")
                } else {
                    format!("the supervisor chain loops: {chain}")
                }
            }
            ParentCycle { chain } => {
                if id {
                    format!("struktur unit berputar: {chain}")
                } else {
                    format!("the unit tree loops: {chain}")
                }
            }
            WrongColumns { missing } => {
                if id {
                    format!("kolom wajib tidak ada di baris judul: {missing}")
                } else {
                    format!("required columns missing from the header row: {missing}")
                }
            }
            NotUtf8 => pick(
                id,
                "berkas bukan teks UTF-8 (simpan ulang sebagai CSV UTF-8)",
                "the file is not UTF-8 text (save it again as CSV UTF-8)",
            ),
            FileTooLarge { max_mb } => {
                if id {
                    format!("berkas terlalu besar (maksimal {max_mb} MB)")
                } else {
                    format!("the file is too large (at most {max_mb} MB)")
                }
            }
            TooManyRows { max } => {
                if id {
                    format!("terlalu banyak baris (maksimal {max})")
                } else {
                    format!("too many rows (at most {max})")
                }
            }
            PasswordTooShort { min } => {
                if id {
                    format!("kata sandi minimal {min} karakter")
                } else {
                    format!("the password needs at least {min} characters")
                }
            }
            PasswordTooCommon => pick(
                id,
                "kata sandi terlalu mudah ditebak",
                "the password is too easy to guess",
            ),
            PasswordMismatch => pick(
                id,
                "konfirmasi kata sandi tidak sama",
                "the confirmation does not match",
            ),
            WrongPassword => pick(id, "kata sandi salah", "wrong password"),
            InvalidTotp => pick(
                id,
                "kode verifikasi salah atau kedaluwarsa",
                "the verification code is wrong or expired",
            ),
            NotFound => pick(id, "tidak ditemukan", "not found"),
            AlreadyExists => pick(id, "sudah ada", "already exists"),
            UnknownEmployee { nip } => {
                if id {
                    format!("pegawai dengan NIP {nip} tidak ditemukan")
                } else {
                    format!("no employee with NIP {nip}")
                }
            }
            OutsideScope => pick(
                id,
                "di luar unit kerja yang Anda kelola",
                "outside the units you administer",
            ),
            InvalidMonth => pick(
                id,
                "bulan tidak valid (format TTTT-BB, misalnya 2026-12)",
                "is not a valid month (YYYY-MM, e.g. 2026-12)",
            ),
            OutOfRange { min, max } => {
                if id {
                    format!("harus antara {min} dan {max}")
                } else {
                    format!("must be between {min} and {max}")
                }
            }
            InvalidSkill => pick(
                id,
                "nama keahlian tidak sah: huruf kecil, angka, - atau _, diawali huruf, paling panjang 32 karakter",
                "is not a valid skill name: lower-case letters, digits, - or _, starting with a letter, at most 32 characters",
            ),
            DateOutsideMonth { month } => {
                if id {
                    format!("tanggal di luar bulan roster ({month})")
                } else {
                    format!("the date is outside the roster's month ({month})")
                }
            }
            NotWorkingDay => pick(
                id,
                "bukan hari kerja dalam roster ini",
                "is not a working day of this roster",
            ),
            PastDate => pick(id, "tanggal sudah lewat", "the date has passed"),
            RosterPublished => pick(
                id,
                "roster sudah terbit dan tidak dapat diubah lagi",
                "the roster is published and can no longer be changed",
            ),
            RosterNotGenerated => pick(
                id,
                "roster belum dibuat untuk pengaturan ini; tekan «Buat roster» terlebih dahulu",
                "the roster has not been generated for these settings; press «Generate» first",
            ),
            NotInRoster => pick(
                id,
                "pegawai ini tidak termasuk dalam roster ini",
                "this employee is not in this roster",
            ),
            CellAbsent => pick(
                id,
                "pegawai tidak masuk pada tanggal ini (cuti, diklat, atau dinas luar yang sudah disetujui)",
                "the employee is away on this date (approved leave, training or field duty)",
            ),
            CellFixed => pick(
                id,
                "lokasi kerja tanggal ini sudah disetujui sebelumnya; roster tidak mengubahnya",
                "the work location of this date was approved earlier; the roster does not change it",
            ),
            HardViolations { count } => {
                if id {
                    format!("roster masih melanggar {count} aturan wajib; perbaiki dulu sebelum diterbitkan")
                } else {
                    format!("the roster still breaks {count} hard rules; fix them before publishing")
                }
            }
            NoOpenRoster => pick(
                id,
                "tidak ada roster unit Anda yang sedang menampung keinginan untuk tanggal ini",
                "no roster of your unit is collecting wishes for this date",
            ),
            TooManyPeople { max } => {
                if id {
                    format!("unit ini terlalu besar untuk satu roster (paling banyak {max} pegawai); buka roster per bidang atau seksi")
                } else {
                    format!("this unit is too large for one roster (at most {max} people); open one per division or section")
                }
            }
            NoPeople => pick(
                id,
                "unit ini tidak memiliki pegawai",
                "this unit has no employees",
            ),
            NoWorkingDays => pick(
                id,
                "tidak ada hari kerja tersisa di bulan ini",
                "no working days are left in this month",
            ),
            Text { id: i, en } => if id { i.clone() } else { en.clone() },
        }
    }
}

impl Message {
    /// A message with its own Indonesian and English text.
    pub fn text_of(indonesian: impl Into<String>, english: impl Into<String>) -> Message {
        Message::Text {
            id: indonesian.into(),
            en: english.into(),
        }
    }
}

fn pick(id: bool, indonesian: &str, english: &str) -> String {
    if id { indonesian } else { english }.to_string()
}

/// A message about one named field of the input, so the reader knows what to fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: Message,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: Message) -> Self {
        FieldError {
            field: field.into(),
            message,
        }
    }
}
