#!/bin/sh
# Web cost per request in instructions (valgrind's callgrind), a figure that
# stays the same on a busy shared machine where requests/s does not: a demo
# municipality of N citizens (default 20000), one server thread under
# callgrind, 20 warm-up requests, then R requests one after another (default
# 300; a tenth of that for the search page) with the counters zeroed between.
# Prints instructions per request; never fails on them.
#
#   sh bench/web-ir.sh [CITIZENS] [REQUESTS]
set -eu
cd "$(dirname "$0")/.."
N=${1:-20000}
R=${2:-300}
BIN=$PWD/build/omsorg
PORT=18097
DIR=$(mktemp -d)
trap 'kill $SRV 2>/dev/null || true; rm -rf "$DIR"' EXIT
command -v valgrind >/dev/null || { echo "bench/web-ir.sh: valgrind is missing (apt-get install valgrind)"; exit 1; }
$BIN demo --db "$DIR/b.db" --citizens "$N" --seed 1 >/dev/null 2>&1
valgrind --tool=callgrind --callgrind-out-file="$DIR/cg.out" \
    "$BIN" serve --db "$DIR/b.db" --port $PORT --threads 1 2>"$DIR/serve.log" &
SRV=$!
for i in $(seq 300); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
curl -s -c "$DIR/jar" -H 'Content-Type: application/json' \
     -d '{"username":"planlaegger","password":"demo"}' "http://127.0.0.1:$PORT/api/v1/login" >/dev/null
COOKIE="omsorg_session=$(awk '$6 == "omsorg_session" {print $7}' "$DIR/jar")"
ID=$((N / 2))
echo "instructions per request (callgrind, one server thread, $N citizens):"
for path in "/borgere/$ID" "/api/v1/citizens/$ID" "/borgere?q=hansen"; do
    n=$R
    case $path in *q=*) n=$((R / 10)) ;; esac
    for i in $(seq 20); do curl -s -o /dev/null -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$path"; done
    callgrind_control -z $SRV >/dev/null 2>&1
    for i in $(seq "$n"); do curl -s -o /dev/null -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$path"; done
    callgrind_control -d $SRV >/dev/null 2>&1
    f=$(ls -t "$DIR"/cg.out.* | head -1)
    ir=$(awk '/^summary:/ {print $2} /^totals:/ {print $2}' "$f" | tail -1)
    printf '  %-28s %10d  (%d requests)\n' "$path" $((ir / n)) "$n"
    rm -f "$DIR"/cg.out.*
done
