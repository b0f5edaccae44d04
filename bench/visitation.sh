#!/bin/sh
# Visitation and planning figures (issue 4 and the sick call of issue 5).
# Prints figures; never fails on timing.
#
#   PLAN_TIME=5 sh bench/visitation.sh [SMALL] [BIG]
#
# On the demo municipality (SMALL citizens, default 500) and a big one (BIG,
# default 20000): time to plan one day for all teams, visits planned, share by
# a known carer (second day, when there is a history), travel minutes per
# visit; every team in one plan (the small one), with the borrowed visits;
# demand expansion for a week; and a sick call at 10:00 on the largest team,
# with how many assignments were kept.
set -eu
cd "$(dirname "$0")/.."
SMALL=${1:-500}
BIG=${2:-20000}
T=${PLAN_TIME:-5}
BIN=build/omsorg
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
d1=$(date -d '+1 day' +%F)
d2=$(date -d '+2 day' +%F)

for N in $SMALL $BIG; do
    echo "== $N citizens (engine time limit ${T} s per team)"
    $BIN demo --db "$DIR/$N.db" --citizens "$N" --seed 1 >/dev/null 2>&1
    s=$(date +%s.%N)
    $BIN plan-day --db "$DIR/$N.db" --date "$d1" --time-limit "$T"
    e=$(date +%s.%N)
    echo "day 1 ($d1) planned for all teams in $(echo "$e - $s" | bc) s (wall)"
    $BIN plan-day --db "$DIR/$N.db" --date "$d2" --time-limit "$T"
    echo "day 2 ($d2): preferred carers are those of day 1"
    if [ "$N" = "$SMALL" ]; then
        d3=$(date -d '+3 day' +%F)
        echo "day 3 ($d3): every team in one plan; 'borrowed' = visits another team's carer takes"
        $BIN plan-day --db "$DIR/$N.db" --date "$d3" --time-limit "$T" --together
    fi
    $BIN demand --db "$DIR/$N.db" --from "$d1" --days 7
    team=$(sqlite3 "$DIR/$N.db" "select t.slug from plan_visit p join team t on t.id = p.team_id where p.day = '$d2' group by t.id order by count(*) desc limit 1")
    sick=$(sqlite3 "$DIR/$N.db" "select u.username from plan_visit p join user u on u.id = p.carer1_id join team t on t.id = p.team_id where p.day = '$d2' and t.slug = '$team' and p.start_min >= 600 group by u.id order by count(*) desc limit 1")
    echo "sick call: $sick (team $team) absent from 10:00 on $d2; 'kept' = visits that kept their carer"
    s=$(date +%s.%N)
    $BIN plan-day --db "$DIR/$N.db" --date "$d2" --time-limit 2 --absent "$sick" --from 10:00
    e=$(date +%s.%N)
    echo "sick-call re-plan in $(echo "$e - $s" | bc) s (wall, engine limit 2 s)"
done
