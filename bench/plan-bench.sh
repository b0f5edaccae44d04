#!/bin/sh
# plan-bench.sh — Solomon (56), Mankowska (70), a Herlev-scale day and a
# re-planning scenario; prints gaps to the best-known results.
# See bench/run.sh for the environment variables.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
BIN="$root/$BUILD/omsorg"
BENCH=${OMSORG_BENCH:-$root/../shared/bench}
T=${PLAN_TIME:-2}
SETS=${PLAN_SETS:-"solomon mankowska scale replan"}
SCALE_TIME=${PLAN_SCALE_TIME:-60}
SEEDS=${PLAN_SEEDS:-1}
OUT=${PLAN_OUT:-"$root/bench/out"}
mkdir -p "$OUT"
[ -x "$BIN" ] || { echo "bench: $BIN missing; run make first" >&2; exit 1; }

# solution files: sol-NAME.json with one seed, sol-NAME-sSEED.json with several
suffix() {
    case $SEEDS in *" "*) echo "-s$1" ;; esac
}

summary() { # summary FILE KEY
    python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['summary'][sys.argv[2]])" "$1" "$2"
}

# The public sets are not in the repository (tests/data holds the few the
# tests use): the parts that need a missing one are skipped, said in one line.
run= skipped=
for set in $SETS; do
    case $set in
    solomon) dir=solomon ;;
    mankowska) dir=mankowska2014 ;;
    *) dir= ;;
    esac
    if [ -n "$dir" ] && [ ! -d "$BENCH/$dir" ]; then skipped="$skipped $set"; else run="$run $set"; fi
done
[ -z "$skipped" ] ||
    echo "bench: skipped$skipped: no public sets at $BENCH (set OMSORG_BENCH to the folder holding solomon/ and mankowska2014/)"
SETS=$run

for set in $SETS; do
case $set in
solomon)
    echo "== Solomon VRPTW, 56 instances, ${T} s each (hierarchical: vehicles, then distance)"
    csv="$OUT/solomon-${T}s.csv"
    echo "instance,nv,td,bks_nv,bks_td,gap_td_pct,check,seed" > "$csv"
    for f in "$BENCH"/solomon/txt/${PLAN_ONLY:-*}.txt; do
        i=$(basename "$f" .txt)
        b=$(grep "^$i," "$BENCH/solomon/solomon_bks.csv" | cut -d, -f3,4)
        bn=${b%,*}; bt=${b#*,}
        for seed in $SEEDS; do
            sol="$OUT/sol-$i$(suffix "$seed").json"
            "$BIN" plan --time-limit "$T" --seed "$seed" "$f" -o "$sol"
            ok=OK; "$BIN" plan-check "$f" "$sol" > /dev/null || ok=FAIL
            nv=$(summary "$sol" carers_used); td=$(summary "$sol" travel)
            gap=$(python3 -c "print('%.2f' % (100*($td/$bt-1)))")
            echo "$i,$nv,$td,$bn,$bt,$gap,$ok,$seed" >> "$csv"
            printf '%-6s seed %-3s nv %3s (bks %3s)  td %9.2f (bks %9.2f)  gap %6s %%  %s\n' "$i" "$seed" "$nv" "$bn" "$td" "$bt" "$gap" "$ok"
        done
    done
    python3 - "$csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
seeds = sorted({r['seed'] for r in rows}, key=int)
def gap(rs):
    return sum(float(r['gap_td_pct']) for r in rs) / max(1, len(rs))
def line(rs, label):
    same = [r for r in rs if int(r['nv']) == int(r['bks_nv'])]
    print("%s: %d instances, %d checked OK; vehicles %d (bks %d); same vehicles on %d; "
          "mean distance gap on those %.2f %%; mean distance gap on all %.2f %%" % (
          label, len(rs), sum(r['check'] == 'OK' for r in rs), sum(int(r['nv']) for r in rs),
          sum(int(r['bks_nv']) for r in rs), len(same), gap(same), gap(rs)))
    return gap(same), len(same)
if len(seeds) == 1:
    line(rows, "Solomon")
else:
    # one line per seed, then the spread of the per-seed figures
    per = [line([r for r in rows if r['seed'] == s], "Solomon, seed %s" % s) for s in seeds]
    g = [x[0] for x in per]; n = [x[1] for x in per]
    print("Solomon over %d seeds: same-vehicle gap mean %.2f %% (seeds %.2f .. %.2f), "
          "same vehicles %.1f (%d .. %d)" % (len(seeds), sum(g) / len(g), min(g), max(g),
          sum(n) / len(n), min(n), max(n)))
PY
    ;;
mankowska)
    echo "== Mankowska et al. (2014) home care, 70 instances, ${T} s each (cost = (dist + tard + max tard) / 3)"
    csv="$OUT/mankowska-${T}s.csv"
    echo "instance,file,cost,bks,gap_pct,check,seed" > "$csv"
    python3 -c "
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    print(r['instance'], r['file'], r['bks_min_ub'])" "$BENCH/mankowska2014/mankowska_bks.csv" |
    grep -E "^${PLAN_MK_ONLY:-.}" | while read -r inst file bks; do
        j="$BENCH/mankowska2014/json/${file%.txt}.json"
        for seed in $SEEDS; do
            sol="$OUT/sol-$inst$(suffix "$seed").json"
            "$BIN" plan --time-limit "$T" --seed "$seed" "$j" -o "$sol"
            # both the project's checker and the independent one on the original model
            ok=OK; "$BIN" plan-check "$j" "$sol" > /dev/null || ok=FAIL
            python3 "$root/bench/mankowska-verify.py" "$j" "$sol" > /dev/null || ok=FAIL
            c=$(summary "$sol" cost)
            gap=$(python3 -c "print('%.2f' % (100*($c/$bks-1)))")
            echo "$inst,$file,$c,$bks,$gap,$ok,$seed" >> "$csv"
            printf '%-4s seed %-3s cost %9.2f (bks %9.2f)  gap %7s %%  %s\n' "$inst" "$seed" "$c" "$bks" "$gap" "$ok"
        done
    done
    python3 - "$csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
seeds = sorted({r['seed'] for r in rows}, key=int)
def mean(rs):
    return sum(float(x['gap_pct']) for x in rs) / max(1, len(rs))
def spread(rs):
    # the mean of each seed's runs, lowest .. highest, when there are several
    if len(seeds) == 1:
        return ""
    m = [mean([x for x in rs if x['seed'] == s]) for s in seeds]
    return " (seeds %.2f .. %.2f)" % (min(m), max(m))
for s in "ABCDEFG":
    r = [x for x in rows if x['instance'][0] == s]
    if r:
        print("set %s: mean gap %.2f %%%s" % (s, mean(r), spread(r)))
print("Mankowska: %d runs (%d seed%s), %d checked OK, mean gap %.2f %%%s" % (
    len(rows), len(seeds), "" if len(seeds) == 1 else "s", sum(r['check'] == 'OK' for r in rows),
    mean(rows), spread(rows)))
PY
    ;;
scale)
    echo "== Scale: Herlev-shaped day, 4500 visits, 500 carers, ${SCALE_TIME} s"
    "$BIN" plan-gen --visits 4500 --carers 500 --seed 1 -o "$OUT/day-4500.json"
    /usr/bin/time -v "$BIN" plan --progress --time-limit "$SCALE_TIME" "$OUT/day-4500.json" \
        -o "$OUT/sol-day-4500.json" 2> "$OUT/scale.log"
    ok=OK; "$BIN" plan-check "$OUT/day-4500.json" "$OUT/sol-day-4500.json" > "$OUT/scale-check.txt" || ok=FAIL
    first=$(grep "first plan after" "$OUT/scale.log" | sed 's/first plan after \([0-9.]*\) s.*/\1/')
    rss=$(grep "Maximum resident" "$OUT/scale.log" | awk '{print $NF}')
    echo "first feasible plan after $first s; final cost $(summary "$OUT/sol-day-4500.json" cost)," \
         "travel $(summary "$OUT/sol-day-4500.json" travel) min, unassigned" \
         "$(summary "$OUT/sol-day-4500.json" unassigned); peak RSS $((rss / 1024)) MiB; check $ok"
    ;;
replan)
    echo "== Re-planning: 500-visit day, carer e001 falls ill at 07:00"
    "$BIN" plan-gen --visits 500 --carers 55 --seed 2 -o "$OUT/day-500.json"
    "$BIN" plan --time-limit "$T" "$OUT/day-500.json" -o "$OUT/sol-day-500.json"
    python3 - "$OUT/day-500.json" "$OUT/sol-day-500.json" "$OUT/day-500-replan.json" <<'PY'
import json, sys
prob = json.load(open(sys.argv[1])); sol = json.load(open(sys.argv[2]))
by = {}
for r in sol['routes']:
    for s in r['stops']:
        if 'visit' in s:
            by.setdefault(s['visit'], []).append(r['carer'])
for v in prob['visits']:
    v['assigned'] = by.get(v['id'], [])
    for k in ('assigned', 'preferred_carers'):
        if k in v:
            v[k] = [c for c in v[k] if c != 'e001']
prob['carers'] = [c for c in prob['carers'] if c['id'] != 'e001']
prob['weights'] = {'changed': 200}
json.dump(prob, open(sys.argv[3], 'w'))
PY
    s=$(date +%s.%N)
    "$BIN" plan --progress --time-limit "$T" "$OUT/day-500-replan.json" -o "$OUT/sol-day-500-replan.json" \
        2> "$OUT/replan.log"
    e=$(date +%s.%N)
    echo "re-plan: first plan (warm start from assigned) after $(grep "first plan after" "$OUT/replan.log" | sed 's/first plan after \([0-9.]*\) s.*/\1/') s"
    ok=OK; "$BIN" plan-check "$OUT/day-500-replan.json" "$OUT/sol-day-500-replan.json" > /dev/null || ok=FAIL
    python3 - "$OUT/sol-day-500.json" "$OUT/sol-day-500-replan.json" "$s" "$e" "$ok" "$OUT/day-500-replan.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
prob = json.load(open(sys.argv[6]))
def pairs(sol):
    return {(s['visit'], r['carer']) for r in sol['routes'] for s in r['stops'] if 'visit' in s}
pa, pb = pairs(a), pairs(b)
others = {p for p in pa if p[1] != 'e001'}
kept = len(others & pb)
print("re-plan: %.2f s wall (the time limit); %d of %d other carer-visit pairs kept (%.1f %%); unassigned %d; check %s" % (
    float(sys.argv[4]) - float(sys.argv[3]), kept, len(others),
    100.0 * kept / max(1, len(others)), b['summary']['unassigned'], sys.argv[5]))
# The ill carer's visits: do they go to someone the citizen knows?
pref = {v['id']: set(v.get('preferred_carers', [])) for v in prob['visits']}
ill = sorted({v for v, c in pa if c == 'e001'})
known = [v for v in ill if pref[v]]
to_known = [v for v in known if any((v, c) in pb for c in pref[v])]
print("re-plan: the ill carer had %d visits; %d of them have a known (preferred) carer left; %d went to one" % (
    len(ill), len(known), len(to_known)))
PY
    ;;
*) echo "bench: unknown set '$set'" >&2; exit 2 ;;
esac
done
