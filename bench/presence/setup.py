#!/usr/bin/env python3
"""Give the first N employees of the bench agency a login and an API token, as `fleksi
token create` would (token stored as its SHA-256 hex, kind 'api'), but in one transaction:
creating 100 000 tokens one CLI process at a time would take an hour. Writes the tokens,
one per line, to --tokens.

    setup.py --engine sqlite --db /tmp/x/fleksi.db --count 100000 --tokens tokens.txt
    setup.py --engine postgres --url postgres://… --count 100000 --tokens tokens.txt

With --admin, the first employee's account is also an agency admin (for the dashboard
benchmark in bench/output): its token is the first line of the file.
"""
import argparse, hashlib, io, os, secrets, subprocess, sqlite3, time

p = argparse.ArgumentParser()
p.add_argument("--engine", choices=["sqlite", "postgres"], required=True)
p.add_argument("--db", help="SQLite file")
p.add_argument("--url", help="PostgreSQL URL")
p.add_argument("--count", type=int, required=True)
p.add_argument("--tokens", required=True)
p.add_argument("--admin", action="store_true", help="make the first employee an agency admin")
a = p.parse_args()

now = int(time.time() * 1000)
expires = now + 30 * 24 * 3600 * 1000


def rows(employees):
    for (emp_id, agency_id, name) in employees:
        token = "bench-" + secrets.token_urlsafe(24)
        yield emp_id, agency_id, name, token, hashlib.sha256(token.encode()).hexdigest()


if a.engine == "sqlite":
    db = sqlite3.connect(a.db)
    db.execute("PRAGMA journal_mode=WAL")
    emps = db.execute(
        "SELECT id, agency_id, name FROM employees ORDER BY id LIMIT ?", (a.count,)
    ).fetchall()
    data = list(rows(emps))
    with db:
        db.executemany(
            "INSERT INTO users (agency_id, employee_id, username, display_name, password_hash, created_at, updated_at)"
            " VALUES (?, ?, 'bench' || ?, ?, '!', ?, ?)",
            [(ag, e, e, n, now, now) for (e, ag, n, _, _) in data],
        )
        ids = dict(db.execute("SELECT employee_id, id FROM users WHERE username LIKE 'bench%'"))
        db.executemany(
            "INSERT INTO sessions (token_hash, user_id, kind, mfa_pending, created_at, last_seen_at, expires_at)"
            " VALUES (?, ?, 'api', 0, ?, ?, ?)",
            [(h, ids[e], now, now, expires) for (e, _, _, _, h) in data],
        )
        if a.admin and data:
            e, ag = data[0][0], data[0][1]
            db.execute("INSERT INTO grants (user_id, agency_id, role, created_at) VALUES (?, ?, 'agency_admin', ?)",
                       (ids[e], ag, now))
    db.close()
else:
    def psql(sql, stdin=None):
        return subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-At", a.url, "-c", sql],
                              input=stdin, capture_output=True, text=True, check=True).stdout
    emps = [l.split("|", 2) for l in psql(
        f"SELECT id, agency_id, name FROM employees ORDER BY id LIMIT {a.count}").splitlines()]
    data = list(rows([(int(e), int(ag), n) for e, ag, n in emps]))
    buf = io.StringIO()
    for (e, ag, n, _, h) in data:
        buf.write(f"{e}\t{ag}\t{h}\n")
    # COPY data and the statements around it go to psql as one script on stdin.
    script = (
        "BEGIN;\nCREATE TEMP TABLE t (employee_id bigint, agency_id bigint, hash text);\n"
        "COPY t FROM STDIN;\n" + buf.getvalue() + "\\.\n"
        f"INSERT INTO users (agency_id, employee_id, username, display_name, password_hash, created_at, updated_at)"
        f" SELECT t.agency_id, t.employee_id, 'bench' || t.employee_id, e.name, '!', {now}, {now}"
        f" FROM t JOIN employees e ON e.id = t.employee_id;\n"
        f"INSERT INTO sessions (token_hash, user_id, kind, mfa_pending, created_at, last_seen_at, expires_at)"
        f" SELECT t.hash, u.id, 'api', 0, {now}, {now}, {expires} FROM t JOIN users u ON u.employee_id = t.employee_id;\n"
        + (f"INSERT INTO grants (user_id, agency_id, role, created_at) SELECT u.id, u.agency_id, 'agency_admin', {now}"
           f" FROM users u WHERE u.employee_id = {data[0][0]};\n" if a.admin and data else "")
        + "COMMIT;\n"
    )
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", a.url], input=script, text=True,
                   check=True, capture_output=True)

with open(a.tokens, "w") as f:
    for d in data:
        f.write(d[3] + "\n")
print(f"{len(data)} tokens written to {a.tokens}")
