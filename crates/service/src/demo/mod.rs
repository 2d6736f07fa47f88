//! The demo agency: a fictional regency, Kabupaten Nusa Raya, with about 15 OPD, two
//! Puskesmas, kecamatan, two liaison offices in WITA and WIT, ~630 people with valid NIPs,
//! supervisor chains, five cross-unit teams and one login per role.
//!
//! It is loaded through the same CSV import an administrator uses, so the demo is also a
//! check of the import. Seeding is idempotent: an agency that exists is left alone.

use crate::{import, password, team, user as user_service, Actor, App, Result};
use fleksi_domain::role::GrantedRole;
use fleksi_domain::AgencyId;
use fleksi_store::user::{self, NewUser};
use fleksi_store::{agency, commit, employee, org};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::fmt::Write as _;

pub const AGENCY_CODE: &str = "KAB-NUSARAYA";

/// One login to print per role.
pub struct DemoLogin {
    pub role: &'static str,
    pub login: String,
}

mod data;
mod eligibility;
mod roster;
use data::{FAMILY, FEMALE, MALE, OPDS, PLACES, STAFF};

/// A team to create: name, home unit code, and (unit code, how many members) to draw.
type TeamPlan<'a> = (&'a str, &'a str, &'a [(&'a str, usize)]);

struct Gen {
    rng: StdRng,
    seq: u32,
    units: String,
    employees: String,
}

impl Gen {
    fn unit(&mut self, code: &str, name: &str, parent: &str, kind: &str, zone: &str) {
        let _ = writeln!(
            self.units,
            "{code};{name};{parent};{kind};32.99;Kabupaten Nusa Raya;{zone}"
        );
    }

    /// Adds a person; returns their NIP.
    fn person(
        &mut self,
        unit: &str,
        position: &str,
        kind: &str,
        grade: u32,
        supervisor: &str,
    ) -> String {
        let female = self.rng.gen_bool(0.5);
        let first = if female {
            FEMALE[self.rng.gen_range(0..FEMALE.len())]
        } else {
            MALE[self.rng.gen_range(0..MALE.len())]
        };
        let last = FAMILY[self.rng.gen_range(0..FAMILY.len())];
        let senior = grade >= 11;
        let birth_year = if senior {
            self.rng.gen_range(1968..1982)
        } else {
            self.rng.gen_range(1975..2000)
        };
        let (month, day) = (self.rng.gen_range(1..=12), self.rng.gen_range(1..=28));
        let start_year = self
            .rng
            .gen_range(birth_year + 22..=(birth_year + 30).min(2024));
        let pppk = !senior && kind == "pelaksana" && self.rng.gen_bool(0.25);
        self.seq += 1;
        let nip = if pppk {
            format!(
                "{birth_year:04}{month:02}{day:02}{start_year:04}21{}{:03}",
                if female { 2 } else { 1 },
                self.seq % 999 + 1
            )
        } else {
            let start_month = self.rng.gen_range(1..=12);
            format!(
                "{birth_year:04}{month:02}{day:02}{start_year:04}{start_month:02}{}{:03}",
                if female { 2 } else { 1 },
                self.seq % 999 + 1
            )
        };
        let status = if pppk { "PPPK" } else { "PNS" };
        let since = format!(
            "{}-{:02}-01",
            self.rng.gen_range(2019..=2026),
            self.rng.gen_range(1..=10)
        );
        let discipline = if self.rng.gen_ratio(1, 120) {
            "in_process"
        } else {
            "none"
        };
        let place = PLACES[self.rng.gen_range(0..PLACES.len())];
        let _ = writeln!(
            self.employees,
            "{nip};{first} {last};{status};{position};{kind};{grade};{unit};{supervisor};Kel. {place}, Kab. Nusa Raya;{since};{discipline};"
        );
        nip
    }
}

/// Fills an empty database with the demo agency; returns one login per role.
pub async fn seed(app: &App, demo_password: &str) -> Result<Vec<DemoLogin>> {
    let mut c = app.db.conn().await?;
    let existing = agency::by_code(&mut c, AGENCY_CODE).await?;
    drop(c);
    if existing.is_none() {
        build(app, demo_password).await?;
    }
    user_service::create_system_admin_if_missing(app, "admin", demo_password).await?;
    Ok(logins())
}

fn logins() -> Vec<DemoLogin> {
    [
        ("Administrator sistem", "admin"),
        ("Admin instansi (BKPSDM)", "admin.bkpsdm"),
        ("Admin unit (Dinas Kesehatan)", "admin.dinkes"),
        ("Atasan (Kepala Diskominfo)", "kepala.diskominfo"),
        ("Atasan, roster (Kabid Disdukcapil)", "kabid.dukcapil"),
        ("Pegawai, roster (Disdukcapil)", "pegawai.dukcapil"),
        ("Ketua tim (Transformasi Digital)", "ketua.tim"),
        ("Pegawai (Diskominfo)", "pegawai"),
        ("Auditor (Inspektorat)", "auditor"),
        ("Helpdesk", "helpdesk"),
    ]
    .into_iter()
    .map(|(role, login)| DemoLogin {
        role,
        login: login.to_string(),
    })
    .collect()
}

async fn build(app: &App, demo_password: &str) -> Result<()> {
    let mut system = Actor::cli(None);
    system.username = "demo".into();
    let agency_id =
        user_service::create_agency(app, &system, AGENCY_CODE, "Pemerintah Kabupaten Nusa Raya")
            .await?;
    let mut actor = Actor::cli(Some(agency_id));
    actor.username = "demo".into();
    let mut g = Gen {
        rng: StdRng::seed_from_u64(20260421),
        seq: 0,
        units: "kode;nama;kode_induk;jenis;kode_wilayah;nama_wilayah;zona_waktu\n".into(),
        employees: "nip;nama;status;jabatan;jenis_jabatan;kelas_jabatan;kode_unit;nip_atasan;domisili;tmt_jabatan;status_disiplin;email\n".into(),
    };
    g.unit(
        "PEMKAB",
        "Pemerintah Kabupaten Nusa Raya",
        "",
        "pemda",
        "WIB",
    );
    g.unit(
        "SETDA",
        "Sekretariat Daerah",
        "PEMKAB",
        "sekretariat",
        "WIB",
    );
    let sekda = g.person("SETDA", "Sekretaris Daerah", "struktural", 15, "");
    for (code, name, zone) in [
        ("KP-MAKASSAR", "Kantor Penghubung Makassar", "WITA"),
        ("KP-JAYAPURA", "Kantor Penghubung Jayapura", "WIT"),
    ] {
        g.unit(code, name, "SETDA", "kantor_penghubung", zone);
        let head = g.person(code, "Kepala Kantor Penghubung", "struktural", 11, &sekda);
        for i in 0..3 {
            let (pos, kind) = STAFF[(i + 3) % STAFF.len()];
            g.person(code, pos, kind, 7, &head);
        }
    }
    for opd in OPDS {
        g.unit(opd.code, opd.name, "PEMKAB", opd.kind, "WIB");
        let head = g.person(opd.code, opd.head, "struktural", 14, &sekda);
        let sec_code = format!("{}-SEK", opd.code);
        let sec_title = if opd.kind == "kecamatan" {
            "Sekretaris Kecamatan"
        } else {
            "Sekretaris"
        };
        g.unit(
            &sec_code,
            &format!("{sec_title} {}", short(opd.name)),
            opd.code,
            "sekretariat",
            "WIB",
        );
        let sec = g.person(&sec_code, sec_title, "struktural", 12, &head);
        for i in 0..4 {
            let (pos, kind) = STAFF[(i + 1) % STAFF.len()];
            g.person(&sec_code, pos, kind, 7, &sec);
        }
        for (b, bidang) in opd.bidang.iter().enumerate() {
            let code = format!("{}-B{}", opd.code, b + 1);
            g.unit(
                &code,
                bidang,
                opd.code,
                if opd.kind == "kecamatan" {
                    "seksi"
                } else {
                    "bidang"
                },
                "WIB",
            );
            let title = if opd.kind == "kecamatan" {
                "Kepala Seksi"
            } else {
                "Kepala Bidang"
            };
            let kabid = g.person(&code, title, "struktural", 11, &head);
            for i in 0..10 {
                let (pos, kind, grade) = if i < 4 {
                    (opd.specialist, "fungsional", 9)
                } else {
                    let (p, k) = STAFF[i % STAFF.len()];
                    (p, k, 7)
                };
                g.person(&code, pos, kind, grade, &kabid);
            }
        }
        if opd.code == "DINKES" {
            for (code, name) in [
                ("PKM-SUKAMAJU", "UPT Puskesmas Sukamaju"),
                ("PKM-CIBENDA", "UPT Puskesmas Cibenda"),
            ] {
                g.unit(code, name, "DINKES", "upt", "WIB");
                let kapus = g.person(code, "Kepala Puskesmas", "struktural", 10, &head);
                for (pos, n) in [
                    ("Dokter Ahli Pertama", 2),
                    ("Perawat Terampil", 3),
                    ("Bidan Terampil", 3),
                    ("Pengadministrasi Perkantoran", 1),
                ] {
                    for _ in 0..n {
                        g.person(
                            code,
                            pos,
                            if pos.starts_with("Peng") {
                                "pelaksana"
                            } else {
                                "fungsional"
                            },
                            8,
                            &kapus,
                        );
                    }
                }
            }
        }
    }
    import::import_units(app, &actor, g.units.as_bytes()).await?;
    import::import_employees(app, &actor, g.employees.as_bytes()).await?;
    accounts(app, agency_id, demo_password).await?;
    teams(app, &actor, agency_id).await?;
    roster::seed(app, &actor, agency_id).await?;
    eligibility::seed(app, &actor, agency_id).await?;
    Ok(())
}

fn short(name: &str) -> &str {
    name.strip_prefix("Kecamatan ").unwrap_or(name)
}

/// Accounts for everyone (login by NIP), named logins for the role examples, and grants.
async fn accounts(app: &App, agency: AgencyId, demo_password: &str) -> Result<()> {
    // Every demo account shares the one demo password, so it is hashed once: hashing
    // 600 passwords with Argon2id would add half a minute to the demo's start.
    let hash = password::hash(demo_password.to_string()).await?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let people = employee::all_in_agency(&mut tx, agency.0).await?;
    let pick = |unit: &str, position_prefix: &str| {
        people
            .iter()
            .filter(|e| e.unit_code == unit && e.position_name.starts_with(position_prefix))
            .map(|e| e.id)
            .min()
    };
    let named = [
        (
            "admin.bkpsdm",
            pick("BKPSDM-B3", "Analis SDM"),
            Some((GrantedRole::AgencyAdmin, None)),
        ),
        (
            "admin.dinkes",
            pick("DINKES-SEK", "Peng"),
            Some((GrantedRole::UnitAdmin, Some("DINKES"))),
        ),
        (
            "kepala.diskominfo",
            pick("DISKOMINFO", "Kepala Dinas"),
            None,
        ),
        ("ketua.tim", pick("DISKOMINFO-B1", "Kepala Bidang"), None),
        ("pegawai", pick("DISKOMINFO-B1", "Pranata Komputer"), None),
        ("kabid.dukcapil", pick(roster::UNIT, "Kepala Bidang"), None),
        (
            "pegawai.dukcapil",
            pick(roster::UNIT, "Administrator Database"),
            None,
        ),
        (
            "auditor",
            pick("INSPEKTORAT-B1", "Auditor"),
            Some((GrantedRole::Auditor, None)),
        ),
        (
            "helpdesk",
            pick("DISKOMINFO-B2", "Pranata Komputer"),
            Some((GrantedRole::Helpdesk, None)),
        ),
    ];
    for e in &people {
        let special = named.iter().find(|(_, id, _)| *id == Some(e.id));
        let username = special
            .map(|(u, _, _)| u.to_string())
            .unwrap_or_else(|| e.nip.clone());
        let id = user::insert(
            &mut tx,
            &NewUser {
                agency_id: Some(agency.0),
                employee_id: Some(e.id),
                username: &username,
                email: None,
                display_name: &e.name,
                password_hash: &hash,
            },
            now,
        )
        .await?;
        if let Some((_, _, Some((role, unit)))) = special {
            let unit_id = match unit {
                Some(code) => org::by_code(&mut tx, agency.0, code).await?.map(|u| u.id),
                None => None,
            };
            user::add_grant(&mut tx, id, Some(agency.0), role.code(), unit_id, now).await?;
        }
    }
    let mut actor = Actor::cli(Some(agency));
    actor.username = "demo".into();
    let summary = serde_json::json!({"accounts": people.len()});
    fleksi_store::audit::append(
        &mut tx,
        &[crate::audit::event(app, &actor, "user.create_many", "user", "demo").after(&summary)],
    )
    .await?;
    commit(tx).await?;
    Ok(())
}

async fn teams(app: &App, actor: &Actor, agency: AgencyId) -> Result<()> {
    let mut c = app.db.conn().await?;
    let people = employee::all_in_agency(&mut c, agency.0).await?;
    let units = org::list_units(&mut c, agency.0).await?;
    drop(c);
    let unit_id = |code: &str| {
        units
            .iter()
            .find(|u| u.code == code)
            .map(|u| u.id)
            .unwrap_or_default()
    };
    let in_unit = |code: &str, n: usize, skip: usize| -> Vec<i64> {
        people
            .iter()
            .filter(|e| e.unit_code == code && e.position_kind != "struktural")
            .skip(skip)
            .take(n)
            .map(|e| e.id)
            .collect()
    };
    let head_of = |code: &str| {
        people
            .iter()
            .find(|e| e.unit_code == code && e.position_kind == "struktural")
            .map(|e| e.id)
            .unwrap_or_default()
    };
    let plan: [TeamPlan; 5] = [
        (
            "Tim Percepatan Transformasi Digital",
            "DISKOMINFO-B1",
            &[
                ("DISKOMINFO-B1", 4),
                ("DISKOMINFO-B2", 2),
                ("BAPPEDA-B3", 1),
                ("DISDUKCAPIL-B3", 2),
                ("DPMPTSP-B1", 1),
            ],
        ),
        (
            "Tim Percepatan Penurunan Stunting",
            "DINKES-B1",
            &[
                ("DINKES-B1", 3),
                ("BAPPEDA-B2", 2),
                ("KEC-SUKAMAJU-B3", 1),
                ("KEC-TELUKBIRU-B3", 1),
                ("PKM-CIBENDA", 2),
            ],
        ),
        (
            "Tim Reformasi Birokrasi",
            "BKPSDM-B3",
            &[
                ("BKPSDM-B3", 3),
                ("INSPEKTORAT-B1", 1),
                ("BAPPEDA-B1", 1),
                ("SETDA", 1),
            ],
        ),
        (
            "Tim Mal Pelayanan Publik",
            "DPMPTSP-B1",
            &[("DPMPTSP-B1", 3), ("DISDUKCAPIL-B1", 2), ("DPMPTSP-B3", 2)],
        ),
        (
            "Tim Penyusunan RKPD",
            "BAPPEDA-B1",
            &[
                ("BAPPEDA-B1", 3),
                ("BPKAD-B1", 2),
                ("DPUPR-B3", 1),
                ("DISDIK-B1", 1),
            ],
        ),
    ];
    for (t, (name, home, members)) in plan.iter().enumerate() {
        let mut list = Vec::new();
        for (code, n) in members.iter() {
            for id in in_unit(code, *n, 4) {
                let letter = (*code != *home)
                    .then(|| format!("800.1.11.1/{:03}/BKPSDM/2026", 101 + t * 10 + list.len()));
                list.push((id, letter));
            }
        }
        team::create(
            app,
            actor,
            team::NewTeam {
                name: name.to_string(),
                unit_id: unit_id(home),
                lead_id: head_of(home),
                members: list,
            },
        )
        .await?;
    }
    Ok(())
}
