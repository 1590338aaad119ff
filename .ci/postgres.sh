#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 on 127.0.0.1 and prints its URL; `.ci/postgres.sh stop DIR` stops it.
# As root it runs the server as the postgres user, the way Debian's binaries expect.
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
if [ "${1:-}" = stop ]; then
  dir=$2
  if [ "$(id -u)" = 0 ]; then su postgres -c "$BIN/pg_ctl -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
  else "$BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
  exit 0
fi
dir=$(mktemp -d /tmp/provider-intake-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
run() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
run "$BIN/initdb -D '$dir/data' -U postgres --auth=trust -E UTF8 >'$dir/initdb.log' 2>&1"
run "$BIN/pg_ctl -D '$dir/data' -l '$dir/server.log' -w -o \"-h 127.0.0.1 -p $port -k '$dir' -c max_connections=200 -c fsync=off\" start >/dev/null"
echo "PG_DIR=$dir"
echo "PG_URL=postgresql://postgres@127.0.0.1:$port/postgres"
