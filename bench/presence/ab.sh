#!/usr/bin/env bash
# A/B of check-ins: two (or more) server binaries against one prepared database, run in
# turn, each beside its own /healthz — for comparing a change on a noisy machine.
#
#   bench/presence/ab.sh URL TOKENS LABEL:BINARY:OFFSET ...
#
# URL is a database prepared by run.sh (or by its setup steps), TOKENS its token file;
# OFFSET the first employee each run uses — give each run a range of employees that have
# not checked in yet today (each run uses about rate × DURATION of them).
# Environment: DURATION=6s CLIENTS=64 THREADS=2.
set -u
URL="$1" TOKENS="$2"; shift 2
HERE="$(cd "$(dirname "$0")" && pwd)"
BASE=http://127.0.0.1:18090
DURATION="${DURATION:-6s}" CLIENTS="${CLIENTS:-64}" THREADS="${THREADS:-2}"
i=0
for spec in "$@"; do
    IFS=: read -r label bin offset <<<"$spec"
    "$bin" --database-url "$URL" serve --bind 127.0.0.1:18090 >>/tmp/fleksi-ab-server.log 2>&1 &
    pid=$!
    for _ in $(seq 100); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done
    wrk -t"$THREADS" -c"$CLIENTS" -d2s "$BASE/healthz" >/dev/null   # warm-up
    h=$(wrk -t"$THREADS" -c"$CLIENTS" -d"$DURATION" -s "$HERE/healthz.lua" "$BASE/healthz" | grep '^RESULT')
    c=$(TOKENS="$TOKENS" OFFSET="$offset" THREADS="$THREADS" RUN="ab$$-$i" \
        wrk -t"$THREADS" -c"$CLIENTS" -d"$DURATION" -s "$HERE/checkin.lua" "$BASE" | grep '^RESULT')
    echo "$label: healthz $h; check-in $c"
    kill "$pid"; wait "$pid" 2>/dev/null
    i=$((i + 1))
done
