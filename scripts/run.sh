#!/usr/bin/env bash
# The first README command: set up, build, create the database, load demo data, serve.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --run
. scripts/env.sh

bash scripts/build.sh
SALA="$CARGO_TARGET_DIR/debug/sala"
export DATABASE_URL="${DATABASE_URL:-sqlite://data/sala.db?mode=rwc}"
"$SALA" migrate
"$SALA" demo
echo "Sala: http://${SALA_ADDR:-127.0.0.1:3000}  (create a staff admin with: $SALA create-admin --email you@example.org)"
exec "$SALA" serve
