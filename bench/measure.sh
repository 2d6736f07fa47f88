#!/usr/bin/env bash
# Start-up time, memory and page weight of the demo server.
#
#   bench/measure.sh
#
# (a) start-up: `fleksi demo` on a fresh SQLite file, from exec until /healthz answers;
# (b) resident memory (VmRSS, and the peak VmHWM, from /proc/PID/status) once the demo is
#     loaded and again after a few hundred requests by a signed-in user;
# (c) bytes on the wire for /login, / , /employees (signed in) and the two static files:
#     uncompressed, with `Accept-Encoding: gzip`, and with `Accept-Encoding: gzip, br`
#     (what a browser sends; the server picks the encoding).
#
# Environment (all optional):
#   BIND=127.0.0.1:18080   WORK=/tmp/fleksi-bench-measure   REQUESTS=400   CONCURRENCY=8
#   LOGIN=pegawai   PASSWORD=bench-demo-2026   SKIP_BUILD=1 (use the existing release binary)
#
# The server runs with --secure-cookies false: `__Host-`/Secure cookies are not sent back
# by curl over plain http, so cookie names here are fleksi_csrf / fleksi_session.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$ROOT/target/release/fleksi"
BIND="${BIND:-127.0.0.1:18080}"
WORK="${WORK:-/tmp/fleksi-bench-measure}"
REQUESTS="${REQUESTS:-400}"
CONCURRENCY="${CONCURRENCY:-8}"
LOGIN="${LOGIN:-pegawai}"
PASSWORD="${PASSWORD:-bench-demo-2026}"
BASE="http://$BIND"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    log "cargo build --release -p fleksi"
    (cd "$ROOT" && cargo build --release -p fleksi)
fi
[[ -x "$BIN" ]] || { echo "no binary at $BIN" >&2; exit 1; }

mkdir -p "$WORK"
rm -f "$WORK/demo.db" "$WORK/demo.db-wal" "$WORK/demo.db-shm" "$WORK"/jar.*
if curl -s -o /dev/null "$BASE/healthz"; then
    echo "something already answers on $BASE; set BIND" >&2
    exit 1
fi

# ---- (a) start-up ---------------------------------------------------------------------
PID=""
cleanup() { [[ -n "$PID" ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true; }
trap cleanup EXIT

t0=$EPOCHREALTIME
FLEKSI_DEMO_PASSWORD="$PASSWORD" FLEKSI_LOG=warn \
    "$BIN" --database-url "sqlite://$WORK/demo.db" demo --bind "$BIND" --secure-cookies false \
    >"$WORK/server.out" 2>"$WORK/server.err" &
PID=$!
until curl -s -o /dev/null -m 1 "$BASE/healthz"; do
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/server.out" "$WORK/server.err" >&2; exit 1; }
    sleep 0.01
done
t1=$EPOCHREALTIME
startup=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
seeded=$(sed -n 's/.*siap dalam \([0-9.]*\) s.*/\1/p' "$WORK/server.out")
log "healthz answered after $startup s (demo reports: loaded in $seeded s)"

rss() { awk -v k="$1:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/$PID/status"; }
sleep 1
rss_loaded=$(rss VmRSS)
hwm_loaded=$(rss VmHWM)

# ---- sign in --------------------------------------------------------------------------
JAR="$WORK/jar.$LOGIN"
csrf=$(curl -s -c "$JAR" -b "$JAR" "$BASE/login" |
    sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
[[ -n "$csrf" ]] || { echo "no csrf token on /login" >&2; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$JAR" -b "$JAR" \
    --data-urlencode "csrf=$csrf" --data-urlencode "login=$LOGIN" \
    --data-urlencode "password=$PASSWORD" "$BASE/login")
grep -q fleksi_session "$JAR" || { echo "sign-in as $LOGIN failed: $code" >&2; exit 1; }
log "signed in as $LOGIN ($code)"
sleep 1
# Sign-in verifies an Argon2 hash (19 MiB of working memory), so memory is read again here.
rss_signed_in=$(rss VmRSS)

# ---- (b) a few hundred requests, then memory again ------------------------------------
PATHS=(/ /employees /login /static/style.css /static/app.js /healthz)
log "$REQUESTS requests, $CONCURRENCY at a time, signed in"
r0=$EPOCHREALTIME
for ((i = 0; i < REQUESTS; i++)); do echo "${PATHS[i % ${#PATHS[@]}]}"; done |
    xargs -P "$CONCURRENCY" -I{} curl -s -o /dev/null -b "$JAR" \
        -H 'Accept-Encoding: gzip, br' -w '%{http_code} %{time_total}\n' "$BASE{}" \
        >"$WORK/requests.txt"
r1=$EPOCHREALTIME
req_wall=$(awk -v a="$r0" -v b="$r1" 'BEGIN { printf "%.2f", b - a }')
non200=$(awk '$1 != 200' "$WORK/requests.txt" | wc -l)
req_stats=$(sort -k2 -n "$WORK/requests.txt" | awk '{ t[NR] = $2; s += $2 }
    END { printf "mean %.1f ms, p50 %.1f ms, p95 %.1f ms", 1000 * s / NR,
          1000 * t[int(NR * 0.5) + 1], 1000 * t[int(NR * 0.95)] }')
sleep 1
rss_after=$(rss VmRSS)
hwm_after=$(rss VmHWM)

# ---- (c) page weight ------------------------------------------------------------------
# size PATH ACCEPT_ENCODING: "<bytes on the wire> <status> <encoding>"
size() {
    local enc_args=()
    [[ -n "$2" ]] && enc_args=(--compressed -H "Accept-Encoding: $2")
    curl -s -o /dev/null -D "$WORK/headers" -b "$JAR" "${enc_args[@]}" \
        -w '%{size_download} %{http_code}' "$BASE$1"
    local ce
    ce=$(tr -d '\r' <"$WORK/headers" | awk -F': ' 'tolower($1) == "content-encoding" { print $2 }')
    echo " ${ce:-identity}"
}

rows=()
for p in /login / /employees /static/style.css /static/app.js; do
    # /login for a signed-in user may redirect; measure it signed out like a visitor.
    jar_arg="$JAR"
    [[ "$p" == /login ]] && jar_arg=/dev/null
    read -r raw st _ < <(JAR="$jar_arg" size "$p" "")
    read -r gz _ gze < <(JAR="$jar_arg" size "$p" "gzip")
    read -r br _ bre < <(JAR="$jar_arg" size "$p" "gzip, br")
    # Latency one request at a time (the concurrent run above also pays for starting curl).
    p50=$(for ((i = 0; i < 21; i++)); do
        curl -s -o /dev/null -b "$jar_arg" -H 'Accept-Encoding: gzip, br' -w '%{time_total}\n' "$BASE$p"
    done | sort -n | awk '{ t[NR] = $1 } END { printf "%.1f", 1000 * t[11] }')
    rows+=("$p|$st|$raw|$gz|$br ($bre)|$p50")
done

echo
echo "Fleksi demo on a fresh SQLite file, $(nproc) cores, $(date +%F)"
echo
line() { printf '| %-46s | %-62s |\n' "$1" "$2"; }
line measure value
printf '|%s|%s|\n' ------------------------------------------------ ----------------------------------------------------------------
line "start-up: exec -> /healthz answers" "$startup s"
line "of which demo load (printed \"siap dalam\")" "$seeded s"
line "VmRSS after demo load (peak VmHWM)" "$rss_loaded MiB ($hwm_loaded MiB)"
line "VmRSS after one sign-in" "$rss_signed_in MiB"
line "VmRSS after $REQUESTS requests (peak VmHWM)" "$rss_after MiB ($hwm_after MiB)"
line "$REQUESTS requests, $CONCURRENCY concurrent: wall" "$req_wall s"
line "  per request" "$req_stats; non-200: $non200"
cat <<EOF

Page weight, signed in as $LOGIN (/login signed out), bytes on the wire

| path               | status | uncompressed | gzip   | gzip, br (chosen) | p50 ms, sequential |
|--------------------|-------:|-------------:|-------:|-------------------|-------------------:|
EOF
for r in "${rows[@]}"; do
    IFS='|' read -r p st raw gz br p50 <<<"$r"
    printf '| %-18s | %6s | %12s | %6s | %-17s | %18s |\n' "$p" "$st" "$raw" "$gz" "$br" "$p50"
done
