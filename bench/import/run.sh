#!/usr/bin/env bash
# Import benchmark: 100 000 employees into a fresh SQLite file and a fresh PostgreSQL
# database; first import, re-import of the same file (all unchanged), re-import with 10 %
# of the rows changed. Prints a table.
#
# Each engine also gets a reference measured in the same run (these machines are noisy,
# so compare the ratio, not the seconds): the same employees.csv rows loaded as plain text
# rows into a fresh scratch table with the engine's own fast path and no checks —
# SQLite: Python's stdlib sqlite3, one transaction, executemany INSERT, with the app's
# PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PostgreSQL: psql \copy into a fresh
# table in a scratch database. "× ref" = our first-import wall time / reference wall time.
#
#   bench/import/run.sh
#
# Environment (all optional):
#   EMPLOYEES=100000  UNITS=300  CHANGE=0.10  SEED=2026   generator parameters
#   WORK=/tmp/fleksi-bench-import                         where files and the SQLite db go
#   PG_ADMIN_URL=postgres://postgres:postgres@127.0.0.1:5432   server for the PG run
#   PG_DB=fleksi_bench_import                            dropped and re-created each run
#   PG_REF_DB=fleksi_bench_import_ref                    scratch db for the \copy reference
#   BACKENDS="sqlite postgres"                           which engines to measure
#   SKIP_BUILD=1                                         use the existing release binary
#   PROFILE=1     also log every SQL statement (FLEKSI_LOG=sqlx=debug) and print where the
#                 time went per statement kind (slower: the logging itself costs time)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/bench/import"
EMPLOYEES="${EMPLOYEES:-100000}"
UNITS="${UNITS:-300}"
CHANGE="${CHANGE:-0.10}"
SEED="${SEED:-2026}"
WORK="${WORK:-/tmp/fleksi-bench-import}"
PG_ADMIN_URL="${PG_ADMIN_URL:-postgres://postgres:postgres@127.0.0.1:5432}"
PG_DB="${PG_DB:-fleksi_bench_import}"
PG_REF_DB="${PG_REF_DB:-fleksi_bench_import_ref}"
BACKENDS="${BACKENDS:-sqlite postgres}"
AGENCY=BENCH
BIN="$ROOT/target/release/fleksi"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    log "cargo build --release -p fleksi (several minutes on 2 cores)"
    (cd "$ROOT" && cargo build --release -p fleksi)
fi
[[ -x "$BIN" ]] || { echo "no binary at $BIN" >&2; exit 1; }

mkdir -p "$WORK"
log "generating $EMPLOYEES employees in $UNITS units (seed $SEED)"
python3 "$HERE/gen.py" --out-dir "$WORK" --employees "$EMPLOYEES" --units "$UNITS" \
    --change "$CHANGE" --seed "$SEED" >&2

RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# run_import BACKEND SCENARIO URL FILE: one timed import; appends a result row.
run_import() {
    local backend="$1" scenario="$2" url="$3" file="$4" ref="${5:--}"
    local out="$WORK/$backend-$scenario.out" err="$WORK/$backend-$scenario.err"
    local filter="warn"
    [[ "${PROFILE:-0}" == 1 ]] && filter="warn,sqlx=debug"
    log "$backend: $scenario ($(basename "$file"))"
    local t0 t1
    t0=$EPOCHREALTIME
    FLEKSI_LOG="$filter" /usr/bin/time -f 'maxrss_kb=%M' \
        "$BIN" --database-url "$url" import employees "$file" --agency "$AGENCY" \
        >"$out" 2>"$err" || { cat "$out" "$err" >&2; exit 1; }
    t1=$EPOCHREALTIME
    local wall internal counts rss
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
    # "imported in 12.34 s: 100000 created, 0 updated, 0 unchanged"
    internal=$(sed -n 's/^imported in \([0-9.]*\) s:.*/\1/p' "$out")
    counts=$(sed -n 's/^imported in [0-9.]* s: \(.*\)$/\1/p' "$out")
    rss=$(sed -n 's/^maxrss_kb=//p' "$err" | tail -1)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$backend" "$scenario" "$wall" "$internal" \
        "$((rss / 1024))" "$counts" "$ref" >>"$RESULTS"
    if [[ "${PROFILE:-0}" == 1 ]]; then
        profile "$err" >"$WORK/$backend-$scenario.profile"
    fi
}

# profile STDERR: from sqlx's per-statement log lines (timestamp at the end, `elapsed`),
# sums SQL time by the statement's first words, and lists the largest gaps between two
# statements: time spent in Rust (reading, checking, building audit entries) or waiting.
profile() {
    python3 - "$1" <<'PY'
import re, sys, collections, datetime
ansi = re.compile(r"\x1b\[[0-9;]*m")
unit = {"s": 1.0, "ms": 1e-3, "µs": 1e-6, "us": 1e-6, "ns": 1e-9}
tot = collections.Counter(); cnt = collections.Counter(); gaps = []
prev_end = None; first = last = None
for raw in open(sys.argv[1], encoding="utf-8", errors="replace"):
    line = ansi.sub("", raw)
    m = re.match(r"(\S+Z)\s.*?summary=\"([^\"]*)\".*?elapsed=([0-9.]+)(ms|µs|us|ns|s)\b", line)
    if not m:
        continue
    end = datetime.datetime.fromisoformat(m.group(1).replace("Z", "+00:00")).timestamp()
    el = float(m.group(3)) * unit[m.group(4)]
    key = " ".join(m.group(2).replace("…", "").split()[:4])
    tot[key] += el; cnt[key] += 1
    if prev_end is not None:
        gaps.append((end - el - prev_end, key))
    prev_end = end; first = first if first is not None else end - el; last = end
print("first statement to last: %.2f s, in SQL: %.2f s" % (last - first, sum(tot.values())))
print("SQL time by statement:")
for k, v in tot.most_common(8):
    print("  %8.2f s %7d x  %s" % (v, cnt[k], k))
print("largest gaps between statements (Rust work, before the named statement):")
for g, k in sorted(gaps, reverse=True)[:6]:
    print("  %8.2f s  before  %s" % (g, k))
PY
}

# reference BACKEND FILE: loads FILE's rows as plain text rows into a fresh scratch table
# with the engine's own fast path, no checks; prints the wall seconds (process exec to
# exit, like *wall* for our imports) on stdout.
reference() {
    local backend="$1" file="$2" t0 t1 rows
    case "$backend" in
        sqlite)
            rm -f "$WORK/ref.db" "$WORK/ref.db-wal" "$WORK/ref.db-shm"
            t0=$EPOCHREALTIME
            rows=$(python3 - "$WORK/ref.db" "$file" <<'PY'
import csv, sqlite3, sys
db, path = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db, isolation_level=None)  # explicit BEGIN/COMMIT below
con.execute("PRAGMA journal_mode=WAL")
con.execute("PRAGMA synchronous=FULL")
with open(path, newline="", encoding="utf-8") as f:
    r = csv.reader(f, delimiter=";")
    header = next(r)
    cols = ", ".join('"%s" TEXT' % c for c in header)
    con.execute("CREATE TABLE ref_employees (%s)" % cols)
    sql = "INSERT INTO ref_employees VALUES (%s)" % ", ".join("?" * len(header))
    con.execute("BEGIN")
    con.executemany(sql, r)
    con.execute("COMMIT")
print(con.execute("SELECT count(*) FROM ref_employees").fetchone()[0])
con.close()
PY
)
            t1=$EPOCHREALTIME
            ;;
        postgres)
            PGPASSWORD="${PGPASSWORD:-postgres}" psql "$PG_ADMIN_URL/postgres" -qAt \
                -c "DROP DATABASE IF EXISTS $PG_REF_DB" -c "CREATE DATABASE $PG_REF_DB" >/dev/null
            local cols
            cols=$(head -1 "$file" | tr -d '\r' | awk -F';' '{ for (i = 1; i <= NF; i++) printf "%s\"%s\" text", (i > 1 ? ", " : ""), $i }')
            t0=$EPOCHREALTIME
            rows=$(PGPASSWORD="${PGPASSWORD:-postgres}" psql "$PG_ADMIN_URL/$PG_REF_DB" -qAt \
                -v ON_ERROR_STOP=1 \
                -c "CREATE TABLE ref_employees ($cols)" \
                -c "\\copy ref_employees FROM '$file' WITH (FORMAT csv, HEADER true, DELIMITER ';')" \
                -c "SELECT count(*) FROM ref_employees")
            t1=$EPOCHREALTIME
            PGPASSWORD="${PGPASSWORD:-postgres}" psql "$PG_ADMIN_URL/postgres" -qAt \
                -c "DROP DATABASE IF EXISTS $PG_REF_DB" >/dev/null
            ;;
    esac
    log "$backend: reference load: $rows rows"
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

bench_backend() {
    local backend="$1" url
    case "$backend" in
        sqlite)
            rm -f "$WORK/import.db" "$WORK/import.db-wal" "$WORK/import.db-shm"
            url="sqlite://$WORK/import.db"
            ;;
        postgres)
            PGPASSWORD="${PGPASSWORD:-postgres}" psql "$PG_ADMIN_URL/postgres" -qAt \
                -c "DROP DATABASE IF EXISTS $PG_DB" -c "CREATE DATABASE $PG_DB" >/dev/null
            url="$PG_ADMIN_URL/$PG_DB"
            ;;
        *) echo "unknown backend $backend" >&2; exit 1 ;;
    esac
    log "$backend: fresh database, agency $AGENCY, $UNITS units"
    "$BIN" --database-url "$url" agency create --code "$AGENCY" --name "Kabupaten Nusaraya (bench)" >/dev/null
    "$BIN" --database-url "$url" import units "$WORK/units.csv" --agency "$AGENCY" >&2
    log "$backend: reference (plain rows, engine fast path, no checks)"
    local ref
    ref=$(reference "$backend" "$WORK/employees.csv")
    run_import "$backend" "first import" "$url" "$WORK/employees.csv" "$ref"
    run_import "$backend" "re-import, unchanged" "$url" "$WORK/employees.csv"
    run_import "$backend" "re-import, $(awk -v c="$CHANGE" 'BEGIN { printf "%g", 100 * c }')% changed" "$url" "$WORK/employees_changed.csv"
    if [[ "$backend" == sqlite ]]; then
        log "sqlite: database file $(du -h "$WORK/import.db" | cut -f1)"
    fi
}

for b in $BACKENDS; do
    bench_backend "$b"
done

echo
echo "Import of $EMPLOYEES employees ($UNITS units), $(nproc) cores, $(date +%F)"
echo
printf '| %-8s | %-22s | %8s | %10s | %11s | %-42s | %7s | %5s |\n' \
    backend scenario "wall (s)" "import (s)" "max RSS MiB" result "ref (s)" "× ref"
echo '|----------|------------------------|---------:|-----------:|------------:|--------------------------------------------|--------:|------:|'
while IFS=$'\t' read -r backend scenario wall internal rss counts ref; do
    ratio=""
    if [[ "$ref" != - && -n "$ref" ]]; then
        ratio=$(awk -v w="$wall" -v r="$ref" 'BEGIN { if (r > 0) printf "%.1f", w / r }')
    else
        ref=""
    fi
    printf '| %-8s | %-22s | %8s | %10s | %11s | %-42s | %7s | %5s |\n' \
        "$backend" "$scenario" "$wall" "$internal" "$rss" "$counts" "$ref" "$ratio"
done <"$RESULTS"
echo
echo "wall = whole process (start, migrations check, read file, import, exit);"
echo "import = the time the command itself reports (parse, check, write, commit)."
echo "ref = same run, just before the first import: the same employees.csv rows as plain"
echo "      text rows into a fresh scratch table, engine fast path, no checks (sqlite: Python"
echo "      sqlite3 executemany, one transaction, WAL + synchronous=FULL; postgres: psql \\copy),"
echo "      whole process; × ref = first-import wall / ref."
if [[ "${PROFILE:-0}" == 1 ]]; then
    for f in "$WORK"/*.profile; do
        echo; echo "== SQL time by statement: $(basename "$f" .profile)"; cat "$f"
    done
fi
