#!/usr/bin/env python3
"""A third, plain reading of the model in bench/roster/README.md: checks a roster against an
instance and computes its objective, written straight from the table of hard constraints
(no solver, no shared code with cpsat.py's model or the Rust crate).

    python3 bench/roster/check.py INSTANCE.json ROSTER.json

ROSTER.json is `{"rows": [...]}` or anything carrying it under `roster` (a `fleksi roster solve`
output). Prints `{"violations": N, "by_constraint": {...}, "first": [...], "objective": ..,
"unmet_total": .., "max_unmet": ..}`; exit 0 when there are no violations, 1 otherwise.
Python 3.11 standard library only.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
from collections import Counter, defaultdict

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
LETTER = {"office": "O", "remote": "R", "absent": "A"}


def expand(value, n):
    return list(value) if isinstance(value, list) else [value] * n


def check(inst: dict, roster: dict) -> dict:
    dates = [dt.date.fromisoformat(d) for d in inst["dates"]]
    n = len(dates)
    index = {d.isoformat(): i for i, d in enumerate(dates)}
    violations = []

    def bad(constraint, detail, unit=None, date=None, employees=()):
        violations.append({"constraint": constraint, "unit": unit,
                           "date": dates[date].isoformat() if date is not None else None,
                           "employees": list(employees), "detail": detail})

    rows = {}
    for r in roster["rows"]:
        if r["id"] in rows:
            bad("format", f"row {r['id']} appears twice", employees=[r["id"]])
        rows[r["id"]] = r["days"]
    cells = {}
    for e in inst["employees"]:
        days = rows.pop(e["id"], None)
        if days is None or len(days) != n or any(c not in "ORA" for c in days):
            bad("format", f"row of {e['id']} missing or malformed", employees=[e["id"]])
            days = "".join("A" if e.get("fixed", {}).get(d) == "absent" else "O"
                           for d in inst["dates"])
        cells[e["id"]] = days
    for rid in rows:
        bad("format", f"row {rid} is not an employee", employees=[rid])

    weeks = defaultdict(list)
    months = defaultdict(list)
    for i, d in enumerate(dates):
        weeks[d.isocalendar()[:2]].append(i)
        months[(d.year, d.month)].append(i)

    # fixed, remote_per_week, office_per_month; objective
    unmet = {}
    for e in inst["employees"]:
        c = cells[e["id"]]
        fixed = e.get("fixed", {})
        for i, d in enumerate(inst["dates"]):
            f = fixed.get(d)
            if f == "absent" and c[i] != "A" or f != "absent" and c[i] == "A" \
                    or f in ("office", "remote") and c[i] != LETTER[f]:
                bad("fixed", f"{e['id']} on {d}: {c[i]} but fixed {f}", date=i, employees=[e["id"]])
        for days in weeks.values():
            r = sum(1 for i in days if c[i] == "R")
            if r > e["max_remote_per_week"]:
                bad("remote_per_week", f"{e['id']}: {r} remote days in the week of "
                    f"{dates[days[0]]}", date=days[0], employees=[e["id"]])
        for days in months.values():
            o = sum(1 for i in days if c[i] == "O")
            na = sum(1 for i in days if c[i] != "A")
            if o < min(e.get("min_office_per_month", 0), na):
                bad("office_per_month", f"{e['id']}: {o} office days in {dates[days[0]]:%Y-%m}",
                    date=days[0], employees=[e["id"]])
        u = 0
        for d, w in e.get("wishes", {}).items():
            x = c[index[d]]
            if w > 0 and x == "O":
                u += w
            elif w < 0 and x == "R":
                u += -w
        unmet[e["id"]] = u

    # seats, coverage, away_share per unit and date
    by_unit = defaultdict(list)
    for e in inst["employees"]:
        by_unit[e["unit"]].append(e)
    for unit in inst["units"]:
        uid = unit["id"]
        members = by_unit[uid]
        seats = expand(unit["seats"], n)
        share = expand(unit.get("max_away_share", 1.0), n)
        cover = {s: expand(v, n) for s, v in unit.get("coverage", {}).items()}
        for i in range(n):
            col = Counter(cells[e["id"]][i] for e in members)
            if col["O"] > seats[i]:
                bad("seats", f"{uid}: {col['O']} in the office, {seats[i]} seats", uid, i)
            non_absent = col["O"] + col["R"]
            cap = math.floor(share[i] * non_absent + 1e-9)
            if col["R"] > cap:
                bad("away_share", f"{uid}: {col['R']} remote, at most {cap}", uid, i)
            for s, need in cover.items():
                have = sum(1 for e in members if s in e.get("skills", ()) and cells[e["id"]][i] == "O")
                if have < need[i]:
                    bad("coverage", f"{uid}: {have} {s} in the office, need {need[i]}", uid, i)

    # anchor
    by_team = defaultdict(list)
    for e in inst["employees"]:
        if e.get("team"):
            by_team[e["team"]].append(cells[e["id"]])
    for team in inst.get("teams", []):
        anchor = team.get("anchor")
        if not anchor:
            continue
        rows_t = by_team[team["id"]]
        for days in weeks.values():
            if not any(r[i] != "A" for r in rows_t for i in days):
                continue
            cands = days
            if anchor != "any":
                hit = [i for i in days if dates[i].weekday() == WEEKDAYS.index(anchor)]
                if hit:
                    cands = hit
            if not any(any(r[i] != "A" for r in rows_t) and all(r[i] != "R" for r in rows_t)
                       for i in cands):
                bad("anchor", f"team {team['id']}: no anchor day in the week of {dates[days[0]]}",
                    team["unit"], days[0])

    total = sum(unmet.values())
    mx = max(unmet.values(), default=0)
    return {"violations": violations, "objective": total + inst.get("fairness_weight", 10) * mx,
            "unmet_total": total, "max_unmet": mx}


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1]) as f:
        inst = json.load(f)
    with open(sys.argv[2]) as f:
        roster = json.load(f)
    if "roster" in roster:
        roster = roster["roster"]
    rep = check(inst, roster)
    v = rep.pop("violations")
    out = {"violations": len(v), "by_constraint": dict(Counter(x["constraint"] for x in v)),
           "first": v[:5], **rep}
    print(json.dumps(out, ensure_ascii=False))
    sys.exit(1 if v else 0)


if __name__ == "__main__":
    main()
