#!/bin/sh
# Rules benchmark: a demo municipality of N citizens (default 20000), then
# `omsorg rules` today (idempotent: the demo already ran them), and 40 days
# ahead (monthly re-weighs and grant follow-ups fall due), and back again
# (those tasks close). Prints the counts and seconds; never fails on timing.
#
#   sh bench/rules.sh [CITIZENS]
set -eu
cd "$(dirname "$0")/.."
N=${1:-20000}
BIN=build/omsorg
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
$BIN demo --db "$DIR/r.db" --citizens "$N" --seed 1 >/dev/null 2>&1
echo "rules over $N citizens:"
printf '  today        '; $BIN rules --db "$DIR/r.db"
printf '  again        '; $BIN rules --db "$DIR/r.db"
printf '  in 40 days   '; $BIN rules --db "$DIR/r.db" --date "$(date -d '+40 days' +%F)"
printf '  today again  '; $BIN rules --db "$DIR/r.db"
