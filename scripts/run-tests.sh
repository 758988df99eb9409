#!/usr/bin/env bash
# Start a throwaway PostgreSQL, run the whole pytest suite against SQLite and PostgreSQL, stop PostgreSQL.
# Extra arguments go to pytest (e.g. scripts/run-tests.sh tests/test_store_schema.py -x).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
PG_URL="$(scripts/start-postgres.sh)"
trap 'scripts/stop-postgres.sh' EXIT
export QUOTETRACKER_TEST_PG="$PG_URL"
echo "PostgreSQL for the tests: $QUOTETRACKER_TEST_PG"
"$PY" -m pytest "$@"
