#!/bin/sh
# plan-speed.sh [BIN...] — time a fixed number of improvement iterations
# (seed 1) on five instances: Mankowska F5, D2 and G1 (tied tasks, soft
# windows) and Solomon R208 and RC105 (plain). The same seed and
# iterations give the same plan, so two binaries that print the same cost
# took the same path and their seconds compare the speed of the engine
# alone. Default BIN: build/omsorg. Run nothing else meanwhile.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
BENCH=${OMSORG_BENCH:-$root/../shared/bench}
M=$BENCH/mankowska2014/json
S=$BENCH/solomon/txt
if [ ! -d "$M" ] || [ ! -d "$S" ]; then
    echo "plan-speed: skipped: no public sets at $BENCH (set OMSORG_BENCH to the folder holding solomon/ and mankowska2014/)"
    exit 0
fi
[ $# -gt 0 ] || set -- "$root/build/omsorg"
for bin in "$@"; do
    echo "== $bin"
    for x in "$M/InstanzVNS_HCSRP_200_5.json 30000" "$M/InstanzCPLEX_HCSRP_75_2.json 60000" \
        "$M/InstanzVNS_HCSRP_300_1.json 15000" "$S/R208.txt 60000" "$S/RC105.txt 60000"; do
        set -- $x
        out=$(mktemp)
        t0=$(date +%s.%N)
        "$bin" plan --iterations "$2" --seed 1 "$1" -o "$out"
        t1=$(date +%s.%N)
        cost=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['summary']['cost'])" "$out")
        rm -f "$out"
        printf '%-32s %6s it.  cost %-14s %6.2f s\n' "$(basename "$1")" "$2" "$cost" \
            "$(awk "BEGIN { print $t1 - $t0 }")"
    done
done
