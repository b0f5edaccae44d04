#!/bin/sh
# Install what omsorg needs to build, run and test, if it is missing.
# Debian 12, as root (or with sudo). Idempotent: does nothing when all is there.
set -eu
# libpq-dev: the PostgreSQL driver; postgresql-15: the private server the tests start
# (scripts/with-postgres.sh; the package's own service is not used).
PKGS="pkg-config libmicrohttpd-dev libsodium-dev libjansson-dev libsqlite3-dev libcmocka-dev
      libyaml-dev libcsv-dev libxml2-dev libcjose-dev libcurl4-openssl-dev
      sqlite3 chromium wrk bc clang libclang-rt-14-dev tzdata libpq-dev postgresql-15 valgrind"
missing=""
# Tools that may come from elsewhere than Debian's packages (node from NodeSource, say):
# install Debian's package only when the command itself is missing.
command -v gcc >/dev/null 2>&1 || missing="$missing gcc libc6-dev"
command -v make >/dev/null 2>&1 || missing="$missing make"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v python3 >/dev/null 2>&1 || missing="$missing python3" # benchmarks and the Mankowska verifier
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO=sudo
    echo "deps: installing$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
# npm packages (dkfds for pages; oidc-provider for the local OpenID provider;
# playwright-core and axe-core for browser tests)
cd "$(dirname "$0")/../web"
if [ ! -f node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ]; then
    echo "deps: npm install"
    npm install --no-audit --no-fund --loglevel=error
fi
