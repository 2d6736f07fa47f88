#!/usr/bin/env python3
"""Generates Fleksi import files for benchmarks (stdlib only, deterministic).

Writes three files to --out-dir:

  units.csv              a unit tree (default 300 units): one regency secretariat at the
                         top, ~30 agencies (dinas/badan), their divisions (bidang) and
                         sections (seksi).
  employees.csv          N employees (default 100 000), all PNS, with valid unique NIPs.
                         Every unit has a head (struktural) who reports to the head of the
                         parent unit; staff are grouped in teams under a team lead
                         (fungsional) who reports to the unit head, so supervisor chains
                         run up to six deep: Sekda -> Kepala Dinas -> Kepala Bidang ->
                         Kepala Seksi -> Ketua Tim -> staff.
  employees_changed.csv  the same file with a fraction (default 10 %) of the rows changed
                         (domicile, position, or team, i.e. supervisor); everything else is
                         byte-identical, so a re-import reports exactly that many updated.

Same --seed, same files. Usage:

  python3 bench/import/gen.py --out-dir /tmp/fleksi-bench [--employees 100000]
      [--units 300] [--change 0.10] [--seed 2026]
"""

import argparse
import csv
import os
import random
import sys

UNIT_HEADER = ["kode", "nama", "kode_induk", "jenis", "kode_wilayah", "nama_wilayah", "zona_waktu"]
EMP_HEADER = [
    "nip", "nama", "status", "jabatan", "jenis_jabatan", "kelas_jabatan", "kode_unit",
    "nip_atasan", "domisili", "tmt_jabatan", "status_disiplin", "email",
]

REGION_CODE = "35.99"
REGION_NAME = "Kabupaten Nusaraya"
EMAIL_DOMAIN = "nusaraya.go.id"

AGENCIES = [
    "Dinas Pendidikan", "Dinas Kesehatan", "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan dan Kawasan Permukiman", "Dinas Sosial", "Dinas Tenaga Kerja",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "Dinas Pangan",
    "Dinas Lingkungan Hidup", "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Pemberdayaan Masyarakat dan Desa", "Dinas Pengendalian Penduduk dan KB",
    "Dinas Perhubungan", "Dinas Komunikasi dan Informatika", "Dinas Koperasi dan UKM",
    "Dinas Penanaman Modal dan PTSP", "Dinas Pemuda dan Olahraga", "Dinas Kebudayaan",
    "Dinas Perpustakaan dan Kearsipan", "Dinas Perikanan", "Dinas Pariwisata",
    "Dinas Pertanian", "Dinas Perdagangan", "Dinas Perindustrian",
    "Badan Perencanaan Pembangunan Daerah", "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Badan Pendapatan Daerah", "Badan Kepegawaian dan Pengembangan SDM",
    "Badan Penanggulangan Bencana Daerah", "Inspektorat Daerah",
]
DIVISION_TOPICS = [
    "Sekretariat", "Perencanaan", "Pelayanan", "Pengembangan", "Pengawasan", "Pembinaan",
    "Data dan Informasi", "Sarana dan Prasarana", "Program", "Evaluasi",
]
SECTION_TOPICS = [
    "Umum dan Kepegawaian", "Keuangan", "Perencanaan", "Pelaporan", "Teknis", "Operasional",
    "Monitoring", "Kerja Sama",
]

FIRST_M = [
    "Budi", "Agus", "Andi", "Bambang", "Dedi", "Eko", "Fajar", "Hendra", "Irfan", "Joko",
    "Rudi", "Slamet", "Teguh", "Wahyu", "Yusuf", "Arif", "Dimas", "Gilang", "Rizky", "Bayu",
    "Made", "Ketut", "Putu", "Yohanes", "Markus", "La Ode", "Andreas", "Hasan", "Imam", "Ahmad",
]
FIRST_F = [
    "Siti", "Sri", "Dewi", "Ani", "Rina", "Wulan", "Yuni", "Lestari", "Indah", "Fitri",
    "Nur", "Ratna", "Endang", "Wati", "Maya", "Putri", "Ayu", "Nia", "Desi", "Kartika",
    "Ni Luh", "Maria", "Theresia", "Wa Ode", "Aisyah", "Fatimah", "Rahma", "Intan", "Sari", "Dian",
]
LAST = [
    "Santoso", "Wijaya", "Saputra", "Hidayat", "Kurniawan", "Setiawan", "Pratama", "Nugroho",
    "Susanto", "Gunawan", "Siregar", "Nasution", "Harahap", "Simanjuntak", "Lubis", "Pohan",
    "Rahayu", "Wulandari", "Handayani", "Purnamasari", "Permatasari", "Lestari", "Anggraini",
    "Sitompul", "Tampubolon", "Manurung", "Mahendra", "Suryadi", "Hakim", "Rahman",
]
DISTRICTS = [
    "Kota Nusaraya", "Sukamaju", "Karanganyar", "Tanjungsari", "Sumberrejo", "Mekarjaya",
    "Wonosari", "Bojonegara", "Cibeureum", "Tegalrejo", "Pasirjambu", "Kedungwaru",
    "Sidomulyo", "Banyuasri", "Lembahhijau",
]
# (name, kind, grade); grade follows the name so the positions table stays consistent.
FUNCTIONAL = [
    ("Analis Kebijakan Ahli Muda", 9), ("Analis Kebijakan Ahli Pertama", 8),
    ("Pranata Komputer Ahli Pertama", 8), ("Pranata Komputer Ahli Muda", 9),
    ("Perencana Ahli Muda", 9), ("Auditor Ahli Pertama", 8), ("Auditor Ahli Muda", 9),
    ("Guru Ahli Pertama", 8), ("Guru Ahli Muda", 9), ("Guru Ahli Madya", 11),
    ("Perawat Terampil", 7), ("Perawat Ahli Pertama", 8), ("Bidan Terampil", 7),
    ("Dokter Ahli Pertama", 9), ("Apoteker Ahli Pertama", 8), ("Penyuluh Pertanian Terampil", 7),
    ("Pustakawan Ahli Pertama", 8), ("Arsiparis Terampil", 7), ("Statistisi Ahli Pertama", 8),
    ("Pengawas Lingkungan Hidup Ahli Pertama", 8), ("Analis SDM Aparatur Ahli Pertama", 8),
    ("Pranata Keuangan APBN Terampil", 7), ("Penata Kelola Pemilu Ahli Pertama", 8),
    ("Teknik Jalan dan Jembatan Ahli Pertama", 8),
]
TEAM_LEAD = [("Analis Kebijakan Ahli Madya", 11), ("Perencana Ahli Madya", 11),
             ("Pranata Komputer Ahli Madya", 11), ("Auditor Ahli Madya", 11)]
CLERICAL = [
    ("Pengadministrasi Perkantoran", 5), ("Penata Layanan Operasional", 7),
    ("Pengolah Data dan Informasi", 6), ("Pengelola Layanan Operasional", 6),
    ("Operator Layanan Operasional", 5), ("Pengadministrasi Keuangan", 6),
    ("Pengelola Barang Milik Negara", 6), ("Pengemudi", 3), ("Pramu Bakti", 1),
]
HEADS = {
    "sekretariat": ("Sekretaris Daerah", 17),
    "dinas": ("Kepala Dinas", 15),
    "bidang": ("Kepala Bidang", 12),
    "seksi": ("Kepala Seksi", 9),
}


def build_units(n_units, rng):
    """A tree of exactly n_units: root -> agencies -> divisions -> sections."""
    units = [dict(kode="SETDA", nama="Sekretariat Daerah Kabupaten Nusaraya", kode_induk="",
                  jenis="sekretariat")]
    n_agencies = min(len(AGENCIES), max(1, (n_units - 1) // 10))
    remaining = n_units - 1 - n_agencies
    agencies = []
    for i in range(n_agencies):
        code = "OPD%02d" % (i + 1)
        units.append(dict(kode=code, nama=AGENCIES[i], kode_induk="SETDA", jenis="dinas"))
        agencies.append(code)
    # Roughly a third divisions, two thirds sections.
    n_div = max(0, remaining // 3)
    n_sec = remaining - n_div
    divisions = []
    for i in range(n_div):
        parent = agencies[i % n_agencies]
        idx = i // n_agencies + 1
        code = "%s-B%d" % (parent, idx)
        topic = DIVISION_TOPICS[(idx - 1) % len(DIVISION_TOPICS)]
        units.append(dict(kode=code, nama="Bidang %s" % topic, kode_induk=parent, jenis="bidang"))
        divisions.append(code)
    for i in range(n_sec):
        parent = divisions[i % len(divisions)] if divisions else agencies[i % n_agencies]
        idx = i // max(1, len(divisions)) + 1
        code = "%s-S%d" % (parent, idx)
        topic = SECTION_TOPICS[(idx - 1) % len(SECTION_TOPICS)]
        units.append(dict(kode=code, nama="Seksi %s" % topic, kode_induk=parent, jenis="seksi"))
    for u in units:
        u["kode_wilayah"] = REGION_CODE
        u["nama_wilayah"] = REGION_NAME
        u["zona_waktu"] = "WIB"
    assert len(units) == n_units, (len(units), n_units)
    return units


class NipMaker:
    def __init__(self, rng):
        self.rng = rng
        self.seen = set()

    def make(self, gender):
        rng = self.rng
        while True:
            by = rng.randint(1966, 2002)
            bm = rng.randint(1, 12)
            bd = rng.randint(1, 28)  # every month has a 28th
            # Appointed at least 18 years after birth (19+ keeps the month rule trivially),
            # and not after 2025.
            sy = rng.randint(by + 19, min(by + 40, 2025))
            sm = rng.randint(1, 12)
            seq = rng.randint(1, 999)
            nip = "%04d%02d%02d%04d%02d%d%03d" % (by, bm, bd, sy, sm, gender, seq)
            if nip not in self.seen:
                self.seen.add(nip)
                return nip, sy


def person(rng, nips, idx):
    gender = 1 if rng.random() < 0.52 else 2
    first = rng.choice(FIRST_M if gender == 1 else FIRST_F)
    name = "%s %s" % (first, rng.choice(LAST))
    nip, start_year = nips.make(gender)
    email = ""
    if rng.random() < 0.6:
        email = "%s.%d@%s" % (first.lower().replace(" ", ""), idx, EMAIL_DOMAIN)
    tmt_year = rng.randint(start_year, 2025)
    tmt = "%04d-%02d-01" % (tmt_year, rng.randint(1, 12))
    r = rng.random()
    disc = "" if r < 0.97 else ("proses" if r < 0.99 else "menjalani")
    return dict(nip=nip, nama=name, status="PNS", domisili=rng.choice(DISTRICTS),
                tmt_jabatan=tmt, status_disiplin=disc, email=email)


def build_employees(units, n, rng):
    """Heads first (parents before children), then team leads, then staff."""
    nips = NipMaker(rng)
    rows = []
    head_of = {}
    # Staff per unit: sections and agencies hold most people (schools, clinics sit in
    # the agencies), divisions fewer, the secretariat a few.
    weight = {"sekretariat": 1.0, "dinas": 6.0, "bidang": 1.5, "seksi": 3.0}
    for u in units:  # units are listed parents first
        p = person(rng, nips, len(rows) + 1)
        name, grade = HEADS[u["jenis"]]
        p.update(jabatan=name, jenis_jabatan="struktural", kelas_jabatan=str(grade),
                 kode_unit=u["kode"], nip_atasan=head_of.get(u["kode_induk"], ""))
        head_of[u["kode"]] = p["nip"]
        rows.append(p)
    remaining = n - len(rows)
    if remaining < 0:
        sys.exit("need at least one employee per unit (%d)" % len(units))
    weights = [weight[u["jenis"]] * rng.uniform(0.5, 1.5) for u in units]
    total = sum(weights)
    counts = [int(remaining * w / total) for w in weights]
    for i in range(remaining - sum(counts)):
        counts[i % len(counts)] += 1
    teams = {}  # unit code -> list of team lead NIPs
    staff_rows = []
    for u, count in zip(units, counts):
        # One team lead per ~15 staff (teams of 10-20), at least none for tiny units.
        n_leads = count // 16
        leads = []
        for _ in range(n_leads):
            p = person(rng, nips, len(rows) + 1)
            name, grade = rng.choice(TEAM_LEAD)
            p.update(jabatan=name, jenis_jabatan="fungsional", kelas_jabatan=str(grade),
                     kode_unit=u["kode"], nip_atasan=head_of[u["kode"]])
            rows.append(p)
            leads.append(p["nip"])
        teams[u["kode"]] = leads
        for _ in range(count - n_leads):
            p = person(rng, nips, len(rows) + len(staff_rows) + 1)
            if rng.random() < 0.6:
                name, grade = rng.choice(FUNCTIONAL)
                kind = "fungsional"
            else:
                name, grade = rng.choice(CLERICAL)
                kind = "pelaksana"
            boss = rng.choice(leads) if leads else head_of[u["kode"]]
            p.update(jabatan=name, jenis_jabatan=kind, kelas_jabatan=str(grade),
                     kode_unit=u["kode"], nip_atasan=boss)
            staff_rows.append(p)
    # Shuffle the staff so the file is not sorted by unit (files from SIASN are not).
    rng.shuffle(staff_rows)
    rows.extend(staff_rows)
    assert len(rows) == n
    return rows, teams


def change(rows, teams, fraction, rng):
    """Returns a copy with round(fraction * len) staff rows changed in one field each."""
    out = [dict(r) for r in rows]
    lead_nips = {n for leads in teams.values() for n in leads}
    staff = [i for i, r in enumerate(out)
             if r["jenis_jabatan"] != "struktural" and r["nip"] not in lead_nips]
    k = round(fraction * len(out))
    picked = rng.sample(staff, min(k, len(staff)))
    for j, i in enumerate(picked):
        r = out[i]
        what = j % 3
        if what == 0:  # moved house
            r["domisili"] = rng.choice([d for d in DISTRICTS if d != r["domisili"]])
        elif what == 1:  # new position of the same kind
            pool = FUNCTIONAL if r["jenis_jabatan"] == "fungsional" else CLERICAL
            name, grade = rng.choice([p for p in pool if p[0] != r["jabatan"]])
            r.update(jabatan=name, kelas_jabatan=str(grade), tmt_jabatan="2026-10-01")
        else:  # another team in the same unit (new supervisor), or a new domicile
            leads = [n for n in teams[r["kode_unit"]] if n != r["nip_atasan"]]
            if leads:
                r["nip_atasan"] = rng.choice(leads)
            else:
                r["domisili"] = rng.choice([d for d in DISTRICTS if d != r["domisili"]])
    return out, len(picked)


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=header, delimiter=";", lineterminator="\n",
                           extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--employees", type=int, default=100_000)
    ap.add_argument("--units", type=int, default=300)
    ap.add_argument("--change", type=float, default=0.10)
    ap.add_argument("--seed", type=int, default=2026)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out_dir, exist_ok=True)
    units = build_units(a.units, rng)
    rows, teams = build_employees(units, a.employees, rng)
    changed, n_changed = change(rows, teams, a.change, random.Random(a.seed + 1))
    write(os.path.join(a.out_dir, "units.csv"), UNIT_HEADER, units)
    write(os.path.join(a.out_dir, "employees.csv"), EMP_HEADER, rows)
    write(os.path.join(a.out_dir, "employees_changed.csv"), EMP_HEADER, changed)
    sizes = {f: os.path.getsize(os.path.join(a.out_dir, f))
             for f in ("units.csv", "employees.csv", "employees_changed.csv")}
    print("units=%d employees=%d changed=%d sizes=%s" % (len(units), len(rows), n_changed, sizes))


if __name__ == "__main__":
    main()
