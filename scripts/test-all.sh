#!/bin/sh
# Run every test tier against the normal and the sanitizer builds, then print
# one closing line "tests: N passed, M failed" counting the individual tests
# of all tiers. Called by `make test` (and so by CI). Exit status 1 when any
# tier failed.
set -u
cd "$(dirname "$0")/.."
tiers_failed=0
passed=0
failed=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# Add the counts a tier printed: cmocka's "[  PASSED  ] N test(s)." and
# "[  FAILED  ] N test(s)", node's "# pass N" and "# fail N".
count() {
    p=$(awk '/^\[  PASSED  \] [0-9]+ test/ {s += $4} /^# pass [0-9]+/ {s += $3}
             /^fuzz [^ ]+: ok/ {s += 1} END {print s + 0}' "$out")
    f=$(awk '/^\[  FAILED  \] [0-9]+ test/ {s += $4} /^# fail [0-9]+/ {s += $3}
             /^fuzz [^ ]+: FAILED/ {s += 1} END {print s + 0}' "$out")
    passed=$((passed + p))
    failed=$((failed + f))
}

tier() {
    name=$1
    shift
    echo "== $name"
    if "$@" >"$out" 2>&1; then
        status=ok
    else
        status=FAILED
        tiers_failed=$((tiers_failed + 1))
    fi
    cat "$out"
    count
    echo "== $name: $status"
}

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
tier "unit (normal build)" sh scripts/run-unit.sh build/tests/*/test-*
tier "unit (ASan+UBSan)" sh scripts/run-unit.sh build-asan/tests/*/test-*
# The store's unit tests (and the web unit test, which uses the store) again on a
# private PostgreSQL 15; durability is not what they test, so fsync is off.
export PG_SERVER_OPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
tier "unit, store on PostgreSQL (normal build)" sh scripts/with-postgres.sh sh scripts/run-unit.sh build/tests/store/test-* build/tests/web/test-*
tier "unit, store on PostgreSQL (ASan+UBSan)" sh scripts/with-postgres.sh sh scripts/run-unit.sh build-asan/tests/store/test-* build-asan/tests/web/test-*
unset PG_SERVER_OPTS
tier "integration (normal build)" sh -c 'cd web && OMSORG_BIN=$PWD/../build/omsorg node --test --test-concurrency=1 ../tests/integration/'
tier "integration (ASan+UBSan)" sh -c 'cd web && OMSORG_BIN=$PWD/../build-asan/omsorg node --test --test-concurrency=1 ../tests/integration/'
tier "fuzz (libFuzzer + ASan/UBSan, ${FUZZ_SECONDS:-5} s per parser)" sh scripts/run-fuzz.sh build-fuzz/fuzz/fuzz-*
tier "browser (chromium + axe-core)" sh -c 'cd web && OMSORG_BIN=$PWD/../build/omsorg node --test --test-concurrency=1 ../tests/browser/'

if [ "$tiers_failed" -gt 0 ] && [ "$failed" -eq 0 ]; then
    failed=$tiers_failed # a tier that crashed before counting still fails the run
fi
echo "tests: $passed passed, $failed failed"
[ "$tiers_failed" = 0 ]
