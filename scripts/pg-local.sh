#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the local demo, kept in one directory.
#
#   scripts/pg-local.sh start DIR   initialise (first time) and start; print the connection string
#   scripts/pg-local.sh url DIR     print the connection string of the cluster in DIR
#   scripts/pg-local.sh stop DIR    stop it (the data stays; rm -rf DIR to forget it)
#
# It listens on 127.0.0.1 only, on a free port chosen at first start, trusts local connections and
# has a `contactsync` database. Only the connection string goes to stdout, so
#   export ConnectionStrings__ContactSync="$(scripts/pg-local.sh start .demo/pg)"
# works. As root, the server runs as the `postgres` user (initdb and postgres refuse root).
set -euo pipefail

usage() {
  echo "usage: $0 start|stop|url DIR" >&2
  exit 2
}

log() { echo "pg-local: $*" >&2; }

[ $# -eq 2 ] || usage
command=$1
dir=$2

find_bin() {
  local candidate
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    candidate=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/postgres" ]; then
      echo "$candidate"
      return
    fi
  fi
  for candidate in $(ls -d /usr/lib/postgresql/*/bin /usr/pgsql-*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/pg_ctl" ] && [ -x "$candidate/initdb" ] && [ -x "$candidate/postgres" ]; then
      echo "$candidate"
      return
    fi
  done
  log "no PostgreSQL server binaries (initdb, pg_ctl, postgres) found; install them, e.g. apt-get install postgresql"
  exit 1
}

# Runs a server binary as the postgres user when we are root.
as_server_user() {
  if [ "$(id -u)" -ne 0 ]; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u postgres -- "$@"
  else
    local quoted
    quoted=$(printf "'%s' " "${@//\'/\'\\\'\'}")
    su postgres -s /bin/sh -c "$quoted"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! port_in_use "$port"; then
      echo "$port"
      return
    fi
  done
  log "no free port found"
  exit 1
}

url_of() {
  echo "Host=127.0.0.1;Port=$(cat "$dir/port");Username=postgres;Database=contactsync"
}

is_running() {
  [ -f "$data/postmaster.pid" ] && as_server_user "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1
}

[ "$command" != start ] || mkdir -p "$dir"
if [ ! -d "$dir" ]; then
  log "no cluster in $dir; run: $0 start $dir"
  exit 1
fi
dir=$(cd "$dir" && pwd)
data=$dir/data

case $command in
  start)
    bin=$(find_bin)
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres "$dir"
    fi
    cd "$dir" # the server user may not be allowed into the caller's directory
    if is_running; then
      log "already running"
      url_of
      exit 0
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
      log "initialising $data"
      as_server_user "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync --no-instructions >&2
    fi
    # Keep the port of an earlier start, so a connection string already handed out stays valid.
    if [ ! -f "$dir/port" ] || port_in_use "$(cat "$dir/port")"; then
      free_port >"$dir/port"
    fi
    port=$(cat "$dir/port")
    log "starting on 127.0.0.1:$port (log: $dir/postgres.log)"
    as_server_user "$bin/pg_ctl" start -D "$data" -l "$dir/postgres.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c max_connections=300 -c shared_buffers=64MB" >&2 \
      || { log "start failed:"; tail -n 20 "$dir/postgres.log" >&2; exit 1; }
    exists=$("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'contactsync'")
    if [ "$exists" != 1 ]; then
      "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres contactsync
    fi
    url_of
    ;;
  stop)
    bin=$(find_bin)
    if is_running; then
      as_server_user "$bin/pg_ctl" stop -D "$data" -m fast -w >&2
    else
      log "not running"
    fi
    ;;
  url)
    if [ ! -f "$dir/port" ]; then
      log "no cluster in $dir; run: $0 start $dir"
      exit 1
    fi
    url_of
    ;;
  *)
    usage
    ;;
esac
