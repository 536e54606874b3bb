#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests: initdb into DIR (default /tmp/mcpplaybooks-pg), listening on
# 127.0.0.1 only, on a free port, with a password-authenticated role 'mcpplaybooks' that owns the database
# 'mcpplaybooks'. Prints the Npgsql connection string on stdout (everything else goes to stderr). Idempotent: when DIR
# already holds a running cluster it prints that cluster's connection string and starts nothing.
#
#   tests/postgres/start.sh [DIR] [--watch PID]    # --watch: stop the cluster and delete DIR once process PID is gone
#   tests/postgres/stop.sh [DIR]
#
# initdb refuses to run as root, so as root the cluster runs as the 'postgres' OS user (Debian's package creates it);
# as anyone else it runs as that user. Durability is off (fsync, full page writes): the cluster is for tests only.
set -euo pipefail

dir=${MCPPLAYBOOKS_PG_DIR:-/tmp/mcpplaybooks-pg}
watch=
while (($#)); do
  case $1 in
    --watch) watch=$2; shift 2 ;;
    -*) echo "usage: $0 [DIR] [--watch PID]" >&2; exit 2 ;;
    *) dir=$1; shift ;;
  esac
done

find_bin() {
  if [[ -n ${MCPPLAYBOOKS_PG_BIN:-} ]]; then echo "$MCPPLAYBOOKS_PG_BIN"; return 0; fi
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/pgsql/bin; do
    if [[ -x $candidate/initdb && -x $candidate/pg_ctl ]]; then echo "$candidate"; return 0; fi
  done
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

bin=$(find_bin) || {
  echo "PostgreSQL's server programs (initdb, pg_ctl) were not found: install them ('apt-get install postgresql' on Debian) or set MCPPLAYBOOKS_PG_BIN to their folder" >&2
  exit 1
}

as_owner=()
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || { echo "running as root needs the 'postgres' OS user to own the cluster (initdb refuses root); install Debian's postgresql package or run as another user" >&2; exit 1; }
  as_owner=(runuser -u postgres --)
fi

run() { "${as_owner[@]}" "$@"; }

# Runs a command whose processes outlive this script (the server, the watchdog) without the descriptors this script was
# handed beyond stdin, stdout and stderr: the server kept them all, so a lock its caller held (flock) stayed held until
# the cluster stopped.
# It replaces the shell it runs in: call it in a subshell, or with '&'.
without_inherited_fds() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    if ((fd > 2 && fd != 255)); then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
  exec "$@"
}

data=$dir/data
if [[ -f $dir/connection ]] && run "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  cat "$dir/connection"
  exit 0
fi

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null && return 0
  local port
  for port in $(seq 15432 15532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

mkdir -p "$dir"
chmod 0755 "$dir"
if [[ ! -f $data/PG_VERSION ]]; then
  rm -rf "$data"
  mkdir -p "$data"
  ((${#as_owner[@]})) && chown postgres: "$data"
  chmod 0700 "$data"
  run "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || run "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
    || { echo "initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1; }
fi

port=$(free_port) || { echo "no free TCP port found on 127.0.0.1" >&2; exit 1; }
options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=300 -c shared_buffers=64MB"
(without_inherited_fds "${as_owner[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -o "$options" -w -t 60 start >&2) \
  || { echo "pg_ctl start failed:" >&2; cat "$data/server.log" >&2 || true; exit 1; }

password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
run "$bin/psql" -h "$data" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mcpplaybooks') THEN CREATE ROLE mcpplaybooks LOGIN CREATEDB; END IF;
END \$\$;
ALTER ROLE mcpplaybooks PASSWORD '$password';
SELECT 'CREATE DATABASE mcpplaybooks OWNER mcpplaybooks' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'mcpplaybooks') \gexec
SQL

connection="Host=127.0.0.1;Port=$port;Username=mcpplaybooks;Password=$password;Database=mcpplaybooks"
umask 077
printf '%s\n' "$connection" >"$dir/connection"

if [[ -n $watch ]]; then
  # A watchdog outside the test process: when it is gone (even killed), the cluster stops and its folder goes.
  here=$(cd "$(dirname "$0")" && pwd)
  without_inherited_fds nohup setsid bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 2; done; "$2/stop.sh" "$3"' _ "$watch" "$here" "$dir" </dev/null >/dev/null 2>&1 &
fi

echo "$connection"
