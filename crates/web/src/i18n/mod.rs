//! Screen texts in Bahasa Indonesia (the default) and English. Each feature of the
//! arrangements keeps its texts in its own file here (same name as the feature), so the
//! table of one feature is read and changed in one place.

mod calendar;
mod dashboard;
mod eligibility;
mod evaluation;
mod plan;
mod policy;
mod presence;
mod report;
mod schedule;
mod skp;
mod task;

use fleksi_domain::Locale;

/// A translator handed to every template: `{{ t.s("nav.home") }}`.
#[derive(Clone, Copy, Debug)]
pub struct T(pub Locale);

impl T {
    pub fn s(&self, key: &str) -> &'static str {
        let (id, en) = text(key);
        match self.0 {
            Locale::Id => id,
            Locale::En => en,
        }
    }

    /// A text whose key is built from a prefix and a stored code (`"role."` + `"atasan"`).
    pub fn of(&self, prefix: &str, code: &str) -> &'static str {
        self.s(&format!("{prefix}{code}"))
    }

    /// "Too many sign-in attempts. Try again in N minutes." (rounded up).
    pub fn throttled(&self, retry_after_secs: i64) -> String {
        format!(
            "{} {} {}",
            self.s("login.throttled"),
            (retry_after_secs + 59) / 60,
            self.s("login.minutes")
        )
    }

    pub fn lang(&self) -> &'static str {
        self.0.code()
    }

    pub fn msg(&self, m: &fleksi_domain::Message) -> String {
        m.text(self.0)
    }
}

fn text(key: &str) -> (&'static str, &'static str) {
    match key {
        "app.tagline" => ("Kerja fleksibel ASN", "Flexible work for civil servants"),
        "nav.home" => ("Beranda", "Home"),
        "nav.org" => ("Struktur organisasi", "Organisation"),
        "nav.employees" => ("Pegawai", "Employees"),
        "nav.teams" => ("Tim kerja", "Work teams"),
        "nav.import" => ("Impor data", "Import"),
        "nav.audit" => ("Jejak audit", "Audit log"),
        "nav.profile" => ("Profil", "Profile"),
        "nav.logout" => ("Keluar", "Sign out"),
        "nav.skip" => ("Langsung ke isi", "Skip to content"),
        "nav.menu" => ("Menu utama", "Main menu"),
        "lang.switch" => ("English", "Bahasa Indonesia"),
        "login.title" => ("Masuk", "Sign in"),
        "login.login" => ("NIP, nama pengguna, atau email", "NIP, username or email"),
        "login.password" => ("Kata sandi", "Password"),
        "login.submit" => ("Masuk", "Sign in"),
        "login.failed" => ("NIP/nama pengguna atau kata sandi salah.", "Wrong NIP/username or password."),
        "login.throttled" => ("Terlalu banyak percobaan masuk. Coba lagi dalam", "Too many sign-in attempts. Try again in"),
        "login.minutes" => ("menit.", "minutes."),
        "login.expired" => ("Sesi Anda telah berakhir. Silakan masuk kembali.", "Your session has ended. Please sign in again."),
        "totp.title" => ("Verifikasi dua langkah", "Two-step verification"),
        "totp.code" => ("Kode dari aplikasi autentikator (atau kode pemulihan)", "Code from your authenticator app (or a recovery code)"),
        "totp.submit" => ("Verifikasi", "Verify"),
        "totp.enrol" => ("Aktifkan verifikasi dua langkah", "Turn on two-step verification"),
        "totp.scan" => ("Pindai kode QR ini dengan aplikasi autentikator, atau ketik kuncinya:", "Scan this QR code with an authenticator app, or type the key:"),
        "totp.confirm" => ("Masukkan kode 6 digit untuk mengonfirmasi", "Enter the 6-digit code to confirm"),
        "totp.enabled" => ("Verifikasi dua langkah aktif.", "Two-step verification is on."),
        "totp.disabled" => ("Verifikasi dua langkah belum aktif.", "Two-step verification is off."),
        "totp.disable" => ("Matikan verifikasi dua langkah", "Turn off two-step verification"),
        "totp.recovery" => ("Kode pemulihan — simpan di tempat aman; setiap kode hanya berlaku sekali:", "Recovery codes — keep them safe; each works once:"),
        "totp.required" => ("Instansi Anda mewajibkan verifikasi dua langkah bagi admin. Aktifkan sekarang untuk melanjutkan.", "Your agency requires two-step verification for admins. Turn it on to continue."),
        "home.title" => ("Beranda", "Home"),
        "home.welcome" => ("Selamat datang", "Welcome"),
        "home.roles" => ("Peran Anda", "Your roles"),
        "home.my_unit" => ("Unit kerja Anda", "Your unit"),
        "home.my_supervisor" => ("Atasan langsung", "Direct supervisor"),
        "home.my_reports" => ("Bawahan langsung", "Direct reports"),
        "home.my_teams" => ("Tim kerja Anda", "Your work teams"),
        "home.admin" => ("Administrasi", "Administration"),
        "home.employees_total" => ("Jumlah pegawai", "Employees"),
        "home.no_employee" => ("Akun ini tidak terhubung ke data pegawai.", "This account is not linked to an employee."),
        "role.pegawai" => ("Pegawai", "Employee"),
        "role.atasan" => ("Atasan", "Supervisor"),
        "role.ketua_tim" => ("Ketua tim", "Team lead"),
        "role.system_admin" => ("Administrator sistem", "System administrator"),
        "role.agency_admin" => ("Admin instansi", "Agency admin"),
        "role.unit_admin" => ("Admin unit", "Unit admin"),
        "role.auditor" => ("Auditor", "Auditor"),
        "role.helpdesk" => ("Helpdesk", "Helpdesk"),
        "org.title" => ("Struktur organisasi", "Organisation"),
        "org.people" => ("pegawai", "people"),
        "emp.title" => ("Pegawai", "Employees"),
        "emp.search" => ("Cari nama atau NIP", "Search name or NIP"),
        "emp.unit" => ("Unit kerja", "Unit"),
        "emp.all_units" => ("Semua unit", "All units"),
        "emp.submit" => ("Cari", "Search"),
        "emp.next" => ("Halaman berikutnya", "Next page"),
        "emp.first" => ("Halaman pertama", "First page"),
        "emp.none" => ("Tidak ada pegawai yang cocok.", "No matching employees."),
        "emp.nip" => ("NIP", "NIP"),
        "emp.name" => ("Nama", "Name"),
        "emp.position" => ("Jabatan", "Position"),
        "emp.status" => ("Status", "Status"),
        "emp.supervisor" => ("Atasan langsung", "Direct supervisor"),
        "emp.domicile" => ("Domisili", "Domicile"),
        "emp.since" => ("TMT jabatan", "In position since"),
        "emp.discipline" => ("Status disiplin", "Disciplinary status"),
        "emp.zone" => ("Zona waktu", "Time zone"),
        "emp.grade" => ("Kelas jabatan", "Grade"),
        "emp.kind" => ("Jenis jabatan", "Position kind"),
        "emp.reports" => ("Bawahan langsung", "Direct reports"),
        "discipline.none" => ("Tidak ada", "None"),
        "discipline.in_process" => ("Dalam proses", "In process"),
        "discipline.serving" => ("Menjalani hukuman", "Serving a penalty"),
        "team.title" => ("Tim kerja", "Work teams"),
        "team.lead" => ("Ketua tim", "Team lead"),
        "team.home_unit" => ("Unit induk", "Home unit"),
        "team.members" => ("Anggota", "Members"),
        "team.letter" => ("Surat tugas", "Assignment letter"),
        "team.cross" => ("lintas unit", "cross-unit"),
        "team.none" => ("Belum ada tim kerja.", "No work teams yet."),
        "import.title" => ("Impor data", "Import"),
        "import.units" => ("Unit kerja (CSV)", "Units (CSV)"),
        "import.employees" => ("Pegawai (CSV)", "Employees (CSV)"),
        "import.file" => ("Berkas CSV", "CSV file"),
        "import.submit" => ("Impor", "Import"),
        "import.help" => ("Pemisah koma atau titik koma, UTF-8, baris pertama berisi judul kolom. Data yang sudah ada diperbarui berdasarkan kode unit atau NIP. Jika ada satu baris salah, tidak ada yang disimpan.", "Comma or semicolon separated, UTF-8, first row holds the column names. Existing data is updated by unit code or NIP. If any row is wrong, nothing is saved."),
        "import.columns" => ("Kolom", "Columns"),
        "import.refused" => ("Impor ditolak; tidak ada data yang diubah. Perbaiki baris berikut lalu unggah kembali:", "Import refused; nothing was changed. Fix these rows and upload again:"),
        "import.more" => ("masalah lain tidak ditampilkan", "more problems not shown"),
        "import.done" => ("Impor berhasil", "Import done"),
        "import.created" => ("baru", "created"),
        "import.updated" => ("diperbarui", "updated"),
        "import.unchanged" => ("tidak berubah", "unchanged"),
        "import.line" => ("Baris", "Line"),
        "import.column" => ("Kolom", "Column"),
        "import.reason" => ("Alasan", "Reason"),
        "audit.title" => ("Jejak audit", "Audit log"),
        "audit.when" => ("Waktu (UTC)", "When (UTC)"),
        "audit.who" => ("Oleh", "By"),
        "audit.action" => ("Tindakan", "Action"),
        "audit.record" => ("Data", "Record"),
        "audit.change" => ("Perubahan", "Change"),
        "audit.address" => ("Alamat", "Address"),
        "audit.filter" => ("Saring", "Filter"),
        "audit.older" => ("Lebih lama", "Older"),
        "audit.none" => ("Tidak ada entri.", "No entries."),
        "profile.title" => ("Profil", "Profile"),
        "profile.password" => ("Ganti kata sandi", "Change password"),
        "profile.current" => ("Kata sandi sekarang", "Current password"),
        "profile.new" => ("Kata sandi baru (minimal 10 karakter)", "New password (at least 10 characters)"),
        "profile.confirm" => ("Ulangi kata sandi baru", "Repeat the new password"),
        "profile.save" => ("Simpan", "Save"),
        "profile.saved" => ("Tersimpan.", "Saved."),
        "profile.language" => ("Bahasa", "Language"),
        "profile.everywhere" => ("Keluar dari semua perangkat", "Sign out everywhere"),
        "profile.security" => ("Keamanan", "Security"),
        "error.title" => ("Terjadi masalah", "Something went wrong"),
        "error.not_found" => ("Halaman atau data tidak ditemukan.", "The page or record was not found."),
        "error.forbidden" => ("Anda tidak berwenang membuka halaman ini.", "You may not open this page."),
        "error.csrf" => ("Formulir kedaluwarsa atau tidak sah. Muat ulang halaman dan coba lagi.", "The form expired or is not valid. Reload the page and try again."),
        "error.internal" => ("Terjadi kesalahan pada server. Kejadian ini telah dicatat.", "The server ran into a problem. It has been logged."),
        "error.invalid" => ("Periksa isian berikut:", "Please check these fields:"),
        "error.back" => ("Kembali ke beranda", "Back to home"),
        "nav.agencies" => ("Instansi", "Agencies"),
        "agency.list" => ("Instansi", "Agencies"),
        "agency.code" => ("Kode", "Code"),
        "agency.name" => ("Nama instansi", "Agency name"),
        "agency.create" => ("Tambah instansi", "Add an agency"),
        "agency.admin" => ("Tambah admin instansi", "Add an agency admin"),
        "agency.settings" => ("Pengaturan instansi", "Agency settings"),
        "agency.require_totp" => ("Wajibkan verifikasi dua langkah bagi semua admin", "Require two-step verification for every admin"),
        "account.title" => ("Akun dan peran", "Account and roles"),
        "account.signin" => ("Akun masuk", "Sign-in account"),
        "account.username" => ("Nama pengguna", "Username"),
        "account.none" => ("Pegawai ini belum memiliki akun.", "This employee has no account yet."),
        "account.issue" => ("Buat kata sandi sementara", "Issue a temporary password"),
        "account.issued" => ("Kata sandi sementara (tampil sekali; serahkan kepada pegawai, semua sesinya diakhiri):", "Temporary password (shown once; hand it to the employee — their sessions were ended):"),
        "account.role" => ("Peran", "Role"),
        "account.unit_code" => ("Kode unit (untuk admin unit/auditor unit)", "Unit code (for unit admin / unit auditor)"),
        "account.grant" => ("Beri peran", "Grant"),
        "account.revoke" => ("Cabut", "Revoke"),
        "emp.account" => ("Akun dan peran", "Account and roles"),
        "team.create" => ("Bentuk tim kerja", "Create a work team"),
        "team.name" => ("Nama tim", "Team name"),
        "team.unit_code" => ("Kode unit induk", "Home unit code"),
        "team.lead_nip" => ("NIP ketua tim", "Team lead's NIP"),
        "team.member_lines" => ("Anggota: satu per baris, NIP atau NIP; nomor surat tugas", "Members: one per line, NIP or NIP; assignment letter number"),
        "nav.week" => ("Minggu saya", "My week"),
        "nav.rosters" => ("Roster", "Rosters"),
        "roster.title" => ("Roster", "Roster"),
        "roster.none" => ("Belum ada roster.", "No rosters yet."),
        "roster.month" => ("Bulan", "Month"),
        "roster.month_format" => ("Bulan (TTTT-BB)", "Month (YYYY-MM)"),
        "roster.score" => ("Skor (makin kecil makin baik)", "Score (lower is better)"),
        "roster.status.collecting" => ("Menampung keinginan", "Collecting wishes"),
        "roster.status.draft" => ("Draf", "Draft"),
        "roster.status.published" => ("Terbit", "Published"),
        "roster.open" => ("Buka roster bulan baru", "Open a roster for a month"),
        "roster.open_submit" => ("Buka roster", "Open roster"),
        "roster.stale" => ("Pengaturan atau keahlian berubah sejak roster dibuat. Tekan «Buat roster» lagi sebelum menerbitkan.", "Settings or skills changed since the roster was generated. Press «Generate» again before publishing."),
        "roster.summary" => ("Ringkasan", "Summary"),
        "roster.unmet_total" => ("Bobot keinginan tak terpenuhi", "Weight of unmet wishes"),
        "roster.max_unmet" => ("Terbesar untuk satu orang", "Largest for one person"),
        "roster.rules" => ("Aturan wajib", "Hard rules"),
        "roster.all_rules_met" => ("Semua terpenuhi", "All met"),
        "roster.violations_count" => ("pelanggaran", "violations"),
        "roster.not_generated" => ("Roster belum dibuat. Pegawai dapat mengisi keinginan di halaman «Minggu saya».", "The roster has not been generated yet. Employees can give their wishes on «My week»."),
        "roster.generate" => ("Buat roster", "Generate"),
        "roster.publish" => ("Terbitkan", "Publish"),
        "roster.violations" => ("Pelanggaran aturan wajib", "Hard rules broken"),
        "roster.relaxed" => ("Yang terpaksa dilonggarkan", "What had to be relaxed"),
        "roster.grid" => ("Jadwal", "Schedule"),
        "roster.legend.o" => ("kantor", "office"),
        "roster.legend.r" => ("rumah (WFH)", "remote"),
        "roster.legend.a" => ("cuti/tidak masuk", "away"),
        "roster.legend.wish" => ("Sel bergaris bawah: ada keinginan; merah: keinginan tidak terpenuhi.", "Underlined cells have a wish; red ones an unmet wish."),
        "roster.legend.edit" => ("Tekan sel untuk menukar kantor/rumah.", "Press a cell to switch office/remote."),
        "roster.wishes_title" => ("Keinginan terpenuhi/tidak terpenuhi", "Wishes granted/unmet"),
        "roster.seats" => ("Kursi", "Seats"),
        "roster.remote_row" => ("Dari rumah", "Remote"),
        "roster.settings" => ("Pengaturan", "Settings"),
        "roster.seats_per_day" => ("Kursi kantor per hari", "Office seats per day"),
        "roster.seat_overrides" => ("Kursi pada tanggal tertentu (satu per baris: TTTT-BB-HH jumlah)", "Seats on particular dates (one per line: YYYY-MM-DD number)"),
        "roster.non_working" => ("Hari libur dan cuti bersama (tanggal, satu per baris)", "Holidays and joint leave (dates, one per line)"),
        "roster.coverage" => ("Layanan minimal per hari (satu per baris: keahlian jumlah, mis. loket 2)", "Minimum service per day (one per line: skill number, e.g. loket 2)"),
        "roster.anchor" => ("Hari tatap muka tim", "Team office day"),
        "roster.anchor.none" => ("Tidak ada", "None"),
        "roster.anchor.any" => ("Satu hari apa saja tiap minggu", "Any one day each week"),
        "roster.anchor.monday" => ("Senin", "Monday"),
        "roster.anchor.tuesday" => ("Selasa", "Tuesday"),
        "roster.anchor.wednesday" => ("Rabu", "Wednesday"),
        "roster.anchor.thursday" => ("Kamis", "Thursday"),
        "roster.anchor.friday" => ("Jumat", "Friday"),
        "roster.max_away_share" => ("Porsi maksimal yang bekerja dari rumah per hari (0 sampai 1)", "Largest share working remotely per day (0 to 1)"),
        "roster.max_remote_per_week" => ("Hari WFH paling banyak per minggu", "Remote days per week, at most"),
        "roster.min_office_per_month" => ("Hari kantor paling sedikit per bulan", "Office days per month, at least"),
        "roster.fairness_weight" => ("Bobot keadilan", "Fairness weight"),
        "roster.save_settings" => ("Simpan pengaturan", "Save settings"),
        "roster.skills" => ("Keahlian", "Skills"),
        "roster.skills_help" => ("Pisahkan dengan koma, mis. loket, verifikator. Huruf kecil, angka, - atau _.", "Separate with commas, e.g. loket, verifikator. Lower-case letters, digits, - or _."),
        "roster.save_skills" => ("Simpan keahlian", "Save skills"),
        "roster.letter.o" => ("K", "O"),
        "roster.letter.r" => ("R", "R"),
        "roster.letter.a" => ("C", "A"),
        "roster.done.opened" => ("Roster dibuka.", "Roster opened."),
        "roster.done.settings" => ("Pengaturan tersimpan.", "Settings saved."),
        "roster.done.skills" => ("Keahlian tersimpan.", "Skills saved."),
        "roster.done.generated" => ("Roster dibuat.", "Roster generated."),
        "roster.done.edited" => ("Perubahan tersimpan dan diperiksa ulang.", "Change saved and checked again."),
        "roster.done.published" => ("Roster terbit; rencana lokasi kerja dibuat dan pegawai diberi tahu.", "Roster published; location plans were created and employees notified."),
        "wd.0" => ("Senin", "Monday"),
        "wd.1" => ("Selasa", "Tuesday"),
        "wd.2" => ("Rabu", "Wednesday"),
        "wd.3" => ("Kamis", "Thursday"),
        "wd.4" => ("Jumat", "Friday"),
        "wd.5" => ("Sabtu", "Saturday"),
        "wd.6" => ("Minggu", "Sunday"),
        "wds.0" => ("Sn", "Mo"),
        "wds.1" => ("Sl", "Tu"),
        "wds.2" => ("Rb", "We"),
        "wds.3" => ("Km", "Th"),
        "wds.4" => ("Jm", "Fr"),
        "wds.5" => ("Sb", "Sa"),
        "wds.6" => ("Mg", "Su"),
        "week.title" => ("Minggu saya", "My week"),
        "week.prev" => ("Minggu sebelumnya", "Previous week"),
        "week.next" => ("Minggu berikutnya", "Next week"),
        "week.of" => ("Minggu mulai", "Week of"),
        "week.saved" => ("Keinginan tersimpan.", "Wishes saved."),
        "week.day" => ("Hari", "Day"),
        "week.location" => ("Lokasi kerja", "Work location"),
        "week.source" => ("Dasar", "Decided by"),
        "week.wish" => ("Keinginan", "Wish"),
        "week.wish_help" => ("Keinginan menjadi bahan penyusunan roster; layanan dan aturan tetap diutamakan.", "Wishes feed into the roster; service and the rules come first."),
        "week.save_wishes" => ("Simpan keinginan", "Save wishes"),
        "week.notifications" => ("Pemberitahuan", "Notifications"),
        "week.no_notifications" => ("Belum ada pemberitahuan.", "No notifications yet."),
        "loc.office" => ("Kantor", "Office"),
        "loc.other_office" => ("Kantor lain", "Another office"),
        "loc.home" => ("Rumah (WFH)", "Home (remote)"),
        "loc.other" => ("Lokasi lain", "Elsewhere"),
        "loc.leave" => ("Cuti", "Leave"),
        "loc.training" => ("Diklat", "Training"),
        "loc.field_duty" => ("Dinas luar", "Field duty"),
        "src.roster" => ("Roster", "Roster"),
        "src.request" => ("Pengajuan", "Request"),
        "src.leave" => ("Cuti", "Leave"),
        "plan.pending" => ("Menunggu persetujuan", "Awaiting approval"),
        "plan.approved" => ("Disetujui", "Approved"),
        "plan.rejected" => ("Ditolak", "Rejected"),
        "wish.-1" => ("Lebih suka di kantor", "Rather in the office"),
        "wish.0" => ("Tidak ada", "None"),
        "wish.1" => ("Lebih suka dari rumah", "Rather remote"),
        "wish.3" => ("Sangat ingin dari rumah", "Strongly remote"),
        _ => calendar::text(key)
            .or_else(|| policy::text(key))
            .or_else(|| eligibility::text(key))
            .or_else(|| plan::text(key))
            .or_else(|| presence::text(key))
            .or_else(|| schedule::text(key))
            .or_else(|| task::text(key))
            .or_else(|| report::text(key))
            .or_else(|| skp::text(key))
            .or_else(|| evaluation::text(key))
            .or_else(|| dashboard::text(key))
            .unwrap_or(("?", "?")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_key_used_in_templates_has_a_text() {
        fn walk(dir: &std::path::Path, missing: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, missing);
                    continue;
                }
                let body = std::fs::read_to_string(&path).unwrap();
                for part in body.split("t.s(\"").skip(1) {
                    let key = part.split('"').next().unwrap();
                    if super::text(key).0 == "?" {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
        let mut missing = Vec::new();
        walk(
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/templates")),
            &mut missing,
        );
        assert!(missing.is_empty(), "untranslated keys: {missing:?}");
    }
}
