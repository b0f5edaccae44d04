#!/bin/sh
# Continuity over a simulated week: plan 7 days in a row on the demo
# municipality; each day's preferred carers are the carers who visited the
# citizen in the last 14 days. Report the median (and 90th percentile) of
# distinct carers per citizen over the week, and the same week planned with
# preferences ignored, for comparison. Prints figures; never fails on them.
#
#   PLAN_TIME=2 sh bench/continuity.sh [CITIZENS]
set -eu
cd "$(dirname "$0")/.."
N=${1:-500}
T=${PLAN_TIME:-2}
BIN=build/omsorg
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
first=$(date -d '+1 day' +%F)
last=$(date -d '+7 day' +%F)
$BIN demo --db "$DIR/week.db" --citizens "$N" --seed 1 >/dev/null 2>&1
cp "$DIR/week.db" "$DIR/nopref.db"
for k in 1 2 3 4 5 6 7; do
    d=$(date -d "+$k day" +%F)
    $BIN plan-day --db "$DIR/week.db" --date "$d" --time-limit "$T" >/dev/null
    $BIN plan-day --db "$DIR/nopref.db" --date "$d" --time-limit "$T" --no-preferences >/dev/null
done
report() {
    sqlite3 "$1" "
      WITH pairs AS (
        SELECT citizen_id, carer1_id AS carer FROM plan_visit
         WHERE day BETWEEN '$first' AND '$last' AND carer1_id IS NOT NULL
        UNION
        SELECT citizen_id, carer2_id FROM plan_visit
         WHERE day BETWEEN '$first' AND '$last' AND carer2_id IS NOT NULL)
      SELECT count(*) FROM pairs GROUP BY citizen_id ORDER BY 1;" |
    awk -v label="$2" '{ v[NR] = $1; s += $1 } END {
        if (!NR) { print label ": no visits"; exit }
        printf "%-28s citizens %4d   median %d   p90 %d   mean %.2f distinct carers per week\n",
               label, NR, v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.999)], s / NR }'
}
echo "week $first .. $last, $N citizens, engine ${T} s per team and day"
report "$DIR/week.db" "with preferred carers"
report "$DIR/nopref.db" "preferences ignored"
