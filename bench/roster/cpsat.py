#!/usr/bin/env python3
"""OR-Tools CP-SAT reference for the hybrid-roster model of bench/roster/README.md.

    python3 bench/roster/cpsat.py INSTANCE.json [--time-limit 60] [--workers 2] [--seed 0]
                                  [--out roster.json] [--log] [--params TEXT]

Prints one JSON line:
    {"status", "objective", "bound", "seconds", "employees",
     "build_seconds", "solve_seconds", "variables", "constraints", "peak_rss_mb", ...}
`seconds` is the whole run (reading the JSON, building the model, solving); the time limit is
CP-SAT's own `max_time_in_seconds`, i.e. it applies to the solve, not to the build. When a
solution is found and `--out` is given, the roster is written there as `{"rows": [...]}`.

The model is the README's, one Boolean per free cell (1 = office, 0 = remote):

- absent cells and `fixed` cells are constants; a free cell is forced to office when the
  person's weekly remote allowance is used up by approved remote days, when the monthly office
  minimum needs every free day of that month, or when a team-week has only one possible anchor
  date (these are consequences of the hard constraints, not extra ones);
- seats and away share are one two-sided linear constraint per unit and date, coverage one per
  unit, skill and date; remote per week and office per month one per person and week / month;
- anchor: per team and week, one Boolean per candidate date that implies (bool_and) every
  free cell of a non-absent member is office, and a bool_or over the candidates;
- objective: Σ unmet + fairness_weight × M with M ≥ unmet(e) for every e whose unmet can
  exceed M's lower bound. A remote wish w > 0 costs w·x; an office wish w < 0 costs |w|·(1−x).

The model is written straight into the CpModelProto by index (no Python expression objects),
which keeps building 2 million cells in seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import resource
import sys
import time

T0 = time.monotonic()

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
A, O, R = -1, -2, -3  # cell constants; a cell >= 0 is the index of its Boolean variable

INSTANCE_KEYS = {"name", "dates", "fairness_weight", "skills", "units", "teams", "employees"}
UNIT_KEYS = {"id", "name", "seats", "coverage", "max_away_share"}
TEAM_KEYS = {"id", "name", "unit", "anchor"}
EMPLOYEE_KEYS = {"id", "name", "unit", "team", "skills", "max_remote_per_week",
                 "min_office_per_month", "fixed", "wishes"}


def parse_args(argv):
    p = argparse.ArgumentParser(description="CP-SAT reference for the hybrid-roster model")
    p.add_argument("instance")
    p.add_argument("--time-limit", type=float, default=60.0)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", help="write the roster here when a solution is found")
    p.add_argument("--log", action="store_true", help="CP-SAT search log on stderr")
    p.add_argument("--params", default="",
                   help="extra SatParameters in text format, e.g. 'cp_model_probing_level:0'")
    return p.parse_args(argv)


def expand(value, n, what):
    if isinstance(value, list):
        if len(value) != n:
            sys.exit(f"{what}: {len(value)} values for {n} dates")
        return value
    return [value] * n


def unknown_keys(obj, allowed, what):
    extra = set(obj) - allowed
    if extra:
        sys.exit(f"{what}: unknown field(s) {sorted(extra)}")


class Model:
    """The CP-SAT model written by index into the proto."""

    def __init__(self):
        from ortools.sat.python import cp_model
        self.cp_model = cp_model
        self.model = cp_model.CpModel()
        self.proto = self.model.proto
        self.nvars = 0
        self.nconstraints = 0
        self.infeasible = []  # reasons found while building (the model then has a false constraint)

    def new_bools(self, k):
        first = self.nvars
        add = self.proto.variables.add
        for _ in range(k):
            add().domain.extend((0, 1))
        self.nvars += k
        return first

    def new_int(self, lo, hi):
        self.proto.variables.add().domain.extend((lo, hi))
        self.nvars += 1
        return self.nvars - 1

    def linear(self, vars_, coeffs, lo, hi):
        """lo <= Σ coeffs·vars <= hi (coeffs None = all ones)."""
        lin = self.proto.constraints.add().linear
        lin.vars.extend(vars_)
        lin.coeffs.extend(coeffs if coeffs is not None else [1] * len(vars_))
        lin.domain.extend((lo, hi))
        self.nconstraints += 1

    def bool_and_if(self, enforce, lits):
        c = self.proto.constraints.add()
        c.enforcement_literal.append(enforce)
        c.bool_and.literals.extend(lits)
        self.nconstraints += 1

    def bool_or(self, lits):
        self.proto.constraints.add().bool_or.literals.extend(lits)
        self.nconstraints += 1

    def false(self, reason):
        self.infeasible.append(reason)
        self.proto.constraints.add().bool_or.literals.extend([])  # empty clause
        self.nconstraints += 1


INF = 1 << 40


def build(inst):
    for key in ("dates", "units", "employees"):
        if key not in inst:
            sys.exit(f"missing field {key}")
    unknown_keys(inst, INSTANCE_KEYS, "instance")
    dates = [dt.date.fromisoformat(d) for d in inst["dates"]]
    n = len(dates)
    day = {d: i for i, d in enumerate(inst["dates"])}
    fw = inst.get("fairness_weight", 10)
    weeks, months = {}, {}
    for i, d in enumerate(dates):
        weeks.setdefault(d.isocalendar()[:2], []).append(i)
        months.setdefault((d.year, d.month), []).append(i)
    weeks = list(weeks.values())
    months = list(months.values())

    units = inst["units"]
    unit_index = {}
    for k, u in enumerate(units):
        unknown_keys(u, UNIT_KEYS, f"units[{k}]")
        unit_index[u["id"]] = k
    teams = inst.get("teams", [])
    team_index = {}
    for k, t in enumerate(teams):
        unknown_keys(t, TEAM_KEYS, f"teams[{k}]")
        team_index[t["id"]] = k
    employees = inst["employees"]

    # ---- cells: constants first, then forced office, then variables ----
    fixed_code = {"office": O, "remote": R, "absent": A}
    cells = []
    for k, e in enumerate(employees):
        unknown_keys(e, EMPLOYEE_KEYS, f"employees[{k}]")
        row = [None] * n
        for d, f in e.get("fixed", {}).items():
            row[day[d]] = fixed_code[f]
        maxr = e["max_remote_per_week"]
        for days in weeks:
            fixed_r = sum(1 for i in days if row[i] == R)
            if maxr - fixed_r <= 0:
                for i in days:
                    if row[i] is None:
                        row[i] = O
        mino = e.get("min_office_per_month", 0)
        for days in months:
            non_absent = sum(1 for i in days if row[i] != A)
            need = min(mino, non_absent) - sum(1 for i in days if row[i] == O)
            free = sum(1 for i in days if row[i] is None)
            if need > 0 and need >= free:
                for i in days:
                    if row[i] is None:
                        row[i] = O
        cells.append(row)

    members = [[] for _ in teams]
    for k, e in enumerate(employees):
        t = e.get("team")
        if t is not None:
            members[team_index[t]].append(k)
    # Per team and week: the candidate dates that can still be anchor days.
    anchor_choices = []  # (team, [(date, [employee rows])...])
    m = Model()
    for t, team in enumerate(teams):
        anchor = team.get("anchor")
        if not anchor:
            continue
        rows = [cells[k] for k in members[t]]
        for days in weeks:
            if not any(r[i] != A for r in rows for i in days):
                continue
            cands = days
            if anchor != "any":
                hit = [i for i in days if dates[i].weekday() == WEEKDAYS.index(anchor)]
                if hit:
                    cands = hit
            valid = [i for i in cands
                     if any(r[i] != A for r in rows) and not any(r[i] == R for r in rows)]
            if not valid:
                m.false(f"team {team['id']}: no possible anchor date in the week of {dates[days[0]]}")
                continue
            if any(all(r[i] != None for r in rows) for i in valid):  # noqa: E711
                continue  # a valid date whose present members are all fixed office already
            if len(valid) == 1:
                i = valid[0]
                for r in rows:
                    if r[i] is None:
                        r[i] = O
                continue
            anchor_choices.append((t, valid, rows))

    # Variables for the free cells, employee by employee.
    free_total = sum(1 for row in cells for c in row if c is None)
    nxt = m.new_bools(free_total)
    for row in cells:
        for i in range(n):
            if row[i] is None:
                row[i] = nxt
                nxt += 1

    # ---- per employee: remote per week, office per month, unmet ----
    obj_vars, obj_coeffs, offset = [], [], 0
    unmet_rows = []  # (vars, coeffs, const, lo, hi)
    for k, e in enumerate(employees):
        row = cells[k]
        maxr = e["max_remote_per_week"]
        for days in weeks:
            vs = [row[i] for i in days if row[i] >= 0]
            cap = maxr - sum(1 for i in days if row[i] == R)
            if cap < 0:
                m.false(f"{e['id']}: more approved remote days than allowed in the week of {dates[days[0]]}")
            elif cap < len(vs):
                m.linear(vs, None, len(vs) - cap, len(vs))  # remote = len - Σx <= cap
        mino = e.get("min_office_per_month", 0)
        for days in months:
            non_absent = sum(1 for i in days if row[i] != A)
            need = min(mino, non_absent) - sum(1 for i in days if row[i] == O)
            vs = [row[i] for i in days if row[i] >= 0]
            if need > len(vs):
                m.false(f"{e['id']}: cannot reach the office minimum in {dates[days[0]]:%Y-%m}")
            elif need > 0 and vs:
                m.linear(vs, None, need, len(vs))
        const, vs, cs = 0, [], []
        for d, w in e.get("wishes", {}).items():
            c = row[day[d]]
            if w == 0 or c == A:
                continue
            if c >= 0:
                vs.append(c)
                cs.append(w)  # w>0: w·x ; w<0: |w|(1-x) = |w| + w·x
                if w < 0:
                    const += -w
            elif (c == O and w > 0) or (c == R and w < 0):
                const += abs(w)
        offset += const
        obj_vars += vs
        obj_coeffs += cs
        lo = const + sum(c for c in cs if c < 0)
        hi = const + sum(c for c in cs if c > 0)
        unmet_rows.append((vs, cs, const, lo, hi))

    # ---- per unit and date: seats + away share, coverage ----
    by_unit = [[] for _ in units]
    for k, e in enumerate(employees):
        by_unit[unit_index[e["unit"]]].append(k)
    for u, unit in enumerate(units):
        seats = expand(unit["seats"], n, f"{unit['id']}.seats")
        share = expand(unit.get("max_away_share", 1.0), n, f"{unit['id']}.max_away_share")
        cover = {s: expand(v, n, f"{unit['id']}.coverage.{s}")
                 for s, v in unit.get("coverage", {}).items()}
        skilled = {s: [k for k in by_unit[u] if s in employees[k].get("skills", ())] for s in cover}
        rows = [cells[k] for k in by_unit[u]]
        for i in range(n):
            vs = [r[i] for r in rows if r[i] >= 0]
            n_o = sum(1 for r in rows if r[i] == O)
            n_r = sum(1 for r in rows if r[i] == R)
            non_absent = len(vs) + n_o + n_r
            cap = math.floor(share[i] * non_absent + 1e-9)
            hi = seats[i] - n_o                      # office = n_o + Σx <= seats
            lo = len(vs) + n_r - cap                 # remote = n_r + len - Σx <= cap
            if lo > hi or hi < 0 or lo > len(vs):
                m.false(f"{unit['id']} on {dates[i]}: seats and away share cannot both hold")
            elif vs and (lo > 0 or hi < len(vs)):
                m.linear(vs, None, max(lo, 0), min(hi, len(vs)))
            for s, need in cover.items():
                svs = [cells[k][i] for k in skilled[s] if cells[k][i] >= 0]
                lo_s = need[i] - sum(1 for k in skilled[s] if cells[k][i] == O)
                if lo_s > len(svs):
                    m.false(f"{unit['id']} on {dates[i]}: not enough {s} to cover")
                elif lo_s > 0:
                    m.linear(svs, None, lo_s, len(svs))

    # ---- anchors ----
    for t, valid, rows in anchor_choices:
        ys = []
        for i in valid:
            y = m.new_bools(1)
            m.bool_and_if(y, [r[i] for r in rows if r[i] >= 0])
            ys.append(y)
        m.bool_or(ys)

    # ---- objective ----
    if fw > 0 and unmet_rows:
        lb = max(r[3] for r in unmet_rows)
        ub = max(r[4] for r in unmet_rows)
        mx = m.new_int(lb, ub)
        for vs, cs, const, lo, hi in unmet_rows:
            if hi > lb and vs:
                m.linear(vs + [mx], cs + [-1], -INF, -const)  # const + Σ w x - M <= 0
        obj_vars.append(mx)
        obj_coeffs.append(fw)
    obj = m.proto.objective
    obj.vars.extend(obj_vars)
    obj.coeffs.extend(obj_coeffs)
    obj.offset = float(offset)
    return m, cells, fw


def main(argv=None):
    args = parse_args(argv)
    with open(args.instance) as f:
        inst = json.load(f)
    m, cells, fw = build(inst)
    t_build = time.monotonic() - T0

    cp_model = m.cp_model
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = args.time_limit
    solver.parameters.num_workers = args.workers
    solver.parameters.random_seed = args.seed
    solver.parameters.log_search_progress = args.log
    if args.params:
        solver.parameters.merge_text_format(args.params)
    if args.log:
        solver.log_callback = lambda line: print(line, file=sys.stderr)
    t1 = time.monotonic()
    status = solver.solve(m.model)
    t_solve = time.monotonic() - t1
    name = solver.status_name(status)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)

    out = {"status": name, "objective": None, "bound": None}
    if found:
        out["objective"] = int(round(solver.objective_value))
        out["bound"] = int(math.ceil(solver.best_objective_bound - 1e-6))
        values = solver.response_proto.solution
        values = list(values)
        letters = {A: "A", O: "O", R: "R"}
        rows = []
        for e, row in zip(inst["employees"], cells):
            s = "".join(letters[c] if c < 0 else ("O" if values[c] else "R") for c in row)
            rows.append({"id": e["id"], "days": s})
        if args.out:
            with open(args.out, "w") as f:
                f.write('{"rows":[\n')
                f.write(",\n".join(json.dumps(r, separators=(",", ":")) for r in rows))
                f.write("\n]}\n")
    elif status == cp_model.UNKNOWN:
        # No roster yet; the lower bound may still be known.
        b = solver.best_objective_bound
        if math.isfinite(b):
            out["bound"] = int(math.ceil(b - 1e-6))
    out.update({
        "seconds": round(time.monotonic() - T0, 3),
        "employees": len(inst["employees"]),
        "build_seconds": round(t_build, 3),
        "solve_seconds": round(t_solve, 3),
        "variables": m.nvars,
        "constraints": m.nconstraints,
        "workers": args.workers,
        "time_limit": args.time_limit,
        **({"params": args.params} if args.params else {}),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    })
    if m.infeasible:
        out["infeasible_because"] = m.infeasible[:10]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
