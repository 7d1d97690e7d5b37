#!/usr/bin/env bash
# Starts a built Sala on a fresh database with demo data and an admin, runs Playwright, stops it.
# Arguments go to Playwright, e.g. `bash scripts/e2e.sh tests/forum.spec.ts`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
SALA="$CARGO_TARGET_DIR/debug/sala"
E2E_DIR="$CARGO_TARGET_DIR/e2e"
rm -rf "$E2E_DIR"; mkdir -p "$E2E_DIR"
export DATABASE_URL="sqlite://$E2E_DIR/sala.db?mode=rwc"
export SALA_ADDR="127.0.0.1:${SALA_E2E_PORT:-3737}"
export SALA_E2E_URL="http://$SALA_ADDR"
export SALA_E2E_EMAIL="e2e-admin@example.org" SALA_E2E_PASSWORD="e2e-password-123"
"$SALA" demo >/dev/null
printf '%s\n' "$SALA_E2E_PASSWORD" | "$SALA" create-admin --email "$SALA_E2E_EMAIL" --name "E2E Admin" >/dev/null
"$SALA" serve >"$E2E_DIR/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
(cd end2end && npx playwright test "$@") || { echo "--- server log"; tail -50 "$E2E_DIR/server.log"; exit 1; }
