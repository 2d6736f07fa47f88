//! Screen texts in Bahasa Indonesia (the default) and English.

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
        _ => ("?", "?"),
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
