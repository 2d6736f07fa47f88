//! `fleksi roster solve|check` on files: the documented example solves and checks clean, an
//! infeasible instance is explained (exit 1), bad input names the field (exit 2), and a
//! hand-broken roster is caught by the checker.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fleksi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fleksi"))
        .args(["roster", "--lang", "en"])
        .args(args)
        .output()
        .expect("run fleksi")
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/roster/example.json")
}

fn write(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fleksi-roster-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

#[test]
fn the_documented_example_solves_and_checks_clean() {
    let example = example();
    let solved = fleksi(&["solve", example.to_str().unwrap(), "--seed", "7"]);
    assert_eq!(
        solved.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&solved.stderr)
    );
    let solution = json(&solved);
    assert_eq!(solution["feasible"], true);
    let out = write("solution.json", &String::from_utf8_lossy(&solved.stdout));

    let checked = fleksi(&["check", example.to_str().unwrap(), out.to_str().unwrap()]);
    assert_eq!(
        checked.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let report = json(&checked);
    assert_eq!(report["violations"].as_array().unwrap().len(), 0);
    assert_eq!(report["objective"], solution["objective"]);

    // The documented roster is valid too.
    let documented = example.with_file_name("example-roster.json");
    let checked = fleksi(&[
        "check",
        example.to_str().unwrap(),
        documented.to_str().unwrap(),
    ]);
    assert_eq!(
        checked.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );

    // Same seed, same roster.
    let again = json(&fleksi(&[
        "solve",
        example.to_str().unwrap(),
        "--seed",
        "7",
    ]));
    assert_eq!(again["roster"], solution["roster"]);
}

const SHORT_OF_LOKET: &str = r#"{
  "dates": ["2026-03-02", "2026-03-03"],
  "skills": ["loket"],
  "units": [{"id": "pel", "name": "Seksi Pelayanan", "seats": 5, "coverage": {"loket": 2}}],
  "employees": [
    {"id": "a", "name": "Ani", "unit": "pel", "skills": ["loket"], "max_remote_per_week": 2,
     "fixed": {"2026-03-02": "absent"}},
    {"id": "b", "name": "Budi", "unit": "pel", "skills": ["loket"], "max_remote_per_week": 2}
  ]
}"#;

#[test]
fn an_infeasible_instance_is_explained_not_empty() {
    let path = write("short.json", SHORT_OF_LOKET);
    let out = fleksi(&["solve", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let solution = json(&out);
    assert_eq!(solution["feasible"], false);
    assert_eq!(solution["roster"]["rows"].as_array().unwrap().len(), 2);
    let relaxed = solution["relaxed"].as_array().unwrap();
    let coverage = relaxed
        .iter()
        .find(|e| e["constraint"] == "coverage")
        .unwrap_or_else(|| panic!("no coverage explanation: {relaxed:?}"));
    assert_eq!(coverage["date"], "2026-03-02");
    let problem = coverage["problem"]["id"].as_str().unwrap();
    assert!(
        problem.contains("Seksi Pelayanan") && problem.contains("loket"),
        "{problem}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("loket"));
}

#[test]
fn bad_input_names_the_field_and_a_broken_roster_is_caught() {
    let bad = write(
        "bad.json",
        &SHORT_OF_LOKET.replace(r#""seats": 5"#, r#""seats": -1"#),
    );
    let out = fleksi(&["solve", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("units[0].seats"), "{stderr}");
    assert!(out.stdout.is_empty());

    let bad_date = write(
        "date.json",
        &SHORT_OF_LOKET.replace("2026-03-03\"]", "2026-02-30\"]"),
    );
    let out = fleksi(&["solve", bad_date.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("dates[1]"));

    let feasible = write(
        "ok.json",
        &SHORT_OF_LOKET.replace(r#""loket": 2"#, r#""loket": 1"#),
    );
    // Budi must be in the office on the 2nd (Ani is on leave); this roster sends him home.
    let roster = write(
        "broken.json",
        r#"{"rows": [{"id": "a", "days": "AO"}, {"id": "b", "days": "RR"}]}"#,
    );
    let out = fleksi(&[
        "check",
        feasible.to_str().unwrap(),
        roster.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    let kinds: Vec<&str> = report["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["constraint"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"coverage"), "{kinds:?}");
}
