//! Necessary conditions of one unit on one date: approved office plans against seats, seats
//! against the away share, and the coverage each skill needs against who can be there.

use crate::instance::{Fixed, Instance};

use super::diagnose::{explanation, Diagnosis, Span};
use super::words;

pub(crate) fn unit_day(
    inst: &Instance,
    u: usize,
    d: usize,
    people: &[usize],
    is: &impl Fn(usize, usize, Fixed) -> bool,
    out: &mut Vec<Diagnosis>,
) {
    let unit = &inst.units[u];
    let (name, date) = (words::unit(inst, u), inst.dates[d]);
    let present: Vec<usize> = people
        .iter()
        .copied()
        .filter(|&p| !is(p, d, Fixed::Absent))
        .collect();
    let in_office: Vec<usize> = people
        .iter()
        .copied()
        .filter(|&p| is(p, d, Fixed::Office))
        .collect();
    let remote: Vec<usize> = people
        .iter()
        .copied()
        .filter(|&p| is(p, d, Fixed::Remote))
        .collect();
    let seats = unit.seats.on(d);
    let n = present.len() as i64;
    let share = unit.max_away_share.on(d);
    let allowed_away = (share * n as f64 + 1e-9).floor() as i64;
    let mut push =
        |covers: &'static [&'static str], skill: Option<&String>, who: &[usize], problem, fix| {
            out.push(Diagnosis {
                covers,
                unit: u,
                day: d,
                span: Span::Day,
                employee: None,
                team: None,
                skill: skill.cloned(),
                explanation: explanation(covers[0], inst, u, d, who, problem, fix),
            })
        };

    let k = in_office.len() as i64;
    if k > seats {
        push(
            &["seats"],
            None,
            &in_office,
            (
                format!("{name}, {date}: {k} orang sudah disetujui bekerja di kantor, kursi hanya {seats}"),
                format!("{name}, {date}: {k} people are approved to work in the office, there are only {seats} seats"),
            ),
            (
                format!("tambah {} kursi pada {date}, atau ubah {} rencana kerja di kantor yang sudah disetujui", k - seats, k - seats),
                format!("add {} seat(s) on {date}, or change {} approved office plan(s)", k - seats, k - seats),
            ),
        );
    }
    let r = remote.len() as i64;
    if r > allowed_away {
        let pct = words::share_for(r, n);
        push(
            &["away_share"],
            None,
            &remote,
            (
                format!("{name}, {date}: {r} orang sudah disetujui bekerja jarak jauh, porsi maksimum hanya mengizinkan {allowed_away} dari {n} yang hadir"),
                format!("{name}, {date}: {r} people are approved to work remotely, the maximum share allows only {allowed_away} of the {n} present"),
            ),
            (
                format!("naikkan porsi maksimum pada {date} menjadi {pct}%, atau batalkan {} rencana kerja jarak jauh", r - allowed_away),
                format!("raise the maximum share on {date} to {pct}%, or cancel {} approved remote day(s)", r - allowed_away),
            ),
        );
    } else if n - seats > allowed_away {
        let must_go = n - seats;
        let pct = words::share_for(must_go, n);
        push(
            &["seats", "away_share"],
            None,
            &[],
            (
                format!("{name}, {date}: {n} orang hadir dan kursi hanya {seats}, jadi {must_go} orang harus bekerja jarak jauh, padahal porsi maksimum hanya mengizinkan {allowed_away}"),
                format!("{name}, {date}: {n} people are present and there are only {seats} seats, so {must_go} must work remotely, but the maximum share allows only {allowed_away}"),
            ),
            (
                format!("tambah {} kursi pada {date}, atau naikkan porsi maksimum bekerja di luar kantor menjadi {pct}%", must_go - allowed_away),
                format!("add {} seat(s) on {date}, or raise the maximum share away from the office to {pct}%", must_go - allowed_away),
            ),
        );
    }

    let mut needs: Vec<(&String, i64)> = Vec::new();
    for (skill, need) in &unit.coverage {
        let need = need.on(d);
        if need <= 0 {
            continue;
        }
        needs.push((skill, need));
        let holders: Vec<usize> = people
            .iter()
            .copied()
            .filter(|&p| inst.employees[p].skills.contains(skill))
            .collect();
        let can = holders
            .iter()
            .filter(|&&p| !is(p, d, Fixed::Absent) && !is(p, d, Fixed::Remote))
            .count() as i64;
        // Too few people with the skill at all is one cause for the whole horizon (see
        // `diagnose::skills`), not one per date.
        if can >= need || (holders.len() as i64) < need {
            continue;
        }
        let blocked: Vec<usize> = holders
            .iter()
            .copied()
            .filter(|&p| is(p, d, Fixed::Absent) || is(p, d, Fixed::Remote))
            .collect();
        let any_remote = blocked.iter().any(|&p| is(p, d, Fixed::Remote));
        let short = need - can;
        let (why_id, why_en) = if any_remote {
            (
                "yang tidak cuti dan tidak disetujui bekerja jarak jauh",
                "are neither on leave nor approved to work remotely",
            )
        } else {
            ("yang tidak cuti", "are not on leave")
        };
        let (names_id, names_en) = words::people(inst, &blocked);
        let fix = if blocked.len() as i64 >= short {
            (
                format!("turunkan kebutuhan {skill} pada {date} menjadi {can}, atau batalkan cuti/kerja jarak jauh {short} orang dari: {names_id}"),
                format!("lower the {skill} need on {date} to {can}, or cancel the leave/remote day of {short} of: {names_en}"),
            )
        } else {
            (
                format!("turunkan kebutuhan {skill} pada {date} menjadi {can}, atau tambah orang dengan keahlian {skill} di unit ini"),
                format!("lower the {skill} need on {date} to {can}, or add people with the {skill} skill to this unit"),
            )
        };
        push(
            &["coverage"],
            Some(skill),
            &blocked,
            (
                format!("{name}, {date}: {skill} perlu {need} orang di kantor, hanya {can} {why_id}"),
                format!("{name}, {date}: {skill} needs {need} people in the office, only {can} {why_en}"),
            ),
            fix,
        );
    }

    // Needs of different skills must be met by different people unless someone holds two.
    let shared = people.iter().any(|&p| {
        needs
            .iter()
            .filter(|(s, _)| inst.employees[p].skills.contains(s))
            .count()
            > 1
    });
    let people_needed = if shared {
        needs.iter().map(|(_, v)| *v).max().unwrap_or(0)
    } else {
        needs.iter().fold(0i64, |a, (_, v)| a.saturating_add(*v))
    };
    if people_needed > seats {
        let list = needs
            .iter()
            .map(|(s, v)| format!("{s} {v}"))
            .collect::<Vec<_>>()
            .join(", ");
        push(
            &["coverage", "seats"],
            None,
            &[],
            (
                format!("{name}, {date}: layanan perlu {people_needed} orang di kantor ({list}), kursi hanya {seats}"),
                format!("{name}, {date}: the services need {people_needed} people in the office ({list}), there are only {seats} seats"),
            ),
            (
                format!("tambah {} kursi pada {date}, atau turunkan kebutuhan layanan", people_needed - seats),
                format!("add {} seat(s) on {date}, or lower the service needs", people_needed - seats),
            ),
        );
    }
}
