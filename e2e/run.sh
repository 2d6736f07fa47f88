#!/usr/bin/env bash
# Browser tests: build the binary, serve the demo agency on a free port with a throw-away
# SQLite file, run the tests in e2e/tests/ with node's test runner against it, stop the server.
# Run from anywhere: `bash e2e/run.sh`. Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

say() { printf 'e2e: %s\n' "$*"; }

# Debian's Chromium; playwright-core downloads no browser of its own.
CHROMIUM="${FLEKSI_E2E_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  say "installing chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q && apt-get install -y -q chromium
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing node and npm"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q && apt-get install -y -q nodejs npm
fi
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$NODE_MAJOR" -lt 20 ]; then
  echo "e2e: node $(node --version) is too old; playwright-core needs node 20 or later" >&2
  exit 1
fi

say "npm ci"
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)

say "cargo build -p fleksi"
cargo build -q -p fleksi
BIN="$ROOT/target/debug/fleksi"

WORK="$(mktemp -d -t fleksi-e2e.XXXXXX)"
SERVER_PID=""
cleanup() {
  local rc=$?
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "$rc" -ne 0 ] && [ -f "$WORK/server.log" ]; then
    echo "e2e: last lines of the server log:" >&2
    tail -n 40 "$WORK/server.log" >&2 || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free port on the loopback: ask the kernel for one, then release it for the server.
PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
URL="http://127.0.0.1:$PORT"
export FLEKSI_DEMO_PASSWORD="e2e-${RANDOM}-${RANDOM}-sandi"
export FLEKSI_E2E_URL="$URL"
export FLEKSI_E2E_CHROMIUM="$CHROMIUM"

# Cookies stay Secure with the __Host- prefix: Chromium accepts them on http://127.0.0.1,
# a potentially trustworthy origin, so there is no need for --secure-cookies false.
say "starting the demo server on $URL"
"$BIN" --database-url "sqlite://$WORK/fleksi.db" demo --bind "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 </dev/null &
SERVER_PID=$!

node -e '
  const url = process.argv[1] + "/healthz";
  const until = Date.now() + 60_000;
  (async () => {
    for (;;) {
      try { const r = await fetch(url); if (r.ok) return; } catch {}
      if (Date.now() > until) { console.error("e2e: no answer from " + url + " within 60 s"); process.exit(1); }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
' "$URL"
kill -0 "$SERVER_PID" 2>/dev/null || { echo "e2e: the server exited" >&2; exit 1; }
say "server ready"

# One test file at a time: each drives its own Chromium, and the machine has two cores.
cd e2e
# E2E_TESTS="tests/roster.test.js" runs only some of them.
node --test --test-concurrency=1 --test-timeout=120000 ${E2E_TESTS:-tests/*.test.js}
