#!/usr/bin/env python3
"""bench/planted.py — the planning engine on planted days (issue 30's targets).

A planted day (`omsorg plan-gen --planted`) comes with a complete plan of
known travel, so the engine's plan can be held against it: visits left out,
travel against the planted plan's, visits outside their team, visits by the
carer the citizen knows. Parts (PLANTED_PARTS, default all):

  days     1,000 visits per utilization and seed, PLANTED_TIME s (10), one
           thread, in variants (PLANTED_VARIANTS):
             plain        no teams, no preferences
             teams-prefs  fixed teams and preferred carers (the planted ones)
             double-sync  as teams-prefs with 5 % double-staffed visits and
                          2 % medicine synced after meals
  scale    4,500 visits (teams, preferences): seconds to the first complete
           plan (nothing left out) and peak memory, PLANTED_SCALE_TIME s (10)
  sick     500 visits (utilization 0.85, teams, preferences): the planted plan
           is the plan in force; the day carer with most visits from 10:00 is
           ill from 10:00; re-planned in PLANTED_SICK_TIME s (2)

Environment: BIN (the omsorg binary), PLANTED_UTILS ("0.80 0.85 0.90 0.95
0.97"), PLANTED_SEEDS ("1 2 ... 20"), PLANTED_OUT (bench/out/planted),
PLANTED_THREADS (1), PLANTED_ITERATIONS (when set, the days run this many
iterations instead of PLANTED_TIME: figures that do not depend on the
machine's load, for comparing two engines). Prints one line per run and a table per part; CSVs go
to PLANTED_OUT. Prints figures, never fails on them.
"""
import csv
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("BIN", os.path.join(ROOT, "build", "omsorg"))
OUT = os.environ.get("PLANTED_OUT", os.path.join(ROOT, "bench", "out", "planted"))
UTILS = os.environ.get("PLANTED_UTILS", "0.80 0.85 0.90 0.95 0.97").split()
SEEDS = os.environ.get("PLANTED_SEEDS", " ".join(str(i) for i in range(1, 21))).split()
PARTS = os.environ.get("PLANTED_PARTS", "days scale sick").split()
VARIANTS = os.environ.get("PLANTED_VARIANTS", "plain teams-prefs double-sync").split()
T = os.environ.get("PLANTED_TIME", "10")
THREADS = os.environ.get("PLANTED_THREADS", "1")
ITERS = os.environ.get("PLANTED_ITERATIONS", "")
SCALE_T = os.environ.get("PLANTED_SCALE_TIME", "10")
SICK_T = os.environ.get("PLANTED_SICK_TIME", "2")

VARIANT_ARGS = {
    "plain": [],
    "teams-prefs": ["--teams", "--preferences"],
    "double-sync": ["--teams", "--preferences", "--double", "0.05", "--sync", "0.02"],
}


def gen(visits, util, seed, extra, name):
    prob = os.path.join(OUT, name + ".json")
    planted = os.path.join(OUT, name + "-planted.json")
    subprocess.run([BIN, "plan-gen", "--planted", "--visits", str(visits), "--utilization", util,
                    "--seed", seed, *extra, "-o", prob, "--plan", planted],
                   check=True, stderr=subprocess.DEVNULL)
    return prob, planted


def check(prob, sol):
    r = subprocess.run([BIN, "plan-check", prob, sol], stdout=subprocess.PIPE, text=True)
    return "OK" if r.returncode == 0 else "FAIL"


def pairs_known(prob, sol):
    """Carer-visit pairs, and those by a carer in preferred_carers."""
    pref = {v["id"]: set(v.get("preferred_carers", [])) for v in prob["visits"]}
    n = known = 0
    for r in sol["routes"]:
        for s in r["stops"]:
            if "visit" in s:
                n += 1
                known += r["carer"] in pref[s["visit"]]
    return n, known


def solve(prob, sol, limit, iters=""):
    budget = ["--iterations", iters] if iters else ["--time-limit", limit]
    args = [BIN, "plan", *budget, "--threads", THREADS, prob, "-o", sol]
    return subprocess.run(args, stderr=subprocess.PIPE, text=True, check=True).stderr


def known_pct(known, pairs, variant):
    if "prefs" not in variant and variant != "double-sync":
        return "-"
    return "%.1f%%" % (100.0 * known / max(1, pairs))


def days():
    for variant in VARIANTS:
        path = os.path.join(OUT, "days-%s-%s.csv" % (variant, ITERS + "it" if ITERS else T + "s"))
        rows = []
        print("== planted days, %s: 1,000 visits, %s, %s thread(s), seeds %s..%s; load %s"
              % (variant, ITERS + " iterations" if ITERS else T + " s", THREADS, SEEDS[0],
                 SEEDS[-1], " ".join(open("/proc/loadavg").read().split()[:3])), flush=True)
        for util in UTILS:
            for seed in SEEDS:
                name = "day-%s-u%s-s%s" % (variant, util, seed)
                prob, planted = gen(1000, util, seed, VARIANT_ARGS[variant], name)
                sol = os.path.join(OUT, name + "-sol.json")
                solve(prob, sol, T, ITERS)
                P, S, Q = (json.load(open(f)) for f in (prob, sol, planted))
                n, known = pairs_known(P, S)
                row = {"util": util, "seed": seed, "carers": len(P["carers"]),
                       "planted_travel": round(Q["summary"]["travel"], 2),
                       "travel": round(S["summary"]["travel"], 2),
                       "unassigned": S["summary"]["unassigned"],
                       "team_mismatch": S["summary"]["team_mismatch"],
                       "pairs": n, "known": known, "check": check(prob, sol),
                       "iterations": S["solver"]["iterations"]}
                rows.append(row)
                print("%-11s u %s seed %-3s unassigned %3d  travel %8.2f (planted %8.2f, %+6.1f %%)"
                      "  outside team %3d  known carer %s  %s  (%d iterations)" % (
                          variant, util, seed, row["unassigned"], row["travel"],
                          row["planted_travel"], 100 * (row["travel"] / row["planted_travel"] - 1),
                          row["team_mismatch"], known_pct(known, n, variant), row["check"],
                          row["iterations"]), flush=True)
        with open(path, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        print("%-11s %5s %5s %11s %8s %8s %12s %13s %12s %6s" % (
            "variant", "util", "runs", "all planned", "max out", "mean out", "travel/plant",
            "travel<=plant", "outside team", "known"))
        for util in UTILS:
            rs = [r for r in rows if r["util"] == util]
            print("%-11s %5s %5d %11d %8d %8.2f %+11.2f%% %13d %12d %6s  checks %s" % (
                variant, util, len(rs), sum(r["unassigned"] == 0 for r in rs),
                max(r["unassigned"] for r in rs), sum(r["unassigned"] for r in rs) / len(rs),
                100 * (sum(r["travel"] / r["planted_travel"] for r in rs) / len(rs) - 1),
                sum(r["travel"] <= r["planted_travel"] + 1e-6 for r in rs),
                sum(r["team_mismatch"] for r in rs),
                known_pct(sum(r["known"] for r in rs), sum(r["pairs"] for r in rs), variant),
                "all OK" if all(r["check"] == "OK" for r in rs) else "FAILED"), flush=True)


def first_complete(log):
    """Seconds of the first progress line with nothing left out."""
    for line in log.splitlines():
        m = re.match(r"\s*([0-9.]+) s .* unassigned (\d+)", line)
        if m and int(m.group(2)) == 0:
            return float(m.group(1))
    return None


def scale():
    print("== planted scale day: 4,500 visits, teams and preferences, %s s" % SCALE_T, flush=True)
    for util in UTILS:
        seed = SEEDS[0]
        name = "scale-u%s-s%s" % (util, seed)
        prob, planted = gen(4500, util, seed, ["--teams", "--preferences"], name)
        sol = os.path.join(OUT, name + "-sol.json")
        r = subprocess.run(["/usr/bin/time", "-v", BIN, "plan", "--progress", "--time-limit",
                            SCALE_T, prob, "-o", sol], stderr=subprocess.PIPE, text=True, check=True)
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
        first = first_complete(r.stderr)
        S, Q = json.load(open(sol)), json.load(open(planted))
        print("scale u %s seed %s: first complete plan %s; peak memory %s MiB; after %s s "
              "unassigned %d, travel %.2f (planted %.2f); check %s" % (
                  util, seed, "after %.3f s" % first if first is not None else "never",
                  int(rss.group(1)) // 1024 if rss else "?", SCALE_T, S["summary"]["unassigned"],
                  S["summary"]["travel"], Q["summary"]["travel"], check(prob, sol)), flush=True)


def sick():
    print("== sick call at 10:00: 500 visits (utilization 0.85, teams, preferences), %s s"
          % SICK_T, flush=True)
    tot_kept = tot_other = tot_out = 0
    for seed in SEEDS[:5]:
        name = "sick-s%s" % seed
        prob, planted = gen(500, "0.85", seed, ["--teams", "--preferences"], name)
        P, Q = json.load(open(prob)), json.load(open(planted))
        vis = {v["id"]: v for v in P["visits"]}
        by = {}
        start = {}
        for r in Q["routes"]:
            for s in r["stops"]:
                if "visit" in s:
                    by.setdefault(s["visit"], []).append(r["carer"])
                    start[s["visit"]] = s["start"]
        # the day carer (not a nurse) with most visits from 10:00
        later = {}
        for v, cs in by.items():
            if start[v] >= 600:
                for c in cs:
                    later[c] = later.get(c, 0) + 1
        day = [c for c in P["carers"] if c["shift"][0] == 420 and "sygepleje" not in c["skills"]]
        ill = max(day, key=lambda c: (later.get(c["id"], 0), c["id"]))["id"]
        # as the app does: visits begun before 10:00 are done (pinned to their
        # minute, their carers kept); the ill carer's shift ends at 10:00 or
        # 15 minutes after a visit in progress; every visit keeps its carers
        # as `assigned`; moving one costs 100
        end = 600.0
        for v, cs in by.items():
            if ill in cs and start[v] < 600:
                end = max(end, start[v] + vis[v]["duration"] + 15)
        for c in P["carers"]:
            if c["id"] == ill:
                c["shift"][1] = end
                if end - c["shift"][0] < 360:
                    c.pop("breaks", None)
        for v in P["visits"]:
            v["assigned"] = by[v["id"]]
            if start[v["id"]] < 600:
                s = start[v["id"]]
                v["windows"] = [[s - 1, s + 1]]
        P["weights"]["changed"] = 100
        re_prob = os.path.join(OUT, name + "-replan.json")
        json.dump(P, open(re_prob, "w"))
        sol = os.path.join(OUT, name + "-replan-sol.json")
        t0 = time.time()
        solve(re_prob, sol, SICK_T)
        wall = time.time() - t0
        S = json.load(open(sol))
        now = {}
        for r in S["routes"]:
            for s in r["stops"]:
                if "visit" in s:
                    now.setdefault(s["visit"], set()).add(r["carer"])
        other = [(v, c) for v, cs in by.items() for c in cs if c != ill and start[v] >= 600]
        kept = sum(c in now.get(v, ()) for v, c in other)
        mine = [v for v, cs in by.items() if ill in cs and start[v] >= 600]
        tot_kept += kept
        tot_other += len(other)
        tot_out += S["summary"]["unassigned"]
        print("sick seed %s: %s ill with %d visits from 10:00; %.2f s wall; other carers' visits "
              "from 10:00 keeping their carer %d of %d (%.1f %%); unassigned %d; check %s" % (
                  seed, ill, len(mine), wall, kept, len(other), 100.0 * kept / max(1, len(other)),
                  S["summary"]["unassigned"], check(re_prob, sol)), flush=True)
    print("sick: kept %d of %d (%.1f %%), unassigned %d in all" % (
        tot_kept, tot_other, 100.0 * tot_kept / max(1, tot_other), tot_out), flush=True)


def main():
    if not os.access(BIN, os.X_OK):
        sys.exit("bench: %s missing; run make first" % BIN)
    os.makedirs(OUT, exist_ok=True)
    for part in PARTS:
        {"days": days, "scale": scale, "sick": sick}[part]()


if __name__ == "__main__":
    main()
