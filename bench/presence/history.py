#!/usr/bin/env python3
"""Fill the presence history: --rows presence events (a check-in and a check-out per
day) and half as many presence day rows, for the bench agency's employees on the days
before today, so a check-in can be timed against a large history. One INSERT … SELECT per
table, run by the engine itself (a recursive CTE in SQLite, generate_series in PostgreSQL).

    history.py --engine sqlite --db fleksi.db --rows 10000000
    history.py --engine postgres --url postgres://… --rows 10000000
"""
import argparse, datetime, sqlite3, subprocess, time

p = argparse.ArgumentParser()
p.add_argument("--engine", choices=["sqlite", "postgres"], required=True)
p.add_argument("--db")
p.add_argument("--url")
p.add_argument("--rows", type=int, required=True)
a = p.parse_args()

days = a.rows // 2
today = datetime.date.today().isoformat()
t0 = time.time()

if a.engine == "sqlite":
    db = sqlite3.connect(a.db)
    db.execute("PRAGMA journal_mode=WAL")
    with db:
        db.execute("CREATE TEMP TABLE emp AS SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS rn, id, agency_id, unit_id FROM employees")
        db.execute("CREATE UNIQUE INDEX temp.emp_rn ON emp (rn)")
        n = db.execute("SELECT COUNT(*) FROM emp").fetchone()[0]
        # day k: employee k % n, (k / n) + 1 days before today; 07:30 to 16:00 WIB
        db.execute(f"""
            WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < {days} - 1)
            INSERT INTO presence_days (agency_id, employee_id, date, unit_id, check_in_at, check_in_location,
                check_out_at, check_out_location, planned_location, expected_minutes, effective_minutes, updated_at)
            SELECT e.agency_id, e.id, date('{today}', '-' || (i / {n} + 1) || ' days'), e.unit_id,
                (unixepoch(date('{today}', '-' || (i / {n} + 1) || ' days')) - 1800) * 1000, 'office',
                (unixepoch(date('{today}', '-' || (i / {n} + 1) || ' days')) + 32400) * 1000, 'office',
                'office', 450, 450, 0
            FROM k JOIN emp e ON e.rn = i % {n}""")
        db.execute(f"""
            WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < {2 * days} - 1)
            INSERT INTO presence_events (agency_id, employee_id, date, kind, at, location, client_key, source)
            SELECT e.agency_id, e.id, date('{today}', '-' || ((i / 2) / {n} + 1) || ' days'),
                CASE i % 2 WHEN 0 THEN 'check_in' ELSE 'check_out' END,
                (unixepoch(date('{today}', '-' || ((i / 2) / {n} + 1) || ' days')) - 1800 + (i % 2) * 34200) * 1000,
                'office', 'history-' || i, 'api'
            FROM k JOIN emp e ON e.rn = (i / 2) % {n}""")
    counts = [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("presence_events", "presence_days")]
    db.close()
else:
    sql = f"""
        BEGIN;
        CREATE TEMP TABLE emp AS SELECT (ROW_NUMBER() OVER (ORDER BY id) - 1)::bigint AS rn, id, agency_id, unit_id FROM employees;
        CREATE UNIQUE INDEX ON emp (rn);
        ANALYZE emp;
        INSERT INTO presence_days (agency_id, employee_id, date, unit_id, check_in_at, check_in_location,
            check_out_at, check_out_location, planned_location, expected_minutes, effective_minutes, updated_at)
        SELECT e.agency_id, e.id, to_char(DATE '{today}' - (i / n.n + 1)::int, 'YYYY-MM-DD'), e.unit_id,
            (extract(epoch FROM DATE '{today}' - (i / n.n + 1)::int)::bigint - 1800) * 1000, 'office',
            (extract(epoch FROM DATE '{today}' - (i / n.n + 1)::int)::bigint + 32400) * 1000, 'office',
            'office', 450, 450, 0
        FROM (SELECT COUNT(*) AS n FROM emp) n, generate_series(0, {days} - 1) i JOIN emp e ON e.rn = i % (SELECT COUNT(*) FROM emp);
        INSERT INTO presence_events (agency_id, employee_id, date, kind, at, location, client_key, source)
        SELECT e.agency_id, e.id, to_char(DATE '{today}' - ((i / 2) / n.n + 1)::int, 'YYYY-MM-DD'),
            CASE i % 2 WHEN 0 THEN 'check_in' ELSE 'check_out' END,
            (extract(epoch FROM DATE '{today}' - ((i / 2) / n.n + 1)::int)::bigint - 1800 + (i % 2) * 34200) * 1000,
            'office', 'history-' || i, 'api'
        FROM (SELECT COUNT(*) AS n FROM emp) n, generate_series(0, {2 * days} - 1) i JOIN emp e ON e.rn = (i / 2) % (SELECT COUNT(*) FROM emp);
        COMMIT;
        ANALYZE presence_days; ANALYZE presence_events;
    """
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", a.url], input=sql, text=True, check=True)
    out = subprocess.run(["psql", "-At", a.url, "-c",
                          "SELECT (SELECT COUNT(*) FROM presence_events) || ' ' || (SELECT COUNT(*) FROM presence_days)"],
                         capture_output=True, text=True, check=True).stdout.split()
    counts = [int(x) for x in out]
print(f"history: {counts[0]} presence events, {counts[1]} presence days in {time.time() - t0:.0f} s")
