#!/usr/bin/env bash
# Hybrid-roster benchmark: our solver (`fleksi roster solve`) against the OR-Tools CP-SAT
# reference (`cpsat.py`) on generated instances, both rosters cross-checked by
# `fleksi roster check` (and by the plain Python reading `check.py`).
#
#   bash bench/roster/run.sh
#
# Environment (all optional):
#   SIZES="50 1000 10000 100000"  employees per instance
#   SEED=1                         generator seed (also our solver's --seed)
#   START=2026-03-02 WEEKS=4       horizon: Mon–Fri of WEEKS weeks from START
#   HOLIDAYS=2026-03-19            comma-separated non-working dates ("" for none; Nyepi 2026)
#   LIMIT=60                       our --time-limit (seconds); defaults to CPSAT_LIMIT
#   CPSAT_LIMIT=60                 CP-SAT max_time_in_seconds (the solve; model building is extra)
#   CPSAT_WORKERS=2                CP-SAT threads
#   CPSAT_PARAMS=                  extra SatParameters, text format ("cp_model_presolve:false")
#   SKIP_CPSAT=1                   only ours
#   SKIP_BUILD=1                   use the existing target/release/fleksi
#   FLEKSI=path                    another fleksi binary (implies nothing about SKIP_BUILD)
#   PYCHECK=0                      skip the third opinion (check.py); default: run it up to 10,000
#   DATA=bench/roster/data         instances and outputs (gitignored); instances are reused
#
# Prints a Markdown table on stdout (progress on stderr) and keeps every output in $DATA.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="${FLEKSI:-$ROOT/target/release/fleksi}"
SIZES="${SIZES:-50 1000 10000 100000}"
SEED="${SEED:-1}"
START="${START:-2026-03-02}"
WEEKS="${WEEKS:-4}"
HOLIDAYS="${HOLIDAYS-2026-03-19}"
CPSAT_LIMIT="${CPSAT_LIMIT:-60}"
LIMIT="${LIMIT:-$CPSAT_LIMIT}"
CPSAT_WORKERS="${CPSAT_WORKERS:-2}"
CPSAT_PARAMS="${CPSAT_PARAMS:-}"
SKIP_CPSAT="${SKIP_CPSAT:-0}"
PYCHECK="${PYCHECK:-auto}"
DATA="${DATA:-$HERE/data}"
TIME=/usr/bin/time

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

[[ -x "$TIME" ]] || { echo "needs GNU time at $TIME (apt-get install time)" >&2; exit 1; }
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    log "cargo build --release -p fleksi"
    (cd "$ROOT" && cargo build --release -p fleksi >&2)
fi
[[ -x "$BIN" ]] || { echo "no binary at $BIN" >&2; exit 1; }
if [[ "$SKIP_CPSAT" != 1 ]] && ! python3 -c "import ortools" 2>/dev/null; then
    log "pip install ortools"
    python3 -m pip install --quiet ortools >&2
fi
mkdir -p "$DATA"

tag="s${SEED}-${START}-w${WEEKS}${HOLIDAYS:+-h${HOLIDAYS//,/_}}"
for n in $SIZES; do
    inst="$DATA/inst-$n-$tag.json"
    out="$DATA/out-$n-$tag"
    mkdir -p "$out"
    if [[ ! -s "$inst" ]]; then
        log "generate $n employees"
        python3 "$HERE/gen.py" --employees "$n" --seed "$SEED" --start "$START" --weeks "$WEEKS" \
            --holidays "$HOLIDAYS" > "$inst.tmp"
        mv "$inst.tmp" "$inst"
    fi

    log "$n: ours (--time-limit $LIMIT)"
    rc=0
    "$TIME" -f '%M %e' -o "$out/ours.time" \
        "$BIN" roster solve "$inst" --time-limit "$LIMIT" --seed "$SEED" \
        > "$out/ours.json" 2> "$out/ours.err" || rc=$?
    echo "$rc" > "$out/ours.rc"
    rc=0
    "$BIN" roster check "$inst" "$out/ours.json" > "$out/ours.check.json" 2> "$out/ours.check.err" || rc=$?
    echo "$rc" > "$out/ours.check.rc"

    rm -f "$out/cpsat.json" "$out/cpsat-roster.json" "$out/cpsat.check.json"
    if [[ "$SKIP_CPSAT" != 1 ]]; then
        log "$n: CP-SAT (--time-limit $CPSAT_LIMIT --workers $CPSAT_WORKERS)"
        rc=0
        "$TIME" -f '%M %e' -o "$out/cpsat.time" \
            python3 "$HERE/cpsat.py" "$inst" --time-limit "$CPSAT_LIMIT" --workers "$CPSAT_WORKERS" \
            ${CPSAT_PARAMS:+--params "$CPSAT_PARAMS"} \
            --out "$out/cpsat-roster.json" > "$out/cpsat.json" 2> "$out/cpsat.err" || rc=$?
        echo "$rc" > "$out/cpsat.rc"
        if [[ -s "$out/cpsat-roster.json" ]]; then
            rc=0
            "$BIN" roster check "$inst" "$out/cpsat-roster.json" > "$out/cpsat.check.json" \
                2> "$out/cpsat.check.err" || rc=$?
            echo "$rc" > "$out/cpsat.check.rc"
        fi
    fi

    rm -f "$out/ours.pycheck.json" "$out/cpsat.pycheck.json"
    if [[ "$PYCHECK" == 1 || ( "$PYCHECK" == auto && "$n" -le 10000 ) ]]; then
        log "$n: check.py"
        python3 "$HERE/check.py" "$inst" "$out/ours.json" > "$out/ours.pycheck.json" 2>/dev/null || true
        if [[ -s "$out/cpsat-roster.json" ]]; then
            python3 "$HERE/check.py" "$inst" "$out/cpsat-roster.json" > "$out/cpsat.pycheck.json" 2>/dev/null || true
        fi
    fi
done

python3 - "$DATA" "$tag" $SIZES <<'EOF'
import json, os, sys

data, tag, sizes = sys.argv[1], sys.argv[2], sys.argv[3:]


def load(path):
    try:
        with open(path) as f:
            text = f.read().strip()
        return json.loads(text)
    except (OSError, ValueError, IndexError):
        return None


def rss_time(path):
    try:
        kb, secs = open(path).read().split()[-2:]
        return int(kb) / 1024, float(secs)
    except (OSError, ValueError):
        return None, None


def fmt(x, spec=""):
    return "–" if x is None else format(x, spec)


head = ("| instance (employees / units / dates) | ours: objective | ours: time s | ours: peak MB "
        "| CP-SAT: status | CP-SAT: objective | CP-SAT: bound | CP-SAT: time s (build) "
        "| time ours/CP-SAT | ours ≤ CP-SAT | checks |")
print(head)
print("|" + " --- |" * (head.count("|") - 1))
rss = {}
problems = []
for n in sizes:
    inst_path = f"{data}/inst-{n}-{tag}.json"
    out = f"{data}/out-{n}-{tag}"
    with open(inst_path) as f:
        inst = json.load(f)
    label = f"{len(inst['employees']):,} / {len(inst['units'])} / {len(inst['dates'])}"
    ours = load(f"{out}/ours.json")
    ours_check = load(f"{out}/ours.check.json")
    ours_rss, ours_secs = rss_time(f"{out}/ours.time")
    rss[n] = ours_rss
    cp = load(f"{out}/cpsat.json")
    cp_check = load(f"{out}/cpsat.check.json")
    cp_rss, cp_secs = rss_time(f"{out}/cpsat.time")
    notes = []

    def verdict(who, claimed, rep, py):
        if claimed is None:
            return
        if rep is None:
            notes.append(f"{who}: no `fleksi roster check` report")
        else:
            v = len(rep["violations"])
            if v:
                kinds = sorted({x["constraint"] for x in rep["violations"]})
                notes.append(f"{who}: {v} violations ({', '.join(kinds)})")
            if rep["objective"] != claimed:
                notes.append(f"{who}: objective {claimed} ≠ check {rep['objective']}")
        if py is not None:
            py_kinds = sorted(py["by_constraint"])
            rep_kinds = sorted({x["constraint"] for x in rep["violations"]}) if rep else None
            if rep is None or py_kinds != rep_kinds or py["objective"] != rep["objective"]:
                notes.append(f"{who}: check.py disagrees with fleksi roster check: "
                             f"{py_kinds or 'no violations'}, objective {py['objective']}")

    ours_obj = ours["objective"] if ours else None
    if ours and not ours.get("feasible", False):
        notes.append("ours: not feasible")
    if ours is None:
        notes.append("ours: no output (see ours.err)")
    verdict("ours", ours_obj, ours_check, load(f"{out}/ours.pycheck.json"))
    cp_obj = cp["objective"] if cp else None
    verdict("CP-SAT", cp_obj, cp_check, load(f"{out}/cpsat.pycheck.json"))
    if cp and ours and cp_obj is not None and cp.get("bound") is not None \
            and ours.get("feasible") and ours_obj < cp["bound"]:
        notes.append(f"ours {ours_obj} < CP-SAT bound {cp['bound']}: the models disagree")
    problems += [f"{n}: {x}" for x in notes]

    cp_time = None
    if cp:
        cp_time = f"{cp['seconds']:.1f} ({cp['build_seconds']:.1f})"
    ratio = f"{ours_secs / cp['seconds']:.2f}" if cp and ours_secs else "–"
    better = "–"
    if ours is not None and not ours.get("feasible", False):
        better = "no (ours infeasible)"
    elif ours_obj is not None and cp_obj is not None:
        better = "yes" if ours_obj <= cp_obj else "no"
    elif ours_obj is not None and cp and cp["status"] == "UNKNOWN":
        better = "yes (CP-SAT: no roster)"
    if ours and ours.get("feasible") and ours_check and not ours_check["violations"] \
            and cp and cp["status"] == "INFEASIBLE":
        notes.append("CP-SAT proves infeasible an instance ours solved: the models disagree")
        better = "?"
    print(f"| {label} | {fmt(ours_obj)} | {fmt(ours_secs, '.1f')} | {fmt(ours_rss, '.0f')} "
          f"| {cp['status'] if cp else '–'} | {fmt(cp_obj)} | {fmt(cp.get('bound') if cp else None)} "
          f"| {cp_time or '–'} | {ratio} | {better} | {'ok' if not notes else 'see below'} |")

print()
if "10000" in rss and "100000" in rss and rss["10000"] and rss["100000"]:
    r = rss["100000"] / rss["10000"]
    print(f"Memory linearity (ours): peak RSS {rss['10000']:.0f} MB at 10,000 and "
          f"{rss['100000']:.0f} MB at 100,000 employees: ×{r:.1f} for ×10 employees "
          f"({'linear or better' if r <= 11 else 'worse than linear'}).")
    print()
if problems:
    print("Disagreements and failures:")
    for p in problems:
        print(f"- {p}")
else:
    print("Cross-check: every roster passed `fleksi roster check` with the objective its solver claimed.")
EOF
