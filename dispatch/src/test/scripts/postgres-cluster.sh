#!/bin/sh
# A private PostgreSQL cluster on loopback for the dispatch journal's tests, from Debian's packages.
#   postgres-cluster.sh start DIR PORT   install postgresql if missing (root, apt-get), initdb DIR/data, start
#   postgres-cluster.sh stop DIR         stop it (immediate)
# Exit 0 on success, 3 when PostgreSQL cannot be installed or started here (not root, no apt-get).
set -eu
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
BIN=$(find_bin)
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "PostgreSQL is missing and cannot be installed here (needs root and apt-get): install Debian's 'postgresql'" >&2
    exit 3
  fi
  export DEBIAN_FRONTEND=noninteractive
  APT="apt-get -q -o DPkg::Lock::Timeout=600"
  $APT update >/dev/null || echo "apt-get update failed; trying with the current package lists" >&2
  $APT install -y --no-install-recommends postgresql >/dev/null
  BIN=$(find_bin)
  [ -n "$BIN" ] && [ -x "$BIN/initdb" ] || { echo "postgresql installed but initdb not found" >&2; exit 3; }
fi
DIR=$2
RUN=""
if [ "$(id -u)" = "0" ]; then
  # PostgreSQL refuses to run as root: the cluster belongs to the 'postgres' user the package creates.
  RUN="runuser -u postgres --"
fi
case "$1" in
  start)
    PORT=$3
    mkdir -p "$DIR"
    [ -z "$RUN" ] || { chmod 755 "$DIR"; chown postgres "$DIR"; }
    $RUN "$BIN/initdb" -D "$DIR/data" -U segur --auth=trust -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 3; }
    $RUN "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
      -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DIR -c fsync=off -c max_connections=50" start >/dev/null \
      || { cat "$DIR/server.log" >&2; exit 3; }
    ;;
  stop)
    $RUN "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
