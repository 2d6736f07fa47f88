//! Helpers shared by this suite's tests, named for what they do.
#![allow(dead_code, unused_imports)]

pub use super::common::*;
pub use reqwest::StatusCode;
pub use serde_json::Value;

pub const AGENCY: &str = "KAB-NUSARAYA";

pub const HEADER: &str = "nip;nama;status;jabatan;jenis_jabatan;kode_unit;nip_atasan";

/// A valid PNS NIP that no demo employee has (the demo never uses the 29th as a birth day).
pub fn fresh_nip(i: usize) -> String {
    const MONTHS: [u32; 11] = [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    let k = i / 999;
    format!(
        "{}{:02}29201501{}{:03}",
        1985 + k / MONTHS.len(),
        MONTHS[k % MONTHS.len()],
        1 + i % 2,
        i % 999 + 1
    )
}

/// One employee row in the column order of `HEADER`.
pub fn row(nip: &str, name: &str, unit: &str, supervisor: &str) -> String {
    format!("{nip};{name};PNS;Pranata Komputer Ahli Pertama;fungsional;{unit};{supervisor}")
}

pub fn file(rows: &[String]) -> String {
    let mut s = format!("{HEADER}\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

/// Three new people in DISKOMINFO-B2: a lead under the head of the office, two under them.
pub fn three_new_people(head_nip: &str) -> String {
    file(&[
        row(&fresh_nip(0), "Rahmat Hidayat", "DISKOMINFO-B2", head_nip),
        row(
            &fresh_nip(1),
            "Sari Wulandari",
            "DISKOMINFO-B2",
            &fresh_nip(0),
        ),
        row(
            &fresh_nip(2),
            "Yusuf Maulana",
            "DISKOMINFO-B2",
            &fresh_nip(0),
        ),
    ])
}

/// What the demo agency holds, to prove a refused import left it alone.
#[derive(Debug, PartialEq)]
pub struct Snapshot {
    pub employees: i64,
    pub audit: usize,
}

pub async fn snapshot(t: &TestApp) -> Snapshot {
    Snapshot {
        employees: employee_count(t, AGENCY).await,
        audit: audit_count(t, AGENCY).await,
    }
}

/// The employee row of the API for a NIP (exactly one must exist).
pub async fn employee_by_nip(t: &TestApp, token: &str, nip: &str) -> Value {
    let r = api_get(t, token, &format!("/employees?q={nip}")).await;
    assert_eq!(r.status(), 200);
    let page: Value = r.json().await.unwrap();
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{nip}: {items:?}");
    items[0].clone()
}

/// The login of the head of DISKOMINFO, whose NIP new people report to.
pub async fn head_of_diskominfo(t: &TestApp, token: &str) -> Value {
    let kepala = api_token(t, "kepala.diskominfo").await;
    let me: Value = api_get(t, &kepala, "/me").await.json().await.unwrap();
    let id = me["employee_id"].as_i64().unwrap();
    api_get(t, token, &format!("/employees/{id}"))
        .await
        .json()
        .await
        .unwrap()
}

pub async fn summary_of(r: reqwest::Response) -> (usize, usize, usize) {
    let status = r.status();
    let text = r.text().await.unwrap();
    assert_eq!(status, 200, "{text}");
    let s: Value = serde_json::from_str(&text).unwrap();
    let n = |k: &str| s[k].as_u64().unwrap() as usize;
    (n("created"), n("updated"), n("unchanged"))
}

/// A reason the import is expected to give: line, column and (part of) the message.
pub type Reason<'a> = (usize, &'a str, &'a str);

/// Asserts that the API refused the file with these reasons and nothing changed.
pub async fn assert_refused_by_api(t: &TestApp, token: &str, csv: Vec<u8>, reasons: &[Reason<'_>]) {
    let before = snapshot(t).await;
    let r = api_import(t, token, "employees", csv).await;
    let status = r.status();
    let kind = r.headers()[reqwest::header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_string();
    let text = r.text().await.unwrap();
    assert_eq!(status, 422, "{text}");
    assert_eq!(kind, "application/problem+json");
    let problem: Value = serde_json::from_str(&text).unwrap();
    let rows: Vec<(usize, String, String)> = problem["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["line"].as_u64().unwrap() as usize,
                r["column"].as_str().unwrap().to_string(),
                r["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(rows.len(), reasons.len(), "{rows:?}");
    for (line, column, message) in reasons {
        assert!(
            rows.iter()
                .any(|(l, c, m)| l == line && c == column && m.contains(message)),
            "expected line {line}, {column}: {message}; got {rows:?}"
        );
    }
    assert_eq!(snapshot(t).await, before, "a refused import changed data");
}

/// Page text with the few entities the templates write turned back into characters.
pub fn unescape(html: &str) -> String {
    html.replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Asserts that the import page refused the file, listing these reasons, with nothing changed.
pub async fn assert_refused_by_page(
    t: &TestApp,
    b: &Browser,
    csv: Vec<u8>,
    reasons: &[Reason<'_>],
) {
    let before = snapshot(t).await;
    let r = upload_import(b, "employees", csv).await;
    let status = r.status();
    let html = unescape(&r.text().await.unwrap());
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("Impor ditolak; tidak ada data yang diubah."));
    for (line, column, message) in reasons {
        let cells = format!("<tr><td>{line}</td><td>{column}</td><td>{message}");
        assert!(html.contains(&cells), "page lacks {cells}");
    }
    assert_eq!(snapshot(t).await, before, "a refused upload changed data");
}

pub async fn signed_in_admin(t: &TestApp) -> Browser {
    let b = Browser::new(t);
    assert_eq!(b.login("admin.bkpsdm", PASSWORD).await.status(), 303);
    // The import page sets the form's CSRF token, as a visit does.
    assert_eq!(b.get("/import").await.status(), 200);
    b
}

/// The reasons a bad file must be refused with: line, column, message (or its start).
pub type Expected = Vec<(usize, &'static str, String)>;

/// Every kind of bad file, with the reason each must give. `kepala`, `kabid`, `pegawai`:
/// NIPs of an existing chain (pegawai → kabid → kepala) to build loops through.
pub fn bad_files(
    kepala: &str,
    kabid: &str,
    pegawai: &str,
) -> Vec<(&'static str, Vec<u8>, Expected)> {
    let ok = |i: usize| row(&fresh_nip(i), "Orang Baik", "DISKOMINFO-B1", "");
    let mut latin1 = format!("{HEADER}\n{}\n", ok(20)).into_bytes();
    latin1.extend_from_slice(&fresh_nip(21).into_bytes());
    latin1.extend_from_slice(b";Siti Nur\xe9;PNS;Analis;fungsional;DISKOMINFO-B1;\n");
    let mut with_nul = format!("{HEADER}\n").into_bytes();
    with_nul.extend_from_slice(row(&fresh_nip(22), "Budi\0", "DISKOMINFO-B1", "").as_bytes());
    with_nul.push(b'\n');
    let utf16: Vec<u8> = file(&[ok(23)])
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    vec![
        (
            "wrong columns",
            format!("nip;nama;jabatan\n{};Orang;Analis\n", fresh_nip(25)).into_bytes(),
            vec![(
                1,
                "header",
                "kolom wajib tidak ada di baris judul: status, jenis_jabatan, kode_unit".into(),
            )],
        ),
        (
            "no header at all",
            Vec::new(),
            vec![(1, "header", "kolom wajib tidak ada di baris judul".into())],
        ),
        (
            "NIP length",
            file(&[
                ok(26),
                row("1990012920150110", "Orang", "DISKOMINFO-B1", ""),
            ])
            .into_bytes(),
            vec![(3, "nip", "NIP harus 18 digit".into())],
        ),
        (
            "a bad row after blank lines and Windows line ends",
            format!(
                "{HEADER}\r\n{}\r\n\r\n\r\n{}\r\n",
                ok(37),
                row("123", "Orang", "DISKOMINFO-B1", "")
            )
            .into_bytes(),
            vec![(5, "nip", "NIP harus 18 digit".into())],
        ),
        (
            "NIP birth date",
            file(&[row("199013292015011001", "Orang", "DISKOMINFO-B1", "")]).into_bytes(),
            vec![(
                2,
                "nip",
                "tanggal lahir dalam NIP (digit 1–8) tidak valid".into(),
            )],
        ),
        (
            "NIP gender digit",
            file(&[row("199001292015013001", "Orang", "DISKOMINFO-B1", "")]).into_bytes(),
            vec![(
                2,
                "nip",
                "digit jenis kelamin dalam NIP (digit 15) harus 1 atau 2".into(),
            )],
        ),
        (
            "unknown unit",
            file(&[row(&fresh_nip(27), "Orang", "TIDAK-ADA", "")]).into_bytes(),
            vec![(
                2,
                "kode_unit",
                "unit kerja dengan kode \"TIDAK-ADA\" tidak ditemukan".into(),
            )],
        ),
        (
            "unknown supervisor",
            file(&[row(
                &fresh_nip(28),
                "Orang",
                "DISKOMINFO-B1",
                &fresh_nip(29),
            )])
            .into_bytes(),
            vec![(
                2,
                "nip_atasan",
                format!("atasan dengan NIP {} tidak ditemukan", fresh_nip(29)),
            )],
        ),
        (
            "supervisor loop inside the file",
            file(&[
                row(&fresh_nip(30), "Orang A", "DISKOMINFO-B1", &fresh_nip(31)),
                row(&fresh_nip(31), "Orang B", "DISKOMINFO-B1", &fresh_nip(30)),
            ])
            .into_bytes(),
            vec![(2, "nip_atasan", "rantai atasan berputar".into())],
        ),
        (
            "supervisor loop through existing people",
            // The head of the office under pegawai: kepala → pegawai → kabid → kepala.
            file(&[
                ok(36),
                format!("{kepala};Kepala Dinas;PNS;Kepala Dinas;struktural;DISKOMINFO;{pegawai}"),
            ])
            .into_bytes(),
            vec![(3, "nip_atasan", "rantai atasan berputar: ".into())],
        ),
        (
            "supervisor of themselves",
            file(&[row(kabid, "Kabid", "DISKOMINFO-B1", kabid)]).into_bytes(),
            vec![(
                2,
                "nip_atasan",
                "pegawai tidak boleh menjadi atasan dirinya sendiri".into(),
            )],
        ),
        (
            "duplicate NIP in the file",
            file(&[
                ok(32),
                ok(33),
                row(&fresh_nip(32), "Orang Lagi", "DISKOMINFO-B2", ""),
            ])
            .into_bytes(),
            vec![(4, "nip", "duplikat: sudah ada di baris 2".into())],
        ),
        (
            "not UTF-8",
            latin1,
            vec![(3, "file", "berkas bukan teks UTF-8".into())],
        ),
        (
            "UTF-16 without a byte-order mark",
            utf16,
            vec![(1, "file", "berkas bukan teks UTF-8".into())],
        ),
        (
            "a NUL byte in a field",
            with_nul,
            vec![(2, "file", "berkas bukan teks UTF-8".into())],
        ),
        (
            "binary garbage",
            b"\x89PNG\r\n\x1a\n"
                .iter()
                .copied()
                .chain((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8))
                .collect(),
            vec![(1, "file", "berkas bukan teks UTF-8".into())],
        ),
        (
            "several problems at once",
            file(&[
                row("123", "Orang", "DISKOMINFO-B1", ""),
                ok(34),
                row(&fresh_nip(35), "", "TIDAK-ADA", ""),
            ])
            .into_bytes(),
            vec![
                (2, "nip", "NIP harus 18 digit".into()),
                (4, "nama", "wajib diisi".into()),
            ],
        ),
    ]
}

/// NIPs of the chain pegawai → kabid (ketua.tim) → kepala.diskominfo.
pub async fn existing_chain(t: &TestApp, token: &str) -> (String, String, String) {
    let mut nips = Vec::new();
    for login in ["kepala.diskominfo", "ketua.tim", "pegawai"] {
        let own = api_token(t, login).await;
        let me: Value = api_get(t, &own, "/me").await.json().await.unwrap();
        let e: Value = api_get(t, token, &format!("/employees/{}", me["employee_id"]))
            .await
            .json()
            .await
            .unwrap();
        nips.push(e["nip"].as_str().unwrap().to_string());
    }
    (nips[0].clone(), nips[1].clone(), nips[2].clone())
}

/// Runs the `fleksi` binary with `args`; returns (exit code, stdout, stderr).
pub async fn fleksi(args: Vec<String>) -> (i32, String, String) {
    tokio::task::spawn_blocking(move || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_fleksi"))
            .args(&args)
            .env_remove("FLEKSI_DATABASE_URL")
            .env_remove("FLEKSI_LANG")
            .env_remove("FLEKSI_AGENCY")
            .output()
            .expect("run fleksi");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    })
    .await
    .unwrap()
}

/// Writes `bytes` to a fresh temporary file; returns its path.
pub fn temp_file(bytes: &[u8]) -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let path = std::env::temp_dir().join(format!(
        "fleksi-import-{}-{}.csv",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&path, bytes).unwrap();
    path
}

pub async fn cli_import(t: &TestApp, bytes: &[u8]) -> (i32, String, String) {
    let path = temp_file(bytes);
    let result = fleksi(vec![
        "--database-url".into(),
        t.db.url.clone(),
        "import".into(),
        "employees".into(),
        path.display().to_string(),
        "--agency".into(),
        AGENCY.into(),
    ])
    .await;
    let _ = std::fs::remove_file(path);
    result
}
