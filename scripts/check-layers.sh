#!/bin/sh
# check-layers.sh [--graph] [SRC]: fail when a file includes a header of a
# layer above its own. The layers, lowest first (a file may include its own
# layer and those below; core and plan are siblings and may not include each
# other):
#
#   lib  <  core, plan  <  store  <  app  <  web  <  cli
#
# Prints one line per offending include ("FILE:LINE: LAYER includes
# HEADER (LAYER)") and exits 1; exits 0 when every include goes down.
# --graph prints the include graph between layers instead (how many
# includes go from each layer to each other), for docs/ARCHITECTURE.md.
set -eu
graph=0
if [ "${1:-}" = "--graph" ]; then
    graph=1
    shift
fi
src=${1:-src}
[ -d "$src" ] || { echo "check-layers: no folder $src" >&2; exit 2; }

set +e
out=$(find "$src" -name '*.[ch]' | sort | xargs grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' |
awk -v src="$src" -v graph="$graph" '
BEGIN {
    rank["lib"] = 0; rank["core"] = 1; rank["plan"] = 1; rank["store"] = 2
    rank["app"] = 3; rank["web"] = 4; rank["cli"] = 5
    bad = 0
}
{
    # FILE:LINE:#include "layer/header.h"
    file = $0; sub(/:.*/, "", file)
    rest = substr($0, length(file) + 2)
    line = rest; sub(/:.*/, "", line)
    hdr = rest; sub(/^[^"]*"/, "", hdr); sub(/".*/, "", hdr)
    rel = substr(file, length(src) + 2)
    from = rel; sub(/\/.*/, "", from)
    to = hdr; sub(/\/.*/, "", to)
    if (!(from in rank) || index(hdr, "/") == 0 || !(to in rank))
        next  # generated files, local headers
    edges[from " -> " to]++
    if (from == to)
        next
    if (rank[to] > rank[from] || (rank[to] == rank[from])) {
        printf "%s:%s: %s includes %s (%s)\n", file, line, from, hdr, to
        bad++
    }
}
END {
    if (graph) {
        for (k in edges)
            if (split(k, p, " -> ") && p[1] != p[2])
                printf "%-16s %d\n", k, edges[k]
        exit 0
    }
    if (bad) {
        printf "check-layers: %d include(s) go up a layer (lib < core, plan < store < app < web < cli)\n", bad
        exit 1
    }
    print "check-layers: every include goes down a layer"
}')
status=$?
set -e
if [ "$graph" = 1 ]; then
    printf '%s\n' "$out" | sort
else
    printf '%s\n' "$out"
fi
exit $status
