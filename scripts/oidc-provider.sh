#!/bin/sh
# Start, stop or ask about the local demo OpenID provider (web/oidc/provider.mjs)
# in the background. Demo and development only: it is not a MitID broker.
#
#   scripts/oidc-provider.sh start [provider options]   # default port 8081, state in data/oidc
#   scripts/oidc-provider.sh stop
#   scripts/oidc-provider.sh status
#
# OIDC_STATE_DIR (default data/oidc) holds the keys, omsorg's client secret,
# client.json (omsorg's relying-party configuration), provider.pid and
# provider.log. Options after `start` go to the provider (node
# web/oidc/provider.mjs --help lists them); --state-dir is set from
# OIDC_STATE_DIR. See docs/portal.md.
set -eu
cd "$(dirname "$0")/.."
dir=${OIDC_STATE_DIR:-data/oidc}
pidfile=$dir/provider.pid
log=$dir/provider.log

# The pid in the pid file, if that process is still our provider.
running_pid() {
    [ -f "$pidfile" ] || return 1
    pid=$(cat "$pidfile")
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'web/oidc/provider.mjs' || return 1
    echo "$pid"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
start)
    if pid=$(running_pid); then
        echo "oidc-provider: already running (pid $pid); 'scripts/oidc-provider.sh stop' first"
        exit 0
    fi
    mkdir -p "$dir"
    chmod 700 "$dir"
    : >"$log"
    node web/oidc/provider.mjs --state-dir "$dir" "$@" >>"$log" 2>&1 &
    echo $! >"$pidfile"
    # Wait for the line that says it listens (or for it to give up).
    i=0
    while ! grep -q 'demo log-ins' "$log"; do
        if ! kill -0 "$(cat "$pidfile")" 2>/dev/null || [ $i -ge 150 ]; then
            echo "oidc-provider: did not start:" >&2
            cat "$log" >&2
            rm -f "$pidfile"
            exit 1
        fi
        i=$((i + 1))
        sleep 0.1
    done
    grep '^oidc-provider:' "$log"
    ;;
stop)
    if pid=$(running_pid); then
        kill "$pid"
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
            i=$((i + 1))
            sleep 0.1
        done
        echo "oidc-provider: stopped (pid $pid)"
    else
        echo "oidc-provider: not running"
    fi
    rm -f "$pidfile"
    ;;
status)
    if pid=$(running_pid); then
        echo "oidc-provider: running (pid $pid); $(grep -m1 'issuer' "$log" | sed 's/^oidc-provider: //')"
    else
        echo "oidc-provider: not running"
        exit 3
    fi
    ;;
*)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    [ "$cmd" = help ] || [ "$cmd" = --help ] || exit 2
    ;;
esac
