//! The binary itself: the demo loads once however often it runs, migrate and backup work
//! on a live database, tokens are printed, and `serve` stops cleanly on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn fleksi(url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_fleksi"))
        .arg("--database-url")
        .arg(url)
        .args(args)
        .env("FLEKSI_DEMO_NO_SERVE", "true")
        .env("FLEKSI_DEMO_PASSWORD", "kata-sandi-demo-uji")
        .output()
        .expect("run fleksi")
}

fn count(db: &std::path::Path, table: &str) -> i64 {
    let out = Command::new(env!("CARGO_BIN_EXE_fleksi"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(out.status.success());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let db = fleksi_store::Db::connect(&format!("sqlite://{}", db.display()))
            .await
            .unwrap();
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(db.pool())
            .await
            .unwrap();
        db.close().await;
        n
    })
}

fn temp_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "fleksi-cli-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

#[test]
fn demo_is_idempotent_and_backup_copies_it() {
    let dir = temp_dir();
    let file = dir.join("fleksi.db");
    let url = format!("sqlite://{}", file.display());
    let first = fleksi(&url, &["demo"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let out = String::from_utf8_lossy(&first.stdout);
    for login in [
        "admin",
        "admin.bkpsdm",
        "admin.dinkes",
        "kepala.diskominfo",
        "ketua.tim",
        "pegawai",
        "auditor",
        "helpdesk",
    ] {
        assert!(
            out.lines().any(|l| l.trim_end().ends_with(login)),
            "login {login} printed:\n{out}"
        );
    }
    let people = count(&file, "employees");
    assert!(
        (550..=700).contains(&people),
        "about 600 people, got {people}"
    );
    assert!(fleksi(&url, &["demo"]).status.success());
    assert_eq!(
        count(&file, "employees"),
        people,
        "a second run adds nothing"
    );
    assert_eq!(count(&file, "teams"), 5);

    let copy = dir.join("copy.db");
    let backup = fleksi(&url, &["backup", "--to", copy.to_str().unwrap()]);
    assert!(
        backup.status.success(),
        "{}",
        String::from_utf8_lossy(&backup.stderr)
    );
    assert_eq!(count(&copy, "employees"), people);
    assert_eq!(count(&copy, "audit_log"), count(&file, "audit_log"));

    let token = fleksi(&url, &["token", "create", "--login", "pegawai"]);
    assert!(token.status.success());
    assert_eq!(
        String::from_utf8_lossy(&token.stdout).trim().len(),
        43,
        "a 256-bit token, base64url"
    );
    assert!(!fleksi(&url, &["token", "create", "--login", "nobody"])
        .status
        .success());

    let weak = fleksi(
        &url,
        &[
            "user",
            "create-admin",
            "--username",
            "root2",
            "--password",
            "short",
        ],
    );
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("password"));
    assert!(fleksi(&url, &["migrate"]).status.success());
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(unix)]
#[test]
fn serve_answers_and_stops_on_sigterm() {
    let dir = temp_dir();
    let url = format!("sqlite://{}", dir.join("fleksi.db").display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_fleksi"))
        .args(["--database-url", &url, "serve", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .expect("prints its address")
        .to_string();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let status = rt.block_on(async {
        reqwest::get(format!("{base}/readyz"))
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, 200);
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "graceful shutdown exits 0, got {exit:?}");
    let _ = std::fs::remove_dir_all(dir);
}
