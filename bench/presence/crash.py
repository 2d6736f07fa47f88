#!/usr/bin/env python3
"""Crash test: check-ins from 32 concurrent clients, the server killed with SIGKILL in
the middle, restarted; then every acknowledged check-in must be in the database exactly
once, and re-sending every request that was in flight (same client_key) must count each
once more at most — never twice.

    crash.py --serve "fleksi --database-url URL serve --bind 127.0.0.1:18090" \
        --base http://127.0.0.1:18090 --tokens tokens.txt --offset 90000 --count-sql "psql … -c" 

The database is queried through --query, a command that takes one SQL statement as its
last argument and prints the result (sqlite3 FILE, or psql -At URL -c).
"""
import argparse, http.client, json, os, shlex, signal, subprocess, sys, threading, time
import urllib.request

p = argparse.ArgumentParser()
p.add_argument("--serve", required=True)
p.add_argument("--base", required=True)
p.add_argument("--tokens", required=True)
p.add_argument("--offset", type=int, default=0)
p.add_argument("--clients", type=int, default=32)
p.add_argument("--kill-after", type=float, default=3.0)
p.add_argument("--query", required=True)
p.add_argument("--log", default="/dev/null")
a = p.parse_args()

tokens = open(a.tokens).read().split()[a.offset:]
host, port = a.base.split("//")[1].split(":")


def start():
    log = open(a.log, "a")
    proc = subprocess.Popen(shlex.split(a.serve), stdout=log, stderr=log)
    for _ in range(300):
        try:
            urllib.request.urlopen(a.base + "/healthz", timeout=1)
            return proc
        except Exception:
            time.sleep(0.1)
    sys.exit("server did not start")


def check_in(conn, i):
    body = json.dumps({"location": "office", "client_key": f"crash-{i:08d}"})
    conn.request("POST", "/api/v1/presence/check-in", body,
                 {"Authorization": "Bearer " + tokens[i], "Content-Type": "application/json"})
    r = conn.getresponse()
    r.read()
    return r.status


def query(sql):
    out = subprocess.run(shlex.split(a.query) + [sql], capture_output=True, text=True, check=True)
    return out.stdout.strip()


server = start()
lock = threading.Lock()
next_i = [0]
acked, attempted, refused = set(), set(), []
stop = threading.Event()


def worker():
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    while not stop.is_set():
        with lock:
            i = next_i[0]
            next_i[0] += 1
        if i >= len(tokens):
            return
        with lock:
            attempted.add(i)
        try:
            status = check_in(conn, i)
        except Exception:
            return  # the server is gone: this request's fate is unknown
        with lock:
            if 200 <= status < 300:
                acked.add(i)
            else:
                refused.append((i, status))


threads = [threading.Thread(target=worker) for _ in range(a.clients)]
for t in threads:
    t.start()
time.sleep(a.kill_after)
server.send_signal(signal.SIGKILL)
server.wait()
stop.set()
for t in threads:
    t.join()
print(f"killed after {a.kill_after} s: {len(attempted)} sent, {len(acked)} acknowledged, "
      f"{len(attempted) - len(acked) - len(refused)} in flight, {len(refused)} refused"
      + (f" (statuses {sorted(set(s for _, s in refused))})" if refused else ""))

server = start()
rows = query("SELECT client_key || ' ' || COUNT(*) FROM presence_events WHERE client_key LIKE 'crash-%' GROUP BY client_key")
counts = {int(k.split("-")[1]): int(n) for k, n in (l.split() for l in rows.splitlines() if l)}
lost = sorted(i for i in acked if i not in counts)
twice = sorted(i for i, n in counts.items() if n != 1)
print(f"after restart: {len(counts)} check-ins stored; acknowledged but lost: {len(lost)}; "
      f"stored more than once: {len(twice)}; stored but unacknowledged (committed before the kill, answer lost): "
      f"{len(set(counts) - acked)}")

# Clients retry everything they sent, with the same keys.
conn = http.client.HTTPConnection(host, int(port), timeout=10)
retry_bad = [(i, s) for i in sorted(attempted) if not 200 <= (s := check_in(conn, i)) < 300]
rows = query("SELECT client_key || ' ' || COUNT(*) FROM presence_events WHERE client_key LIKE 'crash-%' GROUP BY client_key")
counts = {int(k.split("-")[1]): int(n) for k, n in (l.split() for l in rows.splitlines() if l)}
days = int(query("SELECT COUNT(*) FROM presence_days d JOIN presence_events e ON e.employee_id = d.employee_id AND e.date = d.date "
                 "WHERE e.client_key LIKE 'crash-%' AND d.check_in_at IS NOT NULL"))
twice = sorted(i for i, n in counts.items() if n != 1)
print(f"after every client retried: {len(counts)} of {len(attempted)} stored, refused retries: {len(retry_bad)}, "
      f"stored more than once: {len(twice)}, day rows with a check-in: {days}")
server.send_signal(signal.SIGTERM)
server.wait()
ok = not lost and not twice and not retry_bad and len(counts) == len(attempted) and days == len(attempted)
if not acked:
    # Nothing acknowledged proves nothing (e.g. the token file ran out of fresh employees).
    print("nothing was acknowledged before the kill: the test did not test anything")
    ok = False
print("CRASH", "PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
