//! The official lists of national holidays and cuti bersama, and Ramadan, as data.
//!
//! - 2025: SKB Menag 1017/2024, Menaker 2/2024, MenPANRB 2/2024 — 17 holidays, 10 cuti bersama.
//! - 2026: SKB Menag 1497/2025, Menaker 2/2025, MenPANRB 5/2025 — 17 holidays, 8 cuti
//!   bersama (`RULES.md`).
//! - 2027: the decree had not appeared when this was written: the 17 holidays are there,
//!   with Islamic, Chinese and Balinese dates estimated from the lunar calendar and marked
//!   `estimate`; cuti bersama are left for an administrator to add from the decree.
//!
//! An administrator corrects any of these, or adds a year, in the product.

use super::{Holiday, HolidayKind};
use jiff::civil::{date, Date};

pub const BUILTIN_YEARS: [i16; 3] = [2025, 2026, 2027];

use HolidayKind::{Holiday as H, JointLeave as J};

type Row = (i8, i8, &'static str, &'static str, HolidayKind, bool);

const Y2025: &[Row] = &[
    (1, 1, "Tahun Baru 2025 Masehi", "New Year's Day", H, false),
    (
        1,
        27,
        "Isra Mikraj Nabi Muhammad SAW",
        "Isra and Mi'raj",
        H,
        false,
    ),
    (
        1,
        28,
        "Cuti bersama Tahun Baru Imlek",
        "Joint leave: Chinese New Year",
        J,
        false,
    ),
    (
        1,
        29,
        "Tahun Baru Imlek 2576 Kongzili",
        "Chinese New Year",
        H,
        false,
    ),
    (
        3,
        28,
        "Cuti bersama Hari Suci Nyepi",
        "Joint leave: Nyepi",
        J,
        false,
    ),
    (
        3,
        29,
        "Hari Suci Nyepi (Tahun Baru Saka 1947)",
        "Nyepi (Saka New Year)",
        H,
        false,
    ),
    (3, 31, "Idul Fitri 1446 H", "Eid al-Fitr", H, false),
    (4, 1, "Idul Fitri 1446 H", "Eid al-Fitr", H, false),
    (
        4,
        2,
        "Cuti bersama Idul Fitri",
        "Joint leave: Eid al-Fitr",
        J,
        false,
    ),
    (
        4,
        3,
        "Cuti bersama Idul Fitri",
        "Joint leave: Eid al-Fitr",
        J,
        false,
    ),
    (
        4,
        4,
        "Cuti bersama Idul Fitri",
        "Joint leave: Eid al-Fitr",
        J,
        false,
    ),
    (
        4,
        7,
        "Cuti bersama Idul Fitri",
        "Joint leave: Eid al-Fitr",
        J,
        false,
    ),
    (4, 18, "Wafat Yesus Kristus", "Good Friday", H, false),
    (
        4,
        20,
        "Kebangkitan Yesus Kristus (Paskah)",
        "Easter Sunday",
        H,
        false,
    ),
    (5, 1, "Hari Buruh Internasional", "Labour Day", H, false),
    (5, 12, "Hari Raya Waisak 2569 BE", "Vesak Day", H, false),
    (
        5,
        13,
        "Cuti bersama Hari Raya Waisak",
        "Joint leave: Vesak",
        J,
        false,
    ),
    (5, 29, "Kenaikan Yesus Kristus", "Ascension Day", H, false),
    (
        5,
        30,
        "Cuti bersama Kenaikan Yesus Kristus",
        "Joint leave: Ascension",
        J,
        false,
    ),
    (6, 1, "Hari Lahir Pancasila", "Pancasila Day", H, false),
    (6, 6, "Idul Adha 1446 H", "Eid al-Adha", H, false),
    (
        6,
        9,
        "Cuti bersama Idul Adha",
        "Joint leave: Eid al-Adha",
        J,
        false,
    ),
    (
        6,
        27,
        "1 Muharam Tahun Baru Islam 1447 H",
        "Islamic New Year",
        H,
        false,
    ),
    (
        8,
        17,
        "Proklamasi Kemerdekaan",
        "Independence Day",
        H,
        false,
    ),
    (
        9,
        5,
        "Maulid Nabi Muhammad SAW",
        "The Prophet's Birthday",
        H,
        false,
    ),
    (12, 25, "Kelahiran Yesus Kristus", "Christmas Day", H, false),
    (
        12,
        26,
        "Cuti bersama Kelahiran Yesus Kristus",
        "Joint leave: Christmas",
        J,
        false,
    ),
];

const Y2026: &[Row] = &[
    (1, 1, "Tahun Baru 2026 Masehi", "New Year's Day", H, false),
    (
        1,
        16,
        "Isra Mikraj Nabi Muhammad SAW",
        "Isra and Mi'raj",
        H,
        false,
    ),
    (
        2,
        16,
        "Cuti bersama Tahun Baru Imlek",
        "Joint leave: Chinese New Year",
        J,
        false,
    ),
    (
        2,
        17,
        "Tahun Baru Imlek 2577 Kongzili",
        "Chinese New Year",
        H,
        false,
    ),
    (
        3,
        18,
        "Cuti bersama Hari Suci Nyepi",
        "Joint leave: Nyepi",
        J,
        false,
    ),
    (
        3,
        19,
        "Hari Suci Nyepi (Tahun Baru Saka 1948)",
        "Nyepi (Saka New Year)",
        H,
        false,
    ),
    (
        3,
        20,
        "Cuti bersama Idul Fitri",
        "Joint leave: Eid al-Fitr",
        J,
        false,
    ),
    (3, 21, "Idul Fitri 1447 H", "Eid al-Fitr", H, false),
    (3, 22, "Idul Fitri 1447 H", "Eid al-Fitr", H, false),
    (
        3,
        23,
        "Cuti bersama Idul Fitri",
        "Joint leave: Eid al-Fitr",
        J,
        false,
    ),
    (
        3,
        24,
        "Cuti bersama Idul Fitri",
        "Joint leave: Eid al-Fitr",
        J,
        false,
    ),
    (4, 3, "Wafat Yesus Kristus", "Good Friday", H, false),
    (
        4,
        5,
        "Kebangkitan Yesus Kristus (Paskah)",
        "Easter Sunday",
        H,
        false,
    ),
    (5, 1, "Hari Buruh Internasional", "Labour Day", H, false),
    (5, 14, "Kenaikan Yesus Kristus", "Ascension Day", H, false),
    (
        5,
        15,
        "Cuti bersama Kenaikan Yesus Kristus",
        "Joint leave: Ascension",
        J,
        false,
    ),
    (5, 27, "Idul Adha 1447 H", "Eid al-Adha", H, false),
    (
        5,
        28,
        "Cuti bersama Idul Adha",
        "Joint leave: Eid al-Adha",
        J,
        false,
    ),
    (5, 31, "Hari Raya Waisak 2570 BE", "Vesak Day", H, false),
    (6, 1, "Hari Lahir Pancasila", "Pancasila Day", H, false),
    (
        6,
        16,
        "1 Muharam Tahun Baru Islam 1448 H",
        "Islamic New Year",
        H,
        false,
    ),
    (
        8,
        17,
        "Proklamasi Kemerdekaan",
        "Independence Day",
        H,
        false,
    ),
    (
        8,
        25,
        "Maulid Nabi Muhammad SAW",
        "The Prophet's Birthday",
        H,
        false,
    ),
    (
        12,
        24,
        "Cuti bersama Kelahiran Yesus Kristus",
        "Joint leave: Christmas",
        J,
        false,
    ),
    (12, 25, "Kelahiran Yesus Kristus", "Christmas Day", H, false),
];

const Y2027: &[Row] = &[
    (1, 1, "Tahun Baru 2027 Masehi", "New Year's Day", H, false),
    (
        1,
        5,
        "Isra Mikraj Nabi Muhammad SAW",
        "Isra and Mi'raj",
        H,
        true,
    ),
    (
        2,
        6,
        "Tahun Baru Imlek 2578 Kongzili",
        "Chinese New Year",
        H,
        true,
    ),
    (
        3,
        8,
        "Hari Suci Nyepi (Tahun Baru Saka 1949)",
        "Nyepi (Saka New Year)",
        H,
        true,
    ),
    (3, 10, "Idul Fitri 1448 H", "Eid al-Fitr", H, true),
    (3, 11, "Idul Fitri 1448 H", "Eid al-Fitr", H, true),
    (3, 26, "Wafat Yesus Kristus", "Good Friday", H, false),
    (
        3,
        28,
        "Kebangkitan Yesus Kristus (Paskah)",
        "Easter Sunday",
        H,
        false,
    ),
    (5, 1, "Hari Buruh Internasional", "Labour Day", H, false),
    (5, 6, "Kenaikan Yesus Kristus", "Ascension Day", H, false),
    (5, 17, "Idul Adha 1448 H", "Eid al-Adha", H, true),
    (5, 20, "Hari Raya Waisak 2571 BE", "Vesak Day", H, true),
    (6, 1, "Hari Lahir Pancasila", "Pancasila Day", H, false),
    (
        6,
        6,
        "1 Muharam Tahun Baru Islam 1449 H",
        "Islamic New Year",
        H,
        true,
    ),
    (
        8,
        15,
        "Maulid Nabi Muhammad SAW",
        "The Prophet's Birthday",
        H,
        true,
    ),
    (
        8,
        17,
        "Proklamasi Kemerdekaan",
        "Independence Day",
        H,
        false,
    ),
    (12, 25, "Kelahiran Yesus Kristus", "Christmas Day", H, false),
];

/// The built-in list of `year`, sorted by date; empty for a year not shipped.
pub fn builtin_holidays(year: i16) -> Vec<Holiday> {
    let rows = match year {
        2025 => Y2025,
        2026 => Y2026,
        2027 => Y2027,
        _ => &[],
    };
    rows.iter()
        .map(|&(m, d, name_id, name_en, kind, estimate)| Holiday {
            date: date(year, m, d),
            name_id,
            name_en,
            kind,
            estimate,
        })
        .collect()
}

/// Ramadan (first and last day) of a built-in year, and whether it is an estimate.
pub fn builtin_ramadan(year: i16) -> Option<(Date, Date, bool)> {
    match year {
        2025 => Some((date(2025, 3, 1), date(2025, 3, 30), false)),
        2026 => Some((date(2026, 2, 19), date(2026, 3, 20), false)),
        2027 => Some((date(2027, 2, 8), date(2027, 3, 9), true)),
        _ => None,
    }
}
