#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs PROGRAM against a throwaway PostgreSQL 15 cluster:
#   tests/with-postgres.sh PROGRAM [ARGS...]
# The cluster lives in a temporary folder, listens only on a Unix socket in
# that folder (no TCP), trusts local connections of its superuser qiao_test,
# and is stopped and removed when PROGRAM ends, however the wrapper ends.
# When run as root, the server runs as `nobody` (PostgreSQL refuses root).
# PROGRAM sees QIAO_TEST_ENGINE=postgres, QIAO_TEST_PG_HOST (the socket
# folder), QIAO_TEST_PG_PORT and QIAO_TEST_PG_USER; its output and exit
# status are passed through. Without PostgreSQL 15 the run is a TAP skip,
# or, with QIAO_PG_OPTIONAL=1 (a benchmark that also measures a file), a
# run of PROGRAM without a server. QIAO_PG_OPTIONS adds server options
# (`-c name=value ...`) after the small, fast ones below.
set -u

[ $# -ge 1 ] || { echo "usage: $0 PROGRAM [ARGS...]" >&2; exit 2; }

say () { printf 'with-postgres: %s\n' "$*" >&2; }

# The server programs: Debian keeps them outside $PATH.
bindir=
for candidate in /usr/lib/postgresql/15/bin "$(pg_config --bindir 2>/dev/null)"; do
  if [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ] \
     && "$candidate/postgres" --version 2>/dev/null | grep -q ' 15\.'; then
    bindir=$candidate
    break
  fi
done
if [ -z "$bindir" ]; then
  if [ "${QIAO_PG_OPTIONAL:-}" = 1 ]; then
    say "PostgreSQL 15 is not installed: running without a server"
    exec "$@"
  fi
  echo "1..0 # SKIP PostgreSQL 15 is not installed"
  exit 0
fi

# The server never runs as root: as root, it runs as nobody, and its folder
# must be reachable by nobody, so it is made under /tmp (not $TMPDIR, which
# may be a private folder). The socket's path must also stay short (108 bytes).
as_server=()
parent=${TMPDIR:-/tmp}
if [ "$(id -u)" -eq 0 ]; then
  server_user=nobody
  server_group=$(id -gn "$server_user")
  as_server=(setpriv --reuid="$server_user" --regid="$server_group" --clear-groups --)
  parent=/tmp
fi
[ ${#parent} -le 60 ] || parent=/tmp

dir=$(mktemp -d "$parent/qiao-pg-XXXXXX") || { say "cannot make a temporary folder"; exit 1; }
data=$dir/data
log=$dir/server.log
started=0
watchdog=

# Stops the server and removes the folder; each step at most once.
cleanup () {
  trap - EXIT INT TERM HUP
  if [ -n "$watchdog" ]; then
    kill "$watchdog" 2>/dev/null
    wait "$watchdog" 2>/dev/null
  fi
  if [ "$started" -eq 1 ]; then
    server "$bindir/pg_ctl" stop -D "$data" -m immediate -w -t 30 >/dev/null 2>&1 \
      || say "pg_ctl stop failed"
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a server program as the server's user, without the settings meant for
# the program under test (sanitizers, malloc checks, libpq defaults).
server () {
  env -u LD_PRELOAD -u MALLOC_CHECK_ -u MALLOC_PERTURB_ -u ASAN_OPTIONS -u UBSAN_OPTIONS \
      -u LSAN_OPTIONS -u PGHOST -u PGPORT -u PGDATA -u PGUSER -u PGDATABASE \
      -C "$dir" LC_ALL=C.UTF-8 "${as_server[@]}" "$@"
}

[ ${#as_server[@]} -eq 0 ] || chown "$server_user:$server_group" "$dir"

# A port names the socket file only (there is no TCP listener); folders are
# unique, so parallel clusters do not meet, but keep it random anyway.
port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))

if ! server "$bindir/initdb" -D "$data" -U qiao_test -E UTF8 --locale=C.UTF-8 \
       --auth-local=trust --auth-host=reject --no-sync >"$dir/initdb.log" 2>&1; then
  say "initdb failed:"
  cat "$dir/initdb.log" >&2
  exit 1
fi

# Small and fast: durability is of no use to a cluster that lives for one run.
options="-k $dir -p $port -c listen_addresses='' -c fsync=off -c synchronous_commit=off"
options+=" -c full_page_writes=off -c wal_level=minimal -c max_wal_senders=0"
options+=" -c shared_buffers=16MB -c max_connections=50 -c autovacuum=off"
options+=" -c max_wal_size=256MB -c checkpoint_timeout=30min"
options+=" -c log_min_messages=warning -c log_min_error_statement=panic"
options+=" ${QIAO_PG_OPTIONS:-}"
if ! server "$bindir/pg_ctl" start -D "$data" -l "$log" -w -t 60 -o "$options" >/dev/null 2>&1; then
  say "the server did not start:"
  cat "$log" >&2 2>/dev/null
  # It may have started late.
  started=1
  exit 1
fi
started=1

# If the wrapper is killed outright (SIGKILL on a timeout), nothing above
# runs: a watchdog in a session of its own stops the server then.
wrapper=$$
setsid bash -c '
  while kill -0 "$1" 2>/dev/null; do sleep 1; done
  shift
  "$@"
' watchdog "$wrapper" bash -c "$(declare -f server); $(declare -p as_server bindir dir);
  server \"\$bindir/pg_ctl\" stop -D '$data' -m immediate -w -t 30; rm -rf '$dir'" \
  </dev/null >/dev/null 2>&1 &
watchdog=$!

unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGPASSWORD PGSERVICE PGSERVICEFILE PGOPTIONS
export QIAO_TEST_ENGINE=postgres
export QIAO_TEST_PG_HOST=$dir
export QIAO_TEST_PG_PORT=$port
export QIAO_TEST_PG_USER=qiao_test

"$@"
status=$?
exit $status
