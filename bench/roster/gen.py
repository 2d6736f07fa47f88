#!/usr/bin/env python3
"""Seeded generator of realistic hybrid-roster instances (the format of bench/roster/README.md).

    python3 bench/roster/gen.py --employees 1000 --seed 1 --start 2026-03-02 --weeks 4 \
        [--holidays 2026-03-19] [--witness witness.json] > inst.json

Python 3.11 standard library only; the same arguments give byte-identical output.

The instance is feasible by construction: the generator builds a *witness* roster that meets
every hard constraint except `seats` (it sends as many people home as the weekly and monthly
limits, the away share, coverage and the team anchors allow, spread evenly over the days), and
then sets each unit's seats to at least the witness's office head-count on each day. Seats are
drawn at 50–80 % of head-count, so in units where that draw is below what the policy limits
force into the office the seats equal the witness plus a small slack: tight. `--witness FILE`
writes that roster (useful to test validators).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import sys

UNIT_KINDS = [
    "Sekretariat", "Bidang Pelayanan", "Bidang Perencanaan", "Bidang Keuangan",
    "Bidang Pengaduan", "Bidang Perizinan", "Bidang Kepegawaian", "Bidang Data dan Informasi",
    "UPT Pelayanan", "Seksi Umum", "Seksi Pendaftaran", "Bidang Pengawasan",
]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# Probability of a wish on a weekday (before the person's own factor): Mondays and Fridays are
# the days people want to work from home.
WISH_P = [0.45, 0.12, 0.10, 0.12, 0.50, 0.0, 0.0]


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--employees", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2026, 3, 2))
    p.add_argument("--weeks", type=int, default=4)
    p.add_argument("--holidays", default="",
                   help="comma-separated dates that are not working days (e.g. 2026-03-19, Nyepi)")
    p.add_argument("--fairness-weight", type=int, default=10)
    p.add_argument("--seat-slack", type=float, default=0.025,
                   help="seats above the witness: up to this share of the unit (tightness)")
    p.add_argument("--witness", help="also write the feasible witness roster to this file")
    return p.parse_args(argv)


def unit_sizes(rng: random.Random, n: int) -> list[int]:
    """Unit sizes between 20 and 200 (log-uniform) that add up to n. A total under 40 is one
    unit; a total up to 200 is one unit or two."""
    sizes = []
    rest = n
    while rest > 0:
        if rest <= 200:
            if rest >= 40 and rng.random() < 0.5:
                a = rng.randint(20, rest - 20)
                sizes += [a, rest - a]
            else:
                sizes.append(rest)
            break
        s = int(round(math.exp(rng.uniform(math.log(20), math.log(200)))))
        if rest - s < 20:
            s = rest - 20
        sizes.append(s)
        rest -= s
    return sizes


def per_day(values):
    """A PerDay value: one number when all days agree, else one per date."""
    return values[0] if all(v == values[0] for v in values) else list(values)


class Person:
    __slots__ = ("idx", "id", "unit", "team", "skills", "max_remote", "min_office",
                 "fixed", "wishes")

    def __init__(self, idx, pid, unit):
        self.idx = idx
        self.id = pid
        self.unit = unit
        self.team = None
        self.skills = []
        self.max_remote = 2
        self.min_office = 10
        self.fixed = {}   # day index -> "office" | "remote" | "absent"
        self.wishes = {}  # day index -> weight


def generate(args):
    rng = random.Random(args.seed)
    holidays = {dt.date.fromisoformat(h) for h in args.holidays.split(",") if h.strip()}
    dates = []
    for i in range(args.weeks * 7):
        d = args.start + dt.timedelta(days=i)
        if d.weekday() < 5 and d not in holidays:
            dates.append(d)
    if not dates:
        sys.exit("no working dates in the horizon")
    ndays = len(dates)
    week_of = [d.isocalendar()[:2] for d in dates]
    month_of = [(d.year, d.month) for d in dates]
    weeks = {}
    for i, w in enumerate(week_of):
        weeks.setdefault(w, []).append(i)
    weeks = list(weeks.values())
    months = {}
    for i, m in enumerate(month_of):
        months.setdefault(m, []).append(i)
    months = list(months.values())
    week_idx = [0] * ndays
    for k, days in enumerate(weeks):
        for i in days:
            week_idx[i] = k
    month_idx = [0] * ndays
    for k, days in enumerate(months):
        for i in days:
            month_idx[i] = k

    sizes = unit_sizes(rng, args.employees) if args.employees > 0 else []
    width = max(5, len(str(args.employees)))
    units_out, teams_out, people = [], [], []
    witness_rows = []
    next_person = 0
    next_team = 0

    for u, size in enumerate(sizes):
        uid = f"u{u + 1:04d}"
        kind = UNIT_KINDS[rng.randrange(len(UNIT_KINDS))]
        # Units serving the public need front-desk coverage; the first always does, so that
        # even the smallest instance exercises it.
        public = u == 0 or rng.random() < 0.4
        members = []
        for _ in range(size):
            p = Person(next_person, f"e{next_person + 1:0{width}d}", u)
            next_person += 1
            r = rng.random()
            p.max_remote = 0 if r < 0.15 else 1 if r < 0.30 else 2
            p.min_office = rng.randint(8, 12) if rng.random() < 0.9 else rng.randint(4, 6)
            if rng.random() < (0.20 if public else 0.05):
                p.skills.append("loket")
            if rng.random() < (0.12 if public else 0.08):
                p.skills.append("verifikator")
            members.append(p)

        # Front-desk coverage, scaled with size; enough skilled people to staff it.
        coverage_base = {}
        if public:
            coverage_base["loket"] = 1 + (size >= 70) + (size >= 140)
            if rng.random() < 0.6:
                coverage_base["verifikator"] = 1 + (size >= 120)
        for skill, need in coverage_base.items():
            have = [p for p in members if skill in p.skills]
            want = need + 2
            others = [p for p in members if skill not in p.skills]
            rng.shuffle(others)
            for p in others[: max(0, want - len(have))]:
                p.skills.append(skill)
        for p in members:
            p.skills.sort()

        # Teams of 5–12 covering about 80 % of the unit.
        order = members[:]
        rng.shuffle(order)
        target = int(0.8 * size)
        pos = 0
        unit_teams = []  # (team dict, members, anchor)
        while target - pos >= 5:
            k = min(rng.randint(5, 12), target - pos)
            if k < 5:
                break
            r = rng.random()
            if r < 0.40:
                anchor = "any"
            elif r < 0.75:
                anchor = rng.choices(WEEKDAYS[:5], weights=[1, 3, 3, 3, 1])[0]
            else:
                anchor = None
            tid = f"t{next_team + 1:05d}"
            next_team += 1
            team = {"id": tid, "unit": uid}
            if anchor:
                team["anchor"] = anchor
            tm = order[pos:pos + k]
            for p in tm:
                p.team = tid
            unit_teams.append((team, tm, anchor))
            pos += k

        # Leave (runs of 1–3 dates, ~5 % of dates), training (a few people, 2–3 dates),
        # approved plans (~2 % of the remaining dates), wishes.
        for p in members:
            i = 0
            while i < ndays:
                if rng.random() < 0.025:
                    for j in range(i, min(ndays, i + rng.randint(1, 3))):
                        p.fixed[j] = "absent"
                    i += 3
                else:
                    i += 1
            if rng.random() < 0.04 and ndays >= 3:
                k = rng.randint(2, 3)
                s = rng.randrange(0, ndays - k + 1)
                for j in range(s, s + k):
                    p.fixed[j] = "absent"
            fixed_remote_week = [0] * len(weeks)
            for j in range(ndays):
                if j in p.fixed or rng.random() >= 0.02:
                    continue
                w = week_idx[j]
                if p.max_remote > fixed_remote_week[w] and rng.random() < 0.6:
                    p.fixed[j] = "remote"
                    fixed_remote_week[w] += 1
                else:
                    p.fixed[j] = "office"
            if p.max_remote > 0:
                eager = rng.uniform(0.2, 1.6)
                for j in range(ndays):
                    if p.fixed.get(j) == "absent":
                        continue
                    if rng.random() < WISH_P[dates[j].weekday()] * eager:
                        w = rng.choice((1, 1, 1, 2, 2, 3))
                        p.wishes[j] = -w if rng.random() < 0.05 else w

        # Away share: 0.4–0.6, on some units lower on Fridays.
        share = round(rng.uniform(0.4, 0.6), 2)
        shares = [share] * ndays
        if rng.random() < 0.2:
            shares = [round(max(0.4, share - 0.1), 2) if d.weekday() == 4 else share
                      for d in dates]

        # --- make the hard constraints satisfiable, then build the witness ---
        # Monthly office minimum: fixed remote days must leave enough office days.
        for p in members:
            for days in months:
                non_absent = [j for j in days if p.fixed.get(j) != "absent"]
                budget = len(non_absent) - min(p.min_office, len(non_absent))
                fixed_remote = [j for j in non_absent if p.fixed.get(j) == "remote"]
                for j in fixed_remote[max(budget, 0):]:
                    del p.fixed[j]
        # Away share on a day: fixed remote must fit.
        for j in range(ndays):
            non_absent = [p for p in members if p.fixed.get(j) != "absent"]
            cap = math.floor(shares[j] * len(non_absent) + 1e-9)
            remote = [p for p in non_absent if p.fixed.get(j) == "remote"]
            for p in remote[cap:]:
                del p.fixed[j]
        # Team anchors: each week that needs one gets a date on which no member is on an
        # approved remote day and some member is present; the witness puts the team there.
        pinned = {}  # (person idx, day) -> True: the witness keeps them in the office
        for team, tm, anchor in unit_teams:
            if not anchor:
                continue
            fixed_day = WEEKDAYS.index(anchor) if anchor != "any" else None
            for days in weeks:
                if all(p.fixed.get(j) == "absent" for p in tm for j in days):
                    continue
                cands = days
                if fixed_day is not None:
                    hit = [j for j in days if dates[j].weekday() == fixed_day]
                    if hit:
                        cands = hit

                def ok(j):
                    return (any(p.fixed.get(j) != "absent" for p in tm)
                            and not any(p.fixed.get(j) == "remote" for p in tm))

                valid = [j for j in cands if ok(j)]
                if not valid:
                    j = cands[0] if len(cands) == 1 else rng.choice(cands)
                    for p in tm:
                        if p.fixed.get(j) == "remote":
                            del p.fixed[j]
                    if all(p.fixed.get(j) == "absent" for p in tm):
                        del tm[0].fixed[j]
                    valid = [j]
                mid = [j for j in valid if dates[j].weekday() in (1, 2, 3)]
                j = rng.choice(mid or valid)
                for p in tm:
                    if p.fixed.get(j) is None:
                        pinned[(p.idx, j)] = True
        # Coverage per day, capped by the skilled people who can be in the office that day.
        coverage = {}
        busy_monday = rng.random() < 0.3
        for skill, base in coverage_base.items():
            need = []
            for j in range(ndays):
                n = base + (1 if busy_monday and skill == "loket" and dates[j].weekday() == 0 else 0)
                avail = sum(1 for p in members if skill in p.skills
                            and p.fixed.get(j) not in ("absent", "remote"))
                need.append(min(n, avail))
            coverage[skill] = need

        # Witness: everyone in the office except absences and approved remote days, then
        # remote days handed out round-robin to the least-remote day of each person's week.
        cell = {p.idx: ["O"] * ndays for p in members}
        remote_count = [0] * ndays
        non_absent = [0] * ndays
        office_skill = {s: [0] * ndays for s in coverage}
        for p in members:
            row = cell[p.idx]
            for j in range(ndays):
                f = p.fixed.get(j)
                if f == "absent":
                    row[j] = "A"
                    continue
                non_absent[j] += 1
                if f == "remote":
                    row[j] = "R"
                    remote_count[j] += 1
                else:
                    for s in p.skills:
                        if s in office_skill:
                            office_skill[s][j] += 1
        away_cap = [math.floor(shares[j] * non_absent[j] + 1e-9) for j in range(ndays)]
        low_day = rng.randrange(ndays) if rng.random() < 0.25 else None
        bonus = [0.0] * ndays
        if low_day is not None:
            bonus[low_day] = 0.1 * size
        week_left = {}
        month_left = {}
        for p in members:
            for k, days in enumerate(weeks):
                week_left[(p.idx, k)] = p.max_remote - sum(1 for j in days if p.fixed.get(j) == "remote")
            for k, days in enumerate(months):
                na = [j for j in days if p.fixed.get(j) != "absent"]
                month_left[(p.idx, k)] = (len(na) - min(p.min_office, len(na))
                                          - sum(1 for j in na if p.fixed.get(j) == "remote"))
        for _round in range(max((p.max_remote for p in members), default=0)):
            order = members[:]
            rng.shuffle(order)
            for p in order:
                row = cell[p.idx]
                cov_skills = [s for s in p.skills if s in office_skill]
                for k, days in enumerate(weeks):
                    if week_left[(p.idx, k)] <= 0:
                        continue
                    best, best_key = None, None
                    for j in days:
                        if (row[j] != "O" or j in p.fixed or (p.idx, j) in pinned
                                or remote_count[j] >= away_cap[j]
                                or month_left[(p.idx, month_idx[j])] <= 0
                                or any(office_skill[s][j] - 1 < coverage[s][j] for s in cov_skills)):
                            continue
                        key = (remote_count[j] - bonus[j], rng.random())
                        if best_key is None or key < best_key:
                            best, best_key = j, key
                    if best is None:
                        continue
                    row[best] = "R"
                    remote_count[best] += 1
                    week_left[(p.idx, k)] -= 1
                    month_left[(p.idx, month_idx[best])] -= 1
                    for s in cov_skills:
                        office_skill[s][best] -= 1

        # Seats: 50–80 % of head-count, never below the witness plus a small slack; the low
        # day (a meeting-room day, a renovation) gets only the witness plus slack.
        office = [sum(1 for p in members if cell[p.idx][j] == "O") for j in range(ndays)]
        frac = rng.uniform(0.5, 0.8)
        seats = []
        for j in range(ndays):
            slack = rng.randint(0, max(1, int(size * args.seat_slack)))
            floor_seats = 0 if j == low_day else int(frac * size)
            seats.append(min(size, max(floor_seats, office[j] + slack)))

        unit = {"id": uid, "name": f"{kind} {u + 1}", "seats": per_day(seats)}
        if coverage:
            unit["coverage"] = {s: per_day(v) for s, v in sorted(coverage.items())}
        unit["max_away_share"] = per_day(shares)
        units_out.append(unit)
        teams_out += [t for t, _, _ in unit_teams]
        people += members
        witness_rows += [{"id": p.id, "days": "".join(cell[p.idx])} for p in members]

    def emp(p):
        e = {"id": p.id, "unit": units_out[p.unit]["id"]}
        if p.team:
            e["team"] = p.team
        if p.skills:
            e["skills"] = p.skills
        e["max_remote_per_week"] = p.max_remote
        e["min_office_per_month"] = p.min_office
        if p.fixed:
            e["fixed"] = {dates[j].isoformat(): p.fixed[j] for j in sorted(p.fixed)}
        if p.wishes:
            e["wishes"] = {dates[j].isoformat(): p.wishes[j] for j in sorted(p.wishes)}
        return e

    head = {
        "name": f"Generated: {args.employees} employees, seed {args.seed}, "
                f"{dates[0].isoformat()} .. {dates[-1].isoformat()}",
        "dates": [d.isoformat() for d in dates],
        "fairness_weight": args.fairness_weight,
        "skills": ["loket", "verifikator"],
    }
    return head, units_out, teams_out, [emp(p) for p in people], witness_rows


def dump(head, units, teams, employees, out):
    """JSON with one unit, team or employee per line: compact, yet diffable and greppable."""
    c = dict(separators=(",", ":"), ensure_ascii=False)
    out.write("{\n")
    for k, v in head.items():
        out.write(f"{json.dumps(k)}:{json.dumps(v, **c)},\n")
    for key, items, last in (("units", units, False), ("teams", teams, False),
                             ("employees", employees, True)):
        out.write(f'"{key}":[\n')
        out.write(",\n".join(json.dumps(x, **c) for x in items))
        out.write("\n]" + ("" if last else ",") + "\n")
    out.write("}\n")


def main(argv=None):
    args = parse_args(argv)
    head, units, teams, employees, witness = generate(args)
    dump(head, units, teams, employees, sys.stdout)
    if args.witness:
        with open(args.witness, "w") as f:
            f.write('{"rows":[\n')
            f.write(",\n".join(json.dumps(r, separators=(",", ":")) for r in witness))
            f.write("\n]}\n")


if __name__ == "__main__":
    main()
