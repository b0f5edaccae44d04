#!/bin/sh
# Run each libFuzzer target for FUZZ_SECONDS (default 5) from its seed corpus
# (tests/fuzz/corpus/<target>/, copied so the repository is not written to).
# A crash, leak, sanitizer report or timeout fails the run.
set -u
secs=${FUZZ_SECONDS:-5}
pass=0
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for bin in "$@"; do
    name=$(basename "$bin")
    mkdir -p "$work/$name"
    cp tests/fuzz/corpus/"$name"/* "$work/$name"/ 2>/dev/null || true
    if (cd "$work" && "$OLDPWD/$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
            -print_final_stats=1 "$work/$name" >"$work/$name.log" 2>&1); then
        pass=$((pass + 1))
        runs=$(awk '/stat::number_of_executed_units/ {print $2}' "$work/$name.log")
        echo "fuzz $name: ok (${runs:-?} inputs in ${secs} s)"
    else
        fail=$((fail + 1))
        echo "fuzz $name: FAILED"
        tail -40 "$work/$name.log"
    fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" = 0 ]
