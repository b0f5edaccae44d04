#!/bin/sh
# bench/planted.sh — the planning engine on planted days (called by `make bench`):
# planted 1,000-visit days per utilization and seed (visits left out, travel
# against the planted plan's, visits outside their team, known carers), the
# 4,500-visit day (first complete plan, memory) and a sick call at 10:00.
# See bench/planted.py for the parts and the environment (PLANTED_*).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-"$root/${BUILD:-build}/omsorg"} exec python3 "$root/bench/planted.py" "$@"
