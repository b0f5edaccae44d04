#!/bin/sh
# bench/run.sh — the planning engine's benchmarks (called by `make bench`).
#
#   PLAN_TIME=2      seconds per Solomon/Mankowska instance (60 for the long run)
#   PLAN_SETS="solomon mankowska scale replan"   which parts to run
#   OMSORG_BENCH=../shared/bench   the full public sets: solomon/ and mankowska2014/
#                    (not in the repository; without them the Solomon and
#                    Mankowska parts say so in one line and are skipped)
#   BUILD=build      build directory holding the omsorg binary
#   PLAN_OUT=bench/out   where CSVs and plans go (two runs side by side need two)
#   PLAN_SEEDS="1 2 3"   seeds per Solomon/Mankowska instance (default 1); with
#                    several, the summary gives the mean over all runs and the
#                    lowest and highest of the per-seed means
#   PLAN_ONLY=R1*    Solomon instances to run (a glob); PLAN_MK_ONLY=G  Mankowska (a regex)
#
# Results go to bench/out/ (CSV per part) and a table on standard output.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exec sh "$here/plan-bench.sh" "$@"
