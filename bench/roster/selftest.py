#!/usr/bin/env python3
"""Self-test of the benchmark's two readings of the model, on random tiny instances.

    python3 bench/roster/selftest.py [--seed 1] [--instances 200] [--fleksi target/release/fleksi]

1. brute force vs CP-SAT: for each instance with at most 14 free cells, the minimum objective
   over every roster that `check.py` accepts must equal CP-SAT's optimum (or both infeasible),
   and CP-SAT's roster must pass `check.py` with that objective;
2. `check.py` vs `fleksi roster check` (when the binary exists): on a random roster per
   instance, the same set of violated constraints and the same objective.

Instances are small and adversarial: 2–4 people, 3–6 dates that may straddle a month end, one
or two units, teams with `any`, weekday or Saturday anchors, fixed cells, shares that floor,
coverage, negative wishes, fairness weights 0, 1 or 10.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check  # noqa: E402
import cpsat  # noqa: E402


def random_instance(rng: random.Random) -> dict:
    start = dt.date(2026, 3, 26) + dt.timedelta(days=rng.randint(0, 6))
    dates = [start + dt.timedelta(days=i) for i in range(12)]
    dates = [d for d in dates if d.weekday() < 5 and rng.random() < 0.9][:rng.randint(3, 6)]
    days = [d.isoformat() for d in dates]
    n = len(days)
    ne = rng.randint(2, 4)

    def per_day(f):
        return f() if rng.random() < 0.5 else [f() for _ in range(n)]

    units = [{"id": "u1", "seats": per_day(lambda: rng.randint(ne - 1, ne)),
              "coverage": {"loket": per_day(lambda: rng.choice([0, 0, 0, 1]))},
              "max_away_share": per_day(lambda: rng.choice([0.3, 0.34, 0.5, 0.66, 1.0, 1.0]))}]
    if rng.random() < 0.5:
        units.append({"id": "u2", "seats": per_day(lambda: rng.randint(1, 3))})
    teams = []
    for t in range(rng.randint(0, 2)):
        team = {"id": f"t{t}", "unit": "u1"}
        anchor = rng.choice([None, "any", "monday", "wednesday", "friday", "saturday"])
        if anchor:
            team["anchor"] = anchor
        teams.append(team)
    employees = []
    for k in range(ne):
        unit = rng.choice(units)["id"]
        e = {"id": f"e{k}", "unit": unit, "max_remote_per_week": rng.randint(0, 3),
             "min_office_per_month": rng.randint(0, 3)}
        if unit == "u1" and teams and rng.random() < 0.7:
            e["team"] = rng.choice(teams)["id"]
        if rng.random() < 0.5:
            e["skills"] = ["loket"]
        fixed = {d: rng.choice(["office", "remote", "absent", "absent"])
                 for d in days if rng.random() < 0.15}
        if fixed:
            e["fixed"] = fixed
        wishes = {d: rng.choice([-3, -1, 1, 2, 3]) for d in days if rng.random() < 0.5}
        if wishes:
            e["wishes"] = wishes
        employees.append(e)
    return {"dates": days, "fairness_weight": rng.choice([0, 1, 10]), "skills": ["loket"],
            "units": units, "teams": teams, "employees": employees}


def free_cells(inst):
    return sum(1 for e in inst["employees"] for d in inst["dates"] if d not in e.get("fixed", {}))


def brute_force(inst):
    letters = {"absent": "A", "office": "O", "remote": "R"}
    options = []
    for e in inst["employees"]:
        fixed = e.get("fixed", {})
        per = [letters[fixed[d]] if d in fixed else "OR" for d in inst["dates"]]
        options.append(["".join(c) for c in itertools.product(*per)])
    best = None
    for combo in itertools.product(*options):
        roster = {"rows": [{"id": e["id"], "days": s}
                           for e, s in zip(inst["employees"], combo)]}
        rep = check.check(inst, roster)
        if not rep["violations"] and (best is None or rep["objective"] < best):
            best = rep["objective"]
    return best


def solve_cpsat(inst):
    from ortools.sat.python import cp_model
    m, cells, _ = cpsat.build(inst)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 10
    solver.parameters.num_workers = 1
    status = solver.solve(m.model)
    if status == cp_model.INFEASIBLE:
        return None, None
    assert status == cp_model.OPTIMAL, solver.status_name(status)
    values = list(solver.response_proto.solution)
    rows = []
    for e, row in zip(inst["employees"], cells):
        s = "".join({cpsat.A: "A", cpsat.O: "O", cpsat.R: "R"}[c] if c < 0
                    else ("O" if values[c] else "R") for c in row)
        rows.append({"id": e["id"], "days": s})
    return int(round(solver.objective_value)), {"rows": rows}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--instances", type=int, default=200)
    p.add_argument("--fleksi", default=os.path.join(HERE, "..", "..", "target", "release", "fleksi"))
    args = p.parse_args()
    rng = random.Random(args.seed)
    have_fleksi = os.access(args.fleksi, os.X_OK)
    tmp = tempfile.mkdtemp(prefix="roster-selftest-")
    stats = {"brute_feasible": 0, "brute_infeasible": 0, "fleksi_checked": 0}
    failures = 0
    for it in range(args.instances):
        inst = random_instance(rng)
        if free_cells(inst) <= 14:
            best = brute_force(inst)
            obj, roster = solve_cpsat(inst)
            stats["brute_infeasible" if best is None else "brute_feasible"] += 1
            ok = obj == best
            if ok and roster is not None:
                rep = check.check(inst, roster)
                ok = not rep["violations"] and rep["objective"] == obj
            if not ok:
                failures += 1
                path = os.path.join(tmp, f"brute-{it}.json")
                json.dump(inst, open(path, "w"))
                print(f"brute force {best} vs CP-SAT {obj}: {path}", file=sys.stderr)
        if have_fleksi:
            rows = []
            for e in inst["employees"]:
                fixed = e.get("fixed", {})
                s = "".join({"absent": "A", "office": "O", "remote": "R"}[fixed[d]]
                            if d in fixed and rng.random() < 0.95
                            else rng.choice("OOR" if rng.random() < 0.97 else "A")
                            for d in inst["dates"])
                rows.append({"id": e["id"], "days": s})
            roster = {"rows": rows}
            ip, rp = os.path.join(tmp, "i.json"), os.path.join(tmp, "r.json")
            json.dump(inst, open(ip, "w"))
            json.dump(roster, open(rp, "w"))
            out = subprocess.run([args.fleksi, "roster", "check", ip, rp],
                                 capture_output=True, text=True)
            theirs = json.loads(out.stdout)
            mine = check.check(inst, roster)
            kinds = [sorted({v["constraint"] for v in r["violations"]}) for r in (theirs, mine)]
            stats["fleksi_checked"] += 1
            if kinds[0] != kinds[1] or theirs["objective"] != mine["objective"]:
                failures += 1
                path = os.path.join(tmp, f"check-{it}.json")
                json.dump({"instance": inst, "roster": roster}, open(path, "w"))
                print(f"fleksi check {kinds[0]} {theirs['objective']} vs check.py {kinds[1]} "
                      f"{mine['objective']}: {path}", file=sys.stderr)
    print(json.dumps({"failures": failures, **stats}))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
