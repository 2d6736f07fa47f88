#!/usr/bin/env python3
"""Fill the output running totals the dashboards read, as reports, tasks and the
end-of-day job would have written them: one `output_person_days` row per employee and
working weekday from --from to --to, and the `output_unit_days` rows they add up to. The
figures vary by employee and day (40 % of days remote, 90 % reported, some blocked items,
tasks on time and late) so every sum has work to do. Run by the engine itself (a recursive
CTE in SQLite, generate_series in PostgreSQL), one INSERT … SELECT per table.

    history.py --engine sqlite --db fleksi.db --from 2023-11-01 --to 2026-11-30
    history.py --engine postgres --url postgres://… --from 2026-11-01 --to 2026-11-30
"""
import argparse, subprocess, sqlite3, time

p = argparse.ArgumentParser()
p.add_argument("--engine", choices=["sqlite", "postgres"], required=True)
p.add_argument("--db")
p.add_argument("--url")
p.add_argument("--from", dest="first", required=True)
p.add_argument("--to", dest="last", required=True)
a = p.parse_args()

# The figures of employee e on day number d (days counted from --from), in SQL.
PERSON = """
    agency_id, employee_id, date, unit_id, place, due, reported, items, items_done, items_blocked,
    tasks_done, tasks_on_time, tasks_late, responses, response_ms, updated_at"""
VALUES = """
    e.agency_id, e.id, d.date, e.unit_id,
    CASE WHEN (e.id + d.n) % 5 < 2 THEN 'remote' ELSE 'office' END,
    1, CASE WHEN (e.id * 7 + d.n) % 10 = 0 THEN 0 ELSE 1 END, 3, 2,
    CASE WHEN (e.id + d.n) % 7 = 0 THEN 1 ELSE 0 END,
    CASE WHEN (e.id + d.n) % 3 = 0 THEN 1 ELSE 0 END,
    CASE WHEN (e.id + d.n) % 6 = 0 THEN 1 ELSE 0 END,
    CASE WHEN (e.id + d.n) % 6 = 3 THEN 1 ELSE 0 END,
    CASE WHEN (e.id + d.n) % 4 = 0 THEN 1 ELSE 0 END,
    CASE WHEN (e.id + d.n) % 4 = 0 THEN 5400000 ELSE 0 END, 0"""
UNIT = """
    INSERT INTO output_unit_days (agency_id, unit_id, date, place, due, due_reported, reports, items,
        items_done, items_blocked, tasks_done, tasks_on_time, tasks_late, responses, response_ms, updated_at)
    SELECT agency_id, unit_id, date, place, SUM(due), SUM(due * reported), SUM(reported), SUM(items),
        SUM(items_done), SUM(items_blocked), SUM(tasks_done), SUM(tasks_on_time), SUM(tasks_late),
        SUM(responses), SUM(response_ms), 0
    FROM output_person_days WHERE date >= '{first}' AND date <= '{last}'
    GROUP BY agency_id, unit_id, date, place"""

t0 = time.time()
if a.engine == "sqlite":
    db = sqlite3.connect(a.db)
    db.execute("PRAGMA journal_mode=WAL")
    with db:
        db.execute(f"""
            WITH RECURSIVE k(n, date) AS (SELECT 0, '{a.first}'
                UNION ALL SELECT n + 1, date(date, '+1 day') FROM k WHERE date < '{a.last}'),
            d AS (SELECT n, date FROM k WHERE strftime('%w', date) NOT IN ('0', '6'))
            INSERT INTO output_person_days ({PERSON})
            SELECT {VALUES} FROM d CROSS JOIN employees e""")
        db.execute(UNIT.format(first=a.first, last=a.last))
    counts = [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("output_person_days", "output_unit_days")]
    db.execute("ANALYZE")
    db.close()
else:
    sql = f"""
        BEGIN;
        INSERT INTO output_person_days ({PERSON})
        SELECT {VALUES}
        FROM (SELECT (g::date - DATE '{a.first}')::int AS n, to_char(g, 'YYYY-MM-DD') AS date
              FROM generate_series(DATE '{a.first}', DATE '{a.last}', interval '1 day') AS g
              WHERE extract(isodow FROM g) < 6) d
        CROSS JOIN employees e;
        {UNIT.format(first=a.first, last=a.last)};
        COMMIT;
        -- A table with years of rows has long been vacuumed: do it now, so autovacuum does
        -- not run through the 8 million new rows while the dashboard is being measured.
        VACUUM (ANALYZE) output_person_days; VACUUM (ANALYZE) output_unit_days;
        SELECT (SELECT COUNT(*) FROM output_person_days), (SELECT COUNT(*) FROM output_unit_days);
    """
    out = subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-At", a.url], input=sql, text=True,
                         check=True, capture_output=True).stdout
    counts = out.strip().splitlines()[-1].split("|")
print(f"output_person_days {counts[0]}, output_unit_days {counts[1]} in {time.time() - t0:.1f} s")
