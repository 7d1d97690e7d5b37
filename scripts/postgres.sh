#!/usr/bin/env bash
# Starts the local PostgreSQL cluster (Debian's) if needed and prints a URL for a test database.
set -euo pipefail
command -v pg_lsclusters >/dev/null || { echo "PostgreSQL is not installed" >&2; exit 1; }
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
[ -n "$cluster" ] || { echo "no PostgreSQL cluster" >&2; exit 1; }
pg_lsclusters --no-header | awk 'NR==1 {print $4}' | grep -q online || pg_ctlcluster $cluster start >&2
port=$(pg_lsclusters --no-header | awk 'NR==1 {print $3}')
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 1; done
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
as_pg "psql -q -p $port -tc \"SELECT 1 FROM pg_roles WHERE rolname='sala'\" | grep -q 1 || psql -q -p $port -c \"CREATE ROLE sala LOGIN PASSWORD 'sala' CREATEDB\"" >/dev/null
# A new test database each run: every test makes its own schema in it.
as_pg "dropdb -p $port --if-exists sala_test && createdb -p $port -O sala sala_test" >/dev/null
# Only the URL goes to standard output (callers capture it).
echo "postgres://sala:sala@127.0.0.1:$port/sala_test"
