#!/bin/sh
# Run a command against a private PostgreSQL 15 that this script starts and
# stops itself (Debian's postgresql-15; no system service is used):
#
#   sh scripts/with-postgres.sh CMD [ARG...]
#
# initdb into a temporary folder (C collation, UTF8, trust authentication),
# listen only on a Unix socket in that folder (no TCP port), create the
# database "omsorg", run CMD with OMSORG_TEST_PG set to its URL, then stop
# the server and remove the folder. Run as root, the server runs as the
# "postgres" user (initdb refuses root). PG_SERVER_OPTS adds server options
# (e.g. "-c fsync=off" where durability does not matter, as in unit tests).
# Exit status: CMD's.
set -eu
bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ ! -x "$bindir/initdb" ]; then
    echo "with-postgres: PostgreSQL server binaries not found (apt-get install postgresql-15)" >&2
    exit 1
fi
dir=$(mktemp -d /tmp/omsorg-pg-XXXXXX)
as=""
if [ "$(id -u)" = 0 ]; then
    as="runuser -u postgres --"
    chown postgres "$dir"
fi
stop() {
    $as "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM
$as "$bindir/initdb" -D "$dir/data" -A trust -U omsorg --locale=C.UTF-8 --encoding=UTF8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
$as "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-k $dir -c listen_addresses= -p 5432 ${PG_SERVER_OPTS:-}" start >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }
$as "$bindir/createdb" -h "$dir" -p 5432 -U omsorg omsorg
export OMSORG_TEST_PG="postgresql:///omsorg?host=$dir&port=5432&user=omsorg"
status=0
"$@" || status=$?
exit $status
