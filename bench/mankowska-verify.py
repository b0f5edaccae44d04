#!/usr/bin/env python3
"""mankowska-verify.py — check a plan against the original Mankowska et al.
(2014) model, read straight from the benchmark's JSON instance. It shares
nothing with the engine (not even its reader), so a modelling slip in
src/plan/read-mankowska.c cannot hide here.

    python3 bench/mankowska-verify.py INSTANCE.json SOLUTION.json

SOLUTION is an omsorg-plan-solution/1 file (stops named "p12" or
"p12:s3") or a solution of Ceschia et al. 2024 (routes of caregiver_id and
locations). Prints distance, total and maximum tardiness and the cost
(their sum / 3); exits 1 on any violation.

The model: every caregiver leaves the central office at time 0 and comes
back; travel time equals distance; a service starts no earlier than the
patient's window opens (waiting is allowed) and is late by how far it
starts after the window closes; each required service is done once by a
caregiver with that ability; the two services of a patient are done by
different caregivers, at the same start ("simultaneous") or the second
between dmin and dmax after the first ("sequential").
"""
import json
import sys

EPS = 1e-3


def stops_of(sol, inst):
    """(caregiver, [(patient, service, start)]) per route."""
    by_id = {p["id"]: p for p in inst["patients"]}
    out = []
    if "global_ordering" in sol:  # Ceschia et al. 2024
        for r in sol["routes"]:
            out.append((r["caregiver_id"],
                        [(x["patient"], x["service"], x["arrival_time"]) for x in r.get("locations", [])]))
        return out
    for r in sol["routes"]:
        seq = []
        for s in r["stops"]:
            pid, _, svc = s["visit"].partition(":")
            if not svc:
                req = by_id[pid]["required_caregivers"]
                if len(req) != 1:
                    raise SystemExit("stop %s: patient needs %d services" % (s["visit"], len(req)))
                svc = req[0]["service"]
            seq.append((pid, svc, s["start"]))
        out.append((r["carer"], seq))
    return out


def main():
    inst = json.load(open(sys.argv[1]))
    sol = json.load(open(sys.argv[2]))
    pts = inst["patients"]
    idx = {p["id"]: i + 1 for i, p in enumerate(pts)}  # 0 is the central office
    by_id = {p["id"]: p for p in pts}
    abil = {c["id"]: set(c["abilities"]) for c in inst["caregivers"]}
    D = inst["distances"]
    errors = []
    done = {}  # (patient, service) -> (caregiver, start)
    dist = tard = maxt = 0.0
    seen = set()
    for cg, seq in stops_of(sol, inst):
        if cg not in abil:
            errors.append("unknown caregiver %s" % cg)
            continue
        if cg in seen and seq:
            errors.append("caregiver %s has two routes" % cg)
        if seq:
            seen.add(cg)
        t, here = 0.0, 0
        for pid, svc, start in seq:
            p = by_id.get(pid)
            req = [q for q in (p or {}).get("required_caregivers", []) if q["service"] == svc]
            if not p or not req:
                errors.append("%s: %s:%s is not a required service" % (cg, pid, svc))
                continue
            if svc not in abil[cg]:
                errors.append("%s cannot do %s for %s" % (cg, svc, pid))
            if (pid, svc) in done:
                errors.append("%s:%s served twice" % (pid, svc))
            here_next = idx[pid]
            dist += D[here][here_next]
            arrive = t + D[here][here_next]
            e, l = p["time_window"]
            if start < arrive - EPS or start < e - EPS:
                errors.append("%s: %s:%s starts at %.3f, before arrival %.3f or window %.3f"
                              % (cg, pid, svc, start, arrive, e))
            late = max(0.0, start - l)
            tard += late
            maxt = max(maxt, late)
            done[(pid, svc)] = (cg, start)
            t, here = start + req[0]["duration"], here_next
        dist += D[here][0]
    for p in pts:
        req = p["required_caregivers"]
        got = [done.get((p["id"], q["service"])) for q in req]
        if any(g is None for g in got):
            errors.append("%s: a service is not done" % p["id"])
            continue
        if len(req) == 2:
            (c1, s1), (c2, s2) = got
            if c1 == c2:
                errors.append("%s: both services by %s" % (p["id"], c1))
            sync = p.get("synchronization", {})
            if sync.get("type") == "simultaneous" and abs(s1 - s2) > EPS:
                errors.append("%s: simultaneous services start %.3f and %.3f" % (p["id"], s1, s2))
            if sync.get("type") == "sequential":
                lo, hi = sync["distance"]
                if not (lo - EPS <= s2 - s1 <= hi + EPS):
                    errors.append("%s: second service %.3f after the first, not in [%s, %s]"
                                  % (p["id"], s2 - s1, lo, hi))
    print("distance %.3f  total tardiness %.3f  max tardiness %.3f  cost %.3f"
          % (dist, tard, maxt, (dist + tard + maxt) / 3))
    for e in errors[:20]:
        print("violation:", e)
    if errors:
        print("%d violation(s)" % len(errors))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
