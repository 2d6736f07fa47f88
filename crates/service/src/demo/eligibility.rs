//! The demo's activity mapping (Permen PANRB 4/2025): the positions of the Disdukcapil
//! front office (`DISDUKCAPIL-B1`, logins `kabid.dukcapil` and `pegawai.dukcapil`) and of
//! Diskominfo's Bidang Aplikasi Informatika (`DISKOMINFO-B1`, login `pegawai`), so that
//! both staff logins are eligible (hybrid, 2 flexible days a week), the counter (loket)
//! positions are on site, and a few Diskominfo positions are left unmapped to show that
//! state.

use crate::{audit, import, Actor, App, Result, ServiceError};
use fleksi_domain::eligibility::{employee_reasons, EmployeeFacts};
use fleksi_domain::org::Discipline;
use fleksi_domain::AgencyId;
use fleksi_store::eligibility::{self as store, NewActivity};
use fleksi_store::{audit as audit_store, commit, employee, org, user};

/// An activity and the six criteria (a–f) it meets: `Y` yes, `N` no.
type Act = (&'static str, &'static str);

const FRONT_OFFICE: &[(&str, &[Act])] = &[
    (
        "Kepala Bidang",
        &[
            (
                "Menandatangani dokumen kependudukan secara elektronik (TTE)",
                "YYYYYY",
            ),
            ("Menyusun laporan kinerja bidang", "YYYYYY"),
            ("Memimpin rapat koordinasi pelayanan", "NYYNYY"),
            ("Mengawasi pelayanan di loket", "NYNNYY"),
        ],
    ),
    (
        "Administrator Database Kependudukan Ahli Pertama",
        &[
            (
                "Memverifikasi dan memvalidasi data kependudukan di SIAK",
                "YYYYYY",
            ),
            ("Memutakhirkan basis data kependudukan", "YYYYYY"),
            (
                "Menyusun laporan konsolidasi data kependudukan bulanan",
                "YYYYYY",
            ),
            ("Melayani perekaman biometrik KTP-el", "NNYNYY"),
            ("Memeriksa berkas fisik pemohon di loket", "NYNNYY"),
        ],
    ),
    (
        "Pengadministrasi Perkantoran",
        &[
            (
                "Mengagendakan surat masuk dan keluar di aplikasi naskah dinas",
                "YYYYYY",
            ),
            ("Menyusun rekap data layanan harian", "YYYYYY"),
            ("Mengarsipkan dokumen fisik permohonan", "NNNYYY"),
        ],
    ),
    (
        "Penata Layanan Operasional",
        &[
            ("Melayani pemohon di loket pendaftaran penduduk", "NYNNYY"),
            (
                "Memeriksa kelengkapan berkas KK dan pindah datang",
                "NYNNYY",
            ),
        ],
    ),
    (
        "Pengelola Layanan Operasional",
        &[
            (
                "Menyerahkan dokumen kependudukan kepada pemohon di loket",
                "NYNNYY",
            ),
            ("Mengelola antrean layanan", "NNYNYY"),
        ],
    ),
    (
        "Operator Layanan Operasional",
        &[
            ("Mengoperasikan alat perekaman KTP-el", "NNYNYY"),
            ("Mencetak KTP-el dan KIA", "NNYYYY"),
        ],
    ),
    (
        "Analis Kebijakan Ahli Muda",
        &[
            (
                "Menyusun kajian kebijakan pelayanan administrasi kependudukan",
                "YYYYYY",
            ),
            ("Menyusun telaahan staf untuk pimpinan", "YYYYYY"),
            ("Menghadiri rapat koordinasi lintas OPD", "NYYNYY"),
        ],
    ),
    (
        "Arsiparis Terampil",
        &[
            ("Menyusun daftar arsip di aplikasi SRIKANDI", "YYYYYY"),
            ("Mendigitalkan arsip kependudukan dengan pemindai", "NNYYYY"),
            ("Menata arsip statis di ruang arsip", "NNNYYY"),
        ],
    ),
];

const APLIKASI: &[(&str, &[Act])] = &[
    (
        "Kepala Bidang",
        &[
            ("Menyusun rencana pengembangan aplikasi daerah", "YYYYYY"),
            ("Menyetujui rilis aplikasi secara elektronik", "YYYYYY"),
            ("Memimpin rapat koordinasi dengan OPD pengguna", "NYYNYY"),
        ],
    ),
    (
        "Pranata Komputer Ahli Pertama",
        &[
            ("Mengembangkan aplikasi layanan publik", "YYYYYY"),
            ("Memelihara kode sumber dan dokumentasi sistem", "YYYYYY"),
            ("Menangani tiket gangguan aplikasi", "YYYYYY"),
            ("Memasang dan merawat perangkat di ruang server", "NNYYYY"),
            ("Mendampingi OPD dalam sosialisasi aplikasi", "NYYNYY"),
        ],
    ),
    (
        "Pengadministrasi Perkantoran",
        &[
            ("Mengagendakan surat di aplikasi naskah dinas", "YYYYYY"),
            ("Mengelola persediaan alat tulis kantor", "NNNYYY"),
        ],
    ),
    (
        "Analis Kebijakan Ahli Muda",
        &[
            ("Menyusun kajian kebijakan SPBE", "YYYYYY"),
            ("Menyusun bahan evaluasi SPBE", "YYYYYY"),
        ],
    ),
];

fn criteria(marks: &str) -> [bool; 6] {
    let mut c = [false; 6];
    for (i, m) in marks.bytes().take(6).enumerate() {
        c[i] = m == b'Y';
    }
    c
}

/// Maps the two units and makes sure the two staff logins meet the employee criteria.
pub(super) async fn seed(app: &App, actor: &Actor, agency: AgencyId) -> Result<()> {
    settle_staff(
        app,
        actor,
        agency,
        &["pegawai.dukcapil", "pegawai", "kabid.dukcapil"],
    )
    .await?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let mut entries = Vec::new();
    for (code, plan) in [
        (super::roster::UNIT, FRONT_OFFICE),
        ("DISKOMINFO-B1", APLIKASI),
    ] {
        let unit = org::by_code(&mut tx, agency.0, code)
            .await?
            .ok_or_else(|| ServiceError::Internal(format!("demo unit {code} missing")))?;
        let held = store::positions(&mut tx, agency.0, unit.id).await?;
        let mut mapped = 0;
        for (position, acts) in plan {
            // A position the generator did not place here is skipped, not an error.
            let Some(p) = held.iter().find(|p| p.name == *position) else {
                continue;
            };
            for (name, marks) in acts.iter() {
                let new = NewActivity {
                    unit_id: unit.id,
                    position_id: p.position_id,
                    activity: name,
                    criteria: criteria(marks),
                };
                store::insert(&mut tx, agency.0, &new, None, now).await?;
                mapped += 1;
            }
        }
        let after = serde_json::json!({"activities": mapped});
        entries.push(
            audit::event(app, actor, "demo.eligibility_setup", "unit", unit.id)
                .in_unit(&unit.path)
                .after(&after),
        );
    }
    audit_store::append(&mut tx, &entries).await?;
    commit(tx).await?;
    Ok(())
}

/// The generator draws start dates and disciplinary cases at random; the demo's staff
/// logins must show an eligible employee, so their record is corrected through the same
/// import an administrator would use, and only when it needs to be.
async fn settle_staff(app: &App, actor: &Actor, agency: AgencyId, logins: &[&str]) -> Result<()> {
    let mut c = app.db.conn().await?;
    let mut rows = String::from(
        "nip;nama;status;jabatan;jenis_jabatan;kelas_jabatan;kode_unit;nip_atasan;domisili;tmt_jabatan;status_disiplin;email\n",
    );
    let mut any = false;
    for login in logins {
        let Some(id) = user::by_username(&mut c, login)
            .await?
            .and_then(|u| u.employee_id)
        else {
            continue;
        };
        let Some(e) = employee::get(&mut c, agency.0, id).await? else {
            continue;
        };
        let today = crate::eligibility::today_in(app, &e.time_zone);
        let facts = EmployeeFacts {
            discipline: Discipline::parse(&e.discipline).unwrap_or(Discipline::Serving),
            position_since: e.position_since.as_deref().and_then(|s| s.parse().ok()),
        };
        // Two years in the position clears any agency's usual minimum.
        if employee_reasons(&facts, today, 24).is_empty() {
            continue;
        }
        let since = today
            .checked_sub(jiff::Span::new().years(3))
            .map(|d| d.first_of_month().to_string())
            .unwrap_or_default();
        any = true;
        rows.push_str(&format!(
            "{};{};{};{};{};{};{};{};{};{since};none;{}\n",
            e.nip,
            e.name,
            e.status,
            e.position_name,
            e.position_kind,
            e.grade.map(|g| g.to_string()).unwrap_or_default(),
            e.unit_code,
            e.supervisor_nip.unwrap_or_default(),
            e.domicile.unwrap_or_default(),
            e.email.unwrap_or_default(),
        ));
    }
    drop(c);
    if any {
        import::import_employees(app, actor, rows.as_bytes()).await?;
    }
    Ok(())
}
