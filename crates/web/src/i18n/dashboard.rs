//! Texts of the output dashboards and their XLSX recap.

pub(super) fn text(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        "nav.dashboard" => ("Dasbor kinerja", "Output dashboard"),
        "dash.title" => ("Dasbor kinerja", "Output dashboard"),
        "dash.team" => ("Bawahan langsung saya", "My direct reports"),
        "dash.month" => ("Bulan", "Month"),
        "dash.people" => ("pegawai", "people"),
        "dash.xlsx" => ("Unduh rekap per pegawai (XLSX)", "Download the per-person recap (XLSX)"),
        "dash.help" => ("Angka kelompok, bukan peringkat perorangan. Hari kerja di kantor dibandingkan dengan hari kerja di luar kantor, agar terlihat apakah hasil kerja tetap terjaga.", "Group figures, not a ranking of people. Office days are set beside remote days, so leaders see whether output held."),
        "dash.month_total" => ("Sebulan", "The month"),
        "dash.by_week" => ("Per minggu", "By week"),
        "dash.submission" => ("Laporan harian terisi", "Daily reports in"),
        "dash.tasks_done" => ("Tugas selesai", "Tasks done"),
        "dash.on_time" => ("Tepat waktu", "On time"),
        "dash.response" => ("Tanggapan pertama (jam)", "First response (hours)"),
        "dash.blocked" => ("Hasil kerja terhambat", "Blocked items"),
        "dash.office" => ("Di kantor", "Office"),
        "dash.remote" => ("Di luar kantor", "Remote"),
        "dash.all" => ("Semua", "All"),
        "dash.place" => ("Tempat kerja", "Place of work"),
        _ => return None,
    })
}
