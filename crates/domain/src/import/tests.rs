use super::*;

fn row(line: usize, pairs: &[(&'static str, &str)]) -> RawRow {
    RawRow {
        line,
        fields: pairs.iter().map(|(k, v)| (*k, v.to_string())).collect(),
    }
}

fn emp(line: usize, nip: &str, unit: &str, sup: &str) -> RawRow {
    row(
        line,
        &[
            ("nip", nip),
            ("nama", "Siti Rahmawati"),
            ("status", "PNS"),
            ("jabatan", "Analis Kebijakan"),
            ("jenis_jabatan", "fungsional"),
            ("kode_unit", unit),
            ("nip_atasan", sup),
        ],
    )
}

const A: &str = "198503122010011002";
const B: &str = "199001012015032001";
const C: &str = "198807172012121003";

fn units() -> HashSet<String> {
    ["DISKOMINFO".to_string()].into_iter().collect()
}

#[test]
fn good_rows_pass() {
    let rows = vec![emp(2, A, "DISKOMINFO", ""), emp(3, B, "DISKOMINFO", A)];
    let recs = check_employees(&rows, &units(), &HashMap::new()).unwrap();
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[1].supervisor_nip.as_ref().map(|n| n.as_str()), Some(A));
}

#[test]
fn each_problem_is_reported_with_line_and_column() {
    let rows = vec![
        emp(2, A, "DISKOMINFO", ""),
        emp(3, A, "DISKOMINFO", ""),
        emp(4, "123", "DISKOMINFO", ""),
        emp(5, B, "NOWHERE", ""),
        emp(6, C, "DISKOMINFO", "197001011995031001"),
    ];
    let errs = check_employees(&rows, &units(), &HashMap::new()).unwrap_err();
    let got: Vec<(usize, &str)> = errs.iter().map(|e| (e.line, e.column.as_str())).collect();
    assert_eq!(
        got,
        vec![(3, "nip"), (4, "nip"), (5, "kode_unit"), (6, "nip_atasan")]
    );
    assert_eq!(errs[0].message, Message::DuplicateInFile { first_line: 2 });
}

#[test]
fn a_cycle_through_existing_people_is_refused() {
    // B already reports to A; the file makes A report to B.
    let existing: HashMap<Nip, Option<Nip>> = [
        (Nip::from_trusted(A.into()), None),
        (
            Nip::from_trusted(B.into()),
            Some(Nip::from_trusted(A.into())),
        ),
    ]
    .into_iter()
    .collect();
    let errs = check_employees(&[emp(2, A, "DISKOMINFO", B)], &units(), &existing).unwrap_err();
    assert!(
        matches!(errs[0].message, Message::SupervisorCycle { .. }),
        "{errs:?}"
    );
    assert_eq!(errs[0].line, 2);
}

#[test]
fn moving_people_in_the_file_can_remove_an_old_edge() {
    // B reported to A; now A reports to B and B to nobody: no loop.
    let existing: HashMap<Nip, Option<Nip>> = [
        (Nip::from_trusted(A.into()), None),
        (
            Nip::from_trusted(B.into()),
            Some(Nip::from_trusted(A.into())),
        ),
    ]
    .into_iter()
    .collect();
    let rows = vec![emp(2, A, "DISKOMINFO", B), emp(3, B, "DISKOMINFO", "")];
    assert!(check_employees(&rows, &units(), &existing).is_ok());
}

#[test]
fn header_aliases_and_missing_columns() {
    let header: Vec<String> = [
        "NIP",
        "Name",
        "Status",
        "Position",
        "Jenis Jabatan",
        "unit_code",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mapped = map_header(EMPLOYEE_COLUMNS, &header).unwrap();
    assert_eq!(mapped[1], Some("nama"));
    let short: Vec<String> = vec!["nip".into(), "nama".into()];
    assert!(matches!(
        map_header(EMPLOYEE_COLUMNS, &short),
        Err(Message::WrongColumns { .. })
    ));
}

#[test]
fn units_in_any_order_come_out_parents_first() {
    let rows = vec![
        row(
            2,
            &[
                ("kode", "SEKSI"),
                ("nama", "Seksi"),
                ("kode_induk", "BIDANG"),
            ],
        ),
        row(
            3,
            &[
                ("kode", "BIDANG"),
                ("nama", "Bidang"),
                ("kode_induk", "DINAS"),
            ],
        ),
        row(
            4,
            &[("kode", "DINAS"), ("nama", "Dinas"), ("zona_waktu", "WITA")],
        ),
    ];
    let recs = check_units(&rows, &HashMap::new()).unwrap();
    let order: Vec<String> = parents_first(recs).into_iter().map(|u| u.code).collect();
    assert_eq!(order, vec!["DINAS", "BIDANG", "SEKSI"]);
}

#[test]
fn unit_loops_and_unknown_parents_are_refused() {
    let rows = vec![
        row(2, &[("kode", "X"), ("nama", "X"), ("kode_induk", "Y")]),
        row(3, &[("kode", "Y"), ("nama", "Y"), ("kode_induk", "X")]),
    ];
    let errs = check_units(&rows, &HashMap::new()).unwrap_err();
    assert!(matches!(errs[0].message, Message::ParentCycle { .. }));
    let rows = vec![row(
        2,
        &[
            ("kode", "X"),
            ("nama", "X"),
            ("kode_induk", "NOPE"),
            ("zona_waktu", "GMT"),
        ],
    )];
    let errs = check_units(&rows, &HashMap::new()).unwrap_err();
    assert_eq!(errs.len(), 1, "{errs:?}"); // the zone error stops the row before the parent check
    assert_eq!(errs[0].column, "zona_waktu");
}
