#!/bin/sh
# Run every test tier against the normal and the sanitizer builds, then print
# one closing line "N passed, N failed". Called by `make test` (and so by CI).
set -u
cd "$(dirname "$0")/.."
pass=0
fail=0
tier() {
    name=$1
    shift
    echo "== $name"
    if "$@"; then pass=$((pass + 1)); echo "== $name: ok"; else fail=$((fail + 1)); echo "== $name: FAILED"; fi
}
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
tier "unit (normal build)" sh scripts/run-unit.sh build/tests/*/test-*
tier "unit (ASan+UBSan)" sh scripts/run-unit.sh build-asan/tests/*/test-*
tier "integration (normal build)" sh -c 'cd web && OMSORG_BIN=$PWD/../build/omsorg node --test --test-concurrency=1 ../tests/integration/'
tier "integration (ASan+UBSan)" sh -c 'cd web && OMSORG_BIN=$PWD/../build-asan/omsorg node --test --test-concurrency=1 ../tests/integration/'
if ls tests/browser/*.test.mjs >/dev/null 2>&1; then
    tier "browser (chromium + axe-core)" sh -c 'cd web && OMSORG_BIN=$PWD/../build/omsorg node --test --test-concurrency=1 ../tests/browser/'
fi
echo "test tiers: $pass passed, $fail failed"
[ "$fail" = 0 ]
