#!/usr/bin/env bash
# Check-in benchmark (issue 3): throughput and latency of POST /api/v1/presence/check-in at
# 64 concurrent clients against `fleksi serve`, next to GET /healthz measured in the same
# run on the same server (the ratio is what to compare: these machines are noisy); then the
# same with 10 million earlier presence rows; then a SIGKILL in the middle of a check-in load.
# Both engines. Prints a table; details in $WORK.
#
#   bench/presence/run.sh
#
# Needs wrk, sqlite3 and psql (apt-get install wrk sqlite3 postgresql-client) and Python 3.
# Environment (all optional):
#   EMPLOYEES=250000 UNITS=300 SEED=2026  the agency (bench/import/gen.py); every check-in
#                                         is a fresh employee's first of the day, and the
#                                         two loads and the crash test need that many
#   HISTORY=10000000                      presence events before the second run
#   DURATION=8s CLIENTS=64 THREADS=2      wrk settings
#   BACKENDS="sqlite postgres"
#   WORK=/tmp/fleksi-bench-presence  PG_ADMIN_URL=postgres://postgres:postgres@127.0.0.1:5432
#   SKIP_BUILD=1                          use the existing target/release/fleksi
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/bench/presence"
EMPLOYEES="${EMPLOYEES:-250000}"
UNITS="${UNITS:-300}"
SEED="${SEED:-2026}"
HISTORY="${HISTORY:-10000000}"
DURATION="${DURATION:-8s}"
CLIENTS="${CLIENTS:-64}"
THREADS="${THREADS:-2}"
BACKENDS="${BACKENDS:-sqlite postgres}"
WORK="${WORK:-/tmp/fleksi-bench-presence}"
PG_ADMIN_URL="${PG_ADMIN_URL:-postgres://postgres:postgres@127.0.0.1:5432}"
PG_DB=fleksi_bench_presence
BIND=127.0.0.1:18090
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
AGENCY_DIR="$WORK/agency-$EMPLOYEES-$UNITS-$SEED"
[[ -f "$AGENCY_DIR/employees.csv" ]] || python3 "$ROOT/bench/import/gen.py" --out-dir "$AGENCY_DIR" \
    --employees "$EMPLOYEES" --units "$UNITS" --change 0 --seed "$SEED" >&2
# An import file holds at most 20 MB (about 140 000 employees): they go in parts.
if [[ ! -f "$AGENCY_DIR/part-00.csv" ]]; then
    tail -n +2 "$AGENCY_DIR/employees.csv" | split -d -l 100000 --additional-suffix=.body - "$AGENCY_DIR/part-"
    for body in "$AGENCY_DIR"/part-*.body; do
        { head -1 "$AGENCY_DIR/employees.csv"; cat "$body"; } >"${body%.body}.csv" && rm "$body"
    done
fi
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

SERVER_PID=""
serve() {  # serve URL: start the server and wait until it answers
    "$BIN" --database-url "$1" serve --bind "$BIND" >>"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 300); do curl -fs "$BASE/healthz" >/dev/null && return; sleep 0.1; done
    echo "server did not start (see $WORK/server.log)" >&2; exit 1
}
stop() { kill "$SERVER_PID"; wait "$SERVER_PID" || true; }
trap '[[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null || true' EXIT

# settle QUERY: wait (at most 3 minutes) until the server's background jobs have run once.
# On a fresh database the end-of-day job catches up at start — closing every unit's day for
# 100 000 people, hundreds of write transactions — which a morning check-in peak never
# meets; the figures are of check-ins, so they are taken after it.
settle() {
    for _ in $(seq 180); do
        [[ "$($1 "SELECT CASE WHEN COUNT(*) > 0 AND SUM(CASE WHEN runs = 0 OR locked_until IS NOT NULL THEN 1 ELSE 0 END) = 0 THEN 1 ELSE 0 END FROM jobs")" == 1 ]] && return
        sleep 1
    done
    log "the background jobs did not finish within 3 minutes; measuring anyway"
}

# measure BACKEND HISTORY OFFSET QUERY: /healthz, then check-ins, on the running server.
# Sets NEXT to the first employee the load did not use: the next load starts there, so no
# check-in of a later load is refused as somebody's second of the day.
measure() {
    local backend="$1" history="$2" offset="$3" query="$4" run="run$2"
    settle "$query"
    wrk -t"$THREADS" -c"$CLIENTS" -d2s "$BASE/healthz" >/dev/null   # warm-up
    local h c stored
    h=$(wrk -t"$THREADS" -c"$CLIENTS" -d"$DURATION" -s "$HERE/healthz.lua" "$BASE/healthz" | tee -a "$WORK/wrk.log" | grep '^RESULT')
    c=$(TOKENS="$WORK/tokens.txt" OFFSET="$offset" THREADS="$THREADS" RUN="$run" \
        wrk -t"$THREADS" -c"$CLIENTS" -d"$DURATION" -s "$HERE/checkin.lua" "$BASE" | tee -a "$WORK/wrk.log" | grep '^RESULT')
    NEXT=$(sed -n 's/.* next=\([0-9]*\).*/\1/p' <<<"$c")
    stored=$($query "SELECT COUNT(*) FROM presence_events WHERE client_key LIKE '$run-%'")
    log "$backend, history $history: healthz $h"
    log "$backend, history $history: check-in $c, stored $stored"
    printf '%s\t%s\t%s\t%s\t%s\n' "$backend" "$history" "$h" "$c" "$stored" >>"$RESULTS"
}

for backend in $BACKENDS; do
    if [[ "$backend" == sqlite ]]; then
        rm -f "$WORK"/fleksi.db*
        url="sqlite://$WORK/fleksi.db"
        query="sqlite3 $WORK/fleksi.db"
        setup_args=(--engine sqlite --db "$WORK/fleksi.db")
    else
        psql -q "$PG_ADMIN_URL/postgres" -c "DROP DATABASE IF EXISTS $PG_DB" -c "CREATE DATABASE $PG_DB"
        url="$PG_ADMIN_URL/$PG_DB"
        query="psql -At $url -c"
        setup_args=(--engine postgres --url "$url")
    fi
    log "$backend: agency $AGENCY with $EMPLOYEES employees"
    "$BIN" --database-url "$url" migrate >&2
    "$BIN" --database-url "$url" agency create --code "$AGENCY" --name "Kabupaten Nusaraya (bench)" >/dev/null
    "$BIN" --database-url "$url" import units "$AGENCY_DIR/units.csv" --agency "$AGENCY" >&2
    for part in "$AGENCY_DIR"/part-*.csv; do
        "$BIN" --database-url "$url" import employees "$part" --agency "$AGENCY" >&2
    done
    python3 "$HERE/setup.py" "${setup_args[@]}" --count "$EMPLOYEES" --tokens "$WORK/tokens.txt" >&2

    serve "$url"
    measure "$backend" 0 0 "$query"
    stop
    log "$backend: writing $HISTORY earlier presence events"
    python3 "$HERE/history.py" "${setup_args[@]}" --rows "$HISTORY" >&2
    # The history is on disk before the load starts, as months of it would be: otherwise
    # the load races the kernel (and PostgreSQL's checkpointer) writing back gigabytes
    # the bulk insert left dirty, which is the bulk insert's cost, not a check-in's.
    if [[ "$backend" == postgres ]]; then $query "CHECKPOINT" >/dev/null; fi
    sync
    serve "$url"
    measure "$backend" "$HISTORY" "$NEXT" "$query"
    stop
    SERVER_PID=""
    log "$backend: crash test"
    python3 "$HERE/crash.py" --serve "$BIN --database-url $url serve --bind $BIND" --base "$BASE" \
        --tokens "$WORK/tokens.txt" --offset "$NEXT" --query "$query" \
        --log "$WORK/server.log" | tee -a "$WORK/crash-$backend.txt" >&2
done

python3 - "$RESULTS" <<'PY'
import re, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
def kv(s): return dict(re.findall(r"(\w+)=([\d.]+)", s))
print("| engine | earlier rows | /healthz req/s | check-in req/s | check-in ÷ healthz | check-in p50 ms | check-in p99 ms | acked | stored | other answers |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
base = {}
for engine, history, h, c, stored in rows:
    h, c = kv(h), kv(c)
    ratio = float(c["rate"]) / float(h["rate"])
    print(f"| {engine} | {int(history):,} | {float(h['rate']):,.0f} | {float(c['rate']):,.0f} | {ratio:.1%} | "
          f"{c['p50_ms']} | {c['p99_ms']} | {c['acked']} | {stored} | {c['other']} (+{c['errors']} errors, {c['ran_out']} reused) |")
    base.setdefault(engine, []).append(ratio)
    if int(c["ran_out"]) > 0:
        print(f"\n**{engine}, {int(history):,} earlier rows: the employees ran out ({c['ran_out']} check-ins "
              "were somebody's second of the day); this row does not count: raise EMPLOYEES.**\n")
for engine, (r0, r1, *_) in ((e, v) for e, v in base.items() if len(v) >= 2):
    print(f"\n{engine}: check-in with history ÷ without (each against its own /healthz): {r0 / r1:.2f}× slower")
PY
