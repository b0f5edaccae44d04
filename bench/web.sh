#!/bin/sh
# Web benchmark: a demo municipality of N citizens (default 20000), the search
# page and the record page under concurrent load with wrk, and the server's
# resident memory. Prints figures; never fails on timing.
#
#   sh bench/web.sh [CITIZENS] [SECONDS] [CONNECTIONS]
set -eu
cd "$(dirname "$0")/.."
N=${1:-20000}
SECS=${2:-10}
CONN=${3:-16}
BIN=build/omsorg
PORT=18089
DIR=$(mktemp -d)
trap 'kill $SRV 2>/dev/null || true; rm -rf "$DIR"' EXIT
command -v wrk >/dev/null || { echo "bench/web.sh: wrk is missing (apt-get install wrk)"; exit 1; }

start=$(date +%s.%N)
$BIN demo --db "$DIR/b.db" --citizens "$N" --seed 1 >/dev/null 2>&1
end=$(date +%s.%N)
echo "demo municipality: $N citizens loaded in $(echo "$end - $start" | bc) s"

$BIN serve --db "$DIR/b.db" --port $PORT --threads 2 2>"$DIR/serve.log" &
SRV=$!
for i in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
curl -s -c "$DIR/jar" -H 'Content-Type: application/json' \
     -d '{"username":"planlaegger","password":"demo"}' "http://127.0.0.1:$PORT/api/v1/login" >/dev/null
COOKIE="omsorg_session=$(awk '$6 == "omsorg_session" {print $7}' "$DIR/jar")"
ID=$((N / 2))

run() {
    label=$1
    path=$2
    out=$(wrk -t2 -c"$CONN" -d"${SECS}s" --latency -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$path")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
    printf '%-28s %10s req/s   median %8s   p99 %8s   non-2xx %s\n' "$label" "$rps" "$p50" "$p99" "${non2xx:-0}"
}
echo "load: wrk, 2 threads, $CONN connections, ${SECS}s each; server: 2 worker threads"
run "search page (/borgere?q=)" "/borgere?q=hansen"
run "search API" "/api/v1/citizens?q=jens%20herlev"
run "record page (/borgere/ID)" "/borgere/$ID"
run "record API" "/api/v1/citizens/$ID"
rss=$(awk '/VmRSS/ {print $2}' /proc/$SRV/status)
hwm=$(awk '/VmHWM/ {print $2}' /proc/$SRV/status)
echo "server memory: resident $((rss / 1024)) MiB now, peak $((hwm / 1024)) MiB"
echo "audit rows written by the record reads: $(sqlite3 "$DIR/b.db" "select count(*) from audit where action='read'")"
