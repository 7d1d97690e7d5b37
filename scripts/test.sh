#!/usr/bin/env bash
# The second README command: every check and test. Unit and database tests on SQLite,
# the same database tests on PostgreSQL, then the browser tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
say() { printf '\033[1m== %s\033[0m\n' "$*"; }

say "format and lints"
cargo fmt --all --check
cargo clippy --all-targets -- -D warnings

say "the browser bundle carries no server-only crates"
bash scripts/check-wasm-deps.sh

if [ -z "${TEST_DATABASE_URL:-}" ] && command -v pg_lsclusters >/dev/null; then
  TEST_DATABASE_URL=$(bash scripts/postgres.sh | tail -n 1) || TEST_DATABASE_URL=""
fi
if [ -z "${TEST_DATABASE_URL:-}" ] && [ "${CI:-}" = true ]; then
  echo "PostgreSQL is required on CI (scripts/postgres.sh gave no database)" >&2
  exit 1
fi

# The SQLite pass still knows where PostgreSQL is, for the tests that use both (copy-db).
say "tests on SQLite"
env -u TEST_DATABASE_URL TEST_POSTGRES_URL="${TEST_DATABASE_URL:-}" cargo test

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  say "database tests on PostgreSQL"
  TEST_DATABASE_URL="$TEST_DATABASE_URL" cargo test
else
  say "PostgreSQL not available: skipping its run"
fi

say "end-to-end tests in Chromium"
bash scripts/build.sh
bash scripts/e2e.sh
