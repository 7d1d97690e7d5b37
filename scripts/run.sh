#!/usr/bin/env bash
# The first README command: set up, build, create the database, load demo data, serve.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

# The Debian packages (fonts, brotli) are fetched while the server compiles; the wasm's
# tools are installed by build.sh beside it too. brotli is needed only once the wasm is built.
bash scripts/setup.sh --run &
setup_pid=$!
SALA_SETUP_PID=$setup_pid bash scripts/build.sh
wait "$setup_pid"
SALA="$CARGO_TARGET_DIR/debug/sala"
export DATABASE_URL="${DATABASE_URL:-sqlite://data/sala.db?mode=rwc}"
"$SALA" migrate
"$SALA" demo
echo "Sala: http://${SALA_ADDR:-127.0.0.1:3000}  (create a staff admin with: $SALA create-admin --email you@example.org)"
exec "$SALA" serve
