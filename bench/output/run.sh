#!/usr/bin/env bash
# Output benchmark (issue 5), both engines, against `fleksi serve` (release build):
#   1. daily-report submission at 64 concurrent clients — every request a new (employee,
#      date) report of three items — next to GET /healthz measured in the same run on the
#      same server (the ratio is what to compare: these machines are noisy);
#   2. the unit dashboard of a 10 000-person unit over one month of running totals, then
#      the same after years of earlier totals: p50 and p99 at 1 and at 8 clients, next to
#      /healthz at the same concurrency.
# Prints a table; details in $WORK.
#
#   bench/output/run.sh
#
# Needs wrk, sqlite3 and psql (apt-get install wrk sqlite3 postgresql-client) and Python 3.
# Environment (all optional):
#   EMPLOYEES=10000 UNITS=30 SEED=2026   the agency (bench/import/gen.py): one unit tree
#   MONTH=2026-11                          the dashboard's month (a past, whole month)
#   HISTORY_FROM=2023-11-01                earlier totals from this date to the month before
#   DURATION=8s CLIENTS=64 THREADS=2       wrk settings for the report load
#   BACKENDS="sqlite postgres"  PARTS="reports dashboard"
#   WORK=/tmp/fleksi-bench-output  PG_ADMIN_URL=postgres://postgres:postgres@127.0.0.1:5432
#   SKIP_BUILD=1                           use the existing target/release/fleksi
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/bench/output"
EMPLOYEES="${EMPLOYEES:-10000}"
UNITS="${UNITS:-30}"
SEED="${SEED:-2026}"
MONTH="${MONTH:-2026-11}"
HISTORY_FROM="${HISTORY_FROM:-2023-11-01}"
DURATION="${DURATION:-8s}"
CLIENTS="${CLIENTS:-64}"
THREADS="${THREADS:-2}"
BACKENDS="${BACKENDS:-sqlite postgres}"
PARTS="${PARTS:-reports dashboard}"
WORK="${WORK:-/tmp/fleksi-bench-output}"
PG_ADMIN_URL="${PG_ADMIN_URL:-postgres://postgres:postgres@127.0.0.1:5432}"
PG_DB=fleksi_bench_output
BIND=127.0.0.1:18091
BASE="http://$BIND"
BIN="${BIN:-$ROOT/target/release/fleksi}"
AGENCY=BENCH

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    log "cargo build --release -p fleksi (several minutes on 2 cores)"
    (cd "$ROOT" && cargo build --release -p fleksi)
fi
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
mkdir -p "$WORK"
[[ -f "$WORK/employees.csv" ]] || python3 "$ROOT/bench/import/gen.py" --out-dir "$WORK" \
    --employees "$EMPLOYEES" --units "$UNITS" --change 0 --seed "$SEED" >&2
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# The month's first and last day, the day before it, and the report dates: today (WIB)
# and the seven days before it, newest first.
FIRST="$MONTH-01"
LAST="$(date -d "$FIRST +1 month -1 day" +%F)"
BEFORE="$(date -d "$FIRST -1 day" +%F)"
DATES="$(for i in 0 1 2 3 4 5 6 7; do TZ=Asia/Jakarta date -d "-$i day" +%F; done | paste -sd,)"

SERVER_PID=""
serve() {
    "$BIN" --database-url "$1" serve --bind "$BIND" >>"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 300); do curl -fs "$BASE/healthz" >/dev/null && return; sleep 0.1; done
    echo "server did not start (see $WORK/server.log)" >&2; exit 1
}
stop() { kill "$SERVER_PID"; wait "$SERVER_PID" || true; SERVER_PID=""; }
trap '[[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null || true' EXIT

healthz() {  # healthz CLIENTS THREADS: the reference at that concurrency
    wrk -t"$2" -c"$1" -d"$DURATION" -s "$ROOT/bench/presence/healthz.lua" "$BASE/healthz" \
        | tee -a "$WORK/wrk.log" | grep '^RESULT'
}

# dashboard BACKEND LABEL: the unit dashboard at 1 and 8 clients, each beside /healthz.
dashboard() {
    local backend="$1" label="$2" c t h d
    for c in 1 8; do
        t=$(( c < THREADS ? c : THREADS ))
        TOKEN="$ADMIN" UNIT="$ROOT_UNIT" MONTH="$MONTH" \
            wrk -t"$t" -c"$c" -d2s -s "$HERE/dashboard.lua" "$BASE" >/dev/null   # warm-up
        h=$(healthz "$c" "$t")
        d=$(TOKEN="$ADMIN" UNIT="$ROOT_UNIT" MONTH="$MONTH" \
            wrk -t"$t" -c"$c" -d"$DURATION" -s "$HERE/dashboard.lua" "$BASE" | tee -a "$WORK/wrk.log" | grep '^RESULT')
        log "$backend, dashboard $label, $c clients: healthz $h; dashboard $d"
        printf 'dashboard\t%s\t%s\t%s\t%s\t%s\n' "$backend" "$label" "$c" "$h" "$d" >>"$RESULTS"
    done
}

for backend in $BACKENDS; do
    if [[ "$backend" == sqlite ]]; then
        rm -f "$WORK"/fleksi.db*
        url="sqlite://$WORK/fleksi.db"
        query="sqlite3 $WORK/fleksi.db"
        args=(--engine sqlite --db "$WORK/fleksi.db")
    else
        psql -q "$PG_ADMIN_URL/postgres" -c "DROP DATABASE IF EXISTS $PG_DB" -c "CREATE DATABASE $PG_DB"
        url="$PG_ADMIN_URL/$PG_DB"
        query="psql -At $url -c"
        args=(--engine postgres --url "$url")
    fi
    log "$backend: agency $AGENCY with $EMPLOYEES employees in $UNITS units"
    "$BIN" --database-url "$url" migrate >&2
    "$BIN" --database-url "$url" agency create --code "$AGENCY" --name "Kabupaten Nusaraya (bench)" >/dev/null
    "$BIN" --database-url "$url" import units "$WORK/units.csv" --agency "$AGENCY" >&2
    "$BIN" --database-url "$url" import employees "$WORK/employees.csv" --agency "$AGENCY" >&2
    python3 "$ROOT/bench/presence/setup.py" "${args[@]}" --count "$EMPLOYEES" --tokens "$WORK/tokens.txt" --admin >&2
    ADMIN="$(head -1 "$WORK/tokens.txt")"
    ROOT_UNIT="$($query "SELECT id FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1")"
    PEOPLE="$($query "SELECT COUNT(*) FROM employees")"
    log "$backend: the root unit $ROOT_UNIT holds $PEOPLE people"

    # 1. Daily reports under load.
    if [[ " $PARTS " == *" reports "* ]]; then
    serve "$url"
    wrk -t"$THREADS" -c"$CLIENTS" -d2s "$BASE/healthz" >/dev/null   # warm-up
    h=$(healthz "$CLIENTS" "$THREADS")
    r=$(TOKENS="$WORK/tokens.txt" DATES="$DATES" THREADS="$THREADS" SKIP=1 \
        wrk -t"$THREADS" -c"$CLIENTS" -d"$DURATION" -s "$HERE/report.lua" "$BASE" | tee -a "$WORK/wrk.log" | grep '^RESULT')
    stored=$($query "SELECT COUNT(*) FROM daily_reports")
    items=$($query "SELECT COUNT(*) FROM daily_report_items")
    log "$backend: healthz $h; reports $r; stored $stored reports, $items items"
    printf 'reports\t%s\t%s\t%s\t%s\t%s\n' "$backend" "$h" "$r" "$stored" "$items" >>"$RESULTS"
    stop
    fi
    [[ " $PARTS " == *" dashboard "* ]] || continue

    # 2. The dashboard over one month, then with years before it.
    log "$backend: one month of totals ($FIRST … $LAST)"
    python3 "$HERE/history.py" "${args[@]}" --from "$FIRST" --to "$LAST" >&2
    serve "$url"
    dashboard "$backend" "month"
    stop
    log "$backend: earlier totals ($HISTORY_FROM … $BEFORE)"
    python3 "$HERE/history.py" "${args[@]}" --from "$HISTORY_FROM" --to "$BEFORE" >&2
    rows=$($query "SELECT COUNT(*) FROM output_person_days")
    serve "$url"
    dashboard "$backend" "history $rows"
    stop
done

python3 - "$RESULTS" <<'PY'
import re, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
def kv(s): return dict(re.findall(r"(\w+)=([\d.]+)", s))
print("| engine | /healthz req/s | report req/s | report ÷ healthz | report p50 ms | report p99 ms | acked | stored | other |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    if r[0] != "reports": continue
    _, engine, h, c, stored, items = r
    h, c = kv(h), kv(c)
    print(f"| {engine} | {float(h['rate']):,.0f} | {float(c['rate']):,.0f} | {float(c['rate'])/float(h['rate']):.1%} | "
          f"{c['p50_ms']} | {c['p99_ms']} | {c['acked']} | {stored} ({items} items) | {c['other']} (+{c['errors']} errors, {c['ran_out']} reused) |")
print()
print("| engine | data | clients | dashboard p50 ms | p99 ms | req/s | /healthz p50 ms | /healthz req/s | non-200 |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    if r[0] != "dashboard": continue
    _, engine, label, clients, h, d = r
    h, d = kv(h), kv(d)
    print(f"| {engine} | {label} | {clients} | {d['p50_ms']} | {d['p99_ms']} | {float(d['rate']):,.0f} | "
          f"{h['p50_ms']} | {float(h['rate']):,.0f} | {d['other']} |")
PY
