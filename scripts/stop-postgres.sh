#!/usr/bin/env bash
# Stop the throwaway cluster of scripts/start-postgres.sh and delete its files.
set -euo pipefail
DIR="${QT_PG_DIR:-/tmp/quotetracker-pg}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -f "$DIR/PG_VERSION" ] || exit 0
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
as_owner "$BIN/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null 2>&1 || true
rm -rf "$DIR" "$DIR.initdb.log"
